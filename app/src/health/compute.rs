//! Compute health: Nova's services, hypervisor capacity and instances by
//! state across all projects. Reading them also feeds the timeline
//! (services that went down or came back, servers that went to ERROR).

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use super::csv_link;
use crate::admin::hypervisor::Capacity;
use crate::error::AppError;
use crate::format::format_number;
use crate::i18n::{current_language, tr_count, tr_dynamic, tr_dynamic_args};
use crate::ui::{fetched, Loading, CARD, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceHealth {
    pub binary: String,
    pub host: String,
    pub zone: String,
    /// `enabled` or `disabled`.
    pub status: String,
    /// `up` or `down`.
    pub state: String,
    pub disabled_reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComputeHealth {
    pub services: Vec<ServiceHealth>,
    pub hosts: Vec<(String, Capacity)>,
    pub total: Capacity,
    /// (status, count), most first.
    pub states: Vec<(String, u64)>,
}

#[server(endpoint = "health_compute")]
pub async fn health_compute() -> Result<ComputeHealth, AppError> {
    use super::model::{EventKind, HealthEvent};
    use openstack::compute;
    let (login, api) = crate::ssr::session::require_admin().await?;
    let sampler = crate::ssr::health::current()?;
    let every_project = compute::ServerFilter {
        all_tenants: true,
        ..Default::default()
    };
    let (services, hypervisors, servers) = tokio::join!(
        compute::list_compute_services(&api),
        compute::list_hypervisors_detail(&api),
        compute::list_servers(&api, &every_project)
    );
    let (services, hypervisors, servers) = (services?, hypervisors?, servers?);
    let region = login.region.clone();
    let now = chrono::Utc::now().timestamp();

    for s in &services {
        let subject = format!("{} @ {}", s.binary, s.host);
        sampler.record_change(
            &format!("compute-service/{}", s.id),
            &s.state,
            s.state == "down",
            |_| {
                Some(HealthEvent {
                    at: now,
                    kind: if s.state == "down" {
                        EventKind::ServiceDown
                    } else {
                        EventKind::ServiceUp
                    },
                    subject: subject.clone(),
                    service_type: "compute".into(),
                    region: region.clone(),
                    detail: s.disabled_reason.clone().unwrap_or_default(),
                })
            },
        );
    }
    for s in &servers {
        // A fault's time tells one failure from the next of the same server.
        let status = match (&s.status[..], &s.fault) {
            ("ERROR", Some(f)) => format!("ERROR {:?}", f.created),
            (other, _) => other.to_owned(),
        };
        sampler.record_change(
            &format!("server/{}", s.id),
            &status,
            s.status == "ERROR",
            |_| {
                (s.status == "ERROR").then(|| HealthEvent {
                    at: s
                        .fault
                        .as_ref()
                        .and_then(|f| f.created)
                        .map(|t| t.timestamp())
                        .unwrap_or(now),
                    kind: EventKind::ServerError,
                    subject: s.name.clone(),
                    service_type: "compute".into(),
                    region: region.clone(),
                    detail: s
                        .fault
                        .as_ref()
                        .map(|f| f.message.clone())
                        .unwrap_or_default(),
                })
            },
        );
    }

    let mut total = Capacity::default();
    let hosts = hypervisors
        .into_iter()
        .map(|h| {
            let c = Capacity::of(&h);
            total.add(&c);
            (h.hypervisor_hostname, c)
        })
        .collect();
    let mut states: std::collections::BTreeMap<String, u64> = Default::default();
    for s in &servers {
        *states.entry(s.status.clone()).or_default() += 1;
    }
    let mut states: Vec<(String, u64)> = states.into_iter().collect();
    states.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(ComputeHealth {
        services: services
            .into_iter()
            .map(|s| ServiceHealth {
                binary: s.binary,
                host: s.host,
                zone: s.zone,
                status: s.status,
                state: s.state,
                disabled_reason: s.disabled_reason.unwrap_or_default(),
            })
            .collect(),
        hosts,
        total,
        states,
    })
}

/// The three capacity resources: Fluent id, then used and total of a host.
type Resource3 = (&'static str, fn(&Capacity) -> (u64, u64));

const RESOURCES: [Resource3; 3] = [
    ("health-vcpus", |c| (c.vcpus_used, c.vcpus)),
    ("health-ram-mib", |c| (c.memory_mb_used, c.memory_mb)),
    ("health-disk-gib", |c| (c.local_gb_used, c.local_gb)),
];

#[component]
pub fn ComputeSection(compute: Resource<Result<ComputeHealth, AppError>>) -> impl IntoView {
    let as_table = RwSignal::new(false);
    view! {
        <section class="mt-8" data-testid="health-compute" aria-labelledby="health-compute-title">
            <div class="mb-2 flex flex-wrap items-center justify-between gap-2">
                <h2 id="health-compute-title" class="text-lg font-semibold">{move_tr!("health-compute-title")}</h2>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" data-testid="compute-as-table" prop:checked=move || as_table.get()
                        on:change=move |ev| as_table.set(event_target_checked(&ev))/>
                    {move_tr!("health-show-table")}
                </label>
            </div>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(compute.await, move |c| {
                        let lang = current_language();
                        let n = |v: u64| format_number(v as i64, &lang);
                        let up = c.services.iter().filter(|s| s.state == "up").count() as i64;
                        let all = c.services.len() as i64;
                        let service_rows: Vec<Vec<String>> = c.services.iter().map(|s| vec![
                            s.binary.clone(), s.host.clone(), s.zone.clone(), s.status.clone(), s.state.clone(), s.disabled_reason.clone(),
                        ]).collect();
                        let host_rows: Vec<Vec<String>> = c.hosts.iter().map(|(h, cap)| vec![
                            h.clone(), cap.vcpus_used.to_string(), cap.vcpus.to_string(), cap.memory_mb_used.to_string(),
                            cap.memory_mb.to_string(), cap.local_gb_used.to_string(), cap.local_gb.to_string(), cap.running_vms.to_string(),
                        ]).collect();
                        // One bar chart per resource, used and total per host; the sum
                        // is a bar of its own above it (on the hosts' scale it would
                        // dwarf them).
                        let names: Vec<String> = c.hosts.iter().map(|(h, _)| h.clone()).collect();
                        let capacities: Vec<Capacity> = c.hosts.iter().map(|(_, cap)| *cap).collect();
                        let mut table_names = names.clone();
                        table_names.push(tr_dynamic("health-all-hosts"));
                        let mut table_capacities = capacities.clone();
                        table_capacities.push(c.total);
                        let pie = crate::chart::pie(c.states.iter().map(|(s, k)| (s.clone(), *k as f32)).collect());
                        let total_servers: u64 = c.states.iter().map(|(_, k)| k).sum();
                        view! {
                            <p class="mb-2 text-sm" data-testid="compute-services-summary">{
                                move || tr_dynamic_args("health-services-up", &[("up", up.to_string()), ("count", all.to_string())])
                            }</p>
                            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                                <table class=TABLE data-testid="health-services">
                                    <thead class="bg-slate-50"><tr>
                                        <th class=TH>{move_tr!("health-binary")}</th>
                                        <th class=TH>{move_tr!("health-host")}</th>
                                        <th class=TH>{move_tr!("health-zone")}</th>
                                        <th class=TH>{move_tr!("health-status")}</th>
                                        <th class=TH>{move_tr!("health-state")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {c.services.clone().into_iter().map(|s| {
                                            let down = s.state == "down";
                                            let state_key = format!("health-service-{}", s.state);
                                            let status_key = format!("health-service-{}", s.status);
                                            view! {
                                                <tr data-testid="health-service" data-state=s.state.clone()>
                                                    <td class=TD>{s.binary}</td>
                                                    <td class=TD>{s.host}</td>
                                                    <td class=TD>{s.zone}</td>
                                                    <td class=TD>{move || tr_dynamic(&status_key)}</td>
                                                    <td class=TD class:text-red-800=down class:font-semibold=down>
                                                        <span aria-hidden="true">{if down { "✕ " } else { "✓ " }}</span>
                                                        {move || tr_dynamic(&state_key)}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <div class="mt-4 grid gap-4 xl:grid-cols-2">
                                {RESOURCES.into_iter().map(|(key, pick)| {
                                    let used: Vec<f32> = capacities.iter().map(|c| pick(c).0 as f32).collect();
                                    let total: Vec<f32> = capacities.iter().map(|c| pick(c).1 as f32).collect();
                                    let svg = crate::chart::bars(names.clone(), vec![
                                        (tr_dynamic("health-used"), used),
                                        (tr_dynamic("health-total"), total),
                                    ]);
                                    let (u, t) = pick(&c.total);
                                    let caption = tr_dynamic_args("health-capacity-caption", &[
                                        ("resource", tr_dynamic(key)), ("used", n(u)), ("total", n(t)),
                                    ]);
                                    let id = format!("{key}-caption");
                                    let percent = (u * 100).checked_div(t).unwrap_or(0).min(100);
                                    view! {
                                        <figure class=format!("{CARD} min-w-0") data-testid="capacity-chart" data-resource=key class:hidden=move || as_table.get()>
                                            <h3 class="font-medium">{move || tr_dynamic(key)}</h3>
                                            <div class="mt-1 flex items-center gap-2 text-sm" data-testid="capacity-total">
                                                <span class="whitespace-nowrap text-slate-600">{move_tr!("health-all-hosts")}</span>
                                                <div class="h-3 flex-1 rounded bg-slate-200" aria-hidden="true">
                                                    <div class="h-3 rounded bg-[#0072B2]" style=format!("width: {percent}%")></div>
                                                </div>
                                                <span class="whitespace-nowrap">{format!("{percent} %")}</span>
                                            </div>
                                            <div role="img" aria-labelledby=id.clone() class="[&_svg]:h-auto [&_svg]:max-w-full" inner_html=svg></div>
                                            <figcaption id=id class="text-sm text-slate-600">{caption}</figcaption>
                                        </figure>
                                    }
                                }).collect_view()}
                                <figure class=format!("{CARD} min-w-0") data-testid="states-chart" class:hidden=move || as_table.get()>
                                    <h3 class="font-medium">{move_tr!("health-states-title")}</h3>
                                    <div role="img" aria-labelledby="states-caption" class="[&_svg]:h-auto [&_svg]:max-w-full" inner_html=pie></div>
                                    <figcaption id="states-caption" class="text-sm text-slate-600">
                                        <span class="block">{c.states.iter().map(|(s, k)| format!("{s}: {}", n(*k))).collect::<Vec<_>>().join(" · ")}</span>
                                        <span class="block">{move || tr_count("health-states-total", "count", total_servers as i64)}</span>
                                    </figcaption>
                                </figure>
                            </div>
                            <div class="mt-4 overflow-x-auto" class:hidden=move || !as_table.get()>
                                <table class=TABLE data-testid="capacity-table">
                                    <caption class="sr-only">{move_tr!("health-capacity-title")}</caption>
                                    <thead><tr>
                                        <th class=TH>{move_tr!("health-host")}</th>
                                        {RESOURCES.into_iter().map(|(key, _)| view! { <th class=TH>{move || tr_dynamic(key)}</th> }).collect_view()}
                                    </tr></thead>
                                    <tbody>
                                        {table_names.into_iter().zip(table_capacities).map(|(name, cap)| view! {
                                            <tr>
                                                <td class=TD>{name}</td>
                                                {RESOURCES.into_iter().map(|(_, pick)| {
                                                    let (u, t) = pick(&cap);
                                                    view! { <td class=TD>{format!("{} / {}", format_number(u as i64, &current_language()), format_number(t as i64, &current_language()))}</td> }
                                                }).collect_view()}
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <table class=format!("{TABLE} mt-4") data-testid="states-table">
                                    <caption class="sr-only">{move_tr!("health-states-title")}</caption>
                                    <thead><tr><th class=TH>{move_tr!("health-status")}</th><th class=TH>{move_tr!("health-count")}</th></tr></thead>
                                    <tbody>
                                        {c.states.clone().into_iter().map(|(s, k)| view! {
                                            <tr><td class=TD>{s}</td><td class=TD>{format_number(k as i64, &current_language())}</td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <p class="mt-2 flex flex-wrap gap-4 text-sm">
                                {csv_link("health-compute-services.csv", &[
                                    "health-binary", "health-host", "health-zone", "health-status", "health-state", "health-csv-reason",
                                ], service_rows)}
                                {csv_link("health-hypervisors.csv", &[
                                    "health-host", "health-csv-vcpus-used", "health-csv-vcpus", "health-csv-ram-used",
                                    "health-csv-ram", "health-csv-disk-used", "health-csv-disk", "health-csv-instances",
                                ], host_rows)}
                            </p>
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}
