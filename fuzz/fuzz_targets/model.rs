//! Loading arbitrary bytes as a model file. The first byte picks how: raw bytes (magic,
//! version and checksum checks), or the rest framed as a valid header plus a correct
//! checksum around it (so that the fuzzer reaches the postcard decoder and the consistency
//! checks of `Model::new`). A model that loads must score text into probabilities.

#![no_main]

use cyberclause::{Classifier, ClassifyOptions, Model, FORMAT_VERSION, MAGIC};
use cyberclause_fuzz::invariants::check_document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode & 1 == 0 {
        rest.to_vec()
    } else {
        let mut framed = Vec::with_capacity(rest.len() + 18);
        framed.extend_from_slice(MAGIC);
        framed.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        framed.extend_from_slice(rest);
        framed.extend_from_slice(&cyberclause_fuzz::fnv1a(rest).to_le_bytes());
        framed
    };
    match Model::from_bytes(&bytes) {
        Err(e) => {
            assert!(!e.code().is_empty() && !e.to_string().is_empty());
            if mode & 1 == 1 {
                assert!(matches!(e.code(), "CORRUPT_MODEL" | "INVALID_MODEL"), "framed payload refused as {}", e.code());
            }
        }
        Ok(model) => {
            // Compared as bytes: metrics may hold NaN, which is not equal to itself.
            let bytes = model.to_bytes();
            assert_eq!(Model::from_bytes(&bytes).unwrap().to_bytes(), bytes, "round trip");
            let c = Classifier::new(model);
            let text = "Article 1\nLe fait d'accéder frauduleusement à un système informatique est puni.\n\n\
                        Each Party shall adopt such measures as may be necessary to preserve computer data.";
            let doc = c.classify(text, &ClassifyOptions::default()).unwrap();
            if let Err(e) = check_document(text, &doc, 8) {
                panic!("{e}");
            }
        }
    }
});
