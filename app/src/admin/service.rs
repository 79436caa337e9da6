//! Admin → Compute → Compute services: every Nova service with its state
//! (up/down) and status (enabled/disabled); disable with a reason, enable.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::tr_dynamic;
use crate::ui::{error_text, fetched, DataTable, ErrorBanner, Loading, PageHeader, BUTTON, TD};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRow {
    pub id: String,
    pub binary: String,
    pub host: String,
    pub zone: String,
    pub status: String,
    pub state: String,
    pub updated: String,
    pub disabled_reason: String,
}

#[server(endpoint = "admin_compute_services")]
pub async fn compute_services() -> Result<Vec<ServiceRow>, AppError> {
    let (_, api) = crate::ssr::session::require_admin().await?;
    let prefs = crate::ssr::prefs::current();
    let mut rows: Vec<ServiceRow> = openstack::compute::list_compute_services(&api)
        .await?
        .into_iter()
        .map(|s| ServiceRow {
            updated: s
                .updated_at
                .map(|t| crate::format::format_datetime(t, &prefs.language, &prefs.timezone))
                .unwrap_or_default(),
            id: s.id,
            binary: s.binary,
            host: s.host,
            zone: s.zone,
            status: s.status,
            state: s.state,
            disabled_reason: s.disabled_reason.unwrap_or_default(),
        })
        .collect();
    rows.sort_by(|a, b| (&a.binary, &a.host).cmp(&(&b.binary, &b.host)));
    Ok(rows)
}

/// Enables a service, or disables it with a reason (at most 255 characters,
/// as Nova allows).
#[server(endpoint = "admin_set_compute_service")]
pub async fn set_compute_service(id: String, enable: bool, reason: String) -> Result<(), AppError> {
    use openstack::compute::{update_compute_service, ServiceStatus};
    let reason = reason.trim();
    if reason.chars().count() > 255 {
        return Err(AppError::invalid("reason", "services-reason-too-long"));
    }
    let (_, api) = crate::ssr::session::require_admin().await?;
    let (status, reason) = if enable {
        (ServiceStatus::Enabled, None)
    } else {
        (
            ServiceStatus::Disabled,
            Some(reason).filter(|r| !r.is_empty()),
        )
    };
    update_compute_service(&api, &id, status, reason).await?;
    Ok(())
}

#[component]
pub fn ComputeServicesPage() -> impl IntoView {
    let services = Resource::new(|| (), |_| compute_services());
    let set = ServerAction::<SetComputeService>::new();
    // The service whose disable form is open, and the reason typed there.
    let disabling = RwSignal::new(None::<String>);
    let reason = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = set.value().get() {
            disabling.set(None);
            reason.set(String::new());
            services.refetch();
        }
    });
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    view! {
        <PageHeader title=move_tr!("services-title") description=move_tr!("services-description")/>
        <ErrorBanner error=Signal::derive(move || error.get().filter(|e| e.field().is_none()))/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(services.await, move |rows| {
                    let headers = vec![
                        move_tr!("services-binary"),
                        move_tr!("services-host"),
                        move_tr!("services-zone"),
                        move_tr!("services-status"),
                        move_tr!("services-state"),
                        move_tr!("services-updated"),
                        move_tr!("services-reason"),
                        move_tr!("common-actions"),
                    ];
                    view! {
                        <DataTable testid="services-table" headers items=rows row=move |s: ServiceRow| {
                            let id = s.id.clone();
                            let (id1, id2, id3) = (id.clone(), id.clone(), id.clone());
                            let enabled = s.status == "enabled";
                            let up = s.state == "up";
                            let status = s.status.clone();
                            let state = s.state.clone();
                            view! {
                                <tr data-testid="service-row" data-host=s.host.clone() data-binary=s.binary.clone()>
                                    <td class=format!("{TD} font-mono text-xs")>{s.binary.clone()}</td>
                                    <td class=TD>{s.host.clone()}</td>
                                    <td class=TD>{s.zone.clone()}</td>
                                    <td class=TD data-testid="service-status">
                                        <span class=if enabled { "text-green-800" } else { "text-amber-800" }>{move || tr_dynamic(&format!("service-status-{status}"))}</span>
                                    </td>
                                    <td class=TD>
                                        <span class=if up { "text-green-800" } else { "font-semibold text-red-800" }>{if up { "▲ " } else { "▼ " }}{move || tr_dynamic(&format!("service-state-{state}"))}</span>
                                    </td>
                                    <td class=TD>{s.updated.clone()}</td>
                                    <td class=TD data-testid="service-reason">{s.disabled_reason.clone()}</td>
                                    <td class=TD>
                                        {if enabled {
                                            view! {
                                                <button type="button" class="text-amber-800 underline" data-testid="service-disable"
                                                    on:click=move |_| { reason.set(String::new()); disabling.set(Some(id1.clone())); }>
                                                    {move_tr!("services-disable")}
                                                </button>
                                            }.into_any()
                                        } else {
                                            view! {
                                                <button type="button" class="text-sky-800 underline" data-testid="service-enable" disabled=move || set.pending().get()
                                                    on:click=move |_| { set.dispatch(SetComputeService { id: id2.clone(), enable: true, reason: String::new() }); }>
                                                    {move_tr!("services-enable")}
                                                </button>
                                            }.into_any()
                                        }}
                                        {move || (disabling.get().as_deref() == Some(id3.as_str())).then(|| {
                                            let id = id3.clone();
                                            view! {
                                                <div class="mt-2 space-y-1" data-testid="service-disable-form">
                                                    <label for="service-reason" class="block text-xs font-medium">{move_tr!("services-reason")}</label>
                                                    <input id="service-reason" type="text" class="block w-56 rounded-md border border-slate-300 px-2 py-1 text-sm" data-testid="service-reason-input"
                                                        aria-describedby="service-reason-error"
                                                        prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                                                    <p id="service-reason-error" role="alert" class="text-xs text-red-700">
                                                        {move || error.get().filter(|e| e.field() == Some("reason")).map(|e| error_text(&e))}
                                                    </p>
                                                    <div class="flex gap-2">
                                                        <button type="button" class=BUTTON data-testid="service-disable-confirm" disabled=move || set.pending().get()
                                                            on:click=move |_| { set.dispatch(SetComputeService { id: id.clone(), enable: false, reason: reason.get_untracked() }); }>
                                                            {move_tr!("services-disable")}
                                                        </button>
                                                        <button type="button" class="rounded-md border border-slate-300 px-3 py-1 text-sm" on:click=move |_| disabling.set(None)>
                                                            {move_tr!("common-cancel")}
                                                        </button>
                                                    </div>
                                                </div>
                                            }
                                        })}
                                    </td>
                                </tr>
                            }
                        }/>
                    }.into_any()
                })
            })}
        </Transition>
    }
}
