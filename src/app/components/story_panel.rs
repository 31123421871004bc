//! Story mode's views: the picker in the header (the dataset's stories, and "play these events
//! as a story") and the panel above the views (the title card, then step n of N with its text,
//! Back and Next). The story's state and where a step takes the timeline and the map are
//! `state::story`'s; these views only render it and dispatch `StoryAction`s.
//!
//! A narrative is rendered from its parsed spans (`health_atlas_model::story`), never as HTML.

use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::app::context::AppContext;
use crate::app::shared::Shared;
use crate::app::state::{story_of_events, Action, Reading, State, StoryAction};
use health_atlas_explore::i18n::{format_dates, step_of, steps_count, StoryMessage};
use health_atlas_explore::query::{Catalog, ListOrder, Selection};
use health_atlas_model::story::{parse_narrative, plain_text, Span};
use health_atlas_model::{Lang, LocalizedText};

/// How far (CSS pixels) a finger moves sideways for a swipe to change the step.
const SWIPE_PX: i32 = 50;

/// The header's Stories menu. The shell, which owns the state and re-renders on every
/// change, calls it with the state: a function rather than a wrapper component reading the
/// context, which would cost the first render its own copy of Yew's lifecycle code.
pub fn story_picker(state: &AppContext) -> Html {
    html! { <StoryPickerView ..PickerProps::of(state) /> }
}

/// The picker reads the dataset's stories, the events shown (for "play these") and the language.
#[derive(Properties, PartialEq, Clone)]
pub struct PickerProps {
    catalog: Shared<Catalog>,
    selection: Shared<Selection>,
    lang: Lang,
    dispatcher: UseReducerDispatcher<State>,
}

impl PickerProps {
    fn of(state: &AppContext) -> PickerProps {
        PickerProps {
            catalog: state.catalog.clone(),
            selection: state.selection().clone(),
            lang: state.lang,
            dispatcher: state.dispatcher(),
        }
    }
}

#[component]
fn StoryPickerView(props: &PickerProps) -> Html {
    let lang = props.lang;
    let text = |message: StoryMessage| message.text(lang);
    let details = use_node_ref();
    // Closes the menu once a story is chosen, so the panel it opens is not covered.
    let close = {
        let details = details.clone();
        move || {
            if let Some(details) = details.cast::<web_sys::HtmlDetailsElement>() {
                details.set_open(false);
            }
        }
    };
    let stories: Vec<Html> = props
        .catalog
        .dataset()
        .stories
        .iter()
        .map(|story| {
            let onclick = {
                let dispatcher = props.dispatcher.clone();
                let id = story.id.clone();
                let close = close.clone();
                Callback::from(move |_: MouseEvent| {
                    close();
                    dispatcher.dispatch(Action::Story(StoryAction::Open {
                        id: id.clone(),
                        step: 0,
                    }));
                })
            };
            html! {
                <li>
                    <button type="button" class="ha-link-button" data-story={story.id.clone()} {onclick}>
                        { story.title.best(lang).to_owned() }
                    </button>
                </li>
            }
        })
        .collect();
    let on_play = {
        let (dispatcher, catalog, selection) =
            (props.dispatcher.clone(), props.catalog.clone(), props.selection.clone());
        Callback::from(move |_: MouseEvent| {
            close();
            // The list's default order: chronological.
            let positions = catalog.sorted_positions(&selection, ListOrder::default(), lang);
            let title = LocalizedText::new(
                StoryMessage::ShownEvents.text(Lang::En),
                StoryMessage::ShownEvents.text(Lang::Zh),
                StoryMessage::ShownEvents.text(Lang::Fr),
            );
            dispatcher.dispatch(Action::Story(StoryAction::Play(story_of_events(
                &catalog, &positions, title,
            ))));
        })
    };
    html! {
        <details class="ha-stories-menu" ref={details}>
            <summary class="ha-tool ha-tool-text">{ text(StoryMessage::Stories) }</summary>
            <div class="ha-embed-panel ha-stories-panel">
                <p class="ha-muted">{ text(StoryMessage::PickStory) }</p>
                <ul>{ for stories }</ul>
                <button type="button" class="ha-tool ha-tool-text ha-play-shown" onclick={on_play}
                    disabled={props.selection.visible_count() == 0}>
                    { text(StoryMessage::PlayShown) }
                </button>
            </div>
        </details>
    }
}

/// The story being read, above the views; nothing outside story mode. The shell, which owns the state and re-renders on every
/// change, calls it with the state: a function rather than a wrapper component reading the
/// context, which would cost the first render its own copy of Yew's lifecycle code.
pub fn story_panel(state: &AppContext) -> Html {
    match &state.story.reading {
        Some(reading) => html! {
            <StoryPanelView reading={reading.clone()} catalog={state.catalog.clone()} lang={state.lang}
                moving={state.story_move.is_some()} dispatcher={state.dispatcher()} />
        },
        None => Html::default(),
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PanelProps {
    reading: Reading,
    catalog: Shared<Catalog>,
    lang: Lang,
    /// The timeline and the map are still on their way to the step (`data-moving`, which
    /// tests and host pages can wait on).
    moving: bool,
    dispatcher: UseReducerDispatcher<State>,
}

#[component]
fn StoryPanelView(props: &PanelProps) -> Html {
    let lang = props.lang;
    let text = |message: StoryMessage| message.text(lang);
    let reading = &props.reading;
    let (step, steps) = (reading.step, reading.steps());
    let dispatch = |action: StoryAction| {
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Story(action.clone())))
    };
    // ← → Home End move and Escape leaves, from anywhere in the panel.
    let on_key = {
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |event: KeyboardEvent| {
            let action = match event.key().as_str() {
                "ArrowRight" => StoryAction::Next,
                "ArrowLeft" => StoryAction::Back,
                "Home" => StoryAction::First,
                "End" => StoryAction::Last,
                "Escape" => StoryAction::Leave,
                _ => return,
            };
            event.prevent_default();
            dispatcher.dispatch(Action::Story(action));
        })
    };
    // A finger's sideways swipe on the panel moves as ← and → do (`touch-action: pan-y` in
    // atlas.css keeps the browser from taking a sideways move for a scroll).
    let swipe_start = use_mut_ref(|| None::<(i32, i32)>);
    let on_pointer_down = {
        let swipe_start = swipe_start.clone();
        Callback::from(move |event: PointerEvent| {
            if event.pointer_type() == "touch" {
                *swipe_start.borrow_mut() = Some((event.client_x(), event.client_y()));
            }
        })
    };
    let on_pointer_up = {
        let dispatcher = props.dispatcher.clone();
        Callback::from(move |event: PointerEvent| {
            let Some((x, y)) = swipe_start.borrow_mut().take() else {
                return;
            };
            let (dx, dy) = (event.client_x() - x, event.client_y() - y);
            if dx.abs() >= SWIPE_PX && dx.abs() > 2 * dy.abs() {
                dispatcher.dispatch(Action::Story(if dx < 0 {
                    StoryAction::Next
                } else {
                    StoryAction::Back
                }));
            }
        })
    };
    // The panel takes the focus when a story opens, so the keys work at once.
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        use_effect_with(reading.story.id.clone(), move |_| {
            if let Some(panel) = panel.cast::<web_sys::HtmlElement>() {
                let _ = panel.focus();
            }
        });
    }
    let title = reading.story.title.best(lang).to_owned();
    let (body, announced) = match reading.current_step() {
        None => {
            let summary = reading.story.summary.best(lang).to_owned();
            let body = html! {
                <>
                    <p class="ha-story-count">{ steps_count(steps, lang) }</p>
                    if !summary.is_empty() { <p class="ha-story-summary">{ summary.clone() }</p> }
                </>
            };
            (body, format!("{title}. {summary}"))
        }
        Some(current) => {
            let narrative = current.narrative.best(lang);
            let count = step_of(step, steps, lang);
            let body = html! {
                <>
                    <p class="ha-story-count">{ count.clone() }</p>
                    <div class="ha-story-text">{ narrative_html(narrative, &props.dispatcher) }</div>
                </>
            };
            (body, format!("{count}. {}", plain_text(narrative)))
        }
    };
    html! {
        <section class="ha-story" aria-label={text(StoryMessage::Stories)} tabindex="-1" ref={panel}
            onkeydown={on_key} onpointerdown={on_pointer_down} onpointerup={on_pointer_up} data-step={step.to_string()}
            data-moving={props.moving.then_some("true")}>
            <h2 class="ha-story-title">{ title }</h2>
            { body }
            // What changed, for screen readers: the step's number and text.
            <p class="ha-visually-hidden" aria-live="polite" aria-atomic="true">{ announced }</p>
            <div class="ha-story-nav">
                // aria-disabled rather than disabled: a disabled button loses the focus, and the
                // keys with it (the reducer ignores a move past either end).
                <button type="button" class="ha-tool ha-tool-text ha-story-back" aria-disabled={(step == 0).to_string()}
                    onclick={dispatch(StoryAction::Back)}>{ "← " }{ text(StoryMessage::Back) }</button>
                <button type="button" class="ha-tool ha-tool-text ha-story-next" aria-disabled={(step >= steps).to_string()}
                    onclick={dispatch(StoryAction::Next)}>
                    { if step == 0 { text(StoryMessage::Start) } else { text(StoryMessage::Next) } }{ " →" }
                </button>
                <button type="button" class="ha-tool ha-tool-text ha-story-leave"
                    onclick={dispatch(StoryAction::Leave)}>{ text(StoryMessage::Leave) }</button>
            </div>
            <p class="ha-muted ha-story-keys">{ text(StoryMessage::KeysHint) }</p>
            // On paper, every step in order with its events (hidden on screen by atlas.css).
            <ol class="ha-story-print">
                { for reading.story.steps.iter().enumerate().map(|(index, step)| html! {
                    <li>
                        <p class="ha-story-count">{ step_of(index + 1, steps, lang) }</p>
                        <div class="ha-story-text">{ narrative_html(step.narrative.best(lang), &props.dispatcher) }</div>
                        <ul>{ for step.events.iter().map(|id| html! { <li>{ event_line(&props.catalog, id, lang) }</li> }) }</ul>
                    </li>
                }) }
            </ol>
        </section>
    }
}

/// An event as a printed step lists it: its dates and title.
fn event_line(catalog: &Catalog, id: &str, lang: Lang) -> String {
    match catalog.event(id) {
        Some(event) => {
            let dates = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
            format!("{dates} · {}", event.title.best(lang))
        }
        None => id.to_owned(),
    }
}

/// A narrative's paragraphs: text, `<em>`, and links that open the event's card (its sources).
fn narrative_html(narrative: &str, dispatcher: &UseReducerDispatcher<State>) -> Html {
    let Ok(paragraphs) = parse_narrative(narrative) else {
        // Validation refuses broken markup; a dataset that skipped it shows the text as written.
        return html! { <p>{ narrative.to_owned() }</p> };
    };
    paragraphs
        .into_iter()
        .map(|spans| {
            let spans = spans.into_iter().map(|span| match span {
                Span::Text(text) => html! { { text } },
                Span::Emphasis(text) => html! { <em>{ text }</em> },
                Span::Link { text, event } => {
                    let onclick = {
                        let dispatcher = dispatcher.clone();
                        let event = event.clone();
                        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SelectEvent(event.clone())))
                    };
                    html! { <button type="button" class="ha-link-button ha-story-link" data-event-id={event} {onclick}>{ text }</button> }
                }
            });
            html! { <p>{ for spans }</p> }
        })
        .collect()
}
