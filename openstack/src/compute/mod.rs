//! Nova, the compute service (API v2.1 with microversions).
//!
//! Every call asks for [`MICROVERSION`] unless its module says otherwise,
//! so the shapes here are the 2.79 ones: the flavor embedded in a server
//! (2.47), `locked` (2.9), tags (2.26), flavor extra specs in flavor
//! details (2.61) and so on. Fields are lenient (`#[serde(default)]`) so
//! older clouds still decode.

mod action;
mod aggregate;
mod availability_zone;
mod diagnostics;
mod flavor;
mod hypervisor;
mod keypair;
mod limits;
mod quota;
mod server;
mod server_group;
mod service;
mod usage;

pub use action::{
    console_output, create_server_image, list_instance_actions, server_action, InstanceAction,
    RebootType, ServerAction,
};
pub use aggregate::{
    add_aggregate_host, create_aggregate, delete_aggregate, list_aggregates, remove_aggregate_host,
    set_aggregate_metadata, update_aggregate, Aggregate, AggregateUpdate,
};
pub use availability_zone::{list_availability_zones, AvailabilityZone, ZoneState};
pub use diagnostics::{
    get_server_diagnostics, CpuDetails, CpuTopology, DiskDetails, MemoryDetails, NicDetails,
    ServerDiagnostics,
};
pub use flavor::{
    add_flavor_access, create_flavor, delete_flavor, delete_flavor_extra_spec, flavor_extra_specs,
    get_flavor, list_flavor_access, list_flavors, list_flavors_all, remove_flavor_access,
    set_flavor_extra_specs, update_flavor_description, update_flavor_extra_spec, Flavor,
    FlavorAccess, FlavorCreate,
};
pub use hypervisor::{
    get_hypervisor_statistics, list_hypervisor_servers, list_hypervisors_detail, Hypervisor,
    HypervisorServer, HypervisorService, HypervisorStatistics,
};
pub use keypair::{
    create_keypair, delete_keypair, get_keypair, import_keypair, list_keypairs, Keypair,
};
pub use limits::{get_limits, AbsoluteLimits};
pub use quota::{get_quota_set, QuotaSet};
pub use server::{
    create_server, delete_server, get_server, list_servers, list_servers_page, update_server,
    Address, NetworkRef, Networks, SecurityGroupRef, Server, ServerCreate, ServerCreated,
    ServerFault, ServerFilter, ServerFlavor, ServerUpdate,
};
pub use server_group::{
    create_server_group, delete_server_group, list_server_groups, ServerGroup, ServerGroupPolicy,
};
pub use service::{list_compute_services, update_compute_service, ComputeService, ServiceStatus};
pub use usage::{get_tenant_usage, ServerUsage, TenantUsage};

use crate::session::{Call, Session};
use reqwest::Method;
use serde::{Deserialize, Deserializer};

/// The compute API microversion Zenith asks for.
pub const MICROVERSION: &str = "2.79";

/// The catalog type of the compute service.
pub const SERVICE_TYPE: &str = "compute";

/// Most pages a `list_*` call follows, so a cloud that keeps sending
/// `next` links cannot loop forever.
const MAX_PAGES: usize = 1000;

/// A request to `path` under the compute endpoint, with the microversion.
pub(crate) fn call<'a>(session: &'a Session, method: Method, path: &str) -> Call<'a> {
    call_at(session, method, path, MICROVERSION)
}

/// A request asking for another microversion than [`MICROVERSION`], for
/// calls whose behaviour changes elsewhere (extra-spec validation from
/// 2.86, hypervisor capacity fields gone from 2.88).
pub(crate) fn call_at<'a>(
    session: &'a Session,
    method: Method,
    path: &str,
    microversion: &str,
) -> Call<'a> {
    session
        .call(method, SERVICE_TYPE, path)
        .microversion(microversion)
}

/// `/servers/{id}`-style path with the segment encoded.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", crate::encode_segment(id))
}

/// One entry of a `<collection>_links` list.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Link {
    #[serde(default)]
    pub rel: String,
    #[serde(default)]
    pub href: String,
}

/// The `marker` of the `next` link, if any.
pub(crate) fn next_marker(links: &[Link]) -> Option<String> {
    let link = links.iter().find(|l| l.rel == "next")?;
    let url = url::Url::parse(&link.href).ok()?;
    let marker = url
        .query_pairs()
        .find(|(k, _)| k == "marker")
        .map(|(_, v)| v.into_owned());
    marker.filter(|m| !m.is_empty())
}

/// `deserialize_with` helper: `null` becomes the type's default (Nova sends
/// `null` for empty strings and lists in places).
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `deserialize_with` helper for ids that are integers on older
/// microversions and UUID strings on newer ones (hypervisors and services
/// before and after 2.53).
pub(crate) fn id_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => String::new(),
    })
}

/// Standard base64 (with padding), as Nova wants `user_data`.
pub(crate) fn base64_encode(data: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input.as_bytes()), want, "{input}");
        }
        assert_eq!(base64_encode(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn next_marker_reads_the_next_link() {
        let links = vec![Link {
            rel: "next".into(),
            href: "http://nova/v2.1/servers/detail?limit=1&marker=abc-1".into(),
        }];
        assert_eq!(next_marker(&links).as_deref(), Some("abc-1"));
        assert_eq!(next_marker(&[]), None);
        let links = vec![Link {
            rel: "self".into(),
            href: "http://nova/v2.1/servers?marker=x".into(),
        }];
        assert_eq!(next_marker(&links), None);
    }
}
