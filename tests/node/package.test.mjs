// Installs the packed npm tarball into a fresh directory and checks it from ES modules and
// from CommonJS, through the package's `exports` map, plus the web build's glue with
// synchronous initialisation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { installTarball, ROOT, tarball } from './install.mjs';

const LABEL_IDS = ['cyber_dependent', 'cyber_enabled', 'content_crime', 'procedural_power', 'safeguard', 'other'];

const FR = [
  "Le fait d'accéder ou de se maintenir frauduleusement dans tout ou partie d'un système de traitement automatisé de données est puni de trois ans d'emprisonnement.",
  "Les officiers de police judiciaire peuvent, sur autorisation du juge des libertés, procéder à la saisie des données informatiques nécessaires à la manifestation de la vérité.",
  "Ces mesures sont strictement nécessaires et proportionnées ; elles sont placées sous le contrôle d'un juge indépendant et la personne concernée dispose d'un recours effectif.",
].join('\n\n');
const EN = [
  'Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal offences under its domestic law, when committed intentionally, the access to the whole or any part of a computer system without right.',
  'Each Party shall adopt such legislative and other measures as may be necessary to empower its competent authorities to order the expeditious preservation of specified computer data, including traffic data.',
  'The establishment, implementation and application of the powers and procedures provided for in this section are subject to conditions and safeguards which shall provide for the adequate protection of human rights and liberties.',
].join('\n\n');
const ACCESS_FR =
  "Est puni de deux ans d'emprisonnement le fait d'accéder frauduleusement à un système de traitement automatisé de données.";

// One unit over the documented limit; refused from its length, before any copy.
const TOO_LONG = 'x'.repeat(64 * 1024 * 1024 + 1);

let installed;
let dir;
let esm;
let cjs;
let requireFromDir;

before(() => {
  installed = installTarball();
  dir = installed.dir;
  writeFileSync(join(dir, 'entry.mjs'), "export * from 'cyberclause';\n");
  writeFileSync(join(dir, 'entry.cjs'), "module.exports = require('cyberclause');\n");
  requireFromDir = createRequire(join(dir, 'entry.cjs'));
});

after(() => {
  installed?.remove();
});

// The budget was 400 KB; the powers-and-safeguards links and the comparison of two drafts
// (references, citations, alignment, word diff) add about 33 KB of gzipped wasm.
test('the tarball is within the 440 KB budget and ships the wasm once', () => {
  assert.ok(statSync(tarball()).size <= 440_000, `${statSync(tarball()).size} bytes`);
  const pkg = join(dir, 'node_modules', 'cyberclause');
  assert.ok(statSync(join(pkg, 'web', 'cyberclause_wasm_bg.wasm')).isFile());
  assert.throws(() => statSync(join(pkg, 'node', 'cyberclause_wasm_bg.wasm')), { code: 'ENOENT' });
});

test('the README describes the bundled model', () => {
  const readme = readFileSync(join(dir, 'node_modules', 'cyberclause', 'README.md'), 'utf8');
  const info = requireFromDir('cyberclause').modelInfo();
  assert.doesNotMatch(readme, /@[A-Z_]+@/);
  assert.ok(readme.includes(`version ${info.version}, trained ${info.trained}`));
  assert.match(readme, /\| cross-validation [^|]*\| 0\.\d{3} \|/);
});

test('the exports map sends Node to the node build', () => {
  const resolved = requireFromDir.resolve('cyberclause');
  assert.ok(resolved.endsWith(join('cyberclause', 'node', 'index.cjs')), resolved);
});

test('loads from ESM (import) and from CJS (require)', async () => {
  esm = await import(pathToFileURL(join(dir, 'entry.mjs')).href);
  cjs = requireFromDir('./entry.cjs');
  for (const mod of [esm, cjs]) {
    for (const name of ['classify', 'classifyChunks', 'classifyPassage', 'labels', 'modelInfo', 'Classifier']) {
      assert.equal(typeof mod[name], 'function', name);
    }
    assert.equal(mod.MAX_TEXT_LENGTH, 64 * 1024 * 1024);
  }
});

function checkPassage(p) {
  assert.equal(typeof p.text, 'string');
  assert.ok(LABEL_IDS.includes(p.label), p.label);
  assert.deepEqual(Object.keys(p.scores).sort(), [...LABEL_IDS].sort());
  const sum = Object.values(p.scores).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) <= 1e-9, `scores sum to ${sum}`);
  for (const id of LABEL_IDS) assert.ok(p.scores[p.label] >= p.scores[id]);
  assert.ok(['fr', 'en', 'unknown'].includes(p.lang), p.lang);
  assert.ok(Array.isArray(p.evidence));
  for (const e of p.evidence) {
    assert.equal(typeof e.term, 'string');
    assert.equal(typeof e.weight, 'number');
  }
}

function checkDocument(mod, text, lang) {
  const doc = mod.classify(text);
  assert.equal(doc.language, lang);
  assert.equal(doc.passages.length, 3);
  for (const p of doc.passages) {
    checkPassage(p);
    assert.equal(p.lang, lang);
    assert.ok(p.evidence.length > 0);
    assert.equal(text.slice(p.start, p.end), p.text);
  }
  assert.deepEqual(doc.summary.map((s) => s.label), LABEL_IDS);
  const shares = doc.summary.reduce((a, s) => a + s.share, 0);
  assert.ok(Math.abs(shares - 1) <= 1e-9);
  return doc;
}

for (const [kind, get] of [['ESM', () => esm], ['CJS', () => cjs]]) {
  test(`${kind}: classify French and English samples`, () => {
    const mod = get();
    const fr = checkDocument(mod, FR, 'fr');
    checkDocument(mod, EN, 'en');
    assert.equal(fr.passages[0].label, 'cyber_dependent');
  });

  test(`${kind}: offsets are UTF-16 indices`, () => {
    const mod = get();
    const text = `🔒🔒 An introduction long enough to stand alone.\n\n${FR}`;
    const doc = mod.classify(text, { granularity: 'paragraph', evidence: 2 });
    assert.ok(doc.passages.length >= 3);
    for (const p of doc.passages) {
      assert.equal(text.slice(p.start, p.end), p.text);
      assert.ok(p.evidence.length <= 2);
    }
  });

  test(`${kind}: classifyPassage`, () => {
    const p = get().classifyPassage(ACCESS_FR);
    checkPassage(p);
    assert.equal(p.label, 'cyber_dependent');
    assert.equal(p.start, 0);
    assert.equal(p.end, ACCESS_FR.length);
    assert.equal(p.text, ACCESS_FR);
    assert.deepEqual(Object.keys(p), ['text', 'start', 'end', 'label', 'scores', 'lang', 'evidence', 'kind', 'path', 'reference']);
    assert.deepEqual(Object.keys(p.scores), LABEL_IDS);
    // A lone surrogate reaches the engine as U+FFFD, one unit as well: the text says so.
    const lone = get().classifyPassage(`\uD800 ${ACCESS_FR}`);
    assert.equal(lone.text, `\uFFFD ${ACCESS_FR}`);
    assert.equal(lone.end, ACCESS_FR.length + 2);
  });

  test(`${kind}: labels`, () => {
    const all = get().labels();
    assert.equal(all.length, 6);
    assert.deepEqual(all.map((l) => l.id), LABEL_IDS);
    for (const l of all) {
      for (const k of ['nameEn', 'nameFr', 'definitionEn', 'definitionFr']) {
        assert.equal(typeof l[k], 'string', k);
        assert.ok(l[k].length > 0, k);
      }
    }
  });

  test(`${kind}: modelInfo`, () => {
    const info = get().modelInfo();
    assert.equal(typeof info.version, 'string');
    assert.ok(info.version.length > 0);
    assert.match(info.corpusHash, /^[0-9a-f]{64}$/);
    assert.equal(typeof info.metrics, 'object');
    for (const v of Object.values(info.metrics)) assert.equal(typeof v, 'number');
  });

  test(`${kind}: errors carry stable codes`, () => {
    const mod = get();
    const code = (code) => (e) => e instanceof Error && e.code === code && e.message.length > 0;
    for (const bad of [undefined, null, 42, {}, ['text'], new String('boxed')]) {
      assert.throws(() => mod.classify(bad), code('NOT_A_STRING'));
      assert.throws(() => mod.classifyPassage(bad), code('NOT_A_STRING'));
    }
    assert.throws(() => mod.classify('text', { granularity: 'word' }), code('INVALID_OPTIONS'));
    assert.throws(() => mod.classify('text', { evidence: -1 }), code('INVALID_OPTIONS'));
    assert.throws(() => mod.classify('text', { evidence: 1.5 }), code('INVALID_OPTIONS'));
    assert.throws(() => mod.classify('text', 'auto'), code('INVALID_OPTIONS'));
    // The bound is written in the message (an integer: no float printing in the module).
    assert.throws(() => mod.classify('text', { context: 2.5 }), { code: 'INVALID_OPTIONS', message: /options\.context must be a number from 0 to 2$/ });
    assert.throws(() => mod.classify('text', { context: -0.5 }), code('INVALID_OPTIONS'));
    assert.equal(mod.classify('Any person who accesses a computer system without right shall be punished.', { context: 2 }).passages.length, 1);
    assert.throws(() => mod.classify(TOO_LONG), code('INPUT_TOO_LARGE'));
    assert.throws(() => mod.classifyChunks(TOO_LONG, null, () => {}), code('INPUT_TOO_LARGE'));
    assert.throws(() => mod.classifyPassage('x'.repeat((16 << 20) + 1)), code('INPUT_TOO_LARGE'));
    assert.throws(() => mod.classify('text', { chunkBytes: 10 }), code('INVALID_OPTIONS'));
    assert.throws(() => mod.classify('text', { chunkBytes: (2 << 20) + 1 }), code('INVALID_OPTIONS'));
    assert.throws(() => mod.classifyChunks('text', null, 'not a function'), code('NOT_A_FUNCTION'));
    assert.throws(() => new mod.Classifier(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])), code('NOT_A_MODEL'));
    assert.throws(() => new mod.Classifier(new TextEncoder().encode('not a model at all, just garbage')), code('NOT_A_MODEL'));
    assert.throws(() => new mod.Classifier('garbage'), code('NOT_BYTES'));
    // Still usable after errors.
    assert.equal(mod.classifyPassage(ACCESS_FR).label, 'cyber_dependent');
  });
}

test('Classifier from the model file gives the same results as the bundled model', () => {
  const bytes = readFileSync(join(ROOT, 'models', 'cyberclause.model'));
  for (const mod of [esm, cjs]) {
    const c = new mod.Classifier(new Uint8Array(bytes));
    assert.deepEqual(c.classify(FR), mod.classify(FR));
    assert.deepEqual(c.classifyPassage(ACCESS_FR), mod.classifyPassage(ACCESS_FR));
    assert.deepEqual(c.modelInfo(), mod.modelInfo());
    const corrupt = new Uint8Array(bytes);
    corrupt[corrupt.length >> 1] ^= 0xff;
    assert.throws(() => new mod.Classifier(corrupt), (e) => e.code === 'CORRUPT_MODEL');
    c.free();
  }
});

test('web build glue works once initialised, through the API over it', async () => {
  const web = join(dir, 'node_modules', 'cyberclause', 'web');
  const glue = await import(pathToFileURL(join(web, 'cyberclause_wasm.js')).href);
  glue.initSync({ module: readFileSync(join(web, 'cyberclause_wasm_bg.wasm')) });
  const { bind } = await import(pathToFileURL(join(web, 'api.js')).href);
  const api = bind(glue);
  assert.equal(api.classifyPassage(ACCESS_FR).label, 'cyber_dependent');
  assert.deepEqual(api.classify(EN), cjs.classify(EN));
  assert.throws(() => api.classify(7), (e) => e.code === 'NOT_A_STRING');
});

test('web entry initialises itself with top-level await', async () => {
  // Node's fetch has no file: URLs; serve them as a browser would.
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const u = new URL(url);
    if (u.protocol !== 'file:') return realFetch(url);
    return new Response(readFileSync(fileURLToPath(u)), { headers: { 'content-type': 'application/wasm' } });
  };
  try {
    const web = await import(pathToFileURL(join(dir, 'node_modules', 'cyberclause', 'web', 'index.js')).href);
    assert.equal(web.classifyPassage(ACCESS_FR).label, 'cyber_dependent');
    assert.equal(web.labels().length, 6);
    assert.equal(web.modelInfo().version, cjs.modelInfo().version);
  } finally {
    globalThis.fetch = realFetch;
  }
});
