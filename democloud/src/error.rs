//! The one error type of the crate: start-up failures for the embedding
//! program and API failures rendered as Keystone's JSON error body.

use std::net::SocketAddr;
use std::path::PathBuf;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// Everything that can go wrong in the demo cloud.
///
/// The first group is returned by [`crate::DemoCloud`] itself; the second is
/// what API handlers return, and is turned into an OpenStack error response.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot listen on {addr}: {reason}; pass --listen with another address or port")]
    Listen { addr: SocketAddr, reason: String },

    #[error("cannot use data directory {}: {source}; pass --data-dir with a writable directory", path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot open database {}: {source}; check the file is a democloud database, or start with an empty --data-dir", path.display())]
    OpenDatabase {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("database {} has schema version {found}, newer than this program knows ({known}); upgrade zenith or use another --data-dir", path.display())]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("cannot write {}: {source}; check the directory exists and is writable", path.display())]
    WriteFile {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot inject the fault for '{service}': {reason}")]
    Fault { service: String, reason: String },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("internal error: {0}")]
    Internal(String),

    // --- API errors: the message is what the client sees. ---
    #[error("{0}")]
    BadRequest(String),

    #[error("The request you have made requires authentication.")]
    Unauthorized,

    #[error("{0}")]
    Forbidden(String),

    #[error("{0}")]
    NotFound(String),

    #[error("The method is not allowed for the requested URL.")]
    MethodNotAllowed,
}

impl Error {
    /// Keystone's "Expecting to find X in Y" validation error.
    pub(crate) fn expecting(attribute: &str, target: &str) -> Error {
        Error::BadRequest(format!(
            "Expecting to find {attribute} in {target}. The server could not comply with the \
             request since it is either malformed or otherwise incorrect. The client is assumed \
             to be in error."
        ))
    }

    /// Policy refusal for a Keystone action such as `identity:list_users`.
    pub(crate) fn policy(action: &str) -> Error {
        Error::Forbidden(format!(
            "You are not authorized to perform the requested action: {action}."
        ))
    }

    /// `Could not find <kind>: <id>.`
    pub(crate) fn not_found(kind: &str, id: &str) -> Error {
        Error::NotFound(format!("Could not find {kind}: {id}."))
    }

    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let message = if status.is_server_error() {
            // Client messages never carry secrets, but server-side details
            // are for the log only, as Keystone does.
            tracing::error!(error = %self, "request failed");
            "An unexpected error prevented the server from fulfilling your request.".to_owned()
        } else {
            self.to_string()
        };
        let title = status.canonical_reason().unwrap_or("Error");
        let body = json!({"error": {"code": status.as_u16(), "message": message, "title": title}});
        (status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for Error {
    fn from(rejection: JsonRejection) -> Error {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => {
                Error::expecting("application/json", "Content-Type header")
            }
            // Wrong types and missing fields: axum's text names the path.
            JsonRejection::JsonDataError(e) => {
                Error::BadRequest(format!("Invalid input for request body: {}", e.body_text()))
            }
            _ => Error::expecting("valid JSON", "request body"),
        }
    }
}

impl From<QueryRejection> for Error {
    fn from(rejection: QueryRejection) -> Error {
        Error::BadRequest(format!("Invalid query string: {}", rejection.body_text()))
    }
}

impl From<PathRejection> for Error {
    fn from(_: PathRejection) -> Error {
        Error::NotFound("The resource could not be found.".to_owned())
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(e: tokio::task::JoinError) -> Error {
        Error::Internal(format!("background task failed: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_match_keystone() {
        assert_eq!(Error::Unauthorized.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(Error::policy("identity:list_users").status(), 403);
        assert_eq!(Error::not_found("user", "x").status(), 404);
        assert_eq!(Error::expecting("a", "b").status(), 400);
        assert_eq!(Error::Internal("x".into()).status(), 500);
    }

    #[test]
    fn policy_message_names_the_action() {
        assert_eq!(
            Error::policy("identity:list_users").to_string(),
            "You are not authorized to perform the requested action: identity:list_users."
        );
    }
}
