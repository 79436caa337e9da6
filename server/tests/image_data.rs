//! Image data streamed through Zenith (`/data/images/{id}`) to and from the
//! demo cloud's Glance, both in this process on random ports.

mod common;

use common::{client, cloud_session, error_key, generated_body, login, start, Pattern};
use openstack::image::{self, ImageCreate};
use reqwest::header::{
    ACCEPT_ENCODING, CONTENT_DISPOSITION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS,
};
use reqwest::StatusCode;
use serde_json::Value;

async fn queued_image(api: &openstack::Session, name: &str, disk_format: &str) -> String {
    image::create_image(
        api,
        &ImageCreate {
            name: name.into(),
            disk_format: Some(disk_format.into()),
            container_format: Some("bare".into()),
            ..Default::default()
        },
    )
    .await
    .expect("image created")
    .id
}

async fn put(
    base: &str,
    id: &str,
    cookie: &str,
    body: reqwest::Body,
    len: usize,
) -> reqwest::Response {
    client()
        .put(format!("{base}/data/images/{id}"))
        .header("Origin", base)
        .header("Cookie", cookie)
        .header(CONTENT_TYPE, "application/octet-stream")
        .header(CONTENT_LENGTH, len)
        .body(body)
        .send()
        .await
        .expect("upload request")
}

#[tokio::test]
async fn upload_and_download_stream_through_zenith() {
    let r = start().await;
    let cookie = login(&r.base).await;
    let api = cloud_session(&r.demo).await;
    let id = queued_image(&api, "upload-test", "qcow2").await;

    // 20 MiB and a bit, with its Content-Length passed on to Glance.
    let len = 20 * 1024 * 1024 + 77;
    let res = put(&r.base, &id, &cookie, generated_body(len, 3), len).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let img = image::get_image(&api, &id).await.expect("image");
    assert_eq!(img.status, "active");
    assert_eq!(img.size, Some(len as u64));

    let mut res = client()
        .get(format!("{}/data/images/{id}", r.base))
        .header("Cookie", &cookie)
        // A browser asks for compression; binary data must not get it.
        .header(ACCEPT_ENCODING, "gzip, br")
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers();
    assert_eq!(h[CONTENT_TYPE], "application/octet-stream");
    assert_eq!(
        h[CONTENT_DISPOSITION],
        "attachment; filename=\"upload-test.qcow2\""
    );
    assert_eq!(h[X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(h.get(CONTENT_ENCODING).is_none());
    assert_eq!(res.content_length(), Some(len as u64));
    let mut pattern = Pattern::new(3);
    let mut want = Vec::new();
    let mut seen = 0usize;
    while let Some(chunk) = res.chunk().await.expect("chunk") {
        want.resize(chunk.len(), 0);
        pattern.fill(&mut want);
        assert!(chunk[..] == want[..], "data differs near byte {seen}");
        seen += chunk.len();
    }
    assert_eq!(seen, len, "every byte came back");

    // Uploading to an active image is refused before any data is sent.
    let res = put(&r.base, &id, &cookie, reqwest::Body::from("x"), 1).await;
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(error_key(res).await, "error-cloud");

    // Names beyond ASCII keep their exact form in filename*.
    let id = queued_image(&api, "Bild/ü", "raw").await;
    let res = put(&r.base, &id, &cookie, reqwest::Body::from("hello"), 5).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = client()
        .get(format!("{}/data/images/{id}", r.base))
        .header("Cookie", &cookie)
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()[CONTENT_DISPOSITION],
        "attachment; filename=\"Bild__.raw\"; filename*=UTF-8''Bild_%C3%BC.raw"
    );
    assert_eq!(res.text().await.expect("body"), "hello");

    // An image without data answers like Glance: 204.
    let empty = queued_image(&api, "empty", "raw").await;
    let res = client()
        .get(format!("{}/data/images/{empty}", r.base))
        .header("Cookie", &cookie)
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // Glance's 404 comes through as a translatable error.
    let res = client()
        .get(format!("{}/data/images/no-such-image", r.base))
        .header("Cookie", &cookie)
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_key(res).await, "error-not-found");
}

#[tokio::test]
async fn data_routes_need_a_login_and_a_same_site_upload() {
    let r = start().await;
    let api = cloud_session(&r.demo).await;
    let id = queued_image(&api, "guarded", "raw").await;

    // No session: a 401 with a JSON error, not a redirect to the login page.
    let res = client()
        .get(format!("{}/data/images/{id}", r.base))
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: Value = res.json().await.expect("JSON");
    assert_eq!(body["error"]["key"], "error-not-logged-in");
    assert_eq!(body["error"]["app_error"], "NotLoggedIn");
    assert!(body["error"]["message"].is_string());
    let res = put(&r.base, &id, "", reqwest::Body::from("data"), 4).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_key(res).await, "error-not-logged-in");

    // Logged in, but the upload comes from another site: refused.
    let cookie = login(&r.base).await;
    let res = client()
        .put(format!("{}/data/images/{id}", r.base))
        .header("Origin", "http://evil.example")
        .header("Cookie", &cookie)
        .body("data")
        .send()
        .await
        .expect("upload");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let img = image::get_image(&api, &id).await.expect("image");
    assert_eq!(img.status, "queued", "nothing reached Glance");
}
