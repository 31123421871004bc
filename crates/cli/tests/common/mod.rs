//! What the CLI's test files share: running the built `atlas-data` as a maintainer does.

use std::process::{Command, Output};

/// Runs `atlas-data` with `args` from the repository root, as a maintainer runs it
/// (`data/events.json` below).
pub fn atlas_data(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_atlas-data"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(args)
        .output()
        .unwrap()
}
