//! Fault injection, shown only when the cloud is Zenith's demo cloud (a
//! real cloud answers 404 to its fault API): make a service unavailable,
//! refuse connections or answer slowly, or put an instance into ERROR, and
//! watch the board react. For workshops, and for the tests.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{tr_dynamic, tr_dynamic_args};
use crate::ui::{field_error, form_error, ErrorBanner, BUTTON, CARD, SELECT};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActiveFault {
    pub service_type: String,
    pub mode: String,
    pub latency_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultsView {
    pub faults: Vec<ActiveFault>,
    /// Service types of the catalog, for the service field.
    pub services: Vec<String>,
    /// (id, name) of servers in every project, for the instance field.
    pub servers: Vec<(String, String)>,
}

/// Modes a service fault may have.
pub const MODES: [&str; 3] = ["unavailable", "refused", "slow"];

/// The demo cloud's faults, or `None` on a cloud without the fault API.
#[server(endpoint = "demo_faults")]
pub async fn demo_faults() -> Result<Option<FaultsView>, AppError> {
    use openstack::{compute, fault};
    let (login, api) = crate::ssr::session::require_admin().await?;
    let faults = match fault::list_faults(&api).await {
        Ok(f) => f,
        Err(openstack::Error::NotFound { .. }) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let filter = compute::ServerFilter {
        all_tenants: true,
        limit: Some(200),
        ..Default::default()
    };
    // Nova may be the service that is down: the panel must still work.
    let servers = compute::list_servers_page(&api, &filter)
        .await
        .map(|(s, _)| s.into_iter().map(|s| (s.id, s.name)).collect())
        .unwrap_or_default();
    let mut services: Vec<String> = login
        .token
        .catalog
        .services
        .iter()
        .map(|s| s.service_type.clone())
        .collect();
    services.sort();
    services.dedup();
    Ok(Some(FaultsView {
        faults: faults
            .into_iter()
            .map(|f| ActiveFault {
                service_type: f.service_type,
                mode: match f.mode {
                    fault::FaultMode::Unavailable => "unavailable",
                    fault::FaultMode::Refused => "refused",
                    fault::FaultMode::Slow => "slow",
                }
                .to_owned(),
                latency_ms: f.latency_ms,
            })
            .collect(),
        services,
        servers,
    }))
}

#[server(endpoint = "inject_fault")]
pub async fn inject_fault(
    service_type: String,
    mode: String,
    latency_ms: String,
) -> Result<(), AppError> {
    let (login, api) = crate::ssr::session::require_admin().await?;
    if !login.token.catalog.has_service(&service_type) {
        return Err(AppError::invalid(
            "service_type",
            "health-fault-service-invalid",
        ));
    }
    use openstack::fault::FaultMode;
    let mode = match mode.as_str() {
        "unavailable" => FaultMode::Unavailable,
        "refused" => FaultMode::Refused,
        "slow" => FaultMode::Slow,
        _ => return Err(AppError::invalid("mode", "health-fault-mode-invalid")),
    };
    // The latency field is only shown, and only read, for slow answers.
    let latency_ms = match latency_ms.trim() {
        _ if mode != FaultMode::Slow => 0,
        text => text
            .parse::<u64>()
            .ok()
            .filter(|ms| (1..=60_000).contains(ms))
            .ok_or_else(|| AppError::invalid("latency_ms", "health-fault-latency-invalid"))?,
    };
    let spec = openstack::fault::FaultSpec { mode, latency_ms };
    openstack::fault::set_fault(&api, &service_type, &spec).await?;
    Ok(())
}

#[server(endpoint = "clear_fault")]
pub async fn clear_fault(service_type: String) -> Result<(), AppError> {
    let (_, api) = crate::ssr::session::require_admin().await?;
    openstack::fault::clear_fault(&api, &service_type).await?;
    Ok(())
}

#[server(endpoint = "fail_instance")]
pub async fn fail_instance(server_id: String, message: String) -> Result<(), AppError> {
    let (_, api) = crate::ssr::session::require_admin().await?;
    if server_id.trim().is_empty() {
        return Err(AppError::invalid(
            "server_id",
            "health-fault-server-required",
        ));
    }
    let message = message.trim();
    if message.is_empty() || message.chars().count() > 255 {
        return Err(AppError::invalid("message", "health-fault-message-invalid"));
    }
    openstack::fault::fail_server(&api, server_id.trim(), message).await?;
    Ok(())
}

#[component]
pub fn FaultPanel(#[prop(into)] on_change: Callback<()>) -> impl IntoView {
    let inject = ServerAction::<InjectFault>::new();
    let clear = ServerAction::<ClearFault>::new();
    let fail = ServerAction::<FailInstance>::new();
    let faults = Resource::new(
        move || {
            (
                inject.version().get(),
                clear.version().get(),
                fail.version().get(),
            )
        },
        |_| demo_faults(),
    );
    Effect::new(move |_| {
        let done = inject.version().get() + clear.version().get() + fail.version().get();
        if done > 0 {
            on_change.run(());
        }
    });
    let inject_error = Signal::derive(move || inject.value().get().and_then(Result::err));
    let fail_error = Signal::derive(move || fail.value().get().and_then(Result::err));
    let clear_error = Signal::derive(move || clear.value().get().and_then(Result::err));
    let mode = RwSignal::new("unavailable".to_owned());
    let open = RwSignal::new(false);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                // On a real cloud, or for a transient error, the panel is simply not there.
                let Ok(Some(demo)) = faults.await else { return ().into_any() };
                view! {
                    <section class=format!("{CARD} mt-4") data-testid="fault-panel">
                        <button type="button" class="font-semibold" data-testid="fault-panel-toggle"
                            aria-expanded=move || open.get().to_string() aria-controls="fault-panel-body"
                            on:click=move |_| open.update(|o| *o = !*o)>
                            <span aria-hidden="true">{move || if open.get() { "▾ " } else { "▸ " }}</span>
                            {move_tr!("health-fault-title")}
                        </button>
                        <div id="fault-panel-body" class:hidden=move || !open.get()>
                        <p class="mt-1 text-sm text-slate-600">{move_tr!("health-fault-description")}</p>
                        {(!demo.faults.is_empty()).then(|| view! {
                            <ul class="mt-3 space-y-1" data-testid="active-faults">
                                {demo.faults.clone().into_iter().map(|f| {
                                    let service = f.service_type.clone();
                                    let mode_key = format!("health-fault-mode-{}", f.mode);
                                    view! {
                                        <li class="flex items-center gap-3 text-sm" data-testid="active-fault" data-service=f.service_type.clone()>
                                            <span class="font-medium">{f.service_type.clone()}</span>
                                            <span>{move || tr_dynamic(&mode_key)}</span>
                                            {(f.latency_ms > 0).then(|| format!("{} ms", f.latency_ms))}
                                            <button type="button" class="rounded border border-slate-300 px-2 py-0.5" data-testid="clear-fault"
                                                on:click=move |_| { clear.dispatch(ClearFault { service_type: service.clone() }); }>
                                                {move_tr!("health-fault-clear")}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        })}
                        <ErrorBanner error=clear_error/>
                        <div class="mt-3 grid gap-4 md:grid-cols-2">
                            <ActionForm action=inject attr:class="space-y-2" attr:data-testid="fault-form">
                                <h3 class="font-medium">{move_tr!("health-fault-service-title")}</h3>
                                <label class="block text-sm">
                                    <span class="block font-medium">{move_tr!("health-fault-service")}</span>
                                    <select name="service_type" class=SELECT data-testid="fault-service">
                                        {demo.services.clone().into_iter().map(|s| view! { <option value=s.clone()>{s.clone()}</option> }).collect_view()}
                                    </select>
                                    <span role="alert" class="block text-red-700">{field_error(inject_error, "service_type")}</span>
                                </label>
                                <label class="block text-sm">
                                    <span class="block font-medium">{move_tr!("health-fault-mode")}</span>
                                    <select name="mode" class=SELECT data-testid="fault-mode" on:change=move |ev| mode.set(event_target_value(&ev))>
                                        {MODES.into_iter().map(|m| {
                                            let key = format!("health-fault-mode-{m}");
                                            view! { <option value=m>{move || tr_dynamic(&key)}</option> }
                                        }).collect_view()}
                                    </select>
                                    <span role="alert" class="block text-red-700">{field_error(inject_error, "mode")}</span>
                                </label>
                                <label class="block text-sm" class:hidden=move || mode.get() != "slow">
                                    <span class="block font-medium">{move_tr!("health-fault-latency")}</span>
                                    <input name="latency_ms" inputmode="numeric" data-testid="fault-latency"
                                        class="rounded-md border border-slate-300 px-2 py-1" placeholder="3000"
                                        aria-invalid=move || field_error(inject_error, "latency_ms")().is_some().to_string()/>
                                    <span role="alert" class="block text-red-700" data-testid="fault-latency-error">{field_error(inject_error, "latency_ms")}</span>
                                </label>
                                <button type="submit" class=BUTTON data-testid="fault-inject" disabled=move || inject.pending().get()>{move_tr!("health-fault-inject")}</button>
                                <ErrorBanner error=form_error(inject_error)/>
                            </ActionForm>
                            <ActionForm action=fail attr:class="space-y-2" attr:data-testid="fail-form">
                                <h3 class="font-medium">{move_tr!("health-fault-server-title")}</h3>
                                <label class="block text-sm">
                                    <span class="block font-medium">{move_tr!("health-fault-server")}</span>
                                    <select name="server_id" class=SELECT data-testid="fail-server">
                                        {demo.servers.clone().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                    </select>
                                    <span role="alert" class="block text-red-700">{field_error(fail_error, "server_id")}</span>
                                </label>
                                <label class="block text-sm">
                                    <span class="block font-medium">{move_tr!("health-fault-message")}</span>
                                    <input name="message" data-testid="fail-message" class="w-full rounded-md border border-slate-300 px-2 py-1"
                                        value=move || tr_dynamic("health-fault-message-default")/>
                                    <span role="alert" class="block text-red-700" data-testid="fail-message-error">{field_error(fail_error, "message")}</span>
                                </label>
                                <button type="submit" class=BUTTON data-testid="fail-submit" disabled=move || fail.pending().get()>{move_tr!("health-fault-fail")}</button>
                                <ErrorBanner error=form_error(fail_error)/>
                                {move || fail.value().get().and_then(Result::ok).map(|_| view! {
                                    <p role="status" class="text-sm text-emerald-800">{move || tr_dynamic_args("health-fault-failed", &[])}</p>
                                })}
                            </ActionForm>
                        </div>
                        </div>
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}
