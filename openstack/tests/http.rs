//! Wire-level tests against a small mock cloud on 127.0.0.1: headers,
//! error mapping, pagination, redirects and timeouts.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use openstack::identity::{self, DomainRef, PasswordCredentials, Scope};
use openstack::{Client, ClientOptions, Error, Interface, Method, Session, Token};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Default)]
struct Seen {
    hits: AtomicUsize,
    last_headers: Mutex<Option<HeaderMap>>,
    last_body: Mutex<Option<Value>>,
}

type Shared = Arc<Seen>;

async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    addr
}

fn record(seen: &Seen, headers: &HeaderMap) {
    seen.hits.fetch_add(1, Ordering::SeqCst);
    *seen.last_headers.lock().unwrap() = Some(headers.clone());
}

fn catalog(addr: SocketAddr) -> Value {
    json!([
        {"type": "compute", "name": "nova", "id": "c", "endpoints": [
            {"id": "1", "interface": "public", "region_id": "RegionOne",
             "url": format!("http://{addr}/compute/v2.1")}]},
        {"type": "image", "name": "glance", "id": "i", "endpoints": [
            {"id": "2", "interface": "public", "region_id": "RegionOne",
             "url": format!("http://{addr}/image")}]},
        {"type": "identity", "name": "keystone", "id": "k", "endpoints": [
            {"id": "3", "interface": "public", "region_id": "RegionOne",
             "url": format!("http://{addr}/v3")}]}
    ])
}

fn token_json(addr: SocketAddr, expires_at: &str) -> Value {
    json!({
        "methods": ["password"],
        "expires_at": expires_at,
        "issued_at": "2026-01-01T00:00:00.000000Z",
        "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
        "roles": [{"id": "r1", "name": "member"}],
        "catalog": catalog(addr),
        "audit_ids": ["a1"]
    })
}

fn session(addr: SocketAddr, expires_at: &str) -> Session {
    let mut stored = token_json(addr, expires_at);
    stored["secret"] = json!("tok-123");
    let token: Token = serde_json::from_value(stored).unwrap();
    let client = Client::new(&ClientOptions::default()).unwrap();
    Session::new(client, format!("http://{addr}/v3"), token)
}

const FUTURE: &str = "2099-01-01T00:00:00.000000Z";

#[tokio::test]
async fn authenticate_sends_explicit_unscoped_and_reads_subject_token() {
    let seen: Shared = Arc::default();
    async fn tokens(
        State(seen): State<Shared>,
        headers: HeaderMap,
        Json(body): Json<Value>,
    ) -> Response {
        record(&seen, &headers);
        *seen.last_body.lock().unwrap() = Some(body);
        let addr: SocketAddr = headers["host"].to_str().unwrap().parse().unwrap();
        let mut t = token_json(addr, FUTURE);
        t.as_object_mut().unwrap().remove("project");
        t.as_object_mut().unwrap().remove("catalog");
        (
            StatusCode::CREATED,
            [("X-Subject-Token", "gAAAA-subject")],
            Json(json!({ "token": t })),
        )
            .into_response()
    }
    let addr = serve(
        Router::new()
            .route("/v3/auth/tokens", post(tokens))
            .with_state(seen.clone()),
    )
    .await;
    let client = Client::new(&ClientOptions::default()).unwrap();
    let creds = PasswordCredentials::new("demo", "Default", "pw");

    // The auth URL without /v3 works too.
    let token = identity::authenticate(&client, &format!("http://{addr}"), &creds, Scope::Unscoped)
        .await
        .unwrap();
    assert_eq!(token.secret.expose(), "gAAAA-subject");
    assert!(token.project.is_none());
    let body = seen.last_body.lock().unwrap().clone().unwrap();
    assert_eq!(body["auth"]["scope"], json!("unscoped"));
    assert_eq!(
        body["auth"]["identity"]["password"]["user"]["password"],
        json!("pw")
    );
    let headers = seen.last_headers.lock().unwrap().clone().unwrap();
    assert!(headers["user-agent"]
        .to_str()
        .unwrap()
        .starts_with("zenith/"));

    let scope = Scope::ProjectName {
        name: "demo".into(),
        domain: DomainRef::Name("Default".into()),
    };
    identity::authenticate(&client, &format!("http://{addr}/v3/"), &creds, scope)
        .await
        .unwrap();
    let body = seen.last_body.lock().unwrap().clone().unwrap();
    assert_eq!(
        body["auth"]["scope"],
        json!({"project": {"name": "demo", "domain": {"name": "Default"}}})
    );
}

#[tokio::test]
async fn session_sends_token_accept_and_microversion() {
    let seen: Shared = Arc::default();
    async fn servers(State(seen): State<Shared>, headers: HeaderMap) -> Json<Value> {
        record(&seen, &headers);
        Json(json!({"servers": []}))
    }
    let addr = serve(
        Router::new()
            .route("/compute/v2.1/servers", get(servers))
            .with_state(seen.clone()),
    )
    .await;
    let s = session(addr, FUTURE);
    let v: Value = s
        .call(Method::GET, "compute", "/servers")
        .microversion("2.79")
        .fetch()
        .await
        .unwrap();
    assert_eq!(v, json!({"servers": []}));
    let h = seen.last_headers.lock().unwrap().clone().unwrap();
    assert_eq!(h["x-auth-token"], "tok-123");
    assert_eq!(h["accept"], "application/json");
    assert_eq!(h["openstack-api-version"], "compute 2.79");
    assert_eq!(h["x-openstack-nova-api-version"], "2.79");
    assert!(h["user-agent"].to_str().unwrap().starts_with("zenith/"));

    // The plain helper sends no microversion.
    let _: Value = s.get_json("compute", "servers").await.unwrap();
    let h = seen.last_headers.lock().unwrap().clone().unwrap();
    assert!(h.get("openstack-api-version").is_none());
}

#[tokio::test]
async fn expired_token_is_not_sent() {
    let seen: Shared = Arc::default();
    async fn any(State(seen): State<Shared>, headers: HeaderMap) -> Json<Value> {
        record(&seen, &headers);
        Json(json!({}))
    }
    let addr = serve(
        Router::new()
            .route("/compute/v2.1/servers", get(any).post(any).delete(any))
            .with_state(seen.clone()),
    )
    .await;
    let s = session(addr, "2000-01-01T00:00:00Z");
    assert_eq!(
        s.get_json::<Value>("compute", "/servers")
            .await
            .unwrap_err(),
        Error::TokenExpired
    );
    assert_eq!(
        s.post_json::<_, Value>("compute", "/servers", &json!({}))
            .await
            .unwrap_err(),
        Error::TokenExpired
    );
    assert_eq!(
        s.delete("compute", "/servers").await.unwrap_err(),
        Error::TokenExpired
    );
    assert!(matches!(
        s.request(Method::GET, "compute", "/servers"),
        Err(Error::TokenExpired)
    ));
    assert_eq!(seen.hits.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn error_bodies_over_http() {
    let addr = serve(
        Router::new()
            .route(
                "/compute/v2.1/servers/missing",
                get(|| async {
                    (
                        StatusCode::NOT_FOUND,
                        Json(json!({"itemNotFound": {"code": 404, "message": "Instance missing could not be found."}})),
                    )
                }),
            )
            .route(
                "/compute/v2.1/busy",
                get(|| async {
                    (
                        StatusCode::CONFLICT,
                        Json(json!({"NeutronError": {"type": "InUse", "message": "Port in use.", "detail": ""}})),
                    )
                }),
            )
            .route(
                "/compute/v2.1/html",
                get(|| async {
                    (
                        StatusCode::SERVICE_UNAVAILABLE,
                        [("content-type", "text/html")],
                        "<html><h1>503 Service Unavailable</h1></html>",
                    )
                }),
            ),
    )
    .await;
    let s = session(addr, FUTURE);
    let e = s
        .get_json::<Value>("compute", "/servers/missing")
        .await
        .unwrap_err();
    assert_eq!(
        e,
        Error::NotFound {
            message: "Instance missing could not be found".into()
        }
    );
    assert_eq!(e.status(), Some(404));
    let e = s.get_json::<Value>("compute", "/busy").await.unwrap_err();
    assert_eq!(
        e,
        Error::Conflict {
            message: "Port in use".into()
        }
    );
    let e = s.get_json::<Value>("compute", "/html").await.unwrap_err();
    assert_eq!(
        e,
        Error::Api {
            status: 503,
            message: "Service Unavailable".into()
        }
    );
    assert!(!e.to_string().contains("tok-123"));
    // A service missing from the catalog.
    let e = s
        .get_json::<Value>("network", "/v2.0/networks")
        .await
        .unwrap_err();
    assert_eq!(
        e,
        Error::EndpointNotFound {
            service_type: "network".into(),
            interface: Interface::Public,
            region: None
        }
    );
}

#[tokio::test]
async fn decode_errors_name_the_field() {
    let addr = serve(Router::new().route(
        "/compute/v2.1/flavors",
        get(|| async { Json(json!({"flavors": [{"id": 1}]})) }),
    ))
    .await;
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Flavors {
        flavors: Vec<Flavor>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Flavor {
        id: String,
    }
    let s = session(addr, FUTURE);
    match s.get_json::<Flavors>("compute", "/flavors").await {
        Err(Error::Decode { url, reason }) => {
            assert_eq!(url, format!("http://{addr}/compute/v2.1/flavors"));
            assert!(reason.starts_with("flavors[0].id:"), "{reason}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn patch_post_put_delete() {
    let seen: Shared = Arc::default();
    async fn image(
        State(seen): State<Shared>,
        method: axum::http::Method,
        headers: HeaderMap,
        body: String,
    ) -> Response {
        record(&seen, &headers);
        if !body.is_empty() {
            *seen.last_body.lock().unwrap() = serde_json::from_str(&body).ok();
        }
        match method.as_str() {
            "DELETE" => StatusCode::NO_CONTENT.into_response(),
            "PUT" => StatusCode::NO_CONTENT.into_response(),
            _ => Json(json!({"id": "img1", "name": "x"})).into_response(),
        }
    }
    let addr = serve(
        Router::new()
            .route(
                "/image/v2/images/img1",
                get(image).patch(image).put(image).delete(image).post(image),
            )
            .with_state(seen.clone()),
    )
    .await;
    let s = session(addr, FUTURE);
    let patch = json!([{"op": "replace", "path": "/name", "value": "x"}]);
    let v: Value = s
        .patch_json(
            "image",
            "/v2/images/img1",
            "application/openstack-images-v2.1-json-patch",
            &patch,
        )
        .await
        .unwrap();
    assert_eq!(v["name"], "x");
    let h = seen.last_headers.lock().unwrap().clone().unwrap();
    assert_eq!(
        h["content-type"],
        "application/openstack-images-v2.1-json-patch"
    );
    assert_eq!(seen.last_body.lock().unwrap().clone().unwrap(), patch);

    let v: Value = s
        .post_json("image", "/v2/images/img1", &json!({"a": 1}))
        .await
        .unwrap();
    assert_eq!(v["id"], "img1");
    let h = seen.last_headers.lock().unwrap().clone().unwrap();
    assert_eq!(h["content-type"], "application/json");

    // 204 with no body decodes as () or None.
    let (): () = s
        .put_json("image", "/v2/images/img1", &json!({}))
        .await
        .unwrap();
    let none: Option<Value> = s
        .put_json("image", "/v2/images/img1", &json!({}))
        .await
        .unwrap();
    assert_eq!(none, None);
    s.delete("image", "/v2/images/img1").await.unwrap();
    assert_eq!(seen.hits.load(Ordering::SeqCst), 5);
}

#[tokio::test]
async fn pagination_follows_next_links_on_the_catalog_host() {
    async fn servers(Query(q): Query<HashMap<String, String>>) -> Json<Value> {
        let all: Vec<String> = (1..=5).map(|i| format!("s{i}")).collect();
        let limit: usize = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(1000);
        let start = match q.get("marker") {
            Some(m) => all.iter().position(|s| s == m).map(|i| i + 1).unwrap_or(0),
            None => 0,
        };
        let page: Vec<Value> = all
            .iter()
            .skip(start)
            .take(limit)
            .map(|id| json!({"id": id, "name": id}))
            .collect();
        let mut body = json!({ "servers": page });
        if start + limit < all.len() {
            let last = &all[start + limit - 1];
            // A host the client cannot reach, as behind a badly configured
            // proxy: only the query may be used.
            body["servers_links"] = json!([{"rel": "next",
                "href": format!("http://internal.invalid:8774/v2.1/servers/detail?limit={limit}&marker={last}")}]);
        }
        Json(body)
    }
    let addr = serve(Router::new().route("/compute/v2.1/servers/detail", get(servers))).await;
    let s = session(addr, FUTURE);
    let items: Vec<Value> = s
        .get_paginated("compute", "/servers/detail", &[("limit", "2")], "servers")
        .await
        .unwrap();
    let ids: Vec<&str> = items.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["s1", "s2", "s3", "s4", "s5"]);
    let one_page: Vec<Value> = s
        .get_paginated("compute", "/servers/detail", &[], "servers")
        .await
        .unwrap();
    assert_eq!(one_page.len(), 5);
}

#[tokio::test]
async fn redirects_to_other_hosts_are_not_followed() {
    let other_seen: Shared = Arc::default();
    async fn other(State(seen): State<Shared>, headers: HeaderMap) -> Json<Value> {
        record(&seen, &headers);
        Json(json!({}))
    }
    let other_addr = serve(
        Router::new()
            .route("/steal", get(other))
            .with_state(other_seen.clone()),
    )
    .await;
    let addr = serve(
        Router::new()
            .route(
                "/compute/v2.1/away",
                get(move || async move {
                    (
                        StatusCode::FOUND,
                        [("location", format!("http://{other_addr}/steal"))],
                    )
                }),
            )
            .route(
                "/compute/v2.1/here",
                get(|| async { (StatusCode::FOUND, [("location", "/compute/v2.1/target")]) }),
            )
            .route(
                "/compute/v2.1/target",
                get(|| async { Json(json!({"ok": true})) }),
            ),
    )
    .await;
    let s = session(addr, FUTURE);
    let e = s.get_json::<Value>("compute", "/away").await.unwrap_err();
    assert_eq!(e.status(), Some(302));
    assert_eq!(other_seen.hits.load(Ordering::SeqCst), 0);
    // Same-origin redirects are fine.
    let v: Value = s.get_json("compute", "/here").await.unwrap();
    assert_eq!(v, json!({"ok": true}));
}

#[tokio::test]
async fn unreachable_and_timeout() {
    // A port that was just free: connection refused.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let client = Client::new(&ClientOptions::default()).unwrap();
    let creds = PasswordCredentials::new("demo", "Default", "secret-pw");
    let started = Instant::now();
    let e = identity::authenticate(
        &client,
        &format!("http://{closed}/v3"),
        &creds,
        Scope::Unscoped,
    )
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    match &e {
        Error::Unreachable { url, .. } => {
            assert_eq!(url, &format!("http://{closed}/v3/auth/tokens"))
        }
        other => panic!("expected Unreachable, got {other:?}"),
    }
    let msg = e.to_string();
    eprintln!("unreachable: {msg}");
    assert!(
        msg.starts_with(&format!("cannot reach http://{closed}/v3/auth/tokens")),
        "{msg}"
    );
    assert!(
        msg.ends_with("check that the cloud is running and the auth URL is right"),
        "{msg}"
    );
    assert!(!msg.contains("secret-pw"));

    let addr = serve(Router::new().route(
        "/compute/v2.1/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Json(json!({}))
        }),
    ))
    .await;
    let client = Client::new(&ClientOptions {
        timeout: Duration::from_millis(300),
        ..Default::default()
    })
    .unwrap();
    let mut s = session(addr, FUTURE);
    s.client = client;
    let e = s.get_json::<Value>("compute", "/slow").await.unwrap_err();
    assert_eq!(
        e,
        Error::Timeout {
            url: format!("http://{addr}/compute/v2.1/slow")
        }
    );
}

#[tokio::test]
async fn raw_request_streams() {
    let addr = serve(Router::new().route(
        "/image/v2/images/img1/file",
        get(|headers: HeaderMap| async move {
            assert_eq!(headers["x-auth-token"], "tok-123");
            vec![7u8; 100_000]
        }),
    ))
    .await;
    let s = session(addr, FUTURE);
    let req = s
        .request(Method::GET, "image", "/v2/images/img1/file")
        .unwrap();
    let resp = s.send(req).await.unwrap();
    let bytes = resp.bytes().await.unwrap();
    assert_eq!(bytes.len(), 100_000);
    // Debug output of a built request does not show the token.
    let req = s.request(Method::GET, "image", "/x").unwrap();
    assert!(!format!("{req:?}").contains("tok-123"));
}
