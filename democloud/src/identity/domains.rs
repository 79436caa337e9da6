//! Domains: `/v3/domains`.

use axum::extract::{OriginalUri, State};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::Error;
use crate::http::{collection_links, KPath, Params};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
}

/// A domain named in a request body: `{"id": ...}` or `{"name": ...}`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct DomainRef {
    pub id: Option<String>,
    pub name: Option<String>,
}

const COLUMNS: &str = "id, name, description, enabled";

impl Domain {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Domain> {
        Ok(Domain {
            id: r.get(0)?,
            name: r.get(1)?,
            description: r.get(2)?,
            enabled: r.get(3)?,
        })
    }

    pub fn to_json(&self, base_url: &str) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "enabled": self.enabled,
            "tags": [],
            "options": {},
            "links": {"self": format!("{base_url}/v3/domains/{}", self.id)},
        })
    }

    /// The short `{"id", "name"}` form used inside tokens.
    pub fn reference(&self) -> Value {
        json!({"id": self.id, "name": self.name})
    }
}

pub fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Domain>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM domains WHERE id = ?1"),
            params![id],
            Domain::from_row,
        )
        .optional()?)
}

pub fn get_by_name(conn: &Connection, name: &str) -> Result<Option<Domain>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM domains WHERE name = ?1"),
            params![name],
            Domain::from_row,
        )
        .optional()?)
}

/// Looks up a domain reference; `Err` (400) if it names neither id nor name.
pub fn resolve(conn: &Connection, r: &DomainRef) -> Result<Option<Domain>, Error> {
    match (&r.id, &r.name) {
        (Some(id), _) => get_by_id(conn, id),
        (None, Some(name)) => get_by_name(conn, name),
        (None, None) => Err(Error::expecting("id or name", "domain")),
    }
}

pub fn list(conn: &Connection) -> Result<Vec<Domain>, Error> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM domains ORDER BY name"))?;
    let rows = stmt.query_map([], Domain::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Domains on which the user holds a role directly.
pub fn list_for_user(conn: &Connection, user_id: &str) -> Result<Vec<Domain>, Error> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT d.id, d.name, d.description, d.enabled FROM domains d
         JOIN role_assignments a ON a.domain_id = d.id
         WHERE a.user_id = ?1 AND d.enabled = 1 ORDER BY d.name",
    )?;
    let rows = stmt.query_map(params![user_id], Domain::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/domains", get(list_domains))
        .route("/v3/domains/{domain_id}", get(get_domain))
}

async fn list_domains(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_domains")?;
    let mut domains = st.db.call(|c| list(c)).await?;
    domains.retain(|d| {
        params.matches("name", &d.name)
            && params.bool_filter("enabled").is_none_or(|e| e == d.enabled)
    });
    let base = &st.base_url;
    Ok(Json(json!({
        "domains": domains.iter().map(|d| d.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn get_domain(
    State(st): State<AppState>,
    auth: Auth,
    KPath(domain_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    // Keystone lets a token see the domain it is scoped to or whose project
    // it is scoped to.
    let own = auth.domain_id() == Some(domain_id.as_str());
    if !own && !auth.is_admin() {
        return Err(Error::policy("identity:get_domain"));
    }
    let id = domain_id.clone();
    let domain = st.db.call(move |c| get_by_id(c, &id)).await?;
    let domain = domain.ok_or_else(|| Error::not_found("domain", &domain_id))?;
    Ok(Json(json!({"domain": domain.to_json(&st.base_url)})))
}
