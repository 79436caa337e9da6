//! Keystone v3, the identity service.

pub mod domains;
pub mod endpoints;
pub mod projects;
pub mod regions;
pub mod role_assignments;
pub mod roles;
pub mod services;
pub mod tokens;
pub mod users;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use crate::state::AppState;

/// All identity routes, including version discovery at `/` and `/v3`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(versions))
        .route("/v3", get(version))
        .route("/v3/", get(version))
        .merge(tokens::routes())
        .merge(domains::routes())
        .merge(projects::routes())
        .merge(users::routes())
        .merge(roles::routes())
        .merge(role_assignments::routes())
        .merge(services::routes())
        .merge(endpoints::routes())
        .merge(regions::routes())
}

/// The v3 version document keystoneauth discovers.
fn version_document(base_url: &str) -> Value {
    json!({
        "id": "v3.14",
        "status": "stable",
        "updated": "2020-04-07T00:00:00Z",
        "links": [{"rel": "self", "href": format!("{base_url}/v3/")}],
        "media-types": [{
            "base": "application/json",
            "type": "application/vnd.openstack.identity-v3+json",
        }],
    })
}

/// `GET /`: 300 Multiple Choices listing the versions, as Keystone does.
async fn versions(State(st): State<AppState>) -> (StatusCode, Json<Value>) {
    (
        StatusCode::MULTIPLE_CHOICES,
        Json(json!({"versions": {"values": [version_document(&st.base_url)]}})),
    )
}

async fn version(State(st): State<AppState>) -> Json<Value> {
    Json(json!({"version": version_document(&st.base_url)}))
}
