//! Folding one character at a time: a table of the fold ([`crate::text::fold`]: NFKC,
//! lower case, no diacritics, one apostrophe) of each character of ASCII, Latin-1, Latin
//! Extended-A/B, general punctuation and currency signs, built once from `fold` itself.
//! Nearly every French or English law is made of these, and folding them from the table
//! costs a lookup instead of three Unicode normalisations. Characters whose fold could
//! depend on their neighbours (combining marks) or would cut words differently than the
//! whole text does are left out: a text with any of them takes the full fold.

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

/// The fold of `s` from the table, or None when a character is outside it. Stretches of
/// ASCII (but '`'), nearly all of a text, are copied and lowered whole: the lexicon folds
/// every document at once, and a character at a time was most of its cost.
pub fn fold_by_table(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let plain = crate::bytescan::find(rest.as_bytes(), 0, |b| (b >= 0x80) | (b == b'`')).unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..plain]);
        out[start..].make_ascii_lowercase();
        rest = &rest[plain..];
        let Some(c) = rest.chars().next() else { break };
        if !fold_chars_into(std::iter::once(c), &mut out) {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(out)
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
                assert_eq!(fold_by_table(&pair).as_deref(), Some(full_fold(&pair).as_str()), "{pair:?}");
            }
        }
    }

    #[test]
    fn characters_outside_the_table_are_refused() {
        assert_eq!(fold_by_table("cafe\u{0301}"), None);
        assert_eq!(fold_by_table("Ω"), None);
        assert_eq!(fold_by_table("ﬁ"), None);
        assert_eq!(fold_by_table("L’Accès — « Œuvre »").as_deref(), Some("l'acces — « œuvre »"));
    }

    /// Long stretches of ASCII are lowered whole, wherever the other characters fall
    /// among the bytes searched together.
    #[test]
    fn long_texts_fold_as_their_characters() {
        for case in ["Le fait d’ACCÉDER à un système `ABC` Art. 323-1 — « Œuvre » € …", "ABCDEFGHIJKLMNOPQRSTUVWXYZ`É", "````É`é"] {
            for shift in 0..=20 {
                let text = format!("{}{case}{}", "X".repeat(shift), " Q".repeat(shift));
                assert_eq!(fold_by_table(&text).as_deref(), Some(full_fold(&text).as_str()), "{text:?}");
            }
        }
    }
}
