//! Field-by-field checks for a topology form, stricter than Nova where Nova
//! would silently ignore a value (a flavor preference above the flavor's own
//! maximum is dropped, not refused), so the form can say so at the field.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::parse_int;

/// The six keys, without their `hw:` / `hw_` prefix.
pub const FIELDS: [&str; 6] = [
    "cpu_sockets",
    "cpu_cores",
    "cpu_threads",
    "cpu_max_sockets",
    "cpu_max_cores",
    "cpu_max_threads",
];

/// Which set of keys a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Side {
    /// Flavor extra specs, `hw:cpu_*`.
    Flavor,
    /// Image properties, `hw_cpu_*`.
    Image,
}

impl Side {
    /// The full key for a field such as `cpu_sockets`.
    pub fn key(self, field: &str) -> String {
        match self {
            Side::Flavor => format!("hw:{field}"),
            Side::Image => format!("hw_{field}"),
        }
    }
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    /// Not an integer.
    NotInteger,
    /// Below 1 (Nova's validator minimum for these keys).
    BelowOne,
    /// A preferred count above the maximum that applies to it.
    AboveMax { max: i64 },
    /// An image maximum above the flavor's maximum.
    AboveFlavorMax { max: i64 },
}

/// A problem at one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldIssue {
    pub side: Side,
    /// One of [`FIELDS`].
    pub field: &'static str,
    pub problem: FieldProblem,
}

fn values(side: Side, map: &BTreeMap<String, String>, issues: &mut Vec<FieldIssue>) -> [i64; 6] {
    let mut out = [0; 6];
    for (i, field) in FIELDS.iter().enumerate() {
        let Some(text) = map.get(&side.key(field)) else {
            continue;
        };
        let problem = match parse_int(text) {
            None => Some(FieldProblem::NotInteger),
            Some(n) if n < 1 => Some(FieldProblem::BelowOne),
            Some(n) => {
                out[i] = n;
                None
            }
        };
        if let Some(problem) = problem {
            issues.push(FieldIssue {
                side,
                field,
                problem,
            });
        }
    }
    out
}

/// Every problem in a flavor's `hw:cpu_*` extra specs and an image's
/// `hw_cpu_*` properties (pass an empty map for either side to skip it).
pub fn check_fields(
    flavor_specs: &BTreeMap<String, String>,
    image_properties: &BTreeMap<String, String>,
) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let flavor = values(Side::Flavor, flavor_specs, &mut issues);
    let image = values(Side::Image, image_properties, &mut issues);
    for dim in 0..3 {
        let (preferred, max) = (FIELDS[dim], FIELDS[dim + 3]);
        let flavor_max = flavor[dim + 3];
        if flavor_max != 0 && flavor[dim] > flavor_max {
            issues.push(FieldIssue {
                side: Side::Flavor,
                field: preferred,
                problem: FieldProblem::AboveMax { max: flavor_max },
            });
        }
        if flavor_max != 0 && image[dim + 3] > flavor_max {
            issues.push(FieldIssue {
                side: Side::Image,
                field: max,
                problem: FieldProblem::AboveFlavorMax { max: flavor_max },
            });
        }
        let effective = if image[dim + 3] != 0 {
            image[dim + 3]
        } else {
            flavor_max
        };
        if effective != 0 && image[dim] > effective {
            issues.push(FieldIssue {
                side: Side::Image,
                field: preferred,
                problem: FieldProblem::AboveMax { max: effective },
            });
        }
    }
    issues
}
