//! Event dates: a span of local calendar days plus how precisely the source fixes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How exactly the source fixes an event's dates. The span (`start..=end`) always covers
/// every day the event may have taken place; the precision says how to present it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    /// The source names the day(s).
    Exact,
    /// Inferred from a relative phrase ("at the weekend", "on Thursday"); `date_note` says how.
    Approximate,
    /// Only the month is known; the span covers the whole month.
    Month,
    /// Only the year is known; the span covers the whole year.
    Year,
}

impl DatePrecision {
    pub fn slug(self) -> &'static str {
        match self {
            DatePrecision::Exact => "exact",
            DatePrecision::Approximate => "approximate",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }

    pub fn from_slug(slug: &str) -> Option<DatePrecision> {
        [
            DatePrecision::Exact,
            DatePrecision::Approximate,
            DatePrecision::Month,
            DatePrecision::Year,
        ]
        .into_iter()
        .find(|precision| precision.slug() == slug)
    }
}

/// A non-empty span of days: `first <= last` is enforced by [`EventDates::new`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventDates {
    first: NaiveDate,
    last: NaiveDate,
    precision: DatePrecision,
}

impl EventDates {
    /// `None` when `last` is before `first`.
    pub fn new(first: NaiveDate, last: NaiveDate, precision: DatePrecision) -> Option<EventDates> {
        (first <= last).then_some(EventDates { first, last, precision })
    }

    pub fn first(&self) -> NaiveDate {
        self.first
    }

    pub fn last(&self) -> NaiveDate {
        self.last
    }

    pub fn precision(&self) -> DatePrecision {
        self.precision
    }

    /// Number of calendar days covered, counting both ends.
    pub fn day_count(&self) -> i64 {
        (self.last - self.first).num_days() + 1
    }

    pub fn is_single_day(&self) -> bool {
        self.first == self.last
    }

    /// True when the two spans share at least one day.
    pub fn overlaps(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.first <= last && first <= self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_span_that_ends_before_it_starts_is_rejected() {
        assert_eq!(
            EventDates::new(day("2023-05-18"), day("2023-05-17"), DatePrecision::Exact),
            None
        );
    }

    #[test]
    fn day_count_counts_both_ends_across_a_leap_day() {
        let dates = EventDates::new(day("2024-02-28"), day("2024-03-01"), DatePrecision::Exact).unwrap();
        assert_eq!(dates.day_count(), 3);
        assert!(!dates.is_single_day());
    }

    #[test]
    fn overlap_includes_touching_days() {
        let dates = EventDates::new(day("2023-12-09"), day("2023-12-10"), DatePrecision::Approximate).unwrap();
        assert!(dates.overlaps(day("2023-12-10"), day("2023-12-31")));
        assert!(dates.overlaps(day("2023-01-01"), day("2023-12-09")));
        assert!(!dates.overlaps(day("2023-12-11"), day("2023-12-31")));
    }

    #[test]
    fn precision_slugs_round_trip() {
        for slug in ["exact", "approximate", "month", "year"] {
            assert_eq!(DatePrecision::from_slug(slug).map(DatePrecision::slug), Some(slug));
        }
        assert_eq!(DatePrecision::from_slug("weekly"), None);
    }
}
