// The six labels: names and definitions come from the model package (labels()), so the
// page says exactly what the labelling guide says; colours are the Okabe-Ito palette,
// safe for colour-blind readers, and the label's name is always shown beside the colour.
import { lang } from './i18n.js';

export const LABEL_IDS = ['cyber_dependent', 'cyber_enabled', 'content_crime', 'procedural_power', 'safeguard', 'other'];

let infos = [];

export function setLabelInfo(list) {
  infos = Array.isArray(list) ? list : [];
}

function info(id) {
  return infos.find((l) => l.id === id);
}

export function labelName(id, language = lang()) {
  const l = info(id);
  if (!l) return id;
  return language === 'fr' ? l.nameFr : l.nameEn;
}

export function labelDefinition(id, language = lang()) {
  const l = info(id);
  if (!l) return '';
  return language === 'fr' ? l.definitionFr : l.definitionEn;
}

/** Both names, for exports read by people of either language. */
export function labelNames(id) {
  return { en: labelName(id, 'en'), fr: labelName(id, 'fr') };
}
