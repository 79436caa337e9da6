//! The shared HTTP client.

use crate::error::{safe_url, Error, Result};
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

/// How to build a [`Client`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOptions {
    /// Verify the cloud's TLS certificate. `false` accepts any certificate
    /// (test clouds with self-signed certificates only).
    pub verify: bool,
    /// A PEM file with extra CA certificates to trust (one or a bundle).
    pub cacert: Option<PathBuf>,
    /// How long to wait for a TCP/TLS connection.
    pub connect_timeout: Duration,
    /// How long a whole JSON request may take; for streamed transfers, how
    /// long a read may stall.
    pub timeout: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            verify: true,
            cacert: None,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
        }
    }
}

/// The HTTP client every call goes through. Cheap to clone: clones share
/// one connection pool.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    timeout: Duration,
}

/// The `User-Agent` sent with every request.
pub const USER_AGENT: &str = concat!("zenith/", env!("CARGO_PKG_VERSION"));

impl Client {
    /// Builds a client. Fails with [`Error::Config`] if the CA file cannot be
    /// read or holds no PEM certificate.
    pub fn new(options: &ClientOptions) -> Result<Client> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(options.connect_timeout)
            // No client-wide total timeout: it would cut off long image and
            // object downloads. JSON calls set one per request instead.
            .read_timeout(options.timeout)
            .redirect(same_origin_redirects());

        if !options.verify {
            builder = builder.danger_accept_invalid_certs(true);
        }
        if let Some(path) = &options.cacert {
            for cert in read_cacert(path)? {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?;
        Ok(Client {
            http,
            timeout: options.timeout,
        })
    }

    /// The underlying reqwest client, for requests this crate has no helper
    /// for. Remember to add `X-Auth-Token` yourself.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The per-request timeout for JSON calls.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Sends a request, mapping transport failures and non-2xx answers to
    /// [`Error`]. `whole_timeout` bounds the entire exchange; streaming
    /// callers pass `false` and rely on the read timeout.
    pub(crate) async fn send(
        &self,
        builder: reqwest::RequestBuilder,
        whole_timeout: bool,
    ) -> Result<reqwest::Response> {
        let builder = if whole_timeout {
            builder.timeout(self.timeout)
        } else {
            builder
        };
        let request = builder
            .build()
            .map_err(|e| Error::Config(format!("cannot build the request: {}", e.without_url())))?;
        let url = request.url().clone();
        let method = request.method().clone();
        let started = std::time::Instant::now();
        let response = self.http.execute(request).await.map_err(|e| {
            tracing::debug!(%method, url = %safe_url(&url), error = %e.without_url_ref(), "request failed");
            Error::from_reqwest(e, &url)
        })?;
        let status = response.status();
        tracing::debug!(
            %method,
            url = %safe_url(&url),
            status = status.as_u16(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "openstack request"
        );
        if status.is_success() {
            return Ok(response);
        }
        let body = response
            .bytes()
            .await
            .map_err(|e| Error::from_reqwest(e, &url))?;
        Err(Error::from_response(status.as_u16(), &body))
    }

    /// Sends a request and decodes the JSON answer. An empty body decodes as
    /// `null`, so `()` and `Option<T>` work for 204 answers.
    pub(crate) async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        builder: reqwest::RequestBuilder,
    ) -> Result<(T, reqwest::header::HeaderMap)> {
        let response = self.send(builder, true).await?;
        let url = response.url().clone();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| Error::from_reqwest(e, &url))?;
        Ok((decode_json(&body, &url)?, headers))
    }
}

/// Decodes a JSON body, naming the path of the offending field on failure.
pub(crate) fn decode_json<T: serde::de::DeserializeOwned>(body: &[u8], url: &Url) -> Result<T> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    // An HTML page (a proxy's, or a non-OpenStack server) gets a clearer
    // message than serde's "expected value at line 1 column 1".
    if body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return Err(Error::decode(
            url,
            "the answer is an HTML page, not JSON; check that the URL points at the OpenStack service",
        ));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." {
            Error::decode(url, inner)
        } else {
            Error::decode(url, format!("{path}: {inner}"))
        }
    })
}

/// Follows redirects only within one scheme, host and port: `X-Auth-Token`
/// is a custom header that reqwest would otherwise carry to any host.
fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let same_origin = attempt
            .previous()
            .first()
            .map(|first| first.origin() == attempt.url().origin())
            .unwrap_or(false);
        if !same_origin || attempt.previous().len() > 5 {
            attempt.stop()
        } else {
            attempt.follow()
        }
    })
}

fn read_cacert(path: &std::path::Path) -> Result<Vec<reqwest::Certificate>> {
    let pem = std::fs::read(path).map_err(|e| {
        Error::Config(format!(
            "cannot read the CA certificate file {}: {e}; fix the cacert setting (OS_CACERT)",
            path.display()
        ))
    })?;
    let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
        Error::Config(format!(
            "the CA certificate file {} is not valid PEM: {}; it must hold one or more '-----BEGIN CERTIFICATE-----' blocks",
            path.display(),
            e.without_url()
        ))
    })?;
    if certs.is_empty() {
        return Err(Error::Config(format!(
            "the CA certificate file {} holds no PEM certificate; it must hold one or more '-----BEGIN CERTIFICATE-----' blocks",
            path.display()
        )));
    }
    Ok(certs)
}

/// reqwest's `without_url` consumes the error; this is a display-only view.
trait WithoutUrlRef {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrlRef for reqwest::Error {
    fn without_url_ref(&self) -> String {
        use std::error::Error as _;
        let mut s = String::new();
        let mut cur = self.source();
        while let Some(e) = cur {
            if !s.is_empty() {
                s.push_str(": ");
            }
            s.push_str(&e.to_string());
            cur = e.source();
        }
        if s.is_empty() {
            "request failed".to_owned()
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let o = ClientOptions::default();
        assert!(o.verify);
        assert_eq!(o.connect_timeout, Duration::from_secs(5));
        assert_eq!(o.timeout, Duration::from_secs(30));
        let c = Client::new(&o).expect("default client builds");
        assert_eq!(c.timeout(), Duration::from_secs(30));
        assert!(USER_AGENT.starts_with("zenith/"));
    }

    #[test]
    fn insecure_client_builds() {
        let o = ClientOptions {
            verify: false,
            ..Default::default()
        };
        assert!(Client::new(&o).is_ok());
    }

    #[test]
    fn bad_cacert_is_config_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let o = ClientOptions {
            cacert: Some(missing.clone()),
            ..Default::default()
        };
        match Client::new(&o) {
            Err(Error::Config(m)) => {
                assert!(m.contains("missing.pem"), "{m}");
                assert!(m.contains("cannot read"), "{m}");
            }
            other => panic!("expected Config error, got {other:?}"),
        }

        let garbage = dir.path().join("garbage.pem");
        std::fs::write(&garbage, "not a certificate").unwrap();
        let o = ClientOptions {
            cacert: Some(garbage),
            ..Default::default()
        };
        match Client::new(&o) {
            Err(Error::Config(m)) => assert!(m.contains("garbage.pem"), "{m}"),
            other => panic!("expected Config error, got {other:?}"),
        }
    }

    #[test]
    fn empty_body_decodes_as_null() {
        let url = Url::parse("http://x/y").unwrap();
        let unit: () = decode_json(b"", &url).unwrap();
        assert_eq!(unit, ());
        let opt: Option<u32> = decode_json(b"  ", &url).unwrap();
        assert_eq!(opt, None);
        match decode_json::<serde_json::Value>(b"\n<html><body>Welcome</body></html>", &url) {
            Err(Error::Decode { reason, .. }) => assert!(reason.contains("HTML page"), "{reason}"),
            other => panic!("expected Decode, got {other:?}"),
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct S {
            a: Inner,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            b: u32,
        }
        match decode_json::<S>(br#"{"a": {"b": "x"}}"#, &url) {
            Err(Error::Decode { url, reason }) => {
                assert_eq!(url, "http://x/y");
                assert!(reason.starts_with("a.b: invalid type"), "{reason}");
            }
            other => panic!("expected Decode, got {other:?}"),
        }
    }
}
