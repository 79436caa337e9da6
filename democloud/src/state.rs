//! State shared by all request handlers.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::db::Db;
use crate::fault::Faults;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// `http://host:port` of the listener, without a trailing slash; every
    /// URL the cloud hands out starts with it.
    pub base_url: Arc<str>,
    pub token_ttl: Duration,
    /// Time a compute server spends in a transitional state.
    pub build_delay: Duration,
    /// The data directory; image data lives in its `images/` folder, object
    /// data in `objects/`.
    pub data_dir: Arc<PathBuf>,
    /// Injected faults, by service type.
    pub faults: Faults,
}
