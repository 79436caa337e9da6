//! Static large objects (swift/common/middleware/slo.py): a manifest
//! object listing segments, served as their joined data.
//!
//! `PUT ?multipart-manifest=put` checks every segment and stores the
//! manifest in Swift's format as the object's data; `GET`/`HEAD` serve the
//! segments joined (ranges across them); `?multipart-manifest=get` returns
//! the manifest (`&format=raw` as it was put); `DELETE
//! ?multipart-manifest=delete` deletes segments and manifest like a bulk
//! delete.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use md5::{Digest, Md5};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::acl::Requester;
use super::body::{self, Extent, Layout, Source};
use super::bulk::{self, Outcome};
use super::listing::{best_match, py_json};
use super::object::{delete_one, quote, readable, writable};
use super::storage::{self, Container, Object};
use super::*;

pub const MAX_MANIFEST_SEGMENTS: usize = 1000;
pub const MAX_MANIFEST_SIZE: usize = 8 * 1024 * 1024;
/// How deep manifests may nest before a GET gives up.
const MAX_NESTING: usize = 10;

/// A segment as the stored manifest lists it.
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(untagged)]
pub enum Stored {
    Object(StoredSegment),
    Data { data: String },
}

#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct StoredSegment {
    pub name: String,
    pub bytes: i64,
    pub hash: String,
    pub content_type: String,
    pub last_modified: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_slo: Option<bool>,
}

/// The manifest in the format it was put in (`?format=raw`); keys sorted
/// as `json.dumps(sort_keys=True)` writes them.
#[derive(Serialize)]
#[serde(untagged)]
enum Raw<'a> {
    Object {
        etag: &'a str,
        path: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        range: Option<&'a str>,
        size_bytes: i64,
    },
    Data {
        data: &'a str,
    },
}

/// A segment of a manifest being put.
enum Input {
    Path {
        path: String,
        etag: Option<String>,
        size: Option<i64>,
        range: Option<(Option<u64>, Option<u64>)>,
    },
    Data(Vec<u8>),
}

/// What the new manifest object gets besides its segments.
pub struct Sink {
    pub content_type: String,
    pub headers: storage::Meta,
    pub delete_at: Option<i64>,
    pub timestamp: i64,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

// ---------------------------------------------------------------------------
// Reading manifests

/// The stored manifest of an SLO object.
pub fn stored_manifest(dir: &Path, obj: &Object) -> Result<Vec<Stored>, Fault> {
    let data = match &obj.file {
        Some(f) => std::fs::read(body::data_path(dir, f))?,
        None => Vec::new(),
    };
    serde_json::from_slice(&data)
        .map_err(|e| Fault::Other(Error::Internal(format!("Unable to load SLO manifest: {e}"))))
}

/// The manifest in the format it was put in.
pub fn raw_manifest(dir: &Path, obj: &Object) -> Result<Vec<u8>, Fault> {
    let stored = stored_manifest(dir, obj)?;
    let raw: Vec<Raw<'_>> = stored
        .iter()
        .map(|s| match s {
            Stored::Object(s) => Raw::Object {
                etag: &s.hash,
                path: &s.name,
                range: s.range.as_deref(),
                size_bytes: s.bytes,
            },
            Stored::Data { data } => Raw::Data { data },
        })
        .collect();
    Ok(py_json(&raw))
}

/// `/container/object` of a segment path.
fn split_segment(name: &str) -> Option<(&str, &str)> {
    let path = name.trim_start_matches('/');
    path.split_once('/')
        .filter(|(c, o)| !c.is_empty() && !o.is_empty())
}

/// Containers looked up once per request.
struct Containers<'a> {
    c: &'a Connection,
    account: &'a str,
    cache: HashMap<String, Option<Container>>,
}

impl<'a> Containers<'a> {
    fn new(c: &'a Connection, account: &'a str) -> Containers<'a> {
        Containers {
            c,
            account,
            cache: HashMap::new(),
        }
    }

    fn get(&mut self, name: &str) -> rusqlite::Result<Option<Container>> {
        if let Some(ct) = self.cache.get(name) {
            return Ok(ct.clone());
        }
        let ct = storage::container(self.c, self.account, name)?;
        self.cache.insert(name.to_owned(), ct.clone());
        Ok(ct)
    }

    /// A segment as a HEAD by the requester sees it: the object, or the
    /// status of the failed HEAD.
    fn head(
        &mut self,
        who: &Requester<'_>,
        name: &str,
    ) -> Result<Result<Object, StatusCode>, Fault> {
        let Some((container, object)) = split_segment(name) else {
            return Ok(Err(StatusCode::NOT_FOUND));
        };
        let ct = self.get(container)?;
        if let Err(f) = who.check(
            self.account,
            true,
            ct.as_ref().and_then(|c| c.read_acl.as_deref()),
        ) {
            return Ok(Err(f.status_code()));
        }
        let Some(ct) = ct else {
            return Ok(Err(StatusCode::NOT_FOUND));
        };
        let now_secs = now_ts().div_euclid(1_000_000);
        Ok(storage::object(self.c, ct.id, object)?
            .filter(|o| o.delete_at.is_none_or(|at| at > now_secs))
            .ok_or(StatusCode::NOT_FOUND))
    }
}

/// The joined data of an SLO. Any segment missing, unreadable or changed
/// since the manifest was put is a 409, as Swift answers when it finds that
/// out before sending the first byte.
pub fn layout(
    c: &Connection,
    dir: &Path,
    who: &Requester<'_>,
    account: &str,
    obj: &Object,
) -> Result<Layout, Fault> {
    let mut containers = Containers::new(c, account);
    layout_at(&mut containers, dir, who, obj, 0)
}

fn layout_at(
    containers: &mut Containers<'_>,
    dir: &Path,
    who: &Requester<'_>,
    obj: &Object,
    depth: usize,
) -> Result<Layout, Fault> {
    if depth > MAX_NESTING {
        return Err(Fault::conflict());
    }
    let mut out = Vec::new();
    for seg in stored_manifest(dir, obj)? {
        let s = match seg {
            Stored::Data { data } => {
                let bytes = b64()
                    .decode(data.as_bytes())
                    .map_err(|_| Fault::conflict())?;
                let len = bytes.len() as u64;
                out.push(Extent {
                    source: Source::Data(Bytes::from(bytes)),
                    offset: 0,
                    len,
                });
                continue;
            }
            Stored::Object(s) => s,
        };
        let seg_obj = containers
            .head(who, &s.name)?
            .map_err(|_| Fault::conflict())?;
        let seg_layout = match (&seg_obj.slo, s.sub_slo == Some(true)) {
            (Some(slo), true) if slo.etag == s.hash => {
                layout_at(containers, dir, who, &seg_obj, depth + 1)?
            }
            (None, false) if seg_obj.etag == s.hash && seg_obj.size == s.bytes => {
                match &seg_obj.file {
                    Some(f) => vec![Extent {
                        source: Source::Path(body::data_path(dir, f)),
                        offset: 0,
                        len: seg_obj.size as u64,
                    }],
                    None => Vec::new(),
                }
            }
            _ => return Err(Fault::conflict()),
        };
        match s
            .range
            .as_deref()
            .map(|r| parse_segment_range(r, body::total(&seg_layout)))
        {
            Some(Some((start, end))) => out.extend(body::slice(&seg_layout, start, end)),
            Some(None) => return Err(Fault::conflict()),
            None => out.extend(seg_layout),
        }
    }
    Ok(out)
}

/// A stored `range` ("a-b") over a segment of `len` bytes.
fn parse_segment_range(range: &str, len: u64) -> Option<(u64, u64)> {
    let ranges = body::parse_range(&format!("bytes={range}"))?;
    match body::ranges_for_length(&ranges, len).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

// ---------------------------------------------------------------------------
// PUT

/// `parse_and_validate_input`: the manifest's shape, with Swift's messages
/// (all of them, one per line).
fn parse_input(body: &[u8], container: &str, object: &str) -> Result<Vec<Input>, Fault> {
    let bad = |m: &str| Fault::html(StatusCode::BAD_REQUEST, m);
    let parsed: Value =
        serde_json::from_slice(body).map_err(|_| bad("Manifest must be valid JSON.\n"))?;
    let Value::Array(items) = parsed else {
        return Err(bad("Manifest must be a list.\n"));
    };
    let last = items.len().saturating_sub(1);
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Object(map) = item else {
            errors.push(format!("Index {i}: not a JSON object"));
            continue;
        };
        let kind = if map.contains_key("data") {
            "data"
        } else if map.contains_key("path") {
            "path"
        } else {
            errors.push(format!(
                "Index {i}: expected keys to include one of 'data' or 'path'"
            ));
            continue;
        };
        let allowed: &[&str] = if kind == "data" {
            &["data"]
        } else {
            &["path", "range", "etag", "size_bytes"]
        };
        let mut extra: Vec<&String> = map
            .keys()
            .filter(|k| !allowed.contains(&k.as_str()))
            .collect();
        if !extra.is_empty() {
            extra.sort();
            let shown: Vec<String> = extra
                .iter()
                .map(|k| Value::from(k.as_str()).to_string())
                .collect();
            errors.push(format!("Index {i}: extraneous keys {}", shown.join(", ")));
            continue;
        }
        if kind == "data" {
            let decoded = map["data"]
                .as_str()
                .and_then(|d| b64().decode(d.as_bytes()).ok());
            match decoded {
                None => errors.push(format!("Index {i}: data must be valid base64")),
                Some(d) if d.is_empty() => errors.push(format!(
                    "Index {i}: too small; each segment must be at least 1 byte."
                )),
                Some(d) => out.push(Input::Data(d)),
            }
            continue;
        }
        let Some(path) = map["path"].as_str() else {
            errors.push(format!("Index {i}: \"path\" must be a string"));
            continue;
        };
        let etag = match map.get("etag") {
            None | Some(Value::Null) => None,
            Some(Value::String(e)) => Some(e.clone()),
            Some(_) => {
                errors.push(format!(
                    "Index {i}: \"etag\" must be a string or null (if provided)"
                ));
                continue;
            }
        };
        if !path.trim_matches('/').contains('/') {
            errors.push(format!(
                "Index {i}: path does not refer to an object. Path must be of the form /container/object."
            ));
            continue;
        }
        let size = match map.get("size_bytes") {
            None | Some(Value::Null) => None,
            Some(Value::Number(n)) if n.is_i64() => n.as_i64(),
            Some(Value::String(s)) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            Some(_) => {
                errors.push(format!("Index {i}: invalid size_bytes"));
                continue;
            }
        };
        if size.is_some_and(|s| s < 1) && i != last {
            errors.push(format!(
                "Index {i}: too small; each segment must be at least 1 byte."
            ));
            continue;
        }
        if path.trim_start_matches('/') == format!("{container}/{object}") {
            errors.push(format!(
                "Index {i}: manifest must not include itself as a segment"
            ));
            continue;
        }
        let range = match map.get("range") {
            None | Some(Value::Null) => None,
            Some(Value::String(r)) if r.is_empty() => None,
            Some(Value::String(r)) => match body::parse_range(&format!("bytes={r}")) {
                None => {
                    errors.push(format!("Index {i}: invalid range"));
                    continue;
                }
                Some(rs) if rs.len() > 1 => {
                    errors.push(format!("Index {i}: multiple ranges (only one allowed)"));
                    continue;
                }
                Some(rs) => {
                    if let Some(s) = size {
                        if body::ranges_for_length(&rs, s.max(0) as u64).len() != 1 {
                            errors.push(format!("Index {i}: unsatisfiable range"));
                            continue;
                        }
                    }
                    rs.first().copied()
                }
            },
            Some(_) => {
                errors.push(format!("Index {i}: invalid range"));
                continue;
            }
        };
        out.push(Input::Path {
            path: path.to_owned(),
            etag,
            size,
            range,
        });
    }
    if !out.is_empty() && out.iter().all(|s| matches!(s, Input::Data(_))) && errors.is_empty() {
        errors.push("Inline data segments require at least one object-backed segment.".to_owned());
    }
    if !errors.is_empty() {
        let body: String = errors.iter().map(|e| format!("{e}\n")).collect();
        return Err(Fault::plain(StatusCode::BAD_REQUEST, body));
    }
    Ok(out)
}

/// `PUT ?multipart-manifest=put`.
pub async fn put(st: &AppState, req: Arc<SwiftRequest>, body: Body) -> Result<Response, Fault> {
    if req.headers.contains_key("x-copy-from") {
        return Err(Fault::html(
            StatusCode::METHOD_NOT_ALLOWED,
            "Multipart Manifest PUTs cannot be COPY requests",
        ));
    }
    let length = req
        .header("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok());
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    match length {
        None if !chunked => return Err(Fault::status(StatusCode::LENGTH_REQUIRED)),
        Some(l) if l > MAX_MANIFEST_SIZE => {
            return Err(Fault::html(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("Manifest File > {MAX_MANIFEST_SIZE} bytes"),
            ))
        }
        _ => {}
    }
    let data = axum::body::to_bytes(body, MAX_MANIFEST_SIZE)
        .await
        .map_err(|_| {
            Fault::html(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("Manifest File > {MAX_MANIFEST_SIZE} bytes"),
            )
        })?;
    let segments = parse_input(&data, &req.container, &req.object)?;
    let timestamp = now_ts();
    let sink = Sink {
        content_type: match req
            .headers
            .get(header::CONTENT_TYPE)
            .filter(|v| !v.is_empty())
        {
            Some(v) => std::str::from_utf8(v.as_bytes())
                .map(str::to_owned)
                .map_err(|_| Fault::bad_request("Invalid Content-Type"))?,
            None => super::object::guess_type(&req.object).to_owned(),
        },
        headers: meta::object(&req.headers),
        delete_at: meta::delete_at(&req.headers, timestamp)?,
        timestamp,
    };
    store(st, req, segments, sink, HeaderMap::new()).await
}

/// A copy of an SLO with `?multipart-manifest=get`: the same segments, in
/// a new manifest (checked again, as Swift re-PUTs it).
pub async fn put_manifest(
    st: &AppState,
    req: Arc<SwiftRequest>,
    manifest: Vec<Stored>,
    sink: Sink,
    extra: HeaderMap,
) -> Result<Response, Fault> {
    let segments = manifest
        .into_iter()
        .map(|s| match s {
            Stored::Object(s) => Input::Path {
                range: s
                    .range
                    .as_deref()
                    .and_then(|r| body::parse_range(&format!("bytes={r}")))
                    .and_then(|r| r.first().copied()),
                path: s.name,
                etag: Some(s.hash),
                size: Some(s.bytes),
            },
            Stored::Data { data } => Input::Data(b64().decode(data.as_bytes()).unwrap_or_default()),
        })
        .collect();
    store(st, req, segments, sink, extra).await
}

/// Checks each segment as a HEAD would, then writes the manifest.
async fn store(
    st: &AppState,
    req: Arc<SwiftRequest>,
    segments: Vec<Input>,
    sink: Sink,
    extra: HeaderMap,
) -> Result<Response, Fault> {
    let object_segments = segments
        .iter()
        .filter(|s| matches!(s, Input::Path { .. }))
        .count();
    if object_segments > MAX_MANIFEST_SEGMENTS {
        return Err(Fault::html(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("Number of object-backed segments must be <= {MAX_MANIFEST_SEGMENTS}"),
        ));
    }
    if req.object.len() > MAX_OBJECT_NAME_LENGTH {
        return Err(Fault::bad_request(format!(
            "Object name length of {} longer than {MAX_OBJECT_NAME_LENGTH}",
            req.object.len()
        )));
    }
    meta::check(&req.headers, "object")?;
    let out_type = best_match(req.header("accept"), &bulk::ACCEPTABLE_FORMATS)
        .ok()
        .flatten()
        .unwrap_or("text/plain");
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let checked = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let ct = writable(c, &r.requester(), &r.account, &r.container)?;
        let who = r.requester();
        let mut containers = Containers::new(c, &r.account);
        let last = segments.len().saturating_sub(1);
        let mut problems: Vec<(String, String)> = Vec::new();
        let mut stored = Vec::new();
        let mut total = 0u64;
        let mut heads: HashMap<String, Result<Object, StatusCode>> = HashMap::new();
        for (i, seg) in segments.into_iter().enumerate() {
            let (path, etag, size, range) = match seg {
                Input::Data(d) => {
                    total += d.len() as u64;
                    stored.push(Stored::Data {
                        data: b64().encode(&d),
                    });
                    continue;
                }
                Input::Path {
                    path,
                    etag,
                    size,
                    range,
                } => (path, etag, size, range),
            };
            if !heads.contains_key(&path) {
                let head = containers.head(&who, &path)?;
                heads.insert(path.clone(), head);
            }
            let seg_obj = match &heads[&path] {
                Ok(o) => o,
                Err(status) => {
                    problems.push((quote(&path), Fault::status_line(*status)));
                    continue;
                }
            };
            let content_length = seg_obj.logical_size() as u64;
            let mut length = content_length;
            let mut range_text = None;
            if let Some(r) = range {
                match body::ranges_for_length(&[r], content_length).as_slice() {
                    [] => problems.push((quote(&path), "Unsatisfiable Range".to_owned())),
                    [(0, end)] if *end == content_length => {}
                    [(start, end), ..] => {
                        range_text = Some(format!("{}-{}", start, end - 1));
                        length = end - start;
                    }
                }
            }
            if length < 1 && i != last {
                problems.push((
                    quote(&path),
                    "Too small; each segment must be at least 1 byte.".to_owned(),
                ));
            }
            if size.is_some_and(|s| s != content_length as i64) {
                problems.push((quote(&path), "Size Mismatch".to_owned()));
            }
            let seg_etag = seg_obj.slo.as_ref().map_or(&seg_obj.etag, |s| &s.etag);
            if etag.as_ref().is_some_and(|e| e != seg_etag) {
                problems.push((quote(&path), "Etag Mismatch".to_owned()));
            }
            total += length;
            stored.push(Stored::Object(StoredSegment {
                name: format!("/{}", path.trim_start_matches('/')),
                bytes: content_length as i64,
                hash: seg_etag.clone(),
                content_type: seg_obj.content_type.clone(),
                // From the segment's Last-Modified: whole seconds.
                last_modified: ts_iso(ceil_secs(seg_obj.timestamp) * 1_000_000),
                range: range_text,
                sub_slo: seg_obj.slo.as_ref().map(|_| true),
            }));
        }
        Ok((ct.id, problems, stored, total))
    })
    .await?;
    let (container_id, problems, stored, total) = checked;
    if !problems.is_empty() {
        let body = if out_type == "application/json" {
            #[derive(Serialize)]
            struct Errors<'a> {
                #[serde(rename = "Errors")]
                errors: Vec<[&'a str; 2]>,
            }
            py_json(&Errors {
                errors: problems
                    .iter()
                    .map(|(n, s)| [n.as_str(), s.as_str()])
                    .collect(),
            })
        } else {
            let mut t = String::from("Errors:\n");
            for (n, s) in &problems {
                t.push_str(&format!("{n}, {s}\n"));
            }
            t.into_bytes()
        };
        let mut h = HeaderMap::new();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(out_type));
        return Ok((StatusCode::BAD_REQUEST, h, body).into_response());
    }

    // Swift's SLO etag: the MD5 of the segments' etags (with their ranges).
    let mut slo_md5 = Md5::new();
    for s in &stored {
        match s {
            Stored::Data { data } => {
                let raw = b64().decode(data.as_bytes()).unwrap_or_default();
                slo_md5.update(body::md5_hex(&raw).as_bytes());
            }
            Stored::Object(s) => match &s.range {
                Some(r) => slo_md5.update(format!("{}:{};", s.hash, r).as_bytes()),
                None => slo_md5.update(s.hash.as_bytes()),
            },
        }
    }
    let slo_etag = body::hex(&slo_md5.finalize());
    if let Some(expected) = req
        .header("etag")
        .map(|e| e.trim().trim_matches('"'))
        .filter(|e| !e.is_empty())
    {
        if expected != slo_etag {
            return Err(Fault::status(StatusCode::UNPROCESSABLE_ENTITY));
        }
    }

    let json = py_json(&stored);
    let dir = objects_dir(&st.data_dir);
    let chunk: Result<Bytes, std::io::Error> = Ok(Bytes::from(json));
    let received = body::receive(
        &dir,
        futures_util::stream::iter([chunk]),
        MAX_MANIFEST_SIZE as u64,
    )
    .await?;
    let obj = Object {
        container_id,
        name: req.object.clone(),
        size: received.size as i64,
        etag: received.md5,
        content_type: sink.content_type,
        timestamp: sink.timestamp,
        delete_at: sink.delete_at,
        file: None,
        headers: sink.headers,
        slo: Some(storage::Slo {
            etag: slo_etag.clone(),
            size: total as i64,
        }),
    };
    let temp = received.temp;
    call(st, move |c| storage::commit_object(c, &dir, &obj, temp)).await?;
    let mut h = extra;
    set(&mut h, "etag", format!("\"{slo_etag}\""));
    set(
        &mut h,
        "last-modified",
        http_date(ceil_secs(sink.timestamp)),
    );
    Ok(reply(StatusCode::CREATED, h))
}

// ---------------------------------------------------------------------------
// DELETE

/// An object to delete: its `/container/object` name, whether it is a
/// manifest still to expand, and the error met expanding it.
type Pending = (String, bool, Option<(StatusCode, String)>);

/// The segments of the manifest `name` as a `GET ?multipart-manifest=get`
/// by the requester finds them, or the error Swift records for it.
fn segments_of(
    c: &Connection,
    dir: &Path,
    who: &Requester<'_>,
    account: &str,
    name: &str,
) -> Result<Result<Vec<Stored>, (StatusCode, String)>, Fault> {
    let Some((container, object)) = split_segment(name) else {
        return Ok(Err((
            StatusCode::NOT_FOUND,
            "SLO manifest not found".to_owned(),
        )));
    };
    match readable(c, who, account, container, object) {
        Ok((_, obj, _)) if obj.slo.is_some() => Ok(Ok(stored_manifest(dir, &obj)?)),
        Ok(_) => Ok(Err((
            StatusCode::BAD_REQUEST,
            "Not an SLO manifest".to_owned(),
        ))),
        Err(f) => Ok(Err(match f.status_code() {
            StatusCode::NOT_FOUND => (StatusCode::NOT_FOUND, "SLO manifest not found".to_owned()),
            StatusCode::UNAUTHORIZED => (StatusCode::UNAUTHORIZED, "401 Unauthorized".to_owned()),
            s => (s, "Unable to load SLO manifest or segment.".to_owned()),
        })),
    }
}

/// `DELETE ?multipart-manifest=delete`: the segments (nested manifests
/// included), then the manifest, reported like a bulk delete.
pub async fn delete(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    let out = bulk::out_content_type(&req);
    if out.is_none() {
        let mut outcome = Outcome::default();
        outcome.fail(StatusCode::NOT_ACCEPTABLE, "");
        return Ok(bulk::render(out, &outcome));
    }
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let outcome = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let who = r.requester();
        let mut outcome = Outcome::default();
        // Swift's walk: a manifest is expanded into its segments and then
        // queued again itself, so each manifest goes after its segments.
        let mut queue: VecDeque<Pending> =
            VecDeque::from([(format!("/{}/{}", r.container, r.object), true, None)]);
        let mut ordered = Vec::new();
        let mut expanded = std::collections::HashSet::new();
        while let Some((name, manifest, error)) = queue.pop_front() {
            if queue.len() > MAX_MANIFEST_SEGMENTS * 10 {
                outcome.fail(
                    StatusCode::BAD_REQUEST,
                    "Too many buffered slo segments to delete.",
                );
                return Ok(outcome);
            }
            if !manifest {
                ordered.push((name, error));
                continue;
            }
            // Swift deletes while it walks, so a manifest met again (a
            // cycle) is gone by then; expanding everything first must say so.
            if !expanded.insert(name.clone()) {
                let gone = (StatusCode::NOT_FOUND, "SLO manifest not found".to_owned());
                queue.push_back((name, false, Some(gone)));
                continue;
            }
            let error = match segments_of(c, &dir, &who, &r.account, &name)? {
                Ok(segments) => {
                    for s in segments {
                        if let Stored::Object(s) = s {
                            queue.push_back((s.name, s.sub_slo == Some(true), None));
                        }
                    }
                    None
                }
                Err(e) => Some(e),
            };
            queue.push_back((name, false, error));
        }
        let tx = c.transaction()?;
        let mut files = Vec::new();
        for (name, error) in ordered {
            if let Some((status, message)) = error {
                if status == StatusCode::NOT_FOUND {
                    outcome.not_found += 1;
                } else {
                    outcome.error(&name, message);
                }
                continue;
            }
            let Some((container, object)) = split_segment(&name) else {
                outcome.record(&name, StatusCode::NOT_FOUND);
                continue;
            };
            let (status, file) = delete_one(&tx, &who, &r.account, container, object)?;
            files.extend(file);
            outcome.record(&name, status);
        }
        tx.commit()?;
        storage::remove_files(&dir, files);
        Ok(outcome)
    })
    .await?;
    Ok(bulk::render(out, &outcome))
}
