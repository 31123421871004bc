//! The Insights view as a wasm module of its own, loaded the first time a reader opens the view
//! (`app::components::insights_host`), so that the charts' code is not part of what the first
//! render downloads. `src/bin/later.rs` exports this to JavaScript; trunk builds it beside
//! the app (`index.html`) and `scripts/embed-build.mjs` gives its files hashed names.
//!
//! The module keeps its own catalog of the app's events: the app sends them once per dataset
//! (as JSON it has already validated) and then, on every change, its filters as a link (the
//! share format, so there is one encoder and one decoder), the language and the map's "only in
//! view" set. Selections are worked out here with the same query code as the app's, so the
//! charts count exactly what the app shows. Filter changes go back as [`InsightRequest`]s,
//! which the app turns into its own actions.

use fixedbitset::FixedBitSet;
use yew::prelude::*;

use crate::app::components::InsightsView;
use crate::app::shared::Shared;
use health_atlas_explore::insights::InsightRequest;
use health_atlas_explore::query::{Catalog, Filters};
use health_atlas_explore::share::url_state;
use health_atlas_model::{Dataset, Lang};

/// What the app has sent so far.
#[derive(Properties, PartialEq, Clone)]
struct ModuleProps {
    catalog: Shared<Catalog>,
    filters: Filters,
    within: Option<Shared<FixedBitSet>>,
    lang: Lang,
    on_request: Callback<InsightRequest>,
}

/// The Insights view over the module's own catalog; the selection as the app derives it.
#[component]
fn ModuleRoot(props: &ModuleProps) -> Html {
    let selection = use_memo(
        (props.catalog.clone(), props.filters.clone(), props.within.clone()),
        |(catalog, filters, within)| Shared::new(catalog.select_within(filters, within.as_deref().map(|set| &**set))),
    );
    html! {
        <InsightsView
            catalog={props.catalog.clone()}
            selection={(*selection).clone()}
            filters={props.filters.clone()}
            within={props.within.clone()}
            lang={props.lang}
            on_request={props.on_request.clone()}
        />
    }
}

/// How many of Yew's subtree ids the module skips before its first view. Yew brands every
/// element it creates with the id of its tree, and finds which tree handles an event by the
/// brand nearest the target; the app's module and this one each count ids from 1, so without
/// a gap an event inside the charts could be taken by the app's tree of the same id and run
/// the app's listener of the same number. The app mounts one tree per atlas on the page
/// (again when an element is moved), far fewer than this.
const SUBTREE_IDS_SKIPPED: usize = 4096;

/// Takes the first [`SUBTREE_IDS_SKIPPED`] ids, once per module, with empty trees on a
/// detached element (a few milliseconds, on the first opening of the view).
fn skip_the_apps_subtree_ids() {
    thread_local! {
        static SKIPPED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if SKIPPED.with(|skipped| skipped.replace(true)) {
        return;
    }
    let Ok(scratch) = gloo::utils::document().create_element("div") else {
        return;
    };
    for _ in 0..SUBTREE_IDS_SKIPPED {
        yew::Renderer::<Empty>::with_root(scratch.clone()).render().destroy();
    }
}

#[component]
fn Empty() -> Html {
    Html::default()
}

/// One mounted Insights view.
pub struct InsightsModule {
    container: web_sys::Element,
    on_request: Callback<InsightRequest>,
    catalog: Option<Shared<Catalog>>,
    /// The last "only in view" set, kept while an equal one arrives: the charts compare
    /// their inputs by identity.
    within: Option<Shared<FixedBitSet>>,
    app: Option<yew::AppHandle<ModuleRoot>>,
}

impl InsightsModule {
    /// A view that draws into `container` once it has a dataset and a first update.
    pub fn new(container: web_sys::Element, on_request: Callback<InsightRequest>) -> InsightsModule {
        skip_the_apps_subtree_ids();
        // A root of its own inside the app's element, which stays the app's.
        let root = match gloo::utils::document().create_element("div") {
            Ok(root) if container.append_child(&root).is_ok() => root,
            _ => container,
        };
        InsightsModule {
            container: root,
            on_request,
            catalog: None,
            within: None,
            app: None,
        }
    }

    /// Installs the pinyin table the app fetched (`search/pinyin.bin`), before the dataset,
    /// so that a search in pinyin selects here what it selects in the app.
    pub fn install_pinyin_table(bytes: &[u8]) -> Result<(), String> {
        health_atlas_search::install_pinyin_table(bytes).map_err(|error| error.to_string())
    }

    /// The app's events, as JSON of a [`Dataset`]. The app validated them; this only reads.
    /// A text that is not a dataset keeps the catalog there was, and says why.
    pub fn set_dataset(&mut self, json: &str) -> Result<(), String> {
        let dataset: Dataset = serde_json::from_str(json).map_err(|error| error.to_string())?;
        self.catalog = Some(Shared::new(Catalog::new(dataset)));
        Ok(())
    }

    /// The app's view now: its link (`v=1&cat=forum…`, only the filters are read), its
    /// language and, with "only in view", the positions of the events in the map view.
    pub fn update(&mut self, link: &str, lang: Lang, within: Option<FixedBitSet>) {
        let Some(catalog) = self.catalog.clone() else {
            return;
        };
        self.within = match (within, self.within.take()) {
            (Some(within), Some(kept)) if **kept == within => Some(kept),
            (within, _) => within.map(Shared::new),
        };
        let props = ModuleProps {
            catalog,
            filters: url_state::decode(link).state.filters,
            within: self.within.clone(),
            lang,
            on_request: self.on_request.clone(),
        };
        match &mut self.app {
            Some(app) => app.update(props),
            None => {
                self.app =
                    Some(yew::Renderer::<ModuleRoot>::with_root_and_props(self.container.clone(), props).render())
            }
        }
    }

    /// Unmounts the view (the reader left it, or the atlas left the page).
    pub fn destroy(self) {
        if let Some(app) = self.app {
            app.destroy();
        }
        self.container.remove();
    }
}
