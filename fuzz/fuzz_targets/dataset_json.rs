//! Fuzzes `health_atlas_model::parse_dataset_limited` (a `src=` dataset): never a panic, the
//! same result as the located reader it falls back on (`parse_dataset_located`: the same
//! dataset or the same errors, with and without a small cap on the events), and a dataset it
//! accepts survives the spreadsheet round trip (formula guard included) unchanged.
#![no_main]

use health_atlas_model::csv::{export_csv, import_csv};
use health_atlas_model::parse_dataset_limited;
use health_atlas_model::limits::MAX_EVENTS;
use health_atlas_model::validate::parse_dataset_located;
use health_atlas_explore::i18n::dataset_error_text;
use health_atlas_model::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    assert_eq!(parse_dataset_limited(&text, 1), parse_dataset_located(&text, 1));
    let read = parse_dataset_limited(&text, MAX_EVENTS);
    assert_eq!(read, parse_dataset_located(&text, MAX_EVENTS));
    match read {
        Ok(dataset) => {
            let back = import_csv(&export_csv(&dataset)).expect("an exported dataset imports");
            assert_eq!(back.events, dataset.events);
        }
        Err(errors) => {
            for error in &errors {
                let _ = dataset_error_text(error, Lang::Zh);
            }
        }
    }
});
