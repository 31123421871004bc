//! Toneless pinyin for Chinese characters, from a compact table that `build.rs` derives from
//! the `pinyin` crate (so the readings are that crate's, without its size in the wasm).
//! Up to two readings per character, most common first (长: zhang, chang).
//!
//! The table is not compiled into the app: it is a file of the build (`www/search/pinyin.bin`,
//! 28 KB brotli) that the app fetches after its first paint and hands to [`install`]. Until
//! then every character has no reading, so the index has its characters and no pinyin (the
//! catalog rebuilds it when the table arrives). Native tests, and builds with the feature
//! `embedded-pinyin` (the benchmarks), have the table compiled in and installed on first use.

use std::fmt;
use std::sync::OnceLock;

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;
const CHARACTERS: usize = (HAN_LAST - HAN_FIRST + 1) as usize;
const MAGIC: &[u8; 4] = b"HAPY";
const VERSION: u8 = 1;
/// Magic, version, first and last code point, length of the syllable list.
const HEADER: usize = 4 + 1 + 4 + 4 + 4;

/// The table as build.rs writes it (its layout is described there).
#[cfg(any(test, feature = "embedded-pinyin"))]
static GENERATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin.bin"));

/// The table unpacked once: the planes are for the download; lookups, on the hot path of
/// index building, read two syllable numbers per character (0: none), as before the packing.
#[derive(Debug)]
struct Lookup {
    syllables: Vec<Box<str>>,
    /// Per syllable, as `syllables`: its bytes for [`FirstSyllables`].
    packed: Vec<PackedSyllable>,
    numbers: Vec<[u16; 2]>,
    /// The ASCII syllables packed ([`packed_letters`]) and sorted, for reading a query as
    /// syllables ([`is_syllable`]).
    sorted: Vec<u32>,
}

/// No table yet: no character has a reading.
static EMPTY: Lookup = Lookup {
    syllables: Vec::new(),
    packed: Vec::new(),
    numbers: Vec::new(),
    sorted: Vec::new(),
};

static TABLE: OnceLock<Lookup> = OnceLock::new();

/// Why bytes are not a pinyin table (a damaged download, or a file of another build).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinyinTableError {
    /// The file does not start with the table's magic bytes.
    NotATable,
    /// A format version this build does not read.
    Version(u8),
    /// The file ends before `part`.
    Truncated { part: &'static str },
    /// `part` holds a value the format does not allow.
    Invalid { part: &'static str },
}

impl fmt::Display for PinyinTableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PinyinTableError::NotATable => f.write_str("not a pinyin table (no HAPY header)"),
            PinyinTableError::Version(version) => {
                write!(f, "pinyin table format {version}, this build reads format {VERSION}")
            }
            PinyinTableError::Truncated { part } => write!(f, "pinyin table cut short in its {part}"),
            PinyinTableError::Invalid { part } => write!(f, "pinyin table has an invalid {part}"),
        }
    }
}

impl std::error::Error for PinyinTableError {}

/// Reads a table file and makes it the one every lookup uses, unless one is already there
/// (the same file fetched again by a second atlas on the page). Refused whole when the bytes
/// are not exactly a table of this format: a wrong reading is worse than none.
pub fn install(bytes: &[u8]) -> Result<(), PinyinTableError> {
    let lookup = decode(bytes)?;
    let _ = TABLE.set(lookup);
    Ok(())
}

/// Whether lookups have a table (fetched, or compiled in).
pub fn is_installed() -> bool {
    !std::ptr::eq(lookup(), &EMPTY)
}

fn decode(bytes: &[u8]) -> Result<Lookup, PinyinTableError> {
    if !bytes.starts_with(MAGIC) {
        return Err(PinyinTableError::NotATable);
    }
    let header = bytes
        .get(..HEADER)
        .ok_or(PinyinTableError::Truncated { part: "header" })?;
    if header[4] != VERSION {
        return Err(PinyinTableError::Version(header[4]));
    }
    let word = |at: usize| u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    if (word(5), word(9)) != (HAN_FIRST, HAN_LAST) {
        return Err(PinyinTableError::Invalid {
            part: "character range",
        });
    }
    let mut rest = &bytes[HEADER..];
    let mut take = |len: usize, part: &'static str| -> Result<&[u8], PinyinTableError> {
        if rest.len() < len {
            return Err(PinyinTableError::Truncated { part });
        }
        let (taken, after) = rest.split_at(len);
        rest = after;
        Ok(taken)
    };
    let list = std::str::from_utf8(take(word(13) as usize, "syllables")?)
        .map_err(|_| PinyinTableError::Invalid { part: "syllables" })?;
    let syllables: Vec<Box<str>> = list.split('\n').map(Box::from).collect();
    // Packed syllables hold eight bytes; numbers hold nine bits.
    if syllables.len() >= 512
        || syllables
            .iter()
            .any(|syllable| syllable.is_empty() || syllable.len() > 8)
    {
        return Err(PinyinTableError::Invalid { part: "syllables" });
    }
    let first_low = take(CHARACTERS, "first readings")?;
    let first_high = take(CHARACTERS.div_ceil(8), "first readings")?;
    let has_second = take(CHARACTERS.div_ceil(8), "second readings")?;
    let seconds = (0..CHARACTERS).filter(|&offset| bit(has_second, offset)).count();
    let second = take(seconds * 2, "second readings")?;
    if !rest.is_empty() {
        return Err(PinyinTableError::Invalid { part: "length" });
    }
    let mut second = second
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
    let numbers: Vec<[u16; 2]> = first_low
        .iter()
        .enumerate()
        .map(|(offset, &low)| {
            let first = u16::from(low) | u16::from(bit(first_high, offset)) << 8;
            let second = if bit(has_second, offset) {
                second.next().unwrap_or(0)
            } else {
                0
            };
            [first, second]
        })
        .collect();
    if numbers
        .iter()
        .flatten()
        .any(|&number| usize::from(number) > syllables.len())
    {
        return Err(PinyinTableError::Invalid {
            part: "syllable number",
        });
    }
    let mut sorted: Vec<u32> = syllables
        .iter()
        .filter_map(|syllable| packed_letters(syllable))
        .collect();
    sorted.sort_unstable();
    Ok(Lookup {
        sorted,
        packed: syllables.iter().map(|syllable| PackedSyllable::of(syllable)).collect(),
        syllables,
        numbers,
    })
}

/// A syllable's bytes, zero-padded to eight, with the lengths of the whole and of its first
/// character (its initial): a long run's spelling is written eight bytes at a time, because
/// appending a few bytes to a `String` calls `reserve` and the wasm `memcpy` every time, and
/// that was most of the cost of spelling a run. Syllables are at most six bytes ("zhuang");
/// [`decode`] refuses more than eight.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PackedSyllable {
    pub bytes: [u8; 8],
    pub len: u8,
    pub initial_len: u8,
}

impl PackedSyllable {
    fn of(syllable: &str) -> PackedSyllable {
        let mut bytes = [0; 8];
        for (slot, &byte) in bytes.iter_mut().zip(syllable.as_bytes()) {
            *slot = byte;
        }
        // The initial is one letter: one byte, or two for a Latin letter with a diacritic.
        let initial_len = if bytes[0].is_ascii() { 1 } else { 2 };
        PackedSyllable {
            bytes,
            len: syllable.len().min(8) as u8,
            initial_len,
        }
    }
}

#[cfg(any(test, feature = "embedded-pinyin"))]
thread_local! {
    /// Set by [`with_table_hidden`]: this thread's lookups see no table.
    static HIDDEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` as if no table had arrived yet, on this thread (tests of the app's first moments).
#[cfg(any(test, feature = "embedded-pinyin"))]
#[doc(hidden)]
pub fn with_table_hidden<R>(f: impl FnOnce() -> R) -> R {
    HIDDEN.with(|hidden| hidden.set(true));
    let result = f();
    HIDDEN.with(|hidden| hidden.set(false));
    result
}

fn lookup() -> &'static Lookup {
    #[cfg(any(test, feature = "embedded-pinyin"))]
    if HIDDEN.with(std::cell::Cell::get) {
        return &EMPTY;
    }
    #[cfg(any(test, feature = "embedded-pinyin"))]
    if TABLE.get().is_none() {
        // The generated table decodes (a test reads it); if it ever did not, no readings.
        let _ = install(GENERATED);
    }
    TABLE.get().unwrap_or(&EMPTY)
}

fn bit(bits: &[u8], offset: usize) -> bool {
    bits.get(offset / 8).is_some_and(|byte| byte >> (offset % 8) & 1 == 1)
}

/// The character's two syllable numbers, if it is in the block.
fn numbers_of(lookup: &Lookup, character: char) -> Option<[u16; 2]> {
    let code = character as u32;
    if !(HAN_FIRST..=HAN_LAST).contains(&code) {
        return None;
    }
    lookup.numbers.get((code - HAN_FIRST) as usize).copied()
}

fn syllable(lookup: &'static Lookup, number: u16) -> Option<&'static str> {
    lookup
        .syllables
        .get(usize::from(number).checked_sub(1)?)
        .map(|syllable| &**syllable)
}

/// The toneless readings of `character` ("wu" for 无; "zhang", "chang" for 长); empty when
/// the table has none.
pub fn readings(character: char) -> impl Iterator<Item = &'static str> {
    let lookup = lookup();
    numbers_of(lookup, character)
        .into_iter()
        .flatten()
        .filter_map(|number| syllable(lookup, number))
}

/// Up to six ASCII lower-case letters in a `u32`, five bits each from the top, so that
/// packed strings sort as the strings do and a prefix's completions are one range. `None` for
/// anything else (syllables with ü: a query read as syllables is ASCII).
fn packed_letters(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 6 {
        return None;
    }
    let mut packed = 0;
    for (position, byte) in text.bytes().enumerate() {
        if !byte.is_ascii_lowercase() {
            return None;
        }
        packed |= u32::from(byte - b'a' + 1) << (25 - 5 * position);
    }
    Some(packed)
}

/// Whether `text` is a toneless pinyin syllable (of the table's; none without it).
pub fn is_syllable(text: &str) -> bool {
    packed_letters(text).is_some_and(|packed| lookup().sorted.binary_search(&packed).is_ok())
}

/// Whether some syllable starts with `text` (a syllable being typed).
pub fn starts_syllable(text: &str) -> bool {
    let Some(packed) = packed_letters(text) else {
        return false;
    };
    // The completions of `text` lie from it to it with every following letter at its highest.
    let last = packed | ((1u32 << (30 - 5 * text.len())) - 1);
    let sorted = &lookup().sorted;
    let at = sorted.partition_point(|&syllable| syllable < packed);
    sorted.get(at).is_some_and(|&syllable| syllable <= last)
}

/// The first (most common) reading of `character`, as [`readings`] gives it first: what
/// [`FirstSyllables`] packs, spelt out for the tests.
#[cfg(test)]
pub fn first_reading(character: char) -> Option<&'static str> {
    let lookup = lookup();
    syllable(lookup, numbers_of(lookup, character)?[0])
}

/// Reads characters' first syllables, packed: the table, fetched once per run rather than
/// per character.
#[derive(Clone, Copy)]
pub struct FirstSyllables(&'static Lookup);

impl FirstSyllables {
    pub fn get() -> FirstSyllables {
        FirstSyllables(lookup())
    }

    /// The first (most common) reading of `character`, the one [`readings`] gives first.
    #[inline(always)]
    pub fn of(self, character: char) -> Option<PackedSyllable> {
        let number = numbers_of(self.0, character)?[0];
        self.0.packed.get(usize::from(number).checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The file the app fetches is the table build.rs derives from the `pinyin` crate.
    /// After a change of either: `ATLAS_WRITE_PINYIN_TABLE=1 cargo test -p health-atlas-search`.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_shipped_file_is_the_generated_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/search/pinyin.bin");
        if std::env::var_os("ATLAS_WRITE_PINYIN_TABLE").is_some() {
            std::fs::write(path, GENERATED).unwrap();
        }
        let shipped = std::fs::read(path).unwrap_or_default();
        assert!(
            shipped == GENERATED,
            "www/search/pinyin.bin is not the generated table: ATLAS_WRITE_PINYIN_TABLE=1 cargo test -p health-atlas-search"
        );
        assert!(decode(&shipped).is_ok());
    }

    #[test]
    fn a_damaged_or_foreign_file_is_refused_whole() {
        assert_eq!(decode(b"").unwrap_err(), PinyinTableError::NotATable);
        assert_eq!(
            decode(b"{\"type\": \"Topology\"}").unwrap_err(),
            PinyinTableError::NotATable
        );
        let mut newer = GENERATED.to_vec();
        newer[4] = 2;
        assert_eq!(decode(&newer).unwrap_err(), PinyinTableError::Version(2));
        assert_eq!(
            decode(&GENERATED[..GENERATED.len() - 1]).unwrap_err(),
            PinyinTableError::Truncated {
                part: "second readings"
            }
        );
        assert_eq!(
            decode(&GENERATED[..HEADER - 1]).unwrap_err(),
            PinyinTableError::Truncated { part: "header" }
        );
        let mut longer = GENERATED.to_vec();
        longer.push(0);
        assert_eq!(
            decode(&longer).unwrap_err(),
            PinyinTableError::Invalid { part: "length" }
        );
        // A syllable number past the list: the first character's first reading.
        let mut beyond = GENERATED.to_vec();
        let syllables = u32::from_le_bytes(GENERATED[13..17].try_into().unwrap()) as usize;
        beyond[HEADER + syllables] = 255;
        beyond[HEADER + syllables + CHARACTERS] |= 1;
        assert_eq!(
            decode(&beyond).unwrap_err(),
            PinyinTableError::Invalid {
                part: "syllable number"
            }
        );
        assert_eq!(
            PinyinTableError::Version(2).to_string(),
            "pinyin table format 2, this build reads format 1"
        );
    }

    #[test]
    fn without_the_table_no_character_has_a_reading() {
        with_table_hidden(|| {
            assert!(!is_installed());
            assert_eq!(readings('长').count(), 0);
            assert_eq!(FirstSyllables::get().of('长'), None);
        });
        assert!(is_installed());
        assert_eq!(readings('长').count(), 2);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any bytes, and any damage to the real file, give a table or an error, never a panic.
        #[test]
        fn any_bytes_decode_or_are_refused(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
                                           at in 0usize..40_000, byte in proptest::num::u8::ANY) {
            let _ = decode(&bytes);
            let mut damaged = GENERATED.to_vec();
            let at = at % damaged.len();
            damaged[at] = byte;
            let _ = decode(&damaged);
            let mut prefixed = MAGIC.to_vec();
            prefixed.extend_from_slice(&bytes);
            let _ = decode(&prefixed);
        }
    }

    fn first_readings(text: &str) -> String {
        text.chars()
            .map(|character| readings(character).next().unwrap_or("?"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn common_place_names() {
        assert_eq!(first_readings("无锡"), "wu xi");
        assert_eq!(first_readings("上海健康医学院"), "shang hai jian kang yi xue yuan");
        assert_eq!(readings('a').count(), 0);
        for character in ['a', '\u{3400}']
            .into_iter()
            .chain((HAN_FIRST..=HAN_LAST).filter_map(char::from_u32))
        {
            assert_eq!(first_reading(character), readings(character).next(), "{character}");
        }
    }

    #[test]
    fn packed_syllables_hold_the_first_reading_whole() {
        assert!(lookup().syllables.iter().all(|syllable| syllable.len() <= 8));
        let first = FirstSyllables::get();
        for character in ['a', '\u{3400}']
            .into_iter()
            .chain((HAN_FIRST..=HAN_LAST).filter_map(char::from_u32))
        {
            let packed = first.of(character);
            let reading = first_reading(character);
            assert_eq!(packed.is_some(), reading.is_some(), "{character}");
            if let (Some(packed), Some(reading)) = (packed, reading) {
                let initial = reading.chars().next().map_or(0, char::len_utf8);
                assert_eq!(&packed.bytes[..usize::from(packed.len)], reading.as_bytes());
                assert!(packed.bytes[usize::from(packed.len)..].iter().all(|&byte| byte == 0));
                assert_eq!(usize::from(packed.initial_len), initial, "{reading}");
            }
        }
    }

    #[test]
    fn heteronyms_keep_their_second_reading() {
        let chang: Vec<&str> = readings('长').collect();
        assert!(chang.contains(&"chang") && chang.contains(&"zhang"), "{chang:?}");
        assert!(readings('重').any(|reading| reading == "chong"));
    }

    /// The planes give back exactly what build.rs read from the `pinyin` crate: its first two
    /// distinct toneless readings, for every character of the block.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn every_character_reads_as_the_pinyin_crate_says() {
        use pinyin::ToPinyinMulti;
        let mut with_two = 0;
        for character in (HAN_FIRST..=HAN_LAST).filter_map(char::from_u32) {
            let mut expected: Vec<&str> = Vec::new();
            for reading in character.to_pinyin_multi().into_iter().flatten() {
                if !expected.contains(&reading.plain()) && expected.len() < 2 {
                    expected.push(reading.plain());
                }
            }
            with_two += usize::from(expected.len() == 2);
            assert_eq!(readings(character).collect::<Vec<_>>(), expected, "{character}");
        }
        assert!(with_two > 4_000, "second readings are there: {with_two}");
        assert!(
            lookup().syllables.len() > 256,
            "numbers above 255 (the high plane) are exercised"
        );
    }
}

#[cfg(test)]
mod syllable_tests {
    use super::*;

    /// The packed look-ups answer as the syllable list does, for every syllable and its prefixes.
    #[test]
    fn packed_syllables_answer_as_the_list() {
        let lookup = lookup();
        let ascii: Vec<&str> = lookup
            .syllables
            .iter()
            .map(|syllable| &**syllable)
            .filter(|s| s.is_ascii())
            .collect();
        assert!(ascii.len() > 380, "{}", ascii.len());
        let mut probes: Vec<String> = Vec::new();
        for syllable in &ascii {
            for end in 1..=syllable.len() {
                probes.push(syllable[..end].to_owned());
                probes.push(format!("{}q", &syllable[..end]));
            }
        }
        probes.extend(["", "zzzzzz", "zhuangg", "v", "lü"].map(String::from));
        for probe in &probes {
            assert_eq!(is_syllable(probe), ascii.contains(&probe.as_str()), "{probe}");
            let starts = !probe.is_empty() && ascii.iter().any(|syllable| syllable.starts_with(probe.as_str()));
            assert_eq!(starts_syllable(probe), starts, "{probe}");
        }
    }
}
