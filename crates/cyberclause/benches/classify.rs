//! Speed of the shipped classifier, native: document throughput (MB/s), passage throughput
//! and latency, and the time to train on the whole corpus.
//!
//! `cargo bench -p cyberclause --features train --bench classify` (criterion prints the
//! timings and throughputs). Two fixtures: the committed corpus, the same file the corpus
//! tests read (its texts joined by blank lines make the "document" benchmarks), and the
//! passages of real law of `../shared/eval/dev.jsonl` and `dev2.jsonl` when they are beside
//! the checkout, the input `tests/bench/node-bench.mjs` gives fastText-wasm and the wasm
//! build (used for timing only, never for training).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use cyberclause::train::{fit, Example, TrainConfig};
use cyberclause::{Classifier, ClassifyOptions, Label};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every corpus passage, as a training example (translations grouped with their parent).
fn corpus() -> Vec<Example> {
    let text = std::fs::read_to_string(repo().join("models/corpus/corpus.jsonl")).expect("corpus.jsonl");
    text.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line");
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            let group = if field("origin") == "translation" { field("source") } else { field("id") };
            Example {
                id: field("id"),
                text: field("text"),
                label: Label::from_id(&field("label")).expect("label"),
                lang: field("lang"),
                group,
            }
        })
        .collect()
}

fn classifier() -> Classifier {
    let bytes = std::fs::read(repo().join("models/cyberclause.model")).expect("model");
    Classifier::from_bytes(&bytes).expect("valid model")
}

/// The corpus texts as one document, repeated until it is at least `min_bytes` long.
fn document(examples: &[Example], min_bytes: usize) -> String {
    let once = examples.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("\n\n");
    let mut doc = once.clone();
    while doc.len() < min_bytes {
        doc.push_str("\n\n");
        doc.push_str(&once);
    }
    doc
}

fn bench_documents(c: &mut Criterion) {
    let examples = corpus();
    let clf = classifier();
    let opts = ClassifyOptions::default();
    let mut group = c.benchmark_group("document");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for size in [64 * 1024, 1024 * 1024] {
        let doc = document(&examples, size);
        let passages = clf.classify(&doc, &opts).expect("classify").passages.len();
        eprintln!("document of {} bytes: {passages} passages", doc.len());
        group.throughput(Throughput::Bytes(doc.len() as u64));
        group.bench_with_input(BenchmarkId::new("classify", doc.len()), &doc, |b, doc| {
            b.iter(|| clf.classify(black_box(doc), &opts).expect("classify"))
        });
    }
    group.finish();
}

/// The passages of real law of the evaluation sets, if `../shared` is beside the checkout.
fn real_law() -> Vec<String> {
    let mut out = Vec::new();
    for name in ["dev.jsonl", "dev2.jsonl"] {
        let Ok(text) = std::fs::read_to_string(repo().join("../shared/eval").join(name)) else { continue };
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("eval line");
            out.push(v["text"].as_str().unwrap_or_default().to_string());
        }
    }
    out
}

/// MB/s on the passages of real law: one by one, and joined as one document.
fn bench_real_law(c: &mut Criterion) {
    let passages = real_law();
    if passages.is_empty() {
        eprintln!("real law: ../shared/eval is not beside the checkout; skipped");
        return;
    }
    let clf = classifier();
    let bytes: usize = passages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("real law");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("classify_passage/{} passages", passages.len()), |b| {
        b.iter(|| {
            for p in &passages {
                black_box(clf.classify_passage(black_box(p), 8));
            }
        })
    });
    let doc = passages.join("\n\n");
    let opts = ClassifyOptions::default();
    group.throughput(Throughput::Bytes(doc.len() as u64));
    group.bench_function(format!("classify/one document of {} bytes", doc.len()), |b| {
        b.iter(|| clf.classify(black_box(&doc), &opts).expect("classify"))
    });
    group.finish();
}

fn bench_passages(c: &mut Criterion) {
    let examples = corpus();
    let clf = classifier();
    let mut group = c.benchmark_group("passage");
    // One element = one passage, so criterion reports passages per second.
    group.throughput(Throughput::Elements(examples.len() as u64));
    group.bench_function("classify_passage/all corpus passages", |b| {
        b.iter(|| {
            for e in &examples {
                black_box(clf.classify_passage(black_box(&e.text), 8));
            }
        })
    });
    group.finish();
    let median = &examples[examples.len() / 2].text;
    c.bench_function("passage/latency (one passage, evidence 8)", |b| {
        b.iter(|| clf.classify_passage(black_box(median), 8))
    });
}

fn bench_training(c: &mut Criterion) {
    let examples = corpus();
    // TrainConfig::default() is the shipped model's configuration (see models/train.json).
    let cfg = TrainConfig::default();
    let mut group = c.benchmark_group("train");
    group.sample_size(10).warm_up_time(Duration::from_millis(1)).measurement_time(Duration::from_secs(60));
    group.bench_function(format!("fit whole corpus ({} passages)", examples.len()), |b| {
        b.iter(|| fit(black_box(&examples), &cfg).expect("fit"))
    });
    group.finish();
}

criterion_group!(benches, bench_real_law, bench_documents, bench_passages, bench_training);
criterion_main!(benches);
