//! Bulk delete (`POST`/`DELETE ?bulk-delete`, swift/common/middleware/
//! bulk.py): a newline-separated list of URL-encoded `/container/object`
//! and `/container` paths, objects deleted before containers. The answer
//! is always 200; the outcome is in the body, as Swift reports it.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::listing::{best_match, py_json, xml_escape};
use super::object::{delete_one, quote};
use super::*;

pub const MAX_DELETES_PER_REQUEST: usize = 10_000;
pub const MAX_FAILED_DELETES: usize = 1_000;
/// `MAX_OBJECT_NAME_LENGTH + MAX_CONTAINER_NAME_LENGTH + 2`.
const MAX_PATH_LENGTH: usize = MAX_OBJECT_NAME_LENGTH + MAX_CONTAINER_NAME_LENGTH + 2;

/// The formats bulk and SLO answers come in.
pub const ACCEPTABLE_FORMATS: [&str; 4] = [
    "text/plain",
    "application/json",
    "application/xml",
    "text/xml",
];

/// The answer's format; `None` when `Accept` allows none of them (an
/// invalid header counts as none, as Swift ignores it).
pub fn out_content_type(req: &SwiftRequest) -> Option<&'static str> {
    best_match(req.header("accept"), &ACCEPTABLE_FORMATS)
        .ok()
        .flatten()
}

/// The tally of a bulk or SLO delete.
#[derive(Default)]
pub struct Outcome {
    pub deleted: usize,
    pub not_found: usize,
    /// (quoted name, status or message)
    pub errors: Vec<(String, String)>,
    /// Set when the whole request failed (Swift raises an HTTPException).
    failure: Option<(StatusCode, String)>,
    server_error: bool,
}

impl Outcome {
    /// Counts the status a delete of `name` answered.
    pub fn record(&mut self, name: &str, status: StatusCode) {
        if status.is_success() {
            self.deleted += 1;
        } else if status == StatusCode::NOT_FOUND {
            self.not_found += 1;
        } else {
            self.server_error |= status.is_server_error();
            self.errors.push((quote(name), Fault::status_line(status)));
        }
    }

    /// An item that failed before it was tried, with its message.
    pub fn error(&mut self, name: &str, message: impl Into<String>) {
        self.errors.push((quote(name), message.into()));
    }

    pub fn fail(&mut self, status: StatusCode, body: impl Into<String>) {
        self.failure = Some((status, body.into()));
    }

    pub fn too_many_failures(&self) -> bool {
        self.errors.len() >= MAX_FAILED_DELETES
    }

    /// "Response Status" and "Response Body".
    fn result(&self) -> (String, String) {
        if let Some((status, body)) = &self.failure {
            return (Fault::status_line(*status), body.clone());
        }
        if !self.errors.is_empty() {
            let status = if self.server_error {
                StatusCode::BAD_GATEWAY
            } else {
                StatusCode::BAD_REQUEST
            };
            return (Fault::status_line(status), String::new());
        }
        if self.deleted + self.not_found == 0 {
            return (
                Fault::status_line(StatusCode::BAD_REQUEST),
                "Invalid bulk delete.".to_owned(),
            );
        }
        (Fault::status_line(StatusCode::OK), String::new())
    }
}

#[derive(Serialize)]
struct JsonOutcome<'a> {
    #[serde(rename = "Response Status")]
    status: &'a str,
    #[serde(rename = "Response Body")]
    body: &'a str,
    #[serde(rename = "Number Deleted")]
    deleted: usize,
    #[serde(rename = "Number Not Found")]
    not_found: usize,
    #[serde(rename = "Errors")]
    errors: Vec<[&'a str; 2]>,
}

/// `get_heartbeat_response_body(format, ..., 'delete')` in a 200.
pub fn render(out: Option<&'static str>, o: &Outcome) -> Response {
    let (status, body) = o.result();
    let text = match out {
        Some("application/json") => py_json(&JsonOutcome {
            status: &status,
            body: &body,
            deleted: o.deleted,
            not_found: o.not_found,
            errors: o
                .errors
                .iter()
                .map(|(n, s)| [n.as_str(), s.as_str()])
                .collect(),
        }),
        Some(t) if t.ends_with("/xml") => {
            let esc = |s: &str| xml_escape(s, false);
            let mut x = format!(
                "<delete>\n<number_deleted>{}</number_deleted>\n<number_not_found>{}</number_not_found>\n\
                 <response_body>{}</response_body>\n<response_status>{}</response_status>\n<errors>\n",
                o.deleted,
                o.not_found,
                esc(&body),
                esc(&status)
            );
            for (n, s) in &o.errors {
                x.push_str(&format!(
                    "<object><name>{}</name><status>{}</status></object>\n",
                    esc(n),
                    esc(s)
                ));
            }
            x.push_str("</errors>\n</delete>\n");
            x.into_bytes()
        }
        _ => {
            let mut t = format!(
                "Number Deleted: {}\nNumber Not Found: {}\nResponse Body: {body}\nResponse Status: {status}\nErrors:\n",
                o.deleted, o.not_found
            );
            for (n, s) in &o.errors {
                t.push_str(&format!("{n}, {s}\n"));
            }
            t.into_bytes()
        }
    };
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(out.unwrap_or(HTML)),
    );
    (StatusCode::OK, headers, text).into_response()
}

/// Reads the list of paths; a failure is the outcome's.
async fn paths(
    req: &SwiftRequest,
    body: Body,
) -> Result<Vec<Result<String, Vec<u8>>>, (StatusCode, String)> {
    if let Some(t) = req.header("content-type") {
        if !t.starts_with("text/plain") {
            return Err((StatusCode::NOT_ACCEPTABLE, String::new()));
        }
    }
    let chunked = req
        .header("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"));
    if req.header("content-length").is_none() && !chunked {
        return Err((StatusCode::LENGTH_REQUIRED, String::new()));
    }
    let too_many = || {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("Maximum Bulk Deletes: {MAX_DELETES_PER_REQUEST} per request"),
        )
    };
    let limit = (MAX_DELETES_PER_REQUEST + 1) * (MAX_PATH_LENGTH * 3 + 1);
    let data = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| too_many())?;
    let mut names = Vec::new();
    for line in data.split(|b| *b == b'\n') {
        if line.len() > MAX_PATH_LENGTH * 2 {
            return Err((StatusCode::BAD_REQUEST, "Invalid File Name".to_owned()));
        }
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        let raw: Vec<u8> = percent_encoding::percent_decode(line).collect();
        names.push(String::from_utf8(raw).map_err(|e| e.into_bytes()));
        if names.len() > MAX_DELETES_PER_REQUEST {
            return Err(too_many());
        }
    }
    Ok(names)
}

pub async fn delete(st: &AppState, req: Arc<SwiftRequest>, body: Body) -> Result<Response, Fault> {
    let out = out_content_type(&req);
    let mut outcome = Outcome::default();
    if out.is_none() {
        outcome.fail(StatusCode::NOT_ACCEPTABLE, "");
        return Ok(render(out, &outcome));
    }
    let names = match paths(&req, body).await {
        Ok(n) => n,
        Err((status, message)) => {
            outcome.fail(status, message);
            return Ok(render(out, &outcome));
        }
    };
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let outcome = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let who = r.requester();
        let tx = c.transaction()?;
        let mut files = Vec::new();
        let is_object = |n: &str| n.trim_matches('/').contains('/');
        // Objects first, then containers, which may just have emptied.
        'all: for pass_objects in [true, false] {
            for name in &names {
                let name = match name {
                    Ok(n) => n,
                    Err(raw) if pass_objects => {
                        outcome.error(
                            &String::from_utf8_lossy(raw),
                            Fault::status_line(StatusCode::PRECONDITION_FAILED),
                        );
                        continue;
                    }
                    Err(_) => continue,
                };
                if is_object(name) != pass_objects {
                    continue;
                }
                let path = name.trim_start_matches('/');
                let (container, object) = path.split_once('/').unwrap_or((path, ""));
                let status = if pass_objects {
                    let (status, file) = delete_one(&tx, &who, &r.account, container, object)?;
                    files.extend(file);
                    status
                } else {
                    match who
                        .check(&r.account, false, None)
                        .and_then(|_| container::delete_in(&tx, &r.account, container))
                    {
                        Ok(()) => StatusCode::NO_CONTENT,
                        Err(f) => f.status_code(),
                    }
                };
                outcome.record(name, status);
                if outcome.too_many_failures() {
                    outcome.fail(StatusCode::BAD_REQUEST, "Max delete failures exceeded");
                    break 'all;
                }
            }
        }
        tx.commit()?;
        storage::remove_files(&dir, files);
        Ok(outcome)
    })
    .await?;
    Ok(render(out, &outcome))
}
