//! The view as a URL fragment: everything needed to reopen exactly what a visitor sees.
//!
//! [`encode`] writes a [`ViewState`] as `key=value` pairs joined by `&`, in a fixed order,
//! leaving out whatever is at its default, so the same view always gives the same link.
//! [`decode`] reads any text back into a [`ViewState`]: it never fails and never panics.
//! What it cannot use (an unknown key, a date that is not a date, a link from a newer
//! release) is left out and listed in [`Decoded::ignored`], each with a sentence saying why.
//!
//! # Keys (version 1)
//!
//! | key | value | example |
//! |---|---|---|
//! | `v` | format version, written first whenever anything else is written | `v=1` |
//! | `q` | search text | `q=无锡` |
//! | `cat` `org` `person` `country` `region` `city` `tag` | selected facet values ([`Facet::slug`]), `,`-separated | `cat=conference,forum` |
//! | `from`, `to` | date filter, `YYYY-MM-DD`; either may be missing (open bound) | `from=2023-01-01` |
//! | `event` | selected event id | `event=tbhc-2023` |
//! | `t` | timeline window, first and last day | `t=2023-01-01~2024-06-30` |
//! | `map` | map centre and zoom: longitude, latitude, zoom | `map=121.47,31.23,5` |
//! | `lang` | UI language tag | `lang=zh` |
//! | `view` | `timeline`, `map`, `list` or `insights` (`combined`, the default, is not written) | `view=map` |
//! | `story`, `step` | a guided story and its step (1 is the first; without `step`, its title card) | `story=tbhc-2023-story&step=3` |
//!
//! Values are percent-encoded only where they must be, so Chinese stays readable: `%`, `&`,
//! `=`, `#`, `+`, `,`, `~`, the characters browsers escape in fragments (space, `"`, `<`, `>`,
//! `` ` ``), backslash, `{|}^[]`, and every control or white-space character. Decoding
//! accepts both the readable form and the fully escaped one browsers report in
//! `location.hash`. A link without `v` is read as version 1, so hand-written links such as
//! `#q=无锡&cat=conference` work.
//!
//! Checking ids and facet values against the dataset is not done here (this module does
//! not know the dataset): [`drop_unknown`] does it with closures the app supplies, and
//! [`drop_unknown_in_catalog`] with a [`Catalog`].
//!
//! Plain Rust: no browser APIs. Reading and writing `location.hash` is the app's job.

use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;

use crate::query::{Catalog, DateRange, Facet, Filters};
use health_atlas_model::limits::{MAX_ECHOED_CHARS, MAX_LINK_BYTES, MAX_LINK_FACET_VALUES};
use health_atlas_model::Lang;

/// The format version [`encode`] writes. Bump it only when an old reader would misread a
/// new link; adding a key an old reader can ignore is not such a change.
pub const URL_VERSION: u32 = 1;

/// Everything a link carries: what is filtered, what is selected and where the views look.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub filters: Filters,
    /// The event whose detail card is open.
    pub selected_event: Option<String>,
    /// The days the timeline shows; `None` lets the timeline choose (fit everything).
    pub timeline_window: Option<DateRange>,
    /// Where the map looks; `None` lets the map choose (fit the visible events).
    pub map_view: Option<MapView>,
    /// The UI language; `None` leaves it to the reader's browser preferences.
    pub lang: Option<Lang>,
    pub active_view: ActiveView,
    /// The guided story being read, and where.
    pub story: Option<StoryLink>,
}

/// A story and a position in it: `step` 0 is its title card, 1 its first step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryLink {
    pub id: String,
    pub step: usize,
}

/// Which view fills the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ActiveView {
    /// Timeline, map and list together.
    #[default]
    Combined,
    Timeline,
    Map,
    List,
    /// The charts: events over time, who and where, the network.
    Insights,
}

impl ActiveView {
    pub const ALL: [ActiveView; 5] = [
        ActiveView::Combined,
        ActiveView::Timeline,
        ActiveView::Map,
        ActiveView::List,
        ActiveView::Insights,
    ];

    /// The value used in links (`view=map`) and CSS classes.
    pub fn slug(self) -> &'static str {
        match self {
            ActiveView::Combined => "combined",
            ActiveView::Timeline => "timeline",
            ActiveView::Map => "map",
            ActiveView::List => "list",
            ActiveView::Insights => "insights",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ActiveView> {
        ActiveView::ALL.into_iter().find(|view| view.slug() == slug)
    }
}

/// A map centre and zoom, rounded to what a link keeps: 4 decimals of a degree (about 11 m)
/// and 2 decimals of zoom. Rounding happens in [`MapView::new`], so a value that exists has
/// already been rounded and survives a link unchanged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    lon: f64,
    lat: f64,
    zoom: f64,
}

/// The zoom levels a link may carry (web-map tile levels).
pub const ZOOM_RANGE: (f64, f64) = (0.0, 22.0);

impl MapView {
    /// Rounds and normalises: longitude wrapped into -180..=180, latitude clamped to -90..=90,
    /// zoom clamped to [`ZOOM_RANGE`]. `None` when a number is not finite.
    pub fn new(lon: f64, lat: f64, zoom: f64) -> Option<MapView> {
        if !(lon.is_finite() && lat.is_finite() && zoom.is_finite()) {
            return None;
        }
        let wrapped_lon = if (-180.0..=180.0).contains(&lon) {
            lon
        } else {
            (lon + 180.0).rem_euclid(360.0) - 180.0
        };
        Some(MapView {
            lon: round_to(wrapped_lon, 4),
            lat: round_to(lat.clamp(-90.0, 90.0), 4),
            zoom: round_to(zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1), 2),
        })
    }

    pub fn lon(&self) -> f64 {
        self.lon
    }

    pub fn lat(&self) -> f64 {
        self.lat
    }

    pub fn zoom(&self) -> f64 {
        self.zoom
    }
}

/// Rounds to `decimals` places. Adding 0.0 turns -0.0 into 0.0, so "-0" never appears in a link.
fn round_to(value: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (value * scale).round() / scale + 0.0
}

/// The shortest decimal text for an already-rounded number: `5`, `121.47`.
fn format_decimal(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// How a change of view should reach the browser history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryEntry {
    /// A meaningful change (filters, selection, language, view): Back undoes it.
    Push,
    /// A viewport move (timeline pan or zoom, map pan or zoom): update the link in place,
    /// so Back does not replay every drag.
    Replace,
    /// Nothing the link carries changed.
    None,
}

/// Whether going from `before` to `after` deserves its own Back step.
pub fn history_kind(before: &ViewState, after: &ViewState) -> HistoryEntry {
    let meaningful = before.filters != after.filters
        || before.selected_event != after.selected_event
        || before.lang != after.lang
        || before.active_view != after.active_view
        || before.story != after.story;
    if meaningful {
        HistoryEntry::Push
    } else if before.timeline_window != after.timeline_window || before.map_view != after.map_view {
        HistoryEntry::Replace
    } else {
        HistoryEntry::None
    }
}

/// The result of reading a link: the view it describes, and what was left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    pub state: ViewState,
    pub ignored: Vec<IgnoredPart>,
}

/// One part of a link that [`decode`] (or [`drop_unknown`]) could not use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IgnoredPart {
    /// The part as it appears in the link, percent-decoded for reading: `from=2023-13-01`.
    pub part: String,
    pub reason: IgnoreReason,
}

/// Why a part of a link was ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IgnoreReason {
    /// Keys this release does not know, counted: their text is never shown (a link could
    /// use it to put any sentence on the atlas's page).
    UnknownKeys {
        count: usize,
    },
    /// The whole link is longer than [`MAX_LINK_BYTES`] and was not read.
    TooLong {
        limit: usize,
    },
    /// Notes past the ones listed (the app lists `limits::MAX_NOTES_SHOWN`).
    MoreNotes {
        count: usize,
    },
    /// More facet values than [`MAX_LINK_FACET_VALUES`]; the first ones were used.
    TooManyValues {
        dropped: usize,
        limit: usize,
    },
    /// The link was made by a newer release; everything this release understands was read.
    NewerVersion {
        found: u32,
    },
    NotAVersion,
    /// The same key twice; the first one was used.
    Repeated,
    NotADate,
    /// `to` before `from`, or a timeline window that ends before it starts.
    ReversedRange,
    NotAMapView,
    UnknownLanguage,
    UnknownView,
    /// `step=` that is not a whole number, or given without `story=`.
    NotAStep,
    /// Percent-escapes that do not spell UTF-8 text.
    NotUtf8,
    /// Checked against the dataset by [`drop_unknown`].
    UnknownEvent,
    UnknownFacetValue,
    UnknownStory,
}

impl fmt::Display for IgnoreReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IgnoreReason::UnknownKeys { count: 1 } => write!(f, "1 unrecognised link setting was ignored"),
            IgnoreReason::UnknownKeys { count } => write!(f, "{count} unrecognised link settings were ignored"),
            IgnoreReason::MoreNotes { count } => write!(f, "… and {count} more"),
            IgnoreReason::TooLong { limit } => write!(f, "the link is longer than {limit} characters and was not read"),
            IgnoreReason::TooManyValues { dropped, limit } => {
                write!(f, "{dropped} filter values beyond the first {limit} were ignored")
            }
            IgnoreReason::NewerVersion { found } => write!(
                f,
                "the link was made by a newer version ({found}); this version ({URL_VERSION}) read what it could"
            ),
            IgnoreReason::NotAVersion => write!(f, "not a version number"),
            IgnoreReason::Repeated => write!(f, "repeated key; the first one was used"),
            IgnoreReason::NotADate => write!(f, "not a date (YYYY-MM-DD)"),
            IgnoreReason::ReversedRange => write!(f, "ends before it starts"),
            IgnoreReason::NotAMapView => write!(f, "not a map view (longitude,latitude,zoom)"),
            IgnoreReason::UnknownLanguage => {
                let tags: Vec<&str> = Lang::ALL.iter().map(|lang| lang.tag()).collect();
                write!(f, "unknown language; expected one of {}", tags.join(", "))
            }
            IgnoreReason::UnknownView => {
                let slugs: Vec<&str> = ActiveView::ALL.iter().map(|view| view.slug()).collect();
                write!(f, "unknown view; expected one of {}", slugs.join(", "))
            }
            IgnoreReason::NotAStep => write!(f, "not a step of a story (story=…&step=1)"),
            IgnoreReason::NotUtf8 => write!(f, "its percent-escapes are not UTF-8 text"),
            IgnoreReason::UnknownEvent => write!(f, "no event with this id in the dataset"),
            IgnoreReason::UnknownFacetValue => write!(f, "no such value in the dataset"),
            IgnoreReason::UnknownStory => write!(f, "no story with this id in the dataset"),
        }
    }
}

impl fmt::Display for IgnoredPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.part.is_empty() {
            write!(f, "{}", self.reason)
        } else {
            write!(f, "{}: {}", self.part, self.reason)
        }
    }
}

/// A link part as it may be quoted back to the reader: at most [`MAX_ECHOED_CHARS`]
/// characters, the rest marked cut with `…`, so a link cannot write a long sentence onto
/// the page through a note.
fn echoed(part: &str) -> String {
    match part.char_indices().nth(MAX_ECHOED_CHARS) {
        Some((cut, _)) => format!("{}…", &part[..cut]),
        None => part.to_owned(),
    }
}

/// The keys other than the facets' that [`decode`] reads.
const KNOWN_KEYS: [&str; 11] = [
    "v", "q", "from", "to", "event", "t", "map", "lang", "view", "story", "step",
];

/// The facet keys, in the order [`encode`] writes them.
fn facet_of_key(key: &str) -> Option<Facet> {
    Facet::ALL.into_iter().find(|facet| facet.slug() == key)
}

/// Writes `state` as a fragment, without the leading `#`. The default view gives `""`.
pub fn encode(state: &ViewState) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    let filters = &state.filters;
    if !filters.text.is_empty() {
        pairs.push(("q", escape(&filters.text)));
    }
    for facet in Facet::ALL {
        if let Some(values) = filters.selected.get(&facet).filter(|values| !values.is_empty()) {
            let escaped: Vec<String> = values.iter().map(|value| escape(value)).collect();
            pairs.push((facet.slug(), escaped.join(",")));
        }
    }
    if let Some(range) = filters.date_range {
        // The filter panel's open bounds are NaiveDate::MIN and MAX; a link leaves them out.
        if range.first() != NaiveDate::MIN {
            pairs.push(("from", escape(&range.first().to_string())));
        }
        if range.last() != NaiveDate::MAX {
            pairs.push(("to", escape(&range.last().to_string())));
        }
    }
    if let Some(id) = &state.selected_event {
        pairs.push(("event", escape(id)));
    }
    if let Some(window) = state.timeline_window {
        pairs.push((
            "t",
            format!(
                "{}~{}",
                escape(&window.first().to_string()),
                escape(&window.last().to_string())
            ),
        ));
    }
    if let Some(map) = state.map_view {
        pairs.push((
            "map",
            format!(
                "{},{},{}",
                format_decimal(map.lon, 4),
                format_decimal(map.lat, 4),
                format_decimal(map.zoom, 2)
            ),
        ));
    }
    if let Some(lang) = state.lang {
        pairs.push(("lang", lang.tag().to_owned()));
    }
    if state.active_view != ActiveView::Combined {
        pairs.push(("view", state.active_view.slug().to_owned()));
    }
    if let Some(story) = &state.story {
        pairs.push(("story", escape(&story.id)));
        if story.step > 0 {
            pairs.push(("step", story.step.to_string()));
        }
    }
    if pairs.is_empty() {
        return String::new();
    }
    let mut fragment = format!("v={URL_VERSION}");
    for (key, value) in pairs {
        fragment.push('&');
        fragment.push_str(key);
        fragment.push('=');
        fragment.push_str(&value);
    }
    fragment
}

/// Reads a fragment (with or without its leading `#`). Never fails: what cannot be used is
/// listed in [`Decoded::ignored`] and the rest is kept.
pub fn decode(fragment: &str) -> Decoded {
    let mut decoded = Decoded::default();
    let mut seen_keys: BTreeSet<String> = BTreeSet::new();
    let (mut from, mut to): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    let mut step: Option<(usize, String)> = None;
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_LINK_BYTES {
        decoded.ignored.push(IgnoredPart {
            part: String::new(),
            reason: IgnoreReason::TooLong { limit: MAX_LINK_BYTES },
        });
        return decoded;
    }
    let (mut unknown_keys, mut facet_values, mut dropped_values) = (0, 0, 0);
    for raw_part in fragment.split('&').filter(|part| !part.is_empty()) {
        let (raw_key, raw_value) = raw_part.split_once('=').unwrap_or((raw_part, ""));
        let key = unescape_lossy(raw_key);
        let readable_part = echoed(&format!("{key}={}", unescape_lossy(raw_value)));
        let mut ignore = |reason: IgnoreReason| {
            decoded.ignored.push(IgnoredPart {
                part: readable_part.clone(),
                reason,
            })
        };
        // Facets may be repeated (`cat=a&cat=b` adds both); every other key counts once.
        let facet = facet_of_key(&key);
        if facet.is_none() && !KNOWN_KEYS.contains(&key.as_str()) {
            unknown_keys += 1;
            continue;
        }
        if facet.is_none() && !seen_keys.insert(key.clone()) {
            ignore(IgnoreReason::Repeated);
            continue;
        }
        if let Some(facet) = facet {
            let mut values = Vec::new();
            for raw_item in raw_value.split(',').filter(|item| !item.is_empty()) {
                if facet_values == MAX_LINK_FACET_VALUES {
                    dropped_values += 1;
                    continue;
                }
                match unescape(raw_item) {
                    Some(value) => {
                        facet_values += 1;
                        values.push(value);
                    }
                    None => decoded.ignored.push(IgnoredPart {
                        part: echoed(&format!("{key}={}", unescape_lossy(raw_item))),
                        reason: IgnoreReason::NotUtf8,
                    }),
                }
            }
            if !values.is_empty() {
                decoded.state.filters.selected.entry(facet).or_default().extend(values);
            }
            continue;
        }
        let Some(value) = unescape(raw_value) else {
            ignore(IgnoreReason::NotUtf8);
            continue;
        };
        match key.as_str() {
            "v" => match value.parse::<u32>() {
                Ok(version) if version > URL_VERSION => ignore(IgnoreReason::NewerVersion { found: version }),
                Ok(version) if version >= 1 => {}
                _ => ignore(IgnoreReason::NotAVersion),
            },
            "q" => decoded.state.filters.text = value,
            "from" | "to" => match parse_date(&value) {
                Some(date) if key == "from" => from = Some(date),
                Some(date) => to = Some(date),
                None => ignore(IgnoreReason::NotADate),
            },
            "event" => {
                if !value.is_empty() {
                    decoded.state.selected_event = Some(value);
                }
            }
            "t" => match parse_window(&value) {
                Ok(window) => decoded.state.timeline_window = Some(window),
                Err(reason) => ignore(reason),
            },
            "map" => match parse_map_view(&value) {
                Some(map) => decoded.state.map_view = Some(map),
                None => ignore(IgnoreReason::NotAMapView),
            },
            "lang" => match Lang::from_tag(&value) {
                Some(lang) => decoded.state.lang = Some(lang),
                None => ignore(IgnoreReason::UnknownLanguage),
            },
            "view" => match ActiveView::from_slug(&value) {
                Some(view) => decoded.state.active_view = view,
                // A link into a story (`view=story`, as the embed writes it) is its `story=`.
                None if value == "story" => {}
                None => ignore(IgnoreReason::UnknownView),
            },
            "story" => {
                if !value.is_empty() {
                    decoded.state.story = Some(StoryLink { id: value, step: 0 });
                }
            }
            "step" => match value.parse::<usize>() {
                Ok(number) => step = Some((number, readable_part.clone())),
                Err(_) => ignore(IgnoreReason::NotAStep),
            },
            // KNOWN_KEYS lists exactly the keys above.
            _ => unknown_keys += 1,
        }
    }
    match (&mut decoded.state.story, step) {
        (Some(story), Some((number, _))) => story.step = number,
        (None, Some((_, part))) => decoded.ignored.push(IgnoredPart {
            part,
            reason: IgnoreReason::NotAStep,
        }),
        _ => {}
    }
    if dropped_values > 0 {
        decoded.ignored.push(IgnoredPart {
            part: String::new(),
            reason: IgnoreReason::TooManyValues {
                dropped: dropped_values,
                limit: MAX_LINK_FACET_VALUES,
            },
        });
    }
    if unknown_keys > 0 {
        decoded.ignored.push(IgnoredPart {
            part: String::new(),
            reason: IgnoreReason::UnknownKeys { count: unknown_keys },
        });
    }
    if from.is_some() || to.is_some() {
        let first = from.unwrap_or(NaiveDate::MIN);
        let last = to.unwrap_or(NaiveDate::MAX);
        match DateRange::new(first, last) {
            // Both bounds open is no date filter at all (as the filter panel makes it).
            Some(_) if first == NaiveDate::MIN && last == NaiveDate::MAX => {}
            Some(range) => decoded.state.filters.date_range = Some(range),
            None => decoded.ignored.push(IgnoredPart {
                part: format!("from={first}&to={last}"),
                reason: IgnoreReason::ReversedRange,
            }),
        }
    }
    decoded
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    health_atlas_model::parse_day(text)
}

fn parse_window(text: &str) -> Result<DateRange, IgnoreReason> {
    let (first, last) = text.split_once('~').ok_or(IgnoreReason::NotADate)?;
    let first = parse_date(first).ok_or(IgnoreReason::NotADate)?;
    let last = parse_date(last).ok_or(IgnoreReason::NotADate)?;
    DateRange::new(first, last).ok_or(IgnoreReason::ReversedRange)
}

fn parse_map_view(text: &str) -> Option<MapView> {
    let mut numbers = text.split(',').map(|number| number.trim().parse::<f64>().ok());
    let (lon, lat, zoom) = (numbers.next()??, numbers.next()??, numbers.next()??);
    if numbers.next().is_some() {
        return None;
    }
    MapView::new(lon, lat, zoom)
}

/// Removes the selected event and facet values the dataset does not have, and says which.
/// `has_event` answers "is this an event id?", `has_value` "is this a value of that facet?".
pub fn drop_unknown(
    state: &mut ViewState,
    has_event: impl Fn(&str) -> bool,
    has_value: impl Fn(Facet, &str) -> bool,
) -> Vec<IgnoredPart> {
    let mut ignored = Vec::new();
    if let Some(id) = state.selected_event.take() {
        if has_event(&id) {
            state.selected_event = Some(id);
        } else {
            ignored.push(IgnoredPart {
                part: echoed(&format!("event={id}")),
                reason: IgnoreReason::UnknownEvent,
            });
        }
    }
    for (facet, values) in state.filters.selected.iter_mut() {
        values.retain(|value| {
            let known = has_value(*facet, value);
            if !known {
                ignored.push(IgnoredPart {
                    part: echoed(&format!("{}={value}", facet.slug())),
                    reason: IgnoreReason::UnknownFacetValue,
                });
            }
            known
        });
    }
    state.filters.selected.retain(|_, values| !values.is_empty());
    ignored
}

/// [`drop_unknown`] against a catalog's events and facet values, and its stories.
pub fn drop_unknown_in_catalog(state: &mut ViewState, catalog: &Catalog) -> Vec<IgnoredPart> {
    // With no filters, every value of every facet is listed (zero counts are kept).
    let everything = catalog.select(&Filters::default());
    let mut ignored = drop_unknown(
        state,
        |id| catalog.event(id).is_some(),
        |facet, key| everything.counts_of(facet).iter().any(|value| value.key == key),
    );
    if let Some(story) = state.story.take() {
        if catalog.dataset().stories.iter().any(|known| known.id == story.id) {
            state.story = Some(story);
        } else {
            ignored.push(IgnoredPart {
                part: echoed(&format!("story={}", story.id)),
                reason: IgnoreReason::UnknownStory,
            });
        }
    }
    ignored
}

/// Whether `character` is written as a percent-escape. `,` and `~` separate values inside
/// one key; the rest are the separators of the fragment itself, what browsers escape
/// anyway, and characters that cannot be read or copied reliably.
fn must_escape(character: char) -> bool {
    matches!(
        character,
        '%' | '&' | '=' | '#' | '+' | ',' | '~' | '"' | '<' | '>' | '`' | '\\' | '^' | '{' | '|' | '}' | '[' | ']'
    ) || character.is_control()
        || character.is_whitespace()
        // Invisible characters that change how text around them reads or joins.
        || matches!(character, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        if must_escape(character) {
            let mut buffer = [0u8; 4];
            for byte in character.encode_utf8(&mut buffer).bytes() {
                escaped.push_str(&format!("%{byte:02X}"));
            }
        } else {
            escaped.push(character);
        }
    }
    escaped
}

/// The bytes `text` stands for: `%XY` with two hex digits is one byte; any other `%` is
/// itself (as browsers read URLs).
fn unescape_bytes(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| Some((hex_digit(*bytes.get(index + 1)?)?, hex_digit(*bytes.get(index + 2)?)?)))
            .flatten();
        match escaped {
            Some((high, low)) => {
                out.push(high * 16 + low);
                index += 3;
            }
            None => {
                out.push(bytes[index]);
                index += 1;
            }
        }
    }
    out
}

fn hex_digit(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|digit| digit as u8)
}

/// `None` when the escapes do not spell UTF-8.
fn unescape(text: &str) -> Option<String> {
    String::from_utf8(unescape_bytes(text)).ok()
}

/// For messages only: invalid UTF-8 shows as U+FFFD.
fn unescape_lossy(text: &str) -> String {
    String::from_utf8_lossy(&unescape_bytes(text)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn messages(decoded: &Decoded) -> Vec<String> {
        decoded.ignored.iter().map(ToString::to_string).collect()
    }

    fn full_state() -> ViewState {
        let mut filters = Filters {
            text: "无锡".into(),
            date_range: DateRange::new(day("2023-01-01"), day("2023-12-31")),
            ..Filters::default()
        };
        filters.toggle(Facet::Category, "conference");
        filters.toggle(Facet::Category, "forum");
        ViewState {
            filters,
            selected_event: Some("tbhc-2023".into()),
            timeline_window: DateRange::new(day("2023-01-01"), day("2024-06-30")),
            map_view: MapView::new(121.47, 31.23, 5.0),
            lang: Some(Lang::Zh),
            active_view: ActiveView::Map,
            story: Some(StoryLink {
                id: "tbhc-2023-story".into(),
                step: 3,
            }),
        }
    }

    #[test]
    fn a_full_view_reads_as_documented_and_comes_back() {
        let state = full_state();
        let fragment = encode(&state);
        assert_eq!(
            fragment,
            "v=1&q=无锡&cat=conference,forum&from=2023-01-01&to=2023-12-31&event=tbhc-2023\
             &t=2023-01-01~2024-06-30&map=121.47,31.23,5&lang=zh&view=map&story=tbhc-2023-story&step=3"
        );
        assert_eq!(decode(&fragment), Decoded { state, ignored: vec![] });
    }

    #[test]
    fn the_insights_view_has_a_link() {
        let state = ViewState {
            active_view: ActiveView::Insights,
            ..ViewState::default()
        };
        assert_eq!(encode(&state), "v=1&view=insights");
        assert_eq!(decode("#view=insights").state, state);
    }

    #[test]
    fn the_default_view_is_the_empty_fragment() {
        assert_eq!(encode(&ViewState::default()), "");
        assert_eq!(decode(""), Decoded::default());
        assert_eq!(decode("#"), Decoded::default());
    }

    #[test]
    fn separators_in_values_are_escaped_and_chinese_is_not() {
        let mut state = ViewState::default();
        state.filters.text = "a&b=c #d%e,f~g+h 上海".into();
        state.filters.toggle(Facet::Organisation, "Smith, Jones & Co");
        let fragment = encode(&state);
        assert_eq!(
            fragment,
            "v=1&q=a%26b%3Dc%20%23d%25e%2Cf%7Eg%2Bh%20上海&org=Smith%2C%20Jones%20%26%20Co"
        );
        assert_eq!(decode(&fragment).state, state);
    }

    #[test]
    fn a_hand_written_link_without_version_and_a_fully_escaped_one_both_read() {
        let readable = decode("#q=无锡&cat=conference&event=tbhc-2023");
        let escaped = decode("#q=%E6%97%A0%E9%94%A1&cat=conference&event=tbhc-2023");
        assert_eq!(readable, escaped);
        assert_eq!(readable.state.filters.text, "无锡");
        assert!(readable.state.filters.is_selected(Facet::Category, "conference"));
        assert_eq!(readable.state.selected_event.as_deref(), Some("tbhc-2023"));
        assert!(readable.ignored.is_empty());
    }

    #[test]
    fn open_date_bounds_are_left_out_of_the_link() {
        let mut state = ViewState::default();
        state.filters.date_range = DateRange::new(day("2023-05-01"), NaiveDate::MAX);
        assert_eq!(encode(&state), "v=1&from=2023-05-01");
        assert_eq!(
            decode("to=2020-02-29").state.filters.date_range,
            DateRange::new(NaiveDate::MIN, day("2020-02-29"))
        );
        assert_eq!(decode(&encode(&state)).state, state);
    }

    #[test]
    fn bad_parts_are_ignored_with_a_reason_and_the_rest_is_kept() {
        let decoded = decode(
            "v=1&from=2023-13-01&cat=forum&colour=red&t=2024-01-01~2023-01-01&map=1,2&lang=de&view=globe\
             &event=a&event=b&q=%FF",
        );
        assert_eq!(
            messages(&decoded),
            [
                "from=2023-13-01: not a date (YYYY-MM-DD)",
                "t=2024-01-01~2023-01-01: ends before it starts",
                "map=1,2: not a map view (longitude,latitude,zoom)",
                "lang=de: unknown language; expected one of en, zh, fr",
                "view=globe: unknown view; expected one of combined, timeline, map, list, insights",
                "event=b: repeated key; the first one was used",
                "q=\u{FFFD}: its percent-escapes are not UTF-8 text",
                "1 unrecognised link setting was ignored",
            ]
        );
        assert!(decoded.state.filters.is_selected(Facet::Category, "forum"));
        assert_eq!(decoded.state.selected_event.as_deref(), Some("a"));
        assert_eq!(decoded.state.filters.text, "");
    }

    #[test]
    fn unknown_keys_are_counted_never_quoted() {
        let decoded =
            decode("Your%20membership%20lapsed%20%E2%80%93%20call%20%2B44%20020%207946%200000=1&cat=forum&x&y=2");
        assert_eq!(messages(&decoded), ["3 unrecognised link settings were ignored"]);
        assert!(decoded.state.filters.is_selected(Facet::Category, "forum"));
    }

    #[test]
    fn quoted_parts_are_cut_short_and_marked() {
        let decoded = decode("lang=Your membership lapsed, call +44 020 7946 0000");
        assert_eq!(
            messages(&decoded),
            ["lang=Your membership lap…: unknown language; expected one of en, zh, fr"]
        );
        let decoded = decode("from=无锡无锡无锡无锡无锡无锡无锡无锡无锡无锡无锡无锡无锡");
        assert_eq!(decoded.ignored[0].part.chars().count(), MAX_ECHOED_CHARS + 1);
    }

    #[test]
    fn a_link_past_the_caps_is_cut_with_a_note() {
        let long = format!("q={}", "a".repeat(MAX_LINK_BYTES));
        let decoded = decode(&long);
        assert_eq!(decoded.state, ViewState::default());
        assert_eq!(
            decoded.ignored,
            [IgnoredPart {
                part: String::new(),
                reason: IgnoreReason::TooLong { limit: MAX_LINK_BYTES }
            }]
        );
        let values: Vec<String> = (0..MAX_LINK_FACET_VALUES + 50)
            .map(|index| format!("o{index}"))
            .collect();
        let decoded = decode(&format!("org={}&tag=x", values.join(",")));
        let selected: usize = decoded.state.filters.selected.values().map(|values| values.len()).sum();
        assert_eq!(selected, MAX_LINK_FACET_VALUES);
        assert_eq!(
            messages(&decoded),
            [format!(
                "51 filter values beyond the first {MAX_LINK_FACET_VALUES} were ignored"
            )]
        );
    }

    #[test]
    fn a_reversed_date_filter_is_ignored_as_a_whole() {
        let decoded = decode("from=2024-01-01&to=2023-01-01");
        assert_eq!(decoded.state.filters.date_range, None);
        assert_eq!(
            messages(&decoded),
            ["from=2024-01-01&to=2023-01-01: ends before it starts"]
        );
    }

    #[test]
    fn a_newer_version_is_read_as_far_as_possible_and_says_so() {
        let decoded = decode("v=2&q=wuxi&zoomlevel=3");
        assert_eq!(decoded.state.filters.text, "wuxi");
        assert_eq!(
            messages(&decoded),
            [
                "v=2: the link was made by a newer version (2); this version (1) read what it could",
                "1 unrecognised link setting was ignored",
            ]
        );
        assert_eq!(messages(&decode("v=zero")), ["v=zero: not a version number"]);
        assert_eq!(messages(&decode("v=0")), ["v=0: not a version number"]);
    }

    #[test]
    fn stray_percent_signs_are_literal_and_facets_may_repeat() {
        let decoded = decode("q=100%&cat=forum&cat=summit,,");
        assert_eq!(decoded.state.filters.text, "100%");
        assert_eq!(
            decoded.state.filters.selected.get(&Facet::Category),
            Some(&BTreeSet::from(["forum".to_owned(), "summit".to_owned()]))
        );
        assert!(decoded.ignored.is_empty());
    }

    #[test]
    fn a_story_link_names_its_step_and_the_title_card_has_none() {
        let at = |id: &str, step| ViewState {
            story: Some(StoryLink { id: id.into(), step }),
            ..ViewState::default()
        };
        assert_eq!(encode(&at("tbhc-2023-story", 0)), "v=1&story=tbhc-2023-story");
        assert_eq!(encode(&at("a&b", 2)), "v=1&story=a%26b&step=2");
        assert_eq!(decode("#story=a%26b&step=2").state, at("a&b", 2));
        // The embed's `view=story` is the story itself, not a view to complain about.
        assert_eq!(
            decode("story=x&view=story"),
            Decoded {
                state: at("x", 0),
                ignored: vec![]
            }
        );
        assert_eq!(
            messages(&decode("story=x&step=two")),
            ["step=two: not a step of a story (story=…&step=1)"]
        );
        assert_eq!(
            messages(&decode("step=2")),
            ["step=2: not a step of a story (story=…&step=1)"]
        );
        // Moving between steps is worth a Back step.
        assert_eq!(history_kind(&at("x", 1), &at("x", 2)), HistoryEntry::Push);
    }

    #[test]
    fn map_views_are_rounded_wrapped_and_clamped() {
        let map = MapView::new(181.123456, -95.0, 30.0).unwrap();
        assert_eq!((map.lon(), map.lat(), map.zoom()), (-178.8765, -90.0, 22.0));
        assert_eq!(MapView::new(f64::NAN, 0.0, 1.0), None);
        let negative_zero = MapView::new(-0.00001, 0.0, 2.5).unwrap();
        let state = ViewState {
            map_view: Some(negative_zero),
            ..ViewState::default()
        };
        assert_eq!(encode(&state), "v=1&map=0,0,2.5");
        assert_eq!(decode("map=NaN,1,2").ignored.len(), 1);
    }

    #[test]
    fn viewport_moves_replace_and_meaningful_changes_push() {
        let before = full_state();
        let mut panned = before.clone();
        panned.map_view = MapView::new(120.0, 31.0, 6.0);
        panned.timeline_window = DateRange::new(day("2022-01-01"), day("2022-12-31"));
        assert_eq!(history_kind(&before, &panned), HistoryEntry::Replace);
        let mut filtered = panned.clone();
        filtered.filters.toggle(Facet::Tag, "biomedicine");
        assert_eq!(history_kind(&panned, &filtered), HistoryEntry::Push);
        let mut closed = before.clone();
        closed.selected_event = None;
        assert_eq!(history_kind(&before, &closed), HistoryEntry::Push);
        let mut switched = before.clone();
        switched.lang = Some(Lang::Fr);
        assert_eq!(history_kind(&before, &switched), HistoryEntry::Push);
        assert_eq!(history_kind(&before, &before.clone()), HistoryEntry::None);
    }

    #[test]
    fn unknown_ids_and_facet_values_are_dropped_against_the_catalog() {
        let catalog = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let mut state = decode("event=no-such-event&cat=conference,party&tag=nonexistent-tag").state;
        let ignored: Vec<String> = drop_unknown_in_catalog(&mut state, &catalog)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            ignored,
            [
                "event=no-such-event: no event with this id in the dataset",
                "cat=party: no such value in the dataset",
                "tag=nonexistent-tag: no such value in the dataset",
            ]
        );
        assert_eq!(state.selected_event, None);
        assert!(state.filters.is_selected(Facet::Category, "conference"));
        assert!(!state.filters.selected.contains_key(&Facet::Tag));

        let mut known = decode("event=tbhc-2023").state;
        assert!(drop_unknown_in_catalog(&mut known, &catalog).is_empty());
        assert_eq!(known.selected_event.as_deref(), Some("tbhc-2023"));
    }
}
