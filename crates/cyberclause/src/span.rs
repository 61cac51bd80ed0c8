//! Where a piece of output lies in the input: byte offsets (Rust strings, the CLI) and
//! UTF-16 offsets (JavaScript strings), end exclusive, always on character boundaries;
//! and the counting of UTF-16 units over UTF-8 bytes that turns the one into the other.

use serde::Serialize;

/// A range of the input in bytes and in UTF-16 code units. Serialised flat, as
/// `start`, `end`, `start_utf16`, `end_utf16`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub start_utf16: usize,
    pub end_utf16: usize,
}

impl Span {
    /// The whole of `text`.
    pub fn whole(text: &str) -> Self {
        // Counted over the bytes, not by decoding each character: every passage has one.
        Span { start: 0, end: text.len(), start_utf16: 0, end_utf16: utf16_units(text.as_bytes()) }
    }

    /// The same range in a text that `bytes` bytes (`units` UTF-16 units) precede.
    pub fn shifted(self, bytes: usize, units: usize) -> Self {
        Span { start: self.start + bytes, end: self.end + bytes, start_utf16: self.start_utf16 + units, end_utf16: self.end_utf16 + units }
    }
}

/// UTF-16 offsets of byte offsets given in non-decreasing order (one pass over `src`). A
/// character is one unit per lead byte (any byte but a continuation byte), and two when
/// it takes four bytes; an offset inside a character counts the whole character.
pub(crate) fn utf16_offsets(src: &str, bytes: &[usize]) -> Vec<usize> {
    let s = src.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let (mut at, mut units) = (0, 0);
    for &b in bytes {
        let b = b.clamp(at, s.len());
        units += utf16_units(&s[at..b]);
        at = b;
        out.push(units);
    }
    out
}

/// The UTF-16 units of the characters starting in `bytes` (UTF-8).
pub(crate) fn utf16_units(bytes: &[u8]) -> usize {
    bytes.iter().map(|&x| usize::from(x & 0xC0 != 0x80) + usize::from(x >= 0xF0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_shifted() {
        let s = Span::whole("é😀");
        assert_eq!(s, Span { start: 0, end: 6, start_utf16: 0, end_utf16: 3 });
        assert_eq!(s.shifted(2, 1), Span { start: 2, end: 8, start_utf16: 1, end_utf16: 4 });
        for text in ["", "a", "€ et ½ 𝕏 «x»", "Ꙭ\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"] {
            assert_eq!(Span::whole(text).end_utf16, text.encode_utf16().count(), "{text}");
        }
    }

    #[test]
    fn utf16_offsets_count_as_the_characters_do() {
        let src = "a é € 😀 b\u{10FFFF}z";
        let all: Vec<usize> = (0..=src.len() + 2).collect();
        let by_chars: Vec<usize> = all
            .iter()
            .map(|&b| src.char_indices().take_while(|&(i, _)| i < b).map(|(_, c)| c.len_utf16()).sum())
            .collect();
        assert_eq!(utf16_offsets(src, &all), by_chars);
        assert_eq!(utf16_offsets(src, &[3, 9, 9, src.len()]), [3, 6, 6, src.encode_utf16().count()]);
    }
}
