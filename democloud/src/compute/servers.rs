//! Servers: `/servers`, `/servers/detail`, `/servers/{id}`, plus server
//! metadata and tags.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use topology::Topology;

use super::flavors::{self, Flavor};
use super::hosts::{self, InstanceFault};
use super::quotas::{self, Usage};
use super::server_groups;
use super::ProjectAuth;
use super::{
    call, format_time, links, next_link, parse_time, path, Fault, Microversion, NJson, NPath,
};
use crate::db::now_micros;
use crate::http::{Params, RequestId};
use crate::network::nova as nova_net;
use crate::state::AppState;

pub const POWER_RUNNING: i64 = 1;
pub const POWER_PAUSED: i64 = 3;
pub const POWER_SHUTDOWN: i64 = 4;
pub const POWER_SUSPENDED: i64 = 7;

#[derive(Clone, Debug)]
pub struct Server {
    pub id: String,
    pub seq: i64,
    pub project_id: String,
    pub user_id: String,
    pub name: String,
    pub description: Option<String>,
    pub flavor_id: String,
    pub image_ref: String,
    pub key_name: Option<String>,
    pub availability_zone: String,
    pub vm_state: String,
    pub task_state: Option<String>,
    pub power_state: i64,
    pub locked: bool,
    pub locked_reason: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub launched_at: Option<i64>,
    pub deleted_at: Option<i64>,
    /// The compute host; `None` when no host took it (or it is offloaded).
    pub host: Option<String>,
    /// The guest CPU topology chosen at spawn, if any.
    pub topology: Option<Topology>,
    pub fault: Option<StoredFault>,
}

/// The instance fault kept with a server.
#[derive(Clone, Debug)]
pub struct StoredFault {
    pub code: i64,
    pub message: String,
    pub details: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, seq, project_id, user_id, name, description, flavor_id, \
    image_ref, key_name, availability_zone, vm_state, task_state, power_state, locked, \
    locked_reason, created_at, updated_at, launched_at, deleted_at, host, cpu_sockets, \
    cpu_cores, cpu_threads, fault_code, fault_message, fault_details, fault_created_at";

impl Server {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Server> {
        Ok(Server {
            id: r.get(0)?,
            seq: r.get(1)?,
            project_id: r.get(2)?,
            user_id: r.get(3)?,
            name: r.get(4)?,
            description: r.get(5)?,
            flavor_id: r.get(6)?,
            image_ref: r.get(7)?,
            key_name: r.get(8)?,
            availability_zone: r.get(9)?,
            vm_state: r.get(10)?,
            task_state: r.get(11)?,
            power_state: r.get(12)?,
            locked: r.get(13)?,
            locked_reason: r.get(14)?,
            created_at: r.get(15)?,
            updated_at: r.get(16)?,
            launched_at: r.get(17)?,
            deleted_at: r.get(18)?,
            host: r.get(19)?,
            topology: match (r.get(20)?, r.get(21)?, r.get(22)?) {
                (Some(sockets), Some(cores), Some(threads)) => Some(Topology {
                    sockets,
                    cores,
                    threads,
                }),
                _ => None,
            },
            fault: match (
                r.get::<_, Option<i64>>(23)?,
                r.get::<_, Option<String>>(24)?,
            ) {
                (Some(code), Some(message)) => Some(StoredFault {
                    code,
                    message,
                    details: r.get::<_, Option<String>>(25)?.unwrap_or_default(),
                    created_at: r.get::<_, Option<i64>>(26)?.unwrap_or_default(),
                }),
                _ => None,
            },
        })
    }

    /// The host it occupies: a shelved-offloaded server has none.
    pub fn current_host(&self) -> Option<&str> {
        if self.vm_state == "shelved_offloaded" {
            None
        } else {
            self.host.as_deref()
        }
    }

    /// The guest topology: the stored one, else what Nova picks without
    /// any constraint (one socket per vCPU).
    pub fn guest_topology(&self, vcpus: i64) -> Topology {
        self.topology.unwrap_or(Topology {
            sockets: vcpus.max(1),
            cores: 1,
            threads: 1,
        })
    }

    /// The API status Nova derives from vm_state and task_state.
    pub fn status(&self) -> &'static str {
        status_of(&self.vm_state, self.task_state.as_deref())
    }
}

pub fn status_of(vm_state: &str, task_state: Option<&str>) -> &'static str {
    match (vm_state, task_state) {
        ("active", Some("rebooting" | "reboot_pending" | "reboot_started")) => "REBOOT",
        (
            "active" | "stopped",
            Some("rebooting_hard" | "reboot_pending_hard" | "reboot_started_hard"),
        ) => "HARD_REBOOT",
        ("active" | "stopped" | "error", Some("rebuilding" | "rebuild_spawning")) => "REBUILD",
        ("active" | "stopped", Some("resize_prep" | "resize_migrating" | "resize_finish")) => {
            "RESIZE"
        }
        ("resized", Some("resize_reverting")) => "REVERT_RESIZE",
        ("active", _) => "ACTIVE",
        ("building", _) => "BUILD",
        ("stopped", _) => "SHUTOFF",
        ("resized", _) => "VERIFY_RESIZE",
        ("paused", _) => "PAUSED",
        ("suspended", _) => "SUSPENDED",
        ("shelved", _) => "SHELVED",
        ("shelved_offloaded", _) => "SHELVED_OFFLOADED",
        ("deleted", _) => "DELETED",
        ("error", _) => "ERROR",
        _ => "UNKNOWN",
    }
}

/// Applies every pending transition that is due by now. A build that
/// ends in ERROR never launched.
pub fn settle(conn: &Connection) -> Result<(), Fault> {
    conn.execute(
        "UPDATE servers SET vm_state = pending_vm_state,
             power_state = pending_power_state, task_state = NULL,
             updated_at = pending_until,
             launched_at = CASE WHEN pending_vm_state = 'error' AND launched_at IS NULL
                 THEN NULL ELSE COALESCE(launched_at, pending_until) END,
             pending_until = NULL, pending_vm_state = NULL, pending_power_state = NULL
         WHERE pending_until IS NOT NULL AND pending_until <= ?1",
        params![now_micros()],
    )?;
    Ok(())
}

/// Starts a transition: `task_state` now, `vm_state`/`power_state` after `delay`.
pub fn begin_transition(
    conn: &Connection,
    id: &str,
    task_state: &str,
    vm_state: &str,
    power_state: i64,
    delay: Duration,
) -> Result<(), Fault> {
    let now = now_micros();
    conn.execute(
        "UPDATE servers SET task_state = ?2, pending_until = ?3, pending_vm_state = ?4,
             pending_power_state = ?5, updated_at = ?6 WHERE id = ?1",
        params![
            id,
            task_state,
            now + delay.as_micros() as i64,
            vm_state,
            power_state,
            now
        ],
    )?;
    Ok(())
}

/// Puts a live server into ERROR with `fault` as its instance fault, as a
/// failed operation leaves it (an injected fault); a pending transition is
/// dropped. `false` when there is no such server.
pub fn set_error(conn: &Connection, id: &str, fault: &InstanceFault) -> Result<bool, Fault> {
    settle(conn)?;
    let changed = conn.execute(
        "UPDATE servers SET vm_state = 'error', task_state = NULL, pending_until = NULL,
             pending_vm_state = NULL, pending_power_state = NULL, updated_at = ?2
         WHERE id = ?1 AND deleted_at IS NULL",
        params![id, now_micros()],
    )?;
    if changed == 0 {
        return Ok(false);
    }
    hosts::record_fault(conn, id, fault)?;
    Ok(true)
}

fn not_found<T>(id: &str) -> Result<T, Fault> {
    Err(Fault::not_found(format!(
        "Instance {id} could not be found."
    )))
}

/// A live server the caller may see, after settling transitions.
pub fn load(conn: &Connection, auth: &ProjectAuth, id: &str) -> Result<Server, Fault> {
    settle(conn)?;
    let server = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM servers WHERE id = ?1 AND deleted_at IS NULL"),
            params![id],
            Server::from_row,
        )
        .optional()?;
    match server {
        Some(s) if s.project_id == auth.project_id || auth.is_admin() => Ok(s),
        _ => not_found(id),
    }
}

/// Records an instance action (`os-instance-actions`).
pub fn record_action(
    conn: &Connection,
    server_id: &str,
    action: &str,
    request_id: &str,
    auth: &ProjectAuth,
) -> Result<(), Fault> {
    conn.execute(
        "INSERT OR REPLACE INTO instance_actions
             (request_id, server_id, action, project_id, user_id, start_time)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            request_id,
            server_id,
            action,
            auth.project_id,
            auth.user_id(),
            now_micros()
        ],
    )?;
    Ok(())
}

fn metadata(conn: &Connection, id: &str) -> Result<Map<String, Value>, Fault> {
    let mut stmt =
        conn.prepare("SELECT key, value FROM server_metadata WHERE server_id = ?1 ORDER BY key")?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut map = Map::new();
    for row in rows {
        let (k, v) = row?;
        map.insert(k, Value::String(v));
    }
    Ok(map)
}

fn tags(conn: &Connection, id: &str) -> Result<Vec<String>, Fault> {
    let mut stmt = conn.prepare("SELECT tag FROM server_tags WHERE server_id = ?1 ORDER BY tag")?;
    let rows = stmt.query_map(params![id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Nova's opaque per-project host id; empty without a host.
fn host_id(project_id: &str, host: Option<&str>) -> String {
    use blake2::Digest;
    let Some(host) = host else {
        return String::new();
    };
    let digest = blake2::Blake2s256::digest(format!("{project_id}{host}").as_bytes());
    digest.iter().take(28).map(|b| format!("{b:02x}")).collect()
}

/// The full server document for `mv`.
pub fn detail(
    conn: &Connection,
    s: &Server,
    base_url: &str,
    mv: Microversion,
    admin: bool,
) -> Result<Value, Fault> {
    let net = nova_net::server_info(conn, &[s.id.as_str()])?
        .remove(&s.id)
        .unwrap_or_default();
    detail_with(conn, s, base_url, mv, admin, net)
}

/// [`detail`] with the server's ports already looked up (lists batch it).
fn detail_with(
    conn: &Connection,
    s: &Server,
    base_url: &str,
    mv: Microversion,
    admin: bool,
    net: nova_net::ServerNet,
) -> Result<Value, Fault> {
    let flavor = flavors::get_by_id(conn, &s.flavor_id)?;
    let flavor_json = match (&flavor, mv.at_least(47)) {
        (Some(f), true) => flavors::embedded(conn, f)?,
        _ => json!({"id": s.flavor_id, "links": [{
            "rel": "bookmark",
            "href": format!("{base_url}/compute/flavors/{}", s.flavor_id),
        }]}),
    };
    let image = if s.image_ref.is_empty() {
        json!("")
    } else {
        json!({"id": s.image_ref, "links": [{
            "rel": "bookmark",
            "href": format!("{base_url}/compute/images/{}", s.image_ref),
        }]})
    };
    let status = if s.deleted_at.is_some() {
        "DELETED"
    } else {
        s.status()
    };
    // Nova shows the zone its host is in now, else the zone asked for.
    let zone = match (s.vm_state.as_str(), s.current_host()) {
        ("building", _) => String::new(),
        (_, Some(host)) => hosts::zone_of(conn, host)?,
        (_, None) => s.availability_zone.clone(),
    };
    let mut v = json!({
        "id": s.id,
        "name": s.name,
        "status": status,
        "tenant_id": s.project_id,
        "user_id": s.user_id,
        "metadata": metadata(conn, &s.id)?,
        "hostId": if s.vm_state == "building" { String::new() } else { host_id(&s.project_id, s.current_host()) },
        "image": image,
        "flavor": flavor_json,
        "created": format_time(s.created_at),
        "updated": format_time(s.updated_at),
        "addresses": net.addresses,
        "accessIPv4": "",
        "accessIPv6": "",
        "links": links(base_url, "servers", &s.id),
        "OS-DCF:diskConfig": "MANUAL",
        "OS-EXT-AZ:availability_zone": zone,
        "config_drive": "",
        "key_name": s.key_name,
        "OS-SRV-USG:launched_at": s.launched_at.map(launched_time),
        "OS-SRV-USG:terminated_at": s.deleted_at.map(launched_time),
        "OS-EXT-STS:task_state": s.task_state,
        "OS-EXT-STS:vm_state": if s.deleted_at.is_some() { "deleted" } else { s.vm_state.as_str() },
        "OS-EXT-STS:power_state": s.power_state,
        "os-extended-volumes:volumes_attached": [],
    });
    // Nova leaves the key out for a server without groups (no ports).
    if !net.security_groups.is_empty() {
        v["security_groups"] = Value::Array(net.security_groups);
    }
    if matches!(status, "BUILD" | "ACTIVE") {
        v["progress"] = json!(0);
    }
    if let (Some(f), "ERROR" | "DELETED") = (&s.fault, status) {
        let mut fault = json!({
            "code": f.code,
            "created": format_time(f.created_at),
            "message": f.message,
        });
        // Nova hides a 500's traceback from non-admins.
        if !f.details.is_empty() && (admin || f.code != 500) {
            fault["details"] = json!(f.details);
        }
        v["fault"] = fault;
    }
    if admin {
        let instance_name = format!("instance-{:08x}", s.seq);
        let host = s.current_host();
        let node = match host {
            Some(h) => hosts::node_of_host(conn, h)?
                .map(|n| n.hypervisor_hostname)
                .or_else(|| Some(h.to_owned())),
            None => None,
        };
        v["OS-EXT-SRV-ATTR:host"] = json!(host);
        v["OS-EXT-SRV-ATTR:hypervisor_hostname"] = json!(node);
        v["OS-EXT-SRV-ATTR:instance_name"] = json!(instance_name);
        if mv.at_least(3) {
            v["OS-EXT-SRV-ATTR:hostname"] = json!(hostname(&s.name));
            v["OS-EXT-SRV-ATTR:reservation_id"] = json!(format!("r-{:08x}", s.seq));
            v["OS-EXT-SRV-ATTR:launch_index"] = json!(0);
            v["OS-EXT-SRV-ATTR:kernel_id"] = json!("");
            v["OS-EXT-SRV-ATTR:ramdisk_id"] = json!("");
            v["OS-EXT-SRV-ATTR:root_device_name"] = json!("/dev/vda");
            v["OS-EXT-SRV-ATTR:user_data"] = Value::Null;
        }
    }
    if mv.at_least(9) {
        v["locked"] = json!(s.locked);
    }
    if mv.at_least(73) {
        v["locked_reason"] = json!(s.locked_reason);
    }
    if mv.at_least(19) {
        v["description"] = json!(s.description);
    }
    if mv.at_least(26) {
        v["tags"] = json!(tags(conn, &s.id)?);
    }
    if mv.at_least(63) {
        v["trusted_image_certificates"] = Value::Null;
    }
    Ok(v)
}

/// `OS-SRV-USG` times have microseconds and no zone, as in Nova.
fn launched_time(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.6f")
        .to_string()
}

/// A DNS-safe host name from a display name.
fn hostname(name: &str) -> String {
    let h: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let h = h.trim_matches('-');
    if h.is_empty() {
        "server".to_owned()
    } else {
        h.chars().take(63).collect()
    }
}

fn summary(s: &Server, base_url: &str) -> Value {
    json!({"id": s.id, "name": s.name, "links": links(base_url, "servers", &s.id)})
}

pub fn seed(conn: &Connection) -> Result<(), Fault> {
    let project: Option<String> = conn
        .query_row(
            "SELECT id FROM projects WHERE name = 'demo' AND domain_id = 'default'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let user: Option<String> = conn
        .query_row(
            "SELECT id FROM users WHERE name = 'demo' AND domain_id = 'default'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let (Some(project), Some(user)) = (project, user) else {
        return Ok(());
    };
    let now = now_micros();
    for (i, (name, flavor)) in [("demo-server-1", "1"), ("demo-server-2", "2")]
        .into_iter()
        .enumerate()
    {
        let created = now - 3_600_000_000 + i as i64 * 60_000_000;
        let id = insert(
            conn,
            &NewServer {
                project_id: &project,
                user_id: &user,
                name,
                flavor_id: flavor,
                image_ref: crate::image::CIRROS_ID,
                key_name: None,
                availability_zone: "nova",
                description: None,
            },
            created,
        )?;
        if let Some(f) = flavors::get_by_id(conn, flavor)? {
            build(
                conn,
                &[id],
                &f,
                crate::image::CIRROS_ID,
                &hosts::Filter::default(),
            )?;
        }
    }
    settle(conn)?;
    Ok(())
}

/// Schedules and "spawns" the new servers of one request: each goes to
/// a host with the guest topology the driver picks, or (no host fits, or
/// the topology is impossible) to ERROR with Nova's fault.
fn build(
    conn: &Connection,
    ids: &[String],
    flavor: &Flavor,
    image_ref: &str,
    filter: &hosts::Filter,
) -> Result<(), Fault> {
    let request = hosts::Request::of(flavor);
    let destinations = hosts::schedule(conn, &request, filter, ids.len(), None)?;
    let topology = hosts::best_topology(conn, flavor, image_ref)?;
    for (i, id) in ids.iter().enumerate() {
        let outcome = match (&destinations, &topology) {
            (Some(d), Ok(t)) => d
                .get(i)
                .map(|d| (d, *t))
                .ok_or_else(InstanceFault::no_valid_host),
            (Some(_), Err(message)) => Err(InstanceFault::spawn_failed(message)),
            (None, _) => Err(InstanceFault::no_valid_host()),
        };
        hosts::place(conn, id, outcome)?;
    }
    Ok(())
}

/// What `availability_zone` asks for, in Nova's `zone`, `zone:host`,
/// `zone:host:node` and `zone::node` forms; empty parts are left out.
#[derive(Debug, Default, PartialEq, Eq)]
struct RequestedZone {
    zone: Option<String>,
    host: Option<String>,
    node: Option<String>,
}

fn parse_availability_zone(az: Option<&str>) -> Result<RequestedZone, Fault> {
    let part = |p: &&str| (!p.is_empty()).then(|| (*p).to_owned());
    let parts: Vec<&str> = az.unwrap_or("").split(':').collect();
    if parts.len() > 3 {
        return Err(Fault::bad_request(
            "Invalid input received: Unable to parse availability_zone",
        ));
    }
    Ok(RequestedZone {
        zone: parts.first().and_then(part),
        host: parts.get(1).and_then(part),
        node: parts.get(2).and_then(part),
    })
}

struct NewServer<'a> {
    project_id: &'a str,
    user_id: &'a str,
    name: &'a str,
    flavor_id: &'a str,
    image_ref: &'a str,
    key_name: Option<&'a str>,
    availability_zone: &'a str,
    description: Option<&'a str>,
}

/// Inserts a server building from `created` until `created + delay`;
/// with a past `created` it settles at once.
fn insert_building(
    conn: &Connection,
    new: &NewServer<'_>,
    created: i64,
    delay: Duration,
) -> Result<String, Fault> {
    let id = uuid::Uuid::new_v4().to_string();
    let seq: i64 = conn.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM servers", [], |r| {
        r.get(0)
    })?;
    conn.execute(
        "INSERT INTO servers (id, seq, project_id, user_id, name, description, flavor_id,
             image_ref, key_name, availability_zone, vm_state, task_state, power_state,
             pending_until, pending_vm_state, pending_power_state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'building', 'scheduling', 0,
             ?11, 'active', 1, ?12, ?12)",
        params![
            id,
            seq,
            new.project_id,
            new.user_id,
            new.name,
            new.description,
            new.flavor_id,
            new.image_ref,
            new.key_name,
            new.availability_zone,
            created + delay.as_micros() as i64,
            created
        ],
    )?;
    Ok(id)
}

fn insert(conn: &Connection, new: &NewServer<'_>, created: i64) -> Result<String, Fault> {
    insert_building(conn, new, created, Duration::from_secs(10))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/servers"), get(list_servers).post(create_server))
        .route(&path("/servers/detail"), get(list_servers_detail))
        .route(
            &path("/servers/{server_id}"),
            get(show_server).put(update_server).delete(delete_server),
        )
        .route(
            &path("/servers/{server_id}/metadata"),
            get(list_metadata)
                .post(merge_metadata)
                .put(replace_metadata),
        )
        .route(
            &path("/servers/{server_id}/metadata/{key}"),
            get(show_metadata_item)
                .put(set_metadata_item)
                .delete(delete_metadata_item),
        )
        .route(
            &path("/servers/{server_id}/tags"),
            get(list_tags).put(replace_tags).delete(delete_all_tags),
        )
        .route(
            &path("/servers/{server_id}/tags/{tag}"),
            get(check_tag).put(add_tag).delete(delete_tag),
        )
}

// ---------------------------------------------------------------------------
// Listing

fn list_rows(
    conn: &Connection,
    project: Option<&str>,
    with_deleted: bool,
) -> Result<Vec<Server>, Fault> {
    settle(conn)?;
    let mut sql = format!("SELECT {COLUMNS} FROM servers WHERE (?1 IS NULL OR project_id = ?1)");
    if !with_deleted {
        sql.push_str(" AND deleted_at IS NULL");
    }
    sql.push_str(" ORDER BY created_at DESC, seq DESC");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![project], Server::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

async fn list_common(
    st: AppState,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
    detail_view: bool,
) -> Result<Json<Value>, Fault> {
    let name_re = params
        .get("name")
        .map(|n| {
            regex::Regex::new(n).map_err(|_| {
                Fault::bad_request(format!("Invalid regular expression for name: {n}"))
            })
        })
        .transpose()?;
    let changes_since = params
        .get("changes-since")
        .map(|t| {
            parse_time(t).ok_or_else(|| {
                Fault::bad_request(format!(
                    "Invalid input for query parameters changes-since. Value: {t}. \
                     {t} is not a 'date-time'"
                ))
            })
        })
        .transpose()?;
    let limit = params
        .get("limit")
        .map(|l| {
            l.parse::<usize>().map_err(|_| {
                Fault::bad_request(format!(
                    "Invalid input for query parameters limit. Value: {l}. \
                     '{l}' does not match '^[0-9]*$'"
                ))
            })
        })
        .transpose()?;
    let all_tenants = auth.is_admin() && params.flag("all_tenants");
    // With all_tenants an admin may narrow to one project (project_id, or
    // the older tenant_id); without it Nova ignores both.
    let project = if all_tenants {
        params
            .get("project_id")
            .or_else(|| params.get("tenant_id"))
            .map(str::to_owned)
    } else {
        Some(auth.project_id.clone())
    };
    let status = params.get("status").map(str::to_ascii_uppercase);
    let marker = params.get("marker").map(str::to_owned);
    let sort = sort_order(&params)?;
    let admin = auth.is_admin();
    let base_url = st.base_url.clone();
    let (rendered, last) = call(&st, move |c| {
        let mut servers = list_rows(c, project.as_deref(), changes_since.is_some())?;
        servers.retain(|s| {
            name_re.as_ref().is_none_or(|re| re.is_match(&s.name))
                && status.as_deref().is_none_or(|st| s.status() == st)
                && changes_since.is_none_or(|t| s.updated_at.max(s.deleted_at.unwrap_or(0)) >= t)
                && params.matches("flavor", &s.flavor_id)
                && params.matches("image", &s.image_ref)
                && params.matches("availability_zone", &s.availability_zone)
                && params.matches("key_name", s.key_name.as_deref().unwrap_or(""))
        });
        if let Some((key, descending)) = sort {
            // A stable sort keeps the newest-first order among equal keys.
            servers.sort_by(|a, b| {
                let order = key.compare(a, b);
                if descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        if let Some(marker) = marker {
            let pos = servers
                .iter()
                .position(|s| s.id == marker)
                .ok_or_else(|| Fault::bad_request(format!("marker [{marker}] not found")))?;
            servers.drain(..=pos);
        }
        let mut last = None;
        if let Some(limit) = limit {
            servers.truncate(limit);
            if limit > 0 && servers.len() == limit {
                last = servers.last().map(|s| s.id.clone());
            }
        }
        // One batched port lookup for the whole page.
        let mut nets = if detail_view {
            let ids: Vec<&str> = servers.iter().map(|s| s.id.as_str()).collect();
            nova_net::server_info(c, &ids)?
        } else {
            Default::default()
        };
        let rendered = servers
            .iter()
            .map(|s| {
                if detail_view {
                    let net = nets.remove(&s.id).unwrap_or_default();
                    detail_with(c, s, &base_url, mv, admin, net)
                } else {
                    Ok(summary(s, &base_url))
                }
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((rendered, last.map(|l| (l, params))))
    })
    .await?;
    let mut body = json!({"servers": rendered});
    if let Some((last, params)) = last {
        let kind = if detail_view {
            "/servers/detail"
        } else {
            "/servers"
        };
        body["servers_links"] = next_link(&st.base_url, kind, &params, &last);
    }
    Ok(Json(body))
}

/// The columns Nova can sort servers by that the demo cloud keeps.
#[derive(Clone, Copy)]
enum SortKey {
    DisplayName,
    CreatedAt,
    UpdatedAt,
    VmState,
    TaskState,
    PowerState,
    AvailabilityZone,
    KeyName,
    ImageRef,
    InstanceTypeId,
    Uuid,
}

impl SortKey {
    fn parse(key: &str) -> Option<SortKey> {
        Some(match key {
            "display_name" | "hostname" => SortKey::DisplayName,
            "created_at" => SortKey::CreatedAt,
            "updated_at" => SortKey::UpdatedAt,
            "vm_state" => SortKey::VmState,
            "task_state" => SortKey::TaskState,
            "power_state" => SortKey::PowerState,
            "availability_zone" => SortKey::AvailabilityZone,
            "key_name" => SortKey::KeyName,
            "image_ref" => SortKey::ImageRef,
            "instance_type_id" => SortKey::InstanceTypeId,
            "uuid" => SortKey::Uuid,
            _ => return None,
        })
    }

    fn compare(self, a: &Server, b: &Server) -> std::cmp::Ordering {
        match self {
            SortKey::DisplayName => a.name.cmp(&b.name),
            SortKey::CreatedAt => (a.created_at, a.seq).cmp(&(b.created_at, b.seq)),
            SortKey::UpdatedAt => a.updated_at.cmp(&b.updated_at),
            SortKey::VmState => a.vm_state.cmp(&b.vm_state),
            SortKey::TaskState => a.task_state.cmp(&b.task_state),
            SortKey::PowerState => a.power_state.cmp(&b.power_state),
            SortKey::AvailabilityZone => a.availability_zone.cmp(&b.availability_zone),
            SortKey::KeyName => a.key_name.cmp(&b.key_name),
            SortKey::ImageRef => a.image_ref.cmp(&b.image_ref),
            SortKey::InstanceTypeId => a.flavor_id.cmp(&b.flavor_id),
            SortKey::Uuid => a.id.cmp(&b.id),
        }
    }
}

/// `sort_key`/`sort_dir` as Nova reads them (the first pair counts here);
/// Nova's default direction is descending.
fn sort_order(params: &Params) -> Result<Option<(SortKey, bool)>, Fault> {
    let Some(key) = params.get("sort_key") else {
        return Ok(None);
    };
    let key = SortKey::parse(key).ok_or_else(|| {
        Fault::bad_request(format!(
            "Invalid input for query parameters sort_key. Value: {key}."
        ))
    })?;
    let descending = match params.get("sort_dir").unwrap_or("desc") {
        "desc" => true,
        "asc" => false,
        other => {
            return Err(Fault::bad_request(format!(
                "Invalid input for query parameters sort_dir. Value: {other}. \
                 '{other}' is not one of ['asc', 'desc']"
            )))
        }
    };
    Ok(Some((key, descending)))
}

async fn list_servers(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    list_common(st, auth, mv, params, false).await
}

async fn list_servers_detail(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    list_common(st, auth, mv, params, true).await
}

// ---------------------------------------------------------------------------
// Create

#[derive(Deserialize)]
struct CreateBody {
    server: CreateServer,
    #[serde(
        default,
        rename = "os:scheduler_hints",
        alias = "OS-SCH-HNT:scheduler_hints"
    )]
    scheduler_hints: Option<Value>,
}

#[derive(Deserialize)]
struct CreateServer {
    name: String,
    #[serde(rename = "flavorRef")]
    flavor_ref: Value,
    #[serde(rename = "imageRef", default)]
    image_ref: Option<String>,
    #[serde(default)]
    key_name: Option<String>,
    #[serde(default)]
    metadata: Option<Map<String, Value>>,
    #[serde(default)]
    availability_zone: Option<String>,
    #[serde(default)]
    min_count: Option<Value>,
    #[serde(default)]
    max_count: Option<Value>,
    #[serde(default)]
    networks: Option<Value>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    security_groups: Option<Value>,
    /// 2.74: a host or hypervisor for the scheduler to use (admins).
    #[serde(default)]
    host: Option<String>,
    #[serde(default)]
    hypervisor_hostname: Option<String>,
}

/// The requested security group names and the list the create answer
/// echoes (`[{"name": "default"}]` when none were asked for).
fn requested_groups(v: Option<&Value>) -> Result<(Vec<String>, Value), Fault> {
    let Some(v) = v else {
        return Ok((Vec::new(), json!([{"name": "default"}])));
    };
    let names: Option<Vec<String>> = v.as_array().and_then(|list| {
        list.iter()
            .map(|g| g.get("name").and_then(Value::as_str).map(str::to_owned))
            .collect()
    });
    match names {
        Some(names) => Ok((names, v.clone())),
        None => Err(Fault::bad_request(
            "Invalid input for field/attribute security_groups.",
        )),
    }
}

/// The `group` scheduler hint, if any.
fn group_hint(hints: Option<&Value>) -> Result<Option<String>, Fault> {
    match hints {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(h)) => match h.get("group") {
            None => Ok(None),
            Some(Value::String(g)) => Ok(Some(g.clone())),
            Some(other) => Err(Fault::bad_request(format!(
                "Invalid input for field/attribute group. Value: {other}. {other} is not of \
                 type 'string'"
            ))),
        },
        Some(_) => Err(Fault::bad_request(
            "Invalid input for field/attribute os:scheduler_hints.",
        )),
    }
}

fn count_value(v: Option<&Value>, field: &str) -> Result<i64, Fault> {
    match v {
        None | Some(Value::Null) => Some(1),
        Some(Value::Number(n)) => n.as_i64().filter(|n| *n >= 1),
        Some(Value::String(s)) => s.parse().ok().filter(|n: &i64| *n >= 1),
        _ => None,
    }
    .ok_or_else(|| Fault::bad_request(format!("Invalid input for field/attribute {field}.")))
}

/// Checks metadata items; their number is checked against the project's
/// `metadata_items` quota where it is written.
fn validate_metadata(meta: &Map<String, Value>) -> Result<Vec<(String, String)>, Fault> {
    meta.iter()
        .map(|(k, v)| match v {
            Value::String(s) if !k.is_empty() && k.len() <= 255 && s.len() <= 255 => {
                Ok((k.clone(), s.clone()))
            }
            _ => Err(Fault::bad_request(
                "Invalid input for field/attribute metadata.",
            )),
        })
        .collect()
}

async fn create_server(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    request_id: axum::Extension<RequestId>,
    NJson(body): NJson<CreateBody>,
) -> Result<Response, Fault> {
    let s = body.server;
    let name = s.name.trim().to_owned();
    if name.is_empty() || name.len() > 255 {
        return Err(Fault::bad_request(
            "Invalid input for field/attribute name. Value: . '' is too short",
        ));
    }
    let flavor_ref = match &s.flavor_ref {
        Value::String(v) => v.clone(),
        Value::Number(n) => n.to_string(),
        _ => {
            return Err(Fault::bad_request(
                "Invalid input for field/attribute flavorRef.",
            ))
        }
    };
    let min = count_value(s.min_count.as_ref(), "min_count")?;
    let max = match s.max_count {
        None | Some(Value::Null) => min,
        ref v => count_value(v.as_ref(), "max_count")?,
    };
    if max < min {
        return Err(Fault::bad_request("min_count must be <= max_count"));
    }
    if mv.at_least(37) && s.networks.is_none() {
        return Err(Fault::bad_request(
            "Invalid input for field/attribute networks. Value: None. 'networks' is a required property",
        ));
    }
    if let Some(Value::String(n)) = &s.networks {
        if n != "none" && n != "auto" {
            return Err(Fault::bad_request(format!(
                "Invalid input for field/attribute networks. Value: {n}."
            )));
        }
    }
    let meta = validate_metadata(&s.metadata.unwrap_or_default())?;
    let RequestedZone {
        zone,
        host: forced_host,
        node: forced_node,
    } = parse_availability_zone(s.availability_zone.as_deref())?;
    if (forced_host.is_some() || forced_node.is_some()) && !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:servers:create:forced_host"));
    }
    for (field, value) in [
        ("host", &s.host),
        ("hypervisor_hostname", &s.hypervisor_hostname),
    ] {
        if value.is_some() && !mv.at_least(74) {
            return Err(Fault::bad_request(format!(
                "Invalid input for field/attribute server. Additional properties are not \
                 allowed ('{field}' was unexpected)"
            )));
        }
    }
    if (s.host.is_some() || s.hypervisor_hostname.is_some()) && !auth.is_admin() {
        return Err(Fault::policy(
            "compute:servers:create:requested_destination",
        ));
    }
    let forced = forced_host.is_some() || forced_node.is_some();
    let filter = hosts::Filter {
        zone: zone.clone().filter(|_| !forced),
        host: forced_host.or(s.host),
        node: forced_node.or(s.hypervisor_hostname),
        forced,
    };
    let az = zone.unwrap_or_default();
    let image_ref = s.image_ref.unwrap_or_default();
    let image_ref = image_ref.rsplit('/').next().unwrap_or("").to_owned();
    let key_name = s.key_name;
    let description = s.description;
    let tags = s.tags.unwrap_or_default();
    let networks = s.networks;
    let (group_names, groups_shown) = requested_groups(s.security_groups.as_ref())?;
    let server_group = group_hint(body.scheduler_hints.as_ref())?;
    let delay = st.build_delay;
    let request_id = request_id.0 .0;
    let base_url = st.base_url.clone();
    let (server, admin_pass) = call(&st, move |c| {
        let tx = c.transaction()?;
        settle(&tx)?;
        let flavor: Flavor = flavors::find_for_project(&tx, &flavor_ref, &auth)?;
        if let Some(k) = &key_name {
            let exists: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM keypairs WHERE user_id = ?1 AND name = ?2",
                    params![auth.user_id(), k],
                    |r| r.get(0),
                )
                .optional()?;
            if exists.is_none() {
                return Err(Fault::bad_request("Invalid key_name provided.".to_owned()));
            }
        }
        check_destination(&tx, &filter)?;
        hosts::check_topology(&tx, &flavor, &image_ref)?;
        quotas::check_metadata(&tx, &auth.project_id, meta.len(), meta.len())?;
        // Nova creates as many as fit between min_count and max_count.
        let usage = Usage::of(&tx, &auth.project_id)?;
        let limits = quotas::limits_for(&tx, &auth.project_id)?;
        let fits = usage.fitting(&limits, &flavor);
        let count = max.min(fits);
        if count < min {
            return Err(usage.over_quota(&limits, &flavor, min));
        }
        let plan = nova_net::plan(
            &tx,
            &auth.project_id,
            auth.is_admin(),
            networks.as_ref(),
            &group_names,
            count,
        )?;
        let server_group = server_group
            .as_deref()
            .map(|g| server_groups::check_hint(&tx, g, count))
            .transpose()?;
        let now = now_micros();
        let mut ids = Vec::new();
        for i in 0..count {
            let display = if count > 1 {
                format!("{name}-{}", i + 1)
            } else {
                name.clone()
            };
            let id = insert_building(
                &tx,
                &NewServer {
                    project_id: &auth.project_id,
                    user_id: auth.user_id(),
                    name: &display,
                    flavor_id: &flavor.id,
                    image_ref: &image_ref,
                    key_name: key_name.as_deref(),
                    availability_zone: &az,
                    description: description.as_deref(),
                },
                now,
                delay,
            )?;
            for (k, v) in &meta {
                tx.execute(
                    "INSERT INTO server_metadata (server_id, key, value) VALUES (?1, ?2, ?3)",
                    params![id, k, v],
                )?;
            }
            for t in &tags {
                tx.execute(
                    "INSERT OR IGNORE INTO server_tags (server_id, tag) VALUES (?1, ?2)",
                    params![id, t],
                )?;
            }
            record_action(&tx, &id, "create", &request_id, &auth)?;
            nova_net::allocate(&tx, &plan, &id, &auth.project_id)?;
            if let Some(g) = &server_group {
                server_groups::add_member(&tx, g, &id)?;
            }
            ids.push(id);
        }
        build(&tx, &ids, &flavor, &image_ref, &filter)?;
        let id = ids.first().cloned().unwrap_or_default();
        let server = load(&tx, &auth, &id)?;
        tx.commit()?;
        Ok((server, admin_password()))
    })
    .await?;
    let body = json!({"server": {
        "id": server.id,
        "links": links(&base_url, "servers", &server.id),
        "OS-DCF:diskConfig": "MANUAL",
        "security_groups": groups_shown,
        "adminPass": admin_pass,
    }});
    Ok((StatusCode::ACCEPTED, Json(body)).into_response())
}

/// Checks what a request names exists: the zone is one with an enabled
/// service (unless a host is forced), and 2.74's host and hypervisor are
/// known.
fn check_destination(conn: &Connection, filter: &hosts::Filter) -> Result<(), Fault> {
    if let Some(zone) = &filter.zone {
        let (available, _) = hosts::availability_zones(conn)?;
        if !available.contains(zone) {
            return Err(Fault::bad_request(
                "The requested availability zone is not available",
            ));
        }
    }
    if filter.forced {
        return Ok(());
    }
    if let Some(host) = &filter.host {
        if hosts::compute_service(conn, host)?.is_none() {
            return Err(Fault::bad_request(format!(
                "Compute host {host} could not be found."
            )));
        }
    }
    if let Some(node) = &filter.node {
        if !hosts::nodes(conn)?
            .iter()
            .any(|n| &n.hypervisor_hostname == node)
        {
            return Err(Fault::bad_request(format!(
                "Compute host {node} could not be found."
            )));
        }
    }
    Ok(())
}

pub fn admin_password() -> String {
    use rand::Rng;
    const CHARS: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..12)
        .map(|_| CHARS[rng.gen_range(0..CHARS.len())] as char)
        .collect()
}

// ---------------------------------------------------------------------------
// Show, update, delete

async fn show_server(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let base_url = st.base_url.clone();
    let v = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        detail(c, &s, &base_url, mv, auth.is_admin())
    })
    .await?;
    Ok(Json(json!({"server": v})))
}

#[derive(Deserialize)]
struct UpdateBody {
    server: UpdateServer,
}

#[derive(Deserialize)]
struct UpdateServer {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<Option<String>>,
}

async fn update_server(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<UpdateBody>,
) -> Result<Json<Value>, Fault> {
    let u = body.server;
    if let Some(n) = &u.name {
        if n.trim().is_empty() || n.len() > 255 {
            return Err(Fault::bad_request(
                "Invalid input for field/attribute name.",
            ));
        }
    }
    if u.description.is_some() && !mv.at_least(19) {
        return Err(Fault::bad_request(
            "Invalid input for field/attribute server. Additional properties are not allowed \
             ('description' was unexpected)",
        ));
    }
    let base_url = st.base_url.clone();
    let v = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        let now = now_micros();
        if let Some(n) = &u.name {
            c.execute(
                "UPDATE servers SET name = ?2, updated_at = ?3 WHERE id = ?1",
                params![s.id, n.trim(), now],
            )?;
        }
        if let Some(d) = &u.description {
            c.execute(
                "UPDATE servers SET description = ?2, updated_at = ?3 WHERE id = ?1",
                params![s.id, d, now],
            )?;
        }
        let s = load(c, &auth, &id)?;
        detail(c, &s, &base_url, mv, auth.is_admin())
    })
    .await?;
    Ok(Json(json!({"server": v})))
}

/// Refuses changes to a locked server unless the caller is an admin.
pub fn check_locked(s: &Server, auth: &ProjectAuth) -> Result<(), Fault> {
    if s.locked && !auth.is_admin() {
        return Err(Fault::conflict(format!("Instance {} is locked", s.id)));
    }
    Ok(())
}

async fn delete_server(
    State(st): State<AppState>,
    auth: ProjectAuth,
    request_id: axum::Extension<RequestId>,
    NPath(id): NPath<String>,
) -> Result<StatusCode, Fault> {
    let request_id = request_id.0 .0;
    call(&st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &id)?;
        check_locked(&s, &auth)?;
        let now = now_micros();
        // The server passes through task_state deleting and is gone at once.
        tx.execute(
            "UPDATE servers SET task_state = 'deleting', updated_at = ?2 WHERE id = ?1",
            params![s.id, now],
        )?;
        record_action(&tx, &s.id, "delete", &request_id, &auth)?;
        tx.execute(
            "UPDATE servers SET vm_state = 'deleted', task_state = NULL, power_state = 0,
                 pending_until = NULL, deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![s.id, now],
        )?;
        nova_net::release(&tx, &s.id)?;
        server_groups::remove_member(&tx, &s.id)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------
// Metadata

#[derive(Deserialize)]
struct MetadataBody {
    metadata: Map<String, Value>,
}

#[derive(Deserialize)]
struct MetaItemBody {
    meta: Map<String, Value>,
}

async fn list_metadata(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let m = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        metadata(c, &s.id)
    })
    .await?;
    Ok(Json(json!({"metadata": m})))
}

async fn write_metadata(
    st: &AppState,
    auth: ProjectAuth,
    id: String,
    items: Vec<(String, String)>,
    replace: bool,
) -> Result<Map<String, Value>, Fault> {
    call(st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &id)?;
        check_locked(&s, &auth)?;
        if replace {
            tx.execute("DELETE FROM server_metadata WHERE server_id = ?1", params![s.id])?;
        }
        for (k, v) in &items {
            tx.execute(
                "INSERT OR REPLACE INTO server_metadata (server_id, key, value) VALUES (?1, ?2, ?3)",
                params![s.id, k, v],
            )?;
        }
        let m = metadata(&tx, &s.id)?;
        quotas::check_metadata(&tx, &s.project_id, items.len(), m.len())?;
        tx.execute(
            "UPDATE servers SET updated_at = ?2 WHERE id = ?1",
            params![s.id, now_micros()],
        )?;
        tx.commit()?;
        Ok(m)
    })
    .await
}

async fn merge_metadata(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
    NJson(body): NJson<MetadataBody>,
) -> Result<Json<Value>, Fault> {
    let items = validate_metadata(&body.metadata)?;
    let m = write_metadata(&st, auth, id, items, false).await?;
    Ok(Json(json!({"metadata": m})))
}

async fn replace_metadata(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
    NJson(body): NJson<MetadataBody>,
) -> Result<Json<Value>, Fault> {
    let items = validate_metadata(&body.metadata)?;
    let m = write_metadata(&st, auth, id, items, true).await?;
    Ok(Json(json!({"metadata": m})))
}

async fn show_metadata_item(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath((id, key)): NPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    let m = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        metadata(c, &s.id)
    })
    .await?;
    let v = m
        .get(&key)
        .cloned()
        .ok_or_else(|| Fault::not_found("Metadata item was not found"))?;
    Ok(Json(json!({"meta": {key: v}})))
}

async fn set_metadata_item(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath((id, key)): NPath<(String, String)>,
    NJson(body): NJson<MetaItemBody>,
) -> Result<Json<Value>, Fault> {
    if body.meta.len() != 1 || !body.meta.contains_key(&key) {
        return Err(Fault::bad_request(if body.meta.len() == 1 {
            "Request body and URI mismatch"
        } else {
            "Request body contains too many items"
        }));
    }
    let items = validate_metadata(&body.meta)?;
    let value = items[0].1.clone();
    write_metadata(&st, auth, id, items, false).await?;
    Ok(Json(json!({"meta": {key: value}})))
}

async fn delete_metadata_item(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath((id, key)): NPath<(String, String)>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        check_locked(&s, &auth)?;
        let n = c.execute(
            "DELETE FROM server_metadata WHERE server_id = ?1 AND key = ?2",
            params![s.id, key],
        )?;
        if n == 0 {
            return Err(Fault::not_found("Metadata item was not found"));
        }
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------
// Tags (2.26+)

const MAX_TAGS: usize = 50;

fn tags_supported(mv: Microversion) -> Result<(), Fault> {
    if mv.at_least(26) {
        Ok(())
    } else {
        Err(Fault::not_found("The resource could not be found."))
    }
}

fn validate_tag(tag: &str) -> Result<(), Fault> {
    if tag.is_empty() || tag.len() > 60 || tag.contains('/') || tag.contains(',') {
        return Err(Fault::bad_request(format!(
            "Invalid input for field/attribute tags. Value: {tag}."
        )));
    }
    Ok(())
}

#[derive(Deserialize)]
struct TagsBody {
    tags: Vec<String>,
}

async fn list_tags(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    tags_supported(mv)?;
    let t = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        tags(c, &s.id)
    })
    .await?;
    Ok(Json(json!({"tags": t})))
}

async fn replace_tags(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<TagsBody>,
) -> Result<Json<Value>, Fault> {
    tags_supported(mv)?;
    for t in &body.tags {
        validate_tag(t)?;
    }
    if body.tags.len() > MAX_TAGS {
        return Err(Fault::bad_request(format!(
            "The number of tags exceeded the per-server limit {MAX_TAGS}"
        )));
    }
    let t = call(&st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &id)?;
        tx.execute(
            "DELETE FROM server_tags WHERE server_id = ?1",
            params![s.id],
        )?;
        for t in &body.tags {
            tx.execute(
                "INSERT OR IGNORE INTO server_tags (server_id, tag) VALUES (?1, ?2)",
                params![s.id, t],
            )?;
        }
        let t = tags(&tx, &s.id)?;
        tx.commit()?;
        Ok(t)
    })
    .await?;
    Ok(Json(json!({"tags": t})))
}

async fn delete_all_tags(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<StatusCode, Fault> {
    tags_supported(mv)?;
    call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        c.execute(
            "DELETE FROM server_tags WHERE server_id = ?1",
            params![s.id],
        )?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn check_tag(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath((id, tag)): NPath<(String, String)>,
) -> Result<StatusCode, Fault> {
    tags_supported(mv)?;
    let found = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        Ok(tags(c, &s.id)?.contains(&tag).then_some(s.id))
    })
    .await?;
    match found {
        Some(_) => Ok(StatusCode::NO_CONTENT),
        None => Err(Fault::not_found("Tag not found")),
    }
}

async fn add_tag(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath((id, tag)): NPath<(String, String)>,
) -> Result<StatusCode, Fault> {
    tags_supported(mv)?;
    validate_tag(&tag)?;
    let created = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        let existing = tags(c, &s.id)?;
        if existing.contains(&tag) {
            return Ok(false);
        }
        if existing.len() >= MAX_TAGS {
            return Err(Fault::bad_request(format!(
                "The number of tags exceeded the per-server limit {MAX_TAGS}"
            )));
        }
        c.execute(
            "INSERT INTO server_tags (server_id, tag) VALUES (?1, ?2)",
            params![s.id, tag],
        )?;
        Ok(true)
    })
    .await?;
    Ok(if created {
        StatusCode::CREATED
    } else {
        StatusCode::NO_CONTENT
    })
}

async fn delete_tag(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath((id, tag)): NPath<(String, String)>,
) -> Result<StatusCode, Fault> {
    tags_supported(mv)?;
    let n = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        Ok(c.execute(
            "DELETE FROM server_tags WHERE server_id = ?1 AND tag = ?2",
            params![s.id, tag],
        )?)
    })
    .await?;
    if n == 0 {
        return Err(Fault::not_found("Tag not found"));
    }
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_nova() {
        assert_eq!(status_of("building", Some("scheduling")), "BUILD");
        assert_eq!(status_of("active", None), "ACTIVE");
        assert_eq!(status_of("active", Some("rebooting")), "REBOOT");
        assert_eq!(status_of("active", Some("rebooting_hard")), "HARD_REBOOT");
        assert_eq!(status_of("stopped", Some("powering-on")), "SHUTOFF");
        assert_eq!(status_of("resized", None), "VERIFY_RESIZE");
        assert_eq!(status_of("shelved_offloaded", None), "SHELVED_OFFLOADED");
    }

    #[test]
    fn zones_parse_like_nova() {
        let parsed = |az| parse_availability_zone(Some(az)).ok();
        let want = |zone: Option<&str>, host: Option<&str>, node: Option<&str>| {
            Some(RequestedZone {
                zone: zone.map(str::to_owned),
                host: host.map(str::to_owned),
                node: node.map(str::to_owned),
            })
        };
        assert_eq!(parsed("az1"), want(Some("az1"), None, None));
        assert_eq!(parsed("az1:h"), want(Some("az1"), Some("h"), None));
        assert_eq!(parsed(":h"), want(None, Some("h"), None));
        assert_eq!(parsed("az1::n"), want(Some("az1"), None, Some("n")));
        assert_eq!(parsed(""), want(None, None, None));
        assert!(parse_availability_zone(Some("a:b:c:d")).is_err());
    }

    #[test]
    fn hostnames_are_dns_safe() {
        assert_eq!(hostname("My Server_1"), "my-server-1");
        assert_eq!(hostname("!!!"), "server");
    }
}
