//! Users: `/v3/users`.

use axum::extract::{OriginalUri, State};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use super::projects;
use crate::auth::Auth;
use crate::error::Error;
use crate::http::{collection_links, KPath, Params};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub name: String,
    pub domain_id: String,
    pub enabled: bool,
    pub default_project_id: Option<String>,
    pub email: Option<String>,
    pub description: Option<String>,
}

// The password hash is deliberately not part of `User`, so it can never be
// rendered by accident.
const COLUMNS: &str = "id, name, domain_id, enabled, default_project_id, email, description";

impl User {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<User> {
        Ok(User {
            id: r.get(0)?,
            name: r.get(1)?,
            domain_id: r.get(2)?,
            enabled: r.get(3)?,
            default_project_id: r.get(4)?,
            email: r.get(5)?,
            description: r.get(6)?,
        })
    }

    pub fn to_json(&self, base_url: &str) -> Value {
        let mut user = json!({
            "id": self.id,
            "name": self.name,
            "domain_id": self.domain_id,
            "enabled": self.enabled,
            "password_expires_at": null,
            "options": {},
            "links": {"self": format!("{base_url}/v3/users/{}", self.id)},
        });
        // Keystone leaves optional attributes out rather than sending null.
        for (key, value) in [
            ("default_project_id", &self.default_project_id),
            ("email", &self.email),
            ("description", &self.description),
        ] {
            if let Some(v) = value {
                user[key] = json!(v);
            }
        }
        user
    }
}

pub fn get_by_id(conn: &Connection, id: &str) -> Result<Option<User>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
            params![id],
            User::from_row,
        )
        .optional()?)
}

pub fn get_by_name(conn: &Connection, domain_id: &str, name: &str) -> Result<Option<User>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE domain_id = ?1 AND name = ?2"),
            params![domain_id, name],
            User::from_row,
        )
        .optional()?)
}

pub fn password_hash(conn: &Connection, user_id: &str) -> Result<Option<String>, Error> {
    Ok(conn
        .query_row(
            "SELECT password_hash FROM users WHERE id = ?1",
            params![user_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten())
}

pub fn list(conn: &Connection) -> Result<Vec<User>, Error> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM users ORDER BY name"))?;
    let rows = stmt.query_map([], User::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/users", get(list_users))
        .route("/v3/users/{user_id}", get(get_user))
        .route("/v3/users/{user_id}/projects", get(list_user_projects))
}

async fn list_users(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_users")?;
    let mut users = st.db.call(|c| list(c)).await?;
    users.retain(|u| {
        params.matches("name", &u.name)
            && params.matches("domain_id", &u.domain_id)
            && params.bool_filter("enabled").is_none_or(|e| e == u.enabled)
    });
    let base = &st.base_url;
    Ok(Json(json!({
        "users": users.iter().map(|u| u.to_json(base)).collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}

async fn get_user(
    State(st): State<AppState>,
    auth: Auth,
    KPath(user_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    if auth.user.id != user_id && !auth.is_admin() {
        return Err(Error::policy("identity:get_user"));
    }
    let id = user_id.clone();
    let user = st.db.call(move |c| get_by_id(c, &id)).await?;
    let user = user.ok_or_else(|| Error::not_found("user", &user_id))?;
    Ok(Json(json!({"user": user.to_json(&st.base_url)})))
}

async fn list_user_projects(
    State(st): State<AppState>,
    auth: Auth,
    KPath(user_id): KPath<String>,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    if auth.user.id != user_id && !auth.is_admin() {
        return Err(Error::policy("identity:list_user_projects"));
    }
    let id = user_id.clone();
    let found = st
        .db
        .call(move |c| match get_by_id(c, &id)? {
            Some(_) => Ok(Some(projects::list_for_user(c, &id)?)),
            None => Ok(None),
        })
        .await?;
    let list = found.ok_or_else(|| Error::not_found("user", &user_id))?;
    Ok(Json(projects::render_list(&st.base_url, &list, &uri)))
}
