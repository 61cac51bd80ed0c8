//! Sentence boundaries in French and English legal prose.

use crate::repair::Ch;

/// Words that end with a full stop without ending a sentence (folded, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "art", "arts", "al", "p", "pp", "ex", "cf", "no", "nos", "n", "para", "paras", "par", "vol", "chap", "sect",
    "mr", "mrs", "ms", "dr", "m", "mm", "mme", "mmes", "mlle", "st", "inc", "ltd", "co", "corp", "op", "cit",
    "ibid", "fig", "ed", "eds", "éd", "resp", "env", "approx", "jr", "sr", "prof", "gen", "sec", "subs", "s",
    "ss", "sq", "sqq", "cie", "av", "bd", "eg", "ie", "vs", "v", "etc.", "u.s", "e.g", "i.e", "p.ex", "c.-à-d",
    "ch", "l", "r", "rés", "res", "doc", "suppl", "annex", "ann",
];

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | '\'' | ')' | ']' | '’')
}

fn opens_sentence(c: char) -> bool {
    c.is_uppercase() || matches!(c, '«' | '“' | '"' | '(' | '[' | '¿' | '¡')
}

/// The word (letters and inner dots) just before position `dot`, lower-cased.
fn word_before(chars: &[Ch], dot: usize) -> String {
    let start = chars[..dot]
        .iter()
        .rposition(|c| !(c.c.is_alphabetic() || c.c == '.' || c.c == '-'))
        .map_or(0, |p| p + 1);
    chars[start..dot].iter().map(|c| c.c).collect::<String>().to_lowercase()
}

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches('.');
    if w.is_empty() {
        return false;
    }
    // A single letter is an initial ("J. Smith") or a list tag.
    w.chars().count() == 1 || ABBREVIATIONS.contains(&w)
}

/// Ranges `[start, end)` of sentences in `chars`, in order, covering every non-space.
pub fn split(chars: &[Ch]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_terminal(chars[i].c) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        loop {
            if end < chars.len() && (is_terminal(chars[end].c) || is_closer(chars[end].c)) {
                end += 1;
            } else if end + 1 < chars.len() && chars[end].c == ' ' && chars[end + 1].c == '»' {
                end += 2; // French spacing: « non. »
            } else {
                break;
            }
        }
        let spaced = end < chars.len() && chars[end].c == ' ';
        let next = chars.get(end + 1).map(|c| c.c);
        let boundary = spaced
            && next.is_some_and(opens_sentence)
            && !(chars[i].c == '.' && is_abbreviation(&word_before(chars, i)));
        if boundary {
            out.push((start, end));
            start = end + 1;
        }
        i = end;
    }
    if start < chars.len() {
        out.push((start, chars.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<String> {
        let chars: Vec<Ch> = s.char_indices().map(|(off, c)| Ch { c, off, len: c.len_utf8() as u8 }).collect();
        split(&chars).into_iter().map(|(a, b)| chars[a..b].iter().map(|c| c.c).collect()).collect()
    }

    #[test]
    fn splits_on_full_stops_before_capitals() {
        assert_eq!(sentences("Un. Deux ! Trois? quatre."), vec!["Un.", "Deux !", "Trois? quatre."]);
    }

    #[test]
    fn keeps_abbreviations() {
        assert_eq!(sentences("Voir art. 5 et p. ex. M. Dupont. Fin."), vec!["Voir art. 5 et p. ex. M. Dupont.", "Fin."]);
        assert_eq!(sentences("See e.g. Art. 3 of the U.S. Code. Done."), vec!["See e.g. Art. 3 of the U.S. Code.", "Done."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(sentences("Il a dit « non. » Puis rien."), vec!["Il a dit « non. »", "Puis rien."]);
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(sentences("Version 3.5 est sortie en 2021. Voilà."), vec!["Version 3.5 est sortie en 2021.", "Voilà."]);
    }
}
