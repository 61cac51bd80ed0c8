// The document summary (the engine's: passages and share of text per label) as a small
// bar chart, and the legend with the six definitions from the labelling guide. Every bar
// is drawn on the same axis, 0 to 100 % of the text (style.css gives every row the same
// column widths), with the axis shown under the bars.
import { LABEL_IDS, labelName, labelDefinition } from './labels.js';
import { t, tn, pct, num } from './i18n.js';

export function countText(n) {
  return tn('passageCount', n);
}

/** The axis under the bars: 0 %, 50 %, 100 % of the text, in the interface language. */
export function renderAxis(axis) {
  const ticks = [0, 0.5, 1].map((x) => {
    const tick = document.createElement('span');
    tick.className = 'tick';
    tick.style.setProperty('left', `${x * 100}%`);
    tick.textContent = pct(x);
    return tick;
  });
  const scale = document.createElement('span');
  scale.className = 'scale';
  scale.append(...ticks);
  const name = document.createElement('span');
  name.className = 'axis-name';
  name.textContent = t('axisLabel');
  axis.replaceChildren(name, scale);
}

export function renderSummary(list, summary) {
  list.replaceChildren(...summary.map((row) => {
    const li = document.createElement('li');
    li.dataset.label = row.label;
    const name = document.createElement('span');
    name.className = 'chip';
    name.dataset.label = row.label;
    name.textContent = labelName(row.label);
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.setAttribute('aria-hidden', 'true');
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.setProperty('display', 'block');
    fill.style.setProperty('width', `${(row.share * 100).toFixed(2)}%`);
    fill.style.setProperty('background', `var(--c-${row.label})`);
    bar.append(fill);
    const figure = document.createElement('span');
    figure.className = 'figure';
    figure.textContent = `${countText(row.passages)} · ${t('share', { pct: pct(row.share) })}`;
    li.append(name, bar, figure);
    return li;
  }));
}

/** "3 procedural power, 1 safeguard" style text for announcements. */
export function summaryText(summary) {
  return summary.filter((r) => r.passages > 0).map((r) => `${labelName(r.label)} ${num(r.passages)}`).join(', ');
}

export function renderLegend(dl) {
  const items = [];
  for (const id of LABEL_IDS) {
    const dt = document.createElement('dt');
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.dataset.label = id;
    chip.textContent = labelName(id);
    dt.append(chip);
    const dd = document.createElement('dd');
    dd.textContent = labelDefinition(id);
    items.push(dt, dd);
  }
  dl.replaceChildren(...items);
}
