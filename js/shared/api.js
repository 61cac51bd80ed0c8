// The package's classify functions over the wasm exports. The engine hands passages over
// packed (numbers in a Float64Array, strings in one string; the layout is documented in
// crates/cyberclause-wasm/src/packed.rs) and they become objects here: built in JS, an
// object costs a fraction of what setting each field across the boundary did.
// build-pkg.sh copies this file into web/ as is and into node/ as CommonJS.

/** Throws a plain Error with a stable `code`, as the wasm exports do. */
function fail(code, message) {
  const err = new Error(message);
  err.code = code;
  throw err;
}

// The engine is compiled with WebAssembly SIMD (scripts/build-pkg.sh). A runtime without
// it (Safari before 16.4, Chrome and Firefox before mid-2021) cannot compile the module
// and would throw a CompileError naming an opcode: this smallest module with a SIMD
// instruction (i8x16.splat, i8x16.popcnt) tells first.
const SIMD_PROBE = [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11];

/** Whether this runtime can compile WebAssembly with SIMD, as the engine needs. */
export function hasWasmSimd() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array(SIMD_PROBE));
  } catch {
    return false;
  }
}

/** Throws an Error with code `NO_SIMD` when the engine cannot be compiled here. */
export function requireSimd() {
  if (!hasWasmSimd()) {
    fail('NO_SIMD', 'this runtime has no WebAssembly SIMD, which cyberclause needs (Chrome or Edge 91, Firefox 89, Safari 16.4, Node 16.4 or later)');
  }
}

/**
 * Appends to `out` the passages packed in `nums[from..to]` (all of `nums` by default) and
 * `strings` (see packed.rs), cut from `input` (a passage whose text is its own slice of
 * `input` gets that slice); `names` is the wasm's `packedNames()`. Returns `out`.
 */
export function unpack(names, nums, strings, input, out, from = 0, to = nums.length) {
  const { labels, langs, kinds } = names;
  let i = from;
  let at = 0;
  const string = () => {
    const n = nums[i++];
    at += n;
    return strings.slice(at - n, at);
  };
  while (i < to) {
    const start = nums[i];
    const end = nums[i + 1];
    const label = labels[nums[i + 2]];
    const scores = {};
    for (let k = 0; k < 6; k++) scores[labels[k]] = nums[i + 3 + k];
    const lang = langs[nums[i + 9]];
    const kind = kinds[nums[i + 10]];
    i += 11;
    let text;
    if (nums[i] < 0) {
      text = input.slice(start, end);
      i++;
    } else {
      text = string();
    }
    const path = new Array(nums[i++]);
    for (let k = 0; k < path.length; k++) path[k] = string();
    const reference = string();
    const evidence = new Array(nums[i++]);
    for (let k = 0; k < evidence.length; k++) {
      const term = string();
      const weight = nums[i++];
      const spans = new Array(nums[i++]);
      for (let s = 0; s < spans.length; s++, i += 2) spans[s] = { start: nums[i], end: nums[i + 1] };
      evidence[k] = { term, weight, spans };
    }
    out.push({ text, start, end, label, scores, lang, evidence, kind, path, reference });
  }
  return out;
}

/**
 * The package's API over a wasm-bindgen module (`wasm`, initialised): `classify`,
 * `classifyChunks`, `classifyPassage` and `Classifier`, which build their results from
 * the packed exports, and the other exports as they are.
 */
export function bind(wasm) {
  const names = wasm.packedNames();
  // A passage's numbers are read where the module left them (see LAST_PASSAGE in the
  // crate): through a view of its memory, made again when the memory has grown.
  const memory = wasm.wasmMemory();
  let view = new Float64Array(memory.buffer);
  const lastPassage = (strings, text) => {
    if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
    const at = wasm.packedNumsAt();
    return unpack(names, view, strings, text, [], at, at + wasm.packedNumsLen())[0];
  };
  const over = (engine) => ({
    classify(text, options) {
      const passages = [];
      const overview = engine.classifyPacked(text, options, (start, end, nums, strings) => unpack(names, nums, strings, text, passages));
      return { language: overview.language, passages, summary: overview.summary };
    },
    classifyChunks(text, options, onChunk) {
      if (typeof onChunk !== 'function') fail('NOT_A_FUNCTION', 'onChunk must be a function');
      return engine.classifyPacked(text, options, (start, end, nums, strings) => onChunk({ start, end, passages: unpack(names, nums, strings, text, []) }));
    },
    classifyPassage(text, options) {
      return lastPassage(engine.classifyPassagePacked(text, options), text);
    },
  });
  const bundled = over(wasm);

  /** A classifier over a model file supplied by the caller. */
  class Classifier {
    #inner;
    #api;
    constructor(model) {
      this.#inner = new wasm.Classifier(model);
      this.#api = over(this.#inner);
    }
    classify(text, options) {
      return this.#api.classify(text, options);
    }
    classifyChunks(text, options, onChunk) {
      return this.#api.classifyChunks(text, options, onChunk);
    }
    classifyPassage(text, options) {
      return this.#api.classifyPassage(text, options);
    }
    compare(oldText, newText, options) {
      return this.#inner.compare(oldText, newText, options);
    }
    modelInfo() {
      return this.#inner.modelInfo();
    }
    free() {
      this.#inner.free();
    }
  }

  return {
    MAX_TEXT_LENGTH: wasm.maxTextLength(),
    classify: bundled.classify,
    classifyChunks: bundled.classifyChunks,
    classifyPassage: bundled.classifyPassage,
    compare: wasm.compare,
    linkSafeguards: wasm.linkSafeguards,
    labels: wasm.labels,
    modelInfo: wasm.modelInfo,
    Classifier,
  };
}
