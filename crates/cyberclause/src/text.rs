//! Character-level helpers shared by repairs, language detection and features.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// Characters that carry nothing and are dropped: zero-width spaces and joiners,
/// byte-order marks, soft hyphens, and the bidirectional marks, embeddings, overrides and
/// isolates of right-to-left text (they only steer display).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Whitespace in the wide sense: Unicode spaces plus control characters (NUL and
/// friends in binary junk become plain separators rather than errors).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || (c.is_control() && !is_invisible(c))
}

/// `char::is_alphabetic` without its table search for the letters of French and English
/// law: ASCII, Latin-1 and Latin Extended-A and B (every character from U+00C0 to U+024F
/// but × and ÷ is a letter). The repairs ask it of nearly every character.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{C0}'..='\u{24F}' => c != '×' && c != '÷',
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric` with [`is_letter`]'s shortcut for Latin letters.
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// The character starting at byte `i` of `s` (a character boundary), None at the end:
/// ASCII read from its byte, the passes over bytes of the repairs and the sentence split
/// meet nearly nothing else.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// The character ending at byte `i` of `s`, and where it starts.
#[inline]
pub(crate) fn char_before(s: &str, i: usize) -> Option<(usize, char)> {
    match s.as_bytes()[..i].last() {
        Some(&b) if b.is_ascii() => Some((i - 1, char::from(b))),
        Some(_) => s[..i].char_indices().next_back(),
        None => None,
    }
}

/// Apostrophes of every kind seen in pasted text.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '´' | '‘')
}

/// Folds a string for matching: NFKC, lower case, no diacritics, one apostrophe.
/// "Accès" and "ACCES" fold to the same "acces", so features survive accents lost in PDF
/// extraction or typed without them.
pub fn fold(s: &str) -> String {
    // ASCII is already in NFKC and NFD form and has no combining marks: lower-casing is
    // all the work (most English text, and French without accents, takes this path).
    if s.is_ascii() {
        let lower = s.to_ascii_lowercase();
        return if lower.contains('`') { lower.replace('`', "'") } else { lower };
    }
    // Latin text folds a character at a time from a table (see `foldtable`).
    crate::foldtable::fold_text(s)
}

/// [`fold`] through the Unicode normalisations, for any text.
pub(crate) fn full_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkc().flat_map(char::to_lowercase).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        out.push(if is_apostrophe(c) { '\'' } else { c });
    }
    // The marks left (Arabic, Hebrew…) may come out of canonical order when a long run
    // of them is recomposed and decomposed again, and folding the fold would then reorder
    // them (found by fuzzing: `fuzz/seeds/found-unordered-marks-fold.txt`): put them in
    // order, so that a fold folds to itself.
    if out.chars().any(|c| canonical_combining_class(c) != 0) {
        out = out.nfd().collect();
    }
    out
}

pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Splits folded text into word tokens: runs of letters and digits. Apostrophes split
/// ("l'acces" gives "l", "acces"); one-letter tokens are dropped as noise.
pub fn words(folded: &str) -> Vec<&str> {
    word_iter(folded).collect()
}

/// [`words`], one at a time.
pub fn word_iter(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !is_letter_or_digit(c)).filter(|w| is_word(w))
}

/// A run of letters and digits that counts as a word: two characters or more, or a
/// number (one-letter tokens are noise).
pub fn is_word(w: &str) -> bool {
    w.chars().nth(1).is_some() || (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn ascii_fast_path_folds_like_the_full_path() {
        for s in ["L`ONU Art. 323-1", "Each Party SHALL", "a\tb\n c", ""] {
            let full: String = s.nfkc().flat_map(char::to_lowercase).nfd().map(|c| if is_apostrophe(c) { '\'' } else { c }).collect();
            assert_eq!(fold(s), full);
        }
    }

    #[test]
    fn fold_removes_accents_case_and_width() {
        assert_eq!(fold("Accès ILLÉGAL"), "acces illegal");
        assert_eq!(fold("ｆｕｌｌ"), "full");
        assert_eq!(fold("l’ONU"), "l'onu");
    }

    #[test]
    fn words_split_on_punctuation_and_apostrophes() {
        assert_eq!(words("l'acces, au systeme 323-1"), vec!["acces", "au", "systeme", "323", "1"]);
    }

    #[test]
    fn controls_are_spaces_and_zero_width_is_invisible() {
        assert!(is_space('\0'));
        assert!(is_space('\u{00A0}'));
        assert!(is_invisible('\u{200B}'));
        assert!(is_invisible('\u{202C}') && is_invisible('\u{200F}') && is_invisible('\u{2067}'));
        assert!(!is_space('\u{200B}'));
    }
}
