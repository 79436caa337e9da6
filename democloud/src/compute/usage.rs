//! Simple tenant usage: `/os-simple-tenant-usage` (every project, admins
//! only) and `/os-simple-tenant-usage/{tenant_id}`: the hours each server
//! ran inside a window, and the vCPU, RAM and disk hours they make.
//!
//! As in Nova, a server counts when it started before the window ends and
//! was not deleted before it begins, so deleted servers count for the time
//! they lived. A server starts when it launched (when it was created while
//! it has not launched yet). From 2.40 the servers are paged with
//! `limit`/`marker`, ordered by project then id, with `tenant_usages_links`
//! or `tenant_usage_links`; the totals of a page cover its servers only.

use std::collections::HashMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::flavors::{self, Flavor};
use super::{additional_properties, call, path, Fault, Microversion, NPath, ProjectAuth};
use crate::db::now_micros;
use crate::http::Params;
use crate::state::AppState;

/// Nova's `[api] max_limit`: the page size, and the most a `limit` gets.
const MAX_LIMIT: usize = 1000;

const COLLECTION: &str = "/os-simple-tenant-usage";

const MICROS_PER_HOUR: f64 = 3_600_000_000.0;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path(COLLECTION), get(list_usages))
        .route(
            &path("/os-simple-tenant-usage/{tenant_id}"),
            get(show_usage),
        )
}

// ---------------------------------------------------------------------------
// Query parameters

/// The page size and marker, after checking the query against Nova's schema
/// for `mv` (`known` are the parameters it names). Before 2.40 every server
/// is one page of at most [`MAX_LIMIT`].
fn paging(
    params: &Params,
    mv: Microversion,
    known: &[&str],
) -> Result<(usize, Option<String>), Fault> {
    if mv.at_least(75) {
        let mut extra: Vec<String> = params
            .0
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .map(|k| format!("'{k}'"))
            .collect();
        if !extra.is_empty() {
            extra.sort();
            return Err(Fault::bad_request(additional_properties(&extra)));
        }
    }
    if !mv.at_least(40) {
        return Ok((MAX_LIMIT, None));
    }
    let limit = match params.get("limit") {
        None => MAX_LIMIT,
        Some("") => {
            return Err(Fault::bad_request(
                "Invalid input for query parameters limit. Value: . '' is too short",
            ))
        }
        Some(l) if !l.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(Fault::bad_request(format!(
                "Invalid input for query parameters limit. Value: {l}. \
                 '{l}' does not match '^[0-9]*$'"
            )))
        }
        Some(l) => l.parse::<usize>().unwrap_or(usize::MAX).min(MAX_LIMIT),
    };
    Ok((limit, params.get("marker").map(str::to_owned)))
}

/// A time as Nova takes `start` and `end` (`2026-11-01T00:00:00`, with or
/// without microseconds, `T` or a space), or with a `Z`; in micros.
fn parse_time(s: &str) -> Option<i64> {
    let s = s.strip_suffix('Z').unwrap_or(s);
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
        .iter()
        .find_map(|fmt| chrono::NaiveDateTime::parse_from_str(s, fmt).ok())
        .map(|t| t.and_utc().timestamp_micros())
}

/// Nova's naive timestamps with microseconds, e.g. `2026-11-01T00:00:00.000000`.
fn format_time(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.6f")
        .to_string()
}

/// The period a report covers, in micros.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Window {
    start: i64,
    stop: i64,
}

/// `start` and `end` as Nova reads them: each defaults to now, the start
/// must come before the end, and the end is cut at `now`.
fn window(params: &Params, now: i64) -> Result<Window, Fault> {
    let read = |key: &str| -> Result<Option<i64>, Fault> {
        match params.get(key).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => parse_time(v).map(Some).ok_or_else(|| {
                Fault::bad_request("Invalid datetime string: Datetime is in invalid format")
            }),
        }
    };
    let (start, end) = (read("start")?, read("end")?);
    let w = Window {
        start: start.unwrap_or(now),
        stop: end.unwrap_or(now),
    };
    // Nova reads the clock once per missing value, so two defaults never
    // make an empty period.
    let defaulted = start.is_none() && end.is_none();
    if w.start > w.stop || (w.start == w.stop && !defaulted) {
        return Err(Fault::bad_request(
            "Invalid start time. The start time cannot occur after the end time.",
        ));
    }
    Ok(Window {
        stop: w.stop.min(now),
        ..w
    })
}

// ---------------------------------------------------------------------------
// Counting

/// A server that ran during a window.
struct Instance {
    id: String,
    project_id: String,
    name: String,
    flavor_id: String,
    vm_state: String,
    started_at: i64,
    deleted_at: Option<i64>,
}

/// The servers (of `project`, or all) that ran during `w`, deleted ones
/// included, in Nova's order: by project, then id, after `marker`.
fn instances(
    conn: &Connection,
    project: Option<&str>,
    w: Window,
    limit: usize,
    marker: Option<&str>,
) -> Result<Vec<Instance>, Fault> {
    super::servers::settle(conn)?;
    let after = match marker {
        None => None,
        Some(m) => Some(
            conn.query_row(
                "SELECT project_id, id FROM servers WHERE id = ?1",
                params![m],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
            .ok_or_else(|| Fault::bad_request(format!("Marker {m} could not be found.")))?,
        ),
    };
    let (after_project, after_id) = after.unzip();
    let mut stmt = conn.prepare(
        "SELECT id, project_id, name, flavor_id, vm_state,
                COALESCE(launched_at, created_at), deleted_at
         FROM servers
         WHERE (?1 IS NULL OR project_id = ?1)
           AND (deleted_at IS NULL OR deleted_at > ?2)
           AND COALESCE(launched_at, created_at) < ?3
           AND (?4 IS NULL OR project_id > ?4 OR (project_id = ?4 AND id > ?5))
         ORDER BY project_id, id
         LIMIT ?6",
    )?;
    let rows = stmt.query_map(
        params![
            project,
            w.start,
            w.stop,
            after_project,
            after_id,
            i64::try_from(limit).unwrap_or(i64::MAX)
        ],
        |r| {
            Ok(Instance {
                id: r.get(0)?,
                project_id: r.get(1)?,
                name: r.get(2)?,
                flavor_id: r.get(3)?,
                vm_state: r.get(4)?,
                started_at: r.get(5)?,
                deleted_at: r.get(6)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The hours of `w` a server running from `started` until `ended` (or
/// still running) spent.
fn hours_in(started: i64, ended: Option<i64>, w: Window) -> f64 {
    if ended.is_some_and(|e| e < w.start) || started > w.stop {
        return 0.0;
    }
    let from = started.max(w.start);
    let to = ended.map_or(w.stop, |e| e.min(w.stop));
    (to - from).max(0) as f64 / MICROS_PER_HOUR
}

/// One project's totals and, when detailed, its servers.
struct Summary {
    tenant_id: String,
    hours: f64,
    vcpus: f64,
    memory_mb: f64,
    local_gb: f64,
    servers: Vec<Value>,
}

impl Summary {
    fn render(self, w: Window, detailed: bool) -> Value {
        let mut v = json!({
            "tenant_id": self.tenant_id,
            "start": format_time(w.start),
            "stop": format_time(w.stop),
            "total_hours": self.hours,
            "total_vcpus_usage": self.vcpus,
            "total_memory_mb_usage": self.memory_mb,
            "total_local_gb_usage": self.local_gb,
        });
        if detailed {
            v["server_usages"] = Value::Array(self.servers);
        }
        v
    }
}

/// The usage of `servers` during `w`, one summary per project in order of
/// appearance, and the ids of the servers counted (for the next link).
fn report(
    conn: &Connection,
    servers: &[Instance],
    w: Window,
    now: i64,
    detailed: bool,
) -> Result<(Vec<Value>, Vec<String>), Fault> {
    let mut flavor_cache: HashMap<String, Option<Flavor>> = HashMap::new();
    let mut summaries: Vec<Summary> = Vec::new();
    let mut ids = Vec::new();
    for s in servers {
        if !flavor_cache.contains_key(&s.flavor_id) {
            let f = flavors::get_by_id(conn, &s.flavor_id)?;
            flavor_cache.insert(s.flavor_id.clone(), f);
        }
        let flavor = flavor_cache.get(&s.flavor_id).and_then(Option::as_ref);
        let (flavor_name, vcpus, memory_mb, local_gb) = match flavor {
            Some(f) => (f.name.as_str(), f.vcpus, f.ram, f.disk + f.ephemeral),
            // A flavor that is gone cannot be billed.
            None => ("", 0, 0, 0),
        };
        let hours = hours_in(s.started_at, s.deleted_at, w);
        let state = if s.deleted_at.is_some() {
            "terminated"
        } else {
            s.vm_state.as_str()
        };
        let uptime = (s.deleted_at.unwrap_or(now) - s.started_at) / 1_000_000;
        let usage = json!({
            "instance_id": s.id,
            "name": s.name,
            "tenant_id": s.project_id,
            "hours": hours,
            "flavor": flavor_name,
            "vcpus": vcpus,
            "memory_mb": memory_mb,
            "local_gb": local_gb,
            "started_at": format_time(s.started_at),
            "ended_at": s.deleted_at.map(format_time),
            "state": state,
            "uptime": uptime,
        });
        let pos = match summaries.iter().position(|x| x.tenant_id == s.project_id) {
            Some(pos) => pos,
            None => {
                summaries.push(Summary {
                    tenant_id: s.project_id.clone(),
                    hours: 0.0,
                    vcpus: 0.0,
                    memory_mb: 0.0,
                    local_gb: 0.0,
                    servers: Vec::new(),
                });
                summaries.len() - 1
            }
        };
        let summary = &mut summaries[pos];
        summary.hours += hours;
        summary.vcpus += vcpus as f64 * hours;
        summary.memory_mb += memory_mb as f64 * hours;
        summary.local_gb += local_gb as f64 * hours;
        if detailed {
            summary.servers.push(usage);
        }
        ids.push(s.id.clone());
    }
    let rendered = summaries
        .into_iter()
        .map(|s| s.render(w, detailed))
        .collect();
    Ok((rendered, ids))
}

// ---------------------------------------------------------------------------
// Links

/// `urlencode` as Python writes it (`quote_plus`).
fn quote_plus(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b' ' => "+".to_owned(),
            b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// The `next` link when the page is full: the request's query with the
/// last server as the marker.
fn next_links(
    base_url: &str,
    collection: &str,
    params: &Params,
    ids: &[String],
    limit: usize,
) -> Option<Value> {
    if limit == 0 || ids.len() != limit {
        return None;
    }
    let last = ids.last()?;
    let mut query: Vec<(&str, &str)> = params
        .0
        .iter()
        .filter(|(k, _)| k.as_str() != "marker")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    query.push(("marker", last));
    query.sort();
    let query: Vec<String> = query
        .iter()
        .map(|(k, v)| format!("{}={}", quote_plus(k), quote_plus(v)))
        .collect();
    Some(json!([{
        "rel": "next",
        "href": format!("{base_url}{}?{}", path(collection), query.join("&")),
    }]))
}

// ---------------------------------------------------------------------------
// Handlers

async fn list_usages(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let (limit, marker) = paging(
        &params,
        mv,
        &["start", "end", "detailed", "limit", "marker"],
    )?;
    if !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:os-simple-tenant-usage:list"));
    }
    let now = now_micros();
    let w = window(&params, now)?;
    let detailed = params.get("detailed") == Some("1");
    let (usages, ids) = call(&st, move |c| {
        let servers = instances(c, None, w, limit, marker.as_deref())?;
        report(c, &servers, w, now, detailed)
    })
    .await?;
    let mut body = json!({ "tenant_usages": usages });
    if mv.at_least(40) {
        if let Some(links) = next_links(&st.base_url, COLLECTION, &params, &ids, limit) {
            body["tenant_usages_links"] = links;
        }
    }
    Ok(Json(body))
}

async fn show_usage(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(tenant_id): NPath<String>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let (limit, marker) = paging(&params, mv, &["start", "end", "limit", "marker"])?;
    if tenant_id != auth.project_id && !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:os-simple-tenant-usage:show"));
    }
    let now = now_micros();
    let w = window(&params, now)?;
    let project = tenant_id.clone();
    let (mut usages, ids) = call(&st, move |c| {
        let servers = instances(c, Some(&project), w, limit, marker.as_deref())?;
        report(c, &servers, w, now, true)
    })
    .await?;
    // A project without usage is an empty object.
    let usage = if usages.is_empty() {
        Value::Object(Map::new())
    } else {
        usages.swap_remove(0)
    };
    let mut body = json!({ "tenant_usage": usage });
    if mv.at_least(40) {
        let collection = format!("{COLLECTION}/{tenant_id}");
        if let Some(links) = next_links(&st.base_url, &collection, &params, &ids, limit) {
            body["tenant_usage_links"] = links;
        }
    }
    Ok(Json(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000_000;

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn message(f: Fault) -> String {
        match f {
            Fault::Nova(_, m) => m,
            other => panic!("unexpected fault {other:?}"),
        }
    }

    #[test]
    fn times_follow_nova() {
        let t = parse_time("2026-11-01T00:00:00").expect("plain");
        assert_eq!(format_time(t), "2026-11-01T00:00:00.000000");
        assert_eq!(parse_time("2026-11-01T00:00:00Z"), Some(t));
        assert_eq!(parse_time("2026-11-01T00:00:00.000000"), Some(t));
        assert_eq!(parse_time("2026-11-01 00:00:00.000000"), Some(t));
        assert_eq!(parse_time("2026-11-01T00:00:00.5Z"), Some(t + 500_000));
        assert_eq!(parse_time("yesterday"), None);
        assert_eq!(parse_time("2026-11-01"), None);
    }

    #[test]
    fn windows_default_to_now_and_end_there() {
        let now = parse_time("2026-11-02T00:00:00").expect("now");
        let w = window(&params(&[]), now).expect("defaults");
        assert_eq!(
            w,
            Window {
                start: now,
                stop: now
            }
        );
        let w = window(
            &params(&[
                ("start", "2026-11-01T00:00:00"),
                ("end", "2026-12-01T00:00:00"),
            ]),
            now,
        )
        .expect("valid");
        assert_eq!((w.start, w.stop), (now - 24 * HOUR, now));
        let bad = |pairs: &[(&str, &str)]| message(window(&params(pairs), now).expect_err("bad"));
        assert_eq!(
            bad(&[("start", "soon")]),
            "Invalid datetime string: Datetime is in invalid format"
        );
        assert_eq!(
            bad(&[
                ("start", "2026-11-01T00:00:00"),
                ("end", "2026-10-01T00:00:00")
            ]),
            "Invalid start time. The start time cannot occur after the end time."
        );
        assert!(window(&params(&[("start", "2026-11-03T00:00:00")]), now).is_err());
    }

    #[test]
    fn hours_are_the_overlap() {
        let w = Window {
            start: 10 * HOUR,
            stop: 20 * HOUR,
        };
        assert_eq!(hours_in(0, None, w), 10.0);
        assert_eq!(hours_in(15 * HOUR, None, w), 5.0);
        assert_eq!(hours_in(12 * HOUR, Some(13 * HOUR + HOUR / 2), w), 1.5);
        assert_eq!(hours_in(0, Some(5 * HOUR), w), 0.0);
        assert_eq!(hours_in(25 * HOUR, None, w), 0.0);
    }

    #[test]
    fn paging_follows_the_microversion() {
        let p = params(&[("limit", "5"), ("marker", "m"), ("x", "1")]);
        let known = ["start", "end", "limit", "marker"];
        assert_eq!(
            paging(&p, Microversion(2, 1), &known).ok(),
            Some((MAX_LIMIT, None))
        );
        assert_eq!(
            paging(&p, Microversion(2, 40), &known).ok(),
            Some((5, Some("m".to_owned())))
        );
        assert_eq!(
            message(paging(&p, Microversion(2, 75), &known).expect_err("extra")),
            "Additional properties are not allowed ('x' was unexpected)"
        );
        let p = params(&[("limit", "-1")]);
        assert!(paging(&p, Microversion(2, 40), &known).is_err());
        let p = params(&[("limit", "5000")]);
        assert_eq!(
            paging(&p, Microversion(2, 40), &known).ok(),
            Some((MAX_LIMIT, None))
        );
    }

    #[test]
    fn next_links_keep_the_query() {
        let p = params(&[("start", "2026-11-01 00:00:00"), ("limit", "1")]);
        let links = next_links("http://x", COLLECTION, &p, &["a".into()], 1).expect("full page");
        assert_eq!(
            links[0]["href"],
            "http://x/compute/v2.1/os-simple-tenant-usage?limit=1&marker=a&start=2026-11-01+00%3A00%3A00"
        );
        assert!(next_links("http://x", COLLECTION, &p, &[], 1).is_none());
    }
}
