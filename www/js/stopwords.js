// Function words, for readers only: the detail panel lists an evidence term made of these
// words alone ("and", "shall", "of the", "de la") on an "other terms" line after the
// content words. The model's evidence itself is untouched (same terms, same weights,
// same order within each group). Terms come folded from the engine (lowercase, no
// accents), so the lists are written that way. One place, both languages: a French
// text may carry English words and the other way round.
const EN = [
  'a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'without',
  'into', 'onto', 'as', 'than', 'that', 'this', 'these', 'those', 'which', 'who', 'whom', 'whose', 'what', 'where',
  'when', 'whether', 'if', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'shall', 'should',
  'will', 'would', 'may', 'might', 'can', 'could', 'must', 'do', 'does', 'it', 'its', 'they', 'their', 'them', 'such',
  'any', 'all', 'each', 'every', 'other', 'not', 'no', 'so', 'also', 'under', 'upon', 'there', 'thereof', 'herein',
  'between', 'against', 'within', 'through', 'about', 'only', 'own', 'same', 'both', 'either', 'including',
];
const FR = [
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd', 'et', 'ou', 'ni', 'mais', 'a', 'au', 'aux', 'en',
  'dans', 'sur', 'sous', 'par', 'pour', 'avec', 'sans', 'que', 'qu', 'qui', 'quoi', 'dont', 'ce', 'ces', 'cet',
  'cette', 'se', 's', 'son', 'sa', 'ses', 'leur', 'leurs', 'il', 'ils', 'elle', 'elles', 'est', 'sont', 'etre',
  'ete', 'a', 'ont', 'avoir', 'peut', 'peuvent', 'doit', 'doivent', 'ne', 'pas', 'plus', 'tout', 'tous', 'toute',
  'toutes', 'autre', 'autres', 'tel', 'telle', 'tels', 'telles', 'lui', 'y', 'si', 'lorsque', 'comme', 'entre',
  'vers', 'chaque', 'meme', 'ainsi', 'notamment', 'selon',
];

const STOP = new Set([...EN, ...FR]);

/** True when every word of the (folded) term is a function word. */
export function isFunctionTerm(term) {
  const words = String(term).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return words.length > 0 && words.every((w) => STOP.has(w));
}

/** The evidence split for reading: { content, other }, each in the engine's order. */
export function splitEvidence(evidence) {
  const content = [];
  const other = [];
  for (const e of evidence) (isFunctionTerm(e.term) ? other : content).push(e);
  return { content, other };
}
