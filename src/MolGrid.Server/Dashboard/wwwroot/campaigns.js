// Campaign list and submission form.
import { api, describeError } from './api.js';
import { h, fmt, when, bar, badge } from './dom.js';

const EXAMPLE_SPEC = `# Design campaign (same format as \`molgrid design run\`):
# drug-like (QED), easy to make (SA), TPSA in an oral window.
name: qed-sa-tpsa demo
seed: 42
budget: 200
generator:
  type: graph_ga
  population_size: 30
  offspring_size: 30
  start_file: chembl_like_10k.smi
  start_size: 50
scoring:
  aggregation: geometric
  components:
    - {type: qed, name: qed, weight: 2}
    - type: sa_score
      name: sa
      transform: {type: reverse_sigmoid, low: 2, high: 6, k: 0.5}
    - type: descriptor
      name: tpsa
      params: {descriptor: tpsa}
      transform: {type: double_sigmoid, low: 40, high: 120, coef_div: 120, coef_si: 10, coef_se: 10}
`;

export function campaignsPage(view, { me, go }) {
  const body = h('tbody');
  const listError = h('div', { class: 'error hidden' });
  const mineOnly = h('input', { type: 'checkbox', id: 'mine-only' });
  const pager = h('div', { class: 'pager', id: 'campaign-pager' });
  const PAGE_SIZE = 50;
  let page = 1;
  const canSubmit = me.role === 'chemist' || me.role === 'admin';

  const list = h('section', { class: 'card' },
    h('div', { class: 'row' }, h('h2', {}, 'Campaigns'), h('span', { class: 'spacer' }),
      h('label', { class: 'inline' }, mineOnly, 'only mine')),
    listError,
    h('table', { id: 'campaign-table' },
      h('thead', {}, h('tr', {},
        h('th', {}, 'Name'), h('th', {}, 'Owner'), h('th', {}, 'Status'), h('th', {}, 'Progress'),
        h('th', { class: 'num' }, 'Round'), h('th', { class: 'num' }, 'Oracle calls'), h('th', { class: 'num' }, 'Best'),
        h('th', {}, 'Created'))),
      body),
    pager);

  const cards = [h('div', {}, h('h1', {}, 'Campaigns'),
    h('p', { class: 'sub' }, 'Target campaigns on the grid, newest first. Click one for its live progress and candidates.'))];
  if (canSubmit) cards.push(h('div', { class: 'grid2' }, list, submitCard(go)));
  else cards.push(list);
  view.append(...cards);

  let stopped = false;
  async function refresh() {
    try {
      const q = new URLSearchParams({ page, pageSize: PAGE_SIZE });
      if (mineOnly.checked) q.set('mine', 'true');
      const r = await api(`/api/campaigns?${q}`, { raw: true });
      const campaigns = await r.json();
      const total = Number(r.headers.get('X-Total-Count') || campaigns.length);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (page > pages) { page = pages; return refresh(); }
      listError.classList.add('hidden');
      body.replaceChildren(...(campaigns.length ? campaigns.map((c) => row(c, go)) :
        [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No campaigns yet.'))]));
      pager.replaceChildren(...(pages > 1 ? [
        h('span', { id: 'campaign-total' }, `${total} campaigns \u00b7 page ${page} of ${pages}`),
        h('button', { class: 'secondary', disabled: page <= 1, onclick: () => { page--; refresh(); } }, '\u2039 Newer'),
        h('button', { class: 'secondary', disabled: page >= pages, onclick: () => { page++; refresh(); } }, 'Older \u203a'),
      ] : []));
    } catch (e) {
      listError.textContent = describeError(e);
      listError.classList.remove('hidden');
    }
  }
  mineOnly.addEventListener('change', () => { page = 1; refresh(); });
  refresh();
  const timer = setInterval(() => { if (!stopped) refresh(); }, 2000);
  return () => { stopped = true; clearInterval(timer); };
}

function row(c, go) {
  const fraction = c.status === 'Completed' ? 1 : c.budget ? c.oracleCalls / c.budget : 0;
  return h('tr', { class: 'clickable', dataset: { id: c.id }, onclick: () => go(`#/campaign/${encodeURIComponent(c.id)}`) },
    h('td', {}, h('a', { href: `#/campaign/${encodeURIComponent(c.id)}` }, c.name), h('div', { class: 'hint' }, c.id)),
    h('td', {}, c.owner),
    h('td', {}, badge(c.status)),
    h('td', {}, bar(fraction)),
    h('td', { class: 'num' }, c.round),
    h('td', { class: 'num' }, `${c.oracleCalls} / ${c.budget}`),
    h('td', { class: 'num' }, fmt(c.bestScore)),
    h('td', {}, when(c.createdAt)));
}

function submitCard(go) {
  const spec = h('textarea', { name: 'spec', id: 'spec', spellcheck: 'false' });
  spec.value = EXAMPLE_SPEC;
  const file = h('input', { type: 'file', name: 'expression', id: 'expression', accept: '.tsv,.csv,.txt,.gz' });
  const message = h('div', { class: 'error hidden', id: 'submit-error' });
  const button = h('button', { type: 'submit', id: 'submit-campaign' }, 'Submit campaign');
  const form = h('form', { id: 'submit-form' },
    h('label', {}, 'Campaign spec (YAML or JSON)', spec),
    h('label', {}, 'Expression matrix for target selection (optional)', file),
    message,
    h('div', { class: 'row' }, button, h('span', { class: 'hint' }, 'Uploads are size-capped by the server.')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    message.classList.add('hidden');
    try {
      const data = new FormData();
      data.append('spec', spec.value);
      if (file.files.length) data.append('expression', file.files[0]);
      const created = await api('/api/campaigns', { method: 'POST', body: data });
      go(`#/campaign/${encodeURIComponent(created.id)}`);
    } catch (err) {
      message.textContent = describeError(err);
      message.classList.remove('hidden');
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card' }, h('h2', {}, 'New campaign'), form);
}
