//! Keystone domains.

use super::project::enabled_default;
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A domain, as `GET /v3/domains` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "enabled_default")]
    pub enabled: bool,
}

/// `GET /v3/domains` (admin).
pub async fn list_domains(session: &Session) -> Result<Vec<Domain>> {
    #[derive(Deserialize)]
    struct Body {
        domains: Vec<Domain>,
    }
    let body: Body = session.identity(Method::GET, "domains").fetch().await?;
    Ok(body.domains)
}
