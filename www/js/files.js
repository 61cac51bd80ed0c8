// Reading a dropped or opened file into plain text. HTML is parsed with DOMParser, which
// builds an inert document: its scripts never run and its images, styles and frames are
// never fetched; only the text is kept, and only the page's main content: the clutter
// around it (navigation, header, footer, asides, forms, cookie banners, menus) would
// otherwise become passages of its own.

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
// Page furniture, never the law itself.
const CLUTTER = 'nav, header, footer, aside, form, dialog, menu, button, select, [role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], [role=menu], [role=menubar], [role=dialog], [role=alertdialog], [aria-hidden=true], [hidden]';
// Cookie and consent banners rarely use a semantic element: known by their names.
const BANNER_NAME = /cookie|consent|banner|gdpr|rgpd/i;
const BLOCKS = 'p, div, section, article, aside, header, footer, main, nav, li, dt, dd, h1, h2, h3, h4, h5, h6, blockquote, pre, tr, table, ul, ol, dl, figure, figcaption, address, hr, br';

function isBanner(el) {
  const names = [el.id, el.getAttribute('class'), el.getAttribute('aria-label')].filter(Boolean).join(' ');
  return BANNER_NAME.test(names);
}

/** The main content: <main> (or role=main), else the one <article> or the largest; else
 * the block holding the most text outside links (menus are mostly links). */
export function mainContent(body) {
  const main = body.querySelector('main, [role=main]');
  if (main) return main;
  const articles = [...body.querySelectorAll('article')];
  if (articles.length) return articles.reduce((a, b) => (textLength(b) > textLength(a) ? b : a));
  let best = body;
  let bestScore = -1;
  for (const el of body.querySelectorAll('div, section, td')) {
    const own = density(el);
    // Half the body's text at least, so that the whole page is not lost to one paragraph.
    if (own > bestScore && textLength(el) * 2 >= textLength(body)) {
      best = el;
      bestScore = own;
    }
  }
  return best;
}

const textLength = (el) => (el.textContent || '').replace(/\s+/g, ' ').length;

/** Text outside links, less a little per descendant: the tightest block of prose wins. */
function density(el) {
  let links = 0;
  for (const a of el.querySelectorAll('a')) links += textLength(a);
  return textLength(el) - links - el.querySelectorAll('*').length;
}

/** The readable main text of an HTML document, with blank lines between blocks. */
export function htmlToText(html) {
  const doc = new DOMParser().parseFromString(String(html), 'text/html');
  for (const el of doc.querySelectorAll(DROP)) el.remove();
  const body = doc.body;
  if (!body) return '';
  // The main element first: a <header> inside <main> (an article's own title) stays.
  const root = mainContent(body);
  for (const el of root.querySelectorAll(CLUTTER)) {
    const articleHeader = el.localName === 'header' && el.parentElement?.closest('main, [role=main], article');
    if (!articleHeader) el.remove();
  }
  for (const el of root.querySelectorAll('[id], [class], [aria-label]')) if (el.isConnected && isBanner(el)) el.remove();
  // Blocks end passages: mark them with line breaks before reading textContent.
  for (const el of root.querySelectorAll(BLOCKS)) {
    if (el.localName === 'br') el.replaceWith(doc.createTextNode('\n'));
    else el.append(doc.createTextNode('\n\n'));
  }
  for (const cell of root.querySelectorAll('td, th')) cell.append(doc.createTextNode(' \t'));
  return tidy(root.textContent || '');
}

function tidy(text) {
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
