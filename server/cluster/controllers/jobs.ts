/**
 * The job controller (pkg/controller/job) on the lab clock: a Job keeps `parallelism` pods active
 * until `completions` of them succeed; a pod's fate is read from its command (../lifecycle: `sleep
 * 5` ends after 5 s, `exit 1` fails, a server never ends). Failures count toward backoffLimit (a
 * failed pod with restartPolicy Never, a container restart with OnFailure); activeDeadlineSeconds
 * fails a Job that runs too long; ttlSecondsAfterFinished removes a finished one. `syncJob` is pure
 * in time: it replays what happened up to `now`, so a lab idle for minutes catches up at once.
 */
import { kubeRandString, rfc3339 } from '../../core/index.js';
import type { KubeObject, Pod } from '../../api/index.js';
import { containerStatusAt, lookupImage, programOf, type ContainerStatusAt } from '../lifecycle/index.js';
import type { ControllerContext, KindStrategy } from '../kinds/strategy.js';
import { reconcileEndpoints } from './endpoints.js';
import type { Loose } from './loose.js';

const ms = (t: string | undefined) => (t ? Date.parse(t) : 0);
const owns = (owner: Loose) => (o: Loose) => o.metadata.ownerReferences?.some((r: Loose) => r.uid === owner.metadata.uid && r.controller);

/** A Job's finished condition, if any (Complete or Failed). */
export function jobFinished(job: Loose): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

/** How a job pod's containers stand at `at`: still running, or ended (when, with which exit code). */
interface PodFate {
  ended?: { at: number; failed: boolean };
  /** Container restarts so far (OnFailure). */
  restarts: number;
  statuses: ContainerStatusAt[];
}

function fateOf(pod: Loose, at: number): PodFate {
  const start = ms(pod.status?.startTime ?? pod.metadata.creationTimestamp);
  const policy = pod.spec.restartPolicy === 'OnFailure' ? 'OnFailure' : 'Never';
  const statuses = (pod.spec.containers as Loose[]).map((c) => {
    const image = lookupImage(String(c.image ?? ''));
    // An image the lab does not know is left running (the pull failure is the pod lifecycle's to show).
    if (!image) return containerStatusAt({ kind: 'runs', logs: [] }, policy, start, at);
    return containerStatusAt(programOf(c, image), policy, start, at);
  });
  const restarts = statuses.reduce((n, s) => n + s.restartCount, 0);
  const ends = statuses.map((s) => ('terminated' in s.state ? s.state.terminated : undefined));
  if (ends.some((e) => e === undefined)) return { restarts, statuses };
  const done = ends as { exitCode: number; finishedAt: number }[];
  return { ended: { at: Math.max(...done.map((e) => e.finishedAt)), failed: done.some((e) => e.exitCode !== 0) }, restarts, statuses };
}

/** The kubelet's status of a pod whose containers all ended: Succeeded or Failed, containers terminated. */
function finishPod(pod: Loose, fate: PodFate): void {
  const end = rfc3339(fate.ended!.at);
  const s = pod.status;
  s.phase = fate.ended!.failed ? 'Failed' : 'Succeeded';
  const reason = 'PodCompleted';
  s.conditions = (s.conditions ?? []).map((c: Loose) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, lastTransitionTime: end, reason, status: 'False' } : c.type === 'PodReadyToStartContainers' ? { ...c, lastTransitionTime: end, status: 'False' } : c,
  );
  s.containerStatuses = (s.containerStatuses ?? []).map((cs: Loose, i: number) => {
    const st = fate.statuses[i]?.state;
    if (!st || !('terminated' in st)) return cs;
    const t = st.terminated;
    return {
      ...cs,
      ready: false,
      restartCount: fate.statuses[i]!.restartCount,
      started: false,
      state: { terminated: { containerID: cs.containerID, exitCode: t.exitCode, finishedAt: rfc3339(t.finishedAt), reason: t.reason, startedAt: rfc3339(t.startedAt) } },
    };
  });
}

function condition(type: string, reason: string, message: string, at: number): Loose {
  const t = rfc3339(at);
  return { lastProbeTime: t, lastTransitionTime: t, message, reason, status: 'True', type };
}

function createJobPod(ctx: ControllerContext, job: Loose, at: number): Loose {
  const podKind = ctx.kindOf('Pod') as KindStrategy<Pod>;
  const ns = job.metadata.namespace;
  const tmpl = job.spec.template;
  let name: string;
  do name = `${job.metadata.name}-${kubeRandString(ctx.random, 5)}`;
  while (ctx.get(podKind, ns, name));
  return ctx.createChild(podKind, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      generateName: `${job.metadata.name}-`,
      namespace: ns,
      creationTimestamp: rfc3339(at),
      labels: { ...(tmpl.metadata?.labels ?? {}) },
      annotations: { ...(tmpl.metadata?.annotations ?? {}) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: { ...structuredClone(tmpl.spec), serviceAccountName: tmpl.spec.serviceAccountName ?? 'default' },
  } as Pod) as Loose;
}

/** Removes a Job's pods (and the Job itself when `withJob`), as the garbage collector would. */
export function removeJob(ctx: ControllerContext, job: Loose, withJob: boolean): void {
  const podKind = ctx.kindOf('Pod')!;
  const ns = job.metadata.namespace;
  for (const p of ctx.list(podKind, ns).filter(owns(job))) ctx.removeQuietly(podKind, ns, p.metadata.name!);
  if (withJob) ctx.removeQuietly(ctx.kindOf('Job')!, ns, job.metadata.name);
  reconcileEndpoints(ctx, ns);
}

/** Brings a Job up to `now`: pods finish, replacements start, the Job completes or fails, its TTL runs out. */
export function syncJob(ctx: ControllerContext, job: Loose, now: number): void {
  if (!job.spec || job.metadata.deletionTimestamp) return;
  const podKind = ctx.kindOf('Pod')!;
  const ns = job.metadata.namespace;
  const spec = job.spec;
  const completions: number = spec.completions ?? 1;
  const parallelism: number = spec.parallelism ?? 1;
  const backoffLimit: number = spec.backoffLimit ?? 6;
  const status = (job.status ??= {});
  let changed = false;
  const finished = jobFinished(job);
  if (finished) {
    const ttl = spec.ttlSecondsAfterFinished;
    const doneAt = ms(status.completionTime ?? status.conditions?.find((c: Loose) => c.type === finished)?.lastTransitionTime);
    if (typeof ttl === 'number' && now >= doneAt + ttl * 1000) removeJob(ctx, job, true);
    return;
  }
  if (spec.suspend) return;
  const created = ms(job.metadata.creationTimestamp);
  if (!status.startTime) {
    status.startTime = rfc3339(Math.min(created, now));
    changed = true;
  }
  const start = ms(status.startTime);
  const deadline = typeof spec.activeDeadlineSeconds === 'number' ? start + spec.activeDeadlineSeconds * 1000 : Infinity;
  // Replay events in time order: at each step, the earliest pod end before now (and the deadline).
  for (let guard = 0; guard < 1000; guard++) {
    const mine = ctx.list(podKind, ns).filter(owns(job)) as Loose[];
    const active = mine.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const succeeded = mine.length - active.length - mine.filter((p) => p.status?.phase === 'Failed').length;
    const failedPods = mine.filter((p) => p.status?.phase === 'Failed').length;
    const horizon = Math.min(now, deadline);
    // Fill up to parallelism at the time of the last event.
    const at = Math.max(start, ...mine.map((p) => (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed' ? ms(p.status.containerStatuses?.[0]?.state?.terminated?.finishedAt) : 0)));
    const want = Math.min(parallelism, completions - succeeded) - active.length;
    if (want > 0 && at <= horizon) {
      for (let i = 0; i < want; i++) createJobPod(ctx, job, at);
      changed = true;
      continue;
    }
    const fates = active.map((p) => ({ p, f: fateOf(p, horizon) }));
    const restarts = fates.reduce((n, x) => n + x.f.restarts, 0);
    const ending = fates.filter((x) => x.f.ended).sort((a, b) => a.f.ended!.at - b.f.ended!.at)[0];
    if (failedPods + restarts > backoffLimit) {
      failJob(ctx, job, 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', horizon);
      return;
    }
    if (ending) {
      finishPod(ending.p, ending.f);
      ctx.touch(ending.p as KubeObject);
      changed = true;
      continue;
    }
    if (now >= deadline) {
      failJob(ctx, job, 'DeadlineExceeded', 'Job was active longer than specified deadline', deadline);
      return;
    }
    if (succeeded >= completions) {
      const end = Math.max(...mine.filter((p) => p.status?.phase === 'Succeeded').map((p) => ms(p.status.containerStatuses?.[0]?.state?.terminated?.finishedAt)));
      for (const p of active) ctx.removeQuietly(podKind, ns, p.metadata.name);
      const msg = 'Reached expected number of succeeded pods';
      job.status = {
        completionTime: rfc3339(end),
        conditions: [condition('SuccessCriteriaMet', 'CompletionsReached', msg, end), condition('Complete', 'CompletionsReached', msg, end)],
        ready: 0,
        startTime: status.startTime,
        succeeded,
        ...(failedPods ? { failed: failedPods } : {}),
        terminating: 0,
        uncountedTerminatedPods: {},
      };
      ctx.touch(job as KubeObject);
      syncJob(ctx, job, now);
      return;
    }
    setActiveStatus(job, active.length, succeeded, failedPods);
    if (changed) ctx.touch(job as KubeObject);
    reconcileEndpoints(ctx, ns);
    return;
  }
}

function setActiveStatus(job: Loose, active: number, succeeded: number, failed: number): void {
  const s = job.status;
  job.status = {
    ...(active ? { active } : {}),
    ...(failed ? { failed } : {}),
    ready: active,
    startTime: s.startTime,
    ...(succeeded ? { succeeded } : {}),
    terminating: 0,
    uncountedTerminatedPods: {},
  };
}

function failJob(ctx: ControllerContext, job: Loose, reason: string, message: string, at: number): void {
  const podKind = ctx.kindOf('Pod')!;
  const ns = job.metadata.namespace;
  const mine = ctx.list(podKind, ns).filter(owns(job)) as Loose[];
  for (const p of mine) if (p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') ctx.removeQuietly(podKind, ns, p.metadata.name);
  const left = ctx.list(podKind, ns).filter(owns(job)) as Loose[];
  const failed = left.filter((p) => p.status?.phase === 'Failed').length + (mine.length - left.length);
  const succeeded = left.filter((p) => p.status?.phase === 'Succeeded').length;
  job.status = {
    conditions: [condition('FailureTarget', reason, message, at), condition('Failed', reason, message, at)],
    failed,
    ready: 0,
    startTime: job.status.startTime,
    ...(succeeded ? { succeeded } : {}),
    terminating: 0,
    uncountedTerminatedPods: {},
  };
  ctx.touch(job as KubeObject);
  reconcileEndpoints(ctx, ns);
  syncJob(ctx, job, at);
}
