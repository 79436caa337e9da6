//! Python-flavoured formatting and comparison.
//!
//! Heat is Python: its messages embed `str()`/`repr()` of values, its
//! `str_replace` and `list_join` serialise with `json.dumps`, and its
//! comparisons follow Python's `==` (where `1 == 1.0 == True`). Clients
//! compare these texts, so we reproduce them here.

use serde_json::{Map, Number, Value};

/// A number the way Python's `int()`/`float()` would hold it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    pub(crate) fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    pub(crate) fn to_value(self) -> Value {
        match self {
            Num::Int(i) => Value::Number(i.into()),
            Num::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        }
    }

    pub(crate) fn py_str(self) -> String {
        match self {
            Num::Int(i) => i.to_string(),
            Num::Float(f) => py_float(f),
        }
    }
}

/// The number inside a JSON number.
pub(crate) fn json_num(n: &Number) -> Num {
    if let Some(i) = n.as_i64() {
        Num::Int(i)
    } else if let Some(u) = n.as_u64() {
        // Beyond i64: Python keeps it exact, we settle for a float.
        Num::Float(u as f64)
    } else {
        Num::Float(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's `repr(float)`: shortest round-trip digits, scientific notation
/// outside 1e-4..1e16, always a `.0` on whole numbers.
pub(crate) fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // Rust's `{:e}` gives the shortest round-trip digits, e.g. "1.2345e2".
    let sci = format!("{:e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            let (int_part, frac) = if digits.len() > int_len {
                (digits[..int_len].to_string(), digits[int_len..].to_string())
            } else {
                (format!("{digits:0<int_len$}"), "0".to_string())
            };
            format!("{sign}{int_part}.{frac}")
        } else {
            let zeros = "0".repeat((-exp - 1) as usize);
            format!("{sign}0.{zeros}{digits}")
        }
    } else {
        let mant = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{mant}e{esign}{:02}", exp.abs())
    }
}

/// Python's `repr(str)`.
pub(crate) fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..=0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr()` of a JSON-shaped value.
pub(crate) fn py_repr(v: &Value) -> String {
    match v {
        Value::String(s) => py_repr_str(s),
        other => py_str(other),
    }
}

/// Python's `str()` of a JSON-shaped value.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => json_num(n).py_str(),
        Value::String(s) => s.clone(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(py_repr).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// Python's type name of a JSON-shaped value.
pub(crate) fn py_type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) => match json_num(n) {
            Num::Int(_) => "int",
            Num::Float(_) => "float",
        },
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// Python truthiness.
pub(crate) fn py_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => json_num(n).as_f64() != 0.0,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(m) => !m.is_empty(),
    }
}

/// The numeric value Python's `==` sees (`True == 1`).
fn numeric(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(i64::from(*b))),
        Value::Number(n) => Some(json_num(n)),
        _ => None,
    }
}

/// Python's `==` on JSON-shaped values.
pub(crate) fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => match (numeric(a), numeric(b)) {
            (Some(Num::Int(x)), Some(Num::Int(y))) => x == y,
            (Some(x), Some(y)) => x.as_f64() == y.as_f64(),
            _ => false,
        },
    }
}

/// Python's `x in list`.
pub(crate) fn py_in(x: &Value, items: &[Value]) -> bool {
    items.iter().any(|i| py_eq(x, i))
}

/// Python's `int(str)`: surrounding whitespace, a sign, digits with
/// single underscores between them.
pub(crate) fn py_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    if body.is_empty()
        || body.starts_with('_')
        || body.ends_with('_')
        || body.contains("__")
        || !body.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let digits: String = body.chars().filter(|c| *c != '_').collect();
    let n: i64 = digits.parse().ok()?;
    Some(if neg { -n } else { n })
}

/// Python's `float(str)` (finite results only: JSON has no infinities).
pub(crate) fn py_float_parse(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.starts_with('_') || t.ends_with('_') || t.contains("__") {
        return None;
    }
    let cleaned: String = t.chars().filter(|c| *c != '_').collect();
    let lower = cleaned.to_ascii_lowercase();
    if lower.contains("inf") || lower.contains("nan") {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// Heat's `Schema.str_to_num`: numbers pass, strings go through `int()`
/// then `float()`, anything else is Python's TypeError text.
pub(crate) fn str_to_num(v: &Value) -> Result<Num, String> {
    match v {
        Value::Number(n) => Ok(json_num(n)),
        Value::Bool(b) => Ok(Num::Int(i64::from(*b))),
        Value::String(s) => py_int(s)
            .map(Num::Int)
            .or_else(|| py_float_parse(s).map(Num::Float))
            .ok_or_else(|| format!("could not convert string to float: {}", py_repr_str(s))),
        other => Err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            py_type_name(other)
        )),
    }
}

/// oslo's `bool_from_string(strict=True)`.
pub(crate) fn bool_from_string(v: &Value) -> Result<bool, String> {
    if let Value::Bool(b) = v {
        return Ok(*b);
    }
    let text = py_str(v);
    match text.trim().to_lowercase().as_str() {
        "1" | "t" | "true" | "on" | "y" | "yes" => Ok(true),
        "0" | "f" | "false" | "off" | "n" | "no" => Ok(false),
        _ => Err(format!(
            "Unrecognized value '{text}', acceptable values are: '0', '1', 'f', 'false', \
             'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'"
        )),
    }
}

/// Python's `json.dumps(v, sort_keys=...)` with its default separators and
/// `ensure_ascii`.
pub(crate) fn py_json_dumps(v: &Value, sort_keys: bool) -> String {
    let mut out = String::new();
    dump_into(&mut out, v, sort_keys);
    out
}

fn dump_into(out: &mut String, v: &Value, sort_keys: bool) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => match json_num(n) {
            Num::Int(i) => out.push_str(&i.to_string()),
            Num::Float(f) if f.is_finite() => out.push_str(&py_float(f)),
            Num::Float(f) if f.is_nan() => out.push_str("NaN"),
            Num::Float(f) => out.push_str(if f > 0.0 { "Infinity" } else { "-Infinity" }),
        },
        Value::String(s) => dump_str(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump_into(out, item, sort_keys);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            if sort_keys {
                keys.sort();
            }
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                dump_str(out, k);
                out.push_str(": ");
                if let Some(val) = map.get(*k) {
                    dump_into(out, val, sort_keys);
                }
            }
            out.push('}');
        }
    }
}

fn dump_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A JSON object key for a YAML key of any type (as Python's `json.dumps`
/// would write a non-string dict key).
pub(crate) fn key_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => json_num(n).py_str(),
        other => py_json_dumps(other, false),
    }
}

/// Python's `len()` for values that have one.
pub(crate) fn py_len(v: &Value) -> Result<usize, String> {
    match v {
        Value::String(s) => Ok(s.chars().count()),
        Value::Array(a) => Ok(a.len()),
        Value::Object(m) => Ok(m.len()),
        other => Err(format!(
            "object of type '{}' has no len()",
            py_type_name(other)
        )),
    }
}

/// Builds a JSON object from pairs, keeping their order.
pub(crate) fn object<I: IntoIterator<Item = (String, Value)>>(pairs: I) -> Value {
    Value::Object(pairs.into_iter().collect::<Map<String, Value>>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_print_like_python() {
        assert_eq!(py_float(2.5), "2.5");
        assert_eq!(py_float(3.0), "3.0");
        assert_eq!(py_float(-0.5), "-0.5");
        assert_eq!(py_float(1e16), "1e+16");
        assert_eq!(py_float(1.5e-5), "1.5e-05");
        assert_eq!(py_float(0.0001), "0.0001");
        assert_eq!(py_float(123456.789), "123456.789");
    }

    #[test]
    fn str_and_repr_follow_python() {
        assert_eq!(py_str(&json!(["a", 1, true, null])), "['a', 1, True, None]");
        assert_eq!(py_str(&json!({"k": "v"})), "{'k': 'v'}");
        assert_eq!(py_repr_str("it's"), "\"it's\"");
        assert_eq!(py_repr_str("a\nb"), "'a\\nb'");
    }

    #[test]
    fn json_dumps_sorts_and_spaces() {
        let v = json!({"b": [1, 2.5], "a": "é"});
        assert_eq!(
            py_json_dumps(&v, true),
            "{\"a\": \"\\u00e9\", \"b\": [1, 2.5]}"
        );
    }

    #[test]
    fn equality_is_pythons() {
        assert!(py_eq(&json!(1), &json!(1.0)));
        assert!(py_eq(&json!(true), &json!(1)));
        assert!(!py_eq(&json!("1"), &json!(1)));
        assert!(py_eq(&json!({"a": [1]}), &json!({"a": [1.0]})));
    }

    #[test]
    fn numbers_parse_like_python() {
        assert_eq!(str_to_num(&json!(" 2 ")), Ok(Num::Int(2)));
        assert_eq!(str_to_num(&json!("2.5")), Ok(Num::Float(2.5)));
        assert_eq!(str_to_num(&json!("1_000")), Ok(Num::Int(1000)));
        assert_eq!(
            str_to_num(&json!("abc")),
            Err("could not convert string to float: 'abc'".to_string())
        );
        assert!(str_to_num(&json!([1])).is_err());
    }

    #[test]
    fn booleans_parse_like_oslo() {
        assert_eq!(bool_from_string(&json!("Yes")), Ok(true));
        assert_eq!(bool_from_string(&json!("0")), Ok(false));
        assert_eq!(bool_from_string(&json!(1)), Ok(true));
        let err = bool_from_string(&json!("maybe")).unwrap_err();
        assert!(err.starts_with("Unrecognized value 'maybe', acceptable values are: '0', '1'"));
    }
}
