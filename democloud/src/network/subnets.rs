//! Subnets: `/v2.0/subnets`.

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::ipam::{Cidr, Ip, Pool};
use super::networks::{self, sql_list, AUTO_DELETE_OWNERS};
use super::{
    call, collection_url, format_time, json_list, new_uuid, one, owner, path, py_repr, quotas,
    touch, Attrs, Fault, ListQuery, NetAuth, QJson, QPath,
};
use crate::db::now_micros;
use crate::state::AppState;

/// Neutron's `max_dns_nameservers`.
const MAX_DNS_NAMESERVERS: usize = 5;

#[derive(Clone, Debug)]
pub struct Subnet {
    pub id: String,
    pub network_id: String,
    pub project_id: String,
    pub name: String,
    pub description: String,
    pub ip_version: i64,
    pub cidr: String,
    pub gateway_ip: Option<String>,
    pub enable_dhcp: bool,
    pub allocation_pools: String,
    pub dns_nameservers: String,
    pub host_routes: String,
    pub revision_number: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, network_id, project_id, name, description, ip_version, cidr, \
    gateway_ip, enable_dhcp, allocation_pools, dns_nameservers, host_routes, revision_number, \
    created_at, updated_at";

impl Subnet {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Subnet> {
        Ok(Subnet {
            id: r.get(0)?,
            network_id: r.get(1)?,
            project_id: r.get(2)?,
            name: r.get(3)?,
            description: r.get(4)?,
            ip_version: r.get(5)?,
            cidr: r.get(6)?,
            gateway_ip: r.get(7)?,
            enable_dhcp: r.get(8)?,
            allocation_pools: r.get(9)?,
            dns_nameservers: r.get(10)?,
            host_routes: r.get(11)?,
            revision_number: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
        })
    }

    pub fn render(&self) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "network_id": self.network_id,
            "tenant_id": self.project_id,
            "project_id": self.project_id,
            "ip_version": self.ip_version,
            "cidr": self.cidr,
            "gateway_ip": self.gateway_ip,
            "enable_dhcp": self.enable_dhcp,
            "allocation_pools": json_list(&self.allocation_pools),
            "dns_nameservers": json_list(&self.dns_nameservers),
            "host_routes": json_list(&self.host_routes),
            "subnetpool_id": null,
            "ipv6_ra_mode": null,
            "ipv6_address_mode": null,
            "service_types": [],
            "tags": [],
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "revision_number": self.revision_number,
        })
    }

    pub fn cidr(&self) -> Option<Cidr> {
        Cidr::parse(&self.cidr)
    }

    pub fn gateway(&self) -> Option<Ip> {
        self.gateway_ip.as_deref().and_then(Ip::parse)
    }

    pub fn pools(&self) -> Vec<Pool> {
        json_list(&self.allocation_pools)
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|p| {
                        Some(Pool {
                            start: Ip::parse(p["start"].as_str()?)?,
                            end: Ip::parse(p["end"].as_str()?)?,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub fn not_found(id: &str) -> Fault {
    Fault::not_found("SubnetNotFound", format!("Subnet {id} could not be found."))
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<Subnet>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM subnets WHERE id = ?1"),
            params![id],
            Subnet::from_row,
        )
        .optional()?)
}

/// The subnets of a network, oldest first.
pub fn of_network(conn: &Connection, network_id: &str) -> Result<Vec<Subnet>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM subnets WHERE network_id = ?1 ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![network_id], Subnet::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A subnet the caller may see: its own, or on a network it may see.
pub fn load(conn: &Connection, auth: &NetAuth, id: &str) -> Result<Subnet, Fault> {
    let Some(s) = get(conn, id)? else {
        return Err(not_found(id));
    };
    if s.project_id == auth.project_id || auth.is_admin() {
        return Ok(s);
    }
    match networks::get(conn, &s.network_id)? {
        Some(n) if n.visible_to(auth) => Ok(s),
        _ => Err(not_found(id)),
    }
}

/// Inserts a subnet with Neutron's default gateway and pools (seeding).
pub fn insert_default(
    conn: &Connection,
    id: &str,
    network_id: &str,
    project_id: &str,
    name: &str,
    cidr: &str,
    enable_dhcp: bool,
) -> Result<(), Fault> {
    let cidr = Cidr::parse(cidr).ok_or_else(|| Fault::invalid_input("bad seed CIDR"))?;
    let gateway = cidr.default_gateway();
    let pools: Vec<Value> = cidr
        .default_pools(gateway)
        .iter()
        .map(|p| p.to_json())
        .collect();
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO subnets ({COLUMNS})
             VALUES (?1, ?2, ?3, ?4, '', ?5, ?6, ?7, ?8, ?9, '[]', '[]', 0, ?10, ?10)"
        ),
        params![
            id,
            network_id,
            project_id,
            name,
            cidr.version,
            cidr.to_string(),
            gateway.map(|g| g.to_string()),
            enable_dhcp,
            Value::Array(pools).to_string(),
            now_micros()
        ],
    )?;
    Ok(())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/subnets"),
            routing::get(list_subnets).post(create_subnet),
        )
        .route(
            &path("/subnets/{subnet_id}"),
            routing::get(show_subnet)
                .put(update_subnet)
                .delete(delete_subnet),
        )
}

async fn list_subnets(
    State(st): State<AppState>,
    auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "subnets");
    let items = call(&st, move |c| {
        let project = (!auth.is_admin()).then(|| auth.project_id.clone());
        let mut stmt = c.prepare(&format!(
            "SELECT {COLUMNS} FROM subnets s
             WHERE ?1 IS NULL OR project_id = ?1 OR EXISTS (
                 SELECT 1 FROM networks n WHERE n.id = s.network_id
                 AND (n.shared = 1 OR n.external = 1 OR n.project_id = ?1))
             ORDER BY created_at, rowid"
        ))?;
        let rows = stmt.query_map(params![project], Subnet::from_row)?;
        let subnets: Vec<Subnet> = rows.collect::<Result<_, _>>()?;
        Ok(subnets.iter().map(Subnet::render).collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(query.respond(items, "subnets", &url)?))
}

async fn show_subnet(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| Ok(load(c, &auth, &id)?.render())).await?;
    Ok(one("subnet", v, &query))
}

const KNOWN: &[&str] = &[
    "id",
    "name",
    "description",
    "network_id",
    "ip_version",
    "cidr",
    "gateway_ip",
    "allocation_pools",
    "enable_dhcp",
    "dns_nameservers",
    "host_routes",
    "project_id",
    "tenant_id",
    "ipv6_ra_mode",
    "ipv6_address_mode",
    "subnetpool_id",
    "prefixlen",
    "use_default_subnetpool",
    "service_types",
    "segment_id",
    "dns_publish_fixed_ip",
];

/// Validated `dns_nameservers`.
fn nameservers(attrs: &Attrs) -> Result<Option<Vec<String>>, Fault> {
    let Some(list) = attrs.string_list("dns_nameservers")? else {
        return Ok(None);
    };
    let mut seen = HashSet::new();
    for ns in &list {
        if Ip::parse(ns).is_none() {
            return Err(Fault::invalid_attr(
                "dns_nameservers",
                format!("'{ns}' is not a valid nameserver. '{ns}' is not a valid IP address"),
            ));
        }
        if !seen.insert(ns.as_str()) {
            return Err(Fault::invalid_attr(
                "dns_nameservers",
                format!("Duplicate nameserver '{ns}'"),
            ));
        }
    }
    Ok(Some(list))
}

/// Validated `host_routes`, as stored.
fn host_routes(attrs: &Attrs) -> Result<Option<Value>, Fault> {
    let Some(v) = attrs.raw("host_routes") else {
        return Ok(None);
    };
    let Value::Array(routes) = v else {
        return Err(Fault::invalid_attr(
            "host_routes",
            format!("'{}' is not a list", py_repr(v)),
        ));
    };
    let mut out = Vec::new();
    for r in routes {
        let (Some(dest), Some(hop)) = (r["destination"].as_str(), r["nexthop"].as_str()) else {
            return Err(Fault::invalid_attr(
                "host_routes",
                format!("Invalid data format for hostroute: '{}'", py_repr(r)),
            ));
        };
        if Cidr::parse(dest).is_none() || Ip::parse(hop).is_none() {
            return Err(Fault::invalid_attr(
                "host_routes",
                format!("Invalid data format for hostroute: '{}'", py_repr(r)),
            ));
        }
        out.push(json!({"destination": dest, "nexthop": hop}));
    }
    Ok(Some(Value::Array(out)))
}

/// `gateway_ip`: `Some(None)` for an explicit null (no gateway).
fn gateway_attr(attrs: &Attrs, cidr: Cidr) -> Result<Option<Option<Ip>>, Fault> {
    let Some(v) = attrs.nullable_string("gateway_ip", 64)? else {
        return Ok(None);
    };
    let Some(text) = v else {
        return Ok(Some(None));
    };
    let ip = Ip::parse(&text).ok_or_else(|| {
        Fault::invalid_attr("gateway_ip", format!("'{text}' is not a valid IP address"))
    })?;
    if ip.version != cidr.version {
        return Err(Fault::invalid_input(format!(
            "gateway_ip '{text}' does not match the ip_version '{}'",
            cidr.version
        )));
    }
    let broadcast = cidr.version == 4 && ip == cidr.last() && cidr.prefix < 31;
    if !cidr.contains(ip) || ip == cidr.first() || broadcast {
        return Err(Fault::invalid_input("Gateway is not valid on subnet"));
    }
    Ok(Some(Some(ip)))
}

/// Validated `allocation_pools`, checked against the CIDR and gateway.
fn pools_attr(attrs: &Attrs, cidr: Cidr, gateway: Option<Ip>) -> Result<Option<Vec<Pool>>, Fault> {
    let Some(v) = attrs.raw("allocation_pools") else {
        return Ok(None);
    };
    let Value::Array(items) = v else {
        return Err(Fault::invalid_attr(
            "allocation_pools",
            format!("'{}' is not a list", py_repr(v)),
        ));
    };
    let mut pools: Vec<Pool> = Vec::new();
    for item in items {
        let parsed = (|| {
            Some(Pool {
                start: Ip::parse(item["start"].as_str()?)?,
                end: Ip::parse(item["end"].as_str()?)?,
            })
        })();
        let Some(pool) = parsed else {
            return Err(Fault::invalid_attr(
                "allocation_pools",
                format!("Invalid data format for IP pool: '{}'", py_repr(item)),
            ));
        };
        let shown = format!("{}-{}", pool.start, pool.end);
        if pool.start > pool.end || pool.start.version != cidr.version {
            return Err(Fault::new(
                StatusCode::BAD_REQUEST,
                "InvalidAllocationPool",
                format!("The allocation pool {shown} is not valid."),
            ));
        }
        if !cidr.contains(pool.start) || !cidr.contains(pool.end) {
            return Err(Fault::new(
                StatusCode::BAD_REQUEST,
                "OutOfBoundsAllocationPool",
                format!("The allocation pool {shown} spans beyond the subnet cidr {cidr}."),
            ));
        }
        if let Some(other) = pools.iter().find(|p| p.overlaps(pool)) {
            return Err(Fault::conflict(
                "OverlappingAllocationPools",
                format!(
                    "Found overlapping allocation pools: {}-{} {shown} for subnet {cidr}.",
                    other.start, other.end
                ),
            ));
        }
        if let Some(gw) = gateway.filter(|g| pool.contains(*g)) {
            return Err(Fault::conflict(
                "GatewayConflictWithAllocationPools",
                format!("Gateway ip {gw} conflicts with allocation pool {shown}."),
            ));
        }
        pools.push(pool);
    }
    Ok(Some(pools))
}

fn pools_json(pools: &[Pool]) -> String {
    Value::Array(pools.iter().map(|p| p.to_json()).collect()).to_string()
}

async fn create_subnet(
    State(st): State<AppState>,
    auth: NetAuth,
    QJson(body): QJson<Value>,
) -> Result<(StatusCode, Json<Value>), Fault> {
    let attrs = Attrs::from_body(body, "subnet", KNOWN)?;
    attrs.read_only(&["id"])?;
    let network_id = attrs.required("network_id").map(super::py_repr)?;
    let ip_version = match attrs.required("ip_version")? {
        v if v == &json!(4) || v == &json!("4") => 4u8,
        v if v == &json!(6) || v == &json!("6") => 6u8,
        v => {
            return Err(Fault::invalid_attr(
                "ip_version",
                format!("{} is not in [4, 6]", py_repr(v)),
            ))
        }
    };
    let cidr_text = match attrs.raw("cidr") {
        None | Some(Value::Null) => {
            return Err(Fault::bad_resource_request(
                "subnet",
                "a subnetpool must be specified in the absence of a cidr",
            ))
        }
        Some(Value::String(s)) => s.clone(),
        Some(v) => py_repr(v),
    };
    let cidr = Cidr::parse(&cidr_text).ok_or_else(|| {
        Fault::invalid_attr("cidr", format!("'{cidr_text}' is not a valid IP subnet"))
    })?;
    if cidr.version != ip_version {
        return Err(Fault::invalid_input(format!(
            "cidr '{cidr}' does not match the ip_version '{ip_version}'"
        )));
    }
    let name = attrs.string("name", 255)?.unwrap_or_default();
    let description = attrs.string("description", 255)?.unwrap_or_default();
    let enable_dhcp = attrs.boolean("enable_dhcp")?.unwrap_or(true);
    let gateway = gateway_attr(&attrs, cidr)?.unwrap_or_else(|| cidr.default_gateway());
    let pools = pools_attr(&attrs, cidr, gateway)?.unwrap_or_else(|| cidr.default_pools(gateway));
    let dns = nameservers(&attrs)?.unwrap_or_default();
    if dns.len() > MAX_DNS_NAMESERVERS {
        return Err(Fault::bad_request(format!(
            "Unable to complete operation for {network_id}. The number of DNS nameservers \
             exceeds the limit {MAX_DNS_NAMESERVERS}."
        )));
    }
    let routes = host_routes(&attrs)?.unwrap_or_else(|| json!([]));
    let project_id = owner(&attrs, &auth)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let net = networks::load(&tx, &auth, &network_id)?;
        if net.project_id != auth.project_id && !auth.is_admin() {
            return Err(Fault::policy("rule:create_subnet"));
        }
        for other in of_network(&tx, &net.id)? {
            if other.cidr().is_some_and(|o| o.overlaps(cidr)) {
                return Err(Fault::invalid_input(format!(
                    "Requested subnet with cidr: {cidr} for network: {} overlaps with another \
                     subnet",
                    net.id
                )));
            }
        }
        quotas::check(&tx, &project_id, "subnet", 1)?;
        let id = new_uuid();
        tx.execute(
            &format!(
                "INSERT INTO subnets ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?13, ?13)"
            ),
            params![
                id,
                net.id,
                project_id,
                name,
                description,
                ip_version,
                cidr.to_string(),
                gateway.map(|g| g.to_string()),
                enable_dhcp,
                pools_json(&pools),
                json!(dns).to_string(),
                routes.to_string(),
                now_micros()
            ],
        )?;
        touch(&tx, "networks", &net.id)?;
        let s = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        tx.commit()?;
        Ok(s.render())
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "subnet": v }))))
}

async fn update_subnet(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    QJson(body): QJson<Value>,
) -> Result<Json<Value>, Fault> {
    let attrs = Attrs::from_body(body, "subnet", KNOWN)?;
    attrs.read_only(&[
        "id",
        "network_id",
        "ip_version",
        "cidr",
        "project_id",
        "tenant_id",
        "subnetpool_id",
        "prefixlen",
        "use_default_subnetpool",
        "ipv6_ra_mode",
        "ipv6_address_mode",
    ])?;
    let name = attrs.string("name", 255)?;
    let description = attrs.string("description", 255)?;
    let enable_dhcp = attrs.boolean("enable_dhcp")?;
    let dns = nameservers(&attrs)?;
    if dns.as_ref().is_some_and(|d| d.len() > MAX_DNS_NAMESERVERS) {
        return Err(Fault::bad_request(format!(
            "Unable to complete operation for {id}. The number of DNS nameservers exceeds the \
             limit {MAX_DNS_NAMESERVERS}."
        )));
    }
    let routes = host_routes(&attrs)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &id)?;
        if s.project_id != auth.project_id && !auth.is_admin() {
            return Err(Fault::policy("rule:update_subnet"));
        }
        let cidr = s
            .cidr()
            .ok_or_else(|| Fault::invalid_input("the stored CIDR is damaged"))?;
        let gateway = gateway_attr(&attrs, cidr)?;
        let pools = pools_attr(&attrs, cidr, gateway.unwrap_or_else(|| s.gateway()))?;
        let dns = dns.as_ref().map(|v| json!(v).to_string());
        let routes = routes.as_ref().map(|v| v.to_string());
        crate::db::update_columns(
            &tx,
            "subnets",
            &s.id,
            &[
                ("name", name.as_ref().map(|v| v as _)),
                ("description", description.as_ref().map(|v| v as _)),
                ("enable_dhcp", enable_dhcp.as_ref().map(|v| v as _)),
                ("dns_nameservers", dns.as_ref().map(|v| v as _)),
                ("host_routes", routes.as_ref().map(|v| v as _)),
            ],
        )?;
        if let Some(gw) = gateway {
            let pools_now = pools.clone().unwrap_or_else(|| s.pools());
            if let Some(p) = gw.and_then(|g| pools_now.iter().find(|p| p.contains(g))) {
                return Err(Fault::conflict(
                    "GatewayConflictWithAllocationPools",
                    format!(
                        "Gateway ip {} conflicts with allocation pool {}-{}.",
                        gw.map(|g| g.to_string()).unwrap_or_default(),
                        p.start,
                        p.end
                    ),
                ));
            }
            let gateway_ip = gw.map(|g| g.to_string());
            crate::db::update_columns(
                &tx,
                "subnets",
                &s.id,
                &[("gateway_ip", Some(&gateway_ip as _))],
            )?;
        }
        let pools = pools.as_ref().map(|p| pools_json(p));
        crate::db::update_columns(
            &tx,
            "subnets",
            &s.id,
            &[("allocation_pools", pools.as_ref().map(|v| v as _))],
        )?;
        touch(&tx, "subnets", &s.id)?;
        let s = get(&tx, &s.id)?.ok_or_else(|| not_found(&id))?;
        tx.commit()?;
        Ok(s.render())
    })
    .await?;
    Ok(Json(json!({ "subnet": v })))
}

async fn delete_subnet(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &id)?;
        if s.project_id != auth.project_id && !auth.is_admin() {
            return Err(Fault::policy("rule:delete_subnet"));
        }
        let in_use: i64 = tx.query_row(
            &format!(
                "SELECT COUNT(*) FROM port_ips i JOIN ports p ON p.id = i.port_id
                 WHERE i.subnet_id = ?1 AND p.device_owner NOT IN ({})",
                sql_list(AUTO_DELETE_OWNERS)
            ),
            params![s.id],
            |r| r.get(0),
        )?;
        if in_use > 0 {
            return Err(Fault::conflict(
                "SubnetInUse",
                format!(
                    "Unable to complete operation on subnet {}: One or more ports have an IP \
                     allocation from this subnet.",
                    s.id
                ),
            ));
        }
        delete_rows(&tx, &s.id)?;
        touch(&tx, "networks", &s.network_id)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a subnet and the addresses (of auto-deleted ports) on it.
pub fn delete_rows(conn: &Connection, id: &str) -> Result<(), Fault> {
    conn.execute("DELETE FROM port_ips WHERE subnet_id = ?1", params![id])?;
    conn.execute("DELETE FROM subnets WHERE id = ?1", params![id])?;
    Ok(())
}
