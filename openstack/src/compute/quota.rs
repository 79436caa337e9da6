//! Quotas: `GET /os-quota-sets/{project_id}`.

use super::{call, item_path};
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A project's compute quotas (2.57+ fields; `-1` means unlimited). The
/// fields dropped in 2.36 and 2.57 are `None` on newer microversions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuotaSet {
    pub id: String,
    pub cores: i64,
    pub instances: i64,
    pub ram: i64,
    pub key_pairs: i64,
    pub metadata_items: i64,
    pub server_groups: i64,
    pub server_group_members: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injected_files: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injected_file_content_bytes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub injected_file_path_bytes: Option<i64>,
}

/// `GET /os-quota-sets/{project_id}` (one's own project, or any for admins).
pub async fn get_quota_set(session: &Session, project_id: &str) -> Result<QuotaSet> {
    #[derive(Deserialize)]
    struct Body {
        quota_set: QuotaSet,
    }
    let body: Body = call(
        session,
        Method::GET,
        &item_path("/os-quota-sets", project_id),
    )
    .fetch()
    .await?;
    Ok(body.quota_set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_quota_sets() {
        let q: QuotaSet = serde_json::from_str(
            r#"{"cores": 20, "id": "p1", "instances": 10, "key_pairs": 100,
                "metadata_items": 128, "ram": 51200, "server_group_members": 10,
                "server_groups": 10}"#,
        )
        .expect("decodes");
        assert_eq!((q.cores, q.instances, q.ram), (20, 10, 51200));
        assert_eq!(q.injected_files, None);
    }
}
