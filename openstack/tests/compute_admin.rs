//! Integration tests of the compute admin APIs (flavor management, extra
//! specs, flavor access, hypervisors, services, aggregates, diagnostics)
//! against the demo cloud, plus wire-level checks of the microversions
//! these calls ask for.

mod common;
use common::{login, Cloud};

use openstack::compute::{
    self, AggregateUpdate, FlavorCreate, Networks, ServerCreate, ServerFilter, ServiceStatus,
};
use openstack::{Error, Session};
use std::collections::BTreeMap;
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(200);

async fn admin(c: &Cloud) -> Session {
    login(&c.cloud, "admin", c.cloud.admin_password(), "admin").await
}

async fn wait_active(session: &Session, id: &str) -> compute::Server {
    for _ in 0..100 {
        let s = compute::get_server(session, id)
            .await
            .expect("server shows");
        if s.status == "ACTIVE" && s.task_state.is_none() {
            return s;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server {id} never became ACTIVE");
}

fn flavor(name: &str) -> FlavorCreate {
    FlavorCreate {
        name: name.into(),
        vcpus: 2,
        ram: 2048,
        disk: 20,
        ..Default::default()
    }
}

fn specs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The message of a 400, or a panic naming what came instead.
fn bad_request(e: Error) -> String {
    match e {
        Error::BadRequest { message } => message,
        other => panic!("expected 400, got {other:?}"),
    }
}

#[tokio::test]
async fn admin_creates_updates_and_deletes_flavors() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let create = FlavorCreate {
        id: Some("zenith-1".into()),
        ephemeral: 5,
        swap: 512,
        rxtx_factor: Some(2.0),
        description: Some("for tests".into()),
        ..flavor("z1.custom")
    };
    let f = compute::create_flavor(&admin, &create)
        .await
        .expect("created");
    assert_eq!(f.id, "zenith-1");
    assert_eq!(f.name, "z1.custom");
    assert_eq!((f.vcpus, f.ram, f.disk), (2, 2048, 20));
    assert_eq!((f.ephemeral, f.swap), (5, 512));
    assert_eq!(f.rxtx_factor, Some(2.0));
    assert_eq!(f.description.as_deref(), Some("for tests"));
    assert!(f.is_public && !f.disabled && f.extra_specs.is_empty());
    // Public: the demo project sees it at once.
    let seen = compute::get_flavor(&c.session, "zenith-1")
        .await
        .expect("demo sees it");
    assert_eq!(seen, f);

    // Without an id Nova generates a UUID.
    let g = compute::create_flavor(&admin, &flavor("z1.generated"))
        .await
        .expect("created without id");
    assert_eq!(g.id.len(), 36, "{}", g.id);
    assert_eq!((g.ephemeral, g.swap), (0, 0));

    let e = compute::create_flavor(&admin, &flavor("z1.custom"))
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::Conflict { ref message } if message == "Flavor with name z1.custom already exists"),
        "{e:?}"
    );
    let e = compute::create_flavor(
        &admin,
        &FlavorCreate {
            id: Some("zenith-1".into()),
            ..flavor("z1.other")
        },
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, Error::Conflict { ref message } if message == "Flavor with ID zenith-1 already exists"),
        "{e:?}"
    );

    let f = compute::update_flavor_description(&admin, "zenith-1", Some("updated"))
        .await
        .expect("described");
    assert_eq!(f.description.as_deref(), Some("updated"));
    assert_eq!(f.name, "z1.custom");
    let f = compute::update_flavor_description(&admin, "zenith-1", None)
        .await
        .expect("description cleared");
    assert_eq!(f.description, None);

    compute::delete_flavor(&admin, "zenith-1")
        .await
        .expect("deleted");
    let e = compute::get_flavor(&admin, "zenith-1").await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = compute::delete_flavor(&admin, "zenith-1")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let all = compute::list_flavors_all(&admin, None).await.expect("list");
    assert!(all.iter().all(|f| f.id != "zenith-1"));
    assert!(all.iter().any(|f| f.id == g.id));
    c.stop().await;
}

#[tokio::test]
async fn members_cannot_manage_flavors() {
    let c = Cloud::start(DELAY).await;
    let e = compute::create_flavor(&c.session, &flavor("nope"))
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::Forbidden { ref message }
            if message == "Policy doesn't allow os_compute_api:os-flavor-manage:create to be performed"),
        "{e:?}"
    );
    let e = compute::delete_flavor(&c.session, "1").await.unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    let e = compute::update_flavor_description(&c.session, "1", Some("x"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    let e = compute::set_flavor_extra_specs(&c.session, "1", &specs(&[("a", "b")]))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn private_flavors_follow_their_access_list() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let demo = c.project_id();
    let private = compute::create_flavor(
        &admin,
        &FlavorCreate {
            id: Some("private-1".into()),
            is_public: Some(false),
            ..flavor("z1.private")
        },
    )
    .await
    .expect("created");
    assert!(!private.is_public);

    let all = compute::list_flavors_all(&admin, None).await.expect("all");
    assert!(all.iter().any(|f| f.id == "private-1"));
    assert!(all.iter().any(|f| f.id == "1"));
    let only_private = compute::list_flavors_all(&admin, Some(false))
        .await
        .expect("private ones");
    assert!(only_private.iter().any(|f| f.id == "private-1"));
    assert!(only_private.iter().all(|f| !f.is_public));
    let only_public = compute::list_flavors_all(&admin, Some(true))
        .await
        .expect("public ones");
    assert!(only_public
        .iter()
        .all(|f| f.is_public && f.id != "private-1"));

    // The demo project cannot see it yet.
    let listed = compute::list_flavors(&c.session).await.expect("demo list");
    assert!(listed.iter().all(|f| f.id != "private-1"));
    let e = compute::get_flavor(&c.session, "private-1")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    assert!(compute::list_flavor_access(&admin, "private-1")
        .await
        .expect("empty access list")
        .is_empty());
    let access = compute::add_flavor_access(&admin, "private-1", &demo)
        .await
        .expect("access added");
    assert_eq!(
        access,
        [compute::FlavorAccess {
            flavor_id: "private-1".into(),
            tenant_id: demo.clone()
        }]
    );
    assert_eq!(
        compute::list_flavor_access(&admin, "private-1")
            .await
            .expect("access list"),
        access
    );
    let e = compute::add_flavor_access(&admin, "private-1", &demo)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e:?}");

    let listed = compute::list_flavors(&c.session).await.expect("demo list");
    assert!(listed.iter().any(|f| f.id == "private-1"));
    compute::get_flavor(&c.session, "private-1")
        .await
        .expect("demo sees it now");

    let access = compute::remove_flavor_access(&admin, "private-1", &demo)
        .await
        .expect("access removed");
    assert!(access.is_empty());
    let e = compute::remove_flavor_access(&admin, "private-1", &demo)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = compute::get_flavor(&c.session, "private-1")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    let e = compute::list_flavor_access(&admin, "1").await.unwrap_err();
    assert!(
        matches!(e, Error::NotFound { ref message } if message == "Access list not available for public flavors"),
        "{e:?}"
    );
    let e = compute::list_flavor_access(&c.session, "private-1")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn extra_specs_are_set_updated_and_deleted() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let f = compute::create_flavor(&admin, &flavor("z1.specs"))
        .await
        .expect("created");
    let want = specs(&[
        ("hw:cpu_policy", "dedicated"),
        ("hw:cpu_sockets", "2"),
        ("custom", "x"),
    ]);
    let set = compute::set_flavor_extra_specs(&admin, &f.id, &want)
        .await
        .expect("set");
    assert_eq!(set, want);
    assert_eq!(
        compute::flavor_extra_specs(&admin, &f.id)
            .await
            .expect("read"),
        want
    );
    // 2.61: the flavor itself carries them.
    assert_eq!(
        compute::get_flavor(&admin, &f.id)
            .await
            .expect("flavor")
            .extra_specs,
        want
    );

    // POST adds to what is there.
    compute::set_flavor_extra_specs(&admin, &f.id, &specs(&[("hw:cpu_threads", "1")]))
        .await
        .expect("added");
    compute::update_flavor_extra_spec(&admin, &f.id, "hw:cpu_sockets", "1")
        .await
        .expect("updated");
    compute::delete_flavor_extra_spec(&admin, &f.id, "custom")
        .await
        .expect("deleted");
    assert_eq!(
        compute::flavor_extra_specs(&admin, &f.id)
            .await
            .expect("read"),
        specs(&[
            ("hw:cpu_policy", "dedicated"),
            ("hw:cpu_sockets", "1"),
            ("hw:cpu_threads", "1"),
        ])
    );
    let e = compute::delete_flavor_extra_spec(&admin, &f.id, "custom")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = compute::set_flavor_extra_specs(&admin, "no-such-flavor", &want)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn extra_spec_writes_get_nova_validation_messages() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let f = compute::create_flavor(&admin, &flavor("z1.validated"))
        .await
        .expect("created");
    let set = |k: &'static str, v: &'static str| {
        let admin = admin.clone();
        let id = f.id.clone();
        async move { compute::set_flavor_extra_specs(&admin, &id, &specs(&[(k, v)])).await }
    };

    let m = bad_request(set("hw:cpu_sockets", "foo").await.unwrap_err());
    assert_eq!(m, "Validation failed; 'foo' is not a valid integer value");
    let m = bad_request(set("hw:cpu_sockets", "0").await.unwrap_err());
    assert_eq!(
        m,
        "Validation failed; '0' is less than the min value of '1'"
    );
    let m = bad_request(set("hw:cpu_policy", "bogus").await.unwrap_err());
    assert!(
        m.starts_with("Validation failed; 'bogus' is not one of: "),
        "{m}"
    );
    let m = bad_request(set("hw:foo", "1").await.unwrap_err());
    assert_eq!(
        m,
        "Validation failed; extra spec 'hw:foo' does not appear to be a valid extra spec"
    );
    let m = bad_request(
        compute::update_flavor_extra_spec(&admin, &f.id, "hw:cpu_sockets", "many")
            .await
            .unwrap_err(),
    );
    assert_eq!(m, "Validation failed; 'many' is not a valid integer value");
    // Keys outside a known namespace are the operator's business.
    set("custom:anything", "goes").await.expect("unvalidated");
    assert_eq!(
        compute::flavor_extra_specs(&admin, &f.id)
            .await
            .expect("read"),
        specs(&[("custom:anything", "goes")])
    );
    c.stop().await;
}

#[tokio::test]
async fn hypervisors_add_up_to_the_statistics_and_follow_servers() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let hypervisors = compute::list_hypervisors_detail(&admin)
        .await
        .expect("hypervisors");
    assert!(!hypervisors.is_empty());
    for h in &hypervisors {
        assert!(!h.id.is_empty() && !h.hypervisor_hostname.is_empty());
        assert!(!h.hypervisor_type.is_empty());
        assert!(h.vcpus > 0 && h.memory_mb > 0 && h.local_gb > 0, "{h:?}");
        assert_eq!((h.state.as_str(), h.status.as_str()), ("up", "enabled"));
        assert!(!h.service.host.is_empty() && !h.service.id.is_empty());
    }
    let stats = compute::get_hypervisor_statistics(&admin)
        .await
        .expect("statistics");
    assert_eq!(stats.count, hypervisors.len() as u64);
    assert_eq!(
        stats.vcpus,
        hypervisors.iter().map(|h| h.vcpus).sum::<u64>()
    );
    assert_eq!(
        stats.memory_mb,
        hypervisors.iter().map(|h| h.memory_mb).sum::<u64>()
    );
    assert_eq!(
        stats.running_vms,
        hypervisors.iter().map(|h| h.running_vms).sum::<u64>()
    );
    let every = ServerFilter {
        all_tenants: true,
        ..Default::default()
    };
    let servers = compute::list_servers(&admin, &every)
        .await
        .expect("servers");
    assert_eq!(stats.running_vms, servers.len() as u64);

    let created = compute::create_server(
        &c.session,
        &ServerCreate {
            name: "counted".into(),
            flavor_ref: "1".into(),
            image_ref: Some("cirros-0.6.2-x86_64-disk".into()),
            networks: Networks::None,
            ..Default::default()
        },
    )
    .await
    .expect("created");
    wait_active(&c.session, &created.id).await;
    let after = compute::get_hypervisor_statistics(&admin)
        .await
        .expect("statistics");
    assert_eq!(after.running_vms, stats.running_vms + 1);
    assert_eq!(after.vcpus_used, stats.vcpus_used + 1);
    assert_eq!(after.memory_mb_used, stats.memory_mb_used + 512);

    let s = compute::get_server(&admin, &created.id)
        .await
        .expect("admin sees it");
    let host = s.hypervisor_hostname.expect("admins see the hypervisor");
    assert!(hypervisors.iter().any(|h| h.hypervisor_hostname == host));
    let on_host = compute::list_hypervisor_servers(&admin, &host)
        .await
        .expect("servers on the host");
    // `name` is the instance name (`instance-0000000a`), as in Nova.
    assert!(
        on_host
            .iter()
            .any(|s| s.uuid == created.id && s.name.starts_with("instance-")),
        "{on_host:?}"
    );
    let e = compute::list_hypervisor_servers(&admin, "no-such-host")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");

    let e = compute::list_hypervisors_detail(&c.session)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    let e = compute::get_hypervisor_statistics(&c.session)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn compute_services_are_disabled_and_enabled() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let services = compute::list_compute_services(&admin)
        .await
        .expect("services");
    for binary in ["nova-scheduler", "nova-conductor"] {
        let s = services
            .iter()
            .find(|s| s.binary == binary)
            .unwrap_or_else(|| panic!("no {binary} in {services:?}"));
        assert_eq!(s.zone, "internal");
    }
    let computes: Vec<_> = services
        .iter()
        .filter(|s| s.binary == "nova-compute")
        .collect();
    assert!(!computes.is_empty());
    for s in &services {
        assert!(!s.id.is_empty() && !s.host.is_empty());
        assert_eq!((s.status.as_str(), s.state.as_str()), ("enabled", "up"));
        assert!(!s.forced_down && s.disabled_reason.is_none());
    }
    // Every hypervisor has its nova-compute.
    let hypervisors = compute::list_hypervisors_detail(&admin)
        .await
        .expect("hypervisors");
    assert_eq!(hypervisors.len(), computes.len());

    let target = computes[0];
    let s = compute::update_compute_service(
        &admin,
        &target.id,
        ServiceStatus::Disabled,
        Some("maintenance"),
    )
    .await
    .expect("disabled");
    assert_eq!(
        (s.id.as_str(), s.host.as_str()),
        (target.id.as_str(), target.host.as_str())
    );
    assert_eq!(s.status, "disabled");
    assert_eq!(s.disabled_reason.as_deref(), Some("maintenance"));
    let listed = compute::list_compute_services(&admin)
        .await
        .expect("services");
    let again = listed.iter().find(|x| x.id == target.id).expect("listed");
    assert_eq!(again.status, "disabled");
    let h = compute::list_hypervisors_detail(&admin)
        .await
        .expect("hypervisors")
        .into_iter()
        .find(|h| h.service.id == target.id)
        .expect("its hypervisor");
    assert_eq!(h.status, "disabled");
    assert_eq!(h.service.disabled_reason.as_deref(), Some("maintenance"));

    let s = compute::update_compute_service(&admin, &target.id, ServiceStatus::Enabled, None)
        .await
        .expect("enabled");
    assert_eq!(s.status, "enabled");
    assert_eq!(s.disabled_reason, None);

    // From 2.53 the id is a UUID; Nova answers 400 to anything else.
    let unknown = "00000000-0000-0000-0000-000000000000";
    let e = compute::update_compute_service(&admin, unknown, ServiceStatus::Enabled, None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = compute::list_compute_services(&c.session)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn aggregates_group_hosts_into_zones() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let host = compute::list_compute_services(&admin)
        .await
        .expect("services")
        .into_iter()
        .find(|s| s.binary == "nova-compute")
        .expect("a compute host")
        .host;

    let a = compute::create_aggregate(&admin, "fast", Some("az-fast"))
        .await
        .expect("created");
    assert_eq!(a.name, "fast");
    assert_eq!(a.availability_zone.as_deref(), Some("az-fast"));
    assert!(a.uuid.is_some());
    assert!(a.hosts.is_empty());
    let e = compute::create_aggregate(&admin, "fast", None)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e:?}");
    let plain = compute::create_aggregate(&admin, "plain", None)
        .await
        .expect("created without a zone");
    assert_eq!(plain.availability_zone, None);
    let listed = compute::list_aggregates(&admin).await.expect("list");
    assert!(listed.iter().any(|x| x.id == a.id && x.name == "fast"));
    assert!(listed.iter().any(|x| x.id == plain.id));

    let a = compute::update_aggregate(
        &admin,
        a.id,
        &AggregateUpdate {
            name: Some("faster".into()),
            ..Default::default()
        },
    )
    .await
    .expect("renamed");
    assert_eq!(a.name, "faster");
    assert_eq!(a.availability_zone.as_deref(), Some("az-fast"));

    let a = compute::add_aggregate_host(&admin, a.id, &host)
        .await
        .expect("host added");
    assert_eq!(a.hosts, std::slice::from_ref(&host));
    let e = compute::add_aggregate_host(&admin, a.id, "no-such-host")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let zones = compute::list_availability_zones(&c.session)
        .await
        .expect("zones");
    assert!(zones.iter().any(|z| z.zone_name == "az-fast"), "{zones:?}");

    let a = compute::set_aggregate_metadata(
        &admin,
        a.id,
        &BTreeMap::from([("ssd".to_owned(), Some("true".to_owned()))]),
    )
    .await
    .expect("metadata set");
    assert_eq!(a.metadata.get("ssd").map(String::as_str), Some("true"));
    assert_eq!(
        a.metadata.get("availability_zone").map(String::as_str),
        Some("az-fast")
    );
    let a =
        compute::set_aggregate_metadata(&admin, a.id, &BTreeMap::from([("ssd".to_owned(), None)]))
            .await
            .expect("metadata deleted");
    assert!(!a.metadata.contains_key("ssd"));

    // Nova refuses to delete an aggregate that still has hosts.
    let e = compute::delete_aggregate(&admin, a.id).await.unwrap_err();
    assert_eq!(e.status(), Some(400), "{e:?}");
    let a = compute::remove_aggregate_host(&admin, a.id, &host)
        .await
        .expect("host removed");
    assert!(a.hosts.is_empty());
    compute::delete_aggregate(&admin, a.id)
        .await
        .expect("deleted");
    compute::delete_aggregate(&admin, plain.id)
        .await
        .expect("deleted");
    let e = compute::delete_aggregate(&admin, a.id).await.unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert!(compute::list_aggregates(&admin)
        .await
        .expect("list")
        .iter()
        .all(|x| x.id != a.id && x.id != plain.id));

    let e = compute::list_aggregates(&c.session).await.unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn diagnostics_show_the_guest_cpu_topology() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let servers = compute::list_servers(&c.session, &ServerFilter::default())
        .await
        .expect("servers");
    let s = &servers[0];
    let d = compute::get_server_diagnostics(&admin, &s.id)
        .await
        .expect("diagnostics");
    assert_eq!(d.state.as_deref(), Some("running"));
    assert_eq!(d.driver.as_deref(), Some("libvirt"));
    assert_eq!(d.num_cpus, Some(s.flavor.vcpus));
    assert_eq!(d.cpu_details.len() as u64, s.flavor.vcpus);
    let t = d.cpu_topology.expect("the demo cloud adds cpu_topology");
    assert_eq!(t.sockets * t.cores * t.threads, s.flavor.vcpus, "{t:?}");

    let e = compute::get_server_diagnostics(&admin, "no-such-server")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = compute::get_server_diagnostics(&c.session, &s.id)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn admins_list_servers_across_projects() {
    let c = Cloud::start(DELAY).await;
    let admin = admin(&c).await;
    let demo = c.project_id();
    let admin_project = admin.token.project.as_ref().expect("scoped").id.clone();
    let theirs = compute::create_server(
        &admin,
        &ServerCreate {
            name: "admin-server".into(),
            flavor_ref: "1".into(),
            image_ref: Some("cirros-0.6.2-x86_64-disk".into()),
            networks: Networks::None,
            ..Default::default()
        },
    )
    .await
    .expect("admin's server");
    let own = compute::list_servers(&admin, &ServerFilter::default())
        .await
        .expect("admin's own servers");
    let ids: Vec<&str> = own.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [theirs.id.as_str()]);

    let every = ServerFilter {
        all_tenants: true,
        ..Default::default()
    };
    let all = compute::list_servers(&admin, &every)
        .await
        .expect("all servers");
    assert_eq!(all.len(), 3, "{all:?}");
    assert_eq!(all.iter().filter(|s| s.tenant_id == demo).count(), 2);
    for s in &all {
        assert!(s.host.as_deref().is_some_and(|h| !h.is_empty()), "{s:?}");
    }
    // Members do not see the host.
    let mine = compute::list_servers(&c.session, &ServerFilter::default())
        .await
        .expect("demo's servers");
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|s| s.host.is_none()));

    for (project, count) in [(&demo, 2), (&admin_project, 1)] {
        let filter = ServerFilter {
            project_id: Some(project.clone()),
            ..every.clone()
        };
        let found = compute::list_servers(&admin, &filter)
            .await
            .expect("one project's servers");
        assert_eq!(found.len(), count, "project {project}: {found:?}");
        assert!(found.iter().all(|s| &s.tenant_id == project));
    }
    // Without all_tenants Nova ignores the project filter.
    let filter = ServerFilter {
        project_id: Some(demo.clone()),
        ..Default::default()
    };
    let found = compute::list_servers(&admin, &filter)
        .await
        .expect("own servers");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, theirs.id);
    c.stop().await;
}

/// Wire-level: which microversion each admin call asks for, against a mock
/// Nova that knows only up to 2.79.
mod microversions {
    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::{IntoResponse, Response};
    use axum::routing::{get, post};
    use axum::{Json, Router};
    use openstack::{compute, Client, ClientOptions, Session, Token};
    use serde_json::json;
    use std::collections::BTreeMap;
    use std::net::SocketAddr;
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<String>>>;

    fn version(headers: &HeaderMap) -> String {
        headers
            .get("openstack-api-version")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    }

    /// Answers like a Train cloud: 406 above 2.79.
    async fn extra_specs(State(seen): State<Seen>, headers: HeaderMap) -> Response {
        let v = version(&headers);
        seen.lock().unwrap().push(v.clone());
        if v != "compute 2.79" {
            let message =
                "Version 2.86 is not supported by the API. Minimum is 2.1 and maximum is 2.79.";
            return (
                StatusCode::NOT_ACCEPTABLE,
                Json(json!({"computeFault": {"code": 406, "message": message}})),
            )
                .into_response();
        }
        Json(json!({"extra_specs": {"hw:cpu_policy": "dedicated"}})).into_response()
    }

    async fn statistics(State(seen): State<Seen>, headers: HeaderMap) -> Response {
        seen.lock().unwrap().push(version(&headers));
        Json(json!({"hypervisor_statistics": {"count": 1, "vcpus": 2}})).into_response()
    }

    async fn serve(seen: Seen) -> SocketAddr {
        let router = Router::new()
            .route(
                "/compute/v2.1/flavors/{id}/os-extra_specs",
                post(extra_specs),
            )
            .route("/compute/v2.1/os-hypervisors/statistics", get(statistics))
            .with_state(seen);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        addr
    }

    fn session(addr: SocketAddr) -> Session {
        let token: Token = serde_json::from_value(json!({
            "secret": "tok-123",
            "methods": ["password"],
            "expires_at": "2099-01-01T00:00:00.000000Z",
            "issued_at": "2026-01-01T00:00:00.000000Z",
            "user": {"id": "u1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
            "project": {"id": "p1", "name": "admin", "domain": {"id": "default", "name": "Default"}},
            "roles": [{"id": "r1", "name": "admin"}],
            "catalog": [{"type": "compute", "name": "nova", "id": "c", "endpoints": [
                {"id": "1", "interface": "public", "region_id": "RegionOne",
                 "url": format!("http://{addr}/compute/v2.1")}]}],
            "audit_ids": ["a1"]
        }))
        .unwrap();
        let client = Client::new(&ClientOptions::default()).unwrap();
        Session::new(client, format!("http://{addr}/v3"), token)
    }

    #[tokio::test]
    async fn extra_spec_writes_ask_for_2_86_and_fall_back_on_406() {
        let seen = Seen::default();
        let s = session(serve(seen.clone()).await);
        let set = compute::set_flavor_extra_specs(
            &s,
            "1",
            &BTreeMap::from([("hw:cpu_policy".to_owned(), "dedicated".to_owned())]),
        )
        .await
        .expect("set after falling back");
        assert_eq!(set["hw:cpu_policy"], "dedicated");
        assert_eq!(*seen.lock().unwrap(), ["compute 2.86", "compute 2.79"]);
    }

    #[tokio::test]
    async fn hypervisor_calls_ask_for_2_79() {
        let seen = Seen::default();
        let s = session(serve(seen.clone()).await);
        let stats = compute::get_hypervisor_statistics(&s)
            .await
            .expect("statistics");
        assert_eq!((stats.count, stats.vcpus), (1, 2));
        assert_eq!(*seen.lock().unwrap(), ["compute 2.79"]);
    }
}
