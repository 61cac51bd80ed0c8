// The bad-input catalogue of issue 6, through the page: each input gives results or a
// clear message — never an exception, a blank page, or a lost text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, openPage, classify, shownPassages, expected, screenshot, LONG, CLEAR_CUT, SIX, openSite, closeSite } from './helpers.mjs';

let browser; let server; let url; let ctx; let page;

before(async () => ({ browser, server, url, ctx, page } = await openSite({ withPage: true })));
after(() => closeSite({ browser, server }));

/** The state every outcome must keep: the page is there and the user's text is intact. */
async function assertSound(text) {
  assert.deepEqual(ctx.errors, [], 'no uncaught error');
  assert.ok(await page.isVisible('h1'), 'the page is not blank');
  assert.ok((await page.textContent('#status')).trim().length > 0, 'a message is shown');
  assert.equal(await page.evaluate(() => document.getElementById('text').value.length), text.length, 'the text is kept');
}

const status = () => page.textContent('#status');
const warning = () => page.evaluate(() => { const w = document.getElementById('warning'); return w.hidden ? '' : w.textContent; });

test('empty text: a clear message, no results', async () => {
  await classify(page, '');
  assert.match(await status(), /text is empty/);
  assert.equal(await page.isVisible('#results'), false);
  await assertSound('');
  await screenshot(page, 'bad-empty');
});

for (const [name, text] of [['whitespace', ' \n\t \n  \n\u00a0'], ['zero-width only', '\u200b\u200c\u200d\ufeff\u2060']]) {
  test(`${name}: says there is nothing but spaces`, async () => {
    await classify(page, text);
    assert.match(await status(), /only spaces or invisible characters/);
    await assertSound(text);
  });
}

test('binary junk with NUL bytes: read as spaces, with a warning, and the words still classified', async () => {
  let junk = '';
  for (let i = 0; i < 3000; i += 1) junk += String.fromCharCode((i * 7919) % 256);
  const text = `${junk}\n\n${CLEAR_CUT.procedural_power}\n\n\u0000\u0000\u0001`;
  await classify(page, text);
  assert.match(await warning(), /control or binary characters/);
  assert.ok((await shownPassages(page)).some((p) => p.label === 'procedural_power'));
  await assertSound(text);
  await screenshot(page, 'bad-binary');
});

test('only control characters: a clear "nothing to classify" message', async () => {
  const text = '\u0000\u0001\u0002\u0003 \u0004\u0005\u0006';
  await classify(page, text);
  assert.match(await status(), /No passage to classify/);
  await assertSound(text);
});

test('lone surrogates: classified, offsets still line up with the text', async () => {
  const text = `\ud800${CLEAR_CUT.safeguard}\udfff\n\n\udbff ${CLEAR_CUT.cyber_dependent} \ud83d`;
  await classify(page, text);
  const shown = await shownPassages(page);
  const want = await expected(text);
  assert.deepEqual(shown.map((p) => [p.label, p.start, p.end]), want.passages.map((p) => [p.label, p.start, p.end]));
  for (const p of shown) assert.equal(p.text, text.slice(p.start, p.end));
  await assertSound(text);
});

test('zero-width characters and emoji inside a passage: still labelled', async () => {
  const text = `🔥 Each\u200b State\u200b Party shall 🚀 adopt measures to empower its competent authorities to order the expedited preservation of stored computer data 🎉 and to search and seize computer systems.`;
  await classify(page, text);
  const want = await expected(text);
  assert.deepEqual((await shownPassages(page)).map((p) => p.label), want.passages.map((p) => p.label));
  await assertSound(text);
});

test('right-to-left and mixed scripts: shown and labelled, language flagged as not recognised', async () => {
  const text = 'مكافحة الجريمة الإلكترونية تتطلب تعاونا دوليا وثيقا بين الدول الأعضاء في الأمم المتحدة.\n\nВсе государства должны сотрудничать в борьбе с киберпреступностью и защищать права человека.';
  await classify(page, text);
  const shown = await shownPassages(page);
  assert.ok(shown.length >= 1);
  for (const p of shown) assert.equal(p.text, text.slice(p.start, p.end));
  assert.match(await warning(), /not recognised.*French and English only/);
  await assertSound(text);
  await screenshot(page, 'bad-rtl');
});

test('a third language (German): labelled, and the page says the language is not supported', async () => {
  const text = 'Die Vertragsstaaten sollen bei der Bekämpfung der Computerkriminalität zusammenarbeiten und dabei die Menschenrechte und den Datenschutz achten.';
  await classify(page, text);
  assert.equal((await shownPassages(page)).length, 1);
  assert.match(await warning(), /not recognised/);
  await assertSound(text);
});

test('one huge line (1.2 million characters, no line break) is classified in pieces', async () => {
  const words = SIX.replace(/\n+/g, ' ');
  const text = Array.from({ length: Math.ceil(1_200_000 / words.length) }, () => words).join(' ');
  await classify(page, text);
  const shown = await shownPassages(page);
  assert.ok(shown.length > 1000, `${shown.length} passages`);
  for (let i = 1; i < shown.length; i += 1) assert.ok(shown[i].start >= shown[i - 1].end, 'passages in order, never overlapping');
  assert.equal(shown[shown.length - 1].end <= text.length, true);
  assert.match(await status(), /passages classified/);
  await assertSound(text);
});

test('a text over the page\'s limit gets a clear message and is kept', async () => {
  const size = await page.evaluate(async () => (await import('./js/input.js')).MAX_CHARS);
  // All in one task, read back before the browser lays out megabytes in the text box
  // (which takes long and is not what this test is about), then emptied again.
  const [status, kept] = await page.evaluate((n) => {
    const box = document.getElementById('text');
    box.value = 'a'.repeat(n + 1);
    document.getElementById('classify').click();
    const out = [document.getElementById('status').textContent, box.value.length];
    box.value = '';
    return out;
  }, size);
  assert.match(status, /too long for the page/);
  assert.equal(kept, size + 1, 'the text is kept');
});

test('a file over the page\'s limit is refused with a clear message; the box keeps its text', async () => {
  await page.evaluate(() => { document.getElementById('text').value = 'mine'; });
  await page.evaluate(async () => {
    const { MAX_CHARS } = await import('./js/input.js');
    const dt = new DataTransfer();
    dt.items.add(new File(['x'.repeat(MAX_CHARS + 10)], 'huge.txt', { type: 'text/plain' }));
    document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /too long/.test(document.getElementById('status').textContent), null, { timeout: LONG });
  assert.equal(await page.inputValue('#text'), 'mine');
});
