use yew::prelude::*;

use crate::app::browser;
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
