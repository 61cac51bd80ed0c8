//! cyberclause: tells what each passage of a cybercrime law or policy statement is about.
//!
//! The pipeline: [`segment`] cuts text into passages (repairing PDF damage on the way),
//! [`features`] turns a passage into a sparse TF-IDF vector, and a [`Model`] scores it
//! into one of six [`Label`]s with calibrated probabilities and evidence.

mod error;
mod hash;
mod labels;
mod lexicon;
mod lines;
mod repair;
mod sentences;
mod structure;
mod text;

pub mod segment;

pub use error::{Error, Result};
pub use labels::{Label, LabelInfo};
pub use lexicon::Lexicon;
pub use segment::{segment, Granularity, Kind, Segment, SegmentOptions};
pub use text::fold;

mod features;
mod lang;
mod model;
mod weighting;

pub use features::{extract, for_each_term, FeatureSpec, Term, Terms};
pub use lang::{detect as detect_language, DocLang, Lang};
pub use model::{softmax, Evidence, Model, ModelData, ModelMeta, SparseVector, FORMAT_VERSION, MAGIC};
mod classify;
mod context;

pub use classify::{Classifier, ClassifyOptions, Document, LabelSummary, Passage, Scores, DEFAULT_CONTEXT};
mod chunks;

pub use chunks::{chunk_ranges, Chunk, Overview, DEFAULT_CHUNK_BYTES};
pub mod metrics;
#[cfg(feature = "train")]
pub mod train;
