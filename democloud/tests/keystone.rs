//! End-to-end tests of the Keystone v3 API over real HTTP.

mod common;

use std::time::Duration;

use democloud::{Config, DemoCloud, Error};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers

use common::start_in;

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|_| {}).await
}

fn client() -> Client {
    Client::new()
}

fn password_auth(user: Value, password: &str, scope: Option<Value>) -> Value {
    let mut user = user;
    user["password"] = json!(password);
    let mut auth = json!({"identity": {"methods": ["password"], "password": {"user": user}}});
    if let Some(scope) = scope {
        auth["scope"] = scope;
    }
    json!({"auth": auth})
}

fn by_name(name: &str) -> Value {
    json!({"name": name, "domain": {"name": "Default"}})
}

fn project_scope(name: &str) -> Option<Value> {
    Some(json!({"project": {"name": name, "domain": {"name": "Default"}}}))
}

async fn post_token(cloud: &DemoCloud, body: &Value) -> reqwest::Response {
    client()
        .post(format!("{}/auth/tokens", cloud.auth_url()))
        .json(body)
        .send()
        .await
        .expect("request")
}

/// Logs in and returns (token id, token body).
async fn login(
    cloud: &DemoCloud,
    user: &str,
    password: &str,
    scope: Option<Value>,
) -> (String, Value) {
    let resp = post_token(cloud, &password_auth(by_name(user), password, scope)).await;
    assert_eq!(resp.status(), StatusCode::CREATED, "login as {user}");
    let token = resp
        .headers()
        .get("x-subject-token")
        .expect("X-Subject-Token")
        .to_str()
        .expect("ascii")
        .to_owned();
    (token, resp.json().await.expect("json"))
}

async fn admin_token(cloud: &DemoCloud) -> String {
    common::login(cloud, "admin", "admin").await.0
}

async fn demo_token(cloud: &DemoCloud) -> String {
    common::login(cloud, "demo", "demo").await.0
}

/// GET `path` (below the auth URL) with a token; returns status and JSON.
async fn get(cloud: &DemoCloud, token: &str, path: &str) -> (StatusCode, Value) {
    common::Api::new(cloud, "/v3", token).get(path).await
}

async fn token_call(
    cloud: &DemoCloud,
    method: Method,
    auth: &str,
    subject: &str,
) -> reqwest::Response {
    client()
        .request(method, format!("{}/auth/tokens", cloud.auth_url()))
        .header("X-Auth-Token", auth)
        .header("X-Subject-Token", subject)
        .send()
        .await
        .expect("request")
}

fn assert_error(body: &Value, code: u16, title: &str) {
    assert_eq!(body["error"]["code"], code, "body: {body}");
    assert_eq!(body["error"]["title"], title, "body: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "body: {body}"
    );
}

fn names(list: &Value) -> Vec<String> {
    let mut names: Vec<String> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|v| v["name"].as_str().expect("name").to_owned())
        .collect();
    names.sort();
    names
}

fn is_keystone_time(s: &str) -> bool {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.6fZ").is_ok() && s.len() == 27
}

// ---------------------------------------------------------------------------
// Discovery and plumbing

#[tokio::test]
async fn discovery_root_is_300_and_v3_is_200() {
    let (cloud, _dir) = start().await;
    let base = format!("http://{}", cloud.addr());
    assert_eq!(cloud.auth_url(), format!("{base}/v3"));

    let resp = client()
        .get(format!("{base}/"))
        .send()
        .await
        .expect("GET /");
    assert_eq!(resp.status(), StatusCode::MULTIPLE_CHOICES);
    assert_eq!(resp.headers()["content-type"], "application/json");
    let body: Value = resp.json().await.expect("json");
    let v = &body["versions"]["values"][0];
    assert_eq!(v["id"], "v3.14");
    assert_eq!(v["status"], "stable");
    assert_eq!(v["links"][0]["rel"], "self");
    assert_eq!(v["links"][0]["href"], format!("{base}/v3/"));
    assert_eq!(
        v["media-types"][0]["type"],
        "application/vnd.openstack.identity-v3+json"
    );

    for path in ["/v3", "/v3/"] {
        let resp = client()
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("GET /v3");
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        let request_id = resp.headers()["x-openstack-request-id"]
            .to_str()
            .expect("ascii")
            .to_owned();
        assert!(
            request_id.starts_with("req-") && request_id.len() == 40,
            "{request_id}"
        );
        let body: Value = resp.json().await.expect("json");
        assert_eq!(body["version"]["id"], "v3.14");
        assert_eq!(body["version"]["links"][0]["href"], format!("{base}/v3/"));
    }
    cloud.shutdown().await;
}

#[tokio::test]
async fn unknown_routes_and_methods_get_json_errors() {
    let (cloud, _dir) = start().await;
    let resp = client()
        .get(format!("{}/nothing/here", cloud.auth_url()))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(resp.headers()["content-type"], "application/json");
    assert!(resp.headers().contains_key("x-openstack-request-id"));
    assert_error(&resp.json().await.expect("json"), 404, "Not Found");

    let resp = client()
        .put(format!("{}/auth/tokens", cloud.auth_url()))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_error(&resp.json().await.expect("json"), 405, "Method Not Allowed");
}

// ---------------------------------------------------------------------------
// Issuing tokens

#[tokio::test]
async fn password_auth_by_name_with_project_name_scope() {
    let (cloud, _dir) = start().await;
    let (token, body) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    assert_eq!(token.len(), 64);
    assert!(token.chars().all(|c| c.is_ascii_alphanumeric()));

    let t = &body["token"];
    assert_eq!(t["methods"], json!(["password"]));
    assert_eq!(t["user"]["name"], "demo");
    assert_eq!(
        t["user"]["domain"],
        json!({"id": "default", "name": "Default"})
    );
    assert_eq!(t["user"]["password_expires_at"], Value::Null);
    assert_eq!(t["user"]["id"].as_str().map(str::len), Some(32));
    assert_eq!(t["project"]["name"], "demo");
    assert_eq!(
        t["project"]["domain"],
        json!({"id": "default", "name": "Default"})
    );
    assert_eq!(t["is_domain"], false);
    assert_eq!(names(&t["roles"]), ["member", "reader"]);
    assert_eq!(t["audit_ids"].as_array().map(Vec::len), Some(1));
    assert!(
        is_keystone_time(t["expires_at"].as_str().expect("expires_at")),
        "{t}"
    );
    assert!(t["expires_at"]
        .as_str()
        .expect("expires_at")
        .ends_with(".000000Z"));
    assert!(
        is_keystone_time(t["issued_at"].as_str().expect("issued_at")),
        "{t}"
    );
    assert!(t["catalog"].is_array());
}

#[tokio::test]
async fn password_auth_by_user_id_with_project_id_scope() {
    let (cloud, _dir) = start().await;
    let (_, first) = login(&cloud, "demo", "demo", project_scope("alt_demo")).await;
    let user_id = first["token"]["user"]["id"].as_str().expect("user id");
    let project_id = first["token"]["project"]["id"]
        .as_str()
        .expect("project id");

    let body = password_auth(
        json!({"id": user_id}),
        "demo",
        Some(json!({"project": {"id": project_id}})),
    );
    let resp = post_token(&cloud, &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["token"]["user"]["id"], user_id);
    assert_eq!(body["token"]["project"]["id"], project_id);
    assert_eq!(body["token"]["project"]["name"], "alt_demo");

    // Domain given by id works as well as by name.
    let body = password_auth(
        json!({"name": "demo", "domain": {"id": "default"}}),
        "demo",
        Some(json!({"project": {"name": "demo", "domain": {"id": "default"}}})),
    );
    assert_eq!(
        post_token(&cloud, &body).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn no_scope_uses_default_project_and_unscoped_is_unscoped() {
    let (cloud, _dir) = start().await;
    let (_, body) = login(&cloud, "demo", "demo", None).await;
    assert_eq!(
        body["token"]["project"]["name"], "demo",
        "default project: {body}"
    );
    assert!(body["token"]["roles"].is_array());

    let (token, body) = login(&cloud, "demo", "demo", Some(json!("unscoped"))).await;
    let t = &body["token"];
    assert!(
        t.get("project").is_none() && t.get("roles").is_none() && t.get("catalog").is_none(),
        "{t}"
    );
    assert_eq!(t["user"]["name"], "demo");
    // An unscoped token still authenticates, but gets no catalog.
    let (status, body) = get(&cloud, &token, "/auth/catalog").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_error(&body, 403, "Forbidden");
}

#[tokio::test]
async fn nocatalog_leaves_the_catalog_out() {
    let (cloud, _dir) = start().await;
    let resp = client()
        .post(format!("{}/auth/tokens?nocatalog", cloud.auth_url()))
        .json(&password_auth(
            by_name("demo"),
            "demo",
            project_scope("demo"),
        ))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::CREATED);
    let body: Value = resp.json().await.expect("json");
    assert!(body["token"].get("catalog").is_none());
    assert!(body["token"]["roles"].is_array());
}

#[tokio::test]
async fn wrong_password_and_unknown_user_are_401() {
    let (cloud, _dir) = start().await;
    for body in [
        password_auth(by_name("demo"), "wrong", project_scope("demo")),
        password_auth(by_name("nobody"), "demo", None),
        password_auth(
            json!({"name": "demo", "domain": {"name": "Nowhere"}}),
            "demo",
            None,
        ),
        password_auth(
            json!({"id": "0123456789abcdef0123456789abcdef"}),
            "demo",
            None,
        ),
    ] {
        let resp = post_token(&cloud, &body).await;
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert!(resp.headers().get("x-subject-token").is_none());
        let body: Value = resp.json().await.expect("json");
        assert_eq!(
            body,
            json!({"error": {
                "code": 401,
                "message": "The request you have made requires authentication.",
                "title": "Unauthorized"
            }})
        );
    }
}

#[tokio::test]
async fn no_role_on_project_or_unknown_project_is_401() {
    let (cloud, _dir) = start().await;
    for scope in [
        project_scope("admin"),
        project_scope("no_such_project"),
        Some(json!({"project": {"id": "0123456789abcdef0123456789abcdef"}})),
        Some(json!({"domain": {"id": "default"}})),
        Some(json!({"system": {"all": true}})),
    ] {
        let resp = post_token(
            &cloud,
            &password_auth(by_name("demo"), "demo", scope.clone()),
        )
        .await;
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED, "scope {scope:?}");
    }
}

#[tokio::test]
async fn admin_can_take_a_domain_scoped_token() {
    let (cloud, _dir) = start().await;
    let (token, body) = login(
        &cloud,
        "admin",
        "admin",
        Some(json!({"domain": {"name": "Default"}})),
    )
    .await;
    assert_eq!(
        body["token"]["domain"],
        json!({"id": "default", "name": "Default"})
    );
    assert_eq!(names(&body["token"]["roles"]), ["admin"]);
    let (status, body) = get(&cloud, &token, "/auth/domains").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&body["domains"]), ["Default"]);
}

#[tokio::test]
async fn malformed_requests_are_400_json() {
    let (cloud, _dir) = start().await;
    let url = format!("{}/auth/tokens", cloud.auth_url());
    let send = |body: &'static str, content_type: &'static str| {
        client()
            .post(&url)
            .header("Content-Type", content_type)
            .body(body)
            .send()
    };
    let cases = [
        ("{not json", "application/json"),
        ("", "application/json"),
        ("{}", "application/json"),
        (
            r#"{"auth": {"identity": {"methods": ["password"]}}}"#,
            "application/json",
        ),
        (
            r#"{"auth": {"identity": {"methods": []}}}"#,
            "application/json",
        ),
        (
            r#"{"auth": {"identity": {"methods": "password"}}}"#,
            "application/json",
        ),
        (
            r#"{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", "password": "demo"}}}}}"#,
            "application/json",
        ),
        (
            r#"{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "demo", "domain": {"name": "Default"}, "password": "demo"}}}, "scope": {"project": {"name": "demo"}}}}"#,
            "application/json",
        ),
        (r#"{"auth": {}}"#, "text/plain"),
    ];
    for (body, content_type) in cases {
        let resp = send(body, content_type).await.expect("request");
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "body {body}");
        assert_eq!(resp.headers()["content-type"], "application/json");
        let json: Value = resp.json().await.expect("json error body");
        assert_error(&json, 400, "Bad Request");
    }
}

// ---------------------------------------------------------------------------
// Rescoping, validation, revocation

#[tokio::test]
async fn rescope_with_token_method_to_alt_demo() {
    let (cloud, _dir) = start().await;
    let (token, first) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    let body = json!({"auth": {
        "identity": {"methods": ["token"], "token": {"id": token}},
        "scope": {"project": {"name": "alt_demo", "domain": {"id": "default"}}}
    }});
    let resp = post_token(&cloud, &body).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let rescoped = resp.headers()["x-subject-token"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert_ne!(rescoped, token);
    let second: Value = resp.json().await.expect("json");
    let (a, b) = (&first["token"], &second["token"]);
    assert_eq!(b["project"]["name"], "alt_demo");
    assert_eq!(
        b["expires_at"], a["expires_at"],
        "rescoping keeps the expiry"
    );
    assert_eq!(b["methods"], json!(["token", "password"]));
    assert_eq!(b["audit_ids"][1], a["audit_ids"][0], "audit chain");

    // The rescoped token works, and cannot be stretched onto a project
    // the user has no role on.
    let (status, _) = get(&cloud, &rescoped, "/auth/projects").await;
    assert_eq!(status, StatusCode::OK);
    let body = json!({"auth": {
        "identity": {"methods": ["token"], "token": {"id": rescoped}},
        "scope": {"project": {"name": "admin", "domain": {"id": "default"}}}
    }});
    assert_eq!(
        post_token(&cloud, &body).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let body = json!({"auth": {"identity": {"methods": ["token"], "token": {"id": "bogus"}}}});
    assert_eq!(
        post_token(&cloud, &body).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn validate_check_and_revoke_tokens() {
    let (cloud, _dir) = start().await;
    let (auth, _) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    let (subject, issued) = login(&cloud, "demo", "demo", project_scope("alt_demo")).await;

    let resp = token_call(&cloud, Method::GET, &auth, &subject).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["x-subject-token"], subject.as_str());
    let validated: Value = resp.json().await.expect("json");
    assert_eq!(validated, issued);

    let resp = client()
        .get(format!("{}/auth/tokens?nocatalog", cloud.auth_url()))
        .header("X-Auth-Token", &auth)
        .header("X-Subject-Token", &subject)
        .send()
        .await
        .expect("request");
    let body: Value = resp.json().await.expect("json");
    assert!(body["token"].get("catalog").is_none());

    let resp = token_call(&cloud, Method::HEAD, &auth, &subject).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.bytes().await.expect("body").is_empty());

    // Another user may not look at demo's tokens; an admin may.
    let other = admin_token(&cloud).await;
    let resp = token_call(&cloud, Method::GET, &other, &subject).await;
    assert_eq!(resp.status(), StatusCode::OK);

    let resp = token_call(&cloud, Method::DELETE, &auth, &subject).await;
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    assert!(resp.bytes().await.expect("body").is_empty());

    let resp = token_call(&cloud, Method::GET, &auth, &subject).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let body: Value = resp.json().await.expect("json");
    assert_error(&body, 404, "Not Found");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("Could not find token")));
    assert_eq!(
        token_call(&cloud, Method::HEAD, &auth, &subject)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // A revoked token no longer authenticates anything.
    let (status, body) = get(&cloud, &subject, "/auth/projects").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, 401, "Unauthorized");

    // Missing or bogus X-Auth-Token.
    let resp = client()
        .get(format!("{}/auth/tokens", cloud.auth_url()))
        .header("X-Subject-Token", &auth)
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        token_call(&cloud, Method::GET, "bogus", &auth)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn users_cannot_validate_other_users_tokens() {
    let (cloud, _dir) = start().await;
    let demo = demo_token(&cloud).await;
    let admin = admin_token(&cloud).await;
    let resp = token_call(&cloud, Method::GET, &demo, &admin).await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        token_call(&cloud, Method::DELETE, &demo, &admin)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // Still valid.
    assert_eq!(
        token_call(&cloud, Method::HEAD, &admin, &admin)
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn revoking_a_token_leaves_its_rescoped_tokens_valid() {
    let (cloud, _dir) = start().await;
    let rescope = |token: &str| {
        json!({"auth": {
            "identity": {"methods": ["token"], "token": {"id": token}},
            "scope": {"project": {"name": "alt_demo", "domain": {"id": "default"}}}
        }})
    };
    let original = demo_token(&cloud).await;
    let resp = post_token(&cloud, &rescope(&original)).await;
    let child = resp.headers()["x-subject-token"]
        .to_str()
        .expect("ascii")
        .to_owned();
    // Revoke the original: the child lives on, as in Keystone.
    assert_eq!(
        token_call(&cloud, Method::DELETE, &original, &original)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&cloud, &original, "/auth/projects").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&cloud, &child, "/auth/projects").await.0,
        StatusCode::OK
    );
    // And revoking the child ends it too.
    assert_eq!(
        token_call(&cloud, Method::DELETE, &child, &child)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        get(&cloud, &child, "/auth/projects").await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn expired_tokens_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path(), |c| c.token_ttl = Duration::from_secs(1)).await;
    let (short, _) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    tokio::time::sleep(Duration::from_millis(2100)).await;
    let (status, body) = get(&cloud, &short, "/auth/projects").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, 401, "Unauthorized");

    let (fresh, _) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    assert_eq!(
        token_call(&cloud, Method::GET, &fresh, &short)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Nor can an expired token be rescoped into a fresh one.
    let body = json!({"auth": {"identity": {"methods": ["token"], "token": {"id": short}}}});
    assert_eq!(
        post_token(&cloud, &body).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

// ---------------------------------------------------------------------------
// Token-derived listings and the catalog

#[tokio::test]
async fn auth_projects_lists_what_the_user_may_scope_to() {
    let (cloud, _dir) = start().await;
    let (token, _) = login(&cloud, "demo", "demo", Some(json!("unscoped"))).await;
    let (status, body) = get(&cloud, &token, "/auth/projects").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&body["projects"]), ["alt_demo", "demo"]);
    assert_eq!(
        body["links"]["self"],
        format!("{}/auth/projects", cloud.auth_url())
    );
    assert_eq!(body["links"]["next"], Value::Null);
    let (status, body) = get(&cloud, &token, "/auth/domains").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["domains"], json!([]));

    let (status, body) = get(&cloud, "", "/auth/projects").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, 401, "Unauthorized");
}

#[tokio::test]
async fn catalog_lists_identity_on_the_bound_port() {
    let (cloud, _dir) = start().await;
    let (token, body) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    let (status, listed) = get(&cloud, &token, "/auth/catalog").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed["catalog"], body["token"]["catalog"]);

    let catalog = body["token"]["catalog"].as_array().expect("catalog");
    let identity: Vec<&Value> = catalog.iter().filter(|s| s["type"] == "identity").collect();
    assert_eq!(identity.len(), 1);
    assert_eq!(identity[0]["name"], "keystone");
    assert_eq!(identity[0]["id"].as_str().map(str::len), Some(32));
    let endpoints = identity[0]["endpoints"].as_array().expect("endpoints");
    let mut interfaces: Vec<&str> = endpoints
        .iter()
        .filter_map(|e| e["interface"].as_str())
        .collect();
    interfaces.sort_unstable();
    assert_eq!(interfaces, ["admin", "internal", "public"]);
    let expected_url = format!("http://127.0.0.1:{}/v3", cloud.addr().port());
    for e in endpoints {
        assert_eq!(e["url"], expected_url.as_str());
        assert_eq!(e["region"], "RegionOne");
        assert_eq!(e["region_id"], "RegionOne");
        assert!(e["id"].is_string());
    }
}

// ---------------------------------------------------------------------------
// Read APIs and policy

#[tokio::test]
async fn demo_is_forbidden_where_admin_is_allowed() {
    let (cloud, _dir) = start().await;
    let demo = demo_token(&cloud).await;
    let admin = admin_token(&cloud).await;
    for (path, action, key) in [
        ("/users", "identity:list_users", "users"),
        ("/projects", "identity:list_projects", "projects"),
        ("/domains", "identity:list_domains", "domains"),
        ("/roles", "identity:list_roles", "roles"),
        (
            "/role_assignments",
            "identity:list_role_assignments",
            "role_assignments",
        ),
        ("/services", "identity:list_services", "services"),
        ("/endpoints", "identity:list_endpoints", "endpoints"),
    ] {
        let (status, body) = get(&cloud, &demo, path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_eq!(
            body,
            json!({"error": {
                "code": 403,
                "message": format!("You are not authorized to perform the requested action: {action}."),
                "title": "Forbidden"
            }})
        );
        let (status, body) = get(&cloud, &admin, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            body[key].as_array().is_some_and(|l| !l.is_empty()),
            "{path}: {body}"
        );
        assert_eq!(body["links"]["self"], format!("{}{path}", cloud.auth_url()));
        assert_eq!(body["links"]["previous"], Value::Null);
    }
    let (status, body) = get(&cloud, &admin, "/users").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&body["users"]), ["admin", "demo"]);
    assert!(
        body["users"][0].get("password").is_none()
            && body["users"][0].get("password_hash").is_none()
    );

    // Regions are readable by anyone with a token.
    let (status, body) = get(&cloud, &demo, "/regions").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["regions"][0]["id"], "RegionOne");
}

#[tokio::test]
async fn list_filters_and_single_resources() {
    let (cloud, _dir) = start().await;
    let admin = admin_token(&cloud).await;
    let (_, body) = get(&cloud, &admin, "/projects?name=alt_demo").await;
    assert_eq!(names(&body["projects"]), ["alt_demo"]);
    assert_eq!(
        body["links"]["self"],
        format!("{}/projects?name=alt_demo", cloud.auth_url())
    );
    let alt_id = body["projects"][0]["id"].as_str().expect("id").to_owned();
    let (_, body) = get(&cloud, &admin, "/projects?domain_id=default&enabled=true").await;
    assert_eq!(
        names(&body["projects"]),
        ["admin", "alt_demo", "demo", "service"]
    );
    let (_, body) = get(&cloud, &admin, "/projects?enabled=false").await;
    assert_eq!(body["projects"], json!([]));
    let (_, body) = get(&cloud, &admin, "/users?name=demo&domain_id=default").await;
    assert_eq!(names(&body["users"]), ["demo"]);
    let demo_id = body["users"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(body["users"][0]["domain_id"], "default");
    assert!(body["users"][0]["default_project_id"].is_string());

    let (status, body) = get(&cloud, &admin, &format!("/projects/{alt_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["project"]["name"], "alt_demo");
    let (status, body) = get(&cloud, &admin, &format!("/users/{demo_id}/projects")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&body["projects"]), ["alt_demo", "demo"]);
    let (status, body) = get(&cloud, &admin, "/domains/default").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["domain"]["name"], "Default");

    for (path, kind) in [
        ("/projects/0123456789abcdef0123456789abcdef", "project"),
        ("/users/0123456789abcdef0123456789abcdef", "user"),
        ("/users/0123456789abcdef0123456789abcdef/projects", "user"),
        ("/domains/nope", "domain"),
        ("/roles/nope", "role"),
        ("/services/nope", "service"),
        ("/endpoints/nope", "endpoint"),
        ("/regions/nope", "region"),
    ] {
        let (status, body) = get(&cloud, &admin, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_error(&body, 404, "Not Found");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with(&format!("Could not find {kind}: "))),
            "{body}"
        );
    }

    // Service, endpoint and role lookups by id and filter.
    let (_, body) = get(&cloud, &admin, "/services?type=identity").await;
    let service_id = body["services"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(body["services"][0]["name"], "keystone");
    let (_, body) = get(
        &cloud,
        &admin,
        &format!("/endpoints?service_id={service_id}&interface=public"),
    )
    .await;
    assert_eq!(body["endpoints"].as_array().map(Vec::len), Some(1));
    let endpoint_id = body["endpoints"][0]["id"].as_str().expect("id").to_owned();
    assert_eq!(
        get(&cloud, &admin, &format!("/endpoints/{endpoint_id}"))
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        get(&cloud, &admin, &format!("/services/{service_id}"))
            .await
            .0,
        StatusCode::OK
    );
    let (_, body) = get(&cloud, &admin, "/roles?name=reader").await;
    assert_eq!(names(&body["roles"]), ["reader"]);
}

#[tokio::test]
async fn users_may_read_themselves_and_their_project() {
    let (cloud, _dir) = start().await;
    let (demo, body) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    let me = body["token"]["user"]["id"].as_str().expect("id").to_owned();
    let project = body["token"]["project"]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let (status, body) = get(&cloud, &demo, &format!("/users/{me}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["user"]["name"], "demo");
    assert_eq!(
        body["user"]["links"]["self"],
        format!("{}/users/{me}", cloud.auth_url())
    );
    let (status, body) = get(&cloud, &demo, &format!("/users/{me}/projects")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names(&body["projects"]), ["alt_demo", "demo"]);
    let (status, _) = get(&cloud, &demo, &format!("/projects/{project}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        get(&cloud, &demo, "/domains/default").await.0,
        StatusCode::OK
    );

    let (_, admin_body) = login(&cloud, "admin", "admin", project_scope("admin")).await;
    let admin_id = admin_body["token"]["user"]["id"].as_str().expect("id");
    let admin_project = admin_body["token"]["project"]["id"].as_str().expect("id");
    for path in [
        format!("/users/{admin_id}"),
        format!("/users/{admin_id}/projects"),
        format!("/projects/{admin_project}"),
    ] {
        let (status, body) = get(&cloud, &demo, &path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        assert_error(&body, 403, "Forbidden");
    }
}

#[tokio::test]
async fn role_assignments_filter_and_include_names() {
    let (cloud, _dir) = start().await;
    let (admin, _) = login(&cloud, "admin", "admin", project_scope("admin")).await;
    let (_, demo) = login(&cloud, "demo", "demo", project_scope("alt_demo")).await;
    let demo_id = demo["token"]["user"]["id"].as_str().expect("id");
    let alt_id = demo["token"]["project"]["id"].as_str().expect("id");

    let (status, body) = get(
        &cloud,
        &admin,
        &format!("/role_assignments?user.id={demo_id}"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["role_assignments"].as_array().map(Vec::len), Some(4));
    let first = &body["role_assignments"][0];
    assert_eq!(first["user"], json!({"id": demo_id}));
    assert!(first["links"]["assignment"]
        .as_str()
        .is_some_and(|l| l.contains("/v3/projects/")));

    let path =
        format!("/role_assignments?user.id={demo_id}&scope.project.id={alt_id}&include_names=True");
    let (_, body) = get(&cloud, &admin, &path).await;
    let list = body["role_assignments"].as_array().expect("list");
    assert_eq!(list.len(), 2);
    for a in list {
        assert_eq!(a["user"]["name"], "demo");
        assert_eq!(a["user"]["domain"]["name"], "Default");
        assert_eq!(a["scope"]["project"]["name"], "alt_demo");
        assert_eq!(a["scope"]["project"]["domain"]["id"], "default");
        assert!(a["role"]["name"].is_string());
    }
    let role_id = list[0]["role"]["id"].as_str().expect("role id");
    let (_, body) = get(
        &cloud,
        &admin,
        &format!("/role_assignments?role.id={role_id}&user.id={demo_id}"),
    )
    .await;
    assert_eq!(body["role_assignments"].as_array().map(Vec::len), Some(2));
}

// ---------------------------------------------------------------------------
// Persistence and configuration

#[tokio::test]
async fn state_survives_a_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path(), |_| {}).await;
    let (kept, before) = login(&cloud, "demo", "demo", project_scope("demo")).await;
    let (revoked, _) = login(&cloud, "demo", "demo", project_scope("alt_demo")).await;
    assert_eq!(
        token_call(&cloud, Method::DELETE, &kept, &revoked)
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let first_port = cloud.addr().port();
    cloud.shutdown().await;

    let cloud = start_in(dir.path(), |_| {}).await;
    let resp = token_call(&cloud, Method::GET, &kept, &kept).await;
    assert_eq!(resp.status(), StatusCode::OK, "token survives restart");
    let after: Value = resp.json().await.expect("json");
    assert_eq!(after["token"]["user"]["id"], before["token"]["user"]["id"]);
    assert_eq!(
        after["token"]["project"]["id"],
        before["token"]["project"]["id"]
    );
    assert_eq!(after["token"]["expires_at"], before["token"]["expires_at"]);
    assert_eq!(
        token_call(&cloud, Method::GET, &kept, &revoked)
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // Catalog ids are stable while the URL follows the new port.
    let identity = |body: &Value| -> Value {
        body["token"]["catalog"]
            .as_array()
            .and_then(|c| c.iter().find(|s| s["type"] == "identity").cloned())
            .expect("identity in catalog")
    };
    let (old, new) = (&identity(&before), &identity(&after));
    assert_eq!(old["id"], new["id"]);
    let url = format!("http://127.0.0.1:{}/v3", cloud.addr().port());
    assert_eq!(new["endpoints"][0]["url"], url.as_str());
    if first_port != cloud.addr().port() {
        assert_ne!(old["endpoints"][0]["url"], new["endpoints"][0]["url"]);
    }
    cloud.shutdown().await;
}

#[tokio::test]
async fn configured_passwords_apply_at_every_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path(), |c| {
        c.admin_password = Some("first-admin".into());
        c.demo_password = Some("first-demo".into());
    })
    .await;
    assert_eq!(cloud.admin_password(), "first-admin");
    assert_eq!(cloud.demo_password(), "first-demo");
    let (admin_token, _) = login(&cloud, "admin", "first-admin", project_scope("admin")).await;
    let (demo_token, _) = login(&cloud, "demo", "first-demo", project_scope("demo")).await;
    let resp = post_token(&cloud, &password_auth(by_name("admin"), "admin", None)).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    cloud.shutdown().await;

    // Admin changes, demo stays: only the admin's tokens are revoked.
    let cloud = start_in(dir.path(), |c| {
        c.admin_password = Some("second-admin".into());
        c.demo_password = Some("first-demo".into());
    })
    .await;
    let resp = post_token(
        &cloud,
        &password_auth(by_name("admin"), "first-admin", None),
    )
    .await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let (fresh_admin, _) = login(&cloud, "admin", "second-admin", project_scope("admin")).await;
    assert_eq!(
        get(&cloud, &admin_token, "/auth/projects").await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        get(&cloud, &demo_token, "/auth/projects").await.0,
        StatusCode::OK
    );
    assert_eq!(get(&cloud, &fresh_admin, "/users").await.0, StatusCode::OK);
    cloud.shutdown().await;

    // No configured password means the documented defaults.
    let cloud = start_in(dir.path(), |_| {}).await;
    assert_eq!(
        (cloud.admin_password(), cloud.demo_password()),
        ("admin", "demo")
    );
    login(&cloud, "admin", "admin", project_scope("admin")).await;
    login(&cloud, "demo", "demo", project_scope("demo")).await;
    cloud.shutdown().await;
}

#[tokio::test]
async fn clouds_yaml_describes_both_clouds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path(), |c| {
        c.admin_password = Some("p: \"quoted\" #x".into())
    })
    .await;
    let path = dir.path().join("clouds.yaml");
    cloud.write_clouds_yaml(&path).expect("write clouds.yaml");
    let text = std::fs::read_to_string(&path).expect("read");
    assert_eq!(text, cloud.clouds_yaml());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    for (name, user, password, project) in [
        ("democloud-admin", "admin", "p: \"quoted\" #x", "admin"),
        ("democloud-demo", "demo", "demo", "demo"),
    ] {
        let c = &yaml["clouds"][name];
        assert_eq!(
            c["auth"]["auth_url"].as_str(),
            Some(cloud.auth_url().as_str())
        );
        assert_eq!(c["auth"]["username"].as_str(), Some(user));
        assert_eq!(c["auth"]["password"].as_str(), Some(password));
        assert_eq!(c["auth"]["project_name"].as_str(), Some(project));
        assert_eq!(c["auth"]["user_domain_name"].as_str(), Some("Default"));
        assert_eq!(c["auth"]["project_domain_name"].as_str(), Some("Default"));
        assert_eq!(c["region_name"].as_str(), Some("RegionOne"));
        assert_eq!(c["interface"].as_str(), Some("public"));
        assert_eq!(c["identity_api_version"].as_u64(), Some(3));
    }
    // The written credentials work.
    login(&cloud, "admin", "p: \"quoted\" #x", project_scope("admin")).await;

    let err = cloud
        .write_clouds_yaml(&dir.path().join("missing-dir/clouds.yaml"))
        .expect_err("cannot write into a missing directory");
    assert!(matches!(err, Error::WriteFile { .. }));
}

#[tokio::test]
async fn busy_port_gives_an_actionable_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr");
    let dir = tempfile::tempdir().expect("tempdir");
    let config = Config {
        listen: addr,
        data_dir: dir.path().to_owned(),
        ..Config::default()
    };
    let err = match DemoCloud::start(config).await {
        Ok(_) => panic!("started on a busy port"),
        Err(e) => e,
    };
    let message = err.to_string();
    assert!(message.contains(&addr.to_string()), "{message}");
    assert!(message.contains("address in use"), "{message}");
    assert!(message.contains("--listen"), "{message}");
}

#[tokio::test]
async fn shutdown_stops_listening() {
    let (cloud, _dir) = start().await;
    let url = format!("{}/", cloud.auth_url());
    assert!(client().get(&url).send().await.is_ok());
    cloud.shutdown().await;
    let fresh = Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    assert!(
        fresh.get(&url).send().await.is_err(),
        "still serving after shutdown"
    );
}
