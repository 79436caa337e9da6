use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_fluent::{move_tr, I18n};
use leptos_router::hooks::use_location;

use crate::auth::{Logout, SwitchProject, SwitchRegion};
use crate::model::SessionInfo;
use crate::ui::SELECT;

const MENU: &str = "absolute right-0 z-20 mt-1 min-w-48 rounded-md border border-slate-200 bg-white py-1 text-slate-800 shadow-lg";
const MENU_ITEM: &str = "block w-full px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none aria-[current=true]:font-semibold";
const SUMMARY: &str = "flex cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1.5 text-sm hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-white";

#[component]
pub fn Header(info: SessionInfo) -> impl IntoView {
    let location = use_location();
    // Switches come back to the page the user was on.
    let here = move || location.pathname.get();
    let project_name = info.project.name.clone();
    let current_project = info.project.id.clone();
    let current_region = info.region.clone();
    let projects = info.projects.clone();
    let regions = info.regions.clone();
    view! {
        <header class="flex h-14 items-center gap-2 bg-sky-900 px-3 text-white md:px-5">
            <a href="/project" class="mr-auto text-lg font-semibold tracking-wide focus:outline-none focus-visible:ring-2 focus-visible:ring-white">"Zenith"</a>

            <details class="relative" data-testid="project-menu">
                <summary class=SUMMARY aria-label=move_tr!("header-project")>
                    <span class="hidden text-sky-200 sm:inline">{move_tr!("header-project")}</span>
                    <span class="max-w-32 truncate font-medium" data-testid="current-project">{project_name}</span>
                    <span aria-hidden="true">"▾"</span>
                </summary>
                <form method="post" action=SwitchProject::url() class=MENU>
                    <input type="hidden" name="next" value=here/>
                    {projects.into_iter().map(|p| {
                        let current = p.id == current_project;
                        view! {
                            <button type="submit" name="project_id" value=p.id class=MENU_ITEM aria-current=current.to_string()>
                                {p.name}
                                <span class="ml-2 text-xs text-slate-500">{p.domain_name}</span>
                            </button>
                        }
                    }).collect_view()}
                </form>
            </details>

            <details class="relative" data-testid="region-menu">
                <summary class=SUMMARY aria-label=move_tr!("header-region")>
                    <span class="hidden text-sky-200 sm:inline">{move_tr!("header-region")}</span>
                    <span class="font-medium" data-testid="current-region">{current_region.clone()}</span>
                    <span aria-hidden="true">"▾"</span>
                </summary>
                <form method="post" action=SwitchRegion::url() class=MENU>
                    <input type="hidden" name="next" value=here/>
                    {regions.into_iter().map(|r| {
                        let current = r == current_region;
                        let label = r.clone();
                        view! {
                            <button type="submit" name="region" value=r class=MENU_ITEM aria-current=current.to_string()>{label}</button>
                        }
                    }).collect_view()}
                </form>
            </details>

            <details class="relative" data-testid="user-menu">
                <summary class=SUMMARY aria-label=move_tr!("header-user-menu")>
                    <span class="max-w-28 truncate font-medium">{info.user_name.clone()}</span>
                    <span aria-hidden="true">"▾"</span>
                </summary>
                <div class=MENU>
                    <p class="px-3 py-2 text-xs text-slate-500">
                        {move_tr!("header-signed-in-as", { "user" => info.user_name.clone(), "domain" => info.user_domain.clone() })}
                    </p>
                    <div class="px-3 py-2"><LanguagePicker/></div>
                    <a href="/settings" class=MENU_ITEM>{move_tr!("nav-settings")}</a>
                    <form method="post" action=Logout::url()>
                        <button type="submit" class=MENU_ITEM data-testid="logout">{move_tr!("header-logout")}</button>
                    </form>
                </div>
            </details>
        </header>
    }
}

/// Chooses the interface language; leptos-fluent keeps it in the `lang` cookie.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <label class="flex items-center gap-2 text-sm text-slate-700">
            <span>{move_tr!("common-language")}</span>
            <select
                class=SELECT
                data-testid="language-picker"
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if let Some(lang) = i18n.languages.iter().find(|l| l.id == id) {
                        i18n.language.set(lang);
                    }
                }
            >
                {i18n.languages.iter().map(|lang| {
                    view! {
                        <option value=lang.id selected=move || i18n.language.get().id == lang.id>{lang.name}</option>
                    }
                }).collect_view()}
            </select>
        </label>
    }
}
