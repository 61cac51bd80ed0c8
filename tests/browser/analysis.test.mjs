// The analysis views on the team-written fixtures (tests/fixtures/analysis/): "Powers and
// safeguards" shows the treaty's known links with their reasons, flags the power with none,
// and its entries select their passages; "Compare two drafts" shows the known additions,
// removals, changes (word diff marked in words, not only colour) and the label change,
// both summaries side by side, and exports that parse back; both in French too; both in
// the single file from file:// with no request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newContext, openPage, classify, screenshot, ROOT, SINGLE_URL, LONG, openSite, closeSite } from './helpers.mjs';

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');

/** No serious or critical axe-core violation (WCAG 2 A/AA), as the a11y test asks of the page. */
async function audit(page, name) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`), [], `axe violations in ${name}`);
}

const fixture = (name) => readFileSync(join(ROOT, 'tests', 'fixtures', 'analysis', name), 'utf8');
const TREATY = fixture('treaty.txt');
const DRAFT1 = fixture('draft1.txt');
const DRAFT2 = fixture('draft2.txt');

let site;
before(async () => {
  site = await openSite();
});
after(() => closeSite(site));

/** The powers view as data: each power's reference, flag and safeguards with reasons. */
function powersShown(page) {
  return page.$$eval('#powers .powers > li', (items) => items.map((li) => ({
    power: li.querySelector('.power-link .ref').textContent,
    index: Number(li.dataset.power),
    unguarded: 'unguarded' in li.dataset,
    text: li.textContent,
    safeguards: [...li.querySelectorAll('.safeguards > li')].map((s) => ({
      ref: s.querySelector('.ref').textContent, reason: s.dataset.reason, why: s.querySelector('.reason').textContent, index: Number(s.dataset.safeguard),
    })),
  })));
}

async function showPowers(page) {
  await classify(page, TREATY);
  await page.waitForSelector('#powers .powers > li', { timeout: LONG });
  return powersShown(page);
}

const selected = (page) => page.$eval('#doc .passage.selected', (el) => ({ index: Number(el.dataset.index), reference: el.dataset.reference }));

async function checkPowers(page) {
  const powers = await showPowers(page);
  const power = (ref) => powers.find((p) => p.power === ref) || assert.fail(`no power ${ref} in ${JSON.stringify(powers)}`);
  assert.deepEqual(powers.filter((p) => p.unguarded).map((p) => p.power), ['Art. 7']);
  assert.match(power('Art. 7').text, /no safeguard/);
  const retention = power('Art. 5 §1');
  assert.deepEqual([retention.safeguards[0].ref, retention.safeguards[0].reason, retention.safeguards[0].why], ['Art. 5 §2', 'same_article', '(same article)']);
  const art4 = retention.safeguards.find((s) => s.ref === 'Art. 4 §1');
  assert.equal(art4.why, '(Art. 3 §2 subjects this section’s powers to Article 4)');
  const review = power('Art. 6').safeguards.find((s) => s.ref === 'Art. 9');
  assert.equal(review.why, '(this power’s article cites Article 9)');
  assert.match(await page.textContent('#powers .powers-summary'), /4 procedural powers, 1 with no safeguard found/);
  return powers;
}

test('powers and safeguards: the treaty\'s known links, and each entry selects its passage', async () => {
  const { context, errors } = await newContext(site.browser);
  const page = await openPage(context, site.url);
  const powers = await checkPowers(page);
  const review = powers.find((p) => p.power === 'Art. 6').safeguards.find((s) => s.ref === 'Art. 9');
  await page.click(`#powers .power[data-power="${powers.find((p) => p.power === 'Art. 6').index}"] .safeguard-link[data-index="${review.index}"]`);
  assert.deepEqual(await selected(page), { index: review.index, reference: 'Art. 9' });
  // The reference is shown on the passage (a badge from data-reference) and in the panel.
  assert.equal(await page.$eval('#doc .passage.selected', (el) => getComputedStyle(el, '::before').content), '"Art. 9"');
  assert.equal(await page.textContent('#detail-body .reference'), 'Reference: Art. 9');
  assert.match(await page.textContent('#detail-body'), /Any person whose information has been obtained/);
  // A filter hiding the passage is lifted to show it.
  await page.selectOption('#filter', 'other');
  await page.click(`#powers .power[data-unguarded] .power-link`);
  assert.deepEqual(await selected(page), { index: powers.find((p) => p.unguarded).index, reference: 'Art. 7' });
  assert.equal(await page.$eval('#filter', (s) => s.value), '');
  assert.ok(await page.$eval('#doc .passage.selected', (el) => el.getBoundingClientRect().height > 0), 'the passage is shown');
  await screenshot(page, 'powers-safeguards-en');
  await page.locator('#powers').screenshot({ path: `${ROOT}tests/artifacts/powers-view.png` });
  await audit(page, 'the powers and safeguards view');
  // French.
  await page.click('#lang-switch');
  assert.equal(await page.textContent('#powers-h'), 'Pouvoirs et garanties');
  assert.match(await page.textContent('#powers .powers-summary'), /4 pouvoirs procéduraux, dont 1 sans garantie trouvée/);
  const fr = await powersShown(page);
  assert.equal(fr.find((p) => p.power === 'Art. 5 §1').safeguards[0].why, '(même article)');
  assert.match(fr.find((p) => p.power === 'Art. 7').text, /sans garantie/);
  await screenshot(page, 'powers-safeguards-fr');
  await page.click('#lang-switch');
  assert.deepEqual(errors, []);
  await context.close();
});

/** Drops a file on a draft's box the way a browser does (DataTransfer with a File). */
function dropOn(page, textarea, name, content, type) {
  return page.evaluate(([id, n, c, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([c], n, { type: t }));
    const zone = document.getElementById(id).closest('.dropzone');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [textarea, name, content, type]);
}

async function compareDrafts(page) {
  await page.click('#mode-compare');
  assert.equal(await page.isVisible('#input'), false, 'the single-text input is out of the way');
  await page.fill('#compare-old', DRAFT1);
  // The later draft arrives as a dropped HTML file: reduced to its text, nothing runs.
  const html = `<html><body><script>window.__ran = true;</script>${DRAFT2.split('\n\n').map((p) => `<p>${p}</p>`).join('')}</body></html>`;
  await dropOn(page, 'compare-new', 'draft2.html', html, 'text/html');
  await page.waitForFunction(() => document.getElementById('compare-new').value.includes('Article 6 – Remedies'));
  assert.equal(await page.evaluate(() => window.__ran), undefined);
  await page.fill('#compare-new', DRAFT2);
  await page.click('#compare-run');
  await page.waitForFunction(() => /Compared\.|Comparaison faite\./.test(document.getElementById('compare-status').textContent), null, { timeout: LONG });
}

const row = (page, label) => page.$eval(`.compare-summary tr[data-label="${label}"]`, (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));

async function checkComparison(page) {
  assert.match(await page.textContent('#compare-status'), /Compared\. Added: 1 · removed: 1 · changed: 2 · new label: 1\./);
  // label | earlier | later | added | removed | changed | unchanged
  assert.deepEqual(await row(page, 'content_crime'), ['1', '0', '0', '1', '0', '0']);
  assert.deepEqual(await row(page, 'safeguard'), ['0', '2', '1', '0', '1', '0']);
  assert.deepEqual(await row(page, 'procedural_power'), ['2', '2', '0', '0', '0', '2']);
  assert.match(await page.textContent('.label-delta[data-label="content_crime"] .change.removed'), /Art\. 3.*intimate images/);
  assert.match(await page.textContent('.label-delta[data-label="safeguard"] .change.added'), /Art\. 6.*Any person whose data/);
  const change = '.label-delta[data-label="cyber_dependent"] .change.changed';
  assert.equal(await page.textContent(`${change} del`), '−deleted: two years.');
  assert.equal(await page.textContent(`${change} ins`), '+inserted: five years and a fine.');
  assert.equal(await page.$eval(`${change} del`, (e) => getComputedStyle(e).textDecorationLine), 'line-through');
  assert.match(await page.textContent('.label-changes'), /Art\. 6 → Art\. 5: none of these → safeguard/);
  assert.match(await page.textContent('.label-delta[data-label="safeguard"] .change.changed'), /Art\. 6 → Art\. 5 \(similarity 79[.,]9\s?%, none of these → safeguard\)/);
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: await readFile(await dl.path(), 'utf8') };
}

test('compare two drafts: known changes, word diff, both summaries, exports, French', async () => {
  const { context, errors } = await newContext(site.browser);
  const page = await openPage(context, site.url);
  await compareDrafts(page);
  await checkComparison(page);
  await screenshot(page, 'compare-en');
  await page.locator('#compare-results').screenshot({ path: `${ROOT}tests/artifacts/compare-view.png` });
  await audit(page, 'the comparison');

  const json = JSON.parse((await download(page, '#compare-export-json')).text);
  assert.equal(json.old.inputLength, DRAFT1.length);
  const removed = json.labels.find((d) => d.label === 'content_crime').removed[0];
  const p = json.old.passages[removed];
  assert.equal(DRAFT1.slice(p.start, p.end), p.text);
  assert.equal(json.labelChanges[0].newLabel, 'safeguard');
  const csv = (await download(page, '#compare-export-csv')).text.replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\r\n');
  assert.match(lines[0], /^change,label,label_en,label_fr,old_index,old_reference/);
  assert.ok(lines.some((l) => l.startsWith('removed,content_crime,') && l.includes('Art. 3')));
  assert.ok(lines.some((l) => l.startsWith('added,safeguard,') && l.includes('Art. 6')));
  assert.ok(lines.some((l) => l.startsWith('changed,cyber_dependent,') && l.includes('[-two years.-] {+five years and a fine.+}')));
  assert.ok(lines.some((l) => l.startsWith('label_changed,safeguard,')));

  await page.click('#lang-switch');
  assert.equal(await page.textContent('#compare-h'), 'Comparer deux versions');
  await page.click('#compare-run');
  await page.waitForFunction(() => /Comparaison faite\./.test(document.getElementById('compare-status').textContent), null, { timeout: LONG });
  assert.match(await page.textContent('#compare-status'), /Ajoutés : 1 · supprimés : 1 · modifiés : 2 · étiquette changée : 1\./);
  assert.equal(await page.textContent('.label-delta[data-label="cyber_dependent"] .change.changed del'), '−supprimé : two years.');
  assert.equal(await page.textContent('.compare-summary caption'), 'Les deux versions côte à côte');
  await screenshot(page, 'compare-fr');
  await audit(page, 'the comparison in French');
  await page.click('#lang-switch');
  await page.click('#mode-classify');
  assert.ok(await page.isVisible('#input'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single file from file:// shows both views with no request at all', async () => {
  const { context, requests, errors } = await newContext(site.browser);
  const page = await openPage(context, SINGLE_URL);
  await checkPowers(page);
  await compareDrafts(page);
  await checkComparison(page);
  const network = requests.filter((u) => u !== SINGLE_URL && !u.startsWith('blob:'));
  assert.deepEqual(network, []);
  assert.deepEqual(errors, []);
  await context.close();
});
