//! The Insights view's own wasm module (see `health_atlas::insights_module`): trunk builds it
//! beside the app (`index.html`, `data-type="worker"` only so that trunk does not start it on
//! load), and the app imports it the first time a reader opens the view. Only what these
//! exports reach is linked in, so the app's module does not carry the charts and this one
//! does not carry the timeline, the map or the list.

use health_atlas::insights_module::InsightsModule;
use health_atlas_explore::insights::InsightRequest;
use wasm_bindgen::prelude::*;

fn main() {}

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
        let lang = health_atlas_model::Lang::from_tag(lang).unwrap_or(health_atlas_model::Lang::En);
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
