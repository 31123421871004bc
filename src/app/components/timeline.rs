//! The timeline view: items in lanes over an adaptive axis, "+N" bins where it is too dense,
//! and the overview strip. Every position comes from `health_atlas_explore::time`; this file only draws it
//! and turns wheel, drag, pinch, keys and buttons into actions.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::category_shape;
use super::delegation::{hover_listeners, target_data};
use super::overview::Overview;
use super::pointers::Pointers;
use super::tool_button::tool_button;
use crate::app::context::AppContext;
use crate::app::hooks::{use_app_state, use_wheel, use_width, use_window_transition, Transition, WheelStep};
use crate::app::shared::Shared;
use crate::app::state::{Action, State, TimelineAction, TimelineFit, TimelineState};
use health_atlas_explore::i18n::{format_dates, format_tick, more_events, Message};
use health_atlas_explore::query::{Catalog, DateRange, Selection};
use health_atlas_explore::time::{
    axis, day_number, layout, presence_in, truncate_label, Layout, LayoutOptions, Step, TimeScale, TimeWindow,
};
use health_atlas_model::Lang;

const LANE_HEIGHT: f64 = 26.0;
const ITEMS_TOP: f64 = 8.0;
const BIN_ROW_HEIGHT: f64 = 24.0;
const AXIS_HEIGHT: f64 = 44.0;
const LABEL_FONT_SIZE: f64 = 12.0;
const MIN_TICK_SPACING: f64 = 56.0;
/// Movement (px) after which a press is a drag, not a click.
const DRAG_THRESHOLD: f64 = 4.0;

/// Pointers currently down on the timeline, for drag and pinch.
#[derive(Default)]
struct Gesture {
    /// Pointer id → its last x position.
    pointers: Pointers<f64>,
    /// Distance travelled since the press: beyond the threshold it is a drag.
    travelled: f64,
}

impl Gesture {
    fn is_drag(&self) -> bool {
        self.travelled > DRAG_THRESHOLD
    }

    fn pinch_width(&self) -> Option<f64> {
        let mut positions = self.pointers.values();
        let (first, second) = (positions.next()?, positions.next()?);
        Some((first - second).abs())
    }
}

/// The timeline is given a snapshot of what it draws ([`TimelineProps`]): a map move or a
/// list sort changes none of it, so it does not re-render for them.
#[component]
pub fn Timeline() -> Html {
    let state = use_app_state();
    html! { <TimelineView ..TimelineProps::of(&state) /> }
}

/// What the timeline and its overview draw from.
#[derive(Properties, PartialEq, Clone)]
pub struct TimelineProps {
    /// Compares its index by identity.
    pub(super) timeline: TimelineState,
    pub(super) catalog: Shared<Catalog>,
    pub(super) selection: Shared<Selection>,
    pub(super) lang: Lang,
    pub(super) selected: Option<String>,
    pub(super) hovered: Option<String>,
    pub(super) date_range: Option<DateRange>,
    /// Story mode's events: highlighted, the rest dimmed.
    pub(super) story_focus: Option<Shared<fixedbitset::FixedBitSet>>,
    pub(super) dispatcher: UseReducerDispatcher<State>,
}

impl TimelineProps {
    /// The snapshot of `state` this view reads.
    fn of(state: &AppContext) -> TimelineProps {
        TimelineProps {
            dispatcher: state.dispatcher(),
            timeline: state.timeline.clone(),
            catalog: state.catalog.clone(),
            selection: state.selection().clone(),
            lang: state.lang,
            selected: state.selected.clone(),
            hovered: state.hovered.clone(),
            date_range: state.filters.date_range,
            story_focus: state.story_focus().cloned(),
        }
    }
}

#[component]
fn TimelineView(props: &TimelineProps) -> Html {
    let state = props;
    let lang = state.lang;
    let text = |message: Message| message.text(lang);
    let canvas = use_node_ref();
    let width = use_width(canvas.clone());
    let timeline = &state.timeline;
    let scale = TimeScale::new(timeline.window, width);
    let options = LayoutOptions::default();
    let drawn: Rc<Layout> = use_memo(
        (
            timeline.index.clone(),
            state.selection.clone(),
            timeline.window,
            width,
            timeline.show_filtered_out,
        ),
        |(index, selection, _, _, show_filtered_out)| {
            layout(
                index,
                &scale,
                options,
                presence_in(&selection.visible, *show_filtered_out),
            )
        },
    );
    // The event the keyboard is on: separate from the selection, so arrowing does not open cards.
    let cursor = use_state_eq(|| None::<usize>);
    let gesture = use_mut_ref(Gesture::default);
    let transition = use_window_transition(state.timeline.window, state.dispatcher.clone());

    // Wheel zooms to the pointer (and a horizontal swipe pans).
    {
        let dispatcher = state.dispatcher.clone();
        use_wheel(
            canvas.clone(),
            Callback::from(move |step: WheelStep| {
                let (horizontal, vertical) = step.in_pixels(step.width);
                if horizontal.abs() > vertical.abs() {
                    dispatcher.dispatch(Action::Timeline(TimelineAction::Pan(horizontal / step.width)));
                } else {
                    let factor = (vertical * 0.002).clamp(-1.0, 1.0).exp();
                    dispatcher.dispatch(Action::Timeline(TimelineAction::Zoom {
                        factor,
                        anchor: step.x / step.width,
                    }));
                }
            }),
        );
    }

    let on_pointer_down = {
        let gesture = Rc::clone(&gesture);
        Callback::from(move |event: PointerEvent| {
            let mut gesture = gesture.borrow_mut();
            if gesture.pointers.is_empty() {
                gesture.travelled = 0.0;
            }
            gesture.pointers.insert(event.pointer_id(), f64::from(event.client_x()));
        })
    };
    let on_pointer_move = {
        let gesture = Rc::clone(&gesture);
        let dispatcher = state.dispatcher.clone();
        let canvas = canvas.clone();
        Callback::from(move |event: PointerEvent| {
            let mut gesture = gesture.borrow_mut();
            let Some(&last_x) = gesture.pointers.get(&event.pointer_id()) else {
                return;
            };
            let Some(element) = canvas.cast::<Element>() else {
                return;
            };
            let rect = element.get_bounding_client_rect();
            let x = f64::from(event.client_x());
            let pinch_before = gesture.pinch_width();
            gesture.pointers.insert(event.pointer_id(), x);
            gesture.travelled += (x - last_x).abs();
            if !gesture.is_drag() {
                return;
            }
            // Capture only once it is a drag, so a plain click still reaches the item clicked.
            let _ = element.set_pointer_capture(event.pointer_id());
            match (pinch_before, gesture.pinch_width()) {
                (Some(before), Some(after)) if gesture.pointers.len() == 2 && after > 1.0 => {
                    let middle = gesture.pointers.values().sum::<f64>() / 2.0;
                    let anchor = (middle - rect.left()) / rect.width().max(1.0);
                    dispatcher.dispatch(Action::Timeline(TimelineAction::Zoom {
                        factor: before / after,
                        anchor,
                    }));
                }
                _ => dispatcher.dispatch(Action::Timeline(TimelineAction::Pan(
                    -(x - last_x) / rect.width().max(1.0),
                ))),
            }
        })
    };
    let on_pointer_up = {
        let gesture = Rc::clone(&gesture);
        Callback::from(move |event: PointerEvent| {
            gesture.borrow_mut().pointers.remove(&event.pointer_id());
        })
    };

    // Delegated (see `delegation.rs`): items carry their id, bins the time they cover.
    let on_click = {
        let dispatcher = state.dispatcher.clone();
        let transition = transition.clone();
        let gesture = Rc::clone(&gesture);
        Callback::from(move |event: MouseEvent| {
            if gesture.borrow().is_drag() {
                return;
            }
            if let Some(id) = target_data(&event, "data-event-id") {
                dispatcher.dispatch(Action::SelectEvent(id));
            } else if let Some(span) = target_data(&event, "data-span") {
                let mut bounds = span.split('~').filter_map(|bound| bound.parse::<f64>().ok());
                if let (Some(start), Some(end)) = (bounds.next(), bounds.next()) {
                    transition.emit(Transition::To(TimeWindow::padded(start, end)));
                }
            }
        })
    };
    let (on_pointer_over, on_pointer_leave) = hover_listeners(state.dispatcher.clone());

    let on_key = {
        let dispatcher = state.dispatcher.clone();
        let transition = transition.clone();
        let cursor = cursor.clone();
        let state = state.clone();
        Callback::from(move |event: KeyboardEvent| {
            let visible = &state.selection.visible;
            let show_all = state.timeline.show_filtered_out;
            let kept = |event: usize| show_all || visible.contains(event);
            let from = (*cursor).or_else(|| {
                let selected = state.selected.as_deref()?;
                state.catalog.events().iter().position(|event| event.id == selected)
            });
            let step = |step: Step| state.timeline.index.step(from, step, kept);
            let moved = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" => step(Step::Later),
                "ArrowLeft" | "ArrowUp" => step(Step::Earlier),
                "Home" => step(Step::First),
                "End" => step(Step::Last),
                "Enter" | " " => {
                    if let Some(event) = from.and_then(|index| state.catalog.events().get(index)) {
                        dispatcher.dispatch(Action::SelectEvent(event.id.clone()));
                    }
                    None
                }
                "+" | "=" => {
                    transition.emit(Transition::Zoom(0.5));
                    None
                }
                "-" | "_" => {
                    transition.emit(Transition::Zoom(2.0));
                    None
                }
                "PageDown" => {
                    dispatcher.dispatch(Action::Timeline(TimelineAction::Pan(0.5)));
                    None
                }
                "PageUp" => {
                    dispatcher.dispatch(Action::Timeline(TimelineAction::Pan(-0.5)));
                    None
                }
                _ => return,
            };
            event.prevent_default();
            if let Some(index) = moved {
                if let Some(event) = state.catalog.events().get(index) {
                    let window = state.timeline.window.revealing(event.start, event.last_day());
                    dispatcher.dispatch(Action::Timeline(TimelineAction::SetWindow(window)));
                    dispatcher.dispatch(Action::Hover(Some(event.id.clone())));
                }
                cursor.set(Some(index));
            }
        })
    };

    // Each button computes where to go from the current state and the view animates there.
    let button = |label: Message, glyph: Option<&'static str>, target: fn(&TimelineProps) -> Option<Transition>| {
        let (transition, state) = (transition.clone(), state.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(target) = target(&state) {
                transition.emit(target);
            }
        });
        tool_button(text(label), glyph, onclick)
    };
    let on_fade_toggle = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            dispatcher.dispatch(Action::Timeline(TimelineAction::ShowFilteredOut(input.checked())));
        })
    };

    let lanes_height = ITEMS_TOP + LANE_HEIGHT * options.lanes as f64;
    let height = lanes_height + BIN_ROW_HEIGHT + AXIS_HEIGHT;
    let cursor_event = (*cursor).and_then(|index| state.catalog.events().get(index));
    let announcement = cursor_event
        .map(|event| {
            let dates = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
            format!("{}, {dates}", event.title.best(lang))
        })
        .unwrap_or_default();
    let help_id = "ha-timeline-help";

    html! {
        <section class="ha-region ha-timeline" aria-labelledby="ha-timeline-heading">
            <div class="ha-region-head">
                <h2 id="ha-timeline-heading">{ text(Message::TimelineHeading) }</h2>
                <div class="ha-toolbar" role="toolbar" aria-label={text(Message::TimelineHeading)}>
                    { button(Message::ZoomIn, Some("+"), |_| Some(Transition::Zoom(0.5))) }
                    { button(Message::ZoomOut, Some("−"), |_| Some(Transition::Zoom(2.0))) }
                    { button(Message::FitAll, None, |state| state.timeline.fitted(TimelineFit::All, &state.selection.visible).map(Transition::To)) }
                    { button(Message::FitFiltered, None, |state| state.timeline.fitted(TimelineFit::Filtered, &state.selection.visible).map(Transition::To)) }
                    <label class="ha-toggle">
                        <input type="checkbox" checked={timeline.show_filtered_out} onchange={on_fade_toggle} />
                        { text(Message::ShowFilteredOut) }
                    </label>
                </div>
            </div>
            <p id={help_id} class="ha-visually-hidden">{ text(Message::TimelineHelp) }</p>
            <div ref={canvas} class="ha-timeline-canvas" tabindex="0" role="group"
                aria-roledescription={text(Message::TimelineHeading)} aria-label={text(Message::TimelineHeading)}
                aria-describedby={help_id} onkeydown={on_key}
                onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}>
                if width > 0.0 {
                    <svg class="ha-timeline-svg" width={width.to_string()} height={height.to_string()}
                        aria-hidden="true" data-unit={format!("{:?}", axis_unit(timeline.window, width))}
                        data-window={format!("{:.3}~{:.3}", timeline.window.start(), timeline.window.end())}
                        onclick={on_click} onpointerover={on_pointer_over} onpointerleave={on_pointer_leave}>
                        { draw_axis(&scale, lanes_height + BIN_ROW_HEIGHT, lang) }
                        { draw_today(&scale, height) }
                        { draw_items(state, &drawn, &scale, *cursor) }
                        { draw_bins(&drawn, lanes_height, lang) }
                    </svg>
                }
            </div>
            <p class="ha-visually-hidden" aria-live="polite">{ announcement }</p>
            <Overview width={width} timeline={state.clone()} />
        </section>
    }
}

fn axis_unit(window: TimeWindow, width: f64) -> health_atlas_explore::time::TickUnit {
    axis(window, width, MIN_TICK_SPACING).unit
}

fn draw_axis(scale: &TimeScale, top: f64, lang: Lang) -> Html {
    let axis = axis(scale.window(), scale.width(), MIN_TICK_SPACING);
    let minor = axis.ticks.iter().map(|tick| {
        let x = scale.x_of(tick.at);
        html! {
            <g class="ha-tick">
                <line x1={fmt(x)} x2={fmt(x)} y1="0" y2={fmt(top + 6.0)} />
                <text x={fmt(x + 3.0)} y={fmt(top + 18.0)}>{ format_tick(axis.unit, tick, false, lang) }</text>
            </g>
        }
    });
    let major = axis.major_ticks.iter().map(|tick| {
        let x = scale.x_of(tick.at);
        // The period that began before the window keeps its name at the left edge.
        let label_x = x.max(0.0) + 3.0;
        html! {
            <g class="ha-tick ha-tick-major">
                if x >= 0.0 {
                    <line x1={fmt(x)} x2={fmt(x)} y1="0" y2={fmt(top + 40.0)} />
                }
                <text x={fmt(label_x)} y={fmt(top + 36.0)}>{ format_tick(axis.major_unit, tick, true, lang) }</text>
            </g>
        }
    });
    html! {
        <g class="ha-axis">
            <line class="ha-axis-line" x1="0" x2={fmt(scale.width())} y1={fmt(top)} y2={fmt(top)} />
            { for minor }
            { for major }
        </g>
    }
}

fn draw_today(scale: &TimeScale, height: f64) -> Html {
    let Some(today) = crate::app::browser::today() else {
        return Html::default();
    };
    let x = scale.x_of(day_number(today) + 0.5);
    if !(0.0..=scale.width()).contains(&x) {
        return Html::default();
    }
    html! {
        <line class="ha-today" x1={fmt(x)} x2={fmt(x)} y1="0" y2={fmt(height)} />
    }
}

fn draw_items(state: &TimelineProps, drawn: &Layout, scale: &TimeScale, cursor: Option<usize>) -> Html {
    let lang = state.lang;
    let events = state.catalog.events();
    let items = drawn.items.iter().filter_map(|item| {
        let event = events.get(item.event)?;
        let y = ITEMS_TOP + LANE_HEIGHT * item.lane as f64 + LANE_HEIGHT / 2.0;
        let marker_x = item.x_start.max(0.0) + 6.0;
        let is_bar = item.x_end - item.x_start > 12.0;
        let title = event.title.best(lang);
        // The label stops at its room in the lane and at the right edge.
        let room = item.label_room.min(scale.width() - marker_x - 9.0) - 6.0;
        let label = truncate_label(title, room, LABEL_FONT_SIZE);
        let dates = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
        let top = state.selection.is_top_match(item.event);
        let classes = classes!(
            "ha-item",
            top.then_some("ha-item-top"),
            format!("ha-cat-{}", event.category.slug()),
            item.faded.then_some("ha-item-faded"),
            (state.selected.as_deref() == Some(event.id.as_str())).then_some("ha-item-selected"),
            (state.hovered.as_deref() == Some(event.id.as_str())).then_some("ha-item-hovered"),
            (cursor == Some(item.event)).then_some("ha-item-cursor"),
            state
                .story_focus
                .as_ref()
                .is_some_and(|focus| focus.contains(item.event))
                .then_some("ha-story-focus"),
        );
        // Unkeyed on purpose: as the window moves, reusing the elements in place (new
        // attributes) is cheaper than removing and creating them by key.
        Some(html! {
            <g class={classes} data-event-id={event.id.clone()}>
                <title>{ top_match_title(title, &dates, top, lang) }</title>
                if is_bar {
                    <rect class="ha-item-bar" x={fmt(item.x_start.max(-2.0))} y={fmt(y - 8.0)}
                        width={fmt(item.x_end.min(scale.width() + 2.0) - item.x_start.max(-2.0))} height="16" rx="4" />
                }
                <rect class="ha-item-hit" x={fmt(item.x_start.max(0.0))} y={fmt(y - LANE_HEIGHT / 2.0)}
                    width={fmt(item.label_room + 12.0)} height={fmt(LANE_HEIGHT)} />
                <path class="ha-marker" d={category_shape(event.category)}
                    transform={format!("translate({} {}) scale(1.1)", fmt(marker_x), fmt(y))} />
                <text class="ha-item-label" x={fmt(marker_x + 9.0)} y={fmt(y + 4.0)}>{ label.into_owned() }</text>
            </g>
        })
    });
    html! { <g class="ha-items">{ for items }</g> }
}

fn draw_bins(drawn: &Layout, lanes_height: f64, lang: Lang) -> Html {
    let bins = drawn.overflow.iter().map(|bin| {
        let (label, spoken) = more_events(bin.count, lang);
        html! {
            <g class="ha-bin" data-span={format!("{}~{}", bin.start, bin.end)}>
                <title>{ spoken }</title>
                <rect x={fmt(bin.x_start + 1.0)} y={fmt(lanes_height + 2.0)} width={fmt(bin.x_end - bin.x_start - 2.0)}
                    height={fmt(BIN_ROW_HEIGHT - 4.0)} rx="4" />
                <text x={fmt((bin.x_start + bin.x_end) / 2.0)} y={fmt(lanes_height + BIN_ROW_HEIGHT / 2.0 + 4.0)}>{ label }</text>
            </g>
        }
    });
    html! { <g class="ha-bins">{ for bins }</g> }
}

/// An item's tooltip: title and dates, and whether it is one of the search's best matches.
pub(super) fn top_match_title(title: &str, dates: &str, top: bool, lang: Lang) -> String {
    if top {
        format!("{title} — {dates} ({})", Message::BestMatch.text(lang))
    } else {
        format!("{title} — {dates}")
    }
}

/// SVG coordinates with one decimal: enough for crisp lines, short enough for the DOM.
pub(super) fn fmt(value: f64) -> String {
    format!("{:.1}", if value.is_finite() { value } else { 0.0 })
}
