use std::rc::Rc;

use yew::prelude::*;

use super::add_to_calendar::add_to_calendar;
use super::copy_link::CopyLink;
use super::localized;
use crate::app::context::AppContext;
use crate::app::hooks::use_card_focus;
use crate::app::host::permalink_page;
use crate::app::shared::Shared;
use crate::app::state::{Action, DatasetStatus, State};
use crate::app::PermalinkPage;
use health_atlas_explore::i18n::{
    category_label, format_dates, format_day, format_number, parts_label, precision_label, qualifier_prefix,
    relation_label, role_label, Message,
};
use health_atlas_explore::query::Catalog;
use health_atlas_model::is_http_url;
use health_atlas_model::trust::host_of;
use health_atlas_model::{Event, Lang, LocalizedText};

/// Everything known about the selected event, down to the quotes that support it. The shell, which owns the state and re-renders on every
/// change, calls it with the state: a function rather than a wrapper component reading the
/// context, which would cost the first render its own copy of Yew's lifecycle code.
pub fn detail_card(state: &AppContext) -> Html {
    html! { <DetailCardView ..CardProps::of(state) /> }
}

/// The card reads the selected event (and the events it links to) in the language chosen.
#[derive(Properties, PartialEq, Clone)]
pub struct CardProps {
    catalog: Shared<Catalog>,
    selected: Option<String>,
    lang: Lang,
    /// Where the permalink and the calendar links point: from the link state and the dataset's source.
    permalink_page: PermalinkPage,
    /// Where the later module is (Add to calendar's writer).
    build_root: Rc<str>,
    dispatcher: UseReducerDispatcher<State>,
}

impl CardProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> CardProps {
        CardProps {
            dispatcher: state.dispatcher(),
            catalog: state.catalog.clone(),
            selected: state.selected.clone(),
            lang: state.lang,
            permalink_page: permalink_page(state.link.standalone_page.as_deref(), shown_src(&state.dataset_status)),
            build_root: state.link.build_root.clone(),
        }
    }
}

#[component]
fn DetailCardView(props: &CardProps) -> Html {
    let state = props;
    let card = use_node_ref();
    let title = use_node_ref();
    use_card_focus(state.selected.clone(), card.clone(), title.clone());
    let Some(event) = state.selected.as_deref().and_then(|id| state.catalog.event(id)) else {
        return Html::default();
    };
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let on_close = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::CloseCard))
    };
    let select = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |id: String| dispatcher.dispatch(Action::SelectEvent(id)))
    };
    let dates = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();

    html! {
        <aside class="ha-card" aria-labelledby="ha-card-title" data-event-id={event.id.clone()} ref={card}>
            <div class="ha-card-head">
                <p class="ha-card-kicker">
                    <span class={classes!("ha-category", format!("ha-cat-{}", event.category.slug()))}>
                        { category_label(event.category, lang) }
                    </span>
                </p>
                <button type="button" class="ha-close" onclick={on_close} aria-label={text(Message::CloseCard)}>
                    { "×" }
                </button>
            </div>
            <h2 id="ha-card-title" class="ha-card-title" tabindex="-1" ref={title}>
                { localized(&event.title, lang, "") }
            </h2>
            <p class="ha-card-dates">
                <time datetime={event.start.to_string()}>{ dates }</time>
                <span class="ha-muted">{ format!(" · {}: {}", text(Message::Precision), precision_label(event.precision, lang)) }</span>
            </p>
            <CopyLink event_id={event.id.clone()} {lang} page={state.permalink_page.clone()} />
            { add_to_calendar(&event.id, lang, &state.permalink_page, &state.catalog, &state.build_root) }
            if !event.date_note.is_empty() {
                <p class="ha-note"><strong>{ text(Message::DateNote) }{ ": " }</strong><span lang="en">{ &event.date_note }</span></p>
            }
            if !event.summary.is_empty() {
                <p class="ha-summary">{ localized(&event.summary, lang, "") }</p>
            }
            { places(event, lang) }
            { organisations(event, lang) }
            { people(event, lang) }
            { figures(event, lang) }
            { tags(event, lang) }
            { related(event, &state.catalog, lang, &select) }
            { sources(event, lang) }
            if !event.note.is_empty() {
                <p class="ha-note"><strong>{ text(Message::EditorsNote) }{ ": " }</strong><span lang="en">{ &event.note }</span></p>
            }
        </aside>
    }
}

fn section(heading: Message, lang: Lang, items: Vec<Html>) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    html! {
        <section class="ha-card-section">
            <h3>{ heading.text(lang) }</h3>
            <ul>{ for items }</ul>
        </section>
    }
}

/// " (text)" for an optional localized detail, nothing when it is empty.
fn detail(text: &LocalizedText, lang: Lang) -> Html {
    if text.is_empty() {
        return Html::default();
    }
    html! { <>{ ", " }{ localized(text, lang, "") }</> }
}

fn places(event: &Event, lang: Lang) -> Html {
    let items = event
        .places
        .iter()
        .map(|place| {
            html! {
                <li>
                    { localized(&place.name, lang, "") }
                    { detail(&place.city, lang) }
                    { detail(&place.region, lang) }
                    { format!(", {}", place.country) }
                </li>
            }
        })
        .collect();
    section(Message::Places, lang, items)
}

fn organisations(event: &Event, lang: Lang) -> Html {
    let items = event
        .organisations
        .iter()
        .map(|organisation| {
            html! {
                <li>
                    { localized(&organisation.name, lang, "") }
                    <span class="ha-role">{ format!(" — {}", role_label(&organisation.role, lang)) }</span>
                </li>
            }
        })
        .collect();
    section(Message::Organisations, lang, items)
}

fn people(event: &Event, lang: Lang) -> Html {
    let items = event
        .people
        .iter()
        .map(|person| {
            html! {
                <li>
                    <strong>{ localized(&person.name, lang, "") }</strong>
                    { detail(&person.title, lang) }
                    { detail(&person.affiliation, lang) }
                    <span class="ha-role">{ format!(" — {}", role_label(&person.role, lang)) }</span>
                </li>
            }
        })
        .collect();
    section(Message::People, lang, items)
}

fn figures(event: &Event, lang: Lang) -> Html {
    let items = event
        .figures
        .iter()
        .map(|figure| {
            let qualifier = qualifier_prefix(figure.qualifier, lang);
            let unit = if figure.unit.is_empty() { String::new() } else { format!(" {}", figure.unit) };
            html! {
                <li>
                    { localized(&figure.label, lang, "") }
                    { ": " }
                    <strong class="ha-figure">{ format!("{qualifier}{}{unit}", format_number(figure.value, lang)) }</strong>
                </li>
            }
        })
        .collect();
    section(Message::KeyFigures, lang, items)
}

fn tags(event: &Event, lang: Lang) -> Html {
    if event.tags.is_empty() {
        return Html::default();
    }
    html! {
        <section class="ha-card-section">
            <h3>{ Message::Tags.text(lang) }</h3>
            <p class="ha-tags">{ for event.tags.iter().map(|tag| html! { <span class="ha-tag">{ tag }</span> }) }</p>
        </section>
    }
}

/// Events this one points to, and the parts that point to it; each opens its own card.
fn related(event: &Event, catalog: &Catalog, lang: Lang, select: &Callback<String>) -> Html {
    let link = |label: &'static str, other: &Event| {
        let on_click = {
            let select = select.clone();
            let id = other.id.clone();
            Callback::from(move |_: MouseEvent| select.emit(id.clone()))
        };
        let dates = other.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
        html! {
            <li>
                <span class="ha-muted">{ format!("{label}: ") }</span>
                <button type="button" class="ha-link-button" onclick={on_click} data-event-id={other.id.clone()}>
                    { localized(&other.title, lang, "") }
                </button>
                <span class="ha-muted">{ format!(" · {dates}") }</span>
            </li>
        }
    };
    let mut items: Vec<Html> = event
        .relations
        .iter()
        .filter_map(|relation| {
            catalog
                .event(&relation.target)
                .map(|other| link(relation_label(relation.kind, lang), other))
        })
        .collect();
    items.extend(catalog.parts_of(&event.id).map(|part| link(parts_label(lang), part)));
    section(Message::RelatedEvents, lang, items)
}

fn sources(event: &Event, lang: Lang) -> Html {
    let items = event
        .sources
        .iter()
        .map(|source| {
            let heading = if source.title.is_empty() {
                source.file.as_str()
            } else {
                source.title.as_str()
            };
            // Only http(s) links are clickable: a `javascript:` URL in a hostile file stays text.
            // The host beside the link: where a click leads, whatever the title says.
            let title = if is_http_url(&source.url) {
                html! {
                    <>
                        <a href={source.url.clone()} rel="noopener noreferrer" target="_blank">{ heading }</a>
                        { " " }<span class="ha-source-host">{ "(" }{ host_of(&source.url).unwrap_or_default() }{ ")" }</span>
                    </>
                }
            } else {
                html! { <cite>{ heading }</cite> }
            };
            let mut facts: Vec<String> = Vec::new();
            if !source.publisher.is_empty() {
                facts.push(source.publisher.clone());
            }
            if let Some(published) = source.published {
                facts.push(format!(
                    "{} {}",
                    Message::Published.text(lang),
                    format_day(published, lang)
                ));
            }
            facts.push(source.language.clone());
            facts.push(source.file.clone());
            html! {
                <li class="ha-source">
                    <p class="ha-source-title">{ title }</p>
                    <p class="ha-muted ha-source-facts">{ facts.join(" · ") }</p>
                    <blockquote lang={source.language.clone()} class="ha-quote">{ &source.quote }</blockquote>
                </li>
            }
        })
        .collect::<Vec<Html>>();
    if items.is_empty() {
        return Html::default();
    }
    // Focusable, so that a keyboard reader can Tab to the evidence (the titles are links only
    // when a source has a web address) and the card scrolls it into view.
    html! {
        <section class="ha-card-section ha-sources" tabindex="0" aria-labelledby="ha-card-sources-heading">
            <h3 id="ha-card-sources-heading">{ Message::Sources.text(lang) }</h3>
            <ul>{ for items }</ul>
        </section>
    }
}

/// The `src=` dataset the app shows, if any (a failed one is not shown: the embedded is).
fn shown_src(status: &DatasetStatus) -> Option<&str> {
    match status {
        DatasetStatus::Loaded { url } => Some(url),
        _ => None,
    }
}
