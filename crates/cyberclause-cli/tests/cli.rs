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
    let all: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let passages: Vec<&serde_json::Value> = all.iter().filter(|p| p["kind"] == "passage").collect();
    assert_eq!(passages.len(), 5);
    // "Article 1" on its own line is a heading, and the path of the passage under it.
    let headings: Vec<&str> = all.iter().filter(|p| p["kind"] == "heading").map(|p| p["text"].as_str().unwrap()).collect();
    assert_eq!(headings, ["Article 1", "Article 2", "Article 3"]);
    assert_eq!(passages[0]["path"], serde_json::json!(["Article 1"]));
    assert_eq!(passages[3]["path"], serde_json::json!(["Section 4"]));
    assert_eq!(all[0]["label"], passages[0]["label"], "a heading takes the label of the passage it heads");
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

#[test]
fn classify_works_from_any_directory_with_the_built_in_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cyberclause"))
        .current_dir(dir.path())
        .args(["classify", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"Le fait d'acceder frauduleusement a un systeme de traitement automatise de donnees est puni.")?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(line.lines().next().expect("one passage")).unwrap();
    assert!(v["label"].is_string(), "{line}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{Read, Write};
    // Enough passages that the CLI is still writing when the reader goes away.
    let doc = "Le fait d'acceder frauduleusement a un systeme informatique est puni de deux ans.\n\n".repeat(20_000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_cyberclause"))
        .current_dir(common::root())
        .args(["classify", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(doc.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 256];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("Error"), "{stderr}");
}
