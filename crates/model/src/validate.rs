//! Parsing and validation of a dataset file into typed, located errors.
//!
//! Every dataset — the embedded one (at build time, through `health-atlas-dataset`'s
//! `build.rs`), a `src=` override and the CLI's input — goes through [`parse_dataset`]. It reports *all* problems it can
//! find, each with a path such as `events[3].places[0].lat`, and never panics.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::story::{parse_narrative, FilterProblem, MarkupError, Story, MAX_STEP_ZOOM};
use crate::{Dataset, DatePrecision, Event, LocalizedText, Place, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION};

/// One problem in a dataset, located by a JSON path (`events[3].places[0].lat`) and, when the
/// text is known, a line of the file.
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetError {
    pub path: String,
    pub problem: Problem,
    pub line: Option<Line>,
}

/// Where in the file a problem is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Line {
    /// serde_json stopped on this line (a mistyped value, an unknown field).
    Exact(usize),
    /// A rule broken inside the event that starts on this line.
    EventStartingAt(usize),
    /// A rule broken inside the story that starts on this line.
    StoryStartingAt(usize),
}

/// What is wrong, and what was expected instead.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The text is not JSON at all.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// A value has the wrong type, an unknown field or an unknown enum value; the message
    /// is serde's, which names what was expected.
    Shape {
        message: String,
    },
    UnsupportedSchemaVersion {
        found: u32,
    },
    NoEvents,
    /// Empty in every language.
    EmptyText,
    BadId {
        id: String,
    },
    DuplicateId {
        id: String,
        first_index: usize,
    },
    EndBeforeStart {
        start: NaiveDate,
        end: NaiveDate,
    },
    /// Month or year precision whose span is not exactly that month or year.
    SpanDoesNotMatchPrecision {
        precision: DatePrecision,
        expected_start: NaiveDate,
        expected_end: NaiveDate,
    },
    OutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    BadCountryCode {
        code: String,
    },
    EmptyRole,
    NotFinite,
    BadTag {
        tag: String,
    },
    UnknownEvent {
        id: String,
    },
    RelatesToItself,
    NoSource,
    EmptyQuote,
    NotHttpUrl {
        url: String,
    },
    /// A file of schema version 1 with stories, which came with version 2.
    StoriesNeedVersion2 {
        found: u32,
    },
    DuplicateStoryId {
        id: String,
        first_index: usize,
    },
    NoSteps,
    NoStepEvents,
    /// A step's `filter` that cannot be used: `part` is the offending `key=value` (the whole
    /// filter for [`FilterProblem::Empty`] and [`FilterProblem::MatchesNothing`]); `story` and
    /// `step` (1 is the first) say where, for a reader of a spreadsheet as much as of the JSON.
    BadStepFilter {
        story: String,
        step: usize,
        part: String,
        problem: FilterProblem,
    },
    /// A narrative whose markup cannot be read.
    BadMarkup {
        error: MarkupError,
    },
    /// More events than the reader accepts (a cap on what a fetched file may cost).
    TooManyEvents {
        found: usize,
        limit: usize,
    },
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(top level)"
        } else {
            &self.path
        };
        match &self.problem {
            // Read as a sentence about the field itself: "events[7].end (2023-05-17) is before start (2023-05-18)".
            Problem::EndBeforeStart { start, end } => {
                write!(f, "{path} ({end}) is before start ({start})")?;
            }
            problem => write!(f, "{path}: {problem}")?,
        }
        match self.line {
            Some(Line::Exact(line)) => write!(f, " (line {line})"),
            Some(Line::EventStartingAt(line)) => write!(f, " (in the event at line {line})"),
            Some(Line::StoryStartingAt(line)) => write!(f, " (in the story at line {line})"),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            Problem::Shape { message } => write!(f, "{message}"),
            Problem::UnsupportedSchemaVersion { found } => {
                write!(
                    f,
                    "schema_version {found} is not supported; this build reads versions {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}"
                )
            }
            Problem::NoEvents => write!(f, "the dataset has no events; expected at least one"),
            Problem::EmptyText => write!(f, "is empty in every language; expected text in en, zh or fr"),
            Problem::BadId { id } => write!(
                f,
                "{id:?} is not a valid id; expected lower-case letters, digits and single hyphens (e.g. \"tbhc-2023\")"
            ),
            Problem::DuplicateId { id, first_index } => {
                write!(f, "duplicate id {id:?}, already used by events[{first_index}]")
            }
            Problem::EndBeforeStart { start, end } => write!(f, "end {end} is before start {start}"),
            Problem::SpanDoesNotMatchPrecision {
                precision,
                expected_start,
                expected_end,
            } => write!(
                f,
                "precision \"{}\" expects the span {expected_start}..{expected_end}",
                precision.slug()
            ),
            Problem::OutOfRange { value, min, max } => write!(f, "{value} is outside {min}..{max}"),
            Problem::BadCountryCode { code } => {
                write!(
                    f,
                    "{code:?} is not an ISO 3166-1 alpha-2 code; expected two upper-case letters such as \"CN\""
                )
            }
            Problem::EmptyRole => write!(f, "is empty; expected a role such as \"organiser\" or \"speaker\""),
            Problem::NotFinite => write!(f, "is not a finite number"),
            Problem::BadTag { tag } => write!(
                f,
                "{tag:?} is not a valid tag; expected lower-case words joined by hyphens (e.g. \"stem-cells\")"
            ),
            Problem::UnknownEvent { id } => write!(f, "refers to {id:?}, which is not an event id in this dataset"),
            Problem::RelatesToItself => write!(f, "an event cannot relate to itself"),
            Problem::NoSource => write!(f, "has no source; every event needs at least one source with a quote"),
            Problem::EmptyQuote => write!(
                f,
                "is empty; expected the passage of the source that supports the event"
            ),
            Problem::NotHttpUrl { url } => write!(f, "{url:?} is not an http(s) URL"),
            Problem::StoriesNeedVersion2 { found } => {
                write!(f, "stories need schema_version 2; this file says {found}")
            }
            Problem::DuplicateStoryId { id, first_index } => {
                write!(f, "duplicate story id {id:?}, already used by stories[{first_index}]")
            }
            Problem::NoSteps => write!(f, "the story has no steps; expected at least one"),
            Problem::NoStepEvents => write!(f, "the step names no event; expected at least one event id or a filter"),
            Problem::BadStepFilter {
                story,
                step,
                part,
                problem,
            } => write!(f, "story {story:?}, step {step}: {part:?} {problem}"),
            Problem::BadMarkup { error } => write!(
                f,
                "{error}; expected plain text with *emphasis* and [words](event-id) links"
            ),
            Problem::TooManyEvents { found, limit } => {
                write!(f, "{found} events; at most {limit} can be shown")
            }
        }
    }
}

/// Parses a dataset and checks every rule, returning all problems found, each with the line
/// of the file it is on (or the line its event starts on).
pub fn parse_dataset(json: &str) -> Result<Dataset, Vec<DatasetError>> {
    parse_dataset_limited(json, usize::MAX)
}

/// [`parse_dataset`] for a file from outside: more than `max_events` events is an error,
/// found before more than `max_events` events are read.
///
/// Two readers, one result. The fast one reads the whole text straight into a [`Dataset`]
/// with plain serde_json (no paths tracked, no event kept as its own text, no lines counted)
/// and then checks every rule; a file that passes both is the answer, and that is the common
/// case (the shipped file, a site's own file). Anything else, a serde error, a broken rule or
/// too many events, is read again by [`parse_dataset_located`], the reader that finds every
/// problem with its path and line. The fast reader is never more permissive than that one (its
/// top level is the same three fields with the same types, and each event the same `Event`),
/// so a text either gets the same dataset from both, or the located reader's errors; a
/// property test checks that on valid, damaged and random texts.
pub fn parse_dataset_limited(json: &str, max_events: usize) -> Result<Dataset, Vec<DatasetError>> {
    parse_dataset_with(json, max_events, |_| Vec::new())
}

/// [`parse_dataset_limited`] with rules this crate cannot check on its own: a story step's
/// `filter` is in the app's link format, which `health_atlas_explore` reads
/// (`share::step_filter::parse_dataset_checked` passes them). They run once the dataset
/// passes every other rule, so they see a sound dataset, and their errors get lines as the
/// others do.
pub fn parse_dataset_with(
    json: &str,
    max_events: usize,
    more_rules: impl Fn(&Dataset) -> Vec<DatasetError>,
) -> Result<Dataset, Vec<DatasetError>> {
    match read_checked(json, max_events, &more_rules) {
        Ok(dataset) => Ok(dataset),
        Err(HasProblems) => parse_dataset_located(json, max_events, more_rules),
    }
}

/// What [`read_checked`] says of a text it does not accept: there is at least one problem,
/// and [`parse_dataset_located`] (or [`parse_dataset_with`]) says which, where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HasProblems;

/// The fast reader alone, with every rule: the dataset, or only the news that the text has a
/// problem. For a caller that wants the common case fast and can find the located errors
/// elsewhere (the app's first render asks its later module for them, so the located reader
/// and `serde_path_to_error` stay out of its wasm). It accepts exactly the texts
/// [`parse_dataset_with`] accepts, with the same dataset (the reader agreement test).
pub fn read_checked(
    json: &str,
    max_events: usize,
    more_rules: impl Fn(&Dataset) -> Vec<DatasetError>,
) -> Result<Dataset, HasProblems> {
    match read_fast(json, max_events) {
        Ok(dataset) if passes_every_rule(&dataset, more_rules) => Ok(dataset),
        _ => Err(HasProblems),
    }
}

/// Whether a dataset the fast readers have read passes the model's rules and then
/// `more_rules`: what [`read_checked`] accepts, and `SlicedRead` with the same rules split in
/// two ([`event_passes_own_rules`], [`passes_rules_across`]).
pub(crate) fn passes_every_rule(dataset: &Dataset, more_rules: impl Fn(&Dataset) -> Vec<DatasetError>) -> bool {
    validate(dataset).is_empty() && more_rules(dataset).is_empty()
}

/// The reader that locates every problem: each event read on its own from its text, with
/// `serde_path_to_error`, and each error given its path and line. [`parse_dataset_with`]
/// falls back on it for any text the fast reader does not accept; public so that tests can
/// hold the two to the same results.
pub fn parse_dataset_located(
    json: &str,
    max_events: usize,
    more_rules: impl Fn(&Dataset) -> Vec<DatasetError>,
) -> Result<Dataset, Vec<DatasetError>> {
    let file = parse_shape(json, max_events)?;
    let mut errors = validate(&file.dataset);
    if errors.is_empty() {
        errors = more_rules(&file.dataset);
    }
    if errors.is_empty() {
        return Ok(file.dataset);
    }
    locate(&mut errors, &file.lines);
    Err(errors)
}

/// The fast reader: the whole text as a [`Dataset`] in one serde_json pass, refusing a
/// `max_events + 1`th event as soon as it is read. Its errors are never shown (the located
/// reader reads such a text again), so they say nothing.
pub(crate) fn read_fast(json: &str, max_events: usize) -> Result<Dataset, serde_json::Error> {
    let top = read_top_level::<Event>(json, max_events)?;
    Ok(Dataset {
        schema_version: top.schema_version,
        description: top.description,
        events: top.events,
        stories: top.stories,
    })
}

/// A dataset's top level with its events read as `E`: `Event` for [`read_fast`];
/// `serde::de::IgnoredAny` with no event allowed for the sliced reader, which reads the
/// events itself (and so its wasm has one instantiation of `Event`'s reading, not two).
pub(crate) struct TopLevel<E> {
    pub schema_version: u32,
    pub description: String,
    pub events: Vec<E>,
    pub stories: Vec<Story>,
}

/// [`read_fast`]'s reading of the top level, for events of any type.
pub(crate) fn read_top_level<E: serde::de::DeserializeOwned>(
    json: &str,
    max_events: usize,
) -> Result<TopLevel<E>, serde_json::Error> {
    use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};
    use std::marker::PhantomData;

    /// The top level's fields; any other is an error, as `Dataset`'s `deny_unknown_fields`.
    #[derive(serde::Deserialize)]
    #[serde(field_identifier, rename_all = "snake_case")]
    enum Field {
        SchemaVersion,
        Description,
        Events,
        Stories,
    }

    struct Top<E>(usize, PhantomData<E>);
    struct Events<E>(usize, PhantomData<E>);

    impl<'de, E: serde::de::DeserializeOwned> Visitor<'de> for Top<E> {
        type Value = TopLevel<E>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a dataset")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel<E>, A::Error> {
            let (mut schema_version, mut description, mut events, mut stories) = (None, None, None, None);
            while let Some(field) = map.next_key::<Field>()? {
                // A field given twice is an error, as in the derived `Deserialize`.
                let twice = match field {
                    Field::SchemaVersion => schema_version.replace(map.next_value::<u32>()?).is_some(),
                    Field::Description => description.replace(map.next_value::<String>()?).is_some(),
                    Field::Events => events
                        .replace(map.next_value_seed(Events::<E>(self.0, PhantomData))?)
                        .is_some(),
                    Field::Stories => stories.replace(map.next_value::<Vec<Story>>()?).is_some(),
                };
                if twice {
                    return Err(A::Error::custom(""));
                }
            }
            Ok(TopLevel {
                schema_version: schema_version.ok_or_else(|| A::Error::custom(""))?,
                description: description.unwrap_or_default(),
                events: events.ok_or_else(|| A::Error::custom(""))?,
                stories: stories.unwrap_or_default(),
            })
        }
    }

    impl<'de, E: serde::de::DeserializeOwned> DeserializeSeed<'de> for Events<E> {
        type Value = Vec<E>;
        fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Vec<E>, D::Error> {
            deserializer.deserialize_seq(self)
        }
    }

    impl<'de, E: serde::de::DeserializeOwned> Visitor<'de> for Events<E> {
        type Value = Vec<E>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("events")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<E>, A::Error> {
            let mut events = Vec::new();
            while let Some(event) = seq.next_element::<E>()? {
                if events.len() == self.0 {
                    return Err(A::Error::custom(""));
                }
                events.push(event);
            }
            Ok(events)
        }
    }

    let mut deserializer = serde_json::Deserializer::from_str(json);
    let top = serde::Deserializer::deserialize_map(&mut deserializer, Top::<E>(max_events, PhantomData))?;
    deserializer.end()?;
    Ok(top)
}

/// The file's top level with every event left as its raw text, so each event is then read
/// on its own: one mistyped field does not hide the problems of the other events, and an
/// error's line is known. Mirrors `model::Dataset` (a test keeps them in step).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct DatasetFile<'a> {
    schema_version: u32,
    #[serde(default)]
    description: String,
    #[serde(borrow)]
    events: Vec<&'a serde_json::value::RawValue>,
    #[serde(default, borrow)]
    stories: Vec<&'a serde_json::value::RawValue>,
}

/// The events of a file whose top level has a problem, so they are still checked.
#[derive(serde::Deserialize)]
struct EventsOnly<'a> {
    #[serde(default, borrow)]
    events: Vec<&'a serde_json::value::RawValue>,
}

/// An event's id when the event itself could not be read, so relations to it are not
/// reported as unknown.
#[derive(serde::Deserialize)]
struct EventId {
    #[serde(default)]
    id: Option<String>,
}

/// A read dataset, with where each event and story starts in the text.
struct ParsedFile {
    dataset: Dataset,
    lines: ItemLines,
}

/// The line each event and each story starts on.
#[derive(Default)]
struct ItemLines {
    events: Vec<usize>,
    stories: Vec<usize>,
}

/// Gives each `events[i]…` or `stories[i]…` error without a line the line its item starts on.
fn locate(errors: &mut [DatasetError], lines: &ItemLines) {
    for error in errors.iter_mut().filter(|error| error.line.is_none()) {
        error.line = match (error.event_index(), error.story_index()) {
            (Some(index), _) => lines.events.get(index).map(|&line| Line::EventStartingAt(line)),
            (_, Some(index)) => lines.stories.get(index).map(|&line| Line::StoryStartingAt(line)),
            _ => None,
        };
    }
}

impl DatasetError {
    /// The event the error is about: `3` for `events[3].places[0].lat`.
    pub fn event_index(&self) -> Option<usize> {
        self.path.strip_prefix("events[")?.split_once(']')?.0.parse().ok()
    }

    /// The story the error is about: `1` for `stories[1].steps[0].events[2]`.
    pub fn story_index(&self) -> Option<usize> {
        self.path.strip_prefix("stories[")?.split_once(']')?.0.parse().ok()
    }
}

/// Deserialises without semantic checks, reporting every shape problem (with its line) and,
/// when there are any, the rule problems of the events that could be read.
///
/// The events are read straight from the text (no `serde_json::Value` tree in between: that
/// was most of the load time of a large file), each with the one `Deserialize` instantiation
/// for `serde_path_to_error` over a `serde_json` string reader.
fn parse_shape(json: &str, max_events: usize) -> Result<ParsedFile, Vec<DatasetError>> {
    let mut errors = Vec::new();
    let (top, events, raw_stories) = match read::<DatasetFile>(json) {
        // serde's derived structs also read a JSON array, field by field in order; a dataset
        // is an object (the fast reader reads only that, and so does every other tool).
        Ok(_) if json.trim_start().starts_with('[') => {
            let leading = &json[..json.len() - json.trim_start().len()];
            errors.push(DatasetError {
                path: String::new(),
                problem: Problem::Shape {
                    message: "invalid type: sequence, expected an object with schema_version and events".into(),
                },
                line: Some(Line::Exact(leading.matches('\n').count() + 1)),
            });
            (None, Vec::new(), Vec::new())
        }
        Ok(file) => {
            let DatasetFile {
                schema_version,
                description,
                events,
                stories,
            } = file;
            (Some((schema_version, description)), events, stories)
        }
        Err(ReadError { error: inner, .. }) if is_syntax(&inner) => {
            return Err(vec![DatasetError {
                path: String::new(),
                problem: Problem::Syntax {
                    line: inner.line(),
                    column: inner.column(),
                    message: strip_position(&inner.to_string()),
                },
                line: None,
            }]);
        }
        Err(error) => {
            errors.push(shape_error(error.path, &error.error, 1));
            // Valid JSON with a problem at the top level: still check the events.
            let events = read::<EventsOnly>(json).map(|file| file.events).unwrap_or_default();
            (None, events, Vec::new())
        }
    };

    if events.len() > max_events {
        return Err(vec![DatasetError {
            path: "events".into(),
            problem: Problem::TooManyEvents {
                found: events.len(),
                limit: max_events,
            },
            line: None,
        }]);
    }
    let line_starts: Vec<usize> = json.match_indices('\n').map(|(at, _)| at + 1).collect();
    let line_of = |text: &str| {
        let offset = text.as_ptr() as usize - json.as_ptr() as usize;
        line_starts.partition_point(|&start| start <= offset) + 1
    };
    let event_lines: Vec<usize> = events.iter().map(|raw| line_of(raw.get())).collect();
    let mut parsed: Vec<Event> = Vec::with_capacity(events.len());
    let mut parsed_indices: Vec<usize> = Vec::new();
    let mut unparsed_ids: Vec<String> = Vec::new();
    for (index, raw) in events.iter().enumerate() {
        match read::<Event>(raw.get()) {
            Ok(event) => {
                parsed.push(event);
                parsed_indices.push(index);
            }
            Err(error) => {
                let inner_path = error.path;
                let path = if inner_path == "." || inner_path.is_empty() {
                    format!("events[{index}]")
                } else {
                    format!("events[{index}].{inner_path}")
                };
                errors.push(shape_error(path, &error.error, event_lines[index]));
                unparsed_ids.extend(read::<EventId>(raw.get()).ok().and_then(|event| event.id));
            }
        }
    }
    let story_lines: Vec<usize> = raw_stories.iter().map(|raw| line_of(raw.get())).collect();
    let mut stories = Vec::with_capacity(raw_stories.len());
    for (index, raw) in raw_stories.iter().enumerate() {
        match read::<Story>(raw.get()) {
            Ok(story) => stories.push(story),
            Err(error) => {
                let inner_path = error.path;
                let path = if inner_path == "." || inner_path.is_empty() {
                    format!("stories[{index}]")
                } else {
                    format!("stories[{index}].{inner_path}")
                };
                errors.push(shape_error(path, &error.error, story_lines[index]));
            }
        }
    }
    let lines = ItemLines {
        events: event_lines,
        stories: story_lines,
    };
    match top {
        Some((schema_version, description)) if errors.is_empty() => Ok(ParsedFile {
            dataset: Dataset {
                schema_version,
                description,
                events: parsed,
                stories,
            },
            lines,
        }),
        _ => {
            let parsed_refs: Vec<(usize, &Event)> = parsed_indices.iter().copied().zip(&parsed).collect();
            let unparsed_ids: Vec<&str> = unparsed_ids.iter().map(String::as_str).collect();
            let mut rule_errors = check_events(&parsed_refs, &unparsed_ids);
            locate(&mut rule_errors, &lines);
            errors.extend(rule_errors);
            Err(errors)
        }
    }
}

/// Why a text could not be read as a type: serde_json's error and the path it stopped at.
struct ReadError {
    path: String,
    error: serde_json::Error,
}

/// Reads one whole JSON text as `T`, with the path of the first problem.
fn read<'de, T: serde::Deserialize<'de>>(text: &'de str) -> Result<T, ReadError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| ReadError {
        path: error.path().to_string(),
        error: error.into_inner(),
    })?;
    // Trailing text after the value.
    deserializer.end().map_err(|error| ReadError {
        path: String::new(),
        error,
    })?;
    Ok(value)
}

fn is_syntax(error: &serde_json::Error) -> bool {
    matches!(
        error.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof | serde_json::error::Category::Io
    )
}

/// A shape error; serde_json's line is within the text it read, which starts on `first_line`.
fn shape_error(path: String, error: &serde_json::Error, first_line: usize) -> DatasetError {
    DatasetError {
        path: if path == "." { String::new() } else { path },
        problem: Problem::Shape {
            message: strip_position(&error.to_string()),
        },
        line: (error.line() > 0).then(|| Line::Exact(first_line + error.line() - 1)),
    }
}

/// serde_json appends " at line L column C" to its messages; the error carries those
/// numbers separately, so drop the suffix to avoid saying it twice.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// Checks the rules serde cannot express. Returns every problem, in document order.
pub fn validate(dataset: &Dataset) -> Vec<DatasetError> {
    let mut errors = check_top_level(dataset);
    let indexed: Vec<(usize, &Event)> = dataset.events.iter().enumerate().collect();
    errors.extend(check_events(&indexed, &[]));
    let event_ids: Vec<&str> = dataset.events.iter().map(|event| event.id.as_str()).collect();
    errors.extend(check_stories(&dataset.stories, &event_ids));
    errors
}

/// The schema version, stories only from version 2, at least one event.
fn check_top_level(dataset: &Dataset) -> Vec<DatasetError> {
    let mut errors = Vec::new();
    let mut report = |path: String, problem: Problem| {
        errors.push(DatasetError {
            path,
            problem,
            line: None,
        })
    };

    if !(OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&dataset.schema_version) {
        report(
            "schema_version".into(),
            Problem::UnsupportedSchemaVersion {
                found: dataset.schema_version,
            },
        );
    } else if dataset.schema_version < 2 && !dataset.stories.is_empty() {
        report(
            "stories".into(),
            Problem::StoriesNeedVersion2 {
                found: dataset.schema_version,
            },
        );
    }
    if dataset.events.is_empty() {
        report("events".into(), Problem::NoEvents);
    }
    errors
}

/// Whether one event passes the rules that look at it alone (all but unique ids and relation
/// targets): `SlicedRead` checks each event as it reads it, so that the rules' cost is spread
/// over the parse's slices, and only [`passes_rules_across`] is left for the end.
pub(crate) fn event_passes_own_rules(event: &Event) -> bool {
    let mut passes = true;
    check_event(0, event, &|_| true, &mut |_, _| passes = false);
    passes
}

/// For a dataset whose every event passes [`event_passes_own_rules`], whether it passes the
/// rest of [`passes_every_rule`]: the top level, unique ids, relation targets, the stories,
/// then `more_rules`. The two together answer as `passes_every_rule` (a test holds them to it).
pub(crate) fn passes_rules_across(dataset: &Dataset, more_rules: impl Fn(&Dataset) -> Vec<DatasetError>) -> bool {
    let mut ids: HashSet<&str> = HashSet::with_capacity(dataset.events.len());
    let unique = dataset.events.iter().all(|event| ids.insert(&event.id));
    let targets_known = || {
        (dataset.events.iter())
            .flat_map(|event| &event.relations)
            .all(|relation| ids.contains(relation.target.as_str()))
    };
    let stories_pass = || {
        let event_ids: Vec<&str> = dataset.events.iter().map(|event| event.id.as_str()).collect();
        check_stories(&dataset.stories, &event_ids).is_empty()
    };
    unique && targets_known() && check_top_level(dataset).is_empty() && stories_pass() && more_rules(dataset).is_empty()
}

/// The stories' rules: ids, texts, markup, and every event a step names or links to exists.
fn check_stories(stories: &[Story], event_ids: &[&str]) -> Vec<DatasetError> {
    let mut errors = Vec::new();
    let mut report = |path: String, problem: Problem| {
        errors.push(DatasetError {
            path,
            problem,
            line: None,
        })
    };
    let known = |id: &str| event_ids.contains(&id);
    let mut first_index_of_id: HashMap<&str, usize> = HashMap::new();
    for (index, story) in stories.iter().enumerate() {
        let at = |field: &str| format!("stories[{index}].{field}");
        match first_index_of_id.get(story.id.as_str()) {
            Some(&first_index) => report(
                at("id"),
                Problem::DuplicateStoryId {
                    id: story.id.clone(),
                    first_index,
                },
            ),
            None => {
                first_index_of_id.insert(&story.id, index);
            }
        }
        if !is_slug(&story.id) {
            report(at("id"), Problem::BadId { id: story.id.clone() });
        }
        check_text(&story.title, at("title"), &mut report);
        if story.steps.is_empty() {
            report(at("steps"), Problem::NoSteps);
        }
        for (step_index, step) in story.steps.iter().enumerate() {
            let step_at = |field: &str| at(&format!("steps[{step_index}].{field}"));
            check_text(&step.narrative, step_at("narrative"), &mut report);
            let narrative = &step.narrative;
            for (lang, text) in [("en", &narrative.en), ("zh", &narrative.zh), ("fr", &narrative.fr)] {
                match parse_narrative(text) {
                    Err(error) => report(step_at(&format!("narrative.{lang}")), Problem::BadMarkup { error }),
                    Ok(paragraphs) => {
                        for span in paragraphs.iter().flatten() {
                            if let crate::story::Span::Link { event, .. } = span {
                                if !known(event) {
                                    report(
                                        step_at(&format!("narrative.{lang}")),
                                        Problem::UnknownEvent { id: event.clone() },
                                    );
                                }
                            }
                        }
                    }
                }
            }
            if step.events.is_empty() && step.filter.is_none() {
                report(step_at("events"), Problem::NoStepEvents);
            }
            for (event_index, id) in step.events.iter().enumerate() {
                if !known(id) {
                    report(
                        step_at(&format!("events[{event_index}]")),
                        Problem::UnknownEvent { id: id.clone() },
                    );
                }
            }
            for (quote_index, quote) in step.quotes.iter().enumerate() {
                if quote.trim().is_empty() {
                    report(step_at(&format!("quotes[{quote_index}]")), Problem::EmptyQuote);
                }
            }
            if let Some(window) = step.window {
                if window.end < window.start {
                    report(
                        step_at("window.end"),
                        Problem::EndBeforeStart {
                            start: window.start,
                            end: window.end,
                        },
                    );
                }
            }
            if let Some(view) = step.view {
                check_range(view.lat, -90.0, 90.0, step_at("view.lat"), &mut report);
                check_range(view.lon, -180.0, 180.0, step_at("view.lon"), &mut report);
                check_range(view.zoom, 1.0, MAX_STEP_ZOOM, step_at("view.zoom"), &mut report);
            }
        }
    }
    errors
}

/// The per-event rules, for events given with their index in the file. `unparsed_ids` are
/// the ids of events that failed to deserialise: relations to them are not "unknown".
fn check_events(events: &[(usize, &Event)], unparsed_ids: &[&str]) -> Vec<DatasetError> {
    let mut errors = Vec::new();
    let mut report = |path: String, problem: Problem| {
        errors.push(DatasetError {
            path,
            problem,
            line: None,
        })
    };
    let mut first_index_of_id: HashMap<&str, usize> = HashMap::new();
    for &(index, event) in events {
        if let Some(&first_index) = first_index_of_id.get(event.id.as_str()) {
            report(
                format!("events[{index}].id"),
                Problem::DuplicateId {
                    id: event.id.clone(),
                    first_index,
                },
            );
        } else {
            first_index_of_id.insert(&event.id, index);
        }
    }

    let known = |id: &str| first_index_of_id.contains_key(id) || unparsed_ids.contains(&id);
    for &(index, event) in events {
        check_event(index, event, &known, &mut report);
    }
    errors
}

/// The rules of event `index` alone, with `known` saying which ids a relation may target.
/// (`dyn`: one copy in a wasm, for `validate` and for `event_passes_own_rules`.)
fn check_event(index: usize, event: &Event, known: &dyn Fn(&str) -> bool, mut report: &mut dyn FnMut(String, Problem)) {
    // Paths are written only for a problem found: a valid event costs no allocation here.
    let at = |field: &str| format!("events[{index}].{field}");
    if !is_slug(&event.id) {
        report(at("id"), Problem::BadId { id: event.id.clone() });
    }
    if event.title.is_empty() {
        report(at("title"), Problem::EmptyText);
    }
    check_dates(event, &at, &mut report);
    for (place_index, place) in event.places.iter().enumerate() {
        check_place(
            place,
            &|field| at(&format!("places[{place_index}].{field}")),
            &mut report,
        );
    }
    for (org_index, organisation) in event.organisations.iter().enumerate() {
        if organisation.name.is_empty() {
            report(at(&format!("organisations[{org_index}].name")), Problem::EmptyText);
        }
        if organisation.role.trim().is_empty() {
            report(at(&format!("organisations[{org_index}].role")), Problem::EmptyRole);
        }
    }
    for (person_index, person) in event.people.iter().enumerate() {
        if person.name.is_empty() {
            report(at(&format!("people[{person_index}].name")), Problem::EmptyText);
        }
        if person.role.trim().is_empty() {
            report(at(&format!("people[{person_index}].role")), Problem::EmptyRole);
        }
    }
    for (tag_index, tag) in event.tags.iter().enumerate() {
        if !is_slug(tag) {
            report(at(&format!("tags[{tag_index}]")), Problem::BadTag { tag: tag.clone() });
        }
    }
    for (figure_index, figure) in event.figures.iter().enumerate() {
        if figure.label.is_empty() {
            report(at(&format!("figures[{figure_index}].label")), Problem::EmptyText);
        }
        if !figure.value.is_finite() {
            report(at(&format!("figures[{figure_index}].value")), Problem::NotFinite);
        }
    }
    for (relation_index, relation) in event.relations.iter().enumerate() {
        let path = || at(&format!("relations[{relation_index}].target"));
        if relation.target == event.id {
            report(path(), Problem::RelatesToItself);
        } else if !known(&relation.target) {
            report(
                path(),
                Problem::UnknownEvent {
                    id: relation.target.clone(),
                },
            );
        }
    }
    if event.sources.is_empty() {
        report(at("sources"), Problem::NoSource);
    }
    for (source_index, source) in event.sources.iter().enumerate() {
        if source.quote.trim().is_empty() {
            report(at(&format!("sources[{source_index}].quote")), Problem::EmptyQuote);
        }
        if !source.url.is_empty() && !is_http_url(&source.url) {
            report(
                at(&format!("sources[{source_index}].url")),
                Problem::NotHttpUrl {
                    url: source.url.clone(),
                },
            );
        }
    }
}

fn check_dates(event: &Event, at: &dyn Fn(&str) -> String, report: &mut impl FnMut(String, Problem)) {
    let start = event.start;
    let end = event.end.unwrap_or(start);
    if end < start {
        report(at("end"), Problem::EndBeforeStart { start, end });
        return;
    }
    let expected = match event.precision {
        DatePrecision::Month => month_span(start),
        DatePrecision::Year => year_span(start),
        DatePrecision::Exact | DatePrecision::Approximate => None,
    };
    if let Some((expected_start, expected_end)) = expected {
        if (start, end) != (expected_start, expected_end) {
            report(
                at("precision"),
                Problem::SpanDoesNotMatchPrecision {
                    precision: event.precision,
                    expected_start,
                    expected_end,
                },
            );
        }
    }
}

fn month_span(day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let first = day.with_day(1)?;
    let next_month_first = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
    };
    Some((first, next_month_first.pred_opt()?))
}

fn year_span(day: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(day.year(), 1, 1)?,
        NaiveDate::from_ymd_opt(day.year(), 12, 31)?,
    ))
}

fn check_place(place: &Place, at: &dyn Fn(&str) -> String, report: &mut impl FnMut(String, Problem)) {
    if place.name.is_empty() {
        report(at("name"), Problem::EmptyText);
    }
    if let Some(problem) = range_problem(place.lat, -90.0, 90.0) {
        report(at("lat"), problem);
    }
    if let Some(problem) = range_problem(place.lon, -180.0, 180.0) {
        report(at("lon"), problem);
    }
    let code = &place.country;
    if code.len() != 2 || !code.bytes().all(|byte| byte.is_ascii_uppercase()) {
        report(at("country"), Problem::BadCountryCode { code: code.clone() });
    }
}

fn range_problem(value: f64, min: f64, max: f64) -> Option<Problem> {
    if !value.is_finite() {
        Some(Problem::NotFinite)
    } else if !(min..=max).contains(&value) {
        Some(Problem::OutOfRange { value, min, max })
    } else {
        None
    }
}

/// For the stories' rules, which are few: their paths are made whether or not they are used.
fn check_range(value: f64, min: f64, max: f64, path: String, report: &mut impl FnMut(String, Problem)) {
    if let Some(problem) = range_problem(value, min, max) {
        report(path, problem);
    }
}

fn check_text(text: &LocalizedText, path: String, report: &mut impl FnMut(String, Problem)) {
    if text.is_empty() {
        report(path, Problem::EmptyText);
    }
}

/// Ids and tags: `a-z`, `0-9`, single hyphens inside.
fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && !text.starts_with('-')
        && !text.ends_with('-')
        && !text.contains("--")
        && text
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
}

/// Only these are ever rendered as links, so a `javascript:` URL in a hostile file stays text.
pub fn is_http_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && lower.len() > "https://".len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn generated_data_is_valid() {
        assert_eq!(validate(&crate::generate::generate(500, 7)), Vec::new());
    }

    fn event(id: &str) -> Value {
        json!({
            "id": id,
            "title": {"en": "Conference", "zh": "会议"},
            "category": "conference",
            "start": "2023-05-18",
            "precision": "exact",
            "places": [{"name": {"en": "Wuxi"}, "country": "CN", "lat": 31.49, "lon": 120.31, "precision": "city"}],
            "sources": [{"file": "002.txt", "language": "fr", "quote": "a eu lieu jeudi à Wuxi"}]
        })
    }

    /// Pretty-printed, as maintainers write it, so lines mean something.
    fn dataset(events: Vec<Value>) -> String {
        serde_json::to_string_pretty(&json!({"schema_version": 1, "events": events})).unwrap()
    }

    /// The messages without their lines (`errors_say_on_which_line_they_are` checks those).
    fn messages(json: &str) -> Vec<String> {
        match parse_dataset(json) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|error| {
                    DatasetError {
                        line: None,
                        ..error.clone()
                    }
                    .to_string()
                })
                .collect(),
        }
    }

    #[test]
    fn errors_say_on_which_line_they_are() {
        let mut events = vec![event("a"), event("b"), event("c")];
        events[1]["places"][0]["lat"] = json!("north");
        events[2]["places"][0]["lat"] = json!(95.2);
        let text = dataset(events);
        let line_of = |needle: &str| text.lines().position(|line| line.contains(needle)).unwrap() + 1;
        let errors = parse_dataset(&text).unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
        // The mistyped value: serde stops on its line.
        assert_eq!(errors[0].line, Some(Line::Exact(line_of("\"north\""))));
        // A broken rule: the line its event starts on (the `{` after the second event).
        let third_event_start = text
            .match_indices("\n    {")
            .nth(2)
            .map(|(at, _)| text[..=at].lines().count() + 1);
        assert_eq!(errors[1].line, third_event_start.map(Line::EventStartingAt));
        assert!(
            errors[1]
                .to_string()
                .ends_with(&format!("(in the event at line {})", third_event_start.unwrap())),
            "{}",
            errors[1]
        );
        let syntax = parse_dataset("{\n  \"schema_version\": 1,\n  \"events\": [,]\n}").unwrap_err();
        assert!(
            matches!(syntax[0].problem, Problem::Syntax { line: 3, .. }),
            "{}",
            syntax[0]
        );
    }

    #[test]
    fn the_file_reader_mirrors_the_dataset_fields() {
        let step = json!([{"narrative": {"en": "x"}, "events": ["a"]}]);
        let dataset = parse_dataset(&with_stories(2, vec![story(step)])).unwrap();
        let value = serde_json::to_value(Dataset {
            description: "d".into(),
            ..dataset
        })
        .unwrap();
        let names: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            names,
            ["description", "events", "schema_version", "stories"],
            "update DatasetFile too"
        );
    }

    #[test]
    fn a_valid_dataset_parses() {
        let parsed = parse_dataset(&dataset(vec![event("a"), event("b")])).unwrap();
        assert_eq!(parsed.events.len(), 2);
    }

    #[test]
    fn out_of_range_latitude_names_the_exact_place() {
        let mut events = vec![event("a"), event("b"), event("c"), event("d")];
        events[3]["places"][0]["lat"] = json!(95.2);
        assert_eq!(
            messages(&dataset(events)),
            ["events[3].places[0].lat: 95.2 is outside -90..90"]
        );
    }

    #[test]
    fn end_before_start_reads_as_a_sentence() {
        let mut events: Vec<Value> = (0..8).map(|index| event(&format!("e{index}"))).collect();
        events[7]["end"] = json!("2023-05-17");
        assert_eq!(
            messages(&dataset(events)),
            ["events[7].end (2023-05-17) is before start (2023-05-18)"]
        );
    }

    #[test]
    fn all_problems_are_reported_not_only_the_first() {
        let mut events = vec![event("dup"), event("dup"), event("c")];
        events[0]["title"] = json!({"en": " ", "zh": ""});
        events[1]["relations"] = json!([{"kind": "part_of", "target": "missing"}]);
        events[2]["sources"] = json!([]);
        events[2]["places"][0]["country"] = json!("china");
        assert_eq!(
            messages(&dataset(events)),
            [
                "events[1].id: duplicate id \"dup\", already used by events[0]",
                "events[0].title: is empty in every language; expected text in en, zh or fr",
                "events[1].relations[0].target: refers to \"missing\", which is not an event id in this dataset",
                "events[2].places[0].country: \"china\" is not an ISO 3166-1 alpha-2 code; expected two upper-case letters such as \"CN\"",
                "events[2].sources: has no source; every event needs at least one source with a quote",
            ]
        );
    }

    #[test]
    fn shape_errors_in_several_events_are_all_located() {
        let mut events = vec![event("a"), event("b"), event("c")];
        events[0]["category"] = json!("meeting");
        events[2]["places"][0]["lat"] = json!("north");
        let found = messages(&dataset(events));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].starts_with("events[0].category: unknown variant `meeting`, expected one of `conference`"),
            "{}",
            found[0]
        );
        assert!(
            found[1].starts_with("events[2].places[0].lat: invalid type: string \"north\", expected f64"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn a_shape_error_does_not_hide_rule_errors_in_other_events() {
        let mut events = vec![event("a"), event("b"), event("c")];
        events[0]["category"] = json!("meeting");
        events[1]["places"][0]["lat"] = json!(95.2);
        events[2]["relations"] = json!([{"kind": "part_of", "target": "a"}, {"kind": "related", "target": "zz"}]);
        let found = messages(&dataset(events));
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("events[0].category: unknown variant `meeting`"),
            "{}",
            found[0]
        );
        assert_eq!(found[1], "events[1].places[0].lat: 95.2 is outside -90..90");
        // "a" failed to parse but exists, so only the truly unknown target is reported.
        assert_eq!(
            found[2],
            "events[2].relations[1].target: refers to \"zz\", which is not an event id in this dataset"
        );
    }

    #[test]
    fn a_misspelt_field_is_an_error_not_silently_dropped() {
        let mut events = vec![event("a")];
        events[0]["catgory"] = json!("forum");
        let found = messages(&dataset(events));
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("unknown field `catgory`"), "{}", found[0]);
    }

    #[test]
    fn a_dataset_given_as_an_array_is_refused_by_both_readers() {
        let text = format!("\n[1, \"\", [{}]]", serde_json::to_string(&event("a")).unwrap());
        assert_eq!(
            messages(&text),
            ["(top level): invalid type: sequence, expected an object with schema_version and events"]
        );
        assert_eq!(read_checked(&text, usize::MAX, |_| Vec::new()), Err(HasProblems));
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let found = messages("{\n  \"schema_version\": 1,\n  \"events\": [\n}");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("(top level): not valid JSON at line 4, column 1"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn precision_must_match_the_span() {
        let mut events = vec![event("a"), event("b")];
        events[0]["precision"] = json!("month");
        events[0]["start"] = json!("2021-07-01");
        events[0]["end"] = json!("2021-07-31");
        events[1]["precision"] = json!("year");
        assert_eq!(
            messages(&dataset(events)),
            ["events[1].precision: precision \"year\" expects the span 2023-01-01..2023-12-31"]
        );
    }

    #[test]
    fn only_http_urls_are_accepted_for_sources() {
        let mut events = vec![event("a")];
        events[0]["sources"][0]["url"] = json!("javascript:alert(1)");
        assert_eq!(
            messages(&dataset(events)),
            ["events[0].sources[0].url: \"javascript:alert(1)\" is not an http(s) URL"]
        );
        assert!(is_http_url("https://example.org/a"));
        assert!(!is_http_url("https://"));
    }

    #[test]
    fn a_source_url_that_is_not_http_is_located() {
        let mut events = vec![event("a"), event("b")];
        events[1]["sources"][0]["url"] = json!("JavaScript:alert(document.domain)");
        let errors = parse_dataset(&dataset(events)).unwrap_err(); // ok: test data
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "events[1].sources[0].url");
        assert!(
            matches!(errors[0].line, Some(Line::EventStartingAt(line)) if line > 1),
            "{:?}",
            errors[0]
        );
    }

    #[test]
    fn more_events_than_the_cap_is_one_error_before_any_event_is_read() {
        let text = dataset(vec![event("a"), event("b"), json!({"id": 5})]);
        assert_eq!(
            parse_dataset_limited(&text, 2).unwrap_err(), // ok: test data
            [DatasetError {
                path: "events".into(),
                problem: Problem::TooManyEvents { found: 3, limit: 2 },
                line: None,
            }]
        );
        assert!(parse_dataset_limited(&dataset(vec![event("a"), event("b")]), 2).is_ok());
    }

    #[test]
    fn wrong_schema_version_and_empty_dataset() {
        assert_eq!(
            messages(r#"{"schema_version": 3, "events": []}"#),
            [
                "schema_version: schema_version 3 is not supported; this build reads versions 1 to 2",
                "events: the dataset has no events; expected at least one",
            ]
        );
    }

    fn story(steps: Value) -> Value {
        json!({"id": "three-days", "title": {"en": "Three days"}, "steps": steps})
    }

    fn with_stories(version: u32, stories: Vec<Value>) -> String {
        serde_json::to_string_pretty(&json!({
            "schema_version": version,
            "events": [event("a"), event("b")],
            "stories": stories,
        }))
        .unwrap()
    }

    #[test]
    fn version_1_files_still_load_and_version_2_carries_stories() {
        let old = parse_dataset(&dataset(vec![event("a")])).unwrap();
        assert_eq!((old.schema_version, old.stories.len()), (1, 0));
        let step = json!({"narrative": {"en": "On *day one* [it began](a)."}, "events": ["a", "b"],
            "window": {"start": "2023-05-01", "end": "2023-05-31"}, "view": {"lat": 31.5, "lon": 120.3, "zoom": 8}});
        let new = parse_dataset(&with_stories(2, vec![story(json!([step]))])).unwrap();
        assert_eq!(new.stories[0].steps[0].events, ["a", "b"]);
        assert_eq!(
            messages(&with_stories(1, vec![story(json!([step]))])),
            ["stories: stories need schema_version 2; this file says 1"]
        );
    }

    #[test]
    fn stories_are_checked_and_located() {
        let bad_steps = json!([
            {"narrative": {"en": "See [this](nowhere) and *that"}, "events": ["a", "ghost"], "quotes": [" "]},
            {"narrative": {"zh": "x"}, "events": [], "window": {"start": "2023-05-02", "end": "2023-05-01"},
             "view": {"lat": 91, "lon": 0, "zoom": 0.5}},
        ]);
        let mut duplicate = story(json!([]));
        duplicate["title"] = json!({"en": " "});
        let text = with_stories(2, vec![story(bad_steps), duplicate]);
        assert_eq!(
            messages(&text),
            [
                "stories[0].steps[0].narrative.en: the * at character 25 is not closed in its paragraph; expected plain text with *emphasis* and [words](event-id) links",
                "stories[0].steps[0].events[1]: refers to \"ghost\", which is not an event id in this dataset",
                "stories[0].steps[0].quotes[0]: is empty; expected the passage of the source that supports the event",
                "stories[0].steps[1].events: the step names no event; expected at least one event id or a filter",
                "stories[0].steps[1].window.end (2023-05-01) is before start (2023-05-02)",
                "stories[0].steps[1].view.lat: 91 is outside -90..90",
                "stories[0].steps[1].view.zoom: 0.5 is outside 1..16",
                "stories[1].id: duplicate story id \"three-days\", already used by stories[0]",
                "stories[1].title: is empty in every language; expected text in en, zh or fr",
                "stories[1].steps: the story has no steps; expected at least one",
            ]
        );
        // Rule errors carry the line their story starts on; a link to an unknown event is found
        // once the markup reads.
        let errors = parse_dataset(&text).unwrap_err();
        assert!(matches!(errors[0].line, Some(Line::StoryStartingAt(_))), "{errors:?}");
        let linked = with_stories(
            2,
            vec![story(json!([{"narrative": {"fr": "[ici](nowhere)"}, "events": ["a"]}]))],
        );
        assert_eq!(
            messages(&linked),
            ["stories[0].steps[0].narrative.fr: refers to \"nowhere\", which is not an event id in this dataset"]
        );
        // A misspelt field in a story is a shape error on its exact line.
        let misspelt = with_stories(2, vec![story(json!([{"narative": {"en": "x"}, "events": ["a"]}]))]);
        let errors = parse_dataset(&misspelt).unwrap_err();
        assert!(errors[0].path.starts_with("stories[0].steps[0]"), "{errors:?}");
        assert!(errors[0].to_string().contains("unknown field `narative`"), "{errors:?}");
        assert!(matches!(errors[0].line, Some(Line::Exact(_))));
    }

    #[test]
    fn arbitrary_text_never_panics() {
        for text in [
            "",
            "null",
            "[]",
            "{\"events\": 5}",
            "\u{0}",
            "{\"schema_version\": -1}",
            "{\"events\": [1, {}]}",
        ] {
            assert!(parse_dataset(text).is_err(), "{text:?} should be rejected");
        }
    }
}
