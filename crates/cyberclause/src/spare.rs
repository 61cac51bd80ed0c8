//! A value kept for reuse between passages: taken (or made) when a passage starts and given
//! back when it ends, so that its buffers are allocated once rather than for every passage
//! (a passage's vector is five lists).

use std::sync::Mutex;

pub(crate) struct Spare<T>(Mutex<Option<T>>);

impl<T> Default for Spare<T> {
    fn default() -> Self {
        Self(Mutex::new(None))
    }
}

impl<T> Clone for Spare<T> {
    /// A clone starts empty: the value is only scratch.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl<T> std::fmt::Debug for Spare<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Spare")
    }
}

impl<T: Default> Spare<T> {
    /// The value given back last, or a new one. Its contents are whatever the last user
    /// left: the caller empties it.
    pub fn take(&self) -> T {
        let mut spare = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        spare.take().unwrap_or_default()
    }

    pub fn give(&self, value: T) {
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_given_back_is_taken_again_once() {
        let spare: Spare<Vec<u8>> = Spare::default();
        let mut v = spare.take();
        v.reserve(100);
        let at = v.as_ptr();
        spare.give(v);
        let again = spare.take();
        assert_eq!((again.as_ptr(), again.capacity() >= 100), (at, true));
        assert_eq!(spare.take().capacity(), 0, "taken twice");
    }
}
