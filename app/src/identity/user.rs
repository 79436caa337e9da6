use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::error::AppError;
use crate::model::{Page, UserRow};
use crate::ui::{ErrorBanner, Loading, PageHeader, Pager, TABLE, TD, TH};

/// Every user of the cloud; admins only.
#[server(endpoint = "list_users")]
pub async fn list_users(page: u32) -> Result<Page<UserRow>, AppError> {
    use openstack::identity;
    let (_, api) = crate::ssr::session::require_admin().await?;
    let filter = identity::UserFilter::default();
    let (users, domains) = tokio::join!(
        identity::list_users(&api, &filter),
        identity::list_domains(&api)
    );
    let domains = domains?;
    let mut rows: Vec<UserRow> = users?
        .into_iter()
        .map(|u| UserRow {
            domain: domains
                .iter()
                .find(|d| d.id == u.domain_id)
                .map(|d| d.name.clone())
                .unwrap_or_else(|| u.domain_id.clone()),
            id: u.id,
            name: u.name,
            email: u.email.unwrap_or_default(),
            enabled: u.enabled,
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Page::of(rows, page, crate::ssr::prefs::current().page_size))
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let (page, go) = super::page_param();
    let users = Resource::new(move || page.get(), list_users);
    view! {
        <PageHeader title=move_tr!("users-title") description=move_tr!("users-description")/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match users.await {
                    Ok(p) => {
                        let (current_page, pages) = (p.page, p.pages);
                        view! {
                            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                                <table class=TABLE data-testid="users-table">
                                    <thead class="bg-slate-50"><tr>
                                        <th class=TH scope="col">{move_tr!("users-name")}</th>
                                        <th class=TH scope="col">{move_tr!("users-domain")}</th>
                                        <th class=TH scope="col">{move_tr!("users-email")}</th>
                                        <th class=TH scope="col">{move_tr!("users-enabled")}</th>
                                        <th class=TH scope="col">{move_tr!("users-id")}</th>
                                    </tr></thead>
                                    <tbody class="divide-y divide-slate-100">
                                        {p.items.into_iter().map(|r| view! {
                                            <tr>
                                                <td class=TD>{r.name}</td>
                                                <td class=TD>{r.domain}</td>
                                                <td class=TD>{r.email}</td>
                                                <td class=TD>{if r.enabled { move_tr!("common-yes") } else { move_tr!("common-no") }}</td>
                                                <td class=format!("{TD} font-mono text-xs")>{r.id}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            <Pager page=Signal::derive(move || current_page) pages=Signal::derive(move || pages) on_page=go/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorBanner error=Signal::derive(move || Some(e.clone()))/> }.into_any(),
                }
            })}
        </Transition>
    }
}
