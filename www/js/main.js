// The page: wires the input, the classification worker and the views together.
import { applyStatic, t, tn, lang, setLang, num } from './i18n.js';
import { setLabelInfo, labelName, LABEL_IDS } from './labels.js';
import { startEngine } from './engine.js';
import { setupInput, checkText, renderExamples, noPassageReason, wordCount, MAX_CHARS } from './input.js';
import { clearDoc, appendChunk, rendered, relabel, passageAt, isUncertain, showRepaired } from './docview.js';
import { UNCERTAIN_FILTER, EVIDENCE_TERMS, MIN_WORDS, SHORT_TEXT_WORDS, FOLD_CHARS } from './options.js';
import { renderSummary, renderLegend, renderAxis, summaryText } from './summary.js';
import { renderDetail } from './detail.js';
import { applyFilter, stepFrom, keyTarget, moveTabStop, visiblePassages } from './nav.js';
import { toCsv, toJson, download } from './exporter.js';
import { registerServiceWorker } from './sw-register.js';
import { renderSafeguards, renderSafeguardsMessage } from './safeguards-view.js';
import { setupCompare, setupModes } from './compare-view.js';

const $ = (id) => document.getElementById(id);
const ui = {
  text: $('text'), classify: $('classify'), status: $('status'), warning: $('warning'), progress: $('progress'),
  results: $('results'), summary: $('summary'), filter: $('filter'), doc: $('doc'), detail: $('detail-body'),
  position: $('position'), legend: $('legend-list'), model: $('model-info'), axis: $('summary-axis'), repaired: $('repaired'),
};
const state = { ready: false, pending: null, job: 0, abort: null, text: '', passages: [], summary: [], language: 'unknown', filter: '', selected: -1, running: false, model: null, status: null, warnings: [], position: null, repaired: false };

/** Says `key` in the live status line. `vars` may hold raw numbers under `n` (plural
 * choice) and in `nums` (names of vars to write as numbers), so that the message can be
 * said again in the other language after a switch. */
function say(key, vars = {}, kind = 'info') {
  state.status = { key, vars, kind };
  ui.status.textContent = message(key, vars);
  ui.status.className = kind;
}

function message(key, vars) {
  const shown = { ...vars };
  if ('summary' in vars) shown.summary = summaryText(state.summary);
  if ('labelId' in vars) shown.label = vars.labelId === UNCERTAIN_FILTER ? t('uncertainOnly') : labelName(vars.labelId);
  for (const name of vars.nums || []) shown[name] = num(vars[name]);
  return 'n' in vars ? tn(key, vars.n, shown) : t(key, shown);
}

/** Warnings under the status line: keys, or {key, vars} for ones with numbers. */
function showWarnings(items, kind = 'warn') {
  state.warnings = items;
  state.warningKind = kind;
  ui.warning.hidden = items.length === 0;
  ui.warning.className = kind === 'error' ? 'warning error' : 'warning';
  ui.warning.textContent = items.map((w) => (typeof w === 'string' ? t(w) : message(w.key, w.vars))).join(' ');
}

/** Passages (not headings) in the engine's summary. */
function passageCount() {
  return state.summary.reduce((n, row) => n + row.passages, 0);
}

function startClassify(text) {
  const check = checkText(text);
  if (check.error) {
    showWarnings([]);
    say(check.error, { ...check.vars, nums: ['size', 'max'] }, 'error');
    ui.results.hidden = true;
    return;
  }
  if (!state.ready) {
    state.pending = text;
    say('loading');
    return;
  }
  Object.assign(state, { text, passages: [], summary: [], language: 'unknown', selected: -1, running: true, position: null, links: null });
  setFolded(text.length > FOLD_CHARS);
  renderSafeguards($('powers'), null);
  renderSummary(ui.summary, []);
  showWarnings(check.warnings);
  clearDoc(ui.doc);
  renderDetail(ui.detail, text, null);
  renderPosition();
  ui.results.hidden = false;
  ui.results.setAttribute('aria-busy', 'true');
  ui.progress.hidden = false;
  ui.progress.value = 0;
  say('working', { done: 0, total: text.length, nums: ['done', 'total'] });
  // A newer text replaces the one being classified: its request is cancelled.
  if (state.abort) state.abort.abort();
  const abort = new AbortController();
  state.abort = abort;
  const job = state.job + 1;
  state.job = job;
  state.engine.classify(text, {
    evidence: EVIDENCE_TERMS,
    signal: abort.signal,
    onProgress: (p) => onChunk({ start: p.start, end: p.done, length: p.total, passages: p.passages }),
  }).then((doc) => {
    if (state.job === job) onDone(doc);
  }, (err) => {
    if (err.code === 'ABORTED' || state.job !== job) return;
    state.running = false;
    ui.progress.hidden = true;
    ui.results.removeAttribute('aria-busy');
    say('error', { code: err.code, message: err.message }, 'error');
  });
}

function onChunk(msg) {
  const first = state.passages.length;
  for (const p of msg.passages) state.passages.push(p);
  appendChunk(ui.doc, state.text, msg.start, msg.end, msg.passages, first);
  ui.progress.value = msg.length ? msg.end / msg.length : 1;
  // Progress is shown, not announced: the live region speaks at the start and the end.
  ui.progress.title = t('working', { done: num(msg.end), total: num(msg.length) });
}

// The engine's summary and language of the whole document arrive with 'done'; the job
// ends (aria-busy off, the result said) once every passage is on the page.
function onDone(msg) {
  const job = state.job;
  state.summary = msg.summary;
  state.language = msg.language;
  rendered(ui.doc).then(() => {
    if (state.job === job) finish();
  });
}

function finish() {
  state.running = false;
  ui.progress.hidden = true;
  ui.results.removeAttribute('aria-busy');
  renderSummary(ui.summary, state.summary);
  renderFilterOptions();
  if (!state.passages.length) {
    // Say exactly why: only spaces, a binary file, too short, or headings alone.
    ui.results.hidden = true;
    showWarnings([]);
    const reason = noPassageReason(state.text);
    say(reason.key, 'n' in reason ? { n: reason.n, min: MIN_WORDS } : { min: MIN_WORDS }, 'error');
    return;
  }
  say('done', { n: passageCount(), summary: null });
  linkSafeguards(state.job);
  const warnings = [...state.warnings];
  if (state.language === 'unknown') {
    // A few words carry too few function words to tell French from English: that is not
    // the same as a text in another language, and the page says which.
    const words = wordCount(state.text);
    warnings.push(words < SHORT_TEXT_WORDS ? { key: 'shortLang', vars: { n: words } } : 'unknownLang');
  }
  showWarnings(warnings);
}

/** The engine links powers to safeguards over the passages just shown (see safeguards-view.js). */
function linkSafeguards(job) {
  state.links = null;
  renderSafeguardsMessage($('powers'), 'powersWorking');
  state.engine.linkSafeguards(state.passages).then((map) => {
    if (state.job !== job) return;
    state.links = map;
    renderSafeguards($('powers'), map, state.passages, selectIndex);
  }, (err) => {
    if (state.job === job) renderSafeguardsMessage($('powers'), 'powersFailed', { code: err.code, message: err.message });
  });
}

/** Selects passage `index`, showing every label first if the filter hides it. */
function selectIndex(index) {
  const el = passageAt(ui.doc, index);
  if (el && state.filter && !visiblePassages(ui.doc, state.filter).includes(el)) {
    state.filter = '';
    ui.filter.value = '';
    say('filterAll', { n: applyFilter(ui.doc, '') });
  }
  select(el);
}

/** The engine is up: the labels and the model's information come from it. */
function onReady({ labels, model }) {
  setLabelInfo(labels);
  state.model = model;
  state.ready = true;
  ui.classify.disabled = false;
  renderLegend(ui.legend);
  renderModelInfo();
  say('ready');
  if (state.pending !== null) startClassify(state.pending);
  state.pending = null;
}

function startEngineOrSay() {
  const { classifier, error } = startEngine();
  if (error && error.code === 'NO_SIMD') {
    say('noSimd', {}, 'error');
    return;
  }
  if (error) {
    say('loadFailed', { message: String(error.message || error) }, 'error');
    return;
  }
  state.engine = classifier;
  classifier.info().then(onReady, (err) => say('loadFailed', { message: err.message }, 'error'));
}

function renderModelInfo() {
  const m = state.model;
  if (!m) return;
  ui.model.textContent = t('modelLine', { version: m.version, trained: m.trained, algorithm: m.algorithm, hash: m.corpusHash.slice(0, 12) });
}

function renderFilterOptions() {
  const counts = Object.fromEntries(state.summary.map((row) => [row.label, row.passages]));
  const all = new Option(`${t('allLabels')} (${num(passageCount())})`, '');
  const options = LABEL_IDS.map((id) => new Option(`${labelName(id)} (${num(counts[id] || 0)})`, id));
  const doubtful = state.passages.filter(isUncertain).length;
  const uncertain = new Option(`${t('uncertainOnly')} (${num(doubtful)})`, UNCERTAIN_FILTER);
  ui.filter.replaceChildren(all, ...options, uncertain);
  ui.filter.value = state.filter;
}

function select(el, { focus = true } = {}) {
  if (!el) return;
  for (const s of ui.doc.querySelectorAll('.passage.selected')) s.classList.remove('selected');
  el.classList.add('selected');
  moveTabStop(ui.doc, el);
  state.selected = Number(el.dataset.index);
  showDetail();
  const shown = visiblePassages(ui.doc, state.filter);
  state.position = { n: shown.indexOf(el) + 1, total: shown.length };
  renderPosition();
  if (focus) el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest' });
  keepClearOfDetail(el);
}

/** Closes the details (phones: they cover the lower part of the screen); the passage that
 * was selected keeps the keyboard focus. */
function deselect() {
  const el = passageAt(ui.doc, state.selected);
  if (el) el.classList.remove('selected');
  state.selected = -1;
  state.position = null;
  renderPosition();
  renderDetail(ui.detail, state.text, null);
  if (el) el.focus({ preventScroll: true });
}

function showDetail() {
  renderDetail(ui.detail, state.text, state.passages[state.selected], state.selected, copyRecord, { repaired: state.repaired, docLang: state.language });
}

/** "Passage 3 of 12", kept as numbers so that it is rewritten on a language switch. */
function renderPosition() {
  const p = state.position;
  ui.position.textContent = p ? t('position', { n: num(p.n), total: num(p.total) }) : '';
}

/** On a phone the details sit at the bottom of the screen, under the passage (a sticky
 * panel, see style.css): scroll so that the passage stays visible above them. On a wide
 * screen, near the end of the text the sticky panel is pushed up by the text's end:
 * scroll back so that its top shows, if the passage stays on screen. */
function keepClearOfDetail(el) {
  const panel = $('detail');
  const p = el.getBoundingClientRect();
  const d = panel.getBoundingClientRect();
  const overlaps = d.left < p.right && d.right > p.left && d.top < p.bottom && d.bottom > p.top;
  if (overlaps) {
    window.scrollBy({ top: p.bottom - d.top + 8 });
    return;
  }
  if (d.top < 0 && p.bottom - d.top + 8 <= window.innerHeight) window.scrollBy({ top: d.top - 8 });
}

async function copyRecord(record, button) {
  const json = JSON.stringify(record, null, 2);
  try {
    await navigator.clipboard.writeText(json);
    say('copied');
  } catch {
    // No clipboard (permission, old browser): show the text selected for Ctrl+C.
    const area = document.createElement('textarea');
    area.className = 'copy-area';
    area.readOnly = true;
    area.rows = 8;
    area.value = json;
    area.setAttribute('aria-label', t('copy'));
    button.after(area);
    area.select();
    area.focus();
    say('copyFailed');
  }
}

function step(direction) {
  const current = passageAt(ui.doc, state.selected);
  const target = stepFrom(ui.doc, state.filter, current, direction);
  if (!target) say('noMore');
  else if (target === current) say(direction < 0 ? 'atFirst' : 'atLast');
  else select(target);
}

function exportAs(kind) {
  const base = `cyberclause-${new Date().toISOString().slice(0, 10)}`;
  const data = { text: state.text, passages: state.passages, summary: state.summary, language: state.language, model: state.model };
  const name = `${base}.${kind}`;
  if (kind === 'csv') download(name, 'text/csv;charset=utf-8', toCsv(data));
  else download(name, 'application/json', toJson(data));
  say('exported', { name });
}

// Switching language rewrites the interface strings, the summary, the filter and the
// detail panel (small), and the passages' chips through relabel(): those on screen at once,
// the rest in slices, so that a big text does not hold the page.
function switchLanguage() {
  setLang(lang() === 'fr' ? 'en' : 'fr');
  applyStatic();
  renderExamples($('example-buttons'), ui.text, startClassify);
  renderAxis(ui.axis);
  renderRepairedToggle();
  renderPosition();
  renderFolded();
  if (!state.ready) return;
  renderLegend(ui.legend);
  renderModelInfo();
  relabel(ui.doc);
  renderSummary(ui.summary, state.summary);
  renderFilterOptions();
  if (state.selected >= 0) showDetail();
  else renderDetail(ui.detail, state.text, null);
  if (state.links) renderSafeguards($('powers'), state.links, state.passages, selectIndex);
  state.compare.relabel();
  const st = state.status;
  if (st) say(st.key, st.vars, st.kind);
  showWarnings(state.warnings, state.warningKind);
}

/** Folds (hides, text kept) or unfolds the text box; see FOLD_CHARS. */
function setFolded(on) {
  ui.text.hidden = on;
  $('text-folded').hidden = !on;
  renderFolded();
}

function renderFolded() {
  if (!ui.text.hidden) return;
  $('folded-msg').textContent = tn('folded', ui.text.value.length);
}

function renderRepairedToggle() {
  ui.repaired.textContent = t(state.repaired ? 'showOriginal' : 'showRepaired');
}

function toggleRepaired() {
  state.repaired = !state.repaired;
  showRepaired(ui.doc, state.repaired);
  renderRepairedToggle();
  if (state.selected >= 0) showDetail();
  if (!state.passages.length) return;
  // Said, so that pressing it on a text with nothing repaired is not silent.
  if (state.repaired && !ui.doc.querySelector('.passage.repaired')) say('noRepairs');
  else say(state.repaired ? 'repairedOn' : 'repairedOff');
}

function wire() {
  state.compare = setupCompare({ root: $('compare'), engine: () => (state.ready ? state.engine : null), model: () => state.model });
  setupModes({ classifyButton: $('mode-classify'), compareButton: $('mode-compare'), classifySections: [$('input'), $('results')], compareSection: $('compare') });
  ui.classify.addEventListener('click', () => startClassify(ui.text.value));
  // A pasted text of megabytes is folded at once, before the browser lays it out.
  ui.text.addEventListener('input', () => {
    if (ui.text.value.length > FOLD_CHARS) setFolded(true);
  });
  ui.text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) startClassify(ui.text.value);
  });
  $('lang-switch').addEventListener('click', switchLanguage);
  ui.filter.addEventListener('change', () => {
    state.filter = ui.filter.value;
    const n = applyFilter(ui.doc, state.filter);
    say(state.filter ? 'filterAnnounce' : 'filterAll', { labelId: state.filter, n });
  });
  $('prev').addEventListener('click', () => step(-1));
  $('next').addEventListener('click', () => step(1));
  $('export-csv').addEventListener('click', () => exportAs('csv'));
  $('export-json').addEventListener('click', () => exportAs('json'));
  ui.repaired.addEventListener('click', toggleRepaired);
  $('detail-close').addEventListener('click', deselect);
  $('unfold').addEventListener('click', () => {
    setFolded(false);
    ui.text.focus();
  });
  $('clear').addEventListener('click', () => setFolded(false));
  ui.doc.addEventListener('click', (e) => select(e.target.closest('.passage'), { focus: false }));
  ui.doc.addEventListener('keydown', (e) => {
    const current = e.target.closest('.passage');
    if ((e.key === 'Enter' || e.key === ' ') && current) {
      e.preventDefault();
      select(current);
      return;
    }
    const target = keyTarget(ui.doc, state.filter, current, e.key);
    if (target) {
      e.preventDefault();
      moveTabStop(ui.doc, target);
      target.focus();
    }
  });
  setupInput({
    textarea: ui.text, dropzone: $('dropzone'), openButton: $('open'), fileInput: $('file'), clearButton: $('clear'),
    examples: $('example-buttons'), onText: startClassify,
    onFileError: (name, err) => {
      if (err.code === 'TOO_LONG') say('tooLong', { size: err.size, max: MAX_CHARS, nums: ['size', 'max'] }, 'error');
      else say(err.code === 'BAD_FILE_TYPE' ? 'fileBad' : 'fileFailed', { name, message: err.message }, 'error');
    },
  });
}

applyStatic();
renderAxis(ui.axis);
renderRepairedToggle();
wire();
say('loading');
startEngineOrSay();
registerServiceWorker();
