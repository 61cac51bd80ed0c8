//! `cyberclause classify`: a document (segmented) or a JSON Lines batch (one passage a line).

use std::io::{BufRead, BufReader, Read, Write};

use anyhow::Result;
use cyberclause::{Classifier, ClassifyOptions, Kind, Lang, Passage};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{json, Value};

/// Documents are read and classified in chunks of about this many bytes, cut at a blank
/// line, so memory stays flat whatever the input size.
const CHUNK_BYTES: usize = cyberclause::DEFAULT_CHUNK_BYTES;

/// A chunk with no blank line ends after any line once it holds this many bytes, and a
/// longer line is cut (as `cyberclause::chunk_ranges` cuts).
const HARD_FACTOR: usize = 4;

/// Reads `input` chunk by chunk and prints every passage as it is classified.
pub fn document(classifier: &Classifier, input: impl Read, out: &mut impl Write, json_out: bool, opts: &ClassifyOptions) -> Result<usize> {
    let (mut base_bytes, mut base_utf16, mut count, mut invalid) = (0usize, 0usize, 0usize, false);
    let mut unknown = 0;
    chunks(input, CHUNK_BYTES, |chunk| {
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
        Ok(())
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

/// Calls `each` with the input's chunks in order, cut as `cyberclause::chunk_ranges` cuts
/// (after a blank line once `target` bytes are in, after any line at `4 × target`, inside
/// a longer line), reading no more than that at a time. The last call may be empty.
fn chunks(input: impl Read, target: usize, mut each: impl FnMut(&[u8]) -> Result<()>) -> Result<()> {
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

fn write_passage(out: &mut impl Write, p: &Passage, base: usize, base16: usize, json_out: bool) -> Result<()> {
    if json_out {
        let mut v = serde_json::to_value(p)?;
        v["start"] = json!(p.start + base);
        v["end"] = json!(p.end + base);
        v["start_utf16"] = json!(p.start_utf16 + base16);
        v["end_utf16"] = json!(p.end_utf16 + base16);
        writeln!(out, "{v}")?;
    } else if p.kind == Kind::Heading {
        writeln!(out, "[{}..{}] heading, {}: {}\n", p.start + base, p.end + base, p.label, p.text)?;
    } else {
        let best = p.scores.0[p.label.index()];
        writeln!(out, "[{}..{}] {} ({:.2}, {:?})", p.start + base, p.end + base, p.label, best, p.lang)?;
        if !p.path.is_empty() {
            writeln!(out, "  in: {}", p.path.join(" › "))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk_lengths(input: &[u8], target: usize) -> Vec<usize> {
        let mut lens = Vec::new();
        chunks(input, target, |c| {
            lens.push(c.len());
            Ok(())
        })
        .unwrap();
        if lens.last() == Some(&0) {
            lens.pop();
        }
        lens
    }

    #[test]
    fn chunks_are_cut_as_the_core_cuts_them() {
        let texts = [
            "Le hack du système est puni.\n\nLe juge autorise la mesure.\n\n".repeat(30),
            "une ligne de texte sans fin\n".repeat(50),
            "é mot ".repeat(300),
            "é".repeat(200),
            "😀\u{2003}x".repeat(100),
            String::new(),
        ];
        for text in &texts {
            for target in [1, 3, 25, 50, 1000] {
                let core: Vec<usize> = cyberclause::chunk_ranges(text, target).iter().map(|r| r.len()).collect();
                assert_eq!(chunk_lengths(text.as_bytes(), target), core, "target {target}, text {:?}", &text[..text.len().min(20)]);
            }
        }
    }

    /// Regression: a line longer than 16 MiB (no newline) was read whole, then refused
    /// with INPUT_TOO_LARGE by `Classifier::classify`. Lines are now cut like the core cuts
    /// them, so no chunk exceeds 8 × the target, however long the line.
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
}
