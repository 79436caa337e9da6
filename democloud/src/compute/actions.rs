//! Server actions: `POST /servers/{id}/action`, and the instance action
//! log `/servers/{id}/os-instance-actions`.

use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use super::hosts::{self, InstanceFault};
use super::servers::{
    self, begin_transition, check_locked, load, record_action, Server, POWER_PAUSED, POWER_RUNNING,
    POWER_SHUTDOWN, POWER_SUSPENDED,
};
use super::{
    action_of, call, flavors, format_time, path, require_admin, Fault, Microversion, NJson, NPath,
    ProjectAuth,
};
use crate::db::now_micros;
use crate::http::RequestId;
use crate::image::{data, images};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(&path("/servers/{server_id}/action"), post(server_action))
        .route(
            &path("/servers/{server_id}/os-instance-actions"),
            get(list_actions),
        )
        .route(
            &path("/servers/{server_id}/os-instance-actions/{request_id}"),
            get(show_action),
        )
        .route(&path("/servers/{server_id}/diagnostics"), get(diagnostics))
}

/// Nova's 409 for an action the server's state does not allow. Nova names
/// the action without its `os-` prefix ("Cannot 'stop' instance …").
fn invalid_state(action: &str, s: &Server, attr: &str, state: &str) -> Fault {
    let action = action.strip_prefix("os-").unwrap_or(action);
    Fault::conflict(format!(
        "Cannot '{action}' instance {} while it is in {attr} {state}",
        s.id
    ))
}

/// Checks `vm_state` is one of `allowed` and no task is running.
fn require_state(action: &str, s: &Server, allowed: &[&str]) -> Result<(), Fault> {
    if let Some(task) = &s.task_state {
        return Err(invalid_state(action, s, "task_state", task));
    }
    if !allowed.contains(&s.vm_state.as_str()) {
        return Err(invalid_state(action, s, "vm_state", &s.vm_state));
    }
    Ok(())
}

/// What one action does: allowed states, the task while it runs, and the
/// states it leads to.
struct Transition {
    allowed: &'static [&'static str],
    task: &'static str,
    vm_state: &'static str,
    power_state: i64,
    /// Name in the instance action log.
    log: &'static str,
}

fn simple_transition(action: &str) -> Option<Transition> {
    let t = |allowed, task, vm_state, power_state, log| Transition {
        allowed,
        task,
        vm_state,
        power_state,
        log,
    };
    Some(match action {
        "os-start" => t(
            &["stopped"],
            "powering-on",
            "active",
            POWER_RUNNING,
            "start",
        ),
        "os-stop" => t(
            &["active", "error"],
            "powering-off",
            "stopped",
            POWER_SHUTDOWN,
            "stop",
        ),
        "pause" => t(&["active"], "pausing", "paused", POWER_PAUSED, "pause"),
        "unpause" => t(&["paused"], "unpausing", "active", POWER_RUNNING, "unpause"),
        "suspend" => t(
            &["active"],
            "suspending",
            "suspended",
            POWER_SUSPENDED,
            "suspend",
        ),
        "resume" => t(
            &["suspended"],
            "resuming",
            "active",
            POWER_RUNNING,
            "resume",
        ),
        "shelve" => t(
            &["active", "stopped", "paused", "suspended"],
            "shelving",
            "shelved_offloaded",
            POWER_SHUTDOWN,
            "shelve",
        ),
        "unshelve" => t(
            &["shelved", "shelved_offloaded"],
            "unshelving",
            "active",
            POWER_RUNNING,
            "unshelve",
        ),
        _ => return None,
    })
}

async fn server_action(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    request_id: axum::Extension<RequestId>,
    NPath(id): NPath<String>,
    NJson(body): NJson<Value>,
) -> Result<Response, Fault> {
    let (action, args) = action_of(
        body,
        "Malformed request body: exactly one action is expected",
    )?;
    let request_id = request_id.0 .0;
    if action == "createImage" {
        return create_image(&st, auth, mv, &request_id, id, &args).await;
    }
    let delay = st.build_delay;
    let base_url = st.base_url.clone();
    call(&st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &id)?;
        let reply = perform(
            &tx,
            &auth,
            mv,
            &s,
            &action,
            &args,
            delay,
            &request_id,
            &base_url,
        )?;
        tx.commit()?;
        Ok(reply)
    })
    .await
}

/// Runs one action inside the caller's transaction.
#[allow(clippy::too_many_arguments)]
fn perform(
    c: &Connection,
    auth: &ProjectAuth,
    mv: Microversion,
    s: &Server,
    action: &str,
    args: &Value,
    delay: std::time::Duration,
    request_id: &str,
    base_url: &str,
) -> Result<Response, Fault> {
    let accepted = || StatusCode::ACCEPTED.into_response();
    if let Some(t) = simple_transition(action) {
        check_locked(s, auth)?;
        require_state(action, s, t.allowed)?;
        if action == "unshelve" && !place_unshelved(c, s)? {
            // Nova's conductor leaves the server offloaded when no host fits.
            record_action(c, &s.id, t.log, request_id, auth)?;
            return Ok(accepted());
        }
        begin_transition(c, &s.id, t.task, t.vm_state, t.power_state, delay)?;
        record_action(c, &s.id, t.log, request_id, auth)?;
        return Ok(accepted());
    }
    match action {
        "reboot" => {
            let kind = args
                .get("type")
                .and_then(Value::as_str)
                .map(str::to_ascii_uppercase)
                .unwrap_or_default();
            check_locked(s, auth)?;
            let (allowed, task): (&[&str], &str) = match kind.as_str() {
                "SOFT" => (&["active"], "rebooting"),
                "HARD" => (
                    &["active", "stopped", "paused", "suspended", "error"],
                    "rebooting_hard",
                ),
                _ => {
                    return Err(Fault::bad_request(
                        "Invalid input for field/attribute type. Value: must be SOFT or HARD.",
                    ))
                }
            };
            require_state(action, s, allowed)?;
            begin_transition(c, &s.id, task, "active", POWER_RUNNING, delay)?;
            record_action(c, &s.id, "reboot", request_id, auth)?;
            Ok(accepted())
        }
        "lock" => {
            let reason = args
                .get("locked_reason")
                .and_then(Value::as_str)
                .filter(|_| mv.at_least(73));
            c.execute(
                "UPDATE servers SET locked = 1, locked_reason = ?2, updated_at = ?3 WHERE id = ?1",
                params![s.id, reason, now_micros()],
            )?;
            record_action(c, &s.id, "lock", request_id, auth)?;
            Ok(accepted())
        }
        "unlock" => {
            c.execute(
                "UPDATE servers SET locked = 0, locked_reason = NULL, updated_at = ?2 WHERE id = ?1",
                params![s.id, now_micros()],
            )?;
            record_action(c, &s.id, "unlock", request_id, auth)?;
            Ok(accepted())
        }
        "os-getConsoleOutput" => {
            if s.vm_state == "building" {
                return Err(Fault::conflict(format!("Instance {} is not ready", s.id)));
            }
            let length = match args.get("length") {
                None | Some(Value::Null) => None,
                Some(Value::Number(n)) => n.as_i64(),
                Some(Value::String(v)) => v.parse().ok(),
                Some(_) => Some(-2),
            };
            let length = match length {
                Some(n) if n < -1 => {
                    return Err(Fault::bad_request(
                        "Invalid input for field/attribute length.",
                    ))
                }
                Some(-1) | None => None,
                Some(n) => Some(n as usize),
            };
            let log = console_log(c, s)?;
            let lines: Vec<&str> = log.lines().collect();
            let start = length.map_or(0, |n| lines.len().saturating_sub(n));
            let output = lines[start..].join("\n");
            Ok(Json(json!({"output": output})).into_response())
        }
        "resize" => {
            check_locked(s, auth)?;
            let flavor_ref = args
                .get("flavorRef")
                .and_then(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .ok_or_else(|| {
                    Fault::bad_request(
                        "Invalid input for field/attribute resize. Value: {}. 'flavorRef' is a required property",
                    )
                })?;
            require_state(action, s, &["active", "stopped"])?;
            let flavor = flavors::find(c, &flavor_ref).map_err(|_| {
                Fault::bad_request(format!("Unable to find flavor with ID {flavor_ref}"))
            })?;
            if flavor.id == s.flavor_id {
                return Err(Fault::bad_request(
                    "When resizing, instances must change flavor!",
                ));
            }
            // Quota for the growth.
            let old = flavors::get_by_id(c, &s.flavor_id)?;
            if let Some(old) = old {
                let usage = super::quotas::Usage::of(c, &s.project_id)?;
                let limits = super::quotas::limits_for(c, &s.project_id)?;
                let grow_cores = (flavor.vcpus - old.vcpus).max(0);
                let grow_ram = (flavor.ram - old.ram).max(0);
                if usage.cores + grow_cores > limits.cores || usage.ram + grow_ram > limits.ram {
                    let delta = flavors::Flavor {
                        vcpus: grow_cores,
                        ram: grow_ram,
                        ..flavor.clone()
                    };
                    let usage = super::quotas::Usage {
                        instances: 0,
                        ..usage
                    };
                    return Err(usage.over_quota(&limits, &delta, 1));
                }
            }
            hosts::check_topology(c, &flavor, &s.image_ref)?;
            // The scheduler picks the destination as if the server had left
            // its host (the same host may be chosen).
            let request = hosts::Request::of(&flavor);
            let destination =
                hosts::schedule(c, &request, &hosts::Filter::default(), 1, Some(&s.id))?
                    .and_then(|mut d| d.pop())
                    .ok_or_else(|| Fault::bad_request(hosts::NO_VALID_HOST))?;
            c.execute(
                "UPDATE servers SET old_flavor_id = flavor_id, flavor_id = ?2, old_host = host,
                     host = ?3, availability_zone = ?4 WHERE id = ?1",
                params![s.id, flavor.id, destination.host, destination.zone],
            )?;
            let power = s.power_state;
            let outcome = respawn(c, &s.id, &flavor, &s.image_ref)?;
            let vm_state = if outcome { "resized" } else { "error" };
            begin_transition(c, &s.id, "resize_prep", vm_state, power, delay)?;
            record_action(c, &s.id, "resize", request_id, auth)?;
            Ok(accepted())
        }
        "confirmResize" => {
            check_locked(s, auth)?;
            require_state(action, s, &["resized"])?;
            let vm = if s.power_state == POWER_SHUTDOWN {
                "stopped"
            } else {
                "active"
            };
            c.execute(
                "UPDATE servers SET vm_state = ?2, old_flavor_id = NULL, old_host = NULL,
                     updated_at = ?3 WHERE id = ?1",
                params![s.id, vm, now_micros()],
            )?;
            record_action(c, &s.id, "confirmResize", request_id, auth)?;
            Ok(StatusCode::NO_CONTENT.into_response())
        }
        "revertResize" => {
            check_locked(s, auth)?;
            require_state(action, s, &["resized"])?;
            c.execute(
                "UPDATE servers SET flavor_id = COALESCE(old_flavor_id, flavor_id),
                     old_flavor_id = NULL, host = COALESCE(old_host, host), old_host = NULL
                 WHERE id = ?1",
                params![s.id],
            )?;
            if let Some(host) = load(c, auth, &s.id)?.host {
                let zone = hosts::zone_of(c, &host)?;
                c.execute(
                    "UPDATE servers SET availability_zone = ?2 WHERE id = ?1",
                    params![s.id, zone],
                )?;
            }
            // The old flavor's topology comes back with it.
            if let Some(old) = flavors::get_by_id(c, &load(c, auth, &s.id)?.flavor_id)? {
                if let Ok(t) = hosts::best_topology(c, &old, &s.image_ref)? {
                    hosts::store_topology(c, &s.id, Some(t))?;
                }
            }
            let vm = if s.power_state == POWER_SHUTDOWN {
                "stopped"
            } else {
                "active"
            };
            begin_transition(c, &s.id, "resize_reverting", vm, s.power_state, delay)?;
            record_action(c, &s.id, "revertResize", request_id, auth)?;
            Ok(accepted())
        }
        "rebuild" => {
            check_locked(s, auth)?;
            let image = args
                .get("imageRef")
                .and_then(Value::as_str)
                .ok_or_else(|| {
                    Fault::bad_request(
                        "Invalid input for field/attribute rebuild. Value: {}. 'imageRef' is a required property",
                    )
                })?;
            require_state(action, s, &["active", "stopped", "error"])?;
            let image = image.rsplit('/').next().unwrap_or(image).to_owned();
            let flavor = flavors::get_by_id(c, &s.flavor_id)?;
            if let Some(f) = &flavor {
                hosts::check_topology(c, f, &image)?;
            }
            if let Some(name) = args.get("name").and_then(Value::as_str) {
                c.execute(
                    "UPDATE servers SET name = ?2 WHERE id = ?1",
                    params![s.id, name],
                )?;
            }
            c.execute(
                "UPDATE servers SET image_ref = ?2 WHERE id = ?1",
                params![s.id, image],
            )?;
            let (mut vm, power) = if s.vm_state == "stopped" {
                ("stopped", POWER_SHUTDOWN)
            } else {
                ("active", POWER_RUNNING)
            };
            if let Some(f) = &flavor {
                if !respawn(c, &s.id, f, &image)? {
                    vm = "error";
                }
            }
            begin_transition(c, &s.id, "rebuilding", vm, power, delay)?;
            record_action(c, &s.id, "rebuild", request_id, auth)?;
            let s = load(c, auth, &s.id)?;
            let mut v = servers::detail(c, &s, base_url, mv, auth.is_admin())?;
            v["adminPass"] = json!(servers::admin_password());
            Ok((StatusCode::ACCEPTED, Json(json!({"server": v}))).into_response())
        }
        other => Err(Fault::bad_request(format!(
            "There is no such action: {other}"
        ))),
    }
}

/// The driver spawns the guest again (rebuild, resize): it gets the best
/// topology for the flavor and image, or the server ends in ERROR with the
/// reason as its fault. Returns whether it spawned.
fn respawn(c: &Connection, id: &str, flavor: &flavors::Flavor, image: &str) -> Result<bool, Fault> {
    match hosts::best_topology(c, flavor, image)? {
        Ok(t) => {
            hosts::store_topology(c, id, Some(t))?;
            Ok(true)
        }
        Err(message) => {
            hosts::record_fault(c, id, &InstanceFault::spawn_failed(&message))?;
            Ok(false)
        }
    }
}

/// Unshelving an offloaded server schedules it again; `false` when no
/// host fits.
fn place_unshelved(c: &Connection, s: &Server) -> Result<bool, Fault> {
    if s.vm_state != "shelved_offloaded" {
        return Ok(true);
    }
    let Some(flavor) = flavors::get_by_id(c, &s.flavor_id)? else {
        return Ok(true);
    };
    let request = hosts::Request::of(&flavor);
    let Some(d) = hosts::schedule(c, &request, &hosts::Filter::default(), 1, Some(&s.id))?
        .and_then(|mut d| d.pop())
    else {
        return Ok(false);
    };
    c.execute(
        "UPDATE servers SET host = ?2, availability_zone = ?3 WHERE id = ?1",
        params![s.id, d.host, d.zone],
    )?;
    Ok(true)
}

// ---------------------------------------------------------------------------
// createImage

/// The states Nova snapshots a server in.
const SNAPSHOT_STATES: &[&str] = &["active", "stopped", "paused", "suspended", "shelved"];

/// Nova's schema for `createImage`: a `name` of 1 to 255 characters and
/// optional string `metadata`.
fn snapshot_args(args: &Value) -> Result<(String, Map<String, Value>), Fault> {
    let invalid = |why: &str| {
        Fault::bad_request(format!(
            "Invalid input for field/attribute createImage. Value: {args}. {why}"
        ))
    };
    let Some(obj) = args.as_object() else {
        return Err(invalid("it is not of type 'object'"));
    };
    if let Some(extra) = obj.keys().find(|k| *k != "name" && *k != "metadata") {
        return Err(invalid(&format!(
            "Additional properties are not allowed ('{extra}' was unexpected)"
        )));
    }
    let name = match obj.get("name") {
        None => return Err(invalid("'name' is a required property")),
        Some(Value::String(n)) if !n.is_empty() && n.chars().count() <= 255 && n.trim() == n => {
            n.clone()
        }
        Some(_) => return Err(invalid(
            "'name' must be a string of 1 to 255 characters without leading or trailing whitespace",
        )),
    };
    let metadata = match obj.get("metadata") {
        None => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => return Err(invalid("'metadata' is not of type 'object'")),
    };
    for (k, v) in &metadata {
        let key_ok = !k.is_empty() && k.chars().count() <= 255;
        let value_ok = v.as_str().is_some_and(|v| v.chars().count() <= 255);
        if !key_ok || !value_ok {
            return Err(invalid(&format!(
                "metadata '{k}' must be a string of at most 255 characters"
            )));
        }
    }
    Ok((name, metadata))
}

/// `createImage`: a private snapshot image owned by the server's project,
/// its data a copy of the server's image (or a small placeholder). The
/// data is copied before the answer, so the image is already `active`
/// then; the server shows task `image_snapshot` for the build delay.
async fn create_image(
    st: &AppState,
    auth: ProjectAuth,
    mv: Microversion,
    request_id: &str,
    server_id: String,
    args: &Value,
) -> Result<Response, Fault> {
    let (name, metadata) = snapshot_args(args)?;
    let delay = st.build_delay;
    let request_id = request_id.to_owned();
    let image_id = uuid::Uuid::new_v4().to_string();
    let new_id = image_id.clone();
    let base_image = call(st, move |c| {
        let tx = c.transaction()?;
        let s = load(&tx, &auth, &server_id)?;
        // Nova's snapshot checks the state but not the lock.
        require_state("createImage", &s, SNAPSHOT_STATES)?;
        let base = match s.image_ref.as_str() {
            "" => None,
            id => images::load(&tx, id)?,
        };
        let flavor = flavors::get_by_id(&tx, &s.flavor_id)?;
        let now = now_micros();
        // Nova copies the base image's properties, then adds its own.
        let mut properties = base
            .as_ref()
            .map(|b| b.properties.clone())
            .unwrap_or_default();
        properties.insert("image_type".into(), "snapshot".into());
        properties.insert("image_location".into(), "snapshot".into());
        properties.insert("instance_uuid".into(), s.id.clone());
        properties.insert("base_image_ref".into(), s.image_ref.clone());
        properties.insert("user_id".into(), auth.user_id().to_owned());
        properties.insert("owner_user_name".into(), auth.auth.user.name.clone());
        for (k, v) in &metadata {
            if let Some(v) = v.as_str() {
                properties.insert(k.clone(), v.to_owned());
            }
        }
        let image = images::Image {
            id: new_id,
            name: Some(name),
            // Saving until the data is copied below.
            status: "saving".into(),
            visibility: "private".into(),
            protected: false,
            os_hidden: false,
            owner: Some(s.project_id.clone()),
            disk_format: base
                .as_ref()
                .and_then(|b| b.disk_format.clone())
                .or_else(|| Some("qcow2".into())),
            container_format: base
                .as_ref()
                .and_then(|b| b.container_format.clone())
                .or_else(|| Some("bare".into())),
            size: None,
            virtual_size: None,
            checksum: None,
            os_hash_algo: None,
            os_hash_value: None,
            // Nova sets min_disk to the root disk the server has.
            min_disk: flavor
                .as_ref()
                .map(|f| f.disk)
                .into_iter()
                .chain(base.as_ref().map(|b| b.min_disk))
                .max()
                .unwrap_or(0),
            min_ram: base.as_ref().map_or(0, |b| b.min_ram),
            created_at: now,
            updated_at: now,
            properties,
            tags: Vec::new(),
        };
        images::save(&tx, &image)?;
        begin_transition(
            &tx,
            &s.id,
            "image_snapshot",
            &s.vm_state,
            s.power_state,
            delay,
        )?;
        record_action(&tx, &s.id, "createImage", &request_id, &auth)?;
        tx.commit()?;
        Ok(base.map(|b| b.id))
    })
    .await?;

    let dir = crate::image::images_dir(&st.data_dir);
    let placeholder = images::seed_bytes(4096, 0x5a);
    let copied = data::copy_data(&dir, base_image.as_deref(), &image_id, &placeholder).await;
    let done_id = image_id.clone();
    call(st, move |c| {
        match copied {
            Ok(hasher) => {
                let size = hasher.size as i64;
                let (md5, sha512) = hasher.finish();
                data::activate(c, &done_id, size, &md5, &sha512)?;
            }
            Err(e) => {
                // Glance's state for an image whose upload failed.
                tracing::warn!(image = %done_id, error = %e, "could not write snapshot data");
                c.execute(
                    "UPDATE images SET status = 'killed', updated_at = ?2 WHERE id = ?1",
                    params![done_id, now_micros()],
                )?;
            }
        }
        Ok(())
    })
    .await?;

    if mv.at_least(45) {
        return Ok((StatusCode::ACCEPTED, Json(json!({ "image_id": image_id }))).into_response());
    }
    let location = format!("{}{}/images/{image_id}", st.base_url, crate::image::PREFIX);
    let mut response = StatusCode::ACCEPTED.into_response();
    if let Ok(v) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, v);
    }
    Ok(response)
}

/// A plausible cloud-init boot log for the server, with `lscpu`'s view of
/// the guest CPU topology the driver chose.
fn console_log(c: &Connection, s: &Server) -> Result<String, Fault> {
    let flavor = flavors::get_by_id(c, &s.flavor_id)?;
    let (vcpus, ram) = flavor.map_or((1, 512), |f| (f.vcpus, f.ram));
    let topology = s.guest_topology(vcpus);
    let zone = match s.current_host() {
        Some(host) => hosts::zone_of(c, host)?,
        None => s.availability_zone.clone(),
    };
    let hostname: String = s
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let keys: Option<String> = match &s.key_name {
        Some(k) => c
            .query_row(
                "SELECT fingerprint FROM keypairs WHERE user_id = ?1 AND name = ?2",
                params![s.user_id, k],
                |r| r.get(0),
            )
            .optional()?,
        None => None,
    };
    let mut lines = vec![
        "[    0.000000] Linux version 6.1.0-21-cloud-amd64 (debian-kernel@lists.debian.org)".to_owned(),
        "[    0.000000] Command line: BOOT_IMAGE=/vmlinuz root=LABEL=cirros-rootfs ro console=tty1 console=ttyS0".to_owned(),
        format!("[    0.000000] Memory: {}K/{}K available", ram * 1024 - 65536, ram * 1024),
        format!("[    0.012000] smpboot: Allowing {vcpus} CPUs, 0 hotplug CPUs"),
        format!(
            "[    0.150000] smp: Brought up 1 node, {} CPUs",
            topology.vcpus()
        ),
        "[    0.400000] virtio_blk virtio1: [vda] 2097152 512-byte logical blocks".to_owned(),
        "[    1.100000] EXT4-fs (vda1): mounted filesystem with ordered data mode.".to_owned(),
        "Starting network...".to_owned(),
        "udhcpc: started, v1.36.1".to_owned(),
        "udhcpc: no lease, failing".to_owned(),
        "checking http://169.254.169.254/2009-04-04/instance-id".to_owned(),
        format!("successful after 1/20 tries: up 3.21. iid={}", s.id),
        format!("hostname: {hostname}"),
    ];
    if let Some(fp) = keys {
        lines.push(format!(
            "cirros-ds 'net' up at 3.40: key {} ({fp})",
            s.key_name.as_deref().unwrap_or("")
        ));
    }
    lines.extend([
        "=== system information ===".to_owned(),
        "Platform: OpenStack Foundation OpenStack Nova".to_owned(),
        "Container: none".to_owned(),
        "=== lscpu ===".to_owned(),
        lscpu("Architecture:", "x86_64"),
        lscpu("CPU(s):", topology.vcpus()),
        lscpu(
            "On-line CPU(s) list:",
            format!("0-{}", topology.vcpus() - 1),
        ),
        lscpu("Vendor ID:", "GenuineIntel"),
        lscpu("Model name:", "Intel Xeon Processor (Cascadelake)"),
        lscpu("Thread(s) per core:", topology.threads),
        lscpu("Core(s) per socket:", topology.cores),
        lscpu("Socket(s):", topology.sockets),
        lscpu("Hypervisor vendor:", "KVM"),
        lscpu("Virtualization type:", "full"),
        "=== datasource: ec2 net ===".to_owned(),
        format!("instance-id: {}", s.id),
        format!("name: {}", s.name),
        format!("availability-zone: {zone}"),
        "=== cirros: current=0.6.2 uptime=4.12 ===".to_owned(),
        "login as 'cirros' user. default password: 'gocubsgo'. use 'sudo' for root.".to_owned(),
        format!("{hostname} login: "),
    ]);
    Ok(lines.join("\n"))
}

/// One `lscpu` line: the label padded to a column, then the value.
fn lscpu(label: &str, value: impl std::fmt::Display) -> String {
    format!("{label:<21}{value}")
}

// ---------------------------------------------------------------------------
// Diagnostics

/// Nova's names for power states (`power_state.STATE_MAP`).
fn power_state_name(state: i64) -> &'static str {
    match state {
        POWER_RUNNING => "running",
        POWER_PAUSED => "paused",
        POWER_SHUTDOWN => "shutdown",
        6 => "crashed",
        POWER_SUSPENDED => "suspended",
        _ => "pending",
    }
}

/// `GET /servers/{id}/diagnostics` (admin): the standard format from 2.48,
/// libvirt's free-form dict before; both with the guest `cpu_topology`.
async fn diagnostics(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let v = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        require_admin(&auth, "os_compute_api:os-server-diagnostics")?;
        if s.current_host().is_none() {
            return Err(Fault::conflict(format!("Instance {} is not ready", s.id)));
        }
        // The driver answers only for a running guest.
        if s.vm_state == "building" || s.power_state != POWER_RUNNING {
            return Err(Fault::conflict(format!(
                "Cannot 'get_diagnostics' instance {} while it is in power state {}",
                s.id,
                power_state_name(if s.vm_state == "building" {
                    0
                } else {
                    s.power_state
                })
            )));
        }
        let flavor = flavors::get_by_id(c, &s.flavor_id)?;
        let (vcpus, ram, ephemeral, swap) =
            flavor.map_or((1, 512, 0, 0), |f| (f.vcpus, f.ram, f.ephemeral, f.swap));
        let topology = s.guest_topology(vcpus);
        let nics: Vec<(String, String)> = {
            let mut stmt = c.prepare(
                "SELECT id, mac_address FROM ports
                 WHERE device_id = ?1 AND device_owner LIKE 'compute:%'
                 ORDER BY created_at, id",
            )?;
            let rows = stmt.query_map(params![s.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let disks = 1 + i64::from(ephemeral > 0) + i64::from(swap > 0);
        let uptime = (now_micros() - s.launched_at.unwrap_or(s.created_at)).max(0) / 1_000_000;
        // Counters that grow with the uptime, so successive reads differ.
        let cpu_time = |i: i64| (uptime + 1) * 20_000_000 * (i + 2);
        let disk = |i: i64| {
            let base = (uptime + 1) * (4096 - i * 1024);
            (base * 64, base / 8, base * 16, base / 32)
        };
        let nic = |i: usize| {
            let base = (uptime + 1) * (i as i64 + 3);
            (base * 1400, base, base * 600, base / 2)
        };
        let cpu_topology = json!({
            "sockets": topology.sockets,
            "cores": topology.cores,
            "threads": topology.threads,
        });
        if mv.at_least(48) {
            let cpu_details: Vec<Value> = (0..topology.vcpus())
                .map(|i| json!({"id": i, "time": cpu_time(i), "utilisation": null}))
                .collect();
            let disk_details: Vec<Value> = (0..disks)
                .map(|i| {
                    let (rb, rr, wb, wr) = disk(i);
                    json!({"read_bytes": rb, "read_requests": rr, "write_bytes": wb,
                           "write_requests": wr, "errors_count": 0})
                })
                .collect();
            let nic_details: Vec<Value> = nics
                .iter()
                .enumerate()
                .map(|(i, (_, mac))| {
                    let (rx, rxp, tx, txp) = nic(i);
                    json!({"mac_address": mac, "rx_octets": rx, "rx_errors": 0, "rx_drop": 0,
                           "rx_packets": rxp, "rx_rate": null, "tx_octets": tx,
                           "tx_errors": 0, "tx_drop": 0, "tx_packets": txp, "tx_rate": null})
                })
                .collect();
            return Ok(json!({
                "state": power_state_name(s.power_state),
                "driver": "libvirt",
                "hypervisor": "qemu",
                "hypervisor_os": "linux",
                "uptime": uptime,
                "config_drive": false,
                "num_cpus": topology.vcpus(),
                "num_disks": disks,
                "num_nics": nics.len(),
                "memory_details": {"maximum": ram, "used": ram},
                "cpu_details": cpu_details,
                "nic_details": nic_details,
                "disk_details": disk_details,
                "cpu_topology": cpu_topology,
            }));
        }
        // libvirt's legacy keys: cpuN_time, vdX_*, tap…_*, memory in KiB.
        let mut legacy = Map::new();
        for i in 0..topology.vcpus() {
            legacy.insert(format!("cpu{i}_time"), json!(cpu_time(i)));
        }
        for (i, dev) in ["vda", "vdb", "vdc"]
            .iter()
            .take(disks as usize)
            .enumerate()
        {
            let (rb, rr, wb, wr) = disk(i as i64);
            legacy.insert(format!("{dev}_read"), json!(rb));
            legacy.insert(format!("{dev}_read_req"), json!(rr));
            legacy.insert(format!("{dev}_write"), json!(wb));
            legacy.insert(format!("{dev}_write_req"), json!(wr));
            legacy.insert(format!("{dev}_errors"), json!(-1));
        }
        for (i, (port, _)) in nics.iter().enumerate() {
            let tap: String = format!("tap{port}").chars().take(14).collect();
            let (rx, rxp, tx, txp) = nic(i);
            for (key, value) in [
                ("rx", rx),
                ("rx_packets", rxp),
                ("rx_errors", 0),
                ("rx_drop", 0),
                ("tx", tx),
                ("tx_packets", txp),
                ("tx_errors", 0),
                ("tx_drop", 0),
            ] {
                legacy.insert(format!("{tap}_{key}"), json!(value));
            }
        }
        legacy.insert("memory".into(), json!(ram * 1024));
        legacy.insert("memory-actual".into(), json!(ram * 1024));
        legacy.insert("memory-rss".into(), json!(ram * 1024 / 4));
        legacy.insert("cpu_topology".into(), cpu_topology);
        Ok(Value::Object(legacy))
    })
    .await?;
    Ok(Json(v))
}

// ---------------------------------------------------------------------------
// Instance actions

fn action_json(row: &rusqlite::Row<'_>, mv: Microversion) -> rusqlite::Result<Value> {
    let start: i64 = row.get(5)?;
    let mut v = json!({
        "action": row.get::<_, String>(2)?,
        "instance_uuid": row.get::<_, String>(1)?,
        "request_id": row.get::<_, String>(0)?,
        "project_id": row.get::<_, String>(3)?,
        "user_id": row.get::<_, String>(4)?,
        "start_time": format_time(start),
        "message": row.get::<_, Option<String>>(6)?,
    });
    if mv.at_least(58) {
        v["updated_at"] = json!(format_time(start));
    }
    Ok(v)
}

const ACTION_COLUMNS: &str =
    "request_id, server_id, action, project_id, user_id, start_time, message";

async fn list_actions(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath(id): NPath<String>,
) -> Result<Json<Value>, Fault> {
    let actions = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        let mut stmt = c.prepare(&format!(
            "SELECT {ACTION_COLUMNS} FROM instance_actions WHERE server_id = ?1
             ORDER BY start_time DESC"
        ))?;
        let rows = stmt.query_map(params![s.id], |r| action_json(r, mv))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    })
    .await?;
    Ok(Json(json!({"instanceActions": actions})))
}

async fn show_action(
    State(st): State<AppState>,
    auth: ProjectAuth,
    mv: Microversion,
    NPath((id, request_id)): NPath<(String, String)>,
) -> Result<Json<Value>, Fault> {
    let rid = request_id.clone();
    let action = call(&st, move |c| {
        let s = load(c, &auth, &id)?;
        Ok(c.query_row(
            &format!(
                "SELECT {ACTION_COLUMNS} FROM instance_actions
                 WHERE server_id = ?1 AND request_id = ?2"
            ),
            params![s.id, rid],
            |r| action_json(r, mv),
        )
        .optional()?)
    })
    .await?;
    let mut action = action
        .ok_or_else(|| Fault::not_found(format!("Action {request_id} could not be found.")))?;
    action["events"] = json!([]);
    Ok(Json(json!({"instanceAction": action})))
}
