//! The services the demo cloud runs and their service catalog.
//!
//! All services share one listener; each lives under its own path prefix.
//! Adding a service is one entry in [`SERVICES`]: its routes are mounted and
//! its catalog entry and endpoints are created at start.

use axum::Router;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

use crate::db::{new_id, seed::REGION};
use crate::error::Error;
use crate::state::AppState;

/// One OpenStack service served by the demo cloud.
pub struct ServiceDef {
    /// Catalog type, e.g. `identity`, `compute`.
    pub service_type: &'static str,
    /// Catalog name, e.g. `keystone`, `nova`.
    pub name: &'static str,
    pub description: &'static str,
    /// Endpoint path below the base URL, e.g. `/v3` or `/compute/v2.1`;
    /// may hold Keystone's `$(project_id)s` (see [`format_url`]).
    pub path: &'static str,
    /// The service's routes, with full paths (they include `path`).
    pub routes: fn() -> Router<AppState>,
}

/// Every service of the demo cloud.
pub const SERVICES: &[ServiceDef] = &[
    ServiceDef {
        service_type: "identity",
        name: "keystone",
        description: "Keystone Identity Service",
        path: "/v3",
        routes: crate::identity::routes,
    },
    ServiceDef {
        service_type: "compute",
        name: "nova",
        description: "Nova Compute Service",
        path: "/compute/v2.1",
        routes: crate::compute::routes,
    },
    ServiceDef {
        service_type: "image",
        name: "glance",
        description: "Glance Image Service",
        path: "/image",
        routes: crate::image::routes,
    },
    ServiceDef {
        service_type: "network",
        name: "neutron",
        description: "Neutron Networking Service",
        path: "/networking",
        routes: crate::network::routes,
    },
    ServiceDef {
        service_type: "object-store",
        name: "swift",
        description: "Swift Object Storage Service",
        // Keystone fills in the token's project, as for a real Swift.
        path: "/swift/v1/AUTH_$(project_id)s",
        routes: crate::object_store::routes,
    },
    ServiceDef {
        service_type: "orchestration",
        name: "heat",
        description: "Heat Orchestration Service",
        path: "/heat/v1/$(project_id)s",
        routes: crate::orchestration::routes,
    },
];

/// Each service gets one endpoint per interface, all on the same URL.
pub const INTERFACES: [&str; 3] = ["public", "internal", "admin"];

/// Makes the stored services and endpoints match [`SERVICES`] and the URL
/// the cloud listens on now (the port may change at every start). Ids stay
/// stable across restarts.
pub fn sync(conn: &mut Connection, base_url: &str) -> Result<(), Error> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT OR IGNORE INTO regions (id, description) VALUES (?1, '')",
        params![REGION],
    )?;
    for svc in SERVICES {
        tx.execute(
            "INSERT INTO services (id, type, name, description, enabled)
             VALUES (?1, ?2, ?3, ?4, 1)
             ON CONFLICT (type) DO UPDATE SET name = ?3, description = ?4",
            params![new_id(), svc.service_type, svc.name, svc.description],
        )?;
        let service_id: String = tx.query_row(
            "SELECT id FROM services WHERE type = ?1",
            params![svc.service_type],
            |r| r.get(0),
        )?;
        let url = format!("{base_url}{}", svc.path);
        for interface in INTERFACES {
            tx.execute(
                "INSERT INTO endpoints (id, service_id, interface, region_id, url, enabled)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1)
                 ON CONFLICT (service_id, interface, region_id) DO UPDATE SET url = ?5",
                params![new_id(), service_id, interface, REGION, url],
            )?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// Keystone's `format_url`: substitutes `$(project_id)s` and
/// `$(tenant_id)s` in an endpoint URL. `None` when the URL needs a project
/// and there is none (domain-scoped tokens), so the endpoint is left out.
pub fn format_url(url: &str, project_id: Option<&str>) -> Option<String> {
    let needs_project = url.contains("$(project_id)s") || url.contains("$(tenant_id)s");
    match (needs_project, project_id) {
        (false, _) => Some(url.to_owned()),
        (true, Some(p)) => Some(url.replace("$(project_id)s", p).replace("$(tenant_id)s", p)),
        (true, None) => None,
    }
}

/// The v3 service catalog as it appears in tokens and `/v3/auth/catalog`,
/// with URLs formatted for `project_id`. Like Keystone, a service whose
/// endpoints were all left out stays listed with no endpoints.
pub fn build(conn: &Connection, project_id: Option<&str>) -> Result<Vec<Value>, Error> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.type, s.name, e.id, e.interface, e.region_id, e.url
         FROM services s JOIN endpoints e ON e.service_id = s.id
         WHERE s.enabled = 1 AND e.enabled = 1
         ORDER BY s.type, e.interface",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut catalog: Vec<Value> = Vec::new();
    for row in rows {
        let (service_id, service_type, name, endpoint_id, interface, region, url) = row?;
        if !matches!(catalog.last(), Some(entry) if entry["id"] == service_id.as_str()) {
            catalog.push(json!({
                "id": service_id,
                "type": service_type,
                "name": name,
                "endpoints": [],
            }));
        }
        let Some(url) = format_url(&url, project_id) else {
            continue;
        };
        let endpoint = json!({
            "id": endpoint_id,
            "interface": interface,
            "region": region,
            "region_id": region,
            "url": url,
        });
        if let Some(list) = catalog
            .last_mut()
            .and_then(|entry| entry["endpoints"].as_array_mut())
        {
            list.push(endpoint);
        }
    }
    Ok(catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_follows_the_port_and_keeps_ids() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = crate::db::Db::open(dir.path()).expect("open");
        let first = block_on(db.call(|c| {
            sync(c, "http://127.0.0.1:1111")?;
            build(c, Some("p1"))
        }));
        let second = block_on(db.call(|c| {
            sync(c, "http://127.0.0.1:2222")?;
            build(c, Some("p1"))
        }));
        assert_eq!(first.len(), SERVICES.len());
        let identity = |c: &[Value]| -> Value {
            c.iter()
                .find(|s| s["type"] == "identity")
                .cloned()
                .expect("identity")
        };
        let (first, second) = (identity(&first), identity(&second));
        assert_eq!(first["id"], second["id"]);
        let endpoints = second["endpoints"].as_array().expect("endpoints");
        assert_eq!(endpoints.len(), 3);
        for e in endpoints {
            assert_eq!(e["url"], "http://127.0.0.1:2222/v3");
            assert_eq!(e["region_id"], "RegionOne");
        }
    }

    #[test]
    fn project_urls_are_formatted_or_left_out() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = crate::db::Db::open(dir.path()).expect("open");
        let (scoped, unscoped) = block_on(db.call(|c| {
            sync(c, "http://127.0.0.1:1111")?;
            Ok((build(c, Some("abc"))?, build(c, None)?))
        }));
        let swift = |c: &[Value]| -> Value {
            c.iter()
                .find(|s| s["type"] == "object-store")
                .cloned()
                .expect("object-store")
        };
        let scoped = swift(&scoped);
        assert_eq!(scoped["name"], "swift");
        for e in scoped["endpoints"].as_array().expect("endpoints") {
            assert_eq!(e["url"], "http://127.0.0.1:1111/swift/v1/AUTH_abc");
        }
        assert_eq!(swift(&unscoped)["endpoints"], json!([]));
        assert_eq!(
            format_url("http://h/v1/AUTH_$(tenant_id)s", Some("t")).as_deref(),
            Some("http://h/v1/AUTH_t")
        );
        assert_eq!(
            format_url("http://h/v3", None).as_deref(),
            Some("http://h/v3")
        );
    }

    fn block_on<T>(f: impl std::future::Future<Output = Result<T, Error>>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
            .expect("db call")
    }
}
