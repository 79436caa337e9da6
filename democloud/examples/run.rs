//! Runs the demo cloud until Ctrl-C, e.g. to try the `openstack` CLI:
//!
//! ```sh
//! cargo run -p democloud --example run -- 127.0.0.1:5001 ./zenith-data
//! ```
//!
//! Both arguments are optional. A `clouds.yaml` is written to the data
//! directory; use it with `OS_CLIENT_CONFIG_FILE=<data dir>/clouds.yaml`.

use democloud::{Config, DemoCloud};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let mut args = std::env::args().skip(1);
    let mut config = Config::default();
    if let Some(listen) = args.next() {
        config.listen = listen.parse()?;
    }
    if let Some(dir) = args.next() {
        config.data_dir = dir.into();
    }
    let data_dir = config.data_dir.clone();
    let cloud = DemoCloud::start(config).await?;
    let clouds_yaml = data_dir.join("clouds.yaml");
    cloud.write_clouds_yaml(&clouds_yaml)?;
    println!("auth_url:    {}", cloud.auth_url());
    println!(
        "admin / {}   demo / {}",
        cloud.admin_password(),
        cloud.demo_password()
    );
    println!("clouds.yaml: {}", clouds_yaml.display());
    tokio::signal::ctrl_c().await?;
    cloud.shutdown().await;
    Ok(())
}
