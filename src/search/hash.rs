//! A fast hasher for the index's private maps, whose keys are short terms and packed
//! integers from trusted-enough input (a dataset's own text): the "Fx" multiply-rotate hash
//! that rustc uses, without a dependency. Not resistant to crafted collisions; a hostile
//! dataset can at worst slow its own indexing down.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The multiplier of rustc's FxHasher (64-bit).
const MULTIPLIER: u64 = 0xf135_7aea_2e62_a9c5;

#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    // Forced: at the app's opt-level "z" LLVM would keep these as calls on the hot path.
    #[inline(always)]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for FxHasher {
    #[inline(always)]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline(always)]
    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    #[inline(always)]
    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    #[inline(always)]
    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    #[inline(always)]
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    /// A product's low bits depend only on the input's low bits, and hash tables pick the
    /// bucket from the low bits: rotating brings the well-mixed high bits down (keys such as
    /// a Han unigram, whose low 21 bits are zero, would otherwise share one bucket).
    #[inline(always)]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_zero_low_bits_spread_over_buckets() {
        use std::hash::BuildHasher;
        let build = BuildHasherDefault::<FxHasher>::default();
        let buckets: std::collections::BTreeSet<u64> = (0x4E00u64..0x4E00 + 64)
            .map(|code| build.hash_one(code << 21) & 63)
            .collect();
        assert!(buckets.len() > 32, "{} buckets of 64", buckets.len());
        assert_ne!(build.hash_one("ab"), build.hash_one("ab\0"));
    }
}
