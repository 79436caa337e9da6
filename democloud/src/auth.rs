//! Request authentication (`X-Auth-Token`) and the policy checks built on
//! it. Every service of the demo cloud uses this, not only Keystone.

use std::ops::Deref;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;

use crate::error::Error;
use crate::identity::domains::Domain;
use crate::identity::projects::Project;
use crate::identity::roles::Role;
use crate::identity::tokens;
use crate::identity::users::User;
use crate::state::AppState;

pub const AUTH_TOKEN_HEADER: &str = "x-auth-token";
pub const SUBJECT_TOKEN_HEADER: &str = "x-subject-token";

/// What a token is scoped to.
#[derive(Clone, Debug)]
pub enum TokenScope {
    Unscoped,
    Project { project: Project, domain: Domain },
    Domain(Domain),
}

/// A valid token with everything it grants, computed at validation time so
/// role changes take effect at once.
#[derive(Clone, Debug)]
pub struct TokenInfo {
    pub user: User,
    pub user_domain: Domain,
    pub scope: TokenScope,
    pub roles: Vec<Role>,
    pub methods: Vec<String>,
    pub audit_id: String,
    pub audit_chain_id: String,
    pub issued_at: i64,
    pub expires_at: i64,
}

impl TokenInfo {
    /// Keystone's `admin_required`: the admin role in the token's scope.
    pub fn is_admin(&self) -> bool {
        self.roles.iter().any(|r| r.name == "admin")
    }

    pub fn require_admin(&self, action: &str) -> Result<(), Error> {
        if self.is_admin() {
            Ok(())
        } else {
            Err(Error::policy(action))
        }
    }

    pub fn project_id(&self) -> Option<&str> {
        match &self.scope {
            TokenScope::Project { project, .. } => Some(&project.id),
            _ => None,
        }
    }

    /// The scoped domain, or the domain of the scoped project.
    pub fn domain_id(&self) -> Option<&str> {
        match &self.scope {
            TokenScope::Project { domain, .. } | TokenScope::Domain(domain) => Some(&domain.id),
            TokenScope::Unscoped => None,
        }
    }
}

/// Extractor for a request carrying a valid `X-Auth-Token`; rejects with
/// 401 otherwise.
pub struct Auth(pub TokenInfo);

impl Deref for Auth {
    type Target = TokenInfo;
    fn deref(&self) -> &TokenInfo {
        &self.0
    }
}

/// A non-empty token header value, if present.
pub fn token_header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Auth, Error> {
        let token = token_header(&parts.headers, AUTH_TOKEN_HEADER).ok_or(Error::Unauthorized)?;
        let info = state
            .db
            .call(move |c| tokens::load_valid(c, &token))
            .await?;
        info.map(Auth).ok_or(Error::Unauthorized)
    }
}

/// A request with a project-scoped token, for the services that work inside
/// one project (Nova, Glance, …). `F` is the service's own fault type, so a
/// refusal carries that service's error body.
pub struct ProjectAuth<F> {
    pub auth: Auth,
    pub project_id: String,
    fault: std::marker::PhantomData<fn() -> F>,
}

impl<F> FromRequestParts<crate::state::AppState> for ProjectAuth<F>
where
    F: From<Error> + axum::response::IntoResponse,
{
    type Rejection = axum::response::Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &crate::state::AppState,
    ) -> Result<Self, Self::Rejection> {
        // An authentication failure keeps keystonemiddleware's body.
        let auth = Auth::from_request_parts(parts, state)
            .await
            .map_err(axum::response::IntoResponse::into_response)?;
        let project_id = auth.project_id().map(str::to_owned).ok_or_else(|| {
            F::from(Error::Forbidden(
                "A project-scoped token is required.".into(),
            ))
            .into_response()
        })?;
        Ok(ProjectAuth {
            auth,
            project_id,
            fault: std::marker::PhantomData,
        })
    }
}

impl<F> ProjectAuth<F> {
    pub fn user_id(&self) -> &str {
        &self.auth.user.id
    }

    pub fn is_admin(&self) -> bool {
        self.auth.is_admin()
    }
}
