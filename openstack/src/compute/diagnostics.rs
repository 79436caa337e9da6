//! Server diagnostics (admin): `GET /servers/{server_id}/diagnostics`, in
//! the standard format of 2.48+. Drivers leave out what they cannot
//! measure (Nova sends `null`), so every figure is optional.

use super::{call, item_path, null_default};
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// What the hypervisor says about a running server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerDiagnostics {
    /// `running`, `paused`, `shutdown`…
    #[serde(default)]
    pub state: Option<String>,
    /// `libvirt`, `xenapi`, `vmwareapi`, `ironic`…
    #[serde(default)]
    pub driver: Option<String>,
    /// `kvm`, `qemu`…
    #[serde(default)]
    pub hypervisor: Option<String>,
    #[serde(default)]
    pub hypervisor_os: Option<String>,
    /// Seconds since the server started.
    #[serde(default)]
    pub uptime: Option<u64>,
    #[serde(default)]
    pub config_drive: Option<bool>,
    #[serde(default)]
    pub num_cpus: Option<u64>,
    #[serde(default)]
    pub num_disks: Option<u64>,
    #[serde(default)]
    pub num_nics: Option<u64>,
    #[serde(default)]
    pub memory_details: Option<MemoryDetails>,
    #[serde(default, deserialize_with = "null_default")]
    pub cpu_details: Vec<CpuDetails>,
    #[serde(default, deserialize_with = "null_default")]
    pub nic_details: Vec<NicDetails>,
    #[serde(default, deserialize_with = "null_default")]
    pub disk_details: Vec<DiskDetails>,
    /// The guest's CPU topology. Not in Nova: the demo cloud adds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu_topology: Option<CpuTopology>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryDetails {
    #[serde(default)]
    pub maximum: Option<u64>,
    #[serde(default)]
    pub used: Option<u64>,
}

/// One vCPU.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpuDetails {
    #[serde(default)]
    pub id: Option<u64>,
    /// CPU time, nanoseconds.
    #[serde(default)]
    pub time: Option<u64>,
    /// Percent.
    #[serde(default)]
    pub utilisation: Option<u64>,
}

/// One virtual NIC.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NicDetails {
    #[serde(default)]
    pub mac_address: Option<String>,
    #[serde(default)]
    pub rx_octets: Option<u64>,
    #[serde(default)]
    pub rx_errors: Option<u64>,
    #[serde(default)]
    pub rx_drop: Option<u64>,
    #[serde(default)]
    pub rx_packets: Option<u64>,
    #[serde(default)]
    pub rx_rate: Option<u64>,
    #[serde(default)]
    pub tx_octets: Option<u64>,
    #[serde(default)]
    pub tx_errors: Option<u64>,
    #[serde(default)]
    pub tx_drop: Option<u64>,
    #[serde(default)]
    pub tx_packets: Option<u64>,
    #[serde(default)]
    pub tx_rate: Option<u64>,
}

/// One virtual disk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskDetails {
    #[serde(default)]
    pub read_bytes: Option<u64>,
    #[serde(default)]
    pub read_requests: Option<u64>,
    #[serde(default)]
    pub write_bytes: Option<u64>,
    #[serde(default)]
    pub write_requests: Option<u64>,
    /// libvirt reports -1 when it cannot count errors.
    #[serde(default)]
    pub errors_count: Option<i64>,
}

/// Sockets × cores × threads = vCPUs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpuTopology {
    #[serde(default, deserialize_with = "null_default")]
    pub sockets: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub cores: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub threads: u64,
}

/// `GET /servers/{server_id}/diagnostics` (admin). Nova answers 409 while
/// the server is building or otherwise not on a hypervisor.
pub async fn get_server_diagnostics(
    session: &Session,
    server_id: &str,
) -> Result<ServerDiagnostics> {
    let path = format!("{}/diagnostics", item_path("/servers", server_id));
    call(session, Method::GET, &path).fetch().await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 2.48 sample of the Nova API reference.
    const SAMPLE: &str = r#"{
        "config_drive": true,
        "cpu_details": [{"id": 0, "time": 17300000000, "utilisation": 15}],
        "disk_details": [{"errors_count": 1, "read_bytes": 262144, "read_requests": 112,
            "write_bytes": 5778432, "write_requests": 488}],
        "driver": "libvirt",
        "hypervisor": "kvm",
        "hypervisor_os": "ubuntu",
        "memory_details": {"maximum": 524288, "used": 0},
        "nic_details": [{"mac_address": "01:23:45:67:89:ab", "rx_drop": 200, "rx_errors": 100,
            "rx_octets": 2070139, "rx_packets": 26701, "rx_rate": 300, "tx_drop": 500,
            "tx_errors": 400, "tx_octets": 140208, "tx_packets": 662, "tx_rate": 600}],
        "num_cpus": 1,
        "num_disks": 1,
        "num_nics": 1,
        "state": "running",
        "uptime": 46664
    }"#;

    #[test]
    fn decodes_the_2_48_sample() {
        let d: ServerDiagnostics = serde_json::from_str(SAMPLE).expect("decodes");
        assert_eq!(d.state.as_deref(), Some("running"));
        assert_eq!(d.driver.as_deref(), Some("libvirt"));
        assert_eq!(
            (d.num_cpus, d.num_disks, d.num_nics),
            (Some(1), Some(1), Some(1))
        );
        assert_eq!(d.uptime, Some(46664));
        assert_eq!(d.config_drive, Some(true));
        assert_eq!(
            d.memory_details,
            Some(MemoryDetails {
                maximum: Some(524288),
                used: Some(0)
            })
        );
        assert_eq!(d.cpu_details[0].time, Some(17300000000));
        assert_eq!(
            d.nic_details[0].mac_address.as_deref(),
            Some("01:23:45:67:89:ab")
        );
        assert_eq!(d.disk_details[0].write_bytes, Some(5778432));
        assert_eq!(d.cpu_topology, None);
    }

    #[test]
    fn decodes_nulls_and_the_demo_cloud_topology() {
        let d: ServerDiagnostics = serde_json::from_str(
            r#"{"state": "running", "driver": "libvirt", "uptime": null, "num_cpus": 8,
                "memory_details": {"maximum": null, "used": null}, "cpu_details": null,
                "disk_details": [{"errors_count": -1, "read_bytes": null}],
                "cpu_topology": {"sockets": 2, "cores": 4, "threads": 1}}"#,
        )
        .expect("decodes");
        assert_eq!(d.uptime, None);
        assert!(d.cpu_details.is_empty());
        assert_eq!(d.disk_details[0].errors_count, Some(-1));
        assert_eq!(
            d.cpu_topology,
            Some(CpuTopology {
                sockets: 2,
                cores: 4,
                threads: 1
            })
        );
    }
}
