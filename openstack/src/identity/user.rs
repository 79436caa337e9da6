//! Keystone users.

use super::project::enabled_default;
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// A user, as `GET /v3/users` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub domain_id: String,
    #[serde(default = "enabled_default")]
    pub enabled: bool,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub default_project_id: Option<String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub password_expires_at: Option<DateTime<Utc>>,
}

/// Filters for [`list_users`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserFilter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

/// `GET /v3/users` (admin).
pub async fn list_users(session: &Session, filter: &UserFilter) -> Result<Vec<User>> {
    #[derive(Deserialize)]
    struct Body {
        users: Vec<User>,
    }
    let body: Body = session
        .identity(Method::GET, "users")
        .query(filter)
        .fetch()
        .await?;
    Ok(body.users)
}

/// `GET /v3/users/{user_id}` (admin, or the user themself).
pub async fn get_user(session: &Session, user_id: &str) -> Result<User> {
    #[derive(Deserialize)]
    struct Body {
        user: User,
    }
    let path = format!("users/{}", crate::encode_segment(user_id));
    let body: Body = session.identity(Method::GET, &path).fetch().await?;
    Ok(body.user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lenient_user() {
        let u: User = serde_json::from_str(
            r#"{"id": "u1", "name": "demo", "domain_id": "default", "enabled": true,
                "password_expires_at": "2027-01-01T00:00:00.000000", "options": {},
                "links": {"self": "http://x"}, "email": "demo@example.org"}"#,
        )
        .unwrap();
        assert_eq!(u.email.as_deref(), Some("demo@example.org"));
        assert!(u.password_expires_at.is_some());
        let u: User = serde_json::from_str(r#"{"id": "u2", "name": "x"}"#).unwrap();
        assert!(u.enabled);
        assert_eq!(u.password_expires_at, None);
    }

    #[test]
    fn filter_query() {
        let f = UserFilter {
            domain_id: Some("default".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&f).unwrap(),
            serde_json::json!({"domain_id": "default"})
        );
    }
}
