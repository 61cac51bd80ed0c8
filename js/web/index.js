// ES module entry for browsers and bundlers: initialises the wasm module with top-level
// await, so every export is ready to call as soon as the import resolves.
import init, * as wasm from './cyberclause_wasm.js';

await init({ module_or_path: new URL('./cyberclause_wasm_bg.wasm', import.meta.url) });

export const MAX_TEXT_LENGTH = wasm.maxTextLength();
export const classify = wasm.classify;
export const classifyChunks = wasm.classifyChunks;
export const classifyPassage = wasm.classifyPassage;
export const compare = wasm.compare;
export const linkSafeguards = wasm.linkSafeguards;
export const labels = wasm.labels;
export const modelInfo = wasm.modelInfo;
export const Classifier = wasm.Classifier;
