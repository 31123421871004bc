//! Dates typed into the search box: "2021", "Mar 2024", "mars 2024", "2024年3月", "2024-03".
//!
//! Readers type dates into search boxes; matched as words they find only the events that
//! happen to write the year in their text. [`split_period`] takes the first period out of a
//! query, so the rest is searched as text and the period narrows the results to the events
//! that overlap it (the app shows it as a chip the reader can remove).
//!
//! What counts as a date is deliberately narrow, so that a word is never taken for one by
//! accident: a year is four digits from 1900 to 2099 standing alone; a month is a month's
//! name or abbreviation in English or French next to a year, a `YYYY-MM` or `YYYY/MM`, or
//! Chinese `YYYY年M月`; a day is `YYYY-MM-DD` or `YYYY年M月D日`.

use chrono::{Datelike, NaiveDate};

/// A period named in a query, and where in the query it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryPeriod {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Byte range of the words that name it in the query (what removing the chip deletes).
    pub span: std::ops::Range<usize>,
}

/// Month names and abbreviations, folded (lower case, no accents), in English and French.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

fn month_number(word: &str) -> Option<u32> {
    let folded = super::fold(word.trim_end_matches('.'));
    MONTHS
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|&(_, number)| number)
}

fn year_number(word: &str) -> Option<i32> {
    let year: i32 = word.parse().ok()?;
    (word.len() == 4 && word.bytes().all(|byte| byte.is_ascii_digit()) && (1900..=2099).contains(&year)).then_some(year)
}

fn month_period(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

fn year_period(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// One word that names a period by itself: a year, `YYYY-MM`, `YYYY-MM-DD` (or with `/`),
/// or Chinese `YYYY年`, `YYYY年M月`, `YYYY年M月D日`.
fn single_word_period(word: &str) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(year) = year_number(word) {
        return year_period(year);
    }
    if let Some(rest) = word.find('年').map(|at| (&word[..at], &word[at + '年'.len_utf8()..])) {
        let (year, rest) = rest;
        let year = year_number(year)?;
        if rest.is_empty() {
            return year_period(year);
        }
        let (month, rest) = rest.split_once('月')?;
        let month: u32 = month.parse().ok()?;
        if rest.is_empty() {
            return month_period(year, month);
        }
        let day: u32 = rest
            .strip_suffix('日')
            .or_else(|| rest.strip_suffix('号'))?
            .parse()
            .ok()?;
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        return Some((date, date));
    }
    let parts: Vec<&str> = word.split(['-', '/']).collect();
    match parts[..] {
        [year, month] if month.len() <= 2 => month_period(year_number(year)?, month.parse().ok()?),
        [year, month, day] if month.len() <= 2 && day.len() <= 2 => {
            let date = NaiveDate::from_ymd_opt(year_number(year)?, month.parse().ok()?, day.parse().ok()?)?;
            Some((date, date))
        }
        _ => None,
    }
}

/// The first period `query` names, and the query without it (the text to search), or `None`
/// and the query unchanged.
pub fn split_period(query: &str) -> (String, Option<QueryPeriod>) {
    // Words with their byte ranges.
    let words: Vec<(usize, &str)> = query
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - query.as_ptr() as usize, word))
        .collect();
    let end_of = |index: usize| words[index].0 + words[index].1.len();
    let mut found = None;
    for (index, &(start, word)) in words.iter().enumerate() {
        let word = word.trim_matches(|character: char| matches!(character, ',' | ';' | '，'));
        // A month name with the year after it ("Mar 2024") or before it ("2024 mars").
        if let Some(month) = month_number(word) {
            if let Some(&(_, next)) = words.get(index + 1) {
                if let Some(period) =
                    year_number(next.trim_end_matches([',', ';'])).and_then(|year| month_period(year, month))
                {
                    found = Some((period, start..end_of(index + 1)));
                    break;
                }
            }
            continue;
        }
        if let Some(year) = year_number(word) {
            if let Some(month) = words.get(index + 1).and_then(|&(_, next)| month_number(next)) {
                if let Some(period) = month_period(year, month) {
                    found = Some((period, start..end_of(index + 1)));
                    break;
                }
            }
        }
        if let Some(period) = single_word_period(word) {
            found = Some((period, start..end_of(index)));
            break;
        }
    }
    match found {
        Some(((first, last), span)) => {
            let mut rest = String::with_capacity(query.len());
            rest.push_str(query[..span.start].trim_end());
            let after = query[span.end..].trim_start();
            if !rest.is_empty() && !after.is_empty() {
                rest.push(' ');
            }
            rest.push_str(after);
            (rest, Some(QueryPeriod { first, last, span }))
        }
        None => (query.to_owned(), None),
    }
}

impl QueryPeriod {
    /// Whether an event from `start` to `last_day` overlaps the period.
    pub fn overlaps(&self, start: NaiveDate, last_day: NaiveDate) -> bool {
        start <= self.last && last_day >= self.first
    }

    /// The period's granularity, for labels: a year, a month or a day.
    pub fn kind(&self) -> PeriodKind {
        if self.first == self.last {
            PeriodKind::Day
        } else if self.first.month() == self.last.month() && self.first.year() == self.last.year() {
            PeriodKind::Month
        } else {
            PeriodKind::Year
        }
    }
}

/// How much time a [`QueryPeriod`] covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    Year,
    Month,
    Day,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(query: &str) -> Option<(String, String, String)> {
        let (rest, period) = split_period(query);
        period.map(|period| (period.first.to_string(), period.last.to_string(), rest))
    }

    fn expect(query: &str, first: &str, last: &str, rest: &str) {
        assert_eq!(
            period(query),
            Some((first.to_owned(), last.to_owned(), rest.to_owned())),
            "{query}"
        );
    }

    #[test]
    fn years_months_and_days_in_three_languages() {
        expect("2021", "2021-01-01", "2021-12-31", "");
        expect("forum 2021", "2021-01-01", "2021-12-31", "forum");
        expect("Mar 2024", "2024-03-01", "2024-03-31", "");
        expect("march 2024 aiia", "2024-03-01", "2024-03-31", "aiia");
        expect("mars 2024", "2024-03-01", "2024-03-31", "");
        expect("Décembre 2023", "2023-12-01", "2023-12-31", "");
        expect("2023 dec", "2023-12-01", "2023-12-31", "");
        expect("févr. 2024", "2024-02-01", "2024-02-29", "");
        expect("2024年3月", "2024-03-01", "2024-03-31", "");
        expect("2023年", "2023-01-01", "2023-12-31", "");
        expect("无锡 2023年5月18日", "2023-05-18", "2023-05-18", "无锡");
        expect("2024-03", "2024-03-01", "2024-03-31", "");
        expect("2023/12/9 balkan", "2023-12-09", "2023-12-09", "balkan");
        expect("tbhc 2023 wuxi", "2023-01-01", "2023-12-31", "tbhc wuxi");
    }

    #[test]
    fn words_that_are_not_dates_stay_text() {
        for query in [
            "62",
            "19th",
            "may",
            "mars",
            "marseille 12",
            "5g",
            "2023tbhc",
            "1850",
            "2024年13月",
            "2024-13",
            "covid-19",
        ] {
            assert_eq!(split_period(query), (query.to_owned(), None), "{query}");
        }
    }

    #[test]
    fn only_the_first_period_is_taken() {
        let (rest, period) = split_period("2021 2023");
        assert_eq!(rest, "2023");
        assert_eq!(period.map(|period| period.span), Some(0..4));
    }

    /// Any text: no panic, the span lies on the query's character boundaries and names a
    /// period whose first day is not after its last, and the rest is the query without it.
    #[test]
    fn any_text_splits_safely() {
        let pieces = [
            "2024", "年", "3", "月", "日", "mar", "Mars", "déc.", " ", "-", "/", "，", ",", "12", "0", "无锡", "x",
            "1999", "2100",
        ];
        let mut random = fastrand::Rng::with_seed(9);
        for _ in 0..20_000 {
            let query: String = (0..random.usize(0..7))
                .map(|_| pieces[random.usize(..pieces.len())])
                .collect();
            let (rest, period) = split_period(&query);
            if let Some(period) = period {
                assert!(
                    query.is_char_boundary(period.span.start) && query.is_char_boundary(period.span.end),
                    "{query:?}"
                );
                assert!(period.first <= period.last, "{query:?}");
                let before = query[..period.span.start].trim_end();
                let after = query[period.span.end..].trim_start();
                assert_eq!(
                    rest,
                    [before, after]
                        .iter()
                        .filter(|part| !part.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" "),
                    "{query:?}"
                );
            } else {
                assert_eq!(rest, query);
            }
        }
    }
}
