//! The features of a word, remembered. Law repeats its words ("shall", "données",
//! "computer"), and a word's unigram and character n-grams are a dozen or more lookups in
//! the feature index: a word is looked up once, then its features are copied. fastText
//! keeps the subwords of its dictionary's words for the same reason. A word's tag (a few
//! facts about it that do not depend on the passage) is remembered with its features.

use std::sync::{Mutex, MutexGuard};

use crate::features::{word_hashes, FeatureSpec};
use crate::hash::spread;
use crate::index::FeatureIndex;

/// Words remembered before the cache starts over: bounds its memory (a few MB) whatever
/// the text.
const MAX_FEATURES: usize = 1 << 20;

/// A free slot.
const FREE: u32 = u32::MAX;

/// A slot's end holds the word's tag in its top bits (the feature list stays far below
/// 2^29: it starts over past [`MAX_FEATURES`]).
const TAG_SHIFT: u32 = 29;
const END_MASK: u32 = (1 << TAG_SHIFT) - 1;

/// The words seen and their features: an open-addressing table from a word's unigram
/// hash (already a hash: it is only spread) to its range of `features`, at most half full.
#[derive(Debug, Default)]
pub struct Cache {
    /// (hash, start, end and tag); `start == FREE` marks a free slot.
    slots: Vec<(u64, u32, u32)>,
    len: usize,
    features: Vec<u32>,
}

/// A shared cache of words' features (behind a lock, so that a model stays `Sync`; a
/// passage takes it once).
#[derive(Debug, Default)]
pub struct WordCache(Mutex<Cache>);

impl Clone for WordCache {
    /// A clone starts empty: the cache is only a shortcut.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl WordCache {
    pub fn lock(&self) -> MutexGuard<'_, Cache> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Cache {
    /// The unigram and character n-gram features of the word `w` (whose unigram hash is
    /// `h`) that `index` knows, in the order [`word_hashes`] gives them, and its tag (3
    /// bits, from `tag` of its hash). The word and its tag are only asked for when it is
    /// not remembered.
    pub fn features<'w>(&mut self, w: impl FnOnce() -> &'w str, h: u64, spec: &FeatureSpec, index: &FeatureIndex, tag: impl FnOnce(u64) -> u8) -> (&[u32], u8) {
        let (start, end) = match self.find(h) {
            Ok(slot) => (self.slots[slot].1, self.slots[slot].2),
            Err(_) => self.add(w(), h, spec, index, tag(h)),
        };
        (&self.features[start as usize..(end & END_MASK) as usize], (end >> TAG_SHIFT) as u8)
    }

    /// The slot holding `h`, or the free slot where it would go.
    fn find(&self, h: u64) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut slot = spread(h) as usize & mask;
        loop {
            match self.slots[slot] {
                (_, FREE, _) => return Err(slot),
                (key, ..) if key == h => return Ok(slot),
                _ => slot = (slot + 1) & mask,
            }
        }
    }

    fn add(&mut self, w: &str, h: u64, spec: &FeatureSpec, index: &FeatureIndex, tag: u8) -> (u32, u32) {
        if self.features.len() >= MAX_FEATURES {
            self.slots.clear();
            self.len = 0;
            self.features.clear();
        }
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let start = self.features.len() as u32;
        word_hashes(w, h, spec, |hash| {
            if let Some(j) = index.get(hash) {
                self.features.push(j);
            }
        });
        let end = self.features.len() as u32 | u32::from(tag & 7) << TAG_SHIFT;
        if let Err(slot) = self.find(h) {
            self.slots[slot] = (h, start, end);
            self.len += 1;
        }
        (start, end)
    }

    /// Doubles the table (4,096 slots at first) and puts every word back.
    fn grow(&mut self) {
        let capacity = (self.slots.len() * 2).max(4096);
        let old = std::mem::replace(&mut self.slots, vec![(0, FREE, 0); capacity]);
        for entry in old.into_iter().filter(|e| e.1 != FREE) {
            if let Err(slot) = self.find(entry.0) {
                self.slots[slot] = entry;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::fnv1a;

    #[test]
    fn a_word_is_looked_up_once_and_remembered_through_growth() {
        let keys: Vec<String> = (0..50).map(|i| format!("c:<w{i}")).chain(["w:w1".into()]).collect();
        let index = FeatureIndex::new(keys.iter().map(String::as_str)).unwrap();
        let spec = FeatureSpec::default();
        let mut cache = Cache::default();
        let words: Vec<String> = (0..10_000).map(|i| format!("w{i}")).collect();
        let tag = |h: u64| (h % 8) as u8;
        let first: Vec<(Vec<u32>, u8)> = (words.iter())
            .map(|w| {
                let (f, t) = cache.features(|| w, fnv1a(format!("w:{w}").as_bytes()), &spec, &index, tag);
                (f.to_vec(), t)
            })
            .collect();
        assert!(cache.slots.len() >= 2 * 10_000);
        for (w, (f, t)) in words.iter().zip(&first) {
            let h = fnv1a(format!("w:{w}").as_bytes());
            assert_eq!(*t, tag(h));
            assert_eq!(cache.features(|| w, h, &spec, &index, |_| unreachable!("{w} forgotten")), (f.as_slice(), *t), "{w}");
        }
        assert!(first[1].0.contains(&50), "w1's unigram is found: {:?}", first[1]);
        assert!((0..8).all(|t| first.iter().any(|f| f.1 == t)), "every tag is kept");
    }
}
