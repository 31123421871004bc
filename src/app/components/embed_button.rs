//! The Embed button: the snippets that put the current view on another site (the
//! `<health-atlas>` element and the iframe), each with a copy button. The snippets
//! themselves are written by `crate::app::snippet`.

use yew::prelude::*;

use crate::app::browser;
use crate::app::hooks::use_app_state;
use crate::app::hooks::{use_copy, Copied};
use crate::app::snippet::{base_address, element_snippet, iframe_snippet, SnippetOptions};
use crate::app::state::DatasetStatus;
use health_atlas_explore::i18n::Message;
use health_atlas_explore::share::encode;
use health_atlas_model::Lang;

/// A disclosure in the header area; the snippets are only computed while it is open.
#[component]
pub fn EmbedButton() -> Html {
    let state = use_app_state();
    let open = use_state_eq(|| false);
    let lang = state.lang;
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |event: Event| {
            let details: web_sys::HtmlDetailsElement = event.target_unchecked_into();
            open.set(details.open());
        })
    };
    let snippets = open.then(|| {
        let base = base_address(&browser::page_address());
        let link = encode(&state.view_state());
        let src = match &state.dataset_status {
            DatasetStatus::Loading { url, .. } | DatasetStatus::Loaded { url } => Some(url.as_str()),
            _ => None,
        };
        let options = SnippetOptions {
            base: &base,
            link: &link,
            lang,
            src,
        };
        html! {
            <div class="ha-embed-panel">
                <p class="ha-muted">{ Message::EmbedHelp.text(lang) }</p>
                <Snippet label={Message::EmbedElement.text(lang)} code={element_snippet(&options)} {lang} />
                <Snippet label={Message::EmbedFrame.text(lang)} code={iframe_snippet(&options)} {lang} />
            </div>
        }
    });
    html! {
        <details class="ha-embed" {ontoggle}>
            <summary class="ha-tool ha-tool-text">{ Message::Embed.text(lang) }</summary>
            { snippets.unwrap_or_default() }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct SnippetProps {
    label: &'static str,
    code: String,
    lang: Lang,
}

/// One snippet, read-only, with its copy button and what became of the copy.
#[component]
fn Snippet(props: &SnippetProps) -> Html {
    let (copied, onclick) = use_copy(props.code.clone());
    let status = match copied {
        Copied::NotYet => "",
        Copied::Yes => Message::SnippetCopied.text(props.lang),
        Copied::Failed => Message::SnippetCopyFailed.text(props.lang),
    };
    html! {
        <div class="ha-snippet">
            <label>
                <span>{ props.label }</span>
                <textarea readonly=true rows="3" spellcheck="false" value={props.code.clone()} />
            </label>
            <div class="ha-snippet-actions">
                <button type="button" class="ha-tool ha-tool-text" {onclick}>{ Message::CopySnippet.text(props.lang) }</button>
                <span role="status" class="ha-muted">{ status }</span>
            </div>
        </div>
    }
}
