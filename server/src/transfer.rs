//! What the data routes (`/data/images`, `/data/objects`) share: the JSON
//! error body the browser translates, the user's cloud session, and safe
//! `Content-Disposition` headers for downloads.

use app::error::AppError;
use app::ssr::Backend;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use tower_sessions::Session;

/// The error body: the Fluent `key` and an English `message`, plus the
/// whole [`AppError`] so the browser can render it with its arguments.
pub fn error_response(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = json!({"error": {
        "key": err.message_key(),
        "message": err.to_string(),
        "status": status.as_u16(),
        "app_error": err,
    }});
    (status, Json(body)).into_response()
}

/// The user's client session for the cloud, or why there is none.
pub async fn api(session: &Session, backend: &Backend) -> Result<openstack::Session, AppError> {
    let login = app::ssr::session::load(session).await?;
    Ok(login.api(backend))
}

/// `Content-Length` of a request, if it sent one; a malformed one is the
/// user's error.
pub fn content_length(headers: &HeaderMap) -> Result<Option<u64>, AppError> {
    match headers.get(header::CONTENT_LENGTH) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .map(Some)
            .ok_or_else(|| AppError::invalid("file", "error-bad-request")),
    }
}

/// Headers for a download that must never render on Zenith's origin: an
/// opaque type, `nosniff`, an attachment, and a CSP that sandboxes it even
/// if a browser ignored the rest.
pub fn attachment_headers(filename: &str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    if let Ok(v) = HeaderValue::from_str(&content_disposition(filename)) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers
}

/// `<name>.<ext>` made safe as a file name on any system: no path
/// separators, control or reserved characters, no leading dots.
pub fn download_filename(name: &str, ext: Option<&str>, fallback: &str) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
                c if c.is_control() => '_',
                c => c,
            })
            .collect()
    };
    let mut base: String = clean(name)
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .chars()
        .take(200)
        .collect();
    if base.is_empty() {
        base = fallback.to_owned();
    }
    let Some(ext) = ext.map(clean).filter(|f| !f.is_empty()) else {
        return base;
    };
    let suffix = format!(".{}", ext.to_lowercase());
    if base.to_lowercase().ends_with(&suffix) {
        base
    } else {
        format!("{base}.{ext}")
    }
}

/// `attachment` with an ASCII `filename` for old clients and, for names
/// beyond ASCII (or with a `%`, which browsers may decode in `filename`),
/// the exact one as RFC 5987 `filename*`.
pub fn content_disposition(filename: &str) -> String {
    let ascii: String = filename
        .chars()
        .map(|c| match c {
            '"' | '\\' | '%' => '_',
            c if c.is_ascii() && !c.is_control() => c,
            _ => '_',
        })
        .collect();
    if ascii == filename {
        return format!("attachment; filename=\"{ascii}\"");
    }
    format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        rfc5987_encode(filename)
    )
}

/// Percent-encodes everything but RFC 5987 `attr-char`.
fn rfc5987_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filenames_are_safe() {
        let f = |n, e| download_filename(n, e, "image");
        assert_eq!(f("cirros", Some("qcow2")), "cirros.qcow2");
        assert_eq!(f("cirros.QCOW2", Some("qcow2")), "cirros.QCOW2");
        assert_eq!(f("../../etc/passwd", Some("raw")), "_.._etc_passwd.raw");
        assert_eq!(f("a\"b\\c\r\nd", None), "a_b_c__d");
        assert_eq!(f("...", Some("iso")), "image.iso");
        assert_eq!(f(" ", None), "image");
        assert_eq!(f(&"x".repeat(500), None).len(), 200);
        assert_eq!(
            download_filename("<img src=x onerror=alert(1)>.html", None, "object"),
            "_img src=x onerror=alert(1)_.html"
        );
    }

    #[test]
    fn non_ascii_names_use_filename_star() {
        assert_eq!(
            content_disposition("cirros.qcow2"),
            "attachment; filename=\"cirros.qcow2\""
        );
        assert_eq!(
            content_disposition("Ubuntu 日本.raw"),
            "attachment; filename=\"Ubuntu __.raw\"; filename*=UTF-8''Ubuntu%20%E6%97%A5%E6%9C%AC.raw"
        );
        assert_eq!(
            content_disposition("a%20b"),
            "attachment; filename=\"a_20b\"; filename*=UTF-8''a%2520b"
        );
        assert_eq!(
            content_disposition("ü;\"x"),
            "attachment; filename=\"_;_x\"; filename*=UTF-8''%C3%BC%3B%22x"
        );
    }

    #[test]
    fn downloads_cannot_render() {
        let h = attachment_headers("a.html");
        assert_eq!(h[header::CONTENT_TYPE], "application/octet-stream");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            h[header::CONTENT_DISPOSITION],
            "attachment; filename=\"a.html\""
        );
        assert!(h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .is_ok_and(|v| v.starts_with("sandbox")));
    }

    #[test]
    fn errors_carry_the_message_key() {
        let res = error_response(AppError::NotLoggedIn);
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let res = error_response(AppError::Cloud {
            status: 409,
            message: "busy".into(),
        });
        assert_eq!(res.status(), StatusCode::CONFLICT);
    }

    #[test]
    fn content_length_is_checked() {
        let mut h = HeaderMap::new();
        assert_eq!(content_length(&h), Ok(None));
        h.insert(header::CONTENT_LENGTH, HeaderValue::from_static("12"));
        assert_eq!(content_length(&h), Ok(Some(12)));
        h.insert(header::CONTENT_LENGTH, HeaderValue::from_static("x"));
        assert!(content_length(&h).is_err());
    }
}
