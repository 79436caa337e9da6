#![recursion_limit = "256"]
//! Zenith's user interface: pages, components and server functions,
//! rendered on the server and hydrated in the browser.

pub mod admin;
pub mod auth;
pub mod chart;
pub mod compute;
pub mod csv;
pub mod error;
pub mod format;
pub mod health;
pub mod i18n;
pub mod identity;
pub mod model;
pub mod orchestration;
pub mod project;
pub mod settings;
pub mod shell;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod storage;
pub mod ui;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{ParentRoute, Redirect, Route, Router, Routes},
    path,
};

use crate::i18n::I18nProvider;
use crate::shell::{AdminGate, NotFound, Shell};

/// The HTML document around the app. `<html lang>` comes from leptos-fluent.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.ico"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body class="bg-slate-50 text-slate-900 antialiased">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <I18nProvider>
            <Stylesheet id="leptos" href="/pkg/zenith.css"/>
            <Title text=leptos_fluent::move_tr!("app-title")/>
            <Router>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/project"/> }/>
                    <Route path=path!("/login") view=auth::LoginPage/>
                    <ParentRoute path=path!("") view=Shell>
                        <Route path=path!("/project") view=project::Overview/>
                        <Route path=path!("/project/instances") view=compute::InstancesPage/>
                        <Route path=path!("/project/instances/launch") view=compute::LaunchPage/>
                        <Route path=path!("/project/instances/:id") view=compute::InstanceDetailPage/>
                        <Route path=path!("/project/key_pairs") view=compute::KeypairsPage/>
                        <Route path=path!("/project/images") view=compute::ImagesPage/>
                        <Route path=path!("/project/images/:id") view=compute::ImageDetailPage/>
                        <Route path=path!("/project/containers") view=storage::ContainersPage/>
                        <Route path=path!("/project/containers/:container") view=storage::ObjectBrowserPage/>
                        <Route path=path!("/project/stacks") view=orchestration::StacksPage/>
                        <Route path=path!("/project/stacks/launch") view=orchestration::LaunchStackPage/>
                        <Route path=path!("/project/stacks/starters") view=orchestration::StartersPage/>
                        <Route path=path!("/project/stacks/:name/:id") view=orchestration::StackDetailPage/>
                        <Route path=path!("/project/resource_types") view=orchestration::ResourceTypesPage/>
                        <Route path=path!("/project/template_versions") view=orchestration::TemplateVersionsPage/>
                        <Route path=path!("/identity/projects") view=identity::ProjectsPage/>
                        <Route path=path!("/identity/users") view=identity::UsersPage/>
                        <Route path=path!("/settings") view=settings::SettingsPage/>
                        <ParentRoute path=path!("/admin") view=AdminGate>
                            <Route path=path!("/system") view=admin::SystemInfoPage/>
                            <Route path=path!("/health") view=health::HealthPage/>
                            <Route path=path!("/flavors") view=admin::FlavorsPage/>
                            <Route path=path!("/flavors/:id") view=admin::FlavorDetailPage/>
                            <Route path=path!("/hypervisors") view=admin::HypervisorsPage/>
                            <Route path=path!("/compute_services") view=admin::ComputeServicesPage/>
                            <Route path=path!("/aggregates") view=admin::AggregatesPage/>
                            <Route path=path!("/instances") view=compute::AllInstancesPage/>
                        </ParentRoute>
                    </ParentRoute>
                </Routes>
            </Router>
        </I18nProvider>
    }
}
