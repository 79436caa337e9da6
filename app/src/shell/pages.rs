use leptos::prelude::*;
use leptos_fluent::move_tr;

/// Sets the status of the page being rendered on the server.
fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = http::StatusCode::from_u16(_code) {
            response.set_status(status);
        }
    }
}

#[component]
fn ErrorPage(code: u16, title: Signal<String>, body: Signal<String>) -> impl IntoView {
    set_status(code);
    view! {
        <section class="mx-auto max-w-lg py-16 text-center" data-testid=format!("error-{code}")>
            <p class="text-5xl font-bold text-sky-800">{code}</p>
            <h1 class="mt-3 text-2xl font-semibold text-slate-900">{title}</h1>
            <p class="mt-2 text-slate-600">{body}</p>
            <a href="/project" class="mt-6 inline-block text-sky-700 underline">{move_tr!("error-back-home")}</a>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorPage code=404 title=move_tr!("error-404-title") body=move_tr!("error-404-body")/> }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    view! { <ErrorPage code=403 title=move_tr!("error-403-title") body=move_tr!("error-403-body")/> }
}
