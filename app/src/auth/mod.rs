//! Logging in and out, and switching project and region.

mod api;
mod login;

pub use api::*;
pub use login::LoginPage;

/// Where to go after a switch: a path on this site, never elsewhere.
pub fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/project"
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next("/identity/projects"), "/identity/projects");
        assert_eq!(safe_next("//evil.example/x"), "/project");
        assert_eq!(safe_next("https://evil.example"), "/project");
        assert_eq!(safe_next("/\\evil.example"), "/project");
        assert_eq!(safe_next(""), "/project");
    }
}
