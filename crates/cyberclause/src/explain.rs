//! Evidence: which words pushed a passage towards its label, and by how much. The model is
//! linear, so each term's share of the label's logit margin is exact.

use std::cmp::Ordering;

use serde::Serialize;

use crate::hash::feed;
use crate::labels::Label;
use crate::model::Model;
use crate::vector::SparseVector;
use crate::span::{utf16_offsets, utf16_units, Span};
use crate::terms::{Buffers, TermAt, NO_TERM};
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
/// passage was cut from, and where it lies in it), found by the terms' text in the slice
/// read again with its places: for a passage whose text was repaired, or whose words were
/// read without places. (A passage scored on words that know their places is placed by
/// [`Model::placed_evidence`].)
pub fn locate(src: &str, span: Span, evidence: &mut [Evidence]) {
    if evidence.is_empty() {
        return;
    }
    let ws = located(&src[span.start..span.end]);
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
            if let (Some(a), Some(b)) = (ws.source(i), ws.source(i + n - 1)) {
                ranges.push((k, a.0, b.1));
            }
        }
    }
    place(src, span, &ranges, evidence);
}

/// Adds each range (evidence index, start, end: bytes into `src[span]`) to its evidence
/// term as a span of `src`, in bytes and UTF-16 units.
fn place(src: &str, span: Span, ranges: &[(usize, usize, usize)], evidence: &mut [Evidence]) {
    // UTF-16 offsets in one pass over the passage, bounds in increasing order.
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.1, r.2]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let slice = &src[span.start..span.end];
    // In ASCII text a UTF-16 unit is a byte.
    let units = if slice.is_ascii() { bounds.clone() } else { utf16_offsets(slice, &bounds) };
    let unit = |b: usize| span.start_utf16 + units[bounds.binary_search(&b).expect("a bound of the list")];
    for &(k, start, end) in ranges {
        let (start, end) = (span.start + start, span.start + end);
        evidence[k].spans.push(Span { start, end, start_utf16: unit(start - span.start), end_utf16: unit(end - span.start) });
    }
}

impl TermAt {
    fn text(self, words: &Words) -> String {
        let mut s = String::new();
        self.write(words, &mut s);
        s
    }

    /// Writes the term's text into `s` (emptied first, its buffer kept).
    fn write(self, words: &Words, s: &mut String) {
        s.clear();
        s.push_str(words.get(self.word as usize));
        // (Not `format!`: its machinery costs more than the copy.)
        if self.bigram {
            s.push(' ');
            s.push_str(words.get(self.word as usize + 1));
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

impl Model {
    /// Every term's signed contribution to the logit margin of `label` over the mean of
    /// the other labels, before the temperature (the callers divide the terms they keep,
    /// not every entry), in order of first appearance, into `b.terms`. Exact: the
    /// contributions plus the bias margin add up to the margin. A feature seen in several
    /// words is shared between them by occurrences; a word seen several times is one term.
    /// Also leaves each word's identity in `b.ids`: the first place of the same word (its
    /// term's).
    fn pushes(&self, v: &SparseVector, words: &Words, label: Label, b: &mut Buffers) {
        let k = label.index();
        let Buffers { share, ids, word_term, seen, pairs, terms, .. } = b;
        // Each entry's push, per occurrence (divided by every count, 1 included: whether a
        // count is 1 is hard to predict, and dividing by 1 changes nothing).
        share.clear();
        share.extend((v.entries.iter().zip(&v.counts)).map(|(&(j, x), &n)| x * self.margin(j, k) / f64::from(n)));
        // Words are told apart by their text: the same word at two places is one term. A
        // word's term is found by its number; a pair's through a small table.
        let n = words.len();
        seen.reset(n);
        ids.clear();
        ids.extend((0..n).map(|i| seen.slot(words.hash(i), || i as u32)));
        // By identity: the word's term, and what one occurrence adds to it (the same
        // features, so the same sum, wherever the word stands: it is added up once).
        word_term.clear();
        word_term.resize(n, (NO_TERM, 0.0));
        pairs.reset(n);
        terms.clear();
        for i in 0..n {
            let id = ids[i] as usize;
            if id == i {
                let hits = v.word_hits(i);
                if !hits.is_empty() {
                    // (`get`, not indexing: a panic path would keep the sum in memory.)
                    let once = hits.iter().fold(0.0, |sum, &e| sum + share.get(e as usize).copied().unwrap_or_default());
                    word_term[i] = (terms.len() as u32, once);
                    terms.push((TermAt { word: i as u32, bigram: false }, once));
                }
            } else if word_term[id].0 != NO_TERM {
                let (term, once) = word_term[id];
                terms[term as usize].1 += once;
            }
            if let Some(e) = v.bigram(i) {
                let pair = u64::from(ids[i]) << 32 | u64::from(ids[i + 1]);
                let slot = pairs.slot(pair, || {
                    terms.push((TermAt { word: i as u32, bigram: true }, 0.0));
                    terms.len() as u32 - 1
                });
                terms[slot as usize].1 += share[e as usize];
            }
        }
    }

    /// Every term's contribution (see `pushes`), by term.
    #[cfg(test)]
    pub(crate) fn contributions(&self, v: &SparseVector, words: &Words, label: Label) -> Vec<(String, f64)> {
        let t = f64::from(self.data().temperature);
        let mut b = Buffers::default();
        self.pushes(v, words, label, &mut b);
        b.terms.iter().map(|&(term, w)| (term.text(words), w / t)).collect()
    }

    /// The `top` terms that pushed the passage most towards `label`, largest first (ties
    /// by term), temperature included; each word's identity is left in `b.ids` (see
    /// `pushes`).
    fn top_terms(&self, v: &SparseVector, words: &Words, label: Label, top: usize, b: &mut Buffers) -> Vec<(TermAt, f64)> {
        self.pushes(v, words, label, b);
        let before = |a: &(TermAt, f64), b: &(TermAt, f64)| b.1.total_cmp(&a.1).then_with(|| a.0.cmp_text(b.0, words)) == Ordering::Less;
        // One pass, keeping the best `top` in order: a term rarely makes the list, and a
        // term that does not costs one comparison.
        let mut best: Vec<(TermAt, f64)> = Vec::with_capacity(top + 1);
        for &t in b.terms.iter().filter(|t| t.1 > 0.0) {
            if best.len() == top && !before(&t, &best[top - 1]) {
                continue;
            }
            let at = best.partition_point(|b| before(b, &t));
            best.insert(at, t);
            best.truncate(top);
        }
        let t = f64::from(self.data().temperature);
        best.iter_mut().for_each(|b| b.1 /= t);
        best
    }

    /// The `top` terms that pushed the passage most towards `label`, largest first (ties
    /// by term), without their places.
    pub fn evidence(&self, v: &SparseVector, words: &Words, label: Label, top: usize) -> Vec<Evidence> {
        if top == 0 {
            return Vec::new();
        }
        let best = self.top_terms(v, words, label, top, &mut self.scratch.lock());
        unplaced(best, words, self.spare_evidence.take())
    }

    /// [`Model::evidence`] with every occurrence of each term placed in `src[span]`, where
    /// the passage's `words` were read (they know their places): a term's occurrences are
    /// the words of the same identity, so no term is looked for by its text, as
    /// [`locate`] does.
    pub(crate) fn placed_evidence(&self, v: &SparseVector, words: &Words, label: Label, top: usize, src: &str, span: Span) -> Vec<Evidence> {
        if top == 0 {
            return Vec::new();
        }
        let mut b = self.scratch.lock();
        let best = self.top_terms(v, words, label, top, &mut b);
        let Buffers { ids, unigram, .. } = &mut *b;
        // One pass over the words: a word is a unigram term's by its identity (a table from
        // identity to term), or starts a bigram term's (a short list).
        unigram.clear();
        unigram.resize(words.len(), NO_TERM);
        let mut bigrams: Vec<(u32, u32, usize)> = Vec::new();
        for (k, (t, _)) in best.iter().enumerate() {
            let w = t.word as usize;
            if t.bigram {
                bigrams.push((ids[w], ids[w + 1], k));
            } else {
                unigram[ids[w] as usize] = k as u32;
            }
        }
        let mut evidence = unplaced(best, words, self.spare_evidence.take());
        // Words come in order, so each term's spans do, and offsets are counted in UTF-16
        // units on from the last word placed (one pass over the passage in all), only for
        // the words of a term.
        let mut units = Units::new(&src[span.start..span.end]);
        // The last word's start in bytes, and in units once counted.
        let mut previous: Option<(usize, Option<usize>)> = None;
        for (i, &id) in ids.iter().enumerate() {
            let Some((a, b)) = words.source(i) else {
                previous = None;
                continue;
            };
            let k = unigram[id as usize];
            // A bigram term is placed at its second word, from the first word's start.
            let ends_bigram = |&(first, second, _): &(u32, u32, usize)| i > 0 && id == second && ids[i - 1] == first;
            let bigram_start = match previous {
                Some((pa, pu)) if bigrams.iter().any(ends_bigram) => Some((pa, pu.unwrap_or_else(|| units.at(pa)))),
                _ => None,
            };
            if k == NO_TERM && bigram_start.is_none() {
                previous = Some((a, None));
                continue;
            }
            let (ua, ub) = (units.at(a), units.at(b));
            // From a start (bytes and units into the slice) to this word's end, in `src`.
            let reaching = |(a, ua): (usize, usize)| Span { start: span.start + a, end: span.start + b, start_utf16: span.start_utf16 + ua, end_utf16: span.start_utf16 + ub };
            if k != NO_TERM {
                evidence[k as usize].spans.push(reaching((a, ua)));
            }
            if let Some(start) = bigram_start {
                bigrams.iter().filter(|t| ends_bigram(t)).for_each(|&(_, _, k)| evidence[k].spans.push(reaching(start)));
            }
            previous = Some((a, Some(ua)));
        }
        evidence
    }
}

/// The terms as evidence, with no span yet, in the buffers of `out` (evidence given back:
/// see [`Model::recycle_evidence`]) as far as they go.
fn unplaced(best: Vec<(TermAt, f64)>, words: &Words, mut out: Vec<Evidence>) -> Vec<Evidence> {
    out.truncate(best.len());
    for (k, (t, weight)) in best.into_iter().enumerate() {
        match out.get_mut(k) {
            // Every field named: one added later cannot keep a value of the last passage.
            Some(Evidence { term, weight: w, spans }) => {
                t.write(words, term);
                *w = weight;
                spans.clear();
            }
            None => out.push(Evidence { term: t.text(words), weight, spans: Vec::new() }),
        }
    }
    out
}

impl Model {
    /// Keeps `evidence`'s buffers (its terms' texts and span lists) for the next passage.
    pub(crate) fn recycle_evidence(&self, evidence: Vec<Evidence>) {
        self.spare_evidence.give(evidence);
    }
}

/// UTF-16 offsets of byte offsets into a text, counted on from the last one asked: offsets
/// asked in order cost one pass over the text in all (and in ASCII nothing).
struct Units<'a> {
    bytes: &'a [u8],
    ascii: bool,
    at: usize,
    units: usize,
}

impl<'a> Units<'a> {
    fn new(text: &'a str) -> Self {
        Self { bytes: text.as_bytes(), ascii: text.is_ascii(), at: 0, units: 0 }
    }

    fn at(&mut self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        if b < self.at {
            (self.at, self.units) = (0, 0);
        }
        let b = b.min(self.bytes.len());
        self.units += utf16_units(&self.bytes[self.at..b]);
        self.at = b;
        self.units
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
        locate(src, span, &mut ev);
        let text = |s: &Span| &src[s.start..s.end];
        assert_eq!(ev[0].spans.iter().map(text).collect::<Vec<_>>(), ["Accès"]);
        assert_eq!(ev[1].spans.iter().map(text).collect::<Vec<_>>(), ["DONNÉES relatives"]);
        assert_eq!(ev[2].spans.iter().map(text).collect::<Vec<_>>(), ["DONNÉES", "données"]);
        assert!(ev[3].spans.is_empty());
        let units: Vec<u16> = src.encode_utf16().collect();
        let s = ev[0].spans[0];
        assert_eq!(String::from_utf16(&units[s.start_utf16..s.end_utf16]).unwrap(), "Accès");
    }

    /// Terms placed by word identity (the fast path) land on their words in bytes and in
    /// UTF-16 units, with characters of one, two and three bytes between them and of four
    /// before the passage (inside one, they send its words down the slow path), and the
    /// same spans as looking for each term's text finds.
    #[test]
    fn terms_placed_by_identity_land_on_their_words() {
        let model = crate::Model::from_bytes(include_bytes!("../../../models/cyberclause.model")).unwrap();
        let src = "😀 Préambule.\n\nLe fait d’accéder frauduleusement — « à un système » de traitement automatisé de données, ou de s’y maintenir (5 000 €) frauduleusement, est puni ; l’accès aux données ou au système.";
        let start = src.find("Le fait").unwrap();
        let span = Span { start, end: src.len(), start_utf16: src[..start].encode_utf16().count(), end_utf16: src.encode_utf16().count() };
        let words = crate::tokens::tokenize(&src[start..]);
        assert!(words.located());
        let v = model.vectorize_words(&words);
        let label = crate::classify::Scores(model.probabilities(&v)).best();
        // Enough terms for bigrams to be among them.
        let placed = model.placed_evidence(&v, &words, label, 60, src, span);
        let mut found: Vec<Evidence> = placed.iter().map(|e| term(&e.term)).collect();
        locate(src, span, &mut found);
        let units: Vec<u16> = src.encode_utf16().collect();
        assert!(placed.iter().map(|e| e.spans.len()).sum::<usize>() >= 8, "{placed:?}");
        // Bigram terms too, placed from a first word that is a unigram term's and from one
        // that is not (its place is counted only then).
        let unigrams: Vec<&str> = placed.iter().map(|e| e.term.as_str()).filter(|t| !t.contains(' ')).collect();
        let firsts: Vec<&str> = placed.iter().filter_map(|e| e.term.split_once(' ')).map(|(first, _)| first).collect();
        assert!(firsts.iter().any(|f| unigrams.contains(f)) && firsts.iter().any(|f| !unigrams.contains(f)), "{placed:?}");
        for (p, f) in placed.iter().zip(&found) {
            assert_eq!(p.spans, f.spans, "{}", p.term);
            for s in &p.spans {
                assert_eq!(String::from_utf16(&units[s.start_utf16..s.end_utf16]).unwrap(), src[s.start..s.end], "{}", p.term);
                // A bigram's span runs from its first word to its second, across what is
                // between them.
                let folded = crate::text::fold(&src[s.start..s.end]).replace('\'', " ");
                match p.term.split_once(' ') {
                    Some((a, b)) => assert!(folded.starts_with(a) && folded.ends_with(b), "{} {folded}", p.term),
                    None => assert_eq!(folded, p.term.replace('\'', " "), "{}", p.term),
                }
            }
        }
    }
}
