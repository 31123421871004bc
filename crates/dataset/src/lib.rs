//! Where datasets come from: the one embedded in the binary at build time, or a JSON text
//! fetched from a `src=` URL, both through the same validating parser.
//!
//! Plain Rust: fetching is the app's job; this module only turns text into a checked
//! [`Dataset`] or a list of located errors.

pub mod completeness;
pub mod csv;
pub use health_atlas_core::generate;
pub mod load;
#[cfg(test)]
mod traceability;
pub mod trust;
pub mod validate;

pub use load::{shown_errors, LoadError};
pub use validate::{is_http_url, parse_dataset, parse_dataset_limited, DatasetError, Problem};

use crate::model::Dataset;

/// The dataset shipped with the app. `build.rs` refuses to build when it is invalid,
/// so parsing it at start-up cannot fail in a released build.
pub const EMBEDDED_JSON: &str = include_str!("../../../data/events.json");

/// Parses the embedded dataset. The `Err` arm exists for completeness — `build.rs` has
/// already proved this text valid — and is shown to the user rather than panicking.
pub fn embedded_dataset() -> Result<Dataset, Vec<DatasetError>> {
    parse_dataset(EMBEDDED_JSON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dataset_is_valid() {
        let dataset = embedded_dataset().unwrap_or_else(|errors| {
            panic!(
                "{}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            )
        });
        assert!(
            dataset.events.len() >= 10,
            "expected every seed event, got {}",
            dataset.events.len()
        );
    }
}
