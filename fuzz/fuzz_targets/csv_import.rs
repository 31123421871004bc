//! Fuzzes `health_atlas_model::csv::import_csv` (a maintainer's spreadsheet): never a panic, and what it
//! reads exports and imports back unchanged.
#![no_main]

use health_atlas_model::csv::{export_csv, import_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(dataset) = import_csv(&text) {
        let back = import_csv(&export_csv(&dataset)).expect("an exported file imports");
        assert_eq!(back.events, dataset.events);
    }
});
