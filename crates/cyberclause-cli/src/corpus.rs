//! `cyberclause corpus ...`: cutting the seed texts and assembling the labelled corpus.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use cyberclause::{segment, Kind, Lexicon, SegmentOptions};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Where a seed passage comes from: the file and its character range (Unicode scalar
/// values, end exclusive) in the original text.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SeedSource {
    pub file: String,
    pub start: usize,
    pub end: usize,
}

/// One cut passage before labelling.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SeedPassage {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub source: SeedSource,
}

/// A hand edit kept as data: replace a passage's text (a repair the code cannot make),
/// or drop it (with the reason).
#[derive(Debug, Clone, Deserialize)]
struct Edit {
    id: String,
    text: Option<String>,
    drop: Option<String>,
}

fn seed_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// Cuts every seed with the product's own segmenter, applies the hand edits, and writes
/// one JSON line per passage.
pub fn cut(seeds: &Path, edits: &Path, out: &Path) -> Result<usize> {
    let files = seed_files(seeds)?;
    let texts: Vec<String> = files.iter().map(fs::read_to_string).collect::<Result<_, _>>()?;
    let mut lexicon = Lexicon::new();
    texts.iter().for_each(|t| lexicon.add_text(t));
    let edits = read_edits(edits)?;
    let mut lines = Vec::new();
    for (path, text) in files.iter().zip(&texts) {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let tag = &name[..3];
        // Headings are not passages of the corpus (they take their label from what they head).
        for seg in segment(text, &lexicon, &SegmentOptions::default()).into_iter().filter(|s| s.kind == Kind::Passage) {
            let start = text[..seg.span.start].chars().count();
            let end = start + text[seg.span.start..seg.span.end].chars().count();
            let id = format!("fr-{tag}-{start:06}");
            let mut passage = SeedPassage {
                id: id.clone(),
                lang: "fr".into(),
                text: seg.text,
                source: SeedSource { file: name.clone(), start, end },
            };
            match edits.get(&id) {
                Some(Edit { drop: Some(_), .. }) => continue,
                Some(Edit { text: Some(t), .. }) => passage.text = t.clone(),
                _ => {}
            }
            lines.push(serde_json::to_string(&passage)?);
        }
    }
    fs::write(out, lines.join("\n") + "\n")?;
    Ok(lines.len())
}

fn read_edits(path: &Path) -> Result<BTreeMap<String, Edit>> {
    let mut map = BTreeMap::new();
    if !path.exists() {
        return Ok(map);
    }
    for (i, line) in fs::read_to_string(path)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let e: Edit = serde_json::from_str(line).with_context(|| format!("{}:{}", path.display(), i + 1))?;
        if e.text.is_none() && e.drop.is_none() {
            bail!("{}:{}: an edit needs `text` or `drop`", path.display(), i + 1);
        }
        map.insert(e.id.clone(), e);
    }
    Ok(map)
}

/// Reads a JSON Lines file into values.
pub fn read_jsonl(path: &Path) -> Result<Vec<Value>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{}:{}", path.display(), i + 1)))
        .collect()
}

/// A passage of the assembled corpus, as written to `corpus.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorpusEntry {
    pub id: String,
    pub lang: String,
    pub text: String,
    pub label: String,
    /// seed | translation | written
    pub origin: String,
    /// Seed: file and character range. Translation: parent id. Written: "team".
    pub source: Value,
    pub label_a: String,
    pub label_b: String,
}

fn labels_from(dir: &Path, prefix: &str) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    files.sort();
    for f in files {
        for v in read_jsonl(&f)? {
            map.insert(str_field(&v, "id")?, str_field(&v, "label")?);
        }
    }
    Ok(map)
}

fn str_field(v: &Value, key: &str) -> Result<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string).with_context(|| format!("missing `{key}` in {v}"))
}

/// Assembles `corpus.jsonl` from the parts in `src`: seed passages with both raw labels
/// and the adjudicated one, written passages, translations carrying their parent's label.
/// `retired*.jsonl` lists written passages taken out (`{"id", "reason"}`).
pub fn build(src: &Path, out: &Path) -> Result<Vec<CorpusEntry>> {
    let a = labels_from(src, "labels_a.")?;
    let b = labels_from(src, "labels_b.")?;
    let adjudicated = labels_from(src, "adjudications")?;
    let decide = |id: &str, la: &str, lb: &str| -> Result<String> {
        match adjudicated.get(id) {
            Some(l) => Ok(l.clone()),
            None if la == lb => Ok(la.to_string()),
            None => bail!("{id}: passes disagree ({la} / {lb}) and no adjudication is recorded"),
        }
    };
    // Hand edits apply here too, so an edit takes effect without a new cut of the seeds
    // (a cut by a newer segmenter would move passages away from their labels).
    let edits = read_edits(&src.join("edits.jsonl"))?;
    let edited = |id: &str, text: String| match edits.get(id) {
        Some(Edit { drop: Some(_), .. }) => None,
        Some(Edit { text: Some(t), .. }) => Some(t.clone()),
        _ => Some(text),
    };
    let mut entries = Vec::new();
    let mut by_id: BTreeMap<String, CorpusEntry> = BTreeMap::new();
    for v in read_jsonl(&src.join("seed_passages.jsonl"))? {
        let mut p: SeedPassage = serde_json::from_value(v)?;
        let Some(text) = edited(&p.id, p.text) else { continue };
        p.text = text;
        let la = a.get(&p.id).with_context(|| format!("{}: no pass-A label", p.id))?.clone();
        let lb = b.get(&p.id).with_context(|| format!("{}: no pass-B label", p.id))?.clone();
        let e = CorpusEntry {
            label: decide(&p.id, &la, &lb)?,
            id: p.id,
            lang: p.lang,
            text: p.text,
            origin: "seed".into(),
            source: serde_json::to_value(&p.source)?,
            label_a: la,
            label_b: lb,
        };
        by_id.insert(e.id.clone(), e.clone());
        entries.push(e);
    }
    let retired: BTreeMap<String, Value> =
        read_jsonl_glob(src, "retired")?.into_iter().map(|v| Ok((str_field(&v, "id")?, v))).collect::<Result<_>>()?;
    for v in read_jsonl_glob(src, "written_")? {
        let id = str_field(&v, "id")?;
        if retired.contains_key(&id) {
            continue;
        }
        let la = str_field(&v, "label")?;
        let lb = b.get(&id).cloned().with_context(|| format!("{id}: no blind (pass-B) label"))?;
        let e = CorpusEntry {
            label: decide(&id, &la, &lb)?,
            id,
            lang: str_field(&v, "lang")?,
            text: str_field(&v, "text")?,
            origin: "written".into(),
            source: Value::String("team".into()),
            label_a: la,
            label_b: lb,
        };
        by_id.insert(e.id.clone(), e.clone());
        entries.push(e);
    }
    // Translations come last: their parent is a seed passage (French to English) or a
    // written passage (either way); each carries its parent's labels. A retired written
    // passage takes its translation with it.
    for v in read_jsonl_glob(src, "translations.")? {
        let parent = str_field(&v, "parent")?;
        if retired.contains_key(&parent) || edits.get(&parent).is_some_and(|e| e.drop.is_some()) {
            continue;
        }
        let Some(text) = edited(&str_field(&v, "id")?, str_field(&v, "text")?) else { continue };
        let p = by_id.get(&parent).with_context(|| format!("translation of unknown passage {parent}"))?;
        entries.push(CorpusEntry {
            id: str_field(&v, "id")?,
            lang: if p.lang == "fr" { "en" } else { "fr" }.into(),
            text,
            label: p.label.clone(),
            origin: "translation".into(),
            source: Value::String(parent),
            label_a: p.label_a.clone(),
            label_b: p.label_b.clone(),
        });
    }
    // Two French passages can translate to the same English sentence: keep the first.
    let mut seen = std::collections::HashSet::new();
    entries.retain(|e| seen.insert(e.text.clone()));
    let lines: Vec<String> = entries.iter().map(serde_json::to_string).collect::<Result<_, _>>()?;
    fs::write(out, lines.join("\n") + "\n")?;
    Ok(entries)
}

fn read_jsonl_glob(dir: &Path, prefix: &str) -> Result<Vec<Value>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        out.extend(read_jsonl(&f)?);
    }
    Ok(out)
}

/// Cohen's kappa between two label sequences, overall and one-vs-rest per label.
pub fn kappa(a: &[&str], b: &[&str]) -> (f64, BTreeMap<String, f64>) {
    let overall = cohen(a, b);
    let labels: std::collections::BTreeSet<&str> = a.iter().chain(b).copied().collect();
    let per = labels
        .into_iter()
        .map(|l| {
            let bin = |xs: &[&str]| xs.iter().map(|&x| if x == l { "y" } else { "n" }).collect::<Vec<_>>();
            (l.to_string(), cohen(&bin(a), &bin(b)))
        })
        .collect();
    (overall, per)
}

fn cohen(a: &[&str], b: &[&str]) -> f64 {
    let n = a.len() as f64;
    if n == 0.0 {
        return 1.0;
    }
    let po = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n;
    let mut ca: BTreeMap<&str, f64> = BTreeMap::new();
    let mut cb: BTreeMap<&str, f64> = BTreeMap::new();
    a.iter().for_each(|x| *ca.entry(x).or_default() += 1.0);
    b.iter().for_each(|x| *cb.entry(x).or_default() += 1.0);
    let pe: f64 = ca.iter().map(|(k, v)| v * cb.get(k).unwrap_or(&0.0)).sum::<f64>() / (n * n);
    if pe >= 1.0 {
        1.0
    } else {
        (po - pe) / (1.0 - pe)
    }
}

/// Counts per label × language × origin, and the agreement figures, as JSON.
pub fn stats(entries: &[CorpusEntry]) -> Value {
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for e in entries {
        *counts.entry(e.label.clone()).or_default().entry(format!("{}/{}", e.lang, e.origin)).or_default() += 1;
    }
    let double: Vec<&CorpusEntry> = entries.iter().filter(|e| e.origin != "translation").collect();
    let agreement = |sel: &[&CorpusEntry]| {
        let a: Vec<&str> = sel.iter().map(|e| e.label_a.as_str()).collect();
        let b: Vec<&str> = sel.iter().map(|e| e.label_b.as_str()).collect();
        let (k, per) = kappa(&a, &b);
        let disagreements = a.iter().zip(&b).filter(|(x, y)| x != y).count();
        serde_json::json!({"passages": sel.len(), "kappa": k, "per_label": per, "disagreements": disagreements})
    };
    let seeds: Vec<&CorpusEntry> = double.iter().copied().filter(|e| e.origin == "seed").collect();
    let written: Vec<&CorpusEntry> = double.iter().copied().filter(|e| e.origin == "written").collect();
    serde_json::json!({
        "total": entries.len(),
        "counts": counts,
        "agreement_seed": agreement(&seeds),
        "agreement_written": agreement(&written),
    })
}
