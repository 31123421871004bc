use std::rc::Rc;

use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::hooks::use_app_state;
use crate::app::shared::Shared;
use crate::app::state::{Action, State};
use chrono::NaiveDate;
use health_atlas_explore::i18n::{category_label, country_name, more_values, result_count, Message};
use health_atlas_explore::query::facet_label;

use health_atlas_explore::query::{values_to_list, Catalog, Facet, FacetLabels, Filters, Selection, ValueCount};
use health_atlas_model::{Category, Lang};

/// How many values a facet lists before the rest need the search box.
const VALUES_SHOWN: usize = 12;

/// Search box, live result count, active-filter chips and the facets with their counts.
#[component]
pub fn FilterPanel() -> Html {
    let state = use_app_state();
    // A task after a dataset arrives (`State::settling`): the map and the timeline first.
    if state.settling {
        return Html::default();
    }
    html! { <FilterPanelView ..FilterProps::of(&state) /> }
}

/// The filter panel reads the result with its counts, the filters, the language and the event total.
#[derive(Properties, PartialEq, Clone)]
pub struct FilterProps {
    catalog: Shared<Catalog>,
    selection: Shared<Selection>,
    lang: Lang,
    filters: Filters,
    dispatcher: UseReducerDispatcher<State>,
}

impl FilterProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> FilterProps {
        FilterProps {
            dispatcher: state.dispatcher(),
            catalog: state.catalog.clone(),
            selection: state.selection().clone(),
            lang: state.lang,
            filters: state.filters.clone(),
        }
    }
}

#[component]
fn FilterPanelView(props: &FilterProps) -> Html {
    let state = props;
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let on_search = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(Action::SetSearchText(input.value()));
        })
    };
    let from_input = use_node_ref();
    let to_input = use_node_ref();
    let dates_invalid = use_state(|| false);
    let on_dates = {
        let dispatcher = state.dispatcher.clone();
        let (from_input, to_input, dates_invalid) = (from_input.clone(), to_input.clone(), dates_invalid.clone());
        Callback::from(move |_: Event| {
            let read = |input: &NodeRef| {
                input
                    .cast::<web_sys::HtmlInputElement>()
                    .and_then(|input| health_atlas_model::parse_day(&input.value()))
            };
            let (first, last) = (read(&from_input), read(&to_input));
            let reversed = matches!((first, last), (Some(first), Some(last)) if last < first);
            dates_invalid.set(reversed);
            if !reversed {
                dispatcher.dispatch(Action::SetDateRange { first, last });
            }
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher.clone();
        let dates_invalid = dates_invalid.clone();
        Callback::from(move |_: MouseEvent| {
            dates_invalid.set(false);
            dispatcher.dispatch(Action::ClearFilters);
        })
    };
    let bound = |date: Option<NaiveDate>| {
        date.filter(|date| *date != NaiveDate::MIN && *date != NaiveDate::MAX)
            .map(|date| date.to_string())
            .unwrap_or_default()
    };
    let (shown_from, shown_to) = match state.filters.date_range {
        Some(range) => (bound(Some(range.first())), bound(Some(range.last()))),
        None => (String::new(), String::new()),
    };
    let toggle = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |(facet, key): (Facet, String)| dispatcher.dispatch(Action::ToggleFacet { facet, key }))
    };
    let labels = Shared::from(Rc::clone(state.catalog.facet_labels()));
    let value_label = |facet: Facet, key: &str| value_label(facet, key, lang, &labels);

    // A period typed into the search box narrows the results: a chip says so, and removes it.
    let (words, period) = health_atlas_search::split_period(&state.filters.text);
    let period_chip = period.map(|period| {
        let onclick = {
            let dispatcher = state.dispatcher.clone();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetSearchText(words.clone())))
        };
        let label = format!(
            "{}: {}",
            text(Message::SearchedPeriod),
            health_atlas_explore::i18n::format_period(&period, lang)
        );
        html! {
            <li>
                <button type="button" class="ha-chip ha-chip-period" {onclick}
                    aria-label={format!("{} {label}", text(Message::RemoveFilter))}>
                    { label }{ " ×" }
                </button>
            </li>
        }
    });
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
        html! {
            <FacetGroup {facet} toggle={toggle.clone()} selection={state.selection.clone()}
                labels={labels.clone()} {lang} />
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
            if health_atlas_search::has_too_many_terms(&state.filters.text) {
                <p class="ha-search-capped" role="status">{ health_atlas_explore::i18n::search_terms_capped(lang) }</p>
            }
            <p class="ha-result-count" role="status" aria-live="polite">
                { result_count(state.selection.visible_count(), state.catalog.len(), lang) }
            </p>
            <fieldset class="ha-dates">
                <legend>{ text(Message::DateRange) }</legend>
                <label>
                    <span>{ text(Message::DateFrom) }</span>
                    <input type="date" ref={from_input} value={shown_from} onchange={on_dates.clone()}
                        aria-invalid={dates_invalid.to_string()} class="ha-date-from" />
                </label>
                <label>
                    <span>{ text(Message::DateTo) }</span>
                    <input type="date" ref={to_input} value={shown_to} onchange={on_dates}
                        aria-invalid={dates_invalid.to_string()} class="ha-date-to" />
                </label>
                if *dates_invalid {
                    <p class="ha-invalid" role="alert">{ text(Message::DateRangeReversed) }</p>
                }
            </fieldset>
            if !state.filters.is_empty() {
                <div class="ha-active">
                    <ul class="ha-chips" aria-label={text(Message::ActiveFilters)}>{ for period_chip }{ for chips }</ul>
                    <button type="button" class="ha-clear" onclick={on_clear}>{ text(Message::ClearFilters) }</button>
                </div>
            }
            { for facets }
        </section>
    }
}

/// A facet value as the reader sees it: categories and countries translated (the key, a slug or
/// an ISO code, stays in the link), names in the reader's language where the data has them,
/// other keys as they are.
fn value_label(facet: Facet, key: &str, lang: Lang, labels: &FacetLabels) -> String {
    match (facet, Category::from_slug(key)) {
        (Facet::Category, Some(category)) => category_label(category, lang).to_owned(),
        (Facet::Country, _) => country_name(key, lang).unwrap_or(key).to_owned(),
        _ => labels.name(facet, key, lang).unwrap_or(key).to_owned(),
    }
}

/// A snapshot, not the state handle: a handle always reads the latest state, so comparing
/// old and new props through it would never see a change.
#[derive(Properties, PartialEq)]
struct FacetGroupProps {
    facet: Facet,
    toggle: Callback<(Facet, String)>,
    selection: Shared<Selection>,
    labels: Shared<FacetLabels>,
    lang: Lang,
}

/// One facet's values with their counts; a long facet gets its own search box.
#[component]
fn FacetGroup(props: &FacetGroupProps) -> Html {
    let value_query = use_state(String::new);
    let (facet, lang) = (props.facet, props.lang);
    let values = props.selection.counts_of(facet);
    if values.is_empty() {
        return Html::default();
    }
    let (listed, left_out) = values_to_list(values, &value_query, VALUES_SHOWN);
    let on_value_query = {
        let value_query = value_query.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            value_query.set(input.value());
        })
    };
    let items = listed.into_iter().map(|value: &ValueCount| {
        let onchange = {
            let toggle = props.toggle.clone();
            let key = value.key.clone();
            Callback::from(move |_: Event| toggle.emit((facet, key.clone())))
        };
        html! {
            <li class={classes!("ha-facet-value", (value.count == 0).then_some("ha-zero"))}>
                <label>
                    <input type="checkbox" checked={value.selected} {onchange}
                        data-facet={facet.slug()} data-key={value.key.clone()} />
                    <span class="ha-facet-label">{ value_label(facet, &value.key, lang, &props.labels) }</span>
                    <span class="ha-count">{ value.count }</span>
                </label>
            </li>
        }
    });
    html! {
        <fieldset class="ha-facet" data-facet={facet.slug()}>
            <legend>{ facet_label(facet, lang) }</legend>
            if values.len() > VALUES_SHOWN {
                <input type="search" class="ha-facet-search" value={(*value_query).clone()} oninput={on_value_query}
                    aria-label={format!("{} {}", Message::SearchLabel.text(lang), facet_label(facet, lang))}
                    placeholder={Message::SearchLabel.text(lang)} />
            }
            <ul>{ for items }</ul>
            if left_out > 0 {
                <p class="ha-muted ha-left-out">{ more_values(left_out, lang) }</p>
            }
        </fieldset>
    }
}
