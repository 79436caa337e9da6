//! Quotas: `/os-quota-sets/{project_id}` (show, update, delete, and
//! `/detail`, `/defaults`), the per-project overrides stored in
//! `compute_quotas`, and the usage counting that server creation enforces.
//!
//! A limit of -1 means unlimited, everywhere a limit is read.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::flavors::Flavor;
use super::{
    additional_properties, call, invalid_input, path, Fault, Microversion, NJson, NPath,
    ProjectAuth,
};
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

/// Nova's largest limit (its database's MAX_INT).
const MAX_LIMIT: i64 = 0x7FFF_FFFF;

/// Every quota a project may override, with its default, in the order
/// `os-quota-sets` lists them; the injected file ones only before 2.57.
const DEFAULTS: &[(&str, i64)] = &[
    ("cores", CORES),
    ("instances", INSTANCES),
    ("key_pairs", KEY_PAIRS),
    ("metadata_items", METADATA_ITEMS),
    ("ram", RAM),
    ("server_groups", SERVER_GROUPS),
    ("server_group_members", SERVER_GROUP_MEMBERS),
    ("injected_file_content_bytes", INJECTED_FILE_CONTENT_BYTES),
    ("injected_file_path_bytes", INJECTED_FILE_PATH_BYTES),
    ("injected_files", INJECTED_FILES),
];

const INJECTED: &[&str] = &[
    "injected_file_content_bytes",
    "injected_file_path_bytes",
    "injected_files",
];

/// nova-network's quotas: shown (always unlimited) and accepted, but
/// ignored, before 2.36.
const NETWORK: &[&str] = &[
    "fixed_ips",
    "floating_ips",
    "security_group_rules",
    "security_groups",
];

fn default_limit(resource: &str) -> Option<i64> {
    DEFAULTS
        .iter()
        .find(|(name, _)| *name == resource)
        .map(|(_, limit)| *limit)
}

/// A project's effective quotas: its stored overrides over the defaults.
#[derive(Clone, Debug, Default)]
pub struct QuotaSet {
    overrides: HashMap<String, i64>,
}

impl QuotaSet {
    /// The defaults every project starts with.
    pub fn defaults() -> QuotaSet {
        QuotaSet::default()
    }

    pub fn of(conn: &Connection, project_id: &str) -> Result<QuotaSet, Fault> {
        let mut stmt =
            conn.prepare("SELECT resource, hard_limit FROM compute_quotas WHERE project_id = ?1")?;
        let rows = stmt.query_map(params![project_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(QuotaSet {
            overrides: rows.collect::<Result<_, _>>()?,
        })
    }

    /// The limit of `resource`; -1 (unlimited) for one Nova no longer counts.
    pub fn get(&self, resource: &str) -> i64 {
        self.overrides
            .get(resource)
            .copied()
            .or_else(|| default_limit(resource))
            .unwrap_or(-1)
    }
}

/// A project's effective limit of one `resource`.
pub fn limit(conn: &Connection, project_id: &str, resource: &str) -> Result<i64, Fault> {
    let stored: Option<i64> = conn
        .query_row(
            "SELECT hard_limit FROM compute_quotas WHERE project_id = ?1 AND resource = ?2",
            params![project_id, resource],
            |r| r.get(0),
        )
        .optional()?;
    Ok(stored.or_else(|| default_limit(resource)).unwrap_or(-1))
}

/// Whether `requested` more on top of `used` goes over `limit` (-1: never).
pub fn exceeds(limit: i64, used: i64, requested: i64) -> bool {
    limit >= 0 && used + requested > limit
}

/// Nova's 403 when a server would hold `total` metadata items, `requested`
/// of them new, beyond the project's `metadata_items` quota.
pub fn check_metadata(
    conn: &Connection,
    project_id: &str,
    requested: usize,
    total: usize,
) -> Result<(), Fault> {
    let limit = limit(conn, project_id, "metadata_items")?;
    let used = total - requested.min(total);
    if exceeds(limit, used as i64, requested as i64) {
        return Err(Fault::forbidden(format!(
            "Quota exceeded for metadata_items: Requested {requested}, but already used {used} \
             of {limit} metadata_items"
        )));
    }
    Ok(())
}

/// The hard limits server creation and resize enforce.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub instances: i64,
    pub cores: i64,
    pub ram: i64,
}

pub fn limits_for(conn: &Connection, project_id: &str) -> Result<Limits, Fault> {
    let q = QuotaSet::of(conn, project_id)?;
    Ok(Limits {
        instances: q.get("instances"),
        cores: q.get("cores"),
        ram: q.get("ram"),
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
            if exceeds(limit, used, requested) {
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

/// Every quota `os-quota-sets` lists for `mv`.
fn quota_names(mv: Microversion) -> Vec<&'static str> {
    let mut q: Vec<&str> = DEFAULTS
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| !INJECTED.contains(name))
        .collect();
    if !mv.at_least(57) {
        q.extend(INJECTED);
    }
    if !mv.at_least(36) {
        q.extend(NETWORK);
    }
    q
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/os-quota-sets/{project_id}"),
            get(show_quotas).put(update_quotas).delete(delete_quotas),
        )
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

/// A quota set body; update answers without the `id`, as Nova does.
fn render(project_id: Option<&str>, quotas: &QuotaSet, mv: Microversion) -> Value {
    let mut m = Map::new();
    if let Some(id) = project_id {
        m.insert("id".into(), json!(id));
    }
    for k in quota_names(mv) {
        m.insert(k.into(), json!(quotas.get(k)));
    }
    Value::Object(m)
}

async fn show_quotas(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(project_id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    check_access(&auth, &project_id)?;
    let pid = project_id.clone();
    let quotas = call(&st, move |c| QuotaSet::of(c, &pid)).await?;
    Ok(Json(
        json!({"quota_set": render(Some(&project_id), &quotas, mv)}),
    ))
}

async fn show_defaults(
    State(_st): State<AppState>,
    _auth: ProjectAuth,
    mv: Microversion,
    NPath(project_id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    Ok(Json(
        json!({"quota_set": render(Some(&project_id), &QuotaSet::defaults(), mv)}),
    ))
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
    let (quotas, usage, keys, groups, members) = call(&st, move |c| {
        super::servers::settle(c)?;
        Ok((
            QuotaSet::of(c, &pid)?,
            Usage::of(c, &pid)?,
            key_pairs_used(c, &user_id)?,
            super::server_groups::count(c, &pid)?,
            super::server_groups::members_in_project(c, &pid)?,
        ))
    })
    .await?;
    let mut m = Map::new();
    m.insert("id".into(), json!(project_id));
    for k in quota_names(mv) {
        let in_use = match k {
            "instances" => usage.instances,
            "cores" => usage.cores,
            "ram" => usage.ram,
            "key_pairs" => keys,
            "server_groups" => groups,
            "server_group_members" => members,
            _ => 0,
        };
        m.insert(
            k.into(),
            json!({"in_use": in_use, "limit": quotas.get(k), "reserved": 0}),
        );
    }
    Ok(Json(json!({"quota_set": m})))
}

// ---------------------------------------------------------------------------
// Updates

/// A JSON value as Python's `repr` shows it in Nova's validation messages.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{s}'"),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A JSON value as Python's `str` shows it (strings unquoted).
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Nova's schema error for a field.
fn invalid(field: &str, value: &Value, reason: &str) -> Fault {
    invalid_input(field, &py_str(value), reason)
}

/// The strings (besides true and false) Nova's boolean parameters accept.
const TRUE_STRINGS: &[&str] = &[
    "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
];
const FALSE_STRINGS: &[&str] = &[
    "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no",
];

fn parse_force(v: &Value) -> Result<bool, Fault> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if TRUE_STRINGS.contains(&s.as_str()) => Ok(true),
        Value::String(s) if FALSE_STRINGS.contains(&s.as_str()) => Ok(false),
        other => {
            let allowed: Vec<String> = std::iter::once("True".to_owned())
                .chain(TRUE_STRINGS.iter().map(|s| format!("'{s}'")))
                .chain(std::iter::once("False".to_owned()))
                .chain(FALSE_STRINGS.iter().map(|s| format!("'{s}'")))
                .collect();
            Err(invalid(
                "force",
                other,
                &format!("{} is not one of [{}]", py_repr(other), allowed.join(", ")),
            ))
        }
    }
}

/// A limit as Nova's schema takes it: an integer, or a string of digits,
/// from -1 (unlimited) to [`MAX_LIMIT`].
fn parse_limit(field: &str, v: &Value) -> Result<i64, Fault> {
    let value = match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => n.as_i64().unwrap_or(i64::MAX),
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid(
                    field,
                    v,
                    &format!("{} does not match '^-?[0-9]+$'", py_repr(v)),
                ));
            }
            s.parse().unwrap_or(if s.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            })
        }
        other => {
            return Err(invalid(
                field,
                other,
                &format!("{} is not of type 'integer', 'string'", py_repr(other)),
            ))
        }
    };
    if value < -1 {
        return Err(invalid(
            field,
            v,
            &format!("{} is less than the minimum of -1", py_str(v)),
        ));
    }
    if value > MAX_LIMIT {
        return Err(invalid(
            field,
            v,
            &format!("{} is greater than the maximum of {MAX_LIMIT}", py_str(v)),
        ));
    }
    Ok(value)
}

/// A validated update: the new limits (in body order) and `force`.
struct Update {
    limits: Vec<(&'static str, i64)>,
    force: bool,
    networks: bool,
}

/// Validates an update body against Nova's schema for `mv`.
fn parse_update(body: &Value, mv: Microversion) -> Result<Update, Fault> {
    let Some(top) = body.as_object() else {
        return Err(Fault::bad_request(format!(
            "{} is not of type 'object'",
            py_repr(body)
        )));
    };
    let Some(qs) = top.get("quota_set") else {
        return Err(Fault::bad_request("'quota_set' is a required property"));
    };
    let extra: Vec<String> = top
        .keys()
        .filter(|k| *k != "quota_set")
        .map(|k| format!("'{k}'"))
        .collect();
    if !extra.is_empty() {
        return Err(Fault::bad_request(additional_properties(&extra)));
    }
    let Some(qs) = qs.as_object() else {
        return Err(invalid(
            "quota_set",
            qs,
            &format!("{} is not of type 'object'", py_repr(qs)),
        ));
    };
    let settable = |k: &str| {
        DEFAULTS.iter().any(|(name, _)| *name == k) && (!mv.at_least(57) || !INJECTED.contains(&k))
    };
    let legacy = |k: &str| !mv.at_least(36) && (NETWORK.contains(&k) || k == "networks");
    let mut update = Update {
        limits: Vec::new(),
        force: false,
        networks: false,
    };
    let mut extra = Vec::new();
    for (k, v) in qs {
        if k == "force" {
            update.force = parse_force(v)?;
        } else if let Some((name, _)) = DEFAULTS.iter().find(|(name, _)| *name == k.as_str()) {
            if settable(k) {
                update.limits.push((*name, parse_limit(k, v)?));
            } else {
                extra.push(format!("'{k}'"));
            }
        } else if legacy(k) {
            parse_limit(k, v)?;
            update.networks |= k == "networks";
        } else {
            extra.push(format!("'{k}'"));
        }
    }
    if !extra.is_empty() {
        return Err(invalid(
            "quota_set",
            &Value::Object(qs.clone()),
            &additional_properties(&extra),
        ));
    }
    Ok(update)
}

async fn update_quotas(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(project_id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    // Nova validates the body before it checks the policy.
    let update = parse_update(&body, mv)?;
    if !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:os-quota-sets:update"));
    }
    let quotas = call(&st, move |c| {
        let tx = c.transaction()?;
        let known: Option<i64> = tx
            .query_row(
                "SELECT 1 FROM projects WHERE id = ?1",
                params![project_id],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            return Err(Fault::bad_request(format!(
                "Project ID {project_id} is not a valid project."
            )));
        }
        if update.networks {
            return Err(Fault::bad_request("The networks quota has been removed"));
        }
        if !update.force {
            // A limit may not drop below what is already used.
            super::servers::settle(&tx)?;
            let usage = Usage::of(&tx, &project_id)?;
            let groups = super::server_groups::count(&tx, &project_id)?;
            for &(resource, limit) in &update.limits {
                let used = match resource {
                    "instances" => usage.instances,
                    "cores" => usage.cores,
                    "ram" => usage.ram,
                    "server_groups" => groups,
                    _ => 0,
                };
                if limit >= 0 && limit < used {
                    return Err(Fault::bad_request(format!(
                        "Quota limit {limit} for {resource} must be greater than or equal to \
                         already used and reserved {used}."
                    )));
                }
            }
        }
        for (resource, limit) in &update.limits {
            tx.execute(
                "INSERT INTO compute_quotas (project_id, resource, hard_limit)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = excluded.hard_limit",
                params![project_id, resource, limit],
            )?;
        }
        let quotas = QuotaSet::of(&tx, &project_id)?;
        tx.commit()?;
        Ok(quotas)
    })
    .await?;
    Ok(Json(json!({"quota_set": render(None, &quotas, mv)})))
}

/// Reverts a project to the default quotas.
async fn delete_quotas(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(project_id): NPath<String>,
) -> Result<Response, Fault> {
    if !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:os-quota-sets:delete"));
    }
    call(&st, move |c| {
        c.execute(
            "DELETE FROM compute_quotas WHERE project_id = ?1",
            params![project_id],
        )?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::ACCEPTED.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(minor: u32) -> Microversion {
        Microversion(2, minor)
    }

    fn message(f: Fault) -> String {
        match f {
            Fault::Nova(StatusCode::BAD_REQUEST, m) => m,
            other => panic!("unexpected fault {other:?}"),
        }
    }

    #[test]
    fn update_bodies_follow_nova_schema() {
        let u = parse_update(
            &json!({"quota_set": {"instances": 50, "cores": "-1", "force": "True"}}),
            mv(1),
        )
        .expect("valid");
        assert!(u.force);
        assert_eq!(u.limits, [("instances", 50), ("cores", -1)]);

        let bad = |body: Value, minor: u32| {
            message(parse_update(&body, mv(minor)).err().expect("invalid"))
        };
        assert_eq!(
            bad(json!({"quota_set": {"instances": "abc"}}), 1),
            "Invalid input for field/attribute instances. Value: abc. 'abc' does not match '^-?[0-9]+$'"
        );
        assert_eq!(
            bad(json!({"quota_set": {"ram": -2}}), 1),
            "Invalid input for field/attribute ram. Value: -2. -2 is less than the minimum of -1"
        );
        assert_eq!(
            bad(json!({"quota_set": {"cores": 1.5}}), 1),
            "Invalid input for field/attribute cores. Value: 1.5. 1.5 is not of type 'integer', 'string'"
        );
        assert_eq!(
            bad(json!({"quota_set": {"cores": 2147483648_i64}}), 1),
            "Invalid input for field/attribute cores. Value: 2147483648. 2147483648 is greater \
             than the maximum of 2147483647"
        );
        assert_eq!(
            bad(json!({"quota_set": {"bogus": 1}}), 1),
            "Invalid input for field/attribute quota_set. Value: {'bogus': 1}. Additional \
             properties are not allowed ('bogus' was unexpected)"
        );
        assert!(bad(json!({"quota_set": {"force": "maybe"}}), 1)
            .starts_with("Invalid input for field/attribute force. Value: maybe. 'maybe' is not one of [True, 'True',"));
        assert_eq!(bad(json!({}), 1), "'quota_set' is a required property");
        assert_eq!(
            bad(json!({"quota_set": {}, "x": 1}), 1),
            "Additional properties are not allowed ('x' was unexpected)"
        );
        // Removed quotas become unknown with their microversions.
        assert!(parse_update(&json!({"quota_set": {"floating_ips": 3}}), mv(35)).is_ok());
        assert!(parse_update(&json!({"quota_set": {"floating_ips": 3}}), mv(36)).is_err());
        assert!(parse_update(&json!({"quota_set": {"injected_files": 3}}), mv(56)).is_ok());
        assert!(parse_update(&json!({"quota_set": {"injected_files": 3}}), mv(57)).is_err());
    }

    #[test]
    fn unlimited_never_exceeds() {
        assert!(!exceeds(-1, i64::MAX / 2, 1000));
        assert!(exceeds(0, 0, 1));
        assert!(!exceeds(10, 9, 1));
        assert!(exceeds(10, 10, 1));
    }
}
