/**
 * ReplicaSetDescriber (staging/src/k8s.io/kubectl/pkg/describe/describe.go, 1.32). Pods Status
 * counts, by phase, the pods the selector matches whose controller is this ReplicaSet
 * (getPodStatusForController).
 */
import { formatLabelSelector, selectorMatches, type ReplicaSet } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import type { ClusterApi } from '../../cluster/index.js';
import { annotations } from './lines.js';
import { controllerOf } from './pod.js';
import { describePodTemplate } from './pod-template.js';
import { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;

export function describeReplicaSet(rs: ReplicaSet, cluster: ClusterApi): string {
  const pods = (cluster.list(resolveResourceType('po')!, rs.metadata.namespace) as Obj[]).filter(
    (p) => selectorMatches(rs.spec.selector, p.metadata.labels) && p.metadata.ownerReferences?.find((r: Obj) => r.controller)?.uid === rs.metadata.uid,
  );
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  const status = (rs.status ?? {}) as Obj;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${rs.metadata.namespace}\n`);
  w.write(0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
  w.labels('Labels', rs.metadata.labels);
  annotations(w, 'Annotations', rs.metadata.annotations);
  const controlledBy = controllerOf(rs.metadata.ownerReferences);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  w.write(0, `Replicas:\t${status.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired\n`);
  w.write(0, 'Pods Status:\t');
  w.write(0, `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed\n`);
  describePodTemplate(w, rs.spec.template);
  const conditions = (status.conditions ?? []) as Obj[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}
