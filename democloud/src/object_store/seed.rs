//! The demo account's containers and objects, seeded once (recorded in
//! `meta`) so that what a user deletes stays deleted.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::body::md5_hex;
use super::storage::{self, Meta, Object};
use super::{now_ts, objects_dir, POLICIES};
use crate::db::seed::DEFAULT_DOMAIN_ID;
use crate::error::Error;

/// A 1×1 transparent PNG.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

const INDEX_HTML: &str = "<!DOCTYPE html>\n<html>\n<head><title>Zenith demo</title></head>\n\
<body><h1>Hello from the Zenith demo object store</h1></body>\n</html>\n";

/// (container, policy, read ACL, objects as (name, content type, data)).
type Seeded = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str, &'static [u8])],
);

const CONTAINERS: &[Seeded] = &[
    (
        "demo-container",
        POLICIES[0],
        None,
        &[
            (
                "hello.txt",
                "text/plain",
                b"Hello from the Zenith demo cloud!\n",
            ),
            (
                "docs/readme.txt",
                "text/plain",
                b"Read me first: these objects are demo data.\n",
            ),
            (
                "docs/guide/intro.txt",
                "text/plain",
                b"Introduction to the demo object store.\n",
            ),
            (
                "docs/guide/setup.txt",
                "text/plain",
                b"Setup: nothing to do, it is already running.\n",
            ),
            ("images/pixel.bin", "application/octet-stream", PIXEL),
            // A pseudo-folder as Horizon and the Swift CLI make them.
            ("empty-folder/", "application/directory", b""),
        ],
    ),
    (
        "public-assets",
        POLICIES[0],
        Some(".r:*,.rlistings"),
        &[("index.html", "text/html", INDEX_HTML.as_bytes())],
    ),
    (
        "backups",
        POLICIES[1],
        None,
        &[(
            "notes.txt",
            "text/plain",
            b"Backups are kept with the reduced-redundancy policy.\n",
        )],
    ),
];

/// Seeds the demo project's account once. Files are written before the
/// rows are committed; a crash in between leaves only stray files, which
/// [`super::cleanup`] removes.
pub fn seed(conn: &mut Connection, data_dir: &Path) -> Result<bool, Error> {
    let tx = conn.transaction()?;
    let seeded: Option<String> = tx
        .query_row(
            "SELECT value FROM meta WHERE key = 'object_store_seeded'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if seeded.is_some() {
        return Ok(false);
    }
    let project: Option<String> = tx
        .query_row(
            "SELECT id FROM projects WHERE name = 'demo' AND domain_id = ?1",
            params![DEFAULT_DOMAIN_ID],
            |r| r.get(0),
        )
        .optional()?;
    let Some(project) = project else {
        return Ok(false);
    };
    let account = format!("{}{project}", super::RESELLER_PREFIX);
    let dir = objects_dir(data_dir);
    std::fs::create_dir_all(&dir).map_err(|source| Error::DataDir {
        path: dir.clone(),
        source,
    })?;
    let now = now_ts();
    for (container, policy, read_acl, objects) in CONTAINERS {
        if storage::container(&tx, &account, container)?.is_none() {
            storage::create_container(&tx, &account, container, policy, now)?;
        }
        let mut ct = storage::container(&tx, &account, container)?
            .ok_or_else(|| Error::Internal(format!("seeded container {container} is missing")))?;
        ct.read_acl = read_acl.map(str::to_owned);
        storage::update_container(&tx, &ct, None)?;
        for (name, content_type, data) in *objects {
            if storage::object(&tx, ct.id, name)?.is_some() {
                continue;
            }
            let file = if data.is_empty() {
                None
            } else {
                let file = crate::db::new_id();
                let path = dir.join(&file);
                std::fs::write(&path, data).map_err(|source| Error::WriteFile { path, source })?;
                Some(file)
            };
            let obj = Object {
                container_id: ct.id,
                name: (*name).to_owned(),
                size: data.len() as i64,
                etag: md5_hex(data),
                content_type: (*content_type).to_owned(),
                timestamp: now,
                delete_at: None,
                file: None,
                headers: Meta::new(),
                slo: None,
            };
            storage::insert_object(&tx, &obj, file.as_deref())?;
        }
    }
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('object_store_seeded', ?1)",
        params![crate::db::now_micros().to_string()],
    )?;
    tx.commit()?;
    Ok(true)
}
