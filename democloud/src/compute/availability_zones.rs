//! Availability zones: `/os-availability-zone` (and `/detail` for admins).
//! Zones come from the services: a compute host is in the zone of its
//! aggregate, or in [`ZONE`]; the other services are in `internal`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::hosts::{self, INTERNAL_ZONE};
use super::{call, path, require_admin, Fault, ProjectAuth};
use crate::state::AppState;

/// Nova's `default_availability_zone`: hosts in no zone aggregate.
pub const ZONE: &str = "nova";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/os-availability-zone"), get(list_zones))
        .route(
            &path("/os-availability-zone/detail"),
            get(list_zones_detail),
        )
}

/// Zones with an enabled service are available, the others not; the
/// internal zone is left out.
async fn list_zones(State(st): State<AppState>, _auth: ProjectAuth) -> Result<Json<Value>, Fault> {
    let (available, unavailable) = call(&st, |c| hosts::availability_zones(c)).await?;
    let shown = |zones: Vec<String>, up: bool| {
        zones
            .into_iter()
            .filter(|z| z != INTERNAL_ZONE)
            .map(move |z| json!({"zoneName": z, "zoneState": {"available": up}, "hosts": null}))
    };
    let info: Vec<Value> = shown(available, true)
        .chain(shown(unavailable, false))
        .collect();
    Ok(Json(json!({"availabilityZoneInfo": info})))
}

/// Every zone with the enabled services of each host in it.
async fn list_zones_detail(
    State(st): State<AppState>,
    auth: ProjectAuth,
) -> Result<Json<Value>, Fault> {
    require_admin(&auth, "os_compute_api:os-availability-zone:detail")?;
    let info = call(&st, |c| {
        let (available, unavailable) = hosts::availability_zones(c)?;
        let zones = hosts::host_zones(c)?;
        let services: Vec<hosts::Service> = hosts::services(c)?
            .into_iter()
            .filter(|s| !s.disabled)
            .collect();
        let mut info = Vec::new();
        for zone in available {
            let mut hosts_map = Map::new();
            for s in services.iter().filter(|s| s.zone(&zones) == zone) {
                let entry = hosts_map.entry(s.host.clone()).or_insert_with(|| json!({}));
                entry[s.binary.as_str()] = json!({
                    "available": s.is_up(),
                    "active": !s.disabled,
                    "updated_at": hosts::naive_time(s.last_seen()),
                });
            }
            info.push(json!({
                "zoneName": zone,
                "zoneState": {"available": true},
                "hosts": hosts_map,
            }));
        }
        for zone in unavailable {
            info.push(json!({
                "zoneName": zone,
                "zoneState": {"available": false},
                "hosts": null,
            }));
        }
        Ok(info)
    })
    .await?;
    Ok(Json(json!({"availabilityZoneInfo": info})))
}
