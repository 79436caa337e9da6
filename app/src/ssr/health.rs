//! The health sampler: one background task for the whole server that
//! probes every catalog endpoint at an interval, keeps a bounded ring of
//! samples per endpoint, and a bounded timeline of failures. Server
//! functions read snapshots; no user's token is used by the task (probes
//! are unauthenticated version discovery).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures::StreamExt;
use openstack::probe::{discovery_url, probe, Probe};

use crate::health::model::{EndpointState, EndpointTile, EventKind, HealthEvent};

/// A FIFO that keeps only the newest `cap` items.
#[derive(Debug, Clone)]
pub struct Ring<T> {
    items: VecDeque<T>,
    cap: usize,
}

impl<T> Ring<T> {
    pub fn new(cap: usize) -> Ring<T> {
        let cap = cap.max(1);
        Ring {
            items: VecDeque::with_capacity(cap),
            cap,
        }
    }

    pub fn push(&mut self, item: T) {
        if self.items.len() == self.cap {
            self.items.pop_front();
        }
        self.items.push_back(item);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.items.iter()
    }
}

#[derive(Debug, Clone)]
pub struct SamplerConfig {
    pub interval: Duration,
    /// A probe without an answer by then fails.
    pub timeout: Duration,
    /// A probe slower than this makes the endpoint degraded.
    pub slow: Duration,
    /// Probes in flight at once.
    pub concurrency: usize,
    /// How far back sparklines and error rates look.
    pub window: Duration,
    /// Events the timeline keeps.
    pub timeline_cap: usize,
    /// A JSON-lines file the timeline is kept in across restarts.
    pub persist: Option<PathBuf>,
}

impl Default for SamplerConfig {
    fn default() -> SamplerConfig {
        SamplerConfig {
            interval: Duration::from_secs(15),
            timeout: Duration::from_secs(5),
            slow: Duration::from_secs(2),
            concurrency: 4,
            window: Duration::from_secs(3600),
            timeline_cap: 1000,
            persist: None,
        }
    }
}

impl SamplerConfig {
    /// Samples per endpoint: one window's worth, within sane bounds.
    pub fn ring_cap(&self) -> usize {
        let per = self.interval.as_secs_f64().max(0.1);
        ((self.window.as_secs_f64() / per).ceil() as usize).clamp(2, 2000)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    pub at: i64,
    /// `None` when the probe failed.
    pub latency_ms: Option<f32>,
}

/// One probed endpoint and its state machine.
#[derive(Debug, Clone)]
pub struct Target {
    pub service_type: String,
    pub name: String,
    pub region: String,
    pub url: String,
    pub probe_url: openstack::Url,
    pub samples: Ring<Sample>,
    pub state: EndpointState,
    /// Failed probes in a row.
    pub failures: u32,
    pub last_error: Option<String>,
    /// When the current state began.
    pub since: Option<i64>,
}

impl Target {
    fn new(service_type: &str, name: &str, region: &str, url: &str, cap: usize) -> Option<Target> {
        Some(Target {
            service_type: service_type.to_owned(),
            name: name.to_owned(),
            region: region.to_owned(),
            url: url.to_owned(),
            probe_url: discovery_url(service_type, url)?,
            samples: Ring::new(cap),
            state: EndpointState::Unknown,
            failures: 0,
            last_error: None,
            since: None,
        })
    }

    /// Takes one probe's result and returns the timeline event it causes.
    ///
    /// A success is `Up`, or `Degraded` when slower than `slow`. The first
    /// failure makes the endpoint `Degraded`, the second in a row `Down`, so
    /// one lost packet does not page anybody and a dead service is red
    /// within two intervals.
    pub fn observe(&mut self, at: i64, probe: &Probe, slow: Duration) -> Option<HealthEvent> {
        let ok = probe.ok();
        let latency_ms = probe.latency.map(|l| l.as_secs_f32() * 1000.0);
        self.samples.push(Sample {
            at,
            latency_ms: if ok { latency_ms } else { None },
        });
        let before = self.state;
        if ok {
            self.failures = 0;
            self.last_error = None;
            self.state = if probe.latency.is_some_and(|l| l > slow) {
                EndpointState::Degraded
            } else {
                EndpointState::Up
            };
        } else {
            self.failures = self.failures.saturating_add(1);
            self.last_error = probe.error.clone();
            self.state = if self.failures >= 2 {
                EndpointState::Down
            } else {
                EndpointState::Degraded
            };
        }
        if self.state != before {
            self.since = Some(at);
        }
        let detail = self.last_error.clone().unwrap_or_default();
        let kind = match (before, self.state) {
            (_, EndpointState::Down) if before != EndpointState::Down => EventKind::EndpointDown,
            (EndpointState::Down, EndpointState::Up | EndpointState::Degraded) if ok => {
                EventKind::EndpointRecovered
            }
            (_, EndpointState::Degraded) if !ok && self.failures == 1 => EventKind::ProbeFailed,
            _ => return None,
        };
        Some(HealthEvent {
            at,
            kind,
            subject: self.name.clone(),
            service_type: self.service_type.clone(),
            region: self.region.clone(),
            detail,
        })
    }

    fn tile(&self, now: i64, window: Duration) -> EndpointTile {
        let from = now - window.as_secs() as i64;
        let recent: Vec<&Sample> = self.samples.iter().filter(|s| s.at >= from).collect();
        let failed = recent.iter().filter(|s| s.latency_ms.is_none()).count();
        EndpointTile {
            service_type: self.service_type.clone(),
            name: self.name.clone(),
            region: self.region.clone(),
            url: self.url.clone(),
            state: self.state,
            latency_ms: self.samples.iter().next_back().and_then(|s| s.latency_ms),
            error_rate: if recent.is_empty() {
                0.0
            } else {
                failed as f32 / recent.len() as f32
            },
            samples: recent.iter().map(|s| s.latency_ms).collect(),
            last_error: self.last_error.clone(),
            checked_at: self.samples.iter().next_back().map(|s| s.at),
            since: self.since,
        }
    }
}

#[derive(Default)]
struct State {
    /// Keyed by (service type, region, probe URL).
    targets: BTreeMap<(String, String, String), Target>,
    timeline: Option<Ring<HealthEvent>>,
    /// The last status seen of things the APIs report (servers, services,
    /// stacks), so only changes become events.
    seen: HashMap<String, String>,
}

struct Inner {
    config: SamplerConfig,
    client: openstack::Client,
    state: Mutex<State>,
}

/// The server-wide sampler; cheap to clone.
#[derive(Clone)]
pub struct Sampler {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Sampler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sampler")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

/// Endpoints the sampler follows at most: a catalog is never this big, and
/// a bad one cannot grow memory without bound.
const MAX_TARGETS: usize = 128;

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Sampler {
    /// A sampler that is not running yet (tests drive it by hand).
    pub fn new(client: openstack::Client, config: SamplerConfig) -> Sampler {
        let mut timeline = Ring::new(config.timeline_cap);
        if let Some(path) = &config.persist {
            for event in load_timeline(path) {
                timeline.push(event);
            }
        }
        Sampler {
            inner: Arc::new(Inner {
                config,
                client,
                state: Mutex::new(State {
                    timeline: Some(timeline),
                    ..State::default()
                }),
            }),
        }
    }

    /// Starts the probe loop on the current tokio runtime. Identity is
    /// probed from the start; the rest of the catalog arrives with the
    /// first login ([`Sampler::follow_catalog`]).
    pub fn start(client: openstack::Client, config: SamplerConfig, auth_url: &str) -> Sampler {
        let sampler = Sampler::new(client, config);
        sampler.follow("identity", "keystone", "", auth_url);
        let task = sampler.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(task.inner.config.interval);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                task.probe_all().await;
            }
        });
        sampler
    }

    pub fn config(&self) -> &SamplerConfig {
        &self.inner.config
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves plain data behind; keep going.
        self.inner
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keyed by what is probed: Swift's and Heat's endpoints differ per
    /// project (`AUTH_<project>`) but are one service to probe.
    fn follow(&self, service_type: &str, name: &str, region: &str, url: &str) {
        let cap = self.inner.config.ring_cap();
        let Some(target) = Target::new(service_type, name, region, url, cap) else {
            return;
        };
        let probe = target.probe_url.to_string();
        let mut state = self.lock();
        let key = (service_type.to_owned(), region.to_owned(), probe.clone());
        if state.targets.contains_key(&key) || state.targets.len() >= MAX_TARGETS {
            return;
        }
        let mut target = target;
        // The auth URL followed before any catalog is the same endpoint:
        // it keeps its history under the catalog's name and region.
        let seed = (service_type.to_owned(), String::new(), probe);
        if !region.is_empty() {
            if let Some(old) = state.targets.remove(&seed) {
                target.samples = old.samples;
                target.state = old.state;
                target.failures = old.failures;
                target.last_error = old.last_error;
                target.since = old.since;
            }
        }
        state.targets.insert(key, target);
    }

    /// Follows every endpoint of `catalog` on `interface`, in every region.
    pub fn follow_catalog(&self, catalog: &openstack::Catalog, interface: openstack::Interface) {
        for service in &catalog.services {
            for endpoint in &service.endpoints {
                if endpoint.interface.parse::<openstack::Interface>().ok() == Some(interface) {
                    self.follow(
                        &service.service_type,
                        &service.name,
                        endpoint.region_name().unwrap_or_default(),
                        &endpoint.url,
                    );
                }
            }
        }
    }

    /// Probes every endpoint once, a bounded number at a time.
    pub async fn probe_all(&self) {
        let targets: Vec<((String, String, String), openstack::Url)> = self
            .lock()
            .targets
            .iter()
            .map(|(k, t)| (k.clone(), t.probe_url.clone()))
            .collect();
        let client = &self.inner.client;
        let timeout = self.inner.config.timeout;
        let results: Vec<_> = futures::stream::iter(targets)
            .map(|(key, url)| async move { (key, probe(client, &url, timeout).await) })
            .buffer_unordered(self.inner.config.concurrency.max(1))
            .collect()
            .await;
        let at = now();
        let slow = self.inner.config.slow;
        let mut events = Vec::new();
        {
            let mut state = self.lock();
            for (key, result) in results {
                if let Some(target) = state.targets.get_mut(&key) {
                    if let Some(event) = target.observe(at, &result, slow) {
                        events.push(event);
                    }
                }
            }
        }
        for event in events {
            self.record(event);
        }
    }

    /// Adds an event to the timeline (and its file).
    pub fn record(&self, event: HealthEvent) {
        if let Some(path) = &self.inner.config.persist {
            append_event(path, &event, self.inner.config.timeline_cap);
        }
        if let Some(timeline) = self.lock().timeline.as_mut() {
            timeline.push(event);
        }
    }

    /// Records `event` when `key`'s status differs from the last one seen.
    /// The first sighting is only an event when `first_is_event` says so
    /// (something already failed when Zenith first looked).
    pub fn record_change(
        &self,
        key: &str,
        status: &str,
        first_is_event: bool,
        event: impl FnOnce(Option<&str>) -> Option<HealthEvent>,
    ) {
        let previous = {
            let mut state = self.lock();
            let previous = state.seen.insert(key.to_owned(), status.to_owned());
            if state.seen.len() > 10 * MAX_TARGETS * 100 {
                // Bounded: forget everything but this one rather than grow.
                state.seen.clear();
                state.seen.insert(key.to_owned(), status.to_owned());
            }
            previous
        };
        let changed = match &previous {
            Some(p) => p != status,
            None => first_is_event,
        };
        if changed {
            if let Some(e) = event(previous.as_deref()) {
                self.record(e);
            }
        }
    }

    /// Every endpoint's tile, sorted by service type and region.
    pub fn tiles(&self) -> Vec<EndpointTile> {
        let at = now();
        let window = self.inner.config.window;
        self.lock()
            .targets
            .values()
            .map(|t| t.tile(at, window))
            .collect()
    }

    /// The timeline, newest first.
    pub fn timeline(&self) -> Vec<HealthEvent> {
        self.lock()
            .timeline
            .as_ref()
            .map(|t| t.iter().rev().cloned().collect())
            .unwrap_or_default()
    }
}

/// The sampler the server provides to this request.
pub fn current() -> Result<Sampler, crate::error::AppError> {
    leptos::prelude::use_context::<Sampler>()
        .ok_or_else(|| crate::error::AppError::Internal("the health sampler is not running".into()))
}

fn load_timeline(path: &std::path::Path) -> Vec<HealthEvent> {
    match std::fs::read_to_string(path) {
        Ok(text) => text
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "cannot read the health timeline; starting empty");
            Vec::new()
        }
    }
}

/// Appends one line; when the file holds twice the cap, it is rewritten
/// with the newest `cap` lines, so it stays bounded too.
fn append_event(path: &std::path::Path, event: &HealthEvent, cap: usize) {
    use std::io::Write;
    let Ok(line) = serde_json::to_string(event) else {
        return;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let appended = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| writeln!(f, "{line}"));
    if let Err(e) = appended {
        tracing::warn!(path = %path.display(), error = %e, "cannot write the health timeline");
        return;
    }
    let events = load_timeline(path);
    if events.len() > cap.saturating_mul(2) {
        let keep: Vec<String> = events[events.len() - cap..]
            .iter()
            .filter_map(|e| serde_json::to_string(e).ok())
            .collect();
        let tmp = path.with_extension("tmp");
        if std::fs::write(&tmp, keep.join("\n") + "\n").is_ok() {
            let _ = std::fs::rename(&tmp, path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(ms: u64) -> Probe {
        Probe {
            latency: Some(Duration::from_millis(ms)),
            status: Some(200),
            error: None,
        }
    }

    fn failed() -> Probe {
        Probe {
            latency: None,
            status: None,
            error: Some("Connection refused".into()),
        }
    }

    fn target() -> Target {
        Target::new("compute", "nova", "RegionOne", "http://h/compute/v2.1", 4).expect("valid URL")
    }

    #[test]
    fn ring_keeps_the_newest() {
        let mut ring = Ring::new(3);
        for i in 0..10 {
            ring.push(i);
            assert!(ring.len() <= 3);
        }
        assert_eq!(ring.iter().copied().collect::<Vec<_>>(), vec![7, 8, 9]);
        assert!(Ring::<u8>::new(0).is_empty());
        let mut one = Ring::new(0);
        one.push(1);
        one.push(2);
        assert_eq!(one.iter().copied().collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn ring_cap_covers_the_window_within_bounds() {
        let c = SamplerConfig::default();
        assert_eq!(c.ring_cap(), 240);
        let fast = SamplerConfig {
            interval: Duration::from_millis(1),
            ..SamplerConfig::default()
        };
        assert_eq!(fast.ring_cap(), 2000);
    }

    #[test]
    fn down_after_two_failures_and_back_up() {
        let slow = Duration::from_secs(2);
        let mut t = target();
        assert_eq!(t.state, EndpointState::Unknown);
        assert_eq!(t.observe(1, &ok(10), slow), None);
        assert_eq!(t.state, EndpointState::Up);

        let first = t.observe(2, &failed(), slow).expect("an event");
        assert_eq!(first.kind, EventKind::ProbeFailed);
        assert_eq!(t.state, EndpointState::Degraded);

        let down = t.observe(3, &failed(), slow).expect("an event");
        assert_eq!(down.kind, EventKind::EndpointDown);
        assert_eq!(down.detail, "Connection refused");
        assert_eq!(t.state, EndpointState::Down);
        assert_eq!(t.since, Some(3));

        // Still down: no new event.
        assert_eq!(t.observe(4, &failed(), slow), None);

        let back = t.observe(5, &ok(10), slow).expect("an event");
        assert_eq!(back.kind, EventKind::EndpointRecovered);
        assert_eq!(t.state, EndpointState::Up);
        assert_eq!(t.failures, 0);
        assert_eq!(t.last_error, None);
    }

    #[test]
    fn slow_answers_degrade_without_events() {
        let slow = Duration::from_millis(100);
        let mut t = target();
        assert_eq!(t.observe(1, &ok(500), slow), None);
        assert_eq!(t.state, EndpointState::Degraded);
        assert_eq!(t.observe(2, &ok(5), slow), None);
        assert_eq!(t.state, EndpointState::Up);
    }

    #[test]
    fn a_server_error_is_a_failure() {
        let slow = Duration::from_secs(2);
        let mut t = target();
        let unavailable = Probe {
            latency: Some(Duration::from_millis(3)),
            status: Some(503),
            error: Some("HTTP 503 Service Unavailable".into()),
        };
        t.observe(1, &unavailable, slow);
        t.observe(2, &unavailable, slow);
        assert_eq!(t.state, EndpointState::Down);
    }

    #[test]
    fn tile_rates_and_samples_cover_the_window() {
        let slow = Duration::from_secs(2);
        let mut t = target();
        for (at, p) in [
            (1, ok(10)),
            (2, failed()),
            (3, ok(20)),
            (4, ok(30)),
            (5, failed()),
        ] {
            t.observe(at, &p, slow);
        }
        // The ring holds 4: the sample at 1 is gone.
        let tile = t.tile(5, Duration::from_secs(3600));
        assert_eq!(tile.samples, vec![None, Some(20.0), Some(30.0), None]);
        assert_eq!(tile.error_rate, 0.5);
        assert_eq!(tile.latency_ms, None);
        let narrow = t.tile(5, Duration::from_secs(1));
        assert_eq!(narrow.samples, vec![Some(30.0), None]);
    }

    #[test]
    fn one_tile_per_probed_endpoint() {
        let client = openstack::Client::new(&openstack::ClientOptions::default()).expect("client");
        let sampler = Sampler::new(client, SamplerConfig::default());
        sampler.follow("identity", "keystone", "", "http://h:5000/v3");
        sampler.follow("identity", "keystone", "R1", "http://h:5000/v3");
        sampler.follow("object-store", "swift", "R1", "http://h/swift/v1/AUTH_a");
        sampler.follow("object-store", "swift", "R1", "http://h/swift/v1/AUTH_b");
        sampler.follow("object-store", "swift", "R2", "http://h2/swift/v1/AUTH_a");
        sampler.follow("compute", "nova", "R1", "not a URL");
        let tiles: Vec<(String, String)> = sampler
            .tiles()
            .into_iter()
            .map(|t| (t.service_type, t.region))
            .collect();
        assert_eq!(
            tiles,
            vec![
                ("identity".to_owned(), "R1".to_owned()),
                ("object-store".to_owned(), "R1".to_owned()),
                ("object-store".to_owned(), "R2".to_owned()),
            ]
        );
    }

    #[tokio::test]
    async fn changes_only_become_events_and_the_timeline_is_bounded() {
        let client = openstack::Client::new(&openstack::ClientOptions::default()).expect("client");
        let dir = std::env::temp_dir().join(format!("zenith-health-{}", std::process::id()));
        let path = dir.join("timeline.jsonl");
        let _ = std::fs::remove_file(&path);
        let config = SamplerConfig {
            timeline_cap: 3,
            persist: Some(path.clone()),
            ..SamplerConfig::default()
        };
        let sampler = Sampler::new(client.clone(), config.clone());
        let event = |n: i64| HealthEvent {
            at: n,
            kind: EventKind::ServerError,
            subject: format!("vm{n}"),
            service_type: "compute".into(),
            region: String::new(),
            detail: String::new(),
        };
        sampler.record_change("server/1", "ACTIVE", false, |_| Some(event(1)));
        assert!(
            sampler.timeline().is_empty(),
            "first sight of a healthy thing"
        );
        sampler.record_change("server/1", "ERROR", false, |_| Some(event(2)));
        sampler.record_change("server/1", "ERROR", false, |_| Some(event(3)));
        assert_eq!(sampler.timeline().len(), 1);
        sampler.record_change("server/2", "ERROR", true, |_| Some(event(4)));
        for n in 5..12 {
            sampler.record(event(n));
        }
        let timeline = sampler.timeline();
        assert_eq!(timeline.len(), 3);
        assert_eq!(timeline[0].at, 11, "newest first");

        // A new sampler on the same file starts with the newest events.
        let again = Sampler::new(client, config);
        assert_eq!(
            again.timeline().iter().map(|e| e.at).collect::<Vec<_>>(),
            vec![11, 10, 9]
        );
        let lines = std::fs::read_to_string(&path)
            .expect("file")
            .lines()
            .count();
        assert!(lines <= 6, "file bounded, has {lines} lines");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
