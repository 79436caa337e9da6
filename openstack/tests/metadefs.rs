//! Integration tests of the metadata definitions (metadefs) client against
//! the demo cloud.

mod common;
use common::Cloud;

use std::time::Duration;

use openstack::image::{self, MetadefNamespace};
use openstack::Error;

fn names(namespaces: &[MetadefNamespace]) -> Vec<&str> {
    namespaces.iter().map(|n| n.namespace.as_str()).collect()
}

#[tokio::test]
async fn lists_namespaces_for_a_resource_type_with_properties() {
    let cloud = Cloud::start(Duration::ZERO).await;
    let session = &cloud.session;

    let flavor = image::list_metadef_namespaces(session, "OS::Nova::Flavor")
        .await
        .expect("lists");
    assert_eq!(
        names(&flavor),
        [
            "OS::Compute::CPUMode",
            "OS::Compute::CPUPinning",
            "OS::Compute::GuestMemoryBacking",
            "OS::Compute::Quota",
            "OS::Compute::VirtCPUTopology",
            "OS::Compute::Watchdog",
        ]
    );
    // The list carries no properties: they come from each namespace.
    let topo = &flavor[4];
    assert_eq!(topo.prefix_for("OS::Nova::Flavor"), Some("hw:"));
    let sockets = &topo.properties["cpu_sockets"];
    assert_eq!(sockets.r#type, "integer");
    assert_eq!(sockets.title, "vCPU Sockets");
    let pinning = &flavor[1];
    assert_eq!(
        pinning.properties["cpu_thread_policy"].r#enum,
        ["isolate", "prefer", "require"]
    );
    let quota = &flavor[3];
    assert_eq!(quota.prefix_for("OS::Nova::Flavor"), None);
    assert!(quota
        .all_properties()
        .contains_key("quota:disk_read_iops_sec"));

    let image_ns = image::list_metadef_namespaces(session, "OS::Glance::Image")
        .await
        .expect("lists");
    assert_eq!(image_ns.len(), 5);
    assert!(image_ns
        .iter()
        .all(|n| n.prefix_for("OS::Glance::Image") == Some("hw_")));
    assert!(
        image::list_metadef_namespaces(session, "OS::Nova::Aggregate")
            .await
            .expect("lists")
            .is_empty()
    );
    assert_eq!(
        image::list_metadef_namespaces(session, "")
            .await
            .expect("lists")
            .len(),
        6
    );
    cloud.stop().await;
}

#[tokio::test]
async fn gets_one_namespace_and_404s() {
    let cloud = Cloud::start(Duration::ZERO).await;
    let session = &cloud.session;

    let watchdog = image::get_metadef_namespace(session, "OS::Compute::Watchdog")
        .await
        .expect("gets");
    assert_eq!(watchdog.display_name.as_deref(), Some("Watchdog Behavior"));
    assert!(watchdog.protected);
    assert_eq!(watchdog.visibility.as_deref(), Some("public"));
    let volume = watchdog
        .association("OS::Cinder::Volume")
        .expect("volume association");
    assert_eq!(volume.properties_target.as_deref(), Some("image"));
    assert_eq!(
        watchdog.properties["watchdog_action"].r#enum,
        ["disabled", "reset", "poweroff", "pause", "none"]
    );

    let err = image::get_metadef_namespace(session, "OS::Nope")
        .await
        .expect_err("no such namespace");
    match err {
        Error::NotFound { message } => assert!(
            message.contains("Metadata definition namespace=OS::Nope was not found"),
            "{message}"
        ),
        other => panic!("unexpected {other:?}"),
    }
    cloud.stop().await;
}

#[tokio::test]
async fn builtin_copy_equals_what_the_cloud_serves() {
    let cloud = Cloud::start(Duration::ZERO).await;
    for resource_type in [
        "OS::Nova::Flavor",
        "OS::Glance::Image",
        "OS::Cinder::Volume",
        "",
    ] {
        let served = image::list_metadef_namespaces(&cloud.session, resource_type)
            .await
            .expect("lists");
        assert_eq!(
            served,
            image::builtin_metadef_namespaces(resource_type),
            "{resource_type}"
        );
    }
    cloud.stop().await;
}
