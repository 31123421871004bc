//! Fuzzes the `<health-atlas>` attribute readers and the iframe page's options (`link`,
//! `filters`, `view`, `height`, `theme`) and the trusted-source rules for `src`/`basemap`:
//! never a panic; a start link reads back without complaint; a height is a plain length.
#![no_main]

use health_atlas_model::trust::{check_source, host_of, AllowList, Requester};
use health_atlas_explore::share::decode;
use libfuzzer_sys::fuzz_target;

use health_atlas_explore::share::embed_options::{css_height, start_link, Theme};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Three attribute values, separated by NUL bytes (absent ones are missing attributes).
    let mut parts = text.split('\0');
    let (link, filters, view) = (parts.next(), parts.next(), parts.next());
    if let Some(start) = start_link(link, filters, view) {
        assert!(decode(&start).ignored.is_empty(), "{start}");
    }
    if let Some(height) = css_height(&text) {
        assert!(height.chars().all(|character| character.is_ascii_alphanumeric() || character == '.' || character == '%'));
    }
    let _ = Theme::from_attribute(&text).page_class();
    let allowed = AllowList::parse(filters.unwrap_or_default());
    let page = view.unwrap_or("https://atlas.example.org");
    let url = link.unwrap_or_default();
    if check_source(url, Requester::PageQuery, page, &allowed).is_ok() {
        // Only http(s) on a trusted origin gets through from a link.
        assert!(host_of(url).is_some(), "{url}");
    }
});
