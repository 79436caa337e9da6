//! Keystone's catalog administration: services, endpoints, regions.

use super::project::enabled_default;
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A service, as `GET /v3/services` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    #[serde(rename = "type")]
    pub service_type: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "enabled_default")]
    pub enabled: bool,
}

/// An endpoint, as `GET /v3/endpoints` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub id: String,
    pub interface: String,
    #[serde(default)]
    pub region_id: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    pub service_id: String,
    pub url: String,
    #[serde(default = "enabled_default")]
    pub enabled: bool,
}

/// A region, as `GET /v3/regions` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub parent_region_id: Option<String>,
}

/// `GET /v3/services` (admin).
pub async fn list_services(session: &Session) -> Result<Vec<Service>> {
    #[derive(Deserialize)]
    struct Body {
        services: Vec<Service>,
    }
    let body: Body = session.identity(Method::GET, "services").fetch().await?;
    Ok(body.services)
}

/// `GET /v3/endpoints` (admin).
pub async fn list_endpoints(session: &Session) -> Result<Vec<Endpoint>> {
    #[derive(Deserialize)]
    struct Body {
        endpoints: Vec<Endpoint>,
    }
    let body: Body = session.identity(Method::GET, "endpoints").fetch().await?;
    Ok(body.endpoints)
}

/// `GET /v3/regions`.
pub async fn list_regions(session: &Session) -> Result<Vec<Region>> {
    #[derive(Deserialize)]
    struct Body {
        regions: Vec<Region>,
    }
    let body: Body = session.identity(Method::GET, "regions").fetch().await?;
    Ok(body.regions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reference_examples() {
        let s: Service = serde_json::from_str(
            r#"{"description": "Keystone Identity Service", "enabled": true, "id": "686766",
                "links": {"self": "https://x"}, "name": "keystone", "type": "identity"}"#,
        )
        .unwrap();
        assert_eq!(s.service_type, "identity");
        let e: Endpoint = serde_json::from_str(
            r#"{"enabled": true, "id": "1b501a", "interface": "internal", "links": {},
                "region": "RegionOne", "region_id": "RegionOne", "service_id": "9242e0",
                "url": "http://example.com/identity/"}"#,
        )
        .unwrap();
        assert_eq!(e.region_id.as_deref(), Some("RegionOne"));
        let r: Region = serde_json::from_str(
            r#"{"description": "", "id": "RegionOne", "links": {}, "parent_region_id": null}"#,
        )
        .unwrap();
        assert_eq!(r.id, "RegionOne");
    }
}
