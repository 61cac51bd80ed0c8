//! Evidence: which words pushed a passage towards its label, and by how much. The model is
//! linear, so each term's share of the label's logit margin is exact.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::features::{evidence_label, normalise_token, Terms};
use crate::labels::Label;
use crate::model::{Model, SparseVector};
use crate::segment::utf16_offsets;
use crate::span::Span;
use crate::text::fold;

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

/// A word of the input as the features fold it, and its byte range in the input.
struct Word {
    token: String,
    start: usize,
    end: usize,
}

/// The words of `src[span]`: runs of letters and digits, each folded and cut as the
/// features cut words (a run may fold to several tokens, all placed on the run).
fn words(src: &str, span: Span) -> Vec<Word> {
    let slice = &src[span.start..span.end];
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    let flush = |from: usize, to: usize, out: &mut Vec<Word>| {
        let folded = fold(&slice[from..to]);
        for part in folded.split(|c: char| !c.is_alphanumeric()) {
            let keep = part.chars().count() >= 2 || (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
            if keep {
                out.push(Word { token: normalise_token(part), start: span.start + from, end: span.start + to });
            }
        }
    };
    for (i, c) in slice.char_indices() {
        match (c.is_alphanumeric(), run) {
            (true, None) => run = Some(i),
            (false, Some(from)) => {
                flush(from, i, &mut out);
                run = None;
            }
            _ => {}
        }
    }
    if let Some(from) = run {
        flush(from, slice.len(), &mut out);
    }
    out
}

/// Adds to each evidence term the spans of its occurrences in `src[span]` (the input the
/// passage was cut from, and where it lies in it).
pub fn locate(src: &str, span: Span, evidence: &mut [Evidence]) {
    if evidence.is_empty() {
        return;
    }
    let ws = words(src, span);
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new(); // (evidence index, start, end)
    for (k, e) in evidence.iter().enumerate() {
        let parts: Vec<&str> = e.term.split(' ').collect();
        for i in 0..ws.len() {
            if ws.len() - i >= parts.len() && parts.iter().zip(&ws[i..]).all(|(p, w)| *p == w.token) {
                ranges.push((k, ws[i].start, ws[i + parts.len() - 1].end));
            }
        }
    }
    // UTF-16 offsets in one pass over the input, bounds in increasing order.
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.1, r.2]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let units = utf16_offsets(src, &bounds);
    let unit = |b: usize| units[bounds.binary_search(&b).expect("a bound of the list")];
    for (k, start, end) in ranges {
        evidence[k].spans.push(Span { start, end, start_utf16: unit(start), end_utf16: unit(end) });
    }
}

impl Model {
    /// Every term's signed contribution to the logit margin of `label` over the mean of
    /// the other labels (temperature included). Exact: the contributions plus the bias
    /// margin add up to the margin. A feature seen in several words is shared between
    /// them by occurrences.
    pub fn contributions(&self, v: &SparseVector, terms: &Terms, label: Label) -> BTreeMap<String, f64> {
        let k = label.index();
        let mut by_term: BTreeMap<String, f64> = BTreeMap::new();
        for (&(j, x), sources) in v.entries.iter().zip(&v.sources) {
            let others = (0..6).filter(|&l| l != k).map(|l| self.weight(l, j)).sum::<f64>() / 5.0;
            let push = x * (self.weight(k, j) - others) / f64::from(self.data().temperature);
            let key = &self.data().vocab[j as usize];
            let occurrences: u32 = sources.iter().map(|s| s.1).sum();
            for &(word, n) in sources {
                let term = evidence_label(key, terms, word);
                *by_term.entry(term).or_default() += push * f64::from(n) / f64::from(occurrences);
            }
        }
        by_term
    }

    /// The `top` terms that pushed the passage most towards `label`, largest first.
    pub fn evidence(&self, v: &SparseVector, terms: &Terms, label: Label, top: usize) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = self
            .contributions(v, terms, label)
            .into_iter()
            .filter(|e| e.1 > 0.0)
            .map(|(term, weight)| Evidence { term, weight, spans: Vec::new() })
            .collect();
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        out.truncate(top);
        out
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
}
