//! The binding's exports called as JavaScript calls them, in Node.js through
//! wasm-bindgen-test-runner (scripts/test-js.sh; `.cargo/config.toml` sets the runner).

#![cfg(target_arch = "wasm32")]

use cyberclause_wasm::{
    classify_packed, classify_passage_packed, labels, max_text_length, model_info, packed_names, packed_nums_at, packed_nums_len, wasm_memory,
    JsClassifier,
};
use js_sys::{Array, Float64Array, Function, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

const MODEL: &[u8] = include_bytes!("../../../models/cyberclause.model");
const LABELS: [&str; 6] = ["cyber_dependent", "cyber_enabled", "content_crime", "procedural_power", "safeguard", "other"];
const ACCESS: &str = "Le fait d'accéder ou de se maintenir frauduleusement dans tout ou partie d'un système de traitement automatisé de données est puni de trois ans d'emprisonnement.";
const SEARCH: &str = "Les officiers de police judiciaire peuvent, sur autorisation du juge des libertés, procéder à la saisie des données informatiques nécessaires à la manifestation de la vérité.";

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn code_of(result: Result<impl Sized, JsValue>) -> String {
    let Err(e) = result else { panic!("expected an error") };
    assert!(e.is_instance_of::<js_sys::Error>(), "a JS Error is thrown");
    assert!(!get(&e, "message").as_string().unwrap().is_empty(), "with a message");
    get(&e, "code").as_string().expect("with a string code")
}

fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

/// Every chunk `classifyPacked` hands over, as `[start, end, nums, strings]`.
fn classify(text: JsValue, opts: JsValue) -> Result<(JsValue, Array), JsValue> {
    let chunks = Array::new();
    let push: JsValue = Function::new_with_args("chunks, ...c", "chunks.push(c)").bind1(&JsValue::NULL, &chunks).into();
    classify_packed(text, opts, push).map(|overview| (overview, chunks))
}

/// The numbers of a passage packed alone, read where the module left them.
fn classify_passage(text: JsValue, opts: JsValue) -> Result<Vec<f64>, JsValue> {
    classify_passage_packed(text, opts).map(|_| last_passage_nums())
}

fn last_passage_nums() -> Vec<f64> {
    let memory: js_sys::WebAssembly::Memory = wasm_memory().unchecked_into();
    let (at, len) = (packed_nums_at() as u32, packed_nums_len() as u32);
    Float64Array::new(&memory.buffer()).slice(at, at + len).to_vec()
}

/// Passages counted in a document's summary.
fn summarised(overview: &JsValue) -> f64 {
    Array::from(&get(overview, "summary")).iter().map(|e| get(&e, "passages").as_f64().unwrap()).sum()
}

fn s(text: &str) -> JsValue {
    JsValue::from_str(text)
}

#[wasm_bindgen_test]
fn text_that_is_not_a_string_is_refused() {
    let boxed = js_sys::eval("new String('boxed')").unwrap();
    for bad in [JsValue::UNDEFINED, JsValue::NULL, JsValue::from(42), Object::new().into(), Array::new().into(), boxed] {
        assert_eq!(code_of(classify(bad.clone(), JsValue::UNDEFINED)), "NOT_A_STRING");
        assert_eq!(code_of(classify_passage(bad.clone(), JsValue::UNDEFINED)), "NOT_A_STRING");

    }
}

#[wasm_bindgen_test]
fn bad_options_are_refused() {
    let text = s(ACCESS);
    let throwing = Object::new();
    let descriptor = options(&[("get", Function::new_no_args("throw new Error('no')").into())]);
    Object::define_property(&throwing, &s("granularity"), descriptor.unchecked_ref());
    let bad = [
        s("auto"),
        Array::new().into(),
        Function::new_no_args("").into(),
        options(&[("granularity", s("word"))]),
        options(&[("granularity", JsValue::from(1))]),
        options(&[("evidence", JsValue::from(-1))]),
        options(&[("evidence", JsValue::from(2.5))]),
        options(&[("evidence", JsValue::from(1001))]),
        options(&[("evidence", s("3"))]),
        options(&[("chunkBytes", JsValue::from(1023))]),
        options(&[("chunkBytes", JsValue::from(f64::NAN))]),
        options(&[("chunkBytes", JsValue::from((2 << 20) + 1))]),
        throwing.into(),
    ];
    for o in bad {
        assert_eq!(code_of(classify(text.clone(), o.clone())), "INVALID_OPTIONS");
        assert_eq!(code_of(classify_passage(text.clone(), o)), "INVALID_OPTIONS");
    }
    // Still usable afterwards.
    assert!(classify(text, JsValue::NULL).is_ok());
}

#[wasm_bindgen_test]
fn bytes_that_are_not_a_model_are_refused() {
    assert_eq!(code_of(JsClassifier::new(s("model"))), "NOT_BYTES");
    assert_eq!(code_of(JsClassifier::new(Array::of1(&JsValue::from(1)).into())), "NOT_BYTES");
    let bytes = |b: &[u8]| JsValue::from(Uint8Array::from(b));
    assert_eq!(code_of(JsClassifier::new(bytes(b""))), "NOT_A_MODEL");
    assert_eq!(code_of(JsClassifier::new(bytes(b"PK\x03\x04 a zip file, not a model"))), "NOT_A_MODEL");
    assert_eq!(code_of(JsClassifier::new(bytes(&MODEL[..MODEL.len() / 2]))), "CORRUPT_MODEL");
    let mut newer = MODEL.to_vec();
    newer[8] = newer[8].wrapping_add(1);
    assert_eq!(code_of(JsClassifier::new(bytes(&newer))), "UNSUPPORTED_MODEL_VERSION");
    let mut flipped = MODEL.to_vec();
    flipped[MODEL.len() / 3] ^= 0x40;
    assert_eq!(code_of(JsClassifier::new(bytes(&flipped))), "CORRUPT_MODEL");
    // An ArrayBuffer works as well as a Uint8Array.
    let buffer = Uint8Array::from(MODEL).buffer();
    let c = JsClassifier::new(buffer.into()).unwrap();
    assert_eq!(get(&c.model_info().unwrap(), "version").as_string(), get(&model_info().unwrap(), "version").as_string());
}

/// A packed passage's label, checked against its scores (see src/packed.rs).
fn check_passage(nums: &[f64]) -> String {
    let scores = &nums[3..9];
    assert!((scores.iter().sum::<f64>() - 1.0).abs() < 1e-9, "scores sum to 1");
    assert!(scores.iter().all(|v| (0.0..=1.0).contains(v)));
    let best = scores.iter().cloned().fold(f64::MIN, f64::max);
    assert_eq!(scores[nums[2] as usize], best, "the label is the most probable");
    LABELS[nums[2] as usize].to_string()
}

#[wasm_bindgen_test]
fn a_passage_is_packed_with_its_scores_offsets_and_names() {
    let names = packed_names().unwrap();
    let ids: Vec<String> = Array::from(&get(&names, "labels")).iter().map(|l| l.as_string().unwrap()).collect();
    assert_eq!(ids, LABELS);
    let langs: Vec<String> = Array::from(&get(&names, "langs")).iter().map(|l| l.as_string().unwrap()).collect();
    assert_eq!(langs, ["fr", "en", "unknown"]);
    let nums = classify_passage(s(ACCESS), JsValue::UNDEFINED).unwrap();
    assert_eq!(check_passage(&nums), "cyber_dependent");
    assert_eq!((nums[0], nums[1]), (0.0, ACCESS.encode_utf16().count() as f64));
    assert_eq!(nums[9], 0.0, "French");
    assert_eq!(nums[11], -1.0, "the text is the input's own");
    let (overview, chunks) = classify(s(&format!("Titre 🔒\n\n{ACCESS}\n\n{SEARCH}")), JsValue::UNDEFINED).unwrap();
    assert_eq!(chunks.length(), 1);
    assert_eq!(summarised(&overview), 2.0);
    assert_eq!(get(&overview, "language").as_string().as_deref(), Some("fr"));
}

#[wasm_bindgen_test]
fn a_lone_surrogate_keeps_offsets_in_step() {
    // A lone surrogate is one UTF-16 unit; it becomes U+FFFD, also one unit.
    let text = JsString::from_char_code1(0xD800).concat(&s(&format!(" \n\n{ACCESS}")));
    let (_, chunks) = classify(text.clone().into(), JsValue::UNDEFINED).unwrap();
    let nums = Float64Array::from(Array::from(&chunks.get(0)).get(2)).to_vec();
    assert_eq!(text.slice(nums[0] as u32, nums[1] as u32), JsString::from(ACCESS));
}

#[wasm_bindgen_test]
fn long_text_limit_and_chunks() {
    assert_eq!(max_text_length(), 64 << 20);
    let over = JsString::from(" ").repeat(max_text_length() as i32 + 1);
    assert_eq!(code_of(classify(over.into(), JsValue::UNDEFINED)), "INPUT_TOO_LARGE");
    let too_long_passage = JsString::from("x").repeat((16 << 20) + 1);
    assert_eq!(code_of(classify_passage(too_long_passage.into(), JsValue::UNDEFINED)), "INPUT_TOO_LARGE");

    let text = s(&format!("{ACCESS}\n\n{SEARCH}\n\n").repeat(40));
    let small = options(&[("chunkBytes", JsValue::from(1024))]);
    let (overview, chunks) = classify(text.clone(), small.clone()).unwrap();
    assert!(chunks.length() > 5);
    assert_eq!(summarised(&overview), 80.0);
    assert_eq!(get(&overview, "length").as_f64(), Some(JsString::from(text.clone()).length() as f64));
    // Chunks follow one another and cover the text.
    let ranges: Vec<(f64, f64)> = chunks.iter().map(|c| (Array::from(&c).get(0).as_f64().unwrap(), Array::from(&c).get(1).as_f64().unwrap())).collect();
    assert_eq!(ranges[0].0, 0.0);
    assert!(ranges.windows(2).all(|w| w[0].1 == w[1].0));
    assert_eq!(ranges.last().unwrap().1, JsString::from(text.clone()).length() as f64);

    assert_eq!(code_of(classify_packed(text.clone(), small.clone(), s("callback"))), "NOT_A_FUNCTION");
    let thrower = Function::new_no_args("throw Object.assign(new Error('mine'), { code: 'MINE' })");
    assert_eq!(code_of(classify_packed(text, small, thrower.into())), "MINE");
}

#[wasm_bindgen_test]
fn labels_and_model_info() {
    let all = Array::from(&labels().unwrap());
    let ids: Vec<String> = all.iter().map(|l| get(&l, "id").as_string().unwrap()).collect();
    assert_eq!(ids, LABELS);
    for l in all.iter() {
        for k in ["nameEn", "nameFr", "definitionEn", "definitionFr"] {
            assert!(!get(&l, k).as_string().unwrap().is_empty());
        }
    }
    let info = model_info().unwrap();
    let hash = get(&info, "corpusHash").as_string().unwrap();
    assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(get(&info, "metrics").is_object());
}
