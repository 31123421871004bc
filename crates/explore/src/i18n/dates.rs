//! Dates and date spans in the reader's language, honouring the precision the source gives:
//! "Dec 9, 2023" / "2023年12月9日" / "9 déc. 2023"; "Mar 22–24, 2024" / "2024年3月22日至24日".

use chrono::{Datelike, NaiveDate};

use crate::time::{Tick, TickUnit};
use health_atlas_model::{DatePrecision, EventDates, Lang};

const MONTHS_EN_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_EN_LONG: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR_SHORT: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
];
const MONTHS_FR_LONG: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

fn month_index(day: NaiveDate) -> usize {
    day.month0() as usize
}

/// One calendar day.
pub fn format_day(day: NaiveDate, lang: Lang) -> String {
    let (year, month, date) = (day.year(), day.month(), day.day());
    match lang {
        Lang::En => format!("{} {date}, {year}", MONTHS_EN_SHORT[month_index(day)]),
        Lang::Zh => format!("{year}年{month}月{date}日"),
        Lang::Fr => format!(
            "{} {} {year}",
            french_day_number(date),
            MONTHS_FR_SHORT[month_index(day)]
        ),
    }
}

/// French writes the first of the month as an ordinal: "1er mai".
fn french_day_number(date: u32) -> String {
    if date == 1 {
        "1er".to_owned()
    } else {
        date.to_string()
    }
}

/// "2017–2024", "2017年", "2017–2024年".
pub fn format_year_span(first: i32, last: i32, lang: Lang) -> String {
    let span = if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    };
    match lang {
        Lang::Zh => format!("{span}年"),
        Lang::En | Lang::Fr => span,
    }
}

/// A period typed into the search box, as its chip shows it: "2021", "Mar 2024" /
/// "2024年3月" / "mars 2024", or one day.
pub fn format_period(period: &health_atlas_search::QueryPeriod, lang: Lang) -> String {
    match period.kind() {
        health_atlas_search::PeriodKind::Year => format_year_span(period.first.year(), period.first.year(), lang),
        health_atlas_search::PeriodKind::Month => format_month(period.first, lang),
        health_atlas_search::PeriodKind::Day => format_day(period.first, lang),
    }
}

/// A span of days in the reader's language, shaped by its precision.
pub fn format_dates(dates: EventDates, lang: Lang) -> String {
    let (first, last) = (dates.first(), dates.last());
    match dates.precision() {
        DatePrecision::Year => format_year_span(first.year(), last.year(), lang),
        DatePrecision::Month => format_month(first, lang),
        DatePrecision::Exact => format_day_span(first, last, lang),
        DatePrecision::Approximate => {
            let span = format_day_span(first, last, lang);
            match lang {
                Lang::En => format!("about {span}"),
                Lang::Zh => format!("约{span}"),
                Lang::Fr => format!("vers le {span}"),
            }
        }
    }
}

fn format_month(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {}", MONTHS_EN_LONG[month_index(day)], day.year()),
        Lang::Zh => format!("{}年{}月", day.year(), day.month()),
        Lang::Fr => format!("{} {}", MONTHS_FR_LONG[month_index(day)], day.year()),
    }
}

fn format_day_span(first: NaiveDate, last: NaiveDate, lang: Lang) -> String {
    if first == last {
        return format_day(first, lang);
    }
    let same_year = first.year() == last.year();
    let same_month = same_year && first.month() == last.month();
    match lang {
        Lang::En => {
            if same_month {
                format!(
                    "{} {}–{}, {}",
                    MONTHS_EN_SHORT[month_index(first)],
                    first.day(),
                    last.day(),
                    first.year()
                )
            } else if same_year {
                format!(
                    "{} {} – {} {}, {}",
                    MONTHS_EN_SHORT[month_index(first)],
                    first.day(),
                    MONTHS_EN_SHORT[month_index(last)],
                    last.day(),
                    first.year()
                )
            } else {
                format!("{} – {}", format_day(first, lang), format_day(last, lang))
            }
        }
        Lang::Zh => {
            if same_month {
                format!(
                    "{}年{}月{}日至{}日",
                    first.year(),
                    first.month(),
                    first.day(),
                    last.day()
                )
            } else if same_year {
                format!(
                    "{}年{}月{}日至{}月{}日",
                    first.year(),
                    first.month(),
                    first.day(),
                    last.month(),
                    last.day()
                )
            } else {
                format!("{}至{}", format_day(first, lang), format_day(last, lang))
            }
        }
        Lang::Fr => {
            if same_month {
                format!(
                    "{}–{} {} {}",
                    french_day_number(first.day()),
                    last.day(),
                    MONTHS_FR_SHORT[month_index(first)],
                    first.year()
                )
            } else if same_year {
                format!(
                    "{} {} – {} {} {}",
                    french_day_number(first.day()),
                    MONTHS_FR_SHORT[month_index(first)],
                    french_day_number(last.day()),
                    MONTHS_FR_SHORT[month_index(last)],
                    first.year()
                )
            } else {
                format!("{} – {}", format_day(first, lang), format_day(last, lang))
            }
        }
    }
}

/// An axis label. `major` labels name the larger period under the minor ticks
/// ("Dec 2023" under days, "2023" under months); minor ones are short ("9", "Dec", "14:00").
pub fn format_tick(unit: TickUnit, tick: &Tick, major: bool, lang: Lang) -> String {
    let date = tick.date;
    let month = month_index(date);
    match (unit, major) {
        (TickUnit::Hours(_), _) => format!("{:02}:00", tick.hour),
        (TickUnit::Day, true) => format_day(date, lang),
        (TickUnit::Day | TickUnit::Week, false) => match lang {
            Lang::Zh => format!("{}日", date.day()),
            Lang::En | Lang::Fr => date.day().to_string(),
        },
        (TickUnit::Month | TickUnit::Week, true) => match lang {
            Lang::En => format!("{} {}", MONTHS_EN_SHORT[month], date.year()),
            Lang::Zh => format!("{}年{}月", date.year(), date.month()),
            Lang::Fr => format!("{} {}", MONTHS_FR_SHORT[month], date.year()),
        },
        (TickUnit::Month, false) => match lang {
            Lang::En => MONTHS_EN_SHORT[month].to_owned(),
            Lang::Zh => format!("{}月", date.month()),
            Lang::Fr => MONTHS_FR_SHORT[month].to_owned(),
        },
        (TickUnit::Quarter, _) => {
            let quarter = date.month0() / 3 + 1;
            match lang {
                Lang::En => format!("Q{quarter}"),
                Lang::Zh => format!("第{quarter}季度"),
                Lang::Fr => format!("T{quarter}"),
            }
        }
        (TickUnit::Years(years), _) if years >= 10 => match lang {
            Lang::En => format!("{}s", date.year()),
            Lang::Zh => format!("{}年代", date.year()),
            Lang::Fr => format!("années {}", date.year()),
        },
        (TickUnit::Years(_), _) => match lang {
            Lang::Zh => format!("{}年", date.year()),
            Lang::En | Lang::Fr => date.year().to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_searched_period_in_each_language() {
        let period = |query: &str| health_atlas_search::split_period(query).1.unwrap(); // ok: test input
        assert_eq!(format_period(&period("mars 2024"), Lang::En), "March 2024");
        assert_eq!(format_period(&period("Mar 2024"), Lang::Zh), "2024年3月");
        assert_eq!(format_period(&period("2024年3月"), Lang::Fr), "mars 2024");
        assert_eq!(format_period(&period("forum 2021"), Lang::Zh), "2021年");
        assert_eq!(format_period(&period("2023-12-09"), Lang::En), "Dec 9, 2023");
    }

    fn span(first: &str, last: &str, precision: DatePrecision) -> EventDates {
        let parse = |text: &str| health_atlas_model::parse_day(text).unwrap();
        EventDates::new(parse(first), parse(last), precision).unwrap()
    }

    #[test]
    fn single_days() {
        let dates = span("2023-12-09", "2023-12-09", DatePrecision::Exact);
        assert_eq!(format_dates(dates, Lang::En), "Dec 9, 2023");
        assert_eq!(format_dates(dates, Lang::Zh), "2023年12月9日");
        assert_eq!(format_dates(dates, Lang::Fr), "9 déc. 2023");
        let first = span("2023-05-01", "2023-05-01", DatePrecision::Exact);
        assert_eq!(format_dates(first, Lang::Fr), "1er mai 2023");
    }

    #[test]
    fn ranges_within_a_month_across_months_and_across_years() {
        let march = span("2024-03-22", "2024-03-24", DatePrecision::Exact);
        assert_eq!(format_dates(march, Lang::En), "Mar 22–24, 2024");
        assert_eq!(format_dates(march, Lang::Zh), "2024年3月22日至24日");
        assert_eq!(format_dates(march, Lang::Fr), "22–24 mars 2024");
        let months = span("2023-11-28", "2023-12-02", DatePrecision::Exact);
        assert_eq!(format_dates(months, Lang::En), "Nov 28 – Dec 2, 2023");
        assert_eq!(format_dates(months, Lang::Zh), "2023年11月28日至12月2日");
        assert_eq!(format_dates(months, Lang::Fr), "28 nov. – 2 déc. 2023");
        let years = span("2023-12-30", "2024-01-02", DatePrecision::Exact);
        assert_eq!(format_dates(years, Lang::En), "Dec 30, 2023 – Jan 2, 2024");
        assert_eq!(format_dates(years, Lang::Zh), "2023年12月30日至2024年1月2日");
    }

    #[test]
    fn coarse_precisions() {
        let july = span("2021-07-01", "2021-07-31", DatePrecision::Month);
        assert_eq!(format_dates(july, Lang::En), "July 2021");
        assert_eq!(format_dates(july, Lang::Zh), "2021年7月");
        assert_eq!(format_dates(july, Lang::Fr), "juillet 2021");
        let year = span("2017-01-01", "2017-12-31", DatePrecision::Year);
        assert_eq!(format_dates(year, Lang::Zh), "2017年");
        let weekend = span("2023-12-09", "2023-12-10", DatePrecision::Approximate);
        assert_eq!(format_dates(weekend, Lang::En), "about Dec 9–10, 2023");
        assert_eq!(format_dates(weekend, Lang::Zh), "约2023年12月9日至10日");
    }

    #[test]
    fn tick_labels_follow_the_unit_and_the_language() {
        let tick = |text: &str, hour: u32| Tick {
            at: 0.0,
            date: health_atlas_model::parse_day(text).unwrap(),
            hour,
        };
        let december = tick("2023-12-01", 0);
        let cases = [
            (TickUnit::Month, true, Lang::En, "Dec 2023"),
            (TickUnit::Month, true, Lang::Zh, "2023年12月"),
            (TickUnit::Month, true, Lang::Fr, "déc. 2023"),
            (TickUnit::Month, false, Lang::Zh, "12月"),
            (TickUnit::Month, false, Lang::Fr, "déc."),
            (TickUnit::Quarter, false, Lang::En, "Q4"),
            (TickUnit::Years(1), false, Lang::Zh, "2023年"),
            (TickUnit::Years(10), true, Lang::Fr, "années 2023"),
        ];
        for (unit, major, lang, expected) in cases {
            assert_eq!(
                format_tick(unit, &december, major, lang),
                expected,
                "{unit:?} {major} {lang:?}"
            );
        }
        let ninth = tick("2023-12-09", 14);
        assert_eq!(format_tick(TickUnit::Hours(1), &ninth, false, Lang::Fr), "14:00");
        assert_eq!(format_tick(TickUnit::Day, &ninth, false, Lang::Zh), "9日");
        assert_eq!(format_tick(TickUnit::Day, &ninth, true, Lang::Zh), "2023年12月9日");
        assert_eq!(format_tick(TickUnit::Day, &ninth, true, Lang::En), "Dec 9, 2023");
    }
}
