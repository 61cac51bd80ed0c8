//! `cyberclause safeguards` and `cyberclause compare` on the analysis fixtures.

mod common;

use serde_json::Value;

fn run_json(args: &[&str]) -> Value {
    let out = common::run(args, Vec::new());
    assert!(out.ok, "{}", out.stderr);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn safeguards_json_links_powers_and_names_the_unguarded() {
    let v = run_json(&["safeguards", "--json", "tests/fixtures/analysis/treaty.txt"]);
    let passages = v["passages"].as_array().unwrap();
    let reference = |i: &Value| passages[i.as_u64().unwrap() as usize]["reference"].as_str().unwrap().to_string();
    let unguarded: Vec<String> = v["unguarded"].as_array().unwrap().iter().map(reference).collect();
    assert_eq!(unguarded, ["Art. 7"]);
    let art6 = v["powers"].as_array().unwrap().iter().find(|p| p["reference"] == "Art. 6").unwrap();
    let review = art6["safeguards"].as_array().unwrap().iter().find(|l| l["reference"] == "Art. 9").unwrap();
    assert_eq!(review["reason"], "citation");
    assert_eq!(review["via"]["by"], "power");
    assert_eq!(review["via"]["text"], "Article 9");
}

#[test]
fn safeguards_text_flags_powers_without_safeguards() {
    let out = common::run(&["safeguards", "tests/fixtures/analysis/treaty.txt"], Vec::new());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4 procedural powers, 1 with no safeguard."), "{text}");
    assert!(text.contains("Art. 5 §2 (same article)"), "{text}");
}

#[test]
fn compare_json_per_label() {
    let v = run_json(&["compare", "--json", "tests/fixtures/analysis/draft1.txt", "tests/fixtures/analysis/draft2.txt"]);
    let label = |id: &str| v["labels"].as_array().unwrap().iter().find(|d| d["label"] == id).unwrap().clone();
    assert_eq!(label("content_crime")["removed"].as_array().unwrap().len(), 1);
    assert_eq!(label("safeguard")["added"].as_array().unwrap().len(), 1);
    assert_eq!(label("procedural_power")["unchanged"], 2);
    let change = &label("cyber_dependent")["changed"][0];
    let ops: Vec<(String, String)> =
        change["diff"].as_array().unwrap().iter().map(|r| (r["op"].as_str().unwrap().into(), r["text"].as_str().unwrap().into())).collect();
    assert!(ops.contains(&("delete".into(), "two years.".into())) && ops.contains(&("insert".into(), "five years and a fine.".into())), "{ops:?}");
    assert_eq!(v["label_changes"][0]["old_label"], "other");
    assert_eq!(v["label_changes"][0]["new_label"], "safeguard");
}

#[test]
fn compare_refuses_a_bad_threshold_and_two_stdins() {
    let out = common::run(&["compare", "--threshold", "1.5", "tests/fixtures/analysis/draft1.txt", "tests/fixtures/analysis/draft2.txt"], Vec::new());
    assert!(!out.ok && out.stderr.contains("INVALID_OPTIONS"), "{}", out.stderr);
    let out = common::run(&["compare", "-", "-"], Vec::new());
    assert!(!out.ok && out.stderr.contains("stdin"), "{}", out.stderr);
}
