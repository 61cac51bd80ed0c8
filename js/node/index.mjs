// ES module entry for Node.js: wraps the CommonJS `nodejs` build of wasm-bindgen.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const api = require('./index.cjs');

export const MAX_TEXT_LENGTH = api.MAX_TEXT_LENGTH;
export const classify = api.classify;
export const classifyChunks = api.classifyChunks;
export const classifyPassage = api.classifyPassage;
export const compare = api.compare;
export const linkSafeguards = api.linkSafeguards;
export const labels = api.labels;
export const modelInfo = api.modelInfo;
export const Classifier = api.Classifier;
