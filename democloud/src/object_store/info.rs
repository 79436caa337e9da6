//! `GET /info` (and `/swift/info`, next to the API): the capabilities
//! clients read before choosing how to upload and delete, in the shape
//! Swift 2.37 registers them. Unauthenticated, as in Swift.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::listing::py_json;
use super::*;

#[derive(Serialize)]
struct Info {
    swift: SwiftInfo,
    slo: SloInfo,
    bulk_delete: BulkDeleteInfo,
}

#[derive(Serialize)]
struct SwiftInfo {
    version: &'static str,
    strict_cors_mode: bool,
    policies: Vec<PolicyInfo>,
    allow_account_management: bool,
    account_autocreate: bool,
    allow_open_expired: bool,
    max_file_size: u64,
    max_meta_name_length: usize,
    max_meta_value_length: usize,
    max_meta_count: usize,
    max_meta_overall_size: usize,
    max_header_size: usize,
    max_request_line: usize,
    max_object_name_length: usize,
    container_listing_limit: usize,
    account_listing_limit: usize,
    max_account_name_length: usize,
    max_container_name_length: usize,
    extra_header_count: usize,
}

#[derive(Serialize)]
struct PolicyInfo {
    name: &'static str,
    aliases: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    default: Option<bool>,
}

#[derive(Serialize)]
struct SloInfo {
    max_manifest_segments: usize,
    max_manifest_size: usize,
    yield_frequency: u32,
    min_segment_size: u32,
    allow_async_delete: bool,
}

#[derive(Serialize)]
struct BulkDeleteInfo {
    max_deletes_per_request: usize,
    max_failed_deletes: usize,
}

/// The Swift release whose behaviour this follows.
pub const VERSION: &str = "2.37.4";

pub async fn info(req: axum::extract::Request) -> Response {
    let trans_id = req
        .extensions()
        .get::<crate::http::RequestId>()
        .map(|r| r.0.clone())
        .unwrap_or_default();
    let doc = Info {
        swift: SwiftInfo {
            version: VERSION,
            strict_cors_mode: true,
            policies: POLICIES
                .iter()
                .enumerate()
                .map(|(i, name)| PolicyInfo {
                    name,
                    aliases: name,
                    default: (i == 0).then_some(true),
                })
                .collect(),
            allow_account_management: false,
            account_autocreate: true,
            allow_open_expired: false,
            max_file_size: MAX_FILE_SIZE,
            max_meta_name_length: MAX_META_NAME_LENGTH,
            max_meta_value_length: MAX_META_VALUE_LENGTH,
            max_meta_count: MAX_META_COUNT,
            max_meta_overall_size: MAX_META_OVERALL_SIZE,
            max_header_size: MAX_HEADER_SIZE,
            max_request_line: 8192,
            max_object_name_length: MAX_OBJECT_NAME_LENGTH,
            container_listing_limit: CONTAINER_LISTING_LIMIT,
            account_listing_limit: ACCOUNT_LISTING_LIMIT,
            max_account_name_length: MAX_ACCOUNT_NAME_LENGTH,
            max_container_name_length: MAX_CONTAINER_NAME_LENGTH,
            extra_header_count: 0,
        },
        slo: SloInfo {
            max_manifest_segments: slo::MAX_MANIFEST_SEGMENTS,
            max_manifest_size: slo::MAX_MANIFEST_SIZE,
            yield_frequency: 10,
            min_segment_size: 1,
            allow_async_delete: false,
        },
        bulk_delete: BulkDeleteInfo {
            max_deletes_per_request: bulk::MAX_DELETES_PER_REQUEST,
            max_failed_deletes: bulk::MAX_FAILED_DELETES,
        },
    };
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=UTF-8"),
    );
    set(&mut headers, "x-trans-id", trans_id);
    (StatusCode::OK, headers, py_json(&doc)).into_response()
}
