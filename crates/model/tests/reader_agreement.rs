//! The dataset reader has a fast path (one serde pass, then the rules) and the located reader
//! it falls back on (each event on its own, with paths and lines). These property tests hold
//! them to one result: for valid, damaged and random texts, `parse_dataset_limited` gives
//! exactly what `parse_dataset_located` gives, the same dataset or the same located errors in
//! the same order. Native only, as the other property tests.
#![cfg(not(target_arch = "wasm32"))]

use health_atlas_model::generate::generate;
use health_atlas_model::validate::{parse_dataset_located, read_checked};
use health_atlas_model::{parse_dataset, parse_dataset_limited};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(512)
}

/// One way a maintainer (or a hostile file) can get a dataset wrong, applied to event `at`.
fn damage(file: &mut Value, kind: u8, at: usize) {
    let first_id = file["events"][0]["id"].clone();
    match kind {
        16 => file["schema_version"] = json!(2),
        17 => file["extra"] = json!(true),
        18 => file["description"] = json!("a description"),
        19 => file["description"] = json!(7),
        20 => file["events"] = json!([]),
        21 => *file = json!([1, "", file["events"].clone()]),
        // Stories: a sound one (at schema version 2), then its damages.
        26..=30 => {
            file["schema_version"] = json!(if kind == 27 { 1 } else { 2 });
            let mut story = json!({
                "id": "a-story",
                "title": {"en": "A story"},
                "steps": [{"narrative": {"en": "First."}, "events": [first_id]}]
            });
            match kind {
                28 => story["steps"][0]["events"] = json!(["nowhere"]),
                29 => story["stepz"] = json!([]),
                30 => story["steps"] = json!("three"),
                _ => {}
            }
            file["stories"] = json!([story]);
        }
        _ => {
            let events = file["events"].as_array_mut().unwrap();
            let count = events.len();
            let event = &mut events[at % count];
            if !event.is_object() {
                return;
            }
            match kind {
                0 => {}
                1 => set(event, "/places/0/lat", json!(95.5)),
                2 => set(event, "/places/0/lat", json!("north")),
                3 => event["catgory"] = json!("forum"),
                4 => event["id"] = json!("Bad Id"),
                5 => event["category"] = json!("meeting"),
                6 => event["start"] = json!("2023-02-30"),
                7 => event["end"] = json!("1999-01-01"),
                8 => event["sources"] = json!([]),
                9 => event["precision"] = json!("year"),
                10 => event["relations"] = json!([{"kind": "related", "target": "nowhere"}]),
                11 => event["title"] = json!({"en": " "}),
                12 => set(event, "/places/0/country", json!("cn")),
                13 => event["tags"] = json!(["Not A Slug"]),
                14 => set(event, "/sources/0/quote", json!("  ")),
                15 => event["organisations"] = json!([{"name": {"en": "A"}, "role": " "}]),
                22 => *event = json!(5),
                23 => event["id"] = first_id,
                24 => set(event, "/sources/0/url", json!("javascript:alert(1)")),
                _ => {
                    let id = event["id"].clone();
                    event["relations"] = json!([{"kind": "part_of", "target": id}]);
                }
            }
        }
    }
}

/// Replaces what `pointer` points at, when the damage so far left it there.
fn set(event: &mut Value, pointer: &str, value: Value) {
    if let Some(slot) = event.pointer_mut(pointer) {
        *slot = value;
    }
}

fn assert_same(text: &str, cap: usize) -> Result<(), TestCaseError> {
    let read = parse_dataset_limited(text, cap);
    prop_assert_eq!(&read, &parse_dataset_located(text, cap, |_| Vec::new()), "{}", text);
    // The fast reader alone (what the app uses) accepts exactly the same texts.
    prop_assert_eq!(read.ok(), read_checked(text, cap, |_| Vec::new()).ok(), "{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Generated datasets, each with up to two kinds of damage, compact or pretty, with or
    /// without a cap on the events.
    #[test]
    fn fast_and_located_readers_agree_on_damaged_datasets(
        seed in any::<u64>(),
        count in 1usize..16,
        damages in proptest::collection::vec((0u8..31, any::<usize>()), 0..3),
        pretty in any::<bool>(),
        cap in prop_oneof![Just(usize::MAX), 0usize..20],
    ) {
        let mut file = serde_json::to_value(generate(count, seed)).unwrap();
        for (kind, at) in damages {
            if file.get("events").and_then(Value::as_array).is_some_and(|events| !events.is_empty()) {
                damage(&mut file, kind, at);
            }
        }
        let text = if pretty { serde_json::to_string_pretty(&file) } else { serde_json::to_string(&file) }.unwrap();
        assert_same(&text, cap)?;
    }

    /// Any bytes.
    #[test]
    fn fast_and_located_readers_agree_on_any_text(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        assert_same(&String::from_utf8_lossy(&bytes), usize::MAX)?;
    }

    /// JSON-looking text with the dataset's own keys.
    #[test]
    fn fast_and_located_readers_agree_on_near_misses(
        text in r#"\{"schema_version": ?-?[0-9]{1,3},( "description": "[a-z]{0,3}",)? "events": \[(\{"id": "[a-z-]{0,6}", "title": \{"en": "[a-z ]{0,3}"\}, "category": "(forum|x)", "start": "20[0-9]{2}-[0-9]{2}-[0-9]{2}", "precision": "(exact|month|year|x)", "places": \[\{"name": \{"zh": "上海"\}, "country": "[A-Za-z]{2}", "lat": -?[0-9]{1,3}, "lon": -?[0-9]{1,3}, "precision": "city"\}\], "sources": \[\{"file": "f", "language": "en", "quote": "[a-z ]{0,2}"\}\]\},?){0,3}\]( , "events": \[\])?\}"#
    ) {
        assert_same(&text, usize::MAX)?;
        assert_same(&text, 1)?;
    }
}

/// The near-miss texts above are valid now and then; this one always is, so the fast path
/// itself (not only its fallback) is compared.
#[test]
fn a_valid_file_takes_the_fast_path_and_gets_the_same_dataset() {
    for pretty in [false, true] {
        let dataset = generate(300, 9);
        let text = if pretty {
            serde_json::to_string_pretty(&dataset)
        } else {
            serde_json::to_string(&dataset)
        }
        .unwrap();
        assert_eq!(parse_dataset(&text), Ok(dataset.clone()));
        assert_eq!(parse_dataset_located(&text, usize::MAX, |_| Vec::new()), Ok(dataset));
    }
    let shipped = include_str!("../../../data/events.json");
    assert_eq!(
        parse_dataset(shipped),
        parse_dataset_located(shipped, usize::MAX, |_| Vec::new())
    );
    assert!(parse_dataset(shipped).is_ok());
}

/// The sliced reader (the app's, for a fetched file) gives exactly `read_checked`'s answer, in
/// steps of any size.
fn assert_sliced_same(text: &str, cap: usize, bytes: usize) -> Result<(), TestCaseError> {
    use health_atlas_model::sliced_read::{Progress, SlicedRead};
    let mut sliced = SlicedRead::new(text, cap, |_: &health_atlas_model::Dataset| Vec::new());
    let result = loop {
        if let Progress::Done(result) = sliced.step(bytes) {
            break result;
        }
    };
    prop_assert_eq!(result, read_checked(text, cap, |_| Vec::new()), "{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn the_sliced_reader_agrees_on_damaged_datasets(
        seed in any::<u64>(),
        count in 1usize..16,
        damages in proptest::collection::vec((0u8..31, any::<usize>()), 0..3),
        pretty in any::<bool>(),
        cap in prop_oneof![Just(usize::MAX), 0usize..20],
        bytes in prop_oneof![Just(1usize), 1usize..5000, Just(usize::MAX)],
    ) {
        let mut file = serde_json::to_value(generate(count, seed)).unwrap();
        for (kind, at) in damages {
            if file.get("events").and_then(Value::as_array).is_some_and(|events| !events.is_empty()) {
                damage(&mut file, kind, at);
            }
        }
        let text = if pretty { serde_json::to_string_pretty(&file) } else { serde_json::to_string(&file) }.unwrap();
        assert_sliced_same(&text, cap, bytes)?;
    }

    #[test]
    fn the_sliced_reader_agrees_on_any_text(bytes in proptest::collection::vec(any::<u8>(), 0..512), step in 1usize..64) {
        assert_sliced_same(&String::from_utf8_lossy(&bytes), usize::MAX, step)?;
    }

    #[test]
    fn the_sliced_reader_agrees_on_near_misses(
        text in r#"[ \t\n\x0c]?\{[ \n]?"(schema_version|events|ev\\u0065nts)": ?-?[0-9]{1,3},( "description": "[a-z\\"]{0,3}",)? "events": ?\[(\{"id": "[a-z-]{0,6}", "title": \{"en": "[a-z ]{0,3}"\}, "category": "(forum|x)", "start": "20[0-9]{2}-[0-9]{2}-[0-9]{2}", "precision": "(exact|month|year|x)", "places": \[\{"name": \{"zh": "上海"\}, "country": "[A-Za-z]{2}", "lat": -?[0-9]{1,3}, "lon": -?[0-9]{1,3}, "precision": "city"\}\], "sources": \[\{"file": "f", "language": "en", "quote": "[a-z ]{0,2}"\}\]\}[ \x0c]?,?){0,3}\]( , "events": \[\])?( , "stories": \[\])?\}[ \x0c]?"#,
        step in 1usize..200,
    ) {
        assert_sliced_same(&text, usize::MAX, step)?;
        assert_sliced_same(&text, 1, step)?;
    }
}
