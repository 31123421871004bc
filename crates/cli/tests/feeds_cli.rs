//! `atlas-data feeds` as a site maintainer runs it: the files, their determinism, and
//! clear usage errors. (The feeds' contents are tested in `crates/explore/src/share/feeds.rs`, and
//! read back by Python's parsers in `make feeds-check`.)
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
mod common;

use common::atlas_data;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-feeds-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn files(dir: &PathBuf) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (
                entry.file_name().to_string_lossy().into_owned(),
                std::fs::read(entry.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn feeds_are_written_the_same_twice_and_follow_the_options() {
    let (first, second) = (scratch("first"), scratch("second"));
    for dir in [&first, &second] {
        let output = atlas_data(&[
            "feeds",
            "data/events.json",
            "--out",
            dir.to_str().unwrap(),
            "--base-url",
            "https://atlas.example.org/atlas/index.html",
            "--revision",
            "2026-11-22T09:00:00+01:00",
            "--per-category",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        assert!(
            text(&output.stdout).contains("wrote 66 feeds of 16 events"),
            "{}",
            text(&output.stdout)
        );
    }
    let written = files(&first);
    assert_eq!(written, files(&second), "same data and options, same bytes");
    let names: Vec<&str> = written.iter().map(|(name, _)| name.as_str()).collect();
    for name in [
        "events.ics",
        "events.zh.ics",
        "events.fr.ics",
        "events.en.atom",
        "events.zh.atom",
        "events.fr.atom",
        "events.forum.fr.atom",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    let calendar = text(&written.iter().find(|(name, _)| name == "events.ics").unwrap().1);
    assert!(calendar.contains("UID:tbhc-2023@atlas.example.org\r\n"));
    assert!(calendar.contains("DTSTAMP:20261122T080000Z\r\n"));
    let atom = text(&written.iter().find(|(name, _)| name == "events.en.atom").unwrap().1);
    assert!(atom.contains(r#"href="https://atlas.example.org/atlas/feeds/events.en.atom" rel="self""#));
    assert!(atom.contains("https://atlas.example.org/atlas/index.html#v=1&amp;event=tbhc-2023&amp;lang=en"));
}

#[test]
fn without_options_the_embedded_data_and_its_newest_day() {
    let dir = scratch("defaults");
    let output = atlas_data(&["feeds", "--out", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(files(&dir).len(), 6);
    let calendar = std::fs::read_to_string(dir.join("events.ics")).unwrap();
    // No absolute atlas: no URL to it in a calendar (a relative URI is not allowed there).
    assert!(!calendar.contains("index.html"));
    assert!(calendar.contains("UID:tbhc-2023@health-atlas\r\n"));
    let atom = std::fs::read_to_string(dir.join("events.zh.atom")).unwrap();
    assert!(atom.contains(r#"href="../index.html#v=1&amp;event=tbhc-2023&amp;lang=zh""#));
}

#[test]
fn bad_feed_options_exit_2_and_say_what_was_expected() {
    for (args, expected) in [
        (vec!["feeds"], "feeds needs --out DIR"),
        (
            vec!["feeds", "--out", "x", "--base-url", "atlas/"],
            "--base-url expects an absolute http(s) URL",
        ),
        (
            vec!["feeds", "--out", "x", "--domain", "a b"],
            "--domain expects a domain name",
        ),
        (
            vec!["feeds", "--out", "x", "--revision", "yesterday"],
            "--revision expects an RFC 3339 time",
        ),
        (
            vec!["feeds", "--out", "x", "--refresh", "12h"],
            "--refresh expects an RFC 5545 duration",
        ),
    ] {
        let output = atlas_data(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            text(&output.stderr).contains(expected),
            "{args:?}: {}",
            text(&output.stderr)
        );
    }
}
