//! From a passage to terms: word unigrams and bigrams, plus character n-grams inside
//! words (robust to words broken or misspelt by PDF extraction).

use serde::{Deserialize, Serialize};

use crate::text::{fold, words};

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

/// One extracted term and the word it belongs to (its position among the passage's
/// words), so that its weight can be given back to that word as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub key: String,
    pub word: usize,
}

/// A passage's words, and its terms (from [`extract`]; [`crate::Model::vectorize`] leaves
/// `terms` empty, since it keeps only the terms its vocabulary knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms {
    pub words: Vec<String>,
    pub terms: Vec<Term>,
}

/// Number folded, overly long tokens are kept apart from words: long digit runs are
/// dates and reference numbers, not topics.
pub(crate) fn normalise_token(w: &str) -> String {
    if w.chars().all(|c| c.is_ascii_digit()) && w.len() > 4 {
        "#num".to_string()
    } else {
        w.chars().take(30).collect()
    }
}

/// Extracts every term of `text` (the tests' view of [`for_each_term`]). Unigram keys are `w:word`, bigram keys `b:one two`
/// (attributed to the first word), character keys `c:<ab` (padded with `<` `>`).
#[cfg(test)]
pub fn extract(text: &str, spec: &FeatureSpec) -> Terms {
    let mut terms = Vec::new();
    let words = for_each_term(text, spec, |key, word| terms.push(Term { key: key.to_string(), word }));
    Terms { words, terms }
}

/// Calls `visit(key, word)` for every term of `text`, in the order [`extract`] lists them,
/// and returns the passage's words. Keys are built in one reused buffer: scoring looks
/// most of them up and keeps none, so allocating each would dominate its cost.
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

/// The word a term shows as evidence: bigrams show both words.
pub fn evidence_label(key: &str, terms: &Terms, word: usize) -> String {
    if key.starts_with("b:") {
        key[2..].to_string()
    } else {
        terms.words[word].clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_unigrams_bigrams_and_char_ngrams() {
        let t = extract("Accès illégal", &FeatureSpec::default());
        let keys: Vec<&str> = t.terms.iter().map(|t| t.key.as_str()).collect();
        assert!(keys.contains(&"w:acces"));
        assert!(keys.contains(&"b:acces illegal"));
        assert!(keys.contains(&"c:<ac"));
        assert!(keys.contains(&"c:gal>"));
        assert_eq!(t.words, vec!["acces", "illegal"]);
    }

    #[test]
    fn long_numbers_fold_and_can_disable_chars() {
        let spec = FeatureSpec { bigrams: false, char_min: 0, char_max: 0 };
        let t = extract("Loi 2021123 art 323", &spec);
        let keys: Vec<&str> = t.terms.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, vec!["w:loi", "w:#num", "w:art", "w:323"]);
    }

    #[test]
    fn empty_text_has_no_terms() {
        assert!(extract("  ...  ", &FeatureSpec::default()).terms.is_empty());
    }
}
