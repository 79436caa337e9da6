//! Project → Object Store: Swift containers and an object browser with
//! pseudo-folders, streamed uploads and downloads, and bulk operations.

mod container;
mod object;
mod object_detail;
mod upload;

pub use container::ContainersPage;
pub use object::ObjectBrowserPage;

use crate::error::AppError;

/// The listing page size: the user's, or Swift's largest for "All".
#[cfg(feature = "ssr")]
pub(crate) fn page_limit(prefs: &crate::model::Prefs) -> u32 {
    if prefs.page_size > 0 {
        prefs.page_size
    } else {
        10_000
    }
}

/// Percent-encodes one URL path segment: everything but RFC 3986's
/// unreserved characters, so `/`, `?`, `#` and `%` in a name stay inside it.
pub fn encode_segment(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// The object browser's address for a container and folder.
pub fn browser_href(container: &str, prefix: &str) -> String {
    let base = format!("/project/containers/{}", encode_segment(container));
    if prefix.is_empty() {
        base
    } else {
        format!(
            "{base}{}",
            crate::ui::query_string(&[("prefix", prefix.to_owned())])
        )
    }
}

/// Where Zenith streams an object's data from (GET) and to (PUT).
pub fn data_href(container: &str, object: &str) -> String {
    format!(
        "/data/objects/{}/{}",
        encode_segment(container),
        encode_segment(object)
    )
}

/// The folders of a prefix, each with the prefix that opens it:
/// `a/b/` → `[("a", "a/"), ("b", "a/b/")]`.
pub fn breadcrumbs(prefix: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut upto = String::new();
    for part in prefix.split_inclusive('/') {
        upto.push_str(part);
        let label = part.strip_suffix('/').unwrap_or(part);
        out.push((label.to_owned(), upto.clone()));
    }
    out
}

/// A name shown inside its folder: the part after `prefix`.
pub fn leaf(name: &str, prefix: &str) -> String {
    name.strip_prefix(prefix).unwrap_or(name).to_owned()
}

/// Swift's rules for a container name: 1 to 256 bytes, no `/`.
pub fn check_container_name(name: &str) -> Result<&str, AppError> {
    if name.trim().is_empty() {
        return Err(AppError::invalid("name", "containers-name-required"));
    }
    if name.contains('/') {
        return Err(AppError::invalid("name", "containers-name-slash"));
    }
    if name.len() > 256 {
        return Err(AppError::invalid("name", "containers-name-too-long"));
    }
    Ok(name)
}

/// Swift's rule for an object name: 1 to 1024 bytes.
pub fn check_object_name<'a>(name: &'a str, field: &str) -> Result<&'a str, AppError> {
    if name.is_empty() || name.ends_with("//") {
        return Err(AppError::invalid(field, "objects-name-required"));
    }
    if name.len() > 1024 {
        return Err(AppError::invalid(field, "objects-name-too-long"));
    }
    Ok(name)
}

/// A folder name typed by the user: no `/` inside; the object is `name/`.
pub fn check_folder_name(name: &str) -> Result<&str, AppError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid("folder", "objects-folder-required"));
    }
    if name.contains('/') {
        return Err(AppError::invalid("folder", "objects-folder-slash"));
    }
    Ok(name)
}

/// Metadata as Swift takes it: names of letters, digits and `-` up to 128
/// bytes (HTTP servers drop headers with `_`), values up to 256 bytes, at
/// most 90 items.
/// Returns the pairs trimmed, without blank rows.
pub fn check_metadata(pairs: &[(String, String)]) -> Result<Vec<(String, String)>, AppError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (k, v) in pairs {
        let (k, v) = (k.trim(), v.trim());
        if k.is_empty() && v.is_empty() {
            continue;
        }
        if k.is_empty()
            || k.len() > 128
            || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(AppError::invalid("meta", "storage-meta-key-invalid"));
        }
        if v.len() > 256 || v.chars().any(|c| c.is_control()) {
            return Err(AppError::invalid("meta", "storage-meta-value-invalid"));
        }
        let key = k.to_ascii_lowercase();
        if out.iter().any(|(o, _)| *o == key) {
            return Err(AppError::invalid("meta", "storage-meta-key-duplicate"));
        }
        out.push((key, v.to_owned()));
    }
    if out.len() > 90 {
        return Err(AppError::invalid("meta", "storage-meta-too-many"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_encoded_as_one_segment() {
        assert_eq!(
            data_href("my c", "a/b?c#d%e <img>.html"),
            "/data/objects/my%20c/a%2Fb%3Fc%23d%25e%20%3Cimg%3E.html"
        );
        assert_eq!(browser_href("c", ""), "/project/containers/c");
        assert_eq!(
            browser_href("c", "docs/a b/"),
            "/project/containers/c?prefix=docs%2Fa%20b%2F"
        );
    }

    #[test]
    fn breadcrumbs_follow_the_prefix() {
        assert_eq!(breadcrumbs(""), Vec::<(String, String)>::new());
        assert_eq!(
            breadcrumbs("docs/guide/"),
            vec![
                ("docs".to_string(), "docs/".to_string()),
                ("guide".to_string(), "docs/guide/".to_string())
            ]
        );
        assert_eq!(leaf("docs/guide/intro.txt", "docs/guide/"), "intro.txt");
    }

    #[test]
    fn container_names_follow_swift() {
        assert!(check_container_name("backups 2026").is_ok());
        assert!(check_container_name("").is_err());
        assert!(check_container_name("a/b").is_err());
        assert!(check_container_name(&"x".repeat(257)).is_err());
        assert!(check_object_name(&"x".repeat(1025), "name").is_err());
        assert!(check_folder_name("a/b").is_err());
        assert_eq!(check_folder_name(" logs "), Ok("logs"));
    }

    #[test]
    fn metadata_is_checked() {
        let p = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(
            check_metadata(&[p("Owner", " ops "), p("", "")]),
            Ok(vec![p("owner", "ops")])
        );
        assert!(check_metadata(&[p("bad key", "x")]).is_err());
        assert!(check_metadata(&[p("under_score", "x")]).is_err());
        assert!(check_metadata(&[p("a", "x"), p("A", "y")]).is_err());
        assert!(check_metadata(&[p("a", &"v".repeat(257))]).is_err());
        let many: Vec<_> = (0..91).map(|i| p(&format!("k{i}"), "v")).collect();
        assert!(check_metadata(&many).is_err());
    }
}
