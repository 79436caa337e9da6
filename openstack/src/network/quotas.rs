//! Quota usage: `GET /v2.0/quotas/{project_id}/details.json`.

use super::{item_path, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use serde::{Deserialize, Serialize};

/// Limit and use of one resource (`-1` limit: unlimited).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaUsage {
    pub limit: i64,
    pub used: i64,
    pub reserved: i64,
}

/// A project's network quotas with their use (extension `quota_details`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkQuotaDetails {
    pub network: QuotaUsage,
    pub subnet: QuotaUsage,
    pub port: QuotaUsage,
    pub router: QuotaUsage,
    pub floatingip: QuotaUsage,
    pub security_group: QuotaUsage,
    pub security_group_rule: QuotaUsage,
}

/// `GET /v2.0/quotas/{project_id}/details.json` (one's own project, or any
/// for admins).
pub async fn get_quota_details(session: &Session, project_id: &str) -> Result<NetworkQuotaDetails> {
    #[derive(Deserialize)]
    struct Body {
        quota: NetworkQuotaDetails,
    }
    let path = format!(
        "{}/details.json",
        item_path(session, "/quotas", project_id)?
    );
    let body: Body = session.get_json(SERVICE_TYPE, &path).await?;
    Ok(body.quota)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_quota_details() {
        let q: NetworkQuotaDetails = serde_json::from_str(
            r#"{"network": {"used": 1, "limit": 100, "reserved": 0},
                "floatingip": {"used": 0, "limit": 50, "reserved": 0},
                "rbac_policy": {"used": 0, "limit": 10, "reserved": 0}}"#,
        )
        .expect("decodes");
        assert_eq!(
            q.network,
            QuotaUsage {
                limit: 100,
                used: 1,
                reserved: 0
            }
        );
        assert_eq!(q.floatingip.limit, 50);
        assert_eq!(q.port, QuotaUsage::default());
    }
}
