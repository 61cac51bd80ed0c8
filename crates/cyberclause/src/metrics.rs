//! Evaluation figures: accuracy, per-label precision/recall/F1, macro-F1, confusion
//! matrix and expected calibration error.

use serde::Serialize;

use crate::labels::Label;

/// Precision, recall and F1 of one label.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LabelScores {
    pub label: Label,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

/// Figures for a set of predictions.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub n: usize,
    pub accuracy: f64,
    pub macro_f1: f64,
    pub per_label: Vec<LabelScores>,
    /// `confusion[gold][predicted]`, in [`Label::ALL`] order.
    pub confusion: [[usize; 6]; 6],
    /// Expected calibration error of the top probability, 10 equal-width bins.
    pub ece: f64,
}

/// One prediction: the gold label and the six probabilities.
#[derive(Debug, Clone, Copy)]
pub struct Prediction {
    pub gold: Label,
    pub probs: [f64; 6],
}

impl Prediction {
    pub fn predicted(&self) -> Label {
        crate::classify::Scores(self.probs).best()
    }
}

/// Computes the report. Labels absent from both gold and predictions are left out of the
/// macro average (their F1 is undefined), as scikit-learn does with `labels=` present ones.
pub fn report(preds: &[Prediction]) -> Report {
    let mut confusion = [[0usize; 6]; 6];
    for p in preds {
        confusion[p.gold.index()][p.predicted().index()] += 1;
    }
    let per_label: Vec<LabelScores> = Label::ALL.iter().map(|&l| label_scores(&confusion, l)).collect();
    let present: Vec<&LabelScores> = per_label
        .iter()
        .filter(|s| s.support > 0 || (0..6).any(|g| confusion[g][s.label.index()] > 0))
        .collect();
    let macro_f1 = if present.is_empty() { 0.0 } else { present.iter().map(|s| s.f1).sum::<f64>() / present.len() as f64 };
    let correct: usize = (0..6).map(|k| confusion[k][k]).sum();
    Report {
        n: preds.len(),
        accuracy: ratio(correct, preds.len()),
        macro_f1,
        per_label,
        confusion,
        ece: ece(preds, 10),
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn label_scores(confusion: &[[usize; 6]; 6], label: Label) -> LabelScores {
    let k = label.index();
    let tp = confusion[k][k];
    let predicted: usize = (0..6).map(|g| confusion[g][k]).sum();
    let support: usize = confusion[k].iter().sum();
    let precision = ratio(tp, predicted);
    let recall = ratio(tp, support);
    let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    LabelScores { label, precision, recall, f1, support }
}

/// Expected calibration error: the mean gap between confidence and accuracy per bin,
/// weighted by the bin's share of predictions.
pub fn ece(preds: &[Prediction], bins: usize) -> f64 {
    if preds.is_empty() {
        return 0.0;
    }
    let mut conf = vec![0.0; bins];
    let mut hits = vec![0.0; bins];
    let mut count = vec![0usize; bins];
    for p in preds {
        let top = p.probs.iter().copied().fold(0.0, f64::max);
        let b = ((top * bins as f64) as usize).min(bins - 1);
        conf[b] += top;
        hits[b] += f64::from(u8::from(p.predicted() == p.gold));
        count[b] += 1;
    }
    (0..bins)
        .filter(|&b| count[b] > 0)
        .map(|b| (conf[b] - hits[b]).abs() / preds.len() as f64)
        .sum()
}

/// Mean negative log-likelihood of the gold labels.
pub fn nll(preds: &[Prediction]) -> f64 {
    preds.iter().map(|p| -p.probs[p.gold.index()].max(1e-12).ln()).sum::<f64>() / preds.len().max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(gold: Label, k: usize, conf: f64) -> Prediction {
        let mut probs = [(1.0 - conf) / 5.0; 6];
        probs[k] = conf;
        Prediction { gold, probs }
    }

    #[test]
    fn perfect_and_wrong_predictions() {
        let all_right: Vec<_> = Label::ALL.iter().map(|&l| p(l, l.index(), 1.0)).collect();
        let r = report(&all_right);
        assert_eq!(r.accuracy, 1.0);
        assert_eq!(r.macro_f1, 1.0);
        assert!(r.ece < 1e-12);
        let r = report(&[p(Label::Safeguard, 0, 0.9), p(Label::Safeguard, 4, 0.9)]);
        assert_eq!(r.accuracy, 0.5);
        assert_eq!(r.confusion[4][0], 1);
        // safeguard: P=1, R=0.5 → F1 2/3; cyber_dependent: P=0 → 0; mean over the two present.
        assert!((r.macro_f1 - (2.0 / 3.0) / 2.0).abs() < 1e-12);
        assert!((r.ece - 0.4).abs() < 1e-12);
    }
}
