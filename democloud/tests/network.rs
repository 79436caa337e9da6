//! End-to-end tests of the Neutron (network v2.0) API, its Nova
//! integration and Nova server groups, over real HTTP.

mod common;

use std::path::Path;
use std::time::Duration;

use democloud::DemoCloud;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers

const PUBLIC: &str = "4c7b3a52-0e5e-4f43-9d3b-6a0c1b2d9e01";

async fn start_in(dir: &Path) -> DemoCloud {
    common::start_in(dir, |c| c.build_delay = Duration::from_millis(100)).await
}

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|c| c.build_delay = Duration::from_millis(100)).await
}

/// A logged-in user of one project, talking to Neutron and Nova.
struct Api {
    neutron: common::Api,
    compute: common::Api,
    project_id: String,
}

/// Logs `user` in to `project` (see [`common::login`]).
async fn login(cloud: &DemoCloud, user: &str, project: &str) -> Api {
    let (token, project_id) = common::login(cloud, user, project).await;
    Api {
        neutron: common::Api::new(cloud, "/networking/v2.0", token.clone()),
        compute: common::Api::compute(cloud, token, "2.1"),
        project_id,
    }
}

impl Api {
    /// A Neutron call below `/networking/v2.0`.
    async fn net(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.neutron.call(method, path, body).await
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.neutron.get(path).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.neutron.post(path, body).await
    }

    async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.neutron.put(path, body).await
    }

    async fn delete(&self, path: &str) -> StatusCode {
        self.neutron.delete(path).await.0
    }

    /// A Nova call below `/compute/v2.1` at microversion `version`.
    async fn nova(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
        version: &str,
    ) -> (StatusCode, Value) {
        self.compute.at(version).call(method, path, body).await
    }

    /// Creates a server; returns its id.
    async fn boot(&self, name: &str, extra: Value) -> String {
        let mut server = json!({"name": name, "flavorRef": "1", "imageRef": "cirros"});
        if let (Some(s), Some(e)) = (server.as_object_mut(), extra.as_object()) {
            s.extend(e.clone());
        }
        let (status, body) = self
            .nova(
                Method::POST,
                "/servers",
                Some(json!({ "server": server })),
                "2.1",
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        body["server"]["id"].as_str().expect("id").to_owned()
    }

    async fn server(&self, id: &str) -> Value {
        let (status, body) = self
            .nova(Method::GET, &format!("/servers/{id}"), None, "2.79")
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["server"].clone()
    }

    /// The id of the project's `private` network.
    async fn private_network(&self) -> String {
        let (_, body) = self
            .get(&format!(
                "/networks?name=private&project_id={}",
                self.project_id
            ))
            .await;
        body["networks"][0]["id"]
            .as_str()
            .expect("private network")
            .to_owned()
    }
}

/// The Neutron error body's type, checking its shape.
fn error_type(body: &Value) -> &str {
    let e = &body["NeutronError"];
    assert!(e["message"].is_string(), "{body}");
    assert_eq!(e["detail"], "", "{body}");
    e["type"].as_str().expect("type")
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("list")
        .iter()
        .map(|v| v["id"].as_str().expect("id").to_owned())
        .collect()
}

// ---------------------------------------------------------------------------
// Discovery

#[tokio::test]
async fn versions_catalog_and_extensions() {
    let (cloud, _dir) = start().await;
    let base = format!("http://{}", cloud.addr());
    let body: Value = Client::new()
        .get(format!("{base}/networking/"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(body["versions"][0]["id"], "v2.0");
    assert_eq!(body["versions"][0]["status"], "CURRENT");
    assert_eq!(
        body["versions"][0]["links"][0]["href"],
        format!("{base}/networking/v2.0/")
    );
    let body: Value = Client::new()
        .get(format!("{base}/networking/v2.0/"))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert!(body["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .any(|r| r["collection"] == "networks"));

    // The token's catalog lists neutron at /networking.
    let resp = Client::new()
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
    let network = token["token"]["catalog"]
        .as_array()
        .expect("catalog")
        .iter()
        .find(|s| s["type"] == "network")
        .cloned()
        .expect("network in catalog");
    assert_eq!(network["name"], "neutron");
    assert_eq!(network["endpoints"][0]["url"], format!("{base}/networking"));

    let api = login(&cloud, "demo", "demo").await;
    let (status, body) = api.get("/extensions").await;
    assert_eq!(status, StatusCode::OK);
    let aliases: Vec<&str> = body["extensions"]
        .as_array()
        .expect("extensions")
        .iter()
        .filter_map(|e| e["alias"].as_str())
        .collect();
    for alias in [
        "security-group",
        "external-net",
        "quotas",
        "quota_details",
        "router",
    ] {
        assert!(aliases.contains(&alias), "{alias} missing from {aliases:?}");
    }
    let (status, body) = api.get("/extensions/security-group").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["extension"]["alias"], "security-group");
    let (status, body) = api.get("/extensions/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "ExtensionNotFound");
    let (status, body) = api.get("/routers").await;
    assert_eq!((status, body), (StatusCode::OK, json!({"routers": []})));

    // No token: keystonemiddleware's 401.
    let resp = Client::new()
        .get(format!("{base}/networking/v2.0/networks"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}

// ---------------------------------------------------------------------------
// Seed

#[tokio::test]
async fn seed_has_public_and_private_networks_and_server_ports() {
    let (cloud, _dir) = start().await;
    let demo = login(&cloud, "demo", "demo").await;
    let (status, body) = demo.get("/networks").await;
    assert_eq!(status, StatusCode::OK);
    let nets = body["networks"].as_array().expect("networks");
    let names: Vec<&str> = nets.iter().filter_map(|n| n["name"].as_str()).collect();
    assert_eq!(
        names,
        ["public", "private"],
        "alt_demo's network is not visible"
    );
    let public = &nets[0];
    assert_eq!(public["id"], PUBLIC);
    assert_eq!(public["router:external"], true);
    assert_eq!(public["shared"], true);
    assert_eq!(public["status"], "ACTIVE");
    assert_eq!(public["mtu"], 1450);
    let private = &nets[1];
    assert_eq!(private["project_id"], demo.project_id.as_str());
    assert_eq!(private["tenant_id"], demo.project_id.as_str());
    for key in [
        "admin_state_up",
        "created_at",
        "updated_at",
        "description",
        "tags",
        "revision_number",
        "availability_zones",
        "port_security_enabled",
    ] {
        assert!(private.get(key).is_some(), "network lacks {key}: {private}");
    }

    let (_, body) = demo.get("/subnets?name=private-subnet").await;
    let subnet = &body["subnets"][0];
    assert_eq!(subnet["cidr"], "10.0.0.0/24");
    assert_eq!(subnet["gateway_ip"], "10.0.0.1");
    assert_eq!(subnet["ip_version"], 4);
    assert_eq!(subnet["network_id"], private["id"]);
    assert_eq!(
        subnet["allocation_pools"],
        json!([{"start": "10.0.0.2", "end": "10.0.0.254"}])
    );
    assert_eq!(private["subnets"], json!([subnet["id"]]));
    let (_, body) = demo.get("/subnets?name=public-subnet").await;
    assert_eq!(body["subnets"][0]["cidr"], "172.24.4.0/24");

    // The seeded servers have ports and addresses.
    let (_, body) = demo
        .nova(Method::GET, "/servers/detail", None, "2.79")
        .await;
    let servers = body["servers"].as_array().expect("servers");
    assert_eq!(servers.len(), 2);
    for s in servers {
        let addrs = s["addresses"]["private"]
            .as_array()
            .expect("private addresses");
        assert_eq!(addrs.len(), 1, "{s}");
        assert_eq!(addrs[0]["version"], 4);
        assert_eq!(addrs[0]["OS-EXT-IPS:type"], "fixed");
        assert!(addrs[0]["addr"]
            .as_str()
            .is_some_and(|a| a.starts_with("10.0.0.")));
        assert!(addrs[0]["OS-EXT-IPS-MAC:mac_addr"]
            .as_str()
            .is_some_and(|m| m.starts_with("fa:16:3e:")));
        assert_eq!(s["security_groups"], json!([{"name": "default"}]));
        let (_, ports) = demo
            .get(&format!(
                "/ports?device_id={}",
                s["id"].as_str().expect("id")
            ))
            .await;
        assert_eq!(ports["ports"][0]["device_owner"], "compute:nova");
        assert_eq!(ports["ports"][0]["status"], "ACTIVE");
    }

    // Admins see every project's network; alt_demo has its own.
    let admin = login(&cloud, "admin", "admin").await;
    let (_, body) = admin.get("/networks?name=private").await;
    assert_eq!(body["networks"].as_array().map(Vec::len), Some(3));
    let alt = login(&cloud, "demo", "alt_demo").await;
    let (_, body) = alt.get("/networks?router:external=false").await;
    assert_eq!(body["networks"].as_array().map(Vec::len), Some(1));
    assert_eq!(body["networks"][0]["project_id"], alt.project_id.as_str());
}

// ---------------------------------------------------------------------------
// Networks and subnets

#[tokio::test]
async fn networks_crud_filters_and_errors() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let (status, body) = api
        .post(
            "/networks",
            json!({"network": {"name": "net1", "description": "d"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let net = body["network"].clone();
    let id = net["id"].as_str().expect("id").to_owned();
    assert_eq!(id.len(), 36, "uuid with dashes");
    assert_eq!(net["status"], "ACTIVE");
    assert_eq!(net["shared"], false);
    assert_eq!(net["router:external"], false);
    assert_eq!(net["subnets"], json!([]));
    assert_eq!(net["revision_number"], 0);

    let (status, body) = api
        .get(&format!("/networks/{id}?fields=id&fields=name"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["network"], json!({"id": id, "name": "net1"}));

    let (status, body) = api
        .put(
            &format!("/networks/{id}"),
            json!({"network": {"name": "renamed"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["network"]["name"], "renamed");
    assert_eq!(body["network"]["revision_number"], 1);

    // Filters.
    let (_, body) = api.get("/networks?name=renamed").await;
    assert_eq!(ids(&body["networks"]), [id.as_str()]);
    let (_, body) = api.get("/networks?router:external=True").await;
    assert_eq!(ids(&body["networks"]), [PUBLIC.to_owned()]);
    let (_, body) = api.get("/networks?shared=false&fields=name").await;
    assert_eq!(
        body["networks"],
        json!([{"name": "private"}, {"name": "renamed"}])
    );
    let (_, body) = api.get(&format!("/networks?id={id}&id={PUBLIC}")).await;
    assert_eq!(body["networks"].as_array().map(Vec::len), Some(2));
    let (_, body) = api.get("/networks?limit=1").await;
    assert_eq!(body["networks"].as_array().map(Vec::len), Some(1));
    assert_eq!(body["networks_links"][0]["rel"], "next");

    // Only admins share.
    let (status, body) = api
        .put(
            &format!("/networks/{id}"),
            json!({"network": {"shared": true}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(error_type(&body), "PolicyNotAuthorized");
    let (status, body) = api
        .post("/networks", json!({"network": {"name": "x", "bogus": 1}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["NeutronError"]["message"],
        "Unrecognized attribute(s) 'bogus'"
    );
    let (status, body) = api
        .post("/networks", json!({"network": {"admin_state_up": "maybe"}}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_type(&body), "InvalidInput");

    // A network with a port is in use.
    let (status, body) = api
        .post(
            "/subnets",
            json!({"subnet": {"network_id": id, "cidr": "192.168.7.0/24", "ip_version": 4}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (status, body) = api
        .post("/ports", json!({"port": {"network_id": id}}))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let port = body["port"]["id"].as_str().expect("port").to_owned();
    let (status, body) = api
        .net(Method::DELETE, &format!("/networks/{id}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "NetworkInUse");
    assert_eq!(
        body["NeutronError"]["message"],
        format!(
            "Unable to complete operation on network {id}. There are one or more ports still \
             in use on the network."
        )
    );
    assert_eq!(
        api.delete(&format!("/ports/{port}")).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.delete(&format!("/networks/{id}")).await,
        StatusCode::NO_CONTENT
    );
    let (status, body) = api.get(&format!("/networks/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({"NeutronError": {"type": "NetworkNotFound",
            "message": format!("Network {id} could not be found."), "detail": ""}})
    );
    // The subnet went with it.
    let (_, body) = api.get(&format!("/subnets?network_id={id}")).await;
    assert_eq!(body["subnets"], json!([]));

    // Someone else's network is invisible; public cannot be deleted by demo.
    let alt = login(&cloud, "demo", "alt_demo").await;
    let private = api.private_network().await;
    let (status, _) = alt.get(&format!("/networks/{private}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api
        .net(Method::DELETE, &format!("/networks/{PUBLIC}"), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn subnets_validate_allocate_and_refuse_in_use() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let (_, body) = api
        .post("/networks", json!({"network": {"name": "n"}}))
        .await;
    let net = body["network"]["id"].as_str().expect("id").to_owned();
    let create = |cidr: &str, version: i64| {
        json!({"subnet": {"network_id": net, "cidr": cidr, "ip_version": version,
                          "name": "s", "dns_nameservers": ["8.8.8.8"]}})
    };
    let (status, body) = api.post("/subnets", create("192.168.9.0/24", 4)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let s = body["subnet"].clone();
    let sid = s["id"].as_str().expect("id").to_owned();
    assert_eq!(s["gateway_ip"], "192.168.9.1");
    assert_eq!(s["enable_dhcp"], true);
    assert_eq!(s["dns_nameservers"], json!(["8.8.8.8"]));
    assert_eq!(
        s["allocation_pools"],
        json!([{"start": "192.168.9.2", "end": "192.168.9.254"}])
    );

    for (cidr, version, kind) in [
        ("nope", 4, "HTTPBadRequest"),
        ("192.168.9.0/24", 6, "InvalidInput"),
        ("192.168.9.128/25", 4, "InvalidInput"),
    ] {
        let (status, body) = api.post("/subnets", create(cidr, version)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{cidr}: {body}");
        assert_eq!(error_type(&body), kind, "{cidr}");
    }
    let (status, body) = api
        .post(
            "/subnets",
            json!({"subnet": {"network_id": net, "ip_version": 4}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = api
        .post(
            "/subnets",
            json!({"subnet": {"network_id": "missing", "cidr": "10.9.0.0/24", "ip_version": 4}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "NetworkNotFound");

    // A v6 subnet next to it; a port gets one address of each family.
    let (status, body) = api.post("/subnets", create("fd00:1::/64", 6)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["subnet"]["gateway_ip"], "fd00:1::1");
    let (_, body) = api
        .post("/ports", json!({"port": {"network_id": net}}))
        .await;
    let fixed = body["port"]["fixed_ips"]
        .as_array()
        .expect("fixed ips")
        .clone();
    assert_eq!(fixed.len(), 2, "{body}");
    assert_eq!(fixed[0]["ip_address"], "192.168.9.2");
    assert_eq!(fixed[1]["ip_address"], "fd00:1::2");

    let (status, body) = api
        .put(
            &format!("/subnets/{sid}"),
            json!({"subnet": {"name": "renamed"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["subnet"]["name"], "renamed");
    let (status, _) = api
        .put(
            &format!("/subnets/{sid}"),
            json!({"subnet": {"cidr": "10.0.0.0/8"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (_, body) = api.get(&format!("/subnets?network_id={net}")).await;
    assert_eq!(body["subnets"].as_array().map(Vec::len), Some(2));

    let (status, body) = api
        .net(Method::DELETE, &format!("/subnets/{sid}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "SubnetInUse");
    let port = body_port_id(&api, &net).await;
    assert_eq!(
        api.delete(&format!("/ports/{port}")).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.delete(&format!("/subnets/{sid}")).await,
        StatusCode::NO_CONTENT
    );
    let (status, body) = api.get(&format!("/subnets/{sid}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "SubnetNotFound");
}

async fn body_port_id(api: &Api, network: &str) -> String {
    let (_, body) = api.get(&format!("/ports?network_id={network}")).await;
    body["ports"][0]["id"].as_str().expect("port").to_owned()
}

// ---------------------------------------------------------------------------
// Ports

#[tokio::test]
async fn ports_allocate_addresses_and_update() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let private = api.private_network().await;
    let (status, body) = api
        .post(
            "/ports",
            json!({"port": {"network_id": private, "name": "p1",
                            "fixed_ips": [{"ip_address": "10.0.0.50"}]}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let port = body["port"].clone();
    let id = port["id"].as_str().expect("id").to_owned();
    assert_eq!(port["fixed_ips"][0]["ip_address"], "10.0.0.50");
    assert_eq!(port["status"], "DOWN");
    assert_eq!(port["device_owner"], "");
    let mac = port["mac_address"].as_str().expect("mac");
    assert!(mac.starts_with("fa:16:3e:") && mac.len() == 17, "{mac}");
    // The default group, created lazily.
    let (_, groups) = api.get("/security-groups?name=default").await;
    assert_eq!(
        port["security_groups"],
        json!([groups["security_groups"][0]["id"]])
    );
    assert!(
        port.get("binding:host_id").is_none(),
        "admin-only field shown"
    );

    // The same address again is taken; one outside the subnet is invalid.
    let (status, body) = api
        .post(
            "/ports",
            json!({"port": {"network_id": private, "fixed_ips": [{"ip_address": "10.0.0.50"}]}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "IpAddressAlreadyAllocated");
    let (status, body) = api
        .post(
            "/ports",
            json!({"port": {"network_id": private, "fixed_ips": [{"ip_address": "10.9.0.5"}]}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_type(&body), "InvalidIpForNetwork");
    let (status, body) = api.post("/ports", json!({"port": {"name": "x"}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["NeutronError"]["message"],
        "Failed to parse request. Required attribute 'network_id' not specified"
    );

    let (_, sg) = api
        .post(
            "/security-groups",
            json!({"security_group": {"name": "web"}}),
        )
        .await;
    let sg = sg["security_group"]["id"].as_str().expect("sg").to_owned();
    let (status, body) = api
        .put(
            &format!("/ports/{id}"),
            json!({"port": {"name": "p2", "security_groups": [sg],
                            "device_id": "dev-1", "device_owner": "test:owner"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["port"]["name"], "p2");
    assert_eq!(body["port"]["security_groups"], json!([sg]));
    assert_eq!(body["port"]["device_id"], "dev-1");
    assert_eq!(body["port"]["revision_number"], 1);
    let (status, body) = api
        .put(
            &format!("/ports/{id}"),
            json!({"port": {"network_id": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["NeutronError"]["message"],
        "Cannot update read-only attribute network_id"
    );
    let (status, body) = api
        .put(
            &format!("/ports/{id}"),
            json!({"port": {"security_groups": ["missing"]}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "SecurityGroupNotFound");

    // Filters.
    let (_, body) = api.get("/ports?device_id=dev-1").await;
    assert_eq!(ids(&body["ports"]), [id.as_str()]);
    let (_, body) = api.get("/ports?device_owner=compute:nova").await;
    assert_eq!(body["ports"].as_array().map(Vec::len), Some(2));
    let (_, body) = api.get("/ports?fixed_ips=ip_address%3D10.0.0.50").await;
    assert_eq!(ids(&body["ports"]), [id.as_str()]);
    let (_, body) = api
        .get(&format!("/ports?project_id={}", api.project_id))
        .await;
    assert_eq!(body["ports"].as_array().map(Vec::len), Some(3));

    // Admins see bindings.
    let admin = login(&cloud, "admin", "admin").await;
    let (_, body) = admin.get("/ports?device_owner=compute:nova").await;
    // A server's port is bound to the server's compute host (the seeded
    // servers run on compute-2).
    let on_host: Vec<&Value> = body["ports"]
        .as_array()
        .expect("ports")
        .iter()
        .filter(|p| p["binding:host_id"] == "compute-2")
        .collect();
    assert!(!on_host.is_empty(), "{body}");
    assert_eq!(on_host[0]["binding:vif_type"], "ovs");

    assert_eq!(
        api.delete(&format!("/ports/{id}")).await,
        StatusCode::NO_CONTENT
    );
    let (status, body) = api.get(&format!("/ports/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "PortNotFound");
    // The address is free again.
    let (status, _) = api
        .post(
            "/ports",
            json!({"port": {"network_id": private, "fixed_ips": [{"ip_address": "10.0.0.50"}]}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
}

// ---------------------------------------------------------------------------
// Security groups and rules

#[tokio::test]
async fn security_groups_and_rules() {
    let (cloud, _dir) = start().await;
    // alt_demo has no servers yet, so no default group either.
    let api = login(&cloud, "demo", "alt_demo").await;
    // The default group appears on first use with Neutron's four rules.
    let (status, body) = api.get("/security-groups").await;
    assert_eq!(status, StatusCode::OK);
    let groups = body["security_groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 1);
    let default = groups[0].clone();
    let default_id = default["id"].as_str().expect("id").to_owned();
    assert_eq!(default["name"], "default");
    let rules = default["security_group_rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 4);
    let ingress: Vec<&Value> = rules
        .iter()
        .filter(|r| r["direction"] == "ingress")
        .collect();
    assert_eq!(ingress.len(), 2);
    assert!(ingress
        .iter()
        .all(|r| r["remote_group_id"] == default_id.as_str()));
    assert!(rules
        .iter()
        .filter(|r| r["direction"] == "egress")
        .all(|r| r["remote_group_id"].is_null() && r["remote_ip_prefix"].is_null()));
    // Listing again does not create another.
    let (_, body) = api.get("/security-groups").await;
    assert_eq!(body["security_groups"].as_array().map(Vec::len), Some(1));

    let (status, body) = api
        .post(
            "/security-groups",
            json!({"security_group": {"name": "web", "description": "w"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let web = body["security_group"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(
        body["security_group"]["security_group_rules"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "two egress rules"
    );
    let (status, body) = api
        .post(
            "/security-groups",
            json!({"security_group": {"name": "default"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "SecurityGroupDefaultAlreadyExists");

    let rule = json!({"security_group_rule": {"security_group_id": web, "direction": "ingress",
        "protocol": "tcp", "port_range_min": 22, "port_range_max": 22,
        "remote_ip_prefix": "0.0.0.0/0", "ethertype": "IPv4"}});
    let (status, body) = api.post("/security-group-rules", rule.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let r = body["security_group_rule"].clone();
    let rule_id = r["id"].as_str().expect("id").to_owned();
    assert_eq!(r["protocol"], "tcp");
    assert_eq!(r["port_range_min"], 22);
    assert_eq!(r["remote_ip_prefix"], "0.0.0.0/0");
    let (status, body) = api.post("/security-group-rules", rule).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "SecurityGroupRuleExists");
    assert_eq!(
        body["NeutronError"]["message"],
        format!("Security group rule already exists. Rule id is {rule_id}.")
    );
    for (body, kind) in [
        (
            json!({"security_group_id": web, "direction": "ingress", "protocol": "tcp",
                   "port_range_min": 90, "port_range_max": 80}),
            "SecurityGroupInvalidPortRange",
        ),
        (
            json!({"security_group_id": web, "direction": "ingress",
                   "port_range_min": 80, "port_range_max": 80}),
            "SecurityGroupProtocolRequiredWithPorts",
        ),
        (
            json!({"security_group_id": web, "direction": "ingress", "protocol": "tcp",
                   "port_range_min": 70000, "port_range_max": 70000}),
            "SecurityGroupInvalidPortValue",
        ),
        (
            json!({"security_group_id": web, "direction": "sideways"}),
            "HTTPBadRequest",
        ),
        (
            json!({"security_group_id": web, "direction": "ingress", "ethertype": "IPv6",
                   "remote_ip_prefix": "10.0.0.0/8"}),
            "SecurityGroupRuleParameterConflict",
        ),
        (
            json!({"security_group_id": web, "direction": "ingress", "protocol": "bogus"}),
            "SecurityGroupRuleInvalidProtocol",
        ),
    ] {
        let (status, resp) = api
            .post(
                "/security-group-rules",
                json!({ "security_group_rule": body }),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {resp}");
        assert_eq!(error_type(&resp), kind, "{body}");
    }
    let (status, body) = api
        .post(
            "/security-group-rules",
            json!({"security_group_rule": {"security_group_id": "missing", "direction": "egress"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "SecurityGroupNotFound");

    let (_, body) = api
        .get(&format!("/security-group-rules?security_group_id={web}"))
        .await;
    assert_eq!(
        body["security_group_rules"].as_array().map(Vec::len),
        Some(3)
    );
    let (status, body) = api.get(&format!("/security-group-rules/{rule_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["security_group_rule"]["belongs_to_default_sg"], false);

    let (status, body) = api
        .put(
            &format!("/security-groups/{web}"),
            json!({"security_group": {"name": "www"}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["security_group"]["name"], "www");

    // A group on a port is in use; default is never removed by members.
    let private = api.private_network().await;
    let (_, port) = api
        .post(
            "/ports",
            json!({"port": {"network_id": private, "security_groups": [web]}}),
        )
        .await;
    let port = port["port"]["id"].as_str().expect("port").to_owned();
    let (status, body) = api
        .net(Method::DELETE, &format!("/security-groups/{web}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "SecurityGroupInUse");
    let (status, body) = api
        .net(
            Method::DELETE,
            &format!("/security-groups/{default_id}"),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "SecurityGroupCannotRemoveDefault");

    assert_eq!(
        api.delete(&format!("/security-group-rules/{rule_id}"))
            .await,
        StatusCode::NO_CONTENT
    );
    let (status, body) = api.get(&format!("/security-group-rules/{rule_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "SecurityGroupRuleNotFound");
    assert_eq!(
        api.delete(&format!("/ports/{port}")).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        api.delete(&format!("/security-groups/{web}")).await,
        StatusCode::NO_CONTENT
    );
    let (status, body) = api.get(&format!("/security-groups/{web}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["NeutronError"]["message"],
        format!("Security group {web} does not exist")
    );
}

// ---------------------------------------------------------------------------
// Floating IPs

#[tokio::test]
async fn floating_ips_associate_with_server_ports() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let private = api.private_network().await;
    let (status, body) = api
        .post(
            "/floatingips",
            json!({"floatingip": {"floating_network_id": private}}),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_type(&body), "BadRequest");
    let (status, body) = api
        .post(
            "/floatingips",
            json!({"floatingip": {"floating_network_id": "nope"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "NetworkNotFound");

    let (status, body) = api
        .post(
            "/floatingips",
            json!({"floatingip": {"floating_network_id": PUBLIC}}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let fip = body["floatingip"].clone();
    let fip_id = fip["id"].as_str().expect("id").to_owned();
    let address = fip["floating_ip_address"]
        .as_str()
        .expect("address")
        .to_owned();
    assert_eq!(address, "172.24.4.2");
    assert_eq!(fip["status"], "DOWN");
    assert!(fip["port_id"].is_null() && fip["fixed_ip_address"].is_null());
    assert!(fip["router_id"].is_null());

    // Associate with a seeded server's port.
    let (_, servers) = api.nova(Method::GET, "/servers", None, "2.1").await;
    let server = servers["servers"][0]["id"]
        .as_str()
        .expect("server")
        .to_owned();
    let (_, ports) = api.get(&format!("/ports?device_id={server}")).await;
    let port = ports["ports"][0].clone();
    let port_id = port["id"].as_str().expect("port").to_owned();
    let (status, body) = api
        .put(
            &format!("/floatingips/{fip_id}"),
            json!({"floatingip": {"port_id": port_id}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["floatingip"]["status"], "ACTIVE");
    assert_eq!(body["floatingip"]["port_id"], port_id.as_str());
    assert_eq!(
        body["floatingip"]["fixed_ip_address"],
        port["fixed_ips"][0]["ip_address"]
    );
    assert_eq!(
        body["floatingip"]["port_details"]["device_id"],
        server.as_str()
    );

    let s = api.server(&server).await;
    let addrs = s["addresses"]["private"]
        .as_array()
        .expect("addresses")
        .clone();
    assert_eq!(addrs.len(), 2, "{s}");
    assert_eq!(addrs[1]["addr"], address.as_str());
    assert_eq!(addrs[1]["OS-EXT-IPS:type"], "floating");
    assert_eq!(addrs[1]["OS-EXT-IPS-MAC:mac_addr"], port["mac_address"]);

    // A second floating IP cannot take the same fixed address.
    let (_, second) = api
        .post(
            "/floatingips",
            json!({"floatingip": {"floating_network_id": PUBLIC}}),
        )
        .await;
    let second = second["floatingip"]["id"].as_str().expect("id").to_owned();
    let (status, body) = api
        .put(
            &format!("/floatingips/{second}"),
            json!({"floatingip": {"port_id": port_id}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "FloatingIPPortAlreadyAssociated");
    let (_, body) = api.get("/floatingips?status=ACTIVE").await;
    assert_eq!(ids(&body["floatingips"]), [fip_id.as_str()]);

    // Disassociate.
    let (status, body) = api
        .put(
            &format!("/floatingips/{fip_id}"),
            json!({"floatingip": {"port_id": null}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["floatingip"]["status"], "DOWN");
    assert!(body["floatingip"]["fixed_ip_address"].is_null());
    let s = api.server(&server).await;
    assert_eq!(s["addresses"]["private"].as_array().map(Vec::len), Some(1));

    // Its own port keeps the public network in use.
    let admin = login(&cloud, "admin", "admin").await;
    let (_, body) = admin.get("/ports?device_owner=network:floatingip").await;
    assert_eq!(body["ports"].as_array().map(Vec::len), Some(2));
    let (status, body) = admin
        .net(Method::DELETE, &format!("/networks/{PUBLIC}"), None)
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_type(&body), "NetworkInUse");

    assert_eq!(
        api.delete(&format!("/floatingips/{fip_id}")).await,
        StatusCode::NO_CONTENT
    );
    let (status, body) = api.get(&format!("/floatingips/{fip_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error_type(&body), "FloatingIPNotFound");
    let (_, body) = admin.get("/ports?device_owner=network:floatingip").await;
    assert_eq!(body["ports"].as_array().map(Vec::len), Some(1));
}

// ---------------------------------------------------------------------------
// Quotas

#[tokio::test]
async fn quotas_show_details_and_enforce() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let pid = api.project_id.clone();
    let (status, body) = api.get(&format!("/quotas/{pid}")).await;
    assert_eq!(status, StatusCode::OK);
    let q = &body["quota"];
    for (k, v) in [
        ("network", 100),
        ("subnet", 100),
        ("port", 500),
        ("router", 10),
        ("floatingip", 50),
        ("security_group", 10),
        ("security_group_rule", 100),
    ] {
        assert_eq!(q[k], v, "{k}");
    }
    let (status, body) = api.get(&format!("/quotas/{pid}/details.json")).await;
    assert_eq!(status, StatusCode::OK);
    let d = &body["quota"];
    assert_eq!(
        d["network"],
        json!({"limit": 100, "used": 1, "reserved": 0})
    );
    assert_eq!(d["subnet"]["used"], 1);
    assert_eq!(d["port"]["used"], 2);
    let (_, same) = api.get(&format!("/quotas/{pid}/details")).await;
    assert_eq!(same["quota"]["network"], d["network"]);

    let alt = login(&cloud, "demo", "alt_demo").await;
    let (status, body) = api.get(&format!("/quotas/{}", alt.project_id)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // Security groups: default plus nine more fill the quota of ten.
    for i in 0..9 {
        let (status, body) = api
            .post(
                "/security-groups",
                json!({"security_group": {"name": format!("g{i}")}}),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{i}: {body}");
    }
    let (status, body) = api
        .post(
            "/security-groups",
            json!({"security_group": {"name": "one-too-many"}}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        body,
        json!({"NeutronError": {"type": "OverQuota",
            "message": "Quota exceeded for resources: ['security_group'].", "detail": ""}})
    );
    let (_, body) = api.get(&format!("/quotas/{pid}/details.json")).await;
    assert_eq!(body["quota"]["security_group"]["used"], 10);
    assert_eq!(body["quota"]["security_group_rule"]["used"], 4 + 9 * 2);
}

// ---------------------------------------------------------------------------
// Nova integration

#[tokio::test]
async fn servers_get_ports_addresses_and_free_them() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let private = api.private_network().await;

    // No networks before 2.37: the project's only network.
    let id = api.boot("auto", json!({})).await;
    let s = api.server(&id).await;
    let addrs = s["addresses"]["private"].as_array().expect("addresses");
    assert_eq!(addrs.len(), 1, "{s}");
    assert_eq!(addrs[0]["addr"], "10.0.0.4", "after the two seeded servers");
    assert_eq!(s["security_groups"], json!([{"name": "default"}]));
    let (_, ports) = api.get(&format!("/ports?device_id={id}")).await;
    assert_eq!(ports["ports"].as_array().map(Vec::len), Some(1));
    assert_eq!(ports["ports"][0]["device_owner"], "compute:nova");
    assert_eq!(ports["ports"][0]["network_id"], private.as_str());

    // An explicit network with a fixed IP and named groups.
    let (_, web) = api
        .post(
            "/security-groups",
            json!({"security_group": {"name": "web"}}),
        )
        .await;
    let web_id = web["security_group"]["id"].as_str().expect("id").to_owned();
    let (status, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "explicit", "flavorRef": "1", "imageRef": "x",
                "networks": [{"uuid": private, "fixed_ip": "10.0.0.77"}],
                "security_groups": [{"name": "web"}, {"name": web_id}]}}),
            ),
            "2.79",
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(
        body["server"]["security_groups"],
        json!([{"name": "web"}, {"name": web_id}])
    );
    let explicit = body["server"]["id"].as_str().expect("id").to_owned();
    let s = api.server(&explicit).await;
    assert_eq!(s["addresses"]["private"][0]["addr"], "10.0.0.77");
    assert_eq!(s["security_groups"], json!([{"name": "web"}]));

    // The server list shows addresses too (one batched lookup).
    let (_, body) = api.nova(Method::GET, "/servers/detail", None, "2.79").await;
    let listed = body["servers"]
        .as_array()
        .expect("servers")
        .iter()
        .find(|s| s["id"] == explicit.as_str())
        .cloned()
        .expect("listed");
    assert_eq!(listed["addresses"], s["addresses"]);

    // Nova's errors.
    let missing = "6f1c3a8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f";
    for (networks, groups, status, message) in [
        (
            json!([{"uuid": missing}]),
            json!(null),
            StatusCode::BAD_REQUEST,
            format!("Network {missing} could not be found."),
        ),
        (
            json!([{"uuid": "not-a-uuid"}]),
            json!(null),
            StatusCode::BAD_REQUEST,
            "Bad networks format: network uuid is not in proper format (not-a-uuid)".to_owned(),
        ),
        (
            json!([{"port": missing}]),
            json!(null),
            StatusCode::BAD_REQUEST,
            format!("Port id {missing} could not be found."),
        ),
        (
            json!("auto"),
            json!([{"name": "nope"}]),
            StatusCode::BAD_REQUEST,
            "Security group nope not found.".to_owned(),
        ),
        (
            json!([{"uuid": private, "fixed_ip": "10.0.0.77"}]),
            json!(null),
            StatusCode::BAD_REQUEST,
            format!("Fixed IP address 10.0.0.77 is already in use on instance {explicit}."),
        ),
    ] {
        let mut server = json!({"name": "bad", "flavorRef": "1", "imageRef": "x",
                                "networks": networks});
        if !groups.is_null() {
            server["security_groups"] = groups;
        }
        let (got, body) = api
            .nova(
                Method::POST,
                "/servers",
                Some(json!({ "server": server })),
                "2.79",
            )
            .await;
        assert_eq!(got, status, "{body}");
        let fault = if status == StatusCode::BAD_REQUEST {
            "badRequest"
        } else {
            "conflictingRequest"
        };
        assert_eq!(body[fault]["message"], message.as_str(), "{body}");
    }

    // networks: none gives no ports, no addresses and no groups.
    let (_, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "none", "flavorRef": "1", "imageRef": "x",
                                   "networks": "none"}}),
            ),
            "2.79",
        )
        .await;
    let none = body["server"]["id"].as_str().expect("id").to_owned();
    let s = api.server(&none).await;
    assert_eq!(s["addresses"], json!({}));
    assert!(s.get("security_groups").is_none(), "{s}");

    // A port the user made is bound, and only unbound on delete.
    let (_, port) = api
        .post(
            "/ports",
            json!({"port": {"network_id": private, "name": "mine"}}),
        )
        .await;
    let mine = port["port"]["id"].as_str().expect("port").to_owned();
    let (status, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "with-port", "flavorRef": "1", "imageRef": "x",
                                   "networks": [{"port": mine}]}}),
            ),
            "2.79",
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let with_port = body["server"]["id"].as_str().expect("id").to_owned();
    let (_, port) = api.get(&format!("/ports/{mine}")).await;
    assert_eq!(port["port"]["device_id"], with_port.as_str());
    assert_eq!(port["port"]["status"], "ACTIVE");
    let (status, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "again", "flavorRef": "1", "imageRef": "x",
                                   "networks": [{"port": mine}]}}),
            ),
            "2.79",
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        body["conflictingRequest"]["message"],
        format!("Port {mine} is still in use.")
    );

    // Delete: Nova's ports go (their floating IPs are let go), the user's port stays.
    let (_, fip) = api
        .post(
            "/floatingips",
            json!({"floatingip": {"floating_network_id": PUBLIC}}),
        )
        .await;
    let fip = fip["floatingip"]["id"].as_str().expect("fip").to_owned();
    let (_, ports) = api.get(&format!("/ports?device_id={id}")).await;
    let auto_port = ports["ports"][0]["id"].as_str().expect("port").to_owned();
    let (status, _) = api
        .put(
            &format!("/floatingips/{fip}"),
            json!({"floatingip": {"port_id": auto_port}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    for server in [&id, &with_port] {
        let (status, _) = api
            .nova(Method::DELETE, &format!("/servers/{server}"), None, "2.1")
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }
    let (_, ports) = api.get(&format!("/ports?device_id={id}")).await;
    assert_eq!(ports["ports"], json!([]));
    let (status, _) = api.get(&format!("/ports/{auto_port}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, body) = api.get(&format!("/floatingips/{fip}")).await;
    assert_eq!(body["floatingip"]["status"], "DOWN");
    assert!(body["floatingip"]["port_id"].is_null());
    let (_, port) = api.get(&format!("/ports/{mine}")).await;
    assert_eq!(port["port"]["device_id"], "");
    assert_eq!(port["port"]["status"], "DOWN");
    // The freed address goes to the next server.
    let next = api.boot("next", json!({})).await;
    let s = api.server(&next).await;
    assert_eq!(s["addresses"]["private"][0]["addr"], "10.0.0.4");

    // With a second network of its own, auto is ambiguous.
    let (_, net) = api
        .post("/networks", json!({"network": {"name": "second"}}))
        .await;
    let second = net["network"]["id"].as_str().expect("id").to_owned();
    api.post(
        "/subnets",
        json!({"subnet": {"network_id": second, "cidr": "10.5.0.0/24", "ip_version": 4}}),
    )
    .await;
    let (status, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "ambiguous", "flavorRef": "1", "imageRef": "x",
                                   "networks": "auto"}}),
            ),
            "2.79",
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(
        body["conflictingRequest"]["message"],
        "More than one possible network found. Specify network ID(s) to select which one(s) \
         to connect to."
    );
}

// ---------------------------------------------------------------------------
// Server groups

#[tokio::test]
async fn server_groups_members_limits_and_quota() {
    let (cloud, _dir) = start().await;
    let api = login(&cloud, "demo", "demo").await;
    let (status, body) = api
        .nova(
            Method::POST,
            "/os-server-groups",
            Some(
                json!({"server_group": {"name": "g1", "policy": "anti-affinity",
                                         "rules": {"max_server_per_host": 1}}}),
            ),
            "2.64",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let g = body["server_group"].clone();
    let gid = g["id"].as_str().expect("id").to_owned();
    assert_eq!(g["policy"], "anti-affinity");
    assert_eq!(g["rules"], json!({"max_server_per_host": 1}));
    assert_eq!(g["members"], json!([]));
    assert_eq!(g["project_id"], api.project_id.as_str());
    assert!(g.get("policies").is_none());

    // The old shape before 2.64.
    let (status, body) = api
        .nova(
            Method::GET,
            &format!("/os-server-groups/{gid}"),
            None,
            "2.1",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["server_group"]["policies"], json!(["anti-affinity"]));
    assert_eq!(body["server_group"]["metadata"], json!({}));
    assert!(body["server_group"].get("project_id").is_none());
    let (status, body) = api
        .nova(
            Method::POST,
            "/os-server-groups",
            Some(json!({"server_group": {"name": "g", "policies": ["soft-affinity"]}})),
            "2.1",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // A member through the scheduler hint.
    let (status, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "m", "flavorRef": "1", "imageRef": "x"},
                        "os:scheduler_hints": {"group": gid}}),
            ),
            "2.1",
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let member = body["server"]["id"].as_str().expect("id").to_owned();
    let (_, body) = api
        .nova(Method::GET, "/os-server-groups", None, "2.64")
        .await;
    assert_eq!(body["server_groups"][0]["members"], json!([member]));
    let missing = "6f1c3a8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f";
    let (status, body) = api
        .nova(
            Method::POST,
            "/servers",
            Some(
                json!({"server": {"name": "m", "flavorRef": "1", "imageRef": "x"},
                        "os:scheduler_hints": {"group": missing}}),
            ),
            "2.1",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body["badRequest"]["message"],
        format!("Instance group {missing} could not be found.")
    );

    let (_, body) = api.nova(Method::GET, "/limits", None, "2.1").await;
    assert_eq!(body["limits"]["absolute"]["totalServerGroupsUsed"], 1);
    let (_, body) = api
        .nova(
            Method::GET,
            &format!("/os-quota-sets/{}/detail", api.project_id),
            None,
            "2.1",
        )
        .await;
    assert_eq!(body["quota_set"]["server_groups"]["in_use"], 1);
    assert_eq!(body["quota_set"]["server_group_members"]["in_use"], 1);

    // A deleted member leaves the group.
    api.nova(Method::DELETE, &format!("/servers/{member}"), None, "2.1")
        .await;
    let (_, body) = api
        .nova(
            Method::GET,
            &format!("/os-server-groups/{gid}"),
            None,
            "2.64",
        )
        .await;
    assert_eq!(body["server_group"]["members"], json!([]));

    // Quota: ten groups per project.
    for i in 1..10 {
        let (status, body) = api
            .nova(
                Method::POST,
                "/os-server-groups",
                Some(json!({"server_group": {"name": format!("g{i}"), "policies": ["affinity"]}})),
                "2.1",
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, body) = api
        .nova(
            Method::POST,
            "/os-server-groups",
            Some(json!({"server_group": {"name": "g11", "policy": "affinity"}})),
            "2.64",
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["forbidden"]["message"],
        "Quota exceeded, too many server groups."
    );

    // Another project can neither see nor delete the group.
    let alt = login(&cloud, "demo", "alt_demo").await;
    let (_, body) = alt
        .nova(Method::GET, "/os-server-groups", None, "2.64")
        .await;
    assert_eq!(body["server_groups"], json!([]));
    let (status, _) = alt
        .nova(
            Method::DELETE,
            &format!("/os-server-groups/{gid}"),
            None,
            "2.64",
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, _) = api
        .nova(
            Method::DELETE,
            &format!("/os-server-groups/{gid}"),
            None,
            "2.64",
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = api
        .nova(
            Method::GET,
            &format!("/os-server-groups/{gid}"),
            None,
            "2.64",
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body["itemNotFound"]["message"],
        format!("Instance group {gid} could not be found.")
    );
}

// ---------------------------------------------------------------------------
// Persistence

#[tokio::test]
async fn state_survives_restart_and_seed_runs_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path()).await;
    let api = login(&cloud, "demo", "demo").await;
    let (_, net) = api
        .post("/networks", json!({"network": {"name": "kept"}}))
        .await;
    let net = net["network"]["id"].as_str().expect("id").to_owned();
    let (_, sg) = api
        .post(
            "/security-groups",
            json!({"security_group": {"name": "kept-sg"}}),
        )
        .await;
    let sg = sg["security_group"]["id"].as_str().expect("id").to_owned();
    let (_, fip) = api
        .post(
            "/floatingips",
            json!({"floatingip": {"floating_network_id": PUBLIC}}),
        )
        .await;
    let fip = fip["floatingip"]["id"].as_str().expect("id").to_owned();
    let (_, before) = api.get("/ports").await;
    cloud.shutdown().await;

    let cloud = start_in(dir.path()).await;
    let api = login(&cloud, "demo", "demo").await;
    let (status, _) = api.get(&format!("/networks/{net}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = api.get(&format!("/security-groups/{sg}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api.get(&format!("/floatingips/{fip}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["floatingip"]["floating_ip_address"], "172.24.4.2");
    let (_, after) = api.get("/ports").await;
    assert_eq!(ids(&after["ports"]), ids(&before["ports"]));
    let (_, body) = api.get("/networks?name=public").await;
    assert_eq!(body["networks"].as_array().map(Vec::len), Some(1));
    let (_, body) = api.get("/networks?name=private").await;
    assert_eq!(body["networks"].as_array().map(Vec::len), Some(1));
    cloud.shutdown().await;
}
