/**
 * A world straight from decoded manifests (multi-document YAML already parsed to JS), for
 * `ckalab reach --cluster` and tests when no cluster is at hand. Kept fields are those the
 * engine reads; pods keep a given `status.podIP` (so ipBlock policies can name them) and get
 * one from 10.244.1.0/24 in document order otherwise; Services without a clusterIP get one
 * from 10.96.100.0/24. Objects of other kinds are ignored; namespaces default to `default`.
 */
import type { Namespace, NetworkPolicy, Node, Pod, Service } from './deps.js';
import { NAMESPACE_NAME_LABEL, type NetpolWorld } from './world.js';

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

export function worldFromManifests(docs: readonly unknown[]): NetpolWorld {
  const namespaces = new Map<string, Namespace>();
  const pods: Pod[] = [];
  const services: Service[] = [];
  const policies: NetworkPolicy[] = [];
  const nodes: Node[] = [];
  const items = docs.flatMap((d) => (isObj(d) && d.kind === 'List' && Array.isArray(d.items) ? d.items : [d]));
  let podN = 0;
  let svcN = 0;
  const ensureNs = (name: string): void => {
    if (!namespaces.has(name)) namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [NAMESPACE_NAME_LABEL]: name } } });
  };
  for (const ns of ['default', 'kube-system']) ensureNs(ns);
  for (const raw of items) {
    if (!isObj(raw) || !isObj(raw.metadata)) continue;
    const meta = { ...(raw.metadata as Record<string, unknown>) } as Pod['metadata'];
    if (raw.kind === 'Namespace') {
      const name = meta.name ?? '';
      namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: { ...meta, labels: { ...(meta.labels ?? {}), [NAMESPACE_NAME_LABEL]: name } } });
      continue;
    }
    if (raw.kind === 'Node') {
      nodes.push(raw as unknown as Node);
      continue;
    }
    const namespace = meta.namespace ?? 'default';
    ensureNs(namespace);
    const obj = { ...raw, metadata: { ...meta, namespace } };
    if (raw.kind === 'Pod' && isObj(raw.spec)) {
      const pod = obj as unknown as Pod;
      const status = { phase: 'Running', ...(pod.status ?? {}) };
      if (!status.podIP) {
        podN++;
        status.podIP = `10.244.1.${podN + 1}`;
      }
      pods.push({ ...pod, status });
    } else if (raw.kind === 'Service' && isObj(raw.spec)) {
      const svc = obj as unknown as Service;
      const spec = { ...svc.spec };
      if (!spec.clusterIP) {
        svcN++;
        spec.clusterIP = `10.96.100.${svcN}`;
        spec.clusterIPs = [spec.clusterIP];
      }
      services.push({ ...svc, spec });
    } else if (raw.kind === 'NetworkPolicy' && isObj(raw.spec)) {
      policies.push(obj as unknown as NetworkPolicy);
    }
  }
  return { namespaces: [...namespaces.values()], pods, services, policies, nodes, externalHosts: [], appResponses: [] };
}
