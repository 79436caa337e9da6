//! Storage health: Cinder's pools when the cloud has volumes, and Swift
//! usage per project, where the admin may see the account.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use super::csv_link;
use crate::error::AppError;
use crate::format::{format_bytes, format_decimal, format_number};
use crate::i18n::{current_language, tr_count, tr_dynamic};
use crate::ui::{fetched, Loading, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountUsage {
    pub project: String,
    pub bytes: u64,
    pub objects: u64,
    pub containers: u64,
    pub quota_bytes: Option<u64>,
}

/// A Cinder back-end pool; capacities in GiB, `None` when the driver
/// reports "unknown" or "infinite".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolRow {
    pub name: String,
    pub backend: String,
    pub protocol: String,
    pub total_gb: Option<f64>,
    pub free_gb: Option<f64>,
    pub allocated_gb: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StorageHealth {
    /// Cinder's pools; `None` when the cloud has no block storage. Their
    /// own error, so that a failing Cinder leaves Swift's table readable.
    pub pools: Option<Result<Vec<PoolRow>, AppError>>,
    /// `false` when the cloud has no object store.
    pub has_object_store: bool,
    pub accounts: Vec<AccountUsage>,
    /// Projects whose account Swift would not show this admin.
    pub hidden: usize,
}

/// Accounts looked at, at most: one HEAD each.
#[cfg(feature = "ssr")]
const MAX_PROJECTS: usize = 100;

#[server(endpoint = "health_storage")]
pub async fn health_storage() -> Result<StorageHealth, AppError> {
    use futures::StreamExt;
    use openstack::{identity, object_store};
    let (_, api) = crate::ssr::session::require_admin().await?;
    let pools = async {
        if api.endpoint("block-storage").is_err() {
            return None;
        }
        Some(
            openstack::block_storage::list_pools(&api)
                .await
                .map(|pools| {
                    pools
                        .into_iter()
                        .map(|p| PoolRow {
                            name: p.name,
                            backend: p.capabilities.volume_backend_name.unwrap_or_default(),
                            protocol: p.capabilities.storage_protocol.unwrap_or_default(),
                            total_gb: p.capabilities.total_capacity_gb,
                            free_gb: p.capabilities.free_capacity_gb,
                            allocated_gb: p.capabilities.allocated_capacity_gb,
                        })
                        .collect()
                })
                .map_err(AppError::from),
        )
    };
    if api.endpoint("object-store").is_err() {
        return Ok(StorageHealth {
            pools: pools.await,
            has_object_store: false,
            accounts: Vec::new(),
            hidden: 0,
        });
    }
    let every_project = identity::ProjectFilter::default();
    let (projects, pools) = tokio::join!(identity::list_projects(&api, &every_project), pools);
    let projects = projects?;
    let api = &api;
    let results: Vec<_> = futures::stream::iter(projects.into_iter().take(MAX_PROJECTS))
        .map(|p| async move {
            let account = object_store::get_project_account(api, &p.id).await;
            (p.name, account)
        })
        .buffer_unordered(4)
        .collect()
        .await;
    let mut accounts = Vec::new();
    let mut hidden = 0;
    for (project, result) in results {
        match result {
            Ok(a) => accounts.push(AccountUsage {
                project,
                bytes: a.bytes_used,
                objects: a.object_count,
                containers: a.container_count,
                quota_bytes: a.quota_bytes,
            }),
            Err(openstack::Error::Unauthorized { .. } | openstack::Error::Forbidden { .. }) => {
                hidden += 1
            }
            // Swift creates accounts on first use: no account is no usage.
            Err(openstack::Error::NotFound { .. }) => accounts.push(AccountUsage {
                project,
                bytes: 0,
                objects: 0,
                containers: 0,
                quota_bytes: None,
            }),
            Err(e) => return Err(e.into()),
        }
    }
    accounts.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.project.cmp(&b.project)));
    Ok(StorageHealth {
        pools,
        has_object_store: true,
        accounts,
        hidden,
    })
}

#[component]
pub fn StorageSection(storage: Resource<Result<StorageHealth, AppError>>) -> impl IntoView {
    view! {
        <section class="mt-8" data-testid="health-storage" aria-labelledby="health-storage-title">
            <h2 id="health-storage-title" class="mb-2 text-lg font-semibold">{move_tr!("health-storage-title")}</h2>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(storage.await, move |s| {
                        let pools = s.pools.clone().map(|p| fetched(p, |pools| view! { <Pools pools/> }.into_any()));
                        if !s.has_object_store {
                            return view! {
                                {pools}
                                <p class="text-sm text-slate-600">{move_tr!("health-no-object-store")}</p>
                            }.into_any();
                        }
                        let rows: Vec<Vec<String>> = s.accounts.iter().map(|a| vec![
                            a.project.clone(), a.bytes.to_string(), a.objects.to_string(), a.containers.to_string(),
                            a.quota_bytes.map(|q| q.to_string()).unwrap_or_default(),
                        ]).collect();
                        let hidden = s.hidden;
                        view! {
                            {pools}
                            <h3 class="mb-1 mt-4 font-medium">{move_tr!("health-swift-title")}</h3>
                            <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                                <table class=TABLE data-testid="swift-usage">
                                    <caption class="sr-only">{move_tr!("health-storage-title")}</caption>
                                    <thead class="bg-slate-50"><tr>
                                        <th class=TH>{move_tr!("health-project")}</th>
                                        <th class=TH>{move_tr!("health-bytes")}</th>
                                        <th class=TH>{move_tr!("health-objects")}</th>
                                        <th class=TH>{move_tr!("health-containers")}</th>
                                        <th class=TH>{move_tr!("health-quota")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {s.accounts.into_iter().map(|a| {
                                            let lang = current_language();
                                            let project = a.project.clone();
                                            view! {
                                                <tr data-testid="swift-account" data-project=project>
                                                    <td class=TD>{a.project}</td>
                                                    <td class=TD>{format_bytes(a.bytes)}</td>
                                                    <td class=TD>{format_number(a.objects as i64, &lang)}</td>
                                                    <td class=TD>{format_number(a.containers as i64, &lang)}</td>
                                                    <td class=TD>{a.quota_bytes.map(format_bytes).unwrap_or_else(|| "—".into())}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {(hidden > 0).then(|| view! {
                                <p class="mt-1 text-sm text-slate-600" data-testid="swift-hidden">{
                                    move || tr_count("health-accounts-hidden", "count", hidden as i64)
                                }</p>
                            })}
                            <p class="mt-2 text-sm">{csv_link("health-object-storage.csv", &[
                                "health-project", "health-csv-bytes", "health-objects", "health-containers", "health-csv-quota-bytes",
                            ], rows)}</p>
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}

/// Cinder's pools: capacity used against total as bars, and a table.
#[component]
fn Pools(pools: Vec<PoolRow>) -> impl IntoView {
    let gb = |v: Option<f64>| {
        v.map(|v| format_decimal(v, &current_language()))
            .unwrap_or_else(|| "—".into())
    };
    let known: Vec<&PoolRow> = pools
        .iter()
        .filter(|p| p.total_gb.is_some() && p.free_gb.is_some())
        .collect();
    let svg = (!known.is_empty()).then(|| {
        crate::chart::bars(
            known.iter().map(|p| p.name.clone()).collect(),
            vec![
                (
                    tr_dynamic("health-used"),
                    known
                        .iter()
                        .map(|p| (p.total_gb.unwrap_or(0.0) - p.free_gb.unwrap_or(0.0)) as f32)
                        .collect(),
                ),
                (
                    tr_dynamic("health-total"),
                    known
                        .iter()
                        .map(|p| p.total_gb.unwrap_or(0.0) as f32)
                        .collect(),
                ),
            ],
        )
    });
    let rows: Vec<Vec<String>> = pools
        .iter()
        .map(|p| {
            vec![
                p.name.clone(),
                p.backend.clone(),
                p.protocol.clone(),
                p.total_gb.map(|v| v.to_string()).unwrap_or_default(),
                p.free_gb.map(|v| v.to_string()).unwrap_or_default(),
                p.allocated_gb.map(|v| v.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    view! {
        <h3 class="mb-1 font-medium">{move_tr!("health-pools-title")}</h3>
        {svg.map(|svg| view! {
            <figure class="mb-2">
                <div role="img" aria-labelledby="pools-caption" class="[&_svg]:h-auto [&_svg]:max-w-full" inner_html=svg></div>
                <figcaption id="pools-caption" class="sr-only">{move_tr!("health-pools-caption")}</figcaption>
            </figure>
        })}
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class=TABLE data-testid="cinder-pools">
                <caption class="sr-only">{move_tr!("health-pools-title")}</caption>
                <thead class="bg-slate-50"><tr>
                    <th class=TH>{move_tr!("health-pool")}</th>
                    <th class=TH>{move_tr!("health-backend")}</th>
                    <th class=TH>{move_tr!("health-pool-total")}</th>
                    <th class=TH>{move_tr!("health-pool-free")}</th>
                    <th class=TH>{move_tr!("health-pool-allocated")}</th>
                </tr></thead>
                <tbody>
                    {pools.into_iter().map(|p| view! {
                        <tr data-testid="cinder-pool">
                            <td class=TD>{p.name}</td>
                            <td class=TD>{p.backend}" "{p.protocol}</td>
                            <td class=TD>{gb(p.total_gb)}</td>
                            <td class=TD>{gb(p.free_gb)}</td>
                            <td class=TD>{gb(p.allocated_gb)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="mb-2 mt-2 text-sm">{csv_link("health-cinder-pools.csv", &[
            "health-pool", "health-backend", "health-csv-protocol", "health-csv-total-gb", "health-csv-free-gb", "health-csv-allocated-gb",
        ], rows)}</p>
    }
}
