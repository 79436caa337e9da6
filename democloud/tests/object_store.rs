//! End-to-end tests of the Swift (object-store v1) API over real HTTP.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use democloud::DemoCloud;
use md5::{Digest, Md5};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::HeaderMap;
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use common::login;

// ---------------------------------------------------------------------------
// Helpers

/// Everything but unreserved characters and `/` is encoded in paths.
const PATH: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, PATH).to_string()
}

fn md5_hex(data: &[u8]) -> String {
    Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|_| {}).await
}

/// A caller of one account with one token (or none).
#[derive(Clone)]
struct Swift {
    base: String,
    token: Option<String>,
}

/// A response, read whole.
struct Resp {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Resp {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
    fn names(&self) -> Vec<String> {
        self.json()
            .as_array()
            .expect("listing")
            .iter()
            .map(|e| {
                e.get("name")
                    .or_else(|| e.get("subdir"))
                    .and_then(Value::as_str)
                    .expect("name or subdir")
                    .to_owned()
            })
            .collect()
    }
}

impl Swift {
    /// `user` logged in to `project`, calling the account of `account_project`.
    async fn login(cloud: &DemoCloud, user: &str, project: &str) -> (Swift, String) {
        let (token, project_id) = login(cloud, user, project).await;
        (
            Swift {
                base: format!("http://{}/swift/v1/AUTH_{project_id}", cloud.addr()),
                token: Some(token),
            },
            project_id,
        )
    }

    /// The same caller on another account.
    fn on(&self, cloud: &DemoCloud, project_id: &str) -> Swift {
        Swift {
            base: format!("http://{}/swift/v1/AUTH_{project_id}", cloud.addr()),
            token: self.token.clone(),
        }
    }

    /// The same account without a token.
    fn anonymous(&self) -> Swift {
        Swift {
            base: self.base.clone(),
            token: None,
        }
    }

    /// A request to `path` (already URL-encoded) below the account.
    fn req(&self, method: &str, path: &str) -> reqwest::RequestBuilder {
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let mut r = Client::new().request(method, format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            r = r.header("x-auth-token", t);
        }
        r
    }

    async fn send(r: reqwest::RequestBuilder) -> Resp {
        let resp = r.send().await.expect("request");
        let status = resp.status();
        let headers = resp.headers().clone();
        let body = resp.bytes().await.expect("body").to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    async fn call(&self, method: &str, path: &str) -> Resp {
        Swift::send(self.req(method, path)).await
    }

    async fn put(&self, path: &str, data: impl Into<reqwest::Body>) -> Resp {
        Swift::send(self.req("PUT", path).body(data)).await
    }
}

fn assert_status(r: &Resp, want: StatusCode) {
    assert_eq!(r.status, want, "body: {}", r.text());
}

/// `whoami`: the user id of a token.
async fn user_id(cloud: &DemoCloud, token: &str) -> String {
    let resp = Client::new()
        .get(format!("{}/auth/tokens", cloud.auth_url()))
        .header("x-auth-token", token)
        .header("x-subject-token", token)
        .send()
        .await
        .expect("validate");
    let body: Value = resp.json().await.expect("json");
    body["token"]["user"]["id"]
        .as_str()
        .expect("user id")
        .to_owned()
}

// ---------------------------------------------------------------------------
// Catalog and discovery

#[tokio::test]
async fn catalog_substitutes_the_project() {
    let (cloud, _dir) = start().await;
    let (token, project_id) = login(&cloud, "demo", "demo").await;
    let want = format!(
        "http://127.0.0.1:{}/swift/v1/AUTH_{project_id}",
        cloud.addr().port()
    );
    let catalog: Value = Client::new()
        .get(format!("{}/auth/catalog", cloud.auth_url()))
        .header("x-auth-token", &token)
        .send()
        .await
        .expect("catalog")
        .json()
        .await
        .expect("json");
    let swift = catalog["catalog"]
        .as_array()
        .expect("catalog")
        .iter()
        .find(|s| s["type"] == "object-store")
        .cloned()
        .expect("object-store in catalog");
    assert_eq!(swift["name"], "swift");
    let endpoints = swift["endpoints"].as_array().expect("endpoints");
    assert_eq!(endpoints.len(), 3);
    for e in endpoints {
        assert_eq!(e["url"], want.as_str());
    }

    // /v3/endpoints shows the template itself.
    let (admin, _) = login(&cloud, "admin", "admin").await;
    let listed: Value = Client::new()
        .get(format!("{}/endpoints", cloud.auth_url()))
        .header("x-auth-token", &admin)
        .send()
        .await
        .expect("endpoints")
        .json()
        .await
        .expect("json");
    let templated = listed["endpoints"]
        .as_array()
        .expect("endpoints")
        .iter()
        .filter(|e| {
            e["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/swift/v1/AUTH_$(project_id)s"))
        })
        .count();
    assert_eq!(templated, 3);

    // A domain-scoped token's catalog has no project to fill in.
    let body = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "admin", "domain": {"name": "Default"}, "password": "admin"}}},
        "scope": {"domain": {"name": "Default"}},
    }});
    let token: Value = Client::new()
        .post(format!("{}/auth/tokens", cloud.auth_url()))
        .json(&body)
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    let swift = token["token"]["catalog"]
        .as_array()
        .expect("catalog")
        .iter()
        .find(|s| s["type"] == "object-store")
        .cloned()
        .expect("object-store");
    assert_eq!(swift["endpoints"], json!([]));
}

#[tokio::test]
async fn info_is_public_at_both_paths() {
    let (cloud, _dir) = start().await;
    for path in ["/info", "/swift/info"] {
        let resp = Client::new()
            .get(format!("http://{}{path}", cloud.addr()))
            .send()
            .await
            .expect("info");
        assert_eq!(resp.status(), StatusCode::OK);
        let info: Value = resp.json().await.expect("json");
        let swift = &info["swift"];
        assert_eq!(swift["max_file_size"], 5_368_709_122u64);
        assert_eq!(swift["container_listing_limit"], 10000);
        assert_eq!(swift["max_meta_count"], 90);
        assert_eq!(swift["account_autocreate"], true);
        assert_eq!(swift["allow_account_management"], false);
        assert_eq!(
            swift["policies"],
            json!([
                {"name": "Policy-0", "aliases": "Policy-0", "default": true},
                {"name": "reduced-redundancy", "aliases": "reduced-redundancy"}
            ])
        );
        assert_eq!(info["slo"]["max_manifest_segments"], 1000);
        assert_eq!(info["slo"]["min_segment_size"], 1);
        assert_eq!(info["bulk_delete"]["max_deletes_per_request"], 10000);
        assert!(info.get("tempurl").is_none());
    }
}

// ---------------------------------------------------------------------------
// Accounts, containers, objects

#[tokio::test]
async fn account_container_and_object_crud() {
    let (cloud, _dir) = start().await;
    // alt_demo has no seeded data: its account reads as empty.
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    let r = sw.call("HEAD", "").await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_eq!(r.header("x-account-container-count"), Some("0"));
    assert_eq!(r.header("x-account-object-count"), Some("0"));
    assert_eq!(r.header("x-account-bytes-used"), Some("0"));
    assert!(r.header("x-timestamp").is_some());
    let trans = r.header("x-trans-id").expect("x-trans-id");
    assert_eq!(r.header("x-openstack-request-id"), Some(trans));
    assert!(r.header("date").is_some());
    let r = sw.call("GET", "").await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
    let r = sw.call("GET", "?format=json").await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(r.text(), "[]");
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );

    assert_status(&sw.call("PUT", "/box").await, StatusCode::CREATED);
    let again = sw.call("PUT", "/box").await;
    assert_status(&again, StatusCode::ACCEPTED);
    assert!(again.text().contains("<h1>Accepted</h1>"));
    let r = sw.call("HEAD", "/box").await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_eq!(r.header("x-container-object-count"), Some("0"));
    assert_eq!(r.header("x-storage-policy"), Some("Policy-0"));

    let r = Swift::send(sw.req("PUT", "/box/hello.txt").body("hello world")).await;
    assert_status(&r, StatusCode::CREATED);
    let etag = md5_hex(b"hello world");
    assert_eq!(r.header("etag"), Some(etag.as_str()));
    assert!(r.header("last-modified").is_some());

    let r = sw.call("GET", "/box/hello.txt").await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(r.body, b"hello world");
    assert_eq!(r.header("etag"), Some(etag.as_str()));
    assert_eq!(r.header("content-type"), Some("text/plain"));
    assert_eq!(r.header("content-length"), Some("11"));
    assert_eq!(r.header("accept-ranges"), Some("bytes"));
    assert!(r.header("x-timestamp").is_some_and(|t| t.contains('.')));
    let r = sw.call("HEAD", "/box/hello.txt").await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(r.header("content-length"), Some("11"));
    assert!(r.body.is_empty());

    let r = sw.call("HEAD", "").await;
    assert_eq!(r.header("x-account-container-count"), Some("1"));
    assert_eq!(r.header("x-account-object-count"), Some("1"));
    assert_eq!(r.header("x-account-bytes-used"), Some("11"));
    assert_eq!(
        r.header("x-account-storage-policy-policy-0-object-count"),
        Some("1")
    );
    let r = sw.call("GET", "?format=json").await;
    let list = r.json();
    assert_eq!(list[0]["name"], "box");
    assert_eq!(list[0]["count"], 1);
    assert_eq!(list[0]["bytes"], 11);
    assert_eq!(list[0]["storage_policy"], "Policy-0");
    let listed = sw.call("GET", "/box?format=json").await.json();
    assert_eq!(listed[0]["name"], "hello.txt");
    assert_eq!(listed[0]["hash"], etag.as_str());
    assert_eq!(listed[0]["bytes"], 11);
    assert_eq!(listed[0]["content_type"], "text/plain");
    let lm = listed[0]["last_modified"].as_str().expect("last_modified");
    assert_eq!(lm.len(), "2026-11-21T12:34:56.123450".len(), "{lm}");
    let xml = sw.call("GET", "/box?format=xml").await;
    assert_eq!(
        xml.header("content-type"),
        Some("application/xml; charset=utf-8")
    );
    assert!(xml.text().starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container name=\"box\"><object><name>hello.txt</name>"));
    let accept = Swift::send(sw.req("GET", "/box").header("accept", "application/json")).await;
    assert_eq!(
        accept.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(accept.header("vary"), Some("Accept"));

    // A container with objects cannot go.
    let r = sw.call("DELETE", "/box").await;
    assert_status(&r, StatusCode::CONFLICT);
    assert_eq!(
        r.text(),
        "<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>"
    );
    assert_status(
        &sw.call("DELETE", "/box/hello.txt").await,
        StatusCode::NO_CONTENT,
    );
    assert_status(
        &sw.call("DELETE", "/box/hello.txt").await,
        StatusCode::NOT_FOUND,
    );
    assert_status(
        &sw.call("GET", "/box/hello.txt").await,
        StatusCode::NOT_FOUND,
    );
    assert_status(&sw.call("DELETE", "/box").await, StatusCode::NO_CONTENT);
    assert_status(&sw.call("DELETE", "/box").await, StatusCode::NOT_FOUND);
    assert_status(&sw.call("HEAD", "/box").await, StatusCode::NOT_FOUND);

    // Names: too long, and objects in missing containers.
    let long = "a".repeat(257);
    let r = sw.call("PUT", &format!("/{long}")).await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(r.text(), "Container name length of 257 longer than 256");
    assert_status(&sw.put("/nobox/x", "x").await, StatusCode::NOT_FOUND);
    assert_status(&sw.call("PUT", "/box").await, StatusCode::CREATED);
    let r = sw.put(&format!("/box/{}", "o".repeat(1025)), "x").await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(r.text(), "Object name length of 1025 longer than 1024");
}

#[tokio::test]
async fn seeded_demo_account() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "demo").await;
    let containers = sw.call("GET", "?format=json").await.json();
    let names: Vec<&str> = containers
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(names, ["backups", "demo-container", "public-assets"]);
    assert_eq!(containers[0]["storage_policy"], "reduced-redundancy");
    let listing = sw.call("GET", "/demo-container").await;
    assert_eq!(
        listing.text(),
        "docs/guide/intro.txt\ndocs/guide/setup.txt\ndocs/readme.txt\nempty-folder/\nhello.txt\nimages/pixel.bin\n"
    );
    let marker = sw.call("GET", "/demo-container/empty-folder/").await;
    assert_status(&marker, StatusCode::OK);
    assert!(marker.body.is_empty());
    let pixel = sw.call("GET", "/demo-container/images/pixel.bin").await;
    assert!(pixel.body.starts_with(b"\x89PNG"));
    let r = sw.call("HEAD", "/public-assets").await;
    assert_eq!(r.header("x-container-read"), Some(".r:*,.rlistings"));
}

// ---------------------------------------------------------------------------
// Listings

#[tokio::test]
async fn listing_parameters() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "demo").await;
    let c = "/demo-container";
    let r = sw
        .call("GET", &format!("{c}?format=json&prefix=docs/&delimiter=/"))
        .await;
    assert_eq!(r.json()[0], json!({"subdir": "docs/guide/"}));
    assert_eq!(r.names(), ["docs/guide/", "docs/readme.txt"]);
    let r = sw.call("GET", &format!("{c}?delimiter=/")).await;
    assert_eq!(r.text(), "docs/\nempty-folder/\nhello.txt\nimages/\n");
    let r = sw
        .call("GET", &format!("{c}?format=json&delimiter=/&reverse=true"))
        .await;
    assert_eq!(
        r.names(),
        ["images/", "hello.txt", "empty-folder/", "docs/"]
    );
    let r = sw.call("GET", &format!("{c}?format=json&path=docs")).await;
    assert_eq!(r.names(), ["docs/readme.txt"]);

    // Paging with limit and marker, forwards and backwards.
    let all = sw.call("GET", &format!("{c}?format=json")).await.names();
    assert_eq!(all.len(), 6);
    let mut paged = Vec::new();
    let mut marker = String::new();
    loop {
        let page = sw
            .call(
                "GET",
                &format!("{c}?format=json&limit=2&marker={}", enc(&marker)),
            )
            .await
            .names();
        if page.is_empty() {
            break;
        }
        marker = page.last().cloned().expect("last");
        paged.extend(page);
    }
    assert_eq!(paged, all);
    let r = sw
        .call(
            "GET",
            &format!("{c}?format=json&marker=docs/readme.txt&end_marker=images/"),
        )
        .await;
    assert_eq!(r.names(), ["empty-folder/", "hello.txt"]);
    let r = sw
        .call(
            "GET",
            &format!("{c}?format=json&reverse=1&limit=2&marker=hello.txt"),
        )
        .await;
    assert_eq!(r.names(), ["empty-folder/", "docs/readme.txt"]);
    let r = sw
        .call("GET", &format!("{c}?format=json&prefix=nothing"))
        .await;
    assert_eq!(r.text(), "[]");
    let r = sw.call("GET", &format!("{c}?prefix=nothing")).await;
    assert_status(&r, StatusCode::NO_CONTENT);

    let r = sw.call("GET", &format!("{c}?limit=10001")).await;
    assert_status(&r, StatusCode::PRECONDITION_FAILED);
    assert_eq!(r.text(), "Maximum limit is 10000");
    let r = sw.call("GET", "?limit=10001").await;
    assert_status(&r, StatusCode::PRECONDITION_FAILED);

    // Accounts list with the same parameters.
    let r = sw.call("GET", "?format=json&prefix=d").await;
    assert_eq!(r.names(), ["demo-container"]);
    let r = sw.call("GET", "?format=json&marker=backups&limit=1").await;
    assert_eq!(r.names(), ["demo-container"]);
    let r = sw.call("GET", "?reverse=on").await;
    assert_eq!(r.text(), "public-assets\ndemo-container\nbackups\n");
    let xml = sw.call("GET", "?format=xml").await.text();
    assert!(
        xml.contains("<container><name>backups</name><count>1</count>"),
        "{xml}"
    );
}

#[tokio::test]
async fn ten_thousand_objects_page_with_marker() {
    let (cloud, dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "demo").await;
    assert_status(&sw.call("PUT", "/many").await, StatusCode::CREATED);
    // Uploading 10,500 objects one by one would be slow; empty objects need
    // no data file, so rows are enough.
    insert_empty_objects(dir.path(), "many", 10_500);

    let started = Instant::now();
    let first = sw.call("GET", "/many?format=json").await.names();
    assert_eq!(first.len(), 10_000);
    assert_eq!(first[0], "obj-00000");
    assert_eq!(first[9_999], "obj-09999");
    let rest = sw
        .call("GET", "/many?format=json&marker=obj-09999")
        .await
        .names();
    assert_eq!(rest.len(), 500);
    assert_eq!(rest.last().map(String::as_str), Some("obj-10499"));
    let last = sw.call("GET", "/many?format=json&marker=obj-10499").await;
    assert_eq!(last.text(), "[]");
    let prefixed = sw
        .call("GET", "/many?format=json&prefix=obj-1049")
        .await
        .names();
    assert_eq!(prefixed.len(), 10);
    let reversed = sw
        .call("GET", "/many?format=json&reverse=true&limit=3")
        .await
        .names();
    assert_eq!(reversed, ["obj-10499", "obj-10498", "obj-10497"]);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "listing took {:?}",
        started.elapsed()
    );
    let head = sw.call("HEAD", "/many").await;
    assert_eq!(head.header("x-container-object-count"), Some("10500"));
    let one = sw.call("GET", "/many/obj-05000").await;
    assert_status(&one, StatusCode::OK);
    assert_eq!(one.header("etag"), Some(md5_hex(b"").as_str()));
}

/// Inserts `count` empty objects into `container` of the demo account, in
/// one transaction, as the running cloud would store them.
fn insert_empty_objects(data_dir: &Path, container: &str, count: usize) {
    let mut conn = rusqlite::Connection::open(data_dir.join("democloud.sqlite")).expect("open db");
    conn.busy_timeout(Duration::from_secs(10))
        .expect("busy timeout");
    let tx = conn.transaction().expect("tx");
    let id: i64 = tx
        .query_row(
            "SELECT id FROM swift_containers WHERE name = ?1",
            [container],
            |r| r.get(0),
        )
        .expect("container");
    {
        let mut stmt = tx
            .prepare(
                "INSERT INTO swift_objects (container_id, name, size, etag, content_type, timestamp)
                 VALUES (?1, ?2, 0, ?3, 'application/octet-stream', ?4)",
            )
            .expect("prepare");
        let now = chrono::Utc::now().timestamp_micros() / 10 * 10;
        for i in 0..count {
            stmt.execute(rusqlite::params![
                id,
                format!("obj-{i:05}"),
                md5_hex(b""),
                now
            ])
            .expect("insert");
        }
    }
    tx.execute(
        "UPDATE swift_containers SET object_count = object_count + ?2 WHERE id = ?1",
        rusqlite::params![id, count as i64],
    )
    .expect("count");
    tx.commit().expect("commit");
}

// ---------------------------------------------------------------------------
// Policies

#[tokio::test]
async fn storage_policies_are_fixed_at_creation() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    let r = Swift::send(
        sw.req("PUT", "/rr")
            .header("x-storage-policy", "reduced-redundancy"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    assert_eq!(
        sw.call("HEAD", "/rr").await.header("x-storage-policy"),
        Some("reduced-redundancy")
    );
    let r = Swift::send(sw.req("PUT", "/rr").header("x-storage-policy", "Policy-0")).await;
    assert_status(&r, StatusCode::CONFLICT);
    let r = Swift::send(
        sw.req("PUT", "/rr")
            .header("x-storage-policy", "reduced-redundancy"),
    )
    .await;
    assert_status(&r, StatusCode::ACCEPTED);
    assert_status(&sw.call("PUT", "/rr").await, StatusCode::ACCEPTED);
    // A POST does not change it (Swift ignores the header there).
    let r = Swift::send(sw.req("POST", "/rr").header("x-storage-policy", "Policy-0")).await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_eq!(
        sw.call("HEAD", "/rr").await.header("x-storage-policy"),
        Some("reduced-redundancy")
    );
    let r = Swift::send(sw.req("PUT", "/bad").header("x-storage-policy", "nope")).await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(r.text(), "Invalid X-Storage-Policy 'nope'");
    assert_status(&sw.put("/rr/o", "12345").await, StatusCode::CREATED);
    assert_status(&sw.call("PUT", "/p0").await, StatusCode::CREATED);
    let r = sw.call("HEAD", "").await;
    assert_eq!(
        r.header("x-account-storage-policy-reduced-redundancy-container-count"),
        Some("1")
    );
    assert_eq!(
        r.header("x-account-storage-policy-reduced-redundancy-bytes-used"),
        Some("5")
    );
    assert_eq!(
        r.header("x-account-storage-policy-policy-0-container-count"),
        Some("1")
    );
    assert_eq!(
        r.header("x-account-storage-policy-policy-0-bytes-used"),
        Some("0")
    );
}

// ---------------------------------------------------------------------------
// ACLs

#[tokio::test]
async fn acls_and_anonymous_access() {
    let (cloud, _dir) = start().await;
    let (owner, demo_id) = Swift::login(&cloud, "demo", "demo").await;
    let anon = owner.anonymous();

    // The seeded public container: objects and listings for anyone.
    let r = anon.call("GET", "/public-assets/index.html").await;
    assert_status(&r, StatusCode::OK);
    assert!(r.text().contains("<h1>"));
    let r = anon.call("GET", "/public-assets").await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(r.text(), "index.html\n");
    // ACL headers are the owner's business.
    assert!(r.header("x-container-read").is_none());
    // Everything else needs a token.
    let r = anon.call("GET", "/demo-container/hello.txt").await;
    assert_status(&r, StatusCode::UNAUTHORIZED);
    assert!(r.text().contains("<h1>Unauthorized</h1>"));
    let auth: Vec<&str> = r
        .headers
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert!(
        auth.iter().any(|a| a.starts_with("Keystone uri=")),
        "{auth:?}"
    );
    assert_status(&anon.call("GET", "").await, StatusCode::UNAUTHORIZED);
    assert_status(
        &anon.call("PUT", "/public-assets/x").await,
        StatusCode::UNAUTHORIZED,
    );
    // A bogus token is anonymous.
    let bogus = Swift {
        base: owner.base.clone(),
        token: Some("bogus".into()),
    };
    assert_status(
        &bogus.call("GET", "/public-assets/index.html").await,
        StatusCode::OK,
    );
    assert_status(
        &bogus.call("GET", "/demo-container").await,
        StatusCode::UNAUTHORIZED,
    );

    // Another project's token: 403 where nothing allows it.
    let (other_home, alt_id) = Swift::login(&cloud, "admin", "admin").await;
    let other = other_home.on(&cloud, &demo_id);
    assert_status(&other.call("GET", "").await, StatusCode::FORBIDDEN);
    assert_status(
        &other.call("GET", "/demo-container").await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &other.call("GET", "/demo-container/hello.txt").await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &other.call("GET", "/public-assets/index.html").await,
        StatusCode::OK,
    );

    // .r:* without .rlistings: objects yes, listings no.
    let r = Swift::send(
        owner
            .req("POST", "/demo-container")
            .header("x-container-read", ".r:*"),
    )
    .await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_status(
        &anon.call("GET", "/demo-container/hello.txt").await,
        StatusCode::OK,
    );
    assert_status(
        &anon.call("HEAD", "/demo-container/hello.txt").await,
        StatusCode::OK,
    );
    assert_status(
        &anon.call("GET", "/demo-container").await,
        StatusCode::UNAUTHORIZED,
    );
    assert_status(
        &anon.call("GET", "/demo-container/nope").await,
        StatusCode::NOT_FOUND,
    );
    let r = Swift::send(
        owner
            .req("POST", "/demo-container")
            .header("x-remove-container-read", "x"),
    )
    .await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert!(owner
        .call("HEAD", "/demo-container")
        .await
        .header("x-container-read")
        .is_none());
    assert_status(
        &anon.call("GET", "/demo-container/hello.txt").await,
        StatusCode::UNAUTHORIZED,
    );

    // project:user grants, by id or wildcard.
    let other_user = user_id(&cloud, other_home.token.as_deref().expect("token")).await;
    let read = format!("{alt_id}:{other_user}");
    let r = Swift::send(
        owner
            .req("POST", "/demo-container")
            .header("x-container-read", &read),
    )
    .await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_status(&other.call("GET", "/demo-container").await, StatusCode::OK);
    assert_status(
        &other.call("GET", "/demo-container/hello.txt").await,
        StatusCode::OK,
    );
    assert!(other
        .call("HEAD", "/demo-container")
        .await
        .header("x-container-read")
        .is_none());
    assert_eq!(
        owner
            .call("HEAD", "/demo-container")
            .await
            .header("x-container-read"),
        Some(read.as_str())
    );
    assert_status(
        &other.put("/demo-container/new.txt", "x").await,
        StatusCode::FORBIDDEN,
    );
    for grant in [
        format!("{alt_id}:*"),
        format!("*:{other_user}"),
        "*:*".to_owned(),
    ] {
        let r = Swift::send(
            owner
                .req("POST", "/demo-container")
                .header("x-container-write", &grant),
        )
        .await;
        assert_status(&r, StatusCode::NO_CONTENT);
        assert_status(
            &other.put("/demo-container/new.txt", "x").await,
            StatusCode::CREATED,
        );
        assert_status(
            &other.call("DELETE", "/demo-container/new.txt").await,
            StatusCode::NO_CONTENT,
        );
    }
    // Container operations stay the owner's.
    assert_status(
        &other.call("POST", "/demo-container").await,
        StatusCode::FORBIDDEN,
    );
    assert_status(
        &other.call("DELETE", "/demo-container").await,
        StatusCode::FORBIDDEN,
    );

    // Malformed ACLs are refused with Swift's messages.
    let r = Swift::send(
        owner
            .req("POST", "/demo-container")
            .header("x-container-read", ".r:"),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.text(),
        "No host/domain value after referrer designation in ACL: '.r:'"
    );
    let r = Swift::send(
        owner
            .req("POST", "/demo-container")
            .header("x-container-write", ".r:*"),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(r.text(), "Referrers not allowed in write ACL: '.r:*'");
}

// ---------------------------------------------------------------------------
// Uploads

#[tokio::test]
async fn uploads_verify_etag_and_preconditions() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);

    let r = Swift::send(
        sw.req("PUT", "/c/e.txt")
            .header("etag", "00000000000000000000000000000000")
            .body("x"),
    )
    .await;
    assert_status(&r, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.text(),
        "<html><h1>Unprocessable Entity</h1><p>Unable to process the contained instructions</p></html>"
    );
    assert_status(&sw.call("HEAD", "/c/e.txt").await, StatusCode::NOT_FOUND);
    let good = format!("\"{}\"", md5_hex(b"x"));
    let r = Swift::send(sw.req("PUT", "/c/e.txt").header("etag", &good).body("x")).await;
    assert_status(&r, StatusCode::CREATED);

    let r = Swift::send(
        sw.req("PUT", "/c/e.txt")
            .header("if-none-match", "*")
            .body("y"),
    )
    .await;
    assert_status(&r, StatusCode::PRECONDITION_FAILED);
    assert_eq!(sw.call("GET", "/c/e.txt").await.body, b"x");
    let r = Swift::send(
        sw.req("PUT", "/c/new.txt")
            .header("if-none-match", "*")
            .body("y"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let r = Swift::send(
        sw.req("PUT", "/c/new.txt")
            .header("if-none-match", "abc")
            .body("y"),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(r.text(), "If-None-Match only supports *");

    // Content types: given, guessed, or the default; other headers kept.
    let r = Swift::send(
        sw.req("PUT", "/c/page")
            .header("content-type", "text/html; charset=utf-8")
            .header("content-disposition", "attachment; filename=p.html")
            .header("content-encoding", "identity")
            .header("x-object-meta-color", "blue")
            .body("<p>"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let r = sw.call("HEAD", "/c/page").await;
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(
        r.header("content-disposition"),
        Some("attachment; filename=p.html")
    );
    assert_eq!(r.header("content-encoding"), Some("identity"));
    assert_eq!(r.header("x-object-meta-color"), Some("blue"));
    assert_status(&sw.put("/c/pic.png", "png").await, StatusCode::CREATED);
    assert_eq!(
        sw.call("HEAD", "/c/pic.png").await.header("content-type"),
        Some("image/png")
    );
    assert_status(&sw.put("/c/noext", "data").await, StatusCode::CREATED);
    assert_eq!(
        sw.call("HEAD", "/c/noext").await.header("content-type"),
        Some("application/octet-stream")
    );

    // Chunked uploads are streamed the same way.
    let chunks: Vec<Result<&'static [u8], std::io::Error>> = vec![Ok(b"abc"), Ok(b"def")];
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let r = Swift::send(sw.req("PUT", "/c/chunked").body(body)).await;
    assert_status(&r, StatusCode::CREATED);
    assert_eq!(r.header("etag"), Some(md5_hex(b"abcdef").as_str()));
    assert_eq!(sw.call("GET", "/c/chunked").await.body, b"abcdef");

    // Metadata limits, with Swift's messages.
    let cases: Vec<(Vec<(String, String)>, String)> = vec![
        (
            vec![(format!("x-object-meta-{}", "n".repeat(129)), "v".into())],
            format!("Metadata name too long: x-object-meta-{}", "n".repeat(129)),
        ),
        (
            vec![("x-object-meta-big".into(), "v".repeat(257))],
            "Metadata value longer than 256: x-object-meta-big".into(),
        ),
        (
            (0..91)
                .map(|i| (format!("x-object-meta-k{i}"), "v".into()))
                .collect(),
            "Too many metadata items; max 90".into(),
        ),
        (
            (0..20)
                .map(|i| (format!("x-object-meta-k{i}"), "v".repeat(250)))
                .collect(),
            "Total metadata too large; max 4096".into(),
        ),
    ];
    for (headers, message) in cases {
        let mut req = sw.req("PUT", "/c/meta");
        for (k, v) in &headers {
            req = req.header(k.as_str(), v.as_str());
        }
        let r = Swift::send(req.body("x")).await;
        assert_status(&r, StatusCode::BAD_REQUEST);
        assert_eq!(r.text(), message);
    }
    let r = Swift::send(
        sw.req("PUT", "/c/exp")
            .header("x-delete-at", "1000")
            .body("x"),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(r.text(), "X-Delete-At in past");
    let r = Swift::send(
        sw.req("PUT", "/c/exp")
            .header("x-delete-after", "soon")
            .body("x"),
    )
    .await;
    assert_eq!(r.text(), "Non-integer X-Delete-After");
    let r = Swift::send(
        sw.req("PUT", "/c/slo")
            .header("x-static-large-object", "true")
            .body("x"),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn weird_names_round_trip() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    let names = [
        "a b/ü%?#<img src=x onerror=alert(1)>.html",
        "docs/",
        "docs//double",
        "100% 'quoted' \"name\"",
        "日本語/ファイル.txt",
        "+plus+and&amp;=",
    ];
    for (i, name) in names.iter().enumerate() {
        let data = format!("data {i}");
        let r = sw.put(&format!("/c/{}", enc(name)), data.clone()).await;
        assert_status(&r, StatusCode::CREATED);
        let r = sw.call("GET", &format!("/c/{}", enc(name))).await;
        assert_status(&r, StatusCode::OK);
        assert_eq!(r.text(), data, "{name}");
    }
    let listed = sw.call("GET", "/c?format=json").await;
    let mut want: Vec<&str> = names.to_vec();
    want.sort_unstable();
    assert_eq!(listed.names(), want);
    // JSON escapes non-ASCII like Python's json.dumps.
    assert!(listed.text().contains("\\u00fc"), "{}", listed.text());
    let r = sw
        .call(
            "GET",
            &format!("/c?format=json&prefix={}&delimiter=/", enc("a b/")),
        )
        .await;
    assert_eq!(r.names(), ["a b/ü%?#<img src=x onerror=alert(1)>.html"]);
    let xml = sw.call("GET", "/c?format=xml").await.text();
    assert!(xml.contains("&lt;img src=x onerror=alert(1)&gt;"), "{xml}");
    // A folder marker and what is below it are different objects.
    assert_status(&sw.call("DELETE", "/c/docs/").await, StatusCode::NO_CONTENT);
    assert_status(&sw.call("GET", "/c/docs//double").await, StatusCode::OK);
    assert_status(&sw.call("GET", "/c/docs/").await, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------
// Downloads

#[tokio::test]
async fn ranges_and_conditional_requests() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    assert_status(&sw.put("/c/o", "hello world").await, StatusCode::CREATED);
    let range = |spec: &'static str| {
        let sw = sw.clone();
        async move { Swift::send(sw.req("GET", "/c/o").header("range", spec)).await }
    };
    let r = range("bytes=0-3").await;
    assert_status(&r, StatusCode::PARTIAL_CONTENT);
    assert_eq!(r.body, b"hell");
    assert_eq!(r.header("content-range"), Some("bytes 0-3/11"));
    assert_eq!(r.header("content-length"), Some("4"));
    let r = range("bytes=-3").await;
    assert_eq!(r.body, b"rld");
    assert_eq!(r.header("content-range"), Some("bytes 8-10/11"));
    let r = range("bytes=6-").await;
    assert_eq!(r.body, b"world");
    let r = range("bytes=50-").await;
    assert_status(&r, StatusCode::RANGE_NOT_SATISFIABLE);
    assert_eq!(r.header("content-range"), Some("bytes */11"));
    let r = range("bytes=5-3").await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(r.body, b"hello world");
    let r = range("bytes=0-1,6-7").await;
    assert_status(&r, StatusCode::PARTIAL_CONTENT);
    let ct = r.header("content-type").expect("content-type").to_owned();
    let boundary = ct
        .strip_prefix("multipart/byteranges;boundary=")
        .expect("multipart");
    let want = format!(
        "--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 0-1/11\r\n\r\nhe\r\n\
         --{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes 6-7/11\r\n\r\nwo\r\n\
         --{boundary}--"
    );
    assert_eq!(r.text(), want);
    assert_eq!(
        r.header("content-length"),
        Some(want.len().to_string().as_str())
    );

    let etag = md5_hex(b"hello world");
    let head = sw.call("HEAD", "/c/o").await;
    let last_modified = head
        .header("last-modified")
        .expect("last-modified")
        .to_owned();
    let cond = |name: &'static str, value: String| {
        let sw = sw.clone();
        async move { Swift::send(sw.req("GET", "/c/o").header(name, value)).await }
    };
    let r = cond("if-none-match", format!("\"{etag}\"")).await;
    assert_status(&r, StatusCode::NOT_MODIFIED);
    assert!(r.body.is_empty());
    assert_eq!(r.header("etag"), Some(etag.as_str()));
    assert_status(
        &cond("if-none-match", "\"other\"".into()).await,
        StatusCode::OK,
    );
    assert_status(&cond("if-match", etag.clone()).await, StatusCode::OK);
    assert_status(
        &cond("if-match", "\"other\"".into()).await,
        StatusCode::PRECONDITION_FAILED,
    );
    assert_status(
        &cond("if-modified-since", last_modified.clone()).await,
        StatusCode::NOT_MODIFIED,
    );
    assert_status(
        &cond("if-modified-since", "Thu, 01 Jan 2015 00:00:00 GMT".into()).await,
        StatusCode::OK,
    );
    assert_status(
        &cond(
            "if-unmodified-since",
            "Thu, 01 Jan 2015 00:00:00 GMT".into(),
        )
        .await,
        StatusCode::PRECONDITION_FAILED,
    );
    assert_status(
        &cond("if-unmodified-since", last_modified).await,
        StatusCode::OK,
    );
    let r = Swift::send(sw.req("GET", "/c/missing").header("if-match", "*")).await;
    assert_status(&r, StatusCode::PRECONDITION_FAILED);
}

// ---------------------------------------------------------------------------
// Metadata

#[tokio::test]
async fn metadata_posts() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    // Account metadata.
    let r = Swift::send(sw.req("POST", "").header("x-account-meta-owner", "ops")).await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert_eq!(
        sw.call("HEAD", "").await.header("x-account-meta-owner"),
        Some("ops")
    );
    let r = Swift::send(
        sw.req("POST", "")
            .header("x-remove-account-meta-owner", "1"),
    )
    .await;
    assert_status(&r, StatusCode::NO_CONTENT);
    assert!(sw
        .call("HEAD", "")
        .await
        .header("x-account-meta-owner")
        .is_none());

    // Container metadata: set, replace, remove by empty value or header.
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    let r = Swift::send(
        sw.req("POST", "/c")
            .header("x-container-meta-a", "1")
            .header("x-container-meta-b", "2"),
    )
    .await;
    assert_status(&r, StatusCode::NO_CONTENT);
    let r = Swift::send(
        sw.req("POST", "/c")
            .header("x-container-meta-a", "")
            .header("x-remove-container-meta-b", "x")
            .header("x-container-meta-c", "3"),
    )
    .await;
    assert_status(&r, StatusCode::NO_CONTENT);
    let head = sw.call("HEAD", "/c").await;
    assert!(head.header("x-container-meta-a").is_none());
    assert!(head.header("x-container-meta-b").is_none());
    assert_eq!(head.header("x-container-meta-c"), Some("3"));
    assert_status(&sw.call("POST", "/missing").await, StatusCode::NOT_FOUND);

    // Object metadata: a POST replaces all of it.
    let r = Swift::send(
        sw.req("PUT", "/c/o")
            .header("content-type", "text/plain")
            .header("x-object-meta-color", "blue")
            .header("content-disposition", "inline")
            .body("data"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let r = Swift::send(
        sw.req("POST", "/c/o")
            .header("x-object-meta-shape", "round")
            .header("content-type", "text/x-foo"),
    )
    .await;
    assert_status(&r, StatusCode::ACCEPTED);
    assert!(r.text().contains("<h1>Accepted</h1>"));
    let head = sw.call("HEAD", "/c/o").await;
    assert_eq!(head.header("x-object-meta-shape"), Some("round"));
    assert!(head.header("x-object-meta-color").is_none());
    assert!(head.header("content-disposition").is_none());
    assert_eq!(head.header("content-type"), Some("text/x-foo"));
    assert_eq!(head.header("etag"), Some(md5_hex(b"data").as_str()));
    let listed = sw.call("GET", "/c?format=json").await.json();
    assert_eq!(listed[0]["content_type"], "text/x-foo");
    assert_status(&sw.call("POST", "/c/missing").await, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------
// Copies

#[tokio::test]
async fn server_side_copies() {
    let (cloud, _dir) = start().await;
    let (sw, project) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    assert_status(&sw.call("PUT", "/d").await, StatusCode::CREATED);
    let r = Swift::send(
        sw.req("PUT", "/c/src.txt")
            .header("content-type", "text/plain")
            .header("x-object-meta-color", "blue")
            .body("copy me"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);

    let r = Swift::send(
        sw.req("COPY", "/c/src.txt")
            .header("destination", "d/dst%20one.txt"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    assert_eq!(r.header("x-copied-from"), Some("c/src.txt"));
    assert_eq!(
        r.header("x-copied-from-account"),
        Some(format!("AUTH_{project}").as_str())
    );
    assert!(r.header("x-copied-from-last-modified").is_some());
    assert_eq!(r.header("etag"), Some(md5_hex(b"copy me").as_str()));
    let got = sw.call("GET", "/d/dst%20one.txt").await;
    assert_eq!(got.body, b"copy me");
    assert_eq!(got.header("x-object-meta-color"), Some("blue"));
    assert_eq!(got.header("content-type"), Some("text/plain"));

    let r = Swift::send(
        sw.req("PUT", "/d/fresh.txt")
            .header("x-copy-from", "/c/src.txt")
            .header("x-fresh-metadata", "true")
            .header("x-object-meta-size", "small")
            .header("content-length", "0"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let head = sw.call("HEAD", "/d/fresh.txt").await;
    assert!(head.header("x-object-meta-color").is_none());
    assert_eq!(head.header("x-object-meta-size"), Some("small"));
    let r = Swift::send(
        sw.req("PUT", "/d/merged.txt")
            .header("x-copy-from", "c/src.txt")
            .header("x-object-meta-size", "small")
            .header("content-length", "0"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let head = sw.call("HEAD", "/d/merged.txt").await;
    assert_eq!(head.header("x-object-meta-color"), Some("blue"));
    assert_eq!(head.header("x-object-meta-size"), Some("small"));

    let r = Swift::send(sw.req("COPY", "/c/missing").header("destination", "d/x")).await;
    assert_status(&r, StatusCode::NOT_FOUND);
    let r = sw.call("COPY", "/c/src.txt").await;
    assert_status(&r, StatusCode::PRECONDITION_FAILED);
    assert_eq!(r.text(), "Destination header required");
    let r = Swift::send(
        sw.req("COPY", "/c/src.txt")
            .header("destination", "nothing"),
    )
    .await;
    assert_status(&r, StatusCode::PRECONDITION_FAILED);
    assert_eq!(
        r.text(),
        "Destination header must be of the form <container name>/<object name>"
    );
    let r = Swift::send(
        sw.req("COPY", "/c/src.txt")
            .header("destination", "nobox/x"),
    )
    .await;
    assert_status(&r, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------
// Expiry

#[tokio::test]
async fn expired_objects_disappear() {
    let (cloud, dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    let r = Swift::send(
        sw.req("PUT", "/c/short")
            .header("x-delete-after", "2")
            .body("bye"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let at = chrono::Utc::now().timestamp() + 3600;
    let r = Swift::send(
        sw.req("PUT", "/c/long")
            .header("x-delete-at", at.to_string())
            .body("hi"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    assert_eq!(
        sw.call("HEAD", "/c/long").await.header("x-delete-at"),
        Some(at.to_string().as_str())
    );
    assert_eq!(
        sw.call("HEAD", "/c")
            .await
            .header("x-container-object-count"),
        Some("2")
    );
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert_status(&sw.call("GET", "/c/short").await, StatusCode::NOT_FOUND);
    assert_status(&sw.call("HEAD", "/c/short").await, StatusCode::NOT_FOUND);
    assert_eq!(sw.call("GET", "/c").await.text(), "long\n");
    let head = sw.call("HEAD", "/c").await;
    assert_eq!(head.header("x-container-object-count"), Some("1"));
    assert_eq!(head.header("x-container-bytes-used"), Some("2"));
    // Its data file went with it.
    assert_eq!(
        data_files(dir.path()).len(),
        7 + 1,
        "seeded files and 'long'"
    );
}

// ---------------------------------------------------------------------------
// Static large objects

#[tokio::test]
async fn static_large_objects() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    assert_status(&sw.call("PUT", "/c_segments").await, StatusCode::CREATED);
    let seg1 = "A".repeat(1000);
    let seg2 = "B".repeat(500);
    let seg3 = "C".repeat(10);
    assert_status(
        &sw.put("/c_segments/big/1", seg1.clone()).await,
        StatusCode::CREATED,
    );
    assert_status(
        &sw.put("/c_segments/big/2", seg2.clone()).await,
        StatusCode::CREATED,
    );
    assert_status(
        &sw.put("/c_segments/big/3", seg3.clone()).await,
        StatusCode::CREATED,
    );
    let (e1, e2, e3) = (
        md5_hex(seg1.as_bytes()),
        md5_hex(seg2.as_bytes()),
        md5_hex(seg3.as_bytes()),
    );
    let manifest = json!([
        {"path": "/c_segments/big/1", "etag": e1, "size_bytes": 1000},
        {"path": "/c_segments/big/2", "etag": null, "size_bytes": null},
        {"path": "c_segments/big/3"},
    ]);
    let r = Swift::send(
        sw.req("PUT", "/c/big?multipart-manifest=put")
            .header("content-type", "text/plain")
            .body(manifest.to_string()),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let slo_etag = md5_hex(format!("{e1}{e2}{e3}").as_bytes());
    assert_eq!(r.header("etag"), Some(format!("\"{slo_etag}\"").as_str()));

    let joined = format!("{seg1}{seg2}{seg3}");
    let r = sw.call("GET", "/c/big").await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(r.text(), joined);
    assert_eq!(r.header("x-static-large-object"), Some("True"));
    assert_eq!(r.header("etag"), Some(format!("\"{slo_etag}\"").as_str()));
    let head = sw.call("HEAD", "/c/big").await;
    assert_eq!(head.header("content-length"), Some("1510"));
    assert_eq!(head.header("content-type"), Some("text/plain"));
    let manifest_etag = head
        .header("x-manifest-etag")
        .expect("x-manifest-etag")
        .to_owned();
    // A range across the segment boundaries.
    let r = Swift::send(sw.req("GET", "/c/big").header("range", "bytes=995-1504")).await;
    assert_status(&r, StatusCode::PARTIAL_CONTENT);
    assert_eq!(r.text(), joined[995..1505]);
    assert_eq!(r.header("content-range"), Some("bytes 995-1504/1510"));
    let r = Swift::send(
        sw.req("GET", "/c/big")
            .header("if-none-match", format!("\"{slo_etag}\"")),
    )
    .await;
    assert_status(&r, StatusCode::NOT_MODIFIED);

    // The manifest itself, stored and raw.
    let r = sw.call("GET", "/c/big?multipart-manifest=get").await;
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(r.header("etag"), Some(manifest_etag.as_str()));
    assert_eq!(md5_hex(&r.body), manifest_etag);
    let stored = r.json();
    assert_eq!(stored[0]["name"], "/c_segments/big/1");
    assert_eq!(stored[1]["bytes"], 500);
    assert_eq!(stored[2]["hash"], e3.as_str());
    assert!(r
        .text()
        .starts_with("[{\"name\": \"/c_segments/big/1\", \"bytes\": 1000, \"hash\": "));
    let raw = sw
        .call("GET", "/c/big?multipart-manifest=get&format=raw")
        .await
        .json();
    assert_eq!(
        raw[2],
        json!({"etag": e3, "path": "/c_segments/big/3", "size_bytes": 10})
    );

    // Listings show the joined size and the SLO etag.
    let listed = sw.call("GET", "/c?format=json").await.json();
    assert_eq!(listed[0]["bytes"], 1510);
    assert_eq!(listed[0]["hash"], manifest_etag.as_str());
    assert_eq!(listed[0]["slo_etag"], format!("\"{slo_etag}\"").as_str());

    // Copies: the joined data, or with multipart-manifest=get the manifest.
    let r = Swift::send(sw.req("COPY", "/c/big").header("destination", "c/flat")).await;
    assert_status(&r, StatusCode::CREATED);
    let flat = sw.call("GET", "/c/flat").await;
    assert_eq!(flat.text(), joined);
    assert!(flat.header("x-static-large-object").is_none());
    assert_eq!(
        flat.header("etag"),
        Some(md5_hex(joined.as_bytes()).as_str())
    );
    let r = Swift::send(
        sw.req("COPY", "/c/big?multipart-manifest=get")
            .header("destination", "c/big2"),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    let head = sw.call("HEAD", "/c/big2").await;
    assert_eq!(head.header("x-static-large-object"), Some("True"));
    assert_eq!(head.header("content-length"), Some("1510"));

    // Problems are listed per segment.
    let bad = json!([
        {"path": "/c_segments/big/1", "etag": "abc", "size_bytes": 3},
        {"path": "/c_segments/nope"},
    ]);
    let r = Swift::send(
        sw.req("PUT", "/c/bad?multipart-manifest=put")
            .body(bad.to_string()),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.text(),
        "Errors:\n/c_segments/big/1, Size Mismatch\n/c_segments/big/1, Etag Mismatch\n/c_segments/nope, 404 Not Found\n"
    );
    let r = Swift::send(
        sw.req("PUT", "/c/bad?multipart-manifest=put")
            .header("accept", "application/json")
            .body(json!([{"path": "/c_segments/nope"}]).to_string()),
    )
    .await;
    assert_eq!(
        r.json(),
        json!({"Errors": [["/c_segments/nope", "404 Not Found"]]})
    );
    let r = Swift::send(
        sw.req("PUT", "/c/bad?multipart-manifest=put")
            .body("[{\"path\": \"nocontainer\"}]"),
    )
    .await;
    assert_status(&r, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.text(),
        "Index 0: path does not refer to an object. Path must be of the form /container/object.\n"
    );
    let r = Swift::send(
        sw.req("PUT", "/c/bad?multipart-manifest=put")
            .body("not json"),
    )
    .await;
    assert_eq!(r.text(), "Manifest must be valid JSON.\n");
    let r = Swift::send(
        sw.req("PUT", "/c/bad?multipart-manifest=put")
            .header("etag", "0123")
            .body(json!([{"path": "/c_segments/big/3"}]).to_string()),
    )
    .await;
    assert_status(&r, StatusCode::UNPROCESSABLE_ENTITY);
    assert_status(&sw.call("HEAD", "/c/bad").await, StatusCode::NOT_FOUND);

    // A changed segment breaks the object.
    assert_status(
        &sw.put("/c_segments/big/3", "changed").await,
        StatusCode::CREATED,
    );
    assert_status(&sw.call("GET", "/c/big").await, StatusCode::CONFLICT);
    assert_status(
        &sw.put("/c_segments/big/3", seg3.clone()).await,
        StatusCode::CREATED,
    );
    assert_status(&sw.call("GET", "/c/big").await, StatusCode::OK);

    // Deleting with multipart-manifest=delete takes the segments along.
    let r = Swift::send(
        sw.req("DELETE", "/c/big?multipart-manifest=delete")
            .header("accept", "application/json"),
    )
    .await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!({"Response Status": "200 OK", "Response Body": "", "Number Deleted": 4,
               "Number Not Found": 0, "Errors": []})
    );
    assert_status(&sw.call("HEAD", "/c/big").await, StatusCode::NOT_FOUND);
    assert_eq!(
        sw.call("HEAD", "/c_segments")
            .await
            .header("x-container-object-count"),
        Some("0")
    );
    // big2 now points at nothing.
    assert_status(&sw.call("GET", "/c/big2").await, StatusCode::CONFLICT);
    let r = sw.call("DELETE", "/c/flat?multipart-manifest=delete").await;
    assert_eq!(
        r.text(),
        "Number Deleted: 0\nNumber Not Found: 0\nResponse Body: \nResponse Status: 400 Bad Request\n\
         Errors:\n/c/flat, Not an SLO manifest\n"
    );
}

/// Nested manifests, inline data and segment ranges; the etags are what
/// Swift 2.37 computes for the same manifests.
#[tokio::test]
async fn nested_and_ranged_manifests() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/n").await, StatusCode::CREATED);
    assert_status(&sw.put("/n/s1", "0123456789").await, StatusCode::CREATED);
    assert_status(&sw.put("/n/s2", "abcdefghij").await, StatusCode::CREATED);
    let put = |name: &'static str, manifest: Value| {
        let sw = sw.clone();
        async move {
            Swift::send(
                sw.req("PUT", &format!("/n/{name}?multipart-manifest=put"))
                    .body(manifest.to_string()),
            )
            .await
        }
    };
    let r = put(
        "inner",
        json!([{"path": "/n/s1", "range": "2-4"}, {"path": "/n/s2"}]),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    assert_eq!(
        r.header("etag"),
        Some("\"d4341e9ff2a6d44290f001e9271209d2\"")
    );
    let r = put(
        "outer",
        json!([{"path": "/n/inner"}, {"data": "IS0h"}, {"path": "/n/s1", "range": "-2"}]),
    )
    .await;
    assert_status(&r, StatusCode::CREATED);
    assert_eq!(
        r.header("etag"),
        Some("\"020608620eeb6e738a19fefd9f7270c7\"")
    );
    assert_eq!(
        sw.call("GET", "/n/outer").await.text(),
        "234abcdefghij!-!89"
    );
    let r = Swift::send(sw.req("GET", "/n/outer").header("range", "bytes=2-14")).await;
    assert_eq!(r.text(), "4abcdefghij!-");
    assert_eq!(r.header("content-range"), Some("bytes 2-14/18"));
    let stored = sw
        .call("GET", "/n/outer?multipart-manifest=get")
        .await
        .json();
    assert_eq!(stored[0]["sub_slo"], true);
    assert_eq!(stored[1], json!({"data": "IS0h"}));
    assert_eq!(stored[2]["range"], "8-9");
    let r = put(
        "bad",
        json!([{"path": "/n/s1", "range": "20-30", "size_bytes": 10}]),
    )
    .await;
    assert_eq!(r.text(), "Index 0: unsatisfiable range\n");

    // A cycle: GET gives up, DELETE still ends.
    let r = put("inner", json!([{"path": "/n/outer"}])).await;
    assert_status(&r, StatusCode::CREATED);
    assert_status(&sw.call("GET", "/n/outer").await, StatusCode::CONFLICT);
    let r = Swift::send(
        sw.req("DELETE", "/n/outer?multipart-manifest=delete")
            .header("accept", "application/json"),
    )
    .await;
    // s1, outer and inner; outer met again is already gone.
    assert_eq!(r.json()["Number Deleted"], 3);
    assert_eq!(r.json()["Number Not Found"], 1);
    assert_status(&sw.call("HEAD", "/n/inner").await, StatusCode::NOT_FOUND);
    assert_status(&sw.call("HEAD", "/n/s2").await, StatusCode::OK);
}

// ---------------------------------------------------------------------------
// Bulk delete

#[tokio::test]
async fn bulk_delete() {
    let (cloud, _dir) = start().await;
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    for c in ["/a", "/b", "/empty"] {
        assert_status(&sw.call("PUT", c).await, StatusCode::CREATED);
    }
    for o in ["/a/1", "/a/two%20words", "/b/keep"] {
        assert_status(&sw.put(o, "x").await, StatusCode::CREATED);
    }
    let list = "/a/1\na/two%20words\n/a/missing\n/a\n/b\n/empty\n\n";
    let r = Swift::send(
        sw.req("POST", "?bulk-delete")
            .header("accept", "application/json")
            .header("content-type", "text/plain")
            .body(list),
    )
    .await;
    assert_status(&r, StatusCode::OK);
    assert_eq!(
        r.json(),
        json!({"Response Status": "400 Bad Request", "Response Body": "", "Number Deleted": 4,
               "Number Not Found": 1, "Errors": [["/b", "409 Conflict"]]})
    );
    assert_status(&sw.call("HEAD", "/a").await, StatusCode::NOT_FOUND);
    assert_status(&sw.call("HEAD", "/b/keep").await, StatusCode::OK);
    // Text by default; DELETE works too.
    let r = Swift::send(sw.req("DELETE", "?bulk-delete").body("/b/keep\n/b\n")).await;
    assert_eq!(
        r.text(),
        "Number Deleted: 2\nNumber Not Found: 0\nResponse Body: \nResponse Status: 200 OK\nErrors:\n"
    );
    let r = Swift::send(
        sw.req("POST", "?bulk-delete")
            .header("accept", "application/json")
            .header("content-length", "0"),
    )
    .await;
    assert_eq!(r.json()["Response Body"], "Invalid bulk delete.");
    let r = Swift::send(
        sw.req("POST", "?bulk-delete")
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("/a"),
    )
    .await;
    assert_eq!(r.json()["Response Status"], "406 Not Acceptable");
    // Someone else's objects are refused.
    let (other, _) = Swift::login(&cloud, "demo", "demo").await;
    let r = Swift::send(
        other
            .req("POST", "?bulk-delete")
            .header("accept", "application/json")
            .body("/demo-container/hello.txt\n"),
    )
    .await;
    assert_eq!(r.json()["Number Deleted"], 1);
    let foreign = sw.on(&cloud, other.base.rsplit("AUTH_").next().expect("project"));
    let r = Swift::send(
        foreign
            .req("POST", "?bulk-delete")
            .header("accept", "application/json")
            .body("/demo-container/docs/readme.txt\n"),
    )
    .await;
    assert_eq!(
        r.json()["Errors"],
        json!([["/demo-container/docs/readme.txt", "403 Forbidden"]])
    );
}

// ---------------------------------------------------------------------------
// Crash safety

/// The files in the objects directory, sorted.
fn data_files(data_dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(data_dir.join("objects"))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[tokio::test]
async fn an_aborted_upload_leaves_nothing() {
    use tokio::io::AsyncWriteExt;

    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = common::start_in(dir.path(), |_| {}).await;
    let (sw, project) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_status(&sw.call("PUT", "/c").await, StatusCode::CREATED);
    let before = data_files(dir.path());

    // Half a body, then the connection drops.
    let mut conn = tokio::net::TcpStream::connect(cloud.addr())
        .await
        .expect("connect");
    let head = format!(
        "PUT /swift/v1/AUTH_{project}/c/partial HTTP/1.1\r\nHost: {}\r\nX-Auth-Token: {}\r\n\
         Content-Length: 1000000\r\n\r\n",
        cloud.addr(),
        sw.token.as_deref().expect("token")
    );
    conn.write_all(head.as_bytes()).await.expect("headers");
    conn.write_all(&[b'x'; 100_000]).await.expect("some body");
    conn.flush().await.expect("flush");
    tokio::time::sleep(Duration::from_millis(300)).await;
    drop(conn);

    let deadline = Instant::now() + Duration::from_secs(10);
    while data_files(dir.path()).iter().any(|f| f.ends_with(".part")) {
        assert!(Instant::now() < deadline, "temporary file left behind");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_status(&sw.call("HEAD", "/c/partial").await, StatusCode::NOT_FOUND);
    assert_eq!(sw.call("GET", "/c").await.status, StatusCode::NO_CONTENT);
    assert_eq!(data_files(dir.path()), before);

    // What a killed process would leave: a partial upload and a file whose
    // row never committed. Both go at the next start.
    assert_status(&sw.put("/c/kept", "kept").await, StatusCode::CREATED);
    let objects = dir.path().join("objects");
    std::fs::write(
        objects.join("0123456789abcdef0123456789abcdef.part"),
        b"partial",
    )
    .expect("part");
    std::fs::write(objects.join("fedcba9876543210fedcba9876543210"), b"orphan").expect("orphan");
    cloud.shutdown().await;
    let cloud = common::start_in(dir.path(), |_| {}).await;
    let files = data_files(dir.path());
    assert!(!files.iter().any(|f| f.ends_with(".part")), "{files:?}");
    assert!(!files.contains(&"fedcba9876543210fedcba9876543210".to_owned()));
    assert_eq!(files.len(), before.len() + 1, "{files:?}");
    let (sw, _) = Swift::login(&cloud, "demo", "alt_demo").await;
    assert_eq!(sw.call("GET", "/c/kept").await.body, b"kept");
    let (demo, _) = Swift::login(&cloud, "demo", "demo").await;
    assert_eq!(
        demo.call("GET", "/demo-container/hello.txt").await.status,
        StatusCode::OK
    );
    cloud.shutdown().await;
}
