//! Scratch for explaining passages (see [`crate::explain`]): the tables from a word, or a
//! pair of words, to its term, and the lists evidence fills. Kept from one passage to the
//! next, so that explaining a passage allocates and clears next to nothing: evidence runs
//! for every passage, and its tables were most of its cost.

use std::sync::{Mutex, MutexGuard};

use crate::hash::spread;

/// A term as evidence shows it: a word, or a word and the next (a bigram), by position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TermAt {
    pub word: u32,
    pub bigram: bool,
}

/// From a key (a word's hash, a pair of word identities) to a place in a list, for one
/// passage at a time: open addressing, at most half full. A slot belongs to the passage
/// whose round it carries, so a new passage starts with an empty table without clearing it.
#[derive(Debug, Default)]
pub(crate) struct TermSlots {
    /// (key, place, round); a slot of another round is free.
    slots: Vec<(u64, u32, u32)>,
    round: u32,
    shift: u32,
}

impl TermSlots {
    /// Empties the table, with room for `n` keys.
    pub fn reset(&mut self, n: usize) {
        let capacity = (n * 2).next_power_of_two().max(8);
        self.round = self.round.wrapping_add(1);
        // A table far too large for this passage would scatter its few keys over memory
        // that is no longer in cache: it is made again at the right size.
        if capacity > self.slots.len() || capacity * 8 < self.slots.len() || self.round == 0 {
            self.slots = vec![(0, 0, 0); capacity];
            self.round = 1;
        }
        self.shift = 64 - self.slots.len().trailing_zeros();
    }

    /// The place of `key`, given by `add` the first time the key is seen since the reset.
    pub fn slot(&mut self, key: u64, add: impl FnOnce() -> u32) -> u32 {
        let mask = self.slots.len() - 1;
        let mut s = (spread(key) >> self.shift) as usize;
        loop {
            let (k, place, round) = self.slots[s];
            if round != self.round {
                let place = add();
                self.slots[s] = (key, place, self.round);
                return place;
            }
            if k == key {
                return place;
            }
            s = (s + 1) & mask;
        }
    }
}

/// No term (a word that hit no feature).
pub(crate) const NO_TERM: u32 = u32::MAX;

/// What explaining one passage needs, reused.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    /// Each entry's push, per occurrence.
    pub share: Vec<f64>,
    /// Each word's identity: the first place of the same word.
    pub ids: Vec<u32>,
    /// By identity: the word's term and what one occurrence adds to it.
    pub word_term: Vec<(u32, f64)>,
    /// Words by their hash, and bigrams by their words' identities.
    pub seen: TermSlots,
    pub pairs: TermSlots,
    /// Every term and its push, in order of first appearance.
    pub terms: Vec<(TermAt, f64)>,
    /// By identity: the evidence term of a word kept as a unigram, or `NO_TERM`.
    pub unigram: Vec<u32>,
}

/// The buffers behind a lock, so that a model stays `Sync`; a passage takes it once.
#[derive(Debug, Default)]
pub(crate) struct Scratch(Mutex<Buffers>);

impl Clone for Scratch {
    /// A clone starts empty: the buffers are only scratch.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Scratch {
    pub fn lock(&self) -> MutexGuard<'_, Buffers> {
        // Every buffer is refilled or reset before it is read: what a passage that
        // panicked left behind is never taken for the next one's.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys get the place given the first time, every reset forgets them all (also
    /// across a change of size and a wrapped round), and nothing collides.
    #[test]
    fn slots_remember_a_passage_and_forget_it_at_the_next() {
        let mut t = TermSlots::default();
        // The same keys every round, given other places: a key remembered from an earlier
        // round would keep its old place.
        for (round, n) in [(0u32, 10usize), (1, 3), (2, 1000), (3, 7), (4, 7)] {
            if round == 4 {
                t.round = u32::MAX;
            }
            t.reset(n);
            let key = |k: usize| k as u64 * 0x1_0000_0001;
            let place = |k: usize| (k as u32) * 5 + round;
            for k in 0..n {
                assert_eq!(t.slot(key(k), || place(k)), place(k), "round {round}");
            }
            for k in 0..n {
                assert_eq!(t.slot(key(k), || unreachable!("key {k} forgotten")), place(k));
            }
        }
    }
}
