//! Hypervisors (admin): `/os-hypervisors/detail`, `/os-hypervisors/statistics`
//! and the servers on a hypervisor.
//!
//! These calls ask for microversion 2.79 whatever [`super::MICROVERSION`]
//! becomes: from 2.88 Nova drops the capacity fields (`vcpus`,
//! `memory_mb`, `local_gb`, their `_used`, `running_vms`…) and the
//! statistics, which the dashboard shows.

use super::{call_at, id_string, next_marker, null_default, Link, MAX_PAGES};
use crate::error::{Error, Result};
use crate::session::{Call, Session};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The microversion of the hypervisor calls: UUID ids and `with_servers`
/// (2.53), paging (2.33), and still the capacity fields.
const MICROVERSION: &str = "2.79";

fn call<'a>(session: &'a Session, method: Method, path: &str) -> Call<'a> {
    call_at(session, method, path, MICROVERSION)
}

/// A hypervisor (a compute node) as `GET /os-hypervisors/detail` shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Hypervisor {
    /// A UUID from 2.53, an integer before.
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub hypervisor_hostname: String,
    /// `QEMU`, `ironic`, `fake`…
    #[serde(default, deserialize_with = "null_default")]
    pub hypervisor_type: String,
    #[serde(default)]
    pub hypervisor_version: Option<u64>,
    #[serde(default)]
    pub host_ip: Option<String>,
    /// `up` or `down` (the compute service's liveness).
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    /// `enabled` or `disabled` (the compute service's status).
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus_used: u64,
    /// MiB.
    #[serde(default, deserialize_with = "null_default")]
    pub memory_mb: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub memory_mb_used: u64,
    /// GiB.
    #[serde(default, deserialize_with = "null_default")]
    pub local_gb: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub local_gb_used: u64,
    /// Negative when the node is overcommitted.
    #[serde(default, deserialize_with = "null_default")]
    pub free_ram_mb: i64,
    #[serde(default, deserialize_with = "null_default")]
    pub free_disk_gb: i64,
    #[serde(default, deserialize_with = "null_default")]
    pub running_vms: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub current_workload: u64,
    #[serde(default)]
    pub disk_available_least: Option<i64>,
    #[serde(default, deserialize_with = "null_default")]
    pub service: HypervisorService,
    /// An object from 2.28 (arch, model, vendor, features, topology), a
    /// JSON string before.
    #[serde(default)]
    pub cpu_info: Value,
    /// Only with `with_servers=true` and when the hypervisor has servers.
    #[serde(default, deserialize_with = "null_default")]
    pub servers: Vec<HypervisorServer>,
}

/// The compute service of a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorService {
    #[serde(default, deserialize_with = "id_string")]
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub host: String,
    #[serde(default)]
    pub disabled_reason: Option<String>,
}

/// A server on a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorServer {
    /// The server's id.
    #[serde(default, deserialize_with = "null_default")]
    pub uuid: String,
    /// The hypervisor's name for it (`instance-0000000a`), not the
    /// server's display name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
}

/// The sums over all hypervisors (`GET /os-hypervisors/statistics`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HypervisorStatistics {
    /// How many hypervisors.
    #[serde(default, deserialize_with = "null_default")]
    pub count: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus_used: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub memory_mb: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub memory_mb_used: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub local_gb: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub local_gb_used: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub free_ram_mb: i64,
    #[serde(default, deserialize_with = "null_default")]
    pub free_disk_gb: i64,
    #[serde(default, deserialize_with = "null_default")]
    pub running_vms: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub current_workload: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub disk_available_least: i64,
}

#[derive(Deserialize)]
struct HypervisorsPage {
    #[serde(default, deserialize_with = "null_default")]
    hypervisors: Vec<Hypervisor>,
    #[serde(default, deserialize_with = "null_default")]
    hypervisors_links: Vec<Link>,
}

/// Every hypervisor with its capacity and usage (`GET
/// /os-hypervisors/detail`, all pages).
pub async fn list_hypervisors_detail(session: &Session) -> Result<Vec<Hypervisor>> {
    let mut hypervisors = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut c = call(session, Method::GET, "/os-hypervisors/detail");
        if let Some(m) = &marker {
            c = c.query(&[("marker", m)]);
        }
        let page: HypervisorsPage = c.fetch().await?;
        hypervisors.extend(page.hypervisors);
        match next_marker(&page.hypervisors_links) {
            Some(next) if marker.as_deref() != Some(next.as_str()) => marker = Some(next),
            _ => break,
        }
    }
    Ok(hypervisors)
}

/// `GET /os-hypervisors/statistics`.
pub async fn get_hypervisor_statistics(session: &Session) -> Result<HypervisorStatistics> {
    #[derive(Deserialize)]
    struct Body {
        hypervisor_statistics: HypervisorStatistics,
    }
    let body: Body = call(session, Method::GET, "/os-hypervisors/statistics")
        .fetch()
        .await?;
    Ok(body.hypervisor_statistics)
}

/// The servers on the hypervisor named `hypervisor_hostname`
/// (`GET /os-hypervisors?with_servers=true&hypervisor_hostname_pattern=`).
pub async fn list_hypervisor_servers(
    session: &Session,
    hypervisor_hostname: &str,
) -> Result<Vec<HypervisorServer>> {
    let page: HypervisorsPage = call(session, Method::GET, "/os-hypervisors")
        .query(&[
            ("with_servers", "true"),
            ("hypervisor_hostname_pattern", hypervisor_hostname),
        ])
        .fetch()
        .await?;
    servers_of(page.hypervisors, hypervisor_hostname)
}

/// The pattern is a substring match (`compute-1` finds `compute-10`
/// too), so keep only the hypervisor with exactly that name.
fn servers_of(
    hypervisors: Vec<Hypervisor>,
    hypervisor_hostname: &str,
) -> Result<Vec<HypervisorServer>> {
    let mut exact = hypervisors
        .into_iter()
        .filter(|h| h.hypervisor_hostname == hypervisor_hostname)
        .peekable();
    if exact.peek().is_none() {
        // As Nova says when the pattern matches nothing at all.
        return Err(Error::NotFound {
            message: format!("No hypervisor matching '{hypervisor_hostname}' could be found"),
        });
    }
    Ok(exact.flat_map(|h| h.servers).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `v2.53/hypervisors-detail-resp.json` from the Nova API samples.
    const DETAIL: &str = r#"{
        "hypervisors": [{
            "cpu_info": {"arch": "x86_64", "model": "Nehalem", "vendor": "Intel",
                "features": ["pge", "clflush"], "topology": {"cores": 1, "threads": 1, "sockets": 4}},
            "current_workload": 0, "status": "enabled", "state": "up",
            "disk_available_least": 0, "host_ip": "1.1.1.1",
            "free_disk_gb": 1028, "free_ram_mb": 7680,
            "hypervisor_hostname": "fake-mini", "hypervisor_type": "fake",
            "hypervisor_version": 1000, "id": "1bb62a04-c576-402c-8147-9e89757a09e3",
            "local_gb": 1028, "local_gb_used": 0, "memory_mb": 8192, "memory_mb_used": 512,
            "running_vms": 0,
            "service": {"host": "host1", "id": "62f62f6e-a713-4cbe-87d3-3ecf8a1e0f8d",
                "disabled_reason": null},
            "vcpus": 2, "vcpus_used": 0
        }],
        "hypervisors_links": [{
            "href": "http://openstack.example.com/v2.1/6f70656e737461636b20342065766572/hypervisors/detail?limit=1&marker=1bb62a04-c576-402c-8147-9e89757a09e3",
            "rel": "next"
        }]
    }"#;

    #[test]
    fn decodes_the_2_53_detail_sample() {
        let page: HypervisorsPage = serde_json::from_str(DETAIL).expect("decodes");
        let h = &page.hypervisors[0];
        assert_eq!(h.id, "1bb62a04-c576-402c-8147-9e89757a09e3");
        assert_eq!(h.hypervisor_hostname, "fake-mini");
        assert_eq!(h.hypervisor_version, Some(1000));
        assert_eq!((h.vcpus, h.vcpus_used), (2, 0));
        assert_eq!(
            (h.memory_mb, h.memory_mb_used, h.free_ram_mb),
            (8192, 512, 7680)
        );
        assert_eq!(
            (h.local_gb, h.local_gb_used, h.free_disk_gb),
            (1028, 0, 1028)
        );
        assert_eq!((h.state.as_str(), h.status.as_str()), ("up", "enabled"));
        assert_eq!(h.service.host, "host1");
        assert_eq!(h.service.disabled_reason, None);
        assert_eq!(h.cpu_info["topology"]["sockets"], 4);
        assert!(h.servers.is_empty());
        assert_eq!(
            next_marker(&page.hypervisors_links).as_deref(),
            Some("1bb62a04-c576-402c-8147-9e89757a09e3")
        );
    }

    #[test]
    fn decodes_pre_2_53_integer_ids_and_string_cpu_info() {
        let h: Hypervisor = serde_json::from_str(
            r#"{"id": 1, "hypervisor_hostname": "fake-mini", "cpu_info": "{\"arch\": \"x86_64\"}",
                "service": {"host": "host1", "id": 6, "disabled_reason": null},
                "disk_available_least": null, "free_ram_mb": -512}"#,
        )
        .expect("decodes");
        assert_eq!((h.id.as_str(), h.service.id.as_str()), ("1", "6"));
        assert_eq!(h.cpu_info, "{\"arch\": \"x86_64\"}");
        assert_eq!((h.disk_available_least, h.free_ram_mb), (None, -512));
    }

    #[test]
    fn decodes_the_2_53_statistics_sample() {
        let s: HypervisorStatistics = serde_json::from_str(
            r#"{"count": 1, "current_workload": 0, "disk_available_least": 0,
                "free_disk_gb": 1028, "free_ram_mb": 7680, "local_gb": 1028,
                "local_gb_used": 0, "memory_mb": 8192, "memory_mb_used": 512,
                "running_vms": 0, "vcpus": 2, "vcpus_used": 0}"#,
        )
        .expect("decodes");
        assert_eq!(
            (s.count, s.vcpus, s.memory_mb, s.local_gb),
            (1, 2, 8192, 1028)
        );
    }

    #[test]
    fn servers_come_from_the_exact_hostname_only() {
        // `v2.53/hypervisors-with-servers-resp.json`, plus a longer name the
        // pattern also matched and one without servers (no `servers` key).
        let page: HypervisorsPage = serde_json::from_str(
            r#"{"hypervisors": [
                {"hypervisor_hostname": "fake-mini", "id": "b1e43b5f-eec1-44e0-9f10-7b4945c0226d",
                 "state": "up", "status": "enabled",
                 "servers": [{"name": "test_server1", "uuid": "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"},
                             {"name": "test_server2", "uuid": "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"}]},
                {"hypervisor_hostname": "fake-mini-2", "id": "x", "state": "up", "status": "enabled",
                 "servers": [{"name": "other", "uuid": "cccccccc-cccc-cccc-cccc-cccccccccccc"}]},
                {"hypervisor_hostname": "idle", "id": "y", "state": "up", "status": "enabled"}
            ]}"#,
        )
        .expect("decodes");
        let servers = servers_of(page.hypervisors.clone(), "fake-mini").expect("found");
        let names: Vec<&str> = servers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["test_server1", "test_server2"]);
        assert_eq!(servers[0].uuid, "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa");
        assert!(servers_of(page.hypervisors.clone(), "idle")
            .expect("found")
            .is_empty());
        let e = servers_of(page.hypervisors, "fake").unwrap_err();
        assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    }
}
