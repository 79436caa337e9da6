//! Host aggregates: `/os-aggregates` and their actions (`add_host`,
//! `remove_host`, `set_metadata`). An aggregate's `availability_zone`
//! metadata puts its hosts in that zone. Admin only.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::hosts::{self, naive_time};
use super::{
    action_of, call, invalid_input as invalid, path, require_admin, Fault, Microversion, NJson,
    NPath, ProjectAuth,
};
use crate::db::now_micros;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/os-aggregates"),
            get(list_aggregates).post(create_aggregate),
        )
        .route(
            &path("/os-aggregates/{aggregate_id}"),
            get(show_aggregate)
                .put(update_aggregate)
                .delete(delete_aggregate),
        )
        .route(
            &path("/os-aggregates/{aggregate_id}/action"),
            post(aggregate_action),
        )
}

fn authorize(auth: &ProjectAuth, action: &str) -> Result<(), Fault> {
    require_admin(auth, &format!("os_compute_api:os-aggregates:{action}"))
}

const AZ_KEY: &str = "availability_zone";

#[derive(Clone, Debug)]
struct Aggregate {
    id: i64,
    uuid: String,
    name: String,
    created_at: i64,
    updated_at: Option<i64>,
    hosts: Vec<String>,
    metadata: BTreeMap<String, String>,
}

impl Aggregate {
    fn zone(&self) -> Option<&str> {
        self.metadata.get(AZ_KEY).map(String::as_str)
    }

    /// Nova's `_marshall_aggregate`; the create answer leaves out hosts
    /// and metadata.
    fn view(&self, mv: Microversion, full: bool) -> Value {
        let mut v = json!({
            "availability_zone": self.zone(),
            "created_at": naive_time(self.created_at),
            "deleted": false,
            "deleted_at": null,
            "id": self.id,
            "name": self.name,
            "updated_at": self.updated_at.map(naive_time),
        });
        if full {
            v["hosts"] = json!(self.hosts);
            v["metadata"] = json!(self.metadata);
        }
        if mv.at_least(41) {
            v["uuid"] = json!(self.uuid);
        }
        v
    }
}

fn load_all(conn: &Connection) -> Result<Vec<Aggregate>, Fault> {
    let mut stmt =
        conn.prepare("SELECT id, uuid, name, created_at, updated_at FROM aggregates ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        Ok(Aggregate {
            id: r.get(0)?,
            uuid: r.get(1)?,
            name: r.get(2)?,
            created_at: r.get(3)?,
            updated_at: r.get(4)?,
            hosts: Vec::new(),
            metadata: BTreeMap::new(),
        })
    })?;
    let mut list: Vec<Aggregate> = rows.collect::<Result<_, _>>()?;
    for a in &mut list {
        let mut stmt = conn
            .prepare("SELECT host FROM aggregate_hosts WHERE aggregate_id = ?1 ORDER BY rowid")?;
        a.hosts = stmt
            .query_map(params![a.id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut stmt =
            conn.prepare("SELECT key, value FROM aggregate_metadata WHERE aggregate_id = ?1")?;
        a.metadata = stmt
            .query_map(params![a.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
    }
    Ok(list)
}

/// Nova's `validate_integer` on the path id.
fn parse_id(id: &str) -> Result<i64, Fault> {
    id.parse()
        .map_err(|_| Fault::bad_request("Invalid input received: id must be an integer"))
}

fn load(conn: &Connection, id: i64) -> Result<Aggregate, Fault> {
    load_all(conn)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Fault::not_found(format!("Aggregate {id} could not be found.")))
}

fn name_taken(conn: &Connection, name: &str, except: Option<i64>) -> Result<bool, Fault> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM aggregates WHERE name = ?1 AND id IS NOT ?2",
            params![name, except],
            |r| r.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

fn touch(conn: &Connection, id: i64) -> Result<(), Fault> {
    conn.execute(
        "UPDATE aggregates SET updated_at = ?2 WHERE id = ?1",
        params![id, now_micros()],
    )?;
    Ok(())
}

fn set_meta(conn: &Connection, id: i64, key: &str, value: Option<&str>) -> Result<(), Fault> {
    match value {
        Some(v) => conn.execute(
            "INSERT OR REPLACE INTO aggregate_metadata (aggregate_id, key, value)
             VALUES (?1, ?2, ?3)",
            params![id, key, v],
        )?,
        None => conn.execute(
            "DELETE FROM aggregate_metadata WHERE aggregate_id = ?1 AND key = ?2",
            params![id, key],
        )?,
    };
    Ok(())
}

// ---------------------------------------------------------------------------
// Validation

/// The object under `key`, with only `allowed` keys.
fn section<'a>(
    body: &'a Value,
    key: &str,
    allowed: &[&str],
) -> Result<&'a Map<String, Value>, Fault> {
    let root = body
        .as_object()
        .ok_or_else(|| Fault::bad_request(format!("{body} is not of type 'object'")))?;
    if let Some(extra) = root.keys().find(|k| k.as_str() != key) {
        return Err(Fault::bad_request(format!(
            "Additional properties are not allowed ('{extra}' was unexpected)"
        )));
    }
    let inner = root
        .get(key)
        .ok_or_else(|| Fault::bad_request(format!("'{key}' is a required property")))?;
    let obj = inner
        .as_object()
        .ok_or_else(|| invalid(key, inner, &format!("{inner} is not of type 'object'")))?;
    if let Some(extra) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(invalid(
            key,
            inner,
            &format!("Additional properties are not allowed ('{extra}' was unexpected)"),
        ));
    }
    Ok(obj)
}

/// Nova's `parameter_types.name`: 1 to 255 characters without leading or
/// trailing whitespace.
fn name_value(value: &Value) -> Result<String, Fault> {
    match value {
        Value::String(s) if !s.is_empty() && s.chars().count() <= 255 && s.trim() == s.as_str() => {
            Ok(s.clone())
        }
        _ => Err(invalid(
            "name",
            value,
            "It must be a string of 1 to 255 characters without leading or trailing \
             whitespace",
        )),
    }
}

/// Nova's `az_name` (or null): no colon, no surrounding whitespace.
fn zone_value(value: &Value) -> Result<Option<String>, Fault> {
    match value {
        Value::Null => Ok(None),
        Value::String(s)
            if !s.is_empty()
                && s.chars().count() <= 255
                && s.trim() == s.as_str()
                && !s.contains(':') =>
        {
            Ok(Some(s.clone()))
        }
        _ => Err(invalid(
            "availability_zone",
            value,
            "An availability zone is 1 to 255 characters without ':' or surrounding \
             whitespace",
        )),
    }
}

/// Which operation an availability zone check is for: it names Nova's
/// exception.
#[derive(Clone, Copy)]
enum Action {
    Add,
    Update,
    UpdateMeta,
    Delete,
}

fn invalid_action(action: Action, id: i64, reason: &str) -> Fault {
    let message = match action {
        Action::Add => format!("Cannot add host to aggregate {id}. Reason: {reason}."),
        Action::Update => format!("Cannot update aggregate {id}. Reason: {reason}."),
        Action::UpdateMeta => {
            format!("Cannot update metadata of aggregate {id}. Reason: {reason}.")
        }
        Action::Delete => format!("Cannot remove host from aggregate {id}. Reason: {reason}."),
    };
    // Adding a host answers 409, the other actions 400.
    match action {
        Action::Add => Fault::conflict(message),
        _ => Fault::bad_request(message),
    }
}

/// Python's repr of a list of strings, as Nova's messages show them.
fn py_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("'{i}'")).collect();
    format!("[{}]", quoted.join(", "))
}

/// Nova's `is_safe_to_update_az`: a zone may not be empty, and no host may
/// end up in two zones. `zone` is the change (`None`: no zone change).
fn check_zone(
    conn: &Connection,
    agg: &Aggregate,
    zone: Option<Option<&str>>,
    hosts_to_check: Option<&[String]>,
    action: Action,
    check_instances: bool,
) -> Result<(), Fault> {
    let Some(zone) = zone else {
        return Ok(());
    };
    let Some(zone) = zone.filter(|z| !z.is_empty()) else {
        return Err(invalid_action(
            action,
            agg.id,
            &format!(
                "Aggregate {} does not support empty named availability zone",
                agg.name
            ),
        ));
    };
    let hosts_to_check = hosts_to_check.unwrap_or(&agg.hosts);
    let conflicting: Vec<String> = load_all(conn)?
        .iter()
        .filter(|other| {
            other.id != agg.id
                && other.zone().is_some_and(|z| z != zone)
                && other.hosts.iter().any(|h| hosts_to_check.contains(h))
        })
        .filter_map(|other| other.zone().map(str::to_owned))
        .collect();
    if !conflicting.is_empty() {
        return Err(invalid_action(
            action,
            agg.id,
            &format!(
                "One or more hosts already in availability zone(s) {}",
                py_list(&conflicting)
            ),
        ));
    }
    if check_instances && agg.zone() != Some(zone) {
        for host in hosts_to_check {
            let count: i64 = conn.query_row(
                "SELECT COUNT(*) FROM servers WHERE host = ?1 AND deleted_at IS NULL",
                params![host],
                |r| r.get(0),
            )?;
            if count > 0 {
                return Err(invalid_action(
                    action,
                    agg.id,
                    "One or more hosts contain instances in this zone",
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Handlers

async fn list_aggregates(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
) -> Result<Json<Value>, Fault> {
    authorize(&auth, "index")?;
    let list = call(&st, move |c| {
        Ok(load_all(c)?
            .iter()
            .map(|a| a.view(mv, true))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(json!({"aggregates": list})))
}

async fn create_aggregate(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    let obj = section(&body, "aggregate", &["name", "availability_zone"])?;
    let name = obj
        .get("name")
        .ok_or_else(|| Fault::bad_request("'name' is a required property"))
        .and_then(name_value)?;
    let zone = obj.get(AZ_KEY).map(zone_value).transpose()?.flatten();
    authorize(&auth, "create")?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        if name_taken(&tx, &name, None)? {
            return Err(Fault::conflict(format!("Aggregate {name} already exists.")));
        }
        tx.execute(
            "INSERT INTO aggregates (uuid, name, created_at) VALUES (?1, ?2, ?3)",
            params![uuid::Uuid::new_v4().to_string(), name, now_micros()],
        )?;
        let id = tx.last_insert_rowid();
        if let Some(z) = &zone {
            set_meta(&tx, id, AZ_KEY, Some(z))?;
        }
        let agg = load(&tx, id)?;
        tx.commit()?;
        Ok(agg.view(mv, false))
    })
    .await?;
    // Nova answers 200 here, for compatibility.
    Ok(Json(json!({"aggregate": v})))
}

async fn show_aggregate(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    authorize(&auth, "show")?;
    let id = parse_id(&id)?;
    let v = call(&st, move |c| Ok(load(c, id)?.view(mv, true))).await?;
    Ok(Json(json!({"aggregate": v})))
}

async fn update_aggregate(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    let obj = section(&body, "aggregate", &["name", "availability_zone"])?;
    if obj.is_empty() {
        return Err(invalid(
            "aggregate",
            &Value::Object(obj.clone()),
            "{} is not valid under any of the given schemas",
        ));
    }
    let name = obj
        .get("name")
        .map(|v| name_value(v).map(|n| n.trim().to_owned()))
        .transpose()?;
    let zone = obj.get(AZ_KEY).map(zone_value).transpose()?;
    authorize(&auth, "update")?;
    let id = parse_id(&id)?;
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let agg = load(&tx, id)?;
        if let Some(n) = &name {
            if name_taken(&tx, n, Some(id))? {
                return Err(Fault::conflict(format!("Aggregate {n} already exists.")));
            }
        }
        check_zone(
            &tx,
            &agg,
            zone.as_ref().map(|z| z.as_deref()),
            None,
            Action::Update,
            true,
        )?;
        if let Some(n) = &name {
            tx.execute(
                "UPDATE aggregates SET name = ?2 WHERE id = ?1",
                params![id, n],
            )?;
        }
        if let Some(z) = &zone {
            set_meta(&tx, id, AZ_KEY, z.as_deref())?;
        }
        touch(&tx, id)?;
        let agg = load(&tx, id)?;
        tx.commit()?;
        Ok(agg.view(mv, true))
    })
    .await?;
    Ok(Json(json!({"aggregate": v})))
}

async fn delete_aggregate(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<StatusCode, Fault> {
    authorize(&auth, "delete")?;
    let id = parse_id(&id)?;
    call(&st, move |c| {
        let agg = load(c, id)?;
        if !agg.hosts.is_empty() {
            return Err(invalid_action(
                Action::Delete,
                id,
                "Host aggregate is not empty",
            ));
        }
        c.execute("DELETE FROM aggregates WHERE id = ?1", params![id])?;
        Ok(())
    })
    .await?;
    // Nova answers 200 with an empty body.
    Ok(StatusCode::OK)
}

/// The `host` of an `add_host`/`remove_host` body.
fn host_arg(action: &str, args: &Value) -> Result<String, Fault> {
    let obj = args
        .as_object()
        .ok_or_else(|| invalid(action, args, &format!("{args} is not of type 'object'")))?;
    if let Some(extra) = obj.keys().find(|k| k.as_str() != "host") {
        return Err(invalid(
            action,
            args,
            &format!("Additional properties are not allowed ('{extra}' was unexpected)"),
        ));
    }
    match obj.get("host") {
        Some(Value::String(h)) if !h.is_empty() && h.chars().count() <= 255 => Ok(h.clone()),
        Some(v) => Err(invalid("host", v, "It is not a valid host name")),
        None => Err(invalid(action, args, "'host' is a required property")),
    }
}

/// The metadata of a `set_metadata` body: null values delete their key.
fn metadata_arg(args: &Value) -> Result<Vec<(String, Option<String>)>, Fault> {
    let obj = args.as_object().ok_or_else(|| {
        invalid(
            "set_metadata",
            args,
            &format!("{args} is not of type 'object'"),
        )
    })?;
    if let Some(extra) = obj.keys().find(|k| k.as_str() != "metadata") {
        return Err(invalid(
            "set_metadata",
            args,
            &format!("Additional properties are not allowed ('{extra}' was unexpected)"),
        ));
    }
    let meta = match obj.get("metadata") {
        Some(Value::Object(m)) => m,
        Some(v) => {
            return Err(invalid(
                "metadata",
                v,
                &format!("{v} is not of type 'object'"),
            ))
        }
        None => {
            return Err(invalid(
                "set_metadata",
                args,
                "'metadata' is a required property",
            ))
        }
    };
    let key_ok = |k: &str| {
        !k.is_empty()
            && k.chars().count() <= 255
            && k.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_:. ".contains(c))
    };
    meta.iter()
        .map(|(k, v)| {
            if !key_ok(k) {
                return Err(invalid(
                    "metadata",
                    &Value::Object(meta.clone()),
                    &format!(
                        "'{k}' does not match any of the regexes: '^[a-zA-Z0-9-_:. ]{{1,255}}$'"
                    ),
                ));
            }
            match v {
                Value::Null => Ok((k.clone(), None)),
                Value::String(s) if s.chars().count() <= 255 => Ok((k.clone(), Some(s.clone()))),
                other => Err(invalid(
                    &format!("metadata/{k}"),
                    other,
                    &format!("{other} is not of type 'string', 'null'"),
                )),
            }
        })
        .collect()
}

async fn aggregate_action(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    let (action, args) = action_of(
        body,
        "Malformed request body: exactly one action is expected",
    )?;
    let v = match action.as_str() {
        "add_host" => {
            let host = host_arg("add_host", &args)?;
            authorize(&auth, "add_host")?;
            let id = parse_id(&id)?;
            call(&st, move |c| {
                let tx = c.transaction()?;
                let agg = load(&tx, id)?;
                if hosts::compute_service(&tx, &host)?.is_none() {
                    return Err(Fault::not_found(format!(
                        "Compute host {host} could not be found."
                    )));
                }
                check_zone(
                    &tx,
                    &agg,
                    agg.zone().map(Some),
                    Some(std::slice::from_ref(&host)),
                    Action::Add,
                    false,
                )?;
                if agg.hosts.contains(&host) {
                    return Err(Fault::conflict(format!(
                        "Aggregate {id} already has host {host}."
                    )));
                }
                tx.execute(
                    "INSERT INTO aggregate_hosts (aggregate_id, host) VALUES (?1, ?2)",
                    params![id, host],
                )?;
                let agg = load(&tx, id)?;
                tx.commit()?;
                Ok(agg.view(mv, true))
            })
            .await?
        }
        "remove_host" => {
            let host = host_arg("remove_host", &args)?;
            authorize(&auth, "remove_host")?;
            let raw_id = id.clone();
            let id = parse_id(&id)?;
            call(&st, move |c| {
                let tx = c.transaction()?;
                let gone =
                    || Fault::not_found(format!("Cannot remove host {host} in aggregate {raw_id}"));
                let agg = load(&tx, id).map_err(|_| gone())?;
                if hosts::compute_service(&tx, &host)?.is_none() || !agg.hosts.contains(&host) {
                    return Err(gone());
                }
                tx.execute(
                    "DELETE FROM aggregate_hosts WHERE aggregate_id = ?1 AND host = ?2",
                    params![id, host],
                )?;
                let agg = load(&tx, id)?;
                tx.commit()?;
                Ok(agg.view(mv, true))
            })
            .await?
        }
        "set_metadata" => {
            let items = metadata_arg(&args)?;
            authorize(&auth, "set_metadata")?;
            let id = parse_id(&id)?;
            call(&st, move |c| {
                let tx = c.transaction()?;
                let agg = load(&tx, id)?;
                let zone = items
                    .iter()
                    .find(|(k, _)| k == AZ_KEY)
                    .map(|(_, v)| v.as_deref());
                check_zone(&tx, &agg, zone, None, Action::UpdateMeta, true)?;
                for (k, v) in &items {
                    set_meta(&tx, id, k, v.as_deref())?;
                }
                touch(&tx, id)?;
                let agg = load(&tx, id)?;
                tx.commit()?;
                Ok(agg.view(mv, true))
            })
            .await?
        }
        other => {
            return Err(Fault::bad_request(format!(
                "There is no such action: {other}"
            )))
        }
    };
    Ok(Json(json!({"aggregate": v})))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_like_python() {
        assert_eq!(
            py_list(&["az1".to_owned(), "az2".to_owned()]),
            "['az1', 'az2']"
        );
        assert_eq!(py_list(&[]), "[]");
    }

    #[test]
    fn zones_and_names_follow_nova_schemas() {
        assert!(zone_value(&json!("a:b")).is_err());
        assert!(zone_value(&json!(" az")).is_err());
        assert_eq!(zone_value(&Value::Null).ok(), Some(None));
        assert!(name_value(&json!("")).is_err());
        assert_eq!(name_value(&json!("agg")).ok().as_deref(), Some("agg"));
    }
}
