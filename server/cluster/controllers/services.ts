/** Service IP allocation: ClusterIPs from 10.96.0.0/12 in order, NodePorts drawn from 30000-32767. */
import type { Service } from '../../api/index.js';
import type { ControllerContext } from '../kinds/strategy.js';
import type { Loose } from './loose.js';

export function allocateService(ctx: ControllerContext, svc: Service): void {
  const o = svc as Loose;
  const s = o.spec;
  if (s.type === 'ExternalName') return;
  if (!s.clusterIP) {
    const n = ctx.allocation.nextServiceIp++;
    s.clusterIP = `10.${96 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
  }
  s.clusterIPs ??= [s.clusterIP];
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') for (const p of s.ports ?? []) p.nodePort ??= allocNodePort(ctx);
  o.status ??= { loadBalancer: {} };
}

export function allocNodePort(ctx: ControllerContext): number {
  const used = new Set(ctx.list(ctx.kindOf('Service')!).flatMap((s) => ((s as Loose).spec.ports ?? []).map((p: Loose) => p.nodePort)));
  for (let i = 0; i < 2768; i++) {
    const port = 30000 + Math.floor(ctx.random.next() * 2768);
    if (!used.has(port)) return port;
  }
  return 30000;
}

/** A replace keeps the allocated ClusterIPs and the NodePorts of ports it still has, and allocates new ones. */
export function keepAllocations(ctx: ControllerContext, next: Service, current: Service): void {
  const s = (next as Loose).spec;
  const c = (current as Loose).spec;
  s.clusterIP = c.clusterIP;
  s.clusterIPs = c.clusterIPs;
  (s.ports ?? []).forEach((p: Loose) => {
    const old = (c.ports ?? []).find((q: Loose) => q.port === p.port && q.protocol === p.protocol);
    if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && p.nodePort === undefined) p.nodePort = old?.nodePort ?? allocNodePort(ctx);
  });
}
