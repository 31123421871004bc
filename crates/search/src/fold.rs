//! The search form of a character that is neither ASCII nor a unified ideograph, from a
//! table that `build.rs` derives from `unicode-normalization` (NFKD without combining marks,
//! lower-cased), so the wasm carries the few thousand foldings search needs instead of the
//! crate's full decomposition and composition tables. The blocks of `health_atlas_search_tables::left_unfolded` are only
//! lower-cased.

static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/fold_table.bin"));

/// The decoded table: code points in order and, per code point, its folded form as a range
/// of `text`.
struct Folds {
    codes: Vec<u32>,
    ends: Vec<u32>,
    text: String,
}

/// Reads one little-endian base-128 number; `None` at the end of the table.
fn varint(bytes: &mut std::slice::Iter<'_, u8>) -> Option<u32> {
    let mut value = 0u32;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.next()?;
        value |= u32::from(byte & 0x7F) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

fn folds() -> &'static Folds {
    static FOLDS: std::sync::OnceLock<Folds> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        let mut bytes = TABLE.iter();
        let count = varint(&mut bytes).unwrap_or(0) as usize;
        let mut codes = Vec::with_capacity(count);
        let mut previous: i64 = -1;
        for _ in 0..count {
            previous += 1 + i64::from(varint(&mut bytes).unwrap_or(0));
            codes.push(previous as u32);
        }
        let lengths: Vec<u32> = (0..count).map(|_| varint(&mut bytes).unwrap_or(0)).collect();
        let mut folds = Folds {
            codes,
            ends: Vec::with_capacity(count),
            text: String::new(),
        };
        for (&code, &length) in folds.codes.iter().zip(&lengths) {
            for _ in 0..length {
                let zigzag = varint(&mut bytes).unwrap_or(0);
                let difference = i64::from(zigzag >> 1) ^ -i64::from(zigzag & 1);
                // The table is generated from valid characters; a bad entry is skipped.
                if let Some(character) = u32::try_from(i64::from(code) + difference)
                    .ok()
                    .and_then(char::from_u32)
                {
                    folds.text.push(character);
                }
            }
            folds.ends.push(folds.text.len() as u32);
        }
        folds
    })
}

/// The Hangul syllables, which decompose by arithmetic into two or three jamo (Unicode
/// §3.12), none of them a combining mark or cased.
const HANGUL_FIRST: u32 = 0xAC00;
const HANGUL_LAST: u32 = 0xD7A3;

/// The full-width forms of ASCII `!` to `~`, and how far above ASCII they are.
const FULL_WIDTH_FIRST: u32 = 0xFF01;
const FULL_WIDTH_LAST: u32 = 0xFF5E;
const FULL_WIDTH_OFFSET: u32 = 0xFEE0;

/// Appends the search form of `character` to `out`: the folded form from the table, or else
/// the plain lower case. May append nothing (a combining mark).
pub fn push_folded(character: char, out: &mut String) {
    let code = u32::from(character);
    if (HANGUL_FIRST..=HANGUL_LAST).contains(&code) {
        let syllable = code - HANGUL_FIRST;
        let trailing = syllable % 28;
        let jamo = [
            0x1100 + syllable / 588,
            0x1161 + (syllable % 588) / 28,
            if trailing == 0 { 0 } else { 0x11A7 + trailing },
        ];
        out.extend(jamo.into_iter().filter(|&code| code != 0).filter_map(char::from_u32));
        return;
    }
    // Full-width ASCII (！ to ～, common in Chinese text): NFKD gives the ASCII character.
    // Worked out here rather than found by binary search in the table.
    if (FULL_WIDTH_FIRST..=FULL_WIDTH_LAST).contains(&code) {
        out.push(char::from((code - FULL_WIDTH_OFFSET) as u8).to_ascii_lowercase());
        return;
    }
    let folds = folds();
    match folds.codes.binary_search(&code) {
        Ok(position) => {
            let start = position.checked_sub(1).map_or(0, |before| folds.ends[before] as usize);
            out.push_str(&folds.text[start..folds.ends[position] as usize]);
        }
        Err(_) => out.extend(character.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table folds every character exactly as NFKD without combining marks, lower-cased,
    /// except the blocks it leaves out on purpose, which are lower-cased only.
    #[test]
    fn the_table_matches_unicode_normalization_on_every_character() {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        let mut checked = 0;
        for character in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
            if super::super::tokens::is_unified_ideograph(character) {
                continue;
            }
            if health_atlas_search_tables::left_unfolded(u32::from(character)) {
                let mut folded = String::new();
                push_folded(character, &mut folded);
                assert_eq!(folded, character.to_lowercase().collect::<String>());
                continue;
            }
            let expected: String = std::iter::once(character)
                .nfkd()
                .filter(|&decomposed| !is_combining_mark(decomposed))
                .flat_map(char::to_lowercase)
                .collect();
            let mut folded = String::new();
            push_folded(character, &mut folded);
            assert_eq!(folded, expected, "U+{:04X}", u32::from(character));
            checked += 1;
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn latin_accents_ligatures_and_full_width_forms() {
        let fold = |text: &str| {
            let mut out = String::new();
            text.chars().for_each(|character| push_folded(character, &mut out));
            out
        };
        assert_eq!(fold("ÉtéÇÀ"), "eteca");
        assert_eq!(fold("ﬁＡ（"), "fia(");
        assert_eq!(fold("\u{301}"), "");
        assert_eq!(fold("Σ"), "σ");
        assert_eq!(fold("한"), "\u{1112}\u{1161}\u{11AB}");
    }
}
