//! Extensions: `/v2.0/extensions`. Clients (the `openstack` CLI, Horizon)
//! ask for these aliases before using the attributes they add.

use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::{path, Fault, ListQuery, NetAuth, QPath};
use crate::state::AppState;

/// (alias, name, description, updated) of each supported extension.
const EXTENSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "binding",
        "Port Binding",
        "Expose port bindings of a virtual port to external application",
        "2014-02-03T10:00:00-00:00",
    ),
    (
        "external-net",
        "Neutron external network",
        "Adds external network attribute to network resource.",
        "2013-01-14T10:00:00-00:00",
    ),
    (
        "fip-port-details",
        "Floating IP Port Details Extension",
        "Add port_details attribute to Floating IP resource",
        "2018-04-09T10:00:00-00:00",
    ),
    (
        "net-mtu",
        "Network MTU",
        "Provides MTU attribute for a network resource.",
        "2015-03-25T10:00:00-00:00",
    ),
    (
        "network_availability_zone",
        "Network Availability Zone",
        "Availability zone support for network.",
        "2015-01-01T10:00:00-00:00",
    ),
    (
        "port-security",
        "Port Security",
        "Provides port security",
        "2012-07-23T10:00:00-00:00",
    ),
    (
        "project-id",
        "project_id field enabled",
        "Extension that indicates that project_id field is enabled.",
        "2016-09-09T09:09:09-09:09",
    ),
    (
        "quota_details",
        "Quota details management support",
        "Expose functions for quotas usage statistics per project",
        "2017-02-10T10:00:00-00:00",
    ),
    (
        "quotas",
        "Quota management support",
        "Expose functions for quotas management per project",
        "2012-07-29T10:00:00-00:00",
    ),
    (
        "router",
        "Neutron L3 Router",
        "Router abstraction for basic L3 forwarding between L2 Neutron networks and access to \
         external networks via a NAT gateway.",
        "2012-07-20T10:00:00-00:00",
    ),
    (
        "security-group",
        "security-group",
        "The security groups extension.",
        "2012-10-05T10:00:00-00:00",
    ),
    (
        "standard-attr-description",
        "standard-attr-description",
        "Extension to add descriptions to standard attributes",
        "2016-02-10T10:00:00-00:00",
    ),
    (
        "standard-attr-revisions",
        "Resource revision numbers",
        "This extension will display the revision number of neutron resources.",
        "2016-04-11T10:00:00-00:00",
    ),
    (
        "standard-attr-timestamp",
        "Resource timestamps",
        "Adds created_at and updated_at fields to all Neutron resources that have Neutron \
         standard attributes.",
        "2016-09-12T10:00:00-00:00",
    ),
    (
        "stateful-security-group",
        "Stateful security group",
        "Indicates if the security group is stateful or not",
        "2019-11-26T09:00:00-00:00",
    ),
];

fn render(ext: &(&str, &str, &str, &str)) -> Value {
    let (alias, name, description, updated) = ext;
    json!({"alias": alias, "name": name, "description": description, "updated": updated,
           "links": []})
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/extensions"), get(list_extensions))
        .route(&path("/extensions/{alias}"), get(show_extension))
}

async fn list_extensions(_auth: NetAuth, query: ListQuery) -> Result<Json<Value>, Fault> {
    let items: Vec<Value> = EXTENSIONS.iter().map(render).collect();
    // Extensions have no ids: no paging, only filters and fields.
    let items: Vec<Value> = items.into_iter().filter(|e| query.matches(e)).collect();
    let fields = query.fields();
    let items: Vec<Value> = items
        .into_iter()
        .map(|e| super::select_fields(e, &fields))
        .collect();
    Ok(Json(json!({ "extensions": items })))
}

async fn show_extension(_auth: NetAuth, QPath(alias): QPath<String>) -> Result<Json<Value>, Fault> {
    EXTENSIONS
        .iter()
        .find(|e| e.0 == alias)
        .map(|e| Json(json!({"extension": render(e)})))
        .ok_or_else(|| {
            Fault::not_found(
                "ExtensionNotFound",
                format!("Extension with alias {alias} does not exist"),
            )
        })
}
