//! Absolute limits: `/limits`.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Map, Value};

use super::quotas::{self, QuotaSet, Usage};
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
    let (usage, q, _keys, groups) = call(&st, move |c| {
        super::servers::settle(c)?;
        Ok((
            Usage::of(c, &project_id)?,
            QuotaSet::of(c, &project_id)?,
            quotas::key_pairs_used(c, &user_id)?,
            super::server_groups::count(c, &project_id)?,
        ))
    })
    .await?;
    let mut a = Map::new();
    let mut put = |k: &str, v: i64| {
        a.insert(k.to_owned(), json!(v));
    };
    // Every maximum is the project's effective quota (-1: unlimited).
    put("maxImageMeta", q.get("metadata_items"));
    put("maxServerMeta", q.get("metadata_items"));
    put("maxTotalCores", q.get("cores"));
    put("maxTotalInstances", q.get("instances"));
    put("maxTotalKeypairs", q.get("key_pairs"));
    put("maxTotalRAMSize", q.get("ram"));
    put("maxServerGroups", q.get("server_groups"));
    put("maxServerGroupMembers", q.get("server_group_members"));
    put("totalCoresUsed", usage.cores);
    put("totalInstancesUsed", usage.instances);
    put("totalRAMUsed", usage.ram);
    put("totalServerGroupsUsed", groups);
    if !mv.at_least(57) {
        put("maxPersonality", q.get("injected_files"));
        put("maxPersonalitySize", q.get("injected_file_content_bytes"));
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
