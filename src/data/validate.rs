//! Parsing and validation of a dataset file into typed, located errors.
//!
//! Every dataset — the embedded one (at build time, through `build.rs`), a `src=` override
//! and the CLI's input — goes through [`parse_dataset`]. It reports *all* problems it can
//! find, each with a path such as `events[3].places[0].lat`, and never panics.
//!
//! This file must only depend on `crate::model` and registry crates: `build.rs` compiles it
//! on its own to refuse building with an invalid `data/events.json`.

use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::model::{Dataset, DatePrecision, Event, LocalizedText, Place, SCHEMA_VERSION};

/// One problem in a dataset, located by a JSON path (`events[3].places[0].lat`).
#[derive(Clone, Debug, PartialEq)]
pub struct DatasetError {
    pub path: String,
    pub problem: Problem,
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
        line: Option<usize>,
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
                write!(f, "{path} ({end}) is before start ({start})")
            }
            problem => write!(f, "{path}: {problem}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax { line, column, message } => {
                write!(f, "not valid JSON at line {line}, column {column}: {message}")
            }
            Problem::Shape {
                line: Some(line),
                message,
            } => write!(f, "{message} (line {line})"),
            Problem::Shape { line: None, message } => write!(f, "{message}"),
            Problem::UnsupportedSchemaVersion { found } => {
                write!(
                    f,
                    "schema_version {found} is not supported; this build reads version {SCHEMA_VERSION}"
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
        }
    }
}

/// Parses a dataset and checks every rule, returning all problems found.
pub fn parse_dataset(json: &str) -> Result<Dataset, Vec<DatasetError>> {
    let dataset = parse_shape(json)?;
    let errors = validate(&dataset);
    if errors.is_empty() {
        Ok(dataset)
    } else {
        Err(errors)
    }
}

/// Deserialises without semantic checks. On a shape error it goes on event by event, so
/// one mistyped field does not hide the problems in the other events.
///
/// The text is read into a `serde_json::Value` first and every deserialisation reads from a
/// `&Value`, so the model's `Deserialize` code is instantiated for one deserializer only
/// (three copies, for the text, an owned and a borrowed value, cost ~40 KB of wasm).
/// Shape errors therefore carry no line number; their path says where they are.
fn parse_shape(json: &str) -> Result<Dataset, Vec<DatasetError>> {
    let value = match serde_json::from_str::<serde_json::Value>(json) {
        Ok(value) => value,
        // Any JSON text is a `Value`: this is a syntax error or a premature end.
        Err(error) => {
            return Err(vec![DatasetError {
                path: String::new(),
                problem: Problem::Syntax {
                    line: error.line(),
                    column: error.column(),
                    message: strip_position(&error.to_string()),
                },
            }])
        }
    };
    let first_error = match serde_path_to_error::deserialize::<_, Dataset>(&value) {
        Ok(dataset) => return Ok(dataset),
        Err(error) => error,
    };
    let inner = first_error.inner();
    // Valid JSON with a shape problem: check the parts one at a time to find them all.
    let mut errors = Vec::new();
    if let serde_json::Value::Object(top) = &value {
        let mut top_without_events = top.clone();
        top_without_events.insert("events".into(), serde_json::Value::Array(Vec::new()));
        if let Err(error) =
            serde_path_to_error::deserialize::<_, Dataset>(&serde_json::Value::Object(top_without_events))
        {
            errors.push(shape_error(error.path().to_string(), error.inner()));
        }
        if let Some(serde_json::Value::Array(events)) = top.get("events") {
            let mut parsed: Vec<(usize, Event)> = Vec::new();
            let mut unparsed_ids: Vec<&str> = Vec::new();
            for (index, event) in events.iter().enumerate() {
                let result = serde_path_to_error::deserialize::<_, Event>(event);
                if result.is_err() {
                    unparsed_ids.extend(event.get("id").and_then(serde_json::Value::as_str));
                }
                match result {
                    Ok(event) => parsed.push((index, event)),
                    Err(error) => {
                        let inner_path = error.path().to_string();
                        let path = if inner_path == "." {
                            format!("events[{index}]")
                        } else {
                            format!("events[{index}].{inner_path}")
                        };
                        errors.push(shape_error(path, error.inner()));
                    }
                }
            }
            let parsed_refs: Vec<(usize, &Event)> = parsed.iter().map(|(index, event)| (*index, event)).collect();
            errors.extend(check_events(&parsed_refs, &unparsed_ids));
        }
    }
    if errors.is_empty() {
        errors.push(shape_error(first_error.path().to_string(), inner));
    }
    Err(errors)
}

fn shape_error(path: String, error: &serde_json::Error) -> DatasetError {
    let line = (error.line() > 0).then_some(error.line());
    DatasetError {
        path: if path == "." { String::new() } else { path },
        problem: Problem::Shape {
            line,
            message: strip_position(&error.to_string()),
        },
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
    let mut errors = Vec::new();
    let mut report = |path: String, problem: Problem| errors.push(DatasetError { path, problem });

    if dataset.schema_version != SCHEMA_VERSION {
        report(
            "schema_version".into(),
            Problem::UnsupportedSchemaVersion {
                found: dataset.schema_version,
            },
        );
    }
    if dataset.events.is_empty() {
        report("events".into(), Problem::NoEvents);
    }
    let indexed: Vec<(usize, &Event)> = dataset.events.iter().enumerate().collect();
    errors.extend(check_events(&indexed, &[]));
    errors
}

/// The per-event rules, for events given with their index in the file. `unparsed_ids` are
/// the ids of events that failed to deserialise: relations to them are not "unknown".
fn check_events(events: &[(usize, &Event)], unparsed_ids: &[&str]) -> Vec<DatasetError> {
    let mut errors = Vec::new();
    let mut report = |path: String, problem: Problem| errors.push(DatasetError { path, problem });
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

    for &(index, event) in events {
        let at = |field: &str| format!("events[{index}].{field}");
        if !is_slug(&event.id) {
            report(at("id"), Problem::BadId { id: event.id.clone() });
        }
        if event.title.is_empty() {
            report(at("title"), Problem::EmptyText);
        }
        check_dates(event, &at, &mut report);
        for (place_index, place) in event.places.iter().enumerate() {
            check_place(place, &at(&format!("places[{place_index}]")), &mut report);
        }
        for (org_index, organisation) in event.organisations.iter().enumerate() {
            let path = at(&format!("organisations[{org_index}]"));
            check_text(&organisation.name, format!("{path}.name"), &mut report);
            if organisation.role.trim().is_empty() {
                report(format!("{path}.role"), Problem::EmptyRole);
            }
        }
        for (person_index, person) in event.people.iter().enumerate() {
            let path = at(&format!("people[{person_index}]"));
            check_text(&person.name, format!("{path}.name"), &mut report);
            if person.role.trim().is_empty() {
                report(format!("{path}.role"), Problem::EmptyRole);
            }
        }
        for (tag_index, tag) in event.tags.iter().enumerate() {
            if !is_slug(tag) {
                report(at(&format!("tags[{tag_index}]")), Problem::BadTag { tag: tag.clone() });
            }
        }
        for (figure_index, figure) in event.figures.iter().enumerate() {
            let path = at(&format!("figures[{figure_index}]"));
            check_text(&figure.label, format!("{path}.label"), &mut report);
            if !figure.value.is_finite() {
                report(format!("{path}.value"), Problem::NotFinite);
            }
        }
        for (relation_index, relation) in event.relations.iter().enumerate() {
            let path = at(&format!("relations[{relation_index}].target"));
            if relation.target == event.id {
                report(path, Problem::RelatesToItself);
            } else if !first_index_of_id.contains_key(relation.target.as_str())
                && !unparsed_ids.contains(&relation.target.as_str())
            {
                report(
                    path,
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
            let path = at(&format!("sources[{source_index}]"));
            if source.quote.trim().is_empty() {
                report(format!("{path}.quote"), Problem::EmptyQuote);
            }
            if !source.url.is_empty() && !is_http_url(&source.url) {
                report(
                    format!("{path}.url"),
                    Problem::NotHttpUrl {
                        url: source.url.clone(),
                    },
                );
            }
        }
    }
    errors
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

fn check_place(place: &Place, path: &str, report: &mut impl FnMut(String, Problem)) {
    check_text(&place.name, format!("{path}.name"), report);
    check_range(place.lat, -90.0, 90.0, format!("{path}.lat"), report);
    check_range(place.lon, -180.0, 180.0, format!("{path}.lon"), report);
    let code = &place.country;
    if code.len() != 2 || !code.bytes().all(|byte| byte.is_ascii_uppercase()) {
        report(
            format!("{path}.country"),
            Problem::BadCountryCode { code: code.clone() },
        );
    }
}

fn check_range(value: f64, min: f64, max: f64, path: String, report: &mut impl FnMut(String, Problem)) {
    if !value.is_finite() {
        report(path, Problem::NotFinite);
    } else if !(min..=max).contains(&value) {
        report(path, Problem::OutOfRange { value, min, max });
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

    fn dataset(events: Vec<Value>) -> String {
        json!({"schema_version": 1, "events": events}).to_string()
    }

    fn messages(json: &str) -> Vec<String> {
        match parse_dataset(json) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
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
    fn wrong_schema_version_and_empty_dataset() {
        assert_eq!(
            messages(r#"{"schema_version": 2, "events": []}"#),
            [
                "schema_version: schema_version 2 is not supported; this build reads version 1",
                "events: the dataset has no events; expected at least one",
            ]
        );
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
