//! Admin → System information: the services and endpoints Keystone knows.

use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::error::AppError;
use crate::model::ServiceRow;
use crate::ui::{fetched, DataTable, Loading, PageHeader, TD};

/// Every endpoint of every service, from Keystone's admin API.
#[server(endpoint = "admin_endpoints")]
pub async fn admin_endpoints() -> Result<Vec<ServiceRow>, AppError> {
    use openstack::identity;
    let (_, api) = crate::ssr::session::require_admin().await?;
    let (services, endpoints) = tokio::join!(
        identity::list_services(&api),
        identity::list_endpoints(&api)
    );
    let services = services?;
    let mut rows: Vec<ServiceRow> = endpoints?
        .into_iter()
        .map(|e| {
            let service = services.iter().find(|s| s.id == e.service_id);
            ServiceRow {
                service_type: service.map(|s| s.service_type.clone()).unwrap_or_default(),
                name: service.and_then(|s| s.name.clone()).unwrap_or_default(),
                interface: e.interface,
                region: e.region_id.or(e.region).unwrap_or_default(),
                url: e.url,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.service_type, &a.region, &a.interface).cmp(&(&b.service_type, &b.region, &b.interface))
    });
    Ok(rows)
}

#[component]
pub fn SystemInfoPage() -> impl IntoView {
    let endpoints = Resource::new(|| (), |_| admin_endpoints());
    view! {
        <PageHeader title=move_tr!("system-title") description=move_tr!("system-description")/>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                fetched(endpoints.await, |rows| {
                    let headers = vec![
                        move_tr!("overview-service-name"),
                        move_tr!("overview-service-type"),
                        move_tr!("system-interface"),
                        move_tr!("overview-region"),
                        move_tr!("overview-service-endpoint"),
                    ];
                    view! {
                        <DataTable testid="endpoints-table" headers items=rows row=|r: ServiceRow| view! {
                            <tr>
                                <td class=TD>{r.name}</td>
                                <td class=TD>{r.service_type}</td>
                                <td class=TD>{r.interface}</td>
                                <td class=TD>{r.region}</td>
                                <td class=format!("{TD} break-all font-mono text-xs")>{r.url}</td>
                            </tr>
                        }/>
                    }
                    .into_any()
                })
            })}
        </Suspense>
    }
}
