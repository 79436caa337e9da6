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
    /// Endpoint path below the base URL, e.g. `/v3` or `/compute/v2.1`.
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

/// The v3 service catalog as it appears in tokens and `/v3/auth/catalog`.
pub fn build(conn: &Connection) -> Result<Vec<Value>, Error> {
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
        let endpoint = json!({
            "id": endpoint_id,
            "interface": interface,
            "region": region,
            "region_id": region,
            "url": url,
        });
        match catalog.last_mut() {
            Some(entry) if entry["id"] == service_id.as_str() => {
                if let Some(list) = entry["endpoints"].as_array_mut() {
                    list.push(endpoint);
                }
            }
            _ => catalog.push(json!({
                "id": service_id,
                "type": service_type,
                "name": name,
                "endpoints": [endpoint],
            })),
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
            build(c)
        }));
        let second = block_on(db.call(|c| {
            sync(c, "http://127.0.0.1:2222")?;
            build(c)
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

    fn block_on<T>(f: impl std::future::Future<Output = Result<T, Error>>) -> T {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime")
            .block_on(f)
            .expect("db call")
    }
}
