//! Where sessions live: in memory for one replica, in Redis for several.

use std::str::FromStr;

use axum::Router;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, MemoryStore, SessionManagerLayer, SessionStore};

use crate::error::ServerError;

/// The session cookie's name.
pub const COOKIE: &str = "zenith_session";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreKind {
    Memory,
    Redis(String),
}

impl FromStr for StoreKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "memory" {
            Ok(StoreKind::Memory)
        } else if s.starts_with("redis://") || s.starts_with("rediss://") {
            Ok(StoreKind::Redis(s.to_string()))
        } else {
            Err(format!(
                "'{s}' is not a session store: use 'memory' or a redis://host:port URL"
            ))
        }
    }
}

fn layer<S: SessionStore + Clone>(store: S, secure: bool) -> SessionManagerLayer<S> {
    SessionManagerLayer::new(store)
        .with_name(COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(secure)
        .with_path("/")
        // Until login sets the token's expiry, an idle session lasts an hour.
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(1)))
}

/// Wraps `router` in the session layer for `kind`.
pub async fn with_sessions(
    router: Router,
    kind: &StoreKind,
    secure: bool,
) -> Result<Router, ServerError> {
    Ok(match kind {
        StoreKind::Memory => router.layer(layer(MemoryStore::default(), secure)),
        StoreKind::Redis(url) => {
            use tower_sessions_redis_store::fred::prelude::{ClientLike, Config, Pool};
            let fail = |reason: String| ServerError::SessionStore {
                url: redact(url),
                reason,
            };
            let config = Config::from_url(url).map_err(|e| fail(e.to_string()))?;
            let pool = Pool::new(config, None, None, None, 4).map_err(|e| fail(e.to_string()))?;
            pool.init().await.map_err(|e| fail(e.to_string()))?;
            router.layer(layer(
                tower_sessions_redis_store::RedisStore::new(pool),
                secure,
            ))
        }
    })
}

/// A Redis URL without its password, for messages and logs.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_kinds_parse() {
        assert_eq!("memory".parse::<StoreKind>(), Ok(StoreKind::Memory));
        assert_eq!(
            "redis://127.0.0.1:6379".parse::<StoreKind>(),
            Ok(StoreKind::Redis("redis://127.0.0.1:6379".into()))
        );
        assert!("postgres://x".parse::<StoreKind>().is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("redis://:hunter2@10.0.0.1:6379"),
            "redis://:***@10.0.0.1:6379"
        );
    }
}
