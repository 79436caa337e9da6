//! Cloud configuration the way every OpenStack tool reads it: `clouds.yaml`
//! (plus `secure.yaml`) and `OS_*` environment variables.
//!
//! The lookups of files and variables go through injectable functions
//! (`*_with`) so tests never depend on the real environment.

use crate::catalog::Interface;
use crate::client::ClientOptions;
use crate::error::{Error, Result};
use crate::identity::{DomainRef, PasswordCredentials, Scope, UserRef};
use crate::secret::Secret;
use serde_yaml::{Mapping, Value};
use std::path::{Path, PathBuf};

/// One cloud: where it is and, optionally, who to log in as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudConfig {
    /// The cloud's name in clouds.yaml; `None` when read from `OS_*`.
    pub name: Option<String>,
    pub auth_url: String,
    pub region_name: Option<String>,
    pub interface: Interface,
    /// Verify TLS certificates (`verify: false` / `OS_INSECURE` turn it off).
    pub verify: bool,
    pub cacert: Option<PathBuf>,
    pub user_domain_name: Option<String>,
    pub user_domain_id: Option<String>,
    pub project_name: Option<String>,
    pub project_id: Option<String>,
    pub project_domain_name: Option<String>,
    pub project_domain_id: Option<String>,
    pub username: Option<String>,
    pub password: Option<Secret>,
}

impl Default for CloudConfig {
    fn default() -> Self {
        CloudConfig {
            name: None,
            auth_url: String::new(),
            region_name: None,
            interface: Interface::Public,
            verify: true,
            cacert: None,
            user_domain_name: None,
            user_domain_id: None,
            project_name: None,
            project_id: None,
            project_domain_name: None,
            project_domain_id: None,
            username: None,
            password: None,
        }
    }
}

/// Keystone's default domain, used when a config names no domain (as the
/// OpenStack client's `--os-default-domain` does).
const DEFAULT_DOMAIN_ID: &str = "default";

impl CloudConfig {
    /// Client options for this cloud's TLS settings, default timeouts.
    pub fn client_options(&self) -> ClientOptions {
        ClientOptions {
            verify: self.verify,
            cacert: self.cacert.clone(),
            ..ClientOptions::default()
        }
    }

    /// The configured password credentials.
    pub fn credentials(&self) -> Result<PasswordCredentials> {
        let what = self.describe();
        let username = self
            .username
            .clone()
            .filter(|u| !u.is_empty())
            .ok_or_else(|| {
                Error::Config(format!(
                    "{what} has no username; set auth.username in clouds.yaml or OS_USERNAME"
                ))
            })?;
        let password = self.password.clone().filter(|p| !p.is_empty()).ok_or_else(|| {
            Error::Config(format!(
                "{what} has no password; set auth.password in clouds.yaml or secure.yaml, or OS_PASSWORD"
            ))
        })?;
        let domain = domain_ref(&self.user_domain_name, &self.user_domain_id)
            .unwrap_or_else(|| DomainRef::Id(DEFAULT_DOMAIN_ID.to_owned()));
        Ok(PasswordCredentials {
            user: UserRef::Name {
                name: username,
                domain,
            },
            password,
        })
    }

    /// The configured scope: the project by id, else by name, else none.
    pub fn scope(&self) -> Scope {
        if let Some(id) = self.project_id.clone().filter(|s| !s.is_empty()) {
            return Scope::ProjectId(id);
        }
        if let Some(name) = self.project_name.clone().filter(|s| !s.is_empty()) {
            // Like the OpenStack client, fall back to the user's domain.
            let domain = domain_ref(&self.project_domain_name, &self.project_domain_id)
                .or_else(|| domain_ref(&self.user_domain_name, &self.user_domain_id))
                .unwrap_or_else(|| DomainRef::Id(DEFAULT_DOMAIN_ID.to_owned()));
            return Scope::ProjectName { name, domain };
        }
        Scope::Unscoped
    }

    fn describe(&self) -> String {
        match &self.name {
            Some(n) => format!("cloud '{n}'"),
            None => "the OS_* environment".to_owned(),
        }
    }

    /// Reads cloud `name` from clouds.yaml text.
    pub fn from_yaml(yaml: &str, name: &str) -> Result<CloudConfig> {
        let value = parse_yaml(yaml, "clouds.yaml")?;
        from_value(&value, name, "clouds.yaml", None)
    }

    /// Reads cloud `name` from a clouds.yaml file, merging `secure.yaml`
    /// from the same folder if there is one.
    pub fn from_path(path: &Path, name: &str) -> Result<CloudConfig> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("cannot read {shown}: {e}")))?;
        let mut value = parse_yaml(&text, &shown)?;
        if let Some(secure) = secure_yaml_next_to(path) {
            let secure_shown = secure.display().to_string();
            let text = std::fs::read_to_string(&secure)
                .map_err(|e| Error::Config(format!("cannot read {secure_shown}: {e}")))?;
            merge(&mut value, parse_yaml(&text, &secure_shown)?);
        }
        from_value(&value, name, &shown, Some(path))
    }
}

fn domain_ref(name: &Option<String>, id: &Option<String>) -> Option<DomainRef> {
    if let Some(id) = id.clone().filter(|s| !s.is_empty()) {
        return Some(DomainRef::Id(id));
    }
    name.clone().filter(|s| !s.is_empty()).map(DomainRef::Name)
}

/// Loads cloud `name` from the first clouds.yaml [`find_clouds_yaml`] finds.
pub fn load_cloud(name: &str) -> Result<CloudConfig> {
    let path = find_clouds_yaml().ok_or_else(|| {
        let looked: Vec<String> = real_candidates()
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        Error::Config(format!(
            "no clouds.yaml found (looked in {}); create one or set OS_CLIENT_CONFIG_FILE",
            looked.join(", ")
        ))
    })?;
    CloudConfig::from_path(&path, name)
}

/// The cloud the environment selects: `OS_CLOUD` from clouds.yaml, else the
/// `OS_*` variables.
pub fn load_default() -> Result<CloudConfig> {
    if let Some(name) = env_var("OS_CLOUD") {
        return load_cloud(&name);
    }
    from_env().ok_or_else(|| {
        Error::Config(
            "no cloud configured; set OS_CLOUD to a cloud in clouds.yaml, or OS_AUTH_URL (and OS_USERNAME, OS_PASSWORD…)"
                .to_owned(),
        )
    })
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

fn real_candidates() -> Vec<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let home = env_var("HOME").map(PathBuf::from);
    clouds_yaml_candidates(&env_var, &cwd, home.as_deref())
}

/// The first clouds.yaml that exists, searching as os-client-config does:
/// `$OS_CLIENT_CONFIG_FILE`, `./clouds.yaml`,
/// `$XDG_CONFIG_HOME/openstack/clouds.yaml`, `~/.config/openstack/clouds.yaml`,
/// `/etc/openstack/clouds.yaml`.
pub fn find_clouds_yaml() -> Option<PathBuf> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let home = env_var("HOME").map(PathBuf::from);
    find_clouds_yaml_with(&env_var, &cwd, home.as_deref(), &|p: &Path| p.is_file())
}

/// [`find_clouds_yaml`] with the environment, working directory, home
/// directory and file test supplied by the caller.
pub fn find_clouds_yaml_with(
    env: &dyn Fn(&str) -> Option<String>,
    cwd: &Path,
    home: Option<&Path>,
    is_file: &dyn Fn(&Path) -> bool,
) -> Option<PathBuf> {
    clouds_yaml_candidates(env, cwd, home)
        .into_iter()
        .find(|p| is_file(p))
}

/// Every place clouds.yaml is looked for, in order.
pub fn clouds_yaml_candidates(
    env: &dyn Fn(&str) -> Option<String>,
    cwd: &Path,
    home: Option<&Path>,
) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = vec![cwd.to_path_buf()];
    if let Some(xdg) = env("XDG_CONFIG_HOME").filter(|v| !v.is_empty()) {
        dirs.push(Path::new(&xdg).join("openstack"));
    }
    if let Some(home) = home {
        dirs.push(home.join(".config").join("openstack"));
    }
    dirs.push(PathBuf::from("/etc/openstack"));

    let mut out: Vec<PathBuf> = Vec::new();
    if let Some(file) = env("OS_CLIENT_CONFIG_FILE").filter(|v| !v.is_empty()) {
        out.push(PathBuf::from(file));
    }
    for dir in dirs {
        for file in ["clouds.yaml", "clouds.yml"] {
            let p = dir.join(file);
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

fn secure_yaml_next_to(clouds: &Path) -> Option<PathBuf> {
    let dir = clouds.parent()?;
    ["secure.yaml", "secure.yml"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

fn parse_yaml(text: &str, shown: &str) -> Result<Value> {
    serde_yaml::from_str(text).map_err(|e| Error::Config(format!("{shown} is not valid YAML: {e}")))
}

/// Deep-merges `overlay` into `base`: mappings merge key by key, anything
/// else in `overlay` replaces.
fn merge(base: &mut Value, overlay: Value) {
    match (base, overlay) {
        (Value::Mapping(base), Value::Mapping(overlay)) => {
            for (k, v) in overlay {
                match base.get_mut(&k) {
                    Some(existing) => merge(existing, v),
                    None => {
                        base.insert(k, v);
                    }
                }
            }
        }
        (base, overlay) => *base = overlay,
    }
}

/// A scalar as a string; YAML happily makes `project_name: 1234` a number.
fn scalar(map: &Mapping, key: &str) -> Option<String> {
    match map.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" | "y" => Some(true),
        "0" | "false" | "no" | "off" | "n" => Some(false),
        _ => None,
    }
}

fn from_value(root: &Value, name: &str, shown: &str, path: Option<&Path>) -> Result<CloudConfig> {
    let clouds = root
        .get("clouds")
        .and_then(Value::as_mapping)
        .ok_or_else(|| Error::Config(format!("{shown} has no 'clouds:' section")))?;
    let cloud = clouds.get(name).ok_or_else(|| {
        let names: Vec<&str> = clouds.keys().filter_map(Value::as_str).collect();
        Error::Config(format!(
            "cloud '{name}' not found in {shown}; clouds there: {}",
            if names.is_empty() {
                "(none)".to_owned()
            } else {
                names.join(", ")
            }
        ))
    })?;
    let empty = Mapping::new();
    let cloud = cloud.as_mapping().unwrap_or(&empty);
    let auth = cloud
        .get("auth")
        .and_then(Value::as_mapping)
        .unwrap_or(&empty);

    let auth_url = scalar(auth, "auth_url").ok_or_else(|| {
        Error::Config(format!(
            "cloud '{name}' in {shown} has no auth_url; add it under clouds.{name}.auth"
        ))
    })?;

    let interface = match scalar(cloud, "interface").or_else(|| scalar(cloud, "endpoint_type")) {
        Some(s) => s.parse().map_err(|_| {
            Error::Config(format!(
                "cloud '{name}' in {shown} has interface '{s}'; use public, internal or admin"
            ))
        })?,
        None => Interface::Public,
    };

    let region_name = scalar(cloud, "region_name").or_else(|| {
        // `regions:` lists names or {name: ...} maps; take the first.
        let first = cloud.get("regions")?.as_sequence()?.first()?;
        match first {
            Value::String(s) => Some(s.clone()),
            Value::Mapping(m) => scalar(m, "name"),
            _ => None,
        }
    });

    // A relative cacert is relative to the file that names it.
    let resolve = |p: String| -> PathBuf {
        let p = PathBuf::from(p);
        match path.and_then(Path::parent) {
            Some(dir) if p.is_relative() => dir.join(p),
            _ => p,
        }
    };
    let mut cacert = scalar(cloud, "cacert").map(resolve);
    let mut verify = true;
    match cloud.get("verify") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) => verify = *b,
        Some(Value::String(s)) => match parse_bool(s) {
            Some(b) => verify = b,
            // keystoneauth also takes a CA path in `verify`.
            None => {
                if cacert.is_none() {
                    cacert = Some(resolve(s.clone()));
                }
            }
        },
        Some(other) => {
            return Err(Error::Config(format!(
                "cloud '{name}' in {shown} has verify: {other:?}; use true or false"
            )))
        }
    }
    if let Some(Value::Bool(true)) = cloud.get("insecure") {
        verify = false;
    }

    Ok(CloudConfig {
        name: Some(name.to_owned()),
        auth_url,
        region_name,
        interface,
        verify,
        cacert,
        user_domain_name: scalar(auth, "user_domain_name").or_else(|| scalar(auth, "domain_name")),
        user_domain_id: scalar(auth, "user_domain_id").or_else(|| scalar(auth, "domain_id")),
        project_name: scalar(auth, "project_name").or_else(|| scalar(auth, "tenant_name")),
        project_id: scalar(auth, "project_id").or_else(|| scalar(auth, "tenant_id")),
        project_domain_name: scalar(auth, "project_domain_name"),
        project_domain_id: scalar(auth, "project_domain_id"),
        username: scalar(auth, "username"),
        password: scalar(auth, "password").map(Secret::from),
    })
}

/// The cloud described by `OS_*` variables, if `OS_AUTH_URL` is set.
pub fn from_env() -> Option<CloudConfig> {
    from_env_with(&env_var)
}

/// [`from_env`] with the variable lookup supplied by the caller.
pub fn from_env_with(env: &dyn Fn(&str) -> Option<String>) -> Option<CloudConfig> {
    let get = |k: &str| env(k).filter(|v| !v.is_empty());
    let auth_url = get("OS_AUTH_URL")?;
    let interface = match get("OS_INTERFACE").or_else(|| get("OS_ENDPOINT_TYPE")) {
        Some(s) => s.parse().unwrap_or_else(|_| {
            tracing::warn!(interface = %s, "ignoring unknown OS_INTERFACE; using public");
            Interface::Public
        }),
        None => Interface::Public,
    };
    let insecure = get("OS_INSECURE")
        .and_then(|v| parse_bool(&v))
        .unwrap_or(false);
    Some(CloudConfig {
        name: None,
        auth_url,
        region_name: get("OS_REGION_NAME"),
        interface,
        verify: !insecure,
        cacert: get("OS_CACERT").map(PathBuf::from),
        user_domain_name: get("OS_USER_DOMAIN_NAME"),
        user_domain_id: get("OS_USER_DOMAIN_ID"),
        project_name: get("OS_PROJECT_NAME").or_else(|| get("OS_TENANT_NAME")),
        project_id: get("OS_PROJECT_ID").or_else(|| get("OS_TENANT_ID")),
        project_domain_name: get("OS_PROJECT_DOMAIN_NAME"),
        project_domain_id: get("OS_PROJECT_DOMAIN_ID"),
        username: get("OS_USERNAME"),
        password: get("OS_PASSWORD").map(Secret::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const CLOUDS: &str = r#"
clouds:
  devstack:
    auth:
      auth_url: http://192.0.2.10/identity
      username: demo
      password: secret
      project_name: demo
      user_domain_id: default
      project_domain_id: default
    region_name: RegionOne
    identity_api_version: 3
  prod:
    auth:
      auth_url: https://keystone.example.com:5000/v3
      username: alice
      project_name: 1234
      user_domain_name: Corp
    interface: internal
    verify: false
    regions:
      - name: East
      - West
  tls:
    auth:
      auth_url: https://k.example/v3
    cacert: certs/ca.pem
    endpoint_type: adminURL
"#;

    #[test]
    fn parses_clouds_yaml() {
        let c = CloudConfig::from_yaml(CLOUDS, "devstack").unwrap();
        assert_eq!(c.name.as_deref(), Some("devstack"));
        assert_eq!(c.auth_url, "http://192.0.2.10/identity");
        assert_eq!(c.username.as_deref(), Some("demo"));
        assert_eq!(c.password.as_ref().map(Secret::expose), Some("secret"));
        assert_eq!(c.project_name.as_deref(), Some("demo"));
        assert_eq!(c.user_domain_id.as_deref(), Some("default"));
        assert_eq!(c.region_name.as_deref(), Some("RegionOne"));
        assert_eq!(c.interface, Interface::Public);
        assert!(c.verify);
        assert_eq!(
            c.scope(),
            Scope::ProjectName {
                name: "demo".into(),
                domain: DomainRef::Id("default".into())
            }
        );
        let creds = c.credentials().unwrap();
        assert_eq!(
            creds.user,
            UserRef::Name {
                name: "demo".into(),
                domain: DomainRef::Id("default".into())
            }
        );

        let c = CloudConfig::from_yaml(CLOUDS, "prod").unwrap();
        assert_eq!(c.interface, Interface::Internal);
        assert!(!c.verify);
        assert_eq!(c.project_name.as_deref(), Some("1234"));
        assert_eq!(c.region_name.as_deref(), Some("East"));
        assert_eq!(c.password, None);
        // Project domain falls back to the user's.
        assert_eq!(
            c.scope(),
            Scope::ProjectName {
                name: "1234".into(),
                domain: DomainRef::Name("Corp".into())
            }
        );
        match c.credentials() {
            Err(Error::Config(m)) => assert!(m.contains("no password"), "{m}"),
            other => panic!("expected Config error, got {other:?}"),
        }
        assert!(!c.client_options().verify);

        let c = CloudConfig::from_yaml(CLOUDS, "tls").unwrap();
        assert_eq!(c.interface, Interface::Admin);
        assert_eq!(c.cacert, Some(PathBuf::from("certs/ca.pem")));
        assert_eq!(c.scope(), Scope::Unscoped);
    }

    #[test]
    fn unknown_cloud_lists_clouds() {
        match CloudConfig::from_yaml(CLOUDS, "nope") {
            Err(Error::Config(m)) => assert_eq!(
                m,
                "cloud 'nope' not found in clouds.yaml; clouds there: devstack, prod, tls"
            ),
            other => panic!("expected Config error, got {other:?}"),
        }
    }

    #[test]
    fn bad_yaml_and_missing_fields() {
        assert!(matches!(
            CloudConfig::from_yaml("clouds: [", "x"),
            Err(Error::Config(_))
        ));
        assert!(matches!(
            CloudConfig::from_yaml("foo: 1", "x"),
            Err(Error::Config(_))
        ));
        match CloudConfig::from_yaml("clouds:\n  x:\n    region_name: R\n", "x") {
            Err(Error::Config(m)) => assert!(m.contains("no auth_url"), "{m}"),
            other => panic!("expected Config error, got {other:?}"),
        }
        match CloudConfig::from_yaml(
            "clouds:\n  x:\n    auth: {auth_url: http://k}\n    interface: private\n",
            "x",
        ) {
            Err(Error::Config(m)) => assert!(m.contains("use public, internal or admin"), "{m}"),
            other => panic!("expected Config error, got {other:?}"),
        }
    }

    #[test]
    fn from_path_merges_secure_yaml_and_resolves_cacert() {
        let dir = tempfile::tempdir().unwrap();
        let clouds = dir.path().join("clouds.yaml");
        std::fs::write(&clouds, CLOUDS).unwrap();
        std::fs::write(
            dir.path().join("secure.yaml"),
            "clouds:\n  prod:\n    auth:\n      password: from-secure\n",
        )
        .unwrap();
        let c = CloudConfig::from_path(&clouds, "prod").unwrap();
        assert_eq!(c.password.as_ref().map(Secret::expose), Some("from-secure"));
        // The rest of the auth section survives the merge.
        assert_eq!(c.username.as_deref(), Some("alice"));
        let c = CloudConfig::from_path(&clouds, "tls").unwrap();
        assert_eq!(c.cacert, Some(dir.path().join("certs/ca.pem")));
        match CloudConfig::from_path(&clouds, "nope") {
            Err(Error::Config(m)) => {
                assert!(m.contains(&clouds.display().to_string()), "{m}");
                assert!(m.ends_with("clouds there: devstack, prod, tls"), "{m}");
            }
            other => panic!("expected Config error, got {other:?}"),
        }
        assert!(matches!(
            CloudConfig::from_path(&dir.path().join("missing.yaml"), "x"),
            Err(Error::Config(_))
        ));
    }

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn search_order() {
        let cwd = Path::new("/work/here");
        let home = Path::new("/home/u");
        let env = env_of(&[("OS_CLIENT_CONFIG_FILE", "/custom/c.yaml")]);
        let all = clouds_yaml_candidates(&env, cwd, Some(home));
        let yaml: Vec<&Path> = all
            .iter()
            .map(PathBuf::as_path)
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        assert_eq!(
            yaml,
            vec![
                Path::new("/custom/c.yaml"),
                Path::new("/work/here/clouds.yaml"),
                Path::new("/home/u/.config/openstack/clouds.yaml"),
                Path::new("/etc/openstack/clouds.yaml"),
            ]
        );

        let env = env_of(&[("XDG_CONFIG_HOME", "/xdg")]);
        let all = clouds_yaml_candidates(&env, cwd, Some(home));
        assert_eq!(all[0], Path::new("/work/here/clouds.yaml"));
        assert_eq!(all[2], Path::new("/xdg/openstack/clouds.yaml"));
        assert_eq!(all[4], Path::new("/home/u/.config/openstack/clouds.yaml"));

        // The first existing one wins.
        let exists =
            |set: &'static [&'static str]| move |p: &Path| set.iter().any(|s| Path::new(s) == p);
        let none = env_of(&[]);
        let found = find_clouds_yaml_with(
            &none,
            cwd,
            Some(home),
            &exists(&[
                "/etc/openstack/clouds.yaml",
                "/home/u/.config/openstack/clouds.yaml",
            ]),
        );
        assert_eq!(
            found,
            Some(PathBuf::from("/home/u/.config/openstack/clouds.yaml"))
        );
        let found =
            find_clouds_yaml_with(&none, cwd, None, &exists(&["/etc/openstack/clouds.yaml"]));
        assert_eq!(found, Some(PathBuf::from("/etc/openstack/clouds.yaml")));
        // A missing OS_CLIENT_CONFIG_FILE falls through to the usual places.
        let env = env_of(&[("OS_CLIENT_CONFIG_FILE", "/custom/missing.yaml")]);
        let found =
            find_clouds_yaml_with(&env, cwd, Some(home), &exists(&["/work/here/clouds.yaml"]));
        assert_eq!(found, Some(PathBuf::from("/work/here/clouds.yaml")));
        assert_eq!(
            find_clouds_yaml_with(&none, cwd, Some(home), &exists(&[])),
            None
        );
    }

    #[test]
    fn env_parsing() {
        assert_eq!(from_env_with(&env_of(&[])), None);
        assert_eq!(from_env_with(&env_of(&[("OS_AUTH_URL", "")])), None);

        let c = from_env_with(&env_of(&[
            ("OS_AUTH_URL", "http://k:5000/v3"),
            ("OS_REGION_NAME", "RegionOne"),
            ("OS_ENDPOINT_TYPE", "internalURL"),
            ("OS_CACERT", "/etc/ssl/ca.pem"),
            ("OS_USER_DOMAIN_NAME", "Default"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_PROJECT_DOMAIN_NAME", "Default"),
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
        ]))
        .unwrap();
        assert_eq!(c.name, None);
        assert_eq!(c.auth_url, "http://k:5000/v3");
        assert_eq!(c.region_name.as_deref(), Some("RegionOne"));
        assert_eq!(c.interface, Interface::Internal);
        assert!(c.verify);
        assert_eq!(c.cacert, Some(PathBuf::from("/etc/ssl/ca.pem")));
        assert_eq!(c.user_domain_name.as_deref(), Some("Default"));
        assert_eq!(c.project_name.as_deref(), Some("demo"));
        assert_eq!(c.project_domain_name.as_deref(), Some("Default"));
        assert_eq!(c.username.as_deref(), Some("demo"));
        assert_eq!(c.password, Some(Secret::from("pw")));
        assert!(!format!("{c:?}").contains("\"pw\""));

        // OS_INTERFACE wins over OS_ENDPOINT_TYPE; OS_INSECURE turns off verify.
        let c = from_env_with(&env_of(&[
            ("OS_AUTH_URL", "http://k:5000"),
            ("OS_INTERFACE", "admin"),
            ("OS_ENDPOINT_TYPE", "internal"),
            ("OS_INSECURE", "True"),
        ]))
        .unwrap();
        assert_eq!(c.interface, Interface::Admin);
        assert!(!c.verify);
        assert_eq!(c.scope(), Scope::Unscoped);
        match c.credentials() {
            Err(Error::Config(m)) => assert!(m.contains("OS_USERNAME"), "{m}"),
            other => panic!("expected Config error, got {other:?}"),
        }

        let c = from_env_with(&env_of(&[
            ("OS_AUTH_URL", "http://k"),
            ("OS_INSECURE", "false"),
        ]))
        .unwrap();
        assert!(c.verify);
    }

    #[test]
    fn default_domain_when_none_given() {
        let c = CloudConfig {
            auth_url: "http://k".into(),
            username: Some("u".into()),
            password: Some("p".into()),
            project_name: Some("demo".into()),
            ..Default::default()
        };
        assert_eq!(
            c.credentials().unwrap().user,
            UserRef::Name {
                name: "u".into(),
                domain: DomainRef::Id("default".into())
            }
        );
        assert_eq!(
            c.scope(),
            Scope::ProjectName {
                name: "demo".into(),
                domain: DomainRef::Id("default".into())
            }
        );
        let c = CloudConfig {
            project_id: Some("p1".into()),
            ..c
        };
        assert_eq!(c.scope(), Scope::ProjectId("p1".into()));
    }
}
