//! Structured documents written for these tests (`tests/fixtures/structure/`): a French code,
//! a treaty, a US-code section, a PDF paste with running heads and page numbers, and a
//! Markdown paste. Headings are found and ranked, every passage carries its path, lists
//! keep their lead-in, short points are not dropped, and no text is lost.

#[path = "support/invariants.rs"]
mod invariants;

use cyberclause::{segment, Kind, Lexicon, Segment, SegmentOptions};
use invariants::{check_spans, Span};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../tests/fixtures/structure/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn cut(src: &str) -> Vec<Segment> {
    let mut lx = Lexicon::new();
    lx.add_text(src);
    let segs = segment(src, &lx, &SegmentOptions::default());
    let spans: Vec<Span> = segs.iter().map(Span::from).collect();
    check_spans(src, &spans).unwrap();
    segs
}

fn headings(segs: &[Segment]) -> Vec<&str> {
    segs.iter().filter(|s| s.kind == Kind::Heading).map(|s| s.text.as_str()).collect()
}

fn passage<'a>(segs: &'a [Segment], starts: &str) -> &'a Segment {
    segs.iter().find(|s| s.kind == Kind::Passage && s.text.starts_with(starts)).unwrap_or_else(|| panic!("no passage {starts:?} in {segs:#?}"))
}

/// Every character of `src` that is not blank lies in a segment, except in `removed` lines.
fn nothing_dropped(src: &str, segs: &[Segment], removed: &[&str]) {
    let mut covered = vec![false; src.len()];
    segs.iter().for_each(|s| covered[s.span.start..s.span.end].iter_mut().for_each(|c| *c = true));
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        let lost: String = line.char_indices().filter(|(i, c)| !c.is_whitespace() && !covered[pos + i]).map(|(_, c)| c).collect();
        if !lost.is_empty() {
            assert!(removed.contains(&line.trim()), "text dropped: {lost:?} from {line:?}");
        }
        pos += line.len();
    }
}

#[test]
fn french_code_layout() {
    let src = fixture("code_fr.txt");
    let segs = cut(&src);
    assert_eq!(
        headings(&segs),
        [
            "LIVRE PREMIER DES ATTEINTES NUMÉRIQUES",
            "TITRE II DES INFRACTIONS CONTRE LES SYSTÈMES",
            "Chapitre Ier Des atteintes aux systèmes de traitement automatisé",
            "Article L. 210-1",
            "Article L. 210-2",
            "Chapitre II Des pouvoirs d'enquête",
            "Article L. 220-1 – Réquisitions",
        ]
    );
    let p = passage(&segs, "Les peines sont portées");
    assert_eq!(p.path.last().map(String::as_str), Some("Article L. 210-1"));
    assert_eq!(p.path.len(), 4);
    // The lead-in and its three "1°" points are one passage.
    assert!(passage(&segs, "Est puni des mêmes peines").text.ends_with("3° de rendre un système indisponible."));
    assert_eq!(passage(&segs, "L'officier de police").path[2], "Chapitre II Des pouvoirs d'enquête");
    nothing_dropped(&src, &segs, &[]);
}

#[test]
fn treaty_layout() {
    let src = fixture("treaty_en.txt");
    let segs = cut(&src);
    assert_eq!(headings(&segs).len(), 5);
    // A lone paragraph number belongs to the text after it; the points stay with their lead-in,
    // the short ones included.
    let first = passage(&segs, "1. Each Party");
    assert!(first.text.contains("conduct: a) the deletion of records without right; b) the suppression of records; c) \"records\" means:"));
    assert_eq!(first.path, ["Chapter II – Measures to be taken at the national level", "Section 1 – Substantive criminal law", "Article 7 – Interference with records"]);
    // "Article 16, such harm…" continues a sentence; it opens no passage and no heading.
    assert!(passage(&segs, "2. A Party may require").text.ends_with("to be assessed by its courts."));
    assert_eq!(passage(&segs, "Each Party shall adopt such measures").path[1], "Section 2 – Procedural law");
    nothing_dropped(&src, &segs, &[]);
}

#[test]
fn us_code_layout() {
    let src = fixture("us_code.txt");
    let segs = cut(&src);
    assert_eq!(headings(&segs), ["§ 2410. Unauthorized access to protected systems", "§ 2411. Definitions"]);
    assert!(segs.iter().filter(|s| s.kind == Kind::Passage).all(|s| s.path.len() == 1));
    assert!(segs.iter().any(|s| s.text.starts_with("(A) information") || s.text.contains("— (A) information")));
    nothing_dropped(&src, &segs, &[]);
}

#[test]
fn pdf_paste_loses_running_heads_and_page_numbers_and_rejoins_words() {
    let src = fixture("pdf_paste.txt");
    let segs = cut(&src);
    assert!(segs.iter().all(|s| !s.text.contains("Official text")), "{segs:#?}");
    let p = passage(&segs, "A person who, without right");
    assert!(p.text.contains("functioning of a computer system commits"), "{}", p.text);
    assert_eq!(p.path, ["LAW ON DIGITAL OFFENCES", "Article 4"]);
    nothing_dropped(&src, &segs, &["Digital Offences Act – Official text", "12", "13"]);
}

#[test]
fn markdown_paste() {
    let src = fixture("markdown.md");
    let segs = cut(&src);
    assert_eq!(headings(&segs), ["# Cybersecurity Bill", "## Part 1 — Offences", "### Article 1 — Illegal access", "### Article 2 — Powers"]);
    assert_eq!(passage(&segs, "Any person").path, ["Cybersecurity Bill", "Part 1 — Offences", "Article 1 — Illegal access"]);
    assert_eq!(passage(&segs, "- The order").path[2], "Article 2 — Powers");
    nothing_dropped(&src, &segs, &[]);
}
