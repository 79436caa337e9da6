//! Quotas: `/v2.0/quotas/{project_id}` (and `/details.json`,
//! `/default`), and the check every create runs.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use super::{call, path, Fault, NetAuth, QPath};
use crate::state::AppState;

/// Neutron's default quotas, in the order it lists them (-1: unlimited).
pub const DEFAULTS: &[(&str, i64)] = &[
    ("network", 100),
    ("subnet", 100),
    ("port", 500),
    ("router", 10),
    ("floatingip", 50),
    ("security_group", 10),
    ("security_group_rule", 100),
    ("rbac_policy", 10),
    ("subnetpool", -1),
];

pub fn limit(resource: &str) -> i64 {
    DEFAULTS
        .iter()
        .find(|(r, _)| *r == resource)
        .map_or(-1, |(_, l)| *l)
}

/// What a project uses of `resource`.
pub fn used(conn: &Connection, project_id: &str, resource: &str) -> Result<i64, Fault> {
    let table = match resource {
        "network" => "networks",
        "subnet" => "subnets",
        "port" => "ports",
        "floatingip" => "floating_ips",
        "security_group" => "security_groups",
        "security_group_rule" => "security_group_rules",
        _ => return Ok(0),
    };
    Ok(conn.query_row(
        &format!("SELECT COUNT(*) FROM {table} WHERE project_id = ?1"),
        params![project_id],
        |r| r.get(0),
    )?)
}

/// Neutron's 409 when `delta` more of `resource` would exceed the quota.
pub fn check(conn: &Connection, project_id: &str, resource: &str, delta: i64) -> Result<(), Fault> {
    let limit = limit(resource);
    if limit >= 0 && used(conn, project_id, resource)? + delta > limit {
        return Err(Fault::conflict(
            "OverQuota",
            format!("Quota exceeded for resources: ['{resource}']."),
        ));
    }
    Ok(())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/quotas"), get(list_quotas))
        .route(&path("/quotas/{project_id}"), get(show_quota))
        .route(&path("/quotas/{project_id}/details"), get(show_details))
        .route(
            &path("/quotas/{project_id}/details.json"),
            get(show_details),
        )
        .route(&path("/quotas/{project_id}/default"), get(show_default))
        .route(
            &path("/quotas/{project_id}/default.json"),
            get(show_default),
        )
}

fn check_access(auth: &NetAuth, project_id: &str) -> Result<(), Fault> {
    if project_id != auth.project_id && !auth.is_admin() {
        return Err(Fault::new(
            StatusCode::FORBIDDEN,
            "HTTPForbidden",
            "Only admin is authorized to access quotas for another tenant",
        ));
    }
    Ok(())
}

fn limits() -> Value {
    let map: Map<String, Value> = DEFAULTS
        .iter()
        .map(|(r, l)| ((*r).to_owned(), json!(l)))
        .collect();
    Value::Object(map)
}

/// Every project has the defaults, so no project has quotas of its own.
async fn list_quotas(auth: NetAuth) -> Result<Json<Value>, Fault> {
    if !auth.is_admin() {
        return Err(Fault::policy("rule:get_quota"));
    }
    Ok(Json(json!({"quotas": []})))
}

async fn show_quota(auth: NetAuth, QPath(project_id): QPath<String>) -> Result<Json<Value>, Fault> {
    // `GET /quotas/{id}.json` is the same request.
    let project_id = project_id.trim_end_matches(".json");
    check_access(&auth, project_id)?;
    Ok(Json(json!({"quota": limits()})))
}

async fn show_default(
    auth: NetAuth,
    QPath(project_id): QPath<String>,
) -> Result<Json<Value>, Fault> {
    check_access(&auth, &project_id)?;
    Ok(Json(json!({"quota": limits()})))
}

async fn show_details(
    State(st): State<AppState>,
    auth: NetAuth,
    QPath(project_id): QPath<String>,
) -> Result<Json<Value>, Fault> {
    check_access(&auth, &project_id)?;
    let v = call(&st, move |c| {
        let mut map = Map::new();
        for (resource, limit) in DEFAULTS {
            let used = used(c, &project_id, resource)?;
            map.insert(
                (*resource).to_owned(),
                json!({"limit": limit, "used": used, "reserved": 0}),
            );
        }
        Ok(Value::Object(map))
    })
    .await?;
    Ok(Json(json!({ "quota": v })))
}
