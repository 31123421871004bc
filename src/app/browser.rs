//! Small doors to the browser the views need: today's date, downloads, the clipboard.
//! Kept here so components stay views and these are written once.

use chrono::{DateTime, NaiveDate, Utc};
use gloo::timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

use health_atlas_model::trust::{check_source, AllowList, Refusal, Requester};
use health_atlas_model::Lang;

#[wasm_bindgen]
extern "C" {
    /// `navigator.clipboard.writeText`, bound here because web-sys marks it unstable.
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn write_clipboard_text(text: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The reader's calendar day (their time zone), for the "today" marker and file names.
pub fn today() -> Option<NaiveDate> {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
}

/// The current instant, for export time stamps.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Offers `contents` as a file download. A detached link with a `blob:` URL works inside a
/// Shadow DOM and under a strict Content-Security-Policy (no inline script, no data: URL).
pub fn download(file_name: &str, media_type: &str, contents: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // The download starts asynchronously; free the blob once it surely has.
    Timeout::new(30_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Copies `text` to the clipboard; resolves to whether it worked (it needs a secure context
/// and may be refused by the host page's permissions policy).
pub async fn copy_text(text: &str) -> bool {
    match write_clipboard_text(text) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}

/// `url` resolved against the page's base address (`/data/x.json` →
/// `https://host.example/data/x.json`); unchanged when it cannot be resolved.
pub fn absolute_url(url: &str) -> String {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(url, &base).ok())
        .map_or_else(|| url.to_owned(), |absolute| absolute.href())
}

/// The address of this page without its fragment, for building permalinks: a `src` or
/// `basemap` in its query that the page does not trust is left out, so a permalink never
/// carries it on.
pub fn page_address() -> String {
    let Some(href) = web_sys::window().and_then(|window| window.location().href().ok()) else {
        return String::new();
    };
    let address = href.split('#').next().unwrap_or_default();
    let Ok(url) = Url::new(address) else {
        return address.to_owned();
    };
    let query = url.search_params();
    for key in ["src", "basemap"] {
        if let Some(value) = query.get(key) {
            if trusted_source(&value, Requester::PageQuery).is_err() {
                query.delete(key);
            }
        }
    }
    url.href()
}

/// The page's own origin (`https://atlas.example.org`; `"null"` for a `file:` page).
pub fn page_origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_else(|| "null".to_owned())
}

/// The origins the page lists in `<meta name="health-atlas-sources" content="…">`.
fn allowed_sources() -> AllowList {
    let content = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("meta[name=health-atlas-sources]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"));
    AllowList::parse(content.as_deref().unwrap_or_default())
}

/// `url` made absolute (and canonical) by the browser, if the page may load it when
/// `requester` asked (`data::trust` decides); the refusal otherwise.
pub fn trusted_source(url: &str, requester: Requester) -> Result<String, Refusal> {
    let absolute = absolute_url(url);
    check_source(&absolute, requester, &page_origin(), &allowed_sources()).map(|()| absolute)
}

/// The first language of the browser's preference list that the UI speaks.
pub fn browser_lang() -> Option<Lang> {
    let navigator = web_sys::window()?.navigator();
    let preferred = navigator.languages();
    preferred
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .find_map(|tag| Lang::from_tag(&tag))
}

/// Resolves in a later task (a zero timeout): what was rendered is painted and waiting input
/// is handled before the work after it. Long work on the main thread (a dataset's load, its
/// search index) awaits this between its slices. (Not a `MessageChannel` message, which skips
/// the 4 ms that nested timeouts are held back: a channel nothing else refers to can be
/// collected with its message undelivered, and the load would never end.)
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
