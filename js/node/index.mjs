// ES module entry for Node.js: wraps the CommonJS `nodejs` build of wasm-bindgen.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const wasm = require('./cyberclause_wasm.js');

export const MAX_TEXT_LENGTH = wasm.maxTextLength();
export const classify = wasm.classify;
export const classifyChunks = wasm.classifyChunks;
export const classifyPassage = wasm.classifyPassage;
export const compare = wasm.compare;
export const linkSafeguards = wasm.linkSafeguards;
export const labels = wasm.labels;
export const modelInfo = wasm.modelInfo;
export const Classifier = wasm.Classifier;
