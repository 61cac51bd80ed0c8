// What the page asks of the engine. Everything else (chunking, language, summary) is the
// engine's own default, so the page, the npm package and the CLI give the same answer.
export const EVIDENCE_TERMS = 12;

// How the page shows doubt (display only; the probabilities are the engine's): a passage
// whose label has under this probability is marked uncertain, and a runner-up within
// CLOSE_SECOND of the label is named beside it.
export const UNCERTAIN_BELOW = 0.5;
export const CLOSE_SECOND = 0.15;

/** The filter value that shows uncertain passages of any label. */
export const UNCERTAIN_FILTER = 'uncertain';

// The engine's minimum passage length (segment.rs, SegmentOptions::default().min_words):
// used only to explain why a short text gives no passage, never to decide.
export const MIN_WORDS = 6;

// A text with no language found and fewer words than this is called "too short to tell
// its language" rather than "not recognised".
export const SHORT_TEXT_WORDS = 12;

// A text box holding megabytes costs the browser tens of milliseconds on every frame
// (painting, hit testing its lines), so above this many characters it is folded (hidden,
// its text kept) once the text is classified, until the user asks to see it.
export const FOLD_CHARS = 200_000;
