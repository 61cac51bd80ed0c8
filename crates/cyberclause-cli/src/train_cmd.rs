//! `cyberclause train`: cross-validate the candidate algorithms, fit the best on the whole
//! corpus, calibrate, and write the model and its card.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use cyberclause::metrics::{report, Prediction};
use cyberclause::train::{
    cross_validate, fit, fit_temperature, label_shares, predictions, shift_logits, to_model, Algorithm, Example,
    TrainConfig,
};
use cyberclause::{Classifier, Label, ModelMeta};
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::corpus::{read_jsonl, CorpusEntry};
use crate::evaluate::{by_language, evaluate, read_labelled, Evaluation};

/// `models/train.json`: what to compare and the fixed facts recorded in the model.
#[derive(Debug, Deserialize)]
pub struct TrainFile {
    pub version: String,
    pub trained: String,
    pub folds: usize,
    pub features: usize,
    pub min_df: usize,
    /// Prior corrections to try (`TrainConfig::prior_correction`), chosen per candidate
    /// on the out-of-fold logits.
    pub prior_corrections: Vec<f64>,
    pub candidates: Vec<Candidate>,
}

impl TrainFile {
    fn config(&self, algorithm: Algorithm, prior_correction: f64) -> TrainConfig {
        TrainConfig {
            algorithm,
            features: self.features,
            min_df: self.min_df,
            prior_correction,
            ..TrainConfig::default()
        }
    }
}

#[derive(Debug, Deserialize, Clone, Copy)]
#[serde(tag = "algorithm", rename_all = "snake_case")]
pub enum Candidate {
    Logistic { alpha: f64 },
    NaiveBayes { alpha: f64 },
    NbLogistic { nb_alpha: f64, alpha: f64 },
}

impl From<Candidate> for Algorithm {
    fn from(c: Candidate) -> Self {
        match c {
            Candidate::Logistic { alpha } => Algorithm::Logistic { alpha },
            Candidate::NaiveBayes { alpha } => Algorithm::NaiveBayes { alpha },
            Candidate::NbLogistic { nb_alpha, alpha } => Algorithm::NbLogistic { nb_alpha, alpha },
        }
    }
}

pub fn examples(entries: &[CorpusEntry]) -> Result<Vec<Example>> {
    entries
        .iter()
        .map(|e| {
            let group = match e.origin.as_str() {
                "translation" => e.source.as_str().unwrap_or(&e.id).to_string(),
                _ => e.id.clone(),
            };
            Ok(Example {
                id: e.id.clone(),
                text: e.text.clone(),
                label: Label::from_id(&e.label).with_context(|| format!("{}: bad label", e.id))?,
                lang: e.lang.clone(),
                group,
            })
        })
        .collect()
}

struct CvResult {
    algorithm: Algorithm,
    prior_correction: f64,
    temperature: f64,
    eval: Evaluation,
}

/// Cross-validates one algorithm, then picks the prior correction with the best
/// out-of-fold macro-F1 (ties go to the weaker correction) and fits the temperature.
fn cv(examples: &[Example], tf: &TrainFile, algorithm: Algorithm) -> Result<CvResult> {
    let raw = cross_validate(examples, &tf.config(algorithm, 0.0), tf.folds)?;
    let gold: Vec<Label> = examples.iter().map(|e| e.label).collect();
    let shares = label_shares(examples);
    let mut best: Option<(f64, f64)> = None;
    for &strength in &tf.prior_corrections {
        let f1 = report(&predictions(&shift_logits(&raw, &shares, strength), &gold, 1.0)).macro_f1;
        eprintln!("  prior correction {strength}: CV macro-F1 {f1:.4}");
        if best.map_or(true, |(b, _)| f1 > b) {
            best = Some((f1, strength));
        }
    }
    let (_, prior_correction) = best.context("prior_corrections is empty in the train config")?;
    let logits = shift_logits(&raw, &shares, prior_correction);
    let t = fit_temperature(&logits, &gold);
    let preds: Vec<(String, Prediction)> =
        examples.iter().map(|e| e.lang.clone()).zip(predictions(&logits, &gold, t)).collect();
    let uncalibrated = report(&predictions(&logits, &gold, 1.0));
    let mut eval = by_language(&preds);
    eval.per_language.insert("uncalibrated".into(), uncalibrated);
    Ok(CvResult { algorithm, prior_correction, temperature: t, eval })
}

/// Runs the whole training; returns the model bytes written.
pub fn train(corpus: &Path, config: &Path, dev: Option<&Path>, out_dir: &Path) -> Result<usize> {
    let tf: TrainFile = serde_json::from_str(&fs::read_to_string(config)?).context("reading train config")?;
    let corpus_bytes = fs::read(corpus)?;
    let corpus_hash = hex(&Sha256::digest(&corpus_bytes));
    let entries: Vec<CorpusEntry> = read_jsonl(corpus)?.into_iter().map(serde_json::from_value).collect::<Result<_, _>>()?;
    let examples = examples(&entries)?;
    let mut results = Vec::new();
    for c in &tf.candidates {
        let started = std::time::Instant::now();
        let r = cv(&examples, &tf, (*c).into())?;
        eprintln!("{}: CV macro-F1 {:.3} (T={:.2}) in {:.1?}", r.algorithm, r.eval.overall.macro_f1, r.temperature, started.elapsed());
        results.push(r);
    }
    let best = results
        .iter()
        .max_by(|a, b| a.eval.overall.macro_f1.total_cmp(&b.eval.overall.macro_f1))
        .context("no candidates in the train config")?;
    let cfg = tf.config(best.algorithm, best.prior_correction);
    let started = std::time::Instant::now();
    let fitted = fit(&examples, &cfg)?;
    let fit_time = started.elapsed();
    let mut metrics = BTreeMap::new();
    metrics.insert("cv_macro_f1".to_string(), round(best.eval.overall.macro_f1));
    metrics.insert("cv_ece".to_string(), round(best.eval.overall.ece));
    for (l, r) in &best.eval.per_language {
        if l == "fr" || l == "en" {
            metrics.insert(format!("cv_macro_f1_{l}"), round(r.macro_f1));
        }
    }
    let meta = |metrics: BTreeMap<String, f64>| ModelMeta {
        version: tf.version.clone(),
        corpus_hash: corpus_hash.clone(),
        trained: tf.trained.clone(),
        algorithm: best.algorithm.to_string(),
        metrics,
    };
    // The dev figures go into the model's own metadata, so score dev with the model first.
    let provisional = Classifier::new(to_model(&fitted, &cfg, best.temperature, meta(metrics.clone()))?);
    let dev_eval = match dev.filter(|p| p.exists()) {
        Some(p) => Some(evaluate(&provisional, &read_labelled(p)?)),
        None => None,
    };
    if let Some(d) = &dev_eval {
        metrics.insert("dev_macro_f1".into(), round(d.overall.macro_f1));
        for (l, r) in &d.per_language {
            metrics.insert(format!("dev_macro_f1_{l}"), round(r.macro_f1));
        }
    }
    let model = to_model(&fitted, &cfg, best.temperature, meta(metrics))?;
    let bytes = model.to_bytes();
    fs::write(out_dir.join("cyberclause.model"), &bytes)?;
    let summary = json!({
        "chosen": best.algorithm.to_string(),
        "temperature": best.temperature,
        "prior_correction": best.prior_correction,
        "final_fit_seconds": fit_time.as_secs_f64(),
        "max_iterations": cfg.max_iterations,
        "vocabulary": fitted.vocab.len(),
        "model_bytes": bytes.len(),
        "corpus_hash": corpus_hash,
        "cross_validation": results.iter().map(|r| json!({"algorithm": r.algorithm.to_string(), "prior_correction": r.prior_correction, "temperature": r.temperature, "eval": r.eval})).collect::<Vec<Value>>(),
        "dev": dev_eval,
    });
    fs::write(out_dir.join("metrics.json"), serde_json::to_string_pretty(&summary)? + "\n")?;
    fs::write(out_dir.join("MODEL_CARD.md"), crate::card::render(&summary))?;
    eprintln!("chose {}; final fit {:.1?}; model {} bytes", best.algorithm, fit_time, bytes.len());
    Ok(bytes.len())
}

fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
