//! The guest CPU topology panel: a form for the six `hw:cpu_*` extra specs
//! (on a flavor) or `hw_cpu_*` properties (on an image) that checks itself
//! as you type, and a live preview of the topology Nova will pick, computed
//! in the browser by the same `topology` crate the demo cloud boots with.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_fluent::move_tr;
use serde::{Deserialize, Serialize};
use topology::{FieldProblem, PreferenceSource, Preview, Side, Topology, TopologyError, FIELDS};

use crate::error::AppError;
use crate::i18n::{tr_count, tr_dynamic, tr_dynamic_args};
use crate::ui::{error_text, BUTTON, CARD, SELECT};

/// A flavor as the preview needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopologyFlavor {
    pub id: String,
    pub name: String,
    pub vcpus: i64,
    pub extra_specs: BTreeMap<String, String>,
}

/// An image as the preview needs it: its `hw_cpu_*` properties.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopologyImage {
    pub id: String,
    pub name: String,
    pub properties: BTreeMap<String, String>,
}

/// The six keys of a side, as they are in `map`.
pub fn topology_values(side: Side, map: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    FIELDS
        .iter()
        .filter_map(|f| {
            let key = side.key(f);
            map.get(&key).map(|v| (key, v.clone()))
        })
        .collect()
}

/// `map` with its six keys of `side` replaced by the non-empty `values`.
fn with_values(
    side: Side,
    map: &BTreeMap<String, String>,
    values: &BTreeMap<String, String>,
) -> BTreeMap<String, String> {
    let mut out = map.clone();
    for f in FIELDS {
        out.remove(&side.key(f));
    }
    out.extend(
        values
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| (k.clone(), v.trim().to_owned())),
    );
    out
}

/// The translated problem at a field.
fn problem_text(problem: FieldProblem) -> String {
    match problem {
        FieldProblem::NotInteger => tr_dynamic("topology-not-integer"),
        FieldProblem::BelowOne => tr_dynamic("topology-below-one"),
        FieldProblem::AboveMax { max } => tr_count("topology-above-max", "max", max),
        FieldProblem::AboveFlavorMax { max } => tr_count("topology-above-flavor-max", "max", max),
    }
}

/// "2 sockets × 4 cores × 1 thread", with plurals.
pub fn topology_text(t: &Topology) -> String {
    format!(
        "{} × {} × {}",
        tr_count("topology-sockets", "n", t.sockets),
        tr_count("topology-cores", "n", t.cores),
        tr_count("topology-threads", "n", t.threads)
    )
}

/// Why Nova could not pick, in words a person can act on.
fn impossible_text(err: &TopologyError) -> String {
    let key = match err {
        TopologyError::InvalidRequest { .. } | TopologyError::InvalidImageProperty { .. } => {
            "topology-error-invalid"
        }
        TopologyError::ImageVCPULimitsRangeExceeded { .. } => "topology-error-limits-exceeded",
        TopologyError::ImageVCPUTopologyRangeExceeded { .. } => "topology-error-topology-exceeded",
        TopologyError::ImageVCPULimitsRangeImpossible { .. } => "topology-error-impossible",
    };
    tr_dynamic(key)
}

/// The preview of one flavor + image combination.
#[component]
fn PreviewCard(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] result: Signal<Option<Result<Preview, TopologyError>>>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    view! {
        <section class="rounded-md border border-slate-200 p-3" data-testid=testid>
            <h4 class="font-medium">{title}</h4>
            {move || match result.get() {
                None => view! { <p class="text-sm text-slate-600">{move_tr!("topology-choose")}</p> }.into_any(),
                Some(Err(e)) => {
                    let name = e.name();
                    let nova = e.to_string();
                    view! {
                        <div role="alert" class="mt-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900" data-testid="topology-impossible">
                            <p class="font-medium">{impossible_text(&e)}</p>
                            <p class="mt-1 font-mono text-xs">{name}": "{nova}</p>
                        </div>
                    }.into_any()
                }
                Some(Ok(p)) => view! { <PreviewBody preview=p/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PreviewBody(preview: Preview) -> impl IntoView {
    let best = preview.best().unwrap_or_default();
    let c = preview.constraints;
    let source_key = match c.source {
        PreferenceSource::Image => "topology-source-image",
        PreferenceSource::Flavor => "topology-source-flavor",
        PreferenceSource::FlavorDropped => "topology-source-dropped",
        PreferenceSource::None => "topology-source-none",
    };
    let top_score = preview.ranked.first().map(|r| r.score).unwrap_or(0);
    let reason =
        if c.source == PreferenceSource::None || c.source == PreferenceSource::FlavorDropped {
            tr_dynamic("topology-reason-order")
        } else if top_score == 0 {
            tr_dynamic("topology-reason-no-match")
        } else {
            tr_count("topology-reason-score", "score", i64::from(top_score))
        };
    let preferred = preferred_text(&c.preferred);
    let maximum = topology_text_or_unlimited(&c.maximum);
    let total = preview.ranked.len();
    let shown: Vec<_> = preview.ranked.iter().take(50).copied().collect();
    view! {
        <p class="mt-2 text-lg font-semibold" data-testid="topology-best">{topology_text(&best)}</p>
        <Drawing topology=best/>
        <p class="mt-2 text-sm text-slate-700" data-testid="topology-reason">{reason}" "{move || tr_dynamic(source_key)}</p>
        <dl class="mt-2 grid grid-cols-3 gap-1 text-xs text-slate-600">
            <dt>{move_tr!("topology-preferred")}</dt><dd class="col-span-2">{preferred}</dd>
            <dt>{move_tr!("topology-maximum")}</dt><dd class="col-span-2">{maximum}</dd>
        </dl>
        <table class="mt-2 min-w-full text-sm" data-testid="topology-ranked">
            <caption class="text-left text-xs text-slate-600">{tr_count("topology-ranked-caption", "count", total as i64)}</caption>
            <thead><tr class="text-left text-xs text-slate-600">
                <th scope="col" class="pr-2">"#"</th>
                <th scope="col" class="pr-2">{move_tr!("topology-col-sockets")}</th>
                <th scope="col" class="pr-2">{move_tr!("topology-col-cores")}</th>
                <th scope="col" class="pr-2">{move_tr!("topology-col-threads")}</th>
                <th scope="col">{move_tr!("topology-col-matches")}</th>
            </tr></thead>
            <tbody>
                {shown.into_iter().enumerate().map(|(i, r)| view! {
                    <tr data-testid="topology-rank-row" class:font-semibold={i == 0}>
                        <td class="pr-2">{i + 1}</td>
                        <td class="pr-2">{r.topology.sockets}</td>
                        <td class="pr-2">{r.topology.cores}</td>
                        <td class="pr-2">{r.topology.threads}</td>
                        <td>{r.score}{(i == 0).then(|| view! { " · " {move_tr!("topology-nova-choice")} })}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

fn preferred_text(t: &Topology) -> String {
    if *t == Topology::default() {
        return tr_dynamic("topology-none");
    }
    let part = |n: i64| {
        if n > 0 {
            n.to_string()
        } else {
            "–".into()
        }
    };
    format!("{}:{}:{}", part(t.sockets), part(t.cores), part(t.threads))
}

fn topology_text_or_unlimited(t: &Topology) -> String {
    let part = |n: i64| {
        if n >= topology::DEFAULT_MAX {
            "∞".into()
        } else {
            n.to_string()
        }
    };
    format!("{}:{}:{}", part(t.sockets), part(t.cores), part(t.threads))
}

/// Sockets → cores → threads as nested boxes (numbers only when large).
#[component]
fn Drawing(topology: Topology) -> impl IntoView {
    let label = topology_text(&topology);
    if topology.vcpus() > 64 {
        return view! { <p class="text-xs text-slate-600">{label}</p> }.into_any();
    }
    view! {
        <div class="mt-2 flex flex-wrap gap-2" role="img" aria-label=label data-testid="topology-drawing">
            {(0..topology.sockets).map(|s| view! {
                <div class="rounded border border-sky-700 p-1" data-testid="topology-socket">
                    <p class="text-[10px] text-sky-900">{tr_dynamic_args("topology-socket-n", &[("n", (s + 1).to_string())])}</p>
                    <div class="flex flex-wrap gap-1">
                        {(0..topology.cores).map(|_| view! {
                            <div class="flex gap-0.5 rounded border border-slate-400 bg-slate-50 p-0.5" data-testid="topology-core">
                                {(0..topology.threads).map(|_| view! {
                                    <span class="block h-3 w-3 rounded-sm bg-emerald-600" aria-hidden="true"></span>
                                }).collect_view()}
                            </div>
                        }).collect_view()}
                    </div>
                </div>
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// The panel. `side` is what the form edits; `flavors` and `images` are the
/// choices for the other side (on a flavor page `flavors` holds just that
/// flavor, on an image page `images` holds just that image).
#[component]
pub fn CpuTopologyPanel(
    side: Side,
    flavors: Vec<TopologyFlavor>,
    images: Vec<TopologyImage>,
    editable: bool,
    /// The new six values (empty = remove) when the user saves.
    on_save: Callback<BTreeMap<String, String>>,
    #[prop(into)] pending: Signal<bool>,
    /// The cloud's refusal, shown at its field.
    #[prop(into)]
    refused: Signal<Option<AppError>>,
    #[prop(into)] saved: Signal<bool>,
) -> impl IntoView {
    let flavors = StoredValue::new(flavors);
    let images = StoredValue::new(images);
    let initial = match side {
        Side::Flavor => {
            flavors.with_value(|f| f.first().map(|f| topology_values(side, &f.extra_specs)))
        }
        Side::Image => {
            images.with_value(|i| i.first().map(|i| topology_values(side, &i.properties)))
        }
    }
    .unwrap_or_default();
    let values = RwSignal::new(initial);
    // The other side's choice: an image for a flavor page, a flavor for an image page.
    let other = RwSignal::new(String::new());

    let subject_flavor = move || -> Option<TopologyFlavor> {
        match side {
            Side::Flavor => flavors.with_value(|f| f.first().cloned()).map(|mut f| {
                f.extra_specs = with_values(side, &f.extra_specs, &values.get());
                f
            }),
            Side::Image => {
                let id = other.get();
                flavors.with_value(|f| f.iter().find(|f| f.id == id).cloned())
            }
        }
    };
    let subject_image = move || -> Option<TopologyImage> {
        match side {
            Side::Image => images.with_value(|i| i.first().cloned()).map(|mut i| {
                i.properties = with_values(side, &i.properties, &values.get());
                i
            }),
            Side::Flavor => {
                let id = other.get();
                images.with_value(|i| i.iter().find(|i| i.id == id).cloned())
            }
        }
    };
    let issues = Memo::new(move |_| {
        let flavor = subject_flavor().map(|f| f.extra_specs).unwrap_or_default();
        let image = subject_image().map(|i| i.properties).unwrap_or_default();
        topology::check_fields(&flavor, &image)
    });
    let alone = Signal::derive(move || {
        subject_flavor().map(|f| {
            topology::preview(
                &topology::Flavor {
                    vcpus: f.vcpus,
                    extra_specs: &f.extra_specs,
                },
                &BTreeMap::new(),
            )
        })
    });
    let combined = Signal::derive(move || {
        let f = subject_flavor()?;
        let i = subject_image()?;
        Some(topology::preview(
            &topology::Flavor {
                vcpus: f.vcpus,
                extra_specs: &f.extra_specs,
            },
            &i.properties,
        ))
    });
    let field_error = move |key: String| {
        let (field_side, field) = (side, key.clone());
        move |_: Option<&Option<String>>| {
            if let Some(e) = refused.get().filter(|e| e.field() == Some(key.as_str())) {
                return Some(error_text(&e));
            }
            issues
                .get()
                .iter()
                .find(|i| i.side == field_side && field_side.key(i.field) == field)
                .map(|i| problem_text(i.problem))
        }
    };
    let heading = match side {
        Side::Flavor => move_tr!("topology-flavor-title"),
        Side::Image => move_tr!("topology-image-title"),
    };
    let (alone_title, combined_title) = match side {
        Side::Flavor => (
            move_tr!("topology-flavor-alone"),
            move_tr!("topology-with-image"),
        ),
        Side::Image => (
            move_tr!("topology-chosen-flavor-alone"),
            move_tr!("topology-flavor-with-this-image"),
        ),
    };
    view! {
        <section class=CARD data-testid="topology-panel" aria-labelledby="topology-heading">
            <h2 id="topology-heading" class="font-semibold">{heading}</h2>
            <p class="mt-1 text-sm text-slate-600">{move_tr!("topology-explain")}</p>
            <div class="mt-3 grid gap-4 lg:grid-cols-2">
                <div class="space-y-3">
                    {[("topology-preferred", &FIELDS[..3]), ("topology-maximum", &FIELDS[3..])].into_iter().map(|(legend, fields)| view! {
                        <fieldset class="grid grid-cols-3 gap-2">
                            <legend class="mb-1 text-sm font-medium">{move || tr_dynamic(legend)}</legend>
                            {fields.iter().map(|f| {
                                let key = side.key(f);
                                let id = format!("topology-{}", key.replace([':', '_'], "-"));
                                let error_id = format!("{id}-error");
                                let described = error_id.clone();
                                let k1 = key.clone();
                                let k2 = key.clone();
                                let message = Memo::new(field_error(key.clone()));
                                let invalid = move || message.with(Option::is_some).to_string();
                                view! {
                                    <div class="space-y-1">
                                        <label for=id.clone() class="block text-xs font-medium text-slate-700">
                                            {move || tr_dynamic(&format!("topology-field-{f}"))}
                                            <span class="block font-mono text-[10px] text-slate-500">{key.clone()}</span>
                                        </label>
                                        <input id=id type="text" inputmode="numeric" disabled=!editable
                                            data-testid=format!("topology-input-{key}")
                                            aria-invalid=invalid aria-describedby=described
                                            class="block w-full rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-500"
                                            prop:value=move || values.with(|v| v.get(&k1).cloned().unwrap_or_default())
                                            on:input=move |ev| {
                                                let text = event_target_value(&ev);
                                                values.update(|v| { v.insert(k2.clone(), text); });
                                            }/>
                                        <p id=error_id role="alert" class="text-xs text-red-700">{message}</p>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }).collect_view()}
                    <div class="space-y-1">
                        <label for="topology-other" class="block text-sm font-medium">
                            {match side { Side::Flavor => move_tr!("topology-preview-image"), Side::Image => move_tr!("topology-preview-flavor") }}
                        </label>
                        <select id="topology-other" class=SELECT data-testid="topology-other" on:change=move |ev| other.set(event_target_value(&ev))>
                            <option value="">{match side { Side::Flavor => move_tr!("topology-no-image"), Side::Image => move_tr!("topology-pick-flavor") }}</option>
                            {match side {
                                Side::Flavor => images.with_value(|i| i.iter().map(|i| (i.id.clone(), i.name.clone())).collect::<Vec<_>>()),
                                Side::Image => flavors.with_value(|f| f.iter().map(|f| (f.id.clone(), format!("{} ({} vCPU)", f.name, f.vcpus))).collect::<Vec<_>>()),
                            }.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                        </select>
                    </div>
                    {editable.then(|| view! {
                        <div class="flex items-center gap-3">
                            <button type="button" class=BUTTON data-testid="topology-save"
                                disabled=move || pending.get() || issues.with(|i| i.iter().any(|i| i.side == side))
                                on:click=move |_| on_save.run(values.get_untracked())>
                                {move_tr!("topology-save")}
                            </button>
                            {move || saved.get().then(|| view! { <span role="status" class="text-sm text-green-800" data-testid="topology-saved">{move_tr!("topology-saved")}</span> })}
                        </div>
                    })}
                    {move || refused.get().filter(|e| e.field().is_none()).map(|e| view! {
                        <p role="alert" class="text-sm text-red-800">{error_text(&e)}</p>
                    })}
                </div>
                <div class="space-y-3" aria-live="polite">
                    <PreviewCard title=alone_title result=alone testid="topology-preview-alone"/>
                    <PreviewCard title=combined_title result=combined testid="topology-preview-combined"/>
                </div>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_replace_only_their_side() {
        let specs: BTreeMap<String, String> = [
            ("hw:cpu_sockets", "2"),
            ("hw:mem_page_size", "large"),
            ("hw:cpu_max_threads", "4"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let current = topology_values(Side::Flavor, &specs);
        assert_eq!(current.len(), 2);
        let mut edited = current.clone();
        edited.insert("hw:cpu_sockets".into(), " ".into());
        edited.insert("hw:cpu_cores".into(), " 4 ".into());
        let merged = with_values(Side::Flavor, &specs, &edited);
        assert_eq!(merged.get("hw:cpu_sockets"), None);
        assert_eq!(merged.get("hw:cpu_cores").map(String::as_str), Some("4"));
        assert_eq!(
            merged.get("hw:mem_page_size").map(String::as_str),
            Some("large")
        );
    }
}
