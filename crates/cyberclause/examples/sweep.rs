//! Hyper-parameter sweep by grouped 5-fold cross-validation (development tool, not part of
//! the product): `cargo run --release --features train --example sweep -- CORPUS SPEC...`
//! where each SPEC is `lr:ALPHA:FEATURES`, `nb:ALPHA:FEATURES` or
//! `nblr:NB_ALPHA:ALPHA:FEATURES`, optionally followed by `@CHARMIN-CHARMAX[-nobigrams]`. Prints the
//! out-of-fold macro-F1 overall and per language, for several prior corrections.
//! Environment: `SWEEP_FIT=1` times one fit on the whole corpus instead;
//! `SWEEP_LOGITS=DIR` writes each spec's out-of-fold logits (to try combinations);
//! `SWEEP_ERRORS=FILE` writes the out-of-fold mistakes; `SWEEP_ITER=N` caps the solver's
//! iterations.

use cyberclause::metrics::report;
use cyberclause::train::{cross_validate, predictions, Algorithm, Example, TrainConfig};
use cyberclause::Label;

fn load(path: &str) -> Vec<Example> {
    std::fs::read_to_string(path)
        .expect("corpus")
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("json");
            let id = v["id"].as_str().unwrap().to_string();
            let group = match v["origin"].as_str() {
                Some("translation") => v["source"].as_str().unwrap_or(&id).to_string(),
                _ => id.clone(),
            };
            Example {
                text: v["text"].as_str().unwrap().to_string(),
                label: Label::from_id(v["label"].as_str().unwrap()).unwrap(),
                lang: v["lang"].as_str().unwrap().to_string(),
                id,
                group,
            }
        })
        .collect()
}

fn parse(spec_arg: &str) -> TrainConfig {
    let p: Vec<&str> = spec_arg.split('@').next().unwrap().split(':').collect();
    let f = |i: usize| p[i].parse::<f64>().unwrap();
    let (algorithm, features) = match p[0] {
        "lr" => (Algorithm::Logistic { alpha: f(1) }, f(2) as usize),
        "nb" => (Algorithm::NaiveBayes { alpha: f(1) }, f(2) as usize),
        "nblr" => (Algorithm::NbLogistic { nb_alpha: f(1), alpha: f(2) }, f(3) as usize),
        other => panic!("unknown algorithm {other}"),
    };
    // An optional `@CHARMIN-CHARMAX[-nobigrams]` suffix changes the features.
    let mut spec = cyberclause::FeatureSpec::default();
    if let Some(extra) = spec_arg.split('@').nth(1) {
        let e: Vec<&str> = extra.split('-').collect();
        spec.char_min = e[0].parse().unwrap();
        spec.char_max = e[1].parse().unwrap();
        spec.bigrams = e.get(2) != Some(&"nobigrams");
    }
    // Prior corrections are swept on the out-of-fold logits below, so none in the fit.
    // SWEEP_ITER=N caps the solver's iterations (default: TrainConfig's).
    let mut cfg = TrainConfig { algorithm, features, spec, prior_correction: 0.0, ..TrainConfig::default() };
    if let Ok(n) = std::env::var("SWEEP_ITER") {
        cfg.max_iterations = n.parse().expect("SWEEP_ITER is a number");
    }
    cfg
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let examples = load(&args[0]);
    let gold: Vec<Label> = examples.iter().map(|e| e.label).collect();
    let mut prior = [0f64; 6];
    gold.iter().for_each(|l| prior[l.index()] += 1.0 / gold.len() as f64);
    for spec in &args[1..] {
        let started = std::time::Instant::now();
        // SWEEP_FIT=1: time one fit on the whole corpus instead of cross-validating.
        if std::env::var("SWEEP_FIT").is_ok() {
            let fitted = cyberclause::train::fit(&examples, &parse(spec)).expect("fit");
            let sum: f64 = fitted.weights.iter().map(|w| w.abs()).sum();
            println!("{spec}: full fit {:.1?} (sum of |weights| {sum:.6}, to compare runs)", started.elapsed());
            continue;
        }
        let logits = cross_validate(&examples, &parse(spec), 5).expect("cv");
        // SWEEP_LOGITS=DIR: out-of-fold logits as JSON, one file per spec (for combining).
        if let Ok(dir) = std::env::var("SWEEP_LOGITS") {
            let path = format!("{dir}/{}.json", spec.replace([':', '@'], "_"));
            std::fs::write(path, serde_json::to_string(&logits).unwrap()).expect("write logits");
        }
        if let Ok(path) = std::env::var("SWEEP_ERRORS") {
            dump_errors(&path, &examples, &logits);
        }
        for beta in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let shifted: Vec<[f64; 6]> =
                logits.iter().map(|l| std::array::from_fn(|c| l[c] - beta * prior[c].ln())).collect();
            let preds = predictions(&shifted, &gold, 1.0);
            let lang = |code: &str| {
                let p: Vec<_> = preds.iter().zip(&examples).filter(|(_, e)| e.lang == code).map(|(p, _)| *p).collect();
                report(&p).macro_f1
            };
            println!(
                "{spec} beta={beta}: macro-F1 {:.4} fr {:.4} en {:.4} ({:.0?})",
                report(&preds).macro_f1,
                lang("fr"),
                lang("en"),
                started.elapsed()
            );
        }
    }
}

/// Writes the out-of-fold mistakes as JSON lines, for reading.
fn dump_errors(path: &str, examples: &[Example], logits: &[[f64; 6]]) {
    let mut out = String::new();
    for (e, l) in examples.iter().zip(logits) {
        let probs = cyberclause::softmax(l, 1.0);
        let best = (0..6).max_by(|&a, &b| probs[a].total_cmp(&probs[b])).unwrap();
        if best != e.label.index() {
            let line = serde_json::json!({"id": e.id, "gold": e.label.id(), "pred": Label::ALL[best].id(),
                "p": (probs[best] * 100.0).round() / 100.0, "text": e.text});
            out.push_str(&(line.to_string() + "\n"));
        }
    }
    std::fs::write(path, out).expect("write errors");
}
