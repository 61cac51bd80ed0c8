//! Shared by the fuzz targets: the invariants the property tests also check, and the
//! committed model.

#[path = "../../crates/cyberclause/tests/support/invariants.rs"]
pub mod invariants;

use std::sync::OnceLock;

use cyberclause::Classifier;

/// The committed model, loaded once per process.
pub fn classifier() -> &'static Classifier {
    static C: OnceLock<Classifier> = OnceLock::new();
    C.get_or_init(|| Classifier::from_bytes(include_bytes!("../../models/cyberclause.model")).expect("committed model loads"))
}

/// FNV-1a 64, the model file's checksum (model.rs), to frame fuzzed payloads.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}
