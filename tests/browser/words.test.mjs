// Words (issue 16): plural rules in both languages, no English string left in the French
// interface (every visible text node, aria-label, title and placeholder is checked against
// the English string table of i18n.js), numbers written the language's way, a toolbar on
// one line at 1,280 px in both languages with nothing moving on a switch, and
// screenshots in both languages at desktop and phone widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, DESKTOP, classify, labelInfo, screenshot, SIX, CLEAR_CUT } from './helpers.mjs';

let site; let page;
before(async () => {
  site = await openSite({ withPage: true, viewport: DESKTOP });
  ({ page } = site);
});
after(() => closeSite(site));

const setLang = async (want) => {
  if (await page.getAttribute('html', 'lang') !== want) await page.click('#lang-switch');
  assert.equal(await page.getAttribute('html', 'lang'), want);
};

/** Every string the interface shows: rendered text nodes, and aria-label, title,
 * placeholder and alt attributes of rendered elements, plus the document's title. The
 * user's own text is left out (passages, the quoted passage, its path and evidence
 * terms, the text box), and so is anything marked as being in another language (the
 * switch to English says "English", in English). */
function uiStrings() {
  return page.evaluate(() => {
    const USER = '#doc .ptext, #doc .rtext, #doc .gap, blockquote, textarea, .path, .evidence li, #model-info';
    const own = (el) => !el.closest(USER) && !el.closest(`[lang]:not([lang="${document.documentElement.lang}"])`);
    const out = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const s = n.textContent.trim();
      if (!s || !own(el)) continue;
      // <option> text is shown by its <select>, which checkVisibility covers.
      const shown = el.closest('option') ? el.closest('select').checkVisibility() : el.checkVisibility();
      if (shown) out.push(s);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      if (!own(el) || !el.checkVisibility()) continue;
      if (el.matches('#doc .passage')) continue; // a passage's title is its (user's) heading path
      for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
    return out;
  });
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Regexps of every English string (plural forms and nested tables included) that differs
 * from its French counterpart, placeholders matching anything; label names and
 * definitions from the model too. Strings with under four letters of their own are left
 * out ("{label}?", "CSV"). */
async function englishPatterns() {
  const STRINGS = await page.evaluate(async () => (await import('./js/i18n.js')).STRINGS);
  const pairs = [];
  const walk = (en, fr, key) => {
    if (typeof en === 'string') {
      if (en !== fr) pairs.push([key, en]);
    } else for (const k of Object.keys(en)) walk(en[k], fr?.[k], `${key}.${k}`);
  };
  for (const key of Object.keys(STRINGS.en)) walk(STRINGS.en[key], STRINGS.fr[key], key);
  for (const l of await labelInfo()) {
    if (l.nameEn !== l.nameFr) pairs.push([`label ${l.id}`, l.nameEn]);
    pairs.push([`definition ${l.id}`, l.definitionEn]);
  }
  return pairs
    .filter(([, en]) => en.replace(/\{\w+\}/g, '').replace(/[^\p{L}]/gu, '').length >= 4)
    .map(([key, en]) => [key, new RegExp(`(^|[^\\p{L}])${en.split(/\{\w+\}/).map(escape).join('.+?')}($|[^\\p{L}])`, 'u')]);
}

async function englishLeft() {
  const patterns = await englishPatterns();
  const found = [];
  for (const s of await uiStrings()) {
    for (const [key, re] of patterns) if (re.test(s)) found.push(`${key}: "${s.slice(0, 80)}"`);
  }
  return found;
}

/** Puts the page in a state where most strings show: results, a selected passage with its
 * evidence, the position, a warning and a filter. */
async function busyState() {
  await classify(page, `${SIX}\n\nComputer data may be intercepted by order of a judge under this article.`);
  await page.click('#doc .passage[data-label="safeguard"]');
  await page.click('#next');
  await page.waitForSelector('#detail-body .evidence');
}

test('no English string is left in the French interface, switched to or loaded in French', async () => {
  await setLang('en');
  await busyState();
  // The check itself finds the English interface English (it can fail).
  const inEnglish = await englishLeft();
  assert.ok(inEnglish.length >= 15, `the checker finds English in the English UI: ${inEnglish.length}`);
  assert.ok(inEnglish.some((s) => s.startsWith('position')), 'it sees "Passage n of m"');
  await setLang('fr');
  assert.deepEqual(await englishLeft(), [], 'after switching to French');
  assert.match(await page.textContent('#position'), /^Passage \d+ sur \d+$/);
  // Filtered and re-classified in French, a too-short text, a message about languages.
  await page.selectOption('#filter', 'safeguard');
  assert.deepEqual(await englishLeft(), [], 'filtered, in French');
  await page.selectOption('#filter', '');
  await classify(page, 'Computer fraud: imprisonment up to five years.');
  assert.deepEqual(await englishLeft(), [], 'a short text, in French');
  await classify(page, 'Interception of content data.');
  assert.deepEqual(await englishLeft(), [], 'no passage, in French');
  await setLang('en');
});

test('plural rules: one, several and none, in English and French', async () => {
  await setLang('en');
  await classify(page, CLEAR_CUT.safeguard);
  assert.match(await page.textContent('#status'), /^1 passage classified: /);
  // The other labels have no passage: "no passage", never "0 passages".
  const figures = await page.$$eval('#summary .figure', (els) => els.map((e) => e.textContent));
  assert.ok(figures.some((f) => /^no passage · 0% of the text$/.test(f)), figures.join(' | '));
  assert.ok(!figures.some((f) => /\b0 passages|1 passages/.test(f)), figures.join(' | '));
  await page.selectOption('#filter', 'other');
  assert.equal(await page.textContent('#status'), 'Showing none of these: no passage.');
  await page.selectOption('#filter', '');
  assert.equal(await page.textContent('#status'), 'Showing the only passage.');
  await setLang('fr');
  await classify(page, CLEAR_CUT.safeguard);
  assert.match(await page.textContent('#status'), /^1 passage classé : /);
  assert.ok((await page.$$eval('#summary .figure', (els) => els.map((e) => e.textContent))).some((f) => /^aucun passage · 0\s%\sdu texte$/.test(f)));
  await classify(page, `${CLEAR_CUT.safeguard}\n\n${CLEAR_CUT.procedural_power}`);
  assert.match(await page.textContent('#status'), /^2 passages classés : /);
  await page.selectOption('#filter', 'safeguard');
  assert.match(await page.textContent('#status'), /^Affichage : garantie, 1 passage\.$/);
  await page.selectOption('#filter', '');
  await setLang('en');
});

test('numbers are written the interface language\'s way: weights like probabilities', async () => {
  await setLang('fr');
  await classify(page, SIX);
  await page.click('#doc .passage[data-label="procedural_power"]');
  const weights = await page.$$eval('#detail-body .evidence li', (els) => els.map((e) => e.textContent));
  assert.ok(weights.length > 0);
  for (const w of weights) assert.match(w, /\(\d+,\d\d\)$/, `French decimal comma: ${w}`);
  const probs = await page.$$eval('#detail-body .probs .value', (els) => els.map((e) => e.textContent));
  for (const p of probs) assert.match(p, /^\d+(,\d)?\u00a0%$/, p);
  assert.match(await page.textContent('#detail-body'), /poids total \d+,\d\d/);
  // No decimal point anywhere in the French interface (the model line is data).
  const strings = await uiStrings();
  assert.deepEqual(strings.filter((s) => /\d\.\d/.test(s)), []);
  await setLang('en');
  await page.click('#doc .passage[data-label="procedural_power"]');
  for (const w of await page.$$eval('#detail-body .evidence li', (els) => els.map((e) => e.textContent))) assert.match(w, /\(\d+\.\d\d\)$/, w);
});

/** Where the toolbar's parts and the main boxes are. */
function geometry() {
  return page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { top: Math.round(r.top + scrollY), left: Math.round(r.left), width: Math.round(r.width), height: Math.round(r.height) }; };
    const toolbar = document.getElementById('toolbar');
    const parts = [...toolbar.querySelectorAll(':scope > *:not(.spacer)')].map((el) => ({ id: el.id || el.className, ...box(el), lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '24')) }));
    return { toolbar: box(toolbar), parts, results: box(document.getElementById('results')), doc: box(document.getElementById('doc')), detail: box(document.getElementById('detail')), summary: box(document.getElementById('summary')) };
  });
}

test('at 1,280 px the toolbar holds on one line in both languages, and switching moves nothing', async () => {
  await setLang('en');
  await classify(page, `${SIX}\n\n${SIX}`);
  await page.click('#doc .passage[data-label="safeguard"]');
  const en = await geometry();
  await setLang('fr');
  await page.click('#doc .passage[data-label="safeguard"]');
  const fr = await geometry();
  for (const [name, g] of [['English', en], ['French', fr]]) {
    const tops = g.parts.map((p) => p.top + p.height / 2);
    assert.ok(Math.max(...tops) - Math.min(...tops) < 6, `${name}: the toolbar's parts share one row: ${JSON.stringify(g.parts)}`);
    const buttonHeight = Math.max(...g.parts.filter((p) => /prev|next|repaired/.test(p.id)).map((p) => p.height));
    assert.ok(g.toolbar.height <= buttonHeight + 12, `${name}: toolbar ${g.toolbar.height}px high for ${buttonHeight}px buttons`);
    for (const p of g.parts) assert.ok(p.height <= buttonHeight + 2, `${name}: ${p.id} is on one line (${p.height}px)`);
    assert.ok(g.toolbar.left + g.toolbar.width <= 1280, `${name}: no horizontal overflow`);
  }
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no horizontal scroll');
  for (const k of ['toolbar', 'results', 'doc', 'summary']) {
    assert.deepEqual({ top: fr[k].top, left: fr[k].left, width: fr[k].width }, { top: en[k].top, left: en[k].left, width: en[k].width }, `${k} does not move on a switch`);
  }
  // The details panel is sticky (its top follows the scroll): its column does not move.
  assert.deepEqual([fr.detail.left, fr.detail.width], [en.detail.left, en.detail.width]);
  assert.equal(fr.toolbar.height, en.toolbar.height);
  await setLang('en');
});

test('screenshots in both languages at 1,280 and 390 px', async () => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    for (const lang of ['en', 'fr']) {
      await setLang(lang);
      await classify(page, SIX);
      await page.click('#doc .passage[data-label="procedural_power"]');
      await screenshot(page, `ui-${lang}-${width}`);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, `${lang} ${width}: no horizontal scroll`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await setLang('en');
});
