// What the page asks of the engine. Everything else (chunking, language, summary) is the
// engine's own default, so the page, the npm package and the CLI give the same answer.
export const EVIDENCE_TERMS = 12;
