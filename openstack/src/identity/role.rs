//! Keystone roles and role assignments.

use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A role. Tokens list roles with only `id` and `name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub domain_id: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// `GET /v3/roles` (admin).
pub async fn list_roles(session: &Session) -> Result<Vec<Role>> {
    #[derive(Deserialize)]
    struct Body {
        roles: Vec<Role>,
    }
    let body: Body = session.identity(Method::GET, "roles").fetch().await?;
    Ok(body.roles)
}

/// A domain as a role assignment names it; `name` only with `include_names`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSummary {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// A role, user, group or project in a role assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentRef {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub domain: Option<DomainSummary>,
}

/// Where a role is assigned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentScope {
    #[serde(default)]
    pub project: Option<AssignmentRef>,
    #[serde(default)]
    pub domain: Option<AssignmentRef>,
    /// `{"all": true}` for system-scoped assignments.
    #[serde(default)]
    pub system: Option<serde_json::Value>,
    #[serde(default, rename = "OS-INHERIT:inherited_to")]
    pub inherited_to: Option<String>,
}

/// One role assignment: a role for a user or group on a scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleAssignment {
    pub role: AssignmentRef,
    #[serde(default)]
    pub user: Option<AssignmentRef>,
    #[serde(default)]
    pub group: Option<AssignmentRef>,
    #[serde(default)]
    pub scope: AssignmentScope,
}

/// Filters for [`list_role_assignments`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleAssignmentFilters {
    pub user_id: Option<String>,
    pub group_id: Option<String>,
    pub role_id: Option<String>,
    pub project_id: Option<String>,
    pub domain_id: Option<String>,
    /// Expand group memberships and inherited roles into user assignments.
    pub effective: bool,
}

impl RoleAssignmentFilters {
    fn query(&self, include_names: bool) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        let pairs = [
            ("user.id", &self.user_id),
            ("group.id", &self.group_id),
            ("role.id", &self.role_id),
            ("scope.project.id", &self.project_id),
            ("scope.domain.id", &self.domain_id),
        ];
        for (key, value) in pairs {
            if let Some(v) = value {
                q.push((key, v.clone()));
            }
        }
        // Keystone treats these flags as true when present with any value
        // but 0.
        if self.effective {
            q.push(("effective", "true".to_owned()));
        }
        if include_names {
            q.push(("include_names", "true".to_owned()));
        }
        q
    }
}

/// `GET /v3/role_assignments` (admin). `include_names` adds names to the
/// ids of roles, users, groups, projects and domains.
pub async fn list_role_assignments(
    session: &Session,
    filters: &RoleAssignmentFilters,
    include_names: bool,
) -> Result<Vec<RoleAssignment>> {
    #[derive(Deserialize)]
    struct Body {
        role_assignments: Vec<RoleAssignment>,
    }
    let body: Body = session
        .identity(Method::GET, "role_assignments")
        .query(&filters.query(include_names))
        .fetch()
        .await?;
    Ok(body.role_assignments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_assignments() {
        let body = r#"[
            {"links": {"assignment": "http://x"},
             "role": {"id": "r1", "name": "admin", "domain": null},
             "scope": {"project": {"id": "p1", "name": "admin",
                       "domain": {"id": "default", "name": "Default"}}},
             "user": {"id": "u1", "name": "admin", "domain": {"id": "default", "name": "Default"}}},
            {"role": {"id": "r2"}, "group": {"id": "g1"},
             "scope": {"domain": {"id": "d1"}, "OS-INHERIT:inherited_to": "projects"}},
            {"role": {"id": "r3"}, "user": {"id": "u2"}, "scope": {"system": {"all": true}}}
        ]"#;
        let a: Vec<RoleAssignment> = serde_json::from_str(body).unwrap();
        assert_eq!(a[0].role.name.as_deref(), Some("admin"));
        assert_eq!(a[0].scope.project.as_ref().unwrap().id, "p1");
        assert_eq!(
            a[0].user
                .as_ref()
                .unwrap()
                .domain
                .as_ref()
                .unwrap()
                .name
                .as_deref(),
            Some("Default")
        );
        assert_eq!(a[1].group.as_ref().unwrap().id, "g1");
        assert_eq!(a[1].scope.inherited_to.as_deref(), Some("projects"));
        assert!(a[2].scope.system.is_some());
    }

    #[test]
    fn filter_query() {
        let f = RoleAssignmentFilters {
            user_id: Some("u1".into()),
            project_id: Some("p1".into()),
            effective: true,
            ..Default::default()
        };
        assert_eq!(
            f.query(true),
            vec![
                ("user.id", "u1".to_owned()),
                ("scope.project.id", "p1".to_owned()),
                ("effective", "true".to_owned()),
                ("include_names", "true".to_owned()),
            ]
        );
        assert!(RoleAssignmentFilters::default().query(false).is_empty());
    }
}
