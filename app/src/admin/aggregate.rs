//! Admin → Compute → Host aggregates: create and delete, the hosts in each,
//! and their metadata (an `availability_zone` makes a zone).

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use crate::compute::ConfirmPanel;
use crate::error::AppError;
use crate::i18n::tr_dynamic_args;
use crate::ui::{error_text, fetched, ErrorBanner, Loading, PageHeader, BUTTON, CARD, SELECT};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregateRow {
    pub id: u64,
    pub name: String,
    pub availability_zone: String,
    pub hosts: Vec<String>,
    pub metadata: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AggregatesView {
    pub aggregates: Vec<AggregateRow>,
    /// Every compute host, for "add host".
    pub hosts: Vec<String>,
}

#[server(endpoint = "admin_aggregates")]
pub async fn aggregates() -> Result<AggregatesView, AppError> {
    use openstack::compute;
    let (_, api) = crate::ssr::session::require_admin().await?;
    let (aggregates, services) = tokio::join!(
        compute::list_aggregates(&api),
        compute::list_compute_services(&api)
    );
    let mut aggregates: Vec<AggregateRow> = aggregates?
        .into_iter()
        .map(|a| AggregateRow {
            id: a.id,
            name: a.name,
            availability_zone: a.availability_zone.unwrap_or_default(),
            hosts: a.hosts,
            metadata: a.metadata.into_iter().collect(),
        })
        .collect();
    aggregates.sort_by(|a, b| a.name.cmp(&b.name));
    let mut hosts: Vec<String> = services?
        .into_iter()
        .filter(|s| s.binary == "nova-compute")
        .map(|s| s.host)
        .collect();
    hosts.sort();
    hosts.dedup();
    Ok(AggregatesView { aggregates, hosts })
}

#[server(endpoint = "admin_create_aggregate")]
pub async fn create_aggregate(name: String, zone: String) -> Result<(), AppError> {
    let (name, zone) = (name.trim(), zone.trim());
    if name.is_empty() || name.chars().count() > 255 {
        return Err(AppError::invalid("name", "aggregates-name-invalid"));
    }
    if zone.chars().count() > 255 || zone.contains(':') {
        return Err(AppError::invalid("zone", "aggregates-zone-invalid"));
    }
    let (_, api) = crate::ssr::session::require_admin().await?;
    openstack::compute::create_aggregate(&api, name, Some(zone).filter(|z| !z.is_empty()))
        .await
        .map_err(|e| AppError::refused_at("name", e))?;
    Ok(())
}

#[server(endpoint = "admin_delete_aggregate")]
pub async fn delete_aggregate(id: u64) -> Result<(), AppError> {
    let (_, api) = crate::ssr::session::require_admin().await?;
    openstack::compute::delete_aggregate(&api, id).await?;
    Ok(())
}

#[server(endpoint = "admin_aggregate_host")]
pub async fn aggregate_host(id: u64, host: String, add: bool) -> Result<(), AppError> {
    use openstack::compute;
    if host.trim().is_empty() {
        return Err(AppError::invalid(
            &format!("host-{id}"),
            "aggregates-host-required",
        ));
    }
    let (_, api) = crate::ssr::session::require_admin().await?;
    let field = format!("host-{id}");
    if add {
        compute::add_aggregate_host(&api, id, host.trim()).await
    } else {
        compute::remove_aggregate_host(&api, id, host.trim()).await
    }
    .map_err(|e| AppError::refused_at(&field, e))?;
    Ok(())
}

/// The metadata call Nova wants: new and changed keys, and `null` for each
/// removed one.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn metadata_changes(
    before: &[(String, String)],
    after: &[(String, String)],
) -> BTreeMap<String, Option<String>> {
    let mut out: BTreeMap<String, Option<String>> = before
        .iter()
        .filter(|(k, _)| !after.iter().any(|(a, _)| a.trim() == k))
        .map(|(k, _)| (k.clone(), None))
        .collect();
    for (k, v) in after {
        let k = k.trim();
        if !k.is_empty() && !before.iter().any(|(b, bv)| b == k && bv == v) {
            out.insert(k.to_owned(), Some(v.clone()));
        }
    }
    out
}

#[server(endpoint = "admin_aggregate_metadata", input = leptos::server_fn::codec::Json)]
pub async fn aggregate_metadata(
    id: u64,
    before: Vec<(String, String)>,
    after: Vec<(String, String)>,
) -> Result<(), AppError> {
    let field = format!("metadata-{id}");
    if after
        .iter()
        .any(|(k, v)| k.trim().is_empty() || k.len() > 255 || v.len() > 255)
    {
        return Err(AppError::invalid(&field, "aggregates-metadata-invalid"));
    }
    let changes = metadata_changes(&before, &after);
    if changes.is_empty() {
        return Ok(());
    }
    let (_, api) = crate::ssr::session::require_admin().await?;
    openstack::compute::set_aggregate_metadata(&api, id, &changes)
        .await
        .map_err(|e| AppError::refused_at(&field, e))?;
    Ok(())
}

#[component]
pub fn AggregatesPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| aggregates());
    let create = ServerAction::<CreateAggregate>::new();
    let delete = ServerAction::<DeleteAggregate>::new();
    let host = ServerAction::<AggregateHost>::new();
    let metadata = ServerAction::<AggregateMetadata>::new();
    let confirming = RwSignal::new(None::<(u64, String)>);
    let name = RwSignal::new(String::new());
    let zone = RwSignal::new(String::new());
    Effect::new(move |_| {
        let done = [
            create.value().get().is_some_and(|r| r.is_ok()),
            delete.value().get().is_some_and(|r| r.is_ok()),
            host.value().get().is_some_and(|r| r.is_ok()),
            metadata.value().get().is_some_and(|r| r.is_ok()),
        ];
        if done.iter().any(|d| *d) {
            data.refetch();
        }
    });
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    let other_error = Signal::derive(move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| {
                host.value()
                    .get()
                    .and_then(Result::err)
                    .filter(|e| e.field().is_none())
            })
            .or_else(|| {
                metadata
                    .value()
                    .get()
                    .and_then(Result::err)
                    .filter(|e| e.field().is_none())
            })
    });
    let at = move |field: &'static str| {
        move || {
            create_error
                .get()
                .filter(|e| e.field() == Some(field))
                .map(|e| error_text(&e))
        }
    };
    view! {
        <PageHeader title=move_tr!("aggregates-title") description=move_tr!("aggregates-description")/>
        <section class=format!("{CARD} mb-4") data-testid="aggregate-create">
            <h2 class="mb-2 font-semibold">{move_tr!("aggregates-create-title")}</h2>
            <div class="grid gap-3 md:grid-cols-3">
                <div class="space-y-1">
                    <label for="aggregate-name" class="block text-sm font-medium">{move_tr!("aggregates-name")}</label>
                    <input id="aggregate-name" type="text" data-testid="aggregate-name" aria-describedby="aggregate-name-error"
                        class="block w-full rounded-md border border-slate-300 px-3 py-1.5"
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                    <p id="aggregate-name-error" role="alert" class="text-sm text-red-700">{at("name")}</p>
                </div>
                <div class="space-y-1">
                    <label for="aggregate-zone" class="block text-sm font-medium">{move_tr!("aggregates-zone")}</label>
                    <input id="aggregate-zone" type="text" data-testid="aggregate-zone" aria-describedby="aggregate-zone-error"
                        class="block w-full rounded-md border border-slate-300 px-3 py-1.5"
                        prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev))/>
                    <p id="aggregate-zone-error" role="alert" class="text-sm text-red-700">{at("zone")}</p>
                </div>
                <div class="self-center">
                    <button type="button" class=BUTTON data-testid="aggregate-create-submit" disabled=move || create.pending().get()
                        on:click=move |_| { create.dispatch(CreateAggregate { name: name.get_untracked(), zone: zone.get_untracked() }); }>
                        {move_tr!("aggregates-create")}
                    </button>
                </div>
            </div>
            <ErrorBanner error=Signal::derive(move || create_error.get().filter(|e| e.field().is_none()))/>
        </section>
        {move || confirming.get().map(|(id, n)| view! {
            <ConfirmPanel message=tr_dynamic_args("aggregates-confirm-delete", &[("name", n)]) names={ Vec::<String>::new() }
                destructive=true pending=delete.pending()
                on_confirm=Callback::new(move |_| { delete.dispatch(DeleteAggregate { id }); confirming.set(None); })
                on_cancel=Callback::new(move |_| confirming.set(None))/>
        })}
        <ErrorBanner error=other_error/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(data.await, move |v| {
                    if v.aggregates.is_empty() {
                        return view! { <p class="text-sm text-slate-600" data-testid="aggregates-empty">{move_tr!("aggregates-empty")}</p> }.into_any();
                    }
                    let hosts = v.hosts.clone();
                    view! {
                        <div class="grid gap-4 lg:grid-cols-2">
                            {v.aggregates.into_iter().map(|a| view! {
                                <AggregateCard aggregate=a hosts=hosts.clone() host metadata
                                    on_delete=Callback::new(move |(id, n)| confirming.set(Some((id, n))))/>
                            }).collect_view()}
                        </div>
                    }.into_any()
                })
            })}
        </Transition>
    }
}

#[component]
fn AggregateCard(
    aggregate: AggregateRow,
    hosts: Vec<String>,
    host: ServerAction<AggregateHost>,
    metadata: ServerAction<AggregateMetadata>,
    on_delete: Callback<(u64, String)>,
) -> impl IntoView {
    let id = aggregate.id;
    let before = StoredValue::new(aggregate.metadata.clone());
    let rows = RwSignal::new(aggregate.metadata.clone());
    let chosen = RwSignal::new(String::new());
    let host_field = format!("host-{id}");
    let meta_field = format!("metadata-{id}");
    let host_error = move || {
        host.value()
            .get()
            .and_then(Result::err)
            .filter(|e| e.field() == Some(host_field.as_str()))
            .map(|e| error_text(&e))
    };
    let meta_error = move || {
        metadata
            .value()
            .get()
            .and_then(Result::err)
            .filter(|e| e.field() == Some(meta_field.as_str()))
            .map(|e| error_text(&e))
    };
    let addable: Vec<String> = hosts
        .into_iter()
        .filter(|h| !aggregate.hosts.contains(h))
        .collect();
    let name = aggregate.name.clone();
    view! {
        <section class=CARD data-testid="aggregate-card" data-name=aggregate.name.clone()>
            <div class="flex items-baseline justify-between gap-2">
                <h2 class="font-semibold">{aggregate.name.clone()}</h2>
                <button type="button" class="text-sm text-red-800 underline" data-testid="aggregate-delete"
                    on:click=move |_| on_delete.run((id, name.clone()))>{move_tr!("action-delete")}</button>
            </div>
            <p class="text-sm text-slate-600" data-testid="aggregate-zone-shown">
                {move_tr!("aggregates-zone")}": "
                {if aggregate.availability_zone.is_empty() { "–".to_string() } else { aggregate.availability_zone.clone() }}
            </p>
            <h3 class="mt-3 text-sm font-medium">{move_tr!("aggregates-hosts")}</h3>
            <ul class="mt-1 space-y-1 text-sm" data-testid="aggregate-hosts">
                {aggregate.hosts.into_iter().map(|h| {
                    let h2 = h.clone();
                    view! {
                        <li class="flex items-center gap-2" data-testid="aggregate-host">
                            <span>{h}</span>
                            <button type="button" class="text-xs text-red-800 underline" data-testid="aggregate-host-remove"
                                on:click=move |_| { host.dispatch(AggregateHost { id, host: h2.clone(), add: false }); }>
                                {move_tr!("common-remove")}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="mt-2 flex flex-wrap items-center gap-2">
                <label for=format!("aggregate-{id}-host") class="sr-only">{move_tr!("aggregates-add-host")}</label>
                <select id=format!("aggregate-{id}-host") class=SELECT data-testid="aggregate-host-select" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">{move_tr!("aggregates-pick-host")}</option>
                    {addable.into_iter().map(|h| view! { <option value=h.clone()>{h.clone()}</option> }).collect_view()}
                </select>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid="aggregate-host-add"
                    disabled=move || host.pending().get()
                    on:click=move |_| { host.dispatch(AggregateHost { id, host: chosen.get_untracked(), add: true }); }>
                    {move_tr!("aggregates-add-host")}
                </button>
            </div>
            <p role="alert" class="text-sm text-red-700">{host_error}</p>
            <fieldset class="mt-3 space-y-2">
                <legend class="text-sm font-medium">{move_tr!("aggregates-metadata")}</legend>
                {move || (0..rows.with(Vec::len)).map(|i| view! {
                    <div class="flex gap-2" data-testid="aggregate-meta-row">
                        <input type="text" class="w-1/3 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" aria-label=move_tr!("specs-key")
                            data-testid="aggregate-meta-key"
                            prop:value=move || rows.with(|r| r.get(i).map(|p| p.0.clone()).unwrap_or_default())
                            on:input=move |ev| rows.update(|r| if let Some(p) = r.get_mut(i) { p.0 = event_target_value(&ev) })/>
                        <input type="text" class="flex-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs" aria-label=move_tr!("specs-value")
                            data-testid="aggregate-meta-value"
                            prop:value=move || rows.with(|r| r.get(i).map(|p| p.1.clone()).unwrap_or_default())
                            on:input=move |ev| rows.update(|r| if let Some(p) = r.get_mut(i) { p.1 = event_target_value(&ev) })/>
                        <button type="button" class="text-xs text-red-800 underline" on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })>
                            {move_tr!("common-remove")}
                        </button>
                    </div>
                }).collect_view()}
                <div class="flex gap-2">
                    <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid="aggregate-meta-add"
                        on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))>{move_tr!("specs-add")}</button>
                    <button type="button" class=BUTTON data-testid="aggregate-meta-save" disabled=move || metadata.pending().get()
                        on:click=move |_| { metadata.dispatch(AggregateMetadata { id, before: before.get_value(), after: rows.get_untracked() }); }>
                        {move_tr!("aggregates-metadata-save")}
                    </button>
                </div>
                <p role="alert" class="text-sm text-red-700">{meta_error}</p>
            </fieldset>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect()
    }

    #[test]
    fn metadata_changes_null_the_removed_keys() {
        let changes = metadata_changes(
            &pairs(&[("ssd", "true"), ("gpu", "no"), ("same", "1")]),
            &pairs(&[("ssd", "false"), ("same", "1"), ("new", "x")]),
        );
        let want: BTreeMap<String, Option<String>> = [
            ("gpu".to_string(), None),
            ("new".to_string(), Some("x".to_string())),
            ("ssd".to_string(), Some("false".to_string())),
        ]
        .into_iter()
        .collect();
        assert_eq!(changes, want);
    }
}
