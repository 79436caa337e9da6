//! Accounts, containers and objects in SQLite, object data in files.
//!
//! Object rows are keyed by (container, name) so listings are range scans;
//! SQLite compares TEXT with memcmp, which is Swift's UTF-8 byte order.
//! A container's object count and bytes change in the same transaction as
//! its objects; account totals are sums over its containers.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension, Row, ToSql, Transaction};

use super::{now_ts, objects_dir, Fault};
use crate::error::Error;

/// Stored metadata: lowercased header name to value, e.g.
/// `x-container-meta-color` or `content-disposition`.
pub type Meta = BTreeMap<String, String>;

fn meta_from(text: &str) -> Meta {
    serde_json::from_str(text).unwrap_or_default()
}

fn meta_text(meta: &Meta) -> String {
    serde_json::to_string(meta).unwrap_or_else(|_| "{}".into())
}

// ---------------------------------------------------------------------------
// Files

/// A file being written; removed when dropped unless persisted, so an
/// aborted upload (even a dropped connection, which drops the handler
/// future) leaves nothing behind.
pub struct TempFile {
    path: PathBuf,
}

impl TempFile {
    /// A new `<uuid>.part` in `dir`, which is created if missing.
    pub async fn create(dir: &Path) -> std::io::Result<(TempFile, tokio::fs::File)> {
        tokio::fs::create_dir_all(dir).await?;
        let path = dir.join(format!("{}.part", crate::db::new_id()));
        let file = tokio::fs::File::create(&path).await?;
        Ok((TempFile { path }, file))
    }

    /// Renames the file to `to`; from then on it is the caller's.
    fn persist(mut self, to: &Path) -> std::io::Result<()> {
        std::fs::rename(&self.path, to)?;
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Removes data files whose rows are gone; a failure only leaves garbage
/// that the next start removes.
pub fn remove_files(dir: &Path, files: impl IntoIterator<Item = String>) {
    for f in files {
        if let Err(e) = std::fs::remove_file(dir.join(&f)) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(file = %f, error = %e, "could not remove an object data file");
            }
        }
    }
}

/// Start-up cleanup: removes partial uploads (`*.part`) and data files no
/// row references (a crash between rename and commit, or before an old
/// file was removed), and purges expired objects.
pub fn cleanup(conn: &mut Connection, data_dir: &Path) -> Result<usize, Error> {
    let dir = objects_dir(data_dir);
    purge_expired(conn, &dir).map_err(|e| match e {
        Fault::Other(e) => e,
        other => Error::Internal(format!("{other:?}")),
    })?;
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(source) => return Err(Error::DataDir { path: dir, source }),
    };
    let mut referenced: HashSet<String> = HashSet::new();
    {
        let mut stmt = conn.prepare("SELECT file FROM swift_objects WHERE file IS NOT NULL")?;
        for f in stmt.query_map([], |r| r.get::<_, String>(0))? {
            referenced.insert(f?);
        }
    }
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".part") || !referenced.contains(&name) {
            match std::fs::remove_file(entry.path()) {
                Ok(()) => removed += 1,
                Err(e) => {
                    tracing::warn!(file = %name, error = %e, "could not remove a stray object file")
                }
            }
        }
    }
    if removed > 0 {
        tracing::info!(removed, "removed stray object data files");
    }
    Ok(removed)
}

// ---------------------------------------------------------------------------
// Accounts

/// An account's totals, overall and per storage policy.
#[derive(Default)]
pub struct AccountInfo {
    /// `None` until the first write (account autocreate).
    pub created_at: Option<i64>,
    pub meta: Meta,
    pub containers: i64,
    pub objects: i64,
    pub bytes: i64,
    /// (policy, containers, objects, bytes) for policies in use.
    pub policies: Vec<(String, i64, i64, i64)>,
}

pub fn account_info(c: &Connection, account: &str) -> rusqlite::Result<AccountInfo> {
    let row: Option<(i64, String)> = c
        .query_row(
            "SELECT created_at, meta FROM swift_accounts WHERE name = ?1",
            params![account],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut info = AccountInfo::default();
    if let Some((created_at, meta)) = row {
        info.created_at = Some(created_at);
        info.meta = meta_from(&meta);
    }
    let mut stmt = c.prepare(
        "SELECT policy, COUNT(*), SUM(object_count), SUM(bytes_used)
         FROM swift_containers WHERE account = ?1 GROUP BY policy ORDER BY policy",
    )?;
    for row in stmt.query_map(params![account], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
    })? {
        let (policy, containers, objects, bytes): (String, i64, i64, i64) = row?;
        info.containers += containers;
        info.objects += objects;
        info.bytes += bytes;
        info.policies.push((policy, containers, objects, bytes));
    }
    Ok(info)
}

/// Creates the account row if missing (autocreate on first write).
pub fn ensure_account(c: &Connection, account: &str, now: i64) -> rusqlite::Result<()> {
    c.execute(
        "INSERT OR IGNORE INTO swift_accounts (name, created_at, meta) VALUES (?1, ?2, '{}')",
        params![account, now],
    )?;
    Ok(())
}

pub fn set_account_meta(c: &Connection, account: &str, meta: &Meta) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE swift_accounts SET meta = ?2 WHERE name = ?1",
        params![account, meta_text(meta)],
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Containers

#[derive(Clone, Debug)]
pub struct Container {
    pub id: i64,
    pub name: String,
    pub policy: String,
    pub created_at: i64,
    /// The last PUT: `Last-Modified`, and `last_modified` in listings.
    pub put_at: i64,
    pub object_count: i64,
    pub bytes_used: i64,
    pub read_acl: Option<String>,
    pub write_acl: Option<String>,
    pub meta: Meta,
}

const CONTAINER_COLUMNS: &str = "id, name, policy, created_at, put_at, object_count, \
                                 bytes_used, read_acl, write_acl, meta";

fn container_from(r: &Row<'_>) -> rusqlite::Result<Container> {
    Ok(Container {
        id: r.get(0)?,
        name: r.get(1)?,
        policy: r.get(2)?,
        created_at: r.get(3)?,
        put_at: r.get(4)?,
        object_count: r.get(5)?,
        bytes_used: r.get(6)?,
        read_acl: r.get(7)?,
        write_acl: r.get(8)?,
        meta: meta_from(&r.get::<_, String>(9)?),
    })
}

pub fn container(c: &Connection, account: &str, name: &str) -> rusqlite::Result<Option<Container>> {
    c.query_row(
        &format!(
            "SELECT {CONTAINER_COLUMNS} FROM swift_containers WHERE account = ?1 AND name = ?2"
        ),
        params![account, name],
        container_from,
    )
    .optional()
}

pub fn create_container(
    c: &Connection,
    account: &str,
    name: &str,
    policy: &str,
    now: i64,
) -> rusqlite::Result<()> {
    ensure_account(c, account, now)?;
    c.execute(
        "INSERT INTO swift_containers (account, name, policy, created_at, put_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![account, name, policy, now],
    )?;
    Ok(())
}

/// Stores a container's metadata and ACLs; `put_at` is set on PUT only.
pub fn update_container(
    c: &Connection,
    ct: &Container,
    put_at: Option<i64>,
) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE swift_containers SET read_acl = ?2, write_acl = ?3, meta = ?4,
             put_at = COALESCE(?5, put_at)
         WHERE id = ?1",
        params![
            ct.id,
            ct.read_acl,
            ct.write_acl,
            meta_text(&ct.meta),
            put_at
        ],
    )?;
    Ok(())
}

/// Deletes an empty container: `Ok(false)` if it has objects.
pub fn delete_container(c: &Connection, id: i64) -> rusqlite::Result<bool> {
    let used: bool = c.query_row(
        "SELECT EXISTS (SELECT 1 FROM swift_objects WHERE container_id = ?1)",
        params![id],
        |r| r.get(0),
    )?;
    if used {
        return Ok(false);
    }
    c.execute("DELETE FROM swift_containers WHERE id = ?1", params![id])?;
    Ok(true)
}

/// A row of an account listing.
pub struct ContainerRow {
    pub name: String,
    pub count: i64,
    pub bytes: i64,
    pub put_at: i64,
    pub policy: String,
}

// ---------------------------------------------------------------------------
// Objects

#[derive(Clone, Debug)]
pub struct Object {
    pub container_id: i64,
    pub name: String,
    /// Bytes stored: the manifest itself for an SLO.
    pub size: i64,
    /// MD5 of the stored bytes.
    pub etag: String,
    pub content_type: String,
    /// `X-Timestamp`: the PUT, or the last POST.
    pub timestamp: i64,
    /// Unix seconds of `X-Delete-At`.
    pub delete_at: Option<i64>,
    /// Data file below the objects directory; `None` when empty.
    pub file: Option<String>,
    /// User metadata and the other headers Swift keeps (`Meta`).
    pub headers: Meta,
    pub slo: Option<Slo>,
}

/// What an SLO manifest adds: the etag and size of the joined data.
#[derive(Clone, Debug)]
pub struct Slo {
    pub etag: String,
    pub size: i64,
}

impl Object {
    /// The size listings and `Content-Length` show.
    pub fn logical_size(&self) -> i64 {
        self.slo.as_ref().map_or(self.size, |s| s.size)
    }
}

const OBJECT_COLUMNS: &str = "container_id, name, size, etag, content_type, timestamp, \
                              delete_at, file, headers, slo_etag, slo_size";

fn object_from(r: &Row<'_>) -> rusqlite::Result<Object> {
    let slo_etag: Option<String> = r.get(9)?;
    let slo_size: Option<i64> = r.get(10)?;
    Ok(Object {
        container_id: r.get(0)?,
        name: r.get(1)?,
        size: r.get(2)?,
        etag: r.get(3)?,
        content_type: r.get(4)?,
        timestamp: r.get(5)?,
        delete_at: r.get(6)?,
        file: r.get(7)?,
        headers: meta_from(&r.get::<_, String>(8)?),
        slo: slo_etag.map(|etag| Slo {
            etag,
            size: slo_size.unwrap_or(0),
        }),
    })
}

pub fn object(c: &Connection, container_id: i64, name: &str) -> rusqlite::Result<Option<Object>> {
    c.query_row(
        &format!(
            "SELECT {OBJECT_COLUMNS} FROM swift_objects WHERE container_id = ?1 AND name = ?2"
        ),
        params![container_id, name],
        object_from,
    )
    .optional()
}

/// Makes `data` (a complete, synced file, or `None` for no bytes) the
/// object `new` and commits its row; the object it replaces loses its file.
/// Rename and commit run here, on the blocking pool, so a dropped request
/// cannot stop between them; a crash between them leaves only a stray file.
pub fn commit_object(
    c: &mut Connection,
    dir: &Path,
    new: &Object,
    data: Option<TempFile>,
) -> Result<(), Fault> {
    let file = match data {
        Some(temp) => {
            let name = crate::db::new_id();
            temp.persist(&dir.join(&name))?;
            sync_dir(dir);
            Some(name)
        }
        None => None,
    };
    let committed = (|| -> Result<Option<String>, Fault> {
        let tx = c.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM swift_containers WHERE id = ?1)",
            params![new.container_id],
            |r| r.get(0),
        )?;
        if !exists {
            // Deleted while the data streamed.
            return Err(Fault::not_found());
        }
        let old = take_object(&tx, new.container_id, &new.name)?;
        insert_object(&tx, new, file.as_deref())?;
        tx.commit()?;
        Ok(old.and_then(|o| o.file))
    })();
    match committed {
        Ok(old_file) => {
            remove_files(dir, old_file);
            Ok(())
        }
        Err(e) => {
            remove_files(dir, file);
            Err(e)
        }
    }
}

/// Makes a directory entry (a rename) durable; best effort.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

pub fn insert_object(tx: &Transaction<'_>, o: &Object, file: Option<&str>) -> rusqlite::Result<()> {
    tx.execute(
        &format!("INSERT INTO swift_objects ({OBJECT_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            o.container_id,
            o.name,
            o.size,
            o.etag,
            o.content_type,
            o.timestamp,
            o.delete_at,
            file,
            meta_text(&o.headers),
            o.slo.as_ref().map(|s| &s.etag),
            o.slo.as_ref().map(|s| s.size),
        ],
    )?;
    tx.execute(
        "UPDATE swift_containers SET object_count = object_count + 1,
             bytes_used = bytes_used + ?2 WHERE id = ?1",
        params![o.container_id, o.size],
    )?;
    Ok(())
}

/// Removes an object's row and counts it out of its container; returns the
/// row (whose file the caller removes after commit).
pub fn take_object(
    tx: &Connection,
    container_id: i64,
    name: &str,
) -> rusqlite::Result<Option<Object>> {
    let Some(old) = object(tx, container_id, name)? else {
        return Ok(None);
    };
    tx.execute(
        "DELETE FROM swift_objects WHERE container_id = ?1 AND name = ?2",
        params![container_id, name],
    )?;
    tx.execute(
        "UPDATE swift_containers SET object_count = object_count - 1,
             bytes_used = bytes_used - ?2 WHERE id = ?1",
        params![container_id, old.size],
    )?;
    Ok(Some(old))
}

/// Replaces an object's metadata (a POST).
pub fn update_object_meta(c: &Connection, o: &Object) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE swift_objects SET content_type = ?3, timestamp = ?4, delete_at = ?5, headers = ?6
         WHERE container_id = ?1 AND name = ?2",
        params![
            o.container_id,
            o.name,
            o.content_type,
            o.timestamp,
            o.delete_at,
            meta_text(&o.headers)
        ],
    )?;
    Ok(())
}

/// Deletes objects whose `X-Delete-At` has passed, with their files: they
/// already answer 404, this makes listings and counts agree.
pub fn purge_expired(c: &mut Connection, dir: &Path) -> Result<(), Fault> {
    let now_secs = now_ts().div_euclid(1_000_000);
    let expired: Vec<(i64, String)> = {
        let mut stmt = c.prepare_cached(
            "SELECT container_id, name FROM swift_objects
             WHERE delete_at IS NOT NULL AND delete_at <= ?1",
        )?;
        let rows = stmt.query_map(params![now_secs], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    if expired.is_empty() {
        return Ok(());
    }
    let tx = c.transaction()?;
    let mut files = Vec::new();
    for (container_id, name) in &expired {
        if let Some(file) = take_object(&tx, *container_id, name)?.and_then(|o| o.file) {
            files.push(file);
        }
    }
    tx.commit()?;
    remove_files(dir, files);
    tracing::debug!(count = expired.len(), "purged expired objects");
    Ok(())
}

// ---------------------------------------------------------------------------
// Listing queries

/// One query of the listing loop: names in `(lower, upper)` (`lower`
/// inclusive when flagged, `upper` always exclusive), in order or reversed.
pub struct Bounds<'a> {
    pub lower: Option<(&'a str, bool)>,
    pub upper: Option<&'a str>,
    pub reverse: bool,
    pub limit: usize,
}

impl Bounds<'_> {
    /// The WHERE clauses and their values, numbered from `first`.
    fn clauses(&self, first: usize) -> (String, Vec<&dyn ToSql>) {
        let mut sql = String::new();
        let mut args: Vec<&dyn ToSql> = Vec::new();
        let mut n = first;
        if let Some((lower, inclusive)) = &self.lower {
            sql.push_str(&format!(
                " AND name {} ?{n}",
                if *inclusive { ">=" } else { ">" }
            ));
            args.push(lower);
            n += 1;
        }
        if let Some(upper) = &self.upper {
            sql.push_str(&format!(" AND name < ?{n}"));
            args.push(upper);
        }
        sql.push_str(if self.reverse {
            " ORDER BY name DESC"
        } else {
            " ORDER BY name"
        });
        sql.push_str(&format!(" LIMIT {}", self.limit));
        (sql, args)
    }
}

pub fn container_rows(
    c: &Connection,
    account: &str,
    b: &Bounds<'_>,
) -> rusqlite::Result<Vec<ContainerRow>> {
    let (clauses, args) = b.clauses(2);
    let mut all: Vec<&dyn ToSql> = vec![&account];
    all.extend(args);
    let mut stmt = c.prepare_cached(&format!(
        "SELECT name, object_count, bytes_used, put_at, policy FROM swift_containers
         WHERE account = ?1{clauses}"
    ))?;
    let rows = stmt.query_map(all.as_slice(), |r| {
        Ok(ContainerRow {
            name: r.get(0)?,
            count: r.get(1)?,
            bytes: r.get(2)?,
            put_at: r.get(3)?,
            policy: r.get(4)?,
        })
    })?;
    rows.collect()
}

pub fn object_rows(
    c: &Connection,
    container_id: i64,
    b: &Bounds<'_>,
) -> rusqlite::Result<Vec<Object>> {
    let (clauses, args) = b.clauses(3);
    let now_secs = now_ts().div_euclid(1_000_000);
    let mut all: Vec<&dyn ToSql> = vec![&container_id, &now_secs];
    all.extend(args);
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {OBJECT_COLUMNS} FROM swift_objects
         WHERE container_id = ?1 AND (delete_at IS NULL OR delete_at > ?2){clauses}"
    ))?;
    let rows = stmt.query_map(all.as_slice(), object_from)?;
    rows.collect()
}
