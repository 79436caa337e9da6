//! The service board: one tile per catalog endpoint and region, from the
//! server's sampler.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};

use super::model::{EndpointState, EndpointTile};
use super::{csv_link, state_class};
use crate::error::AppError;
use crate::format::format_decimal;
use crate::i18n::{current_language, tr_dynamic, tr_dynamic_args};
use crate::ui::{fetched, Loading, CARD, TABLE, TD, TH};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub tiles: Vec<EndpointTile>,
    /// The sampler's interval, in seconds.
    pub interval_secs: u64,
    /// The last probe of each tile, formatted for the user.
    pub checked: Vec<String>,
}

#[server(endpoint = "health_board")]
pub async fn health_board() -> Result<Board, AppError> {
    let (login, _) = crate::ssr::session::require_admin().await?;
    let backend = crate::ssr::Backend::current()?;
    let sampler = crate::ssr::health::current()?;
    // The admin's catalog is the cloud's: follow all of it.
    sampler.follow_catalog(&login.token.catalog, backend.interface);
    let prefs = crate::ssr::prefs::current();
    let mut tiles = sampler.tiles();
    tiles.sort_by(|a, b| (&a.service_type, &a.region).cmp(&(&b.service_type, &b.region)));
    let checked = tiles
        .iter()
        .map(|t| {
            t.checked_at
                .and_then(|at| chrono::DateTime::from_timestamp(at, 0))
                .map(|at| crate::format::format_datetime(at, &prefs.language, &prefs.timezone))
                .unwrap_or_default()
        })
        .collect();
    Ok(Board {
        tiles,
        interval_secs: sampler.config().interval.as_secs().max(1),
        checked,
    })
}

/// The colour of a tile's sparkline; the state is also in words.
fn line_color(state: EndpointState) -> &'static str {
    match state {
        EndpointState::Down => crate::chart::PALETTE[3],
        EndpointState::Degraded => crate::chart::PALETTE[1],
        _ => crate::chart::PALETTE[0],
    }
}

#[component]
pub fn ServiceBoard(board: Resource<Result<Board, AppError>>) -> impl IntoView {
    let as_table = RwSignal::new(false);
    view! {
        <section class="mt-6" data-testid="health-board" aria-labelledby="health-board-title">
            <div class="mb-2 flex flex-wrap items-center justify-between gap-2">
                <h2 id="health-board-title" class="text-lg font-semibold">{move_tr!("health-board-title")}</h2>
                <label class="flex items-center gap-2 text-sm">
                    <input type="checkbox" data-testid="board-as-table" prop:checked=move || as_table.get()
                        on:change=move |ev| as_table.set(event_target_checked(&ev))/>
                    {move_tr!("health-show-table")}
                </label>
            </div>
            <p class="mb-3 text-sm text-slate-600">{move_tr!("health-board-description")}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    fetched(board.await, move |board| {
                        let lang = current_language();
                        if board.tiles.is_empty() {
                            return view! { <p class="text-sm text-slate-600">{move_tr!("health-board-empty")}</p> }.into_any();
                        }
                        let ms = move |v: Option<f32>| v.map(|v| format!("{} ms", format_decimal(v as f64, &current_language()))).unwrap_or_else(|| "—".into());
                        let rows: Vec<Vec<String>> = board.tiles.iter().zip(&board.checked).map(|(t, checked)| vec![
                            t.name.clone(), t.service_type.clone(), t.region.clone(), t.state.as_str().into(),
                            t.latency_ms.map(|v| format!("{v:.1}")).unwrap_or_default(),
                            format!("{:.3}", t.error_rate), checked.clone(), t.url.clone(),
                        ]).collect();
                        let items: Vec<(EndpointTile, String)> = board.tiles.into_iter().zip(board.checked).collect();
                        let table_items = items.clone();
                        view! {
                            <ul class="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" class:hidden=move || as_table.get()>
                                {items.into_iter().map(|(t, checked)| {
                                    let spark = crate::chart::sparkline(&t.samples, line_color(t.state));
                                    let state_key = format!("health-state-{}", t.state.as_str());
                                    let described = format!("tile-{}-{}", t.service_type, t.region).replace(' ', "-");
                                    let rate = (t.error_rate * 100.0) as f64;
                                    let l = lang.clone();
                                    view! {
                                        <li class=format!("{CARD} {}", state_class(t.state)) data-testid="health-tile"
                                            data-service=t.service_type.clone() data-region=t.region.clone() data-state=t.state.as_str()>
                                            <div class="flex items-start justify-between gap-2">
                                                <div>
                                                    <h3 class="font-semibold">{t.name.clone()}</h3>
                                                    <p class="text-xs text-slate-500">{t.service_type.clone()}" · "{t.region.clone()}</p>
                                                </div>
                                                <span class="inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-sm font-semibold" data-testid="tile-state">
                                                    <span aria-hidden="true">{t.state.symbol()}</span>
                                                    {move || tr_dynamic(&state_key)}
                                                </span>
                                            </div>
                                            <dl class="mt-2 grid grid-cols-2 gap-1 text-sm">
                                                <dt class="text-slate-500">{move_tr!("health-latency")}</dt>
                                                <dd data-testid="tile-latency">{ms(t.latency_ms)}</dd>
                                                <dt class="text-slate-500">{move_tr!("health-error-rate")}</dt>
                                                <dd data-testid="tile-error-rate">{format!("{} %", format_decimal(rate, &l))}</dd>
                                            </dl>
                                            {(!spark.is_empty()).then(|| view! {
                                                <figure class="mt-2">
                                                    <div role="img" aria-labelledby=described.clone() inner_html=spark></div>
                                                    <figcaption id=described class="sr-only">{
                                                        let n = t.samples.len() as i64;
                                                        move || tr_dynamic_args("health-sparkline-caption", &[("count", n.to_string())])
                                                    }</figcaption>
                                                </figure>
                                            })}
                                            {t.last_error.clone().map(|e| view! {
                                                <p class="mt-1 break-words text-xs text-red-800" data-testid="tile-error">{e}</p>
                                            })}
                                            <p class="mt-1 text-xs text-slate-500">{
                                                let checked = checked.clone();
                                                move || tr_dynamic_args("health-checked-at", &[("at", checked.clone())])
                                            }</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                            <div class="overflow-x-auto" class:hidden=move || !as_table.get()>
                                <table class=TABLE data-testid="board-table">
                                    <caption class="sr-only">{move_tr!("health-board-title")}</caption>
                                    <thead><tr>
                                        <th class=TH>{move_tr!("overview-service-name")}</th>
                                        <th class=TH>{move_tr!("overview-service-type")}</th>
                                        <th class=TH>{move_tr!("overview-region")}</th>
                                        <th class=TH>{move_tr!("health-state")}</th>
                                        <th class=TH>{move_tr!("health-latency")}</th>
                                        <th class=TH>{move_tr!("health-error-rate")}</th>
                                    </tr></thead>
                                    <tbody>
                                        {table_items.into_iter().map(|(t, _)| {
                                            let state_key = format!("health-state-{}", t.state.as_str());
                                            view! {
                                                <tr>
                                                    <td class=TD>{t.name}</td>
                                                    <td class=TD>{t.service_type}</td>
                                                    <td class=TD>{t.region}</td>
                                                    <td class=TD>{t.state.symbol()}" "{move || tr_dynamic(&state_key)}</td>
                                                    <td class=TD>{ms(t.latency_ms)}</td>
                                                    <td class=TD>{format!("{} %", format_decimal((t.error_rate * 100.0) as f64, &current_language()))}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                            {csv_link("health-endpoints.csv", &[
                                "health-csv-name", "health-csv-type", "health-csv-region", "health-csv-state",
                                "health-csv-latency-ms", "health-csv-error-rate", "health-csv-checked", "health-csv-url",
                            ], rows)}
                        }.into_any()
                    })
                })}
            </Transition>
        </section>
    }
}
