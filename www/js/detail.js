// The selected passage: its label, offsets and language, the text with the evidence
// words marked, the six probabilities and the evidence terms, and a copy button.
import { LABEL_IDS, labelName } from './labels.js';
import { t, pct, languageName } from './i18n.js';
import { CLOSE_SECOND } from './options.js';
import { isUncertain } from './docview.js';

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** The passage's displayed text (input[from, …)) with <mark> around each evidence
 * occurrence, placed by the engine's offsets: the page folds nothing. */
function markedText(shown, from, evidence) {
  const spans = evidence.flatMap((e) => e.spans || []).map((s) => ({ start: s.start - from, end: s.end - from }));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  // A two-word term and its words overlap: marked as one.
  const merged = [];
  for (const r of spans) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  const quote = el('blockquote');
  let pos = 0;
  for (const r of merged) {
    if (r.start < 0 || r.end > shown.length) continue;
    quote.append(shown.slice(pos, r.start), el('mark', { text: shown.slice(r.start, r.end) }));
    pos = r.end;
  }
  quote.append(shown.slice(pos));
  return quote;
}

function probabilities(p) {
  return el('ul', { class: 'probs' }, LABEL_IDS.map((id) => {
    const value = p.scores[id] ?? 0;
    const fill = el('span', { class: 'fill', dataset: { label: id } });
    fill.style.setProperty('width', `${(value * 100).toFixed(1)}%`);
    fill.style.setProperty('display', 'block');
    const li = el('li', { dataset: { label: id, score: String(value) } }, [
      el('span', { text: labelName(id) }),
      el('span', { class: 'bar', 'aria-hidden': 'true' }, [fill]),
      el('span', { class: 'value', text: pct(value) }),
    ]);
    if (id === p.label) li.classList.add('top');
    return li;
  }));
}

function evidenceList(evidence) {
  if (!evidence.length) return el('p', { text: t('noEvidence') });
  return el('ul', { class: 'evidence' }, evidence.map((e) => el('li', { text: `${e.term} (${e.weight.toFixed(2)})` })));
}

/** The JSON a user copies for one passage. */
export function passageRecord(p, index) {
  return {
    index, start: p.start, end: p.end, label: p.label,
    labelName: { en: labelName(p.label, 'en'), fr: labelName(p.label, 'fr') },
    lang: p.lang, scores: p.scores, evidence: p.evidence, text: p.text,
    kind: p.kind, path: p.path,
  };
}

/** Where the passage sits ("Chapter II › Section 1 › Article 7 – …"), from the engine,
 * and how sure the label is: uncertain below the threshold, a close second named. */
function where(p) {
  const lines = [];
  if (isUncertain(p)) lines.push(el('p', { class: 'doubt', text: t('uncertainNote', { pct: pct(p.scores[p.label]) }) }));
  const second = LABEL_IDS.filter((id) => id !== p.label).sort((a, b) => (p.scores[b] ?? 0) - (p.scores[a] ?? 0))[0];
  if (p.kind !== 'heading' && (p.scores[p.label] ?? 0) - (p.scores[second] ?? 0) < CLOSE_SECOND) {
    lines.push(el('p', { class: 'doubt runner-up', dataset: { label: second }, text: t('runnerUp', { label: labelName(second), pct: pct(p.scores[second]) }) }));
  }
  if (p.path && p.path.length) lines.push(el('p', { class: 'path', text: t('inPath', { path: p.path.join(' › ') }) }));
  if (p.kind === 'heading') lines.push(el('p', { class: 'meta', text: t('headingKind') }));
  return lines;
}

/** Renders passage `p` (number `index`) of `text` into `body`; onCopy(record, button). */
export function renderDetail(body, text, p, index, onCopy) {
  if (!p) {
    body.replaceChildren(el('p', { text: t('detailNone') }));
    return;
  }
  const shown = text.slice(p.start, p.end);
  const copy = el('button', { type: 'button', id: 'copy', text: t('copy') });
  copy.addEventListener('click', () => onCopy(passageRecord(p, index), copy));
  const quote = markedText(shown, p.start, p.evidence);
  quote.dataset.label = p.label;
  body.replaceChildren(
    el('p', {}, [el('span', { class: 'chip', dataset: { label: p.label }, text: labelName(p.label) })]),
    ...where(p),
    el('p', { class: 'meta', text: `${t('offsets', { start: p.start, end: p.end })} · ${t('passageLang', { lang: languageName(p.lang) })}` }),
    quote,
    el('h4', { text: t('probabilities') }),
    probabilities(p),
    el('h4', { text: t('evidence') }),
    evidenceList(p.evidence),
    copy,
  );
}
