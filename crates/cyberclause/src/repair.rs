//! Repairs of PDF-extraction damage inside a block, keeping every character's offset in
//! the original text so that passages can be highlighted where the user pasted them.
//!
//! Every repair is a pass over the bytes of the block's text ([`Mapped`]): nearly every
//! character is ASCII and told apart on one byte; the others are decoded where met.

use unicode_normalization::char::canonical_combining_class;

use crate::bytescan::{self, CHUNK};
use crate::foldtable::{fold_chars_into, fold_of};
use crate::lexicon::{Key, Lexicon};
use crate::lines::Line;
use crate::mapped::Mapped;
use crate::text::{char_at, char_before, fold, is_apostrophe, is_invisible, is_letter, is_letter_or_digit, is_space};

/// A block's lines joined into one text, with what the repairs look for noted on the way:
/// most blocks need few of them, and each was a pass over the block to find out.
pub struct Joined {
    pub text: Mapped,
    /// Whether a space comes right before an apostrophe or a hyphen somewhere.
    spaced_joiner: bool,
    /// Whether there is a digit, ASCII or superscript (a footnote call may be glued on).
    digits: bool,
}

/// Joins the lines of a block into one text: line breaks become spaces, except after a
/// hyphen that splits a word across lines; spaces and controls become single spaces;
/// invisible characters go. Stretches with none of these are copied whole.
pub fn join_lines(src: &str, lines: &[Line], lexicon: &Lexicon) -> Joined {
    let mut out = Mapped::with_capacity(lines.last().map_or(0, |l| l.end) - lines.first().map_or(0, |l| l.start) + 1);
    let (mut spaced_joiner, mut digits) = (false, false);
    for (i, line) in lines.iter().enumerate() {
        let text = line.text(src);
        if i > 0 {
            join_break(&mut out, text, lexicon, lines[i - 1].end);
        }
        let bytes = text.as_bytes();
        // `bytes[copied..j]` are kept as they stand and not yet appended.
        let (mut copied, mut j) = (0, 0);
        while j < bytes.len() {
            if j > copied {
                j = plain_chunks(bytes, j, &mut digits, &mut spaced_joiner);
            }
            // Past the chunk that stopped the test, a byte at a time.
            let stop = (j + CHUNK).min(bytes.len());
            while j < stop {
                let b = bytes[j];
                // Printable ASCII, nearly every byte, is kept as it stands.
                if b > b' ' && b < 0x7f {
                    match b {
                        b'0'..=b'9' => digits = true,
                        b'\'' | b'`' | b'-' => spaced_joiner |= last_is_space(&out, bytes, copied, j),
                        _ => {}
                    }
                    j += 1;
                    continue;
                }
                let last_is_space = last_is_space(&out, bytes, copied, j);
                let len;
                let kept = if b.is_ascii() {
                    len = 1;
                    // A plain space is kept as it stands unless it follows a space (or opens
                    // the text); other controls become a space.
                    if b == b' ' && !(last_is_space || j == copied && out.is_empty()) {
                        j += 1;
                        continue;
                    }
                    (b != b' ').then_some(' ')
                } else {
                    let c = text[j..].chars().next().unwrap_or(' ');
                    len = c.len_utf8();
                    digits |= is_superscript_digit(c);
                    spaced_joiner |= is_apostrophe(c) && last_is_space;
                    if !is_invisible(c) && !is_space(c) {
                        j += len;
                        continue;
                    }
                    (!is_invisible(c)).then_some(' ')
                };
                out.push_copy(&text[copied..j], line.start + copied);
                if kept.is_some() {
                    push_space(&mut out, line.start + j, len as u8);
                }
                j += len;
                copied = j;
            }
        }
        out.push_copy(&text[copied..], line.start + copied);
    }
    while out.text().ends_with(' ') {
        out.pop();
    }
    Joined { text: out, spaced_joiner, digits }
}

/// Whether the last character kept before byte `j` of a line is a space: the line's byte
/// before `j` when `bytes[copied..j]` waits to be copied, else the end of `out`.
#[inline]
fn last_is_space(out: &Mapped, bytes: &[u8], copied: usize, j: usize) -> bool {
    if j > copied {
        bytes[j - 1] == b' '
    } else {
        out.text().ends_with(' ')
    }
}

/// Where, from byte `j` (inside a stretch being copied: `bytes[j - 1]` is kept), the first
/// run of [`CHUNK`] bytes starts that holds more than text to copy: a control, a space
/// after a space, or a character other than ASCII and U+00C0 to U+00FF (led by 0xC3: the
/// Latin-1 letters, × and ÷; none a space, an invisible, an apostrophe or a digit). Digits and apostrophes
/// or hyphens after a space are noted on the way. Each run is one test over its bytes
/// and the byte before each, which the compiler vectorises: a loop over bytes stopped at
/// each one.
fn plain_chunks(bytes: &[u8], mut j: usize, digits: &mut bool, spaced_joiner: &mut bool) -> usize {
    while j + CHUNK <= bytes.len() {
        let (chunk, prev) = (&bytes[j..j + CHUNK], &bytes[j - 1..j - 1 + CHUNK]);
        let (mut stop, mut digit, mut joiner) = (0u8, 0u8, 0u8);
        for (&b, &p) in chunk.iter().zip(prev) {
            let latin = (b == 0xC3) | ((b & 0xC0 == 0x80) & (p == 0xC3));
            stop |= u8::from((b < b' ') | (b == 0x7f) | ((b >= 0x80) & !latin) | ((b == b' ') & (p == b' ')));
            digit |= u8::from(b.is_ascii_digit());
            joiner |= u8::from(((b == b'\'') | (b == b'`') | (b == b'-')) & (p == b' '));
        }
        if stop != 0 {
            break;
        }
        *digits |= digit != 0;
        *spaced_joiner |= joiner != 0;
        j += CHUNK;
    }
    // A run may end inside a Latin-1 letter: the bytes after start with its lead byte.
    while bytes.get(j).is_some_and(|b| b & 0xC0 == 0x80) {
        j -= 1;
    }
    j
}

/// Appends a space standing for `len` bytes at `off`, but not at the start or after a
/// space: runs of spaces collapse to their first as they come.
#[inline]
fn push_space(out: &mut Mapped, off: usize, len: u8) {
    if !out.is_empty() && !out.text().ends_with(' ') {
        out.push_char(' ', off, len);
    }
}

/// At a line break: drop a word-splitting hyphen when the joined word is the known one,
/// keep it (without a space) for real compounds, else insert a space.
fn join_break(out: &mut Mapped, next: &str, lexicon: &Lexicon, prev_end: usize) {
    let text = out.text();
    let ends_hyphen = text.ends_with('-') && char_before(text, text.len() - 1).is_some_and(|(_, c)| is_letter(c));
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if !(ends_hyphen && next_lower) {
        push_space(out, prev_end, 0);
        return;
    }
    let body = &text[..text.len() - 1];
    let before = &body[body.len() - trailing_letters(body)..];
    let after: String = next.chars().take_while(|&c| is_letter(c)).collect();
    // Real compounds ("non-étatiques") are two known words whose join is unknown;
    // anything else is a word cut by the line break.
    let joined_known = lexicon.count(&format!("{before}{after}")) > 0;
    let parts_known = lexicon.count(before) > 0 && lexicon.count(&after) > 0;
    if joined_known || !parts_known {
        out.pop();
    }
}

/// The length in bytes of the letters ending `s`.
fn trailing_letters(s: &str) -> usize {
    s.len() - s.trim_end_matches(is_letter).len()
}

/// All in-line repairs, in order, each only where `join_lines` saw what it looks for.
pub fn repair(joined: Joined, lexicon: &Lexicon) -> Mapped {
    let mut text = joined.text;
    if joined.spaced_joiner {
        let dropped = spaces_before_joiners(text.text());
        text = text.without(&dropped);
    }
    let dropped = split_word_spaces(text.text(), lexicon);
    text = text.without(&dropped);
    if joined.digits {
        let dropped = footnote_markers(text.text(), lexicon);
        text = text.without(&dropped);
    }
    text
}

/// "l ’ONU" → "l’ONU", "ci -après" → "ci-après": the spaces between a letter and an
/// apostrophe or hyphen that is glued to the next word.
fn spaces_before_joiners(text: &str) -> Vec<usize> {
    let mut dropped = Vec::new();
    for (i, _) in text.match_indices(' ') {
        let Some((_, before)) = char_before(text, i) else { continue };
        let Some(joiner) = char_at(text, i + 1) else { continue };
        let after = char_at(text, i + 1 + joiner.len_utf8());
        if is_letter(before) && (is_apostrophe(joiner) || joiner == '-') && after.is_some_and(is_letter) {
            dropped.push(i);
        }
    }
    dropped
}

/// "internation aux" → "internationaux" when the lexicon says so (see `Lexicon::joins`):
/// the spaces to drop. One pass over runs of letters, each keyed once (see [`Key`]): a run
/// is the right fragment at one space and the left at the next, and this runs at every
/// space of a document.
fn split_word_spaces(text: &str, lexicon: &Lexicon) -> Vec<usize> {
    // Positions of the spaces dropped, in order (most blocks have none: nothing allocated).
    let mut dropped: Vec<usize> = Vec::new();
    // Reused for every candidate that gets past the filter.
    let mut texts = Default::default();
    // The run of letters right before a space, that may take the next run: a whole word
    // (a word already joined does not take another fragment).
    let mut left: Option<Run> = None;
    let n = text.len();
    let mut i = 0;
    while i < n {
        let run = Run::at(text, i);
        i = run.end;
        let mut joined = false;
        // A candidate: a whole word, a space, then a lower-case fragment ending a word.
        if let Some(l) = left.take() {
            let ends_word = char_at(text, i).is_none_or(|c| !is_letter_or_digit(c));
            // (A combining mark may count as lower case, U+0345 does: a fragment of marks
            // joined to the word would put them on its last letter.)
            let lower = run.chars > 0 && char_at(text, run.start).is_some_and(|c| c.is_lowercase() && canonical_combining_class(c) == 0);
            if lower && ends_word && joins(lexicon, text, &l, &run, &mut texts) {
                dropped.push(run.start - 1);
                joined = true;
            }
        }
        if let Some(c) = char_at(text, i) {
            // `c` is not a letter: past it, a new word starts.
            if c == ' ' && run.chars > 0 && !joined {
                left = Some(run);
            }
            i += c.len_utf8();
        }
    }
    dropped
}

/// A run of letters, `text[start..end]`, its length in characters, and the lexicon's key
/// of its fold, folded a character at a time from the table; None when a letter is
/// outside it.
struct Run {
    start: usize,
    end: usize,
    chars: usize,
    key: Option<Key>,
}

impl Run {
    /// The run of letters starting at byte `start` (empty if no letter is there).
    fn at(text: &str, start: usize) -> Run {
        // The key's hash and the length of the fold hashed (see `Key::of_hash`).
        let (mut hash, mut folded, mut keyed) = (0, 0, true);
        let bytes = text.as_bytes();
        let (mut end, mut chars) = (start, 0);
        // ASCII, nearly every character, is told a letter and keyed on one byte (an ASCII
        // letter's lower case is the letter with bit 0x20 set).
        while let Some(&b) = bytes.get(end) {
            if b.is_ascii() {
                if !b.is_ascii_alphabetic() {
                    break;
                }
                hash = Key::hash_byte(hash, b | 0x20);
                folded += 1;
                end += 1;
            } else {
                let c = text[end..].chars().next().unwrap_or(' ');
                if !is_letter(c) {
                    break;
                }
                match fold_of(c) {
                    Some(f) => {
                        hash = f.bytes().fold(hash, Key::hash_byte);
                        folded += f.len();
                    }
                    None => keyed = false,
                }
                end += c.len_utf8();
            }
            chars += 1;
        }
        Run { start, end, chars, key: keyed.then(|| Key::of_hash(hash, folded)) }
    }
}

/// Whether the runs `left` and `right` of `text` are one word broken by a space (see
/// `Lexicon::joins`). Latin fragments are folded a character at a time into `texts`
/// (buffers kept across calls): the word joined is then one look-up, with no allocation.
fn joins(lexicon: &Lexicon, text: &str, left: &Run, right: &Run, texts: &mut [String; 3]) -> bool {
    let [l, r, joined] = texts;
    if left.chars < 2 || right.chars < 2 {
        return false;
    }
    // Nearly every pair asked is no word: the filter tells from the fragments' keys,
    // before anything is written.
    if let (Some(a), Some(b)) = (left.key, right.key) {
        if !lexicon.may_count(a.then(b)) {
            return false;
        }
    }
    let (left_text, right_text) = (&text[left.start..left.end], &text[right.start..right.end]);
    l.clear();
    r.clear();
    if fold_chars_into(left_text.chars(), l) && fold_chars_into(right_text.chars(), r) {
        return lexicon.joins_folded(l, r, joined);
    }
    lexicon.joins_in(left_text, right_text, joined)
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰'..='⁹')
}

/// "cybercriminalité12." → "cybercriminalité.": digits glued to the end of a known word
/// are footnote calls; superscript digits after a letter always are. Digits after no
/// letter may be a call glued after a full stop (`after_punctuation_call`). The
/// characters to drop.
fn footnote_markers(text: &str, lexicon: &Lexicon) -> Vec<usize> {
    let mut dropped: Vec<usize> = Vec::new();
    // Digits are ASCII, or superscripts led by 0xC2 (¹²³) or 0xE2 (⁰, ⁴ to ⁹).
    let led = |b: u8| (b.wrapping_sub(b'0') < 10) | (b == 0xC2) | (b == 0xE2);
    let mut i = 0;
    while let Some(at) = bytescan::find(text.as_bytes(), i, led) {
        i = at;
        let c = char_at(text, i).unwrap_or(' ');
        if !is_call_digit(c) {
            i += c.len_utf8();
            continue;
        }
        let end = text[i..].find(|c| !is_call_digit(c)).map_or(text.len(), |k| i + k);
        let calls = text[i..end].char_indices().map(|(k, _)| i + k);
        match char_before(text, i) {
            Some((_, before)) if is_letter(before) => {
                let start = i - trailing_letters(&text[..i]);
                if glued_call(&text[start..i], &text[i..end], char_at(text, end), lexicon) {
                    dropped.extend(calls);
                }
            }
            _ => dropped.extend(calls.filter(|&k| after_punctuation_call(text, k))),
        }
        i = end;
    }
    dropped
}

fn is_call_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && is_superscript_digit(c))
}

/// Whether `digits` glued to the end of the whole word `letters`, before `next`, are a
/// footnote call: superscripts always; one or two digits after a known lower-case word
/// of four letters or more.
fn glued_call(letters: &str, digits: &str, next: Option<char>, lexicon: &Lexicon) -> bool {
    // A combining mark after the digits is theirs: dropping them would put it on the
    // word's last letter (found by fuzzing: "capacités8\u{313}").
    if next.is_some_and(|c| is_letter_or_digit(c) || canonical_combining_class(c) != 0) {
        return false;
    }
    if digits.chars().all(is_superscript_digit) {
        return true;
    }
    digits.chars().count() <= 2 && letters.chars().count() >= 4 && letters.chars().all(char::is_lowercase) && lexicon.count(&fold(letters)) >= 2
}

/// "morts.2 L’unique", "surveillance. »1 Comme": one or two digits glued after a full stop
/// or closing quote and before a new sentence. Marks the first digit; a second is caught
/// on the next position.
fn after_punctuation_call(text: &str, i: usize) -> bool {
    let bytes = text.as_bytes();
    if i == 0 || !bytes[i].is_ascii_digit() {
        return false;
    }
    // ASCII digits: bytes are characters.
    let k = i - bytes[..i].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let run_end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    if run_end - k > 2 || k == 0 {
        return false;
    }
    let Some((at, before)) = char_before(text, k) else { return false };
    let two_before = char_before(text, at).map(|(_, c)| c);
    let glued_after_stop = matches!(before, '.' | '»' | '”' | ')' | ';' | ',')
        && two_before.is_some_and(|c| (c != ' ' || matches!(before, '»' | '”' | ')')) && !c.is_ascii_digit());
    let then_sentence = run_end == text.len() || (bytes[run_end] == b' ' && char_at(text, run_end + 1).is_some_and(char::is_uppercase));
    glued_after_stop && then_sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn run(src: &str, lexicon_text: &str) -> String {
        let mut lx = Lexicon::new();
        lx.add_text(lexicon_text);
        let lines: Vec<Line> = split_lines(src).into_iter().filter(|l| l.start < l.end).collect();
        repair(join_lines(src, &lines, &lx), &lx).into_text()
    }

    #[test]
    fn hyphenation_across_lines() {
        assert_eq!(run("les télé-\ncommunications", "télécommunications"), "les télécommunications");
        assert_eq!(run("un traité inter-\nétatique", "inter-étatique"), "un traité inter-étatique");
    }

    #[test]
    fn stray_spaces() {
        let lex = "internationaux internationaux saisie saisie";
        assert_eq!(run("droits internation aux et sais ie", lex), "droits internationaux et saisie");
        assert_eq!(run("de l ’ONU et ci -après", ""), "de l’ONU et ci-après");
        // Fragments with accents are keyed through the fold table, as the lexicon's words.
        assert_eq!(run("des données sécuri sées et Sécuri sées", "Sécurisées sécurisées"), "des données sécurisées et Sécurisées");
        // A word joined takes no other fragment; a fragment must end a word (not before a
        // digit) and start lower-case; the left fragment is the letters right before the
        // space; fragments outside the fold table are compared without the filter.
        let lex = "internationaux internationaux saisie saisie aussie aussie siesta siesta λόγοι λόγοι";
        assert_eq!(run("internation aux ie, sais ie2, (sais ie) x-sais ie", lex), "internationaux ie, sais ie2, (saisie) x-saisie");
        assert_eq!(run("sais Ie, aus sie sais ie λόγ οι", lex), "sais Ie, aussie saisie λόγοι");
        assert_eq!(run("sais  ie\n\nsais\nie sais", lex), "saisie saisie sais");
        assert_eq!(run("sai sie sta", lex), "saisie sta");
        // Marks after a space are no fragment, even those that count as lower case.
        assert_eq!(run("saisie \u{345}\u{345} et", lex), "saisie \u{345}\u{345} et");
    }

    /// A fragment's key is the lexicon's key of its fold (as `fold_chars_into` writes it),
    /// so that the filter is asked about the word the lexicon would count.
    #[test]
    fn a_fragment_is_keyed_as_its_fold() {
        let letters = crate::foldtable::tests::table_chars().into_iter().filter(|&c| is_letter(c));
        for c in letters {
            let fragment = format!("x{c}y");
            let mut folded = String::new();
            assert!(fold_chars_into(fragment.chars(), &mut folded), "{c:?}");
            let run = Run::at(&fragment, 0);
            assert_eq!((run.end, run.chars, run.key), (fragment.len(), 3, Some(Key::of(&folded))), "{c:?}");
        }
        // A letter outside the table: the run goes on, without a key.
        let run = Run::at("aλb c", 0);
        assert_eq!((run.end, run.chars, run.key), (4, 3, None));
    }

    #[test]
    fn footnote_markers() {
        assert_eq!(run("la cybercriminalité12. Ensuite", "cybercriminalité cybercriminalité"), "la cybercriminalité. Ensuite");
        assert_eq!(run("the treaty³ says", ""), "the treaty says");
        assert_eq!(run("le G20 et COVID19", ""), "le G20 et COVID19");
        assert_eq!(run("des morts.2 L’unique référence", ""), "des morts. L’unique référence");
        assert_eq!(run("manifestants. »12 Comme il", ""), "manifestants. » Comme il");
        assert_eq!(run("la version 3.2 Les", ""), "la version 3.2 Les");
        // Digits carrying a combining mark are not a call: the mark would move onto the word.
        assert_eq!(run("la cybercriminalité12\u{313}. Ensuite", "cybercriminalité cybercriminalité"), "la cybercriminalité12\u{313}. Ensuite");
        assert_eq!(run("the treaty³\u{301} says", ""), "the treaty³\u{301} says");
    }

    /// The byte loop of `join_lines` keeps and maps characters as a loop over characters
    /// does: ASCII spaces and controls become spaces, invisible characters go; and it
    /// notes digits and joiners after a space as that loop would. Long lines go through
    /// the tests of sixteen bytes at a time: each case is shifted by 0 to 20 bytes so that
    /// every character falls at every place in a run.
    #[test]
    fn lines_join_character_by_character() {
        let cases = [
            "a\u{0}b\tc\u{7f}d\u{b}e\u{a0}f\u{200b}g\u{ad}h\u{202e}i\u{feff}j\u{2003}k😀l\u{85}m ~",
            "Le fait d’accéder à tout ou partie d’un système, de l’étendre ou de le modifier est puni.",
            "Est puni  de trois ans ; l 'accès , ci -après, la saisie ` et  l ’ONU × ÷ Ω ¹ ² 12 fin.",
            "aaaaaaaaaaaaaaa  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\tccccccccccccccccccccccccccccccc -d 'e 7",
            "éééééééééééééééééééééééééééééé ÀÉÎÕÜ çà ù\u{a0}x\u{ad}y zzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        ];
        let mut lx = Lexicon::new();
        lx.add_text("");
        for case in cases {
            for shift in 0..=20 {
                let src = format!("{}{case}", "x".repeat(shift));
                let lines = split_lines(&src);
                assert_eq!(lines.len(), 1, "one line: {lines:?}");
                let line = lines[0];
                let mut want: Vec<(char, usize, usize)> = Vec::new();
                for (j, c) in line.text(&src).char_indices().filter(|&(_, c)| !is_invisible(c)) {
                    want.push((if is_space(c) { ' ' } else { c }, line.start + j, line.start + j + c.len_utf8()));
                }
                // Runs of spaces collapse to their first; none at either end.
                let mut previous_space = true;
                want.retain(|ch| !std::mem::replace(&mut previous_space, ch.0 == ' ') || ch.0 != ' ');
                let joiner = want.windows(2).any(|w| w[0].0 == ' ' && (is_apostrophe(w[1].0) || w[1].0 == '-'));
                let digits = want.iter().any(|c| c.0.is_ascii_digit() || is_superscript_digit(c.0));
                while want.last().is_some_and(|c| c.0 == ' ') {
                    want.pop();
                }
                let joined = join_lines(&src, &lines, &lx);
                assert_eq!(joined.text.chars(), want, "{src:?}");
                assert_eq!((joined.spaced_joiner, joined.digits), (joiner, digits), "{src:?}");
            }
        }
    }

    #[test]
    fn offsets_point_into_the_original() {
        let src = "ab  c\nd";
        let mut lx = Lexicon::new();
        lx.add_text("");
        let lines: Vec<Line> = split_lines(src);
        let joined = join_lines(src, &lines, &lx).text;
        assert_eq!(joined.text(), "ab c d");
        for (c, off, end) in joined.chars().into_iter().filter(|c| c.2 > c.1) {
            assert_eq!(&src[off..end], c.to_string());
        }
    }
}
