/**
 * Sets of (protocol, port): per NetworkPolicy protocol, sorted disjoint inclusive intervals of
 * 1–65535. What a pair of endpoints may use is one of these, so "allowed" can be compared over
 * every port at once instead of on sampled ports.
 */
export const PORT_PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
export type PortProtocol = (typeof PORT_PROTOCOLS)[number];
export const MAX_PORT = 65535;

export type Interval = readonly [number, number];
export type Intervals = readonly Interval[];
export type PortSet = Readonly<Record<PortProtocol, Intervals>>;

const ALL: Intervals = [[1, MAX_PORT]];
export const FULL_PORTS: PortSet = { TCP: ALL, UDP: ALL, SCTP: ALL };
export const NO_PORTS: PortSet = { TCP: [], UDP: [], SCTP: [] };

function normalize(list: Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function intervalsUnion(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return normalize([...a, ...b]);
}

export function intervalsIntersect(a: Intervals, b: Intervals): Intervals {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

export function intervalsMinus(a: Intervals, b: Intervals): Intervals {
  let out: Interval[] = [...a];
  for (const [lo, hi] of b) {
    const next: Interval[] = [];
    for (const [x, y] of out) {
      if (hi < x || lo > y) next.push([x, y]);
      else {
        if (x < lo) next.push([x, lo - 1]);
        if (hi < y) next.push([hi + 1, y]);
      }
    }
    out = next;
  }
  return out;
}

function intervalsEqual(a: Intervals, b: Intervals): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

function map2(a: PortSet, b: PortSet, f: (x: Intervals, y: Intervals) => Intervals): PortSet {
  return { TCP: f(a.TCP, b.TCP), UDP: f(a.UDP, b.UDP), SCTP: f(a.SCTP, b.SCTP) };
}

export const portSetUnion = (a: PortSet, b: PortSet): PortSet => (a === FULL_PORTS || b === NO_PORTS ? a : b === FULL_PORTS || a === NO_PORTS ? b : map2(a, b, intervalsUnion));
export const portSetIntersect = (a: PortSet, b: PortSet): PortSet => (a === FULL_PORTS ? b : b === FULL_PORTS ? a : a === NO_PORTS || b === NO_PORTS ? NO_PORTS : map2(a, b, intervalsIntersect));
export const portSetMinus = (a: PortSet, b: PortSet): PortSet => (b === NO_PORTS ? a : b === FULL_PORTS ? NO_PORTS : map2(a, b, intervalsMinus));

export function portSetEquals(a: PortSet, b: PortSet): boolean {
  return a === b || (intervalsEqual(a.TCP, b.TCP) && intervalsEqual(a.UDP, b.UDP) && intervalsEqual(a.SCTP, b.SCTP));
}

export function portSetEmpty(a: PortSet): boolean {
  return a.TCP.length === 0 && a.UDP.length === 0 && a.SCTP.length === 0;
}

export function portSetHas(a: PortSet, port: number, protocol: string): boolean {
  const list = (a as Record<string, Intervals>)[protocol];
  return !!list && list.some(([lo, hi]) => port >= lo && port <= hi);
}

/** One protocol's ports (lo..hi, or all of them). */
export function portSetOf(protocol: PortProtocol | undefined, lo = 1, hi = MAX_PORT): PortSet {
  const iv: Intervals = lo <= hi ? [[lo, hi]] : [];
  if (!protocol) return { TCP: iv, UDP: iv, SCTP: iv };
  return { ...NO_PORTS, [protocol]: iv };
}

function parts(a: PortSet): string[] {
  const out: string[] = [];
  for (const p of PORT_PROTOCOLS) {
    const iv = a[p];
    if (iv.length === 1 && iv[0]![0] === 1 && iv[0]![1] === MAX_PORT) out.push(`any ${p} port`);
    else for (const [lo, hi] of iv) out.push(lo === hi ? `${lo}/${p}` : `${lo}-${hi}/${p}`);
  }
  return out;
}

/** `8080/TCP`, `32000-32768/TCP`, `any TCP port`, `any port except 53/UDP` — as a learner reads it. */
export function formatPortSet(a: PortSet): string {
  if (portSetEquals(a, FULL_PORTS)) return 'any port';
  if (portSetEmpty(a)) return 'no port';
  const these = parts(a);
  const rest = parts(portSetMinus(FULL_PORTS, a));
  if (rest.length < these.length && rest.length <= 4) return `any port except ${rest.join(', ')}`;
  return these.length > 6 ? `${these.slice(0, 6).join(', ')} and ${these.length - 6} more ranges` : these.join(', ');
}
