//! How a Heat status (`CREATE_COMPLETE`, `DELETE_IN_PROGRESS`…) reads: a
//! translated badge whose text, not only its colour, carries the meaning.

use leptos::prelude::*;

use crate::i18n::tr_dynamic;

/// Whether a stack or resource in this status is still changing.
pub fn in_progress(status: &str) -> bool {
    status.ends_with("_IN_PROGRESS")
}

/// The badge colours: green done, red failed, amber working, grey else.
pub fn status_class(status: &str) -> &'static str {
    if status.ends_with("_FAILED") {
        "bg-red-100 text-red-900"
    } else if in_progress(status) {
        "bg-amber-100 text-amber-900"
    } else if status.ends_with("_COMPLETE")
        && !status.starts_with("DELETE")
        && !status.starts_with("INIT")
    {
        "bg-green-100 text-green-900"
    } else {
        "bg-slate-200 text-slate-800"
    }
}

/// `CREATE_COMPLETE` → "Create complete", in the user's language.
pub fn status_text(status: &str) -> String {
    let (action, state) = status
        .rsplit_once("_IN_PROGRESS")
        .map(|(a, _)| (a, "IN_PROGRESS"))
        .or_else(|| status.rsplit_once('_'))
        .unwrap_or((status, ""));
    let key = |prefix: &str, word: &str| {
        format!("{prefix}-{}", word.to_ascii_lowercase().replace('_', "-"))
    };
    let a = tr_dynamic(&key("stack-action", action));
    let s = tr_dynamic(&key("stack-state", state));
    if a.starts_with("Unknown localization") || s.starts_with("Unknown localization") {
        return status.to_string();
    }
    crate::i18n::tr_dynamic_args("stack-status-text", &[("action", a), ("state", s)])
}

#[component]
pub fn StackStatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let class = format!(
        "inline-flex rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap {}",
        status_class(&status)
    );
    let (raw, title) = (status.clone(), status.clone());
    view! {
        <span class=class data-status=raw title=title>{move || status_text(&status)}</span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_sort_into_colours() {
        assert!(status_class("CREATE_FAILED").contains("red"));
        assert!(status_class("UPDATE_IN_PROGRESS").contains("amber"));
        assert!(status_class("CHECK_COMPLETE").contains("green"));
        assert!(status_class("DELETE_COMPLETE").contains("slate"));
        assert!(in_progress("DELETE_IN_PROGRESS"));
        assert!(!in_progress("DELETE_COMPLETE"));
    }
}
