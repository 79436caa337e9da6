//! Admin pages: system information, and Admin → Compute (flavors with their
//! extra specs and CPU topology, hypervisors, compute services, host
//! aggregates, and every project's instances). Every server function here
//! starts with `require_admin`, so the pages are enforced, not just hidden.

mod aggregate;
mod flavor;
mod flavor_detail;
pub mod hypervisor;
mod service;
mod system;
pub mod topology;

pub use aggregate::AggregatesPage;
pub use flavor::FlavorsPage;
pub use flavor_detail::FlavorDetailPage;
pub use hypervisor::HypervisorsPage;
pub use service::ComputeServicesPage;
pub use system::SystemInfoPage;
