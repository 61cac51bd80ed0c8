// One classification job: the text in pieces (chunks.js), each classified by the wasm
// package and posted at once with offsets into the whole text, so results show as they
// come. Between pieces the job yields, so a newer job can stop it.
import { splitChunks, shiftPassages } from './chunks.js';

export const EVIDENCE_TERMS = 12;

/**
 * api: {classify}; post(message); isCurrent(): false once a newer job started;
 * pause(): a promise that lets queued messages in.
 */
export async function runJob({ api, id, text, post, isCurrent, pause }) {
  const chunks = splitChunks(text);
  for (let i = 0; i < chunks.length; i += 1) {
    if (!isCurrent()) return;
    const { start, end } = chunks[i];
    let doc;
    try {
      doc = api.classify(text.slice(start, end), { evidence: EVIDENCE_TERMS });
    } catch (err) {
      post({ type: 'error', id, code: err && err.code ? err.code : 'INTERNAL', message: String(err && err.message ? err.message : err) });
      return;
    }
    post({
      type: 'chunk', id, index: i, total: chunks.length, start, end, length: text.length,
      language: doc.language, passages: shiftPassages(doc.passages, start),
    });
    await pause();
  }
  post({ type: 'done', id });
}
