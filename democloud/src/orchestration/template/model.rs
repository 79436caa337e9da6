//! The loaded template and its structural validation.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::functions::{call_of, invalid_condition, Checker};
use super::parameters::{parse_parameter, validate_schema};
use super::pyfmt::{py_repr_str, py_str, py_truthy, py_type_name};
use super::versions::{canonical_version, has_conditions, unknown_version_error, Mode};
use super::HeatError;

pub struct Template {
    /// Canonical date, e.g. "2018-08-31" (aliases like "rocky" resolved).
    pub version: String,
    pub description: Option<String>,
    pub parameter_groups: Vec<ParameterGroup>,
    /// Template order.
    pub parameters: Vec<Parameter>,
    /// Template order.
    pub resources: Vec<ResourceDef>,
    /// Template order.
    pub outputs: Vec<OutputDef>,
    /// Unevaluated.
    pub conditions: Map<String, Value>,
    /// The template as given.
    pub raw: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ParameterGroup {
    pub label: Option<String>,
    pub description: Option<String>,
    pub parameters: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub kind: ParamType,
    pub default: Option<Value>,
    pub hidden: bool,
    pub label: Option<String>,
    pub description: Option<String>,
    pub constraints: Vec<Constraint>,
    pub immutable: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Number,
    CommaDelimitedList,
    Json,
    Boolean,
}

impl ParamType {
    /// The name in HOT (`comma_delimited_list`).
    pub fn hot_name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Number => "number",
            ParamType::CommaDelimitedList => "comma_delimited_list",
            ParamType::Json => "json",
            ParamType::Boolean => "boolean",
        }
    }

    /// The name in the validate API (`CommaDelimitedList`).
    pub fn api_name(self) -> &'static str {
        match self {
            ParamType::String => "String",
            ParamType::Number => "Number",
            ParamType::CommaDelimitedList => "CommaDelimitedList",
            ParamType::Json => "Json",
            ParamType::Boolean => "Boolean",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub kind: ConstraintKind,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintKind {
    Length {
        min: Option<i64>,
        max: Option<i64>,
    },
    Range {
        min: Option<f64>,
        max: Option<f64>,
    },
    /// Heat 2017-02-24+.
    Modulo {
        step: i64,
        offset: i64,
    },
    AllowedValues(Vec<Value>),
    AllowedPattern(String),
    /// E.g. "nova.flavor".
    CustomConstraint(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDef {
    pub name: String,
    pub type_name: String,
    /// Unresolved. (A whole-properties function call such as
    /// `properties: {get_param: p}` is kept as that one-key map: resolve
    /// the map as a value.)
    pub properties: Map<String, Value>,
    pub depends_on: Vec<String>,
    /// A condition name or expression (or boolean).
    pub condition: Option<Value>,
    /// "Delete", "Retain" or "Snapshot" when given literally (lowercase
    /// aliases normalised); a function-valued policy is left in `raw`.
    pub deletion_policy: Option<String>,
    pub metadata: Option<Value>,
    pub update_policy: Option<Value>,
    pub external_id: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutputDef {
    pub name: String,
    pub description: Option<String>,
    pub value: Value,
    pub condition: Option<Value>,
}

fn invalid(msg: impl Into<String>) -> HeatError {
    HeatError::invalid(msg)
}

/// Python's `repr(type(x))`.
fn py_class(v: &Value) -> String {
    format!("<class '{}'>", py_type_name(v))
}

/// A text field that should be a string; anything else is shown as Python
/// would print it.
fn text(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(py_str(other)),
    }
}

/// A section that may be absent or empty (`resources:` with nothing).
fn section<'a>(top: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    top.get(key).filter(|v| py_truthy(v))
}

const RESOURCE_KEYS: &[&str] = &[
    "type",
    "properties",
    "metadata",
    "depends_on",
    "deletion_policy",
    "update_policy",
    "description",
];

impl Template {
    /// Checks the version and the sections: unknown top-level section,
    /// unknown resource key, resource without `type`, malformed parameter
    /// definitions, parameter groups naming an undefined parameter or a
    /// parameter twice, condition definitions, and the shape of every
    /// intrinsic function in resources and outputs (Heat's parse step).
    pub fn load(raw: Value) -> Result<Template, HeatError> {
        let Value::Object(top) = &raw else {
            return Err(HeatError::new(
                "HTTPBadRequest",
                "The template is not a JSON object or YAML mapping.",
            ));
        };
        let version = template_version(top)?;
        let conds_ok = has_conditions(version);

        // Top-level sections.
        let mut allowed = vec![
            "heat_template_version",
            "description",
            "parameter_groups",
            "parameters",
            "resources",
            "outputs",
        ];
        if conds_ok {
            allowed.push("conditions");
        }
        if let Some(bad) = top.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(HeatError::new(
                "InvalidTemplateSection",
                format!("The template section is invalid: {bad}"),
            ));
        }

        let resources_raw = resources_section(top, conds_ok)?;

        // Parameters: build the schemas, then validate them.
        let mut parameters = Vec::new();
        if let Some(section) = section(top, "parameters") {
            let Value::Object(defs) = section else {
                return Err(invalid(format!(
                    "\"parameters\" must contain a map of parameter maps. Found a [{}] instead",
                    py_class(section)
                )));
            };
            for (name, def) in defs {
                parameters.push(parse_parameter(name, def, version)?);
            }
        }
        for p in &parameters {
            validate_schema(p)?;
        }

        let parameter_groups = parameter_groups(top.get("parameter_groups"), &parameters)?;

        let dup: BTreeSet<&str> = parameters
            .iter()
            .map(|p| p.name.as_str())
            .filter(|n| resources_raw.contains_key(*n))
            .collect();
        if !dup.is_empty() {
            let names: Vec<String> = dup.iter().map(|n| py_repr_str(n)).collect();
            return Err(invalid(format!("Duplicate names {{{}}}", names.join(", "))));
        }

        let conditions = conditions_section(top, version)?;
        let cond_names: BTreeSet<String> = conditions.keys().cloned().collect();
        let checker = Checker {
            version,
            cond_names: Some(&cond_names),
        };

        let mut resources = Vec::new();
        for (name, data) in &resources_raw {
            resources.push(resource_def(name, data, version, &checker, &cond_names)?);
        }

        let outputs = outputs_section(top, version, &checker, &cond_names)?;

        Ok(Template {
            version: version.to_string(),
            description: text(section(top, "description")),
            parameter_groups,
            parameters,
            resources,
            outputs,
            conditions,
            raw: raw.clone(),
        })
    }

    /// The resource definition called `name`.
    pub fn resource(&self, name: &str) -> Option<&ResourceDef> {
        self.resources.iter().find(|r| r.name == name)
    }

    /// The parameter called `name`.
    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

fn template_version(top: &Map<String, Value>) -> Result<&'static str, HeatError> {
    match top.get("heat_template_version") {
        Some(Value::String(v)) => canonical_version(v).ok_or_else(|| unknown_version_error(v)),
        _ => {
            // A CFN template: this cloud only speaks HOT.
            for key in ["AWSTemplateFormatVersion", "HeatTemplateFormatVersion"] {
                if let Some(Value::String(v)) = top.get(key) {
                    let mut e = unknown_version_error(v);
                    e.message = e.message.replacen("heat_template_version", key, 1);
                    return Err(e);
                }
            }
            Err(HeatError::new(
                "InvalidTemplateVersion",
                "The template version is invalid: Template version was not provided",
            ))
        }
    }
}

/// Heat's `validate_section` for resources (names sorted) and the
/// `Type` check of `Template.validate`.
fn resources_section(
    top: &Map<String, Value>,
    conds_ok: bool,
) -> Result<Map<String, Value>, HeatError> {
    let Some(section) = section(top, "resources") else {
        return Ok(Map::new());
    };
    let Value::Object(resources) = section else {
        return Err(invalid(format!(
            "\"resources\" must contain a map of resource maps. Found a [{}] instead",
            py_class(section)
        )));
    };
    let mut allowed = RESOURCE_KEYS.to_vec();
    if conds_ok {
        allowed.extend(["external_id", "condition"]);
    }
    let mut names: Vec<&String> = resources.keys().collect();
    names.sort();
    let must_have_type = || invalid("Each resource must contain a type key.");
    for name in names {
        let attrs = &resources[name.as_str()];
        if !py_truthy(attrs) {
            return Err(must_have_type());
        }
        let Value::Object(attrs) = attrs else {
            return Err(invalid(format!(
                "\"resources\" must contain a map of resource maps. Found a [{}] instead",
                py_class(attrs)
            )));
        };
        if let Some(bad) = attrs.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(invalid(format!(
                "\"{bad}\" is not a valid keyword inside a resource definition"
            )));
        }
        if !attrs.contains_key("type") {
            return Err(must_have_type());
        }
    }
    for attrs in resources.values() {
        if !attrs.get("type").is_some_and(py_truthy) {
            return Err(invalid("Each Resource must contain a Type key."));
        }
    }
    Ok(resources.clone())
}

fn parameter_groups(
    raw: Option<&Value>,
    parameters: &[Parameter],
) -> Result<Vec<ParameterGroup>, HeatError> {
    let Some(raw) = raw.filter(|v| py_truthy(v)) else {
        return Ok(Vec::new());
    };
    let err = |path: String, msg: String| invalid(format!("Parameter Groups error: {path}: {msg}"));
    let Value::Array(groups) = raw else {
        return Err(err(
            "parameter_groups".into(),
            "The parameter_groups should be a list.".into(),
        ));
    };
    let known = |p: &str| {
        parameters.iter().any(|q| q.name == p) || p == "OS::stack_id" || p == "OS::project_id"
    };
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for group in groups {
        let label = group.get("label").map(py_str).unwrap_or_default();
        // Heat's HeatExceptionWithPath: digits are shown as an index.
        let path = if !label.is_empty() && label.chars().all(|c| c.is_ascii_digit()) {
            format!("parameter_groups[{label}]")
        } else {
            format!("parameter_groups.{label}")
        };
        let params = match group.get("parameters") {
            None | Some(Value::Null) => {
                return Err(err(
                    path,
                    "The parameters must be provided for each parameter group.".into(),
                ))
            }
            Some(Value::Array(p)) => p,
            Some(_) => {
                return Err(err(
                    path,
                    "The parameters of parameter group should be a list.".into(),
                ))
            }
        };
        let mut names = Vec::new();
        for p in params {
            let p = py_str(p);
            if seen.contains(&p) {
                return Err(err(
                    path,
                    format!("The {p} parameter must be assigned to one parameter group only."),
                ));
            }
            seen.push(p.clone());
            if !known(&p) {
                return Err(err(
                    path,
                    format!("The grouped parameter {p} does not reference a valid parameter."),
                ));
            }
            names.push(p);
        }
        out.push(ParameterGroup {
            label: text(group.get("label")),
            description: text(group.get("description")),
            parameters: names,
        });
    }
    Ok(out)
}

/// A condition definition is a boolean or a condition function call.
fn is_condition_shape(version: &str, v: &Value) -> bool {
    matches!(v, Value::Bool(_)) || call_of(version, v, Mode::Cond).is_some()
}

fn conditions_section(
    top: &Map<String, Value>,
    version: &'static str,
) -> Result<Map<String, Value>, HeatError> {
    let Some(raw) = top.get("conditions") else {
        return Ok(Map::new());
    };
    let Value::Object(defs) = raw else {
        return Err(invalid(format!(
            "Conditions validation error: Condition definitions must be a map. Found a {} \
             instead",
            py_type_name(raw)
        )));
    };
    let names: BTreeSet<String> = defs.keys().cloned().collect();
    let checker = Checker {
        version,
        cond_names: Some(&names),
    };
    for (name, def) in defs {
        checker.check(def, Some(&format!("conditions.{name}")), Mode::Cond)?;
    }
    for (name, def) in defs {
        if !is_condition_shape(version, def) {
            return Err(invalid(format!(
                "Condition validation error: The definition of condition \"{name}\" is \
                 invalid: {}",
                py_str(def)
            )));
        }
    }
    Ok(defs.clone())
}

fn type_error(name: &str, key: &str, typename: &str) -> HeatError {
    invalid(format!("Resource {name} {key} type must be {typename}"))
}

/// Heat's `_rsrc_defn_args`, field by field in its order.
fn resource_def(
    name: &str,
    data: &Value,
    version: &'static str,
    checker: &Checker,
    cond_names: &BTreeSet<String>,
) -> Result<ResourceDef, HeatError> {
    let empty = Map::new();
    let data = data.as_object().unwrap_or(&empty);
    let path = |key: &str| format!("resources.{name}.{key}");
    let is_call = |v: &Value| call_of(version, v, Mode::Props).is_some();

    let type_name = match data.get("type") {
        Some(Value::String(t)) => t.clone(),
        _ => return Err(type_error(name, "type", "string")),
    };

    let object_field = |key: &str| -> Result<Option<Value>, HeatError> {
        let Some(v) = data.get(key) else {
            return Ok(None);
        };
        checker.check(v, Some(&path(key)), Mode::Props)?;
        match v {
            Value::Object(_) => Ok(Some(v.clone())),
            _ => Err(type_error(name, key, "object")),
        }
    };
    let properties = match object_field("properties")? {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    let metadata = object_field("metadata")?;

    let depends_on = match data.get("depends_on") {
        None => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for i in items {
                match i {
                    Value::String(s) => out.push(s.clone()),
                    _ => {
                        return Err(invalid(format!(
                            "Resource {name} depends_on must be a list of strings"
                        )))
                    }
                }
            }
            out
        }
        Some(_) => return Err(type_error(name, "depends_on", "list or string")),
    };

    let deletion_policy = match data.get("deletion_policy") {
        None => None,
        Some(v) => {
            checker.check(v, Some(&path("deletion_policy")), Mode::Props)?;
            match v {
                Value::String(p) => Some(deletion_policy(p, version)?),
                v if is_call(v) => None,
                _ => return Err(type_error(name, "deletion_policy", "string")),
            }
        }
    };

    let update_policy = object_field("update_policy")?;

    if let Some(d) = data.get("description") {
        if !matches!(d, Value::String(_)) {
            return Err(type_error(name, "description", "string"));
        }
    }

    let external_id = match data.get("external_id") {
        None => None,
        Some(v) => {
            checker.check(v, Some(&path("external_id")), Mode::Props)?;
            if !(matches!(v, Value::String(_)) || is_call(v)) {
                return Err(type_error(name, "external_id", "string"));
            }
            Some(v.clone())
        }
    };

    let condition = match data.get("condition") {
        None => None,
        Some(v) => {
            checker.check(v, Some(&path("condition")), Mode::Cond)?;
            match v {
                Value::String(s) if !cond_names.contains(s) => {
                    return Err(invalid(format!(
                        "{}: {}",
                        path("condition"),
                        invalid_condition(v).message
                    )))
                }
                Value::String(_) | Value::Bool(_) => {}
                v if call_of(version, v, Mode::Cond).is_some() => {}
                _ => return Err(type_error(name, "condition", "string_or_boolean")),
            }
            Some(v.clone())
        }
    };

    Ok(ResourceDef {
        name: name.to_string(),
        type_name,
        properties,
        depends_on,
        condition,
        deletion_policy,
        metadata,
        update_policy,
        external_id,
    })
}

fn deletion_policy(p: &str, version: &str) -> Result<String, HeatError> {
    let canonical = match p {
        "Delete" | "Retain" | "Snapshot" => p.to_string(),
        // Lowercase aliases came with 2016-10-14.
        "delete" | "retain" | "snapshot" if has_conditions(version) => {
            let mut c = p.to_string();
            c[..1].make_ascii_uppercase();
            c
        }
        _ => return Err(invalid(format!("Invalid deletion policy \"{p}\""))),
    };
    Ok(canonical)
}

fn outputs_section(
    top: &Map<String, Value>,
    version: &'static str,
    checker: &Checker,
    cond_names: &BTreeSet<String>,
) -> Result<Vec<OutputDef>, HeatError> {
    let Some(section) = section(top, "outputs") else {
        return Ok(Vec::new());
    };
    let Value::Object(outputs) = section else {
        return Err(invalid(format!(
            "\"outputs\" must contain a map of output maps. Found a [{}] instead",
            py_class(section)
        )));
    };
    let mut allowed = vec!["description", "value"];
    if has_conditions(version) {
        allowed.push("condition");
    }
    let mut out = Vec::new();
    for (name, def) in outputs {
        let err = |msg: String| invalid(format!("Output validation error: outputs.{name}: {msg}"));
        let Value::Object(def) = def else {
            return Err(err(format!(
                "Output definitions must be a map. Found a {} instead",
                py_type_name(def)
            )));
        };
        if let Some(bad) = def.keys().find(|k| !allowed.contains(&k.as_str())) {
            return Err(invalid(format!(
                "\"{bad}\" is not a valid keyword inside a output definition"
            )));
        }
        let Some(value) = def.get("value") else {
            return Err(err(
                "Each output definition must contain a value key.".into()
            ));
        };
        let condition = def.get("condition").cloned();
        if let Some(c) = &condition {
            let cpath = format!("outputs.{name}.condition");
            checker.check(c, Some(&cpath), Mode::Cond)?;
            let bad = match c {
                Value::String(s) => !cond_names.contains(s),
                Value::Null | Value::Bool(_) => false,
                other => call_of(version, other, Mode::Cond).is_none(),
            };
            if bad {
                return Err(invalid(format!(
                    "{cpath}: {}",
                    invalid_condition(c).message
                )));
            }
        }
        checker.check(value, Some(&format!("outputs.{name}.value")), Mode::Props)?;
        out.push(OutputDef {
            name: name.clone(),
            description: text(def.get("description")),
            value: value.clone(),
            condition,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn load(v: Value) -> Result<Template, HeatError> {
        Template::load(v)
    }

    fn load_err(v: Value) -> HeatError {
        match load(v) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e,
        }
    }

    #[test]
    fn loads_a_full_template() {
        let t = load(json!({
            "heat_template_version": "rocky",
            "description": "demo",
            "parameter_groups": [{"label": "Net", "parameters": ["net"]}],
            "parameters": {
                "net": {"type": "string", "default": "private", "label": "Network"},
                "count": {"type": "number", "default": 2, "constraints": [{"range": {"min": 1, "max": 5}}]}
            },
            "conditions": {"many": {"equals": [{"get_param": "count"}, 5]}},
            "resources": {
                "server": {
                    "type": "OS::Nova::Server",
                    "properties": {"networks": [{"network": {"get_param": "net"}}]},
                    "depends_on": "port",
                    "deletion_policy": "retain",
                    "condition": "many"
                },
                "port": {"type": "OS::Neutron::Port"}
            },
            "outputs": {"ip": {"description": "addr", "value": {"get_attr": ["server", "first_address"]}}}
        }))
        .unwrap();
        assert_eq!(t.version, "2018-08-31");
        assert_eq!(t.description.as_deref(), Some("demo"));
        assert_eq!(t.parameters.len(), 2);
        assert_eq!(t.parameters[1].kind, ParamType::Number);
        assert_eq!(t.parameter_groups[0].parameters, vec!["net".to_string()]);
        assert_eq!(t.resources[0].name, "server");
        assert_eq!(t.resources[0].depends_on, vec!["port".to_string()]);
        assert_eq!(t.resources[0].deletion_policy.as_deref(), Some("Retain"));
        assert_eq!(t.resources[0].condition, Some(json!("many")));
        assert_eq!(t.outputs[0].name, "ip");
        assert!(t.conditions.contains_key("many"));
    }

    #[test]
    fn version_errors() {
        let e = load_err(json!({"heat_template_version": "2099-01-01"}));
        assert_eq!(e.kind, "InvalidTemplateVersion");
        assert!(e.message.starts_with("The template version is invalid: \"heat_template_version: 2099-01-01\". \"heat_template_version\" should be one of: 2013-05-23, "));
        let e = load_err(json!({"resources": {}}));
        assert_eq!(
            e.message,
            "The template version is invalid: Template version was not provided"
        );
    }

    #[test]
    fn section_and_resource_errors() {
        let e = load_err(json!({"heat_template_version": "2016-10-14", "foo": {}}));
        assert_eq!(e.kind, "InvalidTemplateSection");
        assert_eq!(e.message, "The template section is invalid: foo");
        // conditions only from 2016-10-14
        let e = load_err(json!({"heat_template_version": "2016-04-08", "conditions": {}}));
        assert_eq!(e.message, "The template section is invalid: conditions");
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": "X", "propertys": {}}}}),
        );
        assert_eq!(
            e.message,
            "\"propertys\" is not a valid keyword inside a resource definition"
        );
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"properties": {}}}}),
        );
        assert_eq!(e.message, "Each resource must contain a type key.");
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": ""}}}),
        );
        assert_eq!(e.message, "Each Resource must contain a Type key.");
        let e = load_err(json!({"heat_template_version": "2016-10-14", "resources": {"a": "X"}}));
        assert_eq!(
            e.message,
            "\"resources\" must contain a map of resource maps. Found a [<class 'str'>] instead"
        );
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": "X", "properties": [1]}}}),
        );
        assert_eq!(e.message, "Resource a properties type must be object");
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": "X", "depends_on": [1]}}}),
        );
        assert_eq!(e.message, "Resource a depends_on must be a list of strings");
        let e = load_err(
            json!({"heat_template_version": "2015-10-15", "resources": {"a": {"type": "X", "deletion_policy": "retain"}}}),
        );
        assert_eq!(e.message, "Invalid deletion policy \"retain\"");
        let e = load_err(
            json!({"heat_template_version": "2015-10-15", "resources": {"a": {"type": "X", "condition": "c"}}}),
        );
        assert_eq!(
            e.message,
            "\"condition\" is not a valid keyword inside a resource definition"
        );
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": "X", "condition": "c"}}}),
        );
        assert_eq!(e.message, "resources.a.condition: Invalid condition \"c\"");
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "parameters": {"a": {"type": "string"}}, "resources": {"a": {"type": "X"}}}),
        );
        assert_eq!(e.message, "Duplicate names {'a'}");
    }

    #[test]
    fn function_shapes_are_checked_with_paths() {
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": "X", "properties": {"n": {"list_join": ","}}}}}),
        );
        assert_eq!(
            e.message,
            "resources.a.properties.n.list_join: Incorrect arguments to \"list_join\" should be: \"list_join\" : [ \" \", [ \"str1\", \"str2\"] ...]"
        );
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "resources": {"a": {"type": "X", "properties": {"n": {"if": ["nope", 1, 2]}}}}}),
        );
        assert_eq!(
            e.message,
            "resources.a.properties.n.if: Invalid condition \"nope\""
        );
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "outputs": {"o": {"value": {"Fn::Base64": "x"}}}}),
        );
        assert_eq!(
            e.message,
            "outputs.o.value.Fn::Base64: The template version is invalid: The function Fn::Base64 is not supported in this version of HOT."
        );
        // `if` in a 2015-10-15 template is data, so the template loads.
        assert!(load(json!({"heat_template_version": "2015-10-15", "resources": {"a": {"type": "X", "properties": {"n": {"if": ["c", 1, 2]}}}}})).is_ok());
    }

    #[test]
    fn condition_section_errors() {
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "conditions": {"c": {"get_resource": "x"}}}),
        );
        assert_eq!(
            e.message,
            "conditions.c.get_resource: The function \"get_resource\" is invalid in this context"
        );
        let e =
            load_err(json!({"heat_template_version": "2016-10-14", "conditions": {"c": "other"}}));
        assert_eq!(
            e.message,
            "Condition validation error: The definition of condition \"c\" is invalid: other"
        );
        let e = load_err(json!({"heat_template_version": "2016-10-14", "conditions": [1]}));
        assert_eq!(e.message, "Conditions validation error: Condition definitions must be a map. Found a list instead");
    }

    #[test]
    fn parameter_group_errors() {
        let base = |groups: Value| {
            json!({
                "heat_template_version": "2016-10-14",
                "parameters": {"a": {"type": "string"}, "b": {"type": "string"}},
                "parameter_groups": groups
            })
        };
        let e = load_err(base(json!([{"label": "G", "parameters": ["a", "zz"]}])));
        assert_eq!(e.message, "Parameter Groups error: parameter_groups.G: The grouped parameter zz does not reference a valid parameter.");
        let e = load_err(base(
            json!([{"label": "G", "parameters": ["a"]}, {"label": "H", "parameters": ["b", "a"]}]),
        ));
        assert_eq!(e.message, "Parameter Groups error: parameter_groups.H: The a parameter must be assigned to one parameter group only.");
        let e = load_err(base(json!([{"label": "G"}])));
        assert_eq!(e.message, "Parameter Groups error: parameter_groups.G: The parameters must be provided for each parameter group.");
        let e = load_err(base(json!({"label": "G"})));
        assert_eq!(
            e.message,
            "Parameter Groups error: parameter_groups: The parameter_groups should be a list."
        );
    }

    #[test]
    fn output_errors() {
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "outputs": {"o": {"description": "x"}}}),
        );
        assert_eq!(
            e.message,
            "Output validation error: outputs.o: Each output definition must contain a value key."
        );
        let e = load_err(json!({"heat_template_version": "2016-10-14", "outputs": {"o": "x"}}));
        assert_eq!(e.message, "Output validation error: outputs.o: Output definitions must be a map. Found a str instead");
        let e = load_err(
            json!({"heat_template_version": "2016-10-14", "outputs": {"o": {"value": 1, "condition": "nope"}}}),
        );
        assert_eq!(e.message, "outputs.o.condition: Invalid condition \"nope\"");
    }
}
