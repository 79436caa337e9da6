//! The image service (Glance v2).

mod data;
mod images;
mod metadefs;

pub use data::{download_image_data, upload_image_data};
pub use images::{
    add_image_tag, create_image, delete_image, get_image, images_by_id, list_images,
    list_images_page, remove_image_tag, update_image, Image, ImageCreate, ImageFilter, ImagePage,
    ImagePatch, PATCH_CONTENT_TYPE,
};
pub use metadefs::{
    builtin_metadef_namespaces, get_metadef_namespace, list_metadef_namespaces, MetadefNamespace,
    MetadefObject, MetadefProperty, MetadefPropertyItems, MetadefResourceTypeAssociation,
};
/// The body type of [`upload_image_data`], so callers need no direct
/// reqwest dependency to stream one (`Body::wrap_stream`).
pub use reqwest::Body;

/// The catalog type of the image service.
pub const SERVICE_TYPE: &str = "image";

/// `/v2/images/{image_id}{rest}` with the id encoded.
fn image_path(image_id: &str, rest: &str) -> String {
    format!("/v2/images/{}{rest}", crate::encode_segment(image_id))
}
