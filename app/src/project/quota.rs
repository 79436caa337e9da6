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
    /// `MiB` for RAM; empty for counts.
    pub unit: String,
    /// The donut, or empty when the quota is unlimited.
    pub svg: String,
}

impl QuotaUsage {
    pub fn percent(&self) -> Option<i64> {
        self.limit
            .filter(|l| *l > 0)
            .map(|l| (self.used * 100 / l).clamp(0, 100))
    }
}

/// Used against limit as a donut; the text next to it carries the meaning,
/// so colour is never the only cue.
#[cfg(feature = "ssr")]
pub fn donut(used: i64, limit: i64) -> String {
    use charts_rs::{Color, PieChart, Series};
    let used = used.max(0) as f32;
    let free = (limit as f32 - used).max(0.0);
    let mut chart = PieChart::new(vec![
        Series::new("used".into(), vec![used]),
        Series::new("free".into(), vec![free]),
    ]);
    chart.width = 96.0;
    chart.height = 96.0;
    chart.radius = 44.0;
    chart.inner_radius = 30.0;
    chart.rose_type = Some(false);
    chart.border_radius = Some(0.0);
    // No slice labels: the numbers are in the page, translated.
    chart.min_show_label_angle = 400.0;
    chart.margin = (2.0).into();
    chart.background_color = Color::transparent();
    let over = limit > 0 && used >= limit as f32 * 0.9;
    chart.series.colors = vec![
        Color::from(if over { "#B91C1C" } else { "#0369A1" }),
        Color::from("#CBD5E1"),
    ];
    chart.svg().unwrap_or_default()
}

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
    let (limits, keypairs, network) = tokio::join!(
        compute::get_limits(&api),
        compute::list_keypairs(&api),
        async {
            if has_network {
                Some(openstack::network::get_quota_details(&api, &project_id).await)
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
    Ok(rows
        .into_iter()
        .map(|(key, used, limit, unit)| QuotaUsage {
            key: key.into(),
            used,
            limit: (limit >= 0).then_some(limit),
            unit: unit.into(),
            svg: if limit >= 0 {
                donut(used, limit)
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
    let number = move |n: i64| crate::format::format_number(n, &lang());
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
                                        move || match q.limit {
                                            Some(limit) => tr_dynamic_args("quota-used-of", &[
                                                ("used", format!("{} {}", number(q.used), q.unit).trim().to_string()),
                                                ("limit", format!("{} {}", number(limit), q.unit).trim().to_string()),
                                            ]),
                                            None => tr_dynamic_args("quota-used-unlimited", &[("used", number(q.used))]),
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
                                        view! {
                                            <tr>
                                                <td class=TD>{move || tr_dynamic(&key)}</td>
                                                <td class=TD>{format!("{} {}", number(q.used), q.unit)}</td>
                                                <td class=TD>{q.limit.map(|l| format!("{} {}", number(l), q.unit)).unwrap_or_else(|| tr_dynamic("quota-unlimited"))}</td>
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
