use yew::prelude::*;

use super::{use_app_state, Localized};
use crate::app::state::Action;
use crate::i18n::{category_label, format_dates, Message};
use crate::model::{Event, Lang};

/// The events as a table, in date order: the accessible equal of timeline and map.
#[component]
pub fn EventList() -> Html {
    let state = use_app_state();
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let rows: Vec<Html> = state
        .catalog
        .selected_events(&state.selection)
        .map(|event| {
            let is_selected = state.selected.as_deref() == Some(event.id.as_str());
            let is_hovered = state.hovered.as_deref() == Some(event.id.as_str());
            let on_enter = {
                let dispatcher = state.dispatcher();
                let id = event.id.clone();
                Callback::from(move |_: PointerEvent| dispatcher.dispatch(Action::Hover(Some(id.clone()))))
            };
            let on_leave = {
                let dispatcher = state.dispatcher();
                Callback::from(move |_: PointerEvent| dispatcher.dispatch(Action::Hover(None)))
            };
            let on_select = {
                let dispatcher = state.dispatcher();
                let id = event.id.clone();
                Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SelectEvent(id.clone())))
            };
            html! {
                <tr key={event.id.clone()}
                    class={classes!("ha-row", is_selected.then_some("ha-row-selected"), is_hovered.then_some("ha-row-hovered"))}
                    data-event-id={event.id.clone()} onpointerenter={on_enter} onpointerleave={on_leave}>
                    <td class="ha-cell-date">{ event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default() }</td>
                    <td class="ha-cell-title">
                        <button type="button" class="ha-link-button" onclick={on_select}
                            aria-pressed={is_selected.to_string()}>
                            <Localized text={event.title.clone()} {lang} highlight={state.filters.text.clone()} />
                        </button>
                    </td>
                    <td class="ha-cell-place">{ place_summary(event, lang) }</td>
                    <td class="ha-cell-category">
                        <span class={classes!("ha-category", format!("ha-cat-{}", event.category.slug()))}>
                            { category_label(event.category, lang) }
                        </span>
                    </td>
                </tr>
            }
        })
        .collect();
    let body = if rows.is_empty() {
        html! { <p class="ha-muted">{ text(Message::NoEvents) }</p> }
    } else {
        html! {
            <table class="ha-table">
                <thead>
                    <tr>
                        <th scope="col">{ text(Message::ColumnDate) }</th>
                        <th scope="col">{ text(Message::ColumnTitle) }</th>
                        <th scope="col">{ text(Message::ColumnPlace) }</th>
                        <th scope="col">{ text(Message::ColumnCategory) }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    };
    html! {
        <section class="ha-region ha-list" id="ha-event-list" aria-labelledby="ha-list-heading" tabindex="-1">
            <h2 id="ha-list-heading">{ text(Message::ListHeading) }</h2>
            { body }
        </section>
    }
}

/// "Shanghai · Banja Luka": each place's city, else its name; a muted note when none.
fn place_summary(event: &Event, lang: Lang) -> Html {
    if event.places.is_empty() {
        return html! { <span class="ha-muted">{ Message::NoPlace.text(lang) }</span> };
    }
    let mut names: Vec<&str> = Vec::new();
    for place in &event.places {
        let name = if place.city.is_empty() {
            place.name.best(lang)
        } else {
            place.city.best(lang)
        };
        if !names.contains(&name) {
            names.push(name);
        }
    }
    html! { <>{ names.join(" · ") }</> }
}
