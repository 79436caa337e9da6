//! How a server's state reads: Nova's statuses and power states, translated,
//! with a badge whose text (never colour alone) carries the meaning.

use leptos::prelude::*;

use crate::i18n::{tr_count, tr_dynamic};

/// The statuses a user can filter by, as Nova names them.
pub const STATUSES: [&str; 9] = [
    "ACTIVE",
    "BUILD",
    "SHUTOFF",
    "PAUSED",
    "SUSPENDED",
    "SHELVED_OFFLOADED",
    "VERIFY_RESIZE",
    "REBOOT",
    "ERROR",
];

/// Whether a server is between states, so its view should refresh.
pub fn is_transitional(status: &str, task_state: &str) -> bool {
    !task_state.is_empty()
        || matches!(
            status,
            "BUILD" | "REBOOT" | "HARD_REBOOT" | "RESIZE" | "MIGRATING" | "REBUILD"
        )
}

/// The translated name of a Nova status; unknown ones as Nova says them.
pub fn status_text(status: &str) -> String {
    translated_or(
        &format!("status-{}", status.to_ascii_lowercase().replace('_', "-")),
        status,
    )
}

/// The translated task state (`powering-off` …), or Nova's own word.
pub fn task_text(task: &str) -> String {
    if task.is_empty() {
        return String::new();
    }
    translated_or(&format!("task-{}", task.replace('_', "-")), task)
}

fn translated_or(key: &str, fallback: &str) -> String {
    let text = tr_dynamic(key);
    if text.starts_with("Unknown localization") {
        fallback.to_string()
    } else {
        text
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "ACTIVE" => "bg-green-100 text-green-900",
        "ERROR" => "bg-red-100 text-red-900",
        "SHUTOFF" | "SHELVED_OFFLOADED" | "SHELVED" | "SUSPENDED" | "PAUSED" => {
            "bg-slate-200 text-slate-800"
        }
        _ => "bg-amber-100 text-amber-900",
    }
}

/// Nova's power states by number.
pub fn power_text(state: Option<i64>) -> String {
    let key = match state {
        Some(1) => "power-running",
        Some(3) => "power-paused",
        Some(4) => "power-shutdown",
        Some(6) => "power-crashed",
        Some(7) => "power-suspended",
        _ => "power-nostate",
    };
    tr_dynamic(key)
}

/// How long ago, in the largest whole unit ("3 hours").
pub fn age_text(seconds: i64) -> String {
    let s = seconds.max(0);
    match s {
        0..60 => tr_count("age-seconds", "n", s),
        60..3600 => tr_count("age-minutes", "n", s / 60),
        3600..86400 => tr_count("age-hours", "n", s / 3600),
        _ => tr_count("age-days", "n", s / 86400),
    }
}

#[component]
pub fn StatusBadge(#[prop(into)] status: String) -> impl IntoView {
    let class = format!(
        "rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap {}",
        status_class(&status)
    );
    let data = status.clone();
    view! {
        <span data-testid="status-badge" data-status=data class=class>
            {move || status_text(&status)}
        </span>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_servers_are_transitional() {
        assert!(is_transitional("BUILD", ""));
        assert!(is_transitional("ACTIVE", "powering-off"));
        assert!(!is_transitional("ACTIVE", ""));
        assert!(!is_transitional("ERROR", ""));
    }
}
