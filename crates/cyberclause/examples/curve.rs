//! Learning curve on real law (development tool, not part of the product):
//! `cargo run --profile release-native --features train --example curve -- CORPUS SPEC PRIOR DEV...`
//! fits SPEC (`lr:ALPHA:FEATURES`, `nb:ALPHA:FEATURES` or
//! `blend:NB_ALPHA:ALPHA:NB_WEIGHT:FEATURES`) on the seed-register passages
//! plus 0, 25, 50, 75 and 100 % of the statute-register groups (written passages with
//! their translations, taken in a fixed pseudo-random order), applies prior correction
//! PRIOR, and prints one JSON line per step with macro-F1 per real-law file and language.

use cyberclause::metrics::{report, Prediction};
use cyberclause::train::{fit, to_model, Algorithm, Example, TrainConfig};
use cyberclause::{Classifier, Label, ModelMeta};
use serde_json::{json, Value};

struct Row {
    example: Example,
    statute: bool,
}

fn read(path: &str) -> Vec<Value> {
    std::fs::read_to_string(path).expect("readable file").lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
}

fn load(path: &str) -> Vec<Row> {
    let rows = read(path);
    let written: std::collections::HashSet<&str> =
        rows.iter().filter(|v| v["origin"] == "written").map(|v| v["id"].as_str().unwrap()).collect();
    rows.iter()
        .map(|v| {
            let id = v["id"].as_str().unwrap().to_string();
            let parent = v["source"].as_str().filter(|_| v["origin"] == "translation");
            let statute = v["origin"] == "written" || parent.is_some_and(|p| written.contains(p));
            let example = Example {
                group: parent.unwrap_or(&id).to_string(),
                text: v["text"].as_str().unwrap().to_string(),
                label: Label::from_id(v["label"].as_str().unwrap()).unwrap(),
                lang: v["lang"].as_str().unwrap().to_string(),
                id,
            };
            Row { example, statute }
        })
        .collect()
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

fn macro_f1(classifier: &Classifier, items: &[&Value]) -> f64 {
    let preds: Vec<Prediction> = items
        .iter()
        .map(|d| Prediction {
            gold: Label::from_id(d["label"].as_str().unwrap()).unwrap(),
            probs: classifier.classify_passage(d["text"].as_str().unwrap(), 0).scores.0,
        })
        .collect();
    report(&preds).macro_f1
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rows = load(&args[0]);
    let p: Vec<&str> = args[1].split(':').collect();
    let f = |i: usize| p[i].parse::<f64>().unwrap();
    let (algorithm, features) = match p[0] {
        "lr" => (Algorithm::Logistic { alpha: f(1) }, f(2)),
        "nb" => (Algorithm::NaiveBayes { alpha: f(1) }, f(2)),
        "blend" => (Algorithm::Blend { nb_alpha: f(1), alpha: f(2), nb_weight: f(3) }, f(4)),
        other => panic!("unknown algorithm {other}"),
    };
    let prior_correction: f64 = args[2].parse().unwrap();
    let cfg = TrainConfig { algorithm, features: features as usize, prior_correction, ..TrainConfig::default() };
    let devs: Vec<(String, Vec<Value>)> = args[3..].iter().map(|a| (a.clone(), read(a))).collect();
    let mut groups: Vec<&str> = rows.iter().filter(|r| r.statute).map(|r| r.example.group.as_str()).collect();
    groups.sort_by_key(|g| (fnv(g), *g));
    groups.dedup();
    for pct in [0usize, 25, 50, 75, 100] {
        let keep: std::collections::HashSet<&str> = groups.iter().take(groups.len() * pct / 100).copied().collect();
        let train: Vec<Example> =
            rows.iter().filter(|r| !r.statute || keep.contains(r.example.group.as_str())).map(|r| r.example.clone()).collect();
        let fitted = fit(&train, &cfg).expect("fit");
        let classifier = Classifier::new(to_model(&fitted, &cfg, 1.0, ModelMeta::default()).expect("model"));
        let mut out = json!({"statute_share": pct, "statute_passages": train.len() - rows.iter().filter(|r| !r.statute).count()});
        let mut all: Vec<&Value> = Vec::new();
        for (name, items) in &devs {
            let stem = std::path::Path::new(name).file_stem().unwrap().to_string_lossy().to_string();
            for lang in ["fr", "en"] {
                let sel: Vec<&Value> = items.iter().filter(|v| v["lang"] == lang).collect();
                out[format!("{stem}_{lang}")] = json!(macro_f1(&classifier, &sel));
            }
            all.extend(items.iter());
        }
        for lang in ["fr", "en"] {
            let sel: Vec<&Value> = all.iter().copied().filter(|v| v["lang"] == lang).collect();
            out[format!("both_{lang}")] = json!(macro_f1(&classifier, &sel));
        }
        println!("{out}");
    }
}
