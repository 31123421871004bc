//! Health Atlas's hot paths: the event model, full-text search, and the map's projection,
//! clustering and hit-testing. Plain Rust with no browser APIs, unit-tested natively.
//!
//! A crate of its own so that the release profile can compile it for speed while the rest
//! of the wasm (views, validation, i18n), most of its bytes, stays compiled for size: see the
//! profile in the workspace's Cargo.toml. `health-atlas-domain` re-exports every module here.

pub mod generate;
pub mod geo;
pub mod model;
pub mod search;
