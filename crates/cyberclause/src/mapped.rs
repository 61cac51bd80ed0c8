//! Repaired text that remembers where each character came from in the original, so that
//! passages can be highlighted where the user pasted them.
//!
//! The text is a `String`: the repairs, the sentence split and the word counts are passes
//! over its bytes. The origins are kept sparse, as runs: nearly all of a block is copied
//! from the original as it stands, and a run covers each stretch copied, so a block of
//! clean lines has one run per line. Only characters that were changed (a tab or a
//! no-break space made a plain space) or inserted (the space joining two lines) get a
//! run of their own.

/// Repaired text and the origin of each of its characters.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    text: String,
    /// In order of `at`, covering `text`; the first starts at 0.
    runs: Vec<Origin>,
}

/// Where `text[at..]` came from, up to the next run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Origin {
    /// Byte offset in the repaired text.
    at: usize,
    /// Byte offset in the original.
    off: usize,
    /// `None`: copied as it stands (the text's byte `at + k` is the original's `off + k`).
    /// `Some(n)`: one character standing for `n` bytes of the original (0: inserted).
    stands_for: Option<u8>,
}

impl Mapped {
    pub fn with_capacity(bytes: usize) -> Self {
        Self { text: String::with_capacity(bytes), runs: Vec::new() }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Appends `s`, copied from the original at byte `off`.
    pub fn push_copy(&mut self, s: &str, off: usize) {
        if s.is_empty() {
            return;
        }
        // A copy that goes on where the last one stopped extends it.
        let extends = self.runs.last().is_some_and(|r| r.stands_for.is_none() && r.off + (self.text.len() - r.at) == off);
        if !extends {
            self.runs.push(Origin { at: self.text.len(), off, stands_for: None });
        }
        self.text.push_str(s);
    }

    /// Appends `c`, standing for the `len` bytes of the original at `off` (0: inserted).
    pub fn push_char(&mut self, c: char, off: usize, len: u8) {
        self.runs.push(Origin { at: self.text.len(), off, stands_for: Some(len) });
        self.text.push(c);
    }

    /// Removes the last character.
    pub fn pop(&mut self) {
        if self.text.pop().is_some() && self.runs.last().is_some_and(|r| r.at >= self.text.len()) {
            self.runs.pop();
        }
    }

    /// The original's byte range of the character at byte `i` of the text.
    fn origin(&self, i: usize) -> (usize, usize) {
        let r = self.runs[self.runs.partition_point(|r| r.at <= i) - 1];
        match r.stands_for {
            None => {
                let off = r.off + (i - r.at);
                (off, off + self.text[i..].chars().next().map_or(0, char::len_utf8))
            }
            Some(n) => (r.off, r.off + usize::from(n)),
        }
    }

    /// Where the last character ends in the original (0 when there is none).
    pub fn last_end(&self) -> usize {
        self.text.char_indices().next_back().map_or(0, |(i, _)| self.origin(i).1)
    }

    /// The original's byte range from the first character of the text that came from it
    /// to the end of the last; an empty range at 0 when none did.
    pub fn source_range(&self) -> (usize, usize) {
        let came = |r: &Origin| r.stands_for != Some(0);
        let Some(first) = self.runs.iter().position(came) else { return (0, 0) };
        let last = self.runs.iter().rposition(came).unwrap_or(first);
        let r = &self.runs[last];
        let end = match r.stands_for {
            None => r.off + (self.run_end(last) - r.at),
            Some(n) => r.off + usize::from(n),
        };
        (self.runs[first].off, end)
    }

    /// Where run `k` ends in the text: where the next starts (runs are never empty).
    fn run_end(&self, k: usize) -> usize {
        self.runs.get(k + 1).map_or(self.text.len(), |n| n.at)
    }

    /// The text's bytes `a..b` (on character boundaries) with their origins.
    pub fn slice(&self, a: usize, b: usize) -> Mapped {
        let mut out = Mapped::with_capacity(b - a);
        out.extend_from(self, a, b);
        out
    }

    /// Appends the text's bytes `a..b` of `other` (on character boundaries), with their
    /// origins.
    pub fn extend_from(&mut self, other: &Mapped, a: usize, b: usize) {
        if a >= b {
            return;
        }
        let first = other.runs.partition_point(|r| r.at <= a) - 1;
        for (k, r) in other.runs[first..].iter().enumerate() {
            if r.at >= b {
                break;
            }
            let end = other.run_end(first + k).min(b);
            let start = r.at.max(a);
            match r.stands_for {
                None => self.push_copy(&other.text[start..end], r.off + (start - r.at)),
                Some(_) => {
                    self.runs.push(Origin { at: self.text.len(), ..*r });
                    self.text.push_str(&other.text[start..end]);
                }
            }
        }
    }

    /// Appends all of `other`, with its origins.
    pub fn append(&mut self, other: &Mapped) {
        self.extend_from(other, 0, other.text.len());
    }

    /// The text without the characters starting at the bytes `dropped` (increasing).
    pub fn without(self, dropped: &[usize]) -> Mapped {
        if dropped.is_empty() {
            return self;
        }
        let mut out = Mapped::with_capacity(self.text.len());
        let mut from = 0;
        for &at in dropped {
            out.extend_from(&self, from, at);
            from = at + self.text[at..].chars().next().map_or(0, char::len_utf8);
        }
        out.extend_from(&self, from, self.text.len());
        out
    }

    /// Every character with the original's byte range it came from (for tests).
    #[cfg(test)]
    pub fn chars(&self) -> Vec<(char, usize, usize)> {
        self.text.char_indices().map(|(i, c)| (c, self.origin(i).0, self.origin(i).1)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text built of copies, changed and inserted characters, as `join_lines` builds it.
    fn sample() -> Mapped {
        let src = "ab\tcé\u{a0}d\nef";
        let mut m = Mapped::default();
        m.push_copy("ab", 0);
        m.push_char(' ', 2, 1);
        m.push_copy("c", 3);
        m.push_copy("é", 4);
        m.push_char(' ', 6, 2);
        m.push_copy("d", 8);
        m.push_char(' ', 9, 0);
        m.push_copy("ef", 10);
        assert_eq!(&src[10..], "ef");
        m
    }

    #[test]
    fn each_character_knows_its_origin() {
        let m = sample();
        assert_eq!(m.text(), "ab cé d ef");
        let want = [('a', 0, 1), ('b', 1, 2), (' ', 2, 3), ('c', 3, 4), ('é', 4, 6), (' ', 6, 8), ('d', 8, 9), (' ', 9, 9), ('e', 10, 11), ('f', 11, 12)];
        assert_eq!(m.chars(), want);
        assert_eq!((m.source_range(), m.last_end()), ((0, 12), 12));
        // Copies that go on where the last stopped share a run.
        assert_eq!(m.runs.len(), 7);
    }

    #[test]
    fn slices_and_removals_keep_origins() {
        let m = sample();
        let all = m.chars();
        for a in 0..=m.text().len() {
            for b in a..=m.text().len() {
                if !m.text().is_char_boundary(a) || !m.text().is_char_boundary(b) {
                    continue;
                }
                let s = m.slice(a, b);
                let want: Vec<_> = m.text().char_indices().zip(&all).filter(|((i, _), _)| (a..b).contains(i)).map(|(_, o)| *o).collect();
                assert_eq!(s.chars(), want, "{a}..{b}");
            }
        }
        let dropped = [2, 4, 9];
        let kept: Vec<_> = m.text().char_indices().zip(&all).filter(|((i, _), _)| !dropped.contains(i)).map(|(_, o)| *o).collect();
        let w = m.clone().without(&dropped);
        assert_eq!((w.text(), w.chars()), ("abc d f", kept));
        // Only an inserted character: no range in the original.
        assert_eq!(m.slice(8, 9).source_range(), (0, 0));
        assert_eq!(m.slice(7, 10).source_range(), (8, 11));
        assert_eq!(m.slice(6, 11).source_range(), (6, 12));
    }

    #[test]
    fn pop_removes_the_last_character_and_its_run() {
        let mut m = sample();
        m.pop();
        m.pop();
        assert!(m.text().ends_with(' '));
        assert_eq!(m.last_end(), 9);
        m.pop();
        assert_eq!((m.text(), m.last_end(), m.source_range()), ("ab cé d", 9, (0, 9)));
    }
}
