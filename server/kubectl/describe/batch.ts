/**
 * JobDescriber, CronJobDescriber and DaemonSetDescriber (staging/src/k8s.io/kubectl/pkg/describe/
 * describe.go, 1.32: describeJob, describeCronJob with describeJobTemplate and printActiveJobs,
 * describeDaemonSet). Pods Status counts by phase the pods the selector matches whose controller
 * is the object (getPodStatusForController).
 */
import { formatLabelSelector, selectorMatches, type KubeObject } from '../../api/index.js';
import { resolveResourceType, type ClusterApi } from '../../cluster/index.js';
import { humanDuration } from '../printers/age.js';
import { annotations, rfc1123z } from './lines.js';
import { controllerOf } from './pod.js';
import { describePodTemplate } from './pod-template.js';
import { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;

function podCounts(o: Obj, cluster: ClusterApi): string {
  const pods = (cluster.list(resolveResourceType('po')!, o.metadata.namespace) as Obj[]).filter(
    (p) => selectorMatches(o.spec?.selector, p.metadata.labels) && p.metadata.ownerReferences?.find((r: Obj) => r.controller)?.uid === o.metadata.uid,
  );
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

export function describeJob(o: KubeObject): string {
  const job = o as Obj;
  const s = job.spec ?? {};
  const st = job.status ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${job.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(s.selector)}\n`);
  w.labels('Labels', job.metadata.labels);
  annotations(w, 'Annotations', job.metadata.annotations);
  const controlledBy = controllerOf(job.metadata.ownerReferences);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (s.parallelism !== undefined) w.write(0, `Parallelism:\t${s.parallelism}\n`);
  w.write(0, `Completions:\t${s.completions ?? '<unset>'}\n`);
  if (s.completionMode !== undefined) w.write(0, `Completion Mode:\t${s.completionMode}\n`);
  if (s.suspend !== undefined) w.write(0, `Suspend:\t${s.suspend}\n`);
  if (s.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${s.backoffLimit}\n`);
  if (s.ttlSecondsAfterFinished !== undefined) w.write(0, `TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w.write(0, `Start Time:\t${rfc1123z(Date.parse(st.startTime))}\n`);
  if (st.completionTime) w.write(0, `Completed At:\t${rfc1123z(Date.parse(st.completionTime))}\n`);
  if (st.startTime && st.completionTime) w.write(0, `Duration:\t${humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime))}\n`);
  if (s.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${s.activeDeadlineSeconds}s\n`);
  if (st.ready === undefined) w.write(0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  else w.write(0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  describePodTemplate(w, s.template);
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}

export function describeCronJob(o: KubeObject): string {
  const cj = o as Obj;
  const s = cj.spec ?? {};
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${cj.metadata.namespace}\n`);
  w.labels('Labels', cj.metadata.labels);
  annotations(w, 'Annotations', cj.metadata.annotations);
  w.write(0, `Schedule:\t${s.schedule ?? ''}\n`);
  w.write(0, `Concurrency Policy:\t${s.concurrencyPolicy ?? ''}\n`);
  w.write(0, `Suspend:\t${s.suspend === undefined ? '<unset>' : s.suspend ? 'True' : 'False'}\n`);
  w.write(0, `Successful Job History Limit:\t${s.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(0, `Failed Job History Limit:\t${s.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w.write(0, `Starting Deadline Seconds:\t${s.startingDeadlineSeconds === undefined ? '<unset>' : `${s.startingDeadlineSeconds}s`}\n`);
  const jt = s.jobTemplate?.spec ?? {};
  w.write(0, `Selector:\t${jt.selector ? formatLabelSelector(jt.selector) : '<unset>'}\n`);
  w.write(0, `Parallelism:\t${jt.parallelism ?? '<unset>'}\n`);
  w.write(0, `Completions:\t${jt.completions ?? '<unset>'}\n`);
  if (jt.activeDeadlineSeconds !== undefined) w.write(0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, jt.template);
  const last = cj.status?.lastScheduleTime;
  w.write(0, `Last Schedule Time:\t${last ? rfc1123z(Date.parse(last)) : '<unset>'}\n`);
  const active = (cj.status?.active ?? []) as Obj[];
  w.write(0, `Active Jobs:\t${active.length ? active.map((j) => j.name).join(', ') : '<none>'}\n`);
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}

export function describeDaemonSet(o: KubeObject, cluster: ClusterApi): string {
  const ds = o as Obj;
  const st = ds.status ?? {};
  const nodeSelector = ds.spec?.template?.spec?.nodeSelector ?? {};
  const keys = Object.keys(nodeSelector).sort();
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${ds.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(ds.spec?.selector)}\n`);
  w.write(0, `Node-Selector:\t${keys.length ? keys.map((k) => `${k}=${nodeSelector[k]}`).join(',') : '<none>'}\n`);
  w.labels('Labels', ds.metadata.labels);
  annotations(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
  w.write(0, `Pods Status:\t${podCounts(ds, cluster)}\n`);
  describePodTemplate(w, ds.spec?.template);
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}
