//! The project's usage over a period, from Nova's `os-simple-tenant-usage`:
//! totals and one row per instance, as Horizon's "Usage Summary".

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::format::format_decimal;
use crate::i18n::tr_dynamic;
use crate::ui::{error_text, fetched, Loading, BUTTON, CARD, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageRow {
    pub name: String,
    pub flavor: String,
    pub vcpus: u64,
    pub ram_mib: u64,
    pub disk_gib: u64,
    pub hours: f64,
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageSummary {
    /// The period as the form shows it: `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    pub active: usize,
    pub vcpu_hours: f64,
    pub ram_gib_hours: f64,
    pub disk_gib_hours: f64,
    pub rows: Vec<UsageRow>,
}

/// A `YYYY-MM-DD` date typed in the form, or the field's error.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn parse_day(text: &str, field: &str) -> Result<chrono::NaiveDate, AppError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid(field, "usage-date-invalid"))
}

/// The usage from the start of `start` to the end of `end`, in the user's
/// time zone. Empty dates mean this month so far.
#[server(endpoint = "project_usage")]
pub async fn project_usage(start: String, end: String) -> Result<UsageSummary, AppError> {
    use chrono::{Datelike, TimeZone, Utc};
    let prefs = crate::ssr::prefs::current();
    let zone: chrono_tz::Tz = prefs.timezone.parse().unwrap_or(chrono_tz::UTC);
    let today = Utc::now().with_timezone(&zone).date_naive();
    let start = match start.trim() {
        "" => today.with_day(1).unwrap_or(today),
        s => parse_day(s, "usage_start")?,
    };
    let end = match end.trim() {
        "" => today,
        s => parse_day(s, "usage_end")?,
    };
    if start > end {
        return Err(AppError::invalid("usage_start", "usage-start-after-end"));
    }
    if end > today {
        return Err(AppError::invalid("usage_end", "usage-end-in-future"));
    }
    let midnight = |d: chrono::NaiveDate| {
        zone.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    let from =
        midnight(start).ok_or_else(|| AppError::invalid("usage_start", "usage-date-invalid"))?;
    // The end day counts whole, but never past now.
    let until = end
        .succ_opt()
        .and_then(midnight)
        .map(|t| t.min(Utc::now()))
        .ok_or_else(|| AppError::invalid("usage_end", "usage-date-invalid"))?;
    let (login, api) = crate::ssr::session::require().await?;
    let project = login.token.project.as_ref().ok_or(AppError::NoProject)?;
    let usage = openstack::compute::get_tenant_usage(&api, &project.id, from, until).await?;
    let mut rows: Vec<UsageRow> = usage
        .server_usages
        .iter()
        .map(|s| UsageRow {
            name: s.name.clone(),
            flavor: s.flavor.clone(),
            vcpus: s.vcpus,
            ram_mib: s.memory_mb,
            disk_gib: s.local_gb,
            hours: s.hours,
            state: s.state.clone(),
        })
        .collect();
    rows.sort_by(|a, b| b.hours.total_cmp(&a.hours));
    Ok(UsageSummary {
        start: start.format("%Y-%m-%d").to_string(),
        end: end.format("%Y-%m-%d").to_string(),
        active: usage
            .server_usages
            .iter()
            .filter(|s| s.state != "terminated")
            .count(),
        vcpu_hours: usage.total_vcpus_usage,
        ram_gib_hours: usage.total_memory_mb_usage / 1024.0,
        disk_gib_hours: usage.total_local_gb_usage,
        rows,
    })
}

#[component]
pub fn UsageSection() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let usage = Resource::new(
        move || (param("usage_start"), param("usage_end")),
        |(start, end)| project_usage(start, end),
    );
    let lang = crate::i18n::current_language;
    // Reading the resource outside the Transition deadlocks Leptos' SSR
    // (two graph locks taken in opposite orders), so the form, with its
    // field errors, is rendered inside it from the awaited result.
    let form = move |error: Option<AppError>| {
        let message = move |field: &'static str| match &error {
            Some(e @ AppError::InvalidInput { field: f, .. }) if f == field => Some(error_text(e)),
            _ => None,
        };
        view! {
            <Form method="GET" action="" attr:class="mb-3 flex flex-wrap items-end gap-3" attr:data-testid="usage-form">
                <div class="space-y-1">
                    <label for="usage-start" class="block text-sm font-medium">{move_tr!("usage-from")}</label>
                    <input id="usage-start" name="usage_start" type="date" value=param("usage_start")
                        aria-describedby="usage-start-error" class="rounded-md border border-slate-300 px-2 py-1 text-sm"/>
                    <p id="usage-start-error" role="alert" class="text-sm text-red-700">{message("usage_start")}</p>
                </div>
                <div class="space-y-1">
                    <label for="usage-end" class="block text-sm font-medium">{move_tr!("usage-to")}</label>
                    <input id="usage-end" name="usage_end" type="date" value=param("usage_end")
                        aria-describedby="usage-end-error" class="rounded-md border border-slate-300 px-2 py-1 text-sm"/>
                    <p id="usage-end-error" role="alert" class="text-sm text-red-700">{message("usage_end")}</p>
                </div>
                <button type="submit" class=BUTTON>{move_tr!("usage-submit")}</button>
            </Form>
        }
    };
    view! {
        <section class="mt-8" data-testid="usage">
            <h2 class="mb-2 text-lg font-semibold">{move_tr!("usage-title")}</h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    let result = usage.await;
                    if let Err(e @ AppError::InvalidInput { .. }) = result {
                        return form(Some(e)).into_any();
                    }
                    let top = form(None);
                    fetched(result, move |u| {
                        let l = lang();
                        let totals = [
                            ("usage-active", crate::format::format_number(u.active as i64, &l)),
                            ("usage-vcpu-hours", format_decimal(u.vcpu_hours, &l)),
                            ("usage-ram-hours", format_decimal(u.ram_gib_hours, &l)),
                            ("usage-disk-hours", format_decimal(u.disk_gib_hours, &l)),
                        ];
                        view! {
                            {top}
                            <p class="mb-2 text-sm text-slate-600" data-testid="usage-period">{format!("{} – {}", u.start, u.end)}</p>
                            <div class="mb-3 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
                                {totals.into_iter().map(|(key, value)| view! {
                                    <div class=CARD>
                                        <p class="text-sm text-slate-500">{move || tr_dynamic(key)}</p>
                                        <p class="text-lg font-semibold" data-testid=key>{value}</p>
                                    </div>
                                }).collect_view()}
                            </div>
                            {if u.rows.is_empty() {
                                view! { <p class="text-sm text-slate-600">{move_tr!("usage-empty")}</p> }.into_any()
                            } else {
                                view! {
                                    <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                                        <table class=TABLE data-testid="usage-table">
                                            <thead class="bg-slate-50"><tr>
                                                <th class=TH>{move_tr!("instances-name")}</th>
                                                <th class=TH>{move_tr!("instances-flavor")}</th>
                                                <th class=TH>{move_tr!("launch-flavor-vcpus")}</th>
                                                <th class=TH>{move_tr!("launch-flavor-ram")}</th>
                                                <th class=TH>{move_tr!("launch-flavor-disk")}</th>
                                                <th class=TH>{move_tr!("usage-hours")}</th>
                                                <th class=TH>{move_tr!("usage-state")}</th>
                                            </tr></thead>
                                            <tbody class="divide-y divide-slate-100">
                                                {u.rows.into_iter().map(|r| view! {
                                                    <tr data-testid="usage-row">
                                                        <td class=TD>{r.name}</td>
                                                        <td class=TD>{r.flavor}</td>
                                                        <td class=TD>{r.vcpus}</td>
                                                        <td class=TD>{r.ram_mib}" MiB"</td>
                                                        <td class=TD>{r.disk_gib}" GiB"</td>
                                                        <td class=TD>{format_decimal(r.hours, &l)}</td>
                                                        <td class=TD>{r.state}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                }.into_any()
                            }}
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}
