//! One `<health-atlas>` instance: the Yew app mounted in the element's shadow root, its
//! attributes turned into props, and its reports turned into DOM events on the element.
//! The JavaScript half (`www/embed/health-atlas.js`) defines the element and calls in here
//! through the exports in `src/main.rs`.
//!
//! Styles are only ever set through the CSSOM (`element.style.setProperty`), never as a
//! `style` attribute, so a strict `style-src 'self'` allows them.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};
use yew::{AppHandle, Callback};

use super::api;
use crate::app::stay_current::{FeedsOption, UpcomingOptions};
use crate::app::{App, AppProps, DatasetErrors, Host, HostReport, StateBridge};
use health_atlas_explore::share::embed_options::{css_height, start_link, start_story};
use health_atlas_model::Lang;

/// The host event sent when the open card changes; `detail.id` is the event id or `null`.
pub const SELECT_EVENT: &str = "health-atlas-select";
/// The host event sent when the view changes; `detail.link` is the view as a link.
pub const LINK_EVENT: &str = "health-atlas-link";
/// The host event sent when the story or its step changes; `detail` is `{ story, step }`
/// (`story` is `null` once the reader leaves it; `step` 0 is its title card).
pub const STEP_EVENT: &str = "health-atlas-step";

/// The element's attributes Rust reads (`theme` is CSS-only: `:host([theme=dark])`).
#[derive(Clone, Debug, Default, PartialEq)]
struct Attributes {
    src: Option<String>,
    basemap: Option<String>,
    lang: Option<String>,
    view: Option<String>,
    filters: Option<String>,
    link: Option<String>,
    height: Option<String>,
    font: Option<String>,
    dataset_errors: Option<String>,
    feeds: Option<String>,
    limit: Option<String>,
    link_to: Option<String>,
    story: Option<String>,
    step: Option<String>,
}

impl Attributes {
    fn read(host: &HtmlElement) -> Attributes {
        let read = |name: &str| host.get_attribute(name);
        Attributes {
            src: read("src"),
            basemap: read("basemap"),
            lang: read("lang"),
            view: read("view"),
            filters: read("filters"),
            link: read("link"),
            height: read("height"),
            font: read("font"),
            dataset_errors: read("dataset-errors"),
            feeds: read("feeds"),
            limit: read("limit"),
            link_to: read("link-to"),
            story: read("story"),
            step: read("step"),
        }
    }

    /// Sets one attribute; false for a name this side does not read.
    fn set(&mut self, name: &str, value: Option<String>) -> bool {
        let slot = match name {
            "src" => &mut self.src,
            "basemap" => &mut self.basemap,
            "lang" => &mut self.lang,
            "view" => &mut self.view,
            "filters" => &mut self.filters,
            "link" => &mut self.link,
            "height" => &mut self.height,
            "font" => &mut self.font,
            "dataset-errors" => &mut self.dataset_errors,
            "feeds" => &mut self.feeds,
            "limit" => &mut self.limit,
            "link-to" => &mut self.link_to,
            "story" => &mut self.story,
            "step" => &mut self.step,
            _ => return false,
        };
        *slot = value;
        true
    }
}

/// A mounted instance. Dropping it leaves the app mounted; call [`Instance::destroy`].
pub struct Instance {
    app: AppHandle<App>,
    host: HtmlElement,
    root: HtmlElement,
    attributes: Attributes,
    /// `Host::Element`: where reports go and where permalinks open.
    app_host: Host,
    /// The latest link reported, for the element's `link` property.
    link: Rc<RefCell<String>>,
    /// The app's state, for the JavaScript API (`super::api`).
    bridge: StateBridge,
}

impl Instance {
    /// Mounts the app into `root` (a node in `host`'s shadow root) with `host`'s attributes.
    /// `app_page` is the build's standalone page, where the card's permalinks open.
    pub fn mount(host: HtmlElement, root: HtmlElement, app_page: String) -> Instance {
        let attributes = Attributes::read(&host);
        let link = Rc::new(RefCell::new(String::new()));
        let reports = {
            let (host, link) = (host.clone(), Rc::clone(&link));
            Callback::from(move |report: HostReport| match report {
                HostReport::Selected(id) => {
                    let id = id.map_or(JsValue::NULL, |id| JsValue::from_str(&id));
                    dispatch(&host, SELECT_EVENT, "id", &id);
                }
                HostReport::Link(value) => {
                    dispatch(&host, LINK_EVENT, "link", &JsValue::from_str(&value));
                    *link.borrow_mut() = value;
                }
                HostReport::Step { story, step } => {
                    let detail = js_sys::Object::new();
                    let story = story.map_or(JsValue::NULL, |id| JsValue::from_str(&id));
                    let set =
                        |key: &str, value: &JsValue| js_sys::Reflect::set(&detail, &JsValue::from_str(key), value);
                    if set("story", &story).is_ok() && set("step", &JsValue::from(step as u32)).is_ok() {
                        dispatch_detail(&host, STEP_EVENT, &detail);
                    }
                }
                HostReport::Changed {
                    filters,
                    selected,
                    visible,
                } => {
                    let detail = api::change_detail(&filters, selected.as_deref(), visible);
                    dispatch_detail(&host, api::CHANGE_EVENT, &detail);
                }
            })
        };
        let bridge = StateBridge::default();
        let app_host = Host::Element {
            reports,
            app_page,
            bridge: bridge.clone(),
        };
        apply_styles(&host, &root, &attributes);
        let props = props(&attributes, &app_host);
        let app = yew::Renderer::<App>::with_root_and_props(root.clone().into(), props).render();
        Instance {
            app,
            host,
            root,
            attributes,
            app_host,
            link,
            bridge,
        }
    }

    /// The app's state, for the JavaScript API (`super::api`).
    pub fn bridge(&self) -> &StateBridge {
        &self.bridge
    }

    /// An attribute changed (`None`: removed). Unknown names and unchanged values do nothing.
    pub fn update(&mut self, name: &str, value: Option<String>) {
        let mut attributes = self.attributes.clone();
        if !attributes.set(name, value) || attributes == self.attributes {
            return;
        }
        self.attributes = attributes;
        apply_styles(&self.host, &self.root, &self.attributes);
        self.app.update(props(&self.attributes, &self.app_host));
    }

    /// The view as a link, as last reported in `health-atlas-link`.
    pub fn link(&self) -> String {
        self.link.borrow().clone()
    }

    pub fn destroy(self) {
        self.app.destroy();
    }
}

fn props(attributes: &Attributes, app_host: &Host) -> AppProps {
    let lang = attributes
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .or_else(crate::app::browser::browser_lang)
        .unwrap_or(Lang::En);
    AppProps {
        lang,
        src: attributes.src.clone().filter(|src| !src.trim().is_empty()),
        basemap: attributes.basemap.clone().filter(|url| !url.trim().is_empty()),
        link: start_story(
            start_link(
                attributes.link.as_deref(),
                attributes.filters.as_deref(),
                attributes.view.as_deref(),
            ),
            attributes.story.as_deref(),
            attributes.step.as_deref(),
        ),
        host: app_host.clone(),
        dataset_errors: DatasetErrors::from_attribute(attributes.dataset_errors.as_deref().unwrap_or_default()),
        feeds: FeedsOption::from_attribute(attributes.feeds.as_deref()),
        upcoming: UpcomingOptions::from_attributes(
            attributes.view.as_deref(),
            attributes.limit.as_deref(),
            attributes.link_to.as_deref(),
        ),
    }
}

/// The height and font asked for, set on the root through the CSSOM.
fn apply_styles(host: &HtmlElement, root: &HtmlElement, attributes: &Attributes) {
    let style = root.style();
    let height = attributes.height.as_deref().and_then(css_height);
    let _ = match &height {
        Some(height) => style.set_property("height", height),
        None => style.remove_property("height").map(drop),
    };
    // `font="inherit"` takes the host page's font where the element stands; any other
    // value is a font-family list; the CSSOM drops what is not valid CSS.
    let font = match attributes.font.as_deref().map(str::trim) {
        Some("inherit") => web_sys::window()
            .and_then(|window| window.get_computed_style(host).ok().flatten())
            .and_then(|computed| computed.get_property_value("font-family").ok()),
        Some(family) if !family.is_empty() => Some(family.to_owned()),
        _ => None,
    };
    let _ = match &font {
        Some(family) => style.set_property("--ha-font", family),
        None => style.remove_property("--ha-font").map(drop),
    };
}

/// Sends `name` from the host element with `{ key: value }` as its detail. It bubbles and
/// crosses shadow boundaries (`composed`), so a listener anywhere on the page hears it.
fn dispatch(host: &HtmlElement, name: &str, key: &str, value: &JsValue) {
    let detail = js_sys::Object::new();
    if js_sys::Reflect::set(&detail, &JsValue::from_str(key), value).is_err() {
        return;
    }
    dispatch_detail(host, name, &detail);
}

/// Sends `name` from the host element with `detail`, as [`dispatch`] does.
fn dispatch_detail(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}
