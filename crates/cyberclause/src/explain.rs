//! Evidence: which words pushed a passage towards its label, and by how much. The model is
//! linear, so each term's share of the label's logit margin is exact.

use std::cmp::Ordering;

use serde::Serialize;

use crate::hash::{feed, spread};
use crate::labels::Label;
use crate::model::Model;
use crate::vector::SparseVector;
use crate::segment::utf16_offsets;
use crate::span::Span;
use crate::features::UNIGRAM;
use crate::tokens::{located, Words};

/// One term's push towards the chosen label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The term as the model sees it: folded (lower case, no accents), a word or two.
    pub term: String,
    pub weight: f64,
    /// Where the term stands in the input (every occurrence in the passage; a two-word
    /// term spans both words), so a reader highlights by offsets and folds nothing.
    pub spans: Vec<Span>,
}

/// Adds to each evidence term the spans of its occurrences in `src[span]` (the input the
/// passage was cut from, and where it lies in it). `words`: the passage's words with their
/// places, when the passage is that very slice (passage mode), to save a second pass.
pub fn locate(src: &str, span: Span, evidence: &mut [Evidence], words: Option<&Words>) {
    if evidence.is_empty() {
        return;
    }
    let own;
    let ws = match words {
        Some(w) if w.located() => w,
        _ => {
            own = located(&src[span.start..span.end]);
            &own
        }
    };
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new(); // (evidence index, start, end)
    for (k, e) in evidence.iter().enumerate() {
        // A term is one word or two; words are compared by their hashes first.
        let (first, second) = e.term.split_once(' ').map_or((e.term.as_str(), None), |(a, b)| (a, Some(b)));
        let h = feed(UNIGRAM, first.as_bytes());
        let h2 = second.map(|b| feed(UNIGRAM, b.as_bytes()));
        let n = 1 + usize::from(second.is_some());
        for i in 0..(ws.len() + 1).saturating_sub(n) {
            let same = |at: usize, hash: u64, text: &str| ws.hash(at) == hash && ws.get(at) == text;
            if !same(i, h, first) || second.is_some_and(|b| !same(i + 1, h2.unwrap_or_default(), b)) {
                continue;
            }
            let (Some(a), Some(b)) = (ws.source(i), ws.source(i + n - 1)) else { continue };
            ranges.push((k, a.0, b.1));
        }
    }
    // UTF-16 offsets in one pass over the passage, bounds in increasing order.
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.1, r.2]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let slice = &src[span.start..span.end];
    // In ASCII text a UTF-16 unit is a byte.
    let units = if slice.is_ascii() { bounds.clone() } else { utf16_offsets(slice, &bounds) };
    let unit = |b: usize| span.start_utf16 + units[bounds.binary_search(&b).expect("a bound of the list")];
    for (k, start, end) in ranges {
        let (start, end) = (span.start + start, span.start + end);
        evidence[k].spans.push(Span { start, end, start_utf16: unit(start - span.start), end_utf16: unit(end - span.start) });
    }
}

/// A term as evidence shows it: a word, or a word and the next (a bigram), by position.
#[derive(Debug, Clone, Copy)]
struct TermAt {
    word: u32,
    bigram: bool,
}

impl TermAt {
    fn text(self, words: &Words) -> String {
        let first = words.get(self.word as usize);
        if self.bigram {
            format!("{first} {}", words.get(self.word as usize + 1))
        } else {
            first.to_string()
        }
    }

    /// The term's text compared with another's, without building either.
    fn cmp_text(self, other: TermAt, words: &Words) -> Ordering {
        let bytes = |t: TermAt| {
            let second = if t.bigram { words.get(t.word as usize + 1) } else { "" };
            words.get(t.word as usize).bytes().chain(b" ".iter().copied().take(usize::from(t.bigram))).chain(second.bytes())
        };
        bytes(self).cmp(bytes(other))
    }
}

/// From a term's identity to its place in the list of terms: open addressing, sized for
/// the passage.
struct TermSlots {
    slots: Vec<(u64, usize)>,
    shift: u32,
}

impl TermSlots {
    /// Room for `n` keys, at most half full.
    fn new(n: usize) -> Self {
        let capacity = (n * 2).next_power_of_two().max(8);
        Self { slots: vec![(0, usize::MAX); capacity], shift: 64 - capacity.trailing_zeros() }
    }

    fn slot(&mut self, id: u64, add: impl FnOnce() -> usize) -> usize {
        let mask = self.slots.len() - 1;
        let mut s = (spread(id) >> self.shift) as usize;
        loop {
            match self.slots[s] {
                (_, usize::MAX) => {
                    let place = add();
                    self.slots[s] = (id, place);
                    return place;
                }
                (key, place) if key == id => return place,
                _ => s = (s + 1) & mask,
            }
        }
    }
}

impl Model {
    /// Every term's signed contribution to the logit margin of `label` over the mean of
    /// the other labels (temperature included), in order of first appearance. Exact: the
    /// contributions plus the bias margin add up to the margin. A feature seen in several
    /// words is shared between them by occurrences; a word seen several times is one term.
    fn pushes(&self, v: &SparseVector, words: &Words, label: Label) -> Vec<(TermAt, f64)> {
        let k = label.index();
        // Each entry's push, per occurrence (nearly every count is 1).
        let share: Vec<f64> = (v.entries.iter().zip(&v.counts))
            .map(|(&(j, x), &n)| {
                let push = x * self.margins_of(j)[k];
                if n == 1 { push } else { push / f64::from(n) }
            })
            .collect();
        // Words are told apart by their text: the same word at two places is one term. A
        // word's term is found by its number; a pair's through a small table.
        let mut seen = TermSlots::new(words.len());
        let ids: Vec<u32> = (0..words.len()).map(|i| seen.slot(words.hash(i), || i) as u32).collect();
        let mut word_term = vec![u32::MAX; words.len()];
        let mut pairs = TermSlots::new(words.len());
        let mut out: Vec<(TermAt, f64)> = Vec::with_capacity(words.len());
        for i in 0..words.len() {
            let hits = v.word_hits(i);
            if !hits.is_empty() {
                let id = ids[i] as usize;
                if word_term[id] == u32::MAX {
                    word_term[id] = out.len() as u32;
                    out.push((TermAt { word: i as u32, bigram: false }, 0.0));
                }
                let term = &mut out[word_term[id] as usize].1;
                hits.iter().for_each(|&e| *term += share[e as usize]);
            }
            if let Some(e) = v.bigram(i) {
                let pair = u64::from(ids[i]) << 32 | u64::from(ids[i + 1]);
                let slot = pairs.slot(pair, || {
                    out.push((TermAt { word: i as u32, bigram: true }, 0.0));
                    out.len() - 1
                });
                out[slot].1 += share[e as usize];
            }
        }
        out
    }

    /// Every term's contribution (see `pushes`), by term.
    #[cfg(test)]
    pub(crate) fn contributions(&self, v: &SparseVector, words: &Words, label: Label) -> Vec<(String, f64)> {
        self.pushes(v, words, label).into_iter().map(|(t, w)| (t.text(words), w)).collect()
    }

    /// The `top` terms that pushed the passage most towards `label`, largest first (ties
    /// by term).
    pub fn evidence(&self, v: &SparseVector, words: &Words, label: Label, top: usize) -> Vec<Evidence> {
        if top == 0 {
            return Vec::new();
        }
        let mut positive: Vec<(TermAt, f64)> = self.pushes(v, words, label).into_iter().filter(|e| e.1 > 0.0).collect();
        let order = |a: &(TermAt, f64), b: &(TermAt, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp_text(b.0, words));
        if positive.len() > top {
            positive.select_nth_unstable_by(top - 1, order);
        }
        positive.truncate(top);
        positive.sort_unstable_by(order);
        positive.into_iter().map(|(t, weight)| Evidence { term: t.text(words), weight, spans: Vec::new() }).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(t: &str) -> Evidence {
        Evidence { term: t.into(), weight: 1.0, spans: Vec::new() }
    }

    #[test]
    fn terms_are_found_where_they_stand_in_bytes_and_utf16() {
        let src = "😀 Intro.\n\nL’Accès aux DONNÉES relatives et aux données.";
        let start = src.find('L').unwrap();
        let span = Span { start, end: src.len(), start_utf16: src[..start].encode_utf16().count(), end_utf16: src.encode_utf16().count() };
        let mut ev = vec![term("acces"), term("donnees relatives"), term("donnees"), term("absent")];
        locate(src, span, &mut ev, None);
        let text = |s: &Span| &src[s.start..s.end];
        assert_eq!(ev[0].spans.iter().map(text).collect::<Vec<_>>(), ["Accès"]);
        assert_eq!(ev[1].spans.iter().map(text).collect::<Vec<_>>(), ["DONNÉES relatives"]);
        assert_eq!(ev[2].spans.iter().map(text).collect::<Vec<_>>(), ["DONNÉES", "données"]);
        assert!(ev[3].spans.is_empty());
        let units: Vec<u16> = src.encode_utf16().collect();
        let s = ev[0].spans[0];
        assert_eq!(String::from_utf16(&units[s.start_utf16..s.end_utf16]).unwrap(), "Accès");
    }
}
