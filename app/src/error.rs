//! The one error type that crosses the server-function boundary.
//!
//! It carries a Fluent message id rather than English text, so the browser
//! shows it in the user's language; only a cloud's own message is passed
//! through verbatim.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not logged in")]
    NotLoggedIn,
    #[error("the session has expired")]
    SessionExpired,
    #[error("wrong user name, password or domain")]
    InvalidCredentials,
    #[error("the user has no project to work in")]
    NoProject,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A form field is wrong; `key` is the Fluent id of the message.
    #[error("invalid {field}")]
    InvalidInput { field: String, key: String },
    #[error("cannot reach {service}")]
    Unreachable { service: String },
    #[error("{service} did not answer in time")]
    Timeout { service: String },
    /// The cloud refused one field's value; its message is shown at the field.
    #[error("the cloud refused {field}: {message}")]
    Refused { field: String, message: String },
    /// The cloud refused; its message is shown as it is.
    #[error("the cloud answered {status}: {message}")]
    Cloud { status: u16, message: String },
    /// Transport or programming errors from the server-function layer.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    pub fn invalid(field: &str, key: &str) -> Self {
        AppError::InvalidInput {
            field: field.to_string(),
            key: key.to_string(),
        }
    }

    /// The Fluent id of the message that explains this error.
    pub fn message_key(&self) -> &str {
        match self {
            AppError::NotLoggedIn => "error-not-logged-in",
            AppError::SessionExpired => "error-session-expired",
            AppError::InvalidCredentials => "error-invalid-credentials",
            AppError::NoProject => "error-no-project",
            AppError::Forbidden => "error-forbidden",
            AppError::NotFound => "error-not-found",
            AppError::InvalidInput { key, .. } => key,
            AppError::Refused { .. } => "error-refused",
            AppError::Unreachable { .. } => "error-unreachable",
            AppError::Timeout { .. } => "error-timeout",
            AppError::Cloud { .. } => "error-cloud",
            AppError::Internal(_) => "error-internal",
        }
    }

    /// The HTTP status a server function answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotLoggedIn | AppError::SessionExpired | AppError::InvalidCredentials => 401,
            AppError::NoProject | AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::InvalidInput { .. } | AppError::Refused { .. } => 400,
            AppError::Unreachable { .. } => 502,
            AppError::Timeout { .. } => 504,
            // Pass the cloud's 4xx on; a cloud's 5xx is a bad gateway for us.
            AppError::Cloud { status, .. } if (400..500).contains(status) => *status,
            AppError::Cloud { .. } => 502,
            AppError::Internal(_) => 500,
        }
    }

    /// The error Leptos puts in `?__err=` when a form posted without
    /// JavaScript failed (base64 of the JSON-encoded error).
    pub fn from_query(value: &str) -> Option<AppError> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(value)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The error in a `/data/…` route's JSON answer
    /// (`{"error": {"app_error": …}}`, see server/src/transfer.rs), or the
    /// status and body as they are.
    pub fn from_data_body(status: u16, body: String) -> AppError {
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| serde_json::from_value::<AppError>(v["error"]["app_error"].clone()).ok())
            .unwrap_or(AppError::Cloud {
                status,
                message: body,
            })
    }

    /// The field this error is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            AppError::InvalidInput { field, .. } | AppError::Refused { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Whether the user has to log in (again) to go on.
    pub fn needs_login(&self) -> bool {
        matches!(self, AppError::NotLoggedIn | AppError::SessionExpired)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::invalid("form", "error-bad-request")
            }
            ServerFnErrorErr::Request(_) => AppError::Unreachable {
                service: "zenith".into(),
            },
            other => AppError::Internal(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<openstack::Error> for AppError {
    fn from(err: openstack::Error) -> Self {
        use openstack::Error as E;
        match err {
            E::TokenExpired => AppError::SessionExpired,
            E::Unauthorized { .. } => AppError::SessionExpired,
            E::Forbidden { .. } => AppError::Forbidden,
            E::NotFound { .. } => AppError::NotFound,
            E::Unreachable { url, .. } => AppError::Unreachable { service: url },
            E::Timeout { url } => AppError::Timeout { service: url },
            other => match other.status() {
                Some(status) => AppError::Cloud {
                    status,
                    message: other.to_string(),
                },
                None => AppError::Internal(other.to_string()),
            },
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// A cloud's 400 or 409 about what the user typed in `field`, with the
    /// cloud's own words, shown at that field; anything else as usual.
    pub fn refused_at(field: &str, err: openstack::Error) -> AppError {
        match err {
            openstack::Error::BadRequest { message } | openstack::Error::Conflict { message } => {
                AppError::Refused {
                    field: field.to_owned(),
                    message,
                }
            }
            other => other.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_errors_are_4xx() {
        assert_eq!(
            AppError::invalid("timezone", "settings-timezone-invalid").status(),
            400
        );
        assert_eq!(AppError::InvalidCredentials.status(), 401);
        assert_eq!(AppError::Forbidden.status(), 403);
        let cloud = AppError::Cloud {
            status: 409,
            message: "conflict".into(),
        };
        assert_eq!(cloud.status(), 409);
        let broken = AppError::Cloud {
            status: 503,
            message: "down".into(),
        };
        assert_eq!(broken.status(), 502);
    }

    #[test]
    fn input_errors_carry_their_message_key() {
        let e = AppError::invalid("page_size", "settings-page-size-invalid");
        assert_eq!(e.message_key(), "settings-page-size-invalid");
        assert!(AppError::SessionExpired.needs_login());
        assert!(!AppError::Forbidden.needs_login());
    }

    #[test]
    fn errors_come_back_from_the_query_string() {
        assert_eq!(
            AppError::from_query("IlNlc3Npb25FeHBpcmVkIg=="),
            Some(AppError::SessionExpired)
        );
        assert_eq!(AppError::from_query("not base64!"), None);
    }

    #[test]
    fn data_route_errors_are_read_back() {
        let body = r#"{"error": {"key": "error-not-logged-in", "app_error": "NotLoggedIn"}}"#;
        assert_eq!(
            AppError::from_data_body(401, body.into()),
            AppError::NotLoggedIn
        );
        assert_eq!(
            AppError::from_data_body(502, "Bad Gateway".into()),
            AppError::Cloud {
                status: 502,
                message: "Bad Gateway".into()
            }
        );
    }

    #[test]
    fn bad_arguments_become_a_bad_request() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::MissingArg("password".into()));
        assert_eq!(e.status(), 400);
    }
}
