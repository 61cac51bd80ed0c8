//! Checking what JavaScript passes in, and the errors thrown back.

use cyberclause::{ClassifyOptions, Granularity, DEFAULT_CHUNK_BYTES};
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Longest text accepted, in UTF-16 units (`text.length`): 64 Mi. Beyond the core's
/// 16 MiB per call, text is classified in chunks; this bound keeps the worst case
/// (three UTF-8 bytes per unit, plus the result objects) well inside wasm32 memory and
/// a default Node heap.
pub const MAX_INPUT_UNITS: usize = 64 << 20;

/// Upper bound accepted for `options.context` (the weight of heading titles).
/// (An integer: the error message writes it, and formatting a float would bring
/// 14 KB of float printing into the module.)
const MAX_CONTEXT: u8 = 2;

/// Upper bound accepted for `options.evidence`.
const MAX_EVIDENCE: usize = 1000;
/// Bounds of `options.chunkBytes`. A chunk is shorter than 8 × chunkBytes (see
/// `cyberclause::chunk_ranges`), which must stay within the core's 16 MiB per call.
const MIN_CHUNK_BYTES: usize = 1 << 10;
const MAX_CHUNK_BYTES: usize = 2 << 20;

/// A JS `Error` with a stable `code` property.
pub fn js_error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error object cannot fail; ignore the Result anyway.
    let _ = Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(code));
    err.into()
}

pub fn core_error(e: &cyberclause::Error) -> JsValue {
    js_error(e.code(), &e.to_string())
}

/// A thrown JS value, convertible from core errors (so `?` works on both).
pub struct Thrown(pub JsValue);

impl From<cyberclause::Error> for Thrown {
    fn from(e: cyberclause::Error) -> Self {
        Thrown(core_error(&e))
    }
}

impl From<JsValue> for Thrown {
    fn from(v: JsValue) -> Self {
        Thrown(v)
    }
}

/// The text as a Rust string; refused when it is not a primitive string or is longer
/// than `max_units` UTF-16 units.
pub fn text_arg(text: &JsValue, max_units: usize) -> Result<String, JsValue> {
    let Some(s) = text.dyn_ref::<js_sys::JsString>() else {
        return Err(js_error("NOT_A_STRING", "text must be a string"));
    };
    // Checked on the JS length, before copying anything into wasm memory.
    let units = s.length() as usize;
    if units > max_units {
        return Err(js_error(
            "INPUT_TOO_LARGE",
            &format!("text is {units} UTF-16 units long, over the limit of {max_units}"),
        ));
    }
    // Lone surrogates become U+FFFD, one UTF-16 unit each, so offsets are unchanged.
    Ok(String::from(s))
}

/// Options as the core wants them, plus the chunk size.
pub struct Opts {
    pub core: ClassifyOptions,
    pub chunk_bytes: usize,
}

pub fn options_arg(options: &JsValue) -> Result<Opts, JsValue> {
    let mut opts = Opts {
        core: ClassifyOptions::default(),
        chunk_bytes: DEFAULT_CHUNK_BYTES,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(opts);
    }
    if !options.is_object() || options.is_function() || js_sys::Array::is_array(options) {
        return Err(js_error("INVALID_OPTIONS", "options must be an object"));
    }
    if let Some(g) = field(options, GRANULARITY)? {
        opts.core.granularity = granularity(&g)?;
    }
    if let Some(e) = field(options, EVIDENCE)? {
        opts.core.evidence = integer(&e, "evidence", 0, MAX_EVIDENCE)?;
    }
    if let Some(c) = field(options, CONTEXT)? {
        opts.core.context = match c.as_f64() {
            Some(w) if (0.0..=f64::from(MAX_CONTEXT)).contains(&w) => w,
            _ => return Err(js_error("INVALID_OPTIONS", &format!("options.context must be a number from 0 to {MAX_CONTEXT}"))),
        };
    }
    if let Some(c) = field(options, CHUNK_BYTES)? {
        opts.chunk_bytes = integer(&c, "chunkBytes", MIN_CHUNK_BYTES, MAX_CHUNK_BYTES)?;
    }
    Ok(opts)
}

/// The options read, by name.
const NAMES: [&str; 4] = ["granularity", "evidence", "context", "chunkBytes"];
const GRANULARITY: usize = 0;
const EVIDENCE: usize = 1;
const CONTEXT: usize = 2;
const CHUNK_BYTES: usize = 3;

thread_local! {
    /// The names as JS strings, made once: made at every call, they were a string
    /// decoded per option per call (about 7 % of `classifyPassage` with options).
    static KEYS: [JsValue; 4] = NAMES.map(JsValue::from_str);
}

/// `options[NAMES[key]]`, `None` when undefined; a throwing getter becomes INVALID_OPTIONS.
fn field(options: &JsValue, key: usize) -> Result<Option<JsValue>, JsValue> {
    let v = KEYS
        .with(|keys| Reflect::get(options, &keys[key]))
        .map_err(|_| js_error("INVALID_OPTIONS", &format!("options.{} cannot be read", NAMES[key])))?;
    Ok((!v.is_undefined()).then_some(v))
}

fn granularity(v: &JsValue) -> Result<Granularity, JsValue> {
    match v.as_string().as_deref() {
        Some("auto") => Ok(Granularity::Auto),
        Some("paragraph") => Ok(Granularity::Paragraph),
        Some("sentence") => Ok(Granularity::Sentence),
        _ => Err(js_error("INVALID_OPTIONS", "options.granularity must be \"auto\", \"paragraph\" or \"sentence\"")),
    }
}

fn integer(v: &JsValue, key: &str, min: usize, max: usize) -> Result<usize, JsValue> {
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (min as f64..=max as f64).contains(&n) => Ok(n as usize),
        _ => Err(js_error("INVALID_OPTIONS", &format!("options.{key} must be an integer from {min} to {max}"))),
    }
}
