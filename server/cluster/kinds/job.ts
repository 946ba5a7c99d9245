/**
 * Job (batch/v1; pkg/registry/batch/job): SetDefaults_Job, the generated selector and template
 * labels (PrepareForCreate's generateSelector), validation of the counts and the restart policy,
 * and the job controller (../controllers/jobs.ts) run on create and as the lab clock passes.
 */
import type { KubeObject } from '../../api/index.js';
import { defaultPodSpec } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { invalidCause, notSupportedCause, requiredCause, validateLabelSelector, validatePodSpec } from '../validation.js';
import type { StatusCause } from '../status-error.js';
import { syncJob } from '../controllers/jobs.js';
import type { Loose } from '../controllers/loose.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export interface Job extends KubeObject {
  kind: 'Job';
  // The controller reads the spec loosely (../controllers/jobs.ts); the schema holds its shape.
  spec?: Loose;
  status?: Loose;
}

/** SetDefaults_Job (pkg/apis/batch/v1/defaults.go). */
export function defaultJobSpec(s: Loose): void {
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  s.parallelism ??= 1;
  s.backoffLimit ??= s.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  s.completionMode ??= 'NonIndexed';
  s.suspend ??= false;
  s.podReplacementPolicy ??= s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (s.template?.spec) defaultPodSpec(s.template.spec);
}

const nonNegative = (v: unknown, field: string): StatusCause[] =>
  typeof v === 'number' && v < 0 ? [invalidCause(field, v, 'must be greater than or equal to 0')] : [];

/** ValidateJobSpec (pkg/apis/batch/validation): counts, the restart policy, the pod template. */
export function validateJobSpec(s: Loose | undefined, field: string, generated: boolean): StatusCause[] {
  const errs: StatusCause[] = [];
  if (!s) return [requiredCause(`${field}.template`)];
  errs.push(...nonNegative(s.parallelism, `${field}.parallelism`), ...nonNegative(s.completions, `${field}.completions`), ...nonNegative(s.backoffLimit, `${field}.backoffLimit`));
  if (typeof s.activeDeadlineSeconds === 'number' && s.activeDeadlineSeconds <= 0) errs.push(invalidCause(`${field}.activeDeadlineSeconds`, s.activeDeadlineSeconds, 'must be greater than 0'));
  errs.push(...nonNegative(s.ttlSecondsAfterFinished, `${field}.ttlSecondsAfterFinished`));
  if (!generated && s.manualSelector === true) {
    if (!s.selector) errs.push(requiredCause(`${field}.selector`));
    else errs.push(...validateLabelSelector(s.selector, `${field}.selector`));
  }
  const policy = s.template?.spec?.restartPolicy;
  if (policy !== 'OnFailure' && policy !== 'Never') errs.push(notSupportedCause(`${field}.template.spec.restartPolicy`, String(policy ?? ''), ['OnFailure', 'Never']));
  errs.push(...validatePodSpec(s.template?.spec, `${field}.template.spec`));
  return errs;
}

/** generateSelector: the controller-uid selector and the labels it selects, unless manualSelector. */
function generateSelector(job: Job): void {
  const s = job.spec!;
  const uid = job.metadata.uid!;
  const name = job.metadata.name!;
  if (s.manualSelector !== true) {
    const labels = (((s.template ??= {}).metadata ??= {}).labels ??= {});
    labels['batch.kubernetes.io/controller-uid'] ??= uid;
    labels['batch.kubernetes.io/job-name'] ??= name;
    labels['controller-uid'] ??= uid;
    labels['job-name'] ??= name;
    s.selector ??= { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  // SetDefaults_Job: a Job without labels takes its template's.
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) {
    const t = s.template?.metadata?.labels;
    if (t) job.metadata.labels = { ...t };
  }
}

export const jobKind: KindStrategy<Job> = {
  kind: 'Job',
  resource: 'jobs',
  singular: 'job',
  shortNames: [],
  group: 'batch',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.Job!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults: (j) => defaultJobSpec((j.spec ??= {})),
  validate: (j) => validateJobSpec(j.spec, 'spec', j.metadata.uid === undefined || j.spec?.manualSelector !== true),
  prepareForUpdate(next, current) {
    // A replace that leaves the generated selector out keeps it, with the labels it selects.
    if (next.spec && current.spec?.selector && !next.spec.selector) {
      next.spec.selector = structuredClone(current.spec.selector);
      const labels = current.spec.template?.metadata?.labels;
      if (labels && next.spec.template) next.spec.template.metadata = { ...(next.spec.template.metadata ?? {}), labels: { ...labels, ...(next.spec.template.metadata?.labels ?? {}) } };
    }
  },
  validateUpdate(next, current) {
    const errs: StatusCause[] = [];
    if (next.spec?.completions !== current.spec?.completions) errs.push(invalidCause('spec.completions', next.spec?.completions, 'field is immutable'));
    if (next.spec?.completionMode !== current.spec?.completionMode) errs.push(invalidCause('spec.completionMode', next.spec?.completionMode, 'field is immutable'));
    return errs;
  },
  afterCreate(job, ctx) {
    generateSelector(job);
    // A CronJob's Job is made at its scheduled time, which may be behind the clock: the cronjob
    // controller brings it forward step by step (its concurrency policy looks at it on the way).
    syncJob(ctx, job as Loose, Math.min(ctx.clock.now(), Date.parse(job.metadata.creationTimestamp!)));
  },
  afterUpdate: (job, ctx) => syncJob(ctx, job as Loose, ctx.clock.now()),
  onClock(now, ctx) {
    for (const job of ctx.list(jobKind)) syncJob(ctx, job as Loose, now);
  },
};
