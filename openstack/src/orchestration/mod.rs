//! Heat, the orchestration service (API v1).
//!
//! The catalog endpoint already ends in the project
//! (`http://host:8004/v1/<project_id>`), so paths here start at
//! `/stacks`. A stack is addressed by name *and* id
//! (`/stacks/{stack_name}/{stack_id}`); [`get_stack`] resolves a bare name
//! or id. Heat is loose with its JSON (`""` for "no value", `"true"` for
//! booleans, tags as a list or a comma-separated string), so the decoders
//! here accept every shape seen in the wild.

mod event;
mod resource;
mod stack;
mod template;

pub use event::{list_events, list_resource_events, Event, EventFilter};
pub use resource::{get_resource, get_resource_metadata, list_resources, Resource};
pub use stack::{
    create_stack, delete_stack, get_stack, get_stack_by_id, get_stack_environment,
    get_stack_output, get_stack_template, list_stack_outputs, list_stacks, patch_stack,
    preview_stack, preview_update, stack_action, update_stack, PreviewResource, Stack, StackAction,
    StackCreate, StackFilter, StackOutput, StackPreview, StackRef, UpdatePreview,
};
pub use template::{
    get_resource_type_schema, list_resource_types, list_template_functions, list_template_versions,
    validate_template, AttributeSchema, ParameterGroup, PropertySchema, ResourceTypeSchema,
    ResourceTypeSummary, TemplateFunction, TemplateVersion, ValidateRequest, Validation,
    ValidationParameter,
};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The catalog type of the orchestration service.
pub const SERVICE_TYPE: &str = "orchestration";

/// A `links` entry (`self`, `stack`, `resource`, `nested`…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    #[serde(default, deserialize_with = "null_default")]
    pub href: String,
    #[serde(default, deserialize_with = "null_default")]
    pub rel: String,
}

/// `/stacks/{stack_name}/{stack_id}` with both segments encoded.
pub(crate) fn stack_path(stack_name: &str, stack_id: &str) -> String {
    format!(
        "/stacks/{}/{}",
        crate::encode_segment(stack_name),
        crate::encode_segment(stack_id)
    )
}

/// The stack name and id in a Heat URL or path
/// (`…/stacks/{stack_name}/{stack_id}[/…]`), percent-decoded. The last
/// `stacks` segment wins, so a project or stack named "stacks" is fine as
/// long as the URL goes on after it.
pub(crate) fn stack_from_href(href: &str) -> Option<(String, String)> {
    let path = match url::Url::parse(href) {
        Ok(url) => url.path().to_owned(),
        // A relative Location ("/v1/p/stacks/n/id") is not a valid Url.
        Err(_) => href.split(['?', '#']).next().unwrap_or_default().to_owned(),
    };
    let segments: Vec<&str> = path.split('/').collect();
    let at = (0..segments.len().saturating_sub(2))
        .find(|&i| segments[i] == "stacks" && !segments[i + 1].is_empty())?;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .ok()
            .map(|c| c.into_owned())
    };
    let name = decode(segments[at + 1])?;
    let id = decode(segments[at + 2])?;
    (!id.is_empty()).then_some((name, id))
}

/// `deserialize_with` helper: `null` becomes the type's default.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// `deserialize_with` helper for optional text: Heat sends `""` or `null`
/// for "no value".
pub(crate) fn empty_none<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// `deserialize_with` helper for counts sent as numbers, numeric strings
/// or `""` (`timeout_mins`).
pub(crate) fn lenient_u32<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .and_then(|n| u32::try_from(n).ok()),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// `deserialize_with` helper for integers that may come as floats or
/// strings (constraint bounds).
pub(crate) fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(lenient_f64(d)?.map(|f| f as i64))
}

/// `deserialize_with` helper for numbers that may come as strings.
pub(crate) fn lenient_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// `deserialize_with` helper for booleans sent as `true` or `"true"`
/// (`NoEcho`, `disable_rollback` from older engines).
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" | "t" | "y" => Some(true),
            "false" | "no" | "off" | "0" | "f" | "n" => Some(false),
            _ => None,
        },
        Some(Value::Number(n)) => n.as_f64().map(|f| f != 0.0),
        _ => None,
    })
}

/// [`lenient_bool`] with `false` for missing or unreadable values.
pub(crate) fn lenient_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

/// `deserialize_with` helper for `tags`: a list, a comma-separated string
/// (what the API takes and the api-ref shows) or `null`/`""`.
pub(crate) fn tags<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Array(items)) => Some(
            items
                .into_iter()
                .filter_map(|v| match v {
                    Value::String(s) => Some(s),
                    Value::Null => None,
                    other => Some(other.to_string()),
                })
                .collect(),
        ),
        Some(Value::String(s)) if !s.trim().is_empty() => Some(
            s.split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        _ => None,
    })
}

/// `(de)serialize_with` helpers for a JSON object kept as an ordered list
/// of entries: parameter and property order is the template author's and
/// is how forms should show them. Decoding straight from the text keeps
/// document order whatever serde_json's features are.
pub(crate) mod ordered {
    use super::*;
    use std::fmt;
    use std::marker::PhantomData;

    pub fn serialize<S, T>(entries: &[(String, T)], s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        let mut map = s.serialize_map(Some(entries.len()))?;
        for (k, v) in entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D, T>(d: D) -> Result<Vec<(String, T)>, D::Error>
    where
        D: Deserializer<'de>,
        T: Deserialize<'de>,
    {
        struct Entries<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for Entries<T> {
            type Value = Vec<(String, T)>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(out)
            }

            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }

            fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }

            fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
                d.deserialize_map(self)
            }
        }

        d.deserialize_option(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn stack_from_href_reads_name_and_id() {
        assert_eq!(
            stack_from_href("http://h:8004/v1/p1/stacks/my%20stack/abc-1"),
            Some(("my stack".into(), "abc-1".into()))
        );
        assert_eq!(
            stack_from_href("http://h/v1/p/stacks/s/id1/resources/r?x=1"),
            Some(("s".into(), "id1".into()))
        );
        assert_eq!(
            stack_from_href("/v1/p/stacks/s/id2"),
            Some(("s".into(), "id2".into()))
        );
        // A stack named "stacks" does not confuse it.
        assert_eq!(
            stack_from_href("http://h/v1/p/stacks/stacks/id3/resources/r"),
            Some(("stacks".into(), "id3".into()))
        );
        assert_eq!(stack_from_href("http://h/v1/p/stacks/s"), None);
        assert_eq!(stack_from_href("http://h/v1/p/stacks/s/"), None);
        assert_eq!(stack_from_href("nonsense"), None);
    }

    #[test]
    fn stack_path_encodes() {
        assert_eq!(stack_path("a/b", "c d"), "/stacks/a%2Fb/c%20d");
    }

    #[derive(Deserialize)]
    struct Lenient {
        #[serde(default, deserialize_with = "empty_none")]
        text: Option<String>,
        #[serde(default, deserialize_with = "lenient_u32")]
        count: Option<u32>,
        #[serde(default, deserialize_with = "lenient_bool")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "tags")]
        tags: Option<Vec<String>>,
    }

    fn lenient(v: serde_json::Value) -> Lenient {
        serde_json::from_value(v).expect("decodes")
    }

    #[test]
    fn lenient_helpers() {
        let l = lenient(json!({"text": "", "count": "", "flag": "true", "tags": ""}));
        assert_eq!(
            (l.text, l.count, l.flag, l.tags),
            (None, None, Some(true), None)
        );
        let l = lenient(json!({"text": "x", "count": "60", "flag": false, "tags": "a, b,,c"}));
        assert_eq!(l.text.as_deref(), Some("x"));
        assert_eq!(l.count, Some(60));
        assert_eq!(l.flag, Some(false));
        assert_eq!(l.tags, Some(vec!["a".into(), "b".into(), "c".into()]));
        let l = lenient(json!({"text": null, "count": 5, "flag": null, "tags": ["x", "y"]}));
        assert_eq!((l.text, l.count, l.flag), (None, Some(5), None));
        assert_eq!(l.tags, Some(vec!["x".into(), "y".into()]));
        let l = lenient(json!({}));
        assert_eq!((l.text, l.count, l.flag, l.tags), (None, None, None, None));
        let l = lenient(json!({"count": -1}));
        assert_eq!(l.count, None);
    }

    #[derive(Deserialize, Serialize)]
    struct Ordered {
        #[serde(default, with = "ordered")]
        entries: Vec<(String, u32)>,
    }

    #[test]
    fn ordered_keeps_document_order_and_round_trips() {
        let o: Ordered = serde_json::from_str(r#"{"entries": {"z": 1, "a": 2, "m": 3}}"#).unwrap();
        let keys: Vec<&str> = o.entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "a", "m"]);
        assert_eq!(
            serde_json::to_string(&o).unwrap(),
            r#"{"entries":{"z":1,"a":2,"m":3}}"#
        );
        let o: Ordered = serde_json::from_str(r#"{"entries": null}"#).unwrap();
        assert!(o.entries.is_empty());
        let o: Ordered = serde_json::from_str("{}").unwrap();
        assert!(o.entries.is_empty());
    }
}

/// A mock Heat on 127.0.0.1 for the wire tests of this module.
#[cfg(test)]
pub(crate) mod testing {
    use crate::{Client, ClientOptions, Session, Token};
    use serde_json::json;
    use std::net::SocketAddr;

    pub async fn serve(router: axum::Router) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        tokio::spawn(async move {
            axum::serve(listener, router).await.expect("serve");
        });
        addr
    }

    /// A session whose orchestration endpoint is
    /// `http://{addr}/heat/v1/p1` and whose token is `tok-123`.
    pub fn session(addr: SocketAddr) -> Session {
        let token: Token = serde_json::from_value(json!({
            "methods": ["password"],
            "expires_at": "2099-01-01T00:00:00.000000Z",
            "issued_at": "2026-01-01T00:00:00.000000Z",
            "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
            "roles": [{"id": "r1", "name": "member"}],
            "catalog": [{"type": "orchestration", "name": "heat", "id": "h", "endpoints": [
                {"id": "1", "interface": "public", "region_id": "RegionOne",
                 "url": format!("http://{addr}/heat/v1/p1")}]}],
            "audit_ids": ["a1"],
            "secret": "tok-123"
        }))
        .expect("token");
        let client = Client::new(&ClientOptions::default()).expect("client");
        Session::new(client, format!("http://{addr}/v3"), token)
    }
}
