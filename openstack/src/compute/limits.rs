//! Absolute limits and usage: `GET /limits`.

use super::call;
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// The project's limits and what it uses, as `limits.absolute` lists them.
/// `-1` means unlimited. Fields a cloud omits are 0.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AbsoluteLimits {
    pub max_total_cores: i64,
    pub max_total_instances: i64,
    #[serde(rename = "maxTotalRAMSize")]
    pub max_total_ram_size: i64,
    pub max_total_keypairs: i64,
    pub max_server_meta: i64,
    pub max_image_meta: i64,
    pub max_server_groups: i64,
    pub max_server_group_members: i64,
    pub total_cores_used: i64,
    pub total_instances_used: i64,
    #[serde(rename = "totalRAMUsed")]
    pub total_ram_used: i64,
    pub total_server_groups_used: i64,
}

/// `GET /limits`: the absolute limits of the session's project.
pub async fn get_limits(session: &Session) -> Result<AbsoluteLimits> {
    #[derive(Deserialize)]
    struct Limits {
        #[serde(default)]
        absolute: AbsoluteLimits,
    }
    #[derive(Deserialize)]
    struct Body {
        limits: Limits,
    }
    let body: Body = call(session, Method::GET, "/limits").fetch().await?;
    Ok(body.limits.absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_absolute_limits() {
        let a: AbsoluteLimits = serde_json::from_str(
            r#"{"maxImageMeta": 128, "maxServerMeta": 128, "maxServerGroupMembers": 10,
                "maxServerGroups": 10, "maxTotalCores": 20, "maxTotalInstances": 10,
                "maxTotalKeypairs": 100, "maxTotalRAMSize": 51200, "totalCoresUsed": 2,
                "totalInstancesUsed": 1, "totalRAMUsed": 512, "totalServerGroupsUsed": 0}"#,
        )
        .expect("decodes");
        assert_eq!(a.max_total_ram_size, 51200);
        assert_eq!(a.total_ram_used, 512);
        assert_eq!(a.total_instances_used, 1);
        assert_eq!(a.max_total_keypairs, 100);
    }
}
