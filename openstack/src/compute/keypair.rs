//! Key pairs: `/os-keypairs` (they belong to the user, not the project).

use super::{call, item_path, next_marker, null_default, Link, MAX_PAGES};
use crate::error::Result;
use crate::secret::Secret;
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A key pair. `private_key` is set only in the answer to
/// [`create_keypair`] when Nova generated the key; it is never stored by
/// the cloud, so show it to the user once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Keypair {
    pub name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub public_key: String,
    #[serde(default, deserialize_with = "null_default")]
    pub fingerprint: String,
    /// `ssh` or `x509` (2.2+).
    #[serde(default, rename = "type")]
    pub key_type: Option<String>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<Secret>,
}

#[derive(Deserialize)]
struct KeypairBody {
    keypair: Keypair,
}

/// The current user's key pairs (`GET /os-keypairs`, all pages).
pub async fn list_keypairs(session: &Session) -> Result<Vec<Keypair>> {
    #[derive(Deserialize)]
    struct Page {
        keypairs: Vec<KeypairBody>,
        #[serde(default, deserialize_with = "null_default")]
        keypairs_links: Vec<Link>,
    }
    let mut keypairs = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let mut c = call(session, Method::GET, "/os-keypairs");
        if let Some(m) = &marker {
            c = c.query(&[("marker", m)]);
        }
        let page: Page = c.fetch().await?;
        keypairs.extend(page.keypairs.into_iter().map(|k| k.keypair));
        match next_marker(&page.keypairs_links) {
            Some(next) if marker.as_deref() != Some(next.as_str()) => marker = Some(next),
            _ => break,
        }
    }
    Ok(keypairs)
}

/// `GET /os-keypairs/{keypair_name}`.
pub async fn get_keypair(session: &Session, name: &str) -> Result<Keypair> {
    let body: KeypairBody = call(session, Method::GET, &item_path("/os-keypairs", name))
        .fetch()
        .await?;
    Ok(body.keypair)
}

/// Generates a new SSH key pair; the answer carries its `private_key`.
pub async fn create_keypair(session: &Session, name: &str) -> Result<Keypair> {
    post_keypair(session, json!({"keypair": {"name": name, "type": "ssh"}})).await
}

/// Imports an existing public key (`ssh-ed25519 AAAA… comment`).
pub async fn import_keypair(session: &Session, name: &str, public_key: &str) -> Result<Keypair> {
    post_keypair(
        session,
        json!({"keypair": {"name": name, "type": "ssh", "public_key": public_key}}),
    )
    .await
}

async fn post_keypair(session: &Session, body: serde_json::Value) -> Result<Keypair> {
    let body: KeypairBody = call(session, Method::POST, "/os-keypairs")
        .json(&body)
        .fetch()
        .await?;
    Ok(body.keypair)
}

/// `DELETE /os-keypairs/{keypair_name}`.
pub async fn delete_keypair(session: &Session, name: &str) -> Result<()> {
    call(session, Method::DELETE, &item_path("/os-keypairs", name))
        .execute()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keypair_hides_its_private_key() {
        let k: KeypairBody = serde_json::from_str(
            r#"{"keypair": {"fingerprint": "7e:eb:ab:24:ba:d1:e1:88:ae:9a:fb:66:53:df:d3:bd",
                "name": "keypair-5d935425", "type": "ssh",
                "private_key": "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEApBdzF+fTq5QbN3R+QlO5TZr6W64GcUqcho5ZxPBZZIq53P1K\n-----END RSA PRIVATE KEY-----\n",
                "public_key": "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQCkF3MX59OrlBs3dH5CU7lNmvpbrgZxSpyGjlnE8Flkirnc/Up22lpjznoxqeoTAwTW034k7Dz6aYIrZGmQwe2TkE084yqvlj45Dkyoj95fW/sZacm0cZNuL69EObEGHdprfGJQajrpz22NQoCD8TFB8Wv+8om9NH9Le6s+WPe98WC77KLw8qgfQsbIey+JawPWl4O67ZdL5xrypuRjfIPWjgy/VH85IXg/Z/GONZ2nxHgSShMkwqSFECAC5L3PHB+0+/12M/iikdatFSVGjpuHvkLOs3oe7m6HlOfluSJ85BzLWBbvva93qkGmLg4ZAc8rPh2O+YIsBUHNLLMM/oQp Generated-by-Nova\n",
                "user_id": "fake"}}"#,
        )
        .expect("decodes");
        let k = k.keypair;
        assert_eq!(k.key_type.as_deref(), Some("ssh"));
        assert!(k
            .private_key
            .as_ref()
            .is_some_and(|p| p.expose().starts_with("-----BEGIN RSA PRIVATE KEY-----")));
        assert!(!format!("{k:?}").contains("BEGIN RSA"));
    }
}
