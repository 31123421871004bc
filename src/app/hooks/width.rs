//! An element's width as it resizes.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, ResizeObserver, ResizeObserverEntry};
use yew::prelude::*;

/// The content width of the element behind `node`, in CSS pixels, updated by a
/// `ResizeObserver` (so a drawer opening or a phone rotating redraws at the right size).
/// 0 until the element is laid out.
#[hook]
pub fn use_width(node: NodeRef) -> f64 {
    let width = use_state_eq(|| 0.0_f64);
    {
        let width = width.clone();
        use_effect_with(node, move |node| {
            let observed = node.cast::<Element>().and_then(|element| {
                width.set(f64::from(element.client_width()));
                let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    if let Ok(entry) = entries.get(0).dyn_into::<ResizeObserverEntry>() {
                        width.set(entry.content_rect().width().floor());
                    }
                });
                let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, on_resize))
            });
            move || {
                if let Some((observer, _on_resize)) = observed {
                    observer.disconnect();
                }
            }
        });
    }
    *width
}
