//! Known words, used to decide whether two fragments of a PDF-broken word belong together.

use std::collections::HashMap;

use crate::hash::FnvBuild;
use crate::text::{fold, word_iter};

/// A set of folded words. Built from the text being read (its own unbroken occurrences
/// are the best evidence of how a word is spelt) plus the model's vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    counts: HashMap<String, u32, FnvBuild>,
}

impl Lexicon {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds every word of `text`.
    pub fn add_text(&mut self, text: &str) {
        for w in word_iter(&fold(text)) {
            // Most words are seen before: count them without allocating their key.
            match self.counts.get_mut(w) {
                Some(n) => *n += 1,
                None => {
                    self.counts.insert(w.to_string(), 1);
                }
            }
        }
    }

    /// Adds already-folded words, each counted `weight` times (a model's vocabulary is
    /// good evidence that a word exists, worth several sightings).
    pub fn extend<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, iter: I, weight: u32) {
        for w in iter {
            *self.counts.entry(w.into()).or_default() += weight;
        }
    }

    /// How often the folded form of `word` was seen.
    pub fn count(&self, word: &str) -> u32 {
        self.counts.get(&fold(word)).copied().unwrap_or(0)
    }

    /// Whether two fragments separated by a stray space are one broken word: the joined
    /// word is known and seen at least as often as the rarer fragment. "internation aux"
    /// joins (the fragment "internation" is rare), "sur tout" does not ("tout" is common).
    pub fn joins(&self, left: &str, right: &str) -> bool {
        if left.chars().count() < 2 || right.chars().count() < 2 {
            return false;
        }
        let mut both = String::with_capacity(left.len() + right.len());
        both.push_str(left);
        both.push_str(right);
        let joined = self.count(&both);
        joined > 0 && self.count(left).min(self.count(right)) <= joined
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_folded_words_of_added_text() {
        let mut lx = Lexicon::new();
        lx.add_text("Les droits internationaux. Les Droits.");
        assert_eq!(lx.count("INTERNATIONAUX"), 1);
        assert_eq!(lx.count("droits"), 2);
        assert_eq!(lx.count("internation"), 0);
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
