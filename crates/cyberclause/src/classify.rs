//! The whole pipeline: text in, labelled passages with scores and evidence out.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

use crate::context;
use crate::error::{Error, Result};
use crate::labels::Label;
use crate::lang::{self, DocLang, Lang};
use crate::lexicon::Lexicon;
use crate::explain::Evidence;
use crate::model::Model;
use crate::segment::{segment, Granularity, Kind, Segment, SegmentOptions};
use crate::span::Span;
use crate::tokens::{tokenize, Words};

/// Classification settings. Build them with [`ClassifyOptions::default`] and the consuming
/// setters below, each documenting its default; the CLI flags and the wasm options read
/// their defaults from here.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassifyOptions {
    /// How to cut the text. Default [`Granularity::Auto`].
    pub granularity: Granularity,
    /// Longer input is refused with [`Error::InputTooLarge`]. Default 16 MiB; callers with
    /// more text classify it in chunks (the CLI streams, the JS package chunks).
    pub max_bytes: usize,
    /// Evidence terms per passage. Default [`DEFAULT_EVIDENCE`].
    pub evidence: usize,
    /// Weight of the titles of the headings above a passage (see [`crate::context`]); 0
    /// judges each passage alone. Default [`DEFAULT_CONTEXT`].
    pub context: f64,
}

/// The default number of evidence terms per passage.
pub const DEFAULT_EVIDENCE: usize = 8;

/// The default weight of heading titles in document mode, chosen on the four structured laws
/// the team wrote for it (`models/experiments/structured_docs`), with model 2026.11.6: mean
/// passage agreement 0.748 without context, 0.823, 0.822, 0.831 and 0.830 at 0.3, 0.5, 0.75
/// and 1. On the four real laws of the evaluation set: 0.553 without, 0.636, 0.660, 0.671 and
/// 0.648. Differences under 0.01 are a passage or two on these sets.
pub const DEFAULT_CONTEXT: f64 = 0.75;

impl Default for ClassifyOptions {
    fn default() -> Self {
        Self { granularity: Granularity::Auto, max_bytes: 16 << 20, evidence: DEFAULT_EVIDENCE, context: DEFAULT_CONTEXT }
    }
}

impl ClassifyOptions {
    /// How to cut the text (default [`Granularity::Auto`]).
    pub fn granularity(mut self, granularity: Granularity) -> Self {
        self.granularity = granularity;
        self
    }

    /// Evidence terms per passage (default [`DEFAULT_EVIDENCE`]).
    pub fn evidence(mut self, evidence: usize) -> Self {
        self.evidence = evidence;
        self
    }

    /// Weight of heading titles in document mode (default [`DEFAULT_CONTEXT`]; 0: none).
    pub fn context(mut self, context: f64) -> Self {
        self.context = context;
        self
    }

    /// Largest input in bytes (default 16 MiB).
    pub fn max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }
}

/// Six probabilities in [`Label::ALL`] order; serialised as `{label_id: p}`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores(pub [f64; 6]);

impl Scores {
    /// The most probable label (the first on a tie).
    pub fn best(&self) -> Label {
        let mut best = 0;
        for k in 1..6 {
            if self.0[k] > self.0[best] {
                best = k;
            }
        }
        Label::ALL[best]
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(6))?;
        for (l, p) in Label::ALL.iter().zip(self.0) {
            map.serialize_entry(l.id(), &p)?;
        }
        map.end()
    }
}

/// One classified passage.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Passage {
    /// Where it lies in the input, in bytes and UTF-16 units (JavaScript string indices).
    #[serde(flatten)]
    pub span: Span,
    /// The passage as classified (repaired of PDF damage, NFC).
    pub text: String,
    pub label: Label,
    pub scores: Scores,
    pub lang: Lang,
    pub evidence: Vec<Evidence>,
    /// A passage, or a heading (labelled by the passages it heads).
    pub kind: Kind,
    /// The headings above, outermost first ("Chapter II", "Section 2", "Article 19 —
    /// Search and seizure of stored computer data").
    pub path: Vec<String>,
    /// A short reference from the path and the passage's own number ("Art. 19 §3 b)";
    /// empty when there is none). See [`crate::reference`].
    pub reference: String,
}

impl Passage {
    /// Moves every offset (the passage's and its evidence's) into a text that `bytes` bytes
    /// (`units` UTF-16 units) precede: a chunk's passages into the whole document.
    pub fn shift(&mut self, bytes: usize, units: usize) {
        self.span = self.span.shifted(bytes, units);
        for s in self.evidence.iter_mut().flat_map(|e| e.spans.iter_mut()) {
            *s = s.shifted(bytes, units);
        }
    }
}

/// Per-label totals of a document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelSummary {
    pub label: Label,
    pub passages: usize,
    /// Share of the classified text (in characters) under this label, 0..1.
    pub share: f64,
}

/// A classified document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Document {
    pub language: DocLang,
    pub passages: Vec<Passage>,
    pub summary: Vec<LabelSummary>,
}

/// A model plus the pipeline around it.
#[derive(Debug, Clone)]
pub struct Classifier {
    model: Model,
}

impl Classifier {
    pub fn new(model: Model) -> Self {
        Self { model }
    }

    /// Loads a model file (see [`Model::from_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Model::from_bytes(bytes).map(Self::new)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Cuts `text` into passages and classifies each.
    pub fn classify(&self, text: &str, opts: &ClassifyOptions) -> Result<Document> {
        if text.len() > opts.max_bytes {
            return Err(Error::InputTooLarge { len: text.len(), max: opts.max_bytes });
        }
        let mut lexicon = Lexicon::over(self.model.lexicon());
        lexicon.add_text(text);
        let seg_opts = SegmentOptions { granularity: opts.granularity, ..SegmentOptions::default() };
        let segments = segment(text, &lexicon, &seg_opts);
        let mut titles = BTreeMap::new();
        // Each segment's text and path move into its passage.
        let mut passages: Vec<Passage> = segments
            .into_iter()
            .map(|s| match s.kind {
                Kind::Passage => self.passage_in(text, s, opts, &mut titles),
                Kind::Heading => heading(s),
            })
            .collect();
        label_headings(&mut passages);
        crate::reference::assign(&mut passages);
        Ok(document(passages))
    }

    /// Gives back a passage no longer needed: the buffers of its evidence serve the next
    /// passage classified (optional: a passage dropped is simply freed). For callers that
    /// classify passages one by one and keep none of them, as the npm package's
    /// `classifyPassage` does once it has handed the passage to JavaScript.
    pub fn recycle(&self, passage: Passage) {
        self.model.recycle_evidence(passage.evidence);
    }

    /// Classifies `text` as one passage, without segmentation. Offsets cover the whole text.
    pub fn classify_passage(&self, text: &str, evidence: usize) -> Passage {
        let words = tokenize(text);
        let span = Span::whole(text);
        self.scored(&words, text.to_string(), evidence, (text, span, true), |probs| probs)
    }

    /// Passage `s` of the document `src`, its probabilities combined with its headings'
    /// titles, its evidence placed in `src`.
    fn passage_in(&self, src: &str, s: Segment, opts: &ClassifyOptions, titles: &mut BTreeMap<String, [f64; 6]>) -> Passage {
        let Segment { span, text, path, .. } = s;
        let words = tokenize(&text);
        // A passage nothing was repaired in is its own slice of the input: its words
        // already know where they stand there.
        let unrepaired = src.get(span.start..span.end) == Some(text.as_str());
        let place = (src, span, unrepaired);
        let mut p = if opts.context <= 0.0 || path.is_empty() {
            self.scored(&words, text, opts.evidence, place, |probs| probs)
        } else {
            self.scored(&words, text, opts.evidence, place, |probs| context::with_titles(&self.model, probs, &path, opts.context, titles))
        };
        p.path = path;
        p
    }

    /// Scores the passage `text` (its `words`), lets `adjust` change the probabilities,
    /// and explains the label chosen, its evidence placed in `src[span]` (`place`: the
    /// input, the passage's span in it, and whether `words` were read from that very
    /// slice).
    fn scored(&self, words: &Words, text: String, evidence: usize, place: (&str, Span, bool), adjust: impl FnOnce([f64; 6]) -> [f64; 6]) -> Passage {
        let (src, span, own_words) = place;
        let v = self.model.vectorize_words(words);
        let scores = Scores(adjust(self.model.probabilities(&v)));
        let label = scores.best();
        let evidence = if own_words && words.located() {
            self.model.placed_evidence(&v, words, label, evidence, src, span)
        } else {
            // A repaired text, or words read on the slow path without their places: the
            // terms are looked for in the slice.
            let mut found = self.model.evidence(&v, words, label, evidence);
            crate::explain::locate(src, span, &mut found);
            found
        };
        let lang = lang::from_markers(v.markers, words.len());
        self.model.recycle(v);
        Passage { span, text, label, scores, lang, evidence, kind: Kind::Passage, path: Vec::new(), reference: String::new() }
    }
}

/// A heading before its label is known.
fn heading(s: Segment) -> Passage {
    Passage {
        span: s.span,
        lang: lang::detect(&s.text),
        text: s.text,
        path: s.path,
        label: Label::Other,
        scores: Scores([0.0, 0.0, 0.0, 0.0, 0.0, 1.0]),
        evidence: Vec::new(),
        kind: Kind::Heading,
        reference: String::new(),
    }
}

/// A heading takes the label of what it heads when all its passages agree, with the mean
/// of their scores; else `other`, certain (the guide's rule for headings, not a guess).
/// Its scope is the run of passages after it whose path goes through it. A heading too
/// short to tell its language takes its first passage's.
fn label_headings(passages: &mut [Passage]) {
    for i in 0..passages.len() {
        if passages[i].kind != Kind::Heading {
            continue;
        }
        let depth = passages[i].path.len();
        let own = passages[i].text.trim_start_matches('#').trim_start();
        let under = |s: &Passage| s.path.get(depth).is_some_and(|p| p == own) && s.path[..depth] == passages[i].path[..];
        let scope: Vec<usize> =
            (i + 1..passages.len()).take_while(|&j| under(&passages[j])).filter(|&j| passages[j].kind == Kind::Passage).collect();
        let Some(&first) = scope.first() else { continue };
        if passages[i].lang == Lang::Unknown {
            passages[i].lang = passages[first].lang;
        }
        let label = passages[first].label;
        let mut mean = [0.0; 6];
        for &j in &scope {
            passages[j].scores.0.iter().enumerate().for_each(|(k, p)| mean[k] += p / scope.len() as f64);
        }
        if scope.iter().all(|&j| passages[j].label == label) {
            passages[i].label = label;
            passages[i].scores = Scores(mean);
        }
    }
}

/// Totals over passages (headings repeat what they head, so they are left out), and the
/// document's language, which a passage too short to tell then takes.
fn document(mut passages: Vec<Passage>) -> Document {
    let sizes: Vec<(Lang, usize)> =
        passages.iter().map(|p| (p.lang, if p.kind == Kind::Passage { p.text.chars().count() } else { 0 })).collect();
    let total: usize = sizes.iter().map(|s| s.1).sum();
    let language = lang::document(&sizes);
    for p in &mut passages {
        p.lang = lang::with_fallback(&p.text, p.lang, language);
    }
    let summary = Label::ALL
        .iter()
        .map(|&label| {
            let mine = passages.iter().zip(&sizes).filter(|(p, _)| p.label == label && p.kind == Kind::Passage);
            let chars: usize = mine.clone().map(|(_, s)| s.1).sum();
            LabelSummary {
                label,
                passages: mine.count(),
                share: if total == 0 { 0.0 } else { chars as f64 / total as f64 },
            }
        })
        .collect();
    Document { language, passages, summary }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::toy;

    /// A passage classified after another was given back is the passage classified
    /// afresh, in the other's buffers: nothing of it is left (a term or span too many).
    #[test]
    fn a_passage_after_one_given_back_holds_nothing_of_it() {
        let bytes = include_bytes!("../../../models/cyberclause.model");
        let (used, fresh) = (Classifier::from_bytes(bytes).unwrap(), Classifier::from_bytes(bytes).unwrap());
        let long = "Le fait d'accéder frauduleusement à un système de traitement automatisé de données, ou de s'y maintenir frauduleusement, est puni de deux ans d'emprisonnement ; l'accès aux données du système est puni.";
        let short = "The computer system.";
        let first = used.classify_passage(long, 8);
        let (terms, longest) = (first.evidence.as_ptr(), first.evidence.iter().map(|e| e.spans.len()).max());
        used.recycle(first);
        let (a, b) = (used.classify_passage(short, 8), fresh.classify_passage(short, 8));
        assert_eq!(a.evidence.as_ptr(), terms, "the evidence list was reused");
        assert!(longest > Some(1) && a.evidence.len() < 8, "{:?}", a.evidence);
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
    }

    #[test]
    fn classifies_each_passage_with_offsets() {
        let c = Classifier::new(toy());
        let text = "Le hack du système est puni de trois ans.\n\nLe juge autorise la mesure ordonnée ici.";
        let doc = c.classify(text, &ClassifyOptions::default()).unwrap();
        assert_eq!(doc.passages.len(), 2);
        assert_eq!(doc.passages[0].label, Label::CyberDependent);
        assert_eq!(doc.passages[1].label, Label::Safeguard);
        assert_eq!(&text[doc.passages[1].span.start..doc.passages[1].span.end], "Le juge autorise la mesure ordonnée ici.");
        assert_eq!(doc.language, DocLang::Fr);
        let shares: f64 = doc.summary.iter().map(|s| s.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
        assert_eq!(doc.summary[0].passages, 1);
    }

    #[test]
    fn a_heading_title_weighs_on_the_passages_under_it_in_document_mode_only() {
        let c = Classifier::new(toy());
        let text = "Article 5 — hack\n\nLe juge autorise la mesure ordonnée ici et maintenant.";
        let alone = c.classify(text, &ClassifyOptions { context: 0.0, ..Default::default() }).unwrap();
        let with = c.classify(text, &ClassifyOptions { context: 2.0, ..Default::default() }).unwrap();
        assert_eq!(alone.passages[1].label, Label::Safeguard);
        assert_eq!(with.passages[1].label, Label::CyberDependent);
        assert_eq!(with.passages[1].path, ["Article 5 — hack"]);
        // The heading takes the label of its one passage.
        assert_eq!((with.passages[0].kind, with.passages[0].label), (Kind::Heading, Label::CyberDependent));
        let p = c.classify_passage("Le juge autorise la mesure ordonnée ici et maintenant.", 8);
        assert_eq!(p.scores, alone.passages[1].scores);
    }

    #[test]
    fn no_evidence_asked_gives_none_and_the_same_scores() {
        let c = Classifier::new(toy());
        let text = "Le hack du système est puni de trois ans, et le juge autorise la mesure.";
        let (with, without) = (c.classify_passage(text, 8), c.classify_passage(text, 0));
        assert!(!with.evidence.is_empty());
        assert!(without.evidence.is_empty());
        assert_eq!((with.scores, with.label, with.lang), (without.scores, without.label, without.lang));
    }

    #[test]
    fn refuses_oversized_input_clearly() {
        let c = Classifier::new(toy());
        let opts = ClassifyOptions { max_bytes: 10, ..Default::default() };
        let err = c.classify("x".repeat(11).as_str(), &opts).unwrap_err();
        assert_eq!(err.code(), "INPUT_TOO_LARGE");
    }

    #[test]
    fn empty_text_gives_an_empty_document() {
        let doc = Classifier::new(toy()).classify("", &ClassifyOptions::default()).unwrap();
        assert!(doc.passages.is_empty());
        assert_eq!(doc.language, DocLang::Unknown);
        assert!(doc.summary.iter().all(|s| s.share == 0.0));
    }

    #[test]
    fn scores_serialise_as_a_map_of_label_ids() {
        let json = serde_json::to_value(Scores([0.5, 0.1, 0.1, 0.1, 0.1, 0.1])).unwrap();
        assert_eq!(json["cyber_dependent"], 0.5);
        assert_eq!(json.as_object().unwrap().len(), 6);
    }
}
