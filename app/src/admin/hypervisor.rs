//! Admin → Compute → Hypervisors: capacity per host (vCPUs, RAM and disk
//! used of total, as bars with the numbers beside them) and the servers on
//! each host.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use crate::format::format_number;
use crate::i18n::{current_language, tr_dynamic, tr_dynamic_args};
use crate::ui::{fetched, Loading, PageHeader, CARD};

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Capacity {
    pub vcpus: u64,
    pub vcpus_used: u64,
    pub memory_mb: u64,
    pub memory_mb_used: u64,
    pub local_gb: u64,
    pub local_gb_used: u64,
    pub running_vms: u64,
}

impl Capacity {
    #[cfg(feature = "ssr")]
    pub fn of(h: &openstack::compute::Hypervisor) -> Capacity {
        Capacity {
            vcpus: h.vcpus,
            vcpus_used: h.vcpus_used,
            memory_mb: h.memory_mb,
            memory_mb_used: h.memory_mb_used,
            local_gb: h.local_gb,
            local_gb_used: h.local_gb_used,
            running_vms: h.running_vms,
        }
    }

    /// Adds `other` to this sum.
    pub fn add(&mut self, other: &Capacity) {
        self.vcpus += other.vcpus;
        self.vcpus_used += other.vcpus_used;
        self.memory_mb += other.memory_mb;
        self.memory_mb_used += other.memory_mb_used;
        self.local_gb += other.local_gb;
        self.local_gb_used += other.local_gb_used;
        self.running_vms += other.running_vms;
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostRow {
    pub hostname: String,
    pub hypervisor_type: String,
    pub host_ip: String,
    pub state: String,
    pub status: String,
    pub capacity: Capacity,
    /// (id, name) of each server on the host.
    pub servers: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HypervisorsView {
    pub total: Capacity,
    pub hosts: Vec<HostRow>,
}

#[server(endpoint = "admin_hypervisors")]
pub async fn hypervisors() -> Result<HypervisorsView, AppError> {
    use openstack::compute;
    let (_, api) = crate::ssr::session::require_admin().await?;
    let every_project = compute::ServerFilter {
        all_tenants: true,
        ..Default::default()
    };
    let (list, all_servers) = tokio::join!(
        compute::list_hypervisors_detail(&api),
        compute::list_servers(&api, &every_project)
    );
    let list = list?;
    // The servers of each node, from the one all-projects list (which has
    // the names users gave them; Nova's per-hypervisor lists only have
    // instance-0000000a names and cost a request per host).
    let mut by_node: std::collections::BTreeMap<String, Vec<(String, String)>> =
        std::collections::BTreeMap::new();
    for s in all_servers? {
        if let Some(node) = s.hypervisor_hostname.or(s.host) {
            by_node.entry(node).or_default().push((s.id, s.name));
        }
    }
    let mut total = Capacity::default();
    let mut hosts = Vec::with_capacity(list.len());
    for h in list {
        let capacity = Capacity::of(&h);
        total.add(&capacity);
        let mut servers = by_node.remove(&h.hypervisor_hostname).unwrap_or_default();
        servers.sort_by(|a, b| a.1.cmp(&b.1));
        hosts.push(HostRow {
            hostname: h.hypervisor_hostname,
            hypervisor_type: h.hypervisor_type,
            host_ip: h.host_ip.unwrap_or_default(),
            state: h.state,
            status: h.status,
            capacity,
            servers,
        });
    }
    hosts.sort_by(|a, b| a.hostname.cmp(&b.hostname));
    Ok(HypervisorsView { total, hosts })
}

/// One resource's use as a bar, with the numbers in words beside it so the
/// bar is never the only cue.
#[component]
fn UsageBar(label_key: &'static str, used: u64, total: u64, unit: &'static str) -> impl IntoView {
    let percent = used
        .saturating_mul(100)
        .checked_div(total)
        .unwrap_or(0)
        .min(100);
    let lang = current_language();
    let text = tr_dynamic_args(
        "hypervisors-used-of",
        &[
            ("used", format_number(used as i64, &lang)),
            ("total", format_number(total as i64, &lang)),
            ("unit", unit.to_string()),
            ("percent", percent.to_string()),
        ],
    );
    let colour = if percent >= 90 {
        "bg-red-700"
    } else if percent >= 70 {
        "bg-amber-500"
    } else {
        "bg-sky-700"
    };
    view! {
        <div class="space-y-0.5">
            <div class="flex justify-between text-xs"><span class="font-medium">{move || tr_dynamic(label_key)}</span><span data-testid=format!("usage-{label_key}")>{text.clone()}</span></div>
            <div class="h-2 w-full rounded bg-slate-200" role="meter" aria-valuemin="0" aria-valuemax=total aria-valuenow=used aria-valuetext=text
                aria-label=move || tr_dynamic(label_key)>
                <div class=format!("h-2 rounded {colour}") style=format!("width: {percent}%")></div>
            </div>
        </div>
    }
}

#[component]
fn CapacityBars(capacity: Capacity) -> impl IntoView {
    view! {
        <div class="space-y-2">
            <UsageBar label_key="hypervisors-vcpus" used=capacity.vcpus_used total=capacity.vcpus unit=""/>
            <UsageBar label_key="hypervisors-ram" used=capacity.memory_mb_used total=capacity.memory_mb unit="MiB"/>
            <UsageBar label_key="hypervisors-disk" used=capacity.local_gb_used total=capacity.local_gb unit="GB"/>
        </div>
    }
}

#[component]
pub fn HypervisorsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| hypervisors());
    view! {
        <PageHeader title=move_tr!("hypervisors-title") description=move_tr!("hypervisors-description")/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(data.await, |v| view! {
                    <section class=format!("{CARD} mb-4") data-testid="hypervisors-total">
                        <h2 class="mb-2 font-semibold">{move_tr!("hypervisors-total")}</h2>
                        <CapacityBars capacity=v.total/>
                        <p class="mt-2 text-sm text-slate-600">{crate::i18n::tr_count("hypervisors-running", "count", v.total.running_vms as i64)}</p>
                    </section>
                    <div class="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
                        {v.hosts.into_iter().map(|h| view! {
                            <section class=CARD data-testid="hypervisor-card" aria-label=h.hostname.clone()>
                                <div class="mb-2 flex items-baseline justify-between gap-2">
                                    <h2 class="font-semibold" data-testid="hypervisor-name">{h.hostname.clone()}</h2>
                                    <span class="text-xs text-slate-600">{format!("{} · {}", h.hypervisor_type, h.host_ip)}</span>
                                </div>
                                <p class="mb-2 text-xs">
                                    <span class=if h.state == "up" { "text-green-800" } else { "text-red-800" }>{let s = h.state.clone(); move || tr_dynamic(&format!("service-state-{s}"))}</span>
                                    " · "
                                    <span>{let s = h.status.clone(); move || tr_dynamic(&format!("service-status-{s}"))}</span>
                                </p>
                                <CapacityBars capacity=h.capacity/>
                                <details class="mt-3 text-sm" data-testid="hypervisor-servers">
                                    <summary class="cursor-pointer">{crate::i18n::tr_count("hypervisors-servers", "count", h.servers.len() as i64)}</summary>
                                    <ul class="mt-1 list-inside list-disc">
                                        {h.servers.into_iter().map(|(id, name)| view! {
                                            <li><a class="text-sky-800 underline" href=format!("/project/instances/{id}")>{name}</a></li>
                                        }).collect_view()}
                                    </ul>
                                </details>
                            </section>
                        }).collect_view()}
                    </div>
                }.into_any())
            })}
        </Transition>
    }
}

use crate::error::AppError;
