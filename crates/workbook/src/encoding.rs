//! The text of a CSV file as spreadsheet programs write it: UTF-8 with or without a byte-order
//! mark, UTF-16 with one (Excel's "Unicode text"), or GB18030 (Excel and WPS on Chinese
//! Windows, "ANSI"). The rule: a BOM says UTF-8 or UTF-16; bytes that are valid UTF-8 are
//! UTF-8; anything else is read as GB18030, which every byte sequence decodes in, so a binary
//! file is told by what it decodes to (NUL and other control characters), not by a failure.

use std::fmt;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// The encoding a text was read in, as the studio names it to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8WithBom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    /// The encoding's usual name (the same in every language).
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8WithBom => "UTF-8 (BOM)",
            TextEncoding::Utf16Le => "UTF-16 LE",
            TextEncoding::Utf16Be => "UTF-16 BE",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// Why bytes are not a text file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds bytes no text file has (NUL, other control characters): it is binary,
    /// e.g. a picture or an archive, or a spreadsheet in a format this page does not read.
    /// `offset` is the first such byte's position in the decoded text (characters).
    Binary { offset: usize },
    /// A UTF-16 file whose bytes do not decode (a half character, a lone surrogate).
    Malformed { encoding: TextEncoding },
    /// Some lines are UTF-8 and others are not (rows pasted together from files saved in
    /// different encodings): read either way, one part would turn into wrong characters.
    /// The first line (1-based) of each kind.
    Mixed { utf8_line: usize, other_line: usize },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => write!(
                f,
                "not a text file (a control character at character {offset}); expected CSV text or an .xlsx/.ods workbook"
            ),
            DecodeError::Malformed { encoding } => {
                write!(f, "the file starts as {} text but does not decode as it", encoding.name())
            }
            DecodeError::Mixed { utf8_line, other_line } => write!(
                f,
                "mixed encodings: line {utf8_line} is UTF-8 but line {other_line} is not; expected one encoding for the whole file (save it again as UTF-8)"
            ),
        }
    }
}

/// The text of `bytes` (without its BOM) and the encoding it was read in.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), DecodeError> {
    let (encoding, kind, body): (&'static Encoding, TextEncoding, &[u8]) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (UTF_8, TextEncoding::Utf8WithBom, rest)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (UTF_16LE, TextEncoding::Utf16Le, rest)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (UTF_16BE, TextEncoding::Utf16Be, rest)
        } else if std::str::from_utf8(bytes).is_ok() {
            (UTF_8, TextEncoding::Utf8, bytes)
        } else {
            check_not_mixed(bytes)?;
            (GB18030, TextEncoding::Gb18030, bytes)
        };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors && kind != TextEncoding::Gb18030 {
        return Err(DecodeError::Malformed { encoding: kind });
    }
    if let Some(offset) = text.chars().position(is_binary) {
        return Err(DecodeError::Binary { offset });
    }
    Ok((text.into_owned(), kind))
}

/// How many non-ASCII characters a line must have for its being valid UTF-8 to count: two
/// GB18030 characters can form valid UTF-8 by chance (院士, `D4 BA CA BF`, reads `Ժʿ`), several
/// in a row almost never.
const UTF8_EVIDENCE_CHARACTERS: usize = 4;

/// Refuses a file that is not UTF-8 as a whole but has lines with Chinese or other non-ASCII
/// text that are: such a file was put together from files in two encodings, and reading it as
/// either would garble part of it silently.
fn check_not_mixed(bytes: &[u8]) -> Result<(), DecodeError> {
    let mut utf8_line = None;
    let mut other_line = None;
    for (index, line) in bytes.split(|&byte| byte == b'\n').enumerate() {
        let slot = match std::str::from_utf8(line) {
            Ok(text) if text.chars().filter(|character| !character.is_ascii()).count() >= UTF8_EVIDENCE_CHARACTERS => {
                &mut utf8_line
            }
            Ok(_) => continue,
            Err(_) => &mut other_line,
        };
        slot.get_or_insert(index + 1);
        if let (Some(utf8_line), Some(other_line)) = (utf8_line, other_line) {
            return Err(DecodeError::Mixed { utf8_line, other_line });
        }
    }
    Ok(())
}

/// A character no CSV file holds: C0 controls other than tab, line feed and carriage return
/// (form feed too, which some exports keep), and the replacement character GB18030 gives
/// for bytes it cannot map.
fn is_binary(character: char) -> bool {
    (character.is_control() && !matches!(character, '\t' | '\n' | '\r' | '\u{c}') && (character as u32) < 0x20)
        || character == '\u{fffd}'
}

/// `text` in GB18030, as Excel on a Chinese Windows saves CSV (for tests and the CLI).
pub fn encode_gb18030(text: &str) -> Vec<u8> {
    GB18030.encode(text).0.into_owned()
}

/// `text` in UTF-16 little-endian with its BOM, as Excel's "Unicode text" saves it.
pub fn encode_utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id,title_zh,title_fr\nwuxi-2024,无锡健康产业论坛,Forum de Wuxi — été\n";

    #[test]
    fn each_encoding_is_detected_and_decoded() {
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(TEXT.as_bytes());
        let mut utf16be = vec![0xFE, 0xFF];
        for unit in TEXT.encode_utf16() {
            utf16be.extend_from_slice(&unit.to_be_bytes());
        }
        let cases = [
            (TEXT.as_bytes().to_vec(), TextEncoding::Utf8),
            (with_bom, TextEncoding::Utf8WithBom),
            (encode_utf16le_with_bom(TEXT), TextEncoding::Utf16Le),
            (utf16be, TextEncoding::Utf16Be),
            (encode_gb18030(TEXT), TextEncoding::Gb18030),
        ];
        for (bytes, expected) in cases {
            assert_eq!(decode_text(&bytes), Ok((TEXT.to_owned(), expected)), "{expected:?}");
        }
    }

    #[test]
    fn gb18030_bytes_are_not_valid_utf8() {
        // Otherwise the detection order would not matter for Chinese text.
        assert!(std::str::from_utf8(&encode_gb18030(TEXT)).is_err());
    }

    #[test]
    fn binary_files_are_refused_with_where() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(decode_text(png), Err(DecodeError::Binary { .. })));
        assert_eq!(decode_text(b"id,title\n\0\0"), Err(DecodeError::Binary { offset: 9 }));
    }

    #[test]
    fn a_file_of_two_encodings_is_refused_with_a_line_of_each() {
        let mut bytes = "id,title_zh\na,无锡论坛\n".as_bytes().to_vec();
        bytes.extend(encode_gb18030("b,上海论坛\n"));
        assert_eq!(
            decode_text(&bytes),
            Err(DecodeError::Mixed {
                utf8_line: 2,
                other_line: 3
            })
        );
        // Chinese GB18030 text throughout, and a file with only ASCII lines besides, are fine.
        assert!(decode_text(&encode_gb18030("id,title_zh\na,无锡论坛\nb,上海论坛\n")).is_ok());
    }

    #[test]
    fn broken_utf16_is_malformed() {
        // A lone high surrogate.
        assert_eq!(
            decode_text(&[0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00]),
            Err(DecodeError::Malformed {
                encoding: TextEncoding::Utf16Le
            })
        );
    }
}
