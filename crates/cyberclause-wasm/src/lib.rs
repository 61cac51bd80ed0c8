//! JavaScript binding of cyberclause: the `cyberclause` npm package.
//!
//! Every export validates its arguments and reports failures as a thrown JS `Error`
//! with a stable `code` property; nothing here panics.

mod analysis;
mod args;
mod packed;

use std::sync::OnceLock;

use cyberclause::{Classifier as Core, DocLang, Evidence, Kind, Label, LabelSummary, Lang, Passage, Scores};
use js_sys::{Array, Float64Array, Function, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use args::MAX_INPUT_UNITS;
use args::{core_error, js_error, options_arg, text_arg, Thrown};
use packed::Packed;

// Talc instead of Rust's default dlmalloc: allocation was about a seventh of the
// profile, and documents classify about 10 % faster with it (tests/bench/node-bench.mjs).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The model shipped with the package.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/cyberclause.model");

fn embedded() -> Result<&'static Core, JsValue> {
    static CELL: OnceLock<Result<Core, cyberclause::Error>> = OnceLock::new();
    CELL.get_or_init(|| Core::from_bytes(EMBEDDED_MODEL)).as_ref().map_err(core_error)
}

pub(crate) fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&ser).map_err(|e| js_error("INTERNAL", &format!("could not convert the result: {e}")))
}

// ---------------------------------------------------------------- JS shapes

#[derive(Serialize)]
pub(crate) struct JsPassage<'a> {
    text: &'a str,
    /// UTF-16 offsets: `input.slice(start, end)`.
    start: usize,
    end: usize,
    label: Label,
    scores: &'a Scores,
    lang: Lang,
    evidence: Vec<JsEvidence<'a>>,
    /// "passage" or "heading".
    kind: Kind,
    /// Headings above, outermost first.
    path: &'a [String],
    /// "Art. 19 §3": the article from the path and the passage's own number.
    reference: &'a str,
}

impl<'a> From<&'a Passage> for JsPassage<'a> {
    fn from(p: &'a Passage) -> Self {
        JsPassage {
            text: &p.text,
            start: p.span.start_utf16,
            end: p.span.end_utf16,
            label: p.label,
            scores: &p.scores,
            lang: p.lang,
            evidence: p.evidence.iter().map(JsEvidence::from).collect(),
            kind: p.kind,
            path: &p.path,
            reference: &p.reference,
        }
    }
}

/// An evidence term with the UTF-16 ranges of the input where it stands.
#[derive(Serialize)]
struct JsEvidence<'a> {
    term: &'a str,
    weight: f64,
    spans: Vec<JsRange>,
}

#[derive(Serialize)]
pub(crate) struct JsRange {
    pub start: usize,
    pub end: usize,
}

impl<'a> From<&'a Evidence> for JsEvidence<'a> {
    fn from(e: &'a Evidence) -> Self {
        JsEvidence {
            term: &e.term,
            weight: e.weight,
            spans: e.spans.iter().map(|s| JsRange { start: s.start_utf16, end: s.end_utf16 }).collect(),
        }
    }
}

/// What `classifyPacked` returns once every chunk has been handed over.
#[derive(Serialize)]
struct JsOverview<'a> {
    language: DocLang,
    summary: &'a [LabelSummary],
    /// The text's length in UTF-16 units.
    length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsLabelInfo {
    id: &'static str,
    name_en: &'static str,
    name_fr: &'static str,
    definition_en: &'static str,
    definition_fr: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsModelInfo<'a> {
    version: &'a str,
    corpus_hash: &'a str,
    trained: &'a str,
    algorithm: &'a str,
    metrics: &'a std::collections::BTreeMap<String, f64>,
}

/// Classifies `text` chunk by chunk, calling `on_chunk(start, end, nums, strings)` with
/// each chunk's passages packed (see [`packed`]) and its range of the text (UTF-16);
/// returns the document's language, summary and length.
fn classify_packed_with(core: &Core, text: &JsValue, options: &JsValue, on_chunk: &JsValue) -> Result<JsValue, JsValue> {
    let Some(on_chunk) = on_chunk.dyn_ref::<Function>() else {
        return Err(js_error("NOT_A_FUNCTION", "onChunk must be a function"));
    };
    let opts = options_arg(options)?;
    let text = text_arg(text, MAX_INPUT_UNITS)?;
    let overview = core
        .classify_chunks(&text, &opts.core, opts.chunk_bytes, |chunk| {
            let mut packed = Packed::default();
            chunk.passages.iter().for_each(|p| packed.passage(p, &text));
            let args = Array::of4(
                &JsValue::from(chunk.span.start_utf16 as f64),
                &JsValue::from(chunk.span.end_utf16 as f64),
                &Float64Array::from(&packed.nums[..]),
                &JsValue::from_str(&packed.strings),
            );
            // Whatever the callback throws stops the work and reaches the caller as is.
            on_chunk.apply(&JsValue::NULL, &args)?;
            Ok::<(), Thrown>(())
        })
        .map_err(|t| t.0)?;
    serialize(&JsOverview { language: overview.language, summary: &overview.summary, length: overview.len_utf16 })
}

/// Classifies `text` as one passage, packed (see [`packed`]): returns its strings and
/// keeps its numbers for JS to read in place (see `LAST_PASSAGE`).
fn classify_passage_packed_with(core: &Core, text: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts = options_arg(options)?;
    // One passage is one call to the core, so the core's limit applies (checked on the
    // JS length first: every UTF-16 unit is at least one UTF-8 byte).
    let text = text_arg(text, opts.core.max_bytes)?;
    if text.len() > opts.core.max_bytes {
        return Err(core_error(&cyberclause::Error::InputTooLarge { len: text.len(), max: opts.core.max_bytes }));
    }
    let p = core.classify_passage(&text, opts.core.evidence);
    let strings = LAST_PASSAGE.with_borrow_mut(|packed| {
        packed.clear();
        packed.passage(&p, &text);
        JsValue::from_str(&packed.strings)
    });
    // Packed, the passage is no longer needed: its buffers serve the next one.
    core.recycle(p);
    Ok(strings)
}

thread_local! {
    /// The last passage `classifyPassagePacked` packed. JS reads its numbers in place,
    /// through a view of the module's memory (`packedNumsAt`, `packedNumsLen`): making a
    /// `Float64Array` of them for every passage cost about a twentieth of
    /// `classifyPassage`. Read at once, before the next call into the module.
    static LAST_PASSAGE: std::cell::RefCell<Packed> = std::cell::RefCell::default();
}

fn model_info_of(core: &Core) -> Result<JsValue, JsValue> {
    let m = core.model().meta();
    serialize(&JsModelInfo {
        version: &m.version,
        corpus_hash: &m.corpus_hash,
        trained: &m.trained,
        algorithm: &m.algorithm,
        metrics: &m.metrics,
    })
}

// ---------------------------------------------------------------- exports

/// Classifies `text` chunk by chunk with the bundled model, handing each chunk's
/// passages packed to `onChunk(start, end, nums, strings)` (the package's JS builds the
/// objects: `js/shared/api.js`); returns the language, summary and length.
#[wasm_bindgen(js_name = classifyPacked, skip_typescript)]
pub fn classify_packed(text: JsValue, options: JsValue, on_chunk: JsValue) -> Result<JsValue, JsValue> {
    classify_packed_with(embedded()?, &text, &options, &on_chunk)
}

/// Classifies `text` as a single passage with the bundled model: its strings (its numbers
/// are read with `packedNumsAt` and `packedNumsLen`).
#[wasm_bindgen(js_name = classifyPassagePacked, skip_typescript)]
pub fn classify_passage_packed(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    classify_passage_packed_with(embedded()?, &text, &options)
}

/// Where the numbers of the passage last packed by `classifyPassagePacked` start in the
/// module's memory, in f64s (an index into a `Float64Array` of `wasmMemory().buffer`).
#[wasm_bindgen(js_name = packedNumsAt, skip_typescript)]
pub fn packed_nums_at() -> usize {
    LAST_PASSAGE.with_borrow(|p| p.nums.as_ptr() as usize / std::mem::size_of::<f64>())
}

/// How many numbers the passage last packed by `classifyPassagePacked` has.
#[wasm_bindgen(js_name = packedNumsLen, skip_typescript)]
pub fn packed_nums_len() -> usize {
    LAST_PASSAGE.with_borrow(|p| p.nums.len())
}

/// The module's memory (`WebAssembly.Memory`), where `packedNumsAt` points.
#[wasm_bindgen(js_name = wasmMemory, skip_typescript)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The names of the indices in packed passages: `{ labels, langs, kinds }`.
#[wasm_bindgen(js_name = packedNames, skip_typescript)]
pub fn packed_names() -> Result<JsValue, JsValue> {
    serialize(&packed::names())
}

/// Each procedural power among `passages` (as `classify` returns them) with the safeguards
/// that bear on it (same article, citation, same section), and the powers with none.
#[wasm_bindgen(js_name = linkSafeguards, skip_typescript)]
pub fn link_safeguards(passages: JsValue) -> Result<JsValue, JsValue> {
    analysis::link_safeguards(&passages)
}

/// Classifies two drafts with the bundled model and compares them label by label.
#[wasm_bindgen(js_name = compare, skip_typescript)]
pub fn compare(old_text: JsValue, new_text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    analysis::compare(embedded()?, &old_text, &new_text, &options)
}

/// Longest text `classify` and `classifyChunks` accept, in UTF-16 units.
#[wasm_bindgen(js_name = maxTextLength, skip_typescript)]
pub fn max_text_length() -> u32 {
    MAX_INPUT_UNITS as u32
}

/// The six labels, in score order.
#[wasm_bindgen(js_name = labels, skip_typescript)]
pub fn labels() -> Result<JsValue, JsValue> {
    let all: Vec<JsLabelInfo> = Label::ALL
        .iter()
        .map(|l| {
            let i = l.info();
            JsLabelInfo {
                id: i.id,
                name_en: i.name_en,
                name_fr: i.name_fr,
                definition_en: i.definition_en,
                definition_fr: i.definition_fr,
            }
        })
        .collect();
    serialize(&all)
}

/// What the bundled model says about itself.
#[wasm_bindgen(js_name = modelInfo, skip_typescript)]
pub fn model_info() -> Result<JsValue, JsValue> {
    model_info_of(embedded()?)
}

/// A classifier over a model file supplied by the caller.
#[wasm_bindgen(js_name = Classifier, skip_typescript)]
pub struct JsClassifier {
    inner: Core,
}

#[wasm_bindgen(js_class = Classifier)]
impl JsClassifier {
    /// Loads a model file's bytes (`Uint8Array` or `ArrayBuffer`).
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: JsValue) -> Result<JsClassifier, JsValue> {
        let bytes: Vec<u8> = if let Some(a) = bytes.dyn_ref::<Uint8Array>() {
            a.to_vec()
        } else if let Some(b) = bytes.dyn_ref::<js_sys::ArrayBuffer>() {
            Uint8Array::new(b).to_vec()
        } else {
            return Err(js_error("NOT_BYTES", "model must be a Uint8Array or an ArrayBuffer"));
        };
        Core::from_bytes(&bytes).map(|inner| JsClassifier { inner }).map_err(|e| core_error(&e))
    }

    #[wasm_bindgen(js_name = classifyPacked)]
    pub fn classify_packed(&self, text: JsValue, options: JsValue, on_chunk: JsValue) -> Result<JsValue, JsValue> {
        classify_packed_with(&self.inner, &text, &options, &on_chunk)
    }

    #[wasm_bindgen(js_name = classifyPassagePacked)]
    pub fn classify_passage_packed(&self, text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        classify_passage_packed_with(&self.inner, &text, &options)
    }

    #[wasm_bindgen(js_name = compare)]
    pub fn compare(&self, old_text: JsValue, new_text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        analysis::compare(&self.inner, &old_text, &new_text, &options)
    }

    #[wasm_bindgen(js_name = modelInfo)]
    pub fn model_info(&self) -> Result<JsValue, JsValue> {
        model_info_of(&self.inner)
    }
}
