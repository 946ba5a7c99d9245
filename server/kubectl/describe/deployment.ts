/**
 * DeploymentDescriber (staging/src/k8s.io/kubectl/pkg/describe/describe.go, 1.32). Old and new
 * ReplicaSets are found as kubectl's deploymentutil.GetAllReplicaSetsInChunks does: the owned
 * ReplicaSets matching the selector, oldest first; the new one has the deployment's template.
 */
import { formatRequirement, selectorMatches, selectorRequirements, type Deployment, type ReplicaSet } from '../../api/index.js';
import { resolveResourceType } from '../../cluster/index.js';
import type { ClusterApi } from '../../cluster/index.js';
import { annotations, timeField } from './lines.js';
import { describePodTemplate } from './pod-template.js';
import { PrefixWriter } from './writer.js';

type Obj = Record<string, any>;
const HASH_LABEL = 'pod-template-hash';

/** JSON with sorted keys and without empty maps or lists: Semantic.DeepEqual treats empty and nil alike. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (Array.isArray(x)) return x.length ? x : undefined;
    if (x && typeof x === 'object') {
      const keys = Object.keys(x).sort();
      return keys.length ? Object.fromEntries(keys.map((k) => [k, (x as Obj)[k]])) : undefined;
    }
    return x;
  });
}

/** equalIgnoreHash: templates equal once the pod-template-hash label is dropped. */
function equalIgnoreHash(a: Obj | undefined, b: Obj | undefined): boolean {
  const strip = (t: Obj | undefined) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) delete c.metadata.labels[HASH_LABEL];
    return canonical(c);
  };
  return strip(a) === strip(b);
}

/** The owned ReplicaSets, oldest first (name breaks ties), split into the new one and the others. */
export function replicaSetsOf(d: Deployment, cluster: ClusterApi): { newRS?: ReplicaSet; oldRSs: ReplicaSet[] } {
  const all = cluster.list(resolveResourceType('rs')!, d.metadata.namespace) as ReplicaSet[];
  const owned = all
    .filter((rs) => selectorMatches(d.spec.selector, rs.metadata.labels))
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid))
    .sort((a, b) => {
      const ta = Date.parse(a.metadata.creationTimestamp ?? '');
      const tb = Date.parse(b.metadata.creationTimestamp ?? '');
      if (ta !== tb) return ta - tb;
      return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
    });
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  return { newRS, oldRSs: owned.filter((rs) => rs !== newRS) };
}

/** printReplicaSetsByLabels. */
function replicaSetList(list: ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${(rs.status as Obj | undefined)?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(d: Deployment, cluster: ClusterApi): string {
  const w = new PrefixWriter();
  const spec = d.spec as Obj;
  const status = (d.status ?? {}) as Obj;
  w.write(0, `Name:\t${d.metadata.name}\n`);
  w.write(0, `Namespace:\t${d.metadata.namespace}\n`);
  w.write(0, `CreationTimestamp:\t${timeField(d.metadata.creationTimestamp)}\n`);
  w.labels('Labels', d.metadata.labels);
  annotations(w, 'Annotations', d.metadata.annotations);
  // labels.Selector.String(): empty for an empty selector, unlike FormatLabelSelector.
  w.write(0, `Selector:\t${selectorRequirements(spec.selector ?? {}).map(formatRequirement).join(',')}\n`);
  w.write(
    0,
    `Replicas:\t${spec.replicas ?? 1} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ` +
      `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
  );
  w.write(0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
  w.write(0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
  const ru = spec.strategy?.rollingUpdate;
  if (ru) w.write(0, `RollingUpdateStrategy:\t${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge\n`);
  describePodTemplate(w, spec.template);
  const conditions = (status.conditions ?? []) as Obj[];
  if (conditions.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const { newRS, oldRSs } = replicaSetsOf(d, cluster);
  if (newRS || oldRSs.length) {
    w.write(0, `OldReplicaSets:\t${replicaSetList(oldRSs)}\n`);
    w.write(0, `NewReplicaSet:\t${replicaSetList(newRS ? [newRS] : [])}\n`);
  }
  w.write(0, 'Events:\t<none>\n');
  return w.toString();
}
