//! Ports: `/v2.0/ports`.

use super::{list, null_default};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A port: a MAC and addresses on a network, usually a server's interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Port {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_default")]
    pub network_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub mac_address: String,
    /// `ACTIVE`, `DOWN`, `BUILD`, `ERROR` or `N/A`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    #[serde(default)]
    pub admin_state_up: bool,
    /// The server (or router, DHCP agent…) using it; empty when unbound.
    #[serde(default, deserialize_with = "null_default")]
    pub device_id: String,
    /// `compute:<zone>` for servers, `network:…` for Neutron's own ports.
    #[serde(default, deserialize_with = "null_default")]
    pub device_owner: String,
    #[serde(default, deserialize_with = "null_default")]
    pub fixed_ips: Vec<FixedIp>,
    /// Security group ids.
    #[serde(default, deserialize_with = "null_default")]
    pub security_groups: Vec<String>,
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
}

/// One address of a port.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedIp {
    pub subnet_id: String,
    pub ip_address: String,
}

/// Query parameters of [`list_ports`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortFilter {
    /// The ports of one server.
    pub device_id: Option<String>,
    pub device_owner: Option<String>,
    pub network_id: Option<String>,
    pub project_id: Option<String>,
}

/// The ports the user may see (`GET /v2.0/ports`, all pages).
pub async fn list_ports(session: &Session, filter: &PortFilter) -> Result<Vec<Port>> {
    let mut query: Vec<(&str, &str)> = Vec::new();
    for (k, v) in [
        ("device_id", &filter.device_id),
        ("device_owner", &filter.device_owner),
        ("network_id", &filter.network_id),
        ("project_id", &filter.project_id),
    ] {
        if let Some(v) = v {
            query.push((k, v.as_str()));
        }
    }
    list(session, "/ports", &query, "ports").await
}
