/**
 * CronJob (batch/v1; pkg/registry/batch/cronjob): SetDefaults_CronJob, validation (the schedule
 * through robfig/cron's parser with its own error texts, the job template as a Job's spec, the
 * 52-character name), and the cronjob controller (../controllers/cron-jobs.ts) on the lab clock.
 */
import type { KubeObject } from '../../api/index.js';
import { defaultPodSpec } from '../defaults.js';
import { SCHEMAS } from '../schema.js';
import { invalidCause, notSupportedCause, requiredCause } from '../validation.js';
import type { StatusCause } from '../status-error.js';
import { parseCronSchedule } from '../cron.js';
import { syncCronJob } from '../controllers/cron-jobs.js';
import type { Loose } from '../controllers/loose.js';
import { validateJobSpec } from './job.js';
import { ALL_VERBS, type KindStrategy } from './strategy.js';

export interface CronJob extends KubeObject {
  kind: 'CronJob';
  spec?: Loose;
  status?: Loose;
}

/** ValidateCronJobCreate: the name leaves room for the Job's 11-character time suffix. */
export function validateCronJob(cj: CronJob): StatusCause[] {
  const errs: StatusCause[] = [];
  const name = cj.metadata.name ?? '';
  if (name.length > 52) errs.push(invalidCause('metadata.name', name, 'must be no more than 52 characters'));
  const s = cj.spec ?? {};
  if (!s.schedule) errs.push(requiredCause('spec.schedule'));
  else {
    const parsed = parseCronSchedule(String(s.schedule));
    if (!parsed.ok) errs.push(invalidCause('spec.schedule', String(s.schedule), parsed.error));
    if (s.timeZone !== undefined && String(s.schedule).includes('TZ')) errs.push(invalidCause('spec.schedule', String(s.schedule), 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    else if (String(s.schedule).includes('TZ')) errs.push(invalidCause('spec.schedule', String(s.schedule), 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  if (s.timeZone !== undefined && s.timeZone !== 'UTC' && s.timeZone !== 'Etc/UTC') errs.push(invalidCause('spec.timeZone', String(s.timeZone), `unknown time zone ${s.timeZone}`));
  const policy = s.concurrencyPolicy;
  if (policy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupportedCause('spec.concurrencyPolicy', String(policy), ['Allow', 'Forbid', 'Replace']));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    if (typeof s[f] === 'number' && s[f] < 0) errs.push(invalidCause(`spec.${f}`, s[f], 'must be greater than or equal to 0'));
  }
  errs.push(...validateJobSpec(s.jobTemplate?.spec, 'spec.jobTemplate.spec', true));
  return errs;
}

export const cronJobKind: KindStrategy<CronJob> = {
  kind: 'CronJob',
  resource: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  group: 'batch',
  version: 'v1',
  namespaced: true,
  verbs: ALL_VERBS,
  categories: ['all'],
  schema: SCHEMAS.CronJob!,
  nameRule: 'subdomain',
  tracksGeneration: true,
  statusRule: 'keepIfOmitted',
  applyDefaults(cj) {
    const s = (cj.spec ??= {});
    s.concurrencyPolicy ??= 'Allow';
    s.suspend ??= false;
    s.successfulJobsHistoryLimit ??= 3;
    s.failedJobsHistoryLimit ??= 1;
    const pod = s.jobTemplate?.spec?.template?.spec;
    if (pod) defaultPodSpec(pod);
  },
  validate: validateCronJob,
  afterCreate: (cj, ctx) => syncCronJob(ctx, cj as Loose, ctx.clock.now()),
  afterUpdate: (cj, ctx) => syncCronJob(ctx, cj as Loose, ctx.clock.now()),
  onClock(now, ctx) {
    for (const cj of ctx.list(cronJobKind)) syncCronJob(ctx, cj as Loose, now);
  },
};
