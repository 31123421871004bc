//! Tests of the editorial rules of `data/README.md` that a valid file cannot show, run on the
//! shipped dataset against the articles in `data/seeds/`: every fact can be traced to the
//! article an event cites, and each rule is applied the same way everywhere.
//!
//! Some rules are judgements no test can make (whether a summary says more than its article,
//! whether a note's claim is in the article); `data/README.md` lists them under "What the tests
//! cannot check". Test code only: nothing here is compiled into the app.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Dataset, Event, LocalizedText, RelationKind};

/// Where a note declares the names that are the editors' translations, not printed in the
/// article (`data/README.md`, "Names and translations"). Every name after it counts as declared.
const TRANSLATED_NAMES: &str = "Translated names";

/// Words with which an article says that someone spoke: a `speaker` is named in a quote that
/// has one of them.
const SPEECH_WORDS: [&str; 11] = [
    "said",
    "speech",
    "spoke",
    "expressed",
    "indicated",
    "stressed",
    "mentioned",
    "a déclaré",
    "a souhaité",
    "a appelé",
    "discours",
];

/// Phrases with which a note admits that an event may have had days outside its span.
const SPAN_ADMISSIONS: [&str; 5] = [
    "may have lasted",
    "lasted longer",
    "may have begun",
    "began earlier",
    "may have continued",
];

fn dataset() -> Dataset {
    super::embedded_dataset().unwrap() // ok: `the_embedded_dataset_is_valid` says why if not
}

/// Line breaks and runs of spaces in the articles are not part of what they say.
fn squash_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn repository_file(path: &str) -> String {
    let full = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|error| panic!("{full}: {error}"))
}

/// The articles an event cites, whitespace squashed, each once.
fn cited_articles(event: &Event) -> Vec<String> {
    let files: BTreeSet<&str> = event.sources.iter().map(|source| source.file.as_str()).collect();
    files
        .into_iter()
        .map(|file| squash_whitespace(&repository_file(&format!("data/seeds/{file}"))))
        .collect()
}

fn printed_in(articles: &[String], text: &str) -> bool {
    let text = squash_whitespace(text);
    articles.iter().any(|article| article.contains(&text))
}

/// A name is printed when the article has it, or, for "Name (ABBR)", has both the name and the
/// abbreviation (the AIIA's abbreviation is in the headline, its full name in the text).
fn name_printed_in(articles: &[String], name: &str) -> bool {
    if printed_in(articles, name) {
        return true;
    }
    match name.strip_suffix(')').and_then(|rest| rest.rsplit_once(" (")) {
        Some((full, abbreviation)) => printed_in(articles, full) && printed_in(articles, abbreviation),
        None => false,
    }
}

fn declared_translation(event: &Event, name: &str) -> bool {
    event
        .note
        .find(TRANSLATED_NAMES)
        .is_some_and(|at| event.note[at..].contains(name))
}

fn texts(text: &LocalizedText) -> impl Iterator<Item = (&'static str, &str)> {
    [
        ("en", text.en.as_str()),
        ("zh", text.zh.as_str()),
        ("fr", text.fr.as_str()),
    ]
    .into_iter()
    .filter(|(_, text)| !text.trim().is_empty())
}

/// The rows of the Markdown table that follows `heading` in the data guide, as cells.
fn guide_table(heading: &str) -> Vec<Vec<String>> {
    let guide = repository_file("data/README.md");
    let after = guide
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("data/README.md has no heading {heading:?}"))
        .1;
    after
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .skip(2) // the header and its |---| line
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect()
}

/// Every title, summary and name of an event paired across English and Chinese.
fn english_and_chinese(event: &Event) -> Vec<(&str, &str)> {
    let mut pairs = vec![
        (event.title.en.as_str(), event.title.zh.as_str()),
        (event.summary.en.as_str(), event.summary.zh.as_str()),
    ];
    pairs.extend(
        event
            .organisations
            .iter()
            .map(|organisation| (organisation.name.en.as_str(), organisation.name.zh.as_str())),
    );
    pairs.extend(
        event
            .places
            .iter()
            .map(|place| (place.name.en.as_str(), place.name.zh.as_str())),
    );
    pairs
}

/// Issue #24, 1: a person's name is given only as the article prints it. There are no Chinese
/// articles yet, so no person has a Chinese name.
#[test]
fn people_are_named_only_as_printed() {
    for event in dataset().events {
        let articles = cited_articles(&event);
        for (index, person) in event.people.iter().enumerate() {
            for (lang, name) in texts(&person.name) {
                assert!(
                    name_printed_in(&articles, name),
                    "{}: people[{index}].name.{lang} {name:?} is not printed in an article the event cites; \
                     give a person's name only as printed",
                    event.id
                );
            }
        }
    }
}

/// Issue #24, 1 and 6: an organisation's name is printed in the article, or the note declares
/// it as the editors' translation.
#[test]
fn organisation_names_are_printed_or_declared_translations() {
    for event in dataset().events {
        let articles = cited_articles(&event);
        for (index, organisation) in event.organisations.iter().enumerate() {
            for (lang, name) in texts(&organisation.name) {
                assert!(
                    name_printed_in(&articles, name) || declared_translation(&event, name),
                    "{}: organisations[{index}].name.{lang} {name:?} is not printed in an article the event cites \
                     and the note does not list it after \"{TRANSLATED_NAMES}\"",
                    event.id
                );
            }
        }
    }
}

/// Issue #24, 6: an organisation (or a place named after one, or a person's affiliation) has one
/// Chinese rendering in the whole dataset, and a title or summary that names it in English
/// names it the same way in Chinese.
#[test]
fn one_rendering_per_organisation_name() {
    let dataset = dataset();
    let mut renderings: BTreeMap<&str, BTreeSet<(&str, &str)>> = BTreeMap::new();
    for event in &dataset.events {
        let names = event
            .organisations
            .iter()
            .map(|organisation| &organisation.name)
            .chain(event.places.iter().map(|place| &place.name))
            .chain(event.people.iter().map(|person| &person.affiliation));
        for name in names.filter(|name| !name.en.is_empty()) {
            renderings.entry(&name.en).or_default().insert((&name.zh, &event.id));
        }
    }
    for (english, seen) in &renderings {
        let chinese: BTreeSet<&str> = seen.iter().map(|(zh, _)| *zh).collect();
        assert!(
            chinese.len() == 1,
            "{english:?} is rendered in Chinese as {chinese:?} (an empty one is a missing rendering) in {seen:?}"
        );
    }
    for event in &dataset.events {
        for organisation in &event.organisations {
            let (english, chinese) = (&organisation.name.en, &organisation.name.zh);
            if english.is_empty() || chinese.is_empty() {
                continue;
            }
            for (field, text) in [("title", &event.title), ("summary", &event.summary)] {
                assert!(
                    !text.en.contains(english.as_str()) || text.zh.contains(chinese.as_str()),
                    "{}: the English {field} names {english:?} but the Chinese {field} does not say {chinese:?}",
                    event.id
                );
            }
        }
    }
}

/// Issue #24, 6: a term of the glossary in `data/README.md` is translated the same way wherever
/// its English appears.
#[test]
fn glossary_terms_are_translated_one_way() {
    let glossary = guide_table("### Glossary");
    assert!(glossary.len() >= 3, "the glossary lost its rows: {glossary:?}");
    for event in dataset().events {
        for (english, chinese) in english_and_chinese(&event) {
            for row in &glossary {
                let (term, rendering) = (&row[0], &row[1]);
                if english.to_lowercase().contains(&term.to_lowercase()) && !chinese.is_empty() {
                    assert!(
                        chinese.contains(rendering.as_str()),
                        "{}: {english:?} has the term {term:?}, but its Chinese {chinese:?} does not say {rendering:?}",
                        event.id
                    );
                }
            }
        }
    }
}

/// Issue #24, 4: a figure is recorded on the event it counts, once: a part never repeats a
/// figure of the event it is part of, so summing them never counts one twice.
#[test]
fn a_part_never_repeats_a_figure_of_its_parent() {
    let dataset = dataset();
    for child in &dataset.events {
        for relation in child
            .relations
            .iter()
            .filter(|relation| relation.kind == RelationKind::PartOf)
        {
            let Some(parent) = dataset.events.iter().find(|event| event.id == relation.target) else {
                continue; // the validator reports unknown targets
            };
            for figure in &child.figures {
                let repeated = parent.figures.iter().any(|other| {
                    other.value == figure.value && other.unit == figure.unit && other.qualifier == figure.qualifier
                });
                assert!(
                    !repeated,
                    "{}: the figure {} {:?} ({:?}) is also on its parent {}",
                    child.id, figure.value, figure.unit, figure.label.en, parent.id
                );
            }
        }
    }
}

/// Issue #24, 3: the span covers every day the event may have taken place, so no note may say
/// that it may have lasted longer.
#[test]
fn no_note_says_an_event_may_have_lasted_beyond_its_span() {
    for event in dataset().events {
        for (field, note) in [("date_note", &event.date_note), ("note", &event.note)] {
            let lower = note.to_lowercase();
            for admission in SPAN_ADMISSIONS {
                assert!(
                    !lower.contains(admission),
                    "{}: the {field} says {admission:?}; widen the span (to the month, say) to cover those days",
                    event.id
                );
            }
        }
    }
}

/// A part lies within the event it is part of: a day, a stop or a session of it.
#[test]
fn parts_lie_within_their_parent() {
    let dataset = dataset();
    for child in &dataset.events {
        for relation in child
            .relations
            .iter()
            .filter(|relation| relation.kind == RelationKind::PartOf)
        {
            let Some(parent) = dataset.events.iter().find(|event| event.id == relation.target) else {
                continue;
            };
            assert!(
                parent.start <= child.start && child.last_day() <= parent.last_day(),
                "{} ({}..{}) is outside its parent {} ({}..{})",
                child.id,
                child.start,
                child.last_day(),
                parent.id,
                parent.start,
                parent.last_day()
            );
        }
    }
}

/// A day whose year comes from the page date is the last such day on or before that date: no
/// event starts after the article that reports it was published.
#[test]
fn no_event_starts_after_its_article_was_published() {
    for event in dataset().events {
        if let Some(published) = event.sources.iter().filter_map(|source| source.published).max() {
            assert!(
                event.start <= published,
                "{} starts on {} but its article was published on {published}",
                event.id,
                event.start
            );
        }
    }
}

/// Issue #24, 8: places at one point are one marker, so they must be the same place as far as
/// the map can tell: the same precision and the same city and region. A region gets its own
/// point (see the list of points in `data/README.md`).
#[test]
fn places_at_one_point_are_the_same_place() {
    let dataset = dataset();
    let mut at_point: BTreeMap<String, (String, &LocalizedText, &LocalizedText, &str)> = BTreeMap::new();
    for event in &dataset.events {
        for place in &event.places {
            let point = format!("{}, {}", place.lat, place.lon);
            let seen = (
                place.precision.slug().to_owned(),
                &place.city,
                &place.region,
                event.id.as_str(),
            );
            let first = at_point.entry(point.clone()).or_insert(seen.clone());
            assert!(
                first.0 == seen.0 && first.1 == seen.1 && first.2 == seen.2,
                "{point}: {} has a {} place in {:?} / {:?}, but {} has a {} place in {:?} / {:?} at the same point",
                event.id,
                seen.0,
                seen.1.en,
                seen.2.en,
                first.3,
                first.0,
                first.1.en,
                first.2.en
            );
        }
    }
}

/// Issue #24, 8: every point used is in the data guide's list, which says what it stands for.
#[test]
fn every_point_is_listed_in_the_data_guide() {
    let listed: BTreeSet<(String, String)> = guide_table("### Points already used")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    for event in dataset().events {
        for place in &event.places {
            let point = (
                format!("{}, {}", place.lat, place.lon),
                place.precision.slug().to_owned(),
            );
            assert!(
                listed.contains(&point),
                "{}: the point {} ({}) is not in data/README.md's \"Points already used\"",
                event.id,
                point.0,
                point.1
            );
        }
    }
}

/// Issue #24, 9: every person is named in one of the event's quotes, and a `speaker`'s quote
/// says that they spoke ("said", "a déclaré", …); someone the article only cites is `quoted`.
#[test]
fn people_are_named_in_a_quote_and_speakers_speak() {
    for event in dataset().events {
        for person in &event.people {
            let name = &person.name.en;
            let naming: Vec<&str> = event
                .sources
                .iter()
                .map(|source| source.quote.as_str())
                .filter(|quote| quote.contains(name.as_str()))
                .collect();
            assert!(!naming.is_empty(), "{}: no quote names {name:?}", event.id);
            if person.role == "speaker" {
                assert!(
                    naming
                        .iter()
                        .any(|quote| SPEECH_WORDS.iter().any(|word| quote.contains(word))),
                    "{}: {name:?} is a speaker, but no quote naming them says that they spoke: {naming:?}",
                    event.id
                );
            }
        }
    }
}

/// A phrase an English summary puts in double quotes is in the article, word for word.
#[test]
fn phrases_quoted_in_english_summaries_are_verbatim() {
    for event in dataset().events {
        let articles = cited_articles(&event);
        for phrase in event.summary.en.split('"').skip(1).step_by(2) {
            assert!(
                printed_in(&articles, phrase),
                "{}: the summary quotes {phrase:?}, which its article does not print",
                event.id
            );
        }
    }
}

/// Traceability: every quote is copied verbatim from the article it cites.
#[test]
fn every_quote_is_verbatim_in_its_article() {
    for event in dataset().events {
        for source in &event.sources {
            let article = squash_whitespace(&repository_file(&format!("data/seeds/{}", source.file)));
            assert!(
                article.contains(&squash_whitespace(&source.quote)),
                "{}: quote not found verbatim in data/seeds/{}: {:?}",
                event.id,
                source.file,
                source.quote
            );
        }
    }
}

/// `NNN_<16 lower-case hex digits>.txt`, as `data/README.md` ("Adding a source article") says.
fn is_seed_name(name: &str) -> bool {
    let Some((number, id)) = name.strip_suffix(".txt").and_then(|stem| stem.split_once('_')) else {
        return false;
    };
    number.len() == 3
        && number.bytes().all(|byte| byte.is_ascii_digit())
        && id.len() == 16
        && id.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
}

/// Every article in `data/seeds/` (where the quote test looks) is named by the rule and cited.
#[test]
fn seed_articles_are_named_by_the_rule_and_cited() {
    let cited: BTreeSet<String> = dataset()
        .events
        .iter()
        .flat_map(|event| event.sources.iter().map(|source| source.file.clone()))
        .collect();
    let folder = format!("{}/../data/seeds", env!("CARGO_MANIFEST_DIR"));
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|error| panic!("{folder}: {error}"));
    for entry in entries {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned(); // ok: listing a folder we just opened
        assert!(
            is_seed_name(&name),
            "data/seeds/{name}: expected a name such as 005_0123456789abcdef.txt"
        );
        assert!(cited.contains(&name), "data/seeds/{name} is cited by no event");
    }
}

/// The rules above are able to fail: each broken on purpose in a copy of the dataset.
mod the_rules_can_fail {
    use super::*;

    fn event<'a>(dataset: &'a mut Dataset, id: &str) -> &'a mut Event {
        dataset.events.iter_mut().find(|event| event.id == id).unwrap() // ok: a shipped id
    }

    #[test]
    fn an_unprinted_chinese_person_name_is_not_printed() {
        let mut dataset = dataset();
        let tbhc = event(&mut dataset, "tbhc-2023");
        tbhc.people[0].name.zh = "杜小刚".into();
        let articles = cited_articles(tbhc);
        assert!(!name_printed_in(&articles, &tbhc.people[0].name.zh));
        assert!(name_printed_in(&articles, &tbhc.people[0].name.en));
    }

    #[test]
    fn a_translated_name_counts_only_when_declared() {
        let mut dataset = dataset();
        let tbhc = event(&mut dataset, "tbhc-2023");
        assert!(declared_translation(tbhc, "阿斯利康"));
        tbhc.note = tbhc.note.replace(TRANSLATED_NAMES, "Names");
        assert!(!declared_translation(tbhc, "阿斯利康"));
    }

    #[test]
    fn an_abbreviated_name_needs_both_parts_printed() {
        let articles = vec!["The Example Alliance (seen in the headline as EXA) met.".to_owned()];
        assert!(name_printed_in(&articles, "Example Alliance (EXA)"));
        assert!(!name_printed_in(&articles, "Example Alliance (EXB)"));
        assert!(!name_printed_in(&articles, "Other Alliance (EXA)"));
    }

    #[test]
    fn seed_names_follow_the_rule() {
        assert!(is_seed_name("002_c207809bccb23adf.txt"));
        for bad in [
            "2_c207809bccb23adf.txt",
            "002_C207809BCCB23ADF.txt",
            "002_c207809bccb23a.txt",
            "002-c207809bccb23adf.txt",
            "002_c207809bccb23adf.md",
        ] {
            assert!(!is_seed_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_guide_tables_are_read() {
        let points = guide_table("### Points already used");
        assert!(
            points
                .iter()
                .any(|row| row[0] == "31.2304, 121.4737" && row[1] == "city"),
            "{points:?}"
        );
        let glossary = guide_table("### Glossary");
        assert!(glossary.iter().any(|row| row[1] == "综合健康"), "{glossary:?}");
    }
}
