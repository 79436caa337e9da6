//! Swift object data through Zenith: `PUT /data/objects/{container}/{object}`
//! streams a browser's upload into Swift, `GET` streams an object back as
//! an attachment. Both path parts are one percent-encoded segment each, so
//! names with `/`, `?`, `#` or `%` arrive intact.
//!
//! The bytes pass through chunk by chunk, in constant memory. An upload
//! larger than the segment size goes to Swift as a static large object
//! (segments in `<container>_segments`, then a manifest), so it may exceed
//! Swift's largest single object. Like `/data/images`, these routes answer
//! a missing login with a JSON 401, and the Origin check applies to PUT.

use app::error::AppError;
use app::ssr::Backend;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use openstack::object_store::{self, Upload};
use serde_json::json;
use tower_sessions::Session;

use crate::transfer::{api, attachment_headers, content_length, download_filename, error_response};

/// Default size of a large object's segments, and the size above which an
/// upload is segmented: 1 GiB, well below Swift's 5 GiB object limit.
pub const DEFAULT_SEGMENT_SIZE: u64 = 1 << 30;

#[derive(Clone)]
struct ObjectData {
    backend: Backend,
    segment_size: u64,
}

/// The routes, ready to merge into the session-wrapped router.
pub fn routes(backend: Backend, segment_size: u64) -> Router {
    Router::new()
        .route(
            "/data/objects/{container}/{object}",
            get(download).put(upload),
        )
        // Objects can be gigabytes; the body is streamed, never buffered.
        .layer(DefaultBodyLimit::disable())
        .with_state(ObjectData {
            backend,
            segment_size: segment_size.max(1),
        })
}

/// Swift's own limits on names, checked before any byte is sent.
fn check_names(container: &str, object: &str) -> Result<(), AppError> {
    if container.is_empty() || container.contains('/') || container.len() > 256 {
        return Err(AppError::invalid("container", "containers-name-invalid"));
    }
    if object.is_empty() || object.len() > 1024 {
        return Err(AppError::invalid("file", "objects-name-invalid"));
    }
    Ok(())
}

async fn upload(
    State(st): State<ObjectData>,
    session: Session,
    Path((container, object)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match upload_data(&st, &session, &container, &object, &headers, body).await {
        Ok(etag) => (StatusCode::CREATED, Json(json!({ "etag": etag }))).into_response(),
        Err(e) => {
            tracing::warn!(%container, error = %e, "object upload failed");
            error_response(e)
        }
    }
}

async fn upload_data(
    st: &ObjectData,
    session: &Session,
    container: &str,
    object: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<String, AppError> {
    check_names(container, object)?;
    let api = api(session, &st.backend).await?;
    let size = content_length(headers)?;
    // The browser sends the file's type; an empty one lets Swift guess.
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty());
    let meta = Default::default();
    let upload = Upload {
        content_type,
        size,
        etag: None,
        meta: &meta,
        if_none_match: false,
    };
    let stream = body.into_data_stream();
    let etag = match size {
        Some(size) if size <= st.segment_size => {
            let body = openstack::Body::wrap_stream(stream);
            object_store::upload_object(&api, container, object, body, &upload).await?
        }
        // Bigger than a segment, or of unknown size: a static large object.
        _ => {
            object_store::upload_large_object(
                &api,
                container,
                object,
                stream,
                &upload,
                st.segment_size,
            )
            .await?
        }
    };
    tracing::info!(%container, bytes = ?size, "object uploaded");
    Ok(etag)
}

async fn download(
    State(st): State<ObjectData>,
    session: Session,
    Path((container, object)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    match download_data(&st, &session, &container, &object, &headers).await {
        Ok(response) => response,
        Err(e) => {
            tracing::warn!(%container, error = %e, "object download failed");
            error_response(e)
        }
    }
}

async fn download_data(
    st: &ObjectData,
    session: &Session,
    container: &str,
    object: &str,
    request: &HeaderMap,
) -> Result<Response, AppError> {
    check_names(container, object)?;
    let api = api(session, &st.backend).await?;
    // A resumed download asks for the rest; Swift answers 206.
    let range = request.get(header::RANGE).and_then(|v| v.to_str().ok());
    let data = object_store::download_object(&api, container, object, range).await?;
    let leaf = object
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let mut headers = attachment_headers(&download_filename(leaf, None, "object"));
    for name in [
        header::CONTENT_LENGTH,
        header::CONTENT_RANGE,
        header::ACCEPT_RANGES,
        header::ETAG,
        header::LAST_MODIFIED,
    ] {
        if let Some(v) = data.headers().get(&name) {
            headers.insert(name, v.clone());
        }
    }
    if !headers.contains_key(header::ACCEPT_RANGES) {
        headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    }
    let status = StatusCode::from_u16(data.status().as_u16()).unwrap_or(StatusCode::OK);
    Ok((status, headers, Body::from_stream(data.bytes_stream())).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_swift_limits() {
        assert!(check_names("c", "a/b c?#%.html").is_ok());
        assert!(check_names("", "o").is_err());
        assert!(check_names("a/b", "o").is_err());
        assert!(check_names(&"c".repeat(257), "o").is_err());
        assert!(check_names("c", "").is_err());
        assert!(check_names("c", &"o".repeat(1025)).is_err());
    }
}
