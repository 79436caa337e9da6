//! Command-line flags. Cloud selection follows the OpenStack tools:
//! `--cloud` (or `OS_CLOUD`) names a cloud in clouds.yaml, else `OS_AUTH_URL`
//! and friends, else the embedded demo cloud.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::sessions::StoreKind;

#[derive(Parser, Debug)]
#[command(name = "zenith", version, about = "Zenith, an OpenStack dashboard.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A cloud in clouds.yaml (searched in OS_CLIENT_CONFIG_FILE, ./clouds.yaml,
    /// ~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml). Without it,
    /// OS_AUTH_URL and the other OS_* variables select the cloud; with neither,
    /// Zenith starts its demo cloud.
    #[arg(long, env = "OS_CLOUD", value_name = "NAME")]
    pub cloud: Option<String>,

    /// Address the dashboard listens on.
    #[arg(
        long,
        env = "ZENITH_LISTEN",
        default_value = "127.0.0.1:3000",
        value_name = "ADDR"
    )]
    pub listen: SocketAddr,

    /// Where sessions are kept: `memory` (one replica) or `redis://host:port`
    /// (several replicas behind a load balancer).
    #[arg(
        long,
        env = "ZENITH_SESSION_STORE",
        default_value = "memory",
        value_name = "STORE"
    )]
    pub session_store: StoreKind,

    /// Mark the session cookie Secure; use it when Zenith is served over HTTPS.
    #[arg(long, env = "ZENITH_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// Object uploads larger than this many bytes go to Swift as static
    /// large objects, in segments of this size.
    #[arg(
        long,
        env = "ZENITH_OBJECT_SEGMENT_SIZE",
        default_value_t = crate::object_data::DEFAULT_SEGMENT_SIZE,
        value_parser = clap::value_parser!(u64).range(1..),
        value_name = "BYTES"
    )]
    pub object_segment_size: u64,

    /// The site built by cargo-leptos (holds pkg/).
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        value_name = "DIR"
    )]
    pub site_root: String,

    /// Address the embedded demo cloud listens on (port 0 picks a free
    /// port); pin it to know the demo cloud's URL in advance.
    #[arg(
        long,
        env = "ZENITH_DEMOCLOUD_LISTEN",
        default_value = "127.0.0.1:0",
        value_name = "ADDR"
    )]
    pub democloud_listen: SocketAddr,

    /// How often the health sampler probes every endpoint, in seconds.
    #[arg(
        long,
        env = "ZENITH_HEALTH_INTERVAL",
        default_value_t = 15,
        value_parser = clap::value_parser!(u64).range(1..=3600),
        value_name = "SECONDS"
    )]
    pub health_interval: u64,

    /// Keep the health timeline in DATA_DIR/health-timeline.jsonl, so it
    /// survives restarts (it is in memory only otherwise).
    #[arg(long, env = "ZENITH_HEALTH_PERSIST")]
    pub health_persist: bool,

    #[command(flatten)]
    pub demo: DemoArgs,
}

/// Settings of the demo cloud, embedded or alone.
#[derive(Args, Debug, Clone)]
pub struct DemoArgs {
    /// Where the demo cloud keeps its state (SQLite and files); it survives restarts.
    #[arg(long, env = "ZENITH_DATA_DIR", value_name = "DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Password of the demo cloud's `admin` user (default `admin`).
    #[arg(
        long,
        env = "ZENITH_ADMIN_PASSWORD",
        value_name = "PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub admin_password: Option<String>,

    /// Password of the demo cloud's `demo` user (default `demo`).
    #[arg(
        long,
        env = "ZENITH_DEMO_PASSWORD",
        value_name = "PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub demo_password: Option<String>,

    /// How long the demo cloud's tokens live, in seconds.
    #[arg(
        long,
        env = "ZENITH_TOKEN_TTL",
        default_value_t = 3600,
        value_name = "SECONDS",
        global = true
    )]
    pub token_ttl: u64,

    /// How long a demo-cloud server stays in a transitional state (BUILD,
    /// powering-off…) before it settles, in milliseconds.
    #[arg(
        long,
        env = "ZENITH_BUILD_DELAY_MS",
        default_value_t = 2000,
        value_name = "MS",
        global = true
    )]
    pub build_delay_ms: u64,

    /// Inject a fault into a demo-cloud service from the start, as
    /// SERVICE=MODE[:LATENCY_MS]: `compute=unavailable` (503), `nova=refused`
    /// (connections dropped), `image=slow:2000` (2 s added). Repeatable; an
    /// admin changes faults at run time under /zenith/v1/faults.
    #[arg(
        long = "fault",
        value_name = "SPEC",
        global = true,
        value_parser = democloud::parse_fault_spec
    )]
    pub faults: Vec<(String, democloud::Fault)>,
}

impl DemoArgs {
    /// `--data-dir`, else `$XDG_DATA_HOME/zenith`, else `~/.local/share/zenith`.
    pub fn data_dir(&self) -> PathBuf {
        if let Some(dir) = &self.data_dir {
            return dir.clone();
        }
        if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
            return PathBuf::from(xdg).join("zenith");
        }
        match std::env::var_os("HOME") {
            Some(home) => PathBuf::from(home).join(".local/share/zenith"),
            None => PathBuf::from("zenith-data"),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the demo cloud alone (Keystone-compatible), for the `openstack` CLI.
    Democloud {
        /// Address the demo cloud listens on.
        #[arg(long, default_value = "127.0.0.1:5001", value_name = "ADDR")]
        listen: SocketAddr,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_and_the_demo_cloud_address_parse() {
        let cli = Cli::try_parse_from([
            "zenith",
            "--democloud-listen",
            "127.0.0.1:5002",
            "--fault",
            "nova=refused",
        ])
        .expect("parses");
        assert_eq!(
            cli.democloud_listen,
            "127.0.0.1:5002".parse().expect("addr")
        );
        assert_eq!(cli.demo.faults.len(), 1);
        assert_eq!(cli.demo.faults[0].0, "compute");

        let cli = Cli::try_parse_from([
            "zenith",
            "democloud",
            "--fault",
            "compute=unavailable",
            "--fault",
            "image=slow:2000",
        ])
        .expect("parses");
        let faults: Vec<(&str, democloud::FaultMode, u64)> = cli
            .demo
            .faults
            .iter()
            .map(|(s, f)| (s.as_str(), f.mode, f.latency_ms))
            .collect();
        assert_eq!(
            faults,
            [
                ("compute", democloud::FaultMode::Unavailable, 0),
                ("image", democloud::FaultMode::Slow, 2000),
            ]
        );

        let err = Cli::try_parse_from(["zenith", "--fault", "image=slow"]).expect_err("no latency");
        assert!(err.to_string().contains("image=slow:2000"), "{err}");
    }
}
