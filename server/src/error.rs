//! The server's one error type: start-up problems, and refusals that its
//! own middleware answers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Cloud(#[from] openstack::Error),
    #[error("the demo cloud could not start: {0}")]
    DemoCloud(#[from] democloud::Error),
    #[error("cannot listen on {addr}: {source}; pass --listen with a free address")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot connect to the session store at {url}: {reason}; check --session-store")]
    SessionStore { url: String, reason: String },
    #[error("this request comes from another site and was refused")]
    CrossOrigin,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        let status = match self {
            ServerError::CrossOrigin => StatusCode::FORBIDDEN,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        (status, self.to_string()).into_response()
    }
}
