// Finds the evidence terms inside a passage. The model reports terms in folded form
// (NFKC, lower case, no accents: "systeme", "donnees relatives"), exactly as the core's
// features see words; this redoes that folding on the displayed text so "système" and
// "données relatives" can be marked where they stand.

const WORD = /[\p{Alphabetic}\p{N}]+/gu;
const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;

export function fold(s) {
  return s.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '').replace(/[’ʼ`´‘]/g, "'");
}

// The core keeps two-letter words and longer (and any number), turns long numbers into
// "#num" and cuts words at 30 characters.
function token(w) {
  const chars = [...w];
  const digits = /^[0-9]+$/.test(w);
  if (chars.length < 2 && !digits) return null;
  if (digits && w.length > 4) return '#num';
  return chars.slice(0, 30).join('');
}

/** The words of `text` with their folded form and UTF-16 range. */
export function words(text) {
  const out = [];
  for (const m of text.matchAll(WORD)) {
    for (const part of fold(m[0]).matchAll(WORD)) {
      const w = token(part[0]);
      if (w) out.push({ w, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

/** Sorted, non-overlapping {start, end, term} ranges of `text` where evidence terms occur. */
export function evidenceRanges(text, terms) {
  const ws = words(text);
  const found = [];
  for (const term of terms) {
    const parts = term.split(' ');
    for (let i = 0; i + parts.length <= ws.length; i += 1) {
      if (parts.every((p, k) => ws[i + k].w === p)) {
        found.push({ start: ws[i].start, end: ws[i + parts.length - 1].end, term });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
