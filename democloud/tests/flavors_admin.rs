//! End-to-end tests of Nova's flavor management over real HTTP: create,
//! describe and delete (admin), flavor access for private flavors, and
//! extra specs with their 2.86 validation.

mod common;

use std::time::Duration;

use democloud::DemoCloud;
use reqwest::StatusCode;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|c| c.build_delay = Duration::from_millis(200)).await
}

/// A caller of the compute API with one token; each call names its
/// microversion.
struct Api {
    nova: common::Api,
    project_id: String,
}

impl Api {
    async fn get(&self, version: &str, path: &str) -> (StatusCode, Value) {
        self.nova.at(version).get(path).await
    }

    async fn post(&self, version: &str, path: &str, body: Value) -> (StatusCode, Value) {
        self.nova.at(version).post(path, body).await
    }

    async fn put(&self, version: &str, path: &str, body: Value) -> (StatusCode, Value) {
        self.nova.at(version).put(path, body).await
    }

    async fn delete(&self, version: &str, path: &str) -> (StatusCode, Value) {
        self.nova.at(version).delete(path).await
    }

    /// Creates a flavor (admin) and returns its id.
    async fn create_flavor(&self, flavor: Value) -> String {
        let (status, body) = self
            .post("2.1", "/flavors", json!({ "flavor": flavor }))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["flavor"]["id"].as_str().expect("id").to_owned()
    }

    async fn flavor_ids(&self, version: &str, path: &str) -> Vec<String> {
        let (status, body) = self.get(version, path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["flavors"]
            .as_array()
            .expect("flavors")
            .iter()
            .filter_map(|f| f["id"].as_str().map(str::to_owned))
            .collect()
    }
}

async fn api(cloud: &DemoCloud, user: &str, project: &str) -> Api {
    let (token, project_id) = common::login(cloud, user, project).await;
    Api {
        nova: common::Api::compute(cloud, token, "2.1"),
        project_id,
    }
}

/// The message of a Nova fault body, whatever its name.
fn message(body: &Value) -> String {
    body.as_object()
        .and_then(|o| o.values().next())
        .and_then(|f| f["message"].as_str())
        .unwrap_or_default()
        .to_owned()
}

fn fault(body: &Value, name: &str, code: u16) -> String {
    assert_eq!(body[name]["code"], code, "{body}");
    message(body)
}

// ---------------------------------------------------------------------------
// Create, show, delete

#[tokio::test]
async fn admin_creates_flavors_with_and_without_id() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;

    let (status, body) = admin
        .post(
            "2.1",
            "/flavors",
            json!({"flavor": {"name": "c1.small", "id": "c1", "ram": 1024, "vcpus": 2,
                              "disk": 10, "OS-FLV-EXT-DATA:ephemeral": 5, "swap": 0,
                              "rxtx_factor": 2.0}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let f = &body["flavor"];
    assert_eq!(f["id"], "c1");
    assert_eq!(f["name"], "c1.small");
    assert_eq!(f["ram"], 1024);
    assert_eq!(f["vcpus"], 2);
    assert_eq!(f["disk"], 10);
    assert_eq!(f["OS-FLV-EXT-DATA:ephemeral"], 5);
    assert_eq!(f["swap"], "");
    assert_eq!(f["rxtx_factor"], 2.0);
    assert_eq!(f["os-flavor-access:is_public"], true);
    assert_eq!(f["OS-FLV-DISABLED:disabled"], false);
    assert!(f.get("description").is_none());
    assert!(f.get("extra_specs").is_none());
    assert!(f["links"][0]["href"]
        .as_str()
        .is_some_and(|h| h.ends_with("/compute/v2.1/flavors/c1")));

    // No id (or null): a UUID. Strings of digits are numbers to Nova.
    let (status, body) = admin
        .post(
            "2.75",
            "/flavors",
            json!({"flavor": {"name": "auto", "id": null, "ram": "256", "vcpus": "1",
                              "disk": "0", "description": "made at 2.75"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let f = &body["flavor"];
    let id = f["id"].as_str().expect("id");
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
    assert_eq!(f["ram"], 256);
    assert_eq!(f["description"], "made at 2.75");
    assert_eq!(f["extra_specs"], json!({}));
    // From 2.75 no swap is 0, not "".
    assert_eq!(f["swap"], 0);

    // An integer id is its string.
    let (status, body) = admin
        .post(
            "2.1",
            "/flavors",
            json!({"flavor": {"name": "numbered", "id": 77, "ram": 64, "vcpus": 1,
                              "disk": 0}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["flavor"]["id"], "77");

    // Every caller sees the public ones.
    let demo = api(&cloud, "demo", "demo").await;
    let (status, body) = demo.get("2.55", "/flavors/c1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["flavor"]["description"], Value::Null);
    let ids = demo.flavor_ids("2.1", "/flavors").await;
    assert!(ids.contains(&"c1".to_owned()) && ids.contains(&id.to_owned()));
}

#[tokio::test]
async fn duplicates_conflict_and_bad_bodies_are_refused() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let flavor = |name: &str, id: &str| {
        let f = json!({"name": name, "id": id, "ram": 64, "vcpus": 1, "disk": 0});
        json!({ "flavor": f })
    };
    let (status, body) = admin.post("2.1", "/flavors", flavor("dup", "d1")).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let (status, body) = admin.post("2.1", "/flavors", flavor("other", "d1")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        fault(&body, "conflictingRequest", 409),
        "Flavor with ID d1 already exists."
    );
    let (status, body) = admin.post("2.1", "/flavors", flavor("dup", "d2")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        fault(&body, "conflictingRequest", 409),
        "Flavor with name dup already exists."
    );
    // The seeded ones count too; the id is checked first.
    let (status, body) = admin.post("2.1", "/flavors", flavor("m1.tiny", "1")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(message(&body), "Flavor with ID 1 already exists.");

    for (body, want) in [
        (
            json!({"flavor": {"name": "x", "ram": 64, "vcpus": 1}}),
            "Invalid input for field/attribute flavor. Value: {'name': 'x', 'ram': 64, \
             'vcpus': 1}. 'disk' is a required property",
        ),
        (
            json!({"flavor": {"name": "x", "ram": -1, "vcpus": 1, "disk": 0}}),
            "Invalid input for field/attribute ram. Value: -1. -1 is less than the minimum \
             of 1",
        ),
        (
            json!({"flavor": {"name": "x", "ram": 64, "vcpus": "0", "disk": 0}}),
            "Invalid input received: vcpus must be >= 1",
        ),
        (
            json!({"flavor": {"name": "x ", "ram": 64, "vcpus": 1, "disk": 0}}),
            "An invalid 'name' value was provided. The name must be: printable characters. \
             Can not start or end with whitespace.",
        ),
        (
            json!({"flavor": {"name": "x", "ram": 64, "vcpus": 1, "disk": 0,
                              "os-flavor-access:is_public": "perhaps"}}),
            "Invalid input for field/attribute os-flavor-access:is_public. Value: perhaps. \
             'perhaps' is not one of [True, 'True', 'TRUE', 'true', '1', 'ON', 'On', 'on', \
             'YES', 'Yes', 'yes', False, 'False', 'FALSE', 'false', '0', 'OFF', 'Off', 'off', \
             'NO', 'No', 'no']",
        ),
        (
            json!({"flavor": {"name": "x", "ram": 64, "vcpus": 1, "disk": 0, "cpu": 1}}),
            "Invalid input for field/attribute flavor. Value: {'name': 'x', 'ram': 64, \
             'vcpus': 1, 'disk': 0, 'cpu': 1}. Additional properties are not allowed \
             ('cpu' was unexpected)",
        ),
        (
            json!({"flavor": {"name": "x", "ram": 64, "vcpus": 1, "disk": 0,
                              "description": "too early"}}),
            "Invalid input for field/attribute flavor. Value: {'name': 'x', 'ram': 64, \
             'vcpus': 1, 'disk': 0, 'description': 'too early'}. Additional properties are not \
             allowed ('description' was unexpected)",
        ),
    ] {
        let (status, got) = admin.post("2.1", "/flavors", body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(fault(&got, "badRequest", 400), want, "{body}");
    }
}

#[tokio::test]
async fn only_admins_manage_flavors() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let body = json!({"flavor": {"name": "mine", "ram": 64, "vcpus": 1, "disk": 0}});
    let (status, got) = demo.post("2.1", "/flavors", body).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        got,
        json!({"forbidden": {"code": 403, "message":
            "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed."}})
    );
    let refusals = [
        (
            demo.delete("2.1", "/flavors/1").await,
            "os_compute_api:os-flavor-manage:delete",
        ),
        (
            demo.put(
                "2.55",
                "/flavors/1",
                json!({"flavor": {"description": "x"}}),
            )
            .await,
            "os_compute_api:os-flavor-manage:update",
        ),
        (
            demo.get("2.1", "/flavors/1/os-flavor-access").await,
            "os_compute_api:os-flavor-access",
        ),
        (
            demo.post(
                "2.1",
                "/flavors/1/action",
                json!({"addTenantAccess": {"tenant": demo.project_id}}),
            )
            .await,
            "os_compute_api:os-flavor-access:add_tenant_access",
        ),
        (
            demo.post(
                "2.1",
                "/flavors/1/action",
                json!({"removeTenantAccess": {"tenant": demo.project_id}}),
            )
            .await,
            "os_compute_api:os-flavor-access:remove_tenant_access",
        ),
        (
            demo.post(
                "2.1",
                "/flavors/1/os-extra_specs",
                json!({"extra_specs": {"a": "b"}}),
            )
            .await,
            "os_compute_api:os-flavor-extra-specs:create",
        ),
        (
            demo.put("2.1", "/flavors/1/os-extra_specs/a", json!({"a": "b"}))
                .await,
            "os_compute_api:os-flavor-extra-specs:update",
        ),
        (
            demo.delete("2.1", "/flavors/1/os-extra_specs/a").await,
            "os_compute_api:os-flavor-extra-specs:delete",
        ),
    ];
    for ((status, body), rule) in refusals {
        assert_eq!(status, StatusCode::FORBIDDEN, "{rule}: {body}");
        assert_eq!(
            fault(&body, "forbidden", 403),
            format!("Policy doesn't allow {rule} to be performed.")
        );
    }
    // Nothing changed.
    let (status, _) = demo.get("2.1", "/flavors/1").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn deleting_hides_a_flavor_but_servers_keep_it() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let demo = api(&cloud, "demo", "demo").await;
    let unused = admin
        .create_flavor(json!({"name": "unused", "ram": 64, "vcpus": 1, "disk": 0}))
        .await;
    let used = admin
        .create_flavor(json!({"name": "used", "id": "u1", "ram": 128, "vcpus": 1, "disk": 1}))
        .await;
    let (status, body) = admin
        .post(
            "2.1",
            "/flavors/u1/os-extra_specs",
            json!({"extra_specs": {"hw:cpu_policy": "shared"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = demo
        .post(
            "2.79",
            "/servers",
            json!({"server": {"name": "keeper", "flavorRef": used, "imageRef": "cirros",
                              "networks": "none"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let server = body["server"]["id"].as_str().expect("id").to_owned();

    for id in [&unused, &used] {
        let (status, body) = admin.delete("2.1", &format!("/flavors/{id}")).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        assert_eq!(body, Value::Null);
        let (status, body) = demo.get("2.1", &format!("/flavors/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(
            fault(&body, "itemNotFound", 404),
            format!("Flavor {id} could not be found.")
        );
        let (status, body) = admin.delete("2.1", &format!("/flavors/{id}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(message(&body), format!("Flavor {id} could not be found."));
    }
    let ids = admin.flavor_ids("2.1", "/flavors?is_public=none").await;
    assert!(!ids.contains(&unused) && !ids.contains(&used), "{ids:?}");
    let (status, _) = admin.get("2.1", "/flavors/u1/os-extra_specs").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The server still shows the flavor it was built with.
    let (status, body) = demo.get("2.79", &format!("/servers/{server}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let f = &body["server"]["flavor"];
    assert_eq!(f["original_name"], "used");
    assert_eq!(f["ram"], 128);
    assert_eq!(f["extra_specs"], json!({"hw:cpu_policy": "shared"}));
    // ...and cannot build another from it.
    let (status, body) = demo
        .post(
            "2.79",
            "/servers",
            json!({"server": {"name": "late", "flavorRef": "u1", "imageRef": "cirros",
                              "networks": "none"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&body), "Flavor u1 could not be found.");

    // Name and id are free again.
    let again = admin
        .create_flavor(json!({"name": "used", "id": "u1", "ram": 256, "vcpus": 1, "disk": 1}))
        .await;
    assert_eq!(again, "u1");
    let again = admin
        .create_flavor(json!({"name": "unused", "ram": 64, "vcpus": 1, "disk": 0}))
        .await;
    assert_ne!(again, unused);
}

#[tokio::test]
async fn descriptions_change_from_2_55() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let id = admin
        .create_flavor(json!({"name": "described", "ram": 64, "vcpus": 1, "disk": 0}))
        .await;
    let path = format!("/flavors/{id}");

    let (status, body) = admin
        .put("2.54", &path, json!({"flavor": {"description": "x"}}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        fault(&body, "itemNotFound", 404),
        "The resource could not be found."
    );

    let (status, body) = admin
        .put(
            "2.55",
            &path,
            json!({"flavor": {"description": "For tests."}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["flavor"]["description"], "For tests.");
    assert_eq!(body["flavor"]["name"], "described");
    let (_, body) = admin.get("2.55", &path).await;
    assert_eq!(body["flavor"]["description"], "For tests.");
    let (_, body) = admin.get("2.55", "/flavors").await;
    let listed = body["flavors"]
        .as_array()
        .expect("flavors")
        .iter()
        .find(|f| f["id"] == id.as_str())
        .cloned()
        .expect("listed");
    assert_eq!(listed["description"], "For tests.");

    // null clears it; the key is required and alone.
    let (status, body) = admin
        .put("2.61", &path, json!({"flavor": {"description": null}}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["flavor"]["description"], Value::Null);
    assert_eq!(body["flavor"]["extra_specs"], json!({}));
    let (status, body) = admin.put("2.55", &path, json!({"flavor": {}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&body),
        "Invalid input for field/attribute flavor. Value: {}. 'description' is a required \
         property"
    );
    let (status, body) = admin
        .put(
            "2.55",
            &path,
            json!({"flavor": {"description": "x", "name": "y"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&body),
        "Invalid input for field/attribute flavor. Value: {'description': 'x', 'name': \
         'y'}. Additional properties are not allowed ('name' was unexpected)"
    );
    let (status, body) = admin
        .put(
            "2.55",
            "/flavors/nope",
            json!({"flavor": {"description": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(message(&body), "Flavor nope could not be found.");
}

// ---------------------------------------------------------------------------
// Flavor access

#[tokio::test]
async fn private_flavors_are_shared_with_projects() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let demo = api(&cloud, "demo", "demo").await;
    let alt = api(&cloud, "demo", "alt_demo").await;
    let id = admin
        .create_flavor(
            json!({"name": "secret", "id": "p1", "ram": 64, "vcpus": 1, "disk": 0,
                              "os-flavor-access:is_public": false}),
        )
        .await;
    let access = format!("/flavors/{id}/os-flavor-access");
    let action = format!("/flavors/{id}/action");

    // Hidden from projects without access, even when asked for directly.
    assert!(!demo.flavor_ids("2.1", "/flavors").await.contains(&id));
    let (status, body) = demo.get("2.1", "/flavors/p1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(message(&body), "Flavor p1 could not be found.");
    let (status, _) = demo.get("2.1", "/flavors/p1/os-extra_specs").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let boot = json!({"server": {"name": "s", "flavorRef": "p1", "imageRef": "cirros",
                                 "networks": "none"}});
    let (status, body) = demo.post("2.79", "/servers", boot.clone()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        fault(&body, "badRequest", 400),
        "Flavor p1 could not be found."
    );

    // Admins list private flavors on request.
    assert!(!admin.flavor_ids("2.1", "/flavors").await.contains(&id));
    assert_eq!(
        admin.flavor_ids("2.1", "/flavors?is_public=false").await,
        vec![id.clone()]
    );
    assert!(admin
        .flavor_ids("2.1", "/flavors/detail?is_public=None")
        .await
        .contains(&id));
    let (status, body) = admin.get("2.1", "/flavors?is_public=sometimes").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&body), "Invalid is_public filter [sometimes]");

    let (status, body) = admin.get("2.1", &access).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"flavor_access": []}));
    let (status, body) = admin.get("2.1", "/flavors/1/os-flavor-access").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        fault(&body, "itemNotFound", 404),
        "Access list not available for public flavors."
    );

    // Share with demo.
    let add = json!({"addTenantAccess": {"tenant": demo.project_id}});
    let (status, body) = admin.post("2.1", &action, add.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let entry = json!({"flavor_id": "p1", "tenant_id": demo.project_id});
    assert_eq!(body, json!({"flavor_access": [entry.clone()]}));
    let (_, body) = admin.get("2.1", &access).await;
    assert_eq!(body, json!({"flavor_access": [entry]}));
    let (status, body) = admin.post("2.1", &action, add).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let conflict = fault(&body, "conflictingRequest", 409);
    assert!(
        conflict.starts_with("Flavor access already exists for flavor ")
            && conflict.ends_with(&format!(" and project {} combination.", demo.project_id)),
        "{conflict}"
    );

    // Demo now sees and boots it; the other project still does not.
    assert!(demo.flavor_ids("2.1", "/flavors").await.contains(&id));
    let (status, body) = demo.get("2.1", "/flavors/p1").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["flavor"]["os-flavor-access:is_public"], false);
    let (status, body) = demo.post("2.79", "/servers", boot.clone()).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert!(!alt.flavor_ids("2.1", "/flavors").await.contains(&id));
    let (status, _) = alt.post("2.79", "/servers", boot).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Take it back.
    let remove = json!({"removeTenantAccess": {"tenant": demo.project_id}});
    let (status, body) = admin.post("2.1", &action, remove.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"flavor_access": []}));
    assert!(!demo.flavor_ids("2.1", "/flavors").await.contains(&id));
    let (status, body) = admin.post("2.1", &action, remove).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let missing = fault(&body, "itemNotFound", 404);
    assert!(
        missing.starts_with("Flavor access not found for ")
            && missing.ends_with(&format!(" / {} combination.", demo.project_id)),
        "{missing}"
    );

    // Bad requests.
    let (status, body) = admin
        .post(
            "2.1",
            &action,
            json!({"addTenantAccess": {"tenant": "no-such-project"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&body),
        "Project ID no-such-project is not a valid project."
    );
    let (status, body) = admin
        .post("2.1", &action, json!({"addTenantAccess": {}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&body),
        "Invalid input for field/attribute addTenantAccess. Value: {}. 'tenant' is a \
         required property"
    );
    let (status, body) = admin
        .post("2.1", &action, json!({"shareWith": {"tenant": "x"}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&body), "There is no such action: shareWith");
    let (status, body) = admin
        .post(
            "2.1",
            "/flavors/nope/action",
            json!({"addTenantAccess": {"tenant": demo.project_id}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(message(&body), "Flavor nope could not be found.");

    // Public flavors take no access list from 2.7 on.
    let public = json!({"addTenantAccess": {"tenant": demo.project_id}});
    let (status, body) = admin.post("2.7", "/flavors/1/action", public).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(message(&body), "Can not add access to a public flavor.");
}

// ---------------------------------------------------------------------------
// Listing

#[tokio::test]
async fn lists_filter_sort_and_page() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    admin
        .create_flavor(
            json!({"name": "big-private", "id": "9", "ram": 65536, "vcpus": 16,
                              "disk": 500, "os-flavor-access:is_public": false}),
        )
        .await;

    let ids = admin.flavor_ids("2.1", "/flavors?minRam=8192").await;
    assert_eq!(ids, ["4", "5"]);
    let ids = admin
        .flavor_ids("2.1", "/flavors?minRam=8192&is_public=none")
        .await;
    assert_eq!(ids, ["4", "5", "9"]);
    let ids = admin
        .flavor_ids("2.1", "/flavors?minDisk=100&is_public=none")
        .await;
    assert_eq!(ids, ["5", "9"]);
    let ids = admin
        .flavor_ids(
            "2.1",
            "/flavors?sort_key=memory_mb&sort_dir=desc&is_public=none",
        )
        .await;
    assert_eq!(ids, ["9", "5", "4", "3", "2", "1"]);
    let ids = admin.flavor_ids("2.1", "/flavors?sort_key=name").await;
    assert_eq!(ids, ["4", "3", "2", "1", "5"]);

    // Pages follow the sort order; the marker may itself be filtered out.
    let (_, body) = admin
        .get(
            "2.1",
            "/flavors?sort_key=memory_mb&sort_dir=desc&is_public=none&limit=2",
        )
        .await;
    let next = body["flavors_links"][0]["href"].as_str().expect("next");
    assert!(next.contains("marker=5"), "{next}");
    let ids = admin
        .flavor_ids(
            "2.1",
            "/flavors?sort_key=memory_mb&sort_dir=desc&is_public=none&limit=2&marker=5",
        )
        .await;
    assert_eq!(ids, ["4", "3"]);
    let ids = admin
        .flavor_ids("2.1", "/flavors?minRam=4096&marker=1")
        .await;
    assert_eq!(ids, ["3", "4", "5"]);

    for (query, want) in [
        ("marker=nope", "marker [nope] not found"),
        ("minRam=lots", "Invalid minRam filter [lots]"),
        ("minDisk=x", "Invalid minDisk filter [x]"),
        (
            "limit=-1",
            "Invalid input for query parameters limit. Value: -1. '-1' does not match \
             '^[0-9]*$'",
        ),
        (
            "sort_dir=up",
            "Invalid input for query parameters sort_dir. Value: up. 'up' is not one of \
             ['asc', 'desc']",
        ),
    ] {
        let (status, body) = admin.get("2.1", &format!("/flavors?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(message(&body), want, "{query}");
    }
    let (status, body) = admin.get("2.1", "/flavors?sort_key=size").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message(&body).starts_with(
        "Invalid input for query parameters sort_key. Value: size. 'size' is not one of \
         ['created_at', 'description'"
    ));
    // Unknown parameters are ignored until 2.75.
    let (status, _) = admin.get("2.74", "/flavors?colour=red").await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = admin.get("2.75", "/flavors?colour=red").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&body),
        "Additional properties are not allowed ('colour' was unexpected)"
    );
}

// ---------------------------------------------------------------------------
// Extra specs

#[tokio::test]
async fn extra_specs_crud() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let demo = api(&cloud, "demo", "demo").await;
    let specs = "/flavors/2/os-extra_specs";

    let body = json!({"extra_specs": {"hw:cpu_policy": "dedicated", "hw:numa_nodes": 1}});
    let (status, got) = admin.post("2.86", specs, body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{got}");
    // The request comes back as sent; numbers are stored as strings.
    assert_eq!(got, body);
    let stored = json!({"hw:cpu_policy": "dedicated", "hw:numa_nodes": "1"});
    let (status, got) = demo.get("2.1", specs).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, json!({ "extra_specs": stored }));
    let (_, got) = demo.get("2.61", "/flavors/2").await;
    assert_eq!(got["flavor"]["extra_specs"], stored);
    let (status, got) = demo.get("2.1", &format!("{specs}/hw:numa_nodes")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, json!({"hw:numa_nodes": "1"}));

    // PUT one key, named in the URL.
    let (status, got) = admin
        .put(
            "2.86",
            &format!("{specs}/hw:numa_nodes"),
            json!({"hw:numa_nodes": "2"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!(got, json!({"hw:numa_nodes": "2"}));
    let (status, got) = admin
        .put(
            "2.86",
            &format!("{specs}/hw:numa_nodes"),
            json!({"hw:cpu_policy": "shared"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        fault(&got, "badRequest", 400),
        "Request body and URI mismatch"
    );
    let (status, got) = admin
        .put("2.86", &format!("{specs}/a"), json!({"a": "1", "b": "2"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&got),
        "{'a': '1', 'b': '2'} has too many properties"
    );
    let (status, got) = admin.put("2.86", &format!("{specs}/a"), json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(message(&got), "{} does not have enough properties");

    // DELETE: 200 with no body, then the key is gone.
    let (status, got) = admin.delete("2.1", &format!("{specs}/hw:cpu_policy")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, Value::Null);
    let (status, got) = admin.delete("2.1", &format!("{specs}/hw:cpu_policy")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        message(&got),
        "Flavor 2 has no extra specs with key hw:cpu_policy."
    );
    let (_, got) = demo.get("2.1", specs).await;
    assert_eq!(got, json!({"extra_specs": {"hw:numa_nodes": "2"}}));

    // Keys and values as Nova's schema takes them.
    let (status, got) = admin
        .post("2.1", specs, json!({"extra_specs": {"bad/key": "x"}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&got),
        "Invalid input for field/attribute extra_specs. Value: {'bad/key': 'x'}. \
         Additional properties are not allowed ('bad/key' was unexpected)"
    );
    let (status, got) = admin
        .post("2.1", specs, json!({"extra_specs": {"k": ["x"]}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        message(&got),
        "Invalid input for field/attribute k. Value: ['x']. ['x'] is not of type 'string', \
         'number'"
    );
    let (status, got) = admin
        .post(
            "2.1",
            "/flavors/nope/os-extra_specs",
            json!({"extra_specs": {"a": "b"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(message(&got), "Flavor nope could not be found.");
}

#[tokio::test]
async fn extra_specs_are_validated_from_2_86() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let specs = "/flavors/3/os-extra_specs";
    let cases = [
        (
            json!({"hw:numa_nodes": "foo"}),
            "Validation failed; 'foo' is not a valid integer value.",
        ),
        (
            json!({"hw:cpu_sockets": "0"}),
            "Validation failed; '0' is less than the min value of '1'.",
        ),
        (
            json!({"hw:cpu_max_cores": 0}),
            "Validation failed; '0' is less than the min value of '1'.",
        ),
        (
            json!({"hw:cpu_policy": "exclusive"}),
            "Validation failed; 'exclusive' is not one of: dedicated, shared, mixed.",
        ),
        (
            json!({"hw:cpu_realtime": "sometimes"}),
            "Validation failed; 'sometimes' is not a valid boolean-like value.",
        ),
        (
            json!({"hw:numa_cpus.0": "zero"}),
            r"Validation failed; 'zero' is not of the format '\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'.",
        ),
        (
            json!({"hw:foo": "bar"}),
            "Validation failed; extra spec 'hw:foo' does not appear to be a valid extra spec.",
        ),
        (
            json!({"hw_rng:rate_bytes": "-5"}),
            "Validation failed; '-5' is less than the min value of '0'.",
        ),
        (
            json!({"hw_video:ram_max_mb": "lots"}),
            "Validation failed; 'lots' is not a valid integer value.",
        ),
    ];
    for (values, want) in &cases {
        let (status, got) = admin
            .post("2.86", specs, json!({ "extra_specs": values }))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{values}");
        assert_eq!(fault(&got, "badRequest", 400), *want, "{values}");
        // PUT validates the same way.
        let Some((key, _)) = values.as_object().and_then(|o| o.iter().next()) else {
            panic!("one key");
        };
        let (status, got) = admin
            .put("2.86", &format!("{specs}/{key}"), values.clone())
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{values}");
        assert_eq!(message(&got), *want, "{values}");
    }
    // Nothing was stored, not even the valid key sent alongside.
    let (status, got) = admin
        .post(
            "2.86",
            specs,
            json!({"extra_specs": {"hw:cpu_policy": "dedicated", "hw:numa_nodes": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{got}");
    let (_, got) = admin.get("2.86", specs).await;
    assert_eq!(got, json!({"extra_specs": {}}));

    // Valid, unnamespaced and unknown-namespace specs pass.
    let fine = json!({"extra_specs": {
        "hw:cpu_policy": "dedicated", "hw:cpu_sockets": "2", "hw:cpu_max_threads": 1,
        "hw:mem_page_size": "large", "hw_rng:allowed": "True", "group_policy": "none",
        "trait:HW_CPU_X86_AVX2": "required", "resources:VGPU": "1",
        "my_key": "anything", "vendor:setting": "anything",
    }});
    let (status, got) = admin.post("2.86", specs, fine).await;
    assert_eq!(status, StatusCode::OK, "{got}");
}

#[tokio::test]
async fn extra_specs_are_not_validated_before_2_86() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let specs = "/flavors/4/os-extra_specs";
    let loose = json!({"extra_specs": {"hw:numa_nodes": "foo", "hw:foo": "bar"}});
    let (status, got) = admin.post("2.79", specs, loose).await;
    assert_eq!(status, StatusCode::OK, "{got}");
    let (status, got) = admin
        .put(
            "2.85",
            &format!("{specs}/hw:cpu_policy"),
            json!({"hw:cpu_policy": "whatever"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{got}");
    let (_, got) = admin.get("2.79", specs).await;
    assert_eq!(
        got,
        json!({"extra_specs": {
            "hw:cpu_policy": "whatever", "hw:foo": "bar", "hw:numa_nodes": "foo",
        }})
    );
}
