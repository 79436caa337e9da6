//! Hypervisors: `/os-hypervisors`, `/detail`, `/statistics`, `/{id}`,
//! `/{id}/uptime`, and before 2.53 `/{pattern}/search` and
//! `/{pattern}/servers`. Admin only.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection};
use serde_json::{json, Value};

use super::hosts::{self, ComputeNode, Service, Usage};
use super::{call, next_link, path, require_admin, Fault, Microversion, NPath, ProjectAuth};
use crate::http::Params;
use crate::state::AppState;

/// From 2.53 ids are uuids and search/servers become query parameters.
const UUID_FOR_ID: u32 = 53;

/// Nova's default `[api] max_limit`.
const MAX_LIMIT: usize = 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/os-hypervisors"), get(list_hypervisors))
        .route(
            &path("/os-hypervisors/detail"),
            get(list_hypervisors_detail),
        )
        .route(&path("/os-hypervisors/statistics"), get(statistics))
        .route(
            &path("/os-hypervisors/{hypervisor_id}"),
            get(show_hypervisor),
        )
        .route(&path("/os-hypervisors/{hypervisor_id}/uptime"), get(uptime))
        .route(&path("/os-hypervisors/{hypervisor_id}/search"), get(search))
        .route(
            &path("/os-hypervisors/{hypervisor_id}/servers"),
            get(servers),
        )
}

fn authorize(auth: &ProjectAuth, action: &str) -> Result<(), Fault> {
    require_admin(auth, &format!("os_compute_api:os-hypervisors:{action}"))
}

/// A hypervisor with everything its views need.
struct Entry {
    node: ComputeNode,
    service: Service,
    usage: Usage,
    /// Instance names and uuids, when asked for.
    servers: Option<Vec<(String, String)>>,
}

impl Entry {
    fn id(&self, mv: Microversion) -> Value {
        if mv.at_least(UUID_FOR_ID) {
            json!(self.node.uuid)
        } else {
            json!(self.node.id)
        }
    }

    /// Nova's `_view_hypervisor`.
    fn view(&self, mv: Microversion, detail: bool, with_servers: bool) -> Value {
        let n = &self.node;
        let u = &self.usage;
        let mut v = json!({
            "id": self.id(mv),
            "hypervisor_hostname": n.hypervisor_hostname,
            "state": if self.service.is_up() { "up" } else { "down" },
            "status": if self.service.disabled { "disabled" } else { "enabled" },
        });
        if detail {
            let free_disk_gb = n.local_gb - u.local_gb;
            let extra = json!({
                "vcpus": n.vcpus,
                "memory_mb": n.memory_mb,
                "local_gb": n.local_gb,
                "vcpus_used": u.vcpus,
                "memory_mb_used": u.memory_mb,
                "local_gb_used": u.local_gb,
                "hypervisor_type": n.hypervisor_type,
                "hypervisor_version": n.hypervisor_version,
                "free_ram_mb": n.memory_mb - u.memory_mb,
                "free_disk_gb": free_disk_gb,
                "current_workload": u.current_workload,
                "running_vms": u.running_vms,
                "disk_available_least": free_disk_gb,
                "host_ip": n.host_ip,
                "service": {
                    "id": if mv.at_least(UUID_FOR_ID) {
                        json!(self.service.uuid)
                    } else {
                        json!(self.service.id)
                    },
                    "host": n.host,
                    "disabled_reason": self.service.disabled_reason,
                },
                // A JSON string before 2.28, an object from it on.
                "cpu_info": if mv.at_least(28) {
                    serde_json::from_str(&n.cpu_info).unwrap_or_else(|_| json!({}))
                } else {
                    json!(n.cpu_info)
                },
            });
            if let (Some(obj), Some(add)) = (v.as_object_mut(), extra.as_object()) {
                obj.extend(add.clone());
            }
        }
        match &self.servers {
            Some(list) if !list.is_empty() => {
                v["servers"] = list
                    .iter()
                    .map(|(name, uuid)| json!({"name": name, "uuid": uuid}))
                    .collect();
            }
            // 2.75 always shows the list that was asked for.
            _ if with_servers && mv.at_least(75) => v["servers"] = json!([]),
            _ => {}
        }
        v
    }
}

/// The servers on a host, by instance name, oldest first.
fn servers_on(conn: &Connection, host: &str) -> Result<Vec<(String, String)>, Fault> {
    let mut stmt = conn.prepare(
        "SELECT seq, id FROM servers WHERE host = ?1 AND deleted_at IS NULL
             AND vm_state != 'shelved_offloaded'
         ORDER BY created_at, seq",
    )?;
    let rows = stmt.query_map(params![host], |r| {
        Ok((
            format!("instance-{:08x}", r.get::<_, i64>(0)?),
            r.get::<_, String>(1)?,
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every hypervisor whose compute service still exists (Nova skips the
/// others), with its usage and, if asked, its servers.
fn entries(conn: &Connection, with_servers: bool) -> Result<Vec<Entry>, Fault> {
    let mut usage = hosts::usage_by_host(conn, None)?;
    let mut out = Vec::new();
    for node in hosts::nodes(conn)? {
        let Some(service) = hosts::compute_service(conn, &node.host)? else {
            continue;
        };
        let servers = if with_servers {
            Some(servers_on(conn, &node.host)?)
        } else {
            None
        };
        out.push(Entry {
            usage: usage.remove(&node.host).unwrap_or_default(),
            service,
            servers,
            node,
        });
    }
    Ok(out)
}

/// Nova's `compute_node_search_by_hypervisor`: a substring of the name.
fn matching(entries: Vec<Entry>, pattern: &str) -> Result<Vec<Entry>, Fault> {
    let needle = pattern.to_lowercase();
    let found: Vec<Entry> = entries
        .into_iter()
        .filter(|e| e.node.hypervisor_hostname.to_lowercase().contains(&needle))
        .collect();
    if found.is_empty() {
        return Err(Fault::not_found(format!(
            "No hypervisor matching '{pattern}' could be found."
        )));
    }
    Ok(found)
}

fn parse_limit(params: &Params) -> Result<Option<usize>, Fault> {
    params
        .get("limit")
        .map(|l| {
            l.parse::<usize>().map_err(|_| {
                Fault::bad_request(format!(
                    "Invalid input for query parameters limit. Value: {l}. '{l}' does not \
                     match '^[0-9]*$'"
                ))
            })
        })
        .transpose()
}

async fn list_common(
    st: AppState,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
    detail: bool,
) -> Result<Json<Value>, Fault> {
    authorize(&auth, if detail { "list-detail" } else { "list" })?;
    let (pattern, with_servers) = if mv.at_least(UUID_FOR_ID) {
        hosts::only_params(
            &params,
            &[
                "limit",
                "marker",
                "hypervisor_hostname_pattern",
                "with_servers",
            ],
        )?;
        let with_servers = params
            .get("with_servers")
            .map(|v| hosts::parse_bool("with_servers", v))
            .transpose()?
            .unwrap_or(false);
        (
            params.get("hypervisor_hostname_pattern").map(str::to_owned),
            with_servers,
        )
    } else {
        (None, false)
    };
    let paging = mv.at_least(33);
    let (limit, marker) = if paging {
        (
            parse_limit(&params)?,
            params.get("marker").map(str::to_owned),
        )
    } else {
        (None, None)
    };
    if pattern.is_some() && (limit.is_some() || marker.is_some()) {
        return Err(Fault::bad_request(
            "Paging over hypervisors with the hypervisor_hostname_pattern query parameter \
             is not supported.",
        ));
    }
    let (rendered, last) = call(&st, move |c| {
        let mut list = entries(c, with_servers)?;
        if let Some(p) = &pattern {
            list = matching(list, p)?;
        }
        if let Some(marker) = &marker {
            // The id of the version asked for (an integer before 2.53).
            let pos = list
                .iter()
                .position(|e| e.node.uuid == *marker || e.node.id.to_string() == *marker)
                .ok_or_else(|| Fault::bad_request(format!("marker [{marker}] not found")))?;
            list.drain(..=pos);
        }
        let mut last = None;
        if paging && pattern.is_none() {
            let limit = limit.unwrap_or(MAX_LIMIT).min(MAX_LIMIT);
            list.truncate(limit);
            if limit > 0 && list.len() == limit {
                last = list.last().map(|e| e.id(mv));
            }
        }
        let rendered: Vec<Value> = list
            .iter()
            .map(|e| e.view(mv, detail, with_servers))
            .collect();
        Ok((rendered, last))
    })
    .await?;
    let mut body = json!({"hypervisors": rendered});
    if let Some(last) = last {
        let last = match last {
            Value::String(s) => s,
            other => other.to_string(),
        };
        let kind = if detail {
            "/os-hypervisors/detail"
        } else {
            "/os-hypervisors"
        };
        body["hypervisors_links"] = next_link(&st.base_url, kind, &params, &last);
    }
    Ok(Json(body))
}

async fn list_hypervisors(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    list_common(st, auth, mv, params, false).await
}

async fn list_hypervisors_detail(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    list_common(st, auth, mv, params, true).await
}

/// Nova's `_validate_id`: a uuid from 2.53 (else 400), an integer before
/// (else 404).
fn validate_id(id: &str, mv: Microversion) -> Result<(), Fault> {
    if mv.at_least(UUID_FOR_ID) {
        if uuid::Uuid::parse_str(id).is_err() {
            return Err(Fault::bad_request(format!("Invalid uuid {id}")));
        }
    } else if id.parse::<i64>().is_err() {
        return Err(not_found(id));
    }
    Ok(())
}

fn not_found(id: &str) -> Fault {
    Fault::not_found(format!("Hypervisor with ID '{id}' could not be found."))
}

/// The hypervisor with id `id` as the version names it.
fn find(conn: &Connection, id: &str, mv: Microversion, with_servers: bool) -> Result<Entry, Fault> {
    entries(conn, with_servers)?
        .into_iter()
        .find(|e| {
            if mv.at_least(UUID_FOR_ID) {
                e.node.uuid == id
            } else {
                e.node.id.to_string() == id
            }
        })
        .ok_or_else(|| not_found(id))
}

async fn show_hypervisor(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    authorize(&auth, "show")?;
    let with_servers = if mv.at_least(UUID_FOR_ID) {
        hosts::only_params(&params, &["with_servers"])?;
        params
            .get("with_servers")
            .map(|v| hosts::parse_bool("with_servers", v))
            .transpose()?
            .unwrap_or(false)
    } else {
        false
    };
    validate_id(&id, mv)?;
    let v = call(&st, move |c| {
        Ok(find(c, &id, mv, with_servers)?.view(mv, true, with_servers))
    })
    .await?;
    Ok(Json(json!({"hypervisor": v})))
}

async fn uptime(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    authorize(&auth, "uptime")?;
    validate_id(&id, mv)?;
    let v = call(&st, move |c| {
        let e = find(c, &id, mv, false)?;
        if !e.service.is_up() {
            return Err(Fault::bad_request(format!(
                "Compute service of {} is unavailable at this time.",
                e.node.host
            )));
        }
        let mut v = e.view(mv, false, false);
        // `uptime` on the host, with the load its servers put on it.
        let now = chrono::Utc::now();
        let load = e.usage.vcpus as f64 / e.node.vcpus.max(1) as f64;
        v["uptime"] = json!(format!(
            " {} up 93 days, 18:25,  1 user,  load average: {load:.2}, {load:.2}, {load:.2}",
            now.format("%H:%M:%S")
        ));
        Ok(v)
    })
    .await?;
    Ok(Json(json!({"hypervisor": v})))
}

/// The pre-2.53 search routes are gone from 2.53 on.
fn legacy_only(mv: Microversion) -> Result<(), Fault> {
    if mv.at_least(UUID_FOR_ID) {
        Err(Fault::not_found("The resource could not be found."))
    } else {
        Ok(())
    }
}

/// The hypervisors whose name contains `pattern` (before 2.53), checked
/// against the policy `action`; `with_servers` loads their servers.
async fn list_matching(
    st: AppState,
    auth: ProjectAuth,
    mv: Microversion,
    pattern: String,
    action: &str,
    with_servers: bool,
) -> Result<Json<Value>, Fault> {
    legacy_only(mv)?;
    authorize(&auth, action)?;
    let list = call(&st, move |c| {
        Ok(matching(entries(c, with_servers)?, &pattern)?
            .iter()
            .map(|e| e.view(mv, false, false))
            .collect::<Vec<_>>())
    })
    .await?;
    Ok(Json(json!({"hypervisors": list})))
}

async fn search(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(pattern): NPath<String>,
) -> Result<Json<Value>, Fault> {
    list_matching(st, auth, mv, pattern, "search", false).await
}

async fn servers(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(pattern): NPath<String>,
) -> Result<Json<Value>, Fault> {
    list_matching(st, auth, mv, pattern, "servers", true).await
}

/// Sums over the hypervisors whose compute service is enabled, as Nova's
/// `compute_node_statistics` joins them.
async fn statistics(State(st): State<AppState>, auth: ProjectAuth) -> Result<Json<Value>, Fault> {
    authorize(&auth, "statistics")?;
    let stats = call(&st, move |c| {
        let list: Vec<Entry> = entries(c, false)?
            .into_iter()
            .filter(|e| !e.service.disabled)
            .collect();
        let sum = |f: &dyn Fn(&Entry) -> i64| list.iter().map(f).sum::<i64>();
        Ok(json!({
            "count": list.len(),
            "vcpus": sum(&|e| e.node.vcpus),
            "memory_mb": sum(&|e| e.node.memory_mb),
            "local_gb": sum(&|e| e.node.local_gb),
            "vcpus_used": sum(&|e| e.usage.vcpus),
            "memory_mb_used": sum(&|e| e.usage.memory_mb),
            "local_gb_used": sum(&|e| e.usage.local_gb),
            "free_ram_mb": sum(&|e| e.node.memory_mb - e.usage.memory_mb),
            "free_disk_gb": sum(&|e| e.node.local_gb - e.usage.local_gb),
            "current_workload": sum(&|e| e.usage.current_workload),
            "running_vms": sum(&|e| e.usage.running_vms),
            "disk_available_least": sum(&|e| e.node.local_gb - e.usage.local_gb),
        }))
    })
    .await?;
    Ok(Json(json!({"hypervisor_statistics": stats})))
}
