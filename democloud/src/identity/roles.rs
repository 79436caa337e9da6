//! Roles: `/v3/roles`, and the role lookups used for token scoping.

use axum::extract::{OriginalUri, State};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::Error;
use crate::http::{collection_links, KPath, Params};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

const COLUMNS: &str = "r.id, r.name, r.description";

impl Role {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Role> {
        Ok(Role {
            id: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
        })
    }

    pub fn to_json(&self, base_url: &str) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "domain_id": null,
            "description": self.description,
            "options": {},
            "links": {"self": format!("{base_url}/v3/roles/{}", self.id)},
        })
    }

    /// The short `{"id", "name"}` form used inside tokens.
    pub fn reference(&self) -> Value {
        json!({"id": self.id, "name": self.name})
    }
}

pub fn list(conn: &Connection) -> Result<Vec<Role>, Error> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM roles r ORDER BY r.name"))?;
    let rows = stmt.query_map([], Role::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Role>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM roles r WHERE r.id = ?1"),
            params![id],
            Role::from_row,
        )
        .optional()?)
}

/// Roles the user holds on a project.
pub fn on_project(conn: &Connection, user_id: &str, project_id: &str) -> Result<Vec<Role>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT {COLUMNS} FROM roles r JOIN role_assignments a ON a.role_id = r.id
         WHERE a.user_id = ?1 AND a.project_id = ?2 ORDER BY r.name"
    ))?;
    let rows = stmt.query_map(params![user_id, project_id], Role::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Roles the user holds on a domain.
pub fn on_domain(conn: &Connection, user_id: &str, domain_id: &str) -> Result<Vec<Role>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT {COLUMNS} FROM roles r JOIN role_assignments a ON a.role_id = r.id
         WHERE a.user_id = ?1 AND a.domain_id = ?2 ORDER BY r.name"
    ))?;
    let rows = stmt.query_map(params![user_id, domain_id], Role::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/roles", get(list_roles))
        .route("/v3/roles/{role_id}", get(get_role))
}

async fn list_roles(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_roles")?;
    let mut roles = st.db.call(|c| list(c)).await?;
    // All roles are global; a domain filter matches none of them.
    roles.retain(|r| params.matches("name", &r.name) && params.get("domain_id").is_none());
    let base = &st.base_url;
    Ok(Json(json!({
        "roles": roles.iter().map(|r| r.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn get_role(
    State(st): State<AppState>,
    auth: Auth,
    KPath(role_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:get_role")?;
    let id = role_id.clone();
    let role = st.db.call(move |c| get_by_id(c, &id)).await?;
    let role = role.ok_or_else(|| Error::not_found("role", &role_id))?;
    Ok(Json(json!({"role": role.to_json(&st.base_url)})))
}
