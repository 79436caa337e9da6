//! Server-only plumbing for server functions: the cloud connection, the
//! session that holds the Keystone token, and the request's preferences.

pub mod backend;
pub mod health;
pub mod prefs;
pub mod session;

pub use backend::Backend;
pub use session::CloudLogin;
