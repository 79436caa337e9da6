//! Image data: `PUT` and `GET /v2/images/{id}/file`, streamed between the
//! connection and `<data dir>/images/<id>` in constant memory.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::StreamExt;
use md5::{Digest, Md5};
use rusqlite::params;
use sha2::Sha512;
use tokio::io::AsyncWriteExt;

use super::images::load_visible;
use super::{call, images_dir, path, Fault, GPath, ImageAuth};
use crate::db::now_micros;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&path("/images/{id}/file"), get(download).put(upload))
}

/// Glance's checksums, computed while the data streams by: md5 for
/// `checksum` and sha512 for `os_hash_value`.
#[derive(Default)]
pub struct Hasher {
    md5: Md5,
    sha512: Sha512,
    pub size: u64,
}

impl Hasher {
    pub fn update(&mut self, chunk: &[u8]) {
        self.md5.update(chunk);
        self.sha512.update(chunk);
        self.size += chunk.len() as u64;
    }

    /// `(md5 hex, sha512 hex)`.
    pub fn finish(self) -> (String, String) {
        (hex(&self.md5.finalize()), hex(&self.sha512.finalize()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Undoes a started upload: the image is `queued` again and the partial
/// file is gone.
async fn abandon(st: &AppState, id: &str, part: &std::path::Path) {
    let _ = tokio::fs::remove_file(part).await;
    let id = id.to_owned();
    let reverted = st
        .db
        .call(move |c| {
            c.execute(
                "UPDATE images SET status = 'queued', updated_at = ?2
                 WHERE id = ?1 AND status = 'saving'",
                params![id, now_micros()],
            )?;
            Ok(())
        })
        .await;
    if let Err(e) = reverted {
        tracing::warn!(error = %e, "could not return an image to queued after a failed upload");
    }
}

async fn upload(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<StatusCode, Fault> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/octet-stream") {
        return Err(Fault::unsupported_media_type(content_type));
    }
    // Claim the image: queued -> saving, so concurrent uploads conflict.
    let claim_id = id.clone();
    call(&st, move |c| {
        let img = load_visible(c, &claim_id, &auth)?;
        if !img.modifiable_by(&auth) {
            return Err(Fault::forbidden(
                "You are not permitted to upload data to this image.",
            ));
        }
        if img.status != "queued" {
            return Err(Fault::conflict(format!(
                "Image status transition from {} to saving is not allowed",
                img.status
            )));
        }
        if img.disk_format.is_none() || img.container_format.is_none() {
            return Err(Fault::bad_request(
                "Properties disk_format, container_format must be set prior to saving data.",
            ));
        }
        c.execute(
            "UPDATE images SET status = 'saving', updated_at = ?2 WHERE id = ?1",
            params![claim_id, now_micros()],
        )?;
        Ok(())
    })
    .await?;

    let dir = images_dir(&st.data_dir);
    let part = dir.join(format!("{id}.part"));
    let target = dir.join(&id);
    let written = async {
        tokio::fs::create_dir_all(&dir).await?;
        let mut file = tokio::fs::File::create(&part).await?;
        let mut hasher = Hasher::default();
        let mut stream = body.into_data_stream();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk
                .map_err(|e| Fault::bad_request(format!("Error reading the image data: {e}")))?;
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.flush().await?;
        file.sync_all().await?;
        Ok::<_, Fault>(hasher)
    }
    .await;
    let hasher = match written {
        Ok(h) => h,
        Err(e) => {
            abandon(&st, &id, &part).await;
            return Err(e);
        }
    };
    let size = hasher.size as i64;
    let (checksum, sha512) = hasher.finish();
    if let Err(e) = tokio::fs::rename(&part, &target).await {
        abandon(&st, &id, &part).await;
        return Err(e.into());
    }
    let done_id = id.clone();
    let activated = call(&st, move |c| {
        Ok(activate(c, &done_id, size, &checksum, &sha512)?)
    })
    .await?;
    if activated == 0 {
        // Deleted while the data was streaming.
        let _ = tokio::fs::remove_file(&target).await;
        return Err(Fault::new(
            StatusCode::GONE,
            format!(
                "Image {id} could not be found after upload. The image may have been deleted \
                 during the upload."
            ),
        ));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Marks a `saving` image `active` with its data's size and checksums;
/// returns 0 if the image is gone or no longer saving.
pub fn activate(
    c: &rusqlite::Connection,
    id: &str,
    size: i64,
    checksum: &str,
    sha512: &str,
) -> rusqlite::Result<usize> {
    c.execute(
        "UPDATE images SET status = 'active', size = ?2, checksum = ?3,
             os_hash_algo = 'sha512', os_hash_value = ?4, updated_at = ?5
         WHERE id = ?1 AND status = 'saving'",
        params![id, size, checksum, sha512, now_micros()],
    )
}

/// Writes the data of image `to` as a copy of image `from`'s data, or of
/// `fallback` when `from` has none, hashing it on the way (in chunks, so
/// large images cost no memory). Returns the hasher of what was written.
pub async fn copy_data(
    dir: &std::path::Path,
    from: Option<&str>,
    to: &str,
    fallback: &[u8],
) -> std::io::Result<Hasher> {
    use tokio::io::AsyncReadExt;
    tokio::fs::create_dir_all(dir).await?;
    let part = dir.join(format!("{to}.part"));
    let written = async {
        let mut out = tokio::fs::File::create(&part).await?;
        let mut hasher = Hasher::default();
        let source = match from {
            Some(from) => match tokio::fs::File::open(dir.join(from)).await {
                Ok(f) => Some(f),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            },
            None => None,
        };
        match source {
            Some(mut src) => {
                let mut buf = vec![0u8; 64 * 1024];
                loop {
                    let n = src.read(&mut buf).await?;
                    if n == 0 {
                        break;
                    }
                    hasher.update(&buf[..n]);
                    out.write_all(&buf[..n]).await?;
                }
            }
            None => {
                hasher.update(fallback);
                out.write_all(fallback).await?;
            }
        }
        out.flush().await?;
        out.sync_all().await?;
        Ok(hasher)
    }
    .await;
    match written {
        Ok(hasher) => {
            tokio::fs::rename(&part, dir.join(to)).await?;
            Ok(hasher)
        }
        Err(e) => {
            let _ = tokio::fs::remove_file(&part).await;
            Err(e)
        }
    }
}

async fn download(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
) -> Result<Response, Fault> {
    let lookup = id.clone();
    let is_admin = auth.is_admin();
    let img = call(&st, move |c| load_visible(c, &lookup, &auth)).await?;
    if img.status == "deactivated" && !is_admin {
        return Err(Fault::forbidden(
            "The requested image has been deactivated. Image data download is prohibited.",
        ));
    }
    if img.status != "active" && img.status != "deactivated" {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let file = match tokio::fs::File::open(images_dir(&st.data_dir).join(&id)).await {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(StatusCode::NO_CONTENT.into_response())
        }
        Err(e) => return Err(e.into()),
    };
    let len = file.metadata().await?.len();
    let stream = tokio_util::io::ReaderStream::with_capacity(file, 64 * 1024);
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Some(sum) = img.checksum.as_deref() {
        if let Ok(v) = HeaderValue::from_str(sum) {
            headers.insert("content-md5", v);
        }
    }
    Ok((StatusCode::OK, headers, Body::from_stream(stream)).into_response())
}
