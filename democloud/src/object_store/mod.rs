//! Swift, the object store (API v1), at `/swift/v1/AUTH_<project id>`.
//!
//! Behaviour follows Swift 2.37 behind keystoneauth with the slo, bulk,
//! copy and listing_formats middleware: status codes, headers and bodies are
//! Swift's, so the `swift` and `openstack` CLIs work unchanged.
//!
//! Accounts, containers and object metadata live in SQLite; object data in
//! files below `<data dir>/objects/`, streamed in constant memory. A file is
//! written under a temporary name, synced and renamed, and only then is its
//! row committed: an object exists whole or not at all, and whatever a crash
//! leaves behind is removed by [`cleanup`] at the next start.

mod account;
mod acl;
mod body;
mod bulk;
mod container;
mod info;
mod listing;
mod meta;
mod object;
mod seed;
mod slo;
mod storage;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use percent_encoding::percent_decode_str;
use rusqlite::Connection;

use crate::auth::{token_header, TokenInfo, AUTH_TOKEN_HEADER};
use crate::error::Error;
use crate::http::RequestId;
use crate::state::AppState;

pub use seed::seed;
pub use storage::cleanup;

/// Where the API lives below the base URL; the account follows.
pub const PREFIX: &str = "/swift/v1";

/// Swift's constraints (swift/common/constraints.py defaults).
pub const MAX_FILE_SIZE: u64 = 5_368_709_122;
pub const MAX_META_NAME_LENGTH: usize = 128;
pub const MAX_META_VALUE_LENGTH: usize = 256;
pub const MAX_META_COUNT: usize = 90;
pub const MAX_META_OVERALL_SIZE: usize = 4096;
pub const MAX_HEADER_SIZE: usize = 8192;
pub const MAX_OBJECT_NAME_LENGTH: usize = 1024;
pub const CONTAINER_LISTING_LIMIT: usize = 10_000;
pub const ACCOUNT_LISTING_LIMIT: usize = 10_000;
pub const MAX_ACCOUNT_NAME_LENGTH: usize = 256;
pub const MAX_CONTAINER_NAME_LENGTH: usize = 256;

/// The storage policies, the default first. Both keep data the same way
/// here; the name is what clients see.
pub const POLICIES: &[&str] = &["Policy-0", "reduced-redundancy"];

/// The accounts keystoneauth serves: `AUTH_<project id>`.
pub const RESELLER_PREFIX: &str = "AUTH_";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/info", get(info::info))
        .route("/swift/info", get(info::info))
        .route(&format!("{PREFIX}/{{*rest}}"), any(dispatch))
}

/// Directory holding object data files.
pub fn objects_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("objects")
}

// ---------------------------------------------------------------------------
// Requests

/// A parsed request: the decoded path, the query and who is asking.
pub struct SwiftRequest {
    pub method: Method,
    pub headers: HeaderMap,
    pub query: Query,
    pub account: String,
    /// Empty for an account request.
    pub container: String,
    /// Empty for an account or container request.
    pub object: String,
    /// `None` for anonymous requests and invalid tokens: keystonemiddleware
    /// with `delay_auth_decision` lets those through for ACLs to decide.
    pub token: Option<TokenInfo>,
}

impl SwiftRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        header_str(&self.headers, name)
    }

    /// Who is asking, for [`acl::check`].
    pub fn requester(&self) -> acl::Requester<'_> {
        acl::Requester {
            token: self.token.as_ref(),
            referer: self.header("referer"),
        }
    }
}

/// A header value as text, if present and visible ASCII (or UTF-8).
pub fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
}

/// Swift's `config_true_value`.
pub fn config_true(v: &str) -> bool {
    matches!(
        v.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "on" | "t" | "y"
    )
}

/// Query parameters in order; a bare `?bulk-delete` has an empty value.
#[derive(Default, Clone)]
pub struct Query {
    pairs: Vec<(String, String)>,
    /// Names whose value was not UTF-8.
    invalid: Vec<String>,
}

impl Query {
    /// Parses like Python's `parse_qsl(keep_blank_values=True)`.
    pub fn parse(raw: Option<&str>) -> Query {
        let mut query = Query::default();
        for part in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let decode = |s: &str| {
                let plus = s.replace('+', " ");
                let bytes: Vec<u8> = percent_decode_str(&plus).collect();
                String::from_utf8(bytes)
                    .map_err(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            };
            let key = decode(k).unwrap_or_else(|lossy| lossy);
            let value = match decode(v) {
                Ok(v) => v,
                Err(lossy) => {
                    query.invalid.push(key.clone());
                    lossy
                }
            };
            query.pairs.push((key, value));
        }
        query
    }

    /// The last value of `name`, as Swift's dict of params keeps.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == name)
    }

    /// Swift's `get_param`: a non-UTF-8 value is a 400.
    pub fn param(&self, name: &str) -> Result<Option<&str>, Fault> {
        if self.invalid.iter().any(|k| k == name) {
            return Err(Fault::plain(
                StatusCode::BAD_REQUEST,
                format!("\"{name}\" parameter not valid UTF-8"),
            ));
        }
        Ok(self.get(name))
    }
}

/// Splits the path after `/swift/v1/` like Swift's `split_path(path, 1, 4,
/// rest_with_last=True)`: account, container, object; the object keeps any
/// further slashes (a trailing one included).
fn split_path(raw: &str) -> Result<(String, String, String), Fault> {
    let bytes: Vec<u8> = percent_decode_str(raw).collect();
    let path = String::from_utf8(bytes).map_err(|_| invalid_utf8())?;
    if path.contains('\0') {
        return Err(invalid_utf8());
    }
    let mut parts = path.splitn(3, '/');
    let account = parts.next().unwrap_or_default().to_owned();
    let container = parts.next().unwrap_or_default().to_owned();
    let object = parts.next().unwrap_or_default().to_owned();
    // Swift routes nothing without an account, or an object without its
    // container.
    if account.is_empty() || (container.is_empty() && !object.is_empty()) {
        return Err(Fault::status(StatusCode::NOT_FOUND));
    }
    Ok((account, container, object))
}

fn invalid_utf8() -> Fault {
    Fault::html(
        StatusCode::PRECONDITION_FAILED,
        "Invalid UTF8 or contains NULL",
    )
}

/// The token of `X-Auth-Token` or `X-Storage-Token`, if valid.
async fn identify(st: &AppState, headers: &HeaderMap) -> Result<Option<TokenInfo>, Fault> {
    let Some(token) = token_header(headers, AUTH_TOKEN_HEADER)
        .or_else(|| token_header(headers, "x-storage-token"))
    else {
        return Ok(None);
    };
    Ok(st
        .db
        .call(move |c| crate::identity::tokens::load_valid(c, &token))
        .await?)
}

/// Every `/swift/v1/...` request: parse, route, and add the headers every
/// Swift response carries.
async fn dispatch(State(st): State<AppState>, req: Request) -> Response {
    let trans_id = req
        .extensions()
        .get::<RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let method = req.method().clone();
    let mut account = None;
    let result = async {
        let (parts, body) = req.into_parts();
        let raw = parts
            .uri
            .path()
            .strip_prefix(PREFIX)
            .and_then(|p| p.strip_prefix('/'))
            .unwrap_or("");
        let (acct, container, object) = split_path(raw)?;
        account = Some(acct.clone());
        let token = identify(&st, &parts.headers).await?;
        let req = Arc::new(SwiftRequest {
            method: parts.method,
            query: Query::parse(parts.uri.query()),
            headers: parts.headers,
            account: acct,
            container,
            object,
            token,
        });
        route(&st, req, body).await
    }
    .await;
    let mut resp = result.unwrap_or_else(IntoResponse::into_response);
    let status = resp.status();
    if method == Method::HEAD && (status.is_client_error() || status.is_server_error()) {
        *resp.body_mut() = Body::empty();
        resp.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(0));
    }
    let headers = resp.headers_mut();
    if status == StatusCode::UNAUTHORIZED {
        if let Some(account) = account {
            if let Ok(v) = HeaderValue::from_str(&format!("Swift realm=\"{account}\"")) {
                headers.append(header::WWW_AUTHENTICATE, v);
            }
        }
        if let Ok(v) = HeaderValue::from_str(&format!("Keystone uri=\"{}\"", st.base_url)) {
            headers.append(header::WWW_AUTHENTICATE, v);
        }
    }
    if let Ok(v) = HeaderValue::from_str(&trans_id) {
        headers.insert(HeaderName::from_static("x-trans-id"), v);
    }
    resp
}

async fn route(st: &AppState, req: Arc<SwiftRequest>, body: Body) -> Result<Response, Fault> {
    let method = req.method.as_str();
    // The bulk middleware answers before anything else sees the request.
    if req.query.has("bulk-delete") && matches!(method, "POST" | "DELETE") {
        return bulk::delete(st, req, body).await;
    }
    if method == "OPTIONS" {
        return Ok(options(&req));
    }
    if req.container.is_empty() {
        match method {
            "GET" | "HEAD" => account::get_or_head(st, req).await,
            "POST" => account::post(st, req).await,
            "PUT" | "DELETE" => account::not_allowed(st, req).await,
            _ => Err(not_implemented()),
        }
    } else if req.object.is_empty() {
        match method {
            "GET" | "HEAD" => container::get_or_head(st, req).await,
            "PUT" => container::put(st, req).await,
            "POST" => container::post(st, req).await,
            "DELETE" => container::delete(st, req).await,
            _ => Err(not_implemented()),
        }
    } else {
        match method {
            "GET" | "HEAD" => object::get_or_head(st, req).await,
            "PUT" => object::put(st, req, body).await,
            "POST" => object::post(st, req).await,
            "DELETE" => object::delete(st, req).await,
            "COPY" => object::copy(st, req, body).await,
            _ => Err(not_implemented()),
        }
    }
}

/// Methods each level answers, for `Allow`.
fn allowed_methods(req: &SwiftRequest) -> &'static str {
    if req.object.is_empty() {
        "DELETE, GET, HEAD, OPTIONS, POST, PUT"
    } else {
        "COPY, DELETE, GET, HEAD, OPTIONS, POST, PUT"
    }
}

/// `OPTIONS` without an `Origin` (no CORS here): the allowed methods.
fn options(req: &SwiftRequest) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ALLOW,
        HeaderValue::from_static(allowed_methods(req)),
    );
    reply(StatusCode::OK, headers)
}

fn not_implemented() -> Fault {
    Fault::status(StatusCode::NOT_IMPLEMENTED)
}

/// Runs `f` with the connection on the blocking pool.
pub async fn call<T, F>(st: &AppState, f: F) -> Result<T, Fault>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> Result<T, Fault> + Send + 'static,
{
    crate::db::call(st, f).await
}

// ---------------------------------------------------------------------------
// Responses

/// swob's reason phrases and explanations (`RESPONSE_REASONS`): a status
/// with an explanation gets `<html><h1>..</h1><p>..</p></html>` as body.
fn explanation(status: StatusCode) -> Option<(&'static str, &'static str)> {
    Some(match status.as_u16() {
        202 => ("Accepted", "The request is accepted for processing."),
        400 => (
            "Bad Request",
            "The server could not comply with the request since it is either malformed or \
             otherwise incorrect.",
        ),
        401 => (
            "Unauthorized",
            "This server could not verify that you are authorized to access the document you \
             requested.",
        ),
        403 => ("Forbidden", "Access was denied to this resource."),
        404 => ("Not Found", "The resource could not be found."),
        405 => (
            "Method Not Allowed",
            "The method is not allowed for this resource.",
        ),
        406 => (
            "Not Acceptable",
            "The resource is not available in a format acceptable to your browser.",
        ),
        408 => (
            "Request Timeout",
            "The server has waited too long for the request to be sent by the client.",
        ),
        409 => (
            "Conflict",
            "There was a conflict when trying to complete your request.",
        ),
        411 => ("Length Required", "Content-Length header required."),
        412 => (
            "Precondition Failed",
            "A precondition for this request was not met.",
        ),
        413 => (
            "Request Entity Too Large",
            "The body of your request was too large for this server.",
        ),
        416 => (
            "Requested Range Not Satisfiable",
            "The Range requested is not available.",
        ),
        422 => (
            "Unprocessable Entity",
            "Unable to process the contained instructions",
        ),
        499 => (
            "Client Disconnect",
            "The client was disconnected during request.",
        ),
        500 => (
            "Internal Error",
            "The server has either erred or is incapable of performing the requested operation.",
        ),
        501 => (
            "Not Implemented",
            "The requested method is not implemented by this server.",
        ),
        503 => (
            "Service Unavailable",
            "The server is currently unavailable. Please try again at a later time.",
        ),
        _ => return None,
    })
}

/// swob's default page for `status`, if it has one.
pub fn status_page(status: StatusCode) -> Option<String> {
    explanation(status).map(|(title, text)| format!("<html><h1>{title}</h1><p>{text}</p></html>"))
}

/// swob's default content type.
pub const HTML: &str = "text/html; charset=UTF-8";

/// A response as swob builds one without a body: its default page (if the
/// status has one) in swob's default content type, unless `headers` set
/// one.
pub fn reply(status: StatusCode, mut headers: HeaderMap) -> Response {
    headers
        .entry(header::CONTENT_TYPE)
        .or_insert(HeaderValue::from_static(HTML));
    let body = status_page(status).unwrap_or_default();
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    (status, headers, body).into_response()
}

/// Sets a header, skipping values that cannot be sent (stored values were
/// valid headers when they came in, so this does not happen in practice).
pub fn set(headers: &mut HeaderMap, name: &str, value: impl AsRef<str>) {
    match (
        HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_bytes(value.as_ref().as_bytes()),
    ) {
        (Ok(n), Ok(v)) => {
            headers.insert(n, v);
        }
        _ => tracing::warn!(header = name, "skipped a header that cannot be sent"),
    }
}

// ---------------------------------------------------------------------------
// Errors

/// A Swift error response. Bodies and content types are what Swift sends:
/// swob's page for the status, or a message as `text/plain` (constraint
/// checks) or in swob's default `text/html` type (messages Swift gives
/// without a type).
#[derive(Debug)]
pub enum Fault {
    Status(StatusCode, HeaderMap),
    Message {
        status: StatusCode,
        content_type: &'static str,
        body: String,
    },
    Other(Error),
}

impl Fault {
    pub fn status(status: StatusCode) -> Fault {
        Fault::Status(status, HeaderMap::new())
    }

    pub fn not_found() -> Fault {
        Fault::status(StatusCode::NOT_FOUND)
    }

    pub fn conflict() -> Fault {
        Fault::status(StatusCode::CONFLICT)
    }

    /// A message sent as `text/plain`.
    pub fn plain(status: StatusCode, body: impl Into<String>) -> Fault {
        Fault::Message {
            status,
            content_type: "text/plain",
            body: body.into(),
        }
    }

    /// A message in swob's default content type.
    pub fn html(status: StatusCode, body: impl Into<String>) -> Fault {
        Fault::Message {
            status,
            content_type: HTML,
            body: body.into(),
        }
    }

    pub fn bad_request(body: impl Into<String>) -> Fault {
        Fault::plain(StatusCode::BAD_REQUEST, body)
    }

    pub fn status_code(&self) -> StatusCode {
        match self {
            Fault::Status(s, _) | Fault::Message { status: s, .. } => *s,
            Fault::Other(e) => Fault::from_error_status(e),
        }
    }

    fn from_error_status(e: &Error) -> StatusCode {
        match e {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// `"404 Not Found"`: the status line bulk responses list.
    pub fn status_line(status: StatusCode) -> String {
        let reason = explanation(status)
            .map(|(t, _)| t)
            .or(status.canonical_reason())
            .unwrap_or("Unknown");
        format!("{} {reason}", status.as_u16())
    }
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        match self {
            Fault::Status(status, headers) => reply(status, headers),
            Fault::Message {
                status,
                content_type,
                body,
            } => {
                let mut headers = HeaderMap::new();
                headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
                (status, headers, body).into_response()
            }
            Fault::Other(e) => {
                let status = Fault::from_error_status(&e);
                match e {
                    Error::BadRequest(m) => Fault::plain(status, m).into_response(),
                    e if status.is_server_error() => {
                        tracing::error!(error = %e, "object store request failed");
                        reply(status, HeaderMap::new())
                    }
                    _ => reply(status, HeaderMap::new()),
                }
            }
        }
    }
}

impl From<Error> for Fault {
    fn from(e: Error) -> Fault {
        Fault::Other(e)
    }
}

impl From<rusqlite::Error> for Fault {
    fn from(e: rusqlite::Error) -> Fault {
        Fault::Other(Error::Database(e))
    }
}

impl From<std::io::Error> for Fault {
    fn from(e: std::io::Error) -> Fault {
        Fault::Other(Error::Internal(format!("object data: {e}")))
    }
}

// ---------------------------------------------------------------------------
// Time

/// Now as a Swift timestamp: microseconds, at Swift's 10 µs resolution.
pub fn now_ts() -> i64 {
    let m = crate::db::now_micros();
    m - m.rem_euclid(10)
}

/// `Timestamp.normal`, e.g. `1795279723.74221`.
pub fn ts_normal(micros: i64) -> String {
    format!(
        "{:010}.{:05}",
        micros.div_euclid(1_000_000),
        micros.rem_euclid(1_000_000) / 10
    )
}

/// `Timestamp.isoformat`, e.g. `2026-11-21T16:48:43.742210`, as listings
/// show `last_modified`.
pub fn ts_iso(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.6f")
        .to_string()
}

/// Whole seconds, rounded up as Swift's `Last-Modified` is.
pub fn ceil_secs(micros: i64) -> i64 {
    (micros + 999_999).div_euclid(1_000_000)
}

/// An HTTP date, e.g. `Sat, 21 Nov 2026 16:48:44 GMT`.
pub fn http_date(secs: i64) -> String {
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// Seconds of an HTTP date (RFC 1123, or the RFC 850 / asctime forms).
pub fn parse_http_date(s: &str) -> Option<i64> {
    let s = s.trim();
    for fmt in [
        "%a, %d %b %Y %H:%M:%S GMT",
        "%A, %d-%b-%y %H:%M:%S GMT",
        "%a %b %e %H:%M:%S %Y",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc().timestamp());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_split_like_swift() {
        let ok = |p: &str| split_path(p).ok();
        assert_eq!(
            ok("AUTH_a/c/docs/"),
            Some(("AUTH_a".into(), "c".into(), "docs/".into()))
        );
        assert_eq!(
            ok("AUTH_a/c/a%20b/%C3%BC%25%3F%23.html"),
            Some(("AUTH_a".into(), "c".into(), "a b/ü%?#.html".into()))
        );
        assert_eq!(
            ok("AUTH_a/c/"),
            Some(("AUTH_a".into(), "c".into(), String::new()))
        );
        assert_eq!(
            ok("AUTH_a/"),
            Some(("AUTH_a".into(), String::new(), String::new()))
        );
        assert!(ok("AUTH_a//o").is_none());
        assert!(ok("AUTH_a/c/%00").is_none());
        assert!(ok("AUTH_a/c/%FF").is_none());
    }

    #[test]
    fn query_parsing() {
        let q = Query::parse(Some("bulk-delete&prefix=a+b%2F&limit=2&limit=3&x=%FF"));
        assert!(q.has("bulk-delete"));
        assert_eq!(q.get("bulk-delete"), Some(""));
        assert_eq!(q.get("prefix"), Some("a b/"));
        assert_eq!(q.get("limit"), Some("3"));
        assert!(q.param("x").is_err());
    }

    #[test]
    fn timestamps() {
        assert_eq!(ts_normal(1_795_279_723_742_210), "1795279723.74221");
        assert_eq!(ts_iso(1_795_279_723_742_210), "2026-11-21T16:48:43.742210");
        assert_eq!(ceil_secs(1_795_279_723_742_210), 1_795_279_724);
        assert_eq!(ceil_secs(1_795_279_723_000_000), 1_795_279_723);
        assert_eq!(http_date(1_795_279_724), "Sat, 21 Nov 2026 16:48:44 GMT");
        assert_eq!(
            parse_http_date("Sat, 21 Nov 2026 16:48:44 GMT"),
            Some(1_795_279_724)
        );
    }
}
