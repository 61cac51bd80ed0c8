//! The weights as a model file stores them: feature by feature (a feature's six weights
//! together), then byte plane by byte plane (every weight's first byte, then every
//! second byte, ...). In memory they stay label by label ([`crate::ModelData::weights`]).
//!
//! Why: the file ships gzipped inside the wasm, and the weights are most of it. Features
//! that always occur together (a word and its character n-grams) end with the same six
//! weights, which gzip finds as repeats only when a feature's weights are adjacent; and
//! the planes put the sign and exponent bytes, which vary little, apart from the mantissa
//! bytes, which look random. On the shipped model: 142 KB gzipped label by label, 119 KB
//! this way.

use serde::de::Visitor;
use serde::{Deserializer, Serializer};

/// Weights per feature: one per label.
const LABELS: usize = 6;

/// Label-major weights to the file's bytes. A length that is not a whole number of
/// features (never so for a valid model) is stored in its own order.
pub fn encode(weights: &[f32]) -> Vec<u8> {
    let n = weights.len();
    let mut out = vec![0u8; n * 4];
    for at in 0..n {
        for (plane, byte) in weights[label_major(at, n)].to_le_bytes().into_iter().enumerate() {
            out[plane * n + at] = byte;
        }
    }
    out
}

/// The file's bytes back to label-major weights.
pub fn decode(bytes: &[u8]) -> Option<Vec<f32>> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let n = bytes.len() / 4;
    let mut weights = vec![0f32; n];
    for at in 0..n {
        weights[label_major(at, n)] = f32::from_le_bytes(std::array::from_fn(|plane| bytes[plane * n + at]));
    }
    Some(weights)
}

/// Where the file's `at`-th of `n` weights lies in the label-major list: the file holds
/// feature 0's six weights, then feature 1's, ...
fn label_major(at: usize, n: usize) -> usize {
    if n.is_multiple_of(LABELS) {
        at % LABELS * (n / LABELS) + at / LABELS
    } else {
        at
    }
}

/// For `#[serde(with = "crate::planes")]`.
pub fn serialize<S: Serializer>(weights: &[f32], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(&encode(weights))
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f32>, D::Error> {
    struct Planes;
    impl Visitor<'_> for Planes {
        type Value = Vec<f32>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("weights as byte planes")
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<f32>, E> {
            decode(bytes).ok_or_else(|| E::custom("weights are not whole 4-byte numbers"))
        }
    }
    d.deserialize_bytes(Planes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_come_back_bit_for_bit_in_their_order() {
        for n in [0, 6, 12, 6 * 1000, 7, 13] {
            let weights: Vec<f32> = (0..n).map(|i| (i as f32 * 0.37).sin() * if i % 5 == 0 { -1e-30 } else { 3.0 }).collect();
            let bytes = encode(&weights);
            assert_eq!(bytes.len(), n * 4);
            let back = decode(&bytes).unwrap();
            assert_eq!(back.iter().map(|w| w.to_bits()).collect::<Vec<_>>(), weights.iter().map(|w| w.to_bits()).collect::<Vec<_>>());
        }
        assert!(decode(&[0, 1, 2]).is_none());
    }

    /// The shipped model decodes and encodes to its own bytes: the layout is the file's.
    #[test]
    fn the_shipped_model_encodes_to_its_own_bytes() {
        let bytes = include_bytes!("../../../models/cyberclause.model");
        assert_eq!(crate::Model::from_bytes(bytes).unwrap().to_bytes(), bytes);
    }

    #[test]
    fn a_features_weights_lie_together_plane_by_plane() {
        // Two features, label-major: feature 0's weights are 0, 2, 4, ...
        let weights: Vec<f32> = (0..12).map(|i| i as f32).collect();
        let bytes = encode(&weights);
        let first_planes: Vec<f32> = (0..12).map(|at| f32::from_le_bytes([bytes[at], bytes[12 + at], bytes[24 + at], bytes[36 + at]])).collect();
        assert_eq!(first_planes, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 1.0, 3.0, 5.0, 7.0, 9.0, 11.0]);
    }
}
