//! Focus follows the detail card: into it when a reader opens it, back when it closes.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Keyboard and screen-reader users land on the card a reader opens: focus moves to its
/// title (from the list, the timeline, the map or a related event), and back to where it
/// came from when the card closes. A card the page opens at (a link) does not take focus.
#[hook]
pub fn use_card_focus(selected: Option<String>, card: NodeRef, title: NodeRef) {
    let opener = use_mut_ref(|| None::<HtmlElement>);
    let first_render = use_mut_ref(|| true);
    use_effect_with(selected, move |selected| {
        if std::mem::replace(&mut *first_render.borrow_mut(), false) {
            return;
        }
        let focused = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.active_element())
            .and_then(|element| element.dyn_into::<HtmlElement>().ok());
        match (selected, title.cast::<HtmlElement>()) {
            (Some(_), Some(title)) => {
                let inside_card = card
                    .cast::<web_sys::Element>()
                    .is_some_and(|card| focused.as_ref().is_some_and(|focused| card.contains(Some(focused))));
                if !inside_card {
                    *opener.borrow_mut() = focused;
                }
                let _ = title.focus();
            }
            _ => {
                // Only when focus was lost with the card: never pull it from where a reader moved it.
                let lost = focused.as_ref().is_none_or(|focused| focused.tag_name() == "BODY");
                if let Some(opener) = opener.borrow_mut().take() {
                    if lost && opener.is_connected() {
                        let _ = opener.focus();
                    }
                }
            }
        }
    });
}
