//! Template handling shared by create, preview, update and validate, and
//! the template-side API: `validate`, `resource_types` and
//! `template_versions`.

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::cloud::Cloud;
use super::engine::Plan;
use super::template::{self, ConstraintKind, HeatError, Template};
use super::{caller_token, schema, scope, Fault};
use crate::auth::Auth;
use crate::http::{KPath, Params};
use crate::state::AppState;

/// Largest template fetched from a `template_url`.
const MAX_TEMPLATE_BYTES: usize = 512 * 1024;

/// The template-related fields of create, preview, update and validate.
#[derive(Deserialize, Default, Clone)]
pub struct Definition {
    #[serde(default)]
    pub template: Option<Value>,
    #[serde(default)]
    pub template_url: Option<String>,
    #[serde(default)]
    pub environment: Option<Value>,
    #[serde(default)]
    pub parameters: Option<Map<String, Value>>,
}

/// A definition, checked: ready to store and run.
pub struct Prepared {
    pub template: Value,
    pub environment: Value,
    pub parameters: Map<String, Value>,
    pub plan: Plan,
}

/// The template as JSON: an object as given, text parsed as YAML or JSON,
/// or fetched from `template_url`.
pub async fn template_of(def: &Definition) -> Result<Value, Fault> {
    match (&def.template, &def.template_url) {
        (Some(Value::String(text)), _) => parsed("Template", template::parse(text)),
        (Some(v @ Value::Object(_)), _) => Ok(v.clone()),
        (Some(_), _) => Err(HeatError::new(
            "HTTPBadRequest",
            "The template is not a JSON object or YAML mapping.",
        )
        .into()),
        (None, Some(url)) => {
            let text = fetch(url).await?;
            parsed("Template", template::parse(&text))
        }
        (None, None) => Err(Fault::bad_request("No template specified")),
    }
}

/// Heat's API wraps parse errors: `Template not in valid format: ...`.
fn parsed(what: &str, result: Result<Value, HeatError>) -> Result<Value, Fault> {
    result.map_err(|e| Fault::bad_request(format!("{what} not in valid format: {}", e.message)))
}

async fn fetch(url: &str) -> Result<String, Fault> {
    let refuse = |why: String| Fault::bad_request(format!("Could not retrieve template: {why}"));
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(refuse(format!(
            "Invalid URL scheme {}",
            url.split(':').next().unwrap_or("")
        )));
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| refuse(e.to_string()))?;
    let resp = client
        .get(url)
        .send()
        .await
        .map_err(|e| refuse(e.to_string()))?;
    if !resp.status().is_success() {
        return Err(refuse(format!(
            "Failed to retrieve template data from {url} (HTTP {})",
            resp.status().as_u16()
        )));
    }
    let bytes = resp.bytes().await.map_err(|e| refuse(e.to_string()))?;
    if bytes.len() > MAX_TEMPLATE_BYTES {
        return Err(refuse(format!(
            "Template exceeds maximum allowed size ({MAX_TEMPLATE_BYTES} bytes)"
        )));
    }
    String::from_utf8(bytes.to_vec()).map_err(|_| refuse("the template is not UTF-8".to_owned()))
}

fn environment_of(def: &Definition) -> Result<Value, Fault> {
    match &def.environment {
        None | Some(Value::Null) => Ok(json!({})),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(json!({})),
        Some(Value::String(text)) => parsed("Environment", template::parse_environment(text)),
        Some(v @ Value::Object(_)) => Ok(template::parse_environment(&v.to_string())?),
        Some(_) => Err(Fault::bad_request(
            "The environment is not a JSON object or YAML mapping.",
        )),
    }
}

/// What the custom constraints of a template's parameters accept, read
/// from the cloud as the caller sees it.
#[derive(Default)]
struct Known {
    /// constraint name -> accepted ids and names
    values: HashMap<&'static str, BTreeSet<String>>,
}

const CONSTRAINTS: &[(&str, &str, &str)] = &[
    ("nova.flavor", "/compute/v2.1/flavors/detail", "flavors"),
    ("glance.image", "/image/v2/images?limit=1000", "images"),
    ("nova.keypair", "/compute/v2.1/os-keypairs", "keypairs"),
    ("neutron.network", "/networking/v2.0/networks", "networks"),
    ("neutron.subnet", "/networking/v2.0/subnets", "subnets"),
    ("neutron.port", "/networking/v2.0/ports", "ports"),
    (
        "neutron.security_group",
        "/networking/v2.0/security-groups",
        "security_groups",
    ),
];

impl Known {
    async fn load(cloud: &Cloud, t: &Template) -> Known {
        let used: BTreeSet<&str> = t
            .parameters
            .iter()
            .flat_map(|p| &p.constraints)
            .filter_map(|c| match &c.kind {
                ConstraintKind::CustomConstraint(name) => Some(name.as_str()),
                _ => None,
            })
            .collect();
        let wanted: Vec<&(&str, &str, &str)> = CONSTRAINTS
            .iter()
            .filter(|(n, _, _)| used.contains(n))
            .collect();
        let fetched =
            futures_util::future::join_all(wanted.iter().map(|(_, path, _)| cloud.get(path))).await;
        let mut known = Known::default();
        for ((name, _, key), body) in wanted.into_iter().zip(fetched) {
            let mut accepted = BTreeSet::new();
            for item in body
                .ok()
                .as_ref()
                .and_then(|b| b[*key].as_array())
                .into_iter()
                .flatten()
            {
                // Keypairs come wrapped: {"keypair": {...}}.
                let item = item.get("keypair").unwrap_or(item);
                for field in ["id", "name"] {
                    if let Some(v) = item[field].as_str() {
                        accepted.insert(v.to_owned());
                    }
                }
            }
            known.values.insert(name, accepted);
        }
        known
    }

    fn check(&self, constraint: &str, value: &Value) -> Result<(), String> {
        let Some(accepted) = self.values.get(constraint) else {
            // A constraint this cloud cannot check passes, as in Heat.
            return Ok(());
        };
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        // Heat's keypair constraint accepts an empty value (no key).
        if accepted.contains(&text) || (constraint == "nova.keypair" && text.is_empty()) {
            return Ok(());
        }
        let why = match constraint {
            "nova.flavor" => format!("The Flavor ID ({text}) could not be found."),
            "glance.image" => format!("The Image ({text}) could not be found."),
            "nova.keypair" => format!("The Key ({text}) could not be found."),
            other => {
                let kind = other.trim_start_matches("neutron.").replace('_', " ");
                format!("Unable to find {kind} with name or id '{text}'")
            }
        };
        Err(format!("Error validating value '{text}': {why}"))
    }
}

/// Checks a definition completely: template, environment, parameters
/// (custom constraints against the cloud), resource types and properties.
/// `previous` are the stack's current parameter values, which a PATCH
/// keeps.
pub async fn prepare(
    st: &AppState,
    headers: &HeaderMap,
    project_id: &str,
    def: &Definition,
    template_override: Option<Value>,
    previous: Option<&Map<String, Value>>,
) -> Result<Prepared, Fault> {
    let raw = match template_override {
        Some(t) => t,
        None => template_of(def).await?,
    };
    let environment = environment_of(def)?;
    let t = Template::load(raw.clone())?;
    let cloud = Cloud::with_token(st, caller_token(headers), project_id.to_owned());
    let known = Known::load(&cloud, &t).await;
    let mut given: Map<String, Value> = previous.cloned().unwrap_or_default();
    // Only values the new template still defines carry over.
    given.retain(|k, _| t.parameters.iter().any(|p| &p.name == k));
    if let Some(Value::Object(env_params)) = environment.get("parameters") {
        given.extend(env_params.clone());
    }
    given.extend(def.parameters.clone().unwrap_or_default());
    let defaults = environment
        .get("parameter_defaults")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let parameters =
        template::resolve_parameters(&t, &given, &defaults, &|c, v| known.check(c, v))?;
    let plan = Plan::new(&raw, &parameters)?;
    plan.validate_resources()?;
    Ok(Prepared {
        template: raw,
        environment,
        parameters,
        plan,
    })
}

// ---------------------------------------------------------------------------
// Handlers

#[derive(Deserialize)]
pub struct ValidateBody {
    #[serde(flatten)]
    definition: Definition,
}

/// `POST /validate`: Heat's description of the template and its
/// parameters. Parameter values are checked only when given.
pub async fn validate(
    State(st): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    KPath(tenant): KPath<String>,
    body: Result<Json<ValidateBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Value>, Fault> {
    let project = scope(&auth, &tenant)?;
    let Json(body) = body?;
    let def = body.definition;
    let raw = template_of(&def).await?;
    let environment = environment_of(&def)?;
    let t = Template::load(raw.clone())?;
    let given = def.parameters.clone().unwrap_or_default();
    // Values that were given must be valid; missing ones are fine here.
    let cloud = Cloud::with_token(&st, caller_token(&headers), project);
    let known = Known::load(&cloud, &t).await;
    let mut with_defaults = given.clone();
    for p in &t.parameters {
        if !with_defaults.contains_key(&p.name) && p.default.is_none() {
            with_defaults.insert(p.name.clone(), placeholder(&p.kind));
        }
    }
    let defaults = environment
        .get("parameter_defaults")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let params = template::resolve_parameters(&t, &with_defaults, &defaults, &|c, v| {
        if given.values().any(|g| g == v) {
            known.check(c, v)
        } else {
            Ok(())
        }
    });
    let params = match params {
        Ok(p) => p,
        // A placeholder that fails a constraint is not the user's error.
        Err(e) if given.is_empty() && e.kind == "StackValidationFailed" => Map::new(),
        Err(e) => return Err(e.into()),
    };
    let plan = Plan::new(&raw, &params)?;
    plan.validate_resources()?;
    let mut out = template::validate_body(&t, &given);
    if let Value::Object(m) = &mut out {
        m.insert("Environment".into(), environment);
    }
    Ok(Json(out))
}

/// A value of the right type for a parameter the user has not filled in
/// yet, so validate can still evaluate conditions.
fn placeholder(kind: &template::ParamType) -> Value {
    match kind {
        template::ParamType::Number => json!(0),
        template::ParamType::Boolean => json!(false),
        template::ParamType::CommaDelimitedList => json!([]),
        template::ParamType::Json => json!({}),
        template::ParamType::String => json!(""),
    }
}

pub async fn list_resource_types(
    auth: Auth,
    KPath(tenant): KPath<String>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    scope(&auth, &tenant)?;
    let name_filter = params.get("name");
    let types = schema::available()
        .into_iter()
        .filter(|t| name_filter.is_none_or(|n| t.name.contains(n)));
    let list: Vec<Value> = if params.flag("with_description") {
        types
            .map(|t| json!({"resource_type": t.name, "description": t.description}))
            .collect()
    } else {
        types.map(|t| json!(t.name)).collect()
    };
    Ok(Json(json!({"resource_types": list})))
}

fn type_or_404(type_name: &str) -> Result<&'static schema::TypeSchema, Fault> {
    schema::lookup(type_name)
        .filter(|t| t.service.is_none())
        .ok_or_else(|| {
            Fault::new(
                StatusCode::NOT_FOUND,
                "EntityNotFound",
                format!("The Resource Type ({type_name}) could not be found."),
            )
        })
}

pub async fn show_resource_type(
    auth: Auth,
    KPath((tenant, type_name)): KPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    scope(&auth, &tenant)?;
    Ok(Json(schema::schema_json(type_or_404(&type_name)?)))
}

pub async fn resource_type_template(
    auth: Auth,
    KPath((tenant, type_name)): KPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    scope(&auth, &tenant)?;
    Ok(Json(schema::template_json(type_or_404(&type_name)?)))
}

pub async fn list_template_versions(
    auth: Auth,
    KPath(tenant): KPath<String>,
) -> Result<Json<Value>, Fault> {
    scope(&auth, &tenant)?;
    let versions: Vec<Value> = template::versions()
        .into_iter()
        .map(|(version, aliases)| json!({"version": version, "type": "hot", "aliases": aliases}))
        .collect();
    Ok(Json(json!({"template_versions": versions})))
}

pub async fn list_template_functions(
    auth: Auth,
    KPath((tenant, version)): KPath<(String, String)>,
    params: Params,
) -> Result<Json<Value>, Fault> {
    scope(&auth, &tenant)?;
    let date = version
        .strip_prefix("heat_template_version.")
        .unwrap_or(&version);
    let functions =
        template::functions(date, params.flag("with_condition_func")).ok_or_else(|| {
            Fault::new(
                StatusCode::NOT_FOUND,
                "NotFound",
                format!("Template with version {version} not found"),
            )
        })?;
    let list: Vec<Value> = functions
        .into_iter()
        .map(|(name, description)| json!({"functions": name, "description": description}))
        .collect();
    Ok(Json(json!({"template_functions": list})))
}
