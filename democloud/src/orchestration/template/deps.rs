//! Resource dependencies and creation order, and output references.

use std::collections::{BTreeMap, BTreeSet};

use super::conditions::condition_holds;
use super::functions::references;
use super::model::Template;
use super::pyfmt::py_str;
use super::HeatError;

fn reference_error(name: &str, key: &str) -> HeatError {
    HeatError::new(
        "InvalidTemplateReference",
        format!("The specified reference \"{name}\" (in {key}) is incorrect."),
    )
}

/// For each enabled resource (template order), the resources it depends
/// on: `depends_on` plus every get_resource/get_attr reference in its
/// properties and metadata (both branches of an `if` count). References to
/// resources disabled by a condition are dropped, as in Heat; unknown ones
/// are an InvalidTemplateReference. Cycles are a
/// CircularDependencyException.
pub fn dependencies(
    t: &Template,
    enabled: &BTreeSet<String>,
) -> Result<Vec<(String, Vec<String>)>, HeatError> {
    let defined = |n: &str| t.resources.iter().any(|r| r.name == n);
    let mut out = Vec::new();
    for r in t.resources.iter().filter(|r| enabled.contains(&r.name)) {
        let mut deps: Vec<String> = Vec::new();
        let mut add = |dep: &str, key: &str| -> Result<(), HeatError> {
            if enabled.contains(dep) {
                if !deps.iter().any(|d| d == dep) {
                    deps.push(dep.to_string());
                }
                Ok(())
            } else if defined(dep) {
                Ok(())
            } else {
                Err(reference_error(dep, key))
            }
        };
        for dep in &r.depends_on {
            add(dep, &r.name)?;
        }
        if let Some(ext) = r.external_id.as_ref().filter(|v| !v.is_null()) {
            // External resources may not depend on anything.
            if !r.depends_on.is_empty() {
                return Err(HeatError::new(
                    "InvalidExternalResourceDependency",
                    format!(
                        "Invalid dependency with external {} resource: {}",
                        r.type_name,
                        py_str(ext)
                    ),
                ));
            }
            out.push((r.name.clone(), Vec::new()));
            continue;
        }
        let mut refs = Vec::new();
        references(
            &t.version,
            &serde_json::Value::Object(r.properties.clone()),
            &format!("{}.Properties", r.name),
            &mut refs,
        );
        if let Some(m) = &r.metadata {
            references(&t.version, m, &format!("{}.Metadata", r.name), &mut refs);
        }
        for r in &refs {
            // `Ref` (2013-05-23) names a parameter unless a resource has that name.
            if r.function == "Ref" && !defined(&r.resource) {
                continue;
            }
            add(&r.resource, &r.path)?;
        }
        out.push((r.name.clone(), deps));
    }
    check_cycles(&out)?;
    Ok(out)
}

/// Heat's toposort failure: the graph that is left, e.g.
/// `Circular Dependency Found: {a: {b}, b: {a}}`.
fn check_cycles(deps: &[(String, Vec<String>)]) -> Result<(), HeatError> {
    let mut left: BTreeMap<&str, Vec<&str>> = deps
        .iter()
        .map(|(n, d)| (n.as_str(), d.iter().map(String::as_str).collect()))
        .collect();
    loop {
        let ready: Vec<&str> = left
            .iter()
            .filter(|(_, d)| d.iter().all(|x| !left.contains_key(x)))
            .map(|(n, _)| *n)
            .collect();
        if ready.is_empty() {
            break;
        }
        for n in ready {
            left.remove(n);
        }
    }
    if left.is_empty() {
        return Ok(());
    }
    let order: Vec<&str> = deps
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| left.contains_key(n))
        .collect();
    let parts: Vec<String> = order
        .iter()
        .map(|n| {
            let d: Vec<&str> = left[n]
                .iter()
                .copied()
                .filter(|x| left.contains_key(x))
                .collect();
            format!("{n}: {{{}}}", d.join(", "))
        })
        .collect();
    Err(HeatError::new(
        "CircularDependencyException",
        format!("Circular Dependency Found: {{{}}}", parts.join(", ")),
    ))
}

/// Topological order (creation order; deletion is the reverse), stable
/// with respect to the given order. Names outside `deps` are ignored; a
/// cycle (which `dependencies` rejects) ends up in the given order.
pub fn creation_order(deps: &[(String, Vec<String>)]) -> Vec<String> {
    let known: BTreeSet<&str> = deps.iter().map(|(n, _)| n.as_str()).collect();
    let mut placed: BTreeSet<&str> = BTreeSet::new();
    let mut order = Vec::new();
    while order.len() < deps.len() {
        let next = deps.iter().find(|(n, d)| {
            !placed.contains(n.as_str())
                && d.iter()
                    .all(|x| placed.contains(x.as_str()) || !known.contains(x.as_str()))
        });
        let next = next.or_else(|| deps.iter().find(|(n, _)| !placed.contains(n.as_str())));
        let Some((n, _)) = next else { break };
        placed.insert(n.as_str());
        order.push(n.clone());
    }
    order
}

/// Checks that the get_resource/get_attr references of the outputs whose
/// condition holds name resources of the template (Heat validates outputs
/// too). A resource disabled by a condition is fine: its value is null.
pub fn validate_outputs(
    t: &Template,
    conditions: &BTreeMap<String, bool>,
) -> Result<(), HeatError> {
    for o in &t.outputs {
        let holds = condition_holds(o.condition.as_ref(), conditions).map_err(|e| {
            HeatError::invalid(format!("outputs.{}.condition: {}", o.name, e.message))
        })?;
        if !holds {
            continue;
        }
        let mut refs = Vec::new();
        references(
            &t.version,
            &o.value,
            &format!("outputs.{}.value", o.name),
            &mut refs,
        );
        let unknown = refs
            .iter()
            .find(|r| r.function != "Ref" && t.resource(&r.resource).is_none());
        if let Some(r) = unknown {
            return Err(HeatError::invalid(format!(
                "{}.{}: {}",
                r.path,
                r.function,
                reference_error(&r.resource, "unknown").message
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn load(resources: Value) -> Template {
        Template::load(json!({"heat_template_version": "2018-08-31", "resources": resources}))
            .unwrap()
    }

    fn all(t: &Template) -> BTreeSet<String> {
        t.resources.iter().map(|r| r.name.clone()).collect()
    }

    #[test]
    fn diamond() {
        let t = load(json!({
            "top": {"type": "X", "properties": {"a": {"get_resource": "left"}, "b": {"get_attr": ["right", "id"]}}},
            "left": {"type": "X", "properties": {"n": {"get_resource": "base"}}},
            "right": {"type": "X", "depends_on": ["base"]},
            "base": {"type": "X"}
        }));
        let deps = dependencies(&t, &all(&t)).unwrap();
        assert_eq!(
            deps,
            vec![
                (
                    "top".to_string(),
                    vec!["left".to_string(), "right".to_string()]
                ),
                ("left".to_string(), vec!["base".to_string()]),
                ("right".to_string(), vec!["base".to_string()]),
                ("base".to_string(), vec![]),
            ]
        );
        assert_eq!(creation_order(&deps), vec!["base", "left", "right", "top"]);
    }

    #[test]
    fn depends_on_plus_get_attr_and_nesting() {
        let t = Template::load(json!({"heat_template_version": "2018-08-31", "conditions": {"c": true}, "resources": {
            "server": {"type": "X", "depends_on": "vol",
                       "properties": {"name": {"str_replace": {"template": "h", "params": {"h": {"get_attr": ["port", "ip"]}}}},
                                      "net": {"if": ["c", {"get_resource": "net_a"}, {"get_resource": "net_b"}]}},
                       "metadata": {"m": {"get_resource": "vol"}}},
            "vol": {"type": "X"},
            "port": {"type": "X"},
            "net_a": {"type": "X"},
            "net_b": {"type": "X"}
        }}))
        .unwrap();
        let deps = dependencies(&t, &all(&t)).unwrap();
        assert_eq!(deps[0].1, vec!["vol", "port", "net_a", "net_b"]);
        assert_eq!(
            creation_order(&deps),
            vec!["vol", "port", "net_a", "net_b", "server"]
        );
        // A disabled resource is no dependency.
        let mut enabled = all(&t);
        enabled.remove("net_b");
        let deps = dependencies(&t, &enabled).unwrap();
        assert_eq!(deps[0].1, vec!["vol", "port", "net_a"]);
        assert_eq!(deps.len(), 4);
    }

    #[test]
    fn cycle() {
        let t = load(json!({
            "a": {"type": "X", "properties": {"x": {"get_resource": "b"}}},
            "b": {"type": "X", "depends_on": "a"},
            "c": {"type": "X"}
        }));
        let e = dependencies(&t, &all(&t)).unwrap_err();
        assert_eq!(e.kind, "CircularDependencyException");
        assert_eq!(e.message, "Circular Dependency Found: {a: {b}, b: {a}}");
    }

    #[test]
    fn unknown_references() {
        let t =
            load(json!({"web": {"type": "X", "properties": {"image": {"get_resource": "img"}}}}));
        let e = dependencies(&t, &all(&t)).unwrap_err();
        assert_eq!(e.kind, "InvalidTemplateReference");
        assert_eq!(
            e.message,
            "The specified reference \"img\" (in web.Properties.image) is incorrect."
        );
        let t = load(
            json!({"web": {"type": "X", "properties": {"nets": [{"port": {"get_attr": ["p", "id"]}}]}}}),
        );
        let e = dependencies(&t, &all(&t)).unwrap_err();
        assert_eq!(
            e.message,
            "The specified reference \"p\" (in web.Properties.nets[0].port) is incorrect."
        );
        let t = load(json!({"web": {"type": "X", "depends_on": ["db"]}}));
        let e = dependencies(&t, &all(&t)).unwrap_err();
        assert_eq!(
            e.message,
            "The specified reference \"db\" (in web) is incorrect."
        );
    }

    #[test]
    fn outputs_references() {
        let t = Template::load(json!({
            "heat_template_version": "2018-08-31",
            "resources": {"web": {"type": "X"}},
            "outputs": {"ok": {"value": {"get_attr": ["web", "ip"]}}, "bad": {"value": {"list": [{"get_attr": ["db", "ip"]}]}}}
        }))
        .unwrap();
        let e = validate_outputs(&t, &BTreeMap::new()).unwrap_err();
        assert_eq!(e.message, "outputs.bad.value.list[0].get_attr: The specified reference \"db\" (in unknown) is incorrect.");
    }

    #[test]
    fn cfn_ref_to_parameter_or_resource() {
        let t = Template::load(json!({
            "heat_template_version": "2013-05-23",
            "parameters": {"img": {"type": "string"}},
            "resources": {"a": {"type": "X", "properties": {"i": {"Ref": "img"}, "b": {"Ref": "b"}}}, "b": {"type": "X"}}
        }))
        .unwrap();
        let deps = dependencies(&t, &all(&t)).unwrap();
        assert_eq!(deps[0].1, vec!["b"]);
    }

    #[test]
    fn order_is_stable() {
        let deps = vec![
            ("c".to_string(), vec!["a".to_string()]),
            ("b".to_string(), vec![]),
            ("a".to_string(), vec![]),
        ];
        assert_eq!(creation_order(&deps), vec!["b", "a", "c"]);
    }
}
