// Reading results (issue 16): the text in the page's own flow with the details beside it
// (wide) or under the passage (phone), summary bars on one axis, the repaired-text toggle,
// evidence with function words set apart, honest messages when there is no passage, and
// Previous/Next saying when there is nothing further.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, DESKTOP, classify, expected, ARTIFACTS, SIX, CLEAR_CUT } from './helpers.mjs';
import { mkdirSync } from 'node:fs';

let site; let page;
before(async () => {
  site = await openSite({ withPage: true, viewport: DESKTOP });
  ({ page } = site);
});
after(() => closeSite(site));

const LONG_DOC = Array.from({ length: 6 }, (_, i) => `Article ${i + 1}\n\n${SIX}`).join('\n\n');
const rect = (sel) => page.$eval(sel, (el) => { const r = el.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height }; });

test('wide screen: no scroll box around the text; the details stay beside it, in view', async () => {
  await classify(page, LONG_DOC);
  const box = await page.$eval('#doc', (el) => ({ overflow: getComputedStyle(el).overflowY, scroll: el.scrollHeight, client: el.clientHeight, max: getComputedStyle(el).maxHeight }));
  assert.equal(box.overflow, 'visible');
  assert.equal(box.max, 'none');
  assert.ok(box.scroll <= box.client + 1, 'the text is not in an inner scroll box');
  // A passage far down the page: its details are beside it and on screen.
  const far = '#doc .passage[data-label="safeguard"] >> nth=3';
  await page.locator(far).scrollIntoViewIfNeeded();
  await page.locator(far).click();
  const doc = await rect('#doc');
  const detail = await rect('#detail');
  assert.ok(detail.left >= doc.right, 'details beside the text');
  assert.ok(detail.top >= 0 && detail.top < 900 / 2, `details in view (top ${detail.top})`);
  assert.ok(await page.isVisible('#detail-body .probs'));
  assert.equal(await page.isVisible('#detail-close'), false, 'no close button beside the text');
  const probs = await rect('#detail-body .probs');
  assert.ok(probs.bottom <= 900, 'the probabilities are on screen');
});

test('phone: after tapping a passage, its details are on screen right under it', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await classify(page, LONG_DOC);
    const target = page.locator('#doc .passage[data-label="procedural_power"] >> nth=3');
    await target.scrollIntoViewIfNeeded();
    await target.tap().catch(() => target.click());
    await page.waitForSelector('#detail.has-selection');
    const passage = await rect('#doc .passage.selected');
    const detail = await rect('#detail');
    assert.ok(detail.top < 844 && detail.bottom <= 845, `the details are on screen (${detail.top}–${detail.bottom})`);
    assert.ok(detail.height >= 200, `more than a header shows (${detail.height}px)`);
    assert.ok(passage.top >= 0 && passage.top < detail.top, 'the passage is visible above its details');
    const chip = await rect('#detail-body .chip');
    assert.ok(chip.top >= detail.top && chip.bottom <= 844, 'the label of the selected passage is on screen');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/ui-phone-selected.png` });
    // Closing gives the screen back to the text; the passage keeps the focus.
    await page.click('#detail-close');
    assert.equal(await page.$eval('#detail', (d) => d.classList.contains('has-selection')), false);
    assert.ok((await rect('#detail')).top > 844, 'the details are back after the text');
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('passage')), true);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test('summary bars share one axis: same track for every label, filled to the share of the text', async () => {
  await classify(page, `${SIX}\n\n${CLEAR_CUT.safeguard}\n\n${CLEAR_CUT.safeguard}`);
  const want = await expected(`${SIX}\n\n${CLEAR_CUT.safeguard}\n\n${CLEAR_CUT.safeguard}`);
  const rows = await page.$$eval('#summary li', (lis) => lis.map((li) => {
    const bar = li.querySelector('.bar').getBoundingClientRect();
    const fill = li.querySelector('.fill').getBoundingClientRect();
    return { label: li.dataset.label, left: Math.round(bar.left), width: Math.round(bar.width), fill: fill.width };
  }));
  assert.equal(new Set(rows.map((r) => `${r.left}/${r.width}`)).size, 1, `one track for all: ${JSON.stringify(rows)}`);
  for (const r of rows) {
    const share = want.summary.find((s) => s.label === r.label).share;
    assert.ok(Math.abs(r.fill - share * (r.width - 2)) <= 2, `${r.label}: ${r.fill}px for ${share}`);
  }
  const ticks = await page.$$eval('#summary-axis .tick', (els) => els.map((e) => e.textContent));
  assert.deepEqual(ticks, ['0%', '50%', '100%']);
});

const PDF = 'Article 15 – Conditions and safeg-\nuards\n\n1. Each Party shall ensure that the establishment and application of these powers are subject to the safeg-\nuards and the prot-\nection of human rights provided under its domestic law.\n\n12\n\n2. Such conditions and safeguards shall include judicial or other independent supervision.';

test('repaired text: the toggle shows "safeguards" for a "safeg-/uards" paste, offsets unchanged', async () => {
  await classify(page, PDF);
  const before = await page.$$eval('#doc .passage', (els) => els.map((e) => [e.dataset.start, e.dataset.end, e.innerText]));
  const broken = before.findIndex(([, , text]) => /safeg-\s*uards/.test(text));
  assert.ok(broken >= 0, 'the original shows the broken word');
  await page.click('#repaired');
  assert.match(await page.textContent('#repaired'), /Show original/);
  assert.equal(await page.textContent('#status'), 'Showing the repaired text.');
  const afterToggle = await page.$$eval('#doc .passage', (els) => els.map((e) => [e.dataset.start, e.dataset.end, e.innerText]));
  assert.deepEqual(afterToggle.map(([s, e]) => [s, e]), before.map(([s, e]) => [s, e]), 'offsets unchanged');
  assert.match(afterToggle[broken][2], /safeguards and the protection of human rights/);
  assert.doesNotMatch(afterToggle[broken][2], /safeg-/);
  // The detail panel shows the repaired text too, evidence marked by matching its terms.
  await page.click(`#doc .passage[data-index="${broken}"]`);
  const quote = await page.textContent('#detail-body blockquote');
  assert.match(quote, /safeguards and the protection/);
  const marks = await page.$$eval('#detail-body blockquote mark', (els) => els.map((e) => e.textContent.toLowerCase()));
  assert.ok(marks.includes('safeguards'), `marked: ${marks.join(', ')}`);
  assert.match(await page.textContent('#detail-body'), /Characters \d+–\d+/);
  // The export still carries the original offsets.
  const want = await expected(PDF);
  const shownOffsets = afterToggle.map(([s, e]) => [Number(s), Number(e)]);
  assert.deepEqual(shownOffsets, want.passages.map((p) => [p.start, p.end]));
  await page.click('#repaired');
  assert.equal(await page.textContent('#status'), 'Showing the original text.');
  assert.match(await page.$eval(`#doc .passage[data-index="${broken}"]`, (e) => e.innerText), /safeg-/);
  assert.match(await page.textContent('#detail-body blockquote'), /safeg-/);
});

test('the repaired-text toggle on a text with nothing repaired says so', async () => {
  await classify(page, SIX);
  await page.click('#repaired');
  assert.match(await page.textContent('#status'), /^Nothing was repaired in this text/);
  await page.click('#repaired');
});

test('evidence: content words first, function words on an "other terms" line, total exact', async () => {
  const text = CLEAR_CUT.safeguard;
  await classify(page, text);
  const want = (await expected(text)).passages[0].evidence;
  const STOP = await page.evaluate(async () => {
    const { isFunctionTerm } = await import('./js/stopwords.js');
    return ['and', 'shall', 'of the', 'le', 'de la', 'safeguards', 'privacy'].map((w) => [w, isFunctionTerm(w)]);
  });
  assert.deepEqual(STOP.map(([, f]) => f), [true, true, true, true, true, false, false]);
  await page.click('#doc .passage');
  const content = await page.$$eval('#detail-body ul.evidence:not(.other) li', (els) => els.map((e) => e.textContent.replace(/ \(.*\)$/, '')));
  const other = await page.$$eval('#detail-body .other-terms li', (els) => els.map((e) => e.textContent.replace(/ \(.*\)$/, '')));
  const functionWords = want.map((e) => e.term).filter((t) => STOP.find(([w]) => w === t)?.[1] || ['and', 'shall', 'the', 'of', 'to'].includes(t));
  assert.ok(functionWords.length > 0, `the passage's evidence has function words: ${want.map((e) => e.term).join(', ')}`);
  for (const w of functionWords) {
    assert.ok(other.includes(w), `${w} is on the other-terms line`);
    assert.ok(!content.includes(w), `${w} is not among the content words`);
  }
  assert.deepEqual([...content, ...other].sort(), want.map((e) => e.term).sort(), 'every term still shown');
  const total = want.reduce((s, e) => s + e.weight, 0);
  assert.match(await page.textContent('#detail-body .evidence-total'), new RegExp(`^${want.length} evidence terms, total weight ${total.toFixed(2).replace('.', '\\.')}\\.$`));
  assert.match(await page.textContent('#detail-body .other-terms'), /^Other terms? \(\d+\):/);
});

test('messages: empty, only spaces, binary, five words, each says exactly why', async () => {
  const status = () => page.textContent('#status');
  await classify(page, '');
  assert.match(await status(), /text is empty/);
  await classify(page, '   \n\t  ');
  assert.match(await status(), /only spaces or invisible characters/);
  let bin = 'ELF';
  for (let i = 0; i < 600; i += 1) bin += String.fromCharCode((i * 37) % 32);
  await classify(page, bin);
  assert.match(await status(), /^No passage to classify: the text looks like a binary file/);
  await classify(page, 'Interception of content data.');
  assert.match(await status(), /too short \(4 words; the model needs at least 6 words/);
  assert.doesNotMatch(await status(), /no words the model can read/);
  await classify(page, 'Unauthorised interception of computer data.');
  assert.match(await status(), /too short \(5 words/);
  assert.equal(await page.isVisible('#results'), false);
});

test('a short clause is never "not recognised" when its language cannot be told from so few words', async () => {
  const warning = () => page.evaluate(() => { const w = document.getElementById('warning'); return w.hidden ? '' : w.textContent; });
  await classify(page, 'Computer fraud: imprisonment up to five years.');
  assert.doesNotMatch(await warning(), /not recognised/);
  assert.match(await warning(), /too short to tell its language \(7 words\)/);
  // In a document that is clearly English, every passage's language is given.
  const text = `${SIX}\n\nComputer fraud: imprisonment up to five years.`;
  await classify(page, text);
  assert.equal(await warning(), '');
  const n = (await expected(text)).passages.length;
  await page.click(`#doc .passage[data-index="${n - 1}"]`);
  const detail = await page.textContent('#detail-body');
  assert.doesNotMatch(detail, /not recognised/);
  assert.match(detail, /Language: (English|too short to tell \(the text is English\))/);
});

test('Previous at the first passage and Next at the last say so', async () => {
  await classify(page, SIX);
  await page.click('#next');
  assert.equal(await page.$eval('#doc .passage.selected', (e) => e.dataset.index), '0');
  await page.click('#prev');
  assert.match(await page.textContent('#status'), /This is the first passage/);
  await page.click('#doc .passage[data-index="5"]');
  await page.click('#next');
  assert.match(await page.textContent('#status'), /This is the last passage/);
  assert.equal(await page.$eval('#doc .passage.selected', (e) => e.dataset.index), '5');
});
