//! Health Atlas: an embeddable, offline timeline and map of health-industry events.
//!
//! The domain modules (`model`, `data`, `query`, `i18n`) are plain Rust, tested natively;
//! `app` holds the Yew views over them. See ARCHITECTURE.md for the code map.

pub mod app;
#[cfg(feature = "bench")]
pub mod bench;
pub mod data;
pub mod embed;
pub mod geo;
pub mod i18n;
pub mod model;
pub mod query;
pub mod search;
pub mod share;
pub mod time;
