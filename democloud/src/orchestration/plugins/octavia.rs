//! OS::Octavia::* without an Octavia: the demo cloud has no load-balancer
//! service, so these live in Heat alone. The load balancer takes a real
//! Neutron port for its VIP, so its address is a real one on the subnet,
//! and a pool member's check fails once no port has its address (its
//! server is gone). Templates written for Octavia run unchanged.

use serde_json::{json, Map, Value};

use super::{attributes, neutron, pick, text, Ctx, Failure, Outcome, Started};

const NETWORK: &str = "/networking/v2.0";

pub async fn create_load_balancer(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let subnet = text(props, "vip_subnet").unwrap_or_default();
    let subnet_id = neutron::find(ctx, "subnets", subnet).await?;
    let found = ctx
        .cloud
        .get(&format!("{NETWORK}/subnets/{subnet_id}"))
        .await?;
    let network_id = found["subnet"]["network_id"].clone();
    let id = uuid::Uuid::new_v4().to_string();
    let mut fixed_ip = json!({"subnet_id": subnet_id});
    if let Some(addr) = text(props, "vip_address") {
        fixed_ip["ip_address"] = json!(addr);
    }
    let port = json!({"port": {
        "name": format!("octavia-lb-{id}"),
        "network_id": network_id,
        "fixed_ips": [fixed_ip],
        "device_owner": "Octavia",
        "device_id": format!("lb-{id}"),
    }});
    let created = ctx.cloud.post(&format!("{NETWORK}/ports"), &port).await?;
    let port = &created["port"];
    let vip_address = port["fixed_ips"][0]["ip_address"].clone();
    let name = text(props, "name").unwrap_or(&ctx.physical_name).to_owned();
    let show = json!({
        "id": id, "name": name, "vip_address": vip_address, "vip_port_id": port["id"],
        "vip_subnet_id": subnet_id, "vip_network_id": network_id,
        "provisioning_status": "ACTIVE", "operating_status": "ONLINE",
        "provider": text(props, "provider").unwrap_or("amphora"),
    });
    let attrs = json!({
        "vip_address": vip_address,
        "vip_port_id": port["id"],
        "vip_subnet_id": subnet_id,
        "pools": [],
        "listeners": [],
        "flavor_id": props.get("flavor").cloned().unwrap_or(Value::Null),
        "provisioning_status": "ACTIVE",
        "operating_status": "ONLINE",
        "show": show,
    });
    let data = attributes(json!({"vip_port_id": port["id"]}), attrs);
    Ok(Started::new(id, data))
}

pub async fn delete_load_balancer(ctx: &Ctx<'_>, data: &Value) -> Outcome<()> {
    match data["vip_port_id"].as_str() {
        Some(port) => Ok(ctx.cloud.delete(&format!("{NETWORK}/ports/{port}")).await?),
        None => Ok(()),
    }
}

/// Listeners, pools, members and health monitors: records with the
/// attributes Heat gives them.
pub async fn create_child(
    _ctx: &Ctx<'_>,
    type_name: &str,
    props: &Map<String, Value>,
) -> Outcome<Started> {
    let id = uuid::Uuid::new_v4().to_string();
    let mut show = pick(
        props,
        &[
            "name",
            "protocol",
            "protocol_port",
            "lb_algorithm",
            "address",
            "weight",
            "type",
            "delay",
            "timeout",
            "max_retries",
            "url_path",
            "expected_codes",
            "http_method",
            "admin_state_up",
            "connection_limit",
        ],
    );
    show.insert("id".into(), json!(id));
    show.insert("provisioning_status".into(), json!("ACTIVE"));
    show.insert("operating_status".into(), json!("ONLINE"));
    let reference = |key: &str| props.get(key).cloned().unwrap_or(Value::Null);
    let attrs = match type_name {
        "OS::Octavia::Listener" => json!({
            "loadbalancers": [reference("loadbalancer")],
            "default_pool_id": reference("default_pool"),
        }),
        "OS::Octavia::Pool" => json!({
            "listeners": [reference("listener")],
            "members": [],
            "healthmonitor_id": null,
        }),
        "OS::Octavia::PoolMember" => {
            let address = text(props, "address").unwrap_or_default();
            if address.is_empty() {
                return Err(Failure::new(
                    "StackValidationFailed",
                    "Property address not assigned",
                ));
            }
            json!({"address": address, "pool_id": reference("pool"), "operating_status": "ONLINE"})
        }
        _ => json!({"pools": [reference("pool")]}),
    };
    let mut attrs = attrs.as_object().cloned().unwrap_or_default();
    attrs.insert("show".into(), Value::Object(show));
    let data = json!({"address": props.get("address")});
    Ok(Started::new(id, attributes(data, Value::Object(attrs))))
}

/// A member is healthy while some port (a server's) holds its address.
pub async fn check_member(ctx: &Ctx<'_>, data: &Value) -> Outcome<()> {
    let Some(address) = data["address"].as_str() else {
        return Ok(());
    };
    let ports = ctx.cloud.get(&format!("{NETWORK}/ports")).await?;
    let held = ports["ports"].as_array().into_iter().flatten().any(|p| {
        p["fixed_ips"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|ip| ip["ip_address"] == address)
    });
    if held {
        Ok(())
    } else {
        Err(Failure::new(
            "Error",
            format!("Member {address} is offline: no port holds the address"),
        ))
    }
}
