//! FNV-1a, the hash of everything stored or compared across runs: the model file's
//! checksum, the vocabulary index and the fixed order of cross-validation folds; and a
//! faster hasher for the lexicon's map, whose values never leave the process. Keys are
//! short and text is scored locally, so SipHash's resistance to chosen collisions buys
//! nothing here.

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

/// A hasher for maps keyed by words (the lexicon's), taking eight bytes at a time where
/// FNV takes one: the lexicon hashes every word of a document and a word at nearly every
/// space of it. Its values are never stored, so it is free to differ from FNV.
#[derive(Default)]
pub struct Words(u64);

impl std::hash::Hasher for Words {
    fn finish(&self) -> u64 {
        spread(self.0)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            // The length tells "ab" from "ab\0".
            self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.add(u64::from(b));
    }
}

impl Words {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Builds [`Words`] hashers.
pub type WordsBuild = std::hash::BuildHasherDefault<Words>;

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
