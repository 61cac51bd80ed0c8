// Long input, installed from the tarball: classified in chunks rather than refused, with
// offsets into the whole text, up to MAX_TEXT_LENGTH; `classifyChunks` streams the same
// passages `classify` gathers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { corpus, installTarball } from './install.mjs';

const ACCESS =
  "Le fait d'accéder ou de se maintenir frauduleusement dans tout ou partie d'un système de traitement automatisé de données est puni de trois ans d'emprisonnement.";

let installed;
let cc;

before(() => {
  installed = installTarball('cyberclause-long-');
  cc = createRequire(join(installed.dir, 'entry.cjs'))('cyberclause');
});

after(() => installed?.remove());

test('classifyPassage reads a passage right after the module memory has grown', () => {
  // Its numbers are read through a view of the module's memory, which growing replaces:
  // the first call here is on a small memory, and the document then makes it grow.
  const before = cc.classifyPassage(ACCESS);
  const doc = cc.classify(`${ACCESS}\n\n`.repeat(40_000));
  assert.equal(doc.passages.length, 40_000);
  assert.deepEqual(cc.classifyPassage(ACCESS), before);
  assert.deepEqual(cc.classifyPassage(`🔒 ${ACCESS}`).evidence.map((e) => e.term), before.evidence.map((e) => e.term));
});

test('text over the core 16 MiB per call is classified in chunks, offsets exact', () => {
  // Headings too short to be passages fill 17 MiB between three real passages; the
  // emoji make UTF-16 offsets differ from byte offsets.
  const filler = 'Chapitre premier\n\n'.repeat(Math.ceil((17 << 20) / 18));
  const text = `🔒 ${ACCESS}\n\n${filler}🔒 ${ACCESS}\n\n${filler.slice(0, 5000)}${ACCESS}`;
  assert.ok(Buffer.byteLength(text) > 16 << 20);
  const doc = cc.classify(text);
  assert.equal(doc.passages.length, 3);
  for (const p of doc.passages) {
    assert.equal(text.slice(p.start, p.end), p.text);
    assert.equal(p.label, doc.passages[0].label);
  }
  assert.equal(doc.passages[2].end, text.length);
  assert.deepEqual(doc.passages[0].scores, cc.classifyPassage(doc.passages[0].text).scores);
  assert.equal(doc.summary.find((s) => s.label === doc.passages[0].label).passages, 3);
});

test('over MAX_TEXT_LENGTH is refused with INPUT_TOO_LARGE, at the limit it is not', () => {
  assert.equal(cc.MAX_TEXT_LENGTH, 64 * 1024 * 1024);
  const over = ' '.repeat(cc.MAX_TEXT_LENGTH + 1);
  assert.throws(() => cc.classify(over), (e) => e.code === 'INPUT_TOO_LARGE' && /67108864/.test(e.message));
  const doc = cc.classify(over.slice(1));
  assert.equal(doc.passages.length, 0);
  assert.equal(doc.language, 'unknown');
});

test('classifyChunks hands over what classify gathers, chunk by chunk', () => {
  const text = corpus().slice(0, 300).map((r) => r.text).join('\n\n');
  const opts = { chunkBytes: 4096 };
  const chunks = [];
  const overview = cc.classifyChunks(text, opts, (c) => chunks.push(c));
  const doc = cc.classify(text, opts);
  assert.ok(chunks.length > 10);
  assert.equal(chunks[0].start, 0);
  chunks.forEach((c, i) => i > 0 && assert.equal(c.start, chunks[i - 1].end));
  assert.equal(chunks.at(-1).end, text.length);
  assert.equal(overview.length, text.length);
  assert.deepEqual(chunks.flatMap((c) => c.passages), doc.passages);
  assert.deepEqual({ language: overview.language, summary: overview.summary }, { language: doc.language, summary: doc.summary });
});

test('a text shorter than one chunk gives the same passages whatever the chunk size', () => {
  const text = corpus().slice(0, 20).map((r) => r.text).join('\n\n');
  assert.ok(Buffer.byteLength(text) < 1 << 20);
  assert.deepEqual(cc.classify(text, { chunkBytes: 2 << 20 }), cc.classify(text));
});

test('an exception thrown by onChunk stops the work and reaches the caller', () => {
  const text = corpus().slice(0, 300).map((r) => r.text).join('\n\n');
  const stop = new Error('enough');
  let calls = 0;
  assert.throws(
    () => cc.classifyChunks(text, { chunkBytes: 4096 }, () => { calls += 1; throw stop; }),
    (e) => e === stop,
  );
  assert.equal(calls, 1);
  assert.equal(cc.classify('Est puni le fait de pirater un système de traitement automatisé.').passages.length, 1);
});
