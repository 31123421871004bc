//! Health Atlas's files beyond JSON, for the studio page and `atlas-data`, one code path for both:
//!
//! - [`sniff`]: what a dropped or named file is (JSON, CSV text, a workbook, something else),
//!   from its bytes, so a renamed file is still read right and a binary one gets a clear answer;
//! - [`encoding`]: the text of a CSV file in UTF-8 (with or without BOM), UTF-16 (BOM) or
//!   GB18030, and which one it was;
//! - [`read`]: an Excel or ODS workbook into a dataset, through the CSV layout's own reader
//!   (`health_atlas_model::csv`), so a workbook's problems name the row and column as a CSV's do;
//! - [`write`]: the `.xlsx` form of a dataset and the blank template, with drop-down lists for
//!   the closed fields and a sheet explaining each column in English, Chinese and French.
//!
//! Plain Rust: no browser APIs, no I/O; the caller hands bytes in and gets bytes or typed
//! errors back.

pub mod encoding;
pub mod read;
pub mod write;

pub use encoding::{decode_text, DecodeError, TextEncoding};
pub use read::{read_workbook, WorkbookError, WorkbookRead};
pub use write::{template_csv, template_xlsx, write_xlsx, WriteError};

/// What a file's bytes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A JSON document (starts with `{`, after an optional BOM and white space).
    Json,
    /// A zip (`.xlsx`, `.ods`, `.xlsb`) or an OLE compound file (`.xls`).
    Workbook,
    /// Anything else: read as CSV text, whose decoding says whether it is text at all.
    Text,
}

/// The kind of `bytes`, by their content, not their name.
pub fn sniff(bytes: &[u8]) -> FileKind {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(ZIP) || bytes.starts_with(OLE) {
        return FileKind::Workbook;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|byte| !byte.is_ascii_whitespace()) {
        Some(b'{') => FileKind::Json,
        _ => FileKind::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_content() {
        assert_eq!(sniff(b"  {\"schema_version\": 2}"), FileKind::Json);
        assert_eq!(sniff(b"\xEF\xBB\xBF\n{}"), FileKind::Json);
        assert_eq!(sniff(b"PK\x03\x04rest"), FileKind::Workbook);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            FileKind::Workbook
        );
        assert_eq!(sniff(b"id,title_en\n"), FileKind::Text);
        assert_eq!(sniff(b""), FileKind::Text);
    }
}
