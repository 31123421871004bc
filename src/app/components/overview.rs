//! The strip under the timeline: how many events start when, over the whole dataset, with
//! the timeline's window outlined. Dragging across it sets the date-range filter (the same
//! one the filter panel's date fields edit); a click centres the timeline there.

use web_sys::Element;
use yew::prelude::*;

use super::timeline::fmt;
use super::timeline::TimelineProps;
use crate::app::state::{Action, TimelineAction};
use health_atlas_explore::i18n::Message;
use health_atlas_explore::time::{date_of, day_number, density, TimeScale, TimeWindow};

const HEIGHT: f64 = 44.0;
/// Width of one histogram bar, in pixels.
const BAR_WIDTH: f64 = 3.0;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    /// The timeline's width: the strip lines up under it.
    pub width: f64,
    /// The timeline's own snapshot, not the context: reading the context would re-render the
    /// strip on every change (a map move too); it draws from what the timeline reads.
    pub timeline: TimelineProps,
}

#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let state = &props.timeline;
    let lang = state.lang;
    let width = props.width;
    let index = &state.timeline.index;
    let extent = use_memo(index.clone(), |index| index.extent(|_| true));
    let whole = extent.map_or(state.timeline.window, |(start, end)| TimeWindow::padded(start, end));
    let scale = TimeScale::new(whole, width);
    let bins = (width / BAR_WIDTH).floor().max(1.0) as usize;
    let histogram = use_memo(
        (index.clone(), state.selection.clone(), whole, bins),
        |(index, selection, whole, bins)| {
            let all = density(index, whole.start(), whole.end(), *bins, |_| true);
            let visible = density(index, whole.start(), whole.end(), *bins, |event| {
                selection.visible.contains(event)
            });
            (all, visible)
        },
    );
    // The stretch being dragged, in day numbers: where the press began and where it is now.
    let brush = use_state_eq(|| None::<(f64, f64)>);
    let strip = use_node_ref();

    let day_at = {
        let strip = strip.clone();
        move |client_x: i32| {
            let element = strip.cast::<Element>()?;
            let left = element.get_bounding_client_rect().left();
            Some(scale.day_at(f64::from(client_x) - left))
        }
    };
    let on_down = {
        let (brush, day_at, strip) = (brush.clone(), day_at.clone(), strip.clone());
        Callback::from(move |event: PointerEvent| {
            if let Some(day) = day_at(event.client_x()) {
                if let Some(element) = strip.cast::<Element>() {
                    let _ = element.set_pointer_capture(event.pointer_id());
                }
                brush.set(Some((day, day)));
            }
        })
    };
    let on_move = {
        let (brush, day_at) = (brush.clone(), day_at.clone());
        Callback::from(move |event: PointerEvent| {
            if let (Some((start, _)), Some(day)) = (*brush, day_at(event.client_x())) {
                brush.set(Some((start, day)));
            }
        })
    };
    let on_up = {
        let brush = brush.clone();
        let dispatcher = state.dispatcher.clone();
        let window = state.timeline.window;
        Callback::from(move |_: PointerEvent| {
            let Some((start, end)) = *brush else { return };
            brush.set(None);
            let (first, last) = (start.min(end), start.max(end));
            if (last - first) * scale.pixels_per_day() < 3.0 {
                dispatcher.dispatch(Action::Timeline(TimelineAction::SetWindow(window.centred_on(first))));
                return;
            }
            dispatcher.dispatch(Action::SetDateRange {
                first: date_of(first),
                last: date_of(last),
            });
        })
    };
    let on_cancel = {
        let brush = brush.clone();
        Callback::from(move |_: PointerEvent| brush.set(None))
    };
    let on_clear_dates = {
        let dispatcher = state.dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::SetDateRange {
                first: None,
                last: None,
            })
        })
    };

    let (all, visible) = &*histogram;
    let tallest = f64::from(all.iter().copied().max().unwrap_or(0).max(1));
    let bar = |index: usize, count: u32, class: &'static str| {
        let bar_height = (f64::from(count) / tallest).sqrt() * (HEIGHT - 4.0);
        html! {
            <rect {class} x={fmt(index as f64 * BAR_WIDTH)} y={fmt(HEIGHT - bar_height)}
                width={fmt(BAR_WIDTH - 0.5)} height={fmt(bar_height)} />
        }
    };
    let bars_all = all
        .iter()
        .enumerate()
        .filter(|(_, &count)| count > 0)
        .map(|(index, &count)| bar(index, count, "ha-bar-all"));
    let bars_visible = visible
        .iter()
        .enumerate()
        .filter(|(_, &count)| count > 0)
        .map(|(index, &count)| bar(index, count, "ha-bar-visible"));
    let band = |start: f64, end: f64, class: &'static str| {
        let (x_start, x_end) = (scale.x_of(start).max(0.0), scale.x_of(end).min(width));
        (x_end > x_start).then(|| {
            html! { <rect {class} x={fmt(x_start)} y="0" width={fmt(x_end - x_start)} height={fmt(HEIGHT)} /> }
        })
    };
    let date_range = state.date_range.map(|range| {
        let start = date_of(whole.start()).map_or(whole.start(), |first| day_number(range.first().max(first)));
        let end = date_of(whole.end() - 1.0).map_or(whole.end(), |last| day_number(range.last().min(last)) + 1.0);
        band(start, end, "ha-overview-range")
    });
    let window = state.timeline.window;
    let dragging = brush.and_then(|(start, end)| band(start.min(end), start.max(end), "ha-overview-brush"));

    html! {
        <div class="ha-overview">
            <p class="ha-overview-label ha-muted">{ Message::OverviewLabel.text(lang) }</p>
            <div ref={strip} class="ha-overview-strip" onpointerdown={on_down} onpointermove={on_move}
                onpointerup={on_up} onpointercancel={on_cancel}>
                if width > 0.0 {
                    <svg width={fmt(width)} height={fmt(HEIGHT)} aria-hidden="true">
                        { for bars_all }
                        { for bars_visible }
                        { date_range.flatten() }
                        { band(window.start(), window.end(), "ha-overview-window") }
                        { dragging }
                    </svg>
                }
            </div>
            if state.date_range.is_some() {
                <button type="button" class="ha-tool ha-tool-text ha-clear-dates" onclick={on_clear_dates}>
                    { Message::ClearDates.text(lang) }
                </button>
            }
        </div>
    }
}
