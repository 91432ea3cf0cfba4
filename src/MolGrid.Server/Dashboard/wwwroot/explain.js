// Per-atom explanations on the molecule dialog: pick a saved model, see which atoms raise (green) or lower (red)
// its prediction. Data from GET /api/models and /api/models/{name}/explanation.
import { api, describeError } from './api.js';
import { h, fmt } from './dom.js';

/** The dialog's "Explain a prediction" section for one SMILES. */
export function explainSection(smiles, signal) {
  const select = h('select', { id: 'explain-model', 'aria-label': 'Model' });
  const button = h('button', { id: 'explain-run', type: 'button', disabled: true }, 'Explain');
  const result = h('div', { id: 'explain-result' });
  const error = h('div', { class: 'error hidden', id: 'explain-error' });
  const section = h('section', { class: 'explain' },
    h('h3', {}, 'Explain a prediction'),
    h('div', { class: 'row' }, select, button),
    error, result);

  api('/api/models', { signal }).then((models) => {
    if (!models.length) {
      select.replaceChildren(h('option', { value: '' }, 'no saved models'));
      result.replaceChildren(h('p', { class: 'hint' }, 'Train one with molgrid model train --out into the server\u2019s models directory.'));
      return;
    }
    select.replaceChildren(...models.map((m) => h('option', { value: m.name }, `${m.name} (${m.kind}, ${m.task})`)));
    button.disabled = false;
  }).catch((e) => { if (!signal.aborted) { error.textContent = describeError(e); error.classList.remove('hidden'); } });

  button.addEventListener('click', async () => {
    error.classList.add('hidden');
    button.disabled = true;
    try {
      const x = await api(`/api/models/${encodeURIComponent(select.value)}/explanation?smiles=${encodeURIComponent(smiles)}`, { signal });
      const top = [...x.atoms].sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution)).slice(0, 8);
      result.replaceChildren(
        h('img', { class: 'mol-large', id: 'explain-depiction', alt: `attributions for ${x.smiles}`, width: 360, height: 240,
          src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(x.svg)}` }),
        h('p', { class: 'hint', id: 'explain-summary' },
          `${x.kind} prediction ${fmt(x.prediction)} against baseline ${fmt(x.baseline)} (${x.method}); `,
          h('span', { class: 'up' }, 'green raises'), ', ', h('span', { class: 'down' }, 'red lowers'), ' the prediction.'),
        h('table', { id: 'explain-atoms' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Atom'), h('th', { class: 'num' }, 'Attribution'))),
          h('tbody', {}, ...top.map((a) => h('tr', {}, h('td', {}, `${a.element}${a.index}`),
            h('td', { class: `num ${a.attribution >= 0 ? 'up' : 'down'}` }, fmt(a.attribution, 4)))))));
    } catch (e) {
      if (!signal.aborted) { error.textContent = describeError(e); error.classList.remove('hidden'); }
    } finally {
      button.disabled = false;
    }
  });
  return section;
}
