//! Where the Insights view goes in the app. Its charts are a wasm module of their own
//! (`crate::insights_module`), fetched from the build the first time a reader opens the view,
//! so the first render does not download them. This component loads it, mounts the view into
//! its own element, and keeps it told: the events once per dataset, then the filters (as a
//! link), the language and the map's "only in view" set on every change. The view's filter
//! changes come back as `InsightRequest`s and become the app's own actions.

use std::cell::RefCell;
use std::rc::Rc;

use fixedbitset::FixedBitSet;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;
use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::hooks::use_app_state;
use crate::app::loader::{load_insights_view, InsightsView};
use crate::app::shared::Shared;
use crate::app::state::{Action, State};
use health_atlas_explore::i18n::InsightMessage;
use health_atlas_explore::insights::InsightRequest;
use health_atlas_explore::query::Catalog;
use health_atlas_explore::share::export::export_json;
use health_atlas_explore::share::url_state::{self, ViewState};
use health_atlas_model::Lang;

/// The Insights view over the app state.
#[component]
pub fn Insights() -> Html {
    let state = use_app_state();
    html! { <InsightsHost ..InsightsHostProps::of(&state) /> }
}

/// What the view is told, and where its module comes from.
#[derive(Properties, PartialEq, Clone)]
pub struct InsightsHostProps {
    catalog: Shared<Catalog>,
    /// The filters as a link (`v=1&cat=forum…`).
    filters: String,
    within: Option<Shared<FixedBitSet>>,
    lang: Lang,
    /// The build's folder, as an absolute URL (an element's build, or this page's).
    root: Rc<str>,
    dispatcher: UseReducerDispatcher<State>,
}

impl InsightsHostProps {
    fn of(state: &AppContext) -> InsightsHostProps {
        let link = ViewState {
            filters: state.filters.clone(),
            ..ViewState::default()
        };
        InsightsHostProps {
            catalog: state.catalog.clone(),
            filters: url_state::encode(&link),
            within: state.derived().in_view().cloned(),
            lang: state.lang,
            root: state.link.build_root.clone(),
            dispatcher: state.dispatcher(),
        }
    }
}

/// The module's view, and the callback it calls, which must live as long as it.
struct Mounted {
    view: InsightsView,
    _on_request: Closure<dyn Fn(String, String, String)>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.view.destroy();
    }
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

#[component]
fn InsightsHost(props: &InsightsHostProps) -> Html {
    let lang = props.lang;
    let container = use_node_ref();
    let status = use_state_eq(|| Status::Loading);
    let mounted: Rc<RefCell<Option<Mounted>>> = use_mut_ref(|| None);
    {
        let (container, status, mounted) = (container.clone(), status.clone(), Rc::clone(&mounted));
        let (root, dispatcher, lang) = (props.root.clone(), props.dispatcher.clone(), props.lang);
        use_effect_with((), move |_| {
            let on_request =
                Closure::<dyn Fn(String, String, String)>::new(move |kind: String, first: String, second: String| {
                    match InsightRequest::from_parts(&kind, &first, &second) {
                        Some(InsightRequest::ToggleFacet { facet, key }) => {
                            dispatcher.dispatch(Action::ToggleFacet { facet, key })
                        }
                        Some(InsightRequest::SetDateRange { first, last }) => {
                            dispatcher.dispatch(Action::SetDateRange { first, last })
                        }
                        None => {}
                    }
                });
            let alive = Rc::new(std::cell::Cell::new(true));
            if let Some(element) = container.cast::<Element>() {
                let (alive, mounted) = (Rc::clone(&alive), Rc::clone(&mounted));
                wasm_bindgen_futures::spawn_local(async move {
                    let function = on_request.as_ref().unchecked_ref::<js_sys::Function>().clone();
                    let loaded = load_insights_view(&root, lang, &element, &function).await;
                    match loaded {
                        // The view was left while its module loaded: nothing to mount.
                        Ok(view) if !alive.get() => view.destroy(),
                        Ok(view) => {
                            *mounted.borrow_mut() = Some(Mounted {
                                view,
                                _on_request: on_request,
                            });
                            status.set(Status::Ready);
                        }
                        Err(reason) => status.set(Status::Failed(reason)),
                    }
                });
            }
            move || {
                alive.set(false);
                mounted.borrow_mut().take();
            }
        });
    }
    // The events, once per dataset (and once the module is there).
    {
        let mounted = Rc::clone(&mounted);
        use_effect_with((props.catalog.clone(), (*status).clone()), move |(catalog, status)| {
            if *status == Status::Ready {
                if let Some(mounted) = &*mounted.borrow() {
                    // The JSON export's writer, which the app has anyway (a second serialiser of
                    // the dataset would cost ~3 KB brotli); the stories are not charted.
                    let events: Vec<&_> = catalog.events().iter().collect();
                    let json = export_json(&events);
                    if let Err(error) = mounted.view.set_dataset(&json) {
                        web_sys::console::error_1(&error);
                    }
                }
            }
        });
    }
    // The filters, the language and the map's set, on every change.
    {
        let mounted = Rc::clone(&mounted);
        let inputs = (
            props.catalog.clone(),
            props.filters.clone(),
            props.lang,
            props.within.clone(),
            (*status).clone(),
        );
        use_effect_with(inputs, move |(_, filters, lang, within, _)| {
            if let Some(mounted) = &*mounted.borrow() {
                let (blocks, bits) = match within {
                    // wasm32: a block (`usize`) is 32 bits, as the module reads it.
                    Some(set) => (
                        js_sys::Uint32Array::from(
                            set.as_slice()
                                .iter()
                                .map(|&block| block as u32)
                                .collect::<Vec<u32>>()
                                .as_slice(),
                        )
                        .into(),
                        set.len(),
                    ),
                    None => (JsValue::NULL, 0),
                };
                mounted.view.update(filters, lang.tag(), blocks, bits);
            }
        });
    }
    let message = match &*status {
        Status::Loading => html! { <p class="ha-muted" role="status">{ InsightMessage::Loading.text(lang) }</p> },
        Status::Failed(reason) => html! {
            <p class="ha-error" role="alert">{ format!("{} {reason}", InsightMessage::LoadFailed.text(lang)) }</p>
        },
        Status::Ready => Html::default(),
    };
    html! {
        <div class="ha-insights-host">
            { message }
            <div ref={container} />
        </div>
    }
}
