use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::error::AppError;
use crate::model::{Page, ProjectRow};
use crate::ui::{fetched, yes_no, DataTable, Loading, PageHeader, Pager, TD};

/// The projects the user may see: all of them for an admin, else their own.
#[server(endpoint = "list_projects")]
pub async fn list_projects(page: u32) -> Result<Page<ProjectRow>, AppError> {
    use openstack::identity;
    let (login, api) = crate::ssr::session::require().await?;
    let current = login.token.project.as_ref().map(|p| p.id.clone());
    let rows: Vec<ProjectRow> = if login.token.is_admin() {
        let filter = identity::ProjectFilter::default();
        let (projects, domains) = tokio::join!(
            identity::list_projects(&api, &filter),
            identity::list_domains(&api)
        );
        let domains = domains?;
        projects?
            .into_iter()
            .map(|p| ProjectRow {
                domain: domains
                    .iter()
                    .find(|d| d.id == p.domain_id)
                    .map(|d| d.name.clone())
                    .unwrap_or_else(|| p.domain_id.clone()),
                current: current.as_deref() == Some(p.id.as_str()),
                id: p.id,
                name: p.name,
                description: p.description.unwrap_or_default(),
                enabled: p.enabled,
            })
            .collect()
    } else {
        login
            .projects
            .iter()
            .map(|p| ProjectRow {
                id: p.id.clone(),
                name: p.name.clone(),
                domain: p.domain_name.clone(),
                description: String::new(),
                enabled: true,
                current: current.as_deref() == Some(p.id.as_str()),
            })
            .collect()
    };
    let mut rows = rows;
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Page::of(rows, page, crate::ssr::prefs::current().page_size))
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    let (page, go) = super::page_param();
    let projects = Resource::new(move || page.get(), list_projects);
    view! {
        <PageHeader title=move_tr!("projects-title") description=move_tr!("projects-description")/>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                fetched(projects.await, |p| {
                    let (current_page, pages) = (p.page, p.pages);
                    let headers = vec![
                        move_tr!("projects-name"),
                        move_tr!("projects-domain"),
                        move_tr!("projects-description-column"),
                        move_tr!("projects-enabled"),
                        move_tr!("projects-id"),
                    ];
                    view! {
                        <DataTable testid="projects-table" headers items=p.items row=|r: ProjectRow| view! {
                            <tr>
                                <td class=TD>
                                    {r.name}
                                    {r.current.then(|| view! {
                                        <span class="ml-2 rounded bg-sky-100 px-1.5 py-0.5 text-xs text-sky-900">{move_tr!("projects-current")}</span>
                                    })}
                                </td>
                                <td class=TD>{r.domain}</td>
                                <td class=TD>{r.description}</td>
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
