//! Back-end storage pools: `GET /scheduler-stats/get_pools?detail=true`
//! (admins only).

use super::{api_path, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use serde::{Deserialize, Deserializer, Serialize};

/// One pool, `host@backend#pool`, with its capacity in GiB.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pool {
    pub name: String,
    pub capabilities: PoolCapabilities,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PoolCapabilities {
    #[serde(deserialize_with = "capacity")]
    pub total_capacity_gb: Option<f64>,
    #[serde(deserialize_with = "capacity")]
    pub free_capacity_gb: Option<f64>,
    #[serde(deserialize_with = "capacity")]
    pub allocated_capacity_gb: Option<f64>,
    pub volume_backend_name: Option<String>,
    pub storage_protocol: Option<String>,
}

/// Drivers report a number, or `"infinite"`/`"unknown"` (kept as `None`).
fn capacity<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<f64>, D::Error> {
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.parse().ok(),
        _ => None,
    })
}

/// Every pool of every back end, with capabilities.
pub async fn list_pools(session: &Session) -> Result<Vec<Pool>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        pools: Vec<Pool>,
    }
    let path = api_path(session, "/scheduler-stats/get_pools")?;
    let body: Body = session
        .get_json_query(SERVICE_TYPE, &path, &[("detail", "true")])
        .await?;
    Ok(body.pools)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pools_with_odd_capacities() {
        let body = r#"{"pools": [
            {"name": "host1@lvm#lvm", "capabilities": {"total_capacity_gb": 1024.5,
             "free_capacity_gb": "infinite", "allocated_capacity_gb": 10,
             "volume_backend_name": "lvm", "storage_protocol": "iSCSI"}},
            {"name": "host2@ceph#rbd", "capabilities": {"total_capacity_gb": "unknown"}}
        ]}"#;
        #[derive(Deserialize)]
        struct Body {
            pools: Vec<Pool>,
        }
        let pools: Body = serde_json::from_str(body).expect("decodes");
        let p = &pools.pools[0].capabilities;
        assert_eq!(p.total_capacity_gb, Some(1024.5));
        assert_eq!(p.free_capacity_gb, None);
        assert_eq!(p.allocated_capacity_gb, Some(10.0));
        assert_eq!(pools.pools[1].capabilities.total_capacity_gb, None);
        assert_eq!(pools.pools[1].capabilities.volume_backend_name, None);
    }
}
