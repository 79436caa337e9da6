//! The image service (Glance v2).

mod images;

pub use images::{images_by_id, Image};

/// The catalog type of the image service.
pub const SERVICE_TYPE: &str = "image";
