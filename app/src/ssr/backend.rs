use leptos::prelude::use_context;

use crate::error::AppError;

/// The cloud Zenith talks to, shared by every request.
#[derive(Clone, Debug)]
pub struct Backend {
    pub client: openstack::Client,
    pub auth_url: String,
    pub interface: openstack::Interface,
    /// The region from clouds.yaml or `OS_REGION_NAME`, if any.
    pub region: Option<String>,
}

impl Backend {
    /// The backend provided to this request by the server.
    pub fn current() -> Result<Backend, AppError> {
        use_context::<Backend>().ok_or_else(|| AppError::Internal("no cloud is configured".into()))
    }
}
