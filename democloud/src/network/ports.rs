//! Ports: `/v2.0/ports`, with IP allocation from their subnets' pools.

use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::ipam::{self, Cidr, Ip};
use super::networks::{self, Network};
use super::subnets::{self, Subnet};
use super::{
    call, collection_url, format_time, new_uuid, one, owner, path, py_repr, quotas,
    security_groups, touch, Attrs, Fault, ListQuery, NetAuth, QJson, QPath,
};
use crate::db::now_micros;
use crate::state::AppState;

/// The device owner of a floating IP's own port.
pub const FLOATINGIP_OWNER: &str = "network:floatingip";

#[derive(Clone, Debug)]
pub struct Port {
    pub id: String,
    pub network_id: String,
    pub project_id: String,
    pub name: String,
    pub description: String,
    pub mac_address: String,
    pub admin_state_up: bool,
    pub device_id: String,
    pub device_owner: String,
    pub port_security_enabled: bool,
    pub revision_number: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, network_id, project_id, name, description, mac_address, \
    admin_state_up, device_id, device_owner, port_security_enabled, revision_number, \
    created_at, updated_at";

/// One fixed IP: (subnet id, address).
pub type FixedIp = (String, String);

impl Port {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Port> {
        Ok(Port {
            id: r.get(0)?,
            network_id: r.get(1)?,
            project_id: r.get(2)?,
            name: r.get(3)?,
            description: r.get(4)?,
            mac_address: r.get(5)?,
            admin_state_up: r.get(6)?,
            device_id: r.get(7)?,
            device_owner: r.get(8)?,
            port_security_enabled: r.get(9)?,
            revision_number: r.get(10)?,
            created_at: r.get(11)?,
            updated_at: r.get(12)?,
        })
    }

    fn bound(&self) -> bool {
        self.device_owner.starts_with("compute:") && !self.device_id.is_empty()
    }

    /// What the agents would report: a bound port is up.
    pub fn status(&self) -> &'static str {
        if self.device_owner == FLOATINGIP_OWNER {
            "N/A"
        } else if !self.admin_state_up {
            "DOWN"
        } else if self.bound() || self.device_owner.starts_with("network:") {
            "ACTIVE"
        } else {
            "DOWN"
        }
    }

    /// `binding` is the host the port is bound to, for administrators only
    /// (`None` leaves the binding details out, as Neutron does for others).
    pub fn render(&self, ips: &[FixedIp], groups: &[String], binding: Option<&str>) -> Value {
        let fixed: Vec<Value> = ips
            .iter()
            .map(|(subnet, ip)| json!({"subnet_id": subnet, "ip_address": ip}))
            .collect();
        let mut v = json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "network_id": self.network_id,
            "tenant_id": self.project_id,
            "project_id": self.project_id,
            "mac_address": self.mac_address,
            "admin_state_up": self.admin_state_up,
            "status": self.status(),
            "device_id": self.device_id,
            "device_owner": self.device_owner,
            "fixed_ips": fixed,
            "allowed_address_pairs": [],
            "extra_dhcp_opts": [],
            "security_groups": groups,
            "port_security_enabled": self.port_security_enabled,
            "binding:vnic_type": "normal",
            "tags": [],
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "revision_number": self.revision_number,
        });
        // Binding details are for administrators only, as in Neutron.
        if let Some(host) = binding {
            let bound = self.bound();
            v["binding:host_id"] = json!(if bound { host } else { "" });
            v["binding:profile"] = json!({});
            v["binding:vif_details"] = if bound {
                json!({"port_filter": true, "connectivity": "l2"})
            } else {
                json!({})
            };
            v["binding:vif_type"] = json!(if bound { "ovs" } else { "unbound" });
        }
        v
    }
}

pub fn not_found(id: &str) -> Fault {
    Fault::not_found("PortNotFound", format!("Port {id} could not be found."))
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Port>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM ports WHERE id = ?1"),
            params![id],
            Port::from_row,
        )
        .optional()?)
}

/// A port the caller may see (its project's; any for admins).
pub fn load(conn: &Connection, auth: &NetAuth, id: &str) -> Result<Port, Fault> {
    match get(conn, id)? {
        Some(p) if p.project_id == auth.project_id || auth.is_admin() => Ok(p),
        _ => Err(not_found(id)),
    }
}

pub fn fixed_ips(conn: &Connection, port_id: &str) -> Result<Vec<FixedIp>, Fault> {
    let mut stmt = conn
        .prepare("SELECT subnet_id, ip_address FROM port_ips WHERE port_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map(params![port_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn group_ids(conn: &Connection, port_id: &str) -> Result<Vec<String>, Fault> {
    let mut stmt = conn.prepare(
        "SELECT security_group_id FROM port_security_groups WHERE port_id = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map(params![port_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The compute host of every server that has one, by server id.
fn server_hosts(conn: &Connection) -> Result<HashMap<String, String>, Fault> {
    let mut stmt = conn.prepare("SELECT id, host FROM servers WHERE host IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn render_one(conn: &Connection, p: &Port, admin: bool) -> Result<Value, Fault> {
    let host: Option<String> = if admin && p.bound() {
        conn.query_row(
            "SELECT host FROM servers WHERE id = ?1",
            params![p.device_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten()
    } else {
        None
    };
    let binding = admin.then(|| host.as_deref().unwrap_or_default());
    Ok(p.render(&fixed_ips(conn, &p.id)?, &group_ids(conn, &p.id)?, binding))
}

/// What a new port asks for. `None` fields take Neutron's defaults.
pub struct NewPort<'a> {
    pub network: &'a Network,
    pub project_id: &'a str,
    pub name: String,
    pub description: String,
    pub admin_state_up: bool,
    pub mac_address: Option<String>,
    pub device_id: String,
    pub device_owner: String,
    pub fixed_ips: Option<Vec<FixedIpRequest>>,
    pub security_groups: Option<Vec<String>>,
    pub port_security_enabled: Option<bool>,
    /// Nova's flag: false for ports it creates (deleted with the server).
    pub preserve_on_delete: bool,
}

impl<'a> NewPort<'a> {
    /// A port with every default.
    pub fn on(network: &'a Network, project_id: &'a str) -> NewPort<'a> {
        NewPort {
            network,
            project_id,
            name: String::new(),
            description: String::new(),
            admin_state_up: true,
            mac_address: None,
            device_id: String::new(),
            device_owner: String::new(),
            fixed_ips: None,
            security_groups: None,
            port_security_enabled: None,
            preserve_on_delete: true,
        }
    }
}

/// One requested fixed IP: a subnet, an address, or both.
#[derive(Clone, Debug, Default)]
pub struct FixedIpRequest {
    pub subnet_id: Option<String>,
    pub ip_address: Option<String>,
}

/// Creates a port: MAC, addresses and security groups, quota checked
/// (a floating IP's port belongs to no project and is not counted).
pub fn create(conn: &Connection, new: &NewPort<'_>) -> Result<String, Fault> {
    let net = new.network;
    if !new.project_id.is_empty() {
        quotas::check(conn, new.project_id, "port", 1)?;
    }
    let mac = match &new.mac_address {
        Some(m) => {
            let m = m.to_ascii_lowercase();
            check_mac(conn, net, &m, None)?;
            m
        }
        None => unused_mac(conn, net)?,
    };
    let ips = allocate(conn, net, new.fixed_ips.as_deref(), None)?;
    let port_security = new
        .port_security_enabled
        .unwrap_or(net.port_security_enabled);
    let groups = match &new.security_groups {
        Some(ids) => {
            check_groups(conn, new.project_id, ids, port_security, !ips.is_empty())?;
            ids.clone()
        }
        None if port_security
            && !new.device_owner.starts_with("network:")
            && !new.project_id.is_empty() =>
        {
            vec![security_groups::ensure_default(conn, new.project_id)?]
        }
        None => Vec::new(),
    };
    let id = new_uuid();
    let now = now_micros();
    conn.execute(
        &format!(
            "INSERT INTO ports ({COLUMNS}, preserve_on_delete)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?11, ?12)"
        ),
        params![
            id,
            net.id,
            new.project_id,
            new.name,
            new.description,
            mac,
            new.admin_state_up,
            new.device_id,
            new.device_owner,
            port_security,
            now,
            new.preserve_on_delete
        ],
    )?;
    store_ips(conn, &id, &ips)?;
    store_groups(conn, &id, &groups)?;
    Ok(id)
}

fn store_ips(conn: &Connection, port_id: &str, ips: &[FixedIp]) -> Result<(), Fault> {
    conn.execute("DELETE FROM port_ips WHERE port_id = ?1", params![port_id])?;
    for (subnet, ip) in ips {
        conn.execute(
            "INSERT INTO port_ips (port_id, subnet_id, ip_address) VALUES (?1, ?2, ?3)",
            params![port_id, subnet, ip],
        )?;
    }
    Ok(())
}

fn store_groups(conn: &Connection, port_id: &str, groups: &[String]) -> Result<(), Fault> {
    conn.execute(
        "DELETE FROM port_security_groups WHERE port_id = ?1",
        params![port_id],
    )?;
    for g in groups {
        conn.execute(
            "INSERT OR IGNORE INTO port_security_groups (port_id, security_group_id)
             VALUES (?1, ?2)",
            params![port_id, g],
        )?;
    }
    Ok(())
}

/// Security groups must exist in the port's project, and need port
/// security and an address.
fn check_groups(
    conn: &Connection,
    project_id: &str,
    ids: &[String],
    port_security: bool,
    has_ip: bool,
) -> Result<(), Fault> {
    if !ids.is_empty() && (!port_security || !has_ip) {
        return Err(Fault::bad_request_kind(
            "PortSecurityAndIPRequiredForSecurityGroups",
            "Port security must be enabled and port must have an IP address in order to use \
             security groups.",
        ));
    }
    for id in ids {
        match security_groups::get(conn, id)? {
            Some(g) if g.project_id == project_id => {}
            _ => return Err(security_groups::not_found(id)),
        }
    }
    Ok(())
}

fn check_mac(
    conn: &Connection,
    net: &Network,
    mac: &str,
    port_id: Option<&str>,
) -> Result<(), Fault> {
    if !ipam::is_mac(mac) {
        return Err(Fault::invalid_attr(
            "mac_address",
            format!("'{mac}' is not a valid MAC address"),
        ));
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM ports WHERE network_id = ?1 AND mac_address = ?2 AND id IS NOT ?3",
            params![net.id, mac, port_id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Fault::conflict(
            "MacAddressInUse",
            format!(
                "Unable to complete operation for network {}. The mac address {mac} is in use.",
                net.id
            ),
        ));
    }
    Ok(())
}

fn unused_mac(conn: &Connection, net: &Network) -> Result<String, Fault> {
    // 16.7 million addresses: a few tries always find a free one.
    for _ in 0..32 {
        let mac = ipam::random_mac();
        if check_mac(conn, net, &mac, None).is_ok() {
            return Ok(mac);
        }
    }
    Err(Fault::conflict(
        "MacAddressGenerationFailure",
        format!("Unable to generate unique mac on network {}.", net.id),
    ))
}

/// Picks addresses on `net` for `requests` (Neutron's default without
/// requests: one from the first IPv4 subnet and one from the first IPv6
/// subnet). `port_id`'s own addresses count as free, for updates.
pub fn allocate(
    conn: &Connection,
    net: &Network,
    requests: Option<&[FixedIpRequest]>,
    port_id: Option<&str>,
) -> Result<Vec<FixedIp>, Fault> {
    let subnets = subnets::of_network(conn, &net.id)?;
    let mut picked: Vec<FixedIp> = Vec::new();
    let used = |s: &Subnet, picked: &[FixedIp]| -> Result<HashSet<Ip>, Fault> {
        let mut stmt = conn.prepare(
            "SELECT ip_address FROM port_ips WHERE subnet_id = ?1 AND port_id IS NOT ?2",
        )?;
        let rows = stmt.query_map(params![s.id, port_id], |r| r.get::<_, String>(0))?;
        let mut set = HashSet::new();
        for row in rows {
            set.extend(Ip::parse(&row?));
        }
        set.extend(s.gateway());
        set.extend(
            picked
                .iter()
                .filter(|(sid, _)| *sid == s.id)
                .filter_map(|(_, ip)| Ip::parse(ip)),
        );
        Ok(set)
    };
    let next_free = |s: &Subnet, picked: &[FixedIp]| -> Result<FixedIp, Fault> {
        let ip = ipam::first_free(&s.pools(), &used(s, picked)?).ok_or_else(|| {
            Fault::conflict(
                "IpAddressGenerationFailure",
                format!("No more IP addresses available on network {}.", net.id),
            )
        })?;
        Ok((s.id.clone(), ip.to_string()))
    };
    let Some(requests) = requests else {
        for version in [4, 6] {
            if let Some(s) = subnets.iter().find(|s| s.ip_version == version) {
                let ip = next_free(s, &picked)?;
                picked.push(ip);
            }
        }
        return Ok(picked);
    };
    for req in requests {
        let subnet = match &req.subnet_id {
            Some(id) => Some(subnets.iter().find(|s| &s.id == id).ok_or_else(|| {
                Fault::invalid_input(format!(
                    "Failed to create port on network {}, because fixed_ips included invalid \
                     subnet {id}",
                    net.id
                ))
            })?),
            None => None,
        };
        let Some(text) = &req.ip_address else {
            match subnet {
                Some(s) => {
                    let ip = next_free(s, &picked)?;
                    picked.push(ip);
                    continue;
                }
                None => {
                    return Err(Fault::invalid_attr(
                        "fixed_ips",
                        "Invalid data format for fixed IP",
                    ))
                }
            }
        };
        let ip = Ip::parse(text).ok_or_else(|| {
            Fault::invalid_attr("fixed_ips", format!("'{text}' is not a valid IP address"))
        })?;
        let in_subnet = |s: &Subnet| s.cidr().is_some_and(|c: Cidr| host_of(c, ip));
        let s = match subnet {
            Some(s) if in_subnet(s) => s,
            Some(_) => {
                return Err(Fault::bad_request_kind(
                    "InvalidIpForSubnet",
                    format!("IP address {text} is not a valid IP for the specified subnet."),
                ))
            }
            None => subnets.iter().find(|s| in_subnet(s)).ok_or_else(|| {
                Fault::bad_request_kind(
                    "InvalidIpForNetwork",
                    format!(
                        "IP address {text} is not a valid IP for any of the subnets on the \
                         specified network."
                    ),
                )
            })?,
        };
        if used(s, &picked)?.contains(&ip) {
            return Err(Fault::conflict(
                "IpAddressAlreadyAllocated",
                format!("IP address {ip} already allocated in subnet {}", s.id),
            ));
        }
        picked.push((s.id.clone(), ip.to_string()));
    }
    Ok(picked)
}

/// Whether `ip` is a host address of `cidr` (not the network address, nor
/// the IPv4 broadcast address).
fn host_of(cidr: Cidr, ip: Ip) -> bool {
    if !cidr.contains(ip) {
        return false;
    }
    if cidr.first() == cidr.last() {
        return true;
    }
    let broadcast = cidr.version == 4 && ip == cidr.last() && cidr.prefix < 31;
    ip != cidr.first() && !broadcast
}

/// Removes a port; floating IPs on it lose their association.
pub fn delete_rows(conn: &Connection, id: &str) -> Result<(), Fault> {
    let now = now_micros();
    conn.execute(
        "UPDATE floating_ips SET port_id = NULL, fixed_ip_address = NULL, updated_at = ?2,
             revision_number = revision_number + 1
         WHERE port_id = ?1",
        params![id, now],
    )?;
    conn.execute("DELETE FROM ports WHERE id = ?1", params![id])?;
    Ok(())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/ports"), routing::get(list_ports).post(create_port))
        .route(
            &path("/ports/{port_id}"),
            routing::get(show_port).put(update_port).delete(delete_port),
        )
}

async fn list_ports(
    State(st): State<AppState>,
    auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "ports");
    let admin = auth.is_admin();
    // Common filters go to SQL so Nova-style lookups by device stay cheap.
    let device_id = query.get("device_id").map(str::to_owned);
    let network_id = query.get("network_id").map(str::to_owned);
    let items = call(&st, move |c| {
        let project = (!admin).then(|| auth.project_id.clone());
        let mut stmt = c.prepare(&format!(
            "SELECT {COLUMNS} FROM ports
             WHERE (?1 IS NULL OR project_id = ?1) AND (?2 IS NULL OR device_id = ?2)
               AND (?3 IS NULL OR network_id = ?3)
             ORDER BY created_at, rowid"
        ))?;
        let rows = stmt.query_map(params![project, device_id, network_id], Port::from_row)?;
        let ports: Vec<Port> = rows.collect::<Result<_, _>>()?;
        let mut ips: HashMap<String, Vec<FixedIp>> = HashMap::new();
        let mut groups: HashMap<String, Vec<String>> = HashMap::new();
        {
            let mut stmt =
                c.prepare("SELECT port_id, subnet_id, ip_address FROM port_ips ORDER BY rowid")?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?;
            for row in rows {
                let (port, ip) = row?;
                ips.entry(port).or_default().push(ip);
            }
            let mut stmt = c.prepare(
                "SELECT port_id, security_group_id FROM port_security_groups ORDER BY rowid",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
            for row in rows {
                let (port, g) = row?;
                groups.entry(port).or_default().push(g);
            }
        }
        let hosts = if admin {
            server_hosts(c)?
        } else {
            HashMap::new()
        };
        Ok(ports
            .iter()
            .map(|p| {
                let binding = admin.then(|| hosts.get(&p.device_id).map_or("", String::as_str));
                p.render(
                    ips.get(&p.id).map_or(&[][..], Vec::as_slice),
                    groups.get(&p.id).map_or(&[][..], Vec::as_slice),
                    binding,
                )
            })
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(query.respond(items, "ports", &url)?))
}

async fn show_port(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let p = load(c, &auth, &id)?;
        render_one(c, &p, auth.is_admin())
    })
    .await?;
    Ok(one("port", v, &query))
}

const KNOWN: &[&str] = &[
    "id",
    "name",
    "description",
    "network_id",
    "admin_state_up",
    "mac_address",
    "fixed_ips",
    "device_id",
    "device_owner",
    "security_groups",
    "port_security_enabled",
    "allowed_address_pairs",
    "extra_dhcp_opts",
    "binding:host_id",
    "binding:vnic_type",
    "binding:profile",
    "qos_policy_id",
    "dns_name",
    "dns_domain",
    "propagate_uplink_status",
    "numa_affinity_policy",
    "project_id",
    "tenant_id",
    "status",
];

/// `fixed_ips` of a request body.
fn fixed_ip_requests(attrs: &Attrs) -> Result<Option<Vec<FixedIpRequest>>, Fault> {
    let Some(v) = attrs.raw("fixed_ips") else {
        return Ok(None);
    };
    let Value::Array(items) = v else {
        return Err(Fault::invalid_attr(
            "fixed_ips",
            format!("Invalid data format for fixed IP: '{}'", py_repr(v)),
        ));
    };
    items
        .iter()
        .map(|item| {
            let field = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_owned);
            let req = FixedIpRequest {
                subnet_id: field("subnet_id"),
                ip_address: field("ip_address"),
            };
            if !item.is_object() || (req.subnet_id.is_none() && req.ip_address.is_none()) {
                return Err(Fault::invalid_attr(
                    "fixed_ips",
                    format!("Invalid data format for fixed IP: '{}'", py_repr(item)),
                ));
            }
            Ok(req)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

async fn create_port(
    State(st): State<AppState>,
    auth: NetAuth,
    QJson(body): QJson<Value>,
) -> Result<(StatusCode, Json<Value>), Fault> {
    let attrs = Attrs::from_body(body, "port", KNOWN)?;
    attrs.read_only(&["id", "status"])?;
    let network_id = py_repr(attrs.required("network_id")?);
    let name = attrs.string("name", 255)?.unwrap_or_default();
    let description = attrs.string("description", 255)?.unwrap_or_default();
    let admin_state_up = attrs.boolean("admin_state_up")?.unwrap_or(true);
    let mac_address = attrs.string("mac_address", 32)?;
    let device_id = attrs.string("device_id", 255)?.unwrap_or_default();
    let device_owner = attrs.string("device_owner", 255)?.unwrap_or_default();
    let groups = attrs.string_list("security_groups")?;
    let port_security = attrs.boolean("port_security_enabled")?;
    let fixed = fixed_ip_requests(&attrs)?;
    let project_id = owner(&attrs, &auth)?;
    let admin = auth.is_admin();
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let net = networks::load(&tx, &auth, &network_id)?;
        if net.project_id != auth.project_id && !net.shared && !admin {
            return Err(networks::not_found(&network_id));
        }
        let id = create(
            &tx,
            &NewPort {
                name,
                description,
                admin_state_up,
                mac_address,
                device_id,
                device_owner,
                fixed_ips: fixed,
                security_groups: groups,
                port_security_enabled: port_security,
                ..NewPort::on(&net, &project_id)
            },
        )?;
        let p = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &p, admin)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "port": v }))))
}

async fn update_port(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    QJson(body): QJson<Value>,
) -> Result<Json<Value>, Fault> {
    let attrs = Attrs::from_body(body, "port", KNOWN)?;
    attrs.read_only(&["id", "network_id", "project_id", "tenant_id", "status"])?;
    let name = attrs.string("name", 255)?;
    let description = attrs.string("description", 255)?;
    let admin_state_up = attrs.boolean("admin_state_up")?;
    let mac_address = attrs.string("mac_address", 32)?;
    let device_id = attrs.string("device_id", 255)?;
    let device_owner = attrs.string("device_owner", 255)?;
    let groups = attrs.string_list("security_groups")?;
    let port_security = attrs.boolean("port_security_enabled")?;
    let fixed = fixed_ip_requests(&attrs)?;
    let admin = auth.is_admin();
    if mac_address.is_some() && !admin {
        return Err(Fault::policy("rule:update_port:mac_address"));
    }
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let p = load(&tx, &auth, &id)?;
        let net =
            networks::get(&tx, &p.network_id)?.ok_or_else(|| networks::not_found(&p.network_id))?;
        crate::db::update_columns(
            &tx,
            "ports",
            &p.id,
            &[
                ("name", name.as_ref().map(|v| v as _)),
                ("description", description.as_ref().map(|v| v as _)),
                ("admin_state_up", admin_state_up.as_ref().map(|v| v as _)),
                ("device_id", device_id.as_ref().map(|v| v as _)),
                ("device_owner", device_owner.as_ref().map(|v| v as _)),
            ],
        )?;
        if let Some(m) = &mac_address {
            let m = m.to_ascii_lowercase();
            check_mac(&tx, &net, &m, Some(&p.id))?;
            crate::db::update_columns(&tx, "ports", &p.id, &[("mac_address", Some(&m as _))])?;
        }
        if let Some(requests) = &fixed {
            let ips = allocate(&tx, &net, Some(requests), Some(&p.id))?;
            store_ips(&tx, &p.id, &ips)?;
        }
        let security = port_security.unwrap_or(p.port_security_enabled);
        let final_groups = match &groups {
            Some(g) => g.clone(),
            None => group_ids(&tx, &p.id)?,
        };
        if !security && !final_groups.is_empty() && groups.is_none() {
            return Err(Fault::conflict(
                "PortSecurityPortHasSecurityGroup",
                "Port has security group associated. Cannot disable port security or ip \
                 address until security group is removed",
            ));
        }
        if let Some(g) = &groups {
            let has_ip = !fixed_ips(&tx, &p.id)?.is_empty();
            check_groups(&tx, &p.project_id, g, security, has_ip)?;
            store_groups(&tx, &p.id, g)?;
        }
        crate::db::update_columns(
            &tx,
            "ports",
            &p.id,
            &[(
                "port_security_enabled",
                port_security.as_ref().map(|v| v as _),
            )],
        )?;
        touch(&tx, "ports", &p.id)?;
        let p = get(&tx, &p.id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &p, admin)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(Json(json!({ "port": v })))
}

async fn delete_port(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let tx = c.transaction()?;
        let p = load(&tx, &auth, &id)?;
        if p.device_owner == FLOATINGIP_OWNER {
            return Err(Fault::conflict(
                "ServicePortInUse",
                format!(
                    "Port {} cannot be deleted directly via the port API: has device owner \
                     {FLOATINGIP_OWNER}.",
                    p.id
                ),
            ));
        }
        delete_rows(&tx, &p.id)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
