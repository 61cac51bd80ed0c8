//! Searching text for a few bytes, sixteen at a time.
//!
//! Line breaks and sentence ends are a handful of bytes in a long text. A search that
//! stops at every byte costs a branch per byte; a test of sixteen bytes at once (every
//! byte compared, the answers or-ed) is one branch per sixteen, and the compiler turns it
//! into a few vector instructions.

/// Bytes tested at a time.
pub const CHUNK: usize = 16;

/// The first byte at or after `from` for which `hit` holds. For the test of a chunk to
/// vectorise, `hit` must be comparisons joined with `|`: `||` and `matches!` become
/// branches or bit tests, which the compiler does not vectorise.
#[inline]
pub fn find(bytes: &[u8], from: usize, hit: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = from.min(bytes.len());
    while let Some(chunk) = bytes.get(i..i + CHUNK) {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(hit(b))) != 0 {
            break;
        }
        i += CHUNK;
    }
    bytes[i..].iter().position(|&b| hit(b)).map(|k| i + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answer as a search byte by byte, from every start, wherever the byte
    /// falls in a chunk.
    #[test]
    fn finds_as_a_search_byte_by_byte() {
        let hit = |b: u8| (b == b'.') | (b == 0xE2);
        for len in [0, 1, 15, 16, 17, 40, 100] {
            for at in (0..len).chain([usize::MAX]) {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = if at % 2 == 0 { b'.' } else { 0xE2 };
                }
                for from in 0..=len + 1 {
                    let want = bytes.iter().enumerate().skip(from).find(|&(_, &b)| hit(b)).map(|(k, _)| k);
                    assert_eq!(find(&bytes, from, hit), want, "len {len} at {at} from {from}");
                }
            }
        }
    }
}
