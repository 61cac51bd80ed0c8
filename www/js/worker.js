// The classification worker: loads the model (fetching the .wasm next to this file, or
// compiling bytes the page hands over in the single-file build), then runs jobs.
// The page's own policy forbids it any connection; only this worker fetches, and only
// its own .wasm (see the README's "The page").
import init, { initSync, classify, labels, modelInfo } from './cyberclause_wasm.js';
import { runJob } from './job.js';

let latest = 0;

function post(msg) {
  self.postMessage(msg);
}

// A macrotask: lets a newer 'classify' message arrive between pieces.
function pause() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

// The single file carries the module gzip-compressed (it is less than half the size).
async function gunzip(bytes) {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('this browser cannot inflate the built-in model (no DecompressionStream); use the served page');
  }
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function load(wasmBytes, gzip) {
  try {
    if (wasmBytes) initSync({ module: gzip ? await gunzip(wasmBytes) : wasmBytes });
    else await init({ module_or_path: new URL('./cyberclause_wasm_bg.wasm', import.meta.url) });
    post({ type: 'ready', labels: labels(), model: modelInfo() });
  } catch (err) {
    post({ type: 'fatal', message: String(err && err.message ? err.message : err) });
  }
}

self.onmessage = (event) => {
  const msg = event.data || {};
  if (msg.type === 'init') {
    load(msg.wasm, msg.gzip === true);
  } else if (msg.type === 'classify') {
    latest = msg.id;
    runJob({ api: { classify }, id: msg.id, text: String(msg.text), post, isCurrent: () => latest === msg.id, pause });
  }
};
