//! Property tests (native only): CSV round-trips are lossless, and the loaders never panic
//! on arbitrary input. 512 cases per property by default, so every CI run checks the same
//! amount; set PROPTEST_CASES for a longer fuzzing session.
#![cfg(not(target_arch = "wasm32"))]

use health_atlas_model::csv::{export_csv, import_csv};
use health_atlas_model::generate::generate;
use health_atlas_model::parse_dataset;
use health_atlas_model::LocalizedText;
use proptest::prelude::*;

/// Text that stresses the CSV and record escaping: bars, quotes, commas, semicolons,
/// backslashes, line breaks, edge spaces, CJK and accents.
fn awkward_text() -> impl Strategy<Value = String> {
    proptest::string::string_regex(r#"[ a-zA-Z0-9|\\"',;=:\n\r\t上海无锡é—-]{0,24}"#).unwrap()
}

/// Text a spreadsheet would run as a formula, or that looks like the export's guard against
/// it: quotes, then `=`, `+`, `-`, `@`, a tab or a carriage return, then anything awkward.
fn formula_like_text() -> impl Strategy<Value = String> {
    (r"'{0,3}[=+@\t\r-]?", awkward_text()).prop_map(|(start, rest)| format!("{start}{rest}"))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// JSON → CSV → JSON gives back every event field, whatever the text contains.
    #[test]
    fn csv_round_trip_is_lossless(
        seed in any::<u64>(),
        count in 1usize..12,
        texts in proptest::collection::vec(prop_oneof![awkward_text(), formula_like_text()], 8),
    ) {
        let mut dataset = generate(count, seed);
        let event = &mut dataset.events[0];
        event.title = LocalizedText { en: texts[0].clone(), zh: texts[1].clone(), fr: texts[2].clone() };
        event.note = texts[3].clone();
        event.date_note = texts[4].clone();
        event.sources[0].quote = texts[5].clone();
        event.places[0].name.en = texts[6].clone();
        event.organisations[0].role = texts[7].clone();
        event.places[0].lat = seed as f64 / u64::MAX as f64 * 180.0 - 90.0;
        let csv = export_csv(&dataset);
        // No cell of the file starts a formula in a spreadsheet program.
        for record in csv::Reader::from_reader(csv.as_bytes()).records() {
            let record = record.map_err(|error| TestCaseError::fail(error.to_string()))?;
            for cell in record.iter() {
                prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{:?}", cell);
            }
        }
        let back = import_csv(&csv).map_err(|errors| TestCaseError::fail(format!("{errors:?}\n{csv}")))?;
        prop_assert_eq!(back.events, dataset.events);
    }

    /// The JSON loader returns errors, never panics, on any bytes.
    #[test]
    fn json_loader_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_dataset(&text);
    }

    /// Nor on JSON-looking text with the dataset's own keys.
    #[test]
    fn json_loader_never_panics_on_near_misses(
        text in r#"\{"schema_version": ?-?[0-9]{1,3}, "events": \[(\{"id": "[a-z-]{0,6}", "start": "20[0-9]{2}-[0-9]{2}-[0-9]{2}", "precision": "(exact|month|year|x)", "places": \[\{"lat": -?[0-9]{1,4}\}\]\},?){0,3}\]\}"#
    ) {
        let _ = parse_dataset(&text);
    }

    /// The CSV importer returns errors, never panics, on any text.
    #[test]
    fn csv_loader_never_panics(body in r#"[a-z0-9,;:|=\\"\n .-]{0,300}"#) {
        let header = "id,category,start,precision,sources,places,relations,figures\n";
        let _ = import_csv(&format!("{header}{body}"));
        let _ = import_csv(&body);
    }
}
