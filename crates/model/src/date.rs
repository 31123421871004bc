//! Event dates: a span of local calendar days plus how precisely the source fixes it.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Reads a calendar day written `YYYY-MM-DD` (four-digit year, two-digit month and day), the
/// form the dataset, links, CSV and date inputs use, or as `NaiveDate`'s `Display` writes
/// years outside 0..=9999 (`+10000-01-01`, `-0001-12-31`), so every day it prints reads
/// back; `None` for anything else.
///
/// Written here rather than with chrono's `parse_from_str`/`FromStr` because those pull
/// chrono's whole format-string parser (strftime items, RFC 2822/3339 scanners) into the
/// wasm, several KB brotli for the one fixed form we need.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let (sign, unsigned) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => (0, text),
    };
    let (year, month_day) = unsigned.split_at_checked(unsigned.len().checked_sub(6)?)?;
    let bytes = month_day.as_bytes();
    // Unsigned years have exactly four digits; signed ones four to six (chrono years end at
    // ±262,143), as chrono prints them.
    let year_fits = if sign == 0 {
        year.len() == 4
    } else {
        (4..=6).contains(&year.len())
    };
    if !year_fits || bytes[0] != b'-' || bytes[3] != b'-' {
        return None;
    }
    let digits = |text: &[u8]| -> Option<u32> {
        text.iter().try_fold(0u32, |value, &byte| {
            byte.is_ascii_digit().then(|| value * 10 + u32::from(byte - b'0'))
        })
    };
    let year = i32::try_from(digits(year.as_bytes())?).ok()?;
    let year = if sign < 0 { -year } else { year };
    NaiveDate::from_ymd_opt(year, digits(&bytes[1..3])?, digits(&bytes[4..6])?)
}

/// `YYYYMMDD`, the compact form iCalendar's `VALUE=DATE` uses. (`NaiveDate`'s `Display`
/// already gives `YYYY-MM-DD`; neither goes through chrono's strftime machinery.)
pub fn compact_day(day: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", day.year(), day.month(), day.day())
}

/// Serde for `YYYY-MM-DD` days through [`parse_day`], for the model's date fields.
pub mod iso_day {
    use chrono::NaiveDate;
    use serde::{de::Error, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(day)
    }

    /// Reads the day from the text as the reader hands it over (borrowed from the file, or
    /// unescaped in its scratch buffer), so no `String` is allocated for it. Says "expected a
    /// string" for another type, as a `String` field would.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        struct Day;
        impl serde::de::Visitor<'_> for Day {
            type Value = NaiveDate;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
                super::parse_day(text)
                    .ok_or_else(|| E::custom(format_args!("{text:?} is not a date; expected YYYY-MM-DD")))
            }
        }
        deserializer.deserialize_str(Day)
    }

    /// The same for optional days (`end`, `published`): absent or null is `None`.
    pub mod option {
        use chrono::NaiveDate;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(day: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
            match day {
                Some(day) => super::serialize(day, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
            #[derive(Deserialize)]
            struct Day(#[serde(with = "super")] NaiveDate);
            Ok(Option::<Day>::deserialize(deserializer)?.map(|Day(day)| day))
        }
    }
}

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
        parse_day(text).unwrap()
    }

    #[test]
    fn parse_day_reads_only_four_two_two_digit_days() {
        assert_eq!(parse_day("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_day("0999-12-31"), NaiveDate::from_ymd_opt(999, 12, 31));
        assert_eq!(parse_day("+10000-01-01"), NaiveDate::from_ymd_opt(10000, 1, 1));
        assert_eq!(parse_day("-0001-12-31"), NaiveDate::from_ymd_opt(-1, 12, 31));
        for text in [
            "2023-02-29",
            "2023-13-01",
            "2023-00-10",
            "2023-01-32",
            "2023-1-01",
            "2023-01-1",
            "23-01-01",
            "2023/01/01",
            "2023-01-01 ",
            " 2023-01-01",
            "+2023-01-0",
            "2023-0a-01",
            "２０２３-01-01",
            "",
            "10000-01-01",
            "+023-01-01",
            "-",
            "+",
            "--01-01",
            "+1234567-01-01",
            "2023-01-+1",
        ] {
            assert_eq!(parse_day(text), None, "{text:?}");
        }
    }

    #[test]
    fn parse_day_agrees_with_chrono_on_every_day_it_prints() {
        let mut day = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap();
        while day.year() < 2031 {
            assert_eq!(parse_day(&day.to_string()), Some(day));
            assert_eq!(compact_day(day), day.format("%Y%m%d").to_string());
            day = day.succ_opt().unwrap();
        }
        for day in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(-45, 3, 15).unwrap(),
        ] {
            assert_eq!(parse_day(&day.to_string()), Some(day), "{day}");
        }
    }

    /// The reader hands a day over borrowed from the text or unescaped; both read, and a
    /// wrong one gets the same messages as when it was read into a `String` first.
    #[test]
    fn days_read_from_json_borrowed_or_unescaped_with_the_same_messages() {
        #[derive(Debug, Deserialize)]
        struct Dated {
            #[serde(with = "iso_day")]
            day: NaiveDate,
            #[serde(default, with = "iso_day::option")]
            end: Option<NaiveDate>,
        }
        // The message and line (what a located error shows; the column is not shown).
        let read = |text: &str| {
            serde_json::from_str::<Dated>(text).map_err(|error| {
                let message = error.to_string();
                (message[..message.rfind(" at line ").unwrap()].to_owned(), error.line())
            })
        };
        let dated = read(r#"{"day": "2023-05-18", "end": "2023\u002d05-19"}"#).unwrap();
        assert_eq!((dated.day, dated.end), (day("2023-05-18"), Some(day("2023-05-19"))));
        assert_eq!(read(r#"{"day": "2023-05-18", "end": null}"#).unwrap().end, None);
        let wrong = |text: &str| read(text).unwrap_err();
        assert_eq!(
            wrong("{\n\"day\": 5}"),
            ("invalid type: integer `5`, expected a string".to_owned(), 2)
        );
        assert_eq!(
            wrong(r#"{"day": "2023-02-30"}"#),
            ("\"2023-02-30\" is not a date; expected YYYY-MM-DD".to_owned(), 1)
        );
        assert_eq!(
            wrong(r#"{"day": "2023-05-18", "end": ["x"]}"#),
            ("invalid type: sequence, expected a string".to_owned(), 1)
        );
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
