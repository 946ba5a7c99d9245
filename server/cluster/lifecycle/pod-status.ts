/**
 * A bound pod's status at a moment of the lab clock, as its node's kubelet would report it:
 * image pulls (ErrImagePull ⇄ ImagePullBackOff with kubelet's back-off), CreateContainerConfigError
 * for a missing ConfigMap/Secret, ContainerCreating while a volume's source is missing, init
 * containers one after the other (sidecars started and left running), each container's runs with
 * the crash back-off (./timeline.ts), readiness and liveness probes, and the pod's phase and
 * conditions (pkg/kubelet/kubelet_pods.go getPhase, pkg/kubelet/status/generate.go). Pure: the
 * caller passes the objects the kubelet would look up, and the same inputs give the same status,
 * so nothing ticks for an idle lab and a restored lab continues where it was.
 *
 * Alongside the status: the kubelet's events up to that moment (Pulling, Failed, BackOff, Created,
 * Started, FailedMount, Unhealthy, Killing), counted as the event correlator aggregates them.
 */
import { pullImage, type ImageInfo } from './images.js';
import { programOf, type Program } from './program.js';
import { containerStatusAt, crashLoopMessage, type ContainerState, type Run, type RestartPolicy } from './timeline.js';

type Obj = Record<string, any>;

/** The objects a kubelet reads for a pod: ConfigMaps and Secrets (with their creation time, epoch ms) and PVCs. */
export interface KubeletLookups {
  configMap(namespace: string, name: string): { data: Record<string, string>; created: number } | undefined;
  secret(namespace: string, name: string): { data: Record<string, string>; created: number } | undefined;
  pvc(namespace: string, name: string): { created: number } | undefined;
}

export interface KubeletEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `spec.containers{app}`, or undefined for the pod itself. */
  fieldPath?: string;
  first: number;
  last: number;
  count: number;
}

export interface PodStatusAt {
  status: Obj;
  /** Each started container's program and runs, by container name. */
  processes: Record<string, ContainerProcess>;
  events: KubeletEvent[];
  /** Whether the status can change as the clock moves on (false: what was stored stays true). */
  changing: boolean;
}

/** Seconds kubelet takes to pull an image it does not have (the lab's constant). */
const PULL_S = 2;
/** How long a failed pull shows ErrImagePull before the pod worker's next sync reports ImagePullBackOff. */
const ERR_SHOWN_S = 5;
const MAX_BACKOFF_S = 300;
/** kubelet's volume manager retries a failed mount on this period (the events' count grows with it). */
const MOUNT_RETRY_S = 120;

const rfc = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const backOff = (k: number) => Math.min(10 * 2 ** k, MAX_BACKOFF_S);

/** The image reference kubelet names in its messages: the spec's, with `:latest` added when it has no tag. */
function imageRef(image: string): string {
  if (image.includes('@')) return image;
  const slash = image.lastIndexOf('/');
  return image.lastIndexOf(':') > slash ? image : `${image}:latest`;
}

/** The lab's pull time: half a second plus the image at 40 MB/s (deterministic, so a lab replays). */
const pullMillis = (info: ImageInfo) => 500 + Math.floor(info.size / 40_000);

/** time.Duration.String() of whole milliseconds: 812ms, 2.323s. */
function goMillis(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  return `${(ms / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
}

/** A missing ConfigMap/Secret an env var needs: kubelet's CreateContainerConfigError message (kubelet_pods.go makeEnvironmentVariables). */
function configError(c: Obj, ns: string, look: KubeletLookups, at: number): string | undefined {
  for (const from of (c.envFrom ?? []) as Obj[]) {
    if (from.configMapRef && !from.configMapRef.optional) {
      const cm = look.configMap(ns, from.configMapRef.name);
      if (!cm || cm.created > at) return `configmap "${from.configMapRef.name}" not found`;
    }
    if (from.secretRef && !from.secretRef.optional) {
      const s = look.secret(ns, from.secretRef.name);
      if (!s || s.created > at) return `secret "${from.secretRef.name}" not found`;
    }
  }
  for (const e of (c.env ?? []) as Obj[]) {
    const cmRef = e.valueFrom?.configMapKeyRef;
    if (cmRef && !cmRef.optional) {
      const cm = look.configMap(ns, cmRef.name);
      if (!cm || cm.created > at) return `configmap "${cmRef.name}" not found`;
      if (!(cmRef.key in cm.data)) return `couldn't find key ${cmRef.key} in ConfigMap ${ns}/${cmRef.name}`;
    }
    const sRef = e.valueFrom?.secretKeyRef;
    if (sRef && !sRef.optional) {
      const s = look.secret(ns, sRef.name);
      if (!s || s.created > at) return `secret "${sRef.name}" not found`;
      if (!(sRef.key in s.data)) return `couldn't find key ${sRef.key} in Secret ${ns}/${sRef.name}`;
    }
  }
  return undefined;
}

/** The first volume whose source is missing: kubelet's FailedMount message (operation_generator.go, configmap/secret volume plugins). */
function missingVolume(spec: Obj, ns: string, look: KubeletLookups, at: number): string | undefined {
  for (const v of (spec.volumes ?? []) as Obj[]) {
    if (v.configMap && !v.configMap.optional) {
      const cm = look.configMap(ns, v.configMap.name);
      if (!cm || cm.created > at) return `MountVolume.SetUp failed for volume "${v.name}" : configmap "${v.configMap.name}" not found`;
    }
    if (v.secret && !v.secret.optional) {
      const s = look.secret(ns, v.secret.secretName);
      if (!s || s.created > at) return `MountVolume.SetUp failed for volume "${v.name}" : secret "${v.secret.secretName}" not found`;
    }
  }
  return undefined;
}

/** Memory in bytes of a quantity (`100Mi`, `250M`, `1G`). */
function bytes(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/.exec(String(q).trim());
  if (!m) return undefined;
  const mult: Record<string, number> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * mult[m[2] ?? '']!;
}

/**
 * How much memory the container's process takes: `stress --vm-bytes 250M` (the docs' OOM example,
 * image polinux/stress) or the `ckalab.io/memory-usage` annotation a scenario sets, e.g. `app=300Mi`.
 */
function memoryUse(c: Obj, pod: Obj): number | undefined {
  const ann = String(pod.metadata?.annotations?.['ckalab.io/memory-usage'] ?? '');
  for (const part of ann.split(',')) {
    const [name, q] = part.split('=');
    if (name?.trim() === c.name && q) return bytes(q.trim());
  }
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  const i = argv.indexOf('--vm-bytes');
  if (argv.some((a) => a.endsWith('stress')) && i >= 0) return bytes(argv[i + 1]);
  return undefined;
}

/** Whether a probe succeeds against a container running `program` from `image` (the lab's judgement, documented in README). */
function probePasses(probe: Obj, c: Obj, info: ImageInfo, program: Program): { ok: true } | { ok: false; message: string } {
  const listening = new Set<number>(c.command === undefined && c.args === undefined ? info.ports : []);
  const portOf = (p: number | string): number | undefined => (typeof p === 'number' ? p : ((c.ports ?? []) as Obj[]).find((x) => x.name === p)?.containerPort);
  if (probe.httpGet) {
    const port = portOf(probe.httpGet.port);
    if (port === undefined || !listening.has(port)) return { ok: false, message: `Get "http://${'POD_IP'}:${port ?? probe.httpGet.port}${probe.httpGet.path ?? '/'}": dial tcp ${'POD_IP'}:${port ?? probe.httpGet.port}: connect: connection refused` };
    const path = probe.httpGet.path ?? '/';
    if (!['/', '/index.html'].includes(path)) return { ok: false, message: 'HTTP probe failed with statuscode: 404' };
    return { ok: true };
  }
  if (probe.tcpSocket) {
    const port = portOf(probe.tcpSocket.port);
    if (port === undefined || !listening.has(port)) return { ok: false, message: `dial tcp ${'POD_IP'}:${port ?? probe.tcpSocket.port}: connect: connection refused` };
    return { ok: true };
  }
  if (probe.exec) {
    const argv = ((probe.exec.command ?? []) as string[]).map(String);
    const script = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
    // `cat /tmp/healthy`, `test -f FILE`, `ls FILE`: passes when the container's own command creates the file.
    const file = argv.find((a, i) => i > 0 && a.startsWith('/'));
    if (file && !new RegExp(`(touch|>|mkdir -p)\\s*${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(script)) {
      const tool = (argv[0] ?? '').split('/').pop();
      return { ok: false, message: tool === 'cat' ? `cat: can't open '${file}': No such file or directory` : '' };
    }
    if (program.kind === 'cannot-start') return { ok: false, message: '' };
    return { ok: true };
  }
  return { ok: true };
}

interface ContainerResult {
  status: Obj;
  /** Epoch ms when it completed successfully (init containers), or undefined. */
  completedAt?: number;
  /** Started (and, for sidecars, running): the next init container may start. */
  startedAt?: number;
  ready: boolean;
  running: boolean;
  changing: boolean;
  /** What the container ran and its runs (for `kubectl logs`), when it got as far as starting. */
  process?: ContainerProcess;
}

/** A container's program and its runs so far, oldest first (the latest RECENT_RUNS). */
export interface ContainerProcess {
  program: Program;
  runs: Run[];
}

/** Events for a run of the same thing repeated at `times` (epoch ms, ascending, ≤ now). */
function repeated(out: KubeletEvent[], times: number[], e: Omit<KubeletEvent, 'first' | 'last' | 'count'>): void {
  if (times.length === 0) return;
  out.push({ ...e, first: times[0]!, last: times[times.length - 1]!, count: times.length });
}

function runContainer(c: Obj, pod: Obj, isInit: boolean, startAt: number, now: number, look: KubeletLookups, events: KubeletEvent[]): ContainerResult {
  const ns = pod.metadata.namespace ?? 'default';
  const sidecar = isInit && c.restartPolicy === 'Always';
  const fieldPath = `spec.${isInit ? 'initContainers' : 'containers'}{${c.name}}`;
  const base = { image: c.image, name: c.name, ready: false, restartCount: 0, started: false, lastState: {} } as Obj;
  if (now < startAt) return { status: { ...base, imageID: '', state: { waiting: { reason: isInit ? 'PodInitializing' : 'PodInitializing' } } }, ready: false, running: false, changing: true };
  const pull = pullImage(c.image, (pod.spec.imagePullSecrets ?? []).length > 0);
  const ref = imageRef(c.image);
  if (!pull.ok) {
    // Attempts at a_0 = start, a_{k+1} = a_k + PULL_S + backOff(k); each fails PULL_S after it begins.
    const attempts: number[] = [];
    let a = startAt;
    for (let k = 0; a <= now && attempts.length < 10_000; k++) {
      attempts.push(a);
      a += (PULL_S + backOff(k)) * 1000;
    }
    const failed = attempts.map((t) => t + PULL_S * 1000).filter((t) => t <= now);
    const lastFail = failed[failed.length - 1];
    repeated(events, attempts, { type: 'Normal', reason: 'Pulling', message: `Pulling image "${ref}"`, fieldPath });
    repeated(events, failed, { type: 'Warning', reason: 'Failed', message: `Failed to pull image "${ref}": ${pull.message}`, fieldPath });
    repeated(events, failed, { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', fieldPath });
    const backOffs = failed.map((t) => t + ERR_SHOWN_S * 1000).filter((t) => t <= now);
    repeated(events, backOffs, { type: 'Normal', reason: 'BackOff', message: `Back-off pulling image "${ref}"`, fieldPath });
    repeated(events, backOffs, { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', fieldPath });
    let waiting: Obj;
    if (lastFail === undefined || attempts[attempts.length - 1]! > lastFail) waiting = { reason: 'ContainerCreating' };
    else if (now - lastFail < ERR_SHOWN_S * 1000) waiting = { message: pull.message, reason: 'ErrImagePull' };
    else waiting = { message: `Back-off pulling image "${ref}": ErrImagePull: ${pull.message}`, reason: 'ImagePullBackOff' };
    // While a retry pulls, the status still shows the back-off it came out of.
    if (waiting.reason === 'ContainerCreating' && failed.length > 0) waiting = { message: `Back-off pulling image "${ref}": ErrImagePull: ${pull.message}`, reason: 'ImagePullBackOff' };
    return { status: { ...base, imageID: '', state: { waiting } }, ready: false, running: false, changing: true };
  }
  const info = pull.info;
  if (c.imagePullPolicy === 'Never') {
    events.push({ type: 'Normal', reason: 'Pulled', message: `Container image "${c.image}" already present on machine`, fieldPath, first: startAt, last: startAt, count: 1 });
  } else {
    // image_manager.go: `Successfully pulled image %q in %v (%v including waiting). Image size: %v bytes.`
    const took = goMillis(pullMillis(info));
    events.push({ type: 'Normal', reason: 'Pulling', message: `Pulling image "${ref}"`, fieldPath, first: startAt, last: startAt, count: 1 });
    events.push({ type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${ref}" in ${took} (${took} including waiting). Image size: ${info.size} bytes.`, fieldPath, first: startAt, last: startAt, count: 1 });
  }
  const cfg = configError(c, ns, look, now);
  if (cfg) {
    events.push({ type: 'Warning', reason: 'Failed', message: `Error: ${cfg}`, fieldPath, first: startAt, last: now, count: Math.max(1, Math.floor((now - startAt) / 10_000) + 1) });
    return { status: { ...base, imageID: '', state: { waiting: { message: cfg, reason: 'CreateContainerConfigError' } } }, ready: false, running: false, changing: true };
  }
  let program = programOf(c, info);
  const policy: RestartPolicy = sidecar ? 'Always' : isInit ? (pod.spec.restartPolicy === 'Never' ? 'Never' : 'OnFailure') : (pod.spec.restartPolicy ?? 'Always');
  // A liveness probe that always fails: kubelet kills the container after initialDelay + period × failureThreshold.
  const liveness = c.livenessProbe as Obj | undefined;
  let livenessFailure: string | undefined;
  if (liveness && program.kind !== 'cannot-start') {
    const r = probePasses(liveness, c, info, program);
    if (!r.ok) {
      const after = (liveness.initialDelaySeconds ?? 0) + (liveness.periodSeconds ?? 10) * (liveness.failureThreshold ?? 3);
      livenessFailure = r.message;
      if (program.kind === 'runs' || program.after > after) program = { kind: 'exits', after, code: info.behaviour.kind === 'serves' ? 0 : 137, logs: program.logs };
    }
  }
  const limit = bytes(c.resources?.limits?.memory);
  const use = memoryUse(c, pod);
  const oom = limit !== undefined && use !== undefined && use > limit;
  const t = containerStatusAt(program, policy, startAt, now, oom ? { oomAfter: 1 } : {});
  const starts = t.runs.map((r) => r.start);
  const skipped = t.restartCount + 1 - t.runs.length;
  const created = { count: skipped + starts.length, first: startAt, last: starts[starts.length - 1] ?? startAt };
  if (starts.length) {
    events.push({ type: 'Normal', reason: 'Created', message: `Created container ${c.name}`, fieldPath, ...created });
    if (program.kind !== 'cannot-start') events.push({ type: 'Normal', reason: 'Started', message: `Started container ${c.name}`, fieldPath, ...created });
    else events.push({ type: 'Warning', reason: 'Failed', message: `Error: ${program.message}`, fieldPath, ...created });
  }
  if (livenessFailure !== undefined) {
    const kills = t.runs.filter((r) => r.end !== undefined).map((r) => r.end!);
    const probeStart = (liveness!.initialDelaySeconds ?? 0) + (liveness!.periodSeconds ?? 10);
    const probes = t.runs.flatMap((r) => {
      const out: number[] = [];
      for (let p = r.start + probeStart * 1000; p <= Math.min(now, r.end ?? now); p += (liveness!.periodSeconds ?? 10) * 1000) out.push(p);
      return out;
    });
    const podIP = pod.status?.podIP ?? '';
    repeated(events, probes, { type: 'Warning', reason: 'Unhealthy', message: `Liveness probe failed: ${livenessFailure.replace(/POD_IP/g, podIP)}`, fieldPath });
    repeated(events, kills, { type: 'Normal', reason: 'Killing', message: `Container ${c.name} failed liveness probe, will be restarted`, fieldPath });
  }
  const crashing = 'waiting' in t.state && t.state.waiting.reason === 'CrashLoopBackOff';
  if (t.runs.some((r) => r.end !== undefined) && crashing) {
    const ends = t.runs.filter((r) => r.end !== undefined).slice(1).map((r) => r.end! + 1000);
    repeated(events, ends.length ? ends : [t.runs[0]!.end! + 1000], { type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container ' + c.name + ' in pod ' + `${pod.metadata.name}_${ns}(${pod.metadata.uid})`, fieldPath });
  }
  let readiness = true;
  let readinessFailure: string | undefined;
  const rp = c.readinessProbe as Obj | undefined;
  if (rp && t.running) {
    const r = probePasses(rp, c, info, program);
    if (!r.ok) {
      readiness = false;
      readinessFailure = r.message;
    } else if (now < t.runs[t.runs.length - 1]!.start + (rp.initialDelaySeconds ?? 0) * 1000) readiness = false;
  }
  if (readinessFailure !== undefined) {
    const runStart = t.runs[t.runs.length - 1]!.start + (rp!.initialDelaySeconds ?? 0) * 1000;
    const times: number[] = [];
    for (let p = runStart; p <= now && times.length < 100_000; p += (rp!.periodSeconds ?? 10) * 1000) times.push(p);
    const podIP = pod.status?.podIP ?? '';
    repeated(events, times, { type: 'Warning', reason: 'Unhealthy', message: `Readiness probe failed: ${readinessFailure.replace(/POD_IP/g, podIP)}`, fieldPath });
  }
  const state = toApiState(t.state, c.name, pod, t.backOff ?? 10, t.restartCount);
  const lastState = 'terminated' in t.lastState ? toApiState(t.lastState as ContainerState, c.name, pod, 0, Math.max(0, t.restartCount - 1)) : {};
  const ready = t.running && readiness && (!sidecar || true);
  const status: Obj = {
    containerID: `containerd://${containerId(pod.metadata.uid ?? '', c.name, t.restartCount)}`,
    image: pull.ref,
    imageID: `${pull.ref.replace(/[:@][^:/@]*$/, '')}@sha256:${containerId(info.repository, 'image', 0)}`,
    lastState,
    name: c.name,
    ready,
    restartCount: t.restartCount,
    started: t.running,
    state,
  };
  const completed = t.runs.find((r) => r.exitCode === 0 && r.end !== undefined);
  // Steady only when nothing scheduled can happen to it: a process that runs for good, no OOM kill to come, no readiness delay.
  const changing = !(program.kind === 'runs' && !oom && t.restartCount === 0 && !rp?.initialDelaySeconds) || now < startAt;
  return {
    status,
    ready,
    running: t.running,
    changing,
    process: { program, runs: t.runs },
    ...(completed && !sidecar ? { completedAt: completed.end! } : {}),
    ...(t.runs.length ? { startedAt: t.runs[0]!.start } : {}),
  };
}

function toApiState(s: ContainerState, name: string, pod: Obj, backOffS: number, run: number): Obj {
  if ('running' in s) return { running: { startedAt: rfc(s.running.startedAt) } };
  if ('terminated' in s) {
    const x = s.terminated;
    return {
      terminated: {
        containerID: `containerd://${containerId(pod.metadata.uid ?? '', name, run)}`,
        exitCode: x.exitCode,
        finishedAt: rfc(x.finishedAt),
        ...(x.message ? { message: x.message } : {}),
        reason: x.reason,
        startedAt: rfc(x.startedAt),
      },
    };
  }
  const w = s.waiting;
  if (w.reason === 'CrashLoopBackOff') return { waiting: { message: crashLoopMessage(backOffS, name, { name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', uid: pod.metadata.uid ?? '' }), reason: w.reason } };
  return { waiting: { ...(w.message ? { message: w.message } : {}), reason: w.reason } };
}

/** 64 hex digits derived from the pod's uid, the container and its run (stable across reads). */
function containerId(uid: string, name: string, run: number): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = 0x811c9dc5 ^ round ^ run;
    const seed = `${uid}/${name}/${run}`;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/** The pod's status and kubelet events at `now` for a pod bound to a node since `startTime` (epoch ms). */
export function podStatusAt(pod: Obj, startTime: number, now: number, look: KubeletLookups): PodStatusAt {
  const ns = pod.metadata.namespace ?? 'default';
  const spec = pod.spec as Obj;
  const events: KubeletEvent[] = [];
  const stored = (pod.status ?? {}) as Obj;
  const initContainers = (spec.initContainers ?? []) as Obj[];
  const containers = (spec.containers ?? []) as Obj[];
  const mount = missingVolume(spec, ns, look, now);
  const baseStatus = {
    hostIP: stored.hostIP,
    hostIPs: stored.hostIPs,
    podIP: stored.podIP,
    podIPs: stored.podIPs,
    qosClass: stored.qosClass,
    startTime: stored.startTime,
  };
  const cond = (type: string, ok: boolean, at: number, reason?: string, message?: string) => ({
    lastProbeTime: null,
    lastTransitionTime: rfc(at),
    ...(message ? { message } : {}),
    ...(reason ? { reason } : {}),
    status: ok ? 'True' : 'False',
    type,
  });
  if (mount) {
    const times: number[] = [];
    for (let t = startTime; t <= now && times.length < 100_000; t += MOUNT_RETRY_S * 1000) times.push(t);
    repeated(events, times, { type: 'Warning', reason: 'FailedMount', message: mount });
    const waiting = (c: Obj, reason: string) => ({ image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason } } });
    const names = (cs: Obj[]) => `[${cs.map((c) => c.name).join(' ')}]`;
    return {
      status: {
        conditions: [
          cond('PodReadyToStartContainers', false, startTime),
          cond('Initialized', initContainers.length === 0, startTime, initContainers.length ? 'ContainersNotInitialized' : undefined, initContainers.length ? `containers with incomplete status: ${names(initContainers)}` : undefined),
          cond('Ready', false, startTime, 'ContainersNotReady', `containers with unready status: ${names(containers)}`),
          cond('ContainersReady', false, startTime, 'ContainersNotReady', `containers with unready status: ${names(containers)}`),
          cond('PodScheduled', true, startTime),
        ],
        containerStatuses: containers.map((c) => waiting(c, 'ContainerCreating')),
        ...(initContainers.length ? { initContainerStatuses: initContainers.map((c) => waiting(c, 'PodInitializing')) } : {}),
        ...baseStatus,
        phase: 'Pending',
        podIP: undefined,
        podIPs: undefined,
      },
      processes: {},
      events,
      changing: true,
    };
  }
  let changing = false;
  const processes: Record<string, ContainerProcess> = {};
  // Init containers one after the other; a sidecar lets the next one start once it has started.
  let t = startTime;
  let initialized = true;
  const initStatuses: Obj[] = [];
  const incomplete: string[] = [];
  let initFailedForGood = false;
  for (const c of initContainers) {
    if (!initialized) {
      initStatuses.push({ image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'PodInitializing' } } });
      incomplete.push(c.name);
      continue;
    }
    const r = runContainer(c, pod, true, t, now, look, events);
    if (r.process) processes[c.name] = r.process;
    initStatuses.push(r.status);
    changing ||= r.changing;
    if (c.restartPolicy === 'Always') {
      if (r.startedAt === undefined) {
        initialized = false;
        incomplete.push(c.name);
      } else t = r.startedAt;
      continue;
    }
    if (r.completedAt !== undefined) {
      r.status.ready = false;
      t = r.completedAt;
      continue;
    }
    initialized = false;
    incomplete.push(c.name);
    if (spec.restartPolicy === 'Never' && r.status.state?.terminated) initFailedForGood = true;
  }
  const statuses: Obj[] = [];
  const unready: string[] = [];
  const rs: ContainerResult[] = [];
  for (const c of containers) {
    if (!initialized) {
      statuses.push({ image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'PodInitializing' } } });
      unready.push(c.name);
      continue;
    }
    const r = runContainer(c, pod, false, t, now, look, events);
    if (r.process) processes[c.name] = r.process;
    rs.push(r);
    statuses.push(r.status);
    changing ||= r.changing;
    if (!r.ready) unready.push(c.name);
  }
  // getPhase: waiting without a previous run is pending; terminated counts as stopped.
  let phase: string;
  if (initFailedForGood) phase = 'Failed';
  else if (!initialized) phase = 'Pending';
  else {
    let pending = 0;
    let running = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const s of statuses) {
      if (s.state.running) running++;
      else if (s.state.terminated) {
        stopped++;
        if (s.state.terminated.exitCode === 0) succeeded++;
      } else if (s.lastState?.terminated) stopped++;
      else pending++;
    }
    const policy = spec.restartPolicy ?? 'Always';
    if (pending > 0) phase = 'Pending';
    else if (running > 0) phase = 'Running';
    else if (stopped > 0) {
      if (policy === 'Always') phase = 'Running';
      else if (stopped === succeeded) phase = 'Succeeded';
      else if (policy === 'Never') phase = 'Failed';
      else phase = 'Running';
    } else phase = 'Pending';
  }
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const readyOk = initialized && unready.length === 0 && !terminal;
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const readyMsg = terminal ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const conditions = [
    cond('PodReadyToStartContainers', !terminal, startTime),
    cond('Initialized', initialized, initialized ? t : startTime, initialized ? undefined : 'ContainersNotInitialized', initialized ? undefined : `containers with incomplete status: [${incomplete.join(' ')}]`),
    cond('Ready', readyOk, startTime, readyOk ? undefined : readyReason, readyOk ? undefined : readyMsg),
    cond('ContainersReady', readyOk, startTime, readyOk ? undefined : readyReason, readyOk ? undefined : readyMsg),
    cond('PodScheduled', true, startTime),
  ];
  events.sort((a, b) => a.last - b.last || a.first - b.first);
  // What the kubelet stored when the pod started stays true only for a pod whose containers all run, ready, never restarted.
  const steady = initContainers.length === 0 && phase === 'Running' && statuses.every((s) => s.state.running && s.ready && s.restartCount === 0);
  changing ||= !steady;
  return {
    status: {
      conditions,
      containerStatuses: statuses,
      ...baseStatus,
      ...(initContainers.length ? { initContainerStatuses: initStatuses } : {}),
      phase,
    },
    processes,
    events,
    changing,
  };
}

/** busybox `date`: `Tue Feb  4 06:00:05 UTC 2025`. */
function busyboxDate(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day} ${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** The lines a run printed up to `until` (epoch ms), each with its time; a looping program's lines repeat on its period. */
export function runLogs(program: Program, run: Run, until: number, limit = 100_000): { at: number; text: string }[] {
  if (program.kind === 'cannot-start') return [];
  const end = Math.min(until, run.end ?? until);
  const out: { at: number; text: string }[] = [];
  for (const l of program.logs) if (run.start + l.at * 1000 <= end) out.push({ at: run.start + l.at * 1000, text: l.text });
  const loop = program.kind === 'runs' ? program.loop : undefined;
  if (loop) {
    // Only the latest `limit` lines are kept, as kubelet rotates a container's log.
    const first = Math.max(0, Math.floor((end - run.start - loop.from * 1000) / (loop.period * 1000)) + 1 - Math.ceil(limit / Math.max(1, loop.lines.length)));
    for (let k = first; ; k++) {
      const at = run.start + (loop.from + k * loop.period) * 1000;
      if (at > end) break;
      for (const line of loop.lines) out.push({ at, text: line.replace(/\$\(date\)/g, busyboxDate(at)) });
    }
  }
  return out;
}
