//! End-to-end tests of the Glance metadata definitions API over real HTTP.

mod common;

use democloud::DemoCloud;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};

use common::{login, Api};

// ---------------------------------------------------------------------------
// Helpers

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|_| {}).await
}

/// A caller of Glance as demo/demo in project demo.
async fn demo_api(cloud: &DemoCloud) -> Api {
    let (token, _) = login(cloud, "demo", "demo").await;
    Api::new(cloud, "/image", token)
}

/// Glance's metadata definitions, for the tests.
trait Metadefs {
    /// A list that must succeed.
    async fn list(&self, query: &str) -> Value;
    /// The namespace names of a list, sorted.
    async fn names(&self, query: &str) -> Vec<String>;
    /// A request that must fail with `status`; gives Glance's message.
    async fn fails(&self, path: &str, status: StatusCode) -> String;
}

impl Metadefs for Api {
    async fn list(&self, query: &str) -> Value {
        let (status, body) = self.get(&format!("/v2/metadefs/namespaces{query}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn names(&self, query: &str) -> Vec<String> {
        let body = self.list(query).await;
        let mut names = names_of(&body);
        names.sort();
        names
    }

    async fn fails(&self, path: &str, status: StatusCode) -> String {
        let (got, body) = self.get(path).await;
        assert_eq!(got, status, "{path}: {body}");
        assert_eq!(
            body["code"],
            format!(
                "{} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            ),
            "{body}"
        );
        body["message"].as_str().unwrap_or_default().to_owned()
    }
}

fn names_of(body: &Value) -> Vec<String> {
    body["namespaces"]
        .as_array()
        .expect("namespaces")
        .iter()
        .map(|n| n["namespace"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The prefix of `namespace`'s association with `resource_type`, if any.
fn prefix_of(ns: &Value, resource_type: &str) -> Option<String> {
    ns["resource_type_associations"]
        .as_array()
        .expect("associations")
        .iter()
        .find(|a| a["name"] == resource_type)
        .and_then(|a| a["prefix"].as_str().map(str::to_owned))
}

// ---------------------------------------------------------------------------
// Tests

#[tokio::test]
async fn list_filters_by_resource_type() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud).await;

    // Every namespace of the set is meant for flavors; Quota without prefix.
    let body = api.list("?resource_types=OS::Nova::Flavor").await;
    assert_eq!(body["schema"], "/v2/schemas/metadefs/namespaces");
    assert_eq!(
        body["first"],
        "/v2/metadefs/namespaces?resource_types=OS::Nova::Flavor"
    );
    assert!(body.get("next").is_none(), "{body}");
    let namespaces = body["namespaces"].as_array().expect("namespaces");
    let mut prefixes: Vec<(String, Option<String>)> = namespaces
        .iter()
        .map(|ns| {
            (
                ns["namespace"].as_str().unwrap_or_default().to_owned(),
                prefix_of(ns, "OS::Nova::Flavor"),
            )
        })
        .collect();
    prefixes.sort();
    let hw = Some("hw:".to_owned());
    assert_eq!(
        prefixes,
        [
            ("OS::Compute::CPUMode".to_owned(), hw.clone()),
            ("OS::Compute::CPUPinning".to_owned(), hw.clone()),
            ("OS::Compute::GuestMemoryBacking".to_owned(), hw.clone()),
            ("OS::Compute::Quota".to_owned(), None),
            ("OS::Compute::VirtCPUTopology".to_owned(), hw.clone()),
            ("OS::Compute::Watchdog".to_owned(), hw),
        ]
    );
    // The list shows the namespaces without their properties.
    let topo = namespaces
        .iter()
        .find(|n| n["namespace"] == "OS::Compute::VirtCPUTopology")
        .expect("topology");
    assert_eq!(topo["display_name"], "Virtual CPU Topology");
    assert_eq!(topo["visibility"], "public");
    assert_eq!(topo["protected"], true);
    assert_eq!(topo["owner"], "admin");
    assert_eq!(
        topo["self"],
        "/v2/metadefs/namespaces/OS::Compute::VirtCPUTopology"
    );
    assert_eq!(topo["schema"], "/v2/schemas/metadefs/namespace");
    assert!(topo.get("properties").is_none());
    assert_eq!(prefix_of(topo, "OS::Glance::Image").as_deref(), Some("hw_"));

    // Images: all but the flavor-only Quota. Volumes: what names an
    // image target.
    assert_eq!(
        api.names("?resource_types=OS::Glance::Image").await,
        [
            "OS::Compute::CPUMode",
            "OS::Compute::CPUPinning",
            "OS::Compute::GuestMemoryBacking",
            "OS::Compute::VirtCPUTopology",
            "OS::Compute::Watchdog",
        ]
    );
    let volume = api.list("?resource_types=OS::Cinder::Volume").await;
    assert_eq!(names_of(&volume).len(), 4);
    for ns in volume["namespaces"].as_array().expect("namespaces") {
        let assoc = ns["resource_type_associations"]
            .as_array()
            .expect("associations")
            .iter()
            .find(|a| a["name"] == "OS::Cinder::Volume")
            .expect("associated");
        assert_eq!(assoc["properties_target"], "image", "{ns}");
    }
    // A comma-separated list takes any of them; `resource_type` works too.
    assert_eq!(
        api.names("?resource_types=OS::Cinder::Volume,OS::Nova::Aggregate")
            .await
            .len(),
        4
    );
    assert_eq!(
        api.names("?resource_type=OS::Cinder::Volume").await.len(),
        4
    );
    assert!(api
        .names("?resource_types=OS::Nova::Aggregate")
        .await
        .is_empty());
    assert_eq!(api.names("").await.len(), 6);
    assert_eq!(api.names("?visibility=public").await.len(), 6);
    assert!(api.names("?visibility=private").await.is_empty());
    assert_eq!(
        api.fails(
            "/v2/metadefs/namespaces?visibility=shared",
            StatusCode::BAD_REQUEST
        )
        .await,
        "Invalid visibility value: shared"
    );
    cloud.shutdown().await;
}

#[tokio::test]
async fn list_pages_with_limit_marker_and_next() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud).await;

    let all = names_of(&api.list("?sort_key=namespace&sort_dir=asc").await);
    assert_eq!(all.len(), 6);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);

    // Follow the `next` links two at a time.
    let mut seen = Vec::new();
    let mut query = "?sort_key=namespace&sort_dir=asc&limit=2".to_owned();
    for _ in 0..10 {
        let body = api.list(&query).await;
        let page = names_of(&body);
        seen.extend(page.clone());
        match body.get("next").and_then(Value::as_str) {
            Some(next) => {
                let last = page.last().expect("a full page");
                assert!(
                    next.ends_with(&format!("marker={}", last.replace(':', "%3A"))),
                    "{next}"
                );
                let q = next
                    .strip_prefix("/v2/metadefs/namespaces")
                    .expect("next link");
                query = q.to_owned();
            }
            None => break,
        }
    }
    // Six in pages of two: the third page is full, so a fourth (empty)
    // one is asked for, as with Glance.
    assert_eq!(seen, all);

    // The default order is newest first: created_at then id, descending.
    let default = names_of(&api.list("").await);
    let mut reversed = default.clone();
    reversed.reverse();
    assert_eq!(
        names_of(&api.list("?sort_dir=asc").await),
        reversed,
        "asc is the reverse of the default"
    );

    // The marker need not pass the filter: paging goes on after its place.
    let after = names_of(
        &api.list(
            "?sort_key=namespace&sort_dir=asc&resource_types=OS::Cinder::Volume\
             &marker=OS::Compute::CPUMode",
        )
        .await,
    );
    assert_eq!(
        after.first().map(String::as_str),
        Some("OS::Compute::CPUPinning")
    );

    // `first` keeps the query but the marker.
    let body = api
        .list("?limit=1&marker=OS::Compute::Quota&sort_key=namespace")
        .await;
    assert_eq!(
        body["first"],
        "/v2/metadefs/namespaces?limit=1&sort_key=namespace"
    );
    assert_eq!(
        api.list("?limit=0").await["namespaces"],
        json!([]),
        "limit=0 gives an empty page"
    );

    assert_eq!(
        api.fails(
            "/v2/metadefs/namespaces?marker=OS::Nope",
            StatusCode::NOT_FOUND
        )
        .await,
        "Metadata definition namespace=OS::Nope was not found."
    );
    assert_eq!(
        api.fails("/v2/metadefs/namespaces?limit=x", StatusCode::BAD_REQUEST)
            .await,
        "limit param must be an integer"
    );
    assert_eq!(
        api.fails("/v2/metadefs/namespaces?limit=-1", StatusCode::BAD_REQUEST)
            .await,
        "limit param must be positive"
    );
    assert_eq!(
        api.fails(
            "/v2/metadefs/namespaces?sort_dir=up",
            StatusCode::BAD_REQUEST
        )
        .await,
        "Invalid sort direction: up"
    );
    cloud.shutdown().await;
}

#[tokio::test]
async fn namespace_details_and_properties() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud).await;

    let (status, topo) = api
        .get("/v2/metadefs/namespaces/OS::Compute::VirtCPUTopology")
        .await;
    assert_eq!(status, StatusCode::OK, "{topo}");
    let sockets = &topo["properties"]["cpu_sockets"];
    assert_eq!(sockets["type"], "integer");
    assert_eq!(sockets["title"], "vCPU Sockets");
    assert_eq!(
        sockets["description"],
        "Preferred number of sockets to expose to the guest."
    );
    assert_eq!(topo["properties"].as_object().expect("properties").len(), 6);
    assert!(topo["created_at"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));

    // With a resource type, names carry its prefix.
    let (_, flavor) = api
        .get("/v2/metadefs/namespaces/OS::Compute::VirtCPUTopology?resource_type=OS::Nova::Flavor")
        .await;
    assert!(
        flavor["properties"].get("hw:cpu_sockets").is_some(),
        "{flavor}"
    );
    assert!(flavor["properties"].get("cpu_sockets").is_none());
    let (_, image) = api
        .get("/v2/metadefs/namespaces/OS::Compute::CPUPinning?resource_type=OS::Glance::Image")
        .await;
    assert_eq!(
        image["properties"]["hw_cpu_policy"]["enum"],
        json!(["shared", "dedicated"])
    );

    // Quota keeps its properties in objects.
    let (_, quota) = api.get("/v2/metadefs/namespaces/OS::Compute::Quota").await;
    assert!(quota.get("properties").is_none());
    let objects = quota["objects"].as_array().expect("objects");
    assert_eq!(objects.len(), 3);
    assert_eq!(objects[0]["name"], "CPU Limits");
    assert_eq!(objects[0]["required"], json!([]));
    assert_eq!(
        objects[0]["properties"]["quota:cpu_period"]["maximum"],
        1_000_000
    );
    let (status, listed) = api
        .get("/v2/metadefs/namespaces/OS::Compute::Quota/objects")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["objects"], quota["objects"]);
    let (status, disk) = api
        .get("/v2/metadefs/namespaces/OS::Compute::Quota/objects/Disk QoS")
        .await;
    assert_eq!(status, StatusCode::OK, "{disk}");
    assert_eq!(
        disk["self"],
        "/v2/metadefs/namespaces/OS::Compute::Quota/objects/Disk QoS"
    );

    // The properties collection and one property.
    let (status, props) = api
        .get("/v2/metadefs/namespaces/OS::Compute::Watchdog/properties")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        props["properties"]["watchdog_action"]["enum"],
        json!(["disabled", "reset", "poweroff", "pause", "none"])
    );
    let (status, prop) = api
        .get("/v2/metadefs/namespaces/OS::Compute::VirtCPUTopology/properties/cpu_max_cores")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(prop["name"], "cpu_max_cores");
    assert_eq!(prop["type"], "integer");
    let (status, prop) = api
        .get(
            "/v2/metadefs/namespaces/OS::Compute::GuestMemoryBacking/properties/\
             hw:mem_page_size?resource_type=OS::Nova::Flavor",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{prop}");
    assert_eq!(prop["name"], "mem_page_size");
    assert_eq!(prop["type"], "string");

    // Resource types, overall and of one namespace.
    let (status, types) = api.get("/v2/metadefs/resource_types").await;
    assert_eq!(status, StatusCode::OK);
    let mut names: Vec<&str> = types["resource_types"]
        .as_array()
        .expect("resource types")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "OS::Cinder::Volume",
            "OS::Glance::Image",
            "OS::Nova::Flavor"
        ]
    );
    let (status, assocs) = api
        .get("/v2/metadefs/namespaces/OS::Compute::CPUMode/resource_types")
        .await;
    assert_eq!(status, StatusCode::OK);
    let assocs = assocs["resource_type_associations"]
        .as_array()
        .expect("associations");
    assert_eq!(assocs.len(), 2);
    assert_eq!(assocs[1]["name"], "OS::Nova::Flavor");
    assert_eq!(assocs[1]["prefix"], "hw:");
    cloud.shutdown().await;
}

#[tokio::test]
async fn missing_things_are_404_as_in_glance() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud).await;
    let not_found = StatusCode::NOT_FOUND;

    assert_eq!(
        api.fails("/v2/metadefs/namespaces/OS::Nope", not_found)
            .await,
        "Metadata definition namespace=OS::Nope was not found."
    );
    for child in ["properties", "properties/x", "resource_types"] {
        assert_eq!(
            api.fails(
                &format!("/v2/metadefs/namespaces/OS::Nope/{child}"),
                not_found
            )
            .await,
            "Namespace OS::Nope not found",
            "{child}"
        );
    }
    assert_eq!(
        api.fails(
            "/v2/metadefs/namespaces/OS::Compute::Watchdog/properties/nope",
            not_found
        )
        .await,
        "The metadata definition property with name=nope was not found in \
         namespace=OS::Compute::Watchdog."
    );
    assert_eq!(
        api.fails(
            "/v2/metadefs/namespaces/OS::Compute::Quota/objects/Nope",
            not_found
        )
        .await,
        "The metadata definition object with name=Nope was not found in \
         namespace=OS::Compute::Quota."
    );
    // Looking a property up for a resource type needs its prefix.
    let base = "/v2/metadefs/namespaces/OS::Compute::VirtCPUTopology/properties";
    assert_eq!(
        api.fails(
            &format!("{base}/cpu_sockets?resource_type=OS::Nova::Flavor"),
            not_found
        )
        .await,
        "Property cpu_sockets does not start with the expected resource type association \
         prefix of 'hw:'."
    );
    assert_eq!(
        api.fails(
            &format!("{base}/hw:cpu_sockets?resource_type=OS::Nova::Aggregate"),
            not_found
        )
        .await,
        "The metadata definition resource-type with name=OS::Nova::Aggregate, was not found."
    );
    assert_eq!(
        api.fails(
            "/v2/metadefs/namespaces/OS::Compute::Quota/properties/x?resource_type=OS::Glance::Image",
            not_found
        )
        .await,
        "The metadata definition resource-type association of resource-type=OS::Glance::Image \
         to namespace=OS::Compute::Quota, was not found."
    );

    // Without a token: keystonemiddleware's 401.
    let resp = Client::new()
        .get(api.url("/v2/metadefs/namespaces"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    cloud.shutdown().await;
}
