//! The Heat client against a real Heat (refcloud, when `REFCLOUD` is set)
//! and, on every run, against the demo cloud: both must pass the same
//! checks, so the demo cloud answers as Heat does.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use openstack::identity::{DomainRef, PasswordCredentials, Scope};
use openstack::orchestration::{
    self as heat, EventFilter, StackAction, StackCreate, ValidateRequest,
};
use openstack::{Client, ClientOptions, Error, Session};
use serde_json::{json, Map, Value};

async fn login(auth_url: &str, password: &str) -> Session {
    let client = Client::new(&ClientOptions::default()).expect("client");
    let creds = PasswordCredentials::new("demo", "Default", password);
    let scope = Scope::ProjectName {
        name: "demo".into(),
        domain: DomainRef::Name("Default".into()),
    };
    Session::login(client, auth_url, &creds, scope)
        .await
        .expect("logs in")
}

fn unique(prefix: &str) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    format!("{prefix}-{}{:06}", now.as_secs(), now.subsec_micros())
}

const TEMPLATE: &str = r#"
heat_template_version: 2018-08-31
description: A container and some values.
parameters:
  length:
    type: number
    label: Length
    default: 12
    constraints:
      - range: {min: 4, max: 64}
  word:
    type: string
    hidden: true
resources:
  secret:
    type: OS::Heat::RandomString
    properties:
      length: {get_param: length}
  echo:
    type: OS::Heat::Value
    properties:
      value:
        str_replace:
          template: "say $w"
          params: {$w: {get_param: word}}
  bucket:
    type: OS::Swift::Container
    depends_on: echo
    properties:
      PurgeOnDelete: true
outputs:
  echo:
    description: What echo says.
    value: {get_attr: [echo, value]}
  secret:
    value: {get_attr: [secret, value]}
  bucket:
    value: {get_resource: bucket}
"#;

fn template() -> Value {
    serde_yaml::from_str(TEMPLATE).expect("yaml")
}

async fn settle(s: &Session, name: &str, id: &str) -> heat::Stack {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match heat::get_stack_by_id(s, name, id).await {
            Ok(stack) if !stack.is_in_progress() => return stack,
            Ok(_) => {}
            Err(Error::NotFound { .. }) => {
                return heat::Stack {
                    stack_status: "DELETE_COMPLETE".into(),
                    ..Default::default()
                }
            }
            Err(e) => panic!("show stack: {e}"),
        }
        assert!(Instant::now() < deadline, "stack {name} did not settle");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

pub async fn check_stack_lifecycle(s: &Session) {
    let name = unique("zenith-check");
    let mut params = Map::new();
    params.insert("word".into(), json!("hello"));
    params.insert("length".into(), json!("10"));
    let body = StackCreate {
        stack_name: name.clone(),
        template: Some(template()),
        parameters: params,
        ..Default::default()
    };
    let preview = heat::preview_stack(s, &body).await.expect("preview");
    let mut previewed: Vec<&str> = preview
        .resources
        .iter()
        .map(|r| r.resource_name.as_str())
        .collect();
    previewed.sort_unstable();
    assert_eq!(previewed, ["bucket", "echo", "secret"]);

    let created = heat::create_stack(s, &body).await.expect("create");
    let stack = settle(s, &name, &created.id).await;
    assert_eq!(
        stack.stack_status, "CREATE_COMPLETE",
        "{:?}",
        stack.stack_status_reason
    );
    assert_eq!(
        stack.stack_status_reason.as_deref(),
        Some("Stack CREATE completed successfully")
    );
    let shown = stack.parameters.clone().unwrap_or_default();
    assert_eq!(shown["word"], "******", "hidden parameters are masked");
    assert_eq!(shown["length"], "10");
    assert_eq!(shown["OS::stack_name"], json!(name));

    let outputs = stack.outputs.clone().unwrap_or_default();
    let output = |key: &str| {
        outputs
            .iter()
            .find(|o| o.output_key == key)
            .map(|o| o.output_value.clone())
    };
    assert_eq!(output("echo"), Some(json!("say hello")));
    let secret = output("secret").unwrap_or_default();
    assert_eq!(secret.as_str().map(str::len), Some(10), "{secret}");
    let one = heat::get_stack_output(s, &name, &created.id, "echo")
        .await
        .expect("output");
    assert_eq!(one.output_value, json!("say hello"));
    assert_eq!(one.description.as_deref(), Some("What echo says."));

    // By name, Heat redirects to the stack.
    let by_name = heat::get_stack(s, &name).await.expect("by name");
    assert_eq!(by_name.id, created.id);

    let resources = heat::list_resources(s, &name, &created.id, None)
        .await
        .expect("resources");
    let mut names: Vec<&str> = resources.iter().map(|r| r.resource_name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["bucket", "echo", "secret"]);
    let echo = resources
        .iter()
        .find(|r| r.resource_name == "echo")
        .expect("echo");
    assert_eq!(echo.required_by, ["bucket"]);
    assert!(resources
        .iter()
        .all(|r| r.resource_status == "CREATE_COMPLETE"));
    let bucket = heat::get_resource(s, &name, &created.id, "bucket")
        .await
        .expect("bucket");
    assert_eq!(
        Some(bucket.physical_resource_id.clone().unwrap_or_default()),
        output("bucket").and_then(|v| v.as_str().map(str::to_owned))
    );
    let attrs = bucket.attributes.clone().unwrap_or_default();
    // The container's `show` attribute: its HEAD headers.
    assert_eq!(
        attrs.get("x-container-object-count"),
        Some(&json!("0")),
        "{attrs:?}"
    );

    // Events: the stack's first and last, each resource's two.
    // Oldest first when asked; Heat's default is newest first.
    let newest = heat::list_events(s, &name, &created.id, &EventFilter::default())
        .await
        .expect("events");
    assert_eq!(
        newest.first().map(|e| e.resource_name.as_str()),
        Some(name.as_str())
    );
    assert_eq!(
        newest.first().map(|e| e.resource_status.as_str()),
        Some("CREATE_COMPLETE")
    );
    let asc = EventFilter {
        sort_dir: Some("asc".into()),
        ..Default::default()
    };
    let events = heat::list_events(s, &name, &created.id, &asc)
        .await
        .expect("events");
    assert_eq!(
        events.first().map(|e| e.resource_status.as_str()),
        Some("CREATE_IN_PROGRESS")
    );
    let last = events.last().expect("events");
    assert_eq!(
        (last.resource_name.as_str(), last.resource_status.as_str()),
        (name.as_str(), "CREATE_COMPLETE")
    );
    for r in ["secret", "echo", "bucket"] {
        let statuses: Vec<&str> = events
            .iter()
            .filter(|e| e.resource_name == r)
            .map(|e| e.resource_status.as_str())
            .collect();
        assert_eq!(statuses, ["CREATE_IN_PROGRESS", "CREATE_COMPLETE"], "{r}");
    }
    let page = heat::list_events(
        s,
        &name,
        &created.id,
        &EventFilter {
            limit: Some(2),
            marker: Some(events[0].id.clone()),
            ..asc.clone()
        },
    )
    .await
    .expect("page");
    assert_eq!(
        page.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        [events[1].id.as_str(), events[2].id.as_str()]
    );

    let stored = heat::get_stack_template(s, &name, &created.id)
        .await
        .expect("template");
    assert_eq!(
        stored["resources"]["secret"]["type"],
        "OS::Heat::RandomString"
    );

    heat::stack_action(s, &name, &created.id, StackAction::Check)
        .await
        .expect("check");
    let checked = settle(s, &name, &created.id).await;
    assert_eq!(
        checked.stack_status, "CHECK_COMPLETE",
        "{:?}",
        checked.stack_status_reason
    );

    heat::delete_stack(s, &name, &created.id)
        .await
        .expect("delete");
    assert_eq!(
        settle(s, &name, &created.id).await.stack_status,
        "DELETE_COMPLETE"
    );
    let live = heat::list_stacks(s, &Default::default())
        .await
        .expect("list");
    assert!(live.iter().all(|st| st.id != created.id));
}

pub async fn check_validation(s: &Session) {
    let request = |template: Value, params: Map<String, Value>| ValidateRequest {
        template: Some(template),
        parameters: params,
        ..Default::default()
    };
    let v = heat::validate_template(s, &request(template(), Map::new()))
        .await
        .expect("validate");
    assert_eq!(
        v.description.as_deref(),
        Some("A container and some values.")
    );
    let names: Vec<&str> = v.parameters.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["length", "word"]);
    let (_, length) = &v.parameters[0];
    assert_eq!(length.kind, "Number");
    assert_eq!(length.label.as_deref(), Some("Length"));
    assert_eq!(length.default, Some(json!(12)));
    assert_eq!(
        (length.min_value, length.max_value),
        (Some(4.0), Some(64.0))
    );
    assert!(v.parameters[1].1.no_echo);

    // A missing parameter is refused at create, with Heat's message.
    let missing = StackCreate {
        stack_name: unique("zenith-missing"),
        template: Some(template()),
        ..Default::default()
    };
    match heat::create_stack(s, &missing).await {
        Err(Error::BadRequest { message }) => assert!(
            message.contains("The Parameter (word) was not provided"),
            "{message}"
        ),
        other => panic!("expected a 400, got {other:?}"),
    }
    // An out-of-range value, too.
    let mut params = Map::new();
    params.insert("word".into(), json!("x"));
    params.insert("length".into(), json!(2));
    let bad = StackCreate {
        parameters: params,
        ..missing.clone()
    };
    match heat::create_stack(s, &bad).await {
        Err(Error::BadRequest { message }) => assert!(message.contains("length"), "{message}"),
        other => panic!("expected a 400, got {other:?}"),
    }
    // An unknown type.
    let unknown = json!({"heat_template_version": "2018-08-31", "resources": {"x": {"type": "OS::Zenith::Nothing"}}});
    match heat::validate_template(s, &request(unknown, Map::new())).await {
        Err(Error::BadRequest { message }) => {
            assert!(
                message.contains("OS::Zenith::Nothing") && message.contains("could not be found"),
                "{message}"
            )
        }
        other => panic!("expected a 400, got {other:?}"),
    }
    // A YAML error names the line.
    let yaml = StackCreate {
        stack_name: unique("zenith-yaml"),
        template: Some(json!(
            "heat_template_version: 2018-08-31\nresources:\n  a: [\n"
        )),
        ..Default::default()
    };
    match heat::create_stack(s, &yaml).await {
        Err(Error::BadRequest { message }) => {
            assert!(
                message.starts_with("Template not in valid format: Error parsing template"),
                "{message}"
            );
            assert!(message.contains(", line "), "{message}");
        }
        other => panic!("expected a 400, got {other:?}"),
    }
}

pub async fn check_template_tools(s: &Session) {
    let types = heat::list_resource_types(s).await.expect("types");
    for t in [
        "OS::Heat::RandomString",
        "OS::Nova::Server",
        "OS::Swift::Container",
    ] {
        assert!(types.iter().any(|r| r.resource_type == t), "{t} listed");
    }
    let schema = heat::get_resource_type_schema(s, "OS::Heat::RandomString")
        .await
        .expect("schema");
    let length = schema
        .properties
        .iter()
        .find(|(n, _)| n == "length")
        .map(|(_, p)| p)
        .expect("length");
    assert_eq!(length.kind, "integer");
    assert_eq!(length.default, Some(json!(32)));
    assert!(schema.attributes.iter().any(|(n, _)| n == "value"));

    let versions = heat::list_template_versions(s).await.expect("versions");
    let rocky = versions
        .iter()
        .find(|v| v.version == "heat_template_version.2018-08-31")
        .expect("2018-08-31");
    assert_eq!(rocky.kind, "hot");
    assert!(rocky
        .aliases
        .iter()
        .any(|a| a == "heat_template_version.rocky"));
    let functions = heat::list_template_functions(s, "heat_template_version.2018-08-31")
        .await
        .expect("functions");
    for f in [
        "get_param",
        "get_attr",
        "str_replace",
        "list_join",
        "repeat",
        "if",
    ] {
        assert!(functions.iter().any(|x| x.functions == f), "{f}");
    }
}

#[tokio::test]
async fn democloud_passes_every_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cloud = democloud::DemoCloud::start(democloud::Config {
        listen: "127.0.0.1:0".parse().expect("addr"),
        data_dir: dir.path().to_path_buf(),
        ..Default::default()
    })
    .await
    .expect("demo cloud starts");
    let s = login(&cloud.auth_url(), cloud.demo_password()).await;
    check_stack_lifecycle(&s).await;
    check_validation(&s).await;
    check_template_tools(&s).await;
    cloud.shutdown().await;
}

#[tokio::test]
async fn refcloud_passes_every_check() {
    if std::env::var_os("REFCLOUD").is_none() {
        eprintln!("SKIPPED: set REFCLOUD=1 to run against the refcloud's Heat");
        return;
    }
    let auth_url = std::env::var("REFCLOUD_AUTH_URL")
        .unwrap_or_else(|_| "http://127.0.0.1:5000/v3".to_owned());
    let s = login(&auth_url, "demo").await;
    check_stack_lifecycle(&s).await;
    check_validation(&s).await;
    check_template_tools(&s).await;
}
