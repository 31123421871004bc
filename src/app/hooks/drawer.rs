//! The filter drawer of the compact layout: open or closed, and where focus goes.

use web_sys::HtmlElement;
use yew::prelude::*;

/// The drawer's open state and the controls focus moves between.
pub struct Drawer {
    pub open: UseStateHandle<bool>,
    /// The button that opens it: focus returns there when it closes.
    pub opener: NodeRef,
    /// Its first and last controls (close, show results): focus goes to the first on opening.
    pub first: NodeRef,
    pub last: NodeRef,
}

/// The drawer's state; it closes when the screen widens (the panel is then always shown).
/// Focus moves into it when it opens and back to its button when it closes.
#[hook]
pub fn use_drawer(narrow: bool) -> Drawer {
    let open = use_state_eq(|| false);
    let (opener, first, last) = (use_node_ref(), use_node_ref(), use_node_ref());
    let was_open = use_mut_ref(|| false);
    {
        let open = open.clone();
        use_effect_with(narrow, move |narrow| {
            if !narrow {
                open.set(false);
            }
        });
    }
    {
        let (opener, first) = (opener.clone(), first.clone());
        use_effect_with(*open, move |&is_open| {
            let before = std::mem::replace(&mut *was_open.borrow_mut(), is_open);
            if is_open && !before {
                focus(&first);
            } else if before && !is_open {
                focus(&opener);
            }
        });
    }
    Drawer {
        open,
        opener,
        first,
        last,
    }
}

pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}
