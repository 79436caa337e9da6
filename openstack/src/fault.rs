//! Fault injection in Zenith's demo cloud: make a service unavailable,
//! unreachable or slow, or put a server into ERROR, so a workshop can show
//! the dashboard reacting and tests can prove it does.
//!
//! This is a Zenith demo-cloud extension, not an OpenStack API. It lives
//! at `/zenith/v1/faults` on the identity endpoint's host (it is not in the
//! service catalog) and needs an admin token. A real cloud answers 404
//! ([`Error::NotFound`](crate::Error::NotFound)).

use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::Result;
use crate::session::Session;

/// Where the API lives on the identity endpoint's host.
const PATH: &str = "/zenith/v1/faults";

/// How an injected fault breaks a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FaultMode {
    /// Every request gets 503 Service Unavailable.
    Unavailable,
    /// Every connection is closed before an answer: clients see a
    /// connection error, not an HTTP status.
    Refused,
    /// Requests are answered normally after `latency_ms`.
    Slow,
}

/// A fault to inject. `latency_ms` delays every request of the service
/// before the mode applies; `Slow` needs it (1 to 60000), the other modes
/// take 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaultSpec {
    pub mode: FaultMode,
    #[serde(default)]
    pub latency_ms: u64,
}

/// A fault in force on one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFault {
    /// The catalog type, e.g. `compute`.
    pub service_type: String,
    pub mode: FaultMode,
    #[serde(default)]
    pub latency_ms: u64,
}

/// The API's URL (`suffix` is empty or starts with `/`): the identity
/// URL's scheme, host and port with the API's path.
fn url(session: &Session, suffix: &str) -> Result<Url> {
    let mut url = session.identity_url()?;
    url.set_path(&format!("{PATH}{suffix}"));
    url.set_query(None);
    Ok(url)
}

/// `GET /zenith/v1/faults`: the faults in force, by service type.
pub async fn list_faults(session: &Session) -> Result<Vec<ServiceFault>> {
    #[derive(Deserialize)]
    struct Body {
        faults: Vec<ServiceFault>,
    }
    let body: Body = session
        .call_url(Method::GET, url(session, "")?)
        .fetch()
        .await?;
    Ok(body.faults)
}

/// `PUT /zenith/v1/faults/{service_type}`: injects `spec` into a service,
/// named by catalog type (`compute`) or name (`nova`), replacing its
/// fault if it had one.
pub async fn set_fault(
    session: &Session,
    service_type: &str,
    spec: &FaultSpec,
) -> Result<ServiceFault> {
    #[derive(Serialize)]
    struct Request<'a> {
        fault: &'a FaultSpec,
    }
    #[derive(Deserialize)]
    struct Body {
        fault: ServiceFault,
    }
    let target = url(
        session,
        &format!("/{}", crate::encode_segment(service_type)),
    )?;
    let body: Body = session
        .call_url(Method::PUT, target)
        .json(&Request { fault: spec })
        .fetch()
        .await?;
    Ok(body.fault)
}

/// `DELETE /zenith/v1/faults/{service_type}`: the service works again. No
/// error when it had no fault.
pub async fn clear_fault(session: &Session, service_type: &str) -> Result<()> {
    let target = url(
        session,
        &format!("/{}", crate::encode_segment(service_type)),
    )?;
    session.call_url(Method::DELETE, target).execute().await
}

/// `POST /zenith/v1/faults/servers/{server_id}`: the server goes to ERROR
/// with `message` as its instance fault (code 500), as Nova shows a failed
/// server. Admins may fail any project's server.
pub async fn fail_server(session: &Session, server_id: &str, message: &str) -> Result<()> {
    #[derive(Serialize)]
    struct Fault<'a> {
        message: &'a str,
    }
    #[derive(Serialize)]
    struct Request<'a> {
        fault: Fault<'a>,
    }
    let target = url(
        session,
        &format!("/servers/{}", crate::encode_segment(server_id)),
    )?;
    session
        .call_url(Method::POST, target)
        .json(&Request {
            fault: Fault { message },
        })
        .execute()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_and_faults_use_the_api_shapes() {
        let spec = FaultSpec {
            mode: FaultMode::Slow,
            latency_ms: 3000,
        };
        assert_eq!(
            serde_json::to_value(&spec).expect("encodes"),
            serde_json::json!({"mode": "slow", "latency_ms": 3000})
        );
        let fault: ServiceFault = serde_json::from_str(
            r#"{"service_type": "compute", "mode": "unavailable", "latency_ms": 0}"#,
        )
        .expect("decodes");
        assert_eq!(
            fault,
            ServiceFault {
                service_type: "compute".into(),
                mode: FaultMode::Unavailable,
                latency_ms: 0,
            }
        );
        let refused: ServiceFault =
            serde_json::from_str(r#"{"service_type": "network", "mode": "refused"}"#)
                .expect("decodes without latency");
        assert_eq!(refused.mode, FaultMode::Refused);
    }
}
