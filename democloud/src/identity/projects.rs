//! Projects: `/v3/projects`.

use axum::extract::{OriginalUri, State};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Value};

use crate::auth::Auth;
use crate::error::Error;
use crate::http::{collection_links, KPath, Params};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub domain_id: String,
    pub description: String,
    pub enabled: bool,
}

const COLUMNS: &str = "p.id, p.name, p.domain_id, p.description, p.enabled";

impl Project {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
        Ok(Project {
            id: r.get(0)?,
            name: r.get(1)?,
            domain_id: r.get(2)?,
            description: r.get(3)?,
            enabled: r.get(4)?,
        })
    }

    pub fn to_json(&self, base_url: &str) -> Value {
        json!({
            "id": self.id,
            "name": self.name,
            "domain_id": self.domain_id,
            "description": self.description,
            "enabled": self.enabled,
            // Top-level projects have their domain as parent in Keystone.
            "parent_id": self.domain_id,
            "is_domain": false,
            "tags": [],
            "options": {},
            "links": {"self": format!("{base_url}/v3/projects/{}", self.id)},
        })
    }
}

pub fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Project>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM projects p WHERE p.id = ?1"),
            params![id],
            Project::from_row,
        )
        .optional()?)
}

pub fn get_by_name(
    conn: &Connection,
    domain_id: &str,
    name: &str,
) -> Result<Option<Project>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM projects p WHERE p.domain_id = ?1 AND p.name = ?2"),
            params![domain_id, name],
            Project::from_row,
        )
        .optional()?)
}

pub fn list(conn: &Connection) -> Result<Vec<Project>, Error> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM projects p ORDER BY p.name"))?;
    let rows = stmt.query_map([], Project::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Projects on which the user holds at least one role.
pub fn list_for_user(conn: &Connection, user_id: &str) -> Result<Vec<Project>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT {COLUMNS} FROM projects p
         JOIN role_assignments a ON a.project_id = p.id
         WHERE a.user_id = ?1 ORDER BY p.name"
    ))?;
    let rows = stmt.query_map(params![user_id], Project::from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v3/projects", get(list_projects))
        .route("/v3/projects/{project_id}", get(get_project))
}

pub fn render_list(base_url: &str, projects: &[Project], uri: &axum::http::Uri) -> Value {
    json!({
        "projects": projects.iter().map(|p| p.to_json(base_url)).collect::<Vec<_>>(),
        "links": collection_links(base_url, uri),
    })
}

async fn list_projects(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_projects")?;
    let mut projects = st.db.call(|c| list(c)).await?;
    // Keystone has no project that is a domain here, so is_domain=true is empty.
    let is_domain = params.bool_filter("is_domain").unwrap_or(false);
    projects.retain(|p| {
        !is_domain
            && params.matches("name", &p.name)
            && params.matches("domain_id", &p.domain_id)
            && params.matches("parent_id", &p.domain_id)
            && params.bool_filter("enabled").is_none_or(|e| e == p.enabled)
    });
    Ok(Json(render_list(&st.base_url, &projects, &uri)))
}

async fn get_project(
    State(st): State<AppState>,
    auth: Auth,
    KPath(project_id): KPath<String>,
) -> Result<Json<Value>, Error> {
    // A token may always read the project it is scoped to.
    let own = auth.project_id() == Some(project_id.as_str());
    if !own && !auth.is_admin() {
        return Err(Error::policy("identity:get_project"));
    }
    let id = project_id.clone();
    let project = st.db.call(move |c| get_by_id(c, &id)).await?;
    let project = project.ok_or_else(|| Error::not_found("project", &project_id))?;
    Ok(Json(json!({"project": project.to_json(&st.base_url)})))
}
