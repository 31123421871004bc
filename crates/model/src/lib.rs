//! The dataset's vocabulary: events, places, organisations, people, sources and dates with
//! a precision. Plain serde types, shared by the app, the validator and the `atlas-data` CLI.
//! Plain Rust with no browser APIs, unit-tested natively.
//!
//! This file owns the *shape* of the data only. The modules beside it read and write it:
//! [`validate`] (semantic rules, located errors), [`csv`] (the spreadsheet layout), [`trust`]
//! (which sources a page may fetch), [`completeness`] (missing translations), [`limits`] (the
//! caps on outside input) and [`generate`] (synthetic datasets for tests and benchmarks).

pub mod completeness;
pub mod csv;
mod date;
pub mod generate;
pub mod limits;
pub mod order;
pub mod sliced_read;
pub mod story;
mod text;
#[cfg(test)]
mod traceability;
pub mod trust;
pub mod validate;

pub use validate::{is_http_url, parse_dataset, parse_dataset_limited, parse_dataset_with, DatasetError, Problem};

pub use date::{compact_day, parse_day, DatePrecision, EventDates};
pub use story::{Story, StoryStep};
pub use text::{Lang, LocalizedText};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The dataset format version this build writes. Bump it when a change to the schema would
/// make an older reader misread a newer file. Version 2 added `stories`.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest version this build still reads: a version 1 file is a version 2 file without
/// stories.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// A whole dataset file: `data/events.json`, a `src=` override, or an export.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    /// Free text shown to maintainers, e.g. what the dataset covers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub events: Vec<Event>,
    /// Guided stories through the events (schema version 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<Story>,
}

impl Dataset {
    /// No events and no stories, at the current schema version: a new file, a blank
    /// template, or what an atlas shows when its data cannot be used.
    pub fn empty() -> Dataset {
        Dataset {
            schema_version: SCHEMA_VERSION,
            description: String::new(),
            events: Vec::new(),
            stories: Vec::new(),
        }
    }
}

/// One dated happening: a conference, one day of a visit, a signing, a founding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable slug (`tbhc-2023`), used in links; never reused for another event.
    pub id: String,
    pub title: LocalizedText,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub summary: LocalizedText,
    pub category: Category,
    /// First day, as a local calendar date (never shifted through UTC).
    #[serde(with = "date::iso_day")]
    pub start: NaiveDate,
    /// Last day, inclusive; absent for a one-day event.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "date::iso_day::option")]
    pub end: Option<NaiveDate>,
    pub precision: DatePrecision,
    /// How the dates were read from the source when that took inference.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date_note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<Place>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<OrganisationRole>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonRole>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<KeyFigure>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    pub sources: Vec<SourceCitation>,
    /// Editorial decisions: how an ambiguous or mistyped passage was read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Event {
    /// The event's span as a checked value; `None` when `end` is before `start`
    /// (the validator reports that, so shipped data never has it).
    pub fn dates(&self) -> Option<EventDates> {
        EventDates::new(self.start, self.end.unwrap_or(self.start), self.precision)
    }

    /// The last day, inclusive, falling back to `start` for one-day events.
    pub fn last_day(&self) -> NaiveDate {
        self.end.unwrap_or(self.start).max(self.start)
    }

    pub fn is_part_of(&self, parent_id: &str) -> bool {
        self.relations
            .iter()
            .any(|relation| relation.kind == RelationKind::PartOf && relation.target == parent_id)
    }
}

/// The closed vocabulary of event kinds. Adding one is a schema change: update
/// `data/events.schema.json`, `data/README.md` and the UI's labels with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Conference,
    Forum,
    Summit,
    Launch,
    Inauguration,
    DelegationVisit,
    Signing,
    AssociationFounding,
    Exhibition,
    Policy,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Conference,
        Category::Forum,
        Category::Summit,
        Category::Launch,
        Category::Inauguration,
        Category::DelegationVisit,
        Category::Signing,
        Category::AssociationFounding,
        Category::Exhibition,
        Category::Policy,
    ];

    /// The identifier used in JSON, CSV and URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Category::Conference => "conference",
            Category::Forum => "forum",
            Category::Summit => "summit",
            Category::Launch => "launch",
            Category::Inauguration => "inauguration",
            Category::DelegationVisit => "delegation_visit",
            Category::Signing => "signing",
            Category::AssociationFounding => "association_founding",
            Category::Exhibition => "exhibition",
            Category::Policy => "policy",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|category| category.slug() == slug)
    }
}

/// Where an event happened. An event that links two regions (a partnership between a
/// Chinese and a foreign university) lists both.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub name: LocalizedText,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub city: LocalizedText,
    /// Province, state or region.
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub region: LocalizedText,
    /// ISO 3166-1 alpha-2, upper case (`CN`, `BA`).
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    pub precision: PlacePrecision,
}

/// How exactly `lat`/`lon` locate the place: the venue itself, or only its city/region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    Venue,
    City,
    Region,
    Country,
}

impl PlacePrecision {
    /// The identifier used in JSON and CSV.
    pub fn slug(self) -> &'static str {
        match self {
            PlacePrecision::Venue => "venue",
            PlacePrecision::City => "city",
            PlacePrecision::Region => "region",
            PlacePrecision::Country => "country",
        }
    }

    pub fn from_slug(slug: &str) -> Option<PlacePrecision> {
        [
            PlacePrecision::Venue,
            PlacePrecision::City,
            PlacePrecision::Region,
            PlacePrecision::Country,
        ]
        .into_iter()
        .find(|precision| precision.slug() == slug)
    }
}

/// The common roles of an organisation, which the app translates (data/README.md, "Roles").
/// A role is still free text in the schema: another value is kept and shown as written.
pub const ORGANISATION_ROLES: [&str; 8] = [
    "organiser",
    "co_organiser",
    "host",
    "participant",
    "founder",
    "signatory",
    "partner",
    "subject",
];

/// The common roles of a person, as [`ORGANISATION_ROLES`].
pub const PERSON_ROLES: [&str; 5] = ["speaker", "host", "delegation_leader", "guest", "quoted"];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRole {
    pub name: LocalizedText,
    /// What the organisation did at the event: `organiser`, `co_organiser`, `host`,
    /// `participant`, `founder`, `signatory`, `partner`, `subject`.
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRole {
    pub name: LocalizedText,
    /// Their position, as the source gives it ("Secretary-General").
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub title: LocalizedText,
    #[serde(default, skip_serializing_if = "LocalizedText::is_empty")]
    pub affiliation: LocalizedText,
    /// What they did at the event: `speaker`, `host`, `delegation_leader`, `guest`, ...
    pub role: String,
}

/// A number the source reports about the event ("more than 400 participants").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    pub label: LocalizedText,
    pub value: f64,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    #[serde(default, skip_serializing_if = "FigureQualifier::is_exact")]
    pub qualifier: FigureQualifier,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureQualifier {
    #[default]
    Exact,
    MoreThan,
    About,
}

impl FigureQualifier {
    pub fn is_exact(&self) -> bool {
        *self == FigureQualifier::Exact
    }

    /// The identifier used in JSON and CSV.
    pub fn slug(self) -> &'static str {
        match self {
            FigureQualifier::Exact => "exact",
            FigureQualifier::MoreThan => "more_than",
            FigureQualifier::About => "about",
        }
    }

    pub fn from_slug(slug: &str) -> Option<FigureQualifier> {
        [
            FigureQualifier::Exact,
            FigureQualifier::MoreThan,
            FigureQualifier::About,
        ]
        .into_iter()
        .find(|qualifier| qualifier.slug() == slug)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub kind: RelationKind,
    /// The `id` of another event in the same dataset.
    pub target: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// This event is one day, stop or session of the target.
    PartOf,
    /// This event follows up on the target.
    FollowUp,
    Related,
}

impl RelationKind {
    pub fn slug(self) -> &'static str {
        match self {
            RelationKind::PartOf => "part_of",
            RelationKind::FollowUp => "follow_up",
            RelationKind::Related => "related",
        }
    }

    pub fn from_slug(slug: &str) -> Option<RelationKind> {
        [RelationKind::PartOf, RelationKind::FollowUp, RelationKind::Related]
            .into_iter()
            .find(|kind| kind.slug() == slug)
    }
}

/// The article an event is drawn from, with the passage that supports it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceCitation {
    /// The article's file name in the seed collection, e.g. `002_c207809bccb23adf.txt`.
    pub file: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    /// Publication date as printed (`2023-12-11`); `None` when the article has none.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "date::iso_day::option")]
    pub published: Option<NaiveDate>,
    /// BCP 47 language of the article (`en`, `fr`, `zh`).
    pub language: String,
    /// Only http(s) URLs are rendered as links.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The words in the article that support the event, verbatim.
    pub quote: String,
}

/// The shipped dataset, for this crate's tests. The app's copy, checked when it is built, is
/// `crate::embedded_dataset` (that crate depends on this one).
#[cfg(test)]
pub(crate) fn embedded_dataset() -> Result<Dataset, Vec<DatasetError>> {
    parse_dataset(include_str!("../../../data/events.json"))
}
