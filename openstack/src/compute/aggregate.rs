//! Host aggregates (admin): `/os-aggregates`. An aggregate with an
//! `availability_zone` is what makes an availability zone.

use super::{call, null_default};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// A host aggregate (2.41+ shape, with `uuid`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aggregate {
    pub id: u64,
    /// 2.41+.
    #[serde(default)]
    pub uuid: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Compute host names; absent in the answer to a create.
    #[serde(default, deserialize_with = "null_default")]
    pub hosts: Vec<String>,
    /// Includes `availability_zone` when the aggregate has one.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: BTreeMap<String, String>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
}

/// What [`update_aggregate`] changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AggregateUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `Some(None)` takes the aggregate out of its availability zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_zone: Option<Option<String>>,
}

#[derive(Deserialize)]
struct AggregateBody {
    aggregate: Aggregate,
}

fn aggregate_path(aggregate_id: u64) -> String {
    format!("/os-aggregates/{aggregate_id}")
}

/// `GET /os-aggregates`.
pub async fn list_aggregates(session: &Session) -> Result<Vec<Aggregate>> {
    #[derive(Deserialize)]
    struct Page {
        #[serde(default, deserialize_with = "null_default")]
        aggregates: Vec<Aggregate>,
    }
    let page: Page = call(session, Method::GET, "/os-aggregates").fetch().await?;
    Ok(page.aggregates)
}

/// `POST /os-aggregates`; Nova answers 409 when the name is taken.
pub async fn create_aggregate(
    session: &Session,
    name: &str,
    availability_zone: Option<&str>,
) -> Result<Aggregate> {
    let mut aggregate = json!({ "name": name });
    if let Some(az) = availability_zone {
        aggregate["availability_zone"] = json!(az);
    }
    let body: AggregateBody = call(session, Method::POST, "/os-aggregates")
        .json(&json!({ "aggregate": aggregate }))
        .fetch()
        .await?;
    Ok(body.aggregate)
}

/// `PUT /os-aggregates/{aggregate_id}`: renames it or moves it to another
/// availability zone.
pub async fn update_aggregate(
    session: &Session,
    aggregate_id: u64,
    update: &AggregateUpdate,
) -> Result<Aggregate> {
    let body: AggregateBody = call(session, Method::PUT, &aggregate_path(aggregate_id))
        .json(&json!({ "aggregate": update }))
        .fetch()
        .await?;
    Ok(body.aggregate)
}

/// `DELETE /os-aggregates/{aggregate_id}`; Nova refuses while it has hosts.
pub async fn delete_aggregate(session: &Session, aggregate_id: u64) -> Result<()> {
    call(session, Method::DELETE, &aggregate_path(aggregate_id))
        .execute()
        .await
}

/// The `add_host` action.
pub async fn add_aggregate_host(
    session: &Session,
    aggregate_id: u64,
    host: &str,
) -> Result<Aggregate> {
    aggregate_action(session, aggregate_id, json!({"add_host": {"host": host}})).await
}

/// The `remove_host` action.
pub async fn remove_aggregate_host(
    session: &Session,
    aggregate_id: u64,
    host: &str,
) -> Result<Aggregate> {
    aggregate_action(
        session,
        aggregate_id,
        json!({"remove_host": {"host": host}}),
    )
    .await
}

/// The `set_metadata` action: `Some` sets a key, `None` deletes it, other
/// keys stay.
pub async fn set_aggregate_metadata(
    session: &Session,
    aggregate_id: u64,
    metadata: &BTreeMap<String, Option<String>>,
) -> Result<Aggregate> {
    aggregate_action(
        session,
        aggregate_id,
        json!({"set_metadata": {"metadata": metadata}}),
    )
    .await
}

async fn aggregate_action(
    session: &Session,
    aggregate_id: u64,
    action: Value,
) -> Result<Aggregate> {
    let path = format!("{}/action", aggregate_path(aggregate_id));
    let body: AggregateBody = call(session, Method::POST, &path)
        .json(&action)
        .fetch()
        .await?;
    Ok(body.aggregate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_2_41_samples() {
        #[derive(Deserialize)]
        struct Page {
            aggregates: Vec<Aggregate>,
        }
        let page: Page = serde_json::from_str(
            r#"{"aggregates": [{"availability_zone": "london",
                "created_at": "2016-12-27T23:47:32.911515", "deleted": false,
                "deleted_at": null, "hosts": ["compute"], "id": 1,
                "metadata": {"availability_zone": "london"}, "name": "name",
                "updated_at": null, "uuid": "6ba28ba7-f29b-45cc-a30b-6e3a40c2fb14"}]}"#,
        )
        .expect("list decodes");
        let a = &page.aggregates[0];
        assert_eq!((a.id, a.name.as_str()), (1, "name"));
        assert_eq!(
            a.uuid.as_deref(),
            Some("6ba28ba7-f29b-45cc-a30b-6e3a40c2fb14")
        );
        assert_eq!(a.availability_zone.as_deref(), Some("london"));
        assert_eq!(a.hosts, ["compute"]);
        assert_eq!(a.metadata["availability_zone"], "london");
        assert!(a.created_at.is_some() && a.updated_at.is_none());

        // The create answer has neither hosts nor metadata.
        let b: AggregateBody = serde_json::from_str(
            r#"{"aggregate": {"availability_zone": "nova",
                "created_at": "2016-12-27T22:51:32.877711", "deleted": false,
                "deleted_at": null, "id": 1, "name": "name", "updated_at": null,
                "uuid": "86a0da0e-9f0c-4f51-a1e0-3c25edab3783"}}"#,
        )
        .expect("create answer decodes");
        assert!(b.aggregate.hosts.is_empty() && b.aggregate.metadata.is_empty());
        let b: AggregateBody = serde_json::from_str(
            r#"{"aggregate": {"id": 2, "name": "x", "availability_zone": null,
                "hosts": null, "metadata": null}}"#,
        )
        .expect("nulls decode");
        assert_eq!(b.aggregate.availability_zone, None);
    }

    #[test]
    fn request_bodies() {
        let u = AggregateUpdate {
            name: Some("newname".into()),
            availability_zone: Some(None),
        };
        assert_eq!(
            json!({ "aggregate": u }),
            json!({"aggregate": {"name": "newname", "availability_zone": null}})
        );
        let u = AggregateUpdate {
            availability_zone: Some(Some("nova2".into())),
            ..Default::default()
        };
        assert_eq!(json!(u), json!({"availability_zone": "nova2"}));
        let metadata = BTreeMap::from([
            ("key".to_owned(), Some("value".to_owned())),
            ("gone".to_owned(), None),
        ]);
        assert_eq!(
            json!({"set_metadata": {"metadata": metadata}}),
            json!({"set_metadata": {"metadata": {"key": "value", "gone": null}}})
        );
    }
}
