//! Project → Orchestration → Launch stack: a template (a starter, a file,
//! typed text or a URL), checked by Heat, a parameter form built from
//! Heat's answer, a preview of the resources, then the stack.

use std::collections::{BTreeMap, BTreeSet};

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use serde::{Deserialize, Serialize};

use super::stack::stack_href;
use super::starter::{starter, STARTERS};
use crate::error::AppError;
use crate::i18n::{tr_count, tr_dynamic, tr_dynamic_args};
use crate::ui::{error_text, ErrorBanner, PageHeader, BUTTON, CARD, SELECT, TABLE, TD, TH};

/// Heat's longest stack name.
pub const MAX_STACK_NAME: usize = 255;

/// A parameter's type, from Heat's `Type`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamKind {
    #[default]
    String,
    Number,
    Boolean,
    Json,
    List,
}

impl ParamKind {
    /// `Number`, `number`, `CommaDelimitedList`, `comma_delimited_list`…
    #[cfg_attr(not(feature = "ssr"), allow(dead_code))]
    pub fn from_heat(kind: &str) -> ParamKind {
        match kind.to_ascii_lowercase().replace('_', "").as_str() {
            "number" => ParamKind::Number,
            "boolean" => ParamKind::Boolean,
            "json" => ParamKind::Json,
            "commadelimitedlist" => ParamKind::List,
            _ => ParamKind::String,
        }
    }
}

/// One template parameter, as the form needs it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParamField {
    pub name: String,
    pub label: Option<String>,
    pub description: Option<String>,
    pub kind: ParamKind,
    /// The default (or the environment's value) as the form shows it;
    /// `None` makes the parameter required.
    pub default: Option<String>,
    /// `NoEcho`: a password field.
    pub hidden: bool,
    /// `AllowedValues`.
    pub allowed: Vec<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// `nova.flavor`, `glance.image`…
    pub constraint: Option<String>,
    pub constraint_description: Option<String>,
}

impl ParamField {
    pub fn required(&self) -> bool {
        self.default.is_none()
    }
}

/// A `parameter_groups` entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ParamGroupView {
    pub label: Option<String>,
    pub description: Option<String>,
    pub parameters: Vec<String>,
}

/// What Heat's validation says about a template.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateCheck {
    pub description: Option<String>,
    /// In template order.
    pub params: Vec<ParamField>,
    pub groups: Vec<ParamGroupView>,
}

/// A part of the parameter form: a group, or the parameters in none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormSection {
    pub label: Option<String>,
    pub description: Option<String>,
    /// The section of the parameters no group names.
    pub rest: bool,
    pub params: Vec<ParamField>,
}

/// The parameter form's order: each group (in `parameter_groups` order,
/// its parameters in the group's order), then the parameters no group
/// names, in template order. A parameter named by two groups shows in the
/// first; names the template does not define are skipped.
pub fn form_sections(check: &TemplateCheck) -> Vec<FormSection> {
    let mut placed = BTreeSet::new();
    let mut sections = Vec::new();
    for g in &check.groups {
        let params: Vec<ParamField> = g
            .parameters
            .iter()
            .filter_map(|name| check.params.iter().find(|p| &p.name == name))
            .filter(|p| placed.insert(p.name.clone()))
            .cloned()
            .collect();
        if !params.is_empty() {
            sections.push(FormSection {
                label: g.label.clone(),
                description: g.description.clone(),
                rest: false,
                params,
            });
        }
    }
    let rest: Vec<ParamField> = check
        .params
        .iter()
        .filter(|p| !placed.contains(&p.name))
        .cloned()
        .collect();
    if !rest.is_empty() {
        sections.push(FormSection {
            rest: true,
            params: rest,
            ..Default::default()
        });
    }
    sections
}

/// The error field of a parameter's input (also its id and test id).
pub fn param_field(name: &str) -> String {
    format!("param-{name}")
}

/// Whether a checkbox value reads as on.
fn truthy(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "true" | "yes" | "on" | "1" | "t" | "y"
    )
}

/// The parameters to send, from the form's inputs (by parameter name), in
/// the form's order. Numbers go as the text typed (Heat takes `"2"`),
/// booleans as `"true"`/`"false"`; an empty optional value is left out so
/// Heat uses the default. An empty required one is refused at its field.
pub fn parameter_values(
    params: &[ParamField],
    inputs: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, AppError> {
    let mut out = BTreeMap::new();
    for p in params {
        let raw = inputs.get(&p.name).map(String::as_str).unwrap_or("");
        let value = match p.kind {
            ParamKind::Boolean => Some(if truthy(raw) { "true" } else { "false" }.to_string()),
            ParamKind::Number => {
                let text = raw.trim();
                if !text.is_empty() && text.parse::<f64>().is_err() {
                    return Err(AppError::invalid(
                        &param_field(&p.name),
                        "launch-param-not-number",
                    ));
                }
                Some(text.to_string()).filter(|t| !t.is_empty())
            }
            _ => Some(raw.to_string()).filter(|t| !t.trim().is_empty()),
        };
        match value {
            Some(v) => {
                out.insert(p.name.clone(), v);
            }
            None if p.required() => {
                return Err(AppError::invalid(
                    &param_field(&p.name),
                    "launch-param-required",
                ))
            }
            None => {}
        }
    }
    Ok(out)
}

/// Heat's rule for stack names: a letter first, then letters, digits,
/// `_`, `-` and `.`, at most 255 characters.
pub fn check_stack_name(name: &str) -> Result<(), AppError> {
    let Some(first) = name.chars().next() else {
        return Err(AppError::invalid("name", "launch-stack-name-required"));
    };
    if name.chars().count() > MAX_STACK_NAME {
        return Err(AppError::invalid("name", "launch-stack-name-too-long"));
    }
    if !first.is_ascii_alphabetic() {
        return Err(AppError::invalid("name", "launch-stack-name-start"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Err(AppError::invalid("name", "launch-stack-name-chars"));
    }
    Ok(())
}

/// The position PyYAML gives (`…, line 3, column 5`), 1-based. With a
/// context mark and a problem mark, the problem (the last one) wins.
pub fn error_position(message: &str) -> Option<(u32, u32)> {
    fn number(text: &str) -> Option<(u32, &str)> {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        Some((text[..end].parse().ok()?, &text[end..]))
    }
    let mut found = None;
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        rest = &rest[i + "line ".len()..];
        let Some((line, after)) = number(rest) else {
            continue;
        };
        let Some(after) = after.strip_prefix(", column ") else {
            continue;
        };
        if let Some((column, _)) = number(after) {
            found = Some((line, column));
        }
    }
    found
}

/// Heat's YAML message without PyYAML's indented location and snippet
/// lines: what to show after "Line 3, column 5:".
pub fn error_summary(message: &str) -> String {
    let lines: Vec<&str> = message
        .lines()
        .filter(|l| !l.starts_with([' ', '\t']) && !l.trim().is_empty())
        .map(str::trim)
        .collect();
    if lines.is_empty() {
        message.trim().to_string()
    } else {
        lines.join(" ")
    }
}

/// What a Heat refusal is about.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorTarget {
    Template,
    TemplateUrl,
    Environment,
    Name,
    Param(String),
    Form,
}

/// The text between `start` and the next `end` in `message`.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn between<'a>(message: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = message.find(start)? + start.len();
    let len = message[from..].find(end)?;
    Some(&message[from..from + len]).filter(|s| !s.is_empty())
}

/// Reads Heat's message for the field it is about.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn heat_error_target(message: &str) -> ErrorTarget {
    if let Some(name) = between(message, "The Parameter (", ") was not provided")
        .or_else(|| between(message, "Parameter '", "' is invalid"))
    {
        return ErrorTarget::Param(name.to_string());
    }
    if message.contains("Invalid stack name")
        || (message.contains("The Stack (") && message.contains(") already exists"))
    {
        return ErrorTarget::Name;
    }
    if message.contains("Could not retrieve template") {
        return ErrorTarget::TemplateUrl;
    }
    let lower = message.to_ascii_lowercase();
    if lower.starts_with("environment")
        || lower.contains("error parsing environment")
        || lower.contains("the environment")
    {
        return ErrorTarget::Environment;
    }
    if lower.contains("error parsing template")
        || lower.contains("template not in valid format")
        || lower.contains("template format version not found")
        || lower.contains("the template version is invalid")
        || error_position(message).is_some()
    {
        return ErrorTarget::Template;
    }
    ErrorTarget::Form
}

/// A Heat 400 or 409 as an error at the field it is about, with Heat's
/// words; about none, it stays the cloud's refusal for the form.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn heat_refusal(status: u16, message: String) -> AppError {
    let field = match heat_error_target(&message) {
        ErrorTarget::Template => "template".to_string(),
        ErrorTarget::TemplateUrl => "template_url".to_string(),
        ErrorTarget::Environment => "environment".to_string(),
        ErrorTarget::Name => "name".to_string(),
        ErrorTarget::Param(p) => param_field(&p),
        ErrorTarget::Form => return AppError::Cloud { status, message },
    };
    AppError::Refused { field, message }
}

/// A JSON value as a form shows it: text as it is, lists comma-joined.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn value_text(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => Some(
            items
                .iter()
                .filter_map(value_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        other => Some(other.to_string()),
    }
}

/// A choice in a parameter's select.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The template and where it comes from, as the user gave it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateSource {
    /// The text; empty when Heat fetches `template_url`.
    pub template: String,
    pub template_url: String,
    pub environment: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StackRequest {
    pub name: String,
    pub source: TemplateSource,
    pub parameters: BTreeMap<String, String>,
    pub timeout: Option<u32>,
    pub rollback: bool,
}

/// A resource a preview says the stack would make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreviewRow {
    pub name: String,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreatedStack {
    pub name: String,
    pub id: String,
}

/// The template, URL and environment of a request as Heat takes them:
/// text is sent as it is and Heat parses it (so its errors carry line
/// and column).
#[cfg(feature = "ssr")]
#[allow(clippy::type_complexity)]
fn heat_source(
    source: &TemplateSource,
) -> Result<
    (
        Option<serde_json::Value>,
        Option<String>,
        Option<serde_json::Value>,
    ),
    AppError,
> {
    use serde_json::Value;
    let url = source.template_url.trim();
    if url.is_empty() && source.template.trim().is_empty() {
        return Err(AppError::invalid(
            "template",
            "launch-stack-template-required",
        ));
    }
    Ok((
        url.is_empty()
            .then(|| Value::String(source.template.clone())),
        Some(url.to_string()).filter(|u| !u.is_empty()),
        Some(source.environment.clone())
            .filter(|e| !e.trim().is_empty())
            .map(Value::String),
    ))
}

/// Heat's refusal of a request, at the field it is about.
#[cfg(feature = "ssr")]
fn refusal(err: openstack::Error) -> AppError {
    match err {
        openstack::Error::BadRequest { message } => heat_refusal(400, message),
        openstack::Error::Conflict { message } => heat_refusal(409, message),
        other => other.into(),
    }
}

/// The request as Heat's create and preview body, checked again here.
#[cfg(feature = "ssr")]
fn stack_body(request: &StackRequest) -> Result<openstack::orchestration::StackCreate, AppError> {
    check_stack_name(&request.name)?;
    if request.timeout == Some(0) {
        return Err(AppError::invalid("timeout", "launch-stack-timeout-invalid"));
    }
    let (template, template_url, environment) = heat_source(&request.source)?;
    Ok(openstack::orchestration::StackCreate {
        stack_name: request.name.clone(),
        template,
        template_url,
        environment,
        parameters: request
            .parameters
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect(),
        timeout_mins: request.timeout,
        disable_rollback: Some(!request.rollback),
        ..Default::default()
    })
}

/// Heat's validation of a template: its parameters and groups. Any refusal
/// is about the template (or the environment), shown in the editor.
#[server(endpoint = "launch_stack_validate", input = leptos::server_fn::codec::Json)]
pub async fn launch_stack_validate(source: TemplateSource) -> Result<TemplateCheck, AppError> {
    use openstack::orchestration::{validate_template, ValidateRequest};
    let (template, template_url, environment) = heat_source(&source)?;
    let (_, api) = crate::ssr::session::require().await?;
    let request = ValidateRequest {
        template,
        template_url,
        environment,
        ..Default::default()
    };
    let found = validate_template(&api, &request)
        .await
        .map_err(|e| match refusal(e) {
            AppError::Cloud {
                status: 400 | 409,
                message,
            } => AppError::Refused {
                field: "template".into(),
                message,
            },
            AppError::Refused { field, message }
                if field.starts_with("param-") || field == "name" =>
            {
                AppError::Refused {
                    field: "template".into(),
                    message,
                }
            }
            other => other,
        })?;
    Ok(TemplateCheck {
        description: found.description,
        params: found
            .parameters
            .into_iter()
            .map(|(name, p)| ParamField {
                kind: ParamKind::from_heat(&p.kind),
                default: p
                    .value
                    .as_ref()
                    .and_then(value_text)
                    .or_else(|| p.default.as_ref().and_then(value_text)),
                label: p.label,
                description: p.description,
                hidden: p.no_echo,
                allowed: p
                    .allowed_values
                    .unwrap_or_default()
                    .iter()
                    .filter_map(value_text)
                    .collect(),
                min: p.min_value,
                max: p.max_value,
                constraint: p.custom_constraint,
                constraint_description: p.constraint_description,
                name,
            })
            .collect(),
        groups: found
            .parameter_groups
            .into_iter()
            .map(|g| ParamGroupView {
                label: g.label,
                description: g.description,
                parameters: g.parameters,
            })
            .collect(),
    })
}

/// `label (detail)` choices, valued by name where names are unique (what
/// templates' defaults use), by id otherwise.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
fn choices_of(items: Vec<(String, String, String)>) -> Vec<Choice> {
    let names: Vec<&str> = items.iter().map(|(_, n, _)| n.as_str()).collect();
    let unique = |n: &str| !n.is_empty() && names.iter().filter(|m| **m == n).count() == 1;
    items
        .iter()
        .map(|(id, name, detail)| {
            let shown = if name.is_empty() { id } else { name };
            Choice {
                value: if unique(name) {
                    name.clone()
                } else {
                    id.clone()
                },
                label: if detail.is_empty() {
                    shown.clone()
                } else {
                    format!("{shown} ({detail})")
                },
            }
        })
        .collect()
}

/// The cloud's flavors, images, key pairs, networks and subnets, for the
/// parameters with those custom constraints. A list the cloud will not
/// give is left out; its parameters stay text fields.
#[server(endpoint = "launch_stack_choices", input = leptos::server_fn::codec::Json)]
pub async fn launch_stack_choices(
    constraints: Vec<String>,
) -> Result<BTreeMap<String, Vec<Choice>>, AppError> {
    use openstack::{compute, image, network};
    let (_, api) = crate::ssr::session::require().await?;
    let want = |c: &str| constraints.iter().any(|x| x == c);
    let api = &api;
    let flavors = async {
        if !want("nova.flavor") {
            return None;
        }
        let mut list = compute::list_flavors(api).await.ok()?;
        list.sort_by_key(|f| (f.vcpus, f.ram, f.disk));
        Some(choices_of(
            list.into_iter()
                .map(|f| {
                    let detail = format!("{} vCPU, {} MiB, {} GiB", f.vcpus, f.ram, f.disk);
                    (f.id, f.name, detail)
                })
                .collect(),
        ))
    };
    let images = async {
        if !want("glance.image") {
            return None;
        }
        let active = image::ImageFilter {
            status: Some("active".into()),
            limit: Some(200),
            ..Default::default()
        };
        let list = image::list_images(api, &active).await.ok()?;
        Some(choices_of(
            list.into_iter()
                .map(|i| (i.id, i.name.unwrap_or_default(), String::new()))
                .collect(),
        ))
    };
    let keypairs = async {
        if !want("nova.keypair") {
            return None;
        }
        let list = compute::list_keypairs(api).await.ok()?;
        Some(choices_of(
            list.into_iter()
                .map(|k| (k.name.clone(), k.name, String::new()))
                .collect(),
        ))
    };
    let networks = async {
        if !want("neutron.network") {
            return None;
        }
        let list = network::list_networks(api, &Default::default())
            .await
            .ok()?;
        Some(choices_of(
            list.into_iter()
                .map(|n| (n.id, n.name, String::new()))
                .collect(),
        ))
    };
    let subnets = async {
        if !want("neutron.subnet") {
            return None;
        }
        let list = network::list_subnets(api, None).await.ok()?;
        Some(choices_of(
            list.into_iter().map(|s| (s.id, s.name, s.cidr)).collect(),
        ))
    };
    let (flavors, images, keypairs, networks, subnets) =
        tokio::join!(flavors, images, keypairs, networks, subnets);
    Ok([
        ("nova.flavor", flavors),
        ("glance.image", images),
        ("nova.keypair", keypairs),
        ("neutron.network", networks),
        ("neutron.subnet", subnets),
    ]
    .into_iter()
    .filter_map(|(c, list)| Some((c.to_string(), list?)))
    .collect())
}

/// What Heat would create, without creating it.
#[server(endpoint = "launch_stack_preview", input = leptos::server_fn::codec::Json)]
pub async fn launch_stack_preview(request: StackRequest) -> Result<Vec<PreviewRow>, AppError> {
    let body = stack_body(&request)?;
    let (_, api) = crate::ssr::session::require().await?;
    let preview = openstack::orchestration::preview_stack(&api, &body)
        .await
        .map_err(refusal)?;
    Ok(preview
        .resources
        .into_iter()
        .map(|r| PreviewRow {
            name: r.resource_name,
            kind: r.resource_type,
        })
        .collect())
}

/// Creates the stack; Heat goes on building it in the background.
#[server(endpoint = "launch_stack_create", input = leptos::server_fn::codec::Json)]
pub async fn launch_stack_create(request: StackRequest) -> Result<CreatedStack, AppError> {
    let body = stack_body(&request)?;
    let (_, api) = crate::ssr::session::require().await?;
    let created = openstack::orchestration::create_stack(&api, &body)
        .await
        .map_err(refusal)?;
    Ok(CreatedStack {
        name: request.name,
        id: created.id,
    })
}

/// Where the template comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Starter,
    File,
    Text,
    Url,
}

/// What the page is waiting for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    Validate,
    Preview,
    Launch,
}

/// The form state the parameter fields share.
#[derive(Clone, Copy)]
struct ParamCtx {
    inputs: RwSignal<BTreeMap<String, String>>,
    /// Parameters the user changed: a new validation keeps their values.
    touched: RwSignal<BTreeSet<String>>,
    choices: RwSignal<BTreeMap<String, Vec<Choice>>>,
    error: RwSignal<Option<AppError>>,
}

const INPUT: &str = "block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600 aria-[invalid=true]:border-red-500";
const SECONDARY: &str = "inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60";

/// The translated message of `error` when it is about `field`.
fn message_at(
    error: RwSignal<Option<AppError>>,
    field: String,
) -> impl Fn() -> Option<String> + Clone {
    move || {
        error.with(|e| {
            e.as_ref()
                .filter(|e| e.field() == Some(field.as_str()))
                .map(error_text)
        })
    }
}

/// Reads a chosen file as text into `target`.
#[allow(unused_variables)]
fn read_file_into(ev: leptos::ev::Event, target: RwSignal<String>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(text) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                if let Some(text) = text.as_string() {
                    target.set(text);
                }
            }
        });
    }
}

#[component]
pub fn LaunchStackPage() -> impl IntoView {
    let query = use_query_map();
    let preset = query
        .read_untracked()
        .get("starter")
        .and_then(|id| starter(&id));

    let source = RwSignal::new(Source::Starter);
    let starter_id = RwSignal::new(preset.map(|s| s.id.to_string()).unwrap_or_default());
    let template = RwSignal::new(preset.map(|s| s.template.to_string()).unwrap_or_default());
    let template_url = RwSignal::new(String::new());
    let environment = RwSignal::new(String::new());

    // Heat's answer, and the source it was about.
    let check = RwSignal::new(None::<TemplateCheck>);
    let validated = RwSignal::new(None::<TemplateSource>);
    let ctx = ParamCtx {
        inputs: RwSignal::new(BTreeMap::new()),
        touched: RwSignal::new(BTreeSet::new()),
        choices: RwSignal::new(BTreeMap::new()),
        error: RwSignal::new(None),
    };
    let error = ctx.error;

    let name = RwSignal::new(String::new());
    let timeout = RwSignal::new(String::new());
    let rollback = RwSignal::new(false);
    let preview = RwSignal::new(None::<Vec<PreviewRow>>);
    let task = RwSignal::new(None::<Task>);
    let navigate = use_navigate();

    // The source as it would be sent now.
    let current = move || {
        if source.get_untracked() == Source::Url {
            TemplateSource {
                template: String::new(),
                template_url: template_url.get_untracked().trim().to_string(),
                environment: environment.get_untracked(),
            }
        } else {
            TemplateSource {
                template: template.get_untracked(),
                template_url: String::new(),
                environment: environment.get_untracked(),
            }
        }
    };
    let source_field = move || {
        if source.get_untracked() == Source::Url {
            "template_url"
        } else {
            "template"
        }
    };
    // Whether the source changed since Heat checked it.
    let stale = move || {
        let now = if source.get() == Source::Url {
            (String::new(), template_url.get().trim().to_string())
        } else {
            (template.get(), String::new())
        };
        validated.with(|v| {
            v.as_ref().is_none_or(|v| {
                (v.template.clone(), v.template_url.clone()) != now
                    || environment.with(|e| *e != v.environment)
            })
        })
    };

    let run_validate = move || {
        let src = current();
        if src.template.trim().is_empty() && src.template_url.is_empty() {
            error.set(Some(AppError::invalid(
                source_field(),
                "launch-stack-template-required",
            )));
            return;
        }
        task.set(Some(Task::Validate));
        error.set(None);
        preview.set(None);
        leptos::task::spawn_local(async move {
            match launch_stack_validate(src.clone()).await {
                Ok(found) => {
                    let constraints: BTreeSet<String> = found
                        .params
                        .iter()
                        .filter_map(|p| p.constraint.clone())
                        .collect();
                    if !constraints.is_empty() {
                        // Without the lists, those fields stay text fields.
                        if let Ok(lists) =
                            launch_stack_choices(constraints.into_iter().collect()).await
                        {
                            ctx.choices.set(lists);
                        }
                    }
                    // What the user changed stays; the rest takes the defaults.
                    let touched = ctx.touched.get_untracked();
                    ctx.inputs.update(|m| {
                        for p in &found.params {
                            if !touched.contains(&p.name) || !m.contains_key(&p.name) {
                                m.insert(p.name.clone(), p.default.clone().unwrap_or_default());
                            }
                        }
                    });
                    check.set(Some(found));
                    validated.set(Some(src));
                }
                Err(e) => error.set(Some(e)),
            }
            task.set(None);
        });
    };

    // Everything a preview or a launch needs, checked here first.
    let build = move || -> Result<StackRequest, AppError> {
        let src = current();
        if validated.with_untracked(|v| v.as_ref() != Some(&src)) {
            return Err(AppError::invalid(
                source_field(),
                "launch-stack-validate-first",
            ));
        }
        let fields: Vec<ParamField> = check.with_untracked(|c| {
            c.as_ref()
                .map(|c| {
                    form_sections(c)
                        .into_iter()
                        .flat_map(|s| s.params)
                        .collect()
                })
                .unwrap_or_default()
        });
        let parameters = ctx
            .inputs
            .with_untracked(|i| parameter_values(&fields, i))?;
        let stack_name = name.get_untracked().trim().to_string();
        check_stack_name(&stack_name)?;
        let minutes = timeout.get_untracked();
        let minutes = minutes.trim();
        let timeout = if minutes.is_empty() {
            None
        } else {
            match minutes.parse::<u32>() {
                Ok(m) if m > 0 => Some(m),
                _ => return Err(AppError::invalid("timeout", "launch-stack-timeout-invalid")),
            }
        };
        Ok(StackRequest {
            name: stack_name,
            source: src,
            parameters,
            timeout,
            rollback: rollback.get_untracked(),
        })
    };

    let run_preview = move |_| {
        let request = match build() {
            Ok(r) => r,
            Err(e) => return error.set(Some(e)),
        };
        task.set(Some(Task::Preview));
        error.set(None);
        preview.set(None);
        leptos::task::spawn_local(async move {
            match launch_stack_preview(request).await {
                Ok(rows) => preview.set(Some(rows)),
                Err(e) => error.set(Some(e)),
            }
            task.set(None);
        });
    };

    let run_launch = move |_| {
        let request = match build() {
            Ok(r) => r,
            Err(e) => return error.set(Some(e)),
        };
        task.set(Some(Task::Launch));
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match launch_stack_create(request).await {
                Ok(created) => {
                    navigate(&stack_href(&created.name, &created.id), Default::default())
                }
                Err(e) => error.set(Some(e)),
            }
            task.set(None);
        });
    };

    // A starter from the gallery is checked at once.
    if preset.is_some() {
        Effect::new(move |_| run_validate());
    }

    let choose_starter = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        if let Some(s) = starter(&id) {
            template.set(s.template.to_string());
        }
        starter_id.set(id);
    };

    // Errors at no field shown on this page go in the banner.
    let banner = Signal::derive(move || {
        error.get().filter(|e| {
            let Some(field) = e.field() else {
                return true;
            };
            let shown = match field {
                "template" | "environment" | "name" | "timeout" => true,
                "template_url" => source.get() == Source::Url,
                f => f.strip_prefix("param-").is_some_and(|p| {
                    check.with(|c| {
                        c.as_ref()
                            .is_some_and(|c| c.params.iter().any(|x| x.name == p))
                    })
                }),
            };
            !shown
        })
    });
    // An error at a field (shown there, maybe far above the buttons).
    let fields_wrong = move || {
        error.with(|e| e.as_ref().is_some_and(|e| e.field().is_some()))
            && banner.with(|b| b.is_none())
    };
    let busy = move || task.get().is_some();

    let radio = move |value: Source, id: &'static str, key: &'static str| {
        view! {
            <label class="flex items-center gap-2 text-sm" for=id>
                <input type="radio" id=id name="template-source" data-testid=id
                    prop:checked=move || source.get() == value
                    on:change=move |_| source.set(value)/>
                {move || tr_dynamic(key)}
            </label>
        }
    };

    view! {
        <PageHeader title=move_tr!("launch-stack-title") description=move_tr!("launch-stack-description")/>
        <div class="space-y-6" data-testid="launch-stack-wizard">
            <section class=CARD aria-labelledby="launch-stack-step-template">
                <h2 id="launch-stack-step-template" class="mb-3 text-lg font-semibold">"1. "{move_tr!("launch-stack-step-template")}</h2>
                <fieldset class="mb-4">
                    <legend class="mb-2 text-sm font-medium">{move_tr!("launch-stack-source")}</legend>
                    <div class="flex flex-wrap gap-4">
                        {radio(Source::Starter, "source-starter", "launch-stack-source-starter")}
                        {radio(Source::File, "source-file", "launch-stack-source-file")}
                        {radio(Source::Text, "source-text", "launch-stack-source-text")}
                        {radio(Source::Url, "source-url", "launch-stack-source-url")}
                    </div>
                </fieldset>
                <div class="mb-4 max-w-xl space-y-1" class:hidden=move || source.get() != Source::Starter>
                    <label for="starter-select" class="block text-sm font-medium">{move_tr!("launch-stack-starter")}</label>
                    <select id="starter-select" class=SELECT data-testid="starter-select" on:change=choose_starter>
                        <option value="">{move_tr!("common-choose")}</option>
                        {STARTERS.iter().map(|s| {
                            let id = s.id;
                            let key = s.title_key;
                            view! { <option value=id selected=move || starter_id.get() == id>{move || tr_dynamic(key)}</option> }
                        }).collect_view()}
                    </select>
                    <p class="text-sm">
                        <A href="/project/stacks/starters" attr:class="text-sky-700 underline">{move_tr!("launch-stack-starter-gallery")}</A>
                    </p>
                </div>
                <div class="mb-4 max-w-xl space-y-1" class:hidden=move || source.get() != Source::File>
                    <label for="template-file" class="block text-sm font-medium">{move_tr!("launch-stack-file")}</label>
                    <input id="template-file" type="file" class="text-sm" data-testid="template-file"
                        accept=".yaml,.yml,.json,.template,.hot,text/plain,application/json,application/yaml"
                        on:change=move |ev| read_file_into(ev, template)/>
                </div>
                <p class="mb-4 text-sm text-slate-600" class:hidden=move || source.get() != Source::Text>{move_tr!("launch-stack-text-help")}</p>
                <div class="mb-4 max-w-xl space-y-1" class:hidden=move || source.get() != Source::Url>
                    <label for="template-url" class="block text-sm font-medium">{move_tr!("launch-stack-url")}</label>
                    <input id="template-url" type="url" class=INPUT data-testid="template-url" placeholder="https://"
                        aria-describedby="template-url-help template-url-error"
                        aria-invalid=move || message_at(error, "template_url".into())().is_some().to_string()
                        prop:value=move || template_url.get()
                        on:input=move |ev| template_url.set(event_target_value(&ev))/>
                    <p id="template-url-help" class="text-xs text-slate-600">{move_tr!("launch-stack-url-help")}</p>
                    <p id="template-url-error" role="alert" class="text-sm text-red-700">{message_at(error, "template_url".into())}</p>
                </div>
                <TemplateEditor template readonly=Signal::derive(move || source.get() == Source::Url) error/>
                <details class="mt-4" open=move || !environment.with(|e| e.is_empty())>
                    <summary class="cursor-pointer text-sm font-medium">{move_tr!("launch-stack-environment")}</summary>
                    <div class="mt-2 space-y-2">
                        <p id="environment-help" class="text-xs text-slate-600">{move_tr!("launch-stack-environment-help")}</p>
                        <label for="environment-text" class="sr-only">{move_tr!("launch-stack-environment")}</label>
                        <textarea id="environment-text" rows="6" spellcheck="false" data-testid="environment-editor"
                            class=format!("{INPUT} font-mono text-xs") aria-describedby="environment-help environment-error"
                            aria-invalid=move || message_at(error, "environment".into())().is_some().to_string()
                            prop:value=move || environment.get()
                            on:input=move |ev| environment.set(event_target_value(&ev))></textarea>
                        <div class="flex items-center gap-3 text-sm">
                            <label for="environment-file">{move_tr!("launch-stack-environment-file")}</label>
                            <input id="environment-file" type="file" class="text-sm" data-testid="environment-file"
                                accept=".yaml,.yml,.json,.env,text/plain,application/json,application/yaml"
                                on:change=move |ev| read_file_into(ev, environment)/>
                        </div>
                        <p id="environment-error" role="alert" class="text-sm text-red-700">{message_at(error, "environment".into())}</p>
                    </div>
                </details>
            </section>

            <section class=CARD aria-labelledby="launch-stack-step-validate">
                <h2 id="launch-stack-step-validate" class="mb-3 text-lg font-semibold">"2. "{move_tr!("launch-stack-step-validate")}</h2>
                <div class="flex flex-wrap items-center gap-3">
                    <button type="button" class=BUTTON data-testid="validate-template" disabled=busy
                        on:click=move |_| run_validate()>
                        {move || if task.get() == Some(Task::Validate) { move_tr!("launch-stack-validating").get() } else { move_tr!("launch-stack-validate").get() }}
                    </button>
                    {move || {
                        let valid = check.with(|c| c.is_some()) && !stale();
                        let description = check.with(|c| c.as_ref().and_then(|c| c.description.clone()));
                        if valid {
                            view! {
                                <div role="status" class="text-sm text-green-800" data-testid="template-valid">
                                    <p class="font-medium">{move_tr!("launch-stack-valid")}</p>
                                    {description.map(|d| view! { <p class="text-slate-700">{d}</p> })}
                                </div>
                            }.into_any()
                        } else if check.with(|c| c.is_some()) {
                            view! {
                                <p role="status" class="text-sm text-amber-800" data-testid="template-stale">{move_tr!("launch-stack-stale")}</p>
                            }.into_any()
                        } else {
                            ().into_any()
                        }
                    }}
                </div>
            </section>

            <section class=CARD aria-labelledby="launch-stack-step-parameters">
                <h2 id="launch-stack-step-parameters" class="mb-3 text-lg font-semibold">"3. "{move_tr!("launch-stack-step-parameters")}</h2>
                {move || match check.get() {
                    None => view! {
                        <p class="text-sm text-slate-600">{move_tr!("launch-stack-parameters-pending")}</p>
                    }.into_any(),
                    Some(c) if c.params.is_empty() => view! {
                        <p class="text-sm text-slate-600" data-testid="no-parameters">{move_tr!("launch-stack-no-parameters")}</p>
                    }.into_any(),
                    Some(c) => parameter_form(&c, ctx).into_any(),
                }}
            </section>

            <section class=CARD aria-labelledby="launch-stack-step-stack">
                <h2 id="launch-stack-step-stack" class="mb-3 text-lg font-semibold">"4. "{move_tr!("launch-stack-step-stack")}</h2>
                <div class="max-w-xl space-y-4">
                    <div class="space-y-1">
                        <label for="stack-name" class="block text-sm font-medium">{move_tr!("launch-stack-name")}</label>
                        <input id="stack-name" type="text" class=INPUT data-testid="stack-name" required maxlength="255"
                            autocomplete="off" aria-describedby="stack-name-help stack-name-error"
                            aria-invalid=move || message_at(error, "name".into())().is_some().to_string()
                            prop:value=move || name.get()
                            on:input=move |ev| name.set(event_target_value(&ev))
                            on:change=move |_| {
                                // Checked as soon as the user leaves the field.
                                let typed = name.get_untracked();
                                let typed = typed.trim();
                                let at_name = error.with_untracked(|e| e.as_ref().and_then(|e| e.field()) == Some("name"));
                                match check_stack_name(typed) {
                                    Err(e) if !typed.is_empty() => error.set(Some(e)),
                                    Ok(()) if at_name => error.set(None),
                                    _ => {}
                                }
                            }/>
                        <p id="stack-name-help" class="text-xs text-slate-600">{move_tr!("launch-stack-name-help")}</p>
                        <p id="stack-name-error" role="alert" class="text-sm text-red-700">{message_at(error, "name".into())}</p>
                    </div>
                    <div class="space-y-1">
                        <label for="stack-timeout" class="block text-sm font-medium">{move_tr!("launch-stack-timeout")}</label>
                        <input id="stack-timeout" type="number" min="1" step="1" class=INPUT data-testid="stack-timeout"
                            aria-describedby="stack-timeout-help stack-timeout-error"
                            aria-invalid=move || message_at(error, "timeout".into())().is_some().to_string()
                            prop:value=move || timeout.get()
                            on:input=move |ev| timeout.set(event_target_value(&ev))/>
                        <p id="stack-timeout-help" class="text-xs text-slate-600">{move_tr!("launch-stack-timeout-help")}</p>
                        <p id="stack-timeout-error" role="alert" class="text-sm text-red-700">{message_at(error, "timeout".into())}</p>
                    </div>
                    <div class="flex items-start gap-2">
                        <input id="stack-rollback" type="checkbox" class="mt-1" data-testid="stack-rollback"
                            aria-describedby="stack-rollback-help"
                            prop:checked=move || rollback.get()
                            on:change=move |ev| rollback.set(event_target_checked(&ev))/>
                        <div>
                            <label for="stack-rollback" class="text-sm font-medium">{move_tr!("launch-stack-rollback")}</label>
                            <p id="stack-rollback-help" class="text-xs text-slate-600">{move_tr!("launch-stack-rollback-help")}</p>
                        </div>
                    </div>
                </div>
            </section>

            <section class=CARD aria-labelledby="launch-stack-step-preview">
                <h2 id="launch-stack-step-preview" class="mb-3 text-lg font-semibold">"5. "{move_tr!("launch-stack-step-preview")}</h2>
                <p class="mb-3 text-sm text-slate-600">{move_tr!("launch-stack-preview-help")}</p>
                <button type="button" class=SECONDARY data-testid="preview-stack" disabled=busy on:click=run_preview>
                    {move_tr!("launch-stack-preview")}
                </button>
                {move || preview.get().map(preview_table)}
            </section>

            <section class=CARD aria-labelledby="launch-stack-step-launch">
                <h2 id="launch-stack-step-launch" class="mb-3 text-lg font-semibold">"6. "{move_tr!("launch-stack-step-launch")}</h2>
                <div class="mb-3" data-testid="launch-stack-error">
                    <ErrorBanner error=banner/>
                    {move || fields_wrong().then(|| view! {
                        <p class="text-sm text-red-700" data-testid="launch-stack-check-fields">{move_tr!("launch-stack-check-fields")}</p>
                    })}
                </div>
                <button type="button" class=BUTTON data-testid="stack-launch" disabled=busy on:click=run_launch>
                    {move || if task.get() == Some(Task::Launch) { move_tr!("launch-stack-launching").get() } else { move_tr!("launch-stack-submit").get() }}
                </button>
            </section>
        </div>
    }
}

/// The resources a preview lists.
fn preview_table(rows: Vec<PreviewRow>) -> AnyView {
    if rows.is_empty() {
        return view! {
            <p class="mt-3 text-sm text-slate-600" data-testid="preview-empty">{move_tr!("launch-stack-preview-empty")}</p>
        }
        .into_any();
    }
    let count = rows.len() as i64;
    view! {
        <p role="status" class="mt-3 text-sm" data-testid="preview-count">
            {move || tr_count("launch-stack-preview-count", "count", count)}
        </p>
        <div class="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class=TABLE data-testid="preview-table">
                <thead class="bg-slate-50">
                    <tr>
                        <th class=TH scope="col">{move_tr!("launch-stack-preview-name")}</th>
                        <th class=TH scope="col">{move_tr!("launch-stack-preview-type")}</th>
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">
                    {rows.into_iter().map(|r| {
                        let data_name = r.name.clone();
                        view! {
                        <tr data-testid="preview-row" data-name=data_name>
                            <td class=format!("{TD} font-medium")>{r.name}</td>
                            <td class=format!("{TD} font-mono text-xs")>{r.kind}</td>
                        </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

/// The template editor: a textarea with line numbers beside it, where
/// Heat's error line is marked and its message shown.
#[component]
fn TemplateEditor(
    template: RwSignal<String>,
    #[prop(into)] readonly: Signal<bool>,
    error: RwSignal<Option<AppError>>,
) -> impl IntoView {
    let lines = Memo::new(move |_| template.with(|t| t.split('\n').count()));
    // The error about the template, if any.
    let problem =
        Memo::new(move |_| error.with(|e| e.clone().filter(|e| e.field() == Some("template"))));
    let bad_line = Memo::new(move |_| {
        problem.with(|p| match p {
            Some(AppError::Refused { message, .. }) => {
                error_position(message).map(|(line, _)| line as usize)
            }
            _ => None,
        })
    });
    view! {
        <div class="space-y-1">
            <label for="template-text" class="block text-sm font-medium">{move_tr!("launch-stack-editor")}</label>
            <p id="template-text-help" class="text-xs text-slate-600">
                {move || if readonly.get() { move_tr!("launch-stack-url-help").get() } else { move_tr!("launch-stack-editor-help").get() }}
            </p>
            <div class="flex max-h-[36rem] overflow-auto rounded-md border border-slate-300 bg-white focus-within:ring-2 focus-within:ring-sky-600"
                class:border-red-500=move || problem.with(|p| p.is_some())>
                <div aria-hidden="true" data-testid="template-gutter"
                    class="sticky left-0 select-none border-r border-slate-200 bg-slate-50 py-2 text-right font-mono text-xs leading-5 text-slate-500">
                    {move || {
                        let bad = bad_line.get();
                        (1..=lines.get()).map(|i| {
                            let marked = bad == Some(i);
                            view! {
                                <div class="px-2" class:bg-red-200=marked class:font-bold=marked class:text-red-900=marked
                                    data-line=i data-testid=marked.then_some("gutter-error")>{i}</div>
                            }
                        }).collect_view()
                    }}
                </div>
                <textarea id="template-text" wrap="off" spellcheck="false" autocomplete="off" data-testid="template-editor"
                    class="min-w-0 flex-1 resize-none overflow-x-auto overflow-y-hidden whitespace-pre border-0 bg-transparent p-2 font-mono text-xs leading-5 text-slate-900 focus:outline-none read-only:bg-slate-50 read-only:text-slate-500"
                    rows=move || (lines.get() + 1).to_string()
                    readonly=move || readonly.get()
                    aria-describedby="template-text-help template-error"
                    aria-invalid=move || problem.with(|p| p.is_some()).to_string()
                    prop:value=move || template.get()
                    on:input=move |ev| template.set(event_target_value(&ev))></textarea>
            </div>
            <div id="template-error">
                {move || problem.get().map(|e| {
                    // Heat's own words, with the position it gives.
                    let AppError::Refused { message, .. } = e else {
                        return view! {
                            <p role="alert" class="mt-1 text-sm text-red-700" data-testid="template-error">{error_text(&e)}</p>
                        }.into_any();
                    };
                    let at = error_position(&message);
                    let line = at.map(|(l, _)| l.to_string());
                    let summary = error_summary(&message);
                    let text = move || match at {
                        Some((l, c)) => tr_dynamic_args("launch-stack-error-at", &[
                            ("line", l.to_string()),
                            ("column", c.to_string()),
                            ("message", summary.clone()),
                        ]),
                        None => summary.clone(),
                    };
                    let multiline = message.contains('\n');
                    view! {
                        <div role="alert" class="mt-1 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800"
                            data-testid="template-error" data-line=line>
                            <p class="[overflow-wrap:anywhere]">{text}</p>
                            {multiline.then(|| view! {
                                <details class="mt-1">
                                    <summary class="cursor-pointer text-xs">{move_tr!("launch-stack-error-details")}</summary>
                                    <pre class="mt-1 overflow-x-auto whitespace-pre font-mono text-xs">{message.clone()}</pre>
                                </details>
                            })}
                        </div>
                    }.into_any()
                })}
            </div>
        </div>
    }
}

/// The parameter form, a fieldset per group.
fn parameter_form(check: &TemplateCheck, ctx: ParamCtx) -> impl IntoView {
    let grouped = !check.groups.is_empty();
    let choices = ctx.choices.get_untracked();
    form_sections(check)
        .into_iter()
        .map(|s| {
            let legend = if s.rest {
                grouped.then(|| tr_dynamic("launch-stack-other-parameters"))
            } else {
                s.label.clone()
            };
            let fields = s
                .params
                .into_iter()
                .map(|p| param_input(p, ctx, &choices))
                .collect_view();
            view! {
                <fieldset class="mb-4 space-y-4 rounded-md border border-slate-200 p-4" data-testid="param-group">
                    {legend.map(|l| view! { <legend class="px-1 text-sm font-semibold">{l}</legend> })}
                    {s.description.map(|d| view! { <p class="text-sm text-slate-600">{d}</p> })}
                    {fields}
                </fieldset>
            }
        })
        .collect_view()
}

/// How a parameter is asked for.
#[derive(Debug, Clone, PartialEq)]
enum Control {
    Checkbox,
    /// The choices, and the Fluent id of an empty first option.
    Select(Vec<Choice>, Option<&'static str>),
    Password,
    Number,
    Text,
}

fn control_for(p: &ParamField, choices: &BTreeMap<String, Vec<Choice>>, current: &str) -> Control {
    let listed = if !p.allowed.is_empty() {
        Some(
            p.allowed
                .iter()
                .map(|v| Choice {
                    value: v.clone(),
                    label: v.clone(),
                })
                .collect::<Vec<_>>(),
        )
    } else {
        p.constraint.as_ref().and_then(|c| choices.get(c)).cloned()
    };
    if let Some(mut list) = listed {
        // What the form holds stays choosable, even if the cloud lacks it.
        if !current.is_empty() && !list.iter().any(|c| c.value == current) {
            list.insert(
                0,
                Choice {
                    value: current.to_string(),
                    label: current.to_string(),
                },
            );
        }
        let keypair = p.constraint.as_deref() == Some("nova.keypair");
        let empty = if keypair {
            Some("launch-param-no-keypair")
        } else if current.is_empty() || p.required() {
            Some("common-choose")
        } else {
            None
        };
        return Control::Select(list, empty);
    }
    match p.kind {
        ParamKind::Boolean => Control::Checkbox,
        _ if p.hidden => Control::Password,
        ParamKind::Number => Control::Number,
        _ => Control::Text,
    }
}

fn param_input(p: ParamField, ctx: ParamCtx, choices: &BTreeMap<String, Vec<Choice>>) -> AnyView {
    let id = param_field(&p.name);
    let name = p.name.clone();
    let current = ctx
        .inputs
        .with_untracked(|m| m.get(&name).cloned().unwrap_or_default());
    let control = control_for(&p, choices, &current);
    let value = {
        let name = name.clone();
        move || {
            ctx.inputs
                .with(|m| m.get(&name).cloned().unwrap_or_default())
        }
    };
    let set = {
        let name = name.clone();
        move |v: String| {
            ctx.inputs.update(|m| {
                m.insert(name.clone(), v);
            });
            ctx.touched.update(|t| {
                t.insert(name.clone());
            });
        }
    };
    let message = message_at(ctx.error, id.clone());
    let invalid = {
        let message = message.clone();
        move || message().is_some().to_string()
    };
    let help_id = format!("{id}-help");
    let error_id = format!("{id}-error");
    let described = format!("{help_id} {error_id}");
    let required = p.required() && p.kind != ParamKind::Boolean;
    let label_text = p.label.clone().unwrap_or_else(|| p.name.clone());
    let show_name = p.label.as_ref().is_some_and(|l| l != &p.name);
    let help: Vec<String> = [p.description.clone(), p.constraint_description.clone()]
        .into_iter()
        .flatten()
        .collect();
    let label = view! {
        <label for=id.clone() class="text-sm font-medium">
            {label_text}
            {show_name.then(|| view! { <code class="ml-2 text-xs font-normal text-slate-500">{name.clone()}</code> })}
            {required.then(|| view! { <span class="text-red-700" aria-hidden="true">" *"</span> })}
        </label>
    };
    let help = view! {
        <div id=help_id class="text-xs text-slate-600">
            {help.into_iter().map(|h| view! { <p>{h}</p> }).collect_view()}
        </div>
    };
    let error = view! { <p id=error_id role="alert" class="text-sm text-red-700">{message}</p> };
    let input = match control {
        Control::Checkbox => {
            let checked = value.clone();
            return view! {
                <div class="space-y-1" data-param=name.clone()>
                    <div class="flex items-center gap-2">
                        <input type="checkbox" id=id.clone() data-testid=id.clone() aria-describedby=described
                            prop:checked=move || truthy(&checked())
                            on:change=move |ev| set(if event_target_checked(&ev) { "true" } else { "false" }.to_string())/>
                        {label}
                    </div>
                    {help}
                    {error}
                </div>
            }
            .into_any();
        }
        Control::Select(list, empty) => view! {
            <select id=id.clone() data-testid=id.clone() class=SELECT required=required
                aria-describedby=described aria-invalid=invalid
                on:change=move |ev| set(event_target_value(&ev))>
                {empty.map(|key| {
                    let selected = value.clone();
                    view! { <option value="" selected=move || selected().is_empty()>{move || tr_dynamic(key)}</option> }
                })}
                {list.into_iter().map(|c| {
                    let selected = value.clone();
                    let v = c.value.clone();
                    view! { <option value=c.value selected=move || selected() == v>{c.label}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        Control::Password => view! {
            <input type="password" id=id.clone() data-testid=id.clone() class=INPUT required=required
                autocomplete="new-password" aria-describedby=described aria-invalid=invalid
                prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
        }
        .into_any(),
        Control::Number => view! {
            <input type="number" step="any" id=id.clone() data-testid=id.clone() class=INPUT required=required
                min=p.min.map(|m| m.to_string()) max=p.max.map(|m| m.to_string())
                aria-describedby=described aria-invalid=invalid
                prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
        }
        .into_any(),
        Control::Text => view! {
            <input type="text" id=id.clone() data-testid=id.clone() class=INPUT required=required
                spellcheck="false" aria-describedby=described aria-invalid=invalid
                prop:value=value on:input=move |ev| set(event_target_value(&ev))/>
        }
        .into_any(),
    };
    view! {
        <div class="max-w-xl space-y-1" data-param=name>
            <div>{label}</div>
            {input}
            {help}
            {error}
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, kind: ParamKind, default: Option<&str>) -> ParamField {
        ParamField {
            name: name.into(),
            kind,
            default: default.map(str::to_string),
            ..Default::default()
        }
    }

    fn field_of(e: AppError) -> String {
        e.field().unwrap_or_default().to_string()
    }

    #[test]
    fn yaml_error_positions_are_read() {
        let heat = "Error parsing template [root stack] mapping values are not allowed here\n  in \"<unicode string>\", line 3, column 5:\n      a: b: c\n        ^";
        assert_eq!(error_position(heat), Some((3, 5)));
        assert_eq!(
            error_summary(heat),
            "Error parsing template [root stack] mapping values are not allowed here"
        );
        // With a context mark first, the problem mark (the last) wins.
        let context = "while parsing a block mapping\n  in \"<unicode string>\", line 1, column 1:\n    heat_template_version: x\n    ^\nexpected <block end>, but found '-'\n  in \"<unicode string>\", line 4, column 2:\n     - b\n     ^";
        assert_eq!(error_position(context), Some((4, 2)));
        assert_eq!(
            error_summary(context),
            "while parsing a block mapping expected <block end>, but found '-'"
        );
        // All on one line, as some Heat versions send it.
        assert_eq!(
            error_position(
                "Template not in valid format: in \"<unicode string>\", line 12, column 40"
            ),
            Some((12, 40))
        );
        assert_eq!(
            error_position("The Resource Type (OS::Nope) could not be found."),
            None
        );
        assert_eq!(error_position("line 3 and column 4"), None);
        assert_eq!(
            error_summary("Unknown resource Type : OS::Nope"),
            "Unknown resource Type : OS::Nope"
        );
    }

    #[test]
    fn heat_errors_go_to_their_field() {
        assert_eq!(
            heat_error_target("The Parameter (flavor) was not provided."),
            ErrorTarget::Param("flavor".into())
        );
        assert_eq!(
            heat_error_target("Parameter 'key_name' is invalid: Error validating value 'x': The Key (x) could not be found."),
            ErrorTarget::Param("key_name".into())
        );
        assert_eq!(
            heat_error_target("The Stack (web) already exists."),
            ErrorTarget::Name
        );
        assert_eq!(
            heat_error_target("Invalid stack name 1x must contain only alphanumeric or \"_-.\" characters, must start with alpha and must be 255 characters or less."),
            ErrorTarget::Name
        );
        assert_eq!(
            heat_error_target("Error parsing template [root stack] found character '\\t'\n  in \"<unicode string>\", line 2, column 1:"),
            ErrorTarget::Template
        );
        assert_eq!(
            heat_error_target("Could not retrieve template: Failed to retrieve template data from http://x (HTTP 404)"),
            ErrorTarget::TemplateUrl
        );
        assert_eq!(
            heat_error_target("environment has wrong section \"foo\""),
            ErrorTarget::Environment
        );
        assert_eq!(
            heat_error_target("The Resource Type (OS::Nope) could not be found."),
            ErrorTarget::Form
        );

        let e = heat_refusal(400, "The Parameter (image) was not provided.".into());
        assert_eq!(
            e,
            AppError::Refused {
                field: "param-image".into(),
                message: "The Parameter (image) was not provided.".into()
            }
        );
        assert_eq!(
            field_of(heat_refusal(409, "The Stack (a) already exists.".into())),
            "name"
        );
        assert_eq!(
            heat_refusal(400, "Quota exceeded".into()),
            AppError::Cloud {
                status: 400,
                message: "Quota exceeded".into()
            }
        );
    }

    #[test]
    fn stack_names_follow_heats_rule() {
        assert!(check_stack_name("web").is_ok());
        assert!(check_stack_name("a_b-c.1").is_ok());
        assert!(check_stack_name(&format!("a{}", "b".repeat(254))).is_ok());
        let key = |n: &str| match check_stack_name(n) {
            Err(AppError::InvalidInput { field, key }) => {
                assert_eq!(field, "name");
                key
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(key(""), "launch-stack-name-required");
        assert_eq!(key("1web"), "launch-stack-name-start");
        assert_eq!(key("_web"), "launch-stack-name-start");
        assert_eq!(key("my stack"), "launch-stack-name-chars");
        assert_eq!(key("wéb"), "launch-stack-name-chars");
        assert_eq!(key(&"a".repeat(256)), "launch-stack-name-too-long");
    }

    #[test]
    fn groups_come_first_then_the_rest_in_template_order() {
        let check = TemplateCheck {
            description: None,
            params: ["z", "image", "flavor", "a", "network"]
                .iter()
                .map(|n| field(n, ParamKind::String, Some("")))
                .collect(),
            groups: vec![
                ParamGroupView {
                    label: Some("Network".into()),
                    description: None,
                    parameters: vec!["network".into(), "missing".into()],
                },
                ParamGroupView {
                    label: Some("Server".into()),
                    description: Some("What to boot".into()),
                    parameters: vec!["flavor".into(), "image".into(), "network".into()],
                },
                ParamGroupView {
                    label: Some("Empty".into()),
                    description: None,
                    parameters: vec!["nothing".into()],
                },
            ],
        };
        let sections = form_sections(&check);
        let names: Vec<(Option<&str>, bool, Vec<&str>)> = sections
            .iter()
            .map(|s| {
                (
                    s.label.as_deref(),
                    s.rest,
                    s.params.iter().map(|p| p.name.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                (Some("Network"), false, vec!["network"]),
                (Some("Server"), false, vec!["flavor", "image"]),
                (None, true, vec!["z", "a"]),
            ]
        );
        // Without groups, one section in template order.
        let plain = TemplateCheck {
            groups: vec![],
            ..check
        };
        let sections = form_sections(&plain);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].params.len(), 5);
        assert_eq!(sections[0].params[0].name, "z");
    }

    #[test]
    fn form_inputs_become_heat_parameters() {
        let params = vec![
            field("count", ParamKind::Number, Some("1")),
            field("debug", ParamKind::Boolean, Some("false")),
            field("flavor", ParamKind::String, Some("m1.tiny")),
            field("key_name", ParamKind::String, Some("")),
            field("image", ParamKind::String, None),
            field("purge", ParamKind::Boolean, None),
        ];
        let inputs: BTreeMap<String, String> = [
            ("count", " 2 "),
            ("debug", "true"),
            ("flavor", ""),
            ("key_name", ""),
            ("image", "cirros"),
            ("ignored", "x"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let values = parameter_values(&params, &inputs).unwrap();
        let expected: BTreeMap<String, String> = [
            ("count", "2"),
            ("debug", "true"),
            ("image", "cirros"),
            ("purge", "false"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(values, expected);

        // An empty required parameter is refused at its field.
        let mut missing = inputs.clone();
        missing.insert("image".into(), "  ".into());
        assert_eq!(
            parameter_values(&params, &missing),
            Err(AppError::invalid("param-image", "launch-param-required"))
        );
        // A number that is not one, too.
        let mut bad = inputs;
        bad.insert("count".into(), "two".into());
        assert_eq!(
            parameter_values(&params, &bad),
            Err(AppError::invalid("param-count", "launch-param-not-number"))
        );
    }

    #[test]
    fn heat_values_read_as_form_text() {
        use serde_json::json;
        assert_eq!(value_text(&json!("a")), Some("a".into()));
        assert_eq!(value_text(&json!(2)), Some("2".into()));
        assert_eq!(value_text(&json!(false)), Some("false".into()));
        assert_eq!(value_text(&json!(["a", "b"])), Some("a,b".into()));
        assert_eq!(value_text(&json!({"k": 1})), Some("{\"k\":1}".into()));
        assert_eq!(value_text(&json!(null)), None);
        assert_eq!(ParamKind::from_heat("CommaDelimitedList"), ParamKind::List);
        assert_eq!(
            ParamKind::from_heat("comma_delimited_list"),
            ParamKind::List
        );
        assert_eq!(ParamKind::from_heat("Number"), ParamKind::Number);
        assert_eq!(ParamKind::from_heat("String"), ParamKind::String);
    }

    #[test]
    fn parameters_get_the_right_control() {
        let choices: BTreeMap<String, Vec<Choice>> = [(
            "nova.keypair".to_string(),
            vec![Choice {
                value: "mine".into(),
                label: "mine".into(),
            }],
        )]
        .into_iter()
        .collect();
        let mut key = field("key_name", ParamKind::String, Some(""));
        key.constraint = Some("nova.keypair".into());
        assert_eq!(
            control_for(&key, &choices, ""),
            Control::Select(
                vec![Choice {
                    value: "mine".into(),
                    label: "mine".into()
                }],
                Some("launch-param-no-keypair")
            )
        );
        // A constraint the cloud gave no list for stays a text field.
        let mut flavor = field("flavor", ParamKind::String, Some("m1.tiny"));
        flavor.constraint = Some("nova.flavor".into());
        assert_eq!(control_for(&flavor, &choices, "m1.tiny"), Control::Text);
        // Allowed values; the current value is kept even if not allowed.
        let mut size = field("size", ParamKind::String, Some("s"));
        size.allowed = vec!["s".into(), "m".into()];
        match control_for(&size, &choices, "xl") {
            Control::Select(list, None) => {
                assert_eq!(
                    list.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(),
                    ["xl", "s", "m"]
                )
            }
            other => panic!("{other:?}"),
        }
        let mut secret = field("password", ParamKind::String, None);
        secret.hidden = true;
        assert_eq!(control_for(&secret, &choices, ""), Control::Password);
        assert_eq!(
            control_for(&field("n", ParamKind::Number, None), &choices, ""),
            Control::Number
        );
        assert_eq!(
            control_for(&field("b", ParamKind::Boolean, None), &choices, ""),
            Control::Checkbox
        );
        assert_eq!(
            control_for(&field("j", ParamKind::Json, None), &choices, ""),
            Control::Text
        );
    }

    #[test]
    fn choices_use_names_unless_they_repeat() {
        let list = choices_of(vec![
            ("id1".into(), "private".into(), String::new()),
            ("id2".into(), "dup".into(), "10.0.0.0/24".into()),
            ("id3".into(), "dup".into(), String::new()),
            ("id4".into(), String::new(), String::new()),
        ]);
        let values: Vec<&str> = list.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(values, ["private", "id2", "id3", "id4"]);
        assert_eq!(list[1].label, "dup (10.0.0.0/24)");
        assert_eq!(list[3].label, "id4");
    }
}
