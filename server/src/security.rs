//! Security headers on every response, and the Origin check that stops
//! cross-site request forgery.

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ServerError;

/// The policy for responses that are not pages (pages get one with a nonce).
const DEFAULT_CSP: &str =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/// The policy for a page rendered with `nonce`.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Adds the security headers that every response carries.
pub async fn headers(secure: bool, req: Request, next: Next) -> Response {
    let is_asset = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(DEFAULT_CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    // Pages and API answers hold a user's data: never keep them in a cache,
    // so the back button after logout cannot show them.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(if is_asset {
            "no-cache"
        } else {
            "no-store"
        }));
    if secure {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

/// Refuses state-changing requests that another site's page sent.
pub async fn check_origin(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        || same_site(req.headers())
    {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = %req.uri().path(), "refused a cross-origin request");
        ServerError::CrossOrigin.into_response()
    }
}

fn same_site(headers: &HeaderMap) -> bool {
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    match get(header::ORIGIN.as_str()) {
        Some(origin) => {
            let authority = url::Url::parse(origin).ok().and_then(|u| {
                let host = u.host_str()?.to_string();
                Some(match u.port() {
                    Some(port) => format!("{host}:{port}"),
                    None => host,
                })
            });
            let Some(authority) = authority else {
                return false; // "null" and other opaque origins
            };
            [get(header::HOST.as_str()), get("x-forwarded-host")]
                .into_iter()
                .flatten()
                .any(|host| host.eq_ignore_ascii_case(&authority))
        }
        // No Origin: not a browser, or an old one; Fetch Metadata still tells.
        None => get("sec-fetch-site") != Some("cross-site"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_match_host() {
        assert!(same_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site(&headers(&[
            ("origin", "http://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site(&headers(&[
            ("origin", "http://127.0.0.1:3001"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(same_site(&headers(&[
            ("origin", "https://zenith.example"),
            ("host", "10.0.0.5:3000"),
            ("x-forwarded-host", "zenith.example")
        ])));
    }

    #[test]
    fn without_origin_fetch_metadata_decides() {
        assert!(same_site(&headers(&[("host", "127.0.0.1:3000")])));
        assert!(!same_site(&headers(&[
            ("host", "127.0.0.1:3000"),
            ("sec-fetch-site", "cross-site")
        ])));
    }

    #[test]
    fn page_policy_carries_the_nonce() {
        let csp = page_csp("abc123");
        assert!(csp.contains("'nonce-abc123'"));
        assert!(csp.contains("frame-ancestors 'none'"));
    }
}
