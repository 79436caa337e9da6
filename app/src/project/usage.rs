//! The project's usage over a period, from Nova's `os-simple-tenant-usage`:
//! totals and one row per instance, as Horizon's "Usage Summary", plus the
//! same usage per day as a line chart and a table, each with a CSV export.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::csv::{data_url, plain_number, to_csv};
use crate::error::AppError;
use crate::format::format_decimal;
use crate::i18n::tr_dynamic;
use crate::ui::{error_text, fetched, Loading, BUTTON, CARD, TABLE, TD, TH};

/// The longest period one request may cover, in days.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub const MAX_DAYS: i64 = 366;

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
    /// One entry per day of the period, first to last.
    pub days: Vec<UsageDay>,
}

/// What the project's servers used on one day (in the user's time zone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UsageDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub vcpu_hours: f64,
    pub ram_gib_hours: f64,
    pub disk_gib_hours: f64,
}

/// One day of the period: from its first instant in the user's time zone
/// to the next day's, or to now for today.
#[cfg(feature = "ssr")]
#[derive(Debug, Clone, Copy, PartialEq)]
struct DayBounds {
    day: chrono::NaiveDate,
    from: chrono::DateTime<chrono::Utc>,
    until: chrono::DateTime<chrono::Utc>,
}

/// The first instant of `day` in `zone`: midnight, or where the clocks
/// skip midnight, the first hour that exists.
#[cfg(feature = "ssr")]
fn start_of_day(
    zone: chrono_tz::Tz,
    day: chrono::NaiveDate,
) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::TimeZone;
    (0..3)
        .find_map(|h| {
            zone.from_local_datetime(&day.and_hms_opt(h, 0, 0)?)
                .earliest()
        })
        .map(|t| t.with_timezone(&chrono::Utc))
}

/// The days from `start` to `end`, never past `now`.
#[cfg(feature = "ssr")]
fn day_bounds(
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
    zone: chrono_tz::Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<DayBounds> {
    start
        .iter_days()
        .take_while(|d| *d <= end)
        .filter_map(|day| {
            let from = start_of_day(zone, day)?;
            let until = start_of_day(zone, day.succ_opt()?)?.min(now);
            Some(DayBounds { day, from, until })
        })
        .collect()
}

/// The hours each server ran on each day (from `started_at` to `ended_at`,
/// or to `now` while it lives), times its vCPUs, RAM (GiB) and disk.
#[cfg(feature = "ssr")]
fn usage_per_day(
    days: &[DayBounds],
    servers: &[openstack::compute::ServerUsage],
    now: chrono::DateTime<chrono::Utc>,
) -> Vec<UsageDay> {
    days.iter()
        .map(|d| {
            let mut day = UsageDay {
                date: d.day.format("%Y-%m-%d").to_string(),
                vcpu_hours: 0.0,
                ram_gib_hours: 0.0,
                disk_gib_hours: 0.0,
            };
            for s in servers {
                let Some(started) = s.started_at else {
                    continue;
                };
                let ended = s.ended_at.unwrap_or(now);
                let ms = (ended.min(d.until) - started.max(d.from)).num_milliseconds();
                if ms <= 0 {
                    continue;
                }
                let hours = ms as f64 / 3_600_000.0;
                day.vcpu_hours += hours * s.vcpus as f64;
                day.ram_gib_hours += hours * s.memory_mb as f64 / 1024.0;
                day.disk_gib_hours += hours * s.local_gb as f64;
            }
            day
        })
        .collect()
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
    use chrono::{Datelike, Utc};
    let prefs = crate::ssr::prefs::current();
    let zone: chrono_tz::Tz = prefs.timezone.parse().unwrap_or(chrono_tz::UTC);
    let now = Utc::now();
    let today = now.with_timezone(&zone).date_naive();
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
    if (end - start).num_days() >= MAX_DAYS {
        return Err(AppError::invalid("usage_start", "usage-period-too-long"));
    }
    let from = start_of_day(zone, start)
        .ok_or_else(|| AppError::invalid("usage_start", "usage-date-invalid"))?;
    // The end day counts whole, but never past now.
    let until = end
        .succ_opt()
        .and_then(|d| start_of_day(zone, d))
        .map(|t| t.min(now))
        .ok_or_else(|| AppError::invalid("usage_end", "usage-date-invalid"))?;
    let days = day_bounds(start, end, zone, now);
    let (login, api) = crate::ssr::session::require().await?;
    let project = login.token.project.as_ref().ok_or(AppError::NoProject)?;
    let usage = openstack::compute::get_tenant_usage(&api, &project.id, from, until).await?;
    let days = usage_per_day(&days, &usage.server_usages, now);
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
        days,
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
                        let period = {
                            let (start, end) = (u.start.clone(), u.end.clone());
                            move || {
                                let l = lang();
                                format!("{} – {}", day_label(&start, &l, false), day_label(&end, &l, false))
                            }
                        };
                        view! {
                            {top}
                            <p class="mb-2 text-sm text-slate-600" data-testid="usage-period">{period}</p>
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
                                    <UsageDays days=u.days start=u.start.clone() end=u.end.clone()/>
                                    <UsageInstances rows=u.rows start=u.start end=u.end/>
                                }.into_any()
                            }}
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}

/// A `YYYY-MM-DD` day as the language writes it (`short`: without the
/// year); anything else as it is.
fn day_label(date: &str, lang: &str, short: bool) -> String {
    match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(day) if short => crate::format::format_short_date(day, lang),
        Ok(day) => crate::format::format_date(day, lang),
        Err(_) => date.to_string(),
    }
}

/// The `<a download>` of a CSV document, rebuilt when the language (and so
/// the headers) changes.
#[component]
fn CsvLink(
    #[prop(into)] testid: String,
    #[prop(into)] filename: String,
    #[prop(into)] label: Signal<String>,
    csv: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <a class="text-sm font-medium text-sky-700 underline hover:text-sky-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600"
            data-testid=testid download=filename href=move || data_url(&csv())>
            {label}
        </a>
    }
}

/// The usage per day: a line chart, or the same numbers as a table, and
/// a CSV export.
#[component]
fn UsageDays(days: Vec<UsageDay>, start: String, end: String) -> impl IntoView {
    let lang = crate::i18n::current_language;
    let as_table = RwSignal::new(false);
    let series = {
        let days = days.clone();
        move || {
            let pick = |f: fn(&UsageDay) -> f64| days.iter().map(|d| f(d) as f32).collect();
            vec![
                (tr_dynamic("usage-vcpu-hours"), pick(|d| d.vcpu_hours)),
                (tr_dynamic("usage-ram-hours"), pick(|d| d.ram_gib_hours)),
                (tr_dynamic("usage-disk-hours"), pick(|d| d.disk_gib_hours)),
            ]
        }
    };
    let svg = {
        let days = days.clone();
        move || {
            let l = lang();
            let labels = days.iter().map(|d| day_label(&d.date, &l, true)).collect();
            crate::chart::line(labels, series())
        }
    };
    let count = days.len() as i64;
    let description = {
        let (start, end) = (start.clone(), end.clone());
        move_tr!("usage-chart-description", {
            "count" => count,
            "formatted" => crate::format::format_number(count, &lang()),
            "start" => day_label(&start, &lang(), false),
            "end" => day_label(&end, &lang(), false),
        })
    };
    let csv = {
        let days = days.clone();
        move || {
            let headers = [
                tr_dynamic("usage-day"),
                tr_dynamic("usage-vcpu-hours"),
                tr_dynamic("usage-ram-hours"),
                tr_dynamic("usage-disk-hours"),
            ];
            let rows: Vec<Vec<String>> = days
                .iter()
                .map(|d| {
                    vec![
                        d.date.clone(),
                        plain_number(d.vcpu_hours),
                        plain_number(d.ram_gib_hours),
                        plain_number(d.disk_gib_hours),
                    ]
                })
                .collect();
            to_csv(&headers, &rows)
        }
    };
    let filename = format!("usage-{start}-{end}.csv");
    view! {
        <figure class=format!("{CARD} mb-3") data-testid="usage-chart">
            <div class="mb-2 flex flex-wrap items-center justify-between gap-3">
                <figcaption id="usage-chart-title" class="font-medium">{move_tr!("usage-chart-title")}</figcaption>
                <div class="flex items-center gap-4">
                    <label class="flex items-center gap-2 text-sm">
                        <input type="checkbox" data-testid="usage-days-as-table" prop:checked=move || as_table.get()
                            on:change=move |ev| as_table.set(event_target_checked(&ev))/>
                        {move_tr!("usage-days-show-table")}
                    </label>
                    <CsvLink testid="usage-days-csv" filename label=move_tr!("usage-days-csv") csv/>
                </div>
            </div>
            <p id="usage-chart-description" class="sr-only">{description}</p>
            <div class="overflow-x-auto" class:hidden=move || as_table.get()>
                <div role="img" aria-labelledby="usage-chart-title" aria-describedby="usage-chart-description" class="[&_svg]:h-auto [&_svg]:max-w-full" inner_html=svg></div>
            </div>
            <div class="overflow-x-auto" class:hidden=move || !as_table.get()>
                <table class=TABLE data-testid="usage-days-table">
                    <caption class="sr-only">{move_tr!("usage-chart-title")}</caption>
                    <thead class="bg-slate-50"><tr>
                        <th class=TH scope="col">{move_tr!("usage-day")}</th>
                        <th class=TH scope="col">{move_tr!("usage-vcpu-hours")}</th>
                        <th class=TH scope="col">{move_tr!("usage-ram-hours")}</th>
                        <th class=TH scope="col">{move_tr!("usage-disk-hours")}</th>
                    </tr></thead>
                    <tbody class="divide-y divide-slate-100">
                        {days.into_iter().map(|d| {
                            let date = d.date.clone();
                            view! {
                                <tr data-testid="usage-day-row">
                                    <th class=TH scope="row">{move || day_label(&date, &lang(), false)}</th>
                                    <td class=TD>{move || format_decimal(d.vcpu_hours, &lang())}</td>
                                    <td class=TD>{move || format_decimal(d.ram_gib_hours, &lang())}</td>
                                    <td class=TD>{move || format_decimal(d.disk_gib_hours, &lang())}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </figure>
    }
}

/// One row per instance, and a CSV export of them.
#[component]
fn UsageInstances(rows: Vec<UsageRow>, start: String, end: String) -> impl IntoView {
    let lang = crate::i18n::current_language;
    let number =
        move |n: u64| crate::format::format_number(i64::try_from(n).unwrap_or(i64::MAX), &lang());
    let csv = {
        let rows = rows.clone();
        move || {
            let headers = [
                tr_dynamic("instances-name"),
                tr_dynamic("instances-flavor"),
                tr_dynamic("launch-flavor-vcpus"),
                format!("{} (MiB)", tr_dynamic("launch-flavor-ram")),
                format!("{} (GiB)", tr_dynamic("launch-flavor-disk")),
                tr_dynamic("usage-hours"),
                tr_dynamic("usage-state"),
            ];
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.name.clone(),
                        r.flavor.clone(),
                        r.vcpus.to_string(),
                        r.ram_mib.to_string(),
                        r.disk_gib.to_string(),
                        plain_number(r.hours),
                        r.state.clone(),
                    ]
                })
                .collect();
            to_csv(&headers, &lines)
        }
    };
    let filename = format!("usage-instances-{start}-{end}.csv");
    view! {
        <div class="mb-2 flex justify-end">
            <CsvLink testid="usage-instances-csv" filename label=move_tr!("usage-instances-csv") csv/>
        </div>
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
                    {rows.into_iter().map(|r| view! {
                        <tr data-testid="usage-row">
                            <td class=TD>{r.name}</td>
                            <td class=TD>{r.flavor}</td>
                            <td class=TD>{move || number(r.vcpus)}</td>
                            <td class=TD>{move || format!("{} MiB", number(r.ram_mib))}</td>
                            <td class=TD>{move || format!("{} GiB", number(r.disk_gib))}</td>
                            <td class=TD>{move || format_decimal(r.hours, &lang())}</td>
                            <td class=TD>{r.state}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone, Utc};
    use openstack::compute::ServerUsage;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn server(started: chrono::DateTime<Utc>, ended: Option<chrono::DateTime<Utc>>) -> ServerUsage {
        ServerUsage {
            vcpus: 2,
            memory_mb: 2048,
            local_gb: 10,
            started_at: Some(started),
            ended_at: ended,
            ..Default::default()
        }
    }

    #[test]
    fn a_server_counts_on_each_day_it_ran() {
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 6, 0, 0).unwrap();
        let days = day_bounds(day(2026, 11, 1), day(2026, 11, 3), chrono_tz::UTC, now);
        assert_eq!(days.len(), 3);
        // 36 hours from noon of the first day: 12 and 24 hours.
        let noon = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
        let ended = noon + chrono::Duration::hours(36);
        let out = usage_per_day(&days, &[server(noon, Some(ended))], now);
        let hours: Vec<f64> = out.iter().map(|d| d.vcpu_hours / 2.0).collect();
        assert_eq!(hours, vec![12.0, 24.0, 0.0]);
        assert_eq!(out[1].date, "2026-11-02");
        assert_eq!(out[1].ram_gib_hours, 48.0);
        assert_eq!(out[1].disk_gib_hours, 240.0);
        // A server without a start is not counted; one still running
        // counts up to now, and today only up to now.
        let running = server(noon, None);
        let unknown = ServerUsage {
            started_at: None,
            ..server(noon, None)
        };
        let today = day_bounds(day(2026, 11, 21), day(2026, 11, 21), chrono_tz::UTC, now);
        let out = usage_per_day(&today, &[running, unknown], now);
        assert_eq!(out[0].vcpu_hours, 12.0);
    }

    #[test]
    fn days_follow_the_time_zone() {
        let zone: chrono_tz::Tz = "Europe/Berlin".parse().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 6, 0, 0).unwrap();
        // The clocks go forward on 29 March 2026: a day of 23 hours,
        // starting at 23:00 UTC the day before.
        let days = day_bounds(day(2026, 3, 28), day(2026, 3, 30), zone, now);
        assert_eq!(
            days[1].from,
            Utc.with_ymd_and_hms(2026, 3, 28, 23, 0, 0).unwrap()
        );
        let always = server(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(), None);
        let out = usage_per_day(&days, &[always], now);
        let hours: Vec<f64> = out.iter().map(|d| d.vcpu_hours / 2.0).collect();
        assert_eq!(hours, vec![24.0, 23.0, 24.0]);
    }

    #[test]
    fn day_labels_follow_the_language() {
        assert_eq!(day_label("2026-11-02", "de", true), "2.11.");
        assert_eq!(day_label("2026-11-02", "en", false), "11/2/2026");
        assert_eq!(day_label("soon", "en", false), "soon");
    }
}
