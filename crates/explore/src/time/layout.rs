//! Where each event goes on the timeline: an index of event spans in time order, lane packing
//! for the items in view (no two overlap, each keeps room for its label), "+N" bins for what
//! does not fit, and the overview's density histogram.
//!
//! Everything is linear in the number of events at worst, and the output is bounded by the
//! width in pixels, not by the dataset: at 100,000 events a zoomed-out timeline draws a few
//! dozen items and bins, never one element per event.

use std::borrow::Cow;

use fixedbitset::FixedBitSet;

use super::window::{day_number, TimeScale};
use health_atlas_model::Event;

/// One event's time on the axis: `[start, end)` in day numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub event: usize,
    pub start: f64,
    pub end: f64,
}

/// Every event's span, ordered by start, then end, then position in the dataset.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimelineIndex {
    spans: Vec<Span>,
    /// `latest_end[i]` is the latest end among `spans[..=i]`: it never decreases, so a binary
    /// search finds the first span that can reach into a window, and zoomed-in layouts skip
    /// the years before it instead of scanning them.
    latest_end: Vec<f64>,
}

/// Which way the keyboard moves through events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Earlier,
    Later,
    First,
    Last,
}

impl TimelineIndex {
    pub fn new(events: &[Event]) -> TimelineIndex {
        let mut spans: Vec<Span> = events
            .iter()
            .enumerate()
            .map(|(event, data)| Span {
                event,
                start: day_number(data.start),
                end: day_number(data.last_day()) + 1.0,
            })
            .collect();
        spans.sort_by(|a, b| {
            a.start
                .total_cmp(&b.start)
                .then(a.end.total_cmp(&b.end))
                .then(a.event.cmp(&b.event))
        });
        TimelineIndex::from_sorted(spans)
    }

    fn from_sorted(spans: Vec<Span>) -> TimelineIndex {
        let latest_end = spans
            .iter()
            .scan(f64::NEG_INFINITY, |latest, span| {
                *latest = latest.max(span.end);
                Some(*latest)
            })
            .collect();
        TimelineIndex { spans, latest_end }
    }

    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The spans that may overlap `[start, end)`, in time order: from the first that ends
    /// after `start` up to the last that starts before `end`. Callers still check overlap:
    /// a short span between two long ones may lie entirely before `start`.
    pub fn spans_reaching(&self, start: f64, end: f64) -> &[Span] {
        let first = self.latest_end.partition_point(|&latest| latest <= start);
        let last = self.spans.partition_point(|span| span.start < end);
        self.spans.get(first..last.max(first)).unwrap_or(&[])
    }

    /// The time covered by the events `include` keeps: for "fit all" / "fit filtered".
    pub fn extent(&self, include: impl Fn(usize) -> bool) -> Option<(f64, f64)> {
        let mut kept = self.spans.iter().filter(|span| include(span.event));
        let first = kept.next()?;
        let (start, end) = kept.fold((first.start, first.end), |(start, end), span| {
            (start, end.max(span.end))
        });
        Some((start, end))
    }

    /// The event a key press moves to among those `include` keeps, in time order. From no
    /// event (or one not kept), Later and First go to the first, Earlier and Last to the last.
    pub fn step(&self, from: Option<usize>, step: Step, include: impl Fn(usize) -> bool) -> Option<usize> {
        let kept: Vec<usize> = self
            .spans
            .iter()
            .map(|span| span.event)
            .filter(|&event| include(event))
            .collect();
        let position = from.and_then(|from| kept.iter().position(|&event| event == from));
        let target = match (step, position) {
            (Step::First, _) | (Step::Later, None) => 0,
            (Step::Last, _) | (Step::Earlier, None) => kept.len().checked_sub(1)?,
            (Step::Later, Some(position)) => (position + 1).min(kept.len() - 1),
            (Step::Earlier, Some(position)) => position.saturating_sub(1),
        };
        kept.get(target).copied()
    }
}

/// Sizes that shape the layout, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutOptions {
    pub lanes: usize,
    /// The width a one-day event is drawn with when a day is narrower than this.
    pub marker_width: f64,
    /// Room kept after each item's marker for the start of its label.
    pub label_width: f64,
    /// Empty space between neighbours in a lane.
    pub gap: f64,
    /// Width of the columns that collect what does not fit into "+N" bins.
    pub bin_width: f64,
}

impl Default for LayoutOptions {
    fn default() -> LayoutOptions {
        LayoutOptions {
            lanes: 6,
            marker_width: 10.0,
            label_width: 110.0,
            gap: 6.0,
            bin_width: 44.0,
        }
    }
}

/// An event drawn in a lane. `x_end` is where its bar (or marker) ends; its label may use
/// `label_room` pixels after the marker start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedItem {
    pub event: usize,
    pub lane: usize,
    pub x_start: f64,
    pub x_end: f64,
    pub label_room: f64,
    /// Drawn faded: the event is filtered out but the visitor chose to see such events.
    pub faded: bool,
}

/// Events that found no free lane, gathered by column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverflowBin {
    pub x_start: f64,
    pub x_end: f64,
    pub count: usize,
    /// The time those events cover, to zoom in on when the bin is clicked.
    pub start: f64,
    pub end: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub items: Vec<PlacedItem>,
    pub overflow: Vec<OverflowBin>,
}

/// How an event takes part in the drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    Hidden,
    Shown,
    Faded,
}

/// Packs the events in view into lanes, greedily in time order (first free lane wins), and
/// counts the rest into bins. `presence` says which events take part.
pub fn layout(
    index: &TimelineIndex,
    scale: &TimeScale,
    options: LayoutOptions,
    presence: impl Fn(usize) -> Presence,
) -> Layout {
    let window = scale.window();
    let mut lane_ends = vec![f64::NEG_INFINITY; options.lanes];
    let mut layout = Layout::default();
    let bin_width = options.bin_width.max(1.0);
    for span in index.spans_reaching(window.start(), window.end()) {
        if !window.overlaps(span.start, span.end) {
            continue;
        }
        let faded = match presence(span.event) {
            Presence::Hidden => continue,
            Presence::Shown => false,
            Presence::Faded => true,
        };
        let x_start = scale.x_of(span.start);
        let x_end = scale.x_of(span.end).max(x_start + options.marker_width);
        // A bar that starts off-screen keeps its label on screen, so reserve from the edge.
        let label_start = x_start.max(0.0);
        let footprint_end = x_end.max(label_start + options.marker_width + options.label_width);
        match lane_ends.iter().position(|&lane_end| lane_end + options.gap <= x_start) {
            Some(lane) => {
                lane_ends[lane] = footprint_end;
                layout.items.push(PlacedItem {
                    event: span.event,
                    lane,
                    x_start,
                    x_end,
                    label_room: footprint_end - label_start - options.marker_width,
                    faded,
                });
            }
            None => add_to_bin(&mut layout.overflow, label_start, bin_width, span),
        }
    }
    layout
}

fn add_to_bin(bins: &mut Vec<OverflowBin>, x: f64, bin_width: f64, span: &Span) {
    let column = (x / bin_width).floor();
    let x_start = column * bin_width;
    // Spans arrive in start order, so a column's bin is always the last one made.
    match bins.last_mut() {
        Some(bin) if bin.x_start == x_start => {
            bin.count += 1;
            bin.start = bin.start.min(span.start);
            bin.end = bin.end.max(span.end);
        }
        _ => bins.push(OverflowBin {
            x_start,
            x_end: x_start + bin_width,
            count: 1,
            start: span.start,
            end: span.end,
        }),
    }
}

/// How many kept events start in each of `bins` equal stretches of `[start, end)`: the
/// overview's histogram. Events starting outside the stretch are not counted.
pub fn density(index: &TimelineIndex, start: f64, end: f64, bins: usize, include: impl Fn(usize) -> bool) -> Vec<u32> {
    let mut counts = vec![0_u32; bins];
    if bins == 0 || !start.is_finite() || !end.is_finite() || start >= end {
        return counts;
    }
    let per_bin = (end - start) / bins as f64;
    for span in index.spans() {
        if span.start < start || span.start >= end || !include(span.event) {
            continue;
        }
        let bin = (((span.start - start) / per_bin) as usize).min(bins - 1);
        counts[bin] += 1;
    }
    counts
}

/// The visible event set as a membership test, for [`layout`] and [`density`].
pub fn presence_in(visible: &FixedBitSet, show_filtered_out: bool) -> impl Fn(usize) -> Presence + '_ {
    move |event| match (visible.contains(event), show_filtered_out) {
        (true, _) => Presence::Shown,
        (false, true) => Presence::Faded,
        (false, false) => Presence::Hidden,
    }
}

/// `text` cut to fit `room` pixels at `font_size`, ending in "…" when cut. Widths are
/// estimated (CJK characters a full em, others about 0.6 em) because the domain code cannot
/// measure text; the estimate errs wide so labels never run into their neighbours.
pub fn truncate_label(text: &str, room: f64, font_size: f64) -> Cow<'_, str> {
    let width = |character: char| font_size * if is_wide(character) { 1.0 } else { 0.62 };
    let total: f64 = text.chars().map(width).sum();
    if total <= room {
        return Cow::Borrowed(text);
    }
    let ellipsis = width('…');
    if room < ellipsis {
        return Cow::Borrowed("");
    }
    let mut used = ellipsis;
    let mut kept = String::new();
    for character in text.chars() {
        used += width(character);
        if used > room {
            break;
        }
        kept.push(character);
    }
    let trimmed = kept.trim_end();
    Cow::Owned(format!("{trimmed}…"))
}

/// East Asian wide characters (CJK ideographs, kana, hangul, full-width forms).
fn is_wide(character: char) -> bool {
    matches!(character as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::TimeWindow;
    use health_atlas_model::generate::generate;

    fn index_of(spans: &[(f64, f64)]) -> TimelineIndex {
        TimelineIndex::from_sorted(
            spans
                .iter()
                .enumerate()
                .map(|(event, &(start, end))| Span { event, start, end })
                .collect(),
        )
    }

    #[test]
    fn spans_reaching_a_window_skip_what_ended_before_it_but_keep_long_spans() {
        let index = index_of(&[(0.0, 1.0), (2.0, 50.0), (3.0, 4.0), (10.0, 11.0), (60.0, 61.0)]);
        let events =
            |start, end| -> Vec<usize> { index.spans_reaching(start, end).iter().map(|span| span.event).collect() };
        // The long span (2..50) keeps everything after it in the candidates.
        assert_eq!(events(20.0, 30.0), [1, 2, 3]);
        assert_eq!(events(55.0, 70.0), [4]);
        assert_eq!(events(0.5, 1.5), [0]);
        assert!(events(100.0, 200.0).is_empty());
        assert!(events(-10.0, -5.0).is_empty());
    }

    fn scale(start: f64, end: f64, width: f64) -> TimeScale {
        TimeScale::new(TimeWindow::new(start, end).unwrap(), width)
    }

    fn shown(_: usize) -> Presence {
        Presence::Shown
    }

    #[test]
    fn items_in_one_lane_never_overlap_and_the_rest_go_to_bins() {
        // Ten one-day events on consecutive days, 10 px per day: only every 13th day fits a
        // lane with its label (10 + 110 + 6 px), so with 2 lanes most overflow.
        let spans: Vec<(f64, f64)> = (0..10).map(|day| (f64::from(day), f64::from(day) + 1.0)).collect();
        let options = LayoutOptions {
            lanes: 2,
            ..LayoutOptions::default()
        };
        let layout = layout(&index_of(&spans), &scale(0.0, 100.0, 1000.0), options, shown);
        assert_eq!(
            layout
                .items
                .iter()
                .map(|item| (item.event, item.lane))
                .collect::<Vec<_>>(),
            [(0, 0), (1, 1)]
        );
        let binned: usize = layout.overflow.iter().map(|bin| bin.count).sum();
        assert_eq!(binned, 8);
        assert_eq!(layout.overflow[0].x_start, 0.0);
        // 44 px columns: days 2–4, 5–8 and 9 (x = 20..90).
        let counts: Vec<usize> = layout.overflow.iter().map(|bin| bin.count).collect();
        assert_eq!(counts, [3, 4, 1]);
        assert_eq!((layout.overflow[0].start, layout.overflow[2].end), (2.0, 10.0));
    }

    #[test]
    fn generated_data_packs_without_overlap_and_accounts_for_every_event_in_view() {
        let dataset = generate(2000, 7);
        let index = TimelineIndex::new(&dataset.events);
        let (start, end) = index.extent(|_| true).unwrap();
        let scale = TimeScale::new(TimeWindow::new(start, (start + end) / 2.0).unwrap(), 1200.0);
        let options = LayoutOptions::default();
        let layout = layout(&index, &scale, options, shown);
        for (number, item) in layout.items.iter().enumerate() {
            for other in &layout.items[number + 1..] {
                if item.lane == other.lane {
                    let item_end = item
                        .x_end
                        .max(item.x_start.max(0.0) + options.marker_width + item.label_room);
                    assert!(other.x_start >= item_end + options.gap - 1e-9, "{item:?} {other:?}");
                }
            }
        }
        let in_view = index
            .spans()
            .iter()
            .filter(|span| scale.window().overlaps(span.start, span.end))
            .count();
        let binned: usize = layout.overflow.iter().map(|bin| bin.count).sum();
        assert_eq!(layout.items.len() + binned, in_view);
        assert!(layout.items.len() <= options.lanes * 1200 / 100, "bounded by the width");
    }

    #[test]
    fn hidden_events_are_skipped_and_faded_ones_marked() {
        let index = index_of(&[(0.0, 1.0), (50.0, 51.0), (80.0, 81.0)]);
        let mut visible = FixedBitSet::with_capacity(3);
        visible.insert(1);
        let hide = layout(
            &index,
            &scale(0.0, 100.0, 1000.0),
            LayoutOptions::default(),
            presence_in(&visible, false),
        );
        assert_eq!(hide.items.iter().map(|item| item.event).collect::<Vec<_>>(), [1]);
        let fade = layout(
            &index,
            &scale(0.0, 100.0, 1000.0),
            LayoutOptions::default(),
            presence_in(&visible, true),
        );
        assert_eq!(
            fade.items
                .iter()
                .map(|item| (item.event, item.faded))
                .collect::<Vec<_>>(),
            [(0, true), (1, false), (2, true)]
        );
    }

    #[test]
    fn spans_outside_the_window_are_not_drawn_but_long_ones_through_it_are() {
        let index = index_of(&[(0.0, 5.0), (10.0, 400.0), (500.0, 501.0)]);
        let layout = layout(&index, &scale(100.0, 200.0, 1000.0), LayoutOptions::default(), shown);
        assert_eq!(layout.items.len(), 1);
        assert_eq!(layout.items[0].event, 1);
        assert!(layout.items[0].x_start < 0.0 && layout.items[0].x_end > 1000.0);
    }

    #[test]
    fn the_index_orders_by_start_and_steps_through_kept_events() {
        let dataset = health_atlas_dataset::embedded_dataset().unwrap();
        let index = TimelineIndex::new(&dataset.events);
        let starts: Vec<f64> = index.spans().iter().map(|span| span.start).collect();
        assert!(starts.windows(2).all(|pair| pair[0] <= pair[1]));
        let index = index_of(&[(0.0, 1.0), (5.0, 6.0), (9.0, 10.0)]);
        let all = |_: usize| true;
        assert_eq!(index.step(None, Step::Later, all), Some(0));
        assert_eq!(index.step(None, Step::Earlier, all), Some(2));
        assert_eq!(index.step(Some(0), Step::Later, all), Some(1));
        assert_eq!(index.step(Some(2), Step::Later, all), Some(2), "stays at the end");
        assert_eq!(index.step(Some(0), Step::Earlier, all), Some(0));
        assert_eq!(index.step(Some(0), Step::Last, all), Some(2));
        assert_eq!(
            index.step(Some(0), Step::Later, |event| event != 1),
            Some(2),
            "skips filtered-out"
        );
        assert_eq!(index.step(Some(0), Step::Later, |_| false), None);
        assert_eq!(index.extent(|event| event != 0), Some((5.0, 10.0)));
        assert_eq!(index.extent(|_| false), None);
    }

    #[test]
    fn density_counts_starts_per_bin() {
        let index = index_of(&[(0.0, 1.0), (1.0, 2.0), (5.0, 6.0), (9.9, 10.0), (10.0, 11.0)]);
        assert_eq!(density(&index, 0.0, 10.0, 2, |_| true), [2, 2]);
        assert_eq!(density(&index, 0.0, 10.0, 2, |event| event != 0), [1, 2]);
        assert_eq!(density(&index, 10.0, 0.0, 2, |_| true), [0, 0]);
        assert!(density(&index, 0.0, 10.0, 0, |_| true).is_empty());
    }

    #[test]
    fn labels_are_cut_with_an_ellipsis_by_estimated_width() {
        assert_eq!(truncate_label("TBHC 2023", 200.0, 12.0), "TBHC 2023");
        assert_eq!(truncate_label("Tianjin Biomedical Conference", 60.0, 10.0), "Tianjin…");
        // Six ideographs at 12 px need 72 px; 50 px keeps three and the ellipsis.
        assert_eq!(truncate_label("无锡健康大会", 50.0, 12.0), "无锡健…");
        assert_eq!(truncate_label("无锡健康大会", 3.0, 12.0), "");
    }
}
