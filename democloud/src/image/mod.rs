//! Glance, the image service (API v2). The endpoint is unversioned
//! (`/image`); the API lives under `/image/v2`.
//!
//! Image metadata is kept in SQLite, image data in files below
//! `<data dir>/images/`, written and read as streams.

pub mod data;
pub mod images;
pub mod metadefs;

use std::path::{Path, PathBuf};

use axum::extract::{FromRequest, FromRequestParts, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::error::Error;
use crate::http::Params;
use crate::state::AppState;

/// Where the image API lives below the base URL.
pub const PREFIX: &str = "/image/v2";

/// Id of the seeded CirrOS image; the seeded servers boot from it.
pub const CIRROS_ID: &str = "5e1b3b5c-8a6f-4f0e-9c55-2f0d5a2b7c01";
/// Id of the seeded Ubuntu image.
pub const UBUNTU_ID: &str = "9d3c6a1e-2b7f-4c8d-a0e5-6f1b2c3d4e02";

/// A full path below [`PREFIX`].
pub fn path(p: &str) -> String {
    format!("{PREFIX}{p}")
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/image", get(versions_multiple_choices))
        .route("/image/", get(versions_multiple_choices))
        .route("/image/versions", get(versions))
        .merge(images::routes())
        .merge(data::routes())
        .merge(metadefs::routes())
}

/// Directory holding image data files.
pub fn images_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("images")
}

/// Seeds the demo images once, recorded in `meta`.
pub fn seed(conn: &mut Connection, data_dir: &Path) -> Result<bool, Error> {
    let tx = conn.transaction()?;
    let seeded: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'image_seeded'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if seeded.is_some() {
        return Ok(false);
    }
    images::seed(&tx, &images_dir(data_dir))?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('image_seeded', ?1)",
        params![crate::db::now_micros().to_string()],
    )?;
    tx.commit()?;
    Ok(true)
}

// ---------------------------------------------------------------------------
// Version discovery

/// The API versions Glance 2024.2 reports, newest first.
const VERSIONS: &[(&str, &str)] = &[
    ("v2.16", "CURRENT"),
    ("v2.15", "SUPPORTED"),
    ("v2.14", "SUPPORTED"),
    ("v2.13", "SUPPORTED"),
    ("v2.12", "SUPPORTED"),
    ("v2.11", "SUPPORTED"),
    ("v2.10", "SUPPORTED"),
    ("v2.9", "SUPPORTED"),
    ("v2.8", "SUPPORTED"),
    ("v2.7", "SUPPORTED"),
    ("v2.6", "SUPPORTED"),
    ("v2.5", "SUPPORTED"),
    ("v2.4", "SUPPORTED"),
    ("v2.3", "SUPPORTED"),
    ("v2.2", "SUPPORTED"),
    ("v2.1", "SUPPORTED"),
    ("v2.0", "SUPPORTED"),
];

fn versions_document(base_url: &str) -> Value {
    let versions: Vec<Value> = VERSIONS
        .iter()
        .map(|(id, status)| {
            json!({
                "id": id,
                "status": status,
                "links": [{"rel": "self", "href": format!("{base_url}{PREFIX}/")}],
            })
        })
        .collect();
    json!({ "versions": versions })
}

/// `GET /image/`: Glance answers 300 Multiple Choices.
async fn versions_multiple_choices(State(st): State<AppState>) -> Response {
    (
        StatusCode::MULTIPLE_CHOICES,
        Json(versions_document(&st.base_url)),
    )
        .into_response()
}

/// `GET /image/versions`: the same document with 200.
async fn versions(State(st): State<AppState>) -> Json<Value> {
    Json(versions_document(&st.base_url))
}

// ---------------------------------------------------------------------------
// Errors

/// A Glance fault, rendered as webob renders HTTP errors as JSON:
/// `{"message": "...", "code": "404 Not Found", "title": "Not Found"}`.
/// Authentication failures keep keystonemiddleware's body.
#[derive(Debug)]
pub enum Fault {
    Glance(StatusCode, String),
    Other(Error),
}

impl Fault {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Fault {
        Fault::Glance(status, message.into())
    }
    pub fn bad_request(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::FORBIDDEN, message)
    }
    pub fn not_found(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::NOT_FOUND, message)
    }
    pub fn conflict(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::CONFLICT, message)
    }
    /// Glance's 404 for an image that does not exist or is not visible.
    pub fn no_image(id: &str) -> Fault {
        Fault::not_found(format!("No image found with ID {id}"))
    }
    pub fn unsupported_media_type(content_type: &str) -> Fault {
        Fault::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Content type '{content_type}' is not supported."),
        )
    }
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        match self {
            Fault::Glance(status, message) => {
                let title = status.canonical_reason().unwrap_or("Error");
                let body = json!({
                    "message": message,
                    "code": format!("{} {title}", status.as_u16()),
                    "title": title,
                });
                (status, Json(body)).into_response()
            }
            Fault::Other(e) => e.into_response(),
        }
    }
}

impl From<Error> for Fault {
    fn from(e: Error) -> Fault {
        match e {
            Error::BadRequest(m) => Fault::bad_request(m),
            Error::Forbidden(m) => Fault::forbidden(m),
            Error::NotFound(m) => Fault::not_found(m),
            Error::MethodNotAllowed => Fault::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "The method is not allowed for this resource.",
            ),
            other => Fault::Other(other),
        }
    }
}

impl From<rusqlite::Error> for Fault {
    fn from(e: rusqlite::Error) -> Fault {
        Fault::Other(Error::Database(e))
    }
}

impl From<std::io::Error> for Fault {
    fn from(e: std::io::Error) -> Fault {
        Fault::Other(Error::Internal(format!("image data: {e}")))
    }
}

impl From<axum::extract::rejection::JsonRejection> for Fault {
    fn from(r: axum::extract::rejection::JsonRejection) -> Fault {
        use axum::extract::rejection::JsonRejection;
        match r {
            JsonRejection::MissingJsonContentType(_) => Fault::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported Content-Type",
            ),
            _ => Fault::bad_request("Malformed JSON in request body."),
        }
    }
}

impl From<axum::extract::rejection::PathRejection> for Fault {
    fn from(r: axum::extract::rejection::PathRejection) -> Fault {
        Error::from(r).into()
    }
}

/// JSON body extractor with Glance's 400/415.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Fault))]
pub struct GJson<T>(pub T);

/// Path extractor; a malformed path is a 404.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Fault))]
pub struct GPath<T>(pub T);

/// A request with a project-scoped token: images belong to projects.
pub type ImageAuth = crate::auth::ProjectAuth<Fault>;

/// Runs `f` with the connection, for handlers returning [`Fault`].
pub async fn call<T, F>(st: &AppState, f: F) -> Result<T, Fault>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> Result<T, Fault> + Send + 'static,
{
    crate::db::call(st, f).await
}

pub use crate::http::format_time_seconds as format_time;

/// Glance's `limit_param_default` and `api_limit_max`.
const DEFAULT_LIMIT: usize = 25;
const MAX_LIMIT: usize = 1000;

/// The page size of a list: the `limit` parameter (a whole number from 0),
/// Glance's default without one, and at most Glance's maximum.
pub fn page_limit(params: &Params) -> Result<usize, Fault> {
    let Some(l) = params.get("limit") else {
        return Ok(DEFAULT_LIMIT);
    };
    let n: i64 = l
        .parse()
        .map_err(|_| Fault::bad_request("limit param must be an integer"))?;
    if n < 0 {
        return Err(Fault::bad_request("limit param must be positive"));
    }
    Ok((n as usize).min(MAX_LIMIT))
}
