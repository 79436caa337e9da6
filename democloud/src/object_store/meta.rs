//! Metadata headers: Swift's limits (`check_metadata`) and how account,
//! container and object metadata are updated from a request.

use axum::http::{HeaderMap, StatusCode};

use super::storage::Meta;
use super::{
    Fault, MAX_HEADER_SIZE, MAX_META_COUNT, MAX_META_NAME_LENGTH, MAX_META_OVERALL_SIZE,
    MAX_META_VALUE_LENGTH,
};

/// Headers an object keeps besides `X-Object-Meta-*` (the object server's
/// default `allowed_headers`; the SLO flag is kept apart).
pub const OBJECT_HEADERS: &[&str] = &[
    "content-disposition",
    "content-encoding",
    "cache-control",
    "content-language",
    "expires",
    "x-robots-tag",
];

/// `check_metadata(req, target)`: the limits on the request's
/// `X-<target>-Meta-*` headers, with Swift's messages.
pub fn check(headers: &HeaderMap, target: &str) -> Result<(), Fault> {
    let prefix = format!("x-{target}-meta-");
    let (mut count, mut size) = (0usize, 0usize);
    for (name, value) in headers {
        let name = name.as_str();
        let value = value.as_bytes();
        if value.len() > MAX_HEADER_SIZE {
            let shown: String = name.chars().take(MAX_META_NAME_LENGTH).collect();
            return Err(Fault::bad_request(format!(
                "Header value too long: {shown}"
            )));
        }
        let Some(key) = name.strip_prefix(prefix.as_str()) else {
            continue;
        };
        if key.is_empty() {
            return Err(Fault::bad_request("Metadata name cannot be empty"));
        }
        if target != "object" && std::str::from_utf8(value).is_err() {
            return Err(Fault::bad_request("Metadata must be valid UTF-8"));
        }
        count += 1;
        size += key.len() + value.len();
        if key.len() > MAX_META_NAME_LENGTH {
            return Err(Fault::bad_request(format!(
                "Metadata name too long: {prefix}{key}"
            )));
        }
        if value.len() > MAX_META_VALUE_LENGTH {
            return Err(Fault::bad_request(format!(
                "Metadata value longer than {MAX_META_VALUE_LENGTH}: {prefix}{key}"
            )));
        }
        if count > MAX_META_COUNT {
            return Err(Fault::bad_request(format!(
                "Too many metadata items; max {MAX_META_COUNT}"
            )));
        }
        if size > MAX_META_OVERALL_SIZE {
            return Err(Fault::bad_request(format!(
                "Total metadata too large; max {MAX_META_OVERALL_SIZE}"
            )));
        }
    }
    Ok(())
}

fn text(value: &[u8]) -> String {
    String::from_utf8_lossy(value).into_owned()
}

/// Applies an account or container request's metadata to `stored`:
/// `X-<target>-Meta-K: v` sets K, an empty value or `X-Remove-<target>-Meta-K`
/// removes it. Then the totals are checked as the database does.
pub fn merge(stored: &mut Meta, headers: &HeaderMap, target: &str) -> Result<(), Fault> {
    let prefix = format!("x-{target}-meta-");
    let remove = format!("x-remove-{target}-meta-");
    for (name, _) in headers {
        if let Some(key) = name.as_str().strip_prefix(remove.as_str()) {
            stored.remove(&format!("{prefix}{key}"));
        }
    }
    for (name, value) in headers {
        if name.as_str().starts_with(prefix.as_str()) {
            if value.is_empty() {
                stored.remove(name.as_str());
            } else {
                stored.insert(name.as_str().to_owned(), text(value.as_bytes()));
            }
        }
    }
    let count = stored
        .keys()
        .filter(|k| k.starts_with(prefix.as_str()))
        .count();
    let size: usize = stored
        .iter()
        .filter_map(|(k, v)| k.strip_prefix(prefix.as_str()).map(|k| k.len() + v.len()))
        .sum();
    if count > MAX_META_COUNT {
        return Err(Fault::html(
            StatusCode::BAD_REQUEST,
            format!("Too many metadata items; max {MAX_META_COUNT}"),
        ));
    }
    if size > MAX_META_OVERALL_SIZE {
        return Err(Fault::html(
            StatusCode::BAD_REQUEST,
            format!("Total metadata too large; max {MAX_META_OVERALL_SIZE}"),
        ));
    }
    Ok(())
}

/// The metadata an object PUT or POST stores: `X-Object-Meta-*` (empty
/// values dropped) and the [`OBJECT_HEADERS`]. A POST replaces it all.
pub fn object(headers: &HeaderMap) -> Meta {
    let mut meta = Meta::new();
    for (name, value) in headers {
        let n = name.as_str();
        let keep =
            (n.starts_with("x-object-meta-") && !value.is_empty()) || OBJECT_HEADERS.contains(&n);
        if keep {
            meta.insert(n.to_owned(), text(value.as_bytes()));
        }
    }
    meta
}

/// `check_delete_headers`: `X-Delete-After` (seconds from now) or
/// `X-Delete-At` (Unix seconds), which must lie in the future. Returns the
/// expiry, if any. `now` is in microseconds.
pub fn delete_at(headers: &HeaderMap, now: i64) -> Result<Option<i64>, Fault> {
    let now_secs = now as f64 / 1e6;
    let h = |n: &str| super::header_str(headers, n).map(str::trim);
    let mut at = None;
    if let Some(after) = h("x-delete-after") {
        let after: i64 = after
            .parse()
            .map_err(|_| Fault::bad_request("Non-integer X-Delete-After"))?;
        // normalize_delete_at_timestamp truncates to whole seconds.
        let when = (now_secs + after as f64).floor() as i64;
        if (when as f64) <= now_secs {
            return Err(Fault::bad_request("X-Delete-After in past"));
        }
        at = Some(when);
    } else if let Some(given) = h("x-delete-at") {
        let when: i64 = given
            .parse()
            .map_err(|_| Fault::bad_request("Non-integer X-Delete-At"))?;
        at = Some(when.max(0));
    }
    if let Some(when) = at {
        if (when as f64) <= now_secs {
            return Err(Fault::bad_request("X-Delete-At in past"));
        }
    }
    Ok(at)
}
