//! End-to-end tests of the Glance (image v2) API over real HTTP.

mod common;

use std::path::Path;

use democloud::DemoCloud;
use md5::{Digest, Md5};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

use common::{login, Api, COMPUTE};

// ---------------------------------------------------------------------------
// Helpers

async fn start_in(dir: &Path) -> DemoCloud {
    common::start_in(dir, |_| {}).await
}

async fn start() -> (DemoCloud, tempfile::TempDir) {
    common::start(|_| {}).await
}

/// Glance's images, for the tests.
trait Images {
    async fn patch(&self, path: &str, content_type: &str, body: Value) -> (StatusCode, Value);
    async fn create(&self, body: Value) -> Value;
    /// Image names of a list response.
    async fn names(&self, query: &str) -> Vec<String>;
}

impl Images for Api {
    async fn patch(&self, path: &str, content_type: &str, body: Value) -> (StatusCode, Value) {
        Self::send(
            self.request(Method::PATCH, path)
                .header("content-type", content_type)
                .body(body.to_string()),
        )
        .await
    }

    async fn create(&self, body: Value) -> Value {
        let (status, image) = self.post("/v2/images", body).await;
        assert_eq!(status, StatusCode::CREATED, "{image}");
        image
    }

    async fn names(&self, query: &str) -> Vec<String> {
        let (status, body) = self.get(&format!("/v2/images{query}")).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["images"]
            .as_array()
            .expect("images")
            .iter()
            .map(|i| i["name"].as_str().unwrap_or("").to_owned())
            .collect()
    }
}

async fn api(cloud: &DemoCloud, user: &str, project: &str) -> Api {
    let (token, _) = login(cloud, user, project).await;
    Api::new(cloud, "/image", token)
}

const PATCH: &str = "application/openstack-images-v2.1-json-patch";

// ---------------------------------------------------------------------------
// Tests

#[tokio::test]
async fn version_discovery_and_catalog() {
    let (cloud, _dir) = start().await;
    for (path, want) in [
        ("/image/", StatusCode::MULTIPLE_CHOICES),
        ("/image/versions", StatusCode::OK),
    ] {
        let resp = Client::new()
            .get(format!("http://{}{path}", cloud.addr()))
            .send()
            .await
            .expect("request");
        assert_eq!(resp.status(), want, "{path}");
        let body: Value = resp.json().await.expect("json");
        let versions = body["versions"].as_array().expect("versions");
        assert_eq!(versions[0]["id"], "v2.16");
        assert_eq!(versions[0]["status"], "CURRENT");
        assert!(versions.iter().any(|v| v["id"] == "v2.0"));
        assert_eq!(
            versions[0]["links"][0]["href"],
            format!("http://{}/image/v2/", cloud.addr())
        );
    }
    // The catalog has an unversioned image endpoint.
    let (token, _) = login(&cloud, "demo", "demo").await;
    let catalog: Value = Api::new(&cloud, "/v3", token)
        .request(Method::GET, "/auth/catalog")
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    let image = catalog["catalog"]
        .as_array()
        .expect("catalog")
        .iter()
        .find(|s| s["type"] == "image")
        .expect("image service");
    assert_eq!(image["name"], "glance");
    assert_eq!(
        image["endpoints"][0]["url"],
        format!("http://{}/image", cloud.addr())
    );
}

#[tokio::test]
async fn seeded_images_are_public_and_active() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let (status, body) = demo.get("/v2/images?name=cirros-0.6.2-x86_64-disk").await;
    assert_eq!(status, StatusCode::OK);
    let cirros = &body["images"][0];
    assert_eq!(cirros["status"], "active");
    assert_eq!(cirros["visibility"], "public");
    assert_eq!(cirros["os_distro"], "cirros");
    assert_eq!(cirros["hw_cpu_max_threads"], "2");
    assert_eq!(cirros["min_disk"], 1);
    assert_eq!(cirros["os_hash_algo"], "sha512");
    let id = cirros["id"].as_str().expect("id");
    let resp = demo
        .request(Method::GET, &format!("/v2/images/{id}/file"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::OK);
    let data = resp.bytes().await.expect("bytes");
    assert_eq!(Some(data.len() as u64), cirros["size"].as_u64());
    assert_eq!(
        format!("{:x}", Md5::digest(&data)),
        cirros["checksum"].as_str().expect("checksum")
    );
    // Seeded servers boot from the seeded image.
    let (token, _) = login(&cloud, "demo", "demo").await;
    let servers: Value = Api::new(&cloud, COMPUTE, token)
        .request(Method::GET, "/servers/detail")
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    assert_eq!(servers["servers"][0]["image"]["id"], id);
}

#[tokio::test]
async fn list_pages_with_limit_marker_and_next() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    for i in 0..5 {
        demo.create(json!({"name": format!("page-{i}"), "disk_format": "raw",
                            "container_format": "bare"}))
            .await;
    }
    // 2 seeded + 5 created, 3 at a time, sorted by name.
    let mut seen = Vec::new();
    let mut path = "/v2/images?limit=3&sort=name:asc".to_owned();
    let mut pages = 0;
    loop {
        let (status, body) = demo.get(&path).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["schema"], "/v2/schemas/images");
        assert!(body["first"]
            .as_str()
            .expect("first")
            .starts_with("/v2/images"));
        pages += 1;
        for i in body["images"].as_array().expect("images") {
            seen.push(i["name"].as_str().expect("name").to_owned());
        }
        match body["next"].as_str() {
            Some(next) => {
                assert!(next.starts_with("/v2/images?"), "{next}");
                assert!(next.contains("limit=3"), "{next}");
                assert!(next.contains("marker="), "{next}");
                path = next.to_owned();
            }
            None => break,
        }
        assert!(pages < 10, "paging does not end");
    }
    assert_eq!(
        seen,
        [
            "cirros-0.6.2-x86_64-disk",
            "page-0",
            "page-1",
            "page-2",
            "page-3",
            "page-4",
            "ubuntu-24.04-minimal"
        ]
    );
    assert_eq!(pages, 3);
    // An unknown marker is a 400.
    let (status, _) = demo.get("/v2/images?marker=nope").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Default order is newest first.
    assert_eq!(demo.names("?limit=1").await, ["page-4"]);
}

#[tokio::test]
async fn list_filters_and_sorting() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let mine = demo
        .create(
            json!({"name": "mine", "visibility": "private", "disk_format": "raw",
                        "container_format": "bare", "os_distro": "debian"}),
        )
        .await;
    assert_eq!(
        demo.names("?name=ubuntu-24.04-minimal").await,
        ["ubuntu-24.04-minimal"]
    );
    assert_eq!(demo.names("?status=queued").await, ["mine"]);
    assert_eq!(demo.names("?visibility=private").await, ["mine"]);
    let owner = mine["owner"].as_str().expect("owner");
    assert_eq!(demo.names(&format!("?owner={owner}")).await, ["mine"]);
    assert_eq!(
        demo.names("?os_distro=cirros").await,
        ["cirros-0.6.2-x86_64-disk"]
    );
    assert_eq!(
        demo.names("?sort_key=name&sort_dir=desc").await,
        ["ubuntu-24.04-minimal", "mine", "cirros-0.6.2-x86_64-disk"]
    );
    assert_eq!(
        demo.names("?sort=name:asc").await,
        ["cirros-0.6.2-x86_64-disk", "mine", "ubuntu-24.04-minimal"]
    );
    let ids = format!(
        "?id=in:{},{}",
        mine["id"].as_str().expect("id"),
        "5e1b3b5c-8a6f-4f0e-9c55-2f0d5a2b7c01"
    );
    assert_eq!(
        demo.names(&format!("{ids}&sort=name:asc")).await,
        ["cirros-0.6.2-x86_64-disk", "mine"]
    );
    let (status, body) = demo.get("/v2/images?sort_key=bogus").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn create_is_queued_with_properties() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let resp = demo
        .request(Method::POST, "/v2/images")
        .json(
            &json!({"name": "fresh", "disk_format": "qcow2", "container_format": "bare",
                      "min_disk": 2, "min_ram": 256, "tags": ["a", "b"], "protected": false,
                      "hw_disk_bus": "scsi"}),
        )
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::CREATED);
    assert!(resp.headers().contains_key("location"));
    let image: Value = resp.json().await.expect("json");
    assert_eq!(image["status"], "queued");
    assert_eq!(image["visibility"], "shared");
    assert_eq!(image["min_disk"], 2);
    assert_eq!(image["min_ram"], 256);
    assert_eq!(image["tags"], json!(["a", "b"]));
    assert_eq!(image["hw_disk_bus"], "scsi");
    assert_eq!(image["size"], Value::Null);
    let id = image["id"].as_str().expect("id");
    assert_eq!(image["self"], format!("/v2/images/{id}"));
    let (status, shown) = demo.get(&format!("/v2/images/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["name"], "fresh");
    // Queued images have no data yet.
    let (status, _) = demo.get(&format!("/v2/images/{id}/file")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    // Read-only attributes, bad formats and publicizing are refused.
    let (status, body) = demo
        .post("/v2/images", json!({"name": "x", "status": "active"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["code"], "403 Forbidden");
    assert_eq!(body["title"], "Forbidden");
    let (status, _) = demo
        .post("/v2/images", json!({"name": "x", "disk_format": "floppy"}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = demo
        .post("/v2/images", json!({"name": "x", "visibility": "public"}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = demo
        .post("/v2/images", json!({"id": id, "name": "dup"}))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, body) = demo.get("/v2/images/no-such-image").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "404 Not Found");
    assert_eq!(body["message"], "No image found with ID no-such-image");
}

#[tokio::test]
async fn upload_and_download_stream_the_data() {
    let (cloud, dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let image = demo
        .create(json!({"name": "big", "disk_format": "raw", "container_format": "bare"}))
        .await;
    let id = image["id"].as_str().expect("id").to_owned();
    // 3 MiB (over axum's default body limit) sent as 48 chunks.
    let chunks: Vec<Vec<u8>> = (0..48u32)
        .map(|i| {
            (0..65536u32)
                .map(|j| (j.wrapping_mul(31).wrapping_add(i * 7) % 251) as u8)
                .collect()
        })
        .collect();
    let all: Vec<u8> = chunks.concat();
    let stream = futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
    let (status, body) = Api::send(
        demo.request(Method::PUT, &format!("/v2/images/{id}/file"))
            .header("content-type", "application/octet-stream")
            .body(reqwest::Body::wrap_stream(stream)),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (_, shown) = demo.get(&format!("/v2/images/{id}")).await;
    let md5 = format!("{:x}", Md5::digest(&all));
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["size"], all.len());
    assert_eq!(shown["checksum"], md5);
    assert_eq!(shown["os_hash_algo"], "sha512");
    assert_eq!(shown["os_hash_value"].as_str().map(str::len), Some(128));
    assert!(dir.path().join("images").join(&id).is_file());

    let resp = demo
        .request(Method::GET, &format!("/v2/images/{id}/file"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/octet-stream");
    assert_eq!(resp.headers()["content-md5"], md5.as_str());
    assert_eq!(
        resp.headers()["content-length"],
        all.len().to_string().as_str()
    );
    let data = resp.bytes().await.expect("bytes");
    assert!(data.as_ref() == all.as_slice(), "downloaded bytes differ");

    // A second upload to an active image conflicts.
    let (status, _) = Api::send(
        demo.request(Method::PUT, &format!("/v2/images/{id}/file"))
            .header("content-type", "application/octet-stream")
            .body("again"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Wrong content type.
    let other = demo
        .create(json!({"name": "o", "disk_format": "raw", "container_format": "bare"}))
        .await;
    let (status, _) = Api::send(
        demo.request(
            Method::PUT,
            &format!("/v2/images/{}/file", other["id"].as_str().expect("id")),
        )
        .header("content-type", "text/plain")
        .body("x"),
    )
    .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Deleting removes the data file.
    let (status, _) = demo.delete(&format!("/v2/images/{id}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert!(!dir.path().join("images").join(&id).exists());
}

#[tokio::test]
async fn patch_adds_replaces_and_removes() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let image = demo
        .create(json!({"name": "p", "disk_format": "raw", "container_format": "bare"}))
        .await;
    let path = format!("/v2/images/{}", image["id"].as_str().expect("id"));
    let (status, body) = demo
        .patch(
            &path,
            PATCH,
            json!([
                {"op": "add", "path": "/os_distro", "value": "fedora"},
                {"op": "replace", "path": "/name", "value": "renamed"},
                {"op": "replace", "path": "/min_ram", "value": 1024},
                {"op": "replace", "path": "/visibility", "value": "private"},
            ]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["os_distro"], "fedora");
    assert_eq!(body["name"], "renamed");
    assert_eq!(body["min_ram"], 1024);
    assert_eq!(body["visibility"], "private");
    let (status, body) = demo
        .patch(
            &path,
            PATCH,
            json!([{"op": "replace", "path": "/os_distro", "value": "centos"}]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["os_distro"], "centos");
    let (status, body) = demo
        .patch(
            &path,
            PATCH,
            json!([{"op": "remove", "path": "/os_distro"}]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.get("os_distro").is_none(), "{body}");
    let (_, shown) = demo.get(&path).await;
    assert!(shown.get("os_distro").is_none());
    assert_eq!(shown["name"], "renamed");

    // Removing or replacing a missing property conflicts.
    let (status, _) = demo
        .patch(
            &path,
            PATCH,
            json!([{"op": "remove", "path": "/os_distro"}]),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Read-only attributes.
    let (status, body) = demo
        .patch(
            &path,
            PATCH,
            json!([{"op": "replace", "path": "/status", "value": "active"}]),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // Only the JSON-patch media types are accepted.
    let (status, body) = demo
        .patch(
            &path,
            "application/json",
            json!([{"op": "replace", "path": "/name", "value": "x"}]),
        )
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
    let (_, shown) = demo.get(&path).await;
    assert_eq!(shown["name"], "renamed");
    // Tags have their own sub-resource.
    let (status, _) = Api::send(demo.request(Method::PUT, &format!("{path}/tags/blue"))).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, shown) = demo.get(&path).await;
    assert_eq!(shown["tags"], json!(["blue"]));
    assert_eq!(demo.names("?tag=blue").await, ["renamed"]);
    let (status, _) = demo.delete(&format!("{path}/tags/blue")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = demo.delete(&format!("{path}/tags/blue")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn protected_images_cannot_be_deleted() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let image = demo
        .create(json!({"name": "keep", "protected": true}))
        .await;
    let path = format!("/v2/images/{}", image["id"].as_str().expect("id"));
    let (status, body) = demo.delete(&path).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["title"], "Forbidden");
    let (status, _) = demo
        .patch(
            &path,
            PATCH,
            json!([{"op": "replace", "path": "/protected", "value": false}]),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = demo.delete(&path).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = demo.get(&path).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Demo cannot delete the admin's public image.
    let (_, body) = demo.get("/v2/images?name=cirros-0.6.2-x86_64-disk").await;
    let cirros = body["images"][0]["id"].as_str().expect("id").to_owned();
    let (status, _) = demo.delete(&format!("/v2/images/{cirros}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn private_images_stay_in_their_project() {
    let (cloud, _dir) = start().await;
    let admin = api(&cloud, "admin", "admin").await;
    let secret = admin
        .create(json!({"name": "admin-secret", "visibility": "private"}))
        .await;
    let id = secret["id"].as_str().expect("id");
    let demo = api(&cloud, "demo", "demo").await;
    let (status, _) = demo.get(&format!("/v2/images/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!demo.names("").await.contains(&"admin-secret".to_owned()));
    assert!(!demo
        .names("?visibility=all")
        .await
        .contains(&"admin-secret".to_owned()));
    let (status, _) = demo.delete(&format!("/v2/images/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Another project of the same user does not see demo's images either.
    let mine = demo.create(json!({"name": "demo-only"})).await;
    let alt = api(&cloud, "demo", "alt_demo").await;
    let (status, _) = alt
        .get(&format!("/v2/images/{}", mine["id"].as_str().expect("id")))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The admin sees everything with visibility=all.
    let admin_all = admin.names("?visibility=all").await;
    assert!(admin_all.contains(&"demo-only".to_owned()));
    // Without a token: 401.
    let resp = Client::new()
        .get(demo.url("/v2/images"))
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn state_survives_restart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path()).await;
    let demo = api(&cloud, "demo", "demo").await;
    let image = demo
        .create(
            json!({"name": "kept", "disk_format": "raw", "container_format": "bare",
                        "os_distro": "arch"}),
        )
        .await;
    let id = image["id"].as_str().expect("id").to_owned();
    let (status, _) = Api::send(
        demo.request(Method::PUT, &format!("/v2/images/{id}/file"))
            .header("content-type", "application/octet-stream")
            .body("persistent bytes"),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    cloud.shutdown().await;

    let cloud = start_in(dir.path()).await;
    let demo = api(&cloud, "demo", "demo").await;
    let (status, shown) = demo.get(&format!("/v2/images/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["os_distro"], "arch");
    let data = demo
        .request(Method::GET, &format!("/v2/images/{id}/file"))
        .send()
        .await
        .expect("request")
        .bytes()
        .await
        .expect("bytes");
    assert_eq!(data.as_ref(), b"persistent bytes");
    // Seeding did not run twice.
    let mut names = demo.names("?sort=name:asc").await;
    names.sort();
    assert_eq!(
        names,
        ["cirros-0.6.2-x86_64-disk", "kept", "ubuntu-24.04-minimal"]
    );
    cloud.shutdown().await;
}

#[tokio::test]
async fn visibility_filters_and_hidden_images() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    for (name, visibility) in [
        ("priv", "private"),
        ("shared1", "shared"),
        ("comm", "community"),
    ] {
        demo.create(json!({"name": name, "visibility": visibility}))
            .await;
    }
    demo.create(json!({"name": "hidden", "os_hidden": true}))
        .await;
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    // The owner sees all of its own by default, but not hidden ones.
    assert_eq!(
        sorted(demo.names("").await),
        [
            "cirros-0.6.2-x86_64-disk",
            "comm",
            "priv",
            "shared1",
            "ubuntu-24.04-minimal"
        ]
    );
    assert_eq!(demo.names("?visibility=private").await, ["priv"]);
    assert_eq!(demo.names("?visibility=shared").await, ["shared1"]);
    assert_eq!(demo.names("?visibility=community").await, ["comm"]);
    assert_eq!(demo.names("?visibility=public").await.len(), 2);
    assert_eq!(demo.names("?os_hidden=true").await, ["hidden"]);
    let (status, _) = demo.get("/v2/images?visibility=everyone").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // Another project: community images only when asked for (or `all`).
    let alt = api(&cloud, "demo", "alt_demo").await;
    assert_eq!(alt.names("").await.len(), 2, "only the public images");
    assert_eq!(alt.names("?visibility=community").await, ["comm"]);
    assert_eq!(
        sorted(alt.names("?visibility=all").await),
        ["cirros-0.6.2-x86_64-disk", "comm", "ubuntu-24.04-minimal"]
    );
    assert!(alt.names("?visibility=private").await.is_empty());

    // Time filters with Glance's operators.
    assert_eq!(
        demo.names("?created_at=gte:2999-01-01T00:00:00Z")
            .await
            .len(),
        0
    );
    assert_eq!(
        demo.names("?created_at=lt:2999-01-01T00:00:00Z")
            .await
            .len(),
        5
    );
    assert_eq!(
        demo.names("?updated_at=gt:2000-01-01T00:00:00&visibility=private")
            .await,
        ["priv"]
    );
    let (status, _) = demo.get("/v2/images?created_at=gte:yesterday").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn both_patch_media_types_and_no_other() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let image = demo.create(json!({"name": "p"})).await;
    let path = format!("/v2/images/{}", image["id"].as_str().expect("id"));
    let (status, body) = demo
        .patch(
            &path,
            "application/openstack-images-v2.0-json-patch",
            json!([{"op": "add", "path": "/os_distro", "value": "arch"}]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["os_distro"], "arch");
    let (status, body) = demo
        .patch(
            &path,
            PATCH,
            json!([{"op": "replace", "path": "/os_hidden", "value": true}]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["os_hidden"], true);
    let (status, _) = demo
        .patch(
            &path,
            "application/json",
            json!([{"op": "replace", "path": "/name", "value": "x"}]),
        )
        .await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn deactivated_images_refuse_downloads() {
    let (cloud, _dir) = start().await;
    let demo = api(&cloud, "demo", "demo").await;
    let image = demo
        .create(
            json!({"name": "d", "disk_format": "raw", "container_format": "bare",
                       "visibility": "community"}),
        )
        .await;
    let id = image["id"].as_str().expect("id").to_owned();
    // Only an active image can be deactivated.
    let (status, body) = demo
        .post(&format!("/v2/images/{id}/actions/deactivate"), json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = Api::send(
        demo.request(Method::PUT, &format!("/v2/images/{id}/file"))
            .header("content-type", "application/octet-stream")
            .body("data"),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Another project may not deactivate it.
    let alt = api(&cloud, "demo", "alt_demo").await;
    let (status, _) = alt
        .post(&format!("/v2/images/{id}/actions/deactivate"), json!({}))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    for _ in 0..2 {
        let (status, body) = demo
            .post(&format!("/v2/images/{id}/actions/deactivate"), json!({}))
            .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    }
    let (_, shown) = demo.get(&format!("/v2/images/{id}")).await;
    assert_eq!(shown["status"], "deactivated");
    let (status, _) = demo.get(&format!("/v2/images/{id}/file")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = api(&cloud, "admin", "admin").await;
    let (status, body) = admin.get(&format!("/v2/images/{id}/file")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "data");

    let (status, _) = demo
        .post(&format!("/v2/images/{id}/actions/reactivate"), json!({}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = demo.get(&format!("/v2/images/{id}/file")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "data");
}
