//! Classification of arbitrary bytes (decoded lossily, as the CLI does) with the committed
//! model: offsets, probabilities, evidence, summary, determinism, and each passage scored
//! alone like inside the document (when no heading title weighs in).

#![no_main]

use cyberclause::{ClassifyOptions, Granularity, Kind, DEFAULT_CONTEXT};
use cyberclause_fuzz::invariants::{check_document, check_passage_scores};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&knob, rest)) = data.split_first() else { return };
    let granularity = [Granularity::Auto, Granularity::Paragraph, Granularity::Sentence][usize::from(knob % 3)];
    let evidence = usize::from(knob / 3 % 12);
    // Half the runs judge each passage alone (context 0), so that it must score as alone.
    let context = if knob >= 128 { 0.0 } else { DEFAULT_CONTEXT };
    let opts = ClassifyOptions { granularity, evidence, context, ..ClassifyOptions::default() };
    let text = String::from_utf8_lossy(rest);
    let c = cyberclause_fuzz::classifier();
    let doc = c.classify(&text, &opts).expect("input far under the size limit");
    if let Err(e) = check_document(&text, &doc, evidence) {
        panic!("{e}");
    }
    let again = c.classify(&text, &opts).unwrap();
    // (Compared as values, not as their Debug text: formatting every float and string
    // was a twentieth of each execution. The scores are finite, checked above.)
    assert!(doc == again, "classification is not deterministic: {doc:?} then {again:?}");
    // Headings take the label of what they head; a passage under titles weighs them in
    // (context): only the others must score exactly as they do alone.
    for p in doc.passages.iter().filter(|p| p.kind == Kind::Passage && (context == 0.0 || p.path.is_empty())) {
        let alone = c.classify_passage(&p.text, evidence);
        assert_eq!((alone.label, alone.scores), (p.label, p.scores));
    }
    let whole = c.classify_passage(&text, evidence);
    if let Err(e) = check_passage_scores(&whole, evidence) {
        panic!("whole text as one passage: {e}");
    }
    assert_eq!(whole.span.end, text.len());
});
