// The package's analyses, installed from the tarball: `compare` on the two fixture drafts
// (ESM and CJS, and through the worker), `linkSafeguards` on the fixture treaty, the
// `reference` of every passage, and bad arguments refused with codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { installTarball, ROOT } from './install.mjs';

const fixture = (name) => readFileSync(join(ROOT, 'tests', 'fixtures', 'analysis', name), 'utf8');
const DRAFT1 = fixture('draft1.txt');
const DRAFT2 = fixture('draft2.txt');
const TREATY = fixture('treaty.txt');

let installed;
let esm;
let cjs;
let worker;

before(async () => {
  installed = installTarball('cyberclause-analysis-');
  writeFileSync(join(installed.dir, 'entry.mjs'), "export * from 'cyberclause';\n");
  const requireFromDir = createRequire(join(installed.dir, 'entry.cjs'));
  cjs = requireFromDir('cyberclause');
  worker = requireFromDir('cyberclause/worker');
  esm = await import(pathToFileURL(join(installed.dir, 'entry.mjs')).href);
});

after(() => installed?.remove());

const delta = (cmp, label) => cmp.labels.find((d) => d.label === label);

function checkComparison(cmp) {
  assert.deepEqual(cmp.labels.map((d) => d.label), ['cyber_dependent', 'cyber_enabled', 'content_crime', 'procedural_power', 'safeguard', 'other']);
  // Article 1: the penalty changed; the word diff points into both drafts.
  const access = delta(cmp, 'cyber_dependent');
  assert.equal(access.changed.length, 1);
  assert.equal(access.unchanged, 1);
  const change = access.changed[0];
  assert.equal(cmp.old.passages[change.old].reference, 'Art. 1');
  const del = change.diff.find((r) => r.op === 'delete');
  const ins = change.diff.find((r) => r.op === 'insert');
  assert.equal(DRAFT1.slice(del.old.start, del.old.end), 'two years.');
  assert.equal(DRAFT2.slice(ins.new.start, ins.new.end), 'five years and a fine.');
  assert.equal(del.new, null);
  assert.equal(ins.old, null);
  for (const run of change.diff.filter((r) => r.op === 'equal')) {
    assert.equal(DRAFT1.slice(run.old.start, run.old.end), DRAFT2.slice(run.new.start, run.new.end));
  }
  // Removed, added, renumbered, relabelled.
  assert.deepEqual(delta(cmp, 'content_crime').removed.map((i) => cmp.old.passages[i].reference), ['Art. 3']);
  assert.deepEqual(delta(cmp, 'safeguard').added.map((i) => cmp.new.passages[i].reference), ['Art. 6']);
  assert.equal(delta(cmp, 'procedural_power').unchanged, 2);
  assert.equal(cmp.labelChanges.length, 1);
  assert.equal(cmp.labelChanges[0].oldLabel, 'other');
  assert.equal(cmp.labelChanges[0].newLabel, 'safeguard');
  // Both summaries.
  assert.equal(cmp.old.summary.find((s) => s.label === 'content_crime').passages, 1);
  assert.equal(cmp.new.summary.find((s) => s.label === 'content_crime').passages, 0);
  assert.equal(cmp.threshold, 0.5);
}

test('compare: ESM and CJS give the known changes of the fixture drafts', () => {
  const a = esm.compare(DRAFT1, DRAFT2);
  checkComparison(a);
  assert.deepEqual(cjs.compare(DRAFT1, DRAFT2, { threshold: 0.5 }), a);
});

test('compare: through the worker, the same result', async () => {
  const wc = worker.createWorkerClassifier();
  try {
    checkComparison(await wc.compare(DRAFT1, DRAFT2));
    const map = await wc.linkSafeguards(esm.classify(TREATY).passages);
    assert.equal(map.unguarded.length, 1);
    await assert.rejects(wc.compare(DRAFT1, 3), { code: 'NOT_A_STRING' });
    await assert.rejects(wc.compare(DRAFT1, DRAFT2, { threshold: 0 }), { code: 'INVALID_OPTIONS' });
  } finally {
    wc.terminate();
  }
});

test('compare: bad arguments are refused with codes', () => {
  assert.throws(() => esm.compare(DRAFT1), { code: 'NOT_A_STRING' });
  assert.throws(() => esm.compare(DRAFT1, DRAFT2, { threshold: 1.5 }), { code: 'INVALID_OPTIONS' });
  assert.throws(() => esm.compare(DRAFT1, DRAFT2, { threshold: 'high' }), { code: 'INVALID_OPTIONS' });
  assert.throws(() => esm.compare(DRAFT1, DRAFT2, 'fast'), { code: 'INVALID_OPTIONS' });
  const empty = esm.compare('', '');
  assert.ok(empty.labels.every((d) => d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0));
});

test('linkSafeguards: the treaty fixture\'s known links, by reference', () => {
  const doc = esm.classify(TREATY);
  assert.ok(doc.passages.every((p) => typeof p.reference === 'string'));
  const ref = (i) => doc.passages[i].reference;
  const map = esm.linkSafeguards(doc.passages);
  assert.deepEqual(map.unguarded.map(ref), ['Art. 7']);
  const power = (r) => map.powers.find((p) => p.reference === r);
  assert.deepEqual(power('Art. 5 §1').safeguards[0], { safeguard: doc.passages.findIndex((p) => p.reference === 'Art. 5 §2'), reference: 'Art. 5 §2', reason: 'same_article', via: null });
  const art4 = power('Art. 5 §1').safeguards.find((l) => l.reference === 'Art. 4 §1');
  assert.equal(art4.reason, 'citation');
  assert.equal(art4.via.by, 'section');
  assert.equal(art4.via.text, 'Article 4');
  const review = power('Art. 6').safeguards.find((l) => l.reference === 'Art. 9');
  assert.deepEqual([review.reason, review.via.by, review.via.text], ['citation', 'power', 'Article 9']);
  assert.deepEqual(cjs.linkSafeguards(doc.passages), map);
});

test('linkSafeguards: anything but passages is refused with INVALID_PASSAGES', () => {
  for (const bad of [null, 'text', {}, [1], [{ label: 'hacking' }], [{ label: 'safeguard', path: 'Art. 1' }], [{ label: 'safeguard', kind: 'chapter' }]]) {
    assert.throws(() => esm.linkSafeguards(bad), { code: 'INVALID_PASSAGES' }, JSON.stringify(bad));
  }
  assert.deepEqual(esm.linkSafeguards([]), { powers: [], unguarded: [] });
  const alone = esm.linkSafeguards([{ label: 'procedural_power', text: 'The police may seize data.' }]);
  assert.deepEqual(alone, { powers: [{ power: 0, reference: '', safeguards: [], more: 0 }], unguarded: [0] });
});
