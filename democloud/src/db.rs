//! SQLite persistence: connection handling, schema migrations and seed data.
//!
//! One connection behind a mutex is plenty for a demo cloud; every access
//! runs on the blocking pool so a slow query never stalls the async runtime.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Error;

/// File name of the database inside the data directory.
pub const DB_FILE: &str = "democloud.sqlite";

/// Ordered schema migrations; version N is `MIGRATIONS[N - 1]`. Later
/// services append their tables here, never edit an applied entry.
const MIGRATIONS: &[&str] = &[
    // 1: Keystone.
    r#"
    CREATE TABLE domains (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        enabled     INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE projects (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        domain_id   TEXT NOT NULL REFERENCES domains(id),
        description TEXT NOT NULL DEFAULT '',
        enabled     INTEGER NOT NULL DEFAULT 1,
        UNIQUE (domain_id, name)
    );
    CREATE TABLE users (
        id                 TEXT PRIMARY KEY,
        name               TEXT NOT NULL,
        domain_id          TEXT NOT NULL REFERENCES domains(id),
        password_hash      TEXT,
        enabled            INTEGER NOT NULL DEFAULT 1,
        default_project_id TEXT REFERENCES projects(id) ON DELETE SET NULL,
        email              TEXT,
        description        TEXT,
        UNIQUE (domain_id, name)
    );
    CREATE TABLE roles (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        description TEXT
    );
    -- Exactly one of project_id and domain_id is set.
    CREATE TABLE role_assignments (
        user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role_id    TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
        domain_id  TEXT REFERENCES domains(id) ON DELETE CASCADE,
        CHECK ((project_id IS NULL) <> (domain_id IS NULL)),
        UNIQUE (user_id, role_id, project_id, domain_id)
    );
    CREATE TABLE regions (
        id               TEXT PRIMARY KEY,
        description      TEXT NOT NULL DEFAULT '',
        parent_region_id TEXT REFERENCES regions(id)
    );
    CREATE TABLE services (
        id          TEXT PRIMARY KEY,
        type        TEXT NOT NULL UNIQUE,
        name        TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        enabled     INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE endpoints (
        id         TEXT PRIMARY KEY,
        service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
        interface  TEXT NOT NULL,
        region_id  TEXT NOT NULL REFERENCES regions(id),
        url        TEXT NOT NULL,
        enabled    INTEGER NOT NULL DEFAULT 1,
        UNIQUE (service_id, interface, region_id)
    );
    -- Only a hash of the token id is stored: a copy of the database does
    -- not hand out working tokens.
    CREATE TABLE tokens (
        id_hash        TEXT PRIMARY KEY,
        user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        project_id     TEXT,
        domain_id      TEXT,
        methods        TEXT NOT NULL,
        audit_id       TEXT NOT NULL,
        audit_chain_id TEXT NOT NULL,
        issued_at      INTEGER NOT NULL,
        expires_at     INTEGER NOT NULL,
        revoked        INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX tokens_audit_chain ON tokens(audit_chain_id);
    CREATE INDEX tokens_user ON tokens(user_id);
    -- Small key/value facts about this database, e.g. whether it was seeded.
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // 2: Nova.
    r#"
    CREATE TABLE flavors (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        vcpus       INTEGER NOT NULL,
        ram         INTEGER NOT NULL,
        disk        INTEGER NOT NULL,
        ephemeral   INTEGER NOT NULL DEFAULT 0,
        swap        INTEGER NOT NULL DEFAULT 0,
        rxtx_factor REAL NOT NULL DEFAULT 1.0,
        is_public   INTEGER NOT NULL DEFAULT 1,
        description TEXT
    );
    CREATE TABLE flavor_extra_specs (
        flavor_id TEXT NOT NULL REFERENCES flavors(id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        value     TEXT NOT NULL,
        PRIMARY KEY (flavor_id, key)
    );
    -- A pending transition (pending_until set) completes lazily: once the
    -- time has passed, vm_state and power_state take the pending values and
    -- task_state clears. Deleted servers keep their row (deleted_at set).
    CREATE TABLE servers (
        id                  TEXT PRIMARY KEY,
        seq                 INTEGER NOT NULL,
        project_id          TEXT NOT NULL,
        user_id             TEXT NOT NULL,
        name                TEXT NOT NULL,
        description         TEXT,
        flavor_id           TEXT NOT NULL,
        old_flavor_id       TEXT,
        image_ref           TEXT NOT NULL DEFAULT '',
        key_name            TEXT,
        availability_zone   TEXT NOT NULL DEFAULT 'nova',
        vm_state            TEXT NOT NULL,
        task_state          TEXT,
        power_state         INTEGER NOT NULL DEFAULT 0,
        pending_until       INTEGER,
        pending_vm_state    TEXT,
        pending_power_state INTEGER,
        locked              INTEGER NOT NULL DEFAULT 0,
        locked_reason       TEXT,
        created_at          INTEGER NOT NULL,
        updated_at          INTEGER NOT NULL,
        launched_at         INTEGER,
        deleted_at          INTEGER
    );
    CREATE INDEX servers_project ON servers(project_id);
    CREATE TABLE server_metadata (
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        value     TEXT NOT NULL,
        PRIMARY KEY (server_id, key)
    );
    CREATE TABLE server_tags (
        server_id TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        tag       TEXT NOT NULL,
        PRIMARY KEY (server_id, tag)
    );
    CREATE TABLE instance_actions (
        request_id TEXT NOT NULL,
        server_id  TEXT NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
        action     TEXT NOT NULL,
        project_id TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        start_time INTEGER NOT NULL,
        message    TEXT,
        PRIMARY KEY (server_id, request_id)
    );
    CREATE TABLE keypairs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        user_id     TEXT NOT NULL,
        name        TEXT NOT NULL,
        type        TEXT NOT NULL,
        public_key  TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        UNIQUE (user_id, name)
    );
    "#,
    // 3: Glance. Image data lives in files, `<data dir>/images/<id>`.
    r#"
    CREATE TABLE images (
        id               TEXT PRIMARY KEY,
        name             TEXT,
        status           TEXT NOT NULL,
        visibility       TEXT NOT NULL,
        protected        INTEGER NOT NULL DEFAULT 0,
        os_hidden        INTEGER NOT NULL DEFAULT 0,
        owner            TEXT,
        disk_format      TEXT,
        container_format TEXT,
        size             INTEGER,
        virtual_size     INTEGER,
        checksum         TEXT,
        os_hash_algo     TEXT,
        os_hash_value    TEXT,
        min_disk         INTEGER NOT NULL DEFAULT 0,
        min_ram          INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
    );
    CREATE INDEX images_owner ON images(owner);
    CREATE TABLE image_properties (
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (image_id, name)
    );
    CREATE TABLE image_tags (
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        tag      TEXT NOT NULL,
        PRIMARY KEY (image_id, tag)
    );
    "#,
    // 4: Neutron. Lists (allocation pools, name servers, host routes) are
    // JSON text; a floating IP holds its address through a port of its own
    // (device_owner network:floatingip), as in Neutron.
    r#"
    CREATE TABLE networks (
        id                    TEXT PRIMARY KEY,
        project_id            TEXT NOT NULL,
        name                  TEXT NOT NULL DEFAULT '',
        description           TEXT NOT NULL DEFAULT '',
        admin_state_up        INTEGER NOT NULL DEFAULT 1,
        shared                INTEGER NOT NULL DEFAULT 0,
        external              INTEGER NOT NULL DEFAULT 0,
        mtu                   INTEGER NOT NULL DEFAULT 1450,
        port_security_enabled INTEGER NOT NULL DEFAULT 1,
        revision_number       INTEGER NOT NULL DEFAULT 0,
        created_at            INTEGER NOT NULL,
        updated_at            INTEGER NOT NULL
    );
    CREATE INDEX networks_project ON networks(project_id);
    CREATE TABLE subnets (
        id               TEXT PRIMARY KEY,
        network_id       TEXT NOT NULL REFERENCES networks(id),
        project_id       TEXT NOT NULL,
        name             TEXT NOT NULL DEFAULT '',
        description      TEXT NOT NULL DEFAULT '',
        ip_version       INTEGER NOT NULL,
        cidr             TEXT NOT NULL,
        gateway_ip       TEXT,
        enable_dhcp      INTEGER NOT NULL DEFAULT 1,
        allocation_pools TEXT NOT NULL DEFAULT '[]',
        dns_nameservers  TEXT NOT NULL DEFAULT '[]',
        host_routes      TEXT NOT NULL DEFAULT '[]',
        revision_number  INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL
    );
    CREATE INDEX subnets_network ON subnets(network_id);
    -- preserve_on_delete is Nova's: 0 for ports Nova created for a server,
    -- which go away with it; user-made ports are only unbound.
    CREATE TABLE ports (
        id                    TEXT PRIMARY KEY,
        network_id            TEXT NOT NULL REFERENCES networks(id),
        project_id            TEXT NOT NULL,
        name                  TEXT NOT NULL DEFAULT '',
        description           TEXT NOT NULL DEFAULT '',
        mac_address           TEXT NOT NULL,
        admin_state_up        INTEGER NOT NULL DEFAULT 1,
        device_id             TEXT NOT NULL DEFAULT '',
        device_owner          TEXT NOT NULL DEFAULT '',
        port_security_enabled INTEGER NOT NULL DEFAULT 1,
        preserve_on_delete    INTEGER NOT NULL DEFAULT 1,
        revision_number       INTEGER NOT NULL DEFAULT 0,
        created_at            INTEGER NOT NULL,
        updated_at            INTEGER NOT NULL,
        UNIQUE (network_id, mac_address)
    );
    CREATE INDEX ports_device ON ports(device_id);
    CREATE INDEX ports_network ON ports(network_id);
    CREATE INDEX ports_project ON ports(project_id);
    CREATE TABLE port_ips (
        port_id    TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
        subnet_id  TEXT NOT NULL REFERENCES subnets(id),
        ip_address TEXT NOT NULL,
        PRIMARY KEY (subnet_id, ip_address)
    );
    CREATE INDEX port_ips_port ON port_ips(port_id);
    CREATE TABLE security_groups (
        id              TEXT PRIMARY KEY,
        project_id      TEXT NOT NULL,
        name            TEXT NOT NULL DEFAULT '',
        description     TEXT NOT NULL DEFAULT '',
        stateful        INTEGER NOT NULL DEFAULT 1,
        is_default      INTEGER NOT NULL DEFAULT 0,
        revision_number INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
    );
    CREATE INDEX security_groups_project ON security_groups(project_id);
    CREATE UNIQUE INDEX security_groups_one_default
        ON security_groups(project_id) WHERE is_default = 1;
    CREATE TABLE security_group_rules (
        id                TEXT PRIMARY KEY,
        security_group_id TEXT NOT NULL REFERENCES security_groups(id) ON DELETE CASCADE,
        project_id        TEXT NOT NULL,
        direction         TEXT NOT NULL,
        ethertype         TEXT NOT NULL,
        protocol          TEXT,
        port_range_min    INTEGER,
        port_range_max    INTEGER,
        remote_ip_prefix  TEXT,
        remote_group_id   TEXT REFERENCES security_groups(id) ON DELETE CASCADE,
        description       TEXT NOT NULL DEFAULT '',
        revision_number   INTEGER NOT NULL DEFAULT 0,
        created_at        INTEGER NOT NULL,
        updated_at        INTEGER NOT NULL
    );
    CREATE INDEX security_group_rules_group ON security_group_rules(security_group_id);
    CREATE TABLE port_security_groups (
        port_id           TEXT NOT NULL REFERENCES ports(id) ON DELETE CASCADE,
        security_group_id TEXT NOT NULL REFERENCES security_groups(id),
        PRIMARY KEY (port_id, security_group_id)
    );
    CREATE INDEX port_security_groups_group ON port_security_groups(security_group_id);
    CREATE TABLE floating_ips (
        id                  TEXT PRIMARY KEY,
        project_id          TEXT NOT NULL,
        floating_network_id TEXT NOT NULL REFERENCES networks(id),
        floating_port_id    TEXT NOT NULL REFERENCES ports(id),
        floating_ip_address TEXT NOT NULL,
        subnet_id           TEXT NOT NULL,
        port_id             TEXT REFERENCES ports(id) ON DELETE SET NULL,
        fixed_ip_address    TEXT,
        description         TEXT NOT NULL DEFAULT '',
        revision_number     INTEGER NOT NULL DEFAULT 0,
        created_at          INTEGER NOT NULL,
        updated_at          INTEGER NOT NULL
    );
    CREATE INDEX floating_ips_project ON floating_ips(project_id);
    CREATE INDEX floating_ips_port ON floating_ips(port_id);
    "#,
    // 5: Nova server groups. Members of deleted servers are removed with
    // the server.
    r#"
    CREATE TABLE server_groups (
        id         TEXT PRIMARY KEY,
        project_id TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        name       TEXT NOT NULL,
        policy     TEXT NOT NULL,
        rules      TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL
    );
    CREATE INDEX server_groups_project ON server_groups(project_id);
    CREATE TABLE server_group_members (
        group_id  TEXT NOT NULL REFERENCES server_groups(id) ON DELETE CASCADE,
        server_id TEXT NOT NULL,
        PRIMARY KEY (group_id, server_id)
    );
    CREATE INDEX server_group_members_server ON server_group_members(server_id);
    "#,
    // 6: Nova per-project quota overrides (os-quota-sets update); a
    // resource without a row has the default limit, -1 is unlimited.
    r#"
    CREATE TABLE compute_quotas (
        project_id TEXT NOT NULL,
        resource   TEXT NOT NULL,
        hard_limit INTEGER NOT NULL,
        PRIMARY KEY (project_id, resource)
    );
    "#,
    // 7: flavor access (private flavors) and flavor descriptions.
    r#"
    -- A deleted flavor keeps its row (deleted = 1) while servers use it, so
    -- names are unique among live flavors only: the table is rebuilt
    -- without UNIQUE (name), keeping each rowid (Nova's internal flavor id,
    -- which its flavor access messages show).
    CREATE TABLE flavors_new (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        vcpus       INTEGER NOT NULL,
        ram         INTEGER NOT NULL,
        disk        INTEGER NOT NULL,
        ephemeral   INTEGER NOT NULL DEFAULT 0,
        swap        INTEGER NOT NULL DEFAULT 0,
        rxtx_factor REAL NOT NULL DEFAULT 1.0,
        is_public   INTEGER NOT NULL DEFAULT 1,
        description TEXT,
        deleted     INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO flavors_new (rowid, id, name, vcpus, ram, disk, ephemeral, swap,
                             rxtx_factor, is_public, description)
        SELECT rowid, id, name, vcpus, ram, disk, ephemeral, swap, rxtx_factor,
               is_public, description FROM flavors;
    CREATE TABLE flavor_extra_specs_new (
        flavor_id TEXT NOT NULL REFERENCES flavors_new(id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        value     TEXT NOT NULL,
        PRIMARY KEY (flavor_id, key)
    );
    INSERT INTO flavor_extra_specs_new (flavor_id, key, value)
        SELECT flavor_id, key, value FROM flavor_extra_specs;
    -- Children first: dropping flavors would cascade into the old specs.
    DROP TABLE flavor_extra_specs;
    DROP TABLE flavors;
    -- Renaming also points the new specs' foreign key at "flavors".
    ALTER TABLE flavors_new RENAME TO flavors;
    ALTER TABLE flavor_extra_specs_new RENAME TO flavor_extra_specs;
    CREATE UNIQUE INDEX flavors_live_name ON flavors(name) WHERE deleted = 0;
    -- Projects that may see and use a private flavor.
    CREATE TABLE flavor_projects (
        flavor_id  TEXT NOT NULL REFERENCES flavors(id) ON DELETE CASCADE,
        project_id TEXT NOT NULL,
        PRIMARY KEY (flavor_id, project_id)
    );
    CREATE INDEX flavor_projects_project ON flavor_projects(project_id);
    "#,
    // 8: compute hosts: hypervisors, services, aggregates, and the host
    // and guest CPU topology of each server.
    r#"
    -- Nova's compute_nodes: one hypervisor per host. Integer ids before
    -- microversion 2.53, uuids from it on.
    CREATE TABLE compute_nodes (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid                TEXT NOT NULL UNIQUE,
        host                TEXT NOT NULL UNIQUE,
        hypervisor_hostname TEXT NOT NULL,
        hypervisor_type     TEXT NOT NULL,
        hypervisor_version  INTEGER NOT NULL,
        host_ip             TEXT NOT NULL,
        vcpus               INTEGER NOT NULL,
        memory_mb           INTEGER NOT NULL,
        local_gb            INTEGER NOT NULL,
        cpu_info            TEXT NOT NULL,
        created_at          INTEGER NOT NULL
    );
    CREATE TABLE compute_services (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid            TEXT NOT NULL UNIQUE,
        host            TEXT NOT NULL,
        binary          TEXT NOT NULL,
        disabled        INTEGER NOT NULL DEFAULT 0,
        disabled_reason TEXT,
        forced_down     INTEGER NOT NULL DEFAULT 0,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        UNIQUE (host, binary)
    );
    CREATE TABLE aggregates (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid       TEXT NOT NULL UNIQUE,
        name       TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        updated_at INTEGER
    );
    CREATE TABLE aggregate_hosts (
        aggregate_id INTEGER NOT NULL REFERENCES aggregates(id) ON DELETE CASCADE,
        host         TEXT NOT NULL,
        PRIMARY KEY (aggregate_id, host)
    );
    CREATE INDEX aggregate_hosts_host ON aggregate_hosts(host);
    -- The availability zone of an aggregate is its metadata key
    -- availability_zone, as in Nova.
    CREATE TABLE aggregate_metadata (
        aggregate_id INTEGER NOT NULL REFERENCES aggregates(id) ON DELETE CASCADE,
        key          TEXT NOT NULL,
        value        TEXT NOT NULL,
        PRIMARY KEY (aggregate_id, key)
    );
    -- host is NULL for a server no host took (NoValidHost) and for a
    -- shelved-offloaded one; old_host is the resize source for a revert.
    -- Existing servers get a host when the hosts are seeded.
    ALTER TABLE servers ADD COLUMN host TEXT;
    ALTER TABLE servers ADD COLUMN old_host TEXT;
    -- The guest CPU topology the "hypervisor" chose (NULL: one socket per vCPU).
    ALTER TABLE servers ADD COLUMN cpu_sockets INTEGER;
    ALTER TABLE servers ADD COLUMN cpu_cores INTEGER;
    ALTER TABLE servers ADD COLUMN cpu_threads INTEGER;
    -- The last instance fault, shown for servers in ERROR.
    ALTER TABLE servers ADD COLUMN fault_code INTEGER;
    ALTER TABLE servers ADD COLUMN fault_message TEXT;
    ALTER TABLE servers ADD COLUMN fault_details TEXT;
    ALTER TABLE servers ADD COLUMN fault_created_at INTEGER;
    CREATE INDEX servers_host ON servers(host);
    "#,
    // 9: Swift. Object data lives in files, `<data dir>/objects/<file>`; a
    // row is committed only once its file is complete. Metadata columns are
    // JSON objects of lowercased header names to values; times are
    // microseconds except delete_at (Unix seconds, as X-Delete-At).
    r#"
    CREATE TABLE swift_accounts (
        name       TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        meta       TEXT NOT NULL DEFAULT '{}'
    );
    -- put_at is the last PUT (Last-Modified); counts and bytes change in
    -- the same transaction as the container's objects.
    CREATE TABLE swift_containers (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        account      TEXT NOT NULL,
        name         TEXT NOT NULL,
        policy       TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        put_at       INTEGER NOT NULL,
        object_count INTEGER NOT NULL DEFAULT 0,
        bytes_used   INTEGER NOT NULL DEFAULT 0,
        read_acl     TEXT,
        write_acl    TEXT,
        meta         TEXT NOT NULL DEFAULT '{}',
        UNIQUE (account, name)
    );
    -- Clustered by (container, name) so listings are range scans in
    -- Swift's UTF-8 byte order (SQLite compares TEXT with memcmp). For an
    -- SLO manifest, size and etag are the manifest's own and slo_* describe
    -- the joined segments; file is NULL for an empty object.
    CREATE TABLE swift_objects (
        container_id INTEGER NOT NULL REFERENCES swift_containers(id),
        name         TEXT NOT NULL,
        size         INTEGER NOT NULL,
        etag         TEXT NOT NULL,
        content_type TEXT NOT NULL,
        timestamp    INTEGER NOT NULL,
        delete_at    INTEGER,
        file         TEXT,
        headers      TEXT NOT NULL DEFAULT '{}',
        slo_etag     TEXT,
        slo_size     INTEGER,
        PRIMARY KEY (container_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX swift_objects_expiry ON swift_objects(delete_at)
        WHERE delete_at IS NOT NULL;
    "#,
    // 10: Heat. Templates, environments and resolved parameters are JSON.
    // A deleted stack keeps its row (Heat shows DELETE_COMPLETE by id).
    r#"
    CREATE TABLE heat_stacks (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        project_id       TEXT NOT NULL,
        user_id          TEXT NOT NULL,
        owner_name       TEXT NOT NULL,
        parent_id        TEXT REFERENCES heat_stacks(id) ON DELETE CASCADE,
        parent_resource  TEXT,
        action           TEXT NOT NULL,
        status           TEXT NOT NULL,
        status_reason    TEXT NOT NULL DEFAULT '',
        template         TEXT NOT NULL,
        environment      TEXT NOT NULL,
        parameters       TEXT NOT NULL,
        timeout_mins     INTEGER,
        disable_rollback INTEGER NOT NULL DEFAULT 1,
        tags             TEXT,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER,
        deleted_at       INTEGER
    );
    CREATE INDEX heat_stacks_project ON heat_stacks(project_id, created_at);
    CREATE UNIQUE INDEX heat_stacks_live_name ON heat_stacks(project_id, name)
        WHERE deleted_at IS NULL;
    CREATE TABLE heat_resources (
        stack_id      TEXT NOT NULL REFERENCES heat_stacks(id) ON DELETE CASCADE,
        name          TEXT NOT NULL,
        id            TEXT NOT NULL,
        type          TEXT NOT NULL,
        physical_id   TEXT NOT NULL DEFAULT '',
        action        TEXT NOT NULL,
        status        TEXT NOT NULL,
        status_reason TEXT NOT NULL DEFAULT '',
        properties    TEXT NOT NULL DEFAULT '{}',
        data          TEXT NOT NULL DEFAULT '{}',
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER,
        PRIMARY KEY (stack_id, name)
    ) WITHOUT ROWID;
    CREATE TABLE heat_events (
        seq           INTEGER PRIMARY KEY AUTOINCREMENT,
        id            TEXT NOT NULL UNIQUE,
        stack_id      TEXT NOT NULL REFERENCES heat_stacks(id) ON DELETE CASCADE,
        resource_name TEXT NOT NULL,
        physical_id   TEXT NOT NULL DEFAULT '',
        resource_type TEXT NOT NULL,
        action        TEXT NOT NULL,
        status        TEXT NOT NULL,
        status_reason TEXT NOT NULL DEFAULT '',
        created_at    INTEGER NOT NULL
    );
    CREATE INDEX heat_events_stack ON heat_events(stack_id, seq);
    "#,
];

/// Shared handle to the database.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) the database in `data_dir` and migrates it.
    pub fn open(data_dir: &Path) -> Result<Db, Error> {
        std::fs::create_dir_all(data_dir).map_err(|source| Error::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let path = data_dir.join(DB_FILE);
        let open_err = |source| Error::OpenDatabase {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_err)?;
        // WAL lets a second process (e.g. sqlite3 for debugging) read while
        // we write; the busy timeout covers the brief checkpoint locks.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open_err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(open_err)?;
        migrate(&mut conn, &path)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on the blocking thread pool.
    pub async fn call<T, F>(&self, f: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, Error> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock cannot leave SQLite itself
            // inconsistent (transactions roll back), so poisoning is ignored.
            let mut guard = conn.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut guard)
        })
        .await?
    }
}

fn current_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_version (
             version    INTEGER PRIMARY KEY,
             applied_at INTEGER NOT NULL
         );",
    )?;
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_version",
        [],
        |r| r.get(0),
    )
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<(), Error> {
    let found = current_version(conn).map_err(|source| Error::OpenDatabase {
        path: path.to_owned(),
        source,
    })?;
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(Error::SchemaTooNew {
            path: PathBuf::from(path),
            found,
            known,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = index as i64 + 1;
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)",
            params![version, now_micros()],
        )?;
        tx.commit()?;
        tracing::info!(version, "applied database migration");
    }
    Ok(())
}

/// Sets the columns of one row of `table` whose new value is `Some`: the
/// partial updates of PUT requests.
pub fn update_columns(
    conn: &Connection,
    table: &str,
    id: &str,
    changes: &[(&str, Option<&dyn rusqlite::ToSql>)],
) -> rusqlite::Result<()> {
    for (column, value) in changes {
        if let Some(value) = value {
            conn.execute(
                &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
                rusqlite::params![id, value],
            )?;
        }
    }
    Ok(())
}

/// A new Keystone-style id: 32 lowercase hex characters.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Current time in microseconds since the Unix epoch.
pub fn now_micros() -> i64 {
    chrono::Utc::now().timestamp_micros()
}

/// Names of the seeded objects, used by seeding, password sync and tests.
pub mod seed {
    pub const DEFAULT_DOMAIN_ID: &str = "default";
    pub const DEFAULT_DOMAIN_NAME: &str = "Default";
    pub const ADMIN_USER: &str = "admin";
    pub const DEMO_USER: &str = "demo";
    pub const REGION: &str = "RegionOne";
}

/// Creates the standard demo objects on the first start only, so that
/// objects a user deletes later stay deleted. Returns whether it seeded.
///
/// Every statement is also idempotent on its own, so a rerun after a crash
/// (or a forced reseed) cannot duplicate anything.
pub fn seed(conn: &mut Connection) -> Result<bool, Error> {
    use seed::*;
    let tx = conn.transaction()?;
    let seeded: Option<String> = tx
        .query_row("SELECT value FROM meta WHERE key = 'seeded'", [], |r| {
            r.get(0)
        })
        .optional()?;
    if seeded.is_some() {
        return Ok(false);
    }
    tx.execute(
        "INSERT OR IGNORE INTO domains (id, name, description, enabled)
         VALUES (?1, ?2, 'The default domain', 1)",
        params![DEFAULT_DOMAIN_ID, DEFAULT_DOMAIN_NAME],
    )?;
    for role in ["admin", "member", "reader"] {
        tx.execute(
            "INSERT OR IGNORE INTO roles (id, name) VALUES (?1, ?2)",
            params![new_id(), role],
        )?;
    }
    for (name, description) in [
        ("admin", "Bootstrap project for initializing the cloud."),
        ("demo", "Project for the demo user."),
        ("alt_demo", "A second project for the demo user."),
        ("service", "Project for service users."),
    ] {
        tx.execute(
            "INSERT OR IGNORE INTO projects (id, name, domain_id, description, enabled)
             VALUES (?1, ?2, ?3, ?4, 1)",
            params![new_id(), name, DEFAULT_DOMAIN_ID, description],
        )?;
    }
    for (user, project) in [(ADMIN_USER, "admin"), (DEMO_USER, "demo")] {
        let project_id = lookup_id(&tx, "projects", project)?;
        tx.execute(
            "INSERT OR IGNORE INTO users (id, name, domain_id, enabled, default_project_id)
             VALUES (?1, ?2, ?3, 1, ?4)",
            params![new_id(), user, DEFAULT_DOMAIN_ID, project_id],
        )?;
    }
    let grants: &[(&str, &str, Option<&str>)] = &[
        (ADMIN_USER, "admin", Some("admin")),
        (ADMIN_USER, "member", Some("demo")),
        // Lets the admin take a domain-scoped token, as after keystone-manage bootstrap.
        (ADMIN_USER, "admin", None),
        (DEMO_USER, "member", Some("demo")),
        (DEMO_USER, "reader", Some("demo")),
        (DEMO_USER, "member", Some("alt_demo")),
        (DEMO_USER, "reader", Some("alt_demo")),
    ];
    for (user, role, project) in grants {
        let user_id = lookup_id(&tx, "users", user)?;
        let role_id = lookup_id(&tx, "roles", role)?;
        // UNIQUE does not see NULLs as equal, so check before inserting.
        let (project_id, domain_id) = match project {
            Some(p) => (Some(lookup_id(&tx, "projects", p)?), None),
            None => (None, Some(DEFAULT_DOMAIN_ID.to_owned())),
        };
        tx.execute(
            "INSERT INTO role_assignments (user_id, role_id, project_id, domain_id)
             SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (
                 SELECT 1 FROM role_assignments WHERE user_id = ?1 AND role_id = ?2
                 AND project_id IS ?3 AND domain_id IS ?4)",
            params![user_id, role_id, project_id, domain_id],
        )?;
    }
    tx.execute(
        "INSERT OR IGNORE INTO regions (id, description) VALUES (?1, '')",
        params![REGION],
    )?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('seeded', ?1)",
        params![now_micros().to_string()],
    )?;
    tx.commit()?;
    Ok(true)
}

/// Id of a seeded object by name (users and projects in the default domain).
fn lookup_id(conn: &Connection, table: &str, name: &str) -> Result<String, Error> {
    let sql = match table {
        "users" | "projects" => {
            format!("SELECT id FROM {table} WHERE name = ?1 AND domain_id = 'default'")
        }
        _ => format!("SELECT id FROM {table} WHERE name = ?1"),
    };
    conn.query_row(&sql, params![name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Internal(format!("seed object {table}/{name} is missing")))
}

/// Current password hash of a user in the default domain, if the user exists.
pub fn password_hash_of(conn: &Connection, user: &str) -> Result<Option<Option<String>>, Error> {
    Ok(conn
        .query_row(
            "SELECT password_hash FROM users WHERE name = ?1 AND domain_id = ?2",
            params![user, seed::DEFAULT_DOMAIN_ID],
            |r| r.get(0),
        )
        .optional()?)
}

/// Stores a new password hash and revokes the user's tokens, as Keystone
/// does when a password changes.
pub fn set_password_hash(conn: &mut Connection, user: &str, hash: &str) -> Result<(), Error> {
    let tx = conn.transaction()?;
    tx.execute(
        "UPDATE users SET password_hash = ?1 WHERE name = ?2 AND domain_id = ?3",
        params![hash, user, seed::DEFAULT_DOMAIN_ID],
    )?;
    tx.execute(
        "UPDATE tokens SET revoked = 1 WHERE user_id IN
             (SELECT id FROM users WHERE name = ?1 AND domain_id = ?2)",
        params![user, seed::DEFAULT_DOMAIN_ID],
    )?;
    tx.commit()?;
    Ok(())
}

/// Drops tokens that expired: they can never validate again.
pub fn purge_expired_tokens(conn: &Connection) -> Result<usize, Error> {
    Ok(conn.execute(
        "DELETE FROM tokens WHERE expires_at < ?1",
        params![now_micros()],
    )?)
}

/// Runs `f` with the connection for a handler with its own fault type `E`
/// (Nova's, Glance's): `f`'s error passes through, the database's converts.
pub async fn call<T, E, F>(st: &crate::state::AppState, f: F) -> Result<T, E>
where
    T: Send + 'static,
    E: From<Error> + Send + 'static,
    F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
{
    st.db.call(move |c| Ok(f(c))).await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrate_and_seed_are_idempotent() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = Db::open(dir.path()).expect("open");
        let count = |conn: &Connection, table: &str| -> i64 {
            conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                .expect("count")
        };
        let first = {
            let mut conn = db.conn.lock().expect("lock");
            assert!(seed(&mut conn).expect("seed"));
            assert!(!seed(&mut conn).expect("seed again"));
            // Even a forced rerun adds nothing.
            conn.execute("DELETE FROM meta", [])
                .expect("forget seeding");
            assert!(seed(&mut conn).expect("forced reseed"));
            (
                count(&conn, "users"),
                count(&conn, "projects"),
                count(&conn, "role_assignments"),
            )
        };
        assert_eq!(first, (2, 4, 7));
        drop(db);
        // Reopening runs no migration twice and keeps the data.
        let db = Db::open(dir.path()).expect("reopen");
        let mut conn = db.conn.lock().expect("lock");
        assert!(!seed(&mut conn).expect("seed after reopen"));
        assert_eq!(count(&conn, "role_assignments"), 7);
        assert_eq!(count(&conn, "schema_version"), MIGRATIONS.len() as i64);
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        drop(Db::open(dir.path()).expect("open"));
        let conn = Connection::open(dir.path().join(DB_FILE)).expect("raw open");
        conn.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (999, 0)",
            [],
        )
        .expect("bump");
        drop(conn);
        match Db::open(dir.path()) {
            Err(Error::SchemaTooNew { found: 999, .. }) => {}
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("opened a database from the future"),
        }
    }

    #[test]
    fn ids_are_32_hex() {
        let id = new_id();
        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    }
}
