// Three surfaces, one answer: the structured fixtures, the sample, four long structured
// laws and the bad-input catalogue's text cases go through the CLI
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
// Four long structured laws (a code, a law, an Act, a treaty) written by the team.
const LAWS = ['fr-code', 'fr-loi', 'en-act', 'en-treaty']
  .map((n) => readFileSync(join(ROOT, 'models', 'experiments', 'structured_docs', `${n}.txt`), 'utf8'));
// The bad-input catalogue's cases that are UTF-8 text (raw bytes and lone surrogates can
// only reach one kind of surface), under 200 KB.
const CATALOGUE = JSON.parse(readFileSync(join(ROOT, 'tests', 'bad-inputs', 'cases.json'), 'utf8')).cases
  .filter((c) => c.parts.every((p) => typeof p.text === 'string'))
  .map((c) => c.parts.map((p) => p.text.repeat(p.repeat ?? 1)).join(''))
  .filter((t) => t.length < 200_000);

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
      assert.ok(CATALOGUE.length >= 6, `${CATALOGUE.length} catalogue cases`);
      for (const [k, text] of [...FIXTURES, ...LAWS, ...CATALOGUE].entries()) {
        const want = await expected(text);
        same(cli(text), want.passages, `fixture ${k}: CLI`);
        if (!want.passages.length) {
          await classify(page, text);
          // No passage: the results are not shown (the status says why).
          assert.ok(await page.$eval('#results', (r) => r.hidden), `fixture ${k}: ${surface} shows no results`);
          continue;
        }
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
