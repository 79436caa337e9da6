//! Fault injection over real HTTP: the admin API under `/zenith/v1/faults`,
//! what each fault does to its service (and to no other), and faults given
//! in the configuration.

mod common;

use std::time::{Duration, Instant};

use democloud::{parse_fault_spec, Config, DemoCloud, Fault, FaultMode};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use common::{login, Api, COMPUTE};

const FAULTS: &str = "/zenith/v1/faults";

/// The fault API with an admin token.
async fn admin_faults(cloud: &DemoCloud) -> Api {
    let (token, _) = login(cloud, "admin", "admin").await;
    Api::new(cloud, FAULTS, token)
}

fn url(cloud: &DemoCloud, path: &str) -> String {
    format!("http://{}{path}", cloud.addr())
}

/// `GET path` with `token`: the status, the `Retry-After` header and the
/// body as JSON (a string when not JSON).
async fn get(cloud: &DemoCloud, token: &str, path: &str) -> (StatusCode, Option<String>, Value) {
    let resp = Client::new()
        .get(url(cloud, path))
        .header("x-auth-token", token)
        .send()
        .await
        .expect("request");
    let status = resp.status();
    let retry_after = resp
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let text = resp.text().await.expect("body");
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, retry_after, body)
}

async fn set(api: &Api, service: &str, fault: Value) -> (StatusCode, Value) {
    api.put(&format!("/{service}"), json!({ "fault": fault }))
        .await
}

#[tokio::test]
async fn unavailable_compute_answers_503_and_other_services_do_not() {
    let (cloud, _dir) = common::start(|_| {}).await;
    let faults = admin_faults(&cloud).await;
    let (demo, _) = login(&cloud, "demo", "demo").await;

    let (status, body) = faults.get("").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"faults": []}));

    let (status, body) = set(&faults, "compute", json!({"mode": "unavailable"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"fault": {"service_type": "compute", "mode": "unavailable", "latency_ms": 0}})
    );

    let (status, retry_after, body) = get(&cloud, &demo, &format!("{COMPUTE}/servers")).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(retry_after.is_some(), "Retry-After is sent");
    assert_eq!(body["serviceUnavailable"]["code"], 503, "{body}");
    let message = body["serviceUnavailable"]["message"]
        .as_str()
        .expect("message");
    assert!(message.contains("injected by the demo cloud"), "{message}");
    // The version-discovery root a health probe reads is down too.
    let (status, _, _) = get(&cloud, &demo, "/compute/").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    // Other services are untouched.
    let (status, _, body) = get(&cloud, &demo, "/image/v2/images").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = get(&cloud, &demo, "/v3/auth/catalog").await;
    assert_eq!(status, StatusCode::OK);

    let (_, body) = faults.get("").await;
    assert_eq!(
        body["faults"],
        json!([{"service_type": "compute", "mode": "unavailable", "latency_ms": 0}])
    );

    let (status, _) = faults.delete("/compute").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, body) = get(&cloud, &demo, &format!("{COMPUTE}/servers")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Clearing again is no error.
    let (status, _) = faults.delete("/nova").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, body) = faults.get("").await;
    assert_eq!(body, json!({"faults": []}));
}

#[tokio::test]
async fn version_roots_answer_and_follow_their_service() {
    let (cloud, _dir) = common::start(|_| {}).await;
    let faults = admin_faults(&cloud).await;
    // The roots a health probe reads, and where each service's 503 keeps
    // its own error format.
    let roots = [
        ("identity", "/", "/error/code"),
        ("compute", "/compute/", "/serviceUnavailable/code"),
        ("image", "/image/", "/title"),
        ("network", "/networking/", "/NeutronError/type"),
        ("object-store", "/swift/info", ""),
        ("orchestration", "/heat/", "/error/type"),
    ];
    for (_, root, _) in roots {
        let (status, _, body) = get(&cloud, "", root).await;
        assert!(status.as_u16() < 500, "{root}: {status} {body}");
    }
    for (service, _, _) in roots {
        let (status, body) = set(&faults, service, json!({"mode": "unavailable"})).await;
        assert_eq!(status, StatusCode::OK, "{service}: {body}");
    }
    for (service, root, pointer) in roots {
        let (status, retry_after, body) = get(&cloud, "", root).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{root}: {body}");
        assert!(retry_after.is_some(), "{root}");
        if pointer.is_empty() {
            let text = body.as_str().expect("plain text");
            assert!(text.contains(service), "{text}");
        } else {
            assert!(body.pointer(pointer).is_some(), "{root}: {body}");
        }
    }
    // Swift's /info at the root and Keystone below /v3 go with them.
    let (status, _, _) = get(&cloud, "", "/info").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let (status, _, _) = get(&cloud, "", "/v3").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    // The fault API itself never fails, even with Keystone down.
    let (status, body) = faults.get("").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["faults"].as_array().map(Vec::len), Some(roots.len()));
    // Nor does a path of no service.
    let (status, _, _) = get(&cloud, "", "/nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn slow_adds_latency_then_serves() {
    let (cloud, _dir) = common::start(|_| {}).await;
    let faults = admin_faults(&cloud).await;
    let (demo, _) = login(&cloud, "demo", "demo").await;
    let (status, body) = set(
        &faults,
        "glance",
        json!({"mode": "slow", "latency_ms": 300}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["fault"]["service_type"], "image");

    let started = Instant::now();
    let (status, _, body) = get(&cloud, &demo, "/image/v2/images").await;
    let took = started.elapsed();
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["images"].is_array(), "{body}");
    assert!(took >= Duration::from_millis(300), "took {took:?}");

    let (status, _) = faults.delete("/image").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn refused_drops_the_connection_without_an_answer() {
    let (cloud, _dir) = common::start(|_| {}).await;
    let faults = admin_faults(&cloud).await;
    let (demo, _) = login(&cloud, "demo", "demo").await;
    let (status, body) = set(&faults, "network", json!({"mode": "refused"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let client = Client::new();
    for path in ["/networking/v2.0/networks", "/networking/"] {
        let result = client
            .get(url(&cloud, path))
            .header("x-auth-token", &demo)
            .send()
            .await;
        let err = result.expect_err("no HTTP answer");
        assert!(err.status().is_none(), "{err:?}");
        assert!(err.is_request() || err.is_connect(), "{err:?}");
    }
    // Not one byte of a response reaches the socket.
    let mut stream = tokio::net::TcpStream::connect(cloud.addr())
        .await
        .expect("connects");
    let request = format!(
        "GET /networking/ HTTP/1.1\r\nhost: {}\r\nx-auth-token: {demo}\r\n\r\n",
        cloud.addr()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .expect("request sent");
    let mut answer = Vec::new();
    // A reset instead of a clean close is as good.
    let _ = stream.read_to_end(&mut answer).await;
    assert!(answer.is_empty(), "{}", String::from_utf8_lossy(&answer));
    // The same client still reaches the other services.
    let resp = client
        .get(url(&cloud, &format!("{COMPUTE}/servers")))
        .header("x-auth-token", &demo)
        .send()
        .await
        .expect("compute answers");
    assert_eq!(resp.status(), StatusCode::OK);

    let (status, _) = faults.delete("/neutron").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let resp = client
        .get(url(&cloud, "/networking/v2.0/networks"))
        .header("x-auth-token", &demo)
        .send()
        .await
        .expect("network answers again");
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_api_is_for_admins_and_checks_its_input() {
    let (cloud, _dir) = common::start(|_| {}).await;
    let faults = admin_faults(&cloud).await;
    let (demo, _) = login(&cloud, "demo", "demo").await;
    let member = Api::new(&cloud, FAULTS, demo);
    let anonymous = Api::new(&cloud, FAULTS, "");
    let unavailable = json!({"fault": {"mode": "unavailable"}});

    let (status, body) = anonymous.get("").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _) = anonymous.put("/compute", unavailable.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let (status, body) = member.put("/compute", unavailable.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("admin")));
    let (status, _) = member.get("").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = member.delete("/compute").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, body) = faults.put("/cinder", unavailable.clone()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let message = body["error"]["message"].as_str().expect("message");
    assert!(
        message.contains("cinder") && message.contains("compute"),
        "{message}"
    );
    let (status, _) = faults.delete("/cinder").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let bad = [
        (json!({"fault": {"mode": "down"}}), "unknown variant"),
        (json!({"fault": {"mode": "slow"}}), "latency_ms"),
        (
            json!({"fault": {"mode": "slow", "latency_ms": 0}}),
            "latency_ms",
        ),
        (
            json!({"fault": {"mode": "slow", "latency_ms": 60_001}}),
            "60000",
        ),
        (json!({"fault": {"mode": "slow", "latency": 5}}), "latency"),
        (json!({"fault": {"mode": "slow", "latency_ms": -1}}), "-1"),
        (json!({"mode": "unavailable"}), "fault"),
    ];
    for (body, says) in bad {
        let (status, answer) = faults.put("/compute", body.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}: {answer}");
        let message = answer["error"]["message"].as_str().expect("message");
        assert!(message.contains(says), "{body}: {message}");
    }
    let (status, answer) = Api::send(
        faults
            .request(reqwest::Method::PUT, "/compute")
            .header("content-type", "application/json")
            .body("{not json"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    // Nothing was set by the refused requests.
    let (_, body) = faults.get("").await;
    assert_eq!(body, json!({"faults": []}));
}

/// The first seeded server of project demo, seen by demo at 2.1.
async fn demo_server(cloud: &DemoCloud) -> (Api, String) {
    let (token, _) = login(cloud, "demo", "demo").await;
    let api = Api::compute(cloud, token, "2.1");
    let (status, body) = api.get("/servers").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id = body["servers"][0]["id"]
        .as_str()
        .expect("a server")
        .to_owned();
    (api, id)
}

#[tokio::test]
async fn failing_a_server_shows_error_with_the_fault() {
    let (cloud, _dir) = common::start(|_| {}).await;
    let faults = admin_faults(&cloud).await;
    let (nova, id) = demo_server(&cloud).await;

    let (status, body) = faults
        .post(
            &format!("/servers/{id}"),
            json!({"fault": {"message": "Disk failure on the hypervisor"}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");

    let (status, body) = nova.get(&format!("/servers/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let server = &body["server"];
    assert_eq!(server["status"], "ERROR", "{server}");
    assert_eq!(server["OS-EXT-STS:vm_state"], "error");
    assert_eq!(server["OS-EXT-STS:task_state"], Value::Null);
    assert_eq!(server["fault"]["code"], 500);
    assert_eq!(server["fault"]["message"], "Disk failure on the hypervisor");
    assert!(server["fault"]["created"].is_string(), "{server}");

    let (_, body) = nova.get("/servers/detail").await;
    let listed = body["servers"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["id"] == id.as_str()))
        .expect("listed")
        .clone();
    assert_eq!(listed["status"], "ERROR");
    assert_eq!(listed["fault"]["message"], "Disk failure on the hypervisor");

    // Another code, and the server can be failed again.
    let (status, _) = faults
        .post(
            &format!("/servers/{id}"),
            json!({"fault": {"message": "Host unreachable", "code": 503}}),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (_, body) = nova.get(&format!("/servers/{id}")).await;
    assert_eq!(body["server"]["fault"]["code"], 503);
    assert_eq!(body["server"]["fault"]["message"], "Host unreachable");

    let (status, body) = faults
        .post(
            "/servers/00000000-0000-0000-0000-000000000000",
            json!({"fault": {"message": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    for bad in [
        json!({"fault": {"message": " "}}),
        json!({"fault": {"message": "x", "code": 200}}),
        json!({"fault": {"message": "x".repeat(256)}}),
        json!({"fault": {}}),
    ] {
        let (status, body) = faults.post(&format!("/servers/{id}"), bad.clone()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    let member = Api::new(&cloud, FAULTS, nova.token.clone());
    let (status, _) = member
        .post(
            &format!("/servers/{id}"),
            json!({"fault": {"message": "x"}}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn configured_faults_apply_at_start() {
    let faults = vec![
        parse_fault_spec("nova=unavailable").expect("spec"),
        (
            "heat".to_owned(),
            Fault {
                mode: FaultMode::Slow,
                latency_ms: 200,
            },
        ),
    ];
    let (cloud, _dir) = common::start(|c| c.faults = faults).await;
    let (status, _, _) = get(&cloud, "", "/compute/").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let api = admin_faults(&cloud).await;
    let (_, body) = api.get("").await;
    assert_eq!(
        body["faults"],
        json!([
            {"service_type": "compute", "mode": "unavailable", "latency_ms": 0},
            {"service_type": "orchestration", "mode": "slow", "latency_ms": 200},
        ])
    );
}

#[tokio::test]
async fn bad_configured_faults_stop_the_start() {
    for (name, fault, says) in [
        (
            "cinder",
            Fault {
                mode: FaultMode::Unavailable,
                latency_ms: 0,
            },
            "unknown service 'cinder'",
        ),
        (
            "image",
            Fault {
                mode: FaultMode::Slow,
                latency_ms: 0,
            },
            "latency_ms",
        ),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let config = Config {
            listen: "127.0.0.1:0".parse().expect("addr"),
            data_dir: dir.path().to_owned(),
            faults: vec![(name.to_owned(), fault)],
            ..Config::default()
        };
        let err = DemoCloud::start(config)
            .await
            .expect_err("refuses to start");
        let message = err.to_string();
        assert!(message.contains(says), "{message}");
    }
}

#[test]
fn fault_specs_parse_or_say_what_to_write() {
    assert_eq!(
        parse_fault_spec("compute=unavailable"),
        Ok((
            "compute".to_owned(),
            Fault {
                mode: FaultMode::Unavailable,
                latency_ms: 0
            }
        ))
    );
    assert_eq!(
        parse_fault_spec("nova=refused").map(|(s, f)| (s, f.mode)),
        Ok(("compute".to_owned(), FaultMode::Refused))
    );
    assert_eq!(
        parse_fault_spec("image=slow:2000").map(|(_, f)| f.latency_ms),
        Ok(2000)
    );
    for (spec, says) in [
        ("compute", "SERVICE=MODE[:LATENCY_MS]"),
        ("volume=unavailable", "unknown service 'volume'"),
        ("compute=broken", "unavailable, refused or slow"),
        ("image=slow", "image=slow:2000"),
        ("image=slow:soon", "milliseconds"),
        ("image=slow:90000", "60000"),
    ] {
        let err = parse_fault_spec(spec).expect_err(spec);
        assert!(err.contains(says), "{spec}: {err}");
    }
}
