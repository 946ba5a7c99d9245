/**
 * What a valid file can still get wrong, checked against the starting cluster: manifests that
 * do not seed, check endpoints that name nothing, ports that nothing declares, kinds that do
 * not exist, and solutions that read files nobody wrote.
 */
import { selectorMatches } from '../api/index.js';
import { resolveResourceType, RESOURCE_TYPES } from '../cluster/index.js';
import { seededRandom } from '../core/index.js';
import { createCluster } from '../cluster/index.js';
import { createEngine, listens, worldFromCluster, type Engine } from '../netpol/index.js';
import type { Check, ConnectionPattern, EndpointRef, ObjectRef, Scenario } from './types.js';
import { suggest, type LocatedError, type PathSegment } from './validate.js';

const FIXED_CLOCK = { now: () => Date.UTC(2025, 0, 1) };

/** The starting cluster's engine, or the seeding error. */
export function startingEngine(s: Scenario): { engine: Engine } | { error: string; index: number } {
  const cluster = createCluster({
    clock: FIXED_CLOCK,
    random: seededRandom(1),
    externalHosts: [...s.setup.externalHosts],
    appResponses: [...s.setup.appResponses],
    ...(s.setup.workers ? { workers: [...s.setup.workers] } : {}),
  });
  // One by one, so that a refused manifest is located.
  for (const [index, o] of s.setup.objects.entries()) {
    const r = cluster.seed([o]);
    if (!r.ok) return { error: `the API server refuses it: ${r.error.message}`, index };
  }
  return { engine: createEngine(worldFromCluster(cluster)) };
}

const IP = /^\d{1,3}(\.\d{1,3}){3}$/;

function checkEndpoint(engine: Engine, ref: EndpointRef, path: PathSegment[], problems: LocatedError[], pattern = false): void {
  const pods = engine.indexed.pods;
  switch (ref.kind) {
    case 'selector':
      // An exception may name pods that do not exist yet: the guard covers pods there could be.
      if (!pattern && !pods.some((p) => p.namespace === ref.namespace && selectorMatches({ matchLabels: ref.labels }, p.labels)))
        problems.push({ path, message: `selector ${Object.entries(ref.labels).map(([k, v]) => `${k}=${v}`).join(',') || '{}'} matches no pod in namespace ${ref.namespace}` });
      return;
    case 'external':
      if (!IP.test(ref.host) && !engine.indexed.world.externalHosts.some((h) => h.name === ref.host)) {
        const near = suggest(ref.host, engine.indexed.world.externalHosts.map((h) => h.name));
        problems.push({ path, message: `no external host "${ref.host}" in cluster.externalHosts${near ? ` (did you mean "${near}"?)` : ''}` });
      }
      return;
    default:
      return;
  }
}

/** A reach check's port must be one the destination declares (a check on a closed port tests nothing real). */
function checkPort(engine: Engine, c: Check & { kind: 'reach' }, path: PathSegment[], problems: LocatedError[]): void {
  const to = c.to;
  const at = [...path, 'port'];
  if (to.kind === 'pod') {
    const pod = engine.indexed.podByKey.get(`${to.namespace}/${to.name}`);
    if (pod && !listens(pod, c.port, c.protocol))
      problems.push({ path: at, message: `pod ${to.name} declares no port ${c.port}/${c.protocol} (declared: ${pod.ports.map((p) => `${p.port}/${p.protocol}`).join(', ') || 'none'})` });
  } else if (to.kind === 'selector') {
    const pods = engine.indexed.pods.filter((p) => p.namespace === to.namespace && selectorMatches({ matchLabels: to.labels }, p.labels));
    const closed = pods.filter((p) => !listens(p, c.port, c.protocol));
    if (pods.length && closed.length) problems.push({ path: at, message: `pod ${closed[0]!.name} declares no port ${c.port}/${c.protocol}` });
  } else if (to.kind === 'service') {
    const svc = engine.indexed.services.find((s) => s.metadata.namespace === to.namespace && s.metadata.name === to.name);
    if (svc && !(svc.spec?.ports ?? []).some((p) => p.port === c.port && (p.protocol ?? 'TCP') === c.protocol))
      problems.push({ path: at, message: `service ${to.name} has no port ${c.port}/${c.protocol} (ports: ${(svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(', ')})` });
  } else {
    const host = engine.indexed.world.externalHosts.find((h) => h.name === to.host || h.ip === to.host);
    if (host && !host.ports.some((p) => p.port === c.port && p.protocol === c.protocol))
      problems.push({ path: at, message: `external host ${host.name} declares no port ${c.port}/${c.protocol}` });
  }
}

function checkKind(kind: string, path: PathSegment[], problems: LocatedError[]): void {
  if (resolveResourceType(kind)) return;
  const near = suggest(kind, RESOURCE_TYPES.flatMap((t) => [t.kind, t.resource, ...t.shortNames]));
  problems.push({ path, message: `unknown kind "${kind}"${near ? ` (did you mean "${near}"?)` : ''}` });
}

function checkRef(ref: ObjectRef, path: PathSegment[], problems: LocatedError[]): void {
  checkKind(ref.kind, [...path, 'kind'], problems);
}

/** Files a solution reads with -f must be placed by the scenario or written by an earlier solution line. */
function checkSolutionFiles(s: Scenario, problems: LocatedError[]): void {
  const norm = (f: string) => f.replace(/^~\//, '').replace(/^\/root\//, '').replace(/^\.\//, '');
  const known = new Set(s.setup.files.map((f) => norm(f.path)));
  s.steps.forEach((step, i) => {
    for (const line of step.solution.split('\n')) {
      for (const m of line.matchAll(/(?:>>?|\btee(?:\s+-a)?)\s*['"]?([^\s'";|&<>]+)/g)) known.add(norm(m[1]!));
      for (const m of line.matchAll(/\bcp\s+\S+\s+([^\s;|&]+)/g)) known.add(norm(m[1]!));
      if (!/^\s*(kubectl|k)\s/.test(line)) continue;
      for (const m of line.matchAll(/(?:\s-f\s*|\s--filename[=\s])['"]?([^\s'";|&]+)/g)) {
        const f = norm(m[1]!);
        if (f !== '-' && !known.has(f) && !/^https?:/.test(f)) problems.push({ path: ['steps', i, 'solution'], message: `the solution reads ${m[1]}, which no file of the scenario or earlier solution line provides` });
      }
    }
  });
}

function patternEndpoints(p: ConnectionPattern): [EndpointRef, string][] {
  const out: [EndpointRef, string][] = [];
  if (p.from) out.push([p.from, 'from']);
  if (p.to) out.push([p.to, 'to']);
  return out;
}

export function semanticProblems(s: Scenario, objectPaths: readonly PathSegment[][] = []): LocatedError[] {
  const problems: LocatedError[] = [];
  checkSolutionFiles(s, problems);
  const start = startingEngine(s);
  if ('error' in start) {
    problems.push({ path: objectPaths[start.index] ?? ['cluster'], message: start.error });
    return problems;
  }
  const { engine } = start;
  s.steps.forEach((step, i) => {
    if (step.body.kind !== 'task') return;
    if (step.body.checks.length && !step.solution.trim()) problems.push({ path: ['steps', i], message: 'a task needs a solution (shell lines) for scenario check to self-test it' });
    step.body.checks.forEach((c, j) => {
      const path: PathSegment[] = ['steps', i, 'task', 'checks', j, c.kind === 'node-ready' ? 'nodeReady' : c.kind === 'static-pod' ? 'staticPod' : c.kind === 'cert-expiry' ? 'certExpiry' : c.kind];
      switch (c.kind) {
        case 'reach':
          checkEndpoint(engine, c.from, [...path, 'from'], problems);
          checkEndpoint(engine, c.to, [...path, 'to'], problems);
          if (c.from.kind === 'service') problems.push({ path: [...path, 'from'], message: 'a connection cannot start from a service: name a pod or a selector' });
          checkPort(engine, c, path, problems);
          return;
        case 'intent':
          (c.reference ?? []).forEach((o, k) => {
            const kind = (o as { kind?: unknown } | null)?.kind;
            if (kind !== 'NetworkPolicy') problems.push({ path: [...path, 'reference', k], message: `a reference is a NetworkPolicy manifest, not ${kind === undefined ? 'an object without kind' : `a ${String(kind)}`}` });
          });
          c.except.forEach((p, k) => {
            for (const [ref, key] of patternEndpoints(p)) checkEndpoint(engine, ref, [...path, 'except', k, key], problems, true);
          });
          return;
        case 'unchanged':
          c.except.forEach((p, k) => {
            for (const [ref, key] of patternEndpoints(p)) checkEndpoint(engine, ref, [...path, 'except', k, key], problems, true);
          });
          return;
        case 'count':
          checkKind(c.type, [...path, 'kind'], problems);
          return;
        case 'snapshot':
          [...c.contains, ...c.lacks].forEach((r) => checkKind(r.kind, path, problems));
          return;
        case 'file':
        case 'cert-expiry':
        case 'service':
        case 'node-ready':
        case 'static-pod':
        case 'podsPerNode':
        case 'can':
          return;
        default:
          checkRef(c.ref, path, problems);
      }
    });
  });
  return problems;
}
