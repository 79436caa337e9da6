//! Project → Compute → Instances: the project's servers, paged, filtered and
//! sorted by Nova, with bulk actions.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use super::action::{ActionFailure, BulkActionBar, InstanceAction};
use super::status::{age_text, is_transitional, power_text, status_text, task_text, StatusBadge};
use super::STATUSES;
use crate::error::AppError;
use crate::ui::{fetched, query_string, Loading, PageHeader, BUTTON, SELECT, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstanceRow {
    pub id: String,
    pub name: String,
    pub image: String,
    pub addresses: String,
    pub flavor: String,
    pub key_name: String,
    pub status: String,
    pub availability_zone: String,
    pub task_state: String,
    pub power_state: Option<i64>,
    pub created: String,
    pub age_secs: i64,
    pub locked: bool,
    /// The project's name, filled in only on the all-projects list.
    pub project: String,
}

impl InstanceRow {
    pub fn is_transitional(&self) -> bool {
        is_transitional(&self.status, &self.task_state)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstancePage {
    pub items: Vec<InstanceRow>,
    /// The marker of the next page, if there is one.
    pub next: Option<String>,
}

/// The columns a user can sort by, and Nova's `sort_key` for each.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub const SORT_KEYS: [(&str, &str); 7] = [
    ("name", "display_name"),
    ("status", "vm_state"),
    ("created", "created_at"),
    ("zone", "availability_zone"),
    ("key", "key_name"),
    ("task", "task_state"),
    ("power", "power_state"),
];

/// `name` sorts ascending, `-name` descending; `None` for an unknown column.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn parse_sort(sort: &str) -> Option<(&'static str, &'static str)> {
    let (column, dir) = match sort.strip_prefix('-') {
        Some(c) => (c, "desc"),
        None => (sort, "asc"),
    };
    SORT_KEYS
        .iter()
        .find(|(c, _)| *c == column)
        .map(|(_, key)| (*key, dir))
}

/// Nova filters names by regular expression; the user types plain text.
#[cfg_attr(not(feature = "ssr"), allow(dead_code))]
pub fn regex_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One page of the project's servers (or, for an admin with `all`, every
/// project's), filtered and sorted by Nova.
#[server(endpoint = "list_instances")]
pub async fn list_instances(
    marker: String,
    name: String,
    status: String,
    sort: String,
    all: bool,
) -> Result<InstancePage, AppError> {
    use openstack::compute::{self, ServerFilter};

    let status = status.trim().to_ascii_uppercase();
    if !status.is_empty() && !STATUSES.contains(&status.as_str()) {
        return Err(AppError::invalid("status", "instances-status-invalid"));
    }
    let sort = match sort.trim() {
        "" => None,
        s => {
            Some(parse_sort(s).ok_or_else(|| AppError::invalid("sort", "instances-sort-invalid"))?)
        }
    };
    let (_, api) = if all {
        crate::ssr::session::require_admin().await?
    } else {
        crate::ssr::session::require().await?
    };
    let prefs = crate::ssr::prefs::current();
    let filter = ServerFilter {
        all_tenants: all,
        name: Some(name.trim())
            .filter(|n| !n.is_empty())
            .map(regex_literal),
        status: Some(status).filter(|s| !s.is_empty()),
        limit: (prefs.page_size > 0).then_some(prefs.page_size),
        marker: Some(marker).filter(|m| !m.is_empty()),
        sort_key: sort.map(|(k, _)| k.to_string()),
        sort_dir: sort.map(|(_, d)| d.to_string()),
        ..Default::default()
    };
    let (servers, next) = if prefs.page_size > 0 {
        compute::list_servers_page(&api, &filter).await?
    } else {
        (compute::list_servers(&api, &filter).await?, None)
    };
    // Name the images in one request; a cloud without Glance still lists servers.
    let ids: Vec<String> = servers.iter().map(|s| s.image.clone()).collect();
    let images = openstack::image::images_by_id(&api, &ids)
        .await
        .unwrap_or_default();
    let image_name: BTreeMap<&str, &str> = images
        .iter()
        .filter_map(|i| Some((i.id.as_str(), i.name.as_deref()?)))
        .collect();
    // Project names for the all-projects list; ids if Keystone will not say.
    let projects: BTreeMap<String, String> = if all {
        openstack::identity::list_projects(&api, &Default::default())
            .await
            .map(|ps| ps.into_iter().map(|p| (p.id, p.name)).collect())
            .unwrap_or_default()
    } else {
        BTreeMap::new()
    };
    let now = chrono::Utc::now();
    let items = servers
        .iter()
        .map(|s| InstanceRow {
            addresses: s
                .addresses
                .values()
                .flatten()
                .map(|a| a.addr.clone())
                .collect::<Vec<_>>()
                .join(", "),
            flavor: s.flavor.original_name.clone(),
            key_name: s.key_name.clone().unwrap_or_default(),
            availability_zone: s.availability_zone.clone().unwrap_or_default(),
            task_state: s.task_state.clone().unwrap_or_default(),
            power_state: s.power_state,
            created: s
                .created
                .map(|c| crate::format::format_datetime(c, &prefs.language, &prefs.timezone))
                .unwrap_or_default(),
            age_secs: s.created.map(|c| (now - c).num_seconds()).unwrap_or(0),
            image: image_name
                .get(s.image.as_str())
                .map(|n| n.to_string())
                .unwrap_or_else(|| s.image.clone()),
            status: s.status.clone(),
            name: s.name.clone(),
            id: s.id.clone(),
            locked: s.locked,
            project: if all {
                projects
                    .get(&s.tenant_id)
                    .cloned()
                    .unwrap_or_else(|| s.tenant_id.clone())
            } else {
                String::new()
            },
        })
        .collect();
    Ok(InstancePage { items, next })
}

/// A column heading that sorts by its column; a second click reverses.
#[component]
fn SortHeader(
    column: &'static str,
    label: Signal<String>,
    current: Memo<String>,
    href: Callback<String, String>,
) -> impl IntoView {
    let next = move || {
        if current.get() == column {
            format!("-{column}")
        } else {
            column.to_string()
        }
    };
    let aria = move || {
        let c = current.get();
        if c == column {
            "ascending"
        } else if c == format!("-{column}") {
            "descending"
        } else {
            "none"
        }
    };
    let arrow = move || match aria() {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    view! {
        <th class=TH scope="col" aria-sort=aria>
            <a class="hover:underline" href=move || href.run(next()) data-testid=format!("sort-{column}")>
                {label}<span aria-hidden="true">{arrow}</span>
            </a>
        </th>
    }
}

/// Admin → Compute → All instances: every project's servers, with the
/// project column and the same actions.
#[component]
pub fn AllInstancesPage() -> impl IntoView {
    view! { <InstanceList all=true/> }
}

#[component]
pub fn InstancesPage() -> impl IntoView {
    view! { <InstanceList all=false/> }
}

/// The list; `all` shows every project's servers (admins only), with a
/// project column.
#[component]
fn InstanceList(all: bool) -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let args = move || {
        (
            param("marker"),
            param("name"),
            param("status"),
            param("sort"),
        )
    };
    let servers = Resource::new(args, move |(marker, name, status, sort)| {
        list_instances(marker, name, status, sort, all)
    });
    let sort = Memo::new(move |_| param("sort"));
    // A sort link keeps the filters and starts again at the first page.
    let sort_href = Callback::new(move |s: String| {
        query_string(&[
            ("name", param("name")),
            ("status", param("status")),
            ("sort", s),
        ])
    });

    // While any row is between states, refresh the page every few seconds.
    // One timer for the page's lifetime, reading the data untracked, so a
    // refetch can never schedule another one.
    #[cfg(feature = "hydrate")]
    {
        let timer = set_interval_with_handle(
            move || {
                let busy = servers
                    .get_untracked()
                    .and_then(|r| r.ok())
                    .is_some_and(|p| p.items.iter().any(InstanceRow::is_transitional));
                if busy {
                    servers.refetch();
                }
            },
            std::time::Duration::from_secs(3),
        );
        if let Ok(timer) = timer {
            on_cleanup(move || timer.clear());
        }
    }

    // The filter's status is checked here too, so the message sits at the field.
    let status_error = move || {
        let s = param("status");
        (!s.is_empty() && !STATUSES.contains(&s.to_ascii_uppercase().as_str()))
            .then(|| crate::i18n::tr_dynamic("instances-status-invalid"))
    };

    // Selected rows by id, with their names for the confirmation.
    let selected = RwSignal::new(BTreeMap::<String, String>::new());
    let on_done = Callback::new(move |_: Vec<ActionFailure>| servers.refetch());

    view! {
        {if all {
            view! { <PageHeader title=move_tr!("all-instances-title") description=move_tr!("all-instances-description")/> }
        } else {
            view! { <PageHeader title=move_tr!("instances-title") description=move_tr!("instances-description")/> }
        }}
        <div class="mb-4 flex flex-wrap items-end justify-between gap-3">
            // A GET form: the filter lives in the URL, so it can be shared and reloaded.
            <Form method="GET" action="" attr:class="flex flex-wrap items-end gap-3" attr:data-testid="instances-filter">
                <div class="space-y-1">
                    <label for="instances-name" class="block text-sm font-medium">{move_tr!("instances-filter-name")}</label>
                    <input id="instances-name" name="name" type="search" value=move || param("name")
                        class="rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-sky-600"/>
                </div>
                <div class="space-y-1">
                    <label for="instances-status" class="block text-sm font-medium">{move_tr!("instances-filter-status")}</label>
                    <select id="instances-status" name="status" class=SELECT aria-describedby="instances-status-error">
                        <option value="">{move_tr!("instances-any-status")}</option>
                        {STATUSES.into_iter().map(|s| view! {
                            <option value=s selected=move || param("status") == s>{move || status_text(s)}</option>
                        }).collect_view()}
                    </select>
                    <p id="instances-status-error" class="text-sm text-red-700" role="alert">{status_error}</p>
                </div>
                <input type="hidden" name="sort" value=move || param("sort")/>
                <button type="submit" class=BUTTON>{move_tr!("instances-filter-apply")}</button>
            </Form>
            {(!all).then(|| view! {
                <A href="/project/instances/launch" attr:class=BUTTON attr:data-testid="launch-instance">
                    {move_tr!("instances-launch")}
                </A>
            })}
        </div>
        <BulkActionBar selected on_done/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let result = servers.await;
                if matches!(result, Err(AppError::InvalidInput { .. })) {
                    return ().into_any();
                }
                fetched(result, move |page| {
                    if page.items.is_empty() {
                        return view! { <p class="text-sm text-slate-600" data-testid="instances-empty">{move_tr!("instances-empty")}</p> }.into_any();
                    }
                    let next = page.next.clone();
                    let ids: Vec<(String, String)> = page.items.iter().map(|r| (r.id.clone(), r.name.clone())).collect();
                    let all_checked = {
                        let ids = ids.clone();
                        move || selected.with(|s| ids.iter().all(|(id, _)| s.contains_key(id)))
                    };
                    let toggle_all = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        selected.update(|s| {
                            for (id, name) in &ids {
                                if on {
                                    s.insert(id.clone(), name.clone());
                                } else {
                                    s.remove(id);
                                }
                            }
                        });
                    };
                    view! {
                        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                            <table class=TABLE data-testid="instances-table">
                                <thead class="bg-slate-50">
                                    <tr>
                                        <th class=TH scope="col">
                                            <input type="checkbox" aria-label=move_tr!("instances-select-all")
                                                data-testid="select-all" prop:checked=all_checked on:change=toggle_all/>
                                        </th>
                                        <SortHeader column="name" label=move_tr!("instances-name") current=sort href=sort_href/>
                                        {all.then(|| view! { <th class=TH scope="col">{move_tr!("instances-project")}</th> })}
                                        <th class=TH scope="col">{move_tr!("instances-image")}</th>
                                        <th class=TH scope="col">{move_tr!("instances-addresses")}</th>
                                        <th class=TH scope="col">{move_tr!("instances-flavor")}</th>
                                        <SortHeader column="key" label=move_tr!("instances-key-pair") current=sort href=sort_href/>
                                        <SortHeader column="status" label=move_tr!("instances-status") current=sort href=sort_href/>
                                        <SortHeader column="zone" label=move_tr!("instances-availability-zone") current=sort href=sort_href/>
                                        <SortHeader column="task" label=move_tr!("instances-task") current=sort href=sort_href/>
                                        <SortHeader column="power" label=move_tr!("instances-power-state") current=sort href=sort_href/>
                                        <SortHeader column="created" label=move_tr!("instances-age") current=sort href=sort_href/>
                                    </tr>
                                </thead>
                                <tbody class="divide-y divide-slate-100">
                                    {page.items.into_iter().map(|r| instance_row(r, selected, all)).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                            <a href=move || sort_href.run(param("sort")) class="text-sky-700 underline">{move_tr!("instances-first-page")}</a>
                            {next.map(|m| view! {
                                <a href=move || format!("{}&marker={m}", sort_href.run(param("sort"))) class="text-sky-700 underline" data-testid="instances-next">{move_tr!("common-next")}</a>
                            })}
                        </nav>
                    }
                    .into_any()
                })
            })}
        </Transition>
    }
}

fn instance_row(
    r: InstanceRow,
    selected: RwSignal<BTreeMap<String, String>>,
    all: bool,
) -> impl IntoView {
    let (id, name) = (r.id.clone(), r.name.clone());
    let checked = {
        let id = id.clone();
        move || selected.with(|s| s.contains_key(&id))
    };
    let toggle = {
        let id = id.clone();
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
    let task = r.task_state.clone();
    view! {
        <tr data-testid="instance-row" data-id=id.clone()>
            <td class=TD>
                <input type="checkbox" aria-label=format!("{}", r.name) data-testid="select-row"
                    prop:checked=checked on:change=toggle/>
            </td>
            <td class=format!("{TD} whitespace-nowrap font-medium")>
                <A href=format!("/project/instances/{id}") attr:class="text-sky-700 hover:underline">{r.name}</A>
                {r.locked.then(|| view! { <span class="ml-1" title=move_tr!("instances-locked")>"🔒"</span> })}
            </td>
            {all.then(|| view! { <td class=TD data-testid="instance-project">{r.project}</td> })}
            <td class=TD>{r.image}</td>
            <td class=TD>{r.addresses}</td>
            <td class=TD>{r.flavor}</td>
            <td class=TD>{r.key_name}</td>
            <td class=TD><StatusBadge status=r.status/></td>
            <td class=TD>{r.availability_zone}</td>
            <td class=TD data-testid="task-state">{move || task_text(&task)}</td>
            <td class=TD>{move || power_text(r.power_state)}</td>
            <td class=format!("{TD} whitespace-nowrap") title=r.created>{move || age_text(r.age_secs)}</td>
        </tr>
    }
}

/// The actions offered for many servers at once.
pub const BULK_ACTIONS: [InstanceAction; 13] = [
    InstanceAction::Start,
    InstanceAction::Stop,
    InstanceAction::Reboot,
    InstanceAction::HardReboot,
    InstanceAction::Pause,
    InstanceAction::Unpause,
    InstanceAction::Suspend,
    InstanceAction::Resume,
    InstanceAction::Shelve,
    InstanceAction::Unshelve,
    InstanceAction::Lock,
    InstanceAction::Unlock,
    InstanceAction::Delete,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_are_literal_for_nova() {
        assert_eq!(regex_literal("web-1"), "web-1");
        assert_eq!(regex_literal("a.b(c)*"), "a\\.b\\(c\\)\\*");
    }

    #[test]
    fn sort_columns_map_to_nova_keys() {
        assert_eq!(parse_sort("name"), Some(("display_name", "asc")));
        assert_eq!(parse_sort("-created"), Some(("created_at", "desc")));
        assert_eq!(parse_sort("password"), None);
    }
}
