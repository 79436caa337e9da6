//! The crate's one error type, and the parsing of OpenStack error bodies.
//!
//! Nothing here ever holds a token or a password: messages come from the
//! response body or from the transport, and URLs are stripped of their
//! query, fragment and user info before they are stored.

use crate::catalog::Interface;
use serde_json::Value;
use url::Url;

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Longest message kept from a response body; some services answer with
/// whole tracebacks.
const MAX_MESSAGE: usize = 500;

/// Everything that can go wrong when talking to an OpenStack cloud.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// HTTP 400.
    #[error("the cloud rejected the request as invalid: {message}")]
    BadRequest { message: String },

    /// HTTP 401: wrong credentials, or a token the cloud no longer accepts.
    #[error("authentication failed: {message}; check the user name, password and domain, or log in again")]
    Unauthorized { message: String },

    /// HTTP 403.
    #[error(
        "permission denied: {message}; this needs a role the user does not have on this project"
    )]
    Forbidden { message: String },

    /// HTTP 404.
    #[error("not found: {message}")]
    NotFound { message: String },

    /// HTTP 409.
    #[error("conflict: {message}; the resource changed or is busy, reload and try again")]
    Conflict { message: String },

    /// HTTP 413 or 429: a quota or rate limit was hit.
    #[error("over limit: {message}; free some quota or wait a moment and retry")]
    OverLimit { message: String },

    /// Any other non-2xx status.
    #[error("the cloud answered HTTP {status}: {message}")]
    Api { status: u16, message: String },

    /// No connection could be made (refused, DNS, TLS…).
    #[error(
        "cannot reach {url} ({reason}); check that the cloud is running and the auth URL is right"
    )]
    Unreachable { url: String, reason: String },

    /// The service accepted the connection but did not answer in time.
    #[error("{url} did not answer in time; the service may be overloaded, try again")]
    Timeout { url: String },

    /// The answer was not what this client understands.
    #[error("cannot understand the answer from {url}: {reason}")]
    Decode { url: String, reason: String },

    /// The token's service catalog has no matching endpoint.
    #[error(
        "the service catalog has no {interface} endpoint for '{service_type}'{}; check the region and interface settings, or ask the cloud operator whether the service is deployed",
        region_suffix(.region)
    )]
    EndpointNotFound {
        service_type: String,
        interface: Interface,
        region: Option<String>,
    },

    /// The token is past its expiry time; nothing was sent.
    #[error("the login has expired; log in again")]
    TokenExpired,

    /// Bad local configuration (clouds.yaml, environment, CA file…).
    #[error("configuration error: {0}")]
    Config(String),
}

fn region_suffix(region: &Option<String>) -> String {
    match region {
        Some(r) => format!(" in region '{r}'"),
        None => String::new(),
    }
}

impl Error {
    /// The HTTP status the cloud answered with, if the error came from an
    /// HTTP response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::BadRequest { .. } => Some(400),
            Error::Unauthorized { .. } => Some(401),
            Error::Forbidden { .. } => Some(403),
            Error::NotFound { .. } => Some(404),
            Error::Conflict { .. } => Some(409),
            // 413 and 429 are both folded into OverLimit; 413 is what Nova
            // and Cinder send for quota, so report that.
            Error::OverLimit { .. } => Some(413),
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Builds the error for a non-2xx response from its status and body.
    ///
    /// Understands the body shapes of Keystone, Nova/Cinder, Neutron, Heat,
    /// Placement, Octavia and Ironic; anything else (HTML or plain text as
    /// Swift sends) becomes the status's reason phrase.
    pub fn from_response(status: u16, body: &[u8]) -> Error {
        // The trailing period goes: the Display adds "; what to do" after it.
        let message = extract_message(body)
            .map(|m| truncate(collapse_whitespace(&m).trim_end_matches('.')))
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| reason_phrase(status));
        match status {
            400 => Error::BadRequest { message },
            401 => Error::Unauthorized { message },
            403 => Error::Forbidden { message },
            404 => Error::NotFound { message },
            409 => Error::Conflict { message },
            413 | 429 => Error::OverLimit { message },
            _ => Error::Api { status, message },
        }
    }

    /// Maps a transport error from reqwest. `url` is the request's URL; only
    /// its scheme, host, port and path are kept.
    pub(crate) fn from_reqwest(err: reqwest::Error, url: &Url) -> Error {
        let url = safe_url(url);
        // reqwest's own Display repeats the full URL (query included), so
        // build the reason from the source chain of the URL-less error.
        let err = err.without_url();
        if err.is_builder() {
            return Error::Config(format!("cannot build a request to {url}: {}", chain(&err)));
        }
        if err.is_connect() {
            let mut reason = chain(&err);
            if reason.contains("certificate") || reason.contains("Certificate") {
                reason.push_str(
                    "; if the cloud uses its own CA, set cacert to its PEM file (or verify: false for a test cloud)",
                );
            }
            return Error::Unreachable { url, reason };
        }
        if err.is_timeout() {
            return Error::Timeout { url };
        }
        if err.is_decode() {
            return Error::Decode {
                url,
                reason: chain(&err),
            };
        }
        Error::Unreachable {
            url,
            reason: chain(&err),
        }
    }

    pub(crate) fn decode(url: &Url, reason: impl std::fmt::Display) -> Error {
        Error::Decode {
            url: safe_url(url),
            reason: truncate(&reason.to_string()),
        }
    }
}

/// A URL fit for messages and logs: no user info, query or fragment.
pub(crate) fn safe_url(url: &Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    // Both only fail for URLs that cannot have credentials anyway.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// The error and its sources, joined, skipping reqwest's bare
/// "error sending request" that says nothing by itself.
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        let s = e.to_string();
        if !s.is_empty() && !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = e.source();
    }
    if parts.len() > 1 {
        parts.retain(|p| p != "error sending request" && p != "client error (Connect)");
    }
    truncate(&parts.join(": "))
}

/// The canonical reason phrase of a status, e.g. "Not Found".
pub(crate) fn reason_phrase(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(str::to_owned)
        .unwrap_or_else(|| format!("HTTP {status}"))
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_MESSAGE {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(MAX_MESSAGE).collect();
    out.push('…');
    out
}

/// Finds the human message in an OpenStack error body, whatever its shape.
fn extract_message(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    message_from_value(&value)
}

fn message_from_value(value: &Value) -> Option<String> {
    let obj = value.as_object()?;

    // Keystone {"error": {"code", "message", "title"}} and Heat
    // {"code", "error": {"message", "type"}, "title"}.
    if let Some(err) = obj.get("error") {
        if let Some(m) = str_field(err, "message") {
            return Some(m);
        }
        if let Some(s) = err.as_str() {
            return Some(s.to_owned());
        }
    }

    // Neutron {"NeutronError": {"type", "message", "detail"}}.
    if let Some(n) = obj.get("NeutronError") {
        let message = str_field(n, "message");
        let detail = str_field(n, "detail").filter(|d| !d.is_empty());
        return match (message, detail) {
            (Some(m), Some(d)) if !m.contains(&d) => Some(format!("{m} ({d})")),
            (Some(m), _) => Some(m),
            (None, d) => d,
        };
    }

    // Placement {"errors": [{"status", "title", "detail", "code"}]}.
    if let Some(errors) = obj.get("errors").and_then(Value::as_array) {
        let msgs: Vec<String> = errors
            .iter()
            .filter_map(|e| str_field(e, "detail").or_else(|| str_field(e, "title")))
            .collect();
        if !msgs.is_empty() {
            return Some(msgs.join("; "));
        }
    }

    // Octavia and other WSME services: {"faultstring", "faultcode", ...}.
    if let Some(m) = obj.get("faultstring").and_then(Value::as_str) {
        return Some(m.to_owned());
    }

    // Ironic wraps the WSME body in a JSON string: {"error_message": "{...}"}.
    if let Some(inner) = obj.get("error_message").and_then(Value::as_str) {
        return match serde_json::from_str::<Value>(inner) {
            Ok(v) => message_from_value(&v).or_else(|| Some(inner.to_owned())),
            Err(_) => Some(inner.to_owned()),
        };
    }

    if let Some(m) = obj.get("message").and_then(Value::as_str) {
        return Some(m.to_owned());
    }

    // Nova and Cinder: one top-level key naming the fault
    // ({"itemNotFound": {"code", "message"}}, {"forbidden": ...}, ...).
    if obj.len() == 1 {
        if let Some((_, inner)) = obj.iter().next() {
            if let Some(m) = str_field(inner, "message") {
                return Some(m);
            }
        }
    }
    // Several keys but one of them is a fault object with a message.
    obj.values().find_map(|v| str_field(v, "message"))
}

fn str_field(value: &Value, key: &str) -> Option<String> {
    value.get(key)?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> Error {
        Error::from_response(status, body.as_bytes())
    }

    #[test]
    fn keystone_error_body() {
        let e = err(
            401,
            r#"{"error": {"code": 401, "message": "The request you have made requires authentication.", "title": "Unauthorized"}}"#,
        );
        assert_eq!(
            e,
            Error::Unauthorized {
                message: "The request you have made requires authentication".into()
            }
        );
        assert_eq!(e.status(), Some(401));
    }

    #[test]
    fn nova_fault_bodies() {
        let e = err(
            404,
            r#"{"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}"#,
        );
        assert_eq!(
            e,
            Error::NotFound {
                message: "Instance abc could not be found".into()
            }
        );

        let e = err(
            403,
            r#"{"forbidden": {"code": 403, "message": "Policy doesn't allow os_compute_api:servers:create to be performed."}}"#,
        );
        assert!(
            matches!(e, Error::Forbidden { ref message } if message.starts_with("Policy doesn't allow"))
        );

        let e = err(
            409,
            r#"{"conflictingRequest": {"code": 409, "message": "Cannot 'start' instance while it is in vm_state active"}}"#,
        );
        assert!(
            matches!(e, Error::Conflict { ref message } if message.contains("vm_state active"))
        );

        let e = err(
            400,
            r#"{"badRequest": {"code": 400, "message": "Invalid flavorRef provided."}}"#,
        );
        assert_eq!(
            e,
            Error::BadRequest {
                message: "Invalid flavorRef provided".into()
            }
        );

        let e = err(
            413,
            r#"{"overLimit": {"code": 413, "message": "Quota exceeded for cores", "retryAfter": "0"}}"#,
        );
        assert_eq!(
            e,
            Error::OverLimit {
                message: "Quota exceeded for cores".into()
            }
        );
        assert_eq!(e.status(), Some(413));

        let e = err(
            500,
            r#"{"computeFault": {"code": 500, "message": "Unexpected API Error."}}"#,
        );
        assert_eq!(
            e,
            Error::Api {
                status: 500,
                message: "Unexpected API Error".into()
            }
        );
        assert_eq!(e.status(), Some(500));
    }

    #[test]
    fn neutron_error_body() {
        let e = err(
            404,
            r#"{"NeutronError": {"type": "NetworkNotFound", "message": "Network 1 could not be found.", "detail": ""}}"#,
        );
        assert_eq!(
            e,
            Error::NotFound {
                message: "Network 1 could not be found".into()
            }
        );

        let e = err(
            409,
            r#"{"NeutronError": {"type": "InUse", "message": "Unable to complete operation.", "detail": "Port is in use"}}"#,
        );
        assert_eq!(
            e,
            Error::Conflict {
                message: "Unable to complete operation. (Port is in use)".into()
            }
        );
    }

    #[test]
    fn heat_error_body() {
        let e = err(
            404,
            r#"{"explanation": "The resource could not be found.", "code": 404, "error": {"message": "The Stack (teststack) could not be found.", "traceback": null, "type": "EntityNotFound"}, "title": "Not Found"}"#,
        );
        assert_eq!(
            e,
            Error::NotFound {
                message: "The Stack (teststack) could not be found".into()
            }
        );
    }

    #[test]
    fn placement_octavia_ironic_bodies() {
        let e = err(
            409,
            r#"{"errors": [{"status": 409, "title": "Conflict", "detail": "resource provider generation conflict", "code": "placement.concurrent_update", "request_id": "req-1"}]}"#,
        );
        assert_eq!(
            e,
            Error::Conflict {
                message: "resource provider generation conflict".into()
            }
        );

        let e = err(
            404,
            r#"{"faultcode": "Client", "faultstring": "Load Balancer 1 not found.", "debuginfo": null}"#,
        );
        assert_eq!(
            e,
            Error::NotFound {
                message: "Load Balancer 1 not found".into()
            }
        );

        let e = err(
            400,
            r#"{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"Node x could not be found.\", \"debuginfo\": null}"}"#,
        );
        assert_eq!(
            e,
            Error::BadRequest {
                message: "Node x could not be found".into()
            }
        );
    }

    #[test]
    fn html_and_text_bodies_use_reason() {
        let e = err(
            404,
            "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
        );
        assert_eq!(
            e,
            Error::NotFound {
                message: "Not Found".into()
            }
        );
        let e = err(401, "401 Unauthorized: This server could not verify...");
        assert_eq!(
            e,
            Error::Unauthorized {
                message: "Unauthorized".into()
            }
        );
        let e = err(503, "");
        assert_eq!(
            e,
            Error::Api {
                status: 503,
                message: "Service Unavailable".into()
            }
        );
        let e = err(429, "Too many");
        assert_eq!(
            e,
            Error::OverLimit {
                message: "Too Many Requests".into()
            }
        );
        let e = err(599, "");
        assert_eq!(
            e,
            Error::Api {
                status: 599,
                message: "HTTP 599".into()
            }
        );
    }

    #[test]
    fn json_without_message_uses_reason() {
        let e = err(500, r#"{"foo": 1, "bar": [1, 2]}"#);
        assert_eq!(
            e,
            Error::Api {
                status: 500,
                message: "Internal Server Error".into()
            }
        );
        let e = err(404, r#"[1, 2]"#);
        assert_eq!(
            e,
            Error::NotFound {
                message: "Not Found".into()
            }
        );
    }

    #[test]
    fn long_messages_are_truncated() {
        let long = "x".repeat(5000);
        let e = err(500, &format!(r#"{{"error": {{"message": "{long}"}}}}"#));
        let Error::Api { message, .. } = e else {
            panic!("wrong variant")
        };
        assert!(message.chars().count() <= MAX_MESSAGE + 1);
    }

    #[test]
    fn messages_say_what_to_do() {
        let e = Error::Unreachable {
            url: "http://127.0.0.1:5000/v3/auth/tokens".into(),
            reason: "connection refused".into(),
        };
        assert_eq!(
            e.to_string(),
            "cannot reach http://127.0.0.1:5000/v3/auth/tokens (connection refused); check that the cloud is running and the auth URL is right"
        );
        assert_eq!(e.status(), None);
        let e = Error::EndpointNotFound {
            service_type: "compute".into(),
            interface: Interface::Internal,
            region: Some("RegionTwo".into()),
        };
        assert!(e.to_string().starts_with(
            "the service catalog has no internal endpoint for 'compute' in region 'RegionTwo'"
        ));
        assert_eq!(
            Error::TokenExpired.to_string(),
            "the login has expired; log in again"
        );
    }

    #[test]
    fn safe_url_drops_secrets() {
        let u = Url::parse("https://user:pw@cloud.example:5000/v3/x?token=abc#frag").unwrap();
        assert_eq!(safe_url(&u), "https://cloud.example:5000/v3/x");
    }
}
