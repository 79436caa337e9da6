//! Template tools: the resource type browser (every type the cloud's Heat
//! supports, grouped by namespace, with the selected type's schema and a
//! ready-to-copy HOT snippet) and the template versions with their
//! intrinsic functions.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::format::format_number;
use crate::i18n::{current_language, tr_count, tr_dynamic, tr_dynamic_args};
use crate::ui::{fetched, query_string, yes_no, Loading, PageHeader, BUTTON, CARD, TABLE, TD, TH};

/// One entry of the resource type list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceTypeItem {
    pub name: String,
    pub description: Option<String>,
}

/// A property constraint, kept structured so the browser words it in the
/// user's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ConstraintKind {
    AllowedValues(Vec<String>),
    Range {
        min: Option<f64>,
        max: Option<f64>,
    },
    Length {
        min: Option<f64>,
        max: Option<f64>,
    },
    Pattern(String),
    Custom(String),
    /// A constraint this page does not know, as Heat sent it (JSON).
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConstraintRow {
    pub kind: ConstraintKind,
    /// Heat's own explanation, when the type gives one.
    pub description: Option<String>,
}

/// One property of a type; members of lists and maps follow their parent
/// with a greater `depth`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyRow {
    /// `networks.*.port` for nested members; the name at the top level.
    pub path: String,
    /// The key within its parent; `*` stands for every member of a list
    /// (or map).
    pub name: String,
    pub depth: u32,
    pub kind: String,
    pub description: Option<String>,
    pub required: bool,
    pub update_allowed: bool,
    pub immutable: bool,
    /// The default as YAML-ish text (strings bare, the rest as JSON).
    pub default: Option<String>,
    pub constraints: Vec<ConstraintRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeRow {
    pub name: String,
    pub description: Option<String>,
    pub kind: Option<String>,
}

/// A type's support status when it is not plainly supported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportNote {
    /// `DEPRECATED`, `UNSUPPORTED`, `HIDDEN`…
    pub status: String,
    pub message: Option<String>,
    pub version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSchemaView {
    pub resource_type: String,
    pub description: Option<String>,
    pub support: Option<SupportNote>,
    pub properties: Vec<PropertyRow>,
    pub attributes: Vec<AttributeRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersionRow {
    pub version: String,
    /// `hot` or `cfn`.
    pub kind: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateFunctionRow {
    pub name: String,
    pub description: Option<String>,
}

/// How deep nested list/map schemas are shown; Heat's own types stop well
/// before this.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
const MAX_DEPTH: u32 = 6;

// ---------------------------------------------------------------------------
// Pure helpers

/// The group a type is listed under: the first two parts of
/// `OS::Nova::Server` (`OS::Nova`), the first of a two-part name, nothing
/// for names without `::` (provider templates, URLs).
pub fn namespace_of(name: &str) -> String {
    let parts: Vec<&str> = name.split("::").collect();
    match parts.len() {
        0 | 1 => String::new(),
        2 => parts[0].to_string(),
        _ => parts[..2].join("::"),
    }
}

/// Whether `name` contains `filter`, ignoring case and surrounding blanks.
pub fn matches_filter(name: &str, filter: &str) -> bool {
    let filter = filter.trim();
    filter.is_empty() || name.to_lowercase().contains(&filter.to_lowercase())
}

/// The types matching `filter`, grouped by namespace: namespaces and the
/// types within them sorted by name, the unnamed group last.
pub fn group_by_namespace(
    items: &[ResourceTypeItem],
    filter: &str,
) -> Vec<(String, Vec<ResourceTypeItem>)> {
    let mut groups = std::collections::BTreeMap::<String, Vec<ResourceTypeItem>>::new();
    for item in items.iter().filter(|t| matches_filter(&t.name, filter)) {
        groups
            .entry(namespace_of(&item.name))
            .or_default()
            .push(item.clone());
    }
    let mut out: Vec<(String, Vec<ResourceTypeItem>)> = groups
        .into_iter()
        .map(|(ns, mut items)| {
            items.sort_by(|a, b| a.name.cmp(&b.name));
            (ns, items)
        })
        .collect();
    // BTreeMap puts "" first; "other" reads best at the end.
    if out.first().is_some_and(|(ns, _)| ns.is_empty()) {
        let other = out.remove(0);
        out.push(other);
    }
    out
}

/// A number as the language writes it: whole numbers grouped, others with
/// the language's decimal separator.
pub fn number_text(x: f64, lang: &str) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format_number(x as i64, lang)
    } else if lang == "de" {
        x.to_string().replace('.', ",")
    } else {
        x.to_string()
    }
}

/// The Fluent id and arguments that word a constraint; `None` for one this
/// page does not know (shown as Heat sent it).
pub fn constraint_message(
    kind: &ConstraintKind,
    lang: &str,
) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let bounds = |min: &Option<f64>, max: &Option<f64>, keys: [&'static str; 3]| match (min, max) {
        (Some(a), Some(b)) => Some((
            keys[0],
            vec![
                ("min", number_text(*a, lang)),
                ("max", number_text(*b, lang)),
            ],
        )),
        (Some(a), None) => Some((keys[1], vec![("min", number_text(*a, lang))])),
        (None, Some(b)) => Some((keys[2], vec![("max", number_text(*b, lang))])),
        (None, None) => None,
    };
    match kind {
        ConstraintKind::AllowedValues(values) => Some((
            "resource-types-allowed-values",
            vec![("values", values.join(", "))],
        )),
        ConstraintKind::Range { min, max } => bounds(
            min,
            max,
            [
                "resource-types-range-between",
                "resource-types-range-min",
                "resource-types-range-max",
            ],
        ),
        ConstraintKind::Length { min, max } => bounds(
            min,
            max,
            [
                "resource-types-length-between",
                "resource-types-length-min",
                "resource-types-length-max",
            ],
        ),
        ConstraintKind::Pattern(p) => {
            Some(("resource-types-pattern", vec![("pattern", p.clone())]))
        }
        ConstraintKind::Custom(name) => {
            Some(("resource-types-custom", vec![("name", name.clone())]))
        }
        ConstraintKind::Other(_) => None,
    }
}

/// The constraint in the user's language.
fn constraint_text(kind: &ConstraintKind) -> String {
    match constraint_message(kind, &current_language()) {
        Some((key, args)) => tr_dynamic_args(key, &args),
        None => match kind {
            ConstraintKind::Other(raw) => raw.clone(),
            _ => String::new(),
        },
    }
}

/// A JSON value as a template author writes it: strings bare (quoted when
/// empty), everything else as compact JSON.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) if s.is_empty() => "\"\"".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads one of Heat's constraint objects (`{"length": {"min": 1}, "description": …}`).
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn parse_constraint(value: &serde_json::Value) -> ConstraintRow {
    use serde_json::Value;
    let bound = |v: &Value, key: &str| {
        v.get(key).and_then(|b| match b {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    };
    let description = value
        .get("description")
        .and_then(Value::as_str)
        .filter(|d| !d.is_empty())
        .map(str::to_owned);
    let kind = if let Some(values) = value.get("allowed_values").and_then(Value::as_array) {
        ConstraintKind::AllowedValues(values.iter().map(value_text).collect())
    } else if let Some(r) = value.get("range").filter(|r| r.is_object()) {
        ConstraintKind::Range {
            min: bound(r, "min"),
            max: bound(r, "max"),
        }
    } else if let Some(l) = value.get("length").filter(|l| l.is_object()) {
        ConstraintKind::Length {
            min: bound(l, "min"),
            max: bound(l, "max"),
        }
    } else if let Some(p) = value.get("allowed_pattern").and_then(Value::as_str) {
        ConstraintKind::Pattern(p.to_owned())
    } else if let Some(c) = value.get("custom_constraint").and_then(Value::as_str) {
        ConstraintKind::Custom(c.to_owned())
    } else {
        // Nothing but a description is not worth a line of its own.
        let mut rest = value.clone();
        if let Some(map) = rest.as_object_mut() {
            map.remove("description");
        }
        ConstraintKind::Other(rest.to_string())
    };
    // A range or length without bounds says nothing.
    let kind = match kind {
        ConstraintKind::Range {
            min: None,
            max: None,
        }
        | ConstraintKind::Length {
            min: None,
            max: None,
        } => ConstraintKind::Other(value.to_string()),
        k => k,
    };
    ConstraintRow { kind, description }
}

/// The properties in Heat's order, each followed by the members of its
/// list or map schema, indented.
#[cfg(feature = "ssr")]
pub fn property_rows(
    properties: &[(String, openstack::orchestration::PropertySchema)],
) -> Vec<PropertyRow> {
    let mut out = Vec::new();
    for (name, p) in properties {
        push_property(&mut out, name, name, p, 0);
    }
    out
}

#[cfg(feature = "ssr")]
fn push_property(
    out: &mut Vec<PropertyRow>,
    path: &str,
    name: &str,
    p: &openstack::orchestration::PropertySchema,
    depth: u32,
) {
    out.push(PropertyRow {
        path: path.to_owned(),
        name: name.to_owned(),
        depth,
        kind: p.kind.clone(),
        description: p.description.clone(),
        required: p.required,
        update_allowed: p.update_allowed,
        immutable: p.immutable,
        default: p.default.as_ref().filter(|d| !d.is_null()).map(value_text),
        constraints: p.constraints.iter().map(parse_constraint).collect(),
    });
    if depth >= MAX_DEPTH {
        return;
    }
    let Some(serde_json::Value::Object(members)) = &p.schema else {
        return;
    };
    for (key, member) in members {
        // A member Heat describes oddly is left out rather than failing the page.
        if let Ok(schema) =
            serde_json::from_value::<openstack::orchestration::PropertySchema>(member.clone())
        {
            push_property(out, &format!("{path}.{key}"), key, &schema, depth + 1);
        }
    }
}

/// A YAML plain scalar when `s` can be one, else single-quoted.
pub fn yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !s.ends_with(char::is_whitespace)
        && !s.contains(['\n', '\t']);
    if plain {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// A HOT resource of `type_name` with a placeholder for each of
/// `required` (top-level property names), ready to paste under
/// `resources:`.
pub fn hot_snippet(type_name: &str, required: &[&str]) -> String {
    let mut out = format!("my_resource:\n  type: {}\n", yaml_scalar(type_name));
    if !required.is_empty() {
        out.push_str("  properties:\n");
        for name in required {
            out.push_str(&format!(
                "    {}: {}\n",
                yaml_scalar(name),
                yaml_scalar(&format!("<{name}>"))
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Server functions

/// Every resource type the cloud supports, with its description.
#[server(endpoint = "heat_resource_types")]
pub async fn heat_resource_types() -> Result<Vec<ResourceTypeItem>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let types = openstack::orchestration::list_resource_types(&api).await?;
    Ok(types
        .into_iter()
        .map(|t| ResourceTypeItem {
            name: t.resource_type,
            description: t.description,
        })
        .collect())
}

/// The schema of one resource type.
#[server(endpoint = "heat_resource_type_schema")]
pub async fn heat_resource_type_schema(type_name: String) -> Result<TypeSchemaView, AppError> {
    let type_name = type_name.trim();
    if type_name.is_empty() {
        return Err(AppError::invalid("type", "resource-types-name-required"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let schema = openstack::orchestration::get_resource_type_schema(&api, type_name)
        .await
        .map_err(|e| match e {
            openstack::Error::NotFound { .. } => {
                AppError::invalid("type", "resource-types-not-found")
            }
            e => e.into(),
        })?;
    let text = |v: &serde_json::Value, key: &str| {
        v.get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let support = schema
        .support_status
        .as_ref()
        .and_then(|s| {
            Some(SupportNote {
                status: text(s, "status")?,
                message: text(s, "message"),
                version: text(s, "version"),
            })
        })
        .filter(|s| s.status != "SUPPORTED");
    Ok(TypeSchemaView {
        resource_type: if schema.resource_type.is_empty() {
            type_name.to_owned()
        } else {
            schema.resource_type.clone()
        },
        description: schema.description.clone(),
        support,
        properties: property_rows(&schema.properties),
        attributes: schema
            .attributes
            .into_iter()
            .map(|(name, a)| AttributeRow {
                name,
                description: a.description,
                kind: a.kind,
            })
            .collect(),
    })
}

#[server(endpoint = "heat_template_versions")]
pub async fn heat_template_versions() -> Result<Vec<TemplateVersionRow>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let versions = openstack::orchestration::list_template_versions(&api).await?;
    Ok(versions
        .into_iter()
        .map(|v| TemplateVersionRow {
            version: v.version,
            kind: v.kind,
            aliases: v.aliases,
        })
        .collect())
}

/// The intrinsic functions of one template version.
#[server(endpoint = "heat_template_functions")]
pub async fn heat_template_functions(
    version: String,
) -> Result<Vec<TemplateFunctionRow>, AppError> {
    let version = version.trim();
    if version.is_empty() {
        return Err(AppError::invalid("version", "template-versions-not-found"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let functions = openstack::orchestration::list_template_functions(&api, version)
        .await
        .map_err(|e| match e {
            openstack::Error::NotFound { .. } => {
                AppError::invalid("version", "template-versions-not-found")
            }
            e => e.into(),
        })?;
    Ok(functions
        .into_iter()
        .map(|f| TemplateFunctionRow {
            name: f.functions,
            description: f.description,
        })
        .collect())
}

// ---------------------------------------------------------------------------
// Resource types page

#[component]
pub fn ResourceTypesPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let selected = Memo::new(move |_| param("type"));
    // Typing filters at once; the URL follows when the form is sent or a
    // type is chosen, and a changed URL (back, a link) sets the field.
    let filter = RwSignal::new(query.with_untracked(|q| q.get("filter").unwrap_or_default()));
    Effect::new(move |_| {
        let f = param("filter");
        if f != filter.get_untracked() {
            filter.set(f);
        }
    });
    let types = Resource::new(|| (), |_| heat_resource_types());
    let schema = Resource::new(
        move || selected.get(),
        |t: String| async move {
            if t.trim().is_empty() {
                Ok(None)
            } else {
                heat_resource_type_schema(t).await.map(Some)
            }
        },
    );

    view! {
        <PageHeader title=move_tr!("resource-types-title") description=move_tr!("resource-types-description")/>
        <div class="grid gap-6 lg:grid-cols-[minmax(16rem,24rem)_minmax(0,1fr)]">
            <section class=CARD aria-labelledby="resource-types-list-heading">
                <h2 id="resource-types-list-heading" class="sr-only">{move_tr!("resource-types-list-label")}</h2>
                <Form method="GET" action="" attr:class="mb-3 flex items-end gap-2">
                    <div class="min-w-0 flex-1 space-y-1">
                        <label for="resource-types-filter" class="block text-sm font-medium">{move_tr!("resource-types-filter-label")}</label>
                        <input id="resource-types-filter" name="filter" type="search" autocomplete="off"
                            data-testid="resource-types-filter"
                            prop:value=move || filter.get()
                            on:input=move |ev| filter.set(event_target_value(&ev))
                            class="block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-sky-600"/>
                    </div>
                    <input type="hidden" name="type" value=move || selected.get()/>
                    <button type="submit" class=BUTTON>{move_tr!("resource-types-filter-apply")}</button>
                </Form>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        fetched(types.await, move |list| type_list(list, filter, selected).into_any())
                    })}
                </Transition>
            </section>
            <div class="min-w-0">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        fetched(schema.await, |found| match found {
                            Some(s) => schema_view(s).into_any(),
                            None => view! {
                                <p class="text-sm text-slate-600" data-testid="resource-types-choose">{move_tr!("resource-types-choose")}</p>
                            }.into_any(),
                        })
                    })}
                </Transition>
            </div>
        </div>
    }
}

/// The filtered list, grouped by namespace.
fn type_list(
    list: Vec<ResourceTypeItem>,
    filter: RwSignal<String>,
    selected: Memo<String>,
) -> impl IntoView {
    move || {
        let groups = group_by_namespace(&list, &filter.get());
        let count: usize = groups.iter().map(|(_, items)| items.len()).sum();
        let body = if groups.is_empty() {
            view! { <p class="text-sm text-slate-600" data-testid="resource-types-empty">{move_tr!("resource-types-empty")}</p> }.into_any()
        } else {
            view! {
                <nav aria-label=move_tr!("resource-types-list-label") class="max-h-[70vh] overflow-y-auto pr-1" data-testid="resource-types-list">
                    {groups.into_iter().map(|(ns, items)| {
                        let heading = if ns.is_empty() {
                            view! { <span>{move_tr!("resource-types-other")}</span> }.into_any()
                        } else {
                            view! { <span class="font-mono">{ns.clone()}</span> }.into_any()
                        };
                        view! {
                            <div class="mb-3" data-testid="resource-type-group" data-namespace=ns>
                                <h3 class="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{heading}</h3>
                                <ul class="space-y-0.5">
                                    {items.into_iter().map(|t| type_link(t, filter, selected)).collect_view()}
                                </ul>
                            </div>
                        }
                    }).collect_view()}
                </nav>
            }.into_any()
        };
        view! {
            <p class="mb-2 text-xs text-slate-500" role="status" data-testid="resource-types-count">
                {move || tr_count("resource-types-count", "count", count as i64)}
            </p>
            {body}
        }
    }
}

fn type_link(
    t: ResourceTypeItem,
    filter: RwSignal<String>,
    selected: Memo<String>,
) -> impl IntoView {
    let name = t.name.clone();
    let href = {
        let name = name.clone();
        move || query_string(&[("filter", filter.get()), ("type", name.clone())])
    };
    let current = {
        let name = name.clone();
        move || (selected.get() == name).then_some("page")
    };
    let data_type = name.clone();
    view! {
        <li>
            <a href=href aria-current=current data-testid="resource-type-link" data-type=data_type
                class="block rounded px-2 py-1 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 aria-[current=page]:bg-sky-100 aria-[current=page]:font-semibold">
                <span class="block break-all font-mono text-xs text-sky-800">{name}</span>
                {t.description.map(|d| {
                    let title = d.clone();
                    view! { <span class="block truncate text-xs text-slate-500" title=title>{d}</span> }
                })}
            </a>
        </li>
    }
}

/// The support status in words; Heat's own word for a status we do not know.
fn support_text(status: &str) -> String {
    match status {
        "DEPRECATED" => tr_dynamic("resource-types-support-deprecated"),
        "UNSUPPORTED" => tr_dynamic("resource-types-support-unsupported"),
        "HIDDEN" => tr_dynamic("resource-types-support-hidden"),
        "UNKNOWN" => tr_dynamic("resource-types-support-unknown"),
        other => other.to_owned(),
    }
}

fn schema_view(s: TypeSchemaView) -> impl IntoView {
    let required: Vec<&str> = s
        .properties
        .iter()
        .filter(|p| p.depth == 0 && p.required)
        .map(|p| p.name.as_str())
        .collect();
    let snippet = hot_snippet(&s.resource_type, &required);
    let type_name = s.resource_type.clone();
    let support = s.support.clone().map(|n| {
        let status = n.status.clone();
        view! {
            <p role="note" class="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="resource-type-support">
                {move || tr_dynamic_args("resource-types-support", &[("status", support_text(&status))])}
                {n.version.map(|v| view! { <span class="ml-1 text-amber-800">{move || tr_dynamic_args("resource-types-support-since", &[("version", v.clone())])}</span> })}
                {n.message.map(|m| view! { <span class="block">{m}</span> })}
            </p>
        }
    });
    let properties = if s.properties.is_empty() {
        view! { <p class="text-sm text-slate-600">{move_tr!("resource-types-no-properties")}</p> }
            .into_any()
    } else {
        view! {
            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table class=TABLE data-testid="properties-table">
                    <thead class="bg-slate-50">
                        <tr>
                            <th class=TH scope="col">{move_tr!("resource-types-property-name")}</th>
                            <th class=TH scope="col">{move_tr!("resource-types-property-type")}</th>
                            <th class=TH scope="col">{move_tr!("resource-types-property-required")}</th>
                            <th class=TH scope="col">{move_tr!("resource-types-property-update")}</th>
                            <th class=TH scope="col">{move_tr!("resource-types-property-default")}</th>
                            <th class=TH scope="col">{move_tr!("resource-types-property-constraints")}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                        {s.properties.into_iter().map(property_row).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any()
    };
    let attributes = if s.attributes.is_empty() {
        view! { <p class="text-sm text-slate-600">{move_tr!("resource-types-no-attributes")}</p> }
            .into_any()
    } else {
        view! {
            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table class=TABLE data-testid="attributes-table">
                    <thead class="bg-slate-50">
                        <tr>
                            <th class=TH scope="col">{move_tr!("resource-types-attribute-name")}</th>
                            <th class=TH scope="col">{move_tr!("resource-types-attribute-description")}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                        {s.attributes.into_iter().map(|a| {
                            let data_name = a.name.clone();
                            view! {
                            <tr data-testid="attribute-row" data-name=data_name>
                                <td class=format!("{TD} whitespace-nowrap font-mono text-xs")>
                                    {a.name}
                                    {a.kind.map(|k| view! { <span class="ml-1 text-slate-500">"("{k}")"</span> })}
                                </td>
                                <td class=TD>{a.description}</td>
                            </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any()
    };
    let data_type = type_name.clone();
    view! {
        <section class="space-y-6" data-testid="resource-type-schema" data-type=data_type>
            <div class=CARD>
                <h2 class="break-all font-mono text-lg font-semibold text-slate-900">{type_name}</h2>
                {s.description.map(|d| view! { <p class="mt-1 whitespace-pre-line text-sm text-slate-700">{d}</p> })}
                {support}
            </div>
            <div>
                <h3 class="mb-2 font-semibold">{move_tr!("resource-types-properties")}</h3>
                {properties}
            </div>
            <div>
                <h3 class="mb-2 font-semibold">{move_tr!("resource-types-attributes")}</h3>
                {attributes}
            </div>
            <HotSnippet snippet=snippet/>
        </section>
    }
}

fn property_row(p: PropertyRow) -> impl IntoView {
    // Nested members step in, so a list's item schema reads as part of it.
    let indent = format!("padding-left: {}rem", 0.75 + p.depth as f32 * 1.25);
    let name = if p.name == "*" {
        view! { <span class="italic text-slate-600">{move_tr!("resource-types-list-item")}</span> }
            .into_any()
    } else {
        view! { <span class="font-mono text-xs font-medium">{p.name.clone()}</span> }.into_any()
    };
    let update = if p.immutable {
        move_tr!("resource-types-update-immutable")
    } else if p.update_allowed {
        move_tr!("resource-types-update-in-place")
    } else {
        move_tr!("resource-types-update-replace")
    };
    let row_class = if p.depth > 0 { "bg-slate-50/60" } else { "" };
    let (path, depth) = (p.path.clone(), p.depth.to_string());
    view! {
        <tr data-testid="property-row" data-name=path data-depth=depth class=row_class>
            <td class=TD style=indent>
                {(p.depth > 0).then(|| view! { <span aria-hidden="true" class="mr-1 text-slate-400">"↳"</span> })}
                {name}
                {p.description.map(|d| view! { <p class="mt-0.5 max-w-md whitespace-pre-line text-xs text-slate-600">{d}</p> })}
            </td>
            <td class=format!("{TD} font-mono text-xs")>{p.kind}</td>
            <td class=TD data-testid="property-required">{yes_no(p.required)}</td>
            <td class=format!("{TD} whitespace-nowrap") data-testid="property-update">{update}</td>
            <td class=TD>
                {p.default.map(|d| view! { <code class="break-all text-xs">{d}</code> })}
            </td>
            <td class=TD>
                <ul class="space-y-1" data-testid="property-constraints">
                    {p.constraints.into_iter().map(|c| {
                        let kind = c.kind.clone();
                        view! {
                            <li class="text-xs">
                                <span class="break-all">{move || constraint_text(&kind)}</span>
                                {c.description.map(|d| view! { <span class="block text-slate-500">{d}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}

/// The ready-to-copy HOT snippet with a Copy button.
#[component]
fn HotSnippet(snippet: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let text = snippet.clone();
    let copy = move |_| {
        crate::ui::copy_to_clipboard(&text);
        copied.set(true);
    };
    view! {
        <div class=CARD>
            <div class="mb-2 flex items-center justify-between gap-3">
                <h3 id="hot-snippet-heading" class="font-semibold">{move_tr!("resource-types-snippet")}</h3>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm text-sky-800 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600"
                    aria-describedby="hot-snippet-heading" data-testid="hot-snippet-copy" on:click=copy>
                    {move || if copied.get() { move_tr!("common-copied").get() } else { move_tr!("common-copy").get() }}
                </button>
            </div>
            <p class="mb-2 text-xs text-slate-600">{move_tr!("resource-types-snippet-help")}</p>
            <pre class="overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
                aria-labelledby="hot-snippet-heading" data-testid="hot-snippet"><code>{snippet}</code></pre>
            <span class="sr-only" role="status">{move || copied.get().then(|| move_tr!("common-copied").get())}</span>
        </div>
    }
}

// ---------------------------------------------------------------------------
// Template versions page

#[component]
pub fn TemplateVersionsPage() -> impl IntoView {
    let query = use_query_map();
    let selected = Memo::new(move |_| query.read().get("version").unwrap_or_default());
    let versions = Resource::new(|| (), |_| heat_template_versions());
    let functions = Resource::new(
        move || selected.get(),
        |v: String| async move {
            if v.trim().is_empty() {
                Ok(None)
            } else {
                heat_template_functions(v.clone())
                    .await
                    .map(|f| Some((v, f)))
            }
        },
    );

    view! {
        <PageHeader title=move_tr!("template-versions-title") description=move_tr!("template-versions-description")/>
        <div class="space-y-6">
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(versions.await, move |list| {
                        if list.is_empty() {
                            return view! { <p class="text-sm text-slate-600" data-testid="template-versions-empty">{move_tr!("template-versions-empty")}</p> }.into_any();
                        }
                        view! {
                            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                                <table class=TABLE data-testid="template-versions-table">
                                    <thead class="bg-slate-50">
                                        <tr>
                                            <th class=TH scope="col">{move_tr!("template-versions-version")}</th>
                                            <th class=TH scope="col">{move_tr!("template-versions-type")}</th>
                                            <th class=TH scope="col">{move_tr!("template-versions-aliases")}</th>
                                        </tr>
                                    </thead>
                                    <tbody class="divide-y divide-slate-100">
                                        {list.into_iter().map(|v| version_row(v, selected)).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any()
                    })
                })}
            </Transition>
            <section aria-labelledby="template-functions-heading">
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        fetched(functions.await, |found| match found {
                            None => view! {
                                <p id="template-functions-heading" class="text-sm text-slate-600" data-testid="template-versions-choose">{move_tr!("template-versions-choose")}</p>
                            }.into_any(),
                            Some((version, list)) => functions_view(version, list).into_any(),
                        })
                    })}
                </Transition>
            </section>
        </div>
    }
}

fn version_row(v: TemplateVersionRow, selected: Memo<String>) -> impl IntoView {
    let version = v.version.clone();
    let is_selected = {
        let version = version.clone();
        move || selected.get() == version
    };
    let row_class = {
        let is_selected = is_selected.clone();
        move || if is_selected() { "bg-sky-50" } else { "" }
    };
    let current = move || is_selected().then_some("page");
    let href = query_string(&[("version", version.clone())]);
    let data_version = version.clone();
    view! {
        <tr data-testid="version-row" data-version=data_version class=row_class>
            <td class=format!("{TD} font-mono text-xs")>
                <a href=href aria-current=current data-testid="version-link"
                    class="break-all text-sky-700 hover:underline aria-[current=page]:font-semibold">{version}</a>
            </td>
            <td class=format!("{TD} uppercase")>{v.kind}</td>
            <td class=format!("{TD} font-mono text-xs")>{v.aliases.join(", ")}</td>
        </tr>
    }
}

fn functions_view(version: String, list: Vec<TemplateFunctionRow>) -> impl IntoView {
    let title = move || {
        tr_dynamic_args(
            "template-versions-functions-title",
            &[("version", version.clone())],
        )
    };
    let body = if list.is_empty() {
        view! { <p class="text-sm text-slate-600" data-testid="functions-empty">{move_tr!("template-versions-no-functions")}</p> }.into_any()
    } else {
        view! {
            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table class=TABLE data-testid="functions-table">
                    <thead class="bg-slate-50">
                        <tr>
                            <th class=TH scope="col">{move_tr!("template-versions-function-name")}</th>
                            <th class=TH scope="col">{move_tr!("template-versions-function-description")}</th>
                        </tr>
                    </thead>
                    <tbody class="divide-y divide-slate-100">
                        {list.into_iter().map(|f| {
                            let data_name = f.name.clone();
                            view! {
                            <tr data-testid="function-row" data-name=data_name>
                                <td class=format!("{TD} whitespace-nowrap font-mono text-xs font-medium")>{f.name}</td>
                                <td class=TD>{f.description}</td>
                            </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any()
    };
    view! {
        <h2 id="template-functions-heading" class="mb-2 break-all font-semibold">{title}</h2>
        {body}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(name: &str) -> ResourceTypeItem {
        ResourceTypeItem {
            name: name.into(),
            description: None,
        }
    }

    #[test]
    fn types_group_by_namespace() {
        assert_eq!(namespace_of("OS::Nova::Server"), "OS::Nova");
        assert_eq!(namespace_of("OS::Neutron::LBaaS::Pool"), "OS::Neutron");
        assert_eq!(namespace_of("AWS::EC2::Instance"), "AWS::EC2");
        assert_eq!(namespace_of("My::Type"), "My");
        assert_eq!(namespace_of("file:///tmp/web.yaml"), "");
        let items = [
            item("OS::Nova::Server"),
            item("web.yaml"),
            item("OS::Neutron::Port"),
            item("OS::Nova::KeyPair"),
            item("AWS::EC2::Instance"),
            item("OS::Neutron::Net"),
        ];
        let groups = group_by_namespace(&items, "");
        let names: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|(ns, items)| (ns.as_str(), items.iter().map(|t| t.name.as_str()).collect()))
            .collect();
        assert_eq!(
            names,
            [
                ("AWS::EC2", vec!["AWS::EC2::Instance"]),
                ("OS::Neutron", vec!["OS::Neutron::Net", "OS::Neutron::Port"]),
                ("OS::Nova", vec!["OS::Nova::KeyPair", "OS::Nova::Server"]),
                ("", vec!["web.yaml"]),
            ]
        );
    }

    #[test]
    fn the_filter_ignores_case_and_drops_empty_groups() {
        assert!(matches_filter("OS::Nova::Server", " server "));
        assert!(matches_filter("OS::Nova::Server", ""));
        assert!(!matches_filter("OS::Nova::Server", "port"));
        let items = [item("OS::Nova::Server"), item("OS::Neutron::Port")];
        let groups = group_by_namespace(&items, "NEUTRON");
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].0, "OS::Neutron");
        assert!(group_by_namespace(&items, "swift").is_empty());
    }

    #[test]
    fn constraints_are_read_and_worded() {
        let c =
            parse_constraint(&json!({"length": {"min": 1, "max": 255}, "description": "1 to 255"}));
        assert_eq!(
            c.kind,
            ConstraintKind::Length {
                min: Some(1.0),
                max: Some(255.0)
            }
        );
        assert_eq!(c.description.as_deref(), Some("1 to 255"));
        assert_eq!(
            constraint_message(&c.kind, "en"),
            Some((
                "resource-types-length-between",
                vec![("min", "1".into()), ("max", "255".into())]
            ))
        );

        let r = parse_constraint(&json!({"range": {"min": 1, "max": 65535}}));
        assert_eq!(
            constraint_message(&r.kind, "de"),
            Some((
                "resource-types-range-between",
                vec![("min", "1".into()), ("max", "65.535".into())]
            ))
        );
        let r = parse_constraint(&json!({"range": {"min": 0.5}}));
        assert_eq!(
            constraint_message(&r.kind, "de"),
            Some(("resource-types-range-min", vec![("min", "0,5".into())]))
        );
        let l = parse_constraint(&json!({"length": {"max": "64"}}));
        assert_eq!(
            constraint_message(&l.kind, "en"),
            Some(("resource-types-length-max", vec![("max", "64".into())]))
        );

        let a = parse_constraint(&json!({"allowed_values": ["ingress", "egress", 3, ""]}));
        assert_eq!(
            constraint_message(&a.kind, "en"),
            Some((
                "resource-types-allowed-values",
                vec![("values", "ingress, egress, 3, \"\"".into())]
            ))
        );
        let p = parse_constraint(&json!({"allowed_pattern": "[a-z]+"}));
        assert_eq!(p.kind, ConstraintKind::Pattern("[a-z]+".into()));
        let c = parse_constraint(&json!({"custom_constraint": "nova.flavor"}));
        assert_eq!(
            constraint_message(&c.kind, "en"),
            Some((
                "resource-types-custom",
                vec![("name", "nova.flavor".into())]
            ))
        );
        let odd = parse_constraint(&json!({"modulo": {"step": 2}, "description": "even"}));
        assert_eq!(
            odd.kind,
            ConstraintKind::Other(r#"{"modulo":{"step":2}}"#.into())
        );
        assert_eq!(constraint_message(&odd.kind, "en"), None);
        assert!(matches!(
            parse_constraint(&json!({"range": {}})).kind,
            ConstraintKind::Other(_)
        ));
    }

    #[test]
    fn nested_schemas_follow_their_property() {
        let schema: openstack::orchestration::ResourceTypeSchema = serde_json::from_value(json!({
            "resource_type": "OS::Nova::Server",
            "properties": {
                "flavor": {"type": "string", "required": true, "update_allowed": true,
                           "constraints": [{"custom_constraint": "nova.flavor"}]},
                "networks": {"type": "list", "required": false, "default": [],
                             "schema": {"*": {"type": "map", "schema": {
                                 "network": {"type": "string"},
                                 "fixed_ip": {"type": "string", "immutable": true}
                             }}}},
                "name": {"type": "string", "default": ""}
            },
            "attributes": {}
        }))
        .unwrap();
        let rows = property_rows(&schema.properties);
        let shape: Vec<(&str, &str, u32)> = rows
            .iter()
            .map(|r| (r.path.as_str(), r.name.as_str(), r.depth))
            .collect();
        assert_eq!(
            shape,
            [
                ("flavor", "flavor", 0),
                ("networks", "networks", 0),
                ("networks.*", "*", 1),
                ("networks.*.network", "network", 2),
                ("networks.*.fixed_ip", "fixed_ip", 2),
                ("name", "name", 0),
            ]
        );
        assert!(rows[0].required && rows[0].update_allowed);
        assert_eq!(
            rows[0].constraints[0].kind,
            ConstraintKind::Custom("nova.flavor".into())
        );
        assert_eq!(rows[1].default.as_deref(), Some("[]"));
        assert!(rows[4].immutable);
        assert_eq!(rows[5].default.as_deref(), Some("\"\""));
    }

    #[test]
    fn snippets_carry_the_required_properties() {
        assert_eq!(
            hot_snippet("OS::Nova::Server", &["flavor", "image"]),
            "my_resource:\n  type: OS::Nova::Server\n  properties:\n    flavor: <flavor>\n    image: <image>\n"
        );
        assert_eq!(
            hot_snippet("OS::Heat::None", &[]),
            "my_resource:\n  type: OS::Heat::None\n"
        );
        // Odd names stay valid YAML.
        assert_eq!(yaml_scalar("a: b"), "'a: b'");
        assert_eq!(yaml_scalar("it's #1"), "'it''s #1'");
        assert_eq!(yaml_scalar("*ref"), "'*ref'");
        assert_eq!(yaml_scalar("file:///web.yaml"), "file:///web.yaml");
    }
}
