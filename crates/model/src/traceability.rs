//! Tests of the editorial rules of `data/README.md` that a valid file cannot show, run on the
//! shipped dataset against the articles in `data/seeds/`: every fact can be traced to the
//! article an event cites, and each rule is applied the same way everywhere.
//!
//! Some rules are judgements no test can make (whether a summary says more than its article,
//! whether a note's claim is in the article); `data/README.md` lists them under "What the tests
//! cannot check". Test code only: nothing here is compiled into the app.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Dataset, Event, LocalizedText, RelationKind};

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
    let full = format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"));
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

/// One rule of the data guide: every problem it finds in a dataset, each naming the event and
/// what to change.
type Rule = fn(&Dataset) -> Vec<String>;

/// Fails with every problem at once, so a maintainer fixes them in one pass.
fn assert_holds(rule: Rule) {
    let problems = rule(&dataset());
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// Issue #24, 1: a person's name is given only as the article prints it. There are no Chinese
/// articles yet, so no person has a Chinese name.
fn people_named_as_printed(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        let articles = cited_articles(event);
        for (index, person) in event.people.iter().enumerate() {
            for (lang, name) in texts(&person.name) {
                if !name_printed_in(&articles, name) {
                    problems.push(format!(
                        "{}: people[{index}].name.{lang} {name:?} is not printed in an article the event cites; \
                         give a person's name only as printed",
                        event.id
                    ));
                }
            }
        }
    }
    problems
}

/// Issue #24, 1 and 6: an organisation's name is printed in the article, or the note declares
/// it as the editors' translation.
fn organisation_names_printed_or_declared(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        let articles = cited_articles(event);
        for (index, organisation) in event.organisations.iter().enumerate() {
            for (lang, name) in texts(&organisation.name) {
                if !name_printed_in(&articles, name) && !declared_translation(event, name) {
                    problems.push(format!(
                        "{}: organisations[{index}].name.{lang} {name:?} is not printed in an article the event \
                         cites, and the note does not list it after \"{TRANSLATED_NAMES}\"",
                        event.id
                    ));
                }
            }
        }
    }
    problems
}

/// Issue #24, 6: an organisation (or a place named after one, or a person's affiliation) has one
/// Chinese rendering in the whole dataset, and a title or summary that names it in English
/// names it the same way in Chinese.
fn one_rendering_per_organisation(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
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
        if chinese.len() > 1 {
            problems.push(format!(
                "{english:?} is rendered in Chinese as {chinese:?} (an empty one is a missing rendering) in {seen:?}"
            ));
        }
    }
    for event in &dataset.events {
        for organisation in &event.organisations {
            let (english, chinese) = (&organisation.name.en, &organisation.name.zh);
            if english.is_empty() || chinese.is_empty() {
                continue;
            }
            for (field, text) in [("title", &event.title), ("summary", &event.summary)] {
                if text.en.contains(english.as_str()) && !text.zh.contains(chinese.as_str()) {
                    problems.push(format!(
                        "{}: the English {field} names {english:?} but the Chinese {field} does not say {chinese:?}",
                        event.id
                    ));
                }
            }
        }
    }
    problems
}

/// Issue #24, 6: a term of the glossary in `data/README.md` is translated the same way wherever
/// its English appears.
fn glossary_terms_translated_one_way(dataset: &Dataset) -> Vec<String> {
    let glossary = guide_table("### Glossary");
    let mut problems = Vec::new();
    if glossary.len() < 3 {
        problems.push(format!("the glossary in data/README.md lost its rows: {glossary:?}"));
    }
    for event in &dataset.events {
        for (english, chinese) in english_and_chinese(event) {
            for row in &glossary {
                let (term, rendering) = (&row[0], &row[1]);
                if english.to_lowercase().contains(&term.to_lowercase())
                    && !chinese.is_empty()
                    && !chinese.contains(rendering.as_str())
                {
                    problems.push(format!(
                        "{}: {english:?} has the term {term:?}, but its Chinese {chinese:?} does not say {rendering:?}",
                        event.id
                    ));
                }
            }
        }
    }
    problems
}

/// The events that `child` is part of.
fn parents<'a>(dataset: &'a Dataset, child: &'a Event) -> impl Iterator<Item = &'a Event> {
    child
        .relations
        .iter()
        .filter(|relation| relation.kind == RelationKind::PartOf)
        // An unknown target is the validator's to report.
        .filter_map(|relation| dataset.events.iter().find(|event| event.id == relation.target))
}

/// Issue #24, 4: a figure is recorded on the event it counts, once: a part never repeats a
/// figure of the event it is part of, so summing them never counts one twice.
fn figures_recorded_once(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for child in &dataset.events {
        for parent in parents(dataset, child) {
            for figure in &child.figures {
                let repeated = parent.figures.iter().any(|other| {
                    other.value == figure.value && other.unit == figure.unit && other.qualifier == figure.qualifier
                });
                if repeated {
                    problems.push(format!(
                        "{}: the figure {} {:?} ({:?}) is also on {}, which it is part of; keep it on one of them",
                        child.id, figure.value, figure.unit, figure.label.en, parent.id
                    ));
                }
            }
        }
    }
    problems
}

/// Issue #24, 3: the span covers every day the event may have taken place, so no note may say
/// that it may have lasted longer.
fn no_days_beyond_the_span(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        for (field, note) in [("date_note", &event.date_note), ("note", &event.note)] {
            let lower = note.to_lowercase();
            for admission in SPAN_ADMISSIONS
                .into_iter()
                .filter(|admission| lower.contains(admission))
            {
                problems.push(format!(
                    "{}: the {field} says {admission:?}; widen the span (to the month, say) to cover those days",
                    event.id
                ));
            }
        }
    }
    problems
}

/// A part lies within the event it is part of: a day, a stop or a session of it.
fn parts_within_their_parent(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for child in &dataset.events {
        for parent in parents(dataset, child) {
            if child.start < parent.start || parent.last_day() < child.last_day() {
                problems.push(format!(
                    "{} ({}..{}) is outside {} ({}..{}), which it is part of",
                    child.id,
                    child.start,
                    child.last_day(),
                    parent.id,
                    parent.start,
                    parent.last_day()
                ));
            }
        }
    }
    problems
}

/// A day whose year comes from the page date is the last such day on or before that date: no
/// event starts after the article that reports it was published.
fn no_start_after_publication(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        let published = event.sources.iter().filter_map(|source| source.published).max();
        if let Some(published) = published.filter(|&published| event.start > published) {
            problems.push(format!(
                "{} starts on {} but its article was published on {published}",
                event.id, event.start
            ));
        }
    }
    problems
}

/// Issue #24, 8: places at one point are one marker, so they must be the same place as far as
/// the map can tell: the same precision and the same city and region. A region gets its own
/// point (see the list of points in `data/README.md`).
fn one_place_per_point(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    let mut first_at: BTreeMap<String, (&str, &LocalizedText, &LocalizedText, &str)> = BTreeMap::new();
    for event in &dataset.events {
        for place in &event.places {
            let point = format!("{}, {}", place.lat, place.lon);
            let seen = (place.precision.slug(), &place.city, &place.region, event.id.as_str());
            let first = *first_at.entry(point.clone()).or_insert(seen);
            if (first.0, first.1, first.2) != (seen.0, seen.1, seen.2) {
                problems.push(format!(
                    "{point}: {} has a {} place in {:?} / {:?}, but {} has a {} place in {:?} / {:?} at the \
                     same point; give each region its own point",
                    seen.3, seen.0, seen.1.en, seen.2.en, first.3, first.0, first.1.en, first.2.en
                ));
            }
        }
    }
    problems
}

/// Issue #24, 8: every point used is in the data guide's list, which says what it stands for.
fn points_listed_in_the_guide(dataset: &Dataset) -> Vec<String> {
    let listed: BTreeSet<(String, String)> = guide_table("### Points already used")
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let mut problems = Vec::new();
    for event in &dataset.events {
        for place in &event.places {
            let point = (
                format!("{}, {}", place.lat, place.lon),
                place.precision.slug().to_owned(),
            );
            if !listed.contains(&point) {
                problems.push(format!(
                    "{}: the point {} ({}) is not in data/README.md's \"Points already used\"",
                    event.id, point.0, point.1
                ));
            }
        }
    }
    problems
}

/// Issue #24, 9: every person is named in one of the event's quotes, and a `speaker`'s quote
/// says that they spoke ("said", "a déclaré", …); someone the article only cites is `quoted`.
fn speakers_speak(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        for person in &event.people {
            let name = &person.name.en;
            let naming: Vec<&str> = event
                .sources
                .iter()
                .map(|source| source.quote.as_str())
                .filter(|quote| quote.contains(name.as_str()))
                .collect();
            if naming.is_empty() {
                problems.push(format!(
                    "{}: no quote names {name:?}; add the passage that does",
                    event.id
                ));
            } else if person.role == "speaker"
                && !naming
                    .iter()
                    .any(|quote| SPEECH_WORDS.iter().any(|word| quote.contains(word)))
            {
                problems.push(format!(
                    "{}: {name:?} is a speaker, but no quote naming them says that they spoke (is the role \
                     \"quoted\"?): {naming:?}",
                    event.id
                ));
            }
        }
    }
    problems
}

/// A phrase an English summary puts in double quotes is in the article, word for word.
fn summary_quotes_verbatim(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        let articles = cited_articles(event);
        for phrase in event.summary.en.split('"').skip(1).step_by(2) {
            if !printed_in(&articles, phrase) {
                problems.push(format!(
                    "{}: the summary quotes {phrase:?}, which its article does not print",
                    event.id
                ));
            }
        }
    }
    problems
}

/// Traceability: every quote is copied verbatim from the article it cites.
fn quotes_verbatim(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for event in &dataset.events {
        for source in &event.sources {
            let article = squash_whitespace(&repository_file(&format!("data/seeds/{}", source.file)));
            if !article.contains(&squash_whitespace(&source.quote)) {
                problems.push(format!(
                    "{}: quote not found verbatim in data/seeds/{}: {:?}",
                    event.id, source.file, source.quote
                ));
            }
        }
    }
    problems
}

/// Words that name a day or a month: a step's date is checked by its numbers, and the French
/// article's "jeudi" is a Thursday in English.
const CALENDAR_WORDS: [&str; 19] = [
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
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Issue #20: a story's step rests on quotes of its events' articles. Each quote is verbatim in
/// an article that one of the step's events cites; the narrative links only to the step's
/// events; every number of its English and French text is in the quotes; and every capitalised
/// word of its English text that does not start a sentence (a name, a place) is printed in the
/// quotes or in the title of one of the step's events.
fn story_steps_traceable(dataset: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for story in &dataset.stories {
        for (index, step) in story.steps.iter().enumerate() {
            let at = format!("{} step {}", story.id, index + 1);
            let events: Vec<&Event> = dataset
                .events
                .iter()
                .filter(|event| step.events.contains(&event.id))
                .collect();
            let articles: Vec<String> = events.iter().flat_map(|event| cited_articles(event)).collect();
            if step.quotes.is_empty() {
                problems.push(format!(
                    "{at}: has no quotes; every step rests on quotes of its events' articles"
                ));
            }
            for quote in &step.quotes {
                if !printed_in(&articles, quote) {
                    problems.push(format!(
                        "{at}: quote not found verbatim in its events' articles: {quote:?}"
                    ));
                }
            }
            let quotes = squash_whitespace(&step.quotes.join(" "));
            for (lang, text) in texts(&step.narrative) {
                for linked in crate::story::linked_events(text) {
                    if !step.events.contains(&linked) {
                        problems.push(format!(
                            "{at}: narrative.{lang} links to {linked:?}, not one of the step's events"
                        ));
                    }
                }
                if lang == "zh" {
                    continue; // "3月22日": Chinese writes a month as a number the English quote spells.
                }
                let plain = crate::story::plain_text(text);
                for number in plain.split(|c: char| !c.is_ascii_digit()).filter(|run| !run.is_empty()) {
                    if !quotes.contains(number) {
                        problems.push(format!(
                            "{at}: narrative.{lang} has the number {number}, which its quotes do not"
                        ));
                    }
                }
            }
            let titles: Vec<&str> = events.iter().map(|event| event.title.en.as_str()).collect();
            let plain = crate::story::plain_text(&step.narrative.en);
            for sentence in plain.split(['.', ':', '\n']) {
                for word in sentence.split_whitespace().skip(1) {
                    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
                    if capitalised
                        && !CALENDAR_WORDS.contains(&word)
                        && !quotes.contains(word)
                        && !titles.iter().any(|title| title.contains(word))
                    {
                        problems.push(format!(
                            "{at}: narrative.en names {word:?}, which neither its quotes nor its events' titles print"
                        ));
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn story_steps_rest_on_quotes_of_their_events() {
    assert!(!dataset().stories.is_empty());
    assert_holds(story_steps_traceable);
}

#[test]
fn people_are_named_only_as_printed() {
    assert_holds(people_named_as_printed);
}

#[test]
fn organisation_names_are_printed_or_declared_translations() {
    assert_holds(organisation_names_printed_or_declared);
}

#[test]
fn one_rendering_per_organisation_name() {
    assert_holds(one_rendering_per_organisation);
}

#[test]
fn glossary_terms_are_translated_one_way() {
    assert_holds(glossary_terms_translated_one_way);
}

#[test]
fn a_part_never_repeats_a_figure_of_its_parent() {
    assert_holds(figures_recorded_once);
}

#[test]
fn no_note_says_an_event_may_have_lasted_beyond_its_span() {
    assert_holds(no_days_beyond_the_span);
}

#[test]
fn parts_lie_within_their_parent() {
    assert_holds(parts_within_their_parent);
}

#[test]
fn no_event_starts_after_its_article_was_published() {
    assert_holds(no_start_after_publication);
}

#[test]
fn places_at_one_point_are_the_same_place() {
    assert_holds(one_place_per_point);
}

#[test]
fn every_point_is_listed_in_the_data_guide() {
    assert_holds(points_listed_in_the_guide);
}

#[test]
fn people_are_named_in_a_quote_and_speakers_speak() {
    assert_holds(speakers_speak);
}

#[test]
fn phrases_quoted_in_english_summaries_are_verbatim() {
    assert_holds(summary_quotes_verbatim);
}

#[test]
fn every_quote_is_verbatim_in_its_article() {
    assert_holds(quotes_verbatim);
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
    let folder = format!("{}/../../data/seeds", env!("CARGO_MANIFEST_DIR"));
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

/// Each rule fails on the mistake it is there for: the shipped dataset with that mistake put
/// back (issue #24's items, and a few more).
mod the_rules_can_fail {
    use super::*;

    fn event<'a>(dataset: &'a mut Dataset, id: &str) -> &'a mut Event {
        dataset.events.iter_mut().find(|event| event.id == id).unwrap() // ok: a shipped id
    }

    /// The problems `rule` finds once `mistake` is made on a copy of the shipped dataset.
    fn problems_after(rule: Rule, mistake: impl FnOnce(&mut Dataset)) -> Vec<String> {
        let mut dataset = dataset();
        assert_eq!(
            rule(&dataset),
            Vec::<String>::new(),
            "the shipped dataset already breaks it"
        );
        mistake(&mut dataset);
        rule(&dataset)
    }

    fn assert_one_problem_containing(problems: &[String], expected: &str) {
        assert!(
            problems.len() == 1 && problems[0].contains(expected),
            "expected one problem with {expected:?}, got {problems:#?}"
        );
    }

    fn story_step<'a>(dataset: &'a mut Dataset, story: &str, step: usize) -> &'a mut crate::StoryStep {
        let story = dataset.stories.iter_mut().find(|found| found.id == story).unwrap();
        &mut story.steps[step]
    }

    #[test]
    fn a_story_step_with_a_number_its_quotes_lack() {
        let problems = problems_after(story_steps_traceable, |dataset| {
            story_step(dataset, "tbhc-2023-story", 2).narrative.en =
                "Agreements [were signed](tbhc-2023-signings) for *63* biomedical funds.".into();
        });
        assert_one_problem_containing(&problems, "tbhc-2023-story step 3: narrative.en has the number 63");
    }

    #[test]
    fn a_story_step_naming_someone_its_quotes_do_not() {
        let problems = problems_after(story_steps_traceable, |dataset| {
            story_step(dataset, "aiia-three-days-2024", 1)
                .narrative
                .en
                .push_str(" They met Zhang Wei.");
        });
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].contains("step 2: narrative.en names \"Zhang\""),
            "{problems:#?}"
        );
        assert!(problems[1].contains("names \"Wei\""), "{problems:#?}");
    }

    #[test]
    fn a_story_quote_retyped_or_from_another_article() {
        let problems = problems_after(story_steps_traceable, |dataset| {
            story_step(dataset, "tbhc-2023-story", 2).quotes[0] = "March 22-24, 2024".into();
        });
        assert!(
            problems[0].contains("tbhc-2023-story step 3: quote not found verbatim in its events' articles"),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_story_link_to_an_event_outside_the_step() {
        let problems = problems_after(story_steps_traceable, |dataset| {
            story_step(dataset, "tbhc-2023-story", 1).narrative.fr = "[ici](tbhc-2023)".into();
        });
        assert_one_problem_containing(
            &problems,
            "narrative.fr links to \"tbhc-2023\", not one of the step's events",
        );
    }

    #[test]
    fn a_person_name_in_characters_the_article_does_not_print() {
        let problems = problems_after(people_named_as_printed, |dataset| {
            event(dataset, "tbhc-2023").people[0].name.zh = "杜小刚".into();
        });
        assert_one_problem_containing(&problems, "tbhc-2023: people[0].name.zh \"杜小刚\"");
    }

    #[test]
    fn a_translated_organisation_name_not_declared() {
        let problems = problems_after(organisation_names_printed_or_declared, |dataset| {
            let tbhc = event(dataset, "tbhc-2023");
            tbhc.note = tbhc.note.replace("阿斯利康, ", "");
        });
        assert_one_problem_containing(&problems, "organisations[0].name.zh \"阿斯利康\"");
    }

    #[test]
    fn an_organisation_rendered_two_ways() {
        let problems = problems_after(one_rendering_per_organisation, |dataset| {
            let sichuan = event(dataset, "aiia-visit-sichuan-association-2024-03-23");
            sichuan.organisations[1].name.zh = "四川大健康产业协会".into();
        });
        assert!(
            problems
                .iter()
                .any(|problem| problem.contains("\"Sichuan Comprehensive Health Industry Association\" is rendered")),
            "{problems:#?}"
        );
        assert!(
            problems
                .iter()
                .any(|problem| problem.contains("the Chinese title does not say \"四川大健康产业协会\"")),
            "{problems:#?}"
        );
    }

    #[test]
    fn a_glossary_term_translated_another_way() {
        let problems = problems_after(glossary_terms_translated_one_way, |dataset| {
            event(dataset, "zhangjiang-health-roundtable-2017").title.zh =
                "大健康领域人工智能与知识产权圆桌讨论".into();
        });
        assert_one_problem_containing(&problems, "does not say \"综合健康\"");
    }

    #[test]
    fn a_figure_on_a_part_and_its_parent() {
        let problems = problems_after(figures_recorded_once, |dataset| {
            let signed = event(dataset, "tbhc-2023-signings").figures[0].clone();
            event(dataset, "tbhc-2023").figures.push(signed);
        });
        assert_one_problem_containing(&problems, "tbhc-2023-signings: the figure 62");
    }

    #[test]
    fn a_note_that_says_the_event_may_have_lasted_longer() {
        let problems = problems_after(no_days_beyond_the_span, |dataset| {
            event(dataset, "yrd-balkan-biomed-center-launch-2023").date_note += " It may have lasted until Monday.";
        });
        assert_one_problem_containing(&problems, "the date_note says \"may have lasted\"");
    }

    #[test]
    fn a_part_outside_its_parent() {
        let problems = problems_after(parts_within_their_parent, |dataset| {
            let conference = event(dataset, "china-health-equipment-conference-2023");
            conference.start = "2023-12-09".parse().unwrap(); // ok: a fixed date
            conference.end = Some("2023-12-09".parse().unwrap()); // ok: a fixed date
        });
        assert_one_problem_containing(
            &problems,
            "yrd-balkan-biomed-center-launch-2023 (2023-12-09..2023-12-10) is outside",
        );
    }

    #[test]
    fn a_year_read_past_the_page_date() {
        let problems = problems_after(no_start_after_publication, |dataset| {
            let day = "2018-11-28".parse().unwrap(); // ok: a fixed date
            event(dataset, "zhangjiang-health-roundtable-2017").start = day;
        });
        assert_one_problem_containing(&problems, "zhangjiang-health-roundtable-2017 starts on 2018-11-28");
    }

    #[test]
    fn two_regions_at_one_point() {
        let problems = problems_after(one_place_per_point, |dataset| {
            let visit = event(dataset, "aiia-visit-cell-center-2024-03-22");
            (visit.places[0].lat, visit.places[0].lon) = (30.5728, 104.0668);
        });
        assert_one_problem_containing(
            &problems,
            "30.5728, 104.0668: aiia-visit-cell-center-2024-03-22 has a region place",
        );
    }

    #[test]
    fn a_point_not_in_the_guide() {
        let problems = problems_after(points_listed_in_the_guide, |dataset| {
            event(dataset, "csitf-2017").places[0].lat = 31.23;
        });
        assert_one_problem_containing(&problems, "csitf-2017: the point 31.23, 121.4737 (city)");
    }

    #[test]
    fn a_speaker_the_article_only_cites() {
        let problems = problems_after(speakers_speak, |dataset| {
            event(dataset, "zhangjiang-health-association-founding-2017").people[0].role = "speaker".into();
        });
        assert_one_problem_containing(
            &problems,
            "\"Hu Kui\" is a speaker, but no quote naming them says that they spoke",
        );
        let problems = problems_after(speakers_speak, |dataset| {
            event(dataset, "tbhc-2023")
                .sources
                .retain(|source| !source.quote.contains("Du Xiaogang"));
        });
        assert_one_problem_containing(&problems, "tbhc-2023: no quote names \"Du Xiaogang\"");
    }

    #[test]
    fn a_summary_quoting_words_the_article_does_not_have() {
        let problems = problems_after(summary_quotes_verbatim, |dataset| {
            event(dataset, "cpc-19th-national-congress-2017").summary.en += " It was called \"a new era of health\".";
        });
        assert_one_problem_containing(&problems, "the summary quotes \"a new era of health\"");
    }

    #[test]
    fn a_quote_retyped_with_a_typo_fixed() {
        let problems = problems_after(quotes_verbatim, |dataset| {
            let forum = event(dataset, "changchun-medicine-forum-2021");
            forum.sources[0].quote = forum.sources[0].quote.replace("Medicien", "Medicine");
        });
        assert_one_problem_containing(&problems, "changchun-medicine-forum-2021: quote not found verbatim");
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
}
