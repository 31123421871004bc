//! Browser tests of the Yew views, run by `wasm-pack test --headless --chrome`.
//! They mount the real app into a fresh element and drive it as a user would.
#![cfg(target_arch = "wasm32")]

use chrono::{Datelike, NaiveDate};
use health_atlas::app::{App, AppProps};
use health_atlas_model::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn mount(lang: Lang) -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            lang,
            src: None,
            basemap: None,
            link: None,
            host: Default::default(),
            dataset_errors: Default::default(),
            feeds: Default::default(),
            upcoming: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|element| element.text_content().unwrap_or_default())
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn click(root: &Element, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn header_shows_the_dataset_size_and_years() {
    let root = mount(Lang::En).await;
    let dataset = health_atlas_dataset::embedded_dataset().unwrap();
    // The years from the data itself: the first event's start, the last one's last day.
    let first = dataset.events.iter().map(|event| event.start.year()).min().unwrap();
    let last = dataset
        .events
        .iter()
        .map(|event| event.last_day().year())
        .max()
        .unwrap();
    assert_eq!(text_of(&root, ".ha-title"), "Health Atlas");
    assert_eq!(
        text_of(&root, ".ha-dataset-summary"),
        format!("{} events, {first}–{last}", dataset.events.len())
    );
    let rows = root.query_selector_all(".ha-table tbody tr").unwrap().length() as usize;
    assert_eq!(rows, dataset.events.len());
}

/// Row by row: each event once, each row's (start, last day, id) after the previous one's.
#[wasm_bindgen_test]
async fn list_is_sorted_by_date() {
    let root = mount(Lang::En).await;
    let dataset = health_atlas_dataset::embedded_dataset().unwrap();
    let rows = root.query_selector_all(".ha-table tbody tr").unwrap();
    let keys: Vec<(NaiveDate, NaiveDate, String)> = (0..rows.length())
        .map(|position| {
            let row = rows.item(position).unwrap().unchecked_into::<Element>();
            let id = row
                .get_attribute("data-event-id")
                .unwrap_or_else(|| panic!("row {position} names no event"));
            let event = dataset
                .events
                .iter()
                .find(|event| event.id == id)
                .unwrap_or_else(|| panic!("row {position} names {id:?}, which is not in the data"));
            (event.start, event.last_day(), id)
        })
        .collect();
    assert_eq!(keys.len(), dataset.events.len());
    for (position, pair) in keys.windows(2).enumerate() {
        assert!(
            pair[0] < pair[1],
            "row {} {:?} comes before row {} {:?}",
            position,
            pair[0],
            position + 1,
            pair[1]
        );
    }
}

#[wasm_bindgen_test]
async fn selecting_an_event_opens_its_card_and_escape_closes_it() {
    let root = mount(Lang::En).await;
    assert!(root.query_selector(".ha-card").unwrap().is_none());

    click(&root, "tr[data-event-id='tbhc-2023'] button");
    yew::scheduler::flush().await;
    assert!(text_of(&root, ".ha-card-title").contains("Taihu"));
    let sources = text_of(&root, ".ha-card .ha-quote");
    assert!(sources.contains("Wuxi"), "{sources}");

    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    gloo::utils::window().dispatch_event(&escape).unwrap();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".ha-card").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn related_events_open_their_own_card() {
    let root = mount(Lang::En).await;
    click(&root, "tr[data-event-id='tbhc-2023-signings'] button");
    yew::scheduler::flush().await;
    click(&root, ".ha-card button[data-event-id='tbhc-2023']");
    yew::scheduler::flush().await;
    assert_eq!(
        root.query_selector(".ha-card")
            .unwrap()
            .unwrap()
            .get_attribute("data-event-id")
            .as_deref(),
        Some("tbhc-2023")
    );
}

#[wasm_bindgen_test]
async fn chinese_ui_formats_dates_and_shows_chinese_titles() {
    let root = mount(Lang::Zh).await;
    assert_eq!(text_of(&root, ".ha-title"), "健康产业地图");
    let row = text_of(&root, "tr[data-event-id='aiia-china-visit-2024']");
    assert!(row.contains("2024年3月22日至24日"), "{row}");
}

/// A step's link opens story mode there: its count in the reader's language, its narrative as
/// elements (never markup characters), Next moving on, and Leave ending it.
#[wasm_bindgen_test]
async fn a_story_link_opens_its_step_and_the_buttons_move_through_it() {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            lang: Lang::Fr,
            src: None,
            basemap: None,
            link: Some("#story=tbhc-2023-story&step=3".into()),
            host: Default::default(),
            dataset_errors: Default::default(),
            feeds: Default::default(),
            upcoming: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".ha-story-count"), "Étape 3 sur 4");
    assert_eq!(text_of(&root, ".ha-story-text em"), "62");
    let narrative = text_of(&root, ".ha-story-text");
    assert!(!narrative.contains('[') && !narrative.contains('*'), "{narrative}");
    let focused = root.query_selector_all(".ha-table tr.ha-story-focus").unwrap().length();
    assert_eq!(focused, 1);
    click(&root, ".ha-story-next");
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".ha-story-count"), "Étape 4 sur 4");
    click(&root, ".ha-story-leave");
    yew::scheduler::flush().await;
    assert!(root.query_selector(".ha-story").unwrap().is_none());
    assert_eq!(root.query_selector_all(".ha-story-focus").unwrap().length(), 0);
}

/// The Insights view's module, as the app drives it: given the events and a link, it charts
/// them; its legend asks for the category filter (and does not apply it itself); the link the
/// app then sends presses the entry and dims the other categories.
#[wasm_bindgen_test]
async fn the_insights_module_charts_the_events_and_its_legend_asks_for_a_filter() {
    use health_atlas::insights_module::InsightsModule;
    use health_atlas_explore::insights::InsightRequest;
    use health_atlas_explore::query::Facet;
    use std::cell::RefCell;
    use std::rc::Rc;
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let requests = Rc::new(RefCell::new(Vec::new()));
    let on_request = {
        let requests = Rc::clone(&requests);
        yew::Callback::from(move |request: InsightRequest| requests.borrow_mut().push(request))
    };
    let mut module = InsightsModule::new(root.clone(), on_request);
    let events = health_atlas_dataset::embedded_dataset().unwrap().events;
    let all: Vec<&_> = events.iter().collect();
    module
        .set_dataset(&health_atlas_explore::share::export::export_json(&all))
        .unwrap();
    module.update("v=1", Lang::En, None);
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, ".ha-insights h2"), "Insights");
    let summary = text_of(&root, "#ha-insight-time .ha-insight-summary");
    assert!(
        summary.starts_with(&format!("{} events from", events.len())),
        "{summary}"
    );
    assert!(root.query_selector_all(".ha-bars .ha-bar").unwrap().length() > 0);
    click(&root, ".ha-legend-entry.ha-cat-forum");
    yew::scheduler::flush().await;
    assert_eq!(
        *requests.borrow(),
        vec![InsightRequest::ToggleFacet {
            facet: Facet::Category,
            key: "forum".into()
        }]
    );
    module.update("v=1&cat=forum", Lang::En, None);
    yew::scheduler::flush().await;
    let pressed = root
        .query_selector(".ha-legend-entry.ha-cat-forum")
        .unwrap()
        .unwrap()
        .get_attribute("aria-pressed");
    assert_eq!(pressed.as_deref(), Some("true"));
    // The other categories are still drawn (the chart ignores its own dimension), dimmed.
    assert!(root.query_selector(".ha-seg.ha-dim").unwrap().is_some());
    assert!(root.query_selector(".ha-network .ha-node").unwrap().is_some());
    module.destroy();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".ha-insights").unwrap().is_none());
}
