//! Undo and redo: the states before each change (`past`) and the ones undone (`future`).
//! Plain Rust, generic over what is kept; the studio keeps snapshots of the dataset, which
//! share their unchanged parts through `Rc`.

/// How many changes can be undone; the oldest are dropped past it.
pub const HISTORY_LIMIT: usize = 200;

#[derive(Clone, Debug, PartialEq)]
pub struct History<T> {
    past: Vec<T>,
    future: Vec<T>,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History {
            past: Vec::new(),
            future: Vec::new(),
        }
    }
}

impl<T> History<T> {
    /// Keeps `before`, the state a change is about to replace; a new change forgets what was
    /// undone.
    pub fn record(&mut self, before: T) {
        self.past.push(before);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
    }

    /// The state before the last change, keeping `current` for redo; `None` with nothing to undo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.past.pop()?;
        self.future.push(current);
        Some(previous)
    }

    /// The state the last undo left, keeping `current` for undo; `None` with nothing to redo.
    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.future.pop()?;
        self.past.push(current);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_changes() {
        let mut history = History::default();
        let mut state = 0;
        for next in 1..=3 {
            history.record(state);
            state = next;
        }
        state = history.undo(state).unwrap();
        assert_eq!(state, 2);
        state = history.undo(state).unwrap();
        assert_eq!(state, 1);
        state = history.redo(state).unwrap();
        assert_eq!(state, 2);
        // A new change after an undo forgets the undone one.
        history.record(state);
        state = 9;
        assert!(!history.can_redo());
        assert_eq!(history.redo(state), None);
        assert_eq!(history.undo(state), Some(2));
    }

    #[test]
    fn nothing_to_undo_is_none() {
        let mut history: History<u8> = History::default();
        assert!(!history.can_undo());
        assert_eq!(history.undo(1), None);
    }

    #[test]
    fn the_oldest_changes_are_dropped_past_the_limit() {
        let mut history = History::default();
        for state in 0..HISTORY_LIMIT + 10 {
            history.record(state);
        }
        let mut current = usize::MAX;
        let mut undone = 0;
        while let Some(previous) = history.undo(current) {
            current = previous;
            undone += 1;
        }
        assert_eq!(undone, HISTORY_LIMIT);
        assert_eq!(current, 10);
    }
}
