//! The later module: what the first render does not need, in a wasm module of its own that the
//! app imports the first time a reader needs it (`app::loader::load_later_module`): the Insights
//! view (`health_atlas::insights_module`), the CSV and iCalendar writers
//! (`health_atlas_explore::share::export`), and the located list of a refused dataset's
//! problems (the app reads a dataset with the fast reader alone). trunk builds it beside the app (`index.html`,
//! `data-type="worker"` only so that trunk does not start it on load). Only what these exports
//! reach is linked in, so the app's module does not carry them and this one does not carry the
//! timeline, the map or the list.

use chrono::DateTime;
use health_atlas::insights_module::InsightsModule;
use health_atlas_explore::insights::InsightRequest;
use health_atlas_explore::share::export::{export, icalendar, CalendarOptions, ExportFormat, DEFAULT_UID_DOMAIN};
use health_atlas_model::{Dataset, Lang};
use wasm_bindgen::prelude::*;

fn main() {}

/// The events the app sent (the JSON export of them, which it validated), and the language and
/// time it gave.
fn read(
    dataset_json: &str,
    lang: &str,
    stamp_ms: f64,
) -> Result<(Dataset, Lang, chrono::DateTime<chrono::Utc>), JsError> {
    let dataset: Dataset = serde_json::from_str(dataset_json).map_err(|error| JsError::new(&error.to_string()))?;
    let stamp = DateTime::from_timestamp_millis(stamp_ms as i64).ok_or_else(|| JsError::new("not a time"))?;
    Ok((dataset, Lang::from_tag(lang).unwrap_or(Lang::En), stamp))
}

/// The events as a file of `format` (its extension: `csv`, `json` or `ics`), as the list's
/// download menu writes it.
#[wasm_bindgen(js_name = exportEvents)]
pub fn export_events(format: &str, dataset_json: &str, lang: &str, stamp_ms: f64) -> Result<String, JsError> {
    let format = ExportFormat::ALL
        .into_iter()
        .find(|known| known.extension() == format)
        .ok_or_else(|| JsError::new(&format!("no export format {format:?}")))?;
    let (dataset, lang, stamp) = read(dataset_json, lang, stamp_ms)?;
    let events: Vec<_> = dataset.events.iter().collect();
    Ok(export(format, &events, lang, stamp))
}

/// The calendar file of the card's "Add to calendar": its events, linking back to `atlas` (the
/// card's permalink page) when that is an address.
#[wasm_bindgen(js_name = calendarOf)]
pub fn calendar_of(dataset_json: &str, lang: &str, stamp_ms: f64, atlas: Option<String>) -> Result<String, JsError> {
    let (dataset, lang, stamp) = read(dataset_json, lang, stamp_ms)?;
    let events: Vec<_> = dataset.events.iter().collect();
    Ok(icalendar(
        &events,
        &CalendarOptions {
            lang,
            stamp,
            uid_domain: DEFAULT_UID_DOMAIN,
            feed: None,
            atlas: atlas.as_deref().filter(|atlas| atlas.contains("://")),
        },
    ))
}

/// The problems of a dataset text the app's fast reader refused, located (path, line) and in
/// words in English, Chinese and French, three texts per problem one after the other, as the
/// app lists them (the first `MAX_NOTES_SHOWN`, then a count). The located reader lives here
/// rather than in the app: only a broken file needs it.
#[wasm_bindgen(js_name = datasetProblems)]
pub fn dataset_problems(text: &str) -> Vec<String> {
    health_atlas_explore::load::described_problems(text)
        .into_iter()
        .flat_map(|text| [text.en, text.zh, text.fr])
        .collect()
}

/// One Insights view, as the app's `insights_host` holds it.
#[wasm_bindgen]
pub struct InsightsView {
    module: Option<InsightsModule>,
}

/// Mounts a view into `container`; `on_request(kind, first, second)` receives its filter
/// changes (`InsightRequest::parts`).
#[wasm_bindgen]
pub fn mount(container: web_sys::Element, on_request: js_sys::Function) -> InsightsView {
    let on_request = yew::Callback::from(move |request: InsightRequest| {
        let (kind, first, second) = request.parts();
        // The app's handler does not throw; if it did, the chart has nothing better to do.
        let _ = on_request.call3(&JsValue::NULL, &kind.into(), &first.into(), &second.into());
    });
    InsightsView {
        module: Some(InsightsModule::new(container, on_request)),
    }
}

#[wasm_bindgen]
impl InsightsView {
    /// The pinyin table's bytes; an error names what is wrong with them.
    #[wasm_bindgen(js_name = installPinyinTable)]
    pub fn install_pinyin_table(&self, bytes: &[u8]) -> Result<(), JsError> {
        InsightsModule::install_pinyin_table(bytes).map_err(|error| JsError::new(&error))
    }

    /// The app's events, as dataset JSON.
    #[wasm_bindgen(js_name = setDataset)]
    pub fn set_dataset(&mut self, json: &str) -> Result<(), JsError> {
        match &mut self.module {
            Some(module) => module.set_dataset(json).map_err(|error| JsError::new(&error)),
            None => Ok(()),
        }
    }

    /// The app's link, language tag and, with "only in view", the bit blocks of the events
    /// in the map view (`FixedBitSet::as_slice`, with the set's length).
    pub fn update(&mut self, link: &str, lang: &str, within: Option<Vec<u32>>, within_len: usize) {
        let lang = Lang::from_tag(lang).unwrap_or(Lang::En);
        let within = within.map(|blocks| {
            fixedbitset::FixedBitSet::with_capacity_and_blocks(
                within_len,
                blocks.into_iter().map(|block| block as usize),
            )
        });
        if let Some(module) = &mut self.module {
            module.update(link, lang, within);
        }
    }

    /// Unmounts the view; later calls do nothing.
    pub fn destroy(&mut self) {
        if let Some(module) = self.module.take() {
            module.destroy();
        }
    }
}
