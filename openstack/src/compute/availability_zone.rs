//! Availability zones: `GET /os-availability-zone`.

use super::{call, null_default};
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A zone and whether it is available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailabilityZone {
    #[serde(rename = "zoneName")]
    pub zone_name: String,
    #[serde(rename = "zoneState", default)]
    pub zone_state: ZoneState,
    /// Hosts and their services; only in the admin `detail` view.
    #[serde(default)]
    pub hosts: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZoneState {
    #[serde(default, deserialize_with = "null_default")]
    pub available: bool,
}

/// `GET /os-availability-zone`: the zones users may pick.
pub async fn list_availability_zones(session: &Session) -> Result<Vec<AvailabilityZone>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "availabilityZoneInfo", default)]
        zones: Vec<AvailabilityZone>,
    }
    let body: Body = call(session, Method::GET, "/os-availability-zone")
        .fetch()
        .await?;
    Ok(body.zones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_zones() {
        let z: AvailabilityZone = serde_json::from_str(
            r#"{"zoneName": "nova", "zoneState": {"available": true}, "hosts": null}"#,
        )
        .expect("decodes");
        assert_eq!(z.zone_name, "nova");
        assert!(z.zone_state.available);
        assert!(z.hosts.is_none());
    }
}
