//! Object bodies: where the bytes of an object are (one file, or the
//! segments of a large object), byte ranges over them, and the streams that
//! send and receive them in constant memory.

use std::collections::VecDeque;
use std::io::SeekFrom;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use futures_util::{Stream, StreamExt};
use md5::{Digest, Md5};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};
use tokio_util::io::ReaderStream;

use super::storage::TempFile;
use super::Fault;

const CHUNK: usize = 64 * 1024;

/// Where some bytes of an object come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file opened while its row was read, so a concurrent replace
    /// cannot swap it away.
    Handle(Arc<std::fs::File>),
    /// A file opened when its turn comes (large-object segments).
    Path(PathBuf),
    /// Inline bytes (an SLO `data` segment).
    Data(Bytes),
}

/// A run of bytes: `len` bytes from `offset` of `source`.
#[derive(Clone, Debug)]
pub struct Extent {
    pub source: Source,
    pub offset: u64,
    pub len: u64,
}

/// An object's content, in order.
pub type Layout = Vec<Extent>;

pub fn total(layout: &[Extent]) -> u64 {
    layout.iter().map(|e| e.len).sum()
}

/// The extents covering bytes `[start, end)` of `layout`.
pub fn slice(layout: &[Extent], start: u64, end: u64) -> Layout {
    let mut out = Vec::new();
    let mut pos = 0u64;
    for e in layout {
        let (from, to) = (pos, pos + e.len);
        pos = to;
        if to <= start || from >= end {
            continue;
        }
        let skip = start.saturating_sub(from);
        let take = end.min(to) - from - skip;
        out.push(Extent {
            source: e.source.clone(),
            offset: e.offset + skip,
            len: take,
        });
    }
    out
}

/// Pieces of a response body: literal bytes (multipart headers) and extents.
pub enum Piece {
    Bytes(Bytes),
    Extent(Extent),
}

/// Streams `pieces` in order, opening each file when its turn comes.
pub fn stream(pieces: Vec<Piece>) -> impl Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    struct State {
        pieces: VecDeque<Piece>,
        current: Option<ReaderStream<tokio::io::Take<tokio::fs::File>>>,
    }
    let state = State {
        pieces: pieces.into(),
        current: None,
    };
    futures_util::stream::unfold(state, |mut s| async move {
        loop {
            if let Some(reader) = s.current.as_mut() {
                match reader.next().await {
                    Some(Ok(b)) => return Some((Ok(b), s)),
                    Some(Err(e)) => {
                        s.pieces.clear();
                        s.current = None;
                        return Some((Err(e), s));
                    }
                    None => s.current = None,
                }
            }
            match s.pieces.pop_front()? {
                Piece::Bytes(b) => return Some((Ok(b), s)),
                Piece::Extent(Extent {
                    source: Source::Data(d),
                    offset,
                    len,
                }) => {
                    let (from, to) = (offset as usize, (offset + len) as usize);
                    return Some((Ok(d.slice(from.min(d.len())..to.min(d.len()))), s));
                }
                Piece::Extent(e) => match open(&e).await {
                    Ok(reader) => s.current = Some(reader),
                    Err(err) => {
                        s.pieces.clear();
                        return Some((Err(err), s));
                    }
                },
            }
        }
    })
}

async fn open(e: &Extent) -> std::io::Result<ReaderStream<tokio::io::Take<tokio::fs::File>>> {
    let mut file = match &e.source {
        // A duplicate shares the offset, which is fine: extents are read
        // one after the other and each seeks first.
        Source::Handle(f) => tokio::fs::File::from_std(f.try_clone()?),
        Source::Path(p) => tokio::fs::File::open(p).await?,
        Source::Data(_) => {
            return Err(std::io::Error::other("inline data is not a file"));
        }
    };
    file.seek(SeekFrom::Start(e.offset)).await?;
    let len = file.metadata().await?.len();
    if len < e.offset + e.len {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "object data file is shorter than its row says",
        ));
    }
    Ok(ReaderStream::with_capacity(file.take(e.len), CHUNK))
}

/// A file path inside the objects directory.
pub fn data_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(file)
}

// ---------------------------------------------------------------------------
// Receiving

/// An upload written to a temporary file.
pub struct Received {
    /// `None` when no bytes came: empty objects have no file.
    pub temp: Option<TempFile>,
    pub size: u64,
    pub md5: String,
}

/// Writes `body` to a new temporary file in `dir`, hashing it, and syncs it.
/// More than `limit` bytes is a 413; a failing body (a client that went
/// away) whatever `E` converts to. The file is removed on any failure.
pub async fn receive<S, E>(dir: &Path, mut body: S, limit: u64) -> Result<Received, Fault>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    Fault: From<E>,
{
    let (temp, file) = TempFile::create(dir).await?;
    let mut out = tokio::io::BufWriter::with_capacity(4 * CHUNK, file);
    let mut md5 = Md5::new();
    let mut size = 0u64;
    while let Some(chunk) = body.next().await {
        let chunk = chunk?;
        size += chunk.len() as u64;
        if size > limit {
            return Err(Fault::plain(
                StatusCode::PAYLOAD_TOO_LARGE,
                "Your request is too large.",
            ));
        }
        md5.update(&chunk);
        out.write_all(&chunk).await?;
    }
    out.flush().await?;
    let file = out.into_inner();
    file.sync_all().await?;
    drop(file);
    Ok(Received {
        temp: (size > 0).then_some(temp),
        size,
        md5: hex(&md5.finalize()),
    })
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn md5_hex(data: &[u8]) -> String {
    hex(&Md5::digest(data))
}

/// A request body failing mid-way: the client went away or broke the
/// framing.
impl From<axum::Error> for Fault {
    fn from(e: axum::Error) -> Fault {
        tracing::debug!(error = %e, "request body failed");
        Fault::status(StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST))
    }
}

// ---------------------------------------------------------------------------
// Ranges (swob.Range)

/// A parsed `Range` header: `(start, end)` pairs as given, either side
/// possibly absent. `None` for a header Swift ignores as invalid.
pub fn parse_range(header: &str) -> Option<Vec<(Option<u64>, Option<u64>)>> {
    let value: String = header.chars().filter(|c| *c != ' ').collect();
    let specs = value
        .get(..6)
        .filter(|p| p.eq_ignore_ascii_case("bytes="))
        .map(|_| &value[6..])?;
    let digits = |s: &str| -> Option<Option<u64>> {
        if s.is_empty() {
            Some(None)
        } else if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok().map(Some)
        } else {
            None
        }
    };
    let mut ranges = Vec::new();
    for spec in specs.split(',') {
        let (start, end) = spec.split_once('-')?;
        let (start, end) = (digits(start)?, digits(end)?);
        match (start, end) {
            (None, None) => return None,
            (Some(s), Some(e)) if e < s => return None,
            _ => {}
        }
        ranges.push((start, end));
    }
    Some(ranges)
}

/// `Range.ranges_for_length`: satisfiable `[start, end)` ranges; empty
/// means 416. Egregious requests (more than 50 ranges, more than 2
/// overlaps, 8 or more out of order) are refused like unsatisfiable ones.
pub fn ranges_for_length(ranges: &[(Option<u64>, Option<u64>)], length: u64) -> Vec<(u64, u64)> {
    let mut all = Vec::new();
    for &(begin, end) in ranges {
        match (begin, end) {
            (None, Some(0)) => {}
            (None, Some(n)) => all.push((length.saturating_sub(n), length)),
            (Some(b), None) => {
                if b < length {
                    all.push((b, length));
                }
            }
            (Some(b), Some(e)) => {
                if b < length {
                    all.push((b, (e + 1).min(length)));
                }
            }
            (None, None) => {}
        }
    }
    if all.len() > 50 {
        return Vec::new();
    }
    let mut overlaps = 0;
    for (i, &(s1, e1)) in all.iter().enumerate() {
        for &(s2, e2) in &all[i + 1..] {
            if (s1 < s2 && s2 < e1)
                || (s1 < e2 && e2 < e1)
                || (s2 < s1 && s1 < e2)
                || (s2 < e1 && e1 < e2)
            {
                overlaps += 1;
                if overlaps > 2 {
                    return Vec::new();
                }
            }
        }
    }
    let ascending = all.windows(2).all(|w| w[0] <= w[1]);
    if !ascending && all.len() >= 8 {
        return Vec::new();
    }
    all
}

pub fn content_range(start: u64, end: u64, total: u64) -> String {
    format!("bytes {}-{}/{}", start, end - 1, total)
}

/// A `multipart/byteranges` body over `layout`, as swob writes it; returns
/// the pieces and the body length.
pub fn multipart(
    layout: &[Extent],
    ranges: &[(u64, u64)],
    content_type: &str,
    boundary: &str,
) -> (Vec<Piece>, u64) {
    let size = total(layout);
    let mut pieces = Vec::new();
    let mut len = 0u64;
    for &(start, end) in ranges {
        let head = format!(
            "--{boundary}\r\nContent-Type: {content_type}\r\nContent-Range: {}\r\n\r\n",
            content_range(start, end, size)
        );
        len += head.len() as u64 + (end - start) + 2;
        pieces.push(Piece::Bytes(Bytes::from(head)));
        pieces.extend(slice(layout, start, end).into_iter().map(Piece::Extent));
        pieces.push(Piece::Bytes(Bytes::from_static(b"\r\n")));
    }
    let tail = format!("--{boundary}--");
    len += tail.len() as u64;
    pieces.push(Piece::Bytes(Bytes::from(tail)));
    (pieces, len)
}

// ---------------------------------------------------------------------------
// Conditional requests (swob's conditional_response)

/// An `If-Match` / `If-None-Match` value: etags without quotes, or `*`.
fn matches(header: &str, etag: &str) -> bool {
    let normalize = |t: &str| -> String {
        let t = t.trim();
        if t.len() >= 2 && t.starts_with('"') && t.ends_with('"') {
            t[1..t.len() - 1].to_owned()
        } else {
            t.to_owned()
        }
    };
    let etag = normalize(etag);
    header
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .any(|t| t == "*" || normalize(t) == etag)
}

/// 304 or 412 when the request's conditions are not met by an entity with
/// this etag and `Last-Modified` (whole seconds), in swob's order.
pub fn conditional(headers: &HeaderMap, etag: &str, last_modified: i64) -> Option<StatusCode> {
    let h = |name: &str| super::header_str(headers, name);
    if h("if-none-match").is_some_and(|v| matches(v, etag)) {
        return Some(StatusCode::NOT_MODIFIED);
    }
    if h("if-match").is_some_and(|v| !matches(v, etag)) {
        return Some(StatusCode::PRECONDITION_FAILED);
    }
    if let Some(since) = h("if-modified-since").and_then(super::parse_http_date) {
        if last_modified <= since {
            return Some(StatusCode::NOT_MODIFIED);
        }
    }
    if let Some(since) = h("if-unmodified-since").and_then(super::parse_http_date) {
        if last_modified > since {
            return Some(StatusCode::PRECONDITION_FAILED);
        }
    }
    None
}

/// Whether `If-Match` holds `*`: a missing object then fails with 412.
pub fn if_match_any(headers: &HeaderMap) -> bool {
    super::header_str(headers, "if-match").is_some_and(|v| v.split(',').any(|t| t.trim() == "*"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data(s: &'static str) -> Extent {
        Extent {
            source: Source::Data(Bytes::from_static(s.as_bytes())),
            offset: 0,
            len: s.len() as u64,
        }
    }

    #[test]
    fn ranges_like_swob() {
        let r = |h: &str, len: u64| parse_range(h).map(|r| ranges_for_length(&r, len));
        assert_eq!(r("bytes=0-3", 11), Some(vec![(0, 4)]));
        assert_eq!(r("bytes=-3", 11), Some(vec![(8, 11)]));
        assert_eq!(r("bytes=5-", 11), Some(vec![(5, 11)]));
        assert_eq!(r("bytes=-50", 11), Some(vec![(0, 11)]));
        assert_eq!(r("bytes=50-", 11), Some(vec![]));
        assert_eq!(r("bytes=0-1,5-6", 11), Some(vec![(0, 2), (5, 7)]));
        assert_eq!(r("bytes=5-3", 11), None);
        assert_eq!(r("bytes=-", 11), None);
        assert_eq!(r("items=0-1", 11), None);
        assert_eq!(r("bytes=0-1,0-1,0-1,0-1", 11).map(|v| v.len()), Some(4));
        assert_eq!(r("bytes=0-5,1-5,2-5,3-5", 11), Some(vec![]));
    }

    #[test]
    fn slices_cross_extents() {
        let layout = vec![data("hello "), data("big "), data("world")];
        let got: Vec<(u64, u64)> = slice(&layout, 4, 12)
            .iter()
            .map(|e| (e.offset, e.len))
            .collect();
        assert_eq!(got, [(4, 2), (0, 4), (0, 2)]);
        assert_eq!(total(&layout), 15);
    }

    #[test]
    fn conditions() {
        let mut h = HeaderMap::new();
        h.insert("if-none-match", "\"abc\"".parse().expect("value"));
        assert_eq!(conditional(&h, "abc", 10), Some(StatusCode::NOT_MODIFIED));
        let mut h = HeaderMap::new();
        h.insert("if-match", "xyz".parse().expect("value"));
        assert_eq!(
            conditional(&h, "abc", 10),
            Some(StatusCode::PRECONDITION_FAILED)
        );
        let mut h = HeaderMap::new();
        h.insert(
            "if-modified-since",
            "Thu, 01 Jan 1970 00:00:10 GMT".parse().expect("value"),
        );
        assert_eq!(conditional(&h, "abc", 10), Some(StatusCode::NOT_MODIFIED));
        assert_eq!(conditional(&h, "abc", 11), None);
    }
}
