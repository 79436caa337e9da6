//! Runs stack operations: create, update, delete, suspend, resume, check
//! and rollback. Each runs as a background task that walks the dependency
//! graph, working on independent resources in parallel, and writes every
//! status change (and so every event) to the database as it happens.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use serde_json::{json, Map, Value};
use tokio::task::{AbortHandle, JoinSet};

use super::cloud::Cloud;
use super::plugins::{self, Ctx, Failure};
use super::schema;
use super::store::{self, ResourceRow, StackRow, COMPLETE, FAILED, IN_PROGRESS};
use super::template::{self, HeatError, Template};
use crate::db::now_micros;
use crate::error::Error;
use crate::state::AppState;

/// A stack definition, evaluated: which resources exist under the
/// parameters, and what each waits for.
pub struct Plan {
    pub template: Template,
    pub conditions: BTreeMap<String, bool>,
    /// Enabled resources in template order.
    pub enabled: Vec<String>,
    pub deps: Vec<(String, Vec<String>)>,
}

impl Plan {
    pub fn new(raw: &Value, params: &Map<String, Value>) -> Result<Plan, HeatError> {
        let template = Template::load(raw.clone())?;
        let conditions = template::evaluate_conditions(&template, params)?;
        let mut enabled = Vec::new();
        for r in &template.resources {
            if template::condition_holds(r.condition.as_ref(), &conditions)? {
                enabled.push(r.name.clone());
            }
        }
        let set: BTreeSet<String> = enabled.iter().cloned().collect();
        let deps = template::dependencies(&template, &set)?;
        template::validate_outputs(&template, &conditions)?;
        Ok(Plan {
            template,
            conditions,
            enabled,
            deps,
        })
    }

    pub fn resource(&self, name: &str) -> Option<&template::ResourceDef> {
        self.template.resources.iter().find(|r| r.name == name)
    }

    /// Static checks of every enabled resource: a known, available type
    /// and well-formed properties.
    pub fn validate_resources(&self) -> Result<(), HeatError> {
        for name in &self.enabled {
            if let Some(def) = self.resource(name) {
                let t = schema::check_type(&def.type_name)?;
                schema::validate_properties(t, name, &def.properties, false)?;
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Function context

/// What intrinsic functions see while a stack runs: its parameters and the
/// resources as they are right now.
pub struct Snapshot<'a> {
    pub stack: &'a StackRow,
    pub plan: &'a Plan,
    pub rows: HashMap<String, ResourceRow>,
}

impl template::Context for Snapshot<'_> {
    fn param(&self, name: &str) -> Option<Value> {
        match name {
            "OS::stack_name" => Some(json!(self.stack.name)),
            "OS::stack_id" => Some(json!(self.stack.id)),
            "OS::project_id" => Some(json!(self.stack.project_id)),
            _ => self.stack.parameters.get(name).cloned(),
        }
    }

    fn resource_ref(&self, name: &str) -> Option<Value> {
        self.plan.resource(name)?;
        Some(
            self.rows
                .get(name)
                .map_or(Value::Null, ResourceRow::reference),
        )
    }

    fn resource_attr(&self, name: &str, path: &[Value]) -> Result<Value, HeatError> {
        let Some(def) = self.plan.resource(name) else {
            return Err(HeatError::new(
                "InvalidTemplateReference",
                format!("The specified reference \"{name}\" (in unknown) is incorrect."),
            ));
        };
        let Some(row) = self.rows.get(name) else {
            return Ok(Value::Null);
        };
        let attr = path.first().and_then(Value::as_str).unwrap_or("");
        let value = if plugins::is_nested(&def.type_name) {
            group_attribute(row, attr, &path[1.min(path.len())..])
        } else {
            match row.attributes().and_then(|a| a.get(attr)) {
                Some(v) => walk(v, &path[1.min(path.len())..]),
                None => {
                    let known = schema::lookup(&def.type_name)
                        .is_some_and(|t| t.attributes.iter().any(|(n, _)| *n == attr));
                    if !known && row.attributes().is_some() {
                        return Err(HeatError::new(
                            "InvalidTemplateAttribute",
                            format!("The Referenced Attribute ({name} {attr}) is incorrect."),
                        ));
                    }
                    Value::Null
                }
            }
        };
        Ok(value)
    }

    fn condition(&self, name: &str) -> Option<bool> {
        self.plan.conditions.get(name).copied()
    }
}

/// Follows a get_attr path into maps and lists; anything missing is null.
fn walk(value: &Value, path: &[Value]) -> Value {
    let mut at = value;
    for step in path {
        let next = match (at, step) {
            (Value::Object(m), Value::String(k)) => m.get(k),
            (Value::Array(l), Value::Number(n)) => n.as_u64().and_then(|i| l.get(i as usize)),
            (Value::Array(l), Value::String(s)) => s.parse::<usize>().ok().and_then(|i| l.get(i)),
            _ => None,
        };
        match next {
            Some(v) => at = v,
            None => return Value::Null,
        }
    }
    at.clone()
}

/// ResourceGroup's attributes: `refs`, `refs_map`, `attributes <name>` (a
/// list over the members) and `resource.<n>[.<attr>]`.
fn group_attribute(row: &ResourceRow, attr: &str, rest: &[Value]) -> Value {
    let members = row.data["members"].as_array().cloned().unwrap_or_default();
    if attr == "attributes" {
        let Some(name) = rest.first().and_then(Value::as_str) else {
            return Value::Null;
        };
        return Value::Array(
            members
                .iter()
                .map(|m| walk(&m["attributes"][name], &rest[1..]))
                .collect(),
        );
    }
    if let Some(index) = attr.strip_prefix("resource.") {
        let (index, member_attr) = match index.split_once('.') {
            Some((i, a)) => (i, Some(a)),
            None => (index, None),
        };
        let Some(member) = index.parse::<usize>().ok().and_then(|i| members.get(i)) else {
            return Value::Null;
        };
        return match member_attr.or_else(|| rest.first().and_then(Value::as_str)) {
            Some(a) => {
                let skip = usize::from(member_attr.is_none());
                walk(&member["attributes"][a], &rest[skip.min(rest.len())..])
            }
            None => member["ref"].clone(),
        };
    }
    walk(&row.data["attributes"][attr], rest)
}

// ---------------------------------------------------------------------------
// Running operations

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Create,
    Update,
    Delete,
    Suspend,
    Resume,
    Check,
}

impl Op {
    pub fn action(self) -> &'static str {
        match self {
            Op::Create => "CREATE",
            Op::Update => "UPDATE",
            Op::Delete => "DELETE",
            Op::Suspend => "SUSPEND",
            Op::Resume => "RESUME",
            Op::Check => "CHECK",
        }
    }
}

fn running() -> &'static Mutex<HashMap<String, AbortHandle>> {
    static RUNNING: OnceLock<Mutex<HashMap<String, AbortHandle>>> = OnceLock::new();
    RUNNING.get_or_init(Default::default)
}

/// Stops whatever operation runs on the stack (a delete cancels a create).
pub fn cancel(stack_id: &str) {
    let handle = running()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(stack_id);
    if let Some(h) = handle {
        h.abort();
    }
}

/// Starts `op` on a stack whose status the caller already set to
/// `<op>_IN_PROGRESS`.
pub fn spawn(st: AppState, stack_id: String, op: Op) {
    let id = stack_id.clone();
    let task = tokio::spawn(async move {
        if let Err(e) = run(&st, &stack_id, op).await {
            tracing::error!(error = %e, stack = %stack_id, "stack operation failed");
        }
        running()
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&stack_id);
    });
    running()
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(id, task.abort_handle());
}

/// Runs `op` to its end, including the rollback a failed create asks for.
/// Boxed with an explicit `Send` because nested stacks make it recursive.
pub fn run<'a>(
    st: &'a AppState,
    stack_id: &'a str,
    op: Op,
) -> std::pin::Pin<Box<dyn Future<Output = Result<(), Error>> + Send + 'a>> {
    Box::pin(run_inner(st, stack_id, op))
}

async fn run_inner(st: &AppState, stack_id: &str, op: Op) -> Result<(), Error> {
    let Some(stack) = load(st, stack_id).await? else {
        return Ok(());
    };
    let cloud = match Cloud::for_owner(st, &stack.user_id, &stack.project_id).await {
        Ok(c) => c,
        Err(e) => {
            return finish(
                st,
                &stack,
                op.action(),
                Err(format!("Error: {}", e.message)),
            )
            .await;
        }
    };
    let timeout = stack
        .timeout_mins
        .map(|m| Duration::from_secs(u64::from(m) * 60));
    let work = run_op(st, &cloud, &stack, op);
    let outcome = match (op, timeout) {
        (Op::Create | Op::Update, Some(limit)) => tokio::time::timeout(limit, work)
            .await
            .unwrap_or_else(|_| Err("Timed out".to_owned())),
        _ => work.await,
    };
    let failed = outcome.is_err();
    if failed && (op == Op::Create || op == Op::Update) {
        fail_in_progress(st, &stack.id, op.action(), outcome.as_ref().err()).await?;
    }
    finish(st, &stack, op.action(), outcome).await?;
    if failed && op == Op::Create && !stack.disable_rollback {
        set_stack(
            st,
            &stack.id,
            "ROLLBACK",
            IN_PROGRESS,
            "Stack ROLLBACK started",
        )
        .await?;
        let outcome = delete_all(st, &cloud, &stack).await;
        finish(st, &stack, "ROLLBACK", outcome).await?;
    }
    Ok(())
}

fn run_op<'a>(
    st: &'a AppState,
    cloud: &'a Cloud,
    stack: &'a StackRow,
    op: Op,
) -> std::pin::Pin<Box<dyn Future<Output = Result<(), String>> + Send + 'a>> {
    Box::pin(async move {
        match op {
            Op::Create | Op::Update => converge(st, cloud, stack, op).await,
            Op::Delete => delete_all(st, cloud, stack).await,
            Op::Suspend => suspend_all(st, cloud, stack, true).await,
            Op::Resume => suspend_all(st, cloud, stack, false).await,
            Op::Check => check_all(st, cloud, stack).await,
        }
    })
}

async fn finish(
    st: &AppState,
    stack: &StackRow,
    action: &str,
    outcome: Result<(), String>,
) -> Result<(), Error> {
    match outcome {
        Ok(()) => {
            let reason = format!("Stack {action} completed successfully");
            set_stack(st, &stack.id, action, COMPLETE, &reason).await?;
            if action == "DELETE" || action == "ROLLBACK" {
                let id = stack.id.clone();
                st.db
                    .call(move |c| {
                        c.execute("DELETE FROM heat_resources WHERE stack_id = ?1", [&id])?;
                        Ok(())
                    })
                    .await?;
            }
            Ok(())
        }
        Err(reason) => set_stack(st, &stack.id, action, FAILED, &reason).await,
    }
}

async fn set_stack(
    st: &AppState,
    id: &str,
    action: &str,
    status: &str,
    reason: &str,
) -> Result<(), Error> {
    let (id, action, status, reason) = (
        id.to_owned(),
        action.to_owned(),
        status.to_owned(),
        reason.to_owned(),
    );
    st.db
        .call(move |c| store::set_stack_status(c, &id, &action, &status, &reason))
        .await
}

/// After a timeout or a failure, resources still marked in progress failed.
async fn fail_in_progress(
    st: &AppState,
    stack_id: &str,
    action: &str,
    reason: Option<&String>,
) -> Result<(), Error> {
    let (id, action) = (stack_id.to_owned(), action.to_owned());
    let reason = match reason.map(String::as_str) {
        Some("Timed out") => format!("{action} aborted (Timed out)"),
        _ => format!("{action} aborted"),
    };
    st.db
        .call(move |c| {
            for mut r in store::resources(c, &id)? {
                if r.status == IN_PROGRESS {
                    let a = r.action.clone();
                    store::set_resource_status(c, &mut r, &a, FAILED, &reason)?;
                }
            }
            Ok(())
        })
        .await
}

async fn load(st: &AppState, stack_id: &str) -> Result<Option<StackRow>, Error> {
    let id = stack_id.to_owned();
    st.db.call(move |c| store::load_stack(c, &id)).await
}

async fn rows(st: &AppState, stack_id: &str) -> Result<HashMap<String, ResourceRow>, String> {
    let id = stack_id.to_owned();
    st.db
        .call(move |c| store::resources(c, &id))
        .await
        .map(|rows| rows.into_iter().map(|r| (r.name.clone(), r)).collect())
        .map_err(|e| format!("Error: {e}"))
}

async fn save_status(
    st: &AppState,
    row: &mut ResourceRow,
    action: &str,
    status: &str,
    reason: &str,
) -> Result<(), String> {
    let mut copy = row.clone();
    let (a, s, r) = (action.to_owned(), status.to_owned(), reason.to_owned());
    let saved = st
        .db
        .call(move |c| {
            store::set_resource_status(c, &mut copy, &a, &s, &r)?;
            Ok(copy)
        })
        .await
        .map_err(|e| format!("Error: {e}"))?;
    *row = saved;
    Ok(())
}

async fn save_row(st: &AppState, row: &ResourceRow) -> Result<(), String> {
    let copy = row.clone();
    st.db
        .call(move |c| store::save_resource(c, &copy))
        .await
        .map_err(|e| format!("Error: {e}"))
}

/// Walks a dependency graph: `task` runs for a node once every node it
/// depends on is done, independent nodes at the same time. After the
/// first failure nothing new starts; running tasks finish.
async fn walk_graph<F, Fut>(graph: Vec<(String, Vec<String>)>, mut task: F) -> Result<(), String>
where
    F: FnMut(String) -> Fut,
    Fut: Future<Output = Result<(), String>> + Send + 'static,
{
    let nodes: HashSet<String> = graph.iter().map(|(n, _)| n.clone()).collect();
    let mut waiting: Vec<(String, Vec<String>)> = graph
        .into_iter()
        .map(|(n, deps)| (n, deps.into_iter().filter(|d| nodes.contains(d)).collect()))
        .collect();
    let mut done: HashSet<String> = HashSet::new();
    let mut running = JoinSet::new();
    let mut failure: Option<String> = None;
    loop {
        if failure.is_none() {
            let (ready, rest): (Vec<_>, Vec<_>) = waiting
                .into_iter()
                .partition(|(_, deps)| deps.iter().all(|d| done.contains(d)));
            waiting = rest;
            for (name, _) in ready {
                let fut = task(name.clone());
                running.spawn(async move { (name, fut.await) });
            }
        }
        let Some(joined) = running.join_next().await else {
            break;
        };
        match joined {
            Ok((name, Ok(()))) => {
                done.insert(name);
            }
            Ok((_, Err(reason))) => {
                failure.get_or_insert(reason);
            }
            Err(e) => {
                failure.get_or_insert(format!("Error: {e}"));
            }
        }
    }
    match failure {
        Some(reason) => Err(reason),
        None if waiting.is_empty() => Ok(()),
        None => Err("Circular Dependency Found".to_owned()),
    }
}

/// Brings the stack's resources in line with its (new) definition:
/// creates what is missing, updates or replaces what changed and, on
/// update, deletes what the template no longer has.
async fn converge(st: &AppState, cloud: &Cloud, stack: &StackRow, op: Op) -> Result<(), String> {
    let plan = Arc::new(Plan::new(&stack.template, &stack.parameters).map_err(|e| e.message)?);
    let stack = Arc::new(stack.clone());
    let graph = plan.deps.clone();
    walk_graph(graph, |name| {
        let (st, cloud, stack, plan) = (
            st.clone(),
            cloud.clone(),
            Arc::clone(&stack),
            Arc::clone(&plan),
        );
        async move { converge_one(&st, &cloud, &stack, &plan, &name, op).await }
    })
    .await?;
    if op == Op::Update {
        let existing = rows(st, &stack.id).await?;
        let gone: Vec<ResourceRow> = existing
            .into_values()
            .filter(|r| !plan.enabled.contains(&r.name))
            .collect();
        // Newest first: a rough reverse of the order they were made in.
        let mut gone = gone;
        gone.sort_by_key(|r| std::cmp::Reverse(r.created_at));
        for mut row in gone {
            delete_one(st, cloud, &stack, &mut row).await?;
            let (id, name) = (stack.id.clone(), row.name.clone());
            st.db
                .call(move |c| store::remove_resource(c, &id, &name))
                .await
                .map_err(|e| format!("Error: {e}"))?;
        }
    }
    Ok(())
}

/// What an update does to one resource.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Add,
    Unchanged,
    Update,
    Replace,
}

/// Resolves a resource's properties against the current state of the stack.
pub fn resolve_properties(
    stack: &StackRow,
    plan: &Plan,
    rows: HashMap<String, ResourceRow>,
    def: &template::ResourceDef,
) -> Result<Map<String, Value>, HeatError> {
    let snapshot = Snapshot { stack, plan, rows };
    let resolved = template::resolve(
        &Value::Object(def.properties.clone()),
        &plan.template.version,
        &snapshot,
    )?;
    let props = match resolved {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    let t = schema::check_type(&def.type_name)?;
    schema::validate_properties(t, &def.name, &props, true)
}

/// How an update would treat a resource, given its resolved properties.
pub fn classify(
    row: Option<&ResourceRow>,
    def: &template::ResourceDef,
    props: &Map<String, Value>,
) -> Change {
    let Some(row) = row.filter(|r| r.exists()) else {
        return Change::Add;
    };
    if row.type_name != def.type_name || row.status == FAILED && row.action == "CREATE" {
        return Change::Replace;
    }
    let old = row.properties.as_object().cloned().unwrap_or_default();
    let changed: Vec<String> = props
        .keys()
        .chain(old.keys())
        .filter(|k| props.get(*k) != old.get(*k))
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    if changed.is_empty() {
        Change::Unchanged
    } else if plugins::is_nested(&def.type_name) || plugins::updatable(&def.type_name, &changed) {
        Change::Update
    } else {
        Change::Replace
    }
}

async fn converge_one(
    st: &AppState,
    cloud: &Cloud,
    stack: &StackRow,
    plan: &Plan,
    name: &str,
    op: Op,
) -> Result<(), String> {
    let def = plan
        .resource(name)
        .ok_or_else(|| format!("Resource {name} is not in the template"))?;
    let current = rows(st, &stack.id).await?;
    let existing = current.get(name).cloned();
    let props = resolve_properties(stack, plan, current, def);
    let mut row = existing
        .clone()
        .unwrap_or_else(|| ResourceRow::new(&stack.id, name, &def.type_name));
    let props = match props {
        Ok(p) => p,
        Err(e) => {
            let action = if op == Op::Create { "CREATE" } else { "UPDATE" };
            let reason = format!("{}: resources.{name}: {}", e.kind, e.message);
            save_status(st, &mut row, action, FAILED, &reason).await?;
            return Err(format!("Resource {action} failed: {reason}"));
        }
    };
    match classify(existing.as_ref(), def, &props) {
        Change::Unchanged => Ok(()),
        Change::Add => create_one(st, cloud, stack, &mut row, def, props).await,
        Change::Update => update_one(st, cloud, stack, &mut row, def, props).await,
        Change::Replace => {
            // Heat makes the replacement first, then removes the old one.
            let mut old = row.clone();
            let mut fresh = ResourceRow::new(&stack.id, name, &def.type_name);
            fresh.created_at = row.created_at;
            create_one(st, cloud, stack, &mut fresh, def, props).await?;
            delete_physical(st, cloud, stack, &mut old, false).await
        }
    }
}

async fn create_one(
    st: &AppState,
    cloud: &Cloud,
    stack: &StackRow,
    row: &mut ResourceRow,
    def: &template::ResourceDef,
    props: Map<String, Value>,
) -> Result<(), String> {
    row.properties = Value::Object(props.clone());
    row.physical_id.clear();
    save_status(st, row, "CREATE", IN_PROGRESS, "state changed").await?;
    let ctx = Ctx::new(cloud, &stack.name, &row.name);
    let result = if plugins::is_nested(&def.type_name) {
        create_group(st, cloud, stack, row, &props).await
    } else {
        match plugins::create(&ctx, &def.type_name, &props).await {
            Ok(started) => {
                row.physical_id = started.physical_id.clone();
                row.data = started.data.clone();
                save_row(st, row).await?;
                plugins::wait(&ctx, &def.type_name, &started)
                    .await
                    .map(|data| {
                        row.data = data;
                    })
            }
            Err(f) => Err(f),
        }
    };
    match result {
        Ok(()) => save_status(st, row, "CREATE", COMPLETE, "state changed").await,
        Err(f) => {
            let reason = f.reason(&row.name);
            save_status(st, row, "CREATE", FAILED, &reason).await?;
            Err(format!("Resource CREATE failed: {reason}"))
        }
    }
}

async fn update_one(
    st: &AppState,
    cloud: &Cloud,
    stack: &StackRow,
    row: &mut ResourceRow,
    def: &template::ResourceDef,
    props: Map<String, Value>,
) -> Result<(), String> {
    save_status(st, row, "UPDATE", IN_PROGRESS, "state changed").await?;
    let ctx = Ctx::new(cloud, &stack.name, &row.name);
    let result = if plugins::is_nested(&def.type_name) {
        update_group(st, cloud, stack, row, &props).await
    } else {
        plugins::update(&ctx, &def.type_name, &row.physical_id, &row.data, &props)
            .await
            .map(|data| row.data = data)
    };
    match result {
        Ok(()) => {
            row.properties = Value::Object(props);
            save_status(st, row, "UPDATE", COMPLETE, "state changed").await
        }
        Err(f) => {
            let reason = f.reason(&row.name);
            save_status(st, row, "UPDATE", FAILED, &reason).await?;
            Err(format!("Resource UPDATE failed: {reason}"))
        }
    }
}

/// Deletes one resource's physical resource, with its events.
async fn delete_one(
    st: &AppState,
    cloud: &Cloud,
    stack: &StackRow,
    row: &mut ResourceRow,
) -> Result<(), String> {
    delete_physical(st, cloud, stack, row, true).await
}

async fn delete_physical(
    st: &AppState,
    cloud: &Cloud,
    stack: &StackRow,
    row: &mut ResourceRow,
    save: bool,
) -> Result<(), String> {
    if !row.exists() {
        return Ok(());
    }
    let retain = Plan::new(&stack.template, &stack.parameters)
        .ok()
        .and_then(|p| {
            p.resource(&row.name)
                .and_then(|d| d.deletion_policy.clone())
        })
        .is_some_and(|p| p == "Retain");
    record(st, row, save, "DELETE", IN_PROGRESS, "state changed").await?;
    let ctx = Ctx::new(cloud, &stack.name, &row.name);
    let result = if retain {
        Ok(())
    } else if plugins::is_nested(&row.type_name) {
        delete_children(st, &row.physical_id).await
    } else {
        plugins::delete(&ctx, &row.type_name, &row.physical_id, &row.data).await
    };
    match result {
        Ok(()) => record(st, row, save, "DELETE", COMPLETE, "state changed").await,
        Err(f) => {
            let reason = f.reason(&row.name);
            record(st, row, save, "DELETE", FAILED, &reason).await?;
            Err(format!("Resource DELETE failed: {reason}"))
        }
    }
}

/// A status change of the row, or only its event when the row itself has
/// moved on (the old half of a replacement).
async fn record(
    st: &AppState,
    row: &mut ResourceRow,
    save: bool,
    action: &str,
    status: &str,
    reason: &str,
) -> Result<(), String> {
    if save {
        return save_status(st, row, action, status, reason).await;
    }
    let (copy, a, s, r) = (
        row.clone(),
        action.to_owned(),
        status.to_owned(),
        reason.to_owned(),
    );
    st.db
        .call(move |c| store::resource_event(c, &copy, &a, &s, &r))
        .await
        .map_err(|e| format!("Error: {e}"))
}

/// Deletes every resource, dependents before what they depend on.
async fn delete_all(st: &AppState, cloud: &Cloud, stack: &StackRow) -> Result<(), String> {
    let existing = rows(st, &stack.id).await?;
    let deps = Plan::new(&stack.template, &stack.parameters)
        .map(|p| p.deps)
        .unwrap_or_default();
    let graph = reverse(&deps, existing.keys().cloned());
    let stack = Arc::new(stack.clone());
    walk_graph(graph, |name| {
        let (st, cloud, stack) = (st.clone(), cloud.clone(), Arc::clone(&stack));
        let row = existing.get(&name).cloned();
        async move {
            match row {
                Some(mut row) => delete_one(&st, &cloud, &stack, &mut row).await,
                None => Ok(()),
            }
        }
    })
    .await
}

/// The graph with its edges turned around, over `nodes` (resources that
/// are in the database but no longer in the template depend on nothing).
fn reverse(
    deps: &[(String, Vec<String>)],
    nodes: impl Iterator<Item = String>,
) -> Vec<(String, Vec<String>)> {
    let mut reversed: BTreeMap<String, Vec<String>> = nodes.map(|n| (n, Vec::new())).collect();
    let present: HashSet<String> = reversed.keys().cloned().collect();
    for (node, needs) in deps.iter().filter(|(n, _)| present.contains(n)) {
        for need in needs {
            if let Some(list) = reversed.get_mut(need) {
                list.push(node.clone());
            }
        }
    }
    reversed.into_iter().collect()
}

async fn suspend_all(
    st: &AppState,
    cloud: &Cloud,
    stack: &StackRow,
    suspend: bool,
) -> Result<(), String> {
    let existing = rows(st, &stack.id).await?;
    let deps = Plan::new(&stack.template, &stack.parameters)
        .map(|p| p.deps)
        .unwrap_or_default();
    // Suspend goes in delete order, resume in create order.
    let graph = if suspend {
        reverse(&deps, existing.keys().cloned())
    } else {
        deps.into_iter()
            .filter(|(n, _)| existing.contains_key(n))
            .collect()
    };
    let action = if suspend { "SUSPEND" } else { "RESUME" };
    let stack = Arc::new(stack.clone());
    walk_graph(graph, |name| {
        let (st, cloud, stack) = (st.clone(), cloud.clone(), Arc::clone(&stack));
        let row = existing.get(&name).cloned();
        async move {
            let Some(mut row) = row else { return Ok(()) };
            save_status(&st, &mut row, action, IN_PROGRESS, "state changed").await?;
            let ctx = Ctx::new(&cloud, &stack.name, &row.name);
            let result = if plugins::is_nested(&row.type_name) {
                nested(
                    &st,
                    &row.physical_id,
                    if suspend { Op::Suspend } else { Op::Resume },
                )
                .await
            } else {
                plugins::suspend(&ctx, &row.type_name, &row.physical_id, suspend).await
            };
            match result {
                Ok(()) => save_status(&st, &mut row, action, COMPLETE, "state changed").await,
                Err(f) => {
                    let reason = f.reason(&row.name);
                    save_status(&st, &mut row, action, FAILED, &reason).await?;
                    Err(format!("Resource {action} failed: {reason}"))
                }
            }
        }
    })
    .await
}

/// Checks every resource at once; the stack fails if any does.
async fn check_all(st: &AppState, cloud: &Cloud, stack: &StackRow) -> Result<(), String> {
    let existing = rows(st, &stack.id).await?;
    let mut tasks = JoinSet::new();
    for mut row in existing.into_values() {
        let (st, cloud, stack_name) = (st.clone(), cloud.clone(), stack.name.clone());
        tasks.spawn(async move {
            save_status(&st, &mut row, "CHECK", IN_PROGRESS, "state changed").await?;
            let ctx = Ctx::new(&cloud, &stack_name, &row.name);
            let result = if plugins::is_nested(&row.type_name) {
                nested(&st, &row.physical_id, Op::Check).await
            } else {
                plugins::check(&ctx, &row.type_name, &row.physical_id, &row.data).await
            };
            match result {
                Ok(()) => save_status(&st, &mut row, "CHECK", COMPLETE, "state changed").await,
                Err(f) => {
                    let reason = f.reason(&row.name);
                    save_status(&st, &mut row, "CHECK", FAILED, &reason).await?;
                    Err(format!("Resource CHECK failed: {reason}"))
                }
            }
        });
    }
    let mut failures = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Err(reason)) => failures.push(reason),
            Err(e) => failures.push(format!("Error: {e}")),
            Ok(Ok(())) => {}
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        failures.sort();
        Err(failures.join("; "))
    }
}

// ---------------------------------------------------------------------------
// Nested stacks (OS::Heat::ResourceGroup)

/// The nested template of a group: members "0".."count-1", each the
/// resource definition with the index variable replaced.
fn group_template(props: &Map<String, Value>) -> Value {
    let count = props.get("count").and_then(Value::as_u64).unwrap_or(1);
    let index_var = props
        .get("index_var")
        .and_then(Value::as_str)
        .unwrap_or("%index%")
        .to_owned();
    let def = props.get("resource_def").cloned().unwrap_or(Value::Null);
    let mut resources = Map::new();
    for i in 0..count {
        let member = replace_index(&def, &index_var, &i.to_string());
        let mut entry = Map::new();
        entry.insert("type".into(), member["type"].clone());
        for key in ["properties", "metadata"] {
            if let Some(v) = member.get(key).filter(|v| !v.is_null()) {
                entry.insert(key.into(), v.clone());
            }
        }
        resources.insert(i.to_string(), Value::Object(entry));
    }
    json!({"heat_template_version": "2015-04-30", "resources": resources})
}

fn replace_index(value: &Value, var: &str, index: &str) -> Value {
    match value {
        Value::String(s) => Value::String(s.replace(var, index)),
        Value::Array(l) => Value::Array(l.iter().map(|v| replace_index(v, var, index)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), replace_index(v, var, index)))
                .collect(),
        ),
        other => other.clone(),
    }
}

async fn create_group(
    st: &AppState,
    _cloud: &Cloud,
    stack: &StackRow,
    row: &mut ResourceRow,
    props: &Map<String, Value>,
) -> Result<(), Failure> {
    let template = group_template(props);
    Plan::new(&template, &Map::new())
        .and_then(|p| p.validate_resources())
        .map_err(|e| Failure::new(e.kind, e.message))?;
    let suffix: String = uuid::Uuid::new_v4().simple().to_string()[..12].to_owned();
    let child = StackRow {
        id: uuid::Uuid::new_v4().to_string(),
        name: format!("{}-{}-{suffix}", stack.name, row.name),
        project_id: stack.project_id.clone(),
        user_id: stack.user_id.clone(),
        owner_name: stack.owner_name.clone(),
        parent_id: Some(stack.id.clone()),
        parent_resource: Some(row.name.clone()),
        action: "CREATE".into(),
        status: IN_PROGRESS.into(),
        status_reason: "Stack CREATE started".into(),
        template,
        environment: json!({}),
        parameters: Map::new(),
        timeout_mins: None,
        disable_rollback: true,
        tags: None,
        created_at: now_micros(),
        updated_at: None,
        deleted_at: None,
    };
    row.physical_id = child.id.clone();
    save_row(st, row)
        .await
        .map_err(|e| Failure::new("Error", e))?;
    let saved = child.clone();
    st.db
        .call(move |c| {
            store::insert_stack(c, &saved)?;
            store::set_stack_status(c, &saved.id, "CREATE", IN_PROGRESS, "Stack CREATE started")
        })
        .await
        .map_err(|e| Failure::new("Error", e.to_string()))?;
    nested(st, &child.id, Op::Create).await?;
    refresh_group(st, row).await
}

async fn update_group(
    st: &AppState,
    _cloud: &Cloud,
    _stack: &StackRow,
    row: &mut ResourceRow,
    props: &Map<String, Value>,
) -> Result<(), Failure> {
    let template = group_template(props);
    Plan::new(&template, &Map::new())
        .and_then(|p| p.validate_resources())
        .map_err(|e| Failure::new(e.kind, e.message))?;
    let child_id = row.physical_id.clone();
    let id = child_id.clone();
    st.db
        .call(move |c| {
            if let Some(mut child) = store::load_stack(c, &id)? {
                child.template = template;
                child.updated_at = Some(now_micros());
                store::save_stack_definition(c, &child)?;
                store::set_stack_status(c, &id, "UPDATE", IN_PROGRESS, "Stack UPDATE started")?;
            }
            Ok(())
        })
        .await
        .map_err(|e| Failure::new("Error", e.to_string()))?;
    nested(st, &child_id, Op::Update).await?;
    refresh_group(st, row).await
}

/// Runs an operation on a nested stack inline, as part of its parent's.
async fn nested(st: &AppState, child_id: &str, op: Op) -> Result<(), Failure> {
    if op != Op::Create && op != Op::Update {
        let (id, action) = (child_id.to_owned(), op.action());
        let reason = format!("Stack {action} started");
        st.db
            .call(move |c| store::set_stack_status(c, &id, action, IN_PROGRESS, &reason))
            .await
            .map_err(|e| Failure::new("Error", e.to_string()))?;
    }
    run(st, child_id, op)
        .await
        .map_err(|e| Failure::new("Error", e.to_string()))?;
    let child = load(st, child_id)
        .await
        .map_err(|e| Failure::new("Error", e.to_string()))?;
    match child {
        Some(c) if c.status == FAILED => Err(Failure::new("Error", c.status_reason)),
        _ => Ok(()),
    }
}

async fn delete_children(st: &AppState, child_id: &str) -> Result<(), Failure> {
    let exists = load(st, child_id)
        .await
        .map_err(|e| Failure::new("Error", e.to_string()))?
        .is_some_and(|c| c.deleted_at.is_none());
    if exists {
        nested(st, child_id, Op::Delete).await?;
    }
    Ok(())
}

/// Copies the members' references and attributes into the group's data.
async fn refresh_group(st: &AppState, row: &mut ResourceRow) -> Result<(), Failure> {
    let members = rows(st, &row.physical_id)
        .await
        .map_err(|e| Failure::new("Error", e))?;
    let mut members: Vec<(usize, ResourceRow)> = members
        .into_values()
        .filter_map(|r| r.name.parse::<usize>().ok().map(|i| (i, r)))
        .collect();
    members.sort_by_key(|(i, _)| *i);
    let refs: Vec<Value> = members.iter().map(|(_, r)| r.reference()).collect();
    let refs_map: Map<String, Value> = members
        .iter()
        .map(|(i, r)| (i.to_string(), r.reference()))
        .collect();
    let member_data: Vec<Value> = members
        .iter()
        .map(|(_, r)| json!({"ref": r.reference(), "attributes": r.data["attributes"]}))
        .collect();
    row.data = json!({
        "members": member_data,
        "attributes": {"refs": refs, "refs_map": refs_map, "removed_rsrc_list": []},
    });
    save_row(st, row)
        .await
        .map_err(|e| Failure::new("Error", e))
}

/// The resources of a plan that an update would add, change or remove,
/// for `PUT .../preview`.
pub fn preview_changes(
    stack: &StackRow,
    plan: &Plan,
    rows: &HashMap<String, ResourceRow>,
) -> BTreeMap<&'static str, Vec<String>> {
    let mut out: BTreeMap<&'static str, Vec<String>> =
        ["added", "deleted", "replaced", "unchanged", "updated"]
            .into_iter()
            .map(|k| (k, Vec::new()))
            .collect();
    for name in &plan.enabled {
        let Some(def) = plan.resource(name) else {
            continue;
        };
        let key = match resolve_properties(stack, plan, rows.clone(), def) {
            Ok(props) => match classify(rows.get(name), def, &props) {
                Change::Add => "added",
                Change::Unchanged => "unchanged",
                Change::Update => "updated",
                Change::Replace => "replaced",
            },
            // Not resolvable yet (depends on something new): Heat shows it
            // as updated.
            Err(_) if rows.contains_key(name) => "updated",
            Err(_) => "added",
        };
        out.entry(key).or_default().push(name.clone());
    }
    for name in rows.keys() {
        if !plan.enabled.contains(name) {
            out.entry("deleted").or_default().push(name.clone());
        }
    }
    out
}

/// Outputs, evaluated now: `(key, description, value or error)`.
pub fn outputs(
    stack: &StackRow,
    plan: &Plan,
    rows: HashMap<String, ResourceRow>,
) -> Vec<(String, Option<String>, Result<Value, String>)> {
    let snapshot = Snapshot { stack, plan, rows };
    plan.template
        .outputs
        .iter()
        .map(|o| {
            let value = match template::condition_holds(o.condition.as_ref(), &plan.conditions) {
                Ok(false) => Ok(Value::Null),
                Ok(true) => template::resolve(&o.value, &plan.template.version, &snapshot)
                    .map_err(|e| e.message),
                Err(e) => Err(e.message),
            };
            (o.name.clone(), o.description.clone(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_follows_maps_and_lists() {
        let v = json!({"net": ["10.0.0.5", "fd00::5"]});
        assert_eq!(walk(&v, &[json!("net"), json!(1)]), json!("fd00::5"));
        assert_eq!(walk(&v, &[json!("net"), json!("0")]), json!("10.0.0.5"));
        assert_eq!(walk(&v, &[json!("nope")]), Value::Null);
    }

    #[test]
    fn group_template_numbers_its_members() {
        let props = json!({"count": 2, "resource_def": {"type": "OS::Heat::Value",
            "properties": {"value": "web-%index%"}}});
        let t = group_template(props.as_object().unwrap());
        assert_eq!(t["resources"]["0"]["properties"]["value"], "web-0");
        assert_eq!(t["resources"]["1"]["properties"]["value"], "web-1");
    }

    #[test]
    fn group_attributes_reach_members() {
        let mut row = ResourceRow::new("s", "g", "OS::Heat::ResourceGroup");
        row.data = json!({"members": [
            {"ref": "a", "attributes": {"first_address": "10.0.0.1"}},
            {"ref": "b", "attributes": {"first_address": "10.0.0.2"}}],
            "attributes": {"refs": ["a", "b"]}});
        assert_eq!(group_attribute(&row, "refs", &[]), json!(["a", "b"]));
        assert_eq!(
            group_attribute(&row, "attributes", &[json!("first_address")]),
            json!(["10.0.0.1", "10.0.0.2"])
        );
        assert_eq!(group_attribute(&row, "resource.1", &[]), json!("b"));
        assert_eq!(
            group_attribute(&row, "resource.0.first_address", &[]),
            json!("10.0.0.1")
        );
        assert_eq!(
            group_attribute(&row, "resource.1", &[json!("first_address")]),
            json!("10.0.0.2")
        );
    }

    #[test]
    fn reversed_graph_deletes_dependents_first() {
        let deps = vec![
            ("net".to_owned(), vec![]),
            ("subnet".to_owned(), vec!["net".to_owned()]),
            (
                "server".to_owned(),
                vec!["subnet".to_owned(), "net".to_owned()],
            ),
        ];
        let r: BTreeMap<_, _> = reverse(
            &deps,
            ["net", "subnet", "server"].map(String::from).into_iter(),
        )
        .into_iter()
        .collect();
        assert_eq!(r["net"], vec!["subnet".to_owned(), "server".to_owned()]);
        assert_eq!(r["server"], Vec::<String>::new());
    }

    #[tokio::test]
    async fn graph_walk_runs_in_dependency_order_and_stops_on_failure() {
        let order = Arc::new(Mutex::new(Vec::new()));
        let graph = vec![
            ("a".to_owned(), vec![]),
            ("b".to_owned(), vec!["a".to_owned()]),
            ("c".to_owned(), vec!["b".to_owned()]),
        ];
        let seen = Arc::clone(&order);
        walk_graph(graph.clone(), move |n| {
            let seen = Arc::clone(&seen);
            async move {
                seen.lock().unwrap().push(n);
                Ok(())
            }
        })
        .await
        .unwrap();
        assert_eq!(*order.lock().unwrap(), ["a", "b", "c"]);

        let started = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&started);
        let result = walk_graph(graph, move |n| {
            let seen = Arc::clone(&seen);
            async move {
                seen.lock().unwrap().push(n.clone());
                if n == "b" {
                    Err("b broke".to_owned())
                } else {
                    Ok(())
                }
            }
        })
        .await;
        assert_eq!(result, Err("b broke".to_owned()));
        assert_eq!(*started.lock().unwrap(), ["a", "b"]);
    }
}
