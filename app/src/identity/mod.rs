//! Identity → Projects and Users.

mod project;
mod user;

pub use project::{list_projects, ProjectsPage};
pub use user::{list_users, UsersPage};

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

/// The `?page=` of the current URL, and a way to change it.
pub fn page_param() -> (Signal<u32>, Callback<u32>) {
    let query = use_query_map();
    let page = Signal::derive(move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(1)
    });
    let navigate = use_navigate();
    let go = Callback::new(move |p: u32| navigate(&format!("?page={p}"), Default::default()));
    (page, go)
}
