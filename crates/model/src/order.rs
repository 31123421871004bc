//! One stable sort for every crate of the app. The standard library's sort is generic: each
//! element type and comparison closure compiles to its own copy of the whole driftsort (about
//! 4 KB of wasm each), and the embed's first render has a size budget (docs/payload-size.md).
//! [`sort_by`] sorts a permutation of positions with a comparison behind `dyn`, so every caller
//! shares one copy; what stays generic per caller is a swap loop. For short lists and one-off
//! sorts off the hot paths (the search index and the catalog keep their own typed sorts).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably (equal items keep their order), like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |first, second| compare(&items[first], &items[second]));
    // `destination[slot]`: where the item now at `slot` belongs. Each swap puts one item home.
    let mut destination = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        destination[old] = new;
    }
    for slot in 0..items.len() {
        while destination[slot] != slot {
            let home = destination[slot];
            items.swap(slot, home);
            destination.swap(slot, home);
        }
    }
}

/// Sorts `items` by the key `key` gives, stably, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |first, second| key(first).cmp(&key(second)));
}

/// The positions `0..len` in the order `compare` (of two positions) puts them, stably: the one
/// instance of the standard library's sort.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&first, &second| compare(first, second));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_library_and_keeps_ties_in_order() {
        // Every permutation-like pattern a swap loop can get wrong: cycles, fixed points, ties.
        let cases: Vec<Vec<(u8, usize)>> = vec![
            vec![],
            vec![(1, 0)],
            vec![(3, 0), (1, 1), (2, 2), (1, 3), (3, 4), (0, 5), (2, 6)],
            (0..50).map(|index| ((index * 37 % 11) as u8, index)).collect(),
            (0..20).rev().map(|index| (index as u8, index)).collect(),
        ];
        for case in cases {
            let mut ours = case.clone();
            let mut standard = case.clone();
            sort_by_key(&mut ours, |item| item.0);
            standard.sort_by_key(|item| item.0);
            assert_eq!(ours, standard, "same order, ties in input order");
            let mut reversed = case.clone();
            sort_by(&mut reversed, |first, second| second.0.cmp(&first.0));
            standard.sort_by_key(|item| std::cmp::Reverse(item.0));
            assert_eq!(reversed, standard);
        }
    }

    // Natively only: proptest is a native dev-dependency (Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Any list, any keys with ties: the same order as the standard library's stable sort.
        #[test]
        fn any_list_sorts_like_the_standard_library(keys in proptest::collection::vec(0u8..8, 0..200)) {
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(index, key)| (key, index)).collect();
            let mut ours = items.clone();
            let mut standard = items;
            sort_by_key(&mut ours, |item| item.0);
            standard.sort_by_key(|item| item.0);
            proptest::prop_assert_eq!(ours, standard);
        }
    }
}
