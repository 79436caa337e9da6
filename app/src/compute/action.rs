//! Server actions that need no more input than a confirmation: for one
//! instance on its detail page, or for many from the list.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{tr_dynamic, tr_dynamic_args};
use crate::ui::{error_text, BUTTON, SELECT};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstanceAction {
    Start,
    Stop,
    Reboot,
    HardReboot,
    Pause,
    Unpause,
    Suspend,
    Resume,
    Shelve,
    Unshelve,
    Lock,
    Unlock,
    ConfirmResize,
    RevertResize,
    Delete,
}

impl InstanceAction {
    /// The Fluent id of its label; also its name in forms and test ids.
    pub fn key(self) -> &'static str {
        match self {
            InstanceAction::Start => "action-start",
            InstanceAction::Stop => "action-stop",
            InstanceAction::Reboot => "action-reboot",
            InstanceAction::HardReboot => "action-hard-reboot",
            InstanceAction::Pause => "action-pause",
            InstanceAction::Unpause => "action-unpause",
            InstanceAction::Suspend => "action-suspend",
            InstanceAction::Resume => "action-resume",
            InstanceAction::Shelve => "action-shelve",
            InstanceAction::Unshelve => "action-unshelve",
            InstanceAction::Lock => "action-lock",
            InstanceAction::Unlock => "action-unlock",
            InstanceAction::ConfirmResize => "action-confirm-resize",
            InstanceAction::RevertResize => "action-revert-resize",
            InstanceAction::Delete => "action-delete",
        }
    }

    pub fn from_key(key: &str) -> Option<InstanceAction> {
        super::instance::BULK_ACTIONS
            .into_iter()
            .chain([InstanceAction::ConfirmResize, InstanceAction::RevertResize])
            .find(|a| a.key() == key)
    }

    /// Whether it cannot be undone, so the confirmation says so.
    pub fn is_destructive(self) -> bool {
        matches!(self, InstanceAction::Delete | InstanceAction::HardReboot)
    }

    /// The actions that make sense for a server in `status` (Nova has the
    /// last word; this only keeps the menu short).
    pub fn offered(status: &str, locked: bool) -> Vec<InstanceAction> {
        use InstanceAction::*;
        let mut out = match status {
            "ACTIVE" => vec![Stop, Reboot, HardReboot, Pause, Suspend, Shelve],
            "SHUTOFF" => vec![Start, Shelve],
            "PAUSED" => vec![Unpause],
            "SUSPENDED" => vec![Resume],
            "SHELVED" | "SHELVED_OFFLOADED" => vec![Unshelve],
            "VERIFY_RESIZE" => vec![ConfirmResize, RevertResize],
            "ERROR" => vec![HardReboot],
            _ => vec![],
        };
        out.push(if locked { Unlock } else { Lock });
        out.push(Delete);
        out
    }
}

/// One server an action could not be done to, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionFailure {
    pub id: String,
    pub error: AppError,
}

/// Runs `action` on each server, a few at a time; the failures come back
/// one by one, so one refusal does not hide the others' success.
#[server(endpoint = "run_instance_action", input = Json)]
pub async fn run_instance_action(
    action: InstanceAction,
    ids: Vec<String>,
) -> Result<Vec<ActionFailure>, AppError> {
    use futures::StreamExt;
    use openstack::compute::{self, RebootType, ServerAction};

    const MAX_AT_ONCE: usize = 8;
    if ids.is_empty() || ids.len() > 1000 {
        return Err(AppError::invalid("ids", "instances-select-some"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let nova_action = match action {
        InstanceAction::Start => Some(ServerAction::Start),
        InstanceAction::Stop => Some(ServerAction::Stop),
        InstanceAction::Reboot => Some(ServerAction::Reboot(RebootType::Soft)),
        InstanceAction::HardReboot => Some(ServerAction::Reboot(RebootType::Hard)),
        InstanceAction::Pause => Some(ServerAction::Pause),
        InstanceAction::Unpause => Some(ServerAction::Unpause),
        InstanceAction::Suspend => Some(ServerAction::Suspend),
        InstanceAction::Resume => Some(ServerAction::Resume),
        InstanceAction::Shelve => Some(ServerAction::Shelve),
        InstanceAction::Unshelve => Some(ServerAction::Unshelve {
            availability_zone: None,
        }),
        InstanceAction::Lock => Some(ServerAction::Lock {
            locked_reason: None,
        }),
        InstanceAction::Unlock => Some(ServerAction::Unlock),
        InstanceAction::ConfirmResize => Some(ServerAction::ConfirmResize),
        InstanceAction::RevertResize => Some(ServerAction::RevertResize),
        InstanceAction::Delete => None,
    };
    let failures = futures::stream::iter(ids)
        .map(|id| {
            let (api, nova_action) = (&api, &nova_action);
            async move {
                let result = match nova_action {
                    Some(a) => compute::server_action(api, &id, a).await,
                    None => compute::delete_server(api, &id).await,
                };
                result.err().map(|e| ActionFailure {
                    id,
                    error: e.into(),
                })
            }
        })
        .buffer_unordered(MAX_AT_ONCE)
        .filter_map(|f| async move { f })
        .collect::<Vec<_>>()
        .await;
    if let Some(f) = failures.iter().find(|f| f.error.needs_login()) {
        return Err(f.error.clone());
    }
    Ok(failures)
}

/// The text for an action's failure: Nova's 409 means the state does not
/// allow it, which deserves a plain sentence before Nova's own words.
pub fn action_error_text(err: &AppError) -> String {
    match err {
        AppError::Cloud {
            status: 409,
            message,
        } => tr_dynamic_args("instances-action-conflict", &[("message", message.clone())]),
        other => error_text(other),
    }
}

/// "Stop 3 instances?" with their names, and Confirm / Cancel.
#[component]
pub fn ConfirmPanel(
    #[prop(into)] message: Signal<String>,
    #[prop(into)] names: Signal<Vec<String>>,
    #[prop(into)] destructive: Signal<bool>,
    #[prop(into)] pending: Signal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <div role="alertdialog" aria-labelledby="confirm-message" data-testid="confirm-panel"
            class="my-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm">
            <p id="confirm-message" class="font-medium">{message}</p>
            <ul class="mt-2 list-inside list-disc text-slate-700">
                {move || names.get().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
            {move || destructive.get().then(|| view! {
                <p class="mt-2 text-red-800">{move_tr!("common-cannot-undo")}</p>
            })}
            <div class="mt-3 flex gap-2">
                <button type="button" class=BUTTON data-testid="confirm-yes"
                    disabled=move || pending.get() on:click=move |_| on_confirm.run(())>
                    {move_tr!("common-confirm")}
                </button>
                <button type="button" data-testid="confirm-no"
                    class="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
                    on:click=move |_| on_cancel.run(())>
                    {move_tr!("common-cancel")}
                </button>
            </div>
        </div>
    }
}

/// The failures of an action, each with the server's name.
#[component]
pub fn ActionResults(
    #[prop(into)] failures: Signal<Option<Result<Vec<ActionFailure>, AppError>>>,
    #[prop(into)] names: Signal<BTreeMap<String, String>>,
) -> impl IntoView {
    move || {
        failures.get().map(|result| match result {
            Ok(list) if list.is_empty() => view! {
                <p role="status" class="my-2 text-sm text-green-800" data-testid="action-ok">
                    {move_tr!("instances-action-sent")}
                </p>
            }
            .into_any(),
            Ok(list) => view! {
                <div role="alert" data-testid="action-errors"
                    class="my-2 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
                    <ul>
                        {list.into_iter().map(|f| {
                            let name = names.with(|n| n.get(&f.id).cloned()).unwrap_or(f.id.clone());
                            view! { <li>{name}": "{action_error_text(&f.error)}</li> }
                        }).collect_view()}
                    </ul>
                </div>
            }
            .into_any(),
            Err(e) => view! {
                <div role="alert" data-testid="action-errors"
                    class="my-2 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
                    {error_text(&e)}
                </div>
            }
            .into_any(),
        })
    }
}

/// Pick an action for the selected rows, confirm it, see what failed.
#[component]
pub fn BulkActionBar(
    selected: RwSignal<BTreeMap<String, String>>,
    on_done: Callback<Vec<ActionFailure>>,
) -> impl IntoView {
    let choice = RwSignal::new(String::from("action-stop"));
    let confirming = RwSignal::new(None::<InstanceAction>);
    // The names as they were when the action ran, for its results.
    let acted_on = RwSignal::new(BTreeMap::<String, String>::new());
    let run = ServerAction::<RunInstanceAction>::new();
    let count = move || selected.with(BTreeMap::len);

    Effect::new(move |_| {
        if let Some(Ok(failures)) = run.value().get() {
            selected.set(BTreeMap::new());
            on_done.run(failures);
        }
    });

    let message = Signal::derive(move || {
        confirming
            .get()
            .map(|a| {
                tr_dynamic_args(
                    "instances-confirm",
                    &[
                        ("action", tr_dynamic(a.key())),
                        ("count", count().to_string()),
                    ],
                )
            })
            .unwrap_or_default()
    });
    view! {
        <div class="mb-3 flex flex-wrap items-center gap-2" data-testid="bulk-actions">
            <label for="bulk-action" class="text-sm font-medium">{move_tr!("instances-bulk-label")}</label>
            <select id="bulk-action" class=SELECT on:change=move |ev| choice.set(event_target_value(&ev))>
                {super::instance::BULK_ACTIONS.into_iter().map(|a| view! {
                    <option value=a.key() selected=move || choice.get() == a.key()>{move || tr_dynamic(a.key())}</option>
                }).collect_view()}
            </select>
            <button type="button" data-testid="bulk-apply"
                class="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm disabled:opacity-50"
                disabled=move || { count() == 0 }
                on:click=move |_| confirming.set(InstanceAction::from_key(&choice.get()))>
                {move || crate::i18n::tr_count("instances-bulk-apply", "count", count() as i64)}
            </button>
        </div>
        {move || confirming.get().map(|action| view! {
            <ConfirmPanel
                message
                names=Signal::derive(move || selected.with(|s| s.values().cloned().collect()))
                destructive=action.is_destructive()
                pending=run.pending()
                on_confirm=Callback::new(move |_| {
                    acted_on.set(selected.get_untracked());
                    let ids = selected.with_untracked(|s| s.keys().cloned().collect());
                    run.dispatch(RunInstanceAction { action, ids });
                    confirming.set(None);
                })
                on_cancel=Callback::new(move |_| confirming.set(None))
            />
        })}
        <ActionResults failures=run.value() names=acted_on/>
    }
}
