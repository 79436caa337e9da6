//! The `conditions` section and resource/output `condition` fields.

use std::cell::RefCell;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::functions::{invalid_condition, Env, Eval};
use super::model::Template;
use super::pyfmt::py_str;
use super::versions::{canonical_version, Mode};
use super::HeatError;

/// The newest version: its condition table is a superset of the older
/// ones, and `Template::load` already rejected functions a template's own
/// version lacks.
const LATEST: &str = "2021-04-16";

/// Evaluates the `conditions` section: names may refer to each other
/// (through `not`/`and`/`or`/`if`); `get_param` reads `params`, which
/// should also hold the pseudo parameters if conditions use them.
pub fn evaluate_conditions(
    t: &Template,
    params: &Map<String, Value>,
) -> Result<BTreeMap<String, bool>, HeatError> {
    let env = SectionEnv {
        t,
        params,
        memo: RefCell::new(BTreeMap::new()),
    };
    t.conditions
        .keys()
        .map(|name| env.condition(name).map(|b| (name.clone(), b)))
        .collect()
}

/// Whether a resource/output `condition` holds (None -> true): a condition
/// name, a boolean, or an expression over named conditions.
pub fn condition_holds(
    cond: Option<&Value>,
    conditions: &BTreeMap<String, bool>,
) -> Result<bool, HeatError> {
    condition_holds_with(cond, conditions, &Map::new())
}

/// [`condition_holds`] for expressions that also use `get_param`.
pub fn condition_holds_with(
    cond: Option<&Value>,
    conditions: &BTreeMap<String, bool>,
    params: &Map<String, Value>,
) -> Result<bool, HeatError> {
    let env = KnownEnv { conditions, params };
    let eval = Eval {
        version: LATEST,
        env: &env,
    };
    match cond {
        None => Ok(true),
        Some(v @ Value::Object(_)) => {
            let resolved = eval.eval(v, Mode::Cond)?;
            eval.condition_value(&resolved)
        }
        Some(v) => eval.condition_value(v),
    }
}

enum State {
    InProgress,
    Done(bool),
}

/// Resolves named conditions on demand, each once, catching cycles.
struct SectionEnv<'a> {
    t: &'a Template,
    params: &'a Map<String, Value>,
    memo: RefCell<BTreeMap<String, State>>,
}

impl Env for SectionEnv<'_> {
    fn param(&self, name: &str) -> Option<Value> {
        self.params.get(name).cloned()
    }

    fn resource_ref(&self, _name: &str) -> Option<Value> {
        None
    }

    fn resource_attr(&self, name: &str, _path: &[Value]) -> Result<Value, HeatError> {
        Err(HeatError::invalid(format!(
            "Resource {name} cannot be used in a condition"
        )))
    }

    fn condition(&self, name: &str) -> Result<bool, HeatError> {
        let Some(def) = self.t.conditions.get(name) else {
            return Err(invalid_condition(&Value::String(name.to_string())));
        };
        match self.memo.borrow().get(name) {
            Some(State::Done(b)) => return Ok(*b),
            Some(State::InProgress) => {
                return Err(HeatError::invalid(format!(
                    "Condition validation error: Circular definition for condition \"{name}\""
                )))
            }
            None => {}
        }
        self.memo
            .borrow_mut()
            .insert(name.to_string(), State::InProgress);
        let version = canonical_version(&self.t.version).unwrap_or(LATEST);
        let value = Eval { version, env: self }.eval(def, Mode::Cond)?;
        let Value::Bool(b) = value else {
            return Err(HeatError::invalid(format!(
                "Condition validation error: The definition of condition \"{name}\" is \
                 invalid: {}",
                py_str(&value)
            )));
        };
        self.memo
            .borrow_mut()
            .insert(name.to_string(), State::Done(b));
        Ok(b)
    }

    fn file(&self, _key: &str) -> Option<String> {
        None
    }
}

/// Already evaluated conditions.
struct KnownEnv<'a> {
    conditions: &'a BTreeMap<String, bool>,
    params: &'a Map<String, Value>,
}

impl Env for KnownEnv<'_> {
    fn param(&self, name: &str) -> Option<Value> {
        self.params.get(name).cloned()
    }

    fn resource_ref(&self, _name: &str) -> Option<Value> {
        None
    }

    fn resource_attr(&self, name: &str, _path: &[Value]) -> Result<Value, HeatError> {
        Err(HeatError::invalid(format!(
            "Resource {name} cannot be used in a condition"
        )))
    }

    fn condition(&self, name: &str) -> Result<bool, HeatError> {
        self.conditions
            .get(name)
            .copied()
            .ok_or_else(|| invalid_condition(&Value::String(name.to_string())))
    }

    fn file(&self, _key: &str) -> Option<String> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template(conditions: Value, version: &str) -> Template {
        Template::load(json!({
            "heat_template_version": version,
            "parameters": {
                "env": {"type": "string", "default": "prod"},
                "zones": {"type": "comma_delimited_list", "default": "a,b"},
                "flag": {"type": "boolean", "default": false}
            },
            "conditions": conditions,
            "resources": {}
        }))
        .unwrap()
    }

    fn params() -> Map<String, Value> {
        let mut p = Map::new();
        p.insert("env".into(), json!("prod"));
        p.insert("zones".into(), json!(["a", "b"]));
        p.insert("flag".into(), json!(false));
        p
    }

    #[test]
    fn conditions_refer_to_each_other() {
        let t = template(
            json!({
                "is_prod": {"equals": [{"get_param": "env"}, "prod"]},
                "not_prod": {"not": "is_prod"},
                "both": {"and": ["is_prod", {"get_param": "flag"}]},
                "either": {"or": ["not_prod", "is_prod"]},
                "always": true,
                "has_a": {"contains": ["a", {"get_param": "zones"}]}
            }),
            "2017-09-01",
        );
        let c = evaluate_conditions(&t, &params()).unwrap();
        assert!(c["is_prod"]);
        assert!(!c["not_prod"]);
        assert!(!c["both"]);
        assert!(c["either"]);
        assert!(c["always"]);
        assert!(c["has_a"]);
    }

    #[test]
    fn condition_errors() {
        let t = template(json!({"a": {"not": "b"}, "b": {"not": "a"}}), "2016-10-14");
        assert_eq!(
            evaluate_conditions(&t, &params()).unwrap_err().message,
            "Condition validation error: Circular definition for condition \"a\""
        );
        let t = template(json!({"a": {"not": "nope"}}), "2016-10-14");
        assert_eq!(
            evaluate_conditions(&t, &params()).unwrap_err().message,
            "Invalid condition \"nope\""
        );
        let t = template(json!({"a": {"get_param": "env"}}), "2016-10-14");
        assert_eq!(
            evaluate_conditions(&t, &params()).unwrap_err().message,
            "Condition validation error: The definition of condition \"a\" is invalid: prod"
        );
        let t = template(
            json!({"a": {"and": [true, {"get_param": "env"}]}}),
            "2016-10-14",
        );
        assert_eq!(
            evaluate_conditions(&t, &params()).unwrap_err().message,
            "Invalid condition \"prod\""
        );
    }

    #[test]
    fn if_in_conditions_from_2021() {
        let t = template(
            json!({"p": {"equals": [{"get_param": "env"}, "prod"]}, "c": {"if": ["p", true, false]}}),
            "2021-04-16",
        );
        assert!(evaluate_conditions(&t, &params()).unwrap()["c"]);
    }

    #[test]
    fn holds() {
        let mut c = BTreeMap::new();
        c.insert("prod".to_string(), true);
        c.insert("dev".to_string(), false);
        assert!(condition_holds(None, &c).unwrap());
        assert!(condition_holds(Some(&json!("prod")), &c).unwrap());
        assert!(!condition_holds(Some(&json!("dev")), &c).unwrap());
        assert!(!condition_holds(Some(&json!(false)), &c).unwrap());
        assert!(condition_holds(Some(&json!({"not": "dev"})), &c).unwrap());
        assert!(!condition_holds(Some(&json!({"and": ["prod", "dev"]})), &c).unwrap());
        assert_eq!(
            condition_holds(Some(&json!("x")), &c).unwrap_err().message,
            "Invalid condition \"x\""
        );
        let mut p = Map::new();
        p.insert("n".into(), json!(2));
        assert!(
            condition_holds_with(Some(&json!({"equals": [{"get_param": "n"}, 2]})), &c, &p)
                .unwrap()
        );
    }
}
