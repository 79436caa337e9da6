//! Template and environment text -> JSON, as Heat's `template_format` and
//! `environment_format` do it.
//!
//! JSON is tried first, then YAML. YAML errors are rendered the way PyYAML
//! prints them (`in "<unicode string>", line L, column C` plus the snippet
//! and caret), since that is what Heat returns and what users look for.

use std::fmt;

use serde::de::{
    Deserialize, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde_json::{Map, Value};

use super::pyfmt::{key_string, py_float};
use super::HeatError;

/// Heat's default `max_template_size`.
const MAX_TEMPLATE_SIZE: usize = 524_288;

const ENV_SECTIONS: &[&str] = &[
    "parameters",
    "parameter_defaults",
    "resource_registry",
    "encrypted_param_names",
    "event_sinks",
    "parameter_merge_strategies",
];

fn bad_request(message: impl Into<String>) -> HeatError {
    HeatError::new("HTTPBadRequest", message)
}

/// YAML or JSON text -> JSON value.
pub fn parse(text: &str) -> Result<Value, HeatError> {
    let size = text.chars().count();
    if size > MAX_TEMPLATE_SIZE {
        return Err(HeatError::new(
            "RequestLimitExceeded",
            format!(
                "Request limit exceeded: Template size ({size} bytes) exceeds maximum allowed \
                 size ({MAX_TEMPLATE_SIZE} bytes)."
            ),
        ));
    }
    let tpl = match serde_json::from_str::<Value>(text) {
        Ok(v) => v,
        Err(_) => match load_yaml(text) {
            Ok(Value::Null) => Value::Object(Map::new()),
            Ok(v) => v,
            Err(e) => {
                return Err(bad_request(format!(
                    "Error parsing template [root stack] {}",
                    pyyaml_message(&e, text)
                )))
            }
        },
    };
    let Value::Object(map) = &tpl else {
        return Err(bad_request(
            "The template is not a JSON object or YAML mapping.",
        ));
    };
    let has_version = [
        "HeatTemplateFormatVersion",
        "heat_template_version",
        "AWSTemplateFormatVersion",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    if !has_version {
        return Err(bad_request("Template format version not found."));
    }
    Ok(tpl)
}

/// Same for an environment file.
pub fn parse_environment(text: &str) -> Result<Value, HeatError> {
    let env = match load_yaml(text) {
        Ok(Value::Null) => Value::Object(Map::new()),
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => {
            return Err(bad_request(
                "The environment is not a valid YAML mapping data type.",
            ))
        }
        Err(e) => return Err(bad_request(pyyaml_message(&e, text))),
    };
    if let Value::Object(map) = &env {
        if let Some(bad) = map.keys().find(|k| !ENV_SECTIONS.contains(&k.as_str())) {
            return Err(bad_request(format!(
                "environment has wrong section \"{bad}\""
            )));
        }
    }
    Ok(env)
}

fn load_yaml(text: &str) -> Result<Value, serde_yaml::Error> {
    Yv::deserialize(serde_yaml::Deserializer::from_str(text)).map(|y| y.0)
}

/// A YAML document read straight into JSON. Our own visitor rather than
/// `serde_yaml::Value` so that duplicate keys keep the last value (as
/// PyYAML does), non-string keys become strings, and tagged values (say an
/// explicit `!!timestamp`) keep their content.
struct Yv(Value);

impl<'de> Deserialize<'de> for Yv {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(YvVisitor)
    }
}

struct YvVisitor;

impl<'de> Visitor<'de> for YvVisitor {
    type Value = Yv;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Yv, E> {
        Ok(Yv(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Yv, E> {
        Ok(Yv(Value::Number(v.into())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Yv, E> {
        Ok(Yv(Value::Number(v.into())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Yv, E> {
        // JSON has no inf/nan; keep Python's spelling as text.
        Ok(Yv(serde_json::Number::from_f64(v)
            .map_or_else(|| Value::String(py_float(v)), Value::Number)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Yv, E> {
        Ok(Yv(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Yv, E> {
        Ok(Yv(Value::String(v)))
    }

    fn visit_unit<E>(self) -> Result<Yv, E> {
        Ok(Yv(Value::Null))
    }

    fn visit_none<E>(self) -> Result<Yv, E> {
        Ok(Yv(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Yv, D::Error> {
        Yv::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yv, A::Error> {
        let mut items = Vec::new();
        while let Some(Yv(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Yv(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Yv, A::Error> {
        // `<<` merge keys as PyYAML's SafeLoader applies them: merged
        // mappings first (an earlier one wins over a later one), then the
        // mapping's own keys.
        let mut own = Vec::new();
        let mut merges: Vec<Map<String, Value>> = Vec::new();
        while let Some((Yv(k), Yv(v))) = access.next_entry()? {
            let key = key_string(&k);
            match (key.as_str(), v) {
                ("<<", Value::Object(m)) => merges.push(m),
                ("<<", Value::Array(items)) if items.iter().all(Value::is_object) => {
                    merges.extend(items.into_iter().filter_map(|i| match i {
                        Value::Object(m) => Some(m),
                        _ => None,
                    }));
                }
                (_, v) => own.push((key, v)),
            }
        }
        let mut map = Map::new();
        for m in merges.into_iter().rev() {
            map.extend(m);
        }
        for (k, v) in own {
            map.insert(k, v);
        }
        Ok(Yv(Value::Object(map)))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Yv, A::Error> {
        let (tag, variant): (String, _) = data.variant()?;
        let Yv(inner) = variant.newtype_variant::<Yv>()?;
        // `!!str 123` is the string "123"; other tags keep their content.
        let is_str_tag = tag == "str" || tag.ends_with(":str") || tag == "!!str";
        Ok(Yv(match inner {
            Value::String(_) => inner,
            other if is_str_tag => Value::String(key_string(&other)),
            other => other,
        }))
    }
}

/// A position in the text: 1-based line and column.
struct Mark {
    line: usize,
    column: usize,
}

/// Splits serde_yaml's "problem at line L column C, context at line ..."
/// into its parts.
/// A YAML error's problem, its mark, and the context with its mark.
type YamlErrorParts = (String, Option<Mark>, Option<(String, Option<Mark>)>);

fn split_yaml_error(msg: &str) -> YamlErrorParts {
    let re = regex::Regex::new(
        r"(?s)^(?P<p>.*?)(?: at line (?P<l>\d+) column (?P<c>\d+)| at position \d+)?(?:, (?P<x>.*?)(?: at line (?P<l2>\d+) column (?P<c2>\d+))?)?$",
    );
    let Ok(re) = re else {
        return (msg.to_string(), None, None);
    };
    let Some(caps) = re.captures(msg) else {
        return (msg.to_string(), None, None);
    };
    let mark = |l: &str, c: &str| -> Option<Mark> {
        Some(Mark {
            line: caps.name(l)?.as_str().parse().ok()?,
            column: caps.name(c)?.as_str().parse().ok()?,
        })
    };
    let problem = caps.name("p").map_or(msg, |m| m.as_str()).to_string();
    let context = caps
        .name("x")
        .map(|x| (x.as_str().to_string(), mark("l2", "c2")));
    (problem, mark("l", "c"), context)
}

/// serde_yaml's error in PyYAML's layout.
fn pyyaml_message(e: &serde_yaml::Error, text: &str) -> String {
    let (problem, mut problem_mark, context) = split_yaml_error(&e.to_string());
    if problem_mark.is_none() {
        problem_mark = e.location().map(|l| Mark {
            line: l.line(),
            column: l.column(),
        });
    }
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    if let Some((ctx, ctx_mark)) = context {
        lines.push(ctx);
        // serde_yaml leaves out a context mark at the very start of the
        // text (and one equal to the problem's); PyYAML shows the former.
        let at_start = || Mark { line: 1, column: 1 };
        match ctx_mark {
            Some(m) => lines.push(render_mark(&m, &chars)),
            None if problem_mark
                .as_ref()
                .is_some_and(|p| p.line != 1 || p.column != 1) =>
            {
                lines.push(render_mark(&at_start(), &chars));
            }
            None => {}
        }
    }
    // PyYAML's wording where libyaml's differs.
    let problem = match problem.as_str() {
        "mapping values are not allowed in this context" => {
            "mapping values are not allowed here".to_string()
        }
        _ => problem,
    };
    lines.push(problem);
    if let Some(m) = problem_mark {
        lines.push(render_mark(&m, &chars));
    }
    lines.join("\n")
}

fn is_break(c: char) -> bool {
    matches!(c, '\0' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// The char index of a 1-based line/column.
fn pointer_of(m: &Mark, chars: &[char]) -> usize {
    let mut line = 1;
    let mut i = 0;
    while line < m.line && i < chars.len() {
        let c = chars[i];
        i += 1;
        if c == '\r' && chars.get(i) == Some(&'\n') {
            i += 1;
        }
        if is_break(c) {
            line += 1;
        }
    }
    (i + m.column.saturating_sub(1)).min(chars.len())
}

/// PyYAML's `Mark.__str__` with its `get_snippet(indent=4, max_length=75)`.
fn render_mark(m: &Mark, chars: &[char]) -> String {
    let mut out = format!(
        "  in \"<unicode string>\", line {}, column {}",
        m.line, m.column
    );
    let pointer = pointer_of(m, chars);
    let half = 75.0 / 2.0 - 1.0;
    let mut head = "";
    let mut start = pointer;
    while start > 0 && !is_break(chars[start - 1]) {
        start -= 1;
        if (pointer - start) as f64 > half {
            head = " ... ";
            start += 5;
            break;
        }
    }
    let mut tail = "";
    let mut end = pointer;
    while end < chars.len() && !is_break(chars[end]) {
        end += 1;
        if (end - pointer) as f64 > half {
            tail = " ... ";
            end -= 5;
            break;
        }
    }
    let snippet: String = chars[start.min(end)..end].iter().collect();
    out.push_str(":\n");
    out.push_str(&format!("    {head}{snippet}{tail}\n"));
    out.push_str(&" ".repeat(4 + pointer.saturating_sub(start) + head.len()));
    out.push('^');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_and_json_templates_parse() {
        let v = parse("heat_template_version: 2016-10-14\nresources: {}\n").unwrap();
        assert_eq!(
            v,
            json!({"heat_template_version": "2016-10-14", "resources": {}})
        );
        let v = parse("{\"heat_template_version\": \"2015-10-15\"}").unwrap();
        assert_eq!(v["heat_template_version"], "2015-10-15");
    }

    #[test]
    fn dates_stay_strings_even_tagged() {
        let v = parse("heat_template_version: !!timestamp 2016-10-14\n").unwrap();
        assert_eq!(v["heat_template_version"], "2016-10-14");
    }

    #[test]
    fn duplicate_keys_keep_the_last_and_keys_become_strings() {
        let v = parse("heat_template_version: 2013-05-23\na: 1\na: 2\n1: x\ntrue: y\n").unwrap();
        assert_eq!(v["a"], 2);
        assert_eq!(v["1"], "x");
        assert_eq!(v["true"], "y");
    }

    #[test]
    fn anchors_and_merge_keys() {
        let text = "heat_template_version: 2016-10-14\nbase: &b {x: 1, y: 2}\nother: &o {y: 3, z: 4}\nuse:\n  <<: [*b, *o]\n  x: 9\nalias: *b\n";
        let v = parse(text).unwrap();
        assert_eq!(v["use"], json!({"x": 9, "y": 2, "z": 4}));
        assert_eq!(v["alias"], json!({"x": 1, "y": 2}));
    }

    #[test]
    fn yaml_error_reads_like_pyyaml() {
        let text = "heat_template_version: 2016-10-14\nresources:\n  a: b: c\n";
        let e = parse(text).unwrap_err();
        assert_eq!(e.kind, "HTTPBadRequest");
        assert_eq!(
            e.message,
            "Error parsing template [root stack] mapping values are not allowed here\n  \
             in \"<unicode string>\", line 3, column 7:\n      a: b: c\n          ^"
        );
    }

    #[test]
    fn yaml_error_with_context() {
        let text = "heat_template_version: 2016-10-14\nresources:\n  a: 1\n - b\n";
        let e = parse(text).unwrap_err();
        assert!(e.message.contains("line 4, column 2"), "{}", e.message);
        assert!(
            e.message.contains("while parsing a block mapping"),
            "{}",
            e.message
        );
        assert!(e.message.contains("line 1, column 1"), "{}", e.message);
    }

    #[test]
    fn not_a_mapping_empty_and_versionless() {
        assert_eq!(
            parse("just string").unwrap_err().message,
            "The template is not a JSON object or YAML mapping."
        );
        assert_eq!(
            parse("[\"foo\", \"bar\"]").unwrap_err().message,
            "The template is not a JSON object or YAML mapping."
        );
        assert_eq!(
            parse("").unwrap_err().message,
            "Template format version not found."
        );
        assert_eq!(
            parse("{}").unwrap_err().message,
            "Template format version not found."
        );
    }

    #[test]
    fn environment_sections() {
        let env = parse_environment("parameters:\n  a: 1\nparameter_defaults: {b: 2}\n").unwrap();
        assert_eq!(env["parameters"]["a"], 1);
        assert_eq!(parse_environment("").unwrap(), json!({}));
        let e = parse_environment("foo: {}\n").unwrap_err();
        assert_eq!(e.message, "environment has wrong section \"foo\"");
        assert_eq!(
            parse_environment("- a\n").unwrap_err().message,
            "The environment is not a valid YAML mapping data type."
        );
        let e = parse_environment("parameters:\n  a: [\n").unwrap_err();
        assert!(
            e.message.contains("in \"<unicode string>\", line"),
            "{}",
            e.message
        );
    }
}
