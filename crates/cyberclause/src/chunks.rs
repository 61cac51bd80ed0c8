//! Classifying long text chunk by chunk, with every offset exact in the whole text.
//!
//! [`Classifier::classify`] holds the whole document's passages at once and refuses text
//! over `ClassifyOptions::max_bytes`. Here the text is cut into chunks at blank lines (so
//! a passage is never split unless a chunk has no blank line at all), each chunk is
//! classified on its own and handed over with its passages' offsets shifted into the
//! whole text, and only per-label totals are kept for the document's language and
//! summary. The cut is the CLI's (`classify` reads documents the same way), so the JS
//! package, its worker and the CLI give the same passages for the same text.

use std::ops::Range;

use crate::classify::{Classifier, ClassifyOptions, Document, LabelSummary, Passage};
use crate::error::Error;
use crate::labels::Label;
use crate::lang::{self, DocLang, Lang};

/// Chunk size of the CLI and of the JS package: about 1 MiB.
pub const DEFAULT_CHUNK_BYTES: usize = 1 << 20;

/// A chunk with no blank line is cut after any line once it holds this many targets.
const HARD_FACTOR: usize = 4;

/// Byte ranges covering `text` end to end, in order, none empty. A chunk ends after a
/// blank line (only ASCII white space) once it holds at least `target` bytes, or after
/// any line once it holds `4 × target`; a single line longer than that is cut at its last
/// white space before the limit, or at a character boundary when it has none. Every
/// chunk is therefore shorter than `8 × target` bytes.
pub fn chunk_ranges(text: &str, target: usize) -> Vec<Range<usize>> {
    let target = target.max(1);
    let hard = target * HARD_FACTOR;
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    for piece in text.split_inclusive('\n').flat_map(|line| line_pieces(line, hard)) {
        pos += piece.len();
        let len = pos - start;
        let blank = piece.bytes().all(|b| b.is_ascii_whitespace());
        if (len >= target && blank) || len >= hard {
            out.push(start..pos);
            start = pos;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// `line` in pieces of at most `hard` bytes (a line is almost always one piece).
fn line_pieces(line: &str, hard: usize) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = if rest.len() <= hard { rest.len() } else { cut_before(rest, hard) };
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// Where to cut `s` so the head is at most `limit` bytes and not empty: after the last
/// white space that fits, else at the last character boundary that fits.
fn cut_before(s: &str, limit: usize) -> usize {
    let mut boundary = limit;
    while !s.is_char_boundary(boundary) {
        boundary -= 1;
    }
    let head = &s[..boundary];
    match head.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, c)) => i + c.len_utf8(),
        None if boundary > 0 => boundary,
        // `limit` is smaller than the first character: take that character whole.
        _ => s.chars().next().map_or(s.len(), char::len_utf8),
    }
}

/// One classified chunk; all offsets are into the whole text.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub passages: Vec<Passage>,
}

/// What is left of a chunked document once its passages have been handed over.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub language: DocLang,
    pub summary: Vec<LabelSummary>,
    /// Length of the text in UTF-16 units (JavaScript's `text.length`).
    pub len_utf16: usize,
}

/// Per-label and per-language character counts: all a document's language and summary
/// need, however many passages it has.
#[derive(Debug, Default)]
struct Tally {
    passages: [usize; 6],
    chars: [usize; 6],
    /// Characters of French, English and unknown passages.
    langs: [usize; 3],
}

impl Tally {
    fn add(&mut self, p: &Passage) {
        // Headings repeat what they head: the summary and the language count passages.
        if p.kind == crate::segment::Kind::Heading {
            return;
        }
        let n = p.text.chars().count();
        self.passages[p.label.index()] += 1;
        self.chars[p.label.index()] += n;
        self.langs[lang_index(p.lang)] += n;
    }

    /// The same figures as `Classifier::classify` computes from all its passages.
    fn overview(&self, len_utf16: usize) -> Overview {
        let total: usize = self.chars.iter().sum();
        let summary = Label::ALL
            .iter()
            .map(|&label| {
                let k = label.index();
                let share = if total == 0 { 0.0 } else { self.chars[k] as f64 / total as f64 };
                LabelSummary { label, passages: self.passages[k], share }
            })
            .collect();
        let sizes = [Lang::Fr, Lang::En, Lang::Unknown].map(|l| (l, self.langs[lang_index(l)]));
        Overview { language: lang::document(&sizes), summary, len_utf16 }
    }
}

fn lang_index(l: Lang) -> usize {
    match l {
        Lang::Fr => 0,
        Lang::En => 1,
        Lang::Unknown => 2,
    }
}

impl Classifier {
    /// Classifies `text` chunk by chunk (see [`chunk_ranges`]), calling `each` with every
    /// chunk in order. `opts.max_bytes` applies to each chunk, not to the whole text;
    /// an error from `each` stops the work and is returned.
    pub fn classify_chunks<E: From<Error>>(
        &self,
        text: &str,
        opts: &ClassifyOptions,
        chunk_bytes: usize,
        mut each: impl FnMut(Chunk) -> Result<(), E>,
    ) -> Result<Overview, E> {
        let mut tally = Tally::default();
        let mut base16 = 0;
        for range in chunk_ranges(text, chunk_bytes) {
            let part = &text[range.clone()];
            let len16 = part.encode_utf16().count();
            let mut passages = self.classify(part, opts)?.passages;
            for p in &mut passages {
                tally.add(p);
                (p.start, p.end) = (p.start + range.start, p.end + range.start);
                (p.start_utf16, p.end_utf16) = (p.start_utf16 + base16, p.end_utf16 + base16);
            }
            let chunk = Chunk { start: range.start, end: range.end, start_utf16: base16, end_utf16: base16 + len16, passages };
            base16 += len16;
            each(chunk)?;
        }
        Ok(tally.overview(base16))
    }

    /// [`Classifier::classify_chunks`] gathered into one [`Document`].
    pub fn classify_chunked(&self, text: &str, opts: &ClassifyOptions, chunk_bytes: usize) -> Result<Document, Error> {
        let mut passages = Vec::new();
        let overview = self.classify_chunks(text, opts, chunk_bytes, |c| {
            passages.extend(c.passages);
            Ok::<(), Error>(())
        })?;
        Ok(Document { language: overview.language, passages, summary: overview.summary })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::toy;

    const PARA: &str = "Le hack du système est puni de trois ans.\n\nLe juge autorise la mesure ordonnée ici.\n\n";

    fn assert_covers(text: &str, ranges: &[Range<usize>]) {
        let mut pos = 0;
        for r in ranges {
            assert_eq!(r.start, pos);
            assert!(r.end > r.start);
            pos = r.end;
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn cuts_after_blank_lines_once_the_target_is_reached() {
        let text = PARA.repeat(20);
        let ranges = chunk_ranges(&text, 200);
        assert!(ranges.len() > 3);
        assert_covers(&text, &ranges);
        for r in &ranges[..ranges.len() - 1] {
            assert!(r.len() >= 200);
            assert!(text[..r.end].ends_with("\n\n"), "cut at {}", r.end);
        }
    }

    #[test]
    fn text_without_blank_lines_is_cut_at_line_ends_then_inside_lines() {
        let lines = "une ligne de texte sans fin\n".repeat(50);
        let ranges = chunk_ranges(&lines, 50);
        assert_covers(&lines, &ranges);
        assert!(ranges.iter().all(|r| lines[..r.end].ends_with('\n') && r.len() < 8 * 50));

        let one_line = "é mot ".repeat(200);
        let ranges = chunk_ranges(&one_line, 25);
        assert_covers(&one_line, &ranges);
        assert!(ranges.iter().all(|r| r.len() < 8 * 25 && one_line.is_char_boundary(r.end)));
        assert!(ranges[..ranges.len() - 1].iter().all(|r| one_line[..r.end].ends_with(' ')));

        let no_space = "é".repeat(100);
        let ranges = chunk_ranges(&no_space, 1);
        assert_covers(&no_space, &ranges);
        assert_eq!(ranges.len(), 50, "4-byte pieces of 2-byte characters");
    }

    #[test]
    fn empty_text_has_no_chunks() {
        assert!(chunk_ranges("", 10).is_empty());
    }

    #[test]
    fn one_chunk_gives_exactly_what_classify_gives() {
        let c = Classifier::new(toy());
        let opts = ClassifyOptions::default();
        let text = format!("🔒 {PARA}{PARA}");
        let whole = c.classify(&text, &opts).unwrap();
        let chunked = c.classify_chunked(&text, &opts, DEFAULT_CHUNK_BYTES).unwrap();
        assert_eq!(format!("{whole:?}"), format!("{chunked:?}"));
    }

    #[test]
    fn offsets_are_shifted_into_the_whole_text() {
        let c = Classifier::new(toy());
        let opts = ClassifyOptions::default();
        let text = format!("🔒 An introduction long enough to stand alone.\n\n{}", PARA.repeat(6));
        let ranges = chunk_ranges(&text, 60);
        assert!(ranges.len() >= 3);
        let mut expected = Vec::new();
        let mut base16 = 0;
        for r in &ranges {
            for mut p in c.classify(&text[r.clone()], &opts).unwrap().passages {
                (p.start, p.end) = (p.start + r.start, p.end + r.start);
                (p.start_utf16, p.end_utf16) = (p.start_utf16 + base16, p.end_utf16 + base16);
                expected.push(p);
            }
            base16 += text[r.clone()].encode_utf16().count();
        }
        let doc = c.classify_chunked(&text, &opts, 60).unwrap();
        assert_eq!(format!("{:?}", doc.passages), format!("{expected:?}"));
        let units: Vec<u16> = text.encode_utf16().collect();
        for p in &doc.passages {
            assert_eq!(&text[p.start..p.end], p.text);
            assert_eq!(String::from_utf16(&units[p.start_utf16..p.end_utf16]).unwrap(), p.text);
        }
        let shares: f64 = doc.summary.iter().map(|s| s.share).sum();
        assert!((shares - 1.0).abs() < 1e-9);
        assert_eq!(doc.summary.iter().map(|s| s.passages).sum::<usize>(), doc.passages.len());
    }

    #[test]
    fn max_bytes_applies_to_each_chunk_not_to_the_whole_text() {
        let c = Classifier::new(toy());
        let opts = ClassifyOptions { max_bytes: 400, ..ClassifyOptions::default() };
        let text = PARA.repeat(20);
        assert_eq!(c.classify(&text, &opts).unwrap_err().code(), "INPUT_TOO_LARGE");
        let mut seen = 0;
        let overview = c
            .classify_chunks(&text, &opts, 50, |chunk| {
                assert_eq!(chunk.start_utf16, seen);
                seen = chunk.end_utf16;
                Ok::<(), Error>(())
            })
            .unwrap();
        assert_eq!(seen, text.encode_utf16().count());
        assert_eq!(overview.len_utf16, seen);
        assert_eq!(overview.summary.iter().map(|s| s.passages).sum::<usize>(), 40);
    }

    #[test]
    fn an_error_from_the_callback_stops_the_work() {
        let c = Classifier::new(toy());
        let mut calls = 0;
        let err = c
            .classify_chunks(&PARA.repeat(10), &ClassifyOptions::default(), 50, |_| {
                calls += 1;
                Err(Error::InvalidModel("stop".into()))
            })
            .unwrap_err();
        assert_eq!(calls, 1);
        assert_eq!(err.code(), "INVALID_MODEL");
    }
}
