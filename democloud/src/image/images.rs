//! Images: `/v2/images` and `/v2/images/{id}` (list, show, create, update
//! with JSON patch, delete).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Map, Value};

use super::{call, format_time, page_limit, path, Fault, GJson, GPath, ImageAuth};
use crate::db::now_micros;
use crate::http::Params;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/images"), get(list).post(create))
        .route(
            &path("/images/{id}"),
            get(show).patch(update).delete(delete),
        )
        .route(
            &path("/images/{id}/tags/{tag}"),
            axum::routing::put(add_tag).delete(delete_tag),
        )
        .route(
            &path("/images/{id}/actions/deactivate"),
            axum::routing::post(deactivate),
        )
        .route(
            &path("/images/{id}/actions/reactivate"),
            axum::routing::post(reactivate),
        )
}

pub const DISK_FORMATS: &[&str] = &[
    "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop",
];
pub const CONTAINER_FORMATS: &[&str] = &[
    "ami",
    "ari",
    "aki",
    "bare",
    "ovf",
    "ova",
    "docker",
    "compressed",
];
const VISIBILITIES: &[&str] = &["public", "private", "shared", "community"];
/// Attributes a client can never set.
const READ_ONLY: &[&str] = &[
    "checksum",
    "os_hash_algo",
    "os_hash_value",
    "created_at",
    "updated_at",
    "size",
    "virtual_size",
    "status",
    "direct_url",
    "self",
    "file",
    "schema",
    "locations",
    "stores",
];
const RESERVED: &[&str] = &["location", "deleted", "deleted_at"];
/// Media types Glance accepts for PATCH.
pub const PATCH_TYPES: &[&str] = &[
    "application/openstack-images-v2.1-json-patch",
    "application/openstack-images-v2.0-json-patch",
];

#[derive(Clone, Debug)]
pub struct Image {
    pub id: String,
    pub name: Option<String>,
    pub status: String,
    pub visibility: String,
    pub protected: bool,
    pub os_hidden: bool,
    pub owner: Option<String>,
    pub disk_format: Option<String>,
    pub container_format: Option<String>,
    pub size: Option<i64>,
    pub virtual_size: Option<i64>,
    pub checksum: Option<String>,
    pub os_hash_algo: Option<String>,
    pub os_hash_value: Option<String>,
    pub min_disk: i64,
    pub min_ram: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub properties: BTreeMap<String, String>,
    pub tags: Vec<String>,
}

const COLUMNS: &str = "id, name, status, visibility, protected, os_hidden, owner, disk_format, \
    container_format, size, virtual_size, checksum, os_hash_algo, os_hash_value, min_disk, \
    min_ram, created_at, updated_at";

impl Image {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Image> {
        Ok(Image {
            id: r.get(0)?,
            name: r.get(1)?,
            status: r.get(2)?,
            visibility: r.get(3)?,
            protected: r.get(4)?,
            os_hidden: r.get(5)?,
            owner: r.get(6)?,
            disk_format: r.get(7)?,
            container_format: r.get(8)?,
            size: r.get(9)?,
            virtual_size: r.get(10)?,
            checksum: r.get(11)?,
            os_hash_algo: r.get(12)?,
            os_hash_value: r.get(13)?,
            min_disk: r.get(14)?,
            min_ram: r.get(15)?,
            created_at: r.get(16)?,
            updated_at: r.get(17)?,
            properties: BTreeMap::new(),
            tags: Vec::new(),
        })
    }

    /// Glance's image document: core attributes plus every property as a
    /// top-level key.
    pub fn to_json(&self) -> Value {
        let mut v = Map::new();
        for (k, val) in &self.properties {
            v.insert(k.clone(), json!(val));
        }
        let core = json!({
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "visibility": self.visibility,
            "protected": self.protected,
            "os_hidden": self.os_hidden,
            "owner": self.owner,
            "disk_format": self.disk_format,
            "container_format": self.container_format,
            "size": self.size,
            "virtual_size": self.virtual_size,
            "checksum": self.checksum,
            "os_hash_algo": self.os_hash_algo,
            "os_hash_value": self.os_hash_value,
            "min_disk": self.min_disk,
            "min_ram": self.min_ram,
            "created_at": format_time(self.created_at),
            "updated_at": format_time(self.updated_at),
            "tags": self.tags,
            "self": format!("/v2/images/{}", self.id),
            "file": format!("/v2/images/{}/file", self.id),
            "schema": "/v2/schemas/image",
        });
        if let Value::Object(core) = core {
            v.extend(core);
        }
        Value::Object(v)
    }

    /// Whether a project sees this image (Glance's default policy).
    pub fn visible_to(&self, auth: &ImageAuth) -> bool {
        auth.is_admin()
            || matches!(self.visibility.as_str(), "public" | "community")
            || self.owned_by(auth)
    }

    pub fn owned_by(&self, auth: &ImageAuth) -> bool {
        self.owner.as_deref() == Some(auth.project_id.as_str())
    }

    /// Whether a project may change or delete this image.
    pub fn modifiable_by(&self, auth: &ImageAuth) -> bool {
        auth.is_admin() || self.owned_by(auth)
    }
}

/// Adds properties and tags to images loaded without them.
fn attach_extras(conn: &Connection, images: &mut [Image]) -> rusqlite::Result<()> {
    let index: HashMap<String, usize> = images
        .iter()
        .enumerate()
        .map(|(i, img)| (img.id.clone(), i))
        .collect();
    let mut stmt =
        conn.prepare("SELECT image_id, name, value FROM image_properties ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, k, v) = row?;
        if let Some(&i) = index.get(&id) {
            images[i].properties.insert(k, v);
        }
    }
    let mut stmt = conn.prepare("SELECT image_id, tag FROM image_tags ORDER BY tag")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (id, tag) = row?;
        if let Some(&i) = index.get(&id) {
            images[i].tags.push(tag);
        }
    }
    Ok(())
}

pub fn load_all(conn: &Connection) -> rusqlite::Result<Vec<Image>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM images"))?;
    let mut images = stmt
        .query_map([], Image::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    attach_extras(conn, &mut images)?;
    Ok(images)
}

pub fn load(conn: &Connection, id: &str) -> rusqlite::Result<Option<Image>> {
    let image = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM images WHERE id = ?1"),
            params![id],
            Image::from_row,
        )
        .optional()?;
    let Some(mut image) = image else {
        return Ok(None);
    };
    let mut stmt = conn.prepare("SELECT name, value FROM image_properties WHERE image_id = ?1")?;
    for row in stmt.query_map(params![id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })? {
        let (k, v) = row?;
        image.properties.insert(k, v);
    }
    let mut stmt = conn.prepare("SELECT tag FROM image_tags WHERE image_id = ?1 ORDER BY tag")?;
    image.tags = stmt
        .query_map(params![id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(Some(image))
}

/// The image if the caller may see it, else Glance's 404.
pub fn load_visible(conn: &Connection, id: &str, auth: &ImageAuth) -> Result<Image, Fault> {
    match load(conn, id)? {
        Some(img) if img.visible_to(auth) => Ok(img),
        _ => Err(Fault::no_image(id)),
    }
}

/// Inserts or fully rewrites an image with its properties and tags.
pub fn save(conn: &Connection, img: &Image) -> rusqlite::Result<()> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO images ({COLUMNS}) VALUES \
             (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
        ),
        params![
            img.id,
            img.name,
            img.status,
            img.visibility,
            img.protected,
            img.os_hidden,
            img.owner,
            img.disk_format,
            img.container_format,
            img.size,
            img.virtual_size,
            img.checksum,
            img.os_hash_algo,
            img.os_hash_value,
            img.min_disk,
            img.min_ram,
            img.created_at,
            img.updated_at,
        ],
    )?;
    conn.execute(
        "DELETE FROM image_properties WHERE image_id = ?1",
        params![img.id],
    )?;
    conn.execute(
        "DELETE FROM image_tags WHERE image_id = ?1",
        params![img.id],
    )?;
    for (k, v) in &img.properties {
        conn.execute(
            "INSERT INTO image_properties (image_id, name, value) VALUES (?1, ?2, ?3)",
            params![img.id, k, v],
        )?;
    }
    for tag in &img.tags {
        conn.execute(
            "INSERT OR IGNORE INTO image_tags (image_id, tag) VALUES (?1, ?2)",
            params![img.id, tag],
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Seed

/// A seeded image: id, name, data size, min_disk, min_ram, properties.
type SeedImage = (
    &'static str,
    &'static str,
    usize,
    i64,
    i64,
    &'static [(&'static str, &'static str)],
);

/// Deterministic bytes that look like a small qcow2 file.
pub(crate) fn seed_bytes(len: usize, salt: u8) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(b"QFI\xfb\x00\x00\x00\x03");
    let mut x: u32 = 0x9e37_79b9 ^ u32::from(salt);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.push((x & 0xff) as u8);
    }
    out
}

pub fn seed(conn: &Connection, images_dir: &Path) -> Result<(), crate::error::Error> {
    let owner: Option<String> = conn
        .query_row(
            "SELECT id FROM projects WHERE name = 'admin' AND domain_id = 'default'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    std::fs::create_dir_all(images_dir).map_err(|source| crate::error::Error::DataDir {
        path: images_dir.to_owned(),
        source,
    })?;
    let now = now_micros();
    let seeds: [SeedImage; 2] = [
        (
            super::CIRROS_ID,
            "cirros-0.6.2-x86_64-disk",
            4096,
            1,
            0,
            &[("os_distro", "cirros"), ("hw_cpu_max_threads", "2")],
        ),
        (
            super::UBUNTU_ID,
            "ubuntu-24.04-minimal",
            8192,
            3,
            512,
            &[("os_distro", "ubuntu")],
        ),
    ];
    for (i, (id, name, len, min_disk, min_ram, props)) in seeds.into_iter().enumerate() {
        let bytes = seed_bytes(len, i as u8);
        let mut hasher = super::data::Hasher::default();
        hasher.update(&bytes);
        let (checksum, os_hash_value) = hasher.finish();
        let file = images_dir.join(id);
        std::fs::write(&file, &bytes).map_err(|source| crate::error::Error::WriteFile {
            path: file.clone(),
            source,
        })?;
        let created = now - 86_400_000_000 + i as i64 * 60_000_000;
        save(
            conn,
            &Image {
                id: id.to_owned(),
                name: Some(name.to_owned()),
                status: "active".to_owned(),
                visibility: "public".to_owned(),
                protected: false,
                os_hidden: false,
                owner: owner.clone(),
                disk_format: Some("qcow2".to_owned()),
                container_format: Some("bare".to_owned()),
                size: Some(len as i64),
                virtual_size: None,
                checksum: Some(checksum),
                os_hash_algo: Some("sha512".to_owned()),
                os_hash_value: Some(os_hash_value),
                min_disk,
                min_ram,
                created_at: created,
                updated_at: created,
                properties: props
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
                tags: Vec::new(),
            },
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// List

/// A sort key and whether it is ascending.
type SortSpec = Vec<(String, bool)>;

const SORT_KEYS: &[&str] = &[
    "name",
    "status",
    "container_format",
    "disk_format",
    "size",
    "id",
    "created_at",
    "updated_at",
    "min_disk",
    "min_ram",
    "visibility",
    "owner",
];

fn parse_dir(d: &str) -> Result<bool, Fault> {
    match d {
        "asc" => Ok(true),
        "desc" => Ok(false),
        other => Err(Fault::bad_request(format!(
            "Invalid sort direction: {other}"
        ))),
    }
}

fn check_sort_key(k: &str) -> Result<String, Fault> {
    if SORT_KEYS.contains(&k) {
        Ok(k.to_owned())
    } else {
        Err(Fault::bad_request(format!("Invalid sort key: {k}.")))
    }
}

/// `sort=name:asc,size` or `sort_key=name&sort_dir=asc`; the default is
/// `created_at` then `id`, both descending.
fn sort_spec(params: &Params) -> Result<SortSpec, Fault> {
    let mut spec = Vec::new();
    if let Some(sort) = params.get("sort") {
        if params.get("sort_key").is_some() || params.get("sort_dir").is_some() {
            return Err(Fault::bad_request(
                "The 'sort' parameter cannot be combined with 'sort_key' or 'sort_dir'.",
            ));
        }
        for item in sort.split(',').filter(|s| !s.is_empty()) {
            let (k, dir) = match item.split_once(':') {
                Some((k, d)) => (k.trim(), parse_dir(d.trim())?),
                None => (item.trim(), false),
            };
            spec.push((check_sort_key(k)?, dir));
        }
    } else if let Some(keys) = params.get("sort_key") {
        let asc = parse_dir(params.get("sort_dir").unwrap_or("desc"))?;
        for k in keys.split(',').filter(|s| !s.is_empty()) {
            spec.push((check_sort_key(k.trim())?, asc));
        }
    } else if let Some(d) = params.get("sort_dir") {
        spec.push(("created_at".to_owned(), parse_dir(d)?));
    }
    if spec.is_empty() {
        spec.push(("created_at".to_owned(), false));
    }
    if !spec.iter().any(|(k, _)| k == "id") {
        let last = spec.last().is_some_and(|(_, asc)| *asc);
        spec.push(("id".to_owned(), last));
    }
    Ok(spec)
}

fn compare(a: &Image, b: &Image, spec: &SortSpec) -> Ordering {
    for (key, asc) in spec {
        let ord = match key.as_str() {
            "name" => a.name.cmp(&b.name),
            "status" => a.status.cmp(&b.status),
            "container_format" => a.container_format.cmp(&b.container_format),
            "disk_format" => a.disk_format.cmp(&b.disk_format),
            "size" => a.size.cmp(&b.size),
            "id" => a.id.cmp(&b.id),
            "created_at" => a.created_at.cmp(&b.created_at),
            "updated_at" => a.updated_at.cmp(&b.updated_at),
            "min_disk" => a.min_disk.cmp(&b.min_disk),
            "min_ram" => a.min_ram.cmp(&b.min_ram),
            "visibility" => a.visibility.cmp(&b.visibility),
            "owner" => a.owner.cmp(&b.owner),
            _ => Ordering::Equal,
        };
        let ord = if *asc { ord } else { ord.reverse() };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

/// Query parameters that are not property filters.
const LIST_PARAMS: &[&str] = &[
    "limit",
    "marker",
    "sort",
    "sort_key",
    "sort_dir",
    "name",
    "status",
    "visibility",
    "owner",
    "disk_format",
    "container_format",
    "protected",
    "os_hidden",
    "tag",
    "size_min",
    "size_max",
    "member_status",
    "id",
    "created_at",
    "updated_at",
];

/// Whether an image passes the visibility filter for this caller: with no
/// filter, public images and the project's own; `all` adds community
/// images (and everything for an admin).
fn passes_visibility(img: &Image, wanted: Option<&str>, auth: &ImageAuth) -> bool {
    let own = img.owned_by(auth);
    match wanted {
        None => {
            img.visibility == "public" || own || (auth.is_admin() && img.visibility != "community")
        }
        Some("all") => img.visible_to(auth),
        Some(v) => img.visibility == v && img.visible_to(auth),
    }
}

/// An exact-match filter, or Glance's `in:a,b` operator.
fn matches_filter(params: &Params, key: &str, value: Option<&str>) -> bool {
    match params.get(key) {
        None => true,
        Some(want) => match want.strip_prefix("in:") {
            Some(list) => value.is_some_and(|v| list.split(',').any(|w| w == v)),
            None => value == Some(want),
        },
    }
}

fn parse_bool(key: &str, v: &str) -> Result<bool, Fault> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Ok(true),
        "false" | "0" | "no" | "off" => Ok(false),
        _ => Err(Fault::bad_request(format!(
            "Invalid value '{v}' for parameter '{key}'."
        ))),
    }
}

/// A time filter such as `created_at=gte:2016-04-18T21:38:54Z`: the
/// operator (`gt`, `gte`, `lt`, `lte`, `eq`, `neq`; none means `eq`) and
/// the time in microseconds.
type TimeFilter = (String, i64);

fn parse_time_filter(key: &str, v: &str) -> Result<TimeFilter, Fault> {
    let (op, time) = match v.split_once(':') {
        Some((op, t)) if matches!(op, "gt" | "gte" | "lt" | "lte" | "eq" | "neq") => (op, t),
        _ => ("eq", v),
    };
    let invalid = || Fault::bad_request(format!("Invalid time format for {key}."));
    let micros = chrono::DateTime::parse_from_rfc3339(time)
        .map(|t| t.timestamp_micros())
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(time, "%Y-%m-%dT%H:%M:%S%.f")
                .map(|t| t.and_utc().timestamp_micros())
        })
        .map_err(|_| invalid())?;
    Ok((op.to_owned(), micros))
}

fn passes_time(filter: &Option<TimeFilter>, value: i64) -> bool {
    let Some((op, t)) = filter else {
        return true;
    };
    // Glance shows whole seconds; compare at that precision.
    let value = value.div_euclid(1_000_000) * 1_000_000;
    match op.as_str() {
        "gt" => value > *t,
        "gte" => value >= *t,
        "lt" => value < *t,
        "lte" => value <= *t,
        "neq" => value != *t,
        _ => value == *t,
    }
}

fn parse_int(key: &str, v: &str) -> Result<i64, Fault> {
    v.parse::<i64>()
        .map_err(|_| Fault::bad_request(format!("{key} param must be an integer")))
}

async fn list(
    State(st): State<AppState>,
    auth: ImageAuth,
    params: Params,
    uri: axum::http::Uri,
) -> Result<Json<Value>, Fault> {
    let limit = page_limit(&params)?;
    let visibility = params.get("visibility").map(str::to_owned);
    if let Some(v) = &visibility {
        if v != "all" && !VISIBILITIES.contains(&v.as_str()) {
            return Err(Fault::bad_request(format!("Invalid visibility value: {v}")));
        }
    }
    let spec = sort_spec(&params)?;
    let protected = params
        .get("protected")
        .map(|v| parse_bool("protected", v))
        .transpose()?;
    let os_hidden = params
        .get("os_hidden")
        .map(|v| parse_bool("os_hidden", v))
        .transpose()?
        .unwrap_or(false);
    let size_min = params
        .get("size_min")
        .map(|v| parse_int("size_min", v))
        .transpose()?;
    let size_max = params
        .get("size_max")
        .map(|v| parse_int("size_max", v))
        .transpose()?;
    let created_at = params
        .get("created_at")
        .map(|v| parse_time_filter("created_at", v))
        .transpose()?;
    let updated_at = params
        .get("updated_at")
        .map(|v| parse_time_filter("updated_at", v))
        .transpose()?;
    let marker = params.get("marker").map(str::to_owned);
    let images = call(&st, move |c| Ok(load_all(c)?)).await?;

    let property_filters: Vec<(&String, &String)> = params
        .0
        .iter()
        .filter(|(k, _)| !LIST_PARAMS.contains(&k.as_str()))
        .collect();
    let mut found: Vec<Image> = images
        .into_iter()
        .filter(|img| passes_visibility(img, visibility.as_deref(), &auth))
        .filter(|img| matches_filter(&params, "name", img.name.as_deref()))
        .filter(|img| matches_filter(&params, "status", Some(&img.status)))
        .filter(|img| {
            params
                .get("owner")
                .is_none_or(|o| img.owner.as_deref() == Some(o))
        })
        .filter(|img| matches_filter(&params, "id", Some(&img.id)))
        .filter(|img| matches_filter(&params, "disk_format", img.disk_format.as_deref()))
        .filter(|img| matches_filter(&params, "container_format", img.container_format.as_deref()))
        .filter(|img| protected.is_none_or(|p| img.protected == p))
        .filter(|img| img.os_hidden == os_hidden)
        .filter(|img| {
            params
                .get("tag")
                .is_none_or(|t| img.tags.iter().any(|x| x == t))
        })
        .filter(|img| size_min.is_none_or(|m| img.size.is_some_and(|s| s >= m)))
        .filter(|img| size_max.is_none_or(|m| img.size.is_some_and(|s| s <= m)))
        .filter(|img| passes_time(&created_at, img.created_at))
        .filter(|img| passes_time(&updated_at, img.updated_at))
        .filter(|img| {
            property_filters
                .iter()
                .all(|(k, v)| img.properties.get(*k) == Some(*v))
        })
        .collect();
    found.sort_by(|a, b| compare(a, b, &spec));

    let start = match &marker {
        None => 0,
        Some(m) => {
            let pos = found.iter().position(|img| &img.id == m);
            match pos {
                Some(p) => p + 1,
                None => return Err(Fault::bad_request(format!("No image found with ID {m}"))),
            }
        }
    };
    let page: Vec<&Image> = found.iter().skip(start).take(limit).collect();
    let mut body = json!({
        "images": page.iter().map(|img| img.to_json()).collect::<Vec<_>>(),
        "schema": "/v2/schemas/images",
        "first": match uri.query() {
            Some(q) if !q.is_empty() => format!("/v2/images?{q}"),
            _ => "/v2/images".to_owned(),
        },
    });
    if limit > 0 && page.len() == limit {
        if let Some(last) = page.last() {
            let mut query: Vec<(String, String)> = params
                .0
                .iter()
                .filter(|(k, _)| k.as_str() != "marker" && k.as_str() != "limit")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            query.sort();
            query.push(("marker".to_owned(), last.id.clone()));
            query.push(("limit".to_owned(), limit.to_string()));
            let q: Vec<String> = query
                .iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect();
            body["next"] = json!(format!("/v2/images?{}", q.join("&")));
        }
    }
    Ok(Json(body))
}

/// Percent-encodes a query component.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':' | b',') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Show

async fn show(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
) -> Result<Json<Value>, Fault> {
    let img = call(&st, move |c| load_visible(c, &id, &auth)).await?;
    Ok(Json(img.to_json()))
}

// ---------------------------------------------------------------------------
// Create

fn check_visibility(v: &Value, auth: &ImageAuth) -> Result<String, Fault> {
    let Some(v) = v.as_str().filter(|v| VISIBILITIES.contains(v)) else {
        return Err(Fault::bad_request(format!(
            "Invalid value '{v}' for visibility: must be one of {}.",
            VISIBILITIES.join(", ")
        )));
    };
    if v == "public" && !auth.is_admin() {
        return Err(Fault::forbidden(
            "You are not authorized to complete publicize_image action.",
        ));
    }
    Ok(v.to_owned())
}

fn check_format(key: &str, v: &Value, allowed: &[&str]) -> Result<Option<String>, Fault> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if allowed.contains(&s.as_str()) => Ok(Some(s.clone())),
        other => Err(Fault::bad_request(format!(
            "Invalid value '{}' for {key}: must be one of {}.",
            other.as_str().unwrap_or(&other.to_string()),
            allowed.join(", ")
        ))),
    }
}

fn check_size(key: &str, v: &Value) -> Result<i64, Fault> {
    v.as_i64().filter(|n| *n >= 0).ok_or_else(|| {
        Fault::bad_request(format!(
            "Invalid value for {key}: must be a non-negative integer."
        ))
    })
}

fn check_bool(key: &str, v: &Value) -> Result<bool, Fault> {
    v.as_bool()
        .ok_or_else(|| Fault::bad_request(format!("Invalid value for {key}: must be a boolean.")))
}

fn check_name(v: &Value) -> Result<Option<String>, Fault> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.chars().count() <= 255 => Ok(Some(s.clone())),
        _ => Err(Fault::bad_request(
            "Invalid value for name: must be a string of at most 255 characters.",
        )),
    }
}

fn check_tags(v: &Value) -> Result<Vec<String>, Fault> {
    let Some(list) = v.as_array() else {
        return Err(Fault::bad_request(
            "Invalid value for tags: must be a list.",
        ));
    };
    let mut tags = Vec::new();
    for t in list {
        match t.as_str() {
            Some(s) if !s.is_empty() && s.len() <= 255 => {
                if !tags.iter().any(|x| x == s) {
                    tags.push(s.to_owned());
                }
            }
            _ => {
                return Err(Fault::bad_request(
                    "Invalid value for tags: each tag must be a string of 1 to 255 characters.",
                ))
            }
        }
    }
    Ok(tags)
}

fn check_property(key: &str, v: &Value) -> Result<String, Fault> {
    if key.is_empty() || key.len() > 255 {
        return Err(Fault::bad_request(format!(
            "Invalid property name '{key}'."
        )));
    }
    v.as_str().map(str::to_owned).ok_or_else(|| {
        Fault::bad_request(format!(
            "Invalid value for property {key}: must be a string."
        ))
    })
}

fn refuse_protected_keys(key: &str) -> Result<(), Fault> {
    if READ_ONLY.contains(&key) {
        return Err(Fault::forbidden(format!("Attribute '{key}' is read-only.")));
    }
    if RESERVED.contains(&key) {
        return Err(Fault::forbidden(format!("Attribute '{key}' is reserved.")));
    }
    Ok(())
}

fn is_uuid(s: &str) -> bool {
    uuid::Uuid::parse_str(s).is_ok()
}

async fn create(
    State(st): State<AppState>,
    auth: ImageAuth,
    GJson(body): GJson<Value>,
) -> Result<Response, Fault> {
    let Value::Object(body) = body else {
        return Err(Fault::bad_request("Request body must be a JSON object."));
    };
    let now = now_micros();
    let mut img = Image {
        id: uuid::Uuid::new_v4().to_string(),
        name: None,
        status: "queued".to_owned(),
        visibility: "shared".to_owned(),
        protected: false,
        os_hidden: false,
        owner: Some(auth.project_id.clone()),
        disk_format: None,
        container_format: None,
        size: None,
        virtual_size: None,
        checksum: None,
        os_hash_algo: None,
        os_hash_value: None,
        min_disk: 0,
        min_ram: 0,
        created_at: now,
        updated_at: now,
        properties: BTreeMap::new(),
        tags: Vec::new(),
    };
    for (key, v) in &body {
        refuse_protected_keys(key)?;
        match key.as_str() {
            "id" => match v.as_str() {
                Some(id) if is_uuid(id) => img.id = id.to_owned(),
                _ => return Err(Fault::bad_request("Invalid value for id: must be a UUID.")),
            },
            "name" => img.name = check_name(v)?,
            "visibility" => img.visibility = check_visibility(v, &auth)?,
            "protected" => img.protected = check_bool(key, v)?,
            "os_hidden" => img.os_hidden = check_bool(key, v)?,
            "min_disk" => img.min_disk = check_size(key, v)?,
            "min_ram" => img.min_ram = check_size(key, v)?,
            "disk_format" => img.disk_format = check_format(key, v, DISK_FORMATS)?,
            "container_format" => img.container_format = check_format(key, v, CONTAINER_FORMATS)?,
            "tags" => img.tags = check_tags(v)?,
            "owner" => {
                let owner = v.as_str().map(str::to_owned);
                if owner.as_deref() != Some(auth.project_id.as_str()) && !auth.is_admin() {
                    return Err(Fault::forbidden(format!(
                        "You are not permitted to create images owned by '{}'.",
                        owner.unwrap_or_default()
                    )));
                }
                img.owner = owner;
            }
            _ => {
                let value = check_property(key, v)?;
                img.properties.insert(key.clone(), value);
            }
        }
    }
    let img = call(&st, move |c| {
        let tx = c.transaction()?;
        let exists: Option<i64> = tx
            .query_row("SELECT 1 FROM images WHERE id = ?1", params![img.id], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(Fault::conflict(format!(
                "Image with identifier {} already exists!",
                img.id
            )));
        }
        save(&tx, &img)?;
        tx.commit()?;
        Ok(img)
    })
    .await?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{}{}/images/{}",
        st.base_url,
        super::PREFIX,
        img.id
    )) {
        headers.insert(header::LOCATION, v);
    }
    Ok((StatusCode::CREATED, headers, Json(img.to_json())).into_response())
}

// ---------------------------------------------------------------------------
// Update (JSON patch)

/// `/name` → `name`, with JSON pointer escapes undone.
fn patch_path(op: &Map<String, Value>) -> Result<String, Fault> {
    let raw = op
        .get("path")
        .and_then(Value::as_str)
        .ok_or_else(|| Fault::bad_request("Unable to find 'path' in JSON Schema change"))?;
    let Some(rest) = raw.strip_prefix('/') else {
        return Err(Fault::bad_request(format!(
            "Pointer `{raw}` does not start with \"/\"."
        )));
    };
    if rest.is_empty() || rest.contains('/') {
        return Err(Fault::bad_request(format!(
            "Pointer `{raw}` contains more than one segment or is empty."
        )));
    }
    Ok(rest.replace("~1", "/").replace("~0", "~"))
}

fn apply_op(img: &mut Image, op: &Map<String, Value>, auth: &ImageAuth) -> Result<(), Fault> {
    let kind = op
        .get("op")
        .and_then(Value::as_str)
        .ok_or_else(|| Fault::bad_request("Unable to find 'op' in JSON Schema change"))?;
    if !matches!(kind, "add" | "replace" | "remove") {
        return Err(Fault::bad_request(format!(
            "Invalid operation: `{kind}`. It must be one of the following: add, replace, remove."
        )));
    }
    let key = patch_path(op)?;
    refuse_protected_keys(&key)?;
    if key == "id" {
        return Err(Fault::forbidden("Attribute 'id' is read-only."));
    }
    let value = if kind == "remove" {
        Value::Null
    } else {
        op.get("value")
            .cloned()
            .ok_or_else(|| Fault::bad_request("Unable to find 'value' in JSON Schema change"))?
    };
    const CORE: &[&str] = &[
        "name",
        "visibility",
        "protected",
        "os_hidden",
        "min_disk",
        "min_ram",
        "disk_format",
        "container_format",
        "tags",
        "owner",
    ];
    if CORE.contains(&key.as_str()) {
        if kind == "remove" {
            return Err(Fault::forbidden(format!(
                "Properties {key} cannot be removed."
            )));
        }
        match key.as_str() {
            "name" => img.name = check_name(&value)?,
            "visibility" => img.visibility = check_visibility(&value, auth)?,
            "protected" => img.protected = check_bool(&key, &value)?,
            "os_hidden" => img.os_hidden = check_bool(&key, &value)?,
            "min_disk" => img.min_disk = check_size(&key, &value)?,
            "min_ram" => img.min_ram = check_size(&key, &value)?,
            "tags" => img.tags = check_tags(&value)?,
            "disk_format" | "container_format" => {
                if img.status != "queued" {
                    return Err(Fault::forbidden(format!(
                        "Attribute {key} can be only replaced for a queued image."
                    )));
                }
                if key == "disk_format" {
                    img.disk_format = check_format(&key, &value, DISK_FORMATS)?;
                } else {
                    img.container_format = check_format(&key, &value, CONTAINER_FORMATS)?;
                }
            }
            _ => {
                // owner
                if !auth.is_admin() {
                    return Err(Fault::forbidden(
                        "You are not permitted to modify 'owner' on this image.",
                    ));
                }
                img.owner = value.as_str().map(str::to_owned);
            }
        }
        return Ok(());
    }
    match kind {
        "remove" => {
            if img.properties.remove(&key).is_none() {
                return Err(Fault::conflict(format!("Property {key} does not exist.")));
            }
        }
        "replace" => {
            if !img.properties.contains_key(&key) {
                return Err(Fault::conflict(format!("Property {key} does not exist.")));
            }
            let v = check_property(&key, &value)?;
            img.properties.insert(key, v);
        }
        _ => {
            let v = check_property(&key, &value)?;
            img.properties.insert(key, v);
        }
    }
    Ok(())
}

async fn update(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, Fault> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !PATCH_TYPES.iter().any(|t| media.eq_ignore_ascii_case(t)) {
        return Err(Fault::unsupported_media_type(content_type));
    }
    let ops: Value = serde_json::from_slice(&body)
        .map_err(|_| Fault::bad_request("Malformed JSON in request body."))?;
    let Value::Array(ops) = ops else {
        return Err(Fault::bad_request(
            "Request body must be a JSON array of operation objects.",
        ));
    };
    let img = call(&st, move |c| {
        let tx = c.transaction()?;
        let mut img = load_visible(&tx, &id, &auth)?;
        if !img.modifiable_by(&auth) {
            return Err(Fault::forbidden(
                "You are not permitted to modify this image.",
            ));
        }
        for op in &ops {
            let Value::Object(op) = op else {
                return Err(Fault::bad_request("Operations must be JSON objects."));
            };
            apply_op(&mut img, op, &auth)?;
        }
        img.updated_at = now_micros();
        save(&tx, &img)?;
        tx.commit()?;
        Ok(img)
    })
    .await?;
    Ok(Json(img.to_json()))
}

// ---------------------------------------------------------------------------
// Delete

async fn delete(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
) -> Result<StatusCode, Fault> {
    let dir = super::images_dir(&st.data_dir);
    call(&st, move |c| {
        let img = load_visible(c, &id, &auth)?;
        if !img.modifiable_by(&auth) {
            return Err(Fault::forbidden(
                "You are not permitted to delete this image.",
            ));
        }
        if img.protected {
            return Err(Fault::forbidden(format!(
                "Image {id} is protected and cannot be deleted."
            )));
        }
        c.execute("DELETE FROM images WHERE id = ?1", params![id])?;
        match std::fs::remove_file(dir.join(&id)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                tracing::warn!(image = %id, error = %e, "could not remove image data");
            }
            _ => {}
        }
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------
// Tags: `PUT` and `DELETE /v2/images/{id}/tags/{tag}`

async fn change_tag(
    st: &AppState,
    auth: ImageAuth,
    id: String,
    tag: String,
    add: bool,
) -> Result<StatusCode, Fault> {
    if tag.is_empty() || tag.len() > 255 {
        return Err(Fault::bad_request("Tags must be 1 to 255 characters long."));
    }
    call(st, move |c| {
        let img = load_visible(c, &id, &auth)?;
        if !img.modifiable_by(&auth) {
            return Err(Fault::forbidden(
                "You are not permitted to modify this image.",
            ));
        }
        let changed = if add {
            c.execute(
                "INSERT OR IGNORE INTO image_tags (image_id, tag) VALUES (?1, ?2)",
                params![id, tag],
            )?;
            1
        } else {
            c.execute(
                "DELETE FROM image_tags WHERE image_id = ?1 AND tag = ?2",
                params![id, tag],
            )?
        };
        if changed == 0 {
            return Err(Fault::not_found(format!("Tag {tag} not found.")));
        }
        c.execute(
            "UPDATE images SET updated_at = ?2 WHERE id = ?1",
            params![id, now_micros()],
        )?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn add_tag(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath((id, tag)): GPath<(String, String)>,
) -> Result<StatusCode, Fault> {
    change_tag(&st, auth, id, tag, true).await
}

async fn delete_tag(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath((id, tag)): GPath<(String, String)>,
) -> Result<StatusCode, Fault> {
    change_tag(&st, auth, id, tag, false).await
}

// ---------------------------------------------------------------------------
// Deactivate and reactivate: `POST /v2/images/{id}/actions/{action}`

/// Moves an image between `active` and `deactivated`; doing it twice is a
/// no-op, as in Glance. A deactivated image's data cannot be downloaded
/// except by an admin.
async fn set_active(
    st: &AppState,
    auth: ImageAuth,
    id: String,
    active: bool,
) -> Result<StatusCode, Fault> {
    let (verb, from, to) = if active {
        ("reactivate", "deactivated", "active")
    } else {
        ("deactivate", "active", "deactivated")
    };
    call(st, move |c| {
        let img = load_visible(c, &id, &auth)?;
        if !img.modifiable_by(&auth) {
            return Err(Fault::forbidden(format!(
                "You are not authorized to complete {verb} action."
            )));
        }
        if img.status == to {
            return Ok(());
        }
        if img.status != from {
            return Err(Fault::bad_request(format!(
                "Not allowed to {verb} image in status '{}'",
                img.status
            )));
        }
        c.execute(
            "UPDATE images SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, to, now_micros()],
        )?;
        Ok(())
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn deactivate(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
) -> Result<StatusCode, Fault> {
    set_active(&st, auth, id, false).await
}

async fn reactivate(
    State(st): State<AppState>,
    auth: ImageAuth,
    GPath(id): GPath<String>,
) -> Result<StatusCode, Fault> {
    set_active(&st, auth, id, true).await
}
