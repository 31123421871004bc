//! The compact tables the search crate's build script writes (pinyin readings, accent
//! folding), derived from the `pinyin` and `unicode-normalization` crates so that neither is
//! linked into the wasm. A crate of its own because two places need the same definitions:
//! the search crate's `build.rs` writes the tables, and its tests check the tables against
//! those crates and against [`left_unfolded`].

/// The blocks whose NFKD foldings the table leaves out: scripts and symbol sets that none of
/// the app's languages (Chinese, English, French) writes, whose foldings were nearly a third
/// of the table (about 2.7 KB brotli). Search lower-cases these characters but does not
/// decompose them, so "𝐀" (mathematical bold) does not find "a".
pub fn left_unfolded(code: u32) -> bool {
    matches!(code,
        // Arabic Presentation Forms-A and -B: contextual shapes of Arabic letters.
        0xFB50..=0xFDFF | 0xFE70..=0xFEFF
        // Mathematical Alphanumeric Symbols: styled Latin and Greek letters and digits.
        | 0x1D400..=0x1D7FF
        // Arabic Mathematical Alphabetic Symbols.
        | 0x1EE00..=0x1EEFF
        // CJK Compatibility Ideographs Supplement: rare variants of unified ideographs.
        | 0x2F800..=0x2FA1F)
}

/// The first and last code points of the CJK Unified Ideographs block, which holds every
/// character of everyday Chinese. Rarer extension blocks are not given pinyin.
const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

/// Distinct toneless readings kept per character: enough for the common heteronyms
/// (长 chang/zhang, 重 zhong/chong, 行 xing/hang) while keeping the table small.
const READINGS_PER_CHARACTER: usize = 2;

/// The pinyin table (`pinyin.bin`), in bit planes that brotli packs well (the
/// `pinyin` crate's own table, linked into the wasm, cost ~137 KB brotli; two u16 slots per
/// character cost 35 KB; these planes about 28 KB). The app does not embed it: it fetches
/// the copy shipped as `www/search/pinyin.bin` after the first paint, which a test in
/// `crates/search/src/pinyin.rs` keeps byte for byte equal to this one. Layout (integers little-endian):
/// - the magic `HAPY`, the format version (1), the first and last code points covered (u32
///   each) and the length of the syllable list (u32);
/// - the syllables, one toneless syllable per line, numbered from 1, the most frequent first
///   readings first, so most numbers fit in 8 bits;
/// - per character of the block, the low 8 bits of its first reading's number (0: no reading);
/// - per character, bit 8 of that number, one bit each (LSB first);
/// - per character, whether it has a second reading, one bit each;
/// - those second readings' numbers (u16), in character order, to the end of the file.
pub fn pinyin_table() -> Vec<u8> {
    use pinyin::ToPinyinMulti;
    let mut readings: Vec<Vec<&'static str>> = Vec::new();
    for code in HAN_FIRST..=HAN_LAST {
        let mut plain: Vec<&'static str> = Vec::new();
        if let Some(multi) = char::from_u32(code).and_then(|character| character.to_pinyin_multi()) {
            for pinyin in multi {
                if !plain.contains(&pinyin.plain()) && plain.len() < READINGS_PER_CHARACTER {
                    plain.push(pinyin.plain());
                }
            }
        }
        readings.push(plain);
    }
    // Most frequent first readings first (ties alphabetically), then syllables that are only
    // ever second readings.
    let mut frequency: std::collections::BTreeMap<&'static str, (usize, usize)> = Default::default();
    for plain in &readings {
        for (position, syllable) in plain.iter().enumerate() {
            let counts = frequency.entry(syllable).or_default();
            if position == 0 {
                counts.0 += 1;
            } else {
                counts.1 += 1;
            }
        }
    }
    let mut syllables: Vec<&'static str> = frequency.keys().copied().collect();
    syllables.sort_by_key(|syllable| std::cmp::Reverse(frequency[syllable].0));
    let number: std::collections::HashMap<&str, u16> = syllables
        .iter()
        .enumerate()
        .map(|(line, syllable)| (*syllable, line as u16 + 1))
        .collect();
    assert!(syllables.len() < 512, "syllable numbers must fit in 9 bits");

    let characters = readings.len();
    let mut first_low = vec![0u8; characters];
    let mut first_high = vec![0u8; characters.div_ceil(8)];
    let mut has_second = vec![0u8; characters.div_ceil(8)];
    let mut second = Vec::new();
    for (offset, plain) in readings.iter().enumerate() {
        if let Some(first) = plain.first() {
            let first = number[first];
            first_low[offset] = first as u8;
            first_high[offset / 8] |= ((first >> 8) as u8) << (offset % 8);
        }
        if let Some(other) = plain.get(1) {
            has_second[offset / 8] |= 1 << (offset % 8);
            second.extend_from_slice(&number[other].to_le_bytes());
        }
    }
    let syllables = syllables.join("\n");
    let mut file = b"HAPY\x01".to_vec();
    for number in [HAN_FIRST, HAN_LAST, syllables.len() as u32] {
        file.extend_from_slice(&number.to_le_bytes());
    }
    file.extend_from_slice(syllables.as_bytes());
    file.extend_from_slice(&first_low);
    file.extend_from_slice(&first_high);
    file.extend_from_slice(&has_second);
    file.extend_from_slice(&second);
    file
}

/// The fold table (`fold_table.bin`): every character whose search form differs from its plain
/// lower case, with that form. The search form is the NFKD decomposition without combining
/// marks, lower-cased ("É" → "e", "ﬁ" → "fi", a combining accent → nothing). Linking
/// `unicode-normalization`'s decomposition tables cost ~30 KB brotli; this table keeps exactly
/// the same folding (a test compares the two on every character) in ~10 KB.
///
/// Left out, because the search crate's `fold.rs` never looks them up: ASCII, the unified
/// ideographs, the Hangul syllables and the full-width ASCII forms, whose foldings are
/// arithmetic; and, by choice, the blocks of [`left_unfolded`].
/// Layout: the number of entries (varint); per entry in code point order, the gap from the
/// previous entry's code point minus one (varint); per entry, the number of characters of
/// its folded form (varint); then every folded character as a zigzag varint of its
/// difference from its entry's code point. Like values sit together, so the regular runs
/// (combining marks, full-width forms, mathematical letters) compress well.
pub fn fold_table() -> Vec<u8> {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    fn varint(mut value: u32, out: &mut Vec<u8>) {
        while value >= 0x80 {
            out.push((value as u8) | 0x80);
            value >>= 7;
        }
        out.push(value as u8);
    }
    let (mut gaps, mut lengths, mut characters) = (Vec::new(), Vec::new(), Vec::new());
    let mut count = 0;
    let mut previous: i64 = -1;
    for character in (0x80..=0x10FFFFu32).filter_map(char::from_u32) {
        let code = character as u32;
        let skipped = matches!(code,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x2A6DF | 0x2A700..=0x2EBEF | 0xAC00..=0xD7A3 | 0xFF01..=0xFF5E)
            || left_unfolded(code);
        if skipped {
            continue;
        }
        let folded: Vec<char> = std::iter::once(character)
            .nfkd()
            .filter(|&decomposed| !is_combining_mark(decomposed))
            .flat_map(char::to_lowercase)
            .collect();
        if folded.iter().copied().eq(character.to_lowercase()) {
            continue;
        }
        count += 1;
        varint((i64::from(code) - previous - 1) as u32, &mut gaps);
        previous = i64::from(code);
        varint(folded.len() as u32, &mut lengths);
        for out in folded {
            let difference = i64::from(out as u32) - i64::from(code);
            varint(((difference << 1) ^ (difference >> 63)) as u32, &mut characters);
        }
    }
    let mut table = Vec::new();
    varint(count, &mut table);
    table.extend(gaps);
    table.extend(lengths);
    table.extend(characters);
    table
}
