//! Static large objects: a stream cut into segments, each `PUT` as its own
//! streamed object, then a manifest naming them.
//!
//! Memory stays constant whatever the segment size: each segment's
//! request is fed from a small bounded channel, chunk by chunk, as the
//! input stream yields them.

use std::error::Error as StdError;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use md5::{Digest, Md5};
use reqwest::header::{HeaderMap, CONTENT_LENGTH};
use reqwest::{Body, Method};
use serde::Serialize;

use super::objects::{drain, response_etag, size_mismatch};
use super::{
    create_container, delete_objects, get_container, invalid, object_path, upload_object,
    ContainerCreate, Upload, SERVICE_TYPE,
};
use crate::error::{safe_url, Error, Result};
use crate::session::Session;

/// Chunks waiting between the input stream and a segment's request.
const CHANNEL_CHUNKS: usize = 4;

type BoxError = Box<dyn StdError + Send + Sync>;

/// The input stream, with a chunk read too far put back, and the running
/// totals.
struct Source<S> {
    stream: S,
    pending: Option<Bytes>,
    read: u64,
    md5: Md5,
}

impl<S, E> Source<S>
where
    S: Stream<Item = std::result::Result<Bytes, E>> + Unpin,
    E: Into<BoxError>,
{
    /// The next non-empty chunk, or `None` at the end.
    async fn next(&mut self) -> std::result::Result<Option<Bytes>, BoxError> {
        if let Some(chunk) = self.pending.take() {
            return Ok(Some(chunk));
        }
        while let Some(item) = self.stream.next().await {
            let chunk = item.map_err(Into::into)?;
            if !chunk.is_empty() {
                return Ok(Some(chunk));
            }
        }
        Ok(None)
    }

    /// Whether data remains (reading ahead one chunk if needed).
    async fn has_more(&mut self) -> std::result::Result<bool, BoxError> {
        let next = self.next().await?;
        let more = next.is_some();
        self.pending = next;
        Ok(more)
    }
}

/// What one streamed `PUT` sent and got.
struct Piece {
    /// The ETag Swift answered.
    etag: String,
    /// The MD5 of what was sent (hex).
    md5: String,
    size: u64,
}

/// One entry of an SLO manifest.
#[derive(Serialize)]
struct ManifestSegment {
    /// `/{container}/{object}`, not encoded: Swift encodes it.
    path: String,
    etag: String,
    size_bytes: u64,
}

/// The error of a failed input stream. No variant fits a local read
/// failure better: a plain upload whose body stream fails reports the
/// same through reqwest.
fn source_error(session: &Session, path: &str, e: &BoxError) -> Error {
    let url = session
        .endpoint(SERVICE_TYPE)
        .map(|base| safe_url(&crate::session::join_url(&base, path)))
        .unwrap_or_default();
    Error::Unreachable {
        url,
        reason: format!("reading the data to upload failed: {e}"),
    }
}

/// `PUT`s up to `limit` bytes of `source` to `path`, streamed, with
/// `Content-Length` when `length` is known (it must then equal what the
/// source still has up to `limit`).
async fn put_piece<S, E>(
    session: &Session,
    path: &str,
    source: &mut Source<S>,
    limit: u64,
    length: Option<u64>,
    headers: HeaderMap,
) -> Result<Piece>
where
    S: Stream<Item = std::result::Result<Bytes, E>> + Unpin,
    E: Into<BoxError>,
{
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(CHANNEL_CHUNKS);
    let body = Body::wrap_stream(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    }));
    let mut builder = session
        .request(Method::PUT, SERVICE_TYPE, path)?
        .headers(headers)
        .body(body);
    if let Some(length) = length {
        builder = builder.header(CONTENT_LENGTH, length);
    }
    let send = async {
        let response = session.send(builder).await?;
        let etag = response_etag(&response);
        drain(response).await?;
        Ok::<_, Error>(etag)
    };
    let feed = async {
        let mut md5 = Md5::new();
        let mut sent = 0u64;
        while sent < limit {
            let mut chunk = match source.next().await {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(e) => {
                    // Abort the request rather than end it cleanly.
                    let _ = tx
                        .send(Err(std::io::Error::other("the upload data failed")))
                        .await;
                    return Err(e);
                }
            };
            let room = limit - sent;
            if chunk.len() as u64 > room {
                // `room` is below the chunk's length, so it fits a usize.
                let rest = chunk.split_off(room as usize);
                source.pending = Some(rest);
            }
            md5.update(&chunk);
            source.md5.update(&chunk);
            sent += chunk.len() as u64;
            source.read += chunk.len() as u64;
            if tx.send(Ok(chunk)).await.is_err() {
                // The request ended early; its result says why.
                break;
            }
        }
        if length.is_some_and(|length| sent < length) {
            // Short of the announced length: abort rather than let Swift
            // wait for the rest.
            let _ = tx
                .send(Err(std::io::Error::other("the upload data ended early")))
                .await;
        }
        drop(tx);
        Ok((hex(&md5.finalize()), sent))
    };
    let (sent, fed) = tokio::join!(send, feed);
    let (md5, size) = fed.map_err(|e| source_error(session, path, &e))?;
    if let Some(length) = length {
        if size != length {
            return Err(size_mismatch(length, size));
        }
    }
    let etag = sent?;
    if !etag.eq_ignore_ascii_case(&md5) {
        let url = crate::session::join_url(&session.endpoint(SERVICE_TYPE)?, path);
        return Err(Error::decode(
            &url,
            format!("Swift stored data with MD5 {etag}, but {md5} was sent"),
        ));
    }
    Ok(Piece { etag, md5, size })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Uploads a stream as a static large object, in constant memory: its
/// bytes go in segments of `segment_size` (the last one shorter), each its
/// own streamed `PUT` to `<container>_segments` (created if missing, with
/// the container's storage policy) named
/// `<object>/slo/<unix time>.<µs>/<size or 0>/<segment_size>/<index:08>`
/// as python-swiftclient names them; then a manifest is `PUT` at
/// `object`. Each segment's MD5 is computed as it streams and checked
/// against Swift's ETag. Returns the manifest's ETag.
///
/// With `upload.size` known the segments carry `Content-Length`, and a
/// stream of another length is refused; `upload.etag`, if given, is
/// checked against the MD5 of the whole data before the manifest is
/// written (HTTP 422 on mismatch, as Swift answers for plain objects).
/// An empty stream, or one that fits one segment by `upload.size`, is
/// uploaded as a plain object. On any failure the segments written so far
/// are deleted (best effort) and the error returned.
///
/// Swift caps a manifest at [`SloInfo::max_manifest_segments`]
/// (1000 by default), so pick `segment_size` of at least the size over
/// that ([`get_info`](super::get_info)).
///
/// [`SloInfo::max_manifest_segments`]: super::SloInfo::max_manifest_segments
pub async fn upload_large_object<S, E>(
    session: &Session,
    container: &str,
    object: &str,
    stream: S,
    upload: &Upload<'_>,
    segment_size: u64,
) -> Result<String>
where
    S: Stream<Item = std::result::Result<Bytes, E>> + Send + Unpin + 'static,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    if segment_size == 0 {
        return Err(invalid("the segment size must be at least one byte"));
    }
    let target = object_path(container, object)?;
    let mut source = Source {
        stream,
        pending: None,
        read: 0,
        md5: Md5::new(),
    };
    if !source
        .has_more()
        .await
        .map_err(|e| source_error(session, &target, &e))?
    {
        if let Some(size) = upload.size.filter(|s| *s > 0) {
            return Err(size_mismatch(size, 0));
        }
        let empty = Upload {
            size: Some(0),
            ..*upload
        };
        return upload_object(session, container, object, Body::from(Bytes::new()), &empty).await;
    }
    if let Some(size) = upload.size.filter(|s| *s <= segment_size) {
        // Fits one segment: a plain object, as swiftclient does.
        let piece = put_piece(
            session,
            &target,
            &mut source,
            size,
            Some(size),
            upload.headers(true)?,
        )
        .await?;
        if source.has_more().await.unwrap_or(true) {
            let _ = super::delete_object(session, container, object).await;
            return Err(invalid(format!(
                "the data to upload is longer than its given size of {size} bytes"
            )));
        }
        return Ok(piece.etag);
    }

    let info = get_container(session, container).await?;
    let segment_container = format!("{container}_segments");
    match get_container(session, &segment_container).await {
        Ok(_) => {}
        Err(Error::NotFound { .. }) => {
            let create = ContainerCreate {
                storage_policy: info.storage_policy.clone(),
                ..Default::default()
            };
            create_container(session, &segment_container, &create).await?;
        }
        Err(e) => return Err(e),
    }
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let prefix = format!(
        "{object}/slo/{}.{:06}/{}/{segment_size}/",
        now.as_secs(),
        now.subsec_micros(),
        upload.size.unwrap_or(0)
    );

    let mut written = Vec::new();
    let result = upload_segments(
        session,
        &target,
        &segment_container,
        &prefix,
        &mut source,
        upload,
        segment_size,
        &mut written,
    )
    .await;
    if result.is_err() && !written.is_empty() {
        match delete_objects(session, &segment_container, &written).await {
            Ok(r) if r.errors.is_empty() => {}
            Ok(r) => tracing::warn!(
                container = %segment_container,
                left = r.errors.len(),
                "could not delete all segments of a failed upload"
            ),
            Err(e) => tracing::warn!(
                container = %segment_container,
                error = %e,
                "could not delete the segments of a failed upload"
            ),
        }
    }
    result
}

/// The segments and the manifest; `written` collects every segment name
/// a request was started for, for the clean-up.
#[allow(clippy::too_many_arguments)]
async fn upload_segments<S, E>(
    session: &Session,
    target: &str,
    segment_container: &str,
    prefix: &str,
    source: &mut Source<S>,
    upload: &Upload<'_>,
    segment_size: u64,
    written: &mut Vec<String>,
) -> Result<String>
where
    S: Stream<Item = std::result::Result<Bytes, E>> + Unpin,
    E: Into<BoxError>,
{
    let mut manifest = Vec::new();
    while source
        .has_more()
        .await
        .map_err(|e| source_error(session, target, &e))?
    {
        let length = match upload.size {
            Some(size) if source.read >= size => {
                return Err(invalid(format!(
                    "the data to upload is longer than its given size of {size} bytes"
                )))
            }
            Some(size) => Some(segment_size.min(size - source.read)),
            None => None,
        };
        let name = format!("{prefix}{:08}", manifest.len());
        written.push(name.clone());
        let piece = put_piece(
            session,
            &object_path(segment_container, &name)?,
            source,
            segment_size,
            length,
            HeaderMap::new(),
        )
        .await?;
        manifest.push(ManifestSegment {
            path: format!("/{segment_container}/{name}"),
            etag: piece.md5,
            size_bytes: piece.size,
        });
    }
    if let Some(size) = upload.size {
        if source.read != size {
            return Err(size_mismatch(size, source.read));
        }
    }
    if let Some(expected) = upload.etag {
        let md5 = hex(&std::mem::take(&mut source.md5).finalize());
        if !expected.trim().trim_matches('"').eq_ignore_ascii_case(&md5) {
            return Err(Error::Api {
                status: 422,
                message: format!("the data has MD5 {md5}, not the given ETag {expected}"),
            });
        }
    }
    let body = serde_json::to_vec(&manifest)
        .map_err(|e| Error::Config(format!("cannot encode the manifest: {e}")))?;
    // The manifest's ETag is Swift's own (of the segments' ETags), so the
    // data's ETag is not sent.
    let builder = session
        .request(
            Method::PUT,
            SERVICE_TYPE,
            &format!("{target}?multipart-manifest=put"),
        )?
        .headers(upload.headers(false)?)
        .body(body);
    // Swift checks every segment before answering: no whole timeout.
    let response = session.send(builder).await?;
    let etag = response_etag(&response);
    drain(response).await?;
    Ok(etag)
}
