//! Passages handed to JavaScript packed: their numbers in one `Float64Array` and their
//! strings in one string, which the package's own JS turns into objects
//! (`js/shared/api.js`). Setting every field across the boundary one by one, as
//! serde-wasm-bindgen does, was about a quarter of `classifyPassage`'s time.
//!
//! Each passage, in `nums`:
//! - `start`, `end` (UTF-16), the label's index in [`Label::ALL`], the six scores, the
//!   index of its language in [`LANGS`] and of its kind in [`KINDS`];
//! - the length of its text, or −1 when the text is the input's own `start..end` (JS
//!   slices the string it passed: nothing is copied back);
//! - the number of headings in its path, then each one's length; the reference's length;
//! - the number of evidence terms, then for each: its length, its weight, the number of
//!   its spans and each span's `start` and `end`.
//!
//! Lengths are in UTF-16 units of `strings`, where the strings follow one another in
//! that same order.

use cyberclause::{Kind, Label, Lang, Passage, Span};

/// Languages and kinds by index, as JS receives them (their names come from serde, see
/// [`names`]).
pub(crate) const LANGS: [Lang; 3] = [Lang::Fr, Lang::En, Lang::Unknown];
pub(crate) const KINDS: [Kind; 2] = [Kind::Passage, Kind::Heading];

#[derive(Default)]
pub(crate) struct Packed {
    pub nums: Vec<f64>,
    pub strings: String,
}

impl Packed {
    /// Empties both, keeping their memory for the next passage.
    pub fn clear(&mut self) {
        self.nums.clear();
        self.strings.clear();
    }

    /// Appends passage `p`, cut from `input` (its offsets are into `input`).
    pub fn passage(&mut self, p: &Passage, input: &str) {
        let n = &mut self.nums;
        n.extend([p.span.start_utf16 as f64, p.span.end_utf16 as f64, p.label.index() as f64]);
        n.extend(p.scores.0);
        n.push(position(&LANGS, p.lang));
        n.push(position(&KINDS, p.kind));
        // A lone surrogate in the input reached Rust as U+FFFD: such a text is sent.
        let own = input.get(p.span.start..p.span.end) == Some(p.text.as_str()) && !has_replacement(&p.text);
        if own {
            self.nums.push(-1.0);
        } else {
            self.string(&p.text);
        }
        self.count(p.path.len());
        p.path.iter().for_each(|h| self.string(h));
        self.string(&p.reference);
        self.count(p.evidence.len());
        for e in &p.evidence {
            self.string(&e.term);
            self.nums.push(e.weight);
            self.count(e.spans.len());
            self.nums.extend(e.spans.iter().flat_map(|s| [s.start_utf16 as f64, s.end_utf16 as f64]));
        }
    }

    fn string(&mut self, s: &str) {
        self.strings.push_str(s);
        self.count(Span::whole(s).end_utf16);
    }

    fn count(&mut self, n: usize) {
        self.nums.push(n as f64);
    }
}

/// Whether `s` holds U+FFFD (bytes EF BF BD): a byte search for its first byte, rare in
/// text, before a search for the character (a substring search, slower).
fn has_replacement(s: &str) -> bool {
    s.as_bytes().contains(&0xEF) && s.contains('\u{FFFD}')
}

fn position<T: PartialEq>(all: &[T], x: T) -> f64 {
    all.iter().position(|y| *y == x).unwrap_or(0) as f64
}

/// The names JS gives the indices above: `{ labels, langs, kinds }`, each an array of
/// the ids serde gives them elsewhere.
#[derive(serde::Serialize)]
pub(crate) struct Names {
    labels: [Label; 6],
    langs: [Lang; 3],
    kinds: [Kind; 2],
}

pub(crate) fn names() -> Names {
    Names { labels: Label::ALL, langs: LANGS, kinds: KINDS }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cyberclause::{Classifier, ClassifyOptions};

    static MODEL: &[u8] = include_bytes!("../../../models/cyberclause.model");

    /// Reads back what `passage` wrote, as the JS side does, and checks it against the
    /// passage itself (run in Node by wasm-bindgen-test, as the crate's other tests).
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn packs_every_field_in_order() {
        let c = Classifier::from_bytes(MODEL).unwrap();
        // A heading with a character outside the BMP (two UTF-16 units) in every path after
        // it, a passage repaired (a word broken across lines: its text is sent) and one
        // that is its own slice (not sent).
        let input = "Article 2 — Accès 🔒 illégal\n\nChaque Partie adopte les mesures légis-\nlatives pour ériger en infraction pénale l’accès intentionnel et sans droit à un système.\n\nLe fait d’accéder frauduleusement à tout ou partie d’un système informatique est puni. 😀";
        let doc = c.classify(input, &ClassifyOptions::default()).unwrap();
        let mut packed = Packed::default();
        doc.passages.iter().for_each(|p| packed.passage(p, input));
        let units: Vec<u16> = packed.strings.encode_utf16().collect();
        let (mut i, mut at) = (0, 0);
        let mut next = || {
            i += 1;
            packed.nums[i - 1]
        };
        let mut string = |n: f64| {
            let s = String::from_utf16(&units[at..at + n as usize]).unwrap();
            at += n as usize;
            s
        };
        for p in &doc.passages {
            assert_eq!((next(), next()), (p.span.start_utf16 as f64, p.span.end_utf16 as f64));
            assert_eq!(Label::ALL[next() as usize], p.label);
            p.scores.0.iter().for_each(|&s| assert_eq!(next(), s));
            assert_eq!(LANGS[next() as usize], p.lang);
            assert_eq!(KINDS[next() as usize], p.kind);
            let len = next();
            let text = if len < 0.0 { input[p.span.start..p.span.end].to_string() } else { string(len) };
            assert_eq!(text, p.text);
            let path: Vec<String> = (0..next() as usize).map(|_| string(next())).collect();
            assert_eq!(path, p.path);
            assert_eq!(string(next()), p.reference);
            assert_eq!(next() as usize, p.evidence.len());
            for e in &p.evidence {
                assert_eq!(string(next()), e.term);
                assert_eq!(next(), e.weight);
                let spans: Vec<(f64, f64)> = (0..next() as usize).map(|_| (next(), next())).collect();
                let want: Vec<(f64, f64)> = e.spans.iter().map(|s| (s.start_utf16 as f64, s.end_utf16 as f64)).collect();
                assert_eq!(spans, want);
            }
        }
        assert_eq!((i, at), (packed.nums.len(), units.len()));
        assert!(doc.passages.len() >= 3 && doc.passages.iter().any(|p| !p.evidence.is_empty()));
        let sent = doc.passages.iter().filter(|p| input.get(p.span.start..p.span.end) != Some(p.text.as_str())).count();
        assert!(sent >= 1 && sent < doc.passages.len(), "texts both sent and sliced: {sent}");
        assert!(doc.passages.iter().any(|p| p.path.iter().any(|h| h.contains('🔒'))));
    }
}
