//! Project → Compute → Instances: the project's servers, paged by Nova.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::i18n::tr_dynamic;
use crate::ui::{error_text, fetched, DataTable, Loading, PageHeader, BUTTON, SELECT, TD};

/// The statuses a user can filter by, as Nova names them.
pub const STATUSES: [&str; 9] = [
    "ACTIVE",
    "BUILD",
    "SHUTOFF",
    "PAUSED",
    "SUSPENDED",
    "SHELVED_OFFLOADED",
    "VERIFY_RESIZE",
    "REBOOT",
    "ERROR",
];

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
}

impl InstanceRow {
    /// Whether the server is between states, so its row should refresh.
    pub fn is_transitional(&self) -> bool {
        !self.task_state.is_empty()
            || matches!(
                self.status.as_str(),
                "BUILD" | "REBOOT" | "HARD_REBOOT" | "RESIZE" | "MIGRATING"
            )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstancePage {
    pub items: Vec<InstanceRow>,
    /// The marker of the next page, if there is one.
    pub next: Option<String>,
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

/// One page of the project's servers, filtered on the server by Nova.
#[server(endpoint = "list_instances")]
pub async fn list_instances(
    marker: String,
    name: String,
    status: String,
) -> Result<InstancePage, AppError> {
    use openstack::compute::{self, ServerFilter};

    let status = status.trim().to_ascii_uppercase();
    if !status.is_empty() && !STATUSES.contains(&status.as_str()) {
        return Err(AppError::invalid("status", "instances-status-invalid"));
    }
    let (_, api) = crate::ssr::session::require().await?;
    let prefs = crate::ssr::prefs::current();
    let filter = ServerFilter {
        name: Some(name.trim())
            .filter(|n| !n.is_empty())
            .map(regex_literal),
        status: Some(status).filter(|s| !s.is_empty()),
        limit: Some(prefs.page_size),
        marker: Some(marker).filter(|m| !m.is_empty()),
        ..Default::default()
    };
    let (servers, next) = compute::list_servers_page(&api, &filter).await?;
    // Name the images in one request; a cloud without Glance still lists servers.
    let ids: Vec<String> = servers.iter().map(|s| s.image.clone()).collect();
    let images = openstack::image::images_by_id(&api, &ids)
        .await
        .unwrap_or_default();
    let image_name = |id: &str| {
        images
            .iter()
            .find(|i| i.id == id)
            .and_then(|i| i.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let items = servers
        .into_iter()
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
            image: image_name(&s.image),
            status: s.status,
            name: s.name,
            id: s.id,
        })
        .collect();
    Ok(InstancePage { items, next })
}

/// The translated name of a Nova status; unknown ones as Nova says them.
fn status_text(status: &str) -> String {
    let key = format!("status-{}", status.to_ascii_lowercase().replace('_', "-"));
    let text = tr_dynamic(&key);
    if text.starts_with("Unknown localization") {
        status.to_string()
    } else {
        text
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "ACTIVE" => "bg-green-100 text-green-900",
        "ERROR" => "bg-red-100 text-red-900",
        "SHUTOFF" | "SHELVED_OFFLOADED" | "SUSPENDED" | "PAUSED" => "bg-slate-200 text-slate-800",
        _ => "bg-amber-100 text-amber-900",
    }
}

/// Nova's power states by number.
fn power_text(state: Option<i64>) -> String {
    let key = match state {
        Some(1) => "power-running",
        Some(3) => "power-paused",
        Some(4) => "power-shutdown",
        Some(6) => "power-crashed",
        Some(7) => "power-suspended",
        _ => "power-nostate",
    };
    tr_dynamic(key)
}

#[component]
pub fn InstancesPage() -> impl IntoView {
    let query = use_query_map();
    let param = move |key: &str| query.read().get(key).unwrap_or_default();
    let args = move || (param("marker"), param("name"), param("status"));
    let servers = Resource::new(args, |(marker, name, status)| {
        list_instances(marker, name, status)
    });

    // Rows between states refresh by themselves until they settle.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let busy = servers
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|p| p.items.iter().any(InstanceRow::is_transitional));
        if busy {
            set_timeout(move || servers.refetch(), std::time::Duration::from_secs(2));
        }
    });

    let filter_error = Signal::derive(move || match servers.get() {
        Some(Err(e @ AppError::InvalidInput { .. })) => Some(error_text(&e)),
        _ => None,
    });

    view! {
        <PageHeader title=move_tr!("instances-title") description=move_tr!("instances-description")/>
        // A GET form: the filter lives in the URL, so it can be shared and reloaded.
        <Form method="GET" action="" attr:class="mb-4 flex flex-wrap items-end gap-3" attr:data-testid="instances-filter">
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
                <p id="instances-status-error" class="text-sm text-red-700" role="alert">{filter_error}</p>
            </div>
            <button type="submit" class=BUTTON>{move_tr!("instances-filter-apply")}</button>
        </Form>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let result = servers.await;
                if matches!(result, Err(AppError::InvalidInput { .. })) {
                    return ().into_any();
                }
                fetched(result, |page| {
                    if page.items.is_empty() {
                        return view! { <p class="text-sm text-slate-600" data-testid="instances-empty">{move_tr!("instances-empty")}</p> }.into_any();
                    }
                    let next = page.next.clone();
                    let headers = vec![
                        move_tr!("instances-name"),
                        move_tr!("instances-image"),
                        move_tr!("instances-addresses"),
                        move_tr!("instances-flavor"),
                        move_tr!("instances-key-pair"),
                        move_tr!("instances-status"),
                        move_tr!("instances-availability-zone"),
                        move_tr!("instances-task"),
                        move_tr!("instances-power-state"),
                        move_tr!("instances-created"),
                    ];
                    view! {
                        <DataTable testid="instances-table" headers items=page.items row=|r: InstanceRow| {
                            let status = r.status.clone();
                            let badge = format!("rounded px-2 py-0.5 text-xs font-medium {}", status_class(&status));
                            view! {
                                <tr data-testid="instance-row">
                                    <td class=format!("{TD} whitespace-nowrap font-medium")>{r.name}</td>
                                    <td class=TD>{r.image}</td>
                                    <td class=TD>{r.addresses}</td>
                                    <td class=TD>{r.flavor}</td>
                                    <td class=TD>{r.key_name}</td>
                                    <td class=TD>
                                        <span data-testid="status-badge" class=badge>
                                            {move || status_text(&status)}
                                        </span>
                                    </td>
                                    <td class=TD>{r.availability_zone}</td>
                                    <td class=TD>{r.task_state}</td>
                                    <td class=TD>{move || power_text(r.power_state)}</td>
                                    <td class=format!("{TD} whitespace-nowrap")>{r.created}</td>
                                </tr>
                            }
                        }/>
                        <nav class="mt-3 flex gap-3 text-sm" aria-label=move_tr!("common-pagination")>
                            <a href="?" class="text-sky-700 underline">{move_tr!("instances-first-page")}</a>
                            {next.map(|m| view! {
                                <a href=format!("?marker={m}") class="text-sky-700 underline" data-testid="instances-next">{move_tr!("common-next")}</a>
                            })}
                        </nav>
                    }
                    .into_any()
                })
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_names_are_literal_for_nova() {
        assert_eq!(regex_literal("web-1"), "web-1");
        assert_eq!(regex_literal("a.b(c)*"), "a\\.b\\(c\\)\\*");
    }
}
