//! The page's entry point: a standalone page (or the iframe page) reads its query and mounts
//! the app. Above both `app` and `embed`, so neither needs the other for it.

use crate::app::browser;
use crate::app::hooks::current_fragment;
use crate::app::stay_current::{FeedsOption, UpcomingOptions};
use crate::app::{App, AppProps, DatasetErrors, Host};
use crate::embed::{apply_page_theme, element_is_defined, is_frame_page, start_link, start_story, Theme};
use health_atlas_model::Lang;

/// Mounts the app into `#health-atlas` (the page's placeholder), else into `<body>`, unless
/// the page only hosts `<health-atlas>` elements (they mount themselves through
/// `crate::embed`). Called by the wasm binary's `main`. The query may set `lang`, `theme`,
/// `view`, `filters`, `basemap`, `dataset-errors`, `feeds`, `limit` and `link-to` as the element's
/// attributes do (the iframe page's options).
pub fn mount_in_page() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let lang = page_query_parameter("lang")
        .and_then(|tag| Lang::from_tag(&tag))
        .or_else(browser::browser_lang)
        .unwrap_or(Lang::En);
    apply_page_theme(Theme::from_attribute(
        &page_query_parameter("theme").unwrap_or_default(),
    ));
    let (filters, view) = (page_query_parameter("filters"), page_query_parameter("view"));
    let link = match (&filters, &view) {
        // Untouched, so that what a link's parts could not be used for is still reported.
        (None, None) => current_fragment(),
        _ => start_link(current_fragment().as_deref(), filters.as_deref(), view.as_deref()),
    };
    let link = start_story(
        link,
        page_query_parameter("story").as_deref(),
        page_query_parameter("step").as_deref(),
    );
    let host = if is_frame_page() { Host::Frame } else { Host::Page };
    let props = AppProps {
        lang,
        src: page_query_parameter("src"),
        basemap: page_query_parameter("basemap"),
        link,
        host,
        dataset_errors: DatasetErrors::from_attribute(&page_query_parameter("dataset-errors").unwrap_or_default()),
        feeds: FeedsOption::from_attribute(page_query_parameter("feeds").as_deref()),
        upcoming: UpcomingOptions::from_attributes(
            view.as_deref(),
            page_query_parameter("limit").as_deref(),
            page_query_parameter("link-to").as_deref(),
        ),
    };
    match document.get_element_by_id("health-atlas") {
        Some(root) => {
            // The placeholder holds the loading message and the <noscript> text; the app replaces them.
            root.set_inner_html("");
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        None if element_is_defined() => {}
        None => {
            yew::Renderer::<App>::with_props(props).render();
        }
    }
}

/// A parameter of the page's own URL query (`?src=data.json`), decoded.
fn page_query_parameter(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name).filter(|value| !value.trim().is_empty())
}
