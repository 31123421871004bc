//! The `.xlsx` form of a dataset, and the blank template: the CSV layout's columns on an
//! `events` sheet (every cell text, so a spreadsheet program never turns a date or an id into
//! a number), drop-down lists on the closed columns (`category`, `precision`), a `guide`
//! sheet explaining each column in English, Chinese and French, the stories on a `stories`
//! sheet and the description on a `dataset` sheet. [`crate::read`] reads all of it back, so
//! JSON → xlsx → JSON is lossless (tested below).

use std::fmt;

use health_atlas_model::csv::{export_csv, export_stories_csv, COLUMNS};
use health_atlas_model::{Category, Dataset, SCHEMA_VERSION};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};

pub const EVENTS_SHEET: &str = "events";
pub const STORIES_SHEET: &str = "stories";
pub const DATASET_SHEET: &str = "dataset";
pub const GUIDE_SHEET: &str = "guide";

/// The values of the date-precision column, in the order the drop-down lists them.
pub const DATE_PRECISIONS: [&str; 4] = ["exact", "approximate", "month", "year"];

/// How many rows below the data keep the drop-downs, so new rows typed in get them too.
const SPARE_ROWS: u32 = 1000;

/// What each column holds, in English, Chinese and French: the `guide` sheet and the
/// studio's help.
pub const COLUMN_GUIDE: [(&str, [&str; 3]); 20] = [
    ("id", ["Stable slug used in links: lower-case letters, digits and hyphens (tbhc-2023). Required, unique.", "稳定的标识，用于链接：小写字母、数字和连字符（如 tbhc-2023）。必填，不可重复。", "Identifiant stable des liens : minuscules, chiffres et tirets (tbhc-2023). Obligatoire, unique."]),
    ("title_en", ["Title in English.", "英文标题。", "Titre en anglais."]),
    ("title_zh", ["Title in Chinese.", "中文标题。", "Titre en chinois."]),
    ("title_fr", ["Title in French. At least one title is required.", "法文标题。至少需要一种语言的标题。", "Titre en français. Au moins un titre est obligatoire."]),
    ("summary_en", ["Summary in English.", "英文摘要。", "Résumé en anglais."]),
    ("summary_zh", ["Summary in Chinese.", "中文摘要。", "Résumé en chinois."]),
    ("summary_fr", ["Summary in French.", "法文摘要。", "Résumé en français."]),
    ("category", ["One of the list (drop-down). Required.", "从下拉列表中选择一项。必填。", "Une valeur de la liste (menu déroulant). Obligatoire."]),
    ("start", ["First day, YYYY-MM-DD. Required.", "开始日期，格式 YYYY-MM-DD。必填。", "Premier jour, AAAA-MM-JJ. Obligatoire."]),
    ("end", ["Last day, YYYY-MM-DD; empty for a one-day event.", "结束日期，格式 YYYY-MM-DD；单日活动留空。", "Dernier jour, AAAA-MM-JJ ; vide pour un événement d'un jour."]),
    ("precision", ["exact, approximate, month (the whole month) or year (the whole year). Required.", "exact（确切）、approximate（大约）、month（整月）或 year（整年）。必填。", "exact, approximate, month (tout le mois) ou year (toute l'année). Obligatoire."]),
    ("date_note", ["How the dates were read from the source, when that took inference.", "日期如何从来源推断（如需推断）。", "Comment les dates ont été déduites de la source, s'il a fallu les déduire."]),
    ("places", ["One place per line: name.en=… | city.zh=… | country=CN | lat=31.49 | lon=120.31 | precision=city. Empty: location not stated.", "每行一个地点：name.en=… | city.zh=… | country=CN | lat=31.49 | lon=120.31 | precision=city。留空表示未说明地点。", "Un lieu par ligne : name.en=… | city.zh=… | country=CN | lat=31.49 | lon=120.31 | precision=city. Vide : lieu non précisé."]),
    ("organisations", ["One per line: name.en=… | name.zh=… | role=organiser.", "每行一个机构：name.en=… | name.zh=… | role=organiser。", "Une par ligne : name.en=… | name.zh=… | role=organiser."]),
    ("people", ["One per line: name.*=… | title.*=… | affiliation.*=… | role=speaker.", "每行一人：name.*=… | title.*=… | affiliation.*=… | role=speaker。", "Une personne par ligne : name.*=… | title.*=… | affiliation.*=… | role=speaker."]),
    ("tags", ["Tags separated by ;", "标签，用 ; 分隔。", "Étiquettes séparées par ;"]),
    ("figures", ["One per line: label.en=… | value=1200 | unit=people | qualifier=approximately.", "每行一项数据：label.en=… | value=1200 | unit=people | qualifier=approximately。", "Un chiffre par ligne : label.en=… | value=1200 | unit=people | qualifier=approximately."]),
    ("relations", ["kind:event-id separated by ;, e.g. part_of:tbhc-2023.", "关系：kind:活动标识，用 ; 分隔，如 part_of:tbhc-2023。", "type:identifiant séparés par ;, par ex. part_of:tbhc-2023."]),
    ("sources", ["One per line: file=… | title=… | publisher=… | published=YYYY-MM-DD | language=zh | url=… | quote=…. At least one.", "每行一个来源：file=… | title=… | publisher=… | published=YYYY-MM-DD | language=zh | url=… | quote=…。至少一个。", "Une source par ligne : file=… | title=… | publisher=… | published=AAAA-MM-JJ | language=zh | url=… | quote=…. Au moins une."]),
    ("note", ["Editorial note: how an ambiguous passage was read.", "编辑说明：如何理解含糊的原文。", "Note éditoriale : comment un passage ambigu a été lu."]),
];

/// Why no workbook was written (a cell past Excel's limits, mostly: 32,767 characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    pub detail: String,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot write the workbook: {}", self.detail)
    }
}

impl From<XlsxError> for WriteError {
    fn from(error: XlsxError) -> Self {
        WriteError {
            detail: error.to_string(),
        }
    }
}

/// The dataset as an `.xlsx` workbook.
pub fn write_xlsx(dataset: &Dataset) -> Result<Vec<u8>, WriteError> {
    let mut workbook = Workbook::new();
    // A fixed creation date, not the clock: the same dataset gives the same bytes, so the
    // committed template can be checked against the writer.
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2024, 1, 1)?));
    let header = Format::new().set_bold().set_background_color("#DCE6F1");
    let text = Format::new().set_num_format("@").set_text_wrap();

    // The events sheet: the CSV layout's own rows (one writer for both), every cell text.
    let rows = csv_rows(&export_csv(dataset))?;
    let events = workbook.add_worksheet();
    events.set_name(EVENTS_SHEET)?;
    write_table(events, &rows, &header, &text)?;
    let last_row = rows.len() as u32 + SPARE_ROWS;
    let categories: Vec<&str> = Category::ALL.iter().map(|category| category.slug()).collect();
    for (column, values) in [("category", categories.as_slice()), ("precision", &DATE_PRECISIONS[..])] {
        let index = column_index(&COLUMNS, column);
        let validation = DataValidation::new()
            .allow_list_strings(values)?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(column)?
            .set_error_message(values.join(", "))?;
        events.add_data_validation(1, index, last_row, index, &validation)?;
    }

    let stories = workbook.add_worksheet();
    stories.set_name(STORIES_SHEET)?;
    write_table(
        stories,
        &csv_rows(&export_stories_csv(&dataset.stories))?,
        &header,
        &text,
    )?;

    let about = workbook.add_worksheet();
    about.set_name(DATASET_SHEET)?;
    about.write_string_with_format(0, 0, "description", &header)?;
    about.write_string_with_format(0, 1, &dataset.description, &text)?;
    about.write_string_with_format(1, 0, "schema_version", &header)?;
    about.write_string(1, 1, SCHEMA_VERSION.to_string())?;
    about.set_column_width(1, 80)?;

    let guide = workbook.add_worksheet();
    guide.set_name(GUIDE_SHEET)?;
    for (column, title) in ["column", "English", "中文", "Français"].iter().enumerate() {
        guide.write_string_with_format(0, column as u16, *title, &header)?;
    }
    for (row, (column, texts)) in COLUMN_GUIDE.iter().enumerate() {
        let row = row as u32 + 1;
        guide.write_string_with_format(row, 0, *column, &header)?;
        for (language, text_of) in texts.iter().enumerate() {
            guide.write_string_with_format(row, language as u16 + 1, *text_of, &text)?;
        }
    }
    guide.set_column_width(0, 16)?;
    for column in 1..=3 {
        guide.set_column_width(column, 60)?;
    }
    Ok(workbook.save_to_buffer()?)
}

/// The blank template: the workbook of a dataset without events.
pub fn template_xlsx() -> Result<Vec<u8>, WriteError> {
    write_xlsx(&Dataset::empty())
}

/// The blank CSV template: the header row.
pub fn template_csv() -> String {
    export_csv(&Dataset::empty())
}

fn column_index(columns: &[&str], name: &str) -> u16 {
    columns.iter().position(|column| *column == name).unwrap_or(0) as u16 // ok: the names are the layout's own
}

/// The CSV text's records, each cell as the spreadsheet shows it: the CSV writer's formula
/// guard is for programs that run CSV cells as formulas; a workbook's text cells are never run.
fn csv_rows(text: &str) -> Result<Vec<Vec<String>>, WriteError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|record| {
            record
                .map(|record| {
                    record
                        .iter()
                        .map(|cell| health_atlas_model::csv::unguard_formula(cell).to_owned())
                        .collect()
                })
                .map_err(|error| WriteError {
                    detail: error.to_string(),
                })
        })
        .collect()
}

fn write_table(sheet: &mut Worksheet, rows: &[Vec<String>], header: &Format, text: &Format) -> Result<(), WriteError> {
    let Some((names, data)) = rows.split_first() else {
        return Ok(());
    };
    for (column, name) in names.iter().enumerate() {
        let column = column as u16;
        sheet.write_string_with_format(0, column, name, header)?;
        sheet.set_column_format(column, text)?;
        sheet.set_column_width(
            column,
            if name.starts_with("title") || name.starts_with("summary") {
                36
            } else {
                22
            },
        )?;
    }
    for (row, cells) in data.iter().enumerate() {
        for (column, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string_with_format(row as u32 + 1, column as u16, cell, text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_workbook;

    #[test]
    fn the_guide_covers_every_column_in_order() {
        let guided: Vec<&str> = COLUMN_GUIDE.iter().map(|(column, _)| *column).collect();
        assert_eq!(guided, COLUMNS);
    }

    #[test]
    fn json_to_xlsx_to_json_is_lossless_for_the_shipped_dataset() {
        let dataset = health_atlas_dataset::embedded_dataset().expect("the shipped dataset is valid");
        assert!(!dataset.stories.is_empty() && !dataset.description.is_empty());
        let bytes = write_xlsx(&dataset).expect("the shipped dataset fits a workbook");
        let read = read_workbook(&bytes).expect("our own workbook reads back");
        assert_eq!(read.events_sheet, EVENTS_SHEET);
        assert_eq!(read.dataset, dataset);
    }

    #[test]
    fn the_committed_templates_are_the_writers_own() {
        // `cargo run -p atlas-data -- template -o data/templates/events-template.xlsx` (and .csv)
        // rewrites them.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/templates/");
        let xlsx = std::fs::read(format!("{root}events-template.xlsx")).unwrap_or_default();
        let csv = std::fs::read_to_string(format!("{root}events-template.csv")).unwrap_or_default();
        assert!(
            xlsx == template_xlsx().unwrap(),
            "data/templates/events-template.xlsx is stale"
        );
        assert_eq!(csv, template_csv(), "data/templates/events-template.csv is stale");
    }

    #[test]
    fn the_template_reads_back_as_an_empty_dataset() {
        let read = read_workbook(&template_xlsx().unwrap()).unwrap();
        assert!(read.dataset.events.is_empty());
        assert_eq!(template_csv().trim_end(), COLUMNS.join(","));
    }
}
