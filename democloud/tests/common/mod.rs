//! Starting a demo cloud on a free port for the HTTP tests.
// Each test crate uses only some of these.
#![allow(dead_code)]

use std::path::Path;

use democloud::{Config, DemoCloud};

/// A demo cloud on `dir`, with `tweak` applied to its configuration.
pub async fn start_in(dir: &Path, tweak: impl FnOnce(&mut Config)) -> DemoCloud {
    let mut config = Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.to_owned(),
        ..Config::default()
    };
    tweak(&mut config);
    DemoCloud::start(config).await.expect("democloud starts")
}

/// As [`start_in`], in a new temporary directory that lives as long as the
/// returned guard.
pub async fn start(tweak: impl FnOnce(&mut Config)) -> (DemoCloud, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = start_in(dir.path(), tweak).await;
    (cloud, dir)
}
