//! Fetching a replacement dataset from a `src=` URL and a basemap from a `basemap=` URL. The
//! parsing and checking is the domain's (`model::sliced_read::SlicedRead`, in slices,
//! `basemap::Basemap::from_geojson`), and so is the decision whether a URL may be loaded at all
//! (`model::trust`); this does the network part within the caps of `limits` (bytes, time),
//! reports progress and dispatches actions with typed errors. Also the files of the build that
//! the first render does not need ([`load_build_files`]), and the later module, the first time
//! a reader opens the Insights view, downloads a CSV or iCalendar file, or a fetched dataset is
//! refused and its problems must be listed ([`load_later_module`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::Callback;

use super::browser::next_task;
use super::shared::Shared;
use super::state::{Action, BasemapSource, MapAction, PreparedBuild, ShippedBasemap};
use health_atlas_basemap::Basemap;
use health_atlas_explore::load::LoadError;
use health_atlas_explore::query::CatalogBuild;
use health_atlas_explore::share::check_step_filters;
use health_atlas_model::limits::{FETCH_TIMEOUT_SECONDS, MAX_BASEMAP_BYTES, MAX_DATASET_BYTES, MAX_EVENTS};
use health_atlas_model::sliced_read::{Progress, SlicedRead};
use health_atlas_model::LocalizedText;

/// The load of a fetched dataset gives the browser a turn after about this long (ms): short
/// enough for a click to be answered within a frame or two, long enough that the turns
/// (a zero timeout each, clamped to 4 ms) cost little of the load.
const TASK_MS: f64 = 40.0;
/// How much of the text one step of the parse reads (bytes): about a millisecond's work, so a
/// task ends close to `TASK_MS`.
const PARSE_STEP_BYTES: usize = 128 * 1024;
/// How many events one step of the catalog's build indexes: a few milliseconds' work.
const CATALOG_STEP_EVENTS: usize = 5_000;

/// Files above this size report their progress while they arrive.
const PROGRESS_FROM_BYTES: u64 = 1024 * 1024;

/// Fetches `url` (`fetch_url`: it resolved against the page) and dispatches
/// `DatasetLoading`, progress for a large file, then `DatasetLoaded` or `DatasetFailed`.
/// The text is read with the fast reader and every rule; a file it refuses is read again by
/// the later module (from the build at `root`), which lists its problems with their lines:
/// that reader stays out of the first render's wasm, since a working site never needs it.
pub fn load_dataset(url: String, fetch_url: String, root: Rc<str>, dispatch: Callback<Action>) {
    dispatch.emit(Action::DatasetLoading { url: url.clone() });
    yew::platform::spawn_local(async move {
        let progress = {
            let (dispatch, url) = (dispatch.clone(), url.clone());
            move |read, total| {
                dispatch.emit(Action::DatasetProgress {
                    url: url.clone(),
                    read,
                    total,
                })
            }
        };
        let text = match fetch_text(&fetch_url, MAX_DATASET_BYTES, &progress).await {
            Ok(text) => text,
            Err(error) => {
                return dispatch.emit(Action::DatasetFailed {
                    url,
                    errors: vec![error],
                })
            }
        };
        // From the text to the drawn page in slices, with the browser free between them to
        // paint and to answer clicks: the parse (and each event's own rules), the rules across
        // events, the catalog (ids, order, facets and their labels), the prepared dataset (the
        // map's cluster index a zoom level at a time, the timeline's index, the map's fit), each
        // in steps that `Turns` groups into tasks of about `TASK_MS`; then the reducer and the
        // render of the map and the timeline in a task, the filter panel and the list in the
        // next. The marks (`health-atlas:…`) let a profile or a bench see each slice. A step
        // that is not small (the rules across events, the unfiltered selection and the map's
        // points) starts a task.
        let mut turns = Turns::default();
        turns.next().await;
        mark("health-atlas:parse");
        let mut reader = SlicedRead::new(text.as_str(), MAX_EVENTS, check_step_filters);
        let mut read = None;
        let mut step = |reader: &mut SlicedRead| match reader.step(PARSE_STEP_BYTES) {
            Progress::More(_) => !reader.checks_next(),
            Progress::Done(result) => {
                read = Some(result);
                false
            }
        };
        turns.run(&mut || step(&mut reader)).await;
        // The rules across events (unique ids, relation targets) in a task of their own.
        if reader.checks_next() {
            turns.next().await;
            step(&mut reader);
            turns.next().await;
        }
        drop(reader);
        let Some(Ok(dataset)) = read else {
            let errors = listed_problems(&root, &text).await;
            return dispatch.emit(Action::DatasetFailed { url, errors });
        };
        drop(text);
        mark("health-atlas:catalog");
        let mut catalog = CatalogBuild::new(dataset);
        turns.run(&mut || catalog.step(CATALOG_STEP_EVENTS)).await;
        let catalog = Shared::new(catalog.finish());
        turns.next().await;
        mark("health-atlas:unfiltered");
        let mut prepared = PreparedBuild::new(catalog);
        turns.run(&mut || prepared.step()).await;
        let dataset = prepared.finish();
        turns.next().await;
        mark("health-atlas:render");
        dispatch.emit(Action::DatasetLoaded { url, dataset });
        // The filter panel and the list in a task of their own (`State::settling`).
        next_task().await;
        dispatch.emit(Action::Settled);
    });
}

/// Groups the steps of a load into tasks: the browser gets a turn (`next_task`) whenever the
/// work since the last one, with a next step as long as the longest so far of its kind, would
/// pass `TASK_MS`.
#[derive(Default)]
struct Turns {
    task_start: f64,
    longest_step: f64,
}

impl Turns {
    /// Calls `step` until it returns false, with turns between calls as needed. (`dyn`: one
    /// copy of this in the wasm for every kind of step.)
    async fn run(&mut self, step: &mut dyn FnMut() -> bool) {
        self.longest_step = 0.0;
        loop {
            let start = js_sys::Date::now();
            let more = step();
            self.longest_step = self.longest_step.max(js_sys::Date::now() - start);
            if !more {
                return;
            }
            if js_sys::Date::now() - self.task_start + self.longest_step >= TASK_MS {
                self.next().await;
            }
        }
    }

    /// A turn now.
    async fn next(&mut self) {
        next_task().await;
        self.task_start = js_sys::Date::now();
    }
}

/// The problems of a dataset text the fast reader refused, located and in words by the later
/// module; if it cannot be loaded, one error that says so (never an empty list: the file is
/// refused either way, and the reader must know why).
async fn listed_problems(root: &str, text: &str) -> Vec<LoadError> {
    let listed = match load_later_module(root).await {
        Ok(module) => module.dataset_problems(text).map_err(|error| describe_js(&error)),
        Err(reason) => Err(reason),
    };
    match listed {
        Ok(texts) if !texts.is_empty() => texts
            .chunks(3)
            .map(|text| {
                let part = |at: usize| text.get(at).cloned().unwrap_or_default();
                LoadError::Described(LocalizedText {
                    en: part(0),
                    zh: part(1),
                    fr: part(2),
                })
            })
            .collect(),
        Ok(_) => vec![LoadError::ProblemsNotListed {
            detail: "the later module found none".into(),
        }],
        Err(detail) => vec![LoadError::ProblemsNotListed { detail }],
    }
}

/// A User Timing mark: where a profile or a bench sees each slice of a load begin.
fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// Fetches a GeoJSON basemap (same origin, or a server that allows CORS) and dispatches
/// `SetBasemap`: loading, then loaded or failed with the reason. The shipped basemap stays
/// drawn until a file is read, and when it cannot be.
pub fn load_basemap(url: String, fetch_url: String, dispatch: Callback<Action>) {
    dispatch.emit(Action::Map(MapAction::SetBasemap(BasemapSource::Loading {
        url: url.clone(),
    })));
    yew::platform::spawn_local(async move {
        let read = fetch_text(&fetch_url, MAX_BASEMAP_BYTES, &|_, _| {})
            .await
            .and_then(|text| Basemap::from_geojson(&text).map_err(LoadError::Basemap));
        let source = match read {
            Ok(basemap) => BasemapSource::Loaded {
                url,
                basemap: Shared::new(basemap),
            },
            Err(error) => BasemapSource::Failed {
                url,
                errors: vec![error].into(),
            },
        };
        dispatch.emit(Action::Map(MapAction::SetBasemap(source)));
    });
}

/// The built-in basemap's files (`www/basemap/`, see its README), relative to the build's root:
/// the world's countries, then China's provinces and the South China Sea inset over them.
pub const SHIPPED_BASEMAP_FILES: [&str; 2] = ["basemap/world.topo.json", "basemap/china.topo.json"];
/// The pinyin table (`crates/search/src/pinyin.rs`), relative to the build's root.
pub const PINYIN_TABLE_FILE: &str = "search/pinyin.bin";
/// The pinyin table's size is fixed by its format (38 KB); this only bounds a wrong file.
const MAX_PINYIN_TABLE_BYTES: u64 = 256 * 1024;

/// What [`load_build_files`] has fetched, once per page: each atlas on it (several elements)
/// is handed the same results, and one mounted later gets them at once.
#[derive(Default)]
struct BuildFiles {
    started: bool,
    basemap: Option<ShippedBasemap>,
    pinyin_settled: bool,
    atlases: Vec<Callback<Action>>,
}

thread_local! {
    static BUILD_FILES: RefCell<BuildFiles> = RefCell::default();
}

fn tell_atlases(action: impl Fn() -> Action) {
    let atlases = BUILD_FILES.with(|files| files.borrow().atlases.clone());
    for atlas in atlases {
        atlas.emit(action());
    }
}

/// Fetches the files of the build that the first render does not need, from `root` (the
/// build's folder, as an absolute URL), and dispatches to this atlas (and every other one on
/// the page) `ShippedBasemap` with the built-in basemap, and `PinyinTableLoaded` once the
/// pinyin table is in place or could not be (search then works without pinyin, and the
/// console says why). Called after the first paint; the files are fetched once per page.
pub fn load_build_files(root: &str, dispatch: Callback<Action>) {
    let (start, basemap, pinyin_settled) = BUILD_FILES.with(|files| {
        let mut files = files.borrow_mut();
        files.atlases.push(dispatch.clone());
        let start = !std::mem::replace(&mut files.started, true);
        (start, files.basemap.clone(), files.pinyin_settled)
    });
    if let Some(basemap) = basemap {
        dispatch.emit(Action::Map(MapAction::ShippedBasemap(basemap)));
    }
    if pinyin_settled {
        dispatch.emit(Action::PinyinTableLoaded);
    }
    if !start {
        return;
    }
    let url = |path: &str| file_of_build(root, path);
    let basemap_urls = SHIPPED_BASEMAP_FILES.map(url);
    let pinyin_url = url(PINYIN_TABLE_FILE);
    // Both at once: the search index waits for the table, the map's land for the basemap.
    yew::platform::spawn_local(async move {
        if !health_atlas_search::has_pinyin_table() {
            let installed = fetch_bytes(&pinyin_url, MAX_PINYIN_TABLE_BYTES, &|_, _| {})
                .await
                .map_err(|error| health_atlas_explore::i18n::load_error_text(&error, health_atlas_model::Lang::En))
                .and_then(|bytes| health_atlas_search::install_pinyin_table(&bytes).map_err(|error| error.to_string()));
            if let Err(reason) = installed {
                web_sys::console::warn_1(
                    &format!("Health Atlas: search without pinyin: {pinyin_url}: {reason}").into(),
                );
            }
        }
        BUILD_FILES.with(|files| files.borrow_mut().pinyin_settled = true);
        tell_atlases(|| Action::PinyinTableLoaded);
    });
    yew::platform::spawn_local(async move {
        let mut parts = Vec::new();
        let mut failure = None;
        for url in basemap_urls {
            let read = fetch_text(&url, MAX_BASEMAP_BYTES, &|_, _| {})
                .await
                .and_then(|text| Basemap::from_topojson(&text).map_err(LoadError::Basemap));
            match read {
                Ok(part) => parts.push(part),
                Err(error) => {
                    failure = Some(ShippedBasemap::Failed {
                        url,
                        errors: vec![error].into(),
                    });
                    break;
                }
            }
        }
        let basemap = failure.unwrap_or_else(|| ShippedBasemap::Loaded(Shared::new(Basemap::merged(parts))));
        BUILD_FILES.with(|files| files.borrow_mut().basemap = Some(basemap.clone()));
        tell_atlases(|| Action::Map(MapAction::ShippedBasemap(basemap.clone())));
    });
}

/// The body of `url` as text; see [`fetch_body`].
async fn fetch_text(url: &str, max_bytes: u64, progress: &dyn Fn(u64, Option<u64>)) -> Result<String, LoadError> {
    let mut text = String::new();
    let rest = fetch_body(url, max_bytes, progress, Some(&mut text)).await?;
    finish_utf8(text, &rest)
}

/// The body of `url` as bytes; see [`fetch_body`].
async fn fetch_bytes(url: &str, max_bytes: u64, progress: &dyn Fn(u64, Option<u64>)) -> Result<Vec<u8>, LoadError> {
    fetch_body(url, max_bytes, progress, None).await
}

/// Moves the text at the start of `bytes` into `text`, checked as UTF-8, leaving only the
/// bytes of a character that the next chunk of the body completes; `NotUtf8` (at its place in
/// the whole text) for bytes that no chunk can make UTF-8.
fn take_utf8(text: &mut String, bytes: &mut Vec<u8>) -> Result<(), LoadError> {
    let valid = match std::str::from_utf8(bytes) {
        Ok(whole) => {
            text.push_str(whole);
            bytes.clear();
            return Ok(());
        }
        Err(error) if error.error_len().is_none() => error.valid_up_to(),
        Err(error) => {
            return Err(LoadError::NotUtf8 {
                valid_up_to: text.len() + error.valid_up_to(),
            })
        }
    };
    text.push_str(std::str::from_utf8(&bytes[..valid]).unwrap_or_default());
    bytes.drain(..valid);
    Ok(())
}

/// The text [`take_utf8`] has moved out of a whole body, given the bytes it left: `NotUtf8` when
/// there are some (the body ends inside a character).
fn finish_utf8(text: String, rest: &[u8]) -> Result<String, LoadError> {
    match rest.is_empty() {
        true => Ok(text),
        false => Err(LoadError::NotUtf8 {
            valid_up_to: text.len(),
        }),
    }
}

/// The body of `url`: at most `max_bytes` (refused from the `Content-Length` before
/// reading, or as soon as more arrives), within `FETCH_TIMEOUT_SECONDS`, read chunk by chunk
/// so `progress(read, total)` can follow a large file. With `text`, each chunk is checked as
/// UTF-8 and moved there as it arrives ([`take_utf8`]; the check of a large file is spread over
/// its arrival, not one task of 50 ms at its end), and what is returned is an unfinished
/// character. (One copy of this in the wasm for datasets, basemaps and the pinyin table.)
async fn fetch_body(
    url: &str,
    max_bytes: u64,
    progress: &dyn Fn(u64, Option<u64>),
    mut text: Option<&mut String>,
) -> Result<Vec<u8>, LoadError> {
    let controller = web_sys::AbortController::new().map_err(|error| LoadError::RequestFailed {
        detail: describe_js(&error),
    })?;
    let timed_out = Rc::new(Cell::new(false));
    // Dropped (cancelled) when this function returns.
    let _deadline = {
        let (controller, timed_out) = (controller.clone(), Rc::clone(&timed_out));
        Timeout::new(FETCH_TIMEOUT_SECONDS * 1000, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let timeout_or = |error: LoadError| {
        if timed_out.get() {
            LoadError::TimedOut {
                seconds: FETCH_TIMEOUT_SECONDS,
            }
        } else {
            error
        }
    };
    let response = gloo::net::http::Request::get(url)
        .abort_signal(Some(&controller.signal()))
        .send()
        .await
        .map_err(|error| {
            timeout_or(LoadError::RequestFailed {
                detail: error.to_string(),
            })
        })?;
    if !response.ok() {
        return Err(LoadError::Status {
            status: response.status(),
            text: response.status_text(),
        });
    }
    let total = response
        .headers()
        .get("content-length")
        .and_then(|length| length.trim().parse::<u64>().ok());
    if total.is_some_and(|total| total > max_bytes) {
        controller.abort();
        return Err(LoadError::TooLarge { limit: max_bytes });
    }
    // The bytes, not `text()`: a JavaScript string would be copied into the wasm by
    // wasm-bindgen's character loop (75 ms for a 9 MB file); bytes are copied as they are,
    // and checking them as UTF-8 here is fast.
    let mut bytes: Vec<u8> = Vec::new();
    if let Some(body) = response.body() {
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let (mut read, mut reported) = (0u64, 0u64);
        loop {
            let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
                .await
                .map_err(|error| {
                    timeout_or(LoadError::Unreadable {
                        detail: describe_js(&error),
                    })
                })?;
            let done = js_sys::Reflect::get(&chunk, &"done".into()).is_ok_and(|done| done.is_truthy());
            if done {
                break;
            }
            let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) else {
                break;
            };
            let array = js_sys::Uint8Array::new(&value);
            read += u64::from(array.length());
            if read > max_bytes {
                controller.abort();
                return Err(LoadError::TooLarge { limit: max_bytes });
            }
            let start = bytes.len();
            bytes.resize(start + array.length() as usize, 0);
            array.copy_to(&mut bytes[start..]);
            if let Some(text) = text.as_deref_mut() {
                if let Err(error) = take_utf8(text, &mut bytes) {
                    controller.abort();
                    return Err(error);
                }
            }
            if read.max(total.unwrap_or(0)) >= PROGRESS_FROM_BYTES && read - reported >= PROGRESS_FROM_BYTES / 2 {
                reported = read;
                progress(read, total);
            }
        }
    }
    Ok(bytes)
}

/// A JavaScript error's message (`TypeError: Failed to fetch`), for the details the browser
/// alone knows.
fn describe_js(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "export function importModule(url) { return import(url); }")]
extern "C" {
    /// `import(url)`: a module of the build (the browser keeps each once per page).
    /// A snippet file of the glue, so a strict CSP (`script-src 'self'`) allows it.
    #[wasm_bindgen(js_name = importModule)]
    fn import_module(url: &str) -> js_sys::Promise;
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The later module: what the first render does not need (`src/bin/later.rs` exports it).
    #[derive(Clone)]
    pub type LaterModule;
    #[wasm_bindgen(method, catch)]
    fn mount(
        this: &LaterModule,
        container: &web_sys::Element,
        on_request: &js_sys::Function,
    ) -> Result<InsightsView, wasm_bindgen::JsValue>;
    /// The events of `dataset_json` as a CSV (`"csv"`) or iCalendar (`"ics"`) file.
    #[wasm_bindgen(method, catch, js_name = exportEvents)]
    pub fn export_events(
        this: &LaterModule,
        format: &str,
        dataset_json: &str,
        lang: &str,
        stamp_ms: f64,
    ) -> Result<String, wasm_bindgen::JsValue>;
    /// The located problems of a dataset text, each as three texts (English, Chinese,
    /// French) one after the other (`health_atlas_explore::load::described_problems`).
    #[wasm_bindgen(method, catch, js_name = datasetProblems)]
    fn dataset_problems(this: &LaterModule, text: &str) -> Result<Vec<String>, wasm_bindgen::JsValue>;
    /// One event's calendar file (Add to calendar), linking back to `atlas`.
    #[wasm_bindgen(method, catch, js_name = calendarOf)]
    pub fn calendar_of(
        this: &LaterModule,
        dataset_json: &str,
        lang: &str,
        stamp_ms: f64,
        atlas: Option<String>,
    ) -> Result<String, wasm_bindgen::JsValue>;

    /// One Insights view of the later module (`src/bin/later.rs` exports its methods).
    pub type InsightsView;
    #[wasm_bindgen(method, catch, js_name = installPinyinTable)]
    fn install_pinyin_table(this: &InsightsView, bytes: &[u8]) -> Result<(), wasm_bindgen::JsValue>;
    #[wasm_bindgen(method, catch, js_name = setDataset)]
    pub fn set_dataset(this: &InsightsView, json: &str) -> Result<(), wasm_bindgen::JsValue>;
    /// `within`: `null`, or the blocks of the "only in view" bit set, of `within_len` bits.
    #[wasm_bindgen(method)]
    pub fn update(this: &InsightsView, link: &str, lang: &str, within: wasm_bindgen::JsValue, within_len: usize);
    #[wasm_bindgen(method)]
    pub fn destroy(this: &InsightsView);
}

/// The build's hashed file names (written by `scripts/embed-build.mjs`), relative to its root.
pub const BUILD_NAMES_FILE: &str = "embed/build.js";

/// `path` (relative to the build's folder) as an absolute URL under `root`; `path` itself when
/// `root` is not a URL.
fn file_of_build(root: &str, path: &str) -> String {
    web_sys::Url::new_with_base(path, root).map_or_else(|_| path.to_owned(), |url| url.href())
}

/// The build's folder, as an absolute URL: an element's build (the folder of its standalone
/// page), or this page's folder. Files of the build are fetched relative to it. Without the
/// page's query and fragment, so it does not change as the reader moves.
pub fn build_root(standalone_page: Option<&Rc<str>>) -> Rc<str> {
    let page = match standalone_page {
        Some(page) => page.to_string(),
        None => web_sys::window()
            .and_then(|window| window.location().href().ok())
            .unwrap_or_default(),
    };
    web_sys::Url::new_with_base(".", &page)
        .map_or(page, |folder| folder.href())
        .into()
}

thread_local! {
    static LATER_MODULE: RefCell<Option<LaterModule>> = const { RefCell::new(None) };
    /// Whether the later module has the pinyin table: given once per page, not per view.
    static LATER_HAS_PINYIN: Cell<bool> = const { Cell::new(false) };
}

/// Loads the later module from the build at `root`, once per page (the atlases on it share
/// it). The error is the browser's reason, for the reader.
pub async fn load_later_module(root: &str) -> Result<LaterModule, String> {
    use js_sys::{Function, Object, Promise, Reflect};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::JsFuture;
    if let Some(module) = LATER_MODULE.with(|module| module.borrow().clone()) {
        return Ok(module);
    }
    let url = |path: &str| file_of_build(root, path);
    let field = |object: &JsValue, name: &str| {
        Reflect::get(object, &JsValue::from_str(name)).map_err(|error| describe_js(&error))
    };
    let names = JsFuture::from(import_module(&url(BUILD_NAMES_FILE)))
        .await
        .map_err(|error| describe_js(&error))?;
    let (glue, wasm) = (field(&names, "laterGlue")?, field(&names, "laterWasm")?);
    let glue = glue
        .as_string()
        .ok_or_else(|| format!("{BUILD_NAMES_FILE} names no later module"))?;
    let module = JsFuture::from(import_module(&glue))
        .await
        .map_err(|error| describe_js(&error))?;
    let start = field(&module, "default")?
        .dyn_into::<Function>()
        .map_err(|_| "the later module has no start function".to_owned())?;
    let options = Object::new();
    Reflect::set(&options, &JsValue::from_str("module_or_path"), &wasm).map_err(|error| describe_js(&error))?;
    let started = start
        .call1(&JsValue::NULL, &options)
        .map_err(|error| describe_js(&error))?;
    JsFuture::from(Promise::from(started))
        .await
        .map_err(|error| describe_js(&error))?;
    let module: LaterModule = module.unchecked_into();
    LATER_MODULE.with(|slot| *slot.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// Loads the later module (see [`load_later_module`]), mounts an Insights view into `container`
/// that sends its filter changes to `on_request(kind, first, second)`, and gives it the pinyin
/// table when the app has one, so its searches select what the app's do.
pub async fn load_insights_view(
    root: &str,
    lang: health_atlas_model::Lang,
    container: &web_sys::Element,
    on_request: &js_sys::Function,
) -> Result<InsightsView, String> {
    let url = |path: &str| file_of_build(root, path);
    let view = load_later_module(root)
        .await?
        .mount(container, on_request)
        .map_err(|error| describe_js(&error))?;
    if health_atlas_search::has_pinyin_table() && !LATER_HAS_PINYIN.with(Cell::get) {
        // The app's own table, fetched again (the browser has it). Without it the view still
        // works, as the app does, and pinyin finds nothing there.
        let installed = fetch_bytes(&url(PINYIN_TABLE_FILE), MAX_PINYIN_TABLE_BYTES, &|_, _| {})
            .await
            .map_err(|error| health_atlas_explore::i18n::load_error_text(&error, lang))
            .and_then(|bytes| view.install_pinyin_table(&bytes).map_err(|error| describe_js(&error)));
        LATER_HAS_PINYIN.with(|has| has.set(installed.is_ok()));
        if let Err(reason) = installed {
            web_sys::console::warn_1(&format!("Health Atlas insights: no pinyin table ({reason})").into());
        }
    }
    Ok(view)
}

/// Offers the file `write` makes with the later module (loaded first, the first time) as a
/// download. The file is written after a wait the first time, still within the click's
/// moment for the browsers. A failure is told on the console, as a download's is.
pub fn download_with_later_module(
    root: Rc<str>,
    file_name: String,
    media_type: &'static str,
    write: impl FnOnce(&LaterModule) -> Result<String, wasm_bindgen::JsValue> + 'static,
) {
    yew::platform::spawn_local(async move {
        let written = match load_later_module(&root).await {
            Ok(module) => write(&module).map_err(|error| describe_js(&error)),
            Err(reason) => Err(reason),
        };
        let downloaded = match written {
            Ok(contents) => {
                super::browser::download(&file_name, media_type, &contents).map_err(|error| describe_js(&error))
            }
            Err(reason) => Err(reason),
        };
        if let Err(reason) = downloaded {
            web_sys::console::warn_1(&format!("Health Atlas could not write {file_name}: {reason}").into());
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as a body cut into chunks at every place (inside characters too): what
    /// `fetch_text` reads, chunk by chunk, or its error.
    fn read_in_chunks(body: &[u8], cut: usize) -> Result<String, LoadError> {
        let (mut text, mut bytes) = (String::new(), Vec::new());
        for chunk in body.chunks(cut) {
            bytes.extend_from_slice(chunk);
            take_utf8(&mut text, &mut bytes)?;
        }
        finish_utf8(text, &bytes)
    }

    #[test]
    fn text_checked_chunk_by_chunk_is_the_whole_text_checked_at_once() {
        let good = "Wuxi 无锡 — Genève 🏥 ok".as_bytes().to_vec();
        let mut bad = good.clone();
        bad[9] = 0xff;
        // Inside the last emoji: a character the body never finishes.
        let cut_short = &good[..good.len() - " ok".len() - 2];
        for body in [&good[..], &bad[..], cut_short, &[][..]] {
            let whole = String::from_utf8(body.to_vec()).map_err(|error| LoadError::NotUtf8 {
                valid_up_to: error.utf8_error().valid_up_to(),
            });
            for cut in 1..=body.len().max(1) {
                assert_eq!(read_in_chunks(body, cut), whole, "chunks of {cut}");
            }
        }
    }
}
