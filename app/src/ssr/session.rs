//! The server-side session: the Keystone token lives here and nowhere else.

use serde::{Deserialize, Serialize};
use tower_sessions::{Expiry, Session};

use super::Backend;
use crate::error::AppError;
use crate::model::ProjectRef;

const KEY: &str = "zenith.login";

/// What a logged-in session holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CloudLogin {
    pub token: openstack::Token,
    pub region: String,
    pub projects: Vec<ProjectRef>,
}

impl CloudLogin {
    /// A client session for calling the cloud's APIs as this user.
    pub fn api(&self, backend: &Backend) -> openstack::Session {
        openstack::Session::new(
            backend.client.clone(),
            backend.auth_url.clone(),
            self.token.clone(),
        )
        .with_region(Some(self.region.clone()))
        .with_interface(backend.interface)
    }
}

fn store_error(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store failed");
    AppError::Internal("the session store is not available; try again".into())
}

/// The session of the request being served.
pub async fn current_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|_| AppError::Internal("sessions are not configured".into()))
}

/// The login of `session`, ending it if the token has expired.
pub async fn load(session: &Session) -> Result<CloudLogin, AppError> {
    let login: CloudLogin = session
        .get(KEY)
        .await
        .map_err(store_error)?
        .ok_or(AppError::NotLoggedIn)?;
    if login.token.is_expired() {
        session.flush().await.map_err(store_error)?;
        return Err(AppError::SessionExpired);
    }
    Ok(login)
}

/// Saves `login`. The session outlives its token by a little, so that the
/// next request can still say "your session has expired" before it goes.
pub async fn save(session: &Session, login: &CloudLogin) -> Result<(), AppError> {
    let expires = time::OffsetDateTime::from_unix_timestamp(login.token.expires_at.timestamp())
        .map_err(|e| AppError::Internal(e.to_string()))?
        + time::Duration::minutes(15);
    session.set_expiry(Some(Expiry::AtDateTime(expires)));
    session.insert(KEY, login).await.map_err(store_error)
}

/// Starts a new session for `login`, with a fresh id so a fixated one is useless.
pub async fn begin(session: &Session, login: &CloudLogin) -> Result<(), AppError> {
    session.cycle_id().await.map_err(store_error)?;
    save(session, login).await
}

pub async fn end(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(store_error)
}

/// The current login and a client for it; what most server functions start with.
pub async fn require() -> Result<(CloudLogin, openstack::Session), AppError> {
    let backend = Backend::current()?;
    let login = load(&current_session().await?).await?;
    let api = login.api(&backend);
    Ok((login, api))
}

/// As [`require`], for admin-only functions: refused on the server, not just hidden.
pub async fn require_admin() -> Result<(CloudLogin, openstack::Session), AppError> {
    let (login, api) = require().await?;
    if !login.token.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok((login, api))
}
