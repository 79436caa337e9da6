//! Availability zones: `/os-availability-zone` (and `/detail` for admins).

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{path, Fault, ProjectAuth};
use crate::state::AppState;

pub const ZONE: &str = "nova";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/os-availability-zone"), get(list_zones))
        .route(
            &path("/os-availability-zone/detail"),
            get(list_zones_detail),
        )
}

async fn list_zones(_auth: ProjectAuth) -> Json<Value> {
    Json(json!({"availabilityZoneInfo": [
        {"zoneName": ZONE, "zoneState": {"available": true}, "hosts": null},
    ]}))
}

async fn list_zones_detail(auth: ProjectAuth) -> Result<Json<Value>, Fault> {
    if !auth.is_admin() {
        return Err(Fault::policy("os_compute_api:os-availability-zone:detail"));
    }
    let service = json!({"available": true, "active": true, "updated_at": super::format_time(crate::db::now_micros())});
    Ok(Json(json!({"availabilityZoneInfo": [
        {"zoneName": "internal", "zoneState": {"available": true}, "hosts": {
            "democloud": {"nova-conductor": service, "nova-scheduler": service},
        }},
        {"zoneName": ZONE, "zoneState": {"available": true}, "hosts": {
            "democloud": {"nova-compute": service},
        }},
    ]})))
}
