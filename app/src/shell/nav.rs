use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::tr_dynamic;
use crate::model::SessionInfo;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Section {
    Project,
    Admin,
    Identity,
    Settings,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Project => "nav-project",
            Section::Admin => "nav-admin",
            Section::Identity => "nav-identity",
            Section::Settings => "nav-settings",
        }
    }
}

/// A page in the navigation. A page appears only when it exists for this
/// user: admin pages for admins, service pages when the catalog has the service.
#[derive(Clone, Copy, Debug)]
pub struct NavItem {
    pub path: &'static str,
    pub key: &'static str,
    pub section: Section,
    pub admin_only: bool,
    pub service: Option<&'static str>,
}

pub const NAV: &[NavItem] = &[
    NavItem {
        path: "/project",
        key: "nav-overview",
        section: Section::Project,
        admin_only: false,
        service: None,
    },
    NavItem {
        path: "/project/instances",
        key: "nav-instances",
        section: Section::Project,
        admin_only: false,
        service: Some("compute"),
    },
    NavItem {
        path: "/project/images",
        key: "nav-images",
        section: Section::Project,
        admin_only: false,
        service: Some("image"),
    },
    NavItem {
        path: "/project/containers",
        key: "nav-containers",
        section: Section::Project,
        admin_only: false,
        service: Some("object-store"),
    },
    NavItem {
        path: "/project/stacks",
        key: "nav-stacks",
        section: Section::Project,
        admin_only: false,
        service: Some("orchestration"),
    },
    NavItem {
        path: "/project/resource_types",
        key: "nav-resource-types",
        section: Section::Project,
        admin_only: false,
        service: Some("orchestration"),
    },
    NavItem {
        path: "/project/template_versions",
        key: "nav-template-versions",
        section: Section::Project,
        admin_only: false,
        service: Some("orchestration"),
    },
    NavItem {
        path: "/project/key_pairs",
        key: "nav-keypairs",
        section: Section::Project,
        admin_only: false,
        service: Some("compute"),
    },
    NavItem {
        path: "/admin/instances",
        key: "nav-all-instances",
        section: Section::Admin,
        admin_only: true,
        service: Some("compute"),
    },
    NavItem {
        path: "/admin/flavors",
        key: "nav-flavors",
        section: Section::Admin,
        admin_only: true,
        service: Some("compute"),
    },
    NavItem {
        path: "/admin/hypervisors",
        key: "nav-hypervisors",
        section: Section::Admin,
        admin_only: true,
        service: Some("compute"),
    },
    NavItem {
        path: "/admin/compute_services",
        key: "nav-compute-services",
        section: Section::Admin,
        admin_only: true,
        service: Some("compute"),
    },
    NavItem {
        path: "/admin/aggregates",
        key: "nav-aggregates",
        section: Section::Admin,
        admin_only: true,
        service: Some("compute"),
    },
    NavItem {
        path: "/admin/health",
        key: "nav-health",
        section: Section::Admin,
        admin_only: true,
        service: None,
    },
    NavItem {
        path: "/admin/system",
        key: "nav-system-info",
        section: Section::Admin,
        admin_only: true,
        service: Some("identity"),
    },
    NavItem {
        path: "/identity/projects",
        key: "nav-projects",
        section: Section::Identity,
        admin_only: false,
        service: Some("identity"),
    },
    NavItem {
        path: "/identity/users",
        key: "nav-users",
        section: Section::Identity,
        admin_only: true,
        service: Some("identity"),
    },
    NavItem {
        path: "/settings",
        key: "nav-settings",
        section: Section::Settings,
        admin_only: false,
        service: None,
    },
];

impl NavItem {
    pub fn visible_to(&self, info: &SessionInfo) -> bool {
        (!self.admin_only || info.is_admin) && self.service.is_none_or(|s| info.has_service(s))
    }
}

/// The nav entry of a path, for breadcrumbs.
pub fn nav_item_for(path: &str) -> Option<&'static NavItem> {
    NAV.iter()
        .filter(|i| path == i.path || path.starts_with(&format!("{}/", i.path)))
        .max_by_key(|i| i.path.len())
}

#[component]
pub fn SideNav(info: SessionInfo) -> impl IntoView {
    let location = use_location();
    let sections = [Section::Project, Section::Admin, Section::Identity];
    view! {
        <div class="space-y-5 p-3" data-testid="side-nav">
            {sections.into_iter().filter_map(|section| {
                let items: Vec<&NavItem> = NAV.iter().filter(|i| i.section == section && i.visible_to(&info)).collect();
                if items.is_empty() {
                    return None;
                }
                Some(view! {
                    <div>
                        <h2 class="px-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{move || tr_dynamic(section.key())}</h2>
                        <ul class="mt-1 space-y-0.5">
                            {items.into_iter().map(|item| {
                                let active = move || nav_item_for(&location.pathname.get()).is_some_and(|i| i.path == item.path);
                                view! {
                                    <li>
                                        <a href=item.path
                                            aria-current=move || if active() { "page" } else { "false" }
                                            class="block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 aria-[current=page]:bg-sky-50 aria-[current=page]:font-semibold aria-[current=page]:text-sky-900">
                                            {move || tr_dynamic(item.key)}
                                        </a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn Breadcrumbs() -> impl IntoView {
    let location = use_location();
    move || {
        nav_item_for(&location.pathname.get()).map(|item| {
            view! {
                <nav aria-label=move || tr_dynamic("shell-breadcrumbs") class="mb-3 text-sm text-slate-500">
                    <ol class="flex flex-wrap items-center gap-1">
                        // A page that is its own section (Settings) needs no parent crumb.
                        {(item.section.key() != item.key).then(|| view! {
                            <li>{move || tr_dynamic(item.section.key())}</li>
                            <li aria-hidden="true">"/"</li>
                        })}
                        <li><a href=item.path aria-current=move || (location.pathname.get() == item.path).then_some("page") class="text-slate-700 hover:underline">{move || tr_dynamic(item.key)}</a></li>
                    </ol>
                </nav>
            }
        })
    }
}
