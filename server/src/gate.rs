//! Pages need a login, admin pages the admin role: checked here, on the
//! server, before anything renders.

use axum::extract::Request;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use app::error::AppError;

/// Paths anyone may fetch: the login page, assets and server functions
/// (which check the session themselves).
fn is_public(path: &str) -> bool {
    path == "/login"
        || path == "/favicon.ico"
        || path == "/healthz"
        || path.starts_with("/pkg/")
        || path.starts_with("/api/")
}

pub async fn pages(session: Session, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let login = app::ssr::session::load(&session).await;
    if path == "/login" {
        // Someone already logged in has nothing to do on the login page.
        return match login {
            Ok(_) => Redirect::to("/project").into_response(),
            Err(_) => next.run(req).await,
        };
    }
    if is_public(&path) {
        return next.run(req).await;
    }
    match login {
        Ok(login) if is_admin_path(&path) && !login.token.is_admin() => {
            tracing::warn!(user = %login.token.user.name, %path, "refused an admin page to a non-admin");
            let mut res = next.run(req).await;
            *res.status_mut() = StatusCode::FORBIDDEN;
            res
        }
        Ok(_) => next.run(req).await,
        Err(AppError::SessionExpired) => Redirect::to("/login?reason=expired").into_response(),
        Err(AppError::NotLoggedIn) => Redirect::to("/login").into_response(),
        Err(e) => (StatusCode::SERVICE_UNAVAILABLE, e.to_string()).into_response(),
    }
}

fn is_admin_path(path: &str) -> bool {
    path == "/admin" || path.starts_with("/admin/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_login_and_assets_are_public() {
        assert!(is_public("/login"));
        assert!(is_public("/pkg/zenith.wasm"));
        assert!(is_public("/api/login"));
        assert!(!is_public("/project"));
        assert!(!is_public("/admin/system"));
        assert!(!is_public("/loginx"));
    }

    #[test]
    fn admin_paths() {
        assert!(is_admin_path("/admin"));
        assert!(is_admin_path("/admin/system"));
        assert!(!is_admin_path("/administrator"));
    }
}
