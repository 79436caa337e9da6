//! Flavors: `/flavors/detail`, `/flavors/{flavor_id}`, their extra specs
//! and, for admins, flavor management and access (`os-flavor-access`).
//!
//! Extra-spec writes ask for microversion 2.86, from which Nova validates
//! the specs and says what is wrong with them; everything else uses 2.79
//! (descriptions need 2.55).

use super::{call, call_at, item_path, next_marker, null_default, Link, MAX_PAGES};
use crate::error::{Error, Result};
use crate::session::Session;
use reqwest::Method;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The microversion of extra-spec writes: Nova validates extra specs (and
/// names the bad one) only from 2.86 on.
const EXTRA_SPECS_MICROVERSION: &str = "2.86";

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
    list_flavors_query(session, None).await
}

/// For admins, flavors by visibility: `Some(true)` only public ones,
/// `Some(false)` only private ones, `None` all of them (`is_public=none`).
/// Without the parameter Nova shows admins only the public flavors.
pub async fn list_flavors_all(session: &Session, is_public: Option<bool>) -> Result<Vec<Flavor>> {
    let is_public = match is_public {
        Some(true) => "true",
        Some(false) => "false",
        None => "none",
    };
    list_flavors_query(session, Some(is_public)).await
}

async fn list_flavors_query(session: &Session, is_public: Option<&str>) -> Result<Vec<Flavor>> {
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
        if let Some(p) = is_public {
            c = c.query(&[("is_public", p)]);
        }
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

#[derive(Deserialize)]
struct FlavorBody {
    flavor: Flavor,
}

/// `GET /flavors/{flavor_id}`.
pub async fn get_flavor(session: &Session, flavor_id: &str) -> Result<Flavor> {
    let body: FlavorBody = call(session, Method::GET, &item_path("/flavors", flavor_id))
        .fetch()
        .await?;
    Ok(body.flavor)
}

/// What [`create_flavor`] sends, named as the `POST /flavors` body.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FlavorCreate {
    pub name: String,
    pub vcpus: u64,
    /// MiB.
    pub ram: u64,
    /// GiB.
    pub disk: u64,
    /// `None` lets Nova generate a UUID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// GiB.
    #[serde(rename = "OS-FLV-EXT-DATA:ephemeral")]
    pub ephemeral: u64,
    /// MiB; 0 for none.
    pub swap: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rxtx_factor: Option<f64>,
    /// `None` takes Nova's default, public.
    #[serde(
        rename = "os-flavor-access:is_public",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `POST /flavors` (admin). Nova answers 409 when the name or id is taken.
pub async fn create_flavor(session: &Session, create: &FlavorCreate) -> Result<Flavor> {
    let body: FlavorBody = call(session, Method::POST, "/flavors")
        .json(&json!({ "flavor": create }))
        .fetch()
        .await?;
    Ok(body.flavor)
}

/// `DELETE /flavors/{flavor_id}` (admin). Servers built from the flavor
/// keep their copy of it.
pub async fn delete_flavor(session: &Session, flavor_id: &str) -> Result<()> {
    call(session, Method::DELETE, &item_path("/flavors", flavor_id))
        .execute()
        .await
}

/// `PUT /flavors/{flavor_id}` (admin, 2.55+): the description is the only
/// thing about a flavor that can change; `None` clears it.
pub async fn update_flavor_description(
    session: &Session,
    flavor_id: &str,
    description: Option<&str>,
) -> Result<Flavor> {
    let body: FlavorBody = call(session, Method::PUT, &item_path("/flavors", flavor_id))
        .json(&json!({"flavor": {"description": description}}))
        .fetch()
        .await?;
    Ok(body.flavor)
}

/// One project that may use a private flavor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlavorAccess {
    #[serde(default, deserialize_with = "null_default")]
    pub flavor_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub tenant_id: String,
}

#[derive(Deserialize)]
struct FlavorAccessBody {
    #[serde(default, deserialize_with = "null_default")]
    flavor_access: Vec<FlavorAccess>,
}

/// `GET /flavors/{flavor_id}/os-flavor-access` (admin). Nova answers 404
/// for a public flavor: everyone may use it.
pub async fn list_flavor_access(session: &Session, flavor_id: &str) -> Result<Vec<FlavorAccess>> {
    let path = format!("{}/os-flavor-access", item_path("/flavors", flavor_id));
    let body: FlavorAccessBody = call(session, Method::GET, &path).fetch().await?;
    Ok(body.flavor_access)
}

/// `addTenantAccess`: lets `tenant_id` use a private flavor; returns the
/// new access list.
pub async fn add_flavor_access(
    session: &Session,
    flavor_id: &str,
    tenant_id: &str,
) -> Result<Vec<FlavorAccess>> {
    flavor_access_action(session, flavor_id, "addTenantAccess", tenant_id).await
}

/// `removeTenantAccess`; returns the new access list.
pub async fn remove_flavor_access(
    session: &Session,
    flavor_id: &str,
    tenant_id: &str,
) -> Result<Vec<FlavorAccess>> {
    flavor_access_action(session, flavor_id, "removeTenantAccess", tenant_id).await
}

async fn flavor_access_action(
    session: &Session,
    flavor_id: &str,
    action: &str,
    tenant_id: &str,
) -> Result<Vec<FlavorAccess>> {
    let path = format!("{}/action", item_path("/flavors", flavor_id));
    let body: FlavorAccessBody = call(session, Method::POST, &path)
        .json(&json!({ action: {"tenant": tenant_id} }))
        .fetch()
        .await?;
    Ok(body.flavor_access)
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

/// `POST /flavors/{flavor_id}/os-extra_specs` (admin): adds or replaces
/// these keys, leaving the others; returns the keys as set.
pub async fn set_flavor_extra_specs(
    session: &Session,
    flavor_id: &str,
    extra_specs: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "null_default")]
        extra_specs: BTreeMap<String, String>,
    }
    let path = format!("{}/os-extra_specs", item_path("/flavors", flavor_id));
    let body: Body = write_extra_specs(
        session,
        Method::POST,
        &path,
        &json!({ "extra_specs": extra_specs }),
    )
    .await?;
    Ok(body.extra_specs)
}

/// `PUT /flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}`
/// (admin): sets one key.
pub async fn update_flavor_extra_spec(
    session: &Session,
    flavor_id: &str,
    key: &str,
    value: &str,
) -> Result<()> {
    let path = extra_spec_path(flavor_id, key);
    let _: IgnoredAny =
        write_extra_specs(session, Method::PUT, &path, &json!({ key: value })).await?;
    Ok(())
}

/// `DELETE /flavors/{flavor_id}/os-extra_specs/{flavor_extra_spec_key}`
/// (admin); 404 when the flavor has no such key.
pub async fn delete_flavor_extra_spec(session: &Session, flavor_id: &str, key: &str) -> Result<()> {
    call(session, Method::DELETE, &extra_spec_path(flavor_id, key))
        .execute()
        .await
}

fn extra_spec_path(flavor_id: &str, key: &str) -> String {
    format!(
        "{}/os-extra_specs/{}",
        item_path("/flavors", flavor_id),
        crate::encode_segment(key)
    )
}

/// Sends an extra-spec write at [`EXTRA_SPECS_MICROVERSION`]. A cloud older
/// than that (Ussuri) answers 406 and gets the write again at the default
/// microversion, unvalidated.
async fn write_extra_specs<T: DeserializeOwned>(
    session: &Session,
    method: Method,
    path: &str,
    body: &Value,
) -> Result<T> {
    let first = call_at(session, method.clone(), path, EXTRA_SPECS_MICROVERSION)
        .json(body)
        .fetch()
        .await;
    match first {
        Err(Error::Api { status: 406, .. }) => call(session, method, path).json(body).fetch().await,
        other => other,
    }
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

    #[test]
    fn decodes_the_2_75_create_answer() {
        let b: FlavorBody = serde_json::from_str(
            r#"{"flavor": {"OS-FLV-DISABLED:disabled": false, "disk": 10,
                "OS-FLV-EXT-DATA:ephemeral": 0, "os-flavor-access:is_public": true,
                "id": "10", "links": [{"href": "http://openstack.example.com/v2/6f70656e737461636b20342065766572/flavors/10", "rel": "self"}],
                "name": "test_flavor", "ram": 1024, "swap": 0, "rxtx_factor": 2.0,
                "vcpus": 2, "description": "test description", "extra_specs": {}}}"#,
        )
        .expect("decodes");
        let f = b.flavor;
        assert_eq!(f.id, "10");
        assert_eq!(
            (f.vcpus, f.ram, f.disk, f.swap, f.ephemeral),
            (2, 1024, 10, 0, 0)
        );
        assert_eq!(f.rxtx_factor, Some(2.0));
        assert_eq!(f.description.as_deref(), Some("test description"));
        assert!(f.is_public && !f.disabled && f.extra_specs.is_empty());
    }

    #[test]
    fn create_body_uses_nova_names() {
        let c = FlavorCreate {
            name: "test_flavor".into(),
            vcpus: 2,
            ram: 1024,
            disk: 10,
            id: Some("10".into()),
            rxtx_factor: Some(2.0),
            description: Some("test description".into()),
            ..Default::default()
        };
        assert_eq!(
            json!({ "flavor": c }),
            json!({"flavor": {"name": "test_flavor", "ram": 1024, "vcpus": 2, "disk": 10,
                "id": "10", "rxtx_factor": 2.0, "description": "test description",
                "OS-FLV-EXT-DATA:ephemeral": 0, "swap": 0}})
        );
        let c = FlavorCreate {
            name: "private".into(),
            ephemeral: 5,
            swap: 512,
            is_public: Some(false),
            ..Default::default()
        };
        assert_eq!(
            json!(c),
            json!({"name": "private", "vcpus": 0, "ram": 0, "disk": 0,
                "OS-FLV-EXT-DATA:ephemeral": 5, "swap": 512,
                "os-flavor-access:is_public": false})
        );
    }

    #[test]
    fn decodes_the_flavor_access_list() {
        let b: FlavorAccessBody = serde_json::from_str(
            r#"{"flavor_access": [{"flavor_id": "10", "tenant_id": "fake_tenant"}]}"#,
        )
        .expect("decodes");
        assert_eq!(
            b.flavor_access,
            [FlavorAccess {
                flavor_id: "10".into(),
                tenant_id: "fake_tenant".into()
            }]
        );
    }

    #[test]
    fn extra_spec_keys_are_one_path_segment() {
        assert_eq!(
            extra_spec_path("1", "hw:cpu_policy"),
            "/flavors/1/os-extra_specs/hw%3Acpu_policy"
        );
        assert_eq!(
            extra_spec_path("a/b", "x/y"),
            "/flavors/a%2Fb/os-extra_specs/x%2Fy"
        );
    }
}
