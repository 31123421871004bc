//! Axis ticks that adapt to the zoom: pick the finest calendar unit whose ticks stay far
//! enough apart to label, then list its boundaries inside the window, plus a coarser "major"
//! row (months under days, years under months) so the reader always knows where they are.
//! Labels are written by `i18n::format_tick`; this module only decides where ticks go.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use super::window::{date_of, day_number, TimeWindow};

/// A calendar step between two ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickUnit {
    Hours(u32),
    Day,
    /// Weeks start on Monday (ISO 8601), as in China and France.
    Week,
    Month,
    Quarter,
    Years(u32),
}

impl TickUnit {
    /// From finest to coarsest: the candidates the axis chooses from.
    const LADDER: [TickUnit; 12] = [
        TickUnit::Hours(1),
        TickUnit::Hours(3),
        TickUnit::Hours(6),
        TickUnit::Hours(12),
        TickUnit::Day,
        TickUnit::Week,
        TickUnit::Month,
        TickUnit::Quarter,
        TickUnit::Years(1),
        TickUnit::Years(2),
        TickUnit::Years(5),
        TickUnit::Years(10),
    ];

    /// Typical length in days, for choosing a unit (months and years vary; close enough).
    fn approximate_days(self) -> f64 {
        match self {
            TickUnit::Hours(hours) => f64::from(hours) / 24.0,
            TickUnit::Day => 1.0,
            TickUnit::Week => 7.0,
            TickUnit::Month => 30.44,
            TickUnit::Quarter => 91.31,
            TickUnit::Years(years) => 365.25 * f64::from(years),
        }
    }

    /// The unit of the row under this one that names the larger period.
    pub fn major(self) -> TickUnit {
        match self {
            TickUnit::Hours(_) => TickUnit::Day,
            TickUnit::Day | TickUnit::Week => TickUnit::Month,
            TickUnit::Month | TickUnit::Quarter => TickUnit::Years(1),
            TickUnit::Years(years) if years < 10 => TickUnit::Years(10),
            TickUnit::Years(_) => TickUnit::Years(100),
        }
    }

    /// The tick at or before `date` (its period's first moment).
    fn floor(self, date: NaiveDate) -> NaiveDate {
        let first_of_month = date.with_day(1).unwrap_or(date);
        match self {
            TickUnit::Hours(_) | TickUnit::Day => date,
            TickUnit::Week => date.week(Weekday::Mon).first_day(),
            TickUnit::Month => first_of_month,
            TickUnit::Quarter => first_of_month
                .with_month(quarter_start_month(date.month()))
                .unwrap_or(date),
            TickUnit::Years(years) => {
                let years = years.max(1) as i32;
                let year = date.year().div_euclid(years) * years;
                NaiveDate::from_ymd_opt(year.max(1), 1, 1).unwrap_or(date)
            }
        }
    }

    /// The next day-aligned boundary after `date` (not used for hours).
    fn next(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            TickUnit::Hours(_) | TickUnit::Day => date.succ_opt(),
            TickUnit::Week => date.checked_add_days(chrono::Days::new(7)),
            TickUnit::Month => date.checked_add_months(Months::new(1)),
            TickUnit::Quarter => date.checked_add_months(Months::new(3)),
            TickUnit::Years(years) => date.checked_add_months(Months::new(12 * years.max(1))),
        }
    }
}

fn quarter_start_month(month: u32) -> u32 {
    (month - 1) / 3 * 3 + 1
}

/// One tick: where it is and which calendar instant it names.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    /// Day number (see `window`), fractional for hours.
    pub at: f64,
    pub date: NaiveDate,
    /// 0 except for hour ticks.
    pub hour: u32,
}

/// The two rows of the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub unit: TickUnit,
    pub ticks: Vec<Tick>,
    pub major_unit: TickUnit,
    /// Starts at or before the window so the leftmost period is always named.
    pub major_ticks: Vec<Tick>,
}

/// Hard cap on ticks per row: only reached for absurd widths, keeps the loops bounded.
const MAX_TICKS: usize = 2000;

/// The ticks for `window` drawn `width` pixels wide, with at least `min_spacing` pixels
/// between neighbouring ticks.
pub fn axis(window: TimeWindow, width: f64, min_spacing: f64) -> Axis {
    let pixels_per_day = width.max(1.0) / window.span();
    let unit = TickUnit::LADDER
        .into_iter()
        .find(|unit| unit.approximate_days() * pixels_per_day >= min_spacing)
        .unwrap_or(TickUnit::Years(10));
    let major_unit = unit.major();
    Axis {
        unit,
        ticks: ticks(window, unit, false),
        major_unit,
        major_ticks: ticks(window, major_unit, true),
    }
}

/// Boundaries of `unit` inside the window; with `include_preceding`, also the last one
/// before it.
fn ticks(window: TimeWindow, unit: TickUnit, include_preceding: bool) -> Vec<Tick> {
    let Some(first_day) = date_of(window.start()) else {
        return Vec::new();
    };
    let mut ticks = Vec::new();
    if let TickUnit::Hours(step) = unit {
        let step = step.max(1);
        let mut date = first_day;
        while ticks.len() < MAX_TICKS {
            let midnight = day_number(date);
            if midnight >= window.end() {
                break;
            }
            for hour in (0..24).step_by(step as usize) {
                let at = midnight + f64::from(hour) / 24.0;
                if at >= window.start() && at < window.end() {
                    ticks.push(Tick { at, date, hour });
                }
            }
            let Some(next) = date.succ_opt() else { break };
            date = next;
        }
        return ticks;
    }
    let mut date = unit.floor(first_day);
    while ticks.len() < MAX_TICKS {
        let at = day_number(date);
        if at >= window.end() {
            break;
        }
        if at >= window.start() || include_preceding && ticks.is_empty() {
            ticks.push(Tick { at, date, hour: 0 });
        }
        let Some(next) = unit.next(date) else { break };
        date = next;
    }
    ticks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        health_atlas_model::parse_day(text).unwrap()
    }

    fn window(first: &str, last: &str) -> TimeWindow {
        TimeWindow::new(day_number(day(first)), day_number(day(last)) + 1.0).unwrap()
    }

    fn dates(ticks: &[Tick]) -> Vec<String> {
        ticks.iter().map(|tick| tick.date.to_string()).collect()
    }

    #[test]
    fn the_unit_follows_the_zoom() {
        let cases = [
            (("2000-01-01", "2029-12-31"), TickUnit::Years(2)),
            (("2017-01-01", "2024-12-31"), TickUnit::Years(1)),
            (("2023-01-01", "2023-12-31"), TickUnit::Month),
            (("2023-12-01", "2023-12-31"), TickUnit::Week),
            (("2023-12-01", "2023-12-15"), TickUnit::Day),
            (("2023-12-09", "2023-12-09"), TickUnit::Hours(1)),
        ];
        for ((first, last), expected) in cases {
            assert_eq!(
                axis(window(first, last), 1000.0, 40.0).unit,
                expected,
                "{first}..{last}"
            );
        }
    }

    #[test]
    fn month_ticks_cross_a_year_boundary_with_the_year_as_major() {
        let axis = axis(window("2023-11-15", "2024-02-10"), 600.0, 60.0);
        assert_eq!(axis.unit, TickUnit::Month);
        assert_eq!(dates(&axis.ticks), ["2023-12-01", "2024-01-01", "2024-02-01"]);
        assert_eq!(axis.major_unit, TickUnit::Years(1));
        assert_eq!(dates(&axis.major_ticks), ["2023-01-01", "2024-01-01"]);
    }

    #[test]
    fn day_ticks_cover_a_leap_february_and_its_month_end() {
        let ticks = ticks(window("2024-02-27", "2024-03-01"), TickUnit::Day, false);
        assert_eq!(dates(&ticks), ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01"]);
        let common_year = ticks_of("2023-02-27", "2023-03-01", TickUnit::Day);
        assert_eq!(common_year, ["2023-02-27", "2023-02-28", "2023-03-01"]);
    }

    fn ticks_of(first: &str, last: &str, unit: TickUnit) -> Vec<String> {
        dates(&ticks(window(first, last), unit, false))
    }

    #[test]
    fn weeks_start_on_monday_and_quarters_on_their_first_month() {
        // 2023-12-09 is a Saturday; the Mondays that follow are the 11th and 18th.
        assert_eq!(
            ticks_of("2023-12-09", "2023-12-20", TickUnit::Week),
            ["2023-12-11", "2023-12-18"]
        );
        assert_eq!(
            ticks_of("2023-02-15", "2024-01-15", TickUnit::Quarter),
            ["2023-04-01", "2023-07-01", "2023-10-01", "2024-01-01"]
        );
        assert_eq!(
            ticks_of("2013-06-01", "2031-01-01", TickUnit::Years(5)),
            ["2015-01-01", "2020-01-01", "2025-01-01", "2030-01-01"]
        );
    }

    #[test]
    fn hour_ticks_stay_inside_the_window() {
        let window = TimeWindow::new(
            day_number(day("2023-12-09")) + 0.25,
            day_number(day("2023-12-10")) + 0.25,
        )
        .unwrap();
        let ticks = ticks(window, TickUnit::Hours(6), false);
        let hours: Vec<(String, u32)> = ticks.iter().map(|tick| (tick.date.to_string(), tick.hour)).collect();
        assert_eq!(
            hours,
            [
                ("2023-12-09".to_owned(), 6),
                ("2023-12-09".to_owned(), 12),
                ("2023-12-09".to_owned(), 18),
                ("2023-12-10".to_owned(), 0)
            ]
        );
        let axis = axis(window, 1000.0, 30.0);
        assert_eq!(axis.major_unit, TickUnit::Day);
        assert_eq!(dates(&axis.major_ticks), ["2023-12-09", "2023-12-10"]);
    }

    #[test]
    fn neighbouring_ticks_are_at_least_the_minimum_spacing_apart_on_average() {
        for (first, last) in [
            ("2000-01-01", "2029-12-31"),
            ("2023-01-01", "2023-03-31"),
            ("2023-12-09", "2023-12-10"),
        ] {
            let window = window(first, last);
            let axis = axis(window, 800.0, 50.0);
            let pixels_per_day = 800.0 / window.span();
            for pair in axis.ticks.windows(2) {
                // Months vary from 28 to 31 days: allow that much below the typical length.
                assert!(
                    (pair[1].at - pair[0].at) * pixels_per_day >= 50.0 * 0.9,
                    "{first}..{last}: {pair:?}"
                );
            }
        }
    }
}
