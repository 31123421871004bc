//! The dataset shipped with the app, `data/events.json`, embedded in the binary at build
//! time. `build.rs` refuses to build when it is invalid (with the model crate's own
//! validator), so parsing it at start-up cannot fail in a released build.
//!
//! A crate of its own because the check needs the model as a build dependency: the model
//! crate cannot validate its own build.

use health_atlas_model::sliced_read::SlicedRead;
use health_atlas_model::validate::HasProblems;
use health_atlas_model::Dataset;

/// The dataset shipped with the app. `build.rs` refuses to build when it is invalid,
/// so parsing it at start-up cannot fail in a released build.
pub const EMBEDDED_JSON: &str = include_str!("../../../data/events.json");

/// Reads the embedded dataset with the fast reader and every rule (`SlicedRead`, the reader
/// the app also reads a fetched file with, all at once here: the located reader, which only a
/// broken file needs, stays out of the app's wasm). The `Err` arm
/// exists for completeness — `build.rs` has already proved this text valid, and says where
/// it is not — and is shown to the user rather than panicking.
pub fn embedded_dataset() -> Result<Dataset, HasProblems> {
    SlicedRead::new(EMBEDDED_JSON, usize::MAX, |_: &Dataset| Vec::new()).to_end()
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_model::parse_dataset;

    #[test]
    fn the_embedded_dataset_is_valid() {
        let dataset = parse_dataset(EMBEDDED_JSON).unwrap_or_else(|errors| {
            panic!(
                "{}",
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            )
        });
        assert_eq!(embedded_dataset().as_ref(), Ok(&dataset), "both readers read it alike");
        assert!(
            dataset.events.len() >= 10,
            "expected every seed event, got {}",
            dataset.events.len()
        );
    }
}
