//! Repairs of PDF-extraction damage inside a block, keeping every character's offset in
//! the original text so that passages can be highlighted where the user pasted them.

use crate::foldtable::{fold_chars_into, Fold};
use crate::lexicon::{Key, Lexicon};
use crate::lines::Line;
use crate::text::{fold, is_apostrophe, is_invisible, is_letter, is_letter_or_digit, is_space};

/// A character of repaired text and the byte range it came from in the original.
/// Spaces inserted between lines have `len == 0`. Sixteen bytes: every repair and cut is a
/// pass over these, so their size is the memory those passes move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ch {
    pub off: usize,
    pub c: char,
    /// At most 4 (UTF-8).
    pub len: u8,
}

impl Ch {
    /// Where the character ends in the original.
    pub fn end(&self) -> usize {
        self.off + usize::from(self.len)
    }
}

/// A block's lines joined into one run of characters, with what the repairs look for
/// noted on the way: most blocks need few of them, and each was a pass over the block to
/// find out.
pub struct Joined {
    pub chars: Vec<Ch>,
    /// Whether a space comes right before an apostrophe or a hyphen somewhere.
    spaced_joiner: bool,
    /// Whether there is a digit, ASCII or superscript (a footnote call may be glued on).
    digits: bool,
}

/// Joins the lines of a block into one run of characters: line breaks become spaces,
/// except after a hyphen that splits a word across lines.
pub fn join_lines(src: &str, lines: &[Line], lexicon: &Lexicon) -> Joined {
    let mut out: Vec<Ch> = Vec::with_capacity(lines.last().map_or(0, |l| l.end) - lines.first().map_or(0, |l| l.start) + 1);
    let (mut spaced_joiner, mut digits) = (false, false);
    for (i, line) in lines.iter().enumerate() {
        let text = line.text(src);
        if i > 0 {
            join_break(&mut out, text, lexicon, lines[i - 1].end);
        }
        let bytes = text.as_bytes();
        let mut j = 0;
        while j < bytes.len() {
            let b = bytes[j];
            // ASCII, nearly every character: never invisible; spaces and controls become ' '.
            let (c, len) = if b.is_ascii() {
                match b {
                    b'0'..=b'9' => digits = true,
                    b'\'' | b'`' | b'-' => spaced_joiner |= out.last().is_some_and(|l| l.c == ' '),
                    _ => {}
                }
                (Some(if b <= b' ' || b == 0x7f { ' ' } else { char::from(b) }), 1u8)
            } else {
                let c = text[j..].chars().next().unwrap_or(' ');
                digits |= is_superscript_digit(c);
                spaced_joiner |= is_apostrophe(c) && out.last().is_some_and(|l| l.c == ' ');
                let kept = (!is_invisible(c)).then_some(if is_space(c) { ' ' } else { c });
                (kept, c.len_utf8() as u8)
            };
            if let Some(c) = c {
                push_collapsing(&mut out, Ch { c, off: line.start + j, len });
            }
            j += usize::from(len);
        }
    }
    while out.last().is_some_and(|c| c.c == ' ') {
        out.pop();
    }
    Joined { chars: out, spaced_joiner, digits }
}

/// Pushes `ch`, but not a space at the start or after a space: runs of spaces collapse to
/// their first as they come.
#[inline]
fn push_collapsing(out: &mut Vec<Ch>, ch: Ch) {
    if ch.c != ' ' || out.last().is_some_and(|l| l.c != ' ') {
        out.push(ch);
    }
}

/// At a line break: drop a word-splitting hyphen when the joined word is the known one,
/// keep it (without a space) for real compounds, else insert a space.
fn join_break(out: &mut Vec<Ch>, next: &str, lexicon: &Lexicon, prev_end: usize) {
    let ends_hyphen = out.last().is_some_and(|c| c.c == '-')
        && out.len() >= 2
        && is_letter(out[out.len() - 2].c);
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    if !(ends_hyphen && next_lower) {
        push_collapsing(out, Ch { c: ' ', off: prev_end, len: 0 });
        return;
    }
    let before: String = trailing_letters(&out[..out.len() - 1]);
    let after: String = next.chars().take_while(|&c| is_letter(c)).collect();
    // Real compounds ("non-étatiques") are two known words whose join is unknown;
    // anything else is a word cut by the line break.
    let joined_known = lexicon.count(&format!("{before}{after}")) > 0;
    let parts_known = lexicon.count(&before) > 0 && lexicon.count(&after) > 0;
    if joined_known || !parts_known {
        out.pop();
    }
}

fn trailing_letters(chars: &[Ch]) -> String {
    let n = chars.iter().rev().take_while(|c| is_letter(c.c)).count();
    chars[chars.len() - n..].iter().map(|c| c.c).collect()
}

/// All in-line repairs, in order, each only where `join_lines` saw what it looks for.
pub fn repair(joined: Joined, lexicon: &Lexicon) -> Vec<Ch> {
    let mut chars = joined.chars;
    if joined.spaced_joiner {
        chars = drop_spaces_before_joiners(chars);
    }
    chars = join_split_words(chars, lexicon);
    if joined.digits {
        chars = drop_footnote_markers(chars, lexicon);
    }
    chars
}

/// "l ’ONU" → "l’ONU", "ci -après" → "ci-après": a space between a letter and an
/// apostrophe or hyphen that is glued to the next word.
fn drop_spaces_before_joiners(chars: Vec<Ch>) -> Vec<Ch> {
    let keep: Vec<bool> = (0..chars.len())
        .map(|i| {
            let c = chars[i].c;
            if c != ' ' || i == 0 || i + 2 >= chars.len() {
                return true;
            }
            let joiner = is_apostrophe(chars[i + 1].c) || chars[i + 1].c == '-';
            !(is_letter(chars[i - 1].c) && joiner && is_letter(chars[i + 2].c))
        })
        .collect();
    retain_marked(chars, &keep, true)
}

/// "internation aux" → "internationaux" when the lexicon says so (see `Lexicon::joins`).
/// One pass over runs of letters, each keyed once (see [`Key`]): a run is the right
/// fragment at one space and the left at the next, and this runs at every space of a
/// document.
fn join_split_words(chars: Vec<Ch>, lexicon: &Lexicon) -> Vec<Ch> {
    // Positions of the spaces dropped, in order (most blocks have none: nothing allocated).
    let mut dropped: Vec<usize> = Vec::new();
    // Reused for every candidate that gets past the filter.
    let mut texts = Default::default();
    // The run of letters right before a space, that may take the next run: a whole word
    // (a word already joined does not take another fragment).
    let mut left: Option<Run> = None;
    let n = chars.len();
    let mut i = 0;
    while i < n {
        let run = Run::at(&chars, i);
        i = run.end;
        let mut joined = false;
        // A candidate: a whole word, a space, then a lower-case fragment ending a word.
        if let Some(l) = left.take() {
            let ends_word = i == n || !is_letter_or_digit(chars[i].c);
            if run.end > run.start && chars[run.start].c.is_lowercase() && ends_word && joins(lexicon, &chars, &l, &run, &mut texts) {
                dropped.push(run.start - 1);
                joined = true;
            }
        }
        if i < n {
            // `chars[i]` is not a letter: past it, a new word starts.
            if chars[i].c == ' ' && run.end > run.start && !joined {
                left = Some(run);
            }
            i += 1;
        }
    }
    without(chars, &dropped)
}

/// A run of letters, `chars[start..end]`, and the lexicon's key of its fold, folded a
/// character at a time from the table; None when a letter is outside it.
struct Run {
    start: usize,
    end: usize,
    key: Option<Key>,
}

impl Run {
    /// The run of letters starting at `start` (empty if `chars[start]` is not a letter).
    fn at(chars: &[Ch], start: usize) -> Run {
        let (mut key, mut keyed) = (Key::EMPTY, true);
        let mut end = start;
        // ASCII, nearly every character, is told a letter and keyed on one test.
        while let Some(&Ch { c, .. }) = chars.get(end) {
            if c.is_ascii() {
                if !c.is_ascii_alphabetic() {
                    break;
                }
                key = key.byte((c as u8).to_ascii_lowercase());
            } else if is_letter(c) {
                match key_char(key, c) {
                    Some(k) => key = k,
                    None => keyed = false,
                }
            } else {
                break;
            }
            end += 1;
        }
        Run { start, end, key: keyed.then_some(key) }
    }
}

/// Whether the runs `left` and `right` of `chars` are one word broken by a space (see
/// `Lexicon::joins`). Latin fragments are folded a character at a time into `texts`
/// (buffers kept across calls): the word joined is then one look-up, with no allocation.
fn joins(lexicon: &Lexicon, chars: &[Ch], left: &Run, right: &Run, texts: &mut [String; 3]) -> bool {
    let [l, r, joined] = texts;
    let (left_chars, right_chars) = (&chars[left.start..left.end], &chars[right.start..right.end]);
    if left_chars.len() < 2 || right_chars.len() < 2 {
        return false;
    }
    // Nearly every pair asked is no word: the filter tells from the fragments' keys,
    // before anything is written.
    if let (Some(a), Some(b)) = (left.key, right.key) {
        if !lexicon.may_count(a.then(b)) {
            return false;
        }
    }
    l.clear();
    r.clear();
    if fold_chars_into(left_chars.iter().map(|c| c.c), l) && fold_chars_into(right_chars.iter().map(|c| c.c), r) {
        return lexicon.joins_folded(l, r, joined);
    }
    fill(l, left_chars);
    fill(r, right_chars);
    lexicon.joins_in(l, r, joined)
}

/// `key` followed by the fold of `c`, from the table; None when `c` is outside it.
#[inline]
fn key_char(key: Key, c: char) -> Option<Key> {
    if c.is_ascii() {
        return Some(key.byte((c as u8).to_ascii_lowercase()));
    }
    match crate::foldtable::lookup(c) {
        Fold::Letters(at, len) | Fold::Separator(at, len) => Some(crate::foldtable::table().text(at, len).bytes().fold(key, Key::byte)),
        Fold::Outside => None,
    }
}

fn is_superscript_digit(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰'..='⁹')
}

/// "cybercriminalité12." → "cybercriminalité.": digits glued to the end of a known word
/// are footnote calls; superscript digits after a letter always are. Digits after no
/// letter may be a call glued after a full stop (`after_punctuation_call`).
fn drop_footnote_markers(chars: Vec<Ch>, lexicon: &Lexicon) -> Vec<Ch> {
    let mut dropped: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_call_digit(chars[i].c) {
            i += 1;
            continue;
        }
        let end = (i..chars.len()).find(|&k| !is_call_digit(chars[k].c)).unwrap_or(chars.len());
        if i > 0 && is_letter(chars[i - 1].c) {
            let start = chars[..i].iter().rposition(|c| !is_letter(c.c)).map_or(0, |p| p + 1);
            if glued_call(&chars[start..i], &chars[i..end], chars.get(end), lexicon) {
                dropped.extend(i..end);
            }
        } else {
            dropped.extend((i..end).filter(|&k| after_punctuation_call(&chars, k)));
        }
        i = end;
    }
    without(chars, &dropped)
}

fn is_call_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && is_superscript_digit(c))
}

/// Whether `digits` glued to the end of the whole word `letters`, before `next`, are a
/// footnote call: superscripts always; one or two digits after a known lower-case word
/// of four letters or more.
fn glued_call(letters: &[Ch], digits: &[Ch], next: Option<&Ch>, lexicon: &Lexicon) -> bool {
    if next.is_some_and(|c| is_letter_or_digit(c.c)) {
        return false;
    }
    if digits.iter().all(|c| is_superscript_digit(c.c)) {
        return true;
    }
    let word = text_of(letters);
    digits.len() <= 2 && letters.len() >= 4 && word.chars().all(char::is_lowercase) && lexicon.count(&fold(&word)) >= 2
}

/// "morts.2 L’unique", "surveillance. »1 Comme": one or two digits glued after a full stop
/// or closing quote and before a new sentence. Marks the first digit; a second is caught
/// on the next position.
fn after_punctuation_call(chars: &[Ch], i: usize) -> bool {
    let is_digit = |k: usize| chars.get(k).is_some_and(|c| c.c.is_ascii_digit());
    if !is_digit(i) || i == 0 {
        return false;
    }
    let mut k = i;
    while k > 0 && is_digit(k - 1) {
        k -= 1;
    }
    let run_end = (i..chars.len()).find(|&j| !is_digit(j)).unwrap_or(chars.len());
    if run_end - k > 2 || k == 0 {
        return false;
    }
    let before = chars[k - 1].c;
    let glued_after_stop = matches!(before, '.' | '»' | '”' | ')' | ';' | ',')
        && k >= 2
        && (chars[k - 2].c != ' ' || matches!(before, '»' | '”' | ')'))
        && !chars[k - 2].c.is_ascii_digit();
    let then_sentence = run_end == chars.len()
        || (chars[run_end].c == ' ' && chars.get(run_end + 1).is_some_and(|c| c.c.is_uppercase()));
    glued_after_stop && then_sentence
}

/// `chars` without the positions `dropped` (in increasing order), in place.
fn without(mut chars: Vec<Ch>, dropped: &[usize]) -> Vec<Ch> {
    if dropped.is_empty() {
        return chars;
    }
    let (mut at, mut next) = (0, 0);
    chars.retain(|_| {
        let keep = dropped.get(next) != Some(&at);
        next += usize::from(!keep);
        at += 1;
        keep
    });
    chars
}

/// The characters whose mark is `keep`, in place.
fn retain_marked(mut chars: Vec<Ch>, marks: &[bool], keep: bool) -> Vec<Ch> {
    let mut k = 0;
    chars.retain(|_| {
        k += 1;
        marks[k - 1] == keep
    });
    chars
}

fn fill(s: &mut String, chars: &[Ch]) {
    s.clear();
    chars.iter().for_each(|c| s.push(c.c));
}

/// The repaired text of a run of characters.
pub fn text_of(chars: &[Ch]) -> String {
    let mut s = String::with_capacity(chars.len());
    fill(&mut s, chars);
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn run(src: &str, lexicon_text: &str) -> String {
        let mut lx = Lexicon::new();
        lx.add_text(lexicon_text);
        let lines: Vec<Line> = split_lines(src).into_iter().filter(|l| l.start < l.end).collect();
        text_of(&repair(join_lines(src, &lines, &lx), &lx))
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
    }

    /// A fragment's key is the lexicon's key of its fold (as `fold_chars_into` writes it),
    /// so that the filter is asked about the word the lexicon would count.
    #[test]
    fn a_fragment_is_keyed_as_its_fold() {
        let letters = crate::foldtable::tests::table_chars().into_iter().filter(|&c| is_letter(c));
        for c in letters {
            let fragment: Vec<Ch> = ['x', c, 'y'].iter().map(|&c| Ch { off: 0, c, len: 1 }).collect();
            let mut folded = String::new();
            assert!(fold_chars_into(fragment.iter().map(|ch| ch.c), &mut folded), "{c:?}");
            let run = Run::at(&fragment, 0);
            assert_eq!((run.end, run.key), (3, Some(Key::of(&folded))), "{c:?}");
        }
        // A letter outside the table: the run goes on, without a key.
        let greek: Vec<Ch> = "aλb c".chars().map(|c| Ch { off: 0, c, len: 1 }).collect();
        let run = Run::at(&greek, 0);
        assert_eq!((run.end, run.key), (3, None));
    }

    #[test]
    fn footnote_markers() {
        assert_eq!(run("la cybercriminalité12. Ensuite", "cybercriminalité cybercriminalité"), "la cybercriminalité. Ensuite");
        assert_eq!(run("the treaty³ says", ""), "the treaty says");
        assert_eq!(run("le G20 et COVID19", ""), "le G20 et COVID19");
        assert_eq!(run("des morts.2 L’unique référence", ""), "des morts. L’unique référence");
        assert_eq!(run("manifestants. »12 Comme il", ""), "manifestants. » Comme il");
        assert_eq!(run("la version 3.2 Les", ""), "la version 3.2 Les");
    }

    /// The byte loop of `join_lines` keeps and maps characters as a loop over characters
    /// does: ASCII spaces and controls become spaces, invisible characters go.
    #[test]
    fn lines_join_character_by_character() {
        let src = "a\u{0}b\tc\u{7f}d\u{b}e\u{a0}f\u{200b}g\u{ad}h\u{202e}i\u{feff}j\u{2003}k😀l\u{85}m ~";
        let lines = split_lines(src);
        let mut lx = Lexicon::new();
        lx.add_text("");
        let mut want: Vec<Ch> = Vec::new();
        for line in &lines {
            for (j, c) in line.text(src).char_indices().filter(|&(_, c)| !is_invisible(c)) {
                want.push(Ch { c: if is_space(c) { ' ' } else { c }, off: line.start + j, len: c.len_utf8() as u8 });
            }
        }
        assert_eq!(lines.len(), 1, "one line: {lines:?}");
        // Runs of spaces collapse to their first; none at either end.
        let mut previous_space = true;
        want.retain(|ch| !std::mem::replace(&mut previous_space, ch.c == ' ') || ch.c != ' ');
        while want.last().is_some_and(|c| c.c == ' ') {
            want.pop();
        }
        assert_eq!(join_lines(src, &lines, &lx).chars, want);
    }

    #[test]
    fn offsets_point_into_the_original() {
        let src = "ab  c\nd";
        let mut lx = Lexicon::new();
        lx.add_text("");
        let lines: Vec<Line> = split_lines(src);
        let chars = join_lines(src, &lines, &lx).chars;
        assert_eq!(text_of(&chars), "ab c d");
        for ch in chars.iter().filter(|c| c.len > 0) {
            assert_eq!(&src[ch.off..ch.end()], ch.c.to_string());
        }
    }
}
