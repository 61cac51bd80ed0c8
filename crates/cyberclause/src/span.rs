//! Where a piece of output lies in the input: byte offsets (Rust strings, the CLI) and
//! UTF-16 offsets (JavaScript strings), end exclusive, always on character boundaries.

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
        Span { start: 0, end: text.len(), start_utf16: 0, end_utf16: crate::segment::utf16_units(text.as_bytes()) }
    }

    /// The same range in a text that `bytes` bytes (`units` UTF-16 units) precede.
    pub fn shifted(self, bytes: usize, units: usize) -> Self {
        Span { start: self.start + bytes, end: self.end + bytes, start_utf16: self.start_utf16 + units, end_utf16: self.end_utf16 + units }
    }
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
}
