//! Integration tests against the demo cloud (a Keystone-compatible server
//! started in-process on 127.0.0.1).

use openstack::identity::{self, DomainRef, PasswordCredentials, Scope, UserFilter};
use openstack::{Client, ClientOptions, Error, Interface, Session};
use std::time::{Duration, Instant};

struct Cloud {
    cloud: democloud::DemoCloud,
    auth_url: String,
    // Kept so the data directory outlives the cloud.
    _dir: tempfile::TempDir,
}

impl Cloud {
    async fn start() -> Cloud {
        Cloud::start_with_ttl(None).await
    }

    async fn start_with_ttl(token_ttl: Option<Duration>) -> Cloud {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = democloud::Config {
            listen: "127.0.0.1:0".parse().expect("listen address"),
            data_dir: dir.path().into(),
            ..Default::default()
        };
        if let Some(ttl) = token_ttl {
            config.token_ttl = ttl;
        }
        let cloud = democloud::DemoCloud::start(config)
            .await
            .expect("democloud starts");
        let auth_url = cloud.auth_url().to_string();
        Cloud {
            cloud,
            auth_url,
            _dir: dir,
        }
    }

    async fn stop(self) {
        let _ = self.cloud.shutdown().await;
    }
}

fn client() -> Client {
    Client::new(&ClientOptions::default()).expect("client")
}

fn demo() -> PasswordCredentials {
    PasswordCredentials::new("demo", "Default", "demo")
}

fn admin() -> PasswordCredentials {
    PasswordCredentials::new("admin", "Default", "admin")
}

fn project(name: &str) -> Scope {
    Scope::ProjectName {
        name: name.into(),
        domain: DomainRef::Name("Default".into()),
    }
}

#[tokio::test]
async fn authenticate_demo_scoped_to_demo_by_name() {
    let c = Cloud::start().await;
    let token = identity::authenticate(&client(), &c.auth_url, &demo(), project("demo"))
        .await
        .expect("demo logs in");
    assert_eq!(token.user.name, "demo");
    assert_eq!(token.user.domain.id, "default");
    let p = token.project.as_ref().expect("scoped to a project");
    assert_eq!(p.name, "demo");
    assert!(token.has_role("member"));
    assert!(!token.is_admin());
    assert!(!token.is_expired());
    assert!(!token.secret.expose().is_empty());
    assert!(!format!("{token:?}").contains(token.secret.expose()));
    assert!(token.methods.iter().any(|m| m == "password"));

    // Also by domain id, and with the auth URL lacking /v3.
    let base = c
        .auth_url
        .trim_end_matches('/')
        .trim_end_matches("/v3")
        .to_owned();
    let scope = Scope::ProjectName {
        name: "demo".into(),
        domain: DomainRef::Id("default".into()),
    };
    let token = identity::authenticate(&client(), &base, &demo(), scope)
        .await
        .expect("auth URL without /v3 works");
    assert_eq!(token.project.map(|p| p.name).as_deref(), Some("demo"));
    c.stop().await;
}

#[tokio::test]
async fn unscoped_token_has_no_project() {
    let c = Cloud::start().await;
    let token = identity::authenticate(&client(), &c.auth_url, &demo(), Scope::Unscoped)
        .await
        .expect("unscoped login");
    assert!(token.project.is_none());
    assert!(token.roles.is_empty());
    c.stop().await;
}

#[tokio::test]
async fn wrong_password_is_unauthorized() {
    let c = Cloud::start().await;
    let creds = PasswordCredentials::new("demo", "Default", "not-the-password");
    let e = identity::authenticate(&client(), &c.auth_url, &creds, project("demo"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert_eq!(e.status(), Some(401));
    assert!(!e.to_string().contains("not-the-password"));
    c.stop().await;
}

#[tokio::test]
async fn unreachable_auth_url_fails_quickly() {
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr")
    };
    let started = Instant::now();
    let e = identity::authenticate(
        &client(),
        &format!("http://{closed}/v3"),
        &demo(),
        project("demo"),
    )
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(matches!(e, Error::Unreachable { .. }), "{e:?}");
    assert!(e
        .to_string()
        .contains("check that the cloud is running and the auth URL is right"));
}

#[tokio::test]
async fn rescope_to_alt_demo() {
    let c = Cloud::start().await;
    let client = client();
    let token = identity::authenticate(&client, &c.auth_url, &demo(), project("demo"))
        .await
        .expect("login");
    let alt = identity::rescope(&client, &c.auth_url, &token, project("alt_demo"))
        .await
        .expect("rescope to alt_demo");
    assert_eq!(
        alt.project.as_ref().map(|p| p.name.as_str()),
        Some("alt_demo")
    );
    assert_eq!(alt.user.id, token.user.id);
    assert_ne!(alt.secret, token.secret);
    assert!(alt.methods.iter().any(|m| m == "token" || m == "password"));

    // From an unscoped token, by project id.
    let unscoped = identity::authenticate(&client, &c.auth_url, &demo(), Scope::Unscoped)
        .await
        .expect("unscoped login");
    let alt_id = alt
        .project
        .as_ref()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let again = identity::rescope(
        &client,
        &c.auth_url,
        &unscoped,
        Scope::ProjectId(alt_id.clone()),
    )
    .await
    .expect("rescope by id");
    assert_eq!(again.project_id(), Some(alt_id.as_str()));
    c.stop().await;
}

#[tokio::test]
async fn auth_projects_lists_the_users_projects() {
    let c = Cloud::start().await;
    let client = client();
    let token = identity::authenticate(&client, &c.auth_url, &demo(), Scope::Unscoped)
        .await
        .expect("login");
    let mut names: Vec<String> = identity::auth_projects(&client, &c.auth_url, &token)
        .await
        .expect("auth/projects")
        .into_iter()
        .map(|p| p.name)
        .collect();
    names.sort();
    assert_eq!(names, vec!["alt_demo".to_owned(), "demo".to_owned()]);
    c.stop().await;
}

#[tokio::test]
async fn revoke_then_validate_fails() {
    let c = Cloud::start().await;
    let client = client();
    let token = identity::authenticate(&client, &c.auth_url, &demo(), project("demo"))
        .await
        .expect("login");
    let checked = identity::validate(&client, &c.auth_url, &token)
        .await
        .expect("fresh token validates");
    assert_eq!(checked.user.id, token.user.id);
    assert_eq!(checked.secret, token.secret);

    identity::revoke(&client, &c.auth_url, &token)
        .await
        .expect("revoke");
    let e = identity::validate(&client, &c.auth_url, &token)
        .await
        .unwrap_err();
    assert!(matches!(e.status(), Some(401) | Some(404)), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn catalog_has_identity_endpoint() {
    let c = Cloud::start().await;
    let token = identity::authenticate(&client(), &c.auth_url, &demo(), project("demo"))
        .await
        .expect("login");
    assert!(token.catalog.has_service("identity"));
    let url = token
        .catalog
        .endpoint("identity", Interface::Public, None)
        .expect("identity endpoint");
    let want = openstack::Url::parse(&c.auth_url).expect("auth URL");
    assert_eq!(url.host_str(), want.host_str());
    assert_eq!(url.port(), want.port());
    assert!(!token.catalog.regions().is_empty());

    let session = Session::new(client(), c.auth_url.clone(), token);
    assert!(session.endpoint("identity").is_ok());
    let e = session.endpoint("no-such-service").unwrap_err();
    assert!(matches!(e, Error::EndpointNotFound { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn admin_lists_users_demo_is_forbidden() {
    let c = Cloud::start().await;
    let client = client();
    let admin = Session::login(
        client.clone(),
        c.auth_url.clone(),
        &admin(),
        project("admin"),
    )
    .await
    .expect("admin logs in");
    assert!(admin.token.is_admin());
    let users = identity::list_users(&admin, &UserFilter::default())
        .await
        .expect("admin lists users");
    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
    assert!(
        names.contains(&"admin") && names.contains(&"demo"),
        "{names:?}"
    );
    let demo_id = users
        .iter()
        .find(|u| u.name == "demo")
        .map(|u| u.id.clone())
        .unwrap_or_default();
    let one = identity::get_user(&admin, &demo_id)
        .await
        .expect("get_user");
    assert_eq!(one.name, "demo");

    let demo = Session::login(client, c.auth_url.clone(), &demo(), project("demo"))
        .await
        .expect("demo logs in");
    let e = identity::list_users(&demo, &UserFilter::default())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    assert_eq!(e.status(), Some(403));
    // A user may read themself.
    let me = identity::get_user(&demo, &demo_id)
        .await
        .expect("get own user");
    assert_eq!(me.id, demo_id);
    c.stop().await;
}

#[tokio::test]
async fn admin_reads() {
    let c = Cloud::start().await;
    let admin = Session::login(client(), c.auth_url.clone(), &admin(), project("admin"))
        .await
        .expect("admin logs in");
    let projects = identity::list_projects(&admin, &Default::default())
        .await
        .expect("projects");
    for want in ["admin", "demo", "alt_demo"] {
        assert!(
            projects.iter().any(|p| p.name == want),
            "{want} missing: {projects:?}"
        );
    }
    let roles = identity::list_roles(&admin).await.expect("roles");
    assert!(roles.iter().any(|r| r.name == "admin"));
    assert!(roles.iter().any(|r| r.name == "member"));
    let domains = identity::list_domains(&admin).await.expect("domains");
    assert!(domains
        .iter()
        .any(|d| d.id == "default" && d.name == "Default"));
    let assignments = identity::list_role_assignments(&admin, &Default::default(), true)
        .await
        .expect("role assignments");
    assert!(assignments.iter().any(|a| {
        a.role.name.as_deref() == Some("member")
            && a.user.as_ref().and_then(|u| u.name.as_deref()) == Some("demo")
    }));
    let services = identity::list_services(&admin).await.expect("services");
    assert!(services.iter().any(|s| s.service_type == "identity"));
    let endpoints = identity::list_endpoints(&admin).await.expect("endpoints");
    assert!(!endpoints.is_empty());
    let regions = identity::list_regions(&admin).await.expect("regions");
    assert!(!regions.is_empty());
    c.stop().await;
}

#[tokio::test]
async fn expired_token_gives_token_expired() {
    let c = Cloud::start_with_ttl(Some(Duration::from_secs(1))).await;
    let session = Session::login(client(), c.auth_url.clone(), &admin(), project("admin"))
        .await
        .expect("login");
    assert!(session.token.expires_within(Duration::from_secs(5)));
    // The cloud may round the expiry up to a whole second.
    let deadline = Instant::now() + Duration::from_secs(5);
    while !session.token.is_expired() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(session.token.is_expired());
    let e = identity::list_users(&session, &UserFilter::default())
        .await
        .unwrap_err();
    assert_eq!(e, Error::TokenExpired);
    let e = session
        .get_json::<serde_json::Value>("identity", "/users")
        .await
        .unwrap_err();
    assert_eq!(e, Error::TokenExpired);
    let e = identity::rescope(
        &session.client,
        &c.auth_url,
        &session.token,
        project("admin"),
    )
    .await
    .unwrap_err();
    assert_eq!(e, Error::TokenExpired);
    // Logging out with a dead token is fine.
    identity::revoke(&session.client, &c.auth_url, &session.token)
        .await
        .expect("revoking an expired token is a no-op");
    c.stop().await;
}
