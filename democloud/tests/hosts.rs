//! End-to-end tests of Nova's compute hosts over real HTTP: hypervisors,
//! services, aggregates and availability zones, the scheduler, and the
//! guest CPU topology (console output, diagnostics).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use democloud::DemoCloud;
use reqwest::StatusCode;
use serde_json::{json, Value};

use common::Api;

// ---------------------------------------------------------------------------
// Helpers

const DELAY: Duration = Duration::from_millis(300);
const CIRROS: &str = "5e1b3b5c-8a6f-4f0e-9c55-2f0d5a2b7c01";
const UBUNTU: &str = "9d3c6a1e-2b7f-4c8d-a0e5-6f1b2c3d4e02";
const NO_VALID_HOST: &str = "No valid host was found. There are not enough hosts available.";

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|c| c.build_delay = DELAY).await
}

async fn start_in(dir: &Path) -> DemoCloud {
    common::start_in(dir, |c| c.build_delay = DELAY).await
}

/// The cloud's database, for what the API cannot set up (extra specs,
/// image properties, an old schema).
fn db(dir: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(dir.join("democloud.sqlite")).expect("open db");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    conn
}

fn set_extra_specs(dir: &Path, flavor: &str, specs: &[(&str, &str)]) {
    let conn = db(dir);
    for (k, v) in specs {
        conn.execute(
            "INSERT OR REPLACE INTO flavor_extra_specs (flavor_id, key, value) VALUES (?1, ?2, ?3)",
            rusqlite::params![flavor, k, v],
        )
        .expect("extra spec");
    }
}

fn set_image_property(dir: &Path, image: &str, name: &str, value: &str) {
    db(dir)
        .execute(
            "INSERT OR REPLACE INTO image_properties (image_id, name, value) VALUES (?1, ?2, ?3)",
            rusqlite::params![image, name, value],
        )
        .expect("image property");
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Logs `user` in to its own project: a caller of Nova at `version`.
async fn nova(cloud: &DemoCloud, user: &str, version: &str) -> Api {
    let (token, _) = common::login(cloud, user, user).await;
    Api::compute(cloud, token, version)
}

/// Servers, hypervisors, services and aggregates, for the tests.
trait Hosts {
    /// Creates a server from `extra` merged into a minimal body.
    async fn create_with(&self, name: &str, flavor: &str, extra: Value) -> String;
    async fn create(&self, name: &str, flavor: &str) -> String;
    async fn server(&self, id: &str) -> Value;
    /// Polls until the server shows `want`, failing after a few seconds.
    async fn wait_for(&self, id: &str, want: &str) -> Value;
    async fn host_of(&self, id: &str) -> String;
    /// The detailed hypervisor on `host`.
    async fn hypervisor(&self, host: &str) -> Value;
    /// The uuid of the nova-compute service on `host` (2.53+).
    async fn compute_service(&self, host: &str) -> String;
    async fn set_service(&self, host: &str, body: Value) -> Value;
    async fn create_aggregate(&self, name: &str, zone: Option<&str>) -> i64;
    async fn aggregate_action(&self, id: i64, body: Value) -> (StatusCode, Value);
}

impl Hosts for Api {
    async fn create_with(&self, name: &str, flavor: &str, extra: Value) -> String {
        let mut server = json!({"name": name, "flavorRef": flavor, "imageRef": UBUNTU,
                                "networks": "none"});
        if let (Some(s), Some(e)) = (server.as_object_mut(), extra.as_object()) {
            s.extend(e.clone());
        }
        let (status, body) = self.post("/servers", json!({"server": server})).await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        body["server"]["id"].as_str().expect("id").to_owned()
    }

    async fn create(&self, name: &str, flavor: &str) -> String {
        self.create_with(name, flavor, json!({})).await
    }

    async fn server(&self, id: &str) -> Value {
        let (status, body) = self.get(&format!("/servers/{id}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["server"].clone()
    }

    async fn wait_for(&self, id: &str, want: &str) -> Value {
        for _ in 0..50 {
            let s = self.server(id).await;
            if s["status"] == want {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("server {id} never became {want}");
    }

    async fn host_of(&self, id: &str) -> String {
        self.server(id).await["OS-EXT-SRV-ATTR:host"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    async fn hypervisor(&self, host: &str) -> Value {
        let (status, body) = self.get("/os-hypervisors/detail").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["hypervisors"]
            .as_array()
            .expect("list")
            .iter()
            .find(|h| h["hypervisor_hostname"] == host)
            .cloned()
            .unwrap_or(Value::Null)
    }

    async fn compute_service(&self, host: &str) -> String {
        let (status, body) = self
            .at("2.53")
            .get(&format!("/os-services?binary=nova-compute&host={host}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["services"][0]["id"]
            .as_str()
            .expect("service id")
            .to_owned()
    }

    async fn set_service(&self, host: &str, body: Value) -> Value {
        let id = self.compute_service(host).await;
        let (status, body) = self
            .at("2.53")
            .put(&format!("/os-services/{id}"), body)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    async fn create_aggregate(&self, name: &str, zone: Option<&str>) -> i64 {
        let (status, body) = self
            .post(
                "/os-aggregates",
                json!({"aggregate": {"name": name, "availability_zone": zone}}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["aggregate"]["id"].as_i64().expect("aggregate id")
    }

    async fn aggregate_action(&self, id: i64, body: Value) -> (StatusCode, Value) {
        self.post(&format!("/os-aggregates/{id}/action"), body)
            .await
    }
}

fn policy(rule: &str) -> Value {
    json!({"forbidden": {"code": 403, "message":
        format!("Policy doesn't allow {rule} to be performed.")}})
}

// ---------------------------------------------------------------------------
// Hypervisors

#[tokio::test]
async fn hypervisor_numbers_follow_servers() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.53").await;
    let demo = nova(&cloud, "demo", "2.53").await;

    // Three hosts of different sizes; the seeded servers (m1.tiny and
    // m1.small) went where most RAM was free.
    let (status, body) = admin.get("/os-hypervisors").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let names: Vec<&str> = body["hypervisors"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|h| h["hypervisor_hostname"].as_str())
        .collect();
    assert_eq!(names, ["compute-1", "compute-2", "compute-3"]);
    let first = &body["hypervisors"][0];
    assert_eq!(first["state"], "up");
    assert_eq!(first["status"], "enabled");
    assert!(first["id"].as_str().is_some_and(|id| id.len() == 36));
    assert!(first.get("vcpus").is_none());

    let c2 = admin.hypervisor("compute-2").await;
    assert_eq!(c2["vcpus"], 32);
    assert_eq!(c2["memory_mb"], 131072);
    assert_eq!(c2["local_gb"], 2000);
    assert_eq!(c2["vcpus_used"], 2);
    assert_eq!(c2["memory_mb_used"], 512 + 2048);
    assert_eq!(c2["local_gb_used"], 1 + 20);
    assert_eq!(c2["free_ram_mb"], 131072 - 2560);
    assert_eq!(c2["free_disk_gb"], 2000 - 21);
    assert_eq!(c2["running_vms"], 2);
    assert_eq!(c2["current_workload"], 0);
    assert_eq!(c2["hypervisor_type"], "QEMU");
    assert_eq!(c2["host_ip"], "192.168.100.12");
    assert_eq!(c2["service"]["host"], "compute-2");
    assert_eq!(c2["service"]["disabled_reason"], Value::Null);
    assert_eq!(c2["cpu_info"]["topology"]["sockets"], 2);
    let c1 = admin.hypervisor("compute-1").await;
    assert_eq!(
        (c1["vcpus_used"].clone(), c1["running_vms"].clone()),
        (json!(0), json!(0))
    );

    let (_, stats) = admin.get("/os-hypervisors/statistics").await;
    let stats = &stats["hypervisor_statistics"];
    assert_eq!(stats["count"], 3);
    assert_eq!(stats["vcpus"], 16 + 32 + 8);
    assert_eq!(stats["memory_mb"], 32768 + 131072 + 16384);
    assert_eq!(stats["local_gb"], 500 + 2000 + 250);
    assert_eq!(stats["vcpus_used"], 2);
    assert_eq!(stats["running_vms"], 2);

    // A new m1.large lands on compute-2 too, and counts at once.
    let id = demo.create("big", "4").await;
    assert_eq!(admin.host_of(&id).await, "compute-2");
    let s = admin.server(&id).await;
    assert_eq!(s["OS-EXT-SRV-ATTR:hypervisor_hostname"], "compute-2");
    let c2 = admin.hypervisor("compute-2").await;
    assert_eq!(c2["vcpus_used"], 2 + 4);
    assert_eq!(c2["memory_mb_used"], 2560 + 8192);
    assert_eq!(c2["local_gb_used"], 21 + 80);
    assert_eq!(c2["running_vms"], 3);
    // Still building: a task is under way.
    assert_eq!(c2["current_workload"], 1);
    let (_, stats) = admin.get("/os-hypervisors/statistics").await;
    assert_eq!(
        stats["hypervisor_statistics"]["memory_mb_used"],
        2560 + 8192
    );
    demo.wait_for(&id, "ACTIVE").await;
    assert_eq!(admin.hypervisor("compute-2").await["current_workload"], 0);
    // The owner sees an opaque hostId, never the host.
    let mine = demo.server(&id).await;
    assert!(mine.get("OS-EXT-SRV-ATTR:host").is_none());
    assert_eq!(mine["hostId"].as_str().map(str::len), Some(56));

    // Deleting gives it all back.
    let (status, _) = demo.delete(&format!("/servers/{id}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let c2 = admin.hypervisor("compute-2").await;
    assert_eq!(c2["vcpus_used"], 2);
    assert_eq!(c2["memory_mb_used"], 2560);
    assert_eq!(c2["running_vms"], 2);

    // Shelved-offloaded servers hold nothing; unshelving schedules again.
    let seeded = admin
        .get("/servers?all_tenants=1&name=demo-server-1")
        .await
        .1["servers"][0]["id"]
        .as_str()
        .expect("seeded")
        .to_owned();
    let (status, _) = demo
        .post(
            &format!("/servers/{seeded}/action"),
            json!({"shelve": null}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    demo.wait_for(&seeded, "SHELVED_OFFLOADED").await;
    assert_eq!(
        admin.server(&seeded).await["OS-EXT-SRV-ATTR:host"],
        Value::Null
    );
    assert_eq!(admin.hypervisor("compute-2").await["running_vms"], 1);
    demo.post(
        &format!("/servers/{seeded}/action"),
        json!({"unshelve": null}),
    )
    .await;
    demo.wait_for(&seeded, "ACTIVE").await;
    assert_eq!(admin.host_of(&seeded).await, "compute-2");
    assert_eq!(admin.hypervisor("compute-2").await["running_vms"], 2);

    // Admin only, with Nova's policy names.
    let (status, body) = demo.get("/os-hypervisors").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body, policy("os_compute_api:os-hypervisors:list"));
    let (_, body) = demo.get("/os-hypervisors/statistics").await;
    assert_eq!(body, policy("os_compute_api:os-hypervisors:statistics"));
    cloud.shutdown().await;
}

#[tokio::test]
async fn hypervisor_ids_paging_and_searches_follow_microversions() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.1").await;

    // Integer ids and a JSON string cpu_info at first.
    let (_, body) = admin.get("/os-hypervisors/detail").await;
    let first = &body["hypervisors"][0];
    assert_eq!(first["id"], 1);
    assert!(first["cpu_info"]
        .as_str()
        .is_some_and(|c| c.contains("x86_64")));
    assert!(first["service"]["id"].is_i64());
    let (status, body) = admin.get("/os-hypervisors/2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hypervisor"]["hypervisor_hostname"], "compute-2");
    let (status, body) = admin.get("/os-hypervisors/99").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        "Hypervisor with ID '99' could not be found."
    );
    let (status, _) = admin.get("/os-hypervisors/abc").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The pre-2.53 search routes: substrings of the name.
    let (status, body) = admin.get("/os-hypervisors/compute/search").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["hypervisors"].as_array().map(Vec::len), Some(3));
    let (status, body) = admin.get("/os-hypervisors/nowhere/search").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        "No hypervisor matching 'nowhere' could be found."
    );
    let (_, body) = admin.get("/os-hypervisors/compute-2/servers").await;
    let servers = body["hypervisors"][0]["servers"]
        .as_array()
        .expect("servers");
    assert_eq!(servers.len(), 2);
    assert!(servers[0]["name"]
        .as_str()
        .is_some_and(|n| n.starts_with("instance-")));
    // compute-1 has none: no key at all before 2.75.
    let (_, body) = admin.get("/os-hypervisors/compute-1/servers").await;
    assert!(body["hypervisors"][0].get("servers").is_none());

    // 2.28 makes cpu_info an object; 2.33 pages.
    let v233 = admin.at("2.33");
    let (_, body) = v233.get("/os-hypervisors/detail?limit=2").await;
    assert_eq!(body["hypervisors"].as_array().map(Vec::len), Some(2));
    assert_eq!(body["hypervisors"][0]["cpu_info"]["arch"], "x86_64");
    let next = body["hypervisors_links"][0]["href"].as_str().expect("next");
    assert!(
        next.ends_with("/compute/v2.1/os-hypervisors/detail?limit=2&marker=2"),
        "{next}"
    );
    let (_, body) = v233.get("/os-hypervisors?limit=2&marker=2").await;
    assert_eq!(body["hypervisors"][0]["hypervisor_hostname"], "compute-3");
    assert!(body.get("hypervisors_links").is_none());
    let (status, body) = v233.get("/os-hypervisors?marker=42").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["badRequest"]["message"], "marker [42] not found");

    // 2.53: uuids, query parameters instead of routes.
    let v253 = admin.at("2.53");
    let (status, _) = v253.get("/os-hypervisors/compute/search").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = v253.get("/os-hypervisors/1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["badRequest"]["message"], "Invalid uuid 1");
    let (_, body) = v253
        .get("/os-hypervisors?hypervisor_hostname_pattern=compute-2&with_servers=true")
        .await;
    let list = body["hypervisors"].as_array().expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["servers"].as_array().map(Vec::len), Some(2));
    let uuid = list[0]["id"].as_str().expect("uuid").to_owned();
    let (_, body) = v253
        .get(&format!("/os-hypervisors/{uuid}?with_servers=1"))
        .await;
    assert_eq!(
        body["hypervisor"]["servers"].as_array().map(Vec::len),
        Some(2)
    );
    assert!(body["hypervisor"]["service"]["id"].is_string());
    let (status, body) = v253
        .get("/os-hypervisors?hypervisor_hostname_pattern=compute&limit=1")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Paging over hypervisors with the hypervisor_hostname_pattern query parameter is \
         not supported."
    );
    let (status, _) = v253.get("/os-hypervisors?bogus=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // 2.75 shows an empty list that was asked for.
    let (_, body) = admin
        .at("2.75")
        .get("/os-hypervisors?hypervisor_hostname_pattern=compute-1&with_servers=true")
        .await;
    assert_eq!(body["hypervisors"][0]["servers"], json!([]));
    let (status, body) = v253.get(&format!("/os-hypervisors/{uuid}/uptime")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["hypervisor"]["uptime"]
        .as_str()
        .is_some_and(|u| u.contains("load average")));
    cloud.shutdown().await;
}

// ---------------------------------------------------------------------------
// Scheduling and services

#[tokio::test]
async fn scheduling_prefers_most_free_ram() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.53").await;
    let demo = nova(&cloud, "demo", "2.53").await;

    // Without the big host, compute-1 (32 GB) beats compute-3 (16 GB)
    // until it has less free RAM left.
    let body = admin
        .set_service(
            "compute-2",
            json!({"status": "disabled", "disabled_reason": "maintenance"}),
        )
        .await;
    assert_eq!(body["service"]["status"], "disabled");
    assert_eq!(body["service"]["disabled_reason"], "maintenance");
    let a = demo.create("a", "4").await; // 8 GB
    assert_eq!(admin.host_of(&a).await, "compute-1");
    let b = demo.create("b", "5").await; // 16 GB: 24 GB free on compute-1
    assert_eq!(admin.host_of(&b).await, "compute-1");
    let c = demo.create("c", "1").await; // 8 GB left there, 16 on compute-3
    assert_eq!(admin.host_of(&c).await, "compute-3");

    let c2 = admin.hypervisor("compute-2").await;
    assert_eq!(c2["status"], "disabled");
    assert_eq!(c2["service"]["disabled_reason"], "maintenance");
    // Statistics leave disabled hosts out.
    let (_, stats) = admin.get("/os-hypervisors/statistics").await;
    assert_eq!(stats["hypervisor_statistics"]["count"], 2);
    assert_eq!(stats["hypervisor_statistics"]["vcpus"], 16 + 8);

    // Back on: the big host wins again.
    admin
        .set_service("compute-2", json!({"status": "enabled"}))
        .await;
    let d = demo.create("d", "1").await;
    assert_eq!(admin.host_of(&d).await, "compute-2");
    cloud.shutdown().await;
}

#[tokio::test]
async fn disabled_or_down_services_take_no_servers() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.53").await;
    let demo = nova(&cloud, "demo", "2.53").await;

    for host in ["compute-1", "compute-2", "compute-3"] {
        admin.set_service(host, json!({"status": "disabled"})).await;
    }
    // The zone is now unavailable.
    let (_, zones) = demo.get("/os-availability-zone").await;
    assert_eq!(
        zones["availabilityZoneInfo"],
        json!([{"zoneName": "nova", "zoneState": {"available": false}, "hosts": null}])
    );

    // Accepted, then ERROR with the scheduler's fault.
    let id = demo.create("homeless", "1").await;
    let s = demo.wait_for(&id, "ERROR").await;
    assert_eq!(s["fault"]["code"], 500);
    assert_eq!(s["fault"]["message"], NO_VALID_HOST);
    assert!(s["fault"].get("details").is_none(), "{s}");
    assert!(s["fault"]["created"]
        .as_str()
        .is_some_and(|t| t.ends_with('Z')));
    assert_eq!(s["hostId"], "");
    assert_eq!(s["OS-EXT-SRV-ATTR:host"], Value::Null);
    assert_eq!(s["OS-SRV-USG:launched_at"], Value::Null);
    let seen = admin.server(&id).await;
    assert_eq!(seen["OS-EXT-SRV-ATTR:host"], Value::Null);
    assert!(seen["fault"]["details"]
        .as_str()
        .is_some_and(|d| d.contains("NoValidHost")));

    // The legacy API enables compute-3 again by host and binary.
    let legacy = admin.at("2.1");
    let (status, body) = legacy
        .put(
            "/os-services/enable",
            json!({"host": "compute-3", "binary": "nova-compute"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"service": {"host": "compute-3", "binary": "nova-compute", "status": "enabled"}})
    );
    let id = demo.create("lucky", "1").await;
    demo.wait_for(&id, "ACTIVE").await;
    assert_eq!(admin.host_of(&id).await, "compute-3");

    // Forced down: still enabled, but down, and skipped.
    let body = admin
        .set_service("compute-3", json!({"forced_down": true}))
        .await;
    assert_eq!(body["service"]["state"], "down");
    assert_eq!(body["service"]["forced_down"], true);
    assert_eq!(body["service"]["status"], "enabled");
    assert_eq!(admin.hypervisor("compute-3").await["state"], "down");
    let id = demo.create("down", "1").await;
    demo.wait_for(&id, "ERROR").await;
    let (status, body) = legacy
        .at("2.11")
        .put(
            "/os-services/force-down",
            json!({"host": "compute-3", "binary": "nova-compute", "forced_down": false}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["service"]["forced_down"], false);
    let (status, body) = legacy
        .put(
            "/os-services/disable-log-reason",
            json!({"host": "compute-3", "binary": "nova-compute", "disabled_reason": "full"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["service"]["disabled_reason"], "full");
    cloud.shutdown().await;
}

#[tokio::test]
async fn services_list_update_and_delete() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.1").await;
    let demo = nova(&cloud, "demo", "2.1").await;

    let (status, body) = admin.get("/os-services").await;
    assert_eq!(status, StatusCode::OK);
    let list = body["services"].as_array().expect("services");
    assert_eq!(list.len(), 5);
    let scheduler = list
        .iter()
        .find(|s| s["binary"] == "nova-scheduler")
        .expect("scheduler");
    assert_eq!(scheduler["host"], "controller");
    assert_eq!(scheduler["zone"], "internal");
    assert_eq!(scheduler["state"], "up");
    assert!(scheduler["id"].is_i64());
    assert!(scheduler.get("forced_down").is_none());
    assert!(scheduler["updated_at"]
        .as_str()
        .is_some_and(|t| t.len() == 26 && !t.ends_with('Z')));
    let (_, body) = admin
        .get("/os-services?binary=nova-compute&host=compute-1")
        .await;
    let list = body["services"].as_array().expect("services");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["zone"], "nova");
    assert_eq!(list[0]["status"], "enabled");

    let (status, body) = demo.get("/os-services").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body, policy("os_compute_api:os-services:list"));

    // Only nova-compute services can be updated; hosts must exist.
    let (status, body) = admin
        .put(
            "/os-services/disable",
            json!({"host": "controller", "binary": "nova-scheduler"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Updating a nova-scheduler service is not supported. Only nova-compute services can \
         be updated."
    );
    let (status, body) = admin
        .put(
            "/os-services/disable",
            json!({"host": "nowhere", "binary": "nova-compute"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        "Host 'nowhere' is not mapped to any cell"
    );
    let (status, _) = admin
        .put(
            "/os-services/reboot",
            json!({"host": "compute-1", "binary": "nova-compute"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = admin
        .put(
            "/os-services/disable-log-reason",
            json!({"host": "compute-1", "binary": "nova-compute"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Missing disabled reason field"
    );

    // 2.53 by uuid.
    let v253 = admin.at("2.53");
    let id = admin.compute_service("compute-1").await;
    let (status, body) = v253
        .put(
            &format!("/os-services/{id}"),
            json!({"status": "enabled", "disabled_reason": "why"}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Specifying 'disabled_reason' with status 'enabled' is invalid."
    );
    let (status, body) = v253.put(&format!("/os-services/{id}"), json!({})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "No updates were requested. Fields 'status' or 'forced_down' should be specified."
    );
    let (status, body) = v253
        .put("/os-services/not-a-uuid", json!({"status": "enabled"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["badRequest"]["message"], "Invalid uuid not-a-uuid");

    // Deleting a compute service takes its hypervisor; not while it hosts
    // servers (the seeded ones are on compute-2).
    let busy = admin.compute_service("compute-2").await;
    let (status, body) = v253.delete(&format!("/os-services/{busy}")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        "Unable to delete compute service that is hosting instances. Migrate or delete the \
         instances first."
    );
    let idle = admin.compute_service("compute-3").await;
    let (status, _) = v253.delete(&format!("/os-services/{idle}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = v253.get("/os-hypervisors").await;
    assert_eq!(body["hypervisors"].as_array().map(Vec::len), Some(2));
    let (status, body) = v253.delete(&format!("/os-services/{idle}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        format!("Service {idle} not found.")
    );
    let (status, _) = admin.delete("/os-services/abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    cloud.shutdown().await;
}

// ---------------------------------------------------------------------------
// Aggregates and availability zones

#[tokio::test]
async fn aggregates_crud_hosts_metadata_and_zone_conflicts() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.41").await;
    let demo = nova(&cloud, "demo", "2.41").await;

    let (status, body) = demo.get("/os-aggregates").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body, policy("os_compute_api:os-aggregates:index"));

    // Create: 200, without hosts and metadata; a name is unique.
    let (status, body) = admin
        .post(
            "/os-aggregates",
            json!({"aggregate": {"name": "rack-a", "availability_zone": "az1"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let agg = &body["aggregate"];
    let a = agg["id"].as_i64().expect("id");
    assert_eq!(agg["name"], "rack-a");
    assert_eq!(agg["availability_zone"], "az1");
    assert_eq!(agg["deleted"], false);
    assert_eq!(agg["updated_at"], Value::Null);
    assert!(agg["uuid"].as_str().is_some_and(|u| u.len() == 36));
    assert!(agg.get("hosts").is_none() && agg.get("metadata").is_none());
    let (status, body) = admin
        .post("/os-aggregates", json!({"aggregate": {"name": "rack-a"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        "Aggregate rack-a already exists."
    );
    let (status, _) = admin
        .post(
            "/os-aggregates",
            json!({"aggregate": {"name": "x", "availability_zone": "a:b"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Hosts.
    let (status, body) = admin
        .aggregate_action(a, json!({"add_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["aggregate"]["hosts"], json!(["compute-3"]));
    assert_eq!(
        body["aggregate"]["metadata"],
        json!({"availability_zone": "az1"})
    );
    let (status, body) = admin
        .aggregate_action(a, json!({"add_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        format!("Aggregate {a} already has host compute-3.")
    );
    let (status, body) = admin
        .aggregate_action(a, json!({"add_host": {"host": "nowhere"}}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        "Compute host nowhere could not be found."
    );

    // A host cannot be in two zones.
    let b = admin.create_aggregate("rack-b", Some("az2")).await;
    let (status, body) = admin
        .aggregate_action(b, json!({"add_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        format!(
            "Cannot add host to aggregate {b}. Reason: One or more hosts already in \
             availability zone(s) ['az1']."
        )
    );
    // An aggregate without a zone may share it.
    let plain = admin.create_aggregate("ssd", None).await;
    let (status, _) = admin
        .aggregate_action(plain, json!({"add_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::OK);
    // Giving it another zone conflicts too.
    let (status, body) = admin
        .aggregate_action(
            plain,
            json!({"set_metadata": {"metadata": {"availability_zone": "az2"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        format!(
            "Cannot update metadata of aggregate {plain}. Reason: One or more hosts already \
             in availability zone(s) ['az1']."
        )
    );

    // Metadata: merged, null deletes; the zone key is the zone.
    let (status, body) = admin
        .aggregate_action(
            a,
            json!({"set_metadata": {"metadata": {"ssd": "true", "gpu": "no"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["aggregate"]["metadata"],
        json!({"availability_zone": "az1", "ssd": "true", "gpu": "no"})
    );
    assert!(body["aggregate"]["updated_at"].is_string());
    let (_, body) = admin
        .aggregate_action(a, json!({"set_metadata": {"metadata": {"gpu": null}}}))
        .await;
    assert_eq!(
        body["aggregate"]["metadata"],
        json!({"availability_zone": "az1", "ssd": "true"})
    );
    let (status, body) = admin
        .aggregate_action(
            a,
            json!({"set_metadata": {"metadata": {"availability_zone": null}}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        format!(
            "Cannot update metadata of aggregate {a}. Reason: Aggregate rack-a does not \
             support empty named availability zone."
        )
    );

    // The zone shows in services and availability zones.
    let (_, body) = admin
        .get("/os-services?binary=nova-compute&host=compute-3")
        .await;
    assert_eq!(body["services"][0]["zone"], "az1");
    let (_, body) = demo.get("/os-availability-zone").await;
    let zones: Vec<&str> = body["availabilityZoneInfo"]
        .as_array()
        .expect("zones")
        .iter()
        .filter_map(|z| z["zoneName"].as_str())
        .collect();
    assert_eq!(zones, ["az1", "nova"]);
    let (_, body) = admin.get("/os-availability-zone/detail").await;
    let info = body["availabilityZoneInfo"].as_array().expect("zones");
    let az1 = info.iter().find(|z| z["zoneName"] == "az1").expect("az1");
    assert_eq!(az1["hosts"]["compute-3"]["nova-compute"]["available"], true);
    let internal = info
        .iter()
        .find(|z| z["zoneName"] == "internal")
        .expect("internal");
    assert_eq!(
        internal["hosts"]["controller"]["nova-conductor"]["active"],
        true
    );
    let nova = info.iter().find(|z| z["zoneName"] == "nova").expect("nova");
    assert!(nova["hosts"].get("compute-3").is_none());
    assert!(nova["hosts"].get("compute-1").is_some());

    // Update name and zone; names stay unique.
    let (status, body) = admin
        .put(
            &format!("/os-aggregates/{a}"),
            json!({"aggregate": {"name": "rack-b"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body["conflictingRequest"]["message"],
        "Aggregate rack-b already exists."
    );
    let (status, body) = admin
        .put(
            &format!("/os-aggregates/{a}"),
            json!({"aggregate": {"name": "rack-a1", "availability_zone": "az3"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["aggregate"]["name"], "rack-a1");
    assert_eq!(body["aggregate"]["availability_zone"], "az3");

    // Not deleted while it has hosts.
    let (status, body) = admin.delete(&format!("/os-aggregates/{a}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        format!("Cannot remove host from aggregate {a}. Reason: Host aggregate is not empty.")
    );
    let (status, body) = admin
        .aggregate_action(a, json!({"remove_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["aggregate"]["hosts"], json!([]));
    let (status, body) = admin
        .aggregate_action(a, json!({"remove_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        format!("Cannot remove host compute-3 in aggregate {a}")
    );
    let (status, _) = admin.delete(&format!("/os-aggregates/{a}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = admin.get(&format!("/os-aggregates/{a}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        format!("Aggregate {a} could not be found.")
    );
    let (status, _) = admin.get("/os-aggregates/abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Now compute-3 may join az2; no uuid before 2.41.
    let (status, _) = admin
        .aggregate_action(b, json!({"add_host": {"host": "compute-3"}}))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = admin.at("2.40").get("/os-aggregates").await;
    let list = body["aggregates"].as_array().expect("list");
    assert_eq!(list.len(), 2);
    assert!(list.iter().all(|a| a.get("uuid").is_none()));
    cloud.shutdown().await;
}

#[tokio::test]
async fn servers_land_in_the_requested_zone() {
    let (cloud, _dir) = start().await;
    let admin = nova(&cloud, "admin", "2.74").await;
    let demo = nova(&cloud, "demo", "2.74").await;
    let fast = admin.create_aggregate("fast", Some("fast")).await;
    admin
        .aggregate_action(fast, json!({"add_host": {"host": "compute-3"}}))
        .await;

    let id = demo
        .create_with("zoned", "1", json!({"availability_zone": "fast"}))
        .await;
    let s = demo.wait_for(&id, "ACTIVE").await;
    assert_eq!(s["OS-EXT-AZ:availability_zone"], "fast");
    assert_eq!(admin.host_of(&id).await, "compute-3");
    // Without a zone: anywhere, here the biggest host, in zone nova.
    let id = demo.create("anywhere", "1").await;
    let s = demo.wait_for(&id, "ACTIVE").await;
    assert_eq!(s["OS-EXT-AZ:availability_zone"], "nova");
    assert_eq!(admin.host_of(&id).await, "compute-2");
    // Filtering servers by zone.
    let (_, body) = demo.get("/servers?availability_zone=fast").await;
    assert_eq!(body["servers"].as_array().map(Vec::len), Some(1));

    let (status, body) = demo
        .post(
            "/servers",
            json!({"server": {"name": "x", "flavorRef": "1", "networks": "none",
                              "availability_zone": "mars"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "The requested availability zone is not available"
    );
    // A zone with no host that fits: ERROR.
    let (status, _) = demo
        .post(
            "/servers",
            json!({"server": {"name": "x", "flavorRef": "5", "networks": "none",
                              "availability_zone": "fast", "min_count": 2}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (_, body) = demo.get("/servers/detail?name=^x-").await;
    let failed = body["servers"].as_array().expect("servers");
    assert_eq!(failed.len(), 2);
    for s in failed {
        let id = s["id"].as_str().expect("id");
        let s = demo.wait_for(id, "ERROR").await;
        assert_eq!(s["fault"]["message"], NO_VALID_HOST);
        assert_eq!(s["OS-EXT-AZ:availability_zone"], "fast");
    }

    // Admins may name the host: zone:host, or 2.74's host.
    let id = admin
        .create_with(
            "forced",
            "1",
            json!({"availability_zone": "nova:compute-1"}),
        )
        .await;
    assert_eq!(admin.host_of(&id).await, "compute-1");
    let id = admin
        .create_with("picked", "1", json!({"host": "compute-3"}))
        .await;
    assert_eq!(admin.host_of(&id).await, "compute-3");
    let (status, body) = demo
        .post(
            "/servers",
            json!({"server": {"name": "x", "flavorRef": "1", "networks": "none",
                              "availability_zone": "nova:compute-1"}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body, policy("os_compute_api:servers:create:forced_host"));
    let (status, body) = admin
        .post(
            "/servers",
            json!({"server": {"name": "x", "flavorRef": "1", "networks": "none",
                              "host": "compute-9"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        "Compute host compute-9 could not be found."
    );

    // The zone of a host with servers no longer changes.
    let (status, body) = admin
        .aggregate_action(
            fast,
            json!({"set_metadata": {"metadata": {"availability_zone": "slow"}}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        format!(
            "Cannot update metadata of aggregate {fast}. Reason: One or more hosts contain \
             instances in this zone."
        )
    );
    cloud.shutdown().await;
}

#[tokio::test]
async fn existing_servers_get_a_host_on_upgrade() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path()).await;
    cloud.shutdown().await;
    // A database from before hosts existed: no hosts, servers without one.
    {
        let conn = db(dir.path());
        conn.execute_batch(
            "UPDATE servers SET host = NULL;
             DELETE FROM compute_nodes;
             DELETE FROM compute_services;
             DELETE FROM meta WHERE key = 'compute_hosts_seeded';",
        )
        .expect("downgrade");
    }
    let cloud = start_in(dir.path()).await;
    let admin = nova(&cloud, "admin", "2.53").await;
    let (_, body) = admin.get("/servers/detail?all_tenants=1").await;
    let servers = body["servers"].as_array().expect("servers");
    assert_eq!(servers.len(), 2);
    for s in servers {
        assert_eq!(s["OS-EXT-SRV-ATTR:host"], "compute-2", "{s}");
    }
    assert_eq!(admin.hypervisor("compute-2").await["running_vms"], 2);
    cloud.shutdown().await;
}

// ---------------------------------------------------------------------------
// Guest CPU topology

fn lscpu_value(log: &str, label: &str) -> Option<String> {
    log.lines()
        .find(|l| l.starts_with(label))
        .map(|l| l[label.len()..].trim().to_owned())
}

#[tokio::test]
async fn guest_topology_shows_in_console_and_diagnostics() {
    let (cloud, dir) = start().await;
    let admin = nova(&cloud, "admin", "2.48").await;
    let demo = nova(&cloud, "demo", "2.48").await;
    // m1.xlarge (8 vCPUs) asks for two sockets.
    set_extra_specs(dir.path(), "5", &[("hw:cpu_sockets", "2")]);

    let id = demo.create("numa", "5").await;
    // Building: no diagnostics yet.
    let (status, _) = admin.get(&format!("/servers/{id}/diagnostics")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    demo.wait_for(&id, "ACTIVE").await;

    let (status, body) = demo
        .post(
            &format!("/servers/{id}/action"),
            json!({"os-getConsoleOutput": {}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let log = body["output"].as_str().expect("output");
    assert!(log.contains("CPU(s):              8"), "{log}");
    assert!(log.contains("Thread(s) per core:  1"), "{log}");
    assert!(log.contains("Core(s) per socket:  4"), "{log}");
    assert!(log.contains("Socket(s):           2"), "{log}");

    let (status, body) = admin.get(&format!("/servers/{id}/diagnostics")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["cpu_topology"],
        json!({"sockets": 2, "cores": 4, "threads": 1})
    );
    assert_eq!(body["driver"], "libvirt");
    assert_eq!(body["hypervisor"], "qemu");
    assert_eq!(body["state"], "running");
    assert_eq!(body["num_cpus"], 8);
    assert_eq!(body["cpu_details"].as_array().map(Vec::len), Some(8));
    assert_eq!(body["memory_details"]["maximum"], 16384);
    assert_eq!(body["num_nics"], 0);
    let (_, legacy) = admin
        .at("2.1")
        .get(&format!("/servers/{id}/diagnostics"))
        .await;
    assert!(legacy["cpu7_time"].is_i64(), "{legacy}");
    assert_eq!(legacy["memory"], 16384 * 1024);
    assert_eq!(legacy["cpu_topology"]["sockets"], 2);
    let (status, body) = demo.get(&format!("/servers/{id}/diagnostics")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body, policy("os_compute_api:os-server-diagnostics"));

    // Rebuilding with an image that prefers two threads recomputes it: an
    // image preference replaces all of the flavor's.
    set_image_property(dir.path(), CIRROS, "hw_cpu_threads", "2");
    let specs = map(&[("hw:cpu_sockets", "2")]);
    let props = map(&[("hw_cpu_max_threads", "2"), ("hw_cpu_threads", "2")]);
    let flavor = topology::Flavor {
        vcpus: 8,
        extra_specs: &specs,
    };
    let want = topology::get_best_cpu_topology(&flavor, &props, true, &[]).expect("topology");
    let (status, body) = demo
        .post(
            &format!("/servers/{id}/action"),
            json!({"rebuild": {"imageRef": CIRROS}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    demo.wait_for(&id, "ACTIVE").await;
    let (_, body) = admin.get(&format!("/servers/{id}/diagnostics")).await;
    assert_eq!(
        body["cpu_topology"],
        json!({"sockets": want.sockets, "cores": want.cores, "threads": want.threads})
    );
    assert_eq!(want.threads, 2);

    // Resizing to m1.large (4 vCPUs) recomputes it again.
    let (status, body) = demo
        .post(
            &format!("/servers/{id}/action"),
            json!({"resize": {"flavorRef": "4"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    demo.wait_for(&id, "VERIFY_RESIZE").await;
    let empty = BTreeMap::new();
    let large = topology::Flavor {
        vcpus: 4,
        extra_specs: &empty,
    };
    let want = topology::get_best_cpu_topology(&large, &props, true, &[]).expect("topology");
    let (_, body) = demo
        .post(
            &format!("/servers/{id}/action"),
            json!({"os-getConsoleOutput": {}}),
        )
        .await;
    let log = body["output"].as_str().expect("output");
    assert_eq!(lscpu_value(log, "CPU(s):").as_deref(), Some("4"));
    assert_eq!(
        lscpu_value(log, "Socket(s):"),
        Some(want.sockets.to_string())
    );
    assert_eq!(
        lscpu_value(log, "Thread(s) per core:"),
        Some(want.threads.to_string())
    );
    cloud.shutdown().await;
}

#[tokio::test]
async fn impossible_topologies_are_refused_or_fail_the_build() {
    let (cloud, dir) = start().await;
    let demo = nova(&cloud, "demo", "2.53").await;
    // m1.medium allows one thread; cirros allows two: Nova's 400.
    set_extra_specs(dir.path(), "3", &[("hw:cpu_max_threads", "1")]);
    let (status, body) = demo
        .post(
            "/servers",
            json!({"server": {"name": "x", "flavorRef": "3", "imageRef": CIRROS,
                              "networks": "none"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let specs = map(&[("hw:cpu_max_threads", "1")]);
    let props = map(&[("os_distro", "cirros"), ("hw_cpu_max_threads", "2")]);
    let want = topology::get_cpu_topology_constraints(
        &topology::Flavor {
            vcpus: 2,
            extra_specs: &specs,
        },
        &props,
    )
    .expect_err("limits exceeded");
    let message = body["badRequest"]["message"].as_str().expect("message");
    assert_eq!(message, want.to_string());
    assert!(
        message.starts_with("Image vCPU topology limits"),
        "{message}"
    );
    // Rebuilding to it is refused the same way.
    let id = demo.create("ok", "3").await;
    demo.wait_for(&id, "ACTIVE").await;
    let (status, _) = demo
        .post(
            &format!("/servers/{id}/action"),
            json!({"rebuild": {"imageRef": CIRROS}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Limits that no topology meets pass the API, then fail at spawn.
    set_extra_specs(
        dir.path(),
        "5",
        &[
            ("hw:cpu_max_sockets", "1"),
            ("hw:cpu_max_cores", "2"),
            ("hw:cpu_max_threads", "1"),
        ],
    );
    let id = demo.create("impossible", "5").await;
    let s = demo.wait_for(&id, "ERROR").await;
    let specs = map(&[
        ("hw:cpu_max_sockets", "1"),
        ("hw:cpu_max_cores", "2"),
        ("hw:cpu_max_threads", "1"),
    ]);
    let want = topology::get_best_cpu_topology(
        &topology::Flavor {
            vcpus: 8,
            extra_specs: &specs,
        },
        &BTreeMap::new(),
        true,
        &[],
    )
    .expect_err("impossible");
    assert!(matches!(
        want,
        topology::TopologyError::ImageVCPULimitsRangeImpossible { .. }
    ));
    assert_eq!(s["fault"]["message"], want.to_string());
    assert_eq!(s["fault"]["code"], 500);
    // It holds nothing.
    let admin = nova(&cloud, "admin", "2.53").await;
    assert_eq!(admin.server(&id).await["OS-EXT-SRV-ATTR:host"], Value::Null);
    cloud.shutdown().await;
}
