use yew::prelude::*;

/// A toolbar button of the timeline and the map. With a glyph ("+", "−") it shows the glyph
/// and is named for screen readers by `label`; without one it shows `label`, since fit
/// buttons are clearer in words.
pub fn tool_button(label: &'static str, glyph: Option<&'static str>, onclick: Callback<MouseEvent>) -> Html {
    match glyph {
        Some(glyph) => html! {
            <button type="button" class="ha-tool" {onclick} title={label} aria-label={label}>
                <span aria-hidden="true">{ glyph }</span>
            </button>
        },
        None => html! { <button type="button" class="ha-tool ha-tool-text" {onclick}>{ label }</button> },
    }
}
