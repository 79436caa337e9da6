//! Small building blocks shared by every page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::{tr_dynamic, tr_dynamic_args};

/// The translated text for an error.
pub fn error_text(err: &AppError) -> String {
    match err {
        AppError::Unreachable { service } | AppError::Timeout { service } => {
            tr_dynamic_args(err.message_key(), &[("service", service.clone())])
        }
        AppError::Cloud { status, message } => tr_dynamic_args(
            err.message_key(),
            &[("status", status.to_string()), ("message", message.clone())],
        ),
        AppError::Refused { message, .. } => {
            tr_dynamic_args(err.message_key(), &[("message", message.clone())])
        }
        AppError::Internal(detail) => {
            tr_dynamic_args(err.message_key(), &[("detail", detail.clone())])
        }
        _ => tr_dynamic(err.message_key()),
    }
}

/// A page-level alert for an error that belongs to no single field.
#[component]
pub fn ErrorBanner(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            view! {
                <div role="alert" class="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-800">
                    {error_text(&e)}
                </div>
            }
        })
    }
}

/// The translated message of `error` when it is about `field`, for the
/// line under that field.
pub fn field_error(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> + Copy {
    move || {
        error
            .get()
            .filter(|e| e.field() == Some(field))
            .map(|e| error_text(&e))
    }
}

/// `error` unless it is about a field, for the banner under a form.
pub fn form_error(error: Signal<Option<AppError>>) -> Signal<Option<AppError>> {
    Signal::derive(move || error.get().filter(|e| e.field().is_none()))
}

/// A labelled input that shows its own error underneath.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] name: String,
    #[prop(into, default = "text".to_string())] kind: String,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] autocomplete: String,
    #[prop(optional)] required: bool,
    /// The error of the last submission, shown here if it is about this field.
    #[prop(into)]
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let field = name.clone();
    let message = move || match error.get() {
        Some(e @ AppError::InvalidInput { .. }) if matches!(&e, AppError::InvalidInput { field: f, .. } if *f == field) => {
            Some(error_text(&e))
        }
        _ => None,
    };
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    let invalid = {
        let message = message.clone();
        move || message().is_some()
    };
    view! {
        <div class="space-y-1">
            <label for=id.clone() class="block text-sm font-medium text-slate-700">{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                aria-invalid=move || invalid().to_string()
                aria-describedby=described
                class="block w-full rounded-md border border-slate-300 px-3 py-2 text-slate-900 shadow-sm focus:border-sky-600 focus:outline-none focus:ring-2 focus:ring-sky-600 aria-[invalid=true]:border-red-500"
            />
            <p id=error_id class="text-sm text-red-700" role="alert">{message}</p>
        </div>
    }
}

/// A heading with an optional description, at the top of every page.
#[component]
pub fn PageHeader(
    #[prop(into)] title: Signal<String>,
    #[prop(into, optional)] description: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <header class="mb-6">
            <h1 class="text-2xl font-semibold text-slate-900">{title}</h1>
            {description.map(|d| view! { <p class="mt-1 text-sm text-slate-600">{d}</p> })}
        </header>
    }
}

/// A loading placeholder that screen readers announce.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="text-sm text-slate-500" role="status" aria-live="polite">
            {leptos_fluent::move_tr!("common-loading")}
        </p>
    }
}

pub const TABLE: &str = "min-w-full divide-y divide-slate-200 text-sm";
pub const TH: &str = "px-3 py-2 text-left font-semibold text-slate-700 whitespace-nowrap";
pub const TD: &str = "px-3 py-2 text-slate-800 align-top";
pub const CARD: &str = "rounded-lg border border-slate-200 bg-white p-4 shadow-sm";
pub const BUTTON: &str = "inline-flex items-center justify-center rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600 focus-visible:ring-offset-2 disabled:opacity-60";
pub const SELECT: &str = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-600";

/// A simple "page X of Y" control for server-side paged lists.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<u32>,
    #[prop(into)] pages: Signal<u32>,
    on_page: Callback<u32>,
) -> impl IntoView {
    let page_text = move || {
        tr_dynamic_args(
            "common-page-of",
            &[
                ("page", page.get().to_string()),
                ("pages", pages.get().max(1).to_string()),
            ],
        )
    };
    // One page needs no pager.
    let hidden = move || pages.get() <= 1;
    view! {
        <nav class="mt-3 flex items-center gap-3 text-sm" class:hidden=hidden aria-label=move || tr_dynamic("common-pagination")>
            <button
                type="button"
                class="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600"
                disabled=move || { page.get() <= 1 }
                on:click=move |_| on_page.run(page.get().saturating_sub(1).max(1))
            >
                {leptos_fluent::move_tr!("common-previous")}
            </button>
            <span>{page_text}</span>
            <button
                type="button"
                class="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600"
                disabled=move || { page.get() >= pages.get() }
                on:click=move |_| on_page.run(page.get() + 1)
            >
                {leptos_fluent::move_tr!("common-next")}
            </button>
        </nav>
    }
}

/// Renders a server function's result: `ok` for the data, a banner for an error.
pub fn fetched<T>(result: Result<T, AppError>, ok: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        Ok(value) => ok(value),
        Err(e) => view! { <ErrorBanner error=Signal::derive(move || Some(e.clone()))/> }.into_any(),
    }
}

/// A table with translated column headings; `row` renders each item as a `<tr>`.
#[component]
pub fn DataTable<T, R, V>(
    #[prop(into)] testid: String,
    headers: Vec<Signal<String>>,
    items: Vec<T>,
    row: R,
) -> impl IntoView
where
    T: 'static,
    R: Fn(T) -> V + 'static,
    V: IntoView + 'static,
{
    view! {
        <div class="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table class=TABLE data-testid=testid>
                <thead class="bg-slate-50">
                    <tr>
                        {headers.into_iter().map(|h| view! { <th class=TH scope="col">{h}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody class="divide-y divide-slate-100">{items.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// "Yes" or "No", translated.
pub fn yes_no(value: bool) -> Signal<String> {
    if value {
        leptos_fluent::move_tr!("common-yes")
    } else {
        leptos_fluent::move_tr!("common-no")
    }
}

/// `?a=1&b=2` from the pairs with a value, percent-encoded.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    // RFC 3986's unreserved characters stay as they are (`sort=-name`).
    const VALUE: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", utf8_percent_encode(v, VALUE)))
        .collect();
    format!("?{}", parts.join("&"))
}

/// Puts text on the clipboard; nothing happens during server rendering.
pub fn copy_to_clipboard(text: &str) {
    #[cfg(feature = "hydrate")]
    {
        let _ = window().navigator().clipboard().write_text(text);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = text;
}
