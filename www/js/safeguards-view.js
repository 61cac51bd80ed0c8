// "Powers and safeguards": each procedural power of the text with the safeguards that bear
// on it and why (the engine's linkSafeguards: same article, citation, same section), and
// the powers with none, flagged in words. Every entry is a button that selects its
// passage in the text. The page only displays what the engine decided.
import { addStrings, t, num } from './i18n.js';

addStrings({
  powersHeading: 'Powers and safeguards',
  powersHelp: 'Each investigative power of the text, with the safeguards that bear on it: in the same article, in an article it cites or that cites it, or in the same section. Select an entry to see its passage.',
  powersNone: 'No procedural power in this text.',
  powersCount: '{count} procedural powers, {unguarded} with no safeguard found.',
  powersCountOne: '1 procedural power, {unguarded} with no safeguard found.',
  powersWorking: 'Linking powers and safeguards…',
  powersFailed: 'Powers and safeguards could not be linked ({code}): {message}',
  unguarded: 'No safeguard found: none in its article, none cited, none in its section.',
  unguardedTag: 'no safeguard',
  safeguardsOf: 'Safeguards of {ref}',
  reasonSameArticle: 'same article',
  reasonSameSection: 'same section',
  reasonPower: 'this power’s article cites {text}',
  reasonSection: '{ref} subjects this section’s powers to {text}',
  reasonSafeguard: 'the safeguard cites {text}',
  noReference: 'passage {n}',
  moreSection: '… and {count} more safeguards of the same section, not listed.',
  morePowers: 'Show the other {count} powers',
}, {
  powersHeading: 'Pouvoirs et garanties',
  powersHelp: 'Chaque pouvoir d’enquête du texte, avec les garanties qui s’y rapportent : dans le même article, dans un article qu’il cite ou qui le cite, ou dans la même section. Sélectionnez une entrée pour voir son passage.',
  powersNone: 'Aucun pouvoir procédural dans ce texte.',
  powersCount: '{count} pouvoirs procéduraux, dont {unguarded} sans garantie trouvée.',
  powersCountOne: '1 pouvoir procédural, dont {unguarded} sans garantie trouvée.',
  powersWorking: 'Mise en regard des pouvoirs et des garanties…',
  powersFailed: 'Les pouvoirs et les garanties n’ont pas pu être mis en regard ({code}) : {message}',
  unguarded: 'Aucune garantie trouvée : ni dans son article, ni par renvoi, ni dans sa section.',
  unguardedTag: 'sans garantie',
  safeguardsOf: 'Garanties de {ref}',
  reasonSameArticle: 'même article',
  reasonSameSection: 'même section',
  reasonPower: 'l’article de ce pouvoir renvoie à {text}',
  reasonSection: '{ref} soumet les pouvoirs de cette section à {text}',
  reasonSafeguard: 'la garantie renvoie à {text}',
  noReference: 'passage {n}',
  moreSection: '… et {count} autres garanties de la même section, non listées.',
  morePowers: 'Afficher les {count} autres pouvoirs',
});

/** Powers listed at first: a law has a few dozen; a huge text's thousands would hold the
 * page for a long moment at every language switch, so the rest wait for a click. */
const SHOWN_POWERS = 100;

const EXCERPT_WORDS = 18;

/** The first words of a passage, for a list entry. */
function excerpt(text) {
  const words = String(text || '').split(/\s+/).filter(Boolean);
  return words.length <= EXCERPT_WORDS ? words.join(' ') : `${words.slice(0, EXCERPT_WORDS).join(' ')} …`;
}

function refOf(passages, index) {
  const p = passages[index];
  return (p && p.reference) || t('noReference', { n: num(index + 1) });
}

/** Why a safeguard bears on a power, in words. */
export function reasonText(link) {
  if (link.reason === 'same_article') return t('reasonSameArticle');
  if (link.reason === 'same_section') return t('reasonSameSection');
  const via = link.via || {};
  if (via.by === 'power') return t('reasonPower', { text: via.text });
  if (via.by === 'section') return t('reasonSection', { ref: via.reference, text: via.text });
  return t('reasonSafeguard', { text: via.text });
}

function entryButton(passages, index, onSelect, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = `goto ${className}`;
  b.dataset.index = String(index);
  const ref = document.createElement('span');
  ref.className = 'ref';
  ref.textContent = refOf(passages, index);
  const text = document.createElement('span');
  text.className = 'excerpt';
  text.textContent = excerpt(passages[index] && passages[index].text);
  b.append(ref, ' ', text);
  b.addEventListener('click', () => onSelect(index));
  return b;
}

function powerItem(power, passages, onSelect) {
  const li = document.createElement('li');
  li.className = 'power';
  li.dataset.power = String(power.power);
  li.append(entryButton(passages, power.power, onSelect, 'power-link'));
  if (!power.safeguards.length) {
    li.dataset.unguarded = '';
    const tag = document.createElement('strong');
    tag.className = 'unguarded-tag';
    tag.textContent = `⚠ ${t('unguardedTag')}`;
    const note = document.createElement('p');
    note.className = 'unguarded';
    note.textContent = t('unguarded');
    li.append(' ', tag, note);
    return li;
  }
  const list = document.createElement('ul');
  list.className = 'safeguards';
  list.setAttribute('aria-label', t('safeguardsOf', { ref: refOf(passages, power.power) }));
  for (const link of power.safeguards) {
    const item = document.createElement('li');
    item.dataset.safeguard = String(link.safeguard);
    item.dataset.reason = link.reason;
    const why = document.createElement('span');
    why.className = 'reason';
    why.textContent = `(${reasonText(link)})`;
    item.append(entryButton(passages, link.safeguard, onSelect, 'safeguard-link'), ' ', why);
    list.append(item);
  }
  li.append(list);
  if (power.more > 0) li.append(Object.assign(document.createElement('p'), { className: 'more', textContent: t('moreSection', { count: num(power.more) }) }));
  return li;
}

/** Shows a message in place of the list (working, failed). */
export function renderSafeguardsMessage(root, key, vars = {}) {
  root.hidden = false;
  const p = document.createElement('p');
  p.className = 'powers-summary';
  p.textContent = t(key, vars);
  root.replaceChildren(heading(), p);
}

function heading() {
  const h = document.createElement('h3');
  h.id = 'powers-h';
  h.textContent = t('powersHeading');
  return h;
}

/** Renders the engine's map (`linkSafeguards`) of `passages`; onSelect(index) selects one. */
export function renderSafeguards(root, map, passages, onSelect) {
  if (!map) {
    root.hidden = true;
    root.replaceChildren();
    return;
  }
  root.hidden = false;
  const help = document.createElement('p');
  help.className = 'hint';
  help.textContent = t('powersHelp');
  const count = document.createElement('p');
  count.className = 'powers-summary';
  const n = map.powers.length;
  const vars = { count: num(n), unguarded: num(map.unguarded.length) };
  count.textContent = n === 0 ? t('powersNone') : t(n === 1 ? 'powersCountOne' : 'powersCount', vars);
  const list = document.createElement('ol');
  list.className = 'powers';
  list.append(...map.powers.slice(0, SHOWN_POWERS).map((power) => powerItem(power, passages, onSelect)));
  const rest = map.powers.slice(SHOWN_POWERS);
  const more = [];
  if (rest.length) {
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'more-powers', textContent: t('morePowers', { count: num(rest.length) }) });
    button.addEventListener('click', () => {
      list.append(...rest.map((power) => powerItem(power, passages, onSelect)));
      button.remove();
    });
    more.push(button);
  }
  root.replaceChildren(heading(), help, count, ...(n ? [list, ...more] : []));
}
