//! Integration tests of the network (Neutron) client and compute server
//! groups against the demo cloud.

mod common;
use common::Cloud;

use openstack::compute::{self, Networks, ServerCreate, ServerGroupPolicy};
use openstack::network::{self, Direction, NetworkFilter, PortFilter, SecurityGroupRuleCreate};
use openstack::Error;
use std::time::Duration;

const DELAY: Duration = Duration::from_millis(100);

#[tokio::test]
async fn networks_and_subnets_list_with_filters() {
    let c = Cloud::start(DELAY).await;
    let all = network::list_networks(&c.session, &NetworkFilter::default())
        .await
        .expect("networks");
    let names: Vec<&str> = all.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["public", "private"]);

    let external = network::list_networks(
        &c.session,
        &NetworkFilter {
            external: Some(true),
            ..Default::default()
        },
    )
    .await
    .expect("external networks");
    assert_eq!(external.len(), 1);
    let public = &external[0];
    assert!(public.external && public.shared);
    assert_eq!(public.status, "ACTIVE");
    assert_eq!(public.mtu, Some(1450));
    assert!(public.created_at.is_some());

    let private = network::list_networks(
        &c.session,
        &NetworkFilter {
            name: Some("private".into()),
            ..Default::default()
        },
    )
    .await
    .expect("private")
    .pop()
    .expect("one private network");
    assert_eq!(private.project_id, c.project_id());
    let same = network::get_network(&c.session, &private.id)
        .await
        .expect("show");
    assert_eq!(same, private);
    let e = network::get_network(&c.session, "missing")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert!(
        e.to_string().contains("Network missing could not be found"),
        "{e}"
    );

    let subnets = network::list_subnets(&c.session, Some(&private.id))
        .await
        .expect("subnets");
    assert_eq!(subnets.len(), 1);
    let s = &subnets[0];
    assert_eq!(s.name, "private-subnet");
    assert_eq!(s.cidr, "10.0.0.0/24");
    assert_eq!(s.ip_version, 4);
    assert_eq!(s.gateway_ip.as_deref(), Some("10.0.0.1"));
    assert_eq!(s.allocation_pools[0].start, "10.0.0.2");
    assert_eq!(private.subnets, [s.id.as_str()]);
    let every = network::list_subnets(&c.session, None).await.expect("all");
    assert_eq!(every.len(), 2, "private and public");
    c.stop().await;
}

#[tokio::test]
async fn ports_of_a_server() {
    let c = Cloud::start(DELAY).await;
    let servers = compute::list_servers(&c.session, &Default::default())
        .await
        .expect("servers");
    let server = &servers[0];
    let ports = network::list_ports(
        &c.session,
        &PortFilter {
            device_id: Some(server.id.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("ports");
    assert_eq!(ports.len(), 1);
    let p = &ports[0];
    assert_eq!(p.device_owner, "compute:nova");
    assert_eq!(p.status, "ACTIVE");
    assert!(p.mac_address.starts_with("fa:16:3e:"));
    assert_eq!(p.security_groups.len(), 1);
    // The server shows the port's address.
    let addr = &server.addresses["private"][0];
    assert_eq!(addr.addr, p.fixed_ips[0].ip_address);
    assert_eq!(addr.mac_addr.as_deref(), Some(p.mac_address.as_str()));
    assert_eq!(addr.ip_type.as_deref(), Some("fixed"));

    let all = network::list_ports(&c.session, &PortFilter::default())
        .await
        .expect("all ports");
    assert_eq!(all.len(), 2);
    c.stop().await;
}

#[tokio::test]
async fn security_groups_and_rules_round_trip() {
    let c = Cloud::start(DELAY).await;
    let groups = network::list_security_groups(&c.session)
        .await
        .expect("groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].name, "default");
    assert_eq!(groups[0].security_group_rules.len(), 4);

    let web = network::create_security_group(&c.session, "web", "web servers")
        .await
        .expect("create");
    assert_eq!(web.name, "web");
    assert_eq!(web.description, "web servers");
    assert_eq!(web.security_group_rules.len(), 2);

    let ssh = SecurityGroupRuleCreate {
        security_group_id: web.id.clone(),
        direction: Direction::Ingress,
        protocol: Some("tcp".into()),
        port_range_min: Some(22),
        port_range_max: Some(22),
        remote_ip_prefix: Some("0.0.0.0/0".into()),
        ..Default::default()
    };
    let rule = network::create_security_group_rule(&c.session, &ssh)
        .await
        .expect("rule");
    assert_eq!(rule.direction, "ingress");
    assert_eq!(rule.ethertype, "IPv4");
    assert_eq!(rule.port_range_min, Some(22));
    let e = network::create_security_group_rule(&c.session, &ssh)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "{e:?}");
    assert!(
        e.to_string().contains("Security group rule already exists"),
        "{e}"
    );
    let bad = SecurityGroupRuleCreate {
        port_range_min: Some(90),
        port_range_max: Some(80),
        ..ssh.clone()
    };
    let e = network::create_security_group_rule(&c.session, &bad)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::BadRequest { .. }), "{e:?}");

    let rules = network::list_security_group_rules(&c.session, Some(&web.id))
        .await
        .expect("rules");
    assert_eq!(rules.len(), 3);
    network::delete_security_group_rule(&c.session, &rule.id)
        .await
        .expect("delete rule");
    let rules = network::list_security_group_rules(&c.session, Some(&web.id))
        .await
        .expect("rules");
    assert_eq!(rules.len(), 2);

    network::delete_security_group(&c.session, &web.id)
        .await
        .expect("delete group");
    let e = network::delete_security_group(&c.session, &groups[0].id)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Conflict { .. }), "default stays: {e:?}");
    let left = network::list_security_groups(&c.session)
        .await
        .expect("groups");
    assert_eq!(left.len(), 1);
    c.stop().await;
}

#[tokio::test]
async fn floating_ip_follows_a_server() {
    let c = Cloud::start(DELAY).await;
    let public = network::list_networks(
        &c.session,
        &NetworkFilter {
            external: Some(true),
            ..Default::default()
        },
    )
    .await
    .expect("public")
    .remove(0);
    let fip = network::create_floating_ip(&c.session, &public.id)
        .await
        .expect("allocate");
    assert_eq!(fip.status, "DOWN");
    assert_eq!(fip.floating_network_id, public.id);
    assert!(fip.floating_ip_address.starts_with("172.24.4."));
    assert_eq!(fip.port_id, None);

    let created = compute::create_server(
        &c.session,
        &ServerCreate {
            name: "web-1".into(),
            flavor_ref: "1".into(),
            image_ref: Some("cirros-0.6.2-x86_64-disk".into()),
            networks: Networks::Auto,
            security_groups: vec!["default".into()],
            ..Default::default()
        },
    )
    .await
    .expect("server");
    let port = network::list_ports(
        &c.session,
        &PortFilter {
            device_id: Some(created.id.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("ports")
    .remove(0);

    let fip = network::update_floating_ip(&c.session, &fip.id, Some(&port.id))
        .await
        .expect("associate");
    assert_eq!(fip.status, "ACTIVE");
    assert_eq!(fip.port_id.as_deref(), Some(port.id.as_str()));
    assert_eq!(
        fip.fixed_ip_address.as_deref(),
        Some(port.fixed_ips[0].ip_address.as_str())
    );
    assert_eq!(
        fip.port_details.as_ref().map(|d| d.device_id.as_str()),
        Some(created.id.as_str())
    );
    let server = compute::get_server(&c.session, &created.id)
        .await
        .expect("server");
    let kinds: Vec<(&str, Option<&str>)> = server.addresses["private"]
        .iter()
        .map(|a| (a.addr.as_str(), a.ip_type.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (port.fixed_ips[0].ip_address.as_str(), Some("fixed")),
            (fip.floating_ip_address.as_str(), Some("floating")),
        ]
    );
    let listed = network::list_floating_ips(&c.session).await.expect("list");
    assert_eq!(listed, std::slice::from_ref(&fip));

    let fip = network::update_floating_ip(&c.session, &fip.id, None)
        .await
        .expect("disassociate");
    assert_eq!(fip.status, "DOWN");
    assert_eq!(fip.port_id, None);

    // Deleting the server frees its port.
    compute::delete_server(&c.session, &created.id)
        .await
        .expect("delete server");
    let left = network::list_ports(
        &c.session,
        &PortFilter {
            device_id: Some(created.id.clone()),
            ..Default::default()
        },
    )
    .await
    .expect("ports");
    assert!(left.is_empty());

    network::delete_floating_ip(&c.session, &fip.id)
        .await
        .expect("release");
    assert!(network::list_floating_ips(&c.session)
        .await
        .expect("list")
        .is_empty());
    let e = network::delete_floating_ip(&c.session, &fip.id)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    let e = network::create_floating_ip(&c.session, "nope")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn quota_details_count_usage() {
    let c = Cloud::start(DELAY).await;
    let q = network::get_quota_details(&c.session, &c.project_id())
        .await
        .expect("quota");
    assert_eq!((q.network.limit, q.network.used), (100, 1));
    assert_eq!((q.subnet.limit, q.subnet.used), (100, 1));
    assert_eq!((q.port.limit, q.port.used), (500, 2));
    assert_eq!(q.router.limit, 10);
    assert_eq!(q.floatingip.limit, 50);
    assert_eq!(q.security_group.limit, 10);
    assert_eq!(q.security_group_rule.limit, 100);
    network::create_security_group(&c.session, "one", "")
        .await
        .expect("group");
    let q = network::get_quota_details(&c.session, &c.project_id())
        .await
        .expect("quota");
    assert_eq!(q.security_group.used, 2);
    assert_eq!(q.security_group_rule.used, 6);
    let e = network::get_quota_details(&c.session, "someone-else")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Forbidden { .. }), "{e:?}");
    c.stop().await;
}

#[tokio::test]
async fn server_groups_create_list_delete() {
    let c = Cloud::start(DELAY).await;
    assert!(compute::list_server_groups(&c.session)
        .await
        .expect("list")
        .is_empty());
    let g = compute::create_server_group(&c.session, "spread", ServerGroupPolicy::AntiAffinity)
        .await
        .expect("create");
    assert_eq!(g.name, "spread");
    assert_eq!(g.policy, "anti-affinity");
    assert!(g.members.is_empty() && g.rules.is_empty());
    assert_eq!(g.project_id, c.project_id());
    let soft = compute::create_server_group(&c.session, "soft", ServerGroupPolicy::SoftAffinity)
        .await
        .expect("create soft");
    assert_eq!(soft.policy, "soft-affinity");
    let groups = compute::list_server_groups(&c.session).await.expect("list");
    let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["spread", "soft"]);
    compute::delete_server_group(&c.session, &g.id)
        .await
        .expect("delete");
    let e = compute::delete_server_group(&c.session, &g.id)
        .await
        .unwrap_err();
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert_eq!(
        compute::list_server_groups(&c.session)
            .await
            .expect("list")
            .len(),
        1
    );
    c.stop().await;
}
