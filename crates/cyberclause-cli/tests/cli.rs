//! The `cyberclause` command end to end, with the committed model.

use std::path::Path;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> (bool, String, String) {
    let out = common::run(args, stdin.to_vec());
    (out.ok, String::from_utf8_lossy(&out.stdout).into(), out.stderr)
}

#[test]
fn classify_json_gives_offsets_labels_and_scores() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sample.txt")).unwrap();
    let (ok, out, err) = run(&["classify", "--json", "-"], text.as_bytes());
    assert!(ok, "{err}");
    let passages: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(passages.len(), 5);
    for p in &passages {
        let (a, b) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
        assert!(text[a..b].split_whitespace().count() >= 6);
        let sum: f64 = p["scores"].as_object().unwrap().values().map(|v| v.as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-9);
    }
    assert_eq!(passages[0]["label"], "cyber_dependent", "{}", passages[0]);
    assert_eq!(passages[1]["label"], "procedural_power", "{}", passages[1]);
}

#[test]
fn batch_reports_bad_lines_and_keeps_going() {
    let input = b"{\"id\": 1, \"text\": \"Est puni le fait d'acceder frauduleusement a un systeme informatique.\"}\nnot json\n{\"id\": 2}\n\xff\xfe\n{\"id\": \"b\", \"text\": \"\"}\n";
    let (ok, out, err) = run(&["classify", "--jsonl", "-"], input);
    assert!(ok, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["scores"].as_object().unwrap().len(), 6);
    assert!(err.contains("line 2:") && err.contains("line 3:") && err.contains("line 4:"), "{err}");
}

#[test]
fn junk_input_never_crashes() {
    let mut junk: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    junk.extend_from_slice("\u{202E}مرحبا 😀 \u{200B}<script>alert(1)</script>".as_bytes());
    let (ok, _, err) = run(&["classify", "--json", "-"], &junk);
    assert!(ok, "{err}");
    let (ok, out, _) = run(&["classify", "-"], b"");
    assert!(ok && out.is_empty());
}

#[test]
fn a_foreign_model_file_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.model");
    std::fs::write(&bad, b"PK\x03\x04 not a model").unwrap();
    let (ok, _, err) = run(&["classify", "--model", bad.to_str().unwrap(), "-"], b"x");
    assert!(!ok);
    assert!(err.contains("NOT_A_MODEL"), "{err}");
}
