//! Strings kept end to end in one allocation, and an interner over them: the index's
//! vocabulary and the names it has tokenised, without a heap string per distinct term.

use super::hash::{hash_str, prefix_key, same_bytes, KeyTable};

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

    /// The positions of the strings in sorted order (ties in position order).
    ///
    /// Sorting the index's vocabulary (every distinct word and pinyin spelling, hundreds of
    /// thousands at 100k events) with string comparisons cost a tenth of the index build. So
    /// each string is first keyed by its first sixteen bytes ([`prefix_key`]), which decides
    /// almost every pair with one integer comparison; only runs of strings sharing those bytes
    /// are then compared whole. Byte order is `str` order.
    pub fn sorted_order(&self) -> Vec<u32> {
        let mut keyed: Vec<(u128, u32)> = (0..self.len())
            .map(|position| (prefix_key(self.bytes(position)), position as u32))
            .collect();
        keyed.sort_unstable();
        let mut start = 0;
        while start < keyed.len() {
            let key = keyed[start].0;
            let end = start + keyed[start..].iter().take_while(|&&(other, _)| other == key).count();
            if end - start > 1 {
                keyed[start..end]
                    .sort_by(|&(_, one), &(_, other)| self.bytes(one as usize).cmp(self.bytes(other as usize)));
            }
            start = end;
        }
        keyed.into_iter().map(|(_, position)| position).collect()
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
    fn sorted_order_is_the_strings_order() {
        let mut random = fastrand::Rng::with_seed(3);
        let pieces = ["a", "b", "shang", "hai", "无", "锡", "é", "z", "0"];
        let mut list = StringList::default();
        for _ in 0..3_000 {
            let word: String = (0..random.usize(0..6))
                .map(|_| pieces[random.usize(..pieces.len())])
                .collect();
            list.push(&word);
        }
        let mut expected: Vec<u32> = (0..list.len() as u32).collect();
        expected.sort_by(|&one, &other| list.get(one as usize).cmp(list.get(other as usize)));
        assert_eq!(list.sorted_order(), expected);
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
