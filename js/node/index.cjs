'use strict';
// CommonJS entry for Node.js: the wasm-bindgen `nodejs` build loads the .wasm synchronously.
const { bind } = require('./api.cjs');

module.exports = bind(require('./cyberclause_wasm.js'));
