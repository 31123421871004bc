//! Health Atlas: an embeddable, offline timeline and map of health-industry events.
//!
//! The domain modules live in the `health-atlas-domain` crate (`domain/`): plain Rust, tested
//! natively. They are re-exported here, so `crate::model` and friends name them in the app.
//! This crate holds the Yew views (`app`), the custom element (`embed`) and the bench exports.
//! See ARCHITECTURE.md for the code map.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod embed;
pub mod page;

pub use health_atlas_domain::{data, geo, i18n, limits, model, query, search, share, time};
