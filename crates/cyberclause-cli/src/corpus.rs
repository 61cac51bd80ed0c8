//! `cyberclause corpus ...`: cutting the seed texts and assembling the labelled corpus.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use cyberclause::{segment, Lexicon, SegmentOptions};
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
        for seg in segment(text, &lexicon, &SegmentOptions::default()) {
            let start = text[..seg.start].chars().count();
            let end = start + text[seg.start..seg.end].chars().count();
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
