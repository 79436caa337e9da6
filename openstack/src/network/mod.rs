//! Neutron, the network service (API v2.0).
//!
//! Catalogs list Neutron's endpoint without a version (`http://host:9696`),
//! so requests go to `<endpoint>/v2.0/...`; an endpoint that already ends
//! in `/v2.0` is used as it is. Fields are lenient (`#[serde(default)]`):
//! older clouds and missing extensions still decode.

mod floating_ips;
mod networks;
mod ports;
mod quotas;
mod security_group_rules;
mod security_groups;
mod subnets;

pub use floating_ips::{
    create_floating_ip, delete_floating_ip, list_floating_ips, update_floating_ip, FloatingIp,
    FloatingIpPortDetails,
};
pub use networks::{get_network, list_networks, Network, NetworkFilter};
pub use ports::{list_ports, FixedIp, Port, PortFilter};
pub use quotas::{get_quota_details, NetworkQuotaDetails, QuotaUsage};
pub use security_group_rules::{
    create_security_group_rule, delete_security_group_rule, list_security_group_rules, Direction,
    SecurityGroupRule, SecurityGroupRuleCreate,
};
pub use security_groups::{
    create_security_group, delete_security_group, list_security_groups, SecurityGroup,
};
pub use subnets::{list_subnets, AllocationPool, Subnet};

use crate::error::Result;
use crate::session::Session;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use url::Url;

/// The catalog type of the network service.
pub const SERVICE_TYPE: &str = "network";

/// `path` (e.g. `/networks`) below the API root of `endpoint`.
fn versioned_path(endpoint: &Url, path: &str) -> String {
    if endpoint.path().trim_end_matches('/').ends_with("/v2.0") {
        path.to_owned()
    } else {
        format!("/v2.0{path}")
    }
}

/// `path` below the API root of the session's network endpoint.
pub(crate) fn api_path(session: &Session, path: &str) -> Result<String> {
    Ok(versioned_path(&session.endpoint(SERVICE_TYPE)?, path))
}

/// `/networks/{id}`-style path with the segment encoded.
pub(crate) fn item_path(session: &Session, collection: &str, id: &str) -> Result<String> {
    api_path(
        session,
        &format!("{collection}/{}", crate::encode_segment(id)),
    )
}

/// Every page of a collection (Neutron pages with `<key>_links`).
pub(crate) async fn list<T: DeserializeOwned>(
    session: &Session,
    collection: &str,
    query: &[(&str, &str)],
    key: &str,
) -> Result<Vec<T>> {
    let path = api_path(session, collection)?;
    session.get_paginated(SERVICE_TYPE, &path, query, key).await
}

/// `deserialize_with` helper: `null` becomes the type's default.
pub(crate) fn null_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Query value of a boolean filter.
pub(crate) fn bool_str(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_get_the_version_once() {
        let bare = Url::parse("http://neutron:9696").unwrap();
        assert_eq!(versioned_path(&bare, "/networks"), "/v2.0/networks");
        let prefixed = Url::parse("https://cloud/networking/").unwrap();
        assert_eq!(versioned_path(&prefixed, "/ports"), "/v2.0/ports");
        let versioned = Url::parse("http://neutron:9696/v2.0/").unwrap();
        assert_eq!(versioned_path(&versioned, "/ports"), "/ports");
        let versioned = Url::parse("http://neutron:9696/v2.0").unwrap();
        assert_eq!(versioned_path(&versioned, "/ports"), "/ports");
    }
}
