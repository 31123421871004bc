//! The page's address as the view's link: the state is written into `#…` as it changes, and
//! back/forward (or an edited address) apply the link to the state. What a link holds and
//! how it is spelt is `health_atlas_explore::share`'s business; this file only talks to the browser.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::state::Action;
use health_atlas_explore::share::{decode, encode, history_kind, HistoryEntry, ViewState};

/// Pans and zooms replace the current entry; waiting this long after the last one keeps a
/// wheel gesture from writing the address hundreds of times (browsers throttle that).
const REPLACE_DELAY_MS: u32 = 250;

/// The page's fragment (`#…`), if it has one.
pub fn current_fragment() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    (hash.len() > 1).then_some(hash)
}

/// Keeps the address bar and the state in step, in both directions; does nothing when not
/// `enabled` (a `<health-atlas>` element must leave its host page's address alone).
#[hook]
pub fn use_link_in_address_bar(state: &AppContext, enabled: bool) {
    let view = state.view_state();
    let last_written = use_mut_ref(|| None::<ViewState>);
    let pending_replace = use_mut_ref(|| None::<Timeout>);
    use_effect_with(view, {
        let last_written = Rc::clone(&last_written);
        move |view: &ViewState| {
            if !enabled {
                return;
            }
            let shown = current_fragment()
                .map(|fragment| decode(&fragment).state)
                .unwrap_or_default();
            if shown != *view {
                let entry = last_written
                    .borrow()
                    .as_ref()
                    .map_or(HistoryEntry::Replace, |before| history_kind(before, view));
                write(&pending_replace, encode(view), entry);
            }
            *last_written.borrow_mut() = Some(view.clone());
        }
    });

    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let listeners = web_sys::window().filter(|_| enabled).map(|window| {
            let on_navigation = move |_: &web_sys::Event| {
                let link = current_fragment()
                    .map(|fragment| decode(&fragment).state)
                    .unwrap_or_default();
                dispatcher.dispatch(Action::ApplyLink(link));
            };
            [
                EventListener::new(&window, "popstate", on_navigation.clone()),
                EventListener::new(&window, "hashchange", on_navigation),
            ]
        });
        move || drop(listeners)
    });
}

fn write(pending_replace: &Rc<RefCell<Option<Timeout>>>, fragment: String, entry: HistoryEntry) {
    // A new meaningful change supersedes a replace that is still waiting.
    pending_replace.borrow_mut().take().map(Timeout::cancel);
    match entry {
        HistoryEntry::Push => set_fragment(&fragment, true),
        HistoryEntry::Replace | HistoryEntry::None => {
            let timeout = Timeout::new(REPLACE_DELAY_MS, move || set_fragment(&fragment, false));
            *pending_replace.borrow_mut() = Some(timeout);
        }
    }
}

fn set_fragment(fragment: &str, push: bool) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let location = window.location();
    // An empty link removes the `#` altogether rather than leaving a bare one.
    let url = if fragment.is_empty() {
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        format!("#{fragment}")
    };
    let result = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
    if let Err(error) = result {
        web_sys::console::warn_2(&"Health Atlas could not update the address:".into(), &error);
    }
}
