//! Servers: `/servers`, `/servers/detail`, `/servers/{server_id}`.

use super::{base64_encode, call, item_path, next_marker, null_default, Link, MAX_PAGES};
use crate::error::{Error, Result};
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A server as `GET /servers/detail` and `GET /servers/{server_id}` show it
/// (microversion 2.79).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Server {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `ACTIVE`, `BUILD`, `SHUTOFF`, `ERROR`…
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    #[serde(default, rename = "OS-EXT-STS:vm_state")]
    pub vm_state: Option<String>,
    #[serde(default, rename = "OS-EXT-STS:task_state")]
    pub task_state: Option<String>,
    /// 0 NOSTATE, 1 RUNNING, 3 PAUSED, 4 SHUTDOWN, 6 CRASHED, 7 SUSPENDED.
    #[serde(default, rename = "OS-EXT-STS:power_state")]
    pub power_state: Option<i64>,
    #[serde(default, rename = "OS-EXT-AZ:availability_zone")]
    pub availability_zone: Option<String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated: Option<DateTime<Utc>>,
    #[serde(
        default,
        rename = "OS-SRV-USG:launched_at",
        deserialize_with = "crate::time::deserialize_option"
    )]
    pub launched_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "null_default")]
    pub flavor: ServerFlavor,
    /// The image id, or `""` when the server booted from a volume.
    #[serde(
        default,
        deserialize_with = "deserialize_image",
        serialize_with = "serialize_image"
    )]
    pub image: String,
    #[serde(default)]
    pub key_name: Option<String>,
    /// Network name → addresses on it.
    #[serde(default, deserialize_with = "null_default")]
    pub addresses: BTreeMap<String, Vec<Address>>,
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub locked: bool,
    #[serde(default)]
    pub locked_reason: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub tenant_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    #[serde(default, rename = "hostId", deserialize_with = "null_default")]
    pub host_id: String,
    /// The compute host; only admins see it.
    #[serde(default, rename = "OS-EXT-SRV-ATTR:host")]
    pub host: Option<String>,
    /// Admins only.
    #[serde(default, rename = "OS-EXT-SRV-ATTR:hypervisor_hostname")]
    pub hypervisor_hostname: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub security_groups: Vec<SecurityGroupRef>,
    #[serde(default)]
    pub progress: Option<i64>,
    /// Why the server is in ERROR, when Nova knows.
    #[serde(default)]
    pub fault: Option<ServerFault>,
}

/// A server's `fault`: the error that put it in ERROR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerFault {
    #[serde(default)]
    pub code: Option<i64>,
    #[serde(default, deserialize_with = "null_default")]
    pub message: String,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created: Option<DateTime<Utc>>,
}

impl Server {
    /// Whether the server booted from a volume (it then has no image).
    pub fn is_volume_backed(&self) -> bool {
        self.image.is_empty()
    }
}

/// Nova's `image`: `""` (boot from volume) or `{"id": …, "links": […]}`.
fn deserialize_image<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => s,
        Some(Value::Object(o)) => o
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => String::new(),
    })
}

fn serialize_image<S: Serializer>(image: &str, s: S) -> std::result::Result<S::Ok, S::Error> {
    if image.is_empty() {
        s.serialize_str("")
    } else {
        json!({ "id": image }).serialize(s)
    }
}

/// The flavor embedded in a server (2.47+). Before 2.47 only `id` is set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerFlavor {
    /// Only before microversion 2.47.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub original_name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub vcpus: u64,
    /// MiB.
    #[serde(default, deserialize_with = "null_default")]
    pub ram: u64,
    /// GiB.
    #[serde(default, deserialize_with = "null_default")]
    pub disk: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub ephemeral: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub swap: u64,
    #[serde(default, deserialize_with = "null_default")]
    pub extra_specs: BTreeMap<String, String>,
}

/// One address of a server on a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    pub addr: String,
    #[serde(default)]
    pub version: u8,
    /// `fixed` or `floating`.
    #[serde(default, rename = "OS-EXT-IPS:type")]
    pub ip_type: Option<String>,
    #[serde(default, rename = "OS-EXT-IPS-MAC:mac_addr")]
    pub mac_addr: Option<String>,
}

/// A security group as a server lists it (by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityGroupRef {
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
}

/// Query parameters of [`list_servers`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ServerFilter {
    /// A regular expression matched against the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(
        rename = "changes-since",
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_time"
    )]
    pub changes_since: Option<DateTime<Utc>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_key: Option<String>,
    /// `asc` or `desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_dir: Option<String>,
    /// Admins: the servers of every project, not just the current one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub all_tenants: bool,
    /// Admins, with `all_tenants`: only this project's servers (Nova
    /// ignores it otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// Only servers of this flavor (its ID).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flavor: Option<String>,
}

fn serialize_time<S: Serializer>(
    t: &Option<DateTime<Utc>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        None => s.serialize_none(),
    }
}

#[derive(Deserialize)]
struct ServersPage {
    servers: Vec<Server>,
    #[serde(default, deserialize_with = "null_default")]
    servers_links: Vec<Link>,
}

#[derive(Deserialize)]
struct ServerBody {
    server: Server,
}

/// One page of `GET /servers/detail`, and the marker of the next page
/// (from `servers_links`) when there is one.
pub async fn list_servers_page(
    session: &Session,
    filter: &ServerFilter,
) -> Result<(Vec<Server>, Option<String>)> {
    let page: ServersPage = call(session, Method::GET, "/servers/detail")
        .query(filter)
        .fetch()
        .await?;
    Ok((page.servers, next_marker(&page.servers_links)))
}

/// Every server matching `filter`, following the pages (`filter.limit` is
/// the page size).
pub async fn list_servers(session: &Session, filter: &ServerFilter) -> Result<Vec<Server>> {
    let mut filter = filter.clone();
    let mut servers = Vec::new();
    for _ in 0..MAX_PAGES {
        let (page, next) = list_servers_page(session, &filter).await?;
        servers.extend(page);
        match next {
            Some(marker) if filter.marker.as_deref() != Some(marker.as_str()) => {
                filter.marker = Some(marker)
            }
            _ => return Ok(servers),
        }
    }
    Err(Error::decode(
        &session.endpoint(super::SERVICE_TYPE)?,
        format!("the server list gave more than {MAX_PAGES} pages; use a filter"),
    ))
}

/// `GET /servers/{server_id}`.
pub async fn get_server(session: &Session, server_id: &str) -> Result<Server> {
    let body: ServerBody = call(session, Method::GET, &item_path("/servers", server_id))
        .fetch()
        .await?;
    Ok(body.server)
}

/// Which networks a new server gets (required from 2.37 on).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Networks {
    /// No network at all (`"none"`).
    None,
    /// Nova picks or creates the project's network (`"auto"`).
    #[default]
    Auto,
    /// These networks, ports or fixed IPs.
    List(Vec<NetworkRef>),
}

impl Serialize for Networks {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Networks::None => s.serialize_str("none"),
            Networks::Auto => s.serialize_str("auto"),
            Networks::List(list) => list.serialize(s),
        }
    }
}

/// One entry of `networks`: a network `uuid`, a `port`, optionally a
/// `fixed_ip` and a device `tag`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NetworkRef {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl NetworkRef {
    /// A network by id.
    pub fn network(uuid: impl Into<String>) -> NetworkRef {
        NetworkRef {
            uuid: Some(uuid.into()),
            ..Default::default()
        }
    }

    /// An existing port by id.
    pub fn port(port: impl Into<String>) -> NetworkRef {
        NetworkRef {
            port: Some(port.into()),
            ..Default::default()
        }
    }
}

/// What [`create_server`] sends. `user_data` is raw bytes; the client
/// base64-encodes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServerCreate {
    pub name: String,
    pub flavor_ref: String,
    /// `None` when booting from a volume (not supported here yet).
    pub image_ref: Option<String>,
    pub key_name: Option<String>,
    pub availability_zone: Option<String>,
    pub networks: Networks,
    /// Security group names; empty means the project's `default`.
    pub security_groups: Vec<String>,
    pub user_data: Option<Vec<u8>>,
    pub metadata: BTreeMap<String, String>,
    pub description: Option<String>,
    pub min_count: Option<u32>,
    pub max_count: Option<u32>,
}

impl ServerCreate {
    /// The `POST /servers` body.
    pub fn to_body(&self) -> Value {
        let mut s = Map::new();
        s.insert("name".into(), json!(self.name));
        s.insert("flavorRef".into(), json!(self.flavor_ref));
        if let Some(image) = &self.image_ref {
            s.insert("imageRef".into(), json!(image));
        }
        if let Some(k) = &self.key_name {
            s.insert("key_name".into(), json!(k));
        }
        if let Some(az) = &self.availability_zone {
            s.insert("availability_zone".into(), json!(az));
        }
        s.insert("networks".into(), json!(self.networks));
        if !self.security_groups.is_empty() {
            let groups: Vec<Value> = self
                .security_groups
                .iter()
                .map(|name| json!({ "name": name }))
                .collect();
            s.insert("security_groups".into(), Value::Array(groups));
        }
        if let Some(data) = &self.user_data {
            s.insert("user_data".into(), json!(base64_encode(data)));
        }
        if !self.metadata.is_empty() {
            s.insert("metadata".into(), json!(self.metadata));
        }
        if let Some(d) = &self.description {
            s.insert("description".into(), json!(d));
        }
        if let Some(n) = self.min_count {
            s.insert("min_count".into(), json!(n));
        }
        if let Some(n) = self.max_count {
            s.insert("max_count".into(), json!(n));
        }
        json!({ "server": s })
    }
}

/// The answer to [`create_server`]: the (first) new server's id and, when
/// the cloud sets one, its admin password.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ServerCreated {
    pub id: String,
    #[serde(default, rename = "adminPass")]
    pub admin_pass: Option<crate::Secret>,
    #[serde(default, deserialize_with = "null_default")]
    pub security_groups: Vec<SecurityGroupRef>,
}

/// `POST /servers`. The server starts in `BUILD`; poll [`get_server`].
pub async fn create_server(session: &Session, create: &ServerCreate) -> Result<ServerCreated> {
    #[derive(Deserialize)]
    struct Body {
        server: ServerCreated,
    }
    let body: Body = call(session, Method::POST, "/servers")
        .json(&create.to_body())
        .fetch()
        .await?;
    Ok(body.server)
}

/// What [`update_server`] changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ServerUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `Some(None)` clears the description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
}

/// `PUT /servers/{server_id}` (rename, describe).
pub async fn update_server(
    session: &Session,
    server_id: &str,
    update: &ServerUpdate,
) -> Result<Server> {
    let body: ServerBody = call(session, Method::PUT, &item_path("/servers", server_id))
        .json(&json!({ "server": update }))
        .fetch()
        .await?;
    Ok(body.server)
}

/// `DELETE /servers/{server_id}`. Deletion is asynchronous: the server
/// may show `task_state: deleting` for a while.
pub async fn delete_server(session: &Session, server_id: &str) -> Result<()> {
    call(session, Method::DELETE, &item_path("/servers", server_id))
        .execute()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2.79 server as Nova (devstack) returns it to an admin.
    const SERVER: &str = r#"{"server": {
        "OS-DCF:diskConfig": "AUTO",
        "OS-EXT-AZ:availability_zone": "nova",
        "OS-EXT-SRV-ATTR:host": "compute",
        "OS-EXT-SRV-ATTR:hostname": "new-server-test",
        "OS-EXT-SRV-ATTR:hypervisor_hostname": "fake-mini",
        "OS-EXT-SRV-ATTR:instance_name": "instance-00000001",
        "OS-EXT-SRV-ATTR:kernel_id": "",
        "OS-EXT-SRV-ATTR:launch_index": 0,
        "OS-EXT-SRV-ATTR:ramdisk_id": "",
        "OS-EXT-SRV-ATTR:reservation_id": "r-y0w4v32k",
        "OS-EXT-SRV-ATTR:root_device_name": "/dev/sda",
        "OS-EXT-SRV-ATTR:user_data": "IyEvYmluL2Jhc2gKL2Jpbi9zdQplY2hvICJJIGFtIGluIHlvdSEiCg==",
        "OS-EXT-STS:power_state": 1,
        "OS-EXT-STS:task_state": null,
        "OS-EXT-STS:vm_state": "active",
        "OS-SRV-USG:launched_at": "2019-04-23T15:19:10.778356",
        "OS-SRV-USG:terminated_at": null,
        "accessIPv4": "1.2.3.4",
        "accessIPv6": "80fe::",
        "addresses": {
            "private": [
                {"OS-EXT-IPS-MAC:mac_addr": "aa:bb:cc:dd:ee:ff", "OS-EXT-IPS:type": "fixed",
                 "addr": "192.168.1.30", "version": 4},
                {"OS-EXT-IPS-MAC:mac_addr": "aa:bb:cc:dd:ee:ff", "OS-EXT-IPS:type": "floating",
                 "addr": "172.24.4.10", "version": 4},
                {"OS-EXT-IPS-MAC:mac_addr": "aa:bb:cc:dd:ee:ff", "OS-EXT-IPS:type": "fixed",
                 "addr": "fd00::1", "version": 6}
            ]
        },
        "config_drive": "",
        "created": "2019-04-23T15:19:09Z",
        "description": null,
        "flavor": {
            "disk": 1, "ephemeral": 0,
            "extra_specs": {"hw:cpu_policy": "dedicated", "hw:mem_page_size": "2048"},
            "original_name": "m1.tiny.specs", "ram": 512, "swap": 0, "vcpus": 1
        },
        "hostId": "2091634baaccdc4c5a1d57069c833e402921df696b7f970791b12ec6",
        "host_status": "UP",
        "id": "2ce4c5b3-2866-4972-93ce-77a2ea46a7f9",
        "image": {
            "id": "70a599e0-31e7-49b7-b260-868f441e862b",
            "links": [{"href": "http://openstack.example.com/6f70656e737461636b20342065766572/images/70a599e0-31e7-49b7-b260-868f441e862b", "rel": "bookmark"}]
        },
        "key_name": null,
        "links": [{"href": "http://openstack.example.com/v2.1/servers/2ce4c5b3", "rel": "self"}],
        "locked": true,
        "locked_reason": "I don't want to work",
        "metadata": {"My Server Name": "Apache1"},
        "os-extended-volumes:volumes_attached": [],
        "progress": 0,
        "security_groups": [{"name": "default"}],
        "status": "ACTIVE",
        "tags": ["tag1"],
        "tenant_id": "6f70656e737461636b20342065766572",
        "trusted_image_certificates": null,
        "updated": "2019-04-23T15:19:11Z",
        "user_id": "fake"
    }}"#;

    #[test]
    fn decodes_a_nova_2_79_server() {
        let s: ServerBody = serde_json::from_str(SERVER).expect("decodes");
        let s = s.server;
        assert_eq!(s.id, "2ce4c5b3-2866-4972-93ce-77a2ea46a7f9");
        assert_eq!(s.status, "ACTIVE");
        assert_eq!(s.vm_state.as_deref(), Some("active"));
        assert_eq!(s.task_state, None);
        assert_eq!(s.power_state, Some(1));
        assert_eq!(s.availability_zone.as_deref(), Some("nova"));
        assert_eq!(
            s.created.map(|t| t.to_rfc3339()).as_deref(),
            Some("2019-04-23T15:19:09+00:00")
        );
        assert!(s.updated.is_some());
        assert!(s.launched_at.is_some());
        assert_eq!(s.flavor.original_name, "m1.tiny.specs");
        assert_eq!((s.flavor.vcpus, s.flavor.ram, s.flavor.disk), (1, 512, 1));
        assert_eq!(
            s.flavor
                .extra_specs
                .get("hw:cpu_policy")
                .map(String::as_str),
            Some("dedicated")
        );
        assert_eq!(s.image, "70a599e0-31e7-49b7-b260-868f441e862b");
        assert!(!s.is_volume_backed());
        assert_eq!(s.key_name, None);
        let private = &s.addresses["private"];
        assert_eq!(private.len(), 3);
        assert_eq!(private[1].addr, "172.24.4.10");
        assert_eq!(private[1].ip_type.as_deref(), Some("floating"));
        assert_eq!(private[2].version, 6);
        assert_eq!(s.metadata["My Server Name"], "Apache1");
        assert_eq!(s.tags, ["tag1"]);
        assert!(s.locked);
        assert_eq!(s.locked_reason.as_deref(), Some("I don't want to work"));
        assert_eq!(s.tenant_id, "6f70656e737461636b20342065766572");
        assert_eq!(s.host.as_deref(), Some("compute"));
        assert_eq!(s.hypervisor_hostname.as_deref(), Some("fake-mini"));
        assert_eq!(s.user_id, "fake");
        assert_eq!(s.security_groups[0].name, "default");
        assert_eq!(s.description, None);
    }

    #[test]
    fn volume_backed_and_sparse_servers_decode() {
        let s: Server = serde_json::from_str(
            r#"{"id": "x", "name": "vol", "status": "BUILD", "image": "",
                "flavor": {"id": "1", "links": []}, "addresses": {}, "metadata": {},
                "tags": null, "security_groups": null, "OS-EXT-STS:task_state": "scheduling",
                "created": "2026-11-21T09:00:00Z", "updated": "2026-11-21T09:00:01Z"}"#,
        )
        .expect("decodes");
        assert!(s.is_volume_backed());
        assert_eq!(s.flavor.id.as_deref(), Some("1"));
        assert!(s.tags.is_empty() && s.security_groups.is_empty());
        assert_eq!(s.task_state.as_deref(), Some("scheduling"));
        let s: Server = serde_json::from_str(r#"{"id": "y"}"#).expect("minimal");
        assert_eq!(s.image, "");
        assert!(!s.locked);
    }

    #[test]
    fn filter_query_uses_nova_names() {
        let f = ServerFilter {
            name: Some("^web".into()),
            changes_since: crate::time::parse_time("2026-11-21T09:00:00Z"),
            limit: Some(10),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&f).expect("encodes"),
            json!({"name": "^web", "changes-since": "2026-11-21T09:00:00Z", "limit": 10})
        );
        let f = ServerFilter {
            all_tenants: true,
            project_id: Some("p1".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&f).expect("encodes"),
            json!({"all_tenants": true, "project_id": "p1"})
        );
    }

    #[test]
    fn create_body_encodes_user_data_and_networks() {
        let c = ServerCreate {
            name: "web".into(),
            flavor_ref: "2".into(),
            image_ref: Some("img".into()),
            key_name: Some("k".into()),
            networks: Networks::List(vec![NetworkRef::network("net-1"), NetworkRef::port("p")]),
            security_groups: vec!["default".into(), "web".into()],
            user_data: Some(b"#!/bin/sh\necho hi\n".to_vec()),
            metadata: BTreeMap::from([("role".to_owned(), "web".to_owned())]),
            min_count: Some(1),
            max_count: Some(2),
            ..Default::default()
        };
        assert_eq!(
            c.to_body(),
            json!({"server": {
                "name": "web", "flavorRef": "2", "imageRef": "img", "key_name": "k",
                "networks": [{"uuid": "net-1"}, {"port": "p"}],
                "security_groups": [{"name": "default"}, {"name": "web"}],
                "user_data": "IyEvYmluL3NoCmVjaG8gaGkK",
                "metadata": {"role": "web"}, "min_count": 1, "max_count": 2
            }})
        );
        let c = ServerCreate {
            name: "n".into(),
            flavor_ref: "1".into(),
            networks: Networks::None,
            ..Default::default()
        };
        assert_eq!(
            c.to_body(),
            json!({"server": {"name": "n", "flavorRef": "1", "networks": "none"}})
        );
        assert_eq!(json!(Networks::Auto), json!("auto"));
    }

    #[test]
    fn created_answer_hides_the_password() {
        let c: ServerCreated = serde_json::from_str(
            r#"{"id": "s1", "adminPass": "hunter2", "links": [], "OS-DCF:diskConfig": "MANUAL",
                "security_groups": [{"name": "default"}]}"#,
        )
        .expect("decodes");
        assert_eq!(c.admin_pass.as_ref().map(|p| p.expose()), Some("hunter2"));
        assert!(!format!("{c:?}").contains("hunter2"));
    }

    #[test]
    fn update_body() {
        let u = ServerUpdate {
            name: Some("renamed".into()),
            ..Default::default()
        };
        assert_eq!(
            json!({ "server": u }),
            json!({"server": {"name": "renamed"}})
        );
    }
}
