'use strict';
// The script a cyberclause worker thread runs (Node.js worker_threads).
const { parentPort } = require('node:worker_threads');
const { classifyChunks } = require('./cyberclause_wasm.js');
const { serve } = require('./worker-protocol.cjs');

parentPort.on('message', (message) => {
  serve(classifyChunks, message, (reply) => parentPort.postMessage(reply));
});
