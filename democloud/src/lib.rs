//! Demo cloud: an OpenStack-API-compatible cloud that Zenith embeds.
//!
//! `zenith` starts it on loopback when no cloud is configured, and
//! `zenith democloud` runs it alone, so the official `openstack` CLI must
//! work against it. State lives in SQLite inside a data directory.
//!
//! ```no_run
//! # async fn demo() -> Result<(), democloud::Error> {
//! let cloud = democloud::DemoCloud::start(democloud::Config::default()).await?;
//! println!("auth_url: {}", cloud.auth_url());
//! cloud.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod catalog;
mod compute;
mod db;
mod error;
mod fault;
mod http;
mod identity;
mod image;
mod network;
mod object_store;
mod orchestration;
mod password;
mod state;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::db::Db;
pub use crate::error::Error;
use crate::fault::Faults;
pub use crate::fault::{parse_fault_spec, Fault, FaultMode, MAX_LATENCY_MS};
use crate::state::AppState;

/// How to run the demo cloud.
#[derive(Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Directory for `democloud.sqlite`; created if missing.
    pub data_dir: PathBuf,
    /// Password of user `admin`; `None` means `admin`.
    pub admin_password: Option<String>,
    /// Password of user `demo`; `None` means `demo`.
    pub demo_password: Option<String>,
    /// Lifetime of issued tokens.
    pub token_ttl: Duration,
    /// How long a compute server stays in a transitional state (`BUILD`,
    /// `REBOOT`, powering off...) before it settles.
    pub build_delay: Duration,
    /// Faults injected from the start, as (service type or name, fault);
    /// see [`parse_fault_spec`]. The admin API under `/zenith/v1/faults`
    /// changes them while the cloud runs.
    pub faults: Vec<(String, Fault)>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 5001)),
            data_dir: PathBuf::from("./zenith-data"),
            admin_password: None,
            demo_password: None,
            token_ttl: Duration::from_secs(3600),
            build_delay: Duration::from_secs(2),
            faults: Vec::new(),
        }
    }
}

// Hand-written so that logging a Config never prints a password.
impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redact = |p: &Option<String>| p.as_ref().map(|_| "<redacted>");
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("admin_password", &redact(&self.admin_password))
            .field("demo_password", &redact(&self.demo_password))
            .field("token_ttl", &self.token_ttl)
            .field("build_delay", &self.build_delay)
            .field("faults", &self.faults)
            .finish()
    }
}

/// A running demo cloud. Dropping it also stops the server, without waiting.
pub struct DemoCloud {
    addr: SocketAddr,
    base_url: String,
    admin_password: String,
    demo_password: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

// Passwords are left out on purpose.
impl std::fmt::Debug for DemoCloud {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoCloud")
            .field("addr", &self.addr)
            .field("auth_url", &self.auth_url())
            .finish_non_exhaustive()
    }
}

/// How long [`DemoCloud::shutdown`] waits for open requests to finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

impl DemoCloud {
    /// Binds, migrates and seeds the database, applies the configured
    /// passwords, and serves in a background task. Returns once the socket
    /// accepts connections.
    pub async fn start(config: Config) -> Result<DemoCloud, Error> {
        let faults = configured_faults(&config.faults)?;
        let listen_error = |e: std::io::Error| Error::Listen {
            addr: config.listen,
            reason: describe_listen_error(&e),
        };
        // Bind first: the catalog needs the real port, and a busy port should
        // fail before any disk work.
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(listen_error)?;
        let addr = listener.local_addr().map_err(listen_error)?;
        let base_url = base_url_for(addr);

        let admin_password = config.admin_password.unwrap_or_else(|| "admin".to_owned());
        let demo_password = config.demo_password.unwrap_or_else(|| "demo".to_owned());

        let data_dir = config.data_dir.clone();
        let db = tokio::task::spawn_blocking(move || Db::open(&data_dir)).await??;
        let catalog_base = base_url.clone();
        let seed_dir = config.data_dir.clone();
        db.call(move |c| {
            if db::seed(c)? {
                tracing::info!("seeded a new demo cloud");
            }
            if compute::seed(c)? {
                tracing::info!("seeded the compute service");
            }
            if image::seed(c, &seed_dir)? {
                tracing::info!("seeded the image service");
            }
            // After compute: the seeded servers get ports.
            if network::seed(c)? {
                tracing::info!("seeded the network service");
            }
            // Whatever a crash left of uploads goes before anything is served.
            object_store::cleanup(c, &seed_dir)?;
            if object_store::seed(c, &seed_dir)? {
                tracing::info!("seeded the object store");
            }
            orchestration::recover(c)?;
            catalog::sync(c, &catalog_base)?;
            db::purge_expired_tokens(c)?;
            Ok(())
        })
        .await?;
        tokio::try_join!(
            apply_password(&db, db::seed::ADMIN_USER, &admin_password),
            apply_password(&db, db::seed::DEMO_USER, &demo_password),
        )?;

        let app = router(AppState {
            db,
            base_url: Arc::from(base_url.as_str()),
            token_ttl: config.token_ttl,
            build_delay: config.build_delay,
            data_dir: Arc::new(config.data_dir.clone()),
            faults,
        });
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                // A dropped sender stops the server too.
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "democloud server stopped with an error");
            }
        });
        tracing::info!(auth_url = %format!("{base_url}/v3"), "democloud is listening");
        Ok(DemoCloud {
            addr,
            base_url,
            admin_password,
            demo_password,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The address actually bound (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Keystone URL for clients, e.g. `http://127.0.0.1:5001/v3`.
    pub fn auth_url(&self) -> String {
        format!("{}/v3", self.base_url)
    }

    pub fn admin_password(&self) -> &str {
        &self.admin_password
    }

    pub fn demo_password(&self) -> &str {
        &self.demo_password
    }

    /// A `clouds.yaml` with clouds `democloud-admin` and `democloud-demo`.
    pub fn clouds_yaml(&self) -> String {
        let auth_url = self.auth_url();
        let mut out = String::from("clouds:\n");
        for (cloud, user, password, project) in [
            (
                "democloud-admin",
                "admin",
                self.admin_password.as_str(),
                "admin",
            ),
            (
                "democloud-demo",
                "demo",
                self.demo_password.as_str(),
                "demo",
            ),
        ] {
            out.push_str(&format!(
                "  {cloud}:\n    auth:\n      auth_url: {}\n      username: {}\n      password: {}\n      \
                 project_name: {}\n      user_domain_name: Default\n      project_domain_name: Default\n    \
                 region_name: RegionOne\n    interface: public\n    identity_api_version: 3\n",
                yaml_string(&auth_url),
                yaml_string(user),
                yaml_string(password),
                yaml_string(project),
            ));
        }
        out
    }

    /// Writes [`Self::clouds_yaml`] to `path`, readable only by the owner
    /// because it holds passwords.
    pub fn write_clouds_yaml(&self, path: &Path) -> Result<(), Error> {
        let write_error = |source| Error::WriteFile {
            path: path.to_owned(),
            source,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(path).map_err(write_error)?;
        std::io::Write::write_all(&mut file, self.clouds_yaml().as_bytes()).map_err(write_error)
    }

    /// Stops accepting connections and waits (briefly) for open requests.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
                .await
                .is_err()
            {
                tracing::warn!("democloud did not stop in time; aborting open connections");
                task.abort();
            }
        }
        tracing::info!("democloud stopped");
    }
}

impl Drop for DemoCloud {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The HTTP application: every service of [`catalog::SERVICES`] and the
/// fault API, plus the shared middleware and OpenStack-style fallbacks.
fn router(state: AppState) -> Router {
    let mut app = Router::new();
    for service in catalog::SERVICES {
        app = app.merge((service.routes)());
    }
    app.merge(fault::routes())
        .fallback(http::not_found)
        .method_not_allowed_fallback(http::method_not_allowed)
        // Inside the request context, so injected 503s get a request id
        // and are logged.
        .layer(axum::middleware::from_fn_with_state(
            state.faults.clone(),
            fault::inject,
        ))
        .layer(axum::middleware::from_fn(http::request_context))
        .with_state(state)
}

/// The table of [`Config::faults`], each checked; a bad one stops the start.
fn configured_faults(configured: &[(String, Fault)]) -> Result<Faults, Error> {
    let faults = Faults::default();
    for (name, fault) in configured {
        let invalid = |reason: String| Error::Fault {
            service: name.clone(),
            reason,
        };
        let service =
            fault::service_named(name).ok_or_else(|| invalid(fault::unknown_service(name)))?;
        fault.check().map_err(invalid)?;
        faults.set(service.service_type, *fault);
        tracing::warn!(
            service = service.service_type,
            mode = %fault.mode,
            latency_ms = fault.latency_ms,
            "fault injected from the configuration"
        );
    }
    Ok(faults)
}

/// Sets a seeded user's password to `password` unless it already is; a
/// change revokes the user's tokens.
async fn apply_password(db: &Db, user: &'static str, password: &str) -> Result<(), Error> {
    let Some(current) = db.call(move |c| db::password_hash_of(c, user)).await? else {
        tracing::warn!(user, "seeded user is missing; its password was not set");
        return Ok(());
    };
    let password = password.to_owned();
    // Verifying first keeps tokens valid across restarts with the same
    // password; it costs the same as hashing.
    let new_hash = tokio::task::spawn_blocking(move || {
        if password::verify(&password, current.as_deref()) {
            Ok(None)
        } else {
            password::hash(&password).map(Some)
        }
    })
    .await??;
    if let Some(hash) = new_hash {
        db.call(move |c| db::set_password_hash(c, user, &hash))
            .await?;
        tracing::info!(user, "password set from configuration");
    }
    Ok(())
}

/// `http://host:port` for URLs handed to clients. A wildcard listen address
/// is not reachable as such, so loopback is advertised instead.
fn base_url_for(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

fn describe_listen_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::AddrInUse => "address in use".to_owned(),
        ErrorKind::AddrNotAvailable => "address not available on this machine".to_owned(),
        ErrorKind::PermissionDenied => {
            "permission denied (ports below 1024 need privileges)".to_owned()
        }
        _ => e.to_string(),
    }
}

/// A YAML double-quoted scalar; JSON string syntax is valid YAML.
fn yaml_string(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_advertises_loopback_for_wildcards() {
        assert_eq!(
            base_url_for("0.0.0.0:5001".parse().expect("addr")),
            "http://127.0.0.1:5001"
        );
        assert_eq!(
            base_url_for("[::]:5001".parse().expect("addr")),
            "http://[::1]:5001"
        );
        assert_eq!(
            base_url_for("192.0.2.7:80".parse().expect("addr")),
            "http://192.0.2.7:80"
        );
    }

    /// The embedding program spawns `start` and passes errors across
    /// threads (e.g. into anyhow), so these bounds are part of the API.
    #[test]
    fn public_types_are_thread_safe() {
        fn send<T: Send>(_: &T) {}
        fn send_sync<T: Send + Sync + 'static>() {}
        send_sync::<Error>();
        send_sync::<DemoCloud>();
        send_sync::<Config>();
        let start = DemoCloud::start(Config::default());
        send(&start);
        // Type-checked, never run.
        fn _shutdown_is_send(cloud: DemoCloud) {
            send(&cloud.shutdown());
        }
    }

    #[test]
    fn config_debug_hides_passwords() {
        let config = Config {
            admin_password: Some("hunter2".into()),
            ..Config::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            shown.contains("<redacted>") && shown.contains("5001"),
            "{shown}"
        );
    }

    #[test]
    fn yaml_strings_are_quoted() {
        assert_eq!(yaml_string("a: b"), "\"a: b\"");
        assert_eq!(yaml_string("quote\"s"), "\"quote\\\"s\"");
    }
}
