//! Routers: `/v2.0/routers`. The demo cloud has no routers (floating IPs
//! work without them), so the list is always empty.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;

use super::{collection_url, path, Fault, ListQuery, NetAuth, QPath};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/routers"), get(list_routers))
        .route(&path("/routers/{router_id}"), get(show_router))
}

async fn list_routers(
    State(st): State<AppState>,
    _auth: NetAuth,
    query: ListQuery,
) -> Result<Json<Value>, Fault> {
    let url = collection_url(&st.base_url, "routers");
    Ok(Json(query.respond(Vec::new(), "routers", &url)?))
}

async fn show_router(_auth: NetAuth, QPath(id): QPath<String>) -> Result<Json<Value>, Fault> {
    Err(Fault::not_found(
        "RouterNotFound",
        format!("Router {id} could not be found"),
    ))
}
