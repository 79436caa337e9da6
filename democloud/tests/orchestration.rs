//! End-to-end tests of Heat (orchestration v1) over real HTTP: stacks whose
//! resources are made in the demo cloud's own services.

mod common;

use std::time::{Duration, Instant};

use democloud::DemoCloud;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use common::Api;

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|c| c.build_delay = Duration::from_millis(100)).await
}

/// Heat, Nova and Neutron of the demo user.
struct Clouds {
    heat: Api,
    nova: Api,
    neutron: Api,
    swift: Api,
}

async fn demo(cloud: &DemoCloud) -> Clouds {
    let (token, project) = common::login(cloud, "demo", "demo").await;
    Clouds {
        heat: Api::new(cloud, &format!("/heat/v1/{project}"), token.clone()),
        nova: Api::new(cloud, common::COMPUTE, token.clone()),
        neutron: Api::new(cloud, "/networking/v2.0", token.clone()),
        swift: Api::new(cloud, &format!("/swift/v1/AUTH_{project}"), token),
    }
}

/// Creates a stack; returns its `<name>/<id>` path.
async fn create(heat: &Api, name: &str, template: &str, params: Value, extra: Value) -> String {
    let mut body = json!({"stack_name": name, "template": template, "parameters": params});
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        b.extend(e.clone());
    }
    let (status, created) = heat.post("/stacks", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["stack"]["id"].as_str().expect("id");
    format!("{name}/{id}")
}

/// Waits until the stack leaves `*_IN_PROGRESS`; returns it.
async fn settle(heat: &Api, stack: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (status, body) = heat.get(&format!("/stacks/{stack}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let s = body["stack"].clone();
        if !s["stack_status"]
            .as_str()
            .unwrap_or("")
            .ends_with("IN_PROGRESS")
        {
            return s;
        }
        assert!(Instant::now() < deadline, "stack stuck: {s}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn resources(heat: &Api, stack: &str) -> Vec<Value> {
    let (status, body) = heat.get(&format!("/stacks/{stack}/resources")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["resources"].as_array().cloned().unwrap_or_default()
}

fn find<'a>(list: &'a [Value], name: &str) -> &'a Value {
    list.iter()
        .find(|r| r["resource_name"] == name)
        .unwrap_or_else(|| panic!("no resource {name} in {list:?}"))
}

fn output(stack: &Value, key: &str) -> Value {
    stack["outputs"]
        .as_array()
        .and_then(|o| o.iter().find(|o| o["output_key"] == key))
        .map(|o| o["output_value"].clone())
        .unwrap_or(Value::Null)
}

const APP: &str = r#"
heat_template_version: 2018-08-31
description: A server on its own network, with storage and a group.
parameters:
  flavor:
    type: string
    default: m1.tiny
    constraints:
      - custom_constraint: nova.flavor
  image:
    type: string
    default: cirros-0.6.2-x86_64-disk
    constraints:
      - custom_constraint: glance.image
  size:
    type: number
    default: 2
    constraints:
      - range: {min: 1, max: 4}
resources:
  secret:
    type: OS::Heat::RandomString
    properties:
      length: 16
  net:
    type: OS::Neutron::Net
  subnet:
    type: OS::Neutron::Subnet
    properties:
      network: {get_resource: net}
      cidr: 192.168.77.0/24
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - {protocol: tcp, port_range_min: 22, port_range_max: 22}
  server:
    type: OS::Nova::Server
    depends_on: subnet
    properties:
      flavor: {get_param: flavor}
      image: {get_param: image}
      networks: [{network: {get_resource: net}}]
      security_groups: [{get_resource: sg}]
      user_data:
        str_replace:
          template: "password=$pw"
          params: {$pw: {get_attr: [secret, value]}}
  bucket:
    type: OS::Swift::Container
    properties:
      PurgeOnDelete: true
  group:
    type: OS::Heat::ResourceGroup
    properties:
      count: {get_param: size}
      resource_def:
        type: OS::Heat::Value
        properties:
          value: member-%index%
outputs:
  address:
    value: {get_attr: [server, first_address]}
  bucket:
    value: {get_resource: bucket}
  members:
    value: {get_attr: [group, attributes, value]}
  secret_length:
    value: {list_join: ['', [{get_attr: [secret, value]}]]}
"#;

#[tokio::test]
async fn a_stack_builds_its_resources_in_the_cloud_and_deletes_them() {
    let (cloud, _dir) = start().await;
    let c = demo(&cloud).await;
    let stack = create(&c.heat, "app", APP, json!({}), json!({})).await;
    let s = settle(&c.heat, &stack).await;
    assert_eq!(s["stack_status"], "CREATE_COMPLETE", "{s}");
    assert_eq!(
        s["stack_status_reason"],
        "Stack CREATE completed successfully"
    );
    assert_eq!(s["parameters"]["size"], "2");

    // Outputs come from the real resources.
    let address = output(&s, "address");
    assert!(
        address
            .as_str()
            .is_some_and(|a| a.starts_with("192.168.77.")),
        "{address}"
    );
    assert_eq!(output(&s, "members"), json!(["member-0", "member-1"]));
    assert_eq!(output(&s, "secret_length").as_str().map(str::len), Some(16));

    let list = resources(&c.heat, &stack).await;
    for r in &list {
        assert_eq!(r["resource_status"], "CREATE_COMPLETE", "{r}");
    }
    let server_id = find(&list, "server")["physical_resource_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let net_id = find(&list, "net")["physical_resource_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let bucket = output(&s, "bucket").as_str().unwrap().to_owned();
    assert_eq!(
        find(&list, "net")["required_by"],
        json!(["subnet", "server"])
    );
    let (status, server) = c.nova.get(&format!("/servers/{server_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(server["server"]["status"], "ACTIVE");
    let (status, _) = c.swift.get(&format!("/{bucket}")).await;
    assert!(status.is_success(), "{status}");

    // The group is a nested stack, listed with nested_depth.
    let (_, nested) = c
        .heat
        .get(&format!("/stacks/{stack}/resources?nested_depth=1"))
        .await;
    let names: Vec<&str> = nested["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["resource_name"].as_str())
        .collect();
    assert!(names.contains(&"0") && names.contains(&"1"), "{names:?}");

    // Events tell the story in order: the subnet waits for the network.
    let (_, events) = c
        .heat
        .get(&format!("/stacks/{stack}/events?sort_dir=asc"))
        .await;
    let events = events["events"].as_array().unwrap().clone();
    let position = |name: &str, status: &str| {
        events
            .iter()
            .position(|e| e["resource_name"] == name && e["resource_status"] == status)
            .unwrap_or_else(|| panic!("no {status} event for {name}"))
    };
    assert!(position("net", "CREATE_COMPLETE") < position("subnet", "CREATE_IN_PROGRESS"));
    assert!(position("subnet", "CREATE_COMPLETE") < position("server", "CREATE_IN_PROGRESS"));
    assert_eq!(position("app", "CREATE_IN_PROGRESS"), 0);
    assert_eq!(position("app", "CREATE_COMPLETE"), events.len() - 1);
    // Paging by marker.
    let first = events[0]["id"].as_str().unwrap();
    let (_, page) = c
        .heat
        .get(&format!(
            "/stacks/{stack}/events?sort_dir=asc&marker={first}&limit=2"
        ))
        .await;
    assert_eq!(page["events"].as_array().unwrap().len(), 2);
    assert_eq!(page["events"][0]["id"], events[1]["id"]);

    // A check passes; after the server is deleted behind Heat's back it fails.
    let (status, _) = c
        .heat
        .post(&format!("/stacks/{stack}/actions"), json!({"check": null}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        settle(&c.heat, &stack).await["stack_status"],
        "CHECK_COMPLETE"
    );
    let (status, _) = c.nova.delete(&format!("/servers/{server_id}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    tokio::time::sleep(Duration::from_millis(300)).await;
    c.heat
        .post(&format!("/stacks/{stack}/actions"), json!({"check": null}))
        .await;
    let s = settle(&c.heat, &stack).await;
    assert_eq!(s["stack_status"], "CHECK_FAILED", "{s}");
    assert!(
        s["stack_status_reason"]
            .as_str()
            .unwrap()
            .contains("resources.server"),
        "{s}"
    );
    let list = resources(&c.heat, &stack).await;
    assert_eq!(find(&list, "server")["resource_status"], "CHECK_FAILED");
    assert_eq!(find(&list, "net")["resource_status"], "CHECK_COMPLETE");

    // Delete removes everything it made.
    let (status, _) = c.heat.delete(&format!("/stacks/{stack}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let s = settle(&c.heat, &stack).await;
    assert_eq!(s["stack_status"], "DELETE_COMPLETE", "{s}");
    let (status, _) = c.neutron.get(&format!("/networks/{net_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = c.swift.get(&format!("/{bucket}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = c.heat.get("/stacks").await;
    assert_eq!(list["stacks"], json!([]));
    // By name it is gone; by id Heat still shows it.
    let (status, _) = c.heat.get("/stacks/app").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn lookups_by_name_redirect_to_the_canonical_url() {
    let (cloud, _dir) = start().await;
    let c = demo(&cloud).await;
    let template = "heat_template_version: 2016-10-14\nresources:\n  v:\n    type: OS::Heat::Value\n    properties: {value: 1}\n";
    let stack = create(&c.heat, "named", template, json!({}), json!({})).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let resp = client
        .get(c.heat.url("/stacks/named/resources?nested_depth=1"))
        .header("x-auth-token", &c.heat.token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::FOUND);
    let location = resp.headers()["location"].to_str().unwrap();
    assert!(
        location.ends_with(&format!("/stacks/{stack}/resources?nested_depth=1")),
        "{location}"
    );
    // The same stack name twice is a conflict.
    let (status, body) = c
        .heat
        .post(
            "/stacks",
            json!({"stack_name": "named", "template": template}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["type"], "StackExists");
}

#[tokio::test]
async fn a_failed_create_rolls_back_when_asked() {
    let (cloud, _dir) = start().await;
    let c = demo(&cloud).await;
    let template = r#"
heat_template_version: 2018-08-31
resources:
  fine:
    type: OS::Heat::TestResource
    properties: {value: ok}
  net:
    type: OS::Neutron::Net
  broken:
    type: OS::Heat::TestResource
    depends_on: [fine, net]
    properties: {fail: true}
"#;
    let kept = create(&c.heat, "kept", template, json!({}), json!({})).await;
    let s = settle(&c.heat, &kept).await;
    assert_eq!(s["stack_status"], "CREATE_FAILED");
    assert_eq!(
        s["stack_status_reason"],
        "Resource CREATE failed: ValueError: resources.broken: Test Resource failed broken"
    );
    assert_eq!(
        find(&resources(&c.heat, &kept).await, "net")["resource_status"],
        "CREATE_COMPLETE"
    );

    let rolled = create(
        &c.heat,
        "rolled",
        template,
        json!({}),
        json!({"disable_rollback": false}),
    )
    .await;
    let s = settle(&c.heat, &rolled).await;
    assert_eq!(s["stack_status"], "ROLLBACK_COMPLETE", "{s}");
    assert!(resources(&c.heat, &rolled).await.is_empty());
    let (_, nets) = c.neutron.get("/networks").await;
    let rolled_nets = nets["networks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["name"].as_str().unwrap_or("").starts_with("rolled-"))
        .count();
    assert_eq!(rolled_nets, 0, "the rollback deletes the network");
}

#[tokio::test]
async fn bad_templates_and_parameters_get_heats_400s() {
    let (cloud, _dir) = start().await;
    let c = demo(&cloud).await;
    let post = |body: Value| {
        let heat = c.heat.clone();
        async move { heat.post("/stacks", body).await }
    };
    // YAML errors say where.
    let (status, body) = post(json!({"stack_name": "y", "template": "heat_template_version: 2018-08-31\nresources:\n  a: [\n"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Template not in valid format: Error parsing template [root stack] "),
        "{message}"
    );
    assert!(message.contains("line "), "{message}");

    let needs_param =
        "heat_template_version: 2018-08-31\nparameters:\n  key: {type: string}\nresources: {}\n";
    let (status, body) = post(json!({"stack_name": "p", "template": needs_param})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"]["type"], "UserParameterMissing");
    assert_eq!(
        body["error"]["message"],
        "The Parameter (key) was not provided."
    );

    let flavor = "heat_template_version: 2018-08-31\nparameters:\n  f: {type: string, constraints: [{custom_constraint: nova.flavor}]}\nresources: {}\n";
    let (status, body) =
        post(json!({"stack_name": "f", "template": flavor, "parameters": {"f": "m1.huge"}})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("The Flavor ID (m1.huge) could not be found."),
        "{body}"
    );

    let unknown = "heat_template_version: 2018-08-31\nresources:\n  x: {type: OS::Foo::Bar}\n";
    let (status, body) = post(json!({"stack_name": "u", "template": unknown})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    let volume = "heat_template_version: 2018-08-31\nresources:\n  v: {type: OS::Cinder::Volume, properties: {size: 1}}\n";
    let (status, body) = post(json!({"stack_name": "v", "template": volume})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cinder"),
        "{body}"
    );

    // Validate describes parameters in template order.
    let (status, body) = c
        .heat
        .post("/validate", json!({"template": needs_param}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Parameters"]["key"]["Type"], "String");
    assert_eq!(body["Parameters"]["key"]["NoEcho"], "false");
}

#[tokio::test]
async fn updates_change_in_place_replace_and_remove() {
    let (cloud, _dir) = start().await;
    let c = demo(&cloud).await;
    let v1 = r#"
heat_template_version: 2018-08-31
parameters:
  count: {type: number, default: 1}
  word: {type: string, default: one}
resources:
  value:
    type: OS::Heat::Value
    properties: {value: {get_param: word}}
  group:
    type: OS::Heat::ResourceGroup
    properties:
      count: {get_param: count}
      resource_def: {type: OS::Heat::None}
  gone:
    type: OS::Heat::None
outputs:
  word: {value: {get_attr: [value, value]}}
  refs: {value: {get_attr: [group, refs]}}
"#;
    let stack = create(&c.heat, "up", v1, json!({}), json!({})).await;
    assert_eq!(
        settle(&c.heat, &stack).await["stack_status"],
        "CREATE_COMPLETE"
    );
    let v2 = v1.replace("  gone:\n    type: OS::Heat::None\n", "");

    let (status, preview) = c
        .heat
        .put(
            &format!("/stacks/{stack}/preview"),
            json!({"template": v2, "parameters": {"word": "two", "count": 3}}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let names = |kind: &str| -> Vec<String> {
        preview["resource_changes"][kind]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["resource_name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("deleted"), ["gone"]);
    assert!(names("updated").contains(&"value".to_owned()), "{preview}");

    let (status, body) = c
        .heat
        .put(
            &format!("/stacks/{stack}"),
            json!({"template": v2, "parameters": {"word": "two", "count": 3}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let s = settle(&c.heat, &stack).await;
    assert_eq!(s["stack_status"], "UPDATE_COMPLETE", "{s}");
    assert_eq!(output(&s, "word"), "two");
    assert_eq!(output(&s, "refs").as_array().map(Vec::len), Some(3));
    let list = resources(&c.heat, &stack).await;
    assert_eq!(list.len(), 2);
    assert_eq!(find(&list, "value")["resource_status"], "UPDATE_COMPLETE");

    // PATCH keeps the template and the other parameter values.
    let (status, _) = c
        .heat
        .call(
            Method::PATCH,
            &format!("/stacks/{stack}"),
            Some(json!({"parameters": {"count": 1}})),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let s = settle(&c.heat, &stack).await;
    assert_eq!(s["stack_status"], "UPDATE_COMPLETE", "{s}");
    assert_eq!(output(&s, "word"), "two");
    assert_eq!(output(&s, "refs").as_array().map(Vec::len), Some(1));

    // Suspend and resume walk every resource.
    c.heat
        .post(
            &format!("/stacks/{stack}/actions"),
            json!({"suspend": null}),
        )
        .await;
    assert_eq!(
        settle(&c.heat, &stack).await["stack_status"],
        "SUSPEND_COMPLETE"
    );
    c.heat
        .post(&format!("/stacks/{stack}/actions"), json!({"resume": null}))
        .await;
    assert_eq!(
        settle(&c.heat, &stack).await["stack_status"],
        "RESUME_COMPLETE"
    );
}

#[tokio::test]
async fn key_pairs_server_groups_and_floating_ips_come_and_go_with_the_stack() {
    let (cloud, _dir) = start().await;
    let c = demo(&cloud).await;
    let template = r#"
heat_template_version: 2018-08-31
resources:
  key:
    type: OS::Nova::KeyPair
    properties:
      name: stack-key
      save_private_key: true
  group:
    type: OS::Nova::ServerGroup
    properties:
      policies: [anti-affinity]
  port:
    type: OS::Neutron::Port
    properties:
      network: private
  server:
    type: OS::Nova::Server
    properties:
      flavor: m1.tiny
      image: cirros-0.6.2-x86_64-disk
      key_name: {get_resource: key}
      networks: [{port: {get_resource: port}}]
      scheduler_hints: {group: {get_resource: group}}
  fip:
    type: OS::Neutron::FloatingIP
    properties:
      floating_network: public
      port_id: {get_resource: port}
outputs:
  public: {value: {get_attr: [fip, floating_ip_address]}}
  fixed: {value: {get_attr: [port, fixed_ips, 0, ip_address]}}
  private_key: {value: {get_attr: [key, private_key]}}
"#;
    let stack = create(&c.heat, "kit", template, json!({}), json!({})).await;
    let s = settle(&c.heat, &stack).await;
    assert_eq!(s["stack_status"], "CREATE_COMPLETE", "{s}");
    assert!(
        output(&s, "public").as_str().is_some_and(|a| !a.is_empty()),
        "{s}"
    );
    assert!(
        output(&s, "fixed")
            .as_str()
            .is_some_and(|a| a.starts_with("10.0.0.")),
        "{s}"
    );
    assert!(
        output(&s, "private_key")
            .as_str()
            .is_some_and(|k| k.contains("PRIVATE KEY")),
        "{s}"
    );

    let list = resources(&c.heat, &stack).await;
    let id = |n: &str| {
        find(&list, n)["physical_resource_id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (server, group, fip) = (id("server"), id("group"), id("fip"));
    assert_eq!(id("key"), "stack-key");
    let (_, shown) = c.nova.get(&format!("/servers/{server}")).await;
    assert_eq!(shown["server"]["key_name"], "stack-key");
    let (_, members) = c.nova.get(&format!("/os-server-groups/{group}")).await;
    assert_eq!(members["server_group"]["members"], json!([server]));
    let (_, floating) = c.neutron.get(&format!("/floatingips/{fip}")).await;
    assert_eq!(floating["floatingip"]["port_id"], json!(id("port")));

    c.heat.delete(&format!("/stacks/{stack}")).await;
    assert_eq!(
        settle(&c.heat, &stack).await["stack_status"],
        "DELETE_COMPLETE"
    );
    let (status, _) = c.nova.get("/os-keypairs/stack-key").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = c.nova.get(&format!("/os-server-groups/{group}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = c.neutron.get(&format!("/floatingips/{fip}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
