//! `cyberclause eval`: figures for a labelled JSON Lines file.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use cyberclause::metrics::{report, Prediction, Report};
use cyberclause::{Classifier, Label};
use serde::Serialize;

use crate::corpus::read_jsonl;

/// A labelled passage to evaluate on.
#[derive(Debug, Clone)]
pub struct Labelled {
    pub text: String,
    pub label: Label,
    pub lang: String,
    /// Where it comes from (the eval sets' `source`), if given.
    pub source: String,
}

/// Reads `{"text", "label", "lang"}` lines.
pub fn read_labelled(path: &Path) -> Result<Vec<Labelled>> {
    read_jsonl(path)?
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).with_context(|| format!("{}:{}: missing `{k}`", path.display(), i + 1));
            let label = Label::from_id(field("label")?).with_context(|| format!("{}:{}: unknown label", path.display(), i + 1))?;
            let source = field("source").unwrap_or("").to_string();
            Ok(Labelled { text: field("text")?.to_string(), label, lang: field("lang").unwrap_or("und").to_string(), source })
        })
        .collect()
}

/// The whole evaluation: overall figures and macro-F1 per language.
#[derive(Debug, Serialize)]
pub struct Evaluation {
    #[serde(flatten)]
    pub overall: Report,
    pub per_language: BTreeMap<String, Report>,
}

pub fn evaluate(classifier: &Classifier, data: &[Labelled]) -> Evaluation {
    let preds: Vec<(String, Prediction)> = data
        .iter()
        .map(|d| {
            let p = classifier.classify_passage(&d.text, 0);
            (d.lang.clone(), Prediction { gold: d.label, probs: p.scores.0 })
        })
        .collect();
    by_language(&preds)
}

/// Splits predictions by language and reports on each and on all.
pub fn by_language(preds: &[(String, Prediction)]) -> Evaluation {
    let mut langs: BTreeMap<String, Vec<Prediction>> = BTreeMap::new();
    for (l, p) in preds {
        langs.entry(l.clone()).or_default().push(*p);
    }
    let all: Vec<Prediction> = preds.iter().map(|p| p.1).collect();
    Evaluation { overall: report(&all), per_language: langs.into_iter().map(|(l, p)| (l, report(&p))).collect() }
}

/// A plain-text rendering of an evaluation.
pub fn render(e: &Evaluation) -> String {
    let mut s = format!("passages {}  accuracy {:.3}  macro-F1 {:.3}  ECE {:.3}\n", e.overall.n, e.overall.accuracy, e.overall.macro_f1, e.overall.ece);
    for (l, r) in &e.per_language {
        s += &format!("  {l}: n={} macro-F1 {:.3} accuracy {:.3}\n", r.n, r.macro_f1, r.accuracy);
    }
    s += &format!("\n{:<18} {:>9} {:>7} {:>7} {:>8}\n", "label", "precision", "recall", "F1", "support");
    for ls in &e.overall.per_label {
        s += &format!("{:<18} {:>9.3} {:>7.3} {:>7.3} {:>8}\n", ls.label.id(), ls.precision, ls.recall, ls.f1, ls.support);
    }
    s += "\nconfusion (rows gold, columns predicted: cd ce cc pp sg ot)\n";
    for (k, row) in e.overall.confusion.iter().enumerate() {
        s += &format!("{:<18}", Label::ALL[k].id());
        row.iter().for_each(|c| s += &format!(" {c:>4}"));
        s += "\n";
    }
    s
}
