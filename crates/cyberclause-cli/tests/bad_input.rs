//! The bad-input catalogue (`tests/bad-inputs/cases.json`) through `cyberclause classify`,
//! 50 MB streamed in bounded memory, bad model files, and byte-identical reruns.
//! Every run must end with a result or an error naming its code; never a panic.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;

use serde_json::Value;

mod common;
use common::{root, run, Run};

const LABELS: [&str; 6] = ["cyber_dependent", "cyber_enabled", "content_crime", "procedural_power", "safeguard", "other"];

// ------------------------------------------------------------------ the catalogue

struct Case {
    id: String,
    input: Vec<u8>,
    expect: Value,
}

/// The catalogue's cases that the CLI can take (no UTF-16 parts), built into bytes.
fn catalogue() -> Vec<Case> {
    let raw = std::fs::read_to_string(root().join("tests/bad-inputs/cases.json")).unwrap();
    let all: Value = serde_json::from_str(&raw).unwrap();
    let mut out = Vec::new();
    for case in all["cases"].as_array().unwrap() {
        if let Some(s) = case["surfaces"].as_array() {
            if !s.iter().any(|s| s == "cli") {
                continue;
            }
        }
        let mut input = Vec::new();
        for part in case["parts"].as_array().unwrap() {
            let repeat = part["repeat"].as_u64().unwrap_or(1) as usize;
            let bytes = if let Some(t) = part["text"].as_str() {
                t.as_bytes().to_vec()
            } else if let Some(h) = part["hex"].as_str() {
                (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()
            } else {
                panic!("case {}: a part the CLI cannot take: {part}", case["id"]);
            };
            input.extend(bytes.repeat(repeat));
        }
        out.push(Case { id: case["id"].as_str().unwrap().to_string(), input, expect: case["expect"].clone() });
    }
    assert!(out.len() >= 10, "the catalogue lost cases");
    out
}

/// Checks `classify --json` output against the input as the CLI decodes it: offsets in
/// bytes and UTF-16 units, in order, inside the input; six probabilities summing to 1;
/// a known label and language. Returns the passages.
fn check_json(input: &[u8], stdout: &[u8]) -> Vec<Value> {
    let text = String::from_utf8_lossy(input);
    let passages: Vec<Value> = stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).map(|l| serde_json::from_slice(l).unwrap()).collect();
    let (mut prev_end, mut units_at_prev, mut prev) = (0usize, 0usize, 0usize);
    for p in &passages {
        let at = |k: &str| p[k].as_u64().unwrap() as usize;
        let (start, end) = (at("start"), at("end"));
        assert!(prev_end <= start && start < end && end <= text.len(), "{p}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{p}");
        let to_start = units_at_prev + text[prev..start].encode_utf16().count();
        let to_end = to_start + text[start..end].encode_utf16().count();
        assert_eq!((at("start_utf16"), at("end_utf16")), (to_start, to_end), "{p}");
        (prev_end, units_at_prev, prev) = (end, to_end, end);
        let body = p["text"].as_str().unwrap();
        assert!(!body.is_empty() && !body.contains(['\n', '\0', '\u{200B}']), "{p}");
        assert!(LABELS.contains(&p["label"].as_str().unwrap()), "{p}");
        assert!(["fr", "en", "unknown"].contains(&p["lang"].as_str().unwrap()), "{p}");
        let scores = p["scores"].as_object().unwrap();
        assert_eq!(scores.len(), 6);
        let sum: f64 = scores.values().map(|v| v.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{p}");
        let best = scores[p["label"].as_str().unwrap()].as_f64().unwrap();
        assert!(scores.values().all(|v| v.as_f64().unwrap() <= best), "{p}");
    }
    passages
}

fn check_case(case: &Case, run: &Run) -> Vec<Value> {
    assert!(run.ok, "{}: {}", case.id, run.stderr);
    let passages = check_json(&case.input, &run.stdout);
    let e = &case.expect;
    if let Some(n) = e["passages"].as_u64() {
        assert_eq!(passages.len() as u64, n, "{}", case.id);
    }
    if let Some(n) = e["min_passages"].as_u64() {
        assert!(passages.len() as u64 >= n, "{}: {} passages", case.id, passages.len());
    }
    if let Some(lang) = e["lang"].as_str() {
        assert!(passages.iter().all(|p| p["lang"] == lang), "{}: not all {lang}", case.id);
    }
    if let Some(clean) = e["clean_text"].as_str() {
        assert_eq!(passages[0]["text"], clean, "{}", case.id);
    }
    let unknown = passages.iter().any(|p| p["lang"] == "unknown");
    assert_eq!(run.stderr.contains("[UNSUPPORTED_LANGUAGE]"), unknown, "{}: {}", case.id, run.stderr);
    assert_eq!(run.stderr.contains("not valid UTF-8"), std::str::from_utf8(&case.input).is_err(), "{}: {}", case.id, run.stderr);
    passages
}

#[test]
fn every_bad_input_gives_a_clear_result() {
    for case in catalogue() {
        let json = run(&["classify", "--json", "-"], case.input.clone());
        let passages = check_case(&case, &json);
        if case.input.len() < 1 << 20 {
            // The human-readable output says the same, from a file as from stdin.
            let dir = tempfile::tempdir().unwrap();
            let file = dir.path().join("input.txt");
            std::fs::write(&file, &case.input).unwrap();
            let plain = run(&["classify", file.to_str().unwrap()], Vec::new());
            assert!(plain.ok, "{}: {}", case.id, plain.stderr);
            let headers = String::from_utf8_lossy(&plain.stdout).lines().filter(|l| l.starts_with('[')).count();
            assert_eq!(headers, passages.len(), "{}", case.id);
        }
    }
}

#[test]
fn a_third_language_is_labelled_and_said_to_be_unsupported() {
    let case = catalogue().into_iter().find(|c| c.id == "third-language").unwrap();
    let r = run(&["classify", "--json", "-"], case.input.clone());
    let passages = check_case(&case, &r);
    assert!(passages.iter().all(|p| p["lang"] == "unknown" && LABELS.contains(&p["label"].as_str().unwrap())));
    assert!(r.stderr.contains("[UNSUPPORTED_LANGUAGE]: 3 of 3 passages"), "{}", r.stderr);
    // The batch mode says so too.
    let line = serde_json::json!({"id": 1, "text": String::from_utf8(case.input).unwrap()}).to_string();
    let r = run(&["classify", "--jsonl", "-"], format!("{line}\n").into_bytes());
    assert!(r.ok && r.stderr.contains("[UNSUPPORTED_LANGUAGE]: 1 of 1 passages"), "{}", r.stderr);
}

// ------------------------------------------------------------------ 50 MB, streamed

/// About 3 KB of French and English statute text in five paragraphs.
fn block() -> String {
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/sample.txt")).unwrap();
    let cases = std::fs::read_to_string(root().join("tests/bad-inputs/cases.json")).unwrap();
    let v: Value = serde_json::from_str(&cases).unwrap();
    let huge = v["cases"].as_array().unwrap().iter().find(|c| c["id"] == "one-huge-line").unwrap();
    format!("{fixture}\n\n{}\n\n", huge["parts"][0]["text"].as_str().unwrap())
}

/// Peak resident memory of the CLI on 50 MB of text, measured by `/usr/bin/time` (GNU
/// time's `%M`, in KiB) when present, else by sampling `VmHWM` in `/proc` while it runs.
#[test]
fn fifty_megabytes_stream_in_bounded_memory() {
    const SIZE: usize = 50 << 20;
    const MAX_RSS_MB: u64 = 200;
    let block = block();
    let reps = SIZE / block.len() + 1;
    let gnu_time = Path::new("/usr/bin/time").exists();
    let bin = env!("CARGO_BIN_EXE_cyberclause");
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "MAXRSS_KB=%M", bin]);
        c
    } else {
        Command::new(bin)
    };
    let mut child = cmd
        .current_dir(root())
        .args(["classify", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    let block_bytes = block.clone().into_bytes();
    let writer = thread::spawn(move || {
        for _ in 0..reps {
            stdin.write_all(&block_bytes).unwrap();
        }
    });
    let mut stderr = child.stderr.take().unwrap();
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        stderr.read_to_string(&mut s).unwrap();
        s
    });
    let (mut passages, mut prev_end, mut sampled_kb) = (0usize, 0u64, 0u64);
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let p: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let (start, end) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
        assert!(prev_end <= start && start < end, "{p}");
        prev_end = end;
        passages += 1;
        if !gnu_time && passages % 500 == 0 {
            sampled_kb = sampled_kb.max(vm_hwm_kb(pid).unwrap_or(0));
        }
    }
    writer.join().unwrap();
    let status = child.wait().unwrap();
    let err = err_reader.join().unwrap();
    assert!(status.success() && !err.contains("panicked"), "{err}");
    let total = (reps * block.len()) as u64;
    assert!(prev_end > total - block.len() as u64 && prev_end <= total, "the last passage ends at {prev_end} of {total}");
    assert!(passages >= reps * 5, "{passages} passages for {reps} blocks");
    let kb = if gnu_time {
        err.lines().find_map(|l| l.strip_prefix("MAXRSS_KB=")).expect("GNU time's report").trim().parse::<u64>().unwrap()
    } else {
        sampled_kb
    };
    assert!(kb > 0, "no memory figure");
    eprintln!("50 MB: {passages} passages, peak RSS {} MB", kb / 1024);
    assert!(kb < MAX_RSS_MB * 1024, "peak RSS {} MB for {} MB of input", kb / 1024, total >> 20);
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// ------------------------------------------------------------------ model files

#[test]
fn bad_model_files_are_refused_with_a_code() {
    let good = std::fs::read(root().join("models/cyberclause.model")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut corrupted = good.clone();
    let mid = corrupted.len() / 2;
    corrupted[mid] ^= 0x55;
    let mut newer = good.clone();
    newer[8..10].copy_from_slice(&99u16.to_le_bytes());
    let mut no_checksum = good.clone();
    no_checksum.truncate(good.len() - 8);
    let cases: [(&str, Vec<u8>, &str); 8] = [
        ("empty", Vec::new(), "NOT_A_MODEL"),
        ("foreign", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "NOT_A_MODEL"),
        ("text", b"Le fait d'acceder frauduleusement".to_vec(), "NOT_A_MODEL"),
        ("magic-only", b"CYBCLAUS".to_vec(), "CORRUPT_MODEL"),
        ("truncated", good[..good.len() / 3].to_vec(), "CORRUPT_MODEL"),
        ("no-checksum", no_checksum, "CORRUPT_MODEL"),
        ("corrupted", corrupted, "CORRUPT_MODEL"),
        ("newer", newer, "UNSUPPORTED_MODEL_VERSION"),
    ];
    for (name, bytes, code) in cases {
        let path = dir.path().join(format!("{name}.model"));
        std::fs::write(&path, bytes).unwrap();
        for args in [vec!["classify", "--model"], vec!["eval", "--data", "tests/fixtures/sample.txt", "--model"]] {
            let mut args = args.clone();
            args.push(path.to_str().unwrap());
            let r = run(&args, b"Le fait d'acceder frauduleusement a un systeme est puni.".to_vec());
            assert!(!r.ok, "{name}: accepted");
            assert!(r.stderr.contains(&format!("[{code}]")), "{name}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{name}");
        }
    }
    for (name, path) in [("missing", dir.path().join("nothing.model")), ("a directory", dir.path().to_path_buf())] {
        let r = run(&["classify", "--model", path.to_str().unwrap(), "-"], b"x".to_vec());
        assert!(!r.ok && r.stderr.contains("reading model"), "{name}: {}", r.stderr);
    }
}

// ------------------------------------------------------------------ determinism

#[test]
fn classifying_twice_gives_identical_bytes() {
    let mut inputs: Vec<Vec<u8>> = catalogue().into_iter().filter(|c| c.input.len() < 1 << 20).map(|c| c.input).collect();
    inputs.push(std::fs::read(root().join("tests/fixtures/sample.txt")).unwrap());
    let all = inputs.concat();
    for args in [&["classify", "--json", "-"][..], &["classify", "--granularity", "sentence", "-"][..]] {
        let once = run(args, all.clone());
        let twice = run(args, all.clone());
        assert!(once.ok && !once.stdout.is_empty(), "{}", once.stderr);
        assert!(once.stdout == twice.stdout, "{args:?}: two runs differ");
    }
}
