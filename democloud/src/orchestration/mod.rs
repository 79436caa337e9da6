//! Heat v1: stacks built from HOT templates by a real template engine.
//!
//! `template` parses and evaluates HOT (pure, no I/O), `schema` describes
//! the resource types, `engine` runs stack operations in the background
//! through `plugins`, which call the other services over HTTP (`cloud`).
//! `stacks`, `resources` and `templates` are the API.

mod cloud;
mod engine;
mod plugins;
mod resources;
pub mod schema;
mod stacks;
mod store;
pub mod template;
mod templates;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::Connection;
use serde_json::{json, Value};

use crate::auth::{token_header, Auth, AUTH_TOKEN_HEADER};
use crate::error::Error;
use crate::state::AppState;
use template::HeatError;

/// Where the API lives; Heat's endpoints carry the project id.
pub const PREFIX: &str = "/heat/v1/{tenant_id}";

fn path(p: &str) -> String {
    format!("{PREFIX}{p}")
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/heat", get(versions))
        .route("/heat/", get(versions))
        .route(&path("/build_info"), get(build_info))
        .route(&path("/validate"), post(templates::validate))
        .route(
            &path("/resource_types"),
            get(templates::list_resource_types),
        )
        .route(
            &path("/resource_types/{type_name}"),
            get(templates::show_resource_type),
        )
        .route(
            &path("/resource_types/{type_name}/template"),
            get(templates::resource_type_template),
        )
        .route(
            &path("/template_versions"),
            get(templates::list_template_versions),
        )
        .route(
            &path("/template_versions/{version}/functions"),
            get(templates::list_template_functions),
        )
        .merge(stacks::routes())
        .merge(resources::routes())
}

/// At start-up: operations cut short by a stop are marked failed.
pub fn recover(conn: &Connection) -> Result<(), Error> {
    let stuck = store::fail_interrupted(conn)?;
    if stuck > 0 {
        tracing::warn!(stacks = stuck, "marked interrupted stack operations failed");
    }
    Ok(())
}

/// `GET /heat/`: Heat answers 300 with its one version.
async fn versions(State(st): State<AppState>) -> Response {
    let body = json!({"versions": [{
        "id": "v1.0",
        "status": "CURRENT",
        "links": [{"rel": "self", "href": format!("{}/heat/v1/", st.base_url)}],
    }]});
    (StatusCode::MULTIPLE_CHOICES, Json(body)).into_response()
}

async fn build_info(
    auth: Auth,
    crate::http::KPath(tenant): crate::http::KPath<String>,
) -> Result<Json<Value>, Fault> {
    scope(&auth, &tenant)?;
    let revision = env!("CARGO_PKG_VERSION");
    Ok(Json(
        json!({"api": {"revision": revision}, "engine": {"revision": revision}}),
    ))
}

/// The project a request acts in: the token's, which must be the one in
/// the URL.
fn scope(auth: &Auth, tenant: &str) -> Result<String, Fault> {
    match auth.project_id() {
        Some(p) if p == tenant => Ok(p.to_owned()),
        Some(_) => Err(Fault::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "You are not authorized to use this project.",
        )),
        None => Err(Fault::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The request needs a project-scoped token.",
        )),
    }
}

/// The caller's token, for checks that call other services as the caller.
fn caller_token(headers: &HeaderMap) -> String {
    token_header(headers, AUTH_TOKEN_HEADER).unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Errors

/// A Heat API error: `{"code", "error": {"message", "type", "traceback"},
/// "explanation", "title"}`.
#[derive(Debug)]
pub enum Fault {
    Heat {
        status: StatusCode,
        kind: &'static str,
        message: String,
    },
    Other(Error),
}

impl Fault {
    pub fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Fault {
        Fault::Heat {
            status,
            kind,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::BAD_REQUEST, "HTTPBadRequest", message)
    }

    pub fn stack_not_found(name: &str) -> Fault {
        Fault::new(
            StatusCode::NOT_FOUND,
            "EntityNotFound",
            format!("The Stack ({name}) could not be found."),
        )
    }

    pub fn conflict(kind: &'static str, message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::CONFLICT, kind, message)
    }
}

fn explanation(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "The server could not comply with the request since it is either malformed or otherwise incorrect.",
        403 => "Access was denied to this resource.",
        404 => "The resource could not be found.",
        409 => "There was a conflict when trying to complete your request.",
        _ => "The server has either erred or is incapable of performing the requested operation.",
    }
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        let (status, kind, message) = match self {
            Fault::Heat {
                status,
                kind,
                message,
            } => (status, kind, message),
            Fault::Other(e) => {
                let status = e.status();
                if status.is_server_error() {
                    tracing::error!(error = %e, "orchestration request failed");
                    (status, "Error", "The server has either erred or is incapable of performing the requested operation.".to_owned())
                } else {
                    return e.into_response();
                }
            }
        };
        let body = json!({
            "code": status.as_u16(),
            "error": {"message": message, "traceback": null, "type": kind},
            "explanation": explanation(status),
            "title": status.canonical_reason().unwrap_or("Error"),
        });
        (status, Json(body)).into_response()
    }
}

impl From<HeatError> for Fault {
    fn from(e: HeatError) -> Fault {
        let status = match e.kind {
            "EntityNotFound" | "NotFound" => StatusCode::NOT_FOUND,
            _ => StatusCode::BAD_REQUEST,
        };
        Fault::new(status, e.kind, e.message)
    }
}

impl From<Error> for Fault {
    fn from(e: Error) -> Fault {
        Fault::Other(e)
    }
}

impl From<axum::extract::rejection::JsonRejection> for Fault {
    fn from(r: axum::extract::rejection::JsonRejection) -> Fault {
        Fault::bad_request(format!(
            "The request body is not valid JSON: {}",
            r.body_text()
        ))
    }
}
