use super::*;

/// A small synthetic corpus: each label has its own vocabulary plus shared noise.
pub(super) fn synthetic() -> Vec<Example> {
    let topics = [
        "acces frauduleux systeme intrusion piratage",
        "escroquerie fraude paiement blanchiment extorsion",
        "pedopornographie apologie terrorisme haine images",
        "perquisition saisie conservation injonction interception",
        "proportionnalite juge garanties vie privee recours",
        "ratification signature depositaire langues amendements",
    ];
    let noise = ["la convention", "les etats parties", "le present article", "chaque partie"];
    let mut out = Vec::new();
    for (k, topic) in topics.iter().enumerate() {
        let words: Vec<&str> = topic.split(' ').collect();
        for i in 0..12 {
            let text = format!("{} {} {} {}", noise[i % 4], words[i % 5], words[(i + 2) % 5], noise[(i + 1) % 4]);
            out.push(Example {
                id: format!("{k}-{i}"),
                text,
                label: Label::ALL[k],
                lang: "fr".into(),
                group: format!("{k}-{i}"),
            });
        }
    }
    out
}

fn cfg(algorithm: Algorithm) -> TrainConfig {
    TrainConfig { algorithm, features: 200, min_df: 1, max_iterations: 200, ..TrainConfig::default() }
}

#[test]
fn every_algorithm_learns_the_synthetic_topics() {
    let data = synthetic();
    let algos = [
        Algorithm::Logistic { alpha: 0.01 },
        Algorithm::NaiveBayes { alpha: 0.1 },
        Algorithm::NbLogistic { nb_alpha: 0.1, alpha: 0.01 },
    ];
    for algo in algos {
        let c = cfg(algo);
        let model = to_model(&fit(&data, &c).unwrap(), &c, 1.0, ModelMeta::default()).unwrap();
        let right = data.iter().filter(|e| {
            let p = model.probabilities(&model.vectorize(&e.text).0);
            crate::classify::Scores(p).best() == e.label
        });
        assert!(right.count() as f64 >= 0.95 * data.len() as f64, "{algo}");
    }
}

#[test]
fn sparse_scoring_matches_linfa_predict_probabilities() {
    let data = synthetic();
    let c = cfg(Algorithm::Logistic { alpha: 0.01 });
    let Prepared { vocab, idf, x, y } = prepare(&data, &c);
    let linfa_model = fit_logistic(x.clone(), y, 0.01, 200).unwrap();
    let expected = linfa_model.predict_probabilities(&x);
    let fitted = Fitted { vocab, idf, weights: linfa_model.params().clone(), bias: linfa_model.intercept().clone() };
    let ours = to_model(&fitted, &c, 1.0, ModelMeta::default()).unwrap();
    for (i, e) in data.iter().enumerate() {
        let p = ours.probabilities(&ours.vectorize(&e.text).0);
        for k in 0..6 {
            assert!((p[k] - expected[[i, k]]).abs() < 1e-6, "passage {i} label {k}: {} vs {}", p[k], expected[[i, k]]);
        }
    }
}

#[test]
fn folds_keep_groups_together_and_stratify() {
    let mut data = synthetic();
    for e in data.iter_mut() {
        e.group = e.id[..3.min(e.id.len())].to_string();
    }
    let f = folds(&data, 5);
    for (a, b) in data.iter().zip(&f) {
        for (c, d) in data.iter().zip(&f) {
            if a.group == c.group {
                assert_eq!(b, d);
            }
        }
    }
    let f = folds(&synthetic(), 5);
    for k in 0..5 {
        assert!(f.iter().filter(|&&x| x == k).count() >= 10);
    }
}

#[test]
fn training_is_deterministic() {
    let data = synthetic();
    let c = cfg(Algorithm::NbLogistic { nb_alpha: 0.1, alpha: 0.01 });
    let a = to_model(&fit(&data, &c).unwrap(), &c, 1.3, ModelMeta::default()).unwrap().to_bytes();
    let b = to_model(&fit(&data, &c).unwrap(), &c, 1.3, ModelMeta::default()).unwrap().to_bytes();
    assert_eq!(a, b);
}

#[test]
fn temperature_is_fitted_and_bounded() {
    let data = synthetic();
    let c = cfg(Algorithm::Logistic { alpha: 0.01 });
    let logits = cross_validate(&data, &c, 3).unwrap();
    let gold: Vec<Label> = data.iter().map(|e| e.label).collect();
    let t = fit_temperature(&logits, &gold);
    assert!((0.2..=5.0).contains(&t));
    assert!(nll(&predictions(&logits, &gold, t)) <= nll(&predictions(&logits, &gold, 1.0)) + 1e-9);
}

#[test]
fn missing_labels_are_refused() {
    let data: Vec<Example> = synthetic().into_iter().filter(|e| e.label != Label::Other).collect();
    assert!(matches!(fit(&data, &TrainConfig::default()), Err(Error::InvalidTrainingData(_))));
}
