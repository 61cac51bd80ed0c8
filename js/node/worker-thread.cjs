'use strict';
// The script a cyberclause worker thread runs (Node.js worker_threads).
const { parentPort } = require('node:worker_threads');
const { classifyChunks, labels, modelInfo, compare, linkSafeguards } = require('./index.cjs');
const { createServer } = require('./worker-protocol.cjs');

const receive = createServer({ classifyChunks, labels, modelInfo, compare, linkSafeguards }, (reply) => parentPort.postMessage(reply));
parentPort.on('message', receive);
