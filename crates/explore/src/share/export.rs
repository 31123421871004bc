//! The visible events as files to take away: CSV (the layout `atlas-data import-csv` reads),
//! JSON (the dataset schema, so it re-imports) and iCalendar (RFC 5545, for calendar apps).
//!
//! Every function returns the file's text and takes everything that varies (the language,
//! the time stamp, the date in the file name) as a parameter, so the output is
//! deterministic and testable. Offering the file for download is the app's job.
//!
//! CSV and JSON exports are re-importable datasets: a relation whose target is not among the
//! exported events is left out, because the validator rejects a relation to an event the
//! file does not contain, and a subset that cannot be re-imported is of no use.
//!
//! Plain Rust: no browser APIs.

use chrono::{DateTime, NaiveDate, Timelike, Utc};

use crate::i18n::{category_label, date_precision_note, FeedMessage};
use health_atlas_model::is_http_url;
use health_atlas_model::{compact_day, Dataset, Event, Lang, SCHEMA_VERSION};

/// The file formats the app offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExportFormat {
    Csv,
    Json,
    Icalendar,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Csv, ExportFormat::Json, ExportFormat::Icalendar];

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
            ExportFormat::Icalendar => "ics",
        }
    }

    /// The MIME type for the download's `Blob`.
    pub fn media_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json;charset=utf-8",
            ExportFormat::Icalendar => "text/calendar;charset=utf-8",
        }
    }
}

/// `health-atlas-2026-11-22.ics`: the product and the day of the export, so several
/// downloads sort by date and do not overwrite each other across days.
pub fn export_file_name(format: ExportFormat, today: NaiveDate) -> String {
    format!("health-atlas-{today}.{}", format.extension())
}

/// The text of `events` in `format`. `lang` and `stamp` matter for iCalendar only.
pub fn export(format: ExportFormat, events: &[&Event], lang: Lang, stamp: DateTime<Utc>) -> String {
    match format {
        ExportFormat::Csv => export_csv(events),
        ExportFormat::Json => export_json(events),
        ExportFormat::Icalendar => export_icalendar(events, lang, stamp),
    }
}

/// A dataset of `events`, in the given order, without relations to events outside it.
pub fn dataset_of(events: &[&Event]) -> Dataset {
    // A sorted list rather than a set: the app's first render carries this (its JSON hands
    // events to the later module), and one shared sort costs less than a B-tree of its own.
    let mut exported_ids: Vec<&str> = events.iter().map(|event| event.id.as_str()).collect();
    health_atlas_model::order::sort_by(&mut exported_ids, |first, second| first.cmp(second));
    let events = events
        .iter()
        .map(|&event| {
            let mut event = event.clone();
            event
                .relations
                .retain(|relation| exported_ids.binary_search(&relation.target.as_str()).is_ok());
            event
        })
        .collect();
    Dataset {
        schema_version: SCHEMA_VERSION,
        description: String::new(),
        events,
        stories: Vec::new(),
    }
}

/// The spreadsheet layout of `health_atlas_model::csv`, with a UTF-8 byte-order mark first: Excel
/// needs it to read Chinese correctly, and `import_csv` skips it.
pub fn export_csv(events: &[&Event]) -> String {
    format!("\u{feff}{}", health_atlas_model::csv::export_csv(&dataset_of(events)))
}

/// The dataset as pretty JSON, as `data/events.json` is written.
pub fn export_json(events: &[&Event]) -> String {
    // Serialising these plain structs (string keys only) into memory cannot fail.
    let mut json = serde_json::to_string_pretty(&dataset_of(events)).unwrap_or_default();
    json.push('\n');
    json
}

/// An iCalendar file with one all-day VEVENT per event, texts in `lang` (falling back as the
/// UI does). `stamp` is the DTSTAMP, the moment of the export.
pub fn export_icalendar(events: &[&Event], lang: Lang, stamp: DateTime<Utc>) -> String {
    icalendar(
        events,
        &CalendarOptions {
            lang,
            stamp,
            uid_domain: DEFAULT_UID_DOMAIN,
            feed: None,
            atlas: None,
        },
    )
}

/// The right-hand side of UIDs when no site domain is given: `<event id>@health-atlas`.
pub const DEFAULT_UID_DOMAIN: &str = "health-atlas";

/// How [`icalendar`] writes a file. It is the one iCalendar writer: the list's export, a
/// card's "Add to calendar" and the subscribable feed of `atlas-data feeds` all use it, so
/// an event has the same UID, dates and texts in each and a calendar merges them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalendarOptions<'a> {
    /// The language of the texts (each falls back as the UI does).
    pub lang: Lang,
    /// DTSTAMP. A download's is the moment it was made; a feed's is the data's revision, so
    /// that the same data always gives the same bytes.
    pub stamp: DateTime<Utc>,
    /// The part after `@` in every UID (`tbhc-2023@atlas.example.org`): a site's domain
    /// keeps its UIDs apart from another site's that shows the same ids.
    pub uid_domain: &'a str,
    /// `Some` for a subscribable calendar: its name and refresh interval, and per event
    /// LAST-MODIFIED and SEQUENCE from `stamp`.
    pub feed: Option<CalendarFeed<'a>>,
    /// The atlas page (without a fragment) to link each event to (`…#v=1&event=<id>`): the
    /// URL property and the description's last line. Without it, URL is the first source.
    pub atlas: Option<&'a str>,
}

/// The calendar-wide properties of a subscribable feed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CalendarFeed<'a> {
    /// `X-WR-CALNAME`, the name calendar apps show for the subscription.
    pub name: &'a str,
    /// `X-WR-CALDESC`.
    pub description: &'a str,
    /// How often a client should fetch the feed again, an RFC 5545 duration (`PT12H`):
    /// `REFRESH-INTERVAL` (RFC 7986) and its older spelling `X-PUBLISHED-TTL`.
    pub refresh: &'a str,
}

/// The iCalendar text of `events` (see [`CalendarOptions`]). Each event is all-day
/// (`VALUE=DATE`, no time zone needed) over the days its data covers: a month- or
/// year-precision event spans its whole month or year, and its description says that only
/// the month or year is known, so no calendar shows a day the source never gave.
pub fn icalendar(events: &[&Event], options: &CalendarOptions) -> String {
    let lang = options.lang;
    let stamp = ical_date_time(options.stamp);
    let mut calendar = String::new();
    let mut line = |content: String| push_folded(&mut calendar, &content);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Health Atlas//Health Atlas//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    if let Some(feed) = &options.feed {
        line(format!("X-WR-CALNAME:{}", escape_text(feed.name)));
        line(format!("X-WR-CALDESC:{}", escape_text(feed.description)));
        line(format!("NAME:{}", escape_text(feed.name)));
        line(format!("REFRESH-INTERVAL;VALUE=DURATION:{}", feed.refresh));
        line(format!("X-PUBLISHED-TTL:{}", feed.refresh));
    }
    for event in events {
        line("BEGIN:VEVENT".into());
        line(format!(
            "UID:{}@{}",
            escape_text(&event.id),
            escape_text(options.uid_domain)
        ));
        line(format!("DTSTAMP:{stamp}"));
        if options.feed.is_some() {
            line(format!("LAST-MODIFIED:{stamp}"));
            line(format!("SEQUENCE:{}", revision_sequence(options.stamp)));
        }
        line(format!("DTSTART;VALUE=DATE:{}", ical_date(event.start)));
        // DTEND of an all-day event is exclusive: the day after the last day.
        if let Some(day_after) = event.last_day().succ_opt() {
            line(format!("DTEND;VALUE=DATE:{}", ical_date(day_after)));
        }
        let title = match event.title.best(lang) {
            "" => event.id.as_str(),
            title => title,
        };
        line(format!("SUMMARY:{}", escape_text(title)));
        let atlas_link = options
            .atlas
            .map(|atlas| super::feeds::atlas_link(atlas, &event.id, lang));
        let mut text = description(event, lang);
        if let Some(link) = &atlas_link {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&format!("{} {link}", FeedMessage::OpenInAtlas.text(lang)));
        }
        line(format!("DESCRIPTION:{}", escape_text(&text)));
        let location = location(event, lang);
        if !location.is_empty() {
            line(format!("LOCATION:{}", escape_text(&location)));
        }
        if let Some(place) = event
            .places
            .first()
            .filter(|place| place.lat.is_finite() && place.lon.is_finite())
        {
            line(format!("GEO:{};{}", place.lat, place.lon));
        }
        let url = atlas_link.or_else(|| {
            event
                .sources
                .iter()
                .map(|source| source.url.trim())
                .find(|url| is_http_url(url))
                .map(str::to_owned)
        });
        if let Some(url) = url {
            // A URI value is not TEXT-escaped; it only must not break the line.
            let url: String = url.chars().filter(|character| !character.is_control()).collect();
            line(format!("URL:{url}"));
        }
        let mut categories = vec![escape_text(category_label(event.category, lang))];
        categories.extend(event.tags.iter().map(|tag| escape_text(tag)));
        line(format!("CATEGORIES:{}", categories.join(",")));
        // All-day events are shown as free time, not as a day-long meeting.
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    calendar
}

/// `20261122T093005Z`, formatted by hand, as `compact_day`, to keep chrono's strftime
/// machinery out of the wasm.
fn ical_date_time(stamp: DateTime<Utc>) -> String {
    format!(
        "{}T{:02}{:02}{:02}Z",
        compact_day(stamp.date_naive()),
        stamp.hour(),
        stamp.minute(),
        stamp.second()
    )
}

/// A feed's SEQUENCE: the minutes from 2020-01-01 00:00 UTC to the data's revision. It only
/// grows as the data is revised (clients ignore an update whose SEQUENCE went down), and it
/// is the same for the same data. The dataset keeps no history per event, so every event
/// takes the revision of the whole file.
pub fn revision_sequence(stamp: DateTime<Utc>) -> u32 {
    const EPOCH_2020: i64 = 1_577_836_800;
    u32::try_from(((stamp.timestamp() - EPOCH_2020) / 60).clamp(0, i64::from(i32::MAX))).unwrap_or(0)
}

fn ical_date(day: NaiveDate) -> String {
    compact_day(day)
}

/// The summary, what the date's precision means (a month- or year-long entry is not a
/// month-long event), then one line per source: its title or file, publisher, and URL if any.
fn description(event: &Event, lang: Lang) -> String {
    let mut text = event.summary.best(lang).to_owned();
    if let Some(note) = date_precision_note(event, lang) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&note);
    }
    if !event.sources.is_empty() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(match lang {
            Lang::En => "Sources:",
            Lang::Zh => "来源：",
            Lang::Fr => "Sources :",
        });
        for source in &event.sources {
            let name = if source.title.is_empty() {
                &source.file
            } else {
                &source.title
            };
            let mut entry = format!("\n- {name}");
            if !source.publisher.is_empty() {
                entry.push_str(&format!(" ({})", source.publisher));
            }
            if is_http_url(&source.url) {
                entry.push_str(&format!(" {}", source.url.trim()));
            }
            text.push_str(&entry);
        }
    }
    text
}

/// Each place as "name, city" (the city left out when it repeats the name), joined by "; ".
fn location(event: &Event, lang: Lang) -> String {
    let places: Vec<String> = event
        .places
        .iter()
        .map(|place| {
            let (name, city) = (place.name.best(lang), place.city.best(lang));
            if city.is_empty() || city == name {
                name.to_owned()
            } else {
                format!("{name}, {city}")
            }
        })
        .filter(|place| !place.is_empty())
        .collect();
    places.join("; ")
}

/// RFC 5545 TEXT: backslash, semicolon and comma escaped, every line break as `\n`, and the
/// other control characters (which TEXT may not contain) dropped. Tab is allowed.
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\r' => {
                // CRLF is one line break.
                characters.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            '\n' => escaped.push_str("\\n"),
            '\t' => escaped.push('\t'),
            control if control.is_control() => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// The longest a physical line may be, in octets, without its CRLF (RFC 5545 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// Appends one content line, folded so that no physical line exceeds 75 octets: each
/// continuation starts with a space (which counts), and a break never falls inside a UTF-8
/// character. Every line ends with CRLF.
fn push_folded(out: &mut String, content: &str) {
    let mut line_length = 0;
    for character in content.chars() {
        let width = character.len_utf8();
        if line_length + width > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            line_length = 1;
        }
        out.push(character);
        line_length += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_dataset::embedded_dataset;

    #[test]
    fn file_names_carry_the_day_and_the_extension() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let names: Vec<String> = ExportFormat::ALL
            .iter()
            .map(|&format| export_file_name(format, day))
            .collect();
        assert_eq!(
            names,
            [
                "health-atlas-2026-11-22.csv",
                "health-atlas-2026-11-22.json",
                "health-atlas-2026-11-22.ics"
            ]
        );
    }

    #[test]
    fn text_escaping_follows_rfc_5545() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}h\ti"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng".to_owned() + "h\ti"
        );
    }

    #[test]
    fn folding_counts_octets_and_never_splits_a_character() {
        let mut out = String::new();
        // "SUMMARY:" is 8 octets, then 3-octet characters: 22 fit on the first line (74 octets,
        // a 23rd would make 77), 24 after each continuation space (73), and the last 4 (13).
        push_folded(&mut out, &format!("SUMMARY:{}", "无".repeat(50)));
        let lines: Vec<&str> = out.split_terminator("\r\n").collect();
        assert_eq!(lines.iter().map(|line| line.len()).collect::<Vec<_>>(), [74, 73, 13]);
        assert!(lines[1..].iter().all(|line| line.starts_with(' ')));
        let unfolded: String = out.trim_end_matches("\r\n").split("\r\n ").collect();
        assert_eq!(unfolded, format!("SUMMARY:{}", "无".repeat(50)));
        let mut ascii = String::new();
        push_folded(&mut ascii, &"x".repeat(150));
        let lengths: Vec<usize> = ascii.split_terminator("\r\n").map(str::len).collect();
        assert_eq!(lengths, [75, 75, 2]);
    }

    #[test]
    fn relations_outside_the_export_are_dropped_and_inside_kept() {
        let dataset = embedded_dataset().unwrap();
        let child = dataset
            .events
            .iter()
            .find(|event| event.id == "tbhc-2023-signings")
            .unwrap();
        let parent = dataset.events.iter().find(|event| event.id == "tbhc-2023").unwrap();
        assert!(child.is_part_of("tbhc-2023"));
        assert!(!dataset_of(&[child]).events[0].is_part_of("tbhc-2023"));
        assert!(dataset_of(&[parent, child]).events[1].is_part_of("tbhc-2023"));
    }

    #[test]
    fn a_json_export_of_some_events_re_imports_unchanged() {
        let dataset = embedded_dataset().unwrap();
        // Children without their parent: the case that needs relations dropped.
        let subset: Vec<&Event> = dataset
            .events
            .iter()
            .filter(|event| event.id.starts_with("tbhc-2023-") || event.id.starts_with("aiia-visit"))
            .collect();
        assert_eq!(subset.len(), 6);
        let back = health_atlas_model::parse_dataset(&export_json(&subset))
            .unwrap_or_else(|errors| panic!("{:?}", errors.iter().map(ToString::to_string).collect::<Vec<_>>()));
        assert_eq!(back, dataset_of(&subset));
        assert_eq!(
            back.events.iter().map(|event| event.id.as_str()).collect::<Vec<_>>(),
            subset.iter().map(|event| event.id.as_str()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_csv_export_re_imports_and_validates() {
        let dataset = embedded_dataset().unwrap();
        let subset: Vec<&Event> = dataset.events.iter().skip(6).take(4).collect();
        let csv = export_csv(&subset);
        assert!(csv.starts_with("\u{feff}id,title_en,"));
        let back = health_atlas_model::csv::import_csv(&csv).unwrap();
        assert_eq!(back, dataset_of(&subset));
        assert_eq!(health_atlas_model::validate::validate(&back), vec![]);
    }

    #[test]
    fn an_all_day_event_ends_the_day_after_its_last_day() {
        let dataset = embedded_dataset().unwrap();
        let visit = dataset
            .events
            .iter()
            .find(|event| event.id == "aiia-china-visit-2024")
            .unwrap();
        let stamp = NaiveDate::from_ymd_opt(2026, 11, 22)
            .and_then(|day| day.and_hms_opt(9, 30, 5))
            .unwrap()
            .and_utc();
        let calendar = export_icalendar(&[visit], Lang::En, stamp);
        let unfolded = calendar.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        assert!(lines.contains(&"UID:aiia-china-visit-2024@health-atlas"));
        assert!(lines.contains(&"DTSTAMP:20261122T093005Z"));
        assert!(lines.contains(&format!("DTSTART;VALUE=DATE:{}", visit.start.format("%Y%m%d")).as_str()));
        let day_after = visit.last_day().succ_opt().unwrap().format("%Y%m%d");
        assert!(lines.contains(&format!("DTEND;VALUE=DATE:{day_after}").as_str()));
        assert!(calendar.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(calendar.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(calendar.split("\r\n").all(|line| line.len() <= MAX_LINE_OCTETS));
    }
}
