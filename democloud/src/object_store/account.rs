//! Accounts: `HEAD`/`GET` (totals and the container listing) and `POST`
//! (metadata). Accounts come into being on first write (account_autocreate);
//! until then they read as empty.

use std::sync::Arc;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::listing::{self, Entry, ListParams, Named};
use super::storage::{self, AccountInfo, Bounds, ContainerRow};
use super::*;

impl Named for ContainerRow {
    fn name(&self) -> &str {
        &self.name
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum JsonEntry<'a> {
    Container {
        name: &'a str,
        count: i64,
        bytes: i64,
        last_modified: String,
        storage_policy: &'a str,
    },
    Subdir {
        subdir: &'a str,
    },
}

fn check_name(req: &SwiftRequest) -> Result<(), Fault> {
    if req.account.len() > MAX_ACCOUNT_NAME_LENGTH {
        return Err(Fault::html(
            StatusCode::BAD_REQUEST,
            format!(
                "Account name length of {} longer than {MAX_ACCOUNT_NAME_LENGTH}",
                req.account.len()
            ),
        ));
    }
    Ok(())
}

/// The account headers of `get_response_headers`.
fn account_headers(req: &SwiftRequest, info: &AccountInfo) -> HeaderMap {
    let mut h = HeaderMap::new();
    set(
        &mut h,
        "x-account-container-count",
        info.containers.to_string(),
    );
    set(&mut h, "x-account-object-count", info.objects.to_string());
    set(&mut h, "x-account-bytes-used", info.bytes.to_string());
    // An account that was never written reads as created now.
    set(
        &mut h,
        "x-timestamp",
        ts_normal(info.created_at.unwrap_or_else(now_ts)),
    );
    for (policy, containers, objects, bytes) in &info.policies {
        let p = format!("x-account-storage-policy-{}", policy.to_ascii_lowercase());
        set(
            &mut h,
            &format!("{p}-container-count"),
            containers.to_string(),
        );
        set(&mut h, &format!("{p}-object-count"), objects.to_string());
        set(&mut h, &format!("{p}-bytes-used"), bytes.to_string());
    }
    for (k, v) in &info.meta {
        set(&mut h, k, v);
    }
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    // keystoneauth records the owning project's domain.
    if let Some(domain) = req.token.as_ref().and_then(|t| t.domain_id()) {
        set(&mut h, "x-account-project-domain-id", domain);
    }
    h
}

pub async fn get_or_head(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    check_name(&req)?;
    req.requester().check(&req.account, false, None)?;
    let (content_type, vary) = listing::content_type(&req)?;
    let is_get = req.method == Method::GET;
    let params = if is_get {
        Some(ListParams::from_request(
            &req,
            ACCOUNT_LISTING_LIMIT,
            false,
        )?)
    } else {
        None
    };
    let dir = objects_dir(&st.data_dir);
    let account = req.account.clone();
    let (info, entries) = call(st, move |c| {
        storage::purge_expired(c, &dir)?;
        let info = storage::account_info(c, &account)?;
        let entries = match &params {
            Some(p) => listing::walk(p, |r| {
                let bounds = Bounds {
                    lower: r.lower.as_ref().map(|(s, inc)| (s.as_str(), *inc)),
                    upper: r.upper.as_deref(),
                    reverse: p.reverse,
                    limit: r.limit,
                };
                Ok(storage::container_rows(c, &account, &bounds)?)
            })?,
            None => Vec::new(),
        };
        Ok((info, entries))
    })
    .await?;
    let mut headers = account_headers(&req, &info);
    listing::listing_headers(&mut headers, content_type, vary);
    if !is_get {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(0));
        return Ok((StatusCode::NO_CONTENT, headers).into_response());
    }
    let body = render(&req.account, content_type, &entries);
    let status = if body.is_empty() {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::OK
    };
    Ok((status, headers, body).into_response())
}

fn render(account: &str, content_type: &str, entries: &[Entry<ContainerRow>]) -> Vec<u8> {
    match content_type {
        "application/json" => {
            let list: Vec<JsonEntry<'_>> = entries
                .iter()
                .map(|e| match e {
                    Entry::Row(c) => JsonEntry::Container {
                        name: &c.name,
                        count: c.count,
                        bytes: c.bytes,
                        last_modified: ts_iso(c.put_at),
                        storage_policy: &c.policy,
                    },
                    Entry::Subdir(s) => JsonEntry::Subdir { subdir: s },
                })
                .collect();
            listing::py_json(&list)
        }
        "application/xml" | "text/xml" => {
            let mut out = String::from(listing::XML_DECLARATION);
            out.push_str(&format!(
                "<account name=\"{}\">\n",
                listing::xml_escape(account, true)
            ));
            for e in entries {
                match e {
                    Entry::Row(c) => out.push_str(&format!(
                        "<container><name>{}</name><count>{}</count><bytes>{}</bytes>\
                         <last_modified>{}</last_modified><storage_policy>{}</storage_policy>\
                         </container>\n",
                        listing::xml_escape(&c.name, false),
                        c.count,
                        c.bytes,
                        ts_iso(c.put_at),
                        listing::xml_escape(&c.policy, false),
                    )),
                    Entry::Subdir(s) => out.push_str(&format!(
                        "<subdir name=\"{}\" />\n",
                        listing::xml_escape(s, true)
                    )),
                }
            }
            out.push_str("</account>");
            out.into_bytes()
        }
        _ => plain(entries.iter().map(|e| match e {
            Entry::Row(c) => c.name.as_str(),
            Entry::Subdir(s) => s.as_str(),
        })),
    }
}

/// A plain listing: one name per line.
pub fn plain<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut out = Vec::new();
    for n in names {
        out.extend_from_slice(n.as_bytes());
        out.push(b'\n');
    }
    out
}

/// `POST`: account metadata.
pub async fn post(st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    check_name(&req)?;
    req.requester().check(&req.account, false, None)?;
    meta::check(&req.headers, "account")?;
    let r = req.clone();
    call(st, move |c| {
        let tx = c.transaction()?;
        storage::ensure_account(&tx, &r.account, now_ts())?;
        let mut stored = storage::account_info(&tx, &r.account)?.meta;
        meta::merge(&mut stored, &r.headers, "account")?;
        storage::set_account_meta(&tx, &r.account, &stored)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(reply(StatusCode::NO_CONTENT, HeaderMap::new()))
}

/// `PUT`/`DELETE` of an account: only for a reseller with
/// `allow_account_management`, which this cloud does not have.
pub async fn not_allowed(_st: &AppState, req: Arc<SwiftRequest>) -> Result<Response, Fault> {
    let who = req.requester();
    // keystoneauth refuses deleting one's own account before Swift does.
    if req.method == Method::DELETE || !who.owns(&req.account) {
        return Err(who.denied());
    }
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ALLOW,
        HeaderValue::from_static("GET, HEAD, OPTIONS, POST"),
    );
    Err(Fault::Status(StatusCode::METHOD_NOT_ALLOWED, headers))
}
