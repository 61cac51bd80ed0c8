//! Cutting pasted text into passages, as the labelling guide defines them: an article, a
//! numbered point, a paragraph, or one to three sentences of prose.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::bytescan;
use crate::lexicon::Lexicon;
use crate::lines::{blocks, point_style, same_style, split_lines, Block, Line};
use crate::mapped::Mapped;
use crate::repair::{join_lines, repair};
use crate::sentences;
use crate::span::{utf16_offsets, Span};
use crate::structure;
use crate::text::is_letter_or_digit;

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
    /// Shorter text (a lone paragraph number, a short list point) joins the passage after
    /// it, or before it at the end of a section; a document with no longer passage gives
    /// none. Default 6, the guide's rule.
    pub min_words: usize,
    /// A numbered point or article up to this many words stays whole. Default 120.
    pub max_words_whole: usize,
    /// No passage is longer: longer sentences (run-on quotes, one huge line) are cut at
    /// a clause break. Default 150.
    pub max_words: usize,
    /// A list's lead-in and its points form one passage when together they fit
    /// `max_words_whole`. Default true (on the four whole laws of the eval set, passage
    /// agreement 0.500 against 0.489 with points cut apart).
    pub lists_whole: bool,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        Self { granularity: Granularity::Auto, min_words: 6, max_words_whole: 120, max_words: 150, lists_whole: true }
    }
}

/// What a segment is: a passage to classify, or a heading ("Chapter II", "Article 16 —
/// Expedited preservation"), which takes its label from the passages it heads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Passage,
    Heading,
}

/// A segment: repaired text, where it lies in the original (bytes and UTF-16 units), what
/// it is, and the headings above it, outermost first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    #[serde(flatten)]
    pub span: Span,
    pub text: String,
    pub kind: Kind,
    /// Headings above this segment, outermost first (a heading's own path excludes it).
    pub path: Vec<String>,
}

/// A piece of output before offsets are located.
struct Piece {
    text: Mapped,
    kind: Kind,
    rank: u8,
    path: Vec<String>,
}

/// Cuts `src` into passages and headings. `lexicon` should hold the words of `src` (see
/// [`Lexicon::add_text`]) and, when a model is at hand, its vocabulary.
pub fn segment(src: &str, lexicon: &Lexicon, opts: &SegmentOptions) -> Vec<Segment> {
    let lines = split_lines(src);
    let mut out = Outline::default();
    for block in lists_with_lead_ins(src, blocks(src, &lines), opts) {
        let (heads, body) = split_headings(src, &block);
        for (rank, head) in heads {
            out.heading(repair(join_lines(src, head, lexicon), lexicon), rank);
        }
        if body.is_empty() {
            continue;
        }
        let body = Block { lines: body.to_vec(), marked: block.marked || heads_marked(src, body) };
        let repaired = repair(join_lines(src, &body.lines, lexicon), lexicon);
        let text = repaired.text();
        for (a, b) in cap_length(text, cut_block(&body, text, opts), opts.max_words) {
            let (a, b) = trim(text, a, b);
            out.text(repaired.slice(a, b), opts.min_words);
        }
    }
    locate(src, out.finish())
}

fn heads_marked(src: &str, body: &[Line]) -> bool {
    body.first().is_some_and(|l| crate::lines::starts_with_marker(l.text(src)))
}

/// Leading heading lines of a block, grouped: a keyword line ("Chapter II") with the title
/// lines under it ("Prevention of cybercrimes"); then the rest of the block, which is text.
fn split_headings<'a>(src: &str, block: &'a Block) -> (Vec<(u8, &'a [Line])>, &'a [Line]) {
    let lines = &block.lines;
    let mut heads: Vec<(u8, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text(src);
        match structure::heading_rank(text) {
            // A lone untyped short line that is the whole block is a title too ("Objectifs").
            Some(rank) if rank != structure::TITLE_RANK || heads.is_empty() || i > 0 => {
                if rank == structure::TITLE_RANK && heads.last().is_some_and(|h| h.2 - h.1 < 3) {
                    heads.last_mut().unwrap().2 = i + 1;
                } else {
                    heads.push((rank, i, i + 1));
                }
            }
            None if lines.len() == 1 && structure::is_title_line(text) && short(text) => heads.push((structure::TITLE_RANK, i, i + 1)),
            // A title line under a keyword ("Chapter II" / "Prevention of cybercrimes") ends
            // its block or comes before another heading; otherwise it opens the text.
            None if heads.last().is_some_and(|h| h.2 == i && h.2 - h.1 < 3 && h.0 != structure::TITLE_RANK)
                && structure::is_title_line(text)
                && lines.get(i + 1).is_none_or(|next| structure::heading_rank(next.text(src)).is_some()) =>
            {
                heads.last_mut().unwrap().2 = i + 1;
            }
            _ => break,
        }
        i += 1;
    }
    (heads.into_iter().map(|(r, a, b)| (r, &lines[a..b])).collect(), &lines[i..])
}

/// A title line standing alone, not a sentence fragment: under ten words.
fn short(text: &str) -> bool {
    text.split_whitespace().nth(9).is_none()
}

/// A list's lead-in ("… the following conduct:") and its points stay one block when the
/// whole fits a passage kept whole, so the points are judged with their subject.
fn lists_with_lead_ins(src: &str, mut blocks: Vec<Block>, opts: &SegmentOptions) -> Vec<Block> {
    if !opts.lists_whole {
        return blocks;
    }
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let ends_colon = block.lines.last().is_some_and(|l| l.text(src).trim_end().ends_with(':'));
        let mut j = i + 1;
        let style = blocks.get(j).map_or(0, |b| point_style(b.lines[0].text(src)));
        let in_list = |b: &Block| is_point(src, b) && same_style(style, point_style(b.lines[0].text(src)));
        if ends_colon && structure::heading_rank(block.lines[0].text(src)).is_none() {
            // Words are counted only for a lead-in: most blocks are not one.
            let mut words = block_words(src, block);
            while j < blocks.len() && in_list(&blocks[j]) && words + block_words(src, &blocks[j]) <= opts.max_words_whole {
                words += block_words(src, &blocks[j]);
                j += 1;
            }
        }
        if j > i + 1 && (j == blocks.len() || !in_list(&blocks[j])) {
            let lines = blocks[i..j].iter().flat_map(|b| b.lines.iter().copied()).collect();
            out.push(Block { lines, marked: true });
            i = j;
        } else {
            // Blocks are read forwards only: this one can be moved out, not copied.
            let marked = blocks[i].marked;
            out.push(Block { lines: std::mem::take(&mut blocks[i].lines), marked });
            i += 1;
        }
    }
    out
}

/// A list point: a marked block that is not an article or other keyword heading.
fn is_point(src: &str, block: &Block) -> bool {
    block.marked && structure::keyword(block.lines[0].text(src)).is_none()
}

fn block_words(src: &str, block: &Block) -> usize {
    block.lines.iter().map(|l| l.text(src).split_whitespace().count()).sum()
}

/// Builds the output in document order, keeping the path of open headings, and giving
/// fragments too short to stand alone (a lone "3.", "a) in its territory; or") to the
/// passage after them, or before them at the end of a section.
#[derive(Default)]
struct Outline {
    pieces: Vec<Piece>,
    /// Open headings: rank and text.
    open: Vec<(u8, String)>,
    /// Reference of the article-level passage being read ("Article 5"), if no heading gave one.
    reference: Option<(u8, String)>,
    pending: Mapped,
    /// Whether some passage reached the minimum length.
    full: bool,
}

impl Outline {
    fn path(&self) -> Vec<String> {
        self.open.iter().map(|(_, t)| t.clone()).chain(self.reference.iter().map(|(_, t)| t.clone())).collect()
    }

    fn heading(&mut self, repaired: Mapped, rank: u8) {
        let (a, b) = trim(repaired.text(), 0, repaired.text().len());
        let text = repaired.slice(a, b);
        // A heading line with no word ("###### :", a rule of symbols) heads nothing.
        if word_count(text.text(), 1) == 0 {
            return;
        }
        self.flush_pending();
        self.reference = None;
        let rank = if rank == structure::TITLE_RANK { self.untyped_rank() } else { rank };
        while self.open.last().is_some_and(|(r, _)| *r >= rank) {
            self.open.pop();
        }
        let path = self.path();
        // In the path, a Markdown heading's hashes are markup, not words.
        let title = nfc(text.text().to_string());
        self.open.push((rank, title.trim_start_matches('#').trim_start().to_string()));
        self.pieces.push(Piece { text, kind: Kind::Heading, rank, path });
    }

    /// Where a title with no keyword ("LAW ON DIGITAL OFFENCES", "DISPOSITIONS FINALES")
    /// sits: above everything before any keyword heading (a document's title), else just
    /// under the innermost open heading above the article level.
    fn untyped_rank(&self) -> u8 {
        if self.pieces.iter().all(|p| p.kind == Kind::Heading && p.rank == 0) {
            return 0;
        }
        let above = self.open.iter().rev().map(|(r, _)| *r).find(|&r| r < structure::ARTICLE_RANK);
        above.map_or(structure::ARTICLE_RANK - 1, |r| (r + 1).min(structure::ARTICLE_RANK - 1))
    }

    fn text(&mut self, text: Mapped, min_words: usize) {
        if word_count(text.text(), 1) == 0 {
            return;
        }
        // A reference is a keyword, perhaps a code's letter, and a number: the first words.
        let words = text.text().split(' ').take(4);
        let opening = words.map(|w| w.len() + 1).sum::<usize>().min(text.text().len());
        if let Some((rank, reference)) = structure::passage_reference(&text.text()[..opening]) {
            while self.open.last().is_some_and(|(r, _)| *r >= rank) {
                self.open.pop();
            }
            self.reference = Some((rank, reference.to_string()));
        }
        let mut text = text;
        if !self.pending.is_empty() {
            let mut joined = std::mem::take(&mut self.pending);
            joined.push_char(' ', joined.last_end(), 0);
            joined.append(&text);
            text = joined;
        }
        if word_count(text.text(), min_words) < min_words {
            self.pending = text;
            return;
        }
        let path = self.path();
        self.full = true;
        self.pieces.push(Piece { text, kind: Kind::Passage, rank: 0, path });
    }

    /// A fragment left at the end of a section joins the passage before it.
    fn flush_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        match self.pieces.last_mut() {
            Some(p) if p.kind == Kind::Passage => {
                p.text.push_char(' ', p.text.last_end(), 0);
                p.text.append(&pending);
            }
            _ => {
                let path = self.path();
                self.pieces.push(Piece { text: pending, kind: Kind::Passage, rank: 0, path });
            }
        }
    }

    /// The pieces, or none when no passage reaches the minimum length: a text under six
    /// words, or headings alone, is too short to classify.
    fn finish(mut self) -> Vec<Piece> {
        self.flush_pending();
        if !self.full {
            return Vec::new();
        }
        self.pieces
    }
}

/// The bytes `a..b` of `text` without spaces at either end.
fn trim(text: &str, a: usize, b: usize) -> (usize, usize) {
    let t = &text[a..b];
    let start = a + (t.len() - t.trim_start_matches(' ').len());
    (start, start + t.trim_matches(' ').len())
}

/// The NFC form of `s`, without a pass when it is plainly NFC already (ASCII, most Latin).
fn nfc(s: String) -> String {
    if plainly_nfc(&s) || unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is NFC on a test of its bytes: every character is below U+0300, where
/// combining marks start, or general punctuation from U+2002 to U+207F (quotes, dashes,
/// the ellipsis: NFC and not combining, a test checks each). The quick check looks every
/// character up in a table, and every passage of a document is asked.
fn plainly_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Lead bytes from 0xCC on start U+0300 and above; continuation bytes are below 0xC0.
    while let Some(at) = bytescan::find(bytes, i, |b| b >= 0xCC) {
        let punctuation = bytes[at] == 0xE2 && matches!(bytes.get(at + 1..at + 3), Some(&[0x80, 0x82..=0xBF] | &[0x81, _]));
        if !punctuation {
            return false;
        }
        i = at + 3;
    }
    true
}

/// Space-separated words with a letter or digit in them, counted up to `limit`: the
/// callers only compare the count with a bound, and most passages reach it early (this
/// ran over every passage several times).
fn word_count(text: &str, limit: usize) -> usize {
    let (mut n, mut word) = (0, false);
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b' ' {
            n += usize::from(word);
            word = false;
            if n >= limit {
                return limit;
            }
        } else if !word {
            // Only a character's first byte is asked (continuation bytes are 0x80 to 0xBF).
            word = if b.is_ascii() { b.is_ascii_alphanumeric() } else { b >= 0xC0 && text[i..].chars().next().is_some_and(is_letter_or_digit) };
        }
    }
    (n + usize::from(word)).min(limit)
}

/// Whether `chars` hold at most `max` words. There is at most one word more than there
/// are spaces: counting spaces first (a loop with no branch) spares the word count on
/// most passages.
fn at_most_words(text: &str, max: usize) -> bool {
    text.bytes().filter(|&b| b == b' ').count() < max || word_count(text, max + 1) <= max
}

/// Splits one block into passage ranges of `text` (bytes).
fn cut_block(block: &Block, text: &str, opts: &SegmentOptions) -> Vec<(usize, usize)> {
    let whole = vec![(0, text.len())];
    match opts.granularity {
        Granularity::Paragraph => whole,
        Granularity::Sentence => sentences::split(text),
        Granularity::Auto => {
            let sents = sentences::split(text);
            if sents.len() <= 3 || (block.marked && at_most_words(text, opts.max_words_whole)) {
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
fn cap_length(text: &str, parts: Vec<(usize, usize)>, max: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(parts.len());
    for (a, b) in parts {
        if at_most_words(&text[a..b], max) {
            out.push((a, b));
            continue;
        }
        for (sa, sb) in sentences::split(&text[a..b]) {
            split_words(text.as_bytes(), a + sa, a + sb, max, &mut out);
        }
    }
    out
}

/// `bytes[a..b]` cut at spaces into runs of at most `max` words.
fn split_words(bytes: &[u8], mut a: usize, b: usize, max: usize, out: &mut Vec<(usize, usize)>) {
    loop {
        let spaces: Vec<usize> = (a..b).filter(|&k| bytes[k] == b' ').take(max).collect();
        if spaces.len() < max {
            out.push((a, b));
            return;
        }
        let clause = spaces[max / 2..]
            .iter()
            .rev()
            .find(|&&k| k > a && matches!(bytes[k - 1], b';' | b':' | b','))
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

/// Turns pieces into segments with byte and UTF-16 offsets.
fn locate(src: &str, pieces: Vec<Piece>) -> Vec<Segment> {
    let mut bounds: Vec<usize> = Vec::with_capacity(pieces.len() * 2);
    for p in &pieces {
        let (first, last) = p.text.source_range();
        bounds.push(first);
        bounds.push(last);
    }
    let utf16 = utf16_offsets(src, &bounds);
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, p)| Segment {
            span: Span { start: bounds[2 * i], end: bounds[2 * i + 1], start_utf16: utf16[2 * i], end_utf16: utf16[2 * i + 1] },
            text: nfc(p.text.into_text()),
            kind: p.kind,
            path: p.path,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words are counted up to the limit asked, as the full count capped there.
    #[test]
    fn words_are_counted_up_to_a_limit() {
        for t in ["", " ", "###### :", "a", "a b", "l’accès - au 12 ; système", " un  deux trois quatre cinq six sept "] {
            let all = t.split(' ').filter(|w| w.chars().any(char::is_alphanumeric)).count();
            for limit in 1..10 {
                assert_eq!(word_count(t, limit), all.min(limit), "{t:?} {limit}");
                assert_eq!(at_most_words(t, limit), all <= limit, "{t:?} {limit}");
            }
        }
    }

    /// What the byte test takes for NFC is: each such character is NFC on its own and not
    /// combining (so that its neighbours cannot reorder or compose with it).
    #[test]
    fn what_is_plainly_nfc_is_nfc() {
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
        let mut plain = 0;
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            if plainly_nfc(&s) {
                plain += 1;
                assert_eq!((is_nfc_quick(s.chars()), canonical_combining_class(c)), (IsNormalized::Yes, 0), "{c:?}");
            }
        }
        // Everything below U+0300 and the 126 characters from U+2002 to U+207F.
        assert_eq!(plain, 0x300 + 126);
        assert!(plainly_nfc("l’accès — « œuvre » …") && !plainly_nfc("e\u{301}") && !plainly_nfc("\u{2000}"));
    }

    fn cut(src: &str) -> Vec<Segment> {
        let mut lx = Lexicon::new();
        lx.add_text(src);
        segment(src, &lx, &SegmentOptions::default())
    }

    #[test]
    fn articles_are_headings_and_their_text_passages_with_a_path() {
        let src = "Chapitre II\nDes atteintes aux systèmes\n\nArticle 1\nLe fait d'accéder frauduleusement à un système est puni.\n\nArticle 2\nLe fait d'entraver le fonctionnement d'un système est puni.\n";
        let segs = cut(src);
        let kinds: Vec<Kind> = segs.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Heading, Kind::Heading, Kind::Passage, Kind::Heading, Kind::Passage]);
        assert_eq!(segs[0].text, "Chapitre II Des atteintes aux systèmes");
        assert!(segs[2].text.starts_with("Le fait d'accéder"));
        assert_eq!(segs[2].path, ["Chapitre II Des atteintes aux systèmes", "Article 1"]);
        assert_eq!(segs[4].path, ["Chapitre II Des atteintes aux systèmes", "Article 2"]);
        assert_eq!(segs[3].path, ["Chapitre II Des atteintes aux systèmes"]);
    }

    #[test]
    fn a_passage_opening_with_its_article_carries_it_in_its_path() {
        let segs = cut("CHAPITRE III\n\nArt. 5. — Le fait de détruire des données informatiques est puni de trois ans.\n\nArt. 6. — Le fait d'altérer des données informatiques est puni de trois ans.");
        assert_eq!(segs[1].path, ["CHAPITRE III", "Art. 5"]);
        assert_eq!(segs[2].path, ["CHAPITRE III", "Art. 6"]);
    }

    #[test]
    fn short_headings_are_headings_not_dropped() {
        let segs = cut("Objectifs\n\nLa convention devrait avoir pour principal objectif la coopération.\n");
        assert_eq!(segs.len(), 2);
        assert_eq!((segs[0].kind, segs[0].text.as_str()), (Kind::Heading, "Objectifs"));
        assert!(segs[1].text.starts_with("La convention"));
        assert_eq!(segs[1].path, ["Objectifs"]);
    }

    #[test]
    fn short_points_and_lone_numbers_join_a_neighbour() {
        let src = "3.\n\nEach Party shall adopt measures to protect the data in question.\n\nThe measures shall apply to all computer data.\n\na) in its territory; or\n";
        let segs = cut(src);
        assert_eq!(segs.len(), 2, "{segs:?}");
        assert!(segs[0].text.starts_with("3. Each Party"));
        assert!(segs[1].text.ends_with("computer data. a) in its territory; or"));
        assert_eq!(&src[segs[1].span.end - 2..segs[1].span.end], "or");
    }

    #[test]
    fn a_lead_in_and_its_points_stay_together() {
        let src = "Each Party shall criminalise the following conduct:\n\na) access without right;\n\nb) interception without right.\n\nThe next paragraph is about something else entirely here.";
        let segs = cut(src);
        assert_eq!(segs.len(), 2, "{segs:?}");
        assert!(segs[0].text.contains("conduct: a) access without right; b) interception"));
    }

    #[test]
    fn a_sub_list_stays_with_its_lead_in_and_the_next_point_is_its_own() {
        let src = "(a) Substantive provisions requiring the Parties to adopt measures to:\n\n(i) criminalise attacks on computer systems and data; and\n\n(ii) cover traditional offences committed through computer systems;\n\n(b) Procedural provisions requiring the Parties to preserve and obtain electronic evidence of offences.";
        let segs = cut(src);
        assert_eq!(segs.len(), 2, "{segs:?}");
        assert!(segs[0].text.ends_with("through computer systems;"));
        assert!(segs[1].text.starts_with("(b) Procedural"));
    }

    #[test]
    fn a_text_under_six_words_gives_nothing() {
        assert!(cut("Interception of content data.").is_empty());
        assert!(cut("Article 5\n\nShort.").is_empty());
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
            let by_bytes = &src[s.span.start..s.span.end];
            let by_units = String::from_utf16(&utf16[s.span.start_utf16..s.span.end_utf16]).unwrap();
            assert_eq!(by_bytes, by_units);
        }
        assert_eq!(segs[1].span.start_utf16, src[..segs[1].span.start].encode_utf16().count());
    }

    #[test]
    fn one_huge_line_is_cut_into_bounded_passages() {
        let src = "mot, ".repeat(5000);
        let segs = cut(&src);
        assert!(segs.len() >= 5000 / 150);
        assert!(segs.iter().all(|s| s.text.split(' ').count() <= 150));
        assert!(segs.windows(2).all(|w| w[0].span.end <= w[1].span.start));
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
        assert!(src[segs[0].span.start..segs[0].span.end].starts_with("يعاقب"));
    }

    #[test]
    fn empty_and_junk_inputs_give_no_passages() {
        assert!(cut("").is_empty());
        assert!(cut(" \n\t \r\n").is_empty());
        assert!(cut("\0\0\0\u{200B}\u{FEFF}").is_empty());
    }
}
