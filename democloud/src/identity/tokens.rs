//! Tokens: `/v3/auth/tokens` and the token-derived `/v3/auth/*` listings.
//!
//! Token ids are random strings handed to the client once; the database
//! keeps only their hash. Roles are not snapshotted: they are recomputed at
//! every validation, so a removed role or disabled user takes effect at once.

use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use blake2::{Blake2s256, Digest};
use rand::distributions::{Alphanumeric, DistString};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use super::domains::{self, DomainRef};
use super::{projects, roles, users};
use crate::auth::{token_header, Auth, TokenInfo, TokenScope, SUBJECT_TOKEN_HEADER};
use crate::catalog;
use crate::db::now_micros;
use crate::error::Error;
use crate::http::{collection_links, format_time, KJson, Params};
use crate::password;
use crate::state::AppState;

const TOKEN_ID_LEN: usize = 64;
const AUDIT_ID_LEN: usize = 22;
/// Keystone's default `max_password_length`; longer input is refused
/// before it reaches the (expensive) hash.
const MAX_PASSWORD_LEN: usize = 4096;

// ---------------------------------------------------------------------------
// Storage

fn hash_token(token: &str) -> String {
    Blake2s256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn random_string(len: usize) -> String {
    Alphanumeric.sample_string(&mut rand::rngs::OsRng, len)
}

/// Whether the user may be scoped to the project: it and its domain are
/// enabled and the user holds a role on it.
fn project_usable(
    conn: &Connection,
    user_id: &str,
    project: &projects::Project,
) -> Result<bool, Error> {
    if !project.enabled {
        return Ok(false);
    }
    let domain_ok = domains::get_by_id(conn, &project.domain_id)?.is_some_and(|d| d.enabled);
    Ok(domain_ok && !roles::on_project(conn, user_id, &project.id)?.is_empty())
}

/// A project-scoped token issued by the cloud itself, for work it does on
/// a user's behalf after the request is gone (Heat's stack operations, as
/// real Heat does with trusts). `None` when the user may no longer be
/// scoped to the project.
pub fn mint(
    conn: &Connection,
    user_id: &str,
    project_id: &str,
    ttl: std::time::Duration,
) -> Result<Option<String>, Error> {
    let token_id = random_string(TOKEN_ID_LEN);
    let audit_id = random_string(AUDIT_ID_LEN);
    let issued_at = now_micros();
    let ttl = i64::try_from(ttl.as_micros()).unwrap_or(i64::MAX / 2);
    conn.execute(
        "INSERT INTO tokens (id_hash, user_id, project_id, domain_id, methods,
             audit_id, audit_chain_id, issued_at, expires_at, revoked)
         VALUES (?1, ?2, ?3, NULL, 'token', ?4, ?4, ?5, ?6, 0)",
        params![
            hash_token(&token_id),
            user_id,
            project_id,
            audit_id,
            issued_at,
            issued_at.saturating_add(ttl)
        ],
    )?;
    Ok(load_valid(conn, &token_id)?.map(|_| token_id))
}

/// The token with this id if it is currently valid: known, not revoked, not
/// expired, its user and scope still enabled and still granting a role.
pub fn load_valid(conn: &Connection, token_id: &str) -> Result<Option<TokenInfo>, Error> {
    type Row = (
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        String,
        i64,
        i64,
        bool,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT user_id, project_id, domain_id, methods, audit_id, audit_chain_id,
                    issued_at, expires_at, revoked
             FROM tokens WHERE id_hash = ?1",
            params![hash_token(token_id)],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ))
            },
        )
        .optional()?;
    let Some((
        user_id,
        project_id,
        domain_id,
        methods,
        audit_id,
        audit_chain_id,
        issued_at,
        expires_at,
        revoked,
    )) = row
    else {
        return Ok(None);
    };
    if revoked || expires_at <= now_micros() {
        return Ok(None);
    }
    let Some(user) = users::get_by_id(conn, &user_id)?.filter(|u| u.enabled) else {
        return Ok(None);
    };
    let Some(user_domain) = domains::get_by_id(conn, &user.domain_id)?.filter(|d| d.enabled) else {
        return Ok(None);
    };
    let (scope, roles) = match (project_id, domain_id) {
        (Some(project_id), _) => {
            let Some(project) = projects::get_by_id(conn, &project_id)? else {
                return Ok(None);
            };
            if !project_usable(conn, &user.id, &project)? {
                return Ok(None);
            }
            let Some(domain) = domains::get_by_id(conn, &project.domain_id)? else {
                return Ok(None);
            };
            let roles = roles::on_project(conn, &user.id, &project.id)?;
            (TokenScope::Project { project, domain }, roles)
        }
        (None, Some(domain_id)) => {
            let Some(domain) = domains::get_by_id(conn, &domain_id)?.filter(|d| d.enabled) else {
                return Ok(None);
            };
            let roles = roles::on_domain(conn, &user.id, &domain.id)?;
            if roles.is_empty() {
                return Ok(None);
            }
            (TokenScope::Domain(domain), roles)
        }
        (None, None) => (TokenScope::Unscoped, Vec::new()),
    };
    Ok(Some(TokenInfo {
        user,
        user_domain,
        scope,
        roles,
        methods: methods
            .split(',')
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
            .collect(),
        audit_id,
        audit_chain_id,
        issued_at,
        expires_at,
    }))
}

/// Revokes one token. Like Keystone's `DELETE /v3/auth/tokens`, tokens
/// rescoped from it or to it stay valid (Keystone revokes by audit id, not
/// by audit chain, unless an operator asks for the chain).
fn revoke(conn: &Connection, token_id: &str) -> Result<(), Error> {
    conn.execute(
        "UPDATE tokens SET revoked = 1 WHERE id_hash = ?1",
        params![hash_token(token_id)],
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Rendering

fn render(conn: &Connection, info: &TokenInfo, include_catalog: bool) -> Result<Value, Error> {
    let mut audit_ids = vec![info.audit_id.clone()];
    if info.audit_chain_id != info.audit_id {
        audit_ids.push(info.audit_chain_id.clone());
    }
    let mut token = json!({
        "methods": info.methods,
        "user": {
            "id": info.user.id,
            "name": info.user.name,
            "domain": info.user_domain.reference(),
            "password_expires_at": null,
        },
        "audit_ids": audit_ids,
        "expires_at": format_time(info.expires_at),
        "issued_at": format_time(info.issued_at),
    });
    let scoped = match &info.scope {
        TokenScope::Project { project, domain } => {
            token["project"] =
                json!({"id": project.id, "name": project.name, "domain": domain.reference()});
            token["is_domain"] = json!(false);
            true
        }
        TokenScope::Domain(domain) => {
            token["domain"] = domain.reference();
            true
        }
        TokenScope::Unscoped => false,
    };
    if scoped {
        token["roles"] = info.roles.iter().map(roles::Role::reference).collect();
        if include_catalog {
            token["catalog"] = json!(catalog::build(conn, info.project_id())?);
        }
    }
    Ok(json!({"token": token}))
}

fn with_subject_token(
    status: StatusCode,
    token_id: &str,
    body: Option<Value>,
) -> Result<Response, Error> {
    let value = HeaderValue::from_str(token_id)
        .map_err(|_| Error::Internal("token id is not a valid header".into()))?;
    let mut response = match body {
        Some(body) => (status, Json(body)).into_response(),
        None => status.into_response(),
    };
    response.headers_mut().insert(SUBJECT_TOKEN_HEADER, value);
    Ok(response)
}

// ---------------------------------------------------------------------------
// Issuing

#[derive(Deserialize)]
struct AuthRequest {
    auth: AuthBody,
}

#[derive(Deserialize)]
struct AuthBody {
    identity: Identity,
    #[serde(default)]
    scope: Option<Value>,
}

// No `Debug` on these: they carry passwords and tokens.
#[derive(Deserialize)]
struct Identity {
    methods: Vec<String>,
    password: Option<PasswordMethod>,
    token: Option<TokenMethod>,
}

#[derive(Deserialize)]
struct PasswordMethod {
    user: PasswordUser,
}

#[derive(Deserialize)]
struct PasswordUser {
    id: Option<String>,
    name: Option<String>,
    domain: Option<DomainRef>,
    password: String,
}

#[derive(Deserialize)]
struct TokenMethod {
    id: String,
}

#[derive(Deserialize)]
struct ProjectRef {
    id: Option<String>,
    name: Option<String>,
    domain: Option<DomainRef>,
}

enum ScopeRequest {
    /// No scope given: the default project if usable, else unscoped.
    Default,
    /// `"scope": "unscoped"`, as keystoneauth sends for unscoped=True.
    Unscoped,
    Project(ProjectRef),
    Domain(DomainRef),
    /// System scope and trusts: nobody here holds them.
    Unsupported,
}

fn check_domain_ref(d: &DomainRef) -> Result<(), Error> {
    if d.id.is_none() && d.name.is_none() {
        return Err(Error::expecting("id or name", "domain"));
    }
    Ok(())
}

fn parse_scope(scope: Option<Value>) -> Result<ScopeRequest, Error> {
    let invalid = |field: &str, e: serde_json::Error| {
        Error::BadRequest(format!("Invalid input for field '{field}': {e}"))
    };
    let map = match scope {
        None => return Ok(ScopeRequest::Default),
        Some(Value::String(s)) if s == "unscoped" => return Ok(ScopeRequest::Unscoped),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(Error::expecting("an object or \"unscoped\"", "scope")),
    };
    let kinds = ["project", "domain", "system", "OS-TRUST:trust"];
    let present: Vec<&str> = kinds.into_iter().filter(|k| map.contains_key(*k)).collect();
    let [kind] = present.as_slice() else {
        return Err(Error::expecting(
            "project, domain, OS-TRUST:trust or system",
            "scope",
        ));
    };
    let value = map.get(*kind).cloned().unwrap_or(Value::Null);
    match *kind {
        "project" => {
            let p: ProjectRef =
                serde_json::from_value(value).map_err(|e| invalid("scope.project", e))?;
            match (&p.id, &p.name, &p.domain) {
                (Some(_), _, _) => {}
                (None, Some(_), Some(d)) => check_domain_ref(d)?,
                (None, Some(_), None) => return Err(Error::expecting("domain", "project")),
                (None, None, _) => return Err(Error::expecting("id or name", "project")),
            }
            Ok(ScopeRequest::Project(p))
        }
        "domain" => {
            let d: DomainRef =
                serde_json::from_value(value).map_err(|e| invalid("scope.domain", e))?;
            check_domain_ref(&d)?;
            Ok(ScopeRequest::Domain(d))
        }
        _ => Ok(ScopeRequest::Unsupported),
    }
}

enum UserLookup {
    Id(String),
    Name(String, DomainRef),
}

/// Verifies a password; returns the user id on success.
async fn authenticate_password(st: &AppState, method: PasswordMethod) -> Result<String, Error> {
    let PasswordUser {
        id,
        name,
        domain,
        password,
    } = method.user;
    let lookup = match (id, name, domain) {
        (Some(id), _, _) => UserLookup::Id(id),
        (None, Some(name), Some(domain)) => {
            check_domain_ref(&domain)?;
            UserLookup::Name(name, domain)
        }
        (None, Some(_), None) => return Err(Error::expecting("domain", "user")),
        (None, None, _) => return Err(Error::expecting("id or name", "user")),
    };
    if password.len() > MAX_PASSWORD_LEN {
        return Err(Error::Unauthorized);
    }
    let found = st
        .db
        .call(move |c| {
            let user = match lookup {
                UserLookup::Id(id) => users::get_by_id(c, &id)?,
                UserLookup::Name(name, domain) => match domains::resolve(c, &domain)? {
                    Some(d) => users::get_by_name(c, &d.id, &name)?,
                    None => None,
                },
            };
            let Some(user) = user else { return Ok(None) };
            let domain_enabled = domains::get_by_id(c, &user.domain_id)?.is_some_and(|d| d.enabled);
            if !user.enabled || !domain_enabled {
                return Ok(None);
            }
            let hash = users::password_hash(c, &user.id)?;
            Ok(Some((user.id, hash)))
        })
        .await?;
    let (user_id, hash) = match found {
        Some((id, hash)) => (Some(id), hash),
        None => (None, None),
    };
    // Verify even for unknown users so timing does not tell them apart.
    let ok =
        tokio::task::spawn_blocking(move || password::verify(&password, hash.as_deref())).await?;
    match (ok, user_id) {
        (true, Some(id)) => Ok(id),
        _ => Err(Error::Unauthorized),
    }
}

/// Finds the project or domain to scope to: `(project_id, domain_id)`.
/// Whether the user may use it is checked when the token is loaded.
fn resolve_scope(
    conn: &Connection,
    user: &users::User,
    scope: ScopeRequest,
) -> Result<(Option<String>, Option<String>), Error> {
    match scope {
        ScopeRequest::Unscoped => Ok((None, None)),
        ScopeRequest::Unsupported => Err(Error::Unauthorized),
        ScopeRequest::Project(p) => {
            let project = match (p.id, p.name, p.domain) {
                (Some(id), _, _) => projects::get_by_id(conn, &id)?,
                (None, Some(name), Some(domain)) => match domains::resolve(conn, &domain)? {
                    Some(d) => projects::get_by_name(conn, &d.id, &name)?,
                    None => None,
                },
                _ => None,
            };
            let project = project.ok_or(Error::Unauthorized)?;
            Ok((Some(project.id), None))
        }
        ScopeRequest::Domain(d) => {
            let domain = domains::resolve(conn, &d)?.ok_or(Error::Unauthorized)?;
            Ok((None, Some(domain.id)))
        }
        ScopeRequest::Default => {
            // Keystone scopes to the default project only if it is usable,
            // and quietly issues an unscoped token otherwise.
            let Some(default_id) = &user.default_project_id else {
                return Ok((None, None));
            };
            match projects::get_by_id(conn, default_id)? {
                Some(project) if project_usable(conn, &user.id, &project)? => {
                    Ok((Some(project.id), None))
                }
                _ => Ok((None, None)),
            }
        }
    }
}

/// What a `token` auth method carries over to the new token.
struct Parent {
    expires_at: i64,
    audit_chain_id: String,
    methods: Vec<String>,
}

async fn issue_token(
    State(st): State<AppState>,
    params: Params,
    KJson(request): KJson<AuthRequest>,
) -> Result<Response, Error> {
    let AuthBody {
        mut identity,
        scope,
    } = request.auth;
    let scope = parse_scope(scope)?;
    let mut methods: Vec<String> = Vec::new();
    for m in std::mem::take(&mut identity.methods) {
        if !methods.contains(&m) {
            methods.push(m);
        }
    }
    if methods.is_empty() {
        return Err(Error::expecting("at least one method", "identity.methods"));
    }
    // Shape errors (400) come before any credential is checked (401).
    for m in &methods {
        let present = match m.as_str() {
            "password" => identity.password.is_some(),
            "token" => identity.token.is_some(),
            _ => true,
        };
        if !present {
            return Err(Error::expecting(m, "identity"));
        }
    }

    let mut user_id: Option<String> = None;
    let mut parent: Option<Parent> = None;
    for m in &methods {
        // Each method appears once, so taking its block is safe.
        let authenticated = match m.as_str() {
            "password" => {
                let pw = identity.password.take().ok_or(Error::Unauthorized)?;
                authenticate_password(&st, pw).await?
            }
            "token" => {
                let t = identity.token.take().ok_or(Error::Unauthorized)?;
                let info = st.db.call(move |c| load_valid(c, &t.id)).await?;
                let info = info.ok_or(Error::Unauthorized)?;
                parent = Some(Parent {
                    expires_at: info.expires_at,
                    audit_chain_id: info.audit_chain_id,
                    methods: info.methods,
                });
                info.user.id
            }
            // Keystone: "Attempted to authenticate with an unsupported method."
            _ => return Err(Error::Unauthorized),
        };
        if user_id.as_ref().is_some_and(|u| *u != authenticated) {
            return Err(Error::Unauthorized);
        }
        user_id = Some(authenticated);
    }
    let user_id = user_id.ok_or(Error::Unauthorized)?;

    let issued_at = now_micros();
    let audit_id = random_string(AUDIT_ID_LEN);
    let (expires_at, audit_chain_id) = match &parent {
        // A rescoped token lives no longer than the one it came from.
        Some(p) => (p.expires_at, p.audit_chain_id.clone()),
        None => {
            let ttl = i64::try_from(st.token_ttl.as_micros()).unwrap_or(i64::MAX / 2);
            // Whole seconds like Keystone, rounded up so the TTL is honoured.
            let expires = issued_at.saturating_add(ttl).saturating_add(999_999);
            (expires - expires.rem_euclid(1_000_000), audit_id.clone())
        }
    };
    for m in parent.iter().flat_map(|p| &p.methods) {
        if !methods.contains(m) {
            methods.push(m.clone());
        }
    }
    let include_catalog = !params.flag("nocatalog");
    let token_id = random_string(TOKEN_ID_LEN);
    let stored_id = token_id.clone();
    let body = st
        .db
        .call(move |c| {
            let user = users::get_by_id(c, &user_id)?.ok_or(Error::Unauthorized)?;
            let (project_id, domain_id) = resolve_scope(c, &user, scope)?;
            c.execute(
                "INSERT INTO tokens (id_hash, user_id, project_id, domain_id, methods,
                     audit_id, audit_chain_id, issued_at, expires_at, revoked)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0)",
                params![
                    hash_token(&stored_id),
                    user.id,
                    project_id,
                    domain_id,
                    methods.join(","),
                    audit_id,
                    audit_chain_id,
                    issued_at,
                    expires_at
                ],
            )?;
            // Loading it back applies every validity rule (roles on the
            // project, enabled flags) in one place.
            match load_valid(c, &stored_id)? {
                Some(info) => render(c, &info, include_catalog).map(Some),
                None => {
                    c.execute(
                        "DELETE FROM tokens WHERE id_hash = ?1",
                        params![hash_token(&stored_id)],
                    )?;
                    Ok(None)
                }
            }
        })
        .await?;
    let body = body.ok_or(Error::Unauthorized)?;
    with_subject_token(StatusCode::CREATED, &token_id, Some(body))
}

// ---------------------------------------------------------------------------
// Validation and revocation

/// The subject token and its info, or 404 as Keystone answers for unknown,
/// expired and revoked tokens.
async fn subject(st: &AppState, headers: &HeaderMap) -> Result<(String, TokenInfo), Error> {
    let subject = token_header(headers, SUBJECT_TOKEN_HEADER)
        .ok_or_else(|| Error::expecting("X-Subject-Token", "request headers"))?;
    let lookup = subject.clone();
    let info = st.db.call(move |c| load_valid(c, &lookup)).await?;
    match info {
        Some(info) => Ok((subject, info)),
        None => Err(Error::not_found("token", &subject)),
    }
}

/// Keystone's `rule:token_subject`: users may handle their own tokens.
fn enforce_subject(auth: &Auth, info: &TokenInfo, action: &str) -> Result<(), Error> {
    if auth.user.id == info.user.id || auth.is_admin() {
        Ok(())
    } else {
        Err(Error::policy(action))
    }
}

async fn validate_token(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let (subject_id, info) = subject(&st, &headers).await?;
    enforce_subject(&auth, &info, "identity:validate_token")?;
    let include_catalog = !params.flag("nocatalog");
    let body = st
        .db
        .call(move |c| render(c, &info, include_catalog))
        .await?;
    with_subject_token(StatusCode::OK, &subject_id, Some(body))
}

async fn check_token(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let (subject_id, info) = subject(&st, &headers).await?;
    enforce_subject(&auth, &info, "identity:check_token")?;
    with_subject_token(StatusCode::OK, &subject_id, None)
}

async fn revoke_token(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> Result<StatusCode, Error> {
    let (subject_id, info) = subject(&st, &headers).await?;
    enforce_subject(&auth, &info, "identity:revoke_token")?;
    st.db.call(move |c| revoke(c, &subject_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------
// What the token may scope to

async fn auth_projects(
    State(st): State<AppState>,
    auth: Auth,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    let user_id = auth.user.id.clone();
    let list = st
        .db
        .call(move |c| {
            let mut usable = Vec::new();
            for p in projects::list_for_user(c, &user_id)? {
                if project_usable(c, &user_id, &p)? {
                    usable.push(p);
                }
            }
            Ok(usable)
        })
        .await?;
    Ok(Json(projects::render_list(&st.base_url, &list, &uri)))
}

async fn auth_domains(
    State(st): State<AppState>,
    auth: Auth,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    let user_id = auth.user.id.clone();
    let list = st
        .db
        .call(move |c| domains::list_for_user(c, &user_id))
        .await?;
    let base = &st.base_url;
    Ok(Json(json!({
        "domains": list.iter().map(|d| d.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn auth_system(State(st): State<AppState>, _auth: Auth) -> Json<Value> {
    // Nobody holds a system role in the demo cloud.
    Json(json!({"system": [], "links": {"self": format!("{}/v3/auth/system", st.base_url)}}))
}

async fn auth_catalog(State(st): State<AppState>, auth: Auth) -> Result<Json<Value>, Error> {
    let Some(project_id) = auth.project_id().map(str::to_owned) else {
        return Err(Error::Forbidden(
            "A project-scoped token is required to produce a service catalog.".to_owned(),
        ));
    };
    let catalog = st
        .db
        .call(move |c| catalog::build(c, Some(&project_id)))
        .await?;
    Ok(Json(json!({
        "catalog": catalog,
        "links": {"self": format!("{}/v3/auth/catalog", st.base_url), "previous": null, "next": null},
    })))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/v3/auth/tokens",
            get(validate_token)
                .head(check_token)
                .post(issue_token)
                .delete(revoke_token),
        )
        .route("/v3/auth/projects", get(auth_projects))
        .route("/v3/auth/domains", get(auth_domains))
        .route("/v3/auth/system", get(auth_system))
        .route("/v3/auth/catalog", get(auth_catalog))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_ids_are_long_and_url_safe() {
        let id = random_string(TOKEN_ID_LEN);
        assert_eq!(id.len(), 64);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(id, random_string(TOKEN_ID_LEN));
        assert_eq!(hash_token(&id).len(), 64);
        assert_ne!(hash_token(&id), id);
    }

    #[test]
    fn scope_parsing() {
        assert!(matches!(parse_scope(None), Ok(ScopeRequest::Default)));
        assert!(matches!(
            parse_scope(Some(json!("unscoped"))),
            Ok(ScopeRequest::Unscoped)
        ));
        assert!(matches!(
            parse_scope(Some(json!({"project": {"id": "x"}}))),
            Ok(ScopeRequest::Project(_))
        ));
        assert!(matches!(
            parse_scope(Some(json!({"domain": {"name": "Default"}}))),
            Ok(ScopeRequest::Domain(_))
        ));
        assert!(matches!(
            parse_scope(Some(json!({"system": {"all": true}}))),
            Ok(ScopeRequest::Unsupported)
        ));
        for bad in [
            json!({}),
            json!(42),
            json!({"project": {"name": "demo"}}),
            json!({"project": {}}),
            json!({"project": {"id": 5}}),
            json!({"project": {"id": "a"}, "domain": {"id": "b"}}),
            json!({"domain": {}}),
        ] {
            assert!(
                matches!(parse_scope(Some(bad.clone())), Err(Error::BadRequest(_))),
                "{bad} should be a 400"
            );
        }
    }
}
