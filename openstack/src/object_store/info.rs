//! `GET /info`: what the cluster allows (policies, limits, middleware).

use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;

use super::SERVICE_TYPE;
use crate::error::Result;
use crate::session::Session;

/// A storage policy a container can be created with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoragePolicy {
    pub name: String,
    /// The policy of containers created without one.
    #[serde(default)]
    pub default: bool,
    /// Comma-separated other names, on newer Swift.
    #[serde(default)]
    pub aliases: Option<String>,
}

/// Static large object limits (the `slo` middleware).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SloInfo {
    #[serde(default)]
    pub max_manifest_segments: Option<u32>,
    /// Smallest segment but the last (1 byte on current Swift).
    #[serde(default)]
    pub min_segment_size: Option<u64>,
}

/// The bulk middleware's delete limit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkDeleteInfo {
    #[serde(default)]
    pub max_deletes_per_request: Option<u32>,
}

/// What the cluster allows. `None` middleware sections mean the cloud
/// does not offer it (or hides it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Info {
    pub policies: Vec<StoragePolicy>,
    /// Largest plain object, in bytes (5 GiB + 2 by default).
    pub max_file_size: Option<u64>,
    pub container_listing_limit: Option<u32>,
    pub slo: Option<SloInfo>,
    pub bulk_delete: Option<BulkDeleteInfo>,
}

impl Info {
    /// The default storage policy's name.
    pub fn default_policy(&self) -> Option<&str> {
        self.policies
            .iter()
            .find(|p| p.default)
            .map(|p| p.name.as_str())
    }
}

/// `/info` as Swift sends it: the core limits under `swift`, one section
/// per middleware.
#[derive(Deserialize)]
struct WireInfo {
    #[serde(default)]
    swift: WireSwift,
    #[serde(default)]
    slo: Option<SloInfo>,
    #[serde(default)]
    bulk_delete: Option<BulkDeleteInfo>,
}

#[derive(Default, Deserialize)]
struct WireSwift {
    #[serde(default)]
    policies: Vec<StoragePolicy>,
    #[serde(default)]
    max_file_size: Option<u64>,
    #[serde(default)]
    container_listing_limit: Option<u32>,
}

impl From<WireInfo> for Info {
    fn from(w: WireInfo) -> Info {
        Info {
            policies: w.swift.policies,
            max_file_size: w.swift.max_file_size,
            container_listing_limit: w.swift.container_listing_limit,
            slo: w.slo,
            bulk_delete: w.bulk_delete,
        }
    }
}

/// The `/info` URL of a Swift endpoint: its path from the `/v1` segment on
/// replaced by `/info` (`http://h:8080/v1/AUTH_x` →
/// `http://h:8080/info`, `http://h/swift/v1/AUTH_x` → `http://h/swift/info`);
/// `/info` at the root when there is no `/v1`.
pub fn info_url(endpoint: &Url) -> Url {
    let segments: Vec<&str> = endpoint.path().split('/').collect();
    let base = match segments.iter().position(|s| *s == "v1" || *s == "v1.0") {
        Some(i) => segments[..i].join("/"),
        None => String::new(),
    };
    let mut url = endpoint.clone();
    url.set_path(&format!("{}/info", base.trim_end_matches('/')));
    url.set_query(None);
    url.set_fragment(None);
    url
}

/// `GET /info` (no token is sent: the cluster's info is public).
pub async fn get_info(session: &Session) -> Result<Info> {
    let url = info_url(&session.endpoint(SERVICE_TYPE)?);
    let builder = session
        .client
        .http()
        .request(Method::GET, url)
        .header(reqwest::header::ACCEPT, "application/json");
    let (wire, _): (WireInfo, _) = session.client.send_json(builder).await?;
    Ok(wire.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_urls() {
        let cases = [
            ("http://h:8080/v1/AUTH_x", "http://h:8080/info"),
            ("http://h:5001/swift/v1/AUTH_x", "http://h:5001/swift/info"),
            (
                "https://h/object-store/v1/AUTH_x/",
                "https://h/object-store/info",
            ),
            ("http://h:8080/v1", "http://h:8080/info"),
            ("http://h:8080/v1.0/AUTH_x?x=1", "http://h:8080/info"),
            ("http://h:8080/AUTH_x", "http://h:8080/info"),
        ];
        for (endpoint, info) in cases {
            assert_eq!(
                info_url(&Url::parse(endpoint).unwrap()).as_str(),
                info,
                "{endpoint}"
            );
        }
    }

    #[test]
    fn info_sample() {
        // Trimmed from a Swift 2.37 /info.
        let body = r#"{"swift": {"version": "2.37.4", "policies": [{"name": "Policy-0", "aliases": "Policy-0", "default": true}, {"name": "cold"}], "max_file_size": 5368709122, "container_listing_limit": 10000, "account_listing_limit": 10000},
            "slo": {"max_manifest_segments": 1000, "max_manifest_size": 8388608, "yield_frequency": 10, "min_segment_size": 1, "allow_async_delete": true},
            "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
            "tempurl": {"methods": ["GET", "HEAD", "PUT", "POST", "DELETE"]}}"#;
        let info: Info = serde_json::from_str::<WireInfo>(body).unwrap().into();
        assert_eq!(info.policies.len(), 2);
        assert_eq!(info.default_policy(), Some("Policy-0"));
        assert!(!info.policies[1].default);
        assert_eq!(info.policies[1].aliases, None);
        assert_eq!(info.max_file_size, Some(5368709122));
        assert_eq!(info.container_listing_limit, Some(10000));
        assert_eq!(
            info.slo,
            Some(SloInfo {
                max_manifest_segments: Some(1000),
                min_segment_size: Some(1),
            })
        );
        assert_eq!(
            info.bulk_delete.and_then(|b| b.max_deletes_per_request),
            Some(10000)
        );

        let bare: Info = serde_json::from_str::<WireInfo>(r#"{"swift": {}}"#)
            .unwrap()
            .into();
        assert_eq!(bare, Info::default());
    }
}
