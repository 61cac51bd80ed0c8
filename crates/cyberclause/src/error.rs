//! The one error type of the core crate.

use thiserror::Error;

/// Everything that can go wrong in the core library. Each variant has a stable
/// [`Error::code`] that the CLI and the JavaScript binding pass on to users.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum Error {
    /// The text is longer than the caller allows (see `ClassifyOptions::max_bytes`).
    #[error("input is {len} bytes, over the limit of {max} bytes")]
    InputTooLarge { len: usize, max: usize },
    /// The model file does not start with the cyberclause magic bytes.
    #[error("not a cyberclause model file (bad magic bytes)")]
    NotAModel,
    /// The model file was written by another format version.
    #[error("model format version {found} is not supported (this build reads version {expected})")]
    UnsupportedVersion { found: u16, expected: u16 },
    /// The model file is truncated or its checksum does not match.
    #[error("model file is corrupted: {0}")]
    CorruptModel(String),
    /// The model decoded but its parts do not fit together.
    #[error("model is inconsistent: {0}")]
    InvalidModel(String),
    /// Settings out of range (a comparison's similarity threshold, a chunk size).
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    /// Training data that cannot produce a model.
    #[error("invalid training data: {0}")]
    InvalidTrainingData(String),
    /// A failure inside linfa while training.
    #[error("training failed: {0}")]
    Training(String),
}

impl Error {
    /// A short stable identifier, e.g. `"INPUT_TOO_LARGE"`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InputTooLarge { .. } => "INPUT_TOO_LARGE",
            Error::NotAModel => "NOT_A_MODEL",
            Error::UnsupportedVersion { .. } => "UNSUPPORTED_MODEL_VERSION",
            Error::CorruptModel(_) => "CORRUPT_MODEL",
            Error::InvalidModel(_) => "INVALID_MODEL",
            Error::InvalidOptions(_) => "INVALID_OPTIONS",
            Error::InvalidTrainingData(_) => "INVALID_TRAINING_DATA",
            Error::Training(_) => "TRAINING_FAILED",
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
