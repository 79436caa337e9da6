//! One instance: overview, console log, action log, and its actions.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

use super::action::{
    action_error_text, ActionFailure, ActionResults, ConfirmPanel, InstanceAction,
    RunInstanceAction,
};
#[cfg(feature = "hydrate")]
use super::status::is_transitional;
use super::status::{power_text, task_text, StatusBadge};
use crate::error::AppError;
use crate::i18n::{tr_count, tr_dynamic, tr_dynamic_args};
use crate::ui::{fetched, Loading, BUTTON, CARD, SELECT, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressRow {
    pub network: String,
    pub addr: String,
    pub kind: String,
    pub mac: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceDetail {
    pub id: String,
    pub name: String,
    pub status: String,
    pub task_state: String,
    pub power_state: Option<i64>,
    pub locked: bool,
    pub availability_zone: String,
    pub created: String,
    pub updated: String,
    pub flavor_name: String,
    pub vcpus: u64,
    pub ram_mib: u64,
    pub disk_gib: u64,
    pub image_id: String,
    pub image_name: String,
    pub key_name: String,
    pub security_groups: Vec<String>,
    pub metadata: Vec<(String, String)>,
    pub addresses: Vec<AddressRow>,
    pub fault: Option<String>,
    /// The guest CPU topology from the server's diagnostics (admins only).
    pub cpu_topology: Option<topology::Topology>,
}

#[server(endpoint = "get_instance")]
pub async fn get_instance(id: String) -> Result<InstanceDetail, AppError> {
    use openstack::compute;
    let (login, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let s = compute::get_server(&api, &id).await?;
    // Diagnostics are admin-only and absent while building: a best effort.
    let cpu_topology = if login.token.is_admin() && s.status != "BUILD" {
        compute::get_server_diagnostics(&api, &id)
            .await
            .ok()
            .and_then(|d| d.cpu_topology)
            .map(|t| topology::Topology::new(t.sockets as i64, t.cores as i64, t.threads as i64))
    } else {
        None
    };
    let image_name = if s.image.is_empty() {
        String::new()
    } else {
        openstack::image::images_by_id(&api, std::slice::from_ref(&s.image))
            .await
            .ok()
            .and_then(|images| images.into_iter().next())
            .and_then(|i| i.name)
            .unwrap_or_else(|| s.image.clone())
    };
    let when = |t: Option<chrono::DateTime<chrono::Utc>>| {
        t.map(|t| crate::format::format_datetime(t, &prefs.language, &prefs.timezone))
            .unwrap_or_default()
    };
    let mut security_groups: Vec<String> =
        s.security_groups.iter().map(|g| g.name.clone()).collect();
    security_groups.dedup();
    Ok(InstanceDetail {
        addresses: s
            .addresses
            .iter()
            .flat_map(|(net, list)| {
                list.iter().map(move |a| AddressRow {
                    network: net.clone(),
                    addr: a.addr.clone(),
                    kind: a.ip_type.clone().unwrap_or_default(),
                    mac: a.mac_addr.clone().unwrap_or_default(),
                })
            })
            .collect(),
        created: when(s.created),
        updated: when(s.updated),
        flavor_name: s.flavor.original_name.clone(),
        vcpus: s.flavor.vcpus,
        ram_mib: s.flavor.ram,
        disk_gib: s.flavor.disk,
        key_name: s.key_name.clone().unwrap_or_default(),
        availability_zone: s.availability_zone.clone().unwrap_or_default(),
        task_state: s.task_state.clone().unwrap_or_default(),
        metadata: s.metadata.clone().into_iter().collect(),
        fault: s.fault.as_ref().map(|f| f.message.clone()),
        cpu_topology,
        image_id: s.image.clone(),
        image_name,
        security_groups,
        power_state: s.power_state,
        locked: s.locked,
        status: s.status,
        name: s.name,
        id: s.id,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsoleLog {
    pub text: String,
    pub lines: usize,
}

/// The last `length` lines of the console (0 for all of it).
#[server(endpoint = "instance_console")]
pub async fn instance_console(id: String, length: u32) -> Result<ConsoleLog, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let text =
        openstack::compute::console_output(&api, &id, (length > 0).then_some(length)).await?;
    Ok(ConsoleLog {
        lines: text.lines().count(),
        text,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionLogRow {
    pub action: String,
    pub request_id: String,
    pub user_id: String,
    pub start: String,
    pub message: String,
}

#[server(endpoint = "instance_action_log")]
pub async fn instance_action_log(id: String) -> Result<Vec<ActionLogRow>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let actions = openstack::compute::list_instance_actions(&api, &id).await?;
    Ok(actions
        .into_iter()
        .map(|a| ActionLogRow {
            start: a
                .start_time
                .map(|t| crate::format::format_datetime(t, &prefs.language, &prefs.timezone))
                .unwrap_or_default(),
            action: a.action,
            request_id: a.request_id,
            user_id: a.user_id,
            message: a.message.unwrap_or_default(),
        })
        .collect())
}

/// Actions that take a choice: a new flavor, an image, a snapshot name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InstanceChange {
    Resize { flavor_id: String },
    Rebuild { image_id: String },
    Snapshot { name: String },
}

#[server(endpoint = "change_instance", input = leptos::server_fn::codec::Json)]
pub async fn change_instance(id: String, change: InstanceChange) -> Result<(), AppError> {
    use openstack::compute::{self, ServerAction};
    let (_, api) = crate::ssr::session::require().await?;
    match change {
        InstanceChange::Resize { flavor_id } => {
            if flavor_id.trim().is_empty() {
                return Err(AppError::invalid("flavor", "instance-choose-flavor"));
            }
            compute::server_action(
                &api,
                &id,
                &ServerAction::Resize {
                    flavor_ref: flavor_id,
                },
            )
            .await?;
        }
        InstanceChange::Rebuild { image_id } => {
            if image_id.trim().is_empty() {
                return Err(AppError::invalid("image", "instance-choose-image"));
            }
            let action = ServerAction::Rebuild {
                image_ref: image_id,
                name: None,
                admin_pass: None,
                description: None,
            };
            compute::server_action(&api, &id, &action).await?;
        }
        InstanceChange::Snapshot { name } => {
            let name = name.trim();
            if name.is_empty() {
                return Err(AppError::invalid(
                    "snapshot",
                    "instance-snapshot-name-required",
                ));
            }
            compute::create_server_image(&api, &id, name, &BTreeMap::new()).await?;
        }
    }
    Ok(())
}

/// Flavors and images to choose from for resize and rebuild.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choices {
    pub flavors: Vec<(String, String)>,
    pub images: Vec<(String, String)>,
}

#[server(endpoint = "instance_choices")]
pub async fn instance_choices() -> Result<Choices, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let (flavors, images) = tokio::join!(
        openstack::compute::list_flavors(&api),
        openstack::image::images_by_id(&api, &[])
    );
    Ok(Choices {
        flavors: flavors?.into_iter().map(|f| (f.id, f.name)).collect(),
        images: images
            .unwrap_or_default()
            .into_iter()
            .filter(|i| i.status == "active")
            .map(|i| (i.name.clone().unwrap_or_else(|| i.id.clone()), i.id))
            .map(|(name, id)| (id, name))
            .collect(),
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Overview,
    Console,
    Log,
}

#[component]
pub fn InstanceDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let tab = Memo::new(move |_| match query.read().get("tab").as_deref() {
        Some("console") => Tab::Console,
        Some("log") => Tab::Log,
        _ => Tab::Overview,
    });
    let server = Resource::new(move || id.get(), get_instance);
    // What the last action did; kept here because a refetch renders new buttons.
    let results = RwSignal::new(None::<Result<Vec<ActionFailure>, AppError>>);

    #[cfg(feature = "hydrate")]
    {
        let timer = set_interval_with_handle(
            move || {
                let busy = server
                    .get_untracked()
                    .and_then(|r| r.ok())
                    .is_some_and(|s| is_transitional(&s.status, &s.task_state));
                if busy {
                    server.refetch();
                }
            },
            std::time::Duration::from_secs(2),
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }

    let tab_link = move |t: Tab, key: &'static str, q: &'static str| {
        let class = move || {
            if tab.get() == t {
                "border-b-2 border-sky-700 px-3 py-2 font-medium text-sky-800"
            } else {
                "px-3 py-2 text-slate-600 hover:text-slate-900"
            }
        };
        view! {
            <A href=move || format!("/project/instances/{}{q}", id.get()) attr:class=class
                attr:aria-current=move || (tab.get() == t).then_some("page")>
                {move || tr_dynamic(key)}
            </A>
        }
    };

    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(server.await, move |s| {
                    let name = s.name.clone();
                    view! {
                        <div class="mb-4 flex flex-wrap items-center justify-between gap-3">
                            <h1 class="flex items-center gap-3 text-2xl font-semibold text-slate-900">
                                <span data-testid="instance-name">{name}</span>
                                <StatusBadge status=s.status.clone()/>
                                {(!s.task_state.is_empty()).then(|| {
                                    let t = s.task_state.clone();
                                    view! { <span class="text-sm font-normal text-slate-600" data-testid="task-state">{move || task_text(&t)}</span> }
                                })}
                            </h1>
                            <A href="/project/instances" attr:class="text-sm text-sky-700 underline">{move_tr!("instance-back")}</A>
                        </div>
                        {s.fault.clone().map(|f| view! {
                            <div role="alert" class="mb-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
                                {move_tr!("instance-fault")}": "{f}
                            </div>
                        })}
                        <InstanceActions detail=s.clone() results on_done=Callback::new(move |_| server.refetch())/>
                        <nav class="mb-4 flex gap-1 border-b border-slate-200 text-sm" aria-label=move_tr!("instance-tabs")>
                            {tab_link(Tab::Overview, "instance-tab-overview", "")}
                            {tab_link(Tab::Console, "instance-tab-console", "?tab=console")}
                            {tab_link(Tab::Log, "instance-tab-log", "?tab=log")}
                        </nav>
                        {move || match tab.get() {
                            Tab::Overview => overview(s.clone()).into_any(),
                            Tab::Console => view! { <ConsoleTab id=id.get()/> }.into_any(),
                            Tab::Log => view! { <LogTab id=id.get()/> }.into_any(),
                        }}
                    }
                    .into_any()
                })
            })}
        </Transition>
    }
}

fn overview(s: InstanceDetail) -> impl IntoView {
    let row = |key: &'static str, value: String| {
        view! {
            <div class="grid grid-cols-3 gap-2 py-1.5">
                <dt class="font-medium text-slate-600">{move || tr_dynamic(key)}</dt>
                <dd class="col-span-2 text-slate-900">{value}</dd>
            </div>
        }
    };
    let flavor = format!(
        "{} ({})",
        s.flavor_name,
        tr_dynamic_args(
            "instance-flavor-size",
            &[
                ("vcpus", s.vcpus.to_string()),
                ("ram", s.ram_mib.to_string()),
                ("disk", s.disk_gib.to_string()),
            ]
        )
    );
    let power = power_text(s.power_state);
    view! {
        <div class="grid gap-4 lg:grid-cols-2" data-testid="instance-overview">
            <section class=CARD>
                <h2 class="mb-2 font-semibold">{move_tr!("instance-tab-overview")}</h2>
                <dl class="divide-y divide-slate-100 text-sm">
                    {row("instance-id", s.id.clone())}
                    {row("instances-flavor", flavor)}
                    {row("instances-image", s.image_name.clone())}
                    {row("instances-key-pair", s.key_name.clone())}
                    {row("instances-availability-zone", s.availability_zone.clone())}
                    {row("instances-power-state", power)}
                    {row("instance-locked", if s.locked { tr_dynamic("common-yes") } else { tr_dynamic("common-no") })}
                    {row("instances-created", s.created.clone())}
                    {row("instance-updated", s.updated.clone())}
                    {row("instance-security-groups", s.security_groups.join(", "))}
                    {s.cpu_topology.map(|t| view! {
                        <div class="grid grid-cols-3 gap-2 py-1.5" data-testid="instance-cpu-topology">
                            <dt class="font-medium text-slate-600">{move_tr!("instance-cpu-topology")}</dt>
                            <dd class="col-span-2 text-slate-900">{crate::admin::topology::topology_text(&t)}</dd>
                        </div>
                    })}
                </dl>
            </section>
            <div class="space-y-4">
                <section class=CARD>
                    <h2 class="mb-2 font-semibold">{move_tr!("instances-addresses")}</h2>
                    {if s.addresses.is_empty() {
                        view! { <p class="text-sm text-slate-600">{move_tr!("instance-no-addresses")}</p> }.into_any()
                    } else {
                        view! {
                            <table class=TABLE data-testid="instance-addresses">
                                <thead><tr>
                                    <th class=TH>{move_tr!("instance-network")}</th>
                                    <th class=TH>{move_tr!("instance-address")}</th>
                                    <th class=TH>{move_tr!("instance-address-type")}</th>
                                    <th class=TH>{move_tr!("instance-mac")}</th>
                                </tr></thead>
                                <tbody>
                                    {s.addresses.clone().into_iter().map(|a| view! {
                                        <tr><td class=TD>{a.network}</td><td class=TD>{a.addr}</td><td class=TD>{a.kind}</td><td class=TD>{a.mac}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                </section>
                <section class=CARD>
                    <h2 class="mb-2 font-semibold">{move_tr!("instance-metadata")}</h2>
                    {if s.metadata.is_empty() {
                        view! { <p class="text-sm text-slate-600">{move_tr!("instance-no-metadata")}</p> }.into_any()
                    } else {
                        view! {
                            <dl class="text-sm" data-testid="instance-metadata">
                                {s.metadata.clone().into_iter().map(|(k, v)| view! {
                                    <div class="grid grid-cols-3 gap-2 py-1"><dt class="font-mono text-slate-600">{k}</dt><dd class="col-span-2 font-mono">{v}</dd></div>
                                }).collect_view()}
                            </dl>
                        }.into_any()
                    }}
                </section>
            </div>
        </div>
    }
}

#[component]
fn ConsoleTab(id: String) -> impl IntoView {
    let length = RwSignal::new(50u32);
    let id = StoredValue::new(id);
    let log = Resource::new(
        move || length.get(),
        move |n| instance_console(id.get_value(), n),
    );
    view! {
        <div class="mb-2 flex items-center gap-2 text-sm">
            <label for="console-length">{move_tr!("instance-console-length")}</label>
            <select id="console-length" class=SELECT on:change=move |ev| {
                length.set(event_target_value(&ev).parse().unwrap_or(50));
            }>
                {[20u32, 50, 200, 0].into_iter().map(|n| view! {
                    <option value=n.to_string() selected=move || length.get() == n>
                        {move || if n == 0 { tr_dynamic("instance-console-all") } else { n.to_string() }}
                    </option>
                }).collect_view()}
            </select>
            <button type="button" class="rounded-md border border-slate-300 px-3 py-1" on:click=move |_| log.refetch()>
                {move_tr!("common-refresh")}
            </button>
        </div>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(log.await, |c| view! {
                    <p class="mb-1 text-sm text-slate-600" data-testid="console-lines">{tr_count("instance-console-lines", "count", c.lines as i64)}</p>
                    <pre class="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100" data-testid="console-log">{c.text}</pre>
                }.into_any())
            })}
        </Transition>
    }
}

#[component]
fn LogTab(id: String) -> impl IntoView {
    let log = Resource::new(move || id.clone(), instance_action_log);
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(log.await, |rows| view! {
                    <table class=TABLE data-testid="action-log">
                        <thead><tr>
                            <th class=TH>{move_tr!("instance-log-action")}</th>
                            <th class=TH>{move_tr!("instance-log-start")}</th>
                            <th class=TH>{move_tr!("instance-log-user")}</th>
                            <th class=TH>{move_tr!("instance-log-request")}</th>
                            <th class=TH>{move_tr!("instance-log-message")}</th>
                        </tr></thead>
                        <tbody class="divide-y divide-slate-100">
                            {rows.into_iter().map(|r| view! {
                                <tr data-testid="action-log-row">
                                    <td class=TD>{r.action}</td><td class=TD>{r.start}</td><td class=TD>{r.user_id}</td>
                                    <td class=format!("{TD} font-mono text-xs")>{r.request_id}</td><td class=TD>{r.message}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any())
            })}
        </Transition>
    }
}

/// The action buttons, each behind a confirmation; resize, rebuild and
/// snapshot ask for their choice first.
#[component]
fn InstanceActions(
    detail: InstanceDetail,
    results: RwSignal<Option<Result<Vec<ActionFailure>, AppError>>>,
    on_done: Callback<()>,
) -> impl IntoView {
    let id = detail.id.clone();
    let names = BTreeMap::from([(detail.id.clone(), detail.name.clone())]);
    let confirming = RwSignal::new(None::<InstanceAction>);
    let run = ServerAction::<RunInstanceAction>::new();
    let navigate = use_navigate();
    let deleting = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(result) = run.value().get() else {
            return;
        };
        let done = matches!(&result, Ok(f) if f.is_empty());
        results.set(Some(result));
        if deleting.get_untracked() && done {
            navigate("/project/instances", Default::default());
        } else {
            on_done.run(());
        }
    });
    let offered = InstanceAction::offered(&detail.status, detail.locked);
    let message = Signal::derive(move || {
        confirming
            .get()
            .map(|a| tr_dynamic_args("instance-confirm", &[("action", tr_dynamic(a.key()))]))
            .unwrap_or_default()
    });
    let name = detail.name.clone();
    let run_id = id.clone();
    view! {
        <div class="mb-3 flex flex-wrap gap-2" data-testid="instance-actions">
            {offered.into_iter().map(|a| view! {
                <button type="button" data-testid=a.key()
                    class=if a.is_destructive() { "rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 hover:bg-red-50" } else { "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" }
                    on:click=move |_| confirming.set(Some(a))>
                    {move || tr_dynamic(a.key())}
                </button>
            }).collect_view()}
            <ChangeMenu id=id.clone() image_id=detail.image_id.clone() on_done/>
        </div>
        {move || confirming.get().map(|action| {
            let run_id = run_id.clone();
            view! {
                <ConfirmPanel
                    message
                    names=vec![name.clone()]
                    destructive=action.is_destructive()
                    pending=run.pending()
                    on_confirm=Callback::new(move |_| {
                        results.set(None);
                        deleting.set(action == InstanceAction::Delete);
                        run.dispatch(RunInstanceAction { action, ids: vec![run_id.clone()] });
                        confirming.set(None);
                    })
                    on_cancel=Callback::new(move |_| confirming.set(None))
                />
            }
        })}
        <ActionResults failures=results names=names/>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum ChangeKind {
    Resize,
    Rebuild,
    Snapshot,
}

/// Resize, rebuild and snapshot: pick, confirm, send.
#[component]
fn ChangeMenu(id: String, image_id: String, on_done: Callback<()>) -> impl IntoView {
    let open = RwSignal::new(None::<ChangeKind>);
    let choice = RwSignal::new(String::new());
    let change = ServerAction::<ChangeInstance>::new();
    let choices = Resource::new(
        move || open.get().is_some(),
        |wanted| async move {
            if wanted {
                instance_choices().await.map(Some)
            } else {
                Ok(None)
            }
        },
    );
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            open.set(None);
            on_done.run(());
        }
    });
    let id = StoredValue::new(id);
    let start = move |kind: ChangeKind| {
        choice.set(if kind == ChangeKind::Rebuild {
            image_id.clone()
        } else {
            String::new()
        });
        change.clear();
        open.set(Some(kind));
    };
    let start_resize = start.clone();
    let start_rebuild = start.clone();
    let error = move || match change.value().get() {
        Some(Err(e)) => Some(action_error_text(&e)),
        _ => None,
    };
    view! {
        <button type="button" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="action-resize"
            on:click=move |_| start_resize(ChangeKind::Resize)>{move_tr!("action-resize")}</button>
        <button type="button" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="action-rebuild"
            on:click=move |_| start_rebuild(ChangeKind::Rebuild)>{move_tr!("action-rebuild")}</button>
        <button type="button" class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm" data-testid="action-snapshot"
            on:click=move |_| start(ChangeKind::Snapshot)>{move_tr!("action-snapshot")}</button>
        {move || open.get().map(|kind| {
            let (label, field) = match kind {
                ChangeKind::Resize => ("instance-choose-flavor-label", "change-flavor"),
                ChangeKind::Rebuild => ("instance-choose-image-label", "change-image"),
                ChangeKind::Snapshot => ("instance-snapshot-name", "change-snapshot"),
            };
            view! {
                <div role="dialog" aria-labelledby="change-label" class="w-full rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="change-panel">
                    <label id="change-label" for=field class="block font-medium">{move || tr_dynamic(label)}</label>
                    {if kind == ChangeKind::Snapshot {
                        view! {
                            <input id=field type="text" class="mt-1 rounded-md border border-slate-300 px-3 py-1.5"
                                aria-describedby="change-error"
                                prop:value=move || choice.get() on:input=move |ev| choice.set(event_target_value(&ev))/>
                        }.into_any()
                    } else {
                        view! {
                            <Suspense fallback=Loading>
                                {move || Suspend::new(async move {
                                    let list = choices.await.ok().flatten().map(|c| {
                                        if kind == ChangeKind::Resize { c.flavors } else { c.images }
                                    }).unwrap_or_default();
                                    view! {
                                        <select id=field class=format!("mt-1 {SELECT}") aria-describedby="change-error"
                                            on:change=move |ev| choice.set(event_target_value(&ev))>
                                            <option value="">{move_tr!("common-choose")}</option>
                                            {list.into_iter().map(|(value, text)| {
                                                let v = value.clone();
                                                view! { <option value=value selected=move || choice.get() == v>{text}</option> }
                                            }).collect_view()}
                                        </select>
                                    }
                                })}
                            </Suspense>
                        }.into_any()
                    }}
                    <p id="change-error" role="alert" class="mt-1 text-red-800" data-testid="change-error">{error}</p>
                    <div class="mt-3 flex gap-2">
                        <button type="button" class=BUTTON data-testid="change-confirm" disabled=move || change.pending().get()
                            on:click=move |_| {
                                let value = choice.get();
                                let change_kind = match kind {
                                    ChangeKind::Resize => InstanceChange::Resize { flavor_id: value },
                                    ChangeKind::Rebuild => InstanceChange::Rebuild { image_id: value },
                                    ChangeKind::Snapshot => InstanceChange::Snapshot { name: value },
                                };
                                change.dispatch(ChangeInstance { id: id.get_value(), change: change_kind });
                            }>
                            {move_tr!("common-confirm")}
                        </button>
                        <button type="button" class="rounded-md border border-slate-300 bg-white px-4 py-2" on:click=move |_| open.set(None)>
                            {move_tr!("common-cancel")}
                        </button>
                    </div>
                </div>
            }
        })}
    }
}
