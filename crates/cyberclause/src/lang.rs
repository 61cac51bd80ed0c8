//! Telling French from English, per passage and per document.

use serde::Serialize;

use std::sync::OnceLock;

use crate::features::UNIGRAM;
use crate::hash::feed;
use crate::index::FeatureIndex;
use crate::tokens::{tokenize, Words};

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

/// English stop words (folded).
const ENGLISH: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "on", "by", "with", "be", "are", "this",
    "shall", "which", "or", "as", "an", "any", "from", "it", "not", "such", "may", "its", "have",
    "has", "other", "where", "who",
];

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

/// Counts stop words of each language; a passage needs a clear majority and enough of
/// them (a tenth of its words) to be called French or English, and fewer than half as
/// many stop words of another language (Spanish shares "de", "la", "un" with French).
pub fn detect(text: &str) -> Lang {
    detect_tokens(&tokenize(text))
}

/// [`detect`] on a passage's words as scoring cut them (one pass over the text).
pub fn detect_tokens(words: &Words) -> Lang {
    from_markers(marker_counts(words), words.len())
}

/// The language of `words` words of which `markers` are French, English and other stop
/// words (see [`marker`]).
pub(crate) fn from_markers(markers: [usize; 3], words: usize) -> Lang {
    let [fr, en, other] = markers;
    let enough = (fr + en) * 10 >= words && fr + en >= 2 && other * 2 < fr + en;
    match (enough, fr.cmp(&en)) {
        (false, _) => Lang::Unknown,
        (true, std::cmp::Ordering::Greater) => Lang::Fr,
        (true, std::cmp::Ordering::Less) => Lang::En,
        (true, std::cmp::Ordering::Equal) => Lang::Unknown,
    }
}

/// How many of `words` are French, English and other stop words: each word is told by
/// its unigram hash, one probe of the stop words' index.
pub(crate) fn marker_counts(words: &Words) -> [usize; 3] {
    let mut counts = [0; 3];
    for i in 0..words.len() {
        if let Some(list) = marker(words.hash(i)) {
            counts[list] += 1;
        }
    }
    counts
}

/// Whether the word whose unigram hash is `h` is a stop word, and of which list: 0 French,
/// 1 English, 2 other.
pub(crate) fn marker(h: u64) -> Option<usize> {
    markers().get(h).map(|list| list as usize)
}

/// The stop words by the hash of their unigram key (as [`Words`] hashes words), each
/// with its list: 0 French, 1 English, 2 other. The lists share no word (a test checks).
fn markers() -> &'static FeatureIndex {
    static MARKERS: OnceLock<FeatureIndex> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let lists = [FRENCH, ENGLISH, OTHER];
        let keys = (0u32..).zip(lists).flat_map(|(l, words)| words.iter().map(move |w| (feed(UNIGRAM, w.as_bytes()), l)));
        FeatureIndex::from_hashes(keys.collect::<Vec<_>>().into_iter()).expect("about a hundred distinct stop words")
    })
}

/// A passage too short to tell (no clear majority of stop words, but none of another
/// language either) takes the document's language when that is French or English: a list
/// of terms or a short definition in an English law is English.
pub fn with_fallback(text: &str, found: Lang, doc: DocLang) -> Lang {
    if found != Lang::Unknown {
        return found;
    }
    if marker_counts(&tokenize(text))[2] > 0 {
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

    /// Every stop word is found in its own list and no other; other words in none.
    #[test]
    fn every_stop_word_is_found_in_its_list() {
        let lists = [FRENCH, ENGLISH, OTHER];
        for (l, words) in lists.iter().enumerate() {
            for w in *words {
                let mut want = [0; 3];
                want[l] = 1;
                assert_eq!(marker_counts(&tokenize(w)), want, "{w}");
            }
        }
        assert_eq!(marker_counts(&tokenize("computer données 12345678 Ω")), [0, 0, 0]);
        let all: Vec<&str> = lists.concat();
        assert_eq!(marker_counts(&tokenize(&all.join(" "))), [FRENCH.len(), ENGLISH.len(), OTHER.len()]);
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
