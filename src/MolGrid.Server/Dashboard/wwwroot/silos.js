// Silos (admin): load, state, drain and resume; grid figures from /metrics.
import { api, describeError } from './api.js';
import { h, when, bar, badge, fmt } from './dom.js';

export function silosPage(view, { me }) {
  if (me.role !== 'admin') {
    view.append(h('section', { class: 'card' }, h('h1', {}, 'Silos'), h('p', { class: 'sub' }, 'Only admins manage silos.')));
    return () => {};
  }
  const stats = h('div', { class: 'stats', id: 'grid-stats' });
  const body = h('tbody');
  const error = h('div', { class: 'error hidden' });
  // Orleans' own dashboard loads its data without our key header: buy a cookie scoped to it, then open it. The
  // tab is opened first, inside the click, so a popup blocker lets it through.
  async function openOrleansDashboard() {
    const tab = window.open('about:blank', '_blank');
    try {
      await api('/api/silos/orleans-dashboard-session', { method: 'POST' });
      if (tab) tab.location.href = '/orleans/'; else location.assign('/orleans/');
      error.classList.add('hidden');
    } catch (e) {
      if (tab) tab.close();
      error.textContent = describeError(e);
      error.classList.remove('hidden');
    }
  }
  view.append(
    h('div', {}, h('h1', {}, 'Silos'), h('p', { class: 'sub' }, 'Worker nodes of the grid. Draining lets a silo finish its work in hand and take no more. ',
      h('button', { class: 'secondary', id: 'orleans-dashboard', onclick: openOrleansDashboard }, 'Orleans dashboard'))),
    h('section', { class: 'card' }, h('h2', {}, 'Grid'), stats),
    h('section', { class: 'card' }, error,
      h('table', { id: 'silo-table' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Silo'), h('th', {}, 'Roles'), h('th', {}, 'State'), h('th', {}, 'Load'),
          h('th', { class: 'num' }, 'Busy / slots'), h('th', { class: 'num' }, 'Batches done'), h('th', {}, 'Last heartbeat'), h('th', {}, ''))),
        body)));

  async function act(id, action) {
    try { await api(`/api/silos/${encodeURIComponent(id)}/${action}`, { method: 'POST' }); error.classList.add('hidden'); }
    catch (e) { error.textContent = describeError(e); error.classList.remove('hidden'); }
    refresh();
  }

  async function refresh() {
    try {
      const [silos, metrics] = await Promise.all([api('/api/silos'), api('/metrics')]);
      const m = parseMetrics(metrics);
      const queued = m.filter((s) => s.name === 'molgrid_queue_depth').reduce((a, s) => a + s.value, 0);
      const one = (n) => m.find((s) => s.name === n)?.value ?? 0;
      stats.replaceChildren(
        stat('Silos', silos.length),
        stat('Queued batches', queued),
        stat('Batches / s', fmt(one('molgrid_batches_per_second'), 2)),
        stat('Batches done', one('molgrid_batches_completed_total')),
        stat('Molecules scored', one('molgrid_molecules_scored_total')));
      body.replaceChildren(...(silos.length ? silos.map((s) => h('tr', { dataset: { id: s.id } },
        h('td', {}, h('b', {}, s.id), h('div', { class: 'hint' }, s.host)),
        h('td', {}, s.roles.join(', ')),
        h('td', {}, badge(s.state)),
        h('td', {}, bar(s.slots ? s.busy / s.slots : 0)),
        h('td', { class: 'num' }, `${s.busy} / ${s.slots}`),
        h('td', { class: 'num' }, s.batchesDone),
        h('td', {}, when(s.lastHeartbeat)),
        h('td', {}, s.state === 'Active'
          ? h('button', { class: 'secondary', dataset: { action: 'drain' }, onclick: () => act(s.id, 'drain') }, 'Drain')
          : h('button', { dataset: { action: 'resume' }, onclick: () => act(s.id, 'resume') }, 'Resume'))))
        : [h('tr', {}, h('td', { colspan: 8, class: 'empty' }, 'No silos have reported in.'))]));
    } catch (e) {
      error.textContent = describeError(e);
      error.classList.remove('hidden');
    }
  }
  refresh();
  const timer = setInterval(refresh, 2000);
  return () => clearInterval(timer);
}

function stat(label, value) {
  return h('div', { class: 'stat' }, h('b', {}, value), h('span', {}, label));
}

/** Prometheus text lines to {name, labels, value}. */
function parseMetrics(text) {
  return text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const m = /^([a-zA-Z_:][\w:]*)(\{.*\})? (\S+)$/.exec(l);
    return m ? { name: m[1], labels: m[2] || '', value: Number(m[3]) } : null;
  }).filter(Boolean);
}
