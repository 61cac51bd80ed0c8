// One clear-cut passage per label: the model (in Node) must get it right, and the page
// must show that label — as data-label and as the label's name in the chip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, openPage, classify, waitForOutcome, shownPassages, expected, labelInfo, screenshot, CLEAR_CUT, SIX, openSite, closeSite } from './helpers.mjs';

let browser; let server; let url; let page; let ctx;

before(async () => ({ browser, server, url, ctx, page } = await openSite({ withPage: true })));
after(() => closeSite({ browser, server }));

for (const [label, text] of Object.entries(CLEAR_CUT)) {
  test(`a clear-cut ${label} passage is shown as ${label}`, async () => {
    const want = await expected(text);
    assert.equal(want.passages.length, 1, 'the test passage is one passage');
    assert.equal(want.passages[0].label, label, `the model itself labels this passage ${want.passages[0].label}`);
    await classify(page, text);
    const shown = await shownPassages(page);
    assert.equal(shown.length, 1);
    assert.equal(shown[0].label, label);
    const names = (await labelInfo()).find((l) => l.id === label);
    assert.equal(shown[0].chip, names.nameEn, 'the label name is visible, not only its colour');
    assert.equal(shown[0].text, text);
  });
}

test('a document gets the same passages, offsets and labels as the package', async () => {
  const want = await expected(SIX);
  await classify(page, SIX);
  const shown = await shownPassages(page);
  assert.deepEqual(shown.map((p) => [p.label, p.start, p.end]), want.passages.map((p) => [p.label, p.start, p.end]));
  for (const p of shown) assert.equal(p.text, SIX.slice(p.start, p.end));
  assert.deepEqual(shown.map((p) => p.label), Object.keys(CLEAR_CUT));
  // The summary counts one passage per label.
  const figures = await page.$$eval('#summary li', (lis) => lis.map((li) => [li.dataset.label, li.querySelector('.figure').textContent]));
  assert.equal(figures.length, 6);
  for (const [, fig] of figures) assert.match(fig, /^1 passage/);
  await page.click('#doc .passage[data-label="procedural_power"]');
  await page.waitForSelector('#detail-body .probs');
  await screenshot(page, 'site-six-labels-selected');
});

test('selecting a passage shows six probabilities summing to 1 and marks evidence inside it', async () => {
  const want = await expected(SIX);
  await classify(page, SIX);
  const target = want.passages.find((p) => p.label === 'procedural_power');
  await page.click(`#doc .passage[data-start="${target.start}"]`);
  const probs = await page.$$eval('#detail-body .probs li', (lis) => lis.map((li) => [li.dataset.label, Number(li.dataset.score)]));
  assert.equal(probs.length, 6);
  const sum = probs.reduce((s, [, v]) => s + v, 0);
  assert.ok(Math.abs(sum - 1) < 1e-6, `probabilities sum to ${sum}`);
  for (const [id, v] of probs) assert.ok(Math.abs(v - target.scores[id]) < 1e-9, `${id} as the package says`);
  const marks = await page.$$eval('#detail-body blockquote mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert.ok(marks.length > 0, 'some evidence is marked in the passage');
  // Marks stand where the engine's evidence spans say: each span's text is inside a mark.
  const spans = target.evidence.flatMap((e) => e.spans);
  assert.ok(spans.length >= target.evidence.length, 'every evidence term has a span');
  for (const s of spans) {
    const word = SIX.slice(s.start, s.end).toLowerCase();
    assert.ok(marks.some((m) => m.includes(word)), `"${word}" is marked (marks: ${marks.join(', ')})`);
  }
  const terms = await page.$$eval('#detail-body .evidence li', (lis) => lis.map((li) => li.textContent));
  assert.equal(terms.length, target.evidence.length);
});

test('each built-in example loads and is classified as the package classifies it', async () => {
  const { EXAMPLES } = await import('../../www/js/examples.js');
  for (const ex of EXAMPLES) {
    await page.evaluate(() => { document.getElementById('status').className = ''; });
    await page.click(`[data-example="${ex.id}"]`);
    await waitForOutcome(page);
    assert.equal(await page.inputValue('#text'), ex.text);
    const want = await expected(ex.text);
    assert.ok(want.passages.length >= 3, `${ex.id} has several passages`);
    assert.deepEqual((await shownPassages(page)).map((p) => [p.label, p.start]), want.passages.map((p) => [p.label, p.start]));
    await screenshot(page, `example-${ex.id}`);
  }
});
