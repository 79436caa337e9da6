use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::error::AppError;
use crate::model::{Page, UserRow};
use crate::ui::{fetched, yes_no, DataTable, Loading, PageHeader, Pager, TD};

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
                fetched(users.await, |p| {
                    let (current_page, pages) = (p.page, p.pages);
                    let headers = vec![
                        move_tr!("users-name"),
                        move_tr!("users-domain"),
                        move_tr!("users-email"),
                        move_tr!("users-enabled"),
                        move_tr!("users-id"),
                    ];
                    view! {
                        <DataTable testid="users-table" headers items=p.items row=|r: UserRow| view! {
                            <tr>
                                <td class=TD>{r.name}</td>
                                <td class=TD>{r.domain}</td>
                                <td class=TD>{r.email}</td>
                                <td class=TD>{yes_no(r.enabled)}</td>
                                <td class=format!("{TD} font-mono text-xs")>{r.id}</td>
                            </tr>
                        }/>
                        <Pager page=Signal::derive(move || current_page) pages=Signal::derive(move || pages) on_page=go/>
                    }
                    .into_any()
                })
            })}
        </Transition>
    }
}
