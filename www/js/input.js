// Getting text in: the text box, dropping or opening a file, the built-in examples, and
// the checks that turn bad input into a clear message instead of a blank page.
import { readFile } from './files.js';
import { EXAMPLES } from './examples.js';
import { lang } from './i18n.js';
import { MIN_WORDS } from './options.js';

/** The page's limit, in UTF-16 code units: about 1,500 pages. Chromium lays out a text box of
 * 20 million characters of prose for minutes, so bigger texts go to the CLI. */
export const MAX_CHARS = 5_000_000;

const INVISIBLE = /[\s\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/;

/** {error: key, vars} when the text cannot be classified; else {warnings: [key]}. */
export function checkText(text) {
  if (text.length === 0) return { error: 'empty' };
  if (text.length > MAX_CHARS) return { error: 'tooLong', vars: { size: text.length, max: MAX_CHARS } };
  if (text.length < 100_000 && text.replace(INVISIBLE, '') === '') return { error: 'blank' };
  return { warnings: CONTROL.test(text) ? ['binary'] : [] };
}

const NUL_OR_CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g;

/** Words as the engine counts them: runs between spaces holding a letter or a digit. */
export function wordCount(text) {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Why the engine found no passage in `text` (it only ever finds none for these reasons),
 * as { key, vars } for the message: only spaces, a binary file, under MIN_WORDS words, or
 * headings and fragments with no sentence long enough. The engine decides; this explains.
 */
export function noPassageReason(text) {
  if (text.replace(INVISIBLE, '') === '') return { key: 'blank' };
  const control = (text.match(NUL_OR_CONTROL) || []).length;
  if (text.includes('\u0000') || control * 10 > text.length) return { key: 'noneBinary' };
  const words = wordCount(text);
  if (words < MIN_WORDS) return { key: 'noneShort', n: words };
  return { key: 'doneNone' };
}

/** Wires the input controls; onText(text, origin) is called with each new text to classify. */
export function setupInput({ textarea, dropzone, openButton, fileInput, clearButton, examples, onText, onFileError }) {
  async function takeFile(file) {
    if (!file) return;
    try {
      const text = await readFile(file);
      if (text.length > MAX_CHARS) {
        // Too big for the page: say so, and leave the text box as it was.
        onFileError(file.name, Object.assign(new Error('too long'), { code: 'TOO_LONG', size: text.length }));
        return;
      }
      textarea.value = text;
      onText(text, { file: file.name });
    } catch (err) {
      onFileError(file.name, err);
    }
  }

  openButton.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    takeFile(fileInput.files[0]);
    fileInput.value = '';
  });
  clearButton.addEventListener('click', () => {
    textarea.value = '';
    textarea.focus();
  });

  // The browser's own drop would open the file as a page (and run an HTML file's
  // scripts): stop that everywhere, and read drops on the drop zone.
  for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
  dropzone.addEventListener('dragover', (e) => {
    e.preventDefault();
    dropzone.classList.add('over');
  });
  dropzone.addEventListener('dragleave', () => dropzone.classList.remove('over'));
  dropzone.addEventListener('drop', (e) => {
    e.preventDefault();
    dropzone.classList.remove('over');
    const file = e.dataTransfer && e.dataTransfer.files[0];
    if (file) takeFile(file);
    else if (e.dataTransfer) {
      const text = e.dataTransfer.getData('text/plain');
      if (text) {
        textarea.value = text;
        onText(text, { drop: true });
      }
    }
  });

  renderExamples(examples, textarea, onText);
}

export function renderExamples(container, textarea, onText) {
  container.replaceChildren(...EXAMPLES.map((ex) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.example = ex.id;
    b.lang = lang();
    b.textContent = ex.name[lang()];
    b.addEventListener('click', () => {
      textarea.value = ex.text;
      onText(ex.text, { example: ex.id });
    });
    return b;
  }));
}
