//! Role assignments: `/v3/role_assignments`.

use std::collections::HashMap;

use axum::extract::{OriginalUri, State};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::{domains, projects, roles, users};
use crate::auth::Auth;
use crate::error::Error;
use crate::http::{collection_links, Params};
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct Assignment {
    pub user_id: String,
    pub role_id: String,
    pub project_id: Option<String>,
    pub domain_id: Option<String>,
}

pub fn list(conn: &Connection) -> Result<Vec<Assignment>, Error> {
    let mut stmt = conn.prepare(
        "SELECT user_id, role_id, project_id, domain_id FROM role_assignments
         ORDER BY user_id, project_id, domain_id, role_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Assignment {
            user_id: r.get(0)?,
            role_id: r.get(1)?,
            project_id: r.get(2)?,
            domain_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/v3/role_assignments", get(list_role_assignments))
}

/// Everything needed to render assignments with `include_names`.
struct Names {
    users: HashMap<String, users::User>,
    roles: HashMap<String, roles::Role>,
    projects: HashMap<String, projects::Project>,
    domains: HashMap<String, domains::Domain>,
}

impl Names {
    fn load(conn: &Connection) -> Result<Names, Error> {
        Ok(Names {
            users: users::list(conn)?
                .into_iter()
                .map(|u| (u.id.clone(), u))
                .collect(),
            roles: roles::list(conn)?
                .into_iter()
                .map(|r| (r.id.clone(), r))
                .collect(),
            projects: projects::list(conn)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect(),
            domains: domains::list(conn)?
                .into_iter()
                .map(|d| (d.id.clone(), d))
                .collect(),
        })
    }

    fn domain(&self, id: &str) -> Value {
        match self.domains.get(id) {
            Some(d) => d.reference(),
            None => json!({"id": id}),
        }
    }
}

fn render(a: &Assignment, base_url: &str, names: Option<&Names>) -> Value {
    let mut user = json!({"id": a.user_id});
    let mut role = json!({"id": a.role_id});
    let (mut scope, scope_path) = match (&a.project_id, &a.domain_id) {
        (Some(p), _) => (json!({"project": {"id": p}}), format!("projects/{p}")),
        (None, Some(d)) => (json!({"domain": {"id": d}}), format!("domains/{d}")),
        (None, None) => (json!({}), String::new()),
    };
    if let Some(n) = names {
        if let Some(u) = n.users.get(&a.user_id) {
            user = json!({"id": u.id, "name": u.name, "domain": n.domain(&u.domain_id)});
        }
        if let Some(r) = n.roles.get(&a.role_id) {
            role = r.reference();
        }
        if let Some(p) = a.project_id.as_ref().and_then(|p| n.projects.get(p)) {
            scope =
                json!({"project": {"id": p.id, "name": p.name, "domain": n.domain(&p.domain_id)}});
        } else if let Some(d) = a.domain_id.as_ref().and_then(|d| n.domains.get(d)) {
            scope = json!({"domain": d.reference()});
        }
    }
    json!({
        "user": user,
        "role": role,
        "scope": scope,
        "links": {"assignment": format!(
            "{base_url}/v3/{scope_path}/users/{}/roles/{}", a.user_id, a.role_id
        )},
    })
}

async fn list_role_assignments(
    State(st): State<AppState>,
    auth: Auth,
    params: Params,
    OriginalUri(uri): OriginalUri,
) -> Result<Json<Value>, Error> {
    auth.require_admin("identity:list_role_assignments")?;
    let include_names = params.flag("include_names");
    let (mut assignments, names) = st
        .db
        .call(move |c| {
            let names = if include_names {
                Some(Names::load(c)?)
            } else {
                None
            };
            Ok((list(c)?, names))
        })
        .await?;
    // There are no groups, so these filters can only match nothing.
    let impossible = params.get("group.id").is_some() || params.flag("scope.system");
    assignments.retain(|a| {
        !impossible
            && params.matches("user.id", &a.user_id)
            && params.matches("role.id", &a.role_id)
            && params
                .get("scope.project.id")
                .is_none_or(|p| a.project_id.as_deref() == Some(p))
            && params
                .get("scope.domain.id")
                .is_none_or(|d| a.domain_id.as_deref() == Some(d))
    });
    let base = &st.base_url;
    Ok(Json(json!({
        "role_assignments": assignments
            .iter()
            .map(|a| render(a, base, names.as_ref()))
            .collect::<Vec<_>>(),
        "links": collection_links(base, &uri),
    })))
}
