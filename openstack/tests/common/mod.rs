//! A demo cloud with demo/demo logged in, for the client's integration tests.
// Each test crate uses only some of these.
#![allow(dead_code)]

use std::time::Duration;

use openstack::identity::{DomainRef, PasswordCredentials, Scope};
use openstack::{Client, ClientOptions, Session};

pub struct Cloud {
    pub cloud: democloud::DemoCloud,
    pub session: Session,
    // Kept so the data directory outlives the cloud.
    _dir: tempfile::TempDir,
}

impl Cloud {
    /// A demo cloud whose servers settle after `build_delay`, with
    /// demo/demo logged in to project `demo`.
    pub async fn start(build_delay: Duration) -> Cloud {
        let dir = tempfile::tempdir().expect("temp dir");
        let config = democloud::Config {
            listen: "127.0.0.1:0".parse().expect("listen address"),
            data_dir: dir.path().into(),
            build_delay,
            ..Default::default()
        };
        let cloud = democloud::DemoCloud::start(config)
            .await
            .expect("democloud starts");
        let session = login(&cloud, "demo", "demo", "demo").await;
        Cloud {
            cloud,
            session,
            _dir: dir,
        }
    }

    pub fn project_id(&self) -> String {
        self.session
            .token
            .project
            .as_ref()
            .map(|p| p.id.clone())
            .expect("scoped to a project")
    }

    pub async fn stop(self) {
        let _ = self.cloud.shutdown().await;
    }
}

/// A session of `user` scoped to `project` (both in domain Default).
pub async fn login(
    cloud: &democloud::DemoCloud,
    user: &str,
    password: &str,
    project: &str,
) -> Session {
    let client = Client::new(&ClientOptions::default()).expect("client");
    let creds = PasswordCredentials::new(user, "Default", password);
    let scope = Scope::ProjectName {
        name: project.into(),
        domain: DomainRef::Name("Default".into()),
    };
    Session::login(client, cloud.auth_url().to_string(), &creds, scope)
        .await
        .expect("logs in")
}
