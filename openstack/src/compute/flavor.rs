//! Flavors: `/flavors/detail`, `/flavors/{flavor_id}` and their extra specs.

use super::{call, item_path, next_marker, null_default, Link, MAX_PAGES};
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// A flavor as `GET /flavors/detail` shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flavor {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus: u64,
    /// MiB.
    #[serde(default, deserialize_with = "null_default")]
    pub ram: u64,
    /// GiB.
    #[serde(default, deserialize_with = "null_default")]
    pub disk: u64,
    /// MiB; Nova sends `""` for none.
    #[serde(default, deserialize_with = "deserialize_swap")]
    pub swap: u64,
    /// GiB.
    #[serde(
        default,
        rename = "OS-FLV-EXT-DATA:ephemeral",
        deserialize_with = "null_default"
    )]
    pub ephemeral: u64,
    #[serde(default = "public_default", rename = "os-flavor-access:is_public")]
    pub is_public: bool,
    #[serde(
        default,
        rename = "OS-FLV-DISABLED:disabled",
        deserialize_with = "null_default"
    )]
    pub disabled: bool,
    #[serde(default)]
    pub rxtx_factor: Option<f64>,
    /// 2.55+.
    #[serde(default)]
    pub description: Option<String>,
    /// 2.61+ (only what the caller may see).
    #[serde(default, deserialize_with = "null_default")]
    pub extra_specs: BTreeMap<String, String>,
}

fn public_default() -> bool {
    true
}

fn deserialize_swap<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_u64().unwrap_or(0),
        Some(Value::String(s)) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
}

/// Every flavor the project may use (`GET /flavors/detail`, all pages).
pub async fn list_flavors(session: &Session) -> Result<Vec<Flavor>> {
    #[derive(Deserialize)]
    struct Page {
        flavors: Vec<Flavor>,
        #[serde(default, deserialize_with = "null_default")]
        flavors_links: Vec<Link>,
    }
    let mut flavors = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut c = call(session, Method::GET, "/flavors/detail");
        if let Some(m) = &marker {
            c = c.query(&[("marker", m)]);
        }
        let page: Page = c.fetch().await?;
        flavors.extend(page.flavors);
        match next_marker(&page.flavors_links) {
            Some(next) if marker.as_deref() != Some(next.as_str()) => marker = Some(next),
            _ => break,
        }
    }
    Ok(flavors)
}

/// `GET /flavors/{flavor_id}`.
pub async fn get_flavor(session: &Session, flavor_id: &str) -> Result<Flavor> {
    #[derive(Deserialize)]
    struct Body {
        flavor: Flavor,
    }
    let body: Body = call(session, Method::GET, &item_path("/flavors", flavor_id))
        .fetch()
        .await?;
    Ok(body.flavor)
}

/// `GET /flavors/{flavor_id}/os-extra_specs`.
pub async fn flavor_extra_specs(
    session: &Session,
    flavor_id: &str,
) -> Result<BTreeMap<String, String>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "null_default")]
        extra_specs: BTreeMap<String, String>,
    }
    let path = format!("{}/os-extra_specs", item_path("/flavors", flavor_id));
    let body: Body = call(session, Method::GET, &path).fetch().await?;
    Ok(body.extra_specs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_nova_flavors() {
        let f: Flavor = serde_json::from_str(
            r#"{"OS-FLV-DISABLED:disabled": false, "OS-FLV-EXT-DATA:ephemeral": 0,
                "description": null, "disk": 1, "extra_specs": {"hw:numa_nodes": "1"},
                "id": "1", "links": [], "name": "m1.tiny", "os-flavor-access:is_public": true,
                "ram": 512, "rxtx_factor": 1.0, "swap": "", "vcpus": 1}"#,
        )
        .expect("decodes");
        assert_eq!((f.vcpus, f.ram, f.disk, f.swap), (1, 512, 1, 0));
        assert_eq!(f.extra_specs["hw:numa_nodes"], "1");
        assert!(f.is_public);
        let f: Flavor =
            serde_json::from_str(r#"{"id": "2", "name": "s", "swap": 1024}"#).expect("sparse");
        assert_eq!(f.swap, 1024);
        assert!(f.is_public && f.extra_specs.is_empty());
    }
}
