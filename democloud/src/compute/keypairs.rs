//! Key pairs: `/os-keypairs`. Key pairs belong to users, not projects.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Deserialize;
use serde_json::{json, Value};

use super::quotas;
use super::{call, format_time, path, Fault, Microversion, NJson, NPath, ProjectAuth};
use crate::db::now_micros;
use crate::http::Params;
use crate::state::AppState;

struct Keypair {
    id: i64,
    user_id: String,
    name: String,
    kind: String,
    public_key: String,
    fingerprint: String,
    created_at: i64,
}

const COLUMNS: &str = "id, user_id, name, type, public_key, fingerprint, created_at";

impl Keypair {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Keypair> {
        Ok(Keypair {
            id: r.get(0)?,
            user_id: r.get(1)?,
            name: r.get(2)?,
            kind: r.get(3)?,
            public_key: r.get(4)?,
            fingerprint: r.get(5)?,
            created_at: r.get(6)?,
        })
    }

    fn summary(&self, mv: Microversion) -> Value {
        let mut v = json!({
            "name": self.name,
            "public_key": self.public_key,
            "fingerprint": self.fingerprint,
        });
        if mv.at_least(2) {
            v["type"] = json!(self.kind);
        }
        v
    }

    fn detail(&self, mv: Microversion) -> Value {
        let mut v = self.summary(mv);
        v["id"] = json!(self.id);
        v["user_id"] = json!(self.user_id);
        v["created_at"] = json!(format_time(self.created_at));
        v["updated_at"] = Value::Null;
        v["deleted"] = json!(false);
        v["deleted_at"] = Value::Null;
        v
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            &path("/os-keypairs"),
            get(list_keypairs).post(create_keypair),
        )
        .route(
            &path("/os-keypairs/{name}"),
            get(show_keypair).delete(delete_keypair),
        )
}

/// The user whose key pairs a request addresses: admins may name another
/// with `user_id` from 2.10 on.
fn target_user(auth: &ProjectAuth, mv: Microversion, asked: Option<&str>) -> Result<String, Fault> {
    match asked {
        Some(u) if mv.at_least(10) && u != auth.user_id() => {
            if auth.is_admin() {
                Ok(u.to_owned())
            } else {
                Err(Fault::policy("os_compute_api:os-keypairs:index"))
            }
        }
        _ => Ok(auth.user_id().to_owned()),
    }
}

fn get_one(c: &Connection, user_id: &str, name: &str) -> Result<Keypair, Fault> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM keypairs WHERE user_id = ?1 AND name = ?2"),
        params![user_id, name],
        Keypair::from_row,
    )
    .optional()?
    .ok_or_else(|| Fault::not_found(format!("Keypair {name} not found for user {user_id}")))
}

async fn list_keypairs(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
) -> Result<Json<Value>, Fault> {
    let user_id = target_user(&auth, mv, params.get("user_id"))?;
    let limit = match params.get("limit").filter(|_| mv.at_least(35)) {
        Some(l) => Some(l.parse::<usize>().map_err(|_| {
            Fault::bad_request(format!(
                "Invalid input for query parameters limit. Value: {l}."
            ))
        })?),
        None => None,
    };
    let marker = params
        .get("marker")
        .filter(|_| mv.at_least(35))
        .map(str::to_owned);
    let mut keys = call(&st, move |c| {
        let mut stmt = c.prepare(&format!(
            "SELECT {COLUMNS} FROM keypairs WHERE user_id = ?1 ORDER BY name"
        ))?;
        let rows = stmt.query_map(params![user_id], Keypair::from_row)?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    })
    .await?;
    if let Some(marker) = marker {
        let pos = keys
            .iter()
            .position(|k| k.name == marker)
            .ok_or_else(|| Fault::bad_request(format!("marker [{marker}] not found")))?;
        keys.drain(..=pos);
    }
    let mut body = json!({});
    if let Some(limit) = limit {
        keys.truncate(limit);
        if limit > 0 && keys.len() == limit {
            if let Some(last) = keys.last() {
                body["keypairs_links"] = json!([{
                    "rel": "next",
                    "href": format!("{}{}?limit={limit}&marker={}", st.base_url, path("/os-keypairs"), last.name),
                }]);
            }
        }
    }
    body["keypairs"] = json!(keys
        .iter()
        .map(|k| json!({"keypair": k.summary(mv)}))
        .collect::<Vec<_>>());
    Ok(Json(body))
}

async fn show_keypair(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
    NPath(name): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let user_id = target_user(&auth, mv, params.get("user_id"))?;
    let k = call(&st, move |c| get_one(c, &user_id, &name)).await?;
    Ok(Json(json!({"keypair": k.detail(mv)})))
}

async fn delete_keypair(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    params: Params,
    NPath(name): NPath<String>,
) -> Result<StatusCode, Fault> {
    let user_id = target_user(&auth, mv, params.get("user_id"))?;
    call(&st, move |c| {
        let k = get_one(c, &user_id, &name)?;
        c.execute("DELETE FROM keypairs WHERE id = ?1", params![k.id])?;
        Ok(())
    })
    .await?;
    Ok(if mv.at_least(2) {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::ACCEPTED
    })
}

#[derive(Deserialize)]
struct CreateBody {
    keypair: CreateKeypair,
}

#[derive(Deserialize)]
struct CreateKeypair {
    name: String,
    #[serde(default)]
    public_key: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    user_id: Option<String>,
}

fn invalid(reason: &str) -> Fault {
    Fault::bad_request(format!("Keypair data is invalid: {reason}"))
}

async fn create_keypair(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NJson(body): NJson<CreateBody>,
) -> Result<Response, Fault> {
    let k = body.keypair;
    let user_id = target_user(&auth, mv, k.user_id.as_deref())?;
    let name = k.name.trim().to_owned();
    if name.is_empty() || name.len() > 255 {
        return Err(invalid(
            "Keypair name must be string and between 1 and 255 characters long",
        ));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '@'))
    {
        return Err(invalid("Keypair name contains unsafe characters"));
    }
    let kind = match k.kind.as_deref().filter(|_| mv.at_least(2)) {
        None | Some("ssh") => "ssh",
        Some("x509") => "x509",
        Some(other) => {
            return Err(Fault::bad_request(format!(
                "Invalid input for field/attribute type. Value: {other}. '{other}' is not one of ['ssh', 'x509']"
            )))
        }
    };
    let (public_key, private_key) = match k.public_key {
        Some(pk) => (pk.trim().to_owned(), None),
        None => {
            let (public, private) = generate_ed25519(&name);
            (public, Some(private))
        }
    };
    let fingerprint = if kind == "ssh" {
        ssh_fingerprint(&public_key).ok_or_else(|| invalid("failed to generate fingerprint"))?
    } else {
        colon_hex(&md5(public_key.as_bytes()))
    };
    let kind = kind.to_owned();
    let project_id = auth.project_id.clone();
    let stored = call(&st, move |c| {
        let tx = c.transaction()?;
        let limit = quotas::limit(&tx, &project_id, "key_pairs")?;
        if quotas::exceeds(limit, quotas::key_pairs_used(&tx, &user_id)?, 1) {
            return Err(Fault::OverQuota(
                "Quota exceeded, too many key pairs.".to_owned(),
            ));
        }
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM keypairs WHERE user_id = ?1 AND name = ?2",
                params![user_id, name],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            return Err(Fault::conflict(format!(
                "Key pair '{name}' already exists."
            )));
        }
        tx.execute(
            "INSERT INTO keypairs (user_id, name, type, public_key, fingerprint, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![user_id, name, kind, public_key, fingerprint, now_micros()],
        )?;
        let k = get_one(&tx, &user_id, &name)?;
        tx.commit()?;
        Ok(k)
    })
    .await?;
    let mut v = stored.summary(mv);
    v["user_id"] = json!(stored.user_id);
    if let Some(private) = private_key {
        v["private_key"] = json!(private);
    }
    let status = if mv.at_least(2) {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(json!({"keypair": v}))).into_response())
}

// ---------------------------------------------------------------------------
// Key material

fn ssh_string(out: &mut Vec<u8>, data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
}

/// A real OpenSSH ed25519 key pair, in the formats `ssh-keygen` writes.
fn generate_ed25519(comment: &str) -> (String, String) {
    use rand::RngCore;
    let mut rng = rand::thread_rng();
    let mut seed = [0u8; 32];
    rng.fill_bytes(&mut seed);
    let public = ed25519_dalek::SigningKey::from_bytes(&seed)
        .verifying_key()
        .to_bytes();
    let mut blob = Vec::new();
    ssh_string(&mut blob, b"ssh-ed25519");
    ssh_string(&mut blob, &public);
    let public_line = format!("ssh-ed25519 {} {comment}", B64.encode(&blob));

    let check = rng.next_u32().to_be_bytes();
    let mut private_section = Vec::new();
    private_section.extend_from_slice(&check);
    private_section.extend_from_slice(&check);
    ssh_string(&mut private_section, b"ssh-ed25519");
    ssh_string(&mut private_section, &public);
    let mut secret = seed.to_vec();
    secret.extend_from_slice(&public);
    ssh_string(&mut private_section, &secret);
    ssh_string(&mut private_section, comment.as_bytes());
    let mut pad = 1u8;
    while private_section.len() % 8 != 0 {
        private_section.push(pad);
        pad += 1;
    }
    let mut file = b"openssh-key-v1\0".to_vec();
    ssh_string(&mut file, b"none");
    ssh_string(&mut file, b"none");
    ssh_string(&mut file, b"");
    file.extend_from_slice(&1u32.to_be_bytes());
    ssh_string(&mut file, &blob);
    ssh_string(&mut file, &private_section);
    let encoded = B64.encode(&file);
    let mut private = String::from("-----BEGIN OPENSSH PRIVATE KEY-----\n");
    for chunk in encoded.as_bytes().chunks(70) {
        private.push_str(&String::from_utf8_lossy(chunk));
        private.push('\n');
    }
    private.push_str("-----END OPENSSH PRIVATE KEY-----\n");
    (public_line, private)
}

/// Nova's fingerprint of an OpenSSH public key: MD5 of the key blob,
/// colon-separated hex.
fn ssh_fingerprint(public_key: &str) -> Option<String> {
    let mut words = public_key.split_whitespace();
    let kind = words.next()?;
    if !(kind.starts_with("ssh-") || kind.starts_with("ecdsa-") || kind.starts_with("sk-")) {
        return None;
    }
    let blob = B64.decode(words.next()?).ok()?;
    // The blob starts with the key type again.
    let len = u32::from_be_bytes(blob.get(..4)?.try_into().ok()?) as usize;
    if blob.get(4..4 + len)? != kind.as_bytes() {
        return None;
    }
    Some(colon_hex(&md5(&blob)))
}

fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// MD5, only for fingerprints, as Nova uses it.
fn md5(input: &[u8]) -> [u8; 16] {
    use md5::{Digest, Md5};
    Md5::digest(input).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md5_matches_rfc_1321() {
        assert_eq!(
            colon_hex(&md5(b"")).replace(':', ""),
            "d41d8cd98f00b204e9800998ecf8427e"
        );
        assert_eq!(
            colon_hex(&md5(b"The quick brown fox jumps over the lazy dog")).replace(':', ""),
            "9e107d9d372bb6826bd81d3542a419d6"
        );
    }

    /// ssh-keygen derives our public key from our private key: the pair is real.
    #[test]
    fn generated_keys_are_a_real_pair() {
        use std::os::unix::fs::PermissionsExt;
        let (public, private) = generate_ed25519("k1");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("id_ed25519");
        std::fs::write(&path, &private).expect("write key");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        let Ok(out) = std::process::Command::new("ssh-keygen")
            .arg("-y")
            .arg("-f")
            .arg(&path)
            .output()
        else {
            println!("SKIPPED: ssh-keygen is not installed");
            return;
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let derived = String::from_utf8_lossy(&out.stdout);
        let key = |line: &str| {
            line.split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(key(&derived), key(&public));
    }

    #[test]
    fn generated_keys_parse() {
        let (public, private) = generate_ed25519("k1");
        assert!(
            public.starts_with("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI"),
            "{public}"
        );
        assert!(public.ends_with(" k1"));
        assert!(private.starts_with(
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"
        ));
        let fp = ssh_fingerprint(&public).expect("fingerprint");
        assert_eq!(fp.len(), 47);
        assert_eq!(ssh_fingerprint("ssh-rsa notbase64!"), None);
    }
}
