// Starts the classification worker. The served site loads worker.js as a module; the
// single-file build carries the worker's code and the model inline (#worker-source,
// #wasm-base64) and starts a classic worker from a Blob URL, which its policy allows
// (worker-src blob:) and which works from file://.

function inlineWorker() {
  const src = document.getElementById('worker-source');
  const b64 = document.getElementById('wasm-base64');
  if (!src || !b64) return null;
  const url = URL.createObjectURL(new Blob([src.textContent], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return { worker, wasm: decodeBase64(b64.textContent.trim()), gzip: b64.dataset.encoding === 'gzip' };
}

function decodeBase64(s) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/**
 * Calls onMessage with every worker message ('ready', 'chunk', 'done', 'error', 'fatal').
 * Returns {classify(text) → job id}.
 */
export function startEngine(onMessage) {
  let started;
  try {
    started = inlineWorker() || { worker: new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }), wasm: null };
  } catch (err) {
    queueMicrotask(() => onMessage({ type: 'fatal', message: String(err && err.message ? err.message : err) }));
    return { classify: () => 0 };
  }
  const { worker, wasm, gzip = false } = started;
  worker.onmessage = (e) => onMessage(e.data);
  worker.onerror = (e) => onMessage({ type: 'fatal', message: e.message || 'the worker could not start' });
  worker.postMessage({ type: 'init', wasm, gzip }, wasm ? [wasm.buffer] : []);
  let next = 0;
  return {
    classify(text) {
      next += 1;
      worker.postMessage({ type: 'classify', id: next, text });
      return next;
    },
  };
}
