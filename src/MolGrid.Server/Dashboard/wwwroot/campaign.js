// One campaign: live progress (server-sent events), score chart, filterable candidate table, export.
import { api, describeError, followEvents, download } from './api.js';
import { h, fmt, when, bar, badge } from './dom.js';
import { drawChart, legend } from './chart.js';
import { explainSection } from './explain.js';

const PREFERRED_DESCRIPTORS = ['mw', 'clogp', 'tpsa', 'hbd', 'hba', 'qed', 'sa_score', 'rotatable_bonds'];
const FINISHED = ['Completed', 'Cancelled', 'Failed'];

export function campaignPage(view, { me }, id) {
  const abort = new AbortController();
  let info = null;
  let rounds = [];
  const state = { page: 1, pageSize: 20, sort: 'score', order: 'desc' };

  // Header
  const title = h('h1', {}, id);
  const meta = h('p', { class: 'sub' });
  const status = h('span');
  const progress = h('div');
  const stats = h('div', { class: 'stats' });
  const cancel = h('button', { class: 'danger hidden', id: 'cancel-campaign' }, 'Cancel campaign');
  const headerError = h('div', { class: 'error hidden' });
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try { info = await api(`/api/campaigns/${encodeURIComponent(id)}/cancel`, { method: 'POST' }); renderHeader(); }
    catch (e) { headerError.textContent = describeError(e); headerError.classList.remove('hidden'); }
    finally { cancel.disabled = false; }
  });

  // Chart
  const canvas = h('canvas', { class: 'chart', id: 'score-chart' });

  // Candidates
  const substructure = h('input', { id: 'f-substructure', placeholder: 'e.g. c1ccccc1' });
  const similarTo = h('input', { id: 'f-similar', placeholder: 'SMILES' });
  const minSim = h('input', { id: 'f-minsim', type: 'number', min: 0, max: 1, step: 0.05, value: '0.4' });
  const ranges = h('input', { id: 'f-ranges', placeholder: 'mw<=500, clogp=1..4' });
  const sortSelect = h('select', { id: 'f-sort' });
  const pageSize = h('select', { id: 'f-pagesize' }, ...[10, 20, 50, 100].map((n) => h('option', { value: n, selected: n === 20 }, n)));
  const apply = h('button', { type: 'submit', id: 'apply-filters' }, 'Apply');
  const clear = h('button', { type: 'button', class: 'secondary' }, 'Clear');
  const filterForm = h('form', { class: 'filters', id: 'filter-form' },
    h('label', {}, 'Substructure (SMARTS)', substructure),
    h('label', {}, 'Similar to (SMILES)', similarTo),
    h('label', {}, 'Min. Tanimoto', minSim),
    h('label', {}, 'Ranges', ranges),
    h('label', {}, 'Sort by', sortSelect),
    h('label', {}, 'Rows', pageSize),
    h('div', { class: 'row' }, apply, clear));
  const tableError = h('div', { class: 'error hidden', id: 'table-error' });
  const table = h('table', { id: 'candidate-table' });
  const pager = h('div', { class: 'pager' });
  const exportCsv = h('button', { class: 'secondary', id: 'export-csv' }, 'Export CSV');
  const exportSdf = h('button', { class: 'secondary', id: 'export-sdf' }, 'Export SDF');

  view.append(
    h('section', { class: 'card' },
      h('div', { class: 'row' }, h('div', {}, h('a', { href: '#/' }, '\u2190 Campaigns'), title, meta), h('span', { class: 'spacer' }), status, cancel),
      progress, stats, headerError),
    h('section', { class: 'card' }, h('h2', {}, 'Score per round'), h('div', { class: 'chart-wrap' }, canvas), legend()),
    h('section', { class: 'card' },
      h('div', { class: 'row' }, h('h2', {}, 'Candidates'), h('span', { class: 'spacer' }), exportCsv, exportSdf),
      filterForm, tableError, table, pager));

  function query(withPaging = true) {
    const q = new URLSearchParams();
    if (withPaging) { q.set('page', state.page); q.set('pageSize', state.pageSize); }
    q.set('sort', state.sort);
    q.set('order', state.order);
    if (substructure.value.trim()) q.set('substructure', substructure.value.trim());
    if (similarTo.value.trim()) { q.set('similarTo', similarTo.value.trim()); q.set('minSimilarity', minSim.value || '0'); }
    for (const f of ranges.value.split(',').map((s) => s.trim()).filter(Boolean)) q.append('filter', f);
    return q;
  }

  function renderHeader() {
    if (!info) return;
    title.textContent = info.name;
    meta.textContent = `${info.id} \u00b7 owner ${info.owner} \u00b7 created ${when(info.createdAt)}${info.finishedAt ? ` \u00b7 finished ${when(info.finishedAt)}` : ''}`;
    status.replaceChildren(badge(info.status));
    status.id = 'campaign-status';
    status.dataset.status = info.status;
    const fraction = info.status === 'Completed' ? 1 : info.budget ? info.oracleCalls / info.budget : 0;
    progress.replaceChildren(bar(fraction));
    const last = rounds[rounds.length - 1];
    stats.replaceChildren(
      stat('Round', info.round),
      stat('Oracle calls', `${info.oracleCalls} / ${info.budget}`),
      stat('Best score', fmt(info.bestScore)),
      stat('Last round mean', last ? fmt(last.meanScore) : '\u2013'));
    const mayCancel = !FINISHED.includes(info.status) && (me.role === 'admin' || (me.role === 'chemist' && me.name === info.owner));
    cancel.classList.toggle('hidden', !mayCancel);
    if (info.error) { headerError.textContent = info.error; headerError.classList.remove('hidden'); }
  }

  let columns = null;
  let latest = 0;
  async function loadTable() {
    const mine = ++latest;
    try {
      const page = await api(`/api/campaigns/${encodeURIComponent(id)}/candidates?${query()}`, { signal: abort.signal });
      if (mine !== latest) return; // a newer query (other filters) has been sent since: its answer wins
      tableError.classList.add('hidden');
      if (!columns || (columns.components.length === 0 && page.items.length)) columns = pickColumns(page.items);
      renderSortOptions();
      renderTable(page);
    } catch (e) {
      if (abort.signal.aborted || mine !== latest) return;
      tableError.textContent = describeError(e);
      tableError.classList.remove('hidden');
    }
  }

  function renderSortOptions() {
    const names = ['score', 'round', ...columns.components, ...columns.descriptors];
    if (sortSelect.options.length === names.length) return;
    sortSelect.replaceChildren(...names.map((n) => h('option', { value: n, selected: n === state.sort }, n)));
  }

  function header(label, key, numeric = true) {
    if (!key) return h('th', {}, label);
    const sorted = state.sort === key;
    return h('th', {
      class: `sortable ${numeric ? 'num' : ''} ${sorted ? 'sorted' : ''} ${sorted && state.order === 'asc' ? 'asc' : ''}`,
      onclick: () => {
        if (state.sort === key) state.order = state.order === 'desc' ? 'asc' : 'desc';
        else { state.sort = key; state.order = 'desc'; }
        sortSelect.value = key;
        state.page = 1;
        loadTable();
      },
    }, label);
  }

  function renderTable(page) {
    const head = h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, 'Structure'), h('th', {}, 'SMILES'),
      header('Score', 'score'), ...columns.components.map((c) => header(c, c)), ...columns.descriptors.map((d) => header(d, d)), header('Round', 'round'));
    const rows = page.items.map((c) => h('tr', { class: 'clickable', dataset: { key: c.moleculeKey }, onclick: () => showMolecule(c.moleculeKey) },
      h('td', { class: 'num' }, c.rank),
      h('td', {}, c.depictionUrl ? h('img', { class: 'mol', src: c.depictionUrl, alt: c.smiles, width: 132, height: 88 }) : ''),
      h('td', { class: 'smiles' }, c.smiles, c.error ? h('div', { class: 'hint' }, c.error) : null),
      h('td', { class: 'num' }, h('b', {}, fmt(c.score))),
      ...columns.components.map((k) => h('td', { class: 'num' }, fmt(c.components[k]))),
      ...columns.descriptors.map((k) => h('td', { class: 'num' }, fmt(c.descriptors[k], 2))),
      h('td', { class: 'num' }, c.round)));
    table.replaceChildren(h('thead', {}, head), h('tbody', {}, rows.length ? rows :
      h('tr', {}, h('td', { colspan: 5 + columns.components.length + columns.descriptors.length, class: 'empty' },
        info && !FINISHED.includes(info.status) && !page.total ? 'No candidates yet \u2013 the first round is running.' : 'No candidates match these filters.'))));
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    const prev = h('button', { class: 'secondary', disabled: state.page <= 1, onclick: () => { state.page--; loadTable(); } }, '\u2039 Prev');
    const next = h('button', { class: 'secondary', disabled: state.page >= pages, onclick: () => { state.page++; loadTable(); } }, 'Next \u203a');
    pager.replaceChildren(h('span', { id: 'candidate-total' }, `${page.total} candidates \u00b7 page ${page.page} of ${pages}`), prev, next);
  }

  const dialog = h('dialog', { class: 'molecule', id: 'molecule-dialog' });
  view.append(dialog);
  async function showMolecule(key) {
    try {
      const m = await api(`/api/campaigns/${encodeURIComponent(id)}/candidates/${encodeURIComponent(key)}`, { signal: abort.signal });
      const values = (obj, digits) => Object.keys(obj).sort().map((k) => h('tr', {}, h('td', {}, k), h('td', { class: 'num' }, fmt(obj[k], digits))));
      const descriptorTable = Object.keys(m.descriptors).length
        ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Descriptor'), h('th', { class: 'num' }, 'Value'))), h('tbody', {}, values(m.descriptors, 2)))
        : h('p', { class: 'hint' }, 'No descriptors recorded for this molecule.');
      dialog.replaceChildren(...[
        h('div', { class: 'row' }, h('h2', {}, `#${m.rank} · score ${fmt(m.score)}`), h('span', { class: 'spacer' }),
          h('button', { class: 'secondary', id: 'close-molecule', onclick: () => dialog.close() }, 'Close')),
        h('img', { class: 'mol-large', src: m.depictionUrl, alt: m.smiles, width: 360, height: 240 }),
        h('p', { class: 'smiles' }, m.smiles),
        h('p', { class: 'hint' }, `${m.moleculeKey} · found in round ${m.round}`),
        m.error ? h('div', { class: 'error' }, m.error) : null,
        h('div', { class: 'grid2' },
          h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Component'), h('th', { class: 'num' }, 'Value'))), h('tbody', {}, values(m.components, 3))),
          descriptorTable),
        explainSection(m.smiles, abort.signal)].filter(Boolean));
      dialog.showModal();
    } catch (e) {
      if (abort.signal.aborted) return;
      tableError.textContent = describeError(e);
      tableError.classList.remove('hidden');
    }
  }

  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    state.page = 1;
    state.pageSize = Number(pageSize.value);
    if (sortSelect.value) state.sort = sortSelect.value;
    loadTable();
  });
  clear.addEventListener('click', () => {
    substructure.value = ''; similarTo.value = ''; ranges.value = '';
    state.page = 1;
    loadTable();
  });
  const doExport = async (format) => {
    try {
      const q = query(false);
      q.set('format', format);
      await download(`/api/campaigns/${encodeURIComponent(id)}/export?${q}`, `${id}.${format}`);
    } catch (e) {
      tableError.textContent = describeError(e);
      tableError.classList.remove('hidden');
    }
  };
  exportCsv.addEventListener('click', () => doExport('csv'));
  exportSdf.addEventListener('click', () => doExport('sdf'));

  let reloadTimer = null;
  const reloadSoon = () => { clearTimeout(reloadTimer); reloadTimer = setTimeout(loadTable, 400); };
  const redraw = () => drawChart(canvas, rounds);
  window.addEventListener('resize', redraw);

  (async () => {
    try {
      const details = await api(`/api/campaigns/${encodeURIComponent(id)}`, { signal: abort.signal });
      info = details.campaign;
      rounds = details.rounds;
      renderHeader();
      redraw();
      await loadTable();
      if (FINISHED.includes(info.status)) return;
      await followEvents(`/api/campaigns/${encodeURIComponent(id)}/events`, (name, data) => {
        if (name === 'round') {
          if (!rounds.some((r) => r.round === data.round)) rounds.push(data);
          redraw();
          renderHeader();
          reloadSoon();
        } else {
          info = data;
          renderHeader();
          if (name === 'done') reloadSoon();
        }
      }, abort.signal);
    } catch (e) {
      if (abort.signal.aborted) return;
      headerError.textContent = describeError(e);
      headerError.classList.remove('hidden');
    }
  })();

  return () => { if (dialog.open) dialog.close(); abort.abort(); clearTimeout(reloadTimer); window.removeEventListener('resize', redraw); };
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('b', {}, value), h('span', {}, label));
}

function pickColumns(items) {
  // Transformed values in the table; the ".raw" twins are in the molecule record and the export.
  const components = [...new Set(items.flatMap((c) => Object.keys(c.components)))].filter((k) => !k.endsWith('.raw')).sort();
  const present = new Set(items.flatMap((c) => Object.keys(c.descriptors)));
  let descriptors = PREFERRED_DESCRIPTORS.filter((d) => present.has(d));
  if (!descriptors.length) descriptors = [...present].sort().slice(0, 4);
  return { components: components.slice(0, 4), descriptors: descriptors.filter((d) => !components.includes(d)).slice(0, 3) };
}
