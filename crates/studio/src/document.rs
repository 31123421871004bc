//! Opening a file into a dataset the studio can edit: JSON, CSV (any of the encodings
//! spreadsheet programs write) or a workbook, told apart by content. The validator runs later,
//! on whatever is being edited ([`crate::state`]); here a file only has to have the dataset's
//! shape. A JSON file whose rules are broken (a bad country code, an unknown relation) still
//! opens, so its problems can be fixed in the form; one whose shape is broken cannot, and its
//! errors say where (line, path, what was expected).

use health_atlas_explore::share::parse_dataset_checked;
use health_atlas_model::csv::{import_csv, CsvError};
use health_atlas_model::limits::{MAX_DATASET_BYTES, MAX_EVENTS};
use health_atlas_model::{Dataset, DatasetError};
use health_atlas_workbook::{decode_text, read_workbook, sniff, DecodeError, FileKind, TextEncoding, WorkbookError};

/// Where the events being edited came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    Json,
    Csv { encoding: TextEncoding },
    Workbook { sheet: String },
    BuiltIn,
    Empty,
}

impl Source {
    /// Whether the file numbers events by spreadsheet rows (header = row 1).
    pub fn has_rows(&self) -> bool {
        matches!(self, Source::Csv { .. } | Source::Workbook { .. })
    }
}

/// A file read into a dataset.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    pub name: String,
    pub source: Source,
    pub dataset: Dataset,
}

/// Why a file gave nothing to edit.
#[derive(Clone, Debug, PartialEq)]
pub enum OpenError {
    TooLarge { bytes: u64, limit: u64 },
    TooManyEvents { found: usize, limit: usize },
    NotText(DecodeError),
    Csv(Vec<CsvError>),
    Workbook(WorkbookError),
    Json(Vec<DatasetError>),
}

/// The file `name` with contents `bytes`.
pub fn open_file(name: &str, bytes: &[u8]) -> Result<Opened, OpenError> {
    check_size(bytes.len() as u64)?;
    let opened = |source, dataset: Dataset| {
        if dataset.events.len() > MAX_EVENTS {
            return Err(OpenError::TooManyEvents {
                found: dataset.events.len(),
                limit: MAX_EVENTS,
            });
        }
        Ok(Opened {
            name: name.to_owned(),
            source,
            dataset,
        })
    };
    match sniff(bytes) {
        FileKind::Workbook => {
            let read = read_workbook(bytes).map_err(OpenError::Workbook)?;
            opened(
                Source::Workbook {
                    sheet: read.events_sheet,
                },
                read.dataset,
            )
        }
        FileKind::Json => {
            let (text, _) = decode_text(bytes).map_err(OpenError::NotText)?;
            opened(Source::Json, open_json(&text)?)
        }
        FileKind::Text => {
            let (text, encoding) = decode_text(bytes).map_err(OpenError::NotText)?;
            let dataset = import_csv(&text).map_err(OpenError::Csv)?;
            opened(Source::Csv { encoding }, dataset)
        }
    }
}

/// Refuses a file over the cap on outside datasets before it is read (the page asks the
/// browser for the size first, so a huge file is never loaded into memory).
pub fn check_size(bytes: u64) -> Result<(), OpenError> {
    if bytes > MAX_DATASET_BYTES {
        Err(OpenError::TooLarge {
            bytes,
            limit: MAX_DATASET_BYTES,
        })
    } else {
        Ok(())
    }
}

/// A JSON dataset: valid, or of the right shape with rule problems (opened, to be fixed), or
/// not a dataset at all (the validator's errors, with lines).
fn open_json(text: &str) -> Result<Dataset, OpenError> {
    match parse_dataset_checked(text, MAX_EVENTS) {
        Ok(dataset) => Ok(dataset),
        Err(errors) => serde_json::from_str::<Dataset>(text).map_err(|_| OpenError::Json(errors)),
    }
}

/// The dataset shipped with the atlas.
pub fn built_in() -> Opened {
    let dataset = health_atlas_dataset::embedded_dataset().unwrap_or_else(|_| Dataset::empty());
    Opened {
        name: "events.json".into(),
        source: Source::BuiltIn,
        dataset,
    }
}

/// A new dataset with no events.
pub fn new_empty() -> Opened {
    Opened {
        name: "events.json".into(),
        source: Source::Empty,
        dataset: Dataset::empty(),
    }
}

/// The dataset as the JSON file `atlas-data` and the atlas read.
pub fn to_json(dataset: &Dataset) -> String {
    let mut json = serde_json::to_string_pretty(dataset).unwrap_or_default(); // ok: plain data cannot fail to serialise
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_model::csv::export_csv;
    use health_atlas_workbook::encoding::encode_gb18030;

    fn shipped() -> Dataset {
        built_in().dataset
    }

    #[test]
    fn json_csv_and_workbooks_open_to_the_same_events() {
        let dataset = shipped();
        let json = open_file("events.json", to_json(&dataset).as_bytes()).unwrap();
        assert_eq!(
            (json.source, json.dataset.events.len()),
            (Source::Json, dataset.events.len())
        );
        let csv = open_file("events.csv", &encode_gb18030(&export_csv(&dataset))).unwrap();
        assert_eq!(
            csv.source,
            Source::Csv {
                encoding: TextEncoding::Gb18030
            }
        );
        assert_eq!(csv.dataset.events, dataset.events);
        let xlsx = open_file("events.xlsx", &health_atlas_workbook::write_xlsx(&dataset).unwrap()).unwrap();
        assert_eq!(xlsx.dataset, dataset);
    }

    #[test]
    fn a_json_file_with_broken_rules_still_opens_and_a_broken_shape_does_not() {
        let mut dataset = shipped();
        let placed = dataset
            .events
            .iter()
            .position(|event| !event.places.is_empty())
            .unwrap();
        dataset.events[placed].places[0].country = "XX".into();
        let opened = open_file("events.json", to_json(&dataset).as_bytes()).unwrap();
        assert_eq!(opened.dataset.events[placed].places[0].country, "XX");
        let broken = to_json(&dataset).replacen("\"category\"", "\"categry\"", 1);
        match open_file("events.json", broken.as_bytes()) {
            Err(OpenError::Json(errors)) => assert!(errors.iter().any(|error| error.line.is_some())),
            other => panic!("expected the shape errors, got {other:?}"),
        }
    }

    #[test]
    fn binary_and_oversized_files_are_refused() {
        assert!(matches!(
            open_file("photo.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(OpenError::NotText(DecodeError::Binary { .. }))
        ));
        assert!(matches!(
            check_size(MAX_DATASET_BYTES + 1),
            Err(OpenError::TooLarge { .. })
        ));
        assert_eq!(check_size(MAX_DATASET_BYTES), Ok(()));
    }
}
