//! Server groups: `/os-server-groups`. Members join through the `group`
//! scheduler hint of a server create; the one demo host cannot honour
//! (anti-)affinity, so policies are recorded, not enforced.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Map, Value};

use super::quotas;
use super::{call, invalid_input as invalid, path, Fault, Microversion, NJson, NPath, ProjectAuth};
use crate::db::now_micros;
use crate::http::Params;
use crate::state::AppState;

/// Policies before 2.15; 2.15 adds the soft ones.
const POLICIES: &[&str] = &["anti-affinity", "affinity"];
const SOFT_POLICIES: &[&str] = &["soft-anti-affinity", "soft-affinity"];

struct Group {
    id: String,
    project_id: String,
    user_id: String,
    name: String,
    policy: String,
    rules: String,
}

const COLUMNS: &str = "id, project_id, user_id, name, policy, rules";

impl Group {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Group> {
        Ok(Group {
            id: r.get(0)?,
            project_id: r.get(1)?,
            user_id: r.get(2)?,
            name: r.get(3)?,
            policy: r.get(4)?,
            rules: r.get(5)?,
        })
    }

    fn render(&self, conn: &Connection, mv: Microversion) -> Result<Value, Fault> {
        let mut v = Map::new();
        v.insert("id".into(), json!(self.id));
        v.insert("name".into(), json!(self.name));
        if mv.at_least(64) {
            let rules: Value = serde_json::from_str(&self.rules).unwrap_or_else(|_| json!({}));
            v.insert("policy".into(), json!(self.policy));
            v.insert("rules".into(), rules);
        } else {
            v.insert("policies".into(), json!([self.policy]));
            v.insert("metadata".into(), json!({}));
        }
        v.insert("members".into(), json!(members(conn, &self.id)?));
        if mv.at_least(13) {
            v.insert("project_id".into(), json!(self.project_id));
            v.insert("user_id".into(), json!(self.user_id));
        }
        Ok(Value::Object(v))
    }
}

/// Live servers in a group, in the order they joined.
fn members(conn: &Connection, group: &str) -> Result<Vec<String>, Fault> {
    let mut stmt = conn.prepare(
        "SELECT m.server_id FROM server_group_members m JOIN servers s ON s.id = m.server_id
         WHERE m.group_id = ?1 AND s.deleted_at IS NULL ORDER BY m.rowid",
    )?;
    let rows = stmt.query_map(params![group], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn not_found(id: &str) -> Fault {
    Fault::not_found(format!("Instance group {id} could not be found."))
}

fn get(conn: &Connection, id: &str) -> Result<Option<Group>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM server_groups WHERE id = ?1"),
            params![id],
            Group::from_row,
        )
        .optional()?)
}

/// A group of the caller's project; Nova's policy refuses others' groups.
fn load(conn: &Connection, auth: &ProjectAuth, id: &str, action: &str) -> Result<Group, Fault> {
    let g = get(conn, id)?.ok_or_else(|| not_found(id))?;
    if g.project_id != auth.project_id && !auth.is_admin() {
        return Err(Fault::policy(&format!(
            "os_compute_api:os-server-groups:{action}"
        )));
    }
    Ok(g)
}

/// How many server groups a project has (quota `server_groups`).
pub fn count(conn: &Connection, project_id: &str) -> Result<i64, Fault> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM server_groups WHERE project_id = ?1",
        params![project_id],
        |r| r.get(0),
    )?)
}

/// Live members of a project's groups (quota `server_group_members`).
pub fn members_in_project(conn: &Connection, project_id: &str) -> Result<i64, Fault> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM server_group_members m
         JOIN server_groups g ON g.id = m.group_id JOIN servers s ON s.id = m.server_id
         WHERE g.project_id = ?1 AND s.deleted_at IS NULL",
        params![project_id],
        |r| r.get(0),
    )?)
}

/// The group of a `group` scheduler hint, checked for `count` new members.
pub fn check_hint(conn: &Connection, group_id: &str, count: i64) -> Result<String, Fault> {
    if uuid::Uuid::parse_str(group_id).is_err() {
        return Err(Fault::bad_request(format!(
            "Invalid input for field/attribute group. Value: {group_id}. '{group_id}' is not a \
             'uuid'"
        )));
    }
    let g = get(conn, group_id)?.ok_or_else(|| {
        Fault::bad_request(format!("Instance group {group_id} could not be found."))
    })?;
    let limit = quotas::limit(conn, &g.project_id, "server_group_members")?;
    if quotas::exceeds(limit, members(conn, &g.id)?.len() as i64, count) {
        return Err(Fault::OverQuota(
            "Quota exceeded, too many servers in group".to_owned(),
        ));
    }
    Ok(g.id)
}

pub fn add_member(conn: &Connection, group_id: &str, server_id: &str) -> Result<(), Fault> {
    conn.execute(
        "INSERT OR IGNORE INTO server_group_members (group_id, server_id) VALUES (?1, ?2)",
        params![group_id, server_id],
    )?;
    Ok(())
}

/// Drops a deleted server from its groups.
pub fn remove_member(conn: &Connection, server_id: &str) -> Result<(), Fault> {
    conn.execute(
        "DELETE FROM server_group_members WHERE server_id = ?1",
        params![server_id],
    )?;
    Ok(())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/os-server-groups"),
            routing::get(list_groups).post(create_group),
        )
        .route(
            &path("/os-server-groups/{server_group_id}"),
            routing::get(show_group).delete(delete_group),
        )
}

async fn list_groups(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let number = |key: &str| -> Result<Option<usize>, Fault> {
        params
            .get(key)
            .map(|v| {
                v.parse::<usize>().map_err(|_| {
                    Fault::bad_request(format!(
                        "Invalid input for query parameters {key}. Value: {v}. '{v}' does not \
                         match '^[0-9]*$'"
                    ))
                })
            })
            .transpose()
    };
    let limit = number("limit")?;
    let offset = number("offset")?.unwrap_or(0);
    let all = auth.is_admin() && params.0.contains_key("all_projects");
    let project = (!all).then(|| auth.project_id.clone());
    let groups = call(&st, move |c| {
        super::servers::settle(c)?;
        let mut stmt = c.prepare(&format!(
            "SELECT {COLUMNS} FROM server_groups WHERE ?1 IS NULL OR project_id = ?1
             ORDER BY created_at, rowid"
        ))?;
        let rows = stmt.query_map(params![project], Group::from_row)?;
        let groups: Vec<Group> = rows.collect::<Result<_, _>>()?;
        groups
            .iter()
            .skip(offset)
            .take(limit.unwrap_or(usize::MAX))
            .map(|g| g.render(c, mv))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(Json(json!({ "server_groups": groups })))
}

async fn show_group(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let g = load(c, &auth, &id, "show")?;
        g.render(c, mv)
    })
    .await?;
    Ok(Json(json!({ "server_group": v })))
}

/// (name, policy, rules) of a create body for `mv`.
fn parse_create(body: &Value, mv: Microversion) -> Result<(String, String, Value), Fault> {
    let Some(group) = body.get("server_group").and_then(Value::as_object) else {
        return Err(invalid(
            "server_group",
            body,
            "'server_group' is a required property",
        ));
    };
    let group_value = Value::Object(group.clone());
    let allowed: &[&str] = if mv.at_least(64) {
        &["name", "policy", "rules"]
    } else {
        &["name", "policies"]
    };
    if let Some(extra) = group.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(invalid(
            "server_group",
            &group_value,
            &format!("Additional properties are not allowed ('{extra}' was unexpected)"),
        ));
    }
    let name = match group.get("name") {
        Some(Value::String(n)) if !n.is_empty() && n.chars().count() <= 255 && n.trim() == n => {
            n.clone()
        }
        Some(v) => return Err(invalid("name", v, "Invalid name")),
        None => {
            return Err(invalid(
                "server_group",
                &group_value,
                "'name' is a required property",
            ))
        }
    };
    let known = |p: &str| POLICIES.contains(&p) || (mv.at_least(15) && SOFT_POLICIES.contains(&p));
    if mv.at_least(64) {
        let policy = match group.get("policy") {
            Some(Value::String(p)) if known(p) => p.clone(),
            Some(v) => {
                return Err(invalid(
                    "policy",
                    v,
                    &format!("{v} is not one of {:?}", [POLICIES, SOFT_POLICIES].concat()),
                ))
            }
            None => {
                return Err(invalid(
                    "server_group",
                    &group_value,
                    "'policy' is a required property",
                ))
            }
        };
        let rules = group.get("rules").cloned().unwrap_or_else(|| json!({}));
        let Some(rule_map) = rules.as_object() else {
            return Err(invalid("rules", &rules, "is not of type 'object'"));
        };
        let mut stored = Map::new();
        for (k, v) in rule_map {
            if k != "max_server_per_host" {
                return Err(invalid(
                    "rules",
                    &rules,
                    &format!("Additional properties are not allowed ('{k}' was unexpected)"),
                ));
            }
            // Nova's positive_integer: a number or a string of digits.
            let n = match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) if s.bytes().all(|b| b.is_ascii_digit()) => s.parse().ok(),
                _ => None,
            };
            match n {
                Some(n) if n >= 1 => {
                    stored.insert(k.clone(), json!(n));
                }
                _ => {
                    return Err(invalid(
                        "max_server_per_host",
                        v,
                        "is not a positive integer",
                    ))
                }
            }
        }
        if policy != "anti-affinity" && !stored.is_empty() {
            return Err(Fault::bad_request(
                "Only anti-affinity policy supports rules.",
            ));
        }
        Ok((name, policy, Value::Object(stored)))
    } else {
        let policies = group.get("policies");
        let policy = match policies.and_then(Value::as_array).map(Vec::as_slice) {
            Some([Value::String(p)]) if known(p) => p.clone(),
            Some(_) => {
                let v = policies.cloned().unwrap_or_default();
                return Err(invalid("policies", &v, "is not a valid policies list"));
            }
            None => {
                return Err(invalid(
                    "server_group",
                    &group_value,
                    "'policies' is a required property",
                ))
            }
        };
        Ok((name, policy, json!({})))
    }
}

async fn create_group(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    let (name, policy, rules) = parse_create(&body, mv)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let limit = quotas::limit(&tx, &auth.project_id, "server_groups")?;
        if quotas::exceeds(limit, count(&tx, &auth.project_id)?, 1) {
            return Err(Fault::forbidden("Quota exceeded, too many server groups."));
        }
        let id = uuid::Uuid::new_v4().to_string();
        tx.execute(
            &format!(
                "INSERT INTO server_groups ({COLUMNS}, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ),
            params![
                id,
                auth.project_id,
                auth.user_id(),
                name,
                policy,
                rules.to_string(),
                now_micros()
            ],
        )?;
        let g = get(&tx, &id)?.ok_or_else(|| not_found(&id))?;
        let v = g.render(&tx, mv)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(Json(json!({ "server_group": v })))
}

async fn delete_group(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<StatusCode, Fault> {
    call(&st, move |c| {
        let g = load(c, &auth, &id, "delete")?;
        c.execute("DELETE FROM server_groups WHERE id = ?1", params![g.id])?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_bodies_follow_the_microversion() {
        let old = json!({"server_group": {"name": "g", "policies": ["affinity"]}});
        assert_eq!(
            parse_create(&old, Microversion(2, 1)).ok().map(|p| p.1),
            Some("affinity".to_owned())
        );
        let soft = json!({"server_group": {"name": "g", "policies": ["soft-affinity"]}});
        assert!(parse_create(&soft, Microversion(2, 1)).is_err());
        assert!(parse_create(&soft, Microversion(2, 15)).is_ok());
        assert!(parse_create(&old, Microversion(2, 64)).is_err());
        let new = json!({"server_group": {"name": "g", "policy": "anti-affinity",
                                          "rules": {"max_server_per_host": 2}}});
        assert!(parse_create(&new, Microversion(2, 64)).is_ok());
        let bad = json!({"server_group": {"name": "g", "policy": "affinity",
                                          "rules": {"max_server_per_host": 2}}});
        assert!(parse_create(&bad, Microversion(2, 64)).is_err());
    }
}
