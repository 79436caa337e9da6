//! Image data: `PUT` and `GET /v2/images/{image_id}/file`, streamed: the
//! body is never held in memory, and no whole-request timeout cuts off a
//! long transfer (only the client's read timeout applies).

use reqwest::header::CONTENT_LENGTH;
use reqwest::{Body, Method, Response, StatusCode};

use super::{image_path, SERVICE_TYPE};
use crate::error::{Error, Result};
use crate::session::Session;

/// `PUT /v2/images/{image_id}/file`: uploads the data of a `queued` image
/// (with `disk_format` and `container_format` set), which then becomes
/// `active`. `size` is sent as `Content-Length` when known; otherwise the
/// body goes chunked. Build a streaming body with
/// [`Body::wrap_stream`](reqwest::Body::wrap_stream).
pub async fn upload_image_data(
    session: &Session,
    image_id: &str,
    body: Body,
    size: Option<u64>,
) -> Result<()> {
    let mut call = session
        .call(Method::PUT, SERVICE_TYPE, &image_path(image_id, "/file"))
        .body(body, "application/octet-stream");
    if let Some(size) = size {
        call = call.header(CONTENT_LENGTH.as_str(), &size.to_string());
    }
    let response = session.send(call.into_builder()?).await?;
    let url = response.url().clone();
    response
        .bytes()
        .await
        .map_err(|e| Error::from_reqwest(e, &url))?;
    Ok(())
}

/// `GET /v2/images/{image_id}/file`: the response to stream the data from
/// (`bytes_stream()`, `chunk()`), or `None` when the image has no data yet
/// (Glance answers 204). `content_length()` is the size when the cloud
/// sends it, and Glance puts the MD5 checksum in `Content-MD5`.
pub async fn download_image_data(session: &Session, image_id: &str) -> Result<Option<Response>> {
    let builder = session.request(Method::GET, SERVICE_TYPE, &image_path(image_id, "/file"))?;
    let response = session.send(builder).await?;
    if response.status() == StatusCode::NO_CONTENT {
        return Ok(None);
    }
    Ok(Some(response))
}
