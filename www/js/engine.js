// The classification engine: the npm package's worker entry (`cyberclause/worker`, on a
// worker running `cyberclause/worker-script`), so the page classifies exactly as the
// package and the CLI do. The served site starts it as a module worker next to the package's glue; the
// single-file build carries its code and the model inline (#worker-source, #wasm-base64),
// starts a classic worker from a Blob URL, which its policy allows (worker-src blob:) and
// which works from file://, and hands it the model's bytes. A browser without WebAssembly
// SIMD, which the engine is compiled with, is told so before any worker starts (the
// package's own check: `hasWasmSimd`).
import { createWorkerClassifier } from './worker.js';
import { hasWasmSimd } from './api.js';

function decodeBase64(s) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function startWorker() {
  const src = document.getElementById('worker-source');
  const b64 = document.getElementById('wasm-base64');
  if (!src || !b64) return new Worker(new URL('./worker-script.js', import.meta.url), { type: 'module' });
  const worker = new Worker(URL.createObjectURL(new Blob([src.textContent], { type: 'text/javascript' })));
  const wasm = decodeBase64(b64.textContent.trim());
  worker.postMessage({ type: 'init', wasm, gzip: b64.dataset.encoding === 'gzip' }, [wasm.buffer]);
  return worker;
}

/** The package's worker classifier ({ classify, info, terminate }), or the error that
 *  stopped it starting (`code: 'NO_SIMD'` when the browser lacks WebAssembly SIMD). */
export function startEngine() {
  if (!hasWasmSimd()) {
    return { error: Object.assign(new Error('this browser has no WebAssembly SIMD'), { code: 'NO_SIMD' }) };
  }
  let worker;
  try {
    worker = startWorker();
  } catch (err) {
    return { error: err };
  }
  return { classifier: createWorkerClassifier(worker) };
}
