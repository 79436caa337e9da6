//! An authenticated session: a token plus the endpoint choice, and the
//! request helpers that service modules build on.

use crate::catalog::{official_service_type, Interface};
use crate::client::Client;
use crate::error::{Error, Result};
use crate::identity::{self, PasswordCredentials, Scope, Token};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, CONTENT_TYPE};
use reqwest::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use url::Url;

/// Most pages [`Session::get_paginated`] follows, so a service that keeps
/// sending `next` links cannot loop forever.
const MAX_PAGES: usize = 1000;

/// A logged-in user talking to one cloud. Cheap enough to build per
/// request from a stored [`Token`].
#[derive(Debug, Clone)]
pub struct Session {
    pub client: Client,
    /// The Keystone URL as configured (normalised when used).
    pub auth_url: String,
    pub token: Token,
    /// The region to pick endpoints from; `None` takes the first.
    pub region: Option<String>,
    pub interface: Interface,
}

impl Session {
    /// A session on the public interface, any region.
    pub fn new(client: Client, auth_url: impl Into<String>, token: Token) -> Session {
        Session {
            client,
            auth_url: auth_url.into(),
            token,
            region: None,
            interface: Interface::Public,
        }
    }

    /// Logs in and wraps the token in a session.
    pub async fn login(
        client: Client,
        auth_url: impl Into<String>,
        credentials: &PasswordCredentials,
        scope: Scope,
    ) -> Result<Session> {
        let auth_url = auth_url.into();
        let token = identity::authenticate(&client, &auth_url, credentials, scope).await?;
        Ok(Session::new(client, auth_url, token))
    }

    /// Sets the region.
    pub fn with_region(mut self, region: Option<String>) -> Session {
        self.region = region;
        self
    }

    /// Sets the interface.
    pub fn with_interface(mut self, interface: Interface) -> Session {
        self.interface = interface;
        self
    }

    /// The catalog URL of a service for this session's interface and region.
    pub fn endpoint(&self, service_type: &str) -> Result<Url> {
        self.token
            .catalog
            .endpoint(service_type, self.interface, self.region.as_deref())
    }

    /// The Keystone v3 URL this session authenticated against.
    pub fn identity_url(&self) -> Result<Url> {
        identity::identity_url(&self.auth_url)
    }

    /// Starts a request to `path` under a service's endpoint. `path` may
    /// carry a query (`/images?limit=10`); user-supplied path segments must
    /// be encoded with [`encode_segment`](crate::encode_segment).
    pub fn call(&self, method: Method, service_type: &str, path: &str) -> Call<'_> {
        let url = self
            .endpoint(service_type)
            .map(|base| join_url(&base, path));
        Call::new(self, method, Some(service_type), url)
    }

    /// Starts a request to `path` under the Keystone v3 URL.
    pub fn identity(&self, method: Method, path: &str) -> Call<'_> {
        let url = self.identity_url().map(|base| join_url(&base, path));
        Call::new(self, method, Some("identity"), url)
    }

    /// Starts a request to an absolute URL. The token is sent to it, so only
    /// use URLs that came from this cloud.
    pub fn call_url(&self, method: Method, url: Url) -> Call<'_> {
        Call::new(self, method, None, Ok(url))
    }

    /// `GET` and decode JSON.
    pub async fn get_json<T: DeserializeOwned>(&self, service_type: &str, path: &str) -> Result<T> {
        self.call(Method::GET, service_type, path).fetch().await
    }

    /// `GET` with query parameters (any `Serialize` that serde_urlencoded
    /// takes: a struct, a map, `&[(&str, &str)]`) and decode JSON.
    pub async fn get_json_query<T: DeserializeOwned, Q: Serialize + ?Sized>(
        &self,
        service_type: &str,
        path: &str,
        query: &Q,
    ) -> Result<T> {
        self.call(Method::GET, service_type, path)
            .query(query)
            .fetch()
            .await
    }

    /// `POST` a JSON body and decode the JSON answer (`()` for none).
    pub async fn post_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        service_type: &str,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.call(Method::POST, service_type, path)
            .json(body)
            .fetch()
            .await
    }

    /// `PUT` a JSON body and decode the JSON answer (`()` for none).
    pub async fn put_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        service_type: &str,
        path: &str,
        body: &B,
    ) -> Result<T> {
        self.call(Method::PUT, service_type, path)
            .json(body)
            .fetch()
            .await
    }

    /// `PATCH` a JSON body sent with `content_type` (Glance wants
    /// `application/openstack-images-v2.1-json-patch`, Keystone and Neutron
    /// `application/json`) and decode the JSON answer.
    pub async fn patch_json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        service_type: &str,
        path: &str,
        content_type: &str,
        body: &B,
    ) -> Result<T> {
        self.call(Method::PATCH, service_type, path)
            .json_as(body, content_type)
            .fetch()
            .await
    }

    /// `DELETE`, ignoring any answer body.
    pub async fn delete(&self, service_type: &str, path: &str) -> Result<()> {
        self.call(Method::DELETE, service_type, path)
            .execute()
            .await
    }

    /// A reqwest request with the token set, for streaming uploads and
    /// downloads. Send it with [`Session::send`] to get error mapping.
    pub fn request(
        &self,
        method: Method,
        service_type: &str,
        path: &str,
    ) -> Result<RequestBuilder> {
        self.call(method, service_type, path).into_builder()
    }

    /// Sends a request from [`Session::request`], mapping non-2xx answers to
    /// [`Error`]. No whole-request timeout applies (only the read timeout),
    /// so long transfers can finish.
    pub async fn send(&self, builder: RequestBuilder) -> Result<Response> {
        if self.token.is_expired() {
            return Err(Error::TokenExpired);
        }
        self.client.send(builder, false).await
    }

    /// Fetches every page of a `limit`/`marker` list and returns the items
    /// under `key` (`"servers"`, `"images"`…; `""` when the answer is a bare
    /// array, as in Swift).
    ///
    /// Follows `next` links in any of the usual places (`<key>_links`,
    /// `links.next`, Glance's `next`), taking only their query so the token
    /// never leaves the catalog endpoint even when a proxy rewrites hosts.
    /// Without a link, a full page (as many items as `limit`) continues
    /// with `marker` set to the last item's `id` (or `name`).
    pub async fn get_paginated<T: DeserializeOwned>(
        &self,
        service_type: &str,
        path: &str,
        query: &[(&str, &str)],
        key: &str,
    ) -> Result<Vec<T>> {
        if self.token.is_expired() {
            return Err(Error::TokenExpired);
        }
        let (path, path_query) = split_query(path);
        let base = join_url(&self.endpoint(service_type)?, path);
        let mut params: Vec<(String, String)> = path_query
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        params.extend(query.iter().map(|(k, v)| (k.to_string(), v.to_string())));

        let mut items = Vec::new();
        for _ in 0..MAX_PAGES {
            let mut url = base.clone();
            if !params.is_empty() {
                url.query_pairs_mut().extend_pairs(params.iter());
            }
            let page: Value = self
                .call_url(Method::GET, url.clone())
                .service(service_type)
                .fetch()
                .await?;
            let list = if key.is_empty() {
                Some(&page)
            } else {
                page.get(key)
            };
            let list = list
                .and_then(Value::as_array)
                .ok_or_else(|| Error::decode(&url, format!("the answer has no '{key}' list")))?;
            for (i, item) in list.iter().enumerate() {
                let item = T::deserialize(item)
                    .map_err(|e| Error::decode(&url, format!("{key}[{i}]: {e}")))?;
                items.push(item);
            }
            match next_params(&page, key, &params, list) {
                Some(next) if next != params => params = next,
                _ => return Ok(items),
            }
        }
        Err(Error::decode(
            &base,
            format!("gave more than {MAX_PAGES} pages; use a larger limit or a filter"),
        ))
    }
}

/// One request being built. Errors found while building (no such endpoint,
/// expired token) surface when it is sent.
#[must_use = "a Call does nothing until it is sent"]
pub struct Call<'a> {
    session: &'a Session,
    service_type: Option<String>,
    builder: Result<RequestBuilder>,
}

impl<'a> Call<'a> {
    fn new(
        session: &'a Session,
        method: Method,
        service_type: Option<&str>,
        url: Result<Url>,
    ) -> Call<'a> {
        let builder = url.and_then(|url| {
            let token = identity::token_header(&session.token.secret)?;
            Ok(session
                .client
                .http()
                .request(method, url)
                .header("X-Auth-Token", token)
                .header(ACCEPT, "application/json"))
        });
        Call {
            session,
            service_type: service_type.map(str::to_owned),
            builder,
        }
    }

    fn map(mut self, f: impl FnOnce(RequestBuilder) -> RequestBuilder) -> Self {
        self.builder = self.builder.map(f);
        self
    }

    /// Names the service for [`Call::microversion`] on a URL call.
    pub fn service(mut self, service_type: &str) -> Self {
        self.service_type = Some(service_type.to_owned());
        self
    }

    /// Adds query parameters.
    pub fn query<Q: Serialize + ?Sized>(self, query: &Q) -> Self {
        self.map(|b| b.query(query))
    }

    /// Adds a header. An invalid name or value fails when sent.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let parsed = HeaderName::from_bytes(name.as_bytes())
            .ok()
            .zip(HeaderValue::from_str(value).ok())
            .ok_or_else(|| Error::Config(format!("invalid request header '{name}'")));
        self.builder = self.builder.and_then(|b| {
            let (name, value) = parsed?;
            Ok(b.header(name, value))
        });
        self
    }

    /// Asks for an API microversion (`"2.79"`): sets `OpenStack-API-Version`
    /// and the service's legacy header where it has one.
    pub fn microversion(self, version: &str) -> Self {
        let headers = match &self.service_type {
            Some(st) => microversion_headers(st, version),
            None => Vec::new(),
        };
        self.map(|mut b| {
            for (name, value) in headers {
                b = b.header(name, value);
            }
            b
        })
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Self {
        self.map(|b| b.json(body))
    }

    /// Sends `body` as JSON with another content type (JSON patch).
    pub fn json_as<B: Serialize + ?Sized>(mut self, body: &B, content_type: &str) -> Self {
        let encoded = serde_json::to_vec(body)
            .map_err(|e| Error::Config(format!("cannot encode the request body: {e}")));
        self.builder = self
            .builder
            .and_then(|b| Ok(b.header(CONTENT_TYPE, content_type).body(encoded?)));
        self
    }

    /// Sends a raw body with a content type (uploads).
    pub fn body(self, body: impl Into<reqwest::Body>, content_type: &str) -> Self {
        let content_type = content_type.to_owned();
        self.map(|b| b.header(CONTENT_TYPE, content_type).body(body))
    }

    /// The reqwest builder, for anything not covered here.
    pub fn into_builder(self) -> Result<RequestBuilder> {
        if self.session.token.is_expired() {
            return Err(Error::TokenExpired);
        }
        self.builder
    }

    /// Sends the request; non-2xx answers become [`Error`].
    pub async fn send(self) -> Result<Response> {
        let client = self.session.client.clone();
        let builder = self.into_builder()?;
        client.send(builder, true).await
    }

    /// Sends the request and decodes the JSON answer (`()` or `Option<T>`
    /// for an empty body).
    pub async fn fetch<T: DeserializeOwned>(self) -> Result<T> {
        Ok(self.fetch_with_headers().await?.0)
    }

    /// Like [`Call::fetch`], also returning the response headers (Swift
    /// and Glance put data there).
    pub async fn fetch_with_headers<T: DeserializeOwned>(self) -> Result<(T, HeaderMap)> {
        let client = self.session.client.clone();
        let builder = self.into_builder()?;
        client.send_json(builder).await
    }

    /// Sends the request and discards the answer body.
    pub async fn execute(self) -> Result<()> {
        let response = self.send().await?;
        let url = response.url().clone();
        response
            .bytes()
            .await
            .map_err(|e| Error::from_reqwest(e, &url))?;
        Ok(())
    }
}

/// The headers asking `service_type` for `version`.
pub fn microversion_headers(service_type: &str, version: &str) -> Vec<(&'static str, String)> {
    let official = official_service_type(service_type);
    // Cinder names itself "volume" in the header, not "block-storage".
    let header_service = if official == "block-storage" {
        "volume"
    } else {
        official
    };
    let mut headers = vec![(
        "OpenStack-API-Version",
        format!("{header_service} {version}"),
    )];
    let legacy = match official {
        "compute" => Some("X-OpenStack-Nova-API-Version"),
        "baremetal" => Some("X-OpenStack-Ironic-API-Version"),
        "shared-file-system" => Some("X-OpenStack-Manila-API-Version"),
        _ => None,
    };
    if let Some(name) = legacy {
        headers.push((name, version.to_owned()));
    }
    headers
}

fn split_query(path: &str) -> (&str, Option<&str>) {
    match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    }
}

/// `base` with `path` appended to its path, keeping the base's own path
/// (endpoints like `http://nova/v2.1/<project>` must not lose it, as
/// `Url::join` would). A `?query` in `path` becomes the URL's query.
pub(crate) fn join_url(base: &Url, path: &str) -> Url {
    let (path, query) = split_query(path);
    let mut url = base.clone();
    let rel = path.trim_start_matches('/');
    if !rel.is_empty() {
        let joined = format!("{}/{}", base.path().trim_end_matches('/'), rel);
        url.set_path(&joined);
    }
    url.set_query(query);
    url.set_fragment(None);
    url
}

/// The query of the next page, if there is one.
fn next_params(
    page: &Value,
    key: &str,
    current: &[(String, String)],
    items: &[Value],
) -> Option<Vec<(String, String)>> {
    if let Some(href) = next_link(page, key) {
        return query_of(&href);
    }
    // No link: a full page means there may be more.
    let limit: usize = current
        .iter()
        .find(|(k, _)| k == "limit")
        .and_then(|(_, v)| v.parse().ok())?;
    if limit == 0 || items.len() < limit {
        return None;
    }
    let last = items.last()?;
    let marker = last
        .get("id")
        .or_else(|| last.get("name"))
        .and_then(Value::as_str)?;
    let mut next: Vec<(String, String)> = current
        .iter()
        .filter(|(k, _)| k != "marker")
        .cloned()
        .collect();
    next.push(("marker".to_owned(), marker.to_owned()));
    Some(next)
}

fn next_link(page: &Value, key: &str) -> Option<String> {
    fn rel_next(links: &Value) -> Option<String> {
        links.as_array()?.iter().find_map(|l| {
            (l.get("rel")?.as_str()? == "next")
                .then(|| l.get("href")?.as_str().map(str::to_owned))?
        })
    }
    // Nova, Cinder, Neutron: "<key>_links": [{"rel": "next", "href": ...}].
    if let Some(href) = page.get(format!("{key}_links")).and_then(rel_next) {
        return Some(href);
    }
    match page.get("links") {
        // Keystone: "links": {"next": href-or-null}.
        Some(Value::Object(links)) => {
            if let Some(href) = links.get("next").and_then(Value::as_str) {
                return Some(href.to_owned());
            }
        }
        Some(links @ Value::Array(_)) => {
            if let Some(href) = rel_next(links) {
                return Some(href);
            }
        }
        _ => {}
    }
    // Glance: "next": "/v2/images?marker=...".
    page.get("next").and_then(Value::as_str).map(str::to_owned)
}

fn query_of(href: &str) -> Option<Vec<(String, String)>> {
    let (_, query) = split_query(href);
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query?.as_bytes())
        .into_owned()
        .collect();
    (!pairs.is_empty()).then_some(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn join_keeps_base_path() {
        let base = Url::parse("http://nova:8774/v2.1/abc").unwrap();
        assert_eq!(
            join_url(&base, "/servers/detail").as_str(),
            "http://nova:8774/v2.1/abc/servers/detail"
        );
        assert_eq!(
            join_url(&base, "servers").as_str(),
            "http://nova:8774/v2.1/abc/servers"
        );
        let base = Url::parse("http://nova:8774/v2.1/").unwrap();
        assert_eq!(
            join_url(&base, "/flavors").as_str(),
            "http://nova:8774/v2.1/flavors"
        );
        assert_eq!(join_url(&base, "").as_str(), "http://nova:8774/v2.1/");
        let base = Url::parse("http://glance:9292").unwrap();
        assert_eq!(
            join_url(&base, "/v2/images?limit=2&marker=x").as_str(),
            "http://glance:9292/v2/images?limit=2&marker=x"
        );
    }

    #[test]
    fn microversions() {
        assert_eq!(
            microversion_headers("compute", "2.79"),
            vec![
                ("OpenStack-API-Version", "compute 2.79".to_owned()),
                ("X-OpenStack-Nova-API-Version", "2.79".to_owned()),
            ]
        );
        assert_eq!(
            microversion_headers("volumev3", "3.59"),
            vec![("OpenStack-API-Version", "volume 3.59".to_owned())]
        );
        assert_eq!(
            microversion_headers("placement", "1.10"),
            vec![("OpenStack-API-Version", "placement 1.10".to_owned())]
        );
        assert_eq!(
            microversion_headers("baremetal", "1.50")[1].0,
            "X-OpenStack-Ironic-API-Version"
        );
    }

    fn params(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn next_links() {
        let nova = json!({"servers": [{"id": "a"}], "servers_links": [
            {"rel": "next", "href": "http://internal-host:8774/v2.1/servers/detail?limit=1&marker=a"}]});
        assert_eq!(
            next_params(&nova, "servers", &[], &[]),
            Some(params(&[("limit", "1"), ("marker", "a")]))
        );
        let keystone =
            json!({"users": [], "links": {"next": "http://k/v3/users?page=2", "self": "x"}});
        assert_eq!(
            next_params(&keystone, "users", &[], &[]),
            Some(params(&[("page", "2")]))
        );
        let keystone_last = json!({"users": [], "links": {"next": null}});
        assert_eq!(next_params(&keystone_last, "users", &[], &[]), None);
        let glance = json!({"images": [], "next": "/v2/images?marker=b", "first": "/v2/images"});
        assert_eq!(
            next_params(&glance, "images", &[], &[]),
            Some(params(&[("marker", "b")]))
        );
    }

    #[test]
    fn marker_fallback() {
        let items = vec![json!({"name": "o1"}), json!({"name": "o2"})];
        let current = params(&[("format", "json"), ("limit", "2")]);
        assert_eq!(
            next_params(&Value::Array(items.clone()), "", &current, &items),
            Some(params(&[
                ("format", "json"),
                ("limit", "2"),
                ("marker", "o2")
            ]))
        );
        // Short page: done.
        assert_eq!(
            next_params(&Value::Array(vec![]), "", &current, &items[..1]),
            None
        );
        // No limit: cannot tell, done.
        assert_eq!(next_params(&Value::Array(vec![]), "", &[], &items), None);
    }
}
