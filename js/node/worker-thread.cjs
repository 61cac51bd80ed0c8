'use strict';
// The script a cyberclause worker thread runs (Node.js worker_threads).
const { parentPort } = require('node:worker_threads');
const wasm = require('./cyberclause_wasm.js');
const { createServer } = require('./worker-protocol.cjs');

const { classifyPacked, labels, modelInfo, compare, linkSafeguards } = wasm;
const api = { classifyPacked, names: wasm.packedNames(), labels, modelInfo, compare, linkSafeguards };
const receive = createServer(api, (reply, transfer) => parentPort.postMessage(reply, transfer));
parentPort.on('message', receive);
