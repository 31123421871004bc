//! Subscribable feeds of a dataset, as `atlas-data feeds` writes them: an iCalendar feed
//! per language (`events.ics` in English, `events.zh.ics`, `events.fr.ics`) and an Atom feed
//! per language (`events.en.atom`, `events.zh.atom`, `events.fr.atom`), optionally the same
//! again per category (`events.forum.ics`, `events.forum.zh.atom`, …).
//!
//! Output depends only on the data and the options, never on the clock: the revision stamp
//! (`updated`, DTSTAMP, LAST-MODIFIED, SEQUENCE) is an option, so unchanged data gives the
//! same bytes and a feed reader sees nothing new. The calendar text comes from the one
//! iCalendar writer, [`super::export::icalendar`]. The Atom writer (feature `atom`, the
//! `atom_syndication` crate) is only built for the native CLI, never into the app's wasm;
//! the app uses [`atlas_link`] and the file names.
//!
//! Plain Rust: no browser APIs.

use chrono::{DateTime, Utc};

use super::url_state::{encode, ViewState};
use health_atlas_model::{Category, Lang};

/// The atlas page `atlas` (a URL, absolute or relative; a fragment it has is replaced)
/// opened at the event `event_id`, in `lang`: `…#v=1&event=tbhc-2023&lang=zh`.
pub fn atlas_link(atlas: &str, event_id: &str, lang: Lang) -> String {
    let page = atlas.split('#').next().unwrap_or_default();
    let view = ViewState {
        selected_event: Some(event_id.to_owned()),
        lang: Some(lang),
        ..ViewState::default()
    };
    format!("{page}#{}", encode(&view))
}

/// The iCalendar feed's file name: `events.ics` (English, the default a site links to),
/// `events.zh.ics`, `events.fr.ics`; with a category, `events.forum.ics`, `events.forum.zh.ics`.
pub fn calendar_file_name(lang: Lang, category: Option<Category>) -> String {
    let category = category
        .map(|category| format!(".{}", category.slug()))
        .unwrap_or_default();
    match lang {
        Lang::En => format!("events{category}.ics"),
        other => format!("events{category}.{}.ics", other.tag()),
    }
}

/// The Atom feed's file name: `events.en.atom`, `events.forum.fr.atom`.
pub fn atom_file_name(lang: Lang, category: Option<Category>) -> String {
    let category = category
        .map(|category| format!(".{}", category.slug()))
        .unwrap_or_default();
    format!("events{category}.{}.atom", lang.tag())
}

/// The `webcal://` form of an `https://` (or `http://`) feed address, which calendar apps
/// open as a subscription rather than a one-time import. `None` for any other scheme.
pub fn webcal_url(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    Some(format!("webcal://{rest}"))
}

/// The feeds a reader of `lang` is offered, in the directory `feeds` (an absolute URL
/// ending in `/`): the calendar (https and webcal) and the Atom feed in that language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedLinks {
    pub calendar: String,
    pub webcal: Option<String>,
    pub atom: String,
}

pub fn feed_links(feeds: &str, lang: Lang) -> FeedLinks {
    let directory = if feeds.ends_with('/') {
        feeds.to_owned()
    } else {
        format!("{feeds}/")
    };
    let calendar = format!("{directory}{}", calendar_file_name(lang, None));
    FeedLinks {
        webcal: webcal_url(&calendar),
        calendar,
        atom: format!("{directory}{}", atom_file_name(lang, None)),
    }
}

/// What varies between sites and revisions; everything else comes from the data.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedOptions {
    /// The atlas page each entry links to (its `#v=1&event=…` added), e.g.
    /// `https://atlas.example.org/` or, relative to the feeds, `../`.
    pub atlas: String,
    /// Where the feeds are served (a directory URL ending in `/`), for the Atom feeds'
    /// `rel="self"` links; left out when unknown.
    pub feeds_url: Option<String>,
    /// The site's domain: UIDs are `<event id>@<domain>`, Atom ids `tag:<domain>,2024:…`.
    pub domain: String,
    /// The data's revision: every time stamp in the feeds.
    pub revision: DateTime<Utc>,
    /// How often clients should fetch again (RFC 5545 duration).
    pub refresh: String,
    /// Also one feed of each kind per category that has events.
    pub per_category: bool,
}

/// A site domain as UIDs and tag URIs need it (`atlas.example.org`): letters, digits, `-`
/// and `.`, not empty. `None` otherwise, so the CLI can say what it expected.
pub fn valid_domain(domain: &str) -> Option<&str> {
    let fine = !domain.is_empty()
        && domain.len() <= 253
        && !domain.starts_with(['.', '-'])
        && domain
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || character == '-' || character == '.');
    fine.then_some(domain)
}

/// One file of the feeds: its name in the output directory and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedFile {
    pub name: String,
    pub contents: String,
}

#[cfg(feature = "atom")]
pub use atom::{atom_feed, feed_files};

#[cfg(feature = "atom")]
mod atom {
    use atom_syndication::{Category as AtomCategory, Entry, Feed, Generator, Link, Person, Text};

    use super::{atlas_link, atom_file_name, calendar_file_name, FeedFile, FeedOptions};
    use crate::i18n::{category_label, date_precision_note, format_dates, FeedMessage};
    use crate::share::export::{icalendar, CalendarFeed, CalendarOptions};
    use health_atlas_model::{Category, Dataset, Event, Lang};

    /// Every feed file for `dataset`: the calendars and Atom feeds in each language, then
    /// per category when asked. Events are in date order (start, then id) in calendars and
    /// newest first in Atom, as readers show them.
    pub fn feed_files(dataset: &Dataset, options: &FeedOptions) -> Vec<FeedFile> {
        let mut chronological: Vec<&Event> = dataset.events.iter().collect();
        chronological.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
        let mut subsets: Vec<(Option<Category>, Vec<&Event>)> = vec![(None, chronological.clone())];
        if options.per_category {
            for category in Category::ALL {
                let events: Vec<&Event> = chronological
                    .iter()
                    .copied()
                    .filter(|event| event.category == category)
                    .collect();
                if !events.is_empty() {
                    subsets.push((Some(category), events));
                }
            }
        }
        let mut files = Vec::new();
        for (category, events) in &subsets {
            for lang in Lang::ALL {
                let name = feed_title(*category, lang);
                let calendar = icalendar(
                    events,
                    &CalendarOptions {
                        lang,
                        stamp: options.revision,
                        uid_domain: &options.domain,
                        feed: Some(CalendarFeed {
                            name: &name,
                            description: FeedMessage::FeedDescription.text(lang),
                            refresh: &options.refresh,
                        }),
                        // A calendar's URL must be absolute; a relative atlas (`../index.html`)
                        // is only linked from the Atom feeds, whose readers resolve it.
                        atlas: options.atlas.contains("://").then_some(options.atlas.as_str()),
                    },
                );
                files.push(FeedFile {
                    name: calendar_file_name(lang, *category),
                    contents: calendar,
                });
            }
            for lang in Lang::ALL {
                let newest_first: Vec<&Event> = events.iter().rev().copied().collect();
                files.push(FeedFile {
                    name: atom_file_name(lang, *category),
                    contents: atom_feed(&newest_first, lang, *category, options),
                });
            }
        }
        files
    }

    /// "Health Atlas: events", or with a category "Health Atlas: events · Forum".
    fn feed_title(category: Option<Category>, lang: Lang) -> String {
        let title = FeedMessage::FeedTitle.text(lang);
        match category {
            Some(category) => format!("{title} · {}", category_label(category, lang)),
            None => title.to_owned(),
        }
    }

    /// The Atom feed of `events` (in the order given) in `lang`.
    pub fn atom_feed(events: &[&Event], lang: Lang, category: Option<Category>, options: &FeedOptions) -> String {
        let updated = options.revision.fixed_offset();
        let scope = category.map_or("events".to_owned(), |category| format!("events/{}", category.slug()));
        let mut links = vec![Link {
            href: options.atlas.clone(),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Link::default()
        }];
        if let Some(feeds_url) = &options.feeds_url {
            links.push(Link {
                href: format!("{feeds_url}{}", atom_file_name(lang, category)),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            });
        }
        let entries = events.iter().map(|event| atom_entry(event, lang, options)).collect();
        let feed = Feed {
            title: Text::plain(xml_text(&feed_title(category, lang))),
            id: format!("tag:{},2024:{}/{scope}", options.domain, lang.tag()),
            updated,
            authors: vec![Person {
                name: FeedMessage::FeedTitle.text(lang).to_owned(),
                ..Person::default()
            }],
            generator: Some(Generator {
                value: "Health Atlas".into(),
                ..Generator::default()
            }),
            links,
            subtitle: Some(Text::plain(FeedMessage::FeedDescription.text(lang))),
            entries,
            lang: Some(lang.tag().to_owned()),
            ..Feed::default()
        };
        let mut text = feed.to_string();
        text.push('\n');
        text
    }

    fn atom_entry(event: &Event, lang: Lang, options: &FeedOptions) -> Entry {
        let title = match event.title.best(lang) {
            "" => event.id.as_str(),
            title => title,
        };
        let mut summary = event.dates().map(|dates| format_dates(dates, lang)).unwrap_or_default();
        let places: Vec<&str> = event
            .places
            .iter()
            .map(|place| place.name.best(lang))
            .filter(|name| !name.is_empty())
            .collect();
        if !places.is_empty() {
            summary.push_str(" · ");
            summary.push_str(&places.join(", "));
        }
        for paragraph in [
            Some(event.summary.best(lang).to_owned()),
            date_precision_note(event, lang),
        ]
        .into_iter()
        .flatten()
        .filter(|paragraph| !paragraph.is_empty())
        {
            summary.push_str("\n\n");
            summary.push_str(&paragraph);
        }
        let mut categories = vec![AtomCategory {
            term: event.category.slug().into(),
            label: Some(category_label(event.category, lang).into()),
            ..AtomCategory::default()
        }];
        categories.extend(event.tags.iter().map(|tag| AtomCategory {
            term: xml_text(tag),
            ..AtomCategory::default()
        }));
        Entry {
            title: Text::plain(xml_text(title)),
            id: format!("tag:{},2024:{}/event/{}", options.domain, lang.tag(), event.id),
            updated: options.revision.fixed_offset(),
            links: vec![Link {
                href: atlas_link(&options.atlas, &event.id, lang),
                rel: "alternate".into(),
                hreflang: Some(lang.tag().into()),
                mime_type: Some("text/html".into()),
                ..Link::default()
            }],
            summary: Some(Text::plain(xml_text(&summary))),
            categories,
            ..Entry::default()
        }
    }

    /// Text XML 1.0 may hold: control characters other than tab and line breaks are not
    /// allowed even escaped, so they are dropped (the XML writer escapes `& < > " '`).
    fn xml_text(text: &str) -> String {
        text.chars()
            .filter(|character| !character.is_control() || matches!(character, '\t' | '\n' | '\r'))
            .collect()
    }
}

#[cfg(all(test, feature = "atom"))]
mod tests {
    use chrono::NaiveDate;
    use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

    use super::*;
    use crate::i18n::FeedMessage;
    use health_atlas_dataset::embedded_dataset;
    use health_atlas_model::{Dataset, DatePrecision, Event, LocalizedText};

    fn options() -> FeedOptions {
        FeedOptions {
            atlas: "https://atlas.example.org/".into(),
            feeds_url: Some("https://atlas.example.org/feeds/".into()),
            domain: "atlas.example.org".into(),
            revision: NaiveDate::from_ymd_opt(2026, 11, 22)
                .and_then(|day| day.and_hms_opt(8, 0, 0))
                .unwrap()
                .and_utc(),
            refresh: "PT12H".into(),
            per_category: false,
        }
    }

    fn day(text: &str) -> NaiveDate {
        health_atlas_model::parse_day(text).unwrap()
    }

    /// One event of the embedded data, with its dates and precision replaced, and titles
    /// that need escaping in all three scripts.
    fn event(id: &str, start: &str, end: Option<&str>, precision: DatePrecision) -> Event {
        let mut event = embedded_dataset().unwrap().events[0].clone();
        event.id = id.into();
        event.start = day(start);
        event.end = end.map(day);
        event.precision = precision;
        event.date_note = String::new();
        event.title = LocalizedText::new(
            "Forum; Wuxi, \"stem cells\" \\ day 1\nand 2",
            "无锡干细胞论坛；第一天，第二天\n（长三角）",
            "Forum de Wuxi ; « cellules », journée à Genève",
        );
        event.tags = vec!["a,b".into(), "c;d".into()];
        event
    }

    fn dataset(events: Vec<Event>) -> Dataset {
        Dataset {
            schema_version: health_atlas_model::SCHEMA_VERSION,
            description: String::new(),
            events,
            stories: Vec::new(),
        }
    }

    fn file<'a>(files: &'a [FeedFile], name: &str) -> &'a str {
        &files
            .iter()
            .find(|file| file.name == name)
            .unwrap_or_else(|| panic!("no {name}"))
            .contents
    }

    fn vevents(text: &str) -> Vec<icalendar::Event> {
        let calendar: Calendar = text.parse().unwrap_or_else(|error| panic!("{error}\n{text}"));
        calendar
            .components
            .into_iter()
            .filter_map(|component| match component {
                CalendarComponent::Event(event) => Some(event),
                _ => None,
            })
            .collect()
    }

    fn date(value: Option<DatePerhapsTime>) -> Option<NaiveDate> {
        match value? {
            DatePerhapsTime::Date(day) => Some(day),
            DatePerhapsTime::DateTime(_) => None,
        }
    }

    #[test]
    fn file_names_per_language_and_category() {
        assert_eq!(calendar_file_name(Lang::En, None), "events.ics");
        assert_eq!(calendar_file_name(Lang::Zh, None), "events.zh.ics");
        assert_eq!(
            calendar_file_name(Lang::Fr, Some(Category::Forum)),
            "events.forum.fr.ics"
        );
        assert_eq!(atom_file_name(Lang::En, None), "events.en.atom");
        assert_eq!(
            atom_file_name(Lang::Zh, Some(Category::DelegationVisit)),
            "events.delegation_visit.zh.atom"
        );
        let files = feed_files(
            &dataset(vec![event("a", "2024-01-02", None, DatePrecision::Exact)]),
            &options(),
        );
        let names: Vec<&str> = files.iter().map(|file| file.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "events.ics",
                "events.zh.ics",
                "events.fr.ics",
                "events.en.atom",
                "events.zh.atom",
                "events.fr.atom"
            ]
        );
    }

    #[test]
    fn subscription_links_per_language() {
        assert_eq!(
            feed_links("https://a.example/atlas/feeds", Lang::Zh),
            FeedLinks {
                calendar: "https://a.example/atlas/feeds/events.zh.ics".into(),
                webcal: Some("webcal://a.example/atlas/feeds/events.zh.ics".into()),
                atom: "https://a.example/atlas/feeds/events.zh.atom".into(),
            }
        );
        assert_eq!(
            feed_links("http://127.0.0.1:8080/feeds/", Lang::En).webcal.as_deref(),
            Some("webcal://127.0.0.1:8080/feeds/events.ics")
        );
        assert_eq!(webcal_url("file:///tmp/events.ics"), None);
    }

    #[test]
    fn atlas_links_open_the_event_in_the_language() {
        assert_eq!(
            atlas_link("https://a.example/atlas/#v=1&cat=forum", "tbhc-2023", Lang::Zh),
            "https://a.example/atlas/#v=1&event=tbhc-2023&lang=zh"
        );
        assert_eq!(atlas_link("../", "x", Lang::En), "../#v=1&event=x&lang=en");
        assert_eq!(valid_domain("atlas.example.org"), Some("atlas.example.org"));
        for bad in ["", "a b", "-x", "a/b", "例子.中国", "x@y"] {
            assert_eq!(valid_domain(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn calendars_read_back_with_escapes_utf8_and_each_precision() {
        let events = vec![
            event("exact", "2024-03-22", Some("2024-03-24"), DatePrecision::Exact),
            event("month", "2021-07-01", Some("2021-07-31"), DatePrecision::Month),
            event("year", "2017-01-01", Some("2017-12-31"), DatePrecision::Year),
            event("approx", "2023-12-09", Some("2023-12-10"), DatePrecision::Approximate),
        ];
        let files = feed_files(&dataset(events.clone()), &options());
        for (name, lang) in [
            ("events.ics", Lang::En),
            ("events.zh.ics", Lang::Zh),
            ("events.fr.ics", Lang::Fr),
        ] {
            let text = file(&files, name);
            for line in text.split_terminator("\r\n") {
                assert!(line.len() <= 75, "{name}: {} octets: {line:?}", line.len());
            }
            assert!(text.contains("\r\n "), "{name}: long lines are folded");
            assert!(text.contains("X-WR-CALNAME:") && text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT12H"));
            let calendar: Calendar = text.parse().unwrap();
            assert_eq!(
                calendar.property_value("X-WR-CALNAME"),
                Some(FeedMessage::FeedTitle.text(lang))
            );
            let parsed = vevents(text);
            // In date order: year (2017), month (2021), approximate (2023), exact (2024).
            let order: Vec<&str> = parsed.iter().filter_map(|vevent| vevent.get_uid()).collect();
            assert_eq!(
                order,
                [
                    "year@atlas.example.org",
                    "month@atlas.example.org",
                    "approx@atlas.example.org",
                    "exact@atlas.example.org"
                ]
            );
            for vevent in &parsed {
                assert_eq!(vevent.get_summary(), Some(events[0].title.best(lang)), "{name}");
                assert_eq!(vevent.property_value("DTSTAMP"), Some("20261122T080000Z"));
                assert_eq!(vevent.property_value("LAST-MODIFIED"), Some("20261122T080000Z"));
                assert_eq!(vevent.property_value("SEQUENCE"), Some("3624960"));
                let id = vevent.get_uid().unwrap().split('@').next().unwrap();
                let link = format!("https://atlas.example.org/#v=1&event={id}&lang={}", lang.tag());
                assert_eq!(vevent.get_url(), Some(link.as_str()));
                assert!(vevent.get_description().unwrap().ends_with(&link));
            }
            let spans: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = parsed
                .iter()
                .map(|vevent| (date(vevent.get_start()), date(vevent.get_end())))
                .collect();
            assert_eq!(
                spans,
                [
                    (Some(day("2017-01-01")), Some(day("2018-01-01"))),
                    (Some(day("2021-07-01")), Some(day("2021-08-01"))),
                    (Some(day("2023-12-09")), Some(day("2023-12-11"))),
                    (Some(day("2024-03-22")), Some(day("2024-03-25"))),
                ]
            );
            let descriptions: Vec<&str> = parsed.iter().map(|vevent| vevent.get_description().unwrap()).collect();
            let expected_notes = match lang {
                Lang::En => ["year only (2017)", "month only (July 2021)", "approximate (inferred)"],
                Lang::Zh => ["仅知年份", "仅知月份", "推断日期"],
                Lang::Fr => ["année seulement", "mois seulement", "approximative (déduite)"],
            };
            for (description, note) in descriptions.iter().zip(expected_notes) {
                assert!(description.contains(note), "{name}: {note:?} not in {description:?}");
            }
            assert!(!descriptions[3].contains(expected_notes[0]) && !descriptions[3].contains(expected_notes[1]));
        }
        // The raw text escapes as RFC 5545 says.
        let english = file(&files, "events.ics").replace("\r\n ", "");
        assert!(english.contains("SUMMARY:Forum\\; Wuxi\\, \"stem cells\" \\\\ day 1\\nand 2\r\n"));
        assert!(english.contains("CATEGORIES:Conference,a\\,b,c\\;d\r\n") || english.contains(",a\\,b,c\\;d\r\n"));
    }

    #[test]
    fn same_data_same_bytes_and_only_the_revision_moves_the_stamps() {
        let data = embedded_dataset().unwrap();
        let options = FeedOptions {
            per_category: true,
            ..options()
        };
        let first = feed_files(&data, &options);
        assert_eq!(first, feed_files(&data, &options));
        assert!(first.iter().any(|file| file.name == "events.forum.zh.ics"));
        assert!(first.iter().any(|file| file.name == "events.conference.fr.atom"));
        let later = FeedOptions {
            revision: options.revision + chrono::Duration::minutes(5),
            ..options.clone()
        };
        let second = feed_files(&data, &later);
        let sequence = |files: &[FeedFile]| {
            vevents(file(files, "events.ics"))[0]
                .property_value("SEQUENCE")
                .and_then(|value| value.parse::<u32>().ok())
        };
        assert_eq!(sequence(&second), sequence(&first).map(|value| value + 5));
    }

    #[test]
    fn atom_feeds_read_back_one_entry_per_event_in_each_language() {
        let data = embedded_dataset().unwrap();
        let files = feed_files(&data, &options());
        for lang in Lang::ALL {
            let text = file(&files, &atom_file_name(lang, None));
            let feed = atom_syndication::Feed::read_from(text.as_bytes()).unwrap();
            assert_eq!(feed.entries.len(), data.events.len());
            assert_eq!(feed.lang.as_deref(), Some(lang.tag()));
            assert_eq!(feed.title.value, FeedMessage::FeedTitle.text(lang));
            let tbhc = feed
                .entries
                .iter()
                .find(|entry| entry.id.ends_with("/event/tbhc-2023"))
                .unwrap();
            assert_eq!(
                tbhc.id,
                format!("tag:atlas.example.org,2024:{}/event/tbhc-2023", lang.tag())
            );
            let event = data.events.iter().find(|event| event.id == "tbhc-2023").unwrap();
            assert_eq!(tbhc.title.value, event.title.best(lang));
            assert_eq!(
                tbhc.links[0].href,
                format!("https://atlas.example.org/#v=1&event=tbhc-2023&lang={}", lang.tag())
            );
            assert!(tbhc.updated.to_rfc3339().starts_with("2026-11-22T08:00:00"));
            // Newest first.
            let newest = data.events.iter().map(|event| event.start).max().unwrap();
            let first_id = feed.entries[0].id.rsplit('/').next().unwrap();
            assert_eq!(
                data.events.iter().find(|event| event.id == first_id).unwrap().start,
                newest
            );
            assert!(feed
                .links
                .iter()
                .any(|link| link.rel == "self" && link.href.ends_with(&atom_file_name(lang, None))));
        }
        let chinese = file(&files, "events.zh.atom");
        assert!(
            chinese.contains("无锡") || chinese.contains("北京"),
            "Chinese text kept as UTF-8"
        );
    }

    #[test]
    fn xml_special_and_control_characters_are_escaped_or_dropped() {
        let mut odd = event("odd", "2024-01-02", None, DatePrecision::Exact);
        odd.title = LocalizedText::new("<b>Tom & Jerry's \"show\"</b>\u{7}", "", "");
        let text = atom_feed(&[&odd], Lang::En, None, &options());
        assert!(!text.contains('\u{7}'));
        assert!(text.contains("&lt;b&gt;Tom &amp; Jerry"));
        let feed = atom_syndication::Feed::read_from(text.as_bytes()).unwrap();
        assert_eq!(feed.entries[0].title.value, "<b>Tom & Jerry's \"show\"</b>");
    }
}
