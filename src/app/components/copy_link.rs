use yew::prelude::*;

use crate::app::hooks::{use_copy, Copied};
use crate::app::PermalinkPage;
use health_atlas_explore::i18n::Message;
use health_atlas_explore::share::{encode, ViewState};
use health_atlas_model::Lang;

#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    pub event_id: String,
    pub lang: Lang,
    pub page: PermalinkPage,
}

/// An event's permalink (`#v=1&event=…` on the page [`PermalinkPage`] names, opening just
/// that event) with a copy button. When
/// the clipboard is refused (an iframe without permission, an insecure page), the link is
/// shown selected so it can be copied by hand.
#[component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let page = &props.page;
    let link = format!(
        "{}#{}",
        page.address,
        encode(&ViewState {
            selected_event: Some(props.event_id.clone()),
            ..ViewState::default()
        })
    );
    let (copied, onclick) = use_copy(link.clone());
    let text = |message: Message| message.text(props.lang);
    html! {
        <p class="ha-copy-link">
            <button type="button" class="ha-tool ha-tool-text" {onclick}>{ text(Message::CopyLink) }</button>
            <span role="status" class="ha-muted">
                { match copied {
                    Copied::NotYet => Html::default(),
                    Copied::Yes => html! { { text(Message::LinkCopied) } },
                    Copied::Failed => html! { { text(Message::CopyFailed) } },
                } }
            </span>
            if copied == Copied::Failed {
                <input class="ha-permalink-field" type="text" readonly=true value={link.clone()}
                    aria-label={text(Message::CopyLink)} />
            }
            if page.in_new_tab {
                <a class="ha-permalink" href={link} target="_blank" rel="noopener">{ "#" }{ &props.event_id }</a>
            } else {
                <a class="ha-permalink" href={link}>{ "#" }{ &props.event_id }</a>
            }
        </p>
    }
}
