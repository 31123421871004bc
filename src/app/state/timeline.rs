//! The timeline's part of the app state and its sub-reducer: [`TimelineState::apply`] is the
//! one place the window and the "show filtered-out events" choice change. Plain Rust over
//! `time`, tested natively.

use chrono::NaiveDate;
use fixedbitset::FixedBitSet;

use crate::app::shared::Shared;
use health_atlas_explore::query::Catalog;
use health_atlas_explore::time::{day_number, TimeWindow, TimelineIndex};

/// What the timeline shows: its index of spans (rebuilt with the catalog), the window in
/// view and whether filtered-out events stay visible, faded.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineState {
    pub index: Shared<TimelineIndex>,
    pub window: TimeWindow,
    /// The window that shows every event: where "show all" goes.
    pub whole: TimeWindow,
    /// The window the timeline opens at, left out of links: `whole`, or the same span centred
    /// on `today` when some event starts after it (a reader of a live calendar wants "now").
    pub opening: TimeWindow,
    /// The reader's day at start (see `StartOptions::today`), kept for datasets loaded later.
    pub today: Option<NaiveDate>,
    pub show_filtered_out: bool,
}

/// Which events "fit" brings into view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineFit {
    All,
    Filtered,
}

/// What the reader (or the app, for them) does to the timeline.
#[derive(Clone, Debug, PartialEq)]
pub enum TimelineAction {
    /// Zoom by `factor` (below 1 zooms in) keeping the instant at `anchor` (0..1 across) fixed.
    Zoom {
        factor: f64,
        anchor: f64,
    },
    /// Pan by a share of the visible span (positive is later).
    Pan(f64),
    SetWindow(TimeWindow),
    Fit(TimelineFit),
    ShowFilteredOut(bool),
    /// Bring an event's days into view (an event selected elsewhere); unchanged when visible.
    Reveal {
        first: NaiveDate,
        last: NaiveDate,
    },
}

impl TimelineState {
    /// The timeline of a catalog, at its opening window.
    pub fn new(catalog: &Catalog, today: Option<NaiveDate>) -> TimelineState {
        TimelineState::of_index(catalog, Shared::new(TimelineIndex::new(catalog.events())), today)
    }

    /// As [`TimelineState::new`], with the catalog's index built beforehand (by the loader).
    fn of_index(catalog: &Catalog, index: Shared<TimelineIndex>, today: Option<NaiveDate>) -> TimelineState {
        let whole = fit_window(&index, |_| true);
        let opening = match today {
            Some(today) if catalog.events().iter().any(|event| event.start > today) => {
                whole.centred_on(day_number(today) + 0.5)
            }
            _ => whole,
        };
        TimelineState {
            index,
            window: opening,
            whole,
            opening,
            today,
            show_filtered_out: false,
        }
    }

    /// The timeline of another catalog (`index` is its [`TimelineIndex`]): its own windows,
    /// the reader's choices kept.
    pub fn for_catalog(&self, catalog: &Catalog, index: Shared<TimelineIndex>) -> TimelineState {
        TimelineState {
            show_filtered_out: self.show_filtered_out,
            ..TimelineState::of_index(catalog, index, self.today)
        }
    }

    /// The next timeline after `action`; `visible` is the events that pass the filters (for
    /// "fit filtered"). A no-op gives an equal value (the caller keeps its state then).
    pub fn apply(&self, action: TimelineAction, visible: &FixedBitSet) -> TimelineState {
        let window = match action {
            TimelineAction::Zoom { factor, anchor } => self.window.zoomed(factor, anchor),
            TimelineAction::Pan(fraction) => self.window.panned(fraction),
            TimelineAction::SetWindow(window) => window,
            TimelineAction::Fit(fit) => self.fitted(fit, visible).unwrap_or(self.window),
            TimelineAction::Reveal { first, last } => self.window.revealing(first, last),
            TimelineAction::ShowFilteredOut(show) => {
                return TimelineState {
                    show_filtered_out: show,
                    ..self.clone()
                }
            }
        };
        TimelineState { window, ..self.clone() }
    }

    /// The window that shows every event, or those set in `visible`; `None` when `visible`
    /// leaves nothing to fit.
    pub fn fitted(&self, fit: TimelineFit, visible: &FixedBitSet) -> Option<TimeWindow> {
        match fit {
            TimelineFit::All => Some(self.whole),
            TimelineFit::Filtered if visible.is_clear() => None,
            TimelineFit::Filtered => Some(fit_window(&self.index, |event| visible.contains(event))),
        }
    }
}

/// The window that shows every event `include` keeps; the year 2024 when there are none.
pub(super) fn fit_window(index: &TimelineIndex, include: impl Fn(usize) -> bool) -> TimeWindow {
    match index.extent(include) {
        Some((start, end)) => TimeWindow::padded(start, end),
        None => TimeWindow::around(day_number(EMPTY_DATASET_YEAR) + 182.5, 365.0),
    }
}

/// Where an empty dataset's timeline looks: any year would do; a recent one is least odd.
const EMPTY_DATASET_YEAR: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline() -> (TimelineState, usize) {
        let catalog = Catalog::new(health_atlas_model::generate::generate(40, 3));
        let count = catalog.events().len();
        (TimelineState::new(&catalog, None), count)
    }

    fn all(count: usize) -> FixedBitSet {
        let mut visible = FixedBitSet::with_capacity(count);
        visible.insert_range(..);
        visible
    }

    #[test]
    fn zoom_pan_and_set_move_only_the_window() {
        let (timeline, count) = timeline();
        let visible = all(count);
        let zoomed = timeline.apply(
            TimelineAction::Zoom {
                factor: 0.5,
                anchor: 0.5,
            },
            &visible,
        );
        assert!((zoomed.window.span() - timeline.window.span() / 2.0).abs() < 1e-6);
        assert_eq!((zoomed.whole, zoomed.opening), (timeline.whole, timeline.opening));
        assert!(zoomed.index == timeline.index, "the index is never rebuilt by a move");
        let panned = zoomed.apply(TimelineAction::Pan(0.25), &visible);
        assert!((panned.window.start() - zoomed.window.start() - zoomed.window.span() / 4.0).abs() < 1e-6);
        let window = TimeWindow::around(day_number(EMPTY_DATASET_YEAR), 30.0);
        assert_eq!(panned.apply(TimelineAction::SetWindow(window), &visible).window, window);
    }

    #[test]
    fn fit_all_goes_to_the_whole_window_and_fit_filtered_to_the_visible_events() {
        let (timeline, count) = timeline();
        let moved = timeline.apply(TimelineAction::Pan(3.0), &all(count));
        assert_eq!(
            moved.apply(TimelineAction::Fit(TimelineFit::All), &all(count)).window,
            timeline.whole
        );
        // One event visible: the window fits its days, inside the whole window.
        let mut one = FixedBitSet::with_capacity(count);
        one.insert(7);
        let fitted = moved.apply(TimelineAction::Fit(TimelineFit::Filtered), &one);
        assert!(fitted.window.span() < timeline.whole.span());
        assert_eq!(Some(fitted.window), timeline.fitted(TimelineFit::Filtered, &one));
        // Nothing visible: nothing to fit, the window stays (a no-op, an equal value).
        let none = FixedBitSet::with_capacity(count);
        assert_eq!(moved.apply(TimelineAction::Fit(TimelineFit::Filtered), &none), moved);
    }

    #[test]
    fn show_filtered_out_is_kept_with_a_new_catalog_and_the_window_is_not() {
        let (timeline, count) = timeline();
        let faded = timeline.apply(TimelineAction::ShowFilteredOut(true), &all(count));
        assert!(faded.show_filtered_out);
        assert_eq!(faded.window, timeline.window);
        let moved = faded.apply(TimelineAction::Pan(1.0), &all(count));
        let other = Catalog::new(health_atlas_model::generate::generate(5, 9));
        let index = Shared::new(TimelineIndex::new(other.events()));
        let rebuilt = moved.for_catalog(&other, index.clone());
        assert!(rebuilt.show_filtered_out);
        assert_eq!(rebuilt.window, rebuilt.opening);
        assert!(rebuilt.index == index, "the index given (built by the loader)");
        let fresh = TimelineState::new(&other, moved.today);
        assert_eq!((rebuilt.whole, rebuilt.opening), (fresh.whole, fresh.opening));
    }

    #[test]
    fn reveal_centres_an_event_out_of_view_and_keeps_one_in_view() {
        let (timeline, count) = timeline();
        let day = |text: &str| health_atlas_model::parse_day(text).unwrap();
        let narrow = timeline.apply(
            TimelineAction::SetWindow(TimeWindow::around(day_number(day("2020-06-15")), 10.0)),
            &all(count),
        );
        let inside = narrow.apply(
            TimelineAction::Reveal {
                first: day("2020-06-15"),
                last: day("2020-06-15"),
            },
            &all(count),
        );
        assert_eq!(inside, narrow);
        let outside = narrow.apply(
            TimelineAction::Reveal {
                first: day("2022-01-01"),
                last: day("2022-01-01"),
            },
            &all(count),
        );
        assert!(outside.window.start() <= day_number(day("2022-01-01")));
        assert!(outside.window.end() > day_number(day("2022-01-01")));
    }
}
