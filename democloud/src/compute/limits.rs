//! Absolute limits: `/limits`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::quotas::{self, Usage};
use super::{call, path, Fault, Microversion, ProjectAuth};
use crate::http::Params;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route(&path("/limits"), get(show_limits))
}

async fn show_limits(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    // Admins may look at another project with ?tenant_id=.
    let project_id = match params.get("tenant_id") {
        Some(p) if auth.is_admin() => p.to_owned(),
        _ => auth.project_id.clone(),
    };
    let user_id = auth.user_id().to_owned();
    let (usage, limits, _keys) = call(&st, move |c| {
        super::servers::settle(c)?;
        Ok((
            Usage::of(c, &project_id)?,
            quotas::limits_for(c, &project_id)?,
            quotas::key_pairs_used(c, &user_id)?,
        ))
    })
    .await?;
    let mut a = Map::new();
    let mut put = |k: &str, v: i64| {
        a.insert(k.to_owned(), json!(v));
    };
    put("maxImageMeta", quotas::METADATA_ITEMS);
    put("maxServerMeta", quotas::METADATA_ITEMS);
    put("maxTotalCores", limits.cores);
    put("maxTotalInstances", limits.instances);
    put("maxTotalKeypairs", quotas::KEY_PAIRS);
    put("maxTotalRAMSize", limits.ram);
    put("maxServerGroups", quotas::SERVER_GROUPS);
    put("maxServerGroupMembers", quotas::SERVER_GROUP_MEMBERS);
    put("totalCoresUsed", usage.cores);
    put("totalInstancesUsed", usage.instances);
    put("totalRAMUsed", usage.ram);
    put("totalServerGroupsUsed", 0);
    if !mv.at_least(57) {
        put("maxPersonality", quotas::INJECTED_FILES);
        put("maxPersonalitySize", quotas::INJECTED_FILE_CONTENT_BYTES);
    }
    if !mv.at_least(36) {
        put("maxSecurityGroupRules", -1);
        put("maxSecurityGroups", -1);
        put("maxTotalFloatingIps", -1);
        put("totalFloatingIpsUsed", 0);
        put("totalSecurityGroupsUsed", 0);
    }
    Ok(Json(json!({"limits": {"rate": [], "absolute": a}})))
}
