//! The object store (Swift API v1): the account, containers and objects
//! under the `object-store` endpoint (`…/v1/AUTH_<project_id>`).
//!
//! Names: a container name is one percent-encoded path segment; an object
//! name is encoded byte by byte but keeps its `/` (as python-swiftclient's
//! `quote(name, safe='/')`), since Swift takes the rest of the path as the
//! object name, so `a//b` and `folder/` work as they are.
//!
//! Metadata: keys are header-name tokens without `_` (which Swift's WSGI
//! server would drop), case-insensitive, and come back lower-case. Values go out as their UTF-8
//! bytes, as python-swiftclient sends them, and Swift stores and returns
//! those bytes, so any text without control characters round-trips.
//! Values are read back as UTF-8 and never percent-decoded (swiftclient
//! does decode `%XX` when it reads, so it may show such values
//! differently). Input that cannot be sent (a control character, a `:`
//! in a key) is an [`Error::BadRequest`] before anything is sent.

mod account;
mod bulk;
mod containers;
mod info;
mod large;
mod objects;

use std::collections::BTreeMap;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::session::{join_url, Session};
use url::Url;

pub use account::{
    get_account, get_project_account, list_containers, Account, Container, ContainerPage,
};
pub use bulk::{bulk_delete, bulk_delete_with_limit, delete_objects, BulkDeleteResult};
pub use containers::{
    create_container, delete_container, get_container, is_public_read, list_all_objects,
    list_objects, update_container, ContainerCreate, ContainerInfo, ContainerUpdate, Object,
    ObjectEntry, ObjectPage, PUBLIC_READ_ACL,
};
pub use info::{get_info, info_url, BulkDeleteInfo, Info, SloInfo, StoragePolicy};
pub use large::upload_large_object;
pub use objects::{
    copy_object, copy_object_data, delete_large_object, delete_object, download_object,
    get_object_info, update_object, upload_object, ObjectInfo, Upload,
};
/// The body type of [`upload_object`], so callers need no direct reqwest
/// dependency to stream one (`Body::wrap_stream`).
pub use reqwest::Body;

/// The catalog type of the object store.
pub const SERVICE_TYPE: &str = "object-store";

/// Swift's default listing limit (`container_listing_limit`): a page this
/// long may have a successor when no `limit` was asked for.
const DEFAULT_LISTING_LIMIT: u32 = 10_000;

/// Listing parameters, shared by account and container listings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListOptions {
    /// Page size; Swift caps it at `container_listing_limit` (10000 by
    /// default) and refuses larger values with 412.
    pub limit: Option<u32>,
    /// List names after this one (before it with `reverse`).
    pub marker: Option<String>,
    /// List names before this one.
    pub end_marker: Option<String>,
    pub prefix: Option<String>,
    /// Usually `/`: names with it after the prefix are rolled up into
    /// [`ObjectEntry::Subdir`] entries (pseudo-folders).
    pub delimiter: Option<String>,
    pub reverse: bool,
}

impl ListOptions {
    /// The query of a JSON listing.
    fn query(&self) -> Vec<(&'static str, String)> {
        let mut q = vec![("format", "json".to_owned())];
        if let Some(limit) = self.limit {
            q.push(("limit", limit.to_string()));
        }
        let strings = [
            ("marker", &self.marker),
            ("end_marker", &self.end_marker),
            ("prefix", &self.prefix),
            ("delimiter", &self.delimiter),
        ];
        for (key, value) in strings {
            if let Some(value) = value {
                q.push((key, value.clone()));
            }
        }
        if self.reverse {
            q.push(("reverse", "true".to_owned()));
        }
        q
    }

    /// The marker of the next page: the last name when the page was full.
    fn next_marker(&self, len: usize, last: Option<&str>) -> Option<String> {
        let limit = self.limit.unwrap_or(DEFAULT_LISTING_LIMIT) as usize;
        if len == 0 || len < limit {
            return None;
        }
        last.map(str::to_owned)
    }
}

/// The public URL of a container (the endpoint plus the encoded name), to
/// show as a link when the container is public.
pub fn container_url(session: &Session, container: &str) -> Result<Url> {
    Ok(join_url(
        &session.endpoint(SERVICE_TYPE)?,
        &container_path(container)?,
    ))
}

/// The public URL of an object.
pub fn object_url(session: &Session, container: &str, object: &str) -> Result<Url> {
    Ok(join_url(
        &session.endpoint(SERVICE_TYPE)?,
        &object_path(container, object)?,
    ))
}

/// A local refusal of input that cannot be sent; 400 like Swift's own.
fn invalid(message: impl Into<String>) -> Error {
    Error::BadRequest {
        message: message.into(),
    }
}

/// `.` and `..` path segments are resolved away by any URL parser
/// (`%2E` too), so a name that is one cannot be addressed.
fn is_dot_segment(s: &str) -> bool {
    s == "." || s == ".."
}

/// `/{container}`, encoded. Refuses names Swift would read differently: an
/// empty one (the account) or one with `/` (a container and an object).
fn container_path(container: &str) -> Result<String> {
    if container.is_empty() {
        return Err(invalid("the container name is empty"));
    }
    if container.contains('/') {
        return Err(invalid(format!(
            "the container name '{container}' contains '/'"
        )));
    }
    if is_dot_segment(container) {
        return Err(invalid(format!(
            "a container cannot be named '{container}'"
        )));
    }
    Ok(format!("/{}", crate::encode_segment(container)))
}

/// `/{container}/{object}`, encoded (see [`encode_object_name`]).
fn object_path(container: &str, object: &str) -> Result<String> {
    let container = container_path(container)?;
    if object.is_empty() {
        // `/c/` would address the container itself.
        return Err(invalid("the object name is empty"));
    }
    if is_dot_segment(object) {
        return Err(invalid(format!("an object cannot be named '{object}'")));
    }
    Ok(format!("{container}/{}", encode_object_name(object)))
}

/// An object name for a URL path: each byte but RFC 3986 unreserved ones
/// and `/` percent-encoded, as swiftclient's `quote(name, safe='/')`. A
/// name with a `.` or `..` segment gets its `/` encoded too (`%2F`, which
/// Swift decodes alike), or the URL would resolve the segment away.
pub(crate) fn encode_object_name(object: &str) -> String {
    if object.split('/').any(is_dot_segment) {
        return crate::encode_segment(object);
    }
    object
        .split('/')
        .map(crate::encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// Request headers made from user input, checked as they are added.
#[derive(Debug, Default)]
struct Headers(HeaderMap);

impl Headers {
    fn set(&mut self, name: &str, value: &str) -> Result<()> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| invalid(format!("'{name}' cannot be an HTTP header name")))?;
        let value = HeaderValue::from_bytes(value.as_bytes()).map_err(|_| {
            invalid(format!(
                "the value of '{name}' contains a line break or another control character"
            ))
        })?;
        self.0.insert(header, value);
        Ok(())
    }

    /// `X-{kind}-Meta-{key}: value` for each entry (`kind` is `Account`,
    /// `Container` or `Object`).
    fn meta(&mut self, kind: &str, meta: &BTreeMap<String, String>) -> Result<()> {
        for (key, value) in meta {
            check_meta_key(key)?;
            self.set(&format!("X-{kind}-Meta-{key}"), value)?;
        }
        Ok(())
    }

    /// `X-Remove-{kind}-Meta-{key}` for each key.
    fn remove_meta<'a>(
        &mut self,
        kind: &str,
        keys: impl IntoIterator<Item = &'a str>,
    ) -> Result<()> {
        for key in keys {
            check_meta_key(key)?;
            self.set(&format!("X-Remove-{kind}-Meta-{key}"), "x")?;
        }
        Ok(())
    }
}

fn check_meta_key(key: &str) -> Result<()> {
    // Swift's WSGI server drops header names with `_` without a word.
    let ok = !key.is_empty()
        && !key.contains('_')
        && HeaderName::from_bytes(format!("x-meta-{key}").as_bytes()).is_ok();
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
            "'{key}' cannot be a metadata name: use letters, digits and '-'"
        )))
    }
}

/// A header as text (UTF-8, invalid bytes replaced).
fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// A numeric header; absent is `None`, unparsable an error.
fn header_number<T: std::str::FromStr>(
    headers: &HeaderMap,
    name: &str,
    url: &Url,
) -> Result<Option<T>> {
    match headers.get(name) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .map(Some)
            .ok_or_else(|| Error::decode(url, format!("the {name} header is not a number"))),
    }
}

/// The `X-{kind}-Meta-*` headers, keyed by the lower-case rest of the name.
fn meta_from(headers: &HeaderMap, kind: &str) -> BTreeMap<String, String> {
    let prefix = format!("x-{}-meta-", kind.to_ascii_lowercase());
    headers
        .iter()
        .filter_map(|(name, value)| {
            let key = name.as_str().strip_prefix(&prefix)?;
            Some((
                key.to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            ))
        })
        .collect()
}

/// An ETag without its quotes (Swift quotes those of large objects).
fn unquote_etag(etag: &str) -> String {
    etag.trim().trim_matches('"').to_owned()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Client, ClientOptions, Token};

    /// A session whose catalog has Swift at `endpoint`; nothing is sent.
    pub(crate) fn session(endpoint: &str) -> Session {
        let token: Token = serde_json::from_value(serde_json::json!({
            "secret": "tok",
            "methods": ["password"],
            "expires_at": "2099-01-01T00:00:00.000000Z",
            "issued_at": "2026-01-01T00:00:00.000000Z",
            "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "roles": [{"id": "r1", "name": "member"}],
            "catalog": [{"type": "object-store", "name": "swift", "id": "s", "endpoints": [
                {"id": "1", "interface": "public", "region_id": "RegionOne", "url": endpoint}]}],
        }))
        .expect("token");
        let client = Client::new(&ClientOptions::default()).expect("client");
        Session::new(client, "http://keystone:5000/v3", token)
    }

    #[test]
    fn object_names_keep_slashes_and_encode_the_rest() {
        let cases = [
            ("a b.txt", "a%20b.txt"),
            ("docs/guide/intro.txt", "docs/guide/intro.txt"),
            ("ünï/çødé", "%C3%BCn%C3%AF/%C3%A7%C3%B8d%C3%A9"),
            ("100%", "100%25"),
            ("what?#x", "what%3F%23x"),
            (
                "<img src=x onerror=alert(1)>.html",
                "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.html",
            ),
            ("a//b", "a//b"),
            ("folder/", "folder/"),
            ("/lead", "/lead"),
            ("back\\slash", "back%5Cslash"),
            ("a/../b", "a%2F..%2Fb"),
            ("./x", ".%2Fx"),
            ("x/.", "x%2F."),
            ("..a/b", "..a/b"),
        ];
        for (name, encoded) in cases {
            assert_eq!(encode_object_name(name), encoded, "{name}");
        }
    }

    #[test]
    fn urls_survive_parsing() {
        let s = session("http://127.0.0.1:8080/v1/AUTH_p1");
        let cases = [
            ("a//b", "/v1/AUTH_p1/c%20d/a//b"),
            ("folder/", "/v1/AUTH_p1/c%20d/folder/"),
            ("a/../b", "/v1/AUTH_p1/c%20d/a%2F..%2Fb"),
            ("q?x#y", "/v1/AUTH_p1/c%20d/q%3Fx%23y"),
            ("%2e%2e", "/v1/AUTH_p1/c%20d/%252e%252e"),
        ];
        for (name, path) in cases {
            let url = object_url(&s, "c d", name).unwrap();
            assert_eq!(url.path(), path, "{name}");
            assert_eq!(url.query(), None, "{name}");
        }
        assert_eq!(
            container_url(&s, "pub lic").unwrap().as_str(),
            "http://127.0.0.1:8080/v1/AUTH_p1/pub%20lic"
        );
        for bad in ["", ".", "..", "a/b"] {
            assert!(
                matches!(container_url(&s, bad), Err(Error::BadRequest { .. })),
                "{bad}"
            );
        }
        for bad in ["", ".", ".."] {
            assert!(
                matches!(object_url(&s, "c", bad), Err(Error::BadRequest { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn list_query_and_next_marker() {
        let o = ListOptions {
            limit: Some(2),
            prefix: Some("docs/".into()),
            delimiter: Some("/".into()),
            reverse: true,
            ..Default::default()
        };
        assert_eq!(
            o.query(),
            vec![
                ("format", "json".to_owned()),
                ("limit", "2".to_owned()),
                ("prefix", "docs/".to_owned()),
                ("delimiter", "/".to_owned()),
                ("reverse", "true".to_owned()),
            ]
        );
        assert_eq!(o.next_marker(2, Some("b")), Some("b".to_owned()));
        assert_eq!(o.next_marker(1, Some("a")), None);
        assert_eq!(o.next_marker(0, None), None);
        let unlimited = ListOptions::default();
        assert_eq!(unlimited.next_marker(3, Some("c")), None);
        assert_eq!(
            unlimited.next_marker(10_000, Some("z")),
            Some("z".to_owned())
        );
        // Deserializes from a partial form.
        let back: ListOptions = serde_json::from_str(r#"{"prefix": "x"}"#).unwrap();
        assert_eq!(back.prefix.as_deref(), Some("x"));
    }

    #[test]
    fn headers_refuse_bad_input_without_panicking() {
        let mut h = Headers::default();
        let mut meta = BTreeMap::new();
        meta.insert("Color".to_owned(), "blåbær".to_owned());
        h.meta("Object", &meta).unwrap();
        assert_eq!(
            h.0.get("x-object-meta-color").unwrap().as_bytes(),
            "blåbær".as_bytes()
        );
        for key in ["", "a b", "a:b", "ä", "a\nb", "a_b"] {
            let mut meta = BTreeMap::new();
            meta.insert(key.to_owned(), "v".to_owned());
            assert!(
                matches!(h.meta("Object", &meta), Err(Error::BadRequest { .. })),
                "{key:?}"
            );
        }
        let mut meta = BTreeMap::new();
        meta.insert("k".to_owned(), "line\r\nX-Injected: 1".to_owned());
        assert!(matches!(
            h.meta("Object", &meta),
            Err(Error::BadRequest { .. })
        ));
        assert!(h.set("X-Container-Read", "\0").is_err());
    }

    #[test]
    fn meta_and_numbers_from_headers() {
        let url = Url::parse("http://x/v1/AUTH_p").unwrap();
        let mut h = HeaderMap::new();
        h.insert("x-object-meta-color", HeaderValue::from_static("red"));
        h.insert(
            "x-object-meta-uni",
            HeaderValue::from_bytes("héllo".as_bytes()).unwrap(),
        );
        h.insert("x-object-meta-pct", HeaderValue::from_static("100%25"));
        h.insert("x-container-meta-other", HeaderValue::from_static("no"));
        h.insert("content-length", HeaderValue::from_static("12"));
        h.insert("x-bad", HeaderValue::from_static("12a"));
        let meta = meta_from(&h, "Object");
        assert_eq!(meta.len(), 3);
        assert_eq!(meta["color"], "red");
        assert_eq!(meta["uni"], "héllo");
        assert_eq!(meta["pct"], "100%25");
        assert_eq!(
            header_number::<u64>(&h, "content-length", &url).unwrap(),
            Some(12)
        );
        assert_eq!(header_number::<u64>(&h, "x-none", &url).unwrap(), None);
        assert!(matches!(
            header_number::<u64>(&h, "x-bad", &url),
            Err(Error::Decode { .. })
        ));
        assert_eq!(unquote_etag("\"abc\""), "abc");
    }
}
