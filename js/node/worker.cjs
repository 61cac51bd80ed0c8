'use strict';
// `cyberclause/worker` for Node.js: classifies in a worker thread, with progress.
const { join } = require('node:path');
const { Worker } = require('node:worker_threads');
const { codedError, createClient } = require('./worker-protocol.cjs');

/** Starts a worker thread; it does not keep the process alive while it has no work. */
function createWorkerClassifier() {
  const w = new Worker(join(__dirname, 'worker-thread.cjs'));
  w.unref();
  const client = createClient({
    post: (message) => w.postMessage(message),
    terminate: () => w.terminate(),
    busy: (busy) => (busy ? w.ref() : w.unref()),
  });
  w.on('message', (message) => client.receive(message));
  w.on('error', (e) => client.fail(codedError('WORKER_FAILED', `the worker failed: ${e && e.message}`)));
  w.on('exit', (code) => client.fail(codedError('WORKER_FAILED', `the worker exited with code ${code}`)));
  return client.classifier;
}

module.exports = { createWorkerClassifier };
