//! A workbook (`.xlsx`, `.xls`, `.xlsb`, `.ods`) into a dataset. A sheet's rows are handed to
//! the CSV layout's own reader (`health_atlas_model::csv`), so a workbook has exactly the CSV
//! file's columns, rules and messages, and its problems are located by the sheet's own row
//! numbers (the header being the sheet's first used row).
//!
//! Sheets: `events` (or, without one, the first sheet), `stories` when present (the stories'
//! CSV layout), and `dataset`, whose `description` row keeps the file's description. The
//! `guide` sheet [`crate::write`] adds is for people and is not read.

use std::fmt;
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use health_atlas_model::csv::{guard_formula, import_csv, import_stories_csv, CsvError, CsvProblem};
use health_atlas_model::Dataset;

use crate::write::{DATASET_SHEET, EVENTS_SHEET, GUIDE_SHEET, STORIES_SHEET};

/// A workbook read into a dataset, and which sheet its events came from.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkbookRead {
    pub dataset: Dataset,
    pub events_sheet: String,
}

/// Why a workbook gave no dataset.
#[derive(Clone, Debug, PartialEq)]
pub enum WorkbookError {
    /// Not a workbook this reader understands, or a damaged one (the reader's own words).
    Unreadable { detail: String },
    /// A workbook without a sheet to read the events from.
    NoSheet,
    /// Problems in a sheet's header or rows, located as the sheet numbers its rows.
    Rows { sheet: String, errors: Vec<CsvError> },
}

impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorkbookError::Unreadable { detail } => write!(f, "not a readable workbook: {detail}"),
            WorkbookError::NoSheet => write!(
                f,
                "the workbook has no sheet of events; expected a sheet named {EVENTS_SHEET:?}"
            ),
            WorkbookError::Rows { sheet, errors } => {
                for (index, error) in errors.iter().enumerate() {
                    if index > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "sheet {sheet}, {error}")?;
                }
                Ok(())
            }
        }
    }
}

/// Reads the workbook in `bytes`. The dataset still has to pass `validate`, as an imported
/// CSV does.
pub fn read_workbook(bytes: &[u8]) -> Result<WorkbookRead, WorkbookError> {
    let unreadable = |error: calamine::Error| WorkbookError::Unreadable {
        detail: error.to_string(),
    };
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let names = workbook.sheet_names();
    let events_sheet = names
        .iter()
        .find(|name| name.trim().eq_ignore_ascii_case(EVENTS_SHEET))
        .or_else(|| {
            names.iter().find(|name| {
                ![GUIDE_SHEET, STORIES_SHEET, DATASET_SHEET]
                    .iter()
                    .any(|other| name.trim().eq_ignore_ascii_case(other))
            })
        })
        .cloned()
        .ok_or(WorkbookError::NoSheet)?;
    let events = workbook.worksheet_range(&events_sheet).map_err(unreadable)?;
    let mut errors = Vec::new();
    let (text, lines) = sheet_as_csv(&events, &mut errors);
    let sheet_errors = |mut found: Vec<CsvError>, sheet: &str, lines: &RowLines| {
        for error in &mut found {
            error.row = error.row.map(|line| lines.sheet_row(line));
        }
        WorkbookError::Rows {
            sheet: sheet.to_owned(),
            errors: found,
        }
    };
    if !errors.is_empty() {
        return Err(sheet_errors(errors, &events_sheet, &lines));
    }
    let mut dataset = import_csv(&text).map_err(|found| sheet_errors(found, &events_sheet, &lines))?;
    if let Some(stories_sheet) = names
        .iter()
        .find(|name| name.trim().eq_ignore_ascii_case(STORIES_SHEET))
    {
        let range = workbook.worksheet_range(stories_sheet).map_err(unreadable)?;
        let (text, lines) = sheet_as_csv(&range, &mut errors);
        if !errors.is_empty() {
            return Err(sheet_errors(errors, stories_sheet, &lines));
        }
        if !text.trim().is_empty() {
            dataset.stories = import_stories_csv(&text).map_err(|found| sheet_errors(found, stories_sheet, &lines))?;
        }
    }
    if let Some(dataset_sheet) = names
        .iter()
        .find(|name| name.trim().eq_ignore_ascii_case(DATASET_SHEET))
    {
        let range = workbook.worksheet_range(dataset_sheet).map_err(unreadable)?;
        for row in range.rows() {
            if let [key, value, ..] = row {
                if cell_text(key).trim() == "description" {
                    dataset.description = cell_text(value);
                }
            }
        }
    }
    Ok(WorkbookRead { dataset, events_sheet })
}

/// Which sheet row each CSV record made of the sheet came from (empty rows are left out, so
/// a record's number is not always its row).
struct RowLines {
    /// `rows[k]`: the sheet row (1-based) of record `k`, the header being record 0.
    rows: Vec<u64>,
}

impl RowLines {
    /// The sheet row of the CSV reader's row `row` (its records numbered from 1, the header).
    fn sheet_row(&self, row: u64) -> u64 {
        let record = row.saturating_sub(1) as usize;
        self.rows.get(record).copied().unwrap_or(row)
    }
}

/// The sheet as CSV text in the model's layout (each cell formula-guarded, so the reader's
/// unguarding gives it back unchanged), with the sheet row of each record. Empty rows are
/// left out. Cells right of the header's last column are an error.
fn sheet_as_csv(range: &calamine::Range<Data>, errors: &mut Vec<CsvError>) -> (String, RowLines) {
    let first_row = range.start().map_or(1, |(row, _)| u64::from(row) + 1);
    let first_column = range.start().map_or(0, |(_, column)| column);
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|row| row.iter().map(cell_text).collect())
        .unwrap_or_default();
    let width = header
        .iter()
        .rposition(|cell| !cell.trim().is_empty())
        .map_or(0, |last| last + 1);
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut sheet_rows = vec![first_row];
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(header[..width].iter().cloned().map(guard_formula));
    for (index, row) in rows.enumerate() {
        let sheet_row = first_row + index as u64 + 1;
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if let Some(extra) = cells.iter().skip(width).position(|cell| !cell.trim().is_empty()) {
            errors.push(CsvError::new(
                Some(sheet_row),
                Some(column_letters(first_column as usize + width + extra)),
                CsvProblem::ValueWithoutHeader,
            ));
        }
        if cells.iter().take(width).all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let _ = writer.write_record(cells.into_iter().take(width).map(guard_formula));
        sheet_rows.push(sheet_row);
    }
    let text = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
    (text, RowLines { rows: sheet_rows })
}

/// A column's letters as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA.
fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A cell's value as the CSV layout's text. A date a spreadsheet program made of a typed
/// `2024-03-05` is that day again; a whole number typed into a cell (a year, a count) loses
/// the `.0` a float would print.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => number.to_string(),
        Data::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(value) => match value.as_datetime() {
            Some(moment) if moment.time() == chrono::NaiveTime::MIN => moment.date().to_string(),
            Some(moment) => moment.to_string(),
            None => value.as_f64().to_string(),
        },
        Data::DateTimeIso(text) => match text.split_once('T') {
            Some((day, time)) if time.trim_start_matches(['0', ':', '.']).is_empty() => day.to_owned(),
            _ => text.clone(),
        },
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => format!("#{error:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_count_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn records_map_back_to_sheet_rows() {
        // A header on row 2, then rows 3, 5 and 6 (row 4 empty).
        let rows = RowLines { rows: vec![2, 3, 5, 6] };
        assert_eq!(rows.sheet_row(1), 2);
        assert_eq!(rows.sheet_row(2), 3);
        assert_eq!(rows.sheet_row(3), 5);
        assert_eq!(rows.sheet_row(4), 6);
    }

    #[test]
    fn garbage_is_unreadable_not_a_panic() {
        assert!(matches!(
            read_workbook(b"PK\x03\x04 not really a zip"),
            Err(WorkbookError::Unreadable { .. })
        ));
        assert!(matches!(read_workbook(b""), Err(WorkbookError::Unreadable { .. })));
    }
}
