//! Admin → Compute → Flavors → one flavor: its extra specs (known keys
//! grouped by Glance metadefs namespace, plus any key/value), its CPU
//! topology with Nova's preview, and which projects may use it when private.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use topology::Side;

use super::flavor::{number, FlavorRow};
use super::topology::{CpuTopologyPanel, TopologyFlavor, TopologyImage};
use crate::error::AppError;
use crate::ui::{error_text, fetched, yes_no, ErrorBanner, Loading, BUTTON, CARD, SELECT};

/// A known extra spec, from a metadefs namespace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecProperty {
    /// The full key, prefix included (`hw:cpu_sockets`).
    pub key: String,
    pub title: String,
    pub description: String,
    /// `integer`, `string`, `boolean`, `number` or `array`.
    pub kind: String,
    pub choices: Vec<String>,
}

/// A metadefs namespace as the editor groups it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpecNamespace {
    pub namespace: String,
    pub title: String,
    pub description: String,
    pub properties: Vec<SpecProperty>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectAccess {
    pub id: String,
    pub name: String,
    pub granted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlavorView {
    pub flavor: FlavorRow,
    pub namespaces: Vec<SpecNamespace>,
    /// Whether the namespaces came from the cloud (else the built-in copy).
    pub metadefs_from_cloud: bool,
    pub images: Vec<TopologyImage>,
    /// Projects and whether each may use this flavor; empty when public.
    pub access: Vec<ProjectAccess>,
}

/// The namespaces for flavors: the cloud's, or the built-in copy when the
/// cloud has no metadefs API (or answers with nothing).
#[cfg(feature = "ssr")]
async fn spec_namespaces(api: &openstack::Session) -> (Vec<SpecNamespace>, bool) {
    use openstack::image::{builtin_metadef_namespaces, list_metadef_namespaces};
    const RESOURCE: &str = "OS::Nova::Flavor";
    let (list, from_cloud) = match list_metadef_namespaces(api, RESOURCE).await {
        Ok(list) if !list.is_empty() => (list, true),
        Ok(_) => (builtin_metadef_namespaces(RESOURCE), false),
        Err(e) => {
            tracing::info!(error = %e, "no metadefs from the cloud; using the built-in copy");
            (builtin_metadef_namespaces(RESOURCE), false)
        }
    };
    let mut out: Vec<SpecNamespace> = list
        .into_iter()
        .map(|ns| {
            let prefix = ns.prefix_for(RESOURCE).unwrap_or_default().to_owned();
            SpecNamespace {
                title: ns
                    .display_name
                    .clone()
                    .unwrap_or_else(|| ns.namespace.clone()),
                description: ns.description.clone().unwrap_or_default(),
                properties: ns
                    .all_properties()
                    .into_iter()
                    .map(|(name, p)| SpecProperty {
                        key: format!("{prefix}{name}"),
                        title: if p.title.is_empty() {
                            name.to_owned()
                        } else {
                            p.title.clone()
                        },
                        description: p.description.clone().unwrap_or_default(),
                        kind: if p.r#type.is_empty() {
                            "string".into()
                        } else {
                            p.r#type.clone()
                        },
                        choices: if p.r#enum.is_empty() {
                            p.items
                                .as_ref()
                                .map(|i| i.r#enum.clone())
                                .unwrap_or_default()
                        } else {
                            p.r#enum.clone()
                        },
                    })
                    .collect(),
                namespace: ns.namespace,
            }
        })
        .collect();
    out.sort_by(|a, b| a.title.cmp(&b.title));
    (out, from_cloud)
}

/// Images with their `hw_cpu_*` properties, for the preview.
#[cfg(feature = "ssr")]
pub(super) async fn topology_images(
    api: &openstack::Session,
) -> Result<Vec<TopologyImage>, AppError> {
    let images = openstack::image::list_images(api, &Default::default()).await?;
    Ok(images
        .into_iter()
        .map(|i| TopologyImage {
            properties: i
                .properties
                .iter()
                .filter(|(k, _)| k.starts_with("hw_cpu_"))
                .map(|(k, v)| {
                    let v = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), v)
                })
                .collect(),
            name: i.name.unwrap_or_else(|| i.id.clone()),
            id: i.id,
        })
        .collect())
}

#[server(endpoint = "admin_flavor_page")]
pub async fn flavor_page(id: String) -> Result<FlavorView, AppError> {
    use openstack::{compute, identity};
    let (_, api) = crate::ssr::session::require_admin().await?;
    let (flavor, (namespaces, from_cloud), images) = tokio::join!(
        compute::get_flavor(&api, &id),
        spec_namespaces(&api),
        topology_images(&api),
    );
    let flavor = super::flavor::flavor_row(flavor?);
    let access = if flavor.is_public {
        Vec::new()
    } else {
        let all = identity::ProjectFilter::default();
        let (granted, projects) = tokio::join!(
            compute::list_flavor_access(&api, &id),
            identity::list_projects(&api, &all),
        );
        let granted = granted?;
        let mut rows: Vec<ProjectAccess> = projects?
            .into_iter()
            .map(|p| ProjectAccess {
                granted: granted.iter().any(|g| g.tenant_id == p.id),
                id: p.id,
                name: p.name,
            })
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        rows
    };
    Ok(FlavorView {
        flavor,
        namespaces,
        metadefs_from_cloud: from_cloud,
        images: images.unwrap_or_default(),
        access,
    })
}

/// Sets and removes extra specs one key at a time, so a refusal names its
/// key; stops at the first refusal.
#[server(endpoint = "admin_update_extra_specs", input = leptos::server_fn::codec::Json)]
pub async fn update_extra_specs(
    id: String,
    set: Vec<(String, String)>,
    unset: Vec<String>,
) -> Result<(), AppError> {
    use openstack::compute;
    for (k, v) in &set {
        if k.trim().is_empty() || k.len() > 255 || v.len() > 255 {
            return Err(AppError::invalid(k.trim(), "flavors-spec-invalid"));
        }
    }
    let (_, api) = crate::ssr::session::require_admin().await?;
    for key in &unset {
        match compute::delete_flavor_extra_spec(&api, &id, key).await {
            Ok(()) | Err(openstack::Error::NotFound { .. }) => {}
            Err(e) => return Err(AppError::refused_at(key, e)),
        }
    }
    for (k, v) in &set {
        compute::update_flavor_extra_spec(&api, &id, k.trim(), v)
            .await
            .map_err(|e| AppError::refused_at(k.trim(), e))?;
    }
    Ok(())
}

#[server(endpoint = "admin_set_flavor_access")]
pub async fn set_flavor_access(id: String, project: String, grant: bool) -> Result<(), AppError> {
    use openstack::compute;
    let (_, api) = crate::ssr::session::require_admin().await?;
    if grant {
        compute::add_flavor_access(&api, &id, &project).await?;
    } else {
        compute::remove_flavor_access(&api, &id, &project).await?;
    }
    Ok(())
}

/// What changed between two spec maps: keys to set and keys to remove.
pub fn spec_changes(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> (Vec<(String, String)>, Vec<String>) {
    let set = after
        .iter()
        .filter(|(k, v)| !v.trim().is_empty() && before.get(*k) != Some(v))
        .map(|(k, v)| (k.clone(), v.trim().to_owned()))
        .collect();
    let unset = before
        .keys()
        .filter(|k| after.get(*k).is_none_or(|v| v.trim().is_empty()))
        .cloned()
        .collect();
    (set, unset)
}

#[component]
pub fn FlavorDetailPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let page = Resource::new(move || id.get(), flavor_page);
    // Kept outside the Transition so a refetch after saving keeps them. The
    // topology panel and the specs editor save through the same function but
    // each has its own action, so each reports only its own result.
    let (topology_save, topology_saved) = (
        ServerAction::<UpdateExtraSpecs>::new(),
        RwSignal::new(false),
    );
    let (specs_save, specs_saved) = (
        ServerAction::<UpdateExtraSpecs>::new(),
        RwSignal::new(false),
    );
    for (save, saved) in [(topology_save, topology_saved), (specs_save, specs_saved)] {
        Effect::new(move |_| {
            if let Some(Ok(())) = save.value().get() {
                saved.set(true);
                page.refetch();
            }
        });
    }
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(page.await, move |p| {
                    let f = p.flavor.clone();
                    let specs: BTreeMap<String, String> = f.extra_specs.iter().cloned().collect();
                    let topo_flavor = TopologyFlavor { id: f.id.clone(), name: f.name.clone(), vcpus: f.vcpus as i64, extra_specs: specs.clone() };
                    let refused = Signal::derive(move || topology_save.value().get().and_then(Result::err));
                    let specs_for_topology = specs.clone();
                    let flavor_id = f.id.clone();
                    let on_topology = Callback::new(move |values: BTreeMap<String, String>| {
                        let mut after = specs_for_topology.clone();
                        for (k, v) in values {
                            after.insert(k, v);
                        }
                        let (set, unset) = spec_changes(&specs_for_topology, &after);
                        topology_saved.set(false);
                        specs_saved.set(false);
                        topology_save.dispatch(UpdateExtraSpecs { id: flavor_id.clone(), set, unset });
                    });
                    view! {
                        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                            <div>
                                <h1 class="text-2xl font-semibold text-slate-900" data-testid="flavor-name">{f.name.clone()}</h1>
                                <p class="font-mono text-xs text-slate-500">{f.id.clone()}</p>
                            </div>
                            <A href="/admin/flavors" attr:class="text-sky-700 underline">{move_tr!("flavors-back")}</A>
                        </div>
                        <section class=format!("{CARD} mb-4")>
                            <dl class="grid grid-cols-2 gap-2 text-sm md:grid-cols-4" data-testid="flavor-facts">
                                <div><dt class="text-slate-600">{move_tr!("flavors-vcpus")}</dt><dd class="font-medium" data-testid="flavor-vcpus">{f.vcpus}</dd></div>
                                <div><dt class="text-slate-600">{move_tr!("flavors-ram")}</dt><dd class="font-medium">{number(f.ram)}</dd></div>
                                <div><dt class="text-slate-600">{move_tr!("flavors-disk")}</dt><dd class="font-medium">{number(f.disk)}</dd></div>
                                <div><dt class="text-slate-600">{move_tr!("flavors-public")}</dt><dd class="font-medium">{yes_no(f.is_public)}</dd></div>
                            </dl>
                            {(!f.description.is_empty()).then(|| view! { <p class="mt-2 text-sm text-slate-700">{f.description.clone()}</p> })}
                        </section>
                        <div class="space-y-4">
                            <CpuTopologyPanel side=Side::Flavor flavors=vec![topo_flavor] images=p.images.clone() editable=true
                                on_save=on_topology pending=topology_save.pending() refused saved=topology_saved/>
                            <SpecsEditor flavor_id=f.id.clone() specs namespaces=p.namespaces.clone() from_cloud=p.metadefs_from_cloud save=specs_save saved=specs_saved/>
                            {(!f.is_public).then(|| view! { <AccessEditor flavor_id=f.id.clone() access=p.access.clone() on_change=Callback::new(move |_| page.refetch())/> })}
                        </div>
                    }.into_any()
                })
            })}
        </Transition>
    }
}

/// Known keys grouped by namespace, then the flavor's other keys, then a
/// row to add any key. One save sends what changed.
#[component]
fn SpecsEditor(
    flavor_id: String,
    specs: BTreeMap<String, String>,
    namespaces: Vec<SpecNamespace>,
    from_cloud: bool,
    save: ServerAction<UpdateExtraSpecs>,
    saved: RwSignal<bool>,
) -> impl IntoView {
    let before = StoredValue::new(specs.clone());
    let values = RwSignal::new(specs.clone());
    let known: Vec<String> = namespaces
        .iter()
        .flat_map(|n| n.properties.iter().map(|p| p.key.clone()))
        .collect();
    // The flavor's keys that no namespace describes, plus rows the user adds.
    let custom = RwSignal::new(
        specs
            .iter()
            .filter(|(k, _)| !known.contains(k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>(),
    );
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let message_for = move |key: String| {
        move || {
            error
                .get()
                .filter(|e| e.field() == Some(key.as_str()))
                .map(|e| error_text(&e))
        }
    };
    let flavor_id = StoredValue::new(flavor_id);
    let known = StoredValue::new(known);
    let submit = move |_| {
        // Known keys come from their inputs, the rest from the custom rows;
        // anything the flavor had that is in neither is removed.
        let mut after: BTreeMap<String, String> = values
            .get_untracked()
            .into_iter()
            .filter(|(k, _)| known.with_value(|known| known.contains(k)))
            .collect();
        for (k, v) in custom.get_untracked() {
            if !k.trim().is_empty() {
                after.insert(k.trim().to_owned(), v);
            }
        }
        let (set, unset) = before.with_value(|b| spec_changes(b, &after));
        saved.set(false);
        save.dispatch(UpdateExtraSpecs {
            id: flavor_id.get_value(),
            set,
            unset,
        });
    };
    let source = if from_cloud {
        move_tr!("specs-source-cloud")
    } else {
        move_tr!("specs-source-builtin")
    };
    view! {
        <section class=CARD data-testid="specs-editor" aria-labelledby="specs-heading">
            <h2 id="specs-heading" class="font-semibold">{move_tr!("specs-title")}</h2>
            <p class="mt-1 text-xs text-slate-600">{source}</p>
            <div class="mt-3 space-y-2">
                {namespaces.into_iter().map(|ns| {
                    let set_count = ns.properties.iter().filter(|p| specs.contains_key(&p.key)).count();
                    view! {
                        <details class="rounded-md border border-slate-200 p-2" data-testid="specs-namespace" open={set_count > 0}>
                            <summary class="cursor-pointer text-sm font-medium">
                                {ns.title.clone()}" "<span class="font-mono text-xs text-slate-500">{ns.namespace.clone()}</span>
                                {(set_count > 0).then(|| view! { <span class="ml-2 rounded bg-sky-100 px-1.5 text-xs text-sky-900">{set_count}</span> })}
                            </summary>
                            <p class="mt-1 text-xs text-slate-600">{ns.description.clone()}</p>
                            <div class="mt-2 grid gap-3 md:grid-cols-2">
                                {ns.properties.into_iter().map(|p| {
                                    let key = p.key.clone();
                                    let id = format!("spec-{}", key.replace([':', '_', '.'], "-"));
                                    let error_id = format!("{id}-error");
                                    let described = format!("{id}-help {error_id}");
                                    let help_id = format!("{id}-help");
                                    let (k1, k2) = (key.clone(), key.clone());
                                    let input = if p.choices.is_empty() {
                                        view! {
                                            <input id=id.clone() type="text" data-testid=format!("spec-input-{key}") aria-describedby=described.clone()
                                                class="block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
                                                prop:value=move || values.with(|v| v.get(&k1).cloned().unwrap_or_default())
                                                on:input=move |ev| { let t = event_target_value(&ev); values.update(|v| { v.insert(k2.clone(), t); }); }/>
                                        }.into_any()
                                    } else {
                                        let choices = p.choices.clone();
                                        view! {
                                            <select id=id.clone() class=SELECT data-testid=format!("spec-input-{key}") aria-describedby=described.clone()
                                                on:change=move |ev| { let t = event_target_value(&ev); values.update(|v| { v.insert(k2.clone(), t); }); }>
                                                <option value="">{move_tr!("specs-unset")}</option>
                                                {choices.into_iter().map(|c| {
                                                    let (c1, k, label) = (c.clone(), k1.clone(), c.clone());
                                                    view! { <option value=c selected=move || values.with(|v| v.get(&k) == Some(&c1))>{label}</option> }
                                                }).collect_view()}
                                            </select>
                                        }.into_any()
                                    };
                                    view! {
                                        <div class="space-y-1">
                                            <label for=id class="block text-xs font-medium">{p.title}" "<span class="font-mono text-slate-500">{key.clone()}</span>" "<span class="text-slate-500">"("{p.kind}")"</span></label>
                                            {input}
                                            <p id=help_id class="text-xs text-slate-600">{p.description}</p>
                                            <p id=error_id role="alert" class="text-xs text-red-700">{message_for(key)}</p>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </details>
                    }
                }).collect_view()}
            </div>
            <fieldset class="mt-4 space-y-2">
                <legend class="text-sm font-medium">{move_tr!("specs-custom")}</legend>
                {move || (0..custom.with(Vec::len)).map(|i| {
                    let key = custom.with(|c| c.get(i).map(|r| r.0.clone()).unwrap_or_default());
                    view! {
                        <div class="flex flex-wrap gap-2" data-testid="spec-custom-row">
                            <input type="text" class="w-1/3 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" aria-label=move_tr!("specs-key")
                                data-testid="spec-custom-key"
                                prop:value=move || custom.with(|c| c.get(i).map(|r| r.0.clone()).unwrap_or_default())
                                on:input=move |ev| custom.update(|c| if let Some(r) = c.get_mut(i) { r.0 = event_target_value(&ev) })/>
                            <input type="text" class="flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" aria-label=move_tr!("specs-value")
                                data-testid="spec-custom-value"
                                prop:value=move || custom.with(|c| c.get(i).map(|r| r.1.clone()).unwrap_or_default())
                                on:input=move |ev| custom.update(|c| if let Some(r) = c.get_mut(i) { r.1 = event_target_value(&ev) })/>
                            <button type="button" class="text-red-800 underline" on:click=move |_| custom.update(|c| { if i < c.len() { c.remove(i); } })>
                                {move_tr!("common-remove")}
                            </button>
                            <p role="alert" class="w-full text-xs text-red-700">{message_for(key.trim().to_owned())}</p>
                        </div>
                    }
                }).collect_view()}
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid="spec-add"
                    on:click=move |_| custom.update(|c| c.push((String::new(), String::new())))>
                    {move_tr!("specs-add")}
                </button>
            </fieldset>
            <ErrorBanner error=Signal::derive(move || error.get().filter(|e| e.field().is_none()))/>
            <div class="mt-3 flex items-center gap-3">
                <button type="button" class=BUTTON data-testid="specs-save" disabled=move || save.pending().get() on:click=submit>
                    {move_tr!("specs-save")}
                </button>
                {move || saved.get().then(|| view! { <span role="status" class="text-sm text-green-800" data-testid="specs-saved">{move_tr!("specs-saved")}</span> })}
            </div>
        </section>
    }
}

/// Projects that may use a private flavor.
#[component]
fn AccessEditor(
    flavor_id: String,
    access: Vec<ProjectAccess>,
    on_change: Callback<()>,
) -> impl IntoView {
    let set = ServerAction::<SetFlavorAccess>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = set.value().get() {
            on_change.run(());
        }
    });
    let flavor_id = StoredValue::new(flavor_id);
    view! {
        <section class=CARD data-testid="flavor-access" aria-labelledby="access-heading">
            <h2 id="access-heading" class="font-semibold">{move_tr!("flavors-access-title")}</h2>
            <p class="mt-1 text-sm text-slate-600">{move_tr!("flavors-access-description")}</p>
            <ul class="mt-2 space-y-1 text-sm">
                {access.into_iter().map(|p| {
                    let project = p.id.clone();
                    view! {
                        <li>
                            <label class="flex items-center gap-2">
                                <input type="checkbox" checked=p.granted disabled=move || set.pending().get() data-testid="flavor-access-project"
                                    on:change=move |ev| { set.dispatch(SetFlavorAccess { id: flavor_id.get_value(), project: project.clone(), grant: event_target_checked(&ev) }); }/>
                                {p.name}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ErrorBanner error=Signal::derive(move || set.value().get().and_then(Result::err))/>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn changes_are_sets_and_removals() {
        let before = map(&[("hw:cpu_sockets", "2"), ("a", "1"), ("b", "2")]);
        let after = map(&[("hw:cpu_sockets", "4"), ("a", "1"), ("b", " "), ("c", "3")]);
        let (set, unset) = spec_changes(&before, &after);
        assert_eq!(
            set,
            vec![
                ("c".into(), "3".into()),
                ("hw:cpu_sockets".into(), "4".into())
            ]
        );
        assert_eq!(unset, vec!["b".to_string()]);
    }
}
