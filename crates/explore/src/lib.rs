//! Health Atlas's domain logic: plain Rust with no browser APIs, unit-tested natively.
//!
//! A crate of its own, so nothing here can reach `web_sys`, `yew` or `gloo` (they are not
//! dependencies). The hot paths (model, search, geo) are in `health-atlas-core`, compiled for
//! speed; this crate re-exports them, and the app crate re-exports everything, so
//! `crate::model` and friends name the same module in all three.

pub mod data;
pub mod geo;
pub mod i18n;
pub mod limits;
pub mod query;
pub mod share;
pub mod time;

pub use health_atlas_core::{model, search};
