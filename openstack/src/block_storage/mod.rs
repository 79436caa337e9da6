//! Cinder, the block storage service (API v3).
//!
//! Catalogs list Cinder as `block-storage`, `volumev3` or `volume` (the
//! catalog tries the aliases), usually with the project in the URL
//! (`http://host:8776/v3/{project_id}`). An endpoint without a version
//! gets `/v3` in front of the path.

mod pool;
mod quota;

pub use pool::{list_pools, Pool, PoolCapabilities};
pub use quota::{get_quota_usage, VolumeQuotaUsage, VolumeQuotaUsageSet};

use crate::error::Result;
use crate::session::Session;
use url::Url;

/// The catalog type of the block storage service (aliases are tried too).
pub const SERVICE_TYPE: &str = "block-storage";

/// `path` (e.g. `/os-quota-sets/p`) below the API root of `endpoint`.
fn versioned_path(endpoint: &Url, path: &str) -> String {
    let versioned =
        endpoint.path_segments().into_iter().flatten().any(|s| {
            s.len() > 1 && s.starts_with('v') && s[1..].chars().all(|c| c.is_ascii_digit())
        });
    if versioned {
        path.to_owned()
    } else {
        format!("/v3{path}")
    }
}

/// `path` below the API root of the session's block storage endpoint.
pub(crate) fn api_path(session: &Session, path: &str) -> Result<String> {
    Ok(versioned_path(&session.endpoint(SERVICE_TYPE)?, path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_get_the_version_once() {
        let with_project = Url::parse("http://cinder:8776/v3/p1").unwrap();
        assert_eq!(
            versioned_path(&with_project, "/os-quota-sets/p1"),
            "/os-quota-sets/p1"
        );
        let v2 = Url::parse("https://cloud/volume/v2/p1/").unwrap();
        assert_eq!(versioned_path(&v2, "/x"), "/x");
        let bare = Url::parse("http://cinder:8776").unwrap();
        assert_eq!(versioned_path(&bare, "/x"), "/v3/x");
        // `volume` in a prefix is not a version.
        let prefixed = Url::parse("https://cloud/volume/").unwrap();
        assert_eq!(versioned_path(&prefixed, "/x"), "/v3/x");
    }
}
