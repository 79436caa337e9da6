//! Project → Orchestration → Stacks: the project's Heat stacks, paged and
//! filtered by Heat, with delete and a live refresh while any stack is
//! changing.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::status::StackStatusBadge;
use crate::compute::ConfirmPanel;
use crate::error::AppError;
use crate::i18n::{tr_count, tr_dynamic, tr_dynamic_args};
use crate::storage::encode_segment;
use crate::ui::{
    error_text, fetched, query_string, ErrorBanner, Loading, PageHeader, BUTTON, SELECT, TABLE, TD,
    TH,
};

/// The status filter's choices: Heat filters by the state part.
pub const STATUS_FILTERS: [&str; 3] = ["COMPLETE", "FAILED", "IN_PROGRESS"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackRow {
    pub id: String,
    pub name: String,
    pub status: String,
    pub status_reason: String,
    pub description: String,
    /// Formatted in the user's language and time zone; empty if unknown.
    pub created: String,
    pub created_age: Option<i64>,
    pub updated: String,
    pub updated_age: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackListing {
    pub items: Vec<StackRow>,
    /// The marker (a stack id) of the next page, if there is one.
    pub next: Option<String>,
}

/// A stack to delete, by name and id (Heat addresses stacks by both).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StackTarget {
    pub name: String,
    pub id: String,
}

/// A stack Heat would not delete, with its reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeleteFailure {
    pub name: String,
    pub error: AppError,
}

/// The href of a stack's page.
pub fn stack_href(name: &str, id: &str) -> String {
    format!(
        "/project/stacks/{}/{}",
        encode_segment(name),
        encode_segment(id)
    )
}

/// The status filter as Heat takes it; `None` for "any", an error for a
/// value that is not one of [`STATUS_FILTERS`].
pub fn status_filter(status: &str) -> Result<Option<String>, AppError> {
    let s = status.trim().to_ascii_uppercase();
    if s.is_empty() {
        return Ok(None);
    }
    if STATUS_FILTERS.contains(&s.as_str()) {
        Ok(Some(s))
    } else {
        Err(AppError::invalid("status", "stacks-status-invalid"))
    }
}

/// The label of a status filter choice.
fn status_filter_key(status: &str) -> &'static str {
    match status {
        "COMPLETE" => "stacks-status-complete",
        "FAILED" => "stacks-status-failed",
        _ => "stacks-status-in-progress",
    }
}

/// Heat's timestamps: RFC 3339, or without a zone (then UTC).
#[cfg(feature = "ssr")]
fn parse_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::{DateTime, NaiveDateTime, Utc};
    let text = text.trim();
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// One page of the project's stacks, filtered by Heat. Heat's list has no
/// "next" link we could trust, so one more stack than the page size is
/// asked for: if it comes, there is a next page.
#[server(endpoint = "stacks_list")]
pub async fn stacks_list(
    marker: String,
    name: String,
    status: String,
) -> Result<StackListing, AppError> {
    use openstack::orchestration::{self as heat, Stack, StackFilter};

    let status = status_filter(&status)?;
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let mut filter = StackFilter {
        name: Some(name.trim().to_string()).filter(|n| !n.is_empty()),
        status,
        marker: Some(marker).filter(|m| !m.is_empty()),
        ..Default::default()
    };
    let (stacks, next) = if prefs.page_size > 0 {
        #[derive(Deserialize)]
        struct Body {
            #[serde(default)]
            stacks: Vec<Stack>,
        }
        let size = prefs.page_size as usize;
        filter.limit = Some(prefs.page_size + 1);
        let query: Vec<(&str, String)> = [
            ("name", filter.name.clone()),
            ("status", filter.status.clone()),
            ("marker", filter.marker.clone()),
            ("limit", filter.limit.map(|l| l.to_string())),
        ]
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
        let body: Body = api
            .get_json_query(heat::SERVICE_TYPE, "/stacks", &query)
            .await?;
        let mut stacks = body.stacks;
        let next = (stacks.len() > size).then(|| stacks[size - 1].id.clone());
        stacks.truncate(size);
        (stacks, next)
    } else {
        (heat::list_stacks(&api, &filter).await?, None)
    };
    let now = chrono::Utc::now();
    let when = |t: &Option<String>| {
        let at = t.as_deref().and_then(parse_time);
        (
            at.map(|a| crate::format::format_datetime(a, &prefs.language, &prefs.timezone))
                .or_else(|| t.clone())
                .unwrap_or_default(),
            at.map(|a| (now - a).num_seconds()),
        )
    };
    let items = stacks
        .into_iter()
        .map(|s| {
            let (created, created_age) = when(&s.creation_time);
            let (updated, updated_age) = when(&s.updated_time);
            StackRow {
                id: s.id,
                name: s.stack_name,
                status: s.stack_status,
                status_reason: s.stack_status_reason.unwrap_or_default(),
                description: s.description.unwrap_or_default(),
                created,
                created_age,
                updated,
                updated_age,
            }
        })
        .collect();
    Ok(StackListing { items, next })
}

/// Asks Heat to delete each stack; those it refuses come back with why.
#[server(endpoint = "stacks_delete", input = leptos::server_fn::codec::Json)]
pub async fn stacks_delete(stacks: Vec<StackTarget>) -> Result<Vec<DeleteFailure>, AppError> {
    let (_, api) = crate::ssr::session::require().await?;
    let api = &api;
    let results = futures::future::join_all(stacks.into_iter().map(|s| async move {
        openstack::orchestration::delete_stack(api, &s.name, &s.id)
            .await
            .err()
            .map(|e| DeleteFailure {
                name: s.name,
                error: e.into(),
            })
    }))
    .await;
    Ok(results.into_iter().flatten().collect())
}

/// "5 minutes ago", in the user's language.
fn ago(seconds: i64) -> String {
    let s = seconds.max(0);
    let age = match s {
        0..60 => tr_count("age-seconds", "n", s),
        60..3600 => tr_count("age-minutes", "n", s / 60),
        3600..86400 => tr_count("age-hours", "n", s / 3600),
        _ => tr_count("age-days", "n", s / 86400),
    };
    tr_dynamic_args("stacks-ago", &[("age", age)])
}

#[component]
pub fn StacksPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let args = move || (param("marker"), param("name"), param("status"));
    let stacks = Resource::new(args, |(marker, name, status)| {
        stacks_list(marker, name, status)
    });

    // While any stack is changing, refresh every few seconds: one timer for
    // the page, reading the data untracked, so a refetch never adds another.
    #[cfg(feature = "hydrate")]
    {
        let timer = set_interval_with_handle(
            move || {
                let busy = stacks
                    .get_untracked()
                    .and_then(|r| r.ok())
                    .is_some_and(|p| {
                        p.items
                            .iter()
                            .any(|s| super::status::in_progress(&s.status))
                    });
                if busy {
                    stacks.refetch();
                }
            },
            std::time::Duration::from_secs(3),
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }

    // Selected rows by id, with their names; survives refreshes.
    let selected = RwSignal::new(BTreeMap::<String, String>::new());
    // The stacks the confirmation is about.
    let confirming = RwSignal::new(None::<Vec<StackTarget>>);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let failures = RwSignal::new(Vec::<DeleteFailure>::new());
    // How many deletions were started, for the notice.
    let started = RwSignal::new(None::<usize>);

    let run_delete = move |targets: Vec<StackTarget>| {
        confirming.set(None);
        busy.set(true);
        error.set(None);
        failures.set(Vec::new());
        started.set(None);
        let count = targets.len();
        leptos::task::spawn_local(async move {
            match stacks_delete(targets).await {
                Ok(failed) => {
                    started.set(Some(count - failed.len()).filter(|n| *n > 0));
                    failures.set(failed);
                    selected.set(BTreeMap::new());
                }
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
            stacks.refetch();
        });
    };
    let delete_selected = move |_| {
        let targets: Vec<StackTarget> = selected.with_untracked(|s| {
            s.iter()
                .map(|(id, name)| StackTarget {
                    name: name.clone(),
                    id: id.clone(),
                })
                .collect()
        });
        if !targets.is_empty() {
            confirming.set(Some(targets));
        }
    };

    let status_error = move || {
        status_filter(&param("status"))
            .err()
            .map(|e| tr_dynamic(e.message_key()))
    };

    view! {
        <PageHeader title=move_tr!("stacks-title") description=move_tr!("stacks-description")/>
        <div class="mb-4 flex flex-wrap items-end justify-between gap-3">
            // A GET form: the filter lives in the URL, so it can be shared and reloaded.
            <Form method="GET" action="" attr:class="flex flex-wrap items-end gap-3" attr:data-testid="stacks-filter">
                <div class="space-y-1">
                    <label for="stacks-name" class="block text-sm font-medium">{move_tr!("stacks-filter-name")}</label>
                    <input id="stacks-name" name="name" type="search" value=move || param("name")
                        data-testid="stacks-filter-name" aria-describedby="stacks-name-help"
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-sky-600"/>
                    <p id="stacks-name-help" class="text-xs text-slate-500">{move_tr!("stacks-filter-name-help")}</p>
                </div>
                <div class="space-y-1">
                    <label for="stacks-status" class="block text-sm font-medium">{move_tr!("stacks-filter-status")}</label>
                    <select id="stacks-status" name="status" class=SELECT aria-describedby="stacks-status-error"
                        data-testid="stacks-filter-status">
                        <option value="">{move_tr!("stacks-any-status")}</option>
                        {STATUS_FILTERS.into_iter().map(|s| view! {
                            <option value=s selected=move || param("status").eq_ignore_ascii_case(s)>{move || tr_dynamic(status_filter_key(s))}</option>
                        }).collect_view()}
                    </select>
                    <p id="stacks-status-error" class="text-sm text-red-700" role="alert">{status_error}</p>
                </div>
                <button type="submit" class=BUTTON data-testid="stacks-filter-apply">{move_tr!("stacks-filter-apply")}</button>
            </Form>
            <div class="flex flex-wrap gap-2">
                <A href="/project/stacks/starters" attr:class="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
                    attr:data-testid="stack-starters">
                    {move_tr!("stacks-starters")}
                </A>
                <A href="/project/stacks/launch" attr:class=BUTTON attr:data-testid="launch-stack">
                    {move_tr!("stacks-launch")}
                </A>
            </div>
        </div>
        <div class="mb-3 flex flex-wrap items-center gap-3">
            <button type="button" data-testid="stacks-delete-selected"
                class="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm text-red-800 disabled:opacity-50"
                disabled=move || busy.get() || selected.with(|s| s.is_empty())
                on:click=delete_selected>
                {move || tr_count("stacks-delete-selected", "count", selected.with(|s| s.len()) as i64)}
            </button>
            {move || started.get().map(|n| view! {
                <p role="status" class="text-sm text-green-800" data-testid="stacks-delete-started">
                    {tr_count("stacks-delete-started", "count", n as i64)}
                </p>
            })}
        </div>
        {move || confirming.get().map(|targets| {
            let names: Vec<String> = targets.iter().map(|t| t.name.clone()).collect();
            let message = tr_count("stacks-confirm-delete", "count", targets.len() as i64);
            view! {
                <ConfirmPanel message=message names=names destructive=true pending=busy
                    on_confirm=Callback::new(move |_| run_delete(targets.clone()))
                    on_cancel=Callback::new(move |_| confirming.set(None))/>
            }
        })}
        <ErrorBanner error=error/>
        {move || {
            let failed = failures.get();
            (!failed.is_empty()).then(|| view! {
                <div role="alert" class="mb-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="stacks-delete-failures">
                    <p class="font-medium">{tr_count("stacks-delete-failed", "count", failed.len() as i64)}</p>
                    <ul class="mt-1 list-inside list-disc">
                        {failed.into_iter().map(|f| view! {
                            <li><span class="font-medium">{f.name}</span>": "{error_text(&f.error)}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let result = stacks.await;
                // A bad filter is explained at its field.
                if matches!(result, Err(AppError::InvalidInput { .. })) {
                    return ().into_any();
                }
                fetched(result, move |page| {
                    if page.items.is_empty() {
                        return view! {
                            <p class="text-sm text-slate-600" data-testid="stacks-empty">{move_tr!("stacks-empty")}</p>
                        }.into_any();
                    }
                    let next = page.next.clone();
                    let rows: Vec<(String, String)> = page.items.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
                    let all_checked = {
                        let rows = rows.clone();
                        move || selected.with(|s| rows.iter().all(|(id, _)| s.contains_key(id)))
                    };
                    let toggle_all = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            for (id, name) in &rows {
                                if on {
                                    s.insert(id.clone(), name.clone());
                                } else {
                                    s.remove(id);
                                }
                            }
                        });
                    };
                    let first = move || query_string(&[("name", param("name")), ("status", param("status"))]);
                    view! {
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class=TABLE data-testid="stacks-table">
                                <thead class="bg-slate-50">
                                    <tr>
                                        <th class=TH scope="col">
                                            <input type="checkbox" aria-label=move_tr!("stacks-select-all")
                                                data-testid="stacks-select-all" prop:checked=all_checked on:change=toggle_all/>
                                        </th>
                                        <th class=TH scope="col">{move_tr!("stacks-name")}</th>
                                        <th class=TH scope="col">{move_tr!("stacks-status")}</th>
                                        <th class=TH scope="col">{move_tr!("stacks-created")}</th>
                                        <th class=TH scope="col">{move_tr!("stacks-updated")}</th>
                                        <th class=TH scope="col">{move_tr!("stacks-description-column")}</th>
                                        <th class=TH scope="col">{move_tr!("common-actions")}</th>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-100">
                                    {page.items.into_iter().map(|r| stack_row(r, selected, confirming, busy)).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                            <a href=first class="text-sky-700 underline" data-testid="stacks-first">{move_tr!("stacks-first-page")}</a>
                            {next.map(|m| view! {
                                <a href=move || {
                                    query_string(&[("name", param("name")), ("status", param("status")), ("marker", m.clone())])
                                } class="text-sky-700 underline" data-testid="stacks-next">{move_tr!("common-next")}</a>
                            })}
                        </nav>
                    }.into_any()
                })
            })}
        </Transition>
    }
}

fn stack_row(
    r: StackRow,
    selected: RwSignal<BTreeMap<String, String>>,
    confirming: RwSignal<Option<Vec<StackTarget>>>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let (id, name) = (r.id.clone(), r.name.clone());
    let checked = {
        let id = id.clone();
        move || selected.with(|s| s.contains_key(&id))
    };
    let toggle = {
        let (id, name) = (id.clone(), name.clone());
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            selected.update(|s| {
                if on {
                    s.insert(id.clone(), name.clone());
                } else {
                    s.remove(&id);
                }
            });
        }
    };
    let target = StackTarget {
        name: name.clone(),
        id: id.clone(),
    };
    let href = stack_href(&r.name, &r.id);
    let (created, created_age) = (r.created.clone(), r.created_age);
    let (updated, updated_age) = (r.updated.clone(), r.updated_age);
    let select_label = name.clone();
    let deleting = r.status == "DELETE_IN_PROGRESS";
    view! {
        <tr data-testid="stack-row" data-name=name.clone() data-id=id.clone()>
            <td class=TD>
                <input type="checkbox" aria-label=select_label data-testid="stack-select"
                    prop:checked=checked on:change=toggle/>
            </td>
            <td class=format!("{TD} min-w-40 font-medium")>
                <A href=href attr:class="[overflow-wrap:anywhere] text-sky-700 hover:underline" attr:data-testid="stack-link">{r.name}</A>
            </td>
            <td class=TD data-testid="stack-status" title=r.status_reason>
                <StackStatusBadge status=r.status.clone()/>
            </td>
            <td class=format!("{TD} whitespace-nowrap") data-testid="stack-created">
                <span class="block">{created}</span>
                {created_age.map(|a| view! { <span class="block text-xs text-slate-500">{move || ago(a)}</span> })}
            </td>
            <td class=format!("{TD} whitespace-nowrap") data-testid="stack-updated">
                <span class="block">{updated}</span>
                {updated_age.map(|a| view! { <span class="block text-xs text-slate-500">{move || ago(a)}</span> })}
            </td>
            <td class=format!("{TD} max-w-md [overflow-wrap:anywhere] text-slate-600")>{r.description}</td>
            <td class=format!("{TD} whitespace-nowrap")>
                <button type="button" class="text-red-800 underline disabled:opacity-50" data-testid="stack-delete"
                    disabled=move || { busy.get() || deleting }
                    on:click=move |_| confirming.set(Some(vec![target.clone()]))>
                    {move_tr!("stacks-delete")}
                </button>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_filter_takes_heat_states_only() {
        assert_eq!(status_filter(""), Ok(None));
        assert_eq!(status_filter(" failed "), Ok(Some("FAILED".into())));
        assert_eq!(status_filter("IN_PROGRESS"), Ok(Some("IN_PROGRESS".into())));
        assert_eq!(
            status_filter("CREATE_COMPLETE"),
            Err(AppError::invalid("status", "stacks-status-invalid"))
        );
    }

    #[test]
    fn stack_links_encode_name_and_id() {
        assert_eq!(stack_href("web", "a-1"), "/project/stacks/web/a-1");
        assert_eq!(stack_href("a.b", "x/y"), "/project/stacks/a.b/x%2Fy");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn heat_times_parse_with_or_without_zone() {
        assert!(parse_time("2026-01-02T03:04:05Z").is_some());
        assert!(parse_time("2026-01-02T03:04:05").is_some());
        assert!(parse_time("2026-01-02T03:04:05.123456").is_some());
        assert!(parse_time("soon").is_none());
    }
}
