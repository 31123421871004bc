//! [`validate::read_checked`](crate::validate::read_checked) a slice at a time, so that a page
//! reading a large file can paint and answer clicks between slices: one call of
//! [`SlicedRead::step`] does a bounded amount of work and says whether there is more.
//!
//! Three stages. The top level is scanned (a byte loop that can stop anywhere: strings, escapes
//! and nesting are tracked, nothing is decoded) until its `events` array opens; its events are
//! then read one by one, each with the same `Event` type as the whole-text reader and straight
//! from the text, a few per step; then the scan goes on over the rest. The top level is read
//! without its events (`schema_version`, `description`, `stories`). Each event is held to its own
//! rules as it is read (so their cost is spread over the slices), and last come the rules across
//! events (unique ids, relation targets, the stories), then the caller's.
//! The result is exactly `read_checked`'s (tests hold them to it on damaged, near-miss and
//! random texts), and a text the scan cannot follow (no top-level object, `events` given twice
//! or not as an array, broken syntax outside the events) is one `read_checked` refuses too.

use std::ops::Range;

use crate::validate::{event_passes_own_rules, passes_rules_across, read_top_level, DatasetError, HasProblems};
use crate::{Dataset, Event};

/// Where the scan is in the top level's object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// Before the top level's `{`.
    Start,
    /// Before a key (after `{` or `,`).
    Key,
    /// After a key, before its `:`.
    Colon,
    /// After the `:`, before the value.
    Value,
    /// Inside or after a value, before `,` or `}`.
    AfterValue,
    /// After the closing `}`: only whitespace may follow.
    End,
}

/// The resumable scan over the text's bytes.
#[derive(Debug)]
struct Scan {
    at: usize,
    depth: u32,
    in_string: bool,
    escaped: bool,
    reading_key: bool,
    expect: Expect,
    /// The key last read at the top level (its bytes' range), and whether it had an escape.
    key: Range<usize>,
    key_has_escape: bool,
    /// The `events` array just opened at `events_start` (its `[`): its events are read next.
    events_open: bool,
    events_start: usize,
    /// The `events` value, from its `[` to its `]`, once read.
    events: Option<Range<usize>>,
    /// Something no dataset has (broken syntax, `events` twice or not an array, no top-level
    /// object): the text is refused, as `read_checked` refuses it (the tests check both agree).
    not_plain: bool,
}

/// JSON's own whitespace (not Rust's, which also has form feeds and Unicode spaces).
fn is_json_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r')
}

enum Stage {
    /// The top level, before or after its events.
    Scanning(Scan),
    /// The events, from `at` (after the `[` or a `,`).
    Events {
        scan: Scan,
        at: usize,
    },
    Checking(Dataset),
    Done,
}

/// Rules checked after the model's own (the explore crate's step filters).
type MoreRules<'a> = dyn Fn(&Dataset) -> Vec<DatasetError> + 'a;

/// A text being read a slice at a time. Not generic over its rules (a `dyn`): all of its code is
/// compiled here, at this crate's opt-level (3, for the load's speed), not at the app's.
pub struct SlicedRead<'a> {
    text: &'a str,
    max_events: usize,
    more_rules: Box<MoreRules<'a>>,
    events: Vec<Event>,
    stage: Stage,
}

/// What one [`SlicedRead::step`] did.
#[derive(Debug, PartialEq)]
pub enum Progress {
    /// More to do; the share of the text read so far, from 0 to 1, for a progress bar.
    More(f64),
    /// `read_checked`'s answer.
    Done(Result<Dataset, HasProblems>),
}

impl<'a> SlicedRead<'a> {
    pub fn new(text: &'a str, max_events: usize, more_rules: impl Fn(&Dataset) -> Vec<DatasetError> + 'a) -> Self {
        SlicedRead {
            text,
            max_events,
            more_rules: Box::new(more_rules),
            events: Vec::new(),
            stage: Stage::Scanning(Scan {
                at: 0,
                depth: 0,
                in_string: false,
                escaped: false,
                reading_key: false,
                expect: Expect::Start,
                key: 0..0,
                key_has_escape: false,
                events_open: false,
                events_start: 0,
                events: None,
                not_plain: false,
            }),
        }
    }

    /// Does about `bytes` bytes' worth of work (scanning, or reading and checking events), or the
    /// rules across events at the end in one go.
    pub fn step(&mut self, bytes: usize) -> Progress {
        let bytes = bytes.max(1);
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Scanning(mut scan) => {
                scan.run(self.text.as_bytes(), bytes);
                if scan.not_plain {
                    return Progress::Done(Err(HasProblems));
                }
                if scan.events_open {
                    let at = scan.at;
                    self.stage = Stage::Events { scan, at };
                    return Progress::More(self.share(at));
                }
                if scan.at < self.text.len() {
                    let done = self.share(scan.at);
                    self.stage = Stage::Scanning(scan);
                    return Progress::More(done);
                }
                let (Some(events), Expect::End) = (scan.events.clone(), scan.expect) else {
                    return Progress::Done(Err(HasProblems));
                };
                // The top level without its events: `schema_version`, `description`, `stories`.
                let top = format!("{}[]{}", &self.text[..events.start], &self.text[events.end..]);
                match read_top_level::<serde::de::IgnoredAny>(&top, 0) {
                    Ok(top) => {
                        self.stage = Stage::Checking(Dataset {
                            schema_version: top.schema_version,
                            description: top.description,
                            events: std::mem::take(&mut self.events),
                            stories: top.stories,
                        });
                        Progress::More(1.0)
                    }
                    Err(_) => Progress::Done(Err(HasProblems)),
                }
            }
            Stage::Events { scan, mut at } => {
                let text = self.text.as_bytes();
                let until = at.saturating_add(bytes);
                while at < until {
                    at = skip_space(text, at);
                    // `[]`: no events (a rule refuses that later, as it does for the whole text).
                    if text.get(at) == Some(&b']') && at == skip_space(text, scan.events_start + 1) {
                        return self.close_events(scan, at);
                    }
                    let mut reader = serde_json::Deserializer::from_str(&self.text[at..]).into_iter::<Event>();
                    match reader.next() {
                        Some(Ok(event)) if self.events.len() < self.max_events && event_passes_own_rules(&event) => {
                            self.events.push(event)
                        }
                        _ => return Progress::Done(Err(HasProblems)),
                    }
                    at = skip_space(text, at + reader.byte_offset());
                    match text.get(at) {
                        Some(b',') => at += 1,
                        Some(b']') => return self.close_events(scan, at),
                        _ => return Progress::Done(Err(HasProblems)),
                    }
                }
                self.stage = Stage::Events { scan, at };
                Progress::More(self.share(at))
            }
            Stage::Checking(dataset) => {
                if passes_rules_across(&dataset, &*self.more_rules) {
                    Progress::Done(Ok(dataset))
                } else {
                    Progress::Done(Err(HasProblems))
                }
            }
            Stage::Done => Progress::Done(Err(HasProblems)),
        }
    }

    /// Whether the next step is the rules across events: one step of tens of milliseconds at
    /// 100,000 events, where the others are about one (a caller may give it a task of its own).
    pub fn checks_next(&self) -> bool {
        matches!(self.stage, Stage::Checking(_))
    }

    /// Every step at once: what `read_checked` answers, through the same code as the slices
    /// (so a wasm that reads this way carries one reader, not two).
    pub fn to_end(mut self) -> Result<Dataset, HasProblems> {
        loop {
            if let Progress::Done(result) = self.step(usize::MAX) {
                return result;
            }
        }
    }

    /// The share of the text before `at`, for a progress bar.
    fn share(&self, at: usize) -> f64 {
        at as f64 / self.text.len().max(1) as f64
    }

    /// The events' `]` is at `at`: back to the scan of the top level, after it.
    fn close_events(&mut self, mut scan: Scan, at: usize) -> Progress {
        scan.events = Some(scan.events_start..at + 1);
        scan.events_open = false;
        scan.at = at + 1;
        let done = self.share(scan.at);
        self.stage = Stage::Scanning(scan);
        Progress::More(done)
    }
}

/// The first position from `at` that is not JSON whitespace.
fn skip_space(text: &[u8], mut at: usize) -> usize {
    while text.get(at).copied().is_some_and(is_json_space) {
        at += 1;
    }
    at
}

impl Scan {
    /// Scans up to `budget` bytes from where it stopped.
    fn run(&mut self, text: &[u8], budget: usize) {
        let end = text.len().min(self.at.saturating_add(budget));
        while self.at < end && !self.not_plain {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                    self.at += 1;
                    continue;
                }
                // Most bytes outside the events are inside strings (the stories' texts): jump
                // to the next quote or backslash rather than go through the state machine.
                let Some(offset) = text[self.at..end]
                    .iter()
                    .position(|&byte| byte == b'"' || byte == b'\\')
                else {
                    self.at = end;
                    continue;
                };
                let at = self.at + offset;
                self.at = at + 1;
                if text[at] == b'\\' {
                    self.escaped = true;
                    self.key_has_escape |= self.reading_key;
                } else {
                    self.in_string = false;
                    if self.reading_key {
                        self.reading_key = false;
                        self.key.end = at;
                        self.expect = Expect::Colon;
                    }
                }
                continue;
            }
            let at = self.at;
            let byte = text[at];
            self.at += 1;
            if is_json_space(byte) {
                continue;
            }
            match self.depth {
                0 => match (self.expect, byte) {
                    (Expect::Start, b'{') => {
                        self.depth = 1;
                        self.expect = Expect::Key;
                    }
                    _ => self.not_plain = true,
                },
                1 => self.top_level(text, at, byte),
                _ => self.nested(byte),
            }
            if self.events_open {
                // The events are read by `SlicedRead`, straight from the text.
                return;
            }
        }
    }

    /// A byte of the top-level object, outside strings and nested values.
    fn top_level(&mut self, text: &[u8], at: usize, byte: u8) {
        match (self.expect, byte) {
            (Expect::Key, b'"') => {
                self.in_string = true;
                self.reading_key = true;
                self.key = at + 1..at + 1;
                self.key_has_escape = false;
            }
            (Expect::Key, b'}') | (Expect::AfterValue, b'}') => {
                self.depth = 0;
                self.expect = Expect::End;
            }
            (Expect::Colon, b':') => self.expect = Expect::Value,
            (Expect::Value, _) => {
                self.expect = Expect::AfterValue;
                // A key with an escape is decoded (`"ev\\u0065nts"` is `events` too).
                let is_events = if self.key_has_escape {
                    let quoted = &text[self.key.start - 1..self.key.end + 1];
                    std::str::from_utf8(quoted)
                        .ok()
                        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
                        .is_some_and(|key| key == "events")
                } else {
                    &text[self.key.clone()] == b"events"
                };
                match byte {
                    // `events` twice, or not an array: refused, as the whole-text reader refuses it.
                    _ if is_events && (self.events.is_some() || byte != b'[') => self.not_plain = true,
                    b'[' if is_events => {
                        self.events_open = true;
                        self.events_start = at;
                    }
                    b'{' | b'[' => self.depth = 2,
                    b'"' => self.in_string = true,
                    _ => {}
                }
            }
            (Expect::AfterValue, b',') => self.expect = Expect::Key,
            // The rest of a number or a literal.
            (Expect::AfterValue, byte) if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'+' | b'.') => {}
            _ => self.not_plain = true,
        }
    }

    /// A byte inside a nested value (an event, a story, …), outside strings.
    fn nested(&mut self, byte: u8) {
        match byte {
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => self.depth -= 1,
            b'"' => self.in_string = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::generate;
    use crate::validate::read_checked;

    /// Steps until done, checking the progress only grows.
    fn read(text: &str, cap: usize, bytes: usize) -> (Result<Dataset, HasProblems>, usize) {
        let mut sliced = SlicedRead::new(text, cap, |_: &Dataset| Vec::new());
        let (mut steps, mut last) = (0, 0.0);
        loop {
            steps += 1;
            match sliced.step(bytes) {
                Progress::More(done) => {
                    assert!((last..=1.0).contains(&done), "{last} then {done}");
                    last = done;
                }
                Progress::Done(result) => return (result, steps),
            }
        }
    }

    #[test]
    fn a_valid_file_is_read_in_many_steps_to_the_same_dataset() {
        let dataset = generate(200, 3);
        for text in [
            serde_json::to_string(&dataset).unwrap(),
            serde_json::to_string_pretty(&dataset).unwrap(),
        ] {
            let (result, steps) = read(&text, usize::MAX, 4096);
            assert_eq!(result.as_ref(), Ok(&dataset));
            assert!(steps > 20, "{steps} steps");
            assert_eq!(read(&text, usize::MAX, usize::MAX).0, Ok(dataset.clone()));
        }
    }

    #[test]
    fn the_rules_across_events_are_the_last_step_and_said_so_before_it() {
        let text = serde_json::to_string(&generate(50, 4)).unwrap();
        let mut sliced = SlicedRead::new(&text, usize::MAX, |_: &Dataset| Vec::new());
        let mut said = 0;
        loop {
            let checks_next = sliced.checks_next();
            said += usize::from(checks_next);
            match sliced.step(1000) {
                Progress::More(_) => assert!(!checks_next, "only the last step checks"),
                Progress::Done(result) => {
                    assert!(checks_next && result.is_ok());
                    break;
                }
            }
        }
        assert_eq!(said, 1);
    }

    #[test]
    fn the_shipped_file_with_its_stories_reads_as_read_checked_does() {
        let shipped = include_str!("../../../data/events.json");
        let whole = read_checked(shipped, usize::MAX, |_| Vec::new());
        assert!(whole.is_ok());
        for bytes in [1, 100, 10_000] {
            assert_eq!(read(shipped, usize::MAX, bytes).0, whole);
        }
    }

    #[test]
    fn too_many_events_and_broken_texts_are_refused_as_read_checked_refuses_them() {
        let text = serde_json::to_string(&generate(5, 1)).unwrap();
        assert_eq!(read(&text, 4, 64).0, Err(HasProblems));
        for broken in [
            "",
            "[]",
            "{",
            "{}",
            "{\"events\": [1,]}",
            "{\"events\": {}}",
            "{\"events\": [], \"events\": []}",
        ] {
            assert_eq!(read(broken, usize::MAX, 3).0, Err(HasProblems), "{broken}");
        }
    }
}
