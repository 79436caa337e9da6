//! Catalog services: `/v3/services`.

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
pub struct Service {
    pub id: String,
    pub service_type: String,
    pub name: String,
    pub description: String,
    pub enabled: bool,
}

const COLUMNS: &str = "id, type, name, description, enabled";

impl Service {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Service> {
        Ok(Service {
            id: r.get(0)?,
            service_type: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            enabled: r.get(4)?,
        })
    }

    fn to_json(&self, base_url: &str) -> Value {
        json!({
            "id": self.id,
            "type": self.service_type,
            "name": self.name,
            "description": self.description,
            "enabled": self.enabled,
            "links": {"self": format!("{base_url}/v3/services/{}", self.id)},
        })
    }
}

fn list(conn: &Connection) -> Result<Vec<Service>, Error> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM services ORDER BY type"))?;
    let rows = stmt.query_map([], Service::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Service>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM services WHERE id = ?1"),
            params![id],
            Service::from_row,
        )
        .optional()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/services", get(list_services))
        .route("/v3/services/{service_id}", get(get_service))
}

async fn list_services(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_services")?;
    let mut services = st.db.call(|c| list(c)).await?;
    services.retain(|s| params.matches("type", &s.service_type) && params.matches("name", &s.name));
    let base = &st.base_url;
    Ok(Json(json!({
        "services": services.iter().map(|s| s.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn get_service(
    State(st): State<AppState>,
    auth: Auth,
    KPath(service_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:get_service")?;
    let id = service_id.clone();
    let service = st.db.call(move |c| get_by_id(c, &id)).await?;
    let service = service.ok_or_else(|| Error::not_found("service", &service_id))?;
    Ok(Json(json!({"service": service.to_json(&st.base_url)})))
}
