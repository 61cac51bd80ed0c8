// Exports of a comparison of two drafts: JSON (the engine's comparison, with each passage's
// reference, label and text) and CSV (one row per added, removed, changed or relabelled
// passage, the word diff written out with [-deleted-] and {+inserted+}). Offsets are
// UTF-16 code units into each draft, as in the package API.
import { labelName } from './labels.js';

function slim(p, index) {
  return { index, start: p.start, end: p.end, kind: p.kind, path: p.path, reference: p.reference, label: p.label, scores: p.scores, lang: p.lang, text: p.text };
}

function side(doc, text) {
  return { inputLength: text.length, language: doc.language, summary: doc.summary, passages: doc.passages.map(slim) };
}

/** The JSON export of `cmp` (what `compare` returned for `oldText` and `newText`). */
export function comparisonJson(cmp, oldText, newText, model) {
  return JSON.stringify({
    generator: 'cyberclause page',
    model: model ? { version: model.version, trained: model.trained, corpusHash: model.corpusHash } : null,
    offsets: 'UTF-16 code units into each draft',
    threshold: cmp.threshold,
    old: side(cmp.old, oldText),
    new: side(cmp.new, newText),
    labels: cmp.labels,
    labelChanges: cmp.labelChanges,
  }, null, 2);
}

/** A word diff as plain text: "the [-two-] {+five+} years". */
export function diffText(diff) {
  return diff.map((r) => (r.op === 'insert' ? `{+${r.text}+}` : r.op === 'delete' ? `[-${r.text}-]` : r.text)).join(' ');
}

// A cell starting with = + - @ (or tab, CR) is a formula to a spreadsheet: a leading
// apostrophe keeps it text (as the page's other CSV export does).
function cell(value) {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every row of the CSV export, as arrays (also what the view lists). */
export function comparisonRows(cmp) {
  const o = (i) => cmp.old.passages[i];
  const n = (i) => cmp.new.passages[i];
  const rows = [];
  const row = (change, label, oi, ni, extra = {}) => rows.push({
    change, label, oldIndex: oi, newIndex: ni,
    oldReference: oi === null ? '' : o(oi).reference, newReference: ni === null ? '' : n(ni).reference,
    oldLabel: oi === null ? '' : o(oi).label, newLabel: ni === null ? '' : n(ni).label,
    similarity: extra.similarity ?? '', moved: extra.moved ?? '',
    oldText: oi === null ? '' : o(oi).text, newText: ni === null ? '' : n(ni).text, diff: extra.diff ?? '',
  });
  for (const d of cmp.labels) {
    for (const i of d.added) row('added', d.label, null, i);
    for (const i of d.removed) row('removed', d.label, i, null);
    for (const c of d.changed) row('changed', d.label, c.old, c.new, { similarity: c.similarity.toFixed(3), moved: c.moved, diff: diffText(c.diff) });
  }
  for (const c of cmp.labelChanges) row('label_changed', c.newLabel, c.old, c.new, { similarity: c.similarity.toFixed(3), moved: c.moved, diff: diffText(c.diff) });
  return rows;
}

export function comparisonCsv(cmp) {
  const head = ['change', 'label', 'label_en', 'label_fr', 'old_index', 'old_reference', 'old_label', 'new_index', 'new_reference', 'new_label',
    'similarity', 'moved', 'old_text', 'new_text', 'diff'];
  const rows = comparisonRows(cmp).map((r) => [r.change, r.label, labelName(r.label, 'en'), labelName(r.label, 'fr'), r.oldIndex, r.oldReference, r.oldLabel,
    r.newIndex, r.newReference, r.newLabel, r.similarity, r.moved, r.oldText, r.newText, r.diff]);
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
