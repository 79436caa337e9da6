//! One object's details (ETag, size, type, dates, metadata), its metadata
//! editor, and copy or move to another container or folder.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use super::data_href;
use crate::error::AppError;
use crate::format::format_bytes;
use crate::i18n::tr_dynamic_args;
use crate::ui::{ErrorBanner, Loading, BUTTON, CARD, SELECT};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ObjectView {
    pub name: String,
    pub bytes: u64,
    pub etag: String,
    pub content_type: String,
    pub modified: String,
    pub meta: Vec<(String, String)>,
    pub large: bool,
    /// When Swift deletes it (`X-Delete-At`), formatted.
    pub expires: Option<String>,
}

#[server(endpoint = "object_detail")]
pub async fn object_detail(container: String, name: String) -> Result<ObjectView, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let info = openstack::object_store::get_object_info(&api, &container, &name).await?;
    let format = |t: chrono::DateTime<chrono::Utc>| {
        crate::format::format_datetime(t, &prefs.language, &prefs.timezone)
    };
    Ok(ObjectView {
        modified: info
            .last_modified
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc2822(t).ok())
            .map(|t| format(t.to_utc()))
            .or(info.last_modified.clone())
            .unwrap_or_default(),
        expires: info
            .delete_at
            .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
            .map(format),
        meta: info.meta.into_iter().collect(),
        name,
        bytes: info.content_length,
        etag: info.etag,
        content_type: info.content_type,
        large: info.static_large_object,
    })
}

/// Replaces the object's metadata (Swift's POST sets all of it at once).
#[server(endpoint = "update_object_metadata", input = leptos::server_fn::codec::Json)]
pub async fn update_object_metadata(
    container: String,
    name: String,
    meta: Vec<(String, String)>,
    content_type: String,
) -> Result<(), AppError> {
    let meta = super::check_metadata(&meta)?;
    let content_type = content_type.trim();
    if content_type.is_empty()
        || content_type.len() > 256
        || content_type.chars().any(char::is_control)
    {
        return Err(AppError::invalid(
            "content_type",
            "objects-content-type-invalid",
        ));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let meta = meta.into_iter().collect();
    openstack::object_store::update_object(&api, &container, &name, &meta, Some(content_type))
        .await
        .map_err(|e| AppError::refused_at("meta", e))
}

/// The project's containers, for the copy target picker.
#[server(endpoint = "container_names")]
pub async fn container_names() -> Result<Vec<String>, AppError> {
    use openstack::object_store::{self as swift, ListOptions};
    let (_, api) = crate::ssr::session::require().await?;
    let mut names = Vec::new();
    let mut options = ListOptions::default();
    loop {
        let page = swift::list_containers(&api, &options).await?;
        names.extend(page.containers.into_iter().map(|c| c.name));
        match page.next_marker {
            Some(m) => options.marker = Some(m),
            None => break,
        }
    }
    Ok(names)
}

/// Copies an object, then for a move deletes the source.
#[server(endpoint = "copy_object")]
pub async fn copy_object(
    container: String,
    name: String,
    to_container: String,
    to_name: String,
    remove_source: bool,
) -> Result<(), AppError> {
    use openstack::object_store as swift;
    let to_name = to_name.trim_start_matches('/').to_owned();
    super::check_object_name(&to_name, "to_name")?;
    if to_container.is_empty() {
        return Err(AppError::invalid(
            "to_container",
            "objects-copy-container-required",
        ));
    }
    if to_container == container && to_name == name {
        return Err(AppError::invalid("to_name", "objects-copy-same"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    // A move may share a large object's segments (only the manifest moves);
    // a copy gets its own data, so deleting one never breaks the other.
    let copied = if remove_source {
        swift::copy_object(&api, &container, &name, &to_container, &to_name).await
    } else {
        swift::copy_object_data(&api, &container, &name, &to_container, &to_name).await
    };
    copied.map_err(|e| match e {
        openstack::Error::NotFound { .. } => {
            AppError::invalid("to_container", "objects-copy-target-missing")
        }
        e => AppError::refused_at("to_name", e),
    })?;
    if remove_source {
        // Only the manifest: the copy still uses the segments.
        swift::delete_object(&api, &container, &name).await?;
    }
    Ok(())
}

/// The panel for one object: details, metadata editor, copy and move.
#[component]
pub fn ObjectPanel(
    container: String,
    name: String,
    on_close: Callback<()>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let detail = {
        let (c, n) = (container.clone(), name.clone());
        Resource::new(|| (), move |_| object_detail(c.clone(), n.clone()))
    };
    let download = data_href(&container, &name);
    let title = name.clone();
    // Here, not in the editor: the editor is rebuilt when the details reload.
    let saved = RwSignal::new(false);
    view! {
        <section class=format!("{CARD} mb-4") data-testid="object-panel" aria-labelledby="object-panel-title">
            <div class="flex items-start justify-between gap-3">
                <h2 id="object-panel-title" class="break-all text-lg font-semibold">{title}</h2>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" data-testid="object-panel-close"
                    on:click=move |_| on_close.run(())>{move_tr!("common-close")}</button>
            </div>
            <Transition fallback=Loading>
                {move || {
                    let (container, download) = (container.clone(), download.clone());
                    Suspend::new(async move {
                        match detail.await {
                            Ok(d) => view! {
                                <ObjectFacts detail=d.clone() download=download/>
                                <div class="mt-4 grid gap-4 md:grid-cols-2">
                                    <MetadataEditor container=container.clone() detail=d.clone() saved=saved
                                        on_saved=Callback::new(move |_| { detail.refetch(); on_changed.run(()); })/>
                                    <CopyForm container=container name=d.name.clone()
                                        on_done=Callback::new(move |moved: bool| {
                                            on_changed.run(());
                                            if moved { on_close.run(()); }
                                        })/>
                                </div>
                            }.into_any(),
                            Err(e) => view! { <ErrorBanner error=Signal::derive(move || Some(e.clone()))/> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

#[component]
fn ObjectFacts(detail: ObjectView, download: String) -> impl IntoView {
    let d = detail;
    let row = |label: Signal<String>, value: String, testid: &'static str| {
        view! {
            <div class="flex gap-2">
                <dt class="w-36 shrink-0 text-slate-600">{label}</dt>
                <dd class="break-all" data-testid=testid>{value}</dd>
            </div>
        }
    };
    let bytes = d.bytes;
    view! {
        <dl class="mt-3 space-y-1 text-sm">
            {row(move_tr!("objects-etag"), d.etag.clone(), "object-etag")}
            <div class="flex gap-2">
                <dt class="w-36 shrink-0 text-slate-600">{move_tr!("objects-size")}</dt>
                <dd data-testid="object-size">{move || format_bytes(bytes)}" "
                    <span class="text-slate-500">{move || tr_dynamic_args("objects-bytes", &[("bytes", crate::format::format_number(bytes as i64, &crate::i18n::current_language()))])}</span>
                </dd>
            </div>
            {row(move_tr!("objects-content-type"), d.content_type.clone(), "object-content-type")}
            {row(move_tr!("objects-modified"), d.modified.clone(), "object-modified")}
            {d.expires.clone().map(|e| row(move_tr!("objects-expires"), e, "object-expires"))}
            {d.large.then(|| row(move_tr!("objects-kind"), crate::i18n::tr_dynamic("objects-large"), "object-large"))}
        </dl>
        <a href=download class=format!("mt-3 {BUTTON}") data-testid="object-panel-download" download="">{move_tr!("objects-download")}</a>
    }
}

/// Key/value rows; a blank row removes nothing and adds nothing.
#[component]
pub fn MetaRows(rows: RwSignal<Vec<(String, String)>>, prefix: &'static str) -> impl IntoView {
    let set = move |i: usize, key: bool, v: String| {
        rows.update(|r| {
            if let Some(row) = r.get_mut(i) {
                if key {
                    row.0 = v;
                } else {
                    row.1 = v;
                }
            }
        })
    };
    view! {
        <div class="space-y-2" data-testid=format!("{prefix}-meta-rows")>
            {move || rows.get().into_iter().enumerate().map(|(i, (k, v))| view! {
                <div class="flex gap-2">
                    <input type="text" class="w-40 rounded-md border border-slate-300 px-2 py-1 text-sm font-mono"
                        aria-label=move_tr!("storage-meta-key") data-testid="meta-key"
                        prop:value=k on:change=move |ev| set(i, true, event_target_value(&ev))/>
                    <input type="text" class="flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
                        aria-label=move_tr!("storage-meta-value") data-testid="meta-value"
                        prop:value=v on:change=move |ev| set(i, false, event_target_value(&ev))/>
                    <button type="button" class="text-sm text-red-800 underline" data-testid="meta-remove"
                        on:click=move |_| rows.update(|r| { if i < r.len() { r.remove(i); } })>
                        {move_tr!("storage-meta-remove")}
                    </button>
                </div>
            }).collect_view()}
            <button type="button" class="text-sm text-sky-700 underline" data-testid="meta-add"
                on:click=move |_| rows.update(|r| r.push((String::new(), String::new())))>
                {move_tr!("storage-meta-add")}
            </button>
        </div>
    }
}

#[component]
fn MetadataEditor(
    container: String,
    detail: ObjectView,
    saved: RwSignal<bool>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let rows = RwSignal::new(detail.meta.clone());
    let content_type = RwSignal::new(detail.content_type.clone());
    let save = ServerAction::<UpdateObjectMetadata>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    Effect::new(move |_| match save.value().get() {
        Some(Ok(())) => {
            saved.set(true);
            on_saved.run(());
        }
        Some(Err(_)) => saved.set(false),
        None => {}
    });
    let field_error = move |field: &'static str| crate::ui::field_error(error, field);
    let other = crate::ui::form_error(error);
    let name = detail.name.clone();
    view! {
        <form class="space-y-3" data-testid="object-meta-form"
            on:submit=move |ev| {
                ev.prevent_default();
                saved.set(false);
                save.dispatch(UpdateObjectMetadata {
                    container: container.clone(),
                    name: name.clone(),
                    meta: rows.get_untracked(),
                    content_type: content_type.get_untracked(),
                });
            }>
            <h3 class="font-semibold">{move_tr!("storage-metadata")}</h3>
            <div class="space-y-1">
                <label for="object-content-type" class="block text-sm font-medium">{move_tr!("objects-content-type")}</label>
                <input id="object-content-type" type="text" class="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
                    aria-describedby="object-content-type-error"
                    prop:value=move || content_type.get() on:change=move |ev| content_type.set(event_target_value(&ev))/>
                <p id="object-content-type-error" role="alert" class="text-sm text-red-700">{field_error("content_type")}</p>
            </div>
            <MetaRows rows=rows prefix="object"/>
            <p role="alert" class="text-sm text-red-700" data-testid="meta-error">{field_error("meta")}</p>
            <ErrorBanner error=other/>
            <button type="submit" class=BUTTON disabled=move || save.pending().get() data-testid="meta-save">{move_tr!("common-save")}</button>
            {move || saved.get().then(|| view! { <span role="status" class="ml-2 text-sm text-green-800">{move_tr!("common-saved")}</span> })}
        </form>
    }
}

#[component]
fn CopyForm(container: String, name: String, on_done: Callback<bool>) -> impl IntoView {
    let containers = Resource::new(|| (), |_| container_names());
    let to_container = RwSignal::new(container.clone());
    let to_name = RwSignal::new(name.clone());
    let copy = ServerAction::<CopyObject>::new();
    let error = Signal::derive(move || copy.value().get().and_then(Result::err));
    let last_move = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(())) = copy.value().get() {
            on_done.run(last_move.get_untracked());
        }
    });
    let field_error = move |field: &'static str| crate::ui::field_error(error, field);
    let other = crate::ui::form_error(error);
    let current = container.clone();
    let submit = move |remove_source: bool| {
        last_move.set(remove_source);
        copy.dispatch(CopyObject {
            container: container.clone(),
            name: name.clone(),
            to_container: to_container.get_untracked(),
            to_name: to_name.get_untracked(),
            remove_source,
        });
    };
    let submit2 = submit.clone();
    view! {
        <div class="space-y-3" data-testid="object-copy-form">
            <h3 class="font-semibold">{move_tr!("objects-copy-title")}</h3>
            <div class="space-y-1">
                <label for="copy-container" class="block text-sm font-medium">{move_tr!("objects-copy-container")}</label>
                <Transition fallback=Loading>
                    {move || {
                        let current = current.clone();
                        Suspend::new(async move {
                            let names = containers.await.unwrap_or_else(|_| vec![current.clone()]);
                            view! {
                                <select id="copy-container" class=SELECT aria-describedby="copy-container-error"
                                    on:change=move |ev| to_container.set(event_target_value(&ev))>
                                    {names.into_iter().map(|n| {
                                        let sel = n == to_container.get_untracked();
                                        view! { <option value=n.clone() selected=sel>{n.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            }
                        })
                    }}
                </Transition>
                <p id="copy-container-error" role="alert" class="text-sm text-red-700">{field_error("to_container")}</p>
            </div>
            <div class="space-y-1">
                <label for="copy-name" class="block text-sm font-medium">{move_tr!("objects-copy-name")}</label>
                <input id="copy-name" type="text" class="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
                    aria-describedby="copy-name-error"
                    prop:value=move || to_name.get() on:change=move |ev| to_name.set(event_target_value(&ev))/>
                <p class="text-xs text-slate-500">{move_tr!("objects-copy-name-help")}</p>
                <p id="copy-name-error" role="alert" class="text-sm text-red-700">{field_error("to_name")}</p>
            </div>
            <ErrorBanner error=other/>
            <div class="flex gap-2">
                <button type="button" class=BUTTON data-testid="object-copy" disabled=move || copy.pending().get()
                    on:click=move |_| submit(false)>{move_tr!("objects-copy")}</button>
                <button type="button" class="rounded-md border border-slate-300 px-4 py-2 text-sm" data-testid="object-move"
                    disabled=move || copy.pending().get()
                    on:click=move |_| submit2(true)>{move_tr!("objects-move")}</button>
            </div>
            {move || matches!(copy.value().get(), Some(Ok(()))).then(|| view! {
                <p role="status" class="text-sm text-green-800" data-testid="object-copied">{move_tr!("objects-copied")}</p>
            })}
        </div>
    }
}
