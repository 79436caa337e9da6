//! The request's language, time zone and page size, from cookies and
//! Accept-Language.

use crate::model::{
    Prefs, COOKIE_LANG, COOKIE_PAGE_SIZE, COOKIE_TZ, DEFAULT_PAGE_SIZE, LANGUAGES, PAGE_SIZES,
};

fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name).then_some(v)
    })
}

/// Picks the best supported language from an Accept-Language header.
pub fn language_from_accept(header: &str) -> Option<&'static str> {
    let mut ranges: Vec<(f32, &str)> = header
        .split(',')
        .filter_map(|part| {
            let mut bits = part.trim().split(';');
            let tag = bits.next()?.trim();
            let q = bits
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse().ok())
                .unwrap_or(1.0);
            Some((q, tag))
        })
        .collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges.into_iter().find_map(|(_, tag)| match_language(tag))
}

fn match_language(tag: &str) -> Option<&'static str> {
    let tag = tag.to_ascii_lowercase();
    if tag.starts_with("zh") {
        return Some("zh-CN");
    }
    let primary = tag.split('-').next()?;
    LANGUAGES
        .iter()
        .copied()
        .find(|l| l.eq_ignore_ascii_case(primary))
}

/// Preferences from the headers of a request.
pub fn from_headers(headers: &http::HeaderMap) -> Prefs {
    let cookies: Vec<&str> = headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let find = |name: &str| cookies.iter().find_map(|c| cookie(c, name));
    let language = find(COOKIE_LANG)
        .and_then(match_language)
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(language_from_accept)
        })
        .unwrap_or("en");
    let timezone = find(COOKIE_TZ)
        .map(|tz| tz.replace("%2F", "/"))
        .filter(|tz| crate::format::is_timezone(tz))
        .unwrap_or_else(|| "UTC".to_string());
    let page_size = find(COOKIE_PAGE_SIZE)
        .and_then(|s| s.parse().ok())
        .filter(|n| PAGE_SIZES.contains(n))
        .unwrap_or(DEFAULT_PAGE_SIZE);
    Prefs {
        language: language.to_string(),
        timezone,
        page_size,
    }
}

/// Preferences of the request being served.
pub fn current() -> Prefs {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|parts| from_headers(&parts.headers))
        .unwrap_or_else(|| Prefs {
            language: "en".into(),
            timezone: "UTC".into(),
            page_size: DEFAULT_PAGE_SIZE,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(language_from_accept("ja,en;q=0.8"), Some("ja"));
        assert_eq!(language_from_accept("fr;q=1.0, de;q=0.9"), Some("de"));
        assert_eq!(language_from_accept("zh-TW;q=0.5, en;q=0.4"), Some("zh-CN"));
        assert_eq!(language_from_accept("en;q=0.2, ja;q=0.9"), Some("ja"));
        assert_eq!(language_from_accept("fr, it"), None);
    }

    #[test]
    fn cookies_override_and_bad_values_fall_back() {
        let mut h = http::HeaderMap::new();
        h.insert(http::header::ACCEPT_LANGUAGE, "de".parse().unwrap());
        h.insert(
            http::header::COOKIE,
            "lang=ja; tz=Asia%2FTokyo; page_size=50".parse().unwrap(),
        );
        let p = from_headers(&h);
        assert_eq!(
            (p.language.as_str(), p.timezone.as_str(), p.page_size),
            ("ja", "Asia/Tokyo", 50)
        );

        h.insert(
            http::header::COOKIE,
            "tz=Nowhere; page_size=7".parse().unwrap(),
        );
        let p = from_headers(&h);
        assert_eq!(
            (p.language.as_str(), p.timezone.as_str(), p.page_size),
            ("de", "UTC", 20)
        );
    }
}
