// Exports of the results: CSV (one row per passage, for spreadsheets) and JSON (the whole
// document), saved through a Blob URL download: nothing is sent anywhere.
import { LABEL_IDS, labelName } from './labels.js';

/** The JSON export: offsets are UTF-16 code units into `text`, as in the package API. */
export function toJson({ text, passages, summary, language, model }) {
  return JSON.stringify({
    generator: 'cyberclause page',
    model: model ? { version: model.version, trained: model.trained, corpusHash: model.corpusHash } : null,
    offsets: 'UTF-16 code units into the input',
    inputLength: text.length,
    language,
    summary,
    passages: passages.map((p, index) => ({
      index, start: p.start, end: p.end, label: p.label,
      labelEn: labelName(p.label, 'en'), labelFr: labelName(p.label, 'fr'),
      lang: p.lang, scores: p.scores, evidence: p.evidence, text: p.text,
      kind: p.kind, path: p.path, reference: p.reference,
    })),
  }, null, 2);
}

// A cell starting with = + - @ (or tab, CR) is a formula to a spreadsheet: a leading
// apostrophe keeps it text (the OWASP advice against CSV injection).
function cell(value) {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv({ passages }) {
  const head = ['index', 'start', 'end', 'kind', 'path', 'reference', 'label', 'label_en', 'label_fr', 'lang',
    ...LABEL_IDS.map((id) => `p_${id}`), 'evidence', 'text'];
  const rows = passages.map((p, i) => [
    i, p.start, p.end, p.kind || 'passage', (p.path || []).join(' › '), p.reference || '', p.label, labelName(p.label, 'en'), labelName(p.label, 'fr'), p.lang,
    ...LABEL_IDS.map((id) => (p.scores[id] ?? 0).toFixed(6)),
    p.evidence.map((e) => e.term).join('; '), p.text,
  ]);
  // The byte-order mark makes spreadsheet programs read the file as UTF-8.
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
