//! The fault-injection client against the demo cloud, the only cloud that
//! has the API.

mod common;

use std::time::Duration;

use common::{login, Cloud};
use openstack::fault::{self, FaultMode, FaultSpec, ServiceFault};
use openstack::Error;

#[tokio::test]
async fn faults_are_set_listed_and_cleared() {
    let cloud = Cloud::start(Duration::from_millis(100)).await;
    let admin = login(&cloud.cloud, "admin", "admin", "admin").await;

    assert_eq!(fault::list_faults(&admin).await, Ok(Vec::new()));
    let set = fault::set_fault(
        &admin,
        "nova",
        &FaultSpec {
            mode: FaultMode::Unavailable,
            latency_ms: 0,
        },
    )
    .await
    .expect("sets");
    let compute_down = ServiceFault {
        service_type: "compute".into(),
        mode: FaultMode::Unavailable,
        latency_ms: 0,
    };
    assert_eq!(set, compute_down);
    fault::set_fault(
        &admin,
        "image",
        &FaultSpec {
            mode: FaultMode::Slow,
            latency_ms: 50,
        },
    )
    .await
    .expect("sets");
    let listed = fault::list_faults(&admin).await.expect("lists");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], compute_down);
    assert_eq!(listed[1].mode, FaultMode::Slow);

    // The typed compute client sees the 503.
    let err = openstack::compute::list_servers(&cloud.session, &Default::default())
        .await
        .expect_err("compute is down");
    assert_eq!(err.status(), Some(503), "{err}");

    fault::clear_fault(&admin, "compute").await.expect("clears");
    fault::clear_fault(&admin, "image").await.expect("clears");
    fault::clear_fault(&admin, "image")
        .await
        .expect("clearing twice is fine");
    assert_eq!(fault::list_faults(&admin).await, Ok(Vec::new()));
    openstack::compute::list_servers(&cloud.session, &Default::default())
        .await
        .expect("compute is back");

    // Refused: the client reports an unreachable service, not a status.
    fault::set_fault(
        &admin,
        "compute",
        &FaultSpec {
            mode: FaultMode::Refused,
            latency_ms: 0,
        },
    )
    .await
    .expect("sets");
    let err = openstack::compute::list_servers(&cloud.session, &Default::default())
        .await
        .expect_err("compute drops the connection");
    assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
    fault::clear_fault(&admin, "compute").await.expect("clears");

    cloud.stop().await;
}

#[tokio::test]
async fn errors_come_back_typed() {
    let cloud = Cloud::start(Duration::from_millis(100)).await;
    let admin = login(&cloud.cloud, "admin", "admin", "admin").await;

    let err = fault::list_faults(&cloud.session)
        .await
        .expect_err("demo is no admin");
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    let err = fault::clear_fault(&admin, "cinder")
        .await
        .expect_err("no such service");
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    let err = fault::set_fault(
        &admin,
        "compute",
        &FaultSpec {
            mode: FaultMode::Slow,
            latency_ms: 0,
        },
    )
    .await
    .expect_err("slow needs a latency");
    assert!(matches!(err, Error::BadRequest { .. }), "{err:?}");

    cloud.stop().await;
}

#[tokio::test]
async fn a_failed_server_shows_error() {
    let cloud = Cloud::start(Duration::from_millis(100)).await;
    let admin = login(&cloud.cloud, "admin", "admin", "admin").await;
    let servers = openstack::compute::list_servers(&cloud.session, &Default::default())
        .await
        .expect("lists");
    let id = servers.first().expect("a seeded server").id.clone();

    fault::fail_server(&admin, &id, "Hypervisor lost power")
        .await
        .expect("fails the server");
    let server = openstack::compute::get_server(&cloud.session, &id)
        .await
        .expect("shows");
    assert_eq!(server.status, "ERROR");
    let shown = server.fault.expect("a fault");
    assert_eq!(shown.message, "Hypervisor lost power");
    assert_eq!(shown.code, Some(500));

    let err = fault::fail_server(&admin, "no-such-server", "x")
        .await
        .expect_err("no such server");
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");

    cloud.stop().await;
}
