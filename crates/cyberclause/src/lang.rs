//! Telling French from English, per passage and per document.

use serde::Serialize;

use std::sync::OnceLock;

use crate::features::UNIGRAM;
use crate::hash::{feed, spread};
use crate::text::{fold, words};
use crate::tokens::Words;

/// The language of one passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
    /// Neither French nor English (or too short to tell): the label is still given, but
    /// the model was not trained on such text.
    Unknown,
}

/// The language of a whole document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocLang {
    Fr,
    En,
    Mixed,
    Unknown,
}

/// French stop words (folded).
const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "que", "qui", "dans", "pour",
    "par", "sur", "au", "aux", "ne", "pas", "ces", "cette", "sont", "il", "elle", "nous", "leur",
    "avec", "ou", "etre", "peut", "tout",
];

fn is_fr(w: &str) -> bool {
    FRENCH.contains(&w)
}

/// English stop words (folded).
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "by", "with", "be", "are", "this",
    "shall", "which", "or", "as", "an", "any", "from", "it", "not", "such", "may", "its", "have",
    "has", "other", "where", "who",
];

fn is_en(w: &str) -> bool {
    ENGLISH.contains(&w)
}

/// Stop words of other European languages a user may paste (Spanish, Portuguese, Italian,
/// German, Dutch), none of them common in French or English text: "de", "la", "un", "en",
/// "il", "non", "se", "sera", "al" are left out.
const OTHER: &[&str] = &[
    "el", "los", "las", "del", "por", "para", "una", "con", "como", "sus", "este", "esta", "lo",
    "dos", "ser", "os", "da", "do", "em", "nao", "um", "ao", "ate", "pelo", "pela", "das", "della",
    "delle", "di", "che", "per", "sono", "gli", "dei", "nel", "alla", "der", "die", "und", "ist",
    "nicht", "mit", "von", "zu", "den", "dem", "ein", "eine", "einer", "wird", "werden", "oder",
    "auf", "sich", "im", "fur", "bei", "nach", "aus", "durch", "het", "een", "van", "niet", "zijn",
    "wordt", "ook",
];

fn is_other(w: &str) -> bool {
    OTHER.contains(&w)
}

/// Counts stop words of each language; a passage needs a clear majority and enough of
/// them (a tenth of its words) to be called French or English, and fewer than half as
/// many stop words of another language (Spanish shares "de", "la", "un" with French).
pub fn detect(text: &str) -> Lang {
    let folded = fold(text);
    detect_words(words(&folded).into_iter())
}

/// [`detect`] on words already folded (scoring's own words: one fold per passage).
pub fn detect_words<'a>(ws: impl Iterator<Item = &'a str>) -> Lang {
    let (mut fr, mut en, mut other, mut n) = (0, 0, 0, 0);
    for w in ws {
        n += 1;
        fr += usize::from(is_fr(w));
        en += usize::from(is_en(w));
        other += usize::from(is_other(w));
    }
    decide(fr, en, other, n)
}

/// [`detect_words`] for a passage's words, told by their unigram hashes: one probe of a
/// small table per word instead of three list searches.
pub fn detect_tokens(words: &Words) -> Lang {
    let table = marker_table();
    let (mut fr, mut en, mut other) = (0, 0, 0);
    for i in 0..words.len() {
        let class = table.class(words.hash(i));
        fr += usize::from(class & FR != 0);
        en += usize::from(class & EN != 0);
        other += usize::from(class & OTHER_LANG != 0);
    }
    decide(fr, en, other, words.len())
}

const FR: u8 = 1;
const EN: u8 = 2;
const OTHER_LANG: u8 = 4;

/// The marker words by the hash of their unigram key (as [`Words`] hashes words): an
/// open-addressing table, at most a quarter full, built once.
struct MarkerTable {
    slots: Vec<(u64, u8)>,
}

impl MarkerTable {
    fn class(&self, h: u64) -> u8 {
        let mask = self.slots.len() - 1;
        let mut s = spread(h) as usize & mask;
        loop {
            match self.slots[s] {
                (_, 0) => return 0,
                (key, class) if key == h => return class,
                _ => s = (s + 1) & mask,
            }
        }
    }
}

fn marker_table() -> &'static MarkerTable {
    static TABLE: OnceLock<MarkerTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let all = [(FRENCH, FR), (ENGLISH, EN), (OTHER, OTHER_LANG)];
        let n: usize = all.iter().map(|(words, _)| words.len()).sum();
        let mut table = MarkerTable { slots: vec![(0, 0); (n * 4).next_power_of_two()] };
        for (words, class) in all {
            for w in words {
                let h = feed(UNIGRAM, w.as_bytes());
                let mask = table.slots.len() - 1;
                let mut s = spread(h) as usize & mask;
                while table.slots[s].1 != 0 && table.slots[s].0 != h {
                    s = (s + 1) & mask;
                }
                table.slots[s] = (h, table.slots[s].1 | class);
            }
        }
        table
    })
}

fn decide(fr: usize, en: usize, other: usize, n: usize) -> Lang {
    let enough = (fr + en) * 10 >= n && fr + en >= 2 && other * 2 < fr + en;
    match (enough, fr.cmp(&en)) {
        (false, _) => Lang::Unknown,
        (true, std::cmp::Ordering::Greater) => Lang::Fr,
        (true, std::cmp::Ordering::Less) => Lang::En,
        (true, std::cmp::Ordering::Equal) => Lang::Unknown,
    }
}

/// A passage too short to tell (no clear majority of stop words, but none of another
/// language either) takes the document's language when that is French or English: a list
/// of terms or a short definition in an English law is English.
pub fn with_fallback(text: &str, found: Lang, doc: DocLang) -> Lang {
    if found != Lang::Unknown {
        return found;
    }
    let folded = fold(text);
    if words(&folded).iter().any(|w| is_other(w)) {
        return found;
    }
    match doc {
        DocLang::Fr => Lang::Fr,
        DocLang::En => Lang::En,
        _ => found,
    }
}

/// The document's language from its passages' languages, weighted by length: "mixed"
/// when the minority language holds at least a fifth of the text.
pub fn document(passages: &[(Lang, usize)]) -> DocLang {
    let total: usize = passages.iter().map(|p| p.1).sum();
    let of = |l: Lang| passages.iter().filter(|p| p.0 == l).map(|p| p.1).sum::<usize>();
    let (fr, en) = (of(Lang::Fr), of(Lang::En));
    if total == 0 || (fr + en) * 2 < total {
        DocLang::Unknown
    } else if fr.min(en) * 5 >= fr + en {
        DocLang::Mixed
    } else if fr > en {
        DocLang::Fr
    } else {
        DocLang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every marker word of every list, and texts in six languages: the table by hashes
    /// counts as the lists do.
    #[test]
    fn markers_by_hash_count_as_the_lists_do() {
        let all: Vec<&str> = FRENCH.iter().chain(ENGLISH).chain(OTHER).copied().collect();
        let texts = [
            all.join(" "),
            FRENCH.join(" "),
            ENGLISH.join(" "),
            "Est puni de deux ans d'emprisonnement le fait d'accéder à un système.".into(),
            "Each Party shall adopt such measures as may be necessary.".into(),
            "El acceso ilícito a un sistema informático será castigado con pena de prisión.".into(),
            "Jede Vertragspartei trifft die erforderlichen Maßnahmen, die notwendig sind.".into(),
            "the of and le la les 12345678 Ω".into(),
        ];
        for t in &texts {
            let words = crate::tokens::tokenize(t);
            assert_eq!(detect_tokens(&words), detect_words(words.iter()), "{t}");
        }
        let table = marker_table();
        for w in &all {
            let class = table.class(feed(UNIGRAM, w.as_bytes()));
            assert_eq!(class & FR != 0, is_fr(w), "{w}");
            assert_eq!(class & EN != 0, is_en(w), "{w}");
            assert_eq!(class & OTHER_LANG != 0, is_other(w), "{w}");
        }
        assert_eq!(table.class(feed(UNIGRAM, b"computer")), 0);
    }

    #[test]
    fn tells_french_english_and_neither() {
        assert_eq!(detect("Est puni de deux ans d'emprisonnement le fait d'accéder à un système."), Lang::Fr);
        assert_eq!(detect("Each Party shall adopt such measures as may be necessary."), Lang::En);
        assert_eq!(detect("Jede Vertragspartei trifft die erforderlichen gesetzgeberischen Maßnahmen."), Lang::Unknown);
        assert_eq!(detect(""), Lang::Unknown);
    }

    #[test]
    fn spanish_german_italian_portuguese_are_not_french_or_english() {
        for text in [
            "El acceso ilícito a un sistema informático será castigado con pena de prisión de seis meses a dos años.",
            "La interceptación de datos informáticos por medios técnicos será castigada con la pena de prisión.",
            "Der Zugang zu einem Computersystem ohne Recht wird mit Freiheitsstrafe bis zu drei Jahren bestraft.",
            "Chiunque abusivamente si introduce in un sistema informatico o telematico protetto da misure di sicurezza è punito con la reclusione fino a tre anni.",
            "O acesso ilegítimo a um sistema informático é punido com pena de prisão até um ano ou com pena de multa.",
        ] {
            assert_eq!(detect(text), Lang::Unknown, "{text}");
        }
    }


    #[test]
    fn documents() {
        assert_eq!(document(&[(Lang::Fr, 100), (Lang::En, 10)]), DocLang::Fr);
        assert_eq!(document(&[(Lang::Fr, 100), (Lang::En, 60)]), DocLang::Mixed);
        assert_eq!(document(&[(Lang::Unknown, 100)]), DocLang::Unknown);
        assert_eq!(document(&[]), DocLang::Unknown);
    }
}
