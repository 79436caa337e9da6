//! Quota usage: `GET /os-quota-sets/{project_id}?usage=true`.

use super::{api_path, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use serde::{Deserialize, Serialize};

/// Limit and use of one resource (`-1` limit: unlimited).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeQuotaUsage {
    pub limit: i64,
    pub in_use: i64,
    pub reserved: i64,
}

/// A project's block storage quotas with their use. Cinder also sends one
/// entry per volume type (`volumes_lvmdriver-1`…); those are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VolumeQuotaUsageSet {
    pub volumes: VolumeQuotaUsage,
    /// Volume and snapshot storage, GiB.
    pub gigabytes: VolumeQuotaUsage,
    pub snapshots: VolumeQuotaUsage,
    pub backups: VolumeQuotaUsage,
    /// Backup storage, GiB.
    pub backup_gigabytes: VolumeQuotaUsage,
    pub groups: VolumeQuotaUsage,
    /// Largest size of one volume, GiB (`in_use` is always 0).
    pub per_volume_gigabytes: VolumeQuotaUsage,
}

/// `GET /os-quota-sets/{project_id}?usage=true` (one's own project, or any
/// for admins).
pub async fn get_quota_usage(session: &Session, project_id: &str) -> Result<VolumeQuotaUsageSet> {
    #[derive(Deserialize)]
    struct Body {
        quota_set: VolumeQuotaUsageSet,
    }
    let path = api_path(
        session,
        &format!("/os-quota-sets/{}", crate::encode_segment(project_id)),
    )?;
    let body: Body = session
        .get_json_query(SERVICE_TYPE, &path, &[("usage", "true")])
        .await?;
    Ok(body.quota_set)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_quota_usage() {
        // From the Block Storage API reference, "Show quota usage for a
        // project", plus a per-type entry.
        let q: VolumeQuotaUsageSet = serde_json::from_str(
            r#"{"id": "p1",
                "volumes": {"reserved": 0, "allocated": 0, "limit": 10, "in_use": 2},
                "gigabytes": {"reserved": 0, "allocated": 0, "limit": 1000, "in_use": 15},
                "per_volume_gigabytes": {"reserved": 0, "allocated": 0, "limit": -1, "in_use": 0},
                "volumes_lvmdriver-1": {"reserved": 0, "allocated": 0, "limit": -1, "in_use": 2},
                "backups": {"reserved": 0, "allocated": 0, "limit": 10, "in_use": 0}}"#,
        )
        .expect("decodes");
        assert_eq!(
            q.volumes,
            VolumeQuotaUsage {
                limit: 10,
                in_use: 2,
                reserved: 0
            }
        );
        assert_eq!((q.gigabytes.in_use, q.gigabytes.limit), (15, 1000));
        assert_eq!(q.per_volume_gigabytes.limit, -1);
        assert_eq!(q.snapshots, VolumeQuotaUsage::default());
    }
}
