//! Byte keys for the indexes' tables and sorts, public because the catalog and the facets
//! (`health-atlas-explore`) use them too. The keys are short terms, names, ids and
//! packed integers from trusted-enough input (a dataset's own text): the "Fx" multiply hash
//! that rustc uses, without a dependency, [`KeyTable`], an open-addressing table over
//! keys kept elsewhere, and byte comparisons eight bytes at a time for sorting. Not resistant to crafted collisions; a hostile dataset can at worst
//! slow its own indexing down.

/// The multiplier of rustc's FxHasher (64-bit).
const MULTIPLIER: u64 = 0xf135_7aea_2e62_a9c5;

#[derive(Clone, Copy, Debug, Default)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    // Forced, as everything here: these run for every key hashed or compared, and the
    // catalog and facets call this module from `health-atlas-explore`, which is built at
    // opt-level "z" (this crate at "s", see Cargo.toml), where LLVM keeps them as calls.
    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(MULTIPLIER);
    }

    #[inline(always)]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(word_of(chunk));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(word_of(rest) ^ ((rest.len() as u64) << 59));
        }
    }
}

/// Up to eight bytes as a little-endian number, zero-padded. Written out rather than with
/// `copy_from_slice` or a loop, which opt-level "z" (the callers' in `health-atlas-explore`)
/// leaves as calls: a short slice
/// is read as two overlapping halves, which agree on the bytes they share.
#[inline(always)]
fn word_of(bytes: &[u8]) -> u64 {
    let length = bytes.len();
    let (head, tail) = match length {
        8.. => {
            return u64::from_le_bytes([
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            ])
        }
        4..=7 => (
            u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]),
            u32::from_le_bytes([
                bytes[length - 4],
                bytes[length - 3],
                bytes[length - 2],
                bytes[length - 1],
            ]),
        ),
        2..=3 => (
            u32::from(u16::from_le_bytes([bytes[0], bytes[1]])),
            u32::from(u16::from_le_bytes([bytes[length - 2], bytes[length - 1]])),
        ),
        1 => return u64::from(bytes[0]),
        0 => return 0,
    };
    let tail_shift = 8 * (length - if length >= 4 { 4 } else { 2 });
    u64::from(head) | u64::from(tail) << tail_shift
}

/// The Fx hash of a string's bytes and length, for [`KeyTable`]. A product's high bits are
/// its well-mixed ones (its low bits depend only on the inputs' low bits), so the table reads
/// the high half.
pub fn hash_str(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.add(text.len() as u64);
    hasher.hash
}

/// The Fx hash of a number, for [`KeyTable`].
#[inline(always)]
pub fn hash_u64(key: u64) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.add(key);
    hasher.hash
}

/// Byte equality eight bytes at a time: on wasm32, `==` on slices calls a `memcmp` that
/// compares byte by byte. Not forced inline: a call per look-up is cheap, and a copy at every
/// call site would grow the wasm.
pub fn same_bytes(one: &[u8], other: &[u8]) -> bool {
    if one.len() != other.len() {
        return false;
    }
    let mut start = 0;
    while start + 8 <= one.len() {
        if word_of(&one[start..start + 8]) != word_of(&other[start..start + 8]) {
            return false;
        }
        start += 8;
    }
    word_of(&one[start..]) == word_of(&other[start..])
}

/// Byte order (which is `str` order) eight bytes at a time: on wasm32, `Ord` on slices calls
/// a `memcmp` that compares byte by byte, and sorting ids or terms spends most of its time
/// there.
pub fn compare_bytes(one: &[u8], other: &[u8]) -> std::cmp::Ordering {
    let common = one.len().min(other.len());
    let mut start = 0;
    while start + 8 <= common {
        let (mine, theirs) = (big_endian_at(one, start), big_endian_at(other, start));
        if mine != theirs {
            return mine.cmp(&theirs);
        }
        start += 8;
    }
    for position in start..common {
        if one[position] != other[position] {
            return one[position].cmp(&other[position]);
        }
    }
    one.len().cmp(&other.len())
}

/// The first eight bytes as a big-endian number, zero-padded: for strings without NUL bytes
/// (ids and terms), a smaller number means a smaller string, so a sort can compare these and
/// call [`compare_bytes`] only when they are equal.
pub fn leading_word(bytes: &[u8]) -> u64 {
    word_of(&bytes[..bytes.len().min(8)]).swap_bytes()
}

/// The eight bytes from `start` as a big-endian number. Forced inline: as a closure, LLVM
/// kept it a call per eight bytes, a tenth of the index build's sorting.
#[inline(always)]
fn big_endian_at(bytes: &[u8], start: usize) -> u64 {
    u64::from_be_bytes([
        bytes[start],
        bytes[start + 1],
        bytes[start + 2],
        bytes[start + 3],
        bytes[start + 4],
        bytes[start + 5],
        bytes[start + 6],
        bytes[start + 7],
    ])
}

/// An open-addressing hash table from keys kept elsewhere to `u32` values. The caller owns
/// the keys (in an arena string, or in the events themselves) and says, given a value,
/// whether it belongs to the key looked up. So the table allocates nothing per key and a
/// look-up hashes the key once; each slot keeps the high half of its key's hash, which
/// rejects almost every other key without reading it and lets the table grow without the keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyTable {
    /// Per slot: the high 32 bits of the key's hash and the value, or [`EMPTY`].
    slots: Vec<(u32, u32)>,
    len: usize,
}

/// The value that marks an empty slot; values must be below it.
const EMPTY: u32 = u32::MAX;

impl Default for KeyTable {
    fn default() -> KeyTable {
        KeyTable::with_capacity(0)
    }
}

impl KeyTable {
    /// A table that holds `capacity` keys without growing.
    pub fn with_capacity(capacity: usize) -> KeyTable {
        KeyTable {
            slots: vec![(0, EMPTY); (capacity.max(4) * 2).next_power_of_two()],
            len: 0,
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.len
    }

    /// The value of the key with `hash` for which `is_key(value)` holds, if any.
    pub fn get(&self, hash: u64, is_key: impl FnMut(u32) -> bool) -> Option<u32> {
        match self.slot(hash, is_key) {
            Ok(slot) => Some(self.slots[slot].1),
            Err(_) => None,
        }
    }

    /// The value of the key, or else `new_value` stored for it; `true` when it was new (the
    /// caller then stores the key where `is_key` will find it).
    #[inline(always)]
    pub fn get_or_insert(&mut self, hash: u64, is_key: impl FnMut(u32) -> bool, new_value: u32) -> (u32, bool) {
        match self.slot(hash, is_key) {
            Ok(slot) => (self.slots[slot].1, false),
            Err(slot) => {
                self.fill(slot, hash, new_value);
                (new_value, true)
            }
        }
    }

    /// The key's slot (`Ok`) or the empty slot where it would go (`Err`): linear probing from
    /// the position the hash's top bits give.
    #[inline(always)]
    fn slot(&self, hash: u64, mut is_key: impl FnMut(u32) -> bool) -> Result<usize, usize> {
        let high = (hash >> 32) as u32;
        let mask = self.slots.len() - 1;
        let mut slot = self.home(high);
        loop {
            let (stored, value) = self.slots[slot];
            if value == EMPTY {
                return Err(slot);
            }
            if stored == high && is_key(value) {
                return Ok(slot);
            }
            slot = (slot + 1) & mask;
        }
    }

    #[inline(always)]
    fn home(&self, high: u32) -> usize {
        // The table has at most 2^32 slots; the top bits of the hash pick the first one.
        let bits = self.slots.len().trailing_zeros();
        (u64::from(high) << bits >> 32) as usize
    }

    fn fill(&mut self, slot: usize, hash: u64, value: u32) {
        self.slots[slot] = ((hash >> 32) as u32, value);
        self.len += 1;
        // At most half full, so probe runs stay short.
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
    }

    fn grow(&mut self) {
        let doubled = vec![(0, EMPTY); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for (high, value) in old.into_iter().filter(|&(_, value)| value != EMPTY) {
            let mut slot = self.home(high);
            while self.slots[slot].1 != EMPTY {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = (high, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Strings around the eight-byte boundaries, non-ASCII ones and generated ids.
    const WORDS: [&str; 13] = [
        "",
        "a",
        "ab",
        "abcdefgh",
        "abcdefgi",
        "abcdefghi",
        "abcdefgh\u{e9}",
        "\u{65e0}\u{9521}",
        "z",
        "gen-0000005",
        "gen-0000050",
        "gen-0001",
        "\u{65e0}",
    ];

    #[test]
    fn leading_words_order_as_their_strings() {
        for one in WORDS {
            for other in WORDS {
                let (mine, theirs) = (leading_word(one.as_bytes()), leading_word(other.as_bytes()));
                if mine != theirs {
                    assert_eq!(mine.cmp(&theirs), one.cmp(other), "{one:?} {other:?}");
                }
            }
        }
        assert_eq!(leading_word(b"ab"), u64::from_be_bytes(*b"ab\0\0\0\0\0\0"));
    }

    #[test]
    fn compare_bytes_orders_as_str_does() {
        for one in WORDS {
            for other in WORDS {
                assert_eq!(
                    compare_bytes(one.as_bytes(), other.as_bytes()),
                    one.cmp(other),
                    "{one:?} {other:?}"
                );
            }
        }
    }

    #[test]
    fn keys_with_zero_low_bits_spread_over_slots() {
        // Han unigram keys have 21 low zero bits.
        let table = KeyTable::with_capacity(32);
        let slots: std::collections::BTreeSet<usize> = (0x4E00u64..0x4E00 + 64)
            .map(|code| table.home((hash_u64(code << 21) >> 32) as u32))
            .collect();
        assert!(slots.len() > 32, "{} slots of 64", slots.len());
        assert_ne!(hash_str("ab"), hash_str("ab\0"));
        assert_ne!(hash_str(""), hash_str("\0"));
    }

    #[test]
    fn short_slices_read_as_zero_padded_words() {
        let bytes = [1u8, 2, 3, 4, 5, 6, 7, 8, 9];
        for length in 0..=8 {
            let mut padded = [0u8; 8];
            padded[..length].copy_from_slice(&bytes[..length]);
            assert_eq!(word_of(&bytes[..length]), u64::from_le_bytes(padded), "{length}");
        }
    }

    #[test]
    fn byte_equality_at_every_length() {
        let text = b"abcdefghijklmnopqrstuvwxyz";
        for length in 0..text.len() {
            assert!(same_bytes(&text[..length], &text[..length]));
            for changed in 0..length {
                let mut other = text[..length].to_vec();
                other[changed] = b'!';
                assert!(!same_bytes(&text[..length], &other), "{length} {changed}");
            }
            assert!(!same_bytes(&text[..length], &text[..length + 1]));
        }
    }

    /// Keys kept outside the table, as the index keeps them.
    #[test]
    fn the_key_table_finds_inserts_and_replaces() {
        let keys: Vec<String> = (0..3_000).map(|number| format!("key {number}")).collect();
        let mut table = KeyTable::default();
        for (position, key) in keys.iter().enumerate() {
            let found = table.get_or_insert(hash_str(key), |value| keys[value as usize] == *key, position as u32);
            assert_eq!(found, (position as u32, true));
        }
        assert_eq!(table.len(), keys.len());
        for (position, key) in keys.iter().enumerate() {
            assert_eq!(
                table.get(hash_str(key), |value| keys[value as usize] == *key),
                Some(position as u32)
            );
        }
        assert_eq!(table.get(hash_str("key 3000"), |_| true), None);
        // A key found again keeps its value.
        let again = table.get_or_insert(hash_str("key 7"), |value| keys[value as usize] == "key 7", 9_999);
        assert_eq!(again, (7, false));
        assert_eq!(table.len(), keys.len());
        // Every hash colliding: still correct, only slower.
        let mut colliding = KeyTable::default();
        for position in 0..100u32 {
            assert_eq!(
                colliding.get_or_insert(42, |value| value == position, position),
                (position, true)
            );
        }
        assert_eq!(colliding.get(42, |value| value == 57), Some(57));
    }

    // proptest is a native-only dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any bytes, most of them short enough to end inside the first or second word.
        fn bytes() -> impl Strategy<Value = Vec<u8>> {
            proptest::collection::vec(any::<u8>(), 0..40)
        }

        /// Two byte strings: unrelated ones (which mostly differ in their first byte), or a
        /// shared start of any length followed by their own tails, so that the comparison
        /// has to go past whole eight-byte words, and sometimes one is a prefix of the other.
        fn pair_of_bytes() -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
            let tail = || proptest::collection::vec(any::<u8>(), 0..12);
            prop_oneof![
                (bytes(), bytes()),
                (proptest::collection::vec(any::<u8>(), 0..30), tail(), tail()).prop_map(|(common, one, other)| {
                    (
                        [common.as_slice(), one.as_slice()].concat(),
                        [common.as_slice(), other.as_slice()].concat(),
                    )
                }),
            ]
        }

        /// Any text (every plane of Unicode, so multi-byte UTF-8 with high lead bytes), ids
        /// and words in Latin, accented and Chinese script, and pairs sharing a start.
        fn text() -> impl Strategy<Value = String> {
            prop_oneof![any::<String>(), "[a-z0-9é无锡 -]{0,20}"]
        }

        fn pair_of_texts() -> impl Strategy<Value = (String, String)> {
            prop_oneof![
                (text(), text()),
                (text(), text(), text()).prop_map(|(common, one, other)| (common.clone() + &one, common + &other)),
            ]
        }

        /// The plain definition of [`leading_word`]: the first eight bytes, zero-padded, read
        /// as a big-endian number.
        fn padded_first_eight(bytes: &[u8]) -> u64 {
            let mut padded = [0u8; 8];
            for (slot, &byte) in padded.iter_mut().zip(bytes) {
                *slot = byte;
            }
            u64::from_be_bytes(padded)
        }

        proptest! {
            /// `compare_bytes` is `[u8]::cmp`, in both directions.
            #[test]
            fn compare_bytes_is_the_slice_order((one, other) in pair_of_bytes()) {
                prop_assert_eq!(compare_bytes(&one, &other), one.as_slice().cmp(other.as_slice()));
                prop_assert_eq!(compare_bytes(&other, &one), other.as_slice().cmp(one.as_slice()));
                prop_assert_eq!(compare_bytes(&one, &one), std::cmp::Ordering::Equal);
            }

            /// On UTF-8, byte order is `str` order (code point order), which the sorts rely on.
            #[test]
            fn compare_bytes_orders_strings_as_str_does((one, other) in pair_of_texts()) {
                prop_assert_eq!(compare_bytes(one.as_bytes(), other.as_bytes()), one.cmp(&other));
            }

            #[test]
            fn leading_word_is_the_first_eight_bytes_zero_padded(bytes in bytes()) {
                prop_assert_eq!(leading_word(&bytes), padded_first_eight(&bytes));
            }

            /// A smaller leading word means a smaller string, for any bytes (zero padding sorts
            /// first, as a shorter string does): so a sort may compare the words first and call
            /// `compare_bytes` only on a tie.
            #[test]
            fn leading_words_never_contradict_the_byte_order((one, other) in pair_of_bytes()) {
                let (mine, theirs) = (leading_word(&one), leading_word(&other));
                if mine != theirs {
                    prop_assert_eq!(mine.cmp(&theirs), one.cmp(&other));
                }
            }

            /// Sorting by leading word then `compare_bytes`, as the catalog's list order and the
            /// search index's word list do, gives the order `sort` gives.
            #[test]
            fn sorting_by_leading_word_then_bytes_is_sorting(
                stems in proptest::collection::vec(text(), 3),
                parts in proptest::collection::vec((0usize..4, text()), 0..40),
            ) {
                // Most words start with one of a few stems, as ids and terms do ("gen-00…").
                let mut words: Vec<String> = parts
                    .into_iter()
                    .map(|(stem, rest)| stems.get(stem).map_or(String::new(), Clone::clone) + &rest)
                    .collect();
                let mut expected = words.clone();
                expected.sort();
                words.sort_unstable_by(|one, other| {
                    leading_word(one.as_bytes())
                        .cmp(&leading_word(other.as_bytes()))
                        .then_with(|| compare_bytes(one.as_bytes(), other.as_bytes()))
                });
                prop_assert_eq!(words, expected);
            }

            #[test]
            fn same_bytes_is_slice_equality((one, other) in pair_of_bytes()) {
                prop_assert_eq!(same_bytes(&one, &other), one == other);
                prop_assert!(same_bytes(&one, &one));
            }
        }
    }
}
