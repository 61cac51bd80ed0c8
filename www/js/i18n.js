// Interface strings in English and French, the chosen language (browser default, then the
// user's choice kept in localStorage), and filling of [data-i18n] elements.
const STRINGS = {
  en: {
    title: 'cyberclause — what each clause of a cybercrime law does',
    tagline: 'Paste a law or policy text (French or English): every passage is labelled as an offence, an investigative power, a safeguard or none of these, with the words behind each decision.',
    privacyTitle: 'Private by design.',
    privacy: 'Your text never leaves this device. The page runs the model in your browser, makes no network request after loading its own files, and works offline.',
    switchLang: 'Français',
    switchLangLabel: 'Passer l’interface en français',
    inputHeading: 'Text',
    textLabel: 'Text to classify',
    placeholder: 'Paste a law, a treaty article or a policy statement here, or drop a .txt, .md or .html file.',
    classify: 'Classify',
    openFile: 'Open a file…',
    clear: 'Clear',
    examples: 'Examples:',
    dropHint: 'Drop a .txt, .md or .html file anywhere on this box. HTML is reduced to its text; nothing in it runs.',
    resultsHeading: 'Results',
    summaryHeading: 'Summary',
    filterLabel: 'Show',
    allLabels: 'all labels',
    prev: 'Previous passage',
    next: 'Next passage',
    exportCsv: 'Export CSV',
    exportJson: 'Export JSON',
    docHeading: 'The text, passage by passage',
    docHelp: 'Select a passage (click, or Tab to the text and use the arrow keys, then Enter) to see its probabilities and evidence.',
    detailHeading: 'Selected passage',
    detailNone: 'No passage selected.',
    probabilities: 'Probabilities',
    evidence: 'Evidence (words that pushed towards this label, strongest first)',
    noEvidence: 'No evidence terms.',
    copy: 'Copy this result',
    copied: 'Result copied.',
    copyFailed: 'Could not copy; the result is selected below, copy it with Ctrl+C.',
    legendHeading: 'The six labels',
    modelLine: 'Model: {version} (trained {trained}), {algorithm}, corpus {hash}…',
    offsets: 'Characters {start}–{end}',
    langOf: { fr: 'French', en: 'English', unknown: 'language not recognised', mixed: 'French and English' },
    passageLang: 'Language: {lang}',
    inPath: 'In: {path}',
    uncertainChip: '{label}?',
    uncertainNote: 'Uncertain: the model gives this label {pct}.',
    runnerUp: 'Close second: {label} ({pct}).',
    uncertainOnly: 'uncertain only',
    headingKind: 'Heading: labelled by the passages it heads',
    loading: 'Loading the model…',
    ready: 'Ready. Everything runs on this device.',
    loadFailed: 'The model could not be loaded: {message}',
    working: 'Classifying… {done} of {total} characters',
    done: '{count} passages classified: {summary}.',
    doneOne: '1 passage classified: {summary}.',
    doneNone: 'No passage to classify: the text has no words the model can read (it may be empty, blank, or binary).',
    empty: 'Nothing to classify: the text is empty. Paste a text, open a file or try an example.',
    blank: 'Nothing to classify: the text holds only spaces or invisible characters.',
    tooLong: 'This text is too long for the page ({size} characters; the limit is {max}). Use the command-line tool for very large files.',
    unknownLang: 'The language of this text was not recognised. The model knows French and English only: the labels shown are unreliable.',
    binary: 'This text contains control or binary characters; they were read as spaces.',
    fileRead: 'Opened {name} ({size} characters).',
    fileBad: 'Cannot open {name}: only .txt, .md and .html files are read.',
    fileFailed: 'Cannot read {name}: {message}',
    error: 'Classification failed ({code}): {message}. Your text is still in the box.',
    filterAnnounce: 'Showing {label}: {count} passages.',
    filterAll: 'Showing all {count} passages.',
    noMore: 'No passage with this label.',
    position: 'Passage {n} of {total}',
    passageCount: '{count} passages',
    onePassage: '1 passage',
    share: '{pct} of the text',
    exported: 'Saved {name}.',
  },
  fr: {
    title: 'cyberclause — ce que fait chaque clause d’une loi sur la cybercriminalité',
    tagline: 'Collez une loi ou un texte de politique (en français ou en anglais) : chaque passage est étiqueté comme infraction, pouvoir d’enquête, garantie ou rien de cela, avec les mots qui ont fondé chaque décision.',
    privacyTitle: 'Confidentiel par conception.',
    privacy: 'Votre texte ne quitte jamais cet appareil. La page fait tourner le modèle dans votre navigateur, n’envoie aucune requête réseau après avoir chargé ses propres fichiers et fonctionne hors ligne.',
    switchLang: 'English',
    switchLangLabel: 'Switch the interface to English',
    inputHeading: 'Texte',
    textLabel: 'Texte à classer',
    placeholder: 'Collez ici une loi, un article de traité ou une déclaration de politique, ou déposez un fichier .txt, .md ou .html.',
    classify: 'Classer',
    openFile: 'Ouvrir un fichier…',
    clear: 'Effacer',
    examples: 'Exemples :',
    dropHint: 'Déposez un fichier .txt, .md ou .html sur cette zone. Le HTML est réduit à son texte ; rien de ce qu’il contient ne s’exécute.',
    resultsHeading: 'Résultats',
    summaryHeading: 'Synthèse',
    filterLabel: 'Afficher',
    allLabels: 'toutes les étiquettes',
    prev: 'Passage précédent',
    next: 'Passage suivant',
    exportCsv: 'Exporter en CSV',
    exportJson: 'Exporter en JSON',
    docHeading: 'Le texte, passage par passage',
    docHelp: 'Sélectionnez un passage (clic, ou Tab jusqu’au texte puis flèches et Entrée) pour voir ses probabilités et ses indices.',
    detailHeading: 'Passage sélectionné',
    detailNone: 'Aucun passage sélectionné.',
    probabilities: 'Probabilités',
    evidence: 'Indices (mots qui ont poussé vers cette étiquette, du plus fort au plus faible)',
    noEvidence: 'Aucun indice.',
    copy: 'Copier ce résultat',
    copied: 'Résultat copié.',
    copyFailed: 'Copie impossible ; le résultat est sélectionné ci-dessous, copiez-le avec Ctrl+C.',
    legendHeading: 'Les six étiquettes',
    modelLine: 'Modèle : {version} (entraîné le {trained}), {algorithm}, corpus {hash}…',
    offsets: 'Caractères {start} à {end}',
    langOf: { fr: 'français', en: 'anglais', unknown: 'langue non reconnue', mixed: 'français et anglais' },
    passageLang: 'Langue : {lang}',
    inPath: 'Dans : {path}',
    uncertainChip: '{label} ?',
    uncertainNote: 'Incertain : le modèle donne à cette étiquette {pct}.',
    runnerUp: 'Proche : {label} ({pct}).',
    uncertainOnly: 'incertains seulement',
    headingKind: 'Titre : étiqueté d’après les passages qu’il couvre',
    loading: 'Chargement du modèle…',
    ready: 'Prêt. Tout se passe sur cet appareil.',
    loadFailed: 'Le modèle n’a pas pu être chargé : {message}',
    working: 'Classement… {done} caractères sur {total}',
    done: '{count} passages classés : {summary}.',
    doneOne: '1 passage classé : {summary}.',
    doneNone: 'Aucun passage à classer : le texte ne contient aucun mot lisible par le modèle (vide, blanc ou binaire).',
    empty: 'Rien à classer : le texte est vide. Collez un texte, ouvrez un fichier ou essayez un exemple.',
    blank: 'Rien à classer : le texte ne contient que des espaces ou des caractères invisibles.',
    tooLong: 'Ce texte est trop long pour la page ({size} caractères ; la limite est {max}). Utilisez l’outil en ligne de commande pour les très gros fichiers.',
    unknownLang: 'La langue de ce texte n’a pas été reconnue. Le modèle ne connaît que le français et l’anglais : les étiquettes affichées ne sont pas fiables.',
    binary: 'Ce texte contient des caractères de contrôle ou binaires ; ils ont été lus comme des espaces.',
    fileRead: '{name} ouvert ({size} caractères).',
    fileBad: 'Impossible d’ouvrir {name} : seuls les fichiers .txt, .md et .html sont lus.',
    fileFailed: 'Impossible de lire {name} : {message}',
    error: 'Le classement a échoué ({code}) : {message}. Votre texte est toujours dans la zone.',
    filterAnnounce: 'Affichage : {label}, {count} passages.',
    filterAll: 'Affichage des {count} passages.',
    noMore: 'Aucun passage avec cette étiquette.',
    position: 'Passage {n} sur {total}',
    passageCount: '{count} passages',
    onePassage: '1 passage',
    share: '{pct} du texte',
    exported: '{name} enregistré.',
  },
};

/** Adds a view's own strings (its module keeps them beside its code). */
export function addStrings(en, fr) {
  Object.assign(STRINGS.en, en);
  Object.assign(STRINGS.fr, fr);
}

const KEY = 'cyberclause.lang';
let current = pickInitial();

function pickInitial() {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch { /* storage may be disabled: fall back to the browser's language */ }
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return nav.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function lang() {
  return current;
}

export function setLang(next) {
  current = next === 'fr' ? 'fr' : 'en';
  try {
    localStorage.setItem(KEY, current);
  } catch { /* not persisted, still switched */ }
}

/** The string `key` in the current language with `{name}` placeholders filled. */
export function t(key, vars = {}) {
  const s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return String(s).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export function languageName(code) {
  return STRINGS[current].langOf[code] || code;
}

/** Numbers in the interface language (thin grouping in French). */
export function num(n) {
  return new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB').format(n);
}

export function pct(x) {
  return new Intl.NumberFormat(current === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

/** Fills every [data-i18n] element's text and [data-i18n-attr] attributes ("attr:key;…"). */
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  document.title = t('title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}
