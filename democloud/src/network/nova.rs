//! What Nova asks of Neutron: which networks and security groups a new
//! server gets, its ports, their release when it is deleted, and the
//! `addresses` and `security_groups` a server shows. Errors are Nova's, as
//! `nova/network/neutron.py` raises them.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::ipam::Ip;
use super::networks::{self, Network};
use super::ports::{self, FixedIpRequest, NewPort};
use super::{quotas, security_groups, subnets, Fault};
use crate::compute::Fault as NovaFault;

/// The device owner Nova gives its ports (`compute:<availability zone>`).
pub const DEVICE_OWNER: &str = "compute:nova";

/// A Neutron failure as Nova reports it.
fn nova_fault(f: Fault) -> NovaFault {
    match f {
        Fault::Other(e) => NovaFault::Other(e),
        f if f.kind() == "OverQuota" => {
            NovaFault::OverQuota("Maximum number of ports exceeded".to_owned())
        }
        f if f.status().as_u16() == 409 => NovaFault::conflict(f.message()),
        f => NovaFault::bad_request(f.message()),
    }
}

/// One entry of a server's `networks`.
#[derive(Clone, Debug)]
enum Request {
    Network {
        id: String,
        fixed_ip: Option<String>,
    },
    Port(String),
}

/// The checked network requests of a server create.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    requests: Vec<Request>,
    security_groups: Vec<String>,
}

/// Nova's uuid-like check.
fn uuid_like(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

/// Checks `networks` and `security_groups` of a server create for `count`
/// servers in `project_id`, as Nova does before it builds anything.
/// `networks` is the request's value (`None` when absent, before 2.37).
pub fn plan(
    conn: &Connection,
    project_id: &str,
    admin: bool,
    networks: Option<&Value>,
    security_groups: &[String],
    count: i64,
) -> Result<Plan, NovaFault> {
    let groups = resolve_groups(conn, project_id, security_groups)?;
    let requests = match networks {
        None => auto_network(conn, project_id, false)?,
        Some(Value::String(s)) if s == "auto" => auto_network(conn, project_id, true)?,
        Some(Value::String(s)) if s == "none" => Vec::new(),
        Some(Value::Array(list)) => parse_requests(list)?,
        Some(_) => return Err(NovaFault::bad_request("Bad networks format")),
    };
    for req in &requests {
        match req {
            Request::Network { id, fixed_ip } => {
                check_network(conn, project_id, admin, id)?;
                if let Some(ip) = fixed_ip {
                    if count > 1 {
                        return Err(NovaFault::bad_request(
                            "Failed to launch instances: max_count cannot be greater than 1 if \
                             an fixed_ip is specified.",
                        ));
                    }
                    check_fixed_ip(conn, id, ip)?;
                }
            }
            Request::Port(id) => {
                if count > 1 {
                    return Err(NovaFault::bad_request(
                        "Failed to launch instances: Unable to launch multiple instances with a \
                         single configured port ID. Please launch your instance one by one with \
                         different ports.",
                    ));
                }
                let port = ports::get(conn, id)
                    .map_err(nova_fault)?
                    .filter(|p| p.project_id == project_id || admin)
                    .ok_or_else(|| {
                        NovaFault::bad_request(format!("Port id {id} could not be found."))
                    })?;
                if !port.device_id.is_empty() {
                    return Err(NovaFault::conflict(format!("Port {id} is still in use.")));
                }
            }
        }
    }
    let new_ports = requests
        .iter()
        .filter(|r| matches!(r, Request::Network { .. }))
        .count() as i64
        * count;
    let limit = quotas::limit("port");
    if new_ports > 0
        && limit >= 0
        && quotas::used(conn, project_id, "port").map_err(nova_fault)? + new_ports > limit
    {
        return Err(NovaFault::OverQuota(
            "Maximum number of ports exceeded".to_owned(),
        ));
    }
    Ok(Plan {
        requests,
        security_groups: groups,
    })
}

/// Ids of the requested groups (names or ids; `default` when none).
fn resolve_groups(
    conn: &Connection,
    project_id: &str,
    requested: &[String],
) -> Result<Vec<String>, NovaFault> {
    security_groups::ensure_default(conn, project_id).map_err(nova_fault)?;
    let groups = security_groups::of_project(conn, project_id).map_err(nova_fault)?;
    let default = ["default".to_owned()];
    let requested = if requested.is_empty() {
        &default[..]
    } else {
        requested
    };
    let mut ids: Vec<String> = Vec::new();
    for want in requested {
        let by_name: Vec<&security_groups::SecurityGroup> =
            groups.iter().filter(|g| &g.name == want).collect();
        let id = match by_name.as_slice() {
            [one] => one.id.clone(),
            [] => groups
                .iter()
                .find(|g| &g.id == want)
                .map(|g| g.id.clone())
                .ok_or_else(|| {
                    NovaFault::bad_request(format!("Security group {want} not found."))
                })?,
            _ => return Err(NovaFault::conflict("No Unique Match Found.")),
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// The project's only network for `auto` (or no `networks` before 2.37):
/// its own and shared networks, external ones aside.
fn auto_network(
    conn: &Connection,
    project_id: &str,
    asked: bool,
) -> Result<Vec<Request>, NovaFault> {
    let candidates: Vec<Network> = networks::list_visible(conn, Some(project_id))
        .map_err(nova_fault)?
        .into_iter()
        .filter(|n| (n.project_id == project_id || n.shared) && !n.external)
        .collect();
    match candidates.as_slice() {
        [one] => Ok(vec![Request::Network {
            id: one.id.clone(),
            fixed_ip: None,
        }]),
        [] if asked => Err(NovaFault::bad_request(format!(
            "Unable to automatically allocate a network for project {project_id}"
        ))),
        [] => Ok(Vec::new()),
        _ => Err(NovaFault::conflict(
            "More than one possible network found. Specify network ID(s) to select which \
             one(s) to connect to.",
        )),
    }
}

fn parse_requests(list: &[Value]) -> Result<Vec<Request>, NovaFault> {
    let mut out = Vec::new();
    let mut ports_seen: Vec<String> = Vec::new();
    for entry in list {
        let Some(obj) = entry.as_object() else {
            return Err(NovaFault::bad_request("Bad networks format"));
        };
        let text = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
        let fixed_ip = text("fixed_ip");
        if let Some(ip) = &fixed_ip {
            if Ip::parse(ip).is_none() {
                return Err(NovaFault::bad_request(format!(
                    "Invalid input for field/attribute fixed_ip. Value: {ip}. '{ip}' is not a \
                     'ipv4'"
                )));
            }
        }
        if let Some(port) = text("port") {
            if ports_seen.contains(&port) {
                return Err(NovaFault::bad_request(format!(
                    "Port ID '{port}' was specified twice: you cannot attach a port multiple \
                     times."
                )));
            }
            if let Some(ip) = fixed_ip {
                return Err(NovaFault::bad_request(format!(
                    "Specified Fixed IP '{ip}' cannot be used with port '{port}': the two \
                     cannot be specified together."
                )));
            }
            ports_seen.push(port.clone());
            out.push(Request::Port(port));
            continue;
        }
        let Some(id) = text("uuid") else {
            return Err(NovaFault::bad_request("Bad network format: missing 'uuid'"));
        };
        if !uuid_like(&id) {
            return Err(NovaFault::bad_request(format!(
                "Bad networks format: network uuid is not in proper format ({id})"
            )));
        }
        out.push(Request::Network { id, fixed_ip });
    }
    Ok(out)
}

fn check_network(
    conn: &Connection,
    project_id: &str,
    admin: bool,
    id: &str,
) -> Result<(), NovaFault> {
    let net = networks::get(conn, id)
        .map_err(nova_fault)?
        .filter(|n| admin || n.project_id == project_id || n.shared || n.external)
        .ok_or_else(|| NovaFault::bad_request(format!("Network {id} could not be found.")))?;
    if net.external && !net.shared && !admin {
        return Err(NovaFault::forbidden(format!(
            "It is not allowed to create an interface on external network {id}"
        )));
    }
    if subnets::of_network(conn, id)
        .map_err(nova_fault)?
        .is_empty()
    {
        return Err(NovaFault::bad_request(format!(
            "Network {id} requires a subnet in order to boot instances on."
        )));
    }
    Ok(())
}

fn check_fixed_ip(conn: &Connection, network_id: &str, ip: &str) -> Result<(), NovaFault> {
    let owner: Option<String> = conn
        .query_row(
            "SELECT p.device_id FROM port_ips i JOIN ports p ON p.id = i.port_id
             WHERE p.network_id = ?1 AND i.ip_address = ?2",
            params![network_id, ip],
            |r| r.get(0),
        )
        .optional()?;
    match owner {
        Some(device) => Err(NovaFault::bad_request(format!(
            "Fixed IP address {ip} is already in use on instance {device}."
        ))),
        None => Ok(()),
    }
}

/// Creates (or binds) the ports of a new server.
pub fn allocate(
    conn: &Connection,
    plan: &Plan,
    server_id: &str,
    project_id: &str,
) -> Result<(), NovaFault> {
    for req in &plan.requests {
        match req {
            Request::Network { id, fixed_ip } => {
                let net = networks::get(conn, id)
                    .map_err(nova_fault)?
                    .ok_or_else(|| {
                        NovaFault::bad_request(format!("Network {id} could not be found."))
                    })?;
                let groups = net
                    .port_security_enabled
                    .then(|| plan.security_groups.clone());
                ports::create(
                    conn,
                    &NewPort {
                        device_id: server_id.to_owned(),
                        device_owner: DEVICE_OWNER.to_owned(),
                        fixed_ips: fixed_ip.as_ref().map(|ip| {
                            vec![FixedIpRequest {
                                subnet_id: None,
                                ip_address: Some(ip.clone()),
                            }]
                        }),
                        security_groups: groups,
                        preserve_on_delete: false,
                        ..NewPort::on(&net, project_id)
                    },
                )
                .map_err(nova_fault)?;
            }
            Request::Port(id) => {
                conn.execute(
                    "UPDATE ports SET device_id = ?2, device_owner = ?3,
                         revision_number = revision_number + 1, updated_at = ?4
                     WHERE id = ?1",
                    params![id, server_id, DEVICE_OWNER, crate::db::now_micros()],
                )?;
            }
        }
    }
    Ok(())
}

/// Frees a deleted server's ports: the ones Nova made go (and their
/// floating IPs are disassociated), ports the user brought are unbound.
pub fn release(conn: &Connection, server_id: &str) -> Result<(), NovaFault> {
    let owned: Vec<(String, bool)> = {
        let mut stmt = conn.prepare(
            "SELECT id, preserve_on_delete FROM ports
             WHERE device_id = ?1 AND device_owner LIKE 'compute:%'",
        )?;
        let rows = stmt.query_map(params![server_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (id, preserve) in owned {
        if preserve {
            conn.execute(
                "UPDATE ports SET device_id = '', device_owner = '',
                     revision_number = revision_number + 1, updated_at = ?2
                 WHERE id = ?1",
                params![id, crate::db::now_micros()],
            )?;
        } else {
            ports::delete_rows(conn, &id).map_err(nova_fault)?;
        }
    }
    Ok(())
}

/// A server's view of its ports.
#[derive(Clone, Debug, Default)]
pub struct ServerNet {
    /// Network name → `[{"version", "addr", "OS-EXT-IPS:type", "OS-EXT-IPS-MAC:mac_addr"}]`.
    pub addresses: Map<String, Value>,
    /// `[{"name": ...}]`, one entry per group per port, as Nova lists them.
    pub security_groups: Vec<Value>,
}

/// Rows per SQL statement, well below SQLite's variable limit.
const CHUNK: usize = 500;

/// The networks of many servers in two queries per 500 servers, so a list
/// of servers does not cost queries per server.
pub fn server_info(
    conn: &Connection,
    server_ids: &[&str],
) -> Result<HashMap<String, ServerNet>, NovaFault> {
    let mut out: HashMap<String, ServerNet> = HashMap::new();
    for chunk in server_ids.chunks(CHUNK) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut stmt = conn.prepare(&format!(
            "SELECT p.device_id, p.mac_address, n.name, i.ip_address, f.floating_ip_address
             FROM ports p JOIN networks n ON n.id = p.network_id
             JOIN port_ips i ON i.port_id = p.id
             LEFT JOIN floating_ips f ON f.port_id = p.id AND f.fixed_ip_address = i.ip_address
             WHERE p.device_owner LIKE 'compute:%' AND p.device_id IN ({marks})
             ORDER BY p.created_at, p.rowid, i.rowid"
        ))?;
        let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        for row in rows {
            let (server, mac, network, ip, floating) = row?;
            let entry = out.entry(server).or_default();
            let list = entry.addresses.entry(network).or_insert_with(|| json!([]));
            let Some(list) = list.as_array_mut() else {
                continue;
            };
            let version = Ip::parse(&ip).map_or(4, |i| i.version);
            list.push(address(version, &ip, "fixed", &mac));
            if let Some(f) = floating {
                list.push(address(4, &f, "floating", &mac));
            }
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT p.device_id, g.name, g.id FROM port_security_groups pg
             JOIN ports p ON p.id = pg.port_id
             JOIN security_groups g ON g.id = pg.security_group_id
             WHERE p.device_owner LIKE 'compute:%' AND p.device_id IN ({marks})
             ORDER BY p.created_at, p.rowid, pg.rowid"
        ))?;
        let rows = stmt.query_map(params_from_iter(chunk.iter()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (server, name, id) = row?;
            // Nova shows the id of a group without a name.
            let name = if name.is_empty() { id } else { name };
            out.entry(server)
                .or_default()
                .security_groups
                .push(json!({ "name": name }));
        }
    }
    Ok(out)
}

fn address(version: u8, addr: &str, kind: &str, mac: &str) -> Value {
    json!({
        "version": version,
        "addr": addr,
        "OS-EXT-IPS:type": kind,
        "OS-EXT-IPS-MAC:mac_addr": mac,
    })
}

/// Gives every live server without a port one on its project's own
/// network: the seeded servers, and servers from before Neutron existed.
pub fn seed_server_ports(conn: &Connection) -> Result<(), Fault> {
    let servers: Vec<(String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT s.id, s.project_id FROM servers s
             WHERE s.deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM ports p WHERE p.device_id = s.id)
             ORDER BY s.seq",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (server, project) in servers {
        let net = networks::list_visible(conn, Some(&project))?
            .into_iter()
            .find(|n| n.project_id == project && !n.external);
        let Some(net) = net else {
            continue;
        };
        ports::create(
            conn,
            &NewPort {
                device_id: server,
                device_owner: DEVICE_OWNER.to_owned(),
                preserve_on_delete: false,
                ..NewPort::on(&net, &project)
            },
        )?;
    }
    Ok(())
}
