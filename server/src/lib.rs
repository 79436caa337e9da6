//! The Zenith web server: serves the Leptos app, keeps each user's Keystone
//! token in a server-side session, and guards every request.

pub mod api_status;
pub mod cli;
pub mod cloud;
pub mod error;
pub mod gate;
pub mod image_data;
pub mod object_data;
pub mod security;
pub mod sessions;
pub mod telemetry;
pub mod transfer;

use std::net::SocketAddr;

use app::ssr::Backend;
use app::{shell, App};
use axum::{middleware, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::ServerError;
use sessions::StoreKind;

/// Everything the router needs.
pub struct Options {
    pub backend: Backend,
    /// Where cargo-leptos put the site (`pkg/`, `favicon.ico`).
    pub site_root: String,
    pub listen: SocketAddr,
    pub sessions: StoreKind,
    pub secure_cookies: bool,
    /// Uploads above this size go to Swift as static large objects, in
    /// segments of this size.
    pub object_segment_size: u64,
    /// The server-wide health sampler the Health page reads.
    pub health: app::ssr::health::Sampler,
}

/// The whole application, ready to serve.
pub async fn router(opts: Options) -> Result<Router, ServerError> {
    let leptos_options = LeptosOptions::builder()
        .output_name("zenith")
        .site_root(opts.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(opts.listen)
        .build();
    let routes = generate_route_list(App);
    let backend = opts.backend.clone();
    let health = opts.health.clone();
    let context = move || {
        provide_context(backend.clone());
        provide_context(health.clone());
    };
    let secure = opts.secure_cookies;

    let pages = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes_with_context(&leptos_options, routes, context.clone(), {
            let options = leptos_options.clone();
            move || page(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(
            context, page,
        ))
        .with_state(leptos_options)
        .layer(middleware::from_fn(api_status::from_error))
        .layer(middleware::from_fn(gate::pages))
        // Outside the page gate: a missing login is a 401, not a redirect.
        .merge(image_data::routes(opts.backend.clone()))
        .merge(object_data::routes(
            opts.backend.clone(),
            opts.object_segment_size,
        ));

    let app = sessions::with_sessions(pages, &opts.sessions, secure).await?;
    Ok(app
        .layer(middleware::from_fn(security::check_origin))
        .layer(middleware::from_fn(move |req, next| {
            security::headers(secure, req, next)
        }))
        // Image data is incompressible and must keep its Content-Length.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/octet-stream")),
        ))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(telemetry::make_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid)))
}

/// The HTML shell, with the page's CSP carrying this response's nonce.
fn page(options: LeptosOptions) -> impl IntoView {
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(value) = http::HeaderValue::from_str(&security::page_csp(&nonce)) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
    shell(options)
}
