//! Tests against a real Keystone, run only when `ZENITH_TEST_CLOUDS_YAML`
//! names a clouds.yaml with clouds `refcloud-admin` and `refcloud-demo`
//! (as `../shared/refcloud/start` writes to /tmp/refcloud/clouds.yaml).
//! Without it each test returns at once.

use openstack::identity::{self, RoleAssignmentFilters, Scope, UserFilter};
use openstack::{Client, CloudConfig, Error, Interface, Session};

fn cloud(name: &str) -> Option<CloudConfig> {
    let path = std::env::var_os("ZENITH_TEST_CLOUDS_YAML")?;
    Some(CloudConfig::from_path(path.as_ref(), name).expect("cloud in ZENITH_TEST_CLOUDS_YAML"))
}

async fn login(config: &CloudConfig, scope: Scope) -> Session {
    let client = Client::new(&config.client_options()).expect("client");
    let creds = config.credentials().expect("credentials");
    Session::login(client, config.auth_url.clone(), &creds, scope)
        .await
        .expect("login")
        .with_region(config.region_name.clone())
        .with_interface(config.interface)
}

#[tokio::test]
async fn real_keystone_login_rescope_and_catalog() {
    let Some(demo) = cloud("refcloud-demo") else {
        eprintln!("SKIPPED: set ZENITH_TEST_CLOUDS_YAML to run against a real Keystone");
        return;
    };
    // Explicitly unscoped: no project even if the user has a default one.
    let unscoped = login(&demo, Scope::Unscoped).await;
    assert!(unscoped.token.project.is_none());
    assert!(unscoped.token.catalog.is_empty());

    let client = unscoped.client.clone();
    let projects = identity::auth_projects(&client, &demo.auth_url, &unscoped.token)
        .await
        .expect("auth/projects");
    let mut names: Vec<&str> = projects.iter().map(|p| p.name.as_str()).collect();
    names.sort();
    assert!(
        names.contains(&"demo") && names.contains(&"alt_demo"),
        "{names:?}"
    );

    let scoped = identity::rescope(&client, &demo.auth_url, &unscoped.token, demo.scope())
        .await
        .expect("rescope to demo");
    assert_eq!(
        scoped.project.as_ref().map(|p| p.name.as_str()),
        Some("demo")
    );
    assert!(scoped.has_role("member"));
    assert!(!scoped.is_admin());
    assert!(scoped.catalog.has_service("identity"));
    assert!(scoped
        .catalog
        .endpoint("identity", Interface::Public, Some("RegionOne"))
        .is_ok());
    assert_eq!(scoped.catalog.regions(), vec!["RegionOne".to_owned()]);

    let alt_id = projects
        .iter()
        .find(|p| p.name == "alt_demo")
        .map(|p| p.id.clone())
        .expect("alt_demo");
    let alt = identity::rescope(
        &client,
        &demo.auth_url,
        &scoped,
        Scope::ProjectId(alt_id.clone()),
    )
    .await
    .expect("rescope a scoped token to alt_demo");
    assert_eq!(alt.project_id(), Some(alt_id.as_str()));

    // A token survives the session store round trip.
    let stored = serde_json::to_string(&alt).expect("serialize");
    let back: openstack::Token = serde_json::from_str(&stored).expect("deserialize");
    assert_eq!(back, alt);

    let checked = identity::validate(&client, &demo.auth_url, &alt)
        .await
        .expect("validate");
    assert_eq!(checked.user.id, alt.user.id);
    identity::revoke(&client, &demo.auth_url, &alt)
        .await
        .expect("revoke");
    let e = identity::validate(&client, &demo.auth_url, &alt)
        .await
        .unwrap_err();
    eprintln!("validate after revoke: {e}");
    assert!(matches!(e.status(), Some(401) | Some(404)), "{e:?}");
}

#[tokio::test]
async fn real_keystone_errors() {
    let Some(mut demo) = cloud("refcloud-demo") else {
        eprintln!("SKIPPED: set ZENITH_TEST_CLOUDS_YAML to run against a real Keystone");
        return;
    };
    let d = login(&demo, demo.scope()).await;
    let e = identity::list_users(&d, &UserFilter::default())
        .await
        .unwrap_err();
    eprintln!("demo lists users: {e}");
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");

    let e = d
        .identity(openstack::Method::GET, "projects/does-not-exist")
        .fetch::<serde_json::Value>()
        .await
        .unwrap_err();
    eprintln!("missing project: {e}");
    assert!(matches!(e.status(), Some(403) | Some(404)), "{e:?}");

    demo.password = Some("wrong".into());
    let client = Client::new(&demo.client_options()).expect("client");
    let e = identity::authenticate(
        &client,
        &demo.auth_url,
        &demo.credentials().expect("creds"),
        demo.scope(),
    )
    .await
    .unwrap_err();
    eprintln!("wrong password: {e}");
    assert!(matches!(e, Error::Unauthorized { .. }), "{e:?}");
    assert!(!e.to_string().contains("wrong"));
}

#[tokio::test]
async fn real_keystone_admin_reads() {
    let Some(admin) = cloud("refcloud-admin") else {
        eprintln!("SKIPPED: set ZENITH_TEST_CLOUDS_YAML to run against a real Keystone");
        return;
    };
    let a = login(&admin, admin.scope()).await;
    assert!(a.token.is_admin());
    let users = identity::list_users(&a, &UserFilter::default())
        .await
        .expect("users");
    assert!(users.iter().any(|u| u.name == "demo"));
    let projects = identity::list_projects(&a, &Default::default())
        .await
        .expect("projects");
    assert!(projects.iter().any(|p| p.name == "alt_demo"));
    let roles = identity::list_roles(&a).await.expect("roles");
    assert!(roles.iter().any(|r| r.name == "member"));
    let domains = identity::list_domains(&a).await.expect("domains");
    assert!(domains.iter().any(|d| d.id == "default"));
    let demo_id = users
        .iter()
        .find(|u| u.name == "demo")
        .map(|u| u.id.clone());
    let one = identity::get_user(&a, demo_id.as_deref().unwrap_or_default())
        .await
        .expect("get_user");
    assert_eq!(one.name, "demo");
    let filters = RoleAssignmentFilters {
        user_id: demo_id,
        effective: true,
        ..Default::default()
    };
    let assignments = identity::list_role_assignments(&a, &filters, true)
        .await
        .expect("role assignments");
    assert!(assignments.iter().any(|r| {
        r.role.name.as_deref() == Some("member")
            && r.scope.project.as_ref().and_then(|p| p.name.as_deref()) == Some("demo")
    }));
    let services = identity::list_services(&a).await.expect("services");
    assert!(services.iter().any(|s| s.service_type == "identity"));
    let endpoints = identity::list_endpoints(&a).await.expect("endpoints");
    assert!(!endpoints.is_empty());
    let regions = identity::list_regions(&a).await.expect("regions");
    assert!(regions.iter().any(|r| r.id == "RegionOne"));
}
