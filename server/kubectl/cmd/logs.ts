/**
 * `kubectl logs` (pkg/cmd/logs/logs.go, 1.32): POD [CONTAINER], TYPE/NAME (a workload's first
 * pod, "Found N pods, using pod/x"), -l (each matching pod, --tail 10 by default), -c, the
 * default container and its "Defaulted container" notice, -p, --all-containers, --tail, --since,
 * --since-time, --timestamps, --prefix, --limit-bytes; the kubelet's refusals come back as
 * `Error from server (BadRequest): ...`. The log lines are what the container's program printed
 * (server/cluster/lifecycle), on the lab clock.
 */
import { requirementsMatch, selectorMatches, type KubeObject } from '../../api/index.js';
import { resolveResourceType, StatusError } from '../../cluster/index.js';
import { boolFlag, flag, type FlagSpec, type ParsedArgs } from '../args.js';
import { Out, type Ctx } from '../context.js';
import { clientError, serverError } from '../errors.js';
import { parseSelector } from '../selector.js';

export const LOGS_FLAGS: FlagSpec[] = [
  { name: 'container', short: 'c', kind: 'string' },
  { name: 'previous', short: 'p', kind: 'bool' },
  { name: 'follow', short: 'f', kind: 'bool' },
  { name: 'tail', kind: 'string' },
  { name: 'since', kind: 'string' },
  { name: 'since-time', kind: 'string' },
  { name: 'timestamps', kind: 'bool' },
  { name: 'prefix', kind: 'bool' },
  { name: 'all-containers', kind: 'bool' },
  { name: 'all-pods', kind: 'bool' },
  { name: 'selector', short: 'l', kind: 'string' },
  { name: 'limit-bytes', kind: 'string' },
  { name: 'max-log-requests', kind: 'string' },
  { name: 'ignore-errors', kind: 'bool' },
  { name: 'pod-running-timeout', kind: 'string' },
  { name: 'insecure-skip-tls-verify-backend', kind: 'bool' },
];

type Obj = Record<string, any>;

const USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

/** time.ParseDuration for the forms people type: 10s, 5m, 1h30m, 1.5h. */
function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms']!;
    pos = re.lastIndex;
  }
  return pos === s.length && s.length > 0 ? total : undefined;
}

/** RFC3339Nano as kubelet's log files carry it: trailing zeros of the fraction dropped. */
function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? `.${frac}` : ''}Z`;
}

/** podcmd.AllContainerNames: `app, sidecar, init (init), debugger (ephem)`. */
function allContainerNames(pod: Obj): string {
  return [
    ...(pod.spec.containers ?? []).map((c: Obj) => c.name),
    ...(pod.spec.initContainers ?? []).map((c: Obj) => `${c.name} (init)`),
    ...(pod.spec.ephemeralContainers ?? []).map((c: Obj) => `${c.name} (ephem)`),
  ].join(', ');
}

/** podcmd.FindOrDefaultContainerByName with an empty name: the annotated default, else the first container. */
function defaultContainer(pod: Obj, out: Out): string {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const all = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])] as Obj[];
  if (annotated && all.some((c) => c.name === annotated)) return annotated;
  const first = pod.spec.containers[0].name as string;
  if ((pod.spec.containers ?? []).length > 1 || (pod.spec.initContainers ?? []).length > 0 || (pod.spec.ephemeralContainers ?? []).length > 0) {
    out.warn(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  }
  return first;
}

/** The pods a workload selects, newest-first as kubectl's attachable-pod lookup sorts them (ActivePods). */
function podsOf(obj: Obj, ctx: Ctx): KubeObject[] {
  const podType = resolveResourceType('pods')!;
  const sel = obj.spec?.selector;
  const pods = ctx.cluster.list(podType, obj.metadata.namespace) as Obj[];
  if (obj.kind === 'Service') return pods.filter((p) => sel && Object.entries(sel).every(([k, v]) => p.metadata.labels?.[k] === v)) as KubeObject[];
  return pods.filter((p) => sel && selectorMatches(sel, p.metadata.labels ?? {})) as KubeObject[];
}

export function runLogs(p: ParsedArgs, ctx: Ctx): Out {
  const out = new Out();
  const sel = flag(p, 'selector');
  const args = p.positional;
  if (args.length === 0 && sel === undefined) return out.fail(clientError(USAGE));
  if (args.length > 2) return out.fail(clientError(USAGE));
  if (args.length >= 1 && sel !== undefined) return out.fail(clientError('only a selector (-l) or a POD name is allowed'));
  const tailArg = flag(p, 'tail');
  const tail = tailArg === undefined ? (sel !== undefined ? 10 : -1) : Number(tailArg);
  if (!Number.isInteger(tail)) return out.fail(clientError(`invalid argument "${tailArg}" for "--tail" flag: strconv.ParseInt: parsing "${tailArg}": invalid syntax`));
  if (tail < -1) return out.fail(clientError('--tail must be greater than or equal to -1'));
  const limitArg = flag(p, 'limit-bytes');
  const limit = limitArg === undefined ? 0 : Number(limitArg);
  if (!Number.isInteger(limit)) return out.fail(clientError(`invalid argument "${limitArg}" for "--limit-bytes" flag: strconv.ParseInt: parsing "${limitArg}": invalid syntax`));
  if (limit < 0) return out.fail(clientError('--limit-bytes must be greater than 0'));
  const sinceArg = flag(p, 'since');
  const sinceTimeArg = flag(p, 'since-time');
  if (sinceArg !== undefined && sinceTimeArg !== undefined) return out.fail(clientError('at most one of `sinceTime` or `sinceSeconds` may be specified'));
  let since: number | undefined;
  if (sinceArg !== undefined) {
    const d = parseDuration(sinceArg);
    if (d === undefined) return out.fail(clientError(`invalid argument "${sinceArg}" for "--since" flag: time: invalid duration "${sinceArg}"`));
    // The API server counts whole seconds (sinceSeconds), at least 1.
    since = ctx.now - Math.max(1, Math.ceil(d / 1000)) * 1000;
  }
  if (sinceTimeArg !== undefined) {
    const t = Date.parse(sinceTimeArg);
    if (Number.isNaN(t) || !/^\d{4}-\d\d-\d\dT/.test(sinceTimeArg)) return out.fail(clientError(`parsing time "${sinceTimeArg}" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "${sinceTimeArg}" as "2006"`));
    since = t;
  }
  const podType = resolveResourceType('pods')!;
  const ns = ctx.namespace;
  // The pods (and, for each, the containers) whose logs to print.
  let pods: Obj[] = [];
  if (sel !== undefined) {
    const reqs = parseSelector(sel);
    if (!Array.isArray(reqs) && !reqs.ok) return out.fail(clientError(reqs.message));
    const requirements = Array.isArray(reqs) ? reqs : reqs.value;
    pods = (ctx.cluster.list(podType, ns) as Obj[]).filter((o) => requirementsMatch(requirements, o.metadata.labels));
    if (pods.length === 0) {
      out.warn(`No resources found in ${ns} namespace.\n`);
      return out;
    }
  } else {
    const arg = args[0]!;
    const slash = arg.indexOf('/');
    if (slash < 0) {
      const pod = ctx.cluster.get(podType, ns, arg);
      if (!pod) return out.fail(serverError(StatusError.notFound('pods', arg)));
      pods = [pod as Obj];
    } else {
      const type = resolveResourceType(arg.slice(0, slash));
      const name = arg.slice(slash + 1);
      if (!type) return out.fail(clientError(`the server doesn't have a resource type "${arg.slice(0, slash)}"`));
      const obj = ctx.cluster.get(type, type.namespaced ? ns : undefined, name) as Obj | undefined;
      if (!obj) return out.fail(serverError(StatusError.notFound(type.group ? `${type.resource}.${type.group}` : type.resource, name)));
      if (type.kind === 'Pod') pods = [obj];
      else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Service', 'ReplicationController'].includes(type.kind)) {
        const found = podsOf(obj, ctx);
        if (found.length === 0) return out.fail(clientError(`timed out waiting for the condition`));
        if (found.length > 1) out.warn(`Found ${found.length} pods, using pod/${found[0]!.metadata.name}\n`);
        pods = [found[0] as Obj];
      } else return out.fail(clientError(`cannot get the logs from ${type.group ? `${type.kind.toLowerCase()}.${type.group}` : type.kind.toLowerCase()}`));
    }
  }
  const explicit = flag(p, 'container') ?? args[1];
  const allContainers = boolFlag(p, 'all-containers');
  const streams: { pod: Obj; container: string }[] = [];
  for (const pod of pods) {
    if (allContainers) {
      for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? []), ...(pod.spec.ephemeralContainers ?? [])] as Obj[]) streams.push({ pod, container: c.name });
    } else streams.push({ pod, container: explicit ?? defaultContainer(pod, out) });
  }
  const follow = boolFlag(p, 'follow');
  const maxRequests = Number(flag(p, 'max-log-requests') ?? '5');
  if (follow && streams.length > maxRequests) {
    return out.fail(clientError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`));
  }
  const prefix = boolFlag(p, 'prefix');
  const timestamps = boolFlag(p, 'timestamps');
  for (const s of streams) {
    const r = ctx.cluster.podLogs?.(s.pod.metadata.namespace ?? ns, s.pod.metadata.name, s.container, boolFlag(p, 'previous'));
    if (!r) return out.fail(clientError('logs are not available in this lab'));
    if (!r.ok) {
      out.fail(serverError(StatusError.badRequest(r.message)));
      if (boolFlag(p, 'ignore-errors')) continue;
      return out;
    }
    if (follow) {
      const st = [...(s.pod.status?.initContainerStatuses ?? []), ...(s.pod.status?.containerStatuses ?? [])].find((c: Obj) => c.name === s.container);
      if (st?.state?.running) {
        // Streaming output needs a terminal effect the lab does not have yet: say so rather than print a log that stops.
        return out.fail(clientError('following a running container\'s log (kubectl logs -f) is not available in this lab yet; run kubectl logs again to see new lines'));
      }
    }
    let lines = r.lines.filter((l) => since === undefined || l.at >= since);
    if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
    let text = lines
      .map((l) => `${prefix ? `[pod/${s.pod.metadata.name}/${s.container}] ` : ''}${timestamps ? `${rfc3339Nano(l.at)} ` : ''}${l.text}\n`)
      .join('');
    if (limit > 0) text = text.slice(0, limit);
    out.print(text);
  }
  return out;
}
