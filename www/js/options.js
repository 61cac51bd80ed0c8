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
