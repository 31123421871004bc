//! The visible stretch of time and how it maps onto pixels.
//!
//! Time is measured in *day numbers*: days since 0001-01-01 (chrono's "days from CE" minus one),
//! as `f64` so that hours are fractions. Day `d` covers `[d, d + 1)`, so an event on
//! 2023-12-09 spans one unit and a three-day conference three. Calendar days never pass through
//! UTC or a time zone: the dataset's dates are local days, and so is the axis.

use chrono::{Datelike, NaiveDate};

/// The shortest window: one day, where the axis shows hours.
pub const MIN_SPAN_DAYS: f64 = 1.0;
/// The longest window: about thirty years.
pub const MAX_SPAN_DAYS: f64 = 30.0 * 365.25;
/// Share of the span left empty on each side when fitting events.
const FIT_PADDING: f64 = 0.05;

/// The day number of a calendar day.
pub fn day_number(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce() - 1)
}

/// The calendar day containing a day number; `None` outside chrono's range or for NaN.
pub fn date_of(day: f64) -> Option<NaiveDate> {
    if !day.is_finite() || day.abs() > f64::from(i32::MAX) - 2.0 {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(day.floor() as i32 + 1)
}

/// Day numbers of the earliest and latest days the app can show: windows are kept inside them
/// so that every tick has a calendar date.
fn representable() -> (f64, f64) {
    let first = NaiveDate::from_ymd_opt(1, 1, 1).map_or(0.0, day_number);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).map_or(3_652_058.0, day_number);
    (first, last + 1.0)
}

/// A half-open stretch of time `[start, end)` in day numbers. Its span is kept between
/// [`MIN_SPAN_DAYS`] and [`MAX_SPAN_DAYS`] and inside years 1–9999 by every constructor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeWindow {
    start: f64,
    end: f64,
}

impl TimeWindow {
    /// `None` when `end` is not after `start` or either is not finite. A span outside the
    /// limits is widened or narrowed about its centre.
    pub fn new(start: f64, end: f64) -> Option<TimeWindow> {
        (start.is_finite() && end.is_finite() && start < end)
            .then(|| TimeWindow::around((start + end) / 2.0, end - start))
    }

    /// The window around the days `first..=last` with a margin on both sides; a single day
    /// gets at least [`MIN_SPAN_DAYS`]. `None` when `last` is before `first`.
    pub fn fitting(first: NaiveDate, last: NaiveDate) -> Option<TimeWindow> {
        if last < first {
            return None;
        }
        Some(TimeWindow::padded(day_number(first), day_number(last) + 1.0))
    }

    /// The window around the instants `start..end` with a margin on both sides (in either
    /// order; non-finite values give a year around day 0 rather than an error).
    pub fn padded(start: f64, end: f64) -> TimeWindow {
        let (start, end) = (start.min(end), start.max(end));
        let span = (end - start) * (1.0 + 2.0 * FIT_PADDING);
        TimeWindow::around((start + end) / 2.0, span)
    }

    /// The window of `span` days centred on `centre`, kept within the span limits and the
    /// calendar. This is the one place the invariants are enforced.
    pub fn around(centre: f64, span: f64) -> TimeWindow {
        let centre = if centre.is_finite() { centre } else { 0.0 };
        let span = if span.is_finite() { span } else { 365.0 };
        let span = span.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let (lowest, highest) = representable();
        let centre = centre.clamp(lowest + span / 2.0, highest - span / 2.0);
        TimeWindow {
            start: centre - span / 2.0,
            end: centre + span / 2.0,
        }
    }

    pub fn start(&self) -> f64 {
        self.start
    }

    pub fn end(&self) -> f64 {
        self.end
    }

    pub fn span(&self) -> f64 {
        self.end - self.start
    }

    pub fn centre(&self) -> f64 {
        (self.start + self.end) / 2.0
    }

    /// The first and last calendar days the window touches (for links and the date inputs).
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((date_of(self.start)?, date_of((self.end - 1e-9).max(self.start))?))
    }

    /// Zooms by `factor` (below 1 zooms in) keeping the instant at `anchor` (0 = left edge,
    /// 1 = right edge) where it is on screen, as a wheel zoom keeps the instant under the
    /// pointer. At a span limit the window stops changing instead of drifting.
    pub fn zoomed(self, factor: f64, anchor: f64) -> TimeWindow {
        if !factor.is_finite() || factor <= 0.0 {
            return self;
        }
        let anchor = if anchor.is_finite() {
            anchor.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let span = (self.span() * factor).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let pinned = self.start + anchor * self.span();
        let start = pinned - anchor * span;
        TimeWindow::around(start + span / 2.0, span)
    }

    /// Moves by `fraction` of the span (positive moves later in time).
    pub fn panned(self, fraction: f64) -> TimeWindow {
        if !fraction.is_finite() {
            return self;
        }
        TimeWindow::around(self.centre() + fraction * self.span(), self.span())
    }

    /// The same span, centred on `day`.
    pub fn centred_on(self, day: f64) -> TimeWindow {
        if !day.is_finite() {
            return self;
        }
        TimeWindow::around(day, self.span())
    }

    /// Unchanged when the days `first..=last` are already fully in view; otherwise centred on
    /// them, zoomed out just enough when they are longer than the window. Used when an event is
    /// selected elsewhere (list, map) so the timeline shows it.
    pub fn revealing(self, first: NaiveDate, last: NaiveDate) -> TimeWindow {
        let (start, end) = (day_number(first), day_number(last.max(first)) + 1.0);
        if start >= self.start && end <= self.end {
            return self;
        }
        let span = self.span().max((end - start) * (1.0 + 2.0 * FIT_PADDING));
        TimeWindow::around((start + end) / 2.0, span)
    }

    /// The window `progress` (0 to 1) of the way from `self` to `target`, for animated
    /// transitions: the span changes geometrically, so a tenfold zoom feels even throughout,
    /// and the centre moves linearly.
    pub fn towards(self, target: TimeWindow, progress: f64) -> TimeWindow {
        let progress = if progress.is_finite() {
            progress.clamp(0.0, 1.0)
        } else {
            1.0
        };
        if progress >= 1.0 {
            return target;
        }
        let span = self.span() * (target.span() / self.span()).powf(progress);
        let centre = self.centre() + (target.centre() - self.centre()) * progress;
        TimeWindow::around(centre, span)
    }

    /// True when the stretch `[start, end)` shares some time with the window.
    pub fn overlaps(&self, start: f64, end: f64) -> bool {
        start < self.end && end > self.start
    }
}

/// A window laid over a number of pixels: converts between instants and x positions.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeScale {
    window: TimeWindow,
    width: f64,
}

impl TimeScale {
    /// A non-positive or non-finite width is read as one pixel, so a hidden timeline (width
    /// 0 before layout) still gives finite positions.
    pub fn new(window: TimeWindow, width: f64) -> TimeScale {
        let width = if width.is_finite() && width >= 1.0 { width } else { 1.0 };
        TimeScale { window, width }
    }

    pub fn window(&self) -> TimeWindow {
        self.window
    }

    pub fn width(&self) -> f64 {
        self.width
    }

    pub fn pixels_per_day(&self) -> f64 {
        self.width / self.window.span()
    }

    pub fn x_of(&self, day: f64) -> f64 {
        (day - self.window.start) * self.pixels_per_day()
    }

    pub fn day_at(&self, x: f64) -> f64 {
        self.window.start + x / self.pixels_per_day()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        health_atlas_model::parse_day(text).unwrap()
    }

    #[test]
    fn day_numbers_round_trip_through_leap_days_and_year_ends() {
        for text in [
            "2024-02-28",
            "2024-02-29",
            "2024-03-01",
            "2023-12-31",
            "2024-01-01",
            "0001-01-01",
        ] {
            let date = day(text);
            assert_eq!(date_of(day_number(date)), Some(date), "{text}");
            assert_eq!(date_of(day_number(date) + 0.99), Some(date), "{text} late in the day");
        }
        assert_eq!(day_number(day("2024-03-01")) - day_number(day("2024-02-28")), 2.0);
        assert_eq!(day_number(day("2023-03-01")) - day_number(day("2023-02-28")), 1.0);
        assert_eq!(date_of(f64::NAN), None);
        assert_eq!(date_of(1e300), None);
    }

    #[test]
    fn windows_that_end_before_they_start_are_rejected() {
        assert_eq!(TimeWindow::new(10.0, 5.0), None);
        assert_eq!(TimeWindow::new(10.0, 10.0), None);
        assert_eq!(TimeWindow::new(f64::NAN, 5.0), None);
        assert_eq!(TimeWindow::fitting(day("2023-05-18"), day("2023-05-17")), None);
    }

    #[test]
    fn spans_are_kept_between_a_day_and_thirty_years() {
        let tiny = TimeWindow::new(100.0, 100.1).unwrap();
        assert_eq!(tiny.span(), MIN_SPAN_DAYS);
        assert!((tiny.centre() - 100.05).abs() < 1e-9);
        let huge = TimeWindow::new(0.0, 1e7).unwrap();
        assert_eq!(huge.span(), MAX_SPAN_DAYS);
        let one_day = TimeWindow::fitting(day("2023-12-09"), day("2023-12-09")).unwrap();
        assert!(one_day.span() >= MIN_SPAN_DAYS);
        assert!(one_day.start() < day_number(day("2023-12-09")) && one_day.end() > day_number(day("2023-12-10")));
        assert_eq!(
            one_day.days(),
            Some((day("2023-12-08"), day("2023-12-10"))),
            "padding shows a little of each neighbour"
        );
    }

    #[test]
    fn fitting_pads_both_sides() {
        let window = TimeWindow::fitting(day("2017-01-01"), day("2024-12-31")).unwrap();
        assert!(window.start() < day_number(day("2017-01-01")));
        assert!(window.end() > day_number(day("2025-01-01")));
        assert_eq!(window.days().map(|(first, _)| first.year()), Some(2016));
    }

    #[test]
    fn zoom_keeps_the_anchor_instant_in_place() {
        let window = TimeWindow::new(0.0, 1000.0).unwrap();
        let zoomed = window.zoomed(0.5, 0.25);
        assert_eq!(zoomed.span(), 500.0);
        let scale_before = TimeScale::new(window, 800.0);
        let scale_after = TimeScale::new(zoomed, 800.0);
        assert!((scale_before.day_at(200.0) - scale_after.day_at(200.0)).abs() < 1e-9);
        // At the limit, zooming further changes nothing.
        let smallest = TimeWindow::new(0.0, 1.0).unwrap();
        assert_eq!(smallest.zoomed(0.5, 0.9), smallest);
        assert_eq!(window.zoomed(f64::NAN, 0.5), window);
        assert_eq!(window.zoomed(-2.0, 0.5), window);
    }

    #[test]
    fn pan_moves_by_a_share_of_the_span_and_stays_in_the_calendar() {
        let window = TimeWindow::new(1000.0, 2000.0).unwrap();
        assert_eq!(window.panned(0.1).start(), 1100.0);
        assert_eq!(window.panned(-0.5).end(), 1500.0);
        let at_the_beginning = window.panned(-1e9);
        assert_eq!(at_the_beginning.start(), 0.0);
        assert_eq!(at_the_beginning.span(), 1000.0);
        assert_eq!(window.panned(f64::INFINITY), window);
    }

    #[test]
    fn revealing_leaves_a_visible_event_alone_and_centres_a_hidden_one() {
        let window = TimeWindow::fitting(day("2023-01-01"), day("2023-12-31")).unwrap();
        assert_eq!(window.revealing(day("2023-05-18"), day("2023-05-18")), window);
        let moved = window.revealing(day("2017-06-01"), day("2017-06-02"));
        assert_eq!(moved.span(), window.span());
        assert!(moved.overlaps(day_number(day("2017-06-01")), day_number(day("2017-06-03"))));
        let long_event = TimeWindow::new(0.0, 10.0)
            .unwrap()
            .revealing(day("2017-01-01"), day("2017-12-31"));
        assert!(long_event.span() > 365.0);
    }

    #[test]
    fn scale_maps_days_to_pixels_and_back() {
        let scale = TimeScale::new(TimeWindow::new(100.0, 200.0).unwrap(), 1000.0);
        assert_eq!(scale.x_of(150.0), 500.0);
        assert_eq!(scale.day_at(250.0), 125.0);
        assert_eq!(TimeScale::new(TimeWindow::new(0.0, 10.0).unwrap(), 0.0).width(), 1.0);
        assert_eq!(
            TimeScale::new(TimeWindow::new(0.0, 10.0).unwrap(), f64::NAN).width(),
            1.0
        );
    }

    #[test]
    fn transitions_start_and_end_exactly_and_zoom_geometrically() {
        let from = TimeWindow::new(0.0, 1000.0).unwrap();
        let to = TimeWindow::new(450.0, 460.0).unwrap();
        assert_eq!(from.towards(to, 0.0), from);
        assert_eq!(from.towards(to, 1.0), to);
        assert_eq!(from.towards(to, f64::NAN), to);
        let halfway = from.towards(to, 0.5);
        assert!(
            (halfway.span() - 100.0).abs() < 1e-9,
            "the geometric mean of 1000 and 10"
        );
        assert!((halfway.centre() - 477.5).abs() < 1e-9);
    }
}
