// Types of the `cyberclause` package (hand-written; the same for every entry point).

/** The six label ids of the labelling guide, in score order. */
export type LabelId =
  | "cyber_dependent"
  | "cyber_enabled"
  | "content_crime"
  | "procedural_power"
  | "safeguard"
  | "other";

/** Language of one passage. */
export type PassageLanguage = "fr" | "en" | "unknown";

/** Language of a whole document. */
export type DocumentLanguage = "fr" | "en" | "mixed" | "unknown";

/** How finely `classify` cuts the text. */
export type Granularity = "auto" | "paragraph" | "sentence";

export interface ClassifyOptions {
  /**
   * `"auto"` (default): articles, points and paragraphs, long prose paragraphs in groups
   * of at most three sentences; `"paragraph"`: never split a paragraph; `"sentence"`: one
   * passage per sentence. Ignored by `classifyPassage`.
   */
  granularity?: Granularity;
  /** Evidence terms per passage, an integer from 0 to 1000. Default 8. */
  evidence?: number;
  /**
   * Weight of the titles of the headings above each passage ("Article 19 — Search and
   * seizure of stored computer data") in its judgement, from 0 (each passage alone) to 2.
   * Default 0.75. Ignored by `classifyPassage`.
   */
  context?: number;
  /**
   * Long text is classified in chunks of about this many UTF-8 bytes, cut at blank lines
   * (as the `cyberclause` CLI does); the worker reports progress once per chunk. An
   * integer from 1024 to 2097152 (2 MiB); default 1048576 (1 MiB). Ignored by
   * `classifyPassage`.
   */
  chunkBytes?: number;
}

/** Calibrated probabilities of the six labels; they sum to 1. */
export type Scores = Record<LabelId, number>;

/** A term that pushed the passage towards its label, with its (positive) weight. */
export interface Evidence {
  /** The term as the model sees it: folded (lower case, no accents), one word or two. */
  term: string;
  /** Its exact share of the label's logit margin. */
  weight: number;
  /** Where it stands in the input, UTF-16 offsets (every occurrence in the passage). */
  spans: { start: number; end: number }[];
}

export interface Passage {
  /** The passage as classified (repaired of PDF damage, NFC-normalised). */
  text: string;
  /** UTF-16 offsets into the input: `input.slice(start, end)` is where the passage lies. */
  start: number;
  end: number;
  /** The most probable label. */
  label: LabelId;
  scores: Scores;
  lang: PassageLanguage;
  /** Strongest evidence first (empty for a heading). */
  evidence: Evidence[];
  /**
   * `"heading"` for a heading line ("Chapter II", "Article 16 — Expedited preservation"),
   * which takes the label of the passages it heads when they all agree, else `other`;
   * `"passage"` for text the model classified.
   */
  kind: "passage" | "heading";
  /** The headings above, outermost first, e.g. `["Chapter II", "Section 2", "Article 19"]`. */
  path: string[];
  /**
   * A short reference built from `path` and the passage's own number: `"Art. 19 §3"`,
   * `"Art. L. 34-1 §II 1°"`, `"Art. 6 §2 b)"`; the innermost keyword heading when no
   * article is open (`"Section 2"`); `""` when there is nothing to cite.
   */
  reference: string;
}

/** Per-label totals of a document. */
export interface LabelSummary {
  label: LabelId;
  /** Number of passages with this label. */
  passages: number;
  /** Share of the classified text (in characters) under this label, from 0 to 1. */
  share: number;
}

export interface ClassifiedDocument {
  language: DocumentLanguage;
  passages: Passage[];
  /** One entry per label, in score order. */
  summary: LabelSummary[];
}

/** One chunk of a long text, as `classifyChunks` hands it over. */
export interface Chunk {
  /** UTF-16 offsets of the chunk in the whole text. */
  start: number;
  end: number;
  /** The chunk's passages; their offsets are into the whole text too. */
  passages: Passage[];
}

/** What `classifyChunks` returns once every chunk has been handed over. */
export interface DocumentOverview {
  language: DocumentLanguage;
  summary: LabelSummary[];
  /** Length of the text in UTF-16 units (`text.length`). */
  length: number;
}

export interface LabelInfo {
  id: LabelId;
  nameEn: string;
  nameFr: string;
  definitionEn: string;
  definitionFr: string;
}

export interface ModelInfo {
  /** Model version, e.g. "2026.11.1". */
  version: string;
  /** SHA-256 of the training corpus, hex. */
  corpusHash: string;
  /** Training date, YYYY-MM-DD. */
  trained: string;
  /** Algorithm and hyper-parameters, human-readable. */
  algorithm: string;
  /** Headline metrics, e.g. `cv_macro_f1`. */
  metrics: Record<string, number>;
}

/** The stable `code` of every error the package throws. */
export type ErrorCode =
  | "NOT_A_STRING"
  | "INPUT_TOO_LARGE"
  | "INVALID_OPTIONS"
  | "NOT_BYTES"
  | "NOT_A_MODEL"
  | "UNSUPPORTED_MODEL_VERSION"
  | "CORRUPT_MODEL"
  | "INVALID_MODEL"
  | "NOT_A_FUNCTION"
  | "INVALID_PASSAGES"
  | "NOT_SUPPORTED"
  | "NO_SIMD"
  | "WORKER_FAILED"
  | "WORKER_TERMINATED"
  | "ABORTED"
  | "INTERNAL";

/**
 * Why a safeguard bears on a power, strongest first: both under the same innermost
 * article heading; a citation (see `SafeguardVia`); both under the same headings above
 * their articles.
 */
export type SafeguardReason = "same_article" | "citation" | "same_section";

/** The citation behind a link by citation. */
export interface SafeguardVia {
  /**
   * `"power"`: a passage of the power's article cites the safeguard's article;
   * `"section"`: a clause of the power's section ("the powers … in this Section are subject
   * to … Article 15") cites it; `"safeguard"`: the safeguard cites the power's article or
   * its section ("this Section", "Section 2").
   */
  by: "power" | "section" | "safeguard";
  /** Index of the citing passage. */
  passage: number;
  reference: string;
  /** The words cited: `"Article 15"`, `"this Section"`. */
  text: string;
}

export interface SafeguardLink {
  /** Index of the safeguard passage (in the array given to `linkSafeguards`). */
  safeguard: number;
  reference: string;
  reason: SafeguardReason;
  /** Set for a link by citation, else `null`. */
  via: SafeguardVia | null;
}

export interface PowerLinks {
  /** Index of the procedural-power passage. */
  power: number;
  reference: string;
  /** Strongest reason first, then in document order; empty for a power with no safeguard. */
  safeguards: SafeguardLink[];
  /**
   * Safeguards of the same section not listed: past 20 same-section links per power (a
   * long chapter without sections would tie every power to every safeguard in it). Links
   * by article and by citation are always all listed.
   */
  more: number;
}

export interface SafeguardMap {
  /** Every passage labelled `procedural_power`, in document order. */
  powers: PowerLinks[];
  /** Indices of the powers with no safeguard. */
  unguarded: number[];
}

export interface CompareOptions extends ClassifyOptions {
  /**
   * Least similarity (cosine of word counts, numbers left out) for two passages to be
   * aligned, above 0 and at most 1. Default 0.5.
   */
  threshold?: number;
}

/** A run of words with the same fate; offsets are UTF-16 units into each draft. */
export interface DiffRun {
  op: "equal" | "insert" | "delete";
  /** The words as written (the new draft's for an equal run). */
  text: string;
  /** Where they stand in the old draft (equal and deleted runs), else `null`. */
  old: { start: number; end: number } | null;
  /** Where they stand in the new draft (equal and inserted runs), else `null`. */
  new: { start: number; end: number } | null;
}

/** An old passage and the new passage that continues it. */
export interface PassageChange {
  /** Index into `old.passages`. */
  old: number;
  /** Index into `new.passages`. */
  new: number;
  /** 0..1. */
  similarity: number;
  /** Aligned out of order: the passage moved. */
  moved: boolean;
  oldLabel: LabelId;
  newLabel: LabelId;
  diff: DiffRun[];
}

/** What happened to one label's passages between the drafts. */
export interface LabelDelta {
  label: LabelId;
  /** Indices into `new.passages`. */
  added: number[];
  /** Indices into `old.passages`. */
  removed: number[];
  /** Aligned pairs whose new passage has this label and whose words changed, or which moved. */
  changed: PassageChange[];
  /** Aligned pairs with this label, same words, same place. */
  unchanged: number;
}

export interface Comparison {
  old: ClassifiedDocument;
  new: ClassifiedDocument;
  /** One per label, in score order. */
  labels: LabelDelta[];
  /** Aligned pairs whose label differs between the drafts. */
  labelChanges: PassageChange[];
  threshold: number;
}

/** What the package throws: a plain `Error` with a stable `code`. */
export interface CyberclauseError extends Error {
  code: ErrorCode;
}

/** Longest `text` accepted by `classify` and `classifyChunks`, in UTF-16 units (64 Mi). */
export declare const MAX_TEXT_LENGTH: number;

/**
 * Cuts `text` into passages and classifies each with the bundled model. Text longer than
 * `chunkBytes` is classified chunk by chunk; over `MAX_TEXT_LENGTH` it is refused
 * (`INPUT_TOO_LARGE`).
 */
export declare function classify(text: string, options?: ClassifyOptions | null): ClassifiedDocument;

/**
 * Like `classify`, but hands each chunk's passages to `onChunk` as soon as they are
 * ready instead of gathering them; returns the language and summary. An exception thrown
 * by `onChunk` stops the work and propagates.
 */
export declare function classifyChunks(
  text: string,
  options: ClassifyOptions | null | undefined,
  onChunk: (chunk: Chunk) => void,
): DocumentOverview;

/** Classifies `text` as one passage (no segmentation) with the bundled model; up to 16 MiB of UTF-8. */
export declare function classifyPassage(text: string, options?: ClassifyOptions | null): Passage;

/**
 * Each procedural power among `passages` (as `classify` returns them: `label`, `kind`,
 * `path` and `text` are read) with the safeguards that bear on it, and the powers with
 * none. Throws `INVALID_PASSAGES` for anything else.
 */
export declare function linkSafeguards(passages: Passage[]): SafeguardMap;

/**
 * Classifies two drafts with the bundled model, aligns their passages by similarity, and
 * says per label what was added, removed and changed (with a word diff), and which
 * passages changed label.
 */
export declare function compare(oldText: string, newText: string, options?: CompareOptions | null): Comparison;

/** The six labels, in score order, with names and definitions in English and French. */
export declare function labels(): LabelInfo[];

/** What the bundled model says about itself. */
export declare function modelInfo(): ModelInfo;

/** A classifier over a model file of your own (same format as the bundled one). */
export declare class Classifier {
  /** Throws with code `NOT_BYTES`, `NOT_A_MODEL`, `UNSUPPORTED_MODEL_VERSION`, `CORRUPT_MODEL` or `INVALID_MODEL`. */
  constructor(model: Uint8Array | ArrayBuffer);
  classify(text: string, options?: ClassifyOptions | null): ClassifiedDocument;
  classifyChunks(
    text: string,
    options: ClassifyOptions | null | undefined,
    onChunk: (chunk: Chunk) => void,
  ): DocumentOverview;
  classifyPassage(text: string, options?: ClassifyOptions | null): Passage;
  compare(oldText: string, newText: string, options?: CompareOptions | null): Comparison;
  modelInfo(): ModelInfo;
  /** Releases the model's WebAssembly memory now rather than at garbage collection. */
  free(): void;
}
