//! Heat talks to the other services over their HTTP APIs, as real Heat
//! does, so a stack's resources obey the same rules as hand-made ones.

use std::sync::OnceLock;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::identity::tokens;
use crate::state::AppState;

/// How long one call to another service may take.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// Lifetime of the tokens the engine mints for one operation.
const ENGINE_TOKEN_TTL: Duration = Duration::from_secs(4 * 3600);

fn http() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .timeout(CALL_TIMEOUT)
            .build()
            .unwrap_or_default()
    })
}

/// A failed call, worded as Heat words client errors:
/// `BadRequest: <message> (HTTP 400)`.
#[derive(Debug, Clone)]
pub struct CallError {
    pub status: Option<StatusCode>,
    pub message: String,
}

impl CallError {
    pub fn is_not_found(&self) -> bool {
        self.status == Some(StatusCode::NOT_FOUND)
    }

    pub fn other(message: impl Into<String>) -> CallError {
        CallError {
            status: None,
            message: message.into(),
        }
    }

    /// The exception name Heat's clients raise for a status.
    pub fn kind(&self) -> &'static str {
        match self.status.map(|s| s.as_u16()) {
            Some(400) => "BadRequest",
            Some(401) => "Unauthorized",
            Some(403) => "Forbidden",
            Some(404) => "NotFound",
            Some(409) => "Conflict",
            Some(413) => "OverLimit",
            Some(_) => "ClientException",
            None => "Error",
        }
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.status {
            Some(s) => write!(f, "{} (HTTP {})", self.message, s.as_u16()),
            None => f.write_str(&self.message),
        }
    }
}

/// The demo cloud as seen by one user in one project.
#[derive(Clone)]
pub struct Cloud {
    base_url: String,
    token: String,
    pub project_id: String,
}

impl Cloud {
    /// Acting with a token the client sent.
    pub fn with_token(st: &AppState, token: String, project_id: String) -> Cloud {
        Cloud {
            base_url: st.base_url.to_string(),
            token,
            project_id,
        }
    }

    /// Acting for a stack's owner after the request is gone.
    pub async fn for_owner(
        st: &AppState,
        user_id: &str,
        project_id: &str,
    ) -> Result<Cloud, CallError> {
        let (user, project) = (user_id.to_owned(), project_id.to_owned());
        let token = st
            .db
            .call(move |c| tokens::mint(c, &user, &project, ENGINE_TOKEN_TTL))
            .await
            .map_err(|e| CallError::other(e.to_string()))?
            .ok_or_else(|| {
                CallError::other("the stack owner no longer has a role on the stack's project")
            })?;
        Ok(Cloud::with_token(st, token, project_id.to_owned()))
    }

    /// The Swift account path of the project.
    pub fn swift_account(&self) -> String {
        format!("/swift/v1/AUTH_{}", self.project_id)
    }

    /// Public URL of a path, e.g. for Swift container attributes.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        headers: &[(&str, String)],
    ) -> Result<(StatusCode, reqwest::header::HeaderMap, Value), CallError> {
        let mut req = http()
            .request(method, self.url(path))
            .header("X-Auth-Token", &self.token)
            .header("Accept", "application/json");
        for (name, value) in headers {
            req = req.header(*name, value);
        }
        if let Some(body) = body {
            req = req.json(body);
        }
        let resp = req
            .send()
            .await
            .map_err(|e| CallError::other(format!("cannot reach the cloud: {e}")))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let text = resp
            .text()
            .await
            .map_err(|e| CallError::other(format!("reading the answer failed: {e}")))?;
        let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        if status.is_success() {
            return Ok((status, headers, value));
        }
        Err(CallError {
            status: Some(status),
            message: error_message(&value).unwrap_or_else(|| text.trim().to_owned()),
        })
    }

    pub async fn get(&self, path: &str) -> Result<Value, CallError> {
        Ok(self.send(Method::GET, path, None, &[]).await?.2)
    }

    pub async fn post(&self, path: &str, body: &Value) -> Result<Value, CallError> {
        Ok(self.send(Method::POST, path, Some(body), &[]).await?.2)
    }

    pub async fn put(&self, path: &str, body: &Value) -> Result<Value, CallError> {
        Ok(self.send(Method::PUT, path, Some(body), &[]).await?.2)
    }

    /// DELETE that treats "already gone" as done, as Heat's delete does.
    pub async fn delete(&self, path: &str) -> Result<(), CallError> {
        match self.send(Method::DELETE, path, None, &[]).await {
            Ok(_) => Ok(()),
            Err(e) if e.is_not_found() => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// The message inside any OpenStack error body: Nova's
/// `{"badRequest": {"message"}}`, Neutron's `{"NeutronError": {"message"}}`,
/// Keystone's and Heat's `{"error": {"message"}}`, Glance's plain text.
fn error_message(body: &Value) -> Option<String> {
    let object = body.as_object()?;
    object.values().find_map(|inner| {
        inner
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn messages_come_out_of_every_error_shape() {
        let nova = json!({"badRequest": {"code": 400, "message": "Invalid flavorRef provided."}});
        assert_eq!(
            error_message(&nova).as_deref(),
            Some("Invalid flavorRef provided.")
        );
        let neutron = json!({"NeutronError": {"type": "NetworkNotFound", "message": "Network x could not be found.", "detail": ""}});
        assert_eq!(
            error_message(&neutron).as_deref(),
            Some("Network x could not be found.")
        );
        assert_eq!(error_message(&json!("text")), None);
    }

    #[test]
    fn errors_read_like_heats_client_exceptions() {
        let e = CallError {
            status: Some(StatusCode::BAD_REQUEST),
            message: "Invalid flavorRef provided.".into(),
        };
        assert_eq!(e.kind(), "BadRequest");
        assert_eq!(e.to_string(), "Invalid flavorRef provided. (HTTP 400)");
    }
}
