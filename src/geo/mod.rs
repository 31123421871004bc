//! The map's mathematics: projection, basemap decoding, clustering and hit-testing.
//! Plain Rust: it never touches `web_sys` or `yew`.
