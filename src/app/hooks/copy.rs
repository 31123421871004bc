//! A copy button's behaviour: copy a text to the clipboard and say what became of it.

use yew::prelude::*;

use crate::app::browser;

/// What became of the last copy: none yet, copied, or refused by the browser.
#[derive(Clone, Copy, PartialEq)]
pub enum Copied {
    NotYet,
    Yes,
    Failed,
}

/// A copy button's behaviour, for the permalink and the embed snippets: the click handler
/// that copies `text`, and what became of it, forgotten when `text` changes.
#[hook]
pub fn use_copy(text: String) -> (Copied, Callback<MouseEvent>) {
    let copied = use_state_eq(|| Copied::NotYet);
    {
        let copied = copied.clone();
        use_effect_with(text.clone(), move |_| copied.set(Copied::NotYet));
    }
    let onclick = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let (copied, text) = (copied.clone(), text.clone());
            yew::platform::spawn_local(async move {
                copied.set(if browser::copy_text(&text).await {
                    Copied::Yes
                } else {
                    Copied::Failed
                });
            });
        })
    };
    (*copied, onclick)
}
