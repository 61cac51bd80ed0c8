//! JavaScript binding of cyberclause: the `cyberclause` npm package.
//!
//! Every export validates its arguments and reports failures as a thrown JS `Error`
//! with a stable `code` property; nothing here panics.

use std::sync::OnceLock;

use cyberclause::{
    Classifier as Core, ClassifyOptions, DocLang, Document, Evidence, Granularity, Label, LabelSummary, Lang,
    Passage, Scores,
};
use js_sys::{Reflect, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The model shipped with the package.
static EMBEDDED_MODEL: &[u8] = include_bytes!("../../../models/cyberclause.model");

/// Evidence terms per passage when the caller does not say.
const DEFAULT_EVIDENCE: usize = 8;
/// Upper bound accepted for `options.evidence`.
const MAX_EVIDENCE: usize = 1000;

fn embedded() -> Result<&'static Core, JsValue> {
    static CELL: OnceLock<Result<Core, cyberclause::Error>> = OnceLock::new();
    CELL.get_or_init(|| Core::from_bytes(EMBEDDED_MODEL)).as_ref().map_err(core_error)
}

// ---------------------------------------------------------------- errors

fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail; ignore the Result anyway.
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    err.into()
}

fn core_error(e: &cyberclause::Error) -> JsValue {
    js_error(e.code(), &e.to_string())
}

fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value.serialize(&ser).map_err(|e| js_error("INTERNAL", &format!("could not convert the result: {e}")))
}

// ---------------------------------------------------------------- arguments

fn text_arg(text: &JsValue, max_bytes: usize) -> Result<String, JsValue> {
    let Some(s) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(js_error("NOT_A_STRING", "text must be a string"));
    };
    // Every UTF-16 unit is at least one UTF-8 byte: refuse early, before copying.
    let units = s.length() as usize;
    if units > max_bytes {
        return Err(js_error(
            "INPUT_TOO_LARGE",
            &format!("input is at least {units} bytes, over the limit of {max_bytes} bytes"),
        ));
    }
    // Lone surrogates become U+FFFD, one UTF-16 unit each, so offsets are unchanged.
    Ok(String::from(s))
}

struct Opts {
    core: ClassifyOptions,
}

fn options_arg(options: &JsValue) -> Result<Opts, JsValue> {
    let mut core = ClassifyOptions { evidence: DEFAULT_EVIDENCE, ..ClassifyOptions::default() };
    if options.is_undefined() || options.is_null() {
        return Ok(Opts { core });
    }
    if !options.is_object() || options.is_function() || js_sys::Array::is_array(options) {
        return Err(js_error("INVALID_OPTIONS", "options must be an object"));
    }
    let get = |key: &str| {
        Reflect::get(options, &JsValue::from_str(key))
            .map_err(|_| js_error("INVALID_OPTIONS", &format!("options.{key} cannot be read")))
    };
    let g = get("granularity")?;
    if !g.is_undefined() {
        core.granularity = match g.as_string().as_deref() {
            Some("auto") => Granularity::Auto,
            Some("paragraph") => Granularity::Paragraph,
            Some("sentence") => Granularity::Sentence,
            _ => {
                return Err(js_error(
                    "INVALID_OPTIONS",
                    "options.granularity must be \"auto\", \"paragraph\" or \"sentence\"",
                ))
            }
        };
    }
    let e = get("evidence")?;
    if !e.is_undefined() {
        core.evidence = match e.as_f64() {
            Some(n) if n.fract() == 0.0 && (0.0..=MAX_EVIDENCE as f64).contains(&n) => n as usize,
            _ => {
                return Err(js_error(
                    "INVALID_OPTIONS",
                    &format!("options.evidence must be an integer from 0 to {MAX_EVIDENCE}"),
                ))
            }
        };
    }
    Ok(Opts { core })
}

// ---------------------------------------------------------------- JS shapes

#[derive(Serialize)]
struct JsPassage<'a> {
    text: &'a str,
    /// UTF-16 offsets: `input.slice(start, end)`.
    start: usize,
    end: usize,
    label: Label,
    scores: &'a Scores,
    lang: Lang,
    evidence: &'a [Evidence],
}

impl<'a> From<&'a Passage> for JsPassage<'a> {
    fn from(p: &'a Passage) -> Self {
        JsPassage {
            text: &p.text,
            start: p.start_utf16,
            end: p.end_utf16,
            label: p.label,
            scores: &p.scores,
            lang: p.lang,
            evidence: &p.evidence,
        }
    }
}

#[derive(Serialize)]
struct JsDocument<'a> {
    language: DocLang,
    passages: Vec<JsPassage<'a>>,
    summary: &'a [LabelSummary],
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

fn classify_with(core: &Core, text: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts = options_arg(options)?;
    let text = text_arg(text, opts.core.max_bytes)?;
    let doc: Document = core.classify(&text, &opts.core).map_err(|e| core_error(&e))?;
    serialize(&JsDocument {
        language: doc.language,
        passages: doc.passages.iter().map(JsPassage::from).collect(),
        summary: &doc.summary,
    })
}

fn classify_passage_with(core: &Core, text: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts = options_arg(options)?;
    let text = text_arg(text, opts.core.max_bytes)?;
    let p = core.classify_passage(&text, opts.core.evidence);
    serialize(&JsPassage::from(&p))
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

/// Cuts `text` into passages and classifies each with the bundled model.
#[wasm_bindgen(js_name = classify, skip_typescript)]
pub fn classify(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    classify_with(embedded()?, &text, &options)
}

/// Classifies `text` as a single passage with the bundled model.
#[wasm_bindgen(js_name = classifyPassage, skip_typescript)]
pub fn classify_passage(text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    classify_passage_with(embedded()?, &text, &options)
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

    #[wasm_bindgen(js_name = classify)]
    pub fn classify(&self, text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        classify_with(&self.inner, &text, &options)
    }

    #[wasm_bindgen(js_name = classifyPassage)]
    pub fn classify_passage(&self, text: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        classify_passage_with(&self.inner, &text, &options)
    }

    #[wasm_bindgen(js_name = modelInfo)]
    pub fn model_info(&self) -> Result<JsValue, JsValue> {
        model_info_of(&self.inner)
    }
}
