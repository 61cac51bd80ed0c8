'use strict';
// CommonJS entry for Node.js: the wasm-bindgen `nodejs` build loads the .wasm synchronously.
const wasm = require('./cyberclause_wasm.js');

module.exports = {
  classify: wasm.classify,
  classifyPassage: wasm.classifyPassage,
  labels: wasm.labels,
  modelInfo: wasm.modelInfo,
  Classifier: wasm.Classifier,
};
