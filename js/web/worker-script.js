// The script a cyberclause Web Worker runs (module worker). Loads the wasm itself, with
// no top-level await, so bundlers may emit it in any worker format; requests arriving
// before the wasm is ready wait for it, in order.
import init, { classifyChunks } from './cyberclause_wasm.js';
import { codedError, serve } from './worker-protocol.js';

const ready = init({ module_or_path: new URL('./cyberclause_wasm_bg.wasm', import.meta.url) });

self.addEventListener('message', async (event) => {
  const post = (message) => self.postMessage(message);
  try {
    await ready;
  } catch (e) {
    const err = codedError('WORKER_FAILED', `the WebAssembly module could not be loaded: ${e && e.message}`);
    serve(() => { throw err; }, event.data, post);
    return;
  }
  serve(classifyChunks, event.data, post);
});
