// Three surfaces, one answer: each structured fixture and the sample go through the CLI
// (`cyberclause classify --json`), the package the page is built from (`classify`) and the
// page itself, served and as the single file from file:// (its JSON export). All must give
// the same passages and headings (offsets, kind, path), labels, scores (within 1e-6),
// evidence terms and evidence spans, and the same summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newContext, openPage, classify, expected, ROOT, SINGLE_URL, openSite, closeSite } from './helpers.mjs';
import { EVIDENCE_TERMS } from '../../www/js/options.js';

const CLI = join(ROOT, 'target', 'release-native', 'cyberclause');
const FIXTURES = ['structure/code_fr.txt', 'structure/treaty_en.txt', 'structure/us_code.txt', 'structure/pdf_paste.txt', 'structure/markdown.md', 'sample.txt']
  .map((f) => readFileSync(join(ROOT, 'tests', 'fixtures', f), 'utf8'));

let site;
before(async () => {
  site = await openSite();
});
after(() => closeSite(site));

function cli(text) {
  assert.ok(existsSync(CLI), `native CLI missing at ${CLI}`);
  const out = execFileSync(CLI, ['classify', '--json', '--evidence', String(EVIDENCE_TERMS), '-'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((p) => ({
    ...p,
    start: p.start_utf16,
    end: p.end_utf16,
    evidence: p.evidence.map((e) => ({ term: e.term, weight: e.weight, spans: e.spans.map((s) => ({ start: s.start_utf16, end: s.end_utf16 })) })),
  }));
}

function same(mine, want, where) {
  assert.equal(mine.length, want.length, `${where}: passage count`);
  mine.forEach((p, i) => {
    const w = want[i];
    assert.deepEqual([p.start, p.end, p.kind, p.path, p.label], [w.start, w.end, w.kind, w.path, w.label], `${where} ${i}`);
    for (const [label, v] of Object.entries(w.scores)) assert.ok(Math.abs(p.scores[label] - v) <= 1e-6, `${where} ${i}: ${label}`);
    assert.deepEqual(p.evidence.map((e) => [e.term, e.spans]), w.evidence.map((e) => [e.term, e.spans]), `${where} ${i}: evidence`);
  });
}

async function exported(page, text) {
  await classify(page, text);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  return JSON.parse(await readFile(await dl.path(), 'utf8'));
}

for (const [surface, url] of [['served page', () => site.url], ['single file', () => SINGLE_URL]]) {
  test(`CLI, package and ${surface} agree on every fixture`, async () => {
    const { context } = await newContext(site.browser);
    const page = await openPage(context, url());
    try {
      for (const [k, text] of FIXTURES.entries()) {
        const want = await expected(text);
        same(cli(text), want.passages, `fixture ${k}: CLI`);
        const doc = await exported(page, text);
        same(doc.passages, want.passages, `fixture ${k}: ${surface}`);
        assert.deepEqual(doc.summary, want.summary, `fixture ${k}: ${surface} summary`);
        assert.equal(doc.language, want.language);
      }
    } finally {
      await context.close();
    }
  });
}
