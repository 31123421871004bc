//! What the studio asks of the browser, in one place: the language it prefers, reading a
//! chosen file, downloads, the work-in-progress copy in localStorage. Nothing here decides
//! anything; the decisions are in the plain-Rust modules.

use gloo::storage::{LocalStorage, Storage};
use health_atlas_model::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The key of the work-in-progress copy.
const DRAFT_KEY: &str = "health-atlas-studio:draft";

/// The page's language: `?lang=`, else the browser's first language the UI speaks, else
/// English (as the atlas chooses).
pub fn page_lang() -> Lang {
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|window| window.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"))
        .and_then(|tag| Lang::from_tag(&tag));
    query
        .or_else(|| {
            let navigator = window?.navigator();
            navigator
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string())
                .chain(navigator.language())
                .find_map(|tag| Lang::from_tag(&tag))
        })
        .unwrap_or(Lang::En)
}

/// Says the page's language to the browser and assistive technology.
pub fn set_document_lang(lang: Lang, title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", if lang == Lang::Zh { "zh-Hans" } else { lang.tag() });
        }
        document.set_title(title);
    }
}

/// The bytes of a file the reader chose or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|error| {
        error
            .as_string()
            .unwrap_or_else(|| "the browser could not read the file".into())
    })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(anchor) = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    // The download has started from the URL; it can go once this task is done.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// A blob URL of `text` as JSON, for the preview's `<health-atlas src=…>`.
pub fn json_url(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

pub fn revoke_url(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}

/// The stored work in progress, if any.
pub fn stored_draft() -> Option<String> {
    LocalStorage::raw().get_item(DRAFT_KEY).ok().flatten()
}

/// Keeps `json` as the work in progress; `false` when the browser refused (storage full or off).
pub fn store_draft(json: &str) -> bool {
    LocalStorage::raw().set_item(DRAFT_KEY, json).is_ok()
}

pub fn forget_draft() {
    let _ = LocalStorage::raw().remove_item(DRAFT_KEY);
}

/// Asks the reader to confirm (`window.confirm`); `true` without a window to ask in.
pub fn confirm(question: &str) -> bool {
    web_sys::window()
        .map(|window| window.confirm_with_message(question).unwrap_or(false))
        .unwrap_or(true)
}

/// Loads the atlas's custom element (embed/health-atlas.js, a file of the same build) once,
/// for the preview.
pub fn load_atlas_element() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if document.get_element_by_id("st-atlas-element").is_some() {
        return;
    }
    if let Ok(script) = document.create_element("script") {
        let _ = script.set_attribute("id", "st-atlas-element");
        let _ = script.set_attribute("type", "module");
        let _ = script.set_attribute("src", "embed/health-atlas.js");
        if let Some(head) = document.head() {
            let _ = head.append_child(&script);
        }
    }
}

/// Moves the focus to the element with `id` and brings it into view.
pub fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        element.scroll_into_view();
        let _ = element.focus();
    }
}

fn media_query(query: &str) -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media(query).ok().flatten()
}

/// Whether the window matches the media query `query` now.
pub fn matches_media(query: &str) -> bool {
    media_query(query).is_some_and(|list| list.matches())
}

/// Calls `changed` with whether the window matches `query` each time that changes, for as
/// long as the returned listener is kept.
pub fn on_media_change(query: &str, changed: impl Fn(bool) + 'static) -> Option<gloo::events::EventListener> {
    let list = media_query(query)?;
    let target = list.clone();
    Some(gloo::events::EventListener::new(&list, "change", move |_| {
        changed(target.matches())
    }))
}
