//! The features of a word, remembered. Law repeats its words ("shall", "données",
//! "computer"), and a word's unigram and character n-grams are a dozen or more lookups in
//! the feature index: a word is looked up once, then its features are copied. fastText
//! keeps the subwords of its dictionary's words for the same reason.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Mutex, MutexGuard};

use crate::features::{word_hashes, FeatureSpec};
use crate::hash::spread;
use crate::index::FeatureIndex;

/// Words remembered before the cache starts over: bounds its memory (a few MB) whatever
/// the text.
const MAX_FEATURES: usize = 1 << 20;

/// A word's unigram hash is already a hash: the map only spreads it.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        spread(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed; this keeps any other key correct.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The words seen and their features.
#[derive(Debug, Default)]
pub struct Cache {
    /// Unigram hash → range of `features`.
    words: HashMap<u64, (u32, u32), BuildHasherDefault<Identity>>,
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
    /// `h`) that `index` knows, in the order [`word_hashes`] gives them.
    pub fn features(&mut self, w: &str, h: u64, spec: &FeatureSpec, index: &FeatureIndex) -> &[u32] {
        let (start, end) = match self.words.get(&h) {
            Some(&range) => range,
            None => self.add(w, h, spec, index),
        };
        &self.features[start as usize..end as usize]
    }

    fn add(&mut self, w: &str, h: u64, spec: &FeatureSpec, index: &FeatureIndex) -> (u32, u32) {
        if self.features.len() >= MAX_FEATURES {
            self.words.clear();
            self.features.clear();
        }
        let start = self.features.len() as u32;
        word_hashes(w, h, spec, |hash| {
            if let Some(j) = index.get(hash) {
                self.features.push(j);
            }
        });
        let range = (start, self.features.len() as u32);
        self.words.insert(h, range);
        range
    }
}
