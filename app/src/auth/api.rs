use leptos::prelude::*;

use crate::error::AppError;
use crate::model::SessionInfo;

#[cfg(feature = "ssr")]
use crate::ssr::{session, Backend, CloudLogin};

/// Logs in to Keystone with a password; the token stays in the server's session.
#[server(endpoint = "login")]
pub async fn login(username: String, password: String, domain: String) -> Result<(), AppError> {
    login_inner(username, password, domain).await
}

#[cfg(feature = "ssr")]
async fn login_inner(username: String, password: String, domain: String) -> Result<(), AppError> {
    use openstack::identity::{self, DomainRef, PasswordCredentials, Scope, UserRef};

    let username = username.trim();
    let domain = match domain.trim() {
        "" => "Default",
        d => d,
    };
    if username.is_empty() {
        return Err(AppError::invalid("username", "login-username-required"));
    }
    if password.is_empty() {
        return Err(AppError::invalid("password", "login-password-required"));
    }
    let backend = Backend::current()?;
    let credentials = PasswordCredentials {
        user: UserRef::Name {
            name: username.to_string(),
            domain: DomainRef::Name(domain.to_string()),
        },
        password: openstack::Secret::new(password),
    };
    let unscoped = identity::authenticate(
        &backend.client,
        &backend.auth_url,
        &credentials,
        Scope::Unscoped,
    )
    .await
    .map_err(login_error)?;

    let lookup = openstack::Session::new(
        backend.client.clone(),
        backend.auth_url.clone(),
        unscoped.clone(),
    );
    let (projects, user) = tokio::join!(
        identity::auth_projects(&backend.client, &backend.auth_url, &unscoped),
        identity::get_user(&lookup, &unscoped.user.id),
    );
    let mut projects: Vec<_> = projects?
        .into_iter()
        .filter(|p| p.enabled)
        .map(|p| crate::model::ProjectRef {
            domain_name: domain_name(&p.domain_id, &unscoped),
            id: p.id,
            name: p.name,
        })
        .collect();
    projects.sort_by(|a, b| a.name.cmp(&b.name));
    // Land in the user's default project when they may work there.
    let default_project = user.ok().and_then(|u| u.default_project_id);
    let target = default_project
        .and_then(|id| projects.iter().find(|p| p.id == id))
        .or_else(|| projects.first())
        .ok_or(AppError::NoProject)?
        .id
        .clone();

    let token = identity::rescope(
        &backend.client,
        &backend.auth_url,
        &unscoped,
        Scope::ProjectId(target),
    )
    .await
    .map_err(login_error)?;
    // The unscoped token is no longer needed; revoke it off the request path.
    let (client, auth_url) = (backend.client.clone(), backend.auth_url.clone());
    tokio::spawn(async move {
        if let Err(e) = identity::revoke(&client, &auth_url, &unscoped).await {
            tracing::warn!(error = %e, "could not revoke the unscoped login token");
        }
    });

    let region = pick_region(&backend, &token);
    let login = CloudLogin {
        token,
        region,
        projects,
    };
    session::begin(&session::current_session().await?, &login).await?;
    // The health sampler learns the cloud's endpoints from the catalog.
    if let Ok(sampler) = crate::ssr::health::current() {
        sampler.follow_catalog(&login.token.catalog, backend.interface);
    }
    tracing::info!(user = %login.token.user.name, "logged in");
    leptos_axum::redirect("/project");
    Ok(())
}

#[cfg(feature = "ssr")]
fn login_error(err: openstack::Error) -> AppError {
    match err {
        openstack::Error::Unauthorized { .. } => AppError::InvalidCredentials,
        other => other.into(),
    }
}

#[cfg(feature = "ssr")]
fn domain_name(domain_id: &str, token: &openstack::Token) -> String {
    if token.user.domain.id == domain_id {
        token.user.domain.name.clone()
    } else {
        domain_id.to_string()
    }
}

/// The configured region if the catalog has it, else the catalog's first.
#[cfg(feature = "ssr")]
fn pick_region(backend: &Backend, token: &openstack::Token) -> String {
    let regions = token.catalog.regions();
    backend
        .region
        .clone()
        .filter(|r| regions.contains(r))
        .or_else(|| regions.into_iter().next())
        .unwrap_or_else(|| "RegionOne".to_string())
}

/// Revokes the token and ends the session.
#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    logout_inner().await
}

#[cfg(feature = "ssr")]
async fn logout_inner() -> Result<(), AppError> {
    let session = session::current_session().await?;
    if let Ok(login) = session::load(&session).await {
        let backend = Backend::current()?;
        if let Err(e) =
            openstack::identity::revoke(&backend.client, &backend.auth_url, &login.token).await
        {
            tracing::warn!(error = %e, "could not revoke the token at logout");
        }
        tracing::info!(user = %login.token.user.name, "logged out");
    }
    session::end(&session).await?;
    leptos_axum::redirect("/login?reason=logged_out");
    Ok(())
}

/// Who is logged in, where, and until when.
#[server(endpoint = "session_info")]
pub async fn get_session_info() -> Result<SessionInfo, AppError> {
    session_info_inner().await
}

#[cfg(feature = "ssr")]
async fn session_info_inner() -> Result<SessionInfo, AppError> {
    let (login, _) = session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let token = &login.token;
    let project = token.project.as_ref().ok_or(AppError::NoProject)?;
    let mut services: Vec<String> = token
        .catalog
        .services
        .iter()
        .filter(|s| {
            s.endpoints
                .iter()
                .any(|e| e.region_name() == Some(login.region.as_str()))
        })
        .map(|s| openstack::catalog::official_service_type(&s.service_type).to_string())
        .collect();
    services.sort();
    services.dedup();
    Ok(SessionInfo {
        user_id: token.user.id.clone(),
        user_name: token.user.name.clone(),
        user_domain: token.user.domain.name.clone(),
        project: crate::model::ProjectRef {
            id: project.id.clone(),
            name: project.name.clone(),
            domain_name: project.domain.name.clone(),
        },
        projects: login.projects.clone(),
        region: login.region.clone(),
        regions: token.catalog.regions(),
        roles: token.roles.iter().map(|r| r.name.clone()).collect(),
        is_admin: token.is_admin(),
        services,
        expires_at_display: crate::format::format_datetime(
            token.expires_at,
            &prefs.language,
            &prefs.timezone,
        ),
        expires_in_secs: (token.expires_at - chrono::Utc::now()).num_seconds().max(0),
    })
}

/// Rescopes the session's token to another of the user's projects.
#[server(endpoint = "switch_project")]
pub async fn switch_project(project_id: String, next: String) -> Result<(), AppError> {
    switch_project_inner(project_id, next).await
}

#[cfg(feature = "ssr")]
async fn switch_project_inner(project_id: String, next: String) -> Result<(), AppError> {
    let backend = Backend::current()?;
    let session = session::current_session().await?;
    let mut login = session::load(&session).await?;
    if !login.projects.iter().any(|p| p.id == project_id) {
        return Err(AppError::invalid("project_id", "error-unknown-project"));
    }
    login.token = openstack::identity::rescope(
        &backend.client,
        &backend.auth_url,
        &login.token,
        openstack::identity::Scope::ProjectId(project_id),
    )
    .await?;
    if !login.token.catalog.regions().contains(&login.region) {
        login.region = pick_region(&backend, &login.token);
    }
    session::save(&session, &login).await?;
    leptos_axum::redirect(super::safe_next(&next));
    Ok(())
}

/// Chooses which region's endpoints the session uses.
#[server(endpoint = "switch_region")]
pub async fn switch_region(region: String, next: String) -> Result<(), AppError> {
    switch_region_inner(region, next).await
}

#[cfg(feature = "ssr")]
async fn switch_region_inner(region: String, next: String) -> Result<(), AppError> {
    let session = session::current_session().await?;
    let mut login = session::load(&session).await?;
    if !login.token.catalog.regions().contains(&region) {
        return Err(AppError::invalid("region", "error-unknown-region"));
    }
    login.region = region;
    session::save(&session, &login).await?;
    leptos_axum::redirect(super::safe_next(&next));
    Ok(())
}
