//! The web app's entry point (built for wasm32 by trunk from `index.html`), and the exports
//! the `<health-atlas>` element script calls (`www/embed/health-atlas.js`). They live in
//! the binary because that is the module trunk builds and the element loads; the work is
//! in `health_atlas::embed`.

use wasm_bindgen::prelude::*;

fn main() {
    health_atlas::page::mount_in_page();
}

/// One `<health-atlas>` element's app, as JavaScript holds it.
#[wasm_bindgen]
pub struct HealthAtlasInstance {
    instance: Option<health_atlas::embed::Instance>,
}

/// Mounts an instance into `root` (inside `host`'s shadow root), reading `host`'s attributes.
#[wasm_bindgen(js_name = mountHealthAtlas)]
pub fn mount_health_atlas(
    host: web_sys::HtmlElement,
    root: web_sys::HtmlElement,
    app_page: String,
) -> HealthAtlasInstance {
    HealthAtlasInstance {
        instance: Some(health_atlas::embed::Instance::mount(host, root, app_page)),
    }
}

impl HealthAtlasInstance {
    fn started(&self) -> Result<&health_atlas::embed::Instance, JsValue> {
        self.instance
            .as_ref()
            .ok_or_else(|| js_sys::Error::new("Health Atlas was removed from the page").into())
    }
}

#[wasm_bindgen]
impl HealthAtlasInstance {
    /// An observed attribute changed; `value` is `null` when it was removed.
    pub fn update(&mut self, name: &str, value: Option<String>) {
        if let Some(instance) = &mut self.instance {
            instance.update(name, value);
        }
    }

    /// The current view as a link (`v=1&cat=forum`).
    pub fn link(&self) -> String {
        self.instance
            .as_ref()
            .map(|instance| instance.link())
            .unwrap_or_default()
    }

    /// `el.getFilters()`: the filters as an object (`www/embed/health-atlas.d.ts`).
    #[wasm_bindgen(js_name = getFilters)]
    pub fn get_filters(&self) -> Result<JsValue, JsValue> {
        health_atlas::embed::api::get_filters(self.started()?.bridge())
    }

    /// `el.setFilters(object)`: a `TypeError` names what is wrong with `object`.
    #[wasm_bindgen(js_name = setFilters)]
    pub fn set_filters(&self, filters: JsValue) -> Result<(), JsValue> {
        health_atlas::embed::api::set_filters(self.started()?.bridge(), filters)
    }

    /// `el.selectEvent(id)`; `null` closes the card.
    #[wasm_bindgen(js_name = selectEvent)]
    pub fn select_event(&self, id: JsValue) -> Result<(), JsValue> {
        health_atlas::embed::api::select_event(self.started()?.bridge(), id)
    }

    /// `el.visibleEvents()`: the events the filters let through.
    #[wasm_bindgen(js_name = visibleEvents)]
    pub fn visible_events(&self) -> Result<JsValue, JsValue> {
        health_atlas::embed::api::visible_events(self.started()?.bridge())
    }

    /// Unmounts the app (the element left the page); later calls do nothing.
    pub fn destroy(&mut self) {
        if let Some(instance) = self.instance.take() {
            instance.destroy();
        }
    }
}
