//! Regions: `/v3/regions`. Any authenticated user may read them, as in
//! Keystone.

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
pub struct Region {
    pub id: String,
    pub description: String,
    pub parent_region_id: Option<String>,
}

const COLUMNS: &str = "id, description, parent_region_id";

impl Region {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Region> {
        Ok(Region {
            id: r.get(0)?,
            description: r.get(1)?,
            parent_region_id: r.get(2)?,
        })
    }

    fn to_json(&self, base_url: &str) -> Value {
        json!({
            "id": self.id,
            "description": self.description,
            "parent_region_id": self.parent_region_id,
            "links": {"self": format!("{base_url}/v3/regions/{}", self.id)},
        })
    }
}

fn list(conn: &Connection) -> Result<Vec<Region>, Error> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM regions ORDER BY id"))?;
    let rows = stmt.query_map([], Region::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Region>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM regions WHERE id = ?1"),
            params![id],
            Region::from_row,
        )
        .optional()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/regions", get(list_regions))
        .route("/v3/regions/{region_id}", get(get_region))
}

async fn list_regions(
    State(st): State<AppState>,
    _auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    let mut regions = st.db.call(|c| list(c)).await?;
    regions.retain(|r| {
        params
            .get("parent_region_id")
            .is_none_or(|p| r.parent_region_id.as_deref() == Some(p))
    });
    let base = &st.base_url;
    Ok(Json(json!({
        "regions": regions.iter().map(|r| r.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn get_region(
    State(st): State<AppState>,
    _auth: Auth,
    KPath(region_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    let id = region_id.clone();
    let region = st.db.call(move |c| get_by_id(c, &id)).await?;
    let region = region.ok_or_else(|| Error::not_found("region", &region_id))?;
    Ok(Json(json!({"region": region.to_json(&st.base_url)})))
}
