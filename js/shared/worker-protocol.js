// The message protocol between a page (or Node's main thread) and a cyberclause worker.
// Both sides live here so they cannot drift apart. build-pkg.sh copies this file into
// web/ as is and into node/ as CommonJS (the `export` keywords become module.exports).
//
// main -> worker  { id, text, options }                 classify
//                 { id, type: 'compare', oldText, newText, options }   two drafts compared
//                 { id, type: 'safeguards', passages }   powers linked to their safeguards
//                 { id, type: 'info' }                   labels and model information
//                 { id, type: 'cancel' }                 drop request `id` if not started
//                 { type: 'init', wasm, gzip }           (web only) compile these bytes
// worker -> main  { id, type: 'chunk', start, end, names, nums, strings }   (zero or more)
//                 a chunk's passages as the engine packs them (see api.js; `nums`, a
//                 Float64Array, is transferred), made into objects on arrival
//                 { id, type: 'done', language, summary }
//                 { id, type: 'info', labels, model }
//                 { id, type: 'result', result }         (compare, safeguards)
//                 { id, type: 'error', code, message }
//
// Passages cross packed because a chunk of about 1 MiB holds thousands of them: as
// objects, the structured clone cost the worker and the page's main thread about 16 ms
// per thousand (Node's structuredClone of a 300 KB law's 990 passages), and one message
// of 6,000 had held the page's main thread for 300 ms.
// Packed, it is one array and one string, and the objects are built in plain JS.
import { unpack } from './api.js';

/** A plain Error with a stable `code`, as the package's synchronous API throws. */
export function codedError(code, message) {
  const err = new Error(message);
  err.code = code;
  return err;
}

/** What a worker serves with, from the initialised wasm-bindgen module `wasm`. */
export function engine(wasm) {
  const { classifyPacked, labels, modelInfo, compare, linkSafeguards } = wasm;
  return { classifyPacked, names: wasm.packedNames(), labels, modelInfo, compare, linkSafeguards };
}

/**
 * Worker side: classifies one request with `api.classifyPacked` (the wasm export),
 * posting every chunk as soon as it is done, then the document's language and summary.
 * `api.names` are the names of the packed indices (the wasm's `packedNames()`). Never
 * throws: a failure becomes an `error` message.
 */
export function serve(api, message, post) {
  const id = message && message.id;
  try {
    const overview = api.classifyPacked(message.text, message.options, (start, end, nums, strings) => {
      post({ id, type: 'chunk', start, end, names: api.names, nums, strings }, [nums.buffer]);
    });
    post({ id, type: 'done', language: overview.language, summary: overview.summary });
  } catch (e) {
    const code = e && typeof e.code === 'string' ? e.code : 'INTERNAL';
    post({ id, type: 'error', code, message: String((e && e.message) || e) });
  }
}

/**
 * Worker side: one call that returns its result whole (`compare`, `linkSafeguards`). Never
 * throws: a failure, or an export this build lacks, becomes an `error` message.
 */
export function answer(fn, args, message, post) {
  const id = message && message.id;
  try {
    if (typeof fn !== 'function') throw codedError('NOT_SUPPORTED', `this worker cannot do '${message.type}'`);
    post({ id, type: 'result', result: fn(...args) });
  } catch (e) {
    const code = e && typeof e.code === 'string' ? e.code : 'INTERNAL';
    post({ id, type: 'error', code, message: String((e && e.message) || e) });
  }
}

/** What a worker classifies to warm up: a few kilobytes of the genre (original drafting,
 * in French and English, with headings, a list, a word broken across lines and a
 * footnote call), repeated to about 17 KB. WebAssembly starts on baseline code and moves
 * hot functions to optimised code as they run: a 300 KB law classified first took about
 * three times as long as the same law classified later. One round runs before the
 * worker's first text; after a request, while nothing waits (a page asks for the labels
 * as it opens), up to WARM_UP_ROUNDS in all, one at a time, so that a request arriving
 * waits for one round at most. On a 300 KB law in Chromium, labelled 2 s after the page
 * opened: about 145 ms in the worker with one round, about 90 with eight. */
const WARM_UP_PART = [
  'Chapter 1 – Offences\n\nArticle 1\n\n',
  'Each Party shall make it a criminal offence to obtain, without right, access to a computer system or to interfere with the data it holds.\n\n',
  'Article 2\n\nLe fait de diffuser par un service de communication au public en ligne des contenus illicites est puni de deux ans d’emprisonnement.\n\n',
  'Article 3\n\nThe competent authorities may order:\n(a) the preservation of stored traffic data;\n(b) the produc-\ntion of subscriber information, subject to the authorisation of a judge.1\n\n',
  'Ces mesures sont proportionnées et font l’objet d’un contrôle par une autorité indépendante.\n\n',
].join('');
const WARM_UP_TEXT = WARM_UP_PART.repeat(24);
const WARM_UP_ROUNDS = 8;

/**
 * Worker side, for several requests: they run one at a time, in order, each after the
 * messages already posted have arrived, so a `cancel` sent after a request drops it if it
 * has not started. `api` is what `engine(wasm)` returns, or
 * a promise of it (the module may still be loading). Returns `receive(message)`.
 */
export function createServer(api, post) {
  const queue = [];
  const cancelled = new Set();
  let running = false;
  let warmed = 0;

  async function drain() {
    running = true;
    while (queue.length) {
      // A macrotask: messages posted meanwhile (a `cancel`) arrive before the next request.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const message = queue.shift();
      if (cancelled.delete(message.id)) {
        post({ id: message.id, type: 'error', code: 'ABORTED', message: 'the request was cancelled' });
        continue;
      }
      let ready;
      try {
        ready = await api;
      } catch (e) {
        // (A runtime without SIMD keeps its own code: the caller can tell the reader why.)
        const err = e && e.code === 'NO_SIMD' ? e : codedError('WORKER_FAILED', `the WebAssembly module could not be loaded: ${e && e.message}`);
        serve({ classifyPacked: () => { throw err; } }, message, post);
        continue;
      }
      // Before the first text, one round of warm-up; after a request, when nothing waits
      // (a page asked for the labels as it opened), more, round by round, while the
      // reader reads: a request that arrives stops it after the current round.
      const classifies = !['info', 'compare', 'safeguards'].includes(message.type);
      if (classifies && !warmed) warmUpRound(ready);
      if (message.type === 'info') {
        post({ id: message.id, type: 'info', labels: ready.labels(), model: ready.modelInfo() });
      } else if (message.type === 'compare') {
        answer(ready.compare, [message.oldText, message.newText, message.options], message, post);
      } else if (message.type === 'safeguards') {
        answer(ready.linkSafeguards, [message.passages], message, post);
      } else {
        serve(ready, message, post);
      }
      while (warmed < WARM_UP_ROUNDS && !queue.length) {
        warmUpRound(ready);
        // A macrotask: a request posted meanwhile is queued before the next round.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    running = false;
  }

  /** Classifies WARM_UP_TEXT once; a failure here is not the user's, and ends the warm-up
   * (the real request reports any real problem). */
  function warmUpRound(ready) {
    warmed++;
    try {
      ready.classifyPacked(WARM_UP_TEXT, {}, () => {});
    } catch (_) {
      warmed = WARM_UP_ROUNDS;
    }
  }

  return function receive(message) {
    if (message && message.type === 'cancel') {
      if (queue.some((m) => m.id === message.id)) cancelled.add(message.id);
      return;
    }
    queue.push(message);
    if (!running) drain();
  };
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
    if (message.type === 'info') {
      settle(message.id).resolve({ labels: message.labels, model: message.model });
    } else if (message.type === 'result') {
      settle(message.id).resolve(message.result);
    } else if (message.type === 'chunk') {
      const chunkPassages = unpack(message.names, message.nums, message.strings, request.text, []);
      for (const p of chunkPassages) request.passages.push(p);
      try {
        if (request.onProgress) {
          request.onProgress({ start: message.start, done: message.end, total: request.total, passages: chunkPassages });
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
    let signal;
    let rest = options;
    if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
      ({ onProgress, signal, ...rest } = options);
      if (onProgress !== undefined && typeof onProgress !== 'function') {
        return Promise.reject(codedError('INVALID_OPTIONS', 'options.onProgress must be a function'));
      }
    }
    if (signal && signal.aborted) return Promise.reject(codedError('ABORTED', 'the request was cancelled'));
    const id = nextId++;
    const promise = request({ id, text, options: rest }, { onProgress, text, total: text.length, passages: [] });
    abortable(id, signal);
    return promise;
  }

  /** Splits `signal` off the options (the rest goes to the worker). */
  function split(options) {
    if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
      const { signal, ...rest } = options;
      return { signal, rest };
    }
    return { signal: undefined, rest: options };
  }

  /** Two drafts compared in the worker: resolves to what `compare(oldText, newText, options)` returns. */
  function compare(oldText, newText, options) {
    if (broken) return Promise.reject(codedError(broken.code, broken.message));
    if (typeof oldText !== 'string' || typeof newText !== 'string') {
      return Promise.reject(codedError('NOT_A_STRING', 'both drafts must be strings'));
    }
    const { signal, rest } = split(options);
    if (signal && signal.aborted) return Promise.reject(codedError('ABORTED', 'the request was cancelled'));
    const id = nextId++;
    const promise = request({ id, type: 'compare', oldText, newText, options: rest }, {});
    abortable(id, signal);
    return promise;
  }

  /** The powers among `passages` linked to their safeguards: what `linkSafeguards(passages)` returns. */
  function linkSafeguards(passages) {
    if (broken) return Promise.reject(codedError(broken.code, broken.message));
    if (!Array.isArray(passages)) return Promise.reject(codedError('INVALID_PASSAGES', 'passages must be an array'));
    // Only what the engine reads travels to the worker.
    const slim = passages.map((p) => ({ label: p && p.label, kind: p && p.kind, path: p && p.path, text: p && p.text }));
    return request({ id: nextId++, type: 'safeguards', passages: slim }, {});
  }

  // Aborting drops a request that has not started; one that has started runs to its end
  // in the worker, but its promise rejects at once and its results are ignored.
  function abortable(id, signal) {
    if (signal && typeof signal.addEventListener === 'function') {
      signal.addEventListener('abort', () => {
        if (!pending.has(id)) return;
        try {
          port.post({ id, type: 'cancel' });
        } catch {
          // the worker is gone: fail() has rejected everything already
        }
        settle(id).reject(codedError('ABORTED', 'the request was cancelled'));
      }, { once: true });
    }
  }

  /** Posts `message` and keeps what its replies need; resolves or rejects on them. */
  function request(message, extra) {
    return new Promise((resolve, reject) => {
      try {
        port.post(message);
      } catch (e) {
        // Structured cloning refused something (e.g. a function in the options).
        reject(codedError('INVALID_OPTIONS', `options cannot be sent to the worker: ${e && e.message}`));
        return;
      }
      pending.set(message.id, { resolve, reject, ...extra });
      port.busy(true);
    });
  }

  /** The six labels (ids, names and definitions) and the model's information. */
  function info() {
    if (broken) return Promise.reject(codedError(broken.code, broken.message));
    const id = nextId++;
    return request({ id, type: 'info' }, {});
  }

  function terminate() {
    fail(codedError('WORKER_TERMINATED', 'the worker was terminated'));
    port.terminate();
  }

  return { receive, fail, classifier: { classify, compare, linkSafeguards, info, terminate } };
}
