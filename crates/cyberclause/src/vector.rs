//! A passage as the model sees it: a sparse, L2-normalised TF-IDF vector over the model's
//! features, and for each word the entries it hit (what evidence needs).

use std::sync::{Mutex, MutexGuard};

use crate::features::pair_hash;
use crate::lang;
use crate::model::Model;
use crate::tokens::{tokenize, Words};
use crate::weighting;

/// No entry (a feature not in the passage, a word without a bigram).
const NONE: u32 = u32::MAX;

/// A word's tag in the word cache: its stop-word list plus one (0: none; see
/// [`lang::marker`]), and whether a bigram of the model starts with it (most words start
/// none, and their pair is not looked up).
const MARKER_BITS: u8 = 3;
const STARTS_PAIR: u8 = 4;

/// A passage as a sparse, L2-normalised TF-IDF vector, plus what evidence needs.
#[derive(Debug, Clone, Default)]
pub struct SparseVector {
    /// (feature, value), in the order the features were first hit.
    pub entries: Vec<(u32, f64)>,
    /// Each entry's occurrences in the passage.
    pub(crate) counts: Vec<u32>,
    /// The entries each word hit (its unigram and character n-grams), word by word: word
    /// `i`'s are `hits[ends[i - 1]..ends[i]]`.
    pub(crate) hits: Vec<u32>,
    pub(crate) ends: Vec<u32>,
    /// The entry of the bigram of word `i` and the next, or `NONE`.
    pub(crate) bigrams: Vec<u32>,
    /// How many words are French, English and other stop words (what tells the language,
    /// counted here from the word cache rather than in another pass).
    pub(crate) markers: [usize; 3],
}

impl SparseVector {
    /// Empties the vector, keeping its buffers (every field is named: a field added
    /// later cannot be forgotten here).
    fn clear(&mut self) {
        let SparseVector { entries, counts, hits, ends, bigrams, markers } = self;
        entries.clear();
        counts.clear();
        hits.clear();
        ends.clear();
        bigrams.clear();
        *markers = [0; 3];
    }

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

/// Scratch for counting a passage's features: for each feature of the model, its entry
/// in the passage being counted. A feature gets its entry when first hit, so a hit is one
/// look-up, and the passage's entries are listed as they come, without reading anything
/// back; emptied entry by entry, so a passage costs what it touches, not the vocabulary.
#[derive(Debug, Default)]
pub struct Tally(Mutex<Entries>);

#[derive(Debug, Default)]
struct Entries {
    /// Per feature: 1 + its entry in the passage, or 0 if not hit yet.
    of: Vec<u32>,
}

impl Clone for Tally {
    /// A clone starts empty: the tally is only scratch.
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl Tally {
    fn lock(&self, features: usize) -> MutexGuard<'_, Entries> {
        // A passage that panicked half-way may have left entries behind: start afresh.
        let mut t = self.0.lock().unwrap_or_else(|poisoned| {
            let mut t = poisoned.into_inner();
            *t = Entries::default();
            t
        });
        if t.of.len() != features {
            t.of = vec![0; features];
        }
        t
    }
}

impl Entries {
    /// Counts a hit of feature `j` among the first `used` of `entries` and `counts`, and
    /// returns its entry; a feature not hit yet becomes entry `used` (there must be room
    /// for it: see [`room`]). Without a branch: whether a feature is new is a coin toss,
    /// and a mispredicted branch cost more than writing the next entry every time.
    #[inline]
    fn hit(&mut self, j: u32, entries: &mut [(u32, f64)], counts: &mut [u32], used: &mut usize) -> u32 {
        let slot = &mut self.of[j as usize];
        let new = *slot == 0;
        let e = if new { *used as u32 } else { *slot - 1 };
        // Entry `used` is not one yet: written over here whether or not `j` is new.
        entries[*used] = (j, 0.0);
        counts[*used] = 0;
        counts[e as usize] += 1;
        *slot = e + 1;
        *used += usize::from(new);
        e
    }

    /// Forgets `v`'s features, for the next passage.
    fn clear(&mut self, v: &SparseVector) {
        v.entries.iter().for_each(|&(j, _)| self.of[j as usize] = 0);
    }
}

/// Makes `v.entries` and `v.counts` at least `len` long (zeros past the entries).
fn room(v: &mut SparseVector, len: usize) {
    if v.entries.len() < len {
        // Doubling, so that a passage grows them a few times at most.
        let len = len.max(2 * v.entries.len()).max(256);
        v.entries.resize(len, (0, 0.0));
        v.counts.resize(len, 0);
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

    /// The vector of a passage's `words`, in the buffers of the last vector given back
    /// ([`Model::recycle`]).
    pub(crate) fn vectorize_words(&self, words: &Words) -> SparseVector {
        let spec = &self.data().spec;
        let n = words.len();
        let mut v = self.spare_vector.take();
        v.clear();
        v.hits.reserve(n * 8);
        v.ends.reserve(n);
        v.bigrams.reserve(n);
        let mut tally = self.tally.lock(self.data().vocab.len());
        let mut cache = self.words.lock();
        // Entries so far: `entries` and `counts` are longer, with room for the next word's.
        let mut used = 0;
        for i in 0..n {
            let (features, tag) = cache.features(|| words.get(i), words.hash(i), spec, &self.index, |h| self.word_tag(h));
            // Its features and its bigram may all be new.
            room(&mut v, used + features.len() + 1);
            // (`extend` from a slice's length: no capacity check per hit.)
            v.hits.extend(features.iter().map(|&j| tally.hit(j, &mut v.entries, &mut v.counts, &mut used)));
            v.ends.push(v.hits.len() as u32);
            if let Some(list) = (tag & MARKER_BITS).checked_sub(1) {
                v.markers[list as usize] += 1;
            }
            let pair = spec.bigrams && i + 1 < n && tag & STARTS_PAIR != 0;
            let bigram = pair.then(|| self.pairs.get(pair_hash(words.hash(i), words.hash(i + 1)))).flatten();
            let e = bigram.map_or(NONE, |j| tally.hit(j, &mut v.entries, &mut v.counts, &mut used));
            v.bigrams.push(e);
        }
        drop(cache);
        v.entries.truncate(used);
        v.counts.truncate(used);
        tally.clear(&v);
        self.weigh(&mut v);
        v
    }

    /// Keeps `v`'s buffers for the next passage.
    pub(crate) fn recycle(&self, v: SparseVector) {
        self.spare_vector.give(v);
    }

    /// The tag of the word whose unigram hash is `h` (see [`STARTS_PAIR`]).
    fn word_tag(&self, h: u64) -> u8 {
        let marker = lang::marker(h).map_or(0, |list| list as u8 + 1);
        marker | if self.pair_starts.get(h).is_some() { STARTS_PAIR } else { 0 }
    }

    /// Weighs `v`'s entries from their counts and normalises them. They are summed in the
    /// order first hit, not in feature order as training sums: the results differ from
    /// training's in the last bits only (rounding), well within the 1e-12 the tests allow.
    fn weigh(&self, v: &mut SparseVector) {
        let idf = &self.data().idf;
        for (e, &count) in v.entries.iter_mut().zip(&v.counts) {
            e.1 = weighting::weight(count, idf[e.0 as usize]);
        }
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

    /// The word cache's tags give what looking each word up gives: the stop words of each
    /// language, and every bigram of the model (words that start one and words that do
    /// not, French and English, seen first and remembered).
    #[test]
    fn tags_count_stop_words_and_find_every_bigram() {
        let model = Model::from_bytes(include_bytes!("../../../models/cyberclause.model")).unwrap();
        let starts: Vec<&str> = (model.data().vocab.iter()).filter_map(|k| crate::features::bigram_words(k)).flat_map(|(a, b)| [a, b]).collect();
        let texts = [
            starts.join(" "),
            "Le fait d'accéder frauduleusement à un système de traitement automatisé de données est puni de deux ans.".into(),
            "Any person who intentionally accesses a computer system without right shall be liable, the of and die und el.".into(),
        ];
        for text in texts.iter().chain(&texts) {
            let words = tokenize(text);
            let v = model.vectorize_words(&words);
            assert_eq!(v.markers, crate::lang::marker_counts(&words), "{text}");
            let mut found = 0;
            for i in 0..words.len() {
                let pair = (i + 1 < words.len()).then(|| model.pairs.get(pair_hash(words.hash(i), words.hash(i + 1)))).flatten();
                assert_eq!(pair, v.bigram(i).map(|e| v.entries[e as usize].0), "{} {}", words.get(i), words.get(i + 1));
                found += usize::from(pair.is_some());
            }
            assert!(found > 0 && v.markers.iter().sum::<usize>() > 0, "{text}");
        }
    }

    /// A vector made in the buffers of another, given back, is the vector made afresh:
    /// nothing of the other passage is left in it.
    #[test]
    fn a_recycled_vector_holds_nothing_of_the_last_passage() {
        let bytes = include_bytes!("../../../models/cyberclause.model");
        let (used, fresh) = (Model::from_bytes(bytes).unwrap(), Model::from_bytes(bytes).unwrap());
        let long = "Le fait d'accéder frauduleusement à un système de traitement automatisé de données, the computer system and the data, est puni. ".repeat(5);
        let short = "Any person who accesses the computer system without right.";
        used.recycle(used.vectorize_words(&tokenize(&long)));
        let (a, b) = (used.vectorize_words(&tokenize(short)), fresh.vectorize_words(&tokenize(short)));
        assert!(a.hits.capacity() > b.hits.capacity(), "the buffers were reused");
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    /// A passage that panicked while counting leaves no entry behind for the next one.
    #[test]
    fn a_tally_poisoned_half_way_starts_afresh() {
        let tally = std::sync::Arc::new(Tally::default());
        let shared = std::sync::Arc::clone(&tally);
        let died = std::thread::spawn(move || {
            let mut t = shared.lock(100);
            t.hit(5, &mut [(0, 0.0)], &mut [0], &mut 0);
            panic!("half-way through a passage");
        })
        .join();
        assert!(died.is_err());
        assert!(tally.lock(100).of.iter().all(|&e| e == 0));
    }

    /// Hits come out as entries in the order first hit, with their counts, each hit
    /// told its entry, and the tally is empty again for the next passage.
    #[test]
    fn a_tally_counts_in_order_of_first_hit_and_empties() {
        let tally = Tally::default();
        let mut state = 7u64;
        for round in 0..3 {
            let mut t = tally.lock(70_000);
            let mut v = SparseVector::default();
            let mut used = 0;
            let hits: Vec<u32> = (0..500 + round * 300)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((state >> 40) % if round == 1 { 70 } else { 70_000 }) as u32
                })
                .collect();
            let mut order: Vec<u32> = Vec::new();
            let mut want = BTreeMap::new();
            for &j in &hits {
                room(&mut v, used + 1);
                let e = t.hit(j, &mut v.entries, &mut v.counts, &mut used);
                if !want.contains_key(&j) {
                    order.push(j);
                }
                *want.entry(j).or_insert(0u32) += 1;
                assert_eq!(v.entries[e as usize].0, j);
            }
            v.entries.truncate(used);
            v.counts.truncate(used);
            assert_eq!(v.entries.iter().map(|e| e.0).collect::<Vec<_>>(), order);
            assert_eq!(v.counts, order.iter().map(|j| want[j]).collect::<Vec<_>>());
            t.clear(&v);
            assert!(t.of.iter().all(|&e| e == 0));
        }
    }
}
