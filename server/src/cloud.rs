//! Which cloud Zenith talks to: a named cloud from clouds.yaml, the `OS_*`
//! variables, or else the demo cloud, started in this process.

use std::net::SocketAddr;
use std::path::PathBuf;

use app::ssr::Backend;
use openstack::config::CloudConfig;
use openstack::{Client, ClientOptions};

use crate::error::ServerError;

/// The cloud chosen at start-up; keeps the demo cloud running while it lives.
pub struct Cloud {
    pub backend: Backend,
    pub demo: Option<democloud::DemoCloud>,
}

pub struct DemoOptions {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub admin_password: Option<String>,
    pub demo_password: Option<String>,
    pub token_ttl: std::time::Duration,
    pub build_delay: std::time::Duration,
    pub faults: Vec<(String, democloud::Fault)>,
}

pub async fn resolve(name: Option<&str>, demo: DemoOptions) -> Result<Cloud, ServerError> {
    let config = match name {
        Some(name) => Some(openstack::config::load_cloud(name)?),
        None => openstack::config::from_env(),
    };
    match config {
        Some(config) => {
            tracing::info!(auth_url = %config.auth_url, cloud = ?config.name, "using a configured cloud");
            if !demo.faults.is_empty() {
                tracing::warn!(
                    "--fault only applies to the demo cloud; ignored for a configured cloud"
                );
            }
            Ok(Cloud {
                backend: backend_for(&config)?,
                demo: None,
            })
        }
        None => {
            let cloud = democloud::DemoCloud::start(democloud::Config {
                listen: demo.listen,
                data_dir: demo.data_dir.join("democloud"),
                admin_password: demo.admin_password,
                demo_password: demo.demo_password,
                token_ttl: demo.token_ttl,
                build_delay: demo.build_delay,
                faults: demo.faults,
            })
            .await?;
            tracing::info!(auth_url = %cloud.auth_url(), "no cloud configured: started the demo cloud");
            let backend = Backend {
                client: Client::new(&ClientOptions::default())?,
                auth_url: cloud.auth_url(),
                interface: openstack::Interface::Public,
                region: Some("RegionOne".into()),
            };
            Ok(Cloud {
                backend,
                demo: Some(cloud),
            })
        }
    }
}

pub fn backend_for(config: &CloudConfig) -> Result<Backend, ServerError> {
    let client = Client::new(&config.client_options())?;
    Ok(Backend {
        client,
        auth_url: config.auth_url.clone(),
        interface: config.interface,
        region: config.region_name.clone(),
    })
}
