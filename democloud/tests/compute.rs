//! End-to-end tests of the Nova (compute v2.1) API over real HTTP.

mod common;

use std::path::Path;
use std::time::Duration;

use democloud::DemoCloud;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use common::{login, Api, COMPUTE};

// ---------------------------------------------------------------------------
// Helpers

const DELAY: Duration = Duration::from_millis(300);

async fn start_in(dir: &Path) -> DemoCloud {
    common::start_in(dir, |c| c.build_delay = DELAY).await
}

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|c| c.build_delay = DELAY).await
}

fn compute_url(cloud: &DemoCloud, path: &str) -> String {
    format!("http://{}{COMPUTE}{path}", cloud.addr())
}

/// Nova's servers, for the tests.
trait Servers {
    async fn action(&self, id: &str, body: Value) -> (StatusCode, Value);
    async fn create(&self, name: &str, flavor: &str) -> String;
    async fn status_of(&self, id: &str) -> String;
    /// Polls until the server shows `want`, failing after a few seconds.
    async fn wait_for(&self, id: &str, want: &str);
}

impl Servers for Api {
    async fn action(&self, id: &str, body: Value) -> (StatusCode, Value) {
        self.post(&format!("/servers/{id}/action"), body).await
    }

    async fn create(&self, name: &str, flavor: &str) -> String {
        let (status, body) = self
            .post(
                "/servers",
                json!({"server": {"name": name, "flavorRef": flavor, "imageRef": "cirros",
                                  "networks": "none"}}),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        body["server"]["id"].as_str().expect("id").to_owned()
    }

    async fn status_of(&self, id: &str) -> String {
        let (status, body) = self.get(&format!("/servers/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["server"]["status"]
            .as_str()
            .expect("status")
            .to_owned()
    }

    async fn wait_for(&self, id: &str, want: &str) {
        for _ in 0..50 {
            if self.status_of(id).await == want {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("server {id} never became {want}");
    }
}

async fn demo_api(cloud: &DemoCloud, version: &str) -> Api {
    let (token, _) = login(cloud, "demo", "demo").await;
    Api::compute(cloud, token, version)
}

// ---------------------------------------------------------------------------
// Discovery and microversions

#[tokio::test]
async fn version_discovery_and_catalog() {
    let (cloud, _dir) = start().await;
    let client = Client::new();
    let base = format!("http://{}", cloud.addr());
    let body: Value = client
        .get(format!("{base}/compute/"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(body["versions"][0]["id"], "v2.1");
    let resp = client
        .get(format!("{base}/compute/v2.1/"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.expect("json");
    let v = &body["version"];
    assert_eq!(v["status"], "CURRENT");
    assert_eq!(v["min_version"], "2.1");
    assert_eq!(v["version"], "2.86");
    assert_eq!(v["links"][0]["href"], format!("{base}/compute/v2.1/"));

    // The token's catalog lists nova at /compute/v2.1.
    let resp = client
        .post(format!("{}/auth/tokens", cloud.auth_url()))
        .json(
            &json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
            "name": "demo", "domain": {"name": "Default"}, "password": "demo"}}},
            "scope": {"project": {"name": "demo", "domain": {"name": "Default"}}}}}),
        )
        .send()
        .await
        .expect("login");
    let token: Value = resp.json().await.expect("json");
    let compute = token["token"]["catalog"]
        .as_array()
        .expect("catalog")
        .iter()
        .find(|s| s["type"] == "compute")
        .cloned()
        .expect("compute in catalog");
    assert_eq!(compute["name"], "nova");
    assert_eq!(
        compute["endpoints"][0]["url"],
        format!("{base}/compute/v2.1")
    );
}

#[tokio::test]
async fn microversion_headers_are_echoed_and_checked() {
    let (cloud, _dir) = start().await;
    let (token, _) = login(&cloud, "demo", "demo").await;
    let get = |version: Option<&'static str>, legacy: bool| {
        let mut req = Client::new()
            .get(compute_url(&cloud, "/flavors"))
            .header("x-auth-token", &token);
        if let Some(v) = version {
            req = if legacy {
                req.header("x-openstack-nova-api-version", v)
            } else {
                req.header("openstack-api-version", format!("compute {v}"))
            };
        }
        req.send()
    };
    let echoed = |resp: &reqwest::Response| {
        resp.headers()["openstack-api-version"]
            .to_str()
            .expect("ascii")
            .to_owned()
    };
    let resp = get(None, false).await.expect("request");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(echoed(&resp), "compute 2.1");
    let vary = resp.headers()["vary"].to_str().expect("ascii");
    assert!(
        vary.contains("OpenStack-API-Version") && vary.contains("X-OpenStack-Nova-API-Version")
    );

    let resp = get(Some("2.55"), false).await.expect("request");
    assert_eq!(echoed(&resp), "compute 2.55");
    let resp = get(Some("latest"), false).await.expect("request");
    assert_eq!(echoed(&resp), "compute 2.86");
    let resp = get(Some("2.10"), true).await.expect("request");
    assert_eq!(echoed(&resp), "compute 2.10");

    let resp = get(Some("2.87"), false).await.expect("request");
    assert_eq!(resp.status(), StatusCode::NOT_ACCEPTABLE);
    assert!(resp.headers().contains_key("vary"));
    let body: Value = resp.json().await.expect("json");
    let message = body["computeFault"]["message"].as_str().expect("message");
    assert!(
        message.contains("Version 2.87 is not supported"),
        "{message}"
    );

    // Without a token: 401, but the headers are still there.
    let resp = Client::new()
        .get(compute_url(&cloud, "/servers"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(echoed(&resp), "compute 2.1");
}

// ---------------------------------------------------------------------------
// Flavors

#[tokio::test]
async fn flavors_list_detail_show_and_extra_specs() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.1").await;
    let (status, body) = api.get("/flavors").await;
    assert_eq!(status, StatusCode::OK);
    let names: Vec<&str> = body["flavors"]
        .as_array()
        .expect("flavors")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge"]
    );
    assert!(body["flavors"][0].get("ram").is_none());

    let (_, body) = api.get("/flavors/detail?minRam=4096").await;
    let flavors = body["flavors"].as_array().expect("flavors");
    assert_eq!(flavors.len(), 3);
    assert_eq!(flavors[0]["name"], "m1.medium");
    assert_eq!(flavors[0]["vcpus"], 2);
    assert_eq!(flavors[0]["disk"], 40);
    assert_eq!(flavors[0]["os-flavor-access:is_public"], true);

    let (_, body) = api.get("/flavors/detail?minDisk=80").await;
    assert_eq!(body["flavors"].as_array().map(Vec::len), Some(2));

    let (_, body) = api.get("/flavors?limit=2").await;
    assert_eq!(body["flavors"].as_array().map(Vec::len), Some(2));
    let next = body["flavors_links"][0]["href"].as_str().expect("next");
    assert!(next.contains("marker=2"), "{next}");
    let (_, body) = api.get("/flavors?limit=2&marker=2").await;
    assert_eq!(body["flavors"][0]["id"], "3");

    let (status, body) = api.get("/flavors/1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["flavor"]["name"], "m1.tiny");
    assert_eq!(body["flavor"]["ram"], 512);

    let (status, body) = api.get("/flavors/42").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["itemNotFound"]["code"], 404);
    assert_eq!(
        body["itemNotFound"]["message"],
        "Flavor 42 could not be found."
    );

    let (status, body) = api.get("/flavors/1/os-extra_specs").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["extra_specs"], json!({}));
    let (status, _) = api.get("/flavors/1/os-extra_specs/hw:cpu_policy").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api.get("/flavors/9/os-extra_specs").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------
// Servers

#[tokio::test]
async fn seeded_servers_are_active_in_demo() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.1").await;
    let (status, body) = api.get("/servers/detail").await;
    assert_eq!(status, StatusCode::OK);
    let servers = body["servers"].as_array().expect("servers");
    let mut names: Vec<&str> = servers.iter().filter_map(|s| s["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["demo-server-1", "demo-server-2"]);
    for s in servers {
        assert_eq!(s["status"], "ACTIVE");
        assert_eq!(s["OS-EXT-STS:power_state"], 1);
    }
    // Another project sees none of them.
    let (token, _) = login(&cloud, "demo", "alt_demo").await;
    let alt = Api::compute(&cloud, token, "2.1");
    let (_, body) = alt.get("/servers").await;
    assert_eq!(body["servers"], json!([]));
    let id = servers[0]["id"].as_str().expect("id");
    let (status, body) = alt.get(&format!("/servers/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        format!("Instance {id} could not be found.")
    );
}

#[tokio::test]
async fn server_builds_then_becomes_active() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.47").await;
    let (status, body) = api
        .post(
            "/servers",
            json!({"server": {"name": "web", "flavorRef": "1", "imageRef": "cirros-img",
                   "networks": "none", "metadata": {"role": "web"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let id = body["server"]["id"].as_str().expect("id").to_owned();
    assert!(body["server"]["adminPass"]
        .as_str()
        .is_some_and(|p| !p.is_empty()));

    let (_, body) = api.get(&format!("/servers/{id}")).await;
    let s = &body["server"];
    assert_eq!(s["status"], "BUILD");
    assert_eq!(s["OS-EXT-STS:vm_state"], "building");
    assert_eq!(s["name"], "web");
    assert_eq!(s["image"]["id"], "cirros-img");
    assert_eq!(s["flavor"]["original_name"], "m1.tiny");
    assert_eq!(s["flavor"]["ram"], 512);
    assert_eq!(s["metadata"], json!({"role": "web"}));

    tokio::time::sleep(DELAY + Duration::from_millis(100)).await;
    let (_, body) = api.get(&format!("/servers/{id}")).await;
    let s = &body["server"];
    assert_eq!(s["status"], "ACTIVE");
    assert_eq!(s["OS-EXT-STS:vm_state"], "active");
    assert_eq!(s["OS-EXT-STS:task_state"], Value::Null);
    assert_eq!(s["OS-EXT-STS:power_state"], 1);
    assert_eq!(s["OS-EXT-AZ:availability_zone"], "nova");

    // Older microversions reference the flavor by id.
    let old = api.at("2.1");
    let (_, body) = old.get(&format!("/servers/{id}")).await;
    assert_eq!(body["server"]["flavor"]["id"], "1");

    // Rename, then delete: gone at once.
    let (status, body) = api
        .call(
            Method::PUT,
            &format!("/servers/{id}"),
            Some(json!({"server": {"name": "web-2"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["server"]["name"], "web-2");
    let (status, _) = api
        .call(Method::DELETE, &format!("/servers/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = api.get(&format!("/servers/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn listing_pages_and_filters_by_name() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.1").await;
    for name in ["app-1", "app-2", "db-1"] {
        api.create(name, "1").await;
    }
    // Five servers in total, newest first.
    let (_, body) = api.get("/servers?limit=2").await;
    let first: Vec<&str> = body["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(first, ["db-1", "app-2"]);
    let next = body["servers_links"][0]["href"]
        .as_str()
        .expect("next link");
    assert_eq!(body["servers_links"][0]["rel"], "next");
    let path = next
        .split_once("/compute/v2.1")
        .map(|(_, p)| p.to_owned())
        .expect("compute path");
    let (_, body) = api.get(&path).await;
    let second: Vec<&str> = body["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(second, ["app-1", "demo-server-2"]);
    let (_, body) = api.get("/servers?limit=10").await;
    assert_eq!(body["servers"].as_array().map(Vec::len), Some(5));
    assert!(body.get("servers_links").is_none());

    let (_, body) = api.get("/servers?name=%5Eapp-").await;
    assert_eq!(body["servers"].as_array().map(Vec::len), Some(2));
    let (_, body) = api.get("/servers?name=-1").await;
    assert_eq!(body["servers"].as_array().map(Vec::len), Some(3));
    let (_, body) = api.get("/servers/detail?status=BUILD").await;
    assert_eq!(body["servers"].as_array().map(Vec::len), Some(3));

    let (status, body) = api.get("/servers?marker=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["badRequest"]["code"], 400);
}

#[tokio::test]
async fn actions_follow_nova_states() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.1").await;
    let id = api.create("vm", "1").await;
    // Still building: stopping is refused.
    let (status, body) = api.action(&id, json!({"os-stop": null})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    api.wait_for(&id, "ACTIVE").await;

    let (status, _) = api.action(&id, json!({"os-stop": null})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    api.wait_for(&id, "SHUTOFF").await;
    let (status, body) = api.action(&id, json!({"os-stop": null})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        format!("Cannot 'stop' instance {id} while it is in vm_state stopped")
    );

    let (status, _) = api.action(&id, json!({"os-start": null})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    api.wait_for(&id, "ACTIVE").await;

    let (status, _) = api.action(&id, json!({"reboot": {"type": "SOFT"}})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(api.status_of(&id).await, "REBOOT");
    api.wait_for(&id, "ACTIVE").await;
    let (status, _) = api.action(&id, json!({"reboot": {"type": "HARD"}})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(api.status_of(&id).await, "HARD_REBOOT");
    api.wait_for(&id, "ACTIVE").await;

    let (status, _) = api.action(&id, json!({"pause": null})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    api.wait_for(&id, "PAUSED").await;
    let (status, _) = api.action(&id, json!({"suspend": null})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    api.action(&id, json!({"unpause": null})).await;
    api.wait_for(&id, "ACTIVE").await;

    let (status, _) = api.action(&id, json!({"resize": {"flavorRef": "2"}})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    api.wait_for(&id, "VERIFY_RESIZE").await;
    let (status, _) = api.action(&id, json!({"confirmResize": null})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = api.get(&format!("/servers/{id}")).await;
    assert_eq!(body["server"]["status"], "ACTIVE");
    assert_eq!(body["server"]["flavor"]["id"], "2");

    // Locked: the owner cannot stop it.
    api.action(&id, json!({"lock": null})).await;
    let (status, body) = api.action(&id, json!({"os-stop": null})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        format!("Instance {id} is locked")
    );
    api.action(&id, json!({"unlock": null})).await;

    let (status, body) = api.action(&id, json!({"fly": null})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // The action log lists what happened, newest first.
    let (status, body) = api.get(&format!("/servers/{id}/os-instance-actions")).await;
    assert_eq!(status, StatusCode::OK);
    let actions: Vec<&str> = body["instanceActions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter_map(|a| a["action"].as_str())
        .collect();
    for want in [
        "create", "stop", "start", "reboot", "resize", "lock", "unlock",
    ] {
        assert!(actions.contains(&want), "{want} in {actions:?}");
    }
    let request_id = body["instanceActions"][0]["request_id"]
        .as_str()
        .expect("request id");
    let (status, body) = api
        .get(&format!("/servers/{id}/os-instance-actions/{request_id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["instanceAction"]["action"], "unlock");
}

#[tokio::test]
async fn console_output_honours_length() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.1").await;
    let (_, body) = api.get("/servers?name=demo-server-1").await;
    let id = body["servers"][0]["id"].as_str().expect("id").to_owned();
    let (status, body) = api
        .action(&id, json!({"os-getConsoleOutput": {"length": null}}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let full = body["output"].as_str().expect("output");
    assert!(full.lines().count() > 10);
    assert!(full.contains(&id));
    let (_, body) = api
        .action(&id, json!({"os-getConsoleOutput": {"length": 3}}))
        .await;
    let tail = body["output"].as_str().expect("output");
    assert_eq!(tail.lines().count(), 3);
    assert!(full.ends_with(tail));
    assert!(tail.ends_with("login: "));
}

#[tokio::test]
async fn quota_is_enforced_at_create() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.1").await;
    // Two seeded servers use 2 cores; five m1.large need 20 more.
    let (status, body) = api
        .post(
            "/servers",
            json!({"server": {"name": "big", "flavorRef": "4", "imageRef": "x",
                   "min_count": 5}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["forbidden"]["message"],
        "Quota exceeded for cores: Requested 20, but already used 2 of 20 cores"
    );
    for i in 0..8 {
        api.create(&format!("s{i}"), "1").await;
    }
    let (status, body) = api
        .post(
            "/servers",
            json!({"server": {"name": "one-too-many", "flavorRef": "1", "imageRef": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["forbidden"]["code"], 403);
    assert_eq!(
        body["forbidden"]["message"],
        "Quota exceeded for instances: Requested 1, but already used 10 of 10 instances"
    );
}

#[tokio::test]
async fn limits_and_quota_sets_count_usage() {
    let (cloud, _dir) = start().await;
    let (token, project_id) = login(&cloud, "demo", "demo").await;
    let api = Api::compute(&cloud, token, "2.1");
    let (status, body) = api.get("/limits").await;
    assert_eq!(status, StatusCode::OK);
    let a = &body["limits"]["absolute"];
    assert_eq!(a["totalInstancesUsed"], 2);
    assert_eq!(a["totalCoresUsed"], 2);
    assert_eq!(a["totalRAMUsed"], 512 + 2048);
    assert_eq!(a["maxTotalInstances"], 10);
    assert_eq!(a["maxTotalCores"], 20);
    assert_eq!(a["maxTotalRAMSize"], 51200);

    api.create("extra", "3").await;
    let (_, body) = api.get("/limits").await;
    assert_eq!(body["limits"]["absolute"]["totalInstancesUsed"], 3);
    assert_eq!(body["limits"]["absolute"]["totalCoresUsed"], 4);

    let (status, body) = api.get(&format!("/os-quota-sets/{project_id}")).await;
    assert_eq!(status, StatusCode::OK);
    let q = &body["quota_set"];
    assert_eq!(q["instances"], 10);
    assert_eq!(q["cores"], 20);
    assert_eq!(q["ram"], 51200);
    assert_eq!(q["key_pairs"], 100);
    assert_eq!(q["server_groups"], 10);
    let (_, body) = api
        .get(&format!("/os-quota-sets/{project_id}/detail"))
        .await;
    assert_eq!(
        body["quota_set"]["instances"],
        json!({"in_use": 3, "limit": 10, "reserved": 0})
    );
    let (status, body) = api.get("/os-quota-sets/someone-else").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["forbidden"]["code"], 403);

    let (_, body) = api.get("/os-availability-zone").await;
    assert_eq!(body["availabilityZoneInfo"][0]["zoneName"], "nova");
}

#[tokio::test]
async fn keypairs_create_import_and_delete() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.2").await;
    let (status, body) = api
        .post("/os-keypairs", json!({"keypair": {"name": "k1"}}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let k = &body["keypair"];
    assert!(k["private_key"]
        .as_str()
        .is_some_and(|p| p.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")));
    assert!(k["public_key"]
        .as_str()
        .is_some_and(|p| p.starts_with("ssh-ed25519 AAAA")));
    assert_eq!(k["type"], "ssh");
    assert_eq!(k["fingerprint"].as_str().map(str::len), Some(47));

    let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop";
    let (status, body) = api
        .post(
            "/os-keypairs",
            json!({"keypair": {"name": "imported", "public_key": public}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body["keypair"].get("private_key").is_none());
    assert_eq!(body["keypair"]["public_key"], public);

    let (status, body) = api
        .post(
            "/os-keypairs",
            json!({"keypair": {"name": "bad", "public_key": "not a key"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = api
        .post("/os-keypairs", json!({"keypair": {"name": "k1"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);

    let (_, body) = api.get("/os-keypairs").await;
    let names: Vec<&str> = body["keypairs"]
        .as_array()
        .expect("keypairs")
        .iter()
        .filter_map(|k| k["keypair"]["name"].as_str())
        .collect();
    assert_eq!(names, ["imported", "k1"]);
    let (status, body) = api.get("/os-keypairs/imported").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["keypair"]["public_key"], public);

    // A server may use it.
    let (status, _) = api
        .post(
            "/servers",
            json!({"server": {"name": "keyed", "flavorRef": "1", "imageRef": "x",
                   "key_name": "imported"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);

    let (status, _) = api
        .call(Method::DELETE, "/os-keypairs/imported", None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = api.get("/os-keypairs/imported").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["itemNotFound"]["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("Keypair imported not found")));
}

#[tokio::test]
async fn metadata_and_tags() {
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.26").await;
    let id = api.create("tagged", "1").await;
    let (status, body) = api
        .post(
            &format!("/servers/{id}/metadata"),
            json!({"metadata": {"a": "1", "b": "2"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["metadata"], json!({"a": "1", "b": "2"}));
    let (status, _) = api
        .call(Method::DELETE, &format!("/servers/{id}/metadata/a"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = api.get(&format!("/servers/{id}/metadata")).await;
    assert_eq!(body["metadata"], json!({"b": "2"}));

    let (status, _) = api
        .call(Method::PUT, &format!("/servers/{id}/tags/blue"), None)
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = api.get(&format!("/servers/{id}/tags/blue")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = api.get(&format!("/servers/{id}")).await;
    assert_eq!(body["server"]["tags"], json!(["blue"]));
}

#[tokio::test]
async fn state_survives_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path()).await;
    let api = demo_api(&cloud, "2.1").await;
    let id = api.create("keeper", "2").await;
    api.wait_for(&id, "ACTIVE").await;
    api.action(&id, json!({"os-stop": null})).await;
    api.wait_for(&id, "SHUTOFF").await;
    let (status, _) = api
        .post("/os-keypairs", json!({"keypair": {"name": "kept"}}))
        .await;
    assert_eq!(status, StatusCode::OK);
    cloud.shutdown().await;

    let cloud = start_in(dir.path()).await;
    let api = demo_api(&cloud, "2.1").await;
    assert_eq!(api.status_of(&id).await, "SHUTOFF");
    let (_, body) = api.get("/servers").await;
    // Seeding did not run twice.
    assert_eq!(body["servers"].as_array().map(Vec::len), Some(3));
    let (status, _) = api.get("/os-keypairs/kept").await;
    assert_eq!(status, StatusCode::OK);
    cloud.shutdown().await;
}

#[tokio::test]
async fn create_image_snapshots_the_server() {
    const CIRROS: &str = "5e1b3b5c-8a6f-4f0e-9c55-2f0d5a2b7c01";
    let (cloud, _dir) = start().await;
    let api = demo_api(&cloud, "2.79").await;
    let (_, project_id) = login(&cloud, "demo", "demo").await;
    let (status, body) = api
        .post(
            "/servers",
            json!({"server": {"name": "snap-me", "flavorRef": "1", "imageRef": CIRROS,
                              "networks": "none"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let id = body["server"]["id"].as_str().expect("id").to_owned();
    // Still building: Nova refuses.
    let (status, body) = api
        .action(&id, json!({"createImage": {"name": "too-early"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    api.wait_for(&id, "ACTIVE").await;

    // 2.45 and later: the image id in the body.
    let (status, body) = api
        .action(
            &id,
            json!({"createImage": {"name": "snap-1", "metadata": {"purpose": "backup"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let image_id = body["image_id"].as_str().expect("image_id").to_owned();
    // The server shows the snapshot task, and a second one must wait.
    let (_, body) = api.get(&format!("/servers/{id}")).await;
    assert_eq!(body["server"]["OS-EXT-STS:task_state"], "image_snapshot");
    assert_eq!(body["server"]["status"], "ACTIVE");
    let (status, body) = api
        .action(&id, json!({"createImage": {"name": "snap-2"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        body["conflictingRequest"]["message"],
        format!("Cannot 'createImage' instance {id} while it is in task_state image_snapshot")
    );

    // The image, as Glance shows it.
    let glance_api = Api::new(&cloud, "/image/v2", api.token.clone());
    let glance = |path: &str| glance_api.request(Method::GET, path);
    let resp = glance(&format!("/images/{image_id}"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::OK);
    let img: Value = resp.json().await.expect("json");
    assert_eq!(img["name"], "snap-1");
    assert_eq!(img["status"], "active");
    assert_eq!(img["visibility"], "private");
    assert_eq!(img["owner"], project_id.as_str());
    assert_eq!(img["image_type"], "snapshot");
    assert_eq!(img["instance_uuid"], id.as_str());
    assert_eq!(img["base_image_ref"], CIRROS);
    assert!(img["user_id"].as_str().is_some_and(|u| !u.is_empty()));
    assert_eq!(img["purpose"], "backup");
    assert_eq!(img["os_distro"], "cirros", "inherited from the base image");
    assert_eq!(img["disk_format"], "qcow2");
    assert_eq!(img["min_disk"], 1, "m1.tiny's root disk");
    let base: Value = glance(&format!("/images/{CIRROS}"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(img["size"], base["size"]);
    assert_eq!(img["checksum"], base["checksum"], "a copy of the base data");
    let data = glance(&format!("/images/{image_id}/file"))
        .send()
        .await
        .expect("request");
    assert_eq!(data.status(), StatusCode::OK);
    assert_eq!(
        data.bytes().await.expect("data").len() as u64,
        base["size"].as_u64().expect("size")
    );

    // Before 2.45: no body, the image's URL in Location. The snapshot task
    // ends after the build delay (the status was ACTIVE all along).
    tokio::time::sleep(DELAY).await;
    let (status, _) = api.action(&id, json!({"os-stop": null})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    api.wait_for(&id, "SHUTOFF").await;
    // Wait for the task to clear as well as the status.
    tokio::time::sleep(DELAY).await;
    let resp = api
        .at("2.44")
        .request(Method::POST, &format!("/servers/{id}/action"))
        .json(&json!({"createImage": {"name": "snap-stopped"}}))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::ACCEPTED);
    let location = resp.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(resp.text().await.expect("body").is_empty());
    let old_id = location
        .rsplit_once("/images/")
        .map(|(_, id)| id.to_owned())
        .expect("ends in /images/{id}");
    let resp = Client::new()
        .get(&location)
        .header("x-auth-token", &api.token)
        .send()
        .await
        .expect("request");
    assert_eq!(
        resp.status(),
        StatusCode::OK,
        "Location points at the image"
    );
    let img: Value = resp.json().await.expect("json");
    assert_eq!(img["id"], old_id.as_str());
    assert_eq!(img["name"], "snap-stopped");

    // Bad bodies are Nova's 400.
    tokio::time::sleep(DELAY).await;
    for bad in [
        json!({"createImage": {}}),
        json!({"createImage": {"name": ""}}),
        json!({"createImage": {"name": "x", "metadata": {"k": 1}}}),
        json!({"createImage": {"name": "x", "color": "red"}}),
    ] {
        let (status, body) = api.action(&id, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }

    // Shelved (offloaded) servers cannot be snapshotted.
    let (status, _) = api.action(&id, json!({"shelve": null})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    api.wait_for(&id, "SHELVED_OFFLOADED").await;
    tokio::time::sleep(DELAY).await;
    let (status, body) = api
        .action(&id, json!({"createImage": {"name": "shelved"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // The action log has both snapshots.
    let (_, body) = api.get(&format!("/servers/{id}/os-instance-actions")).await;
    let snapshots = body["instanceActions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["action"] == "createImage")
        .count();
    assert_eq!(snapshots, 2);

    // Another project cannot snapshot it, nor see the images.
    let (alt_token, _) = login(&cloud, "demo", "alt_demo").await;
    let alt = Api::compute(&cloud, alt_token, "2.79");
    let (status, _) = alt
        .action(&id, json!({"createImage": {"name": "theft"}}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let resp = Api::new(&cloud, "/image/v2", alt.token.clone())
        .request(Method::GET, &format!("/images/{image_id}"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

/// PUTs a quota set update.
async fn put_quota(api: &Api, path: &str, body: Value) -> (StatusCode, Value) {
    api.call(Method::PUT, path, Some(body)).await
}

#[tokio::test]
async fn admin_updates_and_reverts_quotas() {
    let (cloud, _dir) = start().await;
    let (token, demo_project) = login(&cloud, "demo", "demo").await;
    let demo = Api::compute(&cloud, token, "2.1");
    let (token, _) = login(&cloud, "admin", "admin").await;
    let admin = Api::compute(&cloud, token, "2.1");
    let quota_path = format!("/os-quota-sets/{demo_project}");

    // Only admins may update.
    let (status, body) =
        put_quota(&demo, &quota_path, json!({"quota_set": {"instances": 50}})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({"forbidden": {"code": 403, "message":
            "Policy doesn't allow os_compute_api:os-quota-sets:update to be performed."}})
    );
    // Values are integers from -1 up, and only known quotas.
    for bad in [
        json!({"quota_set": {"instances": "lots"}}),
        json!({"quota_set": {"instances": -2}}),
        json!({"quota_set": {"cores": 1.5}}),
        json!({"quota_set": {"ram": null}}),
    ] {
        let (status, body) = put_quota(&admin, &quota_path, bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(body["badRequest"]["code"], 400);
        assert!(
            body["badRequest"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("Invalid input for field/attribute ")),
            "{body}"
        );
    }
    let (status, body) =
        put_quota(&admin, &quota_path, json!({"quota_set": {"instances": -2}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Invalid input for field/attribute instances. Value: -2. -2 is less than the minimum of -1"
    );
    let (status, body) = put_quota(&admin, &quota_path, json!({"quota_set": {"widgets": 3}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["badRequest"]["message"].as_str().is_some_and(
        |m| m.ends_with("Additional properties are not allowed ('widgets' was unexpected)")
    ));
    let (status, _) = put_quota(&admin, &quota_path, json!({"quota": {"instances": 3}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, body) = admin
        .call(
            Method::PUT,
            "/os-quota-sets/no-such-project",
            Some(json!({"quota_set": {"instances": 3}})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Project ID no-such-project is not a valid project."
    );

    // Raising the limit lets demo go beyond the default 10 instances.
    let (status, body) = put_quota(
        &admin,
        &quota_path,
        json!({"quota_set": {"instances": "12"}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let q = &body["quota_set"];
    assert!(q.get("id").is_none(), "update answers without id: {body}");
    assert_eq!(q["instances"], 12);
    assert_eq!(q["cores"], 20);
    assert_eq!(q["key_pairs"], 100);
    let (_, body) = demo.get(&quota_path).await;
    assert_eq!(body["quota_set"]["instances"], 12);
    assert_eq!(body["quota_set"]["id"], demo_project.as_str());
    let (_, body) = demo.get("/limits").await;
    assert_eq!(body["limits"]["absolute"]["maxTotalInstances"], 12);
    for i in 0..10 {
        demo.create(&format!("q{i}"), "1").await;
    }
    let (status, body) = demo
        .post(
            "/servers",
            json!({"server": {"name": "thirteenth", "flavorRef": "1", "imageRef": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["forbidden"]["message"],
        "Quota exceeded for instances: Requested 1, but already used 12 of 12 instances"
    );
    let (_, body) = demo.get(&format!("{quota_path}/detail")).await;
    assert_eq!(
        body["quota_set"]["instances"],
        json!({"in_use": 12, "limit": 12, "reserved": 0})
    );
    // Defaults stay the defaults.
    let (_, body) = demo.get(&format!("{quota_path}/defaults")).await;
    assert_eq!(body["quota_set"]["instances"], 10);

    // A limit below usage needs force.
    let (status, body) =
        put_quota(&admin, &quota_path, json!({"quota_set": {"instances": 5}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Quota limit 5 for instances must be greater than or equal to already used and reserved 12."
    );
    let (status, body) = put_quota(&admin, &quota_path, json!({"quota_set": {"cores": 3}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Quota limit 3 for cores must be greater than or equal to already used and reserved 12."
    );
    let (status, body) = put_quota(
        &admin,
        &quota_path,
        json!({"quota_set": {"instances": 5, "force": true}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["quota_set"]["instances"], 5);
    let (_, body) = demo.get("/limits").await;
    assert_eq!(body["limits"]["absolute"]["maxTotalInstances"], 5);

    // -1 is unlimited.
    let (status, body) = put_quota(
        &admin,
        &quota_path,
        json!({"quota_set": {"instances": -1, "cores": -1, "ram": -1}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["quota_set"]["instances"], -1);
    demo.create("unlimited", "1").await;
    let (_, body) = demo.get("/limits").await;
    let a = &body["limits"]["absolute"];
    assert_eq!(a["maxTotalInstances"], -1);
    assert_eq!(a["maxTotalCores"], -1);
    assert_eq!(a["maxTotalRAMSize"], -1);
    assert_eq!(a["totalInstancesUsed"], 13);

    // DELETE reverts to the defaults; only admins may.
    let (status, body) = demo.call(Method::DELETE, &quota_path, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["forbidden"]["message"],
        "Policy doesn't allow os_compute_api:os-quota-sets:delete to be performed."
    );
    let (status, body) = admin.call(Method::DELETE, &quota_path, None).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(body, Value::Null);
    let (_, body) = demo.get(&quota_path).await;
    assert_eq!(body["quota_set"]["instances"], 10);
    assert_eq!(body["quota_set"]["cores"], 20);
    assert_eq!(body["quota_set"]["ram"], 51200);
    let (status, _) = demo
        .post(
            "/servers",
            json!({"server": {"name": "over", "flavorRef": "1", "imageRef": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn quota_overrides_persist_and_apply_everywhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path()).await;
    let (_, demo_project) = login(&cloud, "demo", "demo").await;
    let (token, _) = login(&cloud, "admin", "admin").await;
    let admin = Api::compute(&cloud, token, "2.1");
    let quota_path = format!("/os-quota-sets/{demo_project}");
    let (status, body) = admin
        .call(
            Method::PUT,
            &quota_path,
            Some(json!({"quota_set": {
                "instances": 30, "key_pairs": 1, "server_groups": 0,
                "server_group_members": 7, "metadata_items": 2,
            }})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    cloud.shutdown().await;

    let cloud = start_in(dir.path()).await;
    let demo = demo_api(&cloud, "2.1").await;
    let (_, body) = demo.get(&quota_path).await;
    let q = &body["quota_set"];
    assert_eq!(q["instances"], 30);
    assert_eq!(q["key_pairs"], 1);
    assert_eq!(q["server_groups"], 0);
    assert_eq!(q["server_group_members"], 7);
    assert_eq!(q["metadata_items"], 2);
    assert_eq!(q["cores"], 20);
    let (_, body) = demo.get("/limits").await;
    let a = &body["limits"]["absolute"];
    assert_eq!(a["maxTotalInstances"], 30);
    assert_eq!(a["maxTotalKeypairs"], 1);
    assert_eq!(a["maxServerGroups"], 0);
    assert_eq!(a["maxServerGroupMembers"], 7);
    assert_eq!(a["maxServerMeta"], 2);
    assert_eq!(a["maxImageMeta"], 2);

    // The overrides are what key pairs, server groups and metadata obey.
    let (status, _) = demo
        .post("/os-keypairs", json!({"keypair": {"name": "only"}}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = demo
        .post("/os-keypairs", json!({"keypair": {"name": "second"}}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = demo
        .post(
            "/os-server-groups",
            json!({"server_group": {"name": "g", "policies": ["affinity"]}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = demo
        .post(
            "/servers",
            json!({"server": {"name": "meta", "flavorRef": "1", "imageRef": "x",
                   "metadata": {"a": "1", "b": "2", "c": "3"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["forbidden"]["message"],
        "Quota exceeded for metadata_items: Requested 3, but already used 0 of 2 metadata_items"
    );
    let id = demo.create("meta-ok", "1").await;
    let (status, _) = demo
        .post(
            &format!("/servers/{id}/metadata"),
            json!({"metadata": {"a": "1", "b": "2"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = demo
        .post(
            &format!("/servers/{id}/metadata"),
            json!({"metadata": {"c": "3"}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    cloud.shutdown().await;
}

// ---------------------------------------------------------------------------
// Simple tenant usage

/// A `start`/`end` query value `offset` from now, in Nova's format.
fn usage_time(offset: chrono::Duration) -> String {
    (chrono::Utc::now() + offset)
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string()
}

/// The usage of `id` in a `tenant_usage`, if listed.
fn server_usage<'a>(usage: &'a Value, id: &str) -> Option<&'a Value> {
    usage["server_usages"]
        .as_array()?
        .iter()
        .find(|s| s["instance_id"] == id)
}

fn assert_close(a: &Value, b: f64) {
    let a = a.as_f64().expect("a number");
    assert!((a - b).abs() < 1e-6, "{a} != {b}");
}

/// Checks that a usage's totals are its servers' hours times their sizes.
fn assert_totals(usage: &Value) {
    let servers = usage["server_usages"].as_array().expect("server_usages");
    let sum = |f: &dyn Fn(&Value) -> f64| servers.iter().map(f).sum::<f64>();
    let hours = |s: &Value| s["hours"].as_f64().expect("hours");
    let times = |key: &'static str| move |s: &Value| hours(s) * s[key].as_f64().expect(key);
    assert_close(&usage["total_hours"], sum(&hours));
    assert_close(&usage["total_vcpus_usage"], sum(&times("vcpus")));
    assert_close(&usage["total_memory_mb_usage"], sum(&times("memory_mb")));
    assert_close(&usage["total_local_gb_usage"], sum(&times("local_gb")));
}

#[tokio::test]
async fn tenant_usage_counts_servers_in_the_window() {
    let (cloud, _dir) = start().await;
    let (token, project_id) = login(&cloud, "demo", "demo").await;
    let demo = Api::compute(&cloud, token, "2.1");
    let id = demo.create("metered", "3").await;
    demo.wait_for(&id, "ACTIVE").await;
    tokio::time::sleep(Duration::from_millis(100)).await;

    let query = format!(
        "start={}&end={}",
        usage_time(chrono::Duration::days(-1)),
        usage_time(chrono::Duration::hours(1))
    );
    let show = format!("/os-simple-tenant-usage/{project_id}?{query}");
    let (status, body) = demo.get(&show).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let usage = &body["tenant_usage"];
    assert_eq!(usage["tenant_id"], project_id.as_str());
    // The end is cut at now; times are Nova's naive ones.
    assert!(usage["stop"].as_str().is_some_and(|t| !t.ends_with('Z')));
    let s = server_usage(usage, &id).expect("the new server is counted");
    let hours = s["hours"].as_f64().expect("hours");
    assert!(hours > 0.0 && hours < 0.01, "{hours}");
    assert_eq!(s["name"], "metered");
    assert_eq!(s["flavor"], "m1.medium");
    assert_eq!(
        (&s["vcpus"], &s["memory_mb"], &s["local_gb"]),
        (&json!(2), &json!(4096), &json!(40))
    );
    assert_eq!(s["state"], "active");
    assert_eq!(s["ended_at"], Value::Null);
    assert_eq!(s["tenant_id"], project_id.as_str());
    assert!(s["uptime"].as_i64().is_some());
    // The seeded servers ran for about an hour of the window.
    assert_eq!(usage["server_usages"].as_array().map(Vec::len), Some(3));
    assert!(usage["total_hours"].as_f64().is_some_and(|h| h > 1.9));
    assert_totals(usage);
    assert!(!body
        .as_object()
        .is_some_and(|o| o.contains_key("tenant_usage_links")));

    // A deleted server still counts for the time it lived.
    let (status, _) = demo
        .call(Method::DELETE, &format!("/servers/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let (_, body) = demo.get(&show).await;
    let usage = &body["tenant_usage"];
    let s = server_usage(usage, &id).expect("the deleted server is counted");
    assert_eq!(s["state"], "terminated");
    assert!(s["ended_at"].as_str().is_some());
    let lived = s["hours"].as_f64().expect("hours");
    assert!(lived >= hours && lived < 0.01, "{lived}");
    assert_totals(usage);
    let (_, again) = demo.get(&show).await;
    assert_eq!(
        server_usage(&again["tenant_usage"], &id).map(|s| &s["hours"]),
        Some(&s["hours"]),
        "a deleted server stops counting"
    );

    // Before anything existed there is no usage: an empty object.
    let (status, body) = demo
        .get(&format!(
            "/os-simple-tenant-usage/{project_id}?start=2020-01-01T00:00:00&end=2020-01-02T00:00:00.000000"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"tenant_usage": {}}));

    // Bad times.
    let (status, body) = demo
        .get(&format!(
            "/os-simple-tenant-usage/{project_id}?start=yesterday"
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({"badRequest": {"code": 400, "message":
            "Invalid datetime string: Datetime is in invalid format"}})
    );
    let (status, body) = demo
        .get(&format!(
            "/os-simple-tenant-usage/{project_id}?start=2026-11-02T00:00:00Z&end=2026-11-01T00:00:00Z"
        ))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Invalid start time. The start time cannot occur after the end time."
    );

    // Another project's usage, and every project's, are for admins.
    let (status, body) = demo
        .get(&format!("/os-simple-tenant-usage/someone-else?{query}"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body,
        json!({"forbidden": {"code": 403, "message":
            "Policy doesn't allow os_compute_api:os-simple-tenant-usage:show to be performed."}})
    );
    let (status, body) = demo.get(&format!("/os-simple-tenant-usage?{query}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["forbidden"]["message"],
        "Policy doesn't allow os_compute_api:os-simple-tenant-usage:list to be performed."
    );

    let (token, _) = login(&cloud, "admin", "admin").await;
    let admin = Api::compute(&cloud, token, "2.1");
    let (status, body) = admin
        .get(&format!("/os-simple-tenant-usage/{project_id}?{query}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(server_usage(&body["tenant_usage"], &id).is_some());
    let (status, body) = admin
        .get(&format!("/os-simple-tenant-usage?{query}&detailed=1"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let usages = body["tenant_usages"].as_array().expect("tenant_usages");
    let demo_usage = usages
        .iter()
        .find(|u| u["tenant_id"] == project_id.as_str())
        .expect("the demo project is listed");
    assert!(server_usage(demo_usage, &id).is_some());
    assert_totals(demo_usage);
    let (_, body) = admin.get(&format!("/os-simple-tenant-usage?{query}")).await;
    let summary = body["tenant_usages"]
        .as_array()
        .and_then(|u| u.iter().find(|u| u["tenant_id"] == project_id.as_str()))
        .expect("the demo project is listed");
    assert!(summary.get("server_usages").is_none());
    // Live servers keep counting up to now, so only nearly equal.
    let total = |u: &Value| u["total_hours"].as_f64().expect("total_hours");
    assert!((total(summary) - total(demo_usage)).abs() < 0.01);
}

#[tokio::test]
async fn tenant_usage_pages_from_2_40() {
    let (cloud, _dir) = start().await;
    let (token, project_id) = login(&cloud, "demo", "demo").await;
    let mut demo = Api::compute(&cloud, token, "2.40");
    let query = format!(
        "start={}&end={}",
        usage_time(chrono::Duration::days(-1)),
        usage_time(chrono::Duration::zero())
    );
    let base = format!("/os-simple-tenant-usage/{project_id}");
    let (_, whole) = demo.get(&format!("{base}?{query}")).await;
    assert_eq!(
        whole["tenant_usage"]["server_usages"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert!(whole.get("tenant_usage_links").is_none());

    // One server a page, following the next links.
    let mut next = Some(format!("{base}?{query}&limit=1"));
    let (mut ids, mut hours, mut pages) = (Vec::new(), 0.0, 0);
    while let Some(page) = next.take() {
        let (status, body) = demo.get(&page).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        pages += 1;
        let usage = &body["tenant_usage"];
        if let Some(servers) = usage["server_usages"].as_array() {
            ids.extend(servers.iter().map(|s| s["instance_id"].clone()));
            hours += usage["total_hours"].as_f64().expect("hours");
        }
        next = body["tenant_usage_links"][0]["href"].as_str().map(|href| {
            assert!(href.contains("limit=1&marker="), "{href}");
            href.split_once("/compute/v2.1")
                .map(|(_, rest)| rest.to_owned())
                .expect("a compute link")
        });
    }
    // Two full pages, then an empty one ends it.
    assert_eq!(pages, 3);
    let mut want: Vec<Value> = whole["tenant_usage"]["server_usages"]
        .as_array()
        .expect("servers")
        .iter()
        .map(|s| s["instance_id"].clone())
        .collect();
    want.sort_by_key(|v| v.to_string());
    assert_eq!(ids, want, "pages are ordered by id");
    assert!(
        (hours
            - whole["tenant_usage"]["total_hours"]
                .as_f64()
                .expect("hours"))
        .abs()
            < 0.01
    );

    let (status, body) = demo.get(&format!("{base}?{query}&marker=nope")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Marker nope could not be found."
    );
    let (status, _) = demo.get(&format!("{base}?{query}&limit=x")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Before 2.40 paging parameters are ignored; from 2.75 unknown ones fail.
    demo = demo.at("2.39");
    let (_, body) = demo.get(&format!("{base}?{query}&limit=1")).await;
    assert_eq!(
        body["tenant_usage"]["server_usages"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert!(body.get("tenant_usage_links").is_none());
    demo = demo.at("2.75");
    let (status, body) = demo.get(&format!("{base}?{query}&detailed=1")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Additional properties are not allowed ('detailed' was unexpected)"
    );
}
