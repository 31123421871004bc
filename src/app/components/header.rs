use yew::prelude::*;

use super::use_app_state;
use crate::app::state::Action;
use crate::i18n::{dataset_summary, language_name, Message};
use crate::model::Lang;

/// Product name, dataset size and years, language switcher.
#[component]
pub fn Header() -> Html {
    let state = use_app_state();
    let lang = state.lang;
    let summary = state
        .catalog
        .year_span()
        .map(|(first, last)| dataset_summary(state.catalog.len(), first, last, lang))
        .unwrap_or_else(|| Message::NoEvents.text(lang).to_owned());
    let on_lang_change = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Some(lang) = Lang::from_tag(&select.value()) {
                dispatcher.dispatch(Action::SetLang(lang));
            }
        })
    };
    html! {
        <header class="ha-header">
            <div class="ha-brand">
                <h1 class="ha-title">{ Message::AppName.text(lang) }</h1>
                <p class="ha-dataset-summary">{ summary }</p>
            </div>
            <label class="ha-lang">
                <span>{ Message::LanguageLabel.text(lang) }</span>
                <select onchange={on_lang_change}>
                    { for Lang::ALL.into_iter().map(|option| html! {
                        <option value={option.tag()} selected={option == lang} lang={option.tag()}>
                            { language_name(option) }
                        </option>
                    }) }
                </select>
            </label>
        </header>
    }
}
