/**
 * Reachability checks: each end resolved on the live cluster (a pod, every pod of a selector,
 * every ready backend of a Service on its target port, an outside host), then each pair
 * decided by the engine and judged against what the scenario expects.
 */
import type { Protocol } from '../api/index.js';
import { decideEndpoints, serviceBackends, type Endpoint, type Engine, type PodInfo } from '../netpol/index.js';
import type { EndpointRef } from '../scenarios/index.js';
import { allowedReason, connText, deniedReason, endpointText, labelsText, podName, selectorMatches } from './words.js';
import type { CheckResult, Connection } from './types.js';

export type Resolved = { ok: true; ends: { endpoint: Endpoint; port: number }[] } | { ok: false; why: string };

export function refText(ref: EndpointRef): string {
  switch (ref.kind) {
    case 'pod':
      return podName(`${ref.namespace}/${ref.name}`);
    case 'selector':
      return `pods ${labelsText(ref.labels)}${ref.namespace === 'default' ? '' : ` in ${ref.namespace}`}`;
    case 'service':
      return `service ${podName(`${ref.namespace}/${ref.name}`)}`;
    case 'external':
      return ref.host;
  }
}

function pods(engine: Engine, ref: EndpointRef & { kind: 'selector' }): PodInfo[] {
  return engine.indexed.pods.filter((p) => !p.synthetic && p.namespace === ref.namespace && selectorMatches({ matchLabels: ref.labels }, p.labels));
}

/** Resolves one end; `port` is the port as the check names it (a Service port for a service). */
export function resolveEnd(engine: Engine, ref: EndpointRef, port: number, protocol: Protocol): Resolved {
  switch (ref.kind) {
    case 'pod': {
      const pod = engine.indexed.podByKey.get(`${ref.namespace}/${ref.name}`);
      if (!pod) return { ok: false, why: `pod ${ref.name} does not exist in namespace ${ref.namespace}` };
      return { ok: true, ends: [{ endpoint: { kind: 'pod', pod }, port }] };
    }
    case 'selector': {
      const list = pods(engine, ref);
      if (list.length === 0) return { ok: false, why: `no pod in namespace ${ref.namespace} has the labels ${labelsText(ref.labels)}` };
      return { ok: true, ends: list.map((pod) => ({ endpoint: { kind: 'pod', pod }, port })) };
    }
    case 'service': {
      const svc = engine.indexed.services.find((s) => s.metadata.namespace === ref.namespace && s.metadata.name === ref.name);
      if (!svc) return { ok: false, why: `service ${ref.name} does not exist in namespace ${ref.namespace}` };
      const sp = (svc.spec?.ports ?? []).find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
      if (!sp) return { ok: false, why: `service ${ref.name} has no port ${port}/${protocol}` };
      const ends: { endpoint: Endpoint; port: number }[] = [];
      for (const pod of serviceBackends(engine, svc)) {
        const t = sp.targetPort ?? sp.port;
        const target = typeof t === 'number' ? t : /^\d+$/.test(t) ? Number(t) : pod.ports.find((p) => p.name === t && p.protocol === protocol)?.port;
        if (target !== undefined) ends.push({ endpoint: { kind: 'pod', pod }, port: target });
      }
      if (ends.length === 0) return { ok: false, why: `service ${ref.name} has no ready endpoints (its selector matches no running pod)` };
      return { ok: true, ends };
    }
    case 'external': {
      const host = engine.indexed.world.externalHosts.find((h) => h.name === ref.host || h.ip === ref.host);
      const ip = host?.ip ?? ref.host;
      return { ok: true, ends: [{ endpoint: { kind: 'external', ip, ...(host ? { host } : {}) }, port }] };
    }
  }
}

export function gradeReach(
  engine: Engine,
  check: { from: EndpointRef; to: EndpointRef; port: number; protocol: Protocol; allowed: boolean },
): Omit<CheckResult, 'index'> {
  const word = check.allowed ? 'allowed' : 'denied';
  const title = `${connText(refText(check.from), refText(check.to), check.port, check.protocol)} ${word}`;
  const src = resolveEnd(engine, check.from, check.port, check.protocol);
  const dst = resolveEnd(engine, check.to, check.port, check.protocol);
  const missing = [src, dst].filter((r): r is { ok: false; why: string } => !r.ok).map((r) => r.why);
  if (missing.length || !src.ok || !dst.ok) return { kind: 'reach', passed: false, title, explanation: `Cannot test ${title.replace(/ (allowed|denied)$/, '')}: ${missing.join('; ')}.`, connections: [] };
  const connections: Connection[] = [];
  const wrong: string[] = [];
  const right: string[] = [];
  for (const s of src.ends) {
    for (const d of dst.ends) {
      const v = decideEndpoints(engine, s.endpoint, d.endpoint, d.port, check.protocol);
      const from = endpointText(s.endpoint);
      const to = endpointText(d.endpoint);
      const via = check.to.kind === 'service' ? ` (via service ${check.to.name}:${check.port})` : '';
      const conn = `${connText(from, to, d.port, check.protocol)}${via}`;
      connections.push({ from, to, port: d.port, protocol: check.protocol, expected: check.allowed, actual: v.allowed });
      if (v.allowed === check.allowed) right.push(v.allowed ? `${conn} is allowed: ${allowedReason(engine, v, from, to)}` : `${conn} is denied: ${deniedReason(engine, v)}`);
      else
        wrong.push(
          v.allowed
            ? `${conn} should be denied but is allowed: ${allowedReason(engine, v, from, to)}`
            : `${conn} should be allowed but is denied: ${deniedReason(engine, v)}`,
        );
    }
  }
  const passed = wrong.length === 0;
  const lines = passed ? right.slice(0, 3) : wrong.slice(0, 5);
  const more = (passed ? right.length : wrong.length) - lines.length;
  return { kind: 'reach', passed, title, explanation: `${lines.join('.\n')}${more > 0 ? `.\n(and ${more} more)` : ''}.`, connections };
}
