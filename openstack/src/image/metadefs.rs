//! Metadata definitions (metadefs): `/v2/metadefs/namespaces`, Glance's
//! catalogue of the properties that images, flavors and volumes
//! understand (`hw:cpu_policy`, `hw_watchdog_action`, `quota:cpu_shares`…),
//! with titles, descriptions, types and allowed values for forms.
//!
//! [`builtin_metadef_namespaces`] is the same catalogue compiled in, for
//! clouds without the metadefs API or with it empty.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Number, Value};

use super::SERVICE_TYPE;
use crate::error::{Error, Result};
use crate::session::Session;

/// Most pages [`list_metadef_namespaces`] follows, so a cloud that keeps
/// sending `next` links cannot loop forever.
const MAX_PAGES: usize = 1000;

/// Glance's own namespace files (`etc/metadefs/*.json`), as the fallback
/// catalogue.
const BUILTIN: &[(&str, &str)] = include!("../../../metadefs/files.rs");

/// A metadata definition namespace: a group of related properties, such
/// as `OS::Compute::VirtCPUTopology`, and the resource types it applies to.
///
/// Property names are bare (`cpu_sockets`); the key to set on a resource
/// is the association's prefix plus the name (`hw:cpu_sockets` on a
/// flavor), see [`MetadefNamespace::prefix_for`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadefNamespace {
    /// The unique name, e.g. `OS::Compute::Watchdog`.
    pub namespace: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// `public` or `private`.
    #[serde(default)]
    pub visibility: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub protected: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub resource_type_associations: Vec<MetadefResourceTypeAssociation>,
    /// Properties by bare name. Glance's list leaves them out; the
    /// functions here always fill them in.
    #[serde(default, deserialize_with = "null_default")]
    pub properties: BTreeMap<String, MetadefProperty>,
    /// Named groups of further properties (`OS::Compute::Quota` keeps all
    /// of its properties in objects).
    #[serde(default, deserialize_with = "null_default")]
    pub objects: Vec<MetadefObject>,
}

impl MetadefNamespace {
    /// The association with `resource_type` (`OS::Nova::Flavor`,
    /// `OS::Glance::Image`, `OS::Cinder::Volume`…), if any.
    pub fn association(&self, resource_type: &str) -> Option<&MetadefResourceTypeAssociation> {
        self.resource_type_associations
            .iter()
            .find(|a| a.name == resource_type)
    }

    /// The prefix property names take on `resource_type`: `hw:` for
    /// flavors and `hw_` for images in most compute namespaces. `None`
    /// when the names are used as they are, or the namespace does not
    /// apply to that resource type.
    pub fn prefix_for(&self, resource_type: &str) -> Option<&str> {
        self.association(resource_type)
            .and_then(|a| a.prefix.as_deref())
            .filter(|p| !p.is_empty())
    }

    /// The namespace's properties and those of its objects, by bare name.
    pub fn all_properties(&self) -> BTreeMap<&str, &MetadefProperty> {
        self.properties
            .iter()
            .chain(self.objects.iter().flat_map(|o| o.properties.iter()))
            .map(|(name, property)| (name.as_str(), property))
            .collect()
    }
}

/// Which resource type a namespace applies to, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadefResourceTypeAssociation {
    /// `OS::Nova::Flavor`, `OS::Glance::Image`, `OS::Cinder::Volume`…
    pub name: String,
    /// Put before each property name on this resource type, e.g. `hw:`.
    #[serde(default)]
    pub prefix: Option<String>,
    /// Which metadata of the resource the properties go to (Cinder
    /// volumes: `image` for their image metadata).
    #[serde(default)]
    pub properties_target: Option<String>,
}

/// A named group of properties within a namespace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadefObject {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Names of the properties that must be set together with the object.
    #[serde(default, deserialize_with = "strings")]
    pub required: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub properties: BTreeMap<String, MetadefProperty>,
}

/// One property: a JSON-schema-like description of a value. Every field
/// is optional in practice, so all are lenient.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadefProperty {
    /// The label to show, e.g. `vCPU Sockets`.
    #[serde(default, deserialize_with = "null_default")]
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `string`, `integer`, `number`, `boolean` or `array`.
    #[serde(default, deserialize_with = "null_default")]
    pub r#type: String,
    /// The allowed values, if restricted (as strings, as Glance keeps them).
    #[serde(default, deserialize_with = "strings")]
    pub r#enum: Vec<String>,
    /// Bounds of an `integer` or `number`.
    #[serde(default)]
    pub minimum: Option<Number>,
    #[serde(default)]
    pub maximum: Option<Number>,
    #[serde(default)]
    pub default: Option<Value>,
    #[serde(default, deserialize_with = "null_default")]
    pub readonly: bool,
    /// A regular expression a `string` must match.
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default, rename = "minLength")]
    pub min_length: Option<u64>,
    #[serde(default, rename = "maxLength")]
    pub max_length: Option<u64>,
    /// The element type of an `array`.
    #[serde(default)]
    pub items: Option<MetadefPropertyItems>,
    #[serde(default, rename = "uniqueItems", deserialize_with = "null_default")]
    pub unique_items: bool,
    #[serde(default, rename = "minItems")]
    pub min_items: Option<u64>,
    #[serde(default, rename = "maxItems")]
    pub max_items: Option<u64>,
    /// How several values combine in one string, e.g. `<or>`.
    #[serde(default, deserialize_with = "strings")]
    pub operators: Vec<String>,
}

/// The elements of an `array` property.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetadefPropertyItems {
    #[serde(default, deserialize_with = "null_default")]
    pub r#type: String,
    #[serde(default, deserialize_with = "strings")]
    pub r#enum: Vec<String>,
}

/// `null` becomes the type's default.
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A list of strings that may hold numbers or booleans (hand-written
/// namespaces do), or be `null`.
fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let values = Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default();
    Ok(values
        .into_iter()
        .filter_map(|v| match v {
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
        .collect())
}

#[derive(Deserialize)]
struct NamespacesBody {
    #[serde(default, deserialize_with = "null_default")]
    namespaces: Vec<NamespaceName>,
    /// `/v2/metadefs/namespaces?…&marker=<namespace>`.
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct NamespaceName {
    namespace: String,
}

/// The `marker` in Glance's `next` link.
fn marker_of(next: &str) -> Option<String> {
    let (_, query) = next.split_once('?')?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "marker")
        .map(|(_, v)| v.into_owned())
        .filter(|m| !m.is_empty())
}

/// Every namespace the user may see that applies to `resource_type`
/// (`OS::Nova::Flavor`; empty for all), with its properties, sorted by
/// name. The list is followed page by page, then each namespace is
/// fetched, concurrently, since the list carries no properties.
pub async fn list_metadef_namespaces(
    session: &Session,
    resource_type: &str,
) -> Result<Vec<MetadefNamespace>> {
    let names = list_namespace_names(session, resource_type).await?;
    let fetches = names.iter().map(|name| async move {
        match get_metadef_namespace(session, name).await {
            // Deleted since the list: leave it out.
            Err(Error::NotFound { .. }) => Ok(None),
            other => other.map(Some),
        }
    });
    let mut namespaces: Vec<MetadefNamespace> = try_join_all(fetches.collect())
        .await?
        .into_iter()
        .flatten()
        .collect();
    namespaces.sort_by(|a, b| a.namespace.cmp(&b.namespace));
    Ok(namespaces)
}

/// The names of the namespaces of `GET /v2/metadefs/namespaces`, following
/// the `next` links.
async fn list_namespace_names(session: &Session, resource_type: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut query: Vec<(&str, &str)> = Vec::new();
        if !resource_type.is_empty() {
            query.push(("resource_types", resource_type));
        }
        if let Some(m) = &marker {
            query.push(("marker", m));
        }
        let page: NamespacesBody = session
            .get_json_query(SERVICE_TYPE, "/v2/metadefs/namespaces", &query)
            .await?;
        for ns in page.namespaces {
            if !names.contains(&ns.namespace) {
                names.push(ns.namespace);
            }
        }
        match page.next.as_deref().and_then(marker_of) {
            Some(next) if marker.as_deref() != Some(next.as_str()) => marker = Some(next),
            _ => return Ok(names),
        }
    }
    Err(Error::decode(
        &session.endpoint(SERVICE_TYPE)?,
        format!("the metadef namespace list gave more than {MAX_PAGES} pages"),
    ))
}

/// `GET /v2/metadefs/namespaces/{namespace}`: the namespace with its
/// properties and objects, names bare.
pub async fn get_metadef_namespace(session: &Session, namespace: &str) -> Result<MetadefNamespace> {
    let path = format!(
        "/v2/metadefs/namespaces/{}",
        crate::encode_segment(namespace)
    );
    session.get_json(SERVICE_TYPE, &path).await
}

/// The compiled-in namespaces that apply to `resource_type` (empty for
/// all), sorted by name: what a cloud loaded with Glance's defaults serves
/// for them, for clouds without the metadefs API.
pub fn builtin_metadef_namespaces(resource_type: &str) -> Vec<MetadefNamespace> {
    let mut namespaces: Vec<MetadefNamespace> = BUILTIN
        .iter()
        .filter_map(
            |(file, text)| match serde_json::from_str::<MetadefNamespace>(text) {
                Ok(ns) => Some(ns),
                Err(e) => {
                    tracing::warn!(file, error = %e, "cannot parse built-in metadef namespace");
                    None
                }
            },
        )
        .filter(|ns| resource_type.is_empty() || ns.association(resource_type).is_some())
        .collect();
    namespaces.sort_by(|a, b| a.namespace.cmp(&b.namespace));
    namespaces
}

type BoxedFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + Send + 'a>>;

/// Runs `futures` concurrently on the current task and gives their outputs
/// in order, or the first error (the crate has no `futures` dependency).
async fn try_join_all<'a, T, F>(futures: Vec<F>) -> Result<Vec<T>>
where
    F: Future<Output = Result<T>> + Send + 'a,
{
    let mut pending: Vec<BoxedFuture<'a, T>> = futures
        .into_iter()
        .map(|f| Box::pin(f) as BoxedFuture<'a, T>)
        .collect();
    let mut outputs: Vec<Option<T>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut waiting = false;
        for (future, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if output.is_some() {
                continue;
            }
            match future.as_mut().poll(cx) {
                Poll::Ready(Ok(value)) => *output = Some(value),
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => waiting = true,
            }
        }
        if waiting {
            Poll::Pending
        } else {
            Poll::Ready(Ok(()))
        }
    })
    .await?;
    Ok(outputs.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_namespaces_parse_and_filter() {
        let all = builtin_metadef_namespaces("");
        assert_eq!(all.len(), BUILTIN.len());
        let flavor = builtin_metadef_namespaces("OS::Nova::Flavor");
        assert_eq!(flavor.len(), 6);
        let image = builtin_metadef_namespaces("OS::Glance::Image");
        assert!(image.iter().all(|ns| ns.namespace != "OS::Compute::Quota"));
        assert!(builtin_metadef_namespaces("OS::Nova::Aggregate").is_empty());

        let topo = flavor
            .iter()
            .find(|ns| ns.namespace == "OS::Compute::VirtCPUTopology")
            .expect("topology");
        assert_eq!(topo.prefix_for("OS::Nova::Flavor"), Some("hw:"));
        assert_eq!(topo.prefix_for("OS::Glance::Image"), Some("hw_"));
        assert_eq!(topo.prefix_for("OS::Nova::Aggregate"), None);
        assert_eq!(topo.properties["cpu_sockets"].r#type, "integer");

        let quota = flavor
            .iter()
            .find(|ns| ns.namespace == "OS::Compute::Quota")
            .expect("quota");
        assert_eq!(quota.prefix_for("OS::Nova::Flavor"), None);
        assert!(quota.properties.is_empty());
        let all = quota.all_properties();
        assert_eq!(all.len(), 15);
        let period = all["quota:cpu_period"];
        assert_eq!(period.minimum.as_ref().and_then(Number::as_i64), Some(1000));
        assert_eq!(
            period.maximum.as_ref().and_then(Number::as_i64),
            Some(1_000_000)
        );

        // CPUMode has no `protected`: false, as Glance shows it.
        let mode = &flavor[0];
        assert_eq!(mode.namespace, "OS::Compute::CPUMode");
        assert!(!mode.protected);
    }

    /// `api-ref/source/v2/samples/metadef-namespace-details-response.json`.
    #[test]
    fn parses_the_api_reference_sample() {
        let sample = r#"{
            "created_at": "2016-06-28T14:57:10Z",
            "description": "The libvirt compute driver options.",
            "display_name": "libvirt Driver Options",
            "namespace": "OS::Compute::Libvirt",
            "owner": "admin",
            "properties": {
                "boot_menu": {
                    "description": "If true, enables the BIOS bootmenu.",
                    "enum": ["true", "false"],
                    "title": "Boot Menu",
                    "type": "string"
                },
                "serial_port_count": {
                    "description": "Specifies the count of serial ports.",
                    "minimum": 0,
                    "title": "Serial Port Count",
                    "type": "integer"
                }
            },
            "protected": true,
            "resource_type_associations": [
                {"created_at": "2016-06-28T14:57:10Z", "name": "OS::Glance::Image", "prefix": "hw_"},
                {"created_at": "2016-06-28T14:57:10Z", "name": "OS::Nova::Flavor", "prefix": "hw:"}
            ],
            "schema": "/v2/schemas/metadefs/namespace",
            "self": "/v2/metadefs/namespaces/OS::Compute::Libvirt",
            "visibility": "public"
        }"#;
        let ns: MetadefNamespace = serde_json::from_str(sample).expect("decodes");
        assert_eq!(ns.namespace, "OS::Compute::Libvirt");
        assert_eq!(ns.display_name.as_deref(), Some("libvirt Driver Options"));
        assert!(ns.protected);
        assert_eq!(ns.visibility.as_deref(), Some("public"));
        assert_eq!(ns.prefix_for("OS::Nova::Flavor"), Some("hw:"));
        assert_eq!(ns.prefix_for("OS::Glance::Image"), Some("hw_"));
        let boot_menu = &ns.properties["boot_menu"];
        assert_eq!(boot_menu.title, "Boot Menu");
        assert_eq!(boot_menu.r#enum, ["true", "false"]);
        let ports = &ns.properties["serial_port_count"];
        assert_eq!(ports.r#type, "integer");
        assert_eq!(ports.minimum.as_ref().and_then(Number::as_u64), Some(0));
        assert_eq!(ports.maximum, None);
        assert!(ns.objects.is_empty());
        // It survives a round trip through JSON (the app sends it on).
        let back: MetadefNamespace =
            serde_json::from_value(serde_json::to_value(&ns).expect("encodes")).expect("decodes");
        assert_eq!(back, ns);
    }

    #[test]
    fn lenient_with_odd_namespaces() {
        let ns: MetadefNamespace = serde_json::from_str(
            r#"{"namespace": "X", "protected": null, "properties": {
                "p": {"type": "array", "enum": [1, true, "a", null], "default": 4,
                      "items": {"type": "string", "enum": ["a", "b"]}, "uniqueItems": true},
                "q": {}
            }, "resource_type_associations": null, "objects": null}"#,
        )
        .expect("decodes");
        let p = &ns.properties["p"];
        assert_eq!(p.r#enum, ["1", "true", "a"]);
        assert_eq!(p.default, Some(Value::from(4)));
        assert_eq!(
            p.items.as_ref().map(|i| i.r#enum.clone()),
            Some(vec!["a".to_owned(), "b".to_owned()])
        );
        assert!(p.unique_items);
        assert_eq!(ns.properties["q"], MetadefProperty::default());
        assert_eq!(ns.prefix_for("OS::Nova::Flavor"), None);
    }

    #[test]
    fn next_link_gives_the_marker() {
        assert_eq!(
            marker_of("/v2/metadefs/namespaces?limit=2&marker=OS%3A%3ACompute%3A%3AQuota")
                .as_deref(),
            Some("OS::Compute::Quota")
        );
        assert_eq!(marker_of("/v2/metadefs/namespaces?limit=2"), None);
    }

    #[tokio::test]
    async fn join_keeps_order_and_stops_at_an_error() {
        let ok: Vec<BoxedFuture<'static, u32>> = (0..5u32)
            .map(|i| {
                Box::pin(async move {
                    tokio::time::sleep(std::time::Duration::from_millis(u64::from(5 - i))).await;
                    Ok(i)
                }) as BoxedFuture<'static, u32>
            })
            .collect();
        assert_eq!(try_join_all(ok).await, Ok(vec![0, 1, 2, 3, 4]));
        let failing: Vec<BoxedFuture<'static, u32>> = vec![
            Box::pin(async { Ok(1) }),
            Box::pin(async {
                Err(Error::NotFound {
                    message: "gone".into(),
                })
            }),
        ];
        assert!(matches!(
            try_join_all(failing).await,
            Err(Error::NotFound { .. })
        ));
        assert_eq!(
            try_join_all(Vec::<BoxedFuture<'static, u32>>::new()).await,
            Ok(vec![])
        );
    }
}
