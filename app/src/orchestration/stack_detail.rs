//! One stack: topology, overview, resources, events, outputs, template,
//! with its actions (suspend, resume, check, delete) and an update panel.
//! While Heat is working on the stack the page refreshes every 2 s.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
#[cfg(feature = "hydrate")]
use leptos_router::hooks::use_navigate;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::graph::{short_type, GraphNode, TopologyGraph};
use super::status::{in_progress, StackStatusBadge};
use crate::compute::ConfirmPanel;
use crate::error::AppError;
use crate::i18n::{tr_count, tr_dynamic, tr_dynamic_args};
use crate::ui::{
    error_text, fetched, query_string, ErrorBanner, Loading, BUTTON, CARD, TABLE, TD, TH,
};

/// What Heat shows instead of a hidden parameter's value.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub const MASK: &str = "******";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceRow {
    pub name: String,
    pub kind: String,
    pub physical_id: String,
    pub status: String,
    pub reason: String,
    pub updated: String,
    /// The group (in the stack) this resource is a member of, for the
    /// resources of nested stacks.
    pub parent: Option<String>,
    /// Names of the resources (of the same stack) that depend on this one.
    pub required_by: Vec<String>,
    /// The stack the resource belongs to: a nested one for members.
    pub stack_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParamRow {
    pub name: String,
    /// As Heat shows it; [`MASK`] for hidden ones.
    pub value: String,
    pub hidden: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutputRow {
    pub key: String,
    pub description: String,
    /// Text as it is, anything else as pretty-printed JSON.
    pub value: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackView {
    pub id: String,
    pub name: String,
    pub status: String,
    pub reason: String,
    pub description: String,
    pub created: String,
    pub updated: String,
    pub timeout_mins: Option<u32>,
    pub rollback: bool,
    pub parameters: Vec<ParamRow>,
    pub outputs: Vec<OutputRow>,
    /// Top-level resources by name, each followed by its members.
    pub resources: Vec<ResourceRow>,
    /// `(dependency, dependent)` indices into `resources`.
    pub edges: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: String,
    /// Heat's time, for ordering.
    pub at: String,
    /// The time in the user's zone and language.
    pub time: String,
    pub resource: String,
    pub status: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub items: Vec<EventRow>,
    /// The marker of the next (older) page, if there is one.
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceInfo {
    pub name: String,
    pub kind: String,
    pub status: String,
    pub reason: String,
    pub physical_id: String,
    pub description: String,
    pub created: String,
    pub updated: String,
    pub required_by: Vec<String>,
    pub attributes: Vec<(String, String)>,
    /// `(rel, href)`.
    pub links: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateForm {
    pub template: String,
    pub parameters: Vec<ParamRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdatePreviewView {
    pub added: Vec<PreviewRow>,
    pub updated: Vec<PreviewRow>,
    pub replaced: Vec<PreviewRow>,
    pub deleted: Vec<PreviewRow>,
    pub unchanged: Vec<PreviewRow>,
}

// ---------------------------------------------------------------------
// Pure helpers

/// Dependency edges from Heat's `required_by`: `(i, j)` when resource `j`
/// requires resource `i`. Names are looked up within the same stack, so
/// members of different groups may share names.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn dependency_edges(rows: &[ResourceRow]) -> Vec<(usize, usize)> {
    let mut edges = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        for dependent in &r.required_by {
            if let Some(j) = rows
                .iter()
                .position(|o| o.stack_id == r.stack_id && &o.name == dependent)
            {
                if i != j && !edges.contains(&(i, j)) {
                    edges.push((i, j));
                }
            }
        }
    }
    edges
}

/// `"10"` after `"9"`: members of a group are numbered.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn natural_key(name: &str) -> (usize, &str) {
    if name.chars().all(|c| c.is_ascii_digit()) {
        (name.len(), name)
    } else {
        (usize::MAX, name)
    }
}

/// Top-level resources by name, each followed by its members (in number
/// order); members whose group is not listed come last.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn order_resources(rows: Vec<ResourceRow>) -> Vec<ResourceRow> {
    let (mut top, mut members): (Vec<ResourceRow>, Vec<ResourceRow>) =
        rows.into_iter().partition(|r| r.parent.is_none());
    top.sort_by(|a, b| a.name.cmp(&b.name));
    members.sort_by(|a, b| natural_key(&a.name).cmp(&natural_key(&b.name)));
    let mut out = Vec::with_capacity(top.len() + members.len());
    for t in top {
        let name = t.name.clone();
        out.push(t);
        let (mine, rest): (Vec<ResourceRow>, Vec<ResourceRow>) = members
            .into_iter()
            .partition(|m| m.parent.as_deref() == Some(name.as_str()));
        out.extend(mine);
        members = rest;
    }
    out.extend(members);
    out
}

/// Newest first; events of the same moment keep Heat's order.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn newest_first(events: &mut [EventRow]) {
    events.sort_by(|a, b| match (parse_time(&a.at), parse_time(&b.at)) {
        (Some(x), Some(y)) => y.cmp(&x),
        _ => b.at.cmp(&a.at),
    });
}

/// Heat's times: RFC 3339, or without a zone (UTC).
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn parse_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{DateTime, NaiveDateTime, Utc};
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// A parameter or output value as text: strings as they are, anything
/// else as (pretty) JSON.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn value_text(value: &Value, pretty: bool) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other if pretty => serde_json::to_string_pretty(other).unwrap_or_default(),
        other => other.to_string(),
    }
}

/// The stack's parameters as shown, without the `OS::stack_id`-style
/// pseudo parameters.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn param_rows(params: &serde_json::Map<String, Value>) -> Vec<ParamRow> {
    params
        .iter()
        .filter(|(k, _)| !k.starts_with("OS::") && !k.starts_with("AWS::"))
        .map(|(k, v)| {
            let value = value_text(v, false);
            ParamRow {
                hidden: value == MASK,
                name: k.clone(),
                value,
            }
        })
        .collect()
}

/// The parameters of a PATCH: those the user changed. A hidden parameter
/// left empty keeps its value; one typed in is sent.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn changed_parameters(
    current: &[ParamRow],
    form: &[(String, String)],
) -> Vec<(String, String)> {
    form.iter()
        .filter(
            |(name, value)| match current.iter().find(|p| &p.name == name) {
                Some(p) if p.hidden => !value.is_empty(),
                Some(p) => p.value != *value,
                None => true,
            },
        )
        .cloned()
        .collect()
}

/// How an update is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub struct UpdatePlan {
    /// PATCH (parameters not sent keep their values) rather than PUT.
    pub patch: bool,
    pub parameters: Vec<(String, String)>,
}

/// An unchanged template is a PATCH of the changed parameters. A new
/// template is a PUT with every parameter, unless a hidden one was left
/// empty: its value is unknown here, so only a PATCH can keep it.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn update_plan(
    template_changed: bool,
    current: &[ParamRow],
    form: &[(String, String)],
) -> UpdatePlan {
    let hidden_kept = form.iter().any(|(name, value)| {
        value.is_empty() && current.iter().any(|p| &p.name == name && p.hidden)
    });
    if !template_changed || hidden_kept {
        UpdatePlan {
            patch: true,
            parameters: changed_parameters(current, form),
        }
    } else {
        UpdatePlan {
            patch: false,
            parameters: form.to_vec(),
        }
    }
}

/// The parameters for a preview (PUT semantics): all but hidden ones
/// left empty, which then take their defaults.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn preview_parameters(
    current: &[ParamRow],
    form: &[(String, String)],
) -> Vec<(String, String)> {
    form.iter()
        .filter(|(name, value)| {
            !(value.is_empty() && current.iter().any(|p| &p.name == name && p.hidden))
        })
        .cloned()
        .collect()
}

/// The parameter a Heat message is about: `The Parameter (x) was not
/// provided.`, `Parameter 'x' is invalid: …`.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn parameter_in_message(message: &str) -> Option<String> {
    let between = |start: &str, end: char| {
        let at = message.find(start)? + start.len();
        let rest = &message[at..];
        let stop = rest.find(end)?;
        Some(rest[..stop].to_string()).filter(|s| !s.is_empty())
    };
    between("Parameter (", ')').or_else(|| between("Parameter '", '\''))
}

/// A JSON value (a template Heat has parsed) as YAML text; multi-line
/// strings (scripts) come out as literal blocks.
#[cfg(feature = "ssr")]
pub fn to_yaml(value: &Value) -> String {
    serde_yaml::to_string(value).unwrap_or_else(|_| value.to_string())
}

// ---------------------------------------------------------------------
// Server functions

#[cfg(feature = "ssr")]
fn when(text: &Option<String>, prefs: &crate::model::Prefs) -> String {
    match text {
        Some(t) => parse_time(t)
            .map(|t| crate::format::format_datetime(t, &prefs.language, &prefs.timezone))
            .unwrap_or_else(|| t.clone()),
        None => String::new(),
    }
}

/// A 400 from Heat about the update: at the parameter it names, if the
/// form has it, else at the template.
#[cfg(feature = "ssr")]
fn refused_update(err: openstack::Error, form: &[(String, String)]) -> AppError {
    match err {
        openstack::Error::BadRequest { message } => {
            let field = parameter_in_message(&message)
                .filter(|p| form.iter().any(|(n, _)| n == p))
                .map_or_else(|| "template".to_string(), |p| format!("param-{p}"));
            AppError::Refused { field, message }
        }
        other => other.into(),
    }
}

/// The stack with its parameters, outputs and resources (those of nested
/// stacks one level down too), and the dependencies between them.
#[server(endpoint = "stack_detail")]
pub async fn stack_detail(name: String, id: String) -> Result<StackView, AppError> {
    use openstack::orchestration as heat;
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let (stack, resources) = tokio::join!(
        heat::get_stack_by_id(&api, &name, &id),
        heat::list_resources(&api, &name, &id, Some(1)),
    );
    let stack = stack?;
    // A stack being deleted loses its resources first.
    let resources = match resources {
        Ok(r) => r,
        Err(openstack::Error::NotFound { .. }) => Vec::new(),
        Err(e) => return Err(e.into()),
    };
    let rows = resources
        .into_iter()
        .map(|r| {
            let nested = r.stack_id.as_deref().is_some_and(|s| s != stack.id);
            let parent = if r.stack_id.is_some() {
                r.parent_resource.clone().filter(|_| nested)
            } else {
                r.parent_resource.clone()
            };
            ResourceRow {
                updated: when(&r.updated_time.clone().or(r.creation_time.clone()), &prefs),
                physical_id: r.physical_resource_id.unwrap_or_default(),
                reason: r.resource_status_reason.unwrap_or_default(),
                stack_id: r.stack_id.unwrap_or_else(|| stack.id.clone()),
                kind: r.resource_type,
                status: r.resource_status,
                required_by: r.required_by,
                name: r.resource_name,
                parent,
            }
        })
        .collect();
    let resources = order_resources(rows);
    let edges = dependency_edges(&resources);
    Ok(StackView {
        reason: stack.stack_status_reason.clone().unwrap_or_default(),
        description: stack.description.clone().unwrap_or_default(),
        created: when(&stack.creation_time, &prefs),
        updated: when(&stack.updated_time, &prefs),
        timeout_mins: stack.timeout_mins,
        rollback: !stack.disable_rollback.unwrap_or(true),
        parameters: stack
            .parameters
            .as_ref()
            .map(param_rows)
            .unwrap_or_default(),
        outputs: stack
            .outputs
            .unwrap_or_default()
            .into_iter()
            .map(|o| OutputRow {
                value: value_text(&o.output_value, true),
                description: o.description.unwrap_or_default(),
                key: o.output_key,
                error: o.output_error,
            })
            .collect(),
        resources,
        edges,
        status: stack.stack_status,
        name: stack.stack_name,
        id: stack.id,
    })
}

/// One page of the stack's events, newest first; `marker` is the last
/// event of the page before.
#[server(endpoint = "stack_events")]
pub async fn stack_events(name: String, id: String, marker: String) -> Result<EventPage, AppError> {
    use openstack::orchestration::{self as heat, EventFilter};
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let limit = (prefs.page_size > 0).then_some(prefs.page_size);
    let filter = EventFilter {
        // One more than shown, to know whether there is an older page.
        limit: limit.map(|l| l + 1),
        marker: Some(marker).filter(|m| !m.is_empty()),
        sort_dir: Some("desc".into()),
        ..Default::default()
    };
    let mut events = heat::list_events(&api, &name, &id, &filter).await?;
    let next = match limit {
        Some(l) if events.len() > l as usize => {
            events.truncate(l as usize);
            events.last().map(|e| e.id.clone())
        }
        _ => None,
    };
    let mut items: Vec<EventRow> = events
        .into_iter()
        .map(|e| EventRow {
            time: when(&Some(e.event_time.clone()), &prefs),
            at: e.event_time,
            resource: e.resource_name,
            status: e.resource_status,
            reason: e.resource_status_reason.unwrap_or_default(),
            id: e.id,
        })
        .collect();
    newest_first(&mut items);
    Ok(EventPage { items, next })
}

/// The template as Heat stored it, as YAML.
#[server(endpoint = "stack_template")]
pub async fn stack_template(name: String, id: String) -> Result<String, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let template = openstack::orchestration::get_stack_template(&api, &name, &id).await?;
    Ok(to_yaml(&template))
}

/// One resource with its attributes; `parent` names the group whose
/// nested stack holds it (empty for the stack's own resources).
#[server(endpoint = "stack_resource_detail")]
pub async fn resource_detail(
    name: String,
    id: String,
    resource: String,
    parent: String,
) -> Result<ResourceInfo, AppError> {
    use openstack::orchestration as heat;
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let r = if parent.is_empty() {
        heat::get_resource(&api, &name, &id, &resource).await?
    } else {
        let group = heat::get_resource(&api, &name, &id, &parent).await?;
        let (nested_name, nested_id) = group.nested_stack().ok_or(AppError::NotFound)?;
        heat::get_resource(&api, &nested_name, &nested_id, &resource).await?
    };
    Ok(ResourceInfo {
        created: when(&r.creation_time, &prefs),
        updated: when(&r.updated_time, &prefs),
        attributes: r
            .attributes
            .unwrap_or_default()
            .iter()
            .map(|(k, v)| (k.clone(), value_text(v, true)))
            .collect(),
        links: r.links.into_iter().map(|l| (l.rel, l.href)).collect(),
        physical_id: r.physical_resource_id.unwrap_or_default(),
        reason: r.resource_status_reason.unwrap_or_default(),
        description: r.description.unwrap_or_default(),
        required_by: r.required_by,
        kind: r.resource_type,
        status: r.resource_status,
        name: r.resource_name,
    })
}

/// Suspend, resume, check or delete the stack.
#[server(endpoint = "stack_run_action")]
pub async fn run_stack_action(name: String, id: String, action: String) -> Result<(), AppError> {
    use openstack::orchestration::{self as heat, StackAction};
    let action = match action.as_str() {
        "suspend" => Some(StackAction::Suspend),
        "resume" => Some(StackAction::Resume),
        "check" => Some(StackAction::Check),
        "delete" => None,
        _ => return Err(AppError::invalid("action", "stack-detail-action-unknown")),
    };
    let (_, api) = crate::ssr::session::require().await?;
    match action {
        Some(a) => heat::stack_action(&api, &name, &id, a).await?,
        None => heat::delete_stack(&api, &name, &id).await?,
    }
    Ok(())
}

/// What the update panel starts from: the template and the parameters.
#[server(endpoint = "stack_update_form")]
pub async fn detail_update_form(name: String, id: String) -> Result<UpdateForm, AppError> {
    use openstack::orchestration as heat;
    let (_, api) = crate::ssr::session::require().await?;
    let (template, stack) = tokio::join!(
        heat::get_stack_template(&api, &name, &id),
        heat::get_stack_by_id(&api, &name, &id),
    );
    Ok(UpdateForm {
        template: to_yaml(&template?),
        parameters: stack?
            .parameters
            .as_ref()
            .map(param_rows)
            .unwrap_or_default(),
    })
}

/// What an update would change. `template` is `None` when unchanged.
#[server(endpoint = "stack_preview_update", input = leptos::server_fn::codec::Json)]
pub async fn detail_preview_update(
    name: String,
    id: String,
    template: Option<String>,
    parameters: Vec<(String, String)>,
) -> Result<UpdatePreviewView, AppError> {
    use openstack::orchestration::{self as heat, StackCreate};
    if template.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(AppError::invalid(
            "template",
            "stack-detail-template-required",
        ));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let stack = heat::get_stack_by_id(&api, &name, &id).await?;
    let current = stack
        .parameters
        .as_ref()
        .map(param_rows)
        .unwrap_or_default();
    let template = match template {
        Some(text) => Value::String(text),
        None => heat::get_stack_template(&api, &name, &id).await?,
    };
    let body = StackCreate {
        template: Some(template),
        parameters: preview_parameters(&current, &parameters)
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
        ..Default::default()
    };
    let preview = heat::preview_update(&api, &name, &id, &body)
        .await
        .map_err(|e| refused_update(e, &parameters))?;
    let rows = |list: Vec<heat::PreviewResource>| {
        list.into_iter()
            .map(|r| PreviewRow {
                name: r.resource_name,
                kind: r.resource_type,
            })
            .collect()
    };
    Ok(UpdatePreviewView {
        added: rows(preview.added),
        updated: rows(preview.updated),
        replaced: rows(preview.replaced),
        deleted: rows(preview.deleted),
        unchanged: rows(preview.unchanged),
    })
}

/// Updates the stack: see [`update_plan`] for PUT or PATCH.
#[server(endpoint = "stack_update", input = leptos::server_fn::codec::Json)]
pub async fn detail_update_stack(
    name: String,
    id: String,
    template: Option<String>,
    parameters: Vec<(String, String)>,
) -> Result<(), AppError> {
    use openstack::orchestration::{self as heat, StackCreate};
    if template.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err(AppError::invalid(
            "template",
            "stack-detail-template-required",
        ));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let stack = heat::get_stack_by_id(&api, &name, &id).await?;
    let current = stack
        .parameters
        .as_ref()
        .map(param_rows)
        .unwrap_or_default();
    let plan = update_plan(template.is_some(), &current, &parameters);
    let body = StackCreate {
        // Heat parses template text itself, with its own error messages.
        template: template.map(Value::String),
        parameters: plan
            .parameters
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
        ..Default::default()
    };
    let sent = if plan.patch {
        heat::patch_stack(&api, &name, &id, &body).await
    } else {
        heat::update_stack(&api, &name, &id, &body).await
    };
    sent.map_err(|e| refused_update(e, &parameters))
}

// ---------------------------------------------------------------------
// The page

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Topology,
    Overview,
    Resources,
    Events,
    Outputs,
    Template,
}

const TABS: [Tab; 6] = [
    Tab::Topology,
    Tab::Overview,
    Tab::Resources,
    Tab::Events,
    Tab::Outputs,
    Tab::Template,
];

impl Tab {
    fn id(self) -> &'static str {
        match self {
            Tab::Topology => "topology",
            Tab::Overview => "overview",
            Tab::Resources => "resources",
            Tab::Events => "events",
            Tab::Outputs => "outputs",
            Tab::Template => "template",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Tab::Topology => "stack-detail-tab-topology",
            Tab::Overview => "stack-detail-tab-overview",
            Tab::Resources => "stack-detail-tab-resources",
            Tab::Events => "stack-detail-tab-events",
            Tab::Outputs => "stack-detail-tab-outputs",
            Tab::Template => "stack-detail-tab-template",
        }
    }

    fn parse(s: &str) -> Tab {
        TABS.into_iter()
            .find(|t| t.id() == s)
            .unwrap_or(Tab::Topology)
    }
}

fn encode(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// `/project/stacks/{name}/{id}` with a query.
fn stack_href(name: &str, id: &str, query: &[(&str, String)]) -> String {
    let q = query_string(query);
    format!(
        "/project/stacks/{}/{}{}",
        encode(name),
        encode(id),
        if q == "?" { "" } else { q.as_str() }
    )
}

/// The resource's detail in the Resources tab.
fn resource_href(name: &str, id: &str, r: &ResourceRow) -> String {
    stack_href(
        name,
        id,
        &[
            ("tab", "resources".into()),
            ("resource", r.name.clone()),
            ("parent", r.parent.clone().unwrap_or_default()),
        ],
    )
}

const SECONDARY: &str = "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 disabled:opacity-50";
const DANGER: &str = "inline-flex items-center rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600 disabled:opacity-50";
const INPUT: &str = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600 aria-[invalid=true]:border-red-500";

#[component]
pub fn StackDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let name = Memo::new(move |_| params.read().get("name").unwrap_or_default());
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let tab = Memo::new(move |_| Tab::parse(&query.read().get("tab").unwrap_or_default()));
    let stack = Resource::new(move || (name.get(), id.get()), |(n, i)| stack_detail(n, i));
    // Bumped on every live refresh, so the events list follows too.
    let tick = RwSignal::new(0u32);
    // State that outlives a refetch: it lives here, outside the Transitions.
    let deleting = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let updating = RwSignal::new(false);
    let notice = RwSignal::new(None::<&'static str>);
    let error = RwSignal::new(None::<AppError>);
    let run = ServerAction::<RunStackAction>::new();
    Effect::new(move |_| match run.value().get() {
        Some(Ok(())) => {
            stack.refetch();
            tick.update(|t| *t += 1);
        }
        Some(Err(e)) => {
            deleting.set(false);
            notice.set(None);
            error.set(Some(e));
        }
        None => {}
    });
    let dispatch = move |action: &'static str| {
        error.set(None);
        notice.set(Some(match action {
            "suspend" => "stack-detail-suspend-started",
            "resume" => "stack-detail-resume-started",
            "check" => "stack-detail-check-started",
            _ => "stack-detail-delete-started",
        }));
        if action == "delete" {
            deleting.set(true);
            updating.set(false);
        }
        run.dispatch(RunStackAction {
            name: name.get_untracked(),
            id: id.get_untracked(),
            action: action.to_string(),
        });
    };

    // While Heat works on the stack (or it is being deleted), refresh
    // every 2 s. One timer for the page, reading untracked, so a refetch
    // never schedules another; once the deleted stack is gone, back to
    // the list on the next tick.
    #[cfg(feature = "hydrate")]
    {
        let navigate = use_navigate();
        let gone_seen = StoredValue::new(false);
        let timer = set_interval_with_handle(
            move || {
                let state = stack.get_untracked();
                let gone = match &state {
                    Some(Ok(s)) => s.status == "DELETE_COMPLETE",
                    Some(Err(AppError::NotFound)) => true,
                    _ => false,
                };
                if deleting.get_untracked() && gone {
                    if gone_seen.get_value() {
                        navigate("/project/stacks", Default::default());
                    }
                    gone_seen.set_value(true);
                    return;
                }
                let busy = match &state {
                    Some(Ok(s)) => in_progress(&s.status) || deleting.get_untracked(),
                    _ => false,
                };
                if busy {
                    tick.update(|t| *t += 1);
                    stack.refetch();
                }
            },
            std::time::Duration::from_secs(2),
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }

    let on_updated = Callback::new(move |_: ()| {
        updating.set(false);
        error.set(None);
        notice.set(Some("stack-detail-update-started"));
        stack.refetch();
        tick.update(|t| *t += 1);
    });
    let tab_link = move |t: Tab| {
        let class = move || {
            if tab.get() == t {
                "border-b-2 border-sky-700 px-3 py-2 font-medium text-sky-800"
            } else {
                "px-3 py-2 text-slate-600 hover:text-slate-900"
            }
        };
        view! {
            <A href=move || stack_href(&name.get(), &id.get(), &[("tab", t.id().into())])
                attr:class=class attr:data-testid=format!("stack-tab-{}", t.id())
                attr:aria-current=move || (tab.get() == t).then_some("page")>
                {move || tr_dynamic(t.key())}
            </A>
        }
    };

    view! {
        <div class="mb-3">
            <A href="/project/stacks" attr:class="text-sm text-sky-700 underline">{move_tr!("stack-detail-back")}</A>
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let result = stack.await;
                let deleted = match &result {
                    Ok(s) => s.status == "DELETE_COMPLETE",
                    Err(AppError::NotFound) => deleting.get_untracked(),
                    Err(_) => false,
                };
                if deleted {
                    return view! {
                        <div role="status" data-testid="stack-deleted"
                            class="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-sm text-slate-800">
                            <p class="font-medium">{move_tr!("stack-detail-deleted")}</p>
                            <A href="/project/stacks" attr:class="text-sky-700 underline">{move_tr!("stack-detail-back-to-list")}</A>
                        </div>
                    }.into_any();
                }
                fetched(result, move |s| {
                    let status = s.status.clone();
                    let busy = {
                        let status = status.clone();
                        move || in_progress(&status) || run.pending().get() || deleting.get()
                    };
                    let (b1, b2, b3, b4, b5) = (busy.clone(), busy.clone(), busy.clone(), busy.clone(), busy);
                    let suspended = status.starts_with("SUSPEND_") || status == "RESUME_FAILED";
                    let suspend_done = status == "SUSPEND_COMPLETE";
                    let failed = status.ends_with("_FAILED");
                    let reason = s.reason.clone();
                    view! {
                        <div class="mb-3 flex flex-wrap items-center justify-between gap-3">
                            <h1 class="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
                                <span class="break-all" data-testid="stack-name">{s.name.clone()}</span>
                                <span data-testid="stack-status" data-status=status.clone()>
                                    <StackStatusBadge status=status.clone()/>
                                </span>
                            </h1>
                            <div class="flex flex-wrap gap-2" data-testid="stack-actions">
                                <button type="button" class=SECONDARY data-testid="stack-action-update"
                                    aria-expanded=move || updating.get().to_string()
                                    disabled=b1 on:click=move |_| updating.update(|u| *u = !*u)>
                                    {move_tr!("stack-detail-update")}
                                </button>
                                <button type="button" class=SECONDARY data-testid="stack-action-suspend"
                                    disabled=move || b2() || suspend_done
                                    on:click=move |_| dispatch("suspend")>
                                    {move_tr!("stack-detail-suspend")}
                                </button>
                                <button type="button" class=SECONDARY data-testid="stack-action-resume"
                                    disabled=move || b3() || !suspended
                                    on:click=move |_| dispatch("resume")>
                                    {move_tr!("stack-detail-resume")}
                                </button>
                                <button type="button" class=SECONDARY data-testid="stack-action-check"
                                    disabled=b4 on:click=move |_| dispatch("check")>
                                    {move_tr!("stack-detail-check")}
                                </button>
                                <button type="button" class=DANGER data-testid="stack-action-delete"
                                    disabled=b5 on:click=move |_| confirming.set(true)>
                                    {move_tr!("stack-detail-delete")}
                                </button>
                            </div>
                        </div>
                        {(!reason.is_empty()).then(|| if failed {
                            view! {
                                <div role="alert" data-testid="stack-reason"
                                    class="mb-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
                                    <span class="font-medium">{move_tr!("stack-detail-reason")}": "</span>
                                    <span class="break-words">{reason.clone()}</span>
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <p data-testid="stack-reason" class="mb-3 text-sm text-slate-600 break-words">{reason.clone()}</p>
                            }.into_any()
                        })}
                    }.into_any()
                })
            })}
        </Transition>
        {move || confirming.get().then(|| {
            let message = Signal::derive(move || {
                tr_dynamic_args("stack-detail-confirm-delete", &[("name", name.get())])
            });
            view! {
                <ConfirmPanel message names={ Vec::<String>::new() } destructive=true pending=run.pending()
                    on_confirm=Callback::new(move |_| {
                        confirming.set(false);
                        dispatch("delete");
                    })
                    on_cancel=Callback::new(move |_| confirming.set(false))/>
            }
        })}
        {move || notice.get().map(|key| view! {
            <p role="status" class="mb-3 text-sm text-slate-700" data-testid="stack-notice">{move || tr_dynamic(key)}</p>
        })}
        <div class="mb-3"><ErrorBanner error=error/></div>
        {move || updating.get().then(|| view! {
            <UpdatePanel name=name.get_untracked() id=id.get_untracked() on_done=on_updated
                on_close=Callback::new(move |_| updating.set(false))/>
        })}
        <nav class="mb-4 flex flex-wrap gap-1 border-b border-slate-200 text-sm" aria-label=move_tr!("stack-detail-tabs")>
            {TABS.into_iter().map(tab_link).collect_view()}
        </nav>
        {move || match tab.get() {
            Tab::Events => view! { <EventsTab name=name.get() id=id.get() tick/> }.into_any(),
            Tab::Template => view! { <TemplateTab name=name.get() id=id.get()/> }.into_any(),
            t => view! {
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match stack.await {
                            Ok(s) if s.status != "DELETE_COMPLETE" => match t {
                                Tab::Overview => overview(s).into_any(),
                                Tab::Resources => resources_table(s).into_any(),
                                Tab::Outputs => outputs_table(s).into_any(),
                                _ => topology(s).into_any(),
                            },
                            // The header says what went wrong.
                            _ => ().into_any(),
                        }
                    })}
                </Transition>
                {(t == Tab::Resources).then(|| view! { <ResourcePanel name id/> })}
            }.into_any(),
        }}
    }
}

fn topology(s: StackView) -> impl IntoView {
    if s.resources.is_empty() {
        return view! { <p class="text-sm text-slate-600" data-testid="topology-empty">{move_tr!("topology-graph-empty")}</p> }.into_any();
    }
    let nodes: Vec<GraphNode> = s
        .resources
        .iter()
        .map(|r| GraphNode {
            name: r.name.clone(),
            kind: r.kind.clone(),
            status: r.status.clone(),
            href: resource_href(&s.name, &s.id, r),
            parent: r.parent.as_ref().and_then(|p| {
                s.resources
                    .iter()
                    .position(|o| o.parent.is_none() && &o.name == p)
            }),
        })
        .collect();
    let swatch = |class: &'static str, key: &'static str| {
        view! {
            <li class="flex items-center gap-2">
                <span class=format!("inline-block h-3 w-5 rounded border-2 {class}") aria-hidden="true"></span>
                {move || tr_dynamic(key)}
            </li>
        }
    };
    view! {
        <TopologyGraph nodes edges=s.edges.clone()/>
        <section class="mt-3 text-xs text-slate-700" aria-labelledby="topology-legend-title" data-testid="topology-legend">
            <h2 id="topology-legend-title" class="mb-1 font-semibold">{move_tr!("topology-graph-legend")}</h2>
            <ul class="flex flex-wrap gap-x-5 gap-y-1">
                {swatch("border-green-600 bg-green-50", "topology-graph-legend-complete")}
                {swatch("border-amber-500 bg-amber-50", "topology-graph-legend-progress")}
                {swatch("border-red-600 bg-red-50", "topology-graph-legend-failed")}
                {swatch("border-slate-400 bg-slate-50", "topology-graph-legend-other")}
                <li>{move_tr!("topology-graph-legend-arrow")}</li>
                <li>{move_tr!("topology-graph-legend-member")}</li>
            </ul>
            <p class="mt-1 text-slate-500">{move_tr!("topology-graph-help")}</p>
        </section>
    }
    .into_any()
}

fn overview(s: StackView) -> impl IntoView {
    let row = |key: &'static str, value: String, testid: &'static str| {
        view! {
            <div class="grid grid-cols-3 gap-2 py-1.5">
                <dt class="font-medium text-slate-600">{move || tr_dynamic(key)}</dt>
                <dd class="col-span-2 break-words text-slate-900" data-testid=testid>{value}</dd>
            </div>
        }
    };
    let timeout = s.timeout_mins;
    let status = s.status.clone();
    view! {
        <div class="grid gap-4 lg:grid-cols-2" data-testid="stack-overview">
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{move_tr!("stack-detail-tab-overview")}</h2>
                <dl class="divide-y divide-slate-100 text-sm">
                    {row("stack-detail-name", s.name.clone(), "overview-name")}
                    {row("stack-detail-id", s.id.clone(), "overview-id")}
                    {row("stack-detail-description", s.description.clone(), "overview-description")}
                    <div class="grid grid-cols-3 gap-2 py-1.5">
                        <dt class="font-medium text-slate-600">{move_tr!("stack-detail-status")}</dt>
                        <dd class="col-span-2"><StackStatusBadge status/></dd>
                    </div>
                    {row("stack-detail-reason", s.reason.clone(), "overview-reason")}
                    {row("stack-detail-created", s.created.clone(), "overview-created")}
                    {row("stack-detail-updated", s.updated.clone(), "overview-updated")}
                    <div class="grid grid-cols-3 gap-2 py-1.5">
                        <dt class="font-medium text-slate-600">{move_tr!("stack-detail-timeout")}</dt>
                        <dd class="col-span-2" data-testid="overview-timeout">
                            {move || match timeout {
                                Some(m) => tr_count("stack-detail-timeout-minutes", "minutes", i64::from(m)),
                                None => tr_dynamic("stack-detail-no-timeout"),
                            }}
                        </dd>
                    </div>
                    <div class="grid grid-cols-3 gap-2 py-1.5">
                        <dt class="font-medium text-slate-600">{move_tr!("stack-detail-rollback")}</dt>
                        <dd class="col-span-2" data-testid="overview-rollback">{crate::ui::yes_no(s.rollback)}</dd>
                    </div>
                </dl>
            </section>
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{move_tr!("stack-detail-parameters")}</h2>
                {if s.parameters.is_empty() {
                    view! { <p class="text-sm text-slate-600">{move_tr!("stack-detail-no-parameters")}</p> }.into_any()
                } else {
                    view! {
                        <dl class="divide-y divide-slate-100 text-sm" data-testid="stack-parameters">
                            {s.parameters.into_iter().map(|p| { let pname = p.name.clone(); view! {
                                <div class="grid grid-cols-3 gap-2 py-1.5" data-testid="parameter-row" data-name=pname>
                                    <dt class="font-mono text-slate-600 break-all">{p.name}</dt>
                                    <dd class="col-span-2 whitespace-pre-wrap break-all font-mono">{p.value}</dd>
                                </div>
                            }}).collect_view()}
                        </dl>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

fn resources_table(s: StackView) -> impl IntoView {
    if s.resources.is_empty() {
        return view! { <p class="text-sm text-slate-600" data-testid="resources-empty">{move_tr!("stack-detail-no-resources")}</p> }.into_any();
    }
    let (stack_name, stack_id) = (s.name.clone(), s.id.clone());
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class=TABLE data-testid="resources-table">
                <thead class="bg-slate-50">
                    <tr>
                        <th class=TH scope="col">{move_tr!("stack-detail-resource-name")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-resource-type")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-physical-id")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-status")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-reason")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-updated")}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {s.resources.into_iter().map(|r| {
                        let href = resource_href(&stack_name, &stack_id, &r);
                        let member = r.parent.clone();
                        let (row_name, row_parent) = (r.name.clone(), member.clone().unwrap_or_default());
                        view! {
                            <tr data-testid="resource-row" data-name=row_name data-parent=row_parent>
                                <td class=format!("{TD} font-medium")>
                                    <div class:pl-6=member.is_some() class="flex items-start gap-1">
                                        {member.clone().map(|group| view! {
                                            <span aria-hidden="true" class="text-slate-400">"↳"</span>
                                            <span class="sr-only">{move || tr_dynamic_args("stack-detail-member-of", &[("group", group.clone())])}</span>
                                        })}
                                        <A href=href attr:class="break-all text-sky-700 hover:underline" attr:data-testid="resource-link">{r.name}</A>
                                    </div>
                                </td>
                                <td class=format!("{TD} whitespace-nowrap") title=r.kind.clone()>{short_type(&r.kind)}</td>
                                <td class=format!("{TD} break-all font-mono text-xs")>{r.physical_id}</td>
                                <td class=TD><StackStatusBadge status=r.status/></td>
                                <td class=format!("{TD} break-words")>{r.reason}</td>
                                <td class=format!("{TD} whitespace-nowrap")>{r.updated}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The detail of the resource named in the URL (`?resource=&parent=`),
/// under the table. Outside the stack's Transition, so a live refresh of
/// the stack does not reload it.
#[component]
fn ResourcePanel(name: Memo<String>, id: Memo<String>) -> impl IntoView {
    let query = use_query_map();
    let selected = Memo::new(move |_| {
        let q = query.read();
        (
            q.get("resource").unwrap_or_default(),
            q.get("parent").unwrap_or_default(),
        )
    });
    let info = Resource::new(
        move || (name.get(), id.get(), selected.get()),
        |(n, i, (r, p))| async move {
            if r.is_empty() {
                Ok(None)
            } else {
                resource_detail(n, i, r, p).await.map(Some)
            }
        },
    );
    let close = move || stack_href(&name.get(), &id.get(), &[("tab", "resources".into())]);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(info.await, move |found| match found {
                    None => ().into_any(),
                    Some(r) => resource_panel(r, close()).into_any(),
                })
            })}
        </Transition>
    }
}

fn resource_panel(r: ResourceInfo, close: String) -> impl IntoView {
    let title = tr_dynamic_args("stack-detail-resource-title", &[("name", r.name.clone())]);
    let row = |key: &'static str, value: String| {
        view! {
            <div class="grid grid-cols-3 gap-2 py-1.5">
                <dt class="font-medium text-slate-600">{move || tr_dynamic(key)}</dt>
                <dd class="col-span-2 break-all text-slate-900">{value}</dd>
            </div>
        }
    };
    view! {
        <section class=format!("{CARD} mt-4") data-testid="resource-detail" data-name=r.name.clone() aria-labelledby="resource-detail-title">
            <div class="flex items-start justify-between gap-3">
                <h2 id="resource-detail-title" class="break-all font-semibold">{title}</h2>
                <A href=close attr:class="rounded-md border border-slate-300 px-3 py-1 text-sm" attr:data-testid="resource-detail-close">
                    {move_tr!("common-close")}
                </A>
            </div>
            <dl class="mt-2 divide-y divide-slate-100 text-sm">
                {row("stack-detail-resource-type", r.kind.clone())}
                <div class="grid grid-cols-3 gap-2 py-1.5">
                    <dt class="font-medium text-slate-600">{move_tr!("stack-detail-status")}</dt>
                    <dd class="col-span-2"><StackStatusBadge status=r.status.clone()/></dd>
                </div>
                {row("stack-detail-reason", r.reason.clone())}
                {row("stack-detail-physical-id", r.physical_id.clone())}
                {row("stack-detail-description", r.description.clone())}
                {row("stack-detail-created", r.created.clone())}
                {row("stack-detail-updated", r.updated.clone())}
                {row("stack-detail-required-by", r.required_by.join(", "))}
            </dl>
            <h3 class="mb-1 mt-4 text-sm font-semibold">{move_tr!("stack-detail-attributes")}</h3>
            {if r.attributes.is_empty() {
                view! { <p class="text-sm text-slate-600">{move_tr!("stack-detail-no-attributes")}</p> }.into_any()
            } else {
                view! {
                    <div class="overflow-x-auto">
                        <table class=TABLE data-testid="resource-attributes">
                            <thead><tr>
                                <th class=TH scope="col">{move_tr!("stack-detail-attribute")}</th>
                                <th class=TH scope="col">{move_tr!("stack-detail-value")}</th>
                            </tr></thead>
                            <tbody class="divide-y divide-slate-100">
                                {r.attributes.into_iter().map(|(k, v)| { let key = k.clone(); view! {
                                    <tr data-testid="attribute-row" data-key=key>
                                        <td class=format!("{TD} font-mono")>{k}</td>
                                        <td class=TD><pre class="max-h-64 overflow-auto whitespace-pre-wrap break-all font-mono text-xs">{v}</pre></td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            {(!r.links.is_empty()).then(|| view! {
                <h3 class="mb-1 mt-4 text-sm font-semibold">{move_tr!("stack-detail-links")}</h3>
                <ul class="space-y-1 text-xs">
                    {r.links.into_iter().map(|(rel, href)| view! {
                        <li><span class="font-medium">{rel}</span>": "<span class="break-all font-mono">{href}</span></li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

fn outputs_table(s: StackView) -> impl IntoView {
    if s.outputs.is_empty() {
        return view! { <p class="text-sm text-slate-600" data-testid="outputs-empty">{move_tr!("stack-detail-no-outputs")}</p> }.into_any();
    }
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class=TABLE data-testid="outputs-table">
                <thead class="bg-slate-50">
                    <tr>
                        <th class=TH scope="col">{move_tr!("stack-detail-output-key")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-description")}</th>
                        <th class=TH scope="col">{move_tr!("stack-detail-value")}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {s.outputs.into_iter().map(|o| { let key = o.key.clone(); view! {
                        <tr data-testid="output-row" data-key=key>
                            <td class=format!("{TD} font-mono font-medium")>{o.key}</td>
                            <td class=TD>{o.description}</td>
                            <td class=TD>
                                {match o.error {
                                    Some(e) => view! {
                                        <p class="text-sm text-red-700" data-testid="output-error">
                                            <span class="font-medium">{move_tr!("stack-detail-output-error")}": "</span>{e}
                                        </p>
                                    }.into_any(),
                                    None => view! {
                                        <pre class="max-h-64 overflow-auto whitespace-pre-wrap break-all font-mono text-xs" data-testid="output-value">{o.value}</pre>
                                    }.into_any(),
                                }}
                            </td>
                        </tr>
                    }}).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The events, newest first, paged by `?marker=`. The first page follows
/// the live refresh.
#[component]
fn EventsTab(name: String, id: String, tick: RwSignal<u32>) -> impl IntoView {
    let query = use_query_map();
    let marker = Memo::new(move |_| query.read().get("marker").unwrap_or_default());
    let (n, i) = (name.clone(), id.clone());
    let events = Resource::new(
        move || {
            let m = marker.get();
            // Older pages do not change; only the first one is refreshed.
            let t = if m.is_empty() { tick.get() } else { 0 };
            (m, t)
        },
        move |(m, _)| stack_events(n.clone(), i.clone(), m),
    );
    let newest = stack_href(&name, &id, &[("tab", "events".into())]);
    view! {
        <Transition fallback=Loading>
            {move || {
                let (name, id, newest) = (name.clone(), id.clone(), newest.clone());
                Suspend::new(async move {
                    fetched(events.await, move |page| {
                        let older = page.next.clone().map(|m| {
                            stack_href(&name, &id, &[("tab", "events".into()), ("marker", m)])
                        });
                        let list = if page.items.is_empty() {
                            view! { <p class="text-sm text-slate-600" data-testid="events-empty">{move_tr!("stack-detail-no-events")}</p> }.into_any()
                        } else {
                            view! {
                                <ol class="relative space-y-3 border-l border-slate-200 pl-4" data-testid="events-list">
                                    {page.items.into_iter().map(|e| { let (res, st, at) = (e.resource.clone(), e.status.clone(), e.at.clone()); view! {
                                        <li class="relative" data-testid="event-row" data-resource=res data-status=st>
                                            <span aria-hidden="true" class="absolute -left-[1.3rem] top-1.5 h-2 w-2 rounded-full bg-slate-400"></span>
                                            <div class="flex flex-wrap items-center gap-2 text-sm">
                                                <time class="whitespace-nowrap text-slate-600" datetime=at>{e.time}</time>
                                                <span class="break-all font-medium">{e.resource}</span>
                                                <StackStatusBadge status=e.status/>
                                            </div>
                                            {(!e.reason.is_empty()).then(|| view! {
                                                <p class="mt-0.5 break-words text-sm text-slate-700">{e.reason.clone()}</p>
                                            })}
                                        </li>
                                    }}).collect_view()}
                                </ol>
                            }.into_any()
                        };
                        view! {
                            {list}
                            <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                                <A href=newest.clone() attr:class="text-sky-700 underline" attr:data-testid="events-newest">{move_tr!("stack-detail-events-newest")}</A>
                                {older.map(|href| view! {
                                    <A href=href attr:class="text-sky-700 underline" attr:data-testid="events-older">{move_tr!("stack-detail-events-older")}</A>
                                })}
                            </nav>
                        }.into_any()
                    })
                })
            }}
        </Transition>
    }
}

#[component]
fn TemplateTab(name: String, id: String) -> impl IntoView {
    let template = Resource::new(
        move || (name.clone(), id.clone()),
        |(n, i)| stack_template(n, i),
    );
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(template.await, |text| view! {
                    <pre class="max-h-[40rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
                        data-testid="stack-template" tabindex="0" aria-label=move_tr!("stack-detail-tab-template")>{text}</pre>
                }.into_any())
            })}
        </Transition>
    }
}

/// "Update stack": the template and the parameters, a preview of the
/// changes, and the update itself.
#[component]
fn UpdatePanel(
    name: String,
    id: String,
    on_done: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let form = {
        let (n, i) = (name.clone(), id.clone());
        Resource::new(|| (), move |_| detail_update_form(n.clone(), i.clone()))
    };
    view! {
        <section class=format!("{CARD} mb-4") data-testid="update-panel" aria-labelledby="update-title">
            <div class="mb-2 flex items-start justify-between gap-3">
                <h2 id="update-title" class="font-semibold">{move_tr!("stack-detail-update-title")}</h2>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm"
                    on:click=move |_| on_close.run(())>{move_tr!("common-close")}</button>
            </div>
            <Suspense fallback=Loading>
                {move || {
                    let (name, id) = (name.clone(), id.clone());
                    Suspend::new(async move {
                        fetched(form.await, move |f| view! { <UpdateFields form=f name id on_done/> }.into_any())
                    })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn UpdateFields(
    form: UpdateForm,
    name: String,
    id: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let original = StoredValue::new(form.template.clone());
    let template = RwSignal::new(form.template);
    let params = StoredValue::new(form.parameters.clone());
    // Hidden values are unknown: empty means "keep".
    let values = RwSignal::new(
        form.parameters
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    if p.hidden {
                        String::new()
                    } else {
                        p.value.clone()
                    },
                )
            })
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<AppError>);
    let preview = ServerAction::<DetailPreviewUpdate>::new();
    let update = ServerAction::<DetailUpdateStack>::new();
    let shown = RwSignal::new(None::<UpdatePreviewView>);
    Effect::new(move |_| match preview.value().get() {
        Some(Ok(p)) => {
            error.set(None);
            shown.set(Some(p));
        }
        Some(Err(e)) => {
            shown.set(None);
            error.set(Some(e));
        }
        None => {}
    });
    Effect::new(move |_| match update.value().get() {
        Some(Ok(())) => on_done.run(()),
        Some(Err(e)) => error.set(Some(e)),
        None => {}
    });
    let (name, id) = (StoredValue::new(name), StoredValue::new(id));
    // The template only when the user changed it.
    let changed = move || {
        let t = template.get_untracked();
        (t != original.get_value()).then_some(t)
    };
    let checked = move || {
        let t = template.get_untracked();
        if t.trim().is_empty() {
            error.set(Some(AppError::invalid(
                "template",
                "stack-detail-template-required",
            )));
            false
        } else {
            error.set(None);
            true
        }
    };
    let on_preview = move |_| {
        if checked() {
            shown.set(None);
            preview.dispatch(DetailPreviewUpdate {
                name: name.get_value(),
                id: id.get_value(),
                template: changed(),
                parameters: values.get_untracked(),
            });
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checked() {
            update.dispatch(DetailUpdateStack {
                name: name.get_value(),
                id: id.get_value(),
                template: changed(),
                parameters: values.get_untracked(),
            });
        }
    };
    let field_message = move |field: String| {
        move || {
            error
                .get()
                .filter(|e| e.field() == Some(field.as_str()))
                .map(|e| error_text(&e))
        }
    };
    let template_error = field_message("template".into());
    let template_invalid = field_message("template".into());
    let banner = Signal::derive(move || {
        error.get().filter(|e| {
            e.field()
                .is_none_or(|f| f != "template" && !f.starts_with("param-"))
        })
    });
    let busy = move || preview.pending().get() || update.pending().get();
    view! {
        <form class="space-y-4" on:submit=on_submit data-testid="update-form">
            <p class="text-sm text-slate-600">{move_tr!("stack-detail-update-help")}</p>
            <div class="space-y-1">
                <label for="update-template" class="block text-sm font-medium">{move_tr!("stack-detail-template")}</label>
                <textarea id="update-template" rows="16" spellcheck="false" data-testid="update-template"
                    class=format!("{INPUT} font-mono text-xs") aria-describedby="update-template-error"
                    aria-invalid=move || template_invalid().is_some().to_string()
                    prop:value=move || template.get()
                    on:input=move |ev| template.set(event_target_value(&ev))></textarea>
                <p id="update-template-error" role="alert" class="whitespace-pre-wrap text-sm text-red-700">{template_error}</p>
            </div>
            {move || {
                let list = params.get_value();
                (!list.is_empty()).then(|| view! {
                    <fieldset class="space-y-3">
                        <legend class="text-sm font-medium">{move_tr!("stack-detail-parameters")}</legend>
                        {list.into_iter().enumerate().map(|(i, p)| {
                            let input_id = format!("update-param-{}", p.name);
                            let error_id = format!("{input_id}-error");
                            let message = field_message(format!("param-{}", p.name));
                            let invalid = field_message(format!("param-{}", p.name));
                            view! {
                                <div class="space-y-1">
                                    <label for=input_id.clone() class="block font-mono text-sm">{p.name.clone()}</label>
                                    <input id=input_id.clone() data-testid=input_id
                                        type=if p.hidden { "password" } else { "text" }
                                        autocomplete="off"
                                        placeholder=p.hidden.then(|| tr_dynamic("stack-detail-hidden-keep"))
                                        class=INPUT aria-describedby=error_id.clone()
                                        aria-invalid=move || invalid().is_some().to_string()
                                        prop:value=move || values.with(|v| v.get(i).map(|x| x.1.clone()).unwrap_or_default())
                                        on:input=move |ev| values.update(|v| if let Some(x) = v.get_mut(i) { x.1 = event_target_value(&ev) })/>
                                    <p id=error_id role="alert" class="text-sm text-red-700">{message}</p>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                })
            }}
            <ErrorBanner error=banner/>
            <div class="flex flex-wrap gap-2">
                <button type="button" class=SECONDARY data-testid="update-preview" disabled=busy on:click=on_preview>
                    {move_tr!("stack-detail-preview")}
                </button>
                <button type="submit" class=BUTTON data-testid="update-submit" disabled=busy>
                    {move_tr!("stack-detail-update-submit")}
                </button>
            </div>
            {move || shown.get().map(preview_view)}
        </form>
    }
}

fn preview_view(p: UpdatePreviewView) -> impl IntoView {
    let group = |key: &'static str, kind: &'static str, rows: Vec<PreviewRow>| {
        view! {
            <div data-testid="update-preview-group" data-kind=kind>
                <h4 class="font-medium">
                    {move || tr_dynamic(key)}" "<span class="text-slate-500">"("{rows.len()}")"</span>
                </h4>
                {if rows.is_empty() {
                    view! { <p class="text-slate-500">{move_tr!("stack-detail-preview-none")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="list-inside list-disc">
                            {rows.into_iter().map(|r| { let rname = r.name.clone(); view! {
                                <li data-testid="update-preview-row" data-name=rname data-kind=kind>
                                    <span class="font-mono">{r.name}</span>" "<span class="text-slate-500">{short_type(&r.kind)}</span>
                                </li>
                            }}).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
        }
    };
    view! {
        <section class="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="update-preview-result" aria-live="polite">
            <h3 class="mb-2 font-semibold">{move_tr!("stack-detail-preview-title")}</h3>
            <div class="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
                {group("stack-detail-preview-added", "added", p.added)}
                {group("stack-detail-preview-updated", "updated", p.updated)}
                {group("stack-detail-preview-replaced", "replaced", p.replaced)}
                {group("stack-detail-preview-deleted", "deleted", p.deleted)}
                {group("stack-detail-preview-unchanged", "unchanged", p.unchanged)}
            </div>
            <p class="mt-2 text-xs text-slate-500">{move_tr!("stack-detail-preview-hidden-note")}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row(name: &str, stack: &str, parent: Option<&str>, required_by: &[&str]) -> ResourceRow {
        ResourceRow {
            name: name.into(),
            kind: "OS::Nova::Server".into(),
            physical_id: String::new(),
            status: "CREATE_COMPLETE".into(),
            reason: String::new(),
            updated: String::new(),
            parent: parent.map(Into::into),
            required_by: required_by.iter().map(|s| s.to_string()).collect(),
            stack_id: stack.into(),
        }
    }

    #[test]
    fn edges_come_from_required_by_within_a_stack() {
        let rows = vec![
            row("sg", "s", None, &["server", "missing"]),
            row("server", "s", None, &[]),
            row("group", "s", None, &[]),
            // Members of a nested stack: "0" requires nothing of the
            // outer stack even though a name matches.
            row("port", "n1", Some("group"), &["0"]),
            row("0", "n1", Some("group"), &[]),
            row("sg", "n1", Some("group"), &["0"]),
        ];
        assert_eq!(dependency_edges(&rows), [(0, 1), (3, 4), (5, 4)]);
    }

    #[test]
    fn members_follow_their_group() {
        let rows = vec![
            row("10", "n", Some("web"), &[]),
            row("web", "s", None, &[]),
            row("2", "n", Some("web"), &[]),
            row("db", "s", None, &[]),
            row("x", "n", Some("gone"), &[]),
        ];
        let names: Vec<String> = order_resources(rows).into_iter().map(|r| r.name).collect();
        assert_eq!(names, ["db", "web", "2", "10", "x"]);
    }

    fn event(id: &str, at: &str) -> EventRow {
        EventRow {
            id: id.into(),
            at: at.into(),
            time: String::new(),
            resource: String::new(),
            status: String::new(),
            reason: String::new(),
        }
    }

    #[test]
    fn events_are_newest_first() {
        let mut events = vec![
            event("a", "2026-01-01T10:00:00Z"),
            event("b", "2026-01-01T10:00:02"),
            event("c", "2026-01-01T10:00:01.500000"),
            event("d", "2026-01-01T10:00:02Z"),
        ];
        newest_first(&mut events);
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        // Same moment: Heat's order is kept.
        assert_eq!(ids, ["b", "d", "c", "a"]);
        assert!(parse_time("2015-06-25T14:59:53").is_some());
        assert!(parse_time("yesterday").is_none());
    }

    fn params() -> Vec<ParamRow> {
        param_rows(
            json!({
                "flavor": "m1.small",
                "count": "2",
                "db_password": MASK,
                "OS::stack_id": "abc",
            })
            .as_object()
            .unwrap(),
        )
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parameters_without_pseudo_ones_and_masked_as_hidden() {
        let p = params();
        let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["flavor", "count", "db_password"]);
        assert!(p[2].hidden && !p[0].hidden);
    }

    #[test]
    fn a_patch_sends_only_what_changed() {
        let current = params();
        let f = form(&[("flavor", "m1.small"), ("count", "3"), ("db_password", "")]);
        assert_eq!(changed_parameters(&current, &f), form(&[("count", "3")]));
        let f = form(&[
            ("flavor", "m1.small"),
            ("count", "2"),
            ("db_password", "s3cret"),
        ]);
        assert_eq!(
            changed_parameters(&current, &f),
            form(&[("db_password", "s3cret")])
        );
        // A parameter Heat did not show is new.
        assert_eq!(
            changed_parameters(&current, &form(&[("new", "")])),
            form(&[("new", "")])
        );
    }

    #[test]
    fn put_or_patch() {
        let current = params();
        let f = form(&[
            ("flavor", "m1.large"),
            ("count", "2"),
            ("db_password", "pw"),
        ]);
        // Same template: PATCH of the change.
        let plan = update_plan(false, &current, &f);
        assert!(plan.patch);
        assert_eq!(
            plan.parameters,
            form(&[("flavor", "m1.large"), ("db_password", "pw")])
        );
        // New template, every value known: PUT with all of them.
        let plan = update_plan(true, &current, &f);
        assert!(!plan.patch);
        assert_eq!(plan.parameters, f);
        // New template, hidden value kept: PATCH, so Heat keeps it.
        let f = form(&[("flavor", "m1.large"), ("count", "2"), ("db_password", "")]);
        let plan = update_plan(true, &current, &f);
        assert!(plan.patch);
        assert_eq!(plan.parameters, form(&[("flavor", "m1.large")]));
        assert_eq!(
            preview_parameters(&current, &f),
            form(&[("flavor", "m1.large"), ("count", "2")])
        );
    }

    #[test]
    fn heat_messages_name_their_parameter() {
        assert_eq!(
            parameter_in_message("The Parameter (flavor) was not provided.").as_deref(),
            Some("flavor")
        );
        assert_eq!(
            parameter_in_message("Parameter 'count' is invalid: 9 is out of range").as_deref(),
            Some("count")
        );
        assert_eq!(parameter_in_message("Circular Dependency Found"), None);
    }

    #[test]
    fn outputs_and_values_as_text() {
        assert_eq!(value_text(&json!("10.0.0.5"), true), "10.0.0.5");
        assert_eq!(value_text(&json!(null), true), "");
        assert_eq!(value_text(&json!({"a": 1}), true), "{\n  \"a\": 1\n}");
        assert_eq!(value_text(&json!(["a", "b"]), false), "[\"a\",\"b\"]");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn templates_print_as_yaml() {
        let t = json!({
            "heat_template_version": "2018-08-31",
            "resources": {"server": {"type": "OS::Nova::Server", "properties": {
                "user_data": "#!/bin/sh\necho hi\n", "name": "yes"}}},
        });
        let text = to_yaml(&t);
        assert!(
            text.starts_with("heat_template_version: 2018-08-31\n"),
            "{text}"
        );
        assert!(text.contains("user_data: |\n"), "{text}");
        let back: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn tabs_and_links() {
        assert_eq!(Tab::parse("events"), Tab::Events);
        assert_eq!(Tab::parse("nonsense"), Tab::Topology);
        assert_eq!(
            stack_href("web stack", "id-1", &[("tab", "events".into())]),
            "/project/stacks/web%20stack/id-1?tab=events"
        );
        assert_eq!(stack_href("web", "id", &[]), "/project/stacks/web/id");
        let r = row("0", "n", Some("group"), &[]);
        assert_eq!(
            resource_href("web", "id", &r),
            "/project/stacks/web/id?tab=resources&resource=0&parent=group"
        );
    }
}
