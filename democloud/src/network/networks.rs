//! Networks: `/v2.0/networks`.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::{
    call, collection_url, format_time, new_uuid, one, owner, path, quotas, security_groups,
    subnets, touch, Attrs, Fault, ListQuery, NetAuth, QJson, QPath,
};
use crate::db::now_micros;
use crate::state::AppState;

/// Device owners whose ports Neutron removes with their network or subnet
/// instead of refusing the delete.
pub const AUTO_DELETE_OWNERS: &[&str] = &[
    "network:dhcp",
    "network:distributed",
    "network:floatingip_agent_gateway",
];

/// The MTU of every network (VXLAN over a 1500-byte underlay).
pub const MTU: i64 = 1450;

#[derive(Clone, Debug)]
pub struct Network {
    pub id: String,
    pub project_id: String,
    pub name: String,
    pub description: String,
    pub admin_state_up: bool,
    pub shared: bool,
    pub external: bool,
    pub mtu: i64,
    pub port_security_enabled: bool,
    pub revision_number: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, project_id, name, description, admin_state_up, shared, external, mtu, \
    port_security_enabled, revision_number, created_at, updated_at";

impl Network {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Network> {
        Ok(Network {
            id: r.get(0)?,
            project_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            admin_state_up: r.get(4)?,
            shared: r.get(5)?,
            external: r.get(6)?,
            mtu: r.get(7)?,
            port_security_enabled: r.get(8)?,
            revision_number: r.get(9)?,
            created_at: r.get(10)?,
            updated_at: r.get(11)?,
        })
    }

    /// Whether a project may see it: its own, shared and external networks.
    pub fn visible_to(&self, auth: &NetAuth) -> bool {
        auth.is_admin() || self.project_id == auth.project_id || self.shared || self.external
    }

    fn render(&self, subnets: &[String]) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "tenant_id": self.project_id,
            "project_id": self.project_id,
            "admin_state_up": self.admin_state_up,
            "status": "ACTIVE",
            "shared": self.shared,
            "router:external": self.external,
            "subnets": subnets,
            "mtu": self.mtu,
            "port_security_enabled": self.port_security_enabled,
            "availability_zone_hints": [],
            "availability_zones": [],
            "ipv4_address_scope": null,
            "ipv6_address_scope": null,
            "l2_adjacency": true,
            "tags": [],
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "revision_number": self.revision_number,
        })
    }
}

/// `Network <id> could not be found.`
pub fn not_found(id: &str) -> Fault {
    Fault::not_found(
        "NetworkNotFound",
        format!("Network {id} could not be found."),
    )
}

/// A network by id, whoever owns it.
pub fn get(conn: &Connection, id: &str) -> Result<Option<Network>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM networks WHERE id = ?1"),
            params![id],
            Network::from_row,
        )
        .optional()?)
}

/// A network the caller may see, or Neutron's 404.
pub fn load(conn: &Connection, auth: &NetAuth, id: &str) -> Result<Network, Fault> {
    match get(conn, id)? {
        Some(n) if n.visible_to(auth) => Ok(n),
        _ => Err(not_found(id)),
    }
}

/// Networks the caller may see (all for admins), oldest first.
pub fn list_visible(conn: &Connection, project: Option<&str>) -> Result<Vec<Network>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM networks
         WHERE ?1 IS NULL OR project_id = ?1 OR shared = 1 OR external = 1
         ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![project], Network::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Subnet ids per network, oldest first.
fn subnet_ids(conn: &Connection) -> Result<HashMap<String, Vec<String>>, Fault> {
    let mut stmt = conn.prepare("SELECT network_id, id FROM subnets ORDER BY created_at, rowid")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows {
        let (network, id) = row?;
        map.entry(network).or_default().push(id);
    }
    Ok(map)
}

fn render_one(conn: &Connection, n: &Network) -> Result<Value, Fault> {
    let ids = subnet_ids(conn)?.remove(&n.id).unwrap_or_default();
    Ok(n.render(&ids))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/networks"),
            routing::get(list_networks).post(create_network),
        )
        .route(
            &path("/networks/{network_id}"),
            routing::get(show_network)
                .put(update_network)
                .delete(delete_network),
        )
}

async fn list_networks(
    State(st): State<AppState>,
    auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "networks");
    let items = call(&st, move |c| {
        let project = (!auth.is_admin()).then(|| auth.project_id.clone());
        let subnets = subnet_ids(c)?;
        Ok(list_visible(c, project.as_deref())?
            .iter()
            .map(|n| n.render(subnets.get(&n.id).map_or(&[][..], Vec::as_slice)))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(query.respond(items, "networks", &url)?))
}

async fn show_network(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let n = load(c, &auth, &id)?;
        render_one(c, &n)
    })
    .await?;
    Ok(one("network", v, &query))
}

/// Attributes Neutron knows for a network; those not implemented here are
/// accepted and ignored.
const KNOWN: &[&str] = &[
    "id",
    "name",
    "description",
    "admin_state_up",
    "shared",
    "router:external",
    "port_security_enabled",
    "mtu",
    "project_id",
    "tenant_id",
    "status",
    "subnets",
    "availability_zone_hints",
    "provider:network_type",
    "provider:physical_network",
    "provider:segmentation_id",
    "segments",
    "dns_domain",
    "qos_policy_id",
    "is_default",
];

fn check_mtu(attrs: &Attrs) -> Result<Option<i64>, Fault> {
    match attrs.nullable_int("mtu")?.flatten() {
        Some(m) if m > MTU => Err(Fault::invalid_input(format!(
            "Requested MTU is too big, maximum is {MTU}"
        ))),
        Some(m) if m < 68 => Err(Fault::invalid_attr(
            "mtu",
            format!("'{m}' is too small - must be at least '68'"),
        )),
        other => Ok(other),
    }
}

async fn create_network(
    State(st): State<AppState>,
    auth: NetAuth,
    QJson(body): QJson<Value>,
) -> Result<(StatusCode, Json<Value>), Fault> {
    let attrs = Attrs::from_body(body, "network", KNOWN)?;
    attrs.read_only(&["id", "status", "subnets"])?;
    let name = attrs.string("name", 255)?.unwrap_or_default();
    let description = attrs.string("description", 255)?.unwrap_or_default();
    let admin_state_up = attrs.boolean("admin_state_up")?.unwrap_or(true);
    let shared = attrs.boolean("shared")?.unwrap_or(false);
    let external = attrs.boolean("router:external")?.unwrap_or(false);
    let port_security = attrs.boolean("port_security_enabled")?.unwrap_or(true);
    let mtu = check_mtu(&attrs)?.unwrap_or(MTU);
    let project_id = owner(&attrs, &auth)?;
    if shared && !auth.is_admin() {
        return Err(Fault::policy(
            "(rule:create_network and rule:create_network:shared)",
        ));
    }
    if external && !auth.is_admin() {
        return Err(Fault::policy(
            "(rule:create_network and rule:create_network:router:external)",
        ));
    }
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        quotas::check(&tx, &project_id, "network", 1)?;
        security_groups::ensure_default(&tx, &project_id)?;
        let id = new_uuid();
        let now = now_micros();
        tx.execute(
            &format!(
                "INSERT INTO networks ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?10)"
            ),
            params![id, project_id, name, description, admin_state_up, shared, external, mtu, port_security, now],
        )?;
        let n = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        tx.commit()?;
        Ok(n.render(&[]))
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "network": v }))))
}

async fn update_network(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    QJson(body): QJson<Value>,
) -> Result<Json<Value>, Fault> {
    let attrs = Attrs::from_body(body, "network", KNOWN)?;
    attrs.read_only(&["id", "project_id", "tenant_id", "status", "subnets"])?;
    let name = attrs.string("name", 255)?;
    let description = attrs.string("description", 255)?;
    let admin_state_up = attrs.boolean("admin_state_up")?;
    let shared = attrs.boolean("shared")?;
    let external = attrs.boolean("router:external")?;
    let port_security = attrs.boolean("port_security_enabled")?;
    let mtu = check_mtu(&attrs)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let n = load(&tx, &auth, &id)?;
        if n.project_id != auth.project_id && !auth.is_admin() {
            return Err(Fault::policy("rule:update_network"));
        }
        if shared.is_some() && !auth.is_admin() {
            return Err(Fault::policy(
                "(rule:update_network and rule:update_network:shared)",
            ));
        }
        if external.is_some() && !auth.is_admin() {
            return Err(Fault::policy(
                "(rule:update_network and rule:update_network:router:external)",
            ));
        }
        if shared == Some(false) && n.shared {
            // Other projects' ports would lose their network.
            let others: i64 = tx.query_row(
                "SELECT COUNT(*) FROM ports WHERE network_id = ?1 AND project_id NOT IN (?2, '')",
                params![n.id, n.project_id],
                |r| r.get(0),
            )?;
            if others > 0 {
                return Err(Fault::conflict(
                    "InvalidSharedSetting",
                    format!(
                        "Unable to reconfigure sharing settings for network {}. Multiple tenants \
                         are using it.",
                        n.id
                    ),
                ));
            }
        }
        crate::db::update_columns(
            &tx,
            "networks",
            &n.id,
            &[
                ("name", name.as_ref().map(|v| v as _)),
                ("description", description.as_ref().map(|v| v as _)),
                ("admin_state_up", admin_state_up.as_ref().map(|v| v as _)),
                ("shared", shared.as_ref().map(|v| v as _)),
                ("external", external.as_ref().map(|v| v as _)),
                (
                    "port_security_enabled",
                    port_security.as_ref().map(|v| v as _),
                ),
                ("mtu", mtu.as_ref().map(|v| v as _)),
            ],
        )?;
        touch(&tx, "networks", &n.id)?;
        let n = get(&tx, &n.id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &n)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(Json(json!({ "network": v })))
}

async fn delete_network(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let tx = c.transaction()?;
        let n = load(&tx, &auth, &id)?;
        if n.project_id != auth.project_id && !auth.is_admin() {
            return Err(Fault::policy("rule:delete_network"));
        }
        delete(&tx, &n.id)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes a network with its subnets, unless ports other than the
/// network's own (DHCP and the like) are on it.
pub fn delete(conn: &Connection, id: &str) -> Result<(), Fault> {
    let in_use: i64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM ports WHERE network_id = ?1 AND device_owner NOT IN ({})",
            sql_list(AUTO_DELETE_OWNERS)
        ),
        params![id],
        |r| r.get(0),
    )?;
    if in_use > 0 {
        return Err(Fault::conflict(
            "NetworkInUse",
            format!(
                "Unable to complete operation on network {id}. There are one or more ports \
                 still in use on the network."
            ),
        ));
    }
    conn.execute("DELETE FROM ports WHERE network_id = ?1", params![id])?;
    let subnet_ids: Vec<String> = {
        let mut stmt = conn.prepare("SELECT id FROM subnets WHERE network_id = ?1")?;
        let rows = stmt.query_map(params![id], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    for subnet in subnet_ids {
        subnets::delete_rows(conn, &subnet)?;
    }
    conn.execute("DELETE FROM networks WHERE id = ?1", params![id])?;
    Ok(())
}

/// `'a', 'b'` for a constant list in SQL.
pub fn sql_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("'{i}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

// ---------------------------------------------------------------------------
// Seed

/// The projects that get a `private` network.
const SEEDED_PROJECTS: &[&str] = &["demo", "alt_demo", "admin"];

/// `public` (shared, external, 172.24.4.0/24) and a `private` network with
/// `private-subnet` (10.0.0.0/24) for each demo project.
pub fn seed(conn: &Connection) -> Result<(), Fault> {
    let project_of = |name: &str| -> Result<Option<String>, Fault> {
        Ok(conn
            .query_row(
                "SELECT id FROM projects WHERE name = ?1 AND domain_id = 'default'",
                params![name],
                |r| r.get(0),
            )
            .optional()?)
    };
    let now = now_micros();
    if let Some(admin) = project_of("admin")? {
        conn.execute(
            &format!(
                "INSERT OR IGNORE INTO networks ({COLUMNS})
                 VALUES (?1, ?2, 'public', '', 1, 1, 1, ?3, 1, 0, ?4, ?4)"
            ),
            params![super::PUBLIC_NETWORK_ID, admin, MTU, now],
        )?;
        subnets::insert_default(
            conn,
            super::PUBLIC_SUBNET_ID,
            super::PUBLIC_NETWORK_ID,
            &admin,
            "public-subnet",
            "172.24.4.0/24",
            false,
        )?;
    }
    for project in SEEDED_PROJECTS {
        let Some(project_id) = project_of(project)? else {
            continue;
        };
        let exists: Option<String> = conn
            .query_row(
                "SELECT id FROM networks WHERE project_id = ?1 AND name = 'private'",
                params![project_id],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            continue;
        }
        let id = new_uuid();
        conn.execute(
            &format!(
                "INSERT INTO networks ({COLUMNS})
                 VALUES (?1, ?2, 'private', '', 1, 0, 0, ?3, 1, 0, ?4, ?4)"
            ),
            params![id, project_id, MTU, now],
        )?;
        subnets::insert_default(
            conn,
            &new_uuid(),
            &id,
            &project_id,
            "private-subnet",
            "10.0.0.0/24",
            true,
        )?;
    }
    Ok(())
}
