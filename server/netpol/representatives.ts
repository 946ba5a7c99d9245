/**
 * Representative peers (the method of np-guard's netpol-analyzer and policy-assistant): a finite
 * set of endpoints such that any two policy sets that agree on every pair of them agree on every
 * pod and address there could be. Besides the pods that exist:
 * - in every namespace, a pod for each combination of the label values the selectors mention
 *   (including none of them), or, past a bound, a pod per selector, per compatible pair of
 *   selectors, and one without labels;
 * - the same in a namespace that does not exist yet, with and without the labels namespace
 *   selectors use, and in each not-yet-existing namespace a selector names;
 * - addresses on both sides of every ipBlock and except boundary, and the scenario's hosts.
 * Endpoints that no policy can tell apart (same namespace, same selected label values, same side
 * of every CIDR, same named ports) form one class; comparing classes is exact and fast.
 */
import type { ExternalHost, Requirement } from './deps.js';
import { requirementMatches } from './deps.js';
import type { CompiledPolicy, CompiledSelector } from './compile.js';
import { cidrContains, formatIp, parseIp, type Cidr, type IpAddress } from './ip.js';
import { NAMESPACE_NAME_LABEL, type DeclaredPort, type PodInfo } from './world.js';

type Labels = Readonly<Record<string, string>>;

export interface RepPeer {
  /** Unique among the peers: `ns/name` for a pod that exists, `~...` for an imagined one, the address for an outside one. */
  key: string;
  kind: 'pod' | 'external';
  namespace?: string;
  nsLabels: Labels;
  labels: Labels;
  ip?: IpAddress;
  ipText?: string;
  ports: readonly DeclaredPort[];
  hostNetwork: boolean;
  /** An existing pod (its `ns/name`) or a scenario host (its name); undefined for an imagined peer. */
  existing?: string;
  /** A namespace made up for the peer (it does not exist). */
  newNamespace: boolean;
  host?: ExternalHost;
}

export interface PeerClass {
  /** The members; the first is an existing one when there is one. */
  members: readonly RepPeer[];
  rep: RepPeer;
  signature: string;
}

/** What representatives are built from: the engine's indexed world fits. */
export interface RepWorld {
  pods: readonly PodInfo[];
  namespaceLabels: ReadonlyMap<string, Labels>;
  world: { externalHosts: readonly ExternalHost[] };
}

/** Beyond this many label combinations per namespace the per-selector fallback is used. */
export const MAX_LABEL_COMBINATIONS = 64;
export const NEW_NAMESPACE = 'a-new-namespace';
const ABSENT = '\u0000absent';
const OTHER_PREFIX = 'other-value';

interface KeyUniverse {
  /** Per key: the values selectors mention, and whether "some other value" must be told from "absent". */
  keys: Map<string, { values: Set<string>; other: boolean }>;
  selectors: CompiledSelector[];
}

function universe(selectors: readonly CompiledSelector[], skip?: string): KeyUniverse {
  const keys = new Map<string, { values: Set<string>; other: boolean }>();
  for (const s of selectors) {
    for (const r of s.requirements) {
      if (r.key === skip) continue;
      let k = keys.get(r.key);
      if (!k) keys.set(r.key, (k = { values: new Set(), other: false }));
      for (const v of r.values) k.values.add(v);
      if (r.operator === 'exists' || r.operator === '!' || r.operator === 'gt' || r.operator === 'lt') k.other = true;
    }
  }
  for (const k of keys.values()) if (k.values.size === 0) k.other = true;
  return { keys, selectors: [...selectors] };
}

function otherValue(values: Set<string>): string {
  let v = OTHER_PREFIX;
  for (let i = 1; values.has(v); i++) v = `${OTHER_PREFIX}-${i}`;
  return v;
}

function options(u: KeyUniverse): [string, string[]][] {
  return [...u.keys.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, k]) => [key, [ABSENT, ...[...k.values].sort(), ...(k.other ? [otherValue(k.values)] : [])]]);
}

function clean(l: Record<string, string>): Labels {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(l)) if (v !== ABSENT) out[k] = v;
  return out;
}

function witness(sel: CompiledSelector, u: KeyUniverse): Record<string, string> | undefined {
  const l: Record<string, string> = {};
  for (const r of sel.requirements) {
    if (r.operator === '=' || r.operator === '==' || r.operator === 'in') l[r.key] = r.values[0] ?? '';
    else if (r.operator === 'exists') l[r.key] ??= [...(u.keys.get(r.key)?.values ?? [])][0] ?? otherValue(new Set());
  }
  return sel.requirements.every((r) => requirementMatches(r as Requirement, l)) ? l : undefined;
}

/** Label sets covering every way the selectors can tell pods apart (or a sound sample past the bound). */
export function labelCombinations(selectors: readonly CompiledSelector[], skip?: string): Labels[] {
  const u = universe(selectors, skip);
  const opts = options(u);
  const size = opts.reduce((n, [, o]) => n * o.length, 1);
  if (size <= MAX_LABEL_COMBINATIONS) {
    let acc: Record<string, string>[] = [{}];
    for (const [key, values] of opts) acc = acc.flatMap((l) => values.map((v) => ({ ...l, [key]: v })));
    return acc.map(clean);
  }
  const ws = u.selectors.map((s) => witness(s, u)).filter((w): w is Record<string, string> => !!w);
  const out = new Map<string, Labels>([['{}', {}]]);
  const add = (l: Record<string, string>) => out.set(JSON.stringify(Object.entries(l).sort()), l);
  for (const w of ws) add(w);
  for (let i = 0; i < ws.length; i++)
    for (let j = i + 1; j < ws.length; j++) {
      const a = ws[i]!;
      const b = ws[j]!;
      if (Object.keys(b).every((k) => !(k in a) || a[k] === b[k])) add({ ...a, ...b });
    }
  return [...out.values()];
}

function policySelectors(policies: readonly CompiledPolicy[]): { pod: CompiledSelector[]; ns: CompiledSelector[]; cidrs: Cidr[]; named: Set<string> } {
  const pod: CompiledSelector[] = [];
  const ns: CompiledSelector[] = [];
  const cidrs: Cidr[] = [];
  const named = new Set<string>();
  for (const p of policies) {
    pod.push(p.podSelector);
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])]) {
      for (const peer of rule.peers) {
        if (peer.kind === 'pods') {
          if (peer.podSelector) pod.push(peer.podSelector);
          if (peer.namespaceSelector) ns.push(peer.namespaceSelector);
        } else if (peer.kind === 'ipBlock') {
          if (peer.cidr) cidrs.push(peer.cidr);
          for (const e of peer.except) if (e.cidr) cidrs.push(e.cidr);
        }
      }
      for (const port of rule.ports) if (port.kind === 'named') named.add(`${port.name}/${port.protocol}`);
    }
  }
  return { pod, ns, cidrs, named };
}

function labelsText(l: Labels): string {
  const e = Object.entries(l);
  return e.length ? e.map(([k, v]) => `${k}=${v}`).join(',') : '';
}

/** The addresses just inside and just outside each CIDR. */
function boundaryAddresses(cidrs: readonly Cidr[]): IpAddress[] {
  const out = new Map<string, IpAddress>();
  for (const c of cidrs) {
    const bits = BigInt(c.family === 4 ? 32 : 128);
    const size = 1n << (bits - BigInt(c.prefix));
    const max = (1n << bits) - 1n;
    for (const v of [c.base - 1n, c.base, c.base + size - 1n, c.base + size]) {
      if (v < 0n || v > max) continue;
      const ip = { family: c.family, value: v } as IpAddress;
      out.set(`${c.family}:${v}`, ip);
    }
  }
  return [...out.values()];
}

/**
 * The pod selectors that can look at a pod of namespace `ns`: the podSelectors of its own
 * policies and of their podSelector-only peers, and every peer podSelector paired with a
 * namespaceSelector. A pod in a namespace without policies is only ever seen by the latter.
 */
function selectorsFor(policies: readonly CompiledPolicy[], ns: string | undefined): CompiledSelector[] {
  const out: CompiledSelector[] = [];
  for (const p of policies) {
    const own = p.namespace === ns;
    if (own) out.push(p.podSelector);
    for (const rule of [...(p.ingress ?? []), ...(p.egress ?? [])])
      for (const peer of rule.peers) if (peer.kind === 'pods' && peer.podSelector && (peer.namespaceSelector || own)) out.push(peer.podSelector);
  }
  return out;
}

/** Every representative peer for these policies in this world. */
export function representativePeers(w: RepWorld, policies: readonly CompiledPolicy[]): RepPeer[] {
  const sel = policySelectors(policies);
  const peers: RepPeer[] = [];
  // Named ports an imagined pod declares: as the existing pods of its namespace do (or any pod's).
  const namedPorts = (ns: string): DeclaredPort[] => {
    const out: DeclaredPort[] = [];
    for (const np of sel.named) {
      const [name, protocol] = np.split('/') as [string, string];
      const src = w.pods.find((p) => p.namespace === ns && p.ports.some((d) => d.name === name && d.protocol === protocol)) ?? w.pods.find((p) => p.ports.some((d) => d.name === name && d.protocol === protocol));
      const d = src?.ports.find((x) => x.name === name && x.protocol === protocol);
      if (d) out.push({ ...d, container: 'app' });
    }
    return out;
  };
  for (const p of w.pods) {
    peers.push({
      key: p.key,
      kind: 'pod',
      namespace: p.namespace,
      nsLabels: w.namespaceLabels.get(p.namespace) ?? { [NAMESPACE_NAME_LABEL]: p.namespace },
      labels: p.labels,
      ...(p.ip ? { ip: parseIp(p.ip), ipText: p.ip } : {}),
      ports: p.ports,
      hostNetwork: p.hostNetwork,
      existing: p.key,
      newNamespace: false,
    });
  }
  const newNsCombos = labelCombinations(selectorsFor(policies, undefined));
  const imagined = (ns: string, nsLabels: Labels, isNew: boolean) => {
    const ports = namedPorts(ns);
    (isNew ? newNsCombos : labelCombinations(selectorsFor(policies, ns))).forEach((labels, i) => {
      peers.push({ key: `~${ns}#${i}`, kind: 'pod', namespace: ns, nsLabels, labels, ports, hostNetwork: false, newNamespace: isNew });
    });
  };
  const namespaces = new Set([...w.namespaceLabels.keys(), ...policies.map((p) => p.namespace)]);
  for (const ns of namespaces) imagined(ns, w.namespaceLabels.get(ns) ?? { [NAMESPACE_NAME_LABEL]: ns }, false);
  // Not-yet-existing namespaces: each one a selector names, and a nameless one with every label combination.
  const named = new Set<string>();
  for (const s of sel.ns) for (const r of s.requirements) if (r.key === NAMESPACE_NAME_LABEL) for (const v of r.values) if (!namespaces.has(v)) named.add(v);
  for (const ns of named) imagined(ns, { [NAMESPACE_NAME_LABEL]: ns }, true);
  labelCombinations(sel.ns, NAMESPACE_NAME_LABEL).forEach((labels, i) => {
    const ns = i === 0 ? NEW_NAMESPACE : `${NEW_NAMESPACE}-${i}`;
    imagined(ns, { ...labels, [NAMESPACE_NAME_LABEL]: ns }, true);
  });
  const hostIps = new Set<string>();
  for (const h of w.world.externalHosts) {
    const ip = parseIp(h.ip);
    hostIps.add(h.ip);
    peers.push({ key: h.name, kind: 'external', nsLabels: {}, labels: {}, ...(ip ? { ip } : {}), ipText: h.ip, ports: [], hostNetwork: false, existing: h.name, newNamespace: false, host: h });
  }
  for (const ip of [...boundaryAddresses(sel.cidrs), parseIp('203.0.113.7')!]) {
    const text = formatIp(ip);
    if (hostIps.has(text)) continue;
    hostIps.add(text);
    peers.push({ key: text, kind: 'external', nsLabels: {}, labels: {}, ip, ipText: text, ports: [], hostNetwork: false, newNamespace: false });
  }
  return peers;
}

/** Groups peers no policy of `policies` can tell apart. */
export function peerClasses(peers: readonly RepPeer[], policies: readonly CompiledPolicy[]): PeerClass[] {
  const sel = policySelectors(policies);
  const podKeys = [...universe(sel.pod).keys.keys()].sort();
  const nsKeys = [...universe(sel.ns).keys.keys()].sort();
  const valueSig = (l: Labels, keys: readonly string[]) => keys.map((k) => (Object.prototype.hasOwnProperty.call(l, k) ? `=${l[k]}` : '!')).join('\u0001');
  const named = [...sel.named].sort();
  // A namespace's name matters only to its own policies and their podSelector-only peers.
  const withPolicies = new Set(policies.map((p) => p.namespace));
  const groups = new Map<string, RepPeer[]>();
  for (const p of peers) {
    const ipSig = sel.cidrs.map((c) => (p.ip && cidrContains(c, p.ip) ? '1' : '0')).join('');
    const sig =
      p.kind === 'external'
        ? `ext|${ipSig}`
        : [
            'pod',
            withPolicies.has(p.namespace!) ? p.namespace : '*',
            valueSig(p.nsLabels, nsKeys),
            valueSig(p.labels, podKeys),
            ipSig,
            named.map((n) => p.ports.filter((d) => `${d.name}/${d.protocol}` === n).map((d) => d.port).join(',')).join(';'),
            p.hostNetwork ? 'host' : '',
          ].join('|');
    const g = groups.get(sig);
    if (g) g.push(p);
    else groups.set(sig, [p]);
  }
  return [...groups.entries()].map(([signature, members]) => {
    const sorted = [...members].sort((a, b) => Number(!a.existing) - Number(!b.existing));
    return { members: sorted, rep: sorted[0]!, signature };
  });
}

/** A peer in a learner's words. */
export function repPeerText(p: RepPeer, podName: (key: string) => string = (k) => k): string {
  if (p.kind === 'external') return p.host ? p.host.name : `the outside address ${p.ipText}`;
  if (p.existing) return podName(p.existing);
  const l = labelsText(p.labels);
  const who = l ? `a pod labelled ${l}` : 'a pod without labels';
  if (!p.newNamespace) return `${who} in namespace ${p.namespace}`;
  if (!p.namespace!.startsWith(NEW_NAMESPACE)) return `${who} in a new namespace ${p.namespace}`;
  const nl = labelsText(Object.fromEntries(Object.entries(p.nsLabels).filter(([k]) => k !== NAMESPACE_NAME_LABEL)));
  return `${who} in a new namespace${nl ? ` labelled ${nl}` : ' without labels'}`;
}
