//! Project → Orchestration: Heat stacks (list, launch, detail with a live
//! topology, update), the starter gallery and the template tools
//! (resource types, template versions).

mod graph;
mod launch;
mod resource_type;
mod stack;
mod stack_detail;
mod starter;
mod status;

pub use launch::LaunchStackPage;
pub use resource_type::{ResourceTypesPage, TemplateVersionsPage};
pub use stack::StacksPage;
pub use stack_detail::StackDetailPage;
pub use starter::StartersPage;
