//! Keystone v3: authentication and the admin reads Zenith needs.
//!
//! Token calls (`authenticate`, `rescope`, `validate`, `revoke`,
//! `auth_projects`) take the [`Client`](crate::Client) and auth URL directly,
//! because they run before a session exists. Admin reads take a
//! [`Session`](crate::Session) and go to the session's auth URL rather than
//! the catalog, since identity catalog entries are often unversioned.

mod domain;
mod project;
mod role;
mod service;
mod token;
mod user;

pub use domain::{list_domains, Domain};
pub use project::{list_projects, Project, ProjectFilter};
pub use role::{
    list_role_assignments, list_roles, AssignmentRef, AssignmentScope, DomainSummary, Role,
    RoleAssignment, RoleAssignmentFilters,
};
pub use service::{list_endpoints, list_regions, list_services, Endpoint, Region, Service};
pub use token::{
    auth_projects, authenticate, rescope, revoke, validate, DomainRef, PasswordCredentials, Scope,
    Token, TokenDomain, TokenProject, TokenUser, UserRef,
};
pub use user::{get_user, list_users, User, UserFilter};

pub(crate) use token::token_header;

use crate::error::{Error, Result};
use url::Url;

/// The Keystone v3 base URL for an auth URL as people write it:
/// `http://host:5000/v3`, `http://host:5000/v3/`, `http://host:5000` or
/// `http://host/identity` all work; `/v2.0` is replaced by `/v3`.
pub fn identity_url(auth_url: &str) -> Result<Url> {
    let bad = |why: String| {
        Error::Config(format!(
            "the auth URL '{}' {why}; use the Keystone URL, e.g. http://controller:5000/v3",
            auth_url.trim()
        ))
    };
    let mut url =
        Url::parse(auth_url.trim()).map_err(|e| bad(format!("is not a valid URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("must start with http:// or https://".to_owned()));
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err(bad("has no host".to_owned()));
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_owned();
    let path = if path.ends_with("/v3") {
        path
    } else if let Some(stem) = path.strip_suffix("/v2.0") {
        format!("{stem}/v3")
    } else {
        format!("{path}/v3")
    };
    url.set_path(&path);
    Ok(url)
}

/// `base` with `/segment` appended to its path.
pub(crate) fn child(base: &Url, segment: &str) -> Url {
    crate::session::join_url(base, segment)
}

#[cfg(test)]
mod tests {
    use super::identity_url;
    use crate::Error;

    #[test]
    fn auth_url_normalisation() {
        for (input, want) in [
            ("http://host:5000/v3", "http://host:5000/v3"),
            ("http://host:5000/v3/", "http://host:5000/v3"),
            ("http://host:5000", "http://host:5000/v3"),
            ("http://host:5000/", "http://host:5000/v3"),
            (
                "https://cloud.example/identity",
                "https://cloud.example/identity/v3",
            ),
            (
                "https://cloud.example/identity/v3/",
                "https://cloud.example/identity/v3",
            ),
            ("http://host:5000/v2.0", "http://host:5000/v3"),
            (" http://host:5000/v3?x=1 ", "http://host:5000/v3"),
        ] {
            assert_eq!(identity_url(input).unwrap().as_str(), want, "{input}");
        }
    }

    #[test]
    fn bad_auth_urls() {
        for input in ["", "host:5000", "ftp://host/v3", "not a url", "mailto:x@y"] {
            match identity_url(input) {
                Err(Error::Config(m)) => {
                    assert!(m.contains("e.g. http://controller:5000/v3"), "{m}")
                }
                other => panic!("{input}: expected Config error, got {other:?}"),
            }
        }
    }
}
