//! A word-level diff of two passages: runs of equal, inserted and deleted words, each with
//! its offsets (bytes and UTF-16) in the old or new text, so a reader sees exactly which
//! words a draft changed. Words are compared as written (case and punctuation count) in
//! the original text of each passage.

use serde::Serialize;

use crate::span::Span;

/// What a run of words did between the drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Equal,
    Insert,
    Delete,
}

/// Consecutive words with the same fate. `old` is where they stand in the old text (equal
/// and deleted runs), `new` in the new text (equal and inserted runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Run {
    pub op: Op,
    /// The words as written (the new text's for an equal run).
    pub text: String,
    pub old: Option<Span>,
    pub new: Option<Span>,
}

/// Longest word lists compared word by word (their product); longer middles, once the
/// common start and end are set aside, count as wholly deleted and inserted.
const MAX_CELLS: usize = 250_000;

/// A word of a text: its byte and UTF-16 range.
#[derive(Debug, Clone, Copy)]
struct Word {
    span: Span,
}

/// The words (runs of non-space characters) of `text[span]`, with offsets into `text`.
fn words(text: &str, span: Span) -> Vec<Word> {
    let mut out = Vec::new();
    let mut units = span.start_utf16;
    let mut open: Option<(usize, usize)> = None;
    let slice = text.get(span.start..span.end).unwrap_or("");
    for (i, c) in slice.char_indices() {
        let at = span.start + i;
        if c.is_whitespace() {
            if let Some((b, u)) = open.take() {
                out.push(Word { span: Span { start: b, end: at, start_utf16: u, end_utf16: units } });
            }
        } else if open.is_none() {
            open = Some((at, units));
        }
        units += c.len_utf16();
    }
    if let Some((b, u)) = open {
        out.push(Word { span: Span { start: b, end: span.end, start_utf16: u, end_utf16: units } });
    }
    out
}

/// The diff of the passage at `old_span` of `old_text` against the one at `new_span` of
/// `new_text`.
pub fn diff(old_text: &str, old_span: Span, new_text: &str, new_span: Span) -> Vec<Run> {
    let a = words(old_text, old_span);
    let b = words(new_text, new_span);
    let wa = |i: usize| &old_text[a[i].span.start..a[i].span.end];
    let wb = |j: usize| &new_text[b[j].span.start..b[j].span.end];
    let head = (0..a.len().min(b.len())).take_while(|&k| wa(k) == wb(k)).count();
    let tail = (0..a.len().min(b.len()) - head).take_while(|&k| wa(a.len() - 1 - k) == wb(b.len() - 1 - k)).count();
    let mut ops: Vec<(Op, usize)> = Vec::with_capacity(a.len() + b.len());
    ops.extend((0..head).map(|k| (Op::Equal, k)));
    middle(head, a.len() - tail, head, b.len() - tail, &wa, &wb, &mut ops);
    ops.extend((0..tail).map(|k| (Op::Equal, a.len() - tail + k)));
    runs(&ops, &a, &b, old_text, new_text)
}

/// Diffs a[i0..i1] against b[j0..j1] by longest common subsequence. Ops name old indices
/// for Equal and Delete, new indices for Insert.
fn middle<'s>(i0: usize, i1: usize, j0: usize, j1: usize, wa: &dyn Fn(usize) -> &'s str, wb: &dyn Fn(usize) -> &'s str, ops: &mut Vec<(Op, usize)>) {
    let (n, m) = (i1 - i0, j1 - j0);
    if n.saturating_mul(m) > MAX_CELLS || n == 0 || m == 0 {
        ops.extend((i0..i1).map(|i| (Op::Delete, i)));
        ops.extend((j0..j1).map(|j| (Op::Insert, j)));
        return;
    }
    // lcs[i][j]: length of the LCS of a[i0+i..i1] and b[j0+j..j1].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if wa(i0 + i) == wb(j0 + j) { lcs[at(i + 1, j + 1)] + 1 } else { lcs[at(i + 1, j)].max(lcs[at(i, j + 1)]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && wa(i0 + i) == wb(j0 + j) {
            ops.push((Op::Equal, i0 + i));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            // On a tie the deletion comes first: "[-two-] {+five+}" reads as a replacement.
            ops.push((Op::Delete, i0 + i));
            i += 1;
        } else {
            ops.push((Op::Insert, j0 + j));
            j += 1;
        }
    }
}

/// Merges word ops into runs. Equal ops carry old indices; their new index is counted
/// alongside: ops come in the order of the new words, each equal or inserted one next.
fn runs(ops: &[(Op, usize)], a: &[Word], b: &[Word], old_text: &str, new_text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut jn = 0; // next new word
    for &(op, k) in ops {
        let (old, new) = match op {
            Op::Equal => {
                jn += 1;
                (Some(a[k].span), Some(b[jn - 1].span))
            }
            Op::Insert => {
                jn = k + 1;
                (None, Some(b[k].span))
            }
            Op::Delete => (Some(a[k].span), None),
        };
        match out.last_mut() {
            Some(last) if last.op == op => {
                last.old = join(last.old, old);
                last.new = join(last.new, new);
            }
            _ => out.push(Run { op, text: String::new(), old, new }),
        }
    }
    for r in &mut out {
        let (text, span) = if r.op == Op::Delete { (old_text, r.old) } else { (new_text, r.new) };
        r.text = span.map_or(String::new(), |s| text[s.start..s.end].to_string());
    }
    out
}

fn join(a: Option<Span>, b: Option<Span>) -> Option<Span> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Span { start: a.start, end: b.end, start_utf16: a.start_utf16, end_utf16: b.end_utf16 }),
        (a, b) => a.or(b),
    }
}

/// Whether the diff changes nothing.
pub fn is_equal(runs: &[Run]) -> bool {
    runs.iter().all(|r| r.op == Op::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(old: &str, new: &str) -> Vec<(Op, String)> {
        diff(old, Span::whole(old), new, Span::whole(new)).into_iter().map(|r| (r.op, r.text)).collect()
    }

    #[test]
    fn inserted_deleted_and_equal_runs() {
        let got = d("The court may order the preservation of data.", "The prosecutor or the court may order the expedited preservation of traffic data.");
        assert_eq!(
            got,
            [
                (Op::Equal, "The".into()),
                (Op::Insert, "prosecutor or the".into()),
                (Op::Equal, "court may order the".into()),
                (Op::Insert, "expedited".into()),
                (Op::Equal, "preservation of".into()),
                (Op::Insert, "traffic".into()),
                (Op::Equal, "data.".into()),
            ]
        );
        assert_eq!(d("one two three", "one three"), [(Op::Equal, "one".into()), (Op::Delete, "two".into()), (Op::Equal, "three".into())]);
        assert!(is_equal(&diff("same words", Span::whole("same words"), "same words", Span::whole("same words"))));
    }

    #[test]
    fn offsets_point_into_each_text_in_bytes_and_utf16() {
        let old = "😀 Le juge peut ordonner la saisie.";
        let new = "Préambule.\n\nLe juge d’instruction peut ordonner la saisie.";
        let start = new.find("Le").unwrap();
        let span = Span { start, end: new.len(), start_utf16: new[..start].encode_utf16().count(), end_utf16: new.encode_utf16().count() };
        let runs = diff(old, Span::whole(old), new, span);
        let ins = runs.iter().find(|r| r.op == Op::Insert).unwrap();
        let s = ins.new.unwrap();
        assert_eq!(&new[s.start..s.end], "d’instruction");
        let units: Vec<u16> = new.encode_utf16().collect();
        assert_eq!(String::from_utf16(&units[s.start_utf16..s.end_utf16]).unwrap(), "d’instruction");
        let del = runs.iter().find(|r| r.op == Op::Delete).unwrap();
        assert_eq!(del.text, "😀");
        assert_eq!(del.old.unwrap().end_utf16, 2);
    }
}
