//! The starter template gallery: a few ready-made templates, each with a
//! translated title and description, to launch as they are or to edit.

use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::components::A;

use crate::i18n::tr_dynamic;
use crate::ui::{PageHeader, BUTTON, CARD};

/// A template shipped with Zenith.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Starter {
    /// What `?starter=` names.
    pub id: &'static str,
    /// Fluent ids of the title and the description.
    pub title_key: &'static str,
    pub description_key: &'static str,
    /// The HOT text.
    pub template: &'static str,
}

pub const STARTERS: &[Starter] = &[
    Starter {
        id: "single_server",
        title_key: "starter-single-server-title",
        description_key: "starter-single-server-description",
        template: include_str!("starters/single_server.yaml"),
    },
    Starter {
        id: "server_with_storage",
        title_key: "starter-server-with-storage-title",
        description_key: "starter-server-with-storage-description",
        template: include_str!("starters/server_with_storage.yaml"),
    },
    Starter {
        id: "web_cluster",
        title_key: "starter-web-cluster-title",
        description_key: "starter-web-cluster-description",
        template: include_str!("starters/web_cluster.yaml"),
    },
];

/// The starter called `id`.
pub fn starter(id: &str) -> Option<&'static Starter> {
    STARTERS.iter().find(|s| s.id == id)
}

/// The resource types a template uses (`type: OS::…` lines), each once,
/// in the order they first appear.
pub fn resource_types(template: &str) -> Vec<&str> {
    let mut types: Vec<&str> = Vec::new();
    for line in template.lines() {
        let Some(rest) = line.trim_start().strip_prefix("type:") else {
            continue;
        };
        let kind = rest.trim().trim_matches(|c| c == '"' || c == '\'');
        if kind.contains("::") && !types.contains(&kind) {
            types.push(kind);
        }
    }
    types
}

#[component]
pub fn StartersPage() -> impl IntoView {
    view! {
        <PageHeader title=move_tr!("starter-title") description=move_tr!("starter-description")/>
        <div class="mb-4 flex gap-3 text-sm">
            <A href="/project/stacks" attr:class="text-sky-700 underline" attr:data-testid="starter-back">
                {move_tr!("starter-back")}
            </A>
        </div>
        <div class="grid gap-4 lg:grid-cols-2 xl:grid-cols-3" data-testid="starter-gallery">
            {STARTERS.iter().map(|s| view! { <StarterCard starter=*s/> }).collect_view()}
        </div>
    }
}

#[component]
fn StarterCard(starter: Starter) -> impl IntoView {
    let showing = RwSignal::new(false);
    let template_id = format!("starter-template-{}", starter.id);
    let controls = template_id.clone();
    let types = resource_types(starter.template);
    let launch = format!("/project/stacks/launch?starter={}", starter.id);
    let (title_key, description_key) = (starter.title_key, starter.description_key);
    view! {
        <article class=format!("{CARD} flex flex-col gap-3") data-testid="starter-card" data-id=starter.id>
            <h2 class="text-lg font-semibold" data-testid="starter-title">{move || tr_dynamic(title_key)}</h2>
            <p class="text-sm text-slate-700">{move || tr_dynamic(description_key)}</p>
            <div>
                <h3 class="text-xs font-semibold uppercase tracking-wide text-slate-500">{move_tr!("starter-resource-types")}</h3>
                <ul class="mt-1 flex flex-wrap gap-1.5" data-testid="starter-types">
                    {types.into_iter().map(|t| view! {
                        <li class="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{t}</li>
                    }).collect_view()}
                </ul>
            </div>
            <div class="mt-auto flex flex-wrap items-center gap-3">
                <A href=launch attr:class=BUTTON attr:data-testid="starter-launch">{move_tr!("starter-launch")}</A>
                <button type="button" class="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm"
                    aria-expanded=move || showing.get().to_string() aria-controls=controls
                    data-testid="starter-view-template"
                    on:click=move |_| showing.update(|s| *s = !*s)>
                    {move || if showing.get() { move_tr!("starter-hide-template").get() } else { move_tr!("starter-view-template").get() }}
                </button>
            </div>
            <pre id=template_id class="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
                class:hidden=move || !showing.get() data-testid="starter-template">{starter.template}</pre>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_is_found_by_id_and_uses_resources() {
        for s in STARTERS {
            assert_eq!(starter(s.id), Some(s));
            assert!(s.template.contains("heat_template_version"));
            assert!(!resource_types(s.template).is_empty(), "{}", s.id);
        }
        assert_eq!(starter("nope"), None);
    }

    #[test]
    fn resource_types_are_listed_once_in_order() {
        let t = "resources:\n  a:\n    type: OS::Nova::Server\n  b:\n    type: \"OS::Swift::Container\"\n  c:\n    type: OS::Nova::Server\nparameters:\n  x:\n    type: string\n";
        assert_eq!(
            resource_types(t),
            ["OS::Nova::Server", "OS::Swift::Container"]
        );
    }
}
