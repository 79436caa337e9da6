//! `/stacks`: list, create, preview, show, update, delete, actions,
//! outputs, template and environment.

use std::collections::HashMap;

use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::engine::{self, Op, Plan};
use super::store::{self, ResourceRow, StackRow, IN_PROGRESS};
use super::templates::{prepare, Definition, Prepared};
use super::{path, scope, Fault};
use crate::auth::Auth;
use crate::db::now_micros;
use crate::http::{format_time_seconds, KPath, Params};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    let lookup = any(lookup);
    Router::new()
        .route(&path("/stacks"), get(list_stacks).post(create_stack))
        .route(&path("/stacks/preview"), post(preview_stack))
        .route(&path("/stacks/{stack_name}"), lookup.clone())
        .route(&path("/stacks/{stack_name}/resources"), lookup.clone())
        .route(
            &path("/stacks/{stack_name}/resources/{*rest}"),
            lookup.clone(),
        )
        .route(&path("/stacks/{stack_name}/events"), lookup.clone())
        .route(&path("/stacks/{stack_name}/template"), lookup.clone())
        .route(&path("/stacks/{stack_name}/environment"), lookup.clone())
        .route(&path("/stacks/{stack_name}/outputs"), lookup.clone())
        .route(
            &path("/stacks/{stack_name}/outputs/{*rest}"),
            lookup.clone(),
        )
        .route(&path("/stacks/{stack_name}/actions"), lookup)
        .route(
            &path("/stacks/{stack_name}/{stack_id}"),
            get(show_stack)
                .put(update_stack)
                .patch(patch_stack)
                .delete(delete_stack),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/preview"),
            put(preview_update),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/actions"),
            post(stack_action),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/template"),
            get(show_template),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/environment"),
            get(show_environment),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/outputs"),
            get(list_outputs),
        )
        .route(
            &path("/stacks/{stack_name}/{stack_id}/outputs/{output_key}"),
            get(show_output),
        )
}

/// `.../stacks/<name>/<id>` of a stack.
pub fn stack_url(st: &AppState, s: &StackRow) -> String {
    format!(
        "{}/heat/v1/{}/stacks/{}/{}",
        st.base_url,
        s.project_id,
        crate::http::encode_path(&s.name),
        s.id
    )
}

/// Finds the stack a `<name>/<id>` path names; the id decides, and a
/// name that does not match is not found, as in Heat.
pub async fn stack_at(
    st: &AppState,
    project: &str,
    name: &str,
    id: &str,
) -> Result<StackRow, Fault> {
    let (p, i) = (project.to_owned(), id.to_owned());
    let found = st.db.call(move |c| store::find_stack(c, &p, &i)).await?;
    match found {
        Some(s) if s.name == name || s.id == name => Ok(s),
        _ => Err(Fault::stack_not_found(&format!("{name}/{id}"))),
    }
}

fn refuse_in_progress(s: &StackRow) -> Result<(), Fault> {
    if s.in_progress() {
        return Err(Fault::conflict(
            "ActionInProgress",
            format!(
                "Stack {} already has an action ({}) in progress.",
                s.name, s.action
            ),
        ));
    }
    Ok(())
}

/// Heat's value of a boolean or number field that may come as text.
fn flag(v: Option<&Value>) -> Option<bool> {
    match v? {
        Value::Bool(b) => Some(*b),
        Value::String(s) => Some(matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "1" | "yes" | "on"
        )),
        _ => None,
    }
}

fn minutes(v: Option<&Value>) -> Result<Option<u32>, Fault> {
    match v {
        None | Some(Value::Null) => Some(None),
        Some(Value::Number(n)) => n.as_u64().and_then(|m| u32::try_from(m).ok()).map(Some),
        Some(Value::String(s)) => s.trim().parse::<u32>().ok().map(Some),
        _ => None,
    }
    .ok_or_else(|| Fault::bad_request("Only integer is acceptable by 'timeout_mins'."))
}

fn tags(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Array(l) => Some(
            l.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(","),
        ),
        _ => None,
    }
}

/// Heat's stack name rule.
fn check_stack_name(name: &str) -> Result<(), Fault> {
    let mut chars = name.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        && name.len() <= 255;
    if ok {
        Ok(())
    } else {
        Err(Fault::bad_request(format!(
            "Invalid stack name {name} must contain only alphanumeric or \"_-.\" characters, must start with alpha and must be 255 characters or less."
        )))
    }
}

/// Parameters as Heat shows them: text, hidden ones masked.
fn shown_parameters(s: &StackRow) -> Map<String, Value> {
    let hidden: Vec<String> = super::template::Template::load(s.template.clone())
        .map(|t| {
            t.parameters
                .into_iter()
                .filter(|p| p.hidden)
                .map(|p| p.name)
                .collect()
        })
        .unwrap_or_default();
    let mut out = Map::new();
    for (k, v) in &s.parameters {
        let text = if hidden.contains(k) {
            "******".to_owned()
        } else {
            match v {
                Value::String(s) => s.clone(),
                Value::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
                Value::Array(l) if l.iter().all(Value::is_string) => l
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            }
        };
        out.insert(k.clone(), json!(text));
    }
    out.insert("OS::stack_name".into(), json!(s.name));
    out.insert("OS::stack_id".into(), json!(s.id));
    out.insert("OS::project_id".into(), json!(s.project_id));
    out
}

fn stack_json(st: &AppState, s: &StackRow, detail: bool, outputs: Option<Vec<Value>>) -> Value {
    let description = s.template.get("description").cloned().unwrap_or(json!(""));
    let mut v = json!({
        "id": s.id,
        "stack_name": s.name,
        "description": description,
        "creation_time": format_time_seconds(s.created_at),
        "updated_time": s.updated_at.map(format_time_seconds),
        "deletion_time": s.deleted_at.map(format_time_seconds),
        "stack_status": s.status_text(),
        "stack_status_reason": s.status_reason,
        "stack_owner": s.owner_name,
        "stack_user_project_id": s.project_id,
        "parent": s.parent_id,
        "tags": s.tags.as_ref().map(|t| t.split(',').collect::<Vec<_>>()),
        "links": [{"href": stack_url(st, s), "rel": "self"}],
    });
    if detail {
        v["project"] = json!(s.project_id);
        v["parameters"] = Value::Object(shown_parameters(s));
        v["outputs"] = Value::Array(outputs.unwrap_or_default());
        v["timeout_mins"] = json!(s.timeout_mins);
        v["disable_rollback"] = json!(s.disable_rollback);
        v["capabilities"] = json!([]);
        v["notification_topics"] = json!([]);
        v["template_description"] = description;
    }
    v
}

async fn resource_rows(
    st: &AppState,
    stack_id: &str,
) -> Result<HashMap<String, ResourceRow>, Fault> {
    let id = stack_id.to_owned();
    let rows = st.db.call(move |c| store::resources(c, &id)).await?;
    Ok(rows.into_iter().map(|r| (r.name.clone(), r)).collect())
}

/// Outputs as Heat shows them in a stack: value, or `output_error`.
async fn outputs_of(st: &AppState, s: &StackRow) -> Result<Vec<Value>, Fault> {
    let Ok(plan) = Plan::new(&s.template, &s.parameters) else {
        return Ok(Vec::new());
    };
    let rows = resource_rows(st, &s.id).await?;
    Ok(engine::outputs(s, &plan, rows)
        .into_iter()
        .map(|(key, description, value)| {
            let mut o = json!({"output_key": key, "description": description.unwrap_or_else(|| "No description given".into())});
            match value {
                Ok(v) => o["output_value"] = v,
                Err(e) => {
                    o["output_value"] = Value::Null;
                    o["output_error"] = json!(e);
                }
            }
            o
        })
        .collect())
}

// ---------------------------------------------------------------------------
// Handlers

async fn list_stacks(
    State(st): State<AppState>,
    auth: Auth,
    KPath(tenant): KPath<String>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let everyone = params.flag("global_tenant");
    if everyone && !auth.is_admin() {
        return Err(Fault::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "Only administrators may list every project's stacks.",
        ));
    }
    let filter_project = (!everyone).then_some(project);
    let mut stacks = st
        .db
        .call(move |c| store::list_stacks(c, filter_project.as_deref()))
        .await?;
    let wanted = |key: &str| -> Vec<String> {
        params
            .get(key)
            .map(|v| v.split(',').map(str::to_owned).collect())
            .unwrap_or_default()
    };
    let (names, statuses, actions) = (wanted("name"), wanted("status"), wanted("action"));
    stacks.retain(|s| {
        (names.is_empty() || names.contains(&s.name))
            && (statuses.is_empty()
                || statuses
                    .iter()
                    .any(|x| *x == s.status || *x == s.status_text()))
            && (actions.is_empty() || actions.contains(&s.action))
    });
    let key = params.get("sort_keys").unwrap_or("created_at");
    stacks.sort_by(|a, b| match key {
        "stack_name" | "name" => a.name.cmp(&b.name),
        "stack_status" | "status" => a.status_text().cmp(&b.status_text()),
        "updated_time" | "updated_at" => a.updated_at.cmp(&b.updated_at),
        _ => a.created_at.cmp(&b.created_at),
    });
    // Heat lists newest first unless asked otherwise.
    if params.get("sort_dir") != Some("asc") {
        stacks.reverse();
    }
    if let Some(marker) = params.get("marker") {
        let Some(at) = stacks.iter().position(|s| s.id == marker) else {
            return Err(Fault::new(
                StatusCode::BAD_REQUEST,
                "Invalid",
                format!("Marker {marker} not found"),
            ));
        };
        stacks.drain(..=at);
    }
    if let Some(limit) = params.get("limit") {
        let limit: usize = limit
            .parse()
            .map_err(|_| Fault::bad_request("Only integer is acceptable by 'limit'."))?;
        stacks.truncate(limit);
    }
    let list: Vec<Value> = stacks
        .iter()
        .map(|s| stack_json(&st, s, false, None))
        .collect();
    Ok(Json(json!({"stacks": list})))
}

#[derive(Deserialize)]
struct CreateBody {
    #[serde(default)]
    stack_name: Option<String>,
    #[serde(flatten)]
    definition: Definition,
    #[serde(default)]
    timeout_mins: Option<Value>,
    #[serde(default)]
    disable_rollback: Option<Value>,
    #[serde(default)]
    tags: Option<Value>,
}

type Body<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

async fn create_stack(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    KPath(tenant): KPath<String>,
    body: Body<CreateBody>,
) -> Result<Response, Fault> {
    let project = scope(&auth, &tenant)?;
    let Json(body) = body?;
    let name = body.stack_name.clone().unwrap_or_default();
    check_stack_name(&name)?;
    let (p, n) = (project.clone(), name.clone());
    if st
        .db
        .call(move |c| store::find_stack(c, &p, &n))
        .await?
        .is_some_and(|s| s.name == name)
    {
        return Err(Fault::conflict(
            "StackExists",
            format!("The Stack ({name}) already exists."),
        ));
    }
    let prepared = prepare(&st, &headers, &project, &body.definition, None, None).await?;
    let stack = StackRow {
        id: uuid::Uuid::new_v4().to_string(),
        name,
        project_id: project,
        user_id: auth.user.id.clone(),
        owner_name: auth.user.name.clone(),
        parent_id: None,
        parent_resource: None,
        action: "CREATE".into(),
        status: IN_PROGRESS.into(),
        status_reason: "Stack CREATE started".into(),
        template: prepared.template,
        environment: prepared.environment,
        parameters: prepared.parameters,
        timeout_mins: minutes(body.timeout_mins.as_ref())?,
        // Heat's default: no rollback.
        disable_rollback: flag(body.disable_rollback.as_ref()).unwrap_or(true),
        tags: tags(body.tags.as_ref()),
        created_at: now_micros(),
        updated_at: None,
        deleted_at: None,
    };
    let saved = stack.clone();
    let enabled: Vec<(String, String)> = prepared
        .plan
        .enabled
        .iter()
        .filter_map(|n| {
            prepared
                .plan
                .resource(n)
                .map(|d| (n.clone(), d.type_name.clone()))
        })
        .collect();
    st.db
        .call(move |c| {
            let tx = c.transaction()?;
            store::insert_stack(&tx, &saved)?;
            store::set_stack_status(
                &tx,
                &saved.id,
                "CREATE",
                IN_PROGRESS,
                "Stack CREATE started",
            )?;
            for (name, type_name) in &enabled {
                store::save_resource(&tx, &ResourceRow::new(&saved.id, name, type_name))?;
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    engine::spawn(st.clone(), stack.id.clone(), Op::Create);
    let body = json!({"stack": {"id": stack.id, "links": [{"href": stack_url(&st, &stack), "rel": "self"}]}});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

fn preview_resource(st: &AppState, s: &StackRow, plan: &Plan, name: &str, props: Value) -> Value {
    let def = plan.resource(name);
    let required_by: Vec<&String> = plan
        .deps
        .iter()
        .filter(|(_, deps)| deps.iter().any(|d| d == name))
        .map(|(n, _)| n)
        .collect();
    json!({
        "resource_name": name,
        "logical_resource_id": name,
        "resource_type": def.map(|d| d.type_name.as_str()),
        "description": "",
        "properties": props,
        "metadata": def.and_then(|d| d.metadata.clone()).unwrap_or(json!({})),
        "required_by": required_by,
        "resource_action": "INIT",
        "resource_status": "COMPLETE",
        "resource_status_reason": "",
        "physical_resource_id": "",
        "stack_name": s.name,
        "stack_identity": {"stack_name": s.name, "stack_id": s.id, "tenant": s.project_id, "path": ""},
        "resource_identity": {"stack_name": s.name, "stack_id": s.id, "tenant": s.project_id, "path": format!("/resources/{name}")},
        "creation_time": format_time_seconds(s.created_at),
        "updated_time": null,
        "links": [{"href": format!("{}/resources/{name}", stack_url(st, s)), "rel": "self"}],
    })
}

async fn preview_stack(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    KPath(tenant): KPath<String>,
    body: Body<CreateBody>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let Json(body) = body?;
    let name = body.stack_name.clone().unwrap_or_default();
    check_stack_name(&name)?;
    let Prepared {
        template,
        environment,
        parameters,
        plan,
    } = prepare(&st, &headers, &project, &body.definition, None, None).await?;
    let stack = StackRow {
        id: "None".into(),
        name,
        project_id: project,
        user_id: auth.user.id.clone(),
        owner_name: auth.user.name.clone(),
        parent_id: None,
        parent_resource: None,
        action: "INIT".into(),
        status: "COMPLETE".into(),
        status_reason: String::new(),
        template,
        environment,
        parameters,
        timeout_mins: minutes(body.timeout_mins.as_ref())?,
        disable_rollback: flag(body.disable_rollback.as_ref()).unwrap_or(true),
        tags: tags(body.tags.as_ref()),
        created_at: now_micros(),
        updated_at: None,
        deleted_at: None,
    };
    let resources: Vec<Value> = plan
        .enabled
        .iter()
        .map(|n| {
            let props = plan
                .resource(n)
                .and_then(|d| engine::resolve_properties(&stack, &plan, HashMap::new(), d).ok())
                .map_or(Value::Null, Value::Object);
            preview_resource(&st, &stack, &plan, n, props)
        })
        .collect();
    let mut out = stack_json(&st, &stack, true, None);
    out["resources"] = Value::Array(resources);
    out["outputs"] = json!([]);
    Ok(Json(json!({"stack": out})))
}

/// `/stacks/<name or id>[/...]`: Heat answers 302 to the canonical
/// `/stacks/<name>/<id>[/...]`, for every method.
async fn lookup(
    State(st): State<AppState>,
    auth: Auth,
    OriginalUri(uri): OriginalUri,
    KPath(params): KPath<HashMap<String, String>>,
) -> Result<Response, Fault> {
    let tenant = params.get("tenant_id").cloned().unwrap_or_default();
    let project = scope(&auth, &tenant)?;
    let wanted = params.get("stack_name").cloned().unwrap_or_default();
    let (p, w) = (project, wanted.clone());
    let stack = st
        .db
        .call(move |c| store::find_stack(c, &p, &w))
        .await?
        .ok_or_else(|| Fault::stack_not_found(&wanted))?;
    let prefix = format!("/heat/v1/{tenant}/stacks/");
    let rest = uri
        .path()
        .strip_prefix(&prefix)
        .and_then(|r| r.find('/').map(|i| &r[i..]))
        .unwrap_or("");
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    let location = format!("{}{rest}{query}", stack_url(&st, &stack));
    Ok((StatusCode::FOUND, [(header::LOCATION, location)]).into_response())
}

async fn show_stack(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let outputs = outputs_of(&st, &stack).await?;
    Ok(Json(
        json!({"stack": stack_json(&st, &stack, true, Some(outputs))}),
    ))
}

#[derive(Deserialize)]
struct UpdateBody {
    #[serde(flatten)]
    definition: Definition,
    #[serde(default)]
    timeout_mins: Option<Value>,
    #[serde(default)]
    disable_rollback: Option<Value>,
    #[serde(default)]
    tags: Option<Value>,
}

/// A checked update: the stack as it will be.
async fn updated_stack(
    st: &AppState,
    headers: &HeaderMap,
    stack: &StackRow,
    body: &UpdateBody,
    patch: bool,
) -> Result<(StackRow, Prepared), Fault> {
    let keep_template =
        patch && body.definition.template.is_none() && body.definition.template_url.is_none();
    let template = keep_template.then(|| stack.template.clone());
    let mut definition = body.definition.clone();
    if patch && definition.environment.is_none() {
        definition.environment = Some(stack.environment.clone());
    }
    let previous = patch.then_some(&stack.parameters);
    let prepared = prepare(
        st,
        headers,
        &stack.project_id,
        &definition,
        template,
        previous,
    )
    .await?;
    let mut next = stack.clone();
    next.template = prepared.template.clone();
    next.environment = prepared.environment.clone();
    next.parameters = prepared.parameters.clone();
    if body.timeout_mins.is_some() {
        next.timeout_mins = minutes(body.timeout_mins.as_ref())?;
    }
    if let Some(b) = flag(body.disable_rollback.as_ref()) {
        next.disable_rollback = b;
    }
    if body.tags.is_some() {
        next.tags = tags(body.tags.as_ref());
    }
    next.updated_at = Some(now_micros());
    Ok((next, prepared))
}

async fn update(
    st: AppState,
    auth: Auth,
    headers: HeaderMap,
    (tenant, name, id): (String, String, String),
    body: Body<UpdateBody>,
    patch: bool,
) -> Result<Response, Fault> {
    let project = scope(&auth, &tenant)?;
    let Json(body) = body?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    refuse_in_progress(&stack)?;
    if stack.deleted_at.is_some() {
        return Err(Fault::stack_not_found(&name));
    }
    let (next, _) = updated_stack(&st, &headers, &stack, &body, patch).await?;
    let saved = next.clone();
    st.db
        .call(move |c| {
            store::save_stack_definition(c, &saved)?;
            store::set_stack_status(c, &saved.id, "UPDATE", IN_PROGRESS, "Stack UPDATE started")
        })
        .await?;
    engine::spawn(st.clone(), next.id.clone(), Op::Update);
    Ok((StatusCode::ACCEPTED, Json(json!({}))).into_response())
}

async fn update_stack(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
    body: Body<UpdateBody>,
) -> Result<Response, Fault> {
    update(st, auth, headers, (tenant, name, id), body, false).await
}

async fn patch_stack(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
    body: Body<UpdateBody>,
) -> Result<Response, Fault> {
    update(st, auth, headers, (tenant, name, id), body, true).await
}

async fn preview_update(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
    params: Params,
    body: Body<UpdateBody>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let Json(body) = body?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let patch = params.flag("existing");
    let (next, prepared) = updated_stack(&st, &headers, &stack, &body, patch).await?;
    let rows = resource_rows(&st, &stack.id).await?;
    let changes = engine::preview_changes(&next, &prepared.plan, &rows);
    let mut out = Map::new();
    for (kind, names) in changes {
        let items: Vec<Value> = names
            .iter()
            .map(|n| {
                let mut v = preview_resource(&st, &next, &prepared.plan, n, Value::Null);
                if let Some(row) = rows.get(n) {
                    v["resource_type"] = json!(row.type_name);
                    v["physical_resource_id"] = json!(row.physical_id);
                    v["resource_action"] = json!(row.action);
                    v["resource_status"] = json!(row.status);
                }
                v
            })
            .collect();
        out.insert(kind.to_owned(), Value::Array(items));
    }
    Ok(Json(json!({"resource_changes": out})))
}

async fn delete_stack(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
) -> Result<Response, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    if stack.deleted_at.is_some() {
        return Err(Fault::stack_not_found(&name));
    }
    if stack.action == "DELETE" && stack.in_progress() {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    // A delete wins over whatever runs: Heat cancels it.
    engine::cancel(&stack.id);
    let sid = stack.id.clone();
    st.db
        .call(move |c| {
            store::set_stack_status(c, &sid, "DELETE", IN_PROGRESS, "Stack DELETE started")
        })
        .await?;
    engine::spawn(st.clone(), stack.id.clone(), Op::Delete);
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn stack_action(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
    body: Body<Map<String, Value>>,
) -> Result<Response, Fault> {
    let project = scope(&auth, &tenant)?;
    let Json(body) = body?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let action = match body.keys().next().map(String::as_str) {
        Some(a) if body.len() == 1 => a.to_owned(),
        _ => return Err(Fault::bad_request("Multiple actions specified")),
    };
    let op = match action.as_str() {
        "suspend" => Op::Suspend,
        "resume" => Op::Resume,
        "check" => Op::Check,
        "cancel_update" | "cancel_without_rollback" => {
            if !(stack.action == "UPDATE" && stack.in_progress()) {
                return Err(Fault::bad_request(format!(
                    "Cancelling update when stack is {} is not supported.",
                    stack.status_text()
                )));
            }
            engine::cancel(&stack.id);
            let sid = stack.id.clone();
            st.db
                .call(move |c| {
                    store::set_stack_status(
                        c,
                        &sid,
                        "UPDATE",
                        store::FAILED,
                        "Stack UPDATE cancelled",
                    )
                })
                .await?;
            return Ok(StatusCode::OK.into_response());
        }
        other => {
            return Err(Fault::bad_request(format!(
                "Invalid action {other} specified"
            )))
        }
    };
    refuse_in_progress(&stack)?;
    let (sid, verb) = (stack.id.clone(), op.action());
    st.db
        .call(move |c| {
            store::set_stack_status(c, &sid, verb, IN_PROGRESS, &format!("Stack {verb} started"))
        })
        .await?;
    engine::spawn(st.clone(), stack.id.clone(), op);
    Ok(StatusCode::OK.into_response())
}

async fn show_template(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    Ok(Json(stack_at(&st, &project, &name, &id).await?.template))
}

async fn show_environment(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let mut env = stack.environment.as_object().cloned().unwrap_or_default();
    for key in [
        "parameters",
        "parameter_defaults",
        "resource_registry",
        "event_sinks",
        "encrypted_param_names",
    ] {
        let empty = if key == "event_sinks" || key == "encrypted_param_names" {
            json!([])
        } else {
            json!({})
        };
        env.entry(key).or_insert(empty);
    }
    Ok(Json(Value::Object(env)))
}

async fn list_outputs(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id)): KPath<(String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let outputs: Vec<Value> = outputs_of(&st, &stack)
        .await?
        .into_iter()
        .map(|o| json!({"output_key": o["output_key"], "description": o["description"]}))
        .collect();
    Ok(Json(json!({"outputs": outputs})))
}

async fn show_output(
    State(st): State<AppState>,
    auth: Auth,
    KPath((tenant, name, id, key)): KPath<(String, String, String, String)>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let stack = stack_at(&st, &project, &name, &id).await?;
    let output = outputs_of(&st, &stack)
        .await?
        .into_iter()
        .find(|o| o["output_key"] == key.as_str())
        .ok_or_else(|| {
            Fault::new(
                StatusCode::NOT_FOUND,
                "NotFound",
                format!("Specified output key {key} not found."),
            )
        })?;
    Ok(Json(json!({"output": output})))
}
