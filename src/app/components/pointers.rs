//! The pointers down on a view (the map's and the timeline's drag and pinch), by pointer id.

/// Pointer id → its last position, in the order the pointers went down. A list, not a
/// `BTreeMap`: there are at most a few fingers, and each map type costs the first render its
/// own copy of the B-tree's code (docs/payload-size.md).
#[derive(Debug, Default)]
pub struct Pointers<V> {
    entries: Vec<(i32, V)>,
}

impl<V> Pointers<V> {
    /// Records where pointer `id` is now.
    pub fn insert(&mut self, id: i32, value: V) {
        match self.entries.iter_mut().find(|(known, _)| *known == id) {
            Some(entry) => entry.1 = value,
            None => self.entries.push((id, value)),
        }
    }

    pub fn get(&self, id: &i32) -> Option<&V> {
        self.entries
            .iter()
            .find(|(known, _)| known == id)
            .map(|(_, value)| value)
    }

    /// Forgets pointer `id` (lifted or cancelled).
    pub fn remove(&mut self, id: &i32) {
        self.entries.retain(|(known, _)| known != id);
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, value)| value)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_moves_in_place_and_leaves_alone() {
        let mut pointers = Pointers::default();
        assert!(pointers.is_empty());
        pointers.insert(7, 1.0);
        pointers.insert(3, 2.0);
        pointers.insert(7, 5.0);
        assert_eq!(pointers.len(), 2, "a known pointer moves, it is not added twice");
        assert_eq!(pointers.get(&7), Some(&5.0));
        assert_eq!(pointers.values().copied().collect::<Vec<_>>(), [5.0, 2.0]);
        pointers.remove(&7);
        assert_eq!(pointers.get(&7), None);
        assert_eq!(pointers.values().copied().collect::<Vec<_>>(), [2.0]);
        pointers.remove(&3);
        assert!(pointers.is_empty());
    }
}
