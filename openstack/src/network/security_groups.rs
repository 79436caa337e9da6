//! Security groups: `/v2.0/security-groups`.

use super::security_group_rules::SecurityGroupRule;
use super::{api_path, item_path, list, null_default, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A security group with its rules. Every project has one named
/// `default`, made by Neutron on first use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroup {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    #[serde(default)]
    pub stateful: Option<bool>,
    #[serde(default, deserialize_with = "null_default")]
    pub security_group_rules: Vec<SecurityGroupRule>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct Body {
    security_group: SecurityGroup,
}

/// The security groups the user may see (`GET /v2.0/security-groups`,
/// all pages): its project's, every project's for admins.
pub async fn list_security_groups(session: &Session) -> Result<Vec<SecurityGroup>> {
    list(session, "/security-groups", &[], "security_groups").await
}

/// `POST /v2.0/security-groups`; Neutron adds rules allowing all egress.
pub async fn create_security_group(
    session: &Session,
    name: &str,
    description: &str,
) -> Result<SecurityGroup> {
    let path = api_path(session, "/security-groups")?;
    let body: Body = session
        .post_json(
            SERVICE_TYPE,
            &path,
            &json!({"security_group": {"name": name, "description": description}}),
        )
        .await?;
    Ok(body.security_group)
}

/// `DELETE /v2.0/security-groups/{security_group_id}` (409 while a port
/// uses it).
pub async fn delete_security_group(session: &Session, security_group_id: &str) -> Result<()> {
    let path = item_path(session, "/security-groups", security_group_id)?;
    session.delete(SERVICE_TYPE, &path).await
}
