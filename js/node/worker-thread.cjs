'use strict';
// The script a cyberclause worker thread runs (Node.js worker_threads).
const { parentPort } = require('node:worker_threads');
const { createServer, engine } = require('./worker-protocol.cjs');

const receive = createServer(engine(require('./cyberclause_wasm.js')), (reply, transfer) => parentPort.postMessage(reply, transfer));
parentPort.on('message', receive);
