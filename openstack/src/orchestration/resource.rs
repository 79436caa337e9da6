//! Stack resources: `/stacks/{stack_name}/{stack_id}/resources`.

use super::{empty_none, null_default, stack_from_href, stack_path, Link, SERVICE_TYPE};
use crate::error::Result;
use crate::session::Session;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A resource of a stack as the list and show calls return it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "ResourceWire")]
pub struct Resource {
    /// The name in the template.
    pub resource_name: String,
    pub logical_resource_id: Option<String>,
    /// The id of the real thing (server, port…); `None` before it exists.
    pub physical_resource_id: Option<String>,
    /// `OS::Nova::Server`, a provider template URL…
    pub resource_type: String,
    /// `{ACTION}_{STATUS}`, e.g. `CREATE_COMPLETE`.
    pub resource_status: String,
    pub resource_status_reason: Option<String>,
    pub required_by: Vec<String>,
    pub creation_time: Option<String>,
    pub updated_time: Option<String>,
    /// `self`, `stack` and, for resources that are stacks, `nested`.
    pub links: Vec<Link>,
    /// The resource in the parent stack that this resource's stack
    /// implements (set with `nested_depth`).
    pub parent_resource: Option<String>,
    /// The stack the resource belongs to; Heat only says so in the
    /// `stack` link, which matters for nested resources.
    pub stack_name: Option<String>,
    pub stack_id: Option<String>,
    /// Show only.
    pub attributes: Option<Map<String, Value>>,
    pub description: Option<String>,
    pub metadata: Option<Value>,
}

impl Resource {
    /// The name and id of the stack this resource implements, for
    /// resources that are stacks themselves (`nested` link).
    pub fn nested_stack(&self) -> Option<(String, String)> {
        self.link("nested").and_then(stack_from_href)
    }

    fn link(&self, rel: &str) -> Option<&str> {
        self.links
            .iter()
            .find(|l| l.rel == rel)
            .map(|l| l.href.as_str())
    }
}

/// The wire shape; [`Resource`] adds the stack from the links.
#[derive(Deserialize)]
struct ResourceWire {
    #[serde(default, deserialize_with = "null_default")]
    resource_name: String,
    #[serde(default, deserialize_with = "empty_none")]
    logical_resource_id: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    physical_resource_id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    resource_type: String,
    #[serde(default, deserialize_with = "null_default")]
    resource_status: String,
    #[serde(default, deserialize_with = "empty_none")]
    resource_status_reason: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    required_by: Vec<String>,
    #[serde(default, deserialize_with = "empty_none")]
    creation_time: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    updated_time: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    links: Vec<Link>,
    #[serde(default, deserialize_with = "empty_none")]
    parent_resource: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    stack_name: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    stack_id: Option<String>,
    #[serde(default)]
    attributes: Option<Map<String, Value>>,
    #[serde(default, deserialize_with = "empty_none")]
    description: Option<String>,
    #[serde(default)]
    metadata: Option<Value>,
}

impl From<ResourceWire> for Resource {
    fn from(w: ResourceWire) -> Resource {
        let from_link = w
            .links
            .iter()
            .find(|l| l.rel == "stack")
            .and_then(|l| stack_from_href(&l.href));
        let (link_name, link_id) = match from_link {
            Some((name, id)) => (Some(name), Some(id)),
            None => (None, None),
        };
        Resource {
            logical_resource_id: w.logical_resource_id,
            physical_resource_id: w.physical_resource_id,
            resource_type: w.resource_type,
            resource_status: w.resource_status,
            resource_status_reason: w.resource_status_reason,
            required_by: w.required_by,
            creation_time: w.creation_time,
            updated_time: w.updated_time,
            parent_resource: w.parent_resource,
            stack_name: w.stack_name.or(link_name),
            stack_id: w.stack_id.or(link_id),
            attributes: w.attributes,
            description: w.description,
            metadata: w.metadata,
            resource_name: w.resource_name,
            links: w.links,
        }
    }
}

fn resource_path(stack_name: &str, stack_id: &str, resource_name: &str) -> String {
    format!(
        "{}/resources/{}",
        stack_path(stack_name, stack_id),
        crate::encode_segment(resource_name)
    )
}

/// `GET /stacks/{stack_name}/{stack_id}/resources`; with `nested_depth`
/// also the resources of nested stacks that deep (each with its
/// `stack_name`, `stack_id` and `parent_resource`).
pub async fn list_resources(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    nested_depth: Option<u32>,
) -> Result<Vec<Resource>> {
    #[derive(Deserialize)]
    struct Resources {
        #[serde(default, deserialize_with = "null_default")]
        resources: Vec<Resource>,
    }
    let path = format!("{}/resources", stack_path(stack_name, stack_id));
    let mut call = session.call(reqwest::Method::GET, SERVICE_TYPE, &path);
    if let Some(depth) = nested_depth {
        call = call.query(&[("nested_depth", depth)]);
    }
    let body: Resources = call.fetch().await?;
    Ok(body.resources)
}

/// `GET /stacks/{stack_name}/{stack_id}/resources/{resource_name}`, with
/// attributes.
pub async fn get_resource(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    resource_name: &str,
) -> Result<Resource> {
    #[derive(Deserialize)]
    struct Body {
        resource: Resource,
    }
    let body: Body = session
        .get_json(
            SERVICE_TYPE,
            &resource_path(stack_name, stack_id, resource_name),
        )
        .await?;
    Ok(body.resource)
}

/// `GET /stacks/{stack_name}/{stack_id}/resources/{resource_name}/metadata`.
pub async fn get_resource_metadata(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    resource_name: &str,
) -> Result<Value> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default)]
        metadata: Value,
    }
    let path = format!(
        "{}/metadata",
        resource_path(stack_name, stack_id, resource_name)
    );
    let body: Body = session.get_json(SERVICE_TYPE, &path).await?;
    Ok(body.metadata)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// api-ref `resources-list-response.json`.
    const LIST: &str = r#"{
        "resources": [
            {
                "creation_time": "2015-06-25T14:59:53",
                "links": [
                    {
                        "href": "http://hostname/v1/1234/stacks/mystack/629a32d0-ac4f-4f63-b58d-f0d047b1ba4c/resources/random_key_name",
                        "rel": "self"
                    },
                    {
                        "href": "http://hostname/v1/1234/stacks/mystack/629a32d0-ac4f-4f63-b58d-f0d047b1ba4c",
                        "rel": "stack"
                    }
                ],
                "logical_resource_id": "random_key_name",
                "physical_resource_id": "mystack-random_key_name-pmjmy5pks735",
                "required_by": [],
                "resource_name": "random_key_name",
                "resource_status": "CREATE_COMPLETE",
                "resource_status_reason": "state changed",
                "resource_type": "OS::Heat::RandomString",
                "updated_time": "2015-06-25T14:59:53"
            }
        ]
    }"#;

    /// api-ref `resource-show-response.json`.
    const SHOW: &str = r#"{
        "resource": {
            "attributes": {
                "value": "I9S20uIp"
            },
            "creation_time": "2015-06-25T14:59:53",
            "description": "",
            "links": [
                {
                    "href": "http://hostname/v1/1234/stacks/mystack/629a32d0-ac4f-4f63-b58d-f0d047b1ba4c/resources/random_key_name",
                    "rel": "self"
                },
                {
                    "href": "http://hostname/v1/1234/stacks/mystack/629a32d0-ac4f-4f63-b58d-f0d047b1ba4c",
                    "rel": "stack"
                }
            ],
            "logical_resource_id": "random_key_name",
            "physical_resource_id": "mystack-random_key_name-pmjmy5pks735",
            "required_by": [],
            "resource_name": "random_key_name",
            "resource_status": "CREATE_COMPLETE",
            "resource_status_reason": "state changed",
            "resource_type": "OS::Heat::RandomString",
            "updated_time": "2015-06-25T14:59:53"
        }
    }"#;

    #[derive(Deserialize)]
    struct List {
        resources: Vec<Resource>,
    }

    #[derive(Deserialize)]
    struct Show {
        resource: Resource,
    }

    #[test]
    fn decodes_the_api_ref_list() {
        let list: List = serde_json::from_str(LIST).expect("decodes");
        let r = &list.resources[0];
        assert_eq!(r.resource_name, "random_key_name");
        assert_eq!(r.logical_resource_id.as_deref(), Some("random_key_name"));
        assert_eq!(
            r.physical_resource_id.as_deref(),
            Some("mystack-random_key_name-pmjmy5pks735")
        );
        assert_eq!(r.resource_type, "OS::Heat::RandomString");
        assert_eq!(r.resource_status, "CREATE_COMPLETE");
        assert!(r.required_by.is_empty());
        assert_eq!(r.stack_name.as_deref(), Some("mystack"));
        assert_eq!(
            r.stack_id.as_deref(),
            Some("629a32d0-ac4f-4f63-b58d-f0d047b1ba4c")
        );
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.nested_stack(), None);
        assert_eq!(r.attributes, None);
    }

    #[test]
    fn decodes_the_api_ref_show() {
        let show: Show = serde_json::from_str(SHOW).expect("decodes");
        let r = show.resource;
        assert_eq!(r.attributes.as_ref().unwrap()["value"], "I9S20uIp");
        assert_eq!(r.description, None);
        // Our own serialization reads back the same.
        let again: Resource = serde_json::from_value(serde_json::to_value(&r).unwrap()).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn nested_resources_and_missing_ids() {
        let list: List = serde_json::from_value(json!({"resources": [
            {
                "resource_name": "group", "resource_type": "OS::Heat::ResourceGroup",
                "resource_status": "CREATE_IN_PROGRESS", "physical_resource_id": "",
                "required_by": null,
                "links": [
                    {"rel": "self", "href": "http://h/v1/p/stacks/web/s1/resources/group"},
                    {"rel": "stack", "href": "http://h/v1/p/stacks/web/s1"},
                    {"rel": "nested", "href": "http://h/v1/p/stacks/web-group-x7/n1"}
                ]
            },
            {
                "resource_name": "0", "resource_type": "OS::Nova::Server",
                "resource_status": "INIT_COMPLETE", "physical_resource_id": null,
                "parent_resource": "group",
                "links": [
                    {"rel": "self", "href": "http://h/v1/p/stacks/web-group-x7/n1/resources/0"},
                    {"rel": "stack", "href": "http://h/v1/p/stacks/web-group-x7/n1"}
                ]
            }
        ]}))
        .expect("decodes");
        let group = &list.resources[0];
        assert_eq!(group.physical_resource_id, None);
        assert!(group.required_by.is_empty());
        assert_eq!(
            group.nested_stack(),
            Some(("web-group-x7".into(), "n1".into()))
        );
        let member = &list.resources[1];
        assert_eq!(member.parent_resource.as_deref(), Some("group"));
        assert_eq!(member.stack_name.as_deref(), Some("web-group-x7"));
        assert_eq!(member.stack_id.as_deref(), Some("n1"));
        assert_eq!(member.physical_resource_id, None);
    }

    #[test]
    fn paths_encode_names() {
        assert_eq!(
            resource_path("my stack", "id", "a/b"),
            "/stacks/my%20stack/id/resources/a%2Fb"
        );
    }
}
