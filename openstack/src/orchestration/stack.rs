//! Stacks: `/stacks`, `/stacks/{stack_name}/{stack_id}` and what hangs
//! below (actions, template, environment, outputs, previews).

use super::{
    empty_none, lenient_bool, lenient_u32, null_default, stack_from_href, stack_path, tags, Link,
    SERVICE_TYPE,
};
use crate::client::decode_json;
use crate::error::{Error, Result};
use crate::session::Session;
use reqwest::header::LOCATION;
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{json, Map, Value};

/// A stack as `GET /stacks` lists it and `GET /stacks/{name}/{id}` shows
/// it. Fields the list leaves out (parameters, outputs…) are `None` there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stack {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub stack_name: String,
    /// `{ACTION}_{STATUS}`, e.g. `CREATE_COMPLETE`, `UPDATE_IN_PROGRESS`.
    #[serde(default, deserialize_with = "null_default")]
    pub stack_status: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub stack_status_reason: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub creation_time: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub updated_time: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub deletion_time: Option<String>,
    /// The user name of the stack's creator.
    #[serde(default, deserialize_with = "empty_none")]
    pub stack_owner: Option<String>,
    /// The parent stack's id, for nested stacks.
    #[serde(default, deserialize_with = "empty_none")]
    pub parent: Option<String>,
    /// The owning project; Heat adds it for admins only.
    #[serde(default, deserialize_with = "empty_none")]
    pub project: Option<String>,
    #[serde(default, deserialize_with = "tags")]
    pub tags: Option<Vec<String>>,
    /// Show only: parameter values, including the `OS::stack_id`-style
    /// pseudo parameters. Hidden (`NoEcho`) values come back as `******`.
    #[serde(default)]
    pub parameters: Option<Map<String, Value>>,
    /// Show only.
    #[serde(default)]
    pub outputs: Option<Vec<StackOutput>>,
    #[serde(default, deserialize_with = "lenient_u32")]
    pub timeout_mins: Option<u32>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub disable_rollback: Option<bool>,
    #[serde(default)]
    pub capabilities: Option<Vec<Value>>,
    #[serde(default)]
    pub notification_topics: Option<Vec<Value>>,
    #[serde(default, deserialize_with = "empty_none")]
    pub template_description: Option<String>,
}

impl Stack {
    /// The action part of the status: `CREATE` of `CREATE_COMPLETE`.
    pub fn action(&self) -> &str {
        // Heat's actions have no underscore; its statuses may
        // (IN_PROGRESS), so the first one separates them.
        self.stack_status
            .split_once('_')
            .map_or(self.stack_status.as_str(), |(action, _)| action)
    }

    /// The status part: `COMPLETE`, `FAILED` or `IN_PROGRESS`.
    pub fn status(&self) -> &str {
        self.stack_status
            .split_once('_')
            .map_or("", |(_, status)| status)
    }

    /// Whether Heat is still working on the stack (poll it again).
    pub fn is_in_progress(&self) -> bool {
        self.status() == "IN_PROGRESS"
    }
}

/// One output of a stack. The outputs list carries only keys and
/// descriptions; values come with the stack or [`get_stack_output`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StackOutput {
    #[serde(default, deserialize_with = "null_default")]
    pub output_key: String,
    #[serde(default)]
    pub output_value: Value,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
    /// Why the value could not be resolved.
    #[serde(default, deserialize_with = "empty_none")]
    pub output_error: Option<String>,
}

/// Query parameters of [`list_stacks`]; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackFilter {
    /// Exact stack name.
    pub name: Option<String>,
    /// `COMPLETE`, `FAILED`, `IN_PROGRESS` (the status part only).
    pub status: Option<String>,
    /// Page size; every page is fetched.
    pub limit: Option<u32>,
    /// Start after this stack id.
    pub marker: Option<String>,
    /// `stack_name`, `stack_status`, `creation_time` or `updated_time`.
    pub sort_keys: Option<String>,
    /// `asc` or `desc`.
    pub sort_dir: Option<String>,
    /// Admins: the stacks of every project.
    #[serde(default)]
    pub global_tenant: bool,
    /// Nested stacks too, not only top-level ones.
    #[serde(default)]
    pub show_nested: bool,
}

impl StackFilter {
    fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut q = Vec::new();
        let mut push = |k: &'static str, v: &Option<String>| {
            if let Some(v) = v {
                q.push((k, v.clone()));
            }
        };
        push("name", &self.name);
        push("status", &self.status);
        push("limit", &self.limit.map(|l| l.to_string()));
        push("marker", &self.marker);
        push("sort_keys", &self.sort_keys);
        push("sort_dir", &self.sort_dir);
        if self.global_tenant {
            q.push(("global_tenant", "true".to_owned()));
        }
        if self.show_nested {
            q.push(("show_nested", "true".to_owned()));
        }
        q
    }
}

/// The body of create, preview and update. Give `template` (an object;
/// HOT text parsed by the caller) or `template_url`. Updates (PUT and
/// PATCH) leave `stack_name` out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StackCreate {
    #[serde(default)]
    pub stack_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Value>,
    /// Files the template refers to (`get_file`, nested templates), by
    /// the name used in the template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Map<String, Value>>,
    #[serde(default)]
    pub parameters: Map<String, Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_mins: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_rollback: Option<bool>,
    /// Comma-separated, as Heat takes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
}

impl StackCreate {
    /// The update body: everything but `stack_name`, which is in the URL.
    fn update_body(&self) -> Result<Value> {
        let mut body = serde_json::to_value(self)
            .map_err(|e| Error::Config(format!("cannot encode the stack update: {e}")))?;
        if let Some(obj) = body.as_object_mut() {
            obj.remove("stack_name");
        }
        Ok(body)
    }
}

/// The answer to [`create_stack`]: the new stack's id and its `self` link.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StackRef {
    pub id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// What `POST /stacks/preview` would create.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StackPreview {
    /// `"None"`: a preview has no id yet.
    #[serde(default, deserialize_with = "empty_none")]
    pub id: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub stack_name: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub template_description: Option<String>,
    /// Every resource, nested stacks' included, depth first (Heat nests
    /// them in lists).
    #[serde(default, deserialize_with = "flatten_resources")]
    pub resources: Vec<PreviewResource>,
    #[serde(default)]
    pub parameters: Option<Map<String, Value>>,
    #[serde(default, deserialize_with = "lenient_u32")]
    pub timeout_mins: Option<u32>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub disable_rollback: Option<bool>,
    #[serde(default, deserialize_with = "empty_none")]
    pub creation_time: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// A resource in a create or update preview.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PreviewResource {
    #[serde(default, deserialize_with = "null_default")]
    pub resource_name: String,
    #[serde(default, deserialize_with = "null_default")]
    pub resource_type: String,
    /// `{"stack_name", "stack_id", "tenant", "path"}`.
    #[serde(default)]
    pub resource_identity: Option<Value>,
    #[serde(default, deserialize_with = "null_default")]
    pub required_by: Vec<String>,
    /// The resolved properties (create preview only).
    #[serde(default)]
    pub properties: Option<Value>,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
}

/// What an update would do, resource by resource (Heat's
/// `resource_changes`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UpdatePreview {
    #[serde(default, deserialize_with = "flatten_resources")]
    pub added: Vec<PreviewResource>,
    #[serde(default, deserialize_with = "flatten_resources")]
    pub deleted: Vec<PreviewResource>,
    #[serde(default, deserialize_with = "flatten_resources")]
    pub replaced: Vec<PreviewResource>,
    #[serde(default, deserialize_with = "flatten_resources")]
    pub unchanged: Vec<PreviewResource>,
    #[serde(default, deserialize_with = "flatten_resources")]
    pub updated: Vec<PreviewResource>,
}

impl UpdatePreview {
    /// Decodes the answer of the update preview call. Heat wraps the
    /// changes in `resource_changes`; the api-ref sample shows them bare,
    /// so take either.
    fn from_answer(mut answer: Value) -> serde_json::Result<UpdatePreview> {
        let changes = match answer.get_mut("resource_changes") {
            Some(inner) => inner.take(),
            None => answer,
        };
        UpdatePreview::deserialize(changes)
    }
}

/// Heat previews nested stacks as lists inside the resource list
/// (`[res, [nested_res, …], …]`); this flattens them depth first.
fn flatten_resources<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<PreviewResource>, D::Error> {
    fn walk(v: Value, out: &mut Vec<PreviewResource>) -> serde_json::Result<()> {
        match v {
            Value::Array(items) => {
                for item in items {
                    walk(item, out)?;
                }
            }
            Value::Null => {}
            other => out.push(PreviewResource::deserialize(other)?),
        }
        Ok(())
    }
    let mut out = Vec::new();
    if let Some(v) = Option::<Value>::deserialize(d)? {
        walk(v, &mut out).map_err(serde::de::Error::custom)?;
    }
    Ok(out)
}

/// A stack action for [`stack_action`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StackAction {
    Suspend,
    Resume,
    /// Checks that the resources still exist and are healthy.
    Check,
    /// Stops an update in progress and rolls back.
    CancelUpdate,
    /// Stops an update in progress and leaves the stack as it is.
    CancelWithoutRollback,
}

impl StackAction {
    /// The key of the action body (`suspend`, `cancel_update`…).
    pub fn as_str(self) -> &'static str {
        match self {
            StackAction::Suspend => "suspend",
            StackAction::Resume => "resume",
            StackAction::Check => "check",
            StackAction::CancelUpdate => "cancel_update",
            StackAction::CancelWithoutRollback => "cancel_without_rollback",
        }
    }
}

#[derive(Deserialize)]
struct StackBody {
    stack: Stack,
}

/// Every stack matching `filter` (`GET /stacks`), following the `next`
/// links when `filter.limit` is set.
pub async fn list_stacks(session: &Session, filter: &StackFilter) -> Result<Vec<Stack>> {
    let query = filter.to_query();
    let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (*k, v.as_str())).collect();
    session
        .get_paginated(SERVICE_TYPE, "/stacks", &query, "stacks")
        .await
}

/// `POST /stacks`. The stack starts in `CREATE_IN_PROGRESS`; poll
/// [`get_stack_by_id`].
pub async fn create_stack(session: &Session, body: &StackCreate) -> Result<StackRef> {
    #[derive(Deserialize)]
    struct Created {
        stack: StackRef,
    }
    let created: Created = session.post_json(SERVICE_TYPE, "/stacks", body).await?;
    Ok(created.stack)
}

/// `POST /stacks/preview`: the resources a create would make, without
/// making them.
pub async fn preview_stack(session: &Session, body: &StackCreate) -> Result<StackPreview> {
    #[derive(Deserialize)]
    struct Preview {
        stack: StackPreview,
    }
    let preview: Preview = session
        .post_json(SERVICE_TYPE, "/stacks/preview", body)
        .await?;
    Ok(preview.stack)
}

/// `GET /stacks/{stack_name_or_id}`: Heat redirects to the stack's
/// canonical URL.
pub async fn get_stack(session: &Session, stack_name_or_id: &str) -> Result<Stack> {
    let path = format!("/stacks/{}", crate::encode_segment(stack_name_or_id));
    let request = session
        .request(Method::GET, SERVICE_TYPE, &path)?
        .timeout(session.client.timeout())
        .build()
        .map_err(|e| Error::Config(format!("cannot build the request: {}", e.without_url())))?;
    let url = request.url().clone();
    let response = session
        .client
        .http()
        .execute(request)
        .await
        .map_err(|e| Error::from_reqwest(e, &url))?;
    let status = response.status();
    if status.is_redirection() {
        // The client follows same-origin redirects only, so the token
        // cannot leak; a Heat behind a proxy often names another scheme or
        // host. The Location ends in /stacks/{name}/{id}: ask the catalog
        // endpoint for that instead.
        let target = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .and_then(stack_from_href);
        return match target {
            Some((name, id)) => get_stack_by_id(session, &name, &id).await,
            None => Err(Error::decode(
                &url,
                format!("HTTP {} without a stack URL to follow", status.as_u16()),
            )),
        };
    }
    let url = response.url().clone();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| Error::from_reqwest(e, &url))?;
    if !status.is_success() {
        return Err(Error::from_response(status.as_u16(), &bytes));
    }
    let body: StackBody = decode_json(&bytes, &url)?;
    Ok(body.stack)
}

/// `GET /stacks/{stack_name}/{stack_id}`, outputs resolved.
pub async fn get_stack_by_id(session: &Session, stack_name: &str, stack_id: &str) -> Result<Stack> {
    let body: StackBody = session
        .get_json(SERVICE_TYPE, &stack_path(stack_name, stack_id))
        .await?;
    Ok(body.stack)
}

/// `PUT /stacks/{stack_name}/{stack_id}`: replaces template, environment
/// and parameters (parameters not given return to their defaults). Heat
/// answers 202 and updates in the background.
pub async fn update_stack(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    body: &StackCreate,
) -> Result<()> {
    session
        .call(Method::PUT, SERVICE_TYPE, &stack_path(stack_name, stack_id))
        .json(&body.update_body()?)
        .execute()
        .await
}

/// `PATCH /stacks/{stack_name}/{stack_id}`: like [`update_stack`] but
/// parameters not given keep their current values, and the template may
/// be left out to keep the current one.
pub async fn patch_stack(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    body: &StackCreate,
) -> Result<()> {
    session
        .call(
            Method::PATCH,
            SERVICE_TYPE,
            &stack_path(stack_name, stack_id),
        )
        .json(&body.update_body()?)
        .execute()
        .await
}

/// `PUT /stacks/{stack_name}/{stack_id}/preview`: what [`update_stack`]
/// with `body` would change.
pub async fn preview_update(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    body: &StackCreate,
) -> Result<UpdatePreview> {
    let path = format!("{}/preview", stack_path(stack_name, stack_id));
    let answer: Value = session
        .put_json(SERVICE_TYPE, &path, &body.update_body()?)
        .await?;
    UpdatePreview::from_answer(answer).map_err(|e| {
        // The endpoint resolved for the request just made, so this is only
        // a fallback for the message.
        let url = session
            .endpoint(SERVICE_TYPE)
            .map(|base| crate::session::join_url(&base, &path));
        match url {
            Ok(url) => Error::decode(&url, format!("resource_changes: {e}")),
            Err(err) => err,
        }
    })
}

/// `DELETE /stacks/{stack_name}/{stack_id}`. The stack goes to
/// `DELETE_IN_PROGRESS`, then disappears (or `DELETE_FAILED`).
pub async fn delete_stack(session: &Session, stack_name: &str, stack_id: &str) -> Result<()> {
    session
        .delete(SERVICE_TYPE, &stack_path(stack_name, stack_id))
        .await
}

/// `POST /stacks/{stack_name}/{stack_id}/actions` with `{"<action>": null}`.
pub async fn stack_action(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    action: StackAction,
) -> Result<()> {
    let path = format!("{}/actions", stack_path(stack_name, stack_id));
    session
        .call(Method::POST, SERVICE_TYPE, &path)
        .json(&json!({ action.as_str(): null }))
        .execute()
        .await
}

/// `GET /stacks/{stack_name}/{stack_id}/template`: the template as Heat
/// stored it (parsed; HOT comments are gone).
pub async fn get_stack_template(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
) -> Result<Value> {
    let path = format!("{}/template", stack_path(stack_name, stack_id));
    session.get_json(SERVICE_TYPE, &path).await
}

/// `GET /stacks/{stack_name}/{stack_id}/environment`: the merged
/// environment (`parameters`, `parameter_defaults`, `resource_registry`…).
pub async fn get_stack_environment(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
) -> Result<Value> {
    let path = format!("{}/environment", stack_path(stack_name, stack_id));
    session.get_json(SERVICE_TYPE, &path).await
}

/// `GET /stacks/{stack_name}/{stack_id}/outputs`: keys and descriptions,
/// without values (they can be slow to resolve).
pub async fn list_stack_outputs(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
) -> Result<Vec<StackOutput>> {
    #[derive(Deserialize)]
    struct Outputs {
        #[serde(default, deserialize_with = "null_default")]
        outputs: Vec<StackOutput>,
    }
    let path = format!("{}/outputs", stack_path(stack_name, stack_id));
    let body: Outputs = session.get_json(SERVICE_TYPE, &path).await?;
    Ok(body.outputs)
}

/// `GET /stacks/{stack_name}/{stack_id}/outputs/{output_key}`, value
/// resolved (or `output_error` set).
pub async fn get_stack_output(
    session: &Session,
    stack_name: &str,
    stack_id: &str,
    output_key: &str,
) -> Result<StackOutput> {
    #[derive(Deserialize)]
    struct Output {
        output: StackOutput,
    }
    let path = format!(
        "{}/outputs/{}",
        stack_path(stack_name, stack_id),
        crate::encode_segment(output_key)
    );
    let body: Output = session.get_json(SERVICE_TYPE, &path).await?;
    Ok(body.output)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orchestration::testing;

    /// api-ref `stacks-list-response.json`.
    const LIST: &str = r#"{
        "stacks": [
            {
                "creation_time": "2014-06-03T20:59:46Z",
                "description": "sample stack",
                "id": "3095aefc-09fb-4bc7-b1f0-f21a304e864c",
                "links": [
                    {
                        "href": "http://192.168.123.200:8004/v1/eb1c63a4f77141548385f113a28f0f52/stacks/simple_stack/3095aefc-09fb-4bc7-b1f0-f21a304e864c",
                        "rel": "self"
                    }
                ],
                "stack_name": "simple_stack",
                "stack_status": "CREATE_COMPLETE",
                "stack_status_reason": "Stack CREATE completed successfully",
                "updated_time": "",
                "tags": ""
            }
        ]
    }"#;

    /// api-ref `stack-show-response.json`.
    const SHOW: &str = r#"{
        "stack": {
            "capabilities": [],
            "creation_time": "2014-06-03T20:59:46Z",
            "description": "sample stack",
            "disable_rollback": true,
            "id": "3095aefc-09fb-4bc7-b1f0-f21a304e864c",
            "links": [
                {
                    "href": "http://192.168.123.200:8004/v1/eb1c63a4f77141548385f113a28f0f52/stacks/simple_stack/3095aefc-09fb-4bc7-b1f0-f21a304e864c",
                    "rel": "self"
                }
            ],
            "notification_topics": [],
            "outputs": [],
            "parameters": {
                "OS::project_id": "3ab5b02f-a01f-4f95-afa1-e254afc4a435",
                "OS::stack_id": "3095aefc-09fb-4bc7-b1f0-f21a304e864c",
                "OS::stack_name": "simple_stack"
            },
            "stack_name": "simple_stack",
            "stack_owner": "simple_username",
            "stack_status": "CREATE_COMPLETE",
            "stack_status_reason": "Stack CREATE completed successfully",
            "template_description": "sample stack",
            "stack_user_project_id": "65728b74-cfe7-4f17-9c15-11d4f686e591",
            "timeout_mins": "",
            "updated_time": "",
            "parent": "",
            "tags": ""
        }
    }"#;

    /// api-ref `stack-preview-response.json`, properties trimmed.
    const PREVIEW: &str = r#"{
        "stack": {
            "capabilities": [],
            "creation_time": "2015-01-31T15:12:36Z",
            "description": "HOT template for Nova Server resource.\n",
            "disable_rollback": true,
            "id": "None",
            "links": [
                {
                    "href": "http://192.168.122.102:8004/v1/6e18cc2bdbeb48a5basad2dc499f6804/stacks/test_stack/None",
                    "rel": "self"
                }
            ],
            "notification_topics": [],
            "parameters": {
                "OS::project_id": "6e18cc2bdbeb48a5basad2dc499f6804",
                "OS::stack_id": "None",
                "OS::stack_name": "teststack",
                "flavor": "m1.small"
            },
            "parent": null,
            "resources": [
                {
                    "attributes": {},
                    "description": "",
                    "metadata": {},
                    "physical_resource_id": "",
                    "properties": {"description": "Ping and SSH", "name": "the_sg"},
                    "required_by": ["server1"],
                    "resource_action": "INIT",
                    "resource_identity": {
                        "path": "/resources/the_sg_res",
                        "stack_id": "None",
                        "stack_name": "teststack",
                        "tenant": "6e18cc2bdbeb48a5b3cad2dc499f6804"
                    },
                    "resource_name": "the_sg_res",
                    "resource_status": "COMPLETE",
                    "resource_status_reason": "",
                    "resource_type": "OS::Neutron::SecurityGroup",
                    "stack_identity": {
                        "path": "",
                        "stack_id": "None",
                        "stack_name": "teststack",
                        "tenant": "6e18cc2bdbeb48a5b3cad2dc499f6804"
                    },
                    "stack_name": "teststack",
                    "updated_time": "2015-01-31T15:12:36Z"
                },
                {
                    "attributes": {"name": "MyServer"},
                    "description": "",
                    "metadata": {},
                    "physical_resource_id": "",
                    "properties": {"flavor": "m1.small", "image": "F20-cfg"},
                    "required_by": [],
                    "resource_action": "INIT",
                    "resource_identity": {
                        "path": "/resources/hello_world",
                        "stack_id": "None",
                        "stack_name": "teststack",
                        "tenant": "6e18cc2bdbeb48a3433cad2dc499sdf32234"
                    },
                    "resource_name": "hello_world",
                    "resource_status": "COMPLETE",
                    "resource_status_reason": "",
                    "resource_type": "OS::Nova::Server",
                    "stack_name": "teststack",
                    "updated_time": "2015-01-31T15:12:36Z"
                }
            ],
            "stack_name": "test_stack",
            "stack_owner": "admin",
            "template_description": "HOT template for Nova Server resource.\n",
            "timeout_mins": null,
            "updated_time": null
        }
    }"#;

    #[derive(Deserialize)]
    struct List {
        stacks: Vec<Stack>,
    }

    #[test]
    fn decodes_the_api_ref_list() {
        let list: List = serde_json::from_str(LIST).expect("decodes");
        let s = &list.stacks[0];
        assert_eq!(s.id, "3095aefc-09fb-4bc7-b1f0-f21a304e864c");
        assert_eq!(s.stack_name, "simple_stack");
        assert_eq!(s.action(), "CREATE");
        assert_eq!(s.status(), "COMPLETE");
        assert!(!s.is_in_progress());
        assert_eq!(s.updated_time, None);
        assert_eq!(s.tags, None);
        assert_eq!(s.creation_time.as_deref(), Some("2014-06-03T20:59:46Z"));
        assert_eq!(s.parameters, None);
        assert_eq!(s.outputs, None);
    }

    #[test]
    fn decodes_the_api_ref_show() {
        let body: StackBody = serde_json::from_str(SHOW).expect("decodes");
        let s = body.stack;
        assert_eq!(s.stack_owner.as_deref(), Some("simple_username"));
        assert_eq!(s.timeout_mins, None);
        assert_eq!(s.parent, None);
        assert_eq!(s.disable_rollback, Some(true));
        assert_eq!(s.outputs, Some(vec![]));
        assert_eq!(s.capabilities, Some(vec![]));
        assert_eq!(s.template_description.as_deref(), Some("sample stack"));
        let params = s.parameters.expect("parameters");
        assert_eq!(params["OS::stack_name"], "simple_stack");
        // Round trip through our own serialization.
        let again: Stack = serde_json::from_value(
            serde_json::to_value(&Stack {
                parameters: Some(params.clone()),
                ..Default::default()
            })
            .unwrap(),
        )
        .unwrap();
        assert_eq!(again.parameters, Some(params));
    }

    #[test]
    fn decodes_a_live_style_stack_with_outputs() {
        let body: StackBody = serde_json::from_value(json!({"stack": {
            "id": "s1", "stack_name": "web", "stack_status": "UPDATE_IN_PROGRESS",
            "stack_status_reason": "Stack UPDATE started",
            "tags": ["a", "b"], "timeout_mins": 60, "parent": "p-1",
            "project": "proj", "deletion_time": null,
            "outputs": [
                {"output_key": "ip", "output_value": "10.0.0.5", "description": "The IP"},
                {"output_key": "bad", "output_value": null, "description": "No description given",
                 "output_error": "The Referenced Attribute (srv foo) is incorrect."}
            ]
        }}))
        .expect("decodes");
        let s = body.stack;
        assert_eq!((s.action(), s.status()), ("UPDATE", "IN_PROGRESS"));
        assert!(s.is_in_progress());
        assert_eq!(s.tags, Some(vec!["a".into(), "b".into()]));
        assert_eq!(s.timeout_mins, Some(60));
        assert_eq!(s.parent.as_deref(), Some("p-1"));
        let outputs = s.outputs.expect("outputs");
        assert_eq!(outputs[0].output_value, json!("10.0.0.5"));
        assert_eq!(outputs[0].output_error, None);
        assert_eq!(
            outputs[1].output_error.as_deref(),
            Some("The Referenced Attribute (srv foo) is incorrect.")
        );
        let odd = Stack {
            stack_status: "ODD".into(),
            ..Default::default()
        };
        assert_eq!((odd.action(), odd.status()), ("ODD", ""));
    }

    #[test]
    fn decodes_outputs_list_and_show() {
        #[derive(Deserialize)]
        struct Outputs {
            outputs: Vec<StackOutput>,
        }
        let list: Outputs = serde_json::from_str(
            r#"{"outputs": [{"output_key": "output name", "description": "output description"}]}"#,
        )
        .expect("decodes");
        assert_eq!(list.outputs[0].output_key, "output name");
        assert_eq!(list.outputs[0].output_value, Value::Null);
        #[derive(Deserialize)]
        struct Output {
            output: StackOutput,
        }
        let one: Output = serde_json::from_str(
            r#"{"output": {"output_key": "output_name", "output_value": "output_value",
                "description": "output description", "output_error": "error message"}}"#,
        )
        .expect("decodes");
        assert_eq!(one.output.output_value, json!("output_value"));
        assert_eq!(one.output.output_error.as_deref(), Some("error message"));
    }

    #[test]
    fn decodes_the_api_ref_create_answer() {
        #[derive(Deserialize)]
        struct Created {
            stack: StackRef,
        }
        let c: Created = serde_json::from_str(
            r#"{"stack": {"id": "3095aefc-09fb-4bc7-b1f0-f21a304e864c", "links": [
                {"href": "http://192.168.123.200:8004/v1/eb1c/stacks/teststack/3095aefc-09fb-4bc7-b1f0-f21a304e864c", "rel": "self"}]}}"#,
        )
        .expect("decodes");
        assert_eq!(c.stack.id, "3095aefc-09fb-4bc7-b1f0-f21a304e864c");
        assert_eq!(c.stack.links[0].rel, "self");
    }

    #[test]
    fn decodes_the_api_ref_preview() {
        #[derive(Deserialize)]
        struct Preview {
            stack: StackPreview,
        }
        let p: Preview = serde_json::from_str(PREVIEW).expect("decodes");
        let p = p.stack;
        assert_eq!(p.stack_name, "test_stack");
        assert_eq!(p.id.as_deref(), Some("None"));
        assert_eq!(p.timeout_mins, None);
        assert_eq!(p.resources.len(), 2);
        let sg = &p.resources[0];
        assert_eq!(sg.resource_name, "the_sg_res");
        assert_eq!(sg.resource_type, "OS::Neutron::SecurityGroup");
        assert_eq!(sg.required_by, ["server1"]);
        assert_eq!(sg.description, None);
        assert_eq!(sg.properties.as_ref().unwrap()["name"], "the_sg");
        assert_eq!(
            sg.resource_identity.as_ref().unwrap()["path"],
            "/resources/the_sg_res"
        );
        assert_eq!(p.parameters.unwrap()["flavor"], "m1.small");
    }

    #[test]
    fn preview_flattens_nested_stacks_depth_first() {
        let p: StackPreview = serde_json::from_value(json!({
            "stack_name": "outer",
            "resources": [
                {"resource_name": "a", "resource_type": "OS::Heat::Stack"},
                [
                    {"resource_name": "b", "resource_type": "T"},
                    [{"resource_name": "c", "resource_type": "T"}],
                    []
                ],
                null,
                {"resource_name": "d", "resource_type": "T"}
            ]
        }))
        .expect("decodes");
        let names: Vec<&str> = p
            .resources
            .iter()
            .map(|r| r.resource_name.as_str())
            .collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        let e = serde_json::from_value::<StackPreview>(json!({"resources": [[1]]}))
            .expect_err("a number is no resource");
        assert!(e.to_string().contains("invalid type"), "{e}");
    }

    #[test]
    fn update_preview_wrapped_or_bare() {
        let entry = json!({
            "updated_time": "datetime", "resource_name": "server",
            "physical_resource_id": "", "resource_action": "CREATE",
            "resource_status": "COMPLETE", "resource_status_reason": "",
            "resource_type": "OS::Nova::Server", "stack_identity": "{stack_id}",
            "stack_name": "{stack_name}"
        });
        // api-ref `stack-update-preview-response.json` is bare…
        let bare = json!({
            "unchanged": [entry], "updated": [], "replaced": [entry],
            "added": [], "deleted": []
        });
        let p = UpdatePreview::from_answer(bare.clone()).expect("decodes");
        assert_eq!(p.unchanged[0].resource_name, "server");
        assert_eq!(p.replaced.len(), 1);
        assert!(p.added.is_empty() && p.deleted.is_empty() && p.updated.is_empty());
        // …while Heat wraps it, and nests with show_nested.
        let wrapped = json!({"resource_changes": {
            "added": [[entry, {"resource_name": "port", "resource_type": "OS::Neutron::Port"}]],
            "updated": null
        }});
        let p = UpdatePreview::from_answer(wrapped).expect("decodes");
        let names: Vec<&str> = p.added.iter().map(|r| r.resource_name.as_str()).collect();
        assert_eq!(names, ["server", "port"]);
        assert!(p.updated.is_empty() && p.unchanged.is_empty());
    }

    #[test]
    fn request_bodies() {
        let mut params = Map::new();
        params.insert("flavor".into(), json!("m1.small"));
        let create = StackCreate {
            stack_name: "web".into(),
            template: Some(json!({"heat_template_version": "2018-08-31"})),
            parameters: params,
            timeout_mins: Some(30),
            tags: Some("a,b".into()),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&create).unwrap(),
            json!({
                "stack_name": "web",
                "template": {"heat_template_version": "2018-08-31"},
                "parameters": {"flavor": "m1.small"},
                "timeout_mins": 30,
                "tags": "a,b"
            })
        );
        assert_eq!(
            create.update_body().unwrap(),
            json!({
                "template": {"heat_template_version": "2018-08-31"},
                "parameters": {"flavor": "m1.small"},
                "timeout_mins": 30,
                "tags": "a,b"
            })
        );
        assert_eq!(
            StackAction::CancelWithoutRollback.as_str(),
            "cancel_without_rollback"
        );
        assert_eq!(
            serde_json::to_value(StackAction::CancelUpdate).unwrap(),
            json!("cancel_update")
        );
        let filter = StackFilter {
            name: Some("web".into()),
            limit: Some(10),
            sort_dir: Some("desc".into()),
            global_tenant: true,
            ..Default::default()
        };
        assert_eq!(
            filter.to_query(),
            [
                ("name", "web".to_owned()),
                ("limit", "10".to_owned()),
                ("sort_dir", "desc".to_owned()),
                ("global_tenant", "true".to_owned())
            ]
        );
        assert!(StackFilter::default().to_query().is_empty());
    }

    /// What the mock Heat saw: method, path, query, body, token.
    type Seen = std::sync::Arc<std::sync::Mutex<Vec<(String, String, String, Value, String)>>>;

    async fn mock_heat(
        axum::extract::State(seen): axum::extract::State<Seen>,
        method: axum::http::Method,
        uri: axum::http::Uri,
        headers: axum::http::HeaderMap,
        body: axum::body::Bytes,
    ) -> axum::response::Response {
        use axum::http::StatusCode;
        use axum::response::IntoResponse;
        let token = headers
            .get("x-auth-token")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let path = uri.path().to_owned();
        let query = uri.query().unwrap_or_default().to_owned();
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        seen.lock().unwrap().push((
            method.to_string(),
            path.clone(),
            query.clone(),
            body,
            token.clone(),
        ));
        if token != "tok-123" {
            return (StatusCode::UNAUTHORIZED, "no token").into_response();
        }
        let host = headers["host"].to_str().unwrap().to_owned();
        let stack = json!({"id": "id-1", "stack_name": "web", "stack_status": "CREATE_COMPLETE"});
        match (method.as_str(), path.as_str()) {
            ("GET", "/heat/v1/p1/stacks") if !query.contains("marker=") => axum::Json(json!({
                "stacks": [stack],
                "links": [{"rel": "next",
                           "href": format!("http://{host}/heat/v1/p1/stacks?limit=1&marker=id-1")}]
            }))
            .into_response(),
            // A full page without a link goes on with a marker, as Heat
            // gives no link on the last page.
            ("GET", "/heat/v1/p1/stacks") if query.contains("marker=id-2") => {
                axum::Json(json!({"stacks": []})).into_response()
            }
            ("GET", "/heat/v1/p1/stacks") => axum::Json(json!({"stacks": [
                {"id": "id-2", "stack_name": "db", "stack_status": "CREATE_FAILED"}
            ]}))
            .into_response(),
            ("GET", "/heat/v1/p1/stacks/web") => (
                StatusCode::FOUND,
                [("location", "/heat/v1/p1/stacks/web/id-1")],
            )
                .into_response(),
            ("GET", "/heat/v1/p1/stacks/far") => (
                StatusCode::FOUND,
                [(
                    "location",
                    "https://heat.internal.invalid/v1/p1/stacks/web/id-1",
                )],
            )
                .into_response(),
            ("GET", "/heat/v1/p1/stacks/nowhere") => (
                StatusCode::FOUND,
                [("location", "https://elsewhere.invalid/login")],
            )
                .into_response(),
            ("GET", "/heat/v1/p1/stacks/web/id-1") => {
                axum::Json(json!({ "stack": stack })).into_response()
            }
            ("POST", "/heat/v1/p1/stacks/web/id-1/actions") => StatusCode::OK.into_response(),
            ("PUT" | "PATCH", "/heat/v1/p1/stacks/web/id-1") => (
                StatusCode::ACCEPTED,
                axum::Json(json!({"code": 202, "title": "Accepted", "message": "queued"})),
            )
                .into_response(),
            ("PUT", "/heat/v1/p1/stacks/web/id-1/preview") => axum::Json(json!({
                "resource_changes": {"added": [{"resource_name": "r", "resource_type": "T"}]}
            }))
            .into_response(),
            _ => (
                StatusCode::NOT_FOUND,
                axum::Json(json!({
                    "explanation": "The resource could not be found.", "code": 404,
                    "error": {"message": "The Stack (missing) could not be found.",
                              "traceback": null, "type": "EntityNotFound"},
                    "title": "Not Found"
                })),
            )
                .into_response(),
        }
    }

    #[tokio::test]
    async fn talks_to_a_mock_heat() {
        let seen: Seen = Default::default();
        let addr = testing::serve(
            axum::Router::new()
                .fallback(mock_heat)
                .with_state(seen.clone()),
        )
        .await;
        let s = testing::session(addr);
        let take = || std::mem::take(&mut *seen.lock().unwrap());

        // The lookup redirect is followed and keeps the token.
        let stack = get_stack(&s, "web").await.expect("same-origin lookup");
        assert_eq!(
            (stack.id.as_str(), stack.stack_name.as_str()),
            ("id-1", "web")
        );
        let hits = take();
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[1].1, "/heat/v1/p1/stacks/web/id-1");
        assert_eq!(hits[1].4, "tok-123");

        // A redirect to another origin is taken to the catalog endpoint.
        let stack = get_stack(&s, "far").await.expect("cross-origin lookup");
        assert_eq!(stack.id, "id-1");
        let paths: Vec<String> = take().into_iter().map(|h| h.1).collect();
        assert_eq!(
            paths,
            ["/heat/v1/p1/stacks/far", "/heat/v1/p1/stacks/web/id-1"]
        );
        let e = get_stack(&s, "nowhere").await.expect_err("no stack URL");
        assert!(matches!(e, Error::Decode { .. }), "{e:?}");
        take();

        // Heat's error body gives the message.
        let e = get_stack(&s, "missing").await.expect_err("404");
        assert_eq!(
            e,
            Error::NotFound {
                message: "The Stack (missing) could not be found".into()
            }
        );
        take();

        // The list follows Heat's next link.
        let filter = StackFilter {
            limit: Some(1),
            show_nested: true,
            ..Default::default()
        };
        let stacks = list_stacks(&s, &filter).await.expect("list");
        let ids: Vec<&str> = stacks.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["id-1", "id-2"]);
        let queries: Vec<String> = take().into_iter().map(|h| h.2).collect();
        assert_eq!(queries[0], "limit=1&show_nested=true");
        assert!(queries[1].contains("marker=id-1"), "{queries:?}");
        assert!(queries[2].contains("marker=id-2"), "{queries:?}");

        // Actions, updates and the update preview.
        stack_action(&s, "web", "id-1", StackAction::Suspend)
            .await
            .expect("action");
        let body = StackCreate {
            stack_name: "web".into(),
            template_url: Some("http://t/x.yaml".into()),
            ..Default::default()
        };
        update_stack(&s, "web", "id-1", &body).await.expect("put");
        patch_stack(&s, "web", "id-1", &body).await.expect("patch");
        let preview = preview_update(&s, "web", "id-1", &body)
            .await
            .expect("preview");
        assert_eq!(preview.added[0].resource_name, "r");
        let hits = take();
        assert_eq!(hits[0].0, "POST");
        assert_eq!(hits[0].3, json!({"suspend": null}));
        let update = json!({"template_url": "http://t/x.yaml", "parameters": {}});
        assert_eq!((hits[1].0.as_str(), &hits[1].3), ("PUT", &update));
        assert_eq!((hits[2].0.as_str(), &hits[2].3), ("PATCH", &update));
        assert_eq!(hits[3].1, "/heat/v1/p1/stacks/web/id-1/preview");
    }
}
