//! Health Atlas: an embeddable, offline timeline and map of health-industry events.
//!
//! This crate holds the Yew views (`app`), the custom element (`embed`) and the bench exports.
//! The logic they show lives in plain-Rust crates under `crates/` (model, dataset, search, geo,
//! explore), which the app imports directly. See ARCHITECTURE.md for the code map.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod embed;
pub mod insights_module;
pub mod page;
