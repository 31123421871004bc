//! The wheel on the timeline and the map: Yew's own wheel listener is passive, so page
//! scrolling could not be stopped; this registers one that may prevent it and hands the
//! component the step in pixels, relative to the element.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, WheelEvent};
use yew::prelude::*;

/// One wheel event over an element.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WheelStep {
    delta_x: f64,
    delta_y: f64,
    delta_mode: u32,
    /// The pointer, in pixels from the element's top left corner.
    pub x: f64,
    pub y: f64,
    /// The element's width in pixels (at least 1).
    pub width: f64,
    /// A trackpad pinch arrives as a wheel event with the control key.
    pub is_pinch: bool,
}

impl WheelStep {
    /// The horizontal and vertical movement in pixels; a "page" counts as `page` pixels.
    pub fn in_pixels(&self, page: f64) -> (f64, f64) {
        let pixels = |delta: f64| match self.delta_mode {
            WheelEvent::DOM_DELTA_LINE => delta * 16.0,
            WheelEvent::DOM_DELTA_PAGE => delta * page,
            _ => delta,
        };
        (pixels(self.delta_x), pixels(self.delta_y))
    }
}

/// Calls `on_wheel` for each wheel event over the element behind `node`, and keeps the page
/// from scrolling meanwhile.
#[hook]
pub fn use_wheel(node: NodeRef, on_wheel: Callback<WheelStep>) {
    use_effect_with(node, move |node| {
        let listener = node.cast::<Element>().map(|element| {
            let target = element.clone();
            EventListener::new_with_options(
                &element,
                "wheel",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(wheel) = event.dyn_ref::<WheelEvent>() else {
                        return;
                    };
                    event.prevent_default();
                    let rect = target.get_bounding_client_rect();
                    on_wheel.emit(WheelStep {
                        delta_x: wheel.delta_x(),
                        delta_y: wheel.delta_y(),
                        delta_mode: wheel.delta_mode(),
                        x: f64::from(wheel.client_x()) - rect.left(),
                        y: f64::from(wheel.client_y()) - rect.top(),
                        width: rect.width().max(1.0),
                        is_pinch: wheel.ctrl_key(),
                    });
                },
            )
        });
        move || drop(listener)
    });
}
