//! HOT templates: parsing, validation and evaluation (pure, no I/O).
//!
//! The flow the runtime follows for a stack:
//!
//! 1. [`parse`] the text (and [`parse_environment`]), [`Template::load`] it:
//!    version, sections, parameter schemas, resource and output definitions
//!    and the shape of every intrinsic function are checked here.
//! 2. [`resolve_parameters`] with the user's values.
//! 3. [`evaluate_conditions`], then [`condition_holds`] per resource/output.
//! 4. [`dependencies`] of the enabled resources and [`creation_order`];
//!    [`validate_outputs`].
//! 5. [`resolve`] properties and outputs against a [`Context`] as resources
//!    get created.
//!
//! Messages and error kinds follow OpenStack Heat, whose clients show them
//! verbatim.

// This is the engine's whole public API; the runtime does not call every
// item yet (e.g. `creation_order`, `validate_outputs`).
#![allow(dead_code)]

mod conditions;
mod deps;
mod functions;
mod model;
mod parameters;
mod parse;
mod pyfmt;
mod versions;

// The public API; the runtime does not use every item (yet).
#[allow(unused_imports)]
pub use conditions::{condition_holds, condition_holds_with, evaluate_conditions};
#[allow(unused_imports)]
pub use deps::{creation_order, dependencies, validate_outputs};
#[allow(unused_imports)]
pub use functions::{check_snippet, resolve, select_attribute_path, Context};
#[allow(unused_imports)]
pub use model::{
    Constraint, ConstraintKind, OutputDef, ParamType, Parameter, ParameterGroup, ResourceDef,
    Template,
};
#[allow(unused_imports)]
pub use parameters::{resolve_parameters, validate_body, validate_body_with_defaults};
#[allow(unused_imports)]
pub use parse::{parse, parse_environment};
#[allow(unused_imports)]
pub use versions::{canonical_version, functions, versions};

/// A Heat error: `kind` is Heat's exception class name as it appears in the
/// API error body's "type" (e.g. "StackValidationFailed",
/// "UserParameterMissing", "InvalidTemplateVersion",
/// "InvalidTemplateReference", "CircularDependencyException",
/// "HTTPBadRequest" for parse errors), `message` is Heat's message text.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatError {
    pub kind: &'static str,
    pub message: String,
}

impl HeatError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        HeatError {
            kind,
            message: message.into(),
        }
    }

    /// Heat's StackValidationFailed, the most common kind.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        HeatError::new("StackValidationFailed", message)
    }
}

impl std::fmt::Display for HeatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HeatError {}
