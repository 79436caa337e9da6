//! Containers: `HEAD`, `PUT`, `POST` and `DELETE /v1/{account}/{container}`,
//! and the object listing (`GET`).

use std::collections::BTreeMap;

use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde::{Deserialize, Serialize, Serializer};
use url::Url;

use super::{
    container_path, header_number, header_string, meta_from, Headers, ListOptions, SERVICE_TYPE,
};
use crate::error::{Error, Result};
use crate::session::Session;

/// The read ACL that makes a container public: anyone may read its
/// objects (`.r:*`) and list it (`.rlistings`).
pub const PUBLIC_READ_ACL: &str = ".r:*,.rlistings";

/// Most pages [`list_all_objects`] follows (10 million objects at
/// Swift's default page size), so it cannot loop forever.
const MAX_PAGES: usize = 1000;

/// Whether a read ACL lets anyone read: one of its comma-separated
/// elements is `.r:*`. Referrer-limited (`.r:.example.com`) and negated
/// (`.r:-*`) elements don't count.
pub fn is_public_read(acl: &str) -> bool {
    acl.split(',').any(|element| element.trim() == ".r:*")
}

/// A container's details, from the headers of `HEAD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerInfo {
    pub name: String,
    pub object_count: u64,
    pub bytes_used: u64,
    pub storage_policy: Option<String>,
    /// `X-Container-Read`, e.g. [`PUBLIC_READ_ACL`].
    pub read_acl: Option<String>,
    /// `X-Container-Write`.
    pub write_acl: Option<String>,
    /// `X-Container-Meta-*`, keyed by the lower-case rest of the name.
    pub meta: BTreeMap<String, String>,
    /// An HTTP date, as sent.
    pub last_modified: Option<String>,
}

impl ContainerInfo {
    /// Whether anyone may read the objects (see [`is_public_read`]).
    pub fn is_public(&self) -> bool {
        self.read_acl.as_deref().is_some_and(is_public_read)
    }

    fn from_headers(name: &str, headers: &HeaderMap, url: &Url) -> Result<ContainerInfo> {
        Ok(ContainerInfo {
            name: name.to_owned(),
            object_count: header_number(headers, "x-container-object-count", url)?.unwrap_or(0),
            bytes_used: header_number(headers, "x-container-bytes-used", url)?.unwrap_or(0),
            storage_policy: header_string(headers, "x-storage-policy"),
            read_acl: header_string(headers, "x-container-read"),
            write_acl: header_string(headers, "x-container-write"),
            meta: meta_from(headers, "Container"),
            last_modified: header_string(headers, "last-modified"),
        })
    }
}

/// `HEAD /v1/{account}/{container}`.
pub async fn get_container(session: &Session, container: &str) -> Result<ContainerInfo> {
    let response = session
        .call(Method::HEAD, SERVICE_TYPE, &container_path(container)?)
        .send()
        .await?;
    ContainerInfo::from_headers(container, response.headers(), response.url())
}

/// What to set on a new container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerCreate {
    /// A policy name from [`Info::policies`](super::Info::policies); the
    /// cloud's default when `None`. Cannot change later.
    pub storage_policy: Option<String>,
    /// E.g. [`PUBLIC_READ_ACL`].
    pub read_acl: Option<String>,
    pub meta: BTreeMap<String, String>,
}

/// `PUT /v1/{account}/{container}`: `true` if it was created (201),
/// `false` if it existed (202; the ACL and metadata are set on it all the
/// same). A different storage policy than the existing one's is a 409.
pub async fn create_container(
    session: &Session,
    container: &str,
    options: &ContainerCreate,
) -> Result<bool> {
    let mut headers = Headers::default();
    if let Some(policy) = &options.storage_policy {
        headers.set("X-Storage-Policy", policy)?;
    }
    if let Some(acl) = &options.read_acl {
        headers.set("X-Container-Read", acl)?;
    }
    headers.meta("Container", &options.meta)?;
    let builder = session
        .call(Method::PUT, SERVICE_TYPE, &container_path(container)?)
        .into_builder()?
        .headers(headers.0);
    let response = session.client.send(builder, true).await?;
    Ok(response.status() == StatusCode::CREATED)
}

/// Changes to a container's ACLs and metadata; what is not named is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerUpdate {
    /// `Some(Some(acl))` sets, `Some(None)` removes, `None` keeps.
    pub read_acl: Option<Option<String>>,
    pub write_acl: Option<Option<String>>,
    pub set_meta: BTreeMap<String, String>,
    /// Keys to remove (ignored when also in `set_meta`).
    pub remove_meta: Vec<String>,
}

/// `POST /v1/{account}/{container}`.
pub async fn update_container(
    session: &Session,
    container: &str,
    update: &ContainerUpdate,
) -> Result<()> {
    let mut headers = Headers::default();
    for (name, acl) in [
        ("Container-Read", &update.read_acl),
        ("Container-Write", &update.write_acl),
    ] {
        match acl {
            Some(Some(value)) => headers.set(&format!("X-{name}"), value)?,
            Some(None) => headers.set(&format!("X-Remove-{name}"), "x")?,
            None => {}
        }
    }
    headers.meta("Container", &update.set_meta)?;
    headers.remove_meta(
        "Container",
        update
            .remove_meta
            .iter()
            .map(String::as_str)
            .filter(|k| !update.set_meta.contains_key(*k)),
    )?;
    let builder = session
        .call(Method::POST, SERVICE_TYPE, &container_path(container)?)
        .into_builder()?
        .headers(headers.0);
    session.client.send(builder, true).await?;
    Ok(())
}

/// `DELETE /v1/{account}/{container}`. A container with objects is
/// refused with [`Error::Conflict`]; empty it first (see
/// [`delete_objects`](super::delete_objects)).
pub async fn delete_container(session: &Session, container: &str) -> Result<()> {
    let result = session
        .delete(SERVICE_TYPE, &container_path(container)?)
        .await;
    match result {
        // Swift's 409 page says only "There was a conflict".
        Err(Error::Conflict { .. }) => Err(Error::Conflict {
            message: format!("the container '{container}' is not empty"),
        }),
        other => other,
    }
}

/// An object in a container listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WireObject")]
pub struct Object {
    pub name: String,
    /// The size; for a large object, the whole size (`swift_bytes`).
    pub bytes: u64,
    /// The MD5 of the data; for a large object, of its manifest.
    pub hash: String,
    /// Without Swift's internal `swift_bytes` parameter.
    pub content_type: String,
    /// `2016-08-23T13:35:32.052760` (UTC, no zone).
    pub last_modified: Option<String>,
    /// A static large object's ETag, unquoted (empty when the cloud marks
    /// the manifest only with `swift_bytes`).
    pub slo_etag: Option<String>,
}

impl Object {
    /// Whether this is a static large object's manifest, whose data lives
    /// in segments (delete it with
    /// [`delete_large_object`](super::delete_large_object)).
    pub fn is_large(&self) -> bool {
        self.slo_etag.is_some() || self.content_type.contains("swift_bytes=")
    }
}

/// An object as the listing JSON has it (and as [`Object`] serializes).
#[derive(Deserialize)]
struct WireObject {
    name: String,
    #[serde(default)]
    bytes: u64,
    #[serde(default)]
    hash: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    last_modified: Option<String>,
    #[serde(default)]
    slo_etag: Option<String>,
}

impl From<WireObject> for Object {
    fn from(w: WireObject) -> Object {
        // `text/plain;swift_bytes=1048576`: the manifest of a large object
        // whose data is that long (python-swiftclient strips it alike).
        let mut large = false;
        let mut bytes = w.bytes;
        let mut content_type = Vec::new();
        for (i, part) in w
            .content_type
            .as_deref()
            .unwrap_or("")
            .split(';')
            .enumerate()
        {
            match part.trim().strip_prefix("swift_bytes=") {
                Some(n) if i > 0 => {
                    large = true;
                    if let Ok(n) = n.trim().parse() {
                        bytes = n;
                    }
                }
                _ => content_type.push(part),
            }
        }
        // Older Swift leaves `<manifest etag>; slo_etag=<etag>` in `hash`.
        let mut slo_etag = w.slo_etag.map(|e| super::unquote_etag(&e));
        let mut hash = Vec::new();
        for (i, part) in w.hash.as_deref().unwrap_or("").split(';').enumerate() {
            match part.trim().strip_prefix("slo_etag=") {
                Some(e) if i > 0 => {
                    slo_etag.get_or_insert_with(|| super::unquote_etag(e));
                }
                _ => hash.push(part),
            }
        }
        if large && slo_etag.is_none() {
            slo_etag = Some(String::new());
        }
        Object {
            name: w.name,
            bytes,
            hash: hash.join(";"),
            content_type: content_type.join(";"),
            last_modified: w.last_modified,
            slo_etag,
        }
    }
}

/// An entry of an object listing: an object, or with a delimiter a
/// pseudo-folder (`{"subdir": "docs/"}`) standing for all names that
/// continue past it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "WireEntry")]
pub enum ObjectEntry {
    Object(Object),
    Subdir(String),
}

impl ObjectEntry {
    /// The object's name, or the pseudo-folder's (ending with the
    /// delimiter).
    pub fn name(&self) -> &str {
        match self {
            ObjectEntry::Object(o) => &o.name,
            ObjectEntry::Subdir(s) => s,
        }
    }
}

/// Serialized as on the wire, so it deserializes back the same way.
impl Serialize for ObjectEntry {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            ObjectEntry::Object(o) => o.serialize(s),
            ObjectEntry::Subdir(d) => {
                let mut map = s.serialize_map(Some(1))?;
                map.serialize_entry("subdir", d)?;
                map.end()
            }
        }
    }
}

/// A listing entry on the wire: a pseudo-folder or an object.
#[derive(Deserialize)]
#[serde(untagged)]
enum WireEntry {
    Subdir { subdir: String },
    Object(WireObject),
}

impl From<WireEntry> for ObjectEntry {
    fn from(w: WireEntry) -> ObjectEntry {
        match w {
            WireEntry::Subdir { subdir } => ObjectEntry::Subdir(subdir),
            WireEntry::Object(o) => ObjectEntry::Object(o.into()),
        }
    }
}

/// One page of a container listing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectPage {
    pub entries: Vec<ObjectEntry>,
    /// The last entry's name (object or pseudo-folder) when the page was
    /// full, to pass as the next `marker`; `None` at the end.
    pub next_marker: Option<String>,
}

/// `GET /v1/{account}/{container}?format=json`: one page of objects and,
/// with a delimiter, pseudo-folders. A missing container is
/// [`Error::NotFound`].
pub async fn list_objects(
    session: &Session,
    container: &str,
    options: &ListOptions,
) -> Result<ObjectPage> {
    let entries: Option<Vec<ObjectEntry>> = session
        .call(Method::GET, SERVICE_TYPE, &container_path(container)?)
        .query(&options.query())
        .fetch()
        .await?;
    let entries = entries.unwrap_or_default();
    let next_marker = options.next_marker(entries.len(), entries.last().map(ObjectEntry::name));
    Ok(ObjectPage {
        entries,
        next_marker,
    })
}

/// Every object in a container (under `prefix`, at any depth), following
/// the pages until an empty one, e.g. to delete or copy a pseudo-folder.
pub async fn list_all_objects(
    session: &Session,
    container: &str,
    prefix: Option<&str>,
) -> Result<Vec<Object>> {
    let mut options = ListOptions {
        prefix: prefix.map(str::to_owned),
        ..Default::default()
    };
    let mut objects = Vec::new();
    for _ in 0..MAX_PAGES {
        // No limit: the cloud's own page size, whatever it is; so a short
        // page proves nothing and only an empty one ends the listing.
        let page = list_objects(session, container, &options).await?;
        let Some(last) = page.entries.last().map(|e| e.name().to_owned()) else {
            return Ok(objects);
        };
        if options.marker.as_deref() == Some(last.as_str()) {
            return Ok(objects);
        }
        objects.extend(page.entries.into_iter().filter_map(|e| match e {
            ObjectEntry::Object(o) => Some(o),
            ObjectEntry::Subdir(_) => None,
        }));
        options.marker = Some(last);
    }
    Err(Error::decode(
        &session.endpoint(SERVICE_TYPE)?,
        format!(
            "the container '{container}' lists more than {MAX_PAGES} pages; use a narrower prefix"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn container_listing_sample() {
        // From the Swift API reference, "Show container details and list
        // objects", with a delimiter.
        let body = r#"[
            {"hash": "451e372e48e0f6b1114fa0724aa79fa1", "last_modified": "2014-01-15T16:41:49.390270", "bytes": 14, "name": "goodbye", "content_type": "application/octet-stream"},
            {"hash": "ed076287532e86365e841e92bfc50d8c", "last_modified": "2014-01-15T16:37:43.427570", "bytes": 12, "name": "helloworld", "content_type": "application/octet-stream"},
            {"subdir": "docs/"}
        ]"#;
        let entries: Vec<ObjectEntry> = serde_json::from_str(body).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[0],
            ObjectEntry::Object(Object {
                name: "goodbye".into(),
                bytes: 14,
                hash: "451e372e48e0f6b1114fa0724aa79fa1".into(),
                content_type: "application/octet-stream".into(),
                last_modified: Some("2014-01-15T16:41:49.390270".into()),
                slo_etag: None,
            })
        );
        assert_eq!(entries[2], ObjectEntry::Subdir("docs/".into()));
        assert_eq!(entries[2].name(), "docs/");
        assert_eq!(entries[1].name(), "helloworld");
        let ObjectEntry::Object(o) = &entries[1] else {
            panic!("object")
        };
        assert!(!o.is_large());

        // Serializes back to the wire shape and decodes the same.
        let page = ObjectPage {
            entries: entries.clone(),
            next_marker: Some("docs/".into()),
        };
        let json = serde_json::to_string(&page).unwrap();
        assert!(json.contains(r#"{"subdir":"docs/"}"#), "{json}");
        let back: ObjectPage = serde_json::from_str(&json).unwrap();
        assert_eq!(back, page);

        // Neither a name nor a subdir: not an entry.
        assert!(serde_json::from_str::<Vec<ObjectEntry>>(r#"[{"bytes": 1}]"#).is_err());
    }

    #[test]
    fn large_object_entries() {
        // Current Swift: the slo middleware moves the SLO etag out of the
        // hash into a quoted slo_etag and the size into bytes.
        let body = r#"[
            {"hash": "6f1ad2ec1fa1fab1f3ab0ba6e4a4a2ae", "last_modified": "2026-01-01T00:00:00.000000", "bytes": 3670016, "name": "big.bin", "content_type": "application/octet-stream", "slo_etag": "\"0f343b0931126a20f133d67c2b018a3b\""},
            {"hash": "d41d8cd98f00b204e9800998ecf8427e; slo_etag=abc", "bytes": 120, "name": "old.bin", "content_type": "text/plain;swift_bytes=2097152"},
            {"hash": "h", "bytes": 120, "name": "odd", "content_type": "text/plain; charset=utf-8; swift_bytes=77"},
            {"hash": "h", "bytes": 5, "name": "plain", "content_type": "text/plain; charset=utf-8"}
        ]"#;
        let objects: Vec<Object> = serde_json::from_str(body).unwrap();
        assert!(objects[0].is_large());
        assert_eq!(
            objects[0].slo_etag.as_deref(),
            Some("0f343b0931126a20f133d67c2b018a3b")
        );
        assert_eq!(objects[0].bytes, 3670016);

        assert!(objects[1].is_large());
        assert_eq!(objects[1].bytes, 2097152);
        assert_eq!(objects[1].content_type, "text/plain");
        assert_eq!(objects[1].hash, "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(objects[1].slo_etag.as_deref(), Some("abc"));

        assert!(objects[2].is_large());
        assert_eq!(objects[2].bytes, 77);
        assert_eq!(objects[2].content_type, "text/plain; charset=utf-8");
        assert_eq!(objects[2].slo_etag.as_deref(), Some(""));

        assert!(!objects[3].is_large());
        assert_eq!(objects[3].content_type, "text/plain; charset=utf-8");

        // Round trip keeps is_large.
        let json = serde_json::to_string(&objects).unwrap();
        let back: Vec<Object> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, objects);
    }

    #[test]
    fn public_read_acls() {
        assert!(is_public_read(".r:*"));
        assert!(is_public_read(".r:*,.rlistings"));
        assert!(is_public_read(PUBLIC_READ_ACL));
        assert!(is_public_read("demo:demo, .r:* ,.rlistings"));
        assert!(!is_public_read(".r:-*"));
        assert!(!is_public_read(".r:.example.com"));
        assert!(!is_public_read(".rlistings"));
        assert!(!is_public_read("AUTH_p:*"));
        assert!(!is_public_read(""));
        let info = ContainerInfo {
            read_acl: Some(".r:*,.rlistings".into()),
            ..Default::default()
        };
        assert!(info.is_public());
        assert!(!ContainerInfo::default().is_public());
    }

    #[test]
    fn container_headers() {
        let url = Url::parse("http://x/v1/AUTH_p/c").unwrap();
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-container-object-count", "3"),
            ("x-container-bytes-used", "295"),
            ("x-storage-policy", "Policy-0"),
            ("x-container-read", ".r:*,.rlistings"),
            ("x-container-meta-owner", "marktwain"),
            ("x-container-meta-book", "TomSawyer"),
            ("last-modified", "Sat, 21 Nov 2026 16:48:05 GMT"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let c = ContainerInfo::from_headers("c", &h, &url).unwrap();
        assert_eq!(c.name, "c");
        assert_eq!(c.object_count, 3);
        assert_eq!(c.bytes_used, 295);
        assert_eq!(c.storage_policy.as_deref(), Some("Policy-0"));
        assert!(c.is_public());
        assert_eq!(c.write_acl, None);
        assert_eq!(c.meta.len(), 2);
        assert_eq!(c.meta["book"], "TomSawyer");
        assert_eq!(
            c.last_modified.as_deref(),
            Some("Sat, 21 Nov 2026 16:48:05 GMT")
        );
        h.insert("x-container-object-count", HeaderValue::from_static("-"));
        assert!(ContainerInfo::from_headers("c", &h, &url).is_err());
    }
}
