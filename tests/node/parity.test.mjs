// Parity of the WebAssembly package with the native CLI (target/release-native/cyberclause,
// built by scripts/test-js.sh; CYBERCLAUSE_CLI overrides the path): on every corpus passage
// the same label and all six probabilities within 1e-6, and on a multi-chunk document the
// same passages. Both sides load the same snapshot of models/cyberclause.model, so a
// retrained model cannot make them differ; the package's embedded model is compared with
// that file in package.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { corpus, installTarball, ROOT } from './install.mjs';

const CLI = process.env.CYBERCLAUSE_CLI || join(ROOT, 'target', 'release-native', 'cyberclause');
const TOLERANCE = 1e-6;

let installed;
let work;
let modelPath;
let wasm;

before(() => {
  assert.ok(existsSync(CLI), `native CLI missing at ${CLI}: cargo build --profile release-native -p cyberclause-cli`);
  installed = installTarball('cyberclause-parity-');
  work = mkdtempSync(join(tmpdir(), 'cyberclause-parity-work-'));
  const bytes = readFileSync(join(ROOT, 'models', 'cyberclause.model'));
  modelPath = join(work, 'snapshot.model');
  writeFileSync(modelPath, bytes);
  const { Classifier } = createRequire(join(installed.dir, 'entry.cjs'))('cyberclause');
  wasm = new Classifier(new Uint8Array(bytes));
});

after(() => {
  wasm?.free();
  installed?.remove();
  if (work) rmSync(work, { recursive: true, force: true });
});

function cli(args, input) {
  const out = execFileSync(CLI, [...args, '--model', modelPath], {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Largest probability difference; fails on a label or evidence-term mismatch. */
function compare(native, mine, where) {
  assert.equal(mine.label, native.label, `${where}: label`);
  assert.equal(mine.lang, native.lang, `${where}: lang`);
  assert.deepEqual(Object.keys(mine.scores).sort(), Object.keys(native.scores).sort(), where);
  let max = 0;
  for (const [label, p] of Object.entries(native.scores)) max = Math.max(max, Math.abs(mine.scores[label] - p));
  assert.ok(max <= TOLERANCE, `${where}: probabilities differ by ${max}`);
  assert.deepEqual(mine.evidence.map((e) => e.term), native.evidence.map((e) => e.term), `${where}: evidence`);
  mine.evidence.forEach((e, i) => assert.ok(Math.abs(e.weight - native.evidence[i].weight) <= TOLERANCE, where));
  return max;
}

test('every corpus passage: classifyPassage equals `cyberclause classify --jsonl`', (t) => {
  const records = corpus();
  assert.ok(records.length > 2000, `${records.length} corpus passages`);
  const input = records.map((r) => JSON.stringify({ id: r.id, text: r.text })).join('\n') + '\n';
  const native = cli(['classify', '--jsonl'], input);
  assert.equal(native.length, records.length);
  let max = 0;
  records.forEach((r, i) => {
    assert.equal(native[i].id, r.id);
    max = Math.max(max, compare(native[i], wasm.classifyPassage(r.text), r.id));
  });
  t.diagnostic(`${records.length} passages, max probability difference ${max}`);
});

test('a document of several chunks: classify equals `cyberclause classify --json`', () => {
  // Over 2 MiB, so both sides cut it into chunks at blank lines (1 MiB each).
  const base = corpus().map((r) => r.text).join('\n\n');
  const text = `${base}\n\n`.repeat(Math.ceil((2.5 * (1 << 20)) / base.length));
  const native = cli(['classify', '--json', '-'], text);
  const doc = wasm.classify(text);
  assert.equal(doc.passages.length, native.length);
  doc.passages.forEach((p, i) => {
    const n = native[i];
    assert.deepEqual([p.start, p.end], [n.start_utf16, n.end_utf16], `passage ${i}: offsets`);
    assert.equal(p.text, n.text, `passage ${i}: text`);
    compare(n, p, `passage ${i}`);
  });
});

test('structured documents: headings, kinds, paths, references and texts equal `cyberclause classify --json`', () => {
  const dir = join(ROOT, 'tests', 'fixtures', 'structure');
  for (const name of ['code_fr.txt', 'treaty_en.txt', 'us_code.txt', 'pdf_paste.txt', 'markdown.md']) {
    const text = readFileSync(join(dir, name), 'utf8');
    const native = cli(['classify', '--json', '-'], text);
    const doc = wasm.classify(text);
    assert.equal(doc.passages.length, native.length, name);
    assert.ok(doc.passages.some((p) => p.kind === 'heading'), `${name}: headings`);
    doc.passages.forEach((p, i) => {
      const n = native[i];
      assert.deepEqual([p.start, p.end, p.kind, p.path, p.reference, p.text], [n.start_utf16, n.end_utf16, n.kind, n.path, n.reference, n.text], `${name} ${i}`);
      // Evidence spans: the same places in both, and each is a word of the input.
      assert.deepEqual(p.evidence.map((e) => e.spans), n.evidence.map((e) => e.spans.map((s) => ({ start: s.start_utf16, end: s.end_utf16 }))), `${name} ${i}: spans`);
      // Each span is a word of the input; a term has none only where a PDF broke its word
      // across lines in the input ("com-" / "puter"), which the passage's text repairs.
      for (const e of p.evidence) assert.ok(e.spans.every((s) => /^[\p{L}\p{N}]/u.test(text.slice(s.start, s.end))), `${name} ${i}: ${e.term}`);
      if (p.evidence.length) assert.ok(p.evidence.some((e) => e.spans.length > 0), `${name} ${i}: no evidence span`);
      compare(n, p, `${name} ${i}`);
    });
  }
});

test('texts, paths and terms outside the BMP cross from the wasm whole: equal to `cyberclause classify --json`', () => {
  // A heading with a two-unit character (in every path after it), a repaired passage
  // (a word broken across lines: its text crosses as a string) and one that is its own
  // slice of the input (JS slices it), an emoji word as a term candidate.
  const text = 'Article 2 — Accès 🔒 illégal\n\nChaque Partie adopte les mesures légis-\nlatives pour ériger en infraction pénale l’accès 𝒜𝒷 intentionnel et sans droit à un système.\n\nLe fait d’accéder frauduleusement à tout ou partie d’un système 😀 informatique est puni.';
  const native = cli(['classify', '--json', '-'], text);
  const doc = wasm.classify(text);
  assert.equal(doc.passages.length, native.length);
  assert.ok(doc.passages.some((p, i) => p.text !== text.slice(p.start, p.end)), 'a repaired text');
  doc.passages.forEach((p, i) => {
    const n = native[i];
    assert.deepEqual([p.start, p.end, p.kind, p.path, p.reference, p.text], [n.start_utf16, n.end_utf16, n.kind, n.path, n.reference, n.text], `passage ${i}`);
    assert.deepEqual(p.evidence.map((e) => [e.term, e.spans]), n.evidence.map((e) => [e.term, e.spans.map((s) => ({ start: s.start_utf16, end: s.end_utf16 }))]), `passage ${i}: evidence`);
    compare(n, p, `passage ${i}`);
  });
  assert.ok(doc.passages[1].path[0].includes('🔒'));
});
