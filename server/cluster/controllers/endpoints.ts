/** The Endpoints controller: one Endpoints per Service with a selector, listing its ready pods' IPs. */
import { selectorMatches, type Endpoints, type KubeObject } from '../../api/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import type { Loose } from './loose.js';

export function reconcileEndpoints(ctx: ControllerContext, ns: string): void {
  const epKind = ctx.kindOf('Endpoints') as KindStrategy<Endpoints>;
  const pods = ctx.list(ctx.kindOf('Pod')!, ns) as Loose[];
  for (const svc of ctx.list(ctx.kindOf('Service')!, ns) as Loose[]) {
    const sel = svc.spec.selector as Record<string, string> | undefined;
    if (!sel) continue;
    const backends = pods.filter((p) => selectorMatches({ matchLabels: sel }, p.metadata.labels) && p.status?.podIP);
    const ports = (svc.spec.ports ?? []).map((p: Loose) => {
      const tp = p.targetPort;
      const resolved =
        typeof tp === 'string'
          ? backends.flatMap((b) => b.spec.containers.flatMap((c: Loose) => c.ports ?? [])).find((cp: Loose) => cp.name === tp)?.containerPort
          : tp;
      return { ...(p.name ? { name: p.name } : {}), port: resolved ?? p.port, protocol: p.protocol };
    });
    const subsets =
      backends.length === 0
        ? undefined
        : [
            {
              addresses: backends
                .map((b) => ({
                  ip: b.status.podIP,
                  nodeName: b.spec.nodeName,
                  targetRef: { kind: 'Pod', name: b.metadata.name, namespace: ns, uid: b.metadata.uid },
                }))
                .sort((a, b) => (a.ip < b.ip ? -1 : 1)),
              ports,
            },
          ];
    const existing = ctx.get(epKind, ns, svc.metadata.name) as Loose | undefined;
    const next: Loose = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: svc.metadata.name, namespace: ns, labels: { ...(svc.metadata.labels ?? {}) } },
      ...(subsets ? { subsets } : {}),
    };
    if (existing) {
      if (JSON.stringify(existing.subsets) === JSON.stringify(next.subsets) && JSON.stringify(existing.metadata.labels) === JSON.stringify(next.metadata.labels)) continue;
      next.metadata = { ...existing.metadata, labels: next.metadata.labels };
      ctx.replace(epKind, next as Endpoints);
    } else {
      next.metadata.creationTimestamp = svc.metadata.creationTimestamp;
      ctx.createChild(epKind, next as KubeObject as Endpoints);
    }
  }
}
