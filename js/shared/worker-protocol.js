// The message protocol between a page (or Node's main thread) and a cyberclause worker.
// Both sides live here so they cannot drift apart. build-pkg.sh copies this file into
// web/ as is and into node/ as CommonJS (the `export` keywords become module.exports).
//
// main -> worker  { id, text, options }
// worker -> main  { id, type: 'chunk', chunk: { start, end, passages } }   (zero or more)
//                 { id, type: 'done', language, summary }
//                 { id, type: 'error', code, message }

/** A plain Error with a stable `code`, as the package's synchronous API throws. */
export function codedError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

/**
 * Worker side: classifies one request with `classifyChunks` (the wasm export), posting
 * every chunk as soon as it is done, then the document's language and summary. Never
 * throws: a failure becomes an `error` message.
 */
export function serve(classifyChunks, message, post) {
  const id = message && message.id;
  try {
    const overview = classifyChunks(message.text, message.options, (chunk) => {
      post({ id, type: 'chunk', chunk });
    });
    post({ id, type: 'done', language: overview.language, summary: overview.summary });
  } catch (e) {
    const code = e && typeof e.code === 'string' ? e.code : 'INTERNAL';
    post({ id, type: 'error', code, message: String((e && e.message) || e) });
  }
}

/**
 * Main-thread side. `port` is `{ post(message), terminate(), busy(isBusy) }`; the caller
 * wires the worker's messages to `receive` and its failures to `fail`. Returns those two
 * and the public `classifier` ({ classify, terminate }).
 */
export function createClient(port) {
  const pending = new Map();
  let nextId = 1;
  let broken = null;

  function settle(id) {
    const request = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) port.busy(false);
    return request;
  }

  function receive(message) {
    const request = message && pending.get(message.id);
    if (!request) return; // a request already settled (its onProgress threw)
    if (message.type === 'chunk') {
      request.passages.push(...message.chunk.passages);
      try {
        if (request.onProgress) {
          request.onProgress({ done: message.chunk.end, total: request.total, passages: message.chunk.passages });
        }
      } catch (e) {
        settle(message.id).reject(e);
      }
    } else if (message.type === 'done') {
      const { passages } = settle(message.id);
      request.resolve({ language: message.language, passages, summary: message.summary });
    } else if (message.type === 'error') {
      settle(message.id).reject(codedError(message.code, message.message));
    }
  }

  /** The worker died or was stopped: every request fails, and so will later ones. */
  function fail(error) {
    if (!broken) broken = error;
    const requests = [...pending.values()];
    pending.clear();
    port.busy(false);
    for (const r of requests) r.reject(error);
  }

  function classify(text, options) {
    if (broken) return Promise.reject(codedError(broken.code, broken.message));
    if (typeof text !== 'string') return Promise.reject(codedError('NOT_A_STRING', 'text must be a string'));
    let onProgress;
    let rest = options;
    if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
      ({ onProgress, ...rest } = options);
      if (onProgress !== undefined && typeof onProgress !== 'function') {
        return Promise.reject(codedError('INVALID_OPTIONS', 'options.onProgress must be a function'));
      }
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      try {
        port.post({ id, text, options: rest });
      } catch (e) {
        // Structured cloning refused something (e.g. a function in the options).
        reject(codedError('INVALID_OPTIONS', `options cannot be sent to the worker: ${e && e.message}`));
        return;
      }
      pending.set(id, { resolve, reject, onProgress, total: text.length, passages: [] });
      port.busy(true);
    });
  }

  function terminate() {
    fail(codedError('WORKER_TERMINATED', 'the worker was terminated'));
    port.terminate();
  }

  return { receive, fail, classifier: { classify, terminate } };
}
