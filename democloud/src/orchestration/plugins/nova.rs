//! OS::Nova::Server, OS::Nova::KeyPair and OS::Nova::ServerGroup.

use std::time::Duration;

use base64::Engine as _;
use serde_json::{json, Map, Value};

use super::{attributes, neutron, pick, text, Ctx, Failure, Outcome, Started};

const COMPUTE: &str = "/compute/v2.1";
const POLL: Duration = Duration::from_millis(200);
/// How long a server may take to be deleted before Heat gives up.
const DELETE_WAIT: Duration = Duration::from_secs(60);

pub async fn find_flavor(ctx: &Ctx<'_>, flavor: &str) -> Outcome<String> {
    let path = format!("{COMPUTE}/flavors/{}", crate::http::encode_path(flavor));
    if let Ok(found) = ctx.cloud.get(&path).await {
        if let Some(id) = found["flavor"]["id"].as_str() {
            return Ok(id.to_owned());
        }
    }
    let all = ctx.cloud.get(&format!("{COMPUTE}/flavors/detail")).await?;
    all["flavors"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["name"] == flavor)
        .and_then(|f| f["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            Failure::new(
                "StackValidationFailed",
                format!("Error validating value '{flavor}': The Flavor ID ({flavor}) could not be found."),
            )
        })
}

pub async fn find_image(ctx: &Ctx<'_>, image: &str) -> Outcome<String> {
    let path = format!("/image/v2/images/{}", crate::http::encode_path(image));
    if let Ok(found) = ctx.cloud.get(&path).await {
        if let Some(id) = found["id"].as_str() {
            return Ok(id.to_owned());
        }
    }
    let query = format!("/image/v2/images?name={}", crate::http::encode_path(image));
    let named = ctx.cloud.get(&query).await?;
    named["images"]
        .as_array()
        .and_then(|l| l.first())
        .and_then(|i| i["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            Failure::new(
                "StackValidationFailed",
                format!(
                    "Error validating value '{image}': The Image ({image}) could not be found."
                ),
            )
        })
}

pub async fn create_server(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let flavor = text(props, "flavor").unwrap_or_default();
    let mut server = Map::new();
    server.insert(
        "name".into(),
        json!(text(props, "name").unwrap_or(&ctx.physical_name)),
    );
    server.insert("flavorRef".into(), json!(find_flavor(ctx, flavor).await?));
    if let Some(image) = text(props, "image") {
        server.insert("imageRef".into(), json!(find_image(ctx, image).await?));
    }
    server.extend(pick(
        props,
        &[
            "key_name",
            "metadata",
            "availability_zone",
            "config_drive",
            "tags",
        ],
    ));
    if server.get("key_name").and_then(Value::as_str) == Some("") {
        server.remove("key_name");
    }
    if let Some(user_data) = text(props, "user_data") {
        let encoded = base64::engine::general_purpose::STANDARD.encode(user_data);
        server.insert("user_data".into(), json!(encoded));
    }
    if let Some(Value::Array(groups)) = props.get("security_groups") {
        let groups: Vec<Value> = groups
            .iter()
            .filter_map(Value::as_str)
            .map(|g| json!({"name": g}))
            .collect();
        if !groups.is_empty() {
            server.insert("security_groups".into(), Value::Array(groups));
        }
    }
    if let Some(Value::Array(nets)) = props.get("networks") {
        let mut requested = Vec::new();
        for net in nets {
            let mut entry = Map::new();
            if let Some(port) = net
                .get("port")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                entry.insert("port".into(), json!(port));
            } else if let Some(n) = net
                .get("network")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                entry.insert(
                    "uuid".into(),
                    json!(neutron::find(ctx, "networks", n).await?),
                );
            }
            if let Some(ip) = net
                .get("fixed_ip")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                entry.insert("fixed_ip".into(), json!(ip));
            }
            if !entry.is_empty() {
                requested.push(Value::Object(entry));
            }
        }
        if !requested.is_empty() {
            server.insert("networks".into(), Value::Array(requested));
        }
    }
    let mut body = json!({"server": server});
    if let Some(hints) = props.get("scheduler_hints").filter(|h| h.is_object()) {
        body["os:scheduler_hints"] = hints.clone();
    }
    let created = ctx.cloud.post(&format!("{COMPUTE}/servers"), &body).await?;
    let id = created["server"]["id"]
        .as_str()
        .ok_or_else(|| Failure::new("Error", "Nova answered without a server id"))?;
    Ok(Started::new(id, json!({})))
}

/// Polls until the server is ACTIVE (or ERROR, which fails).
pub async fn wait_server(ctx: &Ctx<'_>, id: &str, data: &Value) -> Outcome<Value> {
    wait_status(ctx, id, "ACTIVE")
        .await
        .map(|s| attributes(data.clone(), server_attributes(&s)))
}

async fn wait_status(ctx: &Ctx<'_>, id: &str, want: &str) -> Outcome<Value> {
    loop {
        let found = ctx.cloud.get(&format!("{COMPUTE}/servers/{id}")).await?;
        let server = &found["server"];
        match server["status"].as_str() {
            Some(s) if s == want => return Ok(server.clone()),
            Some("ERROR") => {
                let fault = &server["fault"];
                return Err(Failure::new(
                    "ResourceInError",
                    format!(
                        "Went to status ERROR due to \"Message: {}, Code: {}\"",
                        fault["message"].as_str().unwrap_or("Unknown"),
                        fault["code"].as_i64().unwrap_or(500)
                    ),
                ));
            }
            _ => tokio::time::sleep(POLL).await,
        }
    }
}

/// Heat's server attributes, from Nova's server body.
fn server_attributes(server: &Value) -> Value {
    let mut networks = Map::new();
    let mut first_address = Value::String(String::new());
    if let Some(addresses) = server["addresses"].as_object() {
        for (net, addrs) in addresses {
            let ips: Vec<Value> = addrs
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a["addr"].as_str().map(|s| json!(s)))
                .collect();
            if first_address == "" {
                if let Some(ip) = ips.first() {
                    first_address = ip.clone();
                }
            }
            networks.insert(net.clone(), Value::Array(ips));
        }
    }
    json!({
        "name": server["name"],
        "first_address": first_address,
        "networks": networks,
        "addresses": server["addresses"],
        "accessIPv4": server["accessIPv4"],
        "accessIPv6": server["accessIPv6"],
        "instance_name": server["OS-EXT-SRV-ATTR:instance_name"],
        "console_urls": {},
        "os_collect_config": {},
        "show": server,
    })
}

pub async fn delete_server(ctx: &Ctx<'_>, id: &str) -> Outcome<()> {
    let path = format!("{COMPUTE}/servers/{id}");
    ctx.cloud.delete(&path).await?;
    let deadline = tokio::time::Instant::now() + DELETE_WAIT;
    loop {
        match ctx.cloud.get(&path).await {
            Err(e) if e.is_not_found() => return Ok(()),
            Err(e) => return Err(e.into()),
            Ok(s) if s["server"]["status"] == "DELETED" => return Ok(()),
            Ok(_) if tokio::time::Instant::now() > deadline => {
                return Err(Failure::new("Error", "Server did not go away in time"))
            }
            Ok(_) => tokio::time::sleep(POLL).await,
        }
    }
}

pub async fn check_server(ctx: &Ctx<'_>, id: &str) -> Outcome<()> {
    let found = ctx.cloud.get(&format!("{COMPUTE}/servers/{id}")).await?;
    match found["server"]["status"].as_str() {
        Some("ACTIVE") => Ok(()),
        other => Err(Failure::new(
            "Error",
            format!(
                "['status': expected 'ACTIVE', got '{}']",
                other.unwrap_or("UNKNOWN")
            ),
        )),
    }
}

pub async fn check_path(ctx: &Ctx<'_>, path: &str) -> Outcome<()> {
    ctx.cloud.get(&format!("{COMPUTE}{path}")).await?;
    Ok(())
}

pub async fn suspend_server(ctx: &Ctx<'_>, id: &str, suspend: bool) -> Outcome<()> {
    let (action, want) = if suspend {
        ("suspend", "SUSPENDED")
    } else {
        ("resume", "ACTIVE")
    };
    let path = format!("{COMPUTE}/servers/{id}/action");
    ctx.cloud.post(&path, &json!({action: null})).await?;
    wait_status(ctx, id, want).await.map(|_| ())
}

pub async fn update_server(ctx: &Ctx<'_>, id: &str, props: &Map<String, Value>) -> Outcome<Value> {
    let path = format!("{COMPUTE}/servers/{id}");
    if let Some(name) = text(props, "name") {
        ctx.cloud
            .put(&path, &json!({"server": {"name": name}}))
            .await?;
    }
    if let Some(meta) = props.get("metadata").filter(|m| m.is_object()) {
        ctx.cloud
            .put(&format!("{path}/metadata"), &json!({"metadata": meta}))
            .await?;
    }
    wait_server(ctx, id, &json!({})).await
}

pub async fn create_keypair(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let name = text(props, "name").unwrap_or(&ctx.physical_name).to_owned();
    let mut keypair = pick(props, &["public_key", "type"]);
    keypair.insert("name".into(), json!(name));
    let created = ctx
        .cloud
        .post(
            &format!("{COMPUTE}/os-keypairs"),
            &json!({"keypair": keypair}),
        )
        .await?;
    let k = &created["keypair"];
    let save = props
        .get("save_private_key")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let private = if save {
        k["private_key"].clone()
    } else {
        json!("")
    };
    let attrs = json!({"public_key": k["public_key"], "private_key": private, "show": k});
    Ok(Started::new(name, attributes(json!({}), attrs)))
}

pub async fn delete_keypair(ctx: &Ctx<'_>, name: &str) -> Outcome<()> {
    let path = format!("{COMPUTE}/os-keypairs/{}", crate::http::encode_path(name));
    Ok(ctx.cloud.delete(&path).await?)
}

pub async fn create_server_group(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let name = text(props, "name").unwrap_or(&ctx.physical_name).to_owned();
    let policies = props
        .get("policies")
        .cloned()
        .unwrap_or_else(|| json!(["anti-affinity"]));
    let body = json!({"server_group": {"name": name, "policies": policies}});
    let created = ctx
        .cloud
        .post(&format!("{COMPUTE}/os-server-groups"), &body)
        .await?;
    let group = &created["server_group"];
    let id = group["id"]
        .as_str()
        .ok_or_else(|| Failure::new("Error", "Nova answered without a server group id"))?;
    Ok(Started::new(
        id,
        attributes(json!({}), json!({"show": group})),
    ))
}

pub async fn delete_server_group(ctx: &Ctx<'_>, id: &str) -> Outcome<()> {
    Ok(ctx
        .cloud
        .delete(&format!("{COMPUTE}/os-server-groups/{id}"))
        .await?)
}
