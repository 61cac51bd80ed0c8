// `cyberclause/worker` in Node.js (worker_threads), installed from the tarball: progress
// chunk by chunk with offsets into the whole text, the same result as `classify`, errors
// with codes, termination.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { corpus, installTarball } from './install.mjs';

let installed;
let esm;
let cjs;
let sync;

// About 120 KB of real passages separated by blank lines, so 8 KiB chunks give many
// progress reports.
const TEXT = `🔒 ${corpus().slice(0, 400).map((r) => r.text).join('\n\n')}`;
const OPTS = { chunkBytes: 8192, evidence: 3 };

before(() => {
  installed = installTarball('cyberclause-worker-');
  writeFileSync(join(installed.dir, 'entry.mjs'), "export * from 'cyberclause/worker';\n");
  const requireFromDir = createRequire(join(installed.dir, 'entry.cjs'));
  cjs = requireFromDir('cyberclause/worker');
  sync = requireFromDir('cyberclause');
});

after(() => installed?.remove());

test('the worker entry loads from ESM and CJS', async () => {
  esm = await import(pathToFileURL(join(installed.dir, 'entry.mjs')).href);
  assert.equal(typeof esm.createWorkerClassifier, 'function');
  assert.equal(typeof cjs.createWorkerClassifier, 'function');
});

for (const [kind, get] of [['ESM', () => esm], ['CJS', () => cjs]]) {
  test(`${kind}: progress per chunk, offsets in the whole text, same result as classify`, async () => {
    const wc = get().createWorkerClassifier();
    try {
      const reports = [];
      const doc = await wc.classify(TEXT, { ...OPTS, onProgress: (p) => reports.push(p) });
      assert.ok(reports.length >= 10, `${reports.length} progress reports`);
      let previous = 0;
      for (const r of reports) {
        assert.equal(r.total, TEXT.length);
        assert.ok(r.done > previous && r.done <= r.total);
        assert.equal(r.start, previous, 'each chunk starts where the last one ended');
        // Chunks end at a blank line (or at the end of the text), never inside a passage.
        assert.ok(r.done === r.total || /\n[ \t]*\n$/.test(TEXT.slice(0, r.done)), `chunk ends at ${r.done}`);
        for (const p of r.passages) {
          assert.ok(p.start >= previous && p.end <= r.done, `passage ${p.start}..${p.end} in ${previous}..${r.done}`);
          assert.ok(p.start < p.end);
        }
        previous = r.done;
      }
      assert.equal(previous, TEXT.length);
      assert.deepEqual(reports.flatMap((r) => r.passages), doc.passages);
      assert.deepEqual(doc, sync.classify(TEXT, OPTS));
    } finally {
      wc.terminate();
    }
  });
}

test('requests queue in one worker and each gets its own result', async () => {
  const wc = cjs.createWorkerClassifier();
  try {
    const texts = [TEXT.slice(0, 3000), TEXT.slice(3000, 9000), TEXT];
    const docs = await Promise.all(texts.map((t) => wc.classify(t)));
    docs.forEach((doc, i) => assert.deepEqual(doc, sync.classify(texts[i])));
  } finally {
    wc.terminate();
  }
});

test('info gives the labels and the model; a cancelled request rejects and the next one runs', async () => {
  const wc = cjs.createWorkerClassifier();
  try {
    const { labels, model } = await wc.info();
    assert.deepEqual(labels, sync.labels());
    assert.deepEqual(model, sync.modelInfo());
    // Three requests queue; the second is cancelled before the worker reaches it.
    const abort = new AbortController();
    const first = wc.classify(TEXT);
    const second = wc.classify(TEXT.slice(0, 2000), { signal: abort.signal });
    const third = wc.classify(TEXT.slice(0, 1000));
    abort.abort();
    await assert.rejects(second, (e) => e.code === 'ABORTED');
    assert.deepEqual(await first, sync.classify(TEXT));
    assert.deepEqual(await third, sync.classify(TEXT.slice(0, 1000)));
    const already = new AbortController();
    already.abort();
    await assert.rejects(wc.classify(TEXT, { signal: already.signal }), (e) => e.code === 'ABORTED');
  } finally {
    wc.terminate();
  }
});

test('errors carry codes and leave the worker usable', async () => {
  const wc = esm.createWorkerClassifier();
  try {
    const rejects = (promise, code) => assert.rejects(promise, (e) => e instanceof Error && e.code === code && e.message.length > 0);
    await rejects(wc.classify(42), 'NOT_A_STRING');
    await rejects(wc.classify(new String('boxed')), 'NOT_A_STRING');
    await rejects(wc.classify('text', 'auto'), 'INVALID_OPTIONS');
    await rejects(wc.classify('text', { granularity: 'word' }), 'INVALID_OPTIONS');
    await rejects(wc.classify('text', { chunkBytes: 1 }), 'INVALID_OPTIONS');
    await rejects(wc.classify('text', { onProgress: 'often' }), 'INVALID_OPTIONS');
    await rejects(wc.classify('text', { extra: () => 1 }), 'INVALID_OPTIONS');
    const thrown = new Error('stop here');
    await assert.rejects(wc.classify(TEXT, { ...OPTS, onProgress: () => { throw thrown; } }), (e) => e === thrown);
    const doc = await wc.classify(TEXT.slice(0, 2000));
    assert.deepEqual(doc, sync.classify(TEXT.slice(0, 2000)));
  } finally {
    wc.terminate();
  }
});

test('terminate rejects pending and later requests', async () => {
  const wc = cjs.createWorkerClassifier();
  const pending = wc.classify(TEXT, OPTS);
  wc.terminate();
  await assert.rejects(pending, (e) => e.code === 'WORKER_TERMINATED');
  await assert.rejects(wc.classify('text'), (e) => e.code === 'WORKER_TERMINATED');
});

test('an idle worker does not keep Node running', async () => {
  const { execFileSync } = await import('node:child_process');
  const script = [
    "const { createWorkerClassifier } = require('cyberclause/worker');",
    'createWorkerClassifier().classify(process.argv[1]).then((d) => console.log(d.passages.length));',
  ].join('\n');
  // Exits by itself once the result is in (execFileSync would hang, then time out, if not).
  const out = execFileSync(process.execPath, ['-e', script, TEXT.slice(0, 2000)], {
    cwd: installed.dir,
    timeout: 60_000,
    encoding: 'utf8',
  });
  assert.equal(Number(out.trim()), sync.classify(TEXT.slice(0, 2000)).passages.length);
});

// The worker warms its engine on a built-in text (see js/shared/worker-protocol.js): one
// round before its first text, and more while it is idle after a request; a failure there
// is not the user's, and never reaches a request.
const WARM_UP_ROUNDS = 8;

async function protocolServer() {
  const { createServer } = await import(pathToFileURL(join(installed.dir, 'node_modules/cyberclause/web/worker-protocol.js')).href);
  return createServer;
}

/** A stand-in engine that records what it classifies; `during(text, n)` runs inside call n. */
function recordingApi(during = () => {}) {
  const calls = [];
  const api = {
    // As the wasm export: each chunk packed (here none), then the overview.
    classifyPacked: (text, options, onChunk) => {
      calls.push(text);
      during(text, calls.length);
      onChunk(0, text.length, new Float64Array(0), '');
      return { language: 'en', summary: [], length: text.length };
    },
    names: { labels: [], langs: [], kinds: [] },
    labels: () => ['label'],
    modelInfo: () => ({ version: 'test' }),
  };
  return { api, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const isWarmUp = (text) => text.length > 10_000 && /Article 1/.test(text) && /données|authorities/.test(text);

test('the worker warms its engine once before its first text and then while idle, and a failed warm-up is harmless', async () => {
  const createServer = await protocolServer();
  for (const failing of [false, true]) {
    const { api, calls } = recordingApi((text, n) => {
      if (failing && n === 1) throw new Error('boom');
    });
    const posted = [];
    const receive = createServer(api, (m) => posted.push(m));
    receive({ id: 1, type: 'info' });
    receive({ id: 2, text: 'the user text', options: {} });
    receive({ id: 3, text: 'another text', options: {} });
    await settle();
    assert.ok(isWarmUp(calls[0]), 'a document of the genre, over 10 KB, before the first text');
    assert.deepEqual(calls.slice(1, 3), ['the user text', 'another text']);
    const later = calls.slice(3);
    assert.ok(later.every(isWarmUp), 'only warm-up rounds once the requests are done');
    assert.equal(later.length, failing ? 0 : WARM_UP_ROUNDS - 1, 'a failed warm-up stops; else the rounds go on while idle, to their total');
    assert.deepEqual(posted.map((m) => [m.id, m.type]), [[1, 'info'], [2, 'chunk'], [2, 'done'], [3, 'chunk'], [3, 'done']]);
  }
});

test('a request arriving during the idle warm-up waits for one round at most', async () => {
  const createServer = await protocolServer();
  let receive;
  const { api, calls } = recordingApi((text, n) => {
    // Posted while the second round runs (the first ran after the info request).
    if (n === 2) receive({ id: 2, text: 'the user text', options: {} });
  });
  const posted = [];
  receive = createServer(api, (m) => posted.push(m));
  receive({ id: 1, type: 'info' });
  await settle();
  assert.ok(calls[0] !== 'the user text' && isWarmUp(calls[0]) && isWarmUp(calls[1]), 'the idle rounds began after the info request');
  assert.equal(calls[2], 'the user text', 'served right after the round in progress');
  assert.ok(calls.slice(3).every(isWarmUp) && calls.length === WARM_UP_ROUNDS + 1, 'then the remaining rounds');
  assert.deepEqual(posted.map((m) => [m.id, m.type]), [[1, 'info'], [2, 'chunk'], [2, 'done']]);
});

test('an engine that cannot load fails each request with a code: NO_SIMD kept as it is, others WORKER_FAILED', async () => {
  const createServer = await protocolServer();
  const { hasWasmSimd, requireSimd } = await import(pathToFileURL(join(installed.dir, 'node_modules/cyberclause/web/api.js')).href);
  // Node has SIMD: the check passes here, and refuses when WebAssembly.validate does.
  assert.equal(hasWasmSimd(), true);
  requireSimd();
  const validate = WebAssembly.validate;
  let noSimd;
  WebAssembly.validate = () => false;
  try {
    assert.equal(hasWasmSimd(), false);
    try {
      requireSimd();
    } catch (e) {
      noSimd = e;
    }
  } finally {
    WebAssembly.validate = validate;
  }
  assert.equal(noSimd?.code, 'NO_SIMD');
  assert.match(noSimd.message, /WebAssembly SIMD.*Safari 16\.4/);
  for (const [failure, code] of [[noSimd, 'NO_SIMD'], [new Error('truncated module'), 'WORKER_FAILED']]) {
    const posted = [];
    const api = Promise.reject(failure);
    api.catch(() => {});
    const receive = createServer(api, (m) => posted.push(m));
    receive({ id: 1, text: 'a text', options: {} });
    receive({ id: 2, type: 'info' });
    await settle();
    assert.deepEqual(posted.map((m) => [m.id, m.type, m.code]), [[1, 'error', code], [2, 'error', code]]);
    assert.match(posted[0].message, code === 'NO_SIMD' ? /WebAssembly SIMD/ : /could not be loaded: truncated module/);
  }
});
