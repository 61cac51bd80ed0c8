//! A passage as the model sees it: a sparse, L2-normalised TF-IDF vector over the model's
//! features, and for each word the entries it hit (what evidence needs).

use std::sync::{Mutex, MutexGuard};

use crate::features::pair_hash;
use crate::model::Model;
use crate::tokens::{tokenize, Words};
use crate::weighting;

/// No entry (a feature not in the passage, a word without a bigram).
const NONE: u32 = u32::MAX;

/// A passage as a sparse, L2-normalised TF-IDF vector, plus what evidence needs.
#[derive(Debug, Clone, Default)]
pub struct SparseVector {
    /// (feature, value), sorted by feature.
    pub entries: Vec<(u32, f64)>,
    /// Each entry's occurrences in the passage.
    pub(crate) counts: Vec<u32>,
    /// The entries each word hit (its unigram and character n-grams), word by word: word
    /// `i`'s are `hits[ends[i - 1]..ends[i]]`.
    pub(crate) hits: Vec<u32>,
    pub(crate) ends: Vec<u32>,
    /// The entry of the bigram of word `i` and the next, or `NONE`.
    pub(crate) bigrams: Vec<u32>,
}

impl SparseVector {
    /// The entries word `i` hit with its unigram and character n-grams.
    pub(crate) fn word_hits(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.hits[start..self.ends[i] as usize]
    }

    /// The entry of the bigram starting at word `i`, if the model knows it.
    pub(crate) fn bigram(&self, i: usize) -> Option<u32> {
        self.bigrams.get(i).copied().filter(|&e| e != NONE)
    }
}

/// Scratch for counting a passage's features: a count per feature of the model, and a
/// two-level bitset of the features seen, read back in feature order (the order training
/// sums in) without sorting. Emptied as it is read, so a passage costs what it touches
/// (plus one bit per 4,096 features), not the vocabulary.
#[derive(Debug, Default)]
pub struct Tally(Mutex<Counts>);

#[derive(Debug, Default)]
struct Counts {
    /// Per feature: its count while hits are added, then its entry while they are renumbered.
    counts: Vec<u32>,
    /// Bit `j % 64` of `seen[j / 64]`: feature `j` was hit.
    seen: Vec<u64>,
    /// Bit `w % 64` of `summary[w / 64]`: `seen[w]` is not zero.
    summary: Vec<u64>,
}

impl Clone for Tally {
    /// A clone starts empty: the tally is only scratch.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Tally {
    fn lock(&self, features: usize) -> MutexGuard<'_, Counts> {
        // A passage that panicked half-way may have left counts behind: start afresh.
        let mut t = self.0.lock().unwrap_or_else(|poisoned| {
            let mut t = poisoned.into_inner();
            *t = Counts::default();
            t
        });
        if t.counts.len() != features {
            *t = Counts { counts: vec![0; features], seen: vec![0; features.div_ceil(64)], summary: vec![0; features.div_ceil(64 * 64)] };
        }
        t
    }
}

impl Counts {
    #[inline]
    fn hit(&mut self, j: u32) {
        let j = j as usize;
        self.counts[j] += 1;
        let word = &mut self.seen[j / 64];
        if *word == 0 {
            self.summary[j / 4096] |= 1 << (j / 64 % 64);
        }
        *word |= 1 << (j % 64);
    }

    /// Calls `visit(feature, count)` for every feature hit, in feature order, and leaves
    /// each feature's entry number (its rank in that order) in place of its count; clears
    /// the bitsets.
    fn drain(&mut self, mut visit: impl FnMut(u32, u32)) {
        let mut e = 0;
        for s in 0..self.summary.len() {
            let mut words = std::mem::take(&mut self.summary[s]);
            while words != 0 {
                let w = s * 64 + words.trailing_zeros() as usize;
                words &= words - 1;
                let mut bits = std::mem::take(&mut self.seen[w]);
                while bits != 0 {
                    let j = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    visit(j as u32, self.counts[j]);
                    self.counts[j] = e;
                    e += 1;
                }
            }
        }
    }
}

impl Model {
    /// Extracts and weights a passage's terms, in one pass over its characters (see
    /// [`crate::tokens`]) and one over its words, whose features are looked up once
    /// per model ([`crate::wordcache`]). Only terms in the vocabulary are kept.
    pub fn vectorize(&self, text: &str) -> (SparseVector, Words) {
        let words = tokenize(text);
        (self.vectorize_words(&words), words)
    }

    pub(crate) fn vectorize_words(&self, words: &Words) -> SparseVector {
        let spec = &self.data().spec;
        let n = words.len();
        let mut v = SparseVector { hits: Vec::with_capacity(n * 8), ends: Vec::with_capacity(n), bigrams: Vec::with_capacity(n), ..SparseVector::default() };
        let mut tally = self.tally.lock(self.data().vocab.len());
        let mut cache = self.words.lock();
        for i in 0..n {
            let features = cache.features(|| words.get(i), words.hash(i), spec, &self.index);
            features.iter().for_each(|&j| tally.hit(j));
            v.hits.extend_from_slice(features);
            v.ends.push(v.hits.len() as u32);
            let bigram = (spec.bigrams && i + 1 < n).then(|| self.pairs.get(pair_hash(words.hash(i), words.hash(i + 1)))).flatten();
            v.bigrams.push(bigram.map_or(NONE, |j| {
                tally.hit(j);
                j
            }));
        }
        drop(cache);
        self.weigh(&mut v, &mut tally);
        v
    }

    /// Fills `v`'s entries from the tally, in feature order (the order training sums in,
    /// bit for bit), and renumbers its hits from features to entries.
    fn weigh(&self, v: &mut SparseVector, tally: &mut Counts) {
        let idf = &self.data().idf;
        // At most one entry per hit.
        let most = v.hits.len() + v.bigrams.len();
        v.entries.reserve(most);
        v.counts.reserve(most);
        tally.drain(|j, count| {
            v.entries.push((j, weighting::weight(count, idf[j as usize])));
            v.counts.push(count);
        });
        v.hits.iter_mut().for_each(|h| *h = tally.counts[*h as usize]);
        v.bigrams.iter_mut().filter(|b| **b != NONE).for_each(|b| *b = tally.counts[*b as usize]);
        v.entries.iter().for_each(|&(j, _)| tally.counts[j as usize] = 0);
        let norm = weighting::l2_norm(v.entries.iter().map(|e| e.1));
        if norm > 0.0 {
            v.entries.iter_mut().for_each(|e| e.1 /= norm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A passage that panicked while counting leaves no count behind for the next one.
    #[test]
    fn a_tally_poisoned_half_way_starts_afresh() {
        let tally = std::sync::Arc::new(Tally::default());
        let shared = std::sync::Arc::clone(&tally);
        let died = std::thread::spawn(move || {
            let mut t = shared.lock(100);
            t.hit(5);
            panic!("half-way through a passage");
        })
        .join();
        assert!(died.is_err());
        let t = tally.lock(100);
        assert!(t.counts.iter().all(|&c| c == 0) && t.seen.iter().all(|&b| b == 0) && t.summary.iter().all(|&b| b == 0));
    }

    /// Hits drained come out in feature order with their counts, each renumbered to its
    /// rank, and the tally is empty again for the next passage.
    #[test]
    fn a_tally_drains_in_feature_order_and_empties() {
        let tally = Tally::default();
        let mut state = 7u64;
        for round in 0..3 {
            let mut t = tally.lock(70_000);
            let hits: Vec<u32> = (0..500 + round * 300)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((state >> 40) % if round == 1 { 70 } else { 70_000 }) as u32
                })
                .collect();
            let mut want = BTreeMap::new();
            for &j in &hits {
                t.hit(j);
                *want.entry(j).or_insert(0u32) += 1;
            }
            let mut got = Vec::new();
            t.drain(|j, n| got.push((j, n)));
            assert_eq!(got, want.into_iter().collect::<Vec<_>>());
            for (rank, &(j, _)) in got.iter().enumerate() {
                assert_eq!(t.counts[j as usize], rank as u32);
                t.counts[j as usize] = 0;
            }
            assert!(t.counts.iter().all(|&c| c == 0) && t.seen.iter().all(|&b| b == 0) && t.summary.iter().all(|&b| b == 0));
        }
    }
}
