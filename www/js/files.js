// Reading a dropped or opened file into plain text. HTML is parsed with DOMParser, which
// builds an inert document: its scripts never run and its images, styles and frames are
// never fetched; only the text is kept.

const TEXT_TYPES = /\.(txt|text|md|markdown)$/i;
const HTML_TYPES = /\.(html?|xhtml)$/i;

/** 'text', 'html' or null (not a file the page reads). */
export function fileKind(file) {
  if (HTML_TYPES.test(file.name) || file.type === 'text/html') return 'html';
  if (TEXT_TYPES.test(file.name) || file.type === 'text/plain' || file.type === 'text/markdown') return 'text';
  return null;
}

export async function readFile(file) {
  const kind = fileKind(file);
  if (!kind) {
    const err = new Error('unsupported file type');
    err.code = 'BAD_FILE_TYPE';
    throw err;
  }
  // File.text() decodes UTF-8 and replaces invalid bytes with U+FFFD.
  const raw = await file.text();
  return kind === 'html' ? htmlToText(raw) : raw;
}

const DROP = 'script, style, noscript, template, iframe, object, embed, svg, math, head, canvas, video, audio';
const BLOCKS = 'p, div, section, article, aside, header, footer, main, nav, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, table, ul, ol, dl, figure, figcaption, address, hr, br';

/** The readable text of an HTML document, with blank lines between blocks. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(String(html), 'text/html');
  for (const el of doc.querySelectorAll(DROP)) el.remove();
  const body = doc.body;
  if (!body) return '';
  // Blocks end passages: mark them with line breaks before reading textContent.
  for (const el of body.querySelectorAll(BLOCKS)) {
    if (el.localName === 'br') el.replaceWith(doc.createTextNode('\n'));
    else el.append(doc.createTextNode('\n\n'));
  }
  for (const cell of body.querySelectorAll('td, th')) cell.append(doc.createTextNode(' \t'));
  return tidy(body.textContent || '');
}

function tidy(text) {
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
