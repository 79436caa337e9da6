//! Integration tests of the compute (Nova) client against the demo cloud.

mod common;
use common::Cloud;

const DELAY: Duration = Duration::from_millis(200);

use openstack::compute::{
    self, Networks, RebootType, ServerAction, ServerCreate, ServerFilter, ServerUpdate,
};
use openstack::Error;
use std::collections::BTreeMap;
use std::time::Duration;

impl Cloud {
    async fn wait_for(&self, id: &str, status: &str) -> compute::Server {
        for _ in 0..100 {
            let s = compute::get_server(&self.session, id)
                .await
                .expect("server shows");
            if s.status == status && s.task_state.is_none() {
                return s;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server {id} never became {status}");
    }
}

fn small_server(name: &str) -> ServerCreate {
    ServerCreate {
        name: name.into(),
        flavor_ref: "1".into(),
        image_ref: Some("cirros-0.6.2-x86_64-disk".into()),
        networks: Networks::None,
        ..Default::default()
    }
}

#[tokio::test]
async fn flavors_list_show_and_extra_specs() {
    let c = Cloud::start(DELAY).await;
    let flavors = compute::list_flavors(&c.session).await.expect("flavors");
    let names: Vec<&str> = flavors.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["m1.tiny", "m1.small", "m1.medium", "m1.large", "m1.xlarge"]
    );
    let tiny = &flavors[0];
    assert_eq!((tiny.vcpus, tiny.ram, tiny.disk), (1, 512, 1));
    assert!(tiny.is_public);

    let f = compute::get_flavor(&c.session, "3")
        .await
        .expect("flavor 3");
    assert_eq!(f.name, "m1.medium");
    assert_eq!(f.ram, 4096);
    let specs = compute::flavor_extra_specs(&c.session, "3")
        .await
        .expect("extra specs");
    assert_eq!(specs, f.extra_specs);
    let e = compute::get_flavor(&c.session, "nope").await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn seeded_servers_list_with_2_79_fields() {
    let c = Cloud::start(DELAY).await;
    let servers = compute::list_servers(&c.session, &ServerFilter::default())
        .await
        .expect("servers");
    let mut names: Vec<&str> = servers.iter().map(|s| s.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["demo-server-1", "demo-server-2"]);
    for s in &servers {
        assert_eq!(s.status, "ACTIVE");
        assert_eq!(s.vm_state.as_deref(), Some("active"));
        assert_eq!(s.power_state, Some(1));
        assert_eq!(s.availability_zone.as_deref(), Some("nova"));
        assert!(!s.is_volume_backed());
        assert_eq!(s.tenant_id, c.project_id());
        assert!(s.created.is_some() && s.updated.is_some());
        // The embedded flavor only exists from 2.47: the microversion was sent.
        assert!(s.flavor.original_name.starts_with("m1."));
        assert!(s.flavor.vcpus >= 1);
        assert!(!s.locked);
        assert_eq!(s.security_groups[0].name, "default");
    }
    let one = compute::get_server(&c.session, &servers[0].id)
        .await
        .expect("server shows");
    assert_eq!(one, servers[0]);

    let filter = ServerFilter {
        name: Some("server-2$".into()),
        ..Default::default()
    };
    let found = compute::list_servers(&c.session, &filter)
        .await
        .expect("by name");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "demo-server-2");
    let filter = ServerFilter {
        status: Some("SHUTOFF".into()),
        ..Default::default()
    };
    assert!(compute::list_servers(&c.session, &filter)
        .await
        .expect("by status")
        .is_empty());
    c.stop().await;
}

#[tokio::test]
async fn paging_with_limit_one_follows_the_marker() {
    let c = Cloud::start(DELAY).await;
    compute::create_server(&c.session, &small_server("third"))
        .await
        .expect("created");
    let all = compute::list_servers(&c.session, &ServerFilter::default())
        .await
        .expect("servers");
    assert_eq!(all.len(), 3);

    let mut filter = ServerFilter {
        limit: Some(1),
        ..Default::default()
    };
    let mut ids = Vec::new();
    for _ in 0..10 {
        let (page, next) = compute::list_servers_page(&c.session, &filter)
            .await
            .expect("page");
        assert!(page.len() <= 1);
        ids.extend(page.into_iter().map(|s| s.id));
        match next {
            Some(marker) => filter.marker = Some(marker),
            None => break,
        }
    }
    let want: Vec<String> = all.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, want);

    // list_servers with a page size of 1 gathers the same.
    let paged = compute::list_servers(
        &c.session,
        &ServerFilter {
            limit: Some(1),
            ..Default::default()
        },
    )
    .await
    .expect("all pages");
    assert_eq!(paged, all);
    c.stop().await;
}

#[tokio::test]
async fn server_lifecycle() {
    let c = Cloud::start(DELAY).await;
    let create = ServerCreate {
        user_data: Some(b"#cloud-config\n".to_vec()),
        metadata: BTreeMap::from([("role".to_owned(), "test".to_owned())]),
        ..small_server("life")
    };
    let created = compute::create_server(&c.session, &create)
        .await
        .expect("created");
    assert!(created.admin_pass.is_some());
    let s = compute::get_server(&c.session, &created.id)
        .await
        .expect("shows");
    assert_eq!(s.name, "life");
    assert_eq!(s.metadata["role"], "test");

    let s = c.wait_for(&created.id, "ACTIVE").await;
    assert_eq!(s.flavor.original_name, "m1.tiny");

    compute::server_action(&c.session, &created.id, &ServerAction::Stop)
        .await
        .expect("stops");
    c.wait_for(&created.id, "SHUTOFF").await;
    let e = compute::server_action(&c.session, &created.id, &ServerAction::Stop)
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::Conflict { ref message } if message.contains("stop")),
        "{e:?}"
    );
    assert_eq!(e.status(), Some(409));

    compute::server_action(&c.session, &created.id, &ServerAction::Start)
        .await
        .expect("starts");
    c.wait_for(&created.id, "ACTIVE").await;
    compute::server_action(
        &c.session,
        &created.id,
        &ServerAction::Reboot(RebootType::Hard),
    )
    .await
    .expect("reboots");
    let s = compute::get_server(&c.session, &created.id)
        .await
        .expect("shows");
    assert_eq!(s.status, "HARD_REBOOT");
    c.wait_for(&created.id, "ACTIVE").await;

    let all = compute::console_output(&c.session, &created.id, None)
        .await
        .expect("console");
    let tail = compute::console_output(&c.session, &created.id, Some(3))
        .await
        .expect("console tail");
    assert_eq!(tail.lines().count(), 3);
    assert!(all.lines().count() > 3);
    assert!(all.ends_with(&tail));

    let actions = compute::list_instance_actions(&c.session, &created.id)
        .await
        .expect("actions");
    let names: Vec<&str> = actions.iter().map(|a| a.action.as_str()).collect();
    for want in ["create", "stop", "start", "reboot"] {
        assert!(names.contains(&want), "{names:?}");
    }

    let update = ServerUpdate {
        name: Some("renamed".into()),
        ..Default::default()
    };
    let s = compute::update_server(&c.session, &created.id, &update)
        .await
        .expect("renamed");
    assert_eq!(s.name, "renamed");

    compute::delete_server(&c.session, &created.id)
        .await
        .expect("deleted");
    let e = compute::get_server(&c.session, &created.id)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn keypairs_create_import_and_delete() {
    let c = Cloud::start(DELAY).await;
    let k = compute::create_keypair(&c.session, "k1")
        .await
        .expect("created");
    assert!(k.private_key.as_ref().is_some_and(|p| p
        .expose()
        .starts_with("-----BEGIN OPENSSH PRIVATE KEY-----")));
    assert!(k.public_key.starts_with("ssh-ed25519 AAAA"));
    assert_eq!(k.key_type.as_deref(), Some("ssh"));

    let public = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@laptop";
    let k = compute::import_keypair(&c.session, "imported", public)
        .await
        .expect("imported");
    assert!(k.private_key.is_none());
    assert_eq!(k.public_key, public);
    let e = compute::import_keypair(&c.session, "bad", "not a key")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");
    let e = compute::create_keypair(&c.session, "k1").await.unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e:?}");

    let names: Vec<String> = compute::list_keypairs(&c.session)
        .await
        .expect("listed")
        .into_iter()
        .map(|k| k.name)
        .collect();
    assert_eq!(names, ["imported", "k1"]);
    let k = compute::get_keypair(&c.session, "imported")
        .await
        .expect("shows");
    assert_eq!(k.public_key, public);

    compute::delete_keypair(&c.session, "imported")
        .await
        .expect("deleted");
    let e = compute::get_keypair(&c.session, "imported")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn limits_quotas_and_zones() {
    let c = Cloud::start(DELAY).await;
    let limits = compute::get_limits(&c.session).await.expect("limits");
    assert_eq!(limits.total_instances_used, 2);
    assert_eq!(limits.total_cores_used, 2);
    assert_eq!(limits.total_ram_used, 512 + 2048);
    assert_eq!(limits.max_total_instances, 10);
    assert_eq!(limits.max_total_ram_size, 51200);

    let q = compute::get_quota_set(&c.session, &c.project_id())
        .await
        .expect("quota set");
    assert_eq!(q.id, c.project_id());
    assert_eq!((q.instances, q.cores, q.ram), (10, 20, 51200));
    assert_eq!(q.key_pairs, 100);
    let e = compute::get_quota_set(&c.session, "someone-else")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");

    let zones = compute::list_availability_zones(&c.session)
        .await
        .expect("zones");
    assert_eq!(zones.len(), 1);
    assert_eq!(zones[0].zone_name, "nova");
    assert!(zones[0].zone_state.available);
    c.stop().await;
}

#[tokio::test]
async fn quota_exceeded_is_forbidden() {
    let c = Cloud::start(DELAY).await;
    let create = ServerCreate {
        flavor_ref: "4".into(),
        min_count: Some(5),
        ..small_server("big")
    };
    let e = compute::create_server(&c.session, &create)
        .await
        .unwrap_err();
    match e {
        Error::Forbidden { ref message } => {
            assert!(message.starts_with("Quota exceeded for cores"), "{message}")
        }
        other => panic!("expected Forbidden, got {other:?}"),
    }
    assert_eq!(e.status(), Some(403));
    let limits = compute::get_limits(&c.session).await.expect("limits");
    assert_eq!(limits.total_instances_used, 2);
    c.stop().await;
}

#[tokio::test]
async fn server_images_are_named_through_glance() {
    let c = Cloud::start(DELAY).await;
    let servers = compute::list_servers(&c.session, &ServerFilter::default())
        .await
        .expect("servers");
    let ids: Vec<String> = servers.iter().map(|s| s.image.clone()).collect();
    let images = openstack::image::images_by_id(&c.session, &ids)
        .await
        .expect("images");
    assert_eq!(images.len(), 1, "both seeded servers boot the same image");
    assert_eq!(images[0].name.as_deref(), Some("cirros-0.6.2-x86_64-disk"));
    assert!(openstack::image::images_by_id(&c.session, &[])
        .await
        .expect("none")
        .is_empty());
}

#[tokio::test]
async fn tenant_usage_over_the_last_day() {
    let c = Cloud::start(DELAY).await;
    let now = chrono::Utc::now();
    let day_ago = now - chrono::Duration::days(1);
    let end = now + chrono::Duration::hours(1);
    let usage = compute::get_tenant_usage(&c.session, &c.project_id(), day_ago, end)
        .await
        .expect("usage");
    let mut names: Vec<&str> = usage
        .server_usages
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["demo-server-1", "demo-server-2"]);
    for s in &usage.server_usages {
        // Seeded an hour ago, launched moments later.
        assert!(s.hours > 0.9 && s.hours < 1.1, "{s:?}");
        assert_eq!(s.state, "active");
        assert_eq!(s.vcpus, 1);
        assert!(s.started_at.is_some_and(|t| t > day_ago && t < now));
        assert_eq!(s.ended_at, None);
        assert!(s.uptime > 3000, "{s:?}");
    }
    let tiny = usage
        .server_usages
        .iter()
        .find(|s| s.flavor == "m1.tiny")
        .expect("the m1.tiny server");
    assert_eq!((tiny.memory_mb, tiny.local_gb), (512, 1));
    let hours: f64 = usage.server_usages.iter().map(|s| s.hours).sum();
    let memory: f64 = usage
        .server_usages
        .iter()
        .map(|s| s.hours * s.memory_mb as f64)
        .sum();
    assert!((usage.total_hours - hours).abs() < 1e-6);
    assert!((usage.total_vcpus_usage - hours).abs() < 1e-6);
    assert!((usage.total_memory_mb_usage - memory).abs() < 1e-6);

    // A deleted server keeps the time it lived.
    let created = compute::create_server(&c.session, &small_server("short-lived"))
        .await
        .expect("create");
    c.wait_for(&created.id, "ACTIVE").await;
    compute::delete_server(&c.session, &created.id)
        .await
        .expect("delete");
    let usage = compute::get_tenant_usage(&c.session, &c.project_id(), day_ago, end)
        .await
        .expect("usage");
    let gone = usage
        .server_usages
        .iter()
        .find(|s| s.instance_id == created.id)
        .expect("the deleted server counts");
    assert_eq!(gone.state, "terminated");
    assert!(gone.ended_at.is_some());
    assert!(gone.hours > 0.0 && gone.hours < 0.01, "{gone:?}");

    // Nothing ran a year ago: the usage is empty, not an error.
    let year_ago = now - chrono::Duration::days(365);
    let empty = compute::get_tenant_usage(
        &c.session,
        &c.project_id(),
        year_ago,
        year_ago + chrono::Duration::days(1),
    )
    .await
    .expect("empty usage");
    assert_eq!(empty, compute::TenantUsage::default());
    let e = compute::get_tenant_usage(&c.session, "someone-else", day_ago, end)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    let e = compute::get_tenant_usage(&c.session, &c.project_id(), now, day_ago)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");
    c.stop().await;
}
