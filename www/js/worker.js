// The classification worker: loads the model (fetching the .wasm next to this file, or
// compiling bytes the page hands over in the single-file build), then classifies with the
// package's `classifyChunks`: the engine's own chunking (about 1 MiB cut at blank lines,
// as the CLI and the npm package cut), each chunk posted as soon as it is done, then the
// engine's language and summary of the whole document.
// The page's own policy forbids it any connection; only this worker fetches, and only
// its own .wasm (see the README's "The page").
import init, { initSync, classifyChunks, labels, modelInfo } from './cyberclause_wasm.js';
import { EVIDENCE_TERMS } from './options.js';

function post(msg) {
  self.postMessage(msg);
}

function run(id, text) {
  try {
    const overview = classifyChunks(text, { evidence: EVIDENCE_TERMS }, (chunk) => {
      post({ type: 'chunk', id, start: chunk.start, end: chunk.end, length: text.length, passages: chunk.passages });
    });
    post({ type: 'done', id, language: overview.language, summary: overview.summary });
  } catch (err) {
    post({ type: 'error', id, code: err && err.code ? err.code : 'INTERNAL', message: String(err && err.message ? err.message : err) });
  }
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
    run(msg.id, String(msg.text));
  }
};
