// Cuts a long text into pieces classified one after the other, so the page can show
// progress and results as they come. Cuts fall at blank lines (where passages end anyway),
// failing that at a line break, then at a space, and never inside a surrogate pair.
// Offsets stay those of the whole text: a piece is {start, end} into it.

export const CHUNK_TARGET = 20000;

export function splitChunks(text, target = CHUNK_TARGET) {
  const chunks = [];
  let start = 0;
  while (text.length - start > target) {
    const end = cutPoint(text, start, start + target);
    chunks.push({ start, end });
    start = end;
  }
  if (start < text.length || chunks.length === 0) chunks.push({ start, end: text.length });
  return chunks;
}

// The last good cut in text[from, limit), not in the first quarter (no tiny pieces).
function cutPoint(text, from, limit) {
  const window = text.slice(from, limit);
  const min = Math.floor(window.length / 4);
  for (const re of [/\n[ \t\r\f\v]*\n/g, /\n/g, /\s/g]) {
    const end = lastMatchEnd(window, re);
    if (end > min) return from + end;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

function lastMatchEnd(s, re) {
  let last = -1;
  for (const m of s.matchAll(re)) last = m.index + m[0].length;
  return last;
}

/** Moves a chunk's passage offsets (relative to the chunk) to offsets in the whole text. */
export function shiftPassages(passages, by) {
  for (const p of passages) {
    p.start += by;
    p.end += by;
  }
  return passages;
}
