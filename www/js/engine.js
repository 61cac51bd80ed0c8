// The classification engine: the npm package's worker entry (`cyberclause/worker`, on a
// worker running `cyberclause/worker-script`), so the page classifies exactly as the
// package and the CLI do. The served site starts it as a module worker next to the package's glue; the
// single-file build carries its code and the model inline (#worker-source, #wasm-base64),
// starts a classic worker from a Blob URL, which its policy allows (worker-src blob:) and
// which works from file://, and hands it the model's bytes.
import { createWorkerClassifier } from './worker.js';

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

// The engine is built with WebAssembly SIMD (scripts/build-pkg.sh). A browser without it
// (Safari before 16.4, Chrome and Firefox before mid-2021) cannot compile the module and
// would report a compile error the reader can do nothing with: this smallest module with
// a SIMD instruction (i8x16.splat, i8x16.popcnt) tells first.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Whether this browser can compile WebAssembly with SIMD, as the engine needs. */
export function hasWasmSimd() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
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
