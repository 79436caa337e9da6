//! Images: `/v2/images` and `/v2/images/{image_id}` (list, show, create,
//! JSON-patch update, delete) and image tags.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::{image_path, SERVICE_TYPE};
use crate::error::{Error, Result};
use crate::session::Session;

/// The media type Glance wants for `PATCH /v2/images/{image_id}`.
pub const PATCH_CONTENT_TYPE: &str = "application/openstack-images-v2.1-json-patch";

/// Most pages [`list_images`] follows, so a cloud that keeps sending `next`
/// links cannot loop forever.
const MAX_PAGES: usize = 1000;

/// An image as `GET /v2/images/{image_id}` shows it. Glance puts custom
/// properties (`os_distro`, `hw_*`, `image_type`…) beside the core
/// attributes; they are collected in [`Image::properties`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// `queued`, `saving`, `uploading`, `importing`, `active`,
    /// `deactivated`, `killed`, `deleted`, `pending_delete`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// `public`, `private`, `shared` or `community`.
    #[serde(default, deserialize_with = "null_default")]
    pub visibility: String,
    #[serde(default, deserialize_with = "null_default")]
    pub protected: bool,
    #[serde(default, deserialize_with = "null_default")]
    pub os_hidden: bool,
    /// Bytes of image data; `None` until data is uploaded.
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub virtual_size: Option<u64>,
    #[serde(default)]
    pub disk_format: Option<String>,
    #[serde(default)]
    pub container_format: Option<String>,
    /// GiB of disk the image needs.
    #[serde(default, deserialize_with = "null_default")]
    pub min_disk: u64,
    /// MiB of RAM the image needs.
    #[serde(default, deserialize_with = "null_default")]
    pub min_ram: u64,
    /// The owning project's id.
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
    /// MD5 of the data (legacy; prefer `os_hash_value`).
    #[serde(default)]
    pub checksum: Option<String>,
    /// Usually `sha512`.
    #[serde(default)]
    pub os_hash_algo: Option<String>,
    #[serde(default)]
    pub os_hash_value: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// `/v2/images/{image_id}`.
    #[serde(default, rename = "self", skip_serializing_if = "Option::is_none")]
    pub self_link: Option<String>,
    /// `/v2/images/{image_id}/file`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Only shown when the cloud's policy exposes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locations: Option<Vec<Value>>,
    /// Comma-separated store ids (multi-store clouds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stores: Option<String>,
    /// Every other top-level key: the image's custom properties.
    #[serde(flatten)]
    pub properties: BTreeMap<String, Value>,
}

impl Image {
    /// A custom property as a string (Glance stores them as strings).
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties.get(key).and_then(Value::as_str)
    }
}

/// `null` becomes the type's default (older clouds send `null` for
/// `min_disk`, `tags` and the like).
fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// Query parameters of `GET /v2/images`. `name`, `status` and `owner`
/// take Glance's `in:a,b` operator too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImageFilter {
    /// Page size; the cloud caps it (Glance's default cap is 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// The id of the last image of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `public`, `private`, `shared`, `community` or `all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// `name`, `status`, `size`, `created_at`… (comma-separated for
    /// several keys).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_key: Option<String>,
    /// `asc` or `desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_dir: Option<String>,
}

/// One page of images and the marker of the next page, if there is one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImagePage {
    pub images: Vec<Image>,
    pub next_marker: Option<String>,
}

#[derive(Deserialize)]
struct ImagesBody {
    images: Vec<Image>,
    /// Glance's link to the next page: `/v2/images?marker=…&limit=…`.
    #[serde(default)]
    next: Option<String>,
}

/// The `marker` in Glance's `next` link.
fn marker_of(next: &str) -> Option<String> {
    let (_, query) = next.split_once('?')?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "marker")
        .map(|(_, v)| v.into_owned())
        .filter(|m| !m.is_empty())
}

/// `GET /v2/images`: one page.
pub async fn list_images_page(session: &Session, filter: &ImageFilter) -> Result<ImagePage> {
    let body: ImagesBody = session
        .get_json_query(SERVICE_TYPE, "/v2/images", filter)
        .await?;
    Ok(ImagePage {
        images: body.images,
        next_marker: body.next.as_deref().and_then(marker_of),
    })
}

/// Every image matching `filter`, following the pages (`filter.limit` is
/// the page size).
pub async fn list_images(session: &Session, filter: &ImageFilter) -> Result<Vec<Image>> {
    let mut filter = filter.clone();
    let mut images = Vec::new();
    for _ in 0..MAX_PAGES {
        let page = list_images_page(session, &filter).await?;
        images.extend(page.images);
        match page.next_marker {
            Some(marker) if filter.marker.as_deref() != Some(marker.as_str()) => {
                filter.marker = Some(marker)
            }
            _ => return Ok(images),
        }
    }
    Err(Error::decode(
        &session.endpoint(SERVICE_TYPE)?,
        format!("the image list gave more than {MAX_PAGES} pages; use a filter"),
    ))
}

/// The images with these ids that the user may see, in one request
/// (`id=in:a,b,c`), e.g. to name the images of a page of servers.
pub async fn images_by_id(session: &Session, ids: &[String]) -> Result<Vec<Image>> {
    let mut ids: Vec<&str> = ids
        .iter()
        .map(String::as_str)
        .filter(|id| !id.is_empty())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let filter = format!("in:{}", ids.join(","));
    let limit = ids.len().to_string();
    let body: ImagesBody = session
        .get_json_query(
            SERVICE_TYPE,
            "/v2/images",
            &[("id", filter.as_str()), ("limit", limit.as_str())],
        )
        .await?;
    Ok(body.images)
}

/// `GET /v2/images/{image_id}`.
pub async fn get_image(session: &Session, image_id: &str) -> Result<Image> {
    session
        .get_json(SERVICE_TYPE, &image_path(image_id, ""))
        .await
}

/// The body of `POST /v2/images`. Unset fields take Glance's defaults
/// (visibility `shared`, not protected).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImageCreate {
    pub name: String,
    /// `qcow2`, `raw`, `iso`, `vmdk`…; required before data is uploaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_format: Option<String>,
    /// Usually `bare`; required before data is uploaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub container_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_disk: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_ram: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protected: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Custom properties; Glance only takes string values.
    #[serde(flatten)]
    pub properties: BTreeMap<String, String>,
}

/// `POST /v2/images`: a `queued` image without data; upload it with
/// [`upload_image_data`](super::upload_image_data).
pub async fn create_image(session: &Session, image: &ImageCreate) -> Result<Image> {
    session.post_json(SERVICE_TYPE, "/v2/images", image).await
}

/// One JSON-patch operation of [`update_image`]. `path` is a JSON pointer
/// (`/name`, `/os_distro`); build it with [`ImagePatch::replace`] and
/// friends, which escape the attribute name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum ImagePatch {
    /// Sets an attribute that exists (a missing custom property is a 409).
    Replace { path: String, value: Value },
    /// Sets an attribute, creating a custom property if needed.
    Add { path: String, value: Value },
    /// Removes a custom property (core attributes cannot be removed).
    Remove { path: String },
}

/// `name` as a JSON pointer (RFC 6901): `~` and `/` escaped.
fn pointer(attribute: &str) -> String {
    format!("/{}", attribute.replace('~', "~0").replace('/', "~1"))
}

impl ImagePatch {
    pub fn replace(attribute: &str, value: impl Into<Value>) -> ImagePatch {
        ImagePatch::Replace {
            path: pointer(attribute),
            value: value.into(),
        }
    }

    pub fn add(attribute: &str, value: impl Into<Value>) -> ImagePatch {
        ImagePatch::Add {
            path: pointer(attribute),
            value: value.into(),
        }
    }

    pub fn remove(attribute: &str) -> ImagePatch {
        ImagePatch::Remove {
            path: pointer(attribute),
        }
    }
}

/// `PATCH /v2/images/{image_id}`: applies `changes` in order, all or
/// nothing, and returns the updated image.
pub async fn update_image(
    session: &Session,
    image_id: &str,
    changes: &[ImagePatch],
) -> Result<Image> {
    session
        .patch_json(
            SERVICE_TYPE,
            &image_path(image_id, ""),
            PATCH_CONTENT_TYPE,
            changes,
        )
        .await
}

/// `DELETE /v2/images/{image_id}`. A protected image gives
/// [`Error::Forbidden`].
pub async fn delete_image(session: &Session, image_id: &str) -> Result<()> {
    session
        .delete(SERVICE_TYPE, &image_path(image_id, ""))
        .await
}

/// `PUT /v2/images/{image_id}/tags/{tag}` (adding a tag twice is fine).
pub async fn add_image_tag(session: &Session, image_id: &str, tag: &str) -> Result<()> {
    let path = image_path(image_id, &format!("/tags/{}", crate::encode_segment(tag)));
    session
        .call(Method::PUT, SERVICE_TYPE, &path)
        .execute()
        .await
}

/// `DELETE /v2/images/{image_id}/tags/{tag}`.
pub async fn remove_image_tag(session: &Session, image_id: &str, tag: &str) -> Result<()> {
    let path = image_path(image_id, &format!("/tags/{}", crate::encode_segment(tag)));
    session.delete(SERVICE_TYPE, &path).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn image_keeps_custom_properties_apart() {
        let img: Image = serde_json::from_value(json!({
            "id": "i1", "name": "cirros", "status": "active", "visibility": "public",
            "protected": false, "os_hidden": false, "size": 4096, "virtual_size": null,
            "disk_format": "qcow2", "container_format": "bare", "min_disk": 1, "min_ram": 0,
            "owner": "p1", "created_at": "2024-01-02T03:04:05Z", "updated_at": "2024-01-02T03:04:06Z",
            "checksum": "abc", "os_hash_algo": "sha512", "os_hash_value": "def",
            "tags": ["t"], "self": "/v2/images/i1", "file": "/v2/images/i1/file",
            "schema": "/v2/schemas/image", "os_distro": "cirros", "hw_cpu_max_threads": "2",
        }))
        .expect("decodes");
        assert_eq!(img.name.as_deref(), Some("cirros"));
        assert_eq!(img.size, Some(4096));
        assert_eq!(img.min_disk, 1);
        assert!(img.created_at.is_some());
        assert_eq!(img.file.as_deref(), Some("/v2/images/i1/file"));
        assert_eq!(
            img.properties.keys().collect::<Vec<_>>(),
            ["hw_cpu_max_threads", "os_distro"]
        );
        assert_eq!(img.property("os_distro"), Some("cirros"));
        // A queued image from an older cloud: nulls everywhere.
        let queued: Image = serde_json::from_value(json!({
            "id": "i2", "name": null, "status": "queued", "min_disk": null, "tags": null,
            "size": null, "created_at": null,
        }))
        .expect("decodes");
        assert_eq!((queued.min_disk, queued.size), (0, None));
        assert!(queued.properties.is_empty());
        // It survives a round trip through JSON (the app sends it to the browser).
        let back: Image = serde_json::from_value(serde_json::to_value(&img).expect("encodes"))
            .expect("decodes again");
        assert_eq!(back, img);
    }

    #[test]
    fn filter_sends_only_what_is_set() {
        let f = ImageFilter {
            limit: Some(2),
            visibility: Some("all".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&f).expect("encodes"),
            json!({"limit": 2, "visibility": "all"})
        );
    }

    #[test]
    fn create_body_flattens_properties() {
        let c = ImageCreate {
            name: "img".into(),
            disk_format: Some("qcow2".into()),
            container_format: Some("bare".into()),
            properties: [("os_distro".to_owned(), "debian".to_owned())].into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&c).expect("encodes"),
            json!({"name": "img", "disk_format": "qcow2", "container_format": "bare",
                   "os_distro": "debian"})
        );
    }

    #[test]
    fn patches_are_json_patch_operations() {
        let ops = vec![
            ImagePatch::replace("name", "new"),
            ImagePatch::add("a/b~c", "v"),
            ImagePatch::remove("os_distro"),
            ImagePatch::replace("protected", true),
        ];
        assert_eq!(
            serde_json::to_value(&ops).expect("encodes"),
            json!([
                {"op": "replace", "path": "/name", "value": "new"},
                {"op": "add", "path": "/a~1b~0c", "value": "v"},
                {"op": "remove", "path": "/os_distro"},
                {"op": "replace", "path": "/protected", "value": true},
            ])
        );
    }

    #[test]
    fn next_link_gives_the_marker() {
        assert_eq!(
            marker_of("/v2/images?limit=2&marker=abc-1&sort_key=name").as_deref(),
            Some("abc-1")
        );
        assert_eq!(marker_of("/v2/images?limit=2"), None);
        assert_eq!(marker_of("/v2/images"), None);
    }
}
