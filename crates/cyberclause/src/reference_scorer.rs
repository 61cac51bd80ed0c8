//! The scorer as it was before the one-pass path (model 2026.11.6): terms as string keys in
//! a string hash map, weights label by label, evidence through an ordered map of every
//! term, spans by folding the passage again. Kept as the reference the fast path must
//! match on every corpus passage and fixture, until the fast path has replaced it for a
//! while; tests only.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::classify::{Classifier, ClassifyOptions};
use crate::explain::Evidence;
use crate::features::for_each_term;
use crate::labels::Label;
use crate::model::{softmax, Model};
use crate::segment::Kind;
use crate::span::{utf16_offsets, Span};
use crate::text::fold;
use crate::weighting;

struct Reference<'m> {
    model: &'m Model,
    index: HashMap<String, u32>,
}

/// A passage as the reference sees it: entries, their words, the words.
struct Vector {
    entries: Vec<(u32, f64)>,
    sources: Vec<Vec<(usize, u32)>>,
    words: Vec<String>,
}

impl<'m> Reference<'m> {
    fn new(model: &'m Model) -> Self {
        let index = model.data().vocab.iter().enumerate().map(|(i, k)| (k.clone(), i as u32)).collect();
        Self { model, index }
    }

    fn weight(&self, label: usize, j: u32) -> f64 {
        let d = self.model.data();
        f64::from(d.weights[label * d.vocab.len() + j as usize])
    }

    fn vectorize(&self, text: &str) -> Vector {
        let mut hits: Vec<(u32, usize)> = Vec::new();
        let words = for_each_term(text, &self.model.data().spec, |key, word| {
            if let Some(&j) = self.index.get(key) {
                hits.push((j, word));
            }
        });
        hits.sort_unstable();
        let (mut entries, mut sources) = (Vec::new(), Vec::new());
        for group in hits.chunk_by(|a, b| a.0 == b.0) {
            let j = group[0].0;
            let mut by_word: Vec<(usize, u32)> = Vec::new();
            for &(_, word) in group {
                match by_word.last_mut() {
                    Some(last) if last.0 == word => last.1 += 1,
                    _ => by_word.push((word, 1)),
                }
            }
            entries.push((j, weighting::weight(group.len() as u32, self.model.data().idf[j as usize])));
            sources.push(by_word);
        }
        let norm = weighting::l2_norm(entries.iter().map(|e: &(u32, f64)| e.1));
        if norm > 0.0 {
            entries.iter_mut().for_each(|e| e.1 /= norm);
        }
        Vector { entries, sources, words }
    }

    fn probabilities(&self, v: &Vector) -> [f64; 6] {
        let mut out = [0.0; 6];
        for (k, o) in out.iter_mut().enumerate() {
            *o = f64::from(self.model.data().bias[k]) + v.entries.iter().map(|&(j, x)| x * self.weight(k, j)).sum::<f64>();
        }
        softmax(&out, f64::from(self.model.data().temperature))
    }

    fn evidence(&self, v: &Vector, label: Label, top: usize) -> Vec<Evidence> {
        let k = label.index();
        let mut by_term: BTreeMap<String, f64> = BTreeMap::new();
        for (&(j, x), sources) in v.entries.iter().zip(&v.sources) {
            let others = (0..6).filter(|&l| l != k).map(|l| self.weight(l, j)).sum::<f64>() / 5.0;
            let push = x * (self.weight(k, j) - others) / f64::from(self.model.data().temperature);
            let key = &self.model.data().vocab[j as usize];
            let occurrences: u32 = sources.iter().map(|s| s.1).sum();
            for &(word, n) in sources {
                let term = match key.strip_prefix("b:") { Some(pair) => pair.to_string(), None => v.words[word].clone() };
                *by_term.entry(term).or_default() += push * f64::from(n) / f64::from(occurrences);
            }
        }
        let mut out: Vec<Evidence> =
            by_term.into_iter().filter(|e| e.1 > 0.0).map(|(term, weight)| Evidence { term, weight, spans: Vec::new() }).collect();
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        out.truncate(top);
        out
    }
}

/// A word as a token, as the scorer of 2026.11.6 wrote it.
fn old_normalise(w: &str) -> String {
    if w.chars().all(|c| c.is_ascii_digit()) && w.len() > 4 {
        "#num".to_string()
    } else {
        w.chars().take(30).collect()
    }
}

/// The words of `src[span]` with their byte ranges, each run of letters folded on its own.
fn located_words(src: &str, span: Span) -> Vec<(String, usize, usize)> {
    let slice = &src[span.start..span.end];
    let mut out = Vec::new();
    let mut run: Option<usize> = None;
    let flush = |from: usize, to: usize, out: &mut Vec<(String, usize, usize)>| {
        for part in fold(&slice[from..to]).split(|c: char| !c.is_alphanumeric()) {
            if part.chars().count() >= 2 || (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit())) {
                out.push((old_normalise(part), span.start + from, span.start + to));
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

fn locate(src: &str, span: Span, evidence: &mut [Evidence]) {
    let ws = located_words(src, span);
    let mut ranges = Vec::new();
    for (k, e) in evidence.iter().enumerate() {
        let parts: Vec<&str> = e.term.split(' ').collect();
        for i in 0..ws.len() {
            if ws.len() - i >= parts.len() && parts.iter().zip(&ws[i..]).all(|(p, w)| *p == w.0) {
                ranges.push((k, ws[i].1, ws[i + parts.len() - 1].2));
            }
        }
    }
    let mut bounds: Vec<usize> = ranges.iter().flat_map(|r| [r.1, r.2]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let units = utf16_offsets(src, &bounds);
    let unit = |b: usize| units[bounds.binary_search(&b).unwrap()];
    for (k, start, end) in ranges {
        evidence[k].spans.push(Span { start, end, start_utf16: unit(start), end_utf16: unit(end) });
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shipped() -> Classifier {
    Classifier::from_bytes(&std::fs::read(repo().join("models/cyberclause.model")).unwrap()).unwrap()
}

fn corpus_texts() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("models/corpus/corpus.jsonl")).unwrap();
    text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["text"].as_str().unwrap().to_string()).collect()
}

/// Every `.txt` and `.md` under tests/fixtures.
fn fixtures() -> Vec<String> {
    let mut out = Vec::new();
    let mut dirs = vec![repo().join("tests/fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "txt" || e == "md") {
                out.push(std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    assert!(out.len() >= 5, "fixtures found: {}", out.len());
    out
}

/// The fast path's passage against the reference: same label, probabilities within 1e-12
/// (the issue asks 1e-6), same evidence terms, weights and spans.
fn assert_same(c: &Classifier, r: &Reference, text: &str) {
    let fast = c.classify_passage(text, 8);
    let v = r.vectorize(text);
    let probs = r.probabilities(&v);
    for k in 0..6 {
        assert!((fast.scores.0[k] - probs[k]).abs() <= 1e-12, "{text:?}: {:?} vs {probs:?}", fast.scores.0);
    }
    let label = fast.scores.best();
    assert_eq!(label, crate::classify::Scores(probs).best(), "{text:?}");
    let mut ev = r.evidence(&v, label, 8);
    locate(text, Span::whole(text), &mut ev);
    assert_eq!(fast.evidence.len(), ev.len(), "{text:?}");
    for (a, b) in fast.evidence.iter().zip(&ev) {
        assert_eq!((&a.term, &a.spans), (&b.term, &b.spans), "{text:?}");
        assert!((a.weight - b.weight).abs() <= 1e-12, "{text:?}: {} {} vs {}", a.term, a.weight, b.weight);
    }
}

#[test]
fn the_fast_path_gives_the_reference_answers_on_every_corpus_passage_and_fixture() {
    let c = shipped();
    let r = Reference::new(c.model());
    for text in corpus_texts().iter().chain(&fixtures()) {
        assert_same(&c, &r, text);
    }
}

/// The same texts with a character outside the one-pass table (a combining accent, a
/// ligature, Greek) take the slow fold, and still match.
#[test]
fn the_slow_fold_gives_the_reference_answers_too() {
    let c = shipped();
    let r = Reference::new(c.model());
    for (i, text) in corpus_texts().iter().enumerate().step_by(7) {
        let odd = match i % 3 {
            0 => text.replacen('e', "e\u{0301}", 3),
            1 => format!("{text} ﬁnal"),
            _ => format!("Ω {text}"),
        };
        assert_same(&c, &r, &odd);
    }
}

/// Document mode: every passage of every fixture, judged alone (context 0), scores and
/// explains as the reference scores its repaired text, with spans in the original.
#[test]
fn document_mode_matches_the_reference_passage_by_passage() {
    let c = shipped();
    let r = Reference::new(c.model());
    let opts = ClassifyOptions::default().context(0.0);
    for text in fixtures() {
        let doc = c.classify(&text, &opts).unwrap();
        for p in doc.passages.iter().filter(|p| p.kind == Kind::Passage) {
            let v = r.vectorize(&p.text);
            let probs = r.probabilities(&v);
            assert!((0..6).all(|k| (p.scores.0[k] - probs[k]).abs() <= 1e-12), "{:?}", p.text);
            let mut ev = r.evidence(&v, p.label, 8);
            locate(&text, p.span, &mut ev);
            let pairs = |e: &[Evidence]| e.iter().map(|e| (e.term.clone(), e.spans.clone())).collect::<Vec<_>>();
            assert_eq!(pairs(&p.evidence), pairs(&ev), "{:?}", p.text);
        }
    }
}

