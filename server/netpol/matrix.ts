/**
 * The reachability of every pod to every pod (and to declared external hosts) on each port the
 * destination declares, or on given probes. Fast because it reasons on classes, not pods:
 * pods that no selector, ipBlock or named port tells apart (same namespace labels, labels,
 * matched peers, selecting policies and declared ports) behave alike, so each class pair is
 * decided once per port; egress is decided per (set of selecting policies, destination class),
 * ingress per (set of selecting policies, destination ports, source class).
 */
import { type CompiledRule, type ConnProtocol, compiledSelectorMatches, type PeerMatcher } from './compile.js';
import type { ExternalHost, Protocol } from './deps.js';
import { portMatches } from './decide.js';
import { type Engine, createEngine, isEngine } from './engine.js';
import { cidrContains, parseIp } from './ip.js';
import type { Endpoint } from './verdict.js';
import type { NetpolWorld, PodInfo } from './world.js';

export interface Probe {
  port: number;
  protocol: Protocol;
}

export interface MatrixOptions {
  /** Probe these on every destination; default: each destination's declared container ports. */
  probes?: readonly Probe[];
  /** Which pods are rows and columns; default: the world's pods (not the simulated CoreDNS). */
  includePod?: (pod: PodInfo) => boolean;
  /** Add the world's external hosts as destinations (default true). */
  externals?: boolean;
}

export interface MatrixEntry {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  allowed: boolean;
}

export interface Matrix {
  /** How much grouping found: classes of interchangeable pods and the keys decisions were cached by. */
  stats: { classes: number; peers: number; egressKeys: number; ingressKeys: number };
  pods: readonly PodInfo[];
  externals: readonly ExternalHost[];
  /** Destinations: the pods, then the external hosts; each with the probes tried on it. */
  destinations: readonly { name: string; probes: readonly Probe[] }[];
  /** Whether pod `from` reaches destination `to` (index into destinations) on its `probe`-th probe. */
  allowed(from: number, to: number, probe: number): boolean;
  /** Every result, sources × destinations × probes, in order. */
  entries(): MatrixEntry[];
}

interface Peerish {
  matcher: PeerMatcher;
}

function probeKey(p: Probe): string {
  return `${p.port}/${p.protocol}`;
}

export function computeMatrix(engineOrWorld: Engine | NetpolWorld, options: MatrixOptions = {}): Matrix {
  const engine = isEngine(engineOrWorld) ? engineOrWorld : createEngine(engineOrWorld);
  const include = options.includePod ?? ((p: PodInfo) => !p.synthetic);
  const pods = engine.indexed.pods.filter(include);
  const externals = options.externals === false ? [] : engine.indexed.world.externalHosts;

  // ---- the peer universe: every distinct peer of every rule gets an id ----
  const peerIds = new Map<string, number>();
  const peers: Peerish[] = [];
  const rulePeers = new Map<CompiledRule, number[]>();
  const peerKey = (m: PeerMatcher): string => {
    switch (m.kind) {
      case 'none':
        return 'none';
      case 'ipBlock':
        return `ip|${m.cidrText}|${m.except.map((e) => e.text).join(',')}`;
      case 'pods':
        return `pods|${m.namespaceSelector ? 'sel:' + JSON.stringify(m.namespaceSelector.requirements) : 'ns:' + m.policyNamespace}|${m.podSelector ? JSON.stringify(m.podSelector.requirements) : '*'}`;
    }
  };
  for (const pol of engine.policies) {
    for (const rules of [pol.ingress, pol.egress]) {
      for (const r of rules ?? []) {
        const ids = r.peers.map((m) => {
          const k = peerKey(m);
          let id = peerIds.get(k);
          if (id === undefined) {
            id = peers.length;
            peerIds.set(k, id);
            peers.push({ matcher: m });
          }
          return id;
        });
        rulePeers.set(r, ids);
      }
    }
  }
  const nPeers = peers.length;
  const ipPeers = peers.map((p, i) => (p.matcher.kind === 'ipBlock' ? i : -1)).filter((i) => i >= 0);
  const nsPeerCache = new Map<string, boolean>();
  const nsMatches = (peerId: number, ns: string): boolean => {
    const k = `${peerId}|${ns}`;
    let v = nsPeerCache.get(k);
    if (v === undefined) {
      const m = peers[peerId]!.matcher;
      v = m.kind === 'pods' && (m.namespaceSelector ? compiledSelectorMatches(m.namespaceSelector, engine.indexed.namespaceLabels.get(ns) ?? {}) : m.policyNamespace === ns);
      nsPeerCache.set(k, v);
    }
    return v;
  };
  const ipCache = new Map<string, ReturnType<typeof parseIp>>();
  const parsedIp = (t: string): ReturnType<typeof parseIp> => {
    if (!ipCache.has(t)) ipCache.set(t, parseIp(t));
    return ipCache.get(t);
  };
  const podPeerIds = peers.map((p, i) => (p.matcher.kind === 'pods' ? i : -1)).filter((i) => i >= 0);

  const ipMatches = (peerId: number, ipText: string | undefined): boolean => {
    const m = peers[peerId]!.matcher;
    if (m.kind !== 'ipBlock' || !ipText) return false;
    const ip = parsedIp(ipText);
    if (!ip || !m.cidr || !cidrContains(m.cidr, ip)) return false;
    return !m.except.some((e) => e.cidr && cidrContains(e.cidr, ip));
  };

  // ---- label classes: namespace + labels decide pod-peer matches and selecting policies ----
  const labelClassOf = new Map<string, { peers: number[]; egress: number[]; ingress: number[] }>();
  const policyIndex = new Map(engine.policies.map((p, i) => [p, i]));
  const labelInfo = (pod: PodInfo) => {
    const key = `${pod.namespace}\u0000${JSON.stringify(Object.entries(pod.labels).sort())}`;
    let info = labelClassOf.get(key);
    if (!info) {
      const matched: number[] = [];
      for (const id of podPeerIds) {
        if (!nsMatches(id, pod.namespace)) continue;
        const m = peers[id]!.matcher;
        if (m.kind === 'pods' && (!m.podSelector || compiledSelectorMatches(m.podSelector, pod.labels))) matched.push(id);
      }
      const egress: number[] = [];
      const ingress: number[] = [];
      for (const pol of engine.policiesByNamespace.get(pod.namespace) ?? []) {
        if (!compiledSelectorMatches(pol.podSelector, pod.labels)) continue;
        if (pol.egress) egress.push(policyIndex.get(pol)!);
        if (pol.ingress) ingress.push(policyIndex.get(pol)!);
      }
      info = { peers: matched, egress: egress.sort((a, b) => a - b), ingress: ingress.sort((a, b) => a - b) };
      labelClassOf.set(key, info);
    }
    return info;
  };

  // ---- behaviour classes ----
  interface Cls {
    peerSet: Uint8Array;
    egressKey: string;
    egress: number[];
    ingressKey: string;
    ingress: number[];
    /** A representative endpoint (for named ports: its declared ports). */
    endpoint: Endpoint;
    probes: Probe[];
    portsSig: string;
    isPod: boolean;
  }
  const classes: Cls[] = [];
  const classIds = new Map<string, number>();
  const fixedProbes = options.probes ? [...options.probes] : undefined;
  const declaredProbes = (pod: PodInfo): Probe[] => {
    const seen = new Set<string>();
    const out: Probe[] = [];
    for (const p of pod.ports) {
      const pr = { port: p.port, protocol: p.protocol };
      if (!seen.has(probeKey(pr))) {
        seen.add(probeKey(pr));
        out.push(pr);
      }
    }
    return out;
  };
  const classFor = (
    matchedPeers: number[],
    egress: number[],
    ingress: number[],
    endpoint: Endpoint,
    probes: Probe[],
    portsSig: string,
    isPod: boolean,
    extraKey: string,
  ): number => {
    const sorted = [...matchedPeers].sort((a, b) => a - b);
    const key = `${sorted.join(',')}|${egress.join(',')}|${ingress.join(',')}|${portsSig}|${extraKey}`;
    let id = classIds.get(key);
    if (id === undefined) {
      id = classes.length;
      const peerSet = new Uint8Array(nPeers);
      for (const p of sorted) peerSet[p] = 1;
      classes.push({ peerSet, egressKey: egress.join(','), egress, ingressKey: `${ingress.join(',')}|${portsSig}`, ingress, endpoint, probes, portsSig, isPod });
      classIds.set(key, id);
    }
    return id;
  };

  const podClass = pods.map((pod) => {
    const info = labelInfo(pod);
    const matched = [...info.peers];
    for (const id of ipPeers) if (ipMatches(id, pod.ip)) matched.push(id);
    const probes = fixedProbes ?? declaredProbes(pod);
    const named = pod.ports.filter((p) => p.name).map((p) => `${p.name}=${p.port}/${p.protocol}`).sort().join(',');
    const portsSig = `${probes.map(probeKey).join(',')}#${named}`;
    const hostNet = pod.hostNetwork;
    return classFor(matched, hostNet ? [] : info.egress, hostNet ? [] : info.ingress, { kind: 'pod', pod }, probes, portsSig, true, hostNet ? 'hostNetwork' : '');
  });
  const externalClass = externals.map((host) => {
    const matched = ipPeers.filter((id) => ipMatches(id, host.ip));
    const probes = fixedProbes ?? host.ports.map((p) => ({ port: p.port, protocol: p.protocol }));
    return classFor(matched, [], [], { kind: 'external', ip: host.ip, host }, probes, `${probes.map(probeKey).join(',')}#ext`, false, `ext:${host.ip}`);
  });

  // ---- rule evaluation on classes ----
  const ruleAdmits = (rule: CompiledRule, peerCls: Cls, probe: Probe, dst: Endpoint): boolean => {
    if (!rule.allPeers) {
      const ids = rulePeers.get(rule)!;
      let hit = false;
      for (const id of ids)
        if (peerCls.peerSet[id]) {
          hit = true;
          break;
        }
      if (!hit) return false;
    }
    if (rule.allPorts) return true;
    for (const p of rule.ports) if (portMatches(p, probe.port, probe.protocol as ConnProtocol, dst)) return true;
    return false;
  };
  const policyRules = (ids: number[], dir: 'ingress' | 'egress'): CompiledRule[] => ids.flatMap((i) => engine.policies[i]![dir] ?? []);

  // What each side of a decision depends on, as integers, so the hot loop does no string work.
  // Egress depends on the source's selecting policies (eKey) and, of the destination, only on
  // whether it matches the peers those rules name and on its ports; ingress symmetrically.
  const intern = (map: Map<string, number>, key: string): number => {
    let id = map.get(key);
    if (id === undefined) {
      id = map.size;
      map.set(key, id);
    }
    return id;
  };
  const nCls = classes.length;
  const eKeys = new Map<string, number>();
  const iKeys = new Map<string, number>();
  const portSigs = new Map<string, number>();
  const eKeyOf = new Int32Array(nCls);
  const iKeyOf = new Int32Array(nCls);
  const portSigOf = new Int32Array(nCls);
  const eKeyRules: CompiledRule[][] = [];
  const iKeyRules: CompiledRule[][] = [];
  classes.forEach((c, i) => {
    eKeyOf[i] = -1;
    iKeyOf[i] = -1;
    if (c.egress.length) {
      const before = eKeys.size;
      eKeyOf[i] = intern(eKeys, c.egressKey);
      if (eKeys.size > before) eKeyRules.push(policyRules(c.egress, 'egress'));
    }
    if (c.isPod && c.ingress.length) {
      const before = iKeys.size;
      iKeyOf[i] = intern(iKeys, c.ingressKey);
      if (iKeys.size > before) iKeyRules.push(policyRules(c.ingress, 'ingress'));
    }
    portSigOf[i] = intern(portSigs, `${c.portsSig}|${c.isPod ? 'pod' : 'ext'}`);
  });
  /** The peers a list of rules names (the only ones whose match matters to it). */
  const relevantPeers = (rules: CompiledRule[]): number[] => [...new Set(rules.flatMap((r) => (r.allPeers ? [] : rulePeers.get(r)!)))];
  const eRelevant = eKeyRules.map(relevantPeers);
  const iRelevant = iKeyRules.map(relevantPeers);
  /** A class's matches on the relevant peers, as a string key (short: few peers per policy set). */
  const projection = (c: Cls, rel: number[]): string => {
    let k = '';
    for (const id of rel) k += c.peerSet[id] ? '1' : '0';
    return k;
  };
  const CHUNK = 30;
  const maskFor = (rules: CompiledRule[], peerCls: Cls, dst: Cls, from: number, to: number): number => {
    let m = 0;
    for (let k = from; k < to; k++) if (rules.some((r) => ruleAdmits(r, peerCls, dst.probes[k]!, dst.endpoint))) m |= 1 << (k - from);
    return m;
  };

  // ---- class table: for each destination class, each of its probes, each source class ----
  const srcClassIds = Int32Array.from(new Set(podClass));
  const offsets = new Int32Array(nCls + 1);
  for (let d = 0; d < nCls; d++) offsets[d + 1] = offsets[d]! + classes[d]!.probes.length;
  const table = new Uint8Array(offsets[nCls]! * nCls);
  const dstClassIds = [...new Set([...podClass, ...externalClass])];
  const maxProbes = Math.max(0, ...dstClassIds.map((d) => classes[d]!.probes.length));
  const srcIsNode = srcClassIds.map((s) => {
    const e = classes[s]!.endpoint;
    return e.kind === 'pod' && e.pod.hostNetwork ? 1 : 0;
  });
  for (let from = 0; from < maxProbes; from += CHUNK) {
    // Ingress masks per (ingress key, source class), shared by every destination with that key.
    const ingressMasks = new Map<number, Int32Array>();
    const eCaches = eKeyRules.map(() => new Map<string, number>());
    const iCaches = iKeyRules.map(() => new Map<string, number>());
    const egMask = new Int32Array(eKeyRules.length);
    for (const d of dstClassIds) {
      const dst = classes[d]!;
      const to = Math.min(dst.probes.length, from + CHUNK);
      if (to <= from) continue;
      const all = (1 << (to - from)) - 1;
      for (let e = 0; e < eKeyRules.length; e++) {
        const key = `${portSigOf[d]}|${projection(dst, eRelevant[e]!)}`;
        let m = eCaches[e]!.get(key);
        if (m === undefined) eCaches[e]!.set(key, (m = maskFor(eKeyRules[e]!, dst, dst, from, to)));
        egMask[e] = m;
      }
      const i = iKeyOf[d]!;
      let ing: Int32Array | undefined;
      if (i >= 0) {
        ing = ingressMasks.get(i);
        if (!ing) {
          ing = new Int32Array(nCls);
          for (let x = 0; x < srcClassIds.length; x++) {
            const s = srcClassIds[x]!;
            if (srcIsNode[x]) {
              ing[s] = all;
              continue;
            }
            const key = projection(classes[s]!, iRelevant[i]!);
            let m = iCaches[i]!.get(key);
            if (m === undefined) iCaches[i]!.set(key, (m = maskFor(iKeyRules[i]!, classes[s]!, dst, from, to)));
            ing[s] = m;
          }
          ingressMasks.set(i, ing);
        }
      }
      const base = offsets[d]! + from;
      for (let x = 0; x < srcClassIds.length; x++) {
        const s = srcClassIds[x]!;
        const e = eKeyOf[s]!;
        let m = e < 0 ? all : egMask[e]!;
        if (ing) m &= ing[s]!;
        if (m === 0) continue;
        for (let k = 0; k < to - from; k++) if (m & (1 << k)) table[(base + k) * nCls + s] = 1;
      }
    }
  }

  const destinations = [
    ...pods.map((p, i) => ({ name: p.key, probes: classes[podClass[i]!]!.probes })),
    ...externals.map((h, i) => ({ name: h.name, probes: classes[externalClass[i]!]!.probes })),
  ];
  const dstClassOf = [...podClass, ...externalClass];
  const allowed = (from: number, to: number, probe: number): boolean => {
    if (from === to && to < pods.length) return true;
    const d = dstClassOf[to]!;
    return table[(offsets[d]! + probe) * nCls + podClass[from]!] === 1;
  };
  return {
    stats: { classes: nCls, peers: nPeers, egressKeys: eKeys.size, ingressKeys: iKeys.size },
    pods,
    externals,
    destinations,
    allowed,
    entries() {
      const out: MatrixEntry[] = [];
      for (let i = 0; i < pods.length; i++)
        for (let j = 0; j < destinations.length; j++) {
          const probes = destinations[j]!.probes;
          for (let k = 0; k < probes.length; k++)
            out.push({ from: pods[i]!.key, to: destinations[j]!.name, port: probes[k]!.port, protocol: probes[k]!.protocol, allowed: allowed(i, j, k) });
        }
      return out;
    },
  };
}
