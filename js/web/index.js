// ES module entry for browsers and bundlers: initialises the wasm module with top-level
// await, so every export is ready to call as soon as the import resolves.
import init, * as wasm from './cyberclause_wasm.js';
import { bind, requireSimd } from './api.js';

requireSimd();
await init({ module_or_path: new URL('./cyberclause_wasm_bg.wasm', import.meta.url) });

export const { MAX_TEXT_LENGTH, classify, classifyChunks, classifyPassage, compare, linkSafeguards, labels, modelInfo, Classifier } = bind(wasm);
