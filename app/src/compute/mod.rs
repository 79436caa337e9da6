//! Project → Compute.

mod instance;

pub use instance::{list_instances, InstancesPage};
