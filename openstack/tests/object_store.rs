//! Integration tests of the object store (Swift v1) client against a real
//! Swift: run only when `REFCLOUD` is set, against the refcloud that
//! `../shared/refcloud/start` runs (Keystone at `REFCLOUD_AUTH_URL`,
//! default http://127.0.0.1:5000/v3, user demo/demo in project demo).
//! Without it each test returns at once.
//!
//! Each check takes only a [`Session`], so the same checks can run against
//! any cloud with Swift (e.g. the demo cloud) by logging in with [`login`].

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use futures_util::stream;
use md5::{Digest, Md5};
use openstack::identity::{DomainRef, PasswordCredentials, Scope};
use openstack::object_store::{
    self as swift, Body, ContainerCreate, ContainerUpdate, ListOptions, ObjectEntry, Upload,
};
use openstack::{Client, ClientOptions, Error, Method, Session};

/// A session of `user` in `project` (both in domain Default) on the cloud
/// whose Keystone is at `auth_url`.
pub async fn login(auth_url: &str, user: &str, password: &str, project: &str) -> Session {
    let client = Client::new(&ClientOptions::default()).expect("client");
    let creds = PasswordCredentials::new(user, "Default", password);
    let scope = Scope::ProjectName {
        name: project.into(),
        domain: DomainRef::Name("Default".into()),
    };
    Session::login(client, auth_url, &creds, scope)
        .await
        .expect("logs in")
}

/// demo/demo on the refcloud, or `None` (and a note) when `REFCLOUD` is
/// not set.
async fn refcloud() -> Option<Session> {
    if std::env::var_os("REFCLOUD").is_none() {
        eprintln!("SKIPPED: set REFCLOUD=1 to run against the refcloud's Swift");
        return None;
    }
    let auth_url = std::env::var("REFCLOUD_AUTH_URL")
        .unwrap_or_else(|_| "http://127.0.0.1:5000/v3".to_owned());
    Some(login(&auth_url, "demo", "demo", "demo").await)
}

/// A name no other test run uses.
fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{prefix}-{}{:06}-{}",
        now.as_secs(),
        now.subsec_micros(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// Deletes everything in a container, then the container (and its
/// `_segments` companion), ignoring what is already gone.
async fn remove_container(s: &Session, container: &str) {
    for c in [format!("{container}_segments"), container.to_owned()] {
        if let Ok(objects) = swift::list_all_objects(s, &c, None).await {
            let names: Vec<String> = objects.into_iter().map(|o| o.name).collect();
            let _ = swift::delete_objects(s, &c, &names).await;
        }
        let _ = swift::delete_container(s, &c).await;
    }
}

async fn new_container(s: &Session, prefix: &str) -> String {
    let name = unique(prefix);
    assert!(
        swift::create_container(s, &name, &ContainerCreate::default())
            .await
            .expect("create container")
    );
    name
}

async fn put(s: &Session, container: &str, object: &str, data: &[u8]) -> String {
    let upload = Upload {
        size: Some(data.len() as u64),
        ..Default::default()
    };
    swift::upload_object(s, container, object, Body::from(data.to_vec()), &upload)
        .await
        .unwrap_or_else(|e| panic!("upload {object:?}: {e}"))
}

async fn get(s: &Session, container: &str, object: &str) -> Vec<u8> {
    let response = swift::download_object(s, container, object, None)
        .await
        .unwrap_or_else(|e| panic!("download {object:?}: {e}"));
    response.bytes().await.expect("body").to_vec()
}

fn md5_hex(data: &[u8]) -> String {
    Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Deterministic pseudo-random bytes (xorshift).
fn pattern(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

/// `data` as a stream of odd-sized chunks (so segment boundaries fall
/// inside chunks).
fn chunked(
    data: &[u8],
    chunk: usize,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + Unpin + 'static {
    let chunks: Vec<Result<Bytes, std::io::Error>> = data
        .chunks(chunk)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    stream::iter(chunks)
}

async fn segment_names(s: &Session, container: &str) -> Vec<String> {
    match swift::list_all_objects(s, &format!("{container}_segments"), None).await {
        Ok(objects) => objects.into_iter().map(|o| o.name).collect(),
        Err(Error::NotFound { .. }) => Vec::new(),
        Err(e) => panic!("list segments: {e}"),
    }
}

pub async fn check_info_and_account(s: &Session) {
    let info = swift::get_info(s).await.expect("info");
    assert!(!info.policies.is_empty(), "{info:?}");
    assert!(info.policies.iter().any(|p| p.default), "{info:?}");
    assert!(info.max_file_size.is_some(), "{info:?}");
    assert!(info.slo.is_some(), "{info:?}");
    assert!(info.bulk_delete.is_some(), "{info:?}");

    let c = new_container(s, "zz-acct").await;
    let account = swift::get_account(s).await.expect("account");
    assert!(account.container_count >= 1, "{account:?}");
    remove_container(s, &c).await;
}

pub async fn check_container_lifecycle(s: &Session) {
    let name = unique("zz-cont ü");
    let mut meta = BTreeMap::new();
    meta.insert("Owner".to_owned(), "Ann".to_owned());
    meta.insert("color".to_owned(), "blåbær".to_owned());
    let create = ContainerCreate {
        meta: meta.clone(),
        ..Default::default()
    };
    assert!(swift::create_container(s, &name, &create).await.unwrap());
    assert!(!swift::create_container(s, &name, &create).await.unwrap());

    let info = swift::get_container(s, &name).await.expect("head");
    assert_eq!(info.name, name);
    assert_eq!(info.object_count, 0);
    assert!(info.storage_policy.is_some(), "{info:?}");
    assert!(!info.is_public());
    assert_eq!(info.meta.get("owner").map(String::as_str), Some("Ann"));
    assert_eq!(info.meta.get("color").map(String::as_str), Some("blåbær"));
    assert!(info.last_modified.is_some(), "{info:?}");

    // Listed, and found with a prefix.
    let page = swift::list_containers(
        s,
        &ListOptions {
            prefix: Some(name.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("list containers");
    assert_eq!(page.containers.len(), 1, "{page:?}");
    assert_eq!(page.containers[0].name, name);
    assert_eq!(page.next_marker, None);

    // Public, with a link that works without a token.
    put(s, &name, "hello world.txt", b"hello").await;
    let mut set_meta = BTreeMap::new();
    set_meta.insert("color".to_owned(), "red".to_owned());
    let update = ContainerUpdate {
        read_acl: Some(Some(swift::PUBLIC_READ_ACL.to_owned())),
        write_acl: Some(Some("demo:demo".to_owned())),
        set_meta,
        remove_meta: vec!["owner".to_owned()],
    };
    swift::update_container(s, &name, &update)
        .await
        .expect("update");
    let info = swift::get_container(s, &name).await.unwrap();
    assert!(info.is_public(), "{info:?}");
    assert_eq!(info.write_acl.as_deref(), Some("demo:demo"));
    assert_eq!(info.object_count, 1);
    assert_eq!(
        info.meta,
        [("color".to_owned(), "red".to_owned())].into(),
        "{info:?}"
    );
    let link = swift::object_url(s, &name, "hello world.txt").unwrap();
    let anonymous = reqwest::get(link.clone()).await.expect("anonymous get");
    assert_eq!(anonymous.status(), 200, "{link}");
    assert_eq!(&anonymous.bytes().await.unwrap()[..], b"hello");

    // Private again.
    let update = ContainerUpdate {
        read_acl: Some(None),
        write_acl: Some(None),
        ..Default::default()
    };
    swift::update_container(s, &name, &update).await.unwrap();
    let info = swift::get_container(s, &name).await.unwrap();
    assert_eq!(info.read_acl, None, "{info:?}");
    assert_eq!(info.write_acl, None, "{info:?}");
    let anonymous = reqwest::get(link).await.expect("anonymous get");
    assert!(
        anonymous.status() == 401 || anonymous.status() == 403,
        "{}",
        anonymous.status()
    );

    // Not empty: refused; empty: gone.
    let e = swift::delete_container(s, &name).await.unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e:?}");
    assert!(e.to_string().contains("not empty"), "{e}");
    swift::delete_object(s, &name, "hello world.txt")
        .await
        .unwrap();
    swift::delete_container(s, &name).await.expect("delete");
    let e = swift::get_container(s, &name).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = swift::list_objects(s, &name, &ListOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}

const WEIRD_NAMES: [&str; 12] = [
    "plain.txt",
    "with space.txt",
    "ünïcødé/日本語.txt",
    "100%.txt",
    "what?.txt",
    "hash#tag.txt",
    "<img src=x onerror=alert(1)>.html",
    "a//b",
    "folder/",
    "/leading",
    "a/../b",
    "plus+and&amp=.txt",
];

pub async fn check_weird_names(s: &Session) {
    let c = new_container(s, "zz-names").await;
    for (i, name) in WEIRD_NAMES.iter().enumerate() {
        let data = format!("data of {name} #{i}").into_bytes();
        let etag = put(s, &c, name, &data).await;
        assert_eq!(etag, md5_hex(&data), "{name}");
    }
    let listed: Vec<String> = swift::list_all_objects(s, &c, None)
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.name)
        .collect();
    let mut want: Vec<String> = WEIRD_NAMES.iter().map(|n| n.to_string()).collect();
    want.sort();
    assert_eq!(listed, want);
    for (i, name) in WEIRD_NAMES.iter().enumerate() {
        let data = format!("data of {name} #{i}").into_bytes();
        assert_eq!(get(s, &c, name).await, data, "{name}");
        let info = swift::get_object_info(s, &c, name).await.unwrap();
        assert_eq!(info.name, *name);
        assert_eq!(info.content_length, data.len() as u64, "{name}");
        assert_eq!(info.etag, md5_hex(&data), "{name}");
        assert!(!info.static_large_object);
    }
    // Swift guessed the content type from the extension.
    let info = swift::get_object_info(s, &c, WEIRD_NAMES[6]).await.unwrap();
    assert_eq!(info.content_type, "text/html");
    for name in WEIRD_NAMES {
        swift::delete_object(s, &c, name)
            .await
            .unwrap_or_else(|e| panic!("delete {name:?}: {e}"));
    }
    let e = swift::delete_object(s, &c, "plain.txt").await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = swift::get_object_info(s, &c, "plain.txt")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    swift::delete_container(s, &c).await.expect("empty again");
}

pub async fn check_listing_and_paging(s: &Session) {
    let c = new_container(s, "zz-list").await;
    let names = [
        "a.txt",
        "docs/1.txt",
        "docs/2.txt",
        "docs/sub/3.txt",
        "empty/",
        "images/x.png",
        "z.txt",
    ];
    for name in names {
        put(s, &c, name, name.as_bytes()).await;
    }

    // Pages of 2 with a delimiter, following next_marker.
    let mut options = ListOptions {
        limit: Some(2),
        delimiter: Some("/".into()),
        ..Default::default()
    };
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = swift::list_objects(s, &c, &options).await.unwrap();
        pages += 1;
        seen.extend(page.entries.iter().map(|e| e.name().to_owned()));
        match page.next_marker {
            Some(marker) => options.marker = Some(marker),
            None => break,
        }
        assert!(pages < 10, "{seen:?}");
    }
    assert_eq!(seen, ["a.txt", "docs/", "empty/", "images/", "z.txt"]);
    assert_eq!(pages, 3);

    // A pseudo-folder's contents.
    let page = swift::list_objects(
        s,
        &c,
        &ListOptions {
            prefix: Some("docs/".into()),
            delimiter: Some("/".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let entries: Vec<(&str, bool)> = page
        .entries
        .iter()
        .map(|e| (e.name(), matches!(e, ObjectEntry::Subdir(_))))
        .collect();
    assert_eq!(
        entries,
        [
            ("docs/1.txt", false),
            ("docs/2.txt", false),
            ("docs/sub/", true)
        ]
    );
    let ObjectEntry::Object(o) = &page.entries[0] else {
        panic!("object")
    };
    assert_eq!(o.bytes, 10);
    assert_eq!(o.hash, md5_hex(b"docs/1.txt"));
    assert!(o.last_modified.is_some());
    assert!(!o.is_large());

    // Reverse, end_marker, and everything under a prefix.
    let page = swift::list_objects(
        s,
        &c,
        &ListOptions {
            reverse: true,
            end_marker: Some("e".into()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let names_rev: Vec<&str> = page.entries.iter().map(ObjectEntry::name).collect();
    assert_eq!(names_rev, ["z.txt", "images/x.png", "empty/"]);
    let all = swift::list_all_objects(s, &c, Some("docs/")).await.unwrap();
    assert_eq!(all.len(), 3);

    // A container page too.
    let page = swift::list_containers(
        s,
        &ListOptions {
            limit: Some(1),
            prefix: Some(c.clone()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(page.next_marker.as_deref(), Some(c.as_str()));
    // The account listing's counts lag (Swift updates them every few
    // seconds), so only the name is certain.
    assert_eq!(page.containers[0].name, c);
    remove_container(s, &c).await;
}

pub async fn check_copy_metadata_and_ranges(s: &Session) {
    let c = new_container(s, "zz-copy").await;
    let other = new_container(s, "zz-copy-to").await;
    let mut meta = BTreeMap::new();
    meta.insert("Author".to_owned(), "Ann Ö".to_owned());
    meta.insert("percent".to_owned(), "100%25 a%20b".to_owned());
    let data = b"0123456789abcdef".to_vec();
    let upload = Upload {
        content_type: Some("text/plain; charset=utf-8"),
        size: Some(data.len() as u64),
        etag: Some(&md5_hex(&data)),
        meta: &meta,
        if_none_match: true,
    };
    swift::upload_object(s, &c, "src file.txt", Body::from(data.clone()), &upload)
        .await
        .expect("upload");
    // If-None-Match: the second time it exists.
    let e = swift::upload_object(s, &c, "src file.txt", Body::from(data.clone()), &upload)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(412), "{e:?}");
    // A wrong ETag is refused.
    let wrong = Upload {
        etag: Some("00000000000000000000000000000000"),
        if_none_match: false,
        ..upload
    };
    let e = swift::upload_object(s, &c, "bad etag", Body::from(data.clone()), &wrong)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(422), "{e:?}");

    let info = swift::get_object_info(s, &c, "src file.txt").await.unwrap();
    assert_eq!(info.content_type, "text/plain; charset=utf-8");
    assert_eq!(info.meta.get("author").map(String::as_str), Some("Ann Ö"));
    assert_eq!(
        info.meta.get("percent").map(String::as_str),
        Some("100%25 a%20b")
    );

    // Ranges.
    let response = swift::download_object(s, &c, "src file.txt", Some("bytes=2-5"))
        .await
        .unwrap();
    assert_eq!(response.status(), 206);
    assert_eq!(&response.bytes().await.unwrap()[..], b"2345");
    let e = swift::download_object(s, &c, "src file.txt", Some("bytes=100-200"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(416), "{e:?}");
    let e = swift::download_object(s, &c, "missing", None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    // Copy to another container and a weird name: data and metadata come.
    let target = "copies/<b>ü %2F?.txt";
    swift::copy_object(s, &c, "src file.txt", &other, target)
        .await
        .expect("copy");
    assert_eq!(get(s, &other, target).await, data);
    let copy = swift::get_object_info(s, &other, target).await.unwrap();
    assert_eq!(copy.meta, info.meta);
    assert_eq!(copy.etag, info.etag);
    let e = swift::copy_object(s, &c, "missing", &other, "x")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    // Metadata update replaces the metadata but keeps the expiry and
    // disposition that a bare POST would drop.
    let delete_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
        + 3600;
    let path = format!(
        "/{}/kept.txt",
        openstack::encode_segment(&c) // container names are one segment
    );
    let builder = s
        .request(Method::PUT, swift::SERVICE_TYPE, &path)
        .unwrap()
        .header("X-Delete-At", delete_at.to_string())
        .header("Content-Disposition", "attachment")
        .header("X-Object-Meta-Old", "1")
        .body("kept");
    s.send(builder).await.expect("raw put");
    let mut new_meta = BTreeMap::new();
    new_meta.insert("new".to_owned(), "2 ✓".to_owned());
    swift::update_object(s, &c, "kept.txt", &new_meta, Some("text/x-kept"))
        .await
        .expect("post");
    let kept = swift::get_object_info(s, &c, "kept.txt").await.unwrap();
    assert_eq!(kept.meta, new_meta);
    assert_eq!(kept.content_type, "text/x-kept");
    assert_eq!(kept.delete_at, Some(delete_at as i64));
    assert_eq!(kept.content_disposition.as_deref(), Some("attachment"));

    // Bad metadata is refused before sending.
    let mut bad = BTreeMap::new();
    bad.insert("bad key".to_owned(), "v".to_owned());
    let e = swift::update_object(s, &c, "kept.txt", &bad, None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");
    let mut bad = BTreeMap::new();
    bad.insert("k".to_owned(), "a\r\nb".to_owned());
    let e = swift::update_object(s, &c, "kept.txt", &bad, None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");

    remove_container(s, &c).await;
    remove_container(s, &other).await;
}

pub async fn check_large_objects(s: &Session) {
    const MIB: usize = 1024 * 1024;
    let c = new_container(s, "zz-large").await;
    let data = pattern(3 * MIB + MIB / 2, 7);
    let mut meta = BTreeMap::new();
    meta.insert("kind".to_owned(), "big".to_owned());

    // Unknown size: chunked segments.
    let upload = Upload {
        content_type: Some("application/x-test"),
        meta: &meta,
        ..Default::default()
    };
    let etag = swift::upload_large_object(
        s,
        &c,
        "big/one.bin",
        chunked(&data, 100_003),
        &upload,
        MIB as u64,
    )
    .await
    .expect("large upload");
    assert!(!etag.is_empty());
    let info = swift::get_object_info(s, &c, "big/one.bin").await.unwrap();
    assert!(info.static_large_object, "{info:?}");
    assert_eq!(info.content_length, data.len() as u64);
    assert_eq!(info.etag, etag);
    assert_eq!(info.content_type, "application/x-test");
    assert_eq!(info.meta, meta);
    assert_eq!(get(s, &c, "big/one.bin").await, data);
    let segments = segment_names(s, &c).await;
    assert_eq!(segments.len(), 4, "{segments:?}");
    assert!(
        segments[0].starts_with("big/one.bin/slo/") && segments[0].ends_with("/0/1048576/00000000"),
        "{segments:?}"
    );
    let listed = swift::list_all_objects(s, &c, Some("big/")).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].is_large(), "{listed:?}");
    assert_eq!(listed[0].bytes, data.len() as u64);
    assert_eq!(listed[0].slo_etag.as_deref(), Some(etag.as_str()));

    // Known size (Content-Length on each segment) and an ETag to check.
    let upload = Upload {
        size: Some(data.len() as u64),
        etag: Some(&md5_hex(&data)),
        ..Default::default()
    };
    swift::upload_large_object(
        s,
        &c,
        "big/two.bin",
        chunked(&data, 65_536),
        &upload,
        MIB as u64,
    )
    .await
    .expect("large upload with size");
    assert_eq!(get(s, &c, "big/two.bin").await, data);
    let segments = segment_names(s, &c).await;
    assert_eq!(segments.len(), 8, "{segments:?}");
    assert!(
        segments
            .iter()
            .any(|n| n.starts_with("big/two.bin/slo/") && n.contains("/3670016/1048576/00000003")),
        "{segments:?}"
    );

    // Copying a manifest copies the manifest.
    swift::copy_object(s, &c, "big/two.bin", &c, "big/two copy.bin")
        .await
        .expect("copy large");
    let copy = swift::get_object_info(s, &c, "big/two copy.bin")
        .await
        .unwrap();
    assert!(copy.static_large_object, "{copy:?}");
    assert_eq!(get(s, &c, "big/two copy.bin").await, data);
    // Deleting the copy's manifest alone keeps the shared segments.
    swift::delete_object(s, &c, "big/two copy.bin")
        .await
        .unwrap();
    assert_eq!(segment_names(s, &c).await.len(), 8);

    // delete_large_object takes the segments along.
    swift::delete_large_object(s, &c, "big/one.bin")
        .await
        .expect("delete large");
    let e = swift::get_object_info(s, &c, "big/one.bin")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let left = segment_names(s, &c).await;
    assert_eq!(left.len(), 4, "{left:?}");
    assert!(
        left.iter().all(|n| n.starts_with("big/two.bin/")),
        "{left:?}"
    );
    swift::delete_large_object(s, &c, "big/two.bin")
        .await
        .expect("delete large");
    assert!(segment_names(s, &c).await.is_empty());
    let e = swift::delete_large_object(s, &c, "big/two.bin")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    // A failing stream: error, and no segment left behind.
    let mut items: Vec<Result<Bytes, std::io::Error>> = data[..2 * MIB + 10]
        .chunks(MIB / 4)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    items.push(Err(std::io::Error::other("disk on fire")));
    let e = swift::upload_large_object(
        s,
        &c,
        "broken.bin",
        stream::iter(items),
        &Upload::default(),
        MIB as u64,
    )
    .await
    .unwrap_err();
    assert!(e.to_string().contains("disk on fire"), "{e}");
    assert!(segment_names(s, &c).await.is_empty());
    let e = swift::get_object_info(s, &c, "broken.bin")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    // Shorter than announced: refused, cleaned up.
    let upload = Upload {
        size: Some(data.len() as u64 + 1),
        ..Default::default()
    };
    let e = swift::upload_large_object(
        s,
        &c,
        "short.bin",
        chunked(&data, 65_536),
        &upload,
        MIB as u64,
    )
    .await
    .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");
    assert!(segment_names(s, &c).await.is_empty());
    // A wrong ETag: refused before the manifest, cleaned up.
    let upload = Upload {
        etag: Some("00000000000000000000000000000000"),
        ..Default::default()
    };
    let e = swift::upload_large_object(
        s,
        &c,
        "wrong.bin",
        chunked(&data, 65_536),
        &upload,
        MIB as u64,
    )
    .await
    .unwrap_err();
    assert_eq!(e.status(), Some(422), "{e:?}");
    assert!(segment_names(s, &c).await.is_empty());

    // Empty: a plain zero-byte object. Small with a size: plain too.
    swift::upload_large_object(
        s,
        &c,
        "empty.bin",
        chunked(&[], 10),
        &Upload::default(),
        MIB as u64,
    )
    .await
    .expect("empty");
    let info = swift::get_object_info(s, &c, "empty.bin").await.unwrap();
    assert_eq!(info.content_length, 0);
    assert!(!info.static_large_object);
    let small = Upload {
        size: Some(1000),
        ..Default::default()
    };
    let etag = swift::upload_large_object(
        s,
        &c,
        "small.bin",
        chunked(&data[..1000], 300),
        &small,
        MIB as u64,
    )
    .await
    .expect("small");
    assert_eq!(etag, md5_hex(&data[..1000]));
    let info = swift::get_object_info(s, &c, "small.bin").await.unwrap();
    assert!(!info.static_large_object);
    assert_eq!(get(s, &c, "small.bin").await, &data[..1000]);
    assert!(segment_names(s, &c).await.is_empty());

    remove_container(s, &c).await;
}

pub async fn check_bulk_delete(s: &Session) {
    let c = new_container(s, "zz-bulk").await;
    let names: Vec<String> = (0..12).map(|i| format!("dir/obj {i} ü?")).collect();
    for name in &names {
        put(s, &c, name, b"x").await;
    }
    let mut paths: Vec<(String, Option<String>)> = names[..5]
        .iter()
        .map(|n| (c.clone(), Some(n.clone())))
        .collect();
    paths.push((c.clone(), Some("never existed".to_owned())));
    let result = swift::bulk_delete(s, &paths).await.expect("bulk delete");
    assert_eq!(result.deleted, 5, "{result:?}");
    assert_eq!(result.not_found, 1, "{result:?}");
    assert!(result.errors.is_empty(), "{result:?}");

    // Split into requests of 3.
    let paths: Vec<(String, Option<String>)> = names[5..9]
        .iter()
        .map(|n| (c.clone(), Some(n.clone())))
        .collect();
    let result = swift::bulk_delete_with_limit(s, &paths, 3).await.unwrap();
    assert_eq!(result.deleted, 4, "{result:?}");

    // A non-empty container cannot go: reported, not failed.
    let result = swift::bulk_delete(s, &[(c.clone(), None)]).await.unwrap();
    assert_eq!(result.deleted, 0, "{result:?}");
    assert_eq!(result.errors.len(), 1, "{result:?}");
    assert_eq!(result.errors[0].0, format!("/{c}"));

    let result = swift::delete_objects(s, &c, &names[9..]).await.unwrap();
    assert_eq!(result.deleted, 3, "{result:?}");
    assert!(swift::list_all_objects(s, &c, None)
        .await
        .unwrap()
        .is_empty());

    // Now the container itself.
    let result = swift::bulk_delete(s, &[(c.clone(), None)]).await.unwrap();
    assert_eq!(result.deleted, 1, "{result:?}");
    let e = swift::get_container(s, &c).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
}

#[tokio::test]
async fn refcloud_info_and_account() {
    let Some(s) = refcloud().await else { return };
    check_info_and_account(&s).await;
}

#[tokio::test]
async fn refcloud_container_lifecycle() {
    let Some(s) = refcloud().await else { return };
    check_container_lifecycle(&s).await;
}

#[tokio::test]
async fn refcloud_weird_names() {
    let Some(s) = refcloud().await else { return };
    check_weird_names(&s).await;
}

#[tokio::test]
async fn refcloud_listing_and_paging() {
    let Some(s) = refcloud().await else { return };
    check_listing_and_paging(&s).await;
}

#[tokio::test]
async fn refcloud_copy_metadata_and_ranges() {
    let Some(s) = refcloud().await else { return };
    check_copy_metadata_and_ranges(&s).await;
}

#[tokio::test]
async fn refcloud_large_objects() {
    let Some(s) = refcloud().await else { return };
    check_large_objects(&s).await;
}

#[tokio::test]
async fn refcloud_bulk_delete() {
    let Some(s) = refcloud().await else { return };
    check_bulk_delete(&s).await;
}

/// Every check above against the demo cloud's Swift, on every run: the
/// client and the demo cloud must agree as the client and real Swift do.
#[tokio::test]
async fn democloud_passes_every_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = democloud::DemoCloud::start(democloud::Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.path().to_path_buf(),
        ..Default::default()
    })
    .await
    .expect("demo cloud starts");
    let s = login(&cloud.auth_url(), "demo", cloud.demo_password(), "demo").await;
    check_info_and_account(&s).await;
    check_container_lifecycle(&s).await;
    check_weird_names(&s).await;
    check_listing_and_paging(&s).await;
    check_copy_metadata_and_ranges(&s).await;
    check_large_objects(&s).await;
    check_bulk_delete(&s).await;
    cloud.shutdown().await;
}

/// A small in-memory Swift on 127.0.0.1, for what must be checked on every
/// run: how large uploads are cut, named, checked and cleaned up.
mod mock {
    use std::collections::BTreeMap;
    use std::net::SocketAddr;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    use axum::body::Bytes;
    use axum::extract::{DefaultBodyLimit, State};
    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use axum::response::{IntoResponse, Response};
    use axum::{Json, Router};
    use openstack::{Client, ClientOptions, Session, Token};
    use serde_json::{json, Value};

    #[derive(Default)]
    pub struct Swift {
        pub bulk: bool,
        pub fail_manifest: AtomicBool,
        pub corrupt_etags: AtomicBool,
        pub containers: Mutex<BTreeMap<String, Option<String>>>,
        pub objects: Mutex<BTreeMap<(String, String), Vec<u8>>>,
        pub manifests: Mutex<BTreeMap<(String, String), Value>>,
        pub bulk_requests: Mutex<usize>,
    }

    fn decode(s: &str) -> String {
        percent_encoding::percent_decode_str(s)
            .decode_utf8_lossy()
            .into_owned()
    }

    fn status(code: u16) -> Response {
        StatusCode::from_u16(code).unwrap().into_response()
    }

    fn md5_hex(data: &[u8]) -> String {
        super::md5_hex(data)
    }

    async fn handle(
        State(st): State<Arc<Swift>>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> Response {
        let path = uri.path();
        let query = uri.query().unwrap_or("");
        if path == "/info" {
            let mut info = json!({"swift": {"policies": [{"name": "gold", "default": true}]},
                                  "slo": {"max_manifest_segments": 1000, "min_segment_size": 1}});
            if st.bulk {
                info["bulk_delete"] = json!({"max_deletes_per_request": 2});
            }
            return Json(info).into_response();
        }
        let Some(rest) = path.strip_prefix("/v1/AUTH_p") else {
            return status(404);
        };
        if rest.is_empty() && method == Method::POST && query == "bulk-delete" {
            *st.bulk_requests.lock().unwrap() += 1;
            let text = String::from_utf8_lossy(&body).into_owned();
            let (mut deleted, mut not_found) = (0, 0);
            for line in text.lines() {
                let line = decode(line);
                let (c, o) = line[1..].split_once('/').unwrap();
                match st.objects.lock().unwrap().remove(&(c.into(), o.into())) {
                    Some(_) => deleted += 1,
                    None => not_found += 1,
                }
            }
            return Json(
                json!({"Number Deleted": deleted, "Number Not Found": not_found,
                               "Errors": [], "Response Status": "200 OK", "Response Body": ""}),
            )
            .into_response();
        }
        let rest = rest.trim_start_matches('/');
        let (container, object) = match rest.split_once('/') {
            Some((c, o)) => (decode(c), Some(decode(o))),
            None => (decode(rest), None),
        };
        let exists = st.containers.lock().unwrap().contains_key(&container);
        match (method, object) {
            (Method::HEAD, None) => {
                let policy = st.containers.lock().unwrap().get(&container).cloned();
                match policy {
                    Some(policy) => (
                        StatusCode::NO_CONTENT,
                        [("X-Storage-Policy", policy.unwrap_or("gold".into()))],
                    )
                        .into_response(),
                    None => status(404),
                }
            }
            (Method::PUT, None) => {
                let policy = headers
                    .get("x-storage-policy")
                    .map(|v| v.to_str().unwrap().to_owned());
                st.containers.lock().unwrap().insert(container, policy);
                status(if exists { 202 } else { 201 })
            }
            (_, Some(_)) if !exists => status(404),
            (Method::PUT, Some(object)) if query == "multipart-manifest=put" => {
                if st.fail_manifest.load(Ordering::SeqCst) {
                    return status(400);
                }
                let manifest: Value = serde_json::from_slice(&body).unwrap();
                for seg in manifest.as_array().unwrap() {
                    let p = seg["path"].as_str().unwrap();
                    let (c, o) = p[1..].split_once('/').unwrap();
                    let objects = st.objects.lock().unwrap();
                    let data = objects.get(&(c.into(), o.into())).expect("segment exists");
                    assert_eq!(seg["etag"], json!(md5_hex(data)));
                    assert_eq!(seg["size_bytes"], json!(data.len()));
                }
                st.manifests
                    .lock()
                    .unwrap()
                    .insert((container, object), manifest);
                (StatusCode::CREATED, [("Etag", "\"slo-etag\"")]).into_response()
            }
            (Method::PUT, Some(object)) => {
                let etag = if st.corrupt_etags.load(Ordering::SeqCst) {
                    "0".repeat(32)
                } else {
                    md5_hex(&body)
                };
                st.objects
                    .lock()
                    .unwrap()
                    .insert((container, object), body.to_vec());
                (StatusCode::CREATED, [("Etag", etag)]).into_response()
            }
            (Method::DELETE, Some(object)) => {
                match st.objects.lock().unwrap().remove(&(container, object)) {
                    Some(_) => status(204),
                    None => status(404),
                }
            }
            _ => status(405),
        }
    }

    /// A mock Swift and a session whose catalog points at it.
    pub async fn start(swift: Swift) -> (Arc<Swift>, Session) {
        let swift = Arc::new(swift);
        let router = Router::new()
            .fallback(handle)
            .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
            .with_state(swift.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr: SocketAddr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        let token: Token = serde_json::from_value(json!({
            "secret": "tok",
            "methods": ["password"],
            "expires_at": "2099-01-01T00:00:00.000000Z",
            "issued_at": "2026-01-01T00:00:00.000000Z",
            "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "project": {"id": "p", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "roles": [{"id": "r1", "name": "member"}],
            "catalog": [{"type": "object-store", "name": "swift", "id": "s", "endpoints": [
                {"id": "1", "interface": "public", "region_id": "RegionOne",
                 "url": format!("http://{addr}/v1/AUTH_p")}]}],
        }))
        .unwrap();
        let client = Client::new(&ClientOptions::default()).unwrap();
        (
            swift,
            Session::new(client, format!("http://{addr}/v3"), token),
        )
    }

    pub fn segments(swift: &Swift, container: &str) -> Vec<(String, Vec<u8>)> {
        swift
            .objects
            .lock()
            .unwrap()
            .iter()
            .filter(|((c, _), _)| c == container)
            .map(|((_, o), d)| (o.clone(), d.clone()))
            .collect()
    }

    pub fn with_container(swift: Swift, name: &str, policy: &str) -> Swift {
        swift
            .containers
            .lock()
            .unwrap()
            .insert(name.into(), Some(policy.into()));
        swift
    }
}

#[tokio::test]
async fn mock_large_upload_cuts_names_and_checks_segments() {
    let swift = mock::with_container(
        mock::Swift {
            bulk: true,
            ..Default::default()
        },
        "c",
        "silver",
    );
    let (swift, s) = mock::start(swift).await;
    let data = pattern(3500, 3);
    let etag = swift::upload_large_object(
        &s,
        "c",
        "dir/file ü.bin",
        chunked(&data, 333),
        &Upload::default(),
        1000,
    )
    .await
    .expect("upload");
    assert_eq!(etag, "slo-etag");
    // The segment container took the target's storage policy.
    assert_eq!(
        swift.containers.lock().unwrap().get("c_segments"),
        Some(&Some("silver".to_owned()))
    );
    let segments = mock::segments(&swift, "c_segments");
    assert_eq!(segments.len(), 4);
    let sizes: Vec<usize> = segments.iter().map(|(_, d)| d.len()).collect();
    assert_eq!(sizes, [1000, 1000, 1000, 500]);
    let joined: Vec<u8> = segments.iter().flat_map(|(_, d)| d.clone()).collect();
    assert_eq!(joined, data);
    for (i, (name, _)) in segments.iter().enumerate() {
        let parts: Vec<&str> = name.rsplitn(5, '/').collect();
        // <object>/slo/<time>/<size>/<segment size>/<index>
        assert_eq!(parts[0], format!("{i:08}"), "{name}");
        assert_eq!(parts[1], "1000", "{name}");
        assert_eq!(parts[2], "0", "{name}");
        assert!(parts[3].contains('.') && parts[3].split('.').nth(1).unwrap().len() == 6);
        assert_eq!(parts[4], "dir/file ü.bin/slo", "{name}");
    }
    let manifests = swift.manifests.lock().unwrap();
    let manifest = &manifests[&("c".to_owned(), "dir/file ü.bin".to_owned())];
    assert_eq!(
        manifest[0]["path"],
        serde_json::json!(format!("/c_segments/{}", segments[0].0))
    );
}

#[tokio::test]
async fn mock_large_upload_failures_clean_up() {
    // The manifest is refused: the segments go, in bulk requests of the
    // cloud's max_deletes_per_request (2).
    let swift = mock::with_container(
        mock::Swift {
            bulk: true,
            fail_manifest: true.into(),
            ..Default::default()
        },
        "c",
        "gold",
    );
    let (swift, s) = mock::start(swift).await;
    let data = pattern(3500, 4);
    let upload = Upload {
        size: Some(3500),
        ..Default::default()
    };
    let e = swift::upload_large_object(&s, "c", "o", chunked(&data, 700), &upload, 1000)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");
    assert!(mock::segments(&swift, "c_segments").is_empty());
    assert_eq!(*swift.bulk_requests.lock().unwrap(), 2);

    // Swift stored something else than was sent: refused, cleaned up one
    // by one (no bulk middleware).
    let swift = mock::with_container(
        mock::Swift {
            corrupt_etags: true.into(),
            ..Default::default()
        },
        "c",
        "gold",
    );
    let (swift, s) = mock::start(swift).await;
    let e = swift::upload_large_object(&s, "c", "o", chunked(&data, 700), &upload, 1000)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert!(e.to_string().contains("MD5"), "{e}");
    assert!(mock::segments(&swift, "c_segments").is_empty());
    assert!(swift.manifests.lock().unwrap().is_empty());

    // No target container: nothing is written.
    let (swift, s) = mock::start(mock::Swift::default()).await;
    let e = swift::upload_large_object(&s, "nope", "o", chunked(&data, 700), &upload, 1000)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert!(swift.objects.lock().unwrap().is_empty());
    let e = swift::upload_large_object(&s, "nope", "o", chunked(&data, 700), &upload, 0)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");
}

#[tokio::test]
async fn mock_delete_objects_without_bulk() {
    let swift = mock::with_container(mock::Swift::default(), "c", "gold");
    let (swift, s) = mock::start(swift).await;
    let names: Vec<String> = (0..20).map(|i| format!("o{i}")).collect();
    for name in &names[..17] {
        put(&s, "c", name, b"x").await;
    }
    let result = swift::delete_objects(&s, "c", &names).await.unwrap();
    assert_eq!(result.deleted, 17, "{result:?}");
    assert_eq!(result.not_found, 3, "{result:?}");
    assert!(swift.objects.lock().unwrap().is_empty());
    assert_eq!(*swift.bulk_requests.lock().unwrap(), 0);
}

/// An upload from a server handler must be a `Send` future fed by the
/// request's own body stream.
#[allow(dead_code)]
fn uploads_are_send(s: &Session, body: axum::body::Body) {
    fn assert_send<T: Send>(_: T) {}
    let upload = Upload::default();
    assert_send(swift::upload_large_object(
        s,
        "c",
        "o",
        body.into_data_stream(),
        &upload,
        1,
    ));
    assert_send(swift::delete_objects(s, "c", &[]));
    assert_send(swift::list_all_objects(s, "c", None));
    assert_send(swift::copy_object(s, "c", "o", "c", "p"));
}
