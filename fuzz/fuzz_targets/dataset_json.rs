//! Fuzzes `health_atlas_explore::share::parse_dataset_checked`, the app's reader of a `src=`
//! dataset (the model's checks, then story steps' filters in the link format): never a panic,
//! and a dataset it accepts survives the spreadsheet round trip (formula guard included) unchanged.
#![no_main]

use health_atlas_model::csv::{export_csv, import_csv};
use health_atlas_explore::share::parse_dataset_checked;
use health_atlas_model::limits::MAX_EVENTS;
use health_atlas_explore::i18n::dataset_error_text;
use health_atlas_model::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match parse_dataset_checked(&text, MAX_EVENTS) {
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
