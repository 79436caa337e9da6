//! Containers: create (`PUT`), read (`HEAD`, `GET` listing), metadata and
//! ACLs (`POST`), and `DELETE` of an empty one.

use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::acl::Grant;
use super::listing::{self, Entry, ListParams, Named};
use super::storage::{self, Bounds, Container, Object};
use super::*;

impl Named for Object {
    fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonEntry<'a> {
    Object {
        bytes: i64,
        hash: &'a str,
        name: &'a str,
        content_type: &'a str,
        last_modified: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        slo_etag: Option<String>,
    },
    Subdir {
        subdir: &'a str,
    },
}

/// The container headers of a `HEAD` or `GET`; ACLs only for the owner.
fn container_headers(ct: &Container, grant: Grant) -> HeaderMap {
    let mut h = HeaderMap::new();
    set(
        &mut h,
        "x-container-object-count",
        ct.object_count.to_string(),
    );
    set(&mut h, "x-container-bytes-used", ct.bytes_used.to_string());
    set(&mut h, "x-timestamp", ts_normal(ct.created_at));
    if grant == Grant::Owner {
        if let Some(acl) = &ct.read_acl {
            set(&mut h, "x-container-read", acl);
        }
        if let Some(acl) = &ct.write_acl {
            set(&mut h, "x-container-write", acl);
        }
    }
    for (k, v) in &ct.meta {
        set(&mut h, k, v);
    }
    set(&mut h, "last-modified", http_date(ceil_secs(ct.put_at)));
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    set(&mut h, "x-storage-policy", &ct.policy);
    h
}

pub async fn get_or_head(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    let (content_type, vary) = listing::content_type(&req)?;
    let is_get = req.method == Method::GET;
    let params = if is_get {
        Some(ListParams::from_request(
            &req,
            CONTAINER_LISTING_LIMIT,
            true,
        )?)
    } else {
        None
    };
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    let (ct, grant, entries) = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let ct = storage::container(c, &r.account, &r.container)?;
        let grant = r.requester().check(
            &r.account,
            false,
            ct.as_ref().and_then(|c| c.read_acl.as_deref()),
        )?;
        let ct = ct.ok_or_else(Fault::not_found)?;
        let entries = match &params {
            Some(p) => listing::walk(p, |range| {
                let bounds = Bounds {
                    lower: range.lower.as_ref().map(|(s, inc)| (s.as_str(), *inc)),
                    upper: range.upper.as_deref(),
                    reverse: p.reverse,
                    limit: range.limit,
                };
                Ok(storage::object_rows(c, ct.id, &bounds)?)
            })?,
            None => Vec::new(),
        };
        Ok((ct, grant, entries))
    })
    .await?;
    let mut headers = container_headers(&ct, grant);
    listing::listing_headers(&mut headers, content_type, vary);
    if !is_get {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
        return Ok((StatusCode::NO_CONTENT, headers).into_response());
    }
    let body = render(&ct.name, content_type, &entries);
    let status = if body.is_empty() {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::OK
    };
    Ok((status, headers, body).into_response())
}

fn render(container: &str, content_type: &str, entries: &[Entry<Object>]) -> Vec<u8> {
    match content_type {
        "application/json" => {
            let list: Vec<JsonEntry<'_>> = entries
                .iter()
                .map(|e| match e {
                    Entry::Row(o) => JsonEntry::Object {
                        bytes: o.logical_size(),
                        hash: &o.etag,
                        name: &o.name,
                        content_type: &o.content_type,
                        last_modified: ts_iso(o.timestamp),
                        slo_etag: o.slo.as_ref().map(|s| format!("\"{}\"", s.etag)),
                    },
                    Entry::Subdir(s) => JsonEntry::Subdir { subdir: s },
                })
                .collect();
            listing::py_json(&list)
        }
        "application/xml" | "text/xml" => {
            let esc = listing::xml_escape;
            let mut out = String::from(listing::XML_DECLARATION);
            let name = esc(container, true);
            if entries.is_empty() {
                out.push_str(&format!("<container name=\"{name}\" />"));
                return out.into_bytes();
            }
            out.push_str(&format!("<container name=\"{name}\">"));
            for e in entries {
                match e {
                    Entry::Row(o) => out.push_str(&format!(
                        "<object><name>{}</name><hash>{}</hash><bytes>{}</bytes>\
                         <content_type>{}</content_type><last_modified>{}</last_modified></object>",
                        esc(&o.name, false),
                        esc(&o.etag, false),
                        o.logical_size(),
                        esc(&o.content_type, false),
                        ts_iso(o.timestamp),
                    )),
                    Entry::Subdir(s) => out.push_str(&format!(
                        "<subdir name=\"{}\"><name>{}</name></subdir>",
                        esc(s, true),
                        esc(s, false)
                    )),
                }
            }
            out.push_str("</container>");
            out.into_bytes()
        }
        _ => account::plain(entries.iter().map(|e| match e {
            Entry::Row(o) => o.name.as_str(),
            Entry::Subdir(s) => s.as_str(),
        })),
    }
}

/// Applies the request's ACL headers (`X-Container-Read`/`-Write`, or
/// `X-Remove-Container-Read`/`-Write`) after `clean_acl`.
fn apply_acls(ct: &mut Container, headers: &HeaderMap) -> Result<(), Fault> {
    for (kind, slot) in [("read", &mut ct.read_acl), ("write", &mut ct.write_acl)] {
        let name = format!("x-container-{kind}");
        if headers.contains_key(format!("x-remove-container-{kind}").as_str()) {
            *slot = None;
        }
        if let Some(value) = headers.get(name.as_str()) {
            let value = String::from_utf8_lossy(value.as_bytes());
            let cleaned =
                acl::clean(&name, &value).map_err(|e| Fault::html(StatusCode::BAD_REQUEST, e))?;
            *slot = (!cleaned.is_empty()).then_some(cleaned);
        }
    }
    Ok(())
}

/// Checks the ACL headers of a request before anything is stored.
fn check_acls(headers: &HeaderMap) -> Result<(), Fault> {
    let mut probe = Container {
        id: 0,
        name: String::new(),
        policy: String::new(),
        created_at: 0,
        put_at: 0,
        object_count: 0,
        bytes_used: 0,
        read_acl: None,
        write_acl: None,
        meta: Default::default(),
    };
    apply_acls(&mut probe, headers)
}

/// The storage policy a request names (by name or alias, any case), if any.
fn requested_policy(req: &SwiftRequest) -> Result<Option<&'static str>, Fault> {
    let Some(name) = req.header("x-storage-policy").filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    POLICIES
        .iter()
        .copied()
        .find(|p| p.eq_ignore_ascii_case(name.trim()))
        .map(Some)
        .ok_or_else(|| {
            Fault::plain(
                StatusCode::BAD_REQUEST,
                format!("Invalid X-Storage-Policy '{name}'"),
            )
        })
}

pub async fn put(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    req.requester().check(&req.account, false, None)?;
    check_acls(&req.headers)?;
    meta::check(&req.headers, "container")?;
    let policy = requested_policy(&req)?;
    if req.container.len() > MAX_CONTAINER_NAME_LENGTH {
        return Err(Fault::html(
            StatusCode::BAD_REQUEST,
            format!(
                "Container name length of {} longer than {MAX_CONTAINER_NAME_LENGTH}",
                req.container.len()
            ),
        ));
    }
    let r = req.clone();
    let created = call(st, move |c| {
        let now = now_ts();
        let tx = c.transaction()?;
        let created = match storage::container(&tx, &r.account, &r.container)? {
            Some(existing) => {
                // The policy is fixed at creation, as the container server
                // insists.
                if policy.is_some_and(|p| p != existing.policy) {
                    return Err(Fault::conflict());
                }
                false
            }
            None => {
                storage::create_container(
                    &tx,
                    &r.account,
                    &r.container,
                    policy.unwrap_or(POLICIES[0]),
                    now,
                )?;
                true
            }
        };
        let mut ct = storage::container(&tx, &r.account, &r.container)?
            .ok_or_else(|| Fault::Other(Error::Internal("container vanished".into())))?;
        apply_acls(&mut ct, &r.headers)?;
        meta::merge(&mut ct.meta, &r.headers, "container")?;
        storage::update_container(&tx, &ct, Some(now))?;
        tx.commit()?;
        Ok(created)
    })
    .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::ACCEPTED
    };
    Ok(reply(status, HeaderMap::new()))
}

pub async fn post(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    req.requester().check(&req.account, false, None)?;
    check_acls(&req.headers)?;
    meta::check(&req.headers, "container")?;
    let r = req.clone();
    call(st, move |c| {
        let tx = c.transaction()?;
        let mut ct =
            storage::container(&tx, &r.account, &r.container)?.ok_or_else(Fault::not_found)?;
        // X-Storage-Policy is not metadata: a POST ignores it, as Swift does.
        apply_acls(&mut ct, &r.headers)?;
        meta::merge(&mut ct.meta, &r.headers, "container")?;
        storage::update_container(&tx, &ct, None)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(reply(StatusCode::NO_CONTENT, HeaderMap::new()))
}

pub async fn delete(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    req.requester().check(&req.account, false, None)?;
    let dir = objects_dir(&st.data_dir);
    let r = req.clone();
    call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        delete_in(c, &r.account, &r.container)
    })
    .await?;
    Ok(reply(StatusCode::NO_CONTENT, HeaderMap::new()))
}

/// Deletes an empty container: 404 if missing, 409 if it has objects.
pub fn delete_in(c: &rusqlite::Connection, account: &str, container: &str) -> Result<(), Fault> {
    let ct = storage::container(c, account, container)?.ok_or_else(Fault::not_found)?;
    if !storage::delete_container(c, ct.id)? {
        return Err(Fault::conflict());
    }
    Ok(())
}
