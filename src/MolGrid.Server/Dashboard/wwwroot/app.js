// MolGrid dashboard: hash routes #/ (campaigns), #/campaign/ID, #/silos. No build step, no dependencies.
import { api, getKey, setKey, describeError } from './api.js';
import { h } from './dom.js';
import { campaignsPage } from './campaigns.js';
import { campaignPage } from './campaign.js';
import { silosPage } from './silos.js';

const view = document.getElementById('view');
const whoami = document.getElementById('whoami');
let me = null;
let leave = null;

async function identify() {
  me = null;
  if (getKey()) {
    try { me = await api('/api/me'); } catch (e) { whoami.textContent = describeError(e); }
  }
  if (me) whoami.textContent = `${me.name} \u00b7 ${me.role}`;
  else if (!getKey()) whoami.textContent = 'not signed in';
  for (const el of document.querySelectorAll('.admin-only')) el.classList.toggle('hidden', me?.role !== 'admin');
}

function signInCard() {
  return h('section', { class: 'card' },
    h('h1', {}, 'Welcome to MolGrid'),
    h('p', { class: 'sub' }, 'Enter your API key at the top right to see campaigns and candidates.'),
    h('p', { class: 'hint' }, 'Keys live in the server\'s keys file (created on first run under its data directory, e.g. ~/.molgrid/keys.json). ',
      'Chemists submit and cancel their campaigns, researchers read rankings, admins also manage silos.'));
}

async function route() {
  if (leave) { leave(); leave = null; }
  const hash = location.hash || '#/';
  for (const a of document.querySelectorAll('[data-nav]')) {
    a.classList.toggle('active', (a.dataset.nav === 'silos') === hash.startsWith('#/silos'));
  }
  view.replaceChildren();
  if (!me) { view.append(signInCard()); return; }
  const ctx = { me, go: (to) => { location.hash = to; } };
  let m;
  if ((m = /^#\/campaign\/(.+)$/.exec(hash))) leave = campaignPage(view, ctx, decodeURIComponent(m[1]));
  else if (hash.startsWith('#/silos')) leave = silosPage(view, ctx);
  else leave = campaignsPage(view, ctx);
}

document.getElementById('key-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = document.getElementById('key-input');
  setKey(input.value.trim());
  input.value = '';
  await identify();
  await route();
});
document.getElementById('key-clear').addEventListener('click', async () => {
  setKey('');
  await identify();
  await route();
});
window.addEventListener('hashchange', route);

await identify();
await route();
