//! Subnets: `/v2.0/subnets`.

use super::{list, null_default};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A subnet of a network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subnet {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_default")]
    pub network_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    /// 4 or 6.
    #[serde(default)]
    pub ip_version: u8,
    #[serde(default, deserialize_with = "null_default")]
    pub cidr: String,
    #[serde(default)]
    pub gateway_ip: Option<String>,
    #[serde(default)]
    pub enable_dhcp: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub allocation_pools: Vec<AllocationPool>,
    #[serde(default, deserialize_with = "null_default")]
    pub dns_nameservers: Vec<String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// A range of addresses a subnet hands out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationPool {
    pub start: String,
    pub end: String,
}

/// The subnets the user may see (`GET /v2.0/subnets`, all pages), of one
/// network when `network_id` is given.
pub async fn list_subnets(session: &Session, network_id: Option<&str>) -> Result<Vec<Subnet>> {
    let query: Vec<(&str, &str)> = network_id.map(|n| ("network_id", n)).into_iter().collect();
    list(session, "/subnets", &query, "subnets").await
}
