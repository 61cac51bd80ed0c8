//! TF-IDF weighting, in one place for training and scoring: a passage's vector at
//! training time and at scoring time must be the same numbers, bit for bit.

/// Sublinear term frequency: `1 + ln(count)`. Nearly every count is below 16: a table of
/// the same values saves a logarithm per term (for 0 it holds the same −∞).
pub fn tf(count: u32) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; 16]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|n| 1.0 + (n as f64).ln()));
    table.get(count as usize).copied().unwrap_or_else(|| 1.0 + f64::from(count).ln())
}

/// Smoothed inverse document frequency: `ln((1 + n) / (1 + df)) + 1` (fitted at training;
/// scoring reads it from the model).
#[cfg(any(feature = "train", test))]
pub fn idf(documents: usize, df: usize) -> f64 {
    ((1.0 + documents as f64) / (1.0 + df as f64)).ln() + 1.0
}

/// A term's weight: its frequency times its IDF as stored in the model (f32).
#[inline]
pub fn weight(count: u32, idf: f32) -> f64 {
    // No test for a count of 1, the common case (tf(1) is exactly 1, so the product is the
    // IDF): whether a count is 1 is hard to predict, and a wrong guess costs more.
    tf(count) * f64::from(idf)
}

/// The L2 norm a vector is divided by (rows are L2-normalised; an all-zero row stays).
pub fn l2_norm(values: impl Iterator<Item = f64>) -> f64 {
    values.map(|v| v * v).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_norm() {
        assert_eq!(tf(1), 1.0);
        for n in 0..40u32 {
            assert_eq!(tf(n).to_bits(), (1.0 + f64::from(n).ln()).to_bits());
        }
        assert!((idf(9, 0) - (10f64.ln() + 1.0)).abs() < 1e-12);
        assert_eq!(l2_norm([3.0, 4.0].into_iter()), 5.0);
        assert_eq!(weight(1, 2.0), 2.0);
    }
}
