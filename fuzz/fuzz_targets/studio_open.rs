//! Fuzzes what the studio page and `atlas-data` do with a file a maintainer drops or names
//! (`health_atlas_workbook`): telling its kind, decoding CSV text (UTF-8, UTF-16, GB18030) and
//! reading a workbook. Never a panic (the studio's wasm aborts on one, losing the page): every
//! input gives a dataset or a typed error.
#![no_main]

use health_atlas_workbook::{decode_text, read_workbook, sniff, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match sniff(data) {
        FileKind::Workbook => {
            let _ = read_workbook(data);
        }
        FileKind::Json | FileKind::Text => {
            if let Ok((text, _)) = decode_text(data) {
                let _ = health_atlas_model::csv::import_csv(&text);
            }
        }
    }
    // A zip that is not a workbook, whatever it starts with.
    let mut zipped = b"PK\x03\x04".to_vec();
    zipped.extend_from_slice(data);
    let _ = read_workbook(&zipped);
});
