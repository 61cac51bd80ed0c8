//! Comparing two drafts of a text: both are classified, their passages aligned by
//! similarity (`align`), and for each label the passages added, removed and changed (with
//! a word diff, `worddiff`) are listed, with the count of those unchanged, the passages
//! whose label changed, and both summaries. Negotiated texts go through many drafts; this
//! is how a reader finds what moved.

use serde::Serialize;

use crate::align::{align, Pair, Vocabulary};
use crate::chunks::DEFAULT_CHUNK_BYTES;
use crate::classify::{Classifier, ClassifyOptions, Document};
use crate::error::{Error, Result};
use crate::labels::Label;
use crate::segment::Kind;
use crate::worddiff::{diff, is_equal, Run};

/// The default similarity (cosine of word counts, 0..1) for two passages to be aligned.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// Comparison settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareOptions {
    /// How each draft is classified (`max_bytes` applies to each chunk).
    pub classify: ClassifyOptions,
    /// Least similarity for two passages to be aligned, above 0 and at most 1. Default
    /// [`DEFAULT_THRESHOLD`].
    pub threshold: f64,
    /// Each draft is classified in chunks of about this many bytes. Default 1 MiB.
    pub chunk_bytes: usize,
}

impl Default for CompareOptions {
    fn default() -> Self {
        Self { classify: ClassifyOptions::default(), threshold: DEFAULT_THRESHOLD, chunk_bytes: DEFAULT_CHUNK_BYTES }
    }
}

/// An old passage and the new passage that continues it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Index into the old document's passages.
    pub old: usize,
    /// Index into the new document's passages.
    pub new: usize,
    /// Cosine of their word counts (numbers left out), 0..1.
    pub similarity: f64,
    /// Aligned out of order: the passage moved.
    pub moved: bool,
    pub old_label: Label,
    pub new_label: Label,
    /// Word runs; offsets into the old and new texts.
    pub diff: Vec<Run>,
}

/// What happened to one label's passages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelDelta {
    pub label: Label,
    /// New passages with this label and no counterpart in the old draft.
    pub added: Vec<usize>,
    /// Old passages with this label and no counterpart in the new draft.
    pub removed: Vec<usize>,
    /// Pairs whose new passage has this label and whose words changed, or which moved.
    pub changed: Vec<Change>,
    /// Pairs whose new passage has this label, same words, same place.
    pub unchanged: usize,
}

/// Two drafts compared.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub old: Document,
    pub new: Document,
    /// One entry per label, in [`Label::ALL`] order.
    pub labels: Vec<LabelDelta>,
    /// Aligned pairs whose label differs between the drafts (also in `labels`, under the
    /// new label, when their words changed).
    pub label_changes: Vec<Change>,
    pub threshold: f64,
}

impl Classifier {
    /// Classifies both drafts and compares them (see [`compare_documents`]).
    pub fn compare(&self, old_text: &str, new_text: &str, opts: &CompareOptions) -> Result<Comparison> {
        check(opts)?;
        let old = self.classify_chunked(old_text, &opts.classify, opts.chunk_bytes)?;
        let new = self.classify_chunked(new_text, &opts.classify, opts.chunk_bytes)?;
        Ok(compare_documents(old_text, old, new_text, new, opts.threshold))
    }
}

fn check(opts: &CompareOptions) -> Result<()> {
    if !(opts.threshold > 0.0 && opts.threshold <= 1.0) {
        // (The value is not written back: printing a float would bring 14 KB of
        // formatting into the wasm module, for a number the caller has at hand.)
        return Err(Error::InvalidOptions("the similarity threshold must be above 0 and at most 1".into()));
    }
    if opts.chunk_bytes == 0 {
        return Err(Error::InvalidOptions("the chunk size must be at least 1 byte".into()));
    }
    Ok(())
}

/// Compares two classified drafts of `old_text` and `new_text`. Passages are aligned,
/// headings are not (they repeat what they head); indices are into each `passages`.
pub fn compare_documents(old_text: &str, old: Document, new_text: &str, new: Document, threshold: f64) -> Comparison {
    let pick = |d: &Document| -> Vec<usize> { (0..d.passages.len()).filter(|&i| d.passages[i].kind == Kind::Passage).collect() };
    let (oi, ni) = (pick(&old), pick(&new));
    let mut vocab = Vocabulary::default();
    let ob: Vec<_> = oi.iter().map(|&i| vocab.bag(&old.passages[i].text)).collect();
    let nb: Vec<_> = ni.iter().map(|&i| vocab.bag(&new.passages[i].text)).collect();
    let pairs = align(&ob, &nb, threshold);
    let mut labels: Vec<LabelDelta> =
        Label::ALL.iter().map(|&label| LabelDelta { label, added: vec![], removed: vec![], changed: vec![], unchanged: 0 }).collect();
    let mut label_changes = Vec::new();
    let (mut paired_old, mut paired_new) = (vec![false; oi.len()], vec![false; ni.len()]);
    for &Pair { old: a, new: b, similarity, moved } in &pairs {
        (paired_old[a], paired_new[b]) = (true, true);
        let (po, pn) = (&old.passages[oi[a]], &new.passages[ni[b]]);
        let runs = diff(old_text, po.span, new_text, pn.span);
        let same = is_equal(&runs);
        let change = Change { old: oi[a], new: ni[b], similarity, moved, old_label: po.label, new_label: pn.label, diff: runs };
        if po.label != pn.label {
            label_changes.push(change.clone());
        }
        let delta = &mut labels[pn.label.index()];
        if same && !moved {
            delta.unchanged += 1;
        } else {
            delta.changed.push(change);
        }
    }
    for (k, _) in paired_new.iter().enumerate().filter(|(_, p)| !**p) {
        labels[new.passages[ni[k]].label.index()].added.push(ni[k]);
    }
    for (k, _) in paired_old.iter().enumerate().filter(|(_, p)| !**p) {
        labels[old.passages[oi[k]].label.index()].removed.push(oi[k]);
    }
    Comparison { old, new, labels, label_changes, threshold }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::toy;
    use crate::worddiff::Op;

    #[test]
    fn added_removed_changed_and_relabelled() {
        let c = Classifier::new(toy());
        let old = "Le hack du système est puni de trois ans.\n\nLe juge autorise la mesure ordonnée ici.\n\nUn texte sans rapport avec le reste ici.";
        let new = "Le hack du système est puni de cinq ans.\n\nLe juge autorise la mesure ordonnée ici.\n\nUne mesure toute nouvelle du juge autorise le hack.";
        let cmp = c.compare(old, new, &CompareOptions::default()).unwrap();
        let total_unchanged: usize = cmp.labels.iter().map(|d| d.unchanged).sum();
        assert_eq!(total_unchanged, 1);
        let changed: Vec<&Change> = cmp.labels.iter().flat_map(|d| &d.changed).collect();
        assert_eq!(changed.len(), 1);
        let ops: Vec<(Op, &str)> = changed[0].diff.iter().map(|r| (r.op, r.text.as_str())).collect();
        assert!(ops.contains(&(Op::Delete, "trois")) && ops.contains(&(Op::Insert, "cinq")), "{ops:?}");
        assert_eq!(cmp.labels.iter().map(|d| d.added.len()).sum::<usize>(), 1);
        assert_eq!(cmp.labels.iter().map(|d| d.removed.len()).sum::<usize>(), 1);
    }

    #[test]
    fn bad_thresholds_are_refused_clearly() {
        let c = Classifier::new(toy());
        for t in [0.0, -1.0, 1.5, f64::NAN] {
            let err = c.compare("a", "b", &CompareOptions { threshold: t, ..Default::default() }).unwrap_err();
            assert_eq!(err.code(), "INVALID_OPTIONS");
        }
    }

    #[test]
    fn empty_drafts_compare_to_nothing() {
        let cmp = Classifier::new(toy()).compare("", "", &CompareOptions::default()).unwrap();
        assert!(cmp.labels.iter().all(|d| d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty() && d.unchanged == 0));
    }
}
