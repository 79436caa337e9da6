//! Images: `/v2/images`.

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::session::Session;

/// An image as `GET /v2/images` lists it; properties are not kept here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub visibility: String,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub min_disk: u64,
    #[serde(default)]
    pub min_ram: u64,
    #[serde(default)]
    pub disk_format: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub protected: bool,
}

/// The images with these ids that the user may see, in one request
/// (`id=in:a,b,c`), e.g. to name the images of a page of servers.
pub async fn images_by_id(session: &Session, ids: &[String]) -> Result<Vec<Image>> {
    #[derive(Deserialize)]
    struct Body {
        images: Vec<Image>,
    }
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
    let body: Body = session
        .get_json_query(
            super::SERVICE_TYPE,
            "/v2/images",
            &[("id", filter.as_str()), ("limit", limit.as_str())],
        )
        .await?;
    Ok(body.images)
}
