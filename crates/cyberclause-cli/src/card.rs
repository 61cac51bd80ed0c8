//! `models/MODEL_CARD.md`, written by `cyberclause train` from the figures it measured.

use cyberclause::Label;
use std::fs;
use std::path::Path;

use serde_json::Value;

fn f(v: &Value) -> String {
    v.as_f64().map_or("–".into(), |x| format!("{x:.3}"))
}

fn per_label_table(eval: &Value) -> String {
    let mut s = String::from("| label | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
    for l in eval["per_label"].as_array().into_iter().flatten() {
        s += &format!("| {} | {} | {} | {} | {} |\n", l["label"].as_str().unwrap_or(""), f(&l["precision"]), f(&l["recall"]), f(&l["f1"]), l["support"]);
    }
    s
}

fn confusion(eval: &Value) -> String {
    let ids: Vec<&str> = Label::ALL.iter().map(|l| l.id()).collect();
    let mut s = format!("| gold \\ predicted | {} |\n|---|{}\n", ids.join(" | "), "---|".repeat(6));
    for (k, row) in eval["confusion"].as_array().into_iter().flatten().enumerate() {
        let cells: Vec<String> = row.as_array().into_iter().flatten().map(|c| c.to_string()).collect();
        s += &format!("| {} | {} |\n", ids[k], cells.join(" | "));
    }
    s
}

fn lang_f1(e: &Value, lang: &str) -> String {
    f(&e["per_language"][lang]["macro_f1"])
}

fn chosen_section(m: &Value) -> String {
    format!(
        "\n## Chosen model\n\n- Algorithm: **{}**\n- Prior correction: biases moved by {} × ln(label share) towards a uniform prior (a third of the corpus is `other`; real laws hold fewer such passages, and macro-F1 weighs every label alike)\n- Temperature: {} (fitted on the out-of-fold logits of the statute-register passages)\n- Vocabulary: {} features (word unigrams and bigrams, character 3–5-grams; chi-square selection, min document frequency 2; sublinear TF × IDF, L2-normalised)\n- Model file: {} bytes; corpus SHA-256 `{}` ({} passages, {} in statute register)\n- L-BFGS iterations (logistic regression): at most {}\n",
        m["chosen"].as_str().unwrap_or(""),
        m["prior_correction"],
        f(&m["temperature"]),
        m["vocabulary"],
        m["model_bytes"],
        m["corpus_hash"].as_str().unwrap_or(""),
        m["corpus"]["passages"],
        m["corpus"]["statute_register"],
        m["max_iterations"],
    )
}

fn selection_section(m: &Value) -> String {
    let mut s = String::from(
        "\n## How it was chosen\n\nEach candidate is cross-validated (5 folds, stratified by label, a passage and its translations always in one fold) and fitted on the whole corpus. The score is the mean of (a) out-of-fold macro-F1 on the statute-register passages (written by the team, and their translations) and (b) the mean over French and English of macro-F1 on the real-law passages of `shared/eval/dev.jsonl` and `dev2.jsonl` (never trained on). Seed-register CV (the negotiation comments and their translations) is shown beside it.\n\n| algorithm | prior correction | statute CV | seed CV | real law fr | real law en | score |\n|---|---|---|---|---|---|---|\n",
    );
    for c in m["selection"].as_array().into_iter().flatten() {
        s += &format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            c["algorithm"].as_str().unwrap_or(""),
            c["prior_correction"],
            f(&c["statute_cv"]),
            f(&c["seed_cv"]),
            f(&c["real_fr"]),
            f(&c["real_en"]),
            f(&c["score"])
        );
    }
    s
}

fn real_law_section(m: &Value) -> String {
    let real = &m["real_law"];
    let mut s = String::from("\n## Real law (never trained on), passage mode\n\n| set | passages | macro-F1 | French | English | accuracy | ECE |\n|---|---|---|---|---|---|---|\n");
    for (name, e) in real.as_object().into_iter().flatten() {
        s += &format!("| {name} | {} | **{}** | {} | {} | {} | {} |\n", e["n"], f(&e["macro_f1"]), lang_f1(e, "fr"), lang_f1(e, "en"), f(&e["accuracy"]), f(&e["ece"]));
    }
    let both = if real["both"].is_null() { &real["dev"] } else { &real["both"] };
    if !both.is_null() {
        s += &format!("\nPer label, dev + dev2:\n\n{}", per_label_table(both));
        s += "\nF1 per label and set:\n\n| label | dev | dev2 | dev + dev2 |\n|---|---|---|---|\n";
        for (k, l) in Label::ALL.iter().enumerate() {
            let f1 = |set: &str| f(&real[set]["per_label"][k]["f1"]);
            s += &format!("| {} | {} | {} | {} |\n", l.id(), f1("dev"), f1("dev2"), f1("both"));
        }
        s += &format!("\nConfusion matrix, dev + dev2:\n\n{}", confusion(both));
    }
    if let Some(t) = m["dev2_by_tradition"].as_object() {
        s += "\n`dev2` by drafting tradition (read from each passage's source; with 15–35 passages a group, one passage moves a figure by 0.03–0.07):\n\n| tradition | passages | macro-F1 | accuracy |\n|---|---|---|---|\n";
        for (name, e) in t {
            s += &format!("| {name} | {} | {} | {} |\n", e["n"], f(&e["macro_f1"]), f(&e["accuracy"]));
        }
    }
    s
}

/// The learning curve, outside check and whole-document figures, from the JSON files the
/// scripts of `models/experiments/` write (each section left out when its file is absent).
fn experiments_section(dir: &Path) -> String {
    let read = |name: &str| fs::read_to_string(dir.join(name)).ok().and_then(|t| serde_json::from_str::<Value>(&t).ok());
    let mut s = String::new();
    if let Some(curve) = read("learning_curve.json") {
        s += "\n## Learning curve (real law, passage mode)\n\nThe chosen configuration fitted on the seed-register passages plus a share of the statute-register ones (written passages with their translations, in a fixed pseudo-random order; `models/experiments/learning_curve.json`, made by `crates/cyberclause/examples/curve.rs`):\n\n| statute-register share | passages | dev fr | dev en | dev2 fr | dev2 en | dev + dev2 fr | dev + dev2 en |\n|---|---|---|---|---|---|---|---|\n";
        for r in curve.as_array().into_iter().flatten() {
            s += &format!(
                "| {} % | {} | {} | {} | {} | {} | **{}** | **{}** |\n",
                r["statute_share"], r["statute_passages"], f(&r["dev_fr"]), f(&r["dev_en"]), f(&r["dev2_fr"]), f(&r["dev2_en"]), f(&r["both_fr"]), f(&r["both_en"])
            );
        }
    }
    if let Some(outside) = read("outside_check.json") {
        s += "\n## Outside check (not shipped)\n\nscikit-learn on word 1–2-gram and character 3–5-gram TF-IDF of the same corpus, full vocabulary (`models/experiments/outside_check.py`), macro-F1 on real law:\n\n| model | dev fr | dev en | dev2 fr | dev2 en | dev + dev2 fr | dev + dev2 en |\n|---|---|---|---|---|---|---|\n";
        for (name, r) in outside.as_object().into_iter().flatten() {
            s += &format!(
                "| {name} | {} | {} | {} | {} | {} | {} |\n",
                f(&r["dev"]["fr"]), f(&r["dev"]["en"]), f(&r["dev2"]["fr"]), f(&r["dev2"]["en"]), f(&r["both"]["fr"]), f(&r["both"]["en"])
            );
        }
    }
    if let Some(docs) = read("docs_eval.json") {
        s += "\n## Whole laws, document mode (`shared/eval/docs`, scored by its `score.py`)\n\nFour real laws never trained on. Each gold unit (heading or passage) takes the label of the product's passage covering most of its bytes; a unit no passage covers counts as wrong (`models/experiments/docs_eval.py`). Before this round's structure work (headings, lists with their lead-in, no dropped points) and context, model 2026.11.4 agreed on 0.414 of all units and 0.469 of passages, pooled macro-F1 0.461, with 136 of 879 units covered by no passage.\n\n";
        s += &docs_table(&docs);
    }
    if let Some(docs) = read("docs_eval_written.json") {
        s += "\n## Structured laws written by the team, document mode (`models/experiments/structured_docs`)\n\nFour invented laws (a francophone code, a Belgian-style law, a Commonwealth Act, a treaty), written for this yardstick with gold units in the same format and never trained on; the context weight was chosen on them (`docs_eval.py --written`). Written like the corpus, so easier than real law:\n\n";
        s += &docs_table(&docs);
    }
    s
}

fn docs_table(docs: &Value) -> String {
    let mut s = String::from("| document | units | uncovered | agreement, all units | passages | headings | macro-F1, passages |\n|---|---|---|---|---|---|---|\n");
    for d in docs["per_document"].as_array().into_iter().flatten() {
        s += &format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            d["document"].as_str().unwrap_or("").trim_end_matches(".gold.jsonl"),
            d["units"],
            d["unlabelled_units"],
            f(&d["agreement_all_units"]),
            f(&d["agreement_passages"]),
            f(&d["agreement_headings"]),
            f(&d["macro_f1_passages"])
        );
    }
    let o = &docs["overall"];
    s + &format!(
        "| **mean / pooled** | | | **{}** | **{}** | | **{}** (pooled) |\n",
        f(&o["mean_agreement_all_units"]),
        f(&o["mean_agreement_passages"]),
        f(&o["pooled_macro_f1_passages"])
    )
}

/// Renders the card from `metrics.json`'s content and the experiments' figures in `experiments`.
pub fn render(m: &Value, experiments: &Path) -> String {
    let mut s = String::from(include_str!("card_head.md"));
    s += &chosen_section(m);
    s += &selection_section(m);
    let cv = &m["cross_validation"];
    s += &format!(
        "\n## Cross-validation of the chosen model (whole corpus)\n\nmacro-F1 {} (French {}, English {}); ECE {}; accuracy {}.\n\n{}",
        f(&cv["macro_f1"]),
        lang_f1(cv, "fr"),
        lang_f1(cv, "en"),
        f(&cv["ece"]),
        f(&cv["accuracy"]),
        per_label_table(cv)
    );
    s += &real_law_section(m);
    s += &experiments_section(experiments);
    s += include_str!("card_tail.md");
    s
}
