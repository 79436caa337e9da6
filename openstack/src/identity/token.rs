//! Keystone tokens: issue, rescope, validate, revoke.

use super::{child, identity_url, Project, Role};
use crate::catalog::Catalog;
use crate::client::{decode_json, Client};
use crate::error::{Error, Result};
use crate::secret::Secret;
use chrono::{DateTime, Utc};
use reqwest::header::{HeaderMap, HeaderValue};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const SUBJECT_TOKEN: &str = "X-Subject-Token";
const AUTH_TOKEN: &str = "X-Auth-Token";

/// A domain, by name or by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DomainRef {
    Name(String),
    Id(String),
}

impl DomainRef {
    fn to_json(&self) -> Value {
        match self {
            DomainRef::Name(name) => json!({ "name": name }),
            DomainRef::Id(id) => json!({ "id": id }),
        }
    }
}

/// The user to log in as. A user name is only unique within its domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserRef {
    Name { name: String, domain: DomainRef },
    Id(String),
}

/// User and password for the `password` auth method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordCredentials {
    pub user: UserRef,
    pub password: Secret,
}

impl PasswordCredentials {
    /// A user by name in the domain of that name (usually `Default`).
    pub fn new(
        username: impl Into<String>,
        user_domain_name: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        PasswordCredentials {
            user: UserRef::Name {
                name: username.into(),
                domain: DomainRef::Name(user_domain_name.into()),
            },
            password: password.into(),
        }
    }

    fn to_json(&self) -> Value {
        let user = match &self.user {
            UserRef::Name { name, domain } => json!({
                "name": name,
                "domain": domain.to_json(),
                "password": self.password.expose(),
            }),
            UserRef::Id(id) => json!({ "id": id, "password": self.password.expose() }),
        };
        json!({ "methods": ["password"], "password": { "user": user } })
    }
}

/// What a token should be scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// No project: enough to list the user's projects.
    Unscoped,
    ProjectId(String),
    ProjectName {
        name: String,
        domain: DomainRef,
    },
}

impl Scope {
    fn to_json(&self) -> Value {
        match self {
            // Without a scope Keystone scopes to the user's default project,
            // if one is set; the string "unscoped" asks for no scope at all
            // (this is what keystoneauth sends).
            Scope::Unscoped => json!("unscoped"),
            Scope::ProjectId(id) => json!({ "project": { "id": id } }),
            Scope::ProjectName { name, domain } => {
                json!({ "project": { "name": name, "domain": domain.to_json() } })
            }
        }
    }
}

/// A domain as a token names it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TokenDomain {
    pub id: String,
    #[serde(default)]
    pub name: String,
}

/// The user a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenUser {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub domain: TokenDomain,
}

/// The project a token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenProject {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub domain: TokenDomain,
}

/// A Keystone token with what Keystone said about it.
///
/// `Debug` shows `[redacted]` for the token value; `Serialize` includes it,
/// for the server-side session store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// The token value (from the `X-Subject-Token` header).
    pub secret: Secret,
    #[serde(with = "rfc3339")]
    pub expires_at: DateTime<Utc>,
    #[serde(with = "rfc3339")]
    pub issued_at: DateTime<Utc>,
    pub user: TokenUser,
    #[serde(default)]
    pub project: Option<TokenProject>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub catalog: Catalog,
    #[serde(default)]
    pub methods: Vec<String>,
    #[serde(default)]
    pub audit_ids: Vec<String>,
}

/// Stored tokens use RFC 3339, but read back anything Keystone sends.
mod rfc3339 {
    use chrono::{DateTime, Utc};
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        crate::time::deserialize(d)
    }
}

impl Token {
    /// Whether the token is past its expiry time.
    pub fn is_expired(&self) -> bool {
        Utc::now() >= self.expires_at
    }

    /// Whether the token expires within `within` from now (or already has).
    pub fn expires_within(&self, within: std::time::Duration) -> bool {
        match chrono::Duration::from_std(within) {
            Ok(d) => Utc::now() + d >= self.expires_at,
            // Longer than chrono can represent: certainly expires by then.
            Err(_) => true,
        }
    }

    /// Whether the token carries the role. Case-insensitive, as in
    /// oslo.policy's `role:` check.
    pub fn has_role(&self, name: &str) -> bool {
        self.roles.iter().any(|r| r.name.eq_ignore_ascii_case(name))
    }

    /// Whether the token carries the `admin` role.
    pub fn is_admin(&self) -> bool {
        self.has_role("admin")
    }

    /// The id of the project the token is scoped to.
    pub fn project_id(&self) -> Option<&str> {
        self.project.as_ref().map(|p| p.id.as_str())
    }

    /// Whether the token is scoped to a project.
    pub fn is_scoped(&self) -> bool {
        self.project.is_some()
    }
}

/// The body Keystone sends with a token.
#[derive(Deserialize)]
struct TokenBody {
    token: WireToken,
}

#[derive(Deserialize)]
struct WireToken {
    #[serde(deserialize_with = "crate::time::deserialize")]
    expires_at: DateTime<Utc>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    issued_at: Option<DateTime<Utc>>,
    user: TokenUser,
    #[serde(default)]
    project: Option<TokenProject>,
    #[serde(default)]
    roles: Vec<Role>,
    #[serde(default)]
    catalog: Catalog,
    #[serde(default)]
    methods: Vec<String>,
    #[serde(default)]
    audit_ids: Vec<String>,
}

impl WireToken {
    fn into_token(self, secret: Secret) -> Token {
        Token {
            secret,
            expires_at: self.expires_at,
            issued_at: self.issued_at.unwrap_or_else(Utc::now),
            user: self.user,
            project: self.project,
            roles: self.roles,
            catalog: self.catalog,
            methods: self.methods,
            audit_ids: self.audit_ids,
        }
    }
}

/// A header value that reqwest and hyper will not print in debug output.
pub(crate) fn token_header(secret: &Secret) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| {
        Error::Config("the token contains characters not allowed in a header; log in again".into())
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn subject_token(headers: &HeaderMap, url: &url::Url) -> Result<Secret> {
    headers
        .get(SUBJECT_TOKEN)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(Secret::from)
        .ok_or_else(|| {
            Error::decode(
                url,
                "Keystone sent no X-Subject-Token header; is this a Keystone v3 URL?",
            )
        })
}

async fn issue(client: &Client, auth_url: &str, body: Value) -> Result<Token> {
    let url = child(&identity_url(auth_url)?, "auth/tokens");
    let builder = client.http().post(url.clone()).json(&body);
    let response = client.send(builder, true).await?;
    let secret = subject_token(response.headers(), &url)?;
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Error::from_reqwest(e, &url))?;
    let body: TokenBody = decode_json(&bytes, &url)?;
    Ok(body.token.into_token(secret))
}

/// Logs in with a password: `POST /v3/auth/tokens`.
///
/// Wrong credentials give [`Error::Unauthorized`]; a cloud that cannot be
/// reached gives [`Error::Unreachable`].
pub async fn authenticate(
    client: &Client,
    auth_url: &str,
    credentials: &PasswordCredentials,
    scope: Scope,
) -> Result<Token> {
    let body = json!({
        "auth": { "identity": credentials.to_json(), "scope": scope.to_json() }
    });
    issue(client, auth_url, body).await
}

/// Gets a new token for another scope from an existing one (the `token`
/// auth method), e.g. to switch project.
pub async fn rescope(
    client: &Client,
    auth_url: &str,
    token: &Token,
    scope: Scope,
) -> Result<Token> {
    if token.is_expired() {
        return Err(Error::TokenExpired);
    }
    let body = json!({
        "auth": {
            "identity": { "methods": ["token"], "token": { "id": token.secret.expose() } },
            "scope": scope.to_json(),
        }
    });
    issue(client, auth_url, body).await
}

/// Asks Keystone whether the token is still valid (`GET /v3/auth/tokens`),
/// returning what Keystone now says about it. A revoked token gives
/// [`Error::NotFound`] or [`Error::Unauthorized`].
pub async fn validate(client: &Client, auth_url: &str, token: &Token) -> Result<Token> {
    if token.is_expired() {
        return Err(Error::TokenExpired);
    }
    let url = child(&identity_url(auth_url)?, "auth/tokens");
    let value = token_header(&token.secret)?;
    let builder = client
        .http()
        .get(url.clone())
        .header(AUTH_TOKEN, value.clone())
        .header(SUBJECT_TOKEN, value);
    let (body, _): (TokenBody, _) = client.send_json(builder).await?;
    Ok(body.token.into_token(token.secret.clone()))
}

/// Revokes the token (logout): `DELETE /v3/auth/tokens`. An expired token
/// is already dead, so that is `Ok` without asking Keystone.
pub async fn revoke(client: &Client, auth_url: &str, token: &Token) -> Result<()> {
    if token.is_expired() {
        return Ok(());
    }
    let url = child(&identity_url(auth_url)?, "auth/tokens");
    let value = token_header(&token.secret)?;
    let builder = client
        .http()
        .delete(url)
        .header(AUTH_TOKEN, value.clone())
        .header(SUBJECT_TOKEN, value);
    client.send(builder, true).await?;
    Ok(())
}

/// The projects the token's user may scope to: `GET /v3/auth/projects`.
/// Works with an unscoped token.
pub async fn auth_projects(client: &Client, auth_url: &str, token: &Token) -> Result<Vec<Project>> {
    if token.is_expired() {
        return Err(Error::TokenExpired);
    }
    #[derive(Deserialize)]
    struct Projects {
        projects: Vec<Project>,
    }
    let url = child(&identity_url(auth_url)?, "auth/projects");
    let builder = client
        .http()
        .get(url)
        .header(AUTH_TOKEN, token_header(&token.secret)?);
    let (body, _): (Projects, _) = client.send_json(builder).await?;
    Ok(body.projects)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const TOKEN_BODY: &str = r#"{"token": {
        "methods": ["password"],
        "roles": [{"id": "r1", "name": "member"}, {"id": "r2", "name": "reader"}],
        "expires_at": "2099-11-21T09:14:03.000000Z",
        "issued_at": "2026-11-21T08:14:03.000000Z",
        "project": {"domain": {"id": "default", "name": "Default"}, "id": "p1", "name": "demo"},
        "is_domain": false,
        "catalog": [{"endpoints": [{"id": "e1", "interface": "public", "region": "RegionOne",
            "region_id": "RegionOne", "url": "http://127.0.0.1:5000/v3"}],
            "id": "s1", "type": "identity", "name": "keystone"}],
        "user": {"domain": {"id": "default", "name": "Default"}, "id": "u1", "name": "demo",
            "password_expires_at": null},
        "audit_ids": ["3T2dc1CGQxyJsHdDu1xkcw"]
    }}"#;

    pub(crate) fn sample_token(secret: &str) -> Token {
        let body: TokenBody = serde_json::from_str(TOKEN_BODY).unwrap();
        body.token.into_token(Secret::from(secret))
    }

    #[test]
    fn parses_keystone_token() {
        let t = sample_token("gAAAAABsecret");
        assert_eq!(t.user.name, "demo");
        assert_eq!(t.user.domain.id, "default");
        assert_eq!(t.project_id(), Some("p1"));
        assert_eq!(t.project.as_ref().unwrap().domain.name, "Default");
        assert_eq!(t.roles.len(), 2);
        assert_eq!(t.methods, vec!["password"]);
        assert_eq!(t.audit_ids, vec!["3T2dc1CGQxyJsHdDu1xkcw"]);
        assert!(t.catalog.has_service("identity"));
        assert!(!t.is_expired());
        assert!(t.has_role("member"));
        assert!(t.has_role("Member"));
        assert!(!t.is_admin());
    }

    #[test]
    fn unscoped_token_body() {
        let body: TokenBody = serde_json::from_str(
            r#"{"token": {"methods": ["password"], "expires_at": "2099-01-01T00:00:00Z",
                "issued_at": "2026-01-01T00:00:00Z",
                "user": {"domain": {"id": "default", "name": "Default"}, "id": "u1", "name": "demo"},
                "audit_ids": ["x"]}}"#,
        )
        .unwrap();
        let t = body.token.into_token(Secret::from("s"));
        assert!(t.project.is_none());
        assert!(!t.is_scoped());
        assert!(t.roles.is_empty());
        assert!(t.catalog.is_empty());
    }

    #[test]
    fn debug_redacts_secret() {
        let t = sample_token("gAAAAABsupersecretvalue");
        let debug = format!("{t:?}");
        assert!(!debug.contains("supersecret"), "{debug}");
        assert!(debug.contains("[redacted]"));
        let pretty = format!("{t:#?}");
        assert!(!pretty.contains("supersecret"));

        let creds = PasswordCredentials::new("demo", "Default", "hunter2");
        assert!(!format!("{creds:?}").contains("hunter2"));
    }

    #[test]
    fn token_round_trips_through_json() {
        let t = sample_token("gAAAAABsecret");
        let json = serde_json::to_string(&t).unwrap();
        assert!(json.contains("gAAAAABsecret"));
        let back: Token = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn expiry() {
        let mut t = sample_token("s");
        t.expires_at = Utc::now() + chrono::Duration::seconds(60);
        assert!(!t.is_expired());
        assert!(t.expires_within(std::time::Duration::from_secs(120)));
        assert!(!t.expires_within(std::time::Duration::from_secs(10)));
        assert!(t.expires_within(std::time::Duration::MAX));
        t.expires_at = Utc::now() - chrono::Duration::seconds(1);
        assert!(t.is_expired());
        assert!(t.expires_within(std::time::Duration::ZERO));
    }

    #[test]
    fn admin_role() {
        let mut t = sample_token("s");
        t.roles.push(Role {
            id: "r3".into(),
            name: "admin".into(),
            domain_id: None,
            description: None,
        });
        assert!(t.is_admin());
    }

    #[test]
    fn request_bodies() {
        let creds = PasswordCredentials::new("demo", "Default", "pw");
        assert_eq!(
            creds.to_json(),
            json!({"methods": ["password"], "password": {"user": {
                "name": "demo", "domain": {"name": "Default"}, "password": "pw"}}})
        );
        let creds = PasswordCredentials {
            user: UserRef::Id("u1".into()),
            password: "pw".into(),
        };
        assert_eq!(
            creds.to_json(),
            json!({"methods": ["password"], "password": {"user": {"id": "u1", "password": "pw"}}})
        );
        assert_eq!(Scope::Unscoped.to_json(), json!("unscoped"));
        assert_eq!(
            Scope::ProjectId("p1".into()).to_json(),
            json!({"project": {"id": "p1"}})
        );
        assert_eq!(
            Scope::ProjectName {
                name: "demo".into(),
                domain: DomainRef::Id("default".into())
            }
            .to_json(),
            json!({"project": {"name": "demo", "domain": {"id": "default"}}})
        );
    }

    #[test]
    fn missing_subject_token_is_decode_error() {
        let url = url::Url::parse("http://k/v3/auth/tokens").unwrap();
        assert!(matches!(
            subject_token(&HeaderMap::new(), &url),
            Err(Error::Decode { .. })
        ));
    }
}
