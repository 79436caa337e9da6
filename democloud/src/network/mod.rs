//! Neutron, the network service (API v2.0). The endpoint is unversioned
//! (`/networking`); the API lives under `/networking/v2.0`.
//!
//! Networks, subnets, ports, security groups and their rules, floating IPs
//! and quotas are kept in SQLite. Nothing is wired for real: ports get
//! addresses and MACs, and Nova shows them as server addresses.

pub mod extensions;
pub mod floating_ips;
pub mod ipam;
pub mod networks;
pub mod nova;
pub mod ports;
pub mod quotas;
pub mod routers;
pub mod security_group_rules;
pub mod security_groups;
pub mod subnets;

use std::cmp::Ordering;

use axum::extract::{FromRequest, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::state::AppState;

/// Where the network API lives below the base URL.
pub const PREFIX: &str = "/networking/v2.0";

/// Id of the seeded external network `public`, the same in every demo cloud.
pub const PUBLIC_NETWORK_ID: &str = "4c7b3a52-0e5e-4f43-9d3b-6a0c1b2d9e01";
/// Id of the subnet of `public`.
pub const PUBLIC_SUBNET_ID: &str = "4c7b3a52-0e5e-4f43-9d3b-6a0c1b2d9e02";

/// A full path below [`PREFIX`].
pub fn path(p: &str) -> String {
    format!("{PREFIX}{p}")
}

/// The collections `GET /v2.0/` lists: (resource, collection).
const RESOURCES: &[(&str, &str)] = &[
    ("network", "networks"),
    ("subnet", "subnets"),
    ("port", "ports"),
    ("security_group", "security-groups"),
    ("security_group_rule", "security-group-rules"),
    ("floatingip", "floatingips"),
    ("router", "routers"),
    ("quota", "quotas"),
    ("extension", "extensions"),
];

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/networking", get(versions))
        .route("/networking/", get(versions))
        .route(PREFIX, get(version_resources))
        .route(&path("/"), get(version_resources))
        .merge(networks::routes())
        .merge(subnets::routes())
        .merge(ports::routes())
        .merge(security_groups::routes())
        .merge(security_group_rules::routes())
        .merge(floating_ips::routes())
        .merge(routers::routes())
        .merge(quotas::routes())
        .merge(extensions::routes())
}

/// Seeds the `public` network and a `private` network per demo project
/// once, recorded in `meta`. Runs after compute's seed: live servers that
/// have no port yet (the seeded ones, or any from before Neutron existed)
/// get one on their project's private network.
pub fn seed(conn: &mut Connection) -> Result<bool, Error> {
    let tx = conn.transaction()?;
    let seeded: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'network_seeded'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if seeded.is_some() {
        return Ok(false);
    }
    networks::seed(&tx).map_err(Fault::into_error)?;
    nova::seed_server_ports(&tx).map_err(Fault::into_error)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('network_seeded', ?1)",
        params![crate::db::now_micros().to_string()],
    )?;
    tx.commit()?;
    Ok(true)
}

// ---------------------------------------------------------------------------
// Version discovery

/// `GET /networking/`: Neutron's `GET /` version list.
async fn versions(State(st): State<AppState>) -> Json<Value> {
    Json(json!({"versions": [{
        "id": "v2.0",
        "status": "CURRENT",
        "links": [{"rel": "self", "href": format!("{}{PREFIX}/", st.base_url)}],
    }]}))
}

/// `GET /networking/v2.0/`: the collections of the API.
async fn version_resources(State(st): State<AppState>) -> Json<Value> {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .map(|(name, collection)| {
            json!({
                "name": name,
                "collection": collection,
                "links": [{"rel": "self", "href": format!("{}{PREFIX}/{collection}", st.base_url)}],
            })
        })
        .collect();
    Json(json!({ "resources": resources }))
}

// ---------------------------------------------------------------------------
// Errors

/// A Neutron fault: `{"NeutronError": {"type", "message", "detail"}}`.
/// Authentication failures keep keystonemiddleware's body.
#[derive(Debug)]
pub enum Fault {
    Neutron {
        status: StatusCode,
        kind: String,
        message: String,
    },
    Other(Error),
}

impl Fault {
    pub fn new(status: StatusCode, kind: &str, message: impl Into<String>) -> Fault {
        Fault::Neutron {
            status,
            kind: kind.to_owned(),
            message: message.into(),
        }
    }

    /// A 400 raised by the API layer (attribute validation).
    pub fn bad_request(message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::BAD_REQUEST, "HTTPBadRequest", message)
    }

    /// A 400 of a named Neutron type, e.g. `SecurityGroupInvalidPortRange`.
    pub fn bad_request_kind(kind: &str, message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::BAD_REQUEST, kind, message)
    }

    /// neutron-lib's `InvalidInput`.
    pub fn invalid_input(message: impl std::fmt::Display) -> Fault {
        Fault::new(
            StatusCode::BAD_REQUEST,
            "InvalidInput",
            format!("Invalid input for operation: {message}."),
        )
    }

    /// neutron-lib's `BadRequest`: `Bad <resource> request: <msg>.`
    pub fn bad_resource_request(resource: &str, message: impl std::fmt::Display) -> Fault {
        Fault::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!("Bad {resource} request: {message}."),
        )
    }

    /// `Invalid input for <attr>. Reason: <reason>.`
    pub fn invalid_attr(attr: &str, reason: impl std::fmt::Display) -> Fault {
        Fault::bad_request(format!("Invalid input for {attr}. Reason: {reason}."))
    }

    pub fn not_found(kind: &str, message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::NOT_FOUND, kind, message)
    }

    pub fn conflict(kind: &str, message: impl Into<String>) -> Fault {
        Fault::new(StatusCode::CONFLICT, kind, message)
    }

    /// oslo.policy's refusal, e.g. for `(rule:create_network and
    /// rule:create_network:shared)`.
    pub fn policy(rule: &str) -> Fault {
        Fault::new(
            StatusCode::FORBIDDEN,
            "PolicyNotAuthorized",
            format!("{rule} is disallowed by policy"),
        )
    }

    /// The crate error for non-HTTP callers such as seeding.
    pub fn into_error(self) -> Error {
        match self {
            Fault::Other(e) => e,
            Fault::Neutron { message, .. } => Error::Internal(message),
        }
    }

    /// The HTTP status of the fault.
    pub fn status(&self) -> StatusCode {
        match self {
            Fault::Neutron { status, .. } => *status,
            Fault::Other(e) => e.status(),
        }
    }

    /// The Neutron error type, e.g. `NetworkNotFound`.
    pub fn kind(&self) -> &str {
        match self {
            Fault::Neutron { kind, .. } => kind,
            Fault::Other(_) => "",
        }
    }

    /// The message the client sees.
    pub fn message(&self) -> String {
        match self {
            Fault::Neutron { message, .. } => message.clone(),
            Fault::Other(e) => e.to_string(),
        }
    }
}

impl IntoResponse for Fault {
    fn into_response(self) -> Response {
        match self {
            Fault::Neutron {
                status,
                kind,
                message,
            } => {
                let body =
                    json!({"NeutronError": {"type": kind, "message": message, "detail": ""}});
                (status, Json(body)).into_response()
            }
            Fault::Other(e) => e.into_response(),
        }
    }
}

impl From<Error> for Fault {
    fn from(e: Error) -> Fault {
        match e {
            Error::BadRequest(m) => Fault::bad_request(m),
            Error::Forbidden(m) => Fault::new(StatusCode::FORBIDDEN, "HTTPForbidden", m),
            Error::NotFound(m) => Fault::not_found("HTTPNotFound", m),
            Error::MethodNotAllowed => Fault::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "HTTPMethodNotAllowed",
                "The method is not allowed for the requested URL.",
            ),
            other => Fault::Other(other),
        }
    }
}

impl From<rusqlite::Error> for Fault {
    fn from(e: rusqlite::Error) -> Fault {
        Fault::Other(Error::Database(e))
    }
}

impl From<axum::extract::rejection::JsonRejection> for Fault {
    fn from(_: axum::extract::rejection::JsonRejection) -> Fault {
        Fault::bad_request("Malformed request body")
    }
}

impl From<axum::extract::rejection::PathRejection> for Fault {
    fn from(r: axum::extract::rejection::PathRejection) -> Fault {
        Error::from(r).into()
    }
}

impl From<axum::extract::rejection::QueryRejection> for Fault {
    fn from(_: axum::extract::rejection::QueryRejection) -> Fault {
        Fault::bad_request("Malformed query string")
    }
}

/// JSON body extractor with Neutron's 400.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(Fault))]
pub struct QJson<T>(pub T);

/// Path extractor; a malformed path is a 404.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(Fault))]
pub struct QPath<T>(pub T);

/// A request with a project-scoped token: Neutron resources belong to
/// projects.
pub type NetAuth = crate::auth::ProjectAuth<Fault>;

/// Runs `f` with the connection, for handlers returning [`Fault`].
pub async fn call<T, F>(st: &AppState, f: F) -> Result<T, Fault>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> Result<T, Fault> + Send + 'static,
{
    crate::db::call(st, f).await
}

pub use crate::http::format_time_seconds as format_time;

/// A new Neutron id: a UUID with dashes.
pub fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

// ---------------------------------------------------------------------------
// Request bodies

/// The attributes of a create or update body, taken one by one with
/// neutron-lib's validation messages.
pub struct Attrs {
    map: Map<String, Value>,
}

impl Attrs {
    /// The object under `resource` (`{"network": {...}}`); refuses
    /// attributes not in `known`, as Neutron does.
    pub fn from_body(body: Value, resource: &str, known: &[&str]) -> Result<Attrs, Fault> {
        let Value::Object(mut outer) = body else {
            return Err(Fault::bad_request("Body contains invalid data"));
        };
        let Some(inner) = outer.remove(resource) else {
            return Err(Fault::bad_request(format!(
                "Unable to find '{resource}' in request body"
            )));
        };
        let Value::Object(map) = inner else {
            return Err(Fault::bad_request(format!(
                "Unable to find '{resource}' in request body"
            )));
        };
        let mut unknown: Vec<&str> = map
            .keys()
            .map(String::as_str)
            .filter(|k| !known.contains(k))
            .collect();
        if !unknown.is_empty() {
            unknown.sort_unstable();
            return Err(Fault::bad_request(format!(
                "Unrecognized attribute(s) '{}'",
                unknown.join(", ")
            )));
        }
        Ok(Attrs { map })
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The raw value, if given.
    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.map.get(key)
    }

    /// Refuses attributes an update may not change.
    pub fn read_only(&self, keys: &[&str]) -> Result<(), Fault> {
        match keys.iter().find(|k| self.has(k)) {
            Some(k) => Err(Fault::bad_request(format!(
                "Cannot update read-only attribute {k}"
            ))),
            None => Ok(()),
        }
    }

    /// Refuses a missing required attribute.
    pub fn required(&self, key: &str) -> Result<&Value, Fault> {
        self.map.get(key).ok_or_else(|| {
            Fault::bad_request(format!(
                "Failed to parse request. Required attribute '{key}' not specified"
            ))
        })
    }

    /// A string of at most `max_len` characters.
    pub fn string(&self, key: &str, max_len: usize) -> Result<Option<String>, Fault> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if s.chars().count() <= max_len => Ok(Some(s.clone())),
            Some(Value::String(s)) => Err(Fault::invalid_attr(
                key,
                format!("'{s}' exceeds maximum length of {max_len}"),
            )),
            Some(v) => Err(Fault::invalid_attr(
                key,
                format!("'{}' is not a valid string", py_repr(v)),
            )),
        }
    }

    /// A string or `null`: `Some(None)` when explicitly null.
    pub fn nullable_string(
        &self,
        key: &str,
        max_len: usize,
    ) -> Result<Option<Option<String>>, Fault> {
        match self.map.get(key) {
            Some(Value::Null) => Ok(Some(None)),
            _ => Ok(self.string(key, max_len)?.map(Some)),
        }
    }

    /// A boolean, converted as neutron-lib's `convert_to_boolean` does.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, Fault> {
        let Some(v) = self.map.get(key) else {
            return Ok(None);
        };
        to_bool(v).map(Some).ok_or_else(|| {
            Fault::invalid_input(format!("'{}' cannot be converted to boolean", py_repr(v)))
        })
    }

    /// An integer (a JSON number or a numeric string), or `null`.
    pub fn nullable_int(&self, key: &str) -> Result<Option<Option<i64>>, Fault> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(v) => to_int(v).map(|n| Some(Some(n))).ok_or_else(|| {
                Fault::invalid_attr(key, format!("'{}' is not an integer", py_repr(v)))
            }),
        }
    }

    /// A list of strings.
    pub fn string_list(&self, key: &str) -> Result<Option<Vec<String>>, Fault> {
        match self.map.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(Fault::invalid_attr(
                        key,
                        format!("'{}' is not a valid string", py_repr(other)),
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(v) => Err(Fault::invalid_attr(
                key,
                format!("'{}' is not a list", py_repr(v)),
            )),
        }
    }
}

/// How Python prints a value in neutron-lib's messages.
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Null => "None".to_owned(),
        other => other.to_string(),
    }
}

/// neutron-lib's `convert_to_boolean`.
pub fn to_bool(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_i64() {
            Some(0) => Some(false),
            Some(1) => Some(true),
            _ => None,
        },
        Value::String(s) => parse_bool(s),
        _ => None,
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

fn to_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The owner of a new resource: the token's project unless an admin names
/// another (`project_id` or its old name `tenant_id`).
pub fn owner(attrs: &Attrs, auth: &NetAuth) -> Result<String, Fault> {
    let project = attrs.string("project_id", 255)?;
    let tenant = attrs.string("tenant_id", 255)?;
    if let (Some(p), Some(t)) = (&project, &tenant) {
        if p != t {
            return Err(Fault::bad_request(
                "'project_id' and 'tenant_id' do not match",
            ));
        }
    }
    match project.or(tenant) {
        Some(p) if p != auth.project_id && !auth.is_admin() => Err(Fault::bad_request(
            "Specifying 'project_id' or 'tenant_id' other than the authenticated project in \
             request requires admin privileges",
        )),
        Some(p) => Ok(p),
        None => Ok(auth.project_id.clone()),
    }
}

/// Bumps a resource's revision and update time.
pub fn touch(conn: &Connection, table: &str, id: &str) -> Result<(), Fault> {
    conn.execute(
        &format!(
            "UPDATE {table} SET revision_number = revision_number + 1, updated_at = ?2
             WHERE id = ?1"
        ),
        params![id, crate::db::now_micros()],
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Listing: filters, sorting, pagination and field selection

/// Query parameters in order, repeated keys kept (`?fields=id&fields=name`).
pub struct ListQuery(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for ListQuery {
    type Rejection = Fault;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<ListQuery, Fault> {
        let axum::extract::Query(pairs) =
            axum::extract::Query::<Vec<(String, String)>>::from_request_parts(parts, state).await?;
        Ok(ListQuery(pairs))
    }
}

/// Parameters that steer a list rather than filter it.
const CONTROL_PARAMS: &[&str] = &[
    "fields",
    "limit",
    "marker",
    "sort_key",
    "sort_dir",
    "page_reverse",
];

impl ListQuery {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, key: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The requested `fields` (comma lists allowed), empty for all.
    pub fn fields(&self) -> Vec<String> {
        self.all("fields")
            .iter()
            .flat_map(|f| f.split(','))
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Whether `item` passes every attribute filter. Repeated values of one
    /// filter are alternatives; filters on attributes the resource does not
    /// have are ignored.
    pub fn matches(&self, item: &Value) -> bool {
        let mut keys: Vec<&str> = self
            .0
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !CONTROL_PARAMS.contains(k))
            .collect();
        keys.dedup();
        keys.iter().all(|key| match item.get(*key) {
            None => true,
            Some(actual) => self.all(key).iter().any(|want| value_matches(actual, want)),
        })
    }

    /// Filters, sorts, pages and trims `items`, and wraps them as
    /// `{"<collection>": [...], "<collection>_links": [...]}`.
    pub fn respond(
        &self,
        mut items: Vec<Value>,
        collection: &str,
        url: &str,
    ) -> Result<Value, Fault> {
        items.retain(|i| self.matches(i));
        self.sort(&mut items)?;
        let limit = match self.get("limit") {
            None | Some("") => None,
            Some(l) => match l.parse::<i64>() {
                Ok(n) if n > 0 => Some(n as usize),
                Ok(_) => None,
                Err(_) => {
                    return Err(Fault::bad_request(format!(
                        "Invalid input for limit. Reason: '{l}' is not an integer."
                    )))
                }
            },
        };
        let marker = self.get("marker").filter(|m| !m.is_empty());
        if let Some(marker) = marker {
            match items.iter().position(|i| i["id"] == marker) {
                Some(pos) => {
                    items.drain(..=pos);
                }
                None => items.clear(),
            }
        }
        let mut links = Vec::new();
        if let Some(limit) = limit {
            if items.len() > limit {
                items.truncate(limit);
                if let Some(last) = items.last().and_then(|i| i["id"].as_str()) {
                    links.push(
                        json!({"rel": "next", "href": self.page_url(url, limit, last, false)}),
                    );
                }
            }
            if marker.is_some() {
                if let Some(first) = items.first().and_then(|i| i["id"].as_str()) {
                    links.push(
                        json!({"rel": "previous", "href": self.page_url(url, limit, first, true)}),
                    );
                }
            }
        }
        let fields = self.fields();
        let items: Vec<Value> = items
            .into_iter()
            .map(|i| select_fields(i, &fields))
            .collect();
        let mut body = Map::new();
        body.insert(collection.to_owned(), Value::Array(items));
        if !links.is_empty() {
            body.insert(format!("{collection}_links"), Value::Array(links));
        }
        Ok(Value::Object(body))
    }

    fn sort(&self, items: &mut [Value]) -> Result<(), Fault> {
        let keys = self.all("sort_key");
        let dirs = self.all("sort_dir");
        if keys.is_empty() {
            return Ok(());
        }
        let mut order = Vec::new();
        for (i, key) in keys.iter().enumerate() {
            let descending = match dirs.get(i).copied().unwrap_or("asc") {
                "asc" => false,
                "desc" => true,
                other => {
                    return Err(Fault::bad_request(format!(
                        "{other} is invalid value for sort_dir, valid values are 'asc' and 'desc'"
                    )))
                }
            };
            order.push((*key, descending));
        }
        // Stable: ties keep the creation order.
        items.sort_by(|a, b| {
            for (key, descending) in &order {
                let o = compare_values(&a[*key], &b[*key]);
                let o = if *descending { o.reverse() } else { o };
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        });
        Ok(())
    }

    fn page_url(&self, url: &str, limit: usize, marker: &str, reverse: bool) -> String {
        let mut query: Vec<String> = self
            .0
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "limit" | "marker" | "page_reverse"))
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        query.push(format!("limit={limit}"));
        query.push(format!("marker={}", encode(marker)));
        if reverse {
            query.push("page_reverse=True".to_owned());
        }
        format!("{url}?{}", query.join("&"))
    }
}

/// Whether one attribute value passes one filter value.
fn value_matches(actual: &Value, want: &str) -> bool {
    match actual {
        Value::String(s) => s == want,
        Value::Bool(b) => parse_bool(want) == Some(*b),
        Value::Number(n) => n.to_string() == want,
        Value::Null => want.is_empty() || want == "None" || want == "null",
        // `fixed_ips=ip_address=10.0.0.5`: an element with that member.
        Value::Array(list) => list.iter().any(|e| match (e, want.split_once('=')) {
            (Value::Object(o), Some((k, v))) => o.get(k).and_then(Value::as_str) == Some(v),
            (other, _) => value_matches(other, want),
        }),
        Value::Object(_) => false,
    }
}

fn compare_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.cmp(y),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Keeps only `fields` of a resource (all when empty).
pub fn select_fields(item: Value, fields: &[String]) -> Value {
    if fields.is_empty() {
        return item;
    }
    match item {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| fields.iter().any(|f| f == k))
                .collect(),
        ),
        other => other,
    }
}

/// Minimal query-value encoding for page links.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~:".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The URL of a collection, for page links.
pub fn collection_url(base_url: &str, collection: &str) -> String {
    format!("{base_url}{PREFIX}/{collection}")
}

/// One resource as `{"<resource>": {...}}`, trimmed to `fields`.
pub fn one(resource: &str, item: Value, query: &ListQuery) -> Json<Value> {
    let mut body = Map::new();
    body.insert(resource.to_owned(), select_fields(item, &query.fields()));
    Json(Value::Object(body))
}

/// Parses a JSON list column, empty on damage.
pub fn json_list(text: &str) -> Value {
    serde_json::from_str::<Value>(text)
        .ok()
        .filter(Value::is_array)
        .unwrap_or_else(|| json!([]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        ListQuery(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn filters_follow_attribute_types() {
        let net = json!({"id": "a", "name": "n", "shared": true, "router:external": false,
                         "mtu": 1450, "fixed_ips": [{"ip_address": "10.0.0.5"}]});
        assert!(query(&[("shared", "True")]).matches(&net));
        assert!(!query(&[("router:external", "true")]).matches(&net));
        assert!(query(&[("name", "x"), ("name", "n")]).matches(&net));
        assert!(query(&[("mtu", "1450"), ("fields", "id")]).matches(&net));
        assert!(query(&[("fixed_ips", "ip_address=10.0.0.5")]).matches(&net));
        assert!(!query(&[("fixed_ips", "ip_address=10.0.0.6")]).matches(&net));
        assert!(query(&[("unknown", "x")]).matches(&net));
    }

    #[test]
    fn pages_and_fields() {
        let items: Vec<Value> = ["a", "b", "c"]
            .iter()
            .map(|id| json!({"id": id, "name": id}))
            .collect();
        let body = query(&[("limit", "2"), ("fields", "id")])
            .respond(
                items.clone(),
                "networks",
                "http://h/networking/v2.0/networks",
            )
            .expect("page");
        assert_eq!(body["networks"], json!([{"id": "a"}, {"id": "b"}]));
        assert_eq!(
            body["networks_links"][0]["href"],
            "http://h/networking/v2.0/networks?fields=id&limit=2&marker=b"
        );
        let body = query(&[("limit", "2"), ("marker", "b")])
            .respond(items.clone(), "networks", "u")
            .expect("page");
        assert_eq!(body["networks"][0]["id"], "c");
        assert_eq!(body["networks_links"][0]["rel"], "previous");
        let body = query(&[("sort_key", "name"), ("sort_dir", "desc")])
            .respond(items, "networks", "u")
            .expect("sorted");
        assert_eq!(body["networks"][0]["id"], "c");
    }
}
