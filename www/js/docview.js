// The text shown back, passage by passage. Each passage element carries data-label,
// data-start and data-end (UTF-16 offsets into the input), data-kind ("passage" or
// "heading") and data-path (the headings above it, joined by " › "), and shows its
// label's name in a chip, so the label never depends on colour.
//
// Big texts: results arrive a chunk (about 1 MiB, thousands of passages) at a time, and
// building them in one go would hold the main thread for most of a second. They are
// queued and built in slices of a few milliseconds, yielding between slices, into block
// elements of a few dozen passages with `content-visibility: auto` (see style.css), so
// the browser lays out only the blocks near the screen.
import { labelName } from './labels.js';
import { UNCERTAIN_BELOW } from './options.js';
import { t, lang } from './i18n.js';

const SLICE_MS = 8; // building time per slice: well under a 16 ms frame
const BLOCK_PASSAGES = 40; // a block closes at the first line break after this many
const BLOCK_MAX = 200; // ...or here, even inside one huge line

const views = new WeakMap();

function view(doc) {
  let v = views.get(doc);
  if (!v) {
    v = { queue: [], timer: 0, block: null, inBlock: 0, idle: [], relabelJob: 0 };
    views.set(doc, v);
  }
  return v;
}

export function clearDoc(doc) {
  const v = view(doc);
  clearTimeout(v.timer);
  v.queue = [];
  v.timer = 0;
  v.block = null;
  v.inBlock = 0;
  doc.replaceChildren();
  settle(v);
}

/** Queues text[from, to) with `passages` (sorted, inside it); first is their index. */
export function appendChunk(doc, text, from, to, passages, first) {
  const v = view(doc);
  v.queue.push({ text, pos: from, to, passages, k: 0, first });
  if (!v.timer) v.timer = setTimeout(() => build(doc), 0);
}

/** Resolves when every queued chunk is on the page. */
export function rendered(doc) {
  const v = view(doc);
  if (!v.queue.length) return Promise.resolve();
  return new Promise((resolve) => v.idle.push(resolve));
}

function settle(v) {
  const idle = v.idle;
  v.idle = [];
  for (const resolve of idle) resolve();
}

/** Builds queued passages for SLICE_MS, then yields to the browser and goes on. */
function build(doc) {
  const v = view(doc);
  v.timer = 0;
  const deadline = performance.now() + SLICE_MS;
  const hadPassage = Boolean(doc.querySelector('.passage'));
  while (v.queue.length && performance.now() < deadline) {
    const job = v.queue[0];
    // 16 passages between clock checks: a check per passage costs more than it saves.
    for (let n = 0; n < 16 && job.k < job.passages.length; n += 1) {
      const p = job.passages[job.k];
      if (p.start > job.pos) addGap(doc, v, job.text.slice(job.pos, p.start));
      addPassage(doc, v, passageElement(job.text, p, job.first + job.k));
      job.pos = Math.max(job.pos, p.end);
      job.k += 1;
    }
    if (job.k >= job.passages.length) {
      if (job.to > job.pos) addGap(doc, v, job.text.slice(job.pos, job.to));
      v.queue.shift();
    }
  }
  // Roving tab stop: the first passage is the one Tab reaches.
  if (!hadPassage) {
    const firstEl = doc.querySelector('.passage');
    if (firstEl) firstEl.tabIndex = 0;
  }
  doc.dispatchEvent(new CustomEvent('passages-added'));
  if (v.queue.length) v.timer = setTimeout(() => build(doc), 0);
  else settle(v);
}

function currentBlock(doc, v) {
  if (!v.block) {
    v.block = document.createElement('div');
    v.block.className = 'block';
    v.block.dataset.lang = lang();
    doc.append(v.block);
    v.inBlock = 0;
  }
  return v.block;
}

function addPassage(doc, v, el) {
  currentBlock(doc, v).append(el);
  v.inBlock += 1;
}

/** Text between passages; a block ends after a line break once it is full enough. */
function addGap(doc, v, s) {
  const block = currentBlock(doc, v);
  const el = document.createElement('span');
  el.className = 'gap';
  el.textContent = s;
  block.append(el);
  if ((v.inBlock >= BLOCK_PASSAGES && s.includes('\n')) || v.inBlock >= BLOCK_MAX) v.block = null;
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
  // Doubt is shown in words, not only by a lighter highlight: "safeguard?".
  const uncertain = isUncertain(p);
  if (uncertain) {
    el.dataset.uncertain = '';
    el.classList.add('uncertain');
  }
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.textContent = chipLabel(p.label, uncertain);
  const body = document.createElement('span');
  body.className = 'ptext';
  // Each passage keeps its own direction: Arabic or Hebrew passages read right to left.
  body.dir = 'auto';
  const original = text.slice(p.start, p.end);
  body.textContent = original;
  el.append(chip, body);
  // The repaired text (what the engine classified: hyphens rejoined, page numbers left
  // out), shown instead of the original by the "repaired text" toggle. Only where it
  // differs from the original by more than line breaks and spaces.
  if (typeof p.text === 'string' && p.text !== original && squash(p.text) !== squash(original)) {
    const fixed = document.createElement('span');
    fixed.className = 'rtext';
    fixed.dir = 'auto';
    fixed.textContent = p.text;
    el.classList.add('repaired');
    el.append(fixed);
  }
  return el;
}

function squash(s) {
  return s.replace(/\s+/g, ' ').trim();
}

/** A passage (not a heading) whose label has under UNCERTAIN_BELOW probability. */
export function isUncertain(p) {
  return p.kind !== 'heading' && (p.scores[p.label] ?? 0) < UNCERTAIN_BELOW;
}

function chipText(el) {
  return chipLabel(el.dataset.label, 'uncertain' in el.dataset);
}

function chipLabel(label, uncertain) {
  const name = labelName(label);
  return uncertain ? t('uncertainChip', { label: name }) : name;
}

function relabelBlock(block) {
  for (const chip of block.querySelectorAll('.passage > .chip')) chip.textContent = chipText(chip.parentElement);
  block.dataset.lang = lang();
}

/** Blocks whose box meets the viewport (a block off screen has its layout skipped, but
 * its position is still known from its intrinsic size). */
function blocksOnScreen(doc) {
  const out = [];
  const h = window.innerHeight;
  for (const block of doc.children) {
    const r = block.getBoundingClientRect();
    if (r.bottom < -h) continue;
    if (r.top > 2 * h) break;
    out.push(block);
  }
  return out;
}

/**
 * Rewrites chips after a change of interface language: the blocks on screen at once, the
 * others in slices afterwards, so that switching language on a big text stays quick.
 * Blocks built later are made in the new language already. Resolves when all are done.
 */
export function relabel(doc) {
  const v = view(doc);
  const job = ++v.relabelJob;
  const now = lang();
  for (const block of blocksOnScreen(doc)) relabelBlock(block);
  const rest = [...doc.children].filter((b) => b.dataset.lang !== now);
  return new Promise((resolve) => {
    const step = () => {
      if (v.relabelJob !== job) return resolve();
      const deadline = performance.now() + SLICE_MS;
      while (rest.length && performance.now() < deadline) {
        const block = rest.shift();
        if (block.dataset.lang !== now) relabelBlock(block);
      }
      if (rest.length) setTimeout(step, 0);
      else resolve();
    };
    if (rest.length) setTimeout(step, 0);
    else resolve();
  });
}

export function passageAt(doc, index) {
  return doc.querySelector(`.passage[data-index="${Number(index)}"]`);
}

/** Shows each passage's repaired text (true) or the original (false). */
export function showRepaired(doc, on) {
  doc.classList.toggle('show-repaired', on);
}
