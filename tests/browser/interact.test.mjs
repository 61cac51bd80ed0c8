// Working with results: filter by label, move from passage to passage, export CSV and
// JSON (parsed back, offsets checked against the text), copy one result, switch language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, startServer, newContext, openPage, classify, shownPassages, expected, labelInfo, screenshot, SIX, ROOT } from './helpers.mjs';

const TWICE = `${SIX}\n\n${SIX}`;
let browser; let server; let url; let ctx; let page;

before(async () => {
  ({ server, url } = await startServer());
  browser = await launch();
  ctx = await newContext(browser);
  await ctx.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  page = await openPage(ctx.context, url);
});

after(async () => {
  await browser?.close();
  server?.close();
});

const selected = (p) => p.$eval('#doc .passage.selected', (el) => ({ label: el.dataset.label, start: Number(el.dataset.start) }));

test('filtering shows only one label\'s passages, and next/previous move among them', async () => {
  await classify(page, TWICE);
  const want = (await expected(TWICE)).passages.filter((p) => p.label === 'procedural_power');
  assert.equal(want.length, 2);
  await page.selectOption('#filter', 'procedural_power');
  const visible = await page.$$eval('#doc .passage', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.dataset.label));
  assert.deepEqual(visible, ['procedural_power', 'procedural_power']);
  await page.waitForFunction(() => /procedural power/.test(document.getElementById('status').textContent));
  await page.click('#next');
  assert.deepEqual(await selected(page), { label: 'procedural_power', start: want[0].start });
  await page.click('#next');
  assert.deepEqual(await selected(page), { label: 'procedural_power', start: want[1].start });
  assert.match(await page.textContent('#position'), /2 of 2/);
  await page.click('#prev');
  assert.deepEqual(await selected(page), { label: 'procedural_power', start: want[0].start });
  await screenshot(page, 'site-filtered');
  await page.selectOption('#filter', '');
  const all = await page.$$eval('#doc .passage', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
  assert.equal(all, 12);
  await page.click('#next');
  const after1 = await selected(page);
  assert.equal(after1.start, (await expected(TWICE)).passages[4].start, 'next passage of any label');
});

/** RFC 4180 reader: quoted fields, doubled quotes, CRLF. */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { rows[rows.length - 1].push(field); field = ''; } else if (c === '\n') { rows[rows.length - 1].push(field); field = ''; rows.push([]); } else if (c !== '\r') field += c;
  }
  if (field || rows[rows.length - 1].length) rows[rows.length - 1].push(field);
  return rows.filter((r) => r.length > 1);
}

async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: await readFile(await dl.path(), 'utf8') };
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

test('JSON export holds every passage, and its offsets map back to the text', async () => {
  const text = `<b>Article 1.</b>\n\n${SIX}\n\nArticle 2 – Accès frauduleux\n\nÉmoji 🚀 et accents : l’accès frauduleux à un système informatique est puni.`;
  await classify(page, text);
  const { name, text: json } = await download('#export-json');
  assert.match(name, /\.json$/);
  const doc = JSON.parse(json);
  const want = await expected(text);
  assert.equal(doc.inputLength, text.length);
  assert.deepEqual(doc.passages.map((p) => [p.start, p.end, p.label]), want.passages.map((p) => [p.start, p.end, p.label]));
  for (const p of doc.passages) {
    assert.equal(squash(text.slice(p.start, p.end)), squash(p.text), 'offsets are UTF-16 units into the input');
    assert.equal(Object.keys(p.scores).length, 6);
  }
  // Headings are exported with their kind; the summary counts passages only.
  assert.equal(doc.summary.reduce((s, r) => s + r.passages, 0), doc.passages.filter((p) => p.kind === 'passage').length);
  assert.deepEqual(doc.passages.map((p) => [p.kind, p.path, p.reference]), want.passages.map((p) => [p.kind, p.path, p.reference]));
  assert.ok(doc.passages.some((p) => p.reference === 'Art. 2'), 'the article reference is exported');
});

test('CSV export parses back with the same offsets, labels and scores', async () => {
  await classify(page, SIX);
  const { name, text: csv } = await download('#export-csv');
  assert.match(name, /\.csv$/);
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const [head, ...body] = rows;
  const col = (n) => head.indexOf(n);
  assert.ok(col('start') >= 0 && col('text') >= 0 && col('p_safeguard') >= 0);
  const want = await expected(SIX);
  assert.equal(body.length, want.passages.length);
  body.forEach((r, i) => {
    const p = want.passages[i];
    assert.equal(Number(r[col('start')]), p.start);
    assert.equal(Number(r[col('end')]), p.end);
    assert.equal(r[col('label')], p.label);
    assert.ok(Math.abs(Number(r[col(`p_${p.label}`)]) - p.scores[p.label]) < 1e-5);
    assert.equal(SIX.slice(Number(r[col('start')]), Number(r[col('end')])), r[col('text')]);
    assert.equal(r[col('kind')], p.kind);
    assert.equal(r[col('path')], p.path.join(' › '));
    assert.equal(r[col('reference')], p.reference);
  });
});

test('headings and paths: every passage element carries data-kind and data-path from the engine', async () => {
  const text = readFileSync(join(ROOT, 'tests', 'fixtures', 'structure', 'treaty_en.txt'), 'utf8');
  await classify(page, text);
  const shown = await page.$$eval('#doc .passage', (els) => els.map((e) => [e.dataset.kind, e.dataset.path, e.textContent]));
  const want = await expected(text);
  assert.deepEqual(shown.map(([kind, path]) => [kind, path]), want.passages.map((p) => [p.kind, p.path.join(' › ')]));
  assert.ok(shown.some(([kind, , t]) => kind === 'heading' && t.includes('Article 7 – Interference with records')));
  const article = shown.find(([kind, path]) => kind === 'passage' && path.endsWith('Article 7 – Interference with records'));
  assert.ok(article, 'a passage under Article 7 carries its path');
  await page.click('#doc .passage[data-kind="passage"]');
  assert.match(await page.textContent('#detail-body'), /In: Chapter II – Measures/);
});

test('doubt is visible: uncertain passages are marked in words, filterable, and a close second is named', async () => {
  const text = readFileSync(join(ROOT, 'tests', 'fixtures', 'structure', 'treaty_en.txt'), 'utf8');
  await classify(page, text);
  const want = await expected(text);
  const doubtful = want.passages.map((p) => p.kind === 'passage' && p.scores[p.label] < 0.5);
  assert.ok(doubtful.some(Boolean), 'the fixture has an uncertain passage');
  const shown = await page.$$eval('#doc .passage', (els) => els.map((e) => ['uncertain' in e.dataset, e.querySelector('.chip').textContent]));
  assert.deepEqual(shown.map(([u]) => u), doubtful);
  shown.filter(([u]) => u).forEach(([, chip]) => assert.match(chip, /\?$/));
  await page.selectOption('#filter', 'uncertain');
  const visible = await page.$$eval('#doc .passage', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').length);
  assert.equal(visible, doubtful.filter(Boolean).length);
  await page.click('#doc .passage.uncertain');
  const detail = await page.textContent('#detail-body');
  assert.match(detail, /Uncertain: the model gives this label/);
  const i = doubtful.indexOf(true);
  const p = want.passages[i];
  const [first, second] = Object.entries(p.scores).sort((a, b) => b[1] - a[1]);
  if (first[1] - second[1] < 0.15) assert.match(detail, /Close second/);
  await page.selectOption('#filter', '');
});

test('one passage is counted in the singular', async () => {
  await classify(page, 'Le fait d’accéder frauduleusement à un système informatique est puni.');
  assert.match(await page.textContent('#status'), /^1 passage classified: /);
});

test('copy puts one passage\'s result on the clipboard', async () => {
  await classify(page, SIX);
  await page.click('#doc .passage[data-label="safeguard"]');
  await page.click('#copy');
  await page.waitForFunction(() => /copied/i.test(document.getElementById('status').textContent));
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.label, 'safeguard');
  assert.equal(SIX.slice(copied.start, copied.end), copied.text);
  assert.equal(Object.keys(copied.scores).length, 6);
});

test('the interface switches to French, label names too, and the choice persists', async () => {
  await classify(page, SIX);
  const names = await labelInfo();
  await page.click('#lang-switch');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.textContent('#classify'), 'Classer');
  const chips = (await shownPassages(page)).map((p) => p.chip);
  assert.deepEqual(chips, names.map((l) => l.nameFr));
  assert.match(await page.textContent('#legend-list'), new RegExp(names[0].definitionFr.slice(0, 30)));
  await screenshot(page, 'site-french');
  await page.reload();
  await page.waitForSelector('#classify:not([disabled])');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr', 'kept after a reload');
  await page.click('#lang-switch');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
});

test('a French browser gets the French interface by default', async () => {
  const fr = await newContext(browser, { locale: 'fr-FR' });
  const p = await openPage(fr.context, url);
  assert.equal(await p.getAttribute('html', 'lang'), 'fr');
  assert.match(await p.textContent('#privacy'), /ne quitte jamais cet appareil/);
  await fr.context.close();
});

test('a long text shows results while it is still being classified, with progress', async () => {
  // Over 2 MiB: the engine classifies in chunks of about 1 MiB (as the CLI and the
  // package do), and each chunk shows as soon as it is done.
  const copies = Math.ceil((2.2 * (1 << 20)) / (SIX.length + 16));
  const text = Array.from({ length: copies }, (_, i) => `Article ${i + 1}.\n\n${SIX}`).join('\n\n');
  // Record the page's state at every change of the text view: deterministic, no timing.
  await page.evaluate(() => {
    window.__seen = [];
    new MutationObserver(() => {
      const busy = document.getElementById('results').getAttribute('aria-busy') === 'true';
      window.__seen.push({ busy, passages: document.querySelectorAll('#doc .passage').length, progress: document.getElementById('progress').value });
    }).observe(document.getElementById('doc'), { childList: true });
  });
  await classify(page, text);
  const seen = await page.evaluate(() => window.__seen);
  const partial = seen.filter((s) => s.busy && s.passages > 0);
  assert.ok(partial.length >= 2, `results appeared in ${partial.length} steps before the end`);
  assert.ok(partial.some((s) => s.progress > 0 && s.progress < 1), 'progress between 0 and 1 was shown');
  const want = await expected(text);
  assert.equal((await shownPassages(page)).length, want.passages.length);
});
