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
use axum::Router;
use openstack::image;
use tower_sessions::Session;

use crate::transfer::{api, attachment_headers, content_length, download_filename, error_response};

/// The routes, ready to merge into the session-wrapped router.
pub fn routes(backend: Backend) -> Router {
    Router::new()
        .route("/data/images/{id}", get(download).put(upload))
        // Images are gigabytes and the body is streamed, never buffered.
        .layer(DefaultBodyLimit::disable())
        .with_state(backend)
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
    let size = content_length(headers)?;
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
    let mut headers = attachment_headers(&download_filename(
        name,
        img.disk_format.as_deref(),
        "image",
    ));
    if let Some(len) = data.content_length() {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Ok((headers, Body::from_stream(data.bytes_stream())).into_response())
}
