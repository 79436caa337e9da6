//! Nova's services: `/os-services` (list, update, delete). Not Keystone's
//! catalog services, which live in `identity::services`. Admin only.
//!
//! Before 2.53 an update names the service by host and binary in the body
//! and the action in the path (`PUT /os-services/disable`); from 2.53 the
//! path holds the service's uuid and the body the new values.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, put};
use axum::{Json, Router};
use rusqlite::{params, Connection};
use serde_json::{json, Map, Value};

use super::hosts::{self, Service, COMPUTE_BINARY};
use super::{
    call, invalid_input as invalid, only_keys, path, require_admin, Fault, Microversion, NJson,
    NPath, ProjectAuth,
};
use crate::db::now_micros;
use crate::http::Params;
use crate::state::AppState;

/// From 2.53 services are named by uuid.
const UUID_FOR_ID: u32 = 53;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/os-services"), get(list_services))
        .route(
            &path("/os-services/{service_id}"),
            put(update_service).delete(delete_service),
        )
}

fn authorize(auth: &ProjectAuth, action: &str) -> Result<(), Fault> {
    require_admin(auth, &format!("os_compute_api:os-services:{action}"))
}

/// Nova's `_get_service_detail`.
fn view(s: &Service, zones: &HashMap<String, String>, mv: Microversion) -> Value {
    let mut v = json!({
        "id": if mv.at_least(UUID_FOR_ID) { json!(s.uuid) } else { json!(s.id) },
        "binary": s.binary,
        "host": s.host,
        "zone": s.zone(zones),
        "status": if s.disabled { "disabled" } else { "enabled" },
        "state": if s.is_up() { "up" } else { "down" },
        "updated_at": hosts::naive_time(s.last_seen()),
        "disabled_reason": s.disabled_reason,
    });
    if mv.at_least(11) {
        v["forced_down"] = json!(s.forced_down);
    }
    v
}

async fn list_services(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    if mv.at_least(75) {
        hosts::only_params(&params, &["host", "binary"])?;
    }
    authorize(&auth, "list")?;
    let list = call(&st, move |c| {
        let zones = hosts::host_zones(c)?;
        Ok(hosts::services(c)?
            .iter()
            .filter(|s| {
                params
                    .get("host")
                    .is_none_or(|h| h.is_empty() || h == s.host)
                    && params
                        .get("binary")
                        .is_none_or(|b| b.is_empty() || b == s.binary)
            })
            .map(|s| view(s, &zones, mv))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(json!({"services": list})))
}

// ---------------------------------------------------------------------------
// Update

/// Nova's `parameter_types.boolean`: JSON booleans and oslo's strings.
fn boolean(field: &str, value: &Value) -> Result<bool, Fault> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::String(s) => hosts::parse_bool(field, s)
            .map_err(|_| invalid(field, value, &format!("{value} is not of type 'boolean'"))),
        _ => Err(invalid(
            field,
            value,
            &format!("{value} is not of type 'boolean'"),
        )),
    }
}

/// A string of 1 to 255 characters.
fn short_string(field: &str, value: &Value) -> Result<String, Fault> {
    match value {
        Value::String(s) if !s.is_empty() && s.chars().count() <= 255 => Ok(s.clone()),
        Value::String(s) if s.is_empty() => Err(invalid(field, value, "'' is too short")),
        Value::String(_) => Err(invalid(field, value, "It is too long")),
        _ => Err(invalid(
            field,
            value,
            &format!("{value} is not of type 'string'"),
        )),
    }
}

fn body_object(body: &Value) -> Result<&Map<String, Value>, Fault> {
    body.as_object()
        .ok_or_else(|| Fault::bad_request(format!("{body} is not of type 'object'")))
}

/// The `disabled_reason` and `forced_down` of an update body, both
/// optional.
fn reason_and_forced_down(
    obj: &Map<String, Value>,
) -> Result<(Option<String>, Option<bool>), Fault> {
    let reason = obj
        .get("disabled_reason")
        .map(|v| short_string("disabled_reason", v))
        .transpose()?;
    let forced_down = obj
        .get("forced_down")
        .map(|v| boolean("forced_down", v))
        .transpose()?;
    Ok((reason, forced_down))
}

fn only_compute(binary: &str) -> Result<(), Fault> {
    if binary == COMPUTE_BINARY {
        Ok(())
    } else {
        Err(Fault::bad_request(format!(
            "Updating a {binary} service is not supported. Only nova-compute services can be \
             updated."
        )))
    }
}

fn save(conn: &Connection, s: &Service) -> Result<(), Fault> {
    conn.execute(
        "UPDATE compute_services SET disabled = ?2, disabled_reason = ?3, forced_down = ?4,
             updated_at = ?5 WHERE id = ?1",
        params![
            s.id,
            s.disabled,
            s.disabled_reason,
            s.forced_down,
            now_micros()
        ],
    )?;
    Ok(())
}

async fn update_service(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    if mv.at_least(UUID_FOR_ID) {
        update_by_uuid(st, auth, mv, id, body).await
    } else {
        update_legacy(st, auth, mv, id, body).await
    }
}

/// 2.53+: `PUT /os-services/{uuid}` with `status`, `disabled_reason` and
/// `forced_down`.
async fn update_by_uuid(
    st: AppState,
    auth: ProjectAuth,
    mv: Microversion,
    id: String,
    body: Value,
) -> Result<Json<Value>, Fault> {
    let obj = body_object(&body)?;
    only_keys(obj.keys(), &["status", "disabled_reason", "forced_down"])?;
    let status = match obj.get("status") {
        None => None,
        Some(Value::String(s)) if s == "enabled" || s == "disabled" => Some(s.clone()),
        Some(v) => {
            return Err(invalid(
                "status",
                v,
                &format!("{v} is not one of ['enabled', 'disabled']"),
            ))
        }
    };
    let (reason, forced_down) = reason_and_forced_down(obj)?;
    if uuid::Uuid::parse_str(&id).is_err() {
        return Err(Fault::bad_request(format!("Invalid uuid {id}")));
    }
    authorize(&auth, "update")?;
    let v = call(&st, move |c| {
        let mut s = hosts::services(c)?
            .into_iter()
            .find(|s| s.uuid == id)
            .ok_or_else(|| Fault::not_found(format!("Service {id} could not be found.")))?;
        only_compute(&s.binary)?;
        match status.as_deref() {
            Some("enabled") => {
                if reason.is_some() {
                    return Err(Fault::bad_request(
                        "Specifying 'disabled_reason' with status 'enabled' is invalid.",
                    ));
                }
                s.disabled = false;
                s.disabled_reason = None;
            }
            Some(_) => {
                s.disabled = true;
                s.disabled_reason = reason;
            }
            None => {}
        }
        if let Some(f) = forced_down {
            s.forced_down = f;
        }
        if status.is_none() && forced_down.is_none() {
            return Err(Fault::bad_request(
                "No updates were requested. Fields 'status' or 'forced_down' should be \
                 specified.",
            ));
        }
        save(c, &s)?;
        let zones = hosts::host_zones(c)?;
        Ok(view(&s, &zones, mv))
    })
    .await?;
    Ok(Json(json!({"service": v})))
}

/// Before 2.53: `PUT /os-services/{action}` with `host` and `binary`.
async fn update_legacy(
    st: AppState,
    auth: ProjectAuth,
    mv: Microversion,
    action: String,
    body: Value,
) -> Result<Json<Value>, Fault> {
    let obj = body_object(&body)?;
    let mut allowed = vec!["host", "binary", "disabled_reason"];
    if mv.at_least(11) {
        allowed.push("forced_down");
    }
    only_keys(obj.keys(), &allowed)?;
    for required in ["host", "binary"] {
        if !obj.contains_key(required) {
            return Err(Fault::bad_request(format!(
                "'{required}' is a required property"
            )));
        }
    }
    let host = obj
        .get("host")
        .map(|v| short_string("host", v))
        .transpose()?
        .unwrap_or_default();
    let binary = obj
        .get("binary")
        .map(|v| short_string("binary", v))
        .transpose()?
        .unwrap_or_default();
    let (reason, forced_down) = reason_and_forced_down(obj)?;
    authorize(&auth, "update")?;
    let known = ["enable", "disable", "disable-log-reason"];
    let force_down = action == "force-down" && mv.at_least(11);
    if !(known.contains(&action.as_str()) || force_down) {
        return Err(Fault::not_found("Unknown action"));
    }
    // What the action sets, and the answer echoing it.
    let mut reply = json!({"host": host, "binary": binary});
    let change: Box<dyn Fn(&mut Service) + Send> = match action.as_str() {
        "enable" => {
            reply["status"] = json!("enabled");
            Box::new(|s| {
                s.disabled = false;
                s.disabled_reason = None;
            })
        }
        "disable" => {
            reply["status"] = json!("disabled");
            Box::new(|s| {
                s.disabled = true;
                s.disabled_reason = None;
            })
        }
        "disable-log-reason" => {
            let reason =
                reason.ok_or_else(|| Fault::bad_request("Missing disabled reason field"))?;
            reply["status"] = json!("disabled");
            reply["disabled_reason"] = json!(reason);
            Box::new(move |s| {
                s.disabled = true;
                s.disabled_reason = Some(reason.clone());
            })
        }
        _ => {
            let forced =
                forced_down.ok_or_else(|| Fault::bad_request("Missing forced_down field"))?;
            reply["forced_down"] = json!(forced);
            Box::new(move |s| s.forced_down = forced)
        }
    };
    call(&st, move |c| {
        only_compute(&binary)?;
        let mut s = hosts::compute_service(c, &host)?
            .ok_or_else(|| Fault::not_found(format!("Host '{host}' is not mapped to any cell")))?;
        change(&mut s);
        save(c, &s)
    })
    .await?;
    Ok(Json(json!({"service": reply})))
}

// ---------------------------------------------------------------------------
// Delete

/// Deletes a service; a compute service takes its hypervisor and its
/// aggregate memberships with it, and may not go while it hosts servers.
async fn delete_service(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<StatusCode, Fault> {
    authorize(&auth, "delete")?;
    if mv.at_least(UUID_FOR_ID) {
        if uuid::Uuid::parse_str(&id).is_err() {
            return Err(Fault::bad_request(format!("Invalid uuid {id}")));
        }
    } else if id.parse::<i64>().is_err() {
        return Err(Fault::bad_request(
            "Invalid input received: id must be an integer",
        ));
    }
    call(&st, move |c| {
        let tx = c.transaction()?;
        let s = hosts::services(&tx)?
            .into_iter()
            .find(|s| {
                if mv.at_least(UUID_FOR_ID) {
                    s.uuid == id
                } else {
                    s.id.to_string() == id
                }
            })
            .ok_or_else(|| Fault::not_found(format!("Service {id} not found.")))?;
        if s.binary == COMPUTE_BINARY {
            let hosting: i64 = tx.query_row(
                "SELECT COUNT(*) FROM servers WHERE host = ?1 AND deleted_at IS NULL
                     AND vm_state != 'shelved_offloaded'",
                params![s.host],
                |r| r.get(0),
            )?;
            if hosting > 0 {
                return Err(Fault::conflict(
                    "Unable to delete compute service that is hosting instances. Migrate or \
                     delete the instances first.",
                ));
            }
            // A resize waiting for confirmation still holds its source.
            let migrating: i64 = tx.query_row(
                "SELECT COUNT(*) FROM servers WHERE old_host = ?1 AND deleted_at IS NULL
                     AND vm_state = 'resized'",
                params![s.host],
                |r| r.get(0),
            )?;
            if migrating > 0 {
                return Err(Fault::conflict(
                    "Unable to delete compute service that has in-progress migrations. \
                     Complete the migrations or delete the instances first.",
                ));
            }
            tx.execute(
                "DELETE FROM aggregate_hosts WHERE host = ?1",
                params![s.host],
            )?;
            tx.execute("DELETE FROM compute_nodes WHERE host = ?1", params![s.host])?;
        }
        tx.execute("DELETE FROM compute_services WHERE id = ?1", params![s.id])?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
