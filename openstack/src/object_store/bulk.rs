//! Deleting many objects: the bulk middleware's `POST ?bulk-delete`, or one
//! `DELETE` per object where the cloud has no bulk middleware.

use futures_util::stream::{self, StreamExt};
use reqwest::header::CONTENT_TYPE;
use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::objects::{drain, DeleteReport};
use super::{encode_object_name, get_info, invalid, SERVICE_TYPE};
use crate::error::{Error, Result};
use crate::session::Session;

/// Swift's default `max_deletes_per_request`.
const DEFAULT_MAX_DELETES: usize = 10_000;

/// Parallel `DELETE`s when there is no bulk middleware.
const DELETE_CONCURRENCY: usize = 8;

/// What a multi-delete did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkDeleteResult {
    pub deleted: u64,
    pub not_found: u64,
    /// `(path or name, reason)` of each failure: `("/c/o", "409 Conflict")`
    /// from the bulk middleware, `(name, message)` from single deletes.
    pub errors: Vec<(String, String)>,
}

impl BulkDeleteResult {
    fn add(&mut self, other: BulkDeleteResult) {
        self.deleted += other.deleted;
        self.not_found += other.not_found;
        self.errors.extend(other.errors);
    }
}

/// `POST /v1/{account}?bulk-delete`: deletes objects
/// (`(container, Some(object))`) and empty containers
/// (`(container, None)`), at most 10000 per request (Swift's default
/// `max_deletes_per_request`). Objects before their containers: the
/// paths are deleted in order. Needs the bulk middleware (see
/// [`Info::bulk_delete`](super::Info::bulk_delete); [`delete_objects`]
/// checks it).
pub async fn bulk_delete(
    session: &Session,
    paths: &[(String, Option<String>)],
) -> Result<BulkDeleteResult> {
    bulk_delete_with_limit(session, paths, DEFAULT_MAX_DELETES).await
}

/// [`bulk_delete`] with the cloud's `max_deletes_per_request`.
pub async fn bulk_delete_with_limit(
    session: &Session,
    paths: &[(String, Option<String>)],
    max_deletes_per_request: usize,
) -> Result<BulkDeleteResult> {
    let mut lines = Vec::with_capacity(paths.len());
    for (container, object) in paths {
        lines.push(bulk_line(container, object.as_deref())?);
    }
    let mut total = BulkDeleteResult::default();
    for chunk in lines.chunks(max_deletes_per_request.max(1)) {
        total.add(bulk_delete_request(session, chunk).await?);
    }
    Ok(total)
}

/// One line of a bulk-delete body: `/container/object`, URL-encoded (so
/// a name with a line break stays one line).
fn bulk_line(container: &str, object: Option<&str>) -> Result<String> {
    if container.is_empty() || container.contains('/') {
        return Err(invalid(format!("'{container}' cannot be a container name")));
    }
    let container = crate::encode_segment(container);
    Ok(match object {
        Some("") => return Err(invalid("the object name is empty")),
        Some(object) => format!("/{container}/{}", encode_object_name(object)),
        None => format!("/{container}"),
    })
}

async fn bulk_delete_request(session: &Session, lines: &[String]) -> Result<BulkDeleteResult> {
    // Swift streams whitespace while it works, then the JSON report; so no
    // whole-request timeout, only the read timeout.
    let builder = session
        .request(Method::POST, SERVICE_TYPE, "?bulk-delete")?
        .header(CONTENT_TYPE, "text/plain")
        .body(lines.join("\n"));
    let response = session.send(builder).await?;
    let url = response.url().clone();
    let body = drain(response).await?;
    // Without the bulk middleware the account's own POST answers 204.
    let report: DeleteReport = crate::client::decode_json::<Option<DeleteReport>>(&body, &url)?
        .ok_or_else(|| {
            Error::decode(
                &url,
                "no bulk delete report came back; the cloud may lack the bulk middleware (use delete_objects)",
            )
        })?;
    let status = report.status_code();
    if report.errors.is_empty() && status >= 300 {
        return Err(Error::from_response(status, report.body.as_bytes()));
    }
    Ok(BulkDeleteResult {
        deleted: report.deleted,
        not_found: report.not_found,
        errors: report
            .errors
            .into_iter()
            .map(|(path, why)| {
                let path = percent_encoding::percent_decode_str(&path)
                    .decode_utf8_lossy()
                    .into_owned();
                (path, why)
            })
            .collect(),
    })
}

/// Deletes objects of one container: with the bulk middleware when
/// `/info` lists it (in requests of its `max_deletes_per_request`),
/// otherwise one `DELETE` each, 8 at a time. Missing objects count as
/// `not_found`; other failures are listed in `errors`. For large objects
/// this deletes only the manifests.
pub async fn delete_objects(
    session: &Session,
    container: &str,
    names: &[String],
) -> Result<BulkDeleteResult> {
    if names.is_empty() {
        return Ok(BulkDeleteResult::default());
    }
    // Some clouds hide /info; then delete one by one.
    let bulk = get_info(session)
        .await
        .ok()
        .and_then(|info| info.bulk_delete);
    if let Some(bulk) = bulk {
        let limit = bulk
            .max_deletes_per_request
            .map(|n| n as usize)
            .unwrap_or(DEFAULT_MAX_DELETES);
        let paths: Vec<(String, Option<String>)> = names
            .iter()
            .map(|n| (container.to_owned(), Some(n.clone())))
            .collect();
        return bulk_delete_with_limit(session, &paths, limit).await;
    }
    // Owned names: a borrowing closure here makes the future not `Send`
    // enough for callers that spawn it (rust-lang/rust#102211).
    let results: Vec<(String, Result<()>)> = stream::iter(names.iter().cloned())
        .map(|name: String| async move {
            let result = super::delete_object(session, container, &name).await;
            (name, result)
        })
        .buffer_unordered(DELETE_CONCURRENCY)
        .collect()
        .await;
    let mut total = BulkDeleteResult::default();
    for (name, result) in results {
        match result {
            Ok(()) => total.deleted += 1,
            Err(Error::NotFound { .. }) => total.not_found += 1,
            // The login is gone for all of them: say so once.
            Err(e @ (Error::TokenExpired | Error::Unauthorized { .. })) => return Err(e),
            Err(e) => total.errors.push((name, e.to_string())),
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_lines_are_encoded() {
        assert_eq!(bulk_line("c d", Some("a/b c")).unwrap(), "/c%20d/a/b%20c");
        assert_eq!(
            bulk_line("c", Some("line\nbreak")).unwrap(),
            "/c/line%0Abreak"
        );
        assert_eq!(bulk_line("c", Some("a//b")).unwrap(), "/c/a//b");
        assert_eq!(bulk_line("c", None).unwrap(), "/c");
        assert!(bulk_line("", None).is_err());
        assert!(bulk_line("a/b", None).is_err());
        assert!(bulk_line("c", Some("")).is_err());
    }
}
