use std::rc::Rc;

use health_atlas_explore::query::{Catalog, ListOrder, Selection, SortDirection, SortKey};
use yew::prelude::*;

use super::localized;
use crate::app::browser;
use crate::app::context::AppContext;
use crate::app::hooks::use_app_state;
use crate::app::loader::download_with_later_module;
use crate::app::shared::Shared;
use crate::app::state::{Action, State};
use health_atlas_explore::i18n::{category_label, format_dates, show_more, sort_description, Message};
use health_atlas_explore::share::export::export_json;
use health_atlas_explore::share::{export_file_name, ExportFormat};
use health_atlas_model::{Event, Lang};

/// Rows rendered at first and added per "show more": a table of 100,000 rows would take
/// seconds to build and make every other view slow; the filters are how to narrow it.
const ROWS_PER_PAGE: usize = 200;

/// The events as a table, sortable by each column: the accessible equal of timeline and map.
#[component]
pub fn EventList() -> Html {
    let state = use_app_state();
    // A task after a dataset arrives (`State::settling`): the map and the timeline first.
    if state.settling {
        return Html::default();
    }
    html! { <EventTable ..ListProps::of(&state) /> }
}

/// The list reads the events, the result, the language, the selected and hovered events, the search text (for highlighting) and its order.
#[derive(Properties, PartialEq, Clone)]
pub struct ListProps {
    catalog: Shared<Catalog>,
    selection: Shared<Selection>,
    lang: Lang,
    selected: Option<String>,
    hovered: Option<String>,
    search_text: String,
    order: ListOrder,
    /// Story mode's events: highlighted, the rest dimmed.
    story_focus: Option<Shared<fixedbitset::FixedBitSet>>,
    /// Where the later module is (it writes the CSV and iCalendar downloads).
    build_root: Rc<str>,
    dispatcher: UseReducerDispatcher<State>,
}

impl ListProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> ListProps {
        ListProps {
            dispatcher: state.dispatcher(),
            catalog: state.catalog.clone(),
            selection: state.selection().clone(),
            lang: state.lang,
            selected: state.selected.clone(),
            hovered: state.hovered.clone(),
            search_text: state.filters.text.clone(),
            order: state.list_order,
            story_focus: state.story_focus().cloned(),
            build_root: state.link.build_root.clone(),
        }
    }
}

#[component]
fn EventTable(props: &ListProps) -> Html {
    let state = props;
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let shown = use_state_eq(|| ROWS_PER_PAGE);
    {
        // A new result starts again from its first page.
        let shown = shown.clone();
        use_effect_with(state.selection.clone(), move |_| shown.set(ROWS_PER_PAGE));
    }
    let visible_count = state.selection.visible_count();
    // Sorting 100,000 events takes a while: only a new result, order or language re-sorts.
    let order = state.order;
    let positions = use_memo(
        (state.catalog.clone(), state.selection.clone(), order, lang),
        |(catalog, selection, order, lang)| catalog.sorted_positions(selection, *order, *lang),
    );
    let events = state.catalog.events();
    let rows: Vec<Html> = positions
        .iter()
        .take(*shown)
        .filter_map(|&position| events.get(position).map(|event| (position, event)))
        .map(|(position, event)| {
            let in_story = state.story_focus.as_ref().is_some_and(|focus| focus.contains(position));
            let is_selected = state.selected.as_deref() == Some(event.id.as_str());
            let is_hovered = state.hovered.as_deref() == Some(event.id.as_str());
            let on_enter = {
                let dispatcher = state.dispatcher.clone();
                let id = event.id.clone();
                Callback::from(move |_: PointerEvent| dispatcher.dispatch(Action::Hover(Some(id.clone()))))
            };
            let on_leave = {
                let dispatcher = state.dispatcher.clone();
                Callback::from(move |_: PointerEvent| dispatcher.dispatch(Action::Hover(None)))
            };
            let on_select = {
                let dispatcher = state.dispatcher.clone();
                let id = event.id.clone();
                Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SelectEvent(id.clone())))
            };
            html! {
                <tr key={event.id.clone()} role="row"
                    class={classes!("ha-row", is_selected.then_some("ha-row-selected"), is_hovered.then_some("ha-row-hovered"),
                        in_story.then_some("ha-story-focus"))}
                    data-event-id={event.id.clone()} onpointerenter={on_enter} onpointerleave={on_leave}>
                    <td class="ha-cell-date" role="cell">{ event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default() }</td>
                    <td class="ha-cell-title" role="cell">
                        <button type="button" class="ha-link-button" onclick={on_select}
                            aria-pressed={is_selected.to_string()}>
                            { localized(&event.title, lang, &state.search_text) }
                        </button>
                    </td>
                    <td class="ha-cell-place" role="cell">{ place_summary(event, lang) }</td>
                    <td class="ha-cell-category" role="cell">
                        <span class={classes!("ha-category", format!("ha-cat-{}", event.category.slug()))}>
                            { category_label(event.category, lang) }
                        </span>
                    </td>
                    // Shown only on paper: the screen has the detail card for sources.
                    <td class="ha-cell-sources ha-print-only" role="cell">{ source_summary(event) }</td>
                </tr>
            }
        })
        .collect();
    // Best match is the default while searching; the columns' arrows show the order in force.
    let order = order.effective(&state.selection);
    let best_match = state.selection.best_match.is_some().then(|| {
        let onclick = {
            let dispatcher = state.dispatcher.clone();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SortList(SortKey::BestMatch)))
        };
        let pressed = order.key == SortKey::BestMatch;
        html! {
            <button type="button" class="ha-tool ha-tool-text ha-best-match" aria-pressed={pressed.to_string()} {onclick}>
                { text(Message::BestMatch) }
            </button>
        }
    });
    let body = if rows.is_empty() {
        html! { <p class="ha-muted">{ text(Message::NoEvents) }</p> }
    } else {
        let sorted_column = text(column_label(order.key));
        let ascending = order.direction == SortDirection::Ascending;
        let headers = SortKey::ALL.map(|key| {
            let onclick = {
                let dispatcher = state.dispatcher.clone();
                Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SortList(key)))
            };
            let (aria_sort, arrow) = match order.direction_of(key) {
                Some(SortDirection::Ascending) => (Some("ascending"), "▲"),
                Some(SortDirection::Descending) => (Some("descending"), "▼"),
                None => (None, "↕"),
            };
            html! {
                <th scope="col" role="columnheader" aria-sort={aria_sort} data-sort-key={sort_slug(key)}>
                    <button type="button" class="ha-sort" {onclick}>
                        { text(column_label(key)) }
                        <span class="ha-sort-arrow" aria-hidden="true">{ arrow }</span>
                    </button>
                </th>
            }
        });
        html! {
            // The roles repeat the elements' own, because on phones the rows are laid out as
            // blocks, and a table with another `display` can lose its semantics in some browsers.
            <table class="ha-table" role="table">
                <caption class="ha-visually-hidden">
                    { format!("{}. {}", text(Message::ListHeading), sort_description(sorted_column, ascending, lang)) }
                </caption>
                <thead role="rowgroup">
                    <tr role="row">
                        { for headers }
                        <th scope="col" role="columnheader" class="ha-print-only">{ text(Message::Sources) }</th>
                    </tr>
                </thead>
                <tbody role="rowgroup">{ for rows }</tbody>
            </table>
        }
    };
    let remaining = visible_count.saturating_sub(*shown);
    let more = (remaining > 0).then(|| {
        let onclick = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(*shown + ROWS_PER_PAGE))
        };
        html! {
            <button type="button" class="ha-tool ha-tool-text ha-show-more" {onclick}>
                { show_more(ROWS_PER_PAGE.min(remaining), remaining, lang) }
            </button>
        }
    });
    let downloads = ExportFormat::ALL.map(|format| {
        let onclick = {
            let (catalog, selection) = (Rc::clone(&state.catalog), Rc::clone(&state.selection));
            let root = state.build_root.clone();
            Callback::from(move |_: MouseEvent| {
                let events: Vec<&Event> = catalog.selected_events(&selection).collect();
                // JSON is also how the events reach the later module, which writes the others.
                let json = export_json(&events);
                let file_name = export_file_name(format, browser::today().unwrap_or_default());
                if format == ExportFormat::Json {
                    if let Err(error) = browser::download(&file_name, format.media_type(), &json) {
                        web_sys::console::warn_2(&"Health Atlas could not start the download:".into(), &error);
                    }
                    return;
                }
                let stamp = js_sys::Date::now();
                download_with_later_module(root.clone(), file_name, format.media_type(), move |module| {
                    module.export_events(format.extension(), &json, lang.tag(), stamp)
                });
            })
        };
        html! {
            <button type="button" class="ha-tool ha-tool-text" {onclick} disabled={visible_count == 0}
                data-export={format.extension()}>
                { format_name(format) }
            </button>
        }
    });
    html! {
        <section class="ha-region ha-list" id="ha-event-list" aria-labelledby="ha-list-heading" tabindex="-1">
            <div class="ha-region-head">
                <h2 id="ha-list-heading">{ text(Message::ListHeading) }</h2>
                { for best_match }
                <div class="ha-toolbar ha-downloads" role="group" aria-label={text(Message::Download)}>
                    <span class="ha-muted">{ text(Message::Download) }</span>
                    { for downloads }
                </div>
            </div>
            { body }
            { more }
        </section>
    }
}

fn column_label(key: SortKey) -> Message {
    match key {
        SortKey::Date => Message::ColumnDate,
        SortKey::Title => Message::ColumnTitle,
        SortKey::Place => Message::ColumnPlace,
        SortKey::Category => Message::ColumnCategory,
        SortKey::BestMatch => Message::BestMatch,
    }
}

/// The column's name in tests and styles (`data-sort-key`).
fn sort_slug(key: SortKey) -> &'static str {
    match key {
        SortKey::Date => "date",
        SortKey::Title => "title",
        SortKey::Place => "place",
        SortKey::Category => "category",
        SortKey::BestMatch => "best-match",
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

/// "China Daily, 2023-12-11, https://…": each source as a reader would cite it on paper.
fn source_summary(event: &Event) -> Html {
    let sources = event.sources.iter().map(|source| {
        let mut parts: Vec<String> = Vec::new();
        let name = if source.publisher.is_empty() {
            &source.file
        } else {
            &source.publisher
        };
        parts.push(name.clone());
        if let Some(published) = source.published {
            parts.push(published.to_string());
        }
        if health_atlas_model::is_http_url(&source.url) {
            parts.push(source.url.clone());
        }
        html! { <li>{ parts.join(", ") }</li> }
    });
    html! { <ul class="ha-print-sources">{ for sources }</ul> }
}

/// Format names are the same in every language.
fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "CSV",
        ExportFormat::Json => "JSON",
        ExportFormat::Icalendar => "iCalendar",
    }
}
