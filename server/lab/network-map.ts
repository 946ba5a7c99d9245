/**
 * The lab page's network map as data: the scenario's namespaces, pods and external hosts, and
 * for each source and destination the declared ports the current policies allow or deny.
 * Built from the grader's reachability table, so map and guard never disagree.
 */
import { captureReachability } from '../grader/index.js';
import type { Engine } from '../netpol/index.js';

export interface MapNode {
  /** `ns/name` for a pod, the host's name for an external host. */
  id: string;
  name: string;
  kind: 'pod' | 'external';
  namespace?: string;
  labels: Record<string, string>;
  /** `8080/TCP`, ...; an external host's IP first. */
  detail: string[];
}

export interface MapEdge {
  from: string;
  to: string;
  allowed: string[];
  denied: string[];
}

export interface MapView {
  namespaces: { name: string; labels: Record<string, string> }[];
  nodes: MapNode[];
  edges: MapEdge[];
  /** More pods than the page draws: the matrix view still lists them. */
  truncated: boolean;
}

export const MAP_MAX_PODS = 120;

export function networkMap(engine: Engine): MapView {
  const r = captureReachability(engine);
  const podKeys = r.pods.slice(0, MAP_MAX_PODS);
  const nodes: MapNode[] = [];
  const nsNames = new Set<string>();
  for (const key of podKeys) {
    const pod = engine.indexed.podByKey.get(key)!;
    nsNames.add(pod.namespace);
    nodes.push({ id: key, name: pod.name, kind: 'pod', namespace: pod.namespace, labels: { ...pod.labels }, detail: pod.ports.map((p) => `${p.port}/${p.protocol}`) });
  }
  for (const h of engine.indexed.world.externalHosts) {
    nodes.push({ id: h.name, name: h.name, kind: 'external', labels: {}, detail: [h.ip, ...h.ports.map((p) => `${p.port}/${p.protocol}`)] });
  }
  const shown = new Set(nodes.map((n) => n.id));
  const edges: MapEdge[] = [];
  podKeys.forEach((from, i) => {
    r.destinations.forEach((d, j) => {
      if (d.name === from || !shown.has(d.name) || d.probes.length === 0) return;
      const allowed: string[] = [];
      const denied: string[] = [];
      d.probes.forEach((p, k) => (r.cells[i * r.rowLength + r.offsets[j]! + k] ? allowed : denied).push(p));
      edges.push({ from, to: d.name, allowed, denied });
    });
  });
  const namespaces = [...nsNames].sort().map((name) => ({ name, labels: { ...(engine.indexed.namespaceLabels.get(name) ?? {}) } }));
  return { namespaces, nodes, edges, truncated: r.pods.length > MAP_MAX_PODS };
}
