//! The analyses over classified text, for JavaScript: `linkSafeguards` (each procedural
//! power with the safeguards that bear on it) and `compare` (two drafts). The core decides;
//! this converts arguments and results (camelCase, UTF-16 offsets).

use cyberclause::{Change, Classifier as Core, CompareOptions, Comparison, Document, Kind, Label, LabelSummary, DocLang, Run, Op};
use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::args::{core_error, js_error, options_arg, text_arg, MAX_INPUT_UNITS};
use crate::{JsPassage, JsRange};

/// What `linkSafeguards` reads of each passage; other fields are ignored. Read with
/// `Reflect` rather than serde's deserializer, which would add its code to the module.
struct InPassage {
    label: Label,
    kind: Kind,
    path: Vec<String>,
    text: String,
}

fn bad(i: u32, what: &str) -> JsValue {
    js_error("INVALID_PASSAGES", &format!("passages[{i}]: {what} (give the passages as classify returns them)"))
}

fn get(obj: &JsValue, key: &str, i: u32) -> Result<JsValue, JsValue> {
    Reflect::get(obj, &JsValue::from_str(key)).map_err(|_| bad(i, &format!("{key} cannot be read")))
}

fn read_passage(p: &JsValue, i: u32) -> Result<InPassage, JsValue> {
    if !p.is_object() {
        return Err(bad(i, "not an object"));
    }
    let label = get(p, "label", i)?.as_string().and_then(|l| Label::from_id(&l)).ok_or_else(|| bad(i, "label is not a label id"))?;
    let kind = match get(p, "kind", i)?.as_string().as_deref() {
        None | Some("passage") => Kind::Passage,
        Some("heading") => Kind::Heading,
        Some(_) => return Err(bad(i, "kind must be \"passage\" or \"heading\"")),
    };
    let path_value = get(p, "path", i)?;
    let path = if path_value.is_undefined() || path_value.is_null() {
        Vec::new()
    } else if let Some(a) = path_value.dyn_ref::<js_sys::Array>() {
        a.iter().map(|h| h.as_string().ok_or_else(|| bad(i, "path must hold strings"))).collect::<Result<_, _>>()?
    } else {
        return Err(bad(i, "path must be an array of strings"));
    };
    let text = match get(p, "text", i)? {
        t if t.is_undefined() || t.is_null() => String::new(),
        t => t.as_string().ok_or_else(|| bad(i, "text must be a string"))?,
    };
    Ok(InPassage { label, kind, path, text })
}

/// Links the procedural powers among `passages` (as `classify` returns them) to the
/// safeguards that bear on them.
pub fn link_safeguards(passages: &JsValue) -> Result<JsValue, JsValue> {
    let Some(array) = passages.dyn_ref::<js_sys::Array>() else {
        return Err(js_error("INVALID_PASSAGES", "passages must be an array of passages as classify returns them"));
    };
    let units: Vec<InPassage> = array.iter().zip(0u32..).map(|(p, i)| read_passage(&p, i)).collect::<Result<_, _>>()?;
    let units: Vec<cyberclause::Unit> =
        units.iter().map(|u| cyberclause::Unit { label: u.label, kind: u.kind, path: &u.path, text: &u.text }).collect();
    serialize(&cyberclause::link_safeguards(&units))
}

/// Results as JS values; an absent value (`via` of a link not by citation, `old` of an
/// inserted run) is `null`, as the types say, not `undefined`.
fn serialize<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);
    value.serialize(&ser).map_err(|e| js_error("INTERNAL", &format!("could not convert the result: {e}")))
}

/// Least and greatest `options.threshold`.
const THRESHOLD: (f64, f64) = (0.0, 1.0);

fn compare_options(options: &JsValue) -> Result<CompareOptions, JsValue> {
    let base = options_arg(options)?;
    let mut opts = CompareOptions { classify: base.core, chunk_bytes: base.chunk_bytes, ..Default::default() };
    if options.is_object() {
        let t = Reflect::get(options, &JsValue::from_str("threshold"))
            .map_err(|_| js_error("INVALID_OPTIONS", "options.threshold cannot be read"))?;
        if !t.is_undefined() {
            opts.threshold = match t.as_f64() {
                Some(x) if x > THRESHOLD.0 && x <= THRESHOLD.1 => x,
                _ => return Err(js_error("INVALID_OPTIONS", "options.threshold must be a number above 0 and at most 1")),
            };
        }
    }
    Ok(opts)
}

pub fn compare(core: &Core, old: &JsValue, new: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let opts = compare_options(options)?;
    let old = text_arg(old, MAX_INPUT_UNITS)?;
    let new = text_arg(new, MAX_INPUT_UNITS)?;
    let cmp = core.compare(&old, &new, &opts).map_err(|e| core_error(&e))?;
    serialize(&JsComparison::from(&cmp))
}

#[derive(Serialize)]
struct JsDoc<'a> {
    language: DocLang,
    passages: Vec<JsPassage<'a>>,
    summary: &'a [LabelSummary],
}

impl<'a> From<&'a Document> for JsDoc<'a> {
    fn from(d: &'a Document) -> Self {
        JsDoc { language: d.language, passages: d.passages.iter().map(JsPassage::from).collect(), summary: &d.summary }
    }
}

#[derive(Serialize)]
struct JsRun<'a> {
    op: Op,
    text: &'a str,
    old: Option<JsRange>,
    new: Option<JsRange>,
}

impl<'a> From<&'a Run> for JsRun<'a> {
    fn from(r: &'a Run) -> Self {
        let range = |s: Option<cyberclause::Span>| s.map(|s| JsRange { start: s.start_utf16, end: s.end_utf16 });
        JsRun { op: r.op, text: &r.text, old: range(r.old), new: range(r.new) }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsChange<'a> {
    old: usize,
    new: usize,
    similarity: f64,
    moved: bool,
    old_label: Label,
    new_label: Label,
    diff: Vec<JsRun<'a>>,
}

impl<'a> From<&'a Change> for JsChange<'a> {
    fn from(c: &'a Change) -> Self {
        JsChange {
            old: c.old,
            new: c.new,
            similarity: c.similarity,
            moved: c.moved,
            old_label: c.old_label,
            new_label: c.new_label,
            diff: c.diff.iter().map(JsRun::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsDelta<'a> {
    label: Label,
    added: &'a [usize],
    removed: &'a [usize],
    changed: Vec<JsChange<'a>>,
    unchanged: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsComparison<'a> {
    old: JsDoc<'a>,
    new: JsDoc<'a>,
    labels: Vec<JsDelta<'a>>,
    label_changes: Vec<JsChange<'a>>,
    threshold: f64,
}

impl<'a> From<&'a Comparison> for JsComparison<'a> {
    fn from(c: &'a Comparison) -> Self {
        JsComparison {
            old: JsDoc::from(&c.old),
            new: JsDoc::from(&c.new),
            labels: c
                .labels
                .iter()
                .map(|d| JsDelta {
                    label: d.label,
                    added: &d.added,
                    removed: &d.removed,
                    changed: d.changed.iter().map(JsChange::from).collect(),
                    unchanged: d.unchanged,
                })
                .collect(),
            label_changes: c.label_changes.iter().map(JsChange::from).collect(),
            threshold: c.threshold,
        }
    }
}
