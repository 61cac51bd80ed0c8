// The text shown back, passage by passage. Each passage element carries data-label,
// data-start and data-end (UTF-16 offsets into the input), data-kind ("passage" or
// "heading") and data-path (the headings above it, joined by " › "), and shows its
// label's name in a chip, so the label never depends on colour. Built chunk by chunk as
// results arrive.
import { labelName } from './labels.js';
import { UNCERTAIN_BELOW } from './options.js';
import { t } from './i18n.js';

export function clearDoc(doc) {
  doc.replaceChildren();
}

/** Appends text[from, to) with `passages` (sorted, inside it) marked up; first is their index. */
export function appendChunk(doc, text, from, to, passages, first) {
  const frag = document.createDocumentFragment();
  let pos = from;
  passages.forEach((p, k) => {
    if (p.start > pos) frag.append(gap(text.slice(pos, p.start)));
    frag.append(passageElement(text, p, first + k));
    pos = Math.max(pos, p.end);
  });
  if (to > pos) frag.append(gap(text.slice(pos, to)));
  const empty = !doc.querySelector('.passage');
  doc.append(frag);
  // Roving tab stop: the first passage is the one Tab reaches.
  if (empty) {
    const firstEl = doc.querySelector('.passage');
    if (firstEl) firstEl.tabIndex = 0;
  }
}

function gap(s) {
  const el = document.createElement('span');
  el.className = 'gap';
  el.textContent = s;
  return el;
}

function passageElement(text, p, index) {
  const el = document.createElement('span');
  el.className = p.kind === 'heading' ? 'passage heading' : 'passage';
  el.dataset.label = p.label;
  el.dataset.kind = p.kind || 'passage';
  el.dataset.path = (p.path || []).join(' › ');
  el.dataset.reference = p.reference || '';
  if (p.path && p.path.length) el.title = el.dataset.path;
  el.dataset.start = String(p.start);
  el.dataset.end = String(p.end);
  el.dataset.index = String(index);
  el.tabIndex = -1;
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.textContent = chipText(p);
  // Doubt is shown in words, not only by a lighter highlight: "safeguard?".
  if (isUncertain(p)) {
    el.dataset.uncertain = '';
    el.classList.add('uncertain');
  }
  const body = document.createElement('span');
  body.className = 'ptext';
  // Each passage keeps its own direction: Arabic or Hebrew passages read right to left.
  body.dir = 'auto';
  body.textContent = text.slice(p.start, p.end);
  el.append(chip, body);
  return el;
}

/** A passage (not a heading) whose label has under UNCERTAIN_BELOW probability. */
export function isUncertain(p) {
  return p.kind !== 'heading' && (p.scores[p.label] ?? 0) < UNCERTAIN_BELOW;
}

function chipText(p) {
  return isUncertain(p) ? t('uncertainChip', { label: labelName(p.label) }) : labelName(p.label);
}

/** Rewrites every chip after a change of interface language. */
export function relabel(doc) {
  for (const chip of doc.querySelectorAll('.passage > .chip')) {
    const el = chip.parentElement;
    const name = labelName(el.dataset.label);
    chip.textContent = 'uncertain' in el.dataset ? t('uncertainChip', { label: name }) : name;
  }
}

export function passageAt(doc, index) {
  return doc.querySelector(`.passage[data-index="${Number(index)}"]`);
}
