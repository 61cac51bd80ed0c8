// The page: wires the input, the classification worker and the views together.
import { applyStatic, t, lang, setLang, num } from './i18n.js';
import { setLabelInfo, labelName, LABEL_IDS } from './labels.js';
import { startEngine } from './engine.js';
import { setupInput, checkText, renderExamples, MAX_CHARS } from './input.js';
import { clearDoc, appendChunk, relabel, passageAt, isUncertain } from './docview.js';
import { UNCERTAIN_FILTER, EVIDENCE_TERMS } from './options.js';
import { renderSummary, renderLegend, summaryText } from './summary.js';
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
  position: $('position'), legend: $('legend-list'), model: $('model-info'),
};
const state = { ready: false, pending: null, job: 0, abort: null, text: '', passages: [], summary: [], language: 'unknown', filter: '', selected: -1, running: false, model: null, status: null, warnings: [] };

function say(key, vars = {}, kind = 'info') {
  state.status = { key, vars, kind };
  ui.status.textContent = t(key, vars);
  ui.status.className = kind;
}

function showWarnings(keys, kind = 'warn') {
  state.warnings = keys;
  ui.warning.hidden = keys.length === 0;
  ui.warning.className = kind === 'error' ? 'warning error' : 'warning';
  ui.warning.textContent = keys.map((k) => t(k)).join(' ');
}

/** Passages (not headings) in the engine's summary. */
function passageCount() {
  return state.summary.reduce((n, row) => n + row.passages, 0);
}

function startClassify(text) {
  const check = checkText(text);
  if (check.error) {
    showWarnings([]);
    say(check.error, { ...check.vars, size: num(check.vars?.size ?? 0), max: num(check.vars?.max ?? 0) }, 'error');
    ui.results.hidden = true;
    return;
  }
  if (!state.ready) {
    state.pending = text;
    say('loading');
    return;
  }
  Object.assign(state, { text, passages: [], summary: [], language: 'unknown', selected: -1, running: true, links: null });
  renderSafeguards($('powers'), null);
  renderSummary(ui.summary, []);
  showWarnings(check.warnings);
  clearDoc(ui.doc);
  renderDetail(ui.detail, text, null);
  ui.position.textContent = '';
  ui.results.hidden = false;
  ui.results.setAttribute('aria-busy', 'true');
  ui.progress.hidden = false;
  ui.progress.value = 0;
  say('working', { done: num(0), total: num(text.length) });
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
    say('error', { code: err.code, message: err.message }, 'error');
  });
}

function onChunk(msg) {
  const first = state.passages.length;
  state.passages.push(...msg.passages);
  appendChunk(ui.doc, state.text, msg.start, msg.end, msg.passages, first);
  if (state.filter) applyFilter(ui.doc, state.filter);
  ui.progress.value = msg.length ? msg.end / msg.length : 1;
  // Progress is shown, not announced: the live region speaks at the start and the end.
  ui.progress.title = t('working', { done: num(msg.end), total: num(msg.length) });
}

// The engine's summary and language of the whole document arrive with 'done'.
function onDone(msg) {
  state.running = false;
  state.summary = msg.summary;
  state.language = msg.language;
  ui.progress.hidden = true;
  ui.results.removeAttribute('aria-busy');
  renderSummary(ui.summary, state.summary);
  renderFilterOptions();
  if (!state.passages.length) {
    ui.results.hidden = true;
    say('doneNone', {}, 'error');
    return;
  }
  say(passageCount() === 1 ? 'doneOne' : 'done', { count: num(passageCount()), summary: summaryText(state.summary) });
  linkSafeguards(state.job);
  const warnings = [...state.warnings];
  if (state.language === 'unknown') warnings.push('unknownLang');
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
  if (el && state.filter && !el.classList.contains('match')) {
    state.filter = '';
    ui.filter.value = '';
    say('filterAll', { count: num(applyFilter(ui.doc, '')) });
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
  renderDetail(ui.detail, state.text, state.passages[state.selected], state.selected, copyRecord);
  const shown = visiblePassages(ui.doc, state.filter);
  ui.position.textContent = t('position', { n: num(shown.indexOf(el) + 1), total: num(shown.length) });
  if (focus) el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest' });
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
  if (target) select(target);
  else say('noMore');
}

function exportAs(kind) {
  const base = `cyberclause-${new Date().toISOString().slice(0, 10)}`;
  const data = { text: state.text, passages: state.passages, summary: state.summary, language: state.language, model: state.model };
  const name = `${base}.${kind}`;
  if (kind === 'csv') download(name, 'text/csv;charset=utf-8', toCsv(data));
  else download(name, 'application/json', toJson(data));
  say('exported', { name });
}

function switchLanguage() {
  setLang(lang() === 'fr' ? 'en' : 'fr');
  applyStatic();
  ui.text.placeholder = t('placeholder');
  renderExamples($('example-buttons'), ui.text, startClassify);
  if (!state.ready) return;
  renderLegend(ui.legend);
  renderModelInfo();
  relabel(ui.doc);
  renderSummary(ui.summary, state.summary);
  renderFilterOptions();
  renderDetail(ui.detail, state.text, state.passages[state.selected], state.selected, copyRecord);
  if (state.links) renderSafeguards($('powers'), state.links, state.passages, selectIndex);
  state.compare.relabel();
  const st = state.status;
  if (st && (st.key === 'done' || st.key === 'doneOne')) say(st.key, { count: num(passageCount()), summary: summaryText(state.summary) });
  else if (st) say(st.key, st.vars, st.kind);
  showWarnings(state.warnings);
}

function wire() {
  state.compare = setupCompare({ root: $('compare'), engine: () => (state.ready ? state.engine : null), model: () => state.model });
  setupModes({ classifyButton: $('mode-classify'), compareButton: $('mode-compare'), classifySections: [$('input'), $('results')], compareSection: $('compare') });
  ui.classify.addEventListener('click', () => startClassify(ui.text.value));
  ui.text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) startClassify(ui.text.value);
  });
  $('lang-switch').addEventListener('click', switchLanguage);
  ui.filter.addEventListener('change', () => {
    state.filter = ui.filter.value;
    const n = applyFilter(ui.doc, state.filter);
    const name = state.filter === UNCERTAIN_FILTER ? t('uncertainOnly') : labelName(state.filter);
    say(state.filter ? 'filterAnnounce' : 'filterAll', { label: name, count: num(n) });
  });
  $('prev').addEventListener('click', () => step(-1));
  $('next').addEventListener('click', () => step(1));
  $('export-csv').addEventListener('click', () => exportAs('csv'));
  $('export-json').addEventListener('click', () => exportAs('json'));
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
      if (err.code === 'TOO_LONG') say('tooLong', { size: num(err.size), max: num(MAX_CHARS) }, 'error');
      else say(err.code === 'BAD_FILE_TYPE' ? 'fileBad' : 'fileFailed', { name, message: err.message }, 'error');
    },
  });
}

applyStatic();
wire();
say('loading');
startEngineOrSay();
registerServiceWorker();
