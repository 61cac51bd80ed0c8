//! Folding one character at a time: a table of the fold ([`crate::text::fold`]: NFKC,
//! lower case, no diacritics, one apostrophe) of each character of ASCII, Latin-1, Latin
//! Extended-A/B, general punctuation and currency signs, built once from `fold` itself.
//! Nearly every French or English law is made of these, and folding them from the table
//! costs a lookup instead of three Unicode normalisations. Characters whose fold could
//! depend on their neighbours (combining marks) or would cut words differently than the
//! whole text does are left out: the piece of text around any of them takes the full fold.

use std::sync::OnceLock;

use crate::text::{full_fold, is_combining_mark};

/// How one character folds: to letters or digits only, to no letter or digit, or not from
/// the table. Both kinds of fold are ranges of the table's text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fold {
    Outside,
    Separator(u16, u8),
    Letters(u16, u8),
}

/// The non-ASCII ranges the table covers.
const RANGES: [(u32, u32); 3] = [(0x80, 0x250), (0x2000, 0x2070), (0x20A0, 0x20C1)];

pub struct Table {
    folds: [Vec<Fold>; 3],
    /// The folded characters, which the folds point into.
    text: String,
}

impl Table {
    pub fn text(&self, at: u16, len: u8) -> &str {
        &self.text[usize::from(at)..usize::from(at) + usize::from(len)]
    }
}

pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut text = String::new();
        let folds = RANGES.map(|(lo, hi)| (lo..hi).map(|u| char::from_u32(u).map_or(Fold::Outside, |c| fold_one(c, &mut text))).collect());
        Table { folds, text }
    })
}

/// A character's fold when it is safe to take on its own: a letter or digit that folds to
/// letters and digits only, or anything else that folds to no letter or digit. Combining
/// marks and characters that fold to a mix ("ŉ" to "'n") are left out.
fn fold_one(c: char, text: &mut String) -> Fold {
    let f = full_fold(c.encode_utf8(&mut [0; 4]));
    let alnum = |s: &str| !s.is_empty() && s.chars().all(char::is_alphanumeric);
    let mut place = |f: &str| {
        let at = text.len() as u16;
        text.push_str(f);
        (at, f.len() as u8)
    };
    if is_combining_mark(c) || f.len() > 12 {
        Fold::Outside
    } else if !c.is_alphanumeric() && !f.chars().any(char::is_alphanumeric) {
        let (at, len) = place(&f);
        Fold::Separator(at, len)
    } else if c.is_alphanumeric() && alnum(&f) {
        let (at, len) = place(&f);
        Fold::Letters(at, len)
    } else {
        Fold::Outside
    }
}

/// The fold of a non-ASCII character.
pub fn lookup(c: char) -> Fold {
    let u = c as u32;
    for (k, &(lo, hi)) in RANGES.iter().enumerate() {
        if (lo..hi).contains(&u) {
            return table().folds[k][(u - lo) as usize];
        }
    }
    Fold::Outside
}

/// The fold of `s` ([`crate::text::fold`] of any text): from the table, except the pieces
/// with a character outside it, which take the full fold. A piece runs between ASCII
/// spaces, tabs or line breaks: those are starters that compose with nothing, so
/// normalisation never reaches across them and the pieces fold as the whole text would.
/// (A law pasted from a PDF may hold one ligature "ﬁ" or a Greek letter: only its word
/// pays for the normalisations, not the whole law.) Stretches of ASCII (but '`'), nearly
/// all of a text, are copied and lowered whole: the lexicon folds every document at once,
/// and a character at a time was most of its cost.
pub fn fold_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let plain = crate::bytescan::find(s.as_bytes(), i, |b| (b >= 0x80) | (b == b'`')).unwrap_or(s.len());
        let start = out.len();
        out.push_str(&s[i..plain]);
        out[start..].make_ascii_lowercase();
        i = plain;
        let Some(c) = s[i..].chars().next() else { break };
        i = if fold_chars_into(std::iter::once(c), &mut out) { i + c.len_utf8() } else { fold_piece(s, i, &mut out) };
    }
    out
}

/// Folds whole the piece of `s` around the character at `i`, which the table does not
/// fold, in place of what the table gave for the piece's start at the end of `out`;
/// returns where the piece ends. (The piece's start is after the last break: a piece
/// folded whole before ends at a break, so the table folded every character since.)
#[inline(never)]
fn fold_piece(s: &str, i: usize, out: &mut String) -> usize {
    let bytes = s.as_bytes();
    let start = bytes[..i].iter().rposition(|&b| is_break(b)).map_or(0, |k| k + 1);
    let end = bytes[i..].iter().position(|&b| is_break(b)).map_or(s.len(), |k| i + k);
    let head: usize = s[start..i].chars().map(|c| if c.is_ascii() { 1 } else { fold_of(c).map_or(0, str::len) }).sum();
    out.truncate(out.len() - head);
    out.push_str(&full_fold(&s[start..end]));
    end
}

/// ASCII characters that end a piece of [`fold_text`].
fn is_break(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t')
}

/// Appends the fold of `chars` to `out` from the table; false (and `out` partly written)
/// when a character is outside it. Folding fragments into a buffer kept by the caller
/// spares an allocation per fragment where the repairs ask at nearly every space.
pub fn fold_chars_into(chars: impl Iterator<Item = char>, out: &mut String) -> bool {
    for c in chars {
        if c.is_ascii() {
            out.push(if c == '`' { '\'' } else { c.to_ascii_lowercase() });
            continue;
        }
        match fold_of(c) {
            Some(f) => out.push_str(f),
            None => return false,
        }
    }
    true
}

/// The fold of the non-ASCII character `c` from the table; None when `c` is outside it.
#[inline]
pub fn fold_of(c: char) -> Option<&'static str> {
    match lookup(c) {
        Fold::Separator(at, len) | Fold::Letters(at, len) => Some(table().text(at, len)),
        Fold::Outside => None,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::text::full_fold;

    /// Printable ASCII and every character the table folds.
    pub(crate) fn table_chars() -> Vec<char> {
        let mut chars: Vec<char> = (0x20u8..0x7f).map(char::from).collect();
        for (lo, hi) in RANGES {
            chars.extend((lo..hi).filter_map(char::from_u32).filter(|&c| lookup(c) != Fold::Outside));
        }
        chars
    }

    #[test]
    fn every_pair_of_table_characters_folds_as_the_whole_text_does() {
        let chars = table_chars();
        assert!(chars.len() > 600, "{}", chars.len());
        let mut pair = String::new();
        for &a in &chars {
            for &b in &chars {
                pair.clear();
                pair.extend(['x', a, b, 'y']);
                assert_eq!(fold_text(&pair), full_fold(&pair), "{pair:?}");
            }
        }
    }

    #[test]
    fn characters_outside_the_table_are_outside() {
        for c in ['\u{0301}', 'Ω', 'ﬁ', 'ẞ', '\u{0338}'] {
            assert_eq!(lookup(c), Fold::Outside, "{c:?}");
        }
        assert_eq!(fold_text("L’Accès — « Œuvre »"), "l'acces — « œuvre »");
    }

    /// Characters outside the table among table characters, spaces and line breaks, in
    /// every arrangement a small generator makes: marks after spaces and breaks, a mark
    /// that composes with the ASCII before it ('=' and U+0338 make '≠'), ligatures and
    /// a capital that lowers outside the table ('ẞ'), at the start and end of the text and of
    /// ASCII stretches of every length.
    #[test]
    fn pieces_outside_the_table_fold_as_the_whole_text_does() {
        let table = table_chars();
        let outside = ['\u{0301}', '\u{0338}', '\u{0327}', 'ﬁ', 'ẞ', 'Ω', 'ﬀ', '①', 'ǅ', '\u{0345}', 'ς', 'Σ', '\u{FB2A}', '한', '\u{1100}', '\u{1161}', '\u{0651}', '\u{0655}', '\u{065D}', 'ё', '\u{20F9}', '\u{0308}'];
        let breaks = [' ', '\n', '\r', '\t', ' ', ' '];
        let mut state = 12345u64;
        let mut next = |n: usize| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        for _ in 0..20_000 {
            let len = 1 + next(40);
            let text: String = (0..len)
                .map(|_| match next(10) {
                    0 | 1 => outside[next(outside.len())],
                    2 | 3 => breaks[next(breaks.len())],
                    4 => ['=', 'e', 'A', '`', '<'][next(5)],
                    _ => table[next(table.len())],
                })
                .collect();
            let folded = fold_text(&text);
            assert_eq!(folded, full_fold(&text), "{text:?}");
            // A fold folds to itself (runs of marks kept in canonical order).
            assert_eq!(fold_text(&folded), folded, "{text:?}");
        }
        // The input on which fuzzing found a fold that did not fold to itself.
        let found = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fuzz/seeds/found-unordered-marks-fold.txt")).unwrap();
        let folded = fold_text(&found);
        assert_eq!(fold_text(&folded), folded);
        let long = format!("{} ﬁn{}", "Accès au système ".repeat(3), " Données".repeat(5));
        assert_eq!(fold_text(&long), full_fold(&long));
    }

    /// Long stretches of ASCII are lowered whole, wherever the other characters fall
    /// among the bytes searched together.
    #[test]
    fn long_texts_fold_as_their_characters() {
        for case in ["Le fait d’ACCÉDER à un système `ABC` Art. 323-1 — « Œuvre » € …", "ABCDEFGHIJKLMNOPQRSTUVWXYZ`É", "````É`é"] {
            for shift in 0..=20 {
                let text = format!("{}{case}{}", "X".repeat(shift), " Q".repeat(shift));
                assert_eq!(fold_text(&text), full_fold(&text), "{text:?}");
            }
        }
    }
}
