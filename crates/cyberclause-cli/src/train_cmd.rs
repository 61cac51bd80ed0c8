//! `cyberclause train`: cross-validate the candidate algorithms, fit each on the whole
//! corpus, choose for statutes (out-of-fold figures on the statute-register passages and
//! figures on real law never trained on), calibrate, and write the model and its card.

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
use crate::evaluate::{by_language, evaluate, read_labelled, Labelled};

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
    Blend { nb_alpha: f64, alpha: f64, nb_weight: f64 },
}

impl From<Candidate> for Algorithm {
    fn from(c: Candidate) -> Self {
        match c {
            Candidate::Logistic { alpha } => Algorithm::Logistic { alpha },
            Candidate::NaiveBayes { alpha } => Algorithm::NaiveBayes { alpha },
            Candidate::NbLogistic { nb_alpha, alpha } => Algorithm::NbLogistic { nb_alpha, alpha },
            Candidate::Blend { nb_alpha, alpha, nb_weight } => Algorithm::Blend { nb_alpha, alpha, nb_weight },
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

/// Passages in statute register: written by the team, or translations of those. The
/// model is chosen for how it reads statutes, so cross-validation is scored on these.
pub fn statute_register(entries: &[CorpusEntry]) -> Vec<bool> {
    let written: std::collections::BTreeSet<&str> =
        entries.iter().filter(|e| e.origin == "written").map(|e| e.id.as_str()).collect();
    entries
        .iter()
        .map(|e| e.origin == "written" || (e.origin == "translation" && e.source.as_str().is_some_and(|p| written.contains(p))))
        .collect()
}

/// One real-law file (never trained on): its passages and its name for the card.
pub struct RealLaw {
    pub name: String,
    pub items: Vec<Labelled>,
}

/// Reads the real-law files that exist.
fn real_law(paths: &[std::path::PathBuf]) -> Result<Vec<RealLaw>> {
    let mut out = Vec::new();
    for p in paths.iter().filter(|p| p.exists()) {
        let name = p.file_stem().map_or("dev".into(), |s| s.to_string_lossy().to_string());
        out.push(RealLaw { name, items: read_labelled(p)? });
    }
    Ok(out)
}

/// A candidate at one prior correction, with the figures the choice rests on.
#[derive(Debug, Clone, serde::Serialize)]
struct Scored {
    algorithm: String,
    prior_correction: f64,
    /// Out-of-fold macro-F1 on statute-register passages.
    statute_cv: f64,
    /// Out-of-fold macro-F1 on the seed passages and their translations.
    seed_cv: f64,
    /// Macro-F1 on all the real-law passages, per language, by a fit on the whole corpus.
    real_fr: f64,
    real_en: f64,
    /// The selection score: the mean of statute_cv and the two real-law figures' mean.
    score: f64,
}

fn macro_f1_where(logits: &[[f64; 6]], gold: &[Label], keep: impl Fn(usize) -> bool) -> f64 {
    let preds: Vec<Prediction> = predictions(logits, gold, 1.0).into_iter().enumerate().filter(|(i, _)| keep(*i)).map(|(_, p)| p).collect();
    report(&preds).macro_f1
}

/// What one candidate gives: its out-of-fold logits, its fit on the whole corpus, and the
/// raw logits of that fit on the real-law passages (all without prior correction).
struct Run {
    algorithm: Algorithm,
    oof: Vec<[f64; 6]>,
    fitted: cyberclause::train::Fitted,
    real: Vec<[f64; 6]>,
}

fn run(examples: &[Example], tf: &TrainFile, algorithm: Algorithm, real: &[&Labelled]) -> Result<Run> {
    let cfg = tf.config(algorithm, 0.0);
    let oof = cross_validate(examples, &cfg, tf.folds)?;
    let fitted = fit(examples, &cfg)?;
    let model = to_model(&fitted, &cfg, 1.0, ModelMeta::default())?;
    let real = real.iter().map(|d| model.logits(&model.vectorize(&d.text).0)).collect();
    Ok(Run { algorithm, oof, fitted, real })
}

/// Scores a run at every prior correction of the train file.
fn score_run(r: &Run, examples: &[Example], statute: &[bool], real: &[&Labelled], tf: &TrainFile) -> Vec<Scored> {
    let gold: Vec<Label> = examples.iter().map(|e| e.label).collect();
    let real_gold: Vec<Label> = real.iter().map(|d| d.label).collect();
    let shares = label_shares(examples);
    tf.prior_corrections
        .iter()
        .map(|&strength| {
            let oof = shift_logits(&r.oof, &shares, strength);
            let rl = shift_logits(&r.real, &shares, strength);
            let lang = |code: &str| macro_f1_where(&rl, &real_gold, |i| real[i].lang == code);
            let (real_fr, real_en) = (lang("fr"), lang("en"));
            let statute_cv = macro_f1_where(&oof, &gold, |i| statute[i]);
            let seed_cv = macro_f1_where(&oof, &gold, |i| !statute[i]);
            let score = (statute_cv + (real_fr + real_en) / 2.0) / 2.0;
            Scored { algorithm: r.algorithm.to_string(), prior_correction: strength, statute_cv, seed_cv, real_fr, real_en, score }
        })
        .collect()
}

/// Runs the whole training; returns the model bytes written.
pub fn train(corpus: &Path, config: &Path, dev: &[std::path::PathBuf], out_dir: &Path) -> Result<usize> {
    let tf: TrainFile = serde_json::from_str(&fs::read_to_string(config)?).context("reading train config")?;
    let corpus_bytes = fs::read(corpus)?;
    let corpus_hash = hex(&Sha256::digest(&corpus_bytes));
    let entries: Vec<CorpusEntry> = read_jsonl(corpus)?.into_iter().map(serde_json::from_value).collect::<Result<_, _>>()?;
    let examples = examples(&entries)?;
    let statute = statute_register(&entries);
    let sets = real_law(dev)?;
    let real: Vec<&Labelled> = sets.iter().flat_map(|s| s.items.iter()).collect();
    let mut runs = Vec::new();
    let mut table = Vec::new();
    for c in &tf.candidates {
        let started = std::time::Instant::now();
        let r = run(&examples, &tf, (*c).into(), &real)?;
        for s in score_run(&r, &examples, &statute, &real, &tf) {
            eprintln!(
                "{} prior {}: statute CV {:.3}, seed CV {:.3}, real law fr {:.3} en {:.3} -> {:.3} ({:.1?})",
                s.algorithm, s.prior_correction, s.statute_cv, s.seed_cv, s.real_fr, s.real_en, s.score, started.elapsed()
            );
            table.push((runs.len(), s));
        }
        runs.push(r);
    }
    let (best_run, best) = table
        .iter()
        .max_by(|a, b| a.1.score.total_cmp(&b.1.score))
        .cloned()
        .context("no candidates in the train config")?;
    let chosen = &runs[best_run];
    let cfg = tf.config(chosen.algorithm, best.prior_correction);
    let shares = label_shares(&examples);
    let gold: Vec<Label> = examples.iter().map(|e| e.label).collect();
    // Calibrated on the statute-register folds: that is the text users paste.
    let oof = shift_logits(&chosen.oof, &shares, best.prior_correction);
    let (st_logits, st_gold): (Vec<[f64; 6]>, Vec<Label>) =
        oof.iter().zip(&gold).zip(&statute).filter(|(_, &s)| s).map(|((l, g), _)| (*l, *g)).unzip();
    let temperature = fit_temperature(&st_logits, &st_gold);
    let cv_preds: Vec<(String, Prediction)> =
        examples.iter().map(|e| e.lang.clone()).zip(predictions(&oof, &gold, temperature)).collect();
    let cv_eval = by_language(&cv_preds);
    let mut fitted = chosen.fitted.clone();
    for (c, share) in shares.iter().enumerate() {
        fitted.bias[c] -= best.prior_correction * share.ln();
    }
    let mut metrics = BTreeMap::new();
    metrics.insert("cv_macro_f1".to_string(), round(cv_eval.overall.macro_f1));
    metrics.insert("cv_statute_macro_f1".to_string(), round(best.statute_cv));
    metrics.insert("cv_seed_macro_f1".to_string(), round(best.seed_cv));
    let meta = |metrics: BTreeMap<String, f64>| ModelMeta {
        version: tf.version.clone(),
        corpus_hash: corpus_hash.clone(),
        trained: tf.trained.clone(),
        algorithm: chosen.algorithm.to_string(),
        metrics,
    };
    // The real-law figures go into the model's own metadata, so score with the model first.
    let provisional = Classifier::new(to_model(&fitted, &cfg, temperature, meta(metrics.clone()))?);
    let mut real_eval = BTreeMap::new();
    for s in &sets {
        real_eval.insert(s.name.clone(), evaluate(&provisional, &s.items));
    }
    if sets.len() > 1 {
        let all: Vec<Labelled> = sets.iter().flat_map(|s| s.items.iter().cloned()).collect();
        real_eval.insert("both".into(), evaluate(&provisional, &all));
    }
    for (name, e) in &real_eval {
        metrics.insert(format!("{name}_macro_f1"), round(e.overall.macro_f1));
        metrics.insert(format!("{name}_ece"), round(e.overall.ece));
        for (l, r) in &e.per_language {
            metrics.insert(format!("{name}_macro_f1_{l}"), round(r.macro_f1));
        }
    }
    let model = to_model(&fitted, &cfg, temperature, meta(metrics))?;
    let bytes = model.to_bytes();
    fs::write(out_dir.join("cyberclause.model"), &bytes)?;
    let summary = json!({
        "chosen": chosen.algorithm.to_string(),
        "temperature": temperature,
        "prior_correction": best.prior_correction,
        "max_iterations": cfg.max_iterations,
        "vocabulary": fitted.vocab.len(),
        "model_bytes": bytes.len(),
        "corpus_hash": corpus_hash,
        "corpus": corpus_counts(&entries, &statute),
        "selection": table.iter().map(|(_, s)| s).collect::<Vec<_>>(),
        "cross_validation": cv_eval,
        "real_law": real_eval,
        "dev2_by_tradition": crate::traditions::by_tradition(&provisional, dev),
    });
    fs::write(out_dir.join("metrics.json"), serde_json::to_string_pretty(&summary)? + "\n")?;
    fs::write(out_dir.join("MODEL_CARD.md"), crate::card::render(&summary, &out_dir.join("experiments")))?;
    eprintln!("chose {} at prior correction {}; model {} bytes", chosen.algorithm, best.prior_correction, bytes.len());
    Ok(bytes.len())
}

fn corpus_counts(entries: &[CorpusEntry], statute: &[bool]) -> Value {
    let n = entries.len();
    let st = statute.iter().filter(|&&s| s).count();
    json!({"passages": n, "statute_register": st, "seed_register": n - st})
}

fn round(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
