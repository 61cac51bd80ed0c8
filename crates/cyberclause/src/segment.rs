//! Cutting pasted text into passages, as the labelling guide defines them: an article, a
//! numbered point, a paragraph, or one to three sentences of prose.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::lexicon::Lexicon;
use crate::lines::{blocks, split_lines, Block};
use crate::repair::{join_lines, repair, text_of, Ch};
use crate::sentences;

/// How finely to cut.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// Articles, points and paragraphs; long prose paragraphs in groups of ≤ 3 sentences.
    #[default]
    Auto,
    /// Articles, points and paragraphs, never split.
    Paragraph,
    /// One passage per sentence.
    Sentence,
}

/// Segmentation settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentOptions {
    /// Default [`Granularity::Auto`].
    pub granularity: Granularity,
    /// Shorter passages (headings, stray fragments) are dropped. Default 6, the guide's rule.
    pub min_words: usize,
    /// A numbered point or article up to this many words stays whole. Default 120.
    pub max_words_whole: usize,
    /// No passage is longer: longer sentences (run-on quotes, one huge line) are cut at
    /// a clause break. Default 150.
    pub max_words: usize,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        Self { granularity: Granularity::Auto, min_words: 6, max_words_whole: 120, max_words: 150 }
    }
}

/// A passage: repaired text and where it lies in the original, in bytes and UTF-16 units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
    pub text: String,
}

/// Cuts `src` into passages. `lexicon` should hold the words of `src` (see
/// [`Lexicon::add_text`]) and, when a model is at hand, its vocabulary.
pub fn segment(src: &str, lexicon: &Lexicon, opts: &SegmentOptions) -> Vec<Segment> {
    let lines = split_lines(src);
    let mut ranges: Vec<Vec<Ch>> = Vec::new();
    for block in blocks(src, &lines) {
        let chars = repair(join_lines(src, &block.lines, lexicon), lexicon);
        for (a, b) in cap_length(&chars, cut_block(&block, &chars, opts), opts.max_words) {
            let part = trim(&chars[a..b]);
            if word_count(part) >= opts.min_words {
                ranges.push(part.to_vec());
            }
        }
    }
    locate(src, ranges)
}

fn trim(chars: &[Ch]) -> &[Ch] {
    let a = chars.iter().position(|c| c.c != ' ').unwrap_or(chars.len());
    let b = chars.iter().rposition(|c| c.c != ' ').map_or(a, |p| p + 1);
    &chars[a..b]
}

fn word_count(chars: &[Ch]) -> usize {
    text_of(chars).split(' ').filter(|w| w.chars().any(char::is_alphanumeric)).count()
}

/// Splits one block into passage ranges of `chars`.
fn cut_block(block: &Block, chars: &[Ch], opts: &SegmentOptions) -> Vec<(usize, usize)> {
    let whole = vec![(0, chars.len())];
    match opts.granularity {
        Granularity::Paragraph => whole,
        Granularity::Sentence => sentences::split(chars),
        Granularity::Auto => {
            let sents = sentences::split(chars);
            if sents.len() <= 3 || (block.marked && word_count(chars) <= opts.max_words_whole) {
                whole
            } else {
                group_evenly(&sents, 3)
            }
        }
    }
}

/// Re-cuts any passage over `max` words: first into its sentences, then a sentence still
/// too long into pieces of at most `max` words, each ending at a clause break (";", ":",
/// ",") where there is one in the second half of the piece.
fn cap_length(chars: &[Ch], parts: Vec<(usize, usize)>, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(parts.len());
    for (a, b) in parts {
        if word_count(&chars[a..b]) <= max {
            out.push((a, b));
            continue;
        }
        for (sa, sb) in sentences::split(&chars[a..b]) {
            split_words(chars, a + sa, a + sb, max, &mut out);
        }
    }
    out
}

fn split_words(chars: &[Ch], mut a: usize, b: usize, max: usize, out: &mut Vec<(usize, usize)>) {
    loop {
        let spaces: Vec<usize> = (a..b).filter(|&k| chars[k].c == ' ').take(max).collect();
        if spaces.len() < max {
            out.push((a, b));
            return;
        }
        let clause = spaces[max / 2..]
            .iter()
            .rev()
            .find(|&&k| k > a && matches!(chars[k - 1].c, ';' | ':' | ','))
            .copied();
        let cut = clause.unwrap_or(spaces[max - 1]);
        out.push((a, cut));
        a = cut + 1;
    }
}

/// Groups `n` sentences into `ceil(n / max)` runs of nearly equal size.
fn group_evenly(sents: &[(usize, usize)], max: usize) -> Vec<(usize, usize)> {
    let n = sents.len();
    let groups = n.div_ceil(max);
    let mut out = Vec::with_capacity(groups);
    let mut first = 0;
    for g in 0..groups {
        let size = n / groups + usize::from(g < n % groups);
        let last = first + size - 1;
        out.push((sents[first].0, sents[last].1));
        first += size;
    }
    out
}

/// Turns repaired character runs into segments with byte and UTF-16 offsets.
fn locate(src: &str, runs: Vec<Vec<Ch>>) -> Vec<Segment> {
    let mut bounds: Vec<usize> = Vec::with_capacity(runs.len() * 2);
    for run in &runs {
        let first = run.iter().find(|c| c.len > 0).map_or(0, |c| c.off);
        let last = run.iter().rev().find(|c| c.len > 0).map_or(first, |c| c.off + c.len);
        bounds.push(first);
        bounds.push(last);
    }
    let utf16 = utf16_offsets(src, &bounds);
    runs.into_iter()
        .enumerate()
        .map(|(i, run)| Segment {
            start: bounds[2 * i],
            end: bounds[2 * i + 1],
            start_utf16: utf16[2 * i],
            end_utf16: utf16[2 * i + 1],
            text: text_of(&run).nfc().collect(),
        })
        .collect()
}

/// UTF-16 offsets of byte offsets given in non-decreasing order (one pass over `src`).
pub fn utf16_offsets(src: &str, bytes: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut chars = src.char_indices().peekable();
    let mut units = 0;
    for &b in bytes {
        while let Some(&(i, c)) = chars.peek() {
            if i >= b {
                break;
            }
            units += c.len_utf16();
            chars.next();
        }
        out.push(units);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(src: &str) -> Vec<Segment> {
        let mut lx = Lexicon::new();
        lx.add_text(src);
        segment(src, &lx, &SegmentOptions::default())
    }

    #[test]
    fn articles_and_points_are_passages() {
        let src = "Article 1\nLe fait d'accéder frauduleusement à un système est puni.\n\nArticle 2\nLe fait d'entraver le fonctionnement d'un système est puni.\n";
        let segs = cut(src);
        assert_eq!(segs.len(), 2);
        assert!(segs[0].text.starts_with("Article 1 Le fait"));
    }

    #[test]
    fn short_headings_are_dropped() {
        let segs = cut("Objectifs\n\nLa convention devrait avoir pour principal objectif la coopération.\n");
        assert_eq!(segs.len(), 1);
        assert!(segs[0].text.starts_with("La convention"));
    }

    #[test]
    fn long_paragraphs_are_cut_in_groups_of_at_most_three_sentences() {
        let para = (1..=7).map(|i| format!("Voici la phrase numéro {i} du paragraphe.")).collect::<Vec<_>>().join(" ");
        let segs = cut(&para);
        assert_eq!(segs.len(), 3);
        assert!(segs[0].text.ends_with("numéro 3 du paragraphe."));
    }

    #[test]
    fn offsets_match_the_original_in_bytes_and_utf16() {
        let src = "😀 Émoji first line of text here.\n\nSecond paragraph with the é accent here.";
        let segs = cut(src);
        assert_eq!(segs.len(), 2);
        let utf16: Vec<u16> = src.encode_utf16().collect();
        for s in &segs {
            let by_bytes = &src[s.start..s.end];
            let by_units = String::from_utf16(&utf16[s.start_utf16..s.end_utf16]).unwrap();
            assert_eq!(by_bytes, by_units);
        }
        assert_eq!(segs[1].start_utf16, src[..segs[1].start].encode_utf16().count());
    }

    #[test]
    fn one_huge_line_is_cut_into_bounded_passages() {
        let src = "mot, ".repeat(5000);
        let segs = cut(&src);
        assert!(segs.len() >= 5000 / 150);
        assert!(segs.iter().all(|s| s.text.split(' ').count() <= 150));
        assert!(segs.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn granularities() {
        let src = "One sentence here is long enough. Two sentences here are long enough.";
        let mut lx = Lexicon::new();
        lx.add_text(src);
        let by = |g| segment(src, &lx, &SegmentOptions { granularity: g, ..Default::default() }).len();
        assert_eq!(by(Granularity::Sentence), 2);
        assert_eq!(by(Granularity::Paragraph), 1);
    }

    /// Regression (bad-input catalogue): a bidirectional pop after the full stop hid the end
    /// of the sentence, so the blank line was taken for a PDF artefact and two paragraphs of
    /// right-to-left text became one passage.
    #[test]
    fn bidi_controls_do_not_hide_paragraph_ends() {
        let src = "\u{202E}يعاقب بالحبس كل من دخل عمدا وبغير حق إلى نظام معلوماتي.\u{202C}\n\n\u{200F}כל המחדיר לרשומה מחשבית נתונים כוזבים דינו מאסר.";
        let segs = cut(src);
        assert_eq!(segs.len(), 2, "{segs:?}");
        assert!(segs.iter().all(|s| !s.text.contains(['\u{202E}', '\u{202C}', '\u{200F}'])));
        assert!(src[segs[0].start..segs[0].end].starts_with("يعاقب"));
    }

    #[test]
    fn empty_and_junk_inputs_give_no_passages() {
        assert!(cut("").is_empty());
        assert!(cut(" \n\t \r\n").is_empty());
        assert!(cut("\0\0\0\u{200B}\u{FEFF}").is_empty());
    }
}
