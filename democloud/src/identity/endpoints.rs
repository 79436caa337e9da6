//! Catalog endpoints: `/v3/endpoints`.

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
pub struct Endpoint {
    pub id: String,
    pub service_id: String,
    pub interface: String,
    pub region_id: String,
    pub url: String,
    pub enabled: bool,
}

const COLUMNS: &str = "id, service_id, interface, region_id, url, enabled";

impl Endpoint {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Endpoint> {
        Ok(Endpoint {
            id: r.get(0)?,
            service_id: r.get(1)?,
            interface: r.get(2)?,
            region_id: r.get(3)?,
            url: r.get(4)?,
            enabled: r.get(5)?,
        })
    }

    fn to_json(&self, base_url: &str) -> Value {
        json!({
            "id": self.id,
            "service_id": self.service_id,
            "interface": self.interface,
            "region": self.region_id,
            "region_id": self.region_id,
            "url": self.url,
            "enabled": self.enabled,
            "links": {"self": format!("{base_url}/v3/endpoints/{}", self.id)},
        })
    }
}

fn list(conn: &Connection) -> Result<Vec<Endpoint>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM endpoints ORDER BY service_id, interface"
    ))?;
    let rows = stmt.query_map([], Endpoint::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Endpoint>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM endpoints WHERE id = ?1"),
            params![id],
            Endpoint::from_row,
        )
        .optional()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/endpoints", get(list_endpoints))
        .route("/v3/endpoints/{endpoint_id}", get(get_endpoint))
}

async fn list_endpoints(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_endpoints")?;
    let mut endpoints = st.db.call(|c| list(c)).await?;
    endpoints.retain(|e| {
        params.matches("interface", &e.interface)
            && params.matches("service_id", &e.service_id)
            && params.matches("region_id", &e.region_id)
    });
    let base = &st.base_url;
    Ok(Json(json!({
        "endpoints": endpoints.iter().map(|e| e.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn get_endpoint(
    State(st): State<AppState>,
    auth: Auth,
    KPath(endpoint_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:get_endpoint")?;
    let id = endpoint_id.clone();
    let endpoint = st.db.call(move |c| get_by_id(c, &id)).await?;
    let endpoint = endpoint.ok_or_else(|| Error::not_found("endpoint", &endpoint_id))?;
    Ok(Json(json!({"endpoint": endpoint.to_json(&st.base_url)})))
}
