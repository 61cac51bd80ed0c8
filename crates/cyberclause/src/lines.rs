//! From raw text to blocks of lines: paragraphs, articles and list points.
//!
//! Pasted text arrives as lines wrapped by a PDF viewer, a word processor or a web page.
//! A block is a run of lines a reader would take as one unit; later stages repair and,
//! when a block is long prose, split it into sentences.

use crate::bytescan;

/// One line of the input: the byte range of its content, leading/trailing spaces excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    /// Number of leading space characters (an indented line often opens a paragraph).
    pub indent: usize,
}

impl Line {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

/// A block: consecutive lines, and whether it opened with a list or article marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub lines: Vec<Line>,
    pub marked: bool,
}

/// Splits `src` into lines with trimmed content ranges; blank lines have `start == end`.
pub fn split_lines(src: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < src.len() {
        let next = line_end(src.as_bytes(), pos);
        let raw = &src[pos..next];
        let body = raw.trim_end_matches(['\n', '\r', '\u{2028}', '\u{2029}', '\u{000C}']);
        let lead = body.len() - body.trim_start_matches(is_blank_char).len();
        let content = body.trim_matches(is_blank_char);
        let start = pos + lead;
        out.push(Line { start, end: start + content.len(), indent: body[..lead].chars().count() });
        pos = next;
    }
    out
}

/// Where the line that starts at byte `from` ends, its break included: after the next
/// '\n', form feed, U+2028 or U+2029 (both led by 0xE2 0x80), else at the end of the text.
/// '\r' is not a separator of its own: "\r\n" must stay one line break.
fn line_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(at) = bytescan::find(bytes, i, |b| (b == b'\n') | (b == 0x0C) | (b == 0xE2)) {
        match bytes[at] {
            0xE2 if bytes[at + 1..].starts_with(&[0x80, 0xA8]) || bytes[at + 1..].starts_with(&[0x80, 0xA9]) => return at + 3,
            0xE2 => i = at + 1,
            _ => return at + 1,
        }
    }
    bytes.len()
}

fn is_blank_char(c: char) -> bool {
    crate::text::is_space(c) || crate::text::is_invisible(c)
}

/// Lines that are layout, not content: page numbers, UN document symbols used as running
/// heads ("A/AC.291/4"), job numbers ("21-16185"), rules of underscores.
pub fn is_layout_noise(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    let all = |f: fn(char) -> bool| t.chars().all(f);
    if t.len() <= 4 && all(|c| c.is_ascii_digit()) {
        return true;
    }
    if all(|c| matches!(c, '_' | '-' | '–' | '—' | '=' | '*' | '.' | ' ')) && t.len() >= 3 {
        return true;
    }
    if let Some(rest) = t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")) {
        return rest.split_whitespace().all(|w| w.chars().all(|c| c.is_ascii_digit()) || w == "of" || w == "sur" || w == "/");
    }
    is_document_symbol(t) || is_job_number(t)
}

fn is_document_symbol(t: &str) -> bool {
    let mut parts = t.split('/');
    let head = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && !t.contains(' ')
        && (1..=4).contains(&head.len())
        && head.chars().all(|c| c.is_ascii_uppercase())
        && rest.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
}

fn is_job_number(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 8 && b[2] == b'-' && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// Whether a line opens a new unit by its shape: "Article 5", "Art. 323-1", "1.", "12)",
/// "a)", "(b)", "iv)", bullets.
pub fn starts_with_marker(line: &str) -> bool {
    let t = line.trim_start();
    for word in ["article ", "art. ", "art.", "section ", "§"] {
        if t.get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word)) {
            let rest = t[word.len()..].trim_start();
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return !in_running_prose(rest);
            }
        }
    }
    if t.starts_with(['•', '·', '▪', '◦', '‣', '–', '—', '-', '*']) {
        let after = t.chars().nth(1);
        return after.is_some_and(char::is_whitespace);
    }
    if is_footnote_start(t) {
        return true;
    }
    let body = t.strip_prefix('(').unwrap_or(t);
    // A tag closes within its first six bytes: the line past them is not searched.
    let closes = |(_, c): &(usize, char)| matches!(c, '.' | ')' | '°' | '-');
    let tag_len = body.char_indices().take_while(|&(i, _)| i <= 5).find(closes).map_or(0, |(i, _)| i);
    if tag_len == 0 {
        return false;
    }
    let (tag, rest) = body.split_at(tag_len);
    let closer_len = rest.chars().next().map_or(1, char::len_utf8);
    let closer = &rest[..closer_len];
    let after = &rest[closer_len..];
    // "1°", "2-" number points in French-language codes; a dash after a letter is a word.
    if matches!(closer, "°" | "-") {
        return after.starts_with(char::is_whitespace) && tag.len() <= 3 && tag.chars().all(|c| c.is_ascii_digit());
    }
    if !after.starts_with(char::is_whitespace) {
        return false;
    }
    let numeric = tag.len() <= 3 && tag.chars().all(|c| c.is_ascii_digit());
    let paren = body.len() < t.len();
    // "a)", "(b)", and in US codes "(A)" under "(1)" under "(a)".
    let letter = tag.len() == 1 && closer == ")" && tag.chars().all(|c| c.is_ascii_lowercase() || (paren && c.is_ascii_uppercase()));
    let roman = closer == ")" && tag.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    numeric || letter || roman
}

/// The numbering style of a list point, so that a list ends where a point of another style
/// begins ("(i)", "(ii)" under "(a)", then "(b)"): 1 digits, 2 lower-case letters, 3 roman
/// numerals, 4 capital letters, 5 bullets, 0 for no point. "(i)" counts as roman here; a
/// list that started with letters accepts it as a letter (see [`same_style`]).
pub fn point_style(line: &str) -> u8 {
    let t = line.trim_start();
    if t.starts_with(['•', '·', '▪', '◦', '‣', '–', '—', '-', '*']) {
        return 5;
    }
    let body = t.strip_prefix('(').unwrap_or(t);
    let tag: String = body.chars().take_while(|c| c.is_alphanumeric()).collect();
    match tag.chars().next() {
        Some(c) if c.is_ascii_digit() => 1,
        _ if !tag.is_empty() && tag.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) => 3,
        Some(c) if c.is_ascii_lowercase() && tag.len() == 1 => 2,
        Some(c) if c.is_ascii_uppercase() && tag.len() == 1 => 4,
        _ => 0,
    }
}

/// Whether a point of `style` continues a list whose first point had `first`.
pub fn same_style(first: u8, style: u8) -> bool {
    first == style || (first == 2 && style == 3)
}

/// "Article 16, such measures…" or "article 5 of the Convention" continues a sentence: the
/// number is followed by a comma or by a lower-case word.
fn in_running_prose(number_and_rest: &str) -> bool {
    let mut words = number_and_rest.split_whitespace();
    let number = words.next().unwrap_or("");
    if number.ends_with(',') {
        return true;
    }
    words.next().is_some_and(|w| w.starts_with(char::is_lowercase) && !matches!(w, "bis" | "ter" | "quater" | "premier" | "er"))
}

/// "1 Rapport 2019 du Rapporteur spécial…": a footnote printed at the foot of a PDF page,
/// which extraction drops into the middle of a paragraph.
fn is_footnote_start(t: &str) -> bool {
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let mut rest = t[digits..].chars();
    (1..=2).contains(&digits)
        && rest.next() == Some(' ')
        && rest.next().is_some_and(char::is_uppercase)
        && rest.next().is_some_and(char::is_lowercase)
}

fn ends_sentence(line: &str) -> bool {
    let t = strip_closing_tags(line.trim_end());
    // A line ending in an emoji closes its thought in posts and chat pasted as text.
    t.ends_with(['.', '!', '?', ':', ';', '»', '”', '"', '…']) || t.chars().next_back().is_some_and(is_pictograph)
}

/// Drops closing HTML tags ("</p>", "</li>") that pasted markup leaves after a full stop.
fn strip_closing_tags(mut t: &str) -> &str {
    while t.ends_with('>') {
        match t.rfind("</") {
            Some(i) if t[i + 2..t.len() - 1].chars().all(|c| c.is_ascii_alphanumeric()) => t = t[..i].trim_end(),
            _ => break,
        }
    }
    t
}

fn is_pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{FE0F}')
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start().chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// A wrapped line of prose (not a heading) is long; a blank line after it that interrupts
/// an unfinished sentence is a PDF artefact (seen in two-column extractions).
const WRAPPED_LINE_CHARS: usize = 35;

/// Lines repeated on every page of a PDF paste ("ETS 185 – Convention on Cybercrime,
/// 23.XI.2001"): short, not ending a sentence, not a list or article marker, and seen at
/// least three times.
fn running_heads<'a>(src: &'a str, lines: &[Line]) -> std::collections::HashSet<&'a str> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for l in lines {
        let t = l.text(src);
        if !t.is_empty() && t.split_whitespace().nth(12).is_none() && !ends_sentence(t) && !t.ends_with(',') && !starts_with_marker(t) {
            *seen.entry(t).or_default() += 1;
        }
    }
    seen.into_iter().filter(|&(_, n)| n >= 3).map(|(t, _)| t).collect()
}

/// Groups lines into blocks.
pub fn blocks(src: &str, lines: &[Line]) -> Vec<Block> {
    let heads = running_heads(src, lines);
    let mut out: Vec<Block> = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    let mut marked = false;
    let mut blanks = 0usize;
    for line in lines {
        let text = line.text(src);
        if text.is_empty() {
            blanks += 1;
            continue;
        }
        if is_layout_noise(text) || heads.contains(text) {
            // A page number or running head marks a page break: the blank lines around it
            // count as one, so a sentence broken across the page is still bridged.
            blanks = blanks.min(1);
            continue;
        }
        let marker = starts_with_marker(text);
        let new_block = match current.last() {
            None => true,
            Some(prev) => marker || breaks_after(prev.text(src), line, text, blanks),
        };
        if new_block && !current.is_empty() {
            out.push(Block { lines: std::mem::take(&mut current), marked });
        }
        if new_block {
            marked = marker;
        }
        current.push(*line);
        blanks = 0;
    }
    if !current.is_empty() {
        out.push(Block { lines: current, marked });
    }
    out
}

fn breaks_after(prev: &str, line: &Line, text: &str, blanks: usize) -> bool {
    // A blank line next to a heading is never a PDF artefact to bridge.
    if blanks > 0 && (crate::structure::heading_rank(prev).is_some() || crate::structure::heading_rank(text).is_some()) {
        return true;
    }
    let unfinished = !ends_sentence(prev);
    if blanks == 0 {
        // An indented line after a finished sentence opens a paragraph (UN documents).
        return !unfinished && line.indent >= 2 && text.starts_with(char::is_uppercase);
    }
    let soft = blanks <= 2 && unfinished && (starts_lowercase(text) || prev.chars().count() >= WRAPPED_LINE_CHARS || prev.ends_with('-'));
    !soft
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines end where `str::split_inclusive` on the four separators ends them, wherever
    /// the break falls among the bytes searched together; other characters led by 0xE2
    /// ("…", "’") are not breaks.
    #[test]
    fn lines_end_at_the_four_separators_only() {
        let reference = |src: &str| {
            let mut ends = Vec::new();
            let mut pos = 0;
            for raw in src.split_inclusive(['\n', '\u{2028}', '\u{2029}', '\u{000C}']) {
                pos += raw.len();
                ends.push(pos);
            }
            ends
        };
        let cases = ["a\nb", "a\r\nb\r\n", "l’accès…\u{2028}b\u{2029}\u{2029}c\u{000C}d\re", "\n\n", "x…’\u{2027}\u{202A}", ""];
        for case in cases {
            for shift in 0..=20 {
                let src = format!("{}{case}{}", "y".repeat(shift), " z".repeat(shift % 7));
                let mut ends = Vec::new();
                let mut pos = 0;
                while pos < src.len() {
                    pos = line_end(src.as_bytes(), pos);
                    ends.push(pos);
                }
                assert_eq!(ends, reference(&src), "{src:?}");
                assert_eq!(split_lines(&src).len(), ends.len(), "{src:?}");
            }
        }
    }

    #[test]
    fn closing_tags_and_emoji_do_not_hide_a_sentence_end() {
        assert!(ends_sentence("Le texte est adopté.</p>"));
        assert!(ends_sentence("The text is adopted. </li></ul>"));
        assert!(ends_sentence("Bravo à tous 🎉"));
        assert!(!ends_sentence("which the State shall </b"));
        assert!(!ends_sentence("et les autorités compétentes"));
    }

    fn texts(src: &str) -> Vec<String> {
        let lines = split_lines(src);
        blocks(src, &lines)
            .iter()
            .map(|b| b.lines.iter().map(|l| l.text(src)).collect::<Vec<_>>().join(" | "))
            .collect()
    }

    #[test]
    fn markers() {
        for yes in ["1 Rapport 2019", "1. Le", "12) foo", "a) les", "(b) the", "iv) x", "Article 5", "Art. 323-1 Le", "• item", "- item", "1° computer data", "2- à toutes", "(A) any"] {
            assert!(starts_with_marker(yes), "{yes}");
        }
        for no in ["5 novembre", "1998 fut", "Le 1. x", "A. Smith", "art.x", "abc) x", "-item", "3.5 million", "Article 16, such", "article 5 of the", "3-5 million", "e-mail", "A) x"] {
            assert!(!starts_with_marker(no), "{no}");
        }
    }

    #[test]
    fn noise_lines() {
        for yes in ["12", "A/AC.291/4", "21-16185", "_______", "Page 3"] {
            assert!(is_layout_noise(yes), "{yes}");
        }
        for no in ["1998 fut une année", "A/B testing is fine", "Article 5"] {
            assert!(!is_layout_noise(no), "{no}");
        }
    }

    #[test]
    fn paragraphs_and_points() {
        let src = "Intro line one\ncontinues here.\n\nSecond para.\na) first point;\nb) second point.\n";
        assert_eq!(texts(src), vec!["Intro line one | continues here.", "Second para.", "a) first point;", "b) second point."]);
    }

    #[test]
    fn soft_blank_lines_inside_a_sentence_are_joined() {
        let src = "the principle of due diligence, as expressed by\n\nthe case law of the International Court.\n\nNext paragraph here.";
        assert_eq!(texts(src).len(), 2);
    }

    #[test]
    fn short_heading_is_its_own_block() {
        let src = "PARTIE I\n\nL'ONU et la cybersécurité depuis 1998 et après\n";
        assert_eq!(texts(src).len(), 2);
    }

    #[test]
    fn crlf_and_offsets() {
        let src = "  Hello world.\r\n\r\nBye.";
        let lines = split_lines(src);
        assert_eq!(lines[0].text(src), "Hello world.");
        assert_eq!(lines[0].indent, 2);
        assert_eq!(lines.last().unwrap().text(src), "Bye.");
    }
}
