//! Nova, the compute service (API v2.1 with microversions up to 2.86).
//!
//! Servers move through transitional states (`BUILD`, `REBOOT`, powering
//! off...) lazily: a pending transition records when it completes and what
//! it leads to, and [`servers::settle`] applies every transition that is due
//! before each read or write. No timers run.

pub mod actions;
pub mod aggregates;
pub mod availability_zones;
pub mod extra_specs;
pub mod flavors;
pub mod hosts;
pub mod hypervisors;
pub mod keypairs;
pub mod limits;
pub mod quotas;
pub mod server_groups;
pub mod servers;
pub mod services;
mod usage;

use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use crate::error::Error;
use crate::http::Params;
use crate::state::AppState;

/// Where the compute API lives below the base URL.
pub const PREFIX: &str = "/compute/v2.1";
pub const MIN_VERSION: Microversion = Microversion(2, 1);
pub const MAX_VERSION: Microversion = Microversion(2, 86);

/// A full path below [`PREFIX`].
pub fn path(p: &str) -> String {
    format!("{PREFIX}{p}")
}

pub fn routes() -> Router<AppState> {
    let api = Router::new()
        .route("/compute", get(versions))
        .route("/compute/", get(versions))
        .route(PREFIX, get(version))
        .route(&path("/"), get(version))
        .merge(flavors::routes())
        .merge(servers::routes())
        .merge(actions::routes())
        .merge(keypairs::routes())
        .merge(limits::routes())
        .merge(quotas::routes())
        .merge(server_groups::routes())
        .merge(availability_zones::routes())
        .merge(hypervisors::routes())
        .merge(services::routes())
        .merge(aggregates::routes())
        .merge(usage::routes());
    api.route_layer(axum::middleware::from_fn(microversion_layer))
}

/// Seeds flavors and demo servers once, recorded in `meta`.
pub fn seed(conn: &mut Connection) -> Result<bool, Error> {
    let tx = conn.transaction()?;
    // Hosts have their own key, so older databases get them (and their
    // servers a host) too.
    let hosts_seeded = hosts::seed(&tx).map_err(Fault::into_error)?;
    let seeded: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'compute_seeded'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if seeded.is_some() {
        tx.commit()?;
        return Ok(hosts_seeded);
    }
    flavors::seed(&tx).map_err(Fault::into_error)?;
    servers::seed(&tx).map_err(Fault::into_error)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('compute_seeded', ?1)",
        params![crate::db::now_micros().to_string()],
    )?;
    tx.commit()?;
    Ok(true)
}

// ---------------------------------------------------------------------------
// Version discovery

fn version_document(base_url: &str) -> Value {
    json!({
        "id": "v2.1",
        "status": "CURRENT",
        "version": MAX_VERSION.to_string(),
        "min_version": MIN_VERSION.to_string(),
        "updated": "2013-07-23T11:33:21Z",
        "links": [
            {"rel": "self", "href": format!("{base_url}{PREFIX}/")},
            {"rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"},
        ],
        "media-types": [{
            "base": "application/json",
            "type": "application/vnd.openstack.compute+json;version=2.1",
        }],
    })
}

async fn versions(State(st): State<AppState>) -> Json<Value> {
    Json(json!({"versions": [version_document(&st.base_url)]}))
}

async fn version(State(st): State<AppState>) -> Json<Value> {
    Json(json!({"version": version_document(&st.base_url)}))
}

// ---------------------------------------------------------------------------
// Microversions

/// A compute API microversion such as 2.47.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Microversion(pub u32, pub u32);

impl Microversion {
    pub fn at_least(self, minor: u32) -> bool {
        self >= Microversion(2, minor)
    }
}

impl std::fmt::Display for Microversion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0, self.1)
    }
}

/// The version a request asks for, or the fault Nova answers with.
fn requested_version(headers: &HeaderMap) -> Result<Microversion, Fault> {
    let modern = headers
        .get_all("openstack-api-version")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|item| {
            let mut words = item.split_whitespace();
            let service = words.next()?;
            (service.eq_ignore_ascii_case("compute")).then(|| words.next().unwrap_or("").to_owned())
        })
        .next();
    let legacy = headers
        .get("x-openstack-nova-api-version")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().to_owned());
    let Some(asked) = modern.or(legacy) else {
        return Ok(MIN_VERSION);
    };
    if asked.eq_ignore_ascii_case("latest") {
        return Ok(MAX_VERSION);
    }
    let parsed = asked
        .split_once('.')
        .and_then(|(a, b)| Some(Microversion(a.parse().ok()?, b.parse().ok()?)));
    let Some(version) = parsed else {
        return Err(Fault::new(
            StatusCode::BAD_REQUEST,
            format!(
                "API Version String {asked} is of invalid format. Must be of format \
                 MajorNum.MinorNum."
            ),
        ));
    };
    if version < MIN_VERSION || version > MAX_VERSION {
        return Err(Fault::new(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "Version {version} is not supported by the API. Minimum is {MIN_VERSION} and \
                 maximum is {MAX_VERSION}."
            ),
        ));
    }
    Ok(version)
}

/// Resolves the microversion, stores it for handlers and echoes it (with
/// `Vary`) on every response, errors included.
async fn microversion_layer(mut req: Request, next: Next) -> Response {
    let (version, mut response) = match requested_version(req.headers()) {
        Ok(v) => {
            req.extensions_mut().insert(v);
            (v, next.run(req).await)
        }
        Err(fault) => (MIN_VERSION, fault.into_response()),
    };
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&format!("compute {version}")) {
        headers.insert("openstack-api-version", v);
    }
    if let Ok(v) = HeaderValue::from_str(&version.to_string()) {
        headers.insert("x-openstack-nova-api-version", v);
    }
    headers.insert(
        "vary",
        HeaderValue::from_static("OpenStack-API-Version, X-OpenStack-Nova-API-Version"),
    );
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Microversion {
    type Rejection = Fault;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Microversion, Fault> {
        Ok(parts
            .extensions
            .get::<Microversion>()
            .copied()
            .unwrap_or(MIN_VERSION))
    }
}

// ---------------------------------------------------------------------------
// Errors

/// A Nova fault: `{"itemNotFound": {"code": 404, "message": "..."}}`.
/// Authentication failures keep keystonemiddleware's body.
#[derive(Debug)]
pub enum Fault {
    Nova(StatusCode, String),
    /// Quota exceeded: 403 with a `forbidden` body, as Nova raises HTTPForbidden.
    OverQuota(String),
    Other(Error),
}

impl Fault {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Fault {
        Fault::Nova(status, message.into())
    }
    pub fn bad_request(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::NOT_FOUND, message)
    }
    pub fn conflict(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::CONFLICT, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::FORBIDDEN, message)
    }
    /// The crate error for non-HTTP callers such as seeding.
    pub fn into_error(self) -> Error {
        match self {
            Fault::Other(e) => e,
            Fault::Nova(_, m) | Fault::OverQuota(m) => Error::Internal(m),
        }
    }
    /// Nova's policy refusal for a rule such as `os_compute_api:servers:index`.
    pub fn policy(rule: &str) -> Fault {
        Fault::forbidden(format!("Policy doesn't allow {rule} to be performed."))
    }
}

/// Nova's fault name for a status.
fn fault_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 | 429 => "overLimit",
        415 => "badMediaType",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    }
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        match self {
            Fault::Nova(status, message) => {
                let body =
                    json!({fault_name(status): {"code": status.as_u16(), "message": message}});
                (status, Json(body)).into_response()
            }
            Fault::OverQuota(message) => {
                let body = json!({"forbidden": {"code": 403, "message": message}});
                (StatusCode::FORBIDDEN, Json(body)).into_response()
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
                "The method is not allowed for the requested URL.",
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

impl From<axum::extract::rejection::JsonRejection> for Fault {
    fn from(r: axum::extract::rejection::JsonRejection) -> Fault {
        Error::from(r).into()
    }
}

impl From<axum::extract::rejection::PathRejection> for Fault {
    fn from(r: axum::extract::rejection::PathRejection) -> Fault {
        Error::from(r).into()
    }
}

/// JSON body extractor with Nova's 400 body.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Fault))]
pub struct NJson<T>(pub T);

/// Path extractor; a malformed path is Nova's 404.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Fault))]
pub struct NPath<T>(pub T);

/// A request with a project-scoped token: Nova works inside one project.
pub type ProjectAuth = crate::auth::ProjectAuth<Fault>;

/// Runs `f` with the connection, for handlers returning [`Fault`].
pub async fn call<T, F>(st: &AppState, f: F) -> Result<T, Fault>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> Result<T, Fault> + Send + 'static,
{
    crate::db::call(st, f).await
}

// ---------------------------------------------------------------------------
// Request checks and answers the handlers share

/// Nova's policy refusal for `rule` unless the caller is an admin.
pub fn require_admin(auth: &ProjectAuth, rule: &str) -> Result<(), Fault> {
    if auth.is_admin() {
        Ok(())
    } else {
        Err(Fault::policy(rule))
    }
}

/// Nova's schema error for a `field` and the `value` it had, shown as the
/// caller's messages show values.
pub fn invalid_input(field: &str, value: &impl std::fmt::Display, why: &str) -> Fault {
    Fault::bad_request(format!(
        "Invalid input for field/attribute {field}. Value: {value}. {why}"
    ))
}

/// jsonschema's `additionalProperties` message; `quoted` are the names as
/// Python shows them.
pub fn additional_properties(quoted: &[String]) -> String {
    let verb = if quoted.len() == 1 { "was" } else { "were" };
    format!(
        "Additional properties are not allowed ({} {verb} unexpected)",
        quoted.join(", ")
    )
}

/// Nova's strict schemas: any of `keys` not in `allowed` is a 400 naming
/// them all, sorted.
pub fn only_keys<'a>(
    keys: impl IntoIterator<Item = &'a String>,
    allowed: &[&str],
) -> Result<(), Fault> {
    let mut unexpected: Vec<&str> = keys
        .into_iter()
        .map(String::as_str)
        .filter(|k| !allowed.contains(k))
        .collect();
    unexpected.sort_unstable();
    if unexpected.is_empty() {
        return Ok(());
    }
    let names: Vec<String> = unexpected.iter().map(|k| format!("'{k}'")).collect();
    Err(Fault::bad_request(additional_properties(&names)))
}

/// The name and arguments of an action body, `{"<action>": {...}}`; any
/// other body (not an object, or not exactly one key) is a 400 with
/// `malformed`.
pub fn action_of(body: Value, malformed: &str) -> Result<(String, Value), Fault> {
    match body {
        Value::Object(obj) if obj.len() == 1 => Ok(obj.into_iter().next().unwrap_or_default()),
        _ => Err(Fault::bad_request(malformed)),
    }
}

/// Query-value encoding for next links.
fn encode(v: &str) -> String {
    crate::http::encode_path(v)
}

/// The `next` link of a full page of `kind` (such as `/servers/detail`):
/// the request's query without its marker, sorted, then `last` as the
/// marker.
pub fn next_link(base_url: &str, kind: &str, params: &Params, last: &str) -> Value {
    let mut query: Vec<String> = params
        .0
        .iter()
        .filter(|(k, _)| k.as_str() != "marker")
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    query.sort();
    query.push(format!("marker={last}"));
    json!([{
        "rel": "next",
        "href": format!("{base_url}{}?{}", path(kind), query.join("&")),
    }])
}

/// Nova's link list for a resource (`self` and `bookmark`).
pub fn links(base_url: &str, kind: &str, id: &str) -> Value {
    json!([
        {"rel": "self", "href": format!("{base_url}{PREFIX}/{kind}/{id}")},
        {"rel": "bookmark", "href": format!("{base_url}/compute/{kind}/{id}")},
    ])
}

pub use crate::http::format_time_seconds as format_time;

/// Parses Nova's `changes-since` style ISO 8601 time into micros.
pub fn parse_time(s: &str) -> Option<i64> {
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_micros());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc().timestamp_micros());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn microversions_follow_nova() {
        assert_eq!(requested_version(&headers(&[])).ok(), Some(MIN_VERSION));
        assert_eq!(
            requested_version(&headers(&[("openstack-api-version", "compute 2.47")])).ok(),
            Some(Microversion(2, 47))
        );
        assert_eq!(
            requested_version(&headers(&[(
                "openstack-api-version",
                "volume 3.1, compute latest"
            )]))
            .ok(),
            Some(MAX_VERSION)
        );
        assert_eq!(
            requested_version(&headers(&[("x-openstack-nova-api-version", "2.10")])).ok(),
            Some(Microversion(2, 10))
        );
        assert!(matches!(
            requested_version(&headers(&[("openstack-api-version", "compute 2.87")])),
            Err(Fault::Nova(StatusCode::NOT_ACCEPTABLE, _))
        ));
        assert!(matches!(
            requested_version(&headers(&[("openstack-api-version", "compute x")])),
            Err(Fault::Nova(StatusCode::BAD_REQUEST, _))
        ));
        assert!(Microversion(2, 10) > Microversion(2, 9));
    }

    #[test]
    fn times_round_trip() {
        let t = parse_time("2023-11-14T22:13:20Z").expect("parse");
        assert_eq!(format_time(t), "2023-11-14T22:13:20Z");
        assert_eq!(parse_time("2023-11-14T22:13:20"), Some(t));
        assert_eq!(parse_time("nope"), None);
    }
}
