//! Fuzzes `share::decode`: on any bytes it must not panic, and whatever it reads must survive
//! a second trip through the link (encode, decode) unchanged and without complaints.
#![no_main]

use health_atlas_explore::share::{decode, encode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A fragment is text; the browser hands over UTF-8, so invalid bytes become U+FFFD.
    let fragment = String::from_utf8_lossy(data);
    let decoded = decode(&fragment);
    let again = decode(&encode(&decoded.state));
    assert!(again.ignored.is_empty(), "{:?}", again.ignored);
    assert_eq!(again.state, decoded.state);
});
