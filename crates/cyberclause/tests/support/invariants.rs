//! Invariants of segmentation and classification output, shared by the property tests
//! (`tests/properties.rs`) and the fuzz targets (`fuzz/`, which include this file by path).
//! Each check returns a description of the first violation, so that callers can panic
//! (fuzzing) or fail the property (proptest) with it.

#![allow(dead_code)]

use cyberclause::{Document, Kind, Label, Passage, Segment};
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A passage's place in the original and its text, whatever produced it.
#[derive(Debug, Clone, Copy)]
pub struct Span<'a> {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub text: &'a str,
}

impl<'a> From<&'a Segment> for Span<'a> {
    fn from(s: &'a Segment) -> Self {
        Span { start: s.span.start, end: s.span.end, start_utf16: s.span.start_utf16, end_utf16: s.span.end_utf16, text: &s.text }
    }
}

impl<'a> From<&'a Passage> for Span<'a> {
    fn from(p: &'a Passage) -> Self {
        Span { start: p.span.start, end: p.span.end, start_utf16: p.span.start_utf16, end_utf16: p.span.end_utf16, text: &p.text }
    }
}

/// Characters that segmentation drops or turns into plain spaces (see `text.rs`).
fn is_ignorable(c: char) -> bool {
    c.is_whitespace() || c.is_control() || is_invisible(c)
}

/// Characters that segmentation drops (see `text.rs`).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// The characters of `s` that repairs never invent: the canonical decomposition's starters
/// (combining marks can be reordered when a repair removes a character between them),
/// without spaces, controls and invisible characters.
pub fn significant(s: &str) -> Vec<char> {
    s.nfd().filter(|&c| canonical_combining_class(c) == 0 && !is_ignorable(c)).collect()
}

fn is_subsequence(small: &[char], big: &[char]) -> bool {
    let mut it = big.iter();
    small.iter().all(|c| it.any(|b| b == c))
}

/// Whether the significant characters of `text` are a subsequence of those of `slice`.
/// First without decomposing: each character's starters are those of its own
/// decomposition (reordering moves marks only), so if the characters are a subsequence
/// their starters are too; only texts that fail it (characters composed by NFC, say) pay
/// for the decompositions. (The fuzz targets spent a fifth of their time decomposing.)
fn is_significant_subsequence(text: &str, slice: &str) -> bool {
    let mut it = slice.chars().filter(|&c| !is_ignorable(c));
    text.chars().filter(|&c| !is_ignorable(c)).all(|c| it.any(|b| b == c)) || is_subsequence(&significant(text), &significant(slice))
}

/// Passages lie inside `src`, in order and without overlap; offsets fall on character
/// boundaries and the UTF-16 offsets are those of the byte offsets; the passage text is
/// trimmed, on one line, NFC, and made of the original slice's characters in order (PDF
/// repairs only remove characters — hyphens at line ends, footnote calls, stray spaces,
/// page numbers and running heads — or turn line breaks and controls into single
/// spaces), and it begins and ends with the slice's first and last characters.
pub fn check_spans(src: &str, spans: &[Span]) -> Result<(), String> {
    let mut prev_end = 0;
    let mut units = 0; // UTF-16 units of src[..prev]
    let mut prev = 0;
    for (i, s) in spans.iter().enumerate() {
        let at = format!("passage {i} [{}..{}]", s.start, s.end);
        if !(s.start < s.end && s.end <= src.len()) {
            return Err(format!("{at}: empty or outside the input of {} bytes", src.len()));
        }
        if !src.is_char_boundary(s.start) || !src.is_char_boundary(s.end) {
            return Err(format!("{at}: not on character boundaries"));
        }
        if s.start < prev_end {
            return Err(format!("{at}: overlaps or precedes the previous passage ending at {prev_end}"));
        }
        units += src[prev..s.start].encode_utf16().count();
        if s.start_utf16 != units {
            return Err(format!("{at}: start_utf16 {} but {units} expected", s.start_utf16));
        }
        units += src[s.start..s.end].encode_utf16().count();
        if s.end_utf16 != units {
            return Err(format!("{at}: end_utf16 {} but {units} expected", s.end_utf16));
        }
        (prev, prev_end) = (s.end, s.end);
        check_text(src, s).map_err(|e| format!("{at}: {e}; text {:?}, slice {:?}", s.text, &src[s.start..s.end]))?;
    }
    Ok(())
}

fn check_text(src: &str, s: &Span) -> Result<(), String> {
    let t = s.text;
    if t.is_empty() || t.starts_with(' ') || t.ends_with(' ') {
        return Err("text empty or not trimmed".into());
    }
    if t.contains("  ") || t.chars().any(|c| c != ' ' && is_ignorable(c)) {
        return Err("text holds a double space, a line break, a control or an invisible character".into());
    }
    if is_nfc_quick(t.chars()) != IsNormalized::Yes && t.nfc().ne(t.chars()) {
        return Err("text is not NFC".into());
    }
    let slice = &src[s.start..s.end];
    let (first, last) = (slice.chars().next().unwrap(), slice.chars().next_back().unwrap());
    if is_ignorable(first) || is_ignorable(last) {
        return Err("slice begins or ends with a space, control or invisible character".into());
    }
    if !is_significant_subsequence(t, slice) {
        return Err("text is not a subsequence of the slice".into());
    }
    // The first and last characters are the slice's own (compared decomposed: the text is
    // NFC, the slice as pasted).
    if ends(t) != ends(slice) {
        return Err("text and slice begin or end differently".into());
    }
    Ok(())
}

/// What a passage's text and its slice must share at their ends: whether they begin with
/// combining marks, else their first starter (in the canonical decomposition), and their
/// last starter with the marks after it as a set (invisible characters left out, spaces
/// and controls as plain spaces, as segmentation leaves them).
///
/// NFC puts a run of marks in canonical order, and a character removed from between two
/// marks (an invisible soft hyphen, say) joins their runs: the marks at an end may come
/// out in another order than pasted (`fuzz/seeds/found-reordered-marks.txt`). Marks at
/// the start (orphans: no character before them) have no first character to keep:
/// repairs may join them to what follows, an apostrophe after a space
/// (`fuzz/seeds/found-marks-before-apostrophe.txt`) or more marks after dropped lines
/// (`fuzz/seeds/found-orphan-marks-before-dropped-lines.txt`); both must then begin with
/// marks. At the end spaces count: footnote digits removed before a space leave it last.
///
/// Decomposed a character at a time from each end, only as far as the first starter:
/// canonical reordering moves marks, never starters.
fn ends(s: &str) -> (bool, Option<char>, Option<char>, Vec<char>) {
    let decomposed = |c: char| {
        let mut d = Vec::with_capacity(4);
        decompose_canonical(c, |x| d.push(if is_ignorable(x) { ' ' } else { x }));
        d
    };
    let starter = |c: char| canonical_combining_class(c) == 0;
    let visible = || s.chars().filter(|&c| !is_invisible(c));
    let opening = visible().next().map(|c| decomposed(c)[0]);
    let orphans = opening.is_some_and(|c| !starter(c));
    let (mut trail, mut last) = (Vec::new(), None);
    'trail: for c in visible().rev() {
        for x in decomposed(c).into_iter().rev() {
            if starter(x) {
                last = Some(x);
                break 'trail;
            }
            trail.push(x);
        }
    }
    if last.is_none() {
        trail.clear(); // (no starter: every mark is an orphan)
    }
    trail.sort_unstable();
    (orphans, opening.filter(|_| !orphans), last, trail)
}

/// [`ends`] over the whole decomposition, as it was first written: the reference the
/// decomposition from each end is tested against.
#[cfg(test)]
pub fn ends_whole(s: &str) -> (bool, Option<char>, Option<char>, Vec<char>) {
    let chars: Vec<char> = s.nfd().filter(|&c| !is_invisible(c)).map(|c| if is_ignorable(c) { ' ' } else { c }).collect();
    let starter = |c: &char| canonical_combining_class(*c) == 0;
    let orphans = chars.first().is_some_and(|c| !starter(c));
    let last = chars.iter().rposition(starter);
    let mut trail = last.map_or_else(Vec::new, |l| chars[l + 1..].to_vec());
    trail.sort_unstable();
    (orphans, chars.first().copied().filter(|_| !orphans), last.map(|i| chars[i]), trail)
}

/// The fast paths against the whole decomposition, on strings made of characters whose
/// decompositions differ in every way that matters: composed letters, marks of several
/// classes, a mark with class 0 that decomposes to marks (U+0F73), Hangul syllables
/// (several starters), spaces, controls and invisible characters, at either end.
#[cfg(test)]
pub fn check_fast_paths_against_whole() {
    let chars = ['a', 'é', 'e', '\u{301}', '\u{316}', '\u{344}', '\u{651}', '\u{655}', '\u{F73}', '\u{F71}', '한', '\u{1100}', ' ', '\0', '\n', '\u{AD}', '\u{200B}', 'Å', '\u{212B}', 'ǖ', '’', '1'];
    let mut state = 99u64;
    let mut next = |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    for _ in 0..50_000 {
        let a: String = (0..1 + next(8)).map(|_| chars[next(chars.len())]).collect();
        assert_eq!(ends(&a), ends_whole(&a), "{a:?}");
        let b: String = (0..1 + next(8)).map(|_| chars[next(chars.len())]).collect();
        let whole = is_subsequence(&significant(&a), &significant(&b));
        assert_eq!(is_significant_subsequence(&a, &b), whole, "{a:?} in {b:?}");
    }
}

/// Six finite probabilities summing to 1, the label their maximum, evidence finite,
/// positive, sorted and at most `evidence` long.
pub fn check_passage_scores(p: &Passage, evidence: usize) -> Result<(), String> {
    let s = &p.scores.0;
    if !s.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)) {
        return Err(format!("scores not probabilities: {s:?}"));
    }
    let sum: f64 = s.iter().sum();
    if (sum - 1.0).abs() > 1e-9 {
        return Err(format!("scores sum to {sum}"));
    }
    if s.iter().any(|&x| x > s[p.label.index()]) {
        return Err(format!("label {:?} is not the most probable: {s:?}", p.label));
    }
    if p.evidence.len() > evidence {
        return Err(format!("{} evidence terms, at most {evidence} asked", p.evidence.len()));
    }
    if !p.evidence.iter().all(|e| e.weight.is_finite() && e.weight > 0.0 && !e.term.is_empty()) {
        return Err(format!("evidence not finite and positive: {:?}", p.evidence));
    }
    if !p.evidence.windows(2).all(|w| w[0].weight >= w[1].weight) {
        return Err("evidence not sorted by weight".into());
    }
    Ok(())
}

/// Every passage of a classified document and its summary.
pub fn check_document(src: &str, doc: &Document, evidence: usize) -> Result<(), String> {
    let spans: Vec<Span> = doc.passages.iter().map(Span::from).collect();
    check_spans(src, &spans)?;
    for (i, p) in doc.passages.iter().enumerate() {
        check_passage_scores(p, evidence).map_err(|e| format!("passage {i}: {e}"))?;
        // Evidence stands inside its passage, on character boundaries, in bytes and UTF-16.
        for s in p.evidence.iter().flat_map(|e| &e.spans) {
            let inside = p.span.start <= s.start && s.end <= p.span.end && s.start < s.end;
            let units = p.span.start_utf16 <= s.start_utf16 && s.end_utf16 <= p.span.end_utf16;
            if !inside || !units || !src.is_char_boundary(s.start) || !src.is_char_boundary(s.end) {
                return Err(format!("passage {i}: evidence span {s:?} outside {:?}", p.span));
            }
        }
    }
    let labels: Vec<Label> = doc.summary.iter().map(|s| s.label).collect();
    if labels != Label::ALL {
        return Err(format!("summary labels {labels:?}"));
    }
    // Headings repeat what they head: the summary counts passages only.
    let passages = doc.passages.iter().filter(|p| p.kind == Kind::Passage).count();
    let counted: usize = doc.summary.iter().map(|s| s.passages).sum();
    let shares: f64 = doc.summary.iter().map(|s| s.share).sum();
    if counted != passages {
        return Err(format!("summary counts {counted} passages of {passages}"));
    }
    if doc.passages.iter().any(|p| p.kind == Kind::Heading && !p.evidence.is_empty()) {
        return Err("a heading has evidence".into());
    }
    let expected = if passages == 0 { 0.0 } else { 1.0 };
    if (shares - expected).abs() > 1e-9 || doc.summary.iter().any(|s| !(0.0..=1.0).contains(&s.share)) {
        return Err(format!("summary shares sum to {shares}"));
    }
    Ok(())
}
