//! Server actions: `POST /servers/{server_id}/action` and the instance
//! action log (`/servers/{server_id}/os-instance-actions`).

use super::{call, item_path, null_default};
use crate::error::Result;
use crate::session::Session;
use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// `SOFT` asks the guest to restart; `HARD` power-cycles it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RebootType {
    #[default]
    Soft,
    Hard,
}

/// One server action and its arguments, named as in the compute API
/// reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerAction {
    /// `os-start`.
    Start,
    /// `os-stop`.
    Stop,
    Reboot(RebootType),
    Pause,
    Unpause,
    Suspend,
    Resume,
    /// `lock`, with an optional reason (2.73+).
    Lock {
        locked_reason: Option<String>,
    },
    Unlock,
    Shelve,
    /// `unshelve`, optionally into another availability zone (2.77+).
    Unshelve {
        availability_zone: Option<String>,
    },
    Resize {
        flavor_ref: String,
    },
    ConfirmResize,
    RevertResize,
    Rebuild {
        image_ref: String,
        name: Option<String>,
        admin_pass: Option<String>,
        description: Option<String>,
    },
    /// `os-getConsoleOutput`; use [`console_output`] to read the answer.
    GetConsoleOutput {
        length: Option<u32>,
    },
    /// `createImage`: snapshots the server into a new image, whose
    /// properties get `metadata`; [`create_server_image`] returns its id.
    CreateImage {
        name: String,
        metadata: BTreeMap<String, String>,
    },
}

impl ServerAction {
    /// The action's key in the request body (`"os-stop"`, `"reboot"`…).
    pub fn name(&self) -> &'static str {
        match self {
            ServerAction::Start => "os-start",
            ServerAction::Stop => "os-stop",
            ServerAction::Reboot(_) => "reboot",
            ServerAction::Pause => "pause",
            ServerAction::Unpause => "unpause",
            ServerAction::Suspend => "suspend",
            ServerAction::Resume => "resume",
            ServerAction::Lock { .. } => "lock",
            ServerAction::Unlock => "unlock",
            ServerAction::Shelve => "shelve",
            ServerAction::Unshelve { .. } => "unshelve",
            ServerAction::Resize { .. } => "resize",
            ServerAction::ConfirmResize => "confirmResize",
            ServerAction::RevertResize => "revertResize",
            ServerAction::Rebuild { .. } => "rebuild",
            ServerAction::GetConsoleOutput { .. } => "os-getConsoleOutput",
            ServerAction::CreateImage { .. } => "createImage",
        }
    }

    /// The JSON body, e.g. `{"os-stop": null}` or
    /// `{"reboot": {"type": "HARD"}}`.
    pub fn to_body(&self) -> Value {
        let args = match self {
            ServerAction::Reboot(kind) => json!({ "type": kind }),
            ServerAction::Lock {
                locked_reason: Some(reason),
            } => json!({ "locked_reason": reason }),
            ServerAction::Unshelve {
                availability_zone: Some(az),
            } => json!({ "availability_zone": az }),
            ServerAction::Resize { flavor_ref } => json!({ "flavorRef": flavor_ref }),
            ServerAction::Rebuild {
                image_ref,
                name,
                admin_pass,
                description,
            } => {
                let mut m = Map::new();
                m.insert("imageRef".into(), json!(image_ref));
                if let Some(n) = name {
                    m.insert("name".into(), json!(n));
                }
                if let Some(p) = admin_pass {
                    m.insert("adminPass".into(), json!(p));
                }
                if let Some(d) = description {
                    m.insert("description".into(), json!(d));
                }
                Value::Object(m)
            }
            ServerAction::GetConsoleOutput { length } => match length {
                Some(n) => json!({ "length": n }),
                None => json!({}),
            },
            ServerAction::CreateImage { name, metadata } if metadata.is_empty() => {
                json!({ "name": name })
            }
            ServerAction::CreateImage { name, metadata } => {
                json!({ "name": name, "metadata": metadata })
            }
            _ => Value::Null,
        };
        let mut body = Map::new();
        body.insert(self.name().to_owned(), args);
        Value::Object(body)
    }
}

/// `POST /servers/{server_id}/action`. Most actions are asynchronous: the
/// server shows a `task_state` until they finish. A state that does not
/// allow the action gives [`Error::Conflict`](crate::Error::Conflict).
pub async fn server_action(
    session: &Session,
    server_id: &str,
    action: &ServerAction,
) -> Result<()> {
    let path = format!("{}/action", item_path("/servers", server_id));
    call(session, Method::POST, &path)
        .json(&action.to_body())
        .execute()
        .await
}

/// `createImage`: snapshots the server into a new image named `name`,
/// with `metadata` as its properties, and returns the image's id (the
/// answer carries it from microversion 2.45 on). The image may still be
/// `queued` or `saving` when this returns; poll it in the image service.
pub async fn create_server_image(
    session: &Session,
    server_id: &str,
    name: &str,
    metadata: &BTreeMap<String, String>,
) -> Result<String> {
    #[derive(Deserialize)]
    struct Body {
        image_id: String,
    }
    let action = ServerAction::CreateImage {
        name: name.to_owned(),
        metadata: metadata.clone(),
    };
    let path = format!("{}/action", item_path("/servers", server_id));
    // MICROVERSION is above 2.45, so the id comes in the body.
    let body: Body = call(session, Method::POST, &path)
        .json(&action.to_body())
        .fetch()
        .await?;
    Ok(body.image_id)
}

/// The last `length` lines of the console log (all of it for `None`).
pub async fn console_output(
    session: &Session,
    server_id: &str,
    length: Option<u32>,
) -> Result<String> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "null_default")]
        output: String,
    }
    let path = format!("{}/action", item_path("/servers", server_id));
    let body: Body = call(session, Method::POST, &path)
        .json(&ServerAction::GetConsoleOutput { length }.to_body())
        .fetch()
        .await?;
    Ok(body.output)
}

/// One entry of a server's action log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceAction {
    pub action: String,
    #[serde(default, deserialize_with = "null_default")]
    pub request_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub instance_uuid: String,
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub start_time: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "crate::time::deserialize_option")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub message: Option<String>,
}

/// `GET /servers/{server_id}/os-instance-actions`, newest first.
pub async fn list_instance_actions(
    session: &Session,
    server_id: &str,
) -> Result<Vec<InstanceAction>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(rename = "instanceActions")]
        instance_actions: Vec<InstanceAction>,
    }
    let path = format!("{}/os-instance-actions", item_path("/servers", server_id));
    let body: Body = call(session, Method::GET, &path).fetch().await?;
    Ok(body.instance_actions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_bodies_follow_the_api_reference() {
        use ServerAction as A;
        let cases = [
            (A::Start, json!({"os-start": null})),
            (A::Stop, json!({"os-stop": null})),
            (
                A::Reboot(RebootType::Hard),
                json!({"reboot": {"type": "HARD"}}),
            ),
            (
                A::Reboot(RebootType::Soft),
                json!({"reboot": {"type": "SOFT"}}),
            ),
            (A::Pause, json!({"pause": null})),
            (A::Unpause, json!({"unpause": null})),
            (A::Suspend, json!({"suspend": null})),
            (A::Resume, json!({"resume": null})),
            (
                A::Lock {
                    locked_reason: None,
                },
                json!({"lock": null}),
            ),
            (
                A::Lock {
                    locked_reason: Some("maintenance".into()),
                },
                json!({"lock": {"locked_reason": "maintenance"}}),
            ),
            (A::Unlock, json!({"unlock": null})),
            (A::Shelve, json!({"shelve": null})),
            (
                A::Unshelve {
                    availability_zone: None,
                },
                json!({"unshelve": null}),
            ),
            (
                A::Unshelve {
                    availability_zone: Some("az2".into()),
                },
                json!({"unshelve": {"availability_zone": "az2"}}),
            ),
            (
                A::Resize {
                    flavor_ref: "2".into(),
                },
                json!({"resize": {"flavorRef": "2"}}),
            ),
            (A::ConfirmResize, json!({"confirmResize": null})),
            (A::RevertResize, json!({"revertResize": null})),
            (
                A::Rebuild {
                    image_ref: "img".into(),
                    name: Some("new".into()),
                    admin_pass: None,
                    description: None,
                },
                json!({"rebuild": {"imageRef": "img", "name": "new"}}),
            ),
            (
                A::GetConsoleOutput { length: Some(50) },
                json!({"os-getConsoleOutput": {"length": 50}}),
            ),
            (
                A::GetConsoleOutput { length: None },
                json!({"os-getConsoleOutput": {}}),
            ),
            (
                A::CreateImage {
                    name: "snap".into(),
                    metadata: BTreeMap::new(),
                },
                json!({"createImage": {"name": "snap"}}),
            ),
            (
                A::CreateImage {
                    name: "snap".into(),
                    metadata: [("purpose".to_owned(), "backup".to_owned())].into(),
                },
                json!({"createImage": {"name": "snap", "metadata": {"purpose": "backup"}}}),
            ),
        ];
        for (action, want) in cases {
            assert_eq!(action.to_body(), want, "{action:?}");
        }
    }

    #[test]
    fn instance_actions_decode() {
        let a: InstanceAction = serde_json::from_str(
            r#"{"action": "stop", "instance_uuid": "s1", "message": null,
                "project_id": "p", "request_id": "req-1", "start_time": "2018-04-25T01:26:29.092030",
                "updated_at": "2018-04-25T01:26:29.565338", "user_id": "u"}"#,
        )
        .expect("decodes");
        assert_eq!(a.action, "stop");
        assert!(a.start_time.is_some() && a.updated_at.is_some());
    }
}
