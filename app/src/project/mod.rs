//! Project → Overview.

mod quota;
mod usage;

pub use quota::{project_quota, QuotaUsage};
pub use usage::{project_usage, UsageSummary};

use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::error::AppError;
use crate::model::ServiceRow;
use crate::shell::use_session;
use crate::ui::{fetched, DataTable, Loading, PageHeader, CARD, TD};

/// The services of the session's region, with the endpoints Zenith uses.
#[server(endpoint = "project_services")]
pub async fn project_services() -> Result<Vec<ServiceRow>, AppError> {
    let (login, _) = crate::ssr::session::require().await?;
    let interface = crate::ssr::Backend::current()?.interface;
    let mut rows: Vec<ServiceRow> = login
        .token
        .catalog
        .services
        .iter()
        .filter_map(|s| {
            let endpoint = s.endpoints.iter().find(|e| {
                e.region_name() == Some(login.region.as_str())
                    && e.interface.parse::<openstack::Interface>().ok() == Some(interface)
            })?;
            Some(ServiceRow {
                service_type: s.service_type.clone(),
                name: s.name.clone(),
                interface: endpoint.interface.clone(),
                region: login.region.clone(),
                url: endpoint.url.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.service_type.cmp(&b.service_type));
    Ok(rows)
}

#[component]
pub fn Overview() -> impl IntoView {
    let info = use_session();
    let services = Resource::new(|| (), |_| project_services());
    let lang = crate::i18n::current_language;
    view! {
        <PageHeader title=move_tr!("overview-title") description=move_tr!("overview-description")/>
        {move || info.get().and_then(|r| r.ok()).map(|info| {
            let roles = info.roles.join(", ");
            view! {
                <div class="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
                    <div class=CARD>
                        <h2 class="text-sm text-slate-500">{move_tr!("overview-project")}</h2>
                        <p class="mt-1 text-lg font-semibold" data-testid="overview-project">{info.project.name.clone()}</p>
                        <p class="text-xs text-slate-500">{move_tr!("overview-domain", { "domain" => info.project.domain_name.clone() })}</p>
                    </div>
                    <div class=CARD>
                        <h2 class="text-sm text-slate-500">{move_tr!("overview-roles")}</h2>
                        <p class="mt-1 font-medium">{roles}</p>
                    </div>
                    <div class=CARD>
                        <h2 class="text-sm text-slate-500">{move_tr!("overview-region")}</h2>
                        <p class="mt-1 font-medium">{info.region.clone()}</p>
                        <p class="text-xs text-slate-500">{
                            let n = info.regions.len() as i64;
                            move_tr!("overview-regions-count", { "count" => n, "formatted" => crate::format::format_number(n, &lang()) })
                        }</p>
                    </div>
                    <div class=CARD>
                        <h2 class="text-sm text-slate-500">{move_tr!("overview-session")}</h2>
                        <p class="mt-1 font-medium" data-testid="overview-expires">{info.expires_at_display.clone()}</p>
                    </div>
                </div>
            }
        })}
        <quota::QuotaCharts/>
        <usage::UsageSection/>
        <section class="mt-8">
            <h2 class="mb-2 text-lg font-semibold">{move_tr!("overview-services")}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(services.await, |rows| {
                        let count = rows.len() as i64;
                        let headers = vec![
                            move_tr!("overview-service-type"),
                            move_tr!("overview-service-name"),
                            move_tr!("overview-service-endpoint"),
                        ];
                        view! {
                            <p class="mb-2 text-sm text-slate-600" data-testid="services-count">
                                {move_tr!("overview-services-count", { "count" => count, "formatted" => crate::format::format_number(count, &lang()) })}
                            </p>
                            <DataTable testid="services-table" headers items=rows row=|r: ServiceRow| view! {
                                <tr>
                                    <td class=TD>{r.service_type}</td>
                                    <td class=TD>{r.name}</td>
                                    <td class=format!("{TD} break-all font-mono text-xs")>{r.url}</td>
                                </tr>
                            }/>
                        }
                        .into_any()
                    })
                })}
            </Suspense>
        </section>
    }
}
