//! Security group rules: `/v2.0/security-group-rules`.

use super::{api_path, item_path, list, null_default, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// One rule of a security group. `None` fields match anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRule {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub security_group_id: String,
    /// `ingress` or `egress`.
    #[serde(default, deserialize_with = "null_default")]
    pub direction: String,
    /// `IPv4` or `IPv6`.
    #[serde(default, deserialize_with = "null_default")]
    pub ethertype: String,
    /// `tcp`, `udp`, `icmp`, a number…; `None` for any protocol.
    #[serde(default)]
    pub protocol: Option<String>,
    #[serde(default)]
    pub port_range_min: Option<u32>,
    #[serde(default)]
    pub port_range_max: Option<u32>,
    #[serde(default)]
    pub remote_ip_prefix: Option<String>,
    #[serde(default)]
    pub remote_group_id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
}

/// Which traffic a rule is about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    Ingress,
    Egress,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }
}

/// What [`create_security_group_rule`] sends; `None` fields are left out
/// (Neutron's defaults: IPv4, any protocol, any port, any remote).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityGroupRuleCreate {
    pub security_group_id: String,
    pub direction: Direction,
    /// `IPv4` (Neutron's default) or `IPv6`.
    pub ethertype: Option<String>,
    pub protocol: Option<String>,
    /// The first port (for ICMP: the type).
    pub port_range_min: Option<u32>,
    /// The last port (for ICMP: the code).
    pub port_range_max: Option<u32>,
    pub remote_ip_prefix: Option<String>,
    pub remote_group_id: Option<String>,
    pub description: Option<String>,
}

impl SecurityGroupRuleCreate {
    /// The `POST /v2.0/security-group-rules` body.
    pub fn to_body(&self) -> Value {
        let mut r = Map::new();
        r.insert("security_group_id".into(), json!(self.security_group_id));
        r.insert("direction".into(), json!(self.direction.as_str()));
        let optional = [
            ("ethertype", self.ethertype.as_ref().map(|v| json!(v))),
            ("protocol", self.protocol.as_ref().map(|v| json!(v))),
            ("port_range_min", self.port_range_min.map(|v| json!(v))),
            ("port_range_max", self.port_range_max.map(|v| json!(v))),
            (
                "remote_ip_prefix",
                self.remote_ip_prefix.as_ref().map(|v| json!(v)),
            ),
            (
                "remote_group_id",
                self.remote_group_id.as_ref().map(|v| json!(v)),
            ),
            ("description", self.description.as_ref().map(|v| json!(v))),
        ];
        for (k, v) in optional {
            if let Some(v) = v {
                r.insert(k.into(), v);
            }
        }
        json!({ "security_group_rule": r })
    }
}

/// The rules the user may see (`GET /v2.0/security-group-rules`, all
/// pages), of one group when `security_group_id` is given.
pub async fn list_security_group_rules(
    session: &Session,
    security_group_id: Option<&str>,
) -> Result<Vec<SecurityGroupRule>> {
    let query: Vec<(&str, &str)> = security_group_id
        .map(|g| ("security_group_id", g))
        .into_iter()
        .collect();
    list(
        session,
        "/security-group-rules",
        &query,
        "security_group_rules",
    )
    .await
}

/// `POST /v2.0/security-group-rules` (409 for a duplicate rule).
pub async fn create_security_group_rule(
    session: &Session,
    rule: &SecurityGroupRuleCreate,
) -> Result<SecurityGroupRule> {
    #[derive(Deserialize)]
    struct Body {
        security_group_rule: SecurityGroupRule,
    }
    let path = api_path(session, "/security-group-rules")?;
    let body: Body = session
        .post_json(SERVICE_TYPE, &path, &rule.to_body())
        .await?;
    Ok(body.security_group_rule)
}

/// `DELETE /v2.0/security-group-rules/{security_group_rule_id}`.
pub async fn delete_security_group_rule(session: &Session, rule_id: &str) -> Result<()> {
    let path = item_path(session, "/security-group-rules", rule_id)?;
    session.delete(SERVICE_TYPE, &path).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_body_leaves_out_defaults() {
        let rule = SecurityGroupRuleCreate {
            security_group_id: "g".into(),
            protocol: Some("tcp".into()),
            port_range_min: Some(22),
            port_range_max: Some(22),
            ..Default::default()
        };
        assert_eq!(
            rule.to_body(),
            json!({"security_group_rule": {"security_group_id": "g", "direction": "ingress",
                   "protocol": "tcp", "port_range_min": 22, "port_range_max": 22}})
        );
    }

    #[test]
    fn decodes_any_protocol_rules() {
        let r: SecurityGroupRule = serde_json::from_str(
            r#"{"id": "r", "security_group_id": "g", "direction": "egress",
                "ethertype": "IPv6", "protocol": null, "port_range_min": null,
                "port_range_max": null, "remote_ip_prefix": null, "remote_group_id": null,
                "description": null, "tenant_id": "p", "project_id": "p"}"#,
        )
        .expect("decodes");
        assert_eq!(r.protocol, None);
        assert_eq!(r.description, "");
    }
}
