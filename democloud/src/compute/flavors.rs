//! Flavors: `/flavors` (list, show, and the admin create, description
//! update and delete), flavor access (`/flavors/{id}/os-flavor-access` and
//! the `addTenantAccess`/`removeTenantAccess` actions) and extra specs
//! (`/flavors/{id}/os-extra_specs`).
//!
//! A private flavor (`os-flavor-access:is_public` false) is seen, listed
//! and booted only by admins and the projects given access. A deleted
//! flavor that servers still use keeps its row (`deleted` set), since
//! servers read their flavor from it; every flavor API treats it as gone,
//! and creating a flavor with its id replaces it.

use std::cmp::Ordering;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Map, Value};

use super::extra_specs as validators;
use super::{
    action_of, additional_properties, call, invalid_input, links, path, require_admin, Fault,
    Microversion, NJson, NPath, ProjectAuth,
};
use crate::http::Params;
use crate::state::AppState;

#[derive(Clone, Debug)]
pub struct Flavor {
    pub id: String,
    pub name: String,
    pub vcpus: i64,
    pub ram: i64,
    pub disk: i64,
    pub ephemeral: i64,
    pub swap: i64,
    pub rxtx_factor: f64,
    pub is_public: bool,
    pub description: Option<String>,
}

const COLUMNS: &str =
    "id, name, vcpus, ram, disk, ephemeral, swap, rxtx_factor, is_public, description";

impl Flavor {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Flavor> {
        Ok(Flavor {
            id: r.get(0)?,
            name: r.get(1)?,
            vcpus: r.get(2)?,
            ram: r.get(3)?,
            disk: r.get(4)?,
            ephemeral: r.get(5)?,
            swap: r.get(6)?,
            rxtx_factor: r.get(7)?,
            is_public: r.get(8)?,
            description: r.get(9)?,
        })
    }

    fn summary(&self, base_url: &str, mv: Microversion) -> Value {
        let mut v = json!({
            "id": self.id,
            "name": self.name,
            "links": links(base_url, "flavors", &self.id),
        });
        if mv.at_least(55) {
            v["description"] = json!(self.description);
        }
        v
    }

    fn detail(&self, base_url: &str, mv: Microversion, extra_specs: Option<&Value>) -> Value {
        let mut v = self.summary(base_url, mv);
        // No swap was "" until 2.75.
        let swap = if self.swap == 0 && !mv.at_least(75) {
            json!("")
        } else {
            json!(self.swap)
        };
        let extra = json!({
            "vcpus": self.vcpus,
            "ram": self.ram,
            "disk": self.disk,
            "swap": swap,
            "rxtx_factor": self.rxtx_factor,
            "OS-FLV-EXT-DATA:ephemeral": self.ephemeral,
            "OS-FLV-DISABLED:disabled": false,
            "os-flavor-access:is_public": self.is_public,
        });
        if let (Some(obj), Some(add)) = (v.as_object_mut(), extra.as_object()) {
            obj.extend(add.clone());
        }
        if mv.at_least(61) {
            v["extra_specs"] = extra_specs.cloned().unwrap_or_else(|| json!({}));
        }
        v
    }
}

pub fn seed(conn: &Connection) -> Result<(), Fault> {
    for (id, name, vcpus, ram, disk) in [
        ("1", "m1.tiny", 1, 512, 1),
        ("2", "m1.small", 1, 2048, 20),
        ("3", "m1.medium", 2, 4096, 40),
        ("4", "m1.large", 4, 8192, 80),
        ("5", "m1.xlarge", 8, 16384, 160),
    ] {
        conn.execute(
            "INSERT OR IGNORE INTO flavors (id, name, vcpus, ram, disk) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, name, vcpus, ram, disk],
        )?;
    }
    Ok(())
}

/// A flavor by id, deleted or not: what the servers built from it show.
pub fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Flavor>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM flavors WHERE id = ?1"),
            params![id],
            Flavor::from_row,
        )
        .optional()?)
}

/// A flavor that is not deleted, whoever may see it.
fn get_live(conn: &Connection, id: &str) -> Result<Option<Flavor>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM flavors WHERE id = ?1 AND deleted = 0"),
            params![id],
            Flavor::from_row,
        )
        .optional()?)
}

/// The last path segment of a flavor reference, which may be a URL.
fn flavor_id_of(flavor_ref: &str) -> &str {
    flavor_ref.rsplit('/').next().unwrap_or(flavor_ref)
}

/// A live flavor by id or URL, private ones included, as the admin-context
/// lookups of Nova (a resize) find it.
pub fn find(conn: &Connection, id_or_name: &str) -> Result<Flavor, Fault> {
    let id = flavor_id_of(id_or_name);
    get_live(conn, id)?.map_or_else(|| not_found(id), Ok)
}

/// The flavor of a server create: a live flavor the project may boot, by
/// id or URL. Nova answers a missing or hidden one with 400.
pub fn find_for_project(
    conn: &Connection,
    flavor_ref: &str,
    auth: &ProjectAuth,
) -> Result<Flavor, Fault> {
    get_visible(conn, &Viewer::of(auth), flavor_id_of(flavor_ref)).map_err(|e| match e {
        Fault::Nova(StatusCode::NOT_FOUND, message) => Fault::bad_request(message),
        other => other,
    })
}

fn not_found<T>(id: &str) -> Result<T, Fault> {
    Err(Fault::not_found(format!("Flavor {id} could not be found.")))
}

/// Whose flavors a request sees: admins all of them, others the public
/// ones and those shared with their project.
struct Viewer {
    project_id: String,
    admin: bool,
}

impl Viewer {
    fn of(auth: &ProjectAuth) -> Viewer {
        Viewer {
            project_id: auth.project_id.clone(),
            admin: auth.is_admin(),
        }
    }
}

/// SQL: the flavor is shared with project `?2`.
const SHARED: &str = "EXISTS (SELECT 1 FROM flavor_projects p
                              WHERE p.flavor_id = flavors.id AND p.project_id = ?2)";

/// A live flavor `viewer` may see, else Nova's 404.
fn get_visible(conn: &Connection, viewer: &Viewer, id: &str) -> Result<Flavor, Fault> {
    let flavor = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM flavors
                 WHERE id = ?1 AND deleted = 0 AND (?3 OR is_public OR {SHARED})"
            ),
            params![id, viewer.project_id, viewer.admin],
            Flavor::from_row,
        )
        .optional()?;
    flavor.map_or_else(|| not_found(id), Ok)
}

/// A flavor in a list, with Nova's internal id (the rowid: creation order)
/// and whether it is shared with the viewer's project.
struct Listed {
    flavor: Flavor,
    pk: i64,
    shared: bool,
}

fn list_visible(conn: &Connection, viewer: &Viewer) -> Result<Vec<Listed>, Fault> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, rowid, {SHARED} FROM flavors
         WHERE deleted = 0 AND (?1 OR is_public OR {SHARED})"
    ))?;
    let rows = stmt.query_map(params![viewer.admin, viewer.project_id], |r| {
        Ok(Listed {
            flavor: Flavor::from_row(r)?,
            pk: r.get(10)?,
            shared: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn extra_specs(conn: &Connection, id: &str) -> Result<Value, Fault> {
    let mut stmt = conn
        .prepare("SELECT key, value FROM flavor_extra_specs WHERE flavor_id = ?1 ORDER BY key")?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut map = Map::new();
    for row in rows {
        let (k, v) = row?;
        map.insert(k, Value::String(v));
    }
    Ok(Value::Object(map))
}

/// The flavor as embedded in a server from 2.47 on.
pub fn embedded(conn: &Connection, f: &Flavor) -> Result<Value, Fault> {
    Ok(json!({
        "vcpus": f.vcpus,
        "ram": f.ram,
        "disk": f.disk,
        "ephemeral": f.ephemeral,
        "swap": f.swap,
        "original_name": f.name,
        "extra_specs": extra_specs(conn, &f.id)?,
    }))
}

/// The flavor as `GET /flavors/{id}` shows it at `mv`.
fn render(conn: &Connection, f: &Flavor, base_url: &str, mv: Microversion) -> Result<Value, Fault> {
    let specs = extra_specs(conn, &f.id)?;
    Ok(f.detail(base_url, mv, Some(&specs)))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/flavors"), get(list_flavors).post(create_flavor))
        .route(&path("/flavors/detail"), get(list_flavors_detail))
        .route(
            &path("/flavors/{flavor_id}"),
            get(show_flavor).put(update_flavor).delete(delete_flavor),
        )
        .route(&path("/flavors/{flavor_id}/action"), post(flavor_action))
        .route(
            &path("/flavors/{flavor_id}/os-flavor-access"),
            get(list_access),
        )
        .route(
            &path("/flavors/{flavor_id}/os-extra_specs"),
            get(list_specs).post(create_specs),
        )
        .route(
            &path("/flavors/{flavor_id}/os-extra_specs/{key}"),
            get(show_spec).put(update_spec).delete(delete_spec),
        )
}

// ---------------------------------------------------------------------------
// Python renderings and schema errors, as Nova's messages show values

/// A string as Python's `repr` shows it.
fn py_quote(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// A JSON value as Python's `repr` shows it.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_quote(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_quote(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A JSON value as Python's `str` shows it (strings unquoted).
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Nova's schema error for a body field: `field` is the last path element.
fn invalid(field: &str, value: &Value, reason: &str) -> Fault {
    invalid_input(field, &py_str(value), reason)
}

/// Nova's schema error for a query parameter.
fn invalid_query(param: &str, value: &str, reason: &str) -> String {
    format!("Invalid input for query parameters {param}. Value: {value}. {reason}")
}

/// jsonschema's `additionalProperties` message.
fn additional<'a>(extra: impl IntoIterator<Item = &'a String>) -> String {
    let extra: Vec<String> = extra.into_iter().map(|k| py_quote(k)).collect();
    additional_properties(&extra)
}

fn not_of_type(v: &Value, types: &str) -> String {
    format!("{} is not of type {types}", py_repr(v))
}

/// Checks a string's length in characters, as jsonschema counts them.
fn check_length(field: &str, v: &Value, s: &str, min: usize, max: usize) -> Result<(), Fault> {
    let len = s.chars().count();
    if len < min {
        return Err(invalid(field, v, &format!("{} is too short", py_quote(s))));
    }
    if len > max {
        return Err(invalid(field, v, &format!("{} is too long", py_quote(s))));
    }
    Ok(())
}

/// Whether Nova's name and description regexes take `c`: not a control,
/// format, private-use or line/paragraph separator character, and below
/// U+FFFF, where Nova's generated character ranges stop.
fn printable(c: char) -> bool {
    let u = u32::from(c);
    u < 0xFFFF
        && !c.is_control()
        && !matches!(
            u,
            0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
                | 0x2028..=0x202E | 0x2060..=0x206F | 0xE000..=0xF8FF | 0xFEFF
                | 0xFFF9..=0xFFFB
        )
}

/// Unicode's space separators (category Zs).
fn is_space(c: char) -> bool {
    matches!(
        u32::from(c),
        0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000
    )
}

/// Nova's `name` format: printable, not starting or ending with a space.
fn valid_name(s: &str) -> bool {
    s.chars().all(printable) && !s.starts_with(is_space) && !s.ends_with(is_space)
}

const INVALID_NAME: &str = "An invalid 'name' value was provided. The name must be: printable \
                            characters. Can not start or end with whitespace.";

/// Nova's database maximum for integers.
const MAX_INT: i64 = 0x7FFF_FFFF;
/// ... and for floats (`rxtx_factor`).
const MAX_FLOAT: f64 = 3.40282e38;

/// The strings (besides true and false) Nova's boolean parameters accept.
const TRUE_STRINGS: &[&str] = &[
    "True", "TRUE", "true", "1", "ON", "On", "on", "YES", "Yes", "yes",
];
const FALSE_STRINGS: &[&str] = &[
    "False", "FALSE", "false", "0", "OFF", "Off", "off", "NO", "No", "no",
];

fn check_boolean(field: &str, v: &Value) -> Result<bool, Fault> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if TRUE_STRINGS.contains(&s.as_str()) => Ok(true),
        Value::String(s) if FALSE_STRINGS.contains(&s.as_str()) => Ok(false),
        Value::String(_) => {
            let allowed: Vec<String> = std::iter::once("True".to_owned())
                .chain(TRUE_STRINGS.iter().map(|s| py_quote(s)))
                .chain(std::iter::once("False".to_owned()))
                .chain(FALSE_STRINGS.iter().map(|s| py_quote(s)))
                .collect();
            Err(invalid(
                field,
                v,
                &format!("{} is not one of [{}]", py_repr(v), allowed.join(", ")),
            ))
        }
        other => Err(invalid(
            field,
            other,
            &not_of_type(other, "'boolean', 'string'"),
        )),
    }
}

// ---------------------------------------------------------------------------
// Listing

/// Nova's flavor sort keys; `id` is its internal id.
const SORT_KEYS: &[&str] = &[
    "created_at",
    "description",
    "disabled",
    "ephemeral_gb",
    "flavorid",
    "id",
    "is_public",
    "memory_mb",
    "name",
    "root_gb",
    "rxtx_factor",
    "swap",
    "updated_at",
    "vcpu_weight",
    "vcpus",
];
const SORT_DIRS: &[&str] = &["asc", "desc"];
const QUERY_PARAMS: &[&str] = &[
    "limit",
    "marker",
    "is_public",
    "minRam",
    "minDisk",
    "sort_key",
    "sort_dir",
];
/// Nova's `[api] max_limit`.
const MAX_LIMIT: usize = 1000;

/// Sorts by `key`, then by the internal id, as Nova pages.
fn compare(key: &str, a: &Listed, b: &Listed) -> Ordering {
    let (x, y) = (&a.flavor, &b.flavor);
    let first = match key {
        "flavorid" => x.id.cmp(&y.id),
        "name" => x.name.cmp(&y.name),
        "memory_mb" => x.ram.cmp(&y.ram),
        "vcpus" => x.vcpus.cmp(&y.vcpus),
        "root_gb" => x.disk.cmp(&y.disk),
        "ephemeral_gb" => x.ephemeral.cmp(&y.ephemeral),
        "swap" => x.swap.cmp(&y.swap),
        "rxtx_factor" => x.rxtx_factor.total_cmp(&y.rxtx_factor),
        "is_public" => x.is_public.cmp(&y.is_public),
        "description" => x.description.cmp(&y.description),
        // Creation order is the internal id's; the rest are alike here.
        "id" | "created_at" | "updated_at" => a.pk.cmp(&b.pk),
        _ => Ordering::Equal,
    };
    first.then(a.pk.cmp(&b.pk))
}

/// Nova's `is_public` filter for admins: absent means public (and shared
/// with the admin's project), `none` everything.
fn parse_is_public(v: Option<&str>) -> Result<Option<bool>, Fault> {
    match v {
        None => Ok(Some(true)),
        Some(s) if s.eq_ignore_ascii_case("none") => Ok(None),
        Some(s) => validators::parse_bool(s)
            .map(Some)
            .ok_or_else(|| Fault::bad_request(format!("Invalid is_public filter [{s}]"))),
    }
}

/// The query schema: a limit of digits, known sort keys and directions,
/// and from 2.75 no unknown parameters. Returns the page size.
fn check_query(params: &Params, mv: Microversion) -> Result<usize, Fault> {
    let mut limit = MAX_LIMIT;
    if let Some(v) = params.get("limit") {
        if !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Fault::bad_request(invalid_query(
                "limit",
                v,
                &format!("{} does not match '^[0-9]*$'", py_quote(v)),
            )));
        }
        if v.is_empty() {
            return Err(Fault::bad_request(invalid_query(
                "limit",
                v,
                "'' is too short",
            )));
        }
        limit = v.parse::<usize>().unwrap_or(usize::MAX).min(MAX_LIMIT);
    }
    for (param, allowed) in [("sort_key", SORT_KEYS), ("sort_dir", SORT_DIRS)] {
        if let Some(v) = params.get(param).filter(|v| !allowed.contains(v)) {
            let allowed: Vec<String> = allowed.iter().map(|s| py_quote(s)).collect();
            return Err(Fault::bad_request(invalid_query(
                param,
                v,
                &format!("{} is not one of [{}]", py_quote(v), allowed.join(", ")),
            )));
        }
    }
    if mv.at_least(75) {
        let mut unknown: Vec<&String> = params
            .0
            .keys()
            .filter(|k| !QUERY_PARAMS.contains(&k.as_str()))
            .collect();
        unknown.sort();
        if !unknown.is_empty() {
            return Err(Fault::bad_request(additional(unknown)));
        }
    }
    Ok(limit)
}

/// Filters, sorts and pages flavors as Nova does; returns the page and
/// whether a next link is due.
fn select(
    mut all: Vec<Listed>,
    params: &Params,
    admin: bool,
    mv: Microversion,
) -> Result<(Vec<Flavor>, bool), Fault> {
    let limit = check_query(params, mv)?;
    let int = |key: &str| -> Result<Option<i64>, Fault> {
        params
            .get(key)
            .map(|v| {
                v.trim()
                    .parse::<i64>()
                    .map_err(|_| Fault::bad_request(format!("Invalid {key} filter [{v}]")))
            })
            .transpose()
    };
    let min_ram = int("minRam")?;
    let min_disk = int("minDisk")?;
    // Only admins choose; others see public flavors and those shared with
    // their project, which is also what "public" means to an admin.
    let public = if admin {
        parse_is_public(params.get("is_public"))?
    } else {
        Some(true)
    };
    let key = params.get("sort_key").unwrap_or("flavorid");
    let desc = params.get("sort_dir") == Some("desc");
    all.sort_by(|a, b| {
        let order = compare(key, a, b);
        if desc {
            order.reverse()
        } else {
            order
        }
    });
    // The marker is any flavor the caller sees, filtered out or not.
    if let Some(marker) = params.get("marker") {
        let pos = all
            .iter()
            .position(|l| l.flavor.id == marker)
            .ok_or_else(|| Fault::bad_request(format!("marker [{marker}] not found")))?;
        all.drain(..=pos);
    }
    let flavors: Vec<Flavor> = all
        .into_iter()
        .filter(|l| {
            let f = &l.flavor;
            min_ram.is_none_or(|m| f.ram >= m)
                && min_disk.is_none_or(|m| f.disk >= m)
                && match public {
                    Some(true) => f.is_public || l.shared,
                    Some(false) => !f.is_public,
                    None => true,
                }
        })
        .map(|l| l.flavor)
        .take(limit)
        .collect();
    let more = limit > 0 && flavors.len() == limit;
    Ok((flavors, more))
}

fn next_link(base_url: &str, kind: &str, params: &Params, last: Option<&Flavor>) -> Value {
    let Some(last) = last else { return json!([]) };
    let mut query: Vec<String> = params
        .0
        .iter()
        .filter(|(k, _)| k.as_str() != "marker")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    query.sort();
    query.push(format!("marker={}", last.id));
    json!([{"rel": "next", "href": format!("{base_url}{}?{}", path(kind), query.join("&"))}])
}

async fn list_common(
    st: AppState,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
    detail: bool,
) -> Result<Json<Value>, Fault> {
    let viewer = Viewer::of(&auth);
    let admin = viewer.admin;
    let listed = call(&st, move |c| list_visible(c, &viewer)).await?;
    let (page, more) = select(listed, &params, admin, mv)?;
    let base_url = st.base_url.clone();
    let rendered = call(&st, move |c| {
        let mut out = Vec::with_capacity(page.len());
        for f in &page {
            out.push(if detail {
                render(c, f, &base_url, mv)?
            } else {
                f.summary(&base_url, mv)
            });
        }
        Ok((out, page.last().cloned()))
    })
    .await?;
    let (rendered, last) = rendered;
    let mut body = json!({"flavors": rendered});
    if more {
        let kind = if detail {
            "/flavors/detail"
        } else {
            "/flavors"
        };
        body["flavors_links"] = next_link(&st.base_url, kind, &params, last.as_ref());
    }
    Ok(Json(body))
}

async fn list_flavors(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    list_common(st, auth, mv, params, false).await
}

async fn list_flavors_detail(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    list_common(st, auth, mv, params, true).await
}

async fn show_flavor(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let viewer = Viewer::of(&auth);
    let base_url = st.base_url.clone();
    let v = call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        render(c, &f, &base_url, mv)
    })
    .await?;
    Ok(Json(json!({ "flavor": v })))
}

// ---------------------------------------------------------------------------
// Create, update, delete

/// A validated `POST /flavors` body.
#[derive(Debug, PartialEq)]
struct NewFlavor {
    /// `None`: Nova generates a UUID.
    id: Option<String>,
    name: String,
    ram: i64,
    vcpus: i64,
    disk: i64,
    ephemeral: i64,
    swap: i64,
    rxtx_factor: f64,
    is_public: bool,
    description: Option<String>,
}

/// A `flavor_param_positive`/`non_negative` field: an integer from `min`
/// up to Nova's maximum, or a string of digits (range-checked later).
fn check_int_field(field: &str, v: &Value, min: i64) -> Result<(), Fault> {
    match v {
        Value::Number(n) if n.is_i64() || n.is_u64() => {
            let x = n.as_i64().unwrap_or(i64::MAX);
            if x < min {
                return Err(invalid(
                    field,
                    v,
                    &format!("{n} is less than the minimum of {min}"),
                ));
            }
            if x > MAX_INT {
                return Err(invalid(
                    field,
                    v,
                    &format!("{n} is greater than the maximum of {MAX_INT}"),
                ));
            }
            Ok(())
        }
        Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Ok(()),
        Value::String(s) => Err(invalid(
            field,
            v,
            &format!("{} does not match '^[0-9]+$'", py_quote(s)),
        )),
        other => Err(invalid(
            field,
            other,
            &not_of_type(other, "'integer', 'string'"),
        )),
    }
}

/// `nova.utils.validate_integer`, as `flavors.create` applies it after the
/// schema (which leaves strings of digits unbounded).
fn to_int(name: &str, v: Option<&Value>, min: i64) -> Result<i64, Fault> {
    let n = match v {
        None => 0,
        Some(Value::Number(n)) => n.as_i64().unwrap_or(i64::MAX),
        Some(Value::String(s)) => s.parse::<i64>().unwrap_or(i64::MAX),
        Some(_) => 0,
    };
    if n < min {
        return Err(Fault::bad_request(format!(
            "Invalid input received: {name} must be >= {min}"
        )));
    }
    if n > MAX_INT {
        return Err(Fault::bad_request(format!(
            "Invalid input received: {name} must be <= {MAX_INT}"
        )));
    }
    Ok(n)
}

fn check_rxtx_factor(v: &Value) -> Result<(), Fault> {
    let field = "rxtx_factor";
    match v {
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::INFINITY);
            if x <= 0.0 {
                return Err(invalid(
                    field,
                    v,
                    &format!("{n} is less than or equal to the minimum of 0"),
                ));
            }
            if x > MAX_FLOAT {
                return Err(invalid(
                    field,
                    v,
                    &format!("{n} is greater than the maximum of 3.40282e+38"),
                ));
            }
            Ok(())
        }
        Value::String(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, "1"));
            let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
            if digits(whole) && digits(fraction) {
                Ok(())
            } else {
                Err(invalid(
                    field,
                    v,
                    &format!(
                        "{} does not match {}",
                        py_quote(s),
                        py_quote(r"^[0-9]+(\.[0-9]+)?$")
                    ),
                ))
            }
        }
        other => Err(invalid(
            field,
            other,
            &not_of_type(other, "'number', 'string'"),
        )),
    }
}

/// A description (2.55+): a string of printable characters, or null.
fn check_description(v: &Value) -> Result<Option<String>, Fault> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => {
            check_length("description", v, s, 0, 65535)?;
            if !s.chars().all(printable) {
                // Nova prints its whole generated character class here.
                return Err(invalid(
                    "description",
                    v,
                    &format!("{} does not match '^[printable characters]*$'", py_quote(s)),
                ));
            }
            Ok(Some(s.clone()))
        }
        other => Err(invalid(
            "description",
            other,
            &not_of_type(other, "'string', 'null'"),
        )),
    }
}

/// Validates a create body against Nova's schema for `mv`, then as
/// `nova.compute.flavors.create` does.
fn parse_create(body: &Value, mv: Microversion) -> Result<NewFlavor, Fault> {
    let Some(top) = body.as_object() else {
        return Err(Fault::bad_request(not_of_type(body, "'object'")));
    };
    let Some(fv) = top.get("flavor") else {
        return Err(Fault::bad_request("'flavor' is a required property"));
    };
    let Some(f) = fv.as_object() else {
        return Err(invalid("flavor", fv, &not_of_type(fv, "'object'")));
    };
    // Properties in the schema's order, then required, then unknown ones.
    if let Some(v) = f.get("name") {
        let Value::String(s) = v else {
            return Err(invalid("name", v, &not_of_type(v, "'string'")));
        };
        check_length("name", v, s, 1, 255)?;
        if !valid_name(s) {
            return Err(Fault::bad_request(INVALID_NAME));
        }
    }
    let id = match f.get("id") {
        None | Some(Value::Null) => None,
        // A number is its string, as in Python; 0 is "no id" there.
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(v @ Value::String(s)) => {
            check_length("id", v, s, 1, 255)?;
            let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | ' ' | '_' | '-');
            if !s.chars().all(allowed) || s.starts_with(' ') || s.ends_with(' ') {
                return Err(invalid(
                    "id",
                    v,
                    &format!(
                        "{} does not match '^(?! )[a-zA-Z0-9. _-]+(?<! )$'",
                        py_quote(s)
                    ),
                ));
            }
            Some(s.clone())
        }
        Some(v) => {
            return Err(invalid(
                "id",
                v,
                &not_of_type(v, "'string', 'number', 'null'"),
            ))
        }
    };
    for (field, min) in [
        ("ram", 1),
        ("vcpus", 1),
        ("disk", 0),
        ("OS-FLV-EXT-DATA:ephemeral", 0),
        ("swap", 0),
    ] {
        if let Some(v) = f.get(field) {
            check_int_field(field, v, min)?;
        }
    }
    if let Some(v) = f.get("rxtx_factor") {
        check_rxtx_factor(v)?;
    }
    let is_public = match f.get("os-flavor-access:is_public") {
        Some(v) => check_boolean("os-flavor-access:is_public", v)?,
        None => true,
    };
    let description = match f.get("description").filter(|_| mv.at_least(55)) {
        Some(v) => check_description(v)?,
        None => None,
    };
    for required in ["name", "ram", "vcpus", "disk"] {
        if !f.contains_key(required) {
            return Err(invalid(
                "flavor",
                fv,
                &format!("'{required}' is a required property"),
            ));
        }
    }
    let mut known = vec![
        "name",
        "id",
        "ram",
        "vcpus",
        "disk",
        "OS-FLV-EXT-DATA:ephemeral",
        "swap",
        "rxtx_factor",
        "os-flavor-access:is_public",
    ];
    if mv.at_least(55) {
        known.push("description");
    }
    let extra: Vec<&String> = f.keys().filter(|k| !known.contains(&k.as_str())).collect();
    if !extra.is_empty() {
        return Err(invalid("flavor", fv, &additional(extra)));
    }
    let extra: Vec<&String> = top.keys().filter(|k| *k != "flavor").collect();
    if !extra.is_empty() {
        return Err(Fault::bad_request(additional(extra)));
    }
    // What flavors.create checks once the schema passed.
    let ram = to_int("ram", f.get("ram"), 1)?;
    let vcpus = to_int("vcpus", f.get("vcpus"), 1)?;
    let disk = to_int("disk", f.get("disk"), 0)?;
    let ephemeral = to_int("ephemeral", f.get("OS-FLV-EXT-DATA:ephemeral"), 0)?;
    let swap = to_int("swap", f.get("swap"), 0)?;
    let rxtx_factor = match f.get("rxtx_factor") {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(0.0),
        Some(Value::String(s)) => s.parse::<f64>().unwrap_or(0.0),
        _ => 1.0,
    };
    if rxtx_factor <= 0.0 || rxtx_factor > MAX_FLOAT {
        return Err(Fault::bad_request(
            "Invalid input received: 'rxtx_factor' argument must be a float between 0 and \
             3.40282e+38",
        ));
    }
    let name = match f.get("name") {
        Some(Value::String(s)) => s.trim().to_owned(),
        _ => String::new(),
    };
    Ok(NewFlavor {
        id,
        name,
        ram,
        vcpus,
        disk,
        ephemeral,
        swap,
        rxtx_factor,
        is_public,
        description,
    })
}

/// Stores a new flavor; Nova's 409s when its id or name is taken.
fn insert(conn: &Connection, new: &NewFlavor) -> Result<Flavor, Fault> {
    let id = new
        .id
        .clone()
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    // The id's unique key comes first in Nova's table.
    if get_live(conn, &id)?.is_some() {
        return Err(Fault::conflict(format!(
            "Flavor with ID {id} already exists."
        )));
    }
    let name_taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM flavors WHERE name = ?1 AND deleted = 0)",
        params![new.name],
        |r| r.get(0),
    )?;
    if name_taken {
        return Err(Fault::conflict(format!(
            "Flavor with name {} already exists.",
            new.name
        )));
    }
    // A deleted flavor with this id gives way (its extra specs go with it).
    conn.execute(
        "DELETE FROM flavors WHERE id = ?1 AND deleted = 1",
        params![id],
    )?;
    conn.execute(
        &format!(
            "INSERT INTO flavors ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            id,
            new.name,
            new.vcpus,
            new.ram,
            new.disk,
            new.ephemeral,
            new.swap,
            new.rxtx_factor,
            new.is_public,
            new.description
        ],
    )?;
    get_live(conn, &id)?.map_or_else(|| not_found(&id), Ok)
}

async fn create_flavor(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    // Nova validates the body before its policy check.
    let new = parse_create(&body, mv)?;
    require_admin(&auth, "os_compute_api:os-flavor-manage:create")?;
    let base_url = st.base_url.clone();
    let v = call(&st, move |c| {
        let tx = c.transaction()?;
        let f = insert(&tx, &new)?;
        let v = render(&tx, &f, &base_url, mv)?;
        tx.commit()?;
        Ok(v)
    })
    .await?;
    Ok(Json(json!({ "flavor": v })))
}

/// Validates an update body: `{"flavor": {"description": ...}}`.
fn parse_update(body: &Value) -> Result<Option<String>, Fault> {
    let Some(top) = body.as_object() else {
        return Err(Fault::bad_request(not_of_type(body, "'object'")));
    };
    let Some(fv) = top.get("flavor") else {
        return Err(Fault::bad_request("'flavor' is a required property"));
    };
    let Some(f) = fv.as_object() else {
        return Err(invalid("flavor", fv, &not_of_type(fv, "'object'")));
    };
    let description = match f.get("description") {
        Some(v) => check_description(v)?,
        None => {
            return Err(invalid(
                "flavor",
                fv,
                "'description' is a required property",
            ))
        }
    };
    let extra: Vec<&String> = f.keys().filter(|k| *k != "description").collect();
    if !extra.is_empty() {
        return Err(invalid("flavor", fv, &additional(extra)));
    }
    let extra: Vec<&String> = top.keys().filter(|k| *k != "flavor").collect();
    if !extra.is_empty() {
        return Err(Fault::bad_request(additional(extra)));
    }
    Ok(description)
}

async fn update_flavor(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    // Before 2.55 the method does not exist: Nova's bare 404.
    if !mv.at_least(55) {
        return Err(Fault::not_found("The resource could not be found."));
    }
    let description = parse_update(&body)?;
    require_admin(&auth, "os_compute_api:os-flavor-manage:update")?;
    let viewer = Viewer::of(&auth);
    let base_url = st.base_url.clone();
    let v = call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        c.execute(
            "UPDATE flavors SET description = ?2 WHERE id = ?1 AND deleted = 0",
            params![f.id, description],
        )?;
        let f = get_visible(c, &viewer, &id)?;
        render(c, &f, &base_url, mv)
    })
    .await?;
    Ok(Json(json!({ "flavor": v })))
}

async fn delete_flavor(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<StatusCode, Fault> {
    require_admin(&auth, "os_compute_api:os-flavor-manage:delete")?;
    call(&st, move |c| {
        let tx = c.transaction()?;
        if get_live(&tx, &id)?.is_none() {
            return not_found(&id);
        }
        // Servers (even deleted ones, for usage) read their flavor here.
        let used: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM servers WHERE flavor_id = ?1 OR old_flavor_id = ?1)",
            params![id],
            |r| r.get(0),
        )?;
        if used {
            tx.execute("UPDATE flavors SET deleted = 1 WHERE id = ?1", params![id])?;
            tx.execute(
                "DELETE FROM flavor_projects WHERE flavor_id = ?1",
                params![id],
            )?;
        } else {
            tx.execute("DELETE FROM flavors WHERE id = ?1", params![id])?;
        }
        tx.commit()?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::ACCEPTED)
}

// ---------------------------------------------------------------------------
// Flavor access

fn access_list(conn: &Connection, flavor_id: &str) -> Result<Value, Fault> {
    let mut stmt =
        conn.prepare("SELECT project_id FROM flavor_projects WHERE flavor_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map(params![flavor_id], |r| r.get::<_, String>(0))?;
    let mut list = Vec::new();
    for project in rows {
        list.push(json!({"flavor_id": flavor_id, "tenant_id": project?}));
    }
    Ok(json!({ "flavor_access": list }))
}

/// Nova's internal id of a flavor, which its access messages name.
fn internal_id(conn: &Connection, id: &str) -> Result<i64, Fault> {
    Ok(conn.query_row(
        "SELECT rowid FROM flavors WHERE id = ?1 AND deleted = 0",
        params![id],
        |r| r.get(0),
    )?)
}

async fn list_access(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    require_admin(&auth, "os_compute_api:os-flavor-access")?;
    let viewer = Viewer::of(&auth);
    let v = call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        if f.is_public {
            return Err(Fault::not_found(
                "Access list not available for public flavors.",
            ));
        }
        access_list(c, &f.id)
    })
    .await?;
    Ok(Json(v))
}

/// The `tenant` of an access action, checked against Nova's schema.
fn parse_tenant(action: &str, args: &Value) -> Result<String, Fault> {
    let Some(obj) = args.as_object() else {
        return Err(invalid(action, args, &not_of_type(args, "'object'")));
    };
    let tenant = match obj.get("tenant") {
        Some(v @ Value::String(s)) => {
            check_length("tenant", v, s, 1, 255)?;
            s.clone()
        }
        Some(v) => return Err(invalid("tenant", v, &not_of_type(v, "'string'"))),
        None => return Err(invalid(action, args, "'tenant' is a required property")),
    };
    let extra: Vec<&String> = obj.keys().filter(|k| *k != "tenant").collect();
    if !extra.is_empty() {
        return Err(invalid(action, args, &additional(extra)));
    }
    Ok(tenant)
}

async fn flavor_action(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    let (action, args) = action_of(body, "Malformed request body")?;
    let add = match action.as_str() {
        "addTenantAccess" => true,
        "removeTenantAccess" => false,
        other => {
            return Err(Fault::bad_request(format!(
                "There is no such action: {other}"
            )))
        }
    };
    let tenant = parse_tenant(&action, &args)?;
    let rule = if add {
        "os_compute_api:os-flavor-access:add_tenant_access"
    } else {
        "os_compute_api:os-flavor-access:remove_tenant_access"
    };
    require_admin(&auth, rule)?;
    let viewer = Viewer::of(&auth);
    let v = call(&st, move |c| {
        // Nova asks Keystone whether the project exists.
        if crate::identity::projects::get_by_id(c, &tenant)?.is_none() {
            return Err(Fault::bad_request(format!(
                "Project ID {tenant} is not a valid project."
            )));
        }
        let f = get_visible(c, &viewer, &id)?;
        let pk = internal_id(c, &f.id)?;
        let has: bool = c.query_row(
            "SELECT EXISTS (SELECT 1 FROM flavor_projects
                            WHERE flavor_id = ?1 AND project_id = ?2)",
            params![f.id, tenant],
            |r| r.get(0),
        )?;
        if add {
            if mv.at_least(7) && f.is_public {
                return Err(Fault::conflict("Can not add access to a public flavor."));
            }
            // Nova's messages name its internal flavor id.
            if has {
                return Err(Fault::conflict(format!(
                    "Flavor access already exists for flavor {pk} and project {tenant} \
                     combination."
                )));
            }
            c.execute(
                "INSERT INTO flavor_projects (flavor_id, project_id) VALUES (?1, ?2)",
                params![f.id, tenant],
            )?;
        } else {
            if !has {
                return Err(Fault::not_found(format!(
                    "Flavor access not found for {pk} / {tenant} combination."
                )));
            }
            c.execute(
                "DELETE FROM flavor_projects WHERE flavor_id = ?1 AND project_id = ?2",
                params![f.id, tenant],
            )?;
        }
        access_list(c, &f.id)
    })
    .await?;
    Ok(Json(v))
}

// ---------------------------------------------------------------------------
// Extra specs

/// Extra spec keys as Nova's schema takes them.
fn valid_key(k: &str) -> bool {
    let len = k.chars().count();
    (1..=255).contains(&len)
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.' | ' '))
}

/// Checks extra specs against Nova's schema: keys of the allowed
/// characters, values strings of at most 255 characters or numbers.
/// `field` names the object in messages (`None` for a PUT body).
fn check_specs(field: Option<&str>, v: &Value) -> Result<(), Fault> {
    let Some(specs) = v.as_object() else {
        let reason = not_of_type(v, "'object'");
        return Err(match field {
            Some(field) => invalid(field, v, &reason),
            None => Fault::bad_request(reason),
        });
    };
    for (k, value) in specs.iter().filter(|(k, _)| valid_key(k)) {
        match value {
            Value::String(s) => check_length(k, value, s, 0, 255)?,
            Value::Number(_) => {}
            other => return Err(invalid(k, other, &not_of_type(other, "'string', 'number'"))),
        }
    }
    let extra: Vec<&String> = specs.keys().filter(|k| !valid_key(k)).collect();
    if !extra.is_empty() {
        let reason = additional(extra);
        return Err(match field {
            Some(field) => invalid(field, v, &reason),
            None => Fault::bad_request(reason),
        });
    }
    Ok(())
}

/// The specs as stored (numbers become their text), validated from 2.86
/// on as Nova does.
fn spec_values(
    specs: &Map<String, Value>,
    mv: Microversion,
) -> Result<Vec<(String, String)>, Fault> {
    let mut out = Vec::with_capacity(specs.len());
    for (k, v) in specs {
        let value = py_str(v);
        if mv.at_least(86) {
            validators::validate(k, &value).map_err(Fault::bad_request)?;
        }
        out.push((k.clone(), value));
    }
    Ok(out)
}

fn store_specs(
    conn: &Connection,
    flavor_id: &str,
    specs: &[(String, String)],
) -> Result<(), Fault> {
    for (k, v) in specs {
        conn.execute(
            "INSERT INTO flavor_extra_specs (flavor_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (flavor_id, key) DO UPDATE SET value = excluded.value",
            params![flavor_id, k, v],
        )?;
    }
    Ok(())
}

fn no_such_key(flavor_id: &str, key: &str) -> Fault {
    Fault::not_found(format!(
        "Flavor {flavor_id} has no extra specs with key {key}."
    ))
}

async fn list_specs(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let viewer = Viewer::of(&auth);
    let specs = call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        extra_specs(c, &f.id)
    })
    .await?;
    Ok(Json(json!({ "extra_specs": specs })))
}

async fn create_specs(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    let Some(top) = body.as_object() else {
        return Err(Fault::bad_request(not_of_type(&body, "'object'")));
    };
    let Some(specs) = top.get("extra_specs") else {
        return Err(Fault::bad_request("'extra_specs' is a required property"));
    };
    check_specs(Some("extra_specs"), specs)?;
    let extra: Vec<&String> = top.keys().filter(|k| *k != "extra_specs").collect();
    if !extra.is_empty() {
        return Err(Fault::bad_request(additional(extra)));
    }
    require_admin(&auth, "os_compute_api:os-flavor-extra-specs:create")?;
    let values = spec_values(specs.as_object().unwrap_or(&Map::new()), mv)?;
    let viewer = Viewer::of(&auth);
    call(&st, move |c| {
        let tx = c.transaction()?;
        let f = get_visible(&tx, &viewer, &id)?;
        store_specs(&tx, &f.id, &values)?;
        tx.commit()?;
        Ok(())
    })
    .await?;
    // Nova answers with the request body as sent.
    Ok(Json(body))
}

async fn show_spec(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath((id, key)): NPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    let viewer = Viewer::of(&auth);
    let v = call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        let specs = extra_specs(c, &f.id)?;
        let value = specs
            .get(&key)
            .cloned()
            .ok_or_else(|| no_such_key(&id, &key))?;
        Ok(json!({ key: value }))
    })
    .await?;
    Ok(Json(v))
}

async fn update_spec(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath((id, key)): NPath<(String, String)>,
    NJson(body): NJson<Value>,
) -> Result<Json<Value>, Fault> {
    check_specs(None, &body)?;
    let specs = body.as_object().cloned().unwrap_or_default();
    if specs.is_empty() {
        return Err(Fault::bad_request(format!(
            "{} does not have enough properties",
            py_repr(&body)
        )));
    }
    if specs.len() > 1 {
        return Err(Fault::bad_request(format!(
            "{} has too many properties",
            py_repr(&body)
        )));
    }
    require_admin(&auth, "os_compute_api:os-flavor-extra-specs:update")?;
    let values = spec_values(&specs, mv)?;
    if !specs.contains_key(&key) {
        return Err(Fault::bad_request("Request body and URI mismatch"));
    }
    let viewer = Viewer::of(&auth);
    call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        store_specs(c, &f.id, &values)
    })
    .await?;
    Ok(Json(body))
}

async fn delete_spec(
    State(st): State<AppState>,
    auth: ProjectAuth,
    NPath((id, key)): NPath<(String, String)>,
) -> Result<Response, Fault> {
    require_admin(&auth, "os_compute_api:os-flavor-extra-specs:delete")?;
    let viewer = Viewer::of(&auth);
    call(&st, move |c| {
        let f = get_visible(c, &viewer, &id)?;
        let removed = c.execute(
            "DELETE FROM flavor_extra_specs WHERE flavor_id = ?1 AND key = ?2",
            params![f.id, key],
        )?;
        if removed == 0 {
            return Err(no_such_key(&id, &key));
        }
        Ok(())
    })
    .await?;
    // Nova answers 200 with no body.
    Ok(StatusCode::OK.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    const V21: Microversion = Microversion(2, 1);
    const V255: Microversion = Microversion(2, 55);

    fn message(r: Result<impl std::fmt::Debug, Fault>) -> String {
        match r {
            Err(Fault::Nova(status, m)) => format!("{} {m}", status.as_u16()),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn create_bodies_follow_novas_schema() {
        let ok = json!({"flavor": {"name": "f1", "ram": 512, "vcpus": "2", "disk": 0,
                                   "id": 10, "rxtx_factor": "1.5",
                                   "os-flavor-access:is_public": "False"}});
        let parsed = parse_create(&ok, V21).ok();
        assert_eq!(
            parsed,
            Some(NewFlavor {
                id: Some("10".into()),
                name: "f1".into(),
                ram: 512,
                vcpus: 2,
                disk: 0,
                ephemeral: 0,
                swap: 0,
                rxtx_factor: 1.5,
                is_public: false,
                description: None,
            })
        );
        let base = |extra: Value| {
            let mut f = json!({"name": "f1", "ram": 512, "vcpus": 1, "disk": 1});
            if let (Some(f), Some(extra)) = (f.as_object_mut(), extra.as_object()) {
                f.extend(extra.clone());
            }
            json!({ "flavor": f })
        };
        let cases = [
            (json!([]), V21, "400 [] is not of type 'object'"),
            (json!({}), V21, "400 'flavor' is a required property"),
            (
                json!({"flavor": {"name": "f"}}),
                V21,
                "400 Invalid input for field/attribute flavor. Value: {'name': 'f'}. 'ram' is \
                 a required property",
            ),
            (
                base(json!({"ram": 0})),
                V21,
                "400 Invalid input for field/attribute ram. Value: 0. 0 is less than the \
                 minimum of 1",
            ),
            (
                base(json!({"vcpus": "two"})),
                V21,
                "400 Invalid input for field/attribute vcpus. Value: two. 'two' does not match \
                 '^[0-9]+$'",
            ),
            (
                base(json!({"disk": 1.5})),
                V21,
                "400 Invalid input for field/attribute disk. Value: 1.5. 1.5 is not of type \
                 'integer', 'string'",
            ),
            (
                base(json!({"swap": 2_147_483_648_i64})),
                V21,
                "400 Invalid input for field/attribute swap. Value: 2147483648. 2147483648 is \
                 greater than the maximum of 2147483647",
            ),
            (
                base(json!({"ram": "0"})),
                V21,
                "400 Invalid input received: ram must be >= 1",
            ),
            (
                base(json!({"name": " f"})),
                V21,
                "400 An invalid 'name' value was provided. The name must be: printable \
                 characters. Can not start or end with whitespace.",
            ),
            (
                base(json!({"name": ""})),
                V21,
                "400 Invalid input for field/attribute name. Value: . '' is too short",
            ),
            (
                base(json!({"id": "a/b"})),
                V21,
                "400 Invalid input for field/attribute id. Value: a/b. 'a/b' does not match \
                 '^(?! )[a-zA-Z0-9. _-]+(?<! )$'",
            ),
            (
                base(json!({"rxtx_factor": 0})),
                V21,
                "400 Invalid input for field/attribute rxtx_factor. Value: 0. 0 is less than \
                 or equal to the minimum of 0",
            ),
            (
                base(json!({"rxtx_factor": "x"})),
                V21,
                "400 Invalid input for field/attribute rxtx_factor. Value: x. 'x' does not \
                 match '^[0-9]+(\\\\.[0-9]+)?$'",
            ),
            (
                base(json!({"os-flavor-access:is_public": 1})),
                V21,
                "400 Invalid input for field/attribute os-flavor-access:is_public. Value: 1. 1 \
                 is not of type 'boolean', 'string'",
            ),
            (
                base(json!({"description": "d"})),
                V21,
                // Python dicts keep the request's order, and so does Nova's message.
                "400 Invalid input for field/attribute flavor. Value: {'name': 'f1', 'ram': 512, \
                 'vcpus': 1, 'disk': 1, 'description': 'd'}. Additional properties are not \
                 allowed ('description' was unexpected)",
            ),
            (
                base(json!({"description": 5})),
                V255,
                "400 Invalid input for field/attribute description. Value: 5. 5 is not of \
                 type 'string', 'null'",
            ),
        ];
        for (body, mv, want) in cases {
            assert_eq!(message(parse_create(&body, mv)), want, "{body}");
        }
        let described = parse_create(&base(json!({"description": "d"})), V255).ok();
        assert_eq!(described.and_then(|f| f.description), Some("d".into()));
        // 0 is no id at all, as in Python.
        assert_eq!(
            parse_create(&base(json!({"id": 0})), V21)
                .ok()
                .map(|f| f.id),
            Some(None)
        );
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_quote("it's"), "\"it's\"");
        assert_eq!(py_quote("a\\b"), "'a\\\\b'");
        assert_eq!(
            py_repr(&json!({"a": [true, null, 1]})),
            "{'a': [True, None, 1]}"
        );
        assert!(valid_name("m1 tiny"));
        assert!(!valid_name("tab\tname"));
        assert!(!valid_name("trailing\u{3000}"));
    }

    #[test]
    fn spec_bodies_follow_novas_schema() {
        assert!(check_specs(Some("extra_specs"), &json!({"hw:cpu_policy": "x", "n": 1})).is_ok());
        assert_eq!(
            message(check_specs(Some("extra_specs"), &json!({"a/b": "x"}))),
            "400 Invalid input for field/attribute extra_specs. Value: {'a/b': 'x'}. \
             Additional properties are not allowed ('a/b' was unexpected)"
        );
        assert_eq!(
            message(check_specs(None, &json!({"k": true}))),
            "400 Invalid input for field/attribute k. Value: True. True is not of type \
             'string', 'number'"
        );
        let specs = json!({"hw:numa_nodes": 2, "hw:cpu_policy": "x"});
        let specs = specs.as_object().cloned().unwrap_or_default();
        assert!(spec_values(&specs, Microversion(2, 85)).is_ok());
        assert_eq!(
            message(spec_values(&specs, Microversion(2, 86))),
            "400 Validation failed; 'x' is not one of: dedicated, shared, mixed."
        );
    }

    #[test]
    fn admins_choose_public_or_private() {
        assert_eq!(parse_is_public(None).ok(), Some(Some(true)));
        assert_eq!(parse_is_public(Some("None")).ok(), Some(None));
        assert_eq!(parse_is_public(Some("no")).ok(), Some(Some(false)));
        assert_eq!(
            message(parse_is_public(Some("maybe"))),
            "400 Invalid is_public filter [maybe]"
        );
    }
}
