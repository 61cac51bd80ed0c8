// "Compare two drafts": two texts in (pasted, dropped or opened), the engine's comparison
// out (`compare` in the package's worker): both summaries side by side, then per label the
// passages added, removed and changed, each change with its word diff (<ins>/<del>, with
// a visible + or − and words for screen readers, never colour alone), and the passages
// whose label changed. Exports as JSON and CSV. The page decides nothing itself.
import { addStrings, applyStatic, t, num, pct } from './i18n.js';
import { LABEL_IDS, labelName } from './labels.js';
import { readFile } from './files.js';
import { MAX_CHARS } from './input.js';
import { download } from './exporter.js';
import { comparisonJson, comparisonCsv } from './compare-export.js';

addStrings({
  modeClassify: 'Classify a text', modeCompare: 'Compare two drafts', modesLabel: 'What to do',
  compareHeading: 'Compare two drafts',
  compareHelp: 'Paste, drop or open the earlier draft and the later one. Their passages are matched by similarity (a moved or renumbered article still matches), then each label shows what was added, removed and changed.',
  oldDraft: 'Earlier draft', newDraft: 'Later draft', compareRun: 'Compare',
  compareExportJson: 'Export comparison (JSON)', compareExportCsv: 'Export comparison (CSV)',
  compareNeedBoth: 'Give both drafts: one of them is empty.',
  compareWorking: 'Comparing the two drafts…',
  compareDone: 'Compared. Added: {added} · removed: {removed} · changed: {changed} · new label: {relabelled}.',
  compareFailed: 'The comparison failed ({code}): {message}',
  compareTooLong: 'A draft is too long for the page ({size} characters; the limit is {max}).',
  bothSummaries: 'The two drafts side by side', labelCol: 'Label', oldCol: 'Earlier draft', newCol: 'Later draft',
  addedCol: 'Added', removedCol: 'Removed', changedCol: 'Changed', unchangedCol: 'Unchanged',
  labelChangesHeading: 'Passages whose label changed',
  added: 'Added', removed: 'Removed', changed: 'Changed', movedNote: 'moved',
  similarity: 'similarity {pct}', inserted: 'inserted:', deleted: 'deleted:', endChange: 'end of change',
  relabelled: '{old} → {new}', nothingChanged: 'No passage added, removed or changed.',
}, {
  modeClassify: 'Classer un texte', modeCompare: 'Comparer deux versions', modesLabel: 'Que faire',
  compareHeading: 'Comparer deux versions',
  compareHelp: 'Collez, déposez ou ouvrez la version antérieure et la version ultérieure. Leurs passages sont appariés par similarité (un article déplacé ou renuméroté est retrouvé), puis chaque étiquette montre ce qui a été ajouté, supprimé et modifié.',
  oldDraft: 'Version antérieure', newDraft: 'Version ultérieure', compareRun: 'Comparer',
  compareExportJson: 'Exporter la comparaison (JSON)', compareExportCsv: 'Exporter la comparaison (CSV)',
  compareNeedBoth: 'Donnez les deux versions : l’une d’elles est vide.',
  compareWorking: 'Comparaison des deux versions…',
  compareDone: 'Comparaison faite. Ajoutés : {added} · supprimés : {removed} · modifiés : {changed} · étiquette changée : {relabelled}.',
  compareFailed: 'La comparaison a échoué ({code}) : {message}',
  compareTooLong: 'Une version est trop longue pour la page ({size} caractères ; la limite est {max}).',
  bothSummaries: 'Les deux versions côte à côte', labelCol: 'Étiquette', oldCol: 'Version antérieure', newCol: 'Version ultérieure',
  addedCol: 'Ajoutés', removedCol: 'Supprimés', changedCol: 'Modifiés', unchangedCol: 'Inchangés',
  labelChangesHeading: 'Passages qui ont changé d’étiquette',
  added: 'Ajouté', removed: 'Supprimé', changed: 'Modifié', movedNote: 'déplacé',
  similarity: 'similarité {pct}', inserted: 'inséré :', deleted: 'supprimé :', endChange: 'fin de la modification',
  relabelled: '{old} → {new}', nothingChanged: 'Aucun passage ajouté, supprimé ou modifié.',
});

const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...children);
  return e;
};

/** One draft's box: label, text area, open button; a dropped or opened file fills it. */
function draftBox(id, key, onError) {
  const area = el('textarea', { id, rows: 8, spellcheck: false, dir: 'auto' });
  const label = el('label', { htmlFor: id });
  label.dataset.i18n = key;
  const file = el('input', { type: 'file', hidden: true, accept: '.txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html' });
  const open = el('button', { type: 'button' });
  open.dataset.i18n = 'openFile';
  const box = el('div', { className: 'draft dropzone' }, label, area, el('div', { className: 'actions' }, open, file));
  const take = async (f) => {
    if (!f) return;
    try {
      const text = await readFile(f);
      if (text.length > MAX_CHARS) onError('compareTooLong', { size: num(text.length), max: num(MAX_CHARS) });
      else area.value = text;
    } catch (err) {
      onError('fileFailed', { name: f.name, message: err.message });
    }
  };
  open.addEventListener('click', () => file.click());
  file.addEventListener('change', () => { take(file.files[0]); file.value = ''; });
  box.addEventListener('dragover', (e) => { e.preventDefault(); box.classList.add('over'); });
  box.addEventListener('dragleave', () => box.classList.remove('over'));
  box.addEventListener('drop', (e) => {
    e.preventDefault();
    box.classList.remove('over');
    const dt = e.dataTransfer;
    if (dt && dt.files[0]) take(dt.files[0]);
    else if (dt && dt.getData('text/plain')) area.value = dt.getData('text/plain');
  });
  return { box, area };
}

/** A passage's reference and text, for a list entry. */
function passageLine(p) {
  return [el('span', { className: 'ref', textContent: p.reference || '—' }), ' ', el('span', { className: 'ptext', textContent: p.text })];
}

/** The word diff: equal words as text, <del> and <ins> marked in words and signs. */
export function renderDiff(diff) {
  const out = el('p', { className: 'diff' });
  diff.forEach((run, k) => {
    if (k > 0) out.append(' ');
    if (run.op === 'equal') {
      out.append(run.text);
      return;
    }
    const ins = run.op === 'insert';
    const mark = el('span', { className: 'mark', textContent: ins ? '+' : '−' });
    mark.setAttribute('aria-hidden', 'true');
    const said = el('span', { className: 'visually-hidden', textContent: `${t(ins ? 'inserted' : 'deleted')} ` });
    out.append(el(ins ? 'ins' : 'del', {}, mark, said, run.text));
  });
  return out;
}

function summaryTable(cmp) {
  const th = (key) => el('th', { scope: 'col', textContent: t(key) });
  const head = el('tr', {}, ...['labelCol', 'oldCol', 'newCol', 'addedCol', 'removedCol', 'changedCol', 'unchangedCol'].map(th));
  const rows = LABEL_IDS.map((id, k) => {
    const d = cmp.labels[k];
    const cells = [cmp.old.summary[k].passages, cmp.new.summary[k].passages, d.added.length, d.removed.length, d.changed.length, d.unchanged];
    const name = el('th', { scope: 'row' }, el('span', { className: 'chip', textContent: labelName(id) }));
    name.firstChild.dataset.label = id;
    const tr = el('tr', {}, name, ...cells.map((n) => el('td', { textContent: num(n) })));
    tr.dataset.label = id;
    return tr;
  });
  return el('table', { className: 'compare-summary' }, el('caption', { textContent: t('bothSummaries') }), el('thead', {}, head), el('tbody', {}, ...rows));
}

function changeItem(kind, children) {
  const li = el('li', { className: `change ${kind}` }, el('strong', { className: 'tag', textContent: t(kind) }), ' ', ...children);
  li.dataset.change = kind;
  return li;
}

function changedEntry(cmp, c) {
  const [o, n] = [cmp.old.passages[c.old], cmp.new.passages[c.new]];
  const refs = `${o.reference || '—'} → ${n.reference || '—'}`;
  const relabelled = c.oldLabel !== c.newLabel ? [t('relabelled', { old: labelName(c.oldLabel), new: labelName(c.newLabel) })] : [];
  const notes = [t('similarity', { pct: pct(c.similarity) }), ...(c.moved ? [t('movedNote')] : []), ...relabelled].join(', ');
  const li = changeItem('changed', [el('span', { className: 'ref', textContent: refs }), ` (${notes})`, renderDiff(c.diff)]);
  li.dataset.old = String(c.old);
  li.dataset.new = String(c.new);
  return li;
}

function labelSection(cmp, d) {
  const items = [
    ...d.added.map((i) => changeItem('added', passageLine(cmp.new.passages[i]))),
    ...d.removed.map((i) => changeItem('removed', passageLine(cmp.old.passages[i]))),
    ...d.changed.map((c) => changedEntry(cmp, c)),
  ];
  if (!items.length) return null;
  const h = el('h3', {}, el('span', { className: 'chip', textContent: labelName(d.label) }));
  h.firstChild.dataset.label = d.label;
  const section = el('section', { className: 'label-delta' }, h, el('ul', { className: 'changes' }, ...items));
  section.dataset.label = d.label;
  return section;
}

function labelChanges(cmp) {
  if (!cmp.labelChanges.length) return [];
  const items = cmp.labelChanges.map((c) => {
    const [o, n] = [cmp.old.passages[c.old], cmp.new.passages[c.new]];
    const what = t('relabelled', { old: labelName(c.oldLabel), new: labelName(c.newLabel) });
    const li = el('li', { className: 'relabelled' }, el('span', { className: 'ref', textContent: `${o.reference || '—'} → ${n.reference || '—'}` }), `: ${what}`);
    li.dataset.oldLabel = c.oldLabel;
    li.dataset.newLabel = c.newLabel;
    return li;
  });
  return [el('h3', { textContent: t('labelChangesHeading') }), el('ul', { className: 'label-changes' }, ...items)];
}

function totals(cmp) {
  const sum = (f) => cmp.labels.reduce((n, d) => n + f(d), 0);
  return { added: sum((d) => d.added.length), removed: sum((d) => d.removed.length), changed: sum((d) => d.changed.length), relabelled: cmp.labelChanges.length };
}

/** Builds the compare mode in `root`; `engine()` is the worker classifier once ready. */
export function setupCompare({ root, engine, model }) {
  const state = { cmp: null, texts: null, abort: null, status: null };
  const status = el('p', { id: 'compare-status' });
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const say = (key, vars = {}, kind = 'info') => {
    state.status = { key, vars, kind };
    status.textContent = t(key, vars);
    status.className = kind;
  };
  const oldBox = draftBox('compare-old', 'oldDraft', (k, v) => say(k, v, 'error'));
  const newBox = draftBox('compare-new', 'newDraft', (k, v) => say(k, v, 'error'));
  const run = el('button', { type: 'button', id: 'compare-run', className: 'primary' });
  const json = el('button', { type: 'button', id: 'compare-export-json', disabled: true });
  const csv = el('button', { type: 'button', id: 'compare-export-csv', disabled: true });
  [[run, 'compareRun'], [json, 'compareExportJson'], [csv, 'compareExportCsv']].forEach(([b, k]) => { b.dataset.i18n = k; });
  const results = el('div', { id: 'compare-results', hidden: true });
  const h2 = el('h2', { id: 'compare-h' });
  h2.dataset.i18n = 'compareHeading';
  const help = el('p', { className: 'hint' });
  help.dataset.i18n = 'compareHelp';
  root.append(h2, help, el('div', { className: 'drafts' }, oldBox.box, newBox.box), el('div', { className: 'actions' }, run, json, csv), status, results);

  function render() {
    const cmp = state.cmp;
    results.hidden = !cmp;
    if (!cmp) return;
    const sections = cmp.labels.map((d) => labelSection(cmp, d)).filter(Boolean);
    const none = sections.length ? [] : [el('p', { textContent: t('nothingChanged') })];
    results.replaceChildren(summaryTable(cmp), ...labelChanges(cmp), ...sections, ...none);
  }

  async function start() {
    const [a, b] = [oldBox.area.value, newBox.area.value];
    if (!a.trim() || !b.trim()) return say('compareNeedBoth', {}, 'error');
    if (a.length > MAX_CHARS || b.length > MAX_CHARS) return say('compareTooLong', { size: num(Math.max(a.length, b.length)), max: num(MAX_CHARS) }, 'error');
    if (!engine()) return say('loading');
    if (state.abort) state.abort.abort();
    const abort = new AbortController();
    state.abort = abort;
    say('compareWorking');
    results.setAttribute('aria-busy', 'true');
    try {
      const cmp = await engine().compare(a, b, { evidence: 0, signal: abort.signal });
      Object.assign(state, { cmp, texts: [a, b] });
      [json.disabled, csv.disabled] = [false, false];
      render();
      const n = totals(cmp);
      say('compareDone', { added: num(n.added), removed: num(n.removed), changed: num(n.changed), relabelled: num(n.relabelled) });
    } catch (err) {
      if (err.code !== 'ABORTED') say('compareFailed', { code: err.code, message: err.message }, 'error');
    } finally {
      if (state.abort === abort) results.removeAttribute('aria-busy');
    }
  }

  function save(kind) {
    if (!state.cmp) return;
    const name = `cyberclause-comparison-${new Date().toISOString().slice(0, 10)}.${kind}`;
    if (kind === 'csv') download(name, 'text/csv;charset=utf-8', comparisonCsv(state.cmp));
    else download(name, 'application/json', comparisonJson(state.cmp, ...state.texts, model()));
    say('exported', { name });
  }

  applyStatic(root);
  run.addEventListener('click', start);
  json.addEventListener('click', () => save('json'));
  csv.addEventListener('click', () => save('csv'));
  return {
    /** After a change of interface language: the static strings are re-applied by the page. */
    relabel() {
      render();
      if (state.status) say(state.status.key, state.status.vars, state.status.kind);
    },
  };
}

/** The two modes: classify one text, or compare two drafts (sections shown or hidden). */
export function setupModes({ classifyButton, compareButton, classifySections, compareSection }) {
  const show = (compare) => {
    classifyButton.setAttribute('aria-pressed', String(!compare));
    compareButton.setAttribute('aria-pressed', String(compare));
    compareSection.hidden = !compare;
    for (const s of classifySections) s.classList.toggle('mode-hidden', compare);
  };
  classifyButton.addEventListener('click', () => show(false));
  compareButton.addEventListener('click', () => show(true));
  show(false);
}
