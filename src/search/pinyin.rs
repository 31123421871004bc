//! Toneless pinyin for Chinese characters, from a compact table that `build.rs` derives from
//! the `pinyin` crate (so the readings are that crate's, without its size in the wasm).
//! Up to two readings per character, most common first (长: zhang, chang).

const HAN_FIRST: u32 = 0x4E00;
const HAN_LAST: u32 = 0x9FFF;
/// Must equal `READINGS_PER_CHARACTER` in build.rs.
const READINGS_PER_CHARACTER: usize = 2;

static SYLLABLES: &str = include_str!(concat!(env!("OUT_DIR"), "/pinyin_syllables.txt"));
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinyin_index.bin"));

/// The syllable list, split once: indexing it is on the hot path of index building.
fn syllables() -> &'static [&'static str] {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| SYLLABLES.split('\n').collect())
}

/// The toneless readings of `character` ("wu" for 无; "zhang", "chang" for 长); empty when
/// the table has none.
pub fn readings(character: char) -> impl Iterator<Item = &'static str> {
    let code = character as u32;
    let base = (HAN_FIRST..=HAN_LAST)
        .contains(&code)
        .then(|| (code - HAN_FIRST) as usize * READINGS_PER_CHARACTER * 2);
    (0..READINGS_PER_CHARACTER).filter_map(move |position| {
        let offset = base? + position * 2;
        let slot = u16::from_le_bytes([*INDEX.get(offset)?, *INDEX.get(offset + 1)?]);
        let line = usize::from(slot).checked_sub(1)?;
        syllables().get(line).copied()
    })
}

/// The first (most common) reading of `character`, as [`readings`] gives it first, without
/// the iterator: the spelling of a long run calls this for each of its characters.
#[inline(always)]
pub fn first_reading(character: char) -> Option<&'static str> {
    let code = character as u32;
    if !(HAN_FIRST..=HAN_LAST).contains(&code) {
        return None;
    }
    let offset = (code - HAN_FIRST) as usize * READINGS_PER_CHARACTER * 2;
    let [first_low, first_high, second_low, second_high] = *INDEX.get(offset..offset + 4)? else {
        return None;
    };
    // The table fills the first reading first; the second counts only when it is empty.
    let slot = match u16::from_le_bytes([first_low, first_high]) {
        0 => u16::from_le_bytes([second_low, second_high]),
        first => first,
    };
    syllables().get(usize::from(slot).checked_sub(1)?).copied()
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
    fn heteronyms_keep_their_second_reading() {
        let chang: Vec<&str> = readings('长').collect();
        assert!(chang.contains(&"chang") && chang.contains(&"zhang"), "{chang:?}");
        assert!(readings('重').any(|reading| reading == "chong"));
    }
}
