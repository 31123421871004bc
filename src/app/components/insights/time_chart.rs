//! Events over time: stacked bars per period, one segment per category. Dragging across the
//! bars (or Shift with the arrow keys, then Enter) sets the date range; clicking a segment,
//! or a legend entry, toggles its category.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::chart_frame::{ChartFrame, Files};
use super::{Context, InsightsProps};
use crate::app::components::category_shape;
use crate::app::components::delegation::target_data;
use crate::app::hooks::use_width;
use health_atlas_explore::i18n::{category_label, event_count, format_count, time_summary, InsightMessage};
use health_atlas_explore::insights::export::{bars_svg, csv_of};
use health_atlas_explore::insights::InsightRequest;
use health_atlas_explore::insights::{time_bars, TimeBars};
use health_atlas_explore::query::Facet;
use health_atlas_model::Category;

const HEIGHT: f64 = 200.0;
const TOP: f64 = 10.0;
const LEFT: f64 = 36.0;
const AXIS: f64 = 22.0;

#[derive(Properties, PartialEq)]
pub struct TimeChartProps {
    pub insights: InsightsProps,
    pub context: Context,
}

/// A drag or a keyboard choice across bars: where it started and where it is.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Brush {
    anchor: usize,
    current: usize,
    /// The segment's category the press began on: a press without a drag toggles it.
    category: Option<Category>,
    dragging: bool,
}

impl Brush {
    fn span(&self) -> (usize, usize) {
        (self.anchor.min(self.current), self.anchor.max(self.current))
    }
}

#[component]
pub fn TimeChart(props: &TimeChartProps) -> Html {
    let insights = &props.insights;
    let lang = insights.lang;
    let bars: Rc<TimeBars> = use_memo(
        (
            insights.catalog.clone(),
            insights.filters.clone(),
            insights.within.clone(),
            props.context.index.clone(),
        ),
        |(catalog, filters, within, index)| time_bars(index, catalog, filters, within.as_deref().map(|set| &**set)),
    );
    let wrap = use_node_ref();
    let svg_ref = use_node_ref();
    let width = use_width(wrap.clone()).max(280.0);
    // The drag and the keyboard's place live in cells the handlers read and write at once
    // (a pointer-up can come before the re-render a pointer-down asked for); `shown` mirrors
    // them for drawing.
    let brush = use_mut_ref(|| None::<Brush>);
    let cursor = use_mut_ref(|| 0usize);
    let shown = use_state_eq(|| (None::<Brush>, 0usize));
    let show = {
        let (brush, cursor, shown) = (brush.clone(), cursor.clone(), shown.clone());
        move || shown.set((*brush.borrow(), *cursor.borrow()))
    };
    let count = bars.bars.len();
    let slot = (width - LEFT) / count.max(1) as f64;
    let labels: Vec<String> = bars.bars.iter().map(|bar| bar.label(bars.period, lang)).collect();
    let names: [&'static str; 10] = std::array::from_fn(|position| category_label(Category::ALL[position], lang));
    let title = InsightMessage::EventsOverTime.text(lang).to_owned();

    let bar_at = {
        let svg_ref = svg_ref.clone();
        move |client_x: i32| -> usize {
            let left = svg_ref
                .cast::<Element>()
                .map_or(0.0, |svg| svg.get_bounding_client_rect().left());
            (((f64::from(client_x) - left - LEFT) / slot).floor().max(0.0) as usize).min(count.saturating_sub(1))
        }
    };
    let apply = {
        let (on_request, bars) = (insights.on_request.clone(), bars.clone());
        move |(first, last): (usize, usize)| {
            if let (Some(first), Some(last)) = (bars.bars.get(first), bars.bars.get(last)) {
                on_request.emit(InsightRequest::SetDateRange {
                    first: Some(first.first),
                    last: Some(last.last),
                });
            }
        }
    };
    let on_down = {
        let (brush, bar_at, show, drawing) = (brush.clone(), bar_at.clone(), show.clone(), svg_ref.clone());
        Callback::from(move |event: PointerEvent| {
            if count == 0 || event.button() != 0 {
                return;
            }
            let bar = bar_at(event.client_x());
            let category = target_data(&event, "data-cat").and_then(|slug| Category::from_slug(&slug));
            // On the drawing itself: Yew delegates listeners, so the event's current target is
            // the app's root, and capturing there would take the pointer away from the drawing.
            if let Some(svg) = drawing.cast::<Element>() {
                let _ = svg.set_pointer_capture(event.pointer_id());
            }
            *brush.borrow_mut() = Some(Brush {
                anchor: bar,
                current: bar,
                category,
                dragging: true,
            });
            show();
        })
    };
    let on_move = {
        let (brush, show) = (brush.clone(), show.clone());
        Callback::from(move |event: PointerEvent| {
            let Some(current) = *brush.borrow() else { return };
            let bar = bar_at(event.client_x());
            if current.dragging && bar != current.current {
                *brush.borrow_mut() = Some(Brush {
                    current: bar,
                    ..current
                });
                show();
            }
        })
    };
    let on_up = {
        let (brush, apply, on_request, show) =
            (brush.clone(), apply.clone(), insights.on_request.clone(), show.clone());
        Callback::from(move |_: PointerEvent| {
            let Some(done) = *brush.borrow() else { return };
            if !done.dragging {
                return;
            }
            *brush.borrow_mut() = None;
            show();
            if done.anchor != done.current {
                apply(done.span());
            } else if let Some(category) = done.category {
                on_request.emit(InsightRequest::ToggleFacet {
                    facet: Facet::Category,
                    key: category.slug().to_owned(),
                });
            }
        })
    };
    let on_key = {
        let (brush, cursor) = (brush.clone(), cursor.clone());
        Callback::from(move |event: KeyboardEvent| {
            if count == 0 {
                return;
            }
            let at = (*cursor.borrow()).min(count - 1);
            let held = *brush.borrow();
            let next = match event.key().as_str() {
                "ArrowRight" | "ArrowDown" => (at + 1).min(count - 1),
                "ArrowLeft" | "ArrowUp" => at.saturating_sub(1),
                "Home" => 0,
                "End" => count - 1,
                "Enter" | " " => {
                    event.prevent_default();
                    let span = held.map_or((at, at), |brush| brush.span());
                    *brush.borrow_mut() = None;
                    show();
                    apply(span);
                    return;
                }
                "Escape" => {
                    *brush.borrow_mut() = None;
                    show();
                    return;
                }
                _ => return,
            };
            event.prevent_default();
            let anchor = match held {
                Some(previous) if event.shift_key() => previous.anchor,
                _ if event.shift_key() => at,
                _ => next,
            };
            *brush.borrow_mut() = event.shift_key().then_some(Brush {
                anchor,
                current: next,
                category: None,
                dragging: false,
            });
            *cursor.borrow_mut() = next;
            show();
        })
    };

    let highest = bars.bars.iter().map(|bar| bar.total()).max().unwrap_or(0).max(1);
    let any_selected = bars.selected.iter().any(|&selected| selected);
    let (shown_brush, shown_cursor) = *shown;
    let brushed = shown_brush.map(|brush| brush.span());
    let label_every = ((40.0 / slot).ceil() as usize).max(1);
    let plot = HEIGHT - TOP - AXIS;
    let at_cursor = shown_cursor.min(count.saturating_sub(1));
    // What the keyboard's bar says (a live region: the bars themselves are not focusable, the
    // drawing is, as the timeline's).
    let describe = |position: usize| -> String {
        let Some(bar) = bars.bars.get(position) else {
            return String::new();
        };
        let parts: Vec<String> = Category::ALL
            .into_iter()
            .zip(bar.counts)
            .filter(|(_, count)| *count > 0)
            .map(|(category, count)| format!("{} {}", names[category as usize], format_count(count as usize, lang)))
            .collect();
        format!(
            "{}: {}{}{}",
            labels[position],
            event_count(bar.total() as usize, lang),
            if parts.is_empty() { "" } else { " · " },
            parts.join(", ")
        )
    };
    let announced = match brushed {
        Some((first, last)) if first != last => format!("{} – {}", labels[first], labels[last]),
        _ => describe(at_cursor),
    };
    let drawn_bars = bars.bars.iter().enumerate().map(|(position, bar)| {
        let x = LEFT + slot * position as f64;
        let mut y = TOP + plot;
        let segments = Category::ALL.into_iter().zip(bar.counts).filter(|(_, count)| *count > 0).map(|(category, count)| {
            let h = plot * f64::from(count) / f64::from(highest);
            y -= h;
            let dim = any_selected && !bars.selected[category as usize];
            html! {
                <rect class={classes!("ha-seg", format!("ha-cat-{}", category.slug()), dim.then_some("ha-dim"))}
                    data-cat={category.slug()} x={format!("{:.1}", x + 1.0)} y={format!("{y:.1}")}
                    width={format!("{:.1}", (slot - 2.0).max(1.0))} height={format!("{h:.1}")} />
            }
        });
        let in_brush = brushed.is_some_and(|(first, last)| first <= position && position <= last);
        html! {
            <g class={classes!("ha-bar", in_brush.then_some("ha-brushed"), (position == at_cursor).then_some("ha-cursor"))}
                data-bar={position.to_string()}>
                <rect class="ha-bar-slot" x={format!("{x:.1}")} y={TOP.to_string()} width={format!("{slot:.1}")} height={format!("{plot:.1}")} />
                { for segments }
                if position % label_every == 0 {
                    <text class="ha-bar-label" x={format!("{:.1}", x + slot / 2.0)} y={format!("{:.1}", HEIGHT - 6.0)} text-anchor="middle" aria-hidden="true">
                        { labels[position].clone() }
                    </text>
                }
            </g>
        }
    });
    let chart = if count == 0 {
        html! { <p class="ha-muted">{ InsightMessage::NothingToChart.text(lang) }</p> }
    } else {
        html! {
            <>
                <p class="ha-muted ha-insight-help" id="ha-time-help">{ InsightMessage::TimeHelp.text(lang) }</p>
                <div class="ha-bars-wrap" ref={wrap.clone()}>
                    <svg class="ha-bars" ref={svg_ref} width={width.to_string()} height={HEIGHT.to_string()} role="group" tabindex="0"
                        aria-label={title.clone()} aria-describedby="ha-time-help"
                        onpointerdown={on_down} onpointermove={on_move} onpointerup={on_up.clone()} onpointercancel={on_up} onkeydown={on_key}>
                        <text class="ha-axis-label" x={(LEFT - 4.0).to_string()} y={(TOP + 8.0).to_string()} text-anchor="end" aria-hidden="true">{ format_count(highest as usize, lang) }</text>
                        <text class="ha-axis-label" x={(LEFT - 4.0).to_string()} y={(TOP + plot).to_string()} text-anchor="end" aria-hidden="true">{ "0" }</text>
                        { for drawn_bars }
                    </svg>
                </div>
                <p class="ha-visually-hidden ha-bars-live" aria-live="polite">{ announced }</p>
                <Legend bars={bars.clone()} lang={lang} on_request={insights.on_request.clone()} />
            </>
        }
    };
    // Before the first bars are drawn the wrapper is measured: keep it in the page.
    let chart = if count == 0 {
        html! { <div ref={wrap}>{ chart }</div> }
    } else {
        chart
    };

    let present: Vec<usize> = (0..10)
        .filter(|&c| bars.bars.iter().any(|bar| bar.counts[c] > 0))
        .collect();
    let table = html! {
        <table class="ha-table">
            <caption class="ha-visually-hidden">{ title.clone() }</caption>
            <thead><tr>
                <th scope="col">{ InsightMessage::Period.text(lang) }</th>
                { for present.iter().map(|&c| html! { <th scope="col">{ names[c] }</th> }) }
                <th scope="col">{ InsightMessage::Total.text(lang) }</th>
            </tr></thead>
            <tbody>
                { for bars.bars.iter().zip(&labels).map(|(bar, label)| html! {
                    <tr>
                        <th scope="row">{ label.clone() }</th>
                        { for present.iter().map(|&c| html! { <td>{ format_count(bar.counts[c] as usize, lang) }</td> }) }
                        <td>{ format_count(bar.total() as usize, lang) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    };
    let summary = match (
        bars.bars.first(),
        bars.bars.last(),
        bars.bars.iter().zip(&labels).max_by_key(|(bar, _)| bar.total()),
    ) {
        (Some(_), Some(_), Some((busiest, busiest_label))) if bars.total() > 0 => time_summary(
            bars.total() as usize,
            &labels[0],
            &labels[count - 1],
            busiest_label,
            busiest.total() as usize,
            lang,
        ),
        _ => InsightMessage::NothingToChart.text(lang).to_owned(),
    };
    let files = Files {
        name: "events-over-time",
        svg: {
            let (bars, labels, title) = (bars.clone(), labels.clone(), title.clone());
            Callback::from(move |_| bars_svg(&bars, &title, &labels, &names, category_shape))
        },
        csv: {
            let (bars, labels) = (bars.clone(), labels.clone());
            let header: Vec<String> = [InsightMessage::Period.text(lang), "first", "last"]
                .into_iter()
                .chain(names)
                .chain([InsightMessage::Total.text(lang)])
                .map(str::to_owned)
                .collect();
            Callback::from(move |_| {
                csv_of(
                    std::iter::once(header.clone()).chain(bars.bars.iter().zip(&labels).map(|(bar, label)| {
                        [label.clone(), bar.first.to_string(), bar.last.to_string()]
                            .into_iter()
                            .chain(bar.counts.iter().map(u32::to_string))
                            .chain([bar.total().to_string()])
                            .collect()
                    })),
                )
            })
        },
    };
    let tools = if insights.filters.date_range.is_some() {
        let on_request = insights.on_request.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            on_request.emit(InsightRequest::SetDateRange {
                first: None,
                last: None,
            })
        });
        html! { <button type="button" class="ha-tool ha-tool-text" {onclick}>{ InsightMessage::ClearDates.text(lang) }</button> }
    } else {
        Html::default()
    };
    html! { <ChartFrame id="ha-insight-time" {title} {summary} {lang} {files} {chart} {table} {tools} /> }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    bars: Rc<TimeBars>,
    lang: health_atlas_model::Lang,
    on_request: Callback<InsightRequest>,
}

/// The categories with their colour, shape and count; each toggles its category (the
/// keyboard's way to what clicking a segment does).
#[component]
fn Legend(props: &LegendProps) -> Html {
    let lang = props.lang;
    let entries = Category::ALL
        .into_iter()
        .enumerate()
        .filter_map(|(position, category)| {
            let total: u32 = props.bars.bars.iter().map(|bar| bar.counts[position]).sum();
            let selected = props.bars.selected[position];
            if total == 0 && !selected {
                return None;
            }
            let onclick = {
                let on_request = props.on_request.clone();
                Callback::from(move |_: MouseEvent| {
                    on_request.emit(InsightRequest::ToggleFacet {
                        facet: Facet::Category,
                        key: category.slug().to_owned(),
                    })
                })
            };
            Some(html! {
                <li>
                    <button type="button" class={classes!("ha-legend-entry", format!("ha-cat-{}", category.slug()))}
                        aria-pressed={selected.to_string()} {onclick}>
                        <svg class="ha-legend-shape" width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true">
                            <path d={category_shape(category)} />
                        </svg>
                        { format!("{} ({})", category_label(category, lang), format_count(total as usize, lang)) }
                    </button>
                </li>
            })
        });
    html! { <ul class="ha-legend">{ for entries }</ul> }
}
