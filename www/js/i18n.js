// Interface strings in English and French, the chosen language (browser default, then the
// user's choice kept in localStorage), and filling of [data-i18n] elements.
export const STRINGS = {
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
    folded: { one: 'The text box is folded while it holds a long text ({count} character): a text box of megabytes slows the whole page.', other: 'The text box is folded while it holds a long text ({count} characters): a text box of megabytes slows the whole page.' },
    unfold: 'Show the text box',
    examples: 'Examples:',
    dropHint: 'Drop a .txt, .md or .html file anywhere on this box. HTML is reduced to its text; nothing in it runs.',
    resultsHeading: 'Results',
    summaryHeading: 'Summary',
    filterLabel: 'Show',
    allLabels: 'all labels',
    prev: 'Previous',
    next: 'Next',
    prevLabel: 'Previous passage',
    nextLabel: 'Next passage',
    exportCsv: 'CSV',
    exportJson: 'JSON',
    docHeading: 'The text, passage by passage',
    docHelp: 'Select a passage (click, or Tab to the text and use the arrow keys, then Enter) to see its probabilities and evidence.',
    detailHeading: 'Selected passage',
    detailNone: 'No passage selected.',
    closeDetail: 'Close',
    closeDetailLabel: 'Close the selected passage’s details',
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
    langFallback: 'too short to tell (the text is {lang})',
    showRepaired: 'Show repaired text',
    showOriginal: 'Show original',
    noRepairs: 'Nothing was repaired in this text (no hyphenated word across lines, no page number): it reads the same either way.',
    repairedOn: 'Showing the repaired text.',
    repairedOff: 'Showing the original text.',
    repairedNote: 'Repaired text, as the model read it (hyphens rejoined, page numbers left out); offsets and exports refer to the original.',
    otherTerms: { one: 'Other term ({count}):', other: 'Other terms ({count}):' },
    evidenceTotal: { zero: 'No evidence term.', one: '{count} evidence term, total weight {total}.', other: '{count} evidence terms, total weight {total}.' },
    exportLabel: 'Export',
    exportCsvLabel: 'Export CSV',
    exportJsonLabel: 'Export JSON',
    axisLabel: 'Share of the text',
    inPath: 'In: {path}',
    referenceLine: 'Reference: {ref}',
    uncertainChip: '{label}?',
    uncertainNote: 'Uncertain: the model gives this label {pct}.',
    runnerUp: 'Close second: {label} ({pct}).',
    uncertainOnly: 'uncertain only',
    headingKind: 'Heading: labelled by the passages it heads',
    loading: 'Loading the model…',
    ready: 'Ready. Everything runs on this device.',
    loadFailed: 'The model could not be loaded: {message}',
    noSimd: 'This browser is too old to run the classifier: it needs WebAssembly SIMD (Chrome or Edge 91, Firefox 89, Safari 16.4 or later). Nothing was sent anywhere.',
    working: 'Classifying… {done} of {total} characters',
    done: { one: '{count} passage classified: {summary}.', other: '{count} passages classified: {summary}.' },
    doneNone: 'No passage to classify: the text has no sentence of {min} words or more (headings alone are not classified).',
    noneShort: { one: 'No passage to classify: the text is too short ({count} word; the model needs at least {min} words to classify a passage).', other: 'No passage to classify: the text is too short ({count} words; the model needs at least {min} words to classify a passage).' },
    noneBinary: 'No passage to classify: the text looks like a binary file (NUL or control characters, no readable sentence). Open a .txt, .md or .html file instead.',
    empty: 'Nothing to classify: the text is empty. Paste a text, open a file or try an example.',
    blank: 'Nothing to classify: the text holds only spaces or invisible characters.',
    tooLong: 'This text is too long for the page ({size} characters; the limit is {max}). Use the command-line tool for very large files.',
    shortLang: { one: 'This text is too short to tell its language ({count} word). The model knows French and English only: read the labels with care.', other: 'This text is too short to tell its language ({count} words). The model knows French and English only: read the labels with care.' },
    unknownLang: 'The language of this text was not recognised. The model knows French and English only: the labels shown are unreliable.',
    binary: 'This text contains control or binary characters; they were read as spaces.',
    fileRead: 'Opened {name} ({size} characters).',
    fileBad: 'Cannot open {name}: only .txt, .md and .html files are read.',
    fileFailed: 'Cannot read {name}: {message}',
    error: 'Classification failed ({code}): {message}. Your text is still in the box.',
    filterAnnounce: { zero: 'Showing {label}: no passage.', one: 'Showing {label}: {count} passage.', other: 'Showing {label}: {count} passages.' },
    filterAll: { one: 'Showing the only passage.', other: 'Showing all {count} passages.' },
    noMore: 'No passage with this label.',
    atFirst: 'This is the first passage: there is none before it.',
    atLast: 'This is the last passage: there is none after it.',
    position: 'Passage {n} of {total}',
    passageCount: { zero: 'no passage', one: '{count} passage', other: '{count} passages' },
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
    folded: { one: 'La zone de texte est repliée tant qu’elle contient un long texte ({count} caractère) : une zone de texte de plusieurs mégaoctets ralentit toute la page.', other: 'La zone de texte est repliée tant qu’elle contient un long texte ({count} caractères) : une zone de texte de plusieurs mégaoctets ralentit toute la page.' },
    unfold: 'Afficher la zone de texte',
    examples: 'Exemples :',
    dropHint: 'Déposez un fichier .txt, .md ou .html sur cette zone. Le HTML est réduit à son texte ; rien de ce qu’il contient ne s’exécute.',
    resultsHeading: 'Résultats',
    summaryHeading: 'Synthèse',
    filterLabel: 'Afficher',
    allLabels: 'toutes les étiquettes',
    prev: 'Précédent',
    next: 'Suivant',
    prevLabel: 'Passage précédent',
    nextLabel: 'Passage suivant',
    exportCsv: 'CSV',
    exportJson: 'JSON',
    docHeading: 'Le texte, passage par passage',
    docHelp: 'Sélectionnez un passage (clic, ou Tab jusqu’au texte puis flèches et Entrée) pour voir ses probabilités et ses indices.',
    detailHeading: 'Passage sélectionné',
    detailNone: 'Aucun passage sélectionné.',
    closeDetail: 'Fermer',
    closeDetailLabel: 'Fermer le détail du passage sélectionné',
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
    langFallback: 'trop court pour le dire (le texte est en {lang})',
    showRepaired: 'Voir le texte réparé',
    showOriginal: 'Voir l’original',
    noRepairs: 'Rien n’a été réparé dans ce texte (aucune césure en fin de ligne, aucun numéro de page) : il se lit de la même façon.',
    repairedOn: 'Affichage du texte réparé.',
    repairedOff: 'Affichage du texte original.',
    repairedNote: 'Texte réparé, tel que le modèle l’a lu (césures recollées, numéros de page retirés) ; les positions et les exports renvoient à l’original.',
    otherTerms: { one: 'Autre terme ({count}) :', other: 'Autres termes ({count}) :' },
    evidenceTotal: { zero: 'Aucun indice.', one: '{count} indice, poids total {total}.', other: '{count} indices, poids total {total}.' },
    exportLabel: 'Exporter',
    exportCsvLabel: 'Exporter en CSV',
    exportJsonLabel: 'Exporter en JSON',
    axisLabel: 'Part du texte',
    inPath: 'Dans : {path}',
    referenceLine: 'Référence : {ref}',
    uncertainChip: '{label} ?',
    uncertainNote: 'Incertain : le modèle donne à cette étiquette {pct}.',
    runnerUp: 'Proche : {label} ({pct}).',
    uncertainOnly: 'incertains seulement',
    headingKind: 'Titre : étiqueté d’après les passages qu’il couvre',
    loading: 'Chargement du modèle…',
    ready: 'Prêt. Tout se passe sur cet appareil.',
    loadFailed: 'Le modèle n’a pas pu être chargé : {message}',
    noSimd: 'Ce navigateur est trop ancien pour faire tourner le classifieur : il lui faut WebAssembly SIMD (Chrome ou Edge 91, Firefox 89, Safari 16.4 ou plus récent). Rien n’a été envoyé nulle part.',
    working: 'Classement… {done} caractères sur {total}',
    done: { one: '{count} passage classé : {summary}.', other: '{count} passages classés : {summary}.' },
    doneNone: 'Aucun passage à classer : le texte n’a aucune phrase de {min} mots ou plus (les titres seuls ne sont pas classés).',
    noneShort: { one: 'Aucun passage à classer : le texte est trop court ({count} mot ; le modèle a besoin d’au moins {min} mots pour classer un passage).', other: 'Aucun passage à classer : le texte est trop court ({count} mots ; le modèle a besoin d’au moins {min} mots pour classer un passage).' },
    noneBinary: 'Aucun passage à classer : le texte ressemble à un fichier binaire (caractères NUL ou de contrôle, aucune phrase lisible). Ouvrez plutôt un fichier .txt, .md ou .html.',
    empty: 'Rien à classer : le texte est vide. Collez un texte, ouvrez un fichier ou essayez un exemple.',
    blank: 'Rien à classer : le texte ne contient que des espaces ou des caractères invisibles.',
    tooLong: 'Ce texte est trop long pour la page ({size} caractères ; la limite est {max}). Utilisez l’outil en ligne de commande pour les très gros fichiers.',
    shortLang: { one: 'Ce texte est trop court pour en reconnaître la langue ({count} mot). Le modèle ne connaît que le français et l’anglais : lisez les étiquettes avec prudence.', other: 'Ce texte est trop court pour en reconnaître la langue ({count} mots). Le modèle ne connaît que le français et l’anglais : lisez les étiquettes avec prudence.' },
    unknownLang: 'La langue de ce texte n’a pas été reconnue. Le modèle ne connaît que le français et l’anglais : les étiquettes affichées ne sont pas fiables.',
    binary: 'Ce texte contient des caractères de contrôle ou binaires ; ils ont été lus comme des espaces.',
    fileRead: '{name} ouvert ({size} caractères).',
    fileBad: 'Impossible d’ouvrir {name} : seuls les fichiers .txt, .md et .html sont lus.',
    fileFailed: 'Impossible de lire {name} : {message}',
    error: 'Le classement a échoué ({code}) : {message}. Votre texte est toujours dans la zone.',
    filterAnnounce: { zero: 'Affichage : {label}, aucun passage.', one: 'Affichage : {label}, {count} passage.', other: 'Affichage : {label}, {count} passages.' },
    filterAll: { one: 'Affichage du seul passage.', other: 'Affichage des {count} passages.' },
    noMore: 'Aucun passage avec cette étiquette.',
    atFirst: 'C’est le premier passage : il n’y en a pas avant.',
    atLast: 'C’est le dernier passage : il n’y en a pas après.',
    position: 'Passage {n} sur {total}',
    passageCount: { zero: 'aucun passage', one: '{count} passage', other: '{count} passages' },
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

/** The string `key` in the current language with `{name}` placeholders filled. A string
 * with plural forms ({zero?, one, other}) takes `vars.n` (a number) to choose. */
export function t(key, vars = {}) {
  let s = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  if (typeof s === 'object') s = pluralForm(s, vars.n ?? 0);
  return String(s).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

const rules = {};
/** The form of `forms` for `n` by the language's plural rules (French: 0 and 1 are
 * singular); an explicit `zero` form wins for 0 ("no passage" rather than "0 passages"). */
function pluralForm(forms, n) {
  if (n === 0 && forms.zero) return forms.zero;
  rules[current] ??= new Intl.PluralRules(locale());
  return forms[rules[current].select(n)] ?? forms.other;
}

/** `key`'s plural form for `n`, with `{count}` the number written in the language. */
export function tn(key, n, vars = {}) {
  return t(key, { ...vars, n, count: num(n) });
}

export function languageName(code) {
  return STRINGS[current].langOf[code] || code;
}

function locale() {
  return current === 'fr' ? 'fr-FR' : 'en-GB';
}

// One formatter per language and kind, all with the same locale, so that evidence weights
// ("1,20") and probabilities ("50,5 %") never mix conventions.
const formats = {};
function format(kind, options) {
  const k = `${current}:${kind}`;
  formats[k] ??= new Intl.NumberFormat(locale(), options);
  return formats[k];
}

/** Numbers in the interface language (thin grouping in French). */
export function num(n) {
  return format('int', {}).format(n);
}

/** A decimal with two digits (evidence weights). */
export function dec(x) {
  return format('dec', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);
}

export function pct(x) {
  return format('pct', { style: 'percent', maximumFractionDigits: 1 }).format(x);
}

/** Fills every [data-i18n] element's text and [data-i18n-attr] attributes ("attr:key;…"). */
export function applyStatic(root = document) {
  document.documentElement.lang = current;
  document.title = t('title');
  // The language switch names the other language, in that language.
  const other = current === 'fr' ? 'en' : 'fr';
  for (const el of root.querySelectorAll('[data-lang-other]')) el.lang = other;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      el.setAttribute(attr, t(key));
    }
  }
}
