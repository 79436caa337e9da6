//! The project's containers: objects, bytes, storage policy and public
//! access, with create, delete (emptying first, with progress), public
//! toggle and a metadata editor.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::browser_href;
use super::object::{delete_in_batches, object_names, Progress, ProgressBar};
use super::object_detail::MetaRows;
use crate::compute::ConfirmPanel;
use crate::error::AppError;
use crate::format::{format_bytes, format_number};
use crate::i18n::{current_language, tr_count, tr_dynamic_args};
use crate::ui::{
    error_text, fetched, ErrorBanner, Loading, PageHeader, BUTTON, CARD, SELECT, TABLE, TD, TH,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainerRow {
    pub name: String,
    pub objects: u64,
    pub bytes: u64,
    pub policy: String,
    /// The anonymous URL when the container is public.
    pub public_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicyOption {
    pub name: String,
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContainerListing {
    pub rows: Vec<ContainerRow>,
    pub next: Option<String>,
    /// The account's totals.
    pub containers: u64,
    pub objects: u64,
    pub bytes: u64,
}

/// One page of containers, each with its policy and public URL (one HEAD
/// per row, a few at a time), plus the account totals.
#[server(endpoint = "list_containers")]
pub async fn list_containers(marker: String) -> Result<ContainerListing, AppError> {
    use futures::stream::{self, StreamExt};
    use openstack::object_store::{self as swift, ListOptions};
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let options = ListOptions {
        limit: Some(super::page_limit(&prefs)),
        marker: Some(marker).filter(|m| !m.is_empty()),
        ..Default::default()
    };
    let (account, page) = tokio::join!(
        swift::get_account(&api),
        swift::list_containers(&api, &options),
    );
    let (account, page) = (account?, page?);
    let api = &api;
    let rows = stream::iter(page.containers)
        .map(|c| async move {
            // A container deleted meanwhile still shows, without details.
            let head = swift::get_container(api, &c.name).await.ok();
            let objects = head.as_ref().map_or(c.count, |h| h.object_count);
            let bytes = head.as_ref().map_or(c.bytes, |h| h.bytes_used);
            ContainerRow {
                policy: head
                    .as_ref()
                    .and_then(|h| h.storage_policy.clone())
                    .unwrap_or_default(),
                public_url: head
                    .filter(|h| h.is_public())
                    .and_then(|_| swift::container_url(api, &c.name).ok())
                    .map(|u| u.to_string()),
                // The account listing lags behind on real Swift; HEAD does not.
                objects,
                bytes,
                name: c.name,
            }
        })
        .buffered(8)
        .collect()
        .await;
    Ok(ContainerListing {
        rows,
        next: page.next_marker,
        containers: account.container_count,
        objects: account.object_count,
        bytes: account.bytes_used,
    })
}

/// The cloud's storage policies from `/info`; none when it hides them.
#[server(endpoint = "storage_policies")]
pub async fn storage_policies() -> Result<Vec<PolicyOption>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let info = openstack::object_store::get_info(&api).await;
    Ok(info
        .map(|i| {
            i.policies
                .into_iter()
                .map(|p| PolicyOption {
                    name: p.name,
                    default: p.default,
                })
                .collect()
        })
        .unwrap_or_default())
}

#[server(endpoint = "create_container")]
pub async fn create_container(name: String, policy: String, public: bool) -> Result<(), AppError> {
    use openstack::object_store::{self as swift, ContainerCreate, PUBLIC_READ_ACL};
    let name = super::check_container_name(&name)?;
    let (_, api) = crate::ssr::session::require().await?;
    let options = ContainerCreate {
        storage_policy: Some(policy).filter(|p| !p.is_empty()),
        read_acl: public.then(|| PUBLIC_READ_ACL.to_owned()),
        ..Default::default()
    };
    let created = swift::create_container(&api, name, &options)
        .await
        .map_err(|e| match e {
            openstack::Error::BadRequest { message } => AppError::Refused {
                field: "policy".into(),
                message,
            },
            e => AppError::refused_at("name", e),
        })?;
    if !created {
        return Err(AppError::invalid("name", "containers-name-taken"));
    }
    Ok(())
}

/// Deletes an empty container, and its `<name>_segments` companion (where
/// large uploads put their segments) if that is empty too.
#[server(endpoint = "delete_container")]
pub async fn delete_container(name: String) -> Result<(), AppError> {
    use openstack::object_store as swift;
    let (_, api) = crate::ssr::session::require().await?;
    swift::delete_container(&api, &name)
        .await
        .map_err(|e| match e {
            openstack::Error::Conflict { .. } => {
                AppError::invalid("container", "containers-not-empty")
            }
            e => e.into(),
        })?;
    // Not found or still holding other objects: it stays.
    let _ = swift::delete_container(&api, &format!("{name}_segments")).await;
    Ok(())
}

#[server(endpoint = "set_container_public")]
pub async fn set_container_public(name: String, public: bool) -> Result<(), AppError> {
    use openstack::object_store::{self as swift, ContainerUpdate, PUBLIC_READ_ACL};
    let (_, api) = crate::ssr::session::require().await?;
    let update = ContainerUpdate {
        read_acl: Some(public.then(|| PUBLIC_READ_ACL.to_owned())),
        ..Default::default()
    };
    swift::update_container(&api, &name, &update).await?;
    Ok(())
}

#[server(endpoint = "container_metadata")]
pub async fn container_metadata(name: String) -> Result<Vec<(String, String)>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let info = openstack::object_store::get_container(&api, &name).await?;
    Ok(info.meta.into_iter().collect())
}

/// Makes the container's metadata exactly `meta`: new and changed keys are
/// set, keys no longer there are removed.
#[server(endpoint = "update_container_metadata", input = leptos::server_fn::codec::Json)]
pub async fn update_container_metadata(
    name: String,
    meta: Vec<(String, String)>,
) -> Result<(), AppError> {
    use openstack::object_store::{self as swift, ContainerUpdate};
    let meta = super::check_metadata(&meta)?;
    let (_, api) = crate::ssr::session::require().await?;
    let current = swift::get_container(&api, &name).await?;
    let update = ContainerUpdate {
        remove_meta: current
            .meta
            .keys()
            .filter(|k| !meta.iter().any(|(m, _)| m == *k))
            .cloned()
            .collect(),
        set_meta: meta.into_iter().collect(),
        ..Default::default()
    };
    swift::update_container(&api, &name, &update)
        .await
        .map_err(|e| AppError::refused_at("meta", e))
}

/// What the delete confirmation is about.
#[derive(Debug, Clone, PartialEq)]
struct DeleteRequest {
    name: String,
    objects: u64,
}

#[component]
pub fn ContainersPage() -> impl IntoView {
    let query = use_query_map();
    let marker = Memo::new(move |_| query.read().get("marker").unwrap_or_default());
    let containers = Resource::new(move || marker.get(), list_containers);
    let confirming = RwSignal::new(None::<DeleteRequest>);
    let editing = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<Progress>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let toggle = ServerAction::<SetContainerPublic>::new();
    Effect::new(move |_| {
        if toggle.version().get() > 0 {
            containers.refetch();
        }
    });
    let toggle_error = Signal::derive(move || toggle.value().get().and_then(Result::err));

    // Empties the container batch by batch (with progress), then deletes it.
    let run_delete = move |req: DeleteRequest| {
        confirming.set(None);
        busy.set(true);
        error.set(None);
        progress.set(None);
        leptos::task::spawn_local(async move {
            // Listed afresh: the count shown may be older than the container.
            let emptied = match object_names(req.name.clone(), String::new()).await {
                Ok(names) if names.is_empty() => Ok(true),
                Ok(names) => delete_in_batches(req.name.clone(), names, progress)
                    .await
                    .map(|p| p.failed.is_empty()),
                Err(e) => Err(e),
            };
            let result = match emptied {
                Ok(true) => delete_container(req.name).await,
                // The failures are listed under the progress bar.
                Ok(false) => Ok(()),
                Err(e) => Err(e),
            };
            if let Err(e) = result {
                error.set(Some(e));
            }
            busy.set(false);
            containers.refetch();
        });
    };

    view! {
        <PageHeader title=move_tr!("containers-title") description=move_tr!("containers-description")/>
        <NewContainerForm on_created=Callback::new(move |_| containers.refetch())/>
        {move || confirming.get().map(|req| {
            let message = if req.objects > 0 {
                tr_dynamic_args("containers-confirm-delete-full", &[
                    ("name", req.name.clone()),
                    ("objects", tr_count("storage-object-count", "count", req.objects as i64)),
                ])
            } else {
                tr_dynamic_args("containers-confirm-delete", &[("name", req.name.clone())])
            };
            view! {
                <ConfirmPanel message=message names={ Vec::<String>::new() } destructive=true pending=busy
                    on_confirm=Callback::new(move |_| run_delete(req.clone()))
                    on_cancel=Callback::new(move |_| confirming.set(None))/>
            }
        })}
        <ProgressBar progress=progress label=move_tr!("containers-emptying")/>
        <ErrorBanner error=Signal::derive(move || error.get().or(toggle_error.get()))/>
        {move || editing.get().map(|name| view! {
            <ContainerMetaPanel name=name on_close=Callback::new(move |_| editing.set(None))/>
        })}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(containers.await, move |page| {
                    let totals = view! {
                        <p class="mb-2 text-sm text-slate-600" data-testid="account-totals">
                            {move || tr_dynamic_args("containers-totals", &[
                                ("containers", format_number(page.containers as i64, &current_language())),
                                ("objects", format_number(page.objects as i64, &current_language())),
                                ("bytes", format_bytes(page.bytes)),
                            ])}
                        </p>
                    };
                    if page.rows.is_empty() {
                        return view! {
                            {totals}
                            <p class="text-sm text-slate-600" data-testid="containers-empty">{move_tr!("containers-empty")}</p>
                        }.into_any();
                    }
                    let next = page.next.clone();
                    view! {
                        {totals}
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class=TABLE data-testid="containers-table">
                                <thead class="bg-slate-50">
                                    <tr>
                                        <th class=TH scope="col">{move_tr!("containers-name")}</th>
                                        <th class=TH scope="col">{move_tr!("containers-objects")}</th>
                                        <th class=TH scope="col">{move_tr!("containers-bytes")}</th>
                                        <th class=TH scope="col">{move_tr!("containers-policy")}</th>
                                        <th class=TH scope="col">{move_tr!("containers-access")}</th>
                                        <th class=TH scope="col">{move_tr!("common-actions")}</th>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-100">
                                    {page.rows.into_iter().map(|r| container_row(r, toggle, confirming, editing, busy)).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                            <a href="/project/containers" class="text-sky-700 underline">{move_tr!("objects-first-page")}</a>
                            {next.map(|m| view! {
                                <a href=crate::ui::query_string(&[("marker", m)]) class="text-sky-700 underline" data-testid="containers-next">{move_tr!("common-next")}</a>
                            })}
                        </nav>
                    }.into_any()
                })
            })}
        </Transition>
    }
}

fn container_row(
    r: ContainerRow,
    toggle: ServerAction<SetContainerPublic>,
    confirming: RwSignal<Option<DeleteRequest>>,
    editing: RwSignal<Option<String>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let public = r.public_url.is_some();
    let (n1, n2, n3) = (r.name.clone(), r.name.clone(), r.name.clone());
    let objects = r.objects;
    let url = r.public_url.clone();
    let href = browser_href(&r.name, "");
    let (name, bytes, policy) = (r.name.clone(), r.bytes, r.policy.clone());
    view! {
        <tr data-testid="container-row" data-name=r.name.clone()>
            <td class=format!("{TD} min-w-40 font-medium")>
                <A href=href attr:class="[overflow-wrap:anywhere] text-sky-700 hover:underline" attr:data-testid="container-link">{name}</A>
            </td>
            <td class=TD data-testid="container-objects">{move || format_number(objects as i64, &current_language())}</td>
            <td class=format!("{TD} whitespace-nowrap")>{move || format_bytes(bytes)}</td>
            <td class=TD data-testid="container-policy">{policy}</td>
            <td class=TD data-testid="container-access">
                {if public {
                    view! { <span class="rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{move_tr!("containers-public")}</span> }.into_any()
                } else {
                    view! { <span class="rounded bg-slate-100 px-1.5 py-0.5 text-slate-700">{move_tr!("containers-private")}</span> }.into_any()
                }}
                {url.map(|u| view! { <PublicUrl url=u/> })}
            </td>
            <td class=format!("{TD} whitespace-nowrap space-x-3")>
                <button type="button" class="text-sky-700 underline" data-testid="container-toggle-public"
                    on:click=move |_| { toggle.dispatch(SetContainerPublic { name: n1.clone(), public: !public }); }>
                    {if public { move_tr!("containers-make-private") } else { move_tr!("containers-make-public") }}
                </button>
                <button type="button" class="text-sky-700 underline" data-testid="container-metadata"
                    on:click=move |_| editing.set(Some(n2.clone()))>
                    {move_tr!("storage-metadata")}
                </button>
                <button type="button" class="text-red-800 underline" data-testid="container-delete"
                    disabled=move || busy.get()
                    on:click=move |_| confirming.set(Some(DeleteRequest { name: n3.clone(), objects }))>
                    {move_tr!("action-delete")}
                </button>
            </td>
        </tr>
    }
}

/// The public URL with a Copy button.
#[component]
fn PublicUrl(url: String) -> impl IntoView {
    let copied = RwSignal::new(false);
    let text = url.clone();
    let copy = move |_| {
        crate::ui::copy_to_clipboard(&text);
        copied.set(true);
    };
    view! {
        <div class="mt-1 flex items-center gap-2">
            <input type="text" readonly class="w-64 rounded border border-slate-300 px-1 py-0.5 font-mono text-xs"
                aria-label=move_tr!("containers-public-url") data-testid="container-public-url" value=url
                on:focus=move |ev| {
                    #[cfg(feature = "hydrate")]
                    {
                        use wasm_bindgen::JsCast;
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            input.select();
                        }
                    }
                    #[cfg(not(feature = "hydrate"))]
                    let _ = ev;
                }/>
            <button type="button" class="text-xs text-sky-700 underline" data-testid="copy-public-url" on:click=copy>
                {move || if copied.get() { move_tr!("common-copied").get() } else { move_tr!("common-copy").get() }}
            </button>
        </div>
    }
}

#[component]
fn NewContainerForm(on_created: Callback<()>) -> impl IntoView {
    let policies = Resource::new(|| (), |_| storage_policies());
    let create = ServerAction::<CreateContainer>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    let name = RwSignal::new(String::new());
    let policy = RwSignal::new(String::new());
    let public = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(())) = create.value().get() {
            name.set(String::new());
            on_created.run(());
        }
    });
    let field_error = move |field: &'static str| crate::ui::field_error(error, field);
    let other = crate::ui::form_error(error);
    view! {
        <section class=format!("{CARD} mb-6") data-testid="container-create">
            <h2 class="mb-2 font-semibold">{move_tr!("containers-create-title")}</h2>
            <form class="flex flex-wrap items-start gap-4"
                on:submit=move |ev| {
                    ev.prevent_default();
                    create.dispatch(CreateContainer {
                        name: name.get_untracked(),
                        policy: policy.get_untracked(),
                        public: public.get_untracked(),
                    });
                }>
                <div class="space-y-1">
                    <label for="container-name" class="block text-sm font-medium">{move_tr!("containers-name")}</label>
                    <input id="container-name" name="name" type="text" required aria-describedby="container-name-error"
                        aria-invalid=move || field_error("name")().is_some().to_string()
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-sky-600"/>
                    <p id="container-name-error" role="alert" class="text-sm text-red-700">{field_error("name")}</p>
                </div>
                <div class="space-y-1">
                    <label for="container-policy" class="block text-sm font-medium">{move_tr!("containers-policy")}</label>
                    <Transition fallback=Loading>
                        {move || Suspend::new(async move {
                            let list = policies.await.unwrap_or_default();
                            view! {
                                <select id="container-policy" class=SELECT aria-describedby="container-policy-help container-policy-error"
                                    on:change=move |ev| policy.set(event_target_value(&ev))>
                                    {if list.is_empty() {
                                        view! { <option value="">{move_tr!("containers-policy-default")}</option> }.into_any()
                                    } else {
                                        list.into_iter().map(|p| {
                                            let label = if p.default {
                                                tr_dynamic_args("containers-policy-is-default", &[("name", p.name.clone())])
                                            } else {
                                                p.name.clone()
                                            };
                                            let value = if p.default { String::new() } else { p.name.clone() };
                                            view! { <option value=value>{label}</option> }
                                        }).collect_view().into_any()
                                    }}
                                </select>
                            }
                        })}
                    </Transition>
                    <p id="container-policy-help" class="text-xs text-slate-500">{move_tr!("containers-policy-fixed")}</p>
                    <p id="container-policy-error" role="alert" class="text-sm text-red-700">{field_error("policy")}</p>
                </div>
                <label class="mt-6 flex items-center gap-2 text-sm">
                    <input type="checkbox" data-testid="container-public" prop:checked=move || public.get()
                        on:change=move |ev| public.set(event_target_checked(&ev))/>
                    {move_tr!("containers-public-create")}
                </label>
                <button type="submit" class=format!("mt-6 {BUTTON}") disabled=move || create.pending().get()>{move_tr!("containers-create")}</button>
            </form>
            <ErrorBanner error=other/>
        </section>
    }
}

#[component]
fn ContainerMetaPanel(name: String, on_close: Callback<()>) -> impl IntoView {
    let rows = RwSignal::new(Vec::<(String, String)>::new());
    let loaded = {
        let n = name.clone();
        Resource::new(|| (), move |_| container_metadata(n.clone()))
    };
    Effect::new(move |_| {
        if let Some(Ok(meta)) = loaded.get() {
            rows.set(meta);
        }
    });
    let save = ServerAction::<UpdateContainerMetadata>::new();
    let error = Signal::derive(move || {
        save.value()
            .get()
            .and_then(Result::err)
            .or_else(|| loaded.get().and_then(Result::err))
    });
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let title = tr_dynamic_args("containers-metadata-title", &[("name", name.clone())]);
    view! {
        <section class=format!("{CARD} mb-4") data-testid="container-metadata-panel">
            <div class="flex items-start justify-between gap-3">
                <h2 class="break-all font-semibold">{title}</h2>
                <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm"
                    on:click=move |_| on_close.run(())>{move_tr!("common-close")}</button>
            </div>
            <form class="mt-3 space-y-3" on:submit=move |ev| {
                ev.prevent_default();
                save.dispatch(UpdateContainerMetadata { name: name.clone(), meta: rows.get_untracked() });
            }>
                <MetaRows rows=rows prefix="container"/>
                <p role="alert" class="text-sm text-red-700" data-testid="meta-error">
                    {move || error.get().filter(|e| e.field() == Some("meta")).map(|e| error_text(&e))}
                </p>
                <ErrorBanner error=Signal::derive(move || error.get().filter(|e| e.field().is_none()))/>
                <button type="submit" class=BUTTON disabled=move || save.pending().get() data-testid="meta-save">{move_tr!("common-save")}</button>
                {move || saved().then(|| view! { <span role="status" class="ml-2 text-sm text-green-800">{move_tr!("common-saved")}</span> })}
            </form>
        </section>
    }
}
