//! Keystone projects.

use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A project, as `GET /v3/projects` and `GET /v3/auth/projects` list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub domain_id: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "enabled_default")]
    pub enabled: bool,
    #[serde(default)]
    pub parent_id: Option<String>,
    #[serde(default)]
    pub is_domain: bool,
    #[serde(default)]
    pub tags: Vec<String>,
}

pub(crate) fn enabled_default() -> bool {
    true
}

/// Filters for [`list_projects`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProjectFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `GET /v3/projects` (admin).
pub async fn list_projects(session: &Session, filter: &ProjectFilter) -> Result<Vec<Project>> {
    #[derive(Deserialize)]
    struct Body {
        projects: Vec<Project>,
    }
    let body: Body = session
        .identity(Method::GET, "projects")
        .query(filter)
        .fetch()
        .await?;
    Ok(body.projects)
}
