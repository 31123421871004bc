use health_atlas_explore::query::Catalog;
use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::shared::Shared;
use crate::app::state::{Action, State};
use health_atlas_explore::i18n::{dataset_summary, language_name, Message};
use health_atlas_model::Lang;

/// Product name, dataset size and years, language switcher, then `tools`: the tools at the
/// end of the header row (the Stories and Subscribe menus), in the row, not a row of their
/// own, so a compact element keeps its height for the views. The shell, which owns the state and re-renders on every
/// change, calls it with the state: a function rather than a wrapper component reading the
/// context, which would cost the first render its own copy of Yew's lifecycle code.
pub fn header(state: &AppContext, tools: Html) -> Html {
    html! {
        <header class="ha-header">
            <HeaderView ..HeaderViewProps::of(state) />
            { tools }
        </header>
    }
}

/// The header reads the dataset (for its summary) and the language.
#[derive(Properties, PartialEq, Clone)]
pub struct HeaderViewProps {
    catalog: Shared<Catalog>,
    lang: Lang,
    dispatcher: UseReducerDispatcher<State>,
}

impl HeaderViewProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> HeaderViewProps {
        HeaderViewProps {
            dispatcher: state.dispatcher(),
            catalog: state.catalog.clone(),
            lang: state.lang,
        }
    }
}

#[component]
fn HeaderView(props: &HeaderViewProps) -> Html {
    let state = props;
    let lang = state.lang;
    let summary = state
        .catalog
        .year_span()
        .map(|(first, last)| dataset_summary(state.catalog.len(), first, last, lang))
        .unwrap_or_else(|| Message::NoEvents.text(lang).to_owned());
    let on_lang_change = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            if let Some(lang) = Lang::from_tag(&select.value()) {
                dispatcher.dispatch(Action::SetLang(lang));
            }
        })
    };
    html! {
        <>
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
        </>
    }
}
