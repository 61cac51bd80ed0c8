//! `cyberclause safeguards` (each procedural power with the safeguards that bear on it) and
//! `cyberclause compare` (two drafts, label by label). The engine decides; this prints.

use std::fs;
use std::io::{Read, Write};

use anyhow::{Context, Result};
use cyberclause::{Classifier, ClassifyOptions, CompareOptions, Comparison, Document, Op, Passage, Reason, SafeguardMap};
use serde_json::json;

/// Reads a file (or stdin for "-") whole; invalid UTF-8 is replaced, with a warning.
pub fn read_text(input: &str) -> Result<String> {
    let mut bytes = Vec::new();
    if input == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)?;
    } else {
        bytes = fs::read(input).with_context(|| format!("reading {input}"))?;
    }
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("warning: {input} was not valid UTF-8; invalid bytes were replaced with U+FFFD");
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    })
}

/// Classifies `text` (in chunks, as `classify` does) and prints its powers and safeguards.
pub fn safeguards(classifier: &Classifier, text: &str, opts: &ClassifyOptions, json_out: bool, out: &mut impl Write) -> Result<()> {
    let doc = classifier.classify_chunked(text, opts, cyberclause::DEFAULT_CHUNK_BYTES)?;
    let map = doc.safeguard_links();
    if json_out {
        let v = json!({"powers": map.powers, "unguarded": map.unguarded, "passages": doc.passages});
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        write_safeguards(&doc, &map, out)?;
    }
    Ok(())
}

fn name(p: &Passage) -> String {
    if p.reference.is_empty() {
        format!("[{}..{}]", p.span.start, p.span.end)
    } else {
        p.reference.clone()
    }
}

fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 16 {
        words.join(" ")
    } else {
        format!("{} …", words[..16].join(" "))
    }
}

fn write_safeguards(doc: &Document, map: &SafeguardMap, out: &mut impl Write) -> Result<()> {
    if map.powers.is_empty() {
        writeln!(out, "No procedural power in this text.")?;
        return Ok(());
    }
    writeln!(out, "{} procedural powers, {} with no safeguard.\n", map.powers.len(), map.unguarded.len())?;
    for power in &map.powers {
        let p = &doc.passages[power.power];
        writeln!(out, "{} — {}", name(p), excerpt(&p.text))?;
        if power.safeguards.is_empty() {
            writeln!(out, "  NO SAFEGUARD found in its article, its section or by citation")?;
        }
        for link in &power.safeguards {
            let why = match (link.reason, &link.via) {
                (Reason::SameArticle, _) => "same article".to_string(),
                (Reason::SameSection, _) => "same section".to_string(),
                (Reason::Citation, Some(v)) => format!("citation: {} cites \"{}\"", v.reference, v.text),
                (Reason::Citation, None) => "citation".to_string(),
            };
            writeln!(out, "  + {} ({why}) — {}", name(&doc.passages[link.safeguard]), excerpt(&doc.passages[link.safeguard].text))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Compares two drafts and prints what changed, label by label.
pub fn compare(classifier: &Classifier, old: &str, new: &str, opts: &CompareOptions, json_out: bool, out: &mut impl Write) -> Result<()> {
    let cmp = classifier.compare(old, new, opts).map_err(|e| anyhow::anyhow!("[{}] {e}", e.code()))?;
    if json_out {
        writeln!(out, "{}", serde_json::to_string_pretty(&cmp)?)?;
    } else {
        write_comparison(&cmp, out)?;
    }
    Ok(())
}

fn write_comparison(cmp: &Comparison, out: &mut impl Write) -> Result<()> {
    writeln!(out, "label                 old  new  added  removed  changed  unchanged")?;
    for (d, (o, n)) in cmp.labels.iter().zip(cmp.old.summary.iter().zip(&cmp.new.summary)) {
        let row = (d.added.len(), d.removed.len(), d.changed.len(), d.unchanged);
        writeln!(out, "{:<20} {:>4} {:>4} {:>6} {:>8} {:>8} {:>10}", d.label.id(), o.passages, n.passages, row.0, row.1, row.2, row.3)?;
    }
    for d in &cmp.labels {
        for &i in &d.added {
            writeln!(out, "\n+ added ({}) {} — {}", d.label, name(&cmp.new.passages[i]), excerpt(&cmp.new.passages[i].text))?;
        }
        for &i in &d.removed {
            writeln!(out, "\n- removed ({}) {} — {}", d.label, name(&cmp.old.passages[i]), excerpt(&cmp.old.passages[i].text))?;
        }
        for c in &d.changed {
            let moved = if c.moved { ", moved" } else { "" };
            let (a, b) = (&cmp.old.passages[c.old], &cmp.new.passages[c.new]);
            writeln!(out, "\n~ changed ({}) {} → {} (similarity {:.2}{moved})", d.label, name(a), name(b), c.similarity)?;
            let words: Vec<String> = c
                .diff
                .iter()
                .map(|r| match r.op {
                    Op::Equal => r.text.clone(),
                    Op::Insert => format!("{{+{}+}}", r.text),
                    Op::Delete => format!("[-{}-]", r.text),
                })
                .collect();
            writeln!(out, "  {}", words.join(" "))?;
        }
    }
    for c in &cmp.label_changes {
        let (a, b) = (&cmp.old.passages[c.old], &cmp.new.passages[c.new]);
        writeln!(out, "\nlabel changed: {} ({}) → {} ({})", name(a), c.old_label, name(b), c.new_label)?;
    }
    Ok(())
}
