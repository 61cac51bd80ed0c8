//! Evidence: which words pushed a passage towards its label, and by how much. The model is
//! linear, so each term's share of the label's logit margin is exact.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::features::{evidence_label, Terms};
use crate::labels::Label;
use crate::model::{Model, SparseVector};

/// One term's push towards the chosen label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub term: String,
    pub weight: f64,
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
            .map(|(term, weight)| Evidence { term, weight })
            .collect();
        out.sort_by(|a, b| b.weight.total_cmp(&a.weight).then_with(|| a.term.cmp(&b.term)));
        out.truncate(top);
        out
    }
}
