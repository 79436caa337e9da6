//! The failures timeline: what the sampler saw (probes failing, endpoints
//! down and back) and what the APIs report (compute services down, servers
//! in ERROR with their fault, stacks that failed), newest first.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use super::csv_link;
use super::model::{EventKind, HealthEvent};
use crate::error::AppError;
use crate::i18n::{tr_count, tr_dynamic};
use crate::ui::{fetched, Loading, SELECT};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub event: HealthEvent,
    /// `event.at` formatted for the user.
    pub at_display: String,
}

/// Stacks looked at for failures, at most.
#[cfg(feature = "ssr")]
const MAX_STACKS: u32 = 200;

#[server(endpoint = "health_timeline")]
pub async fn health_timeline() -> Result<Vec<TimelineRow>, AppError> {
    let (login, api) = crate::ssr::session::require_admin().await?;
    let sampler = crate::ssr::health::current()?;
    if api.endpoint("orchestration").is_ok() {
        // A Heat that fails here must not hide the timeline: its own probe
        // tile shows that it is down.
        let filter = openstack::orchestration::StackFilter {
            global_tenant: true,
            limit: Some(MAX_STACKS),
            ..Default::default()
        };
        if let Ok(stacks) = openstack::orchestration::list_stacks(&api, &filter).await {
            record_failed_stacks(&sampler, &stacks, &login.region);
        }
    }
    let prefs = crate::ssr::prefs::current();
    Ok(sampler
        .timeline()
        .into_iter()
        .map(|event| TimelineRow {
            at_display: chrono::DateTime::from_timestamp(event.at, 0)
                .map(|at| crate::format::format_datetime(at, &prefs.language, &prefs.timezone))
                .unwrap_or_default(),
            event,
        })
        .collect())
}

#[cfg(feature = "ssr")]
fn record_failed_stacks(
    sampler: &crate::ssr::health::Sampler,
    stacks: &[openstack::orchestration::Stack],
    region: &str,
) {
    let now = chrono::Utc::now().timestamp();
    for s in stacks {
        let failed = s.stack_status.ends_with("_FAILED");
        let at = s
            .updated_time
            .as_deref()
            .or(s.creation_time.as_deref())
            .and_then(|t| {
                chrono::DateTime::parse_from_rfc3339(t)
                    .ok()
                    .map(|t| t.timestamp())
                    .or_else(|| {
                        chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
                            .ok()
                            .map(|t| t.and_utc().timestamp())
                    })
            })
            .unwrap_or(now);
        // The status and its time: a stack that fails again is a new entry.
        let status = format!("{} {at}", s.stack_status);
        sampler.record_change(&format!("stack/{}", s.id), &status, failed, |_| {
            failed.then(|| HealthEvent {
                at,
                kind: EventKind::StackFailed,
                subject: s.stack_name.clone(),
                service_type: "orchestration".into(),
                region: region.to_owned(),
                detail: format!(
                    "{}: {}",
                    s.stack_status,
                    s.stack_status_reason.clone().unwrap_or_default()
                ),
            })
        });
    }
}

#[component]
pub fn Timeline(timeline: Resource<Result<Vec<TimelineRow>, AppError>>) -> impl IntoView {
    let kind = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    view! {
        <section class="mt-8" data-testid="health-timeline" aria-labelledby="health-timeline-title">
            <h2 id="health-timeline-title" class="mb-2 text-lg font-semibold">{move_tr!("health-timeline-title")}</h2>
            <div class="mb-3 flex flex-wrap items-end gap-3">
                <label class="text-sm">
                    <span class="block font-medium">{move_tr!("health-filter-kind")}</span>
                    <select class=SELECT data-testid="timeline-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{move_tr!("health-filter-all")}</option>
                        {EventKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str()>{move || tr_dynamic(k.key())}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="text-sm">
                    <span class="block font-medium">{move_tr!("health-filter-text")}</span>
                    <input type="search" data-testid="timeline-text" class="rounded-md border border-slate-300 px-2 py-1 text-sm"
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </label>
            </div>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(timeline.await, move |rows| {
                        let csv: Vec<Vec<String>> = rows.iter().map(|r| vec![
                            chrono::DateTime::from_timestamp(r.event.at, 0).map(|t| t.to_rfc3339()).unwrap_or_default(),
                            r.event.kind.as_str().into(), r.event.subject.clone(), r.event.service_type.clone(),
                            r.event.region.clone(), r.event.detail.clone(),
                        ]).collect();
                        let total = rows.len() as i64;
                        let shown = move || {
                            let kind = kind.get();
                            let text = text.get().to_lowercase();
                            rows.iter()
                                .filter(|r| kind.is_empty() || r.event.kind.as_str() == kind)
                                .filter(|r| text.is_empty()
                                    || r.event.subject.to_lowercase().contains(&text)
                                    || r.event.detail.to_lowercase().contains(&text)
                                    || r.event.service_type.to_lowercase().contains(&text))
                                .cloned()
                                .collect::<Vec<_>>()
                        };
                        view! {
                            <p class="mb-2 text-sm text-slate-600" data-testid="timeline-count">{move || tr_count("health-timeline-count", "count", total)}</p>
                            {move || {
                                let shown = shown();
                                if shown.is_empty() {
                                    return view! { <p class="text-sm text-slate-600" data-testid="timeline-empty">{move_tr!("health-timeline-empty")}</p> }.into_any();
                                }
                                view! {
                                    <ol class="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
                                        {shown.into_iter().map(|r| {
                                            let failure = r.event.kind.is_failure();
                                            let key = r.event.kind.key();
                                            let subject = r.event.subject.clone();
                                            view! {
                                                <li class="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2 text-sm" data-testid="timeline-entry"
                                                    data-kind=r.event.kind.as_str() data-subject=subject>
                                                    <time class="whitespace-nowrap text-slate-500">{r.at_display}</time>
                                                    <span class="font-semibold" class:text-red-800=failure class:text-emerald-800=!failure>
                                                        <span aria-hidden="true">{if failure { "✕ " } else { "✓ " }}</span>
                                                        {move || tr_dynamic(key)}
                                                    </span>
                                                    <span class="font-medium">{r.event.subject}</span>
                                                    <span class="text-slate-500">{r.event.service_type}{(!r.event.region.is_empty()).then(|| format!(" · {}", r.event.region))}</span>
                                                    <span class="basis-full break-words text-slate-700" data-testid="timeline-detail">{r.event.detail}</span>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ol>
                                }.into_any()
                            }}
                            <p class="mt-2 text-sm">{csv_link("health-timeline.csv", &[
                                "health-csv-time", "health-csv-kind", "health-csv-subject", "health-csv-type", "health-csv-region", "health-csv-detail",
                            ], csv)}</p>
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}
