//! Fault injection, for workshops and tests: a service can be made
//! unavailable (503), unreachable (the connection drops) or slow, and a
//! compute server can be put into ERROR, so the dashboard can be seen (and
//! proven) to react.
//!
//! Faults live in memory only and are set from [`crate::Config::faults`] or
//! through the admin-only API under [`API_PREFIX`], a Zenith extension that
//! is not in the service catalog:
//!
//! - `GET /zenith/v1/faults`
//! - `PUT /zenith/v1/faults/{service}` with `{"fault": {"mode": "slow", "latency_ms": 3000}}`
//! - `DELETE /zenith/v1/faults/{service}`
//! - `POST /zenith/v1/faults/servers/{server_id}` with `{"fault": {"message": "...", "code": 500}}`

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::catalog::{ServiceDef, SERVICES};
use crate::compute::hosts::InstanceFault;
use crate::error::Error;
use crate::http::{KJson, KPath};
use crate::state::AppState;

/// Where the fault API lives on the cloud's listener.
pub const API_PREFIX: &str = "/zenith/v1/faults";

/// The longest latency a fault may add: longer only looks like a hang.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// What clients are told to wait before retrying a 503.
const RETRY_AFTER_SECS: u16 = 10;

/// The longest instance fault message; Nova's column holds 255 characters.
const MAX_SERVER_FAULT_MESSAGE: usize = 255;

/// How an injected fault breaks a service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultMode {
    /// Every request gets 503 Service Unavailable with `Retry-After`.
    Unavailable,
    /// Every request's connection is closed before any answer is written.
    Refused,
    /// Requests are served normally after the fault's latency.
    Slow,
}

impl FaultMode {
    pub fn as_str(self) -> &'static str {
        match self {
            FaultMode::Unavailable => "unavailable",
            FaultMode::Refused => "refused",
            FaultMode::Slow => "slow",
        }
    }

    fn parse(s: &str) -> Option<FaultMode> {
        match s {
            "unavailable" => Some(FaultMode::Unavailable),
            "refused" => Some(FaultMode::Refused),
            "slow" => Some(FaultMode::Slow),
            _ => None,
        }
    }
}

impl std::fmt::Display for FaultMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A fault injected into one service. `latency_ms` delays every request
/// before the mode applies; `slow` needs one, the other modes may have one
/// (a slow 503, a slow drop).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    pub mode: FaultMode,
    #[serde(default)]
    pub latency_ms: u64,
}

impl Fault {
    /// Why this fault cannot be injected, if it cannot.
    pub fn check(&self) -> Result<(), String> {
        if self.latency_ms > MAX_LATENCY_MS {
            return Err(format!(
                "latency_ms {} is over the limit of {MAX_LATENCY_MS} (one minute)",
                self.latency_ms
            ));
        }
        if self.mode == FaultMode::Slow && self.latency_ms == 0 {
            return Err(format!(
                "mode slow needs latency_ms, from 1 to {MAX_LATENCY_MS} milliseconds"
            ));
        }
        Ok(())
    }
}

/// Parses a `--fault` spec, `SERVICE=MODE[:LATENCY_MS]`: `compute=unavailable`,
/// `nova=refused`, `image=slow:2000`. The service is a catalog type or name;
/// the result carries its catalog type.
pub fn parse_fault_spec(s: &str) -> Result<(String, Fault), String> {
    const FORMAT: &str = "write SERVICE=MODE[:LATENCY_MS], e.g. compute=unavailable, \
                          nova=refused or image=slow:2000";
    let (service, rest) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not a fault spec; {FORMAT}"))?;
    let service = service.trim();
    let def = service_named(service).ok_or_else(|| unknown_service(service))?;
    let (mode, latency) = match rest.split_once(':') {
        Some((mode, latency)) => (mode.trim(), Some(latency.trim())),
        None => (rest.trim(), None),
    };
    let mode = FaultMode::parse(mode).ok_or_else(|| {
        format!("unknown fault mode '{mode}'; write unavailable, refused or slow:LATENCY_MS")
    })?;
    let latency_ms = match latency {
        None => 0,
        Some(l) => l.parse::<u64>().map_err(|_| {
            format!("'{l}' is not a latency; write whole milliseconds, e.g. {service}=slow:2000")
        })?,
    };
    if mode == FaultMode::Slow && latency_ms == 0 {
        return Err(format!(
            "slow needs a latency in milliseconds; write e.g. {service}=slow:2000"
        ));
    }
    let fault = Fault { mode, latency_ms };
    fault
        .check()
        .map_err(|why| format!("{why}; write e.g. {service}=slow:2000"))?;
    Ok((def.service_type.to_owned(), fault))
}

/// The service of a catalog type (`compute`) or name (`nova`).
pub fn service_named(name: &str) -> Option<&'static ServiceDef> {
    SERVICES
        .iter()
        .find(|s| s.service_type.eq_ignore_ascii_case(name) || s.name.eq_ignore_ascii_case(name))
}

/// "unknown service 'x'; use one of ...", for the CLI, the config and the API.
pub fn unknown_service(name: &str) -> String {
    let types: Vec<&str> = SERVICES.iter().map(|s| s.service_type).collect();
    let names: Vec<&str> = SERVICES.iter().map(|s| s.name).collect();
    format!(
        "unknown service '{name}'; use one of {} (or the names {})",
        types.join(", "),
        names.join(", ")
    )
}

/// The faults in force, by catalog type; shared by every request.
#[derive(Clone, Default)]
pub struct Faults(Arc<RwLock<BTreeMap<&'static str, Fault>>>);

impl Faults {
    // A panic cannot leave a map of plain values half-written, so a
    // poisoned lock is still usable.
    pub fn get(&self, service_type: &str) -> Option<Fault> {
        let map = self.0.read().unwrap_or_else(PoisonError::into_inner);
        map.get(service_type).copied()
    }

    pub fn set(&self, service_type: &'static str, fault: Fault) {
        let mut map = self.0.write().unwrap_or_else(PoisonError::into_inner);
        map.insert(service_type, fault);
    }

    /// Whether there was a fault to clear.
    pub fn clear(&self, service_type: &str) -> bool {
        let mut map = self.0.write().unwrap_or_else(PoisonError::into_inner);
        map.remove(service_type).is_some()
    }

    /// Every fault, sorted by service type.
    pub fn list(&self) -> Vec<(&'static str, Fault)> {
        let map = self.0.read().unwrap_or_else(PoisonError::into_inner);
        map.iter().map(|(k, v)| (*k, *v)).collect()
    }
}

/// Paths outside the services' prefixes that still belong to a service:
/// Keystone's version discovery at the root, and Swift's `/info`.
const ROOT_PATHS: &[(&str, &str)] = &[("/", "identity"), ("/info", "object-store")];

/// The first path segment of a service's endpoint path: `/compute` for
/// `/compute/v2.1`, `/swift` for `/swift/v1/AUTH_...`. Version discovery
/// sits there too, so it is faulted with the rest of the service.
fn mount_point(path: &str) -> &str {
    let end = path
        .get(1..)
        .and_then(|rest| rest.find('/'))
        .map_or(path.len(), |i| i + 1);
    &path[..end]
}

/// The service a request path belongs to, if any.
pub fn service_of_path(path: &str) -> Option<&'static ServiceDef> {
    if let Some((_, service_type)) = ROOT_PATHS.iter().find(|(p, _)| *p == path) {
        return SERVICES.iter().find(|s| s.service_type == *service_type);
    }
    SERVICES.iter().find(|s| {
        let mount = mount_point(s.path);
        path.strip_prefix(mount)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}

/// Middleware over the whole router: applies the fault of the service the
/// request is for. The fault API and paths of no service pass untouched.
pub async fn inject(State(faults): State<Faults>, req: Request, next: Next) -> Response {
    let Some(service) = service_of_path(req.uri().path()) else {
        return next.run(req).await;
    };
    let Some(fault) = faults.get(service.service_type) else {
        return next.run(req).await;
    };
    if fault.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(fault.latency_ms)).await;
    }
    match fault.mode {
        FaultMode::Slow => next.run(req).await,
        FaultMode::Unavailable => unavailable(service),
        FaultMode::Refused => refused(service),
    }
}

/// A 503 in the service's own error format, as its API would send when a
/// backend is down.
fn unavailable(service: &ServiceDef) -> Response {
    let status = StatusCode::SERVICE_UNAVAILABLE;
    let message = format!(
        "The {} service ({}) is unavailable: a fault injected by the demo cloud. An admin \
         clears it with DELETE {API_PREFIX}/{}.",
        service.service_type, service.name, service.service_type
    );
    let mut response = match service.service_type {
        "compute" => crate::compute::Fault::new(status, message).into_response(),
        "image" => crate::image::Fault::new(status, message).into_response(),
        "network" => {
            crate::network::Fault::new(status, "HTTPServiceUnavailable", message).into_response()
        }
        "object-store" => crate::object_store::Fault::plain(status, message).into_response(),
        "orchestration" => {
            crate::orchestration::Fault::new(status, "HTTPServiceUnavailable", message)
                .into_response()
        }
        // Keystone's format; crate::Error would hide a 5xx message.
        _ => {
            let body = json!({"error": {
                "code": status.as_u16(),
                "title": "Service Unavailable",
                "message": message,
            }});
            (status, Json(body)).into_response()
        }
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
    response
}

/// A response the client never sees: every service shares one socket, so
/// none can refuse connections alone. hyper keeps the head of a response
/// in its buffer until the body yields data, so a body that fails at once
/// makes it drop the connection without writing a byte; clients see the
/// connection closed before any answer.
fn refused(service: &ServiceDef) -> Response {
    tracing::info!(
        service = service.service_type,
        "dropping the connection: injected fault"
    );
    let failure = futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connection refused by an injected fault",
        ))
    });
    // 503 only for the request log: the status is never sent.
    (StatusCode::SERVICE_UNAVAILABLE, Body::from_stream(failure)).into_response()
}

// ---------------------------------------------------------------------------
// The admin API

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(API_PREFIX, get(list_faults))
        .route(
            &format!("{API_PREFIX}/{{service}}"),
            put(set_fault).delete(clear_fault),
        )
        .route(
            &format!("{API_PREFIX}/servers/{{server_id}}"),
            post(fail_server),
        )
}

fn require_admin(auth: &Auth) -> Result<(), Error> {
    if auth.is_admin() {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "Only an admin may inject faults into the demo cloud; log in with the admin role."
                .to_owned(),
        ))
    }
}

fn service_or_404(name: &str) -> Result<&'static ServiceDef, Error> {
    service_named(name).ok_or_else(|| Error::NotFound(format!("{}.", unknown_service(name))))
}

fn fault_json(service_type: &str, fault: &Fault) -> Value {
    json!({
        "service_type": service_type,
        "mode": fault.mode,
        "latency_ms": fault.latency_ms,
    })
}

async fn list_faults(State(st): State<AppState>, auth: Auth) -> Result<Json<Value>, Error> {
    require_admin(&auth)?;
    let faults: Vec<Value> = st
        .faults
        .list()
        .iter()
        .map(|(service_type, fault)| fault_json(service_type, fault))
        .collect();
    Ok(Json(json!({ "faults": faults })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaultBody {
    fault: Fault,
}

async fn set_fault(
    State(st): State<AppState>,
    auth: Auth,
    KPath(name): KPath<String>,
    body: Result<KJson<FaultBody>, Error>,
) -> Result<Json<Value>, Error> {
    require_admin(&auth)?;
    let service = service_or_404(&name)?;
    let KJson(FaultBody { fault }) = body?;
    fault
        .check()
        .map_err(|why| Error::BadRequest(format!("{why}.")))?;
    st.faults.set(service.service_type, fault);
    tracing::warn!(
        service = service.service_type,
        mode = %fault.mode,
        latency_ms = fault.latency_ms,
        user = %auth.user.name,
        "fault injected"
    );
    Ok(Json(
        json!({ "fault": fault_json(service.service_type, &fault) }),
    ))
}

async fn clear_fault(
    State(st): State<AppState>,
    auth: Auth,
    KPath(name): KPath<String>,
) -> Result<StatusCode, Error> {
    require_admin(&auth)?;
    let service = service_or_404(&name)?;
    if st.faults.clear(service.service_type) {
        tracing::info!(service = service.service_type, user = %auth.user.name, "fault cleared");
    }
    Ok(StatusCode::NO_CONTENT)
}

fn default_fault_code() -> u16 {
    500
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerFault {
    message: String,
    #[serde(default = "default_fault_code")]
    code: u16,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerFaultBody {
    fault: ServerFault,
}

async fn fail_server(
    State(st): State<AppState>,
    auth: Auth,
    KPath(server_id): KPath<String>,
    body: Result<KJson<ServerFaultBody>, Error>,
) -> Result<StatusCode, Error> {
    require_admin(&auth)?;
    let KJson(ServerFaultBody { fault }) = body?;
    let message = fault.message.trim().to_owned();
    if message.is_empty() {
        return Err(Error::BadRequest(
            "fault.message must not be empty: it is what Nova shows as the server's fault."
                .to_owned(),
        ));
    }
    if message.chars().count() > MAX_SERVER_FAULT_MESSAGE {
        return Err(Error::BadRequest(format!(
            "fault.message is longer than {MAX_SERVER_FAULT_MESSAGE} characters, Nova's limit."
        )));
    }
    if !(400..=599).contains(&fault.code) {
        return Err(Error::BadRequest(format!(
            "fault.code {} is not an HTTP error status; use 400 to 599 (default 500).",
            fault.code
        )));
    }
    let instance_fault = InstanceFault {
        code: i64::from(fault.code),
        message,
        details: String::new(),
    };
    let id = server_id.clone();
    let found = st
        .db
        .call(move |c| {
            let tx = c.transaction()?;
            let found = crate::compute::servers::set_error(&tx, &id, &instance_fault)
                .map_err(crate::compute::Fault::into_error)?;
            tx.commit()?;
            Ok(found)
        })
        .await?;
    if !found {
        return Err(Error::not_found("server", &server_id));
    }
    tracing::warn!(server = %server_id, user = %auth.user.name, "server put into ERROR: injected fault");
    Ok(StatusCode::ACCEPTED)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_their_service() {
        let of = |p: &str| service_of_path(p).map(|s| s.service_type);
        assert_eq!(of("/"), Some("identity"));
        assert_eq!(of("/v3"), Some("identity"));
        assert_eq!(of("/v3/auth/tokens"), Some("identity"));
        assert_eq!(of("/compute"), Some("compute"));
        assert_eq!(of("/compute/"), Some("compute"));
        assert_eq!(of("/compute/v2.1/servers"), Some("compute"));
        assert_eq!(of("/image/"), Some("image"));
        assert_eq!(of("/networking/v2.0/ports"), Some("network"));
        assert_eq!(of("/swift/info"), Some("object-store"));
        assert_eq!(of("/info"), Some("object-store"));
        assert_eq!(of("/swift/v1/AUTH_x/c"), Some("object-store"));
        assert_eq!(of("/heat/"), Some("orchestration"));
        assert_eq!(of("/heat/v1/p/stacks"), Some("orchestration"));
        assert_eq!(of("/computer"), None);
        assert_eq!(of("/v30"), None);
        assert_eq!(of("/zenith/v1/faults"), None);
        assert_eq!(of("/zenith/v1/faults/compute"), None);
    }

    #[test]
    fn good_specs_parse() {
        let spec = |s: &str| parse_fault_spec(s).expect("parses");
        assert_eq!(
            spec("compute=unavailable"),
            (
                "compute".to_owned(),
                Fault {
                    mode: FaultMode::Unavailable,
                    latency_ms: 0
                }
            )
        );
        assert_eq!(
            spec("nova=refused"),
            (
                "compute".to_owned(),
                Fault {
                    mode: FaultMode::Refused,
                    latency_ms: 0
                }
            )
        );
        assert_eq!(
            spec("image=slow:2000"),
            (
                "image".to_owned(),
                Fault {
                    mode: FaultMode::Slow,
                    latency_ms: 2000
                }
            )
        );
        assert_eq!(spec("Swift=unavailable:500").0, "object-store");
        assert_eq!(spec("heat=slow:60000").1.latency_ms, MAX_LATENCY_MS);
    }

    #[test]
    fn bad_specs_say_what_to_write() {
        let err = |s: &str| parse_fault_spec(s).expect_err(s);
        assert!(
            err("compute").contains("SERVICE=MODE"),
            "{}",
            err("compute")
        );
        assert!(err("cinder=unavailable").contains("unknown service 'cinder'"));
        assert!(err("cinder=unavailable").contains("compute"));
        assert!(err("compute=down").contains("unavailable, refused or slow"));
        assert!(err("image=slow").contains("image=slow:2000"));
        assert!(err("image=slow:0").contains("image=slow:2000"));
        assert!(err("image=slow:fast").contains("milliseconds"));
        assert!(err("image=slow:-5").contains("milliseconds"));
        assert!(err("image=slow:60001").contains("60000"));
    }

    #[test]
    fn faults_are_checked() {
        let slow = |latency_ms| Fault {
            mode: FaultMode::Slow,
            latency_ms,
        };
        assert!(slow(1).check().is_ok());
        assert!(slow(0).check().is_err());
        assert!(slow(MAX_LATENCY_MS + 1).check().is_err());
        let refused = Fault {
            mode: FaultMode::Refused,
            latency_ms: 0,
        };
        assert!(refused.check().is_ok());
    }

    #[test]
    fn modes_are_lowercase_json() {
        let fault: Fault =
            serde_json::from_value(json!({"mode": "refused"})).expect("deserializes");
        assert_eq!(fault.mode, FaultMode::Refused);
        assert_eq!(fault.latency_ms, 0);
        assert_eq!(
            serde_json::to_value(FaultMode::Unavailable).expect("serializes"),
            "unavailable"
        );
        assert!(serde_json::from_value::<Fault>(json!({"mode": "Slow"})).is_err());
    }
}
