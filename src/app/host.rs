//! Where the app runs and what it tells its surroundings. A page (the standalone app or the
//! iframe page) owns its address bar; a `<health-atlas>` element must never touch the host
//! page's address, so it reports its view to the element instead, which turns the reports
//! into DOM events (`crate::embed`).

use std::cell::RefCell;
use std::fmt;

use yew::prelude::*;

use super::browser;
use super::context::AppContext;
use super::shared::Shared;
use health_atlas_explore::query::Filters;
use health_atlas_model::trust::{check_source, origin_of, AllowList, Requester};

/// What the app reports to a `<health-atlas>` element.
#[derive(Clone, Debug, PartialEq)]
pub enum HostReport {
    /// The event whose card is open changed (`None`: the card was closed).
    Selected(Option<String>),
    /// The view's link changed (`v=1&cat=forum&…`, empty for the default view).
    Link(String),
    /// The story or its step changed (`story: None`: the reader left it): `health-atlas-step`.
    Step { story: Option<String>, step: usize },
    /// The filters or the open event changed (after start): the element's JavaScript API
    /// sends `health-atlas-change` (`crate::embed::api`).
    Changed {
        filters: Filters,
        selected: Option<String>,
        visible: usize,
    },
}

/// The app's surroundings; see the module documentation.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Host {
    /// The standalone page: address bar, and the Embed button offering snippets.
    #[default]
    Page,
    /// The iframe page (`embed.html`): its own address bar, no Embed button.
    Frame,
    /// A `<health-atlas>` element: no address bar; `reports` receives every report.
    Element {
        reports: Callback<HostReport>,
        /// The standalone page of the build the element came from (`…/index.html`): where
        /// its permalinks open, since the host page's own address cannot show a view.
        app_page: String,
        /// Where the app leaves its state for the element's JavaScript API.
        bridge: StateBridge,
    },
}

/// An element's hold on its app's state, for the element's JavaScript API
/// (`crate::embed::api`): the app leaves its state handle here when it starts. Reading
/// through it gives the latest state (a reducer's dispatch updates it at once) and
/// dispatching through it is the same as a click in the views. Two bridges are the same when
/// they are the same hold (props compare hosts).
#[derive(Clone, Default, PartialEq)]
pub struct StateBridge(Shared<RefCell<Option<AppContext>>>);

impl StateBridge {
    /// The app's state handle, `None` before the app's first render. A fresh clone each
    /// time: a handle kept for long keeps every state it was read at.
    pub fn state(&self) -> Option<AppContext> {
        self.0.borrow().clone()
    }

    /// Leaves the app's handle here, once: at its first render.
    pub(crate) fn hold(&self, state: &AppContext) {
        if self.0.borrow().is_none() {
            *self.0.borrow_mut() = Some(state.clone());
        }
    }
}

impl fmt::Debug for StateBridge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StateBridge")
    }
}

impl Host {
    pub fn owns_address_bar(&self) -> bool {
        !matches!(self, Host::Element { .. })
    }

    /// The build's standalone page when this is an element; see
    /// [`LinkState::standalone_page`](super::state::LinkState::standalone_page).
    pub fn standalone_page(&self) -> Option<String> {
        match self {
            Host::Page | Host::Frame => None,
            Host::Element { app_page, .. } => Some(app_page.clone()),
        }
    }
}

/// Where an event's permalink opens. A page links to itself (its `?src=` included when the
/// page trusts it). An element links to the build's `standalone_page`, with `shown_src`
/// (the `src=` dataset it shows, if any) made absolute when that page will trust it (its
/// own origin), so the link opens the same events in a new tab wherever it is pasted.
pub fn permalink_page(standalone_page: Option<&str>, shown_src: Option<&str>) -> PermalinkPage {
    match standalone_page {
        None => PermalinkPage {
            address: browser::page_address(),
            in_new_tab: false,
        },
        Some(page) => PermalinkPage {
            address: match shown_src.map(browser::absolute_url).filter(|src| {
                let page_origin = origin_of(page).unwrap_or_default();
                check_source(src, Requester::PageQuery, &page_origin, &AllowList::default()).is_ok()
            }) {
                Some(src) => format!("{page}?src={}", String::from(js_sys::encode_uri_component(&src))),
                None => page.to_owned(),
            },
            in_new_tab: true,
        },
    }
}

/// Where the card's permalinks point (see [`permalink_page`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PermalinkPage {
    /// Without a fragment; the link adds `#v=1&event=…`.
    pub address: String,
    /// The link leaves the host page, so it opens in a new tab.
    pub in_new_tab: bool,
}
