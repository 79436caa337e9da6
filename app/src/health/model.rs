//! What the health board shows, shared by the server and the browser.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndpointState {
    /// Not probed yet.
    Unknown,
    Up,
    /// Slow, or one probe failed.
    Degraded,
    Down,
}

impl EndpointState {
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointState::Unknown => "unknown",
            EndpointState::Up => "up",
            EndpointState::Degraded => "degraded",
            EndpointState::Down => "down",
        }
    }

    /// A symbol, so that the state never rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            EndpointState::Unknown => "?",
            EndpointState::Up => "✓",
            EndpointState::Degraded => "!",
            EndpointState::Down => "✕",
        }
    }
}

/// One catalog endpoint on the service board.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndpointTile {
    pub service_type: String,
    pub name: String,
    pub region: String,
    pub url: String,
    pub state: EndpointState,
    /// The last probe's latency; `None` when it failed or none ran yet.
    pub latency_ms: Option<f32>,
    /// Failed probes over all probes in the window, 0 to 1.
    pub error_rate: f32,
    /// Latency of each probe in the window, oldest first; `None` failed.
    pub samples: Vec<Option<f32>>,
    pub last_error: Option<String>,
    /// Unix seconds of the last probe.
    pub checked_at: Option<i64>,
    /// Unix seconds since the state holds.
    pub since: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    ProbeFailed,
    EndpointDown,
    EndpointRecovered,
    ServiceDown,
    ServiceUp,
    ServerError,
    StackFailed,
}

impl EventKind {
    pub const ALL: [EventKind; 7] = [
        EventKind::EndpointDown,
        EventKind::EndpointRecovered,
        EventKind::ProbeFailed,
        EventKind::ServiceDown,
        EventKind::ServiceUp,
        EventKind::ServerError,
        EventKind::StackFailed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::ProbeFailed => "probe_failed",
            EventKind::EndpointDown => "endpoint_down",
            EventKind::EndpointRecovered => "endpoint_recovered",
            EventKind::ServiceDown => "service_down",
            EventKind::ServiceUp => "service_up",
            EventKind::ServerError => "server_error",
            EventKind::StackFailed => "stack_failed",
        }
    }

    /// Fluent id of the kind's label.
    pub fn key(self) -> &'static str {
        match self {
            EventKind::ProbeFailed => "health-event-probe-failed",
            EventKind::EndpointDown => "health-event-endpoint-down",
            EventKind::EndpointRecovered => "health-event-endpoint-recovered",
            EventKind::ServiceDown => "health-event-service-down",
            EventKind::ServiceUp => "health-event-service-up",
            EventKind::ServerError => "health-event-server-error",
            EventKind::StackFailed => "health-event-stack-failed",
        }
    }

    /// Whether this is a failure (rather than a recovery).
    pub fn is_failure(self) -> bool {
        !matches!(self, EventKind::EndpointRecovered | EventKind::ServiceUp)
    }

    pub fn parse(s: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One entry of the failures timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HealthEvent {
    /// Unix seconds.
    pub at: i64,
    pub kind: EventKind,
    /// What failed: a service, host, server or stack name.
    pub subject: String,
    pub service_type: String,
    pub region: String,
    /// The error or fault message, as the cloud gave it.
    pub detail: String,
}
