/**
 * The cronjob controller (pkg/controller/cronjob) on the lab clock: at each scheduled time a Job
 * named `<cronjob>-<minutes since the epoch>` from the jobTemplate, unless suspended; the
 * concurrency policy decides what happens while one still runs (Allow, Forbid, Replace); finished
 * Jobs beyond the history limits are removed, oldest first. Time passes in one step per command,
 * so every scheduled time since the last sync is replayed in order (at most 100 per sync, as the
 * controller refuses to catch up on more).
 */
import { rfc3339 } from '../../core/index.js';
import type { KubeObject } from '../../api/index.js';
import { parseCronSchedule, scheduleTimes } from '../cron.js';
import type { ControllerContext } from '../kinds/strategy.js';
import { jobFinished, removeJob, syncJob } from './jobs.js';
import type { Loose } from './loose.js';

const MAX_MISSED = 100;
const ms = (t: string | undefined) => (t ? Date.parse(t) : 0);

function ownedJobs(ctx: ControllerContext, cj: Loose): Loose[] {
  return (ctx.list(ctx.kindOf('Job')!, cj.metadata.namespace) as Loose[]).filter((j) => j.metadata.ownerReferences?.some((r: Loose) => r.uid === cj.metadata.uid && r.controller));
}

function createJob(ctx: ControllerContext, cj: Loose, at: number): void {
  const tmpl = cj.spec.jobTemplate ?? {};
  const name = `${cj.metadata.name}-${Math.floor(at / 60_000)}`;
  if (ctx.get(ctx.kindOf('Job')!, cj.metadata.namespace, name)) return;
  const job = ctx.createChild(ctx.kindOf('Job')!, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      creationTimestamp: rfc3339(at),
      ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
      annotations: { ...(tmpl.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339(at) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: structuredClone(tmpl.spec ?? {}),
  } as KubeObject) as Loose;
  void job;
}

/** Replays a CronJob's schedule up to `now`. */
export function syncCronJob(ctx: ControllerContext, cj: Loose, now: number): void {
  if (!cj.spec || cj.metadata.deletionTimestamp) return;
  const parsed = parseCronSchedule(String(cj.spec.schedule ?? ''));
  const status = (cj.status ??= {});
  let changed = false;
  if (parsed.ok && !cj.spec.suspend) {
    const since = ms(status.lastScheduleTime ?? cj.metadata.creationTimestamp);
    for (const at of scheduleTimes(parsed.value, since, now, MAX_MISSED)) {
      const jobs = ownedJobs(ctx, cj);
      for (const j of jobs) syncJob(ctx, j, at);
      const running = ownedJobs(ctx, cj).filter((j) => !jobFinished(j));
      const policy = cj.spec.concurrencyPolicy ?? 'Allow';
      status.lastScheduleTime = rfc3339(at);
      changed = true;
      if (running.length > 0 && policy === 'Forbid') continue;
      if (running.length > 0 && policy === 'Replace') for (const j of running) removeJob(ctx, j, true);
      createJob(ctx, cj, at);
    }
  }
  const jobs = ownedJobs(ctx, cj);
  for (const j of jobs) syncJob(ctx, j, now);
  // History limits: the newest finished Jobs of each outcome are kept.
  const left = ownedJobs(ctx, cj);
  for (const [outcome, limit] of [['Complete', cj.spec.successfulJobsHistoryLimit ?? 3], ['Failed', cj.spec.failedJobsHistoryLimit ?? 1]] as const) {
    const done = left.filter((j) => jobFinished(j) === outcome).sort((a, b) => ms(a.metadata.creationTimestamp) - ms(b.metadata.creationTimestamp));
    for (const j of done.slice(0, Math.max(0, done.length - limit))) removeJob(ctx, j, true);
  }
  const remaining = ownedJobs(ctx, cj);
  const active = remaining.filter((j) => !jobFinished(j)).sort((a, b) => ms(a.metadata.creationTimestamp) - ms(b.metadata.creationTimestamp));
  const lastSuccess = remaining
    .filter((j) => jobFinished(j) === 'Complete')
    .map((j) => j.status.completionTime as string)
    .sort()
    .pop();
  const next: Loose = {};
  if (active.length) next.active = active.map((j) => ({ apiVersion: 'batch/v1', kind: 'Job', name: j.metadata.name, namespace: j.metadata.namespace, resourceVersion: j.metadata.resourceVersion, uid: j.metadata.uid }));
  if (status.lastScheduleTime) next.lastScheduleTime = status.lastScheduleTime;
  if (lastSuccess ?? status.lastSuccessfulTime) next.lastSuccessfulTime = lastSuccess ?? status.lastSuccessfulTime;
  if (changed || JSON.stringify(next) !== JSON.stringify(status)) {
    cj.status = next;
    ctx.touch(cj as KubeObject);
  }
}
