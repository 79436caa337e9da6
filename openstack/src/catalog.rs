//! The service catalog that comes with a Keystone token, and endpoint
//! selection from it.

use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use url::Url;

/// Which of a service's endpoints to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Interface {
    #[default]
    Public,
    Internal,
    Admin,
}

impl Interface {
    /// The name Keystone v3 uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Interface::Public => "public",
            Interface::Internal => "internal",
            Interface::Admin => "admin",
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Interface {
    type Err = Error;

    /// Accepts the v3 names and the v2 `publicURL` style, in any case.
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_ascii_lowercase();
        let name = lower.strip_suffix("url").unwrap_or(&lower);
        match name {
            "public" => Ok(Interface::Public),
            "internal" => Ok(Interface::Internal),
            "admin" => Ok(Interface::Admin),
            _ => Err(Error::Config(format!(
                "unknown interface '{s}'; use public, internal or admin"
            ))),
        }
    }
}

impl Serialize for Interface {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Interface {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One endpoint of a catalog entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEndpoint {
    #[serde(default)]
    pub id: String,
    /// Kept as sent (`public`, `internal`, `admin`); compared leniently.
    pub interface: String,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub region_id: Option<String>,
    pub url: String,
}

impl CatalogEndpoint {
    /// The region, preferring `region_id` (`region` is deprecated in v3).
    pub fn region_name(&self) -> Option<&str> {
        self.region_id
            .as_deref()
            .or(self.region.as_deref())
            .filter(|r| !r.is_empty())
    }

    fn interface_is(&self, interface: Interface) -> bool {
        self.interface.parse::<Interface>().ok() == Some(interface)
    }

    fn in_region(&self, region: Option<&str>) -> bool {
        match region {
            None => true,
            Some(want) => {
                self.region_id.as_deref() == Some(want) || self.region.as_deref() == Some(want)
            }
        }
    }
}

/// One service in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    #[serde(default)]
    pub id: String,
    #[serde(rename = "type")]
    pub service_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub endpoints: Vec<CatalogEndpoint>,
}

/// The service catalog of a token.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Catalog {
    pub services: Vec<CatalogEntry>,
}

/// Groups of service types that name the same service, official name first,
/// from the OpenStack service-types-authority.
const ALIASES: &[&[&str]] = &[
    &[
        "block-storage",
        "volumev3",
        "volumev2",
        "volume",
        "block-store",
    ],
    &["shared-file-system", "sharev2", "share"],
    &[
        "container-infrastructure-management",
        "container-infrastructure",
        "container-infra",
    ],
    &["baremetal", "bare-metal"],
    &["clustering", "cluster"],
    &["workflow", "workflowv2"],
    &["application-catalog", "application_catalog"],
    &["data-processing", "data_processing"],
];

/// The service types to try for `service_type`, in order: the one asked for
/// first (so asking for `volumev2` prefers a v2 entry), then its aliases.
pub fn service_type_candidates(service_type: &str) -> Vec<&str> {
    let mut out = vec![service_type];
    if let Some(group) = ALIASES.iter().find(|g| g.contains(&service_type)) {
        out.extend(group.iter().copied().filter(|t| *t != service_type));
    }
    out
}

/// The official service type for a type or alias (`volumev3` →
/// `block-storage`); unknown types are returned unchanged.
pub fn official_service_type(service_type: &str) -> &str {
    ALIASES
        .iter()
        .find(|g| g.contains(&service_type))
        .map(|g| g[0])
        .unwrap_or(service_type)
}

impl Catalog {
    /// Wraps catalog entries.
    pub fn new(services: Vec<CatalogEntry>) -> Self {
        Catalog { services }
    }

    /// The URL of `service_type` (or an alias of it) for `interface`, in
    /// `region` if given. The first match in catalog order wins.
    pub fn endpoint(
        &self,
        service_type: &str,
        interface: Interface,
        region: Option<&str>,
    ) -> Result<Url> {
        for candidate in service_type_candidates(service_type) {
            let found = self
                .services
                .iter()
                .filter(|s| s.service_type == candidate)
                .flat_map(|s| s.endpoints.iter())
                .find(|e| e.interface_is(interface) && e.in_region(region));
            if let Some(ep) = found {
                return Url::parse(&ep.url).map_err(|e| Error::Decode {
                    url: "the service catalog".to_owned(),
                    reason: format!("the {candidate} endpoint '{}' is not a URL: {e}", ep.url),
                });
            }
        }
        Err(Error::EndpointNotFound {
            service_type: service_type.to_owned(),
            interface,
            region: region.map(str::to_owned),
        })
    }

    /// All regions named in the catalog, sorted, without duplicates.
    pub fn regions(&self) -> Vec<String> {
        let mut regions: Vec<String> = self
            .services
            .iter()
            .flat_map(|s| s.endpoints.iter())
            .filter_map(|e| e.region_name().map(str::to_owned))
            .collect();
        regions.sort();
        regions.dedup();
        regions
    }

    /// Whether the catalog lists `service_type` or one of its aliases with
    /// at least one endpoint.
    pub fn has_service(&self, service_type: &str) -> bool {
        let candidates = service_type_candidates(service_type);
        self.services
            .iter()
            .any(|s| candidates.contains(&s.service_type.as_str()) && !s.endpoints.is_empty())
    }

    /// Whether the catalog is empty (unscoped tokens have no catalog).
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        serde_json::from_str(
            r#"[
            {"id": "1", "type": "identity", "name": "keystone", "endpoints": [
                {"id": "a", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://pub:5000/v3"},
                {"id": "b", "interface": "internal", "region": "RegionOne", "region_id": "RegionOne", "url": "http://int:5000/v3"},
                {"id": "c", "interface": "admin", "region": "RegionOne", "region_id": "RegionOne", "url": "http://adm:5000/v3"}
            ]},
            {"id": "2", "type": "compute", "name": "nova", "endpoints": [
                {"id": "d", "interface": "public", "region_id": "RegionOne", "url": "http://nova1:8774/v2.1"},
                {"id": "e", "interface": "public", "region": "RegionTwo", "url": "http://nova2:8774/v2.1"}
            ]},
            {"id": "3", "type": "volumev3", "name": "cinderv3", "endpoints": [
                {"id": "f", "interface": "public", "region_id": "RegionOne", "url": "http://cinder:8776/v3/p"}
            ]},
            {"id": "4", "type": "volumev2", "name": "cinderv2", "endpoints": [
                {"id": "g", "interface": "public", "region_id": "RegionOne", "url": "http://cinder:8776/v2/p"}
            ]},
            {"id": "5", "type": "network", "name": "neutron", "endpoints": [
                {"id": "h", "interface": "publicURL", "region_id": "RegionOne", "url": "http://neutron:9696"}
            ]},
            {"id": "6", "type": "object-store", "name": "swift", "endpoints": []}
        ]"#,
        )
        .unwrap()
    }

    #[test]
    fn interface_parsing() {
        for (s, want) in [
            ("public", Interface::Public),
            ("publicURL", Interface::Public),
            ("PUBLIC", Interface::Public),
            ("internal", Interface::Internal),
            ("internalURL", Interface::Internal),
            ("admin", Interface::Admin),
            ("adminURL", Interface::Admin),
        ] {
            assert_eq!(s.parse::<Interface>().unwrap(), want, "{s}");
        }
        assert!(matches!(
            "private".parse::<Interface>(),
            Err(Error::Config(_))
        ));
        assert_eq!(Interface::default(), Interface::Public);
        assert_eq!(
            serde_json::to_string(&Interface::Internal).unwrap(),
            "\"internal\""
        );
    }

    #[test]
    fn selects_by_interface() {
        let c = catalog();
        let url = |i| c.endpoint("identity", i, None).unwrap().to_string();
        assert_eq!(url(Interface::Public), "http://pub:5000/v3");
        assert_eq!(url(Interface::Internal), "http://int:5000/v3");
        assert_eq!(url(Interface::Admin), "http://adm:5000/v3");
        // v2-style interface names in the catalog still match.
        assert_eq!(
            c.endpoint("network", Interface::Public, None)
                .unwrap()
                .as_str(),
            "http://neutron:9696/"
        );
    }

    #[test]
    fn selects_by_region() {
        let c = catalog();
        let url = |r| {
            c.endpoint("compute", Interface::Public, r)
                .unwrap()
                .to_string()
        };
        assert_eq!(url(Some("RegionOne")), "http://nova1:8774/v2.1");
        // `region` (no region_id) also counts.
        assert_eq!(url(Some("RegionTwo")), "http://nova2:8774/v2.1");
        // No region: the first in catalog order.
        assert_eq!(url(None), "http://nova1:8774/v2.1");
    }

    #[test]
    fn aliases() {
        let c = catalog();
        let url = |t| c.endpoint(t, Interface::Public, None).unwrap().to_string();
        assert_eq!(url("block-storage"), "http://cinder:8776/v3/p");
        assert_eq!(url("volume"), "http://cinder:8776/v3/p");
        assert_eq!(url("volumev3"), "http://cinder:8776/v3/p");
        // Asking for v2 explicitly prefers the v2 entry.
        assert_eq!(url("volumev2"), "http://cinder:8776/v2/p");
        assert!(c.has_service("block-storage"));
        assert!(c.has_service("volume"));
        assert!(c.has_service("compute"));
        assert!(!c.has_service("image"));
        // Listed but with no endpoints.
        assert!(!c.has_service("object-store"));
        assert_eq!(official_service_type("volumev3"), "block-storage");
        assert_eq!(official_service_type("compute"), "compute");
    }

    #[test]
    fn no_such_endpoint() {
        let c = catalog();
        let e = c
            .endpoint("compute", Interface::Internal, Some("RegionOne"))
            .unwrap_err();
        assert_eq!(
            e,
            Error::EndpointNotFound {
                service_type: "compute".into(),
                interface: Interface::Internal,
                region: Some("RegionOne".into()),
            }
        );
        assert_eq!(
            e.to_string(),
            "the service catalog has no internal endpoint for 'compute' in region 'RegionOne'; check the region and interface settings, or ask the cloud operator whether the service is deployed"
        );
        let e = c.endpoint("image", Interface::Public, None).unwrap_err();
        assert!(e
            .to_string()
            .starts_with("the service catalog has no public endpoint for 'image';"));
        let e = c
            .endpoint("compute", Interface::Public, Some("RegionThree"))
            .unwrap_err();
        assert!(matches!(e, Error::EndpointNotFound { .. }));
    }

    #[test]
    fn regions_sorted_unique() {
        assert_eq!(
            catalog().regions(),
            vec!["RegionOne".to_owned(), "RegionTwo".to_owned()]
        );
        assert!(Catalog::default().regions().is_empty());
    }

    #[test]
    fn bad_url_is_decode_error() {
        let c: Catalog = serde_json::from_str(
            r#"[{"type": "image", "endpoints": [{"interface": "public", "url": "not a url"}]}]"#,
        )
        .unwrap();
        assert!(matches!(
            c.endpoint("image", Interface::Public, None),
            Err(Error::Decode { .. })
        ));
    }

    #[test]
    fn catalog_round_trips() {
        let c = catalog();
        let json = serde_json::to_string(&c).unwrap();
        let back: Catalog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }
}
