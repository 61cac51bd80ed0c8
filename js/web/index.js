// ES module entry for browsers and bundlers: initialises the wasm module with top-level
// await, so every export is ready to call as soon as the import resolves.
import init, * as wasm from './cyberclause_wasm.js';
import { bind } from './api.js';

await init({ module_or_path: new URL('./cyberclause_wasm_bg.wasm', import.meta.url) });
const api = bind(wasm);

export const MAX_TEXT_LENGTH = api.MAX_TEXT_LENGTH;
export const classify = api.classify;
export const classifyChunks = api.classifyChunks;
export const classifyPassage = api.classifyPassage;
export const compare = api.compare;
export const linkSafeguards = api.linkSafeguards;
export const labels = api.labels;
export const modelInfo = api.modelInfo;
export const Classifier = api.Classifier;
