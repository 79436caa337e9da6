//! Intrinsic functions: static argument checks and evaluation.
//!
//! Heat first *parses* a snippet (building function objects, which checks
//! argument shapes: errors carry the snippet's path, e.g.
//! `resources.web.properties.name.str_replace: ...`) and later *resolves*
//! it. We keep that split: [`Checker`] does the parse-time checks (also used
//! by `Template::load`), [`Eval`] computes values. Messages are Heat's,
//! including its Python `repr()` quirks.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::pyfmt::{
    json_num, key_string, py_eq, py_in, py_int, py_json_dumps, py_repr, py_repr_str, py_str,
    py_truthy, py_type_name, Num,
};
use super::versions::{self, Func, Mode};
use super::HeatError;

/// What functions need from the running stack.
pub trait Context {
    /// Resolved parameters plus the pseudo parameters `OS::stack_name`,
    /// `OS::stack_id` and `OS::project_id`.
    fn param(&self, name: &str) -> Option<Value>;
    /// `get_resource`: the physical id (null if not created yet); `None`
    /// if there is no such resource.
    fn resource_ref(&self, name: &str) -> Option<Value>;
    /// `get_attr`: `path[0]` is the attribute name and the rest are keys or
    /// indexes into it (see [`select_attribute_path`]); an empty `path`
    /// asks for all attributes as a map (`get_attr: [name]`).
    fn resource_attr(&self, name: &str, path: &[Value]) -> Result<Value, HeatError>;
    /// Evaluated named conditions.
    fn condition(&self, name: &str) -> Option<bool>;
    /// `get_file`: the content stored under `key` in the stack's files.
    fn file(&self, _key: &str) -> Option<String> {
        None
    }
}

/// Heat's `attributes.select_from_attribute`: follows keys and indexes into
/// an attribute value, null when the path does not fit.
pub fn select_attribute_path(value: &Value, path: &[Value]) -> Value {
    let mut cur = value.clone();
    for key in path {
        let next = match (&cur, key) {
            (Value::Object(m), Value::String(k)) => m.get(k).cloned(),
            (Value::Array(a), Value::Number(n)) => match json_num(n) {
                Num::Int(i) => py_index(a.len(), i).map(|i| a[i].clone()),
                Num::Float(_) => None,
            },
            (Value::String(s), Value::Number(n)) => match json_num(n) {
                Num::Int(i) => char_at(s, i),
                Num::Float(_) => None,
            },
            _ => None,
        };
        match next {
            Some(v) => cur = v,
            None => return Value::Null,
        }
    }
    cur
}

/// Python's list indexing, negative indexes included.
fn py_index(len: usize, i: i64) -> Option<usize> {
    let len = i64::try_from(len).ok()?;
    let idx = if i < 0 { len + i } else { i };
    (0..len).contains(&idx).then_some(idx as usize)
}

fn char_at(s: &str, i: i64) -> Option<Value> {
    let chars: Vec<char> = s.chars().collect();
    py_index(chars.len(), i).map(|i| Value::String(chars[i].to_string()))
}

/// Checks the shape of every function in `value` for the template version,
/// without evaluating anything. `path` (e.g. `resources.web.properties`)
/// prefixes error messages as Heat does; empty for none.
pub fn check_snippet(value: &Value, version: &str, path: &str) -> Result<(), HeatError> {
    let version = version_of(version)?;
    let checker = Checker {
        version,
        cond_names: None,
    };
    checker.check(value, (!path.is_empty()).then_some(path), Mode::Props)
}

/// Evaluates every intrinsic function in `value` for the template version.
/// A map with exactly one key that is a function name available in the
/// version is a call; any other map is data. (`equals`, `not`, `and`, `or`
/// are condition functions in Heat: they are evaluated inside an `if`
/// condition and in the `conditions` section, and are data elsewhere.)
pub fn resolve(value: &Value, version: &str, ctx: &dyn Context) -> Result<Value, HeatError> {
    let version = version_of(version)?;
    Checker {
        version,
        cond_names: None,
    }
    .check(value, None, Mode::Props)?;
    Eval {
        version,
        env: &CtxEnv(ctx),
    }
    .eval(value, Mode::Props)
}

fn version_of(version: &str) -> Result<&'static str, HeatError> {
    versions::canonical_version(version).ok_or_else(|| versions::unknown_version_error(version))
}

/// The function call `v` is in this version and mode, if it is one.
pub(crate) fn call_of<'v>(
    version: &str,
    v: &'v Value,
    mode: Mode,
) -> Option<(&'v str, Func, &'v Value)> {
    let Value::Object(m) = v else { return None };
    if m.len() != 1 {
        return None;
    }
    let (name, args) = m.iter().next()?;
    versions::lookup(version, name, mode).map(|kind| (name.as_str(), kind, args))
}

fn invalid(msg: impl Into<String>) -> HeatError {
    HeatError::invalid(msg)
}

fn err_at(path: Option<&str>, msg: impl Into<String>) -> HeatError {
    match path {
        Some(p) => invalid(format!("{p}: {}", msg.into())),
        None => invalid(msg),
    }
}

fn sub(path: Option<&str>, key: &str) -> Option<String> {
    path.map(|p| format!("{p}.{key}"))
}

fn idx(path: Option<&str>, i: usize) -> Option<String> {
    path.map(|p| format!("{p}[{i}]"))
}

fn removed_message(name: &str) -> String {
    format!(
        "The template version is invalid: The function {name} is not supported in this \
         version of HOT."
    )
}

fn reference_error(name: &str, key: &str) -> HeatError {
    HeatError::new(
        "InvalidTemplateReference",
        format!("The specified reference \"{name}\" (in {key}) is incorrect."),
    )
}

pub(crate) fn invalid_condition(v: &Value) -> HeatError {
    invalid(format!("Invalid condition \"{}\"", py_str(v)))
}

/// The parse-time checks of a snippet.
pub(crate) struct Checker<'a> {
    pub version: &'static str,
    /// Known condition names, to check `if` references when known.
    pub cond_names: Option<&'a BTreeSet<String>>,
}

impl Checker<'_> {
    pub(crate) fn check(&self, v: &Value, path: Option<&str>, mode: Mode) -> Result<(), HeatError> {
        if let Some((name, kind, args)) = call_of(self.version, v, mode) {
            let fn_path = sub(path, name);
            let fp = fn_path.as_deref();
            return match kind {
                Func::Removed => Err(match fp {
                    Some(p) => invalid(format!("{p}: {}", removed_message(name))),
                    None => HeatError::new("InvalidTemplateVersion", removed_message(name)),
                }),
                Func::Unsupported => Err(err_at(
                    fp,
                    format!("The function \"{name}\" is not supported by this cloud."),
                )),
                Func::Invalid => Err(err_at(
                    fp,
                    format!("The function \"{name}\" is invalid in this context"),
                )),
                Func::If => {
                    let [cond, yes, no] = if_args(args).map_err(|m| err_at(fp, m))?;
                    self.check(cond, fp, Mode::Cond)?;
                    if let (Value::String(s), Some(names)) = (cond, self.cond_names) {
                        if !names.contains(s) {
                            return Err(err_at(fp, format!("Invalid condition \"{s}\"")));
                        }
                    }
                    self.check(yes, fp, mode)?;
                    self.check(no, fp, mode)
                }
                _ => {
                    // Heat parses the arguments before building the function.
                    self.check(args, fp, mode)?;
                    construct(self.version, name, kind, args, mode).map_err(|m| err_at(fp, m))
                }
            };
        }
        match v {
            Value::Object(m) => {
                for (k, item) in m {
                    self.check(item, sub(path, k).as_deref(), mode)?;
                }
                Ok(())
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.check(item, idx(path, i).as_deref(), mode)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

fn if_args(args: &Value) -> Result<[&Value; 3], String> {
    match args {
        Value::Array(a) if a.len() == 3 => Ok([&a[0], &a[1], &a[2]]),
        _ => Err(
            "Arguments to \"if\" must be of the form: [condition_name, value_if_true, \
                  value_if_false]"
                .into(),
        ),
    }
}

/// Python `isinstance(x, Sequence) and not isinstance(x, str)`.
fn as_list(v: &Value) -> Option<&Vec<Value>> {
    match v {
        Value::Array(a) => Some(a),
        _ => None,
    }
}

fn str_replace_example(name: &str) -> String {
    // Heat raises a KeyError, whose str() is the repr of the message.
    py_repr_str(&format!(
        "\"{name}\" syntax should be {name}:\n              template: This is var1 template \
         var2\n              params:\n                var1: a\n                var2: string"
    ))
}

fn repeat_example() -> String {
    py_repr_str(
        "\"repeat\" syntax should be repeat:\n              template: This is %var%\n              \
         for_each:\n                %var%: ['a', 'b', 'c']",
    )
}

const MAKE_URL_KEYS: &[&str] = &[
    "scheme", "username", "password", "host", "port", "path", "query", "fragment",
];

/// The checks Heat makes when it builds (or validates) a function object.
fn construct(
    version: &str,
    name: &str,
    kind: Func,
    args: &Value,
    mode: Mode,
) -> Result<(), String> {
    match kind {
        Func::GetAttr => get_attr_args(version, args).map(|_| ()),
        Func::ListJoin | Func::FnJoin => {
            if version >= "2015-10-15" && kind == Func::ListJoin {
                let msg = format!(
                    "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \" \", [ \"str1\", \"str2\"] ...]"
                );
                match args {
                    Value::Array(a) if a.len() >= 2 => Ok(()),
                    _ => Err(msg),
                }
            } else {
                let msg = format!(
                    "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \" \", [ \"str1\", \"str2\"]]"
                );
                match args {
                    Value::Array(a) if a.len() == 2 => Ok(()),
                    _ => Err(msg),
                }
            }
        }
        Func::StrReplace | Func::StrReplaceStrict | Func::StrReplaceVstrict => {
            let Value::Object(m) = args else {
                return Err(format!("Arguments to \"{name}\" must be a map"));
            };
            let (Some(params), Some(_)) = (m.get("params"), m.get("template")) else {
                return Err(str_replace_example(name));
            };
            if !matches!(params, Value::Object(_)) {
                return Err(format!("\"{name}\" parameters must be a mapping"));
            }
            Ok(())
        }
        Func::FnReplace => {
            let example = format!(
                "Incorrect arguments to \"{name}\" should be: {{\"{name}\": [ {{\"$var1\": \"foo\", \
                 \"%var2%\": \"bar\"}}, \"$var1 is %var2%\"]}}"
            );
            match args {
                Value::Array(a) if a.len() == 2 => {
                    if matches!(a[0], Value::Object(_)) {
                        Ok(())
                    } else {
                        Err(format!("\"{name}\" parameters must be a mapping"))
                    }
                }
                _ => Err(example),
            }
        }
        Func::Repeat => {
            let Value::Object(m) = args else {
                return Err(format!("Arguments to \"{name}\" must be a map"));
            };
            let (Some(for_each), Some(_)) = (m.get("for_each"), m.get("template")) else {
                return Err(repeat_example());
            };
            if version >= "2017-09-01" {
                if let Some(p) = m.get("permutations") {
                    if !matches!(p, Value::Bool(_)) {
                        return Err(format!(
                            "\"permutations\" should be boolean type for {name} function."
                        ));
                    }
                }
            }
            if !matches!(for_each, Value::Object(_)) {
                return Err(format!(
                    "The \"for_each\" argument to \"{name}\" must contain a map"
                ));
            }
            Ok(())
        }
        Func::StrSplit => match args {
            Value::String(_) | Value::Object(_) => Err(format!(
                "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \",\", \"apples,pears\", <index>]"
            )),
            _ => Ok(()),
        },
        Func::FnSplit => {
            let msg = format!(
                "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \",\", \"str1,str2\"]]"
            );
            match args {
                Value::Array(a) if a.len() == 2 => Ok(()),
                _ => Err(msg),
            }
        }
        Func::FnSelect => match args {
            Value::Array(a) if a.len() == 2 => Ok(()),
            _ => Err(format!(
                "Arguments to \"{name}\" must be of the form [index, collection]"
            )),
        },
        Func::Filter => match args {
            Value::Array(a) if a.len() == 2 => Ok(()),
            Value::Array(a) => Err(format!(
                "\"{name}\" expected 2 arguments of the form [values, sequence] but got {} \
                 arguments instead",
                a.len()
            )),
            _ => Err(format!("Argument to \"{name}\" must be a list")),
        },
        Func::MakeUrl => {
            let Value::Object(m) = args else {
                return Err(format!("The arguments to \"{name}\" must be a map"));
            };
            let mut bad: Vec<&str> = m
                .keys()
                .map(String::as_str)
                .filter(|k| !MAKE_URL_KEYS.contains(k))
                .collect();
            if !bad.is_empty() {
                bad.sort_unstable();
                return Err(format!(
                    "Invalid arguments to \"{name}\": {}",
                    bad.join(", ")
                ));
            }
            make_url_check(name, m, |v| call_of(version, v, mode).is_some())
        }
        Func::Contains => {
            let Value::Array(a) = args else {
                return Err(format!(
                    "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \"value1\", [ \"value1\", \"value2\"]]"
                ));
            };
            if a.is_empty() {
                return Err(format!(
                    "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \"value1\", [ \"value1\", \"value2\"]]"
                ));
            }
            if a.len() != 2 {
                return Err(format!(
                    "Arguments to \"{name}\" must be of the form: [value1, [value1, value2]]"
                ));
            }
            Ok(())
        }
        Func::Equals => match args {
            Value::Array(a) if a.len() == 2 => Ok(()),
            _ => Err(format!(
                "Arguments to \"{name}\" must be of the form: [value_1, value_2]"
            )),
        },
        Func::Not => match args {
            Value::Null => Err(format!("Argument to \"{name}\" must be a condition")),
            _ => Ok(()),
        },
        Func::And | Func::Or => match args {
            Value::Array(a) if a.len() >= 2 => Ok(()),
            Value::Array(_) => Err(format!(
                "The minimum number of condition arguments to \"{name}\" is 2."
            )),
            _ => Err(format!(
                "Arguments to \"{name}\" must be a list of conditions"
            )),
        },
        Func::If => if_args(args).map(|_| ()),
        _ => Ok(()),
    }
}

/// Heat's MakeURL `_check_args` (including its early return after `query`).
fn make_url_check(
    name: &str,
    args: &Map<String, Value>,
    is_call: impl Fn(&Value) -> bool,
) -> Result<(), String> {
    for key in MAKE_URL_KEYS {
        let Some(v) = args.get(*key) else { continue };
        match *key {
            "query" => {
                if !matches!(v, Value::Object(_)) {
                    return Err(format!(
                        "The \"query\" argument to \"{name}\" must be a map"
                    ));
                }
                return Ok(());
            }
            "port" => {
                if is_call(v) {
                    continue;
                }
                let port = match v {
                    Value::Number(n) => match json_num(n) {
                        Num::Int(i) => i,
                        Num::Float(f) => f.trunc() as i64,
                    },
                    Value::String(s) => py_int(s).ok_or_else(|| {
                        format!(
                            "Invalid URL port \"{s}\" for {name} called with {}",
                            py_str(&Value::Object(args.clone()))
                        )
                    })?,
                    other => {
                        return Err(format!(
                            "Invalid URL port \"{}\" for {name} called with {}",
                            py_str(other),
                            py_str(&Value::Object(args.clone()))
                        ))
                    }
                };
                if !(1..=65535).contains(&port) {
                    return Err(format!("Invalid URL port {port}, must be in range 1-65535"));
                }
            }
            _ => {
                if !(is_call(v) || matches!(v, Value::String(_))) {
                    return Err(format!(
                        "The \"{key}\" argument to \"{name}\" must be a string"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The parts of a `get_attr` call: resource, attribute (None: all of
/// them), path.
fn get_attr_args<'v>(
    version: &str,
    args: &'v Value,
) -> Result<(&'v Value, Option<&'v Value>, &'v [Value]), String> {
    let must_be_list = || "Argument to \"get_attr\" must be a list".to_string();
    if version >= "2015-10-15" {
        if !py_truthy(args) {
            return Err(
                "Arguments to \"get_attr\" can be of the next forms: [resource_name] or \
                        [resource_name, attribute, (path), ...]"
                    .into(),
            );
        }
        match args {
            Value::Array(a) if a.len() == 1 => return Ok((&a[0], None, &[])),
            Value::Array(a) => return Ok((&a[0], Some(&a[1]), &a[2..])),
            // A one-character string is a one-item sequence in Python.
            Value::String(s) if s.chars().count() == 1 => return Ok((args, None, &[])),
            _ => return Err(must_be_list()),
        }
    }
    match args {
        Value::Array(a) if a.len() >= 2 => Ok((&a[0], Some(&a[1]), &a[2..])),
        Value::Array(_) => Err(
            "Arguments to \"get_attr\" must be of the form [resource_name, \
                                attribute, (path), ...]"
                .into(),
        ),
        _ => Err(must_be_list()),
    }
}

/// A resource reference: the resource name, the path of the snippet that
/// holds the call (what Heat reports in InvalidTemplateReference) and the
/// function name.
pub(crate) struct Reference {
    pub resource: String,
    pub path: String,
    pub function: String,
}

/// The resource names a snippet refers to (get_resource, get_attr, Ref).
/// Both branches of an `if` count.
pub(crate) fn references(version: &str, v: &Value, path: &str, out: &mut Vec<Reference>) {
    if let Some((name, kind, args)) = call_of(version, v, Mode::Props) {
        let resource = match kind {
            Func::GetResource | Func::Ref => args.as_str(),
            Func::GetAttr => match get_attr_args(version, args) {
                Ok((Value::String(r), _, _)) => Some(r.as_str()),
                _ => None,
            },
            _ => None,
        };
        if let Some(r) = resource {
            out.push(Reference {
                resource: r.to_string(),
                path: path.to_string(),
                function: name.to_string(),
            });
        }
        references(version, args, &format!("{path}.{name}"), out);
        return;
    }
    match v {
        Value::Object(m) => {
            for (k, item) in m {
                references(version, item, &format!("{path}.{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                references(version, item, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// What evaluation needs; `Context` for properties, a conditions resolver
/// for the `conditions` section.
pub(crate) trait Env {
    fn param(&self, name: &str) -> Option<Value>;
    fn resource_ref(&self, name: &str) -> Option<Value>;
    fn resource_attr(&self, name: &str, path: &[Value]) -> Result<Value, HeatError>;
    /// A named condition; an error for an unknown name.
    fn condition(&self, name: &str) -> Result<bool, HeatError>;
    fn file(&self, key: &str) -> Option<String>;
}

struct CtxEnv<'a>(&'a dyn Context);

impl Env for CtxEnv<'_> {
    fn param(&self, name: &str) -> Option<Value> {
        self.0.param(name)
    }
    fn resource_ref(&self, name: &str) -> Option<Value> {
        self.0.resource_ref(name)
    }
    fn resource_attr(&self, name: &str, path: &[Value]) -> Result<Value, HeatError> {
        self.0.resource_attr(name, path)
    }
    fn condition(&self, name: &str) -> Result<bool, HeatError> {
        self.0
            .condition(name)
            .ok_or_else(|| invalid_condition(&Value::String(name.to_string())))
    }
    fn file(&self, key: &str) -> Option<String> {
        self.0.file(key)
    }
}

/// Evaluation of snippets.
pub(crate) struct Eval<'a> {
    pub version: &'static str,
    pub env: &'a dyn Env,
}

type R = Result<Value, HeatError>;

impl Eval<'_> {
    pub(crate) fn eval(&self, v: &Value, mode: Mode) -> R {
        if let Some((name, kind, args)) = call_of(self.version, v, mode) {
            return self.call(name, kind, args, mode);
        }
        match v {
            Value::Object(m) => {
                let mut out = Map::new();
                for (k, item) in m {
                    out.insert(k.clone(), self.eval(item, mode)?);
                }
                Ok(Value::Object(out))
            }
            Value::Array(items) => items
                .iter()
                .map(|i| self.eval(i, mode))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            other => Ok(other.clone()),
        }
    }

    /// A condition argument: a boolean, or the name of a condition (None
    /// counts as true, as in Heat's `is_enabled`).
    pub(crate) fn condition_value(&self, v: &Value) -> Result<bool, HeatError> {
        match v {
            Value::Bool(b) => Ok(*b),
            Value::Null => Ok(true),
            Value::String(s) => self.env.condition(s),
            other => Err(invalid_condition(other)),
        }
    }

    fn call(&self, name: &str, kind: Func, args: &Value, mode: Mode) -> R {
        match kind {
            Func::Removed => {
                return Err(HeatError::new(
                    "InvalidTemplateVersion",
                    removed_message(name),
                ))
            }
            Func::Unsupported => {
                return Err(invalid(format!(
                    "The function \"{name}\" is not supported by this cloud."
                )))
            }
            Func::Invalid => {
                return Err(invalid(format!(
                    "The function \"{name}\" is invalid in this context"
                )))
            }
            _ => {}
        }
        construct(self.version, name, kind, args, mode).map_err(invalid)?;
        match kind {
            Func::If => {
                let [cond, yes, no] = if_args(args).map_err(invalid)?;
                let c = self.eval(cond, Mode::Cond)?;
                if self.condition_value(&c)? {
                    self.eval(yes, mode)
                } else {
                    self.eval(no, mode)
                }
            }
            Func::GetParam => self.get_param(name, &self.eval(args, mode)?),
            Func::GetResource => {
                let r = self.eval(args, mode)?;
                let rname = py_str(&r);
                self.env
                    .resource_ref(&rname)
                    .ok_or_else(|| reference_error(&rname, "unknown"))
            }
            Func::Ref => {
                if let Value::String(s) = args {
                    if let Some(v) = self.env.resource_ref(s) {
                        return Ok(v);
                    }
                }
                let p = self.eval(args, mode)?;
                let pname = py_str(&p);
                self.env
                    .param(&pname)
                    .ok_or_else(|| reference_error(&pname, "unknown"))
            }
            Func::GetAttr => self.get_attr(args, mode),
            Func::GetFile => {
                let key = self.eval(args, mode)?;
                let Value::String(key) = key else {
                    return Err(invalid(format!("Argument to \"{name}\" must be a string")));
                };
                self.env.file(&key).map(Value::String).ok_or_else(|| {
                    invalid(format!(
                        "No content found in the \"files\" section for {name} path: {key}"
                    ))
                })
            }
            Func::ListJoin | Func::FnJoin => {
                let a = self.eval(args, mode)?;
                if self.version >= "2015-10-15" && kind == Func::ListJoin {
                    join_multiple(name, &a)
                } else {
                    join(name, &a)
                }
            }
            Func::StrReplace | Func::StrReplaceStrict | Func::StrReplaceVstrict => {
                let a = self.eval(args, mode)?;
                let (template, params) = (&a["template"], &a["params"]);
                let json = self.version >= "2015-10-15";
                str_replace(
                    name,
                    template,
                    params,
                    json,
                    kind != Func::StrReplace,
                    kind == Func::StrReplaceVstrict,
                )
            }
            Func::FnReplace => {
                let a = self.eval(args, mode)?;
                str_replace(name, &a[1], &a[0], false, false, false)
            }
            Func::Repeat => self.repeat(name, args, mode),
            Func::Digest => digest(name, &self.eval(args, mode)?),
            Func::StrSplit => str_split(name, &self.eval(args, mode)?),
            Func::FnSplit => {
                let a = as_list(args).ok_or_else(|| invalid("bad arguments"))?;
                let Value::String(delim) = &a[0] else {
                    return Err(invalid(format!("Delimiter for {name} must be string")));
                };
                let s = self.eval(&a[1], mode)?;
                let Value::String(s) = s else {
                    return Err(invalid(format!(
                        "String to split must be string; got <class '{}'>",
                        py_type_name(&s)
                    )));
                };
                if delim.is_empty() {
                    return Err(invalid("empty separator"));
                }
                Ok(Value::Array(
                    s.split(delim.as_str())
                        .map(|p| Value::String(p.into()))
                        .collect(),
                ))
            }
            Func::FnSelect => fn_select(name, &self.eval(args, mode)?),
            Func::FnBase64 => match self.eval(args, mode)? {
                s @ Value::String(_) => Ok(s),
                _ => Err(invalid(format!("\"{name}\" argument must be a string"))),
            },
            Func::FnGetAzs => Ok(Value::Array(vec![Value::String("nova".into())])),
            Func::MapMerge => map_merge(name, &self.eval(args, mode)?),
            Func::MapReplace => map_replace(name, &self.eval(args, mode)?),
            Func::Filter => {
                let a = as_list(args).ok_or_else(|| invalid("bad arguments"))?;
                let seq = self.eval(&a[1], mode)?;
                if !py_truthy(&seq) {
                    return Ok(seq);
                }
                let Value::Array(seq) = seq else {
                    return Err(invalid(format!("\"{name}\" only works with lists")));
                };
                let values = self.eval(&a[0], mode)?;
                if !py_truthy(&values) {
                    return Ok(Value::Array(seq));
                }
                let Value::Array(values) = values else {
                    return Err(invalid(format!("\"{name}\" filters a list of values")));
                };
                Ok(Value::Array(
                    seq.into_iter().filter(|i| !py_in(i, &values)).collect(),
                ))
            }
            Func::MakeUrl => {
                let a = self.eval(args, mode)?;
                make_url(name, &a)
            }
            Func::ListConcat | Func::ListConcatUnique => list_concat(
                name,
                &self.eval(args, mode)?,
                kind == Func::ListConcatUnique,
            ),
            Func::Contains => {
                let a = as_list(args).ok_or_else(|| invalid("bad arguments"))?;
                let value = self.eval(&a[0], mode)?;
                let seq = self.eval(&a[1], mode)?;
                contains(name, &value, &seq)
            }
            Func::Equals => {
                let a = as_list(args).ok_or_else(|| invalid("bad arguments"))?;
                let x = self.eval(&a[0], mode)?;
                let y = self.eval(&a[1], mode)?;
                Ok(Value::Bool(py_eq(&x, &y)))
            }
            Func::Not => {
                let c = self.eval(args, mode)?;
                Ok(Value::Bool(!self.condition_value(&c)?))
            }
            Func::And | Func::Or => {
                let items = self.eval(args, mode)?;
                let Value::Array(items) = items else {
                    return Err(invalid(format!(
                        "Arguments to \"{name}\" must be a list of conditions"
                    )));
                };
                let want = kind == Func::Or;
                for item in &items {
                    if self.condition_value(item)? == want {
                        return Ok(Value::Bool(want));
                    }
                }
                Ok(Value::Bool(!want))
            }
            Func::Removed | Func::Unsupported | Func::Invalid => Err(invalid(name.to_string())),
        }
    }

    fn get_param(&self, name: &str, args: &Value) -> R {
        if !py_truthy(args) {
            return Err(invalid(format!("Function \"{name}\" must have arguments")));
        }
        let (pname, path): (&Value, &[Value]) = match args {
            Value::String(_) => (args, &[]),
            Value::Array(a) => (&a[0], &a[1..]),
            _ => {
                return Err(invalid(format!(
                    "Argument to \"{name}\" must be string or list"
                )))
            }
        };
        let Value::String(pname) = pname else {
            return Err(invalid(format!(
                "Parameter name in \"{name}\" must be string"
            )));
        };
        let value = self.env.param(pname).ok_or_else(|| {
            HeatError::new(
                "UserParameterMissing",
                format!("The Parameter ({pname}) was not provided."),
            )
        })?;
        // Any failure along the path gives "" in Heat.
        let mut cur = value;
        for key in path {
            let next = match (&cur, key) {
                (Value::Object(m), Value::String(k)) => m.get(k).cloned(),
                (Value::Array(_) | Value::String(_), _) => {
                    let i = match key {
                        Value::String(s) => py_int(s),
                        Value::Number(n) => match json_num(n) {
                            Num::Int(i) => Some(i),
                            Num::Float(_) => None,
                        },
                        Value::Bool(b) => Some(i64::from(*b)),
                        _ => None,
                    };
                    match (&cur, i) {
                        (Value::Array(a), Some(i)) => py_index(a.len(), i).map(|i| a[i].clone()),
                        (Value::String(s), Some(i)) => char_at(s, i),
                        _ => None,
                    }
                }
                _ => None,
            };
            match next {
                Some(v) => cur = v,
                None => return Ok(Value::String(String::new())),
            }
        }
        Ok(cur)
    }

    fn get_attr(&self, args: &Value, mode: Mode) -> R {
        let (res, attr, path) = get_attr_args(self.version, args).map_err(invalid)?;
        let res = self.eval(res, mode)?;
        let rname = py_str(&res);
        if self.env.resource_ref(&rname).is_none() {
            return Err(reference_error(&rname, "unknown"));
        }
        let mut full = Vec::new();
        if let Some(attr) = attr {
            full.push(self.eval(attr, mode)?);
            for p in path {
                full.push(self.eval(p, mode)?);
            }
        }
        self.env.resource_attr(&rname, &full)
    }

    fn repeat(&self, name: &str, args: &Value, mode: Mode) -> R {
        let for_each = self.eval(&args["for_each"], mode)?;
        let Value::Object(for_each) = for_each else {
            return Err(invalid(format!(
                "The \"for_each\" argument to \"{name}\" must contain a map"
            )));
        };
        if for_each.is_empty() {
            return Err(invalid("not enough values to unpack (expected 2, got 0)"));
        }
        let nested = if self.version >= "2017-09-01" {
            args.get("permutations")
                .and_then(Value::as_bool)
                .unwrap_or(true)
        } else {
            true
        };
        let maps_ok = self.version >= "2016-10-14" && nested;
        let mut keys = Vec::new();
        let mut lists: Vec<Vec<Value>> = Vec::new();
        let mut lens = Vec::new();
        for (k, v) in &for_each {
            keys.push(k.clone());
            match v {
                Value::Null => lists.push(Vec::new()),
                Value::Array(a) => {
                    lens.push(a.len());
                    lists.push(a.clone());
                }
                Value::Object(m) if maps_ok => {
                    lens.push(m.len());
                    lists.push(m.keys().map(|k| Value::String(k.clone())).collect());
                }
                _ => {
                    let what = if maps_ok { "lists or maps" } else { "lists" };
                    return Err(invalid(format!(
                        "The values of the \"for_each\" argument to \"{name}\" must be {what}"
                    )));
                }
            }
        }
        if !nested && lens.windows(2).any(|w| w[0] != w[1]) {
            return Err(invalid(format!(
                "For {name}, the length of for_each values should be equal if no nested loop."
            )));
        }
        let template = self.eval(&args["template"], mode)?;
        let combos: Vec<Vec<&Value>> = if nested {
            // itertools.product
            let mut acc: Vec<Vec<&Value>> = vec![Vec::new()];
            for list in &lists {
                let mut next = Vec::new();
                for prefix in &acc {
                    for item in list {
                        let mut c = prefix.clone();
                        c.push(item);
                        next.push(c);
                    }
                }
                acc = next;
            }
            acc
        } else {
            // zip
            let n = lists.iter().map(Vec::len).min().unwrap_or(0);
            (0..n)
                .map(|i| lists.iter().map(|l| &l[i]).collect())
                .collect()
        };
        Ok(Value::Array(
            combos
                .iter()
                .map(|values| replace_in(&keys, values, &template))
                .collect(),
        ))
    }
}

/// Repeat's `_do_replacement`.
fn replace_in(keys: &[String], values: &[&Value], template: &Value) -> Value {
    match template {
        Value::String(s) => {
            let mut s = s.clone();
            for (k, v) in keys.iter().zip(values) {
                s = s.replace(k.as_str(), &py_str(v));
            }
            Value::String(s)
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| replace_in(keys, values, i)).collect())
        }
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let nk = match replace_in(keys, values, &Value::String(k.clone())) {
                    Value::String(s) => s,
                    other => key_string(&other),
                };
                out.insert(nk, replace_in(keys, values, v));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

fn join(name: &str, a: &Value) -> R {
    let (delim, strings) = (&a[0], &a[1]);
    let strings = match strings {
        Value::Null => Vec::new(),
        Value::Array(s) => s.clone(),
        _ => return Err(invalid(format!("\"{name}\" must operate on a list"))),
    };
    let Value::String(delim) = delim else {
        return Err(invalid(format!("\"{name}\" delimiter must be a string")));
    };
    let mut parts = Vec::new();
    for s in &strings {
        match s {
            Value::Null => parts.push(String::new()),
            Value::String(s) => parts.push(s.clone()),
            other => {
                return Err(invalid(format!(
                    "Items to join must be strings not {}",
                    truncate(&py_repr(other), 200)
                )))
            }
        }
    }
    Ok(Value::String(parts.join(delim)))
}

fn join_multiple(name: &str, a: &Value) -> R {
    let Value::Array(a) = a else {
        return Err(invalid(format!("\"{name}\" must operate on a list")));
    };
    let mut strings = Vec::new();
    for jl in &a[1..] {
        if !py_truthy(jl) {
            continue;
        }
        let Value::Array(items) = jl else {
            return Err(invalid(format!("\"{name}\" must operate on a list")));
        };
        strings.extend(items.iter().cloned());
    }
    let Value::String(delim) = &a[0] else {
        return Err(invalid(format!("\"{name}\" delimiter must be a string")));
    };
    let mut parts = Vec::new();
    for s in &strings {
        match s {
            Value::Null => parts.push(String::new()),
            Value::String(s) => parts.push(s.clone()),
            v @ (Value::Array(_) | Value::Object(_)) => parts.push(py_json_dumps(v, true)),
            other => {
                return Err(invalid(format!(
                    "Items to join must be string, map or list not {}",
                    truncate(&py_repr(other), 200)
                )))
            }
        }
    }
    Ok(Value::String(parts.join(delim)))
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Heat's Replace / ReplaceJson / ReplaceJsonStrict / ReplaceJsonVeryStrict.
fn str_replace(
    name: &str,
    template: &Value,
    params: &Value,
    json: bool,
    strict: bool,
    vstrict: bool,
) -> R {
    let Value::String(template) = template else {
        return Err(invalid(format!("\"{name}\" template must be a string")));
    };
    let Value::Object(params) = params else {
        return Err(invalid(format!("\"{name}\" params must be a map")));
    };
    // Longer placeholders first, then lexicographic.
    let mut keys: Vec<&String> = params.keys().collect();
    keys.sort();
    keys.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
    let mut values = Vec::new();
    for k in &keys {
        let v = &params[k.as_str()];
        let empty_err = || {
            invalid(format!(
                "{name} has an undefined or empty value for param {k}, must be a defined \
                 non-empty value"
            ))
        };
        let text = match v {
            Value::Null if vstrict => return Err(empty_err()),
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            Value::Number(_) | Value::Bool(_) => py_str(v),
            Value::Array(_) | Value::Object(_) if json => {
                if vstrict && !py_truthy(v) {
                    return Err(empty_err());
                }
                py_json_dumps(v, true)
            }
            _ => {
                return Err(invalid(format!(
                    "\"{name}\" params must be strings or numbers, param {k} is not valid"
                )))
            }
        };
        if vstrict && text.is_empty() {
            return Err(empty_err());
        }
        values.push(text);
    }
    let mut found = vec![false; keys.len()];
    let out = replace_rec(
        std::slice::from_ref(template),
        &keys,
        &values,
        0,
        &mut found,
    );
    if strict {
        let missing: Vec<&str> = keys
            .iter()
            .zip(&found)
            .filter(|(_, f)| !**f)
            .map(|(k, _)| k.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(invalid(format!(
                "The following params were not found in the template: {}",
                missing.join(",")
            )));
        }
    }
    Ok(Value::String(out.into_iter().next().unwrap_or_default()))
}

/// Splits on one placeholder at a time and joins with its value, so that
/// inserted values are never rescanned.
fn replace_rec(
    strings: &[String],
    keys: &[&String],
    values: &[String],
    i: usize,
    found: &mut [bool],
) -> Vec<String> {
    if i >= keys.len() {
        return strings.to_vec();
    }
    strings
        .iter()
        .map(|s| {
            let parts: Vec<String> = s.split(keys[i].as_str()).map(str::to_string).collect();
            if parts.len() > 1 {
                found[i] = true;
            }
            replace_rec(&parts, keys, values, i + 1, found).join(&values[i])
        })
        .collect()
}

fn digest(name: &str, a: &Value) -> R {
    let list_err = || {
        invalid(format!(
            "Argument to function \"{name}\" must be a list of strings"
        ))
    };
    let Value::Array(a) = a else {
        return Err(list_err());
    };
    if !a.iter().all(|v| matches!(v, Value::String(_))) {
        return Err(list_err());
    }
    if a.len() != 2 {
        return Err(invalid(format!(
            "Function \"{name}\" usage: [\"<algorithm>\", \"<value>\"]"
        )));
    }
    let (Value::String(alg), Value::String(value)) = (&a[0], &a[1]) else {
        return Err(list_err());
    };
    // Python's six.b() encodes as latin-1 when it can.
    let bytes: Vec<u8> = if value.chars().all(|c| (c as u32) < 256) {
        value.chars().map(|c| c as u8).collect()
    } else {
        value.as_bytes().to_vec()
    };
    hex_digest(&alg.to_lowercase(), &bytes)
        .map(Value::String)
        .ok_or_else(|| {
            let names: Vec<String> = DIGESTS.iter().map(|n| py_repr_str(n)).collect();
            invalid(format!("Algorithm must be one of {{{}}}", names.join(", ")))
        })
}

const DIGESTS: &[&str] = &[
    "blake2b",
    "blake2s",
    "md5",
    "sha1",
    "sha224",
    "sha256",
    "sha384",
    "sha512",
    "sha512_224",
    "sha512_256",
];

fn hex_digest(alg: &str, data: &[u8]) -> Option<String> {
    use sha2::Digest as _;
    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
    Some(match alg {
        "md5" => hex(&md5::Md5::digest(data)),
        "sha1" => hex(&sha1(data)),
        "sha224" => hex(&sha2::Sha224::digest(data)),
        "sha256" => hex(&sha2::Sha256::digest(data)),
        "sha384" => hex(&sha2::Sha384::digest(data)),
        "sha512" => hex(&sha2::Sha512::digest(data)),
        "sha512_224" => hex(&sha2::Sha512_224::digest(data)),
        "sha512_256" => hex(&sha2::Sha512_256::digest(data)),
        "blake2b" => hex(&blake2::Blake2b512::digest(data)),
        "blake2s" => hex(&blake2::Blake2s256::digest(data)),
        _ => return None,
    })
}

/// SHA-1 (FIPS 180-4); small enough to carry rather than add a crate.
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

fn str_split(name: &str, a: &Value) -> R {
    let example = format!(
        "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ \",\", \"apples,pears\", <index>]"
    );
    let Value::Array(a) = a else {
        return Err(invalid(example));
    };
    if a.len() < 2 {
        return Err(invalid(example));
    }
    let (delim, s) = (&a[0], &a[1]);
    let parts: Vec<String> = match (s, delim) {
        (Value::Null, _) => return Ok(Value::Null),
        (Value::String(_), Value::String(d)) if d.is_empty() => {
            return Err(invalid("empty separator"));
        }
        (Value::String(s), Value::String(d)) => s.split(d.as_str()).map(str::to_string).collect(),
        (Value::String(s), Value::Null) => s.split_whitespace().map(str::to_string).collect(),
        (Value::String(_), other) => {
            return Err(invalid(format!(
                "must be str or None, not {}",
                py_type_name(other)
            )))
        }
        (other, _) => {
            return Err(invalid(format!(
                "'{}' object has no attribute 'split'",
                py_type_name(other)
            )))
        }
    };
    let Some(index) = a.get(2) else {
        return Ok(Value::Array(parts.into_iter().map(Value::String).collect()));
    };
    let i = match index {
        Value::Number(n) => Some(match json_num(n) {
            Num::Int(i) => i,
            Num::Float(f) => f.trunc() as i64,
        }),
        Value::String(s) => py_int(s),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    let Some(i) = i else {
        return Err(invalid(example.replace("arguments", "index")));
    };
    py_index(parts.len(), i)
        .map(|i| Value::String(parts[i].clone()))
        .ok_or_else(|| {
            invalid(format!(
                "Incorrect index to \"{name}\" should be between 0 and {}",
                parts.len() as i64 - 1
            ))
        })
}

fn fn_select(name: &str, a: &Value) -> R {
    let (index, strings) = (&a[0], &a[1]);
    let strings = match strings {
        Value::String(s) if s.is_empty() => return Ok(Value::String(String::new())),
        Value::String(s) => {
            serde_json::from_str::<Value>(s).map_err(|e| invalid(format!("\"{name}\": {e}")))?
        }
        other => other.clone(),
    };
    match &strings {
        Value::Object(m) => {
            let Value::String(k) = index else {
                return Err(invalid(format!("Index to \"{name}\" must be a string")));
            };
            Ok(m.get(k)
                .cloned()
                .unwrap_or_else(|| Value::String(String::new())))
        }
        Value::Array(items) => {
            let i = match index {
                Value::Number(n) => match json_num(n) {
                    Num::Int(i) => Some(i),
                    Num::Float(f) => Some(f.trunc() as i64),
                },
                Value::String(s) => py_int(s),
                _ => None,
            };
            let Some(i) = i else {
                return Err(invalid(format!("Index to \"{name}\" must be an integer")));
            };
            Ok(py_index(items.len(), i)
                .map(|i| items[i].clone())
                .unwrap_or_else(|| Value::String(String::new())))
        }
        Value::Null => Ok(Value::String(String::new())),
        _ => Err(invalid(format!("Arguments to {name} not fully resolved"))),
    }
}

fn map_merge(name: &str, a: &Value) -> R {
    let items: Vec<Value> = match a {
        Value::Array(items) => items.clone(),
        // A Python string is a sequence of one-character strings.
        Value::String(s) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        _ => {
            return Err(invalid(format!(
                "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ {{ \"key1\": \"val1\" }}, {{ \"key2\": \"val2\" }} ]"
            )))
        }
    };
    let mut out = Map::new();
    for m in items {
        match m {
            Value::Null => {}
            Value::Object(m) => out.extend(m),
            _ => return Err(invalid("Incorrect arguments: Items to merge must be maps.")),
        }
    }
    Ok(Value::Object(out))
}

fn map_replace(name: &str, a: &Value) -> R {
    let example = format!(
        "\"{name}\" : [ {{ \"key1\": \"val1\" }}, {{\"keys\": {{\"key1\": \"key2\"}}, \"values\": {{\"val1\": \"val2\"}}}}]"
    );
    let ensure_map = |v: &Value| -> Result<Map<String, Value>, HeatError> {
        match v {
            Value::Null => Ok(Map::new()),
            Value::Object(m) => Ok(m.clone()),
            _ => Err(invalid(format!(
                "Incorrect arguments: to \"{name}\", arguments must be a list of maps. Example:  {example}"
            ))),
        }
    };
    let incorrect = || {
        invalid(format!(
            "Incorrect arguments to \"{name}\" should be: {example}"
        ))
    };
    let Value::Array(a) = a else {
        return Err(incorrect());
    };
    if a.is_empty() {
        return Err(incorrect());
    }
    let in_map = ensure_map(&a[0])?;
    let Some(second) = a.get(1) else {
        return Err(incorrect());
    };
    let repl = ensure_map(second)?;
    if a.len() > 2 {
        return Err(incorrect());
    }
    if repl.keys().any(|k| k != "keys" && k != "values") {
        return Err(incorrect());
    }
    let empty = Value::Object(Map::new());
    let repl_keys = ensure_map(repl.get("keys").unwrap_or(&empty))?;
    let repl_values = ensure_map(repl.get("values").unwrap_or(&empty))?;
    let mut out = Map::new();
    for (k, v) in &in_map {
        let key = match repl_keys.get(k) {
            None | Some(Value::Null) => k.clone(),
            Some(new) => {
                let new = key_string(new);
                if in_map.contains_key(&new) && &new != k {
                    return Err(invalid(format!(
                        "key replacement {new} collides with a key in the input map"
                    )));
                }
                if out.contains_key(&new) {
                    return Err(invalid(format!(
                        "key replacement {new} collides with a key in the output map"
                    )));
                }
                new
            }
        };
        let value = match v {
            Value::String(s) => repl_values.get(s).cloned().unwrap_or_else(|| v.clone()),
            other => other.clone(),
        };
        out.insert(key, value);
    }
    Ok(Value::Object(out))
}

fn list_concat(name: &str, a: &Value, unique: bool) -> R {
    let Value::Array(a) = a else {
        return Err(invalid(format!(
            "Incorrect arguments to \"{name}\" should be: \"{name}\" : [ [ <value 1>, <value 2> ], [ <value 3>, <value 4> ] ]"
        )));
    };
    let mut out: Vec<Value> = Vec::new();
    for m in a {
        match m {
            Value::Null => {}
            Value::Array(items) => out.extend(items.iter().cloned()),
            _ => {
                return Err(invalid(
                    "Incorrect arguments: Items to concat must be lists.",
                ))
            }
        }
    }
    if unique {
        // Heat's in-place loop: keeps the last copy of each item.
        let mut i = 0;
        while i < out.len() {
            let item = out[i].clone();
            while out.iter().filter(|x| py_eq(x, &item)).count() > 1 {
                if let Some(first) = out.iter().position(|x| py_eq(x, &item)) {
                    out.remove(first);
                }
            }
            i += 1;
        }
    }
    Ok(Value::Array(out))
}

fn contains(name: &str, value: &Value, seq: &Value) -> R {
    match seq {
        Value::Array(items) => Ok(Value::Bool(py_in(value, items))),
        Value::String(s) => match value {
            Value::String(v) => Ok(Value::Bool(s.contains(v.as_str()))),
            other => Err(invalid(format!(
                "'in <string>' requires string as left operand, not {}",
                py_type_name(other)
            ))),
        },
        _ => Err(invalid(format!(
            "Second argument to \"{name}\" should be a sequence."
        ))),
    }
}

/// Python's `urllib.parse.quote` (always-safe ASCII letters, digits, `_.-~`).
fn quote(s: &str, safe: &str) -> String {
    let mut out = String::new();
    for b in s.as_bytes() {
        let c = *b as char;
        if c.is_ascii_alphanumeric() || "_.-~".contains(c) || (b.is_ascii() && safe.contains(c)) {
            out.push(c);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn quote_plus(s: &str) -> String {
    quote(s, " ").replace(' ', "+")
}

const USES_NETLOC: &[&str] = &[
    "", "ftp", "http", "gopher", "nntp", "telnet", "imap", "wais", "file", "mms", "https", "shttp",
    "snews", "prospero", "rtsp", "rtspu", "rsync", "svn", "svn+ssh", "sftp", "nfs", "git",
    "git+ssh", "ws", "wss",
];

fn make_url(name: &str, args: &Value) -> R {
    let Value::Object(args) = args else {
        return Err(invalid(format!(
            "The arguments to \"{name}\" must be a map"
        )));
    };
    make_url_check(name, args, |_| false).map_err(invalid)?;
    let text = |k: &str| -> String {
        match args.get(k) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => py_str(other),
        }
    };
    let scheme = text("scheme");
    if scheme.contains(':') {
        return Err(invalid("URL \"scheme\" should not contain ':'"));
    }
    let mut netloc = String::new();
    let (username, password) = (quote(&text("username"), ""), quote(&text("password"), ""));
    if !username.is_empty() || !password.is_empty() {
        netloc.push_str(&username);
        if !password.is_empty() {
            netloc.push(':');
            netloc.push_str(&password);
        }
        netloc.push('@');
    }
    let mut host = text("host");
    if host.starts_with('[') && host.ends_with(']') && host.len() >= 2 {
        host = host[1..host.len() - 1].to_string();
    }
    let host = quote(&host, ":");
    if host.contains(':') {
        netloc.push_str(&format!("[{host}]"));
    } else {
        netloc.push_str(&host);
    }
    match args.get("port") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s.is_empty() => {}
        Some(p) => {
            netloc.push(':');
            netloc.push_str(&py_str(p));
        }
    }
    let path = quote(&text("path"), "/");
    let query = match args.get("query") {
        Some(Value::Object(q)) => q
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => py_str(other),
                };
                format!("{}={}", quote_plus(k), quote_plus(&v))
            })
            .collect::<Vec<_>>()
            .join("&")
            .replace("%2F", "/"),
        _ => String::new(),
    };
    let fragment = quote(&text("fragment"), "/");
    // urllib.parse.urlunsplit
    let mut url = path;
    if !netloc.is_empty()
        || (!scheme.is_empty() && USES_NETLOC.contains(&scheme.as_str()) && !url.starts_with("//"))
    {
        if !url.is_empty() && !url.starts_with('/') {
            url = format!("/{url}");
        }
        url = format!("//{netloc}{url}");
    }
    if !scheme.is_empty() {
        url = format!("{scheme}:{url}");
    }
    if !query.is_empty() {
        url = format!("{url}?{query}");
    }
    if !fragment.is_empty() {
        url = format!("{url}#{fragment}");
    }
    Ok(Value::String(url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::BTreeMap;

    /// A stack for tests: params, resources (ref + attributes), conditions.
    #[derive(Default)]
    struct Ctx {
        params: BTreeMap<String, Value>,
        refs: BTreeMap<String, Value>,
        attrs: BTreeMap<String, Value>,
        conds: BTreeMap<String, bool>,
        files: BTreeMap<String, String>,
    }

    impl Context for Ctx {
        fn param(&self, name: &str) -> Option<Value> {
            self.params.get(name).cloned()
        }
        fn resource_ref(&self, name: &str) -> Option<Value> {
            self.refs.get(name).cloned()
        }
        fn resource_attr(&self, name: &str, path: &[Value]) -> Result<Value, HeatError> {
            let all = self.attrs.get(name).cloned().unwrap_or(Value::Null);
            Ok(select_attribute_path(&all, path))
        }
        fn condition(&self, name: &str) -> Option<bool> {
            self.conds.get(name).copied()
        }
        fn file(&self, key: &str) -> Option<String> {
            self.files.get(key).cloned()
        }
    }

    fn ctx() -> Ctx {
        let mut c = Ctx::default();
        c.params.insert("name".into(), json!("web"));
        c.params.insert("count".into(), json!(3));
        c.params.insert("nets".into(), json!(["a", "b"]));
        c.params.insert(
            "cfg".into(),
            json!({"db": {"port": 5432}, "list": [10, 20]}),
        );
        c.params.insert("OS::stack_name".into(), json!("mystack"));
        c.refs.insert("server".into(), json!("srv-id"));
        c.refs.insert("port".into(), Value::Null);
        c.attrs.insert(
            "server".into(),
            json!({"first_address": "10.0.0.5", "networks": {"private": ["10.0.0.5", "fd00::5"]}}),
        );
        c.conds.insert("prod".into(), true);
        c.conds.insert("dev".into(), false);
        c.files.insert("script.sh".into(), "#!/bin/sh\n".into());
        c
    }

    fn r(v: Value, version: &str) -> Result<Value, HeatError> {
        resolve(&v, version, &ctx())
    }

    fn ok(v: Value) -> Value {
        r(v, "2021-04-16").unwrap()
    }

    fn err(v: Value, version: &str) -> String {
        r(v, version).unwrap_err().message
    }

    #[test]
    fn get_param_plain_and_path() {
        assert_eq!(ok(json!({"get_param": "name"})), json!("web"));
        assert_eq!(ok(json!({"get_param": ["cfg", "db", "port"]})), json!(5432));
        assert_eq!(ok(json!({"get_param": ["cfg", "list", 1]})), json!(20));
        assert_eq!(ok(json!({"get_param": ["cfg", "list", "0"]})), json!(10));
        assert_eq!(ok(json!({"get_param": ["nets", -1]})), json!("b"));
        // Heat answers "" when the path does not fit.
        assert_eq!(ok(json!({"get_param": ["cfg", "nope", "x"]})), json!(""));
        assert_eq!(ok(json!({"get_param": "OS::stack_name"})), json!("mystack"));
        let e = r(json!({"get_param": "missing"}), "2021-04-16").unwrap_err();
        assert_eq!(e.kind, "UserParameterMissing");
        assert_eq!(e.message, "The Parameter (missing) was not provided.");
        assert_eq!(
            err(json!({"get_param": []}), "2021-04-16"),
            "Function \"get_param\" must have arguments"
        );
        assert_eq!(
            err(json!({"get_param": {"a": 1}}), "2021-04-16"),
            "Argument to \"get_param\" must be string or list"
        );
        assert_eq!(
            err(json!({"get_param": [1]}), "2021-04-16"),
            "Parameter name in \"get_param\" must be string"
        );
    }

    #[test]
    fn get_resource_and_get_attr() {
        assert_eq!(ok(json!({"get_resource": "server"})), json!("srv-id"));
        assert_eq!(ok(json!({"get_resource": "port"})), Value::Null);
        let e = r(json!({"get_resource": "nope"}), "2021-04-16").unwrap_err();
        assert_eq!(e.kind, "InvalidTemplateReference");
        assert_eq!(
            e.message,
            "The specified reference \"nope\" (in unknown) is incorrect."
        );
        assert_eq!(
            ok(json!({"get_attr": ["server", "first_address"]})),
            json!("10.0.0.5")
        );
        assert_eq!(
            ok(json!({"get_attr": ["server", "networks", "private", 1]})),
            json!("fd00::5")
        );
        assert_eq!(
            ok(json!({"get_attr": ["server"]}))["first_address"],
            json!("10.0.0.5")
        );
        assert_eq!(
            err(json!({"get_attr": ["server"]}), "2015-04-30"),
            "Arguments to \"get_attr\" must be of the form [resource_name, attribute, (path), ...]"
        );
        assert_eq!(
            err(json!({"get_attr": "server"}), "2021-04-16"),
            "Argument to \"get_attr\" must be a list"
        );
        assert_eq!(
            err(json!({"get_attr": []}), "2021-04-16"),
            "Arguments to \"get_attr\" can be of the next forms: [resource_name] or [resource_name, attribute, (path), ...]"
        );
        // The resource name itself may come from a function.
        assert_eq!(
            ok(
                json!({"get_attr": [{"str_replace": {"template": "serXer", "params": {"X": "v"}}}, "first_address"]})
            ),
            json!("10.0.0.5")
        );
    }

    #[test]
    fn str_replace_variants() {
        let v = json!({"str_replace": {"template": "http://host:port/", "params": {"host": {"get_attr": ["server", "first_address"]}, "port": 8080}}});
        assert_eq!(ok(v), json!("http://10.0.0.5:8080/"));
        // Longer keys win; inserted values are not rescanned.
        let v = json!({"str_replace": {"template": "$var $var2", "params": {"$var": "$var2", "$var2": "x"}}});
        assert_eq!(ok(v), json!("$var2 x"));
        // Lists and maps are JSON-serialised from 2015-10-15.
        let v = json!({"str_replace": {"template": "v=V", "params": {"V": {"b": 1, "a": [true, null]}}}});
        assert_eq!(ok(v.clone()), json!("v={\"a\": [true, null], \"b\": 1}"));
        assert_eq!(
            err(v, "2015-04-30"),
            "\"str_replace\" params must be strings or numbers, param V is not valid"
        );
        assert_eq!(
            ok(json!({"str_replace": {"template": "a-B", "params": {"B": true}}})),
            json!("a-True")
        );
        assert_eq!(
            err(json!({"str_replace": "x"}), "2021-04-16"),
            "Arguments to \"str_replace\" must be a map"
        );
        assert_eq!(
            err(json!({"str_replace": {"template": "x"}}), "2021-04-16"),
            "'\"str_replace\" syntax should be str_replace:\\n              template: This is var1 template var2\\n              params:\\n                var1: a\\n                var2: string'"
        );
        assert_eq!(
            err(
                json!({"str_replace": {"template": "x", "params": []}}),
                "2021-04-16"
            ),
            "\"str_replace\" parameters must be a mapping"
        );
        assert_eq!(
            err(
                json!({"str_replace": {"template": 5, "params": {}}}),
                "2021-04-16"
            ),
            "\"str_replace\" template must be a string"
        );
    }

    #[test]
    fn str_replace_strict_and_vstrict() {
        let v = json!({"str_replace_strict": {"template": "a b", "params": {"a": "1", "zz": "2", "yy": "3"}}});
        assert_eq!(
            err(v, "2018-03-02"),
            "The following params were not found in the template: yy,zz"
        );
        assert_eq!(
            ok(json!({"str_replace_strict": {"template": "a b", "params": {"a": "1"}}})),
            json!("1 b")
        );
        // Not there before 2017-02-24: the map is data.
        let v = json!({"str_replace_strict": {"template": "a", "params": {"a": "1"}}});
        assert_eq!(r(v.clone(), "2016-10-14").unwrap(), v);
        assert_eq!(
            err(json!({"str_replace_vstrict": {"template": "a", "params": {"a": ""}}}), "2018-08-31"),
            "str_replace_vstrict has an undefined or empty value for param a, must be a defined non-empty value"
        );
    }

    #[test]
    fn list_join_single_and_multiple() {
        assert_eq!(
            ok(json!({"list_join": [",", ["a", "b"], ["c"]]})),
            json!("a,b,c")
        );
        assert_eq!(
            ok(json!({"list_join": ["-", {"get_param": "nets"}]})),
            json!("a-b")
        );
        assert_eq!(
            ok(json!({"list_join": [" ", ["a", {"k": 1}, null]]})),
            json!("a {\"k\": 1} ")
        );
        assert_eq!(
            err(json!({"list_join": [",", ["a"], ["b"]]}), "2015-04-30"),
            "Incorrect arguments to \"list_join\" should be: \"list_join\" : [ \" \", [ \"str1\", \"str2\"]]"
        );
        assert_eq!(
            err(json!({"list_join": [",", ["a", 1]]}), "2015-04-30"),
            "Items to join must be strings not 1"
        );
        assert_eq!(
            err(json!({"list_join": [",", ["a", 1]]}), "2021-04-16"),
            "Items to join must be string, map or list not 1"
        );
        assert_eq!(
            err(json!({"list_join": [","]}), "2021-04-16"),
            "Incorrect arguments to \"list_join\" should be: \"list_join\" : [ \" \", [ \"str1\", \"str2\"] ...]"
        );
        assert_eq!(
            err(json!({"list_join": [",", "abc"]}), "2021-04-16"),
            "\"list_join\" must operate on a list"
        );
        assert_eq!(
            err(json!({"list_join": [1, ["a"]]}), "2021-04-16"),
            "\"list_join\" delimiter must be a string"
        );
    }

    #[test]
    fn repeat_permutations_and_zip() {
        let v = json!({"repeat": {"for_each": {"%n%": ["a", "b"], "%p%": [1, 2]}, "template": {"port": "%n%-%p%"}}});
        assert_eq!(
            ok(v),
            json!([{"port": "a-1"}, {"port": "a-2"}, {"port": "b-1"}, {"port": "b-2"}])
        );
        let v = json!({"repeat": {"for_each": {"%n%": ["a", "b"], "%p%": ["x", "y"]}, "template": "%n%%p%", "permutations": false}});
        assert_eq!(ok(v), json!(["ax", "by"]));
        let v = json!({"repeat": {"for_each": {"%n%": ["a"], "%p%": ["x", "y"]}, "template": "%n%", "permutations": false}});
        assert_eq!(
            err(v, "2017-09-01"),
            "For repeat, the length of for_each values should be equal if no nested loop."
        );
        let v = json!({"repeat": {"for_each": {"<%key%>": {"get_param": "cfg"}}, "template": "k=<%key%>"}});
        assert_eq!(ok(v), json!(["k=db", "k=list"]));
        let v = json!({"repeat": {"for_each": {"%k%": {"a": 1}}, "template": "%k%"}});
        assert_eq!(
            err(v, "2016-04-08"),
            "The values of the \"for_each\" argument to \"repeat\" must be lists"
        );
        let v = json!({"repeat": {"for_each": {"%k%": ["a"]}, "template": "%k%", "permutations": "no"}});
        assert_eq!(
            err(v, "2017-09-01"),
            "\"permutations\" should be boolean type for repeat function."
        );
        assert_eq!(
            err(json!({"repeat": [1]}), "2017-09-01"),
            "Arguments to \"repeat\" must be a map"
        );
        assert!(err(json!({"repeat": {"template": "x"}}), "2017-09-01")
            .starts_with("'\"repeat\" syntax should be repeat:\\n"));
        // Not a function before 2015-04-30.
        let v = json!({"repeat": {"for_each": {"x": [1]}, "template": "x"}});
        assert_eq!(r(v.clone(), "2014-10-16").unwrap(), v);
    }

    #[test]
    fn if_with_conditions_and_gating() {
        assert_eq!(ok(json!({"if": ["prod", "big", "small"]})), json!("big"));
        assert_eq!(
            ok(json!({"if": ["dev", "big", {"get_param": "name"}]})),
            json!("web")
        );
        assert_eq!(
            ok(json!({"if": [{"equals": [{"get_param": "count"}, 3]}, 1, 2]})),
            json!(1)
        );
        assert_eq!(ok(json!({"if": [{"not": "prod"}, 1, 2]})), json!(2));
        assert_eq!(ok(json!({"if": [true, 1, 2]})), json!(1));
        // The unused branch is never evaluated.
        assert_eq!(
            ok(json!({"if": ["prod", 1, {"get_param": "missing"}]})),
            json!(1)
        );
        assert_eq!(
            err(json!({"if": ["nope", 1, 2]}), "2021-04-16"),
            "Invalid condition \"nope\""
        );
        assert_eq!(
            err(json!({"if": ["prod", 1]}), "2021-04-16"),
            "Arguments to \"if\" must be of the form: [condition_name, value_if_true, value_if_false]"
        );
        assert_eq!(
            err(
                json!({"if": [{"get_resource": "server"}, 1, 2]}),
                "2021-04-16"
            ),
            "The function \"get_resource\" is invalid in this context"
        );
        // Before 2016-10-14 `if` is no function: the map stays data.
        let v = json!({"if": ["prod", 1, 2]});
        assert_eq!(r(v.clone(), "2015-10-15").unwrap(), v);
        // Condition functions are data outside conditions.
        let v = json!({"equals": [1, 1]});
        assert_eq!(ok(v.clone()), v);
    }

    #[test]
    fn str_split_and_map_functions() {
        assert_eq!(
            ok(json!({"str_split": [",", "a,b,c"]})),
            json!(["a", "b", "c"])
        );
        assert_eq!(ok(json!({"str_split": [",", "a,b,c", 1]})), json!("b"));
        assert_eq!(ok(json!({"str_split": [",", "a,b,c", "2"]})), json!("c"));
        assert_eq!(
            err(json!({"str_split": [",", "a,b", 5]}), "2021-04-16"),
            "Incorrect index to \"str_split\" should be between 0 and 1"
        );
        assert_eq!(
            err(json!({"str_split": "a,b"}), "2021-04-16"),
            "Incorrect arguments to \"str_split\" should be: \"str_split\" : [ \",\", \"apples,pears\", <index>]"
        );
        assert_eq!(
            err(json!({"str_split": [","]}), "2021-04-16"),
            "Incorrect arguments to \"str_split\" should be: \"str_split\" : [ \",\", \"apples,pears\", <index>]"
        );
        assert_eq!(
            ok(json!({"map_merge": [{"a": 1, "b": 2}, null, {"a": 3}]})),
            json!({"a": 3, "b": 2})
        );
        assert_eq!(
            err(json!({"map_merge": [{"a": 1}, [1]]}), "2021-04-16"),
            "Incorrect arguments: Items to merge must be maps."
        );
        assert_eq!(
            ok(
                json!({"map_replace": [{"k1": "v1", "k2": "v2"}, {"keys": {"k1": "K1"}, "values": {"v2": "V2"}}]})
            ),
            json!({"K1": "v1", "k2": "V2"})
        );
        assert_eq!(
            err(
                json!({"map_replace": [{"a": 1, "b": 2}, {"keys": {"a": "b"}}]}),
                "2021-04-16"
            ),
            "key replacement b collides with a key in the input map"
        );
    }

    #[test]
    fn list_functions_contains_filter() {
        assert_eq!(
            ok(json!({"list_concat": [[1, 2], null, [2, 3]]})),
            json!([1, 2, 2, 3])
        );
        assert_eq!(
            ok(json!({"list_concat_unique": [[1, 2], [2, 3, 1]]})),
            json!([2, 3, 1])
        );
        assert_eq!(
            err(json!({"list_concat": [[1], "x"]}), "2021-04-16"),
            "Incorrect arguments: Items to concat must be lists."
        );
        assert_eq!(
            ok(json!({"contains": ["a", {"get_param": "nets"}]})),
            json!(true)
        );
        assert_eq!(ok(json!({"contains": [3, [1, 2]]})), json!(false));
        assert_eq!(
            err(json!({"contains": ["a", {"k": 1}]}), "2021-04-16"),
            "Second argument to \"contains\" should be a sequence."
        );
        assert_eq!(
            err(json!({"contains": ["a"]}), "2021-04-16"),
            "Arguments to \"contains\" must be of the form: [value1, [value1, value2]]"
        );
        assert_eq!(
            ok(json!({"filter": [[2, null], [1, 2, null, 3]]})),
            json!([1, 3])
        );
        assert_eq!(
            err(json!({"filter": [[1]]}), "2021-04-16"),
            "\"filter\" expected 2 arguments of the form [values, sequence] but got 1 arguments instead"
        );
        // contains is 2017-09-01+
        let v = json!({"contains": ["a", ["a"]]});
        assert_eq!(r(v.clone(), "2017-02-24").unwrap(), v);
    }

    #[test]
    fn digest_get_file_make_url() {
        assert_eq!(
            ok(json!({"digest": ["sha256", "abc"]})),
            json!("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        );
        assert_eq!(
            ok(json!({"digest": ["md5", "abc"]})),
            json!("900150983cd24fb0d6963f7d28e17f72")
        );
        assert_eq!(
            ok(json!({"digest": ["SHA1", "abc"]})),
            json!("a9993e364706816aba3e25717850c26c9cd0d89d")
        );
        assert!(err(json!({"digest": ["crc", "abc"]}), "2021-04-16")
            .starts_with("Algorithm must be one of {"));
        assert_eq!(
            err(json!({"digest": ["md5"]}), "2021-04-16"),
            "Function \"digest\" usage: [\"<algorithm>\", \"<value>\"]"
        );
        assert_eq!(ok(json!({"get_file": "script.sh"})), json!("#!/bin/sh\n"));
        assert_eq!(
            err(json!({"get_file": "x"}), "2021-04-16"),
            "No content found in the \"files\" section for get_file path: x"
        );
        let v = json!({"make_url": {"scheme": "https", "host": "example.com", "port": 8443, "path": "/a b", "query": {"q": "x/y z"}, "fragment": "f"}});
        assert_eq!(ok(v), json!("https://example.com:8443/a%20b?q=x/y+z#f"));
        let v = json!({"make_url": {"scheme": "http", "host": "::1", "username": "u@", "password": "p"}});
        assert_eq!(ok(v), json!("http://u%40:p@[::1]"));
        assert_eq!(
            err(json!({"make_url": {"port": 70000}}), "2021-04-16"),
            "Invalid URL port 70000, must be in range 1-65535"
        );
        assert_eq!(
            err(json!({"make_url": {"hots": "x"}}), "2021-04-16"),
            "Invalid arguments to \"make_url\": hots"
        );
    }

    #[test]
    fn nesting_and_removed_functions() {
        let v = json!({"list_join": ["-", [{"str_split": [",", {"get_param": "name"}, 0]}, {"str_replace": {"template": "n=N", "params": {"N": {"get_param": "count"}}}}]]});
        assert_eq!(ok(v), json!("web-n=3"));
        let e = r(json!({"Fn::Join": [",", ["a"]]}), "2016-10-14").unwrap_err();
        assert_eq!(e.kind, "InvalidTemplateVersion");
        assert_eq!(
            e.message,
            "The template version is invalid: The function Fn::Join is not supported in this version of HOT."
        );
        assert_eq!(
            r(json!({"Fn::Join": [",", ["a", "b"]]}), "2013-05-23").unwrap(),
            json!("a,b")
        );
        assert_eq!(
            r(json!({"Ref": "name"}), "2013-05-23").unwrap(),
            json!("web")
        );
        assert_eq!(
            r(json!({"Ref": "server"}), "2013-05-23").unwrap(),
            json!("srv-id")
        );
        assert_eq!(
            r(json!({"Fn::Select": ["1", ["a", "b"]]}), "2015-04-30").unwrap(),
            json!("b")
        );
        assert_eq!(
            r(json!({"Fn::Select": ["k", {"k": "v"}]}), "2013-05-23").unwrap(),
            json!("v")
        );
        // Maps with more than one key are data even if a key is a function name.
        let v = json!({"get_param": "name", "other": 1});
        assert_eq!(ok(v.clone()), v);
    }

    #[test]
    fn check_snippet_reports_paths() {
        let e = check_snippet(
            &json!({"name": {"str_replace": {"template": "x", "params": [1]}}}),
            "2016-10-14",
            "resources.web.properties",
        )
        .unwrap_err();
        assert_eq!(e.kind, "StackValidationFailed");
        assert_eq!(
            e.message,
            "resources.web.properties.name.str_replace: \"str_replace\" parameters must be a mapping"
        );
        let e = check_snippet(
            &json!({"nets": [{"Fn::Split": [",", "a"]}]}),
            "2016-10-14",
            "resources.web.properties",
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "resources.web.properties.nets[0].Fn::Split: The template version is invalid: The function Fn::Split is not supported in this version of HOT."
        );
    }

    #[test]
    fn attribute_paths() {
        let v = json!({"a": [1, {"b": "c"}]});
        assert_eq!(
            select_attribute_path(&v, &[json!("a"), json!(1), json!("b")]),
            json!("c")
        );
        assert_eq!(
            select_attribute_path(&v, &[json!("a"), json!("1")]),
            Value::Null
        );
        assert_eq!(select_attribute_path(&v, &[json!("z")]), Value::Null);
    }
}
