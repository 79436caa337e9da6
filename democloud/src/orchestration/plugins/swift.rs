//! OS::Swift::Container.

use reqwest::Method;
use serde_json::{json, Map, Value};

use super::{attributes, text, Ctx, Failure, Outcome, Started};
use crate::http::encode_path;

fn container_path(ctx: &Ctx<'_>, name: &str) -> String {
    format!("{}/{}", ctx.cloud.swift_account(), encode_path(name))
}

pub async fn create_container(ctx: &Ctx<'_>, props: &Map<String, Value>) -> Outcome<Started> {
    let name = text(props, "name").unwrap_or(&ctx.physical_name).to_owned();
    let mut headers: Vec<(String, String)> = Vec::new();
    for key in ["X-Container-Read", "X-Container-Write"] {
        if let Some(v) = text(props, key) {
            headers.push((key.to_owned(), v.to_owned()));
        }
    }
    if let Some(Value::Object(meta)) = props.get("X-Container-Meta") {
        for (k, v) in meta {
            let value = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            headers.push((format!("X-Container-Meta-{k}"), value));
        }
    }
    let borrowed: Vec<(&str, String)> = headers
        .iter()
        .map(|(k, v)| (k.as_str(), v.clone()))
        .collect();
    ctx.cloud
        .send(Method::PUT, &container_path(ctx, &name), None, &borrowed)
        .await?;
    if let Some(Value::Object(meta)) = props.get("X-Account-Meta") {
        let account: Vec<(String, String)> = meta
            .iter()
            .map(|(k, v)| {
                (
                    format!("X-Account-Meta-{k}"),
                    v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                )
            })
            .collect();
        let borrowed: Vec<(&str, String)> = account
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        ctx.cloud
            .send(Method::POST, &ctx.cloud.swift_account(), None, &borrowed)
            .await?;
    }
    let purge = props
        .get("PurgeOnDelete")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(Started::new(name, json!({"purge_on_delete": purge})))
}

pub async fn read_container(ctx: &Ctx<'_>, name: &str, data: &Value) -> Outcome<Value> {
    let path = container_path(ctx, name);
    let (_, headers, _) = ctx.cloud.send(Method::HEAD, &path, None, &[]).await?;
    let header = |k: &str| {
        headers
            .get(k)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let number = |k: &str| header(k).parse::<u64>().unwrap_or(0);
    let head: Map<String, Value> = headers
        .iter()
        .filter_map(|(k, v)| Some((k.as_str().to_owned(), json!(v.to_str().ok()?))))
        .collect();
    let url = ctx.cloud.url(&path);
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("")
        .to_owned();
    let attrs = json!({
        "DomainName": host,
        "WebsiteURL": url,
        "RootURL": format!("{}/", ctx.cloud.url(&ctx.cloud.swift_account())),
        "ObjectCount": number("x-container-object-count"),
        "BytesUsed": number("x-container-bytes-used"),
        "HeadContainer": head.clone(),
        "show": head,
    });
    Ok(attributes(data.clone(), attrs))
}

pub async fn check_container(ctx: &Ctx<'_>, name: &str) -> Outcome<()> {
    ctx.cloud
        .send(Method::HEAD, &container_path(ctx, name), None, &[])
        .await?;
    Ok(())
}

/// Deletes the container; with PurgeOnDelete its objects first, otherwise
/// a non-empty container fails as in Heat.
pub async fn delete_container(ctx: &Ctx<'_>, name: &str, data: &Value) -> Outcome<()> {
    let path = container_path(ctx, name);
    if data["purge_on_delete"].as_bool().unwrap_or(false) {
        loop {
            let listing = match ctx.cloud.get(&format!("{path}?format=json")).await {
                Ok(l) => l,
                Err(e) if e.is_not_found() => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            let names: Vec<&str> = listing
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o["name"].as_str())
                .collect();
            if names.is_empty() {
                break;
            }
            for object in names {
                ctx.cloud
                    .delete(&format!("{path}/{}", encode_path(object)))
                    .await?;
            }
        }
    }
    match ctx.cloud.delete(&path).await {
        Err(e) if e.status.map(|s| s.as_u16()) == Some(409) => Err(Failure::new(
            "Conflict",
            format!("There was a conflict when trying to complete your request. (HTTP 409) Container {name} is not empty"),
        )),
        other => Ok(other?),
    }
}
