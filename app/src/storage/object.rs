//! The object browser: one container's objects by pseudo-folder (prefix and
//! `/` delimiter), paged by Swift's marker, with uploads, folders, and
//! deletes of many objects or whole folders with progress.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::object_detail::ObjectPanel;
use super::upload::UploadPanel;
use super::{breadcrumbs, browser_href, data_href, leaf};
use crate::compute::ConfirmPanel;
use crate::error::AppError;
use crate::format::format_bytes;
use crate::i18n::{tr_count, tr_dynamic_args};
use crate::ui::{error_text, fetched, query_string, ErrorBanner, Loading, BUTTON, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectRow {
    /// The full name (a folder's ends in `/`).
    pub name: String,
    pub folder: bool,
    pub bytes: u64,
    pub content_type: String,
    pub modified: String,
    /// A static large object: deleting it deletes its segments too.
    pub large: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectListing {
    pub rows: Vec<ObjectRow>,
    /// The marker of the next page, if there is one.
    pub next: Option<String>,
    /// The container's anonymous URL when it is public.
    pub public_url: Option<String>,
}

/// An object to delete, and whether it is a large object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NameEntry {
    pub name: String,
    pub large: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DeleteOutcome {
    pub deleted: u64,
    pub failed: Vec<String>,
}

/// Swift's `2026-11-21T12:34:56.123450` (UTC) in the user's zone and language.
#[cfg(feature = "ssr")]
pub(super) fn listing_time(raw: Option<&str>, prefs: &crate::model::Prefs) -> String {
    let Some(raw) = raw else {
        return String::new();
    };
    chrono::NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S%.f")
        .map(|t| crate::format::format_datetime(t.and_utc(), &prefs.language, &prefs.timezone))
        .unwrap_or_else(|_| raw.to_owned())
}

/// One page of a folder: its sub-folders and objects, optionally only the
/// names starting with `filter`.
#[server(endpoint = "list_objects")]
pub async fn list_objects(
    container: String,
    prefix: String,
    marker: String,
    filter: String,
) -> Result<ObjectListing, AppError> {
    use openstack::object_store::{self as swift, ListOptions, ObjectEntry};
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let options = ListOptions {
        limit: Some(super::page_limit(&prefs)),
        marker: Some(marker).filter(|m| !m.is_empty()),
        prefix: Some(format!("{prefix}{filter}")).filter(|p| !p.is_empty()),
        delimiter: Some("/".into()),
        ..Default::default()
    };
    let (page, info) = tokio::join!(
        swift::list_objects(&api, &container, &options),
        swift::get_container(&api, &container),
    );
    let page = page?;
    let public_url = info
        .ok()
        .filter(|i| i.is_public())
        .and_then(|_| swift::container_url(&api, &container).ok())
        .map(|u| u.to_string());
    let rows = page
        .entries
        .into_iter()
        // The folder's own marker object is the folder itself.
        .filter(|e| e.name() != prefix)
        .map(|e| match e {
            ObjectEntry::Subdir(name) => ObjectRow {
                name,
                folder: true,
                bytes: 0,
                content_type: String::new(),
                modified: String::new(),
                large: false,
            },
            ObjectEntry::Object(o) => ObjectRow {
                large: o.is_large(),
                modified: listing_time(o.last_modified.as_deref(), &prefs),
                folder: o.name.ends_with('/'),
                name: o.name,
                bytes: o.bytes,
                content_type: o.content_type,
            },
        })
        .collect();
    Ok(ObjectListing {
        rows,
        next: page.next_marker,
        public_url,
    })
}

/// Every object below `prefix` (all pages), for a recursive delete.
#[server(endpoint = "object_names")]
pub async fn object_names(container: String, prefix: String) -> Result<Vec<NameEntry>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let prefix = Some(prefix.as_str()).filter(|p| !p.is_empty());
    let objects = openstack::object_store::list_all_objects(&api, &container, prefix).await?;
    Ok(objects
        .into_iter()
        .map(|o| NameEntry {
            large: o.is_large(),
            name: o.name,
        })
        .collect())
}

/// The most objects one call deletes; the browser sends batches so it can
/// show progress.
pub const DELETE_BATCH: usize = 200;

/// Deletes objects: plain ones in one bulk request (or one by one where the
/// cloud has no bulk delete), large ones with their segments.
#[server(endpoint = "delete_objects", input = leptos::server_fn::codec::Json)]
pub async fn delete_objects(
    container: String,
    objects: Vec<NameEntry>,
) -> Result<DeleteOutcome, AppError> {
    use futures::stream::{self, StreamExt};
    use openstack::object_store as swift;
    if objects.len() > DELETE_BATCH {
        return Err(AppError::invalid("objects", "error-bad-request"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let (large, plain): (Vec<NameEntry>, Vec<NameEntry>) =
        objects.into_iter().partition(|o| o.large);
    let names: Vec<String> = plain.into_iter().map(|o| o.name).collect();
    let mut outcome = DeleteOutcome::default();
    if !names.is_empty() {
        let r = swift::delete_objects(&api, &container, &names).await?;
        outcome.deleted += r.deleted + r.not_found;
        outcome
            .failed
            .extend(r.errors.into_iter().map(|(path, _)| path));
    }
    let api = &api;
    let container = &container;
    let results: Vec<(String, Result<(), openstack::Error>)> = stream::iter(large)
        .map(|o| async move {
            let r = swift::delete_large_object(api, container, &o.name).await;
            (o.name, r)
        })
        .buffer_unordered(4)
        .collect()
        .await;
    for (name, r) in results {
        match r {
            Ok(()) | Err(openstack::Error::NotFound { .. }) => outcome.deleted += 1,
            Err(e) => {
                tracing::warn!(error = %e, "large object delete failed");
                outcome.failed.push(name);
            }
        }
    }
    Ok(outcome)
}

/// A folder is an empty object whose name ends in `/`, as Horizon makes it.
#[server(endpoint = "create_folder")]
pub async fn create_folder(
    container: String,
    prefix: String,
    name: String,
) -> Result<(), AppError> {
    let name = super::check_folder_name(&name)?;
    let full = format!("{prefix}{name}/");
    super::check_object_name(&full, "folder")?;
    let (_, api) = crate::ssr::session::require().await?;
    let meta = Default::default();
    let upload = openstack::object_store::Upload {
        content_type: Some("application/directory"),
        size: Some(0),
        etag: None,
        meta: &meta,
        if_none_match: false,
    };
    openstack::object_store::upload_object(
        &api,
        &container,
        &full,
        openstack::Body::from(""),
        &upload,
    )
    .await
    .map_err(|e| AppError::refused_at("folder", e))?;
    Ok(())
}

/// Progress of a batch operation the browser drives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub failed: Vec<String>,
}

/// Deletes `objects` batch by batch, updating `progress` after each.
pub async fn delete_in_batches(
    container: String,
    objects: Vec<NameEntry>,
    progress: RwSignal<Option<Progress>>,
) -> Result<Progress, AppError> {
    let mut p = Progress {
        total: objects.len(),
        ..Default::default()
    };
    progress.set(Some(p.clone()));
    for batch in objects.chunks(DELETE_BATCH) {
        let out = delete_objects(container.clone(), batch.to_vec()).await?;
        p.done += batch.len();
        p.failed.extend(out.failed);
        progress.set(Some(p.clone()));
    }
    Ok(p)
}

/// A progress bar with "12 of 40" for a running batch.
#[component]
pub fn ProgressBar(
    #[prop(into)] progress: Signal<Option<Progress>>,
    label: Signal<String>,
) -> impl IntoView {
    move || {
        progress.get().map(|p| {
            let text = tr_dynamic_args(
                "storage-progress",
                &[("done", p.done.to_string()), ("total", p.total.to_string())],
            );
            let failed = p.failed.clone();
            view! {
                <div class="my-3 space-y-1 text-sm" data-testid="batch-progress">
                    <div class="flex items-center gap-3">
                        <progress class="w-64" max=p.total.max(1).to_string() value=p.done.to_string() aria-label=label></progress>
                        <span role="status">{text}</span>
                    </div>
                    {(!failed.is_empty()).then(|| view! {
                        <div role="alert" class="text-red-800">
                            <p>{tr_count("storage-delete-failed", "count", failed.len() as i64)}</p>
                            <ul class="list-inside list-disc">{failed.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        </div>
                    })}
                </div>
            }
        })
    }
}

/// What the user asked to delete and is being asked to confirm.
#[derive(Debug, Clone, PartialEq)]
enum Deleting {
    Objects(Vec<NameEntry>),
    Folder(String),
}

#[component]
pub fn ObjectBrowserPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let container = Memo::new(move |_| params.read().get("container").unwrap_or_default());
    let prefix = Memo::new(move |_| query.read().get("prefix").unwrap_or_default());
    let marker = Memo::new(move |_| query.read().get("marker").unwrap_or_default());
    let filter = Memo::new(move |_| query.read().get("filter").unwrap_or_default());
    let objects = Resource::new(
        move || (container.get(), prefix.get(), marker.get(), filter.get()),
        |(c, p, m, f)| list_objects(c, p, m, f),
    );
    let reload = Callback::new(move |_: ()| objects.refetch());

    // Selection by full name, with the large-object flag for the delete.
    let selected = RwSignal::new(std::collections::BTreeMap::<String, bool>::new());
    // The object whose details are open.
    let open = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<Deleting>);
    let progress = RwSignal::new(None::<Progress>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    Effect::new(move |_| {
        // A new folder or page starts with nothing selected or open.
        let _ = (container.get(), prefix.get(), marker.get());
        selected.set(Default::default());
        open.set(None);
    });

    let run_delete = move |what: Deleting| {
        confirming.set(None);
        busy.set(true);
        error.set(None);
        let c = container.get_untracked();
        leptos::task::spawn_local(async move {
            let names = match what {
                Deleting::Objects(list) => Ok(list),
                Deleting::Folder(p) => object_names(c.clone(), p).await,
            };
            let result = match names {
                Ok(names) => delete_in_batches(c, names, progress).await.map(|_| ()),
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                error.set(Some(e));
            }
            selected.set(Default::default());
            busy.set(false);
            objects.refetch();
        });
    };

    let folder_form = RwSignal::new(String::new());
    let create = ServerAction::<CreateFolder>::new();
    let create_error = Signal::derive(move || create.value().get().and_then(Result::err));
    Effect::new(move |_| {
        if let Some(Ok(())) = create.value().get() {
            folder_form.set(String::new());
            objects.refetch();
        }
    });

    let crumbs = move || {
        let c = container.get();
        let top = browser_href(&c, "");
        let label = c.clone();
        let mut links = vec![view! {
            <li><A href=top attr:class="text-sky-700 hover:underline" attr:data-testid="crumb">{label}</A></li>
        }
        .into_any()];
        for (label, p) in breadcrumbs(&prefix.get()) {
            let href = browser_href(&c, &p);
            links.push(view! {
                <li aria-hidden="true" class="text-slate-400">"›"</li>
                <li><A href=href attr:class="text-sky-700 hover:underline" attr:data-testid="crumb">{label}</A></li>
            }.into_any());
        }
        links
    };

    view! {
        <header class="mb-4">
            <nav aria-label=move_tr!("objects-breadcrumbs") class="text-sm">
                <ol class="flex flex-wrap items-center gap-1" data-testid="breadcrumbs">
                    <li><A href="/project/containers" attr:class="text-sky-700 hover:underline">{move_tr!("nav-containers")}</A></li>
                    <li aria-hidden="true" class="text-slate-400">"›"</li>
                    {crumbs}
                </ol>
            </nav>
            <h1 class="mt-1 break-all text-2xl font-semibold text-slate-900" data-testid="container-title">{move || container.get()}</h1>
        </header>

        <div class="mb-4 flex flex-wrap items-end gap-4">
            <Form method="GET" action="" attr:class="flex items-end gap-2" attr:data-testid="objects-filter">
                <input type="hidden" name="prefix" value=move || prefix.get()/>
                <div class="space-y-1">
                    <label for="objects-filter" class="block text-sm font-medium">{move_tr!("objects-filter")}</label>
                    <input id="objects-filter" name="filter" type="search" value=move || filter.get()
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-sky-600"/>
                </div>
                <button type="submit" class=BUTTON>{move_tr!("objects-filter-apply")}</button>
            </Form>
            <form class="flex items-end gap-2" data-testid="create-folder"
                on:submit=move |ev| {
                    ev.prevent_default();
                    create.dispatch(CreateFolder {
                        container: container.get_untracked(),
                        prefix: prefix.get_untracked(),
                        name: folder_form.get_untracked(),
                    });
                }>
                <div class="space-y-1">
                    <label for="folder-name" class="block text-sm font-medium">{move_tr!("objects-folder-name")}</label>
                    <input id="folder-name" name="folder" type="text" required
                        prop:value=move || folder_form.get()
                        on:input=move |ev| folder_form.set(event_target_value(&ev))
                        aria-describedby="folder-name-error"
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-sky-600"/>
                </div>
                <button type="submit" class=BUTTON disabled=move || create.pending().get()>{move_tr!("objects-create-folder")}</button>
            </form>
        </div>
        <p id="folder-name-error" role="alert" class="-mt-3 mb-3 text-sm text-red-700">
            {move || create_error.get().map(|e| error_text(&e))}
        </p>

        <UploadPanel container=container prefix=prefix on_uploaded=reload/>

        {move || confirming.get().map(|what| {
            let message = match &what {
                Deleting::Objects(list) => tr_count("objects-confirm-delete", "count", list.len() as i64),
                Deleting::Folder(p) => tr_dynamic_args("objects-confirm-delete-folder", &[("name", p.clone())]),
            };
            let names: Vec<String> = match &what {
                Deleting::Objects(list) => list.iter().take(20).map(|o| o.name.clone()).collect(),
                Deleting::Folder(p) => vec![p.clone()],
            };
            view! {
                <ConfirmPanel message=message names=names destructive=true pending=busy
                    on_confirm=Callback::new(move |_| run_delete(what.clone()))
                    on_cancel=Callback::new(move |_| confirming.set(None))/>
            }
        })}
        <ProgressBar progress=progress label=move_tr!("objects-deleting")/>
        <ErrorBanner error=error/>

        <div class="mb-2 flex items-center gap-3 text-sm">
            <button type="button" class="rounded-md border border-red-300 px-3 py-1 text-red-800 disabled:opacity-50"
                data-testid="delete-selected"
                disabled=move || { selected.with(|s| s.is_empty()) || busy.get() }
                on:click=move |_| {
                    let list = selected.get_untracked().into_iter().map(|(name, large)| NameEntry { name, large }).collect();
                    confirming.set(Some(Deleting::Objects(list)));
                }>
                {move || tr_count("objects-delete-selected", "count", selected.with(|s| s.len()) as i64)}
            </button>
        </div>

        {move || open.get().map(|name| view! {
            <ObjectPanel container=container.get() name=name
                on_close=Callback::new(move |_| open.set(None))
                on_changed=reload/>
        })}

        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(objects.await, move |page| {
                    let public = page.public_url.clone().map(|url| view! {
                        <p class="mb-2 text-sm text-slate-600" data-testid="objects-public">
                            {move_tr!("containers-public-at")}" "
                            <code class="break-all">{url}</code>
                        </p>
                    });
                    if page.rows.is_empty() {
                        return view! {
                            {public}
                            <p class="text-sm text-slate-600" data-testid="objects-empty">{move_tr!("objects-empty")}</p>
                        }.into_any();
                    }
                    let next = page.next.clone();
                    let rows = page.rows.clone();
                    let selectable: Vec<(String, bool)> = rows.iter().filter(|r| !r.folder).map(|r| (r.name.clone(), r.large)).collect();
                    let all_checked = {
                        let s2 = selectable.clone();
                        move || !s2.is_empty() && selected.with(|s| s2.iter().all(|(n, _)| s.contains_key(n)))
                    };
                    let toggle_all = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| for (n, large) in &selectable {
                            if on { s.insert(n.clone(), *large); } else { s.remove(n); }
                        });
                    };
                    let next_href = move |m: String| {
                        query_string(&[("prefix", prefix.get()), ("filter", filter.get()), ("marker", m)])
                    };
                    view! {
                        {public}
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class=TABLE data-testid="objects-table">
                                <thead class="bg-slate-50">
                                    <tr>
                                        <th class=TH scope="col">
                                            <input type="checkbox" aria-label=move_tr!("objects-select-all")
                                                data-testid="select-all" prop:checked=all_checked on:change=toggle_all/>
                                        </th>
                                        <th class=TH scope="col">{move_tr!("objects-name")}</th>
                                        <th class=TH scope="col">{move_tr!("objects-size")}</th>
                                        <th class=TH scope="col">{move_tr!("objects-content-type")}</th>
                                        <th class=TH scope="col">{move_tr!("objects-modified")}</th>
                                        <th class=TH scope="col">{move_tr!("common-actions")}</th>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-100">
                                    {rows.into_iter().map(|r| object_row(r, container, prefix, selected, open, confirming)).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                            <a href=move || next_href(String::new()) class="text-sky-700 underline">{move_tr!("objects-first-page")}</a>
                            {next.map(|m| view! {
                                <a href=move || next_href(m.clone()) class="text-sky-700 underline" data-testid="objects-next">{move_tr!("common-next")}</a>
                            })}
                        </nav>
                    }.into_any()
                })
            })}
        </Transition>
    }
}

/// A folder outline, drawn so it shows without an emoji font.
#[component]
fn FolderIcon() -> impl IntoView {
    view! {
        <svg aria-hidden="true" viewBox="0 0 20 20" class="mr-1 inline h-4 w-4 -translate-y-px fill-amber-400">
            <path d="M2 5a2 2 0 0 1 2-2h4l2 2h6a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2z"/>
        </svg>
    }
}

fn object_row(
    r: ObjectRow,
    container: Memo<String>,
    prefix: Memo<String>,
    selected: RwSignal<std::collections::BTreeMap<String, bool>>,
    open: RwSignal<Option<String>>,
    confirming: RwSignal<Option<Deleting>>,
) -> impl IntoView {
    let shown = leaf(&r.name, &prefix.get_untracked());
    let name = r.name.clone();
    if r.folder {
        let href = browser_href(&container.get_untracked(), &name);
        let folder = name.clone();
        return view! {
            <tr data-testid="object-row" data-name=name.clone() data-folder="true">
                <td class=TD></td>
                <td class=format!("{TD} min-w-40 font-medium")>
                    <A href=href attr:class="[overflow-wrap:anywhere] text-sky-700 hover:underline" attr:data-testid="folder-link">
                        <FolderIcon/>{shown}
                    </A>
                </td>
                <td class=TD></td>
                <td class=TD>{move_tr!("objects-folder")}</td>
                <td class=TD></td>
                <td class=TD>
                    <button type="button" class="text-red-800 underline" data-testid="delete-folder"
                        on:click=move |_| confirming.set(Some(Deleting::Folder(folder.clone())))>
                        {move_tr!("action-delete")}
                    </button>
                </td>
            </tr>
        }
        .into_any();
    }
    let large = r.large;
    let checked = {
        let name = name.clone();
        move || selected.with(|s| s.contains_key(&name))
    };
    let toggle = {
        let name = name.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            selected.update(|s| {
                if on {
                    s.insert(name.clone(), large);
                } else {
                    s.remove(&name);
                }
            });
        }
    };
    let download = data_href(&container.get_untracked(), &name);
    let (show, del) = (name.clone(), name.clone());
    view! {
        <tr data-testid="object-row" data-name=name.clone()>
            <td class=TD>
                <input type="checkbox" aria-label=shown.clone() data-testid="select-row" prop:checked=checked on:change=toggle/>
            </td>
            <td class=format!("{TD} min-w-40 font-medium")>
                <button type="button" class="[overflow-wrap:anywhere] text-left text-sky-700 hover:underline" data-testid="object-open"
                    on:click=move |_| open.set(Some(show.clone()))>
                    {shown}
                </button>
                {large.then(|| view! { <span class="ml-2 rounded bg-slate-100 px-1 text-xs text-slate-600">{move_tr!("objects-large")}</span> })}
            </td>
            <td class=format!("{TD} whitespace-nowrap")>{move || format_bytes(r.bytes)}</td>
            <td class=TD>{r.content_type}</td>
            <td class=format!("{TD} whitespace-nowrap")>{r.modified}</td>
            <td class=format!("{TD} whitespace-nowrap space-x-3")>
                <a href=download class="text-sky-700 underline" data-testid="object-download" download="">{move_tr!("objects-download")}</a>
                <button type="button" class="text-red-800 underline" data-testid="object-delete"
                    on:click=move |_| confirming.set(Some(Deleting::Objects(vec![NameEntry { name: del.clone(), large }])))>
                    {move_tr!("action-delete")}
                </button>
            </td>
        </tr>
    }
    .into_any()
}
