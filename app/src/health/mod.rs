//! Admin → Health: the live service board (from the server's sampler),
//! compute and storage health, and the failures timeline. Built from the
//! OpenStack APIs alone, so it works on any cloud. The page refreshes
//! itself; every section loads on its own, so one service that is down
//! leaves the others readable.

mod board;
mod compute;
mod fault;
pub mod model;
mod storage;
mod timeline;

use leptos::prelude::*;
use leptos_fluent::move_tr;

use crate::i18n::tr_dynamic;
use crate::ui::PageHeader;
use model::EndpointState;

/// How often the page asks for fresh figures, in seconds.
const REFRESH_SECS: u64 = 5;

/// Border and text colours of a state; the state is in words too.
fn state_class(state: EndpointState) -> &'static str {
    match state {
        EndpointState::Up => "border-l-4 border-l-emerald-600",
        EndpointState::Degraded => "border-l-4 border-l-amber-500 bg-amber-50",
        EndpointState::Down => "border-l-4 border-l-red-700 bg-red-50",
        EndpointState::Unknown => "border-l-4 border-l-slate-400",
    }
}

/// A link that downloads `rows` as CSV, with translated column names.
fn csv_link(
    filename: &'static str,
    header_keys: &'static [&'static str],
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    let href = move || {
        let headers: Vec<String> = header_keys.iter().map(|k| tr_dynamic(k)).collect();
        crate::csv::data_url(&crate::csv::to_csv(&headers, &rows))
    };
    view! {
        <a href=href download=filename data-testid="csv-download" data-file=filename
            class="text-sky-800 underline hover:text-sky-900">
            {move || crate::i18n::tr_dynamic_args("health-download-csv", &[("file", filename.to_owned())])}
        </a>
    }
}

#[component]
pub fn HealthPage() -> impl IntoView {
    let tick = RwSignal::new(0u64);
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || tick.update(|t| *t += 1),
            std::time::Duration::from_secs(REFRESH_SECS),
        )
        .ok();
        on_cleanup(move || {
            if let Some(h) = handle {
                h.clear();
            }
        });
    });
    let board = Resource::new(move || tick.get(), |_| board::health_board());
    let compute = Resource::new(move || tick.get(), |_| compute::health_compute());
    let storage = Resource::new(move || tick.get() / 6, |_| storage::health_storage());
    let timeline = Resource::new(move || tick.get(), |_| timeline::health_timeline());
    view! {
        <PageHeader title=move_tr!("health-title") description=move_tr!("health-description")/>
        <p class="text-sm text-slate-600" aria-live="off">{move_tr!("health-refresh-note", { "seconds" => REFRESH_SECS as i64 })}</p>
        <fault::FaultPanel on_change=move || tick.update(|t| *t += 1)/>
        <board::ServiceBoard board/>
        <compute::ComputeSection compute/>
        <storage::StorageSection storage/>
        <timeline::Timeline timeline/>
    }
}
