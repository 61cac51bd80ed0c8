//! From a passage to terms: word unigrams and bigrams, plus character n-grams inside
//! words (robust to words broken or misspelt by PDF extraction).

use serde::{Deserialize, Serialize};

#[cfg(test)]
use crate::hash::feed;
use crate::hash::fnv1a;
#[cfg(any(feature = "train", test))]
use crate::text::{fold, words};
#[cfg(test)]
use crate::tokens::Words;

/// Which terms to extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSpec {
    /// Word bigrams as well as unigrams. Default true.
    pub bigrams: bool,
    /// Shortest character n-gram (0 disables them). Default 3.
    pub char_min: u8,
    /// Longest character n-gram. Default 5.
    pub char_max: u8,
}

impl Default for FeatureSpec {
    fn default() -> Self {
        Self { bigrams: true, char_min: 3, char_max: 5 }
    }
}

/// What a word becomes as a token: long digit runs are dates and reference numbers, not
/// topics, so they are all `#num`; other words keep at most their first 30 characters.
pub(crate) enum TokenForm {
    Number,
    /// The first this many bytes.
    Prefix(usize),
}

pub(crate) const NUMBER_TOKEN: &str = "#num";

pub(crate) fn token_form(w: &str) -> TokenForm {
    if w.len() > 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        TokenForm::Number
    } else if w.len() <= 30 {
        // At most 30 bytes: at most 30 characters (nearly every word).
        TokenForm::Prefix(w.len())
    } else {
        TokenForm::Prefix(w.char_indices().nth(30).map_or(w.len(), |(cut, _)| cut))
    }
}

/// A word as a token (see [`token_form`]).
pub(crate) fn normalise_token(w: &str) -> String {
    match token_form(w) {
        TokenForm::Number => NUMBER_TOKEN.to_string(),
        TokenForm::Prefix(n) => w[..n].to_string(),
    }
}

/// Calls `visit(key, word)` for every term of `text` and returns the passage's words.
/// Unigram keys are `w:word`, bigram keys `b:one two` (attributed to the first word),
/// character keys `c:<ab` (padded with `<` `>`). Training names its features by these keys;
/// scoring feeds the same bytes to a hash instead ([`for_each_hash`]).
#[cfg(any(feature = "train", test))]
pub fn for_each_term(text: &str, spec: &FeatureSpec, mut visit: impl FnMut(&str, usize)) -> Vec<String> {
    let folded = fold(text);
    let ws: Vec<String> = words(&folded).into_iter().map(normalise_token).collect();
    let mut key = String::with_capacity(64);
    let mut chars: Vec<char> = Vec::with_capacity(32);
    for (i, w) in ws.iter().enumerate() {
        key.clear();
        key.push_str("w:");
        key.push_str(w);
        visit(&key, i);
        if spec.bigrams {
            if let Some(next) = ws.get(i + 1) {
                key.clear();
                key.push_str("b:");
                key.push_str(w);
                key.push(' ');
                key.push_str(next);
                visit(&key, i);
            }
        }
        if spec.char_min > 0 && !w.starts_with('#') {
            chars.clear();
            chars.push('<');
            chars.extend(w.chars());
            chars.push('>');
            visit_char_ngrams(&chars, i, spec, &mut key, &mut visit);
        }
    }
    ws
}

#[cfg(any(feature = "train", test))]
fn visit_char_ngrams(padded: &[char], i: usize, spec: &FeatureSpec, key: &mut String, visit: &mut impl FnMut(&str, usize)) {
    for n in spec.char_min as usize..=spec.char_max as usize {
        if n > padded.len() {
            break;
        }
        for window in padded.windows(n) {
            key.clear();
            key.push_str("c:");
            key.extend(window);
            visit(key, i);
        }
    }
}

/// FNV-1a states after each key's prefix.
pub(crate) const UNIGRAM: u64 = fnv1a(b"w:");
#[cfg(test)]
pub(crate) const BIGRAM: u64 = fnv1a(b"b:");
const CHARS: u64 = fnv1a(b"c:");

/// Calls `visit(hash, word)` for every term of [`for_each_term`], with the FNV-1a hash of
/// its key instead of the key: the hash is fed piece by piece, so no key is ever built.
/// Terms come word by word, in word order.
#[cfg(test)]
pub fn for_each_hash(words: &Words, spec: &FeatureSpec, mut visit: impl FnMut(u64, usize)) {
    for i in 0..words.len() {
        word_hashes(words.get(i), words.hash(i), spec, |h| visit(h, i));
        if let Some(h) = bigram_hash(words, i, spec) {
            visit(h, i);
        }
    }
}

/// The hashes of a word's own terms: its unigram (`h`, already known) and its character
/// n-grams. Scoring looks them up in the model's index once per word
/// ([`crate::wordcache`]).
pub fn word_hashes(w: &str, h: u64, spec: &FeatureSpec, mut visit: impl FnMut(u64)) {
    visit(h);
    let w = w.as_bytes();
    if spec.char_min > 0 && w.first() != Some(&b'#') {
        // Words are at most 30 characters, so `<word>` fits.
        let mut padded = [0u8; 2 + 30 * 4];
        let n = w.len() + 2;
        padded[0] = b'<';
        padded[1..n - 1].copy_from_slice(w);
        padded[n - 1] = b'>';
        char_ngram_hashes(&padded[..n], spec, &mut visit);
    }
}

/// A word bigram's identity from its two words' unigram hashes, so that scoring finds a
/// bigram without feeding its bytes again: the model indexes its bigrams by this too
/// ([`crate::model::Model`]'s pair index). For a fixed first word it is a bijection of the
/// second; two bigrams of a vocabulary share it with odds of about n²/2⁶⁴, and the model
/// is then refused at loading.
#[inline]
pub(crate) fn pair_hash(first: u64, second: u64) -> u64 {
    (first.rotate_left(26) ^ second).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ first
}

/// The words of a bigram key `b:one two`.
pub(crate) fn bigram_words(key: &str) -> Option<(&str, &str)> {
    key.strip_prefix("b:")?.split_once(' ')
}

/// The hash of the bigram of word `i` and the next, if bigrams are on and there is a next.
#[cfg(test)]
pub fn bigram_hash(words: &Words, i: usize, spec: &FeatureSpec) -> Option<u64> {
    (spec.bigrams && i + 1 < words.len()).then(|| feed(feed(feed(BIGRAM, words.get(i).as_bytes()), b" "), words.get(i + 1).as_bytes()))
}

/// The character n-grams of a padded word (UTF-8): from each character, the hash is fed a
/// byte at a time and emitted at every character boundary from `char_min` to `char_max`
/// characters.
fn char_ngram_hashes(padded: &[u8], spec: &FeatureSpec, visit: &mut impl FnMut(u64)) {
    if padded.is_ascii() {
        ascii_ngram_hashes(padded, spec, visit);
    } else {
        utf8_ngram_hashes(padded, spec, visit);
    }
}

/// [`char_ngram_hashes`] of an ASCII word (nearly every word): each byte is a character,
/// and an n-gram is n bytes. The same hashes in the same order, without looking for
/// character boundaries (a word the cache has not seen costs less: the first pass over
/// the 187 KB document 94.35 → 92.52 M instructions).
fn ascii_ngram_hashes(padded: &[u8], spec: &FeatureSpec, visit: &mut impl FnMut(u64)) {
    let (lo, hi) = (usize::from(spec.char_min), usize::from(spec.char_max));
    for s in 0..padded.len() {
        let mut h = CHARS;
        for (n, &b) in padded[s..padded.len().min(s + hi)].iter().enumerate() {
            h = (h ^ u64::from(b)).wrapping_mul(crate::hash::PRIME);
            if n + 1 >= lo {
                visit(h);
            }
        }
    }
}

fn utf8_ngram_hashes(padded: &[u8], spec: &FeatureSpec, visit: &mut impl FnMut(u64)) {
    let (lo, hi) = (usize::from(spec.char_min), usize::from(spec.char_max));
    let starts_char = |b: u8| b & 0xC0 != 0x80;
    for s in (0..padded.len()).filter(|&s| starts_char(padded[s])) {
        let mut h = CHARS;
        let mut chars = 0;
        let mut k = s;
        loop {
            h = (h ^ u64::from(padded[k])).wrapping_mul(crate::hash::PRIME);
            k += 1;
            if k == padded.len() || starts_char(padded[k]) {
                chars += 1;
                if chars >= lo && chars <= hi {
                    visit(h);
                }
                if chars >= hi || k == padded.len() {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    /// Every term's key, and the words.
    fn extract(text: &str, spec: &FeatureSpec) -> (Vec<String>, Vec<String>) {
        let mut keys = Vec::new();
        let words = for_each_term(text, spec, |key, _| keys.push(key.to_string()));
        (keys, words)
    }

    #[test]
    fn hashes_are_the_hashes_of_the_keys() {
        for text in ["Accès illégal à un système, loi 2021123 art. 323", "ab x", "", "œuvre ĳ ß"] {
            for spec in [FeatureSpec::default(), FeatureSpec { bigrams: false, char_min: 2, char_max: 6 }] {
                let mut hashes = Vec::new();
                for_each_hash(&tokenize(text), &spec, |h, w| hashes.push((h, w)));
                let mut keys = Vec::new();
                for_each_term(text, &spec, |k, w| keys.push((fnv1a(k.as_bytes()), w)));
                hashes.sort_unstable();
                keys.sort_unstable();
                assert_eq!(hashes, keys, "{text}");
            }
        }
    }

    /// The ASCII path gives the general path's hashes in its order (the order features are
    /// first hit is the order their weights are summed in: another order would change the
    /// last bits of the scores).
    #[test]
    fn ascii_words_hash_as_any_word_in_the_same_order() {
        let words = ["", "a", "ab", "abc", "acces", "cybercriminalite", "x1-2'b", &"z".repeat(30)];
        for spec in [FeatureSpec::default(), FeatureSpec { bigrams: true, char_min: 2, char_max: 6 }, FeatureSpec { bigrams: true, char_min: 1, char_max: 1 }, FeatureSpec { bigrams: true, char_min: 4, char_max: 3 }] {
            for w in words {
                let padded = format!("<{w}>");
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                ascii_ngram_hashes(padded.as_bytes(), &spec, &mut |h| fast.push(h));
                utf8_ngram_hashes(padded.as_bytes(), &spec, &mut |h| general.push(h));
                assert_eq!(fast, general, "{w:?} {spec:?}");
            }
        }
    }

    #[test]
    fn extracts_unigrams_bigrams_and_char_ngrams() {
        let (keys, words) = extract("Accès illégal", &FeatureSpec::default());
        assert!(keys.iter().any(|k| k == "w:acces"));
        assert!(keys.iter().any(|k| k == "b:acces illegal"));
        assert!(keys.iter().any(|k| k == "c:<ac"));
        assert!(keys.iter().any(|k| k == "c:gal>"));
        assert_eq!(words, vec!["acces", "illegal"]);
    }

    #[test]
    fn long_numbers_fold_and_can_disable_chars() {
        let spec = FeatureSpec { bigrams: false, char_min: 0, char_max: 0 };
        let (keys, _) = extract("Loi 2021123 art 323", &spec);
        assert_eq!(keys, vec!["w:loi", "w:#num", "w:art", "w:323"]);
    }

    #[test]
    fn empty_text_has_no_terms() {
        assert!(extract("  ...  ", &FeatureSpec::default()).0.is_empty());
    }
}
