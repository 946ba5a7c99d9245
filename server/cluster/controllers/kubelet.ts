/**
 * The kubelet, at read time: a bound pod's status is computed from the lab clock when it is read
 * (../lifecycle/pod-status.ts), never by a timer, so an idle lab costs nothing and a restored one
 * continues where it was. A pod whose status cannot change any more (its containers run and
 * stay ready) is computed once per write of the cluster and then served as stored; the others are
 * computed on each read. The kubelet's events are derived the same way, and an Endpoints object
 * lists a pod under notReadyAddresses while the pod is not Ready.
 */
import { rfc3339 } from '../../core/index.js';
import type { KubeObject } from '../../api/index.js';
import { podStatusAt, runLogs, type KubeletLookups } from '../lifecycle/index.js';
import type { ControllerContext } from '../kinds/strategy.js';
import type { Loose } from './loose.js';

/** The stored pods known to keep their stored status, keyed by the resourceVersion and cluster revision they were judged at. */
const steady = new WeakMap<object, string>();

function lookups(ctx: ControllerContext): KubeletLookups {
  const created = (o: Loose) => Date.parse(o.metadata.creationTimestamp ?? '') || 0;
  const cmKind = ctx.kindOf('ConfigMap');
  const secretKind = ctx.kindOf('Secret');
  const pvcKind = ctx.kindOf('PersistentVolumeClaim');
  return {
    configMap(ns, name) {
      const o = cmKind && (ctx.get(cmKind, ns, name) as Loose | undefined);
      return o ? { data: { ...(o.data ?? {}), ...(o.binaryData ?? {}) }, created: created(o) } : undefined;
    },
    secret(ns, name) {
      const o = secretKind && (ctx.get(secretKind, ns, name) as Loose | undefined);
      return o ? { data: { ...(o.data ?? {}), ...(o.stringData ?? {}) }, created: created(o) } : undefined;
    },
    pvc(ns, name) {
      const o = pvcKind && ctx.get(pvcKind, ns, name);
      return o ? { created: created(o) } : undefined;
    },
  };
}

/** Whether the kubelet drives this pod's status (bound, started, not a mirror pod, not being deleted, not given by a dump). */
function driven(pod: Loose, ctx: ControllerContext): boolean {
  return (
    !!pod.spec?.nodeName &&
    !!pod.status?.startTime &&
    !pod.metadata.deletionTimestamp &&
    pod.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined &&
    !ctx.statusGiven.has(pod.metadata.uid)
  );
}

/** The pod as read at the lab clock's now. */
export function podAtRead(pod: KubeObject, ctx: ControllerContext, revision: number): KubeObject {
  const o = pod as Loose;
  if (!driven(o, ctx)) return pod;
  const key = `${o.metadata.resourceVersion}|${revision}`;
  if (steady.get(pod) === key) return pod;
  const r = podStatusAt(o, Date.parse(o.status.startTime), ctx.clock.now(), lookups(ctx));
  if (!r.changing) {
    steady.set(pod, key);
    return pod;
  }
  return { ...pod, status: clean(r.status) } as KubeObject;
}

const clean = (s: Loose) => {
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  return s;
};

/** The kubelet's events about the pods of a namespace (or all), as core/v1 Events. */
export function kubeletEvents(ctx: ControllerContext, namespace: string | undefined): KubeObject[] {
  const out: KubeObject[] = [];
  const now = ctx.clock.now();
  const look = lookups(ctx);
  for (const p of ctx.list(ctx.kindOf('Pod')!, namespace) as Loose[]) {
    if (!driven(p, ctx)) continue;
    const r = podStatusAt(p, Date.parse(p.status.startTime), now, look);
    r.events.forEach((e, i) => {
      out.push({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${p.metadata.name}.${(BigInt(e.first) * 1_000_000n + 1000n + BigInt(i)).toString(16)}`, namespace: p.metadata.namespace, creationTimestamp: rfc3339(e.first) },
        involvedObject: {
          apiVersion: 'v1',
          kind: 'Pod',
          name: p.metadata.name,
          namespace: p.metadata.namespace,
          uid: p.metadata.uid,
          ...(e.fieldPath ? { fieldPath: e.fieldPath } : {}),
        },
        reason: e.reason,
        message: e.message,
        source: { component: 'kubelet', host: p.spec.nodeName },
        firstTimestamp: rfc3339(e.first),
        lastTimestamp: rfc3339(e.last),
        count: e.count,
        type: e.type,
        eventTime: null,
        reportingComponent: 'kubelet',
        reportingInstance: p.spec.nodeName,
      } as KubeObject);
    });
  }
  return out;
}

/** An Endpoints object as read: addresses of pods that are not Ready (now) moved to notReadyAddresses. */
export function endpointsAtRead(ep: KubeObject, ctx: ControllerContext, revision: number): KubeObject {
  const o = ep as Loose;
  if (!o.subsets?.length) return ep;
  const podKind = ctx.kindOf('Pod')!;
  let changed = false;
  const subsets = (o.subsets as Loose[]).map((s) => {
    const ready: Loose[] = [];
    const notReady: Loose[] = [...(s.notReadyAddresses ?? [])];
    for (const a of (s.addresses ?? []) as Loose[]) {
      const pod = a.targetRef?.kind === 'Pod' ? ctx.get(podKind, a.targetRef.namespace ?? o.metadata.namespace, a.targetRef.name) : undefined;
      const seen = pod ? (podAtRead(pod, ctx, revision) as Loose) : undefined;
      const isReady = !seen || (seen.status?.conditions ?? []).some((c: Loose) => c.type === 'Ready' && c.status === 'True') || !(seen.status?.conditions ?? []).length;
      if (isReady) ready.push(a);
      else {
        notReady.push(a);
        changed = true;
      }
    }
    const next: Loose = { ...(ready.length ? { addresses: ready } : {}), ...(notReady.length ? { notReadyAddresses: notReady } : {}), ports: s.ports };
    return next;
  });
  return changed ? ({ ...ep, subsets } as KubeObject) : ep;
}

export type LogsResult = { ok: true; lines: { at: number; text: string }[] } | { ok: false; message: string };

/**
 * A container's log as the kubelet serves it (kuberuntime_logs, kubelet.go validateContainerLogStatus):
 * the current run, or with `previous` the one before; the kubelet's refusals as the API server's
 * BadRequest messages.
 */
export function containerLogs(ctx: ControllerContext, pod: KubeObject, container: string, previous: boolean): LogsResult {
  const o = pod as Loose;
  const name = o.metadata.name;
  if (!o.spec?.nodeName) return { ok: false, message: `pod ${name} does not have a host assigned` };
  const all = [...(o.spec.initContainers ?? []), ...(o.spec.containers ?? []), ...(o.spec.ephemeralContainers ?? [])] as Loose[];
  if (!all.some((c) => c.name === container)) return { ok: false, message: `container ${container} is not valid for pod ${name}` };
  const mirror = o.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
  if (!driven(o, ctx) && !mirror && !ctx.statusGiven.has(o.metadata.uid)) return { ok: false, message: `container "${container}" in pod "${name}" is waiting to start: ContainerCreating` };
  const now = ctx.clock.now();
  const r = podStatusAt(o, Date.parse(o.status.startTime), now, lookups(ctx));
  const statuses = [...(r.status.initContainerStatuses ?? []), ...(r.status.containerStatuses ?? [])] as Loose[];
  const st = statuses.find((s) => s.name === container);
  const proc = r.processes[container];
  const runs = proc?.runs ?? [];
  const current = runs[runs.length - 1];
  if (previous) {
    if (!st?.lastState?.terminated || runs.length < 2) return { ok: false, message: `previous terminated container "${container}" in pod "${name}" not found` };
    return { ok: true, lines: runLogs(proc!.program, runs[runs.length - 2]!, now) };
  }
  const waiting = st?.state?.waiting;
  if (st?.state?.running || st?.state?.terminated || (waiting && st?.lastState?.terminated)) {
    // In CrashLoopBackOff the log is the last terminated run's.
    return current ? { ok: true, lines: runLogs(proc!.program, current, now) } : { ok: true, lines: [] };
  }
  const reason = waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull') return { ok: false, message: `container "${container}" in pod "${name}" is waiting to start: image can't be pulled` };
  if (reason === 'ImagePullBackOff') return { ok: false, message: `container "${container}" in pod "${name}" is waiting to start: trying and failing to pull image` };
  return { ok: false, message: `container "${container}" in pod "${name}" is waiting to start: ${reason}` };
}
