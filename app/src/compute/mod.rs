//! Project → Compute: instances, the launch wizard, images and key pairs.

mod action;
mod image;
mod image_topology;
mod instance;
mod instance_detail;
mod keypair;
mod launch;
mod network;
mod status;

pub use action::{run_instance_action, ConfirmPanel, InstanceAction};
pub use image::{ImageDetailPage, ImagesPage};
pub use instance::{list_instances, AllInstancesPage, InstancesPage};
pub use instance_detail::InstanceDetailPage;
pub use keypair::KeypairsPage;
pub use launch::LaunchPage;
pub use status::STATUSES;
