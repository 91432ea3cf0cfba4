// A tiny element builder: h('tr', {class: 'x', onclick: f}, child, 'text', ...). Text is always set as
// text (never parsed as HTML), so SMILES, names and error messages cannot inject markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export const fmt = (v, digits = 3) => (v === null || v === undefined || Number.isNaN(v) ? '\u2013' : Number(v).toFixed(digits));

export function when(iso) {
  if (!iso) return '\u2013';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function bar(fraction) {
  const inner = h('span');
  inner.style.width = `${Math.round(Math.max(0, Math.min(1, fraction)) * 100)}%`;
  return h('div', { class: 'bar', title: `${Math.round(fraction * 100)}%` }, inner);
}

export const badge = (text) => h('span', { class: `badge ${text}` }, text);
