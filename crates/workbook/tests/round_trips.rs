//! Round trips through the files maintainers keep the events in, and where a workbook's
//! problems are reported.

use health_atlas_model::csv::{export_csv, import_csv};
use health_atlas_workbook::encoding::{decode_text, encode_gb18030, encode_utf16le_with_bom};
use health_atlas_workbook::{read_workbook, TextEncoding, WorkbookError};

fn shipped() -> health_atlas_model::Dataset {
    health_atlas_dataset::embedded_dataset().expect("the shipped dataset is valid")
}

#[test]
fn csv_in_gb18030_to_json_is_lossless() {
    let mut dataset = shipped();
    // The CSV layout carries neither the stories (a file of their own) nor the description.
    dataset.stories.clear();
    dataset.description.clear();
    let bytes = encode_gb18030(&export_csv(&dataset));
    let (text, encoding) = decode_text(&bytes).unwrap();
    assert_eq!(encoding, TextEncoding::Gb18030);
    assert_eq!(import_csv(&text).unwrap(), dataset);
    let utf16 = encode_utf16le_with_bom(&export_csv(&dataset));
    let (text, encoding) = decode_text(&utf16).unwrap();
    assert_eq!(encoding, TextEncoding::Utf16Le);
    assert_eq!(import_csv(&text).unwrap(), dataset);
}

#[test]
fn a_sheet_with_wrong_columns_names_them() {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("Sheet1").unwrap();
    for (column, name) in ["id", "titel", "category", "start", "precision", "sources"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    match read_workbook(&bytes) {
        Err(WorkbookError::Rows { sheet, errors }) => {
            assert_eq!(sheet, "Sheet1");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].row, Some(1));
            assert_eq!(errors[0].column.as_deref(), Some("titel"));
        }
        other => panic!("expected a column error, got {other:?}"),
    }
}

#[test]
fn a_bad_cell_after_multi_line_rows_is_located_by_sheet_row() {
    let dataset = shipped();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("events").unwrap();
    // Our own writer's rows, then one with an unknown category, written cell by cell.
    let text = export_csv(&dataset);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let category = rows[0].iter().position(|name| name == "category").unwrap();
    let bad_row = 4; // 0-based index into rows: sheet row 6, below the empty row 4
    rows[bad_row][category] = "festival".into();
    // Sheet row 4 is left empty, as people leave gaps: the rows below keep their numbers.
    for (row, cells) in rows.iter().enumerate() {
        let sheet_row = if row >= 3 { row + 1 } else { row };
        for (column, cell) in cells.iter().enumerate() {
            sheet.write_string(sheet_row as u32, column as u16, cell).unwrap();
        }
    }
    assert!(rows[1..bad_row].iter().flatten().any(|cell| cell.contains('\n')));
    let bytes = workbook.save_to_buffer().unwrap();
    match read_workbook(&bytes) {
        Err(WorkbookError::Rows { errors, .. }) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].row, Some(bad_row as u64 + 2));
            assert_eq!(errors[0].column.as_deref(), Some("category"));
        }
        other => panic!("expected a row error, got {other:?}"),
    }
}
