//! Resource plugins: what creating, checking and deleting each resource
//! type does. Creation has Heat's two phases: `create` starts the work and
//! names the physical resource (so a crash or cancel can still delete
//! it), `wait` polls until it is ready and returns its attributes.

mod heat;
mod neutron;
mod nova;
mod octavia;
mod swift;

use rand::distributions::{Alphanumeric, DistString};
use serde_json::{json, Map, Value};

use super::cloud::{CallError, Cloud};

/// Why a resource action failed, as Heat reports it:
/// `<kind>: resources.<name>: <message>`.
#[derive(Clone, Debug)]
pub struct Failure {
    pub kind: String,
    pub message: String,
}

impl Failure {
    pub fn new(kind: &str, message: impl Into<String>) -> Failure {
        Failure {
            kind: kind.to_owned(),
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new("NotFound", message)
    }

    /// The resource's status reason.
    pub fn reason(&self, resource: &str) -> String {
        format!("{}: resources.{resource}: {}", self.kind, self.message)
    }
}

impl From<CallError> for Failure {
    fn from(e: CallError) -> Failure {
        Failure::new(e.kind(), e.to_string())
    }
}

pub type Outcome<T> = Result<T, Failure>;

/// What a plugin works with.
pub struct Ctx<'a> {
    pub cloud: &'a Cloud,
    pub resource: &'a str,
    /// Heat's default name for what it creates: `<stack>-<resource>-<random>`.
    pub physical_name: String,
}

impl<'a> Ctx<'a> {
    pub fn new(cloud: &'a Cloud, stack_name: &'a str, resource: &'a str) -> Ctx<'a> {
        let suffix = Alphanumeric
            .sample_string(&mut rand::thread_rng(), 12)
            .to_ascii_lowercase();
        Ctx {
            cloud,
            resource,
            physical_name: format!("{stack_name}-{resource}-{suffix}"),
        }
    }
}

/// The first phase of creation.
pub struct Started {
    pub physical_id: String,
    /// Kept with the resource; plugins read it back in later phases.
    pub data: Value,
}

impl Started {
    fn new(physical_id: impl Into<String>, data: Value) -> Started {
        Started {
            physical_id: physical_id.into(),
            data,
        }
    }
}

/// Types whose work happens inside the engine (nested stacks).
pub fn is_nested(type_name: &str) -> bool {
    type_name == "OS::Heat::ResourceGroup"
}

pub async fn create(
    ctx: &Ctx<'_>,
    type_name: &str,
    props: &Map<String, Value>,
) -> Outcome<Started> {
    match type_name {
        "OS::Nova::Server" => nova::create_server(ctx, props).await,
        "OS::Nova::KeyPair" => nova::create_keypair(ctx, props).await,
        "OS::Nova::ServerGroup" => nova::create_server_group(ctx, props).await,
        "OS::Swift::Container" => swift::create_container(ctx, props).await,
        "OS::Neutron::Net" => neutron::create_net(ctx, props).await,
        "OS::Neutron::Subnet" => neutron::create_subnet(ctx, props).await,
        "OS::Neutron::Port" => neutron::create_port(ctx, props).await,
        "OS::Neutron::SecurityGroup" => neutron::create_security_group(ctx, props).await,
        "OS::Neutron::SecurityGroupRule" => neutron::create_security_group_rule(ctx, props).await,
        "OS::Neutron::FloatingIP" => neutron::create_floating_ip(ctx, props).await,
        "OS::Neutron::FloatingIPAssociation" => neutron::associate_floating_ip(ctx, props).await,
        "OS::Octavia::LoadBalancer" => octavia::create_load_balancer(ctx, props).await,
        "OS::Octavia::Listener"
        | "OS::Octavia::Pool"
        | "OS::Octavia::PoolMember"
        | "OS::Octavia::HealthMonitor" => octavia::create_child(ctx, type_name, props).await,
        "OS::Heat::RandomString" => heat::create_random_string(props),
        "OS::Heat::Value" => heat::create_value(ctx, props),
        "OS::Heat::None" => Ok(Started::new(ctx.physical_name.clone(), json!({}))),
        "OS::Heat::TestResource" => heat::create_test_resource(ctx, props).await,
        other => Err(Failure::new(
            "ResourceTypeNotFound",
            format!("The Resource Type ({other}) could not be found."),
        )),
    }
}

/// Waits until the resource is ready; returns its data with `attributes`.
pub async fn wait(ctx: &Ctx<'_>, type_name: &str, started: &Started) -> Outcome<Value> {
    match type_name {
        "OS::Nova::Server" => nova::wait_server(ctx, &started.physical_id, &started.data).await,
        "OS::Neutron::Net"
        | "OS::Neutron::Subnet"
        | "OS::Neutron::Port"
        | "OS::Neutron::SecurityGroup"
        | "OS::Neutron::FloatingIP" => {
            neutron::read(ctx, type_name, &started.physical_id, &started.data).await
        }
        "OS::Swift::Container" => {
            swift::read_container(ctx, &started.physical_id, &started.data).await
        }
        _ => Ok(started.data.clone()),
    }
}

pub async fn delete(
    ctx: &Ctx<'_>,
    type_name: &str,
    physical_id: &str,
    data: &Value,
) -> Outcome<()> {
    if physical_id.is_empty() {
        return Ok(());
    }
    match type_name {
        "OS::Nova::Server" => nova::delete_server(ctx, physical_id).await,
        "OS::Nova::KeyPair" => nova::delete_keypair(ctx, physical_id).await,
        "OS::Nova::ServerGroup" => nova::delete_server_group(ctx, physical_id).await,
        "OS::Swift::Container" => swift::delete_container(ctx, physical_id, data).await,
        "OS::Neutron::FloatingIPAssociation" => neutron::dissociate_floating_ip(ctx, data).await,
        t if t.starts_with("OS::Neutron::") => neutron::delete(ctx, t, physical_id).await,
        "OS::Octavia::LoadBalancer" => octavia::delete_load_balancer(ctx, data).await,
        "OS::Heat::TestResource" => heat::delete_test_resource(data).await,
        _ => Ok(()),
    }
}

/// Stack check: is the physical resource still there and healthy?
pub async fn check(ctx: &Ctx<'_>, type_name: &str, physical_id: &str, data: &Value) -> Outcome<()> {
    match type_name {
        "OS::Nova::Server" => nova::check_server(ctx, physical_id).await,
        "OS::Nova::KeyPair" => nova::check_path(ctx, &format!("/os-keypairs/{physical_id}")).await,
        "OS::Nova::ServerGroup" => {
            nova::check_path(ctx, &format!("/os-server-groups/{physical_id}")).await
        }
        "OS::Swift::Container" => swift::check_container(ctx, physical_id).await,
        "OS::Neutron::FloatingIPAssociation" => Ok(()),
        t if t.starts_with("OS::Neutron::") => neutron::check(ctx, t, physical_id).await,
        "OS::Octavia::PoolMember" => octavia::check_member(ctx, data).await,
        _ => Ok(()),
    }
}

/// Suspend (`true`) or resume (`false`); only servers have anything to do.
pub async fn suspend(
    ctx: &Ctx<'_>,
    type_name: &str,
    physical_id: &str,
    suspend: bool,
) -> Outcome<()> {
    match type_name {
        "OS::Nova::Server" => nova::suspend_server(ctx, physical_id, suspend).await,
        _ => Ok(()),
    }
}

/// Whether changing these properties is an in-place update rather than a
/// replacement.
pub fn updatable(type_name: &str, changed: &[String]) -> bool {
    let Some(schema) = super::schema::lookup(type_name) else {
        return false;
    };
    changed.iter().all(|name| {
        schema
            .properties
            .iter()
            .any(|p| p.name == name && p.update_allowed)
    })
}

/// In-place update; returns the new data.
pub async fn update(
    ctx: &Ctx<'_>,
    type_name: &str,
    physical_id: &str,
    data: &Value,
    props: &Map<String, Value>,
) -> Outcome<Value> {
    match type_name {
        "OS::Nova::Server" => nova::update_server(ctx, physical_id, props).await,
        "OS::Heat::Value" => heat::create_value(ctx, props).map(|s| s.data),
        "OS::Heat::TestResource" => heat::update_test_resource(ctx, data, props).await,
        t if t.starts_with("OS::Neutron::") => {
            neutron::update(ctx, t, physical_id, data, props).await
        }
        _ => Ok(data.clone()),
    }
}

/// A string property, if set and not empty.
fn text<'p>(props: &'p Map<String, Value>, key: &str) -> Option<&'p str> {
    props
        .get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

/// Builds a request body from the properties that map one to one.
fn pick(props: &Map<String, Value>, keys: &[&str]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|k| {
            props
                .get(*k)
                .filter(|v| !v.is_null())
                .map(|v| ((*k).to_owned(), v.clone()))
        })
        .collect()
}

fn attributes(data: Value, attributes: Value) -> Value {
    let mut data = match data {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    data.insert("attributes".to_owned(), attributes);
    Value::Object(data)
}
