//! The timeline's mathematics: a time scale from days to pixels, tick generation per zoom
//! level, lane packing and density bins. Plain Rust: it never touches `web_sys` or `yew`.
