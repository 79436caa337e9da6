//! Fluent translations for every string a user sees, from `locales/`.

use leptos::prelude::*;
use leptos_fluent::{leptos_fluent, I18n};

#[component]
pub fn I18nProvider(children: Children) -> impl IntoView {
    leptos_fluent! {
        children: children(),
        locales: "../locales",
        default_language: "en",
        // Plain text, without Unicode isolation marks around arguments.
        customise: |bundle| bundle.set_use_isolating(false),
        sync_html_tag_lang: true,
        cookie_name: "lang",
        cookie_attrs: "Path=/; Max-Age=31536000; SameSite=Lax",
        initial_language_from_cookie: true,
        set_language_to_cookie: true,
        initial_language_from_accept_language_header: true,
    }
}

/// Translates a message id known only at run time (e.g. from an error).
pub fn tr_dynamic(key: &str) -> String {
    expect_context::<I18n>().tr(key)
}

/// As [`tr_dynamic`], with arguments.
pub fn tr_dynamic_args(key: &str, args: &[(&'static str, String)]) -> String {
    let map = args
        .iter()
        .map(|(k, v)| ((*k).into(), v.clone().into()))
        .collect();
    expect_context::<I18n>().tr_with_args(key, &map)
}

/// As [`tr_dynamic`], with one number argument, so Fluent can pick the
/// plural form (a string argument always selects `other`).
pub fn tr_count(key: &str, name: &'static str, n: i64) -> String {
    let map = [(name.into(), n.into())].into_iter().collect();
    expect_context::<I18n>().tr_with_args(key, &map)
}

/// The active language's code, e.g. `de`.
pub fn current_language() -> String {
    expect_context::<I18n>().language.get().id.to_string()
}
