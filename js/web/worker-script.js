// The script a cyberclause Web Worker runs (module worker). Loads the wasm itself, with
// no top-level await, so bundlers may emit it in any worker format; requests arriving
// before the wasm is ready wait for it, in order. A page that may not fetch (a single
// HTML file with `connect-src 'none'`) posts `{ type: 'init', wasm, gzip }` first, with
// the module's bytes (gzip-compressed when `gzip` is true), and nothing is fetched.
import init, * as wasm from './cyberclause_wasm.js';
import { createServer, engine } from './worker-protocol.js';
import { requireSimd } from './api.js';

let ready = null;

async function gunzip(bytes) {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot inflate the model (no DecompressionStream)');
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function fromBytes(bytes, gzip) {
  requireSimd();
  wasm.initSync({ module: gzip ? await gunzip(bytes) : bytes });
  return engine(wasm);
}

const receive = createServer({ then: (resolve, reject) => ready.then(resolve, reject) }, (message, transfer) => self.postMessage(message, transfer));

self.addEventListener('message', (event) => {
  const message = event.data || {};
  if (message.type === 'init') {
    ready = ready || fromBytes(message.wasm, message.gzip === true);
    return;
  }
  ready = ready || Promise.resolve().then(requireSimd).then(() => init({ module_or_path: new URL('./cyberclause_wasm_bg.wasm', import.meta.url) })).then(() => engine(wasm));
  receive(message);
});
