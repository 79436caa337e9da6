//! Objects: upload (`PUT`, streamed to a file), download (`GET`/`HEAD`
//! with ranges and conditions), metadata (`POST`), `DELETE`, and
//! server-side copies (`COPY`, `PUT` with `X-Copy-From`).

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rusqlite::Connection;

use super::acl::{Grant, Requester};
use super::body::{self, Extent, Layout, Piece, Source};
use super::storage::{self, Container, Object};
use super::*;

/// Python's `urllib.parse.quote` with its default safe `/`.
const QUOTE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

pub fn quote(s: &str) -> String {
    utf8_percent_encode(s, QUOTE).to_string()
}

// ---------------------------------------------------------------------------
// Access

/// Loads an object for reading; the container's read ACL decides for
/// non-owners. 404 when the container or object is missing (or expired).
pub fn readable(
    c: &Connection,
    who: &Requester<'_>,
    account: &str,
    container: &str,
    object: &str,
) -> Result<(Container, Object, Grant), Fault> {
    let ct = storage::container(c, account, container)?;
    let grant = who.check(
        account,
        true,
        ct.as_ref().and_then(|c| c.read_acl.as_deref()),
    )?;
    let ct = ct.ok_or_else(Fault::not_found)?;
    let obj = storage::object(c, ct.id, object)?.ok_or_else(Fault::not_found)?;
    if expired(&obj) {
        return Err(Fault::not_found());
    }
    Ok((ct, obj, grant))
}

/// The container for a write (PUT, POST, DELETE of an object); its write
/// ACL decides for non-owners.
pub fn writable(
    c: &Connection,
    who: &Requester<'_>,
    account: &str,
    container: &str,
) -> Result<Container, Fault> {
    let ct = storage::container(c, account, container)?;
    who.check(
        account,
        true,
        ct.as_ref().and_then(|c| c.write_acl.as_deref()),
    )?;
    ct.ok_or_else(Fault::not_found)
}

fn expired(obj: &Object) -> bool {
    obj.delete_at.is_some_and(|at| at * 1_000_000 <= now_ts())
}

/// The bytes of a stored object as they are on disk (for an SLO, the
/// manifest). The file is opened here, while the row is current.
pub fn stored_layout(dir: &std::path::Path, obj: &Object) -> Result<Layout, Fault> {
    let Some(file) = &obj.file else {
        return Ok(Vec::new());
    };
    let handle = std::fs::File::open(body::data_path(dir, file))?;
    Ok(vec![Extent {
        source: Source::Handle(Arc::new(handle)),
        offset: 0,
        len: obj.size as u64,
    }])
}

// ---------------------------------------------------------------------------
// Headers

/// The headers of an object response, except `Etag` and length.
fn object_headers(obj: &Object, h: &mut HeaderMap) {
    set(h, "content-type", &obj.content_type);
    for (k, v) in &obj.headers {
        set(h, k, v);
    }
    if let Some(at) = obj.delete_at {
        set(h, "x-delete-at", at.to_string());
    }
    set(h, "last-modified", http_date(ceil_secs(obj.timestamp)));
    set(h, "x-timestamp", ts_normal(obj.timestamp));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
}

/// Python's `mimetypes.guess_type` for the usual extensions; Swift uses it
/// when a PUT has no `Content-Type`.
pub fn guess_type(name: &str) -> &'static str {
    let base = name.rsplit('/').next().unwrap_or(name);
    let Some((_, ext)) = base.rsplit_once('.') else {
        return "application/octet-stream";
    };
    match ext.to_ascii_lowercase().as_str() {
        "txt" | "text" | "log" | "conf" => "text/plain",
        "html" | "htm" => "text/html",
        "css" => "text/css",
        "csv" => "text/csv",
        "md" | "markdown" => "text/markdown",
        "js" | "mjs" => "text/javascript",
        "json" => "application/json",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "tar" => "application/x-tar",
        "sh" => "application/x-sh",
        "py" => "text/x-python",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "ico" => "image/vnd.microsoft.icon",
        "bmp" => "image/bmp",
        "tif" | "tiff" => "image/tiff",
        "mp3" => "audio/mpeg",
        "wav" => "audio/x-wav",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// The content type of a new object: the request's, or a guess from the
/// name (always when `X-Detect-Content-Type` is true).
fn content_type_for(req: &SwiftRequest, name: &str) -> Result<String, Fault> {
    let detect = req.header("x-detect-content-type").is_some_and(config_true);
    match req.headers.get(header::CONTENT_TYPE) {
        Some(v) if !detect && !v.is_empty() => std::str::from_utf8(v.as_bytes())
            .map(str::to_owned)
            .map_err(|_| Fault::bad_request("Invalid Content-Type")),
        _ => Ok(guess_type(name).to_owned()),
    }
}

/// The `Etag` a client sent to have its upload verified, unquoted.
fn expected_etag(req: &SwiftRequest) -> Option<String> {
    req.header("etag")
        .map(|e| e.trim().trim_matches('"').to_ascii_lowercase())
        .filter(|e| !e.is_empty())
}

fn check_name_length(name: &str) -> Result<(), Fault> {
    if name.len() > MAX_OBJECT_NAME_LENGTH {
        return Err(Fault::bad_request(format!(
            "Object name length of {} longer than {MAX_OBJECT_NAME_LENGTH}",
            name.len()
        )));
    }
    Ok(())
}

fn reserved_slo_header(req: &SwiftRequest) -> Result<(), Fault> {
    if req.headers.contains_key("x-static-large-object") {
        return Err(Fault::html(
            StatusCode::BAD_REQUEST,
            "X-Static-Large-Object is a reserved header. To create a static large object add \
             query param multipart-manifest=put.",
        ));
    }
    Ok(())
}

/// The `If-None-Match` of a PUT: only `*` is supported.
fn if_none_match_star(req: &SwiftRequest) -> Result<bool, Fault> {
    match req.header("if-none-match") {
        None => Ok(false),
        Some(v) if v.split(',').any(|t| t.trim() == "*") => Ok(true),
        Some(_) => Err(Fault::bad_request("If-None-Match only supports *")),
    }
}

/// The response to a successful object write.
fn created(etag: &str, timestamp: i64, extra: HeaderMap) -> Response {
    let mut h = extra;
    set(&mut h, "etag", etag);
    set(&mut h, "last-modified", http_date(ceil_secs(timestamp)));
    reply(StatusCode::CREATED, h)
}

// ---------------------------------------------------------------------------
// GET / HEAD

pub async fn get_or_head(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    let manifest_get = req.query.get("multipart-manifest") == Some("get");
    let raw = manifest_get && req.query.get("format") == Some("raw");
    let is_get = req.method == Method::GET;
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let loaded = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let (_, obj, _) = readable(c, &r.requester(), &r.account, &r.container, &r.object)?;
        let layout = match (&obj.slo, manifest_get) {
            (Some(_), false) if is_get => slo::layout(c, &dir, &r.requester(), &r.account, &obj)?,
            (Some(_), false) => Vec::new(),
            (_, true) if raw && obj.slo.is_some() => {
                let data = Bytes::from(slo::raw_manifest(&dir, &obj)?);
                let len = data.len() as u64;
                vec![Extent {
                    source: Source::Data(data),
                    offset: 0,
                    len,
                }]
            }
            _ if is_get => stored_layout(&dir, &obj)?,
            _ => Vec::new(),
        };
        Ok((obj, layout))
    })
    .await;
    let (obj, layout) = match loaded {
        Err(Fault::Status(s, _))
            if s == StatusCode::NOT_FOUND && body::if_match_any(&req.headers) =>
        {
            return Err(Fault::status(StatusCode::PRECONDITION_FAILED))
        }
        other => other?,
    };

    let mut h = HeaderMap::new();
    object_headers(&obj, &mut h);
    // What the response describes: the joined data of an SLO, else the
    // stored bytes (a manifest when asked for with multipart-manifest=get).
    let (etag, cond_etag, length) = match &obj.slo {
        Some(slo) if !manifest_get => {
            set(&mut h, "x-static-large-object", "True");
            set(&mut h, "x-manifest-etag", &obj.etag);
            (
                format!("\"{}\"", slo.etag),
                slo.etag.clone(),
                slo.size as u64,
            )
        }
        Some(_) if raw => {
            set(&mut h, "x-static-large-object", "True");
            let len = body::total(&layout);
            let etag = match layout.first().map(|e| &e.source) {
                Some(Source::Data(d)) => body::md5_hex(d),
                _ => obj.etag.clone(),
            };
            (etag.clone(), etag, len)
        }
        Some(_) => {
            set(&mut h, "x-static-large-object", "True");
            set(&mut h, "content-type", "application/json; charset=utf-8");
            (obj.etag.clone(), obj.etag.clone(), obj.size as u64)
        }
        None => (obj.etag.clone(), obj.etag.clone(), obj.size as u64),
    };
    set(&mut h, "etag", &etag);

    if let Some(status) = body::conditional(&req.headers, &cond_etag, ceil_secs(obj.timestamp)) {
        if status == StatusCode::PRECONDITION_FAILED {
            h.remove(header::ACCEPT_RANGES);
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(HTML));
        }
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
        return Ok((status, h, Body::empty()).into_response());
    }
    if !is_get {
        h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        return Ok((StatusCode::OK, h, Body::empty()).into_response());
    }

    let ranges = req
        .header("range")
        .and_then(body::parse_range)
        .filter(|r| !r.is_empty())
        .map(|r| body::ranges_for_length(&r, length))
        // Satisfiable ranges of an empty object: swob sends it all, with 200.
        .filter(|r| r.is_empty() || length > 0);
    let (status, pieces, len) = match ranges.as_deref() {
        None => (
            StatusCode::OK,
            layout.into_iter().map(Piece::Extent).collect(),
            length,
        ),
        Some([]) => {
            set(&mut h, "content-range", format!("bytes */{length}"));
            return Ok(reply(StatusCode::RANGE_NOT_SATISFIABLE, h));
        }
        Some([(start, end)]) => {
            set(
                &mut h,
                "content-range",
                body::content_range(*start, *end, length),
            );
            let pieces = body::slice(&layout, *start, *end)
                .into_iter()
                .map(Piece::Extent)
                .collect();
            (StatusCode::PARTIAL_CONTENT, pieces, end - start)
        }
        Some(many) => {
            let boundary = format!("{:032x}", rand::random::<u128>());
            let content_type = header_str(&h, "content-type").unwrap_or("").to_owned();
            let (pieces, len) = body::multipart(&layout, many, &content_type, &boundary);
            set(
                &mut h,
                "content-type",
                format!("multipart/byteranges;boundary={boundary}"),
            );
            (StatusCode::PARTIAL_CONTENT, pieces, len)
        }
    };
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    Ok((status, h, Body::from_stream(body::stream(pieces))).into_response())
}

// ---------------------------------------------------------------------------
// PUT

pub async fn put(st: &AppState, req: Arc<SwiftRequest>, body: Body) -> Result<Response, Fault> {
    if req.query.get("multipart-manifest") == Some("put") {
        return slo::put(st, req, body).await;
    }
    if req.headers.contains_key("x-copy-from") {
        return copy_put(st, req).await;
    }
    reserved_slo_header(&req)?;
    let no_overwrite = if_none_match_star(&req)?;
    let timestamp = now_ts();
    let r = req.clone();
    let (container_id, exists) = call(st, move |c| {
        let ct = writable(c, &r.requester(), &r.account, &r.container)?;
        let exists = storage::object(c, ct.id, &r.object)?.is_some_and(|o| !expired(&o));
        Ok((ct.id, exists))
    })
    .await?;
    let content_type = content_type_for(&req, &req.object)?;
    // check_object_creation, in Swift's order.
    let length = match req.header("content-length") {
        Some(l) => Some(l.trim().parse::<u64>().map_err(|_| {
            Fault::bad_request(format!("Invalid Content-Length header value: {l}"))
        })?),
        None => None,
    };
    if length.is_some_and(|l| l > MAX_FILE_SIZE) {
        return Err(Fault::plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Your request is too large.",
        ));
    }
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    if length.is_none() && !chunked {
        return Err(Fault::plain(
            StatusCode::LENGTH_REQUIRED,
            "Missing Content-Length header.",
        ));
    }
    check_name_length(&req.object)?;
    let delete_at = meta::delete_at(&req.headers, timestamp)?;
    meta::check(&req.headers, "object")?;
    if no_overwrite && exists {
        return Err(Fault::status(StatusCode::PRECONDITION_FAILED));
    }

    let dir = objects_dir(&st.data_dir);
    let received = body::receive(&dir, body.into_data_stream(), MAX_FILE_SIZE).await?;
    if expected_etag(&req).is_some_and(|e| e != received.md5) {
        return Err(Fault::status(StatusCode::UNPROCESSABLE_ENTITY));
    }
    let obj = Object {
        container_id,
        name: req.object.clone(),
        size: received.size as i64,
        etag: received.md5.clone(),
        content_type,
        timestamp,
        delete_at,
        file: None,
        headers: meta::object(&req.headers),
        slo: None,
    };
    let temp = received.temp;
    call(st, move |c| storage::commit_object(c, &dir, &obj, temp)).await?;
    Ok(created(&received.md5, timestamp, HeaderMap::new()))
}

// ---------------------------------------------------------------------------
// POST

/// A POST replaces all metadata (fast-post): user metadata, the kept
/// headers and the expiry; `Content-Type` changes only when given.
pub async fn post(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    reserved_slo_header(&req)?;
    let timestamp = now_ts();
    let delete_at = meta::delete_at(&req.headers, timestamp)?;
    meta::check(&req.headers, "object")?;
    let content_type = match req.headers.get(header::CONTENT_TYPE) {
        Some(v) if !v.is_empty() => Some(
            std::str::from_utf8(v.as_bytes())
                .map(str::to_owned)
                .map_err(|_| Fault::bad_request("Invalid Content-Type"))?,
        ),
        _ => None,
    };
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let tx = c.transaction()?;
        let ct = writable(&tx, &r.requester(), &r.account, &r.container)?;
        let mut obj = storage::object(&tx, ct.id, &r.object)?
            .filter(|o| !expired(o))
            .ok_or_else(Fault::not_found)?;
        obj.headers = meta::object(&r.headers);
        if let Some(t) = content_type {
            obj.content_type = t;
        }
        obj.timestamp = timestamp;
        obj.delete_at = delete_at;
        storage::update_object_meta(&tx, &obj)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(reply(StatusCode::ACCEPTED, HeaderMap::new()))
}

// ---------------------------------------------------------------------------
// DELETE

pub async fn delete(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    if req.query.get("multipart-manifest") == Some("delete") {
        return slo::delete(st, req).await;
    }
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let status = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let tx = c.transaction()?;
        let (status, file) = delete_one(&tx, &r.requester(), &r.account, &r.container, &r.object)?;
        tx.commit()?;
        storage::remove_files(&dir, file);
        Ok(status)
    })
    .await?;
    match status {
        StatusCode::NO_CONTENT => Ok(reply(status, HeaderMap::new())),
        other => Err(Fault::status(other)),
    }
}

/// Deletes one object inside `tx` as a DELETE request would: its status
/// (204, 404, or the refusal) and the file to remove after commit.
pub fn delete_one(
    tx: &Connection,
    who: &Requester<'_>,
    account: &str,
    container: &str,
    object: &str,
) -> Result<(StatusCode, Option<String>), Fault> {
    let ct = match writable(tx, who, account, container) {
        Ok(ct) => ct,
        Err(f) => return Ok((f.status_code(), None)),
    };
    match storage::take_object(tx, ct.id, object)? {
        Some(old) if !expired(&old) => Ok((StatusCode::NO_CONTENT, old.file)),
        Some(old) => Ok((StatusCode::NOT_FOUND, old.file)),
        None => Ok((StatusCode::NOT_FOUND, None)),
    }
}

// ---------------------------------------------------------------------------
// Copies

/// `check_path_header`: `container/object` (URL-encoded, leading slash
/// optional), or a 412 with `message`.
fn path_header(value: &str, message: &str) -> Result<(String, String), Fault> {
    let decoded = percent_encoding::percent_decode_str(value).decode_utf8_lossy();
    let path = decoded.strip_prefix('/').unwrap_or(&decoded);
    match path.split_once('/') {
        Some((c, o)) if !c.is_empty() && !o.is_empty() => Ok((c.to_owned(), o.to_owned())),
        _ => Err(Fault::html(StatusCode::PRECONDITION_FAILED, message)),
    }
}

/// `check_account_format` for `Destination-Account` and `X-Copy-From-Account`.
fn account_header(value: &str) -> Result<String, Fault> {
    let name = percent_encoding::percent_decode_str(value)
        .decode_utf8_lossy()
        .into_owned();
    if name.is_empty() {
        return Err(Fault::html(
            StatusCode::PRECONDITION_FAILED,
            "Account name cannot be empty",
        ));
    }
    if name.contains('/') {
        return Err(Fault::html(
            StatusCode::PRECONDITION_FAILED,
            "Account name cannot contain slashes",
        ));
    }
    Ok(name)
}

/// `COPY` with `Destination`: a PUT of the destination copying from here.
pub async fn copy(st: &AppState, req: Arc<SwiftRequest>, _body: Body) -> Result<Response, Fault> {
    let Some(dest) = req.header("destination").filter(|d| !d.is_empty()) else {
        return Err(Fault::html(
            StatusCode::PRECONDITION_FAILED,
            "Destination header required",
        ));
    };
    let dest_account = match req.header("destination-account") {
        Some(a) => account_header(a)?,
        None => req.account.clone(),
    };
    let (container, object) = path_header(
        dest,
        "Destination header must be of the form <container name>/<object name>",
    )?;
    let mut headers = req.headers.clone();
    headers.remove("destination");
    headers.remove("destination-account");
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
    let source = format!("/{}/{}", req.container, req.object);
    set(&mut headers, "x-copy-from", quote(&source));
    if dest_account != req.account {
        set(&mut headers, "x-copy-from-account", quote(&req.account));
    }
    let sink = Arc::new(SwiftRequest {
        method: Method::PUT,
        headers,
        query: req.query.clone(),
        account: dest_account,
        container,
        object,
        token: req.token.clone(),
    });
    copy_put(st, sink).await
}

/// A PUT with `X-Copy-From`: the source's data (an SLO's joined data, or
/// the manifest itself with `?multipart-manifest=get`) and metadata, with
/// the request's metadata on top (alone with `X-Fresh-Metadata`).
async fn copy_put(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    if req
        .header("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok())
        .is_some_and(|l| l > 0)
    {
        return Err(Fault::bad_request("Copy requests require a zero byte body"));
    }
    let src_account = match req.header("x-copy-from-account") {
        Some(a) => account_header(a)?,
        None => req.account.clone(),
    };
    let (src_container, src_object) = path_header(
        req.header("x-copy-from").unwrap_or(""),
        "X-Copy-From header must be of the form <container name>/<object name>",
    )?;
    let copy_manifest = req.query.get("multipart-manifest") == Some("get");
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let (src_acct, src_ct, src_obj) = (
        src_account.clone(),
        src_container.clone(),
        src_object.clone(),
    );
    let (source, layout) = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let (_, obj, _) = readable(c, &r.requester(), &src_acct, &src_ct, &src_obj)?;
        let layout = match &obj.slo {
            Some(_) if copy_manifest => Vec::new(),
            Some(_) => slo::layout(c, &dir, &r.requester(), &src_acct, &obj)?,
            None => stored_layout(&dir, &obj)?,
        };
        Ok((obj, layout))
    })
    .await?;

    let mut extra = HeaderMap::new();
    set(&mut extra, "x-copied-from-account", quote(&src_account));
    set(
        &mut extra,
        "x-copied-from",
        quote(&format!("{src_container}/{src_object}")),
    );
    set(
        &mut extra,
        "x-copied-from-last-modified",
        http_date(ceil_secs(source.timestamp)),
    );

    // The sink's metadata: the source's, then the request's on top.
    let fresh = req.header("x-fresh-metadata").is_some_and(config_true);
    let mut headers = if fresh {
        Default::default()
    } else {
        source.headers.clone()
    };
    headers.extend(meta::object(&req.headers));
    let timestamp = now_ts();
    let delete_at =
        if req.headers.contains_key("x-delete-at") || req.headers.contains_key("x-delete-after") {
            meta::delete_at(&req.headers, timestamp)?
        } else if fresh {
            None
        } else {
            source.delete_at
        };
    let content_type = match req
        .headers
        .get(header::CONTENT_TYPE)
        .filter(|v| !v.is_empty())
    {
        Some(_) => content_type_for(&req, &req.object)?,
        None => source.content_type.clone(),
    };
    for (k, v) in &headers {
        if k.starts_with("x-object-meta-") {
            set(&mut extra, k, v);
        }
    }
    if let Some(at) = delete_at {
        set(&mut extra, "x-delete-at", at.to_string());
    }

    if copy_manifest && source.slo.is_some() {
        let manifest = slo::stored_manifest(&objects_dir(&st.data_dir), &source)?;
        let sink = slo::Sink {
            content_type,
            headers,
            delete_at,
            timestamp,
        };
        return slo::put_manifest(st, req, manifest, sink, extra).await;
    }

    check_name_length(&req.object)?;
    meta::check(&req.headers, "object")?;
    let length = body::total(&layout);
    if length > MAX_FILE_SIZE {
        return Err(Fault::status(StatusCode::PAYLOAD_TOO_LARGE));
    }
    let r = req.clone();
    let container_id = call(st, move |c| {
        Ok(writable(c, &r.requester(), &r.account, &r.container)?.id)
    })
    .await?;
    let dir = objects_dir(&st.data_dir);
    let pieces: Vec<Piece> = layout.into_iter().map(Piece::Extent).collect();
    let received = body::receive(&dir, std::pin::pin!(body::stream(pieces)), MAX_FILE_SIZE).await?;
    // A plain source's etag verifies the copy; an SLO's joined data has
    // no such etag.
    if source.slo.is_none() && received.md5 != source.etag {
        return Err(Fault::status(StatusCode::UNPROCESSABLE_ENTITY));
    }
    let obj = Object {
        container_id,
        name: req.object.clone(),
        size: received.size as i64,
        etag: received.md5.clone(),
        content_type,
        timestamp,
        delete_at,
        file: None,
        headers,
        slo: None,
    };
    let temp = received.temp;
    call(st, move |c| storage::commit_object(c, &dir, &obj, temp)).await?;
    Ok(created(&received.md5, timestamp, extra))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_like_python() {
        assert_eq!(quote("c/a b/ü%?#.html"), "c/a%20b/%C3%BC%25%3F%23.html");
        assert_eq!(quote("a-b_c.d~e"), "a-b_c.d~e");
    }

    #[test]
    fn guesses() {
        assert_eq!(guess_type("docs/readme.txt"), "text/plain");
        assert_eq!(guess_type("INDEX.HTML"), "text/html");
        assert_eq!(guess_type("docs/"), "application/octet-stream");
        assert_eq!(guess_type("a.b/c"), "application/octet-stream");
    }

    #[test]
    fn path_headers() {
        assert_eq!(
            path_header("/c/o/x", "bad").ok(),
            Some(("c".to_owned(), "o/x".to_owned()))
        );
        assert_eq!(
            path_header("c/a%20b", "bad").ok(),
            Some(("c".to_owned(), "a b".to_owned()))
        );
        assert!(path_header("c", "bad").is_err());
        assert!(path_header("/c/", "bad").is_err());
    }
}
