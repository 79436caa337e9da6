//! The OS::Neutron::* resource types.

use serde_json::{json, Map, Value};

use super::{attributes, pick, text, Ctx, Failure, Outcome, Started};
use crate::http::encode_path;

const NETWORK: &str = "/networking/v2.0";

/// (collection path, body key) of a type.
fn kind(type_name: &str) -> Option<(&'static str, &'static str)> {
    Some(match type_name {
        "OS::Neutron::Net" => ("networks", "network"),
        "OS::Neutron::Subnet" => ("subnets", "subnet"),
        "OS::Neutron::Port" => ("ports", "port"),
        "OS::Neutron::SecurityGroup" => ("security-groups", "security_group"),
        "OS::Neutron::SecurityGroupRule" => ("security-group-rules", "security_group_rule"),
        "OS::Neutron::FloatingIP" => ("floatingips", "floatingip"),
        _ => return None,
    })
}

/// Heat's name-or-id lookup: an id wins, then exactly one name match.
pub async fn find(ctx: &Ctx<'_>, collection: &str, name_or_id: &str) -> Outcome<String> {
    let singular = match collection {
        "security-groups" => "security_group",
        c => c.trim_end_matches('s'),
    };
    let by_id = format!("{NETWORK}/{collection}/{}", encode_path(name_or_id));
    if let Ok(found) = ctx.cloud.get(&by_id).await {
        if let Some(id) = found[singular]["id"].as_str() {
            return Ok(id.to_owned());
        }
    }
    let listing = ctx
        .cloud
        .get(&format!(
            "{NETWORK}/{collection}?name={}",
            encode_path(name_or_id)
        ))
        .await?;
    let key = collection.replace('-', "_");
    let matches: Vec<&str> = listing[key.as_str()]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|n| n["id"].as_str())
        .collect();
    let label = singular.replace('_', " ");
    match matches.as_slice() {
        [one] => Ok((*one).to_owned()),
        [] => Err(Failure::not_found(format!(
            "Unable to find {label} with name or id '{name_or_id}'"
        ))),
        _ => Err(Failure::new(
            "NoUniqueMatch",
            format!("Multiple {label} matches found for name '{name_or_id}', use an ID to be more specific."),
        )),
    }
}

async fn post(ctx: &Ctx<'_>, type_name: &str, body: Map<String, Value>) -> Outcome<Started> {
    let (collection, key) =
        kind(type_name).ok_or_else(|| Failure::new("Error", "not a Neutron type"))?;
    let created = ctx
        .cloud
        .post(&format!("{NETWORK}/{collection}"), &json!({key: body}))
        .await?;
    let id = created[key]["id"]
        .as_str()
        .ok_or_else(|| Failure::new("Error", "Neutron answered without an id"))?;
    Ok(Started::new(id, json!({})))
}

/// Properties plus `value_specs`, which Heat merges into the body.
fn with_value_specs(props: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    let mut body = pick(props, keys);
    if let Some(Value::Object(specs)) = props.get("value_specs") {
        body.extend(specs.clone());
    }
    body
}

pub async fn create_net(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let mut body = with_value_specs(
        props,
        &[
            "admin_state_up",
            "shared",
            "port_security_enabled",
            "dns_domain",
            "tenant_id",
        ],
    );
    body.insert(
        "name".into(),
        json!(text(props, "name").unwrap_or(&ctx.physical_name)),
    );
    post(ctx, "OS::Neutron::Net", body).await
}

pub async fn create_subnet(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let mut body = with_value_specs(
        props,
        &[
            "cidr",
            "ip_version",
            "enable_dhcp",
            "gateway_ip",
            "allocation_pools",
            "dns_nameservers",
            "host_routes",
            "ipv6_ra_mode",
            "ipv6_address_mode",
            "prefixlen",
        ],
    );
    body.insert(
        "name".into(),
        json!(text(props, "name").unwrap_or(&ctx.physical_name)),
    );
    body.entry("ip_version").or_insert(json!(4));
    let network = text(props, "network").unwrap_or_default();
    body.insert(
        "network_id".into(),
        json!(find(ctx, "networks", network).await?),
    );
    post(ctx, "OS::Neutron::Subnet", body).await
}

async fn group_ids(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Option<Vec<String>>> {
    let Some(Value::Array(groups)) = props.get("security_groups") else {
        return Ok(None);
    };
    let mut ids = Vec::new();
    for g in groups.iter().filter_map(Value::as_str) {
        ids.push(find(ctx, "security-groups", g).await?);
    }
    Ok(Some(ids))
}

pub async fn create_port(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let mut body = with_value_specs(
        props,
        &[
            "admin_state_up",
            "mac_address",
            "device_id",
            "device_owner",
            "binding:vnic_type",
            "port_security_enabled",
            "allowed_address_pairs",
        ],
    );
    body.insert(
        "name".into(),
        json!(text(props, "name").unwrap_or(&ctx.physical_name)),
    );
    let network = text(props, "network").unwrap_or_default();
    body.insert(
        "network_id".into(),
        json!(find(ctx, "networks", network).await?),
    );
    if let Some(Value::Array(ips)) = props.get("fixed_ips") {
        let mut fixed = Vec::new();
        for ip in ips {
            let mut entry = Map::new();
            if let Some(subnet) = ip
                .get("subnet")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                entry.insert(
                    "subnet_id".into(),
                    json!(find(ctx, "subnets", subnet).await?),
                );
            }
            if let Some(addr) = ip
                .get("ip_address")
                .and_then(Value::as_str)
                .filter(|s| !s.is_empty())
            {
                entry.insert("ip_address".into(), json!(addr));
            }
            fixed.push(Value::Object(entry));
        }
        body.insert("fixed_ips".into(), Value::Array(fixed));
    }
    if let Some(groups) = group_ids(ctx, props).await? {
        body.insert("security_groups".into(), json!(groups));
    }
    post(ctx, "OS::Neutron::Port", body).await
}

/// One rule's body from Heat's rule properties.
async fn rule_body(ctx: &Ctx<'_>, group_id: &str, rule: &Map<String, Value>) -> Outcome<Value> {
    let mut body = pick(
        rule,
        &[
            "protocol",
            "port_range_min",
            "port_range_max",
            "remote_ip_prefix",
            "description",
        ],
    );
    body.insert("security_group_id".into(), json!(group_id));
    body.insert(
        "direction".into(),
        json!(text(rule, "direction").unwrap_or("ingress")),
    );
    body.insert(
        "ethertype".into(),
        json!(text(rule, "ethertype").unwrap_or("IPv4")),
    );
    if let Some(remote) = text(rule, "remote_group_id") {
        body.insert(
            "remote_group_id".into(),
            json!(find(ctx, "security-groups", remote).await?),
        );
    } else if text(rule, "remote_mode") == Some("remote_group_id") {
        // No group named: the rule refers to its own group, as in Heat.
        body.insert("remote_group_id".into(), json!(group_id));
    }
    Ok(json!({"security_group_rule": body}))
}

pub async fn create_security_group(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let mut body = pick(props, &["description"]);
    body.insert(
        "name".into(),
        json!(text(props, "name").unwrap_or(&ctx.physical_name)),
    );
    let started = post(ctx, "OS::Neutron::SecurityGroup", body).await?;
    let rules: Vec<&Map<String, Value>> = props
        .get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    // Heat drops the default egress rules when the template lists its own.
    if rules.iter().any(|r| text(r, "direction") == Some("egress")) {
        let group = ctx
            .cloud
            .get(&format!(
                "{NETWORK}/security-groups/{}",
                started.physical_id
            ))
            .await?;
        for rule in group["security_group"]["security_group_rules"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let (Some("egress"), Some(id)) = (rule["direction"].as_str(), rule["id"].as_str()) {
                ctx.cloud
                    .delete(&format!("{NETWORK}/security-group-rules/{id}"))
                    .await?;
            }
        }
    }
    for rule in rules {
        let body = rule_body(ctx, &started.physical_id, rule).await?;
        ctx.cloud
            .post(&format!("{NETWORK}/security-group-rules"), &body)
            .await?;
    }
    Ok(started)
}

pub async fn create_security_group_rule(
    ctx: &Ctx<'_>,
    props: &Map<String, Value>,
) -> Outcome<Started> {
    let group = text(props, "security_group").unwrap_or_default();
    let group_id = find(ctx, "security-groups", group).await?;
    let body = rule_body(ctx, &group_id, props).await?;
    let created = ctx
        .cloud
        .post(&format!("{NETWORK}/security-group-rules"), &body)
        .await?;
    let id = created["security_group_rule"]["id"]
        .as_str()
        .ok_or_else(|| Failure::new("Error", "Neutron answered without an id"))?;
    Ok(Started::new(id, json!({})))
}

pub async fn create_floating_ip(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let mut body = with_value_specs(
        props,
        &[
            "port_id",
            "fixed_ip_address",
            "floating_ip_address",
            "dns_name",
            "dns_domain",
        ],
    );
    let network = text(props, "floating_network").unwrap_or_default();
    body.insert(
        "floating_network_id".into(),
        json!(find(ctx, "networks", network).await?),
    );
    post(ctx, "OS::Neutron::FloatingIP", body).await
}

pub async fn associate_floating_ip(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let fip = text(props, "floatingip_id").unwrap_or_default().to_owned();
    let body = json!({"floatingip": pick(props, &["port_id", "fixed_ip_address"])});
    ctx.cloud
        .put(&format!("{NETWORK}/floatingips/{fip}"), &body)
        .await?;
    Ok(Started::new(
        ctx.physical_name.clone(),
        json!({"floatingip_id": fip}),
    ))
}

pub async fn dissociate_floating_ip(ctx: &Ctx<'_>, data: &Value) -> Outcome<()> {
    let Some(fip) = data["floatingip_id"].as_str() else {
        return Ok(());
    };
    let body = json!({"floatingip": {"port_id": null}});
    match ctx
        .cloud
        .put(&format!("{NETWORK}/floatingips/{fip}"), &body)
        .await
    {
        Err(e) if !e.is_not_found() => Err(e.into()),
        _ => Ok(()),
    }
}

/// The resource as Neutron shows it, as Heat's attributes.
pub async fn read(ctx: &Ctx<'_>, type_name: &str, id: &str, data: &Value) -> Outcome<Value> {
    let (collection, key) =
        kind(type_name).ok_or_else(|| Failure::new("Error", "not a Neutron type"))?;
    let found = ctx
        .cloud
        .get(&format!("{NETWORK}/{collection}/{id}"))
        .await?;
    let body = &found[key];
    let mut attrs = body.as_object().cloned().unwrap_or_default();
    attrs.insert("show".into(), body.clone());
    Ok(attributes(data.clone(), Value::Object(attrs)))
}

pub async fn delete(ctx: &Ctx<'_>, type_name: &str, id: &str) -> Outcome<()> {
    let Some((collection, _)) = kind(type_name) else {
        return Ok(());
    };
    Ok(ctx
        .cloud
        .delete(&format!("{NETWORK}/{collection}/{id}"))
        .await?)
}

pub async fn check(ctx: &Ctx<'_>, type_name: &str, id: &str) -> Outcome<()> {
    let Some((collection, _)) = kind(type_name) else {
        return Ok(());
    };
    ctx.cloud
        .get(&format!("{NETWORK}/{collection}/{id}"))
        .await?;
    Ok(())
}

pub async fn update(
    ctx: &Ctx<'_>,
    type_name: &str,
    id: &str,
    data: &Value,
    props: &Map<String, Value>,
) -> Outcome<Value> {
    let Some((collection, key)) = kind(type_name) else {
        return Ok(data.clone());
    };
    let body = pick(
        props,
        &["name", "admin_state_up", "description", "shared", "port_id"],
    );
    if !body.is_empty() && type_name != "OS::Neutron::SecurityGroupRule" {
        ctx.cloud
            .put(&format!("{NETWORK}/{collection}/{id}"), &json!({key: body}))
            .await?;
    }
    read(ctx, type_name, id, data).await
}
