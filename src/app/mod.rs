//! The Yew views. Components read [`state::State`] from context and send
//! [`state::Action`]s; they never compute what domain modules can (`query`, `i18n`).

pub mod browser;
pub mod components;
pub mod state;

mod history;
mod host;
mod loader;
mod shell;

pub use host::{Host, HostReport, PermalinkPage, StateBridge};
pub use shell::{App, AppContext, AppProps};
pub use state::DatasetErrors;

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
        .or_else(browser_lang)
        .unwrap_or(Lang::En);
    crate::embed::apply_page_theme(crate::embed::Theme::from_attribute(
        &page_query_parameter("theme").unwrap_or_default(),
    ));
    let (filters, view) = (page_query_parameter("filters"), page_query_parameter("view"));
    let link = match (&filters, &view) {
        // Untouched, so that what a link's parts could not be used for is still reported.
        (None, None) => history::current_fragment(),
        _ => crate::embed::start_link(
            history::current_fragment().as_deref(),
            filters.as_deref(),
            view.as_deref(),
        ),
    };
    let host = if crate::embed::is_frame_page() {
        Host::Frame
    } else {
        Host::Page
    };
    let props = AppProps {
        lang,
        src: page_query_parameter("src"),
        basemap: page_query_parameter("basemap"),
        link,
        host,
        dataset_errors: DatasetErrors::from_attribute(&page_query_parameter("dataset-errors").unwrap_or_default()),
        feeds: crate::embed::FeedsOption::from_attribute(page_query_parameter("feeds").as_deref()),
        upcoming: crate::embed::UpcomingOptions::from_attributes(
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
        None if crate::embed::element_is_defined() => {}
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

/// The first language of the browser's preference list that the UI speaks.
pub(crate) fn browser_lang() -> Option<Lang> {
    let navigator = web_sys::window()?.navigator();
    let preferred = navigator.languages();
    preferred
        .iter()
        .filter_map(|tag| tag.as_string())
        .chain(navigator.language())
        .find_map(|tag| Lang::from_tag(&tag))
}
