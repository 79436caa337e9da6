//! Logs: one line per request with its id; never a header or a body, so
//! no token, password or cookie can reach them.

use std::io::IsTerminal;

use axum::http::Request;
use tower_http::request_id::RequestId;

pub fn init() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ZENITH_LOG").unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("info,tower_sessions=warn,fred=warn")
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        // stdout is for what the user must read (URL, logins); logs go to stderr.
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

/// The span of a request: its id, method and path (never the query).
pub fn make_span<B>(req: &Request<B>) -> tracing::Span {
    let id = req
        .extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
}
