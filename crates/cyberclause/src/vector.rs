//! A passage as the model sees it: a sparse, L2-normalised TF-IDF vector over the model's
//! features, and for each feature the words it came from (what evidence needs).

use crate::features::bigram_hash;
use crate::model::Model;
use crate::tokens::{tokenize, Words};
use crate::weighting;

/// A passage as a sparse, L2-normalised TF-IDF vector, plus what evidence needs.
#[derive(Debug, Clone, Default)]
pub struct SparseVector {
    /// (feature, value), sorted by feature.
    pub entries: Vec<(u32, f64)>,
    /// The words each entry came from, (position, occurrences) in word order: entry `e`'s
    /// are `sources[starts[e]..starts[e + 1]]`.
    pub(crate) sources: Vec<(u32, u32)>,
    pub(crate) starts: Vec<u32>,
}

impl SparseVector {
    pub(crate) fn sources(&self, e: usize) -> &[(u32, u32)] {
        &self.sources[self.starts[e] as usize..self.starts[e + 1] as usize]
    }
}

impl Model {
    /// Extracts and weights a passage's terms, in one pass over its characters (see
    /// [`crate::tokens`]) and one over its words, whose features are looked up once
    /// per model ([`crate::wordcache`]). Only terms in the vocabulary are kept, as
    /// (feature, word) pairs.
    pub fn vectorize(&self, text: &str) -> (SparseVector, Words) {
        let words = tokenize(text);
        (self.vectorize_words(&words), words)
    }

    pub(crate) fn vectorize_words(&self, words: &Words) -> SparseVector {
        let spec = &self.data().spec;
        let mut hits: Vec<u64> = Vec::with_capacity(words.len() * 10);
        let mut cache = self.words.lock();
        for i in 0..words.len() {
            let tag = |j: u32| u64::from(j) << 32 | i as u64;
            hits.extend(cache.features(words.get(i), words.hash(i), spec, &self.index).iter().map(|&j| tag(j)));
            if let Some(j) = bigram_hash(words, i, spec).and_then(|h| self.index.get(h)) {
                hits.push(tag(j));
            }
        }
        drop(cache);
        // Sorted by feature, then word: the order training summed in, bit for bit.
        sort_by_feature(&mut hits);
        let mut v = SparseVector {
            entries: Vec::with_capacity(hits.len()),
            sources: Vec::with_capacity(hits.len()),
            starts: Vec::with_capacity(hits.len() + 1),
        };
        v.starts.push(0);
        for group in hits.chunk_by(|a, b| a >> 32 == b >> 32) {
            let j = (group[0] >> 32) as u32;
            for by_word in group.chunk_by(|a, b| a == b) {
                v.sources.push((by_word[0] as u32, by_word.len() as u32));
            }
            v.starts.push(v.sources.len() as u32);
            v.entries.push((j, weighting::weight(group.len() as u32, self.data().idf[j as usize])));
        }
        let norm = weighting::l2_norm(v.entries.iter().map(|e| e.1));
        if norm > 0.0 {
            v.entries.iter_mut().for_each(|e| e.1 /= norm);
        }
        v
    }
}

/// Sorts hits `(feature << 32 | word)`, made in word order, by feature and then word: a
/// stable radix sort on the feature's bytes (a few hundred hits; a comparison sort costs
/// several times more).
fn sort_by_feature(hits: &mut Vec<u64>) {
    let max = hits.iter().map(|h| h >> 32).max().unwrap_or(0);
    let mut scratch = vec![0u64; hits.len()];
    let mut shift = 32;
    while shift < 64 && (max >> (shift - 32)) > 0 {
        let mut counts = [0usize; 257];
        hits.iter().for_each(|h| counts[((h >> shift) & 0xff) as usize + 1] += 1);
        for d in 1..257 {
            counts[d] += counts[d - 1];
        }
        for &h in hits.iter() {
            let d = ((h >> shift) & 0xff) as usize;
            scratch[counts[d]] = h;
            counts[d] += 1;
        }
        std::mem::swap(hits, &mut scratch);
        shift += 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_sort_as_a_comparison_sort_does() {
        let mut state = 7u64;
        let mut hits: Vec<u64> = (0..500u64)
            .map(|word| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (state >> 40) % 70_000 << 32 | word / 3
            })
            .collect();
        let mut sorted = hits.clone();
        sorted.sort_unstable();
        sort_by_feature(&mut hits);
        assert_eq!(hits, sorted);
    }
}
