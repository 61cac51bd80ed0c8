//! FNV-1a, the one hash of the crate: the model file's checksum, the vocabulary index and
//! the fixed order of cross-validation folds. Keys are short and text is scored locally,
//! so SipHash's resistance to chosen collisions buys nothing here.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub(crate) const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a 64 of `bytes`.
pub const fn fnv1a(bytes: &[u8]) -> u64 {
    feed(OFFSET, bytes)
}

/// Continues an FNV-1a hash with more bytes: `feed(fnv1a(a), b) == fnv1a(a ++ b)`. Scoring
/// hashes a term's key piece by piece ("w:", then the word) without building the key.
#[inline]
pub const fn feed(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(PRIME);
        i += 1;
    }
    h
}

/// Spreads an FNV-1a hash for use as a table position. FNV's low bits depend only on the
/// low bits of the input bytes, so tables that index by them cluster; this folds the high
/// half in and multiplies (Fibonacci hashing), and positions are taken from the top bits.
#[inline]
pub fn spread(h: u64) -> u64 {
    (h ^ (h >> 32)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// FNV-1a as a [`Hasher`] for maps keyed by short strings (the lexicon's words), spread
/// for the table's positions.
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(OFFSET)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        spread(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = feed(self.0, bytes);
    }
}

/// Builds [`Fnv`] hashers.
pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_function_and_feeding_agree_with_the_reference_values() {
        assert_eq!(fnv1a(b""), OFFSET);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(feed(fnv1a(b"w:"), "accès".as_bytes()), fnv1a("w:accès".as_bytes()));
    }
}
