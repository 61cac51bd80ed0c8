//! From a term's hash to its feature number: an open-addressing table of 64-bit FNV-1a
//! hashes, built once per model. Scoring hashes terms without building their keys, and a
//! passage has hundreds of terms, most of them absent: a probe is one or two cache lines.

use crate::error::{Error, Result};
use crate::hash::{fnv1a, spread};

/// Bits of a slot holding the feature number plus one (0: a free slot); the others hold
/// a fingerprint of the hash.
const FEATURE_BITS: u32 = 20;
const FEATURE_MASK: u32 = (1 << FEATURE_BITS) - 1;

#[derive(Debug, Clone)]
pub struct FeatureIndex {
    /// Four bytes a slot, so that the table stays in a fast cache (64 KiB for the shipped
    /// model): most probes are for absent terms and end here.
    slots: Vec<u32>,
    mask: usize,
    /// Positions are the top `bits` of the spread hash.
    shift: u32,
    /// Each entry's full hash and feature, read only when a slot's fingerprint matches: a
    /// term is found only when its whole 64-bit hash is a key's.
    entries: Vec<(u64, u32)>,
}

fn fingerprint(h: u64) -> u32 {
    (h >> (64 - (32 - FEATURE_BITS))) as u32
}

impl FeatureIndex {
    /// Indexes `keys` by position (their FNV-1a hashes). Two keys with the same hash are
    /// refused: the table could not tell them apart (for 64-bit hashes of a few thousand
    /// keys, about one model in 10^12).
    pub fn new<'a>(keys: impl ExactSizeIterator<Item = &'a str>) -> Result<Self> {
        Self::from_hashes(keys.enumerate().map(|(j, key)| (fnv1a(key.as_bytes()), j as u32)))
    }

    /// Indexes features by hashes given (hash, feature), refusing a hash given twice.
    pub fn from_hashes(pairs: impl ExactSizeIterator<Item = (u64, u32)>) -> Result<Self> {
        Self::build(&pairs.collect::<Vec<_>>(), false)
    }

    /// Indexes a set of hashes, each as feature 0; a hash given again is skipped.
    pub fn set(hashes: &[u64]) -> Result<Self> {
        Self::build(&hashes.iter().map(|&h| (h, 0)).collect::<Vec<_>>(), true)
    }

    /// (Not generic: one copy in the wasm module whatever the callers give.)
    fn build(pairs: &[(u64, u32)], repeats: bool) -> Result<Self> {
        if pairs.len() >= FEATURE_MASK as usize {
            return Err(Error::InvalidModel(format!("{} features: at most {} are supported", pairs.len(), FEATURE_MASK - 1)));
        }
        // At most half full, so that absent terms, the common case, stop early.
        let capacity = (pairs.len() * 2).next_power_of_two().max(16);
        let shift = 64 - capacity.trailing_zeros();
        let mut index = Self { slots: vec![0; capacity], mask: capacity - 1, shift, entries: Vec::with_capacity(pairs.len()) };
        for &(h, j) in pairs {
            if let Some(other) = index.get(h) {
                if repeats {
                    continue;
                }
                return Err(Error::InvalidModel(format!("vocabulary entries {other} and {j} share a hash")));
            }
            let mut slot = index.position(h);
            while index.slots[slot] != 0 {
                slot = (slot + 1) & index.mask;
            }
            index.slots[slot] = fingerprint(h) << FEATURE_BITS | (index.entries.len() as u32 + 1);
            index.entries.push((h, j));
        }
        Ok(index)
    }

    fn position(&self, h: u64) -> usize {
        (spread(h) >> self.shift) as usize
    }

    /// The feature whose key hashes to `h`.
    #[inline]
    pub fn get(&self, h: u64) -> Option<u32> {
        let mut slot = self.position(h);
        let fp = fingerprint(h);
        loop {
            let s = self.slots[slot];
            if s == 0 {
                return None;
            }
            if s >> FEATURE_BITS == fp {
                let (key, j) = self.entries[((s & FEATURE_MASK) - 1) as usize];
                if key == h {
                    return Some(j);
                }
            }
            slot = (slot + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let keys: Vec<String> = (0..1000).map(|i| format!("w:word{i}")).collect();
        let index = FeatureIndex::new(keys.iter().map(String::as_str)).unwrap();
        for (j, k) in keys.iter().enumerate() {
            assert_eq!(index.get(fnv1a(k.as_bytes())), Some(j as u32));
        }
        assert_eq!(index.get(fnv1a(b"w:absent")), None);
        let empty = FeatureIndex::new(std::iter::empty()).unwrap();
        assert_eq!(empty.get(fnv1a(b"w:x")), None);
    }

    #[test]
    fn duplicate_keys_are_refused() {
        assert!(FeatureIndex::new(["w:a", "w:b", "w:a"].into_iter()).is_err());
    }

    #[test]
    fn a_set_holds_each_hash_once() {
        let set = FeatureIndex::set(&[3u64, 9, 3, 27, 9]).unwrap();
        assert_eq!(set.entries.len(), 3);
        assert!([3, 9, 27].iter().all(|&h| set.get(h) == Some(0)));
        assert_eq!(set.get(4), None);
    }
}
