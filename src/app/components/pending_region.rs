use yew::prelude::*;

use crate::app::hooks::use_app_state;
use health_atlas_explore::i18n::Message;

#[derive(Properties, PartialEq)]
pub struct PendingRegionProps {
    pub class: &'static str,
    pub heading: Message,
    pub body: Message,
}

/// A labelled region of the layout whose view is still to come (filters, timeline, map).
#[component]
pub fn PendingRegion(props: &PendingRegionProps) -> Html {
    let lang = use_app_state().lang;
    let heading_id = format!("{}-heading", props.class);
    html! {
        <section class={classes!("ha-region", props.class)} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ props.heading.text(lang) }</h2>
            <p class="ha-muted">{ props.body.text(lang) }</p>
        </section>
    }
}
