//! Known words, used to decide whether two fragments of a PDF-broken word belong together.

use std::collections::HashMap;
use std::sync::Arc;

use crate::hash::WordsBuild;
use crate::text::{fold, word_iter};

/// A set of folded words. Built from the text being read (its own unbroken occurrences
/// are the best evidence of how a word is spelt) plus the model's vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    counts: HashMap<String, u32, WordsBuild>,
    /// The words counted here, as bits of a filter: the repairs ask about a joined word at
    /// nearly every space, and nearly none is a word, which one bit then tells.
    filter: Filter,
    /// Words counted once for many texts (a model's vocabulary: see
    /// [`crate::Model::lexicon`]), shared rather than copied into every text's lexicon.
    base: Option<Arc<Lexicon>>,
}

impl Lexicon {
    pub fn new() -> Self {
        Self::default()
    }

    /// A lexicon that also counts the words of `base`.
    pub fn over(base: Arc<Lexicon>) -> Self {
        Self { counts: HashMap::default(), filter: Filter::default(), base: Some(base) }
    }

    /// Adds every word of `text`.
    pub fn add_text(&mut self, text: &str) {
        // Room for the distinct words of a law (about one in forty bytes of text), so that
        // the map does not grow a dozen times on the way.
        self.counts.reserve((text.len() / 40).min(1 << 16));
        for w in word_iter(&fold(text)) {
            // Most words are seen before: count them without allocating their key.
            match self.counts.get_mut(w) {
                Some(n) => *n += 1,
                None => {
                    self.filter.add(w);
                    self.counts.insert(w.to_string(), 1);
                }
            }
        }
    }

    /// Adds already-folded words, each counted `weight` times (a model's vocabulary is
    /// good evidence that a word exists, worth several sightings).
    pub fn extend<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, iter: I, weight: u32) {
        for w in iter {
            let w = w.into();
            self.filter.add(&w);
            *self.counts.entry(w).or_default() += weight;
        }
    }

    /// How often the folded form of `word` was seen (here and in the base).
    pub fn count(&self, word: &str) -> u32 {
        // Lower-case ASCII letters are their own fold: most words of the repairs' checks.
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            self.count_folded(word)
        } else {
            self.count_folded(&fold(word))
        }
    }

    fn count_folded(&self, folded: &str) -> u32 {
        self.count_bits(folded, Filter::bits(folded))
    }

    /// [`Lexicon::count_folded`] of a word whose filter bits are `bits`.
    fn count_bits(&self, folded: &str, bits: (usize, u64)) -> u32 {
        let own = if self.filter.may_hold(bits) { self.counts.get(folded).copied().unwrap_or(0) } else { 0 };
        own.saturating_add(self.base.as_ref().map_or(0, |b| b.count_bits(folded, bits)))
    }

    /// Whether two fragments separated by a stray space are one broken word: the joined
    /// word is known and seen at least as often as the rarer fragment. "internation aux"
    /// joins (the fragment "internation" is rare), "sur tout" does not ("tout" is common).
    pub fn joins(&self, left: &str, right: &str) -> bool {
        self.joins_in(left, right, &mut String::new())
    }

    /// [`Lexicon::joins`], building the joined word in `scratch`: the repairs ask this at
    /// nearly every space of a document.
    pub(crate) fn joins_in(&self, left: &str, right: &str, scratch: &mut String) -> bool {
        if left.chars().nth(1).is_none() || right.chars().nth(1).is_none() {
            return false;
        }
        scratch.clear();
        scratch.push_str(left);
        scratch.push_str(right);
        let joined = self.count(scratch);
        joined > 0 && self.count(left).min(self.count(right)) <= joined
    }

    /// [`Lexicon::joins`] of two fragments already folded (each the fold of a fragment of
    /// two characters or more, folded a character at a time, so that their fold joined is
    /// the fold of the joined word), building the joined word in `scratch`.
    pub(crate) fn joins_folded(&self, left: &str, right: &str, scratch: &mut String) -> bool {
        scratch.clear();
        scratch.push_str(left);
        scratch.push_str(right);
        // Nearly every pair asked is not a word: one look-up decides.
        let joined = self.count_folded(scratch);
        joined > 0 && self.count_folded(left).min(self.count_folded(right)) <= joined
    }

    /// Whether a folded word of this key may be counted (here or in the base); false
    /// means it is not.
    pub(crate) fn may_count(&self, key: Key) -> bool {
        let bits = key.bits();
        self.filter.may_hold(bits) || self.base.as_ref().is_some_and(|b| b.may_count(key))
    }

    /// Distinct words counted here (not in the base).
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty() && self.base.as_ref().is_none_or(|b| b.is_empty())
    }
}

/// A Bloom filter of one bit per word, 2^18 bits (32 KB): with the ten or twenty
/// thousand words of a long law and the model's, a word not counted finds its bit set
/// about one time in ten.
#[derive(Debug, Clone)]
struct Filter(Vec<u64>);

const FILTER_BITS: u32 = 18;

impl Default for Filter {
    fn default() -> Self {
        Self(vec![0; 1 << (FILTER_BITS - 6)])
    }
}

impl Filter {
    /// A word's bit: its word in the filter, and its mask.
    fn bits(word: &str) -> (usize, u64) {
        Key::of(word).bits()
    }

    fn add(&mut self, word: &str) {
        let (at, mask) = Self::bits(word);
        self.0[at] |= mask;
    }

    fn may_hold(&self, (at, mask): (usize, u64)) -> bool {
        self.0[at] & mask != 0
    }
}

/// The filter's key of a folded word, built a byte at a time, so that two fragments'
/// keys give the key of their join without the join being written: a polynomial hash,
/// `key(a ++ b) = key(a) · P^|b| + key(b)`. The repairs ask about a joined word at nearly
/// every space of a document, and the filter answers most of them from the keys alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    hash: u64,
    /// `P` to the number of bytes hashed.
    power: u64,
}

const P: u64 = 0x0000_0100_0000_01b3;

/// `P` to the powers 0 to 31: the lengths of nearly every word.
const POWERS: [u64; 32] = {
    let mut powers = [1u64; 32];
    let mut k = 1;
    while k < 32 {
        powers[k] = powers[k - 1].wrapping_mul(P);
        k += 1;
    }
    powers
};

impl Key {
    pub(crate) const EMPTY: Key = Key { hash: 0, power: 1 };

    pub(crate) fn of(word: &str) -> Key {
        word.bytes().fold(Key::EMPTY, Key::byte)
    }

    #[inline]
    pub(crate) fn byte(self, b: u8) -> Key {
        Key { hash: Key::hash_byte(self.hash, b), power: self.power.wrapping_mul(P) }
    }

    /// A key's hash followed by the byte `b` (the hash part of [`Key::byte`]).
    #[inline]
    pub(crate) fn hash_byte(hash: u64, b: u8) -> u64 {
        hash.wrapping_mul(P).wrapping_add(u64::from(b))
    }

    /// The key of `len` bytes hashed into `hash` with [`Key::hash_byte`]: the power comes
    /// from a table, sparing a second multiplication per byte where the repairs key every
    /// run of letters of a document.
    #[inline]
    pub(crate) fn of_hash(hash: u64, len: usize) -> Key {
        let power = match POWERS.get(len) {
            Some(&p) => p,
            None => (POWERS.len()..len).fold(POWERS[POWERS.len() - 1].wrapping_mul(P), |p, _| p.wrapping_mul(P)),
        };
        Key { hash, power }
    }

    /// The key of this word's bytes followed by `next`'s.
    #[inline]
    pub(crate) fn then(self, next: Key) -> Key {
        Key { hash: self.hash.wrapping_mul(next.power).wrapping_add(next.hash), power: self.power.wrapping_mul(next.power) }
    }

    /// The filter's bit: its word and mask, from the top bits of the key spread (the
    /// polynomial's low bits depend on the low bits of the bytes only). The power tells
    /// "ab" from "\0ab".
    fn bits(self) -> (usize, u64) {
        let bit = (crate::hash::spread(self.hash ^ self.power.rotate_left(17)) >> (64 - FILTER_BITS)) as usize;
        (bit / 64, 1 << (bit % 64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key from its hash and length is the key built a byte at a time, short or long.
    #[test]
    fn keys_from_hash_and_length() {
        for len in [0, 1, 5, 31, 32, 33, 80] {
            let word = "abcdefghij".repeat(8)[..len].to_string();
            let hash = word.bytes().fold(0, Key::hash_byte);
            assert_eq!(Key::of_hash(hash, len), Key::of(&word), "{len}");
        }
    }

    #[test]
    fn counts_folded_words_of_added_text() {
        let mut lx = Lexicon::new();
        lx.add_text("Les droits internationaux. Les Droits.");
        assert_eq!(lx.count("INTERNATIONAUX"), 1);
        assert_eq!(lx.count("droits"), 2);
        assert_eq!(lx.count("internation"), 0);
    }

    #[test]
    fn a_base_counts_as_if_its_words_were_added() {
        let mut base = Lexicon::new();
        base.extend(["internationaux", "saisie"], 3);
        let mut over = Lexicon::over(Arc::new(base));
        over.add_text("Internationaux internation");
        let mut copy = Lexicon::new();
        copy.extend(["internationaux", "saisie"], 3);
        copy.add_text("Internationaux internation");
        for w in ["internationaux", "saisie", "internation", "absent"] {
            assert_eq!(over.count(w), copy.count(w), "{w}");
        }
        assert_eq!(over.joins("internation", "aux"), copy.joins("internation", "aux"));
    }

    /// The filter in front of the maps never hides a word counted, in the text or in the
    /// base, however many there are.
    #[test]
    fn every_word_counted_is_found_through_the_filter() {
        let mut base = Lexicon::new();
        base.extend((0..30_000).map(|i| format!("base{i}")), 2);
        let mut lx = Lexicon::over(Arc::new(base));
        lx.add_text(&(0..30_000).map(|i| format!("mot{i}")).collect::<Vec<_>>().join(" "));
        assert!((0..30_000).all(|i| lx.count(&format!("base{i}")) == 2 && lx.count(&format!("MOT{i}")) == 1));
        assert_eq!((30_000..40_000).map(|i| lx.count(&format!("mot{i}"))).sum::<u32>(), 0);
    }

    /// Two fragments' keys give their join's: the repairs ask the filter with it.
    #[test]
    fn the_key_of_a_join_is_the_join_of_the_keys() {
        for (a, b) in [("internation", "aux"), ("sécuri", "sées"), ("", "ab"), ("ab", ""), ("a\0", "b")] {
            assert_eq!(Key::of(a).then(Key::of(b)), Key::of(&format!("{a}{b}")), "{a} {b}");
        }
        assert_ne!(Key::of("ab").bits(), Key::of("\0ab").bits());
        let mut lx = Lexicon::new();
        lx.add_text("Internationaux");
        assert!(lx.may_count(Key::of("internation").then(Key::of("aux"))));
    }

    #[test]
    fn joins_rare_fragments_not_common_words() {
        let mut lx = Lexicon::new();
        lx.add_text("internationaux internationaux saisie saisie internation aux sais ie");
        lx.add_text(&"sur tout ".repeat(20));
        lx.add_text("surtout");
        assert!(lx.joins("internation", "aux"));
        assert!(lx.joins("sais", "ie"));
        assert!(!lx.joins("sur", "tout"));
        assert!(!lx.joins("de", "la"));
    }
}
