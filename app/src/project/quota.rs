//! The project's quota usage: a donut per resource (charts-rs SVG, drawn on
//! the server) and the same numbers as a table.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::{tr_dynamic, tr_dynamic_args};
use crate::ui::{fetched, Loading, CARD, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuotaUsage {
    /// Fluent id of the resource's name.
    pub key: String,
    pub used: i64,
    /// `None` is unlimited.
    pub limit: Option<i64>,
    /// `MiB` for RAM, `GiB` for volume storage, [`BYTES`] for object
    /// storage; empty for counts.
    pub unit: String,
    /// The donut, or empty when the quota is unlimited.
    pub svg: String,
}

impl QuotaUsage {
    pub fn percent(&self) -> Option<i64> {
        self.limit
            .filter(|l| *l > 0)
            .map(|l| (i128::from(self.used) * 100 / i128::from(l)).clamp(0, 100) as i64)
    }

    /// `n` of this resource in the language's digits, with its unit; bytes
    /// in binary units (`1.5 GiB`).
    pub fn amount(&self, n: i64, lang: &str) -> String {
        if self.unit == BYTES {
            return crate::format::format_bytes(n.max(0) as u64);
        }
        format!("{} {}", crate::format::format_number(n, lang), self.unit)
            .trim()
            .to_string()
    }
}

/// The [`QuotaUsage::unit`] of amounts in bytes, shown in binary units.
pub const BYTES: &str = "B";

#[server(endpoint = "project_quota")]
pub async fn project_quota() -> Result<Vec<QuotaUsage>, AppError> {
    use openstack::compute;
    let (login, api) = crate::ssr::session::require().await?;
    let project_id = login
        .token
        .project
        .as_ref()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let has_network = api.endpoint("network").is_ok();
    // `block-storage` also finds `volumev3` and `volume` entries.
    let has_volume = api.endpoint(openstack::block_storage::SERVICE_TYPE).is_ok();
    let has_object_store = api.endpoint(openstack::object_store::SERVICE_TYPE).is_ok();
    let (limits, keypairs, network, volume, account) = tokio::join!(
        compute::get_limits(&api),
        compute::list_keypairs(&api),
        async {
            if has_network {
                Some(openstack::network::get_quota_details(&api, &project_id).await)
            } else {
                None
            }
        },
        async {
            if has_volume {
                Some(openstack::block_storage::get_quota_usage(&api, &project_id).await)
            } else {
                None
            }
        },
        async {
            if has_object_store {
                Some(openstack::object_store::get_account(&api).await)
            } else {
                None
            }
        }
    );
    let limits = limits?;
    let mut rows = vec![
        (
            "quota-instances",
            limits.total_instances_used,
            limits.max_total_instances,
            "",
        ),
        (
            "quota-vcpus",
            limits.total_cores_used,
            limits.max_total_cores,
            "",
        ),
        (
            "quota-ram",
            limits.total_ram_used,
            limits.max_total_ram_size,
            "MiB",
        ),
        (
            "quota-keypairs",
            keypairs.map(|k| k.len() as i64).unwrap_or(0),
            limits.max_total_keypairs,
            "",
        ),
    ];
    // A Neutron that fails here should not hide the compute quota.
    if let Some(Ok(q)) = network {
        rows.push((
            "quota-security-groups",
            q.security_group.used,
            q.security_group.limit,
            "",
        ));
        rows.push((
            "quota-floating-ips",
            q.floatingip.used,
            q.floatingip.limit,
            "",
        ));
    }
    // Nor a failing Cinder or Swift.
    if let Some(Ok(q)) = volume {
        rows.push(("quota-volumes", q.volumes.in_use, q.volumes.limit, ""));
        rows.push((
            "quota-volume-gigabytes",
            q.gigabytes.in_use,
            q.gigabytes.limit,
            "GiB",
        ));
    }
    if let Some(Ok(a)) = account {
        let bytes = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        rows.push((
            "quota-object-bytes",
            bytes(a.bytes_used),
            a.quota_bytes.map(bytes).unwrap_or(-1),
            BYTES,
        ));
    }
    Ok(rows
        .into_iter()
        .map(|(key, used, limit, unit)| QuotaUsage {
            key: key.into(),
            used,
            limit: (limit >= 0).then_some(limit),
            unit: unit.into(),
            svg: if limit >= 0 {
                crate::chart::donut(used, limit)
            } else {
                String::new()
            },
        })
        .collect())
}

#[component]
pub fn QuotaCharts() -> impl IntoView {
    let quota = Resource::new(|| (), |_| project_quota());
    let as_table = RwSignal::new(false);
    let lang = crate::i18n::current_language;
    view! {
        <section class="mt-8" data-testid="quota">
            <div class="mb-2 flex items-center justify-between">
                <h2 class="text-lg font-semibold">{move_tr!("quota-title")}</h2>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" data-testid="quota-as-table" prop:checked=move || as_table.get()
                        on:change=move |ev| as_table.set(event_target_checked(&ev))/>
                    {move_tr!("quota-show-table")}
                </label>
            </div>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(quota.await, move |items| {
                        let table_items = items.clone();
                        view! {
                            <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6" class:hidden=move || as_table.get()>
                                {items.into_iter().map(|q| {
                                    let label = q.key.clone();
                                    let summary = {
                                        let q = q.clone();
                                        move || {
                                            let l = lang();
                                            match q.limit {
                                                Some(limit) => tr_dynamic_args("quota-used-of", &[
                                                    ("used", q.amount(q.used, &l)),
                                                    ("limit", q.amount(limit, &l)),
                                                ]),
                                                None => tr_dynamic_args("quota-used-unlimited", &[("used", q.amount(q.used, &l))]),
                                            }
                                        }
                                    };
                                    let described = format!("quota-{}-text", q.key);
                                    view! {
                                        <figure class=format!("{CARD} flex flex-col items-center gap-1 text-center") data-testid="quota-chart" data-key=q.key.clone()>
                                            {(!q.svg.is_empty()).then(|| view! {
                                                <div role="img" aria-labelledby=described.clone() inner_html=q.svg.clone()></div>
                                            })}
                                            <figcaption id=described class="text-sm">
                                                <span class="block font-medium">{move || tr_dynamic(&label)}</span>
                                                <span class="block text-slate-600" data-testid="quota-text">{summary}</span>
                                                {q.percent().map(|p| view! { <span class="block text-xs text-slate-500">{format!("{p} %")}</span> })}
                                            </figcaption>
                                        </figure>
                                    }
                                }).collect_view()}
                            </div>
                            <table class=TABLE class:hidden=move || !as_table.get() data-testid="quota-table">
                                <caption class="sr-only">{move_tr!("quota-title")}</caption>
                                <thead><tr>
                                    <th class=TH>{move_tr!("quota-resource")}</th>
                                    <th class=TH>{move_tr!("quota-used")}</th>
                                    <th class=TH>{move_tr!("quota-limit")}</th>
                                </tr></thead>
                                <tbody>
                                    {table_items.into_iter().map(|q| {
                                        let key = q.key.clone();
                                        let data_key = q.key.clone();
                                        let used = {
                                            let q = q.clone();
                                            move || q.amount(q.used, &lang())
                                        };
                                        let limit = move || match q.limit {
                                            Some(l) => q.amount(l, &lang()),
                                            None => tr_dynamic("quota-unlimited"),
                                        };
                                        view! {
                                            <tr data-key=data_key>
                                                <td class=TD>{move || tr_dynamic(&key)}</td>
                                                <td class=TD>{used}</td>
                                                <td class=TD>{limit}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    })
                })}
            </Suspense>
        </section>
    }
}
