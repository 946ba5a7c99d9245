// The network map: namespaces as boxes, pods as circles, external hosts outside the cluster,
// an arrow for each connection the policies allow; the failing expectations of the last Check
// drawn red and dashed. Plain SVG, laid out on a grid; the matrix view is a table.
import type { MapView } from '../../server/lab/network-map.js';

export type MapMessage = MapView & { failing: { from: string; to: string; port: string }[] };

const SVG = 'http://www.w3.org/2000/svg';
const R = 16;
const CELL = 110;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

const short = (id: string) => (id.startsWith('default/') ? id.slice(8) : id);
const labelText = (labels: Record<string, string>) => Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');

interface Placed {
  x: number;
  y: number;
}

/** Grid layout: one box per namespace (and one for the outside), pods in rows of up to 4. */
function layout(m: MapView): { pos: Map<string, Placed>; boxes: { label: string; x: number; y: number; w: number; h: number; outside: boolean }[]; width: number; height: number } {
  const groups: { label: string; ids: string[]; outside: boolean }[] = m.namespaces.map((ns) => ({ label: ns.name, ids: m.nodes.filter((n) => n.namespace === ns.name).map((n) => n.id), outside: false }));
  const ext = m.nodes.filter((n) => n.kind === 'external').map((n) => n.id);
  if (ext.length) groups.push({ label: 'outside the cluster', ids: ext, outside: true });
  const pos = new Map<string, Placed>();
  const boxes: { label: string; x: number; y: number; w: number; h: number; outside: boolean }[] = [];
  // Pods of a namespace on a circle, so that every arrow between them can be told apart.
  const perRow = 2;
  let x = 10;
  let y = 10;
  let rowH = 0;
  groups.forEach((g, gi) => {
    const n = g.ids.length;
    const radius = n <= 1 ? 0 : Math.max(CELL * 0.95, (n * CELL * 1.1) / (2 * Math.PI));
    const w = 2 * radius + CELL + 20;
    const h = 2 * radius + CELL + 30;
    if (gi > 0 && gi % perRow === 0) {
      x = 10;
      y += rowH + 16;
      rowH = 0;
    }
    boxes.push({ label: g.label, x, y, w, h, outside: g.outside });
    const cx = x + w / 2;
    const cy = y + 20 + h / 2 - 12;
    g.ids.forEach((id, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
      pos.set(id, { x: cx + radius * Math.cos(a), y: cy + radius * Math.sin(a) });
    });
    x += w + 16;
    rowH = Math.max(rowH, h);
  });
  const width = Math.max(...boxes.map((b) => b.x + b.w), 200) + 10;
  const height = Math.max(...boxes.map((b) => b.y + b.h), 100) + 10;
  return { pos, boxes, width, height };
}

export function drawDiagram(host: HTMLElement, m: MapMessage): void {
  host.replaceChildren();
  if (m.nodes.length === 0) {
    host.textContent = 'No pods yet.';
    return;
  }
  const { pos, boxes, width, height } = layout(m);
  // Drawn at its own size (names stay readable), scrolling in its own box when larger than the pane.
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Network map: arrows are the connections the policies allow' });
  const defs = el('defs', {}, svg);
  for (const [id, cls] of [['arrow', 'edge'], ['arrow-bad', 'edge bad']] as const) {
    // Sized in the drawing's units, not the stroke's: a thin edge still gets a head you can see.
    const mk = el('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 11, markerHeight: 11, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: `${cls} head` }, mk);
  }
  for (const b of boxes) {
    const g = el('g', { class: b.outside ? 'ns outside' : 'ns' }, svg);
    el('rect', { x: b.x, y: b.y, width: b.w, height: b.h, rx: 8 }, g);
    el('text', { x: b.x + 8, y: b.y + 16, class: 'ns-label' }, g).textContent = b.outside ? b.label : `namespace ${b.label}`;
  }
  const failing = new Set(m.failing.map((f) => `${f.from}|${f.to}`));
  const byName = new Map(m.nodes.map((n) => [n.id, n]));
  const nameOf = (id: string) => (byName.get(id)?.kind === 'pod' ? short(id) : id);
  const edgeLayer = el('g', { class: 'edges' }, svg);
  const line = (from: string, to: string, cls: string, title: string) => {
    const a = pos.get(from);
    const b = pos.get(to);
    if (!a || !b) return;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.hypot(dx, dy) || 1;
    // Curve a little so that A→B and B→A do not overlap.
    const mx = (a.x + b.x) / 2 - (dy / d) * 12;
    const my = (a.y + b.y) / 2 + (dx / d) * 12;
    const p = el('path', { d: `M ${a.x + (dx / d) * R} ${a.y + (dy / d) * R} Q ${mx} ${my} ${b.x - (dx / d) * (R + 2)} ${b.y - (dy / d) * (R + 2)}`, class: cls, 'data-from': from, 'data-to': to, 'marker-end': `url(#${cls.includes('bad') ? 'arrow-bad' : 'arrow'})` }, edgeLayer);
    el('title', {}, p).textContent = title;
  };
  for (const e of m.edges) {
    const bad = failing.has(`${short(e.from)}|${short(e.to)}`) || failing.has(`${nameOf(e.from)}|${nameOf(e.to)}`);
    if (e.allowed.length) line(e.from, e.to, bad ? 'edge bad' : 'edge', `${nameOf(e.from)} → ${nameOf(e.to)}: allowed on ${e.allowed.join(', ')}${e.denied.length ? `; denied on ${e.denied.join(', ')}` : ''}`);
    else if (bad) line(e.from, e.to, 'edge bad denied', `${nameOf(e.from)} → ${nameOf(e.to)}: denied on ${e.denied.join(', ')} (the task expects it allowed)`);
  }
  const nodeLayer = el('g', { class: 'nodes' }, svg);
  for (const n of m.nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    const g = el('g', { class: `node ${n.kind}`, 'data-id': n.id, tabindex: 0 }, nodeLayer);
    if (n.kind === 'pod') el('circle', { cx: p.x, cy: p.y, r: R }, g);
    else el('rect', { x: p.x - R, y: p.y - R, width: 2 * R, height: 2 * R, rx: 4 }, g);
    el('text', { x: p.x, y: p.y + R + 13, class: 'node-name' }, g).textContent = n.name;
    const lt = labelText(n.labels);
    if (lt) el('text', { x: p.x, y: p.y + R + 28, class: 'node-labels' }, g).textContent = lt.length > 30 ? `${lt.slice(0, 29)}…` : lt;
    el('title', {}, g).textContent = `${n.kind === 'pod' ? `pod ${n.id}` : `external host ${n.name}`}\n${lt ? `labels: ${lt}\n` : ''}${n.detail.join(', ')}`;
    // Hover or focus: this pod's edges and the pods at their other ends stand out, the rest fade.
    const focus = (on: boolean) => {
      svg.classList.toggle('focus', on);
      const peers = new Set<string>([n.id]);
      edgeLayer.querySelectorAll<SVGPathElement>('path').forEach((x) => {
        const mine = on && (x.dataset.from === n.id || x.dataset.to === n.id);
        x.classList.toggle('hot', mine);
        if (mine) peers.add(x.dataset.from === n.id ? x.dataset.to! : x.dataset.from!);
      });
      nodeLayer.querySelectorAll<SVGGElement>('g.node').forEach((x) => x.classList.toggle('hot', on && peers.has(x.dataset.id ?? '')));
    };
    g.addEventListener('mouseenter', () => focus(true));
    g.addEventListener('mouseleave', () => focus(false));
    g.addEventListener('focus', () => focus(true));
    g.addEventListener('blur', () => focus(false));
  }
  const box = document.createElement('div');
  box.className = 'diagram-scroll';
  box.appendChild(svg);
  host.appendChild(box);
  if (m.truncated) host.insertAdjacentHTML('beforeend', '<p class="note">Only the first pods are drawn: the matrix lists all of them.</p>');
}

export function drawMatrix(host: HTMLElement, m: MapMessage): void {
  host.replaceChildren();
  const ids = m.nodes.map((n) => n.id);
  const sources = m.nodes.filter((n) => n.kind === 'pod').map((n) => n.id);
  const byPair = new Map(m.edges.map((e) => [`${e.from}|${e.to}`, e]));
  const failing = new Set(m.failing.map((f) => `${f.from}|${f.to}|${f.port}`));
  const nameOf = (id: string) => (m.nodes.find((n) => n.id === id)?.kind === 'pod' ? short(id) : id);
  const table = document.createElement('table');
  table.className = 'matrix';
  const head = table.createTHead().insertRow();
  head.insertCell().textContent = 'from ↓  to →';
  for (const id of ids) {
    const th = document.createElement('th');
    th.textContent = nameOf(id);
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const from of sources) {
    const row = body.insertRow();
    const th = document.createElement('th');
    th.textContent = nameOf(from);
    row.appendChild(th);
    for (const to of ids) {
      const cell = row.insertCell();
      const e = byPair.get(`${from}|${to}`);
      if (!e) {
        cell.textContent = from === to ? '·' : '';
        continue;
      }
      for (const p of [...e.allowed.map((x) => [x, true] as const), ...e.denied.map((x) => [x, false] as const)]) {
        const span = document.createElement('span');
        span.className = `port ${p[1] ? 'ok' : 'no'}${failing.has(`${nameOf(from)}|${nameOf(to)}|${p[0]}`) ? ' bad' : ''}`;
        span.textContent = `${p[1] ? '✓' : '✗'} ${p[0]}`;
        cell.appendChild(span);
      }
    }
  }
  // The matrix scrolls in its own box (headers stay), never the whole task panel.
  const box = document.createElement('div');
  box.className = 'matrix-scroll';
  box.tabIndex = 0;
  box.setAttribute('aria-label', 'Connection matrix (scrolls)');
  box.appendChild(table);
  host.appendChild(box);
}
