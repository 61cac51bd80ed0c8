//! The trained model: its file format and linear scoring of sparse passages.
//!
//! Every algorithm the trainer compares (multinomial logistic regression, multinomial
//! naive Bayes, NB-weighted logistic regression) is linear in the TF-IDF vector, so one
//! scorer serves them all and evidence is exact: a label's logit is its bias plus the sum
//! of each term's value times its weight.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::explain::Evidence;
use crate::features::{bigram_words, pair_hash, FeatureSpec, UNIGRAM};
use crate::hash::{feed, fnv1a};
use crate::index::FeatureIndex;
use crate::labels::Label;
use crate::lexicon::Lexicon;
use crate::spare::Spare;
use crate::terms::Scratch;
use crate::vector::{SparseVector, Tally};
use crate::wordcache::WordCache;

/// How many sightings a word of the model's vocabulary is worth to the repairs: good
/// evidence that the word exists.
pub const VOCABULARY_WEIGHT: u32 = 3;

/// The first bytes of every model file.
pub const MAGIC: &[u8; 8] = b"CYBCLAUS";
/// The format this build reads and writes. Version 2 stores the weights feature by
/// feature and byte plane by byte plane ([`crate::planes`]); version 1 stored them label
/// by label, and is refused.
pub const FORMAT_VERSION: u16 = 2;

/// What a model says about itself (empty by default: a model fitted for cross-validation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelMeta {
    /// Model version, e.g. "2026.11.1".
    pub version: String,
    /// SHA-256 of the training corpus file, hex.
    pub corpus_hash: String,
    /// Training date as recorded in the training config (YYYY-MM-DD): fixed, so that the
    /// same corpus and code give the same bytes.
    pub trained: String,
    /// Algorithm and hyper-parameters, human-readable.
    pub algorithm: String,
    /// Headline metrics, e.g. "cv_macro_f1".
    pub metrics: BTreeMap<String, f64>,
}

/// The model's parameters as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelData {
    pub meta: ModelMeta,
    /// Label ids in score order; must equal the guide's six.
    pub labels: Vec<String>,
    pub spec: FeatureSpec,
    /// Feature keys, index = feature number.
    pub vocab: Vec<String>,
    pub idf: Vec<f32>,
    /// `labels.len() × vocab.len()`, row-major by label (stored otherwise in the file, to
    /// compress: see [`crate::planes`]).
    #[serde(with = "crate::planes")]
    pub weights: Vec<f32>,
    pub bias: Vec<f32>,
    /// Softmax temperature fitted on cross-validation folds.
    pub temperature: f32,
}

/// A feature's six weights, alone in a cache line.
#[derive(Debug, Clone)]
#[repr(align(64))]
struct Row([f64; 6]);

/// A loaded model, ready to score.
#[derive(Debug, Clone)]
pub struct Model {
    data: ModelData,
    pub(crate) index: FeatureIndex,
    /// The word bigrams again, by [`pair_hash`] of their words' unigram hashes: a passage
    /// finds each of its bigrams from hashes it already has.
    pub(crate) pairs: FeatureIndex,
    /// The first words of the bigrams, by unigram hash.
    pub(crate) pair_starts: FeatureIndex,
    /// The weights feature by feature (`ModelData::weights` holds them label by label): a
    /// term's six weights are read together, from one cache line, both for the logits and
    /// for its push towards the chosen label (evidence). Widened to f64 once here
    /// (exactly), not at every use.
    by_feature: Vec<Row>,
    /// The features of words already seen.
    pub(crate) words: WordCache,
    /// Scratch for counting a passage's features.
    pub(crate) tally: Tally,
    /// Scratch for explaining a passage.
    pub(crate) scratch: Scratch,
    /// The buffers of the last passage's vector.
    pub(crate) spare_vector: Spare<SparseVector>,
    /// The buffers of evidence given back (see [`crate::Classifier::recycle`]).
    pub(crate) spare_evidence: Spare<Vec<Evidence>>,
    /// The vocabulary's words, for repairing text (see [`Model::lexicon`]); built at first
    /// use, so that loading a model stays cheap.
    lexicon: OnceLock<Arc<Lexicon>>,
}

impl Model {
    /// Checks a model's parts against each other and builds its feature index.
    pub fn new(data: ModelData) -> Result<Self> {
        let k = data.vocab.len();
        let expected: Vec<&str> = Label::ALL.iter().map(|l| l.id()).collect();
        if data.labels != expected {
            return Err(Error::InvalidModel(format!("label set {:?} is not the guide's", data.labels)));
        }
        if data.idf.len() != k || data.weights.len() != k * 6 || data.bias.len() != 6 {
            return Err(Error::InvalidModel("array sizes do not match the vocabulary".into()));
        }
        let finite = data.idf.iter().chain(&data.weights).chain(&data.bias).all(|v| v.is_finite());
        if !(finite && data.temperature.is_finite() && data.temperature > 0.0) {
            return Err(Error::InvalidModel("non-finite parameters".into()));
        }
        // Metrics are shown to users and written as JSON, where NaN has no spelling.
        if !data.meta.metrics.values().all(|v| v.is_finite()) {
            return Err(Error::InvalidModel("non-finite metric".into()));
        }
        let index = FeatureIndex::new(data.vocab.iter().map(String::as_str))?;
        // Each bigram's words' hashes, and its feature.
        let bigrams: Vec<(u64, u64, u32)> = (data.vocab.iter().enumerate())
            .filter_map(|(j, key)| bigram_words(key).map(|(a, b)| (feed(UNIGRAM, a.as_bytes()), feed(UNIGRAM, b.as_bytes()), j as u32)))
            .collect();
        let pairs = FeatureIndex::from_hashes(bigrams.iter().map(|&(a, b, j)| (pair_hash(a, b), j)))?;
        let pair_starts = FeatureIndex::set(&bigrams.iter().map(|&(a, ..)| a).collect::<Vec<_>>())?;
        let by_feature: Vec<Row> = (0..k).map(|j| Row(std::array::from_fn(|l| f64::from(data.weights[l * k + j])))).collect();
        Ok(Self { data, index, pairs, pair_starts, by_feature, words: WordCache::default(), tally: Tally::default(), scratch: Scratch::default(), spare_vector: Spare::default(), spare_evidence: Spare::default(), lexicon: OnceLock::new() })
    }

    pub fn data(&self) -> &ModelData {
        &self.data
    }

    pub fn meta(&self) -> &ModelMeta {
        &self.data.meta
    }

    /// Encodes the model: magic, format version (u16 LE), postcard payload, FNV-1a 64
    /// checksum of the payload (u64 LE).
    pub fn to_bytes(&self) -> Vec<u8> {
        let payload = postcard::to_allocvec(&self.data).expect("model data always serialises");
        let mut out = Vec::with_capacity(payload.len() + 18);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&fnv1a(&payload).to_le_bytes());
        out
    }

    /// Decodes a model file, with a clear error for foreign, truncated, corrupted or
    /// newer files.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(Error::NotAModel);
        }
        if bytes.len() < MAGIC.len() + 2 + 8 {
            return Err(Error::CorruptModel("file is truncated".into()));
        }
        let version = u16::from_le_bytes([bytes[8], bytes[9]]);
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion { found: version, expected: FORMAT_VERSION });
        }
        let (payload, sum) = bytes[10..].split_at(bytes.len() - 18);
        if fnv1a(payload).to_le_bytes() != sum {
            return Err(Error::CorruptModel("checksum mismatch (truncated or altered file)".into()));
        }
        let data: ModelData = postcard::from_bytes(payload).map_err(|e| Error::CorruptModel(e.to_string()))?;
        Self::new(data)
    }

    /// The words a text-repairing lexicon should know: the model's unigrams, each counted
    /// [`VOCABULARY_WEIGHT`] times; built once, shared by every text's lexicon
    /// ([`Lexicon::over`]).
    pub fn lexicon(&self) -> Arc<Lexicon> {
        let lexicon = self.lexicon.get_or_init(|| {
            let mut lexicon = Lexicon::new();
            lexicon.extend(self.data.vocab.iter().filter_map(|k| k.strip_prefix("w:")), VOCABULARY_WEIGHT);
            Arc::new(lexicon)
        });
        Arc::clone(lexicon)
    }

    /// How far one unit of feature `j` pushes label `k`'s logit past the mean of the
    /// other five, before the temperature. (Multiplied by a fifth, not divided by five:
    /// this runs for every entry of every passage, and only rounding differs.)
    pub(crate) fn margin(&self, j: u32, k: usize) -> f64 {
        let w = &self.by_feature[j as usize].0;
        let others: f64 = (0..6).filter(|&l| l != k).map(|l| w[l]).sum();
        w[k] - 0.2 * others
    }

    /// Raw logits (before temperature).
    pub fn logits(&self, v: &SparseVector) -> [f64; 6] {
        // Each label's sum runs over the entries in order, as a per-label sum would.
        let mut sums = [-0.0f64; 6];
        for &(j, x) in &v.entries {
            let w = &self.by_feature[j as usize].0;
            for k in 0..6 {
                sums[k] += x * w[k];
            }
        }
        std::array::from_fn(|k| f64::from(self.data.bias[k]) + sums[k])
    }

    /// Calibrated probabilities, in [`Label::ALL`] order; always finite, summing to 1.
    pub fn probabilities(&self, v: &SparseVector) -> [f64; 6] {
        softmax(&self.logits(v), f64::from(self.data.temperature))
    }
}

/// Softmax of `logits / temperature`, stable for any finite input.
pub fn softmax(logits: &[f64; 6], temperature: f64) -> [f64; 6] {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut out = [0.0; 6];
    for (o, &l) in out.iter_mut().zip(logits) {
        *o = ((l - max) / temperature).exp();
    }
    let sum: f64 = out.iter().sum();
    out.iter_mut().for_each(|o| *o /= sum);
    out
}


#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tiny hand-made model: "hack" pushes cyber_dependent, "juge" pushes safeguard.
    pub(crate) fn toy() -> Model {
        let vocab = vec!["w:hack".to_string(), "w:juge".to_string(), "b:hack juge".to_string()];
        let mut weights = vec![0.0f32; 18];
        weights[0] = 3.0; // cyber_dependent × hack
        weights[4 * 3 + 1] = 2.0; // safeguard × juge
        let data = ModelData {
            meta: ModelMeta {
                version: "test".into(),
                corpus_hash: "0".into(),
                trained: "2026-01-01".into(),
                algorithm: "toy".into(),
                metrics: BTreeMap::new(),
            },
            labels: Label::ALL.iter().map(|l| l.id().to_string()).collect(),
            spec: FeatureSpec { bigrams: true, char_min: 0, char_max: 0 },
            vocab,
            idf: vec![1.0, 1.0, 1.0],
            weights,
            bias: vec![0.0; 6],
            temperature: 1.0,
        };
        Model::new(data).unwrap()
    }

    #[test]
    fn a_nan_metric_is_refused() {
        let mut data = toy().data().clone();
        data.meta.metrics.insert("cv_macro_f1".into(), f64::NAN);
        assert!(matches!(Model::new(data), Err(Error::InvalidModel(_))));
    }

    #[test]
    fn round_trips_through_bytes() {
        let m = toy();
        let again = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(again.data(), m.data());
    }

    #[test]
    fn bad_files_give_clear_errors() {
        let bytes = toy().to_bytes();
        assert_eq!(Model::from_bytes(b"PK\x03\x04 zip file").unwrap_err(), Error::NotAModel);
        assert_eq!(Model::from_bytes(b"").unwrap_err(), Error::NotAModel);
        assert!(matches!(Model::from_bytes(&bytes[..bytes.len() - 3]), Err(Error::CorruptModel(_))));
        assert!(matches!(Model::from_bytes(&bytes[..12]), Err(Error::CorruptModel(_))));
        let mut flipped = bytes.clone();
        flipped[20] ^= 0xff;
        assert!(matches!(Model::from_bytes(&flipped), Err(Error::CorruptModel(_))));
        let mut newer = bytes;
        newer[8] = 9;
        assert_eq!(Model::from_bytes(&newer).unwrap_err(), Error::UnsupportedVersion { found: 9, expected: FORMAT_VERSION });
    }

    /// A file with the right header and checksum around a payload that is not a model, or
    /// a model whose parts do not fit together (as a fuzzer or a buggy writer makes them).
    #[test]
    fn framed_garbage_and_inconsistent_models_give_clear_errors() {
        let frame = |payload: &[u8]| {
            let mut out = MAGIC.to_vec();
            out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
            out.extend_from_slice(payload);
            out.extend_from_slice(&fnv1a(payload).to_le_bytes());
            out
        };
        for garbage in [&b""[..], b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", b"not postcard at all"] {
            assert!(matches!(Model::from_bytes(&frame(garbage)), Err(Error::CorruptModel(_))), "{garbage:?}");
        }
        let good = toy().data().clone();
        let mut breakages: Vec<ModelData> = Vec::new();
        let mut d = good.clone();
        d.labels.swap(0, 1);
        breakages.push(d);
        let mut d = good.clone();
        d.weights.pop();
        breakages.push(d);
        let mut d = good.clone();
        d.idf[0] = f32::NAN;
        breakages.push(d);
        let mut d = good.clone();
        d.temperature = 0.0;
        breakages.push(d);
        let mut d = good.clone();
        d.vocab[1] = d.vocab[0].clone();
        breakages.push(d);
        for d in breakages {
            let bytes = frame(&postcard::to_allocvec(&d).unwrap());
            assert_eq!(Model::from_bytes(&bytes).unwrap_err().code(), "INVALID_MODEL");
        }
    }

    #[test]
    fn scores_are_probabilities_and_follow_weights() {
        let m = toy();
        let (v, _) = m.vectorize("hack hack");
        let p = m.probabilities(&v);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(p[0] > p[1]);
        let (empty, _) = m.vectorize("");
        let p = m.probabilities(&empty);
        assert!(p.iter().all(|&x| (x - 1.0 / 6.0).abs() < 1e-12));
    }

    #[test]
    fn evidence_is_exact_and_names_words() {
        let m = toy();
        let (v, terms) = m.vectorize("hack juge");
        let ev = m.evidence(&v, &terms, Label::CyberDependent, 5);
        assert_eq!(ev[0].term, "hack");
        let logits = m.logits(&v);
        let margin = logits[0] - logits[1..].iter().sum::<f64>() / 5.0;
        let all: f64 = m.contributions(&v, &terms, Label::CyberDependent).iter().map(|e| e.1).sum();
        assert!((all - margin).abs() < 1e-9, "{all} vs {margin}");
    }
}
