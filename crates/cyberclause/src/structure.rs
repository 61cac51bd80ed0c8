//! The structure of laws and treaties: heading lines (Book, Part, Title, Chapter, Section,
//! Sub-section, Article, § and their French names, Schedule, Annex) and their rank, so
//! that every passage can carry the path of headings above it.

use crate::text::{fold, is_letter_or_digit};

/// Rank of the article level: an article's heading, or a passage opening "Article 5 …".
pub const ARTICLE_RANK: u8 = 7;

/// A title line under no keyword (an all-capitals line such as "DISPOSITIONS FINALES")
/// ranks below the keyword headings above it.
pub const TITLE_RANK: u8 = 8;

/// Heading keywords, folded, and their rank (outermost first).
const KEYWORDS: &[(&str, u8)] = &[
    ("book", 1),
    ("livre", 1),
    ("part", 2),
    ("partie", 2),
    ("schedule", 2),
    ("annex", 2),
    ("annexe", 2),
    ("title", 3),
    ("titre", 3),
    ("chapter", 4),
    ("chapitre", 4),
    ("section", 5),
    ("sub-section", 6),
    ("subsection", 6),
    ("sous-section", 6),
    ("paragraphe", 6),
    ("article", ARTICLE_RANK),
    ("art.", ARTICLE_RANK),
    ("art", ARTICLE_RANK),
    ("sec.", ARTICLE_RANK),
    ("§", ARTICLE_RANK),
];

/// The rank of a heading keyword, folded ("chapitre" → 4), if it is one.
pub fn keyword_rank(folded: &str) -> Option<u8> {
    KEYWORDS.iter().find(|(k, _)| *k == folded).map(|(_, rank)| *rank)
}

/// Words that number a heading in full ("Chapter One", "Titre premier").
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "first", "second",
    "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "preliminary", "premier", "premiere",
    "deuxieme", "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme", "dixieme",
    "preliminaire", "unique", "ier", "1er", "er", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
];

/// A heading line's keyword rank and where its reference ends ("Article 16", "Chapitre II").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Keyword {
    pub rank: u8,
    /// Byte length of the reference (keyword and number) at the start of the line.
    pub reference_len: usize,
}

/// Reads a keyword and its number at the start of `line`: "Article 431-8", "Art. L. 123-4",
/// "CHAPITRE II", "Section One", "§ 3". None for other lines ("Article premier" is one).
pub fn keyword(line: &str) -> Option<Keyword> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    let mut words = t.split_inclusive(char::is_whitespace);
    let first = words.next()?;
    let folded = fold(first.trim());
    let (rank, mut len) = match keyword_rank(&folded) {
        Some(rank) => (rank, first.len()),
        // "§3", "Art.5": the number glued to the keyword.
        None => glued_keyword(first)?,
    };
    if len == first.len() {
        let mut next = words.next()?;
        // "Art. L. 123-4", "Article R. 12": a code's letter before the number.
        if is_code_letter(next.trim()) {
            len += next.len();
            next = words.next()?;
        }
        let number = next.trim().trim_end_matches([':', '.', ',', '–', '-', '—', ')']);
        if !is_number(number) {
            return None;
        }
        len += next.trim_end().len();
    }
    Some(Keyword { rank, reference_len: lead + len })
}

fn glued_keyword(first: &str) -> Option<(u8, usize)> {
    let t = first.trim();
    let rest = t.strip_prefix('§').or_else(|| t.strip_prefix("Art.")).or_else(|| t.strip_prefix("art."))?;
    rest.starts_with(|c: char| c.is_ascii_digit()).then_some((ARTICLE_RANK, t.len()))
}

fn is_code_letter(w: &str) -> bool {
    matches!(w, "L." | "R." | "D." | "A." | "L" | "R" | "D")
}

/// A heading's number: digits with dots, dashes and a letter suffix ("431-8", "16.2",
/// "1er", "2bis"), a roman numeral, a number word, or the OCR's "|" and "Il" for I and II.
fn is_number(w: &str) -> bool {
    if w.is_empty() {
        return false;
    }
    if w.starts_with(|c: char| c.is_ascii_digit()) {
        return w.chars().all(|c| is_letter_or_digit(c) || matches!(c, '.' | '-' | '–' | '/'));
    }
    if matches!(w, "|" | "Il" | "Ill") {
        return true;
    }
    let f = fold(w);
    NUMBER_WORDS.contains(&f.as_str())
}

/// The heading `line` opens, if it is one: its rank, or None for text. A keyword line is a
/// heading when what follows its reference is empty or a short title (under 15 words, not
/// ending a sentence, or in capitals); an all-capitals line of under 15 words with no
/// keyword is a title ("DISPOSITIONS FINALES").
pub fn heading_rank(line: &str) -> Option<u8> {
    let t = line.trim();
    // Markdown: "## Article 5" ranks by its keyword, "## Objectifs" by its hashes.
    if let Some(rest) = markdown_heading(t) {
        let hashes = (t.len() - t.trim_start_matches('#').len()) as u8;
        return Some(heading_rank(rest).filter(|&r| r != TITLE_RANK).unwrap_or(hashes.min(6)));
    }
    if let Some(k) = keyword(t) {
        // "Article 16, such measures…": a sentence that happens to start with a reference.
        if t[..k.reference_len].ends_with(',') {
            return None;
        }
        let rest = t[k.reference_len..].trim_start_matches([' ', ':', '.', '–', '-', '—', ')']).trim();
        return (is_title(rest) && !rest.starts_with(char::is_lowercase)).then_some(k.rank);
    }
    (is_capitals(t) && word_count(t, 15) < 15 && !t.ends_with([',', ';'])).then_some(TITLE_RANK)
}

/// Words a Markdown heading's text may have: a title is short, and a longer line after
/// hashes is a paragraph (a hashtag, a paragraph marked up by mistake), which must be cut
/// to the passage cap as text is; a heading never is (found by fuzzing: a 164-word
/// "heading", `fuzz/seeds/found-164-word-heading.txt`).
const MAX_MARKDOWN_TITLE_WORDS: usize = 40;

/// The text of a Markdown heading line ("# Title", up to six hashes and a space).
fn markdown_heading(t: &str) -> Option<&str> {
    let rest = t.trim_start_matches('#');
    let hashes = t.len() - rest.len();
    let title = (1..=6).contains(&hashes) && rest.starts_with(' ') && !rest.trim().is_empty();
    (title && word_count(rest, MAX_MARKDOWN_TITLE_WORDS + 1) <= MAX_MARKDOWN_TITLE_WORDS).then(|| rest.trim())
}

/// A short title: empty, or under 15 words not ending a sentence, or capitals.
pub fn is_title(rest: &str) -> bool {
    let n = word_count(rest, 15);
    n == 0 || (n < 15 && (!rest.ends_with(['.', ';', ',', ':', '?', '!']) || is_capitals(rest)))
}

/// A title line under a keyword heading ("General provisions" under "Chapter One"): short,
/// no sentence end, starting with a capital.
pub fn is_title_line(line: &str) -> bool {
    let t = line.trim();
    // The tests on its ends first: most lines are sentences, and the words of a long
    // line are not counted.
    let titled = t.starts_with(char::is_uppercase) && !t.ends_with(['.', ';', ',', ':']);
    let capitals = is_capitals(t);
    if !titled && !capitals {
        return false;
    }
    let n = word_count(t, 20);
    titled && (1..15).contains(&n) || (capitals && n < 20)
}

/// At least two capital letters and no lower-case one (scripts without case never are).
fn is_capitals(t: &str) -> bool {
    // Most lines have a lower-case letter among their first few: that test goes first.
    !t.chars().any(char::is_lowercase) && t.chars().filter(|c| c.is_uppercase()).nth(1).is_some()
}

/// Words with a letter or digit, counted up to `cap` (callers only compare with small
/// numbers, and a paragraph can be a long line).
fn word_count(t: &str, cap: usize) -> usize {
    t.split_whitespace().filter(|w| w.chars().any(is_letter_or_digit)).take(cap).count()
}

/// The reference a passage opening with a keyword carries into its path ("Article 5" of
/// "Article 5 – Le fait …"), when the keyword is at the article level or below.
pub fn passage_reference(text: &str) -> Option<(u8, &str)> {
    let k = keyword(text)?;
    Some((k.rank, text[..k.reference_len].trim().trim_end_matches([':', '.', ',', '–', '-', '—'])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_headings_and_their_ranks() {
        for (line, rank) in [
            ("Chapter One", 4),
            ("CHAPITRE II", 4),
            ("CHAPITRE |", 4),
            ("Titre 3 - DES INFRACTIONS LIEES AUX TECHNOLOGIES DE L’INFORMATION.", 3),
            ("Article 16", 7),
            ("Article 491 : Objet", 7),
            ("Article 2 – Scope of this Law", 7),
            ("Art. L. 123-4", 7),
            ("Section One – Obligations of service provider", 5),
            ("Sous-section 2 : De la perquisition", 6),
            ("LIVRE SIXIEME", 1),
            ("§ 3", 7),
            ("DISPOSITIONS FINALES", TITLE_RANK),
            ("## Article 5 — Data interference", 7),
            ("# Cybercrime Act", 1),
            ("### Definitions", 3),
            (&format!("## {}", "word ".repeat(MAX_MARKDOWN_TITLE_WORDS)), 2),
        ] {
            assert_eq!(heading_rank(line), Some(rank), "{line}");
        }
    }

    #[test]
    fn text_lines_are_not_headings() {
        for line in [
            "Article 5 – Le fait d'accéder frauduleusement à un système est puni de deux ans d'emprisonnement.",
            "Article 16, such measures shall be taken",
            "Section 4. Cybercrime Offenses. – The following acts constitute the offense of cybercrime punishable under this Act:",
            "The Parties agree as follows:",
            "Part of the data was lost.",
            "a) in its territory; or",
            &format!("# {}", "word ".repeat(MAX_MARKDOWN_TITLE_WORDS + 1)),
        ] {
            assert_eq!(heading_rank(line), None, "{line}");
        }
    }

    #[test]
    fn a_passage_carries_its_reference() {
        assert_eq!(passage_reference("Article 431-8 Quiconque aura accédé"), Some((7, "Article 431-8")));
        assert_eq!(passage_reference("Section 4. Cybercrime Offenses. – The following"), Some((5, "Section 4")));
        assert_eq!(passage_reference("Le fait d'accéder"), None);
    }
}
