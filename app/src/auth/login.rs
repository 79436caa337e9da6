use leptos::prelude::*;
use leptos_fluent::move_tr;
use leptos_router::hooks::use_query_map;

use super::Login;
use crate::error::AppError;
use crate::shell::LanguagePicker;
use crate::ui::{error_text, Field, BUTTON};

#[component]
pub fn LoginPage() -> impl IntoView {
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let error = Signal::derive(move || login.value().get().and_then(|r| r.err()));
    // Field errors show at their field; anything else above the button.
    let form_error = move || match error.get() {
        Some(AppError::InvalidInput { .. }) | None => None,
        Some(e) => Some(error_text(&e)),
    };
    let notice = move || {
        let reason = query.read().get("reason");
        match reason.as_deref() {
            Some("expired") => Some(move_tr!("login-session-expired")),
            Some("logged_out") => Some(move_tr!("login-logged-out")),
            _ => None,
        }
    };

    view! {
        <main class="flex min-h-screen items-center justify-center bg-slate-100 px-4 py-10">
            <div class="w-full max-w-sm">
                <div class="mb-4 flex justify-end">
                    <LanguagePicker/>
                </div>
                <div class="rounded-lg border border-slate-200 bg-white p-6 shadow">
                    <p class="text-sm font-semibold uppercase tracking-wide text-sky-700">"Zenith"</p>
                    <h1 class="mb-4 text-2xl font-semibold text-slate-900">{move_tr!("login-title")}</h1>
                    {move || notice().map(|text| view! {
                        <div role="status" class="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
                            {text}
                        </div>
                    })}
                    <ActionForm action=login attr:class="space-y-4" attr:novalidate="true">
                        <Field id="login-username" name="username" label=move_tr!("login-username")
                            autocomplete="username" required=true error=error/>
                        <Field id="login-password" name="password" kind="password" label=move_tr!("login-password")
                            autocomplete="current-password" required=true error=error/>
                        <Field id="login-domain" name="domain" label=move_tr!("login-domain")
                            value="Default" error=error/>
                        <div role="alert" data-testid="login-error" class="text-sm text-red-700">{form_error}</div>
                        <button type="submit" class=format!("{BUTTON} w-full") disabled=move || login.pending().get()>
                            {move || if login.pending().get() { move_tr!("login-signing-in").get() } else { move_tr!("login-submit").get() }}
                        </button>
                    </ActionForm>
                </div>
            </div>
        </main>
    }
}
