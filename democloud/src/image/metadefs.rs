//! Metadata definitions (metadefs): the catalogue of properties that
//! images, flavors and volumes understand, read-only. The namespaces are
//! Glance's own `etc/metadefs/*.json`, embedded at build time, served as
//! `glance-manage db load_metadefs` would have loaded them.

use std::sync::LazyLock;

use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{format_time, page_limit, path, Fault, GPath, ImageAuth};
use crate::http::Params;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/metadefs/namespaces"), get(list_namespaces))
        .route(
            &path("/metadefs/namespaces/{namespace}"),
            get(show_namespace),
        )
        .route(
            &path("/metadefs/namespaces/{namespace}/properties"),
            get(list_properties),
        )
        .route(
            &path("/metadefs/namespaces/{namespace}/properties/{property_name}"),
            get(show_property),
        )
        .route(
            &path("/metadefs/namespaces/{namespace}/objects"),
            get(list_objects),
        )
        .route(
            &path("/metadefs/namespaces/{namespace}/objects/{object_name}"),
            get(show_object),
        )
        .route(
            &path("/metadefs/namespaces/{namespace}/resource_types"),
            get(list_associations),
        )
        .route(&path("/metadefs/resource_types"), get(list_resource_types))
}

/// The namespace files, in the order they are loaded (which is the order
/// of their ids, Glance's tie-break when sorting).
const FILES: &[(&str, &str)] = include!("../../../metadefs/files.rs");

/// When the namespaces were "loaded". They are part of the program, not
/// of the demo data, so the time is fixed: 2025-01-01T00:00:00Z.
const LOADED_AT: i64 = 1_735_689_600_000_000;

const NAMESPACE_SCHEMA: &str = "/v2/schemas/metadefs/namespace";
const OBJECT_SCHEMA: &str = "/v2/schemas/metadefs/object";

/// One namespace file. Property schemas are kept as the file has them:
/// Glance stores and returns them as JSON.
#[derive(Debug, Deserialize)]
pub struct Namespace {
    pub namespace: String,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub visibility: Option<String>,
    /// Absent in some files; Glance then leaves it out of its answers.
    #[serde(default)]
    pub protected: Option<bool>,
    /// The loader's default owner.
    #[serde(default = "admin")]
    pub owner: String,
    #[serde(default)]
    pub resource_type_associations: Vec<Association>,
    #[serde(default)]
    pub properties: Map<String, Value>,
    #[serde(default)]
    pub objects: Vec<Object>,
}

fn admin() -> String {
    "admin".to_owned()
}

#[derive(Debug, Deserialize)]
pub struct Association {
    pub name: String,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub properties_target: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Object {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub required: Vec<String>,
    #[serde(default)]
    pub properties: Map<String, Value>,
}

/// Every namespace, parsed once. A file that does not parse is left out
/// (and logged) rather than taking the image API down with it.
pub static NAMESPACES: LazyLock<Vec<Namespace>> = LazyLock::new(|| {
    FILES
        .iter()
        .filter_map(|(file, text)| match serde_json::from_str(text) {
            Ok(ns) => Some(ns),
            Err(e) => {
                tracing::error!(file, error = %e, "cannot parse metadef namespace");
                None
            }
        })
        .collect()
});

impl Namespace {
    /// Glance's default policy: public namespaces for everyone, all of
    /// them for an admin.
    fn visible_to(&self, auth: &ImageAuth) -> bool {
        auth.is_admin() || self.visibility.as_deref() == Some("public")
    }

    fn association(&self, resource_type: &str) -> Option<&Association> {
        self.resource_type_associations
            .iter()
            .find(|a| a.name == resource_type)
    }

    /// The namespace as the list shows it: no properties or objects.
    fn summary_json(&self) -> Value {
        let mut v = Map::new();
        v.insert("namespace".into(), json!(self.namespace));
        insert_some(&mut v, "display_name", &self.display_name);
        insert_some(&mut v, "description", &self.description);
        insert_some(&mut v, "visibility", &self.visibility);
        insert_some(&mut v, "protected", &self.protected);
        v.insert("owner".into(), json!(self.owner));
        v.insert("created_at".into(), json!(format_time(LOADED_AT)));
        if !self.resource_type_associations.is_empty() {
            let assocs: Vec<Value> = self
                .resource_type_associations
                .iter()
                .map(Association::to_json)
                .collect();
            v.insert("resource_type_associations".into(), json!(assocs));
        }
        v.insert("self".into(), json!(namespace_href(&self.namespace)));
        v.insert("schema".into(), json!(NAMESPACE_SCHEMA));
        Value::Object(v)
    }

    /// The namespace with its properties and objects; with a resource
    /// type, property names carry that association's prefix.
    fn detail_json(&self, resource_type: Option<&str>) -> Value {
        let prefix = resource_type
            .and_then(|rt| self.association(rt))
            .and_then(|a| a.prefix.as_deref())
            .unwrap_or("");
        let mut v = self.summary_json();
        if !self.properties.is_empty() {
            v["properties"] = Value::Object(prefixed(&self.properties, prefix));
        }
        if !self.objects.is_empty() {
            let objects: Vec<Value> = self
                .objects
                .iter()
                .map(|o| o.to_json(&self.namespace, prefix))
                .collect();
            v["objects"] = json!(objects);
        }
        v
    }
}

impl Association {
    fn to_json(&self) -> Value {
        let mut v = Map::new();
        v.insert("name".into(), json!(self.name));
        insert_some(&mut v, "prefix", &self.prefix);
        insert_some(&mut v, "properties_target", &self.properties_target);
        v.insert("created_at".into(), json!(format_time(LOADED_AT)));
        Value::Object(v)
    }
}

impl Object {
    fn to_json(&self, namespace: &str, prefix: &str) -> Value {
        let mut v = Map::new();
        v.insert("name".into(), json!(self.name));
        insert_some(&mut v, "description", &self.description);
        let required: Vec<String> = self
            .required
            .iter()
            .map(|r| format!("{prefix}{r}"))
            .collect();
        v.insert("required".into(), json!(required));
        v.insert(
            "properties".into(),
            Value::Object(prefixed(&self.properties, prefix)),
        );
        v.insert("created_at".into(), json!(format_time(LOADED_AT)));
        v.insert(
            "self".into(),
            json!(format!(
                "{}/objects/{}",
                namespace_href(namespace),
                self.name
            )),
        );
        v.insert("schema".into(), json!(OBJECT_SCHEMA));
        Value::Object(v)
    }
}

/// Glance leaves unset attributes out rather than sending `null`.
fn insert_some<T: serde::Serialize>(v: &mut Map<String, Value>, key: &str, value: &Option<T>) {
    if let Some(value) = value {
        v.insert(key.to_owned(), json!(value));
    }
}

fn prefixed(properties: &Map<String, Value>, prefix: &str) -> Map<String, Value> {
    properties
        .iter()
        .map(|(k, v)| (format!("{prefix}{k}"), v.clone()))
        .collect()
}

fn namespace_href(namespace: &str) -> String {
    format!("/v2/metadefs/namespaces/{namespace}")
}

/// Glance's 404 for a namespace that does not exist or is not visible.
fn no_namespace(namespace: &str) -> Fault {
    Fault::not_found(format!(
        "Metadata definition namespace={namespace} was not found."
    ))
}

/// The namespace if the caller may see it, else Glance's 404.
fn find(namespace: &str, auth: &ImageAuth) -> Result<&'static Namespace, Fault> {
    NAMESPACES
        .iter()
        .find(|ns| ns.namespace == namespace && ns.visible_to(auth))
        .ok_or_else(|| no_namespace(namespace))
}

/// The namespace for the sub-resource calls, whose 404 is worded
/// differently.
fn find_for_child(namespace: &str, auth: &ImageAuth) -> Result<&'static Namespace, Fault> {
    find(namespace, auth).map_err(|_| Fault::not_found(format!("Namespace {namespace} not found")))
}

/// A query parameter that is set and not empty (Glance ignores empty ones).
fn param<'a>(params: &'a Params, key: &str) -> Option<&'a str> {
    params.get(key).filter(|v| !v.is_empty())
}

// ---------------------------------------------------------------------------
// Namespaces

/// `GET /v2/metadefs/namespaces`: filters `resource_types` (comma-separated,
/// any of them; `resource_type` is taken too) and `visibility`, paging with
/// `limit` and `marker` (a namespace name), sorting with `sort_key` and
/// `sort_dir`.
async fn list_namespaces(
    auth: ImageAuth,
    params: Params,
    uri: axum::http::Uri,
) -> Result<Json<Value>, Fault> {
    let limit = page_limit(&params)?;
    let ascending = match params.get("sort_dir").unwrap_or("desc") {
        "asc" => true,
        "desc" => false,
        other => {
            return Err(Fault::bad_request(format!(
                "Invalid sort direction: {other}"
            )))
        }
    };
    let sort_key = params.get("sort_key").unwrap_or("created_at");
    if !matches!(
        sort_key,
        "created_at" | "updated_at" | "id" | "namespace" | "display_name" | "visibility" | "owner"
    ) {
        return Err(Fault::bad_request(format!("Invalid sort key: {sort_key}.")));
    }
    let visibility = param(&params, "visibility");
    if let Some(v) = visibility {
        if v != "public" && v != "private" {
            return Err(Fault::bad_request(format!("Invalid visibility value: {v}")));
        }
    }
    let resource_types: Option<Vec<&str>> = param(&params, "resource_types")
        .or_else(|| param(&params, "resource_type"))
        .map(|list| list.split(',').collect());
    // The marker must be a namespace the caller can see; paging goes on
    // after its place in the sort order, as Glance's paginate_query does.
    let marker = param(&params, "marker")
        .map(|m| {
            NAMESPACES
                .iter()
                .enumerate()
                .find(|(_, ns)| ns.namespace == m && ns.visible_to(&auth))
                .ok_or_else(|| no_namespace(m))
        })
        .transpose()?;

    // The position in FILES is the namespace's id: the last sort key.
    let order = |(ia, a): &(usize, &Namespace), (ib, b): &(usize, &Namespace)| {
        let ord = match sort_key {
            "namespace" => a.namespace.cmp(&b.namespace),
            "display_name" => a.display_name.cmp(&b.display_name),
            "visibility" => a.visibility.cmp(&b.visibility),
            "owner" => a.owner.cmp(&b.owner),
            // Every namespace was loaded at the same time.
            _ => std::cmp::Ordering::Equal,
        }
        .then(ia.cmp(ib));
        if ascending {
            ord
        } else {
            ord.reverse()
        }
    };
    let mut found: Vec<(usize, &Namespace)> = NAMESPACES
        .iter()
        .enumerate()
        .filter(|(_, ns)| ns.visible_to(&auth))
        .filter(|(_, ns)| visibility.is_none_or(|v| ns.visibility.as_deref() == Some(v)))
        .filter(|(_, ns)| {
            resource_types
                .as_ref()
                .is_none_or(|rts| rts.iter().any(|rt| ns.association(rt).is_some()))
        })
        .filter(|entry| marker.is_none_or(|m| order(entry, &m) == std::cmp::Ordering::Greater))
        .collect();
    found.sort_by(&order);
    let page: Vec<&Namespace> = found.iter().take(limit).map(|(_, ns)| *ns).collect();

    // `first` repeats the query without the marker; `next` adds the last
    // namespace of the page as the marker.
    let query: Vec<&str> = uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("marker=") && *p != "marker")
        .collect();
    let mut body = json!({
        "namespaces": page.iter().map(|ns| ns.summary_json()).collect::<Vec<_>>(),
        "first": with_query("/v2/metadefs/namespaces", &query),
        "schema": "/v2/schemas/metadefs/namespaces",
    });
    if !page.is_empty() && page.len() == limit {
        if let Some(last) = page.last() {
            let marker = format!("marker={}", encode(&last.namespace));
            let mut next = query.clone();
            next.push(&marker);
            body["next"] = json!(with_query("/v2/metadefs/namespaces", &next));
        }
    }
    Ok(Json(body))
}

fn with_query(path: &str, query: &[&str]) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Percent-encodes a query value as Python's `urlencode` does.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `GET /v2/metadefs/namespaces/{namespace}`; `?resource_type=` prefixes
/// the property names as that resource type wants them.
async fn show_namespace(
    auth: ImageAuth,
    GPath(namespace): GPath<String>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let ns = find(&namespace, &auth)?;
    Ok(Json(ns.detail_json(param(&params, "resource_type"))))
}

// ---------------------------------------------------------------------------
// Properties

/// `GET /v2/metadefs/namespaces/{namespace}/properties`.
async fn list_properties(
    auth: ImageAuth,
    GPath(namespace): GPath<String>,
) -> Result<Json<Value>, Fault> {
    let ns = find_for_child(&namespace, &auth)?;
    Ok(Json(json!({ "properties": ns.properties })))
}

/// `GET /v2/metadefs/namespaces/{namespace}/properties/{property_name}`.
/// With `?resource_type=`, the name must carry that association's prefix.
async fn show_property(
    auth: ImageAuth,
    GPath((namespace, property_name)): GPath<(String, String)>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let ns = find_for_child(&namespace, &auth)?;
    let mut name = property_name.as_str();
    if let Some(rt) = param(&params, "resource_type") {
        let known = NAMESPACES.iter().any(|n| n.association(rt).is_some());
        if !known {
            return Err(Fault::not_found(format!(
                "The metadata definition resource-type with name={rt}, was not found."
            )));
        }
        let Some(assoc) = ns.association(rt) else {
            return Err(Fault::not_found(format!(
                "The metadata definition resource-type association of resource-type={rt} to \
                 namespace={namespace}, was not found."
            )));
        };
        let prefix = assoc.prefix.as_deref().filter(|p| !p.is_empty());
        match prefix.and_then(|p| name.strip_prefix(p)) {
            Some(bare) => name = bare,
            None => {
                return Err(Fault::not_found(format!(
                    "Property {name} does not start with the expected resource type \
                     association prefix of '{}'.",
                    prefix.unwrap_or("None")
                )))
            }
        }
    }
    let Some(Value::Object(schema)) = ns.properties.get(name) else {
        return Err(Fault::not_found(format!(
            "The metadata definition property with name={name} was not found in \
             namespace={namespace}."
        )));
    };
    let mut body = schema.clone();
    body.insert("name".into(), json!(name));
    Ok(Json(Value::Object(body)))
}

// ---------------------------------------------------------------------------
// Objects

/// `GET /v2/metadefs/namespaces/{namespace}/objects`.
async fn list_objects(
    auth: ImageAuth,
    GPath(namespace): GPath<String>,
) -> Result<Json<Value>, Fault> {
    let ns = find(&namespace, &auth)?;
    let objects: Vec<Value> = ns
        .objects
        .iter()
        .map(|o| o.to_json(&ns.namespace, ""))
        .collect();
    // Glance's own link, without the leading slash.
    Ok(Json(
        json!({ "objects": objects, "schema": "v2/schemas/metadefs/objects" }),
    ))
}

/// `GET /v2/metadefs/namespaces/{namespace}/objects/{object_name}`.
async fn show_object(
    auth: ImageAuth,
    GPath((namespace, object_name)): GPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    let ns = find(&namespace, &auth)?;
    ns.objects
        .iter()
        .find(|o| o.name == object_name)
        .map(|o| Json(o.to_json(&ns.namespace, "")))
        .ok_or_else(|| {
            Fault::not_found(format!(
                "The metadata definition object with name={object_name} was not found in \
                 namespace={namespace}."
            ))
        })
}

// ---------------------------------------------------------------------------
// Resource types

/// `GET /v2/metadefs/resource_types`: every resource type some namespace
/// is associated with, in the order the loader created them.
async fn list_resource_types(_auth: ImageAuth) -> Json<Value> {
    let mut names: Vec<&str> = Vec::new();
    for assoc in NAMESPACES
        .iter()
        .flat_map(|ns| &ns.resource_type_associations)
    {
        if !names.contains(&assoc.name.as_str()) {
            names.push(&assoc.name);
        }
    }
    let types: Vec<Value> = names
        .iter()
        .map(|name| json!({ "name": name, "created_at": format_time(LOADED_AT) }))
        .collect();
    Json(json!({ "resource_types": types }))
}

/// `GET /v2/metadefs/namespaces/{namespace}/resource_types`.
async fn list_associations(
    auth: ImageAuth,
    GPath(namespace): GPath<String>,
) -> Result<Json<Value>, Fault> {
    let ns = find_for_child(&namespace, &auth)?;
    let assocs: Vec<Value> = ns
        .resource_type_associations
        .iter()
        .map(Association::to_json)
        .collect();
    Ok(Json(json!({ "resource_type_associations": assocs })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses() {
        assert_eq!(NAMESPACES.len(), FILES.len());
        let names: Vec<&str> = NAMESPACES.iter().map(|n| n.namespace.as_str()).collect();
        assert_eq!(
            names,
            [
                "OS::Compute::CPUMode",
                "OS::Compute::CPUPinning",
                "OS::Compute::GuestMemoryBacking",
                "OS::Compute::Quota",
                "OS::Compute::VirtCPUTopology",
                "OS::Compute::Watchdog",
            ]
        );
    }

    #[test]
    fn detail_prefixes_for_a_resource_type() {
        let topo = NAMESPACES
            .iter()
            .find(|n| n.namespace == "OS::Compute::VirtCPUTopology")
            .expect("namespace");
        let flavor = topo.detail_json(Some("OS::Nova::Flavor"));
        assert_eq!(flavor["properties"]["hw:cpu_sockets"]["type"], "integer");
        let plain = topo.detail_json(None);
        assert!(plain["properties"].get("cpu_sockets").is_some());
        // An unknown resource type leaves the names alone, as in Glance.
        let other = topo.detail_json(Some("OS::Nova::Aggregate"));
        assert!(other["properties"].get("cpu_sockets").is_some());
    }

    #[test]
    fn summary_leaves_out_what_is_unset() {
        let mode = NAMESPACES
            .iter()
            .find(|n| n.namespace == "OS::Compute::CPUMode")
            .expect("namespace");
        let v = mode.summary_json();
        assert!(v.get("protected").is_none());
        assert!(v.get("properties").is_none());
        assert_eq!(v["owner"], "admin");
        assert_eq!(v["self"], "/v2/metadefs/namespaces/OS::Compute::CPUMode");
    }

    #[test]
    fn encode_matches_urlencode() {
        assert_eq!(encode("OS::Compute::Quota"), "OS%3A%3ACompute%3A%3AQuota");
    }
}
