//! Server groups: `/os-server-groups`.
//!
//! These calls ask for microversion 2.64, where a group has one `policy`
//! and `rules` (before, a `policies` list), so they work on any cloud from
//! Rocky on.

use super::{item_path, null_default, SERVICE_TYPE};
use crate::error::Result;
use crate::session::{Call, Session};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The microversion of the server group calls.
const MICROVERSION: &str = "2.64";

/// A server group (2.64 shape).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerGroup {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `affinity`, `anti-affinity`, `soft-affinity` or `soft-anti-affinity`.
    #[serde(default, deserialize_with = "null_default")]
    pub policy: String,
    /// E.g. `max_server_per_host` for `anti-affinity`.
    #[serde(default, deserialize_with = "null_default")]
    pub rules: Map<String, Value>,
    /// Ids of the servers in the group.
    #[serde(default, deserialize_with = "null_default")]
    pub members: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
}

/// Where the scheduler puts a group's servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerGroupPolicy {
    Affinity,
    AntiAffinity,
    SoftAffinity,
    SoftAntiAffinity,
}

impl ServerGroupPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            ServerGroupPolicy::Affinity => "affinity",
            ServerGroupPolicy::AntiAffinity => "anti-affinity",
            ServerGroupPolicy::SoftAffinity => "soft-affinity",
            ServerGroupPolicy::SoftAntiAffinity => "soft-anti-affinity",
        }
    }
}

fn call<'a>(session: &'a Session, method: Method, path: &str) -> Call<'a> {
    session
        .call(method, SERVICE_TYPE, path)
        .microversion(MICROVERSION)
}

#[derive(Deserialize)]
struct Body {
    server_group: ServerGroup,
}

/// The project's server groups (`GET /os-server-groups`).
pub async fn list_server_groups(session: &Session) -> Result<Vec<ServerGroup>> {
    #[derive(Deserialize)]
    struct Page {
        server_groups: Vec<ServerGroup>,
    }
    let page: Page = call(session, Method::GET, "/os-server-groups")
        .fetch()
        .await?;
    Ok(page.server_groups)
}

/// `POST /os-server-groups`. Servers join with the `group` scheduler hint
/// when they are created.
pub async fn create_server_group(
    session: &Session,
    name: &str,
    policy: ServerGroupPolicy,
) -> Result<ServerGroup> {
    let body: Body = call(session, Method::POST, "/os-server-groups")
        .json(&json!({"server_group": {"name": name, "policy": policy.as_str()}}))
        .fetch()
        .await?;
    Ok(body.server_group)
}

/// `DELETE /os-server-groups/{server_group_id}`; the servers stay.
pub async fn delete_server_group(session: &Session, server_group_id: &str) -> Result<()> {
    call(
        session,
        Method::DELETE,
        &item_path("/os-server-groups", server_group_id),
    )
    .execute()
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_api_reference_example() {
        let b: Body = serde_json::from_str(
            r#"{"server_group": {"id": "5bbcc3c4-1da2-4437-a48a-66f15b1b13f9",
                "members": [], "name": "test", "policy": "anti-affinity",
                "project_id": "6f70656e737461636b20342065766572",
                "rules": {"max_server_per_host": 3},
                "user_id": "fake"}}"#,
        )
        .expect("decodes");
        assert_eq!(b.server_group.policy, "anti-affinity");
        assert_eq!(b.server_group.rules["max_server_per_host"], 3);
    }
}
