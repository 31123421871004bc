//! The Yew views. The shell (`shell.rs`) owns the one [`state::State`] and provides it
//! through [`context::AppContext`]; each heavy view in `components/` is given a snapshot of
//! exactly the parts it reads, and sends [`state::Action`]s. Views never compute what domain
//! modules can (`query`, `i18n`); every custom hook is in `hooks/`.
//!
//! Dependencies point one way: `shell` → `components` → `hooks` → `context` → `state`.
//! The app never names `crate::embed` (the element mounts the app, not the reverse).

pub mod browser;
pub mod components;
pub mod context;
pub mod hooks;
pub mod shared;
pub mod snippet;
pub mod state;
pub mod stay_current;

mod host;
mod loader;
mod shell;

pub use context::AppContext;
pub use host::{permalink_page, Host, HostReport, PermalinkPage, StateBridge};
pub use shell::{App, AppProps};
pub use state::DatasetErrors;
