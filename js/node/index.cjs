'use strict';
// CommonJS entry for Node.js: the wasm-bindgen `nodejs` build loads the .wasm synchronously.
const wasm = require('./cyberclause_wasm.js');

module.exports = {
  MAX_TEXT_LENGTH: wasm.maxTextLength(),
  classify: wasm.classify,
  classifyChunks: wasm.classifyChunks,
  classifyPassage: wasm.classifyPassage,
  compare: wasm.compare,
  linkSafeguards: wasm.linkSafeguards,
  labels: wasm.labels,
  modelInfo: wasm.modelInfo,
  Classifier: wasm.Classifier,
};
