//! A typed async client for the OpenStack APIs that Zenith uses.
//!
//! The usual flow:
//!
//! 1. build a [`Client`] once (from [`ClientOptions`], e.g. via
//!    [`CloudConfig::client_options`]) and share it;
//! 2. log in with [`identity::authenticate`] to get a [`Token`];
//! 3. wrap the token in a [`Session`] and call services through it
//!    (`session.get_json("compute", "/servers/detail")`), or use the typed
//!    service modules ([`compute`], [`network`]).
//!
//! Every fallible call returns [`Result`], whose [`Error`] never carries a
//! token or a password.

pub mod block_storage;
pub mod catalog;
pub mod client;
pub mod compute;
pub mod config;
pub mod error;
pub mod fault;
pub mod identity;
pub mod image;
pub mod network;
pub mod object_store;
pub mod orchestration;
pub mod probe;
pub mod secret;
pub mod session;
pub mod time;

pub use catalog::{Catalog, Interface};
pub use client::{Client, ClientOptions};
pub use config::CloudConfig;
pub use error::{Error, Result};
pub use identity::{DomainRef, PasswordCredentials, Scope, Token, UserRef};
pub use secret::Secret;
pub use session::{Call, Session};

/// Re-exported so callers of [`Session::request`] need no direct reqwest
/// dependency for the common types.
pub use reqwest::{Body, Method, RequestBuilder, Response};
pub use url::Url;

/// Percent-encodes one path segment (a Swift object name, an image name…)
/// so it can be put into the `path` argument of the [`Session`] helpers.
pub fn encode_segment(segment: &str) -> String {
    // Everything but RFC 3986 unreserved characters is encoded, so `/`, `?`
    // and `#` inside a name cannot change the meaning of the path.
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(segment, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn encode_segment_escapes_separators() {
        assert_eq!(super::encode_segment("a b/c?d#e"), "a%20b%2Fc%3Fd%23e");
        assert_eq!(super::encode_segment("file-1.0_x~"), "file-1.0_x~");
        assert_eq!(super::encode_segment("ünï"), "%C3%BCn%C3%AF");
    }
}
