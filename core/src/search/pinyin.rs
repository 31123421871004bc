//! Toneless pinyin for Chinese characters, from a compact table that `build.rs` derives from
//! the `pinyin` crate (so the readings are that crate's, without its size in the wasm).
//! Up to two readings per character, most common first (长: zhang, chang).

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;

// The table's planes; build.rs (`write_pinyin_table`) says what each holds.
static SYLLABLES: &str = include_str!(concat!(env!("OUT_DIR"), "/pinyin_syllables.txt"));
static FIRST_LOW: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin_first_low.bin"));
static FIRST_HIGH: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin_first_high.bin"));
static HAS_SECOND: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin_has_second.bin"));
static SECOND: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin_second.bin"));

/// The table unpacked once: the planes are for the download; lookups, on the hot path of
/// index building, read two syllable numbers per character (0: none), as before the packing.
struct Lookup {
    syllables: Vec<&'static str>,
    /// Per syllable, as `syllables`: its bytes for [`FirstSyllables`].
    packed: Vec<PackedSyllable>,
    numbers: Vec<[u16; 2]>,
}

/// A syllable's bytes, zero-padded to eight, with the lengths of the whole and of its first
/// character (its initial): a long run's spelling is written eight bytes at a time, because
/// appending a few bytes to a `String` calls `reserve` and the wasm `memcpy` every time, and
/// that was most of the cost of spelling a run. Syllables are at most six bytes ("zhuang");
/// a test checks that they fit.
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

fn lookup() -> &'static Lookup {
    static LOOKUP: std::sync::OnceLock<Lookup> = std::sync::OnceLock::new();
    LOOKUP.get_or_init(|| {
        let mut seconds = SECOND
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
        let numbers = FIRST_LOW
            .iter()
            .enumerate()
            .map(|(offset, &low)| {
                let first = u16::from(low) | u16::from(bit(FIRST_HIGH, offset)) << 8;
                let second = if bit(HAS_SECOND, offset) {
                    seconds.next().unwrap_or(0)
                } else {
                    0
                };
                [first, second]
            })
            .collect();
        let syllables: Vec<&'static str> = SYLLABLES.split('\n').collect();
        Lookup {
            packed: syllables.iter().map(|syllable| PackedSyllable::of(syllable)).collect(),
            syllables,
            numbers,
        }
    })
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
    lookup.syllables.get(usize::from(number).checked_sub(1)?).copied()
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
