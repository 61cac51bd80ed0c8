//! Classifying long text chunk by chunk, with every offset exact in the whole text.
//!
//! [`Classifier::classify`] holds the whole document's passages at once and refuses text
//! over `ClassifyOptions::max_bytes`. Here the text is cut into chunks at blank lines (so
//! a passage is never split unless a chunk has no blank line at all), each chunk is
//! classified on its own and handed over with its passages' offsets shifted into the
//! whole text, and only per-label totals are kept for the document's language and
//! summary. One chunker serves every surface: [`for_each_chunk`] streams any reader (the
//! CLI reads files and pipes through it) and [`chunk_ranges`] is the same cut of a string
//! (the JS package, its worker and the page), so they give the same passages for the
//! same text.

use std::io::{BufRead, BufReader, Read};
use std::ops::Range;

use crate::classify::{Classifier, ClassifyOptions, Document, LabelSummary, Passage};
use crate::error::Error;
use crate::labels::Label;
use crate::lang::{self, DocLang, Lang};
use crate::span::Span;

/// Chunk size of the CLI and of the JS package: about 1 MiB.
pub const DEFAULT_CHUNK_BYTES: usize = 1 << 20;

/// A chunk with no blank line is cut after any line once it holds this many targets.
const HARD_FACTOR: usize = 4;

/// Byte ranges covering `text` end to end, in order, none empty. A chunk ends after a
/// blank line (only ASCII white space) once it holds at least `target` bytes, or after
/// any line once it holds `4 × target`; a single line longer than that is cut at its last
/// white space before the limit, or at a character boundary when it has none. Every
/// chunk is therefore shorter than `8 × target` bytes. The same cut as [`for_each_chunk`].
pub fn chunk_ranges(text: &str, target: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let cut = for_each_chunk(text.as_bytes(), target, |chunk| {
        if !chunk.is_empty() {
            out.push(pos..pos + chunk.len());
            pos += chunk.len();
        }
        Ok::<(), std::io::Error>(())
    });
    debug_assert!(cut.is_ok(), "reading a byte slice cannot fail");
    out
}

/// Calls `each` with the chunks of `input` in order, as [`chunk_ranges`] cuts them,
/// reading no more than a chunk at a time: the CLI streams files of any size through it.
/// The last call may be empty. Invalid UTF-8 is cut like text (its bytes are kept).
pub fn for_each_chunk<R: Read, E: From<std::io::Error>>(input: R, target: usize, mut each: impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), E> {
    let target = target.max(1);
    let mut pieces = LinePieces::new(input, target * HARD_FACTOR);
    let mut chunk: Vec<u8> = Vec::with_capacity(target * 2);
    loop {
        let piece = pieces.next_piece()?;
        let n = piece.len();
        chunk.extend_from_slice(piece);
        let blank = piece.iter().all(u8::is_ascii_whitespace);
        if n > 0 && !(chunk.len() >= target && blank) && chunk.len() < HARD_FACTOR * target {
            continue;
        }
        each(&chunk)?;
        chunk.clear();
        if n == 0 {
            return Ok(());
        }
    }
}

/// The input's lines, each whole when it is at most `hard` bytes long, else cut into pieces
/// of at most `hard` bytes after their last white space (or at a character boundary when
/// there is none), exactly as `cyberclause::chunk_ranges` cuts valid UTF-8. Memory is
/// bounded by `hard` plus the reader's buffer, however long a line is.
struct LinePieces<R> {
    reader: BufReader<R>,
    hard: usize,
    /// Bytes read; those from `pos` on are not handed out yet.
    buf: Vec<u8>,
    pos: usize,
    piece: Vec<u8>,
    eof: bool,
}

impl<R: Read> LinePieces<R> {
    fn new(input: R, hard: usize) -> Self {
        Self { reader: BufReader::new(input), hard: hard.max(1), buf: Vec::new(), pos: 0, piece: Vec::new(), eof: false }
    }

    /// The next piece; empty at the end of the input.
    fn next_piece(&mut self) -> std::io::Result<&[u8]> {
        // Where the search for a newline resumes: the bytes before were searched already.
        let mut searched = 0;
        loop {
            let rest = &self.buf[self.pos..];
            let window = &rest[..rest.len().min(self.hard)];
            let cut = match window[searched..].iter().position(|&b| b == b'\n') {
                Some(i) => Some(searched + i + 1),
                None if rest.len() > self.hard => Some(cut_before(rest, self.hard)),
                None if self.eof => Some(rest.len()),
                None => None,
            };
            if let Some(cut) = cut {
                self.piece.clear();
                self.piece.extend_from_slice(&rest[..cut]);
                self.pos += cut;
                return Ok(&self.piece);
            }
            searched = window.len();
            // Drop what was handed out before reading more, so the buffer stays small.
            self.buf.drain(..self.pos);
            self.pos = 0;
            let more = self.reader.fill_buf()?;
            self.eof = more.is_empty();
            self.buf.extend_from_slice(more);
            let n = more.len();
            self.reader.consume(n);
        }
    }
}

/// Where to cut a line longer than `limit` bytes: after the last white space of its first
/// `limit` bytes, else at the last character boundary there (`chunks::cut_before` on bytes
/// that may hold invalid UTF-8).
fn cut_before(s: &[u8], limit: usize) -> usize {
    let mut boundary = limit;
    while boundary > 0 && limit - boundary < 3 && s[boundary] & 0xC0 == 0x80 {
        boundary -= 1;
    }
    if s[boundary] & 0xC0 == 0x80 {
        boundary = limit; // not UTF-8 here: any cut will do
    }
    let mut last_space = None;
    let mut at = 0;
    for part in s[..boundary].utf8_chunks() {
        for (i, c) in part.valid().char_indices() {
            if c.is_whitespace() {
                last_space = Some(at + i + c.len_utf8());
            }
        }
        at += part.valid().len() + part.invalid().len();
    }
    match last_space {
        Some(cut) => cut,
        None if boundary > 0 => boundary,
        // `limit` is smaller than the first character: take that character whole.
        None => s.utf8_chunks().next().and_then(|c| c.valid().chars().next()).map_or(1, char::len_utf8),
    }
}

/// One classified chunk; all offsets are into the whole text.
#[derive(Debug, Clone)]
pub struct Chunk {
    pub span: Span,
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
                p.shift(range.start, base16);
            }
            let span = Span { start: range.start, end: range.end, start_utf16: base16, end_utf16: base16 + len16 };
            let chunk = Chunk { span, passages };
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

    fn chunk_lengths(input: &[u8], target: usize) -> Vec<usize> {
        let mut lens = Vec::new();
        for_each_chunk(input, target, |c| {
            lens.push(c.len());
            Ok::<(), std::io::Error>(())
        })
        .unwrap();
        if lens.last() == Some(&0) {
            lens.pop();
        }
        lens
    }

    /// Regression (CLI): a line longer than 16 MiB (no newline) was read whole, then refused
    /// with INPUT_TOO_LARGE by `Classifier::classify`. Lines are cut, so no chunk exceeds
    /// 8 × the target, however long the line, and a reader is never read much further.
    #[test]
    fn one_endless_line_gives_bounded_chunks() {
        let line = "mot ".repeat(10_000);
        let lens = chunk_lengths(line.as_bytes(), 100);
        assert_eq!(lens.iter().sum::<usize>(), line.len());
        assert!(lens.iter().all(|&n| n > 0 && n < 8 * 100), "{lens:?}");
    }

    #[test]
    fn invalid_utf8_is_cut_somewhere_and_kept_whole() {
        let mut junk: Vec<u8> = (0..=255u8).cycle().take(5000).filter(|&b| b != b'\n').collect();
        junk.extend_from_slice("é".repeat(500).as_bytes());
        junk.extend([0xE2, 0x82]); // a truncated sequence at the very end
        let lens = chunk_lengths(&junk, 10);
        assert_eq!(lens.iter().sum::<usize>(), junk.len());
        assert!(lens.iter().all(|&n| n > 0 && n < 8 * 10), "{lens:?}");
    }

    #[test]
    fn a_reader_in_small_pieces_is_cut_as_the_whole_text() {
        /// Hands out at most 7 bytes a read, as a pipe may.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(buf.len()).min(7);
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let text = "Le hack du système est puni.\n\n😀\u{2003}x une ligne\n".repeat(40) + &"é mot ".repeat(300);
        for target in [1, 3, 25, 50, 1000] {
            let mut lens = Vec::new();
            for_each_chunk(Trickle(text.as_bytes()), target, |c| {
                lens.push(c.len());
                Ok::<(), std::io::Error>(())
            })
            .unwrap();
            lens.retain(|&n| n > 0);
            let whole: Vec<usize> = chunk_ranges(&text, target).iter().map(|r| r.len()).collect();
            assert_eq!(lens, whole, "target {target}");
        }
    }
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
                p.shift(r.start, base16);
                expected.push(p);
            }
            base16 += text[r.clone()].encode_utf16().count();
        }
        let doc = c.classify_chunked(&text, &opts, 60).unwrap();
        assert_eq!(format!("{:?}", doc.passages), format!("{expected:?}"));
        let units: Vec<u16> = text.encode_utf16().collect();
        for p in &doc.passages {
            assert_eq!(&text[p.span.start..p.span.end], p.text);
            assert_eq!(String::from_utf16(&units[p.span.start_utf16..p.span.end_utf16]).unwrap(), p.text);
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
                assert_eq!(chunk.span.start_utf16, seen);
                seen = chunk.span.end_utf16;
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
