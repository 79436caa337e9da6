//! Compute services (admin): `/os-services`, the nova-compute,
//! nova-scheduler and nova-conductor processes and whether they take work.

use super::{call, id_string, item_path, null_default};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// A Nova service as `GET /os-services` shows it (2.53+ shape).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComputeService {
    /// A UUID from 2.53, an integer before.
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    /// `nova-compute`, `nova-scheduler`, `nova-conductor`…
    #[serde(default, deserialize_with = "null_default")]
    pub binary: String,
    #[serde(default, deserialize_with = "null_default")]
    pub host: String,
    /// The availability zone; `internal` for all but nova-compute.
    #[serde(default, deserialize_with = "null_default")]
    pub zone: String,
    /// `enabled` or `disabled`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// `up` or `down`.
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    /// The last heartbeat.
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// 2.11+.
    #[serde(default, deserialize_with = "null_default")]
    pub forced_down: bool,
}

/// Whether a service takes new work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceStatus {
    Enabled,
    Disabled,
}

impl ServiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Enabled => "enabled",
            ServiceStatus::Disabled => "disabled",
        }
    }
}

/// Every Nova service (`GET /os-services`).
pub async fn list_compute_services(session: &Session) -> Result<Vec<ComputeService>> {
    #[derive(Deserialize)]
    struct Page {
        #[serde(default, deserialize_with = "null_default")]
        services: Vec<ComputeService>,
    }
    let page: Page = call(session, Method::GET, "/os-services").fetch().await?;
    Ok(page.services)
}

/// `PUT /os-services/{service_id}` (2.53+): enables or disables a service;
/// a disabled nova-compute takes no new servers. Nova accepts a
/// `disabled_reason` only when disabling, so it is dropped otherwise.
pub async fn update_compute_service(
    session: &Session,
    service_id: &str,
    status: ServiceStatus,
    disabled_reason: Option<&str>,
) -> Result<ComputeService> {
    #[derive(Deserialize)]
    struct Body {
        service: ComputeService,
    }
    let body: Body = call(session, Method::PUT, &item_path("/os-services", service_id))
        .json(&update_body(status, disabled_reason))
        .fetch()
        .await?;
    Ok(body.service)
}

fn update_body(status: ServiceStatus, disabled_reason: Option<&str>) -> Value {
    let mut body = Map::new();
    body.insert("status".into(), json!(status.as_str()));
    if let (ServiceStatus::Disabled, Some(reason)) = (status, disabled_reason) {
        body.insert("disabled_reason".into(), json!(reason));
    }
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_2_53_list_sample() {
        #[derive(Deserialize)]
        struct Page {
            services: Vec<ComputeService>,
        }
        let page: Page = serde_json::from_str(
            r#"{"services": [
                {"id": "c4726392-27de-4ff9-b2e0-5aa1d08a520f", "binary": "nova-scheduler",
                 "disabled_reason": "test1", "host": "host1", "state": "up", "status": "disabled",
                 "updated_at": "2012-10-29T13:42:02.000000", "forced_down": false, "zone": "internal"},
                {"id": "e81d66a4-ddd3-4aba-8a84-171d1cb4d339", "binary": "nova-compute",
                 "disabled_reason": "test2", "host": "host1", "state": "up", "status": "disabled",
                 "updated_at": "2012-10-29T13:42:05.000000", "forced_down": false, "zone": "nova"},
                {"id": "bbd684ff-d3f6-492e-a30a-a12a2d2db0e0", "binary": "nova-scheduler",
                 "disabled_reason": null, "host": "host2", "state": "down", "status": "enabled",
                 "updated_at": "2012-09-19T06:55:34.000000", "forced_down": false, "zone": "internal"}
            ]}"#,
        )
        .expect("decodes");
        let s = &page.services[1];
        assert_eq!(s.id, "e81d66a4-ddd3-4aba-8a84-171d1cb4d339");
        assert_eq!(
            (s.binary.as_str(), s.host.as_str()),
            ("nova-compute", "host1")
        );
        assert_eq!((s.status.as_str(), s.state.as_str()), ("disabled", "up"));
        assert_eq!(s.zone, "nova");
        assert_eq!(s.disabled_reason.as_deref(), Some("test2"));
        assert!(!s.forced_down);
        assert_eq!(
            s.updated_at.map(|t| t.to_rfc3339()).as_deref(),
            Some("2012-10-29T13:42:05+00:00")
        );
        assert_eq!(page.services[2].disabled_reason, None);
    }

    #[test]
    fn decodes_pre_2_53_integer_ids() {
        let s: ComputeService = serde_json::from_str(
            r#"{"id": 1, "binary": "nova-compute", "host": "host1", "zone": "nova",
                "status": "enabled", "state": "up", "updated_at": null}"#,
        )
        .expect("decodes");
        assert_eq!(s.id, "1");
        assert_eq!(s.updated_at, None);
    }

    #[test]
    fn update_body_sends_the_reason_only_when_disabling() {
        assert_eq!(
            update_body(ServiceStatus::Disabled, Some("maintenance")),
            json!({"status": "disabled", "disabled_reason": "maintenance"})
        );
        assert_eq!(
            update_body(ServiceStatus::Disabled, None),
            json!({"status": "disabled"})
        );
        assert_eq!(
            update_body(ServiceStatus::Enabled, Some("ignored")),
            json!({"status": "enabled"})
        );
    }
}
