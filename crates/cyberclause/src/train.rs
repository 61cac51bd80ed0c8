//! Training with linfa: vocabulary selection, TF-IDF, the three candidate algorithms,
//! grouped stratified cross-validation and temperature calibration.

use std::collections::{BTreeMap, BTreeSet};

use linfa::prelude::*;
use linfa_bayes::{MultinomialNb, NaiveBayes};
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2, Axis};

use crate::error::{Error, Result};
use crate::features::{for_each_term, FeatureSpec};
use crate::labels::Label;
use crate::metrics::{nll, Prediction};
use crate::model::{softmax, Model, ModelData, ModelMeta};
use crate::weighting;

/// A labelled training passage. `group` ties a passage to its translations so that
/// cross-validation never tests on the translation of a training passage.
#[derive(Debug, Clone)]
pub struct Example {
    pub id: String,
    pub text: String,
    pub label: Label,
    pub lang: String,
    pub group: String,
}

/// The algorithms compared by cross-validation; all are linfa models.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Algorithm {
    /// `linfa_logistic::MultiLogisticRegression` with L2 penalty `alpha`.
    Logistic { alpha: f64 },
    /// `linfa_bayes::MultinomialNb` with additive smoothing `alpha`.
    NaiveBayes { alpha: f64 },
    /// Features scaled by how much naive Bayes' log-probabilities differ across labels,
    /// then multinomial logistic regression (an NBSVM-style combination).
    NbLogistic { nb_alpha: f64, alpha: f64 },
    /// A weighted sum of the two linear models: `(1 − nb_weight) ×` logistic regression
    /// (L2 penalty `alpha`) `+ nb_weight ×` naive Bayes (smoothing `nb_alpha`), both fitted
    /// on the same TF-IDF features. Still one linear model, so scoring and evidence are
    /// unchanged. Naive Bayes transfers better to statutes, logistic regression fits the
    /// corpus better.
    Blend { nb_alpha: f64, alpha: f64, nb_weight: f64 },
}

impl std::fmt::Display for Algorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Algorithm::Logistic { alpha } => write!(f, "linfa-logistic MultiLogisticRegression (alpha={alpha})"),
            Algorithm::NaiveBayes { alpha } => write!(f, "linfa-bayes MultinomialNb (alpha={alpha})"),
            Algorithm::NbLogistic { nb_alpha, alpha } => {
                write!(f, "NB-weighted features (MultinomialNb alpha={nb_alpha}) into MultiLogisticRegression (alpha={alpha})")
            }
            Algorithm::Blend { nb_alpha, alpha, nb_weight } => write!(
                f,
                "{:.2} × linfa-logistic MultiLogisticRegression (alpha={alpha}) + {nb_weight:.2} × linfa-bayes MultinomialNb (alpha={nb_alpha})",
                1.0 - nb_weight
            ),
        }
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Default: logistic regression, alpha 0.1.
    pub algorithm: Algorithm,
    /// Features kept after chi-square ranking. Default 8000.
    pub features: usize,
    /// Minimum document frequency of a kept feature. Default 2.
    pub min_df: usize,
    pub spec: FeatureSpec,
    /// L-BFGS iterations for logistic regression. Default 150: on the corpus the solver
    /// never meets linfa's gradient tolerance, and going on to 300 moves the summed
    /// weights by 1e-5 (relative) and the cross-validated macro-F1 by less than 1e-4,
    /// at twice the fit time.
    pub max_iterations: u64,
    /// How far to move each label's bias from the training prior towards a uniform one:
    /// `bias -= prior_correction × ln(share of the label)`. The corpus is half `other`
    /// while real laws are not, and macro-F1 weighs every label alike. Default 0.5.
    pub prior_correction: f64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            algorithm: Algorithm::Logistic { alpha: 0.1 },
            features: 8000,
            min_df: 2,
            spec: FeatureSpec::default(),
            max_iterations: 150,
            prior_correction: 0.5,
        }
    }
}

/// A fitted linear model over a selected vocabulary, in f64 (before storage as f32).
#[derive(Debug, Clone)]
pub struct Fitted {
    pub vocab: Vec<String>,
    pub idf: Vec<f64>,
    /// `features × 6`.
    pub weights: Array2<f64>,
    pub bias: Array1<f64>,
}

fn term_counts(text: &str, spec: &FeatureSpec) -> BTreeMap<String, u32> {
    let mut counts: BTreeMap<String, u32> = BTreeMap::new();
    for_each_term(text, spec, |key, _| match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    });
    counts
}

/// Keeps the `k` features with the highest chi-square (max over labels) among those in
/// at least `min_df` passages. Ties break on the key, so the choice is deterministic.
fn select_vocabulary(docs: &[BTreeMap<String, u32>], labels: &[Label], k: usize, min_df: usize) -> Vec<(String, usize)> {
    let n = docs.len() as f64;
    let mut class_n = [0f64; 6];
    labels.iter().for_each(|l| class_n[l.index()] += 1.0);
    let mut df: BTreeMap<&str, [u32; 6]> = BTreeMap::new();
    for (doc, label) in docs.iter().zip(labels) {
        for key in doc.keys() {
            df.entry(key.as_str()).or_insert([0; 6])[label.index()] += 1;
        }
    }
    let mut scored: Vec<(f64, &str, usize)> = df
        .iter()
        .filter_map(|(key, per)| {
            let total: u32 = per.iter().sum();
            (total as usize >= min_df).then(|| (chi2_max(per, &class_n, n), *key, total as usize))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut chosen: Vec<(String, usize)> = scored.into_iter().take(k).map(|(_, key, d)| (key.to_string(), d)).collect();
    chosen.sort();
    chosen
}

fn chi2_max(per: &[u32; 6], class_n: &[f64; 6], n: f64) -> f64 {
    let with: f64 = per.iter().map(|&x| f64::from(x)).sum();
    (0..6)
        .map(|c| {
            let a = f64::from(per[c]);
            let b = with - a;
            let cc = class_n[c] - a;
            let d = n - with - cc;
            let denom = (a + cc) * (b + d) * (a + b) * (cc + d);
            if denom == 0.0 {
                0.0
            } else {
                n * (a * d - b * cc).powi(2) / denom
            }
        })
        .fold(0.0, f64::max)
}

/// The TF-IDF design matrix: sublinear term frequency times IDF, rows L2-normalised,
/// exactly as [`Model::vectorize`] computes it.
fn design(docs: &[BTreeMap<String, u32>], index: &BTreeMap<&str, usize>, idf: &[f64]) -> Array2<f64> {
    let mut x = Array2::<f64>::zeros((docs.len(), idf.len()));
    for (i, doc) in docs.iter().enumerate() {
        let mut row = x.row_mut(i);
        for (key, &count) in doc {
            if let Some(&j) = index.get(key.as_str()) {
                row[j] = weighting::weight(count, idf[j] as f32);
            }
        }
        let norm = weighting::l2_norm(row.iter().copied());
        if norm > 0.0 {
            row.mapv_inplace(|v| v / norm);
        }
    }
    x
}

/// The selected vocabulary, its IDF and the design matrix with its targets.
struct Prepared {
    vocab: Vec<String>,
    idf: Vec<f64>,
    x: Array2<f64>,
    y: Array1<usize>,
}

fn prepare(examples: &[Example], cfg: &TrainConfig) -> Prepared {
    let docs: Vec<BTreeMap<String, u32>> = examples.iter().map(|e| term_counts(&e.text, &cfg.spec)).collect();
    let labels: Vec<Label> = examples.iter().map(|e| e.label).collect();
    let chosen = select_vocabulary(&docs, &labels, cfg.features, cfg.min_df);
    let idf: Vec<f64> = chosen.iter().map(|(_, d)| weighting::idf(docs.len(), *d)).collect();
    let vocab: Vec<String> = chosen.into_iter().map(|(k, _)| k).collect();
    let index: BTreeMap<&str, usize> = vocab.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let x = design(&docs, &index, &idf);
    let y: Array1<usize> = labels.iter().map(|l| l.index()).collect();
    Prepared { vocab, idf, x, y }
}

/// Fits `cfg` on `examples`.
pub fn fit(examples: &[Example], cfg: &TrainConfig) -> Result<Fitted> {
    let present: BTreeSet<Label> = examples.iter().map(|e| e.label).collect();
    if present.len() != 6 {
        return Err(Error::InvalidTrainingData(format!("need all six labels, found {}", present.len())));
    }
    let Prepared { vocab, idf, x, y } = prepare(examples, cfg);
    let (weights, mut bias) = fit_linear(x, y, cfg)?;
    correct_prior(&mut bias, examples, cfg.prior_correction);
    Ok(Fitted { vocab, idf, weights, bias })
}

/// Shifts the biases away from the training prior (see [`TrainConfig::prior_correction`]).
fn correct_prior(bias: &mut Array1<f64>, examples: &[Example], strength: f64) {
    let shares = label_shares(examples);
    for c in 0..6 {
        bias[c] -= strength * shares[c].ln();
    }
}

/// Each label's share of `examples`.
pub fn label_shares(examples: &[Example]) -> [f64; 6] {
    let mut shares = [0f64; 6];
    examples.iter().for_each(|e| shares[e.label.index()] += 1.0 / examples.len() as f64);
    shares
}

/// Logits as a model fitted with prior correction `strength` would give them, from logits
/// of one fitted without (used to choose the strength on out-of-fold logits).
pub fn shift_logits(logits: &[[f64; 6]], shares: &[f64; 6], strength: f64) -> Vec<[f64; 6]> {
    logits.iter().map(|l| std::array::from_fn(|c| l[c] - strength * shares[c].ln())).collect()
}

fn fit_linear(x: Array2<f64>, y: Array1<usize>, cfg: &TrainConfig) -> Result<(Array2<f64>, Array1<f64>)> {
    if x.iter().any(|v| !v.is_finite()) {
        return Err(Error::InvalidTrainingData("non-finite feature values".into()));
    }
    match cfg.algorithm {
        Algorithm::Logistic { alpha } => logistic(x, y, alpha, cfg.max_iterations),
        Algorithm::NaiveBayes { alpha } => naive_bayes(&x, &y, alpha),
        Algorithm::NbLogistic { nb_alpha, alpha } => {
            let (nb_w, _) = naive_bayes(&x, &y, nb_alpha)?;
            let scale = nb_w.map_axis(Axis(1), |row| {
                let mean = row.mean().unwrap_or(0.0);
                (row.mapv(|v| (v - mean).powi(2)).mean().unwrap_or(0.0)).sqrt()
            });
            let scaled = &x * &scale.view().insert_axis(Axis(0));
            let (w, b) = logistic(scaled, y, alpha, cfg.max_iterations)?;
            Ok((&w * &scale.view().insert_axis(Axis(1)), b))
        }
        Algorithm::Blend { nb_alpha, alpha, nb_weight } => {
            let (nb_w, nb_b) = naive_bayes(&x, &y, nb_alpha)?;
            let (lr_w, lr_b) = logistic(x, y, alpha, cfg.max_iterations)?;
            Ok((lr_w * (1.0 - nb_weight) + nb_w * nb_weight, lr_b * (1.0 - nb_weight) + nb_b * nb_weight))
        }
    }
}

/// The parameters of linfa's multinomial logistic regression, as `features × 6`.
pub fn logistic(x: Array2<f64>, y: Array1<usize>, alpha: f64, iterations: u64) -> Result<(Array2<f64>, Array1<f64>)> {
    let model = fit_logistic(x, y, alpha, iterations)?;
    Ok((model.params().clone(), model.intercept().clone()))
}

/// Fits linfa's `MultiLogisticRegression` (exposed for the parity test).
pub fn fit_logistic(
    x: Array2<f64>,
    y: Array1<usize>,
    alpha: f64,
    iterations: u64,
) -> Result<linfa_logistic::MultiFittedLogisticRegression<f64, usize>> {
    let ds = Dataset::new(x, y);
    let model = MultiLogisticRegression::default()
        .alpha(alpha)
        .max_iterations(iterations)
        .fit(&ds)
        .map_err(|e| Error::Training(e.to_string()))?;
    if model.classes() != [0, 1, 2, 3, 4, 5] {
        return Err(Error::Training("a label is missing from the training data".into()));
    }
    Ok(model)
}

/// linfa's multinomial naive Bayes as a linear model: its joint log-likelihood is
/// `x · log P(feature | label) + log P(label)`, read back by probing unit vectors.
fn naive_bayes(x: &Array2<f64>, y: &Array1<usize>, alpha: f64) -> Result<(Array2<f64>, Array1<f64>)> {
    let ds = DatasetView::new(x.view(), y.view());
    let nb = MultinomialNb::params().alpha(alpha).fit(&ds).map_err(|e| Error::Training(e.to_string()))?;
    let k = x.ncols();
    let zero = Array2::<f64>::zeros((1, k));
    let bias = jll(&nb, &zero).row(0).to_owned();
    let mut weights = Array2::<f64>::zeros((k, 6));
    for start in (0..k).step_by(512) {
        let end = (start + 512).min(k);
        let mut probe = Array2::<f64>::zeros((end - start, k));
        (start..end).for_each(|j| probe[[j - start, j]] = 1.0);
        let out = jll(&nb, &probe);
        for j in start..end {
            for c in 0..6 {
                weights[[j, c]] = out[[j - start, c]] - bias[c];
            }
        }
    }
    Ok((weights, bias))
}

fn jll(nb: &MultinomialNb<f64, usize>, x: &Array2<f64>) -> Array2<f64> {
    let by_class = nb.joint_log_likelihood(x.view());
    let mut out = Array2::<f64>::zeros((x.nrows(), 6));
    for (class, values) in by_class {
        out.column_mut(*class).assign(&values);
    }
    out
}

/// Assigns each example to one of `k` folds: whole groups together, each label's groups
/// dealt round-robin in a fixed pseudo-random order.
pub fn folds(examples: &[Example], k: usize) -> Vec<usize> {
    let mut groups: BTreeMap<&str, Label> = BTreeMap::new();
    for e in examples {
        groups.entry(e.group.as_str()).or_insert(e.label);
    }
    let mut order: Vec<(Label, u64, &str)> = groups.iter().map(|(g, l)| (*l, crate::hash::fnv1a(g.as_bytes()), *g)).collect();
    order.sort();
    let mut fold_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut dealt = [0usize; 6];
    for (label, _, g) in order {
        fold_of.insert(g, dealt[label.index()] % k);
        dealt[label.index()] += 1;
    }
    examples.iter().map(|e| fold_of[e.group.as_str()]).collect()
}


/// Out-of-fold logits for every example (k-fold, grouped and stratified).
pub fn cross_validate(examples: &[Example], cfg: &TrainConfig, k: usize) -> Result<Vec<[f64; 6]>> {
    let fold = folds(examples, k);
    let mut logits = vec![[0.0; 6]; examples.len()];
    for f in 0..k {
        let train: Vec<Example> = examples.iter().zip(&fold).filter(|(_, &g)| g != f).map(|(e, _)| e.clone()).collect();
        let model = to_model(&fit(&train, cfg)?, cfg, 1.0, ModelMeta::default())?;
        for (i, e) in examples.iter().enumerate() {
            if fold[i] == f {
                logits[i] = model.logits(&model.vectorize(&e.text).0);
            }
        }
    }
    Ok(logits)
}

/// Predictions from logits at a temperature.
pub fn predictions(logits: &[[f64; 6]], gold: &[Label], temperature: f64) -> Vec<Prediction> {
    logits.iter().zip(gold).map(|(l, &g)| Prediction { gold: g, probs: softmax(l, temperature) }).collect()
}

/// The temperature in [0.2, 5] minimising the negative log-likelihood (golden-section
/// search on a log scale; the NLL is unimodal in the temperature).
pub fn fit_temperature(logits: &[[f64; 6]], gold: &[Label]) -> f64 {
    let loss = |lt: f64| nll(&predictions(logits, gold, lt.exp()));
    let (mut a, mut b) = (0.2f64.ln(), 5f64.ln());
    let r = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let c = b - r * (b - a);
        let d = a + r * (b - a);
        if loss(c) < loss(d) {
            b = d;
        } else {
            a = c;
        }
    }
    ((a + b) / 2.0).exp()
}

/// Packs a fitted model for storage (weights as f32).
pub fn to_model(fitted: &Fitted, cfg: &TrainConfig, temperature: f64, meta: ModelMeta) -> Result<Model> {
    let k = fitted.vocab.len();
    let mut weights = vec![0f32; 6 * k];
    for j in 0..k {
        for c in 0..6 {
            weights[c * k + j] = fitted.weights[[j, c]] as f32;
        }
    }
    Model::new(ModelData {
        meta,
        labels: Label::ALL.iter().map(|l| l.id().to_string()).collect(),
        spec: cfg.spec,
        vocab: fitted.vocab.clone(),
        idf: fitted.idf.iter().map(|&v| v as f32).collect(),
        weights,
        bias: fitted.bias.iter().map(|&v| v as f32).collect(),
        temperature: temperature as f32,
    })
}

#[cfg(test)]
mod tests;
