//! A stack's resources and events.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::engine::Plan;
use super::stacks::{stack_at, stack_url};
use super::store::{self, EventRow, ResourceRow, StackRow};
use super::{path, scope, Fault};
use crate::auth::Auth;
use crate::http::{encode_path, format_time_seconds, KPath, Params};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/stacks/{stack_name}/{stack_id}/resources"),
            get(list_resources),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/resources/{resource_name}"),
            get(show_resource),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/resources/{resource_name}/metadata"),
            get(show_metadata),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/resources/{resource_name}/events"),
            get(list_resource_events),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/resources/{resource_name}/events/{event_id}"),
            get(show_event),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/events"),
            get(list_events),
        )
}

/// Nested stacks down to `depth` levels, with the resource that holds each.
async fn with_nested(
    st: &AppState,
    stack: StackRow,
    depth: u32,
) -> Result<Vec<(StackRow, Option<String>)>, Fault> {
    let mut out = vec![(stack, None)];
    let mut frontier = vec![out[0].0.id.clone()];
    for _ in 0..depth {
        let parents = std::mem::take(&mut frontier);
        for parent in parents {
            let id = parent.clone();
            let children = st.db.call(move |c| store::child_stacks(c, &id)).await?;
            for child in children {
                frontier.push(child.id.clone());
                let holder = child.parent_resource.clone();
                out.push((child, holder));
            }
        }
    }
    Ok(out)
}

fn required_by(stack: &StackRow) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    if let Ok(plan) = Plan::new(&stack.template, &stack.parameters) {
        for (name, deps) in &plan.deps {
            for d in deps {
                map.entry(d.clone()).or_default().push(name.clone());
            }
        }
    }
    map
}

fn resource_json(
    st: &AppState,
    stack: &StackRow,
    r: &ResourceRow,
    required_by: &[String],
    detail: bool,
) -> Value {
    let url = format!(
        "{}/resources/{}",
        stack_url(st, stack),
        encode_path(&r.name)
    );
    let mut links = vec![
        json!({"href": url, "rel": "self"}),
        json!({"href": stack_url(st, stack), "rel": "stack"}),
    ];
    if super::plugins::is_nested(&r.type_name) && !r.physical_id.is_empty() {
        links.push(json!({"href": format!("{}/heat/v1/{}/stacks/{}", st.base_url, stack.project_id, r.physical_id), "rel": "nested"}));
    }
    let mut v = json!({
        "resource_name": r.name,
        "logical_resource_id": r.name,
        "physical_resource_id": r.physical_id,
        "resource_type": r.type_name,
        "resource_status": r.status_text(),
        "resource_status_reason": r.status_reason,
        "required_by": required_by,
        "creation_time": format_time_seconds(r.created_at),
        "updated_time": format_time_seconds(r.updated_at.unwrap_or(r.created_at)),
        "links": links,
    });
    if stack.parent_id.is_some() {
        v["parent_resource"] = json!(stack.parent_resource);
        v["stack_name"] = json!(stack.name);
    }
    if detail {
        // Heat shows a type's `show` attribute as the resource's
        // attributes when it has one, and every attribute otherwise.
        let attrs = r.attributes().cloned().unwrap_or_default();
        v["attributes"] = match attrs.get("show") {
            Some(show @ Value::Object(_)) => show.clone(),
            _ => json!(attrs),
        };
        v["description"] = json!("");
        v["metadata"] = json!({});
    }
    v
}

async fn list_resources(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let depth = params
        .get("nested_depth")
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    let detail = params.flag("with_detail");
    let mut list = Vec::new();
    for (s, _) in with_nested(&st, stack, depth).await? {
        let needed_by = required_by(&s);
        let sid = s.id.clone();
        let rows = st.db.call(move |c| store::resources(c, &sid)).await?;
        for r in rows {
            let type_ok = params.get("type").is_none_or(|t| t == r.type_name);
            let name_ok = params.get("name").is_none_or(|n| n == r.name);
            let status_ok = params
                .get("status")
                .is_none_or(|x| x == r.status || x == r.status_text());
            if type_ok && name_ok && status_ok {
                let by = needed_by.get(&r.name).cloned().unwrap_or_default();
                list.push(resource_json(&st, &s, &r, &by, detail));
            }
        }
    }
    Ok(Json(json!({"resources": list})))
}

async fn resource_at(
    st: &AppState,
    auth: &Auth,
    tenant: &str,
    name: &str,
    id: &str,
    resource: &str,
) -> Result<(StackRow, ResourceRow), Fault> {
    let project = scope(auth, tenant)?;
    let stack = stack_at(st, &project, name, id).await?;
    let (sid, rname) = (stack.id.clone(), resource.to_owned());
    let row = st
        .db
        .call(move |c| store::resource(c, &sid, &rname))
        .await?;
    let row = row.ok_or_else(|| {
        Fault::new(
            StatusCode::NOT_FOUND,
            "EntityNotFound",
            format!("The Resource ({resource}) could not be found."),
        )
    })?;
    Ok((stack, row))
}

async fn show_resource(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id, resource)): KPath<(String, String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let (stack, row) = resource_at(&st, &auth, &tenant, &name, &id, &resource).await?;
    let by = required_by(&stack).remove(&row.name).unwrap_or_default();
    Ok(Json(
        json!({"resource": resource_json(&st, &stack, &row, &by, true)}),
    ))
}

async fn show_metadata(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id, resource)): KPath<(String, String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let (stack, _) = resource_at(&st, &auth, &tenant, &name, &id, &resource).await?;
    let metadata = Plan::new(&stack.template, &stack.parameters)
        .ok()
        .and_then(|p| p.resource(&resource).and_then(|d| d.metadata.clone()))
        .unwrap_or(json!({}));
    Ok(Json(json!({"metadata": metadata})))
}

fn event_json(st: &AppState, stack: &StackRow, e: &EventRow, detail: bool) -> Value {
    let resource_url = format!(
        "{}/resources/{}",
        stack_url(st, stack),
        encode_path(&e.resource_name)
    );
    let mut v = json!({
        "id": e.id,
        "event_time": format_time_seconds(e.created_at),
        "resource_name": e.resource_name,
        "logical_resource_id": e.resource_name,
        "physical_resource_id": e.physical_id,
        "resource_status": format!("{}_{}", e.action, e.status),
        "resource_status_reason": e.status_reason,
        "links": [
            {"href": format!("{resource_url}/events/{}", e.id), "rel": "self"},
            {"href": resource_url, "rel": "resource"},
            {"href": stack_url(st, stack), "rel": "stack"},
        ],
    });
    if stack.parent_id.is_some() {
        v["stack_name"] = json!(stack.name);
    }
    if detail {
        v["resource_type"] = json!(e.resource_type);
        v["resource_properties"] = json!({});
    }
    v
}

/// Events filtered and paged as Heat does: `marker` (an event id),
/// `limit`, `sort_dir`, and filters on name, action, status and type.
async fn events_page(
    st: &AppState,
    stack: StackRow,
    resource: Option<String>,
    params: &Params,
) -> Result<Vec<Value>, Fault> {
    let depth = params
        .get("nested_depth")
        .and_then(|d| d.parse().ok())
        .unwrap_or(0);
    let mut all: Vec<(StackRow, EventRow)> = Vec::new();
    for (s, _) in with_nested(st, stack, depth).await? {
        let (sid, res) = (s.id.clone(), resource.clone());
        let events = st
            .db
            .call(move |c| store::events(c, &sid, res.as_deref()))
            .await?;
        all.extend(events.into_iter().map(|e| (s.clone(), e)));
    }
    all.sort_by_key(|(_, e)| (e.created_at, e.seq));
    let filter = |key: &str| {
        params
            .get(key)
            .map(|v| v.split(',').map(str::to_owned).collect::<Vec<_>>())
    };
    let (names, actions, statuses, types) = (
        filter("resource_name"),
        filter("resource_action"),
        filter("resource_status"),
        filter("resource_type"),
    );
    all.retain(|(_, e)| {
        names.as_ref().is_none_or(|n| n.contains(&e.resource_name))
            && actions.as_ref().is_none_or(|a| a.contains(&e.action))
            && statuses.as_ref().is_none_or(|s| s.contains(&e.status))
            && types.as_ref().is_none_or(|t| t.contains(&e.resource_type))
    });
    // Newest first unless asked otherwise, as Heat lists them.
    if params.get("sort_dir") != Some("asc") {
        all.reverse();
    }
    if let Some(marker) = params.get("marker") {
        if let Some(at) = all.iter().position(|(_, e)| e.id == marker) {
            all.drain(..=at);
        }
    }
    if let Some(limit) = params.get("limit").and_then(|l| l.parse::<usize>().ok()) {
        all.truncate(limit);
    }
    Ok(all
        .iter()
        .map(|(s, e)| event_json(st, s, e, false))
        .collect())
}

async fn list_events(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    Ok(Json(
        json!({"events": events_page(&st, stack, None, &params).await?}),
    ))
}

async fn list_resource_events(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id, resource)): KPath<(String, String, String, String)>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    Ok(Json(
        json!({"events": events_page(&st, stack, Some(resource), &params).await?}),
    ))
}

async fn show_event(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id, resource, event_id)): KPath<(String, String, String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let (sid, res) = (stack.id.clone(), resource.clone());
    let events = st
        .db
        .call(move |c| store::events(c, &sid, Some(&res)))
        .await?;
    let event = events.iter().find(|e| e.id == event_id).ok_or_else(|| {
        Fault::new(
            StatusCode::NOT_FOUND,
            "EntityNotFound",
            format!("The Event ({event_id}) could not be found."),
        )
    })?;
    Ok(Json(json!({"event": event_json(&st, &stack, event, true)})))
}
