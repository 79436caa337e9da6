//! Objects: `HEAD`, `POST`, `PUT` (upload, copy), `GET` and `DELETE
//! /v1/{account}/{container}/{object}`. Transfers are streamed and have no
//! whole-request timeout (only the client's read timeout applies).

use std::collections::BTreeMap;

use reqwest::header::{HeaderMap, CONTENT_LENGTH, ETAG, RANGE};
use reqwest::{Body, Method, Response};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{
    header_number, header_string, invalid, meta_from, object_path, unquote_etag, Headers,
    SERVICE_TYPE,
};
use crate::error::{Error, Result};
use crate::session::Session;

/// Headers a Swift `POST` drops unless it sends them again; see
/// [`update_object`].
const KEPT_ON_POST: [&str; 8] = [
    "content-disposition",
    "content-encoding",
    "content-language",
    "cache-control",
    "expires",
    "x-robots-tag",
    "x-delete-at",
    "x-object-manifest",
];

/// An object's details, from the headers of `HEAD`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectInfo {
    pub name: String,
    /// The size; for a large object, of the joined data.
    pub content_length: u64,
    /// Unquoted. For a static large object, the MD5 of its segments'
    /// ETags, not of the data.
    pub etag: String,
    pub content_type: String,
    /// An HTTP date, as sent.
    pub last_modified: Option<String>,
    /// `X-Object-Meta-*`, keyed by the lower-case rest of the name.
    pub meta: BTreeMap<String, String>,
    /// A static large object's manifest.
    pub static_large_object: bool,
    /// When Swift will delete it (Unix time).
    pub delete_at: Option<i64>,
    pub content_disposition: Option<String>,
}

impl ObjectInfo {
    fn from_headers(name: &str, headers: &HeaderMap, url: &Url) -> Result<ObjectInfo> {
        Ok(ObjectInfo {
            name: name.to_owned(),
            content_length: header_number(headers, "content-length", url)?.unwrap_or(0),
            etag: header_string(headers, "etag")
                .map(|e| unquote_etag(&e))
                .unwrap_or_default(),
            content_type: header_string(headers, "content-type").unwrap_or_default(),
            last_modified: header_string(headers, "last-modified"),
            meta: meta_from(headers, "Object"),
            static_large_object: header_string(headers, "x-static-large-object")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true")),
            delete_at: header_number(headers, "x-delete-at", url)?,
            content_disposition: header_string(headers, "content-disposition"),
        })
    }
}

/// `HEAD` with the raw headers.
async fn head(session: &Session, path: &str) -> Result<(HeaderMap, Url)> {
    let response = session
        .call(Method::HEAD, SERVICE_TYPE, path)
        .send()
        .await?;
    Ok((response.headers().clone(), response.url().clone()))
}

/// `HEAD /v1/{account}/{container}/{object}`.
pub async fn get_object_info(
    session: &Session,
    container: &str,
    object: &str,
) -> Result<ObjectInfo> {
    let (headers, url) = head(session, &object_path(container, object)?).await?;
    ObjectInfo::from_headers(object, &headers, &url)
}

/// `POST /v1/{account}/{container}/{object}`: replaces all
/// `X-Object-Meta-*` with `meta`, and sets the content type if given.
///
/// A Swift `POST` also drops the expiry (`X-Delete-At`),
/// `Content-Disposition`, `Content-Encoding` and the like unless they are
/// sent again, so this reads them with a `HEAD` first and keeps them.
pub async fn update_object(
    session: &Session,
    container: &str,
    object: &str,
    meta: &BTreeMap<String, String>,
    content_type: Option<&str>,
) -> Result<()> {
    let path = object_path(container, object)?;
    let mut headers = Headers::default();
    headers.meta("Object", meta)?;
    if let Some(content_type) = content_type {
        headers.set("Content-Type", content_type)?;
    }
    let (current, _) = head(session, &path).await?;
    for name in KEPT_ON_POST {
        if let Some(value) = current.get(name) {
            headers.0.insert(name, value.clone());
        }
    }
    let builder = session
        .call(Method::POST, SERVICE_TYPE, &path)
        .into_builder()?
        .headers(headers.0);
    session.client.send(builder, true).await?;
    Ok(())
}

/// How to store an upload.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// Swift guesses from the name's extension when `None`.
    pub content_type: Option<&'a str>,
    /// Sent as `Content-Length`; the body goes chunked when `None`.
    pub size: Option<u64>,
    /// The data's MD5 (hex), if known: Swift refuses data that does not
    /// match with HTTP 422.
    pub etag: Option<&'a str>,
    pub meta: &'a BTreeMap<String, String>,
    /// Fail with HTTP 412 instead of replacing an existing object.
    pub if_none_match: bool,
}

static NO_META: BTreeMap<String, String> = BTreeMap::new();

impl Default for Upload<'_> {
    fn default() -> Self {
        Upload {
            content_type: None,
            size: None,
            etag: None,
            meta: &NO_META,
            if_none_match: false,
        }
    }
}

impl Upload<'_> {
    /// The headers of the final `PUT` (not `Content-Length`, nor `ETag`
    /// when `with_etag` is false).
    pub(super) fn headers(&self, with_etag: bool) -> Result<HeaderMap> {
        let mut headers = Headers::default();
        if let Some(content_type) = self.content_type {
            headers.set("Content-Type", content_type)?;
        }
        if let (Some(etag), true) = (self.etag, with_etag) {
            headers.set("ETag", etag)?;
        }
        if self.if_none_match {
            headers.set("If-None-Match", "*")?;
        }
        headers.meta("Object", self.meta)?;
        Ok(headers.0)
    }
}

/// The unquoted `ETag` of a response.
pub(super) fn response_etag(response: &Response) -> String {
    response
        .headers()
        .get(ETAG)
        .map(|v| unquote_etag(&String::from_utf8_lossy(v.as_bytes())))
        .unwrap_or_default()
}

/// `PUT /v1/{account}/{container}/{object}`, streamed; returns the ETag
/// (the MD5 of the data). Swift's limit on one object is
/// [`Info::max_file_size`](super::Info::max_file_size) (5 GiB by
/// default); use [`upload_large_object`](super::upload_large_object)
/// beyond it.
pub async fn upload_object(
    session: &Session,
    container: &str,
    object: &str,
    body: Body,
    upload: &Upload<'_>,
) -> Result<String> {
    let mut builder = session
        .request(Method::PUT, SERVICE_TYPE, &object_path(container, object)?)?
        .headers(upload.headers(true)?)
        .body(body);
    if let Some(size) = upload.size {
        builder = builder.header(CONTENT_LENGTH, size);
    }
    let response = session.send(builder).await?;
    let etag = response_etag(&response);
    drain(response).await?;
    Ok(etag)
}

/// Reads a response's (small) body to its end, so the connection can be
/// reused.
pub(super) async fn drain(response: Response) -> Result<bytes::Bytes> {
    let url = response.url().clone();
    response
        .bytes()
        .await
        .map_err(|e| Error::from_reqwest(e, &url))
}

/// `GET /v1/{account}/{container}/{object}`: the response to stream the
/// data from (`bytes_stream()`, `chunk()`). `range` is an HTTP `Range`
/// value (`bytes=0-99`); then the answer is 206, and a range outside the
/// object is `Error::Api { status: 416, .. }`.
pub async fn download_object(
    session: &Session,
    container: &str,
    object: &str,
    range: Option<&str>,
) -> Result<Response> {
    let mut builder =
        session.request(Method::GET, SERVICE_TYPE, &object_path(container, object)?)?;
    if let Some(range) = range {
        let mut headers = Headers::default();
        headers.set(RANGE.as_str(), range)?;
        builder = builder.headers(headers.0);
    }
    session.send(builder).await
}

/// `PUT` with `X-Copy-From`: copies an object, with its metadata, within
/// the account (Swift copies the data server-side).
///
/// A `HEAD` of the source comes first: a large object's manifest is copied
/// rather than its joined data (`?multipart-manifest=get`), so the copy is
/// instant and has no 5 GiB limit, but it shares the source's segments.
/// Deleting either with [`delete_large_object`] then breaks the other, so
/// to move a large object, delete the source with [`delete_object`].
pub async fn copy_object(
    session: &Session,
    from_container: &str,
    from_object: &str,
    to_container: &str,
    to_object: &str,
) -> Result<()> {
    let source = object_path(from_container, from_object)?;
    let (headers, _) = head(session, &source).await?;
    let manifest = header_string(&headers, "x-static-large-object")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        || headers.contains_key("x-object-manifest");
    copy(session, &source, to_container, to_object, manifest).await
}

/// `PUT` with `X-Copy-From`, always of the data: a large object's copy is
/// a new plain object of its joined segments, independent of the source,
/// so Swift refuses sources above its largest object (`max_file_size`).
pub async fn copy_object_data(
    session: &Session,
    from_container: &str,
    from_object: &str,
    to_container: &str,
    to_object: &str,
) -> Result<()> {
    let source = object_path(from_container, from_object)?;
    copy(session, &source, to_container, to_object, false).await
}

async fn copy(
    session: &Session,
    source: &str,
    to_container: &str,
    to_object: &str,
    manifest: bool,
) -> Result<()> {
    let target = object_path(to_container, to_object)?;
    let path = if manifest {
        format!("{target}?multipart-manifest=get")
    } else {
        target
    };
    let mut copy = Headers::default();
    // The source path is sent encoded; Swift decodes it.
    copy.set("X-Copy-From", source)?;
    let builder = session
        .request(Method::PUT, SERVICE_TYPE, &path)?
        .headers(copy.0)
        .header(CONTENT_LENGTH, 0);
    drain(session.send(builder).await?).await?;
    Ok(())
}

/// `DELETE /v1/{account}/{container}/{object}`. For a large object this
/// deletes only the manifest; see [`delete_large_object`].
pub async fn delete_object(session: &Session, container: &str, object: &str) -> Result<()> {
    session
        .delete(SERVICE_TYPE, &object_path(container, object)?)
        .await
}

/// Swift's report of a multi-delete (bulk delete, SLO delete).
#[derive(Debug, Default, Deserialize)]
pub(super) struct DeleteReport {
    #[serde(rename = "Number Deleted", default)]
    pub deleted: u64,
    #[serde(rename = "Number Not Found", default)]
    pub not_found: u64,
    #[serde(rename = "Errors", default)]
    pub errors: Vec<(String, String)>,
    /// `200 OK`, `400 Bad Request`…
    #[serde(rename = "Response Status", default)]
    pub status: String,
    #[serde(rename = "Response Body", default)]
    pub body: String,
}

impl DeleteReport {
    /// The status code in `Response Status`; 200 when absent.
    pub fn status_code(&self) -> u16 {
        self.status
            .split_whitespace()
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(200)
    }
}

/// `DELETE ?multipart-manifest=delete`: deletes a static large object's
/// manifest and its segments (any other object alone). Segments are
/// shared with copies made by [`copy_object`], which then break.
pub async fn delete_large_object(session: &Session, container: &str, object: &str) -> Result<()> {
    let path = format!(
        "{}?multipart-manifest=delete",
        object_path(container, object)?
    );
    // Swift answers 200 and reports in the body, which it may send slowly
    // for many segments, so no whole-request timeout.
    let builder = session.request(Method::DELETE, SERVICE_TYPE, &path)?;
    let response = session.send(builder).await?;
    let url = response.url().clone();
    let body = drain(response).await?;
    // A plain object's delete answers 204 with no report.
    let report: Option<DeleteReport> = crate::client::decode_json(&body, &url)?;
    let Some(report) = report else {
        return Ok(());
    };
    let status = report.status_code();
    if let Some((path, why)) = report.errors.first() {
        return Err(Error::Api {
            status: if status < 300 { 500 } else { status },
            message: format!(
                "{} of the large object's parts could not be deleted (first: {} {why})",
                report.errors.len(),
                percent_encoding::percent_decode_str(path).decode_utf8_lossy()
            ),
        });
    }
    if status >= 300 {
        return Err(Error::from_response(status, report.body.as_bytes()));
    }
    if report.deleted == 0 && report.not_found > 0 {
        return Err(Error::NotFound {
            message: format!("the object '{object}' does not exist"),
        });
    }
    Ok(())
}

/// Refuses an upload whose data did not match what was announced.
pub(super) fn size_mismatch(expected: u64, got: u64) -> Error {
    invalid(format!(
        "the data to upload was {got} bytes long, but its size was given as {expected}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn object_headers() {
        let url = Url::parse("http://x/v1/AUTH_p/c/o").unwrap();
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("content-length", "3670016"),
            ("content-type", "application/octet-stream"),
            ("etag", "\"0f343b0931126a20f133d67c2b018a3b\""),
            ("last-modified", "Sat, 21 Nov 2026 16:49:08 GMT"),
            ("x-object-meta-mtime", "1700000000.000000"),
            ("x-static-large-object", "True"),
            ("x-delete-at", "1795283347"),
            ("content-disposition", "attachment; filename=\"a b.bin\""),
            ("x-timestamp", "1795279747.52270"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let o = ObjectInfo::from_headers("big.bin", &h, &url).unwrap();
        assert_eq!(
            o,
            ObjectInfo {
                name: "big.bin".into(),
                content_length: 3670016,
                etag: "0f343b0931126a20f133d67c2b018a3b".into(),
                content_type: "application/octet-stream".into(),
                last_modified: Some("Sat, 21 Nov 2026 16:49:08 GMT".into()),
                meta: [("mtime".to_owned(), "1700000000.000000".to_owned())].into(),
                static_large_object: true,
                delete_at: Some(1795283347),
                content_disposition: Some("attachment; filename=\"a b.bin\"".into()),
            }
        );
        let plain = ObjectInfo::from_headers("p", &HeaderMap::new(), &url).unwrap();
        assert!(!plain.static_large_object);
        assert_eq!(plain.delete_at, None);
    }

    #[test]
    fn upload_headers() {
        let mut meta = BTreeMap::new();
        meta.insert("Owner".to_owned(), "ann".to_owned());
        let upload = Upload {
            content_type: Some("text/html"),
            etag: Some("abc"),
            meta: &meta,
            if_none_match: true,
            ..Default::default()
        };
        let h = upload.headers(true).unwrap();
        assert_eq!(h["content-type"], "text/html");
        assert_eq!(h["etag"], "abc");
        assert_eq!(h["if-none-match"], "*");
        assert_eq!(h["x-object-meta-owner"], "ann");
        assert!(!upload.headers(false).unwrap().contains_key("etag"));
        assert!(Upload::default().headers(true).unwrap().is_empty());
        let bad = Upload {
            content_type: Some("text/html\n"),
            ..Default::default()
        };
        assert!(matches!(bad.headers(true), Err(Error::BadRequest { .. })));
    }

    #[test]
    fn delete_reports() {
        // From the Swift docs (bulk delete / SLO delete answers).
        let ok: DeleteReport = serde_json::from_str(
            r#"{"Number Not Found": 0, "Response Status": "200 OK", "Errors": [], "Number Deleted": 4, "Response Body": ""}"#,
        )
        .unwrap();
        assert_eq!(ok.deleted, 4);
        assert_eq!(ok.status_code(), 200);
        let failed: DeleteReport = serde_json::from_str(
            r#"{"Number Not Found": 1, "Response Status": "400 Bad Request", "Errors": [["/c/a%20b", "409 Conflict"]], "Number Deleted": 0, "Response Body": ""}"#,
        )
        .unwrap();
        assert_eq!(failed.status_code(), 400);
        assert_eq!(
            failed.errors,
            vec![("/c/a%20b".to_owned(), "409 Conflict".to_owned())]
        );
    }
}
