//! `cyberclause classify`: a document (segmented) or a JSON Lines batch (one passage a line).

use std::io::{BufRead, BufReader, Read, Write};

use anyhow::Result;
use cyberclause::{Classifier, ClassifyOptions, Kind, Lang, Passage};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};

/// Documents are read and classified in chunks of about this many bytes, cut at a blank
/// line, so memory stays flat whatever the input size.
const CHUNK_BYTES: usize = cyberclause::DEFAULT_CHUNK_BYTES;

/// Reads `input` chunk by chunk and prints every passage as it is classified.
pub fn document(classifier: &Classifier, input: impl Read, out: &mut impl Write, json_out: bool, opts: &ClassifyOptions) -> Result<usize> {
    let (mut base_bytes, mut base_utf16, mut count, mut invalid) = (0usize, 0usize, 0usize, false);
    let mut unknown = 0;
    cyberclause::for_each_chunk(input, CHUNK_BYTES, |chunk| {
        let text = String::from_utf8_lossy(chunk);
        invalid |= matches!(text, std::borrow::Cow::Owned(_));
        let doc = classifier.classify(&text, opts)?;
        for p in &doc.passages {
            write_passage(out, p, base_bytes, base_utf16, json_out)?;
            // Headings are printed too, but the counts are of passages.
            if p.kind == Kind::Passage {
                count += 1;
                unknown += usize::from(p.lang == Lang::Unknown);
            }
        }
        base_bytes += text.len();
        base_utf16 += text.encode_utf16().count();
        Ok::<(), anyhow::Error>(())
    })?;
    if invalid {
        eprintln!("warning: the input was not valid UTF-8; invalid bytes were replaced with U+FFFD (offsets count the replacements)");
    }
    warn_unsupported_language(unknown, count);
    Ok(count)
}

/// Passages in neither French nor English (`"lang": "unknown"`) are labelled all the same;
/// say once, with a code, that the model was not made for them.
fn warn_unsupported_language(unknown: usize, total: usize) {
    if unknown > 0 {
        eprintln!(
            "warning [UNSUPPORTED_LANGUAGE]: {unknown} of {total} passages are in neither French nor English (lang \"unknown\"); \
             they are labelled, but the model knows only French and English, so their labels are unreliable"
        );
    }
}

fn write_passage(out: &mut impl Write, p: &Passage, base: usize, base16: usize, json_out: bool) -> Result<()> {
    let span = p.span.shifted(base, base16);
    if json_out {
        let mut shifted = p.clone();
        shifted.shift(base, base16);
        writeln!(out, "{}", serde_json::to_value(&shifted)?)?;
    } else if p.kind == Kind::Heading {
        writeln!(out, "[{}..{}] heading, {}: {}\n", span.start, span.end, p.label, p.text)?;
    } else {
        let best = p.scores.0[p.label.index()];
        writeln!(out, "[{}..{}] {} ({:.2}, {:?})", span.start, span.end, p.label, best, p.lang)?;
        if !p.path.is_empty() {
            writeln!(out, "  in: {}", p.path.join(" › "))?;
        }
        if !p.reference.is_empty() {
            writeln!(out, "  ref: {}", p.reference)?;
        }
        writeln!(out, "  {}", p.text)?;
        let ev: Vec<String> = p.evidence.iter().map(|e| format!("{} {:+.2}", e.term, e.weight)).collect();
        writeln!(out, "  evidence: {}\n", ev.join(", "))?;
    }
    Ok(())
}

/// Classifies one passage per input line `{"id", "text", ...}`, streaming; bad lines are
/// reported on stderr with their number and skipped. Returns (classified, bad).
pub fn batch(classifier: &Classifier, input: impl Read, size: Option<u64>, out: &mut impl Write, evidence: usize) -> Result<(usize, usize)> {
    let bar = size.map_or_else(ProgressBar::hidden, |s| {
        let b = ProgressBar::new(s);
        b.set_style(ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta}").unwrap());
        b
    });
    let (mut ok, mut bad, mut unknown) = (0usize, 0usize, 0usize);
    let mut reader = BufReader::new(input);
    let mut raw = Vec::new();
    let mut number = 0;
    loop {
        raw.clear();
        if reader.read_until(b'\n', &mut raw)? == 0 {
            break;
        }
        number += 1;
        bar.inc(raw.len() as u64);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(&raw) {
            Ok((id, text)) => {
                let p = classifier.classify_passage(&text, evidence);
                let line = json!({"id": id, "label": p.label, "scores": p.scores, "lang": p.lang, "evidence": p.evidence});
                writeln!(out, "{line}")?;
                ok += 1;
                unknown += usize::from(p.lang == Lang::Unknown);
                classifier.recycle(p);
            }
            Err(e) => {
                bar.suspend(|| eprintln!("line {number}: {e}"));
                bad += 1;
            }
        }
    }
    bar.finish_and_clear();
    warn_unsupported_language(unknown, ok);
    Ok((ok, bad))
}

fn parse_line(raw: &[u8]) -> std::result::Result<(Value, String), String> {
    let text = std::str::from_utf8(raw).map_err(|e| format!("not valid UTF-8 ({e})"))?;
    let v: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let body = v.get("text").and_then(Value::as_str).ok_or("no string field `text`")?;
    Ok((v.get("id").cloned().unwrap_or(Value::Null), body.to_string()))
}

