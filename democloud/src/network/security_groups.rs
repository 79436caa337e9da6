//! Security groups: `/v2.0/security-groups`. Every project gets its
//! `default` group the first time it needs one, as in Neutron.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::security_group_rules::{self, Rule};
use super::{
    call, collection_url, format_time, new_uuid, one, owner, path, quotas, touch, Attrs, Fault,
    ListQuery, NetAuth, QJson, QPath,
};
use crate::db::now_micros;
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct SecurityGroup {
    pub id: String,
    pub project_id: String,
    pub name: String,
    pub description: String,
    pub stateful: bool,
    pub is_default: bool,
    pub revision_number: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, project_id, name, description, stateful, is_default, \
    revision_number, created_at, updated_at";

impl SecurityGroup {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<SecurityGroup> {
        Ok(SecurityGroup {
            id: r.get(0)?,
            project_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            stateful: r.get(4)?,
            is_default: r.get(5)?,
            revision_number: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
        })
    }

    fn render(&self, rules: &[Rule]) -> Value {
        let rules: Vec<Value> = rules.iter().map(|r| r.render(self.is_default)).collect();
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "tenant_id": self.project_id,
            "project_id": self.project_id,
            "stateful": self.stateful,
            "shared": false,
            "security_group_rules": rules,
            "tags": [],
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "revision_number": self.revision_number,
        })
    }
}

pub fn not_found(id: &str) -> Fault {
    Fault::not_found(
        "SecurityGroupNotFound",
        format!("Security group {id} does not exist"),
    )
}

pub fn get(conn: &Connection, id: &str) -> Result<Option<SecurityGroup>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM security_groups WHERE id = ?1"),
            params![id],
            SecurityGroup::from_row,
        )
        .optional()?)
}

/// A group the caller may see (its project's; any for admins).
pub fn load(conn: &Connection, auth: &NetAuth, id: &str) -> Result<SecurityGroup, Fault> {
    match get(conn, id)? {
        Some(g) if g.project_id == auth.project_id || auth.is_admin() => Ok(g),
        _ => Err(not_found(id)),
    }
}

/// The groups of a project, oldest first.
pub fn of_project(conn: &Connection, project_id: &str) -> Result<Vec<SecurityGroup>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM security_groups WHERE project_id = ?1 ORDER BY created_at, rowid"
    ))?;
    let rows = stmt.query_map(params![project_id], SecurityGroup::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The id of the project's `default` group, created with Neutron's rules
/// (ingress from members of the group, egress anywhere) if missing. It is
/// not counted against the quota, as in Neutron.
pub fn ensure_default(conn: &Connection, project_id: &str) -> Result<String, Fault> {
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM security_groups WHERE project_id = ?1 AND is_default = 1",
            params![project_id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = new_uuid();
    let now = now_micros();
    conn.execute(
        &format!(
            "INSERT INTO security_groups ({COLUMNS})
             VALUES (?1, ?2, 'default', 'Default security group', 1, 1, 0, ?3, ?3)"
        ),
        params![id, project_id, now],
    )?;
    for ethertype in ["IPv4", "IPv6"] {
        security_group_rules::insert(
            conn,
            &Rule::new(&id, project_id, "ingress", ethertype).with_remote_group(&id),
        )?;
        security_group_rules::insert(conn, &Rule::new(&id, project_id, "egress", ethertype))?;
    }
    Ok(id)
}

fn rules_by_group(conn: &Connection) -> Result<HashMap<String, Vec<Rule>>, Fault> {
    let mut map: HashMap<String, Vec<Rule>> = HashMap::new();
    for rule in security_group_rules::list_all(conn, None)? {
        map.entry(rule.security_group_id.clone())
            .or_default()
            .push(rule);
    }
    Ok(map)
}

fn render_one(conn: &Connection, g: &SecurityGroup) -> Result<Value, Fault> {
    let rules = security_group_rules::of_group(conn, &g.id)?;
    Ok(g.render(&rules))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/security-groups"),
            routing::get(list_groups).post(create_group),
        )
        .route(
            &path("/security-groups/{security_group_id}"),
            routing::get(show_group)
                .put(update_group)
                .delete(delete_group),
        )
}

async fn list_groups(
    State(st): State<AppState>,
    auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "security-groups");
    let items = call(&st, move |c| {
        let tx = c.transaction()?;
        ensure_default(&tx, &auth.project_id)?;
        let mut stmt = tx.prepare(&format!(
            "SELECT {COLUMNS} FROM security_groups WHERE ?1 IS NULL OR project_id = ?1
             ORDER BY created_at, rowid"
        ))?;
        let project = (!auth.is_admin()).then(|| auth.project_id.clone());
        let rows = stmt.query_map(params![project], SecurityGroup::from_row)?;
        let groups: Vec<SecurityGroup> = rows.collect::<Result<_, _>>()?;
        let rules = rules_by_group(&tx)?;
        let items: Vec<Value> = groups
            .iter()
            .map(|g| g.render(rules.get(&g.id).map_or(&[][..], Vec::as_slice)))
            .collect();
        drop(stmt);
        tx.commit()?;
        Ok(items)
    })
    .await?;
    Ok(Json(query.respond(items, "security_groups", &url)?))
}

async fn show_group(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        ensure_default(&tx, &auth.project_id)?;
        let g = load(&tx, &auth, &id)?;
        let v = render_one(&tx, &g)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(one("security_group", v, &query))
}

const KNOWN: &[&str] = &[
    "id",
    "name",
    "description",
    "stateful",
    "project_id",
    "tenant_id",
    "security_group_rules",
    "shared",
];

async fn create_group(
    State(st): State<AppState>,
    auth: NetAuth,
    QJson(body): QJson<Value>,
) -> Result<(StatusCode, Json<Value>), Fault> {
    let attrs = Attrs::from_body(body, "security_group", KNOWN)?;
    attrs.read_only(&["id", "security_group_rules", "shared"])?;
    let name = attrs.string("name", 255)?.unwrap_or_default();
    let description = attrs.string("description", 255)?.unwrap_or_default();
    let stateful = attrs.boolean("stateful")?.unwrap_or(true);
    let project_id = owner(&attrs, &auth)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        ensure_default(&tx, &project_id)?;
        if name == "default" {
            return Err(Fault::conflict(
                "SecurityGroupDefaultAlreadyExists",
                "Default security group already exists.",
            ));
        }
        quotas::check(&tx, &project_id, "security_group", 1)?;
        quotas::check(&tx, &project_id, "security_group_rule", 2)?;
        let id = new_uuid();
        let now = now_micros();
        tx.execute(
            &format!(
                "INSERT INTO security_groups ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, ?6, ?6)"
            ),
            params![id, project_id, name, description, stateful, now],
        )?;
        for ethertype in ["IPv4", "IPv6"] {
            security_group_rules::insert(&tx, &Rule::new(&id, &project_id, "egress", ethertype))?;
        }
        let g = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &g)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "security_group": v }))))
}

async fn update_group(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
    QJson(body): QJson<Value>,
) -> Result<Json<Value>, Fault> {
    let attrs = Attrs::from_body(body, "security_group", KNOWN)?;
    attrs.read_only(&[
        "id",
        "project_id",
        "tenant_id",
        "security_group_rules",
        "shared",
    ])?;
    let name = attrs.string("name", 255)?;
    let description = attrs.string("description", 255)?;
    let stateful = attrs.boolean("stateful")?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let g = load(&tx, &auth, &id)?;
        if let Some(n) = &name {
            if g.is_default && n != "default" {
                return Err(Fault::conflict(
                    "SecurityGroupCannotUpdateDefault",
                    "Updating default security group not allowed.",
                ));
            }
            if !g.is_default && n == "default" {
                return Err(Fault::conflict(
                    "SecurityGroupDefaultAlreadyExists",
                    "Default security group already exists.",
                ));
            }
            tx.execute(
                "UPDATE security_groups SET name = ?2 WHERE id = ?1",
                params![g.id, n],
            )?;
        }
        if let Some(d) = &description {
            tx.execute(
                "UPDATE security_groups SET description = ?2 WHERE id = ?1",
                params![g.id, d],
            )?;
        }
        if let Some(s) = stateful {
            if s != g.stateful && in_use(&tx, &g.id)? {
                return Err(Fault::conflict(
                    "SecurityGroupInUse",
                    format!("Security Group {} in use.", g.id),
                ));
            }
            tx.execute(
                "UPDATE security_groups SET stateful = ?2 WHERE id = ?1",
                params![g.id, s],
            )?;
        }
        touch(&tx, "security_groups", &g.id)?;
        let g = get(&tx, &g.id)?.ok_or_else(|| not_found(&id))?;
        let v = render_one(&tx, &g)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(Json(json!({ "security_group": v })))
}

fn in_use(conn: &Connection, id: &str) -> Result<bool, Fault> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM port_security_groups WHERE security_group_id = ?1",
        params![id],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

async fn delete_group(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(id): QPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let tx = c.transaction()?;
        let g = load(&tx, &auth, &id)?;
        if g.is_default && !auth.is_admin() {
            return Err(Fault::conflict(
                "SecurityGroupCannotRemoveDefault",
                "Insufficient rights for removing default security group.",
            ));
        }
        if in_use(&tx, &g.id)? {
            return Err(Fault::conflict(
                "SecurityGroupInUse",
                format!("Security Group {} in use.", g.id),
            ));
        }
        // Rules, including other groups' rules naming it as remote group,
        // go by cascade.
        tx.execute("DELETE FROM security_groups WHERE id = ?1", params![g.id])?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
