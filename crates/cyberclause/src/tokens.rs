//! A passage's words in one pass over its characters: each character folded on its own
//! from a table, words cut where the features cut them, and the byte range of each word in
//! the input kept, so that evidence is placed without folding the passage again.
//!
//! The table covers ASCII, Latin-1, Latin Extended-A/B, general punctuation and currency
//! signs: nearly every French or English law. A text with any other character (Greek,
//! combining accents, ligatures such as "ﬁ") takes the slow path, [`fold`] on the whole
//! text, which gives the same words (a test checks both paths agree on every corpus text).

use crate::features::{normalise_token, token_form, TokenForm, NUMBER_TOKEN, UNIGRAM};
use crate::foldtable::{lookup, table, Fold};
use crate::hash::feed;
use crate::text::{fold, is_word, words};

/// Folded, normalised words (as the features see them), the hash of each as a unigram
/// key, and, when known, the byte range in the input of each word's letters.
#[derive(Debug, Default, Clone)]
pub struct Words {
    buf: String,
    /// Word `i` is `buf[ends[i - 1]..ends[i]]`.
    ends: Vec<u32>,
    /// FNV-1a of `w:word`: the unigram feature's hash, and the word's identity for
    /// evidence (the same word at two places is one term).
    hashes: Vec<u64>,
    /// Byte ranges in the input (empty when [`tokenize`] took the slow path).
    source: Vec<(usize, usize)>,
}

impl Words {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[start..self.ends[i] as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The hash of word `i`'s unigram key.
    pub fn hash(&self, i: usize) -> u64 {
        self.hashes[i]
    }

    /// Where word `i` stands in the input, when known.
    pub fn source(&self, i: usize) -> Option<(usize, usize)> {
        self.source.get(i).copied()
    }

    /// Whether every word knows where it stands.
    pub fn located(&self) -> bool {
        self.source.len() == self.ends.len()
    }

    fn push(&mut self, word: &str, source: Option<(usize, usize)>) {
        let start = self.buf.len();
        self.buf.push_str(word);
        self.finish(start, source);
    }

    fn finish(&mut self, start: usize, source: Option<(usize, usize)>) {
        let h = feed(UNIGRAM, &self.buf.as_bytes()[start..]);
        self.finish_hashed(h, source);
    }

    /// [`Words::finish`] of a word whose unigram hash `h` is known.
    fn finish_hashed(&mut self, h: u64, source: Option<(usize, usize)>) {
        self.hashes.push(h);
        self.ends.push(self.buf.len() as u32);
        if let Some(s) = source {
            self.source.push(s);
        }
    }

    /// Ends the word that started at `start` in `buf` (at `from` in the input), whose
    /// unigram hash as read is `h`: keeps it when the features would ("two letters, or any
    /// number"), normalised.
    fn close(&mut self, start: usize, from: usize, to: usize, h: u64) {
        let w = &self.buf[start..];
        if !is_word(w) {
            self.buf.truncate(start);
            return;
        }
        match token_form(w) {
            TokenForm::Prefix(n) if n == w.len() => return self.finish_hashed(h, Some((from, to))),
            TokenForm::Number => {
                self.buf.truncate(start);
                self.buf.push_str(NUMBER_TOKEN);
            }
            TokenForm::Prefix(n) => self.buf.truncate(start + n),
        }
        self.finish(start, Some((from, to)));
    }
}

/// The words of `text` as the features see them (`words(fold(text))`, normalised).
pub fn tokenize(text: &str) -> Words {
    let mut out = Words::default();
    if table_path(text, &mut out) {
        return out;
    }
    let mut out = Words::default();
    for w in words(&fold(text)) {
        out.push(&normalise_token(w), None);
    }
    out
}

/// The words of `text` each with its byte range, as evidence places them: the table path
/// when it applies, else each run of letters and digits of the input folded on its own
/// (a run may fold to several words, all placed on the run).
pub fn located(text: &str) -> Words {
    let mut out = Words::default();
    if table_path(text, &mut out) {
        return out;
    }
    let mut out = Words::default();
    let mut run: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric() && i < text.len(), run) {
            (true, None) => run = Some(i),
            (false, Some(from)) => {
                for w in words(&fold(&text[from..i])) {
                    out.push(&normalise_token(w), Some((from, i)));
                }
                run = None;
            }
            _ => {}
        }
    }
    out
}

/// The one-pass fold; false (with `out` half-filled) when a character is not in the table.
fn table_path(text: &str, out: &mut Words) -> bool {
    out.buf.reserve(text.len());
    // About one word in six bytes of law; enough that the lists rarely grow.
    let words = text.len() / 5 + 4;
    out.ends.reserve(words);
    out.hashes.reserve(words);
    out.source.reserve(words);
    let table = table();
    let mut word: Option<(usize, usize)> = None; // (start in buf, start in text)
    // The word's unigram hash, fed as its bytes are written (not in a pass of its own).
    let mut h = UNIGRAM;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (letters, width) = if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                if word.is_none() {
                    word = Some((out.buf.len(), i));
                    h = UNIGRAM;
                }
                let lower = b.to_ascii_lowercase();
                out.buf.push(char::from(lower));
                h = feed(h, &[lower]);
                (true, 1)
            } else {
                (false, 1)
            }
        } else {
            let Some(c) = text[i..].chars().next() else { return false };
            match lookup(c) {
                Fold::Outside => return false,
                Fold::Separator(..) => (false, c.len_utf8()),
                Fold::Letters(at, len) => {
                    if word.is_none() {
                        word = Some((out.buf.len(), i));
                        h = UNIGRAM;
                    }
                    let folded = table.text(at, len);
                    out.buf.push_str(folded);
                    h = feed(h, folded.as_bytes());
                    (true, c.len_utf8())
                }
            }
        };
        if !letters {
            if let Some((start, from)) = word.take() {
                out.close(start, from, i, h);
            }
        }
        i += width;
    }
    if let Some((start, from)) = word {
        out.close(start, from, text.len(), h);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each word's hash is its unigram key's (the table path feeds it as it reads).
    fn assert_hashed(words: &Words) {
        for (i, w) in words.iter().enumerate() {
            assert_eq!(words.hash(i), feed(UNIGRAM, w.as_bytes()), "{w}");
        }
    }

    fn slow(text: &str) -> Vec<String> {
        words(&fold(text)).into_iter().map(normalise_token).collect()
    }

    #[test]
    fn the_table_path_gives_the_words_of_the_whole_text_fold() {
        for text in [
            "L’Accès frauduleux à un SYSTÈME — art. 323-1 du code (loi n° 2004575).",
            "Œuvre, cœur, ÆTHER, naïve, Ĳssel, ß, İstanbul, ²³, ª, ½ … « données » €",
            "Each Party shall adopt\u{00A0}such\u{202F}measures; x y 12 123456 abcdefghijklmnopqrstuvwxyzabcdefghij",
            "",
        ] {
            let fast = tokenize(text);
            assert_eq!(fast.iter().collect::<Vec<_>>(), slow(text), "{text}");
            assert_hashed(&fast);
        }
    }

    #[test]
    fn every_pair_of_table_characters_folds_as_the_whole_text() {
        let chars = crate::foldtable::tests::table_chars();
        let mut pair = String::new();
        for &a in &chars {
            for &b in &chars {
                pair.clear();
                pair.extend(['x', a, b, 'y']);
                let mut out = Words::default();
                assert!(table_path(&pair, &mut out), "{pair:?}");
                assert!(out.located());
                assert_eq!(out.iter().collect::<Vec<_>>(), slow(&pair), "{pair:?}");
                assert_hashed(&out);
            }
        }
    }

    #[test]
    fn words_know_where_they_stand() {
        let text = "Le « Système » d’accès";
        let w = tokenize(text);
        let at: Vec<&str> = (0..w.len()).map(|i| w.source(i).map(|(a, b)| &text[a..b]).unwrap()).collect();
        assert_eq!(at, ["Le", "Système", "accès"]);
    }

    #[test]
    fn characters_outside_the_table_take_the_slow_path() {
        let text = "Ο νόμος ﬁnal cafe\u{0301}";
        let w = tokenize(text);
        assert_eq!(w.iter().collect::<Vec<_>>(), slow(text));
        assert_eq!(w.source(0), None);
    }
}
