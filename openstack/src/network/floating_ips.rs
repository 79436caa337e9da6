//! Floating IPs: `/v2.0/floatingips`.

use super::{api_path, item_path, list, null_default, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A public address on an external network, mapped to a port's fixed
/// address while associated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloatingIp {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub floating_ip_address: String,
    #[serde(default, deserialize_with = "null_default")]
    pub floating_network_id: String,
    /// The associated port, `None` when free.
    #[serde(default)]
    pub port_id: Option<String>,
    #[serde(default)]
    pub fixed_ip_address: Option<String>,
    #[serde(default)]
    pub router_id: Option<String>,
    /// `ACTIVE` when associated, `DOWN` when not.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    /// The associated port (extension `fip-port-details`).
    #[serde(default)]
    pub port_details: Option<FloatingIpPortDetails>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
}

/// The port a floating IP points at, as `port_details` shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FloatingIpPortDetails {
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub network_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub mac_address: String,
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// The server's id for a server's port.
    #[serde(default, deserialize_with = "null_default")]
    pub device_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub device_owner: String,
}

#[derive(Deserialize)]
struct Body {
    floatingip: FloatingIp,
}

/// The floating IPs the user may see (`GET /v2.0/floatingips`, all pages).
pub async fn list_floating_ips(session: &Session) -> Result<Vec<FloatingIp>> {
    list(session, "/floatingips", &[], "floatingips").await
}

/// Allocates an address from an external network (`POST /v2.0/floatingips`).
pub async fn create_floating_ip(
    session: &Session,
    floating_network_id: &str,
) -> Result<FloatingIp> {
    let path = api_path(session, "/floatingips")?;
    let body: Body = session
        .post_json(
            SERVICE_TYPE,
            &path,
            &json!({"floatingip": {"floating_network_id": floating_network_id}}),
        )
        .await?;
    Ok(body.floatingip)
}

/// Associates the floating IP with a port (`Some`; its first IPv4 address)
/// or frees it (`None`): `PUT /v2.0/floatingips/{floatingip_id}`.
pub async fn update_floating_ip(
    session: &Session,
    floatingip_id: &str,
    port_id: Option<&str>,
) -> Result<FloatingIp> {
    let path = item_path(session, "/floatingips", floatingip_id)?;
    let body: Body = session
        .put_json(
            SERVICE_TYPE,
            &path,
            &json!({"floatingip": {"port_id": port_id}}),
        )
        .await?;
    Ok(body.floatingip)
}

/// Releases the address (`DELETE /v2.0/floatingips/{floatingip_id}`).
pub async fn delete_floating_ip(session: &Session, floatingip_id: &str) -> Result<()> {
    let path = item_path(session, "/floatingips", floatingip_id)?;
    session.delete(SERVICE_TYPE, &path).await
}
