//! Floating IPs: `/v2.0/floatingips`. A floating IP holds its address on
//! the external network through a port of its own (device owner
//! `network:floatingip`, no project), as in Neutron.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::ipam::Ip;
use super::ports::{self, FixedIpRequest, NewPort, Port, FLOATINGIP_OWNER};
use super::{
    call, collection_url, format_time, networks, new_uuid, one, owner, path, quotas, subnets,
    touch, Attrs, Fault, ListQuery, NetAuth, QJson, QPath,
};
use crate::db::now_micros;
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct FloatingIp {
    pub id: String,
    pub project_id: String,
    pub floating_network_id: String,
    pub floating_port_id: String,
    pub floating_ip_address: String,
    pub port_id: Option<String>,
    pub fixed_ip_address: Option<String>,
    pub description: String,
    pub revision_number: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, project_id, floating_network_id, floating_port_id, \
    floating_ip_address, port_id, fixed_ip_address, description, revision_number, created_at, \
    updated_at";

impl FloatingIp {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<FloatingIp> {
        Ok(FloatingIp {
            id: r.get(0)?,
            project_id: r.get(1)?,
            floating_network_id: r.get(2)?,
            floating_port_id: r.get(3)?,
            floating_ip_address: r.get(4)?,
            port_id: r.get(5)?,
            fixed_ip_address: r.get(6)?,
            description: r.get(7)?,
            revision_number: r.get(8)?,
            created_at: r.get(9)?,
            updated_at: r.get(10)?,
        })
    }

    /// `port` is the associated port, for `port_details`.
    fn render(&self, port: Option<&Port>) -> Value {
        let details = port.map(|p| {
            json!({
                "name": p.name,
                "network_id": p.network_id,
                "mac_address": p.mac_address,
                "admin_state_up": p.admin_state_up,
                "status": p.status(),
                "device_id": p.device_id,
                "device_owner": p.device_owner,
            })
        });
        json!({
            "id": self.id,
            "floating_ip_address": self.floating_ip_address,
            "floating_network_id": self.floating_network_id,
            "router_id": null,
            "port_id": self.port_id,
            "fixed_ip_address": self.fixed_ip_address,
            "status": if self.port_id.is_some() { "ACTIVE" } else { "DOWN" },
            "tenant_id": self.project_id,
            "project_id": self.project_id,
            "description": self.description,
            "port_details": details,
            "tags": [],
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "revision_number": self.revision_number,
        })
    }
}

fn not_found(id: &str) -> Fault {
    Fault::not_found(
        "FloatingIPNotFound",
        format!("Floating IP {id} could not be found"),
    )
}

fn get(conn: &Connection, id: &str) -> Result<Option<FloatingIp>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM floating_ips WHERE id = ?1"),
            params![id],
            FloatingIp::from_row,
        )
        .optional()?)
}

fn load(conn: &Connection, auth: &NetAuth, id: &str) -> Result<FloatingIp, Fault> {
    match get(conn, id)? {
        Some(f) if f.project_id == auth.project_id || auth.is_admin() => Ok(f),
        _ => Err(not_found(id)),
    }
}

fn render_one(conn: &Connection, f: &FloatingIp) -> Result<Value, Fault> {
    let port = match &f.port_id {
        Some(p) => ports::get(conn, p)?,
        None => None,
    };
    Ok(f.render(port.as_ref()))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/floatingips"),
            routing::get(list_fips).post(create_fip),
        )
        .route(
            &path("/floatingips/{floatingip_id}"),
            routing::get(show_fip).put(update_fip).delete(delete_fip),
        )
}

async fn list_fips(
    State(st): State<AppState>,
    auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "floatingips");
    let items = call(&st, move |c| {
        let project = (!auth.is_admin()).then(|| auth.project_id.clone());
        let mut stmt = c.prepare(&format!(
            "SELECT {COLUMNS} FROM floating_ips WHERE ?1 IS NULL OR project_id = ?1
             ORDER BY created_at, rowid"
        ))?;
        let rows = stmt.query_map(params![project], FloatingIp::from_row)?;
        let fips: Vec<FloatingIp> = rows.collect::<Result<_, _>>()?;
        let mut port_of: HashMap<String, Port> = HashMap::new();
        for id in fips.iter().filter_map(|f| f.port_id.as_deref()) {
            if let Some(p) = ports::get(c, id)? {
                port_of.insert(id.to_owned(), p);
            }
        }
        Ok(fips
            .iter()
            .map(|f| f.render(f.port_id.as_ref().and_then(|p| port_of.get(p))))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(query.respond(items, "floatingips", &url)?))
}

async fn show_fip(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let f = load(c, &auth, &id)?;
        render_one(c, &f)
    })
    .await?;
    Ok(one("floatingip", v, &query))
}

const KNOWN: &[&str] = &[
    "id",
    "floating_network_id",
    "floating_ip_address",
    "subnet_id",
    "port_id",
    "fixed_ip_address",
    "description",
    "project_id",
    "tenant_id",
    "qos_policy_id",
    "dns_name",
    "dns_domain",
    "router_id",
    "status",
];

/// Associates `fip` with a port (and one of its IPv4 addresses).
fn associate(
    conn: &Connection,
    auth: &NetAuth,
    fip: &FloatingIp,
    port_id: &str,
    fixed_ip: Option<&str>,
) -> Result<(), Fault> {
    let port = match ports::get(conn, port_id)? {
        Some(p) if p.project_id == fip.project_id || auth.is_admin() => p,
        _ => return Err(ports::not_found(port_id)),
    };
    let v4: Vec<String> = ports::fixed_ips(conn, &port.id)?
        .into_iter()
        .map(|(_, ip)| ip)
        .filter(|ip| Ip::parse(ip).is_some_and(|i| i.version == 4))
        .collect();
    let fixed = match fixed_ip {
        Some(want) => v4
            .iter()
            .find(|ip| ip.as_str() == want)
            .cloned()
            .ok_or_else(|| {
                Fault::bad_resource_request(
                    "floatingip",
                    format!("Port {port_id} does not have fixed ip {want}"),
                )
            })?,
        None => v4.first().cloned().ok_or_else(|| {
            Fault::bad_resource_request(
                "floatingip",
                format!(
                    "Cannot add floating IP to port {port_id} that has no fixed IPv4 addresses"
                ),
            )
        })?,
    };
    let taken: Option<String> = conn
        .query_row(
            "SELECT id FROM floating_ips WHERE port_id = ?1 AND fixed_ip_address = ?2
             AND floating_network_id = ?3 AND id <> ?4",
            params![port.id, fixed, fip.floating_network_id, fip.id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Fault::conflict(
            "FloatingIPPortAlreadyAssociated",
            format!(
                "Cannot associate floating IP {} ({}) with port {} using fixed IP {fixed}, as \
                 that fixed IP already has a floating IP on external network {}.",
                fip.floating_ip_address, fip.id, port.id, fip.floating_network_id
            ),
        ));
    }
    conn.execute(
        "UPDATE floating_ips SET port_id = ?2, fixed_ip_address = ?3 WHERE id = ?1",
        params![fip.id, port.id, fixed],
    )?;
    Ok(())
}

fn disassociate(conn: &Connection, fip: &FloatingIp) -> Result<(), Fault> {
    conn.execute(
        "UPDATE floating_ips SET port_id = NULL, fixed_ip_address = NULL WHERE id = ?1",
        params![fip.id],
    )?;
    Ok(())
}

async fn create_fip(
    State(st): State<AppState>,
    auth: NetAuth,
    QJson(body): QJson<Value>,
) -> Result<(StatusCode, Json<Value>), Fault> {
    let attrs = Attrs::from_body(body, "floatingip", KNOWN)?;
    attrs.read_only(&["id", "router_id", "status"])?;
    let network_id = super::py_repr(attrs.required("floating_network_id")?);
    let address = attrs.nullable_string("floating_ip_address", 64)?.flatten();
    let subnet_id = attrs.nullable_string("subnet_id", 64)?.flatten();
    let port_id = attrs.nullable_string("port_id", 64)?.flatten();
    let fixed_ip = attrs.nullable_string("fixed_ip_address", 64)?.flatten();
    let description = attrs.string("description", 255)?.unwrap_or_default();
    let project_id = owner(&attrs, &auth)?;
    if address.is_some() && !auth.is_admin() {
        return Err(Fault::policy(
            "(rule:create_floatingip and rule:create_floatingip:floating_ip_address)",
        ));
    }
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let net = networks::get(&tx, &network_id)?
            .filter(|n| n.visible_to(&auth))
            .ok_or_else(|| networks::not_found(&network_id))?;
        if !net.external {
            return Err(Fault::bad_resource_request(
                "floatingip",
                format!("Network {network_id} is not a valid external network"),
            ));
        }
        // Floating IPs are IPv4: the given subnet, or the first IPv4 one.
        let subnet = match &subnet_id {
            Some(id) => subnets::get(&tx, id)?
                .filter(|s| s.network_id == net.id)
                .ok_or_else(|| subnets::not_found(id))?,
            None => subnets::of_network(&tx, &net.id)?
                .into_iter()
                .find(|s| s.ip_version == 4)
                .ok_or_else(|| {
                    Fault::bad_resource_request(
                        "floatingip",
                        format!("Network {} does not contain any IPv4 subnet", net.id),
                    )
                })?,
        };
        quotas::check(&tx, &project_id, "floatingip", 1)?;
        let id = new_uuid();
        let port_id_own = ports::create(
            &tx,
            &NewPort {
                device_id: id.clone(),
                device_owner: FLOATINGIP_OWNER.to_owned(),
                fixed_ips: Some(vec![FixedIpRequest {
                    subnet_id: Some(subnet.id.clone()),
                    ip_address: address,
                }]),
                ..NewPort::on(&net, "")
            },
        )?;
        let ip = ports::fixed_ips(&tx, &port_id_own)?
            .into_iter()
            .next()
            .map(|(_, ip)| ip)
            .ok_or_else(|| {
                Fault::conflict(
                    "IpAddressGenerationFailure",
                    format!("No more IP addresses available on network {}.", net.id),
                )
            })?;
        tx.execute(
            &format!(
                "INSERT INTO floating_ips ({COLUMNS}, subnet_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL, NULL, ?7, 0, ?8, ?8, ?6)"
            ),
            params![
                id,
                project_id,
                net.id,
                port_id_own,
                ip,
                subnet.id,
                description,
                now_micros()
            ],
        )?;
        let fip = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        if let Some(p) = &port_id {
            associate(&tx, &auth, &fip, p, fixed_ip.as_deref())?;
        }
        let fip = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &fip)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "floatingip": v }))))
}

async fn update_fip(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    QJson(body): QJson<Value>,
) -> Result<Json<Value>, Fault> {
    let attrs = Attrs::from_body(body, "floatingip", KNOWN)?;
    attrs.read_only(&[
        "id",
        "floating_network_id",
        "floating_ip_address",
        "subnet_id",
        "project_id",
        "tenant_id",
        "router_id",
        "status",
    ])?;
    let port_id = attrs.nullable_string("port_id", 64)?;
    let fixed_ip = attrs.nullable_string("fixed_ip_address", 64)?.flatten();
    let description = attrs.string("description", 255)?;
    if fixed_ip.is_some() && port_id.is_none() {
        return Err(Fault::bad_resource_request(
            "floatingip",
            "fixed_ip_address cannot be specified without a port_id",
        ));
    }
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let fip = load(&tx, &auth, &id)?;
        match &port_id {
            Some(Some(p)) => associate(&tx, &auth, &fip, p, fixed_ip.as_deref())?,
            Some(None) => disassociate(&tx, &fip)?,
            None => {}
        }
        if let Some(d) = &description {
            tx.execute(
                "UPDATE floating_ips SET description = ?2 WHERE id = ?1",
                params![fip.id, d],
            )?;
        }
        touch(&tx, "floating_ips", &fip.id)?;
        let fip = get(&tx, &fip.id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &fip)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(Json(json!({ "floatingip": v })))
}

async fn delete_fip(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let tx = c.transaction()?;
        let fip = load(&tx, &auth, &id)?;
        tx.execute("DELETE FROM floating_ips WHERE id = ?1", params![fip.id])?;
        ports::delete_rows(&tx, &fip.floating_port_id)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
