//! Compute hosts: the hypervisors and services the demo cloud pretends to
//! run, each host's availability zone and usage, the scheduler that places
//! servers on them, and the guest CPU topology the "hypervisor" picks.
//!
//! Usage is never stored: it is the sum over the live servers on a host,
//! so it follows creates, deletes and resizes by itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;
use topology::{Topology, TopologyError};

use super::availability_zones::ZONE;
use super::flavors::{self, Flavor};
use super::Fault;
use crate::db::now_micros;

/// Nova's default allocation ratios: they decide what fits, while the
/// hypervisors show the real sums.
pub const CPU_ALLOCATION_RATIO: f64 = 16.0;
pub const RAM_ALLOCATION_RATIO: f64 = 1.5;
pub const DISK_ALLOCATION_RATIO: f64 = 1.0;

/// Nova's `internal_service_availability_zone`: the zone of every service
/// but nova-compute.
pub const INTERNAL_ZONE: &str = "internal";
pub const COMPUTE_BINARY: &str = "nova-compute";
/// Host of the control-plane services.
pub const CONTROLLER: &str = "controller";

/// The scheduler's refusal, as the instance fault shows it.
pub const NO_VALID_HOST: &str = "No valid host was found. There are not enough hosts available.";

/// A host seeded once, with its physical CPU topology.
struct SeedHost {
    host: &'static str,
    ip: &'static str,
    vcpus: i64,
    memory_mb: i64,
    local_gb: i64,
    sockets: i64,
    cores: i64,
    threads: i64,
}

const SEED_HOSTS: [SeedHost; 3] = [
    SeedHost {
        host: "compute-1",
        ip: "192.168.100.11",
        vcpus: 16,
        memory_mb: 32768,
        local_gb: 500,
        sockets: 1,
        cores: 8,
        threads: 2,
    },
    SeedHost {
        host: "compute-2",
        ip: "192.168.100.12",
        vcpus: 32,
        memory_mb: 131072,
        local_gb: 2000,
        sockets: 2,
        cores: 8,
        threads: 2,
    },
    SeedHost {
        host: "compute-3",
        ip: "192.168.100.13",
        vcpus: 8,
        memory_mb: 16384,
        local_gb: 250,
        sockets: 1,
        cores: 4,
        threads: 2,
    },
];

/// libvirt reports QEMU 8.2.2 as 8002002.
const HYPERVISOR_VERSION: i64 = 8_002_002;

/// Nova's timestamps without a zone, e.g. `2012-10-29T13:42:02.000000`
/// (services, aggregates, availability zones).
pub fn naive_time(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.6f")
        .to_string()
}

/// Nova's strict query schemas: any other parameter is a 400.
pub fn only_params(params: &crate::http::Params, allowed: &[&str]) -> Result<(), Fault> {
    super::only_keys(params.0.keys(), allowed)
}

/// oslo's strict `bool_from_string`, as Nova's boolean parameters take it.
pub fn parse_bool(field: &str, value: &str) -> Result<bool, Fault> {
    match value.to_ascii_lowercase().as_str() {
        "1" | "t" | "true" | "on" | "y" | "yes" => Ok(true),
        "0" | "f" | "false" | "off" | "n" | "no" => Ok(false),
        _ => Err(Fault::bad_request(format!(
            "Invalid input for query parameters {field}. Value: {value}. '{value}' is not \
             a valid boolean"
        ))),
    }
}

// ---------------------------------------------------------------------------
// Rows

/// A hypervisor (Nova's compute node).
#[derive(Clone, Debug)]
pub struct ComputeNode {
    pub id: i64,
    pub uuid: String,
    pub host: String,
    pub hypervisor_hostname: String,
    pub hypervisor_type: String,
    pub hypervisor_version: i64,
    pub host_ip: String,
    pub vcpus: i64,
    pub memory_mb: i64,
    pub local_gb: i64,
    /// libvirt's CPU description, JSON text.
    pub cpu_info: String,
}

const NODE_COLUMNS: &str = "id, uuid, host, hypervisor_hostname, hypervisor_type, \
    hypervisor_version, host_ip, vcpus, memory_mb, local_gb, cpu_info";

impl ComputeNode {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<ComputeNode> {
        Ok(ComputeNode {
            id: r.get(0)?,
            uuid: r.get(1)?,
            host: r.get(2)?,
            hypervisor_hostname: r.get(3)?,
            hypervisor_type: r.get(4)?,
            hypervisor_version: r.get(5)?,
            host_ip: r.get(6)?,
            vcpus: r.get(7)?,
            memory_mb: r.get(8)?,
            local_gb: r.get(9)?,
            cpu_info: r.get(10)?,
        })
    }
}

/// Every hypervisor, oldest first (Nova's order by id).
pub fn nodes(conn: &Connection) -> Result<Vec<ComputeNode>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {NODE_COLUMNS} FROM compute_nodes ORDER BY id"
    ))?;
    let rows = stmt.query_map([], ComputeNode::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn node_of_host(conn: &Connection, host: &str) -> Result<Option<ComputeNode>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {NODE_COLUMNS} FROM compute_nodes WHERE host = ?1"),
            params![host],
            ComputeNode::from_row,
        )
        .optional()?)
}

/// A Nova service (`os-services`).
#[derive(Clone, Debug)]
pub struct Service {
    pub id: i64,
    pub uuid: String,
    pub host: String,
    pub binary: String,
    pub disabled: bool,
    pub disabled_reason: Option<String>,
    pub forced_down: bool,
    pub updated_at: i64,
}

const SERVICE_COLUMNS: &str =
    "id, uuid, host, binary, disabled, disabled_reason, forced_down, updated_at";

impl Service {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Service> {
        Ok(Service {
            id: r.get(0)?,
            uuid: r.get(1)?,
            host: r.get(2)?,
            binary: r.get(3)?,
            disabled: r.get(4)?,
            disabled_reason: r.get(5)?,
            forced_down: r.get(6)?,
            updated_at: r.get(7)?,
        })
    }

    /// The service group's verdict: every service reports in, unless an
    /// operator forced it down.
    pub fn is_up(&self) -> bool {
        !self.forced_down
    }

    /// `internal` for control-plane services, the host's zone for computes.
    pub fn zone(&self, zones: &HashMap<String, String>) -> String {
        if self.binary == COMPUTE_BINARY {
            zones
                .get(&self.host)
                .cloned()
                .unwrap_or_else(|| ZONE.to_owned())
        } else {
            INTERNAL_ZONE.to_owned()
        }
    }

    /// The last heartbeat: a live service reported a moment ago.
    pub fn last_seen(&self) -> i64 {
        if self.is_up() {
            // Heartbeats come every 10 seconds.
            let now = now_micros();
            now - now % 10_000_000
        } else {
            self.updated_at
        }
    }
}

/// Every service, oldest first.
pub fn services(conn: &Connection) -> Result<Vec<Service>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {SERVICE_COLUMNS} FROM compute_services ORDER BY id"
    ))?;
    let rows = stmt.query_map([], Service::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The nova-compute service of `host`, if it has one.
pub fn compute_service(conn: &Connection, host: &str) -> Result<Option<Service>, Fault> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {SERVICE_COLUMNS} FROM compute_services
                 WHERE host = ?1 AND binary = ?2"
            ),
            params![host, COMPUTE_BINARY],
            Service::from_row,
        )
        .optional()?)
}

// ---------------------------------------------------------------------------
// Seeding

/// Seeds the controller and the three compute hosts once (meta key
/// `compute_hosts_seeded`, apart from `compute_seeded` so that databases
/// from before hosts existed get them too), then puts every server that has
/// no host yet on one.
pub fn seed(conn: &Connection) -> Result<bool, Fault> {
    let seeded: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'compute_hosts_seeded'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if seeded.is_some() {
        return Ok(false);
    }
    let now = now_micros();
    let add_service = |host: &str, binary: &str| -> Result<(), Fault> {
        conn.execute(
            "INSERT OR IGNORE INTO compute_services
                 (uuid, host, binary, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![uuid::Uuid::new_v4().to_string(), host, binary, now],
        )?;
        Ok(())
    };
    add_service(CONTROLLER, "nova-scheduler")?;
    add_service(CONTROLLER, "nova-conductor")?;
    for h in SEED_HOSTS {
        let (sockets, cores, threads) = (h.sockets, h.cores, h.threads);
        add_service(h.host, COMPUTE_BINARY)?;
        let cpu_info = json!({
            "arch": "x86_64",
            "model": "Cascadelake-Server-noTSX",
            "vendor": "Intel",
            "topology": {"cells": sockets, "sockets": sockets, "cores": cores, "threads": threads},
            "features": [
                "pge", "clflush", "sep", "syscall", "vme", "msr", "cmov", "fpu", "pat", "lm",
                "tsc", "nx", "fxsr", "sse4.1", "pae", "sse4.2", "pclmuldq", "mmx", "cx8", "mce",
                "de", "rdtscp", "mca", "pse", "pni", "popcnt", "apic", "sse", "aes", "sse2",
                "hypervisor", "ssse3", "cx16", "avx", "avx2", "avx512f", "x2apic",
            ],
        });
        conn.execute(
            "INSERT OR IGNORE INTO compute_nodes (uuid, host, hypervisor_hostname,
                 hypervisor_type, hypervisor_version, host_ip, vcpus, memory_mb, local_gb,
                 cpu_info, created_at)
             VALUES (?1, ?2, ?2, 'QEMU', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                uuid::Uuid::new_v4().to_string(),
                h.host,
                HYPERVISOR_VERSION,
                h.ip,
                h.vcpus,
                h.memory_mb,
                h.local_gb,
                cpu_info.to_string(),
                now
            ],
        )?;
    }
    place_unhosted(conn)?;
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('compute_hosts_seeded', ?1)",
        params![now.to_string()],
    )?;
    Ok(true)
}

/// Puts every live server without a host (and without a fault) on one:
/// where the scheduler would, or else where most RAM is free, since an
/// existing server must live somewhere.
pub fn place_unhosted(conn: &Connection) -> Result<(), Fault> {
    let unhosted: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT id, flavor_id FROM servers WHERE deleted_at IS NULL AND host IS NULL
                 AND fault_code IS NULL AND vm_state != 'shelved_offloaded'
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (id, flavor_id) in unhosted {
        let request = flavors::get_by_id(conn, &flavor_id)?
            .map(|f| Request::of(&f))
            .unwrap_or_default();
        let states = host_states(conn, None)?;
        let chosen = pick(&states, &request, &Filter::default()).or_else(|| {
            states
                .iter()
                .max_by(|a, b| weigh(a, b))
                .map(|s| s.destination())
        });
        if let Some(d) = chosen {
            conn.execute(
                "UPDATE servers SET host = ?2, availability_zone = ?3 WHERE id = ?1",
                params![id, d.host, d.zone],
            )?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Zones

/// The zone of every host in an aggregate with an `availability_zone`;
/// other hosts are in the default zone. A host in several such aggregates
/// (all with the same zone, which adding hosts enforces) shows Nova's
/// comma-joined list.
pub fn host_zones(conn: &Connection) -> Result<HashMap<String, String>, Fault> {
    let mut stmt = conn.prepare(
        "SELECT h.host, m.value FROM aggregate_hosts h
         JOIN aggregate_metadata m ON m.aggregate_id = h.aggregate_id
         WHERE m.key = 'availability_zone'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut zones: HashMap<String, BTreeSet<String>> = HashMap::new();
    for row in rows {
        let (host, zone) = row?;
        zones.entry(host).or_default().insert(zone);
    }
    Ok(zones
        .into_iter()
        .map(|(host, set)| (host, set.into_iter().collect::<Vec<_>>().join(",")))
        .collect())
}

/// The zone of one compute host.
pub fn zone_of(conn: &Connection, host: &str) -> Result<String, Fault> {
    Ok(host_zones(conn)?
        .remove(host)
        .unwrap_or_else(|| ZONE.to_owned()))
}

/// Zones with at least one enabled service, and zones whose services are
/// all disabled (Nova's `get_availability_zones`), each sorted.
pub fn availability_zones(conn: &Connection) -> Result<(Vec<String>, Vec<String>), Fault> {
    let zones = host_zones(conn)?;
    let mut available = BTreeSet::new();
    let mut disabled = BTreeSet::new();
    for s in services(conn)? {
        if s.disabled {
            disabled.insert(s.zone(&zones));
        } else {
            available.insert(s.zone(&zones));
        }
    }
    let unavailable = disabled.difference(&available).cloned().collect();
    Ok((available.into_iter().collect(), unavailable))
}

// ---------------------------------------------------------------------------
// Usage and scheduling

/// What the live servers on a host hold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub vcpus: i64,
    pub memory_mb: i64,
    pub local_gb: i64,
    pub running_vms: i64,
    /// Servers with a task under way (Nova's `current_workload`).
    pub current_workload: i64,
}

/// What a flavor asks of a host: root, ephemeral and swap disk count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub vcpus: i64,
    pub memory_mb: i64,
    pub disk_gb: i64,
}

impl Request {
    pub fn of(f: &Flavor) -> Request {
        Request {
            vcpus: f.vcpus,
            memory_mb: f.ram,
            disk_gb: disk_gb(f.disk, f.ephemeral, f.swap),
        }
    }
}

/// Root and ephemeral disk plus swap (MB) in whole gigabytes.
fn disk_gb(root_gb: i64, ephemeral_gb: i64, swap_mb: i64) -> i64 {
    root_gb + ephemeral_gb + (swap_mb + 1023) / 1024
}

/// The usage of every host, leaving out `moving` (a server being resized,
/// whose old claim the new one replaces). Shelved-offloaded servers hold
/// nothing.
pub fn usage_by_host(
    conn: &Connection,
    moving: Option<&str>,
) -> Result<HashMap<String, Usage>, Fault> {
    super::servers::settle(conn)?;
    let mut stmt = conn.prepare(
        "SELECT s.host, COUNT(*),
             COALESCE(SUM(f.vcpus), 0), COALESCE(SUM(f.ram), 0),
             COALESCE(SUM(f.disk + f.ephemeral + (f.swap + 1023) / 1024), 0),
             COALESCE(SUM(s.task_state IS NOT NULL), 0)
         FROM servers s LEFT JOIN flavors f ON f.id = s.flavor_id
         WHERE s.host IS NOT NULL AND s.deleted_at IS NULL
             AND s.vm_state != 'shelved_offloaded' AND s.id IS NOT ?1
         GROUP BY s.host",
    )?;
    let rows = stmt.query_map(params![moving], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Usage {
                running_vms: r.get(1)?,
                vcpus: r.get(2)?,
                memory_mb: r.get(3)?,
                local_gb: r.get(4)?,
                current_workload: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One host as the scheduler sees it.
#[derive(Clone, Debug)]
pub struct HostState {
    pub node: ComputeNode,
    pub zone: String,
    pub service: Option<Service>,
    pub usage: Usage,
}

impl HostState {
    /// The compute service takes new servers (Nova's ComputeFilter).
    fn accepts(&self) -> bool {
        self.service
            .as_ref()
            .is_some_and(|s| !s.disabled && s.is_up())
    }

    fn fits(&self, r: &Request) -> bool {
        let room = |total: i64, ratio: f64, used: i64, wanted: i64| {
            (total as f64 * ratio) - used as f64 >= wanted as f64
        };
        room(
            self.node.vcpus,
            CPU_ALLOCATION_RATIO,
            self.usage.vcpus,
            r.vcpus,
        ) && room(
            self.node.memory_mb,
            RAM_ALLOCATION_RATIO,
            self.usage.memory_mb,
            r.memory_mb,
        ) && room(
            self.node.local_gb,
            DISK_ALLOCATION_RATIO,
            self.usage.local_gb,
            r.disk_gb,
        )
    }

    pub fn free_ram_mb(&self) -> i64 {
        self.node.memory_mb - self.usage.memory_mb
    }

    fn consume(&mut self, r: &Request) {
        self.usage.vcpus += r.vcpus;
        self.usage.memory_mb += r.memory_mb;
        self.usage.local_gb += r.disk_gb;
        self.usage.running_vms += 1;
    }

    fn destination(&self) -> Destination {
        Destination {
            host: self.node.host.clone(),
            zone: self.zone.clone(),
        }
    }
}

/// Every hypervisor with its zone, service and usage (without `moving`).
pub fn host_states(conn: &Connection, moving: Option<&str>) -> Result<Vec<HostState>, Fault> {
    let zones = host_zones(conn)?;
    let mut usage = usage_by_host(conn, moving)?;
    let mut services: HashMap<String, Service> = services(conn)?
        .into_iter()
        .filter(|s| s.binary == COMPUTE_BINARY)
        .map(|s| (s.host.clone(), s))
        .collect();
    Ok(nodes(conn)?
        .into_iter()
        .map(|node| HostState {
            zone: zones
                .get(&node.host)
                .cloned()
                .unwrap_or_else(|| ZONE.to_owned()),
            service: services.remove(&node.host),
            usage: usage.remove(&node.host).unwrap_or_default(),
            node,
        })
        .collect())
}

/// Where a server goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    pub host: String,
    pub zone: String,
}

/// What a request restricts the scheduler to.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// The availability zone asked for.
    pub zone: Option<String>,
    /// A host (`zone:host` for admins, or 2.74's `host`).
    pub host: Option<String>,
    /// A hypervisor (`zone:host:node`, or 2.74's `hypervisor_hostname`).
    pub node: Option<String>,
    /// The legacy `zone:host:node` form bypasses the filters (but not the
    /// resources), as Nova's forced hosts do.
    pub forced: bool,
}

impl Filter {
    fn passes(&self, s: &HostState) -> bool {
        if self.host.as_deref().is_some_and(|h| h != s.node.host) {
            return false;
        }
        if self
            .node
            .as_deref()
            .is_some_and(|n| n != s.node.hypervisor_hostname)
        {
            return false;
        }
        if self.forced {
            return true;
        }
        s.accepts() && self.zone.as_deref().is_none_or(|z| z == s.zone)
    }
}

/// Nova's RAMWeigher: most free RAM first; the name breaks ties so the
/// choice is stable.
fn weigh(a: &HostState, b: &HostState) -> std::cmp::Ordering {
    a.free_ram_mb()
        .cmp(&b.free_ram_mb())
        .then_with(|| b.node.host.cmp(&a.node.host))
}

fn pick(states: &[HostState], request: &Request, filter: &Filter) -> Option<Destination> {
    states
        .iter()
        .filter(|s| filter.passes(s) && s.fits(request))
        .max_by(|a, b| weigh(a, b))
        .map(HostState::destination)
}

/// Places `count` servers of `request`, each on the host with the most
/// free RAM left after the ones before; `None` (Nova's NoValidHost) when
/// any of them finds no host. `moving` is a server whose current claim is
/// given up (a resize).
pub fn schedule(
    conn: &Connection,
    request: &Request,
    filter: &Filter,
    count: usize,
    moving: Option<&str>,
) -> Result<Option<Vec<Destination>>, Fault> {
    let mut states = host_states(conn, moving)?;
    let mut chosen = Vec::with_capacity(count);
    for _ in 0..count {
        let Some(d) = pick(&states, request, filter) else {
            return Ok(None);
        };
        if let Some(s) = states.iter_mut().find(|s| s.node.host == d.host) {
            s.consume(request);
        }
        chosen.push(d);
    }
    Ok(Some(chosen))
}

// ---------------------------------------------------------------------------
// Instance faults

/// An instance fault, shown with servers in ERROR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstanceFault {
    pub code: i64,
    pub message: String,
    /// The traceback Nova keeps; shown to admins only for code 500.
    pub details: String,
}

impl InstanceFault {
    /// The conductor's NoValidHost.
    pub fn no_valid_host() -> InstanceFault {
        InstanceFault {
            code: 500,
            message: NO_VALID_HOST.to_owned(),
            details: format!(
                "Traceback (most recent call last):\n  File \
                 \"/usr/lib/python3/dist-packages/nova/conductor/manager.py\", line 1654, in \
                 schedule_and_build_instances\n    host_lists = \
                 self._schedule_instances(context, request_specs[0],\n  File \
                 \"/usr/lib/python3/dist-packages/nova/scheduler/manager.py\", line 246, in \
                 select_destinations\n    raise exception.NoValidHost(reason=\"\")\n\
                 nova.exception.NoValidHost: {NO_VALID_HOST}\n"
            ),
        }
    }

    /// A build the driver could not spawn; Nova reports the reason of its
    /// RescheduledException, a 500.
    pub fn spawn_failed(message: &str) -> InstanceFault {
        InstanceFault {
            code: 500,
            message: message.to_owned(),
            details: format!(
                "Traceback (most recent call last):\n  File \
                 \"/usr/lib/python3/dist-packages/nova/compute/manager.py\", line 2743, in \
                 _build_and_run_instance\n    self.driver.spawn(context, instance, \
                 image_meta,\nnova.exception.RescheduledException: Build of instance was \
                 re-scheduled: {message}\n"
            ),
        }
    }
}

/// Records `fault` as the server's latest fault.
pub fn record_fault(
    conn: &Connection,
    server_id: &str,
    fault: &InstanceFault,
) -> Result<(), Fault> {
    conn.execute(
        "UPDATE servers SET fault_code = ?2, fault_message = ?3, fault_details = ?4,
             fault_created_at = ?5 WHERE id = ?1",
        params![
            server_id,
            fault.code,
            fault.message,
            fault.details,
            now_micros()
        ],
    )?;
    Ok(())
}

/// Settles a new server's build: on its host with its topology, or on no
/// host, ending in ERROR with the fault once the build time is over.
pub fn place(
    conn: &Connection,
    server_id: &str,
    outcome: Result<(&Destination, Topology), InstanceFault>,
) -> Result<(), Fault> {
    match outcome {
        Ok((d, t)) => {
            conn.execute(
                "UPDATE servers SET host = ?2, availability_zone = ?3 WHERE id = ?1",
                params![server_id, d.host, d.zone],
            )?;
            store_topology(conn, server_id, Some(t))
        }
        Err(fault) => {
            conn.execute(
                "UPDATE servers SET host = NULL, pending_vm_state = 'error',
                     pending_power_state = 0 WHERE id = ?1",
                params![server_id],
            )?;
            store_topology(conn, server_id, None)?;
            record_fault(conn, server_id, &fault)
        }
    }
}

// ---------------------------------------------------------------------------
// Guest CPU topology

pub fn flavor_extra_specs(
    conn: &Connection,
    flavor_id: &str,
) -> Result<BTreeMap<String, String>, Fault> {
    let mut stmt =
        conn.prepare("SELECT key, value FROM flavor_extra_specs WHERE flavor_id = ?1")?;
    let rows = stmt.query_map(params![flavor_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The image's Glance properties; none for an unknown image.
pub fn image_properties(
    conn: &Connection,
    image_id: &str,
) -> Result<BTreeMap<String, String>, Fault> {
    let mut stmt = conn.prepare("SELECT name, value FROM image_properties WHERE image_id = ?1")?;
    let rows = stmt.query_map(params![image_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Runs `f` with the topology inputs of a flavor and an image.
fn with_inputs<T>(
    conn: &Connection,
    flavor: &Flavor,
    image_ref: &str,
    f: impl FnOnce(&topology::Flavor<'_>, &BTreeMap<String, String>) -> T,
) -> Result<T, Fault> {
    let specs = flavor_extra_specs(conn, &flavor.id)?;
    let props = image_properties(conn, image_ref)?;
    let input = topology::Flavor {
        vcpus: flavor.vcpus,
        extra_specs: &specs,
    };
    Ok(f(&input, &props))
}

/// The API's check before a build, rebuild or resize (Nova's
/// `_validate_flavor_image_nostatus`): limits that can never work are a 400.
pub fn check_topology(conn: &Connection, flavor: &Flavor, image_ref: &str) -> Result<(), Fault> {
    with_inputs(conn, flavor, image_ref, |f, props| {
        topology::get_cpu_topology_constraints(f, props).map(|_| ())
    })?
    .map_err(|e| Fault::bad_request(e.to_string()))
}

/// The topology the driver gives the guest at spawn, or why it cannot
/// spawn (the message of the instance fault).
pub fn best_topology(
    conn: &Connection,
    flavor: &Flavor,
    image_ref: &str,
) -> Result<Result<Topology, String>, Fault> {
    let best = with_inputs(conn, flavor, image_ref, |f, props| {
        topology::get_best_cpu_topology(f, props, true, &[])
    })?;
    Ok(best.map_err(|e: TopologyError| e.to_string()))
}

pub fn store_topology(
    conn: &Connection,
    server_id: &str,
    t: Option<Topology>,
) -> Result<(), Fault> {
    conn.execute(
        "UPDATE servers SET cpu_sockets = ?2, cpu_cores = ?3, cpu_threads = ?4 WHERE id = ?1",
        params![
            server_id,
            t.map(|t| t.sockets),
            t.map(|t| t.cores),
            t.map(|t| t.threads)
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(host: &str, memory_mb: i64, used_mb: i64, disabled: bool) -> HostState {
        HostState {
            node: ComputeNode {
                id: 1,
                uuid: String::new(),
                host: host.to_owned(),
                hypervisor_hostname: host.to_owned(),
                hypervisor_type: "QEMU".to_owned(),
                hypervisor_version: HYPERVISOR_VERSION,
                host_ip: String::new(),
                vcpus: 1,
                memory_mb,
                local_gb: 10,
                cpu_info: "{}".to_owned(),
            },
            zone: ZONE.to_owned(),
            service: Some(Service {
                id: 1,
                uuid: String::new(),
                host: host.to_owned(),
                binary: COMPUTE_BINARY.to_owned(),
                disabled,
                disabled_reason: None,
                forced_down: false,
                updated_at: 0,
            }),
            usage: Usage {
                memory_mb: used_mb,
                ..Usage::default()
            },
        }
    }

    #[test]
    fn ratios_decide_what_fits() {
        let s = state("a", 1000, 0, false);
        // 1 pCPU holds 16 vCPUs, 1000 MB hold 1500 MB.
        let fits = |vcpus, memory_mb, disk_gb| {
            s.fits(&Request {
                vcpus,
                memory_mb,
                disk_gb,
            })
        };
        assert!(fits(16, 1500, 10));
        assert!(!fits(17, 1, 1));
        assert!(!fits(1, 1501, 1));
        assert!(!fits(1, 1, 11));
    }

    #[test]
    fn most_free_ram_wins_and_disabled_hosts_are_skipped() {
        let states = vec![
            state("a", 4096, 0, false),
            state("b", 8192, 0, true),
            state("c", 8192, 1024, false),
        ];
        let r = Request {
            vcpus: 1,
            memory_mb: 512,
            disk_gb: 1,
        };
        let d = pick(&states, &r, &Filter::default()).expect("a host");
        assert_eq!(d.host, "c");
        let forced = Filter {
            host: Some("b".to_owned()),
            forced: true,
            ..Filter::default()
        };
        assert_eq!(
            pick(&states, &r, &forced).map(|d| d.host).as_deref(),
            Some("b")
        );
        let zoned = Filter {
            zone: Some("elsewhere".to_owned()),
            ..Filter::default()
        };
        assert_eq!(pick(&states, &r, &zoned), None);
    }

    #[test]
    fn swap_counts_in_whole_gigabytes() {
        assert_eq!(disk_gb(10, 5, 512), 16);
        assert_eq!(disk_gb(10, 0, 0), 10);
        assert_eq!(disk_gb(1, 0, 1025), 3);
    }
}
