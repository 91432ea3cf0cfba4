// Talks to the MolGrid API with the key kept in localStorage (sent as X-Api-Key).
const KEY = 'molgrid.apiKey';

export const getKey = () => localStorage.getItem(KEY) || '';
export const setKey = (k) => (k ? localStorage.setItem(KEY, k) : localStorage.removeItem(KEY));

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function headers(extra = {}) {
  const h = { ...extra };
  const k = getKey();
  if (k) h['X-Api-Key'] = k;
  return h;
}

export async function api(path, { method = 'GET', body, contentType, raw = false, signal } = {}) {
  const h = headers(contentType ? { 'Content-Type': contentType } : {});
  const r = await fetch(path, { method, body, headers: h, signal });
  if (!r.ok) {
    let problem = null;
    try { problem = await r.json(); } catch { /* not JSON */ }
    throw new ApiError(r.status, problem);
  }
  if (raw) return r;
  const type = r.headers.get('content-type') || '';
  return type.includes('json') ? r.json() : r.text();
}

/** A readable sentence for an API error: names the field for 400s, the reason for 401/403/413. */
export function describeError(e) {
  if (!(e instanceof ApiError)) return String(e?.message || e);
  const p = e.problem;
  if (p.errors) {
    return Object.entries(p.errors).map(([field, reasons]) => `${field}: ${[].concat(reasons).join('; ')}`).join(' \u2022 ');
  }
  if (e.status === 401) return 'Missing or unknown API key: enter your key at the top right.';
  return [p.title, p.detail].filter(Boolean).join(': ') || `HTTP ${e.status}`;
}

/**
 * Follows a server-sent event stream with fetch (EventSource cannot send the key header). Calls
 * onEvent(name, data) per event; reconnects with Last-Event-ID after a dropped connection until a "done"
 * event arrives or the signal aborts.
 */
export async function followEvents(path, onEvent, signal) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      const h = headers({ Accept: 'text/event-stream' });
      if (lastId) h['Last-Event-ID'] = lastId;
      const r = await fetch(path, { headers: h, signal });
      if (!r.ok) throw new ApiError(r.status, await r.json().catch(() => null));
      const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          let name = 'message', data = '', id = null;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const i = line.indexOf(':');
            const field = i < 0 ? line : line.slice(0, i);
            const val = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
            if (field === 'event') name = val;
            else if (field === 'data') data += (data ? '\n' : '') + val;
            else if (field === 'id') id = val;
          }
          if (id) lastId = id;
          if (data) onEvent(name, JSON.parse(data));
          if (name === 'done') return;
        }
      }
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) throw e;
    }
    await new Promise((res) => setTimeout(res, 1500));
  }
}

/** Downloads an authenticated file (fetch + blob), since a plain link cannot carry the key header. */
export async function download(path, fallbackName) {
  const r = await api(path, { raw: true });
  const disposition = r.headers.get('content-disposition') || '';
  const m = /filename="?([^";]+)"?/.exec(disposition);
  const blob = await r.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = m ? m[1] : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
