//! Parameter schemas, constraints, user values and the validate API body,
//! after Heat's `engine/parameters.py`, `engine/hot/parameters.py` and
//! `engine/constraints.py`.

use serde_json::{Map, Value};

use super::model::{Constraint, ConstraintKind, ParamType, Parameter, Template};
use super::pyfmt::{
    bool_from_string, object, py_in, py_len, py_str, py_truthy, py_type_name, str_to_num, Num,
};
use super::HeatError;

fn schema_error(msg: impl Into<String>) -> HeatError {
    HeatError::new("InvalidSchemaError", msg)
}

/// `Parameter 'x' is invalid: ...`
fn param_invalid(kind: &'static str, name: &str, msg: &str) -> HeatError {
    HeatError::new(kind, format!("Parameter '{name}' is invalid: {msg}"))
}

/// Heat's `_check_dict`.
fn check_dict<'a>(
    v: &'a Value,
    allowed: &[&str],
    entity: &str,
) -> Result<&'a Map<String, Value>, HeatError> {
    let Value::Object(m) = v else {
        return Err(schema_error(format!(
            "Invalid {entity}, expected a mapping"
        )));
    };
    if let Some(bad) = m.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(schema_error(format!("Invalid key '{bad}' for {entity}")));
    }
    Ok(m)
}

/// Heat's `Schema.get_num`.
fn get_num(m: &Map<String, Value>, key: &str) -> Result<Option<Num>, HeatError> {
    match m.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => str_to_num(v).map(Some).map_err(schema_error),
    }
}

fn integral(n: Option<Num>) -> Option<Option<i64>> {
    match n {
        None => Some(None),
        Some(Num::Int(i)) => Some(Some(i)),
        Some(Num::Float(_)) => None,
    }
}

const CONSTRAINT_KEYS: &[&str] = &[
    "description",
    "length",
    "range",
    "modulo",
    "allowed_values",
    "allowed_pattern",
    "custom_constraint",
];

fn parse_constraint(c: &Value, version: &str) -> Result<Constraint, HeatError> {
    let c = check_dict(c, CONSTRAINT_KEYS, "parameter constraints")?;
    let description = match c.get("description") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(py_str(other)),
    };
    let kind = if version >= "2017-02-24" && c.contains_key("modulo") {
        let m = check_dict(&c["modulo"], &["step", "offset"], "modulo constraint")?;
        let (step, offset) = (get_num(m, "step")?, get_num(m, "offset")?);
        let (Some(step), Some(offset)) = (step, offset) else {
            return Err(schema_error(
                "A modulo constraint must have a step value and an offset value specified.",
            ));
        };
        let whole = |n: Num| match n {
            Num::Int(i) => Some(i),
            Num::Float(f) if f.fract() == 0.0 => Some(f as i64),
            Num::Float(_) => None,
        };
        let (Some(step), Some(offset)) = (whole(step), whole(offset)) else {
            return Err(schema_error("step/offset must be integer"));
        };
        if step == 0 {
            return Err(schema_error("step cannot be 0."));
        }
        if offset.abs() >= step.abs() {
            return Err(schema_error(
                "offset must be smaller (by absolute value) than step.",
            ));
        }
        if step.signum() * offset.signum() < 0 {
            return Err(schema_error(
                "step and offset must be both positive or both negative.",
            ));
        }
        ConstraintKind::Modulo { step, offset }
    } else if let Some(r) = c.get("range") {
        let m = check_dict(r, &["min", "max"], "range constraint")?;
        let (min, max) = (get_num(m, "min")?, get_num(m, "max")?);
        if min.is_none() && max.is_none() {
            return Err(schema_error(
                "A range constraint must have a min value and/or a max value specified.",
            ));
        }
        ConstraintKind::Range {
            min: min.map(Num::as_f64),
            max: max.map(Num::as_f64),
        }
    } else if let Some(l) = c.get("length") {
        let m = check_dict(l, &["min", "max"], "length constraint")?;
        let (min, max) = (get_num(m, "min")?, get_num(m, "max")?);
        if min.is_none() && max.is_none() {
            return Err(schema_error(
                "A length constraint must have a min value and/or a max value specified.",
            ));
        }
        let (Some(min), Some(max)) = (integral(min), integral(max)) else {
            return Err(schema_error("min/max length must be integral"));
        };
        ConstraintKind::Length { min, max }
    } else if let Some(a) = c.get("allowed_values") {
        let Value::Array(values) = a else {
            return Err(schema_error("AllowedValues must be a list"));
        };
        ConstraintKind::AllowedValues(values.clone())
    } else if let Some(p) = c.get("allowed_pattern") {
        let Value::String(p) = p else {
            return Err(schema_error("AllowedPattern must be a string"));
        };
        pattern_regex(p).map_err(|e| schema_error(format!("Invalid pattern \"{p}\": {e}")))?;
        ConstraintKind::AllowedPattern(p.clone())
    } else if let Some(name) = c.get("custom_constraint") {
        ConstraintKind::CustomConstraint(match name {
            Value::String(s) => s.clone(),
            other => py_str(other),
        })
    } else {
        return Err(schema_error("No constraint expressed"));
    };
    Ok(Constraint { kind, description })
}

/// Python's `re.match(pattern, value)` anchored at the start; we also need
/// the match to run to the end, which the caller checks.
fn pattern_regex(p: &str) -> Result<regex::Regex, regex::Error> {
    // Python's `\Z` is Rust's `\z`.
    regex::Regex::new(&format!("^(?:{})", p.replace("\\Z", "\\z")))
}

/// Heat's `HOTParamSchema.from_dict`.
pub(crate) fn parse_parameter(
    name: &str,
    def: &Value,
    version: &str,
) -> Result<Parameter, HeatError> {
    let mut keys = vec![
        "type",
        "description",
        "default",
        "schema",
        "constraints",
        "hidden",
        "label",
        "immutable",
    ];
    if version >= "2018-03-02" {
        keys.push("tags");
    }
    let d = check_dict(def, &keys, &format!("parameter ({name})"))?;
    if !d.contains_key("type") {
        return Err(schema_error(format!(
            "Missing parameter type for parameter: {name}"
        )));
    }
    if version >= "2018-03-02" && d.get("tags").is_some_and(|t| !t.is_array()) {
        return Err(schema_error(format!(
            "Tags property should be a list for parameter: {name}"
        )));
    }
    let constraints = match d.get("constraints") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|c| parse_constraint(c, version))
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(schema_error(format!(
                "Invalid parameter constraints for parameter {name}, expected a list"
            )))
        }
    };
    let kind = match &d["type"] {
        Value::String(t) => match t.as_str() {
            "string" => ParamType::String,
            "number" => ParamType::Number,
            "comma_delimited_list" => ParamType::CommaDelimitedList,
            "json" => ParamType::Json,
            "boolean" => ParamType::Boolean,
            _ => return Err(schema_error(format!("Invalid type ({t})"))),
        },
        other => return Err(schema_error(format!("Invalid type ({})", py_str(other)))),
    };
    let text = |k: &str| match d.get(k) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(py_str(other)),
    };
    Ok(Parameter {
        name: name.to_string(),
        kind,
        default: d.get("default").filter(|v| !v.is_null()).cloned(),
        // Heat keeps the raw value and tests its truthiness.
        hidden: d.get("hidden").is_some_and(py_truthy),
        label: text("label"),
        description: text("description"),
        constraints,
        immutable: d.get("immutable").is_some_and(py_truthy),
    })
}

fn constraint_class(kind: &ConstraintKind) -> &'static str {
    match kind {
        ConstraintKind::Length { .. } => "Length",
        ConstraintKind::Range { .. } => "Range",
        ConstraintKind::Modulo { .. } => "Modulo",
        ConstraintKind::AllowedValues(_) => "AllowedValues",
        ConstraintKind::AllowedPattern(_) => "AllowedPattern",
        ConstraintKind::CustomConstraint(_) => "CustomConstraint",
    }
}

fn constraint_applies(kind: &ConstraintKind, t: ParamType) -> bool {
    use ParamType as P;
    match kind {
        ConstraintKind::Range { .. } | ConstraintKind::Modulo { .. } => t == P::Number,
        ConstraintKind::Length { .. } => {
            matches!(t, P::String | P::CommaDelimitedList | P::Json)
        }
        ConstraintKind::AllowedValues(_) | ConstraintKind::CustomConstraint(_) => {
            matches!(
                t,
                P::String | P::Number | P::Boolean | P::CommaDelimitedList
            )
        }
        ConstraintKind::AllowedPattern(_) => t == P::String,
    }
}

/// The parse Heat does when it builds a JSON / comma_delimited_list
/// parameter (a raw ValueError, not wrapped in "Parameter ... is invalid").
fn parse_structured(kind: ParamType, v: &Value) -> Result<Value, HeatError> {
    let value_error = |m: String| HeatError::new("ValueError", m);
    match kind {
        ParamType::CommaDelimitedList => match v {
            Value::Array(items) => Ok(Value::Array(
                items.iter().map(|x| Value::String(py_str(x))).collect(),
            )),
            Value::String(s) if s.is_empty() => Ok(Value::Array(Vec::new())),
            Value::String(s) => Ok(Value::Array(
                s.split(',')
                    .map(|x| Value::String(x.trim().to_string()))
                    .collect(),
            )),
            other => Err(value_error(format!(
                "Value must be a comma-delimited list string: '{}' object has no attribute \
                 'split'",
                py_type_name(other)
            ))),
        },
        ParamType::Json => match v {
            Value::String(s) if s.is_empty() => Ok(v.clone()),
            Value::String(s) => serde_json::from_str::<Value>(s).map_err(|e| {
                value_error(format!(
                    "Value must be valid JSON: {}",
                    python_json_error(s, &e)
                ))
            }),
            other => Ok(other.clone()),
        },
        _ => Ok(v.clone()),
    }
}

/// serde_json's error in the words of Python's `json` module.
fn python_json_error(text: &str, e: &serde_json::Error) -> String {
    let (line, column) = (e.line(), e.column());
    let pos: usize = text
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        + column.saturating_sub(1);
    let msg = e.to_string();
    let what = if msg.starts_with("trailing characters") {
        "Extra data"
    } else if msg.starts_with("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if msg.starts_with("expected `,` or `}`") || msg.starts_with("expected `,` or `]`") {
        "Expecting ',' delimiter"
    } else if msg.starts_with("expected `:`") {
        "Expecting ':' delimiter"
    } else {
        "Expecting value"
    };
    format!("{what}: line {line} column {column} (char {pos})")
}

/// Heat's `Schema.to_schema_type` for allowed-values comparisons.
fn to_schema_type(kind: ParamType, v: &Value) -> Result<Value, String> {
    let invalid = || {
        format!(
            "Value \"{}\" is invalid for data type \"{}\".",
            py_str(v),
            kind.hot_name()
        )
    };
    match kind {
        ParamType::String => Ok(Value::String(py_str(v))),
        ParamType::Number => str_to_num(v).map(Num::to_value).map_err(|_| invalid()),
        ParamType::Boolean => bool_from_string(&Value::String(py_str(v)))
            .map(Value::Bool)
            .map_err(|_| invalid()),
        _ => Ok(v.clone()),
    }
}

fn bound(n: Option<f64>) -> String {
    match n {
        None => "None".into(),
        Some(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{}", f as i64),
        Some(f) => super::pyfmt::py_float(f),
    }
}

/// Python's `%` on numbers (the result takes the divisor's sign).
fn py_mod(value: Num, step: i64) -> f64 {
    match value {
        Num::Int(i) => {
            let mut r = i % step;
            if r != 0 && (r < 0) != (step < 0) {
                r += step;
            }
            r as f64
        }
        Num::Float(f) => {
            let s = step as f64;
            f - s * (f / s).floor()
        }
    }
}

type Custom<'a> = Option<&'a dyn Fn(&str, &Value) -> Result<(), String>>;

/// Heat's `Schema.validate_constraints`: the first failing constraint's
/// description, or its own message.
fn check_constraints(
    kind: ParamType,
    constraints: &[Constraint],
    value: &Value,
    custom: Custom,
) -> Result<(), String> {
    for c in constraints {
        let valid: Result<bool, String> = match &c.kind {
            ConstraintKind::Range { min, max } => str_to_num(value).map(|n| {
                let n = n.as_f64();
                min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)
            }),
            ConstraintKind::Length { min, max } => py_len(value).map(|l| {
                let l = l as i64;
                min.is_none_or(|m| l >= m) && max.is_none_or(|m| l <= m)
            }),
            ConstraintKind::Modulo { step, offset } => {
                str_to_num(value).map(|n| py_mod(n, *step) == *offset as f64)
            }
            ConstraintKind::AllowedValues(allowed) => match value {
                Value::Array(items) => Ok(items.iter().all(|i| py_in(i, allowed))),
                _ => (|| {
                    let v = to_schema_type(kind, value)?;
                    let allowed: Vec<Value> = allowed
                        .iter()
                        .map(|a| to_schema_type(kind, a))
                        .collect::<Result<_, _>>()?;
                    Ok(py_in(&v, &allowed))
                })(),
            },
            ConstraintKind::AllowedPattern(p) => {
                let text = py_str(value);
                Ok(pattern_regex(p)
                    .ok()
                    .and_then(|re| re.find(&text))
                    .is_some_and(|m| m.end() == text.len()))
            }
            ConstraintKind::CustomConstraint(name) => {
                let Some(custom) = custom else { continue };
                // Lists are checked item by item.
                let items = match value {
                    Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
                match items.iter().try_for_each(|i| custom(name, i)) {
                    Ok(()) => Ok(true),
                    Err(inner) => return Err(c.description.clone().unwrap_or(inner)),
                }
            }
        };
        match valid {
            Ok(true) => {}
            Ok(false) => {
                return Err(c
                    .description
                    .clone()
                    .unwrap_or_else(|| violation(&c.kind, value)))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A constraint's own message (`_err_msg`).
fn violation(kind: &ConstraintKind, value: &Value) -> String {
    match kind {
        ConstraintKind::Range { min, max } => format!(
            "{} is out of range (min: {}, max: {})",
            py_str(value),
            bound(*min),
            bound(*max)
        ),
        ConstraintKind::Length { min, max } => format!(
            "length ({}) is out of range (min: {}, max: {})",
            py_len(value).unwrap_or(0),
            bound(min.map(|m| m as f64)),
            bound(max.map(|m| m as f64))
        ),
        // Heat's message has the stray parenthesis.
        ConstraintKind::Modulo { step, offset } => format!(
            "{} is not a multiple of {step} with an offset of {offset})",
            py_str(value)
        ),
        ConstraintKind::AllowedValues(allowed) => {
            let allowed: Vec<String> = allowed.iter().map(py_str).collect();
            format!(
                "\"{}\" is not an allowed value [{}]",
                py_str(value),
                allowed.join(", ")
            )
        }
        ConstraintKind::AllowedPattern(p) => {
            format!("\"{}\" does not match pattern \"{p}\"", py_str(value))
        }
        ConstraintKind::CustomConstraint(name) => {
            format!("\"{}\" does not validate {name}", py_str(value))
        }
    }
}

/// Schema checks Heat makes before looking at values: each constraint fits
/// the type, and the default (if any) passes the constraints (custom ones
/// excepted).
pub(crate) fn validate_schema(p: &Parameter) -> Result<(), HeatError> {
    let wrap = |msg: String| param_invalid("InvalidSchemaError", &p.name, &msg);
    for c in &p.constraints {
        if !constraint_applies(&c.kind, p.kind) {
            return Err(wrap(format!(
                "{} constraint invalid for {}",
                constraint_class(&c.kind),
                p.kind.hot_name()
            )));
        }
    }
    let Some(default) = &p.default else {
        return Ok(());
    };
    // Heat parses structured defaults when it builds the parameter.
    parse_structured(p.kind, default)?;
    let value = match (p.kind, default) {
        (ParamType::CommaDelimitedList, Value::Array(items)) => {
            Value::Array(items.iter().map(|x| Value::String(py_str(x))).collect())
        }
        // No stripping here: Heat's schema check splits the raw text.
        (ParamType::CommaDelimitedList, Value::String(s)) => {
            Value::Array(s.split(',').map(|x| Value::String(x.to_string())).collect())
        }
        (ParamType::Json, _) => parse_structured(p.kind, default)?,
        (ParamType::String, v) => Value::String(py_str(v)),
        (_, v) => v.clone(),
    };
    check_constraints(p.kind, &p.constraints, &value, None)
        .map_err(|e| wrap(format!("Invalid default {} ({e})", py_str(default))))
}

/// Checks a value and converts it to the parameter's type.
fn typed_value(p: &Parameter, raw: &Value, custom: Custom) -> Result<Value, HeatError> {
    let wrap = |msg: String| param_invalid("StackValidationFailed", &p.name, &msg);
    match p.kind {
        ParamType::String => {
            let v = Value::String(py_str(raw));
            check_constraints(p.kind, &p.constraints, &v, custom).map_err(wrap)?;
            Ok(v)
        }
        ParamType::Number => {
            let n = str_to_num(raw).map_err(wrap)?;
            check_constraints(p.kind, &p.constraints, raw, custom).map_err(wrap)?;
            Ok(n.to_value())
        }
        ParamType::Boolean => {
            let b = bool_from_string(raw).map_err(wrap)?;
            check_constraints(p.kind, &p.constraints, raw, custom).map_err(wrap)?;
            Ok(Value::Bool(b))
        }
        ParamType::CommaDelimitedList | ParamType::Json => {
            let v = parse_structured(p.kind, raw)?;
            check_constraints(p.kind, &p.constraints, &v, custom).map_err(wrap)?;
            Ok(v)
        }
    }
}

/// Checks and converts the user's parameter values, fills defaults
/// (`env_defaults`, the environment's `parameter_defaults`, override
/// template defaults; the environment's `parameters` belong in `given`),
/// and applies constraints. `custom(constraint_name, value)` validates a
/// custom_constraint (each item for lists): `Err(message)` when invalid.
/// Returns values typed: Number as a JSON number, Boolean as bool,
/// CommaDelimitedList as an array of strings, Json as parsed JSON, String
/// as a string.
pub fn resolve_parameters(
    t: &Template,
    given: &Map<String, Value>,
    env_defaults: &Map<String, Value>,
    custom: &dyn Fn(&str, &Value) -> Result<(), String>,
) -> Result<Map<String, Value>, HeatError> {
    if let Some(unknown) = given.keys().find(|k| t.parameter(k).is_none()) {
        return Err(HeatError::new(
            "UnknownUserParameter",
            format!("The Parameter ({unknown}) was not defined in template."),
        ));
    }
    let mut out = Map::new();
    for p in &t.parameters {
        let raw = given
            .get(&p.name)
            .filter(|v| !v.is_null())
            .or_else(|| env_defaults.get(&p.name).filter(|v| !v.is_null()))
            .or(p.default.as_ref())
            .ok_or_else(|| {
                HeatError::new(
                    "UserParameterMissing",
                    format!("The Parameter ({}) was not provided.", p.name),
                )
            })?;
        out.insert(p.name.clone(), typed_value(p, raw, Some(custom))?);
    }
    Ok(out)
}

/// The body of Heat's `POST /validate` answer for this template.
pub fn validate_body(t: &Template, given: &Map<String, Value>) -> Value {
    validate_body_with_defaults(t, given, &Map::new())
}

/// [`validate_body`] with the environment's `parameter_defaults`.
pub fn validate_body_with_defaults(
    t: &Template,
    given: &Map<String, Value>,
    env_defaults: &Map<String, Value>,
) -> Value {
    let mut params = Map::new();
    for p in &t.parameters {
        let mut m = Map::new();
        m.insert("Type".into(), Value::String(p.kind.api_name().into()));
        m.insert(
            "Description".into(),
            Value::String(p.description.clone().unwrap_or_default()),
        );
        m.insert(
            "NoEcho".into(),
            Value::String(if p.hidden { "true" } else { "false" }.into()),
        );
        m.insert(
            "Label".into(),
            Value::String(p.label.clone().unwrap_or_else(|| p.name.clone())),
        );
        let default = env_defaults
            .get(&p.name)
            .filter(|v| !v.is_null())
            .or(p.default.as_ref());
        if let Some(d) = default {
            m.insert("Default".into(), d.clone());
        }
        if let Some(v) = given.get(&p.name).filter(|v| py_truthy(v)) {
            m.insert("Value".into(), v.clone());
        }
        let tags = t.raw["parameters"][&p.name]["tags"].clone();
        if t.version.as_str() >= "2018-03-02" && py_truthy(&tags) {
            m.insert("Tags".into(), tags);
        }
        let mut descriptions = Vec::new();
        for c in &p.constraints {
            let num = |f: f64| {
                if f.fract() == 0.0 && f.abs() < 1e16 {
                    Value::from(f as i64)
                } else {
                    Value::from(f)
                }
            };
            match &c.kind {
                ConstraintKind::Length { min, max } => {
                    if let Some(v) = min {
                        m.insert("MinLength".into(), Value::from(*v));
                    }
                    if let Some(v) = max {
                        m.insert("MaxLength".into(), Value::from(*v));
                    }
                }
                ConstraintKind::Range { min, max } => {
                    if let Some(v) = min {
                        m.insert("MinValue".into(), num(*v));
                    }
                    if let Some(v) = max {
                        m.insert("MaxValue".into(), num(*v));
                    }
                }
                ConstraintKind::Modulo { step, offset } => {
                    m.insert("Step".into(), Value::from(*step));
                    m.insert("Offset".into(), Value::from(*offset));
                }
                ConstraintKind::AllowedValues(v) => {
                    m.insert("AllowedValues".into(), Value::Array(v.clone()));
                }
                ConstraintKind::AllowedPattern(pat) => {
                    m.insert("AllowedPattern".into(), Value::String(pat.clone()));
                }
                ConstraintKind::CustomConstraint(name) => {
                    m.insert("CustomConstraint".into(), Value::String(name.clone()));
                }
            }
            if let Some(d) = c.description.as_ref().filter(|d| !d.is_empty()) {
                descriptions.push(d.clone());
            }
        }
        if !descriptions.is_empty() {
            m.insert(
                "ConstraintDescription".into(),
                Value::String(descriptions.join(" ")),
            );
        }
        params.insert(p.name.clone(), Value::Object(m));
    }
    let mut body = vec![
        (
            "Description".to_string(),
            Value::String(
                t.description
                    .clone()
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| "No description".into()),
            ),
        ),
        ("Parameters".to_string(), Value::Object(params)),
    ];
    let groups = &t.raw["parameter_groups"];
    if py_truthy(groups) {
        body.push(("ParameterGroups".to_string(), groups.clone()));
    }
    body.push((
        "Environment".to_string(),
        object([
            ("parameters".to_string(), Value::Object(given.clone())),
            (
                "resource_registry".to_string(),
                object([("resources".to_string(), Value::Object(Map::new()))]),
            ),
            (
                "parameter_defaults".to_string(),
                Value::Object(env_defaults.clone()),
            ),
            (
                "encrypted_param_names".to_string(),
                Value::Array(Vec::new()),
            ),
            ("event_sinks".to_string(), Value::Array(Vec::new())),
        ]),
    ));
    object(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template(params: Value, version: &str) -> Result<Template, HeatError> {
        Template::load(json!({"heat_template_version": version, "parameters": params}))
    }

    fn t(params: Value) -> Template {
        template(params, "2018-08-31").unwrap()
    }

    fn no_custom(_: &str, _: &Value) -> Result<(), String> {
        Ok(())
    }

    fn given(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    fn resolve(t: &Template, g: Value) -> Result<Map<String, Value>, HeatError> {
        resolve_parameters(t, &given(g), &Map::new(), &no_custom)
    }

    fn resolve_err(t: &Template, g: Value) -> HeatError {
        resolve(t, g).unwrap_err()
    }

    #[test]
    fn conversions() {
        let tpl = t(json!({
            "s": {"type": "string"},
            "n": {"type": "number"},
            "f": {"type": "number"},
            "b": {"type": "boolean"},
            "l": {"type": "comma_delimited_list"},
            "j": {"type": "json"},
            "j2": {"type": "json"}
        }));
        let v = resolve(
            &tpl,
            json!({"s": 5, "n": "2", "f": "2.5", "b": "yes", "l": " a, b ,c", "j": "{\"k\": [1]}", "j2": {"x": 1}}),
        )
        .unwrap();
        assert_eq!(v["s"], json!("5"));
        assert_eq!(v["n"], json!(2));
        assert_eq!(v["f"], json!(2.5));
        assert_eq!(v["b"], json!(true));
        assert_eq!(v["l"], json!(["a", "b", "c"]));
        assert_eq!(v["j"], json!({"k": [1]}));
        assert_eq!(v["j2"], json!({"x": 1}));
    }

    #[test]
    fn conversion_errors() {
        let tpl = t(
            json!({"n": {"type": "number", "default": 1}, "b": {"type": "boolean", "default": true}, "j": {"type": "json", "default": {}}}),
        );
        let e = resolve_err(&tpl, json!({"n": "abc"}));
        assert_eq!(e.kind, "StackValidationFailed");
        assert_eq!(
            e.message,
            "Parameter 'n' is invalid: could not convert string to float: 'abc'"
        );
        let e = resolve_err(&tpl, json!({"b": "maybe"}));
        assert_eq!(
            e.message,
            "Parameter 'b' is invalid: Unrecognized value 'maybe', acceptable values are: '0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"
        );
        let e = resolve_err(&tpl, json!({"j": "{nope"}));
        assert_eq!(e.kind, "ValueError");
        assert!(e.message.starts_with("Value must be valid JSON: Expecting property name enclosed in double quotes: line 1 column 2"), "{}", e.message);
    }

    #[test]
    fn missing_unknown_and_defaults() {
        let tpl = t(json!({"a": {"type": "string"}, "b": {"type": "string", "default": "tpl"}}));
        let e = resolve_err(&tpl, json!({}));
        assert_eq!(e.kind, "UserParameterMissing");
        assert_eq!(e.message, "The Parameter (a) was not provided.");
        let e = resolve_err(&tpl, json!({"a": "x", "zz": 1}));
        assert_eq!(e.kind, "UnknownUserParameter");
        assert_eq!(e.message, "The Parameter (zz) was not defined in template.");
        let v = resolve(&tpl, json!({"a": "x"})).unwrap();
        assert_eq!(v["b"], json!("tpl"));
        let mut env = Map::new();
        env.insert("b".into(), json!("env"));
        env.insert("not_in_template".into(), json!("ignored"));
        let v = resolve_parameters(&tpl, &given(json!({"a": "x"})), &env, &no_custom).unwrap();
        assert_eq!(v["b"], json!("env"));
        let v = resolve_parameters(
            &tpl,
            &given(json!({"a": "x", "b": "user"})),
            &env,
            &no_custom,
        )
        .unwrap();
        assert_eq!(v["b"], json!("user"));
    }

    #[test]
    fn allowed_values() {
        let tpl = t(json!({
            "flavor": {"type": "string", "constraints": [{"allowed_values": ["m1.small", "m1.large"]}]},
            "n": {"type": "number", "default": 1, "constraints": [{"allowed_values": [1, 2.0, "3"]}]},
            "zones": {"type": "comma_delimited_list", "default": "a", "constraints": [{"allowed_values": ["a", "b"]}]}
        }));
        assert!(resolve(
            &tpl,
            json!({"flavor": "m1.small", "n": "2", "zones": "a,b"})
        )
        .is_ok());
        assert!(resolve(&tpl, json!({"flavor": "m1.small", "n": 3})).is_ok());
        let e = resolve_err(&tpl, json!({"flavor": "m1.huge"}));
        assert_eq!(e.message, "Parameter 'flavor' is invalid: \"m1.huge\" is not an allowed value [m1.small, m1.large]");
        let e = resolve_err(&tpl, json!({"flavor": "m1.small", "n": 4}));
        assert_eq!(
            e.message,
            "Parameter 'n' is invalid: \"4\" is not an allowed value [1, 2.0, 3]"
        );
        let e = resolve_err(&tpl, json!({"flavor": "m1.small", "zones": "a,c"}));
        assert_eq!(
            e.message,
            "Parameter 'zones' is invalid: \"['a', 'c']\" is not an allowed value [a, b]"
        );
    }

    #[test]
    fn range_length_modulo_pattern() {
        let tpl = t(json!({
            "count": {"type": "number", "default": 2, "constraints": [{"range": {"min": 1, "max": 5}}]},
            "name": {"type": "string", "default": "abc", "constraints": [{"length": {"min": 2, "max": 4}}]},
            "even": {"type": "number", "default": 2, "constraints": [{"modulo": {"step": 2, "offset": 0}}]},
            "user": {"type": "string", "default": "Ab", "constraints": [{"allowed_pattern": "[A-Z][a-z]*", "description": "Capitalised please"}]},
            "code": {"type": "string", "default": "ab", "constraints": [{"allowed_pattern": "[a-z]+"}]},
            "items": {"type": "comma_delimited_list", "default": "a", "constraints": [{"length": {"max": 2}}]}
        }));
        assert!(resolve(&tpl, json!({})).is_ok());
        assert_eq!(
            resolve_err(&tpl, json!({"count": "9"})).message,
            "Parameter 'count' is invalid: 9 is out of range (min: 1, max: 5)"
        );
        assert_eq!(
            resolve_err(&tpl, json!({"name": "abcdef"})).message,
            "Parameter 'name' is invalid: length (6) is out of range (min: 2, max: 4)"
        );
        assert_eq!(
            resolve_err(&tpl, json!({"even": 3})).message,
            "Parameter 'even' is invalid: 3 is not a multiple of 2 with an offset of 0)"
        );
        assert_eq!(
            resolve_err(&tpl, json!({"user": "ab"})).message,
            "Parameter 'user' is invalid: Capitalised please"
        );
        // The pattern must match the whole value from the start.
        assert_eq!(
            resolve_err(&tpl, json!({"code": "ab1"})).message,
            "Parameter 'code' is invalid: \"ab1\" does not match pattern \"[a-z]+\""
        );
        assert_eq!(
            resolve_err(&tpl, json!({"code": "1ab"})).message,
            "Parameter 'code' is invalid: \"1ab\" does not match pattern \"[a-z]+\""
        );
        assert_eq!(
            resolve_err(&tpl, json!({"items": "a,b,c"})).message,
            "Parameter 'items' is invalid: length (3) is out of range (min: None, max: 2)"
        );
    }

    #[test]
    fn custom_constraints() {
        let tpl = t(json!({
            "flavor": {"type": "string", "constraints": [{"custom_constraint": "nova.flavor"}]},
            "nets": {"type": "comma_delimited_list", "default": [], "constraints": [{"custom_constraint": "neutron.network", "description": "Pick a real network"}]}
        }));
        let check = |name: &str, v: &Value| -> Result<(), String> {
            match (name, v.as_str()) {
                ("nova.flavor", Some("m1.small")) => Ok(()),
                ("neutron.network", Some("private")) => Ok(()),
                (_, Some(x)) => Err(format!("Error validating value '{x}'")),
                _ => Err("?".into()),
            }
        };
        assert!(resolve_parameters(
            &tpl,
            &given(json!({"flavor": "m1.small", "nets": "private"})),
            &Map::new(),
            &check
        )
        .is_ok());
        let e = resolve_parameters(
            &tpl,
            &given(json!({"flavor": "m1.huge"})),
            &Map::new(),
            &check,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Parameter 'flavor' is invalid: Error validating value 'm1.huge'"
        );
        let e = resolve_parameters(
            &tpl,
            &given(json!({"flavor": "m1.small", "nets": "private,public"})),
            &Map::new(),
            &check,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "Parameter 'nets' is invalid: Pick a real network"
        );
    }

    #[test]
    fn schema_errors() {
        let err = |p: Value| template(p, "2016-10-14").err().map(|e| (e.kind, e.message));
        assert_eq!(
            err(json!({"a": {"type": "strin"}})),
            Some(("InvalidSchemaError", "Invalid type (strin)".to_string()))
        );
        assert_eq!(
            err(json!({"a": {"typo": "string"}})),
            Some((
                "InvalidSchemaError",
                "Invalid key 'typo' for parameter (a)".to_string()
            ))
        );
        assert_eq!(
            err(json!({"a": {"description": "x"}})),
            Some((
                "InvalidSchemaError",
                "Missing parameter type for parameter: a".to_string()
            ))
        );
        assert_eq!(
            err(json!({"a": {"type": "string", "constraints": {"length": {"min": 1}}}}))
                .map(|e| e.1),
            Some("Invalid parameter constraints for parameter a, expected a list".to_string())
        );
        assert_eq!(
            err(json!({"a": {"type": "string", "constraints": [{"size": 1}]}})).map(|e| e.1),
            Some("Invalid key 'size' for parameter constraints".to_string())
        );
        assert_eq!(
            err(json!({"a": {"type": "string", "constraints": [{"description": "x"}]}}))
                .map(|e| e.1),
            Some("No constraint expressed".to_string())
        );
        assert_eq!(
            err(json!({"a": {"type": "number", "constraints": [{"range": {}}]}})).map(|e| e.1),
            Some(
                "A range constraint must have a min value and/or a max value specified."
                    .to_string()
            )
        );
        assert_eq!(
            err(json!({"a": {"type": "string", "constraints": [{"length": {"min": 1.5}}]}}))
                .map(|e| e.1),
            Some("min/max length must be integral".to_string())
        );
        assert_eq!(
            err(json!({"a": {"type": "string", "constraints": [{"range": {"min": 1}}]}}))
                .map(|e| e.1),
            Some("Parameter 'a' is invalid: Range constraint invalid for string".to_string())
        );
        assert_eq!(
            err(json!({"a": {"type": "string", "default": "m1.huge", "constraints": [{"allowed_values": ["m1.small"]}]}})).map(|e| e.1),
            Some("Parameter 'a' is invalid: Invalid default m1.huge (\"m1.huge\" is not an allowed value [m1.small])".to_string())
        );
        // Modulo only from 2017-02-24.
        assert_eq!(
            err(json!({"a": {"type": "number", "constraints": [{"modulo": {"step": 2, "offset": 0}}]}})).map(|e| e.1),
            Some("No constraint expressed".to_string())
        );
        assert_eq!(
            template(json!({"a": {"type": "number", "constraints": [{"modulo": {"step": 2, "offset": 3}}]}}), "2017-02-24").err().map(|e| e.message),
            Some("offset must be smaller (by absolute value) than step.".to_string())
        );
        // tags only from 2018-03-02.
        assert!(template(
            json!({"a": {"type": "string", "tags": ["x"]}}),
            "2018-03-02"
        )
        .is_ok());
        assert!(template(
            json!({"a": {"type": "string", "tags": ["x"]}}),
            "2017-09-01"
        )
        .is_err());
    }

    #[test]
    fn hidden_does_not_change_values() {
        let tpl = t(json!({"pw": {"type": "string", "hidden": true}}));
        assert!(tpl.parameters[0].hidden);
        assert_eq!(
            resolve(&tpl, json!({"pw": "secret"})).unwrap()["pw"],
            json!("secret")
        );
    }

    #[test]
    fn validate_body_matches_heat() {
        let tpl = Template::load(json!({
            "heat_template_version": "2018-08-31",
            "description": "A demo",
            "parameter_groups": [{"label": "Main", "parameters": ["flavor"]}],
            "parameters": {
                "flavor": {"type": "string", "default": "m1.small", "label": "Flavor", "description": "Size",
                           "constraints": [{"allowed_values": ["m1.small", "m1.large"], "description": "Pick one"}, {"custom_constraint": "nova.flavor"}]},
                "count": {"type": "number", "hidden": true, "tags": ["scale"], "constraints": [{"range": {"min": 1, "max": 9}}, {"modulo": {"step": 2, "offset": 1}}]},
                "name": {"type": "string", "constraints": [{"length": {"min": 1}}, {"allowed_pattern": "[a-z]+"}]},
                "zones": {"type": "comma_delimited_list", "default": "a,b"}
            }
        }))
        .unwrap();
        let body = validate_body(&tpl, &given(json!({"count": "3"})));
        assert_eq!(body["Description"], json!("A demo"));
        assert_eq!(
            body["Parameters"]["flavor"],
            json!({"Type": "String", "Description": "Size", "NoEcho": "false", "Label": "Flavor", "Default": "m1.small",
                   "AllowedValues": ["m1.small", "m1.large"], "CustomConstraint": "nova.flavor", "ConstraintDescription": "Pick one"})
        );
        assert_eq!(
            body["Parameters"]["count"],
            json!({"Type": "Number", "Description": "", "NoEcho": "true", "Label": "count", "Value": "3", "Tags": ["scale"],
                   "MinValue": 1, "MaxValue": 9, "Step": 2, "Offset": 1})
        );
        assert_eq!(body["Parameters"]["name"]["MinLength"], json!(1));
        assert_eq!(
            body["Parameters"]["name"]["AllowedPattern"],
            json!("[a-z]+")
        );
        assert_eq!(
            body["Parameters"]["zones"]["Type"],
            json!("CommaDelimitedList")
        );
        let keys: Vec<&String> = body["Parameters"].as_object().unwrap().keys().collect();
        assert_eq!(keys, vec!["flavor", "count", "name", "zones"]);
        assert_eq!(
            body["ParameterGroups"],
            json!([{"label": "Main", "parameters": ["flavor"]}])
        );
        assert_eq!(body["Environment"]["parameters"], json!({"count": "3"}));
        let bare = Template::load(json!({"heat_template_version": "2016-10-14"})).unwrap();
        let body = validate_body(&bare, &Map::new());
        assert_eq!(body["Description"], json!("No description"));
        assert!(body.get("ParameterGroups").is_none());
    }
}
