//! HTTP plumbing shared by every service: extractors whose rejections are
//! OpenStack error bodies, the request-id middleware, fallbacks and small
//! rendering helpers.

use std::collections::HashMap;
use std::time::Instant;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{HeaderName, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;
use serde::Deserialize;
use serde_json::{json, Value};
use tracing::Instrument;

use crate::error::Error;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-openstack-request-id");

/// JSON body extractor; bad JSON or a wrong shape is a Keystone-style 400.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Error))]
pub struct KJson<T>(pub T);

/// Query parameters as a map; a bare `?nocatalog` maps to an empty string.
#[derive(FromRequestParts, Deserialize)]
#[from_request(via(axum::extract::Query), rejection(Error))]
#[serde(transparent)]
pub struct Params(pub HashMap<String, String>);

impl Params {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// Keystone treats a flag as set when present, unless it says false.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| !is_false(v))
    }

    /// The value of a boolean filter such as `?enabled=false`, if given.
    pub fn bool_filter(&self, key: &str) -> Option<bool> {
        self.get(key).map(|v| !is_false(v))
    }

    /// Whether `value` passes the exact-match filter `key`, if any.
    pub fn matches(&self, key: &str, value: &str) -> bool {
        self.get(key).is_none_or(|want| want == value)
    }
}

fn is_false(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "0" | "false" | "f" | "no" | "n" | "off"
    )
}

/// Path parameters; a malformed path is simply not found.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Error))]
pub struct KPath<T>(pub T);

/// The request id of the current request, in the request extensions.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

/// Tags every response with an OpenStack request id and logs the request.
/// Only method, path and status are logged: headers and query strings may
/// carry credentials.
pub async fn request_context(mut req: Request, next: Next) -> Response {
    let request_id = format!("req-{}", uuid::Uuid::new_v4());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let span = tracing::info_span!("request", id = %request_id);
    let started = Instant::now();
    let mut response = next.run(req).instrument(span).await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    tracing::info!(
        request_id = %request_id,
        %method,
        %path,
        status = response.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "handled request"
    );
    response
}

pub async fn not_found() -> Error {
    Error::NotFound("The resource could not be found.".to_owned())
}

pub async fn method_not_allowed() -> Error {
    Error::MethodNotAllowed
}

/// Keystone's `links` object for a collection, pointing at this request.
pub fn collection_links(base_url: &str, uri: &Uri) -> Value {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    json!({"self": format!("{base_url}{path}"), "previous": null, "next": null})
}

/// Percent-encodes everything but RFC 3986's unreserved characters, for a
/// path segment or a query value.
pub fn encode_path(v: &str) -> String {
    const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(v, UNRESERVED).to_string()
}

/// Keystone's timestamp format, e.g. `2026-01-02T03:04:05.000000Z`.
pub fn format_time(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.6fZ")
        .to_string()
}

/// The whole-second timestamps of Nova and Glance, e.g. `2026-01-02T03:04:05Z`.
pub fn format_time_seconds(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_format_matches_keystone() {
        assert_eq!(
            format_time(1_700_000_000_000_000),
            "2023-11-14T22:13:20.000000Z"
        );
        assert_eq!(
            format_time(1_700_000_000_123_456),
            "2023-11-14T22:13:20.123456Z"
        );
    }

    #[test]
    fn flags_follow_keystone() {
        let p = Params(HashMap::from([
            ("nocatalog".to_owned(), String::new()),
            ("include_names".to_owned(), "0".to_owned()),
            ("enabled".to_owned(), "False".to_owned()),
        ]));
        assert!(p.flag("nocatalog"));
        assert!(!p.flag("include_names"));
        assert!(!p.flag("absent"));
        assert_eq!(p.bool_filter("enabled"), Some(false));
        assert!(p.matches("name", "anything"));
    }

    #[test]
    fn links_use_the_request_uri() {
        let uri: Uri = "/v3/users?name=demo".parse().expect("uri");
        assert_eq!(
            collection_links("http://h:1", &uri)["self"],
            "http://h:1/v3/users?name=demo"
        );
    }
}
