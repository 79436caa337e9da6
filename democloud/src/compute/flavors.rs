//! Flavors: `/flavors`, `/flavors/detail`, `/flavors/{id}/os-extra_specs`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{json, Map, Value};

use super::{call, links, path, Fault, Microversion, NPath, ProjectAuth};
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
        let swap = if self.swap == 0 {
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

pub fn get_by_id(conn: &Connection, id: &str) -> Result<Option<Flavor>, Fault> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM flavors WHERE id = ?1"),
            params![id],
            Flavor::from_row,
        )
        .optional()?)
}

/// A flavor by id, or by name as the CLI sometimes sends.
pub fn find(conn: &Connection, id_or_name: &str) -> Result<Flavor, Fault> {
    let id = id_or_name.rsplit('/').next().unwrap_or(id_or_name);
    if let Some(f) = get_by_id(conn, id)? {
        return Ok(f);
    }
    not_found(id)
}

fn not_found<T>(id: &str) -> Result<T, Fault> {
    Err(Fault::not_found(format!("Flavor {id} could not be found.")))
}

fn list_all(conn: &Connection) -> Result<Vec<Flavor>, Fault> {
    // Nova sorts flavors by flavorid.
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM flavors ORDER BY id"))?;
    let rows = stmt.query_map([], Flavor::from_row)?;
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

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/flavors"), get(list_flavors))
        .route(&path("/flavors/detail"), get(list_flavors_detail))
        .route(&path("/flavors/{flavor_id}"), get(show_flavor))
        .route(
            &path("/flavors/{flavor_id}/os-extra_specs"),
            get(list_specs),
        )
        .route(
            &path("/flavors/{flavor_id}/os-extra_specs/{key}"),
            get(show_spec),
        )
}

/// Filters and pages flavors as Nova does; returns the page and whether
/// a next link is due.
fn select(all: Vec<Flavor>, params: &Params, admin: bool) -> Result<(Vec<Flavor>, bool), Fault> {
    let int = |key: &str| -> Result<Option<i64>, Fault> {
        params
            .get(key)
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| Fault::bad_request(format!("Invalid {key} filter [{v}]")))
            })
            .transpose()
    };
    let min_ram = int("minRam")?;
    let min_disk = int("minDisk")?;
    // Non-admins always see public flavors only; admins may ask for any.
    let public = match params.get("is_public").map(str::to_ascii_lowercase) {
        _ if !admin => Some(true),
        Some(v) if v == "none" => None,
        Some(v) => Some(!matches!(v.as_str(), "0" | "false" | "f" | "no" | "off")),
        None => Some(true),
    };
    let mut flavors: Vec<Flavor> = all
        .into_iter()
        .filter(|f| {
            min_ram.is_none_or(|m| f.ram >= m)
                && min_disk.is_none_or(|m| f.disk >= m)
                && public.is_none_or(|p| f.is_public == p)
        })
        .collect();
    if let Some(marker) = params.get("marker") {
        let pos = flavors
            .iter()
            .position(|f| f.id == marker)
            .ok_or_else(|| Fault::bad_request(format!("marker [{marker}] not found")))?;
        flavors.drain(..=pos);
    }
    let limit = int("limit")?;
    let mut more = false;
    if let Some(limit) = limit {
        if limit < 0 {
            return Err(Fault::bad_request("limit must be >= 0"));
        }
        let limit = limit as usize;
        if flavors.len() > limit {
            flavors.truncate(limit);
        }
        more = flavors.len() == limit && limit > 0;
    }
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
    let admin = auth.is_admin();
    let (flavors, specs) = call(&st, move |c| {
        let all = list_all(c)?;
        let mut specs = Vec::new();
        for f in &all {
            specs.push((f.id.clone(), extra_specs(c, &f.id)?));
        }
        Ok((all, specs))
    })
    .await?;
    let (page, more) = select(flavors, &params, admin)?;
    let rendered: Vec<Value> = page
        .iter()
        .map(|f| {
            if detail {
                let s = specs.iter().find(|(id, _)| *id == f.id).map(|(_, s)| s);
                f.detail(&st.base_url, mv, s)
            } else {
                f.summary(&st.base_url, mv)
            }
        })
        .collect();
    let mut body = json!({"flavors": rendered});
    if more {
        let kind = if detail {
            "/flavors/detail"
        } else {
            "/flavors"
        };
        body["flavors_links"] = next_link(&st.base_url, kind, &params, page.last());
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
    _auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let (flavor, specs) = call(&st, move |c| {
        let f = get_by_id(c, &id)?;
        match f {
            Some(f) => {
                let s = extra_specs(c, &f.id)?;
                Ok((f, s))
            }
            None => not_found(&id),
        }
    })
    .await?;
    Ok(Json(
        json!({"flavor": flavor.detail(&st.base_url, mv, Some(&specs))}),
    ))
}

async fn list_specs(
    State(st): State<AppState>,
    _auth: ProjectAuth,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let specs = call(&st, move |c| {
        get_by_id(c, &id)?.map_or_else(|| not_found(&id), |_| extra_specs(c, &id))
    })
    .await?;
    Ok(Json(json!({"extra_specs": specs})))
}

async fn show_spec(
    State(st): State<AppState>,
    _auth: ProjectAuth,
    NPath((id, key)): NPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    let flavor_id = id.clone();
    let specs = call(&st, move |c| {
        get_by_id(c, &id)?.map_or_else(|| not_found(&id), |_| extra_specs(c, &id))
    })
    .await?;
    let value = specs.get(&key).cloned().ok_or_else(|| {
        Fault::not_found(format!(
            "Flavor {flavor_id} has no extra specs with key {key}."
        ))
    })?;
    Ok(Json(json!({ key: value })))
}
