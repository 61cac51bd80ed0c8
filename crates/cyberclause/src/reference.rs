//! Short references for passages ("Art. 19 §3", "Art. L. 34-1 §II 2°"): what a reader
//! cites, built from the heading path the segmenter gives each passage and the number the
//! passage itself opens with. The page shows them, filters and exports carry them, and the
//! powers-and-safeguards links name their passages by them.

use crate::segment::Kind;
use crate::structure::{self, ARTICLE_RANK};
use crate::text::fold;

/// Where the innermost article-level heading of `path` is, if any.
pub fn article_position(path: &[String]) -> Option<usize> {
    path.iter().rposition(|h| structure::keyword(h).is_some_and(|k| k.rank == ARTICLE_RANK))
}

/// The keyword reference a heading opens with ("Article 19" of "Article 19 – Search…").
pub fn heading_reference(heading: &str) -> Option<(u8, &str)> {
    structure::passage_reference(heading.trim_start_matches('#').trim_start())
}

/// An article reference in its short form: "Article 19" → "Art. 19", "Art. L. 34-1" stays,
/// "§ 3" stays; other levels ("Section 2", "Chapitre II") are kept as written.
pub fn short(reference: &str) -> String {
    let mut words = reference.split_whitespace();
    let Some(first) = words.next() else { return String::new() };
    let rest: Vec<&str> = words.collect();
    let f = fold(first);
    if matches!(f.as_str(), "article" | "art." | "art") {
        return format!("Art. {}", rest.join(" "));
    }
    if let Some(n) = first.strip_prefix("Art.").or_else(|| first.strip_prefix("art.")).filter(|n| !n.is_empty()) {
        return format!("Art. {n}");
    }
    reference.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number of an article reference, folded for matching citations against headings:
/// "Article L. 34-1" and "art. L34-1" give "l34-1"; "Article 1er" and "Article premier"
/// give "1". None when `reference` is not at the article level.
pub fn article_key(reference: &str) -> Option<String> {
    let k = structure::keyword(reference)?;
    if k.rank != ARTICLE_RANK {
        return None;
    }
    let head = reference[..k.reference_len].trim_start();
    let number = head.trim_start_matches(|c: char| !c.is_whitespace() && !c.is_ascii_digit());
    Some(number_key(number))
}

/// A number as written ("L. 34-1", "1er", "19.", "premier") folded for matching.
pub fn number_key(number: &str) -> String {
    let f: String = fold(number).chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    let f = f.trim_end_matches([':', ',', ';', '–', '-', '—', ')']);
    match f {
        "premier" | "premiere" | "1er" | "1re" | "first" | "one" => "1".to_string(),
        _ => f.to_string(),
    }
}

/// What a passage opens with: a paragraph number ("3.", "(2)", "II. –") or a point ("a)",
/// "(iv)", "1°"), as shown in a reference ("§3", "§II", "a)", "1°").
#[derive(Debug, Clone, PartialEq, Eq)]
enum Opening {
    Paragraph(String),
    Point(String),
}

fn opening(text: &str) -> Option<Opening> {
    let first = text.split_whitespace().next()?;
    let inner = first.trim_start_matches('(');
    let parens = inner.len() != first.len();
    let (body, tail) = match inner.find(|c: char| !c.is_alphanumeric()) {
        Some(i) => (&inner[..i], &inner[i..]),
        None => (inner, ""),
    };
    if body.is_empty() || body.chars().count() > 5 {
        return None;
    }
    let closed = matches!(tail, ")" | ")." | "),") || (!parens && matches!(tail, "." | "-" | "–"));
    if tail.starts_with('°') && body.chars().all(|c| c.is_ascii_digit()) {
        return Some(Opening::Point(format!("{body}°")));
    }
    if !(closed || parens && tail.starts_with(')')) {
        return None;
    }
    if body.chars().all(|c| c.is_ascii_digit()) {
        return Some(Opening::Paragraph(body.to_string()));
    }
    if is_upper_roman(body) && !parens {
        return Some(Opening::Paragraph(body.to_string()));
    }
    // "a)", "(b)", "iv)", "(A)": points. A lone capital letter with a dot ("A.") is a point too.
    (body.chars().all(|c| c.is_ascii_lowercase()) || (body.len() == 1 && body.chars().all(|c| c.is_ascii_uppercase())))
        .then(|| Opening::Point(format!("{body})")))
}

fn is_upper_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

/// References for a document's units in order: the short article reference from the path
/// (or the innermost keyword heading when no article is open), then the paragraph number
/// and the point. A point with no number of its own takes the last paragraph number seen
/// in the same article, so "b) …" after "2. …" reads "Art. 6 §2 b)". A heading's
/// reference is that of what it opens ("Art. 19" for "Article 19 – Search…").
pub fn references<'a>(units: impl IntoIterator<Item = (Kind, &'a [String], &'a str)>) -> Vec<String> {
    let mut out = Vec::new();
    let mut last: Option<(Vec<String>, String)> = None;
    for (kind, path, text) in units {
        if kind == Kind::Heading {
            out.push(heading_own(path, text));
            continue;
        }
        let base = base(path);
        let paragraph = match opening(text) {
            Some(Opening::Paragraph(n)) => {
                last = Some((path.to_vec(), n.clone()));
                Some(n)
            }
            Some(Opening::Point(p)) => {
                let para = last.as_ref().filter(|(lp, _)| lp.as_slice() == path).map(|(_, n)| n.clone());
                out.push(join(&base, para.as_deref(), Some(&p)));
                continue;
            }
            None => None,
        };
        out.push(join(&base, paragraph.as_deref(), None));
    }
    out
}

/// Sets every passage's `reference` (see [`references`]).
pub fn assign(passages: &mut [crate::classify::Passage]) {
    let refs = references(passages.iter().map(|p| (p.kind, p.path.as_slice(), p.text.as_str())));
    for (p, r) in passages.iter_mut().zip(refs) {
        p.reference = r;
    }
}

fn heading_own(path: &[String], text: &str) -> String {
    match heading_reference(text) {
        Some((_, r)) => short(r),
        None => base(path),
    }
}

/// The reference of the innermost article in `path`, else of its innermost keyword heading.
fn base(path: &[String]) -> String {
    path.iter().rev().find_map(|h| heading_reference(h).map(|(_, r)| short(r))).unwrap_or_default()
}

fn join(base: &str, paragraph: Option<&str>, point: Option<&str>) -> String {
    let mut s = base.to_string();
    if let Some(n) = paragraph {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push('§');
        s.push_str(n);
    }
    if let Some(p) = point {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(p);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(items: &[(Kind, &[&str], &str)]) -> Vec<String> {
        let owned: Vec<(Kind, Vec<String>, &str)> =
            items.iter().map(|(k, p, t)| (*k, p.iter().map(|s| s.to_string()).collect(), *t)).collect();
        references(owned.iter().map(|(k, p, t)| (*k, p.as_slice(), *t)))
    }

    #[test]
    fn article_paragraph_and_point() {
        let path: &[&str] = &["Chapter II", "Section 2 – Procedural law", "Article 19 – Search and seizure"];
        let got = refs(&[
            (Kind::Heading, &path[..2], "Article 19 – Search and seizure"),
            (Kind::Passage, path, "1. Each Party shall adopt such measures."),
            (Kind::Passage, path, "3. Each Party shall empower its authorities to seize:"),
            (Kind::Passage, path, "b) make and retain a copy of the data;"),
            (Kind::Passage, path, "The measures apply to every system here."),
        ]);
        assert_eq!(got, ["Art. 19", "Art. 19 §1", "Art. 19 §3", "Art. 19 §3 b)", "Art. 19"]);
    }

    #[test]
    fn french_codes_and_sections() {
        let got = refs(&[
            (Kind::Passage, &["Chapitre II", "Article L. 34-1"], "II. – Les opérateurs effacent les données."),
            (Kind::Passage, &["Chapitre II", "Article L. 34-1"], "1° Les données de trafic sont conservées un an."),
            (Kind::Passage, &["Chapitre II", "Art. 706-95"], "Le juge peut autoriser l'interception."),
            (Kind::Passage, &["Section 2 – Procedural law"], "(2) The powers are subject to conditions."),
            (Kind::Passage, &[], "Nothing above this passage at all here."),
        ]);
        assert_eq!(got, ["Art. L. 34-1 §II", "Art. L. 34-1 §II 1°", "Art. 706-95", "Section 2 §2", ""]);
    }

    #[test]
    fn article_keys_match_across_spellings() {
        assert_eq!(article_key("Article L. 34-1 – Conservation").as_deref(), Some("l34-1"));
        assert_eq!(article_key("Art. 706-95").as_deref(), Some("706-95"));
        assert_eq!(article_key("Article premier").as_deref(), Some("1"));
        assert_eq!(article_key("Article 15 – Conditions and safeguards").as_deref(), Some("15"));
        assert_eq!(article_key("Section 2"), None);
        assert_eq!(short("Article 19"), "Art. 19");
        assert_eq!(short("Art.5"), "Art. 5");
    }
}
