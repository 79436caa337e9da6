//! Image data through Zenith: `PUT /data/images/{id}` streams a browser's
//! upload into Glance, `GET /data/images/{id}` streams the data back. The
//! bytes pass through chunk by chunk (constant memory, any size), and the
//! Keystone token never leaves the server.
//!
//! These routes sit outside the page gate: they answer a missing login
//! with a 401 and a JSON error the browser can translate, not a redirect.
//! The Origin check (CSRF) applies to the upload like to every other
//! state-changing request.

use app::error::AppError;
use app::ssr::Backend;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use openstack::image;
use serde_json::json;
use tower_sessions::Session;

/// The routes, ready to merge into the session-wrapped router.
pub fn routes(backend: Backend) -> Router {
    Router::new()
        .route("/data/images/{id}", get(download).put(upload))
        // Images are gigabytes and the body is streamed, never buffered.
        .layer(DefaultBodyLimit::disable())
        .with_state(backend)
}

/// The error body: the Fluent `key` and an English `message`, plus the
/// whole [`AppError`] so the browser can render it with its arguments.
fn error_response(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = json!({"error": {
        "key": err.message_key(),
        "message": err.to_string(),
        "status": status.as_u16(),
        "app_error": err,
    }});
    (status, Json(body)).into_response()
}

/// The user's client session for the cloud, or why there is none.
async fn api(session: &Session, backend: &Backend) -> Result<openstack::Session, AppError> {
    let login = app::ssr::session::load(session).await?;
    Ok(login.api(backend))
}

async fn upload(
    State(backend): State<Backend>,
    session: Session,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    match upload_data(&backend, &session, &id, &headers, body).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => {
            tracing::warn!(image = %id, error = %e, "image upload failed");
            error_response(e)
        }
    }
}

async fn upload_data(
    backend: &Backend,
    session: &Session,
    id: &str,
    headers: &HeaderMap,
    body: Body,
) -> Result<(), AppError> {
    let api = api(session, backend).await?;
    let size = match headers.get(header::CONTENT_LENGTH) {
        None => None,
        Some(v) => Some(
            v.to_str()
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .ok_or_else(|| AppError::invalid("file", "error-bad-request"))?,
        ),
    };
    // Glance would refuse a non-queued image only after the upload started;
    // refusing here spares the browser sending gigabytes for nothing.
    let img = image::get_image(&api, id).await?;
    if img.status != "queued" {
        return Err(AppError::Cloud {
            status: 409,
            message: format!(
                "image {id} is {}; only a queued image takes data",
                img.status
            ),
        });
    }
    let body = image::Body::wrap_stream(body.into_data_stream());
    image::upload_image_data(&api, id, body, size).await?;
    tracing::info!(image = %id, bytes = ?size, "image data uploaded");
    Ok(())
}

async fn download(
    State(backend): State<Backend>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    match download_data(&backend, &session, &id).await {
        Ok(response) => response,
        Err(e) => {
            tracing::warn!(image = %id, error = %e, "image download failed");
            error_response(e)
        }
    }
}

async fn download_data(
    backend: &Backend,
    session: &Session,
    id: &str,
) -> Result<Response, AppError> {
    let api = api(session, backend).await?;
    let img = image::get_image(&api, id).await?;
    let Some(data) = image::download_image_data(&api, id).await? else {
        // No data yet: Glance's 204, passed on.
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let name = img.name.as_deref().unwrap_or(id);
    let filename = download_filename(name, img.disk_format.as_deref());
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&content_disposition(&filename)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    if let Some(len) = data.content_length() {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Ok((headers, Body::from_stream(data.bytes_stream())).into_response())
}

/// `<name>.<disk_format>` made safe as a file name on any system: no path
/// separators, control or reserved characters, no leading dots.
fn download_filename(name: &str, disk_format: Option<&str>) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect()
    };
    let mut base: String = clean(name)
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .chars()
        .take(200)
        .collect();
    if base.is_empty() {
        base = "image".to_owned();
    }
    let Some(ext) = disk_format.map(clean).filter(|f| !f.is_empty()) else {
        return base;
    };
    let suffix = format!(".{}", ext.to_lowercase());
    if base.to_lowercase().ends_with(&suffix) {
        base
    } else {
        format!("{base}.{ext}")
    }
}

/// `attachment` with an ASCII `filename` for old clients and, for names
/// beyond ASCII, the exact one as RFC 5987 `filename*`.
fn content_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| match c {
            '"' | '\\' => '_',
            c if c.is_ascii() && !c.is_control() => c,
            _ => '_',
        })
        .collect();
    if ascii == filename {
        return format!("attachment; filename=\"{ascii}\"");
    }
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        rfc5987_encode(filename)
    )
}

/// Percent-encodes everything but RFC 5987 `attr-char`.
fn rfc5987_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_safe() {
        assert_eq!(download_filename("cirros", Some("qcow2")), "cirros.qcow2");
        assert_eq!(
            download_filename("cirros.QCOW2", Some("qcow2")),
            "cirros.QCOW2"
        );
        assert_eq!(
            download_filename("../../etc/passwd", Some("raw")),
            "_.._etc_passwd.raw"
        );
        assert_eq!(download_filename("a\"b\\c\r\nd", None), "a_b_c__d");
        assert_eq!(download_filename("...", Some("iso")), "image.iso");
        assert_eq!(download_filename(" ", None), "image");
        assert_eq!(download_filename(&"x".repeat(500), None).len(), 200);
    }

    #[test]
    fn non_ascii_names_use_filename_star() {
        assert_eq!(
            content_disposition("cirros.qcow2"),
            "attachment; filename=\"cirros.qcow2\""
        );
        assert_eq!(
            content_disposition("Ubuntu 日本.raw"),
            "attachment; filename=\"Ubuntu __.raw\"; filename*=UTF-8''Ubuntu%20%E6%97%A5%E6%9C%AC.raw"
        );
        assert_eq!(
            content_disposition("ü;\"x"),
            "attachment; filename=\"_;_x\"; filename*=UTF-8''%C3%BC%3B%22x"
        );
    }

    #[test]
    fn errors_carry_the_message_key() {
        let res = error_response(AppError::NotLoggedIn);
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let res = error_response(AppError::Cloud {
            status: 409,
            message: "busy".into(),
        });
        assert_eq!(res.status(), StatusCode::CONFLICT);
    }
}
