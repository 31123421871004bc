//! Embedding: the `<health-atlas>` custom element and the iframe page's options.
//!
//! `api` is the element's JavaScript API (typed in `www/embed/health-atlas.d.ts`).
//! What the attributes mean is plain Rust, tested natively and fuzzed
//! (`health_atlas_explore::share::embed_options`); `element` is the browser glue for one
//! element instance. The element's JavaScript half is `www/embed/health-atlas.js`; `scripts/embed-build.mjs` (a trunk hook)
//! writes the build's file names for it, the iframe page and the pre-rendered event list.
//!
//! Never: touch the host page's address bar or anything outside the element's shadow root
//! (except the events it dispatches on the element), or set a `style` attribute (a strict
//! CSP refuses them; the CSSOM is allowed).

pub mod api;
pub mod element;

pub use element::{Instance, LINK_EVENT, SELECT_EVENT};
pub use health_atlas_explore::share::embed_options::{css_height, start_link, start_story, Theme};

/// Whether the page has defined `<health-atlas>` (the element script ran): the wasm then
/// started for the elements, and must not mount a whole-page app into `<body>`.
pub fn element_is_defined() -> bool {
    web_sys::window()
        .map(|window| window.custom_elements())
        .is_some_and(|registry| !registry.get("health-atlas").is_undefined())
}

/// Puts the theme class the query asked for (`?theme=dark`) on the page's `<html>`.
pub fn apply_page_theme(theme: Theme) {
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element());
    if let (Some(root), Some(class)) = (root, theme.page_class()) {
        let _ = root.class_list().add_1(class);
    }
}

/// Whether this page is the iframe page (`embed.html`, marked by `scripts/embed-build.mjs`).
pub fn is_frame_page() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .is_some_and(|root| root.class_list().contains("ha-frame"))
}
