// Types of `cyberclause/worker` (hand-written; the same for every entry point).
import type { ClassifiedDocument, ClassifyOptions, Comparison, CompareOptions, LabelInfo, ModelInfo, Passage, SafeguardMap } from "./index.js";

/** Progress of one request, reported once per chunk (see `ClassifyOptions.chunkBytes`). */
export interface WorkerProgress {
  /** Where the chunk just classified starts, in UTF-16 units. */
  start: number;
  /** UTF-16 units of the text classified so far (where that chunk ends). */
  done: number;
  /** `text.length`. */
  total: number;
  /** The passages of the chunk just classified; offsets are into the whole text. */
  passages: Passage[];
}

export interface WorkerClassifyOptions extends ClassifyOptions {
  /** Called in the calling thread after each chunk; if it throws, the promise rejects with that. */
  onProgress?: (progress: WorkerProgress) => void;
  /**
   * Cancels the request: its promise rejects with `ABORTED` at once, and the worker drops
   * it if it has not started (one that has started runs to its end, its results unused).
   * An `AbortSignal`, or anything with `aborted` and `addEventListener("abort", …)`.
   */
  signal?: { readonly aborted: boolean; addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void };
}

/** A classifier running in a Web Worker (browsers) or a worker thread (Node.js). */
export interface WorkerClassifier {
  /**
   * Classifies `text` off the calling thread. Resolves to exactly what `classify(text,
   * options)` returns; rejects with an `Error` with a `code` (the same codes as
   * `classify`, plus `WORKER_FAILED` and `WORKER_TERMINATED`). Requests run one after
   * another.
   */
  classify(text: string, options?: WorkerClassifyOptions | null): Promise<ClassifiedDocument>;
  /**
   * Two drafts compared off the calling thread: resolves to what `compare(oldText,
   * newText, options)` returns. `options.signal` cancels it as for `classify`.
   */
  compare(oldText: string, newText: string, options?: (CompareOptions & Pick<WorkerClassifyOptions, "signal">) | null): Promise<Comparison>;
  /** What `linkSafeguards(passages)` returns, computed in the worker. */
  linkSafeguards(passages: Passage[]): Promise<SafeguardMap>;
  /** The six labels, as `labels()` returns them, and `modelInfo()` of the bundled model. */
  info(): Promise<{ labels: LabelInfo[]; model: ModelInfo }>;
  /** Stops the worker; pending and later requests reject with `WORKER_TERMINATED`. */
  terminate(): void;
}

/**
 * What the browser helper needs of a `Worker` (a DOM `Worker` has it; spelled out so
 * that projects without the DOM library type-check).
 */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(
    type: "message" | "error" | "messageerror",
    listener: (event: { readonly data?: unknown; readonly message?: string }) => void,
  ): void;
}

/**
 * Starts a worker with the bundled model. In browsers you may pass a `Worker` you
 * started yourself on `cyberclause/worker-script` (a module worker); Node.js starts a
 * `worker_threads` thread that does not keep the process alive while idle.
 */
export declare function createWorkerClassifier(worker?: WorkerLike): WorkerClassifier;
