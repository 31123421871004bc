//! The build refuses an invalid `data/events.json`: this builds the dataset crate (with the
//! model crate it checks with) in a scratch workspace whose `data/events.json` is broken, and
//! expects the build to fail with the validator's located error. The scratch workspace lives in
//! the target directory, so the dependencies stay compiled from one run to the next.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap(); // ok: listing a folder we just opened
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn an_invalid_dataset_stops_the_build() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let scratch = target.join("invalid-dataset-check");
    let _ = std::fs::remove_dir_all(scratch.join("crates"));
    for package in ["model", "dataset"] {
        let from = root.join("crates").join(package);
        let to = scratch.join("crates").join(package);
        copy_tree(&from.join("src"), &to.join("src"));
        std::fs::copy(from.join("Cargo.toml"), to.join("Cargo.toml")).unwrap();
    }
    std::fs::copy(
        root.join("crates/dataset/build.rs"),
        scratch.join("crates/dataset/build.rs"),
    )
    .unwrap();
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock")).unwrap();
    std::fs::write(
        scratch.join("Cargo.toml"),
        "[workspace]\nmembers = [\"crates/model\", \"crates/dataset\"]\nresolver = \"2\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(scratch.join("data")).unwrap();
    // An event whose date is not a date.
    let broken = r#"{"schema_version": 1, "events": [{"id": "broken", "title": {"en": "Broken"}, "date": "2024-13-45", "category": "forum"}]}"#;
    std::fs::write(scratch.join("data/events.json"), broken).unwrap();

    let output = Command::new(env!("CARGO"))
        .current_dir(&scratch)
        .env("CARGO_TARGET_DIR", scratch.join("target"))
        .args(["build", "--offline", "--quiet", "-p", "health-atlas-dataset"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "an invalid dataset built:\n{stderr}");
    assert!(
        stderr.contains("../../data/events.json is invalid") && stderr.contains("events[0]"),
        "expected the validator's located error:\n{stderr}"
    );
}
