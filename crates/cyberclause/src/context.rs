//! Context in document mode: the titles of the headings above a passage ("Search and
//! seizure of stored computer data", "Accès frauduleux") are the strongest clue a reader
//! has, so a passage's probabilities are combined with those of its nearest titles.
//! Passage mode (one passage alone) has no structure and is unchanged.

use std::collections::BTreeMap;

use crate::model::{softmax, Model};
use crate::structure;

/// How many of the innermost headings of a passage's path lend their title.
pub const TITLE_DEPTH: usize = 3;

/// A heading's title without its reference: "Interference with records" of "Article 7 –
/// Interference with records"; None when nothing but the reference is left ("Article 5").
pub fn title(heading: &str) -> Option<&str> {
    let h = heading.trim_start_matches('#').trim();
    let rest = match structure::keyword(h) {
        Some(k) => &h[k.reference_len..],
        None => h,
    };
    let rest = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | '–' | '-' | '—' | ')'));
    rest.chars().any(char::is_alphabetic).then_some(rest)
}

/// Combines probabilities in log space: `log p + weight × Σ log p_title`, renormalised.
/// Titles are scored once each (`cache`).
pub fn with_titles(model: &Model, probs: [f64; 6], path: &[String], weight: f64, cache: &mut BTreeMap<String, [f64; 6]>) -> [f64; 6] {
    let mut logp = probs.map(|p| p.max(1e-12).ln());
    let mut used = false;
    for heading in path.iter().rev().take(TITLE_DEPTH) {
        let Some(t) = title(heading) else { continue };
        let p = *cache.entry(t.to_string()).or_insert_with(|| model.probabilities(&model.vectorize(t).0));
        logp.iter_mut().zip(p).for_each(|(l, q)| *l += weight * q.max(1e-12).ln());
        used = true;
    }
    if used {
        softmax(&logp, 1.0)
    } else {
        probs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_their_reference() {
        assert_eq!(title("Article 7 – Interference with records"), Some("Interference with records"));
        assert_eq!(title("Article 491 : Objet"), Some("Objet"));
        assert_eq!(title("### Article 2 — Powers"), Some("Powers"));
        assert_eq!(title("Chapitre II Des pouvoirs d'enquête"), Some("Des pouvoirs d'enquête"));
        assert_eq!(title("Article 5"), None);
        assert_eq!(title("§ 2410."), None);
        assert_eq!(title("DISPOSITIONS FINALES"), Some("DISPOSITIONS FINALES"));
    }

    #[test]
    fn a_title_moves_the_probabilities_and_no_title_leaves_them() {
        let m = crate::model::tests::toy();
        let probs = [0.3, 0.1, 0.1, 0.1, 0.3, 0.1];
        let mut cache = BTreeMap::new();
        let same = with_titles(&m, probs, &["Article 5".to_string()], 0.5, &mut cache);
        assert_eq!(same, probs);
        let moved = with_titles(&m, probs, &["Article 5 — hack".to_string()], 0.5, &mut cache);
        assert!(moved[0] > moved[4], "{moved:?}");
        assert!((moved.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}
