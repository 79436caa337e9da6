//! Health probes: an unauthenticated version-discovery request to a
//! service, timed. Every OpenStack service answers one without a token, so
//! this works on any cloud without credentials or Prometheus.

use std::time::{Duration, Instant};

use crate::client::Client;
use crate::error::Error;
use crate::Url;

/// What one probe saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Probe {
    /// Time to the response headers; `None` when no response came.
    pub latency: Option<Duration>,
    pub status: Option<u16>,
    /// Why the probe failed, without the URL's query or credentials.
    pub error: Option<String>,
}

impl Probe {
    /// The service answered: any status below 500 (a version document, a
    /// 300 Multiple Choices or a 401 all mean it is serving).
    pub fn ok(&self) -> bool {
        self.error.is_none() && self.status.is_some_and(|s| s < 500)
    }
}

/// The version-discovery URL of a catalog endpoint: the endpoint cut before
/// its version segment (`/v2.1`, `/v3`, `/v1/…`), or Swift's `/info`.
pub fn discovery_url(service_type: &str, endpoint: &str) -> Option<Url> {
    let mut url = Url::parse(endpoint).ok()?;
    url.set_query(None);
    url.set_fragment(None);
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    let is_version = |s: &str| {
        s.strip_prefix('v').is_some_and(|rest| {
            !rest.is_empty() && rest.split('.').all(|p| p.parse::<u32>().is_ok())
        })
    };
    let keep = segments
        .iter()
        .position(|s| is_version(s))
        .unwrap_or(segments.len());
    let mut path: String = segments[..keep].iter().map(|s| format!("/{s}")).collect();
    if service_type == "object-store" {
        path.push_str("/info");
    } else {
        path.push('/');
    }
    url.set_path(&path);
    Some(url)
}

/// One GET of `url` that gives up after `timeout`.
pub async fn probe(client: &Client, url: &Url, timeout: Duration) -> Probe {
    let started = Instant::now();
    let sent = client
        .http()
        .get(url.clone())
        .header("Accept", "application/json")
        .timeout(timeout)
        .send()
        .await;
    match sent {
        Ok(response) => Probe {
            latency: Some(started.elapsed()),
            status: Some(response.status().as_u16()),
            error: (response.status().as_u16() >= 500).then(|| {
                let code = response.status().as_u16();
                format!("HTTP {code} {}", crate::error::reason_phrase(code))
            }),
        },
        Err(e) => Probe {
            latency: None,
            status: None,
            error: Some(match Error::from_reqwest(e, url) {
                Error::Timeout { .. } => format!("no answer within {} ms", timeout.as_millis()),
                Error::Unreachable { reason, .. } => reason,
                other => other.to_string(),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_cuts_before_the_version() {
        let cases = [
            ("identity", "http://h:5000/v3", "http://h:5000/"),
            ("identity", "http://h/identity/v3/", "http://h/identity/"),
            ("compute", "http://h/compute/v2.1", "http://h/compute/"),
            ("orchestration", "http://h:8004/v1/abc123", "http://h:8004/"),
            ("image", "http://h:9292", "http://h:9292/"),
            ("image", "http://h/image", "http://h/image/"),
            ("volumev3", "http://h:8776/v3/p1", "http://h:8776/"),
            (
                "object-store",
                "http://h:8080/v1/AUTH_p",
                "http://h:8080/info",
            ),
            (
                "object-store",
                "http://h/swift/v1/AUTH_p",
                "http://h/swift/info",
            ),
            ("placement", "http://h/placement", "http://h/placement/"),
            ("compute", "http://h/compute/v2.1?x=1", "http://h/compute/"),
        ];
        for (kind, endpoint, want) in cases {
            let got = discovery_url(kind, endpoint).map(|u| u.to_string());
            assert_eq!(got.as_deref(), Some(want), "{kind} {endpoint}");
        }
        assert_eq!(discovery_url("compute", "not a url"), None);
    }

    #[test]
    fn only_a_server_error_or_no_answer_fails() {
        let p = |status: Option<u16>, error: Option<&str>| Probe {
            latency: None,
            status,
            error: error.map(str::to_owned),
        };
        assert!(p(Some(200), None).ok());
        assert!(p(Some(300), None).ok());
        assert!(p(Some(401), None).ok());
        assert!(!p(Some(503), Some("HTTP 503")).ok());
        assert!(!p(None, Some("refused")).ok());
    }
}
