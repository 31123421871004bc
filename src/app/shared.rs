//! Shared, immutable data compared by identity.

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose equality is identity (`Rc::ptr_eq`). The catalog, the selection, the
/// timeline index, the clusters and a basemap are built once and replaced, never mutated,
/// so identity is equality for them; comparing 100,000 events by value on every change cost
/// ~100 ms per wheel step. Holding the `Rc` keeps the allocation alive, so a new value can
/// never reuse the old address. With it, `State` and every view's props derive `PartialEq`:
/// a field added later is compared without anyone remembering to.
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Rc::new(value))
    }
}

impl<T: ?Sized> Shared<T> {
    /// The address, for keys that only need identity (`use_effect_with`).
    pub fn address(&self) -> usize {
        Rc::as_ptr(&self.0) as *const () as usize
    }
}

/// Derefs to the `Rc`, so `Rc::clone(&shared)` and `Rc::ptr_eq` read as before.
impl<T: ?Sized> Deref for Shared<T> {
    type Target = Rc<T>;
    fn deref(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Shared<T> {
        Shared(Rc::clone(&self.0))
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Shared<T> {
        Shared::new(T::default())
    }
}

impl<T: ?Sized> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Shared<T> {
        Shared(rc)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(formatter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_are_not_the_same_shared_value() {
        let first = Shared::new(vec![1, 2]);
        let copy = first.clone();
        let equal = Shared::new(vec![1, 2]);
        assert!(first == copy);
        assert!(first != equal, "identity, not value");
        assert_eq!(first.address(), copy.address());
    }
}
