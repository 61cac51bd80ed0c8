// The selected passage: its label, offsets and language, the text with the evidence
// words marked, the six probabilities and the evidence terms, and a copy button.
import { LABEL_IDS, labelName } from './labels.js';
import { t, tn, pct, dec, num, languageName } from './i18n.js';
import { CLOSE_SECOND } from './options.js';
import { isUncertain } from './docview.js';
import { splitEvidence } from './stopwords.js';

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

/** The passage's displayed text with <mark> around each evidence range (relative to it). */
function markedText(shown, spans) {
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

const term = (e) => el('li', { text: `${e.term} (${dec(e.weight)})` });

/** Content words first, in the engine's order; function words ("and", "shall", "de la")
 * folded into an "other terms" line after them; the count and total weight of all. */
function evidenceList(evidence) {
  if (!evidence.length) return [el('p', { text: t('noEvidence') })];
  const { content, other } = splitEvidence(evidence);
  const out = [];
  if (content.length) out.push(el('ul', { class: 'evidence' }, content.map(term)));
  if (other.length) {
    out.push(el('div', { class: 'other-terms' }, [
      el('span', { class: 'other-label', text: tn('otherTerms', other.length) }),
      el('ul', { class: 'evidence other' }, other.map(term)),
    ]));
  }
  const total = evidence.reduce((sum, e) => sum + e.weight, 0);
  out.push(el('p', { class: 'meta evidence-total', text: tn('evidenceTotal', evidence.length, { total: dec(total) }) }));
  return out;
}

// The repaired text has no offsets into the original, so its evidence is marked by
// finding each (folded) term as whole words in the folded repaired text.
const fold1 = (c) => c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function foldWithMap(s) {
  let folded = '';
  const at = [];
  for (let i = 0; i < s.length; i += 1) {
    const f = fold1(s[i]);
    for (let k = 0; k < f.length; k += 1) at.push(i);
    folded += f;
  }
  at.push(s.length);
  return { folded, at };
}

const escape = (w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Evidence ranges in `shown` (the repaired text) by matching the terms. */
function matchedSpans(shown, evidence) {
  const { folded, at } = foldWithMap(shown);
  const spans = [];
  for (const e of evidence) {
    const words = String(e.term).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) continue;
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escape).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'gu');
    for (const m of folded.matchAll(re)) spans.push({ start: at[m.index], end: at[m.index + m[0].length] });
  }
  return spans;
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
  if (p.reference) lines.push(el('p', { class: 'reference', text: t('referenceLine', { ref: p.reference }) }));
  if (p.path && p.path.length) lines.push(el('p', { class: 'path', text: t('inPath', { path: p.path.join(' › ') }) }));
  if (p.kind === 'heading') lines.push(el('p', { class: 'meta', text: t('headingKind') }));
  return lines;
}

/** The passage's language; one the engine could not tell in a French or English document
 * is "too short to tell", never "not recognised". */
function languageLine(p, docLang) {
  if (p.lang === 'unknown' && (docLang === 'fr' || docLang === 'en')) return t('langFallback', { lang: languageName(docLang) });
  return languageName(p.lang);
}

/**
 * Renders passage `p` (number `index`) of `text` into `body`; onCopy(record, button).
 * `repaired`: show the engine's repaired text, its evidence marked by matching terms;
 * otherwise the original slice, marked by the engine's offsets (the page folds nothing).
 */
export function renderDetail(body, text, p, index, onCopy, { repaired = false, docLang = 'unknown' } = {}) {
  body.closest('.detail')?.classList.toggle('has-selection', Boolean(p));
  if (!p) {
    body.replaceChildren(el('p', { text: t('detailNone') }));
    return;
  }
  const copy = el('button', { type: 'button', id: 'copy', text: t('copy') });
  copy.addEventListener('click', () => onCopy(passageRecord(p, index), copy));
  let quote;
  const notes = [];
  if (repaired && typeof p.text === 'string') {
    quote = markedText(p.text, matchedSpans(p.text, p.evidence));
    notes.push(el('p', { class: 'meta repaired-note', text: t('repairedNote') }));
  } else {
    const spans = p.evidence.flatMap((e) => e.spans || []).map((s) => ({ start: s.start - p.start, end: s.end - p.start }));
    quote = markedText(text.slice(p.start, p.end), spans);
  }
  quote.dataset.label = p.label;
  body.replaceChildren(
    el('p', {}, [el('span', { class: 'chip', dataset: { label: p.label }, text: labelName(p.label) })]),
    ...where(p),
    el('p', { class: 'meta', text: `${t('offsets', { start: num(p.start), end: num(p.end) })} · ${t('passageLang', { lang: languageLine(p, docLang) })}` }),
    quote,
    ...notes,
    el('h4', { text: t('probabilities') }),
    probabilities(p),
    el('h4', { text: t('evidence') }),
    ...evidenceList(p.evidence),
    copy,
  );
}
