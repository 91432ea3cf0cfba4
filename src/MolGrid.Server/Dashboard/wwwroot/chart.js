// A small line chart on <canvas>: best, mean and best-so-far score per round.
const SERIES = [
  { key: 'bestScore', label: 'best of round', color: '#1f6f8b' },
  { key: 'meanScore', label: 'mean of round', color: '#94a3b8' },
  { key: 'bestSoFar', label: 'best so far', color: '#2f9e74' },
];

export function legend() {
  const div = document.createElement('div');
  div.className = 'legend';
  for (const s of SERIES) {
    const item = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.style.background = s.color;
    item.append(swatch, s.label);
    div.append(item);
  }
  return div;
}

export function drawChart(canvas, rounds) {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 600, height = canvas.clientHeight || 260;
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, width, height);
  const pad = { l: 52, r: 16, t: 12, b: 34 };
  const w = width - pad.l - pad.r, ht = height - pad.t - pad.b;
  g.font = '12px system-ui, sans-serif';
  g.fillStyle = '#64748b';
  if (!rounds.length) {
    g.textAlign = 'center';
    g.fillText('waiting for the first round\u2026', width / 2, height / 2);
    return;
  }
  const values = rounds.flatMap((r) => SERIES.map((s) => r[s.key])).filter(Number.isFinite);
  let lo = Math.min(...values), hi = Math.max(...values);
  if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
  const span = hi - lo;
  lo -= span * 0.05; hi += span * 0.05;
  const maxRound = Math.max(...rounds.map((r) => r.round));
  const minRound = Math.min(...rounds.map((r) => r.round));
  const x = (round) => pad.l + (maxRound === minRound ? w / 2 : ((round - minRound) / (maxRound - minRound)) * w);
  const y = (v) => pad.t + ht - ((v - lo) / (hi - lo)) * ht;

  g.strokeStyle = '#e2e8f0';
  g.lineWidth = 1;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const v = lo + ((hi - lo) * i) / 4;
    g.beginPath(); g.moveTo(pad.l, y(v)); g.lineTo(pad.l + w, y(v)); g.stroke();
    g.fillText(v.toFixed(3), pad.l - 6, y(v));
  }
  g.textAlign = 'center';
  g.textBaseline = 'top';
  const step = Math.max(1, Math.ceil((maxRound - minRound + 1) / 10));
  for (let r = minRound; r <= maxRound; r += step) g.fillText(String(r), x(r), pad.t + ht + 6);
  g.fillText('round', pad.l + w / 2, pad.t + ht + 20);

  for (const s of SERIES) {
    g.strokeStyle = s.color;
    g.fillStyle = s.color;
    g.lineWidth = s.key === 'meanScore' ? 1.5 : 2.2;
    g.beginPath();
    rounds.forEach((r, i) => (i ? g.lineTo(x(r.round), y(r[s.key])) : g.moveTo(x(r.round), y(r[s.key]))));
    g.stroke();
    for (const r of rounds) { g.beginPath(); g.arc(x(r.round), y(r[s.key]), 2.6, 0, Math.PI * 2); g.fill(); }
  }
}
