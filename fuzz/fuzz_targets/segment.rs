//! Normalisation and segmentation of arbitrary strings, at every granularity, with the
//! document's own lexicon plus the model's vocabulary (as `Classifier::classify` does).

#![no_main]

use cyberclause::{segment, Granularity, Lexicon, SegmentOptions};
use cyberclause_fuzz::invariants::{check_spans, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let mut lexicon = Lexicon::new();
    lexicon.add_text(src);
    lexicon.extend(cyberclause_fuzz::classifier().model().vocabulary_words(), 3);
    for granularity in [Granularity::Auto, Granularity::Paragraph, Granularity::Sentence] {
        let opts = SegmentOptions { granularity, ..SegmentOptions::default() };
        let segs = segment(src, &lexicon, &opts);
        let spans: Vec<Span> = segs.iter().map(Span::from).collect();
        if let Err(e) = check_spans(src, &spans) {
            panic!("{granularity:?}: {e}");
        }
        for s in &segs {
            let words = s.text.split(' ').filter(|w| w.chars().any(char::is_alphanumeric)).count();
            assert!(words >= opts.min_words && words <= opts.max_words, "{granularity:?}: {words} words in {:?}", s.text);
        }
        assert_eq!(segs, segment(src, &lexicon, &opts), "segmentation is not deterministic");
    }
    let folded = cyberclause::fold(src);
    assert_eq!(cyberclause::fold(&folded), folded, "fold is not idempotent");
});
