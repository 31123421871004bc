//! Guided stories: an ordered path through chosen events, each step with a short narrative.
//!
//! A story belongs to the dataset (`stories`, schema version 2). This module owns its shape and
//! the narrative's markup; `validate` checks its references. Plain Rust, no browser APIs.
//!
//! # Narrative markup
//! A narrative is plain text with the least markup a story needs, so it can be rendered
//! without HTML (never `innerHTML`):
//! - paragraphs are separated by a blank line;
//! - `*words*` is emphasis;
//! - `[words](event-id)` links the words to an event of the dataset (its card lists the sources);
//! - `\*`, `\[`, `\]`, `\(`, `\)` and `\\` are the characters themselves.
//!
//! Anything else is text.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::LocalizedText;

/// One guided story.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    /// Stable slug used in links (`#story=aiia-three-days`).
    pub id: String,
    pub title: LocalizedText,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub summary: LocalizedText,
    pub steps: Vec<StoryStep>,
}

/// One step of a story: what it says and which events it is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryStep {
    /// The step's text, in the markup described in the module's documentation.
    pub narrative: LocalizedText,
    /// The ids of the events the step is about. With `filter`, the step is about both: the
    /// events named here and those the filter finds. At least one of the two is given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Events the step is about, as a filter in the app's link format: `cat=forum&from=2023-05-01&q=Taihu`
    /// (`q`, the facets, `from` and `to`; not `event`, `t`, `map`, `lang`, `view`, `story` or
    /// `step`, which are about a view, not about events). Read by the link decoder and checked
    /// against the dataset by `health_atlas_explore::query::story` (this crate does not know the
    /// link format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// The passages of the events' articles that the narrative rests on, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
    /// The timeline's window; otherwise fitted to the step's events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<StepWindow>,
    /// The map's view; otherwise fitted to the step's events' places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<StepView>,
}

/// A timeline window: first and last day shown, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepWindow {
    #[serde(with = "crate::date::iso_day")]
    pub start: chrono::NaiveDate,
    #[serde(with = "crate::date::iso_day")]
    pub end: chrono::NaiveDate,
}

/// A map view: a centre and a zoom level (1 shows the whole world; each level doubles the scale).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepView {
    pub lat: f64,
    pub lon: f64,
    pub zoom: f64,
}

/// The highest zoom level a step's view may ask for: the map's own maximum.
pub const MAX_STEP_ZOOM: f64 = 16.0;

/// Why a step's `filter` cannot be used, for [`crate::Problem::BadStepFilter`]. Each says what
/// was expected instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterProblem {
    /// No filter at all (empty, or only `v=1`).
    Empty,
    /// A key of the link format that is about a view, not about events (`event`, `t`, `map`,
    /// `lang`, `view`, `story`, `step`).
    NotAFilter,
    /// A key the link format does not have.
    UnknownKey,
    NotADate,
    /// `to` before `from`.
    ReversedRange,
    /// Percent-escapes that do not spell UTF-8 text.
    NotUtf8,
    /// The same key twice.
    Repeated,
    /// More facet values than a link may carry.
    TooManyValues {
        limit: usize,
    },
    /// A facet value no event of the dataset has.
    UnknownValue,
    /// A valid filter that finds no event of the dataset.
    MatchesNothing,
}

/// The keys a step's filter may use, for the messages that say what was expected.
pub const FILTER_KEYS: &str = "q, cat, org, person, country, region, city, tag, from, to";

impl fmt::Display for FilterProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterProblem::Empty => write!(f, "is empty; expected a filter such as cat=forum&from=2023-05-01"),
            FilterProblem::NotAFilter => write!(f, "is about a view, not about events; expected one of {FILTER_KEYS}"),
            FilterProblem::UnknownKey => write!(f, "is not a key of the link format; expected one of {FILTER_KEYS}"),
            FilterProblem::NotADate => write!(f, "is not a date; expected YYYY-MM-DD"),
            FilterProblem::ReversedRange => write!(f, "ends before it starts; expected from before to"),
            FilterProblem::NotUtf8 => write!(f, "has percent-escapes that are not UTF-8 text"),
            FilterProblem::Repeated => write!(f, "repeats a key; expected each key once"),
            FilterProblem::TooManyValues { limit } => {
                write!(f, "has more values than a link may carry; expected at most {limit}")
            }
            FilterProblem::UnknownValue => write!(f, "names a value no event of the dataset has"),
            FilterProblem::MatchesNothing => write!(
                f,
                "finds no event of the dataset; expected a filter that finds the step's events"
            ),
        }
    }
}

/// A run of a narrative's paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Emphasis(String),
    /// Words linked to an event.
    Link {
        text: String,
        event: String,
    },
}

/// Why a narrative's markup could not be read, with the character (not byte, counted from 1)
/// where it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkupError {
    /// A `*` without its closing `*` in the same paragraph.
    UnclosedEmphasis { at: usize },
    /// A `[` not followed by `words](event-id)`.
    BrokenLink { at: usize },
    /// `[words]()`: a link without an event id.
    EmptyLinkTarget { at: usize },
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MarkupError::UnclosedEmphasis { at } => {
                write!(f, "the * at character {at} is not closed in its paragraph")
            }
            MarkupError::BrokenLink { at } => {
                write!(
                    f,
                    "the [ at character {at} does not start a link written [words](event-id)"
                )
            }
            MarkupError::EmptyLinkTarget { at } => write!(f, "the link at character {at} names no event"),
        }
    }
}

/// The paragraphs of a narrative, each a list of spans.
pub fn parse_narrative(text: &str) -> Result<Vec<Vec<Span>>, MarkupError> {
    let mut paragraphs = Vec::new();
    for paragraph in split_paragraphs(text) {
        let spans = parse_paragraph(paragraph.text, paragraph.start)?;
        if !spans.is_empty() {
            paragraphs.push(spans);
        }
    }
    Ok(paragraphs)
}

/// The event ids a narrative links to (empty when its markup is broken).
pub fn linked_events(text: &str) -> Vec<String> {
    parse_narrative(text)
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .filter_map(|span| match span {
            Span::Link { event, .. } => Some(event),
            _ => None,
        })
        .collect()
}

/// The narrative as plain text (markup removed, paragraphs joined by a blank line), for
/// screen readers, print and the traceability checks.
pub fn plain_text(text: &str) -> String {
    match parse_narrative(text) {
        Ok(paragraphs) => paragraphs
            .iter()
            .map(|spans| {
                spans
                    .iter()
                    .map(|span| match span {
                        Span::Text(text) | Span::Emphasis(text) | Span::Link { text, .. } => text.as_str(),
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n\n"),
        Err(_) => text.to_owned(),
    }
}

struct Paragraph<'a> {
    /// Character index of the paragraph's first character in the whole text.
    start: usize,
    text: &'a str,
}

fn split_paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let mut paragraphs = Vec::new();
    let mut chars_before = 0;
    let mut current_start: Option<(usize, usize)> = None; // (byte, char)
    let mut current_end = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        let byte = line.as_ptr() as usize - text.as_ptr() as usize;
        if blank {
            if let Some((start_byte, start_char)) = current_start.take() {
                paragraphs.push(Paragraph {
                    start: start_char,
                    text: &text[start_byte..current_end],
                });
            }
        } else {
            if current_start.is_none() {
                current_start = Some((byte, chars_before));
            }
            current_end = byte + line.len();
        }
        chars_before += line.chars().count();
    }
    if let Some((start_byte, start_char)) = current_start {
        paragraphs.push(Paragraph {
            start: start_char,
            text: &text[start_byte..current_end],
        });
    }
    paragraphs
}

fn parse_paragraph(text: &str, first_char: usize) -> Result<Vec<Span>, MarkupError> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut plain = String::new();
    let mut index = 0;
    // Reads escaped text up to (not including) `stop`; returns the text and the index of `stop`.
    let read_until = |from: usize, stop: char| -> Option<(String, usize)> {
        let mut out = String::new();
        let mut at = from;
        while at < chars.len() {
            match chars[at] {
                '\\' if at + 1 < chars.len() => {
                    out.push(chars[at + 1]);
                    at += 2;
                }
                c if c == stop => return Some((out, at)),
                '\n' => {
                    out.push(' ');
                    at += 1;
                }
                c => {
                    out.push(c);
                    at += 1;
                }
            }
        }
        None
    };
    let flush = |plain: &mut String, spans: &mut Vec<Span>| {
        if !plain.is_empty() {
            spans.push(Span::Text(std::mem::take(plain)));
        }
    };
    while index < chars.len() {
        match chars[index] {
            '\\' if index + 1 < chars.len() => {
                plain.push(chars[index + 1]);
                index += 2;
            }
            '*' => {
                let Some((words, close)) = read_until(index + 1, '*') else {
                    return Err(MarkupError::UnclosedEmphasis {
                        at: first_char + index + 1,
                    });
                };
                flush(&mut plain, &mut spans);
                spans.push(Span::Emphasis(words));
                index = close + 1;
            }
            '[' => {
                let at = first_char + index + 1;
                let Some((words, close)) = read_until(index + 1, ']') else {
                    return Err(MarkupError::BrokenLink { at });
                };
                if chars.get(close + 1) != Some(&'(') {
                    return Err(MarkupError::BrokenLink { at });
                }
                let Some((target, end)) = read_until(close + 2, ')') else {
                    return Err(MarkupError::BrokenLink { at });
                };
                let target = target.trim().to_owned();
                if target.is_empty() {
                    return Err(MarkupError::EmptyLinkTarget { at });
                }
                flush(&mut plain, &mut spans);
                spans.push(Span::Link {
                    text: words,
                    event: target,
                });
                index = end + 1;
            }
            '\n' => {
                plain.push(' ');
                index += 1;
            }
            c => {
                plain.push(c);
                index += 1;
            }
        }
    }
    // A paragraph's trailing line break is not text.
    let trimmed = plain.trim_end().len();
    plain.truncate(trimmed);
    flush(&mut plain, &mut spans);
    Ok(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Span {
        Span::Text(t.into())
    }

    #[test]
    fn paragraphs_emphasis_and_links() {
        let parsed = parse_narrative("On *March 22nd* the\ndelegation [visited](aiia-visit).\n\nSecond.\n").unwrap();
        assert_eq!(
            parsed,
            vec![
                vec![
                    text("On "),
                    Span::Emphasis("March 22nd".into()),
                    text(" the delegation "),
                    Span::Link {
                        text: "visited".into(),
                        event: "aiia-visit".into()
                    },
                    text("."),
                ],
                vec![text("Second.")],
            ]
        );
        assert_eq!(linked_events("a [b](x) [c](y)"), ["x", "y"]);
        assert_eq!(plain_text("*a* [b](x)\n\nc"), "a b\n\nc");
    }

    #[test]
    fn escapes_are_the_characters_themselves() {
        assert_eq!(parse_narrative(r"2 \* 3 \[x\]").unwrap(), vec![vec![text("2 * 3 [x]")]]);
    }

    #[test]
    fn broken_markup_says_where() {
        assert_eq!(
            parse_narrative("ok\n\nan *open one"),
            Err(MarkupError::UnclosedEmphasis { at: 8 })
        );
        assert_eq!(
            parse_narrative("see [this] here"),
            Err(MarkupError::BrokenLink { at: 5 })
        );
        assert_eq!(
            parse_narrative("see [this](here"),
            Err(MarkupError::BrokenLink { at: 5 })
        );
        assert_eq!(parse_narrative("[x]( )"), Err(MarkupError::EmptyLinkTarget { at: 1 }));
        assert_eq!(
            MarkupError::BrokenLink { at: 4 }.to_string(),
            "the [ at character 4 does not start a link written [words](event-id)"
        );
    }

    #[test]
    fn no_input_panics() {
        for input in ["", "\\", "*", "[", "[a]", "[a](", "\n\n\n", "é*", "[é](é)", "\\\n"] {
            let _ = parse_narrative(input);
            let _ = plain_text(input);
        }
    }
}
