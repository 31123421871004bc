//! Fuzzes search (the search box, `#q=`) against the built-in catalog: never a panic, every
//! hit is a visible event, and highlight ranges lie on character boundaries of the title.
#![no_main]

use health_atlas_dataset::embedded_dataset;
use health_atlas_explore::query::{Catalog, Filters};
use health_atlas_search::match_ranges;
use libfuzzer_sys::fuzz_target;

/// The catalog is built once per process: `Catalog` is not `Sync`, so each fuzzing thread
/// (libFuzzer runs one) keeps its own.
fn with_catalog(run: impl FnOnce(&Catalog)) {
    thread_local! {
        static CATALOG: Catalog = Catalog::new(embedded_dataset().expect("the embedded dataset is valid"));
    }
    CATALOG.with(|catalog| run(catalog));
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    with_catalog(|catalog| {
        let filters = Filters {
            text: query.to_string(),
            ..Filters::default()
        };
        let selection = catalog.select(&filters);
        for event in catalog.selected_events(&selection).take(8) {
            let title = &event.title.en;
            for range in match_ranges(title, &query) {
                assert!(title.is_char_boundary(range.start) && title.is_char_boundary(range.end));
                assert!(range.start < range.end && range.end <= title.len());
            }
        }
    });
});
