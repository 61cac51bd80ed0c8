//! Cross-references inside a law: "Article 15", "Articles 14 and 15", "articles 16 à 21",
//! "article L. 34-1", "art. 706-95", "this Section", "cette section", "ce chapitre",
//! "Section 2". They tie a power to the safeguards that govern it when the two are
//! drafted apart ("the powers … in this Section are subject to the conditions and
//! safeguards provided for under Article 15").

use serde::Serialize;

use crate::reference::number_key;
use crate::structure;
use crate::text::fold;

/// What a citation points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "key")]
pub enum Target {
    /// An article, by its folded number ("15", "l34-1"; see `reference::article_key`).
    Article(String),
    /// The unit of this heading rank that holds the citing passage ("this Section": 5).
    This(u8),
    /// A unit named by rank and folded number ("Section 2": 5, "2").
    Unit(u8, String),
}

/// One citation found in a passage: its target and the words that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub target: Target,
    pub text: String,
}

/// After "Article 8 of the …", words that keep the citation inside this text; any other
/// ("of the International Covenant", "du code pénal") makes it a citation of another text.
const INTERNAL: &[&str] = &[
    "this", "present", "presente", "convention", "treaty", "traite", "act", "law", "loi", "protocol", "protocole", "decree",
    "decret", "ordinance", "ordonnance", "regulation", "reglement", "section", "chapter", "chapitre", "part", "partie",
];

/// A word of the text: as written, and folded without surrounding punctuation.
struct Word<'a> {
    raw: &'a str,
    clean: String,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split_whitespace()
        .map(|raw| {
            let folded = fold(raw);
            let clean = folded.trim_matches(|c: char| !c.is_alphanumeric() && c != '°');
            // "l'article", "d'articles", "qu'en": the elided article is not part of the word.
            let clean = ["l'", "d'", "qu'"].iter().find_map(|p| clean.strip_prefix(p)).unwrap_or(clean).to_string();
            Word { raw, clean }
        })
        .collect()
}

/// Every citation in `text`, in order.
pub fn citations(text: &str) -> Vec<Citation> {
    let w = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let step = article_list(&w, i, &mut out).or_else(|| this_unit(&w, i, &mut out)).or_else(|| named_unit(&w, i, &mut out));
        i += step.unwrap_or(1);
    }
    out
}

fn is_article_word(clean: &str) -> bool {
    matches!(clean, "article" | "articles" | "art" | "arts")
}

/// A number a citation may hold: "15", "34-1", "706-95", "1er", "16.2".
fn is_number(clean: &str) -> bool {
    clean.starts_with(|c: char| c.is_ascii_digit()) && clean.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '/'))
}

/// A code's letter before an article number ("L." of "article L. 34-1"), as written.
fn is_code_letter(raw: &str) -> bool {
    matches!(raw.trim_end_matches('.'), "L" | "R" | "D")
}

/// "Article 15", "Articles 14, 15 and 16", "articles 16 à 21", "article L. 34-1": one
/// citation per article (a range of plain numbers is expanded, up to 50). Returns how
/// many words it read.
fn article_list(w: &[Word], i: usize, out: &mut Vec<Citation>) -> Option<usize> {
    if !is_article_word(&w[i].clean) {
        return None;
    }
    let mut keys: Vec<String> = Vec::new();
    let mut j = i + 1;
    let mut range_from: Option<u32> = None;
    loop {
        let mut letter = String::new();
        if j + 1 < w.len() && is_code_letter(w[j].raw) && is_number(&w[j + 1].clean) {
            letter = w[j].clean.clone();
            j += 1;
        }
        let Some(word) = w.get(j).filter(|x| is_number(&x.clean)) else { break };
        let key = number_key(&format!("{letter}{}", word.clean));
        if let (Some(from), Ok(to)) = (range_from.take(), key.parse::<u32>()) {
            keys.extend((from.saturating_add(1)..to).take(50).map(|n| n.to_string()));
        }
        keys.push(key);
        j += 1;
        let after_comma = word.raw.ends_with(',');
        match w.get(j).map(|x| x.clean.as_str()) {
            Some("and" | "et" | "or" | "ou") => j += 1,
            Some("to" | "a" | "through" | "au") => {
                range_from = keys.last().and_then(|k| k.parse().ok());
                j += 1;
            }
            Some(_) if after_comma => {}
            _ => break,
        }
    }
    if keys.is_empty() {
        return None;
    }
    let end = j.min(w.len());
    let text = w[i..end].iter().map(|x| x.raw).collect::<Vec<_>>().join(" ");
    let text = text.trim_end_matches(|c: char| !c.is_alphanumeric()).to_string();
    if !of_another_text(w, end) {
        out.extend(keys.into_iter().map(|k| Citation { target: Target::Article(k), text: text.clone() }));
    }
    Some((end - i).max(1))
}

/// "… of the International Covenant", "… du code pénal": the article cited belongs to
/// another text.
fn of_another_text(w: &[Word], j: usize) -> bool {
    let Some(of) = w.get(j) else { return false };
    if !matches!(of.clean.as_str(), "of" | "de" | "du" | "des") {
        return false;
    }
    let mut k = j + 1;
    if w.get(k).is_some_and(|x| matches!(x.clean.as_str(), "the" | "la" | "le" | "les" | "cette" | "ce")) {
        k += 1;
    }
    let Some(next) = w.get(k) else { return false };
    let name = next.clean.trim_start_matches("l'").trim_start_matches("d'");
    !INTERNAL.contains(&name)
}

/// The rank of a unit a citation can name ("this Section", "ce chapitre"): the heading
/// keywords between a part and a sub-section (see `structure`).
fn unit_rank(clean: &str) -> Option<u8> {
    structure::keyword_rank(clean).filter(|rank| (2..=6).contains(rank))
}

/// "this Section", "cette section", "la présente section", "ce chapitre".
fn this_unit(w: &[Word], i: usize, out: &mut Vec<Citation>) -> Option<usize> {
    if !matches!(w[i].clean.as_str(), "this" | "cette" | "ce" | "present" | "presente") {
        return None;
    }
    let rank = unit_rank(&w.get(i + 1)?.clean)?;
    let text = format!("{} {}", w[i].raw, w[i + 1].raw.trim_end_matches(|c: char| !c.is_alphanumeric()));
    out.push(Citation { target: Target::This(rank), text });
    Some(2)
}

/// "Section 2", "chapitre II".
fn named_unit(w: &[Word], i: usize, out: &mut Vec<Citation>) -> Option<usize> {
    let rank = unit_rank(&w[i].clean)?;
    let number = w.get(i + 1)?;
    let roman = number.clean.chars().all(|c| matches!(c, 'i' | 'v' | 'x')) && number.raw.starts_with(['I', 'V', 'X']);
    if !is_number(&number.clean) && !roman {
        return None;
    }
    let text = format!("{} {}", w[i].raw, number.raw.trim_end_matches(|c: char| !c.is_alphanumeric()));
    out.push(Citation { target: Target::Unit(rank, number_key(&number.clean)), text });
    Some(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets(text: &str) -> Vec<Target> {
        citations(text).into_iter().map(|c| c.target).collect()
    }

    fn art(k: &str) -> Target {
        Target::Article(k.to_string())
    }

    #[test]
    fn articles_in_english_and_french() {
        assert_eq!(targets("subject to the conditions and safeguards provided for under Article 15."), [art("15")]);
        assert_eq!(targets("as provided in Articles 14 and 15, and in article 21"), [art("14"), art("15"), art("21")]);
        assert_eq!(targets("Articles 14, 15 and 16 apply"), [art("14"), art("15"), art("16")]);
        assert_eq!(targets("prévues aux articles 16 à 19"), [art("16"), art("17"), art("18"), art("19")]);
        assert_eq!(targets("en application de l'article L. 34-1 du présent code"), [art("l34-1")]);
        assert_eq!(targets("selon l'art. 706-95, le juge"), [art("706-95")]);
        let c = citations("under Article 15.");
        assert_eq!(c[0].text, "Article 15");
    }

    #[test]
    fn units_this_and_named() {
        assert_eq!(targets("the powers and procedures provided for in this Section are subject"), [Target::This(5)]);
        assert_eq!(targets("les pouvoirs prévus par cette section"), [Target::This(5)]);
        assert_eq!(targets("au sens du présent chapitre"), [Target::This(4)]);
        assert_eq!(targets("les mesures de ce chapitre"), [Target::This(4)]);
        assert_eq!(targets("the measures of Section 2 and Chapter IV"), [Target::Unit(5, "2".into()), Target::Unit(4, "iv".into())]);
    }

    #[test]
    fn articles_of_other_texts_are_left_out() {
        assert!(targets("as guaranteed by Article 17 of the International Covenant on Civil and Political Rights").is_empty());
        assert!(targets("au sens de l'article 226-1 du code pénal").is_empty());
        assert_eq!(targets("Article 15 of this Convention"), [art("15")]);
        assert!(targets("the article was cited; an article 12 years old").len() <= 1);
        assert!(targets("Nothing cited here at all.").is_empty());
        // A range ending at the largest number, or backwards, expands to nothing more.
        assert_eq!(targets("articles 4294967295 to 4294967295").len(), 2);
        assert_eq!(targets("articles 9 to 3"), [art("9"), art("3")]);
    }
}
