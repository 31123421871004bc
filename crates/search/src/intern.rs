//! Strings kept end to end in one allocation, and an interner over them: the index's
//! vocabulary and the names it has tokenised, without a heap string per distinct term.

use super::keys::{hash_str, same_bytes, KeyTable};

/// Strings by position, end to end in one `String`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringList {
    text: String,
    /// Where each string ends in `text`; it starts where the one before ends.
    ends: Vec<u32>,
}

impl StringList {
    pub fn push(&mut self, string: &str) {
        self.text.push_str(string);
        self.ends.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    #[inline(always)]
    fn range(&self, position: usize) -> std::ops::Range<usize> {
        let start = position.checked_sub(1).map_or(0, |before| self.ends[before] as usize);
        start..self.ends[position] as usize
    }

    /// The string at `position` (which must be below [`StringList::len`]).
    #[inline(always)]
    pub fn get(&self, position: usize) -> &str {
        &self.text[self.range(position)]
    }

    #[inline(always)]
    fn bytes(&self, position: usize) -> &[u8] {
        &self.text.as_bytes()[self.range(position)]
    }

    /// Frees the spare capacity left from growing.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// Distinct strings numbered 0, 1, 2, … in the order they were first seen.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    strings: StringList,
    ids: KeyTable,
}

impl Interner {
    /// The id of `string`, and whether it was seen here for the first time. Not forced
    /// inline: it is called from three places, and a copy of the table's probe in each grew
    /// the wasm more than the call costs.
    pub fn intern(&mut self, string: &str) -> (u32, bool) {
        let strings = &self.strings;
        let next = strings.len() as u32;
        let (id, new) = self.ids.get_or_insert(
            hash_str(string),
            |id| same_bytes(strings.bytes(id as usize), string.as_bytes()),
            next,
        );
        if new {
            self.strings.push(string);
        }
        (id, new)
    }

    /// The strings, by id.
    pub fn into_strings(self) -> StringList {
        self.strings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_get_one_id_and_every_string_is_kept_whole() {
        let mut interner = Interner::default();
        let words = [
            "wuxi",
            "",
            "conference",
            "wuxi",
            "无锡",
            "a somewhat longer name, past sixteen bytes",
            "conference",
        ];
        let ids: Vec<(u32, bool)> = words.iter().map(|word| interner.intern(word)).collect();
        assert_eq!(
            ids,
            [
                (0, true),
                (1, true),
                (2, true),
                (0, false),
                (3, true),
                (4, true),
                (2, false)
            ]
        );
        let strings = interner.into_strings();
        assert_eq!(strings.len(), 5);
        let kept: Vec<&str> = (0..strings.len()).map(|position| strings.get(position)).collect();
        assert_eq!(
            kept,
            [
                "wuxi",
                "",
                "conference",
                "无锡",
                "a somewhat longer name, past sixteen bytes"
            ]
        );
    }

    #[test]
    fn many_strings_survive_the_table_growing() {
        let mut interner = Interner::default();
        for round in 0..2 {
            for number in 0..5_000u32 {
                assert_eq!(interner.intern(&format!("venue {number}")), (number, round == 0));
            }
        }
    }
}
