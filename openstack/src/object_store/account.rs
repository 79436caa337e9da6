//! The account: `HEAD` for its totals and `GET` for its containers.

use std::collections::BTreeMap;

use reqwest::header::HeaderMap;
use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;

use super::{header_number, meta_from, ListOptions, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;

/// The account's totals, from the headers of `HEAD /v1/{account}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub container_count: u64,
    pub object_count: u64,
    pub bytes_used: u64,
    /// The byte quota the account_quotas middleware enforces, if any.
    pub quota_bytes: Option<u64>,
    /// `X-Account-Meta-*`, keyed by the lower-case rest of the name
    /// (`quota-bytes` included when the quota is set that way).
    pub meta: BTreeMap<String, String>,
}

impl Account {
    fn from_headers(headers: &HeaderMap, url: &Url) -> Result<Account> {
        let number = |name| header_number::<u64>(headers, name, url);
        Ok(Account {
            container_count: number("x-account-container-count")?.unwrap_or(0),
            object_count: number("x-account-object-count")?.unwrap_or(0),
            bytes_used: number("x-account-bytes-used")?.unwrap_or(0),
            // Newer Swift has a dedicated header; older ones use metadata.
            quota_bytes: match number("x-account-quota-bytes")? {
                Some(q) => Some(q),
                None => number("x-account-meta-quota-bytes")?,
            },
            meta: meta_from(headers, "Account"),
        })
    }
}

/// `HEAD /v1/{account}`.
pub async fn get_account(session: &Session) -> Result<Account> {
    let response = session.call(Method::HEAD, SERVICE_TYPE, "").send().await?;
    Account::from_headers(response.headers(), response.url())
}

/// `HEAD /v1/AUTH_{project_id}`: another project's account, on the same
/// Swift as the session's. Swift answers 401 or 403 unless the user may see
/// it (a reseller admin, or an operator role in that project).
pub async fn get_project_account(session: &Session, project_id: &str) -> Result<Account> {
    let mut url = session.endpoint(SERVICE_TYPE)?;
    let mut segments: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    // The endpoint ends in the session's account, `AUTH_<project>`.
    match segments.last_mut() {
        Some(last) if last.starts_with("AUTH_") => {
            *last = format!("AUTH_{}", crate::encode_segment(project_id))
        }
        _ => segments.push(format!("AUTH_{}", crate::encode_segment(project_id))),
    }
    url.set_path(&format!("/{}", segments.join("/")));
    let response = session.call_url(Method::HEAD, url).send().await?;
    Account::from_headers(response.headers(), response.url())
}

/// A container in the account listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Container {
    pub name: String,
    /// Objects in it (updated by Swift asynchronously, so may lag).
    #[serde(default)]
    pub count: u64,
    #[serde(default)]
    pub bytes: u64,
    /// `2016-08-23T13:35:32.052760` (UTC, no zone), on newer Swift.
    #[serde(default)]
    pub last_modified: Option<String>,
}

/// One page of containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContainerPage {
    pub containers: Vec<Container>,
    /// The last name when the page was full (as many as `limit`), to pass
    /// as the next `marker`; `None` at the end.
    pub next_marker: Option<String>,
}

/// `GET /v1/{account}?format=json`: one page of containers.
pub async fn list_containers(session: &Session, options: &ListOptions) -> Result<ContainerPage> {
    // An empty account may answer 204 with no body.
    let containers: Option<Vec<Container>> = session
        .call(Method::GET, SERVICE_TYPE, "")
        .query(&options.query())
        .fetch()
        .await?;
    let containers = containers.unwrap_or_default();
    let next_marker =
        options.next_marker(containers.len(), containers.last().map(|c| c.name.as_str()));
    Ok(ContainerPage {
        containers,
        next_marker,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn account_listing_sample() {
        // From the Swift API reference, "Show account details and list
        // containers", plus a newer Swift's storage_policy.
        let body = r#"[
            {"count": 0, "bytes": 0, "name": "janeausten", "last_modified": "2013-11-19T20:08:13.283452"},
            {"count": 1, "bytes": 14, "name": "marktwain", "last_modified": "2016-04-29T16:23:50.460230", "storage_policy": "Policy-0"},
            {"count": 2, "bytes": 30, "name": "old"}
        ]"#;
        let containers: Vec<Container> = serde_json::from_str(body).unwrap();
        assert_eq!(containers.len(), 3);
        assert_eq!(
            containers[1],
            Container {
                name: "marktwain".into(),
                count: 1,
                bytes: 14,
                last_modified: Some("2016-04-29T16:23:50.460230".into()),
            }
        );
        assert_eq!(containers[2].last_modified, None);
    }

    #[test]
    fn account_headers() {
        let url = Url::parse("http://x/v1/AUTH_p").unwrap();
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-account-container-count", "2"),
            ("x-account-object-count", "7"),
            ("x-account-bytes-used", "1234"),
            ("x-account-meta-quota-bytes", "10000"),
            ("x-account-meta-subject", "Literature"),
            ("x-timestamp", "1389453423.35964"),
        ] {
            h.insert(k, HeaderValue::from_static(v));
        }
        let a = Account::from_headers(&h, &url).unwrap();
        assert_eq!(a.container_count, 2);
        assert_eq!(a.object_count, 7);
        assert_eq!(a.bytes_used, 1234);
        assert_eq!(a.quota_bytes, Some(10000));
        assert_eq!(a.meta["subject"], "Literature");
        h.insert("x-account-quota-bytes", HeaderValue::from_static("5"));
        assert_eq!(
            Account::from_headers(&h, &url).unwrap().quota_bytes,
            Some(5)
        );
        // A fresh account (autocreated) sends zeros or nothing.
        let empty = Account::from_headers(&HeaderMap::new(), &url).unwrap();
        assert_eq!(empty, Account::default());
    }
}
