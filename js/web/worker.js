// `cyberclause/worker` for browsers and bundlers: classifies in a Web Worker, off the
// main thread, with progress. The wasm is loaded by the worker only.
import { codedError, createClient } from './worker-protocol.js';

/** Starts a worker (or adopts one running `cyberclause/worker-script`). */
export function createWorkerClassifier(worker) {
  // This exact `new Worker(new URL(...), ...)` form is what bundlers (Vite, webpack 5)
  // recognise to emit the worker script and its wasm.
  const w = worker || new Worker(new URL('./worker-script.js', import.meta.url), { type: 'module' });
  const client = createClient({
    post: (message) => w.postMessage(message),
    terminate: () => w.terminate(),
    busy: () => {},
  });
  w.addEventListener('message', (event) => client.receive(event.data));
  w.addEventListener('error', (event) => {
    client.fail(codedError('WORKER_FAILED', `the worker failed: ${(event && event.message) || 'error event'}`));
  });
  w.addEventListener('messageerror', () => {
    client.fail(codedError('WORKER_FAILED', 'a message from the worker could not be read'));
  });
  return client.classifier;
}
