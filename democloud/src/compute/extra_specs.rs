//! Nova's validation of flavor extra specs, done from microversion 2.86 on:
//! a port of the validator registry in `nova/api/validation/extra_specs/`.
//!
//! A spec whose name a validator matches must have a value of its kind; a
//! spec in a namespace that has validators but matching none of them is
//! refused; anything else (no namespace, an unknown one) passes. The
//! messages are Nova's.
//!
//! Ported: the `hw`, `hw_rng`, `hw_video`, `os`, `quota`, `accel`,
//! `pci_passthrough`, `aggregate_instance_extra_specs` and `capabilities`
//! namespaces and the few specs without one. `trait` and `resources` accept
//! any upper-case name, where Nova lists the os-traits and
//! os-resource-classes names. The driver-specific `vmware` and `powervm`
//! namespaces are not ported: their specs pass unchecked.

use std::sync::OnceLock;

use regex::Regex;

/// What a spec's value must be.
#[derive(Clone, Copy, Debug)]
enum Kind {
    /// An integer, as Python's `int()` reads it, within the bounds.
    Int { min: Option<i64>, max: Option<i64> },
    /// A boolean-like string, as `oslo_utils.strutils.bool_from_string`.
    Bool,
    /// Any string.
    Str,
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A string wholly matching this regex.
    Pattern(&'static str),
}

const fn int(min: Option<i64>) -> Kind {
    Kind::Int { min, max: None }
}

/// A parameter in a spec name such as `{id}` in `hw:numa_cpus.{id}`.
type Param = (&'static str, &'static str);

/// A spec as Nova registers it: the name with its parameters, and the kind
/// of value.
type Entry = (&'static str, &'static [Param], Kind);

const NUMA_ID: Param = ("id", r"\d+");
const GROUP: Param = ("group", "([a-zA-Z0-9_-]{1,64})?");
const CPU_MASK: &str = r"\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*";

/// `null.py`: specs without a namespace.
const NULL: &[Entry] = &[
    ("hide_hypervisor_id", &[], Kind::Bool),
    ("group_policy", &[], Kind::Enum(&["isolate", "none"])),
];

/// `hw.py`. Nova named the topology limits `hw:max_cpu_*` by mistake at
/// first; the virt drivers read `hw:cpu_max_*`, which Nova's fix kept.
const HW: &[Entry] = &[
    ("hw:cpu_realtime", &[], Kind::Bool),
    (
        "hw:cpu_realtime_mask",
        &[],
        Kind::Pattern(r"(\^)?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*"),
    ),
    ("hw:hide_hypervisor_id", &[], Kind::Bool),
    (
        "hw:cpu_policy",
        &[],
        Kind::Enum(&["dedicated", "shared", "mixed"]),
    ),
    (
        "hw:cpu_thread_policy",
        &[],
        Kind::Enum(&["prefer", "isolate", "require"]),
    ),
    (
        "hw:emulator_threads_policy",
        &[],
        Kind::Enum(&["isolate", "share"]),
    ),
    ("hw:cpu_dedicated_mask", &[], Kind::Pattern(CPU_MASK)),
    (
        "hw:mem_page_size",
        &[],
        Kind::Pattern(r"(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)"),
    ),
    ("hw:numa_nodes", &[], int(Some(1))),
    ("hw:numa_cpus.{id}", &[NUMA_ID], Kind::Pattern(CPU_MASK)),
    ("hw:numa_mem.{id}", &[NUMA_ID], int(Some(1))),
    (
        "hw:pci_numa_affinity_policy",
        &[],
        Kind::Enum(&["required", "preferred", "legacy", "socket"]),
    ),
    ("hw:cpu_sockets", &[], int(Some(1))),
    ("hw:cpu_cores", &[], int(Some(1))),
    ("hw:cpu_threads", &[], int(Some(1))),
    ("hw:cpu_max_sockets", &[], int(Some(1))),
    ("hw:cpu_max_cores", &[], int(Some(1))),
    ("hw:cpu_max_threads", &[], int(Some(1))),
    ("hw:boot_menu", &[], Kind::Bool),
    ("hw:mem_encryption", &[], Kind::Bool),
    ("hw:pmem", &[], Kind::Pattern("([a-zA-Z0-9_]+(,)?)+")),
    ("hw:pmu", &[], Kind::Bool),
    ("hw:serial_port_count", &[], int(Some(0))),
    ("hw:tpm_model", &[], Kind::Enum(&["tpm-tis", "tpm-crb"])),
    ("hw:tpm_version", &[], Kind::Enum(&["1.2", "2.0"])),
    (
        "hw:watchdog_action",
        &[],
        Kind::Enum(&["none", "pause", "poweroff", "reset", "disabled"]),
    ),
    // Added to hw.py in later releases.
    ("hw:locked_memory", &[], Kind::Bool),
    ("hw:virtio_packed_ring", &[], Kind::Bool),
    ("hw:vif_multiqueue_enabled", &[], Kind::Bool),
    (
        "hw:viommu_model",
        &[],
        Kind::Enum(&["intel", "smmuv3", "virtio", "auto"]),
    ),
    (
        "hw:maxphysaddr_mode",
        &[],
        Kind::Enum(&["emulate", "passthrough"]),
    ),
    ("hw:maxphysaddr_bits", &[], int(Some(1))),
    ("hw:ephemeral_encryption", &[], Kind::Bool),
    ("hw:ephemeral_encryption_format", &[], Kind::Enum(&["luks"])),
];

/// `hw_rng.py`, `hw_video.py`, `os.py`, `accel.py`, `pci_passthrough.py`,
/// `aggregate_instance_extra_specs.py`, `traits.py` and `resources.py`.
const OTHERS: &[Entry] = &[
    ("hw_rng:allowed", &[], Kind::Bool),
    ("hw_rng:rate_bytes", &[], int(Some(0))),
    ("hw_rng:rate_period", &[], int(Some(0))),
    ("hw_video:ram_max_mb", &[], int(Some(0))),
    ("os:secure_boot", &[], Kind::Enum(&["disabled", "required"])),
    ("accel:device_profile", &[], Kind::Str),
    (
        "pci_passthrough:alias",
        &[],
        Kind::Pattern(r"[^:]+:\d+(?:\s*,\s*[^:]+:\d+)*"),
    ),
    (
        "aggregate_instance_extra_specs:{key}",
        &[("key", ".+")],
        Kind::Str,
    ),
    (
        "trait{group}:{trait}",
        &[GROUP, ("trait", "[A-Z0-9_]+")],
        Kind::Enum(&["required", "forbidden"]),
    ),
    (
        "resources{group}:{resource}",
        &[GROUP, ("resource", "[A-Z0-9_]+")],
        int(None),
    ),
];

/// `capabilities.py`: host capabilities, then the nested ones that may be
/// followed by `:key` filters.
const CAPABILITIES: &[&str] = &[
    "id",
    "uuid",
    "service_id",
    "host",
    "vcpus",
    "memory_mb",
    "local_gb",
    "vcpus_used",
    "memory_mb_used",
    "local_gb_used",
    "hypervisor_type",
    "hypervisor_version",
    "hypervisor_hostname",
    "free_ram_mb",
    "free_disk_gb",
    "current_workload",
    "running_vms",
    "disk_available_least",
    "host_ip",
    "mapped",
    "cpu_allocation_ratio",
    "ram_allocation_ratio",
    "disk_allocation_ratio",
    "total_usable_ram_mb",
    "total_usable_disk_gb",
    "disk_mb_used",
    "free_disk_mb",
    "vcpus_total",
    "num_instances",
    "num_io_ops",
    "failed_builds",
    "aggregates",
    "cell_uuid",
    "updated",
];
const NESTED_CAPABILITIES: &[&str] = &[
    "cpu_info",
    "metrics",
    "stats",
    "numa_topology",
    "supported_hv_specs",
    "pci_device_pools",
    "nodename",
    "pci_stats",
    "supported_instances",
    "limits",
    "instances",
];

/// `quota.py`: (name, kind), built in Nova's order.
fn quota_specs() -> Vec<(String, Kind)> {
    let mut specs = Vec::new();
    // VMware's CPU, memory, disk IO and VIF quotas.
    for resource in ["cpu", "memory", "disk_io", "vif"] {
        for (key, kind) in [
            ("limit", int(None)),
            ("reservation", int(None)),
            ("shares_level", Kind::Str),
            ("shares_share", int(None)),
        ] {
            specs.push((format!("quota:{resource}_{key}"), kind));
        }
    }
    // libvirt's CPU, disk and VIF quotas.
    for key in ["shares", "period", "quota"] {
        specs.push((format!("quota:cpu_{key}"), int(Some(0))));
    }
    for stat in ["read", "write", "total"] {
        for metric in ["bytes", "iops"] {
            specs.push((format!("quota:disk_{stat}_{metric}_sec"), int(Some(0))));
        }
    }
    for stat in ["inbound", "outbound"] {
        for metric in ["average", "peak", "burst"] {
            specs.push((format!("quota:vif_{stat}_{metric}"), int(Some(0))));
        }
    }
    specs
}

struct Validator {
    /// The whole-name regex, parameters substituted as Nova does. Like
    /// Nova's, the rest of the name is a regex too (`.` matches anything).
    name: Regex,
    kind: Kind,
    /// The compiled [`Kind::Pattern`], anchored at both ends.
    value: Option<Regex>,
}

struct Registry {
    validators: Vec<Validator>,
    /// Namespaces with validators, as whole-string regexes.
    namespaces: Vec<Regex>,
}

/// Nova's name regex for a spec: each `{param}` replaced by its pattern.
fn name_regex(name: &str, params: &[Param]) -> String {
    params
        .iter()
        .fold(name.to_owned(), |acc, (param, pattern)| {
            acc.replace(&format!("{{{param}}}"), &format!("(?P<{param}>{pattern})"))
        })
}

fn whole(pattern: &str) -> Option<Regex> {
    Regex::new(&format!("^(?:{pattern})$")).ok()
}

fn build() -> Registry {
    let mut named: Vec<(String, Kind)> = Vec::new();
    for (name, params, kind) in NULL.iter().chain(HW) {
        named.push((name_regex(name, params), *kind));
    }
    for (name, params, kind) in OTHERS {
        named.push((name_regex(name, params), *kind));
    }
    named.extend(quota_specs());
    for capability in CAPABILITIES {
        named.push((format!("capabilities:{capability}"), Kind::Str));
    }
    for capability in NESTED_CAPABILITIES {
        named.push((
            name_regex(
                &format!("capabilities:{capability}{{filter}}"),
                &[("filter", r"(:\w+)*")],
            ),
            Kind::Str,
        ));
    }
    let mut namespaces: Vec<String> = Vec::new();
    let mut validators = Vec::new();
    for (regex, kind) in named {
        if let Some((namespace, _)) = regex.split_once(':') {
            if !namespaces.iter().any(|n| n == namespace) {
                namespaces.push(namespace.to_owned());
            }
        }
        let value = match kind {
            Kind::Pattern(p) => whole(p),
            _ => None,
        };
        // The patterns are constants: the unit tests check they compile.
        if let Some(name) = whole(&regex) {
            validators.push(Validator { name, kind, value });
        }
    }
    Registry {
        validators,
        namespaces: namespaces.iter().filter_map(|n| whole(n)).collect(),
    }
}

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(build)
}

/// Checks one extra spec as Nova does from microversion 2.86 on. The error
/// is the message of Nova's 400 fault.
pub fn validate(name: &str, value: &str) -> Result<(), String> {
    let registry = registry();
    if let Some(v) = registry.validators.iter().find(|v| v.name.is_match(name)) {
        return v.check(value);
    }
    let Some((namespace, _)) = name.split_once(':') else {
        return Ok(());
    };
    if registry.namespaces.iter().any(|n| n.is_match(namespace)) {
        return Err(format!(
            "Validation failed; extra spec '{name}' does not appear to be a valid extra spec."
        ));
    }
    Ok(())
}

impl Validator {
    fn check(&self, value: &str) -> Result<(), String> {
        match self.kind {
            Kind::Int { min, max } => check_int(value, min, max),
            Kind::Bool => {
                if parse_bool(value).is_some() {
                    Ok(())
                } else {
                    Err(format!(
                        "Validation failed; '{value}' is not a valid boolean-like value."
                    ))
                }
            }
            Kind::Str => Ok(()),
            Kind::Enum(allowed) => {
                if allowed.contains(&value) {
                    Ok(())
                } else {
                    Err(format!(
                        "Validation failed; '{value}' is not one of: {}.",
                        allowed.join(", ")
                    ))
                }
            }
            Kind::Pattern(pattern) => {
                if self.value.as_ref().is_some_and(|r| r.is_match(value)) {
                    Ok(())
                } else {
                    Err(format!(
                        "Validation failed; '{value}' is not of the format '{pattern}'."
                    ))
                }
            }
        }
    }
}

fn check_int(value: &str, min: Option<i64>, max: Option<i64>) -> Result<(), String> {
    let Some(n) = PyInt::parse(value) else {
        return Err(format!(
            "Validation failed; '{value}' is not a valid integer value."
        ));
    };
    // Nova checks the maximum first, and names the parsed number.
    if let Some(max) = max.filter(|m| n.value > i128::from(*m)) {
        return Err(format!(
            "Validation failed; '{n}' is greater than the max value of '{max}'."
        ));
    }
    if let Some(min) = min.filter(|m| n.value < i128::from(*m)) {
        return Err(format!(
            "Validation failed; '{n}' is less than the min value of '{min}'."
        ));
    }
    Ok(())
}

/// An integer as Python's `int()` reads a string: surrounding whitespace,
/// a sign, and `_` between digits allowed. Python's integers have no
/// bounds, so the text is kept for messages and the value saturates.
struct PyInt {
    value: i128,
    text: String,
}

impl PyInt {
    fn parse(s: &str) -> Option<PyInt> {
        let s = s.trim();
        let (negative, digits) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        if digits.is_empty()
            || digits.starts_with('_')
            || digits.ends_with('_')
            || digits.contains("__")
            || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
        {
            return None;
        }
        let digits: String = digits.chars().filter(|c| *c != '_').collect();
        let digits = digits.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        let magnitude = digits.parse::<i128>().unwrap_or(i128::MAX);
        let negative = negative && digits != "0";
        Some(PyInt {
            value: if negative { -magnitude } else { magnitude },
            text: format!("{}{digits}", if negative { "-" } else { "" }),
        })
    }
}

impl std::fmt::Display for PyInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// `strutils.bool_from_string(value, strict=True)`, `None` when refused.
pub fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_lowercase().as_str() {
        "1" | "t" | "true" | "on" | "y" | "yes" => Some(true),
        "0" | "f" | "false" | "off" | "n" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let expected = NULL.len()
            + HW.len()
            + OTHERS.len()
            + quota_specs().len()
            + CAPABILITIES.len()
            + NESTED_CAPABILITIES.len();
        let registry = registry();
        assert_eq!(registry.validators.len(), expected);
        for v in &registry.validators {
            if let Kind::Pattern(p) = v.kind {
                assert!(v.value.is_some(), "{p}");
            }
        }
        let namespaces: Vec<&str> = registry.namespaces.iter().map(Regex::as_str).collect();
        for ns in ["hw", "hw_rng", "hw_video", "os", "quota", "capabilities"] {
            assert!(namespaces.contains(&format!("^(?:{ns})$").as_str()), "{ns}");
        }
    }

    #[test]
    fn specs_validate_as_nova() {
        let failed = |detail: &str| Err(format!("Validation failed; {detail}"));
        let cases: &[(&str, &str, Result<(), String>)] = &[
            // Integers, with Python's int() syntax.
            ("hw:numa_nodes", "2", Ok(())),
            ("hw:numa_nodes", " +2 ", Ok(())),
            ("hw:numa_nodes", "1_0", Ok(())),
            (
                "hw:numa_nodes",
                "foo",
                failed("'foo' is not a valid integer value."),
            ),
            (
                "hw:numa_nodes",
                "1.5",
                failed("'1.5' is not a valid integer value."),
            ),
            (
                "hw:numa_nodes",
                "0",
                failed("'0' is less than the min value of '1'."),
            ),
            (
                "hw:cpu_sockets",
                "-007",
                failed("'-7' is less than the min value of '1'."),
            ),
            (
                "hw:cpu_max_threads",
                "0",
                failed("'0' is less than the min value of '1'."),
            ),
            ("hw:serial_port_count", "0", Ok(())),
            (
                "hw_rng:rate_bytes",
                "-1",
                failed("'-1' is less than the min value of '0'."),
            ),
            ("resources:VCPU", "-1", Ok(())),
            (
                "resources1:CUSTOM_GPU",
                "x",
                failed("'x' is not a valid integer value."),
            ),
            // Booleans.
            ("hw:cpu_realtime", "Yes", Ok(())),
            ("hw:cpu_realtime", " off ", Ok(())),
            (
                "hw:cpu_realtime",
                "maybe",
                failed("'maybe' is not a valid boolean-like value."),
            ),
            ("hide_hypervisor_id", "true", Ok(())),
            // Enums.
            ("hw:cpu_policy", "dedicated", Ok(())),
            (
                "hw:cpu_policy",
                "Dedicated",
                failed("'Dedicated' is not one of: dedicated, shared, mixed."),
            ),
            (
                "trait:HW_CPU_X86_AVX",
                "needed",
                failed("'needed' is not one of: required, forbidden."),
            ),
            ("trait_ssd:CUSTOM_FAST", "required", Ok(())),
            // Patterns, named as Nova writes them.
            ("hw:numa_cpus.0", "0-3,^2", Ok(())),
            (
                "hw:numa_cpus.0",
                "all",
                failed(r"'all' is not of the format '\^?\d+((-\d+)?(,\^?\d+(-\d+)?)?)*'."),
            ),
            ("hw:mem_page_size", "2MiB", Ok(())),
            (
                "hw:mem_page_size",
                "huge",
                failed(
                    r"'huge' is not of the format '(large|small|any|\d+([kKMGT]i?)?(b|bit|B)?)'.",
                ),
            ),
            ("pci_passthrough:alias", "a1:2, b:1", Ok(())),
            ("capabilities:cpu_info:arch", "x86_64", Ok(())),
            // Unknown names in a known namespace.
            (
                "hw:foo",
                "bar",
                failed("extra spec 'hw:foo' does not appear to be a valid extra spec."),
            ),
            (
                "hw:max_cpu_sockets",
                "2",
                failed("extra spec 'hw:max_cpu_sockets' does not appear to be a valid extra spec."),
            ),
            (
                "hw_rng:foo",
                "1",
                failed("extra spec 'hw_rng:foo' does not appear to be a valid extra spec."),
            ),
            (
                "resources:vcpu",
                "1",
                failed("extra spec 'resources:vcpu' does not appear to be a valid extra spec."),
            ),
            // No namespace, or one Nova does not know: anything goes.
            ("foo", "bar", Ok(())),
            ("foo:bar", "baz", Ok(())),
            ("vmware:hw_version", "anything", Ok(())),
        ];
        for (name, value, want) in cases {
            assert_eq!(&validate(name, value), want, "{name}={value}");
        }
    }

    #[test]
    fn python_integers() {
        let text = |s: &str| PyInt::parse(s).map(|n| n.to_string());
        assert_eq!(text("  42\n"), Some("42".to_owned()));
        assert_eq!(text("-0"), Some("0".to_owned()));
        assert_eq!(text("+1_000"), Some("1000".to_owned()));
        for bad in ["", "-", "_1", "1_", "1__0", "0x10", "1e3", "--1"] {
            assert_eq!(text(bad), None, "{bad}");
        }
        let huge = "9".repeat(60);
        assert_eq!(text(&huge), Some(huge.clone()));
        assert_eq!(
            validate("hw:numa_nodes", &huge),
            Ok(()),
            "no maximum, so any size passes"
        );
    }
}
