//! Quotas: `/os-quota-sets/{project_id}` (and `/detail`, `/defaults`), and
//! the usage counting that server creation enforces.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use super::flavors::Flavor;
use super::{call, path, Fault, Microversion, NPath, ProjectAuth};
use crate::state::AppState;

pub const INSTANCES: i64 = 10;
pub const CORES: i64 = 20;
pub const RAM: i64 = 51200;
pub const KEY_PAIRS: i64 = 100;
pub const SERVER_GROUPS: i64 = 10;
pub const SERVER_GROUP_MEMBERS: i64 = 10;
pub const METADATA_ITEMS: i64 = 128;
pub const INJECTED_FILES: i64 = 5;
pub const INJECTED_FILE_CONTENT_BYTES: i64 = 10240;
pub const INJECTED_FILE_PATH_BYTES: i64 = 255;

/// The hard limits of a project (every project has the defaults for now).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub instances: i64,
    pub cores: i64,
    pub ram: i64,
}

pub fn limits_for(_conn: &Connection, _project_id: &str) -> Result<Limits, Fault> {
    Ok(Limits {
        instances: INSTANCES,
        cores: CORES,
        ram: RAM,
    })
}

/// What a project's live servers use.
#[derive(Clone, Copy, Debug, Default)]
pub struct Usage {
    pub instances: i64,
    pub cores: i64,
    pub ram: i64,
}

impl Usage {
    pub fn of(conn: &Connection, project_id: &str) -> Result<Usage, Fault> {
        Ok(conn.query_row(
            "SELECT COUNT(*), COALESCE(SUM(f.vcpus), 0), COALESCE(SUM(f.ram), 0)
             FROM servers s LEFT JOIN flavors f ON f.id = s.flavor_id
             WHERE s.project_id = ?1 AND s.deleted_at IS NULL",
            params![project_id],
            |r| {
                Ok(Usage {
                    instances: r.get(0)?,
                    cores: r.get(1)?,
                    ram: r.get(2)?,
                })
            },
        )?)
    }

    /// How many servers of `flavor` still fit.
    pub fn fitting(&self, limits: &Limits, flavor: &Flavor) -> i64 {
        let fit = |limit: i64, used: i64, each: i64| {
            if limit < 0 || each <= 0 {
                i64::MAX
            } else {
                ((limit - used) / each).max(0)
            }
        };
        fit(limits.instances, self.instances, 1)
            .min(fit(limits.cores, self.cores, flavor.vcpus))
            .min(fit(limits.ram, self.ram, flavor.ram))
    }

    /// Nova's 403 for `count` servers of `flavor` that do not fit.
    pub fn over_quota(&self, limits: &Limits, flavor: &Flavor, count: i64) -> Fault {
        let mut over = Vec::new();
        let mut check = |name: &'static str, limit: i64, used: i64, requested: i64| {
            if limit >= 0 && used + requested > limit {
                over.push((name, limit, used, requested));
            }
        };
        check("instances", limits.instances, self.instances, count);
        check("cores", limits.cores, self.cores, flavor.vcpus * count);
        check("ram", limits.ram, self.ram, flavor.ram * count);
        let names: Vec<&str> = over.iter().map(|o| o.0).collect();
        let requested: Vec<String> = over.iter().map(|o| o.3.to_string()).collect();
        let used: Vec<String> = over.iter().map(|o| o.2.to_string()).collect();
        let limit: Vec<String> = over.iter().map(|o| o.1.to_string()).collect();
        let names = names.join(", ");
        Fault::OverQuota(format!(
            "Quota exceeded for {names}: Requested {}, but already used {} of {} {names}",
            requested.join(", "),
            used.join(", "),
            limit.join(", "),
        ))
    }
}

pub fn key_pairs_used(conn: &Connection, user_id: &str) -> Result<i64, Fault> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM keypairs WHERE user_id = ?1",
        params![user_id],
        |r| r.get(0),
    )?)
}

/// Every quota with its limit, as `os-quota-sets` lists them for `mv`.
fn quota_limits(mv: Microversion) -> Vec<(&'static str, i64)> {
    let mut q = vec![
        ("cores", CORES),
        ("instances", INSTANCES),
        ("key_pairs", KEY_PAIRS),
        ("metadata_items", METADATA_ITEMS),
        ("ram", RAM),
        ("server_groups", SERVER_GROUPS),
        ("server_group_members", SERVER_GROUP_MEMBERS),
    ];
    if !mv.at_least(57) {
        q.extend([
            ("injected_file_content_bytes", INJECTED_FILE_CONTENT_BYTES),
            ("injected_file_path_bytes", INJECTED_FILE_PATH_BYTES),
            ("injected_files", INJECTED_FILES),
        ]);
    }
    if !mv.at_least(36) {
        q.extend([
            ("fixed_ips", -1),
            ("floating_ips", -1),
            ("security_group_rules", -1),
            ("security_groups", -1),
        ]);
    }
    q
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/os-quota-sets/{project_id}"), get(show_quotas))
        .route(
            &path("/os-quota-sets/{project_id}/detail"),
            get(show_detail),
        )
        .route(
            &path("/os-quota-sets/{project_id}/defaults"),
            get(show_defaults),
        )
}

fn check_access(auth: &ProjectAuth, project_id: &str) -> Result<(), Fault> {
    if auth.project_id != project_id && !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:os-quota-sets:show"));
    }
    Ok(())
}

fn render(project_id: &str, mv: Microversion) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(project_id));
    for (k, v) in quota_limits(mv) {
        m.insert(k.into(), json!(v));
    }
    Value::Object(m)
}

async fn show_quotas(
    State(_st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(project_id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    check_access(&auth, &project_id)?;
    Ok(Json(json!({"quota_set": render(&project_id, mv)})))
}

async fn show_defaults(
    State(_st): State<AppState>,
    _auth: ProjectAuth,
    mv: Microversion,
    NPath(project_id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    Ok(Json(json!({"quota_set": render(&project_id, mv)})))
}

async fn show_detail(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(project_id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    check_access(&auth, &project_id)?;
    let user_id = auth.user_id().to_owned();
    let pid = project_id.clone();
    let (usage, keys) = call(&st, move |c| {
        super::servers::settle(c)?;
        Ok((Usage::of(c, &pid)?, key_pairs_used(c, &user_id)?))
    })
    .await?;
    let mut m = Map::new();
    m.insert("id".into(), json!(project_id));
    for (k, limit) in quota_limits(mv) {
        let in_use = match k {
            "instances" => usage.instances,
            "cores" => usage.cores,
            "ram" => usage.ram,
            "key_pairs" => keys,
            _ => 0,
        };
        m.insert(
            k.into(),
            json!({"in_use": in_use, "limit": limit, "reserved": 0}),
        );
    }
    Ok(Json(json!({"quota_set": m})))
}
