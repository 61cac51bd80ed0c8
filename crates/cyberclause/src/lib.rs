//! cyberclause: tells what each passage of a cybercrime law or policy statement is about.
//!
//! The pipeline, a module per stage: `text` (folding) → [`segment`] (`lines`: blocks,
//! `structure`: headings and paths, `repair`: PDF damage, `sentences`) → `features` (terms)
//! and `weighting` (TF-IDF) → [`Model`] (file format and scoring; evidence) → `context`
//! (heading titles in document mode) → [`Classifier`] (the whole pipeline, `classify`;
//! `chunks` for text of any size). Training (`train`, feature "train") and [`metrics`] are
//! for the CLI.
//!
//! Analyses of classified text: `reference` (a passage's "Art. 19 §3"), `citations` and
//! `safeguards` (each procedural power with the safeguards that bear on it), `align`,
//! `worddiff` and `compare` (two drafts compared label by label).
//!
//! The public surface is what the CLI, the wasm binding, the tests and the fuzz targets
//! use; the rest stays private.

mod align;
mod bytescan;
mod chunks;
mod citations;
mod compare;
mod classify;
mod context;
mod error;
mod explain;
mod features;
mod foldtable;
mod hash;
mod index;
mod labels;
mod lang;
mod lexicon;
mod lines;
mod mapped;
mod model;
mod planes;
mod reference;
mod repair;
#[cfg(test)]
mod reference_scorer;
mod safeguards;
mod segment;
mod spare;
mod span;
mod sentences;
mod structure;
mod terms;
mod text;
mod tokens;
mod vector;
mod weighting;
mod worddiff;
mod wordcache;

pub mod metrics;
#[cfg(feature = "train")]
pub mod train;

pub use citations::{citations, Citation, Target};
pub use reference::{references, short as short_reference};
pub use safeguards::{link as link_safeguards, Citer, PowerLinks, Reason, SafeguardLink, SafeguardMap, Unit, Via, MAX_SECTION_LINKS};
pub use compare::{compare_documents, Change, CompareOptions, Comparison, LabelDelta, DEFAULT_THRESHOLD};
pub use worddiff::{Op, Run};
pub use chunks::{chunk_ranges, for_each_chunk, Chunk, Overview, DEFAULT_CHUNK_BYTES};
pub use classify::{Classifier, ClassifyOptions, Document, LabelSummary, Passage, Scores, DEFAULT_CONTEXT, DEFAULT_EVIDENCE};
pub use error::{Error, Result};
pub use features::FeatureSpec;
pub use labels::{Label, LabelInfo};
pub use lang::{DocLang, Lang};
pub use lexicon::Lexicon;
pub use explain::Evidence;
pub use model::{softmax, Model, ModelData, ModelMeta, FORMAT_VERSION, MAGIC};
pub use vector::SparseVector;
pub use segment::{segment, Granularity, Kind, Segment, SegmentOptions};
pub use span::Span;
pub use text::fold;
