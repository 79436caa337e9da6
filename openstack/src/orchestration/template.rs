//! Templates and what they may use: `/validate`, `/resource_types`,
//! `/template_versions`.

use super::{
    empty_none, lenient_f64, lenient_flag, lenient_i64, null_default, ordered, SERVICE_TYPE,
};
use crate::error::Result;
use crate::session::Session;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// The body of `POST /validate`. Give `template` or `template_url`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidateRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files: Option<Map<String, Value>>,
    /// Values to check against the parameters' constraints.
    #[serde(default)]
    pub parameters: Map<String, Value>,
}

/// The answer to [`validate_template`]: what a launch form needs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    #[serde(
        default,
        rename = "Description",
        alias = "description",
        deserialize_with = "empty_none"
    )]
    pub description: Option<String>,
    /// In template order.
    #[serde(default, rename = "Parameters", alias = "parameters", with = "ordered")]
    pub parameters: Vec<(String, ValidationParameter)>,
    #[serde(
        default,
        rename = "ParameterGroups",
        alias = "parameter_groups",
        deserialize_with = "null_default"
    )]
    pub parameter_groups: Vec<ParameterGroup>,
    #[serde(
        default,
        rename = "Environment",
        alias = "environment",
        skip_serializing_if = "Option::is_none"
    )]
    pub environment: Option<Value>,
}

/// One template parameter as validation describes it (CFN-style keys,
/// whatever the template format). Constraints are flattened: several
/// `length` constraints leave the last bounds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ValidationParameter {
    /// `String`, `Number`, `CommaDelimitedList`, `Json` or `Boolean`.
    #[serde(
        default,
        rename = "Type",
        alias = "type",
        deserialize_with = "null_default"
    )]
    pub kind: String,
    #[serde(
        default,
        rename = "Label",
        alias = "label",
        deserialize_with = "empty_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub label: Option<String>,
    #[serde(
        default,
        rename = "Description",
        alias = "description",
        deserialize_with = "empty_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    #[serde(
        default,
        rename = "Default",
        alias = "default",
        skip_serializing_if = "Option::is_none"
    )]
    pub default: Option<Value>,
    /// Hidden input (passwords); Heat sends `"true"`/`"false"`.
    #[serde(
        default,
        rename = "NoEcho",
        deserialize_with = "lenient_flag",
        serialize_with = "bool_text"
    )]
    pub no_echo: bool,
    #[serde(
        default,
        rename = "AllowedValues",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_values: Option<Vec<Value>>,
    #[serde(
        default,
        rename = "AllowedPattern",
        deserialize_with = "empty_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub allowed_pattern: Option<String>,
    #[serde(
        default,
        rename = "MinLength",
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_length: Option<i64>,
    #[serde(
        default,
        rename = "MaxLength",
        deserialize_with = "lenient_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_length: Option<i64>,
    #[serde(
        default,
        rename = "MinValue",
        deserialize_with = "lenient_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_value: Option<f64>,
    #[serde(
        default,
        rename = "MaxValue",
        deserialize_with = "lenient_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_value: Option<f64>,
    /// The constraints' descriptions, joined.
    #[serde(
        default,
        rename = "ConstraintDescription",
        deserialize_with = "empty_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub constraint_description: Option<String>,
    /// E.g. `nova.flavor`, `glance.image`, `nova.keypair`.
    #[serde(
        default,
        rename = "CustomConstraint",
        deserialize_with = "empty_none",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_constraint: Option<String>,
    /// The value given in the request or environment.
    #[serde(default, rename = "Value", skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

fn bool_text<S: Serializer>(b: &bool, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(if *b { "true" } else { "false" })
}

/// A `parameter_groups` entry: how a form should group parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParameterGroup {
    #[serde(default, deserialize_with = "empty_none")]
    pub label: Option<String>,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub parameters: Vec<String>,
}

/// `POST /validate`: checks a template (and parameter values) and
/// describes its parameters. An invalid template is a 400 whose message
/// is Heat's explanation.
pub async fn validate_template(session: &Session, body: &ValidateRequest) -> Result<Validation> {
    session.post_json(SERVICE_TYPE, "/validate", body).await
}

/// A resource type and, when Heat gives it, its description.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceTypeSummary {
    pub resource_type: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
}

/// Without `with_description` Heat lists bare names.
fn summaries<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<ResourceTypeSummary>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Name(String),
        Full(ResourceTypeSummary),
    }
    let entries: Vec<Entry> = null_default(d)?;
    Ok(entries
        .into_iter()
        .map(|e| match e {
            Entry::Name(resource_type) => ResourceTypeSummary {
                resource_type,
                description: None,
            },
            Entry::Full(s) => s,
        })
        .collect())
}

/// `GET /resource_types?with_description=true`: every resource type the
/// cloud supports, in Heat's order. Heat answers 404 to the descriptions
/// when one type's plugin cannot describe itself; the plain list is asked
/// for then.
pub async fn list_resource_types(session: &Session) -> Result<Vec<ResourceTypeSummary>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "summaries")]
        resource_types: Vec<ResourceTypeSummary>,
    }
    let described = session
        .get_json_query::<Body, _>(
            SERVICE_TYPE,
            "/resource_types",
            &[("with_description", "true")],
        )
        .await;
    let body = match described {
        Err(crate::Error::NotFound { .. }) => {
            session
                .get_json::<Body>(SERVICE_TYPE, "/resource_types")
                .await?
        }
        other => other?,
    };
    Ok(body.resource_types)
}

/// The schema of one resource type (`GET /resource_types/{type_name}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceTypeSchema {
    #[serde(default, deserialize_with = "null_default")]
    pub resource_type: String,
    /// In Heat's order.
    #[serde(default, with = "ordered")]
    pub properties: Vec<(String, PropertySchema)>,
    #[serde(default, with = "ordered")]
    pub attributes: Vec<(String, AttributeSchema)>,
    /// `{"status": "SUPPORTED", "version", "message", "previous_status"}`.
    #[serde(default)]
    pub support_status: Option<Value>,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
}

/// One property of a resource type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropertySchema {
    /// `string`, `integer`, `number`, `boolean`, `map` or `list`.
    #[serde(default, rename = "type", deserialize_with = "null_default")]
    pub kind: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "lenient_flag")]
    pub required: bool,
    #[serde(default, deserialize_with = "lenient_flag")]
    pub update_allowed: bool,
    #[serde(default, deserialize_with = "lenient_flag")]
    pub immutable: bool,
    #[serde(default)]
    pub default: Option<Value>,
    /// `{"length": {"min", "max"}, "description"}`, `{"allowed_values":
    /// […]}`, `{"custom_constraint": "nova.flavor"}`…
    #[serde(default, deserialize_with = "null_default")]
    pub constraints: Vec<Value>,
    /// For `map` and `list`: the schema of the members.
    #[serde(default)]
    pub schema: Option<Value>,
}

/// One attribute of a resource type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributeSchema {
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
    #[serde(default, rename = "type", deserialize_with = "empty_none")]
    pub kind: Option<String>,
}

/// `GET /resource_types/{type_name}`.
pub async fn get_resource_type_schema(
    session: &Session,
    type_name: &str,
) -> Result<ResourceTypeSchema> {
    let path = format!("/resource_types/{}", crate::encode_segment(type_name));
    session.get_json(SERVICE_TYPE, &path).await
}

/// A template format version the cloud accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateVersion {
    /// `heat_template_version.2018-08-31`, `AWSTemplateFormatVersion.2010-09-09`…
    pub version: String,
    /// `hot` or `cfn`.
    #[serde(default, rename = "type", deserialize_with = "null_default")]
    pub kind: String,
    /// Release names of the same version (`heat_template_version.rocky`).
    #[serde(default, deserialize_with = "null_default")]
    pub aliases: Vec<String>,
}

/// `GET /template_versions`.
pub async fn list_template_versions(session: &Session) -> Result<Vec<TemplateVersion>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "null_default")]
        template_versions: Vec<TemplateVersion>,
    }
    let body: Body = session.get_json(SERVICE_TYPE, "/template_versions").await?;
    Ok(body.template_versions)
}

/// An intrinsic function of a template version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateFunction {
    /// The function's name (`get_param`, `str_replace`…); Heat names the
    /// field in the plural.
    pub functions: String,
    #[serde(default, deserialize_with = "empty_none")]
    pub description: Option<String>,
}

/// `GET /template_versions/{version}/functions`, `version` as
/// [`TemplateVersion::version`] gives it.
pub async fn list_template_functions(
    session: &Session,
    version: &str,
) -> Result<Vec<TemplateFunction>> {
    #[derive(Deserialize)]
    struct Body {
        #[serde(default, deserialize_with = "null_default")]
        template_functions: Vec<TemplateFunction>,
    }
    let path = format!(
        "/template_versions/{}/functions",
        crate::encode_segment(version)
    );
    let body: Body = session.get_json(SERVICE_TYPE, &path).await?;
    Ok(body.template_functions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What Heat's engine really answers (`format_validate_parameter`):
    /// CFN-style keys, in template order, which is not alphabetical.
    const VALIDATE: &str = r#"{
        "Description": "A web server.",
        "Parameters": {
            "server_name": {"Type": "String", "Description": "Name", "NoEcho": "false",
                            "Label": "Server name", "Default": "web-1",
                            "MinLength": 1, "MaxLength": 64,
                            "ConstraintDescription": "1 to 64 characters"},
            "flavor": {"Type": "String", "Description": "", "NoEcho": "false", "Label": "flavor",
                       "CustomConstraint": "nova.flavor", "Value": "m1.small"},
            "admin_pass": {"Type": "String", "NoEcho": "true", "Label": "admin_pass",
                           "AllowedPattern": "[a-zA-Z0-9]+"},
            "count": {"Type": "Number", "NoEcho": "false", "Label": "count", "Default": 2,
                      "MinValue": 1, "MaxValue": 10.5},
            "size": {"Type": "String", "NoEcho": "false", "Label": "size",
                     "AllowedValues": ["small", "large"]}
        },
        "ParameterGroups": [
            {"label": "Basics", "description": "The usual", "parameters": ["server_name", "flavor"]}
        ],
        "Environment": {"parameters": {}, "resource_registry": {"resources": {}}}
    }"#;

    /// api-ref `template-validate-response.json` (lowercase keys).
    const API_REF_VALIDATE: &str = r#"{
        "Description": "A template that provides a single server instance.",
        "Parameters": {
            "server-size": {
                "default": "1GB Standard Instance",
                "description": "Server size",
                "type": "String",
                "constraints": [
                    {
                        "allowed_values": [
                            "512MB Standard Instance",
                            "1GB Standard Instance",
                            "4GB Standard Instance",
                            "8GB Standard Instance"
                        ],
                        "description": "Must be a valid server size."
                    }
                ]
            },
            "key_name": {
                "description": "Keypair name for SSH access to the server",
                "required": true,
                "type": "String"
            },
            "server_name": {
                "default": "My server",
                "description": "My server",
                "type": "String"
            }
        },
        "ParameterGroups": [
            {
                "label": "Parameter groups",
                "description": "My parameter groups",
                "parameters": [
                    "param_name-1",
                    "param_name-2"
                ]
            }
        ],
        "Environment": {
            "event_sinks": [],
            "parameter_defaults": {},
            "parameters": {},
            "resource_registry": {
                "resources": {}
            }
        }
    }"#;

    #[test]
    fn validation_keeps_parameter_order() {
        let v: Validation = serde_json::from_str(VALIDATE).expect("decodes");
        let names: Vec<&str> = v.parameters.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["server_name", "flavor", "admin_pass", "count", "size"]
        );
        assert_eq!(v.description.as_deref(), Some("A web server."));
        let p = |name: &str| {
            &v.parameters
                .iter()
                .find(|(n, _)| n == name)
                .expect("parameter")
                .1
        };
        let server = p("server_name");
        assert_eq!(server.kind, "String");
        assert_eq!(server.label.as_deref(), Some("Server name"));
        assert_eq!(server.default, Some(json!("web-1")));
        assert_eq!((server.min_length, server.max_length), (Some(1), Some(64)));
        assert_eq!(
            server.constraint_description.as_deref(),
            Some("1 to 64 characters")
        );
        assert!(!server.no_echo);
        let flavor = p("flavor");
        assert_eq!(flavor.description, None);
        assert_eq!(flavor.custom_constraint.as_deref(), Some("nova.flavor"));
        assert_eq!(flavor.value, Some(json!("m1.small")));
        let pass = p("admin_pass");
        assert!(pass.no_echo);
        assert_eq!(pass.allowed_pattern.as_deref(), Some("[a-zA-Z0-9]+"));
        let count = p("count");
        assert_eq!((count.min_value, count.max_value), (Some(1.0), Some(10.5)));
        assert_eq!(count.default, Some(json!(2)));
        assert_eq!(
            p("size").allowed_values,
            Some(vec![json!("small"), json!("large")])
        );
        assert_eq!(v.parameter_groups[0].label.as_deref(), Some("Basics"));
        assert_eq!(v.parameter_groups[0].parameters, ["server_name", "flavor"]);
        assert!(v.environment.is_some());

        // Serializing gives Heat's shape back, order kept.
        let out = serde_json::to_string(&v).unwrap();
        let again: Validation = serde_json::from_str(&out).unwrap();
        assert_eq!(again, v);
        let value = serde_json::to_value(&v).unwrap();
        assert_eq!(value["Parameters"]["admin_pass"]["NoEcho"], "true");
        let keys: Vec<&String> = value["Parameters"].as_object().unwrap().keys().collect();
        assert_eq!(keys[0], "server_name");
    }

    #[test]
    fn decodes_the_api_ref_validation() {
        let v: Validation = serde_json::from_str(API_REF_VALIDATE).expect("decodes");
        let names: Vec<&str> = v.parameters.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["server-size", "key_name", "server_name"]);
        let (_, size) = &v.parameters[0];
        assert_eq!(size.kind, "String");
        assert_eq!(size.description.as_deref(), Some("Server size"));
        assert_eq!(size.default, Some(json!("1GB Standard Instance")));
        assert_eq!(v.parameter_groups[0].parameters.len(), 2);
        let empty: Validation = serde_json::from_str(r#"{"Description": "x"}"#).unwrap();
        assert!(empty.parameters.is_empty() && empty.parameter_groups.is_empty());
    }

    #[derive(Deserialize)]
    struct Types {
        #[serde(deserialize_with = "summaries")]
        resource_types: Vec<ResourceTypeSummary>,
    }

    #[test]
    fn decodes_resource_type_lists() {
        // api-ref `resource-types-list-advanced-response.json`, shortened.
        let t: Types = serde_json::from_str(
            r#"{"resource_types": [
                {"description": "No description given", "resource_type": "AWS::EC2::Instance"},
                {"description": "Represents a child stack to allow composition of templates.",
                 "resource_type": "AWS::CloudFormation::Stack"}
            ]}"#,
        )
        .expect("decodes");
        assert_eq!(
            t.resource_types[1].resource_type,
            "AWS::CloudFormation::Stack"
        );
        assert_eq!(
            t.resource_types[0].description.as_deref(),
            Some("No description given")
        );
        // api-ref `resource-types-list-response.json`: bare names.
        let t: Types = serde_json::from_str(
            r#"{"resource_types": ["AWS::EC2::Instance", "OS::Heat::ScalingPolicy"]}"#,
        )
        .expect("decodes");
        assert_eq!(
            t.resource_types,
            [
                ResourceTypeSummary {
                    resource_type: "AWS::EC2::Instance".into(),
                    description: None
                },
                ResourceTypeSummary {
                    resource_type: "OS::Heat::ScalingPolicy".into(),
                    description: None
                }
            ]
        );
    }

    #[test]
    fn decodes_a_resource_schema_in_order() {
        // api-ref `resource-schema-response.json` plus a second property,
        // a nested schema and a typed attribute.
        let s: ResourceTypeSchema = serde_json::from_str(
            r#"{
                "attributes": {
                    "an_attribute": {"description": "A runtime value of the resource."},
                    "show": {"description": "Detailed information.", "type": "map"}
                },
                "properties": {
                    "a_property": {
                        "constraints": [
                            {"description": "Must be between 1 and 255 characters",
                             "length": {"max": 255, "min": 1}}
                        ],
                        "description": "A resource description.",
                        "required": true,
                        "type": "string",
                        "update_allowed": false
                    },
                    "networks": {
                        "type": "list", "required": false, "update_allowed": true,
                        "immutable": false, "default": [],
                        "schema": {"*": {"type": "map", "schema": {}}}
                    }
                },
                "resource_type": "OS::Heat::AResourceName",
                "support_status": {"message": "A status message", "status": "SUPPORTED",
                                   "version": "2014.1"}
            }"#,
        )
        .expect("decodes");
        assert_eq!(s.resource_type, "OS::Heat::AResourceName");
        let names: Vec<&str> = s.properties.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a_property", "networks"]);
        let (_, a) = &s.properties[0];
        assert_eq!(a.kind, "string");
        assert!(a.required && !a.update_allowed && !a.immutable);
        assert_eq!(a.constraints[0]["length"]["max"], 255);
        assert_eq!(a.default, None);
        let (_, nets) = &s.properties[1];
        assert!(nets.update_allowed);
        assert_eq!(nets.default, Some(json!([])));
        assert!(nets.schema.is_some());
        assert_eq!(s.attributes[0].0, "an_attribute");
        assert_eq!(s.attributes[0].1.kind, None);
        assert_eq!(s.attributes[1].1.kind.as_deref(), Some("map"));
        assert_eq!(s.support_status.as_ref().unwrap()["status"], "SUPPORTED");
        let again: ResourceTypeSchema =
            serde_json::from_value(serde_json::to_value(&s).unwrap()).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn decodes_versions_and_functions() {
        #[derive(Deserialize)]
        struct Versions {
            template_versions: Vec<TemplateVersion>,
        }
        let v: Versions = serde_json::from_str(
            r#"{"template_versions": [
                {"version": "heat_template_version.2014-10-16", "type": "hot"},
                {"version": "AWSTemplateFormatVersion.2010-09-09", "type": "cfn"},
                {"version": "heat_template_version.2018-08-31", "type": "hot",
                 "aliases": ["heat_template_version.rocky"]}
            ]}"#,
        )
        .expect("decodes");
        assert_eq!(v.template_versions[1].kind, "cfn");
        assert!(v.template_versions[0].aliases.is_empty());
        assert_eq!(
            v.template_versions[2].aliases,
            ["heat_template_version.rocky"]
        );
        #[derive(Deserialize)]
        struct Functions {
            template_functions: Vec<TemplateFunction>,
        }
        let f: Functions = serde_json::from_str(
            r#"{"template_functions": [
                {"functions": "Fn::Select",
                 "description": "A function for selecting an item from a list or map."},
                {"functions": "str_replace",
                 "description": "A function for performing string substitutions."}
            ]}"#,
        )
        .expect("decodes");
        assert_eq!(f.template_functions[1].functions, "str_replace");
        assert_eq!(
            f.template_functions[0].description.as_deref(),
            Some("A function for selecting an item from a list or map.")
        );
    }

    #[test]
    fn validate_request_body() {
        let req = ValidateRequest {
            template: Some(json!({"heat_template_version": "2018-08-31"})),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&req).unwrap(),
            json!({"template": {"heat_template_version": "2018-08-31"}, "parameters": {}})
        );
    }
}
