use yew::prelude::*;

use super::use_app_state;
use crate::app::state::Action;
use crate::i18n::{category_label, facet_label, result_count, Message};
use crate::model::Category;
use crate::query::{Facet, ValueCount};

/// How many values a facet lists before the rest need the search box.
const VALUES_SHOWN: usize = 12;

/// Search box, live result count, active-filter chips and the facets with their counts.
#[component]
pub fn FilterPanel() -> Html {
    let state = use_app_state();
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let on_search = {
        let dispatcher = state.dispatcher();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(Action::SetSearchText(input.value()));
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ClearFilters))
    };
    let toggle = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(facet, key): (Facet, String)| dispatcher.dispatch(Action::ToggleFacet { facet, key }))
    };
    let value_label = move |facet: Facet, key: &str| -> String {
        match (facet, Category::from_slug(key)) {
            (Facet::Category, Some(category)) => category_label(category, lang).to_owned(),
            _ => key.to_owned(),
        }
    };

    let chips: Vec<Html> = state
        .filters
        .selected
        .iter()
        .flat_map(|(&facet, keys)| keys.iter().map(move |key| (facet, key.clone())))
        .map(|(facet, key)| {
            let onclick = {
                let toggle = toggle.clone();
                let key = key.clone();
                Callback::from(move |_: MouseEvent| toggle.emit((facet, key.clone())))
            };
            let label = format!("{}: {}", facet_label(facet, lang), value_label(facet, &key));
            html! {
                <li>
                    <button type="button" class="ha-chip" {onclick}
                        aria-label={format!("{} {label}", text(Message::RemoveFilter))}>
                        { label }{ " ×" }
                    </button>
                </li>
            }
        })
        .collect();

    let facets = Facet::ALL.iter().map(|&facet| {
        let values = state.selection.counts_of(facet);
        if values.is_empty() {
            return Html::default();
        }
        let items = values.iter().take(VALUES_SHOWN).map(|value: &ValueCount| {
            let onchange = {
                let toggle = toggle.clone();
                let key = value.key.clone();
                Callback::from(move |_: Event| toggle.emit((facet, key.clone())))
            };
            html! {
                <li class={classes!("ha-facet-value", (value.count == 0).then_some("ha-zero"))}>
                    <label>
                        <input type="checkbox" checked={value.selected} {onchange}
                            data-facet={facet.slug()} data-key={value.key.clone()} />
                        <span class="ha-facet-label">{ value_label(facet, &value.key) }</span>
                        <span class="ha-count">{ value.count }</span>
                    </label>
                </li>
            }
        });
        html! {
            <fieldset class="ha-facet" data-facet={facet.slug()}>
                <legend>{ facet_label(facet, lang) }</legend>
                <ul>{ for items }</ul>
            </fieldset>
        }
    });

    html! {
        <section class="ha-region ha-filters" aria-labelledby="ha-filters-heading">
            <h2 id="ha-filters-heading">{ text(Message::FiltersHeading) }</h2>
            <label class="ha-search">
                <span>{ text(Message::SearchLabel) }</span>
                <input type="search" value={state.filters.text.clone()} oninput={on_search}
                    placeholder={text(Message::SearchPlaceholder)} autocomplete="off" />
            </label>
            <p class="ha-result-count" role="status" aria-live="polite">
                { result_count(state.selection.visible_count(), state.catalog.len(), lang) }
            </p>
            if !state.filters.is_empty() {
                <div class="ha-active">
                    <ul class="ha-chips" aria-label={text(Message::ActiveFilters)}>{ for chips }</ul>
                    <button type="button" class="ha-clear" onclick={on_clear}>{ text(Message::ClearFilters) }</button>
                </div>
            }
            { for facets }
        </section>
    }
}
