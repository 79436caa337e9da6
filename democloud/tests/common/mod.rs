//! Starting a demo cloud on a free port for the HTTP tests, logging in, and
//! calling its APIs.
// Each test crate uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use democloud::{Config, DemoCloud};
use reqwest::{Client, Method, RequestBuilder, StatusCode};
use serde_json::{json, Value};

/// A demo cloud on `dir`, with `tweak` applied to its configuration.
pub async fn start_in(dir: &Path, tweak: impl FnOnce(&mut Config)) -> DemoCloud {
    let mut config = Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.to_owned(),
        ..Config::default()
    };
    tweak(&mut config);
    DemoCloud::start(config).await.expect("democloud starts")
}

/// As [`start_in`], in a new temporary directory that lives as long as the
/// returned guard.
pub async fn start(tweak: impl FnOnce(&mut Config)) -> (DemoCloud, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path(), tweak).await;
    (cloud, dir)
}

/// Logs `user` (whose password is its name) in with a token scoped to
/// `project`; returns (token, project id).
pub async fn login(cloud: &DemoCloud, user: &str, project: &str) -> (String, String) {
    let body = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"name": "Default"}, "password": user,
        }}},
        "scope": {"project": {"name": project, "domain": {"name": "Default"}}},
    }});
    let resp = Client::new()
        .post(format!("{}/auth/tokens", cloud.auth_url()))
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_eq!(resp.status(), StatusCode::CREATED);
    let token = resp.headers()["x-subject-token"]
        .to_str()
        .expect("ascii")
        .to_owned();
    let body: Value = resp.json().await.expect("json");
    let project_id = body["token"]["project"]["id"]
        .as_str()
        .expect("project id")
        .to_owned();
    (token, project_id)
}

/// Where Nova is below the cloud's address.
pub const COMPUTE: &str = "/compute/v2.1";

/// A caller of one of the cloud's APIs (below a base path such as
/// [`COMPUTE`], `/image` or `/networking/v2.0`) with one token, and
/// optionally at one microversion.
#[derive(Clone)]
pub struct Api {
    base: String,
    pub token: String,
    /// The service and version of the `openstack-api-version` header.
    microversion: Option<(String, String)>,
}

impl Api {
    /// A caller of the API at `base` (a path) with `token`, sending no
    /// microversion.
    pub fn new(cloud: &DemoCloud, base: &str, token: impl Into<String>) -> Api {
        Api {
            base: format!("http://{}{base}", cloud.addr()),
            token: token.into(),
            microversion: None,
        }
    }

    /// A caller of Nova at microversion `version`.
    pub fn compute(cloud: &DemoCloud, token: impl Into<String>, version: &str) -> Api {
        Api::new(cloud, COMPUTE, token).microversion("compute", version)
    }

    /// This caller, sending `openstack-api-version: {service} {version}`.
    pub fn microversion(mut self, service: &str, version: &str) -> Api {
        self.microversion = Some((service.to_owned(), version.to_owned()));
        self
    }

    /// This caller at another `version` of the same service.
    pub fn at(&self, version: &str) -> Api {
        let mut api = self.clone();
        let (_, v) = api.microversion.as_mut().expect("a microversioned API");
        *v = version.to_owned();
        api
    }

    /// The URL of `path` below the base.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A request to `path` below the base, with the token and microversion.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let mut req = Client::new()
            .request(method, self.url(path))
            .header("x-auth-token", &self.token);
        if let Some((service, version)) = &self.microversion {
            req = req.header("openstack-api-version", format!("{service} {version}"));
        }
        req
    }

    /// Sends `req`: the status and the body as JSON (`Null` when empty, a
    /// string when it is not JSON).
    pub async fn send(req: RequestBuilder) -> (StatusCode, Value) {
        let resp = req.send().await.expect("request");
        let status = resp.status();
        let text = resp.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    /// `method` on `path`, with a JSON `body` if given.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.request(method, path);
        if let Some(body) = body {
            req = req.json(&body);
        }
        Api::send(req).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }
}
