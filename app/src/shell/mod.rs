//! The frame around every logged-in page: header, navigation, breadcrumbs.

mod header;
mod nav;
mod pages;

pub use header::LanguagePicker;
pub use nav::{Breadcrumbs, NavItem, Section, NAV};
pub use pages::{Forbidden, NotFound};

use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect};
use leptos_router::hooks::use_query_map;

use crate::auth::get_session_info;
use crate::error::AppError;
use crate::model::SessionInfo;
use crate::ui::{ErrorBanner, Loading};

/// The logged-in user's session, for every page inside the shell.
pub type SessionResource = Resource<Result<SessionInfo, AppError>>;

pub fn use_session() -> SessionResource {
    expect_context::<SessionResource>()
}

fn login_path(err: &AppError) -> &'static str {
    match err {
        AppError::SessionExpired => "/login?reason=expired",
        _ => "/login",
    }
}

/// The layout of every page that needs a login.
#[component]
pub fn Shell() -> impl IntoView {
    let info: SessionResource = Resource::new(|| (), |_| get_session_info());
    provide_context(info);
    view! {
        <Suspense fallback=|| view! { <div class="p-6"><Loading/></div> }>
            {move || Suspend::new(async move {
                match info.await {
                    Ok(info) => view! { <Frame info/> }.into_any(),
                    Err(e) if e.needs_login() => view! { <Redirect path=login_path(&e)/> }.into_any(),
                    Err(e) => view! {
                        <main class="p-6"><ErrorBanner error=Signal::derive(move || Some(e.clone()))/></main>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Frame(info: SessionInfo) -> impl IntoView {
    end_session_at_expiry(info.expires_in_secs);
    // A header form (project, region) that failed without JavaScript comes back here.
    let query = use_query_map();
    let form_error = Signal::derive(move || {
        query
            .read()
            .get("__err")
            .and_then(|e| AppError::from_query(&e))
    });
    let nav_info = info.clone();
    let mobile_info = info.clone();
    view! {
        <a href="#main" class="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
            {leptos_fluent::move_tr!("shell-skip-to-content")}
        </a>
        <header::Header info=info/>
        <div class="flex min-h-[calc(100vh-3.5rem)]">
            <aside class="hidden w-60 shrink-0 border-r border-slate-200 bg-white md:block">
                <nav::SideNav info=nav_info/>
            </aside>
            <main id="main" class="min-w-0 flex-1 bg-slate-50 px-4 py-6 md:px-8">
                <details class="mb-4 rounded-md border border-slate-200 bg-white md:hidden" data-testid="mobile-nav">
                    <summary class="cursor-pointer px-3 py-2 text-sm font-medium">{leptos_fluent::move_tr!("shell-menu")}</summary>
                    <nav::SideNav info=mobile_info/>
                </details>
                <Breadcrumbs/>
                <div class="mb-4 empty:hidden"><ErrorBanner error=form_error/></div>
                <Outlet/>
            </main>
        </div>
    }
}

/// Sends the browser to the login page when the Keystone token runs out,
/// even if the user does nothing.
fn end_session_at_expiry(seconds: i64) {
    #[cfg(feature = "hydrate")]
    {
        let delay = std::time::Duration::from_secs(seconds.max(0) as u64);
        Effect::new(move |_| {
            set_timeout(
                || {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().set_href("/login?reason=expired");
                    }
                },
                delay,
            );
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = seconds;
}

/// Admin pages: refused unless the token has the admin role. The server
/// also answers 403 for these paths and refuses every admin call.
#[component]
pub fn AdminGate() -> impl IntoView {
    let info = use_session();
    move || match info.get() {
        Some(Ok(i)) if i.is_admin => view! { <Outlet/> }.into_any(),
        Some(Ok(_)) => view! { <Forbidden/> }.into_any(),
        _ => ().into_any(),
    }
}
