//! Normalisation and segmentation of arbitrary strings, at every granularity, with the
//! document's own lexicon plus the model's vocabulary (as `Classifier::classify` does).

#![no_main]

use cyberclause::{segment, Granularity, Kind, Lexicon, Segment, SegmentOptions};
use cyberclause_fuzz::invariants::{check_spans, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|src: &str| {
    let mut lexicon = Lexicon::over(cyberclause_fuzz::classifier().model().lexicon());
    lexicon.add_text(src);
    for granularity in [Granularity::Auto, Granularity::Paragraph, Granularity::Sentence] {
        let opts = SegmentOptions { granularity, ..SegmentOptions::default() };
        let segs = segment(src, &lexicon, &opts);
        let spans: Vec<Span> = segs.iter().map(Span::from).collect();
        if let Err(e) = check_spans(src, &spans) {
            panic!("{granularity:?}: {e}");
        }
        // As the property tests: a heading or passage has at least one word and at most
        // the cap plus a fragment joined at each end; a document with passages has one of
        // the minimum length (headings and fragments at a section's end may be shorter).
        let count = |s: &Segment| s.text.split(' ').filter(|w| w.chars().any(char::is_alphanumeric)).count();
        for s in &segs {
            let words = count(s);
            assert!((1..=opts.max_words + 2 * (opts.min_words - 1)).contains(&words), "{granularity:?}: {words} words in {:?}", s.text);
        }
        let long = |s: &Segment| s.kind == Kind::Passage && count(s) >= opts.min_words;
        assert!(segs.is_empty() || segs.iter().any(long), "{granularity:?}: no passage of {} words", opts.min_words);
        assert_eq!(segs, segment(src, &lexicon, &opts), "segmentation is not deterministic");
    }
    let folded = cyberclause::fold(src);
    assert_eq!(cyberclause::fold(&folded), folded, "fold is not idempotent");
});
