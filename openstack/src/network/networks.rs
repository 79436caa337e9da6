//! Networks: `/v2.0/networks`.

use super::{bool_str, item_path, list, null_default, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Network {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    /// `ACTIVE`, `DOWN`, `BUILD` or `ERROR`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    #[serde(default = "yes")]
    pub admin_state_up: bool,
    #[serde(default)]
    pub shared: bool,
    /// Whether floating IPs come from it (`router:external`).
    #[serde(default, rename = "router:external")]
    pub external: bool,
    /// Subnet ids.
    #[serde(default, deserialize_with = "null_default")]
    pub subnets: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    #[serde(default)]
    pub mtu: Option<u32>,
    #[serde(default)]
    pub port_security_enabled: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    pub availability_zones: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub revision_number: Option<i64>,
}

fn yes() -> bool {
    true
}

/// Query parameters of [`list_networks`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetworkFilter {
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub project_id: Option<String>,
    pub shared: Option<bool>,
    /// `router:external`.
    pub external: Option<bool>,
}

impl NetworkFilter {
    fn query(&self) -> Vec<(&'static str, &str)> {
        let mut q = Vec::new();
        let text = [
            ("id", &self.id),
            ("name", &self.name),
            ("status", &self.status),
            ("project_id", &self.project_id),
        ];
        for (k, v) in text {
            if let Some(v) = v {
                q.push((k, v.as_str()));
            }
        }
        if let Some(b) = self.shared {
            q.push(("shared", bool_str(b)));
        }
        if let Some(b) = self.external {
            q.push(("router:external", bool_str(b)));
        }
        q
    }
}

/// The networks the user may see (`GET /v2.0/networks`, all pages): its
/// project's, shared and external ones (every project's for admins).
pub async fn list_networks(session: &Session, filter: &NetworkFilter) -> Result<Vec<Network>> {
    list(session, "/networks", &filter.query(), "networks").await
}

/// `GET /v2.0/networks/{network_id}`.
pub async fn get_network(session: &Session, network_id: &str) -> Result<Network> {
    #[derive(Deserialize)]
    struct Body {
        network: Network,
    }
    let path = item_path(session, "/networks", network_id)?;
    let body: Body = session.get_json(SERVICE_TYPE, &path).await?;
    Ok(body.network)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_api_reference_example() {
        let n: Network = serde_json::from_str(
            r#"{"admin_state_up": true, "availability_zone_hints": [],
                "availability_zones": ["nova"], "created_at": "2016-03-08T20:19:41",
                "dns_domain": "my-domain.org.", "id": "d32019d3-bc6e-4319-9c1d-6722fc136a22",
                "ipv4_address_scope": null, "ipv6_address_scope": null, "l2_adjacency": false,
                "mtu": 1500, "name": "private-network", "port_security_enabled": true,
                "project_id": "4fd44f30292945e481c7b8a0c8908869", "qos_policy_id": null,
                "revision_number": 1, "router:external": false, "shared": true,
                "status": "ACTIVE", "subnets": ["54d6f61d-db07-451c-9ab3-b9609b6b6f0b"],
                "tenant_id": "4fd44f30292945e481c7b8a0c8908869", "updated_at": "2016-03-08T20:19:41",
                "vlan_transparent": true, "description": "", "is_default": false}"#,
        )
        .expect("decodes");
        assert_eq!(n.name, "private-network");
        assert!(n.shared && !n.external);
        assert_eq!(n.mtu, Some(1500));
        assert_eq!(n.subnets.len(), 1);
        assert!(n.created_at.is_some());
    }

    #[test]
    fn filters_become_query_parameters() {
        let f = NetworkFilter {
            name: Some("private".into()),
            external: Some(false),
            ..Default::default()
        };
        assert_eq!(
            f.query(),
            vec![("name", "private"), ("router:external", "false")]
        );
    }
}
