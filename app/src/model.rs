//! Data that server functions send to the browser. Never a token.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRef {
    pub id: String,
    pub name: String,
    pub domain_name: String,
}

/// What the shell needs to know about the logged-in user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user_id: String,
    pub user_name: String,
    pub user_domain: String,
    pub project: ProjectRef,
    pub projects: Vec<ProjectRef>,
    pub region: String,
    pub regions: Vec<String>,
    pub roles: Vec<String>,
    pub is_admin: bool,
    /// Service types in the catalog for this region, for the navigation.
    pub services: Vec<String>,
    /// When the Keystone token expires, formatted for the user.
    pub expires_at_display: String,
    /// Seconds left until then, so the browser can end the session on time.
    pub expires_in_secs: i64,
}

impl SessionInfo {
    pub fn has_service(&self, service_type: &str) -> bool {
        self.services.iter().any(|s| s == service_type)
    }
}

/// The user's display preferences, remembered per browser in cookies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    pub language: String,
    pub timezone: String,
    pub page_size: u32,
}

/// 0 is "all": one page with everything (for small clouds and benchmarks).
pub const PAGE_SIZES: [u32; 5] = [10, 20, 50, 100, 0];
pub const DEFAULT_PAGE_SIZE: u32 = 20;
pub const LANGUAGES: [&str; 4] = ["en", "ja", "de", "zh-CN"];

/// The cookies that hold [`Prefs`]. `lang` is shared with leptos-fluent.
pub const COOKIE_LANG: &str = "lang";
pub const COOKIE_TZ: &str = "tz";
pub const COOKIE_PAGE_SIZE: &str = "page_size";

/// One page of a list that the server pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// 1-based.
    pub page: u32,
    pub pages: u32,
    pub total: usize,
}

impl<T> Page<T> {
    /// Cuts page `page` of `page_size` items out of `all`.
    pub fn of(all: Vec<T>, page: u32, page_size: u32) -> Page<T> {
        let size = if page_size == 0 {
            all.len().max(1)
        } else {
            page_size as usize
        };
        let total = all.len();
        let pages = total.div_ceil(size).max(1) as u32;
        let page = page.clamp(1, pages);
        let items = all
            .into_iter()
            .skip((page as usize - 1) * size)
            .take(size)
            .collect();
        Page {
            items,
            page,
            pages,
            total,
        }
    }
}

/// A service in the catalog with its endpoint for the session's region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRow {
    pub service_type: String,
    pub name: String,
    pub interface: String,
    pub region: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectRow {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub description: String,
    pub enabled: bool,
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub email: String,
    pub enabled: bool,
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn pages_cut_and_clamp() {
        let p = Page::of((1..=45).collect::<Vec<_>>(), 3, 20);
        assert_eq!((p.page, p.pages, p.total, p.items.len()), (3, 3, 45, 5));
        assert_eq!(p.items[0], 41);
        let p = Page::of((1..=45).collect::<Vec<_>>(), 9, 20);
        assert_eq!(p.page, 3);
        let p = Page::of(Vec::<u8>::new(), 1, 20);
        assert_eq!((p.page, p.pages, p.total), (1, 1, 0));
    }
}
