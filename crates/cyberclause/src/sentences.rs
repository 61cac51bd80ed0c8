//! Sentence boundaries in French and English legal prose.

use crate::bytescan;
use crate::text::char_at;

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

/// The word (letters and inner dots) just before byte `dot`.
fn word_before(text: &str, dot: usize) -> &str {
    let before = &text[..dot];
    let word = before.trim_end_matches(|c: char| c.is_alphabetic() || c == '.' || c == '-');
    &before[word.len()..]
}

/// Whether `word` lower-cased is an abbreviation or a single letter. Lower-cased a
/// character at a time as it is compared, not into a new string (`str::to_lowercase`
/// would be inlined here whole, 4 KB of wasm); no entry is Greek, where the two differ.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches('.');
    let lower = || w.chars().flat_map(char::to_lowercase);
    if w.is_empty() {
        return false;
    }
    // A single letter is an initial ("J. Smith") or a list tag.
    lower().nth(1).is_none() || ABBREVIATIONS.iter().any(|a| a.chars().eq(lower()))
}

/// Where the next terminal ('.', '!', '?', '…') at or after byte `from` starts: a search
/// of bytes, as the three are ASCII and '…' is the only character led by 0xE2 0x80 0xA6.
fn next_terminal(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i = bytescan::find(bytes, i, |b| (b == b'.') | (b == b'!') | (b == b'?') | (b == 0xE2))?;
        if bytes[i] != 0xE2 || bytes[i + 1..].starts_with(&[0x80, 0xA6]) {
            return Some(i);
        }
        i += 1;
    }
}

/// Byte ranges `[start, end)` of sentences in `text`, in order, covering every non-space.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while let Some(t) = next_terminal(bytes, i) {
        i = t;
        let mut end = i + char_at(text, i).map_or(1, char::len_utf8);
        loop {
            match char_at(text, end) {
                Some(c) if is_terminal(c) || is_closer(c) => end += c.len_utf8(),
                // French spacing: « non. »
                Some(' ') if char_at(text, end + 1) == Some('»') => end += 1 + '»'.len_utf8(),
                _ => break,
            }
        }
        let spaced = bytes.get(end) == Some(&b' ');
        let boundary = spaced
            && char_at(text, end + 1).is_some_and(opens_sentence)
            && !(bytes[i] == b'.' && is_abbreviation(word_before(text, i)));
        if boundary {
            out.push((start, end));
            start = end + 1;
        }
        i = end;
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(s: &str) -> Vec<String> {
        split(s).into_iter().map(|(a, b)| s[a..b].to_string()).collect()
    }

    #[test]
    fn splits_on_full_stops_before_capitals() {
        assert_eq!(sentences("Un. Deux ! Trois? quatre."), vec!["Un.", "Deux !", "Trois? quatre."]);
    }

    #[test]
    fn keeps_abbreviations() {
        assert_eq!(sentences("Voir art. 5 et p. ex. M. Dupont. Fin."), vec!["Voir art. 5 et p. ex. M. Dupont.", "Fin."]);
        assert_eq!(sentences("See e.g. Art. 3 of the U.S. Code. Done."), vec!["See e.g. Art. 3 of the U.S. Code.", "Done."]);
        // Lower-cased before the look-up, accents and all.
        assert_eq!(sentences("Voir RÉS. 12 et Éd. Dalloz. Puis C.-À-D. Rien. Fin."), vec!["Voir RÉS. 12 et Éd. Dalloz.", "Puis C.-À-D. Rien.", "Fin."]);
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
