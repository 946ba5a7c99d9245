/**
 * From a schema-valid scenario file to the Scenario the lab uses: shorthand expanded into
 * Kubernetes manifests, `ns/name` split, checks tagged. Problems the schema cannot see (a step
 * with both a question and a task, an answer that is not a choice) are reported, located.
 */
import type { AppResponse, ExternalHost, LabFile, Protocol } from '../api/index.js';
import type { LocatedError, PathSegment } from './validate.js';
import type { Check, ConnectionPattern, EndpointRef, ObjectRef, Question, Scenario, Step, Task } from './types.js';

type Raw = Record<string, any>;

export interface Normalized {
  scenario: Scenario;
  problems: LocatedError[];
  /** Where each of setup.objects came from in the file. */
  objectPaths: PathSegment[][];
}

function splitName(text: string, defaultNs = 'default'): { namespace: string; name: string } {
  const i = text.indexOf('/');
  return i > 0 ? { namespace: text.slice(0, i), name: text.slice(i + 1) } : { namespace: defaultNs, name: text };
}

export function endpointRef(raw: unknown): EndpointRef {
  if (typeof raw === 'string') return { kind: 'pod', ...splitName(raw) };
  const r = raw as Raw;
  if (r.pod !== undefined) return { kind: 'pod', ...splitName(String(r.pod), r.namespace ?? 'default') };
  if (r.service !== undefined) return { kind: 'service', ...splitName(String(r.service), r.namespace ?? 'default') };
  if (r.external !== undefined) return { kind: 'external', host: String(r.external) };
  return { kind: 'selector', namespace: r.namespace ?? 'default', labels: { ...(r.selector ?? {}) } };
}

function objectRef(r: Raw): ObjectRef {
  return { kind: String(r.kind), name: String(r.name), namespace: r.namespace ?? 'default' };
}

function patternsOf(list: unknown): ConnectionPattern[] {
  return ((list ?? []) as Raw[]).map((p): ConnectionPattern => ({
    ...(p.from !== undefined ? { from: endpointRef(p.from) } : {}),
    ...(p.to !== undefined ? { to: endpointRef(p.to) } : {}),
    ...(p.port !== undefined ? { port: p.port } : {}),
    ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
  }));
}

function checkOf(raw: Raw): Check {
  const [key, v] = Object.entries(raw)[0] as [string, Raw];
  switch (key) {
    case 'reach':
      return { kind: 'reach', from: endpointRef(v.from), to: endpointRef(v.to), port: v.port, protocol: (v.protocol ?? 'TCP') as Protocol, allowed: v.allowed };
    case 'unchanged':
      return { kind: 'unchanged', except: patternsOf(v.except) };
    case 'intent':
      return { kind: 'intent', reference: v.reference === undefined ? undefined : [...(v.reference as unknown[])], except: patternsOf(v.except) };
    case 'exists':
      return { kind: 'exists', ref: objectRef(v) };
    case 'absent':
      return { kind: 'absent', ref: objectRef(v) };
    case 'field':
      return { kind: 'field', ref: objectRef(v), jsonpath: v.jsonpath, equals: String(v.equals) };
    case 'podsPerNode':
      return { kind: 'podsPerNode', namespace: v.namespace ?? 'default', labels: v.labels, nodes: v.nodes, equals: v.equals };
    case 'rollout':
      return { kind: 'rollout', ref: { kind: 'Deployment', name: String(v.name), namespace: v.namespace ?? 'default' }, revision: v.revision };
    case 'file':
      return { kind: 'file', host: String(v.host ?? 'controlplane'), path: String(v.path), exists: v.exists !== false, contains: v.contains === undefined ? undefined : String(v.contains) };
    case 'service':
      return { kind: 'service', host: String(v.host ?? 'controlplane'), name: String(v.name).replace(/\.service$/, ''), active: v.active, enabled: v.enabled };
    case 'nodeReady':
      return { kind: 'node-ready', node: String(v.node), ready: v.ready !== false };
    case 'staticPod':
      return { kind: 'static-pod', host: String(v.host ?? 'controlplane'), name: String(v.name), namespace: String(v.namespace ?? 'default') };
    case 'certExpiry':
      return { kind: 'cert-expiry', host: String(v.host ?? 'controlplane'), cert: String(v.cert), file: String(v.file) };
    case 'snapshot':
      return { kind: 'snapshot', host: String(v.host ?? 'controlplane'), path: String(v.path), contains: ((v.contains ?? []) as Raw[]).map(objectRef), lacks: ((v.lacks ?? []) as Raw[]).map(objectRef) };
    case 'can':
      return {
        kind: 'can',
        as: String(v.as),
        groups: ((v.groups ?? []) as unknown[]).map(String),
        verb: String(v.verb),
        resource: String(v.resource),
        namespace: v.namespace === undefined ? undefined : String(v.namespace),
        name: v.name === undefined ? undefined : String(v.name),
        allowed: v.allowed === true,
      };
    default:
      return { kind: 'count', type: String(v.kind), namespace: v.namespace, labels: v.labels, equals: v.equals };
  }
}

function questionOf(q: Raw, path: PathSegment[], problems: LocatedError[]): Question {
  const explain = String(q.explain ?? '');
  const choices = ((q.choices ?? []) as unknown[]).map(String);
  const forms = ['answer', 'answers', 'accept'].filter((k) => q[k] !== undefined);
  if (forms.length !== 1) {
    problems.push({ path, message: 'a question needs exactly one of answer (single choice), answers (multiple choice) or accept (short answer)' });
    return { kind: 'text', accept: [], explain };
  }
  if (q.accept !== undefined) {
    if (choices.length) problems.push({ path: [...path, 'choices'], message: 'a short answer (accept) has no choices' });
    return { kind: 'text', accept: (q.accept as unknown[]).map(String), explain };
  }
  if (choices.length === 0) problems.push({ path, message: `missing required key "choices" for ${forms[0]}` });
  const dup = choices.find((c, i) => choices.indexOf(c) !== i);
  if (dup !== undefined) problems.push({ path: [...path, 'choices'], message: `duplicate choice "${dup}"` });
  const notAChoice = (a: string, p: PathSegment[]) => {
    if (choices.length && !choices.includes(a)) problems.push({ path: p, message: `"${a}" is not one of the choices` });
  };
  if (q.answer !== undefined) {
    notAChoice(String(q.answer), [...path, 'answer']);
    return { kind: 'single', choices, answer: String(q.answer), explain };
  }
  const answers = (q.answers as unknown[]).map(String);
  answers.forEach((a, i) => notAChoice(a, [...path, 'answers', i]));
  return { kind: 'multiple', choices, answers, explain };
}

function stepOf(s: Raw, i: number, problems: LocatedError[]): Step {
  const path: PathSegment[] = ['steps', i];
  let body: Question | Task;
  if ((s.question === undefined) === (s.task === undefined)) {
    problems.push({ path, message: 'a step has either a question or a task (exactly one)' });
    body = { kind: 'task', checks: [] };
  } else if (s.question !== undefined) body = questionOf(s.question, [...path, 'question'], problems);
  else body = { kind: 'task', checks: (s.task.checks as Raw[]).map(checkOf) };
  return {
    id: s.id,
    title: String(s.title ?? s.id),
    text: String(s.text),
    points: s.points ?? 1,
    hints: ((s.hints ?? []) as unknown[]).map(String),
    solution: String(s.solution ?? ''),
    body,
  };
}

function portsOf(list: unknown[] | undefined): { port: number; protocol: Protocol; name?: string }[] {
  return (list ?? []).map((p) =>
    typeof p === 'number' ? { port: p, protocol: 'TCP' as Protocol } : { port: (p as Raw).port, protocol: ((p as Raw).protocol ?? 'TCP') as Protocol, ...((p as Raw).name ? { name: (p as Raw).name } : {}) },
  );
}

function containerPorts(ports: { port: number; protocol: Protocol; name?: string }[]): Raw[] {
  return ports.map((p) => ({ containerPort: p.port, ...(p.protocol !== 'TCP' ? { protocol: p.protocol } : {}), ...(p.name ? { name: p.name } : {}) }));
}

/** The scenario's cluster as manifests, in an order that seeds: namespaces and nodes first. */
function setupOf(c: Raw): Scenario['setup'] & { appPages: Scenario['appPages']; objectPaths: PathSegment[][] } {
  const objects: unknown[] = [];
  const objectPaths: PathSegment[][] = [];
  const from = (list: string, i: number) => objectPaths.push(['cluster', list, i]);
  const appResponses: AppResponse[] = [];
  const appPages: { namespace: string; pod: string }[] = [];
  for (const [i, n] of ((c.namespaces ?? []) as Raw[]).entries()) {
    from('namespaces', i);
    objects.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n.name, ...(n.labels ? { labels: n.labels } : {}) } });
  }
  for (const [i, o] of ((c.objects ?? []) as unknown[]).entries()) {
    from('objects', i);
    objects.push(o);
  }
  for (const [i, p] of ((c.pods ?? []) as Raw[]).entries()) {
    from('pods', i);
    const ns = p.namespace ?? 'default';
    const ports = portsOf(p.ports);
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: ns, ...(p.labels ? { labels: p.labels } : {}) },
      spec: { containers: [{ name: p.name, image: p.image ?? 'nginx', ...(ports.length ? { ports: containerPorts(ports) } : {}) }] },
    });
    if (p.response !== undefined) {
      for (const port of ports) appResponses.push({ namespace: ns, podSelector: {}, pod: p.name, port: port.port, protocol: port.protocol, response: p.response });
    }
    if (p.app === 'connection-test') appPages.push({ namespace: ns, pod: p.name });
  }
  for (const [i, d] of ((c.deployments ?? []) as Raw[]).entries()) {
    from('deployments', i);
    const ns = d.namespace ?? 'default';
    const labels = d.labels ?? { app: d.name };
    const ports = portsOf(d.ports);
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: d.name, namespace: ns, labels },
      spec: {
        replicas: d.replicas ?? 1,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: d.name, image: d.image ?? 'nginx', ...(ports.length ? { ports: containerPorts(ports) } : {}) }] } },
      },
    });
    if (d.response !== undefined) {
      for (const port of ports) appResponses.push({ namespace: ns, podSelector: { matchLabels: labels }, port: port.port, protocol: port.protocol, response: d.response });
    }
  }
  for (const [i, s] of ((c.services ?? []) as Raw[]).entries()) {
    from('services', i);
    const ports = ((s.ports ?? []) as unknown[]).map((p) => (typeof p === 'number' ? { port: p } : { ...(p as Raw) }));
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: s.name, namespace: s.namespace ?? 'default' },
      spec: { ...(s.type ? { type: s.type } : {}), ...(s.selector ? { selector: s.selector } : {}), ports },
    });
  }
  for (const [i, p] of ((c.policies ?? []) as Raw[]).entries()) {
    from('policies', i);
    objects.push(p);
  }
  const externalHosts: ExternalHost[] = ((c.externalHosts ?? []) as Raw[]).map((h) => ({
    name: h.name,
    ip: h.ip,
    ...(h.hostnames ? { hostnames: h.hostnames } : {}),
    ports: ((h.ports ?? []) as unknown[]).map((p) =>
      typeof p === 'number' ? { port: p, protocol: 'TCP' as Protocol } : { port: (p as Raw).port, protocol: ((p as Raw).protocol ?? 'TCP') as Protocol, ...((p as Raw).response !== undefined ? { response: (p as Raw).response } : {}) },
    ),
  }));
  const files: LabFile[] = ((c.files ?? []) as Raw[]).map((f) => ({ path: f.path, content: f.content }));
  const workers = ((c.nodes ?? []) as Raw[]).filter((n) => n.joined !== false).map((n) => String(n.name));
  const unjoined = ((c.nodes ?? []) as Raw[]).filter((n) => n.joined === false).map((n) => String(n.name));
  return {
    objects,
    objectPaths,
    externalHosts,
    appResponses,
    files,
    appPages,
    ...(workers.length ? { workers } : {}),
    ...(unjoined.length ? { unjoined } : {}),
    ...(c.version ? { version: String(c.version) } : {}),
    ...(c.hostAliases ? { hostAliases: c.hostAliases as Record<string, string> } : {}),
    ...(c.prepare ? { prepare: String(c.prepare) } : {}),
  };
}

export function normalizeScenario(v: Raw): Normalized {
  const problems: LocatedError[] = [];
  const { appPages, objectPaths, ...setup } = setupOf(v.cluster ?? {});
  const steps = (v.steps as Raw[]).map((s, i) => stepOf(s, i, problems));
  const seen = new Map<string, number>();
  steps.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined) problems.push({ path: ['steps', i, 'id'], message: `duplicate step id "${s.id}" (also steps[${first}])` });
    else seen.set(s.id, i);
  });
  return {
    scenario: {
      id: v.id,
      title: v.title,
      summary: String(v.summary ?? ''),
      difficulty: v.difficulty ?? 'medium',
      tags: v.tags ?? [],
      minutes: v.minutes ?? 10,
      map: v.map ?? true,
      appPages,
      setup,
      steps,
    },
    problems,
    objectPaths,
  };
}
