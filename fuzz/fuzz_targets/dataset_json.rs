//! Fuzzes the app's readers of a `src=` dataset: `health_atlas_explore::share::parse_dataset_checked`
//! (the model's checks, then story steps' filters in the link format) and the model's
//! `parse_dataset_limited`. Never a panic; the fast reader gives the same result as the located
//! reader it falls back on (`parse_dataset_located`: the same dataset or the same errors, with
//! and without a small cap on the events) and accepts exactly what it accepts when used alone
//! (`read_checked`) and in slices (`SlicedRead`, the app's, in steps of a size taken from the
//! input); a dataset they accept survives the spreadsheet round trip (formula guard included)
//! unchanged.
#![no_main]

use health_atlas_explore::i18n::dataset_error_text;
use health_atlas_explore::share::parse_dataset_checked;
use health_atlas_model::csv::{export_csv, import_csv};
use health_atlas_model::limits::MAX_EVENTS;
use health_atlas_model::sliced_read::{Progress, SlicedRead};
use health_atlas_model::validate::{parse_dataset_limited, parse_dataset_located, read_checked};
use health_atlas_model::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let no_more_rules = |_: &_| Vec::new();
    assert_eq!(parse_dataset_limited(&text, 1), parse_dataset_located(&text, 1, no_more_rules));
    let read = parse_dataset_limited(&text, MAX_EVENTS);
    assert_eq!(read, parse_dataset_located(&text, MAX_EVENTS, no_more_rules));
    let checked = read_checked(&text, MAX_EVENTS, no_more_rules);
    assert_eq!(read.as_ref().ok(), checked.as_ref().ok());
    let step = 1 + data.first().copied().unwrap_or(0) as usize % 97;
    let mut sliced = SlicedRead::new(&text, MAX_EVENTS, no_more_rules);
    let in_slices = loop {
        if let Progress::Done(result) = sliced.step(step) {
            break result;
        }
    };
    assert_eq!(in_slices, checked);
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
