//! Guest CPU topology exactly as Nova picks it: a port of the topology part
//! of `nova/virt/hardware.py` (`get_cpu_topology_constraints`,
//! `_get_possible_cpu_topologies`, `_sort_possible_cpu_topologies`,
//! `_filter_for_numa_threads`, `get_best_cpu_topology`).
//!
//! Pure and without I/O, so the dashboard's preview (WASM), its server and the
//! demo cloud's "hypervisor" all run the same code. Counts are `i64` and
//! "unset" is 0, as in Nova: an extra spec may hold any integer, and Nova's
//! comparisons (including Python truthiness) are kept as they are.

mod fields;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use fields::{check_fields, FieldIssue, FieldProblem, Side, FIELDS};

/// Nova's limit when neither the flavor nor the image sets a maximum.
pub const DEFAULT_MAX: i64 = 65536;

/// A guest CPU topology (Nova's `VirtCPUTopology`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Topology {
    pub sockets: i64,
    pub cores: i64,
    pub threads: i64,
}

impl Topology {
    pub const fn new(sockets: i64, cores: i64, threads: i64) -> Topology {
        Topology {
            sockets,
            cores,
            threads,
        }
    }

    /// The vCPUs this topology gives a guest.
    pub fn vcpus(&self) -> i64 {
        self.sockets * self.cores * self.threads
    }
}

impl std::fmt::Display for Topology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.sockets, self.cores, self.threads)
    }
}

/// What the engine needs of a flavor.
#[derive(Clone, Copy, Debug)]
pub struct Flavor<'a> {
    pub vcpus: i64,
    pub extra_specs: &'a BTreeMap<String, String>,
}

/// Nova's errors, with its names and messages.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TopologyError {
    /// A flavor's `hw:cpu_*` value is not an integer (Nova's `InvalidRequest`).
    #[error("Invalid flavor extra spec. Error: invalid literal for int() with base 10: '{value}'")]
    InvalidRequest { key: String, value: String },
    /// An image's `hw_cpu_*` property is not an integer: Nova cannot build the
    /// image's metadata and refuses the boot.
    #[error("Invalid image metadata. Error: invalid literal for int() with base 10: '{value}'")]
    InvalidImageProperty { key: String, value: String },
    /// The image's maximums exceed the flavor's.
    #[error(
        "Image vCPU topology limits (sockets={}, cores={}, threads={}) exceeds the limits of the flavor (sockets={}, cores={}, threads={})",
        image.sockets, image.cores, image.threads, flavor.sockets, flavor.cores, flavor.threads
    )]
    ImageVCPULimitsRangeExceeded { image: Topology, flavor: Topology },
    /// The image's preferred counts exceed the maximums.
    #[error(
        "Image vCPU topology (sockets={}, cores={}, threads={}) exceeds the limits of the flavor or image (sockets={}, cores={}, threads={})",
        image.sockets, image.cores, image.threads, max.sockets, max.cores, max.threads
    )]
    ImageVCPUTopologyRangeExceeded { image: Topology, max: Topology },
    /// No topology within the maximums multiplies out to the vCPUs.
    #[error(
        "Requested vCPU limits {}:{}:{} are impossible to satisfy for vcpus count {vcpus}",
        max.sockets, max.cores, max.threads
    )]
    ImageVCPULimitsRangeImpossible { vcpus: i64, max: Topology },
}

impl TopologyError {
    /// Nova's exception class name.
    pub fn name(&self) -> &'static str {
        match self {
            TopologyError::InvalidRequest { .. } => "InvalidRequest",
            TopologyError::InvalidImageProperty { .. } => "InvalidImageProperty",
            TopologyError::ImageVCPULimitsRangeExceeded { .. } => "ImageVCPULimitsRangeExceeded",
            TopologyError::ImageVCPUTopologyRangeExceeded { .. } => {
                "ImageVCPUTopologyRangeExceeded"
            }
            TopologyError::ImageVCPULimitsRangeImpossible { .. } => {
                "ImageVCPULimitsRangeImpossible"
            }
        }
    }
}

/// Where the preferred topology came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreferenceSource {
    /// The image set a preferred count: it replaces all of the flavor's.
    Image,
    /// The flavor's preferred counts.
    Flavor,
    /// The flavor's preferred counts exceeded the limits, so Nova dropped
    /// them without a word.
    FlavorDropped,
    /// Nothing was preferred.
    None,
}

/// The constraints with how they were reached, for explaining a choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraints {
    pub preferred: Topology,
    pub maximum: Topology,
    pub source: PreferenceSource,
}

/// Python's `int()` on a string: surrounding whitespace, a sign, and
/// underscores between digits are accepted.
pub fn parse_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let ok = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
    if !ok {
        return None;
    }
    let n: i64 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -n } else { n })
}

fn flavor_value(flavor: &Flavor<'_>, key: &str) -> Result<i64, TopologyError> {
    let name = format!("hw:{key}");
    match flavor.extra_specs.get(&name) {
        None => Ok(0),
        Some(v) => parse_int(v).ok_or_else(|| TopologyError::InvalidRequest {
            key: name,
            value: v.clone(),
        }),
    }
}

fn image_value(image: &BTreeMap<String, String>, key: &str) -> Result<i64, TopologyError> {
    let name = format!("hw_{key}");
    match image.get(&name) {
        None => Ok(0),
        Some(v) => parse_int(v).ok_or_else(|| TopologyError::InvalidImageProperty {
            key: name,
            value: v.clone(),
        }),
    }
}

fn read(
    flavor: &Flavor<'_>,
    image: &BTreeMap<String, String>,
    key: &str,
) -> Result<(i64, i64), TopologyError> {
    Ok((flavor_value(flavor, key)?, image_value(image, key)?))
}

/// Python's `a or b or c` on integers.
fn first_set(values: [i64; 3]) -> i64 {
    values.into_iter().find(|v| *v != 0).unwrap_or(0)
}

/// Nova's `get_cpu_topology_constraints`: the preferred and the maximum
/// topology from the flavor's extra specs and the image's properties.
pub fn get_cpu_topology_constraints(
    flavor: &Flavor<'_>,
    image_properties: &BTreeMap<String, String>,
) -> Result<(Topology, Topology), TopologyError> {
    constraints(flavor, image_properties).map(|c| (c.preferred, c.maximum))
}

/// [`get_cpu_topology_constraints`] saying where the preference came from.
pub fn constraints(
    flavor: &Flavor<'_>,
    image: &BTreeMap<String, String>,
) -> Result<Constraints, TopologyError> {
    // Nova converts the flavor's maximums first, then the preferences.
    let (flavor_max_sockets, image_max_sockets) = read(flavor, image, "cpu_max_sockets")?;
    let (flavor_max_cores, image_max_cores) = read(flavor, image, "cpu_max_cores")?;
    let (flavor_max_threads, image_max_threads) = read(flavor, image, "cpu_max_threads")?;

    // The image may only lower the flavor's limits.
    if (flavor_max_sockets != 0 && image_max_sockets > flavor_max_sockets)
        || (flavor_max_cores != 0 && image_max_cores > flavor_max_cores)
        || (flavor_max_threads != 0 && image_max_threads > flavor_max_threads)
    {
        return Err(TopologyError::ImageVCPULimitsRangeExceeded {
            image: Topology::new(image_max_sockets, image_max_cores, image_max_threads),
            flavor: Topology::new(flavor_max_sockets, flavor_max_cores, flavor_max_threads),
        });
    }

    let maximum = Topology::new(
        first_set([image_max_sockets, flavor_max_sockets, DEFAULT_MAX]),
        first_set([image_max_cores, flavor_max_cores, DEFAULT_MAX]),
        first_set([image_max_threads, flavor_max_threads, DEFAULT_MAX]),
    );

    let (mut flavor_sockets, image_sockets) = read(flavor, image, "cpu_sockets")?;
    let (mut flavor_cores, image_cores) = read(flavor, image, "cpu_cores")?;
    let (mut flavor_threads, image_threads) = read(flavor, image, "cpu_threads")?;

    // Limits lowered by the image may leave the flavor's preference out of
    // range: Nova then drops all of it.
    let mut dropped = false;
    if flavor_sockets > maximum.sockets
        || flavor_cores > maximum.cores
        || flavor_threads > maximum.threads
    {
        (flavor_sockets, flavor_cores, flavor_threads) = (0, 0, 0);
        dropped = true;
    }

    // The image's preference is never allowed out of range.
    if image_sockets > maximum.sockets
        || image_cores > maximum.cores
        || image_threads > maximum.threads
    {
        return Err(TopologyError::ImageVCPUTopologyRangeExceeded {
            image: Topology::new(image_sockets, image_cores, image_threads),
            max: maximum,
        });
    }

    // Any image preference replaces the whole of the flavor's.
    let (preferred, source) = if image_sockets == 0 && image_cores == 0 && image_threads == 0 {
        let preferred = Topology::new(flavor_sockets, flavor_cores, flavor_threads);
        let source = if dropped {
            PreferenceSource::FlavorDropped
        } else if preferred == Topology::default() {
            PreferenceSource::None
        } else {
            PreferenceSource::Flavor
        };
        (preferred, source)
    } else {
        (
            Topology::new(image_sockets, image_cores, image_threads),
            PreferenceSource::Image,
        )
    };
    Ok(Constraints {
        preferred,
        maximum,
        source,
    })
}

/// The divisors of `n` (n ≥ 1), ascending.
fn divisors(n: i64) -> Vec<i64> {
    let mut low = Vec::new();
    let mut high = Vec::new();
    let mut d = 1;
    while d * d <= n {
        if n % d == 0 {
            low.push(d);
            if d * d != n {
                high.push(n / d);
            }
        }
        d += 1;
    }
    low.extend(high.into_iter().rev());
    low
}

/// Nova's `_get_possible_cpu_topologies`: every topology within `maximum`
/// that gives exactly `vcpus`, fewest threads first, then most sockets.
pub fn get_possible_cpu_topologies(
    vcpus: i64,
    maximum: Topology,
    allow_threads: bool,
) -> Result<Vec<Topology>, TopologyError> {
    // Clamped to the vCPU count, as Nova does.
    let max_sockets = vcpus.min(maximum.sockets);
    let max_cores = vcpus.min(maximum.cores);
    let max_threads = if allow_threads {
        vcpus.min(maximum.threads)
    } else {
        1
    };

    // Nova loops over every (s, c, t) up to the limits; walking divisors
    // finds the same set without the cubic loop.
    let mut possible = Vec::new();
    if vcpus >= 1 {
        for s in divisors(vcpus).into_iter().filter(|s| *s <= max_sockets) {
            for c in divisors(vcpus / s).into_iter().filter(|c| *c <= max_cores) {
                let t = vcpus / s / c;
                if t <= max_threads {
                    possible.push(Topology::new(s, c, t));
                }
            }
        }
    }
    // Nova sorts on (sockets*cores, sockets, threads), descending; the key is
    // unique for a fixed vCPU count, so the order does not depend on how the
    // list was built.
    possible.sort_by_key(|t| std::cmp::Reverse((t.sockets * t.cores, t.sockets, t.threads)));

    if possible.is_empty() {
        return Err(TopologyError::ImageVCPULimitsRangeImpossible {
            vcpus,
            max: Topology::new(max_sockets, max_cores, max_threads),
        });
    }
    Ok(possible)
}

/// Nova's `_score_cpu_topology`: how many of the preferred counts match.
pub fn score_cpu_topology(topology: &Topology, wanted: &Topology) -> u8 {
    u8::from(wanted.sockets != 0 && topology.sockets == wanted.sockets)
        + u8::from(wanted.cores != 0 && topology.cores == wanted.cores)
        + u8::from(wanted.threads != 0 && topology.threads == wanted.threads)
}

/// Nova's `_sort_possible_cpu_topologies`: by score bucket, best first,
/// keeping the possible list's order within a bucket.
pub fn sort_possible_cpu_topologies(possible: &[Topology], wanted: &Topology) -> Vec<Topology> {
    let mut sorted = Vec::with_capacity(possible.len());
    for score in (0..=3).rev() {
        sorted.extend(
            possible
                .iter()
                .filter(|t| score_cpu_topology(t, wanted) == score),
        );
    }
    sorted
}

/// Nova's `_filter_for_numa_threads`: the topologies with the most threads
/// not above `wanted_threads`.
pub fn filter_for_numa_threads(possible: &[Topology], wanted_threads: i64) -> Vec<Topology> {
    let most = possible
        .iter()
        .map(|t| t.threads)
        .filter(|t| *t <= wanted_threads)
        .fold(0, i64::max);
    possible
        .iter()
        .filter(|t| t.threads == most)
        .copied()
        .collect()
}

/// Nova's `_get_desirable_cpu_topologies`. `numa_cell_threads` holds the
/// thread count of each instance NUMA cell that has a CPU topology (empty
/// when the instance has no NUMA topology).
pub fn get_desirable_cpu_topologies(
    flavor: &Flavor<'_>,
    image_properties: &BTreeMap<String, String>,
    allow_threads: bool,
    numa_cell_threads: &[i64],
) -> Result<Vec<Topology>, TopologyError> {
    let (preferred, maximum) = get_cpu_topology_constraints(flavor, image_properties)?;
    let mut possible = get_possible_cpu_topologies(flavor.vcpus, maximum, allow_threads)?;
    if let Some(mut min_threads) = numa_cell_threads.iter().copied().min() {
        if min_threads != 0 {
            if preferred.threads != 0 {
                min_threads = min_threads.min(preferred.threads);
            }
            possible = filter_for_numa_threads(&possible, min_threads.max(1));
        }
    }
    Ok(sort_possible_cpu_topologies(&possible, &preferred))
}

/// Nova's `get_best_cpu_topology`.
pub fn get_best_cpu_topology(
    flavor: &Flavor<'_>,
    image_properties: &BTreeMap<String, String>,
    allow_threads: bool,
    numa_cell_threads: &[i64],
) -> Result<Topology, TopologyError> {
    let desirable =
        get_desirable_cpu_topologies(flavor, image_properties, allow_threads, numa_cell_threads)?;
    // Never empty: get_possible_cpu_topologies refuses an empty list, and the
    // NUMA filter keeps at least the 1-thread topologies.
    desirable
        .first()
        .copied()
        .ok_or(TopologyError::ImageVCPULimitsRangeImpossible {
            vcpus: flavor.vcpus,
            max: Topology::default(),
        })
}

/// One ranked candidate, for the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub topology: Topology,
    /// How many of the preferred counts it matches (0–3).
    pub score: u8,
}

/// Everything the preview shows: the constraints, and every possible
/// topology in Nova's order of preference (the first is Nova's choice).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub vcpus: i64,
    pub constraints: Constraints,
    pub ranked: Vec<Ranked>,
}

impl Preview {
    /// Nova's choice.
    pub fn best(&self) -> Option<Topology> {
        self.ranked.first().map(|r| r.topology)
    }
}

/// The preview for a flavor and an image (empty properties for none), with
/// threads allowed as on libvirt/KVM.
pub fn preview(
    flavor: &Flavor<'_>,
    image_properties: &BTreeMap<String, String>,
) -> Result<Preview, TopologyError> {
    let constraints = constraints(flavor, image_properties)?;
    let possible = get_possible_cpu_topologies(flavor.vcpus, constraints.maximum, true)?;
    let ranked = sort_possible_cpu_topologies(&possible, &constraints.preferred)
        .into_iter()
        .map(|topology| Ranked {
            topology,
            score: score_cpu_topology(&topology, &constraints.preferred),
        })
        .collect();
    Ok(Preview {
        vcpus: flavor.vcpus,
        constraints,
        ranked,
    })
}

#[cfg(test)]
mod tests;
