import { UNCERTAIN_FILTER } from './options.js';

// Filtering the view to one label (or to the uncertain passages), and moving between passages (of the filtered label, or
// of any label) with the Previous/Next buttons or the arrow keys inside the text.

/** The passage elements in view, in text order. */
export function visiblePassages(doc, filter) {
  return [...doc.querySelectorAll(selector(filter))];
}

function selector(filter) {
  if (!filter) return '.passage';
  if (filter === UNCERTAIN_FILTER) return '.passage[data-uncertain]';
  return `.passage[data-label="${CSS.escape(filter)}"]`;
}

/** Shows only `filter`'s passages ('' shows everything, with the text between them).
 * The hiding is done by style.css from data-filter, so passages still being built
 * (big texts are built in slices) are filtered as they come, with no loop over them. */
export function applyFilter(doc, filter) {
  doc.classList.toggle('filtered', Boolean(filter));
  if (filter) doc.dataset.filter = filter;
  else delete doc.dataset.filter;
  const shown = visiblePassages(doc, filter);
  moveTabStop(doc, (doc.querySelector('.passage.selected') && shown.find((p) => p.classList.contains('selected'))) || shown[0] || null);
  return shown.length;
}

/** Makes `target` the one passage Tab reaches in the text. */
export function moveTabStop(doc, target) {
  for (const p of doc.querySelectorAll('.passage[tabindex="0"]')) p.tabIndex = -1;
  if (target) target.tabIndex = 0;
}

/**
 * The passage `step` (+1 or -1) away from `from` among those in view; from the start (or
 * end) when `from` is not one of them. Null when none is in view; `from` itself when it
 * is the first (or last) already, which the caller says in words.
 */
export function stepFrom(doc, filter, from, step) {
  const shown = visiblePassages(doc, filter);
  if (!shown.length) return null;
  const at = from ? shown.indexOf(from) : -1;
  if (at === -1) {
    // Not in view (other label): the next one after it in text order.
    const start = from ? Number(from.dataset.start) : -1;
    if (step > 0) return shown.find((p) => Number(p.dataset.start) > start) || shown[0];
    return [...shown].reverse().find((p) => Number(p.dataset.start) < start) || shown[shown.length - 1];
  }
  return shown[Math.min(shown.length - 1, Math.max(0, at + step))];
}

/** Arrow keys, Home and End move focus among passages; Enter and Space select. */
export function keyTarget(doc, filter, current, key) {
  const shown = visiblePassages(doc, filter);
  if (!shown.length) return null;
  switch (key) {
    case 'ArrowDown': case 'ArrowRight': return stepFrom(doc, filter, current, 1);
    case 'ArrowUp': case 'ArrowLeft': return stepFrom(doc, filter, current, -1);
    case 'Home': return shown[0];
    case 'End': return shown[shown.length - 1];
    default: return null;
  }
}
