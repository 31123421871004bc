//! Delegated listeners for the timeline and the map: one set of listeners on the whole
//! drawing instead of several per item. Items carry what a listener needs in data attributes
//! (`data-event-id`, …), found again from the event's target.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::app::state::{Action, State};

/// The data attribute value found on the event's target or its nearest ancestor that has it.
pub fn target_data(event: &web_sys::Event, attribute: &str) -> Option<String> {
    let target = event.target()?.dyn_into::<Element>().ok()?;
    target
        .closest(&format!("[{attribute}]"))
        .ok()??
        .get_attribute(attribute)
}

/// `pointerover` and `pointerleave` listeners that share hover with every view: the event
/// under the pointer (`data-event-id`), or none once it leaves the drawing.
pub fn hover_listeners(dispatcher: UseReducerDispatcher<State>) -> (Callback<PointerEvent>, Callback<PointerEvent>) {
    let on_over = {
        let dispatcher = dispatcher.clone();
        Callback::from(move |event: PointerEvent| {
            dispatcher.dispatch(Action::Hover(target_data(&event, "data-event-id")));
        })
    };
    let on_leave = Callback::from(move |_: PointerEvent| dispatcher.dispatch(Action::Hover(None)));
    (on_over, on_leave)
}
