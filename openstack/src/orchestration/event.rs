//! Stack events: `/stacks/{stack_name}/{stack_id}/events` and
//! `…/resources/{resource_name}/events`.

use super::{empty_none, null_default, stack_path, Link, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use reqwest::Method;
use serde::{Deserialize, Serialize};

/// One state change of a resource (or of the stack itself, whose events
/// carry the stack's name as `resource_name`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub event_time: String,
    #[serde(default, deserialize_with = "null_default")]
    pub resource_name: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub logical_resource_id: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub physical_resource_id: Option<String>,
    /// `{ACTION}_{STATUS}`, e.g. `CREATE_FAILED`.
    #[serde(default, deserialize_with = "null_default")]
    pub resource_status: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub resource_status_reason: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub resource_type: Option<String>,
    /// `self`, `resource` and `stack`.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// Query parameters of [`list_events`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    /// Most events to return (one request: Heat gives no `next` link, and
    /// a timeline usually wants the latest few).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Start after this event id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// `asc` (oldest first, Heat's default) or `desc`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort_dir: Option<String>,
    /// Only this resource's events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_name: Option<String>,
    /// Include events of nested stacks this deep.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nested_depth: Option<u32>,
}

#[derive(Deserialize)]
struct Events {
    #[serde(default, deserialize_with = "null_default")]
    events: Vec<Event>,
}

/// `GET /stacks/{stack_name}/{stack_id}/events`.
pub async fn list_events(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    filter: &EventFilter,
) -> Result<Vec<Event>> {
    let path = format!("{}/events", stack_path(stack_name, stack_id));
    fetch(session, &path, filter).await
}

/// `GET /stacks/{stack_name}/{stack_id}/resources/{resource_name}/events`.
pub async fn list_resource_events(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    resource_name: &str,
    filter: &EventFilter,
) -> Result<Vec<Event>> {
    let path = format!(
        "{}/resources/{}/events",
        stack_path(stack_name, stack_id),
        crate::encode_segment(resource_name)
    );
    fetch(session, &path, filter).await
}

async fn fetch(session: &Session, path: &str, filter: &EventFilter) -> Result<Vec<Event>> {
    let body: Events = session
        .call(Method::GET, SERVICE_TYPE, path)
        .query(filter)
        .fetch()
        .await?;
    Ok(body.events)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// api-ref `events-list-response.json`.
    const LIST: &str = r#"{
        "events": [
            {
                "resource_name": "port",
                "event_time": "2014-07-23T08:14:47Z",
                "links": [
                    {
                        "href": "http://192.168.123.200:8004/v1/dc4b074874244f7693dd65583733a758/stacks/aws_port/db467ed1-50b5-4a3e-aeb1-396ff1d151c5/resources/port/events/474bfdf0-a450-46ec-a78a-0c7faa404073",
                        "rel": "self"
                    },
                    {
                        "href": "http://192.168.123.200:8004/v1/dc4b074874244f7693dd65583733a758/stacks/aws_port/db467ed1-50b5-4a3e-aeb1-396ff1d151c5/resources/port",
                        "rel": "resource"
                    },
                    {
                        "href": "http://192.168.123.200:8004/v1/dc4b074874244f7693dd65583733a758/stacks/aws_port/db467ed1-50b5-4a3e-aeb1-396ff1d151c5",
                        "rel": "stack"
                    }
                ],
                "logical_resource_id": "port",
                "resource_status": "CREATE_FAILED",
                "resource_status_reason": "NotFound: Subnet f8a699d0-3537-429e-87a5-6b5a8d0c2bf0 could not be found",
                "physical_resource_id": null,
                "id": "474bfdf0-a450-46ec-a78a-0c7faa404073"
            },
            {
                "resource_name": "port",
                "event_time": "2014-07-23T08:14:47Z",
                "links": [],
                "logical_resource_id": "port",
                "resource_status": "CREATE_IN_PROGRESS",
                "resource_status_reason": "state changed",
                "physical_resource_id": "",
                "resource_type": "OS::Neutron::Port",
                "id": "66fa95b6-e6f8-4f05-b1af-e828f5aba04c"
            }
        ]
    }"#;

    #[test]
    fn decodes_the_api_ref_list() {
        let list: Events = serde_json::from_str(LIST).expect("decodes");
        let [failed, started] = &list.events[..] else {
            panic!("two events")
        };
        assert_eq!(failed.id, "474bfdf0-a450-46ec-a78a-0c7faa404073");
        assert_eq!(failed.event_time, "2014-07-23T08:14:47Z");
        assert_eq!(failed.resource_name, "port");
        assert_eq!(failed.logical_resource_id.as_deref(), Some("port"));
        assert_eq!(failed.physical_resource_id, None);
        assert_eq!(failed.resource_status, "CREATE_FAILED");
        assert!(failed
            .resource_status_reason
            .as_deref()
            .unwrap()
            .starts_with("NotFound: Subnet"));
        assert_eq!(failed.resource_type, None);
        assert_eq!(failed.links[2].rel, "stack");
        assert_eq!(started.physical_resource_id, None);
        assert_eq!(started.resource_type.as_deref(), Some("OS::Neutron::Port"));
    }

    #[test]
    fn filter_skips_unset_fields() {
        let f = EventFilter {
            limit: Some(20),
            sort_dir: Some("desc".into()),
            nested_depth: Some(2),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&f).unwrap(),
            serde_json::json!({"limit": 20, "sort_dir": "desc", "nested_depth": 2})
        );
    }
}
