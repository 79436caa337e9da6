//! Usage: `GET /os-simple-tenant-usage/{tenant_id}`.

use super::{call, item_path, next_marker, null_default, Link, MAX_PAGES};
use crate::error::{Error, Result};
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// What a project used over a period: hours its servers ran, and those
/// hours times their vCPUs, RAM (MiB) and disk (GiB). A project without
/// usage has zero totals and no servers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TenantUsage {
    #[serde(default, deserialize_with = "null_default")]
    pub total_hours: f64,
    #[serde(default, deserialize_with = "null_default")]
    pub total_vcpus_usage: f64,
    #[serde(default, deserialize_with = "null_default")]
    pub total_memory_mb_usage: f64,
    #[serde(default, deserialize_with = "null_default")]
    pub total_local_gb_usage: f64,
    #[serde(default, deserialize_with = "null_default")]
    pub server_usages: Vec<ServerUsage>,
}

/// One server's part of a [`TenantUsage`]. Deleted servers count too, with
/// `state` `terminated` and an `ended_at`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ServerUsage {
    #[serde(default, deserialize_with = "null_default")]
    pub instance_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Hours of the period the server ran.
    #[serde(default, deserialize_with = "null_default")]
    pub hours: f64,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub memory_mb: u64,
    /// Root plus ephemeral disk, GiB.
    #[serde(default, deserialize_with = "null_default")]
    pub local_gb: u64,
    /// The flavor's name (`""` when the flavor is gone).
    #[serde(default, deserialize_with = "null_default")]
    pub flavor: String,
    /// The vm state (`active`, `stopped`…) or `terminated`.
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub started_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Seconds from the start until it ended, or until now.
    #[serde(default, deserialize_with = "null_default")]
    pub uptime: i64,
}

impl TenantUsage {
    /// Adds a page: Nova's totals cover only the servers of their page.
    fn absorb(&mut self, page: TenantUsage) {
        self.total_hours += page.total_hours;
        self.total_vcpus_usage += page.total_vcpus_usage;
        self.total_memory_mb_usage += page.total_memory_mb_usage;
        self.total_local_gb_usage += page.total_local_gb_usage;
        self.server_usages.extend(page.server_usages);
    }
}

/// The time format Nova takes for `start` and `end`.
fn query_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// `GET /os-simple-tenant-usage/{project_id}`: the project's usage between
/// `start` and `end` (one's own project, or any for admins), following
/// `tenant_usage_links` and adding up the pages.
pub async fn get_tenant_usage(
    session: &Session,
    project_id: &str,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<TenantUsage> {
    #[derive(Deserialize)]
    struct Page {
        #[serde(default, deserialize_with = "null_default")]
        tenant_usage: TenantUsage,
        #[serde(default, deserialize_with = "null_default")]
        tenant_usage_links: Vec<Link>,
    }
    let path = item_path("/os-simple-tenant-usage", project_id);
    let (start, end) = (query_time(start), query_time(end));
    let mut usage = TenantUsage::default();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut c = call(session, Method::GET, &path).query(&[("start", &start), ("end", &end)]);
        if let Some(m) = &marker {
            c = c.query(&[("marker", m)]);
        }
        let page: Page = c.fetch().await?;
        usage.absorb(page.tenant_usage);
        match next_marker(&page.tenant_usage_links) {
            Some(next) if marker.as_deref() != Some(next.as_str()) => marker = Some(next),
            _ => return Ok(usage),
        }
    }
    Err(Error::decode(
        &session.endpoint(super::SERVICE_TYPE)?,
        format!("the usage gave more than {MAX_PAGES} pages"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn decodes_nova_usage() {
        let u: TenantUsage = serde_json::from_str(
            r#"{"server_usages": [{"ended_at": null, "flavor": "m1.tiny", "hours": 1.0,
                "instance_id": "1f1deceb-17b5-4c04-84c7-e0d4499c8fe0", "local_gb": 1,
                "memory_mb": 512, "name": "instance-2",
                "started_at": "2012-10-08T20:10:44.541277", "state": "active",
                "tenant_id": "6f70656e737461636b20342065766572", "uptime": 3600, "vcpus": 1}],
                "start": "2012-10-08T20:10:44.587336", "stop": "2012-10-08T21:10:44.587336",
                "tenant_id": "6f70656e737461636b20342065766572", "total_hours": 1.0,
                "total_local_gb_usage": 1.0, "total_memory_mb_usage": 512.0,
                "total_vcpus_usage": 1.0}"#,
        )
        .expect("decodes");
        assert_eq!(u.total_memory_mb_usage, 512.0);
        let s = &u.server_usages[0];
        assert_eq!(
            (s.vcpus, s.memory_mb, s.local_gb, s.uptime),
            (1, 512, 1, 3600)
        );
        assert_eq!(s.ended_at, None);
        assert_eq!(
            s.started_at.map(|t| t.timestamp()),
            Some(
                Utc.with_ymd_and_hms(2012, 10, 8, 20, 10, 44)
                    .unwrap()
                    .timestamp()
            )
        );
        // A project without usage is `{}`; missing sizes and nulls are zero.
        let empty: TenantUsage = serde_json::from_str("{}").expect("empty");
        assert_eq!(empty, TenantUsage::default());
        let s: ServerUsage =
            serde_json::from_str(r#"{"instance_id": "x", "hours": null, "name": null}"#)
                .expect("lenient");
        assert_eq!((s.hours, s.vcpus, s.name.as_str()), (0.0, 0, ""));
    }

    #[test]
    fn pages_add_up() {
        let page = |hours: f64, id: &str| TenantUsage {
            total_hours: hours,
            total_vcpus_usage: 2.0 * hours,
            total_memory_mb_usage: 0.0,
            total_local_gb_usage: 0.0,
            server_usages: vec![ServerUsage {
                instance_id: id.into(),
                hours,
                ..Default::default()
            }],
        };
        let mut u = TenantUsage::default();
        u.absorb(page(1.0, "a"));
        u.absorb(page(0.5, "b"));
        u.absorb(TenantUsage::default());
        assert_eq!((u.total_hours, u.total_vcpus_usage), (1.5, 3.0));
        assert_eq!(u.server_usages.len(), 2);
    }

    #[test]
    fn query_times_have_no_zone() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        assert_eq!(query_time(t), "2026-11-01T00:00:00");
    }
}
